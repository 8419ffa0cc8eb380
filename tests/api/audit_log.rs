//! The audit log (审计日志): the admin reads the county's trail filtered and paged newest
//! first and exports it (the export recorded); nobody else reads it, no county another's; the
//! database refuses to change an entry or delete a young one, and the retention sweep removes
//! only entries past the retention.

use std::io::Cursor;

use butler_domain::audit::{AuditAction, AuditOutcome, AuditRetention};
use butler_persistence::Code;
use butler_persistence::entity::audit_log;
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, PaginatorTrait, Statement};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::*;
use crate::platform::platform_token;

/// Every entry `path` (with its filters) lists, page by page of `limit`.
async fn all_pages(app: &TestApp, token: &str, path: &str, limit: u32) -> Vec<Value> {
    let sep = if path.contains('?') { '&' } else { '?' };
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("{path}{sep}limit={limit}&cursor={c}"),
            None => format!("{path}{sep}limit={limit}"),
        };
        let r = app.get(&url, token).await;
        assert_eq!(r.status, 200, "{url}: {}", r.body);
        let page = r.body["items"].as_array().unwrap().clone();
        assert!(page.len() <= limit as usize);
        items.extend(page);
        match r.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    items
}

fn at(entry: &Value) -> DateTime<Utc> {
    entry["at"].as_str().unwrap().parse().unwrap()
}

/// Signs in `username` of the demo county with `x-request-id: request_id`.
async fn login_with_request_id(app: &TestApp, username: &str, password: &str, request_id: &str) -> Reply {
    let body = json!({"tenant": "dayao", "username": username, "password": password});
    app.raw(app.client.post(format!("{}/api/v1/auth/login", app.base)).header("x-request-id", request_id).json(&body))
        .await
}

