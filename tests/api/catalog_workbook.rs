//! The catalog workbook: import of the template (every problem named by sheet, row and column;
//! all or nothing; drafts, or published at once; a dry run), export in the same template, the
//! round trip into another county and into the same one, and the `butler import-catalog`
//! command.

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use reqwest::StatusCode;
use serde_json::Value;
use std::io::Cursor;
use uuid::Uuid;

use crate::helpers::{Backend, Reply, TestApp, spawn_app};
use crate::on_both_databases;

type Rows = Vec<Vec<String>>;

/// The 事项 and 材料 sheets of a workbook as text (numbers as whole numbers).
fn sheets(bytes: &[u8]) -> (Rows, Rows) {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an xlsx");
    let mut read = |name: &str| -> Rows {
        wb.worksheet_range(name).expect("the sheet").rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    };
    (read("事项"), read("材料"))
}

/// A workbook of the two sheets, every cell text.
fn workbook(items: &Rows, materials: &Rows) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in [("事项", items), ("材料", materials)] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn column(rows: &Rows, header: &str) -> usize {
    rows[0].iter().position(|h| h == header).unwrap_or_else(|| panic!("no column {header}"))
}

fn row_of(rows: &Rows, code: &str) -> usize {
    rows.iter().position(|r| r[0] == code).unwrap_or_else(|| panic!("no row {code}"))
}

async fn export(app: &TestApp, token: &str) -> Vec<u8> {
    let res = app.client.get(format!("{}/api/v1/items/export.xlsx", app.base)).bearer_auth(token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.bytes().await.unwrap().to_vec()
}

/// Posts the workbook to `importCatalog` with `query`, in the language `lang`.
async fn import(app: &TestApp, token: &str, query: &str, lang: &str, bytes: &[u8]) -> Reply {
    let boundary = "----butler-catalog-workbook-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"catalog.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = app
        .client
        .post(format!("{}/api/v1/items/import{query}", app.base))
        .bearer_auth(token)
        .header("accept-language", lang)
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body);
    app.raw(req).await
}

async fn catalog(app: &TestApp, token: &str) -> Vec<Value> {
    let r = app.get("/api/v1/items?limit=200", token).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["items"].as_array().unwrap().clone()
}

fn find<'a>(items: &'a [Value], code: &str) -> &'a Value {
    items.iter().find(|i| i["code"] == code).unwrap_or_else(|| panic!("no item {code}"))
}

/// Every version of `code` in the tenant `tenant`: (version, status).
async fn versions(app: &TestApp, tenant: &str, code: &str) -> Vec<(i32, String)> {
    let db = app.db().await;
    let t = butler_persistence::repo::tenants::find_by_code(&db, tenant).await.unwrap().unwrap();
    let v = butler_persistence::repo::item_versions::versions(&db, t.id, code).await.unwrap();
    db.close().await.ok();
    v.into_iter().map(|v| (v.item.version, v.item.status.0.code().to_owned())).collect()
}

fn outcome_of(report: &Value, code: &str) -> (String, i64, String) {
    let i = report["items"].as_array().unwrap().iter().find(|i| i["code"] == code).unwrap();
    (
        i["outcome"].as_str().unwrap().to_owned(),
        i["version"].as_i64().unwrap(),
        i["status"].as_str().unwrap().to_owned(),
    )
}

async fn a_broken_workbook_names_every_problem_and_writes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    let before = catalog(&app, &office).await;
    let (mut items, mut materials) = sheets(&export(&app, &office).await);
    let limit = column(&items, "法定时限");
    let department = column(&items, "办理部门编码");
    let flag = column(&items, "告知承诺");
    let name = column(&items, "事项名称");
    items[1][limit] = "二十多天".into();
    items[2][department] = "nowhere".into();
    items[3][flag] = "可以".into();
    items[4][name] = String::new();
    // A new item would be fine, but nothing is written while anything is wrong.
    let mut fresh = items[5].clone();
    fresh[0] = "WB-NEW".into();
    items.push(fresh);
    materials.push(vec!["WB-404".into(), "1".into(), "申请表".into(), "是".into(), "否".into()]);

    let r = import(&app, &office, "?publish=true", "zh-CN", &workbook(&items, &materials)).await;
    r.assert_problem(422, "validation_failed");
    let errors = r.body["errors"].as_array().unwrap();
    let found: Vec<(&str, &str)> =
        errors.iter().map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect();
    let last = materials.len();
    let expected = [
        ("事项/2/法定时限".to_owned(), "time_limit"),
        ("事项/3/办理部门编码".to_owned(), "unknown_department"),
        ("事项/4/告知承诺".to_owned(), "not_a_flag"),
        ("事项/5/事项名称".to_owned(), "required"),
        (format!("材料/{last}/事项编码"), "unknown_item"),
    ];
    assert_eq!(found.len(), expected.len(), "{found:?}");
    for (field, code) in &expected {
        assert!(found.contains(&(field.as_str(), *code)), "{field} {code} not in {found:?}");
    }
    let message = errors.iter().find(|e| e["code"] == "time_limit").unwrap()["message"].as_str().unwrap();
    assert!(message.starts_with("「事项」表第 2 行「法定时限」列：「二十多天」不是时限"), "{message}");

    // The same report in English.
    let r = import(&app, &office, "", "en", &workbook(&items, &materials)).await;
    r.assert_problem(422, "validation_failed");
    let message =
        r.body["errors"].as_array().unwrap().iter().find(|e| e["code"] == "unknown_department").unwrap()["message"]
            .as_str()
            .unwrap()
            .to_owned();
    assert_eq!(message, "sheet 事项 (items), row 3, column department code: the county has no department `nowhere`");

    // Not a workbook at all; a role that may not import.
    import(&app, &office, "", "zh-CN", b"not a zip").await.assert_problem(422, "validation_failed");
    let agent = app.token("agent-natural-resources").await;
    import(&app, &agent, "", "zh-CN", &export(&app, &office).await).await.assert_problem(403, "forbidden");

    assert_eq!(catalog(&app, &office).await, before);
    assert!(versions(&app, "dayao", "WB-NEW").await.is_empty());
}

