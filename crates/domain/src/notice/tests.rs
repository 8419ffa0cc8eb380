//! The wording, word for word what the services stored before, and the keys.

use chrono::TimeZone;
use uuid::Uuid;

use super::*;
use crate::calendar::TIME_ZONE;
use crate::codes::assert_codes;

fn project() -> ProjectRef {
    ProjectRef { name: "光伏组件项目".into(), number: "DY-2026-0001".into() }
}

fn zh(params: NoticeParams) -> (String, String) {
    let r = params.render(Language::Chinese);
    (r.title, r.body)
}

#[test]
fn kinds_are_the_stored_codes() {
    assert_codes(&NotificationKind::ALL);
    assert_eq!(NotificationKind::DeadlineReminder.code(), "deadline_reminder");
    assert_eq!(NotificationKind::SupervisionNotice.code(), "supervision_notice");
    assert_eq!(Language::English.tag(), "en");
    assert_eq!(serde_json::to_value(Language::Chinese).unwrap(), "zh-CN");
}

#[test]
fn sheet_notices_read_as_before() {
    let p = project();
    assert_eq!(
        zh(NoticeParams::TaskDispatched { project: p.clone(), item: "取水许可".into() }),
        (
            "新任务单：取水许可".into(),
            "项目“光伏组件项目”（DY-2026-0001）的“取水许可”已分送贵部门，请于 30 分钟内回执。".into()
        )
    );
    assert_eq!(
        zh(NoticeParams::TaskCancelled { project: p.clone(), reason: "企业撤资".into() }),
        ("任务单已取消".into(), "项目“光伏组件项目”（DY-2026-0001）已终止，任务单取消：企业撤资".into())
    );
    assert_eq!(
        zh(NoticeParams::TaskTransferred { project: p.clone(), item: "取水许可".into() }),
        (
            "转办任务单：取水许可".into(),
            "项目“光伏组件项目”（DY-2026-0001）的“取水许可”已转由您办理，时限不变。".into()
        )
    );
    assert_eq!(
        zh(NoticeParams::TaskResult {
            project: p.clone(),
            item: "取水许可".into(),
            outcome: Some(SheetOutcome::NotApproved)
        }),
        (
            "任务单有结果：取水许可".into(),
            "项目“光伏组件项目”（DY-2026-0001）的“取水许可”：不予批准。请及时告知企业。".into()
        )
    );
    assert_eq!(
        zh(NoticeParams::TaskResult { project: p, item: "取水许可".into(), outcome: None }).1,
        "项目“光伏组件项目”（DY-2026-0001）的“取水许可”：已退回专窗。请及时告知企业。"
    );
    assert_eq!(
        zh(NoticeParams::ResultNoticed {
            item: "取水许可".into(),
            outcome: SheetOutcome::Approved,
            document_number: Some("姚水许〔2026〕3号".into()),
            document_file_id: None,
        }),
        ("办理结果：取水许可".into(), "“取水许可”已批准，文号：姚水许〔2026〕3号".into())
    );
    assert_eq!(
        zh(NoticeParams::ResultNoticed {
            item: "取水许可".into(),
            outcome: SheetOutcome::Withdrawn,
            document_number: None,
            document_file_id: None,
        })
        .1,
        "“取水许可”已撤回"
    );
    assert_eq!(
        zh(NoticeParams::CorrectionRequested {
            item: "建设用地规划许可".into(),
            reason: "图纸缺少盖章".into(),
            materials: vec!["施工图".into(), "红线图".into()]
        }),
        (
            "请补正材料：建设用地规划许可".into(),
            "“建设用地规划许可”需要补正：图纸缺少盖章。所需材料：施工图、红线图".into()
        )
    );
}

