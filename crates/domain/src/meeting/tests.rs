use super::*;
use crate::case::chase::steps_due;
use crate::case::deadline::DeadlineKind;
use crate::notice::Language;
use chrono::TimeZone;
use std::collections::BTreeSet;

fn office() -> MeetingActor {
    MeetingActor { role: Role::Office, user_id: Uuid::from_u128(1), department_id: None }
}

fn agent(department: u128) -> MeetingActor {
    MeetingActor {
        role: Role::DepartmentAgent,
        user_id: Uuid::from_u128(2),
        department_id: Some(Uuid::from_u128(department)),
    }
}

fn draft() -> MeetingDraft {
    MeetingDraft {
        title: "  光伏项目用地协调  ".into(),
        kind: MeetingKind::JointMeeting,
        scheduled_at: Utc.with_ymd_and_hms(2026, 12, 10, 2, 0, 0).unwrap(),
        place: "县政务服务中心三楼会议室".into(),
        agenda: vec!["用地预审".into(), " 环评并联 ".into()],
        attendees: vec![Attendee { department_id: Uuid::from_u128(10), user_id: None }],
        case_ids: vec![Uuid::from_u128(20)],
    }
}

#[test]
fn the_table_moves_a_meeting_only_for_the_office() {
    assert_eq!(transition(MeetingState::Scheduled, MeetingAction::Hold, &office()), Ok(MeetingState::Held));
    assert_eq!(transition(MeetingState::Held, MeetingAction::Close, &office()), Ok(MeetingState::Closed));
    assert_eq!(transition(MeetingState::Scheduled, MeetingAction::Cancel, &office()), Ok(MeetingState::Cancelled));
    assert_eq!(transition(MeetingState::Scheduled, MeetingAction::Edit, &office()), Ok(MeetingState::Scheduled));
    assert_eq!(transition(MeetingState::Scheduled, MeetingAction::Hold, &agent(10)), Err(MeetingError::Forbidden));
    let Err(MeetingError::NotAllowed { allowed, .. }) = transition(MeetingState::Held, MeetingAction::Edit, &office())
    else {
        panic!("editing a held meeting must be refused");
    };
    assert_eq!(allowed, ["close"]);
    assert!(matches!(
        transition(MeetingState::Cancelled, MeetingAction::Hold, &office()),
        Err(MeetingError::NotAllowed { .. })
    ));
    assert_eq!(
        allowed_actions(MeetingState::Scheduled, &office()),
        [MeetingAction::Edit, MeetingAction::Hold, MeetingAction::Cancel]
    );
    assert!(allowed_actions(MeetingState::Scheduled, &agent(10)).is_empty());
    assert!(MeetingState::Closed.is_final() && MeetingState::Cancelled.is_final() && !MeetingState::Held.is_final());
}

#[test]
fn an_action_is_settled_by_its_owner_department_or_the_office() {
    let limits = MeetingLimits::DEFAULT;
    let owner = Uuid::from_u128(10);
    let done = follow_up(ActionState::Open, owner, FollowUpAction::Complete, " 已完成 ", &agent(10), &limits);
    assert_eq!(done, Ok((ActionState::Done, "已完成".to_owned())));
    assert_eq!(
        follow_up(ActionState::Open, owner, FollowUpAction::Drop, "并入下次会议", &office(), &limits).map(|d| d.0),
        Ok(ActionState::Dropped)
    );
    assert_eq!(
        follow_up(ActionState::Open, owner, FollowUpAction::Complete, "x", &agent(11), &limits),
        Err(MeetingError::Forbidden)
    );
    assert_eq!(
        follow_up(ActionState::Open, owner, FollowUpAction::Drop, " ", &office(), &limits),
        Err(MeetingError::Fields(vec![("note".into(), FieldProblem::Required)]))
    );
    assert!(matches!(
        follow_up(ActionState::Done, owner, FollowUpAction::Drop, "x", &office(), &limits),
        Err(MeetingError::NotAllowed { .. })
    ));
    assert_eq!(
        allowed_follow_ups(ActionState::Open, owner, &agent(10)),
        [FollowUpAction::Complete, FollowUpAction::Drop]
    );
    assert!(allowed_follow_ups(ActionState::Open, owner, &agent(11)).is_empty());
}

