use chrono::{TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::codes::assert_codes;

fn calendar() -> Calendar {
    Calendar::china().unwrap()
}

fn office() -> ComplaintActor {
    ComplaintActor::Official { role: Role::Office, user_id: Uuid::from_u128(1), department_id: None }
}

fn agent(id: u128, dept: u128) -> ComplaintActor {
    ComplaintActor::Official {
        role: Role::DepartmentAgent,
        user_id: Uuid::from_u128(id),
        department_id: Some(Uuid::from_u128(dept)),
    }
}

fn now() -> DateTime<Utc> {
    // Friday 2026-12-04 10:00 in Asia/Shanghai.
    Utc.with_ymd_and_hms(2026, 12, 4, 2, 0, 0).unwrap()
}

fn run(c: &Complaint, cmd: ComplaintCommand, who: ComplaintActor) -> Result<Decision, ComplaintError> {
    decide(c, &cmd, &who, now(), &calendar(), &ComplaintPolicy::DEFAULT)
}

fn assigned() -> Complaint {
    let cmd =
        ComplaintCommand::Assign { department_id: Some(Uuid::from_u128(10)), assignee_id: Some(Uuid::from_u128(7)) };
    run(&Complaint::lodged(), cmd, office()).unwrap().complaint
}

fn replied() -> Complaint {
    run(&assigned(), ComplaintCommand::Reply { text: "已整改".into() }, agent(7, 10)).unwrap().complaint
}

#[test]
fn codes_are_stable() {
    assert_codes(&ComplaintSubject::ALL);
    assert_codes(&ComplaintState::ALL);
    assert_codes(&ComplaintAction::ALL);
    assert_codes(&Satisfaction::ALL);
    assert_eq!(Satisfaction::ALL.map(Satisfaction::code), ["satisfied", "basically_satisfied", "dissatisfied"]);
}

#[test]
fn lodging_names_every_wrong_field() {
    let input = LodgeInput {
        subject: ComplaintSubject::Department,
        subject_id: None,
        case_number: None,
        name: " ".into(),
        mobile: "12345".into(),
        text: "x".repeat(2001),
    };
    let errors = check_lodge(&input, &ComplaintPolicy::DEFAULT).unwrap_err();
    let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, ["name", "mobile", "text", "subject_id"]);
    let case = LodgeInput { subject: ComplaintSubject::Case, subject_id: None, ..input.clone() };
    let errors = check_lodge(&case, &ComplaintPolicy::DEFAULT).unwrap_err();
    assert!(errors.contains(&("case_number", FieldProblem::CaseNumberRequired)));
    let ok = LodgeInput {
        subject: ComplaintSubject::Service,
        subject_id: None,
        case_number: Some(" DY-2026-0001 ".into()),
        name: "张三".into(),
        mobile: "+86 138-0000-0001".into(),
        text: "窗口态度差".into(),
    };
    let lodged = check_lodge(&ok, &ComplaintPolicy::DEFAULT).unwrap();
    assert_eq!(lodged.mobile.as_str(), "13800000001");
    assert_eq!(lodged.mobile.masked(), "138****0001");
    assert_eq!(lodged.case_number.as_deref(), Some("DY-2026-0001"));
}

#[test]
fn the_follower_proves_the_last_four_digits() {
    assert!(last4_matches("13800000001", "0001"));
    assert!(!last4_matches("13800000001", "0002"));
    assert!(!last4_matches("13800000001", "001"));
    assert!(!last4_matches("13800000001", ""));
    assert_eq!(mask_mobile("13900005678"), "139****5678");
}

#[test]
fn assignment_starts_a_deadline_of_five_working_days_kept_on_reassignment() {
    let c = assigned();
    assert_eq!(c.state, ComplaintState::Assigned);
    // Assigned on Friday: due at the close of the fifth working day after, the next Friday 18:00.
    assert_eq!(c.due_at, Some(Utc.with_ymd_and_hms(2026, 12, 11, 10, 0, 0).unwrap()));
    let again = ComplaintCommand::Assign { department_id: Some(Uuid::from_u128(11)), assignee_id: None };
    let d = decide(&c, &again, &office(), now() + chrono::TimeDelta::days(2), &calendar(), &ComplaintPolicy::DEFAULT)
        .unwrap();
    assert_eq!(d.complaint.due_at, c.due_at);
    assert_eq!(d.open_deadline, None);
    assert_eq!(d.complaint.department_id, Some(Uuid::from_u128(11)));
}

#[test]
fn only_the_office_assigns_and_an_assignment_names_someone() {
    let c = Complaint::lodged();
    let cmd = ComplaintCommand::Assign { department_id: Some(Uuid::from_u128(10)), assignee_id: None };
    assert_eq!(run(&c, cmd, agent(7, 10)), Err(ComplaintError::Forbidden));
    let none = ComplaintCommand::Assign { department_id: None, assignee_id: None };
    assert!(matches!(run(&c, none, office()), Err(ComplaintError::Field { field: "department_id", .. })));
}

