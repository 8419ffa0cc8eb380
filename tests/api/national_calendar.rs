//! The national holiday schedule as data: the platform administrator imports a year's notice
//! (JSON or a sheet), every county's calendar counts it, a year without one is flagged; a
//! county's local days in bulk.

use crate::helpers::*;
use reqwest::Method;
use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};

fn day<'a>(body: &'a Value, date: &str) -> &'a Value {
    body["days"].as_array().unwrap().iter().find(|d| d["date"] == date).unwrap()
}

fn flagged(list: &Value, year: i64) -> bool {
    list.as_array().unwrap().contains(&json!(year))
}

/// A fictional 2027 notice: Spring Festival off Monday 8 – Friday 12 February, Saturday
/// 20 February worked.
fn notice_2027() -> Value {
    json!({
        "$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
        "year": 2027,
        "papers": ["https://www.gov.cn/zhengce/2027-notice.htm"],
        "days": [
            {"name": "春节", "date": "2027-02-08", "isOffDay": true},
            {"name": "春节", "date": "2027-02-09", "isOffDay": true},
            {"name": "春节", "date": "2027-02-10", "isOffDay": true},
            {"name": "春节", "date": "2027-02-11", "isOffDay": true},
            {"name": "春节", "date": "2027-02-12", "isOffDay": true},
            {"name": "春节", "date": "2027-02-20", "isOffDay": false}
        ]
    })
}

async fn upload(app: &TestApp, token: &str, path: &str, filename: &str, bytes: &[u8]) -> Reply {
    let boundary = "----butler-calendar-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = app
        .client
        .post(format!("{}{path}", app.base))
        .bearer_auth(token)
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body);
    app.raw(req).await
}

