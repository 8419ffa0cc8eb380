//! Stored files end to end, on both databases and both stores (a local folder, and a real
//! S3-compatible server process): the materials checklist filled by uploading (versions,
//! content-checked types, size limits), the department's decisions, reuse in a later case,
//! downloads with and without the right to, and an approved sheet's result document.

use crate::helpers::*;
use crate::lifecycle::{Directory, application, case_in_service, directory, get_as, step, task, task_of};
use crate::storage::{Moto, Store, local_object_count};
use butler_server::config::StorageSettings;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const MAX_FILE: u64 = 32 * 1024;
const MAX_CASE: u64 = 96 * 1024;

/// The server on `backend` with files in `store` (small limits), and the S3 server if any.
pub(crate) async fn spawn(backend: Backend, store: Store) -> (TestApp, Option<Moto>) {
    let moto = match store {
        Store::Local => None,
        Store::S3 => Some(Moto::start().await),
    };
    let s3 = moto.as_ref().map(Moto::settings);
    let app = spawn_configured(backend, |s| {
        if let Some(s3) = s3 {
            s.storage = StorageSettings { local_root: s.storage.local_root.clone(), ..s3 };
        }
        s.storage.max_file_bytes = MAX_FILE;
        s.storage.max_case_bytes = MAX_CASE;
    })
    .await;
    (app, moto)
}

/// Objects in the store and rows of stored files: what "nothing stored" is measured by.
async fn stored(app: &TestApp, moto: &Option<Moto>) -> (usize, i64) {
    let objects = match moto {
        Some(m) => m.object_count().await,
        None => local_object_count(&app.storage.local_root),
    };
    let db = app.db().await;
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) AS n FROM stored_files"))
        .await
        .unwrap()
        .unwrap();
    let n: i64 = row.try_get("", "n").unwrap();
    db.close().await.ok();
    (objects, n)
}

pub(crate) fn pdf(text: &str, pad: usize) -> Vec<u8> {
    let mut b = format!("%PDF-1.7\n%\u{e2}\u{e3}\n1 0 obj << /Title ({text}) >> endobj\n").into_bytes();
    b.extend(std::iter::repeat_n(b' ', pad));
    b.extend_from_slice(b"\n%%EOF\n");
    b
}

fn png() -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    b.extend_from_slice(&[0x1f, 0x15, 0xc4, 0x89]);
    b
}

fn sha256(b: &[u8]) -> String {
    hex::encode(Sha256::digest(b))
}

/// Posts a `multipart/form-data` body of `(name, file name, bytes)` parts.
pub(crate) async fn upload(app: &TestApp, path: &str, token: &str, parts: &[(&str, Option<&str>, &[u8])]) -> Reply {
    let boundary = "----butler-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, file_name, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file_name {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let req = app
        .client
        .post(format!("{}{path}", app.base))
        .bearer_auth(token)
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body);
    app.raw(req).await
}

fn material(checklist: &Value, item: usize, position: usize) -> &Value {
    &checklist["items"][item]["materials"][position - 1]
}