#[test]
fn the_assignee_or_the_department_replies_and_others_may_not() {
    let c = assigned();
    let reply = || ComplaintCommand::Reply { text: "已处理".into() };
    assert_eq!(run(&c, reply(), agent(8, 10)), Err(ComplaintError::Forbidden));
    assert_eq!(run(&c, reply(), agent(7, 99)).map(|d| d.complaint.state), Ok(ComplaintState::Replied));
    let leader = ComplaintActor::Official {
        role: Role::DepartmentLeader,
        user_id: Uuid::from_u128(9),
        department_id: Some(Uuid::from_u128(10)),
    };
    let d = run(&c, reply(), leader).unwrap();
    assert!(d.close_deadline);
    assert_eq!(d.complaint.replied_by, Some(Uuid::from_u128(9)));
    assert_eq!(run(&c, reply(), ComplaintActor::Complainant), Err(ComplaintError::Forbidden));
    let blank = ComplaintCommand::Reply { text: "  ".into() };
    assert_eq!(run(&c, blank, office()), Err(ComplaintError::Field { field: "text", problem: FieldProblem::Required }));
}

#[test]
fn a_rating_closes_once_and_a_dissatisfied_complainant_reopens_once() {
    let c = replied();
    let satisfied = ComplaintCommand::Rate { satisfaction: Satisfaction::Satisfied, reopen: false };
    let closed = run(&c, satisfied.clone(), ComplaintActor::Complainant).unwrap().complaint;
    assert_eq!(closed.state, ComplaintState::Closed);
    assert_eq!(run(&closed, satisfied.clone(), ComplaintActor::Complainant), Err(ComplaintError::AlreadyRated));

    let reopen = ComplaintCommand::Rate { satisfaction: Satisfaction::Dissatisfied, reopen: true };
    let d = run(&c, reopen.clone(), ComplaintActor::Complainant).unwrap();
    assert_eq!(d.complaint.state, ComplaintState::Assigned);
    assert_eq!(d.recorded, [ComplaintAction::Rate, ComplaintAction::Reopen]);
    assert!(d.open_deadline.is_some());
    assert_eq!(d.complaint.reopened, 1);
    assert_eq!(d.complaint.satisfaction, None);

    let second =
        run(&d.complaint, ComplaintCommand::Reply { text: "再次答复".into() }, agent(7, 10)).unwrap().complaint;
    let last = run(&second, reopen, ComplaintActor::Complainant).unwrap();
    assert_eq!(last.complaint.state, ComplaintState::Closed);
    assert_eq!(last.complaint.satisfaction, Some(Satisfaction::Dissatisfied));
    assert_eq!(last.recorded, [ComplaintAction::Rate]);
}

#[test]
fn the_office_closes_a_replied_complaint_which_may_still_be_rated() {
    let c = replied();
    let closed = run(&c, ComplaintCommand::Close, office()).unwrap().complaint;
    assert_eq!(closed.state, ComplaintState::Closed);
    assert_eq!(allowed_actions(&closed, &ComplaintActor::Complainant), [ComplaintAction::Rate]);
    assert_eq!(allowed_actions(&closed, &office()), []);
    let rated = run(
        &closed,
        ComplaintCommand::Rate { satisfaction: Satisfaction::BasicallySatisfied, reopen: false },
        ComplaintActor::Complainant,
    )
    .unwrap()
    .complaint;
    assert_eq!(rated.satisfaction, Some(Satisfaction::BasicallySatisfied));
    assert_eq!(rated.closed_at, closed.closed_at);
}

#[test]
fn rejection_needs_a_reason_and_ends_everything() {
    let c = assigned();
    let blank = ComplaintCommand::Reject { reason: "".into() };
    assert_eq!(
        run(&c, blank, office()),
        Err(ComplaintError::Field { field: "reason", problem: FieldProblem::Required })
    );
    let d = run(&c, ComplaintCommand::Reject { reason: "不属于投诉范围".into() }, office()).unwrap();
    assert_eq!(d.complaint.state, ComplaintState::Rejected);
    assert!(d.close_deadline);
    assert_eq!(allowed_actions(&d.complaint, &office()), []);
    assert_eq!(allowed_actions(&d.complaint, &ComplaintActor::Complainant), []);
    let err = run(&d.complaint, ComplaintCommand::Reply { text: "x".into() }, office()).unwrap_err();
    assert_eq!(
        err,
        ComplaintError::NotAllowed { state: ComplaintState::Rejected, action: ComplaintAction::Reply, allowed: vec![] }
    );
}

#[test]
fn every_action_outside_the_table_is_refused_naming_what_is_allowed() {
    for state in ComplaintState::ALL {
        let c = Complaint { state, ..Complaint::lodged() };
        let listed: Vec<_> = TRANSITIONS.iter().filter(|t| t.from == state).map(|t| t.action).collect();
        for cmd in [
            ComplaintCommand::Assign { department_id: Some(Uuid::from_u128(10)), assignee_id: None },
            ComplaintCommand::Reply { text: "x".into() },
            ComplaintCommand::Close,
            ComplaintCommand::Reject { reason: "x".into() },
            ComplaintCommand::Rate { satisfaction: Satisfaction::Satisfied, reopen: false },
        ] {
            if !listed.contains(&cmd.action()) {
                assert!(matches!(run(&c, cmd, office()), Err(ComplaintError::NotAllowed { .. })), "{state}");
            }
        }
    }
}

#[test]
fn overdue_and_on_time() {
    let due = Some(now());
    assert!(is_overdue(ComplaintState::Assigned, due, now() + chrono::TimeDelta::seconds(1)));
    assert!(!is_overdue(ComplaintState::Assigned, due, now()));
    assert!(!is_overdue(ComplaintState::Replied, due, now() + chrono::TimeDelta::days(9)));
    assert!(replied_on_time(due, due));
    assert!(!replied_on_time(Some(now() + chrono::TimeDelta::seconds(1)), due));
    assert!(!replied_on_time(None, due));
}
