//! The dossier (一事一档) archive: downloaded through the API, checked offline by the same
//! function `butler verify-dossier` runs and by the real `butler` process, and tampered with.

use crate::files::{pdf, spawn, upload};
use crate::helpers::*;
use crate::lifecycle::{case_in_service, directory, get_as, step};
use crate::storage::Store;
use butler_domain::case::history::BreakKind;
use butler_domain::dossier::DossierBreak;
use butler_server::verify_dossier::{self, Outcome};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

/// A case carried to `archived` (terminated on the way) after the enterprise gave one
/// material; returns its id and the material's path in the dossier.
async fn archived_case(app: &TestApp) -> (String, String) {
    let d = directory(app).await;
    let id = case_in_service(app, &d).await;
    let enterprise = app.token("enterprise").await;
    let checklist = app.get(&format!("/api/v1/cases/{id}/materials"), &enterprise).await;
    let item = checklist.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| !i["materials"].as_array().unwrap().is_empty())
        .expect("an item with materials")
        .clone();
    let path = format!("/api/v1/cases/{id}/items/{}/materials/1/uploads", item["item_id"].as_str().unwrap());
    let r = upload(app, &path, &enterprise, &[("file", Some("营业执照.pdf"), &pdf("营业执照", 300))]).await;
    assert_eq!(r.status, 201, "{}", r.body);
    step(app, "office", &id, "terminate", json!({"reason": "企业主动申请终止（项目选址调整）"})).await;
    step(app, "enterprise", &id, "confirm", json!(null)).await;
    step(app, "enterprise", &id, "evaluation", json!({"declined": true})).await;
    let archived = step(app, "office", &id, "archive", json!(null)).await;
    assert_eq!(archived["state"], "archived");
    let files = app.get(&format!("/api/v1/cases/{id}/materials"), &enterprise).await;
    let given = files.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item_id"] == item["item_id"])
        .map(|i| i["materials"][0]["current"]["file"]["sha256"].clone())
        .unwrap();
    assert_eq!(given.as_str().map(str::len), Some(64), "{}", files.body);
    (id, given.as_str().unwrap().to_owned())
}

