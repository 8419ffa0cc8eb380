//! Task-sheet rules, on real 2026 dates (Asia/Shanghai wall-clock times).

use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use uuid::Uuid;

use super::*;
use crate::calendar::{Calendar, TIME_ZONE};
use crate::case::Actor;
use crate::role::Role;
use crate::time_limit::TimeLimit;

fn at(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    TIME_ZONE.with_ymd_and_hms(2026, m, d, h, min, 0).single().unwrap().with_timezone(&Utc)
}

fn cal() -> Calendar {
    Calendar::china().unwrap()
}

const DEPT: Uuid = Uuid::from_u128(10);
const OTHER_DEPT: Uuid = Uuid::from_u128(11);

fn agent(n: u128) -> Actor {
    Actor { user_id: Uuid::from_u128(n), role: Role::DepartmentAgent, department_id: Some(DEPT) }
}

fn leader() -> Actor {
    Actor { user_id: Uuid::from_u128(50), role: Role::DepartmentLeader, department_id: Some(DEPT) }
}

fn window() -> Actor {
    Actor { user_id: Uuid::from_u128(60), role: Role::WindowAgent, department_id: None }
}

fn enterprise() -> Actor {
    Actor { user_id: Uuid::from_u128(70), role: Role::Enterprise, department_id: None }
}

fn rules(days: u32) -> ItemRules {
    ItemRules {
        promised: TimeLimit::WorkingDays(days),
        max_extension_working_days: Some(5),
        allows_commitment: true,
        acknowledge_within_minutes: 30,
    }
}

/// Dispatched Monday 2026-03-02 09:00, 5 working days: due Monday 03-09 18:00.
fn dispatched() -> TaskSheet {
    TaskSheet::dispatch(DEPT, rules(5), vec![], at(3, 2, 9, 0), &cal()).unwrap().0
}

fn run(sheet: &TaskSheet, command: SheetCommand, actor: &Actor, now: DateTime<Utc>) -> Result<Outcome, SheetError> {
    apply(sheet, command, actor, now, &cal())
}

fn ok(sheet: &TaskSheet, command: SheetCommand, actor: &Actor, now: DateTime<Utc>) -> TaskSheet {
    run(sheet, command, actor, now).unwrap().sheet
}

fn acknowledged() -> TaskSheet {
    ok(&dispatched(), SheetCommand::Acknowledge, &agent(1), at(3, 2, 9, 20))
}

fn approve(number: &str) -> SheetCommand {
    SheetCommand::Finish { decision: Decision::Approved { document_number: number.into() } }
}

fn correction() -> SheetCommand {
    SheetCommand::RequestCorrection { reason: "图纸缺少盖章".into(), materials: vec!["施工图".into()] }
}

#[test]
fn dispatch_sets_both_deadlines() {
    let (sheet, event) = TaskSheet::dispatch(DEPT, rules(5), vec![], at(3, 2, 11, 50), &cal()).unwrap();
    assert_eq!(
        event,
        SheetEvent::Dispatched { department_id: DEPT, acknowledge_by: at(3, 2, 14, 50), finish_by: at(3, 9, 18, 0) }
    );
    assert_eq!(sheet.state, SheetState::Dispatched);
}

#[test]
fn acknowledgement_within_thirty_office_minutes() {
    let sheet = dispatched();
    let on_time = run(&sheet, SheetCommand::Acknowledge, &agent(1), at(3, 2, 9, 30)).unwrap();
    assert_eq!(on_time.events, vec![SheetEvent::Acknowledged { on_time: true }]);
    assert_eq!(on_time.sheet.assignee_id, Some(agent(1).user_id));
    assert_eq!(on_time.sheet.acknowledged_at, Some(at(3, 2, 9, 30)));
    let late = run(&sheet, SheetCommand::Acknowledge, &agent(1), at(3, 2, 9, 31)).unwrap();
    assert_eq!(late.events, vec![SheetEvent::Acknowledged { on_time: false }]);
    // Dispatched 17:50 Friday before the 春节 调休 Saturday: due Saturday 09:20.
    let friday = TaskSheet::dispatch(DEPT, rules(5), vec![], at(2, 13, 17, 50), &cal()).unwrap().0;
    assert_eq!(friday.acknowledgement_deadline(&cal()).unwrap(), at(2, 14, 9, 20));
}

#[test]
fn happy_path_finishes_on_time() {
    let sheet = acknowledged();
    let out = run(&sheet, approve("大发改备〔2026〕12号"), &agent(1), at(3, 9, 17, 0)).unwrap();
    assert_eq!(out.sheet.state, SheetState::Finished);
    assert_eq!(out.sheet.closed_at, Some(at(3, 9, 17, 0)));
    assert!(matches!(out.events[..], [SheetEvent::Finished { on_time: true, .. }]));
    assert_eq!(out.follow_up, None);
    let late = run(&sheet, approve("x"), &agent(1), at(3, 9, 18, 1)).unwrap();
    assert!(matches!(late.events[..], [SheetEvent::Finished { on_time: false, .. }]));
    assert_eq!(run(&sheet, approve("  "), &agent(1), at(3, 9, 17, 0)), Err(SheetError::DocumentNumberRequired));
}

