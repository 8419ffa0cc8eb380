//! Probes, metrics, request ids, the explorer, unknown routes.

use crate::helpers::*;
use butler_server::config::Secret;

async fn probes_metrics_and_request_ids(backend: Backend) {
    let app = spawn_configured(backend, |s| s.metrics_token = Secret::new("scrape-token")).await;
    let health = app.client.get(format!("{}/healthz", app.base)).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = app.client.get(format!("{}/readyz", app.base)).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    assert!(!ready.headers()["x-request-id"].is_empty());
    let echoed =
        app.client.get(format!("{}/healthz", app.base)).header("x-request-id", "abc-123").send().await.unwrap();
    assert_eq!(echoed.headers()["x-request-id"], "abc-123");

    app.token("office").await;
    let metrics = app
        .client
        .get(format!("{}/metrics", app.base))
        .bearer_auth("scrape-token")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("butler_http_requests_total{method=\"POST\",route=\"/api/v1/auth/login\",status=\"200\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("butler_http_request_duration_seconds_bucket"));
}

async fn unknown_routes_answer_problem_json(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = app.raw(app.client.get(format!("{}/api/v1/nothing-here", app.base))).await;
    r.assert_problem(404, "not_found");
    let r = app.raw(app.client.get(format!("{}/api/v2/anything", app.base))).await;
    r.assert_problem(404, "not_found");
}

async fn the_explorer_works_offline(backend: Backend) {
    let app = spawn_app(backend).await;
    let page = app.client.get(format!("{}/docs/", app.base)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger-ui"));
    // Its scripts are served by this server, not a CDN.
    assert!(!html.contains("https://"), "the explorer page must not load anything from the internet");
    let script = app.client.get(format!("{}/docs/swagger-ui-bundle.js", app.base)).send().await.unwrap();
    assert_eq!(script.status(), 200);
}

crate::on_both_databases!(
    probes_metrics_and_request_ids,
    unknown_routes_answer_problem_json,
    the_explorer_works_offline
);
