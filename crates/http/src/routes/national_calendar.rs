//! The national holiday schedule (国家法定节假日安排) on the platform: the years loaded and
//! those missing, and the import of a year's State Council notice (a `holiday-cn` year file,
//! or a sheet) replacing that year, with a dry run. Platform administrators only.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, get, post, put, web};
use butler_app::national_calendar::{self, LoadedYear, NationalOverview, NoticeImport};
use butler_domain::calendar::notice::{Notice, NoticeDay};
use butler_domain::policy::{Action, Scope, authorize};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::error::{ApiError, Problem};
use crate::extract::{PlatformAdmin, ValidatedJson};
use crate::middleware::request_meta;
use crate::routes::catalog_workbook::read_file;
use crate::state::AppState;

/// One loaded notice.
#[derive(Debug, Serialize, ToSchema)]
pub struct NationalYearOut {
    /// The notice's title year.
    #[schema(example = 2026)]
    pub year: i32,
    /// The notice's title or address.
    #[schema(example = "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm")]
    pub source: String,
    /// Days off it lists.
    pub off_days: usize,
    /// Adjusted working days (调休上班) it lists.
    pub working_days: usize,
    /// Who loaded it; `null` for the schedule the platform started with.
    pub loaded_by: Option<Uuid>,
    pub loaded_at: DateTime<Utc>,
}

/// The national schedule's years.
#[derive(Debug, Serialize, ToSchema)]
pub struct NationalCalendarOut {
    /// The loaded notices, by year.
    pub years: Vec<NationalYearOut>,
    /// Years flagged as missing their notice today: the current year while it has none, and
    /// the next year from `flag_from` on.
    #[schema(example = json!([2027]))]
    pub missing_years: Vec<i32>,
    /// From which day of a year (`MM-DD`) the next year is flagged.
    #[schema(example = "11-01")]
    pub flag_from: String,
}

/// One date of a notice, as a `holiday-cn` year file lists it.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct HolidayDay {
    /// The festival (`春节`).
    pub name: String,
    pub date: NaiveDate,
    /// `true`: a day off (放假); `false`: an adjusted working day (调休上班, a Saturday or Sunday).
    #[serde(rename = "isOffDay")]
    pub is_off_day: bool,
}

/// A year's notice in the `holiday-cn` year file format (other members, such as `$schema`,
/// are ignored).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "year": 2027, "papers": ["https://www.gov.cn/…"],
    "days": [{"name": "春节", "date": "2027-02-06", "isOffDay": true},
             {"name": "春节", "date": "2027-02-20", "isOffDay": false}]
}))]
pub struct HolidayYearFileIn {
    /// The notice's title year; must be the year of the address.
    pub year: i32,
    /// The notice's addresses; the first is its source unless `source` is given.
    #[serde(default)]
    pub papers: Vec<String>,
    pub days: Vec<HolidayDay>,
}

/// How to import.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NoticeImportQuery {
    /// Only check and answer what would be stored; nothing is written.
    #[serde(default)]
    pub dry_run: bool,
    /// The notice's title or address (at most 500 characters).
    pub source: Option<String>,
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeImportOut {
    pub dry_run: bool,
    pub year: i32,
    pub source: String,
    /// The year's dates after the import, in date order.
    pub days: Vec<HolidayDay>,
    /// Days off among them.
    pub off_days: usize,
    /// Adjusted working days among them.
    pub working_days: usize,
    /// How many dates the year listed before (0 when it was not loaded).
    pub replaced_days: usize,
}

/// The notice sheet upload (`multipart/form-data`).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct NoticeSheetForm {
    /// An .xlsx workbook (first sheet) or CSV file: a header row, then 日期, 名称,
    /// 放假/调休上班 a row.
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
}

impl From<LoadedYear> for NationalYearOut {
    fn from(y: LoadedYear) -> Self {
        NationalYearOut {
            year: y.year,
            source: y.source,
            off_days: y.off_days,
            working_days: y.working_days,
            loaded_by: y.loaded_by,
            loaded_at: y.loaded_at,
        }
    }
}

impl From<NationalOverview> for NationalCalendarOut {
    fn from(o: NationalOverview) -> Self {
        NationalCalendarOut {
            years: o.years.into_iter().map(Into::into).collect(),
            missing_years: o.missing_years,
            flag_from: o.flag_from,
        }
    }
}

