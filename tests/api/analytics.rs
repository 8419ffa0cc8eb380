//! Where the time goes: the time split of a fixture case checked against figures computed by
//! hand, the rates that count what is late before it is done, the county's target and the
//! cases forecast to miss it, and the critical path on the case and in the queues.
//!
//! The server's clock is moved to known office times of a week without holidays (office
//! hours 09:00–12:00 and 14:30–18:00: 390 minutes a day). The case is created just before
//! Monday's opening, so its sheets' clocks start at 09:00 whatever the seconds the steps take;
//! each later step happens some seconds past a known minute, so whole minutes come out exact.

use crate::helpers::*;
use crate::lifecycle::{Directory, case_in_service, directory, get_as, task, task_of};
use butler_domain::calendar::Calendar;
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc, Weekday};
use reqwest::Method;
use serde_json::{Value, json};

/// The first Monday after `after` starting two weeks whose weekdays are all working days and
/// whose weekends are all days off.
fn clean_monday(cal: &Calendar, after: DateTime<Utc>) -> NaiveDate {
    let mut day = cal.local_date(after).succ_opt().unwrap();
    loop {
        let plain = (0..14).all(|k| {
            let d = day + Days::new(k);
            cal.is_working_day(d) == (d.weekday().num_days_from_monday() < 5)
        });
        if day.weekday() == Weekday::Mon && plain {
            return day;
        }
        day = day.succ_opt().unwrap();
    }
}

/// `day` at `h:m:s`, county time.
fn at(cal: &Calendar, day: NaiveDate, h: u32, m: u32, s: u32) -> DateTime<Utc> {
    cal.instant(day, NaiveTime::from_hms_opt(h, m, s).unwrap())
}

/// Moves the clock forward to `to`.
fn move_to(app: &TestApp, to: DateTime<Utc>) {
    let delta = to - app.clock_now();
    assert!(delta > chrono::Duration::zero(), "the clock only moves forward: {to} from {}", app.clock_now());
    app.clock.advance(delta);
}

fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

fn find<'a>(rows: &'a Value, key: &str, value: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no row with {key} = {value}: {rows}"))
}

/// The figures `(sheets, handling, 补正, waiting, promised)` of a row, in office minutes.
fn minutes(row: &Value) -> (i64, i64, i64, i64, i64) {
    let f = &row["figures"];
    let n = |k: &str| f[k].as_i64().unwrap_or_else(|| panic!("{k}: {f}"));
    (
        n("sheets"),
        n("handling_office_minutes"),
        n("correction_office_minutes"),
        n("waiting_office_minutes"),
        n("promised_office_minutes"),
    )
}

/// A case in service whose sheets were dispatched on `monday` before its opening.
async fn fixture_case(app: &TestApp, d: &Directory, cal: &Calendar, monday: NaiveDate) -> (String, Value) {
    if app.clock_now() < at(cal, monday, 8, 50, 0) {
        move_to(app, at(cal, monday, 8, 50, 0));
    }
    let id = case_in_service(app, d).await;
    let case = get_as(app, "office", &format!("/api/v1/cases/{id}")).await;
    let dispatched: DateTime<Utc> =
        task_of(&case, "建设用地规划许可", "approval")["dispatched_at"].as_str().unwrap().parse().unwrap();
    assert!(dispatched < at(cal, monday, 9, 0, 0), "dispatched before the opening: {dispatched}");
    (id, case)
}