async fn a_good_workbook_makes_drafts_then_publishes_them(backend: Backend) {
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    let (mut items, mut materials) = sheets(&export(&app, &office).await);
    let process = column(&items, "办理流程");
    let row = row_of(&items, "DY-007");
    items[row][process] = "申请→受理→现场踏勘→审查→决定→送达".into();
    let mut fresh = items[row].clone();
    fresh[0] = "WB-001".into();
    fresh[column(&items, "事项名称")] = "临时建设工程规划许可".into();
    items.push(fresh);
    materials.push(vec![
        "WB-001".into(),
        "2".into(),
        "总平面图".into(),
        "是".into(),
        "否".into(),
        "".into(),
        "".into(),
    ]);
    materials.push(vec![
        "WB-001".into(),
        "1".into(),
        "申请表".into(),
        "是".into(),
        "否".into(),
        "".into(),
        "原件1份".into(),
    ]);
    let bytes = workbook(&items, &materials);
    let before = catalog(&app, &office).await;

    // A dry run answers what would happen and writes nothing.
    let r = import(&app, &office, "?dry_run=true", "zh-CN", &bytes).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!((r.body["created"].as_i64(), r.body["changed"].as_i64()), (Some(1), Some(1)));
    assert_eq!(r.body["unchanged"].as_u64(), Some(before.len() as u64 - 1));
    assert_eq!(outcome_of(&r.body, "WB-001"), ("created".into(), 1, "draft".into()));
    assert_eq!(outcome_of(&r.body, "DY-007"), ("changed".into(), 2, "draft".into()));
    assert!(versions(&app, "dayao", "WB-001").await.is_empty());

    // Drafts: the catalog in force does not change.
    let r = import(&app, &office, "", "zh-CN", &bytes).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(outcome_of(&r.body, "WB-001"), ("created".into(), 1, "draft".into()));
    assert_eq!(outcome_of(&r.body, "DY-007"), ("changed".into(), 2, "draft".into()));
    assert_eq!(outcome_of(&r.body, "DY-001"), ("unchanged".into(), 1, "published".into()));
    assert_eq!(catalog(&app, &office).await, before);
    assert_eq!(versions(&app, "dayao", "DY-007").await, vec![(2, "draft".into()), (1, "published".into())]);

    // Again with publish: the drafts are the same, and now in force.
    let r = import(&app, &office, "?publish=true", "zh-CN", &bytes).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(outcome_of(&r.body, "DY-007"), ("unchanged".into(), 2, "published".into()));
    assert_eq!(outcome_of(&r.body, "WB-001"), ("unchanged".into(), 1, "published".into()));
    assert_eq!(versions(&app, "dayao", "DY-007").await, vec![(2, "published".into()), (1, "retired".into())]);
    let after = catalog(&app, &office).await;
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(find(&after, "DY-007")["process"], "申请→受理→现场踏勘→审查→决定→送达");
    let new = find(&after, "WB-001");
    let names: Vec<&str> = new["materials"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["申请表", "总平面图"], "materials in the order of their numbers");
    assert_eq!(new["materials"][0]["note"], "原件1份");

    // A changed published item with publish: a new version in force at once.
    items[row][process] = "申请→受理→审查→决定→送达".into();
    let r = import(&app, &office, "?publish=true", "zh-CN", &workbook(&items, &materials)).await;
    assert_eq!(outcome_of(&r.body, "DY-007"), ("changed".into(), 3, "published".into()));
    assert_eq!(r.body["changed"].as_i64(), Some(1));
    assert_eq!(versions(&app, "dayao", "DY-007").await[0], (3, "published".into()));
}