fn workbook(sheet: &str, rows: &[[&str; 3]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

async fn readiness(app: &TestApp) -> Value {
    let r = app.raw(app.client.get(format!("{}/readyz", app.base))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "ok");
    r.body
}

async fn importing_a_year_changes_every_countys_calendar_and_clears_the_flag(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token("admin").await;
    let platform = app.login_in("platform", "platform-admin").await.0;

    // Before any import: 2027 is flagged on /readyz, the county's calendar and the platform.
    let ready = readiness(&app).await;
    assert!(flagged(&ready["detail"]["missing_national_years"], 2027), "{ready}");
    assert!(ready["detail"]["warnings"][0].as_str().unwrap().contains("2027"));
    let cal = app.get("/api/v1/calendar/days?from=2027-02-08&to=2027-02-20", &admin).await;
    assert_eq!(cal.status, 200, "{}", cal.body);
    assert!(flagged(&cal.body["missing_national_years"], 2027));
    assert_eq!(day(&cal.body, "2027-02-08")["source"], "weekday");
    assert_eq!(day(&cal.body, "2027-02-20")["working"], false);
    let overview = app.get("/api/v1/platform/national-calendar", &platform).await;
    assert_eq!(overview.status, 200, "{}", overview.body);
    assert!(flagged(&overview.body["missing_years"], 2027));
    assert_eq!(overview.body["flag_from"], "11-01");
    let years: Vec<i64> =
        overview.body["years"].as_array().unwrap().iter().map(|y| y["year"].as_i64().unwrap()).collect();
    assert_eq!(years, vec![2023, 2024, 2025, 2026]);
    let y2026 = &overview.body["years"][3];
    assert_eq!(y2026["source"], "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm");
    assert_eq!(y2026["loaded_by"], Value::Null);
    assert!(y2026["off_days"].as_i64().unwrap() > 20);

    // A dry run answers and stores nothing.
    let path = "/api/v1/platform/national-calendar/2027";
    let dry = app.request(Method::PUT, &format!("{path}?dry_run=true"), Some(&platform), Some(notice_2027())).await;
    assert_eq!(dry.status, 200, "{}", dry.body);
    assert_eq!((dry.body["dry_run"].clone(), dry.body["off_days"].clone()), (json!(true), json!(5)));
    assert_eq!(dry.body["source"], "https://www.gov.cn/zhengce/2027-notice.htm");
    let cal = app.get("/api/v1/calendar/days?from=2027-02-08&to=2027-02-08", &admin).await;
    assert_eq!(day(&cal.body, "2027-02-08")["working"], true);

    // The import: the county's working days change at once, and the flag is gone.
    let r = app.request(Method::PUT, path, Some(&platform), Some(notice_2027())).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!((r.body["off_days"].clone(), r.body["working_days"].clone()), (json!(5), json!(1)));
    assert_eq!(r.body["replaced_days"], 0);
    let cal = app.get("/api/v1/calendar/days?from=2027-02-08&to=2027-02-20", &admin).await;
    assert_eq!(
        *day(&cal.body, "2027-02-08"),
        json!({"date": "2027-02-08", "weekday": 1, "working": false, "source": "national", "name": "春节",
               "national_working": false, "national_name": "春节", "office_hours": []})
    );
    assert_eq!(day(&cal.body, "2027-02-20")["working"], true);
    assert!(!flagged(&cal.body["missing_national_years"], 2027));
    assert!(cal.body["covered_years"].as_array().unwrap().contains(&json!(2027)));
    assert!(!flagged(&readiness(&app).await["detail"]["missing_national_years"], 2027));
    let overview = app.get("/api/v1/platform/national-calendar", &platform).await;
    assert!(!flagged(&overview.body["missing_years"], 2027));
    let y2027 = overview.body["years"].as_array().unwrap().iter().find(|y| y["year"] == 2027).unwrap().clone();
    assert_eq!((y2027["off_days"].clone(), y2027["working_days"].clone()), (json!(5), json!(1)));
    assert!(y2027["loaded_by"].is_string());

    // Another county counts the same schedule.
    app.add_tenant("chuxiong", "楚雄市", "532301").await;
    let other = app.login_in("chuxiong", "agent-water").await.0;
    let cal = app.get("/api/v1/calendar/days?from=2027-02-09&to=2027-02-09", &other).await;
    assert_eq!(day(&cal.body, "2027-02-09")["working"], false);

    // A sheet replaces the year whole: only 8 February off now.
    let sheet = workbook("节假日", &[["日期", "名称", "类型"], ["2027-02-08", "春节", "放假"]]);
    let r = upload(
        &app,
        &platform,
        "/api/v1/platform/national-calendar/2027/import?source=国办发明电〔2026〕1号",
        "2027.xlsx",
        &sheet,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!((r.body["replaced_days"].clone(), r.body["source"].clone()), (json!(6), json!("国办发明电〔2026〕1号")));
    let cal = app.get("/api/v1/calendar/days?from=2027-02-08&to=2027-02-09", &other).await;
    assert_eq!(day(&cal.body, "2027-02-08")["working"], false);
    assert_eq!(day(&cal.body, "2027-02-09")["working"], true);
}

async fn a_bad_notice_is_refused_by_field_and_stores_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let platform = app.login_in("platform", "platform-admin").await.0;
    let bad = json!({"year": 2027, "days": [
        {"name": "春节", "date": "2027-02-22", "isOffDay": false},
        {"name": "劳动节", "date": "2028-05-01", "isOffDay": true},
        {"name": "春节", "date": "2027-02-08", "isOffDay": true},
        {"name": "春节", "date": "2027-02-08", "isOffDay": true}
    ]});
    let r = app.request(Method::PUT, "/api/v1/platform/national-calendar/2027", Some(&platform), Some(bad)).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(
        r.field_codes(),
        vec![
            ("days[0].isOffDay".to_owned(), "working_day_not_on_weekend".to_owned()),
            ("days[1].date".to_owned(), "outside_year".to_owned()),
            ("days[3].date".to_owned(), "duplicate".to_owned()),
        ]
    );
    // The year in the file must be the year addressed.
    let r =
        app.request(Method::PUT, "/api/v1/platform/national-calendar/2028", Some(&platform), Some(notice_2027())).await;
    assert!(r.field_codes().contains(&("year".to_owned(), "year_mismatch".to_owned())), "{}", r.body);
    // A sheet's problems are named by row and column.
    let sheet = workbook(
        "节假日",
        &[
            ["日期", "名称", "类型"],
            ["2027-02-08", "春节", "放假"],
            ["2027-02-09", "春节", "休假"],
            ["2027-02-22", "春节", "调休上班"],
        ],
    );
    let r = upload(&app, &platform, "/api/v1/platform/national-calendar/2027/import", "2027.xlsx", &sheet).await;
    assert_eq!(r.field_codes(), vec![("3/类型".to_owned(), "unknown_kind".to_owned())]);
    let sheet = workbook(
        "节假日",
        &[["日期", "名称", "类型"], ["2027-02-08", "春节", "放假"], ["2027-02-22", "春节", "调休上班"]],
    );
    let r = upload(&app, &platform, "/api/v1/platform/national-calendar/2027/import", "2027.xlsx", &sheet).await;
    assert_eq!(r.field_codes(), vec![("3/类型".to_owned(), "working_day_not_on_weekend".to_owned())]);
    let overview = app.get("/api/v1/platform/national-calendar", &platform).await;
    assert!(flagged(&overview.body["missing_years"], 2027));
    assert!(overview.body["years"].as_array().unwrap().iter().all(|y| y["year"] != 2027));
}

async fn only_the_platform_administrator_imports_the_national_schedule(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token("admin").await;
    let path = "/api/v1/platform/national-calendar/2027";
    app.request(Method::PUT, path, Some(&admin), Some(notice_2027())).await.assert_problem(403, "platform_only");
    app.get("/api/v1/platform/national-calendar", &admin).await.assert_problem(403, "platform_only");
    let sheet = workbook("节假日", &[["日期", "名称", "类型"], ["2027-02-08", "春节", "放假"]]);
    upload(&app, &admin, "/api/v1/platform/national-calendar/2027/import", "2027.xlsx", &sheet)
        .await
        .assert_problem(403, "platform_only");
    app.request(Method::PUT, path, None, Some(notice_2027())).await.assert_problem(401, "unauthenticated");
    let cal = app.get("/api/v1/calendar/days?from=2027-02-08&to=2027-02-08", &admin).await;
    assert_eq!(day(&cal.body, "2027-02-08")["working"], true);
}

async fn a_county_sets_local_days_in_bulk_all_or_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token("admin").await;
    let local = |body: &Value| body["days"].as_array().unwrap().iter().filter(|d| d["source"] == "local").count();
    let days = json!({"days": [
        {"date": "2026-07-20", "working": false, "name": "火把节"},
        {"date": "2026-07-21", "working": false, "name": " 火把节 "},
        {"date": "2026-07-26", "working": true, "name": ""},
        {"date": "2026-07-20", "working": true, "name": "补班"}
    ]});
    let r = app.post("/api/v1/calendar/days/bulk", &admin, days).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(
        r.field_codes(),
        vec![("days[2].name".to_owned(), "required".to_owned()), ("days[3].date".to_owned(), "duplicate".to_owned()),]
    );
    let cal = app.get("/api/v1/calendar/days?from=2026-07-19&to=2026-07-27", &admin).await;
    assert_eq!(local(&cal.body), 0);

    let good = json!({"days": [
        {"date": "2026-07-20", "working": false, "name": "火把节"},
        {"date": "2026-07-21", "working": false, "name": " 火把节 "},
        {"date": "2026-07-26", "working": true, "name": "补班"}
    ]});
    let dry = app.post("/api/v1/calendar/days/bulk?dry_run=true", &admin, good.clone()).await;
    assert_eq!(dry.status, 200, "{}", dry.body);
    assert_eq!((dry.body["created"].clone(), dry.body["days"][2]["working"].clone()), (json!(3), json!(true)));
    let cal = app.get("/api/v1/calendar/days?from=2026-07-19&to=2026-07-27", &admin).await;
    assert_eq!(local(&cal.body), 0);
    let r = app.post("/api/v1/calendar/days/bulk", &admin, good).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["days"][1]["name"], "火把节");
    let cal = app.get("/api/v1/calendar/days?from=2026-07-19&to=2026-07-27", &admin).await;
    assert_eq!(local(&cal.body), 3);
    assert_eq!(day(&cal.body, "2026-07-26")["working"], true);

    // A CSV sheet: its problems by row, then the same days replaced.
    let csv = "日期,类型,名称\n2026-07-20,工作日,补班\n2026-07-27,假日,火把节\n";
    let r = upload(&app, &admin, "/api/v1/calendar/days/import", "日历.csv", csv.as_bytes()).await;
    assert_eq!(r.field_codes(), vec![("日历/3/类型".to_owned(), "unknown_kind".to_owned())]);
    let sheet = workbook(
        "日历",
        &[["日期", "类型", "名称"], ["2026-07-20", "工作日", "补班"], ["2026-07-27", "休息日", "火把节"]],
    );
    let r = upload(&app, &admin, "/api/v1/calendar/days/import", "日历.xlsx", &sheet).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!((r.body["created"].clone(), r.body["replaced"].clone()), (json!(1), json!(1)));
    let cal = app.get("/api/v1/calendar/days?from=2026-07-19&to=2026-07-27", &admin).await;
    assert_eq!(day(&cal.body, "2026-07-20")["working"], true);
    assert_eq!(day(&cal.body, "2026-07-27")["working"], false);

    // Only the admin.
    let office = app.token("office").await;
    app.post(
        "/api/v1/calendar/days/bulk",
        &office,
        json!({"days": [{"date": "2026-07-20", "working": true, "name": "x"}]}),
    )
    .await
    .assert_problem(403, "forbidden");
}

crate::on_both_databases!(
    importing_a_year_changes_every_countys_calendar_and_clears_the_flag,
    a_bad_notice_is_refused_by_field_and_stores_nothing,
    only_the_platform_administrator_imports_the_national_schedule,
    a_county_sets_local_days_in_bulk_all_or_nothing,
);
