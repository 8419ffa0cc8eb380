//! The tenant's working-day calendar (工作日历): the national schedule with the tenant's
//! local working days and days off.

use actix_web::{HttpRequest, HttpResponse, delete, get, put, web};
use butler_domain::calendar::{Calendar, DayStatus};
use butler_domain::policy::{Action, Scope, authorize};
use butler_persistence::repo::calendar as calendar_repo;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson, rule};
use crate::middleware::request_meta;
use crate::state::AppState;
use butler_app::audit_trail;
use butler_app::calendar::tenant_calendar;

/// Longest range one listing covers, in days.
pub const MAX_RANGE_DAYS: i64 = 366;
/// Longest name of a local day, in characters.
pub const NAME_MAX_CHARS: usize = 64;

/// Why a date is or is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DaySource {
    /// The national holiday schedule: a public holiday or an adjusted working day (调休).
    National,
    /// The tenant's own change.
    Local,
    /// A plain Monday–Friday.
    Weekday,
    /// A plain Saturday or Sunday.
    Weekend,
}

/// One day of the calendar.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "date": "2026-10-01", "weekday": 4, "working": false, "source": "national", "name": "国庆节",
    "national_working": false, "national_name": "国庆节"
}))]
pub struct CalendarDayOut {
    pub date: NaiveDate,
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    /// Whether deadlines count this day.
    pub working: bool,
    /// What decides `working`: a local change wins over the national schedule, which wins
    /// over the day of the week.
    pub source: DaySource,
    /// The holiday's or local change's name (`国庆节`, `火把节`); `null` for a plain day.
    pub name: Option<String>,
    /// Whether the national schedule alone makes it a working day (before local changes).
    pub national_working: bool,
    /// The national holiday's name, if the national schedule lists the day.
    pub national_name: Option<String>,
}

/// One interval of office hours, local time (Asia/Shanghai).
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficeIntervalOut {
    /// Opening time, `HH:MM`.
    #[schema(example = "09:00")]
    pub start: String,
    /// Closing time, `HH:MM`.
    #[schema(example = "12:00")]
    pub end: String,
}

/// The calendar over a range of dates.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarDaysOut {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Years whose national holiday notice is loaded; other years are plain weeks apart from
    /// local changes.
    pub covered_years: Vec<i32>,
    /// Office hours of a working day (the 30-minute acknowledgement counts office minutes).
    pub office_hours: Vec<OfficeIntervalOut>,
    /// Every day from `from` through `to`, in order.
    pub days: Vec<CalendarDayOut>,
}

/// The range to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// First day (inclusive), `YYYY-MM-DD`.
    pub from: NaiveDate,
    /// Last day (inclusive); a range covers at most 366 days.
    pub to: NaiveDate,
}

fn local_day_name(name: &str) -> Result<(), validator::ValidationError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(rule("required", "必填项".into(), "must not be empty".into()));
    }
    if trimmed.chars().count() > NAME_MAX_CHARS {
        return Err(rule(
            "length",
            format!("不能超过 {NAME_MAX_CHARS} 个字符"),
            format!("must be at most {NAME_MAX_CHARS} characters"),
        ));
    }
    Ok(())
}

/// A local change of one date.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"working": false, "name": "火把节"}))]
pub struct CalendarDayIn {
    /// `true`: an extra working day; `false`: an extra day off.
    pub working: bool,
    /// Why (`火把节`, `彝族年`, `补班`), 1–64 characters.
    #[validate(custom(function = "local_day_name"))]
    pub name: String,
}

fn day_out(calendar: &Calendar, date: NaiveDate) -> CalendarDayOut {
    let status = calendar.day_status(date);
    let (source, name) = match status {
        DayStatus::Weekday => (DaySource::Weekday, None),
        DayStatus::Weekend => (DaySource::Weekend, None),
        DayStatus::NationalOffDay(n) | DayStatus::NationalWorkingDay(n) => (DaySource::National, Some(n.to_owned())),
        DayStatus::LocalOffDay(n) | DayStatus::LocalWorkingDay(n) => (DaySource::Local, Some(n.to_owned())),
    };
    let national = calendar.national().get(date);
    let weekday = !matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    CalendarDayOut {
        date,
        weekday: date.weekday().number_from_monday(),
        working: status.is_working(),
        source,
        name,
        national_working: national.map_or(weekday, |d| !d.is_off_day),
        national_name: national.map(|d| d.name.clone()),
    }
}

