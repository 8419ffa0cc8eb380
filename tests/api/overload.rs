//! Overload: when every connection of the pool stays busy for the acquire timeout, a request
//! is answered 503 `service_unavailable` with `Retry-After`, in the caller's language, and
//! nothing of it is done; once the connection is free again the same work goes through.

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_configured};

/// Another connection takes the lock every write of an enterprise needs, until dropped: on
/// SQLite the database's write lock, on PostgreSQL the enterprises table's.
async fn hold_the_lock(app: &TestApp) -> (sea_orm::DatabaseConnection, sea_orm::DatabaseTransaction) {
    let db = app.db().await;
    let txn = if app.database_url.starts_with("postgres") {
        let txn = db.begin().await.expect("begin");
        txn.execute_unprepared("LOCK TABLE enterprises IN ACCESS EXCLUSIVE MODE").await.expect("lock");
        txn
    } else {
        butler_persistence::begin_write(&db).await.expect("the write lock")
    };
    (db, txn)
}

type Sent = tokio::task::JoinHandle<reqwest::Response>;

/// The answer that comes first, and the request still waiting.
async fn first_of(a: Sent, b: Sent) -> (reqwest::Response, Sent) {
    match futures_util::future::select(a, b).await {
        futures_util::future::Either::Left((r, other)) | futures_util::future::Either::Right((r, other)) => {
            (r.expect("task"), other)
        }
    }
}

async fn a_request_finding_every_connection_busy_is_told_to_retry(backend: Backend) {
    let app = spawn_configured(backend, |s| {
        s.database_max_connections = 1;
        s.database_acquire_timeout_ms = 300;
    })
    .await;
    let office = app.token("office").await;
    let body = |code: &str| json!({"name": format!("大姚示例建材有限公司{code}"), "credit_code": code, "contact_name": "钱示例", "contact_phone": "13800009999"});
    let create = |code: &'static str, lang: &'static str| {
        let req = app
            .client
            .post(format!("{}/api/v1/enterprises", app.base))
            .bearer_auth(&office)
            .header("accept-language", lang)
            .json(&body(code));
        async move { req.send().await.expect("request") }
    };

    let (_db, txn) = hold_the_lock(&app).await;
    // Two writes at once: the one that gets the server's only connection waits on the lock
    // while holding it; the other waits for a connection, in vain.
    let first = tokio::spawn(create("91532326MA6K0W0016", "en"));
    let second = tokio::spawn(create("91532326MA6K0W0029", "en"));
    let (done, other) = first_of(first, second).await;
    assert_eq!(done.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(done.headers()["content-type"], "application/problem+json");
    let retry: u64 = done.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry >= 1);
    let problem: serde_json::Value = done.json().await.unwrap();
    assert_eq!(problem["code"], "service_unavailable");
    assert_eq!(problem["status"], 503);
    assert!(problem["detail"].as_str().unwrap().contains("retry"), "{problem}");

    // The lock released, the waiting write goes through; the refused one left nothing.
    txn.rollback().await.expect("release");
    let other = other.await.expect("task");
    assert_eq!(other.status(), StatusCode::CREATED);
    let list = app.get("/api/v1/enterprises?q=91532326MA6K0W00", &office).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1, "{}", list.body);

    // In Chinese by default, and the server serves again.
    let (_db, txn) = hold_the_lock(&app).await;
    let first = tokio::spawn(create("91532326MA6K0W003C", "zh-CN"));
    let second = tokio::spawn(create("91532326MA6K0W004F", "zh-CN"));
    let (done, other) = first_of(first, second).await;
    assert_eq!(done.status(), StatusCode::SERVICE_UNAVAILABLE);
    let problem: serde_json::Value = done.json().await.unwrap();
    assert!(problem["detail"].as_str().unwrap().contains("繁忙"), "{problem}");
    txn.rollback().await.expect("release");
    assert_eq!(other.await.expect("task").status(), StatusCode::CREATED);
    assert_eq!(app.get("/api/v1/enterprises", &office).await.status, StatusCode::OK);
}

crate::on_both_databases!(a_request_finding_every_connection_busy_is_told_to_retry);
