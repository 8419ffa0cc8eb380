//! County settings (县级配置): a change applies to deadlines opened after it, running ones keep
//! theirs; bad settings are refused by field; the history; who may read and change them.

use crate::helpers::*;
use crate::lifecycle::{case_in_service, directory, get_as, task_of};
use butler_domain::calendar::{MonthDay, OfficeHours, OfficeInterval, OfficeTimetable, SeasonalHours, TIME_ZONE};
use butler_persistence::entity::{deadline, notification};
use butler_persistence::repo::tenants;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// Seasonal hours 08:00–12:00, 14:00–17:00 over the winter (so they apply now).
fn winter_timetable() -> OfficeTimetable {
    OfficeTimetable {
        standard: OfficeHours::default(),
        seasonal: Some(SeasonalHours {
            from: MonthDay::new(11, 1).unwrap(),
            until: MonthDay::new(3, 31).unwrap(),
            hours: OfficeHours::new(vec![
                OfficeInterval { start: t(8, 0), end: t(12, 0) },
                OfficeInterval { start: t(14, 0), end: t(17, 0) },
            ])
            .unwrap(),
        }),
    }
}

/// The changed settings: the winter hours, a 60-minute acknowledgement window, a finishing
/// ladder that reminds two working days ahead and a `CX` prefix.
fn changed(defaults: &Value) -> Value {
    let mut s = defaults.clone();
    s["office_hours"]["seasonal"] = json!({
        "from": "11-01", "until": "03-31",
        "hours": [{"start": "08:00", "end": "12:00"}, {"start": "14:00", "end": "17:00"}]
    });
    s["acknowledge_within_minutes"] = json!(60);
    s["finishing_ladder"] = json!([
        {"code": "remind_early", "kind": "reminder", "notify": "agent", "offset": -2, "unit": "working_days"},
        {"code": "at_deadline", "kind": "at_deadline", "notify": "agent", "offset": 0, "unit": "working_days"},
        {"code": "escalate_office", "kind": "escalation", "notify": "office", "offset": 1, "unit": "working_days"}
    ]);
    s["case_number_prefix"] = json!("CX");
    s
}

async fn put_settings(app: &TestApp, token: &str, path: &str, version: i64, settings: Value, note: &str) -> Reply {
    app.request(
        reqwest::Method::PUT,
        path,
        Some(token),
        Some(json!({"version": version, "settings": settings, "note": note})),
    )
    .await
}

fn instant(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

async fn finish_notice_keys(db: &DatabaseConnection, sheet: &str) -> Vec<String> {
    let sheet: Uuid = sheet.parse().unwrap();
    notification::Entity::find()
        .filter(notification::Column::SheetId.eq(sheet))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.dedupe_key)
        .filter(|k| k.contains(":finish:"))
        .collect()
}

async fn deadline_versions(db: &DatabaseConnection, sheet: &str) -> Vec<i32> {
    let sheet: Uuid = sheet.parse().unwrap();
    deadline::Entity::find()
        .filter(deadline::Column::SheetId.eq(sheet))
        .filter(deadline::Column::ClosedAt.is_null())
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.settings_version)
        .collect()
}

