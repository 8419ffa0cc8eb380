//! What every use case works with: the database, the clock, the tenants' calendars and the
//! accounts' standing. Built once by the binary and shared (cheap to clone).

use butler_persistence::DatabaseConnection;
use std::sync::Arc;

use crate::calendar::CalendarCache;
use crate::cases::facts::ReadCache;
use crate::clock::Clock;
use crate::delivery::Delivery;
use crate::files::{FileLimits, Storage};
use crate::sessions::SessionGate;
use crate::settings::SettingsCache;

#[derive(Clone)]
pub struct Context {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    /// Tenants' working-day calendars.
    pub calendars: Arc<CalendarCache>,
    /// Counties' settings in force and the versions deadlines name.
    pub settings: Arc<SettingsCache>,
    /// Whether users' access tokens are still honoured.
    pub sessions: Arc<SessionGate>,
    /// The facts of recently read cases, at their stamps.
    pub reads: Arc<ReadCache>,
    /// Whether the server runs the demo county (enables demo-only switches).
    pub demo_mode: bool,
    /// Where stored files' contents live (unconfigured until [`Context::with_files`]).
    pub storage: Storage,
    /// The size limits of uploads.
    pub file_limits: FileLimits,
    /// The delivery worker's transport and policy (sends nothing until
    /// [`Context::with_delivery`]).
    pub delivery: Delivery,
    /// How long the change feed waits before it shows an event (see [`crate::feed`]).
    pub feed_settle: std::time::Duration,
    /// How long the security audit trail is kept (at least 180 days).
    pub audit_retention: butler_domain::audit::AuditRetention,
    /// The keys personal numbers are sealed with at rest (the demo's key until
    /// [`Context::with_pii`]).
    pub pii: Arc<crate::pii::Keyring>,
}

impl Context {
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>, demo_mode: bool) -> Self {
        Context {
            db,
            clock,
            calendars: Arc::new(CalendarCache::default()),
            settings: Arc::new(SettingsCache::default()),
            sessions: Arc::new(SessionGate::default()),
            reads: Arc::new(ReadCache::default()),
            demo_mode,
            storage: Storage::default(),
            file_limits: FileLimits::default(),
            delivery: Delivery::default(),
            feed_settle: Self::DEFAULT_FEED_SETTLE,
            audit_retention: butler_domain::audit::AuditRetention::default(),
            pii: Arc::new(crate::pii::Keyring::demo()),
        }
    }

    /// The change feed's settle lag when none is configured.
    pub const DEFAULT_FEED_SETTLE: std::time::Duration = std::time::Duration::from_millis(5000);

    /// The context with the change feed's settle lag.
    pub fn with_feed_settle(self, feed_settle: std::time::Duration) -> Self {
        Context { feed_settle, ..self }
    }

    /// The context keeping the audit trail for `audit_retention`.
    pub fn with_audit_retention(self, audit_retention: butler_domain::audit::AuditRetention) -> Self {
        Context { audit_retention, ..self }
    }

    /// The context flagging a next year missing its national holiday notice from `flag_from`
    /// on (a fresh calendar cache).
    pub fn with_national_flag_from(self, flag_from: butler_domain::calendar::MonthDay) -> Self {
        Context { calendars: Arc::new(CalendarCache::default().with_flag_from(flag_from)), ..self }
    }

    /// The context with its file storage and upload limits.
    pub fn with_files(self, storage: Storage, file_limits: FileLimits) -> Self {
        Context { storage, file_limits, ..self }
    }

    /// The context sealing personal numbers with `keys`.
    pub fn with_pii(self, keys: crate::pii::Keyring) -> Self {
        Context { pii: Arc::new(keys), ..self }
    }

    /// The context with its delivery transport and policy.
    pub fn with_delivery(self, delivery: Delivery) -> Self {
        Context { delivery, ..self }
    }

    /// Whether `user_id`'s access token issued at `issued_at` (seconds since the epoch) is
    /// still honoured: the account is open and its sessions were not ended after the token
    /// was issued.
    pub async fn honours_token(&self, user_id: uuid::Uuid, issued_at: i64) -> Result<bool, crate::AppError> {
        Ok(self.admit_token(user_id, issued_at).await? != crate::sessions::Admission::Refused)
    }

    /// What `user_id`'s access token issued at `issued_at` opens: everything, only the change
    /// of an initial password, or nothing.
    pub async fn admit_token(
        &self,
        user_id: uuid::Uuid,
        issued_at: i64,
    ) -> Result<crate::sessions::Admission, crate::AppError> {
        self.sessions.admits(&self.db, user_id, issued_at).await
    }

    /// The clock's "now".
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