async fn the_admin_reads_the_countys_trail_filtered_and_paged_newest_first(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token("admin").await;
    let failed = login_with_request_id(&app, "office", "not-the-password", "audit-probe-1").await;
    assert_eq!(failed.status, 401, "{}", failed.body);
    let office = app.token("office").await;
    let office_id = app.get("/api/v1/me", &office).await.body["id"].as_str().unwrap().to_owned();

    let everything = all_pages(&app, &admin, "/api/v1/audit-log", 200).await;
    assert!(everything.len() >= 3, "{everything:?}");
    for pair in everything.windows(2) {
        assert!(at(&pair[0]) >= at(&pair[1]), "newest first: {pair:?}");
    }
    // Who, when, what, how, from where, in which request.
    let probe: Vec<&Value> = everything.iter().filter(|e| e["request_id"] == "audit-probe-1").collect();
    assert_eq!(probe.len(), 1, "{everything:?}");
    let probe = probe[0];
    assert_eq!(probe["action"], "login");
    assert_eq!(probe["outcome"], "failure");
    assert_eq!(probe["user_id"], office_id.as_str());
    assert_eq!(probe["user_role"], "office");
    assert!(probe["user_name"].as_str().is_some_and(|n| !n.is_empty()), "{probe}");
    assert_eq!(probe["ip"], "127.0.0.1");
    assert!(probe["tenant_id"].is_string());

    // Paging a page of one at a time reads the same entries in the same order.
    let one_by_one = all_pages(&app, &admin, "/api/v1/audit-log", 1).await;
    let ids = |v: &[Value]| v.iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    // The admin's own reads are not recorded: the trail did not grow between the two walks.
    assert_eq!(ids(&one_by_one), ids(&everything));

    // Each filter holds.
    let failures = all_pages(&app, &admin, "/api/v1/audit-log?outcome=failure", 50).await;
    assert!(!failures.is_empty() && failures.iter().all(|e| e["outcome"] == "failure"), "{failures:?}");
    let by_office = all_pages(&app, &admin, &format!("/api/v1/audit-log?user_id={office_id}"), 50).await;
    assert_eq!(by_office.len(), 2, "a failed and a successful sign-in: {by_office:?}");
    assert!(by_office.iter().all(|e| e["user_id"] == office_id.as_str()));
    let logins = all_pages(&app, &admin, "/api/v1/audit-log?action=login&outcome=success", 50).await;
    assert!(logins.len() >= 2 && logins.iter().all(|e| e["action"] == "login" && e["outcome"] == "success"));
    let by_request = all_pages(&app, &admin, "/api/v1/audit-log?request_id=audit-probe-1", 50).await;
    assert_eq!(ids(&by_request), [probe["id"].as_str().unwrap().to_owned()]);
    let from_home = all_pages(&app, &admin, "/api/v1/audit-log?ip=127.0.0.1", 50).await;
    assert!(from_home.len() >= 3 && from_home.iter().all(|e| e["ip"] == "127.0.0.1"), "{from_home:?}");
    assert!(all_pages(&app, &admin, "/api/v1/audit-log?ip=10.9.9.9", 50).await.is_empty());
    // A time range: the probe's own instant is inside [at, at + 1 ms), nothing is before the first.
    let t = at(probe);
    let range = format!(
        "/api/v1/audit-log?request_id=audit-probe-1&from={}&until={}",
        t.format("%Y-%m-%dT%H:%M:%S%.6fZ"),
        (t + Duration::milliseconds(1)).format("%Y-%m-%dT%H:%M:%S%.6fZ")
    );
    assert_eq!(all_pages(&app, &admin, &range, 50).await.len(), 1, "{range}");
    let before = (at(everything.last().unwrap()) - Duration::seconds(1)).format("%Y-%m-%dT%H:%M:%SZ");
    assert!(all_pages(&app, &admin, &format!("/api/v1/audit-log?until={before}"), 50).await.is_empty());

    // Bad filters change nothing and say which field.
    let r = app.get("/api/v1/audit-log?from=2026-12-05T00:00:00Z&until=2026-12-04T00:00:00Z", &admin).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), [("until".to_owned(), "before_from".to_owned())]);
    let r = app.get("/api/v1/audit-log?action=no_such_action", &admin).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let r = app.get(&format!("/api/v1/audit-log?ip={}", "1".repeat(65)), &admin).await;
    assert_eq!(r.field_codes(), [("ip".to_owned(), "too_long".to_owned())]);
    app.get("/api/v1/audit-log?limit=0", &admin).await.assert_problem(422, "validation_failed");
}

