//! The reminder sweep (督办): for every deadline whose next step has come, tell the people of
//! each due step — a reminder before the deadline, a notice at it, escalations after it up
//! the ladder agent → department leader → office → supervisor — once each.
//!
//! One sweep claims due deadlines in batches (see `butler_persistence::repo::deadlines` for
//! the claim and its lease) and handles each in its own transaction: the deadline's done
//! steps and next step time are recorded together with the notifications, whose dedupe key
//! is the step's stable key, so a step is told exactly once even with several server
//! processes sweeping one database.
//!
//! **Ladders.** The acknowledgement deadline follows
//! [`EscalationPolicy::acknowledgement`], every other kind [`EscalationPolicy::finishing`].
//! **Recipients per rung.** Agent: the sheet's assignee, or the department's agents while
//! nobody holds it; for the case's own deadlines, the office. Department leader: the
//! department's leaders; for the case's own deadlines, the case's responsible leader, else
//! the office. Office and supervisor: the tenant's users of that role. A rung with nobody on
//! it goes to the office. For 容缺 commitments the enterprise's contacts are also told
//! before and at the deadline.
//! **Catching up.** A reminder whose deadline has already passed is not sent (the deadline
//! notice says more); the other missed steps are sent at once.
//! **Stale deadlines** — of a sheet that has closed, an acknowledgement already given, or a
//! case step of a case that has ended — are closed without a word; a paused or sent-back
//! sheet's deadlines wait, silent, until the sheet's owner moves them.

use butler_domain::calendar::{Calendar, TIME_ZONE};
use butler_domain::case::deadline::DeadlineKind;
use butler_domain::case::escalation::{DueStep, Level, StepKind};
use butler_domain::case::sheet::SheetState;
use butler_domain::notice::NotificationKind;
use butler_domain::role::Role;
use butler_persistence::repo::deadlines::{self, DeadlineContext, DeadlineRow};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;
use std::collections::BTreeSet;
use uuid::Uuid;

use super::calendar::tenant_calendar;
use super::notify::{self, Notice};
use crate::Context;
use crate::error::AppError;

/// Deadlines claimed per query.
pub const CLAIM_BATCH: u64 = 100;
/// How long a claim holds a deadline (a failed one is retried after it).
pub const LEASE: TimeDelta = TimeDelta::minutes(5);
/// Deadlines handled by one sweep at most; the rest wait for the next.
pub const MAX_PER_SWEEP: u32 = 10_000;

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SweepReport {
    /// Deadlines claimed because a step of theirs was due.
    pub deadlines: u32,
    /// Steps that fell due and were handled.
    pub steps: u32,
    /// Notifications written.
    pub notifications: u32,
    /// Deadlines closed because their sheet or case step had ended.
    pub closed: u32,
    /// Deadlines changed by someone else meanwhile (closed, moved); left to them.
    pub lost: u32,
    /// Deadlines that failed; retried when their claim expires.
    pub failed: u32,
}

impl SweepReport {
    /// Whether the sweep found nothing to do.
    pub fn is_empty(&self) -> bool {
        *self == SweepReport::default()
    }
}

/// What chasing one deadline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Chased {
    steps: u32,
    notifications: u32,
    closed: bool,
    lost: bool,
}

/// Reminder, overdue and escalation titles, and what must be done (Chinese).
fn phrases(kind: DeadlineKind) -> (&'static str, &'static str, &'static str, &'static str) {
    match kind {
        DeadlineKind::Acknowledgement => ("任务单待回执", "任务单回执已超时", "督办：任务单超时未回执", "回执"),
        DeadlineKind::Finish => ("任务单即将超时", "任务单已超时", "督办：任务单超时未办结", "办结"),
        DeadlineKind::TeamFormation => {
            ("项目管家团队待组建", "项目管家团队组建已超时", "督办：项目管家团队组建超时", "组建项目管家团队")
        }
        DeadlineKind::PlanProposal => {
            ("服务方案待拟定", "服务方案拟定已超时", "督办：服务方案拟定超时", "拟定服务方案")
        }
        DeadlineKind::MaterialCommitment => {
            ("容缺材料即将到期", "容缺材料逾期未补齐", "督办：容缺材料逾期未补齐", "补齐容缺材料")
        }
        DeadlineKind::Rectification => {
            ("差评整改即将到期", "差评整改已超时", "督办：差评整改超时", "完成整改并书面回复")
        }
    }
}

