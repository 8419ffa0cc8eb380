//! The working-day calendar of one tenant (工作日历).
//!
//! A date is a **working day** iff, in this order of precedence:
//! 1. the tenant lists it locally ([`LocalDay`]): as a working day or a day off;
//! 2. the national schedule lists it ([`NationalSchedule`]): `isOffDay = false` makes it a
//!    working day (调休), `isOffDay = true` a day off;
//! 3. otherwise it is a working day iff it falls Monday–Friday.
//!
//! A date that neither the tenant nor a notice lists is thus a plain week day or weekend day.
//! Years whose national notice is not loaded (see [`Calendar::covered_years`]) are
//! plain weeks apart from local days and the few neighbouring-year dates a loaded file lists.
//!
//! Instants are `DateTime<Utc>`; days and office hours are read in [`TIME_ZONE`]
//! (Asia/Shanghai). Office hours are closed intervals: their opening and closing instants both
//! count as inside.
//!
//! # Deadline conventions
//! - **Working days** ([`Calendar::add_working_days`]): "within *n* working days" of an instant
//!   ends at the close of office hours of the *n*-th working day after that instant's local
//!   day (the day itself is not counted, 次日起算). For *n* = 0 it ends at the close of the
//!   first working day, from the instant's local day on, whose close is not before the instant.
//! - **Counting back** ([`Calendar::working_days_between`]) counts the working days after the
//!   first instant's local day up to and including the second's, so for *n* ≥ 1
//!   `working_days_between(t, add_working_days(t, n)) == n`.
//! - **Office minutes** ([`Calendar::add_office_minutes`]) count only time inside office hours
//!   of working days; the result always lies within office hours.
//! - **Pauses** ([`Calendar::shift_deadline`]): the office time spent paused before the
//!   deadline is added back to it, so a pause spanning *k* whole working days moves a deadline
//!   by exactly *k* working days.
//!
//! Date arithmetic is supported from 1900-01-01 to 9999-12-31; leaving that range is
//! [`CalendarError::OutOfRange`].

pub mod local_sheet;
mod national;
pub mod notice;
mod pause;
#[cfg(test)]
mod tests;
mod timetable;

pub use national::{HolidayDataError, NationalDay, NationalSchedule};
pub use pause::Pause;
pub use timetable::{MonthDay, NotAMonthDay, OfficeTimetable, SeasonalHours};

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::LocalResult;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The time zone of every tenant: 北京时间.
pub const TIME_ZONE: Tz = chrono_tz::Asia::Shanghai;

const FIRST_SUPPORTED_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
const LAST_SUPPORTED_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// A calendar could not be built or a computation left its range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// Office hours need at least one interval.
    #[error("office hours need at least one interval")]
    NoOfficeHours,
    /// An interval must end after it starts.
    #[error("office interval {start}–{end} does not end after it starts")]
    EmptyInterval {
        /// Opening time of the interval.
        start: NaiveTime,
        /// Closing time of the interval.
        end: NaiveTime,
    },
    /// Intervals must be in order and must not overlap.
    #[error("office interval starting at {start} overlaps or precedes the one before it")]
    UnorderedIntervals {
        /// Opening time of the offending interval.
        start: NaiveTime,
    },
    /// A tenant listed the same date twice.
    #[error("{date} is listed twice in the local calendar")]
    DuplicateLocalDay {
        /// The repeated date.
        date: NaiveDate,
    },
    /// The computation would leave 1900-01-01..=9999-12-31.
    #[error("date arithmetic left the supported range (1900-01-01 to 9999-12-31)")]
    OutOfRange,
    /// The embedded or supplied national data could not be read.
    #[error(transparent)]
    HolidayData(#[from] HolidayDataError),
}

/// One interval of office hours, local time, e.g. 09:00–12:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeInterval {
    /// Opening time (inclusive).
    pub start: NaiveTime,
    /// Closing time (inclusive), after `start`.
    pub end: NaiveTime,
}