#[test]
fn corrections_pause_the_clock_repeatedly_and_exactly() {
    let cal = cal();
    let mut sheet = acknowledged();
    // Tuesday 10:00 → Wednesday 15:00 = 540 office minutes.
    sheet = ok(&sheet, correction(), &agent(1), at(3, 3, 10, 0));
    assert!(sheet.is_paused());
    assert_eq!(sheet.finish_deadline(&cal, at(3, 3, 11, 0)).unwrap(), at(3, 10, 10, 0), "moves while paused");
    let out = run(&sheet, SheetCommand::SupplyCorrection, &enterprise(), at(3, 4, 15, 0)).unwrap();
    assert_eq!(
        out.events,
        vec![SheetEvent::CorrectionSupplied { paused_office_minutes: 540, finish_by: at(3, 11, 11, 30) }]
    );
    sheet = out.sheet;
    // Thursday 09:00 → 12:00 = 180 more.
    sheet = ok(&sheet, correction(), &agent(1), at(3, 5, 9, 0));
    sheet = ok(&sheet, SheetCommand::SupplyCorrection, &window(), at(3, 5, 12, 0));
    assert_eq!(sheet.stops.len(), 2);
    assert!(sheet.stops.iter().all(|s| !s.pause.is_open()));
    assert_eq!(sheet.paused_office_time(&cal, at(4, 1, 0, 0)), TimeDelta::minutes(720));
    let expected = cal.add_office_minutes(at(3, 9, 18, 0), 720).unwrap();
    assert_eq!(sheet.finish_deadline(&cal, at(4, 1, 0, 0)).unwrap(), expected);
    assert_eq!(expected, at(3, 11, 17, 0));
}

#[test]
fn a_paused_sheet_can_be_refused_but_not_approved() {
    let paused = ok(&acknowledged(), correction(), &agent(1), at(3, 3, 10, 0));
    assert_eq!(run(&paused, approve("x"), &agent(1), at(3, 4, 9, 0)), Err(SheetError::ApprovalWhilePaused));
    let refuse = SheetCommand::Finish { decision: Decision::NotApproved { reason: "补正逾期未提交".into() } };
    let done = ok(&paused, refuse, &agent(1), at(3, 4, 9, 0));
    assert_eq!(done.state, SheetState::Finished);
    assert_eq!(done.stops[0].pause.end, Some(at(3, 4, 9, 0)));
    let blank = SheetCommand::Finish { decision: Decision::Withdrawn { reason: " ".into() } };
    assert_eq!(
        run(&paused, blank, &agent(1), at(3, 4, 9, 0)),
        Err(SheetError::ReasonRequired { action: SheetAction::Finish })
    );
}

#[test]
fn extension_once_within_the_maximum_never_while_paused() {
    let cal = cal();
    let extend = |days| SheetCommand::Extend { working_days: days, reason: "需专家论证".into() };
    let sheet = acknowledged();
    assert_eq!(
        run(&sheet, extend(6), &leader(), at(3, 5, 9, 0)),
        Err(SheetError::ExtensionOutOfBounds { requested: 6, max: 5 })
    );
    assert_eq!(
        run(&sheet, extend(0), &leader(), at(3, 5, 9, 0)),
        Err(SheetError::ExtensionOutOfBounds { requested: 0, max: 5 })
    );
    assert!(matches!(run(&sheet, extend(2), &agent(1), at(3, 5, 9, 0)), Err(SheetError::Forbidden { .. })));
    let out = run(&sheet, extend(2), &leader(), at(3, 5, 9, 0)).unwrap();
    assert!(matches!(
        &out.events[..],
        [SheetEvent::Extended { working_days: 2, finish_by, .. }] if *finish_by == at(3, 11, 18, 0)
    ));
    assert_eq!(out.sheet.finish_deadline(&cal, at(3, 5, 9, 0)).unwrap(), at(3, 11, 18, 0));
    assert_eq!(run(&out.sheet, extend(1), &leader(), at(3, 5, 9, 0)), Err(SheetError::AlreadyExtended));
    let paused = ok(&sheet, correction(), &agent(1), at(3, 3, 10, 0));
    assert!(matches!(
        run(&paused, extend(1), &leader(), at(3, 4, 9, 0)),
        Err(SheetError::NotAllowed { state: SheetState::Paused, action: SheetAction::Extend, .. })
    ));
    assert_eq!(
        run(&sheet, extend(1), &leader(), at(3, 9, 18, 1)),
        Err(SheetError::ExtensionAfterDeadline { deadline: at(3, 9, 18, 0) })
    );
    let mut strict = sheet.clone();
    strict.rules.max_extension_working_days = None;
    assert_eq!(run(&strict, extend(1), &leader(), at(3, 5, 9, 0)), Err(SheetError::ExtensionNotAllowed));
}

#[test]
fn time_used_against_promised_once_finished() {
    let cal = cal();
    let day = cal.timetable().standard.per_day();
    // Dispatched Monday 09:00 with 5 working days: due the next Monday 18:00, six office days.
    let sheet = acknowledged();
    assert_eq!(sheet.time_used(&cal).unwrap(), None, "open: nothing to measure yet");
    let early = ok(&sheet, approve("姚发改备〔2026〕7号"), &agent(1), at(3, 9, 17, 0));
    assert_eq!(
        early.time_used(&cal).unwrap(),
        Some(TimeUsed { used: day * 6 - TimeDelta::hours(1), promised: day * 6 })
    );

    // A day and a half of 补正 is not counted; finishing on the moved deadline uses it all.
    let paused = ok(&sheet, correction(), &agent(1), at(3, 3, 9, 0));
    let resumed = ok(&paused, SheetCommand::SupplyCorrection, &enterprise(), at(3, 4, 14, 30));
    let deadline = resumed.finish_deadline(&cal, at(3, 4, 14, 30)).unwrap();
    let on_deadline = ok(&resumed, approve("姚发改备〔2026〕8号"), &agent(1), deadline);
    let used = on_deadline.time_used(&cal).unwrap().unwrap();
    assert_eq!(used.used, used.promised);
    assert_eq!(used.promised, day * 6);

    // An extension's working days are promised too; a refusal is measured like an approval.
    let extended =
        ok(&sheet, SheetCommand::Extend { working_days: 2, reason: "需专家论证".into() }, &leader(), at(3, 5, 9, 0));
    let refused = ok(
        &extended,
        SheetCommand::Finish { decision: Decision::NotApproved { reason: "不符合规划".into() } },
        &agent(1),
        at(3, 10, 9, 0),
    );
    assert_eq!(refused.time_used(&cal).unwrap().unwrap().promised, day * 8);

    // A cancelled sheet was never asked to finish.
    let mut cancelled = sheet.clone();
    cancelled.state = SheetState::Cancelled;
    cancelled.closed_at = Some(at(3, 4, 9, 0));
    assert_eq!(cancelled.time_used(&cal).unwrap(), None);
}

