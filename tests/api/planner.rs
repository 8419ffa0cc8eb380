//! A county with thousands of cases has the cases of a work queue's page, and the case of a
//! sheet being moved, read by key, not through the county's index. SQLite keeps no statistics
//! (the planner's rules choose), and it guesses that an equality on `tenant_id` picks ten rows:
//! it took `tenant_id = ? AND id IN (…)` through the index on the county, every case of the
//! county for each page and for each transition. The stamps are read by key alone and the county
//! checked on the rows read; the case of a sheet is matched to the sheet's single case key.
//! The look for finished sheets with no time used, at every start, goes through its own index
//! rather than every sheet. A department's case list reads its cases by the ids of its items.

use crate::helpers::*;
use crate::lifecycle::{application, directory};
use butler_persistence::entity::case;
use butler_persistence::repo::{cases, reads, sheets};
use sea_orm::sea_query::SqliteQueryBuilder;
use sea_orm::{ConnectionTrait, Database, DbBackend, QueryOrder, QuerySelect, QueryTrait, Statement};
use uuid::Uuid;

/// Applications made through the API, then copies made of each (2 × 2,800 = 5,600 cases).
const APPLICATIONS: u32 = 2;
const COPIES: u32 = 2_800;

#[tokio::test]
async fn a_grown_county_has_its_cases_read_by_key() {
    let app = spawn_app(Backend::Sqlite).await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;
    for _ in 0..APPLICATIONS {
        let created = app.post("/api/v1/cases", &enterprise, application(&d)).await;
        assert_eq!(created.status, 201, "{}", created.body);
    }
    let db = Database::connect(&app.database_url).await.expect("connect");
    let one = |sql: &str| Statement::from_string(DbBackend::Sqlite, sql.to_owned());
    let tenant: Uuid = first(&db, "SELECT tenant_id AS v FROM cases LIMIT 1", []).await;

    // The county's cases copied under new ids, numbers and no project code.
    let columns: Vec<String> = db
        .query_all_raw(one("SELECT name FROM pragma_table_info('cases') ORDER BY cid"))
        .await
        .expect("columns")
        .iter()
        .map(|r| r.try_get::<String>("", "name").expect("name"))
        .collect();
    let values: Vec<String> = columns
        .iter()
        .map(|c| match c.as_str() {
            "id" => "randomblob(16)".to_owned(),
            "number" => "c.number || '-' || n.i".to_owned(),
            "project_code" => "NULL".to_owned(),
            other => format!("c.\"{other}\""),
        })
        .collect();
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let copy = format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {COPIES}) \
         INSERT INTO cases ({}) SELECT {} FROM cases c, n",
        quoted.join(", "),
        values.join(", "),
    );
    db.execute_raw(one(&copy)).await.expect("copy the cases");
    let count: i64 = first(&db, "SELECT COUNT(*) AS v FROM cases", []).await;
    assert_eq!(count, i64::from(APPLICATIONS * (COPIES + 1)));
    db.close().await.expect("close");
    // A pool opened now, as a server's.
    let pool = butler_persistence::connect(&app.database_url, 1).await.expect("pool");
    let statistics: i64 = first(&pool, "SELECT COUNT(*) AS v FROM sqlite_schema WHERE name = 'sqlite_stat1'", []).await;
    assert_eq!(statistics, 0, "the plan below is the planner's rules', without statistics");
    let ids: Vec<Uuid> = pool
        .query_all_raw(one("SELECT id FROM cases ORDER BY random() LIMIT 45"))
        .await
        .expect("ids")
        .iter()
        .map(|r| r.try_get("", "id").expect("id"))
        .collect();
    let (sql, values) = reads::case_stamps_select(&ids).build(SqliteQueryBuilder);
    let plan = step_on(&pool, "cases", Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)).await;
    assert!(
        plan.contains("sqlite_autoindex_cases_1 (id=?)"),
        "the stamps of a page's cases are read through the county's index, not by key: {plan}"
    );
    let plan = step_on(&pool, "cases", cases::of_sheet_select(tenant, Uuid::now_v7()).build(DbBackend::Sqlite)).await;
    assert!(
        plan.contains("sqlite_autoindex_cases_1 (id=?)"),
        "the case of a sheet is read through the county's index, not by key: {plan}"
    );
    let plan =
        step_on(&pool, "task_sheets", sheets::unmeasured_select(Some(Uuid::now_v7()), 500).build(DbBackend::Sqlite))
            .await;
    assert!(
        plan.contains("ix_task_sheets_unmeasured"),
        "the look for unmeasured sheets at start reads every sheet: {plan}"
    );
    // A department's case list, and a team member's, read their cases by key and in order (not
    // every case of the county, sorted), the ids from an index of their own.
    let department: Uuid = first(&pool, "SELECT department_id AS v FROM case_items LIMIT 1", []).await;
    for (filter, ids_from) in [
        (
            cases::CaseFilter { department_id: Some(department), hide_drafts: true, ..Default::default() },
            "ix_case_items_department_case",
        ),
        (
            cases::CaseFilter { team_member: Some(Uuid::now_v7()), ..Default::default() },
            "ix_case_team_members_user_case",
        ),
    ] {
        let statement =
            cases::list_select(tenant, &filter).order_by_asc(case::Column::Id).limit(21).build(DbBackend::Sqlite);
        let plan = plan_of(&pool, statement).await.join("\n");
        assert!(plan.contains("SEARCH cases USING INDEX sqlite_autoindex_cases_1 (id=?)"), "{filter:?}:\n{plan}");
        assert!(plan.contains(ids_from) && !plan.contains("TEMP B-TREE"), "{filter:?}:\n{plan}");
    }
    // The department's list holds the county's cases with its items, and no other county's.
    let filter = cases::CaseFilter { department_id: Some(department), ..Default::default() };
    let page = butler_persistence::PageRequest { limit: 100, after: None };
    let listed = cases::list(&pool, tenant, &filter, page).await.expect("list");
    let expected: i64 = first(
        &pool,
        "SELECT COUNT(DISTINCT case_id) AS v FROM case_items i JOIN cases c ON c.id = i.case_id \
         WHERE i.department_id = ? AND c.tenant_id = ?",
        [department.into(), tenant.into()],
    )
    .await;
    assert!(expected > 0);
    assert_eq!(listed.items.len() as i64, expected);
    assert!(listed.items.windows(2).all(|w| w[0].id < w[1].id), "in order, each once");
    let stamps = reads::case_stamps(&pool, tenant, &ids).await.expect("stamps");
    assert_eq!(stamps.len(), ids.len());
    // Another county reads none of them, one by one or as a page, nor the department's list.
    let other: Uuid = first(&pool, "SELECT id AS v FROM tenants WHERE id <> ? LIMIT 1", [tenant.into()]).await;
    assert!(cases::list(&pool, other, &filter, page).await.expect("list").items.is_empty());
    assert!(reads::case_stamps(&pool, other, &ids).await.expect("stamps").is_empty());
    assert_eq!(reads::case_stamp(&pool, other, ids[0]).await.expect("stamp"), None);
    assert!(reads::case_stamp(&pool, tenant, ids[0]).await.expect("stamp").is_some());
}

/// The steps of `statement`'s plan.
async fn plan_of(db: &sea_orm::DatabaseConnection, statement: Statement) -> Vec<String> {
    let explain = Statement { sql: format!("EXPLAIN QUERY PLAN {}", statement.sql), ..statement };
    db.query_all_raw(explain)
        .await
        .expect("plan")
        .iter()
        .map(|r| r.try_get::<String>("", "detail").expect("detail"))
        .collect()
}

/// The step of `statement`'s plan that reads the table `table`.
async fn step_on(db: &sea_orm::DatabaseConnection, table: &str, statement: Statement) -> String {
    let plan = plan_of(db, statement).await;
    plan.iter()
        .find(|l| l.contains(&format!(" {table} ")))
        .cloned()
        .unwrap_or_else(|| panic!("no step on {table}: {plan:?}"))
}

/// The column `v` of the first row `sql` answers.
async fn first<T: sea_orm::TryGetable, const N: usize>(
    db: &sea_orm::DatabaseConnection,
    sql: &str,
    values: [sea_orm::Value; N],
) -> T {
    db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, values))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .unwrap_or_else(|| panic!("{sql}: no row"))
        .try_get("", "v")
        .unwrap_or_else(|e| panic!("{sql}: {e:?}"))
}
