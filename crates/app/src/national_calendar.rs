//! The national holiday schedule as data (国家法定节假日安排): the platform administrator
//! imports each year's State Council notice (a `holiday-cn` year file, or a sheet of 日期,
//! 名称, 放假/调休上班), replacing that year whole, with a dry run; every county's calendar is
//! built on it. A year without its notice is flagged from a lead day before it starts (by
//! default 1 November) and while it runs.

use butler_domain::audit::AuditAction;
use std::collections::BTreeSet;

use butler_domain::calendar::TIME_ZONE;
use butler_domain::calendar::notice::{self, Notice, NoticeDay, NoticeError, NoticeProblem, missing_years};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::national_calendar::{self as repo, NewNationalDay};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::calendar::{load_notices, national_schedule};
use crate::calendar_sheets;
use crate::error::{AppError, FieldError};

/// Longest source (the notice's title or address), in characters.
pub const SOURCE_MAX_CHARS: usize = 500;

/// One loaded notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedYear {
    pub year: i32,
    /// The notice's title or address.
    pub source: String,
    /// Days off it lists.
    pub off_days: usize,
    /// Adjusted working days (调休上班) it lists.
    pub working_days: usize,
    /// Who loaded it; `None` for the schedule a new database starts with.
    pub loaded_by: Option<Uuid>,
    pub loaded_at: DateTime<Utc>,
}

/// The national schedule's years: those loaded, and those flagged as missing today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NationalOverview {
    pub years: Vec<LoadedYear>,
    /// Years flagged as missing their notice (the current one, and the next one from the
    /// lead day on).
    pub missing_years: Vec<i32>,
    /// From which day of a year the next year is flagged (`MM-DD`).
    pub flag_from: String,
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeImport {
    pub dry_run: bool,
    pub year: i32,
    pub source: String,
    /// The notice's dates, in date order.
    pub days: Vec<NoticeDay>,
    /// How many dates the year listed before (0 when it was not loaded).
    pub replaced_days: usize,
}

/// The years missing their national notice on the server's today (no authorization: the
/// readiness probe and every county's calendar show it).
pub async fn missing(ctx: &Context) -> Result<Vec<i32>, AppError> {
    let schedule = national_schedule(ctx).await?;
    let loaded: BTreeSet<i32> = schedule.covered_years().collect();
    let today = ctx.now().with_timezone(&TIME_ZONE).date_naive();
    Ok(missing_years(today, &loaded, ctx.calendars.flag_from()))
}

/// The loaded years with their counts and sources, and the missing ones (platform admin).
pub async fn overview(ctx: &Context, actor: &Actor) -> Result<NationalOverview, AppError> {
    authorize(actor, Action::ManageNationalCalendar, Scope::tenant(actor.tenant_id))?;
    let rows = repo::years(&ctx.db).await?;
    let notices = load_notices(&ctx.db).await?;
    let years = rows
        .into_iter()
        .map(|row| {
            let days = notices.iter().find(|n| n.year == row.year).map_or(&[][..], |n| &n.days[..]);
            let off_days = days.iter().filter(|d| d.is_off_day).count();
            LoadedYear {
                year: row.year,
                source: row.source,
                off_days,
                working_days: days.len() - off_days,
                loaded_by: row.loaded_by,
                loaded_at: row.loaded_at,
            }
        })
        .collect();
    Ok(NationalOverview { years, missing_years: missing(ctx).await?, flag_from: ctx.calendars.flag_from().to_string() })
}

/// The message of a notice's problem, in both languages.
pub fn notice_field_error(error: &NoticeError) -> FieldError {
    let (code, zh, en) = match &error.problem {
        NoticeProblem::YearMismatch { expected } => (
            "year_mismatch",
            format!("文件的年份应为 {expected}"),
            format!("the file must be the notice of {expected}"),
        ),
        NoticeProblem::NoDays => ("empty", "至少需要一个日期".into(), "must list at least one date".into()),
        NoticeProblem::NameRequired => ("required", "必填项".into(), "must not be empty".into()),
        NoticeProblem::OutsideYear { year } => (
            "outside_year",
            format!("日期不在 {year} 年（及相邻的 12 月、1 月）内"),
            format!("the date is outside {year} (and the neighbouring December and January)"),
        ),
        NoticeProblem::WorkingDayNotOnWeekend => (
            "working_day_not_on_weekend",
            "调休上班日必须是周六或周日".into(),
            "an adjusted working day must be a Saturday or Sunday".into(),
        ),
        NoticeProblem::Duplicate { .. } => ("duplicate", "日期重复".into(), "the date is listed twice".into()),
        NoticeProblem::ConflictsWithYear { year } => (
            "conflicts_with_year",
            format!("与 {year} 年的安排相矛盾（一为放假，一为上班）"),
            format!("contradicts the notice of {year} (a day off in one, a working day in the other)"),
        ),
        NoticeProblem::NotADate => (
            "not_a_date",
            "不是日期（应为 2027-02-06 或 2027/2/6）".into(),
            "not a date (write 2027-02-06 or 2027/2/6)".into(),
        ),
        NoticeProblem::UnknownKind => (
            "unknown_kind",
            "类型应为“放假”或“调休上班”（本地日历为“休息日”或“工作日”）".into(),
            "the kind must be 放假 or 调休上班 (休息日 or 工作日 for local days)".into(),
        ),
        NoticeProblem::TooMany { max } => {
            ("too_many", format!("一次最多 {max} 个日期"), format!("at most {max} dates at once"))
        }
        NoticeProblem::NameTooLong { max } => {
            ("length", format!("不能超过 {max} 个字符"), format!("must be at most {max} characters"))
        }
    };
    FieldError::new(error.field.clone(), code, zh, en)
}

