use super::*;
use crate::calendar::Calendar;
use crate::codes::assert_codes;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use proptest::prelude::*;

use ConsultationAction as A;
use ConsultationKind as K;
use ConsultationState as S;

fn calendar() -> Calendar {
    Calendar::china().unwrap()
}

fn at(cal: &Calendar, date: (i32, u32, u32), time: (u32, u32)) -> DateTime<Utc> {
    cal.instant(
        NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
        NaiveTime::from_hms_opt(time.0, time.1, 0).unwrap(),
    )
}

#[test]
fn codes_are_stable() {
    assert_codes(&ConsultationKind::ALL);
    assert_codes(&ConsultationState::ALL);
    assert_codes(&ConsultationAction::ALL);
}

#[test]
fn the_table_reads_as_documented() {
    assert_eq!(decide(K::Question, S::Submitted, A::Answer), Ok(S::Answered));
    assert_eq!(decide(K::Appointment, S::Submitted, A::Answer), Ok(S::Answered));
    assert_eq!(decide(K::Appointment, S::Submitted, A::Confirm), Ok(S::Confirmed));
    assert_eq!(decide(K::Appointment, S::Confirmed, A::Confirm), Ok(S::Confirmed));
    for kind in ConsultationKind::ALL {
        for from in [S::Submitted, S::Answered, S::Confirmed] {
            assert_eq!(decide(kind, from, A::Convert), Ok(S::Converted));
            assert_eq!(decide(kind, from, A::Close), Ok(S::Closed));
        }
    }
}

#[test]
fn a_question_has_no_time_to_confirm_and_an_answer_is_given_once() {
    let e = decide(K::Question, S::Submitted, A::Confirm).unwrap_err();
    assert_eq!(e.allowed, vec![A::Answer, A::Convert, A::Close]);
    let e = decide(K::Question, S::Answered, A::Answer).unwrap_err();
    assert_eq!(e.allowed, vec![A::Convert, A::Close]);
    assert_eq!(allowed_actions(K::Appointment, S::Confirmed), vec![A::Confirm, A::Convert, A::Close]);
}

#[test]
fn converted_and_closed_are_final() {
    for kind in ConsultationKind::ALL {
        for state in [S::Converted, S::Closed] {
            assert!(is_final(state));
            assert!(allowed_actions(kind, state).is_empty(), "{kind} {state}");
            for action in ConsultationAction::ALL {
                let e = decide(kind, state, action).unwrap_err();
                assert_eq!((e.state, e.action), (state, action));
            }
        }
    }
    assert!(!is_final(S::Submitted));
}

#[test]
fn mobiles_are_mainland_mobile_numbers() {
    assert_eq!(Mobile::parse(" 138 0000 1234 ").unwrap().as_str(), "13800001234");
    assert_eq!(Mobile::parse("138-0000-1234").unwrap().as_str(), "13800001234");
    assert_eq!(Mobile::parse("13800001234").unwrap().masked(), "138****1234");
    assert_eq!(Mobile::parse(""), Err(TextError::Empty));
    for bad in ["0878-0000200", "12800001234", "1380000123", "138000012345", "abc"] {
        assert_eq!(Mobile::parse(bad), Err(TextError::Phone), "{bad}");
    }
}

#[test]
fn texts_are_trimmed_and_bounded() {
    assert_eq!(parse_text("  何时可以办理？ ", 10).unwrap(), "何时可以办理？");
    assert_eq!(parse_text("   ", 10), Err(TextError::Empty));
    assert_eq!(parse_text(&"问".repeat(11), 10), Err(TextError::TooLong { max: 10 }));
    assert_eq!(parse_optional_text(Some("  "), 10), Ok(None));
    assert_eq!(parse_optional_text(None, 10), Ok(None));
    assert_eq!(parse_optional_text(Some(" 甲 "), 10), Ok(Some("甲".to_owned())));
}

