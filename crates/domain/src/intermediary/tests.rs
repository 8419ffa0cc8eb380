use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use uuid::Uuid;

use super::engagement::{self, Chooser, EngagementError, EngagementState};
use super::*;
use crate::case::evaluation::EvaluationLevel;
use crate::codes::assert_codes;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn agency(until: NaiveDate) -> (AgencyFacts, Uuid) {
    let service = Uuid::from_u128(7);
    let facts = AgencyFacts {
        status: AgencyStatus::Active,
        qualifications: vec![Validity {
            kind: QualificationKind::EnvironmentalAssessment,
            valid_from: day(2024, 1, 1),
            valid_until: until,
        }],
        services: vec![ServiceFacts {
            id: service,
            kind: QualificationKind::EnvironmentalAssessment,
            item_codes: vec!["EIA-01".into()],
        }],
    };
    (facts, service)
}

#[test]
fn codes_are_the_stored_ones() {
    assert_codes(&QualificationKind::ALL);
    assert_codes(&AgencyStatus::ALL);
    assert_codes(&EngagementState::ALL);
}

#[test]
fn an_agency_is_offered_through_the_last_day_of_its_qualification_and_hidden_after() {
    let (a, service) = agency(day(2026, 12, 5));
    assert_eq!(a.eligible_services("EIA-01", day(2026, 12, 5)), vec![service]);
    assert!(a.eligible_services("EIA-01", day(2026, 12, 6)).is_empty());
    assert!(a.eligible_services("EIA-01", day(2023, 12, 31)).is_empty(), "not yet in force");
}

#[test]
fn only_the_items_a_service_serves_and_only_while_active() {
    let (mut a, service) = agency(day(2030, 1, 1));
    assert!(a.eligible_services("OTHER", day(2026, 1, 1)).is_empty());
    assert!(a.may_choose(service, "EIA-01", day(2026, 1, 1)));
    a.status = AgencyStatus::Suspended;
    assert!(!a.may_choose(service, "EIA-01", day(2026, 1, 1)));
}

#[test]
fn a_qualification_of_another_kind_does_not_count() {
    let (mut a, _) = agency(day(2030, 1, 1));
    a.qualifications[0].kind = QualificationKind::SafetyAssessment;
    assert!(a.eligible_services("EIA-01", day(2026, 1, 1)).is_empty());
}

#[test]
fn record_checks() {
    assert_eq!(check_validity(day(2026, 2, 1), day(2026, 1, 1)), Err(RecordError::ValidityReversed));
    assert!(check_validity(day(2026, 1, 1), day(2026, 1, 1)).is_ok());
    assert_eq!(item_codes(&[" ".into()]), Err(RecordError::NoItems));
    assert_eq!(item_codes(&[" A ".into(), "A".into(), "B".into()]).unwrap(), vec!["A", "B"]);
}

#[test]
fn the_choice_is_the_enterprises_own() {
    let own = engagement::choose(Chooser::Enterprise, None, None, None).unwrap();
    assert_eq!(own.on_behalf_note, None);
    assert_eq!(
        engagement::choose(Chooser::Official, Some("  "), None, None),
        Err(EngagementError::OnBehalfNoteRequired)
    );
    let by_official = engagement::choose(Chooser::Official, Some(" 企业书面选择 "), None, None).unwrap();
    assert_eq!(by_official.on_behalf_note.as_deref(), Some("企业书面选择"));
    assert_eq!(
        engagement::choose(Chooser::Enterprise, Some("x"), None, None),
        Err(EngagementError::OnBehalfNoteNotExpected)
    );
    assert_eq!(engagement::choose(Chooser::Other, Some("x"), None, None), Err(EngagementError::NotTheEnterprises));
}