#[test]
fn missing_materials_hold_the_approval() {
    let committed = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
    let missing = |name: &str| MissingMaterial { name: name.into(), committed_by: committed, supplied_at: None };
    let (sheet, _) =
        TaskSheet::dispatch(DEPT, rules(5), vec![missing("环评批复"), missing("能评意见")], at(3, 2, 9, 0), &cal())
            .unwrap();
    let sheet = ok(&sheet, SheetCommand::Acknowledge, &agent(1), at(3, 2, 9, 10));
    assert_eq!(
        run(&sheet, approve("x"), &agent(1), at(3, 3, 9, 0)),
        Err(SheetError::MaterialsOutstanding { names: vec!["环评批复".into(), "能评意见".into()] })
    );
    let supply = |names: &[&str]| SheetCommand::SupplyMissingMaterials {
        names: names.iter().map(|n| (*n).to_owned()).collect(),
    };
    assert_eq!(
        run(&sheet, supply(&["规划图"]), &enterprise(), at(3, 3, 9, 0)),
        Err(SheetError::UnknownMaterials { names: vec!["规划图".into()] })
    );
    assert!(run(&sheet, supply(&[]), &enterprise(), at(3, 3, 9, 0)).is_err());
    let out = run(&sheet, supply(&["环评批复"]), &enterprise(), at(3, 3, 9, 0)).unwrap();
    assert_eq!(
        out.events,
        vec![SheetEvent::MissingMaterialsSupplied { names: vec!["环评批复".into()], still_missing: 1 }]
    );
    assert_eq!(
        run(&out.sheet, supply(&["环评批复"]), &enterprise(), at(3, 3, 9, 0)),
        Err(SheetError::UnknownMaterials { names: vec!["环评批复".into()] }),
        "already supplied"
    );
    let all = ok(&out.sheet, supply(&["能评意见"]), &window(), at(3, 4, 9, 0));
    assert!(all.outstanding_materials().is_empty());
    assert_eq!(ok(&all, approve("x"), &agent(1), at(3, 4, 10, 0)).state, SheetState::Finished);
}

#[test]
fn approval_on_commitment_asks_for_a_verification_sheet() {
    let sheet = acknowledged();
    let command = SheetCommand::ApproveOnCommitment { document_number: "大住建承诺〔2026〕3号".into() };
    let out = run(&sheet, command.clone(), &agent(1), at(3, 2, 10, 0)).unwrap();
    assert_eq!(out.sheet.state, SheetState::Finished);
    assert!(out.sheet.approved_on_commitment);
    assert_eq!(out.follow_up, Some(FollowUp::VerificationSheet { department_id: DEPT }));
    assert_eq!(
        out.events,
        vec![SheetEvent::ApprovedOnCommitment {
            document_number: "大住建承诺〔2026〕3号".into(), on_time: true
        }]
    );
    let mut no = sheet.clone();
    no.rules.allows_commitment = false;
    assert_eq!(run(&no, command, &agent(1), at(3, 2, 10, 0)), Err(SheetError::CommitmentNotAllowed));
}

#[test]
fn send_back_and_redispatch_start_a_new_clock() {
    let sheet = acknowledged();
    let back = ok(&sheet, SheetCommand::SendBack { reason: "非本部门事项".into() }, &agent(1), at(3, 3, 9, 0));
    assert_eq!(back.state, SheetState::SentBack);
    assert!(matches!(
        run(&back, SheetCommand::Redispatch { department_id: OTHER_DEPT }, &agent(1), at(3, 3, 10, 0)),
        Err(SheetError::Forbidden { .. })
    ));
    let out = run(&back, SheetCommand::Redispatch { department_id: OTHER_DEPT }, &window(), at(3, 3, 10, 0)).unwrap();
    assert_eq!(out.sheet.state, SheetState::Dispatched);
    assert_eq!(out.sheet.department_id, OTHER_DEPT);
    assert_eq!(out.sheet.assignee_id, None);
    assert_eq!(
        out.events,
        vec![SheetEvent::Redispatched {
            department_id: OTHER_DEPT,
            acknowledge_by: at(3, 3, 10, 30),
            finish_by: at(3, 10, 18, 0),
        }]
    );
    assert!(matches!(
        run(&out.sheet, SheetCommand::Acknowledge, &agent(1), at(3, 3, 10, 5)),
        Err(SheetError::OtherDepartment { .. })
    ));
}

