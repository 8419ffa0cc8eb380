//! Example tests on real dates and property tests of the calendar.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A local (Asia/Shanghai) wall-clock instant.
fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    TIME_ZONE.with_ymd_and_hms(y, m, d, h, min, 0).single().unwrap().with_timezone(&Utc)
}

fn china() -> Calendar {
    Calendar::china().unwrap()
}

fn working_days_in(cal: &Calendar, from: NaiveDate, through: NaiveDate) -> Vec<NaiveDate> {
    from.iter_days().take_while(|d| *d <= through).filter(|d| cal.is_working_day(*d)).collect()
}

#[test]
fn spring_festival_2026() {
    let cal = china();
    for day in 15..=23 {
        assert!(!cal.is_working_day(date(2026, 2, day)), "2026-02-{day}");
    }
    assert_eq!(cal.day_status(date(2026, 2, 14)), DayStatus::NationalWorkingDay("春节"));
    assert!(cal.is_working_day(date(2026, 2, 14)), "Saturday 调休");
    assert!(cal.is_working_day(date(2026, 2, 28)), "Saturday 调休");
    assert!(cal.is_working_day(date(2026, 2, 24)));
    assert!(!cal.is_working_day(date(2026, 3, 1)), "plain Sunday");
    assert_eq!(cal.next_working_day(date(2026, 2, 14)).unwrap(), date(2026, 2, 24));
    assert_eq!(cal.previous_working_day(date(2026, 2, 24)).unwrap(), date(2026, 2, 14));
    // Friday 13th, mid-morning: one working day is the 调休 Saturday, two is after the break.
    let start = at(2026, 2, 13, 10, 0);
    assert_eq!(cal.add_working_days(start, 1).unwrap(), at(2026, 2, 14, 18, 0));
    assert_eq!(cal.add_working_days(start, 2).unwrap(), at(2026, 2, 24, 18, 0));
    assert_eq!(cal.add_working_days(start, 6).unwrap(), at(2026, 2, 28, 18, 0));
    assert_eq!(cal.working_days_between(start, at(2026, 2, 24, 9, 0)), 2);
    assert_eq!(cal.working_days_between(at(2026, 2, 24, 9, 0), start), -2);
}

#[test]
fn national_day_2026() {
    let cal = china();
    for day in 1..=7 {
        assert!(!cal.is_working_day(date(2026, 10, day)), "2026-10-0{day}");
    }
    assert!(cal.is_working_day(date(2026, 9, 20)), "Sunday 调休");
    assert!(cal.is_working_day(date(2026, 10, 10)), "Saturday 调休");
    assert!(cal.is_working_day(date(2026, 10, 8)));
    let eve = at(2026, 9, 30, 10, 0);
    assert_eq!(cal.add_working_days(eve, 1).unwrap(), at(2026, 10, 8, 18, 0));
    assert_eq!(cal.add_working_days(eve, 3).unwrap(), at(2026, 10, 10, 18, 0));
    assert_eq!(cal.add_working_days(eve, 4).unwrap(), at(2026, 10, 12, 18, 0));
    assert_eq!(working_days_in(&cal, date(2026, 9, 19), date(2026, 9, 20)), vec![date(2026, 9, 20)]);
}

#[test]
fn zero_working_days_is_the_end_of_the_current_or_next_working_day() {
    let cal = china();
    let morning = at(2026, 9, 30, 10, 0);
    assert_eq!(cal.add_working_days(morning, 0).unwrap(), at(2026, 9, 30, 18, 0));
    let closing = at(2026, 9, 30, 18, 0);
    assert_eq!(cal.add_working_days(closing, 0).unwrap(), closing);
    let evening = at(2026, 9, 30, 19, 0);
    assert_eq!(cal.add_working_days(evening, 0).unwrap(), at(2026, 10, 8, 18, 0));
    let holiday = at(2026, 10, 3, 10, 0);
    assert_eq!(cal.add_working_days(holiday, 0).unwrap(), at(2026, 10, 8, 18, 0));
    // One working day from the evening counts from the local day, like from its morning.
    assert_eq!(cal.add_working_days(evening, 1).unwrap(), at(2026, 10, 8, 18, 0));
}

