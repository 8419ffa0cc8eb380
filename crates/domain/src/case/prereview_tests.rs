use super::*;
use crate::case::lifecycle::{self, CaseAction, CaseContext, CaseError, Guard};
use crate::codes::assert_codes;
use crate::notice::{KeyIds, NotificationKind};

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn actor(role: Role, department_id: Option<Uuid>) -> Actor {
    Actor { user_id: id(1), role, department_id }
}

fn gap(material: &str, problem: &str) -> Gap {
    Gap { material: material.into(), problem: problem.into(), note: None }
}

const LAND: u128 = 10;
const ENV: u128 = 11;

#[test]
fn codes_are_the_stored_ones() {
    assert_codes(&PreReviewState::ALL);
    assert_codes(&PreReviewAction::ALL);
}

#[test]
fn the_office_opens_between_the_plans_agreement_and_dispatch_once_at_a_time() {
    let office = actor(Role::Office, None);
    assert_eq!(may_open(&office, CaseState::PlanAgreed, false), Ok(()));
    assert_eq!(may_open(&actor(Role::WindowAgent, None), CaseState::Entrusted, false), Ok(()));
    assert_eq!(may_open(&office, CaseState::Entrusted, true), Err(PreReviewError::AlreadyOpen));
    for state in [CaseState::PlanProposed, CaseState::InService, CaseState::Completed, CaseState::Terminated] {
        assert_eq!(may_open(&office, state, false), Err(PreReviewError::CaseState { state }), "{state}");
    }
    assert_eq!(
        may_open(&actor(Role::DepartmentLeader, Some(id(LAND))), CaseState::Entrusted, false),
        Err(PreReviewError::Forbidden)
    );
}

#[test]
fn a_department_writes_only_its_own_opinion_while_the_review_is_open() {
    let departments = [id(LAND), id(ENV)];
    let land = actor(Role::DepartmentAgent, Some(id(LAND)));
    let open = PreReviewState::Open;
    assert_eq!(may_give_opinion(&land, open, CaseState::Entrusted, &departments), Ok(id(LAND)));
    let leader = actor(Role::DepartmentLeader, Some(id(ENV)));
    assert_eq!(may_give_opinion(&leader, open, CaseState::PlanAgreed, &departments), Ok(id(ENV)));
    let outsider = actor(Role::DepartmentAgent, Some(id(99)));
    assert_eq!(may_give_opinion(&outsider, open, CaseState::Entrusted, &departments), Err(PreReviewError::Forbidden));
    let office = actor(Role::Office, None);
    assert_eq!(may_give_opinion(&office, open, CaseState::Entrusted, &departments), Err(PreReviewError::Forbidden));
    assert_eq!(
        may_give_opinion(&land, PreReviewState::Closed, CaseState::Entrusted, &departments),
        Err(PreReviewError::NotOpen)
    );
    assert_eq!(
        may_give_opinion(&land, open, CaseState::Terminated, &departments),
        Err(PreReviewError::CaseState { state: CaseState::Terminated })
    );
}

#[test]
fn closing_needs_every_departments_opinion_and_makes_one_list_per_department() {
    let departments = [id(LAND), id(ENV)];
    let office = actor(Role::Office, None);
    let land = DepartmentOpinion {
        department_id: id(LAND),
        gaps: vec![gap("用地申请表", "缺法人签字"), gap("红线图", "比例尺不符"), gap("用地申请表", "缺法人签字")],
    };
    let open = PreReviewState::Open;
    assert_eq!(
        close(&office, open, CaseState::Entrusted, &departments, std::slice::from_ref(&land)),
        Err(PreReviewError::OpinionsMissing(vec![id(ENV)]))
    );
    let env = DepartmentOpinion { department_id: id(ENV), gaps: vec![] };
    let list = close(&office, open, CaseState::Entrusted, &departments, &[env.clone(), land.clone()]).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].department_id, id(LAND), "in the plan's order");
    assert_eq!(list[0].gaps, vec![gap("用地申请表", "缺法人签字"), gap("红线图", "比例尺不符")], "repeats listed once");
    assert_eq!(list[1], env);
    assert_eq!(
        close(&office, PreReviewState::Closed, CaseState::Entrusted, &departments, &[env.clone(), land.clone()]),
        Err(PreReviewError::NotOpen)
    );
    let agent = actor(Role::DepartmentLeader, Some(id(LAND)));
    assert_eq!(close(&agent, open, CaseState::Entrusted, &departments, &[env, land]), Err(PreReviewError::Forbidden));
}

