//! Bad input gets a clear problem+json 4xx and changes nothing.

use crate::helpers::*;
use reqwest::Method;
use serde_json::json;

async fn malformed_json_and_wrong_types(backend: Backend) {
    let app = spawn_app(backend).await;
    let url = format!("{}/api/v1/auth/login", app.base);
    let r =
        app.raw(app.client.post(&url).header("content-type", "application/json").body("{\"tenant\": \"dayao\",")).await;
    r.assert_problem(400, "malformed_request");

    let r = app.raw(app.client.post(&url).header("content-type", "text/plain").body("tenant=dayao")).await;
    r.assert_problem(400, "malformed_request");

    let r = app
        .request(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"tenant": "dayao", "username": 7, "password": "x"})),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("username".to_owned(), "invalid_type".to_owned())]);

    let r = app
        .request(Method::POST, "/api/v1/auth/login", None, Some(json!({"tenant": "dayao", "username": "office"})))
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("password".to_owned(), "required".to_owned())]);

    let r = app
        .request(Method::POST, "/api/v1/auth/login", None, Some(json!({"tenant": "", "username": "", "password": "x"})))
        .await;
    r.assert_problem(422, "validation_failed");
    let fields: Vec<String> = r.field_codes().into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, vec!["tenant", "username"]);
}

async fn an_invalid_credit_code_is_refused_and_nothing_is_created(backend: Backend) {
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    let before = app.get("/api/v1/enterprises", &office).await.body["items"].as_array().unwrap().len();
    let body = |code: &str| json!({"name": "大姚示例食品有限公司", "credit_code": code, "contact_name": "钱示例", "contact_phone": "13800009999"});
    // 91350100M000100Y43 is valid; change its check character.
    let r = app.post("/api/v1/enterprises", &office, body("91350100M000100Y44")).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("credit_code".to_owned(), "credit_code_check_digit".to_owned())]);
    assert!(r.body["errors"][0]["message"].as_str().unwrap().contains("校验位"));
    let r = app.post("/api/v1/enterprises", &office, body("91350100M000100Y4")).await;
    assert_eq!(r.field_codes(), vec![("credit_code".to_owned(), "credit_code_length".to_owned())]);
    let r = app.post("/api/v1/enterprises", &office, body("91350100M000100YI3")).await;
    assert_eq!(r.field_codes(), vec![("credit_code".to_owned(), "credit_code_character".to_owned())]);
    let after = app.get("/api/v1/enterprises", &office).await.body["items"].as_array().unwrap().len();
    assert_eq!(before, after);

    // The valid code is accepted once; a second time conflicts.
    let r = app.post("/api/v1/enterprises", &office, body("91350100m000100y43")).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["credit_code"], "91350100M000100Y43");
    assert_eq!(r.body["contact_phone_masked"], "138****9999");
    let taken = app.post("/api/v1/enterprises", &office, body("91350100M000100Y43")).await;
    taken.assert_problem(409, "conflict");
    assert_eq!(taken.field_codes(), vec![("credit_code".to_owned(), "taken".to_owned())]);
}

async fn bad_paging_and_filters_are_field_errors(backend: Backend) {
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    let r = app.get("/api/v1/departments?limit=0", &office).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("limit".to_owned(), "range".to_owned())]);
    let r = app.get("/api/v1/departments?cursor=not-a-cursor", &office).await;
    assert_eq!(r.field_codes(), vec![("cursor".to_owned(), "invalid_cursor".to_owned())]);
    let r = app.get("/api/v1/items?stage=moon_landing", &office).await;
    r.assert_problem(422, "validation_failed");
    let r = app.get("/api/v1/enterprises/not-a-uuid", &office).await;
    r.assert_problem(404, "not_found");
}

crate::on_both_databases!(
    malformed_json_and_wrong_types,
    an_invalid_credit_code_is_refused_and_nothing_is_created,
    bad_paging_and_filters_are_field_errors,
);