#[test]
fn office_minutes_skip_lunch_nights_and_holidays() {
    let cal = china();
    let add = |t, m| cal.add_office_minutes(t, m).unwrap();
    assert_eq!(add(at(2026, 3, 2, 9, 0), 30), at(2026, 3, 2, 9, 30));
    assert_eq!(add(at(2026, 3, 2, 11, 45), 30), at(2026, 3, 2, 14, 45));
    assert_eq!(add(at(2026, 3, 2, 12, 30), 30), at(2026, 3, 2, 15, 0));
    assert_eq!(add(at(2026, 3, 2, 11, 30), 30), at(2026, 3, 2, 12, 0), "ends at a closing");
    assert_eq!(add(at(2026, 3, 2, 7, 0), 0), at(2026, 3, 2, 9, 0));
    assert_eq!(add(at(2026, 2, 13, 17, 50), 30), at(2026, 2, 14, 9, 20));
    assert_eq!(add(at(2026, 2, 14, 17, 50), 30), at(2026, 2, 24, 9, 20));
    assert_eq!(cal.office_minutes_between(at(2026, 2, 13, 17, 50), at(2026, 2, 24, 9, 20)), 10 + 390 + 20);
    assert_eq!(cal.add_office_time(at(2026, 3, 2, 14, 45), TimeDelta::minutes(-30)).unwrap(), at(2026, 3, 2, 11, 45));
    assert!(cal.is_office_time(at(2026, 3, 2, 12, 0)));
    assert!(!cal.is_office_time(at(2026, 3, 2, 12, 1)));
    assert!(!cal.is_office_time(at(2026, 10, 2, 10, 0)));
}

#[test]
fn local_days_override_the_national_schedule() {
    let torch = LocalDay { date: date(2026, 8, 10), name: "火把节".into(), kind: LocalDayKind::OffDay };
    let make_up = LocalDay { date: date(2026, 10, 4), name: "补班".into(), kind: LocalDayKind::WorkingDay };
    let cal = china().with_local_days([torch.clone(), make_up]).unwrap();
    assert_eq!(cal.day_status(date(2026, 8, 10)), DayStatus::LocalOffDay("火把节"));
    assert!(!cal.is_working_day(date(2026, 8, 10)));
    assert!(cal.is_working_day(date(2026, 10, 4)), "local beats national");
    assert_eq!(cal.local_days().count(), 2);
    assert_eq!(
        cal.with_local_days([torch.clone()]).unwrap_err(),
        CalendarError::DuplicateLocalDay { date: torch.date }
    );
}

#[test]
fn uncovered_years_are_plain_weeks() {
    let cal = china();
    assert_eq!(cal.covered_years(), vec![2023, 2024, 2025, 2026]);
    assert!(!cal.covers(date(2027, 10, 1)));
    assert_eq!(cal.day_status(date(2027, 10, 1)), DayStatus::Weekday, "a Friday");
    assert_eq!(cal.day_status(date(2027, 10, 2)), DayStatus::Weekend);
    assert_eq!(cal.day_status(date(2022, 12, 31)), DayStatus::NationalOffDay("元旦"));
}

#[test]
fn arithmetic_outside_the_supported_range_is_an_error() {
    let cal = china();
    let late = at(9999, 12, 30, 10, 0);
    assert_eq!(cal.add_working_days(late, 5), Err(CalendarError::OutOfRange));
    assert_eq!(cal.add_office_minutes(late, 390 * 5), Err(CalendarError::OutOfRange));
}

