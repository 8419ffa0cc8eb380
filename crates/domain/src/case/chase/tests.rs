//! The sweep's decisions, on real 2026 dates.

use chrono::TimeZone;

use super::*;
use crate::calendar::TIME_ZONE;
use crate::case::escalation::EscalationPolicy;
use crate::notice::{KeyIds, Language, NotificationKind};

fn at(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    TIME_ZONE.with_ymd_and_hms(2026, m, d, h, min, 0).single().unwrap().with_timezone(&Utc)
}

const DEPT: Uuid = Uuid::from_u128(6);
const HOLDER: Uuid = Uuid::from_u128(8);
const LEADER: Uuid = Uuid::from_u128(9);

fn case(state: CaseState) -> ChasedCase {
    ChasedCase {
        state,
        project: ProjectRef { name: "光伏组件项目".into(), number: "DY-2026-0001".into() },
        responsible_leader_id: Some(LEADER),
    }
}

fn sheet(state: SheetState, assignee: Option<Uuid>) -> ChasedSheet {
    ChasedSheet {
        state,
        acknowledged: state != SheetState::Dispatched,
        assignee_id: assignee,
        department_id: DEPT,
        item_name: Some("建设用地规划许可".into()),
        department_name: Some("自然资源局".into()),
    }
}

fn on_sheet(state: SheetState) -> Chased {
    Chased { case: Some(case(CaseState::InService)), sheet: Some(sheet(state, Some(HOLDER))) }
}

#[test]
fn subjects_match_the_sheet_ladder_keys() {
    let (c, s) = (Uuid::from_u128(3), Uuid::from_u128(4));
    assert_eq!(subject(c, Some(s), "acknowledgement"), format!("sheet:{s}:acknowledge"));
    assert_eq!(subject(c, Some(s), "finish"), format!("sheet:{s}:finish"));
    assert_eq!(subject(c, Some(s), "material_commitment"), format!("sheet:{s}:material_commitment"));
    assert_eq!(subject(c, None, "team_formation"), format!("case:{c}:team_formation"));
    assert_eq!(subject(c, None, "later"), format!("case:{c}:later"));
}

#[test]
fn closed_sheets_and_ended_cases_make_deadlines_stale_and_stopped_clocks_wait() {
    use DeadlineKind as K;
    assert!(!is_stale(Some(K::Finish), true, &on_sheet(SheetState::Acknowledged)));
    assert!(is_stale(Some(K::Finish), true, &on_sheet(SheetState::Finished)));
    assert!(is_stale(Some(K::Finish), true, &on_sheet(SheetState::Cancelled)));
    assert!(is_stale(Some(K::Finish), true, &Chased { case: None, sheet: None }));
    assert!(is_stale(Some(K::Acknowledgement), true, &on_sheet(SheetState::Acknowledged)), "acknowledged");
    assert!(!is_stale(Some(K::Acknowledgement), true, &on_sheet(SheetState::Dispatched)));
    let of_case = |state| Chased { case: Some(case(state)), sheet: None };
    assert!(!is_stale(Some(K::TeamFormation), false, &of_case(CaseState::Accepted)));
    assert!(is_stale(Some(K::TeamFormation), false, &of_case(CaseState::Terminated)));
    assert!(is_stale(Some(K::PlanProposal), false, &of_case(CaseState::Rejected)));
    assert!(!is_stale(Some(K::Rectification), false, &of_case(CaseState::Completed)), "rectified after closing");
    assert!(is_stale(Some(K::Rectification), false, &Chased { case: None, sheet: None }));
    for waiting in [SheetState::Paused, SheetState::SentBack] {
        assert!(is_waiting(Some(K::Finish), &on_sheet(waiting)));
        assert!(is_waiting(Some(K::Acknowledgement), &on_sheet(waiting)));
        assert!(!is_waiting(Some(K::MaterialCommitment), &on_sheet(waiting)), "the enterprise's clock runs");
    }
    assert!(!is_waiting(Some(K::Finish), &on_sheet(SheetState::Acknowledged)));
}

fn step(policy: &EscalationPolicy, code: &str) -> DueStep {
    let cal = Calendar::china().unwrap();
    policy.schedule("s", at(3, 4, 18, 0), &cal).unwrap().into_iter().find(|s| s.code == code).unwrap()
}

