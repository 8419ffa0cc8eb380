//! Message templates (消息模板): an administrator's wording of a notification kind replaces
//! the built-in one in the inbox and in the SMS sent, per tenant and language; a template
//! naming a placeholder its kind does not offer is refused and changes nothing.

use crate::delivery::{all_in, department_id, quick, set_local_time, supervise, wait_for};
use crate::helpers::*;
use crate::on_both_databases;
use crate::receiver::*;
use reqwest::Method;
use serde_json::{Value, json};

const PATH: &str = "/api/v1/admin/templates/supervision_notice/zh-CN";

fn supervision(list: &Reply) -> Value {
    assert_eq!(list.status, 200, "{}", list.body);
    list.body["items"].as_array().unwrap().iter().find(|k| k["kind"] == "supervision_notice").unwrap().clone()
}

fn message_of(r: &Reply, field: &str) -> String {
    r.body["errors"].as_array().unwrap().iter().find(|e| e["field"] == field).unwrap()["message"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The newest notification of the signed-in user, in `language`.
async fn newest(app: &TestApp, token: &str, language: &str) -> Value {
    let r = app
        .raw(
            app.client
                .get(format!("{}/api/v1/notifications?limit=1", app.base))
                .bearer_auth(token)
                .header("Accept-Language", language),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["items"][0].clone()
}

async fn a_tenants_template_words_the_inbox_and_the_sms_until_it_is_removed(backend: Backend) {
    let app = spawn_configured(backend, quick).await;
    set_local_time(&app, 10, 0);
    let sms = Receiver::start(r#"{"ok":true}"#).await;
    let admin = app.token("admin").await;
    let r = app
        .request(
            Method::PUT,
            "/api/v1/admin/channels/sms",
            Some(&admin),
            Some(json!({"enabled": true, "provider": "generic", "endpoint": format!("{}/sms/send", sms.url), "secrets": {"secret": "t"}})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    // Every kind is listed with its placeholders and built-in wording, none overridden yet.
    let listed = app.get("/api/v1/admin/templates", &admin).await;
    assert_eq!(
        listed.body["items"].as_array().unwrap().len(),
        butler_domain::notice::NotificationKind::ALL.len(),
        "{}",
        listed.body
    );
    let kind = supervision(&listed);
    assert_eq!(kind["placeholders"], json!(["project", "project_name", "case_number", "department", "content"]));
    assert_eq!(kind["languages"][0]["language"], "zh-CN");
    assert_eq!(kind["languages"][0]["default_body"], "{content}");
    assert_eq!(kind["languages"][0]["custom"], Value::Null);
    assert_eq!(kind["languages"][1]["language"], "en");

    // An unknown placeholder or an unbalanced brace is refused by field, in either language.
    let bad = json!({"title": "督办：{department}", "body": "{content}，请联系{contact}"});
    let r = app.request(Method::PUT, PATH, Some(&admin), Some(bad.clone())).await;
    r.assert_problem(422, "validation_failed");
    assert!(message_of(&r, "body").contains("{contact}"), "{}", r.body);
    let r = app
        .raw(
            app.client
                .put(format!("{}{PATH}", app.base))
                .bearer_auth(&admin)
                .header("Accept-Language", "en")
                .json(&bad),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let en = message_of(&r, "body");
    assert!(en.contains("{contact}") && en.contains("placeholder"), "{en}");
    let r =
        app.request(Method::PUT, PATH, Some(&admin), Some(json!({"title": "督办：{department", "body": "x"}))).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(message_of(&r, "title").contains("花括号"), "{}", r.body);
    assert_eq!(supervision(&app.get("/api/v1/admin/templates", &admin).await)["languages"][0]["custom"], Value::Null);

    // Only an administrator edits templates.
    let office = app.token("office").await;
    app.get("/api/v1/admin/templates", &office).await.assert_problem(403, "forbidden");
    let good = json!({"title": "【督办】{department}", "body": "{department}：{content}（请当日回复）"});
    app.request(Method::PUT, PATH, Some(&office), Some(good.clone())).await.assert_problem(403, "forbidden");
    app.request(Method::DELETE, PATH, Some(&office), None).await.assert_problem(403, "forbidden");

    let r = app.request(Method::PUT, PATH, Some(&admin), Some(good)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["custom"]["title"], "【督办】{department}");
    assert_eq!(
        supervision(&app.get("/api/v1/admin/templates", &admin).await)["languages"][0]["custom"]["body"],
        "{department}：{content}（请当日回复）"
    );

    // The next supervision notice is worded by the template in the SMS and in the inbox
    // (in Chinese; English readers keep the built-in English wording).
    let department = department_id(&app, &admin, "natural-resources").await;
    supervise(&app, &department, "请报送用地审批进展").await;
    wait_for(&app, &admin, "all delivered", all_in("delivered")).await;
    let texts = sms.taken();
    assert!(!texts.is_empty());
    for text in &texts {
        let content = text.body["content"].as_str().unwrap();
        assert!(content.contains("【督办】自然资源局"), "{content}");
        assert!(content.contains("自然资源局：请报送用地审批进展（请当日回复）"), "{content}");
    }
    let agent = app.token("agent-natural-resources").await;
    let zh = newest(&app, &agent, "zh-CN").await;
    assert_eq!(zh["title"], "【督办】自然资源局", "{zh}");
    assert_eq!(zh["body"], "自然资源局：请报送用地审批进展（请当日回复）");
    let en = newest(&app, &agent, "en").await;
    assert!(en["title"].as_str().unwrap().starts_with("Supervision notice"), "{en}");

    // Another county keeps the built-in wording.
    app.add_tenant("yongren", "永仁县", "532327").await;
    let (theirs, _) = app.login_in("yongren", "admin").await;
    let kind = supervision(&app.get("/api/v1/admin/templates", &theirs).await);
    assert_eq!(kind["languages"][0]["custom"], Value::Null);

    // Removing the template restores the built-in wording, for notifications already sent too.
    let r = app.request(Method::DELETE, PATH, Some(&admin), None).await;
    assert_eq!(r.status, 204);
    assert_eq!(supervision(&app.get("/api/v1/admin/templates", &admin).await)["languages"][0]["custom"], Value::Null);
    let zh = newest(&app, &agent, "zh-CN").await;
    assert_eq!(zh["title"], "督办通知：自然资源局", "{zh}");
    assert_eq!(zh["body"], "请报送用地审批进展");
}

on_both_databases!(a_tenants_template_words_the_inbox_and_the_sms_until_it_is_removed);