#[test]
fn transfer_within_the_department_keeps_the_clock() {
    let cal = cal();
    let sheet = acknowledged();
    let before = sheet.finish_deadline(&cal, at(3, 3, 9, 0)).unwrap();
    let to = |user: u128, dept| SheetCommand::Transfer { to_user_id: Uuid::from_u128(user), to_department_id: dept };
    assert_eq!(run(&sheet, to(2, OTHER_DEPT), &agent(1), at(3, 3, 9, 0)), Err(SheetError::TransferOutsideDepartment));
    assert_eq!(run(&sheet, to(1, DEPT), &agent(1), at(3, 3, 9, 0)), Err(SheetError::AlreadyHeld));
    assert_eq!(
        run(&sheet, to(3, DEPT), &agent(2), at(3, 3, 9, 0)),
        Err(SheetError::NotTheHolder { action: SheetAction::Transfer })
    );
    let out = run(&sheet, to(2, DEPT), &agent(1), at(3, 3, 9, 0)).unwrap();
    assert_eq!(
        out.events,
        vec![SheetEvent::Transferred { from_user_id: Some(Uuid::from_u128(1)), to_user_id: Uuid::from_u128(2) }]
    );
    let moved = out.sheet;
    assert_eq!(moved.finish_deadline(&cal, at(3, 3, 9, 0)).unwrap(), before);
    assert_eq!(moved.state, SheetState::Acknowledged);
    assert_eq!(
        run(&moved, approve("x"), &agent(1), at(3, 3, 10, 0)),
        Err(SheetError::NotTheHolder { action: SheetAction::Finish })
    );
    assert!(run(&moved, approve("x"), &agent(2), at(3, 3, 10, 0)).is_ok());
    assert!(run(&moved, approve("x"), &leader(), at(3, 3, 10, 0)).is_ok(), "leader reassigns or acts");
    // The department leader may reassign a sheet held by an agent.
    assert!(run(&moved, to(3, DEPT), &leader(), at(3, 3, 10, 0)).is_ok());
}

#[test]
fn cancellation_closes_the_open_stop() {
    let paused = ok(&acknowledged(), correction(), &agent(1), at(3, 3, 10, 0));
    let office = Actor { role: Role::Office, ..window() };
    let out = run(&paused, SheetCommand::Cancel { reason: "项目终止".into() }, &office, at(3, 4, 9, 0)).unwrap();
    assert_eq!(out.sheet.state, SheetState::Cancelled);
    assert_eq!(out.sheet.stops[0].pause.end, Some(at(3, 4, 9, 0)));
    assert!(matches!(
        run(&out.sheet, SheetCommand::Cancel { reason: "x".into() }, &office, at(3, 4, 9, 0)),
        Err(SheetError::NotAllowed { allowed, .. }) if allowed.is_empty()
    ));
}

#[test]
fn only_the_department_acts_on_its_sheet() {
    let sheet = dispatched();
    let stranger = Actor { department_id: Some(OTHER_DEPT), ..agent(9) };
    assert_eq!(
        run(&sheet, SheetCommand::Acknowledge, &stranger, at(3, 2, 9, 10)),
        Err(SheetError::OtherDepartment { action: SheetAction::Acknowledge })
    );
    assert_eq!(
        run(&sheet, SheetCommand::Acknowledge, &enterprise(), at(3, 2, 9, 10)),
        Err(SheetError::Forbidden { action: SheetAction::Acknowledge, role: Role::Enterprise })
    );
    assert!(run(&sheet, SheetCommand::Acknowledge, &leader(), at(3, 2, 9, 10)).is_ok());
}

fn sample(action: SheetAction) -> SheetCommand {
    match action {
        SA::Acknowledge => SheetCommand::Acknowledge,
        SA::RequestCorrection => correction(),
        SA::SupplyCorrection => SheetCommand::SupplyCorrection,
        SA::SupplyMissingMaterials => SheetCommand::SupplyMissingMaterials { names: vec!["x".into()] },
        SA::Extend => SheetCommand::Extend { working_days: 1, reason: "r".into() },
        SA::Finish => approve("n"),
        SA::ApproveOnCommitment => SheetCommand::ApproveOnCommitment { document_number: "n".into() },
        SA::SendBack => SheetCommand::SendBack { reason: "r".into() },
        SA::Redispatch => SheetCommand::Redispatch { department_id: DEPT },
        SA::Transfer => SheetCommand::Transfer { to_user_id: Uuid::from_u128(2), to_department_id: DEPT },
        SA::Cancel => SheetCommand::Cancel { reason: "r".into() },
    }
}

