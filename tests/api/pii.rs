//! Personal numbers (SPEC §10): sealed with SM4 at rest, masked in answers, shown in full only
//! through the audited `revealPersonalNumber`, re-sealed under a new key after a rotation.

use crate::helpers::*;
use crate::lifecycle::{application, directory};
use butler_app::pii::{Keyring, reseal_all};
use butler_domain::personal::PersonalNumber;
use butler_persistence::entity::audit_log;
use butler_server::config::Secret;
use reqwest::Method;
use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Statement};
use serde_json::{Value, json};

const CASE_PHONE: &str = "13911112222";
const COMPLAINT_MOBILE: &str = "13733334444";
const CONSULTATION_MOBILE: &str = "13655556666";
/// The first demo enterprise's contact (`demo::fictional_phone(40)`).
const ENTERPRISE_PHONE: &str = "13800000041";

const K1: &str = "k1=00112233445566778899aabbccddeeff";
const K2: &str = "k2=ffeeddccbbaa99887766554433221100";

/// The columns holding personal numbers.
const COLUMNS: [(&str, &str); 5] = [
    ("users", "phone"),
    ("enterprises", "contact_phone"),
    ("cases", "contact_phone"),
    ("consultations", "mobile"),
    ("complaints", "mobile"),
];

/// What the database holds in every personal-number column, by column.
async fn stored(app: &TestApp) -> Vec<(String, String)> {
    let db = app.db().await;
    let backend = db.get_database_backend();
    let mut all = Vec::new();
    for (table, column) in COLUMNS {
        let sql = format!("SELECT {column} AS v FROM {table} WHERE {column} IS NOT NULL ORDER BY id");
        for row in db.query_all_raw(Statement::from_string(backend, sql)).await.unwrap() {
            all.push((format!("{table}.{column}"), row.try_get::<String>("", "v").unwrap()));
        }
    }
    db.close().await.ok();
    all
}

/// A case with its contact, a complaint and a consultation, each with its own number; the
/// case's id, the complaint's tracking number and the consultation's id.
async fn numbers_of_every_kind(app: &TestApp) -> (String, String, String) {
    let d = directory(app).await;
    let enterprise = app.token("enterprise").await;
    let mut body = application(&d);
    body["contact_phone"] = json!(CASE_PHONE);
    let case = app.post("/api/v1/cases", &enterprise, body).await;
    assert_eq!(case.status, 201, "{}", case.body);
    let department = &d.departments["natural-resources"];
    let complaint = json!({"subject": "department", "subject_id": department, "name": "李明", "mobile": COMPLAINT_MOBILE, "text": "办理用地手续时被要求提供清单外的材料。"});
    let lodged = app.request(Method::POST, "/api/v1/public/dayao/complaints", None, Some(complaint)).await;
    assert_eq!(lodged.status, 201, "{}", lodged.body);
    let question = json!({"kind": "question", "name": "周晓明", "mobile": CONSULTATION_MOBILE, "project_name": "年产 5 万吨绿色新材料项目", "question": "用地预审需要准备哪些材料？"});
    let asked = app.request(Method::POST, "/api/v1/public/dayao/consultations", None, Some(question)).await;
    assert_eq!(asked.status, 201, "{}", asked.body);
    let window = app.token("window_agent").await;
    let consultation =
        app.get("/api/v1/consultations", &window).await.body["items"][0]["id"].as_str().unwrap().to_owned();
    (
        case.body["id"].as_str().unwrap().to_owned(),
        lodged.body["tracking_number"].as_str().unwrap().to_owned(),
        consultation,
    )
}

async fn reveal(app: &TestApp, token: &str, number: &str, id: &str) -> Reply {
    app.post("/api/v1/personal-numbers/reveal", token, json!({"number": number, "record_id": id})).await
}

fn shows_no_number(body: &Value) -> bool {
    let text = body.to_string();
    [CASE_PHONE, COMPLAINT_MOBILE, CONSULTATION_MOBILE, ENTERPRISE_PHONE].iter().all(|n| !text.contains(n))
}

