//! The national project code (一项一码) through the API: entered with the application (with or
//! without hyphens, shown hyphenated), refused with a message naming what is wrong, unique in
//! the county, set later by the window with a reason in the history, refused on a closed case,
//! found by the list's search and filter, and printed on the forms and the register.

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use serde_json::{Value, json};
use std::io::{Cursor, Read};

use crate::helpers::*;
use crate::lifecycle::{application, directory, step};

const CODE: &str = "2603-532326-00-01-012341";
const BARE: &str = "26035323260001012341";
/// The same code with a wrong check digit.
const WRONG_CHECK: &str = "2603-532326-00-01-012348";
const OTHER: &str = "2511-532326-00-02-000016";

fn numbers(r: &Reply) -> Vec<String> {
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["items"].as_array().unwrap().iter().map(|c| c["number"].as_str().unwrap().to_owned()).collect()
}

async fn get_en(app: &TestApp, path: &str, token: &str) -> Reply {
    app.raw(app.client.get(format!("{}{path}", app.base)).bearer_auth(token).header("Accept-Language", "en")).await
}

async fn post_en(app: &TestApp, path: &str, token: &str, body: Value) -> Reply {
    app.raw(
        app.client.post(format!("{}{path}", app.base)).bearer_auth(token).header("Accept-Language", "en").json(&body),
    )
    .await
}

