//! The tenant's working-day calendar: national schedule, local changes, who may change it.

use crate::helpers::*;
use reqwest::Method;
use serde_json::{Value, json};

fn day<'a>(body: &'a Value, date: &str) -> &'a Value {
    body["days"].as_array().unwrap().iter().find(|d| d["date"] == date).unwrap()
}

async fn the_calendar_shows_national_and_local_days(backend: Backend) {
    let app = spawn_app(backend).await;
    let agent = app.token("agent-water").await;
    let r = app.get("/api/v1/calendar/days?from=2026-09-28&to=2026-10-11", &agent).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["days"].as_array().unwrap().len(), 14);
    assert!(r.body["covered_years"].as_array().unwrap().contains(&json!(2026)));
    assert_eq!(r.body["office_hours"][0], json!({"start": "09:00", "end": "12:00"}));
    assert_eq!(
        *day(&r.body, "2026-10-01"),
        json!({"date": "2026-10-01", "weekday": 4, "working": false, "source": "national", "name": "国庆节",
               "national_working": false, "national_name": "国庆节", "office_hours": []})
    );
    // An adjusted working Saturday (调休), a plain Monday, a plain Sunday.
    let saturday = day(&r.body, "2026-10-10");
    assert_eq!((saturday["working"].clone(), saturday["source"].clone()), (json!(true), json!("national")));
    assert_eq!(day(&r.body, "2026-09-28")["source"], "weekday");
    assert_eq!(day(&r.body, "2026-09-28")["office_hours"], r.body["office_hours"]);
    assert_eq!(day(&r.body, "2026-10-11")["source"], "weekend");

    // A local festival on a Monday, and a local working Sunday.
    let admin = app.token("admin").await;
    let put = |date: &'static str, body: Value| {
        let (app, admin) = (&app, admin.clone());
        async move { app.request(Method::PUT, &format!("/api/v1/calendar/days/{date}"), Some(&admin), Some(body)).await }
    };
    let r = put("2026-07-20", json!({"working": false, "name": " 火把节 "})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.body,
        json!({"date": "2026-07-20", "weekday": 1, "working": false, "source": "local", "name": "火把节",
               "national_working": true, "national_name": null, "office_hours": []})
    );
    // Setting the same date again replaces the change.
    let r = put("2026-07-20", json!({"working": false, "name": "火把节（调整）"})).await;
    assert_eq!(r.body["name"], "火把节（调整）");
    put("2026-10-11", json!({"working": true, "name": "补班"})).await;
    let r = app.get("/api/v1/calendar/days?from=2026-07-19&to=2026-07-21", &agent).await;
    assert_eq!(day(&r.body, "2026-07-20")["working"], false);
    assert_eq!(day(&r.body, "2026-07-20")["source"], "local");
    let r = app.get("/api/v1/calendar/days?from=2026-10-01&to=2026-10-11", &agent).await;
    assert_eq!(day(&r.body, "2026-10-11")["working"], true);

    // Removing it restores the national schedule; removing it twice finds nothing.
    let del = app.request(Method::DELETE, "/api/v1/calendar/days/2026-07-20", Some(&admin), None).await;
    assert_eq!(del.status, 204);
    let r = app.get("/api/v1/calendar/days?from=2026-07-20&to=2026-07-20", &agent).await;
    assert_eq!(day(&r.body, "2026-07-20")["source"], "weekday");
    app.request(Method::DELETE, "/api/v1/calendar/days/2026-07-20", Some(&admin), None)
        .await
        .assert_problem(404, "not_found");

    // Another county keeps its own calendar.
    app.add_tenant("chuxiong", "楚雄市", "532301").await;
    let other = app.login_in("chuxiong", "agent-water").await.0;
    let r = app.get("/api/v1/calendar/days?from=2026-10-11&to=2026-10-11", &other).await;
    assert_eq!(day(&r.body, "2026-10-11")["working"], false);
}

async fn only_admins_change_the_calendar(backend: Backend) {
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    let body = json!({"working": false, "name": "火把节"});
    app.request(Method::PUT, "/api/v1/calendar/days/2026-07-20", Some(&office), Some(body.clone()))
        .await
        .assert_problem(403, "forbidden");
    app.request(Method::DELETE, "/api/v1/calendar/days/2026-07-20", Some(&office), None)
        .await
        .assert_problem(403, "forbidden");
    app.request(Method::PUT, "/api/v1/calendar/days/2026-07-20", None, Some(body))
        .await
        .assert_problem(401, "unauthenticated");
    let admin = app.token("admin").await;
    let r = app
        .request(
            Method::PUT,
            "/api/v1/calendar/days/2026-07-20",
            Some(&admin),
            Some(json!({"working": true, "name": "  "})),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("name".to_owned(), "required".to_owned())]);
    let long = "节".repeat(65);
    let r = app
        .request(
            Method::PUT,
            "/api/v1/calendar/days/2026-07-20",
            Some(&admin),
            Some(json!({"working": true, "name": long})),
        )
        .await;
    assert_eq!(r.field_codes(), vec![("name".to_owned(), "length".to_owned())]);
    // A date that is not one names no resource.
    app.request(
        Method::PUT,
        "/api/v1/calendar/days/2026-02-30",
        Some(&admin),
        Some(json!({"working": true, "name": "x"})),
    )
    .await
    .assert_problem(404, "not_found");
}

async fn a_listing_covers_at_most_a_year(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.token("enterprise").await;
    let ok = app.get("/api/v1/calendar/days?from=2026-01-01&to=2027-01-01", &token).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.body["days"].as_array().unwrap().len(), 366);
    let r = app.get("/api/v1/calendar/days?from=2026-01-01&to=2027-01-02", &token).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("to".to_owned(), "range_too_long".to_owned())]);
    let r = app.get("/api/v1/calendar/days?from=2026-03-02&to=2026-03-01", &token).await;
    assert_eq!(r.field_codes(), vec![("to".to_owned(), "range_order".to_owned())]);
    app.get("/api/v1/calendar/days?from=2026-03-02", &token).await.assert_problem(422, "validation_failed");
    app.get("/api/v1/calendar/days?from=yesterday&to=2026-03-01", &token)
        .await
        .assert_problem(422, "validation_failed");
}

crate::on_both_databases!(
    the_calendar_shows_national_and_local_days,
    only_admins_change_the_calendar,
    a_listing_covers_at_most_a_year,
);
