//! The committed contract is what the server serves, and every operation is named.

use crate::helpers::*;
use serde_json::Value;

fn committed() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    let text = std::fs::read_to_string(path).expect("openapi/openapi.json exists");
    serde_json::from_str(&text).expect("openapi/openapi.json is JSON")
}

async fn the_served_contract_is_the_committed_one(backend: Backend) {
    let app = spawn_app(backend).await;
    let served: Value =
        app.client.get(format!("{}/api/v1/openapi.json", app.base)).send().await.unwrap().json().await.unwrap();
    assert!(
        served == committed(),
        "openapi/openapi.json is stale: run `cargo run -p butler-server --bin butler -- openapi > openapi/openapi.json`"
    );
}

#[test]
fn every_operation_has_a_lower_camel_case_operation_id_and_a_summary() {
    let api = committed();
    assert_eq!(api["openapi"], "3.1.0");
    let mut ids = std::collections::HashSet::new();
    let mut count = 0;
    for (path, item) in api["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(
                id.chars().next().unwrap().is_ascii_lowercase() && id.chars().all(|c| c.is_ascii_alphanumeric()),
                "{id}"
            );
            assert!(ids.insert(id.to_owned()), "duplicate operationId {id}");
            assert!(op["summary"].as_str().is_some_and(|s| !s.is_empty()), "{id} has no summary");
            assert!(op["responses"].as_object().is_some_and(|r| !r.is_empty()), "{id} has no responses");
            count += 1;
        }
    }
    for id in [
        "login",
        "refreshToken",
        "logout",
        "getMe",
        "listDepartments",
        "listItems",
        // Catalog management.
        "createItem",
        "newItemVersion",
        "updateItem",
        "discardItem",
        "publishItem",
        "retireItem",
        "listItemVersions",
        "createUser",
        // The case lifecycle (issue: the product, end to end).
        "createCase",
        "getCase",
        "listCases",
        "updateCase",
        "submitCase",
        "returnCase",
        "reviewCase",
        "acceptCase",
        "rejectCase",
        "formTeam",
        "proposePlan",
        "agreePlan",
        "signAgreement",
        "completeCase",
        "terminateCase",
        "confirmCase",
        "evaluateCase",
        "scheduleFollowUp",
        "recordFollowUp",
        "archiveCase",
        "getCaseTimeline",
        "verifyCaseHistory",
        "listTasks",
        "getTask",
        "acknowledgeTask",
        "requestCorrection",
        "supplyCorrection",
        "finishTask",
        "recordResultNotice",
        "listNotifications",
        "issueSupervisionNotice",
        "advanceClock",
    ] {
        assert!(ids.contains(id), "missing operation {id}");
    }
    assert!(count >= 18, "only {count} operations");
}

/// Every `$ref` points at a schema the document defines (a dangling one breaks clients).
#[test]
fn every_reference_resolves() {
    fn walk(v: &Value, api: &Value, path: &str) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    let (kind, name) = r
                        .strip_prefix("#/components/")
                        .and_then(|rest| rest.split_once('/'))
                        .unwrap_or_else(|| panic!("unexpected $ref {r}"));
                    assert!(
                        ["schemas", "responses", "headers", "parameters"].contains(&kind),
                        "{path}: $ref into components/{kind}"
                    );
                    assert!(api["components"][kind].get(name).is_some(), "{path}: dangling $ref {r}");
                }
                for (k, child) in map {
                    walk(child, api, &format!("{path}/{k}"));
                }
            }
            Value::Array(items) => items.iter().enumerate().for_each(|(i, c)| walk(c, api, &format!("{path}/{i}"))),
            _ => {}
        }
    }
    let api = committed();
    walk(&api, &api, "");
}

#[test]
fn the_generated_contract_matches_the_committed_file() {
    let generated: Value =
        serde_json::from_str(&butler_http::openapi::to_json(&butler_http::openapi()).unwrap()).unwrap();
    assert!(
        generated == committed(),
        "openapi/openapi.json is stale: run `cargo run -p butler-server --bin butler -- openapi > openapi/openapi.json`"
    );
}

crate::on_both_databases!(the_served_contract_is_the_committed_one);