#[test]
fn a_slot_is_a_half_hour_of_office_hours_on_a_working_day_ahead() {
    let cal = calendar();
    // Tuesday 2026-09-22, 10:00.
    let now = at(&cal, (2026, 9, 22), (10, 0));
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 9, 22), (10, 30))), Ok(()));
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 9, 22), (14, 30))), Ok(()));
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 9, 22), (17, 30))), Ok(()));
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 9, 22), (10, 0))), Err(SlotError::Past));
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 9, 22), (9, 30))), Err(SlotError::Past));
    // The lunch break, after closing, off the grid.
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 9, 22), (12, 0))), Err(SlotError::OutsideOfficeHours));
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 9, 22), (13, 0))), Err(SlotError::OutsideOfficeHours));
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 9, 22), (18, 0))), Err(SlotError::OutsideOfficeHours));
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 9, 22), (10, 15))), Err(SlotError::OutsideOfficeHours));
    // The Mid-Autumn Festival (a Friday), a weekend, the National Day holiday; the Saturday
    // worked in exchange (调休) is open.
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 9, 25), (10, 0))), Err(SlotError::NotWorkingDay));
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 10, 17), (10, 0))), Err(SlotError::NotWorkingDay));
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 10, 2), (10, 0))), Err(SlotError::NotWorkingDay));
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 10, 10), (10, 0))), Ok(()));
    // Too far ahead.
    assert_eq!(check_slot(&cal, now, at(&cal, (2026, 11, 2), (10, 0))), Err(SlotError::TooFar));
}

#[test]
fn open_slots_are_the_bookable_ones_in_order() {
    let cal = calendar();
    let now = at(&cal, (2026, 9, 22), (16, 45));
    let slots = open_slots(&cal, now);
    assert_eq!(slots.first().copied(), Some(at(&cal, (2026, 9, 22), (17, 0))));
    assert_eq!(slots.get(2).copied(), Some(at(&cal, (2026, 9, 23), (9, 0))));
    assert!(slots.windows(2).all(|w| w[0] < w[1]));
    assert!(slots.iter().all(|s| check_slot(&cal, now, *s).is_ok()));
    // Six in the morning and seven in the afternoon of each working day.
    let on =
        |d: u32| slots.iter().filter(|s| cal.local_date(**s) == NaiveDate::from_ymd_opt(2026, 9, d).unwrap()).count();
    assert_eq!(on(23), 13);
    assert_eq!(on(25), 0);
    assert!(!slots.iter().any(|s| cal.local_date(*s) == NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()));
}

proptest! {
    #[test]
    fn a_slot_is_open_exactly_when_it_is_accepted(quarters in 0i64..(40 * 24 * 4), ahead in 0i64..(35 * 24 * 4)) {
        let cal = calendar();
        let now = at(&cal, (2026, 9, 1), (0, 0)) + TimeDelta::minutes(15 * quarters);
        let start = now + TimeDelta::minutes(15 * ahead);
        let open = open_slots(&cal, now);
        prop_assert_eq!(open.contains(&start), check_slot(&cal, now, start).is_ok());
    }
}

#[test]
fn the_window_and_the_office_handle_consultations_and_the_investment_officer_reads_them() {
    use crate::policy::{Action, Actor, Scope, authorize};
    use crate::role::Role;
    let tenant = uuid::Uuid::nil();
    for role in Role::ALL {
        let me = Actor { user_id: tenant, tenant_id: tenant, role, department_id: None, enterprise_id: None };
        let read = authorize(&me, Action::ReadConsultations, Scope::tenant(tenant)).is_ok();
        let handle = authorize(&me, Action::HandleConsultations, Scope::tenant(tenant)).is_ok();
        assert_eq!(read, matches!(role, Role::WindowAgent | Role::Office | Role::InvestmentOfficer), "{role}");
        assert_eq!(handle, matches!(role, Role::WindowAgent | Role::Office), "{role}");
    }
}