#[test]
fn a_choice_changes_before_delivery_with_a_reason_only() {
    let chosen = Some((EngagementState::Chosen, false));
    assert_eq!(engagement::choose(Chooser::Enterprise, None, chosen, None), Err(EngagementError::ReasonRequired));
    let changed = engagement::choose(Chooser::Enterprise, None, chosen, Some("报价过高")).unwrap();
    assert_eq!(changed.change_reason.as_deref(), Some("报价过高"));
    assert_eq!(
        engagement::choose(Chooser::Enterprise, None, Some((EngagementState::Chosen, true)), Some("r")),
        Err(EngagementError::SameChoice)
    );
    for state in [EngagementState::Delivered, EngagementState::Rated] {
        assert_eq!(
            engagement::choose(Chooser::Enterprise, None, Some((state, false)), Some("r")),
            Err(EngagementError::AlreadyDelivered)
        );
    }
    assert!(engagement::choose(Chooser::Enterprise, None, Some((EngagementState::Replaced, false)), None).is_ok());
}

#[test]
fn delivery_then_rating() {
    let chosen_on = day(2026, 12, 1);
    let today = day(2026, 12, 5);
    assert_eq!(
        engagement::deliver(EngagementState::Chosen, chosen_on, day(2026, 12, 6), today),
        Err(EngagementError::DeliveryDate)
    );
    assert_eq!(
        engagement::deliver(EngagementState::Chosen, chosen_on, day(2026, 11, 30), today),
        Err(EngagementError::DeliveryDate)
    );
    assert_eq!(engagement::deliver(EngagementState::Chosen, chosen_on, today, today), Ok(EngagementState::Delivered));
    assert!(matches!(
        engagement::deliver(EngagementState::Delivered, chosen_on, today, today),
        Err(EngagementError::InvalidState { .. })
    ));
    assert!(matches!(
        engagement::rate(EngagementState::Chosen, EvaluationLevel::Satisfied, None),
        Err(EngagementError::InvalidState { .. })
    ));
    assert_eq!(
        engagement::rate(EngagementState::Delivered, EvaluationLevel::Dissatisfied, Some(" ")),
        Err(EngagementError::CommentRequired)
    );
    assert_eq!(
        engagement::rate(EngagementState::Delivered, EvaluationLevel::VerySatisfied, None),
        Ok(EngagementState::Rated)
    );
    assert!(engagement::rate(EngagementState::Rated, EvaluationLevel::Satisfied, None).is_err(), "rated once");
    assert_eq!(engagement::check_promised(chosen_on, day(2026, 11, 1)), Err(EngagementError::PromisedDate));
}

proptest! {
    /// An agency is offered for a service exactly on the days one of its qualifications of
    /// the service's kind is in force: never after `valid_until`, whatever the other
    /// qualifications.
    #[test]
    fn offered_exactly_while_a_qualification_of_the_kind_is_in_force(
        quals in proptest::collection::vec((0usize..3, 0u64..2000, 0u64..1000), 0..4),
        today_offset in 0u64..3500,
    ) {
        let kinds = [
            QualificationKind::EnvironmentalAssessment,
            QualificationKind::SafetyAssessment,
            QualificationKind::Surveying,
        ];
        let base = day(2020, 1, 1);
        let qualifications: Vec<Validity> = quals
            .iter()
            .map(|&(k, from, len)| {
                let valid_from = base.checked_add_days(Days::new(from)).unwrap();
                Validity { kind: kinds[k], valid_from, valid_until: valid_from.checked_add_days(Days::new(len)).unwrap() }
            })
            .collect();
        let service = Uuid::from_u128(1);
        let facts = AgencyFacts {
            status: AgencyStatus::Active,
            qualifications: qualifications.clone(),
            services: vec![ServiceFacts { id: service, kind: kinds[0], item_codes: vec!["X".into()] }],
        };
        let today = base.checked_add_days(Days::new(today_offset)).unwrap();
        let offered = facts.may_choose(service, "X", today);
        let expected = qualifications.iter().any(|q| q.kind == kinds[0] && q.valid_from <= today && today <= q.valid_until);
        prop_assert_eq!(offered, expected);
        if qualifications.iter().filter(|q| q.kind == kinds[0]).all(|q| q.expired(today)) {
            prop_assert!(!offered, "every qualification of the kind expired, yet offered");
        }
    }
}