/// The contract's enumerations list exactly the codes the domain stores and serialises, so
/// the web app's generated types cannot drift from the server's values.
#[test]
fn every_enumeration_in_the_contract_lists_the_domain_codes() {
    use butler_domain::case::aftercare::{AftercareAction, FollowUpMethod};
    use butler_domain::case::evaluation::EvaluationLevel;
    use butler_domain::case::lifecycle::{CaseAction, CaseState, EvaluationStatus};
    use butler_domain::case::sheet::{ResultNoticeChannel, SheetAction, SheetKind, SheetOutcome, SheetState};
    fn codes<T: std::fmt::Display>(all: &[T]) -> Vec<String> {
        all.iter().map(ToString::to_string).collect()
    }
    let expected: [(&str, Vec<String>); 11] = [
        ("CaseState", codes(&CaseState::ALL)),
        ("CaseAction", codes(&CaseAction::ALL)),
        ("EvaluationStatus", codes(&EvaluationStatus::ALL)),
        ("AftercareAction", codes(&AftercareAction::ALL)),
        ("FollowUpMethod", codes(&FollowUpMethod::ALL)),
        ("EvaluationLevel", codes(&EvaluationLevel::ALL)),
        ("SheetState", codes(&SheetState::ALL)),
        ("SheetAction", codes(&SheetAction::ALL)),
        ("SheetKind", codes(&SheetKind::ALL)),
        ("SheetOutcome", codes(&SheetOutcome::ALL)),
        ("ResultNoticeChannel", codes(&ResultNoticeChannel::ALL)),
    ];
    let api = committed();
    for (name, codes) in expected {
        let listed: Vec<String> = api["components"]["schemas"][name]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{name} is not an enum schema of the contract"))
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(listed, codes, "{name}");
    }
}

/// What every operation can answer besides its own results is in the contract (the shared
/// 400/401/403/413/500/503 answers, `X-Request-Id`, `Retry-After`, `Idempotency-Key` on every
/// `POST`), public operations need no credential (`security: []`), pages refer to their items,
/// and every problem code is listed.
#[test]
fn the_contract_tells_the_whole_truth() {
    let api = committed();
    let title = api["info"]["title"].as_str().unwrap();
    assert!(title.chars().all(|c| c.is_ascii_alphanumeric() || c == ' '), "{title} makes no package name");
    let responses = &api["components"]["responses"];
    for name in
        ["BadRequest", "Unauthenticated", "Refused", "PayloadTooLarge", "TooManyRequests", "Internal", "Unavailable"]
    {
        assert!(responses[name]["headers"]["X-Request-Id"].is_object(), "{name} names X-Request-Id");
    }
    assert!(responses["Unavailable"]["headers"]["Retry-After"].is_object());
    assert!(responses["TooManyRequests"]["headers"]["Retry-After"].is_object());
    assert!(responses["Unauthenticated"]["headers"]["WWW-Authenticate"].is_object());
    let mut public = 0;
    for (path, item) in api["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            let answers = op["responses"].as_object().unwrap();
            assert!(answers.contains_key("500"), "{id} documents 500");
            if path != "/healthz" {
                assert!(answers.contains_key("400") && answers.contains_key("503"), "{id} documents 400 and 503");
            }
            let security = op.get("security").unwrap_or(&api["security"]);
            let open = security.as_array().is_some_and(Vec::is_empty);
            assert_ne!(security, &serde_json::json!([{}]), "{id}: a public operation declares `security: []`");
            if open {
                public += 1;
            } else if path != "/metrics" {
                assert!(answers.contains_key("401") && answers.contains_key("403"), "{id} documents 401 and 403");
            }
            if op.get("requestBody").is_some() {
                assert!(answers.contains_key("413") && answers.contains_key("422"), "{id} documents 413 and 422");
            }
            if path.contains('{') {
                assert!(answers.contains_key("404"), "{id} documents 404");
            }
            if method == "post" {
                let takes_key = op["parameters"]
                    .as_array()
                    .is_some_and(|ps| ps.iter().any(|p| p["in"] == "header" && p["name"] == "Idempotency-Key"));
                assert!(takes_key, "{id} takes Idempotency-Key");
            }
            for (status, answer) in answers {
                if answer.get("$ref").is_none() {
                    assert!(answer["headers"]["X-Request-Id"].is_object(), "{id} {status} names X-Request-Id");
                }
                if ["423", "429", "503"].contains(&status.as_str()) && answer.get("$ref").is_none() {
                    assert!(answer["headers"]["Retry-After"].is_object(), "{id} {status} names Retry-After");
                }
            }
        }
    }
    assert!(public >= 10, "the public side and sign-in need no credential ({public})");
    for (name, schema) in api["components"]["schemas"].as_object().unwrap() {
        if let Some(item) = name.strip_prefix("PageOut_") {
            assert_eq!(
                schema["properties"]["items"]["items"]["$ref"],
                format!("#/components/schemas/{item}"),
                "{name} refers to its item schema"
            );
        }
    }
    let codes: Vec<&str> = api["components"]["schemas"]["ProblemCode"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for code in ["validation_failed", "case_frozen", "unavailable", "method_not_allowed", "scope_missing"] {
        assert!(codes.contains(&code), "ProblemCode lists {code}");
    }
}