#[test]
fn every_pair_outside_the_table_is_refused_with_the_allowed_actions() {
    const STATES: [SheetState; 6] =
        [St::Dispatched, St::Acknowledged, St::Paused, St::Finished, St::SentBack, St::Cancelled];
    const ACTIONS: [SheetAction; 11] = [
        SA::Acknowledge,
        SA::RequestCorrection,
        SA::SupplyCorrection,
        SA::SupplyMissingMaterials,
        SA::Extend,
        SA::Finish,
        SA::ApproveOnCommitment,
        SA::SendBack,
        SA::Redispatch,
        SA::Transfer,
        SA::Cancel,
    ];
    assert_eq!(SHEET_RULES.len(), ACTIONS.len());
    for state in STATES {
        for action in ACTIONS {
            let mut sheet = acknowledged();
            sheet.state = state;
            let in_table = SHEET_RULES.iter().any(|r| r.action == action && r.from.contains(&state));
            // Someone who may take the action: the state alone refuses it.
            let who = actor_for(crate::case::sheet::who_takes(action).unwrap());
            let result = run(&sheet, sample(action), &who, at(3, 3, 9, 0));
            match result {
                Err(SheetError::NotAllowed { state: s, action: a, allowed }) => {
                    assert!(!in_table, "{state} {action}");
                    assert_eq!((s, a), (state, action));
                    assert_eq!(allowed, allowed_sheet_actions(state));
                }
                _ => assert!(in_table, "{state} {action} should be refused"),
            }
        }
    }
    assert!(allowed_sheet_actions(St::Finished).is_empty());
    // Who acts is asked before the state: another department's agent hears it may not act,
    // not what state the sheet is in.
    let mut finished = acknowledged();
    finished.state = St::Finished;
    let stranger = Actor { department_id: Some(Uuid::from_u128(999)), ..leader() };
    assert!(matches!(
        run(&finished, sample(SA::Acknowledge), &stranger, at(3, 3, 9, 0)),
        Err(SheetError::OtherDepartment { .. })
    ));
    assert_eq!(
        SheetError::NotAllowed {
            state: St::SentBack,
            action: SA::Finish,
            allowed: allowed_sheet_actions(St::SentBack)
        }
        .to_string(),
        "cannot finish a sheet that is sent_back; possible: redispatch, cancel"
    );
}

