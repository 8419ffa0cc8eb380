//! A sheet's working time, split by who held it up, and the split added up per group.
//!
//! **Rule.** Everything is office time on the county's calendar (working days' office hours),
//! in whole minutes:
//! - *department handling*: from dispatch to the close (an open sheet: to `now`), less the
//!   clock stops; for a finished sheet this is exactly [`TaskSheet::time_used`]'s `used`;
//! - *enterprise 补正*: the clock stops in that span (overlaps once, an open stop until `now`);
//! - *waiting on prerequisites*: for a sheet whose item has prerequisites, from the case's
//!   start of service (the first dispatch of any of its sheets: when the plan began to run)
//!   to this sheet's dispatch; items without prerequisites start with the service and wait
//!   for nothing;
//! - *promised*: the item's promised limit from dispatch, plus the extension's office days,
//!   as [`TaskSheet::time_used`] counts it.
//!
//! `used = handling + correction + waiting` is the time the item took from the start of
//! service, to compare with `promised`.

use chrono::{DateTime, TimeDelta, Utc};

use crate::calendar::{Calendar, CalendarError, Pause};
use crate::case::sheet::{SheetState, TaskSheet};

/// One sheet's office minutes, split.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimeSplit {
    /// The department held it with the clock running.
    pub handling: i64,
    /// The clock stood still for the enterprise's 补正.
    pub correction: i64,
    /// It waited on its prerequisites before it was dispatched.
    pub waiting: i64,
    /// What it was promised.
    pub promised: i64,
}

impl TimeSplit {
    /// Handling, 补正 and waiting together.
    pub fn used(&self) -> i64 {
        self.handling + self.correction + self.waiting
    }
}

/// The split of a sheet's own clock: dispatch to `end`, with `pauses`, and the wait from
/// `service_start` (only when the item had prerequisites) to dispatch.
pub fn split_span(
    calendar: &Calendar,
    dispatched_at: DateTime<Utc>,
    end: DateTime<Utc>,
    pauses: &[Pause],
    waiting_since: Option<DateTime<Utc>>,
) -> (i64, i64, i64) {
    let end = end.max(dispatched_at);
    // Pauses count only up to `end` (an open one runs until then).
    let ran = calendar.office_time_between(dispatched_at, end);
    let paused = calendar.paused_office_time(dispatched_at, &clip(pauses, end), end).min(ran).max(TimeDelta::zero());
    let waiting = waiting_since
        .filter(|since| *since < dispatched_at)
        .map_or(TimeDelta::zero(), |since| calendar.office_time_between(since, dispatched_at));
    ((ran - paused).num_minutes(), paused.num_minutes(), waiting.num_minutes())
}

fn clip(pauses: &[Pause], end: DateTime<Utc>) -> Vec<Pause> {
    pauses
        .iter()
        .filter(|p| p.start < end)
        .map(|p| Pause { start: p.start, end: Some(p.end.map_or(end, |e| e.min(end))) })
        .collect()
}

/// A sheet's split at `now`: a finished sheet up to its close, an open one up to `now`.
/// `service_start` is the case's start of service; it counts as waiting only when
/// `has_prerequisites`. `None` for a cancelled or sent-back sheet (nobody was asked to finish it).
pub fn split_sheet(
    sheet: &TaskSheet,
    has_prerequisites: bool,
    service_start: Option<DateTime<Utc>>,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Result<Option<TimeSplit>, CalendarError> {
    let end = match sheet.state {
        SheetState::Finished => match sheet.closed_at {
            Some(at) => at,
            None => return Ok(None),
        },
        SheetState::Dispatched | SheetState::Acknowledged | SheetState::Paused => now,
        SheetState::SentBack | SheetState::Cancelled => return Ok(None),
    };
    let pauses: Vec<Pause> = sheet.stops.iter().map(|s| s.pause).collect();
    let (handling, correction, waiting) =
        split_span(calendar, sheet.dispatched_at, end, &pauses, service_start.filter(|_| has_prerequisites));
    let base = sheet.rules.promised.deadline(sheet.dispatched_at, calendar)?;
    let extra_days = sheet.extension.as_ref().map_or(0, |e| e.working_days);
    let promised = calendar.office_time_between(sheet.dispatched_at, base)
        + calendar.timetable().standard.per_day() * i32::try_from(extra_days).unwrap_or(i32::MAX);
    Ok(Some(TimeSplit { handling, correction, waiting, promised: promised.num_minutes() }))
}

/// Splits added up over a group of sheets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SplitTotals {
    /// Sheets counted.
    pub sheets: i64,
    /// Of those, finished.
    pub finished: i64,
    /// Their splits, summed.
    pub sum: TimeSplit,
}

impl SplitTotals {
    /// Counts one sheet.
    pub fn add(&mut self, split: &TimeSplit, finished: bool) {
        self.sheets += 1;
        self.finished += i64::from(finished);
        self.sum.handling += split.handling;
        self.sum.correction += split.correction;
        self.sum.waiting += split.waiting;
        self.sum.promised += split.promised;
    }

