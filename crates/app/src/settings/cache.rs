//! The settings in force per county, each kept for at most [`SettingsCache::TTL`] (another
//! server process's change is seen when the entry expires; this one's at once), and the
//! versions deadlines name, kept for good (a version never changes).

use butler_domain::settings::CountySettings;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use uuid::Uuid;

use super::InForce;

/// The settings in force and past versions, by county.
#[derive(Debug)]
pub struct SettingsCache {
    current: RwLock<HashMap<Uuid, (Arc<InForce>, Instant)>>,
    versions: RwLock<HashMap<(Uuid, i32), Arc<CountySettings>>>,
    /// Bumped by every invalidation, so a load that raced with one is not kept.
    generation: AtomicU64,
    ttl: Duration,
}

impl Default for SettingsCache {
    fn default() -> Self {
        SettingsCache::new(SettingsCache::TTL)
    }
}

impl SettingsCache {
    /// How long another process's change can go unseen (as for the calendars).
    pub const TTL: Duration = Duration::from_secs(60);

    pub fn new(ttl: Duration) -> Self {
        SettingsCache {
            current: RwLock::new(HashMap::new()),
            versions: RwLock::new(HashMap::new()),
            generation: AtomicU64::new(0),
            ttl,
        }
    }

    pub(super) fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    pub(super) fn get(&self, tenant_id: Uuid) -> Option<Arc<InForce>> {
        let current = self.current.read().unwrap_or_else(|e| e.into_inner());
        current.get(&tenant_id).filter(|(_, at)| at.elapsed() < self.ttl).map(|(s, _)| s.clone())
    }

    pub(super) fn put(&self, tenant_id: Uuid, settings: Arc<InForce>, generation: u64) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        if self.generation.load(Ordering::Acquire) == generation {
            current.insert(tenant_id, (settings, Instant::now()));
        }
    }

    pub(super) fn version(&self, tenant_id: Uuid, version: i32) -> Option<Arc<CountySettings>> {
        let versions = self.versions.read().unwrap_or_else(|e| e.into_inner());
        versions.get(&(tenant_id, version)).cloned()
    }

    pub(super) fn keep_version(&self, tenant_id: Uuid, version: i32, settings: Arc<CountySettings>) {
        let mut versions = self.versions.write().unwrap_or_else(|e| e.into_inner());
        versions.insert((tenant_id, version), settings);
    }

    /// Forgets a county's settings in force (after they changed).
    pub fn invalidate(&self, tenant_id: Uuid) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        self.generation.fetch_add(1, Ordering::AcqRel);
        current.remove(&tenant_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_invalidate_and_drop_raced_loads() {
        let tenant = Uuid::from_u128(1);
        let cache = SettingsCache::new(Duration::from_secs(3600));
        assert!(cache.get(tenant).is_none());
        cache.put(tenant, Arc::new(InForce::defaults()), cache.generation());
        assert_eq!(cache.get(tenant).map(|s| s.version), Some(0));
        cache.invalidate(tenant);
        assert!(cache.get(tenant).is_none());

        let stale = cache.generation();
        cache.invalidate(Uuid::from_u128(2));
        cache.put(tenant, Arc::new(InForce::defaults()), stale);
        assert!(cache.get(tenant).is_none());

        let expired = SettingsCache::new(Duration::ZERO);
        expired.put(tenant, Arc::new(InForce::defaults()), 0);
        assert!(expired.get(tenant).is_none());
    }

    #[test]
    fn versions_are_kept() {
        let cache = SettingsCache::default();
        let tenant = Uuid::from_u128(1);
        cache.keep_version(tenant, 3, Arc::new(CountySettings::default()));
        assert!(cache.version(tenant, 3).is_some());
        cache.invalidate(tenant);
        assert!(cache.version(tenant, 3).is_some());
        assert!(cache.version(tenant, 2).is_none());
    }
}
