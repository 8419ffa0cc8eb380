//! A tenant's working-day calendar: the national schedule (embedded, parsed once) plus the
//! tenant's local days and its office hours through the year (its settings), cached per
//! tenant.
//!
//! A change made through this server invalidates its cache at once; another server process
//! on the same database sees the change when its entry expires ([`CalendarCache::TTL`]).

use butler_domain::calendar::{Calendar, LocalDay, LocalDayKind};
use butler_persistence::repo::calendar::{self as calendar_repo, CalendarDayRow};
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
        CalendarCache { entries: RwLock::new(HashMap::new()), generation: AtomicU64::new(0), ttl }
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

/// Builds a tenant's calendar from the database, bypassing the cache.
pub async fn load_calendar(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Calendar, AppError> {
    let rows = calendar_repo::list(db, tenant_id).await?;
    let timetable = crate::settings::load_in_force(db, tenant_id).await?.settings.office_hours;
    Calendar::china()
        .and_then(|c| c.with_local_days(rows.iter().map(local_day)))
        .map(|c| c.with_timetable(timetable))
        .map_err(AppError::internal)
}

/// The tenant's working-day calendar: [`Calendar::china`] plus the tenant's local days.
pub async fn tenant_calendar(ctx: &Context, tenant_id: Uuid) -> Result<Arc<Calendar>, AppError> {
    if let Some(calendar) = ctx.calendars.get(tenant_id) {
        return Ok(calendar);
    }
    let generation = ctx.calendars.generation.load(Ordering::Acquire);
    let calendar = Arc::new(load_calendar(&ctx.db, tenant_id).await?);
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
