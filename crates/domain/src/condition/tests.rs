use chrono::NaiveDate;
use proptest::prelude::*;
use uuid::Uuid;

use super::blacklist::{self, BlacklistColumn, BlacklistProblem, ListSheet};
use super::*;
use crate::codes::assert_codes;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn condition(
    id: u128,
    severity: ConditionSeverity,
    from: NaiveDate,
    until: Option<NaiveDate>,
    lifted: bool,
) -> Condition {
    Condition {
        id: Uuid::from_u128(id),
        severity,
        source: ConditionSource::CreditPlatform,
        source_ref: Some("云信用〔2026〕12号".into()),
        reason: "拖欠工程款".into(),
        valid_from: from,
        valid_until: until,
        lifted,
    }
}

#[test]
fn codes_are_stable() {
    assert_codes(&ConditionSource::ALL);
    assert_codes(&ConditionSeverity::ALL);
}

#[test]
fn a_condition_is_in_force_from_its_first_day_to_the_day_before_it_ends_unless_lifted() {
    let c = condition(1, ConditionSeverity::Hold, day(2026, 12, 1), Some(day(2026, 12, 10)), false);
    assert!(!c.in_force(day(2026, 11, 30)));
    assert!(c.in_force(day(2026, 12, 1)));
    assert!(c.in_force(day(2026, 12, 9)));
    assert!(!c.in_force(day(2026, 12, 10)));
    let open = Condition { valid_until: None, ..c.clone() };
    assert!(open.in_force(day(2099, 1, 1)));
    assert!(!Condition { lifted: true, ..open }.in_force(day(2026, 12, 5)));
}

#[test]
fn notice_changes_nothing_hold_stops_applications_lock_stops_everything() {
    let today = day(2026, 12, 5);
    let notice = Restrictions::on(&[condition(1, ConditionSeverity::Notice, day(2026, 1, 1), None, false)], today);
    assert_eq!(notice.in_force.len(), 1);
    assert!(notice.may_change().is_ok() && notice.may_apply().is_ok());
    let hold = Restrictions::on(&[condition(2, ConditionSeverity::Hold, day(2026, 1, 1), None, false)], today);
    assert!(hold.may_change().is_ok());
    let stopped = hold.may_apply().unwrap_err();
    assert!(stopped.condition.refusal_zh().contains("信用平台"), "{}", stopped.condition.refusal_zh());
    assert!(stopped.condition.refusal_zh().contains("云信用〔2026〕12号"));
    assert!(stopped.condition.refusal_zh().contains("拖欠工程款"));
    assert!(stopped.to_string().contains("the credit platform"));
    let lock = Restrictions::on(&[condition(3, ConditionSeverity::Lock, day(2026, 1, 1), None, false)], today);
    assert!(lock.may_change().is_err() && lock.may_apply().is_err());
    // Strongest first.
    let all = Restrictions::on(
        &[
            condition(1, ConditionSeverity::Notice, day(2026, 1, 1), None, false),
            condition(3, ConditionSeverity::Lock, day(2026, 2, 1), None, false),
            condition(2, ConditionSeverity::Hold, day(2026, 1, 1), None, false),
        ],
        today,
    );
    let order: Vec<ConditionSeverity> = all.in_force.iter().map(|c| c.severity).collect();
    assert_eq!(order, vec![ConditionSeverity::Lock, ConditionSeverity::Hold, ConditionSeverity::Notice]);
}

fn input<'a>(code: Option<&'a str>, case: Option<Uuid>, reason: &'a str) -> ConditionInput<'a> {
    ConditionInput {
        credit_code: code,
        case_id: case,
        enterprise_name: None,
        severity: ConditionSeverity::Hold,
        source: ConditionSource::Court,
        source_ref: Some(" (2026)云2326执123号 "),
        reason,
        valid_from: day(2026, 12, 1),
        valid_until: None,
    }
}

#[test]
fn a_new_condition_names_one_target_a_reason_and_a_sound_period() {
    let ok = NewCondition::parse(input(Some("91532326MA6K5XQX5N"), None, " 失信被执行人 "));
    match ok {
        Ok(c) => {
            assert_eq!(c.reason, "失信被执行人");
            assert_eq!(c.source_ref.as_deref(), Some("(2026)云2326执123号"));
            assert!(matches!(c.target, ConditionTarget::Enterprise(_)));
        }
        Err(e) => panic!("{e:?}"),
    }
    let both = NewCondition::parse(input(Some("91532326MA6K5XQX5N"), Some(Uuid::nil()), "x")).unwrap_err();
    assert_eq!(both, vec![ConditionFieldError::Target]);
    let neither = NewCondition::parse(input(Some("  "), None, "x")).unwrap_err();
    assert_eq!(neither, vec![ConditionFieldError::Target]);
    let mut bad = input(Some("91532326MA6K5XQX5A"), None, "  ");
    bad.valid_until = Some(day(2026, 12, 1));
    let fields: Vec<&str> = NewCondition::parse(bad).unwrap_err().iter().map(|e| e.field()).collect();
    assert_eq!(fields, vec!["credit_code", "reason", "valid_until"]);
    assert!(lift_reason("  ").is_err());
    assert_eq!(lift_reason(" 已履行 ").unwrap(), "已履行");
}

fn sheet(rows: &[&[&str]]) -> ListSheet {
    ListSheet {
        name: "失信名单".into(),
        rows: rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect(),
    }
}

const HEADER: &[&str] = &["序号", "统一社会信用代码", "名称", "列入原因", "列入日期", "移出日期", "决定文号"];

