//! Delivery beyond the inbox, against real receivers: an SMTP server process (`aiosmtpd`)
//! and local HTTP servers standing in for the SMS gateways and the WeCom and DingTalk
//! robots. Retries after a receiver was down, exactly once with two server processes, the
//! dead-letter list and an admin's retry, quiet hours, and secrets that never show.

use crate::helpers::*;
use crate::on_both_databases;
use crate::receiver::*;
use butler_app::notify::{Notice, notify};
use butler_domain::calendar::Calendar;
use butler_domain::notice::NotificationKind;
use butler_persistence::repo::{tenants, users};
use butler_server::config::Settings;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};

/// A real SMTP server process (`python3 -m aiosmtpd`) keeping what it receives in a maildir.
struct SmtpServer {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl SmtpServer {
    async fn start() -> SmtpServer {
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mailbox = dir.path().join("mail");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&mailbox)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd runs (pip install aiosmtpd)");
        let mut ready = false;
        for _ in 0..600 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                ready = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(ready, "aiosmtpd did not start");
        SmtpServer { child, port, dir }
    }

    /// Every message received: recipient, subject and text, decoded by Python's `email`.
    fn messages(&self) -> Vec<Value> {
        let script = r#"
import json, mailbox, sys
from email import policy
from email.parser import BytesParser
out = []
box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
for key in box.keys():
    msg = BytesParser(policy=policy.default).parsebytes(box.get_bytes(key))
    out.append({"to": str(msg["To"]), "from": str(msg["From"]), "subject": str(msg["Subject"]), "text": msg.get_body(("plain",)).get_content()})
print(json.dumps(out, ensure_ascii=False))
"#;
        let mail = self.dir.path().join("mail");
        if !mail.exists() {
            return Vec::new();
        }
        let out = Command::new("python3").arg("-c").arg(script).arg(&mail).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Fast retries and a busy worker, for tests.
pub(crate) fn quick(s: &mut Settings) {
    s.delivery.interval_ms = 50;
    s.delivery.retry_base_ms = 50;
    s.delivery.retry_ceiling_ms = 200;
    s.delivery.max_attempts = 50;
    s.delivery.timeout_ms = 5000;
}

/// Moves `app`'s clock to `hh:mm` local time of the next working day.
pub(crate) fn set_local_time(app: &TestApp, hour: u32, minute: u32) -> DateTime<Utc> {
    let cal = Calendar::china().unwrap();
    let now = app.clock_now();
    let day = cal.next_working_day(cal.local_date(now)).unwrap();
    let target = cal.instant(day, NaiveTime::from_hms_opt(hour, minute, 0).unwrap());
    app.clock.advance(target - now);
    app.clock_now()
}

async fn put(app: &TestApp, path: &str, token: &str, body: Value) -> Reply {
    app.request(Method::PUT, path, Some(token), Some(body)).await
}

async fn user_id(app: &TestApp, username: &str) -> uuid::Uuid {
    let db = app.db().await;
    let tenant = tenants::find_by_code(&db, "dayao").await.unwrap().unwrap().id;
    users::find_by_username(&db, tenant, username).await.unwrap().unwrap().id
}

pub(crate) async fn department_id(app: &TestApp, token: &str, code: &str) -> String {
    let r = app.get("/api/v1/departments?limit=200", token).await;
    r.body["items"].as_array().unwrap().iter().find(|d| d["code"] == code).unwrap()["id"].as_str().unwrap().to_owned()
}

/// Waits until `done` holds for the tenant's deliveries (the worker runs by itself).
pub(crate) async fn wait_for(app: &TestApp, admin: &str, what: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    for _ in 0..600 {
        let r = app.get("/api/v1/admin/deliveries?limit=200", admin).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let items = r.body["items"].as_array().unwrap().clone();
        if done(&items) {
            return items;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("deliveries never reached: {what}");
}

pub(crate) fn all_in(state: &str) -> impl Fn(&[Value]) -> bool + '_ {
    move |items: &[Value]| !items.is_empty() && items.iter().all(|d| d["state"] == state)
}

pub(crate) async fn supervise(app: &TestApp, department: &str, content: &str) {
    let office = app.token("office").await;
    let r = app
        .post("/api/v1/supervision-notices", &office, json!({"department_id": department, "content": content}))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
}

async fn messages_reach_smtp_sms_and_robots(backend: Backend) {
    let app = spawn_configured(backend, quick).await;
    set_local_time(&app, 10, 0);
    let smtp = SmtpServer::start().await;
    let sms = Receiver::start(r#"{"ok":true}"#).await;
    let wecom = Receiver::start(r#"{"errcode":0,"errmsg":"ok"}"#).await;
    let dingtalk = Receiver::start(r#"{"errcode":0,"errmsg":"ok"}"#).await;
    let admin = app.token("admin").await;
    let channels = [
        (
            "email",
            json!({"enabled": true, "host": "127.0.0.1", "port": smtp.port, "security": "none", "from": "butler@dayao.example"}),
        ),
        (
            "sms",
            json!({"enabled": true, "provider": "generic", "endpoint": format!("{}/sms/send", sms.url), "secrets": {"secret": "gateway-token-1"}}),
        ),
        ("wecom", json!({"enabled": true, "endpoint": wecom.url, "secrets": {"key": "wecom-key-1"}})),
        (
            "dingtalk",
            json!({"enabled": true, "endpoint": dingtalk.url, "secrets": {"access_token": "ding-token-1", "sign_secret": "SECding-1"}}),
        ),
    ];
    for (channel, body) in channels {
        let r = put(&app, &format!("/api/v1/admin/channels/{channel}"), &admin, body).await;
        assert_eq!(r.status, 200, "{channel}: {}", r.body);
        assert_eq!(r.body["enabled"], true);
    }
    // The agent reads e-mail; the leader chose the WeCom robot alone for supervision notices.
    let agent = user_id(&app, "agent-natural-resources").await;
    let r = app
        .request(Method::PATCH, &format!("/api/v1/users/{agent}"), Some(&admin), Some(json!({"email": "li agent@"})))
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("email".to_owned(), "email_format".to_owned())]);
    let r = app
        .request(
            Method::PATCH,
            &format!("/api/v1/users/{agent}"),
            Some(&admin),
            Some(json!({"email": "li.agent@dayao.example"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["email"], "li.agent@dayao.example");
    let leader_token = app.token("leader-natural-resources").await;
    let r = put(
        &app,
        "/api/v1/me/notification-preferences",
        &leader_token,
        json!({"preferences": [{"topic": "supervision", "channels": ["wecom"]}]}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let supervision =
        r.body["preferences"].as_array().unwrap().iter().find(|p| p["topic"] == "supervision").unwrap().clone();
    assert_eq!(supervision, json!({"topic": "supervision", "channels": ["wecom"], "default": false}));

    let department = department_id(&app, &admin, "natural-resources").await;
    supervise(&app, &department, "请于本周内报送用地审批进展。").await;
    let items = wait_for(&app, &admin, "all delivered", all_in("delivered")).await;
    let leader = user_id(&app, "leader-natural-resources").await;
    let mut by_channel: BTreeMap<(String, String), usize> = BTreeMap::new();
    for d in &items {
        *by_channel
            .entry((d["channel"].as_str().unwrap().to_owned(), d["recipient_id"].as_str().unwrap().to_owned()))
            .or_default() += 1;
        assert_eq!(d["log"][0]["outcome"], "delivered", "{d}");
    }
    let expected: BTreeMap<(String, String), usize> = [
        (("email".to_owned(), agent.to_string()), 1),
        (("sms".to_owned(), agent.to_string()), 1),
        (("wecom".to_owned(), leader.to_string()), 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(by_channel, expected, "agent by SMS and e-mail (defaults), the leader by WeCom (chosen)");

    let mail = smtp.messages();
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0]["to"], "li.agent@dayao.example");
    assert_eq!(mail[0]["from"], "butler@dayao.example");
    assert_eq!(mail[0]["subject"], "督办通知：自然资源局");
    assert!(mail[0]["text"].as_str().unwrap().contains("请于本周内报送用地审批进展。"), "{}", mail[0]);

    let texts = sms.taken();
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].method, "POST");
    assert_eq!(texts[0].path, "/sms/send");
    assert_eq!(texts[0].headers["authorization"], "Bearer gateway-token-1");
    assert_eq!(texts[0].body["kind"], "supervision_notice");
    assert!(texts[0].body["content"].as_str().unwrap().contains("请于本周内报送用地审批进展。"));
    let agent_phone = texts[0].body["to"].as_str().unwrap().to_owned();
    assert_eq!(agent_phone.len(), 11, "the agent's mobile");

    let robot = wecom.taken();
    assert_eq!(robot.len(), 1);
    assert_eq!(robot[0].path, "/cgi-bin/webhook/send");
    assert_eq!(robot[0].query["key"], "wecom-key-1");
    assert_eq!(robot[0].body["msgtype"], "text");
    assert_eq!(robot[0].body["text"]["mentioned_mobile_list"].as_array().unwrap().len(), 1);
    assert!(robot[0].body["text"]["content"].as_str().unwrap().contains("请于本周内报送用地审批进展。"));
    assert!(dingtalk.hits().is_empty(), "nobody chose DingTalk for supervision notices");

    // DingTalk, signed: a test message's signature recomputes independently.
    let r = app.post("/api/v1/admin/channels/dingtalk/test", &admin, json!({"phone": "13800000001"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["outcome"], "delivered");
    let hit = &dingtalk.taken()[0];
    assert_eq!(hit.path, "/robot/send");
    assert_eq!(hit.query["access_token"], "ding-token-1");
    assert_eq!(hit.body["at"]["atMobiles"], json!(["13800000001"]));
    let sign = python_hmac("sha256", "SECding-1", &format!("{}\nSECding-1", hit.query["timestamp"]));
    assert_eq!(hit.query["sign"], sign);
}

/// base64 of HMAC(`key`, `data`) computed by Python's standard library.
fn python_hmac(digest: &str, key: &str, data: &str) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg("import base64,hmac,hashlib,sys; print(base64.b64encode(hmac.new(sys.argv[2].encode(), sys.argv[3].encode(), getattr(hashlib, sys.argv[1])).digest()).decode())")
        .args([digest, key, data])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

async fn the_aliyun_request_is_signed_and_bad_settings_are_refused(backend: Backend) {
    let app = spawn_configured(backend, quick).await;
    let admin = app.token("admin").await;
    let r = put(
        &app,
        "/api/v1/admin/channels/sms",
        &admin,
        json!({"enabled": true, "provider": "carrier-pigeon", "endpoint": "ftp:/nowhere"}),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    let fields = r.field_codes();
    assert!(fields.contains(&("provider".to_owned(), "unknown_provider".to_owned())), "{fields:?}");
    assert!(fields.contains(&("endpoint".to_owned(), "url_format".to_owned())), "{fields:?}");
    let r = app.get("/api/v1/admin/channels/sms", &admin).await;
    assert_eq!(r.body["enabled"], false, "nothing was saved");
    let office = app.token("office").await;
    app.get("/api/v1/admin/channels/sms", &office).await.assert_problem(403, "forbidden");

    let gateway = Receiver::start(r#"{"Code":"OK","Message":"OK","BizId":"1"}"#).await;
    let r = put(
        &app,
        "/api/v1/admin/channels/sms",
        &admin,
        json!({"enabled": true, "provider": "aliyun", "endpoint": gateway.url, "access_key_id": "LTAItest",
               "sign_name": "大姚县项目管家", "template_code": "SMS_000001", "secrets": {"secret": "aliyun-secret-1"}}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["secrets_set"], json!(["secret"]));
    let r = app.post("/api/v1/admin/channels/sms/test", &admin, json!({"phone": "13800000002"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["outcome"], "delivered", "{}", r.body);
    let hit = &gateway.taken()[0];
    assert_eq!(hit.method, "GET");
    let q = &hit.query;
    assert_eq!(q["Action"], "SendSms");
    assert_eq!(q["PhoneNumbers"], "13800000002");
    assert_eq!(q["SignName"], "大姚县项目管家");
    assert_eq!(q["AccessKeyId"], "LTAItest");
    assert!(serde_json::from_str::<Value>(&q["TemplateParam"]).unwrap()["content"].as_str().unwrap().contains("测试"));
    // Recomputed independently: Python's RFC 3986 quoting and HMAC-SHA1.
    let params: Vec<(String, String)> =
        q.iter().filter(|(k, _)| *k != "Signature").map(|(k, v)| (k.clone(), v.clone())).collect();
    let script = r#"
import base64, hashlib, hmac, json, sys, urllib.parse
params = json.loads(sys.argv[1])
enc = lambda s: urllib.parse.quote(s, safe="-_.~")
query = "&".join(enc(k) + "=" + enc(v) for k, v in sorted(params))
sts = "GET&" + enc("/") + "&" + enc(query)
print(base64.b64encode(hmac.new(b"aliyun-secret-1&", sts.encode(), hashlib.sha1).digest()).decode())
"#;
    let out =
        Command::new("python3").arg("-c").arg(script).arg(serde_json::to_string(&params).unwrap()).output().unwrap();
    assert_eq!(q["Signature"], String::from_utf8(out.stdout).unwrap().trim());

    // A refusal in the provider's body is permanent.
    gateway.answer(200, r#"{"Code":"isv.MOBILE_NUMBER_ILLEGAL","Message":"invalid mobile"}"#);
    let r = app.post("/api/v1/admin/channels/sms/test", &admin, json!({"phone": "13800000002"})).await;
    assert_eq!(r.body["outcome"], "permanent", "{}", r.body);
}

async fn a_receiver_down_for_a_while_gets_every_message_once_from_two_servers(backend: Backend) {
    let app = spawn_configured(backend, quick).await;
    let sibling = spawn_sibling_configured(&app, false, quick).await;
    set_local_time(&app, 10, 0);
    sibling.clock.advance(app.clock_now() - sibling.clock_now());
    let sms = Receiver::start(r#"{"ok":true}"#).await;
    sms.down_for(7);
    let admin = app.token("admin").await;
    let r = put(
        &app,
        "/api/v1/admin/channels/sms",
        &admin,
        json!({"enabled": true, "provider": "generic", "endpoint": sms.url, "secrets": {"secret": "t"}}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let department = department_id(&app, &admin, "water").await;
    for i in 0..4 {
        supervise(&app, &department, &format!("第{i}次督办：请加快办理。")).await;
    }
    let items = wait_for(&app, &admin, "all delivered", all_in("delivered")).await;
    let taken = sms.taken();
    assert_eq!(taken.len(), items.len(), "each delivery taken once: {taken:?}");
    let mut seen = std::collections::BTreeSet::new();
    for hit in &taken {
        assert!(seen.insert((hit.body["to"].to_string(), hit.body["content"].to_string())), "sent twice: {hit:?}");
    }
    assert_eq!(sms.hits().iter().filter(|h| h.status == 503).count(), 7, "the receiver was down for seven requests");
    let retried: Vec<_> = items.iter().filter(|d| d["log"].as_array().unwrap().len() > 1).collect();
    assert!(!retried.is_empty());
    for d in retried {
        let log = d["log"].as_array().unwrap();
        assert!(log[..log.len() - 1].iter().all(|a| a["outcome"] == "retry" && a["status_code"] == 503), "{d}");
        assert_eq!(log.last().unwrap()["outcome"], "delivered");
    }
    drop(sibling);
}

async fn a_dead_delivery_is_listed_and_an_admin_retry_delivers_it(backend: Backend) {
    let app = spawn_configured(backend, quick).await;
    set_local_time(&app, 10, 0);
    let robot = Receiver::start(r#"{"errcode":93000,"errmsg":"invalid webhook url"}"#).await;
    let admin = app.token("admin").await;
    let r = put(
        &app,
        "/api/v1/admin/channels/wecom",
        &admin,
        json!({"enabled": true, "endpoint": robot.url, "secrets": {"key": "k"}}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let department = department_id(&app, &admin, "water").await;
    supervise(&app, &department, "请加快办理。").await;
    let items = wait_for(&app, &admin, "dead", all_in("dead")).await;
    let dead = app.get("/api/v1/admin/deliveries?state=dead&channel=wecom", &admin).await;
    assert_eq!(dead.body["items"].as_array().unwrap().len(), items.len());
    let first = &dead.body["items"][0];
    assert_eq!(first["allowed_actions"], json!(["retry"]));
    assert_eq!(first["log"][0]["outcome"], "permanent");
    assert!(first["last_error"].as_str().unwrap().contains("93000"), "{first}");
    assert_eq!(first["next_attempt_at"], Value::Null);
    let id = first["id"].as_str().unwrap().to_owned();
    let office = app.token("office").await;
    app.post(&format!("/api/v1/admin/deliveries/{id}/retry"), &office, json!({}))
        .await
        .assert_problem(403, "forbidden");

    robot.answer(200, r#"{"errcode":0,"errmsg":"ok"}"#);
    let r = app.post(&format!("/api/v1/admin/deliveries/{id}/retry"), &admin, json!({})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut delivered = Value::Null;
    for _ in 0..600 {
        delivered = app.get(&format!("/api/v1/admin/deliveries/{id}"), &admin).await.body;
        if delivered["state"] == "delivered" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(delivered["state"], "delivered", "{delivered}");
    let log = delivered["log"].as_array().unwrap();
    assert_eq!(log.len(), 2, "the failed attempt and the one after the retry: {delivered}");
    assert_eq!(log[1]["outcome"], "delivered");
    assert_eq!(robot.hits().len(), 2, "one refused, one taken after the retry");
    app.post(&format!("/api/v1/admin/deliveries/{id}/retry"), &admin, json!({}))
        .await
        .assert_problem(409, "invalid_transition");
}

async fn quiet_hours_defer_a_reminder_but_not_an_escalation(backend: Backend) {
    let app = spawn_configured(backend, quick).await;
    let evening = set_local_time(&app, 20, 0);
    let sms = Receiver::start(r#"{"ok":true}"#).await;
    let admin = app.token("admin").await;
    let r = put(
        &app,
        "/api/v1/admin/channels/sms",
        &admin,
        json!({"enabled": true, "provider": "generic", "endpoint": sms.url, "secrets": {"secret": "t"}}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let db = app.db().await;
    let tenant = tenants::find_by_code(&db, "dayao").await.unwrap().unwrap().id;
    let agent = user_id(&app, "agent-natural-resources").await;
    for (kind, key, title) in [
        (NotificationKind::DeadlineReminder, "quiet:reminder", "任务单即将超时"),
        (NotificationKind::DeadlineEscalation, "quiet:escalation", "任务单超时升级"),
    ] {
        let notice = Notice {
            tenant_id: tenant,
            case_id: None,
            sheet_id: None,
            kind,
            dedupe_key: key,
            title,
            body: "请尽快办理。",
            params: None,
        };
        assert_eq!(notify(&db, &[agent], &notice, evening).await.unwrap(), 1);
    }
    let items = wait_for(&app, &admin, "the escalation delivered", |items| {
        items.len() == 2 && items.iter().any(|d| d["state"] == "delivered")
    })
    .await;
    let taken = sms.taken();
    assert_eq!(taken.len(), 1);
    assert!(taken[0].body["content"].as_str().unwrap().starts_with("任务单超时升级"), "{:?}", taken[0].body);
    let waiting: Vec<_> = items.iter().filter(|d| d["state"] == "pending").collect();
    assert_eq!(waiting.len(), 1);
    let cal = Calendar::china().unwrap();
    let opens = cal.add_office_minutes(evening, 0).unwrap();
    assert_eq!(waiting[0]["next_attempt_at"].as_str().unwrap().parse::<DateTime<Utc>>().unwrap(), opens);
    assert_eq!(waiting[0]["log"], json!([]));

    // The office opens: the reminder goes.
    app.clock.advance(opens - app.clock_now() + Duration::minutes(1));
    let admin = app.token("admin").await;
    wait_for(&app, &admin, "all delivered", all_in("delivered")).await;
    assert_eq!(sms.taken().len(), 2);
}

async fn secrets_never_show_in_answers_the_log_or_the_server_log(backend: Backend) {
    let app = spawn_configured(backend, quick).await;
    set_local_time(&app, 10, 0);
    let admin = app.token("admin").await;
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let robot = Receiver::start(r#"{"errcode":40001,"errmsg":"invalid key at {uri}"}"#).await;
    let ding = Receiver::start(r#"{"errcode":310000,"errmsg":"sign not match for {uri}"}"#).await;
    let secrets = [
        (
            "email",
            json!({"enabled": true, "host": "127.0.0.1", "port": closed_port, "security": "none", "from": "b@dayao.example", "username": "butler", "secrets": {"password": "smtp-pass-Zq81"}}),
        ),
        (
            "sms",
            json!({"enabled": true, "provider": "aliyun", "endpoint": robot.url, "access_key_id": "LTAIx", "sign_name": "大姚", "template_code": "SMS_1", "secrets": {"secret": "aliyun-key-secret-Qz93"}}),
        ),
        ("wecom", json!({"enabled": true, "endpoint": robot.url, "secrets": {"key": "wecom-robot-key-Hk27"}})),
        (
            "dingtalk",
            json!({"enabled": true, "endpoint": ding.url, "secrets": {"access_token": "ding-token-Pw55", "sign_secret": "SECding-Lm64"}}),
        ),
    ];
    let words = ["smtp-pass-Zq81", "aliyun-key-secret-Qz93", "wecom-robot-key-Hk27", "ding-token-Pw55", "SECding-Lm64"];
    let mut answers = Vec::new();
    for (channel, body) in secrets {
        let r = put(&app, &format!("/api/v1/admin/channels/{channel}"), &admin, body).await;
        assert_eq!(r.status, 200, "{channel}: {}", r.body);
        answers.push(r.body.to_string());
        // An empty secret keeps the stored one.
        let kept = put(&app, &format!("/api/v1/admin/channels/{channel}"), &admin, {
            let mut b = app.get(&format!("/api/v1/admin/channels/{channel}"), &admin).await.body;
            b["secrets"] = json!({"password": "", "secret": "", "key": "", "access_token": ""});
            b
        })
        .await;
        assert_eq!(kept.status, 200, "{channel}: {}", kept.body);
        assert_eq!(kept.body["secrets_set"], r.body["secrets_set"]);
        answers.push(app.get(&format!("/api/v1/admin/channels/{channel}"), &admin).await.body.to_string());
        let test = app
            .post(
                &format!("/api/v1/admin/channels/{channel}/test"),
                &admin,
                json!({"phone": "13800000003", "email": "x@dayao.example"}),
            )
            .await;
        assert_eq!(test.status, 200, "{channel}: {}", test.body);
        assert_ne!(test.body["outcome"], "delivered", "{channel}: {}", test.body);
        answers.push(test.body.to_string());
    }
    let agent = user_id(&app, "agent-natural-resources").await;
    let r = app
        .request(
            Method::PATCH,
            &format!("/api/v1/users/{agent}"),
            Some(&admin),
            Some(json!({"email": "li@dayao.example"})),
        )
        .await;
    assert_eq!(r.status, 200);
    let department = department_id(&app, &admin, "natural-resources").await;
    supervise(&app, &department, "请加快办理。").await;
    let items = wait_for(&app, &admin, "attempted", |items| {
        !items.is_empty() && items.iter().all(|d| !d["log"].as_array().unwrap().is_empty())
    })
    .await;
    assert!(items.iter().any(|d| d["channel"] == "wecom"));
    assert!(
        robot.hits().iter().any(|h| h.query.get("key").is_some_and(|k| k == "wecom-robot-key-Hk27")),
        "the key was used"
    );
    answers.push(app.get("/api/v1/admin/deliveries?limit=200", &admin).await.body.to_string());
    let logs = captured_logs();
    for word in words {
        for answer in &answers {
            assert!(!answer.contains(word), "{word} in an answer: {answer}");
        }
        assert!(!logs.contains(word), "{word} in the server log");
    }
    assert!(answers.iter().any(|a| a.contains("***")), "the echoed key was blanked out");
}

on_both_databases!(
    messages_reach_smtp_sms_and_robots,
    the_aliyun_request_is_signed_and_bad_settings_are_refused,
    a_receiver_down_for_a_while_gets_every_message_once_from_two_servers,
    a_dead_delivery_is_listed_and_an_admin_retry_delivers_it,
    quiet_hours_defer_a_reminder_but_not_an_escalation,
    secrets_never_show_in_answers_the_log_or_the_server_log,
);