async fn the_split_matches_figures_computed_by_hand(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let cal = Calendar::china().unwrap();
    let mon = clean_monday(&cal, app.clock_now());
    let (tue, wed) = (mon + Days::new(1), mon + Days::new(2));
    let (id, case) = fixture_case(&app, &d, &cal, mon).await;
    let land = id_of(task_of(&case, "建设用地规划许可", "approval"));
    let eia = id_of(task_of(&case, "环境影响", "approval"));
    let water = id_of(task_of(&case, "取水许可", "approval"));
    task(&app, "agent-natural-resources", &land, "acknowledge", json!(null)).await;
    task(&app, "agent-ecology-environment", &eia, "acknowledge", json!(null)).await;
    task(&app, "agent-water", &water, "acknowledge", json!(null)).await;

    // 补正 on the land sheet from Monday 10:00 to 15:30 (+20 s): 120 minutes before lunch
    // and 60 after it, 180 minutes of 补正.
    move_to(&app, at(&cal, mon, 10, 0, 0));
    task(
        &app,
        "agent-natural-resources",
        &land,
        "corrections",
        json!({"reason": "规划总平面图缺少指北针", "materials": ["规划总平面图"]}),
    )
    .await;
    move_to(&app, at(&cal, mon, 15, 30, 20));
    task(&app, "enterprise", &land, "corrections/supplied", json!(null)).await;

    // Tuesday 10:00 (+40 s): the three sheets finish. From Monday 09:00 that is Monday's 390
    // minutes and Tuesday's first 60: 450 ran. Land: 450 − 180 = 270 handled.
    move_to(&app, at(&cal, tue, 10, 0, 40));
    task(
        &app,
        "agent-natural-resources",
        &land,
        "finish",
        json!({"outcome": "approved", "document_number": "姚自然资规〔2026〕31号"}),
    )
    .await;
    task(
        &app,
        "agent-ecology-environment",
        &eia,
        "finish",
        json!({"outcome": "not_approved", "reason": "选址位于水源保护区"}),
    )
    .await;
    task(&app, "agent-water", &water, "finish", json!({"outcome": "approved", "document_number": "姚水许〔2026〕9号"}))
        .await;
    // The construction permit waited on the land permit: dispatched now, 450 minutes after
    // the service started on Monday 09:00.
    let case = get_as(&app, "office", &format!("/api/v1/cases/{id}")).await;
    let construction = id_of(task_of(&case, "施工许可", "approval"));
    task(&app, "agent-housing-construction", &construction, "acknowledge", json!(null)).await;
    // Finished Wednesday 09:01: Tuesday 10:00:40–12:00 (79 min 20 s) + 14:30–18:00 (210) +
    // Wednesday's first minute = 330 handled.
    move_to(&app, at(&cal, wed, 9, 1, 0));
    task(
        &app,
        "agent-housing-construction",
        &construction,
        "finish",
        json!({"outcome": "approved", "document_number": "姚建施〔2026〕5号"}),
    )
    .await;

    let office = app.token("office").await;
    let r = app.get(&format!("/api/v1/analytics/time-split?from={mon}&to={wed}"), &office).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let s = &r.body;
    assert_eq!(s["office_day_minutes"], 390);
    // Promised, counted from Monday 09:00: land 3 working days → Thursday's closing, 4 × 390
    // = 1560; EIA 5 → next Monday's closing, 6 × 390 = 2340; water 1 → Tuesday's closing,
    // 2 × 390 = 780. Construction 5 from Tuesday 10:00:40 → next Tuesday's closing: 119 min
    // 20 s + 210 + 5 × 390 = 2279 (whole minutes).
    assert_eq!(minutes(find(&s["items"], "code", "DY-007")), (1, 270, 180, 0, 1560));
    assert_eq!(minutes(find(&s["items"], "code", "DY-009")), (1, 450, 0, 0, 2340));
    assert_eq!(minutes(find(&s["items"], "code", "DY-014")), (1, 450, 0, 0, 780));
    assert_eq!(minutes(find(&s["items"], "code", "DY-021")), (1, 330, 0, 450, 2279));
    let land_item = &find(&s["items"], "code", "DY-007")["figures"];
    // 270 / 390 = 0.69, 180 / 390 = 0.46, 450 / 390 = 1.15, 1560 / 390 = 4 office days.
    assert_eq!(
        [&land_item["average_handling_days"], &land_item["average_correction_days"], &land_item["average_used_days"]],
        [&json!(0.7), &json!(0.5), &json!(1.2)]
    );
    assert_eq!(land_item["average_promised_days"], 4.0);
    // Per stage: land planning holds the land permit and the EIA.
    assert_eq!(minutes(find(&s["stages"], "stage", "land_planning_permit")), (2, 720, 180, 0, 3900));
    assert_eq!(minutes(find(&s["stages"], "stage", "engineering_permit")), (1, 450, 0, 0, 780));
    assert_eq!(minutes(find(&s["stages"], "stage", "construction_permit")), (1, 330, 0, 450, 2279));
    // Per department and per agent.
    let natural = d.departments["natural-resources"].as_str();
    assert_eq!(minutes(find(&s["departments"], "department_id", natural)), (1, 270, 180, 0, 1560));
    let housing = d.departments["housing-construction"].as_str();
    assert_eq!(minutes(find(&s["departments"], "department_id", housing)), (1, 330, 0, 450, 2279));
    let agent = d.users["agent-natural-resources"].as_str();
    assert_eq!(minutes(find(&s["agents"], "agent_id", agent)), (1, 270, 180, 0, 1560));
    // The slowest: construction used 780 per sheet; the other three 450 each, by code.
    let slowest: Vec<&str> = s["slowest"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect();
    assert_eq!(slowest, ["DY-021", "DY-007", "DY-009", "DY-014"]);
    // All four: 270 + 450 + 450 + 330 handled, 180 补正, 450 waiting.
    let t = &s["total"];
    assert_eq!(
        (t["sheets"].as_i64(), t["finished"].as_i64(), t["handling_office_minutes"].as_i64()),
        (Some(4), Some(4), Some(1500))
    );
    assert_eq!((t["correction_office_minutes"].as_i64(), t["waiting_office_minutes"].as_i64()), (Some(180), Some(450)));

    // A period before the case holds nothing; one that ends before it starts is refused.
    let before = mon - Days::new(7);
    let r = app.get(&format!("/api/v1/analytics/time-split?from={before}&to={before}"), &office).await;
    assert_eq!(r.body["total"]["sheets"], 0, "{}", r.body);
    app.get(&format!("/api/v1/analytics/time-split?from={mon}&to={before}"), &office)
        .await
        .assert_problem(422, "validation_failed");
    // A department's leader reads its own department only; an agent reads none.
    let leader = app.token("leader-natural-resources").await;
    let own = app.get("/api/v1/analytics/time-split", &leader).await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert_eq!(own.body["total"]["handling_office_minutes"], 270);
    let other = format!("/api/v1/analytics/time-split?department_id={housing}");
    app.get(&other, &leader).await.assert_problem(403, "forbidden");
    app.get("/api/v1/analytics/time-split", &app.token("agent-water").await).await.assert_problem(403, "forbidden");

    // The same figures as a workbook.
    let x = app.get(&format!("/api/v1/analytics.xlsx?from={mon}&to={wed}"), &office).await;
    assert_eq!(x.status, 200);
}

async fn lateness_counts_before_it_is_done_and_holds_up_the_project(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let cal = Calendar::china().unwrap();
    let mon = clean_monday(&cal, app.clock_now());
    let (a, case_a) = fixture_case(&app, &d, &cal, mon).await;
    let (b, case_b) = fixture_case(&app, &d, &cal, mon).await;
    let land_a = id_of(task_of(&case_a, "建设用地规划许可", "approval"));
    let land_b = id_of(task_of(&case_b, "建设用地规划许可", "approval"));
    // Case A's land sheet is acknowledged in time; case B's never is.
    task(&app, "agent-natural-resources", &land_a, "acknowledge", json!(null)).await;
    move_to(&app, at(&cal, mon, 10, 0, 0));

    // 签收及时率 counts B's sheet, past its 30 minutes, as late before anyone acknowledges it:
    // 1 of 2, not 1 of 1.
    let office = app.token("office").await;
    let natural = d.departments["natural-resources"].clone();
    let r = app.get(&format!("/api/v1/statistics/sheets?department_id={natural}&from={mon}"), &office).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let row = &r.body["rows"][0];
    assert_eq!(
        (row["acknowledged"].as_i64(), row["acknowledged_on_time"].as_i64(), row["unacknowledged_late"].as_i64()),
        (Some(1), Some(1), Some(1)),
        "{row}"
    );
    assert_eq!(row["acknowledge_due"], 2);
    assert_eq!(row["acknowledge_rate"], 0.5);
    // Nothing is finished and nothing is past its finishing deadline: no finishing rate yet.
    assert_eq!((row["finish_due"].as_i64(), row["on_time_rate"].is_null()), (Some(0), true));

    // The critical path: land (3 working days) then construction (5) is longer than the EIA
    // (5) or water (1). The land sheet is critical, the others are not.
    let case = get_as(&app, "office", &format!("/api/v1/cases/{a}")).await;
    let path = &case["critical_path"];
    let on_path = |sheet: &str| find(&path["sheets"], "sheet_id", sheet).clone();
    assert_eq!(on_path(&land_a)["critical"], true, "{path}");
    let eia = id_of(task_of(&case, "环境影响", "approval"));
    let water = id_of(task_of(&case, "取水许可", "approval"));
    assert_eq!(on_path(&eia)["critical"], false);
    assert_eq!(on_path(&water)["critical"], false);
    // The EIA, due next Monday's closing and needed by nothing, could slip to the project's
    // end, the second Thursday's closing: 3 office days.
    assert_eq!(on_path(&eia)["slack_office_minutes"], 3 * 390);
    assert_eq!(task_of(&case, "建设用地规划许可", "approval")["critical"], true);
    // Thursday's closing, then 5 working days: the second Thursday, 8 working days after Monday.
    assert_eq!(path["projected_working_days"], 8);
    assert_eq!(case["forecast_working_days"], 8);

    // The target: the national 120 by default, set by the admin only, within bounds, audited.
    let t = app.get("/api/v1/tenant", &office).await;
    assert_eq!(t.body["target_working_days"], 120);
    let admin = app.token("admin").await;
    let set = |days: i64| json!({"target_working_days": days});
    app.request(Method::PUT, "/api/v1/tenant/target", Some(&office), Some(set(7)))
        .await
        .assert_problem(403, "forbidden");
    let r = app.request(Method::PUT, "/api/v1/tenant/target", Some(&admin), Some(set(0))).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("target_working_days".to_owned(), "range".to_owned())]);
    let listed = |body: &Value| -> Vec<String> {
        body["cases"].as_array().unwrap().iter().map(|c| c["case_id"].as_str().unwrap().to_owned()).collect()
    };
    let missing = "/api/v1/analytics/forecasts?missing_only=true";
    let r = app.get(missing, &office).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(listed(&app.get(missing, &office).await.body).is_empty(), "8 days are within 120");
    let r = app.request(Method::PUT, "/api/v1/tenant/target", Some(&admin), Some(set(7))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["target_working_days"], 7);
    let r = app.get(missing, &office).await;
    assert_eq!(r.body["target_working_days"], 7);
    let mut both = vec![a.clone(), b.clone()];
    both.sort();
    let mut got = listed(&r.body);
    got.sort();
    assert_eq!(got, both, "8 working days miss a target of 7");
    let row = find(&r.body["cases"], "case_id", &a);
    assert_eq!((row["over_target_working_days"].as_i64(), row["critical_sheets"].as_i64()), (Some(1), Some(1)));
    app.request(Method::PUT, "/api/v1/tenant/target", Some(&admin), Some(set(8))).await;
    assert!(listed(&app.get(missing, &office).await.body).is_empty(), "8 days meet a target of 8");
    let all = app.get("/api/v1/analytics/forecasts", &office).await;
    assert_eq!(listed(&all.body).len(), 2, "{}", all.body);

    // Friday 12:00: the land sheets, due Thursday's closing, are 180 office minutes late, and
    // the construction permit cannot start before now: the project's end moves by as much
    // (one working day, rounded up) and now misses the target of 8.
    let fri = mon + Days::new(4);
    move_to(&app, at(&cal, fri, 12, 0, 0));
    let office = app.token("office").await;
    let case = get_as(&app, "office", &format!("/api/v1/cases/{a}")).await;
    let land = find(&case["critical_path"]["sheets"], "sheet_id", &land_a).clone();
    assert_eq!((land["late_working_days"].as_i64(), land["holds_up_working_days"].as_i64()), (Some(1), Some(1)));
    assert_eq!(case["critical_path"]["projected_working_days"], 9);
    let r = app.get(missing, &office).await;
    assert_eq!(listed(&r.body).len(), 2, "{}", r.body);

    // The department's queue marks both land sheets, and by how much they hold up their case.
    let agent = app.token("agent-natural-resources").await;
    let q = app.get("/api/v1/tasks?queue=department", &agent).await;
    assert_eq!(q.status, 200, "{}", q.body);
    for sheet in [&land_a, &land_b] {
        let t = find(&q.body["items"], "id", sheet);
        assert_eq!((t["critical"].as_bool(), t["holds_up_working_days"].as_i64()), (Some(true), Some(1)), "{t}");
    }
    let eco = app.token("agent-ecology-environment").await;
    let q = app.get("/api/v1/tasks?queue=department", &eco).await;
    assert!(q.body["items"].as_array().unwrap().iter().all(|t| t["critical"] == false), "{}", q.body);
    // The single sheet reads the same.
    let one = app.get(&format!("/api/v1/tasks/{land_a}"), &agent).await;
    assert_eq!(one.body["critical"], true);
    assert_eq!(one.body["holds_up_working_days"], 1);
    // The 按时办结率 now counts the two overdue land sheets as late: 0 finished of 2 due.
    let r = app.get(&format!("/api/v1/statistics/sheets?department_id={natural}&from={mon}"), &office).await;
    let row = &r.body["rows"][0];
    assert_eq!((row["finish_due"].as_i64(), row["on_time_rate"].as_f64()), (Some(2), Some(0.0)), "{row}");
}

crate::on_both_databases!(
    the_split_matches_figures_computed_by_hand,
    lateness_counts_before_it_is_done_and_holds_up_the_project,
);
