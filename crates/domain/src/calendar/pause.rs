//! Clock stops (补正, hearings, expert reviews the law does not count) and how they move a
//! deadline.
//!
//! **Rule.** A deadline is a budget of office time that starts running at the clock's start.
//! Paused office time does not use the budget, so the deadline is the first instant at which
//! the *unpaused* office time since the start reaches the budget. Equivalently: starting from
//! the unpaused deadline, each pause (clipped to the clock's start, overlaps merged, an open
//! pause running until `now`) that begins before the deadline reached so far pushes it on by
//! the pause's office time. A pause that begins at or after that deadline (the sheet was
//! already late) moves nothing.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{Calendar, CalendarError};

/// One clock stop: from `start` until `end`, or still running when `end` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    /// When the clock stopped.
    pub start: DateTime<Utc>,
    /// When it ran again; `None` while stopped.
    pub end: Option<DateTime<Utc>>,
}

impl Pause {
    /// A finished pause.
    pub fn closed(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        Self { start, end: Some(end) }
    }

    /// A pause still running.
    pub fn open(start: DateTime<Utc>) -> Self {
        Self { start, end: None }
    }

    /// Whether the clock is still stopped.
    pub fn is_open(&self) -> bool {
        self.end.is_none()
    }
}

impl Calendar {
    /// The deadline `base` (computed without pauses for a clock started at `clock_start`)
    /// pushed on by `pauses`, per the module's rule. Open pauses count until `now`, so while
    /// the clock is stopped the result keeps moving with `now`.
    pub fn shift_deadline(
        &self,
        clock_start: DateTime<Utc>,
        base: DateTime<Utc>,
        pauses: &[Pause],
        now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, CalendarError> {
        let mut deadline = base;
        for (start, end) in merged(clock_start, pauses, now) {
            if start >= deadline {
                break;
            }
            deadline = self.add_office_time(deadline, self.office_time_between(start, end))?;
        }
        Ok(deadline)
    }

    /// Office time spent paused after `clock_start` (open pauses until `now`, overlaps counted
    /// once), whether or not it moved a deadline.
    pub fn paused_office_time(&self, clock_start: DateTime<Utc>, pauses: &[Pause], now: DateTime<Utc>) -> TimeDelta {
        merged(clock_start, pauses, now).into_iter().map(|(start, end)| self.office_time_between(start, end)).sum()
    }
}

/// The pauses as ordered, disjoint, non-empty intervals after `clock_start`.
fn merged(clock_start: DateTime<Utc>, pauses: &[Pause], now: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut spans: Vec<_> = pauses
        .iter()
        .map(|p| (p.start.max(clock_start), p.end.unwrap_or(now)))
        .filter(|(start, end)| start < end)
        .collect();
    spans.sort();
    let mut merged: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}