async fn numbers_are_sealed_at_rest_and_masked_in_answers(backend: Backend) {
    let app = spawn_app(backend).await;
    let (case_id, _, consultation_id) = numbers_of_every_kind(&app).await;

    // Every column holds sealed text only, under the configured key, and none of the numbers.
    let values = stored(&app).await;
    for table in ["users", "enterprises", "cases", "consultations", "complaints"] {
        assert!(values.iter().any(|(c, _)| c.starts_with(table)), "nothing stored in {table}");
    }
    for (column, value) in &values {
        assert!(value.starts_with("sm4:v1:demo:"), "{column} holds {value}");
        assert!(
            ![CASE_PHONE, COMPLAINT_MOBILE, CONSULTATION_MOBILE, ENTERPRISE_PHONE].iter().any(|n| value.contains(n))
        );
    }
    // On SQLite, not a byte of the file (nor its write-ahead log) holds a number in the clear.
    if let Some(path) = app.database_url.strip_prefix("sqlite://") {
        let mut bytes = std::fs::read(path).unwrap();
        bytes.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
        let text = String::from_utf8_lossy(&bytes);
        for n in [CASE_PHONE, COMPLAINT_MOBILE, CONSULTATION_MOBILE, ENTERPRISE_PHONE] {
            assert!(!text.contains(n), "{n} is in the database file");
        }
        assert!(text.contains("sm4:v1:demo:"));
    }

    // Answers mask them, to everyone.
    let office = app.token("office").await;
    let case = app.get(&format!("/api/v1/cases/{case_id}"), &office).await;
    assert_eq!(case.status, 200, "{}", case.body);
    assert_eq!(case.body["contact_phone_masked"], "139****2222");
    let enterprises = app.get("/api/v1/enterprises", &office).await;
    assert_eq!(enterprises.body["items"][0]["contact_phone_masked"], "138****0041", "{}", enterprises.body);
    let complaints = app.get("/api/v1/complaints", &office).await;
    let complaint_id = complaints.body["items"][0]["id"].as_str().unwrap().to_owned();
    let complaint = app.get(&format!("/api/v1/complaints/{complaint_id}"), &office).await;
    assert_eq!(complaint.body["mobile"], "137****4444", "{}", complaint.body);
    let consultation = app.get(&format!("/api/v1/consultations/{consultation_id}"), &office).await;
    assert_eq!(consultation.body["mobile_masked"], "136****6666", "{}", consultation.body);
    let enterprise = app.token("enterprise").await;
    let own = app.get(&format!("/api/v1/cases/{case_id}"), &enterprise).await;
    for body in [&case.body, &enterprises.body, &complaints.body, &complaint.body, &consultation.body, &own.body] {
        assert!(shows_no_number(body), "{body}");
    }
    let admin = app.token("admin").await;
    let users = app.get("/api/v1/users?limit=200", &admin).await;
    assert!(
        users.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["phone_masked"].as_str().is_none_or(|p| p.contains("****")))
    );
    assert!(!users.body.to_string().contains("13800000001"), "{}", users.body);
}

