//! Webhooks against real receivers (local HTTP servers): every case event reaches a
//! subscriber once, in order, signed per Standard Webhooks (verified with the
//! `standardwebhooks` library) and carrying its place in the case's history; a receiver down for a while then back gets every message once,
//! with two server processes; an endpoint failing for the whole window is switched off and
//! comes back; an admin replays a message; the provincial platform hears each milestone of a
//! coded project once; an API client that missed webhooks catches up through the change feed.

use crate::helpers::*;
use crate::lifecycle::{application, case_in_service, directory, step};
use crate::on_both_databases;
use crate::receiver::*;
use butler_server::config::Settings;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// Events show at once, the worker is busy and retries fast.
fn quick(s: &mut Settings) {
    s.feed_settle_ms = 0;
    s.delivery.interval_ms = 50;
    s.delivery.retry_base_ms = 50;
    s.delivery.retry_ceiling_ms = 200;
    s.delivery.max_attempts = 1000;
    s.delivery.timeout_ms = 5000;
}

const CODE: &str = "2603-532326-00-01-012341";

async fn subscribe(app: &TestApp, body: Value) -> (String, String) {
    let admin = app.token("admin").await;
    let r = app.post("/api/v1/admin/webhooks", &admin, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert!(r.body["subscription"].get("secret").is_none(), "{}", r.body);
    (r.body["subscription"]["id"].as_str().unwrap().to_owned(), r.body["secret"].as_str().unwrap().to_owned())
}

/// The case's history events, oldest first.
async fn timeline(app: &TestApp, id: &str) -> Vec<Value> {
    let office = app.token("office").await;
    let r = app.get(&format!("/api/v1/cases/{id}/timeline"), &office).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["events"].as_array().unwrap().clone()
}

/// Waits until the receiver has taken (2xx) `n` requests.
async fn wait_taken(receiver: &Receiver, n: usize, what: &str) -> Vec<Hit> {
    for _ in 0..1200 {
        let taken = receiver.taken();
        if taken.len() >= n {
            return taken;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{what}: the receiver took {} of {n}", receiver.taken().len());
}

/// The subscription's deliveries (admin's log).
async fn deliveries_of(app: &TestApp, subscription: &str) -> Vec<Value> {
    let admin = app.token("admin").await;
    let r = app.get(&format!("/api/v1/admin/deliveries?limit=200&subscription_id={subscription}"), &admin).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["items"].as_array().unwrap().clone()
}

/// Checks the hit's signature with the Standard Webhooks library and returns its message id.
fn verified(hit: &Hit, secret: &str) -> String {
    let mut headers = http::HeaderMap::new();
    for (k, v) in &hit.headers {
        headers.insert(http::HeaderName::from_bytes(k.as_bytes()).unwrap(), http::HeaderValue::from_str(v).unwrap());
    }
    standardwebhooks::Webhook::new(secret).unwrap().verify(&hit.raw, &headers).expect("the signature verifies");
    hit.headers["webhook-id"].clone()
}

fn message_id(event_id: &str) -> String {
    format!("evt_{}", event_id.replace('-', ""))
}

async fn a_subscriber_gets_every_event_once_signed(backend: Backend) {
    let app = spawn_configured(backend, quick).await;
    let d = directory(&app).await;
    // What happened before the subscription is not sent.
    let before = case_in_service(&app, &d).await;
    let receiver = Receiver::start("{}").await;
    let (subscription, secret) =
        subscribe(&app, json!({"url": format!("{}/hooks", receiver.url), "description": "县政府OA"})).await;
    let only_dispatch = Receiver::start("{}").await;
    let (_, dispatch_secret) =
        subscribe(&app, json!({"url": only_dispatch.url, "event_types": ["sheet.dispatched"]})).await;

    let id = case_in_service(&app, &d).await;
    let history = timeline(&app, &id).await;
    let mut taken = wait_taken(&receiver, history.len(), "every event of the case").await;
    assert_eq!(taken.len(), history.len());
    // Messages go out several at once, so they may arrive out of order; each carries its
    // place in the case's history.
    taken.sort_by_key(|h| h.body["data"]["sequence"].as_i64().unwrap());
    let ids: Vec<String> = taken.iter().map(|h| verified(h, &secret)).collect();
    let expected: Vec<String> = taken.iter().map(|h| message_id(h.body["data"]["id"].as_str().unwrap())).collect();
    assert_eq!(ids, expected, "the message id is the event's");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "once each");
    for (hit, event) in taken.iter().zip(&history) {
        assert_eq!(hit.body["data"]["sequence"], event["sequence"], "every event of the case");
        assert_eq!(hit.method, "POST");
        assert_eq!(hit.path, "/hooks");
        assert_eq!(hit.body["data"]["case_id"], json!(id));
        assert_ne!(hit.body["data"]["case_id"], json!(before));
        assert_eq!(hit.body["data"]["action"], event["action"]);
        assert_eq!(hit.body["timestamp"], hit.body["data"]["occurred_at"]);
        assert!(hit.body["type"].as_str().unwrap().contains('.'), "{}", hit.body);
        // No free text leaves the case (the review's recommendation, the contact's phone).
        let text = hit.body.to_string();
        assert!(!text.contains("13800000031") && !text.contains("建议受理"), "{text}");
    }
    assert_eq!(taken[0].body["type"], "case.created");
    let log = deliveries_of(&app, &subscription).await;
    assert_eq!(log.len(), history.len());
    assert!(log.iter().all(|d| d["state"] == "delivered" && d["channel"] == "webhook"), "{log:#?}");
    assert!(log.iter().all(|d| d["allowed_actions"] == json!(["replay"])), "{log:#?}");

    // The filtered subscriber hears the dispatches only.
    let dispatched = history.iter().filter(|e| e["action"] == "task_dispatched").count();
    assert!(dispatched > 0);
    let hits = wait_taken(&only_dispatch, dispatched, "the dispatches").await;
    assert!(hits.iter().all(|h| h.body["type"] == "sheet.dispatched"));
    for hit in &hits {
        verified(hit, &dispatch_secret);
    }

    // A replay sends the same message (same id and body) again, as a new delivery.
    let admin = app.token("admin").await;
    let first = log.iter().find(|d| d["event_id"] == taken[0].body["data"]["id"]).unwrap();
    let r = app
        .post(&format!("/api/v1/admin/deliveries/{}/replay", first["id"].as_str().unwrap()), &admin, json!(null))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_ne!(r.body["id"], first["id"]);
    let again = wait_taken(&receiver, history.len() + 1, "the replay").await;
    let replayed = again.iter().filter(|h| h.headers["webhook-id"] == expected[0]).nth(1).expect("sent again");
    assert_eq!(verified(replayed, &secret), expected[0]);
    assert_eq!(replayed.body, taken[0].body);
    // No such delivery: 404.
    let unknown =
        app.post(&format!("/api/v1/admin/deliveries/{}/replay", uuid::Uuid::now_v7()), &admin, json!(null)).await;
    unknown.assert_problem(404, "not_found");

    // The secret is never shown again nor logged.
    let list = app.get("/api/v1/admin/webhooks", &admin).await;
    assert_eq!(list.status, 200);
    assert!(!list.body.to_string().contains(&secret));
    assert!(!captured_logs().contains(&secret));
    assert!(!captured_logs().contains(secret.trim_start_matches("whsec_")));
}

async fn a_receiver_down_for_a_while_gets_every_message_once_from_two_servers(backend: Backend) {
    let app = spawn_configured(backend, quick).await;
    let _second = spawn_sibling_configured(&app, false, quick).await;
    let d = directory(&app).await;
    let receiver = Receiver::start("{}").await;
    receiver.down_for(12);
    let (subscription, secret) = subscribe(&app, json!({"url": receiver.url})).await;
    let id = case_in_service(&app, &d).await;
    let history = timeline(&app, &id).await;
    let taken = wait_taken(&receiver, history.len(), "every event after the outage").await;
    assert!(receiver.hits().iter().filter(|h| h.status == 503).count() >= 12, "it was down");
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for hit in &taken {
        *seen.entry(verified(hit, &secret)).or_default() += 1;
    }
    assert_eq!(seen.len(), history.len());
    assert!(seen.values().all(|n| *n == 1), "each message taken once: {seen:?}");
    let log = deliveries_of(&app, &subscription).await;
    assert_eq!(log.len(), history.len(), "one delivery per event, however many servers fed it");
    assert!(log.iter().any(|d| d["log"].as_array().unwrap().len() > 1), "some were retried: {log:#?}");
}

async fn an_endpoint_failing_too_long_is_switched_off_and_an_admin_brings_it_back(backend: Backend) {
    let app = spawn_configured(backend, |s| {
        quick(s);
        s.delivery.webhook_disable_after_secs = 0;
    })
    .await;
    let d = directory(&app).await;
    let admin = app.token("admin").await;
    let receiver = Receiver::start("{}").await;
    receiver.answer(500, "down for maintenance");
    let (subscription, secret) = subscribe(&app, json!({"url": receiver.url})).await;
    let enterprise = app.token("enterprise").await;
    let created = app.post("/api/v1/cases", &enterprise, application(&d)).await;
    assert_eq!(created.status, 201);
    let mut sub = Value::Null;
    for _ in 0..600 {
        sub = app.get(&format!("/api/v1/admin/webhooks/{subscription}"), &admin).await.body;
        if sub["active"] == false {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(sub["active"], false, "{sub}");
    assert!(sub["disabled_reason"].as_str().unwrap().contains("disable window"), "{sub}");
    assert!(sub["failing_since"].is_string());
    // Its message gives up, and the attempts say why.
    let mut log = Vec::new();
    for _ in 0..600 {
        log = deliveries_of(&app, &subscription).await;
        if !log.is_empty() && log.iter().all(|d| d["state"] == "dead") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(log.iter().all(|d| d["state"] == "dead"), "{log:#?}");
    assert!(log[0]["log"].as_array().unwrap().iter().any(|a| a["status_code"] == 500), "{log:#?}");

    // Back on, the endpoint healed: the dead message is replayed and new events flow.
    receiver.answer(200, "{}");
    let r = app
        .request(
            Method::PATCH,
            &format!("/api/v1/admin/webhooks/{subscription}"),
            Some(&admin),
            Some(json!({"active": true})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["active"], true);
    assert!(r.body["failing_since"].is_null() && r.body["disabled_reason"].is_null(), "{}", r.body);
    let dead = log[0]["id"].as_str().unwrap();
    let r = app.post(&format!("/api/v1/admin/deliveries/{dead}/replay"), &admin, json!(null)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let case_id = created.body["id"].as_str().unwrap();
    step(&app, "enterprise", case_id, "submit", json!(null)).await;
    let taken = wait_taken(&receiver, 2, "the replay and the submission").await;
    let types: Vec<&str> = taken.iter().map(|h| h.body["type"].as_str().unwrap()).collect();
    assert!(types.contains(&"case.created") && types.contains(&"case.submitted"), "{types:?}");
    for hit in &taken {
        verified(hit, &secret);
    }

    // Bad subscriptions change nothing.
    for (body, field) in [
        (json!({"url": "ftp://oa.example.cn/"}), "url"),
        (json!({"url": "https://user:pw@oa.example.cn/"}), "url"),
        (json!({"url": "https://oa.example.cn/", "event_types": ["case.flew_away"]}), "event_types"),
        (
            json!({"kind": "provincial", "url": "https://gov.example.cn/", "event_types": ["case.created"]}),
            "event_types",
        ),
    ] {
        let r = app.post("/api/v1/admin/webhooks", &admin, body).await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.field_codes().iter().any(|(f, _)| f.starts_with(field)), "{}", r.body);
    }
    let list = app.get("/api/v1/admin/webhooks", &admin).await;
    assert_eq!(list.body.as_array().unwrap().len(), 1);
    let office = app.token("office").await;
    app.get("/api/v1/admin/webhooks", &office).await.assert_problem(403, "forbidden");
}

async fn the_province_hears_each_milestone_of_a_coded_project_once(backend: Backend) {
    let app = spawn_configured(backend, quick).await;
    let d = directory(&app).await;
    let province = Receiver::start(r#"{"code": 0}"#).await;
    let (subscription, secret) =
        subscribe(&app, json!({"kind": "provincial", "url": format!("{}/api/project/milestones", province.url)})).await;
    // A project without a code first: nothing of it is reported.
    let uncoded = case_in_service(&app, &d).await;
    let enterprise = app.token("enterprise").await;
    let mut coded = application(&d);
    coded["project_name"] = json!("赋码项目");
    coded["project_code"] = json!(CODE);
    let created = app.post("/api/v1/cases", &enterprise, coded).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    for (user, path, body) in [
        ("enterprise", "submit", json!(null)),
        (
            "investment_officer",
            "review",
            json!({"recommendation": "符合受理条件。", "policy_checks": {"industrial": true, "land": true, "environmental": true, "safety": true, "energy": true}}),
        ),
        ("investment_leader", "accept", json!(null)),
    ] {
        step(&app, user, &id, path, body).await;
    }
    let milestones = [
        "accept",
        "agree_plan",
        "start_service",
        "task_finished",
        "task_approved_on_commitment",
        "complete",
        "terminate",
    ];
    let expected: Vec<Value> =
        timeline(&app, &id).await.into_iter().filter(|e| milestones.contains(&e["action"].as_str().unwrap())).collect();
    assert_eq!(expected.len(), 1, "the acceptance");
    let office = app.token("office").await;
    let r = app.post(&format!("/api/v1/cases/{id}/terminate"), &office, json!({"reason": "企业决定暂缓投资。"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let taken = wait_taken(&province, 2, "the acceptance and the termination").await;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for hit in &taken {
        *seen.entry(verified(hit, &secret)).or_default() += 1;
        assert_eq!(hit.path, "/api/project/milestones");
        assert_eq!(hit.body["projectCode"], CODE);
        assert_eq!(hit.body["caseNumber"], created.body["number"]);
    }
    let kinds: Vec<&str> = taken.iter().map(|h| h.body["milestone"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["case.accepted", "case.terminated"]);
    assert!(seen.values().all(|n| *n == 1));
    let log = deliveries_of(&app, &subscription).await;
    assert_eq!(log.len(), 2, "nothing of the uncoded case {uncoded}: {log:#?}");
    assert!(log.iter().all(|d| d["channel"] == "provincial"));
}

async fn a_client_that_missed_webhooks_catches_up_through_the_feed(backend: Backend) {
    let app = spawn_configured(backend, quick).await;
    let d = directory(&app).await;
    let admin = app.token("admin").await;
    let r = app
        .post(
            "/api/v1/admin/api-clients",
            &admin,
            json!({"name": "县政务数据平台", "role": "supervisor", "scopes": ["events:read"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let key = r.body["api_key"].as_str().unwrap().to_owned();
    // The client's endpoint is down: every message waits in the outbox.
    let receiver = Receiver::start("{}").await;
    receiver.answer(503, "offline");
    let (subscription, _) = subscribe(&app, json!({"url": receiver.url})).await;
    let feed = app.get("/api/v1/events?limit=500", &key).await;
    assert_eq!(feed.status, 200, "{}", feed.body);
    let cursor = feed.body["next_cursor"].clone();
    let id = case_in_service(&app, &d).await;
    let history = timeline(&app, &id).await;
    let mut log = Vec::new();
    for _ in 0..600 {
        log = deliveries_of(&app, &subscription).await;
        if log.len() == history.len() && log.iter().all(|d| !d["log"].as_array().unwrap().is_empty()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(log.len(), history.len());
    assert!(receiver.taken().is_empty(), "nothing got through");
    // Reading the feed from where it stood gives every missed event, once, in order.
    let path = match cursor.as_str() {
        Some(c) => format!("/api/v1/events?limit=500&after={c}"),
        None => "/api/v1/events?limit=500".to_owned(),
    };
    let r = app.get(&path, &key).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let caught: Vec<&Value> =
        r.body["events"].as_array().unwrap().iter().filter(|e| e["case_id"] == json!(id)).collect();
    let sequences: Vec<&Value> = caught.iter().map(|e| &e["sequence"]).collect();
    assert_eq!(sequences, history.iter().map(|e| &e["sequence"]).collect::<Vec<_>>(), "every event, in order");
    let mut undelivered: Vec<&Value> = log.iter().map(|d| &d["event_id"]).collect();
    undelivered.sort_by_key(|v| v.as_str().unwrap().to_owned());
    let mut in_feed: Vec<&Value> = caught.iter().map(|e| &e["id"]).collect();
    in_feed.sort_by_key(|v| v.as_str().unwrap().to_owned());
    assert_eq!(undelivered, in_feed, "the feed holds exactly the messages that did not arrive");
    // Its scope is the feed: reading cases is refused.
    app.get("/api/v1/cases", &key).await.assert_problem(403, "scope_missing");
}

on_both_databases!(
    a_subscriber_gets_every_event_once_signed,
    a_receiver_down_for_a_while_gets_every_message_once_from_two_servers,
    an_endpoint_failing_too_long_is_switched_off_and_an_admin_brings_it_back,
    the_province_hears_each_milestone_of_a_coded_project_once,
    a_client_that_missed_webhooks_catches_up_through_the_feed,
);