#[test]
fn an_opinion_is_no_gaps_or_a_list_of_complete_gaps() {
    assert_eq!(check_opinion(&OpinionInput { no_gaps: true, gaps: vec![] }), Ok(vec![]));
    let errors = check_opinion(&OpinionInput { no_gaps: false, gaps: vec![] }).unwrap_err();
    assert_eq!((errors[0].field.as_str(), errors[0].code), ("gaps", "required"));
    let errors = check_opinion(&OpinionInput { no_gaps: true, gaps: vec![gap("a", "b")] }).unwrap_err();
    assert_eq!(errors[0].code, "gaps_with_no_gaps");
    let errors =
        check_opinion(&OpinionInput { no_gaps: false, gaps: vec![gap(" 申请表 ", "缺签字"), gap(" ", "")] })
            .unwrap_err();
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["gaps[1].material", "gaps[1].problem"]);
    let mut with_note = gap(" 申请表 ", " 缺签字 ");
    with_note.note = Some("  ".into());
    let gaps = check_opinion(&OpinionInput { no_gaps: false, gaps: vec![with_note] }).unwrap();
    assert_eq!(gaps, vec![gap("申请表", "缺签字")], "trimmed, a blank note absent");
}

#[test]
fn the_allowed_actions_follow_the_rules() {
    let departments = [id(LAND)];
    let office = actor(Role::Office, None);
    let land = actor(Role::DepartmentAgent, Some(id(LAND)));
    assert_eq!(allowed_actions(&office, None, CaseState::Entrusted, &departments), [PreReviewAction::Open]);
    assert_eq!(
        allowed_actions(&office, Some(PreReviewState::Open), CaseState::Entrusted, &departments),
        [PreReviewAction::Close]
    );
    assert_eq!(
        allowed_actions(&office, Some(PreReviewState::Closed), CaseState::Entrusted, &departments),
        [PreReviewAction::Open],
        "another round"
    );
    assert_eq!(
        allowed_actions(&land, Some(PreReviewState::Open), CaseState::Entrusted, &departments),
        [PreReviewAction::GiveOpinion]
    );
    assert!(allowed_actions(&office, Some(PreReviewState::Closed), CaseState::InService, &departments).is_empty());
}

#[test]
fn dispatch_waits_for_an_open_pre_review_to_close() {
    let mut ctx = CaseContext::new(actor(Role::Office, None));
    ctx.prereview_open = true;
    assert_eq!(
        lifecycle::apply(CaseState::Entrusted, CaseAction::StartService, &ctx),
        Err(CaseError::GuardFailed { action: CaseAction::StartService, guard: Guard::NoOpenPreReview })
    );
    ctx.prereview_open = false;
    assert_eq!(lifecycle::apply(CaseState::Entrusted, CaseAction::StartService, &ctx), Ok(CaseState::InService));
}

#[test]
fn the_departments_are_asked_and_the_enterprise_gets_the_whole_list() {
    let project = ProjectRef { name: "光伏组件项目".into(), number: "DY-2026-0001".into() };
    let opened = opened_notices(&project, &[id(LAND), id(ENV)]);
    assert_eq!(opened.len(), 1);
    assert_eq!(opened[0].kind(), NotificationKind::PreReviewOpened);
    assert_eq!(opened[0].to.len(), 4, "agents and leaders of both departments");
    let ids = KeyIds { record_id: Some(id(5)), ..KeyIds::default() };
    assert_eq!(opened[0].key.render(ids), format!("prereview:{}:opened", id(5)));
    let list = [
        DepartmentOpinion { department_id: id(LAND), gaps: vec![gap("a", "b"), gap("c", "d")] },
        DepartmentOpinion { department_id: id(ENV), gaps: vec![] },
    ];
    let closed = closed_notices(&project, &list);
    assert_eq!(closed[0].kind(), NotificationKind::PreReviewClosed);
    assert_eq!(closed[0].to[0], Recipient::Enterprise);
    assert!(closed[0].render(crate::notice::Language::Chinese).body.contains("共 2 项"));
}