#[test]
fn office_hours_are_validated() {
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let interval = |a, b| OfficeInterval { start: a, end: b };
    assert_eq!(OfficeHours::default().per_day(), TimeDelta::minutes(390));
    assert_eq!(OfficeHours::new(vec![]), Err(CalendarError::NoOfficeHours));
    assert!(matches!(OfficeHours::new(vec![interval(t(9, 0), t(9, 0))]), Err(CalendarError::EmptyInterval { .. })));
    assert!(matches!(
        OfficeHours::new(vec![interval(t(9, 0), t(12, 0)), interval(t(11, 0), t(13, 0))]),
        Err(CalendarError::UnorderedIntervals { .. })
    ));
    let json = serde_json::to_string(&OfficeHours::default()).unwrap();
    assert_eq!(json, r#"[{"start":"09:00:00","end":"12:00:00"},{"start":"14:30:00","end":"18:00:00"}]"#);
    assert_eq!(serde_json::from_str::<OfficeHours>(&json).unwrap(), OfficeHours::default());
    assert!(serde_json::from_str::<OfficeHours>("[]").is_err());
}

#[test]
fn correction_pause_adds_back_its_office_time() {
    let cal = china();
    let start = at(2026, 3, 2, 9, 0); // Monday
    let base = cal.add_working_days(start, 5).unwrap();
    assert_eq!(base, at(2026, 3, 9, 18, 0));
    // 补正 from Tuesday 10:00 to Wednesday 15:00: 330 + 210 = 540 office minutes.
    let pause = Pause::closed(at(2026, 3, 3, 10, 0), at(2026, 3, 4, 15, 0));
    assert_eq!(cal.paused_office_time(start, &[pause], at(2026, 4, 1, 0, 0)), TimeDelta::minutes(540));
    let shifted = cal.shift_deadline(start, base, &[pause], at(2026, 4, 1, 0, 0)).unwrap();
    assert_eq!(shifted, at(2026, 3, 11, 11, 30)); // 390 + 150 office minutes later
    // The same pause recorded twice counts once.
    assert_eq!(cal.shift_deadline(start, base, &[pause, pause], at(2026, 4, 1, 0, 0)).unwrap(), shifted);
    // An open pause runs until now.
    let open = Pause::open(at(2026, 3, 3, 10, 0));
    assert!(open.is_open());
    assert_eq!(cal.shift_deadline(start, base, &[open], at(2026, 3, 4, 15, 0)).unwrap(), shifted);
    // A pause begun after the deadline (already late) moves nothing.
    let late = Pause::closed(at(2026, 3, 10, 9, 0), at(2026, 3, 12, 9, 0));
    assert_eq!(cal.shift_deadline(start, base, &[late], at(2026, 4, 1, 0, 0)).unwrap(), base);
    // A pause before the clock started moves nothing.
    let before = Pause::closed(at(2026, 2, 26, 9, 0), at(2026, 3, 2, 9, 0));
    assert_eq!(cal.shift_deadline(start, base, &[before], at(2026, 4, 1, 0, 0)).unwrap(), base);
}

#[test]
fn a_pause_reaching_past_the_deadline_resumes_with_the_remaining_time() {
    let cal = china();
    let start = at(2026, 3, 2, 9, 0);
    let base = cal.add_working_days(start, 2).unwrap(); // Wednesday 18:00
    // Paused Tuesday 09:00 (one day of budget left: Wednesday) until Friday 10:00.
    let pause = Pause::closed(at(2026, 3, 3, 9, 0), at(2026, 3, 6, 10, 0));
    let shifted = cal.shift_deadline(start, base, &[pause], at(2026, 4, 1, 0, 0)).unwrap();
    // Remaining budget after the pause: Tuesday + Wednesday (780 min) from Friday 10:00.
    assert_eq!(shifted, cal.add_office_minutes(at(2026, 3, 6, 10, 0), 780).unwrap());
    assert_eq!(shifted, at(2026, 3, 10, 10, 0));
}

fn instant_strategy() -> impl Strategy<Value = DateTime<Utc>> {
    let from = at(2022, 6, 1, 0, 0).timestamp();
    let to = at(2028, 1, 1, 0, 0).timestamp();
    (from..to).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

fn date_strategy() -> impl Strategy<Value = NaiveDate> {
    (0i64..2200).prop_map(|d| date(2022, 6, 1) + TimeDelta::days(d))
}

fn local_calendar() -> Calendar {
    let day = |d, kind| LocalDay { date: d, name: "本地".into(), kind };
    china()
        .with_local_days([
            day(date(2026, 8, 10), LocalDayKind::OffDay),
            day(date(2026, 8, 11), LocalDayKind::OffDay),
            day(date(2026, 8, 15), LocalDayKind::WorkingDay),
            day(date(2026, 10, 1), LocalDayKind::WorkingDay),
        ])
        .unwrap()
}

/// The `j`-th working day after `day` (j ≥ 1).
fn nth_working_day(cal: &Calendar, day: NaiveDate, j: u32) -> NaiveDate {
    (0..j).fold(day, |d, _| cal.next_working_day(d).unwrap())
}

proptest! {
    #[test]
    fn adding_then_counting_back_gives_n(start in instant_strategy(), n in 1u32..90) {
        let cal = local_calendar();
        let due = cal.add_working_days(start, n).unwrap();
        prop_assert_eq!(cal.working_days_between(start, due), i64::from(n));
        prop_assert_eq!(cal.working_days_between(due, start), -i64::from(n));
    }

    #[test]
    fn a_deadline_is_a_closing_of_a_working_day(start in instant_strategy(), n in 0u32..90) {
        let cal = local_calendar();
        let due = cal.add_working_days(start, n).unwrap();
        let day = cal.local_date(due);
        prop_assert!(cal.is_working_day(day));
        prop_assert_eq!(due, cal.closing(day));
        prop_assert!(due >= start);
        // Each further day moves the deadline on; from after a closing, 0 and 1 coincide.
        if n > 1 {
            prop_assert!(due > cal.add_working_days(start, n - 1).unwrap());
        }
    }

    #[test]
    fn office_minutes_end_inside_office_hours(start in instant_strategy(), m in 0u32..6000) {
        let cal = local_calendar();
        let end = cal.add_office_minutes(start, m).unwrap();
        prop_assert!(cal.is_office_time(end));
        prop_assert!(end >= start);
        prop_assert_eq!(cal.office_time_between(start, end), TimeDelta::minutes(i64::from(m)));
        let back = cal.add_office_time(start, -TimeDelta::minutes(i64::from(m))).unwrap();
        prop_assert!(cal.is_office_time(back));
        prop_assert_eq!(cal.office_time_between(back, start), TimeDelta::minutes(i64::from(m)));
    }

    #[test]
    fn fast_count_matches_day_by_day(a in date_strategy(), len in 0i64..400) {
        let cal = local_calendar();
        let b = a + TimeDelta::days(len);
        let slow = a.iter_days().skip(1).take_while(|d| *d <= b)
            .filter(|d| cal.is_working_day(*d)).count();
        prop_assert_eq!(cal.count_working_days(a, b), i64::try_from(slow).unwrap());
    }

    #[test]
    fn office_time_is_additive(a in instant_strategy(), b in instant_strategy(), c in instant_strategy()) {
        let cal = local_calendar();
        prop_assert_eq!(
            cal.office_time_between(a, b) + cal.office_time_between(b, c),
            cal.office_time_between(a, c)
        );
    }

    #[test]
    fn pausing_k_whole_working_days_moves_the_deadline_by_k(
        start in instant_strategy(),
        n in 1u32..40,
        j_seed in 0u32..1000,
        k in 0u32..15,
        from_previous_evening in any::<bool>(),
        split in any::<bool>(),
    ) {
        let cal = local_calendar();
        let j = 1 + j_seed % n;
        let day0 = cal.local_date(start);
        let first = nth_working_day(&cal, day0, j);
        let opening = cal.timetable().standard.intervals()[0].start;
        let (pause_start, pause_end) = if from_previous_evening {
            // From the closing of the day before the first paused day to the opening of the
            // day after the last one.
            let before = nth_working_day(&cal, day0, j - 1);
            let after = nth_working_day(&cal, day0, j + k);
            (cal.closing(before).max(start), cal.instant(after, opening))
        } else {
            let last = if k == 0 { first } else { nth_working_day(&cal, day0, j + k - 1) };
            let pause_start = cal.instant(first, opening);
            (pause_start, if k == 0 { pause_start } else { cal.closing(last) })
        };
        let pauses = if split && pause_start < pause_end {
            let middle = pause_start + (pause_end - pause_start) / 2;
            vec![Pause::closed(middle, pause_end), Pause::closed(pause_start, middle)]
        } else {
            vec![Pause::closed(pause_start, pause_end)]
        };
        let base = cal.add_working_days(start, n).unwrap();
        let now = pause_end + TimeDelta::days(3650);
        let shifted = cal.shift_deadline(start, base, &pauses, now).unwrap();
        prop_assert_eq!(shifted, cal.add_working_days(start, n + k).unwrap());
        // While the last pause is still open, `now` = its end gives the same deadline.
        let open = [Pause::open(pause_start)];
        if pause_start < pause_end {
            prop_assert_eq!(cal.shift_deadline(start, base, &open, pause_end).unwrap(), shifted);
        }
    }
}

/// Summer hours (08:00–12:00, 14:00–17:00: 420 minutes, against the standard 390) from
/// 05-01 to 09-30.
fn seasonal_calendar() -> Calendar {
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let summer = OfficeHours::new(vec![
        OfficeInterval { start: t(8, 0), end: t(12, 0) },
        OfficeInterval { start: t(14, 0), end: t(17, 0) },
    ])
    .unwrap();
    local_calendar().with_timetable(OfficeTimetable {
        standard: OfficeHours::default(),
        seasonal: Some(SeasonalHours {
            from: MonthDay::new(5, 1).unwrap(),
            until: MonthDay::new(9, 30).unwrap(),
            hours: summer,
        }),
    })
}

/// Instants within three weeks of a seasonal boundary (05-01 or 10-01) of 2022–2027.
fn boundary_strategy() -> impl Strategy<Value = DateTime<Utc>> {
    (2022i32..2028, any::<bool>(), -21i64 * 86_400..21 * 86_400).prop_map(|(y, spring, offset)| {
        let edge = if spring { at(y, 5, 1, 0, 0) } else { at(y, 10, 1, 0, 0) };
        edge + TimeDelta::seconds(offset)
    })
}

#[test]
fn each_day_keeps_its_own_hours() {
    let cal = seasonal_calendar();
    // Thursday 2026-04-30 closes at 18:00; Wednesday 2026-05-06 (after the May Day break)
    // at 17:00.
    assert_eq!(cal.closing(date(2026, 4, 30)), at(2026, 4, 30, 18, 0));
    assert_eq!(cal.add_working_days(at(2026, 4, 30, 10, 0), 1).unwrap(), at(2026, 5, 6, 17, 0));
    assert_eq!(cal.day_length(date(2026, 5, 6)), TimeDelta::minutes(420));
    assert_eq!(cal.day_length(date(2026, 4, 30)), TimeDelta::minutes(390));
    // 30 office minutes from 17:50 on the last standard day: 10 that day, 20 from 08:00.
    assert_eq!(cal.add_office_minutes(at(2026, 4, 30, 17, 50), 30).unwrap(), at(2026, 5, 6, 8, 20));
    assert!(cal.is_office_time(at(2026, 5, 6, 8, 0)));
    assert!(!cal.is_office_time(at(2026, 4, 30, 8, 30)));
    // A whole summer day between two standard ones counts its 420 minutes.
    // 04-30 (standard, 390), the May Day break, 05-06 (summer, 420), 05-07 08:00–09:00.
    assert_eq!(
        cal.office_time_between(at(2026, 4, 29, 18, 0), at(2026, 5, 7, 9, 0)),
        TimeDelta::minutes(390 + 420 + 60)
    );
}

#[test]
fn office_days_move_from_closing_to_closing_across_seasons() {
    let cal = seasonal_calendar();
    let close = at(2026, 4, 30, 18, 0);
    assert_eq!(cal.add_office_days(close, 1).unwrap(), at(2026, 5, 6, 17, 0));
    assert_eq!(cal.add_office_days(at(2026, 5, 6, 17, 0), -1).unwrap(), at(2026, 5, 6, 8, 0));
    assert_eq!(cal.add_office_days(at(2026, 5, 6, 17, 0), -2).unwrap(), at(2026, 4, 30, 9, 0));
    assert_eq!(cal.add_office_days(close, 0).unwrap(), close);
}

proptest! {
    #[test]
    fn across_a_season_adding_then_measuring_round_trips(start in boundary_strategy(), m in 0u32..3000) {
        let cal = seasonal_calendar();
        let end = cal.add_office_minutes(start, m).unwrap();
        prop_assert!(cal.is_office_time(end));
        prop_assert_eq!(cal.office_time_between(start, end), TimeDelta::minutes(i64::from(m)));
        let back = cal.add_office_time(start, -TimeDelta::minutes(i64::from(m))).unwrap();
        prop_assert!(cal.is_office_time(back));
        prop_assert_eq!(cal.office_time_between(back, start), TimeDelta::minutes(i64::from(m)));
    }

    #[test]
    fn across_a_season_deadlines_close_with_their_own_day(start in boundary_strategy(), n in 0u32..30) {
        let cal = seasonal_calendar();
        let due = cal.add_working_days(start, n).unwrap();
        let day = cal.local_date(due);
        prop_assert!(cal.is_working_day(day));
        prop_assert_eq!(due.with_timezone(&TIME_ZONE).time(), cal.hours_on(day).closing());
        prop_assert!(cal.is_office_time(due));
        if n >= 1 {
            prop_assert_eq!(cal.working_days_between(start, due), i64::from(n));
        }
    }

    #[test]
    fn across_a_season_office_days_land_in_office_hours(start in boundary_strategy(), d in -8i64..8) {
        let cal = seasonal_calendar();
        let moved = cal.add_office_days(start, d).unwrap();
        if d != 0 {
            prop_assert!(cal.is_office_time(moved));
            prop_assert_eq!(moved > start, d > 0);
        }
        // From a closing, `d` days on is the closing of the `d`-th working day after.
        let day = cal.working_day_on_or_after(cal.local_date(start)).unwrap();
        let close = cal.closing(day);
        if d > 0 {
            let expected = cal.add_working_days(close, u32::try_from(d).unwrap()).unwrap();
            prop_assert_eq!(cal.add_office_days(close, d).unwrap(), expected);
        }
    }

    #[test]
    fn across_a_season_office_time_is_additive(a in boundary_strategy(), b in boundary_strategy(), c in boundary_strategy()) {
        let cal = seasonal_calendar();
        prop_assert_eq!(
            cal.office_time_between(a, b) + cal.office_time_between(b, c),
            cal.office_time_between(a, c)
        );
    }
}