/// The subject that starts every step key of a deadline: `sheet:<id>:acknowledge`,
/// `sheet:<id>:finish` (as `escalation::sheet_due_steps` names them), `sheet:<id>:<kind>`
/// or `case:<id>:<kind>`.
pub fn subject(row: &DeadlineRow) -> String {
    match (row.sheet_id, row.kind.0) {
        (Some(sheet), DeadlineKind::Acknowledgement) => format!("sheet:{sheet}:acknowledge"),
        (Some(sheet), DeadlineKind::Finish) => format!("sheet:{sheet}:finish"),
        (Some(sheet), _) => format!("sheet:{sheet}:{}", row.kind),
        (None, _) => format!("case:{}:{}", row.case_id, row.kind),
    }
}

/// Runs one sweep at `now`: every due step of every open deadline is told once.
pub async fn sweep(ctx: &Context, now: DateTime<Utc>) -> Result<SweepReport, AppError> {
    let mut report = SweepReport::default();
    loop {
        let claimed = deadlines::claim_due(&ctx.db, now, now + LEASE, CLAIM_BATCH).await?;
        let batch = claimed.len() as u64;
        for row in claimed {
            report.deadlines += 1;
            match chase(ctx, &row, now).await {
                Ok(c) => {
                    report.steps += c.steps;
                    report.notifications += c.notifications;
                    report.closed += u32::from(c.closed);
                    report.lost += u32::from(c.lost);
                }
                Err(err) => {
                    report.failed += 1;
                    tracing::error!(deadline = %row.id, kind = %row.kind, error = %err, "chasing a deadline failed; retried after its lease");
                }
            }
        }
        // Failed rows keep their claim, so they are not picked again in this sweep.
        if batch < CLAIM_BATCH || report.deadlines >= MAX_PER_SWEEP {
            break;
        }
    }
    Ok(report)
}

/// Whether the deadline no longer chases anything.
fn is_stale(row: &DeadlineRow, kind: DeadlineKind, ctx: &DeadlineContext) -> bool {
    if row.sheet_id.is_some() {
        return match &ctx.sheet {
            None => true,
            Some(s) => !s.open || (kind == DeadlineKind::Acknowledgement && s.acknowledged_at.is_some()),
        };
    }
    match &ctx.case {
        None => true,
        Some(c) => matches!(kind, DeadlineKind::TeamFormation | DeadlineKind::PlanProposal) && c.state.0.is_closed(),
    }
}

/// Whether the deadline's clock is stopped (its sheet is paused or sent back).
fn is_waiting(kind: DeadlineKind, ctx: &DeadlineContext) -> bool {
    matches!(kind, DeadlineKind::Acknowledgement | DeadlineKind::Finish)
        && ctx.sheet.as_ref().is_some_and(|s| matches!(s.state.0, SheetState::Paused | SheetState::SentBack))
}