fn check_source(source: &str) -> Result<String, AppError> {
    let source = source.trim();
    if source.chars().count() > SOURCE_MAX_CHARS {
        return Err(AppError::field(
            "source",
            "length",
            &format!("不能超过 {SOURCE_MAX_CHARS} 个字符"),
            &format!("must be at most {SOURCE_MAX_CHARS} characters"),
        ));
    }
    Ok(source.to_owned())
}

/// Replaces the notice of `year` with `notice` (platform admin), all or nothing: every problem
/// is named by field and nothing is stored. `source` (else the notice's first paper, else
/// `holiday-cn {year}.json`) records where it came from. `field` renames a problem's field
/// (a sheet's row and column). Every county's calendar counts the new schedule at once.
#[allow(clippy::too_many_arguments)]
pub async fn import(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    year: i32,
    mut notice: Notice,
    source: Option<&str>,
    dry_run: bool,
    field: &dyn Fn(&str) -> String,
) -> Result<NoticeImport, AppError> {
    authorize(actor, Action::ManageNationalCalendar, Scope::tenant(actor.tenant_id))?;
    let source = match source.map(check_source).transpose()?.filter(|s| !s.is_empty()) {
        Some(s) => s,
        None => notice.papers.first().map_or_else(|| format!("holiday-cn {year}.json"), |p| p.trim().to_owned()),
    };
    let source = check_source(&source)?;
    for day in &mut notice.days {
        day.name = day.name.trim().to_owned();
    }
    let stored = load_notices(&ctx.db).await?;
    let problems = notice.problems(year, &stored);
    if !problems.is_empty() {
        return Err(AppError::Validation(
            problems
                .iter()
                .map(|p| notice_field_error(&NoticeError::new(field(&p.field), p.problem.clone())))
                .collect(),
        ));
    }
    let mut days = notice.days;
    days.sort_by_key(|d| d.date);
    let replaced_days = stored.iter().find(|n| n.year == year).map_or(0, |n| n.days.len());
    let report = NoticeImport { dry_run, year, source, days, replaced_days };
    if dry_run {
        return Ok(report);
    }
    let now = ctx.now();
    let rows: Vec<NewNationalDay<'_>> =
        report.days.iter().map(|d| NewNationalDay { date: d.date, name: &d.name, off_day: d.is_off_day }).collect();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    repo::replace_year(&txn, year, &report.source, Some(actor.user_id), now, &rows).await?;
    let detail = serde_json::json!({
        "year": year, "source": report.source, "days": report.days.len(), "replaced_days": replaced_days,
    });
    audit_trail::record(&txn, meta, actor, AuditAction::NationalCalendarImported, detail, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    ctx.calendars.invalidate_all();
    Ok(report)
}

/// [`import`] of a sheet (.xlsx, its first sheet, or CSV): row 1 the header, then 日期, 名称,
/// 放假/调休上班 a row; problems are named `row/column` as the sheet shows them.
pub async fn import_sheet(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    year: i32,
    bytes: &[u8],
    source: Option<&str>,
    dry_run: bool,
) -> Result<NoticeImport, AppError> {
    authorize(actor, Action::ManageNationalCalendar, Scope::tenant(actor.tenant_id))?;
    let (_, rows) = calendar_sheets::sheet_rows(bytes, "节假日")?;
    let (notice, numbers) = notice::notice_from_rows(year, &rows)
        .map_err(|errors| AppError::Validation(errors.iter().map(notice_field_error).collect()))?;
    import(ctx, actor, meta, year, notice, source, dry_run, &|f| notice::sheet_field(f, &numbers)).await
}
