use super::*;
use crate::calendar::{MonthDay, OfficeHours, SeasonalHours};
use crate::case::deadline::DeadlineKind;
use crate::case::escalation::{Level, Step};

fn fields(s: &CountySettings) -> Vec<String> {
    s.problems().into_iter().map(|e| e.field).collect()
}

#[test]
fn the_defaults_are_the_seeds_figures_and_valid() {
    let s = CountySettings::default();
    assert_eq!(s.acknowledge_within_minutes, 30);
    assert_eq!(s.rectification_working_days, 15);
    assert_eq!(s.target_working_days, 120);
    assert_eq!(s.investment_threshold_fen, 5_000_000_000);
    assert_eq!(s.finishing_ladder, EscalationPolicy::finishing());
    assert_eq!(s.number_prefix("example"), "EXAMPLE");
    assert_eq!(s.ladder(Some(DeadlineKind::Acknowledgement)), &EscalationPolicy::acknowledgement());
    assert_eq!(s.ladder(Some(DeadlineKind::TeamFormation)), &EscalationPolicy::finishing());
    assert_eq!(s.ladder(None), &EscalationPolicy::finishing());
    assert!(s.problems().is_empty());
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(serde_json::from_value::<CountySettings>(json).unwrap(), s);
}

#[test]
fn every_bad_setting_is_named() {
    let mut s = CountySettings {
        acknowledge_within_minutes: 4,
        rectification_working_days: 0,
        target_working_days: 751,
        investment_threshold_fen: -1,
        case_number_prefix: Some("dy".into()),
        ..CountySettings::default()
    };
    s.office_hours.seasonal = Some(SeasonalHours {
        from: MonthDay::new(5, 1).unwrap(),
        until: MonthDay::new(5, 1).unwrap(),
        hours: OfficeHours::default(),
    });
    s.finishing_ladder.steps.push(Step {
        code: "remind_before".into(),
        kind: StepKind::Reminder,
        notify: Level::Agent,
        offset: Offset::WorkingDays(2),
    });
    s.acknowledgement_ladder.steps.clear();
    assert_eq!(
        fields(&s),
        [
            "acknowledge_within_minutes",
            "rectification_working_days",
            "target_working_days",
            "investment_threshold_fen",
            "case_number_prefix",
            "office_hours.seasonal",
            "acknowledgement_ladder.steps",
            "finishing_ladder.steps[5].code",
            "finishing_ladder.steps[5].offset",
        ]
    );
}

#[test]
fn prefixes_are_capitals_digits_and_inner_hyphens() {
    for good in ["DY", "CX-DY", "A1", "ABCDEFGHIJKL"] {
        let s = CountySettings { case_number_prefix: Some(good.into()), ..CountySettings::default() };
        assert!(s.problems().is_empty(), "{good}");
        assert_eq!(s.number_prefix("ignored"), good);
    }
    for bad in ["", "-DY", "DY-", "DY 1", "示例", "ABCDEFGHIJKLM", "dy"] {
        let s = CountySettings { case_number_prefix: Some(bad.into()), ..CountySettings::default() };
        assert_eq!(fields(&s), ["case_number_prefix"], "{bad}");
    }
}

#[test]
fn an_offset_at_the_end_of_its_integer_is_refused_without_a_panic() {
    for offset in [Offset::OfficeMinutes(i64::MIN), Offset::WorkingDays(i32::MIN)] {
        let mut s = CountySettings::default();
        s.finishing_ladder.steps[0].offset = offset;
        assert!(fields(&s).contains(&"finishing_ladder.steps[0].offset".to_owned()), "{offset:?}");
    }
}