impl OfficeInterval {
    const fn hm(start: (u32, u32), end: (u32, u32)) -> Self {
        Self { start: time(start.0, start.1), end: time(end.0, end.1) }
    }
}

const fn time(hour: u32, minute: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(hour, minute, 0) {
        Some(t) => t,
        None => NaiveTime::MIN,
    }
}

/// The daily office hours of a tenant: ordered, non-overlapping intervals.
/// The default is 09:00–12:00 and 14:30–18:00 (390 minutes a day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<OfficeInterval>", into = "Vec<OfficeInterval>")]
pub struct OfficeHours {
    intervals: Vec<OfficeInterval>,
}

impl OfficeHours {
    /// Validates a list of intervals: non-empty, each ending after it starts, in order,
    /// none overlapping the previous one (touching is allowed).
    pub fn new(intervals: Vec<OfficeInterval>) -> Result<Self, CalendarError> {
        if intervals.is_empty() {
            return Err(CalendarError::NoOfficeHours);
        }
        for (i, interval) in intervals.iter().enumerate() {
            if interval.end <= interval.start {
                return Err(CalendarError::EmptyInterval { start: interval.start, end: interval.end });
            }
            if i > 0 && intervals[i - 1].end > interval.start {
                return Err(CalendarError::UnorderedIntervals { start: interval.start });
            }
        }
        Ok(Self { intervals })
    }

    /// The intervals, in order.
    pub fn intervals(&self) -> &[OfficeInterval] {
        &self.intervals
    }

    /// Office time in one working day.
    pub fn per_day(&self) -> TimeDelta {
        self.intervals.iter().map(|i| i.end - i.start).sum()
    }

    /// Local time the office closes (end of the last interval).
    pub fn closing(&self) -> NaiveTime {
        self.intervals.last().map_or(NaiveTime::MIN, |i| i.end)
    }
}

impl Default for OfficeHours {
    fn default() -> Self {
        Self { intervals: vec![OfficeInterval::hm((9, 0), (12, 0)), OfficeInterval::hm((14, 30), (18, 0))] }
    }
}

impl TryFrom<Vec<OfficeInterval>> for OfficeHours {
    type Error = CalendarError;

    fn try_from(intervals: Vec<OfficeInterval>) -> Result<Self, Self::Error> {
        Self::new(intervals)
    }
}

impl From<OfficeHours> for Vec<OfficeInterval> {
    fn from(hours: OfficeHours) -> Self {
        hours.intervals
    }
}

/// Whether a locally listed date is worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocalDayKind {
    /// An extra day off (e.g. a local festival).
    OffDay,
    /// An extra working day.
    WorkingDay,
}

/// A tenant's own change to the national schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalDay {
    /// The date changed.
    pub date: NaiveDate,
    /// Why, e.g. `火把节`.
    pub name: String,
    /// Off or working.
    pub kind: LocalDayKind,
}