async fn the_full_number_is_for_the_roles_that_need_it_and_every_reveal_is_audited(backend: Backend) {
    let app = spawn_app(backend).await;
    let (case_id, tracking, consultation_id) = numbers_of_every_kind(&app).await;
    let d = directory(&app).await;
    let db = app.db().await;

    // The window reveals the case's contact; the trail says who, which record and from where.
    let window = app.token("window_agent").await;
    let r = reveal(&app, &window, "case_contact", &case_id).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body, json!({"number": "case_contact", "record_id": case_id, "value": CASE_PHONE}));
    let trail = audit_log::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(&audit_log::Column::Action, "personal_number_revealed"))
        .order_by_asc(audit_log::Column::At)
        .all(&db)
        .await
        .unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].outcome.0, butler_domain::audit::AuditOutcome::Success);
    assert_eq!(trail[0].user_id.map(|u| u.to_string()), Some(d.users["window_agent"].clone()));
    assert_eq!(trail[0].ip.as_deref(), Some("127.0.0.1"));
    let detail = trail[0].detail.clone().unwrap();
    assert_eq!(detail["number"], "case_contact");
    assert_eq!(detail["record_id"], case_id.as_str());
    assert_eq!(detail["masked"], "139****2222");
    assert!(!detail.to_string().contains(CASE_PHONE));

    // The enterprise sees its own contact; the other enterprise does not learn the case exists.
    let enterprise = app.token("enterprise").await;
    assert_eq!(reveal(&app, &enterprise, "case_contact", &case_id).await.body["value"], CASE_PHONE);
    reveal(&app, &app.token("enterprise-2").await, "case_contact", &case_id).await.assert_problem(404, "not_found");

    // Roles whose work does not need it are refused, and the refusal is recorded too.
    let supervisor = app.token("supervisor").await;
    reveal(&app, &supervisor, "case_contact", &case_id).await.assert_problem(403, "forbidden");
    let refused = audit_log::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(&audit_log::Column::Outcome, "refused"))
        .all(&db)
        .await
        .unwrap();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].user_id.map(|u| u.to_string()), Some(d.users["supervisor"].clone()));
    let window_reveals = reveal(&app, &window, "complaint_mobile", &uuid::Uuid::now_v7().to_string()).await;
    window_reveals.assert_problem(404, "not_found");

    // Complaints: the office only. Consultations: the window and the office.
    let office = app.token("office").await;
    let complaint_id = app.get("/api/v1/complaints", &office).await.body["items"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(reveal(&app, &office, "complaint_mobile", &complaint_id).await.body["value"], COMPLAINT_MOBILE);
    reveal(&app, &supervisor, "complaint_mobile", &complaint_id).await.assert_problem(403, "forbidden");
    assert_eq!(reveal(&app, &window, "consultation_mobile", &consultation_id).await.body["value"], CONSULTATION_MOBILE);
    let officer = app.token("investment_officer").await;
    reveal(&app, &officer, "consultation_mobile", &consultation_id).await.assert_problem(403, "forbidden");

    // Users' phones: the administrator and the office, and everyone their own.
    let admin = app.token("admin").await;
    let office_id = &d.users["office"];
    let r = reveal(&app, &admin, "user_phone", office_id).await;
    assert!(r.body["value"].as_str().is_some_and(|p| p.len() == 11 && p.starts_with("1380000")), "{}", r.body);
    let agent = app.token("agent-natural-resources").await;
    let own = reveal(&app, &agent, "user_phone", &d.users["agent-natural-resources"]).await;
    assert_eq!(own.status, 200, "{}", own.body);
    reveal(&app, &agent, "user_phone", office_id).await.assert_problem(403, "forbidden");

    // Without a token, nothing; an unknown kind of number is a field error.
    let anonymous = app
        .request(
            Method::POST,
            "/api/v1/personal-numbers/reveal",
            None,
            Some(json!({"number": "case_contact", "record_id": case_id})),
        )
        .await;
    assert_eq!(anonymous.status, 401, "{}", anonymous.body);
    let bad =
        app.post("/api/v1/personal-numbers/reveal", &office, json!({"number": "id_card", "record_id": case_id})).await;
    assert_eq!(bad.status, 422, "{}", bad.body);

    // The public follows its complaint by the mobile's last four digits: compared opened, in
    // the application, never in SQL.
    let follow = app
        .client
        .get(format!("{}/api/v1/public/dayao/complaints/{tracking}", app.base))
        .header("X-Mobile-Last4", "4444");
    assert_eq!(app.raw(follow).await.status, 200);
    let wrong = app
        .client
        .get(format!("{}/api/v1/public/dayao/complaints/{tracking}", app.base))
        .header("X-Mobile-Last4", "2222");
    app.raw(wrong).await.assert_problem(404, "not_found");
    let successes = audit_log::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(&audit_log::Column::Action, "personal_number_revealed"))
        .filter(sea_orm::ColumnTrait::eq(&audit_log::Column::Outcome, "success"))
        .all(&db)
        .await
        .unwrap();
    assert_eq!(successes.len(), 6, "every reveal is recorded once");
    db.close().await.ok();
}

