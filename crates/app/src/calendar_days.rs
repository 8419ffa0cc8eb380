//! The tenant's working-day calendar (工作日历) day by day: how each day of a range counts
//! and why, and the administrator's local changes (a local working day or day off). A change
//! is written with its audit record in one transaction and the tenant's cached calendar is
//! forgotten at once.

use butler_domain::audit::AuditAction;
use butler_domain::calendar::{Calendar, DayStatus, OfficeInterval};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::calendar as repo;
use chrono::{Datelike, NaiveDate, Weekday};

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::calendar::tenant_calendar;
use crate::error::AppError;

/// Longest range one listing covers, in days.
pub const MAX_RANGE_DAYS: i64 = 366;

/// Why a date is or is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// How one day counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub weekday: Weekday,
    /// Whether deadlines count this day.
    pub working: bool,
    /// What decides `working`: a local change wins over the national schedule, which wins
    /// over the day of the week.
    pub source: DaySource,
    /// The holiday's or local change's name; `None` for a plain day.
    pub name: Option<String>,
    /// Whether the national schedule alone makes it a working day (before local changes).
    pub national_working: bool,
    /// The national holiday's name, if the national schedule lists the day.
    pub national_name: Option<String>,
    /// The office hours of this day by the county's timetable (summer hours in their span);
    /// none on a day off.
    pub office_hours: Vec<OfficeInterval>,
}

/// The calendar over a range of dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDays {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Years whose national holiday notice is loaded.
    pub covered_years: Vec<i32>,
    /// Years flagged as missing their national notice today (see
    /// [`crate::national_calendar::missing`]).
    pub missing_national_years: Vec<i32>,
    /// Office hours of a working day on `from`'s date, local time; each day carries its own
    /// (the county's timetable may change them through the year).
    pub office_hours: Vec<OfficeInterval>,
    /// Every day from `from` through `to`, in order.
    pub days: Vec<CalendarDay>,
}

/// A local change of one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalChange {
    /// `true`: an extra working day; `false`: an extra day off.
    pub working: bool,
    /// Why (`火把节`); surrounding spaces are dropped.
    pub name: String,
}

pub(crate) fn day_of(calendar: &Calendar, date: NaiveDate) -> CalendarDay {
    let status = calendar.day_status(date);
    let (source, name) = match status {
        DayStatus::Weekday => (DaySource::Weekday, None),
        DayStatus::Weekend => (DaySource::Weekend, None),
        DayStatus::NationalOffDay(n) | DayStatus::NationalWorkingDay(n) => (DaySource::National, Some(n.to_owned())),
        DayStatus::LocalOffDay(n) | DayStatus::LocalWorkingDay(n) => (DaySource::Local, Some(n.to_owned())),
    };
    let national = calendar.national().get(date);
    let weekday = !matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    CalendarDay {
        date,
        weekday: date.weekday(),
        working: status.is_working(),
        source,
        name,
        national_working: national.map_or(weekday, |d| !d.is_off_day),
        national_name: national.map(|d| d.name.clone()),
        office_hours: if status.is_working() { calendar.hours_on(date).intervals().to_vec() } else { Vec::new() },
    }
}

/// Every day from `from` through `to` (at most [`MAX_RANGE_DAYS`]) on the caller's tenant's
/// calendar (every signed-in user).
pub async fn list(ctx: &Context, actor: &Actor, from: NaiveDate, to: NaiveDate) -> Result<CalendarDays, AppError> {
    authorize(actor, Action::ReadCalendar, Scope::tenant(actor.tenant_id))?;
    if to < from {
        return Err(AppError::field("to", "range_order", "结束日期不能早于开始日期", "must not be before `from`"));
    }
    if (to - from).num_days() + 1 > MAX_RANGE_DAYS {
        return Err(AppError::field(
            "to",
            "range_too_long",
            &format!("一次最多查询 {MAX_RANGE_DAYS} 天"),
            &format!("the range may cover at most {MAX_RANGE_DAYS} days"),
        ));
    }
    let calendar = tenant_calendar(ctx, actor.tenant_id).await?;
    let days = from.iter_days().take_while(|d| *d <= to).map(|d| day_of(&calendar, d)).collect();
    Ok(CalendarDays {
        from,
        to,
        covered_years: calendar.covered_years(),
        missing_national_years: crate::national_calendar::missing(ctx).await?,
        office_hours: calendar.hours_on(from).intervals().to_vec(),
        days,
    })
}

/// Sets `date` as a local working day or day off (admin), replacing the tenant's earlier
/// change of it; returns the day as it now counts.
pub async fn set(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    date: NaiveDate,
    change: LocalChange,
) -> Result<CalendarDay, AppError> {
    authorize(actor, Action::ManageCalendar, Scope::tenant(actor.tenant_id))?;
    let name = change.name.trim();
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    repo::upsert(&txn, actor.tenant_id, date, change.working, name).await?;
    let detail = serde_json::json!({"date": date, "working": change.working, "name": name});
    audit_trail::record(&txn, meta, actor, AuditAction::CalendarDaySet, detail, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    ctx.calendars.invalidate(actor.tenant_id);
    let calendar = tenant_calendar(ctx, actor.tenant_id).await?;
    Ok(day_of(&calendar, date))
}

/// Removes the tenant's local change of `date` (admin); [`AppError::NotFound`] when it has
/// none. The national schedule applies again.
pub async fn remove(ctx: &Context, actor: &Actor, meta: &RequestMeta, date: NaiveDate) -> Result<(), AppError> {
    authorize(actor, Action::ManageCalendar, Scope::tenant(actor.tenant_id))?;
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    repo::delete(&txn, actor.tenant_id, date).await?;
    let detail = serde_json::json!({"date": date});
    audit_trail::record(&txn, meta, actor, AuditAction::CalendarDayDeleted, detail, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    ctx.calendars.invalidate(actor.tenant_id);
    Ok(())
}