/// Why a date is or is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayStatus<'a> {
    /// Monday–Friday, not listed anywhere.
    Weekday,
    /// Saturday or Sunday, not listed anywhere.
    Weekend,
    /// A national holiday; carries its name.
    NationalOffDay(&'a str),
    /// A national adjusted working day (调休); carries the festival's name.
    NationalWorkingDay(&'a str),
    /// A local day off; carries its name.
    LocalOffDay(&'a str),
    /// A local working day; carries its name.
    LocalWorkingDay(&'a str),
}

impl DayStatus<'_> {
    /// Whether the day is worked.
    pub fn is_working(self) -> bool {
        matches!(self, DayStatus::Weekday | DayStatus::NationalWorkingDay(_) | DayStatus::LocalWorkingDay(_))
    }
}

/// A tenant's working-day calendar: national schedule, local days and office hours through
/// the year (a timetable: every office-time computation uses the hours of the day in
/// question).
#[derive(Debug, Clone)]
pub struct Calendar {
    national: Arc<NationalSchedule>,
    local: BTreeMap<NaiveDate, LocalDay>,
    timetable: OfficeTimetable,
}

impl Calendar {
    /// A calendar over `national` with the given office hours (one set all year, or a
    /// timetable) and no local days.
    pub fn new(national: Arc<NationalSchedule>, office_hours: impl Into<OfficeTimetable>) -> Self {
        Self { national, local: BTreeMap::new(), timetable: office_hours.into() }
    }

    /// The same calendar keeping `timetable` (a county's settings).
    pub fn with_timetable(mut self, timetable: OfficeTimetable) -> Self {
        self.timetable = timetable;
        self
    }

    /// The embedded national schedule with the default office hours.
    pub fn china() -> Result<Self, CalendarError> {
        Ok(Self::new(NationalSchedule::embedded()?, OfficeTimetable::default()))
    }

    /// Adds the tenant's local days; a date may be listed once.
    pub fn with_local_days(mut self, days: impl IntoIterator<Item = LocalDay>) -> Result<Self, CalendarError> {
        for day in days {
            if self.local.contains_key(&day.date) {
                return Err(CalendarError::DuplicateLocalDay { date: day.date });
            }
            self.local.insert(day.date, day);
        }
        Ok(self)
    }

    /// The office hours through the year.
    pub fn timetable(&self) -> &OfficeTimetable {
        &self.timetable
    }

    /// The office hours kept on `date` (whether or not it is a working day).
    pub fn hours_on(&self, date: NaiveDate) -> &OfficeHours {
        self.timetable.hours_on(date)
    }

    /// Office time of one working day on `date`'s hours.
    pub fn day_length(&self, date: NaiveDate) -> TimeDelta {
        self.hours_on(date).per_day()
    }

    /// The national schedule in use.
    pub fn national(&self) -> &NationalSchedule {
        &self.national
    }

    /// The local days, in date order.
    pub fn local_days(&self) -> impl Iterator<Item = &LocalDay> {
        self.local.values()
    }

    /// The years whose national notice is loaded; see [`NationalSchedule::covers`].
    pub fn covered_years(&self) -> Vec<i32> {
        self.national.covered_years().collect()
    }

    /// Whether `date`'s year has its national notice loaded.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.national.covers(date)
    }

    /// Why `date` is or is not a working day.
    pub fn day_status(&self, date: NaiveDate) -> DayStatus<'_> {
        if let Some(local) = self.local.get(&date) {
            return match local.kind {
                LocalDayKind::OffDay => DayStatus::LocalOffDay(&local.name),
                LocalDayKind::WorkingDay => DayStatus::LocalWorkingDay(&local.name),
            };
        }
        match self.national.get(date) {
            Some(day) if day.is_off_day => DayStatus::NationalOffDay(&day.name),
            Some(day) => DayStatus::NationalWorkingDay(&day.name),
            None if is_weekday(date) => DayStatus::Weekday,
            None => DayStatus::Weekend,
        }
    }

    /// Whether `date` is a working day (see the module documentation for the rule).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.day_status(date).is_working()
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let mut day = step(date, 1)?;
        while !self.is_working_day(day) {
            day = step(day, 1)?;
        }
        Ok(day)
    }

    /// `date` if it is a working day, else the next one.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        if self.is_working_day(date) { Ok(date) } else { self.next_working_day(date) }
    }

    /// The last working day strictly before `date`.
    pub fn previous_working_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let mut day = step(date, -1)?;
        while !self.is_working_day(day) {
            day = step(day, -1)?;
        }
        Ok(day)
    }

    /// The local (Asia/Shanghai) date of an instant.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&TIME_ZONE).date_naive()
    }

    /// The instant `date` at local `time`. A local time that does not exist (the summer-time
    /// gaps of 1986–1991) is read as UTC+8.
    pub fn instant(&self, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let local = date.and_time(time);
        match TIME_ZONE.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
            LocalResult::None => (local - TimeDelta::hours(8)).and_utc(),
        }
    }

    /// The instant the office closes on `date` (whether or not it is a working day).
    pub fn closing(&self, date: NaiveDate) -> DateTime<Utc> {
        self.instant(date, self.hours_on(date).closing())
    }

    /// The deadline "within `n` working days" of `start` (module documentation, *Deadline
    /// conventions*): the office closing of a working day, never before `start`.
    pub fn add_working_days(&self, start: DateTime<Utc>, n: u32) -> Result<DateTime<Utc>, CalendarError> {
        let mut day = self.local_date(start);
        if n == 0 {
            day = self.working_day_on_or_after(day)?;
            if self.closing(day) < start {
                day = self.next_working_day(day)?;
            }
            return Ok(self.closing(day));
        }
        for _ in 0..n {
            day = self.next_working_day(day)?;
        }
        Ok(self.closing(day))
    }

    /// The number of working days after `a`'s local day up to and including `b`'s; negative
    /// (the same count, negated) when `b`'s day is before `a`'s.
    pub fn working_days_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> i64 {
        let (da, db) = (self.local_date(a), self.local_date(b));
        if da <= db { self.count_working_days(da, db) } else { -self.count_working_days(db, da) }
    }

    /// Working days `d` with `after < d <= through` (0 when `through <= after`).
    pub fn count_working_days(&self, after: NaiveDate, through: NaiveDate) -> i64 {
        let Some(first) = after.succ_opt().filter(|first| *first <= through) else {
            return 0;
        };
        let mut count = weekdays_through(through) - weekdays_through(after);
        let listed: BTreeSet<NaiveDate> = self
            .national
            .listed(first..=through)
            .map(|(d, _)| d)
            .chain(self.local.range(first..=through).map(|(d, _)| *d))
            .collect();
        for date in listed {
            count += i64::from(self.is_working_day(date)) - i64::from(is_weekday(date));
        }
        count
    }

    /// Whether `at` is inside office hours (bounds included) of a working day.
    pub fn is_office_time(&self, at: DateTime<Utc>) -> bool {
        self.office_spans(self.local_date(at)).any(|(open, close)| open <= at && at <= close)
    }

    /// `start` moved by `minutes` of office time (for the 30-minute acknowledgement). The
    /// result is inside office hours; 0 minutes from outside office hours gives the next
    /// opening, and time used up exactly at a closing gives that closing.
    pub fn add_office_minutes(&self, start: DateTime<Utc>, minutes: u32) -> Result<DateTime<Utc>, CalendarError> {
        self.add_office_time(start, TimeDelta::minutes(i64::from(minutes)))
    }

    /// `start` moved by `delta` of office time, forwards or (negative `delta`) backwards.
    /// The result is inside office hours; going backwards, time used up exactly at an opening
    /// gives that opening.
    pub fn add_office_time(&self, start: DateTime<Utc>, delta: TimeDelta) -> Result<DateTime<Utc>, CalendarError> {
        if delta < TimeDelta::zero() {
            return self.subtract_office_time(start, -delta);
        }
        let mut remaining = delta;
        let mut day = self.local_date(start);
        loop {
            for (open, close) in self.office_spans(day) {
                if close < start {
                    continue;
                }
                let from = open.max(start);
                let available = close - from;
                if remaining <= available {
                    return Ok(from + remaining);
                }
                remaining -= available;
            }
            day = step(day, 1)?;
        }
    }

    fn subtract_office_time(
        &self,
        start: DateTime<Utc>,
        mut remaining: TimeDelta,
    ) -> Result<DateTime<Utc>, CalendarError> {
        let mut day = self.local_date(start);
        loop {
            let spans: Vec<_> = self.office_spans(day).collect();
            for (open, close) in spans.into_iter().rev() {
                if open > start {
                    continue;
                }
                let to = close.min(start);
                let available = to - open;
                if remaining <= available {
                    return Ok(to - remaining);
                }
                remaining -= available;
            }
            day = step(day, -1)?;
        }
    }

    /// Office time from `a` to `b`; negative when `b` is before `a`.
    pub fn office_time_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> TimeDelta {
        if b < a {
            return -self.office_time_between(b, a);
        }
        let (da, db) = (self.local_date(a), self.local_date(b));
        let head = self.overlap(da, a, b);
        if da == db {
            return head;
        }
        head + self.whole_days_between(da, db) + self.overlap(db, a, b)
    }

    /// Office time of the working days strictly between `da` and `db` (`da < db`): whole days
    /// of one season counted at once, each season at its own length.
    fn whole_days_between(&self, da: NaiveDate, db: NaiveDate) -> TimeDelta {
        let Some(first) = da.succ_opt() else { return TimeDelta::zero() };
        let Some(last) = db.pred_opt() else { return TimeDelta::zero() };
        if self.timetable.seasonal.is_none() {
            let days = self.count_working_days(da, last);
            return self.timetable.standard.per_day() * i32::try_from(days).unwrap_or(i32::MAX);
        }
        let mut total = TimeDelta::zero();
        let mut start = first;
        while start <= last {
            // The run of days from `start` that keep the same hours, up to `last`.
            let hours = self.hours_on(start);
            let mut end = start;
            while end < last {
                let Some(next) = end.succ_opt() else { break };
                if self.hours_on(next) != hours {
                    break;
                }
                end = next;
            }
            let before = start.pred_opt().unwrap_or(start);
            let days = self.count_working_days(before, end);
            total += hours.per_day() * i32::try_from(days).unwrap_or(i32::MAX);
            match end.succ_opt() {
                Some(next) => start = next,
                None => break,
            }
        }
        total
    }

    /// `at` moved by `days` whole working days of office time (negative: back), each day
    /// counted at its own hours: from a closing, one day on is the next working day's closing,
    /// and one day back is the same day's opening. The result is inside office hours.
    pub fn add_office_days(&self, at: DateTime<Utc>, days: i64) -> Result<DateTime<Utc>, CalendarError> {
        let mut t = at;
        for _ in 0..days.unsigned_abs() {
            t = if days > 0 {
                let next = self.next_working_day(self.local_date(t))?;
                self.add_office_time(t, self.day_length(next))?
            } else {
                let mut day = self.local_date(t);
                let opens = self.office_spans(day).next().map(|(open, _)| open);
                if opens.is_none_or(|open| t <= open) {
                    day = self.previous_working_day(day)?;
                }
                self.add_office_time(t, -self.day_length(day))?
            };
        }
        Ok(t)
    }

    /// Whole office minutes from `a` to `b` (rounded toward zero; negative when `b` is
    /// before `a`).
    pub fn office_minutes_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> i64 {
        self.office_time_between(a, b).num_minutes()
    }

    /// The office intervals of `date` as instants; none when it is not a working day.
    fn office_spans(&self, date: NaiveDate) -> impl DoubleEndedIterator<Item = (DateTime<Utc>, DateTime<Utc>)> + '_ {
        let working = self.is_working_day(date);
        self.hours_on(date)
            .intervals
            .iter()
            .filter(move |_| working)
            .map(move |i| (self.instant(date, i.start), self.instant(date, i.end)))
    }

    /// Office time of `date` inside `[from, to]`.
    fn overlap(&self, date: NaiveDate, from: DateTime<Utc>, to: DateTime<Utc>) -> TimeDelta {
        self.office_spans(date).map(|(open, close)| (close.min(to) - open.max(from)).max(TimeDelta::zero())).sum()
    }
}

fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Monday–Friday dates from 0001-01-01 (a Monday) through `date`.
fn weekdays_through(date: NaiveDate) -> i64 {
    let n = i64::from(date.num_days_from_ce());
    5 * n.div_euclid(7) + n.rem_euclid(7).min(5)
}

/// `date` moved by `days` (±1), within the supported range.
fn step(date: NaiveDate, days: i64) -> Result<NaiveDate, CalendarError> {
    date.checked_add_signed(TimeDelta::days(days))
        .filter(|d| (FIRST_SUPPORTED_DATE..=LAST_SUPPORTED_DATE).contains(d))
        .ok_or(CalendarError::OutOfRange)
}