async fn only_the_admin_reads_and_each_county_its_own(backend: Backend) {
    let app = spawn_app(backend).await;
    for role in ["office", "supervisor", "enterprise", "agent-water"] {
        let token = app.token(role).await;
        app.get("/api/v1/audit-log", &token).await.assert_problem(403, "forbidden");
        app.get("/api/v1/audit-log/export.xlsx", &token).await.assert_problem(403, "forbidden");
    }
    app.add_tenant("yaoan", "姚安县", "532325").await;
    let dayao_admin = app.token("admin").await;
    let yaoan_admin = app.login_in("yaoan", "admin").await.0;
    let dayao = all_pages(&app, &dayao_admin, "/api/v1/audit-log", 200).await;
    let yaoan = all_pages(&app, &yaoan_admin, "/api/v1/audit-log", 200).await;
    assert!(!dayao.is_empty() && !yaoan.is_empty());
    let tenants = |v: &[Value]| v.iter().map(|e| e["tenant_id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    let (dayao_tenants, yaoan_tenants) = (tenants(&dayao), tenants(&yaoan));
    assert!(dayao_tenants.iter().all(|t| *t == dayao_tenants[0]));
    assert!(yaoan_tenants.iter().all(|t| *t == yaoan_tenants[0]));
    assert_ne!(dayao_tenants[0], yaoan_tenants[0], "another county's entries are invisible");
    // Naming another county's user finds nothing.
    let yaoan_user = yaoan[0]["user_id"].as_str().unwrap();
    assert!(all_pages(&app, &dayao_admin, &format!("/api/v1/audit-log?user_id={yaoan_user}"), 50).await.is_empty());

    // The platform administrator reads the platform's trail, not a county's.
    let platform = platform_token(&app).await;
    app.get("/api/v1/audit-log", &platform).await.assert_problem(403, "county_only");
    let own = all_pages(&app, &platform, "/api/v1/platform/audit-log", 50).await;
    assert!(own.iter().any(|e| e["action"] == "login" && e["user_role"] == "platform_admin"), "{own:?}");
    assert!(own.iter().all(|e| e["tenant_id"] != dayao_tenants[0].as_str()));
    app.get("/api/v1/platform/audit-log", &dayao_admin).await.assert_problem(403, "platform_only");
    let file = app
        .client
        .get(format!("{}/api/v1/platform/audit-log/export.xlsx", app.base))
        .bearer_auth(&platform)
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 200);
    // No operation changes or deletes an entry.
    for method in [reqwest::Method::DELETE, reqwest::Method::PATCH, reqwest::Method::PUT, reqwest::Method::POST] {
        let r = app.request(method.clone(), "/api/v1/audit-log", Some(&dayao_admin), Some(json!({}))).await;
        assert!([404, 405].contains(&r.status.as_u16()), "{method}: {}", r.status);
    }
}

/// The rows of the first sheet of an .xlsx, as text.
fn sheet_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

async fn the_export_holds_the_filtered_entries_and_is_itself_recorded(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token("admin").await;
    let failed = login_with_request_id(&app, "office", "not-the-password", "audit-probe-2").await;
    assert_eq!(failed.status, 401);
    app.token("office").await;
    let logins = all_pages(&app, &admin, "/api/v1/audit-log?action=login", 200).await;

    let res = app
        .client
        .get(format!("{}/api/v1/audit-log/export.xlsx?action=login", app.base))
        .bearer_auth(&admin)
        .header("x-request-id", "audit-export-1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("%E5%AE%A1%E8%AE%A1")); // 审计
    let rows = sheet_rows(&res.bytes().await.unwrap());
    assert_eq!(rows[0][..7], ["时间", "操作人", "角色", "用户ID", "操作", "操作代码", "结果"]);
    assert_eq!(rows.len(), logins.len() + 1, "a header and one row per entry: {rows:?}");
    assert!(rows[1..].iter().all(|r| r[4] == "登录" && r[5] == "login"), "{rows:?}");
    let probe = rows.iter().find(|r| r[8] == "audit-probe-2").expect("the failed sign-in");
    assert_eq!((probe[2].as_str(), probe[6].as_str(), probe[7].as_str()), ("领导小组办公室", "失败", "127.0.0.1"));

    // The export is in the trail: who, with which filters, how many rows.
    let exports = all_pages(&app, &admin, "/api/v1/audit-log?action=audit_log_exported", 50).await;
    assert_eq!(exports.len(), 1, "{exports:?}");
    assert_eq!(exports[0]["request_id"], "audit-export-1");
    assert_eq!(exports[0]["user_role"], "admin");
    assert_eq!(exports[0]["detail"]["rows"], logins.len());
    assert_eq!(exports[0]["detail"]["filters"]["action"], "login");

    // A bad range exports nothing and records nothing.
    let r = app.get("/api/v1/audit-log/export.xlsx?from=2026-12-05T00:00:00Z&until=2026-12-05T00:00:00Z", &admin).await;
    assert_eq!(r.field_codes(), [("until".to_owned(), "before_from".to_owned())]);
    assert_eq!(all_pages(&app, &admin, "/api/v1/audit-log?action=audit_log_exported", 50).await.len(), 1);
}

/// An entry recorded `days_ago` days before now, straight into the table (appending is
/// allowed).
async fn insert_aged(db: &impl ConnectionTrait, days_ago: i64, request_id: &str) -> Uuid {
    let id = Uuid::now_v7();
    let row = audit_log::ActiveModel {
        id: Set(id),
        tenant_id: Set(None),
        user_id: Set(None),
        action: Set(Code(AuditAction::Login)),
        outcome: Set(Code(AuditOutcome::Failure)),
        detail: Set(None),
        ip: Set(Some("192.0.2.7".to_owned())),
        request_id: Set(Some(request_id.to_owned())),
        at: Set(Utc::now() - Duration::days(days_ago)),
    };
    audit_log::Entity::insert(row).exec_without_returning(db).await.unwrap();
    id
}

async fn exists(db: &impl ConnectionTrait, id: Uuid) -> bool {
    audit_log::Entity::find_by_id(id).one(db).await.unwrap().is_some()
}

async fn the_database_keeps_entries_and_the_sweep_removes_only_those_past_the_retention(backend: Backend) {
    let app = spawn_app(backend).await;
    app.token("admin").await;
    let db = app.db().await;
    let backend_of = db.get_database_backend();
    let run = |sql: &str| Statement::from_string(backend_of, sql.to_owned());
    let recorded = audit_log::Entity::find().count(&db).await.unwrap();
    assert!(recorded >= 1);

    // No entry changes; none younger than 180 days goes.
    assert!(db.execute_raw(run("UPDATE audit_log SET outcome = 'success'")).await.is_err());
    assert!(db.execute_raw(run("DELETE FROM audit_log")).await.is_err());
    assert_eq!(audit_log::Entity::find().count(&db).await.unwrap(), recorded);
    let old = insert_aged(&db, 200, "aged-200").await;
    let older_than_retention = insert_aged(&db, 190, "aged-190").await;
    let young = insert_aged(&db, 170, "aged-170").await;
    assert!(db.execute_raw(run("UPDATE audit_log SET ip = '0.0.0.0' WHERE request_id = 'aged-200'")).await.is_err());
    assert!(db.execute_raw(run("DELETE FROM audit_log WHERE request_id = 'aged-170'")).await.is_err());
    assert!(exists(&db, young).await);

    // A retention of 195 days removes the 200-day-old entry only; the default 180 the 190-day
    // old one too; nothing younger ever.
    let clock: std::sync::Arc<dyn butler_app::clock::Clock> = app.clock.clone();
    let ctx = butler_app::Context::new(db.clone(), clock, false);
    let longer = ctx.clone().with_audit_retention(AuditRetention::parse(195).unwrap());
    assert_eq!(butler_app::audit_log::purge(&longer, app.clock_now()).await.unwrap(), 1);
    assert!(!exists(&db, old).await && exists(&db, older_than_retention).await);
    assert_eq!(butler_app::audit_log::purge(&ctx, app.clock_now()).await.unwrap(), 1);
    assert!(!exists(&db, older_than_retention).await);
    assert_eq!(butler_app::audit_log::purge(&ctx, app.clock_now()).await.unwrap(), 0);
    assert!(exists(&db, young).await);
    assert_eq!(audit_log::Entity::find().count(&db).await.unwrap(), recorded + 1);
    // An old entry may go, by the database's rule, only past 180 days.
    let aged = insert_aged(&db, 181, "aged-181").await;
    db.execute_raw(run("DELETE FROM audit_log WHERE request_id = 'aged-181'")).await.unwrap();
    assert!(!exists(&db, aged).await);
    db.close().await.ok();
}

async fn the_scheduler_removes_entries_past_the_retention_by_itself(backend: Backend) {
    let app = spawn_configured(backend, |s| s.scheduler_interval_secs = 1).await;
    let db = app.db().await;
    let old = insert_aged(&db, 400, "aged-400").await;
    let kept = insert_aged(&db, 179, "aged-179").await;
    let mut waited = 0;
    while exists(&db, old).await {
        assert!(waited < 300, "the scheduler never removed the entry past its retention");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        waited += 1;
    }
    assert!(exists(&db, kept).await);
    db.close().await.ok();
}

crate::on_both_databases!(
    the_admin_reads_the_countys_trail_filtered_and_paged_newest_first,
    only_the_admin_reads_and_each_county_its_own,
    the_export_holds_the_filtered_entries_and_is_itself_recorded,
    the_database_keeps_entries_and_the_sweep_removes_only_those_past_the_retention,
    the_scheduler_removes_entries_past_the_retention_by_itself,
);
