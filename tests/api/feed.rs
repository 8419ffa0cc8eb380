//! The change feed (`GET /api/v1/events`): every event of the county once, in order, across
//! pages; later events after the cursor; never another county's; only for the office,
//! supervisors and admins; a settle lag before an event shows; no free text in payloads.

use chrono::Duration;
use serde_json::{Value, json};
use std::collections::HashSet;

use crate::helpers::*;
use crate::lifecycle::{case_in_service, directory, step};

/// A server whose feed shows events at once (the settle lag is tested on its own).
async fn spawn_unsettled(backend: Backend) -> TestApp {
    spawn_configured(backend, |s| s.feed_settle_ms = 0).await
}

/// Reads the feed from `after` to its end in pages of `limit`; the events and the last cursor.
async fn read_all(app: &TestApp, token: &str, after: Option<&str>, limit: u32) -> (Vec<Value>, Option<String>) {
    let mut events = Vec::new();
    let mut cursor = after.map(str::to_owned);
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/events?limit={limit}&after={c}"),
            None => format!("/api/v1/events?limit={limit}"),
        };
        let r = app.get(&path, token).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let page = r.body["events"].as_array().unwrap().clone();
        assert!(page.len() <= limit as usize);
        events.extend(page);
        if let Some(next) = r.body["next_cursor"].as_str() {
            cursor = Some(next.to_owned());
        }
        if r.body["has_more"] != true {
            return (events, cursor);
        }
    }
}

fn ids(events: &[Value]) -> Vec<String> {
    events.iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect()
}

async fn the_events_of_a_walked_case_appear_once_each_in_order_and_later_ones_after_the_cursor(backend: Backend) {
    let app = spawn_unsettled(backend).await;
    let d = directory(&app).await;
    let office = app.token("office").await;
    let id = case_in_service(&app, &d).await;
    let timeline = app.get(&format!("/api/v1/cases/{id}/timeline"), &office).await.body;
    let history = timeline["events"].as_array().unwrap();

    let (events, cursor) = read_all(&app, &office, None, 2).await;
    let seen = ids(&events);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), seen.len(), "each event once");
    assert_eq!(events.len(), history.len(), "{events:#?}");
    // The case's own order (its history's sequence), and time never goes back.
    let actions: Vec<&Value> = events.iter().map(|e| &e["action"]).collect();
    let expected: Vec<&Value> = history.iter().map(|e| &e["action"]).collect();
    assert_eq!(actions, expected);
    let times: Vec<chrono::DateTime<chrono::Utc>> =
        events.iter().map(|e| e["occurred_at"].as_str().unwrap().parse().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    let first = &events[0];
    assert_eq!(first["case_id"], json!(id));
    assert!(first["case_number"].as_str().unwrap().starts_with("DAYAO-"), "{first}");
    assert_eq!(first["action"], "create");
    assert_eq!(first["to_state"], "draft");
    assert_eq!(first["actor_name"], history[0]["actor_name"]);
    let dispatched = events.iter().find(|e| e["action"] == "task_dispatched").unwrap();
    assert!(dispatched["sheet_id"].is_string(), "{dispatched}");

    // Nothing new: an empty page, and the cursor stays where it was.
    let r = app.get(&format!("/api/v1/events?after={}", cursor.as_deref().unwrap()), &office).await;
    assert_eq!(r.body["events"], json!([]));
    assert_eq!(r.body["has_more"], false);
    assert_eq!(r.body["next_cursor"].as_str(), cursor.as_deref());

    // A later change comes after the cursor, alone; its reason (free text) stays in the case.
    let reason = "企业在平台完成赋码，联系人周晓明 13800000031";
    let set = step(
        &app,
        "window_agent",
        &id,
        "project-code",
        json!({"project_code": "2603-532326-00-01-012341", "reason": reason}),
    )
    .await;
    assert_eq!(set["project_code"], "2603-532326-00-01-012341");
    let (later, _) = read_all(&app, &office, cursor.as_deref(), 2).await;
    assert_eq!(later.len(), 1, "{later:#?}");
    assert_eq!(later[0]["action"], "project_code_set");
    assert_eq!(later[0]["payload"]["project_code"], "2603-532326-00-01-012341");
    assert!(later[0]["payload"].get("reason").is_none(), "{}", later[0]);
    assert!(!later[0].to_string().contains("13800000031"), "{}", later[0]);
    // The case's own timeline keeps the reason.
    let timeline = app.get(&format!("/api/v1/cases/{id}/timeline"), &office).await.body;
    let last = timeline["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["payload"]["reason"], reason);
    assert!(!seen.contains(&later[0]["id"].as_str().unwrap().to_owned()));

    // Supervisors and admins read the same feed.
    for who in ["supervisor", "admin"] {
        let token = app.token(who).await;
        let (all, _) = read_all(&app, &token, None, 500).await;
        assert_eq!(all.len(), events.len() + 1, "{who}");
    }
}

async fn another_countys_events_never_appear(backend: Backend) {
    let app = spawn_unsettled(backend).await;
    app.add_tenant("yongren", "永仁县", "532327").await;
    let d = directory(&app).await;
    let office = app.token("office").await;
    let (their_enterprise, _) = app.login_in("yongren", "enterprise").await;
    let (their_office, _) = app.login_in("yongren", "office").await;
    let mut application = crate::lifecycle::application(&d);
    application["items"] = json!([]);
    let theirs = app.post("/api/v1/cases", &their_enterprise, application.clone()).await;
    assert_eq!(theirs.status, 201, "{}", theirs.body);
    let their_id = theirs.body["id"].as_str().unwrap().to_owned();
    let ours = app.post("/api/v1/cases", &app.token("enterprise").await, application).await;
    assert_eq!(ours.status, 201, "{}", ours.body);
    let our_id = ours.body["id"].as_str().unwrap().to_owned();

    let (events, _) = read_all(&app, &office, None, 100).await;
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e["case_id"] == json!(our_id)), "{events:#?}");
    let (events, _) = read_all(&app, &their_office, None, 100).await;
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e["case_id"] == json!(their_id)), "{events:#?}");
}