#[test]
fn the_list_reads_every_row_as_a_hold_from_the_credit_platform() {
    let s = sheet(&[
        HEADER,
        &["1", "91532326ma6k5xqx5n", "示例建材有限公司", "拖欠工程款", "2026/11/30", "", "云信用〔2026〕12号"],
        &["", "", "", "", "", "", ""],
        &[
            "2",
            "91532326MA6K5XQX5N",
            "示例建材有限公司",
            "未履行判决",
            "2026年12月1日",
            "20270601",
            "云信用〔2026〕13号",
        ],
    ]);
    let entries = blacklist::parse(Some(&s)).unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].row, 2);
    assert_eq!(entries[1].row, 4);
    assert_eq!(entries[0].listed_on, day(2026, 11, 30));
    assert_eq!(entries[1].removed_on, Some(day(2027, 6, 1)));
    let c = entries[0].condition();
    assert_eq!((c.severity, c.source), (ConditionSeverity::Hold, ConditionSource::CreditPlatform));
    assert_eq!(c.source_ref.as_deref(), Some("云信用〔2026〕12号"));
}

#[test]
fn every_problem_of_the_list_is_named_by_sheet_row_and_column() {
    let s = sheet(&[
        HEADER,
        &["1", "91532326MA6K5XQX5A", "甲公司", "", "2026-13-01", "", "A1"],
        &["2", "91532326MA6K5XQX5N", "乙公司", "原因", "2026-12-01", "2026-11-01", "A2"],
        &["3", "91532326MA6K5XQX5N", "乙公司", "原因", "2026-12-01", "", "A2"],
    ]);
    let errors = blacklist::parse(Some(&s)).unwrap_err();
    let paths: Vec<(String, &str)> = errors.iter().map(|e| (e.path(), e.code())).collect();
    assert_eq!(
        paths,
        vec![
            ("失信名单/2/列入原因".to_owned(), "required"),
            ("失信名单/2/统一社会信用代码".to_owned(), "credit_code"),
            ("失信名单/2/列入日期".to_owned(), "not_a_date"),
            ("失信名单/3/移出日期".to_owned(), "period"),
            ("失信名单/4".to_owned(), "duplicate_row"),
        ]
    );
    assert_eq!(errors[1].zh(), "「失信名单」表第 2 行「统一社会信用代码」列：校验码不正确，应为 N");
    assert!(errors[4].en().contains("row 3"), "{}", errors[4].en());
    let headless = sheet(&[&["统一社会信用代码", "名称", "名称"]]);
    let errors = blacklist::parse(Some(&headless)).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.column == Some(BlacklistColumn::Name) && e.problem == BlacklistProblem::DuplicateColumn)
    );
    assert!(errors.iter().any(|e| e.column == Some(BlacklistColumn::DocumentNumber) && e.code() == "missing_column"));
    assert!(!errors.iter().any(|e| e.column == Some(BlacklistColumn::RemovedOn) && e.code() == "required"));
    assert_eq!(blacklist::parse(None).unwrap_err()[0].code(), "missing_sheet");
    assert_eq!(blacklist::parse(Some(&sheet(&[HEADER]))).unwrap_err()[0].code(), "no_rows");
}

#[test]
fn dates_come_in_the_ways_lists_write_them() {
    for t in ["2026-11-30", "2026/11/30", "2026.11.30", "2026年11月30日", "20261130", "2026-11-30 00:00:00"] {
        assert_eq!(blacklist::parse_date(t), Some(day(2026, 11, 30)), "{t}");
    }
    for t in ["", "30/11/2026", "2026-02-30", "明天"] {
        assert_eq!(blacklist::parse_date(t), None, "{t}");
    }
}

fn severity() -> impl Strategy<Value = ConditionSeverity> {
    prop_oneof![Just(ConditionSeverity::Notice), Just(ConditionSeverity::Hold), Just(ConditionSeverity::Lock)]
}

fn any_condition() -> impl Strategy<Value = Condition> {
    (0u128..1000, severity(), 0i64..60, proptest::option::of(1i64..60), any::<bool>()).prop_map(
        |(id, severity, start, length, lifted)| {
            let from = day(2026, 11, 1) + chrono::Days::new(start as u64);
            condition(id, severity, from, length.map(|l| from + chrono::Days::new(l as u64)), lifted)
        },
    )
}

proptest! {
    /// Whatever the conditions and the day: a change is refused exactly when a lock is in
    /// force, an application exactly when a hold or a lock is, the refusal names a condition
    /// in force, and a lifted condition never counts.
    #[test]
    fn the_effects_follow_the_conditions_in_force(
        conditions in proptest::collection::vec(any_condition(), 0..8),
        offset in 0i64..120,
    ) {
        let today = day(2026, 11, 1) + chrono::Days::new(offset as u64);
        let r = Restrictions::on(&conditions, today);
        let in_force = |s: &dyn Fn(ConditionSeverity) -> bool| conditions.iter().any(|c| c.in_force(today) && s(c.severity));
        prop_assert_eq!(r.may_change().is_err(), in_force(&|s| s == ConditionSeverity::Lock));
        prop_assert_eq!(r.may_apply().is_err(), in_force(&|s| s != ConditionSeverity::Notice));
        if let Err(stopped) = r.may_apply() {
            prop_assert!(stopped.condition.in_force(today));
            prop_assert!(stopped.condition.severity.stops_applications());
        }
        prop_assert!(r.in_force.iter().all(|c| !c.lifted && c.in_force(today)));
        prop_assert_eq!(r.in_force.len(), conditions.iter().filter(|c| c.in_force(today)).count());
        let lifted: Vec<Condition> = conditions.iter().cloned().map(|c| Condition { lifted: true, ..c }).collect();
        prop_assert_eq!(Restrictions::on(&lifted, today), Restrictions::default());
    }
}
