//! The administrator's local days in bulk: a list in one request, or a calendar sheet (.xlsx
//! or CSV, as the onboarding workbook's 日历: 日期, 休息日/工作日, 名称). All or nothing: every
//! problem is named by entry (or sheet row and column) and nothing is written; a dry run answers
//! how each day would count. Each date replaces the tenant's earlier change of it.

use butler_domain::audit::AuditAction;
use butler_domain::calendar::local_sheet::{self, BulkColumn, check_local_days, local_days_from_rows};
use butler_domain::calendar::{LocalDay, LocalDayKind};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::calendar as repo;

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::calendar::{load_calendar, tenant_calendar};
use crate::calendar_days::{CalendarDay, day_of};
use crate::calendar_sheets;
use crate::error::AppError;
use crate::national_calendar::notice_field_error;

/// The sheet a calendar upload is read from (else its first sheet).
pub const CALENDAR_SHEET: &str = "日历";

/// What a bulk change did (or, for a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkReport {
    pub dry_run: bool,
    /// Dates the tenant had no change of.
    pub created: usize,
    /// Dates whose earlier change is replaced.
    pub replaced: usize,
    /// Each day as it counts after the change, in the order given.
    pub days: Vec<CalendarDay>,
}

/// Sets every day of `days` (admin), all or nothing; `field` names an entry's value in
/// errors.
pub async fn set_many(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    mut days: Vec<LocalDay>,
    dry_run: bool,
    field: &dyn Fn(usize, BulkColumn) -> String,
) -> Result<BulkReport, AppError> {
    authorize(actor, Action::ManageCalendar, Scope::tenant(actor.tenant_id))?;
    let problems = check_local_days(&days, field);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems.iter().map(notice_field_error).collect()));
    }
    for day in &mut days {
        day.name = day.name.trim().to_owned();
    }
    let existing = repo::list(&ctx.db, actor.tenant_id).await?;
    let replaced = days.iter().filter(|d| existing.iter().any(|e| e.date == d.date)).count();
    let created = days.len() - replaced;
    if dry_run {
        // How each day would count: the stored calendar with the new days in place.
        let calendar = tenant_calendar(ctx, actor.tenant_id).await?;
        let mut local: Vec<LocalDay> =
            calendar.local_days().filter(|l| days.iter().all(|d| d.date != l.date)).cloned().collect();
        local.extend(days.iter().cloned());
        let preview = butler_domain::calendar::Calendar::new(
            std::sync::Arc::new(calendar.national().clone()),
            calendar.timetable().clone(),
        )
        .with_local_days(local)
        .map_err(AppError::internal)?;
        let out = days.iter().map(|d| day_of(&preview, d.date)).collect();
        return Ok(BulkReport { dry_run, created, replaced, days: out });
    }
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    for day in &days {
        repo::upsert(&txn, actor.tenant_id, day.date, day.kind == LocalDayKind::WorkingDay, &day.name).await?;
    }
    let detail = serde_json::json!({
        "days": days.iter().map(|d| serde_json::json!({
            "date": d.date, "working": d.kind == LocalDayKind::WorkingDay, "name": d.name,
        })).collect::<Vec<_>>(),
    });
    audit_trail::record(&txn, meta, actor, AuditAction::CalendarDaysSet, detail, now).await?;
    let calendar = load_calendar(&txn, actor.tenant_id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    ctx.calendars.invalidate(actor.tenant_id);
    let out = days.iter().map(|d| day_of(&calendar, d.date)).collect();
    Ok(BulkReport { dry_run, created, replaced, days: out })
}

/// [`set_many`] of an uploaded calendar sheet (.xlsx: its sheet 日历, else the first; or CSV).
pub async fn import_sheet(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    bytes: &[u8],
    dry_run: bool,
) -> Result<BulkReport, AppError> {
    authorize(actor, Action::ManageCalendar, Scope::tenant(actor.tenant_id))?;
    let (sheet, rows) = calendar_sheets::sheet_rows(bytes, CALENDAR_SHEET)?;
    let parsed = local_days_from_rows(&rows, &sheet)
        .map_err(|errors| AppError::Validation(errors.iter().map(notice_field_error).collect()))?;
    let (numbers, days): (Vec<usize>, Vec<LocalDay>) = parsed.into_iter().unzip();
    let field = |i: usize, c: BulkColumn| local_sheet::sheet_field(&sheet, numbers.get(i).copied().unwrap_or(0), c);
    set_many(ctx, actor, meta, days, dry_run, &field).await
}
