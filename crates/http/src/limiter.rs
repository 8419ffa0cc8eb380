//! A sliding-window rate limiter, keyed by client address (sign-in attempts) or by API client
//! (each with its own limit). It counts in this process: with several servers, each allows a
//! client its limit.

use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

pub struct RateLimiter {
    limit: u32,
    window: Duration,
    hits: Mutex<HashMap<String, VecDeque<DateTime<Utc>>>>,
}

impl RateLimiter {
    pub fn new(limit: u32, window: Duration) -> Self {
        RateLimiter { limit, window, hits: Mutex::new(HashMap::new()) }
    }

    /// Counts one attempt for `key` at `now`. `Err(seconds)` tells how long until the
    /// next attempt would be allowed; a refused attempt is not counted.
    pub fn check(&self, key: &str, now: DateTime<Utc>) -> Result<(), u64> {
        self.check_limit(key, self.limit, now)
    }

    /// [`RateLimiter::check`] with a limit of the key's own (an API client's per minute).
    pub fn check_limit(&self, key: &str, limit: u32, now: DateTime<Utc>) -> Result<(), u64> {
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        if hits.len() > 10_000 {
            // Forget idle keys so the map cannot grow without bound.
            let window = self.window;
            hits.retain(|_, q| q.back().is_some_and(|t| now - *t < window));
        }
        let queue = hits.entry(key.to_owned()).or_default();
        while queue.front().is_some_and(|t| now - *t >= self.window) {
            queue.pop_front();
        }
        if queue.len() as u32 >= limit {
            let oldest = queue.front().copied().unwrap_or(now);
            let wait = (oldest + self.window - now).num_seconds().max(1);
            return Err(wait as u64);
        }
        queue.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn allows_the_limit_then_refuses_until_the_window_passes() {
        let limiter = RateLimiter::new(3, Duration::minutes(1));
        let t0 = Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap();
        for i in 0..3 {
            assert_eq!(limiter.check("1.2.3.4", t0 + Duration::seconds(i)), Ok(()));
        }
        assert_eq!(limiter.check("1.2.3.4", t0 + Duration::seconds(10)), Err(50));
        assert_eq!(limiter.check("5.6.7.8", t0 + Duration::seconds(10)), Ok(()));
        assert_eq!(limiter.check("1.2.3.4", t0 + Duration::seconds(60)), Ok(()));
    }

    #[test]
    fn each_key_may_have_its_own_limit() {
        let limiter = RateLimiter::new(600, Duration::minutes(1));
        let t0 = Utc.with_ymd_and_hms(2026, 12, 5, 8, 0, 0).unwrap();
        assert_eq!(limiter.check_limit("client-a", 2, t0), Ok(()));
        assert_eq!(limiter.check_limit("client-a", 2, t0 + Duration::seconds(1)), Ok(()));
        assert_eq!(limiter.check_limit("client-a", 2, t0 + Duration::seconds(30)), Err(30));
        assert_eq!(limiter.check_limit("client-b", 5, t0 + Duration::seconds(30)), Ok(()));
        assert_eq!(limiter.check_limit("client-a", 2, t0 + Duration::seconds(60)), Ok(()));
    }
}