#[test]
fn commands_and_events_have_snake_case_tags() {
    let json = serde_json::to_value(correction()).unwrap();
    assert_eq!(json["action"], "request_correction");
    let event = SheetEvent::Acknowledged { on_time: true };
    assert_eq!(serde_json::to_string(&event).unwrap(), r#"{"type":"acknowledged","on_time":true}"#);
    let decision = Decision::NotApproved { reason: "r".into() };
    assert_eq!(serde_json::to_string(&decision).unwrap(), r#"{"result":"not_approved","reason":"r"}"#);
    assert_eq!(serde_json::to_string(&SheetState::SentBack).unwrap(), r#""sent_back""#);
    let events = [
        SheetEvent::Acknowledged { on_time: true },
        SheetEvent::MissingMaterialsSupplied { names: vec![], still_missing: 0 },
        SheetEvent::ApprovedOnCommitment { document_number: "n".into(), on_time: true },
        SheetEvent::Transferred { from_user_id: None, to_user_id: Uuid::nil() },
    ];
    for event in events {
        assert_eq!(serde_json::to_value(&event).unwrap()["type"], event.code());
    }
    for state in [St::Dispatched, St::Acknowledged, St::Paused, St::Finished, St::SentBack, St::Cancelled] {
        assert_eq!(serde_json::to_value(state).unwrap(), state.code());
    }
}

proptest! {
    /// Any series of corrections that start before the unpaused deadline moves it by exactly
    /// their office time.
    #[test]
    fn corrections_move_the_deadline_by_their_office_time(
        gaps in proptest::collection::vec((1i64..2000, 1i64..3000), 0..6),
    ) {
        let cal = cal();
        let mut sheet = acknowledged();
        let base = sheet.finish_deadline(&cal, at(3, 2, 9, 20)).unwrap();
        let mut now = at(3, 2, 9, 20);
        let mut paused = TimeDelta::zero();
        for (run_minutes, pause_minutes) in gaps {
            now += TimeDelta::minutes(run_minutes);
            if now >= base {
                break;
            }
            sheet = ok(&sheet, correction(), &agent(1), now);
            let start = now;
            now += TimeDelta::minutes(pause_minutes);
            sheet = ok(&sheet, SheetCommand::SupplyCorrection, &enterprise(), now);
            paused += cal.office_time_between(start, now);
        }
        prop_assert_eq!(sheet.paused_office_time(&cal, now), paused);
        prop_assert_eq!(
            sheet.finish_deadline(&cal, now).unwrap(),
            cal.add_office_time(base, paused).unwrap()
        );
    }

    /// Whatever the corrections and the finishing time: the office time used and the time
    /// paused add up to the office time from dispatch to close, and a sheet finished on time
    /// never used more than it was promised.
    #[test]
    fn time_used_and_pauses_add_up_and_on_time_stays_within_promise(
        gaps in proptest::collection::vec((1i64..2000, 1i64..3000), 0..4),
        finish_after in 0i64..6000,
    ) {
        let cal = cal();
        let mut sheet = acknowledged();
        let base = sheet.finish_deadline(&cal, at(3, 2, 9, 20)).unwrap();
        let mut now = at(3, 2, 9, 20);
        for (run_minutes, pause_minutes) in gaps {
            now += TimeDelta::minutes(run_minutes);
            if now >= base {
                break;
            }
            sheet = ok(&sheet, correction(), &agent(1), now);
            now += TimeDelta::minutes(pause_minutes);
            sheet = ok(&sheet, SheetCommand::SupplyCorrection, &enterprise(), now);
        }
        now += TimeDelta::minutes(finish_after);
        let out = run(&sheet, approve("姚发改备〔2026〕9号"), &agent(1), now).unwrap();
        let on_time = matches!(out.events[..], [SheetEvent::Finished { on_time: true, .. }]);
        let used = out.sheet.time_used(&cal).unwrap().unwrap();
        prop_assert_eq!(
            used.used + out.sheet.paused_office_time(&cal, now),
            cal.office_time_between(out.sheet.dispatched_at, now)
        );
        if on_time {
            prop_assert!(used.used <= used.promised, "{:?}", used);
        }
    }
}

/// A command for `action` that its own rules accept on [`landing_sheet`] in any state the
/// table allows it from.
fn landing(action: SheetAction) -> SheetCommand {
    match action {
        SA::Finish => SheetCommand::Finish { decision: Decision::NotApproved { reason: "不符合规划".into() } },
        SA::SupplyMissingMaterials => SheetCommand::SupplyMissingMaterials { names: vec!["x".into()] },
        other => sample(other),
    }
}

fn landing_sheet(state: SheetState) -> TaskSheet {
    let mut sheet = acknowledged();
    sheet.missing_materials = vec![MissingMaterial {
        name: "x".into(),
        committed_by: NaiveDate::from_ymd_opt(2026, 3, 20).unwrap(),
        supplied_at: None,
    }];
    sheet.state = state;
    sheet
}

fn actor_for(who: Who) -> Actor {
    match who {
        Who::Holder | Who::DepartmentLeader => leader(),
        Who::Window => window(),
        Who::Supplier => enterprise(),
    }
}

#[test]
fn every_command_lands_in_the_state_the_table_names() {
    let mut checked = 0;
    for rule in SHEET_RULES {
        for from in rule.from {
            let mut sheet = landing_sheet(*from);
            if rule.action == SA::ApproveOnCommitment {
                sheet.missing_materials.clear(); // an approval waits for 容缺 materials
            }
            let out = run(&sheet, landing(rule.action), &actor_for(rule.who), at(3, 3, 9, 0))
                .unwrap_or_else(|e| panic!("{} from {from}: {e}", rule.action));
            assert_eq!(out.sheet.state, rule.to.state_from(*from), "{} from {from}", rule.action);
            checked += 1;
        }
    }
    assert_eq!(checked, SHEET_RULES.iter().map(|r| r.from.len()).sum::<usize>());
    let target = |a| SHEET_RULES.iter().find(|r| r.action == a).unwrap().to;
    assert_eq!(target(SA::Finish), SheetTarget::To(St::Finished));
    assert_eq!(target(SA::SendBack), SheetTarget::To(St::SentBack));
    for same in [SA::Extend, SA::Transfer, SA::SupplyMissingMaterials] {
        assert_eq!(target(same), SheetTarget::Same, "{same}");
    }
}

#[test]
fn state_and_action_codes_round_trip() {
    crate::codes::assert_codes(&SheetState::ALL);
    crate::codes::assert_codes(&SheetAction::ALL);
    assert_eq!(SheetAction::ALL.len(), SHEET_RULES.len());
}

#[test]
fn actions_for_the_holder_the_colleague_the_leader_and_the_window() {
    let sheet = acknowledged(); // held by agent 1
    let codes = |actor: &Actor| actions_for(&sheet, actor).into_iter().map(SheetAction::code).collect::<Vec<_>>();
    let holder =
        ["request_correction", "supply_missing_materials", "finish", "approve_on_commitment", "send_back", "transfer"];
    assert_eq!(codes(&agent(1)), holder);
    assert_eq!(codes(&agent(2)), ["supply_missing_materials"], "a colleague only supplies materials");
    assert_eq!(
        codes(&leader()),
        [
            "request_correction",
            "supply_missing_materials",
            "extend",
            "finish",
            "approve_on_commitment",
            "send_back",
            "transfer"
        ]
    );
    assert_eq!(codes(&window()), ["supply_missing_materials", "cancel"]);
    assert_eq!(codes(&enterprise()), ["supply_missing_materials"]);
    let supervisor = Actor { user_id: Uuid::from_u128(80), role: Role::Supervisor, department_id: None };
    assert!(codes(&supervisor).is_empty(), "supervision reads only");
    let stranger = Actor { department_id: Some(OTHER_DEPT), ..agent(9) };
    assert!(codes(&stranger).is_empty(), "another department");
}

fn any_actor(role: usize, department: bool, user: u128) -> Actor {
    Actor { user_id: Uuid::from_u128(user), role: Role::ALL[role], department_id: department.then_some(DEPT) }
}

proptest! {
    /// `actions_for` offers exactly the actions `apply` does not refuse for the state or the
    /// actor: whenever it leaves one out, `apply` refuses it with the same error as `may`.
    #[test]
    fn actions_for_agrees_with_apply(
        state in 0usize..6,
        role in 0usize..9,
        department in any::<bool>(),
        user in 1u128..4,
        holder in proptest::option::of(1u128..4),
    ) {
        let mut sheet = landing_sheet(SheetState::ALL[state]);
        sheet.assignee_id = holder.map(Uuid::from_u128);
        let actor = any_actor(role, department, user);
        let offered = actions_for(&sheet, &actor);
        for action in SheetAction::ALL {
            let allowed = may(&sheet, action, &actor);
            prop_assert_eq!(offered.contains(&action), allowed.is_ok());
            if let Err(refusal) = allowed {
                prop_assert_eq!(run(&sheet, landing(action), &actor, at(3, 3, 9, 0)).unwrap_err(), refusal);
            }
        }
    }
}

mod effects {
    use super::*;
    use crate::case::deadline::{DeadlineChange, DeadlineKind as K, DeadlineSubject::Sheet};
    use crate::case::dependencies::{PlanItem, PlanSheet};
    use crate::notice::{KeyIds, Language, NotificationKind, ProjectRef, Recipient};

    fn deadlines(sheet: &TaskSheet, command: SheetCommand, actor: &Actor, now: DateTime<Utc>) -> Vec<DeadlineChange> {
        run(sheet, command, actor, now).unwrap().deadlines
    }

    #[test]
    fn the_clock_decides_the_sheet_deadlines() {
        let cal = cal();
        assert_eq!(
            deadlines(&dispatched(), SheetCommand::Acknowledge, &agent(1), at(3, 2, 9, 20)),
            vec![DeadlineChange::Close { subject: Sheet, kind: K::Acknowledgement }],
            "the finishing deadline stays as it is"
        );
        let sheet = acknowledged();
        assert_eq!(
            deadlines(&sheet, correction(), &agent(1), at(3, 3, 10, 0)),
            vec![DeadlineChange::Close { subject: Sheet, kind: K::Finish }]
        );
        let paused = ok(&sheet, correction(), &agent(1), at(3, 3, 10, 0));
        let resumed = run(&paused, SheetCommand::SupplyCorrection, &enterprise(), at(3, 4, 15, 0)).unwrap();
        assert_eq!(
            resumed.deadlines,
            vec![DeadlineChange::Open { subject: Sheet, kind: K::Finish, due_at: at(3, 11, 11, 30) }]
        );
        assert_eq!(resumed.sheet.finish_deadline(&cal, at(3, 4, 15, 0)).unwrap(), at(3, 11, 11, 30));
        let extended = deadlines(
            &sheet,
            SheetCommand::Extend { working_days: 2, reason: "踏勘".into() },
            &leader(),
            at(3, 3, 9, 0),
        );
        assert_eq!(extended, vec![DeadlineChange::Open { subject: Sheet, kind: K::Finish, due_at: at(3, 11, 18, 0) }]);
        let transfer = SheetCommand::Transfer { to_user_id: Uuid::from_u128(2), to_department_id: DEPT };
        assert!(deadlines(&sheet, transfer, &agent(1), at(3, 3, 9, 0)).is_empty(), "the clock goes on");
        assert_eq!(
            deadlines(&sheet, approve("n"), &agent(1), at(3, 3, 9, 0)),
            vec![DeadlineChange::CloseAll { subject: Sheet }]
        );
        let sent = ok(&sheet, SheetCommand::SendBack { reason: "非本部门事项".into() }, &agent(1), at(3, 3, 9, 0));
        let again = deadlines(&sent, SheetCommand::Redispatch { department_id: OTHER_DEPT }, &window(), at(3, 4, 9, 0));
        assert_eq!(
            again,
            vec![
                DeadlineChange::Open { subject: Sheet, kind: K::Finish, due_at: at(3, 11, 18, 0) },
                DeadlineChange::Open { subject: Sheet, kind: K::Acknowledgement, due_at: at(3, 4, 9, 30) },
            ]
        );
    }

    #[test]
    fn arriving_materials_move_then_close_the_commitment_deadline() {
        let cal = cal();
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let mut sheet = acknowledged();
        sheet.missing_materials = vec![
            MissingMaterial { name: "a".into(), committed_by: day(10), supplied_at: None },
            MissingMaterial { name: "b".into(), committed_by: day(12), supplied_at: None },
        ];
        let supply = |names: &[&str]| SheetCommand::SupplyMissingMaterials {
            names: names.iter().map(|n| (*n).to_owned()).collect(),
        };
        let out = run(&sheet, supply(&["a"]), &enterprise(), at(3, 5, 9, 0)).unwrap();
        assert_eq!(
            out.deadlines,
            vec![DeadlineChange::Open { subject: Sheet, kind: K::MaterialCommitment, due_at: cal.closing(day(12)) }]
        );
        let out = run(&out.sheet, supply(&["b"]), &enterprise(), at(3, 6, 9, 0)).unwrap();
        assert_eq!(out.deadlines, vec![DeadlineChange::Close { subject: Sheet, kind: K::MaterialCommitment }]);
    }

    fn facts(kind: SheetKind) -> SheetFacts {
        let id = Uuid::from_u128;
        SheetFacts {
            sheet_id: id(100),
            kind,
            project: ProjectRef { name: "光伏组件项目".into(), number: "DY-2026-0001".into() },
            item_name: "取水许可".into(),
            items: vec![
                PlanItem { id: id(1), planned: true, prerequisites: vec![] },
                PlanItem { id: id(2), planned: true, prerequisites: vec![id(1)] },
            ],
            sheets: vec![PlanSheet { id: id(100), item_id: id(1), kind, state: St::Acknowledged, outcome: None }],
        }
    }

    fn decided(sheet: &TaskSheet, command: SheetCommand, actor: &Actor, kind: SheetKind) -> SheetDecision {
        decide(sheet, command, actor, at(3, 3, 9, 0), &cal(), &facts(kind)).unwrap()
    }

    #[test]
    fn who_hears_of_a_command() {
        let sheet = acknowledged();
        let d = decided(&sheet, correction(), &agent(1), SheetKind::Approval);
        let n = &d.outcome.notifications[0];
        assert_eq!(
            (n.kind(), n.to.clone(), n.on_sheet),
            (NotificationKind::CorrectionRequested, vec![Recipient::Enterprise], true)
        );
        let ids = KeyIds { sheet_id: Some(Uuid::from_u128(100)), version: Some(3), ..KeyIds::default() };
        assert_eq!(n.key.render(ids), format!("task:{}:correction:3", Uuid::from_u128(100)));
        assert_eq!(n.render(Language::Chinese).body, "“取水许可”需要补正：图纸缺少盖章。所需材料：施工图");
        let refused = SheetCommand::Finish { decision: Decision::NotApproved { reason: "水源不足".into() } };
        let d = decided(&sheet, refused, &agent(1), SheetKind::Approval);
        let n = &d.outcome.notifications[0];
        assert_eq!(n.to, vec![Recipient::role(Role::WindowAgent), Recipient::role(Role::Office)]);
        assert_eq!(
            n.render(Language::Chinese).body,
            "项目“光伏组件项目”（DY-2026-0001）的“取水许可”：不予批准。请及时告知企业。"
        );
        assert!(d.ready.is_empty(), "a refusal makes nothing ready");
        let d = decided(&sheet, SheetCommand::SendBack { reason: "r".into() }, &agent(1), SheetKind::Approval);
        assert!(d.outcome.notifications[0].render(Language::Chinese).body.contains("已退回专窗"));
        let to = Uuid::from_u128(2);
        let d = decided(
            &sheet,
            SheetCommand::Transfer { to_user_id: to, to_department_id: DEPT },
            &agent(1),
            SheetKind::Approval,
        );
        assert_eq!(d.outcome.notifications[0].to, vec![Recipient::User { user_id: to }]);
        let d = decided(&sheet, SheetCommand::Cancel { reason: "企业撤资".into() }, &window(), SheetKind::Approval);
        assert_eq!(d.outcome.notifications[0].to, vec![Recipient::department(DEPT, Role::DepartmentAgent)]);
        assert_eq!(d.outcome.notifications[0].kind(), NotificationKind::TaskCancelled);
        assert!(
            decided(
                &sheet,
                SheetCommand::Extend { working_days: 1, reason: "r".into() },
                &leader(),
                SheetKind::Approval
            )
            .outcome
            .notifications
            .is_empty()
        );
        assert!(apply(&sheet, correction(), &agent(1), at(3, 3, 9, 0), &cal()).unwrap().notifications.is_empty());
    }

    #[test]
    fn an_approval_makes_its_dependents_ready_and_a_commitment_asks_for_verification() {
        let sheet = acknowledged();
        let d = decided(&sheet, approve("姚水许〔2026〕3号"), &agent(1), SheetKind::Approval);
        assert_eq!(d.ready, vec![Uuid::from_u128(2)]);
        assert_eq!(d.verification, None);
        let d = decided(&sheet, approve("姚水许〔2026〕3号"), &agent(1), SheetKind::Verification);
        assert!(d.ready.is_empty(), "a verification approves nothing the plan waits for");
        let d = decided(
            &sheet,
            SheetCommand::ApproveOnCommitment { document_number: "n".into() },
            &agent(1),
            SheetKind::Approval,
        );
        assert_eq!(d.ready, vec![Uuid::from_u128(2)]);
        let v = d.verification.unwrap();
        assert_eq!(v.kind, SheetKind::Verification);
        assert_eq!(v.sheet.department_id, DEPT);
        assert!(!v.sheet.rules.allows_commitment);
        assert_eq!(v.sheet.dispatched_at, at(3, 3, 9, 0));
        assert!(v.notifications.is_empty());
        assert_eq!(v.deadlines.len(), 2);
        assert_eq!(verification_item_name("取水许可"), "取水许可（告知承诺核查）");
    }

    #[test]
    fn dispatch_opens_the_deadlines_and_tells_the_agent() {
        let item = ItemToDispatch {
            name: "取水许可".into(),
            department_id: DEPT,
            agent_id: Some(Uuid::from_u128(1)),
            rules: rules(5),
            missing_materials: vec![MissingMaterial {
                name: "水资源论证".into(),
                committed_by: NaiveDate::from_ymd_opt(2026, 3, 6).unwrap(),
                supplied_at: None,
            }],
        };
        let project = ProjectRef { name: "光伏组件项目".into(), number: "DY-2026-0001".into() };
        let d = dispatch(&item, &project, at(3, 2, 11, 50), &cal()).unwrap();
        assert_eq!(d.kind, SheetKind::Approval);
        assert_eq!(
            d.deadlines,
            vec![
                DeadlineChange::Open { subject: Sheet, kind: K::Acknowledgement, due_at: at(3, 2, 14, 50) },
                DeadlineChange::Open { subject: Sheet, kind: K::Finish, due_at: at(3, 9, 18, 0) },
                DeadlineChange::Open { subject: Sheet, kind: K::MaterialCommitment, due_at: at(3, 6, 18, 0) },
            ]
        );
        let n = &d.notifications[0];
        assert_eq!(n.to, vec![Recipient::User { user_id: Uuid::from_u128(1) }]);
        assert_eq!(n.render(Language::Chinese).title, "新任务单：取水许可");
        let nobody = ItemToDispatch { agent_id: None, missing_materials: vec![], ..item };
        let d = dispatch(&nobody, &project, at(3, 2, 11, 50), &cal()).unwrap();
        assert_eq!(d.notifications[0].to, vec![Recipient::department(DEPT, Role::DepartmentAgent)]);
        assert_eq!(d.deadlines.len(), 2);
    }

    #[test]
    fn the_window_records_and_the_enterprise_hears_the_result() {
        assert!(may_record_result_notice(Role::WindowAgent) && may_record_result_notice(Role::Office));
        assert!(!may_record_result_notice(Role::DepartmentAgent));
        let n = result_notice("取水许可", &Decision::Approved { document_number: "姚水许〔2026〕3号".into() }, None);
        assert_eq!(n.to, vec![Recipient::Enterprise]);
        assert_eq!(n.render(Language::Chinese).body, "“取水许可”已批准，文号：姚水许〔2026〕3号");
        assert_eq!(
            n.key.render(KeyIds { sheet_id: Some(Uuid::nil()), ..KeyIds::default() }),
            format!("task:{}:notice", Uuid::nil())
        );
    }
}