async fn a_change_applies_to_deadlines_opened_after_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let db = app.db().await;
    let admin = app.token("admin").await;
    let tenant = tenants::find_by_code(&db, "dayao").await.unwrap().unwrap().id;

    let before_id = case_in_service(&app, &d).await;
    let before = get_as(&app, "office", &format!("/api/v1/cases/{before_id}")).await;
    let old_sheet = task_of(&before, "建设用地规划许可", "approval").clone();

    let current = app.get("/api/v1/tenant/settings", &admin).await;
    assert_eq!(current.status, 200, "{}", current.body);
    assert_eq!(current.body["version"], 0);
    assert_eq!(current.body["settings"]["acknowledge_within_minutes"], 30);
    let saved =
        put_settings(&app, &admin, "/api/v1/tenant/settings", 0, changed(&current.body["settings"]), "冬季作息").await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(saved.body["version"], 1);
    assert_eq!(saved.body["settings"]["case_number_prefix"], "CX");

    // The calendar lists each day with its own hours: the standard ones through October, the
    // winter ones from 1 November (both working days), none on the Sunday between.
    let listed = app.get("/api/v1/calendar/days?from=2027-10-29&to=2027-11-01", &admin).await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let hours = |i: usize| listed.body["days"][i]["office_hours"].clone();
    assert_eq!(hours(0), json!([{"start": "09:00", "end": "12:00"}, {"start": "14:30", "end": "18:00"}]));
    assert_eq!(hours(2), json!([]));
    assert_eq!(hours(3), json!([{"start": "08:00", "end": "12:00"}, {"start": "14:00", "end": "17:00"}]));

    let after_id = case_in_service(&app, &d).await;
    let after = get_as(&app, "office", &format!("/api/v1/cases/{after_id}")).await;
    let new_sheet = task_of(&after, "建设用地规划许可", "approval").clone();
    assert!(after["number"].as_str().unwrap().starts_with("CX-"), "{}", after["number"]);
    assert!(before["number"].as_str().unwrap().starts_with("DAYAO-"), "{}", before["number"]);

    // The sheet dispatched before keeps its deadlines; the one after follows the new hours
    // and window.
    let again = get_as(&app, "office", &format!("/api/v1/cases/{before_id}")).await;
    let kept = task_of(&again, "建设用地规划许可", "approval");
    assert_eq!(kept["acknowledge_by"], old_sheet["acknowledge_by"]);
    assert_eq!(kept["finish_by"], old_sheet["finish_by"]);
    let local = |v: &Value| instant(v).with_timezone(&TIME_ZONE).time();
    assert_eq!(local(&old_sheet["finish_by"]), t(18, 0));
    assert_eq!(local(&new_sheet["finish_by"]), t(17, 0));
    let calendar = butler_app::calendar::load_calendar(&db, tenant).await.unwrap();
    assert_eq!(calendar.timetable(), &winter_timetable());
    let old_calendar = calendar.clone().with_timetable(OfficeTimetable::default());
    assert_eq!(
        instant(&old_sheet["acknowledge_by"]),
        old_calendar.add_office_minutes(instant(&old_sheet["dispatched_at"]), 30).unwrap()
    );
    assert_eq!(
        instant(&new_sheet["acknowledge_by"]),
        calendar.add_office_minutes(instant(&new_sheet["dispatched_at"]), 60).unwrap()
    );
    let (old_id, new_id) = (old_sheet["id"].as_str().unwrap(), new_sheet["id"].as_str().unwrap());
    let old_versions = deadline_versions(&db, old_id).await;
    assert!(!old_versions.is_empty() && old_versions.iter().all(|v| *v == 0), "{old_versions:?}");
    let new_versions = deadline_versions(&db, new_id).await;
    assert!(!new_versions.is_empty() && new_versions.iter().all(|v| *v == 1), "{new_versions:?}");

    // The chase: the old sheet's ladder reminds one working day ahead, the new one's two.
    let new_due = instant(&new_sheet["finish_by"]);
    let old_due = instant(&old_sheet["finish_by"]);
    let early = calendar.add_office_days(new_due, -2).unwrap();
    let old_remind = old_calendar.add_office_days(old_due, -1).unwrap();
    let until = early.max(old_remind) + Duration::minutes(1);
    assert!(until < old_due.min(new_due), "both reminders fall before either deadline");
    app.clock.advance(until - app.clock_now());
    let token = app.token("admin").await;
    let report = app.post("/api/v1/admin/scheduler/run", &token, json!({})).await;
    assert_eq!(report.status, 200, "{}", report.body);
    let old_keys = finish_notice_keys(&db, old_id).await;
    let new_keys = finish_notice_keys(&db, new_id).await;
    assert!(old_keys.iter().any(|k| k.contains(":finish:remind_before:")), "{old_keys:?}");
    assert!(!old_keys.iter().any(|k| k.contains("remind_early")), "{old_keys:?}");
    assert!(new_keys.iter().any(|k| k.contains(":finish:remind_early:")), "{new_keys:?}");
    assert!(!new_keys.iter().any(|k| k.contains("remind_before")), "{new_keys:?}");
}