/// The archive's bytes and its `Content-Disposition`.
async fn download(app: &TestApp, id: &str, token: &str) -> (Vec<u8>, String) {
    let res = app
        .client
        .get(format!("{}/api/v1/cases/{id}/dossier", app.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/zip");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
    (res.bytes().await.unwrap().to_vec(), disposition)
}

fn percent_decode(s: &str) -> String {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut content = Vec::new();
        f.read_to_end(&mut content).unwrap();
        files.insert(f.name().unwrap().into_owned(), content);
    }
    files
}

fn rezip(files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in files {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn check(bytes: &[u8]) -> Outcome {
    verify_dossier::verify_reader(Cursor::new(bytes.to_vec()))
}

async fn an_archived_cases_dossier_verifies_and_names_what_was_changed(backend: Backend, store: Store) {
    let (app, _moto) = spawn(backend, store).await;
    let (id, material_sha256) = archived_case(&app).await;
    let office = app.token("office").await;
    let case = get_as(&app, "office", &format!("/api/v1/cases/{id}")).await;
    let number = case["number"].as_str().unwrap().to_owned();

    let (bytes, disposition) = download(&app, &id, &office).await;
    let (_, encoded) = disposition.split_once("filename*=UTF-8''").expect("an RFC 5987 file name");
    assert_eq!(percent_decode(encoded.trim()), format!("一事一档-{number}.zip"));
    assert!(disposition.starts_with("attachment"), "{disposition}");
    // The same case gives the same bytes.
    // Fixed timestamps: the history and the manifest's view of it are the same bytes on every
    // export (case.json is the case as read now: its forecasts move with the clock).
    let again = unzip(&download(&app, &id, &office).await.0);
    assert!(again["history.json"] == unzip(&bytes)["history.json"], "the history is reproducible");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
    for i in 0..archive.len() {
        let f = archive.by_index(i).unwrap();
        assert_eq!(f.last_modified(), Some(zip::DateTime::default()), "{:?}", f.name());
    }
    drop(archive);

    // Intact, with the server's chain head.
    let server = app.get(&format!("/api/v1/cases/{id}/history/verification"), &office).await;
    assert_eq!(server.body["valid"], true);
    let Outcome::Intact(report) = check(&bytes) else { panic!("{:?}", check(&bytes)) };
    assert_eq!(report.case_id.to_string(), id);
    assert_eq!(report.case_number, number);
    assert_eq!(report.chain_head.length, server.body["length"].as_u64().unwrap());
    assert_eq!(report.chain_head.hash, server.body["head"].as_str().unwrap());
    assert_eq!(report.events_v1, 0);
    assert!(report.events_v2 >= 10, "{report:?}");

    // What the archive holds.
    let files = unzip(&bytes);
    let under = |dir: &str| files.keys().filter(|k| k.starts_with(dir)).cloned().collect::<Vec<_>>();
    for own in ["case.json", "history.json", "manifest.json"] {
        assert!(files.contains_key(own), "{own} in {:?}", files.keys());
    }
    let forms = under("forms/");
    assert!(forms.iter().any(|f| f.contains("附件2")), "the application form: {forms:?}");
    assert!(forms.iter().any(|f| f.contains("附件8")), "a terminated case's termination form: {forms:?}");
    assert!(!forms.iter().any(|f| f.contains("附件7")), "no completion form: {forms:?}");
    assert!(forms.iter().all(|f| files[f].starts_with(b"PK")), "Word files: {forms:?}");
    let materials = under("materials/");
    assert_eq!(materials.len(), 1, "{:?}", files.keys());
    assert_eq!(hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&files[&materials[0]])), material_sha256);
    assert_eq!(files.len(), 3 + forms.len() + materials.len(), "{:?}", files.keys());
    let case_json: Value = serde_json::from_slice(&files["case.json"]).unwrap();
    assert_eq!((case_json["id"].as_str(), case_json["state"].as_str()), (Some(id.as_str()), Some("archived")));
    let history: Value = serde_json::from_slice(&files["history.json"]).unwrap();
    let timeline = app.get(&format!("/api/v1/cases/{id}/timeline"), &office).await;
    let events = history["events"].as_array().unwrap();
    assert_eq!(events.len(), timeline.body["events"].as_array().unwrap().len());
    for (e, t) in events.iter().zip(timeline.body["events"].as_array().unwrap()) {
        assert_eq!((&e["sequence"], &e["hash"], &e["action"]), (&t["sequence"], &t["hash"], &t["action"]));
        assert_eq!((&e["chain_version"], &t["chain_version"]), (&json!(2), &json!(2)));
    }
    assert_eq!(events.last().unwrap()["to"], "archived");
    let manifest: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    assert_eq!(manifest["case_id"], id.as_str());
    assert_eq!(manifest["chain_head"]["hash"], server.body["head"]);
    assert_eq!(manifest["entries"].as_array().unwrap().len(), files.len() - 1, "every file but the manifest");

    // One byte of a file flipped: that file is named.
    let mut flipped = files.clone();
    flipped.get_mut("case.json").unwrap()[10] ^= 0x20;
    assert_eq!(check(&rezip(&flipped)), Outcome::Broken(DossierBreak::Changed { path: "case.json".into() }));

    // One byte of a material flipped: that material is named.
    let mut flipped = files.clone();
    let material = materials[0].clone();
    let middle = flipped[&material].len() / 2;
    flipped.get_mut(&material).unwrap()[middle] ^= 0x01;
    assert_eq!(check(&rezip(&flipped)), Outcome::Broken(DossierBreak::Changed { path: material }));

    // One field of one event changed: that event is named.
    let mut changed = history.clone();
    changed["events"][2]["payload"]["forged"] = json!(true);
    let mut forged = files.clone();
    forged.insert("history.json".into(), serde_json::to_vec_pretty(&changed).unwrap());
    assert_eq!(check(&rezip(&forged)), Outcome::Broken(DossierBreak::Event { sequence: 3, kind: BreakKind::Hash }));
    let mut changed = history.clone();
    changed["events"][4]["occurred_at"] = json!("2020-01-01T00:00:00.000000Z");
    forged.insert("history.json".into(), serde_json::to_vec(&changed).unwrap());
    assert_eq!(check(&rezip(&forged)), Outcome::Broken(DossierBreak::Event { sequence: 5, kind: BreakKind::Hash }));

    // A file slipped in, and not a ZIP at all.
    let mut extra = files.clone();
    extra.insert("materials/补充.pdf".into(), b"%PDF".to_vec());
    assert_eq!(check(&rezip(&extra)), Outcome::Broken(DossierBreak::Extra { path: "materials/补充.pdf".into() }));
    assert_eq!(check(b"not a zip").exit_code(), 2);
}

async fn the_dossier_is_for_those_who_may_read_the_case(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let id = case_in_service(&app, &d).await;
    let path = format!("/api/v1/cases/{id}/dossier");
    // An open case's dossier can be downloaded too, by its enterprise as well.
    let enterprise = app.token("enterprise").await;
    let (bytes, _) = download(&app, &id, &enterprise).await;
    assert!(matches!(check(&bytes), Outcome::Intact(_)));
    let r = app.raw(app.client.get(format!("{}{path}", app.base))).await;
    r.assert_problem(401, "unauthenticated");
    app.add_tenant("yongren", "永仁县", "532327").await;
    let stranger = app.login_in("yongren", "office").await.0;
    app.get(&path, &stranger).await.assert_problem(404, "not_found");
    let r = app.get(&format!("/api/v1/cases/{}/dossier", uuid::Uuid::new_v4()), &enterprise).await;
    r.assert_problem(404, "not_found");
}

/// The `butler` binary of this build, built when missing (a test crate cannot name another
/// package's binary): next to the test executable's `deps` folder.
pub(crate) fn butler_binary() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let exe = std::env::current_exe().unwrap();
            let profile_dir = exe.parent().and_then(Path::parent).unwrap().to_path_buf();
            let target_dir = profile_dir.parent().unwrap().to_path_buf();
            let release = profile_dir.file_name().is_some_and(|n| n == "release");
            let mut cargo = std::process::Command::new(env!("CARGO"));
            // The variables cargo sets for a test would make it rebuild what the suite built.
            cargo.env_clear();
            for keep in
                ["PATH", "HOME", "CARGO_HOME", "RUSTUP_HOME", "RUSTUP_TOOLCHAIN", "RUSTFLAGS", "CARGO_INCREMENTAL"]
            {
                if let Some(v) = std::env::var_os(keep) {
                    cargo.env(keep, v);
                }
            }
            // Profile settings the suite was built with (debug info off, ...): without them
            // every artifact would be built a second time.
            for (name, v) in std::env::vars_os() {
                if name.to_str().is_some_and(|n| n.starts_with("CARGO_PROFILE_")) {
                    cargo.env(name, v);
                }
            }
            cargo
                .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
                .args(["build", "--quiet", "-p", "butler-server", "--bin", "butler", "--target-dir"])
                .arg(&target_dir);
            if release {
                cargo.arg("--release");
            }
            let status = cargo.status().expect("run cargo");
            assert!(status.success(), "building the butler binary failed");
            profile_dir.join("butler")
        })
        .clone()
}