#[test]
fn case_notices_read_as_before() {
    let p = project();
    assert_eq!(
        zh(NoticeParams::TeamToForm { project: p.clone() }),
        (
            "请组建项目管家团队：光伏组件项目".into(),
            "项目“光伏组件项目”（DY-2026-0001）已受理，请在 1 个工作日内组建项目管家团队。".into()
        )
    );
    assert_eq!(
        zh(NoticeParams::CaseAccepted { project: p.clone() }),
        (
            "帮办代办申请已受理".into(),
            "您的项目“光伏组件项目”（DY-2026-0001）已受理，项目管家团队将在 1 个工作日内组建。".into()
        )
    );
    assert_eq!(
        zh(NoticeParams::CaseRejected { project: p.clone(), reason: "投资额不足".into() }),
        ("帮办代办申请未予受理".into(), "项目“光伏组件项目”（DY-2026-0001）未予受理：投资额不足".into())
    );
    assert_eq!(
        zh(NoticeParams::PlanProposed { project: p.clone() }),
        ("服务方案待确认".into(), "项目“光伏组件项目”（DY-2026-0001）的帮办代办服务方案已拟定，请查看并确认。".into())
    );
    assert_eq!(
        zh(NoticeParams::OneTimeNotification { text: "一次性告知书正文".into() }),
        ("一次性告知书".into(), "一次性告知书正文".into())
    );
    assert_eq!(
        zh(NoticeParams::CaseCompleted { project: p.clone() }),
        (
            "请确认办结单".into(),
            "项目“光伏组件项目”（DY-2026-0001）帮办代办服务已办结，请签字确认办结单并评价。".into()
        )
    );
    assert_eq!(
        zh(NoticeParams::CaseTerminated { project: p.clone() }),
        ("请确认终止单".into(), "项目“光伏组件项目”（DY-2026-0001）帮办代办服务已终止，请签字确认终止单。".into())
    );
    let supervision = |project, department: Option<&str>| {
        zh(NoticeParams::SupervisionNotice {
            project,
            department: department.map(str::to_owned),
            content: "请加快办理".into(),
        })
    };
    assert_eq!(supervision(Some(p), Some("水务局")).0, "督办通知：项目“光伏组件项目”（DY-2026-0001）");
    assert_eq!(supervision(None, Some("水务局")).0, "督办通知：水务局");
    assert_eq!(supervision(None, None), ("督办通知".into(), "请加快办理".into()));
}

fn deadline(step: StepKind, kind: Option<DeadlineKind>, on_sheet: bool, late: i64) -> NoticeParams {
    NoticeParams::Deadline {
        step,
        deadline: kind,
        project: Some(project()),
        on_sheet,
        item: on_sheet.then(|| "建设用地规划许可".to_owned()),
        department: on_sheet.then(|| "自然资源局".to_owned()),
        due_at: TIME_ZONE.with_ymd_and_hms(2026, 3, 4, 18, 0, 0).unwrap().with_timezone(&chrono::Utc),
        late_working_days: late,
    }
}

#[test]
fn deadline_notices_read_as_before() {
    assert_eq!(
        zh(deadline(StepKind::Reminder, Some(DeadlineKind::Finish), true, 0)),
        (
            "任务单即将超时：建设用地规划许可".into(),
            "项目“光伏组件项目”（DY-2026-0001）的“建设用地规划许可”（自然资源局）须于 2026-03-04 18:00 前办结，请抓紧办理。"
                .into()
        )
    );
    let (title, body) = zh(deadline(StepKind::Escalation, Some(DeadlineKind::Finish), true, 3));
    assert_eq!(title, "督办：任务单超时未办结：建设用地规划许可");
    assert!(body.ends_with("须于 2026-03-04 18:00 前办结，已超期 3 个工作日仍未完成，请督促办理。"), "{body}");
    let (_, body) = zh(deadline(StepKind::Escalation, Some(DeadlineKind::Acknowledgement), true, 0));
    assert!(body.ends_with("前回执，已超时仍未完成，请督促办理。"), "{body}");
    let (title, body) = zh(deadline(StepKind::AtDeadline, Some(DeadlineKind::TeamFormation), false, 0));
    assert_eq!(title, "项目管家团队组建已超时：光伏组件项目");
    assert_eq!(
        body,
        "项目“光伏组件项目”（DY-2026-0001）须于 2026-03-04 18:00 前组建项目管家团队，现已超时，请尽快办理。"
    );
    let (title, _) = zh(deadline(StepKind::Reminder, None, false, 0));
    assert_eq!(title, "事项即将到期：光伏组件项目");
    let kinds: Vec<_> = [StepKind::Reminder, StepKind::AtDeadline, StepKind::Escalation]
        .into_iter()
        .map(|s| deadline(s, None, false, 0).kind())
        .collect();
    assert_eq!(
        kinds,
        [NotificationKind::DeadlineReminder, NotificationKind::DeadlineOverdue, NotificationKind::DeadlineEscalation]
    );
}

