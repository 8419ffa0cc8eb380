//! Supervision notices (督办通知): the office issues them, the people concerned are told,
//! departments read only their own.

use crate::helpers::*;
use crate::reminders::{fixture, insert_sheet};
use butler_persistence::entity::notification;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use std::collections::BTreeSet;
use uuid::Uuid;

async fn notified(db: &sea_orm::DatabaseConnection, kind: &str) -> BTreeSet<Uuid> {
    notification::Entity::find()
        .filter(notification::Column::Kind.eq(kind))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.recipient_id)
        .collect()
}

async fn the_office_chases_a_department_in_writing(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    let office = app.token("office").await;
    let r = app
        .post(
            "/api/v1/supervision-notices",
            &office,
            json!({"department_id": f.department, "content": "  请于本周内报送用地审批进展。 "}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["department_id"], f.department.to_string());
    assert_eq!(r.body["content"], "请于本周内报送用地审批进展。");
    assert_eq!(r.body["issued_by"], f.office.to_string());
    assert_eq!(notified(&db, "supervision_notice").await, BTreeSet::from([f.agent, f.leader]));

    // Naming a sheet fills in its case and department.
    let (case_id, sheet_id) = insert_sheet(&db, &f, app.clock_now()).await;
    let r = app
        .post("/api/v1/supervision-notices", &office, json!({"sheet_id": sheet_id, "content": "请加快办理。"}))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["case_id"], case_id.to_string());
    assert_eq!(r.body["department_id"], f.department.to_string());
    let agent = app.token("agent-natural-resources").await;
    let mine = app.get("/api/v1/notifications", &agent).await;
    let titles: Vec<&str> =
        mine.body["items"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"督办通知：自然资源局"), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("督办通知：项目“光伏组件项目”")), "{titles:?}");

    // The office and supervisors read every notice, newest first; the department its own.
    for reader in ["office", "supervisor", "leader-natural-resources", "agent-natural-resources"] {
        let list = app.get("/api/v1/supervision-notices", &app.token(reader).await).await;
        assert_eq!(list.status, 200, "{reader}: {}", list.body);
        let items = list.body["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{reader}");
        assert_eq!(items[0]["sheet_id"], sheet_id.to_string());
    }
    let by_case = app.get(&format!("/api/v1/supervision-notices?case_id={case_id}"), &office).await;
    assert_eq!(by_case.body["items"].as_array().unwrap().len(), 1);
    // The notice is part of the case's file.
    let timeline = app.get(&format!("/api/v1/cases/{case_id}/timeline"), &office).await;
    assert_eq!(timeline.status, 200, "{}", timeline.body);
    let notice =
        timeline.body["events"].as_array().unwrap().iter().find(|e| e["action"] == "supervision_notice").cloned();
    assert_eq!(notice.expect("a supervision_notice event")["payload"]["content"], "请加快办理。");
    assert_eq!(timeline.body["verification"]["valid"], true);
    let water = app.token("leader-water").await;
    assert_eq!(app.get("/api/v1/supervision-notices", &water).await.body["items"].as_array().unwrap().len(), 0);
    app.get(&format!("/api/v1/supervision-notices?department_id={}", f.department), &water)
        .await
        .assert_problem(403, "forbidden");
    for role in ["enterprise", "window_agent", "admin"] {
        app.get("/api/v1/supervision-notices", &app.token(role).await).await.assert_problem(403, "forbidden");
    }
}

async fn a_notice_needs_the_office_and_a_known_target(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    for role in ["supervisor", "window_agent", "leader-natural-resources"] {
        app.post(
            "/api/v1/supervision-notices",
            &app.token(role).await,
            json!({"department_id": f.department, "content": "请加快办理。"}),
        )
        .await
        .assert_problem(403, "forbidden");
    }
    let office = app.token("office").await;
    let r = app.post("/api/v1/supervision-notices", &office, json!({"content": "请加快办理。"})).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("department_id".to_owned(), "target_required".to_owned())]);
    let r = app
        .post(
            "/api/v1/supervision-notices",
            &office,
            json!({"department_id": Uuid::now_v7(), "case_id": Uuid::now_v7(), "sheet_id": Uuid::now_v7(), "content": "x"}),
        )
        .await;
    let codes: BTreeSet<String> = r.field_codes().into_iter().map(|(_, c)| c).collect();
    assert_eq!(
        codes,
        BTreeSet::from(["unknown_case".to_owned(), "unknown_department".to_owned(), "unknown_sheet".to_owned()])
    );
    // A sheet of another department than the one named.
    let (_, sheet_id) = insert_sheet(&db, &f, app.clock_now()).await;
    let other = butler_persistence::repo::departments::find_by_code(&db, f.tenant, "water").await.unwrap().unwrap();
    let r = app
        .post(
            "/api/v1/supervision-notices",
            &office,
            json!({"sheet_id": sheet_id, "department_id": other.id, "content": "x"}),
        )
        .await;
    assert_eq!(r.field_codes(), vec![("sheet_id".to_owned(), "sheet_not_in_department".to_owned())]);
    let r =
        app.post("/api/v1/supervision-notices", &office, json!({"department_id": f.department, "content": ""})).await;
    assert_eq!(r.field_codes(), vec![("content".to_owned(), "length".to_owned())]);
    assert!(notified(&db, "supervision_notice").await.is_empty());
}

crate::on_both_databases!(the_office_chases_a_department_in_writing, a_notice_needs_the_office_and_a_known_target);