async fn the_butler_command_checks_a_dossier_offline(backend: Backend) {
    // Built (when missing) before the server starts: building blocks this thread a while.
    let butler = butler_binary();
    let app = spawn_app(backend).await;
    let (id, _) = archived_case(&app).await;
    let office = app.token("office").await;
    let (bytes, _) = download(&app, &id, &office).await;
    let number = get_as(&app, "office", &format!("/api/v1/cases/{id}")).await["number"].as_str().unwrap().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, content: &[u8]| {
        let file = dir.path().join(name);
        std::fs::write(&file, content).unwrap();
        // No configuration, no database: a clean environment.
        let out = std::process::Command::new(&butler)
            .arg("verify-dossier")
            .arg(&file)
            .env_clear()
            .output()
            .expect("run butler");
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };

    let (code, out) = run("intact.zip", &bytes);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("INTACT") && out.contains(&number), "{out}");
    let head = app.get(&format!("/api/v1/cases/{id}/history/verification"), &office).await.body["head"].clone();
    assert!(out.contains(head.as_str().unwrap()), "the chain head is printed: {out}");

    let mut files = unzip(&bytes);
    files.get_mut("case.json").unwrap()[5] ^= 1;
    let (code, out) = run("flipped.zip", &rezip(&files));
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("BROKEN") && out.contains("case.json"), "{out}");

    let mut files = unzip(&bytes);
    let mut history: Value = serde_json::from_slice(&files["history.json"]).unwrap();
    history["events"][1]["action"] = json!("reject");
    files.insert("history.json".into(), serde_json::to_vec(&history).unwrap());
    let (code, out) = run("forged.zip", &rezip(&files));
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("event 2"), "{out}");

    let (code, out) = run("garbage.zip", b"PK not really");
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("UNREADABLE"), "{out}");
}

async fn dossier_on_a_local_folder(backend: Backend) {
    an_archived_cases_dossier_verifies_and_names_what_was_changed(backend, Store::Local).await
}

async fn dossier_on_s3(backend: Backend) {
    an_archived_cases_dossier_verifies_and_names_what_was_changed(backend, Store::S3).await
}

crate::on_both_databases!(
    dossier_on_a_local_folder,
    dossier_on_s3,
    the_dossier_is_for_those_who_may_read_the_case,
    the_butler_command_checks_a_dossier_offline,
);