#[test]
fn english_renders_every_notice_in_other_words() {
    let p = project();
    let all = [
        NoticeParams::TaskDispatched { project: p.clone(), item: "x".into() },
        NoticeParams::TaskCancelled { project: p.clone(), reason: "r".into() },
        NoticeParams::TaskTransferred { project: p.clone(), item: "x".into() },
        NoticeParams::TaskResult { project: p.clone(), item: "x".into(), outcome: Some(SheetOutcome::Approved) },
        NoticeParams::ResultNoticed {
            item: "x".into(),
            outcome: SheetOutcome::Approved,
            document_number: None,
            document_file_id: None,
        },
        NoticeParams::CorrectionRequested { item: "x".into(), reason: "r".into(), materials: vec![] },
        NoticeParams::TeamToForm { project: p.clone() },
        NoticeParams::CaseAccepted { project: p.clone() },
        NoticeParams::CaseRejected { project: p.clone(), reason: "r".into() },
        NoticeParams::PlanProposed { project: p.clone() },
        NoticeParams::CaseCompleted { project: p.clone() },
        NoticeParams::CaseTerminated { project: p.clone() },
        NoticeParams::RectificationOpened { project: p, level: EvaluationLevel::Dissatisfied, working_days: 15 },
        deadline(StepKind::Escalation, Some(DeadlineKind::Rectification), false, 2),
        deadline(StepKind::Reminder, Some(DeadlineKind::MaterialCommitment), true, 0),
    ];
    for params in all {
        let en = params.render(Language::English);
        let zh = params.render(Language::Chinese);
        assert!(!en.title.is_empty() && !en.body.is_empty(), "{params:?}");
        assert_ne!(en.title, zh.title, "{params:?}");
        // Only names and texts people wrote stay Chinese.
        for fixed in ["请", "任务单", "督办", "已"] {
            assert!(!en.title.contains(fixed) && !en.body.contains(fixed), "{fixed} in {en:?}");
        }
    }
    let en = deadline(StepKind::Escalation, Some(DeadlineKind::Finish), true, 3).render(Language::English);
    assert_eq!(en.title, "Supervision: task sheet not finished: 建设用地规划许可");
    assert!(en.body.contains("3 working days late"), "{}", en.body);
}

#[test]
fn keys_render_with_the_callers_ids() {
    let ids = KeyIds {
        case_id: Uuid::from_u128(1),
        sheet_id: Some(Uuid::from_u128(2)),
        record_id: Some(Uuid::from_u128(3)),
        version: Some(7),
    };
    let (c, s, r) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
    assert_eq!(DedupeKey::case("accepted", true).render(ids), format!("case:{c}:accepted:7"));
    assert_eq!(DedupeKey::case("notification", false).render(ids), format!("case:{c}:notification"));
    assert_eq!(DedupeKey::sheet("correction", true).render(ids), format!("task:{s}:correction:7"));
    assert_eq!(DedupeKey::sheet("dispatched", false).render(ids), format!("task:{s}:dispatched"));
    assert_eq!(DedupeKey::Rectification.render(ids), format!("rectification:{r}"));
    assert_eq!(DedupeKey::Supervision.render(ids), format!("supervision:{r}"));
    assert_eq!(
        DedupeKey::Step { key: "sheet:x:finish:at_deadline:1".into() }.render(ids),
        "sheet:x:finish:at_deadline:1"
    );
}

#[test]
fn supervision_notices_go_to_the_department_or_the_case_team_never_the_issuer() {
    let (dept, leader, issuer) = (Uuid::from_u128(6), Uuid::from_u128(8), Uuid::from_u128(9));
    let n = supervision_notice(
        Supervised::Department { department_id: dept, name: "水务局".into(), project: Some(project()) },
        "请加快办理",
        issuer,
    );
    assert_eq!(
        n.to,
        vec![Recipient::department(dept, Role::DepartmentLeader), Recipient::department(dept, Role::DepartmentAgent)]
    );
    assert_eq!(n.except, Some(issuer));
    assert_eq!(n.kind(), NotificationKind::SupervisionNotice);
    assert_eq!(n.render(Language::Chinese).title, "督办通知：项目“光伏组件项目”（DY-2026-0001）");
    let n = supervision_notice(
        Supervised::Case { project: project(), responsible_leader_id: Some(leader), lead_agent_id: None },
        "请加快办理",
        issuer,
    );
    assert_eq!(n.to, vec![Recipient::Team, Recipient::ActiveUser { user_id: leader }, Recipient::role(Role::Office)]);
    assert_eq!(n.key.render(KeyIds { record_id: Some(issuer), ..KeyIds::default() }), format!("supervision:{issuer}"));
}