fn message_of(r: &Reply, field: &str) -> String {
    r.body["errors"].as_array().unwrap().iter().find(|e| e["field"] == field).unwrap()["message"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn an_application_carries_a_valid_code_and_a_wrong_one_is_refused_by_name(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;

    // A wrong check digit: 422 on the field, in Chinese and in English; nothing is created.
    let mut wrong = application(&d);
    wrong["project_code"] = json!(WRONG_CHECK);
    let r = app.post("/api/v1/cases", &enterprise, wrong.clone()).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("project_code".to_owned(), "project_code_check_digit".to_owned())]);
    assert!(message_of(&r, "project_code").contains("校验码不正确"), "{}", r.body);
    let r = post_en(&app, "/api/v1/cases", &enterprise, wrong).await;
    assert!(message_of(&r, "project_code").contains("check digit"), "{}", r.body);
    for (bad, code) in [
        ("2603-532326", "project_code_length"),
        ("2603-53232A-00-01-012341", "project_code_character"),
        ("2613-532326-00-01-012349", "project_code_part"),
    ] {
        let mut body = application(&d);
        body["project_code"] = json!(bad);
        let r = app.post("/api/v1/cases", &enterprise, body).await;
        assert_eq!(r.field_codes(), vec![("project_code".to_owned(), code.to_owned())], "{bad}: {}", r.body);
    }
    assert_eq!(numbers(&app.get("/api/v1/cases", &enterprise).await), Vec::<String>::new());

    // Without hyphens and with spaces around: kept and shown hyphenated.
    let mut body = application(&d);
    body["project_code"] = json!(format!(" {BARE} "));
    let created = app.post("/api/v1/cases", &enterprise, body).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["project_code"], CODE);
    let id = created.body["id"].as_str().unwrap().to_owned();
    let number = created.body["number"].as_str().unwrap().to_owned();

    // Another case of the county may not take it (409 on the field); without a code, many may.
    let mut again = application(&d);
    again["project_code"] = json!(CODE);
    let r = app.post("/api/v1/cases", &enterprise, again).await;
    r.assert_problem(409, "conflict");
    assert_eq!(r.field_codes(), vec![("project_code".to_owned(), "taken".to_owned())]);
    let second = app.post("/api/v1/cases", &enterprise, application(&d)).await;
    let third = app.post("/api/v1/cases", &enterprise, application(&d)).await;
    assert_eq!((second.status.as_u16(), third.status.as_u16()), (201, 201));
    assert_eq!(second.body["project_code"], Value::Null);
    let second_id = second.body["id"].as_str().unwrap().to_owned();
    // Editing the draft: a taken code is refused, a free one is kept and recorded.
    let r = app
        .request(
            reqwest::Method::PATCH,
            &format!("/api/v1/cases/{second_id}"),
            Some(&enterprise),
            Some(json!({"project_code": CODE})),
        )
        .await;
    assert_eq!(r.field_codes(), vec![("project_code".to_owned(), "taken".to_owned())], "{}", r.body);
    let r = app
        .request(
            reqwest::Method::PATCH,
            &format!("/api/v1/cases/{second_id}"),
            Some(&enterprise),
            Some(json!({"project_code": OTHER})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["project_code"], OTHER);

    // The list: the code in each row; search with or without hyphens, part of it, or the
    // exact filter.
    let office = app.token("office").await;
    let listed = app.get("/api/v1/cases", &office).await;
    let row = listed.body["items"].as_array().unwrap().iter().find(|c| c["id"] == json!(id)).unwrap().clone();
    assert_eq!(row["project_code"], CODE);
    for q in [CODE, BARE, "532326-00-01-0123", "0001012341"] {
        assert_eq!(numbers(&app.get(&format!("/api/v1/cases?q={q}"), &office).await), vec![number.clone()], "{q}");
    }
    assert_eq!(numbers(&app.get(&format!("/api/v1/cases?project_code={BARE}"), &office).await), vec![number.clone()]);
    assert_eq!(numbers(&app.get("/api/v1/cases?project_code=2603-532326-00-01-012350", &office).await).len(), 0);
    assert_eq!(
        numbers(&app.get(&format!("/api/v1/cases?q={}", number.to_lowercase()), &office).await),
        vec![number.clone()]
    );
    let r = app.get(&format!("/api/v1/cases?project_code={WRONG_CHECK}"), &office).await;
    assert_eq!(r.field_codes(), vec![("project_code".to_owned(), "project_code_check_digit".to_owned())]);
    let r = get_en(&app, "/api/v1/cases?project_code=12", &office).await;
    assert!(message_of(&r, "project_code").contains("20 digits"), "{}", r.body);

    // The application form and the register print it.
    let form = download(&app, &office, &format!("/api/v1/cases/{id}/forms/application")).await;
    assert!(docx_text(&form).contains(CODE));
    let register = download(&app, &office, &format!("/api/v1/cases/export.xlsx?project_code={CODE}")).await;
    let rows = rows_of(&register);
    assert_eq!(rows.len(), 2, "the header and the one case");
    assert_eq!(rows[0].last(), Some(&Data::String("项目代码".into())));
    assert_eq!(rows[1].last(), Some(&Data::String(CODE.into())));
}

