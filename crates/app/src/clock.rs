//! The server's clock, injectable so tests (and the demo's time switch) control "now".

use chrono::{DateTime, Duration, Utc};
use std::sync::RwLock;

/// Where "now" comes from. The domain never reads the clock; handlers pass `now` in.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// Moves this clock forward by `by` (the demo's time switch) and returns the new "now";
    /// `None` for a clock that cannot be moved.
    fn advance_by(&self, by: Duration) -> Option<DateTime<Utc>> {
        let _ = by;
        None
    }
}

/// The real time, optionally shifted forward (the demo-only time switch).
#[derive(Debug, Default)]
pub struct SystemClock {
    offset: RwLock<Duration>,
}

impl SystemClock {
    /// Moves this clock forward by `by` (never backward); returns the new offset.
    pub fn advance(&self, by: Duration) -> Duration {
        let mut offset = self.offset.write().unwrap_or_else(|e| e.into_inner());
        if by > Duration::zero() {
            *offset += by;
        }
        *offset
    }
}

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> DateTime<Utc> {
        let offset = *self.offset.read().unwrap_or_else(|e| e.into_inner());
        Utc::now() + offset
    }

    fn advance_by(&self, by: Duration) -> Option<DateTime<Utc>> {
        self.advance(by);
        Some(self.now())
    }
}
