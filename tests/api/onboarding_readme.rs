//! The README's "Onboard a county" steps, followed as a county's IT person would: the real
//! `butler` binary for the command-line steps and the API for the rest, from the prepared
//! example workbook to the county's first accepted case. It prints the machine's time; it
//! asserts the outcome, never the time.

use std::collections::HashMap;
use std::time::Instant;

use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_databases;
use crate::onboarding::sign_in;

/// Runs `butler <args>` on the app's database; returns (success, stdout + stderr).
fn butler(app: &TestApp, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let mut cmd = std::process::Command::new(crate::dossier::butler_binary());
    cmd.args(args)
        .env_clear()
        .env("BUTLER_DATABASE_URL", &app.database_url)
        .env("BUTLER_JWT_SECRET", crate::helpers::JWT_SECRET)
        .env("BUTLER_PII_KEYS", crate::helpers::PII_KEYS);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run butler");
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

async fn the_readme_onboards_a_county_to_its_first_accepted_case(backend: Backend) {
    // Built before the clock starts: a person has the binary already.
    crate::dossier::butler_binary();
    let app = spawn_app(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let started = Instant::now();

    // 1. The platform administrator.
    let (ok, out) = butler(
        &app,
        &["create-platform-admin", "--username", "it-admin", "--display-name", "平台运维"],
        &[("BUTLER_ADMIN_PASSWORD", "Platform-Admin-2026")],
    );
    assert!(ok, "{out}");
    let platform = sign_in(&app, "platform", "it-admin", "Platform-Admin-2026").await;

    // 2. The workbook, from the template (here the prepared example county).
    let workbook = path("yunxi.xlsx");
    let (ok, out) = butler(&app, &["onboarding-template", "--example", &workbook], &[]);
    assert!(ok, "{out}");
    let blank = path("blank.xlsx");
    let (ok, out) = butler(&app, &["onboarding-template", &blank], &[]);
    assert!(ok, "{out}");

    // 3. The dry run.
    let (ok, out) = butler(&app, &["onboard", "--dry-run", &workbook], &[]);
    assert!(ok && out.contains("dry run") && out.contains("10 users"), "{out}");
    let (ok, out) = butler(&app, &["onboard", "--dry-run", &blank], &[]);
    assert!(!ok && out.contains("县/2"), "a blank template is refused: {out}");

    // 4. The onboarding, its initial passwords to a file only.
    let passwords_file = path("yunxi-passwords.csv");
    let (ok, out) = butler(&app, &["onboard", "--passwords-out", &passwords_file, &workbook], &[]);
    assert!(ok && out.contains("county `yunxi` (云溪县) created"), "{out}");
    let csv = std::fs::read_to_string(&passwords_file).unwrap();
    let passwords: HashMap<String, String> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[1].to_owned(), f[5].to_owned())
        })
        .collect();
    assert_eq!(passwords.len(), 10, "{csv}");
    for p in passwords.values() {
        assert!(!out.contains(p.as_str()), "a password reached the log");
    }
    // The platform console sees the county: its workbook exports.
    let export = app
        .client
        .get(format!("{}/api/v1/platform/counties/yunxi/workbook", app.base))
        .bearer_auth(&platform)
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), 200);

    // 5–6. Passwords handed out; first sign-in of each person who takes the first case.
    let admin = sign_in(&app, "yunxi", "admin", &passwords["admin"]).await;
    let officer = sign_in(&app, "yunxi", "officer", &passwords["officer"]).await;
    let leader = sign_in(&app, "yunxi", "leader", &passwords["leader"]).await;

    // 7. The first case, accepted: the enterprise registered, its contact applies, the
    // officer reviews, the leader accepts.
    let enterprise = app
        .post(
            "/api/v1/enterprises",
            &officer,
            json!({"name": "云溪绿能科技有限公司", "credit_code": "91532326MA6K5XQX5N",
                   "contact_name": "罗一鸣", "contact_phone": "13800000291"}),
        )
        .await;
    assert_eq!(enterprise.status, 201, "{}", enterprise.body);
    let contact = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "contact", "display_name": "罗一鸣", "role": "enterprise",
                   "enterprise_id": enterprise.body["id"], "password": "Contact-Pass-2026"}),
        )
        .await;
    assert_eq!(contact.status, 201, "{}", contact.body);
    let contact = sign_in(&app, "yunxi", "contact", "Contact-Pass-2026").await;
    let items = app.get("/api/v1/items?limit=200", &contact).await;
    let ids: Vec<serde_json::Value> =
        items.body["items"].as_array().unwrap().iter().map(|i| json!({"catalog_item_id": i["id"]})).collect();
    assert_eq!(ids.len(), 2, "{}", items.body);
    let created = app
        .post(
            "/api/v1/cases",
            &contact,
            json!({"project_name": "分布式光伏及储能项目", "industry_code": "D4416", "total_investment_fen": 9_000_000_000i64,
                   "location": "云溪县产业园", "agreement_signed_on": "2026-11-02", "brief": "屋顶光伏与储能电站。",
                   "contact_name": "罗一鸣", "contact_phone": "13800000291", "items": ids}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap();
    let r = app.post(&format!("/api/v1/cases/{id}/submit"), &contact, json!(null)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let review = json!({"recommendation": "符合受理条件，建议受理。", "policy_checks": {"industrial": true, "land": true, "environmental": true, "safety": true, "energy": true}});
    let r = app.post(&format!("/api/v1/cases/{id}/review"), &officer, review).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.post(&format!("/api/v1/cases/{id}/accept"), &leader, json!(null)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "accepted");

    println!(
        "README onboarding ({backend:?}): machine time from the platform administrator to the first accepted case: {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

on_both_databases!(the_readme_onboards_a_county_to_its_first_accepted_case);