async fn a_rotated_key_reseals_every_number_and_everything_still_reads(backend: Backend) {
    let app = spawn_configured(backend, |s| s.pii_keys = Secret::new(K1)).await;
    let (case_id, tracking, _) = numbers_of_every_kind(&app).await;
    assert!(stored(&app).await.iter().all(|(_, v)| v.starts_with("sm4:v1:k1:")));
    // A value written before encryption at rest (plain text) reads as it is, and is sealed
    // with the others.
    let db = app.db().await;
    let admin_id = directory(&app).await.users["admin"].clone();
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        match db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => "UPDATE users SET phone = '13500006666' WHERE id = $1",
            _ => "UPDATE users SET phone = '13500006666' WHERE id = ?",
        },
        [uuid::Uuid::parse_str(&admin_id).unwrap().into()],
    ))
    .await
    .unwrap();
    let admin = app.token("admin").await;
    assert_eq!(reveal(&app, &admin, "user_phone", &admin_id).await.body["value"], "13500006666");

    // The new key first, the old one still listed: `butler encrypt-pii` re-seals, in batches.
    let rotated = Keyring::parse(&format!("{K2},{K1}")).unwrap();
    let report = reseal_all(&db, &rotated, 7).await.unwrap();
    let count = |n: PersonalNumber| report.iter().find(|(k, _)| *k == n).unwrap().1;
    let users = count(PersonalNumber::UserPhone);
    assert!(users.resealed > 7, "several batches: {users:?}");
    assert_eq!(count(PersonalNumber::CaseContact).resealed, 1);
    assert_eq!(count(PersonalNumber::ComplaintMobile).resealed, 1);
    assert_eq!(count(PersonalNumber::ConsultationMobile).resealed, 1);
    let values = stored(&app).await;
    assert!(values.iter().all(|(_, v)| v.starts_with("sm4:v1:k2:")), "{values:?}");
    assert!(!values.iter().any(|(_, v)| v.contains("13500006666")));
    // Again, as the command runs it: nothing left to do.
    let (ok, out) = encrypt_pii(&app, &format!("{K2},{K1}"));
    assert!(ok, "{out}");
    assert!(out.contains("user_phone: 0 sealed under key `k2`"), "{out}");
    assert!(out.contains("case_contact: 0 sealed under key `k2`, 1 already were"), "{out}");
    assert_eq!(stored(&app).await, values, "idempotent: nothing rewritten");
    // A key still in use must stay listed: without it the command stops, naming what it met.
    let (ok, out) = encrypt_pii(&app, K1);
    assert!(!ok, "{out}");
    assert!(out.contains("key `k2`, which is not configured"), "{out}");
    assert!(!out.contains("ffeedd"), "{out}");
    db.close().await.ok();

    // A server with the new key alone reads everything.
    let after = spawn_sibling_configured(&app, false, |s| s.pii_keys = Secret::new(K2)).await;
    let window = after.token("window_agent").await;
    assert_eq!(reveal(&after, &window, "case_contact", &case_id).await.body["value"], CASE_PHONE);
    let admin = after.token("admin").await;
    assert_eq!(reveal(&after, &admin, "user_phone", &admin_id).await.body["value"], "13500006666");
    let case = after.get(&format!("/api/v1/cases/{case_id}"), &window).await;
    assert_eq!(case.body["contact_phone_masked"], "139****2222", "{}", case.body);
    let follow = after
        .client
        .get(format!("{}/api/v1/public/dayao/complaints/{tracking}", after.base))
        .header("X-Mobile-Last4", "4444");
    assert_eq!(after.raw(follow).await.status, 200);
    // A server holding only the old key reads none of it: the values are really re-sealed.
    let stale = spawn_sibling_configured(&app, false, |s| s.pii_keys = Secret::new(K1)).await;
    let window = stale.token("window_agent").await;
    let refused = reveal(&stale, &window, "case_contact", &case_id).await;
    assert_eq!(refused.status, 500, "{}", refused.body);
    assert!(!refused.body.to_string().contains("k2"), "opaque: {}", refused.body);
}

/// Runs `butler encrypt-pii` on the app's database with `keys`; (success, output).
fn encrypt_pii(app: &TestApp, keys: &str) -> (bool, String) {
    let out = std::process::Command::new(crate::dossier::butler_binary())
        .args(["encrypt-pii", "--batch", "50"])
        .env_clear()
        .env("BUTLER_DATABASE_URL", &app.database_url)
        .env("BUTLER_PII_KEYS", keys)
        .output()
        .unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

async fn without_a_key_only_the_demo_starts(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut settings = butler_server::config::Settings {
        database_url: app.database_url.clone(),
        bind: "127.0.0.1:0".into(),
        jwt_secret: Secret::new(JWT_SECRET),
        web_dir: "/nonexistent".into(),
        scheduler_interval_secs: 0,
        ..Default::default()
    };
    settings.storage = app.storage.clone();
    let clock = std::sync::Arc::new(butler_app::clock::SystemClock::default());
    let refused = butler_server::start(&settings, false, clock.clone()).await.err().expect("refused");
    let message = refused.to_string();
    assert!(message.contains("BUTLER_PII_KEYS is required outside demo mode"), "{message}");
    settings.pii_keys = Secret::new("k1=00");
    let refused = butler_server::start(&settings, false, clock.clone()).await.err().expect("refused");
    assert!(refused.to_string().contains("BUTLER_PII_KEYS: key `k1` must be 16 bytes"), "{refused}");
    assert!(!refused.to_string().contains("=00"), "{refused}");
}

crate::on_both_databases!(
    numbers_are_sealed_at_rest_and_masked_in_answers,
    the_full_number_is_for_the_roles_that_need_it_and_every_reveal_is_audited,
    a_rotated_key_reseals_every_number_and_everything_still_reads,
    without_a_key_only_the_demo_starts,
);