    /// Average office minutes used per sheet (0 for no sheet).
    pub fn average_used(&self) -> i64 {
        if self.sheets == 0 { 0 } else { self.sum.used() / self.sheets }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;
    use crate::calendar::TIME_ZONE;
    use crate::case::sheet::{ClockStop, ItemRules};
    use crate::time_limit::TimeLimit;

    fn at(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        TIME_ZONE.with_ymd_and_hms(2026, m, d, h, min, 0).single().unwrap().with_timezone(&Utc)
    }

    fn sheet(
        dispatched: DateTime<Utc>,
        state: SheetState,
        closed: Option<DateTime<Utc>>,
        stops: &[Pause],
    ) -> TaskSheet {
        TaskSheet {
            department_id: uuid::Uuid::nil(),
            state,
            rules: ItemRules {
                promised: TimeLimit::WorkingDays(5),
                max_extension_working_days: None,
                allows_commitment: false,
                acknowledge_within_minutes: 30,
            },
            dispatched_at: dispatched,
            assignee_id: None,
            acknowledged_at: Some(dispatched),
            stops: stops.iter().map(|p| ClockStop { pause: *p, reason: "补正".into() }).collect(),
            extension: None,
            missing_materials: Vec::new(),
            decision: None,
            approved_on_commitment: false,
            closed_at: closed,
        }
    }

    #[test]
    fn a_finished_sheet_splits_into_handling_correction_and_waiting() {
        let cal = Calendar::china().unwrap();
        // Mon 2026-03-09 09:00 dispatched, 补正 from Tue 09:00 to Wed 09:00 (one office day,
        // 390 minutes), finished Thu 12:00: 3 days + 3 hours ran = 3 × 390 + 180 = 1350,
        // of which 390 paused.
        let s = sheet(
            at(3, 9, 9, 0),
            SheetState::Finished,
            Some(at(3, 12, 12, 0)),
            &[Pause::closed(at(3, 10, 9, 0), at(3, 11, 9, 0))],
        );
        // The service started the Friday before at 09:00: one office day of waiting.
        let split = split_sheet(&s, true, Some(at(3, 6, 9, 0)), &cal, at(3, 20, 9, 0)).unwrap().unwrap();
        assert_eq!((split.handling, split.correction, split.waiting), (960, 390, 390));
        // 5 working days from Monday 09:00: to the next Monday's closing.
        assert_eq!(split.promised, cal.office_minutes_between(at(3, 9, 9, 0), at(3, 16, 18, 0)));
        assert_eq!(split.handling, i64::from(s.time_used(&cal).unwrap().unwrap().used_minutes()));
        // Without prerequisites it waited for nothing.
        let alone = split_sheet(&s, false, Some(at(3, 6, 9, 0)), &cal, at(3, 20, 9, 0)).unwrap().unwrap();
        assert_eq!(alone.waiting, 0);
    }

    #[test]
    fn an_open_sheet_counts_until_now_and_a_cancelled_one_not_at_all() {
        let cal = Calendar::china().unwrap();
        let open = sheet(at(3, 9, 9, 0), SheetState::Paused, None, &[Pause::open(at(3, 9, 14, 30))]);
        let split = split_sheet(&open, false, None, &cal, at(3, 10, 9, 0)).unwrap().unwrap();
        // 3 hours handled before the stop, then Monday afternoon (210 minutes) stopped.
        assert_eq!((split.handling, split.correction, split.waiting), (180, 210, 0));
        let cancelled = sheet(at(3, 9, 9, 0), SheetState::Cancelled, Some(at(3, 10, 9, 0)), &[]);
        assert_eq!(split_sheet(&cancelled, false, None, &cal, at(3, 10, 9, 0)).unwrap(), None);
    }

    #[test]
    fn totals_add_up() {
        let mut t = SplitTotals::default();
        t.add(&TimeSplit { handling: 100, correction: 50, waiting: 0, promised: 390 }, true);
        t.add(&TimeSplit { handling: 300, correction: 0, waiting: 150, promised: 390 }, false);
        assert_eq!((t.sheets, t.finished), (2, 1));
        assert_eq!(t.sum.used(), 600);
        assert_eq!(t.average_used(), 300);
    }

    proptest! {
        /// The three parts never go negative, and handling plus 补正 is exactly the office
        /// time from dispatch to the end, however the pauses lie.
        #[test]
        fn handling_and_correction_cover_the_sheet_clock(
            start_h in 0i64..400,
            len_h in 0i64..400,
            pauses in proptest::collection::vec((0i64..500, 0i64..100, any::<bool>()), 0..4),
            wait_h in 0i64..200,
        ) {
            let cal = Calendar::china().unwrap();
            let base = at(3, 2, 0, 0);
            let dispatched = base + TimeDelta::hours(start_h);
            let end = dispatched + TimeDelta::hours(len_h);
            let pauses: Vec<Pause> = pauses
                .into_iter()
                .map(|(s, l, open)| {
                    let s = base + TimeDelta::hours(s);
                    if open { Pause::open(s) } else { Pause::closed(s, s + TimeDelta::hours(l)) }
                })
                .collect();
            let since = dispatched - TimeDelta::hours(wait_h);
            let (handling, correction, waiting) = split_span(&cal, dispatched, end, &pauses, Some(since));
            prop_assert!(handling >= 0 && correction >= 0 && waiting >= 0);
            prop_assert_eq!(handling + correction, cal.office_minutes_between(dispatched, end));
            prop_assert_eq!(waiting, cal.office_minutes_between(since, dispatched));
        }
    }
}