async fn bad_settings_are_refused_by_field_and_the_history_lists_each_version(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token("admin").await;
    let defaults = app.get("/api/v1/tenant/settings", &admin).await.body["settings"].clone();

    let mut bad = changed(&defaults);
    bad["acknowledge_within_minutes"] = json!(4);
    bad["case_number_prefix"] = json!("cx");
    bad["finishing_ladder"] = json!([]);
    bad["office_hours"]["standard"] = json!([{"start": "12:00", "end": "09:00"}]);
    let r = put_settings(&app, &admin, "/api/v1/tenant/settings", 0, bad.clone(), "").await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("office_hours.standard".to_owned(), "office_hours".to_owned())]);
    bad["office_hours"] = defaults["office_hours"].clone();
    let r = put_settings(&app, &admin, "/api/v1/tenant/settings", 0, bad, "").await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(
        r.field_codes(),
        vec![
            ("acknowledge_within_minutes".to_owned(), "range".to_owned()),
            ("case_number_prefix".to_owned(), "prefix".to_owned()),
            ("finishing_ladder.steps".to_owned(), "step_count".to_owned()),
        ]
    );
    let still = app.get("/api/v1/tenant/settings", &admin).await;
    assert_eq!(still.body["version"], 0, "nothing stored");
    assert!(app.get("/api/v1/tenant/settings/history", &admin).await.body.as_array().unwrap().is_empty());

    let first = put_settings(&app, &admin, "/api/v1/tenant/settings", 0, changed(&defaults), "冬季作息").await;
    assert_eq!(first.status, 200, "{}", first.body);
    // A change read at an older version is refused.
    let stale = put_settings(&app, &admin, "/api/v1/tenant/settings", 0, defaults.clone(), "").await;
    stale.assert_problem(412, "version_mismatch");
    // The target is a setting too.
    let r = app
        .request(reqwest::Method::PUT, "/api/v1/tenant/target", Some(&admin), Some(json!({"target_working_days": 100})))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["target_working_days"], 100);
    let tenant = app.get("/api/v1/tenant", &admin).await;
    assert_eq!(tenant.body["target_working_days"], 100);
    assert_eq!(tenant.body["investment_threshold_fen"], 5_000_000_000i64);

    let history = app.get("/api/v1/tenant/settings/history", &admin).await;
    assert_eq!(history.status, 200, "{}", history.body);
    let versions = history.body.as_array().unwrap();
    assert_eq!(versions.iter().map(|v| v["version"].as_i64().unwrap()).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(versions[0]["changes"], json!([{"field": "target_working_days", "from": 120, "to": 100}]));
    assert_eq!(versions[1]["note"], "冬季作息");
    assert_eq!(versions[1]["created_by_name"].as_str().map(|s| !s.is_empty()), Some(true));
    let fields: Vec<&str> =
        versions[1]["changes"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert_eq!(
        fields,
        ["acknowledge_within_minutes", "case_number_prefix", "finishing_ladder.steps", "office_hours.seasonal"]
    );
    assert!(versions.iter().all(|v| v["running_on_earlier_versions"].is_i64()));
}

async fn only_the_countys_admin_office_and_the_platform_admin_reach_the_settings(backend: Backend) {
    let app = spawn_app(backend).await;
    app.add_tenant("chuxiong", "楚雄市", "532301").await;
    let admin = app.token("admin").await;
    let defaults = app.get("/api/v1/tenant/settings", &admin).await.body["settings"].clone();
    let saved = put_settings(&app, &admin, "/api/v1/tenant/settings", 0, changed(&defaults), "冬季作息").await;
    assert_eq!(saved.status, 200, "{}", saved.body);

    // The office reads, does not change.
    let office = app.token("office").await;
    assert_eq!(app.get("/api/v1/tenant/settings", &office).await.body["version"], 1);
    put_settings(&app, &office, "/api/v1/tenant/settings", 1, defaults.clone(), "")
        .await
        .assert_problem(403, "forbidden");
    let agent = app.token("agent-water").await;
    app.get("/api/v1/tenant/settings", &agent).await.assert_problem(403, "forbidden");

    // Another county's admin sees its own settings only, and cannot reach Dayao's.
    let (other, _) = app.login_in("chuxiong", "admin").await;
    let own = app.get("/api/v1/tenant/settings", &other).await;
    assert_eq!((own.body["county"].as_str(), own.body["version"].as_i64()), (Some("chuxiong"), Some(0)));
    app.get("/api/v1/platform/counties/dayao/settings", &other).await.assert_problem(403, "platform_only");
    put_settings(&app, &other, "/api/v1/platform/counties/dayao/settings", 1, defaults.clone(), "")
        .await
        .assert_problem(403, "platform_only");
    app.get("/api/v1/platform/counties/dayao/settings/history", &other).await.assert_problem(403, "platform_only");

    // The platform admin reads and changes any county's, by code.
    let (platform, _) = app.login_in("platform", "platform-admin").await;
    let read = app.get("/api/v1/platform/counties/dayao/settings", &platform).await;
    assert_eq!(read.status, 200, "{}", read.body);
    assert_eq!(read.body["version"], 1);
    assert_eq!(read.body["settings"]["case_number_prefix"], "CX");
    let mut settings = read.body["settings"].clone();
    settings["rectification_working_days"] = json!(10);
    let r = put_settings(&app, &platform, "/api/v1/platform/counties/dayao/settings", 1, settings, "平台调整").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["version"], 2);
    let history = app.get("/api/v1/platform/counties/dayao/settings/history", &platform).await;
    assert_eq!(history.body[0]["note"], "平台调整");
    assert_eq!(history.body[0]["created_by_name"].as_str().map(|s| !s.is_empty()), Some(true), "{}", history.body);
    assert_eq!(app.get("/api/v1/tenant/settings", &admin).await.body["settings"]["rectification_working_days"], 10);
    app.get("/api/v1/platform/counties/platform/settings", &platform).await.assert_problem(404, "not_found");
    app.get("/api/v1/platform/counties/nowhere/settings", &platform).await.assert_problem(404, "not_found");
    // It is no county's own admin.
    app.get("/api/v1/tenant/settings", &platform).await.assert_problem(403, "county_only");
}

crate::on_both_databases!(
    a_change_applies_to_deadlines_opened_after_it,
    bad_settings_are_refused_by_field_and_the_history_lists_each_version,
    only_the_countys_admin_office_and_the_platform_admin_reach_the_settings,
);