#[test]
fn each_rung_names_its_people_with_the_office_as_fallback() {
    let fin = EscalationPolicy::finishing();
    let office = Recipient::role(Role::Office);
    let kind = Some(DeadlineKind::Finish);
    assert_eq!(
        recipients(kind, &step(&fin, "remind_before"), &on_sheet(SheetState::Acknowledged)),
        vec![Recipient::FirstOf {
            options: vec![
                Recipient::ActiveUser { user_id: HOLDER },
                Recipient::department(DEPT, Role::DepartmentAgent),
                office.clone()
            ]
        }]
    );
    let unheld = Chased { case: None, sheet: Some(sheet(SheetState::Dispatched, None)) };
    assert_eq!(
        recipients(kind, &step(&fin, "at_deadline"), &unheld),
        vec![Recipient::FirstOf { options: vec![Recipient::department(DEPT, Role::DepartmentAgent), office.clone()] }]
    );
    assert_eq!(
        recipients(kind, &step(&fin, "escalate_department_leader"), &on_sheet(SheetState::Acknowledged)),
        vec![Recipient::FirstOf { options: vec![Recipient::department(DEPT, Role::DepartmentLeader), office.clone()] }]
    );
    let team = Chased { case: Some(case(CaseState::Accepted)), sheet: None };
    let kind = Some(DeadlineKind::TeamFormation);
    assert_eq!(
        recipients(kind, &step(&fin, "at_deadline"), &team),
        vec![office.clone()],
        "a case step's agent: the office"
    );
    assert_eq!(
        recipients(kind, &step(&fin, "escalate_department_leader"), &team),
        vec![Recipient::FirstOf { options: vec![Recipient::ActiveUser { user_id: LEADER }, office.clone()] }]
    );
    assert_eq!(
        recipients(kind, &step(&fin, "escalate_supervisor"), &team),
        vec![Recipient::FirstOf { options: vec![Recipient::role(Role::Supervisor), office.clone()] }]
    );
    let commitment = Some(DeadlineKind::MaterialCommitment);
    let here = on_sheet(SheetState::Acknowledged);
    assert_eq!(recipients(commitment, &step(&fin, "at_deadline"), &here).last(), Some(&Recipient::Enterprise));
    assert!(!recipients(commitment, &step(&fin, "escalate_office"), &here).contains(&Recipient::Enterprise));
}

#[test]
fn late_reminders_are_dropped_and_the_rest_told_once_with_the_step_key() {
    let cal = Calendar::china().unwrap();
    let kind = Some(DeadlineKind::Finish);
    let due_at = at(3, 4, 18, 0);
    let now = at(3, 9, 18, 1);
    let (due, next) = steps_due(
        crate::settings::CountySettings::default().ladder(kind),
        "sheet:x:finish",
        due_at,
        &BTreeSet::new(),
        now,
        &cal,
    )
    .unwrap();
    let codes: Vec<_> = due.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes, ["remind_before", "at_deadline", "escalate_department_leader", "escalate_office"]);
    assert_eq!(next, Some(at(3, 11, 18, 0)));
    let done: BTreeSet<String> = due.iter().take(2).map(|s| s.key.clone()).collect();
    let (again, _) =
        steps_due(crate::settings::CountySettings::default().ladder(kind), "sheet:x:finish", due_at, &done, now, &cal)
            .unwrap();
    assert_eq!(again.len(), 2, "done steps are not told twice");
    let about = on_sheet(SheetState::Acknowledged);
    assert_eq!(step_notice(kind, &due[0], &about, now, &cal), None, "too late to remind");
    let overdue = step_notice(kind, &due[1], &about, now, &cal).unwrap();
    assert_eq!(overdue.kind(), NotificationKind::DeadlineOverdue);
    assert!(overdue.on_sheet);
    assert_eq!(overdue.key.render(KeyIds::default()), due[1].key);
    let escalation = step_notice(kind, &due[3], &about, now, &cal).unwrap();
    let text = escalation.render(Language::Chinese);
    assert_eq!(text.title, "督办：任务单超时未办结：建设用地规划许可");
    assert_eq!(
        text.body,
        "项目“光伏组件项目”（DY-2026-0001）的“建设用地规划许可”（自然资源局）须于 2026-03-04 18:00 前办结，已超期 3 个工作日仍未完成，请督促办理。"
    );
}
