//! A tenant's working-day calendar: the national schedule (stored, loaded once for all
//! tenants) plus the tenant's local days and its office hours through the year (its
//! settings), cached per tenant.
//!
//! A change made through this server invalidates its cache at once (a national import forgets
//! every tenant's calendar); another server process on the same database sees the change when
//! its entry expires ([`CalendarCache::TTL`]).

use butler_domain::calendar::notice::{Notice, NoticeDay, default_flag_from, schedule_of};
use butler_domain::calendar::{Calendar, LocalDay, LocalDayKind, MonthDay, NationalSchedule};
use butler_persistence::repo::calendar::{self as calendar_repo, CalendarDayRow};
use butler_persistence::repo::national_calendar as national_repo;
use sea_orm::ConnectionTrait;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use uuid::Uuid;

use crate::Context;
use crate::error::AppError;

/// Calendars by tenant, each kept for at most [`CalendarCache::TTL`].
#[derive(Debug)]
pub struct CalendarCache {
    entries: RwLock<HashMap<Uuid, Entry>>,
    /// Bumped by every invalidation, so a load that raced with one is not kept.
    generation: AtomicU64,
    ttl: Duration,
    /// The national schedule every tenant's calendar is built on.
    national: RwLock<Option<NationalEntry>>,
    /// From which day of a year the next year's missing notice is flagged.
    flag_from: MonthDay,
}

#[derive(Debug)]
struct NationalEntry {
    schedule: Arc<NationalSchedule>,
    loaded: Instant,
}

#[derive(Debug)]
struct Entry {
    calendar: Arc<Calendar>,
    loaded: Instant,
}

impl Default for CalendarCache {
    fn default() -> Self {
        CalendarCache::new(CalendarCache::TTL)
    }
}

impl CalendarCache {
    /// How long another process's change can go unseen.
    pub const TTL: Duration = Duration::from_secs(60);

    pub fn new(ttl: Duration) -> Self {
        CalendarCache {
            entries: RwLock::new(HashMap::new()),
            generation: AtomicU64::new(0),
            ttl,
            national: RwLock::new(None),
            flag_from: default_flag_from(),
        }
    }

    /// The cache flagging next year's missing national notice from `flag_from` on.
    pub fn with_flag_from(self, flag_from: MonthDay) -> Self {
        CalendarCache { flag_from, ..self }
    }

    /// From which day of a year the next year's missing national notice is flagged.
    pub fn flag_from(&self) -> MonthDay {
        self.flag_from
    }

    fn national(&self) -> Option<Arc<NationalSchedule>> {
        let national = self.national.read().unwrap_or_else(|e| e.into_inner());
        national.as_ref().filter(|e| e.loaded.elapsed() < self.ttl).map(|e| e.schedule.clone())
    }

    fn put_national(&self, schedule: Arc<NationalSchedule>, generation: u64) {
        let mut national = self.national.write().unwrap_or_else(|e| e.into_inner());
        if self.generation.load(Ordering::Acquire) == generation {
            *national = Some(NationalEntry { schedule, loaded: Instant::now() });
        }
    }

    /// Forgets the national schedule and so every tenant's calendar (after a national import).
    pub fn invalidate_all(&self) {
        let mut national = self.national.write().unwrap_or_else(|e| e.into_inner());
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        self.generation.fetch_add(1, Ordering::AcqRel);
        *national = None;
        entries.clear();
    }

    fn get(&self, tenant_id: Uuid) -> Option<Arc<Calendar>> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        entries.get(&tenant_id).filter(|e| e.loaded.elapsed() < self.ttl).map(|e| e.calendar.clone())
    }

    fn put(&self, tenant_id: Uuid, calendar: Arc<Calendar>, generation: u64) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if self.generation.load(Ordering::Acquire) == generation {
            entries.insert(tenant_id, Entry { calendar, loaded: Instant::now() });
        }
    }

    /// Forgets a tenant's calendar (after its local days changed).
    pub fn invalidate(&self, tenant_id: Uuid) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        self.generation.fetch_add(1, Ordering::AcqRel);
        entries.remove(&tenant_id);
    }
}

/// The local day a stored row stands for.
pub fn local_day(row: &CalendarDayRow) -> LocalDay {
    LocalDay {
        date: row.date,
        name: row.name.clone(),
        kind: if row.working { LocalDayKind::WorkingDay } else { LocalDayKind::OffDay },
    }
}

/// The stored national notices, by year.
pub async fn load_notices(db: &impl ConnectionTrait) -> Result<Vec<Notice>, AppError> {
    let years = national_repo::years(db).await?;
    let mut notices: Vec<Notice> =
        years.iter().map(|y| Notice { year: y.year, papers: vec![y.source.clone()], days: Vec::new() }).collect();
    for row in national_repo::days(db).await? {
        if let Some(notice) = notices.iter_mut().find(|n| n.year == row.year) {
            notice.days.push(NoticeDay { date: row.date, name: row.name, is_off_day: row.off_day });
        }
    }
    Ok(notices)
}