async fn only_the_office_supervisors_and_admins_read_it_and_a_bad_cursor_is_named(backend: Backend) {
    let app = spawn_unsettled(backend).await;
    for who in ["enterprise", "window_agent", "investment_officer", "agent-water"] {
        let token = app.token(who).await;
        app.get("/api/v1/events", &token).await.assert_problem(403, "forbidden");
    }
    let r = app.request(reqwest::Method::GET, "/api/v1/events", None, None).await;
    assert_eq!(r.status, 401);
    let office = app.token("office").await;
    for bad in ["nonsense", "AAAA", "%25%25"] {
        let r = app.get(&format!("/api/v1/events?after={bad}"), &office).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.field_codes(), vec![("cursor".to_owned(), "invalid_cursor".to_owned())], "{bad}");
    }
    for limit in [0, 501] {
        let r = app.get(&format!("/api/v1/events?limit={limit}"), &office).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.field_codes(), vec![("limit".to_owned(), "range".to_owned())]);
    }
    assert_eq!(app.get("/api/v1/events?limit=500", &office).await.status, 200);
}

async fn an_event_shows_once_the_settle_lag_has_passed(backend: Backend) {
    let app = spawn_configured(backend, |s| s.feed_settle_ms = 60_000).await;
    let d = directory(&app).await;
    let office = app.token("office").await;
    let created = app.post("/api/v1/cases", &app.token("enterprise").await, crate::lifecycle::application(&d)).await;
    assert_eq!(created.status, 201);
    let r = app.get("/api/v1/events", &office).await;
    assert_eq!(r.body["events"], json!([]), "not settled yet");
    assert_eq!(r.body["next_cursor"], Value::Null);
    assert_eq!(r.body["has_more"], false);
    app.clock.advance(Duration::seconds(61));
    let r = app.get("/api/v1/events", &office).await;
    let events = r.body["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{}", r.body);
    assert_eq!(events[0]["case_id"], created.body["id"]);
    assert!(r.body["next_cursor"].is_string());
}

crate::on_both_databases!(
    the_events_of_a_walked_case_appear_once_each_in_order_and_later_ones_after_the_cursor,
    another_countys_events_never_appear,
    only_the_office_supervisors_and_admins_read_it_and_a_bad_cursor_is_named,
    an_event_shows_once_the_settle_lag_has_passed,
);