impl From<NoticeDay> for HolidayDay {
    fn from(d: NoticeDay) -> Self {
        HolidayDay { name: d.name, date: d.date, is_off_day: d.is_off_day }
    }
}

impl From<NoticeImport> for NoticeImportOut {
    fn from(r: NoticeImport) -> Self {
        let off_days = r.days.iter().filter(|d| d.is_off_day).count();
        NoticeImportOut {
            dry_run: r.dry_run,
            year: r.year,
            source: r.source,
            working_days: r.days.len() - off_days,
            off_days,
            days: r.days.into_iter().map(Into::into).collect(),
            replaced_days: r.replaced_days,
        }
    }
}

/// The national schedule: the years loaded, their counts and sources, and the missing ones.
#[utoipa::path(
    tag = "national_calendar",
    operation_id = "getNationalCalendar",
    responses(
        (status = 200, description = "The loaded and missing years", body = NationalCalendarOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a platform administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/platform/national-calendar")]
pub async fn get_national_calendar(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
) -> Result<web::Json<NationalCalendarOut>, ApiError> {
    Ok(web::Json(national_calendar::overview(&state.app, &auth.0).await?.into()))
}

/// Replace a year's national schedule with its notice (a `holiday-cn` year file).
///
/// All or nothing: every problem is named by its path in the file (`days[3].date`: a date
/// outside the year and its neighbouring December and January, an adjusted working day not on
/// a weekend, a date listed twice, a date another year lists with the opposite meaning) and
/// nothing is stored. Every county's calendar counts the new schedule at once; deadlines
/// already set keep their time. Audited.
#[utoipa::path(
    tag = "national_calendar",
    operation_id = "putNationalCalendarYear",
    params(("year" = i32, Path, description = "The notice's title year"), NoticeImportQuery),
    request_body = HolidayYearFileIn,
    responses(
        (status = 200, description = "Stored (or, for a dry run, what would be)", body = NoticeImportOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a platform administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The notice's problems, by field; nothing stored", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/platform/national-calendar/{year}")]
pub async fn put_national_calendar_year(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    req: HttpRequest,
    year: web::Path<i32>,
    query: web::Query<NoticeImportQuery>,
    body: ValidatedJson<HolidayYearFileIn>,
) -> Result<web::Json<NoticeImportOut>, ApiError> {
    let body = body.0;
    let notice = Notice {
        year: body.year,
        papers: body.papers,
        days: body
            .days
            .into_iter()
            .map(|d| NoticeDay { date: d.date, name: d.name, is_off_day: d.is_off_day })
            .collect(),
    };
    let query = query.into_inner();
    let report = national_calendar::import(
        &state.app,
        &auth.0,
        &request_meta(&req),
        year.into_inner(),
        notice,
        query.source.as_deref(),
        query.dry_run,
        &str::to_owned,
    )
    .await?;
    Ok(web::Json(report.into()))
}

/// Replace a year's national schedule from a sheet (.xlsx or CSV).
///
/// The sheet's first row is a header; then one date a row: 日期 (`2027-02-06` or a date
/// cell), 名称, 类型 (`放假` or `调休上班`). The same checks and the same all-or-nothing as
/// `putNationalCalendarYear`; problems are named `row/column` as the sheet shows them
/// (`5/日期`).
#[utoipa::path(
    tag = "national_calendar",
    operation_id = "importNationalCalendarYear",
    params(("year" = i32, Path, description = "The notice's title year"), NoticeImportQuery),
    request_body(content = NoticeSheetForm, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "Stored (or, for a dry run, what would be)", body = NoticeImportOut),
        (status = 400, description = "Not a multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a platform administrator", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` part, not a sheet, or its problems by row and column; nothing stored", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/platform/national-calendar/{year}/import")]
pub async fn import_national_calendar_year(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    req: HttpRequest,
    year: web::Path<i32>,
    query: web::Query<NoticeImportQuery>,
    mut payload: Multipart,
) -> Result<web::Json<NoticeImportOut>, ApiError> {
    // Refused before the upload is read.
    authorize(&auth.0, Action::ManageNationalCalendar, Scope::tenant(auth.0.tenant_id))?;
    let bytes = read_file(&mut payload).await?;
    let query = query.into_inner();
    let report = national_calendar::import_sheet(
        &state.app,
        &auth.0,
        &request_meta(&req),
        year.into_inner(),
        &bytes,
        query.source.as_deref(),
        query.dry_run,
    )
    .await?;
    Ok(web::Json(report.into()))
}
