//! The administrator's local days in bulk: a list in one request, or a calendar sheet (.xlsx
//! or CSV: 日期, 休息日/工作日, 名称, as the onboarding workbook's 日历). All or nothing, with
//! a dry run.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, post, web};
use butler_app::calendar_days_bulk::{self, BulkReport};
use butler_domain::calendar::local_sheet::BulkColumn;
use butler_domain::calendar::{LocalDay, LocalDayKind};
use butler_domain::policy::{Action, Scope, authorize};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson};
use crate::middleware::request_meta;
use crate::routes::calendar::CalendarDayOut;
use crate::routes::catalog_workbook::read_file;
use crate::state::AppState;

/// One local day of a bulk change.
#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkDayIn {
    pub date: NaiveDate,
    /// `true`: an extra working day; `false`: an extra day off.
    pub working: bool,
    /// Why (`火把节`), 1–64 characters.
    pub name: String,
}

/// Local days to set at once.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"days": [
    {"date": "2027-07-26", "working": false, "name": "火把节"},
    {"date": "2027-07-25", "working": true, "name": "补班"}
]}))]
pub struct CalendarBulkIn {
    /// 1–366 days, each date once.
    pub days: Vec<BulkDayIn>,
}

/// Whether to write.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BulkQuery {
    /// Only check and answer how the days would count; nothing is written.
    #[serde(default)]
    pub dry_run: bool,
}

/// What a bulk change did (or, for a dry run, would do).
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarBulkOut {
    pub dry_run: bool,
    /// Dates the county had no change of.
    pub created: usize,
    /// Dates whose earlier change is replaced.
    pub replaced: usize,
    /// Each day as it counts afterwards, in the order given.
    pub days: Vec<CalendarDayOut>,
}

/// The calendar sheet upload (`multipart/form-data`).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CalendarSheetForm {
    /// An .xlsx workbook (its sheet 日历, else the first) or a CSV file: a header row, then
    /// 日期, 休息日/工作日, 名称 a row.
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
}

impl From<BulkReport> for CalendarBulkOut {
    fn from(r: BulkReport) -> Self {
        CalendarBulkOut {
            dry_run: r.dry_run,
            created: r.created,
            replaced: r.replaced,
            days: r.days.into_iter().map(Into::into).collect(),
        }
    }
}

fn list_field(i: usize, column: BulkColumn) -> String {
    let column = match column {
        BulkColumn::Date => "date",
        BulkColumn::Kind => "working",
        BulkColumn::Name => "name",
    };
    format!("days[{i}].{column}")
}

/// Set local working days and days off in bulk (admin).
///
/// All or nothing: every problem is named by entry (`days[2].name`: a missing or too long
/// name, a date listed twice) and nothing is written. Each date replaces the county's earlier
/// change of it. Audited.
#[utoipa::path(
    tag = "calendar",
    operation_id = "putCalendarDaysBulk",
    params(BulkQuery),
    request_body = CalendarBulkIn,
    responses(
        (status = 200, description = "Set (or, for a dry run, how they would count)", body = CalendarBulkOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The entries' problems; nothing written", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/calendar/days/bulk")]
pub async fn put_calendar_days_bulk(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    query: web::Query<BulkQuery>,
    body: ValidatedJson<CalendarBulkIn>,
) -> Result<web::Json<CalendarBulkOut>, ApiError> {
    let days = body
        .0
        .days
        .into_iter()
        .map(|d| LocalDay {
            date: d.date,
            name: d.name,
            kind: if d.working { LocalDayKind::WorkingDay } else { LocalDayKind::OffDay },
        })
        .collect();
    let report =
        calendar_days_bulk::set_many(&state.app, &auth.0, &request_meta(&req), days, query.dry_run, &list_field)
            .await?;
    Ok(web::Json(report.into()))
}

/// Set local days from a calendar sheet (.xlsx or CSV; admin).
///
/// The sheet 日历 of a workbook (else its first sheet), or a CSV file: a header row, then
/// 日期, 类型 (`休息日` or `工作日`), 名称 a row. The same checks and all-or-nothing as
/// `putCalendarDaysBulk`; problems are named `sheet/row/column` as the sheet shows them
/// (`日历/5/名称`).
#[utoipa::path(
    tag = "calendar",
    operation_id = "importCalendarDays",
    params(BulkQuery),
    request_body(content = CalendarSheetForm, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "Set (or, for a dry run, how they would count)", body = CalendarBulkOut),
        (status = 400, description = "Not a multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` part, not a sheet, or its problems by row and column; nothing written", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/calendar/days/import")]
pub async fn import_calendar_days(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    query: web::Query<BulkQuery>,
    mut payload: Multipart,
) -> Result<web::Json<CalendarBulkOut>, ApiError> {
    // Refused before the upload is read.
    authorize(&auth.0, Action::ManageCalendar, Scope::tenant(auth.0.tenant_id))?;
    let bytes = read_file(&mut payload).await?;
    let report =
        calendar_days_bulk::import_sheet(&state.app, &auth.0, &request_meta(&req), &bytes, query.dry_run).await?;
    Ok(web::Json(report.into()))
}