fn done_keys(row: &DeadlineRow) -> BTreeSet<String> {
    row.done_steps
        .as_array()
        .map(|a| a.iter().filter_map(|k| k.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// One planned notification.
struct Message {
    recipients: Vec<Uuid>,
    key: String,
    kind: NotificationKind,
    title: String,
    body: String,
}

async fn chase(app: &Context, row: &DeadlineRow, now: DateTime<Utc>) -> Result<Chased, AppError> {
    let kind = row.kind.0;
    let ctx = deadlines::context(&app.db, row).await?;
    if is_stale(row, kind, &ctx) {
        deadlines::close_by_id(&app.db, row.id, now).await?;
        tracing::debug!(deadline = %row.id, kind = %row.kind, "closed a stale deadline");
        return Ok(Chased { closed: true, ..Chased::default() });
    }
    let done = done_keys(row);
    if is_waiting(kind, &ctx) {
        let kept = deadlines::complete_claim(&app.db, row, serde_json::json!(done), None).await?;
        return Ok(Chased { lost: !kept, ..Chased::default() });
    }
    let calendar = tenant_calendar(app, row.tenant_id).await?;
    let schedule = match DeadlineKind::policy(Some(kind)).schedule(&subject(row), row.due_at, &calendar) {
        Ok(s) => s,
        Err(err) => {
            // A deadline the calendar cannot place is parked rather than retried forever.
            deadlines::complete_claim(&app.db, row, serde_json::json!(done), None).await?;
            return Err(AppError::internal(err));
        }
    };
    let (due, later): (Vec<DueStep>, Vec<DueStep>) =
        schedule.into_iter().filter(|s| !done.contains(&s.key)).partition(|s| s.due_at <= now);
    let next_step_at = later.iter().map(|s| s.due_at).min();

    let mut messages = Vec::new();
    for step in &due {
        // Too late to warn of what has already happened.
        if step.kind == StepKind::Reminder && now >= step.deadline {
            continue;
        }
        let recipients = recipients(app, row, kind, &ctx, step).await?;
        if recipients.is_empty() {
            tracing::warn!(deadline = %row.id, step = %step.code, "nobody to tell");
            continue;
        }
        let (title, body) = texts(kind, step, &ctx, &calendar, now);
        let kind_code = match step.kind {
            StepKind::Reminder => NotificationKind::DeadlineReminder,
            StepKind::AtDeadline => NotificationKind::DeadlineOverdue,
            StepKind::Escalation => NotificationKind::DeadlineEscalation,
        };
        messages.push(Message { recipients, key: step.key.clone(), kind: kind_code, title, body });
    }
    let mut all_done = done;
    all_done.extend(due.iter().map(|s| s.key.clone()));

    let txn = butler_persistence::begin_write(&app.db).await.map_err(AppError::internal)?;
    // The fenced update first: it also locks the row for the rest of the transaction.
    if !deadlines::complete_claim(&txn, row, serde_json::json!(all_done), next_step_at).await? {
        txn.rollback().await.map_err(AppError::internal)?;
        return Ok(Chased { lost: true, ..Chased::default() });
    }
    let mut written = 0;
    for m in &messages {
        let notice = Notice {
            tenant_id: row.tenant_id,
            case_id: Some(row.case_id),
            sheet_id: row.sheet_id,
            kind: m.kind,
            dedupe_key: &m.key,
            title: &m.title,
            body: &m.body,
        };
        written += notify::notify(&txn, &m.recipients, &notice, now).await?;
    }
    txn.commit().await.map_err(AppError::internal)?;
    tracing::debug!(deadline = %row.id, steps = due.len(), notifications = written, "chased a deadline");
    Ok(Chased { steps: due.len() as u32, notifications: written as u32, ..Chased::default() })
}

/// Who is told of `step` (see the module documentation).
async fn recipients(
    app: &Context,
    row: &DeadlineRow,
    kind: DeadlineKind,
    ctx: &DeadlineContext,
    step: &DueStep,
) -> Result<Vec<Uuid>, AppError> {
    let db = &app.db;
    let tenant = row.tenant_id;
    let mut to = match (step.notify, &ctx.sheet) {
        (Level::Agent, Some(sheet)) => {
            let holder = match sheet.assignee_id {
                Some(id) => notify::active_users(db, tenant, &[id]).await?,
                None => Vec::new(),
            };
            if holder.is_empty() {
                notify::department_users(db, tenant, sheet.department_id, Role::DepartmentAgent).await?
            } else {
                holder
            }
        }
        (Level::DepartmentLeader, Some(sheet)) => {
            notify::department_users(db, tenant, sheet.department_id, Role::DepartmentLeader).await?
        }
        (Level::DepartmentLeader, None) => {
            let leader = ctx.case.as_ref().and_then(|c| c.responsible_leader_id);
            match leader {
                Some(id) => notify::active_users(db, tenant, &[id]).await?,
                None => Vec::new(),
            }
        }
        (Level::Agent | Level::Office, _) => notify::users_with_role(db, tenant, Role::Office).await?,
        (Level::Supervisor, _) => notify::users_with_role(db, tenant, Role::Supervisor).await?,
    };
    if to.is_empty() {
        to = notify::users_with_role(db, tenant, Role::Office).await?;
    }
    if kind == DeadlineKind::MaterialCommitment
        && step.kind != StepKind::Escalation
        && let Some(case) = &ctx.case
    {
        to.extend(notify::enterprise_users(db, tenant, case.enterprise_id).await?);
    }
    Ok(to)
}

/// The title and body of a step's notification.
fn texts(
    kind: DeadlineKind,
    step: &DueStep,
    ctx: &DeadlineContext,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> (String, String) {
    let (remind, overdue, escalate, action) = phrases(kind);
    let project = ctx
        .case
        .as_ref()
        .map(|c| format!("项目“{}”（{}）", c.project_name, c.number))
        .unwrap_or_else(|| "项目".to_owned());
    let (what, topic) = match (&ctx.sheet, &ctx.item_name) {
        (Some(_), item) => {
            let item = item.as_deref().unwrap_or("任务单");
            let dept = ctx.department_name.as_deref().map(|d| format!("（{d}）")).unwrap_or_default();
            (format!("{project}的“{item}”{dept}"), item.to_owned())
        }
        (None, _) => (project, ctx.case.as_ref().map(|c| c.project_name.clone()).unwrap_or_default()),
    };
    let due = step.deadline.with_timezone(&TIME_ZONE).format("%Y-%m-%d %H:%M");
    let late_days = calendar.working_days_between(step.deadline, now);
    let late = if late_days >= 1 { format!("已超期 {late_days} 个工作日") } else { "已超时".to_owned() };
    let (title, body) = match step.kind {
        StepKind::Reminder => (remind, format!("{what}须于 {due} 前{action}，请抓紧办理。")),
        StepKind::AtDeadline => (overdue, format!("{what}须于 {due} 前{action}，现已超时，请尽快办理。")),
        StepKind::Escalation => (escalate, format!("{what}须于 {due} 前{action}，{late}仍未完成，请督促办理。")),
    };
    let title = if topic.is_empty() { title.to_owned() } else { format!("{title}：{topic}") };
    (title, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use butler_domain::case::escalation::EscalationPolicy;
    use butler_domain::case::lifecycle::{CaseState, EvaluationStatus};
    use butler_domain::case::sheet::SheetKind;
    use butler_persistence::Code;
    use butler_persistence::entity::{case, task_sheet};
    use chrono::TimeZone;

    fn at(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        TIME_ZONE.with_ymd_and_hms(2026, m, d, h, min, 0).single().unwrap().with_timezone(&Utc)
    }

    fn row(kind: DeadlineKind, sheet: Option<Uuid>) -> DeadlineRow {
        DeadlineRow {
            id: Uuid::from_u128(1),
            tenant_id: Uuid::from_u128(2),
            case_id: Uuid::from_u128(3),
            sheet_id: sheet,
            kind: Code(kind),
            due_at: at(3, 4, 18, 0),
            next_step_at: Some(at(3, 2, 9, 0)),
            done_steps: serde_json::json!(["a", "b"]),
            claimed_until: None,
            closed_at: None,
        }
    }

    fn sheet(state: SheetState, open: bool) -> task_sheet::Model {
        let t = at(3, 2, 9, 0);
        task_sheet::Model {
            id: Uuid::from_u128(4),
            tenant_id: Uuid::from_u128(2),
            case_id: Uuid::from_u128(3),
            case_item_id: Uuid::from_u128(5),
            kind: Code(SheetKind::Approval),
            department_id: Uuid::from_u128(6),
            assignee_id: None,
            state: Code(state),
            open,
            version: 1,
            dispatched_at: t,
            acknowledge_by: t,
            acknowledged_at: None,
            finish_by: t,
            closed_at: None,
            outcome: None,
            document_number: None,
            result_notice_channel: None,
            result_noticed_at: None,
            office_minutes_used: None,
            office_minutes_promised: None,
            data: serde_json::json!({}),
            created_at: t,
            updated_at: t,
        }
    }

    fn case(state: CaseState) -> case::Model {
        let t = at(3, 2, 9, 0);
        case::Model {
            id: Uuid::from_u128(3),
            tenant_id: Uuid::from_u128(2),
            number: "DY-2026-0001".into(),
            enterprise_id: Uuid::from_u128(7),
            state: Code(state),
            version: 1,
            project_name: "光伏组件项目".into(),
            industry_code: "C3825".into(),
            investment_fen: 1,
            location: String::new(),
            agreement_signed_on: None,
            brief: String::new(),
            contact_name: String::new(),
            contact_phone: String::new(),
            created_by: Uuid::nil(),
            reviewer_id: None,
            review_note: None,
            accepter_id: None,
            responsible_leader_id: None,
            lead_agent_id: None,
            notification_text: None,
            documents_handed_over_at: None,
            enterprise_confirmed_at: None,
            evaluation_status: Code(EvaluationStatus::Pending),
            state_before_closing: None,
            closing_reason: None,
            chain_length: 0,
            chain_head: String::new(),
            created_at: t,
            updated_at: t,
        }
    }

    #[test]
    fn kinds_round_trip_and_pick_their_ladder() {
        for kind in DeadlineKind::ALL {
            assert!(!phrases(kind).0.is_empty(), "{kind}");
        }
        assert_eq!(DeadlineKind::policy(Some(DeadlineKind::Acknowledgement)), EscalationPolicy::acknowledgement());
        assert_eq!(DeadlineKind::policy(Some(DeadlineKind::TeamFormation)), EscalationPolicy::finishing());
    }

    #[test]
    fn subjects_match_the_domain_sheet_keys() {
        let sheet = Uuid::from_u128(9);
        assert_eq!(subject(&row(DeadlineKind::Acknowledgement, Some(sheet))), format!("sheet:{sheet}:acknowledge"));
        assert_eq!(subject(&row(DeadlineKind::Finish, Some(sheet))), format!("sheet:{sheet}:finish"));
        assert_eq!(
            subject(&row(DeadlineKind::MaterialCommitment, Some(sheet))),
            format!("sheet:{sheet}:material_commitment")
        );
        assert_eq!(
            subject(&row(DeadlineKind::TeamFormation, None)),
            format!("case:{}:team_formation", Uuid::from_u128(3))
        );
    }

    #[test]
    fn closed_sheets_and_ended_cases_make_deadlines_stale() {
        let ctx = |s: Option<task_sheet::Model>, c: Option<case::Model>| DeadlineContext {
            case: c,
            sheet: s,
            item_name: None,
            department_name: None,
        };
        let fin = row(DeadlineKind::Finish, Some(Uuid::from_u128(4)));
        assert!(!is_stale(
            &fin,
            DeadlineKind::Finish,
            &ctx(Some(sheet(SheetState::Acknowledged, true)), Some(case(CaseState::InService)))
        ));
        assert!(is_stale(
            &fin,
            DeadlineKind::Finish,
            &ctx(Some(sheet(SheetState::Finished, false)), Some(case(CaseState::InService)))
        ));
        assert!(is_stale(&fin, DeadlineKind::Finish, &ctx(None, Some(case(CaseState::InService)))));
        let mut acked = sheet(SheetState::Acknowledged, true);
        acked.acknowledged_at = Some(at(3, 2, 9, 10));
        assert!(is_stale(&fin, DeadlineKind::Acknowledgement, &ctx(Some(acked), None)));
        let team = row(DeadlineKind::TeamFormation, None);
        assert!(!is_stale(&team, DeadlineKind::TeamFormation, &ctx(None, Some(case(CaseState::Accepted)))));
        assert!(is_stale(&team, DeadlineKind::TeamFormation, &ctx(None, Some(case(CaseState::Terminated)))));
        let rect = row(DeadlineKind::Rectification, None);
        assert!(!is_stale(&rect, DeadlineKind::Rectification, &ctx(None, Some(case(CaseState::Completed)))));
        assert!(is_waiting(DeadlineKind::Finish, &ctx(Some(sheet(SheetState::Paused, true)), None)));
        assert!(!is_waiting(DeadlineKind::MaterialCommitment, &ctx(Some(sheet(SheetState::Paused, true)), None)));
        assert_eq!(done_keys(&fin), BTreeSet::from(["a".to_owned(), "b".to_owned()]));
    }

    #[test]
    fn texts_name_the_case_item_and_department() {
        let cal = Calendar::china().unwrap();
        let ctx = DeadlineContext {
            case: Some(case(CaseState::InService)),
            sheet: Some(sheet(SheetState::Acknowledged, true)),
            item_name: Some("建设用地规划许可".into()),
            department_name: Some("自然资源局".into()),
        };
        let deadline = at(3, 4, 18, 0);
        let steps = EscalationPolicy::finishing().schedule("s", deadline, &cal).unwrap();
        let (title, body) = texts(DeadlineKind::Finish, &steps[0], &ctx, &cal, at(3, 4, 9, 0));
        assert_eq!(title, "任务单即将超时：建设用地规划许可");
        assert_eq!(
            body,
            "项目“光伏组件项目”（DY-2026-0001）的“建设用地规划许可”（自然资源局）须于 2026-03-04 18:00 前办结，请抓紧办理。"
        );
        let (title, body) = texts(DeadlineKind::Finish, &steps[3], &ctx, &cal, at(3, 9, 18, 1));
        assert_eq!(title, "督办：任务单超时未办结：建设用地规划许可");
        assert!(body.contains("已超期 3 个工作日仍未完成"), "{body}");
        let case_ctx = DeadlineContext { sheet: None, item_name: None, department_name: None, ..ctx };
        let (title, body) = texts(DeadlineKind::TeamFormation, &steps[1], &case_ctx, &cal, deadline);
        assert_eq!(title, "项目管家团队组建已超时：光伏组件项目");
        assert!(body.starts_with("项目“光伏组件项目”（DY-2026-0001）须于"), "{body}");
    }
}