async fn the_window_sets_the_code_later_with_a_reason_and_a_closed_case_keeps_its_own(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;
    let created = app.post("/api/v1/cases", &enterprise, application(&d)).await;
    let id = created.body["id"].as_str().unwrap().to_owned();
    let other = app.post("/api/v1/cases", &enterprise, application(&d)).await;
    let other_id = other.body["id"].as_str().unwrap().to_owned();
    step(&app, "enterprise", &id, "submit", json!(null)).await;

    // Not the enterprise (its own draft only), nor a department.
    let body = json!({"project_code": BARE, "reason": "企业已在平台完成赋码"});
    for who in ["enterprise", "agent-water", "office"] {
        let token = app.token(who).await;
        let r = app.post(&format!("/api/v1/cases/{id}/project-code"), &token, body.clone()).await;
        assert!(r.status == 403 || r.status == 404, "{who}: {}", r.body);
    }
    // A reason is required; the code is checked.
    let window = app.token("window_agent").await;
    let r = app
        .post(&format!("/api/v1/cases/{id}/project-code"), &window, json!({"project_code": BARE, "reason": " "}))
        .await;
    assert_eq!(r.field_codes(), vec![("reason".to_owned(), "blank".to_owned())]);
    let r = app
        .post(
            &format!("/api/v1/cases/{id}/project-code"),
            &window,
            json!({"project_code": WRONG_CHECK, "reason": "赋码"}),
        )
        .await;
    assert_eq!(r.field_codes(), vec![("project_code".to_owned(), "project_code_check_digit".to_owned())]);

    let set = step(&app, "window_agent", &id, "project-code", body.clone()).await;
    assert_eq!(set["project_code"], CODE);
    assert_eq!(set["state"], "submitted");
    // The investment officer changes it; the history records both with their reasons.
    let changed = step(
        &app,
        "investment_officer",
        &id,
        "project-code",
        json!({"project_code": OTHER, "reason": "赋码有误，按平台更正"}),
    )
    .await;
    assert_eq!(changed["project_code"], OTHER);
    let office = app.token("office").await;
    let timeline = app.get(&format!("/api/v1/cases/{id}/timeline"), &office).await.body;
    let sets: Vec<&Value> =
        timeline["events"].as_array().unwrap().iter().filter(|e| e["action"] == "project_code_set").collect();
    assert_eq!(sets.len(), 2);
    assert_eq!(sets[0]["payload"]["project_code"], CODE);
    assert_eq!(sets[0]["payload"]["previous_project_code"], Value::Null);
    assert_eq!(sets[1]["payload"]["previous_project_code"], CODE);
    assert_eq!(sets[1]["payload"]["reason"], "赋码有误，按平台更正");
    assert_eq!(app.get(&format!("/api/v1/cases/{id}/history/verification"), &office).await.body["valid"], true);
    // Another case may not take the code in use; the freed one it may.
    let r = app
        .post(
            &format!("/api/v1/cases/{other_id}/project-code"),
            &window,
            json!({"project_code": OTHER, "reason": "赋码"}),
        )
        .await;
    r.assert_problem(409, "conflict");
    assert_eq!(r.field_codes(), vec![("project_code".to_owned(), "taken".to_owned())]);
    step(&app, "window_agent", &other_id, "project-code", json!({"project_code": CODE, "reason": "赋码"})).await;

    // A closed case refuses it and stays as it was.
    let review = json!({"recommendation": "建议受理。", "policy_checks": {"industrial": true, "land": true, "environmental": true, "safety": true, "energy": true}});
    step(&app, "investment_officer", &id, "review", review).await;
    let rejected = step(&app, "investment_leader", &id, "reject", json!({"reason": "不符合产业政策"})).await;
    assert_eq!(rejected["state"], "rejected");
    let r = app
        .post(
            &format!("/api/v1/cases/{id}/project-code"),
            &window,
            json!({"project_code": "2511-532326-00-02-000024", "reason": "赋码"}),
        )
        .await;
    r.assert_problem(409, "invalid_transition");
    assert_eq!(app.get(&format!("/api/v1/cases/{id}"), &office).await.body["project_code"], OTHER);
}

/// The text of a downloaded Word file's body.
fn docx_text(r: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(r)).expect("a zip");
    let mut xml = String::new();
    archive.by_name("word/document.xml").expect("document.xml").read_to_string(&mut xml).expect("utf-8");
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

fn rows_of(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an xlsx");
    let name = wb.sheet_names()[0].clone();
    wb.worksheet_range(&name).expect("a sheet").rows().map(<[Data]>::to_vec).collect()
}

async fn download(app: &TestApp, token: &str, path: &str) -> Vec<u8> {
    let res = app.client.get(format!("{}{path}", app.base)).bearer_auth(token).send().await.expect("request");
    assert_eq!(res.status().as_u16(), 200, "{path}");
    res.bytes().await.expect("body").to_vec()
}

crate::on_both_databases!(
    an_application_carries_a_valid_code_and_a_wrong_one_is_refused_by_name,
    the_window_sets_the_code_later_with_a_reason_and_a_closed_case_keeps_its_own,
);