/// The stored national schedule, bypassing the cache.
pub async fn load_national(db: &impl ConnectionTrait) -> Result<NationalSchedule, AppError> {
    schedule_of(&load_notices(db).await?).map_err(AppError::internal)
}

/// The national schedule every county's calendar is built on (cached for all tenants).
pub async fn national_schedule(ctx: &Context) -> Result<Arc<NationalSchedule>, AppError> {
    if let Some(schedule) = ctx.calendars.national() {
        return Ok(schedule);
    }
    let generation = ctx.calendars.generation.load(Ordering::Acquire);
    let schedule = Arc::new(load_national(&ctx.db).await?);
    ctx.calendars.put_national(schedule.clone(), generation);
    Ok(schedule)
}

async fn build_calendar(
    db: &impl ConnectionTrait,
    national: Arc<NationalSchedule>,
    tenant_id: Uuid,
) -> Result<Calendar, AppError> {
    let rows = calendar_repo::list(db, tenant_id).await?;
    let timetable = crate::settings::load_in_force(db, tenant_id).await?.settings.office_hours;
    Calendar::new(national, timetable).with_local_days(rows.iter().map(local_day)).map_err(AppError::internal)
}

/// Builds a tenant's calendar from the database, bypassing the cache.
pub async fn load_calendar(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Calendar, AppError> {
    let national = Arc::new(load_national(db).await?);
    build_calendar(db, national, tenant_id).await
}

/// The tenant's working-day calendar: the stored national schedule plus the tenant's local
/// days and office hours.
pub async fn tenant_calendar(ctx: &Context, tenant_id: Uuid) -> Result<Arc<Calendar>, AppError> {
    if let Some(calendar) = ctx.calendars.get(tenant_id) {
        return Ok(calendar);
    }
    let generation = ctx.calendars.generation.load(Ordering::Acquire);
    let national = national_schedule(ctx).await?;
    let calendar = Arc::new(build_calendar(&ctx.db, national, tenant_id).await?);
    ctx.calendars.put(tenant_id, calendar.clone(), generation);
    Ok(calendar)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn calendar() -> Arc<Calendar> {
        Arc::new(Calendar::china().unwrap())
    }

    #[test]
    fn entries_expire_and_invalidate() {
        let tenant = Uuid::from_u128(1);
        let cache = CalendarCache::new(Duration::from_secs(3600));
        assert!(cache.get(tenant).is_none());
        cache.put(tenant, calendar(), 0);
        assert!(cache.get(tenant).is_some());
        cache.invalidate(tenant);
        assert!(cache.get(tenant).is_none());

        let expired = CalendarCache::new(Duration::ZERO);
        expired.put(tenant, calendar(), 0);
        assert!(expired.get(tenant).is_none());
    }

    #[test]
    fn a_load_that_raced_with_an_invalidation_is_dropped() {
        let tenant = Uuid::from_u128(1);
        let cache = CalendarCache::default();
        let generation = cache.generation.load(Ordering::Acquire);
        cache.invalidate(Uuid::from_u128(2));
        cache.put(tenant, calendar(), generation);
        assert!(cache.get(tenant).is_none());
    }

    #[test]
    fn a_national_import_forgets_every_tenants_calendar_and_the_schedule() {
        let cache = CalendarCache::new(Duration::from_secs(3600));
        let national = Arc::new(NationalSchedule::empty());
        cache.put_national(national, 0);
        cache.put(Uuid::from_u128(1), calendar(), 0);
        cache.put(Uuid::from_u128(2), calendar(), 0);
        assert!(cache.national().is_some());
        cache.invalidate_all();
        assert!(cache.national().is_none());
        assert!(cache.get(Uuid::from_u128(1)).is_none() && cache.get(Uuid::from_u128(2)).is_none());
        // A load begun before the import is not kept.
        cache.put_national(Arc::new(NationalSchedule::empty()), 0);
        assert!(cache.national().is_none());
        let expired = CalendarCache::new(Duration::ZERO);
        expired.put_national(Arc::new(NationalSchedule::empty()), 0);
        assert!(expired.national().is_none());
    }

    #[test]
    fn rows_become_local_days() {
        let row = CalendarDayRow {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            date: NaiveDate::from_ymd_opt(2026, 7, 20).unwrap(),
            working: false,
            name: "火把节".into(),
        };
        let day = local_day(&row);
        assert_eq!(day.kind, LocalDayKind::OffDay);
        let cal = Calendar::china().unwrap().with_local_days([day]).unwrap();
        assert!(!cal.is_working_day(row.date));
    }
}