/// The national and local status of every day in a range.
///
/// At most 366 days per call.
#[utoipa::path(
    tag = "calendar",
    operation_id = "listCalendarDays",
    params(CalendarQuery),
    responses(
        (status = 200, description = "Each day of the range", body = CalendarDaysOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A missing or invalid range", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/calendar/days")]
pub async fn list_calendar_days(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<CalendarQuery>,
) -> Result<web::Json<CalendarDaysOut>, ApiError> {
    let actor = auth.0;
    authorize(&actor, Action::ReadCalendar, Scope::tenant(actor.tenant_id))?;
    let CalendarQuery { from, to } = query.into_inner();
    if to < from {
        return Err(ApiError::field("to", "range_order", "结束日期不能早于开始日期", "must not be before `from`"));
    }
    if (to - from).num_days() + 1 > MAX_RANGE_DAYS {
        return Err(ApiError::field(
            "to",
            "range_too_long",
            &format!("一次最多查询 {MAX_RANGE_DAYS} 天"),
            &format!("the range may cover at most {MAX_RANGE_DAYS} days"),
        ));
    }
    let calendar = tenant_calendar(&state.app, actor.tenant_id).await?;
    let days = from.iter_days().take_while(|d| *d <= to).map(|d| day_out(&calendar, d)).collect();
    let office_hours = calendar
        .office_hours()
        .intervals()
        .iter()
        .map(|i| OfficeIntervalOut {
            start: i.start.format("%H:%M").to_string(),
            end: i.end.format("%H:%M").to_string(),
        })
        .collect();
    Ok(web::Json(CalendarDaysOut { from, to, covered_years: calendar.covered_years(), office_hours, days }))
}

/// Set a local working day or day off (admin).
///
/// Replaces the tenant's earlier change of the same date. Deadlines computed from now on
/// count the change; deadlines already set keep their time.
#[utoipa::path(
    tag = "calendar",
    operation_id = "putCalendarDay",
    params(("date" = NaiveDate, Path, description = "The date, `YYYY-MM-DD`")),
    request_body = CalendarDayIn,
    responses(
        (status = 200, description = "The day as it now counts", body = CalendarDayOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/calendar/days/{date}")]
pub async fn put_calendar_day(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    date: web::Path<NaiveDate>,
    body: ValidatedJson<CalendarDayIn>,
) -> Result<web::Json<CalendarDayOut>, ApiError> {
    let actor = auth.0;
    authorize(&actor, Action::ManageCalendar, Scope::tenant(actor.tenant_id))?;
    let date = date.into_inner();
    let body = body.0;
    let name = body.name.trim();
    let now = state.app.clock.now();
    let txn = butler_persistence::begin_write(&state.app.db).await.map_err(ApiError::internal)?;
    calendar_repo::upsert(&txn, actor.tenant_id, date, body.working, name).await?;
    let detail = serde_json::json!({"date": date, "working": body.working, "name": name});
    audit_trail::record(&txn, &request_meta(&req), &actor, "calendar_day_set", detail, now).await?;
    txn.commit().await.map_err(ApiError::internal)?;
    state.app.calendars.invalidate(actor.tenant_id);
    let calendar = tenant_calendar(&state.app, actor.tenant_id).await?;
    Ok(web::Json(day_out(&calendar, date)))
}

/// Remove a local change of one date (admin); the national schedule applies again.
#[utoipa::path(
    tag = "calendar",
    operation_id = "deleteCalendarDay",
    params(("date" = NaiveDate, Path, description = "The date, `YYYY-MM-DD`")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The tenant has no change of that date", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/calendar/days/{date}")]
pub async fn delete_calendar_day(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    date: web::Path<NaiveDate>,
) -> Result<HttpResponse, ApiError> {
    let actor = auth.0;
    authorize(&actor, Action::ManageCalendar, Scope::tenant(actor.tenant_id))?;
    let date = date.into_inner();
    let now = state.app.clock.now();
    let txn = butler_persistence::begin_write(&state.app.db).await.map_err(ApiError::internal)?;
    calendar_repo::delete(&txn, actor.tenant_id, date).await?;
    let detail = serde_json::json!({"date": date});
    audit_trail::record(&txn, &request_meta(&req), &actor, "calendar_day_deleted", detail, now).await?;
    txn.commit().await.map_err(ApiError::internal)?;
    state.app.calendars.invalidate(actor.tenant_id);
    Ok(HttpResponse::NoContent().finish())
}