#[test]
fn a_draft_names_every_wrong_field() {
    let ok = check_draft(&draft(), &MeetingLimits::DEFAULT).unwrap();
    assert_eq!(ok.title, "光伏项目用地协调");
    assert_eq!(ok.agenda, ["用地预审", "环评并联"]);
    let d = Uuid::from_u128(10);
    let bad = MeetingDraft {
        title: " ".into(),
        place: "x".repeat(101),
        agenda: vec!["a".into(), "".into()],
        attendees: vec![Attendee { department_id: d, user_id: None }, Attendee { department_id: d, user_id: None }],
        case_ids: vec![Uuid::from_u128(1), Uuid::from_u128(1)],
        ..draft()
    };
    let fields: Vec<String> =
        check_draft(&bad, &MeetingLimits::DEFAULT).unwrap_err().into_iter().map(|e| e.0).collect();
    assert_eq!(fields, ["title", "place", "agenda[1]", "attendees[1].department_id", "case_ids[1]"]);
    let empty = MeetingDraft { agenda: vec![], attendees: vec![], ..draft() };
    let fields: Vec<String> =
        check_draft(&empty, &MeetingLimits::DEFAULT).unwrap_err().into_iter().map(|e| e.0).collect();
    assert_eq!(fields, ["agenda", "attendees"]);
}

#[test]
fn minutes_name_every_wrong_decision_and_action() {
    let case = Uuid::from_u128(20);
    let action = |days| ActionInput {
        department_id: Uuid::from_u128(10),
        user_id: None,
        what: "出具意见".into(),
        working_days: days,
    };
    let good = Minutes {
        minutes: "会议议定如下。".into(),
        decisions: vec![DecisionInput {
            text: "同意容缺受理".into(),
            kind: DecisionKind::Tolerance,
            case_id: Some(case),
            actions: vec![action(2)],
        }],
    };
    assert_eq!(check_minutes(&good, &[case], &MeetingLimits::DEFAULT), Ok(good.clone()));
    let bad = Minutes {
        minutes: "".into(),
        decisions: vec![DecisionInput {
            text: " ".into(),
            kind: DecisionKind::Other,
            case_id: Some(Uuid::from_u128(99)),
            actions: vec![action(2), ActionInput { what: "".into(), ..action(0) }, action(61)],
        }],
    };
    let fields: Vec<String> =
        check_minutes(&bad, &[case], &MeetingLimits::DEFAULT).unwrap_err().into_iter().map(|e| e.0).collect();
    assert_eq!(
        fields,
        [
            "minutes",
            "decisions[0].text",
            "decisions[0].case_id",
            "decisions[0].actions[1].what",
            "decisions[0].actions[1].working_days",
            "decisions[0].actions[2].working_days"
        ]
    );
}

#[test]
fn an_action_is_due_at_the_close_of_its_last_working_day() {
    let cal = Calendar::china().unwrap();
    // Friday 2026-12-11 10:00 in the county: two working days on is Tuesday the 15th, 18:00.
    let held = Utc.with_ymd_and_hms(2026, 12, 11, 2, 0, 0).unwrap();
    let due = action_due(held, 2, &cal).unwrap();
    assert_eq!(due, Utc.with_ymd_and_hms(2026, 12, 15, 10, 0, 0).unwrap());
    assert!(!is_overdue(ActionState::Open, due, due));
    assert!(is_overdue(ActionState::Open, due, due + chrono::TimeDelta::minutes(1)));
    assert!(!is_overdue(ActionState::Done, due, due + chrono::TimeDelta::days(9)));
}

#[test]
fn closed_cases_get_nothing_written() {
    assert!(writes_to_case(CaseState::InService));
    assert!(!writes_to_case(CaseState::Archived));
    assert!(!writes_to_case(CaseState::Completed));
}

