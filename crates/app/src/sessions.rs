//! Whether a signed-in user's access tokens are still honoured. A token is checked against the
//! account on every request: a closed account, one whose sessions were ended (closed, or a
//! new password set) after the token was issued, or one of a suspended county, is refused at
//! once instead of when the token expires (等保 2.0: access ends with the account).
//!
//! An account that holds an initial password is admitted only to replace it (等保 2.0: a
//! password someone else chose is changed by its holder before anything else): see
//! [`Admission::PasswordChangeRequired`].
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

/// What a signed-in user's access token opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Everything the caller's role allows.
    Honoured,
    /// Only reading the own account and changing the own password: the account holds an
    /// initial password.
    PasswordChangeRequired,
    /// Nothing: the account is closed or gone, its sessions ended after the token, or its
    /// county is suspended.
    Refused,
}

/// What a token issued at `issued_at` opens for an account of this standing whose county (or
/// the platform) is `in_service`.
pub fn admission(standing: Option<Standing>, in_service: bool, issued_at: i64) -> Admission {
    match standing {
        _ if !honours(standing, in_service, issued_at) => Admission::Refused,
        Some(s) if s.must_change_password => Admission::PasswordChangeRequired,
        _ => Admission::Honoured,
    }
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

    /// What `user_id`'s token issued at `issued_at` opens.
    pub async fn admits(&self, db: &DatabaseConnection, user_id: Uuid, issued_at: i64) -> Result<Admission, AppError> {
        if let Some((standing, in_service)) = self.cached(user_id) {
            return Ok(admission(standing, in_service, issued_at));
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
        Ok(admission(standing, in_service, issued_at))
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
        Some(Standing {
            active,
            sessions_valid_from: valid_from.map(|s| Utc.timestamp_opt(s, 0).unwrap()),
            must_change_password: false,
        })
    }

    fn initial(valid_from: Option<i64>) -> Option<Standing> {
        standing(true, valid_from).map(|s| Standing { must_change_password: true, ..s })
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

    #[test]
    fn an_initial_password_opens_only_its_change_and_never_outlives_the_session() {
        assert_eq!(admission(standing(true, None), true, 1_000), Admission::Honoured);
        assert_eq!(admission(initial(None), true, 1_000), Admission::PasswordChangeRequired);
        assert_eq!(admission(initial(Some(1_001)), true, 1_000), Admission::Refused);
        assert_eq!(admission(initial(None), false, 1_000), Admission::Refused, "a suspended county");
        let closed = initial(None).map(|s| Standing { active: false, ..s });
        assert_eq!(admission(closed, true, 1_000), Admission::Refused);
        assert_eq!(admission(None, true, 1_000), Admission::Refused);
    }
}
