//! Whether a signed-in user's access tokens are still honoured. A token is checked against the
//! account on every request: a closed account, one whose sessions were ended (closed, or a
//! new password set) after the token was issued, or one of a suspended county, is refused at
//! once instead of when the token expires (等保 2.0: access ends with the account).
//!
//! The account's standing (with its county's) is read once per user per [`SessionGate::TTL`]
//! and kept in memory; a change made through this server forgets it at once, one made through
//! another server of the same database is seen within the TTL.

use butler_domain::settings::CountyStatus;
use butler_persistence::DatabaseConnection;
use butler_persistence::repo::counties;
use butler_persistence::repo::users::{self, Standing};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use uuid::Uuid;

use crate::error::AppError;

/// Whether a token issued at `issued_at` (seconds since the epoch, as the token says) is
/// honoured for an account of this standing (`None`: no such account) whose county (or the
/// platform) is `in_service`.
pub fn honours(standing: Option<Standing>, in_service: bool, issued_at: i64) -> bool {
    in_service
        && standing.is_some_and(|s| s.active && s.sessions_valid_from.is_none_or(|from| issued_at >= from.timestamp()))
}

/// What is cached of a user: the account's standing, and whether its tenant is in service.
type Entry = (Instant, Option<Standing>, bool);

/// The accounts' standing, cached per user.
#[derive(Default)]
pub struct SessionGate {
    entries: Mutex<HashMap<Uuid, Entry>>,
}

impl SessionGate {
    /// How long a standing read from the database is trusted.
    pub const TTL: Duration = Duration::from_secs(10);
    /// Past this many cached users, stale entries are swept on the next read.
    const SWEEP_ABOVE: usize = 10_000;

    /// Whether `user_id`'s token issued at `issued_at` is still honoured.
    pub async fn admits(&self, db: &DatabaseConnection, user_id: Uuid, issued_at: i64) -> Result<bool, AppError> {
        if let Some((standing, in_service)) = self.cached(user_id) {
            return Ok(honours(standing, in_service, issued_at));
        }
        let standing = users::standing(db, user_id).await?;
        let in_service = match standing {
            Some(_) => counties::status_of_user(db, user_id).await? == Some(CountyStatus::Active),
            None => false,
        };
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() > Self::SWEEP_ABOVE {
            entries.retain(|_, (read, _, _)| read.elapsed() < Self::TTL);
        }
        entries.insert(user_id, (Instant::now(), standing, in_service));
        Ok(honours(standing, in_service, issued_at))
    }

    /// Forgets what is known of `user_id`: the next request reads the account again.
    pub fn forget(&self, user_id: Uuid) {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).remove(&user_id);
    }

    /// Forgets every user (a county suspended or reinstated): the next requests read again.
    pub fn forget_all(&self) {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    fn cached(&self, user_id: Uuid) -> Option<(Option<Standing>, bool)> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(&user_id)
            .filter(|(read, _, _)| read.elapsed() < Self::TTL)
            .map(|(_, standing, in_service)| (*standing, *in_service))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn standing(active: bool, valid_from: Option<i64>) -> Option<Standing> {
        Some(Standing { active, sessions_valid_from: valid_from.map(|s| Utc.timestamp_opt(s, 0).unwrap()) })
    }

    #[test]
    fn tokens_of_open_accounts_are_honoured_unless_issued_before_their_sessions_ended() {
        assert!(honours(standing(true, None), true, 1_000));
        assert!(honours(standing(true, Some(1_000)), true, 1_000), "issued in the second the sessions ended");
        assert!(honours(standing(true, Some(1_000)), true, 1_001));
        assert!(!honours(standing(true, Some(1_000)), true, 999));
    }

    #[test]
    fn no_token_of_a_suspended_county_is_honoured() {
        assert!(!honours(standing(true, None), false, 1_000));
        assert!(!honours(standing(true, Some(10)), false, 1_000));
    }

    #[test]
    fn closed_or_missing_accounts_honour_no_token() {
        assert!(!honours(standing(false, None), true, 1_000));
        assert!(!honours(standing(false, Some(10)), true, 1_000));
        assert!(!honours(None, true, 1_000));
    }
}