/// A draft application of `enterprise` with the land-planning and EIA items; returns
/// (case id, the land item's id).
async fn draft(app: &TestApp, d: &Directory) -> (String, String) {
    let enterprise = app.token("enterprise").await;
    let mut body = application(d);
    body["items"] = json!([{"catalog_item_id": d.items["DY-007"]}, {"catalog_item_id": d.items["DY-009"]}]);
    let r = app.post("/api/v1/cases", &enterprise, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let list = app.get(&format!("/api/v1/cases/{id}/materials"), &enterprise).await;
    assert_eq!(list.status, 200, "{}", list.body);
    (id, list.body["items"][0]["item_id"].as_str().unwrap().to_owned())
}

async fn materials_are_uploaded_versioned_decided_and_reused(backend: Backend, store: Store) {
    let (app, moto) = spawn(backend, store).await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;
    let (case, item) = draft(&app, &d).await;
    let slot = |p: usize| format!("/api/v1/cases/{case}/items/{item}/materials/{p}");

    // The checklist: each item's materials, all missing, PDF/JPEG/PNG by default.
    let list = get_as(&app, "enterprise", &format!("/api/v1/cases/{case}/materials")).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    let first = material(&list, 0, 1);
    assert_eq!(first["state"], "missing");
    assert_eq!(first["accepted_types"], json!(["pdf", "jpeg", "png"]));
    assert_eq!(first["allowed_actions"], json!(["upload", "reuse"]));
    assert!(first["current"].is_null());

    // Upload: stored with its hash and size, as version 1.
    let v1 = pdf("申请表", 100);
    let r = upload(
        &app,
        &format!("{}/uploads", slot(1)),
        &enterprise,
        &[("valid_until", None, b"2099-12-31"), ("file", Some("申请表.pdf"), &v1)],
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["state"], "submitted");
    assert_eq!(r.body["current"]["version"], 1);
    assert_eq!(r.body["current"]["on_behalf"], false);
    assert_eq!(r.body["current"]["valid_until"], "2099-12-31");
    assert_eq!(r.body["current"]["file"]["sha256"], sha256(&v1));
    assert_eq!(r.body["current"]["file"]["size_bytes"], v1.len());
    assert_eq!(r.body["current"]["file"]["file_type"], "pdf");
    assert_eq!(r.body["current"]["file"]["file_name"], "申请表.pdf");
    let v1_file = r.body["current"]["file"]["id"].as_str().unwrap().to_owned();
    let before = stored(&app, &moto).await;
    assert_eq!(before, (1, 1));

    // A wrong type (told by content, whatever its name) and an oversize file: refused with
    // a clear problem, nothing stored.
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00 not a pdf at all";
    let r = upload(&app, &format!("{}/uploads", slot(1)), &enterprise, &[("file", Some("看起来像.pdf"), exe)]).await;
    r.assert_problem(415, "unsupported_file_type");
    assert_eq!(r.field_codes(), vec![("file".to_owned(), "file_type".to_owned())]);
    assert!(r.body["errors"][0]["message"].as_str().unwrap().contains("PDF"), "{}", r.body);
    let big = pdf("大文件", MAX_FILE as usize + 1);
    let r = upload(&app, &format!("{}/uploads", slot(1)), &enterprise, &[("file", Some("big.pdf"), &big)]).await;
    r.assert_problem(413, "payload_too_large");
    assert_eq!(r.field_codes(), vec![("file".to_owned(), "file_size_limit".to_owned())]);
    let r = upload(&app, &format!("{}/uploads", slot(1)), &enterprise, &[("valid_until", None, b"tomorrow")]).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(stored(&app, &moto).await, before, "nothing stored by refused uploads");
    let r = get_as(&app, "enterprise", &format!("/api/v1/cases/{case}/materials")).await;
    assert_eq!(material(&r, 0, 1)["current"]["version"], 1, "the material is as it was");

    // The department asks for a correction (补正), naming why; a new version answers it. A
    // draft is no department's: the application is submitted first.
    crate::lifecycle::step(&app, "enterprise", &case, "submit", json!(null)).await;
    let agent = app.token("agent-natural-resources").await;
    let other_agent = app.token("agent-water").await;
    let r = app.post(&format!("{}/decision", slot(1)), &other_agent, json!({"decision": "accept"})).await;
    r.assert_problem(404, "not_found");
    let r = app.post(&format!("{}/decision", slot(1)), &agent, json!({"decision": "request_correction"})).await;
    r.assert_problem(422, "validation_failed");
    let r = app
        .post(
            &format!("{}/decision", slot(1)),
            &agent,
            json!({"decision": "request_correction", "reason": "申请表缺少盖章"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "correction_requested");
    assert_eq!(r.body["reason"], "申请表缺少盖章");
    let r = app.post(&format!("{}/uploads", slot(1)), &enterprise, json!({})).await;
    r.assert_problem(400, "malformed_request");
    let v2 = png();
    let r = upload(&app, &format!("{}/uploads", slot(1)), &enterprise, &[("file", Some("盖章页.png"), &v2)]).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!((r.body["state"].as_str(), r.body["current"]["version"].as_i64()), (Some("submitted"), Some(2)));
    assert!(r.body["reason"].is_null());
    let r = app.post(&format!("{}/decision", slot(1)), &agent, json!({"decision": "accept"})).await;
    assert_eq!((r.status.as_u16(), r.body["state"].as_str()), (200, Some("accepted")), "{}", r.body);
    let r =
        upload(&app, &format!("{}/uploads", slot(1)), &enterprise, &[("file", Some("again.pdf"), &pdf("x", 1))]).await;
    r.assert_problem(409, "invalid_transition");

    // The window gives another material for the enterprise (代办).
    let window = app.token("window_agent").await;
    let r = upload(&app, &format!("{}/uploads", slot(2)), &window, &[("file", Some("备案文件.pdf"), &pdf("备案", 10))])
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["current"]["on_behalf"], true);
    // A department may not give materials.
    let r = upload(&app, &format!("{}/uploads", slot(3)), &agent, &[("file", Some("x.pdf"), &pdf("x", 1))]).await;
    r.assert_problem(403, "forbidden");

    // Nothing was overwritten: the library keeps both versions; the first still downloads.
    let enterprise_id = get_as(&app, "enterprise", &format!("/api/v1/cases/{case}")).await["enterprise"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let lib = get_as(&app, "enterprise", &format!("/api/v1/enterprises/{enterprise_id}/materials")).await;
    let form = lib["items"].as_array().unwrap().iter().find(|m| m["latest_version"] == 2).expect("the form").clone();
    assert_eq!(form["versions"].as_array().unwrap().iter().map(|v| v["version"].clone()).collect::<Vec<_>>(), [2, 1]);
    let res =
        app.client.get(format!("{}/api/v1/files/{v1_file}", app.base)).bearer_auth(&enterprise).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "application/pdf");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["etag"].to_str().unwrap(), format!("\"{}\"", sha256(&v1)));
    let cd = h["content-disposition"].to_str().unwrap();
    assert!(cd.starts_with("attachment;") && cd.contains("filename*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf"), "{cd}");
    assert_eq!(res.bytes().await.unwrap().as_ref(), v1.as_slice());
    // Who may not see the case may not know the file exists; without a token, 401.
    let r = app.get(&format!("/api/v1/files/{v1_file}"), &other_agent).await;
    r.assert_problem(404, "not_found");
    let r = app.get(&format!("/api/v1/files/{v1_file}"), &agent).await;
    assert_eq!(r.status, 200, "the item's department sees the case's files");
    let r = app.request(reqwest::Method::GET, &format!("/api/v1/files/{v1_file}"), None, None).await;
    r.assert_problem(401, "unauthenticated");
    let r = app.get(&format!("/api/v1/enterprises/{enterprise_id}/materials"), &agent).await;
    r.assert_problem(403, "forbidden");

    // Given once, offered again in a later case (一次提交、多次复用), decided afresh there.
    let (later, later_item) = draft(&app, &d).await;
    let list = get_as(&app, "enterprise", &format!("/api/v1/cases/{later}/materials")).await;
    let offered = &material(&list, 0, 1)["candidates"];
    assert_eq!(
        offered.as_array().unwrap().iter().map(|c| c["version"].clone()).collect::<Vec<_>>(),
        [2, 1],
        "{offered}"
    );
    let material_id = offered[0]["material_id"].as_str().unwrap();
    let reuse = format!("/api/v1/cases/{later}/items/{later_item}/materials/1/reuse");
    let r = app.post(&reuse, &enterprise, json!({"material_id": material_id, "version": 9})).await;
    assert_eq!(r.field_codes(), vec![("version".to_owned(), "unknown_version".to_owned())]);
    let r = app.post(&reuse, &enterprise, json!({"material_id": material_id, "version": 2})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "submitted");
    assert_eq!(r.body["current"]["file"]["sha256"], sha256(&v2));
    let again = get_as(&app, "enterprise", &format!("/api/v1/cases/{case}/materials")).await;
    assert_eq!(material(&again, 0, 1)["state"], "accepted", "each use keeps its own decision");
    assert_eq!(stored(&app, &moto).await.1, 3, "reuse stores nothing new");

    // The case size limit: the case's files together may not exceed it.
    let mut used = 0;
    loop {
        let chunk = pdf("填充", (MAX_FILE as usize) - 200);
        let r = upload(&app, &format!("{}/uploads", slot(3)), &window, &[("file", Some("填充.pdf"), &chunk)]).await;
        if r.status == 413 {
            assert_eq!(r.field_codes(), vec![("file".to_owned(), "case_size_limit".to_owned())], "{}", r.body);
            break;
        }
        assert_eq!(r.status, 201, "{}", r.body);
        used += 1;
        assert!(used < 10, "the case limit never bound");
    }

    // The history records every material event.
    let timeline = get_as(&app, "office", &format!("/api/v1/cases/{case}/timeline")).await;
    let actions: Vec<&str> =
        timeline["events"].as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    for a in ["material_uploaded", "material_correction_requested", "material_accepted"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    assert_eq!(timeline["verification"]["valid"], true, "{}", timeline["verification"]);
}

async fn a_result_document_is_attached_and_downloaded(backend: Backend, store: Store) {
    let (app, moto) = spawn(backend, store).await;
    let d = directory(&app).await;
    let id = case_in_service(&app, &d).await;
    let case = get_as(&app, "office", &format!("/api/v1/cases/{id}")).await;
    let land = task_of(&case, "建设用地规划许可", "approval")["id"].as_str().unwrap().to_owned();
    let agent = app.token("agent-natural-resources").await;
    let doc = pdf("姚自然资规〔2026〕12号", 200);
    let path = format!("/api/v1/tasks/{land}/documents");

    // Only an approved sheet takes its approval document, from its own department.
    let r = upload(&app, &path, &agent, &[("file", Some("批文.pdf"), &doc)]).await;
    r.assert_problem(409, "invalid_transition");
    task(&app, "agent-natural-resources", &land, "acknowledge", json!(null)).await;
    task(
        &app,
        "agent-natural-resources",
        &land,
        "finish",
        json!({"outcome": "approved", "document_number": "姚自然资规〔2026〕12号"}),
    )
    .await;
    let water = app.token("agent-water").await;
    upload(&app, &path, &water, &[("file", Some("批文.pdf"), &doc)]).await.assert_problem(403, "forbidden");
    let r = upload(&app, &path, &agent, &[("file", Some("批文.txt"), b"just text")]).await;
    r.assert_problem(415, "unsupported_file_type");
    assert_eq!(stored(&app, &moto).await, (0, 0));
    let r = upload(&app, &path, &agent, &[("file", Some("批文.pdf"), &doc)]).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let file_id = r.body["file"]["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["task"]["result_file_id"], file_id.as_str());
    assert_eq!(r.body["file"]["sha256"], sha256(&doc));
    assert_eq!(stored(&app, &moto).await, (1, 1));

    // The window tells the enterprise; the notice links the document, which it downloads.
    task(&app, "window_agent", &land, "result-notice", json!({"channel": "phone"})).await;
    let enterprise = app.token("enterprise").await;
    let notes = app.get("/api/v1/notifications?limit=200", &enterprise).await;
    let linked = notes.body["items"].as_array().unwrap().iter().find(|n| n["file_id"] == file_id.as_str());
    assert!(linked.is_some(), "{}", notes.body);
    let res =
        app.client.get(format!("{}/api/v1/files/{file_id}", app.base)).bearer_auth(&enterprise).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), doc.as_slice());
    let timeline = get_as(&app, "office", &format!("/api/v1/cases/{id}/timeline")).await;
    assert!(timeline["events"].as_array().unwrap().iter().any(|e| e["action"] == "result_document_attached"));

    // A material given while in service; then the case's files as its dossier reads them:
    // suggested paths, hashes, and the bytes from the store.
    let list = get_as(&app, "enterprise", &format!("/api/v1/cases/{id}/materials")).await;
    let item = list["items"][0]["item_id"].as_str().unwrap().to_owned();
    let slot = format!("/api/v1/cases/{id}/items/{item}/materials/1/uploads");
    let form = pdf("申请表", 30);
    let r = upload(&app, &slot, &enterprise, &[("file", Some("申请表.pdf"), &form)]).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let db = app.db().await;
    let office = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id, tenant_id FROM users WHERE username = 'office'",
        ))
        .await
        .unwrap()
        .unwrap();
    let actor = butler_domain::policy::Actor {
        user_id: office.try_get("", "id").unwrap(),
        tenant_id: office.try_get("", "tenant_id").unwrap(),
        role: butler_domain::role::Role::Office,
        department_id: None,
        enterprise_id: None,
    };
    let ctx = butler_app::Context::new(db, std::sync::Arc::new(butler_app::clock::SystemClock::default()), false)
        .with_files(butler_app::files::Storage::open(&app.storage.config()).unwrap(), app.storage.limits());
    let files = butler_app::materials::case_files(&ctx, &actor, id.parse().unwrap()).await.unwrap();
    assert_eq!(files.len(), 2, "{files:?}");
    let (material_file, result_file) = (&files[0], &files[1]);
    assert_eq!(material_file.role, butler_app::materials::CaseFileRole::Material);
    assert!(material_file.path.starts_with("materials/01-") && material_file.path.ends_with("-v1.pdf"), "{files:?}");
    assert_eq!(material_file.sha256, sha256(&form));
    assert_eq!(ctx.storage.read(&material_file.storage_key).await.unwrap(), form);
    assert_eq!(result_file.role, butler_app::materials::CaseFileRole::Result);
    assert!(result_file.path.starts_with("results/01-") && result_file.path.ends_with("批文.pdf"), "{files:?}");
    assert_eq!(result_file.file_id.to_string(), file_id);
    assert_eq!(ctx.storage.read(&result_file.storage_key).await.unwrap(), doc);

    // A closed case stays closed: no material and no document is taken any more.
    step(&app, "office", &id, "terminate", json!({"reason": "企业主动申请终止（项目选址调整）"})).await;
    let before = stored(&app, &moto).await;
    upload(&app, &path, &agent, &[("file", Some("批文.pdf"), &doc)]).await.assert_problem(409, "invalid_transition");
    let list = get_as(&app, "enterprise", &format!("/api/v1/cases/{id}/materials")).await;
    assert_eq!(material(&list, 0, 1)["allowed_actions"], json!([]));
    let r = upload(&app, &slot, &enterprise, &[("file", Some("申请表.pdf"), &pdf("x", 1))]).await;
    r.assert_problem(409, "invalid_transition");
    assert_eq!(r.body["state"], "terminated");
    assert_eq!(stored(&app, &moto).await, before, "nothing stored for a closed case");
}

async fn materials_on_a_local_folder(backend: Backend) {
    materials_are_uploaded_versioned_decided_and_reused(backend, Store::Local).await
}

async fn materials_on_s3(backend: Backend) {
    materials_are_uploaded_versioned_decided_and_reused(backend, Store::S3).await
}

async fn result_document_on_a_local_folder(backend: Backend) {
    a_result_document_is_attached_and_downloaded(backend, Store::Local).await
}

async fn result_document_on_s3(backend: Backend) {
    a_result_document_is_attached_and_downloaded(backend, Store::S3).await
}

crate::on_both_databases!(
    materials_on_a_local_folder,
    materials_on_s3,
    result_document_on_a_local_folder,
    result_document_on_s3,
);