#[test]
fn attendees_are_told_of_a_convened_meeting() {
    let mut d = draft();
    d.attendees.push(Attendee { department_id: Uuid::from_u128(11), user_id: Some(Uuid::from_u128(5)) });
    let notice = convened_notice(&d, Uuid::from_u128(1));
    assert_eq!(notice.except, Some(Uuid::from_u128(1)));
    assert_eq!(notice.to.len(), 2);
    assert_eq!(
        notice.key.render(crate::notice::KeyIds { record_id: Some(Uuid::from_u128(7)), ..Default::default() }),
        format!("meeting:{}:convened", Uuid::from_u128(7))
    );
    let text = notice.render(Language::Chinese);
    assert!(text.title.contains("光伏项目用地协调"), "{}", text.title);
    assert!(text.body.contains("联席会议") && text.body.contains("2026-12-10 10:00"), "{}", text.body);
}

mod chasing {
    use super::*;
    use crate::meeting::chase::*;
    use crate::notice::Recipient;

    fn about() -> ChasedAction {
        ChasedAction {
            state: ActionState::Open,
            what: "出具用地预审意见".into(),
            meeting_title: "光伏项目用地协调".into(),
            department_id: Uuid::from_u128(10),
            department_name: Some("县自然资源局".into()),
            owner_id: None,
        }
    }

    #[test]
    fn the_ladder_tells_the_owner_then_climbs() {
        let cal = Calendar::china().unwrap();
        let due = Utc.with_ymd_and_hms(2026, 12, 15, 10, 0, 0).unwrap();
        let kind = Some(DeadlineKind::MeetingAction);
        let subject = subject(Uuid::from_u128(3));
        assert!(subject.starts_with("meeting_action:"));
        let later = cal.add_working_days(due, 3).unwrap();
        let (steps, next) = steps_due(
            crate::settings::CountySettings::default().ladder(kind),
            &subject,
            due,
            &BTreeSet::new(),
            later,
            &cal,
        )
        .unwrap();
        let codes: Vec<&str> = steps.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["remind_before", "at_deadline", "escalate_department_leader", "escalate_office"]);
        assert!(next.is_some());
        assert_eq!(step_notice(&steps[0], &about(), later, &cal), None);
        let at = step_notice(&steps[1], &about(), later, &cal).unwrap();
        assert_eq!(
            at.to,
            [Recipient::FirstOf {
                options: vec![
                    Recipient::department(Uuid::from_u128(10), Role::DepartmentAgent),
                    Recipient::role(Role::Office)
                ]
            }]
        );
        let text = at.render(Language::Chinese);
        assert!(text.title.contains("议定事项已超时"), "{}", text.title);
        assert!(text.body.contains("光伏项目用地协调：出具用地预审意见”（县自然资源局）"), "{}", text.body);
        let leader = step_notice(&steps[2], &about(), later, &cal).unwrap();
        assert_eq!(
            leader.to,
            [Recipient::FirstOf {
                options: vec![
                    Recipient::department(Uuid::from_u128(10), Role::DepartmentLeader),
                    Recipient::role(Role::Office)
                ]
            }]
        );
        assert_eq!(step_notice(&steps[3], &about(), later, &cal).unwrap().to, [Recipient::role(Role::Office)]);
    }

    #[test]
    fn a_settled_or_missing_action_is_stale() {
        assert!(is_stale(None));
        assert!(!is_stale(Some(&about())));
        assert!(is_stale(Some(&ChasedAction { state: ActionState::Done, ..about() })));
        assert!(is_stale(Some(&ChasedAction { state: ActionState::Dropped, ..about() })));
    }
}

#[test]
fn the_default_template_of_a_convened_meeting_is_its_built_in_wording() {
    use crate::notice::NotificationKind;
    use crate::notice::template::{Template, default_text};
    let notice = convened_notice(&check_draft(&draft(), &MeetingLimits::DEFAULT).unwrap(), Uuid::from_u128(1));
    for language in Language::ALL {
        let (title, body) = default_text(NotificationKind::MeetingConvened, language);
        let template = Template::parse(NotificationKind::MeetingConvened, title, body).unwrap();
        assert_eq!(template.render(&notice.params, language), notice.render(language), "{language:?}");
    }
}
