//! When to try a delivery again: an attempt's answer classified ([`Reply::outcome`]), and
//! exponential backoff with a ceiling, a maximum of attempts and a jitter fixed by the
//! delivery's id ([`RetryPolicy`]), so two workers compute the same time.

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use crate::codes::code_enum;

code_enum! {
    /// What one attempt came to (`delivery_attempts.outcome`).
    pub enum AttemptOutcome: "attempt outcome" {
        /// The receiver took the message.
        Delivered = "delivered",
        /// A passing failure (unreachable, timed out, busy, 5xx, SMTP 4xx): try again.
        Retry = "retry",
        /// The receiver refused it for good (bad address, bad credentials, other 4xx,
        /// SMTP 5xx, a provider's own refusal): trying again cannot help.
        Permanent = "permanent",
    }
}

/// An attempt's answer as the transport saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// No connection (refused, reset, DNS, TLS).
    Unreachable,
    /// No answer in time.
    TimedOut,
    /// An HTTP status; `accepted` is the provider's own verdict on a 2xx body (`errcode == 0`,
    /// `Code == "OK"`): `Some(false)` is a refusal, `Some(true)` or `None` (no verdict in the
    /// body) takes the status alone.
    Http {
        /// The status code.
        status: u16,
        /// The provider's verdict in the body, when it gives one.
        accepted: Option<bool>,
        /// Whether the provider says its refusal is passing (rate limited, busy).
        transient: bool,
    },
    /// The SMTP server's final reply code.
    Smtp {
        /// e.g. 250, 451, 550.
        code: u16,
    },
    /// Nothing could be sent: the channel is not configured, the recipient has no address,
    /// or this server cannot send over the channel.
    NotSendable,
}

impl Reply {
    /// The outcome the answer means.
    pub fn outcome(self) -> AttemptOutcome {
        use AttemptOutcome::{Delivered, Permanent, Retry};
        match self {
            Reply::Unreachable | Reply::TimedOut => Retry,
            Reply::Http { status, accepted, transient } => match status {
                200..=299 => match accepted {
                    Some(false) if transient => Retry,
                    Some(false) => Permanent,
                    _ => Delivered,
                },
                408 | 425 | 429 | 500..=599 => Retry,
                _ => Permanent,
            },
            Reply::Smtp { code } => match code {
                200..=399 => Delivered,
                400..=499 => Retry,
                _ => Permanent,
            },
            Reply::NotSendable => Permanent,
        }
    }
}

/// Exponential backoff: the first retry after `base`, each next one twice as late up to
/// `ceiling`, give up after `max_attempts`; each delay is shortened by up to a fifth, by an
/// amount fixed by the delivery's id (so retries of many deliveries spread out, and any
/// worker computes the same time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The delay after the first failed attempt.
    pub base: TimeDelta,
    /// The longest delay.
    pub ceiling: TimeDelta,
    /// Attempts in all before a delivery is dead (at least 1).
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    /// 30 s doubling to 1 h, 12 attempts (about seven hours in all).
    fn default() -> Self {
        RetryPolicy { base: TimeDelta::seconds(30), ceiling: TimeDelta::hours(1), max_attempts: 12 }
    }
}

impl RetryPolicy {
    /// The delay after `attempts` failed attempts (1 for the first), before jitter.
    pub fn backoff(&self, attempts: u32) -> TimeDelta {
        let doublings = attempts.saturating_sub(1).min(30);
        let factor = 1i32 << doublings;
        self.base.checked_mul(factor).map_or(self.ceiling, |d| d.min(self.ceiling)).max(TimeDelta::zero())
    }

    /// The delay after `attempts` failed attempts of delivery `id`, jitter included: between
    /// four fifths of [`RetryPolicy::backoff`] and all of it.
    pub fn delay(&self, attempts: u32, id: Uuid) -> TimeDelta {
        let full = self.backoff(attempts);
        let bytes = id.as_bytes();
        let seed =
            u64::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]])
                ^ u64::from(attempts).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // 0..=1000 thousandths of a fifth of the delay.
        let permille = i64::try_from(seed % 1001).unwrap_or(0);
        let ms = full.num_milliseconds();
        full - TimeDelta::milliseconds(ms / 5 * permille / 1000)
    }

    /// When to try again after `attempts` attempts of delivery `id` that ended with
    /// `outcome` at `now`; `None` when it is delivered or dead (a permanent failure, or the
    /// last attempt spent).
    pub fn next_attempt(
        &self,
        outcome: AttemptOutcome,
        attempts: u32,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        match outcome {
            AttemptOutcome::Retry if attempts < self.max_attempts.max(1) => Some(now + self.delay(attempts, id)),
            _ => None,
        }
    }
}
