//! The tenant's working-day calendar (工作日历): the national schedule with the tenant's
//! local working days and days off.

use actix_web::{HttpRequest, HttpResponse, delete, get, put, web};
use butler_app::calendar_days::{self, CalendarDay, LocalChange};
use butler_domain::calendar::OfficeInterval;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson, rule};
use crate::middleware::request_meta;
use crate::state::AppState;

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
    "national_working": false, "national_name": "国庆节", "office_hours": []
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
    /// This day's office hours by the county's timetable (summer hours in their span); empty
    /// on a day off.
    pub office_hours: Vec<OfficeIntervalOut>,
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
    /// Years missing their national holiday notice today (the current year while it has
    /// none, the next one from 1 November or the configured day): the calendar counts them
    /// as plain weeks until the platform loads the notice.
    #[schema(example = json!([2027]))]
    pub missing_national_years: Vec<i32>,
    /// Office hours of a working day on `from`'s date (the 30-minute acknowledgement counts
    /// office minutes); each day carries its own, which a seasonal timetable changes.
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
    #[schema(
        max_length = 64,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub name: String,
}

impl From<calendar_days::DaySource> for DaySource {
    fn from(s: calendar_days::DaySource) -> Self {
        match s {
            calendar_days::DaySource::National => DaySource::National,
            calendar_days::DaySource::Local => DaySource::Local,
            calendar_days::DaySource::Weekday => DaySource::Weekday,
            calendar_days::DaySource::Weekend => DaySource::Weekend,
        }
    }
}

impl From<&OfficeInterval> for OfficeIntervalOut {
    fn from(i: &OfficeInterval) -> Self {
        OfficeIntervalOut { start: i.start.format("%H:%M").to_string(), end: i.end.format("%H:%M").to_string() }
    }
}

impl From<CalendarDay> for CalendarDayOut {
    fn from(d: CalendarDay) -> Self {
        CalendarDayOut {
            date: d.date,
            weekday: d.weekday.number_from_monday(),
            working: d.working,
            source: d.source.into(),
            name: d.name,
            national_working: d.national_working,
            national_name: d.national_name,
            office_hours: d.office_hours.iter().map(OfficeIntervalOut::from).collect(),
        }
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
    let CalendarQuery { from, to } = query.into_inner();
    let listed = calendar_days::list(&state.app, &auth.0, from, to).await?;
    let office_hours = listed.office_hours.iter().map(OfficeIntervalOut::from).collect();
    Ok(web::Json(CalendarDaysOut {
        from: listed.from,
        to: listed.to,
        covered_years: listed.covered_years,
        missing_national_years: listed.missing_national_years,
        office_hours,
        days: listed.days.into_iter().map(CalendarDayOut::from).collect(),
    }))
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
    let body = body.0;
    let change = LocalChange { working: body.working, name: body.name };
    let day = calendar_days::set(&state.app, &auth.0, &request_meta(&req), date.into_inner(), change).await?;
    Ok(web::Json(day.into()))
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
    calendar_days::remove(&state.app, &auth.0, &request_meta(&req), date.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
