//! Appointment slots: half-hour periods of the window's office hours on the county's
//! calendar. A slot may be booked when it starts on a working day, on the half-hour grid of
//! an office interval (09:00, 09:30 … 11:30; 14:30 … 17:30 with the default hours) and ends
//! inside it, starts after `now`, and lies within [`BOOKING_HORIZON_DAYS`] days of `now`.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};

use crate::calendar::Calendar;

/// The length of one appointment, in minutes.
pub const SLOT_MINUTES: i64 = 30;

/// How far ahead a slot may be booked, in calendar days.
pub const BOOKING_HORIZON_DAYS: i64 = 30;

/// Why a time cannot be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SlotError {
    /// It has begun or is over.
    #[error("the time is not in the future")]
    Past,
    /// It is more than [`BOOKING_HORIZON_DAYS`] days ahead.
    #[error("the time is more than {BOOKING_HORIZON_DAYS} days ahead")]
    TooFar,
    /// The day is a weekend, a holiday or a local day off.
    #[error("the day is not a working day")]
    NotWorkingDay,
    /// It does not start on a slot of the office hours.
    #[error("the time is not a slot of the office hours")]
    OutsideOfficeHours,
}

/// Whether `start` may be booked at `now`.
pub fn check_slot(calendar: &Calendar, now: DateTime<Utc>, start: DateTime<Utc>) -> Result<(), SlotError> {
    if start <= now {
        return Err(SlotError::Past);
    }
    if start - now > TimeDelta::days(BOOKING_HORIZON_DAYS) {
        return Err(SlotError::TooFar);
    }
    let date = calendar.local_date(start);
    if !calendar.is_working_day(date) {
        return Err(SlotError::NotWorkingDay);
    }
    if slot_starts(calendar, date).any(|t| calendar.instant(date, t) == start) {
        Ok(())
    } else {
        Err(SlotError::OutsideOfficeHours)
    }
}

/// The local starting times of the slots of the working day `date` (on its hours), in order.
fn slot_starts(calendar: &Calendar, date: NaiveDate) -> impl Iterator<Item = NaiveTime> + '_ {
    let length = TimeDelta::minutes(SLOT_MINUTES);
    calendar.hours_on(date).intervals().iter().flat_map(move |interval| {
        let count = (interval.end - interval.start).num_minutes() / SLOT_MINUTES;
        (0..count).map(move |i| interval.start + length * i32::try_from(i).unwrap_or(0))
    })
}

/// Every slot that may be booked at `now`, in order (at most [`BOOKING_HORIZON_DAYS`] days
/// of them).
pub fn open_slots(calendar: &Calendar, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let first = calendar.local_date(now);
    (0..=BOOKING_HORIZON_DAYS)
        .filter_map(|d| first.checked_add_signed(TimeDelta::days(d)))
        .filter(|date| calendar.is_working_day(*date))
        .flat_map(|date| slot_starts(calendar, date).map(move |t| (date, t)).collect::<Vec<_>>())
        .map(|(date, t)| calendar.instant(date, t))
        .filter(|start| check_slot(calendar, now, *start).is_ok())
        .collect()
}