async fn export_then_import_gives_the_same_catalog(backend: Backend) {
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    let bytes = export(&app, &office).await;
    let (items, materials) = sheets(&bytes);
    assert_eq!(items.len(), 29, "the demo county's 28 items");
    assert!(items[0].contains(&"最长延期（工作日）".to_owned()) && materials[0][1] == "序号");

    // Into the same county: nothing changes.
    let before = catalog(&app, &office).await;
    let r = import(&app, &office, "?publish=true", "zh-CN", &bytes).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        (r.body["created"].as_i64(), r.body["changed"].as_i64(), r.body["unchanged"].as_i64()),
        (Some(0), Some(0), Some(28))
    );
    assert_eq!(catalog(&app, &office).await, before);
    assert_eq!(versions(&app, "dayao", "DY-001").await, vec![(1, "published".into())]);

    // Into a county with the same departments and no catalog: the same catalog.
    app.add_tenant("second", "第二县", "532301").await;
    let db = app.db().await;
    let second = butler_persistence::repo::tenants::find_by_code(&db, "second").await.unwrap().unwrap().id;
    empty_catalog(&db, second).await;
    db.close().await.ok();
    let other = app.login_in("second", "office").await.0;
    assert!(catalog(&app, &other).await.is_empty());
    let r = import(&app, &other, "?publish=true", "zh-CN", &bytes).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["created"].as_i64(), Some(28));
    assert_eq!(sheets(&export(&app, &other).await), (items, materials));
    let theirs = catalog(&app, &other).await;
    for mine in &before {
        let t = find(&theirs, mine["code"].as_str().unwrap());
        for field in
            ["name", "legal_limit", "promised_limit", "legal_fees", "process", "materials", "max_extension_days"]
        {
            assert_eq!(t[field], mine[field], "{field} of {}", mine["code"]);
        }
    }
}

/// Removes a county's catalog (a county set up without one).
async fn empty_catalog(db: &sea_orm::DatabaseConnection, tenant: Uuid) {
    use sea_orm::ConnectionTrait;
    let backend = db.get_database_backend();
    let param = |sql: &str| sea_orm::Statement::from_sql_and_values(backend, sql, [tenant.into()]);
    let sql = match backend {
        sea_orm::DbBackend::Postgres => (
            "DELETE FROM approval_item_materials WHERE item_id IN (SELECT id FROM approval_items WHERE tenant_id = $1)",
            "DELETE FROM approval_items WHERE tenant_id = $1",
        ),
        _ => (
            "DELETE FROM approval_item_materials WHERE item_id IN (SELECT id FROM approval_items WHERE tenant_id = ?)",
            "DELETE FROM approval_items WHERE tenant_id = ?",
        ),
    };
    db.execute_raw(param(sql.0)).await.unwrap();
    db.execute_raw(param(sql.1)).await.unwrap();
}

async fn the_butler_command_imports_a_workbook(backend: Backend) {
    let butler = crate::dossier::butler_binary();
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    let (mut items, materials) = sheets(&export(&app, &office).await);
    let fees = column(&items, "收费标准");
    let row = row_of(&items, "DY-018");
    items[row][fees] = "不收费（本县示例）".into();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.xlsx");
    std::fs::write(&good, workbook(&items, &materials)).unwrap();
    let promised = column(&items, "承诺时限");
    items[row][promised] = "很快".into();
    let bad = dir.path().join("bad.xlsx");
    std::fs::write(&bad, workbook(&items, &materials)).unwrap();
    let run = |file: &std::path::Path, extra: &[&str]| {
        let out = std::process::Command::new(&butler)
            .arg("import-catalog")
            .args(["--tenant", "dayao"])
            .args(extra)
            .arg(file)
            .env_clear()
            .env("BUTLER_DATABASE_URL", &app.database_url)
            .env("BUTLER_JWT_SECRET", crate::helpers::JWT_SECRET)
            .output()
            .expect("run butler");
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.success(), text)
    };

    let (ok, out) = run(&bad, &[]);
    assert!(!ok, "{out}");
    assert!(out.contains(&format!("事项/{}/承诺时限", row + 1)), "{out}");
    let (ok, out) = run(&good, &["--dry-run"]);
    assert!(ok && out.contains("1 changed") && out.contains("dry run"), "{out}");
    assert_eq!(find(&catalog(&app, &office).await, "DY-018")["legal_fees"], "不收费");
    let (ok, out) = run(&good, &[]);
    assert!(ok && out.contains("0 created, 1 changed, 27 unchanged (published)"), "{out}");
    assert_eq!(find(&catalog(&app, &office).await, "DY-018")["legal_fees"], "不收费（本县示例）");
}

on_both_databases!(
    a_broken_workbook_names_every_problem_and_writes_nothing,
    a_good_workbook_makes_drafts_then_publishes_them,
    export_then_import_gives_the_same_catalog,
    the_butler_command_imports_a_workbook,
);
