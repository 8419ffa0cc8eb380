//! The write path's guarantees where their mechanism is batched: the notifications a sheet
//! command writes go out in one multi-row statement, still exactly one per recipient and
//! event; the sheet a command answers is the sheet as stored.

use crate::helpers::*;
use crate::lifecycle::{application, case_in_service, directory, task, task_of};
use serde_json::{Value, json};
use std::collections::HashMap;

/// `user`'s notifications about `sheet_id`, counted by kind.
async fn kinds_about(app: &TestApp, user: &str, sheet_id: &str) -> HashMap<String, usize> {
    let token = app.token(user).await;
    let r = app.get("/api/v1/notifications?limit=200", &token).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut kinds = HashMap::new();
    for n in r.body["items"].as_array().unwrap().iter().filter(|n| n["sheet_id"] == sheet_id) {
        *kinds.entry(n["kind"].as_str().unwrap().to_owned()).or_insert(0) += 1;
    }
    kinds
}

/// An approval tells the window and the office once each, and the sheet it makes ready is
/// dispatched to its agent once; no one is told twice of one event.
async fn each_recipient_is_told_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let id = case_in_service(&app, &d).await;
    let case = get_case(&app, &id).await;
    let land = task_of(&case, "建设用地", "approval")["id"].as_str().unwrap().to_owned();
    let before_window = kinds_about(&app, "window_agent", &land).await;
    let before_office = kinds_about(&app, "office", &land).await;
    task(&app, "agent-natural-resources", &land, "acknowledge", json!(null)).await;
    let finished = task(
        &app,
        "agent-natural-resources",
        &land,
        "finish",
        json!({"outcome": "approved", "document_number": "姚自然〔2026〕7号"}),
    )
    .await;
    assert_eq!(finished["state"], "finished");
    for (user, before) in [("window_agent", before_window), ("office", before_office)] {
        let after = kinds_about(&app, user, &land).await;
        let new: Vec<(&String, usize)> =
            after.iter().map(|(k, n)| (k, n - before.get(k).copied().unwrap_or(0))).filter(|(_, n)| *n > 0).collect();
        assert!(!new.is_empty(), "{user} was told of the approval: {after:?}");
        assert!(new.iter().all(|(_, n)| *n == 1), "{user} told once per event: {new:?}");
    }
    // The item that waited for the approval is dispatched now, its agent told once.
    let case = get_case(&app, &id).await;
    let construction = task_of(&case, "施工", "approval");
    assert_eq!(construction["state"], "dispatched", "{construction}");
    let told = kinds_about(&app, "agent-housing-construction", construction["id"].as_str().unwrap()).await;
    assert_eq!(told.get("task_dispatched"), Some(&1), "{told:?}");
}

/// A command answers the sheet as a later read shows it (the answer is built from what the
/// command wrote, not read again).
async fn a_command_answers_the_sheet_as_stored(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let id = case_in_service(&app, &d).await;
    let case = get_case(&app, &id).await;
    let land = task_of(&case, "建设用地", "approval")["id"].as_str().unwrap().to_owned();
    let answered = task(&app, "agent-natural-resources", &land, "acknowledge", json!(null)).await;
    let agent = app.token("agent-natural-resources").await;
    let read = app.get(&format!("/api/v1/tasks/{land}"), &agent).await;
    assert_eq!(read.status, 200, "{}", read.body);
    assert_eq!(answered, read.body);
    // The leader extends it: its finishing deadline moves (one closed, one opened).
    let extended = task(
        &app,
        "leader-natural-resources",
        &land,
        "extension",
        json!({"working_days": 2, "reason": "需补充现场踏勘"}),
    )
    .await;
    assert_ne!(extended["finish_by"], answered["finish_by"]);
    let leader = app.token("leader-natural-resources").await;
    let read = app.get(&format!("/api/v1/tasks/{land}"), &leader).await;
    assert_eq!(extended, read.body);
    assert_eq!(extended["version"], 3);
}

async fn get_case(app: &TestApp, id: &str) -> Value {
    let office = app.token("office").await;
    let r = app.get(&format!("/api/v1/cases/{id}"), &office).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
}

/// Applications made at the same moment each get a case of their own with a number of their
/// own, one after another under the county's prefix: none is refused for a number another
/// took.
async fn concurrent_applications_each_get_their_own_number(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;
    let answers =
        futures_util::future::join_all((0..12).map(|_| app.post("/api/v1/cases", &enterprise, application(&d)))).await;
    let mut serials = Vec::new();
    for r in &answers {
        assert_eq!(r.status, 201, "{}", r.body);
        let number = r.body["number"].as_str().unwrap();
        let (_, serial) = number.rsplit_once('-').unwrap();
        serials.push(serial.parse::<u32>().unwrap());
    }
    serials.sort_unstable();
    let first = serials[0];
    assert_eq!(serials, (first..first + 12).collect::<Vec<_>>(), "twelve numbers in a row, none twice");
}

crate::on_both_databases!(
    each_recipient_is_told_once,
    a_command_answers_the_sheet_as_stored,
    concurrent_applications_each_get_their_own_number
);
