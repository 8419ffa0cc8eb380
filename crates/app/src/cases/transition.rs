//! The lifecycle's commands: the case table and its guards decide, the command brings its
//! own changes (review, team, plan, agreement, hand-over, evaluation), and the whole step is
//! written in one transaction.

use butler_domain::case::lifecycle::{self, CaseAction, CaseError, CaseFacts, DecisionError, EvaluationStatus};
use butler_domain::notice::KeyIds;
use butler_domain::policy::Actor;
use butler_persistence::repo::cases;
use serde_json::json;
use uuid::Uuid;

use super::*;
use crate::Context;
use crate::commands::*;
use crate::effects;
use crate::error::{AppError, FieldError};

pub(crate) fn action_of(cmd: &CaseCommand) -> CaseAction {
    match cmd {
        CaseCommand::Submit => CaseAction::Submit,
        CaseCommand::ReturnForRevision { .. } => CaseAction::ReturnForRevision,
        CaseCommand::Review(_) => CaseAction::Review,
        CaseCommand::Accept => CaseAction::Accept,
        CaseCommand::Reject { .. } => CaseAction::Reject,
        CaseCommand::FormTeam(_) => CaseAction::FormTeam,
        CaseCommand::ProposePlan(_) => CaseAction::ProposePlan,
        CaseCommand::AgreePlan => CaseAction::AgreePlan,
        CaseCommand::SignAgreement { .. } => CaseAction::SignAgreement,
        CaseCommand::StartService => CaseAction::StartService,
        CaseCommand::Complete { .. } => CaseAction::Complete,
        CaseCommand::Terminate { .. } => CaseAction::Terminate,
        CaseCommand::Confirm => CaseAction::Confirm,
        CaseCommand::Evaluate(e) if e.declined => CaseAction::DeclineEvaluation,
        CaseCommand::Evaluate(_) => CaseAction::Evaluate,
        CaseCommand::Archive => CaseAction::Archive,
        CaseCommand::Reopen { .. } => CaseAction::Reopen,
    }
}

pub(crate) fn reason_of(cmd: &CaseCommand) -> Option<String> {
    match cmd {
        CaseCommand::ReturnForRevision { reason }
        | CaseCommand::Reject { reason }
        | CaseCommand::Terminate { reason }
        | CaseCommand::Reopen { reason } => Some(reason.trim().to_owned()),
        _ => None,
    }
}

/// Runs one lifecycle command: checks visibility, version, the table and its guards, applies
/// the command's own changes, and writes state, history, deadlines and notifications in one
/// transaction.
pub async fn run(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    if_match: Option<i32>,
    cmd: CaseCommand,
) -> Result<CaseBundle, AppError> {
    let now = ctx.clock.now();
    let cal = calendar(ctx, actor.tenant_id).await?;
    let threshold_fen = threshold(ctx, actor.tenant_id).await?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let mut b = load_for_change(&txn, actor, id, now, butler_domain::case::frozen::CaseWrite::Lifecycle).await?;
    check_version(b.case.version, if_match)?;
    let from = state_of(&b.case)?;
    let action = action_of(&cmd);
    // The command's own changes that guards depend on come first (team, plan, hand-over).
    let mut payload = json!({});
    let mut extra_events = Vec::new();
    let mut c = b.case.clone();
    // Structural checks the table cannot express, before anything is written.
    let row = lifecycle::transition(from, action).map_err(lifecycle_error)?;
    // The role is checked before the command's own checks, so a caller who may not act
    // learns nothing from them.
    if !row.roles.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    match &cmd {
        CaseCommand::Submit => {
            if b.items.is_empty() {
                return Err(AppError::PreconditionsNotMet(vec![FieldError::new(
                    "items",
                    "no_items",
                    "请至少选择一个帮办代办事项",
                    "choose at least one item",
                )]));
            }
            check_threshold(c.investment_fen, threshold_fen)?;
        }
        CaseCommand::Review(r) => {
            let failed: Vec<&str> = [
                ("industrial", r.policy_checks.industrial),
                ("land", r.policy_checks.land),
                ("environmental", r.policy_checks.environmental),
                ("safety", r.policy_checks.safety),
                ("energy", r.policy_checks.energy),
            ]
            .into_iter()
            .filter(|(_, ok)| !ok)
            .map(|(n, _)| n)
            .collect();
            if !failed.is_empty() {
                return Err(AppError::PreconditionsNotMet(
                    failed
                        .into_iter()
                        .map(|f| {
                            FieldError::new(
                                format!("policy_checks.{f}"),
                                "policy_not_met",
                                "项目不符合该项政策要求，请退回申请并说明原因",
                                "the project does not meet this policy; return the application with a reason",
                            )
                        })
                        .collect(),
                ));
            }
            check_threshold(c.investment_fen, threshold_fen)?;
            c.reviewer_id = Some(actor.user_id);
            c.review_note = Some(r.recommendation.trim().to_owned());
            payload = json!({"recommendation": r.recommendation.trim(), "policy_checks": "all_met"});
        }
        CaseCommand::Accept => {
            c.accepter_id = Some(actor.user_id);
        }
        CaseCommand::FormTeam(t) => {
            let members = team_members(&txn, actor, &b, t, now).await?;
            cases::replace_team(&txn, id, members).await?;
            c.responsible_leader_id = Some(t.responsible_leader_id);
            c.lead_agent_id = Some(t.lead_agent_id);
            b.team = cases::team(&txn, id).await?;
            payload = json!({"responsible_leader_id": t.responsible_leader_id, "lead_agent_id": t.lead_agent_id, "co_agent_ids": t.co_agent_ids});
        }
        CaseCommand::ProposePlan(p) => {
            let new_items = plan_items(&txn, actor, &b, p, now, &cal).await?;
            b.items = cases::replace_items(&txn, actor.tenant_id, id, new_items, true).await?;
            payload = json!({"items": b.items.iter().map(|i| json!({"name": i.name, "promised_limit": i.promised_limit})).collect::<Vec<_>>()});
        }
        CaseCommand::SignAgreement { notification_text } => {
            let text = match notification_text {
                Some(t) if !t.trim().is_empty() => t.trim().to_owned(),
                _ => one_time_notification(&b, &cal, now),
            };
            c.notification_text = Some(text);
            payload = json!({"agreement": "signed", "one_time_notification": "sent"});
        }
        CaseCommand::Complete { handed_over_documents } => {
            c.documents_handed_over_at = Some(now);
            b.case.documents_handed_over_at = Some(now);
            payload = json!({"handed_over_documents": handed_over_documents});
        }
        CaseCommand::Terminate { reason } => {
            c.closing_reason = Some(reason.trim().to_owned());
            payload = json!({"reason": reason.trim()});
        }
        CaseCommand::Reject { reason } => {
            c.closing_reason = Some(reason.trim().to_owned());
            payload = json!({"reason": reason.trim()});
        }
        CaseCommand::ReturnForRevision { reason } | CaseCommand::Reopen { reason } => {
            payload = json!({"reason": reason.trim()});
        }
        CaseCommand::Confirm => {}
        CaseCommand::Evaluate(e) => {
            if !e.declined && e.level.is_none() {
                return Err(AppError::field(
                    "level",
                    "required",
                    "请选择满意度",
                    "the level is required unless declined",
                ));
            }
            payload = json!({"declined": e.declined, "level": e.level.map(|l| l.code()), "comment": e.comment});
        }
        CaseCommand::AgreePlan | CaseCommand::Archive | CaseCommand::StartService => {}
    }
    // Guards see the command's changes.
    b.case = c.clone();
    let mut facts = context(actor, &b, threshold_fen, reason_of(&cmd), now);
    facts.prereview_open = crate::prereview::is_open(&txn, id).await?;
    let case_facts = CaseFacts {
        project: crate::sheets::project_of(&b),
        notification_text: c.notification_text.clone(),
        items: crate::sheets::plan_items(&b),
        sheets: crate::sheets::plan_sheets(&b),
    };
    let decided = lifecycle::decide(from, action, &facts, &case_facts, now, &cal).map_err(|e| match e {
        DecisionError::Case(e @ CaseError::GuardFailed { .. }) if matches!(cmd, CaseCommand::Archive) => {
            let missing = dossier_missing(&b);
            if missing.is_empty() { lifecycle_error(e) } else { AppError::PreconditionsNotMet(missing) }
        }
        DecisionError::Case(e) => naming_the_hold(lifecycle_error_in(e, from, &facts), &b, now),
        DecisionError::Calendar(e) => AppError::internal(e),
    })?;
    let to = decided.to;
    c.state = Code(to);
    if let Some(before) = decided.state_before_closing {
        c.state_before_closing = Some(Code(before));
    }
    match &cmd {
        CaseCommand::Reopen { .. } => c.closing_reason = None,
        CaseCommand::Confirm => c.enterprise_confirmed_at = Some(now),
        CaseCommand::Evaluate(e) => {
            c.evaluation_status = Code(if e.declined { EvaluationStatus::Declined } else { EvaluationStatus::Given });
            if !e.declined {
                extra_events.extend(crate::sheets::record_evaluation(&txn, actor, &b, e, now, &cal).await?);
            }
        }
        _ => {}
    }
    // What follows the step, as the domain decided it, in the same transaction.
    if let Some(reason) = &decided.cancel_open_sheets {
        extra_events.extend(crate::sheets::cancel_open_sheets(&txn, actor, &b, reason, now, &cal).await?);
    }
    extra_events.extend(crate::sheets::dispatch_items(&txn, Some(actor), &b, &decided.dispatch, now, &cal).await?);
    let team = crate::sheets::team_of(&b);
    let here = crate::sheets::scope(&b, &team, None);
    effects::apply_deadlines(&txn, &here, &decided.deadlines, now).await?;
    let ids = KeyIds { version: Some(b.case.version), ..KeyIds::default() };
    effects::deliver(&txn, &here, &decided.notifications, ids, now).await?;
    let mut events = vec![lifecycle_event(actor, action.into(), from, to, payload)];
    events.extend(extra_events);
    save(&txn, c, b.case.version, events, now).await?;
    let bundle = load(&txn, actor.tenant_id, id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(bundle)
}

pub(crate) fn check_threshold(investment_fen: i64, threshold_fen: i64) -> Result<(), AppError> {
    if investment_fen >= threshold_fen {
        return Ok(());
    }
    let wan = |fen: i64| fen as f64 / 1_000_000.0;
    Err(AppError::PreconditionsNotMet(vec![FieldError::new(
        "total_investment_fen",
        "below_threshold",
        format!("总投资 {:.2} 万元低于帮办代办服务门槛 {:.0} 万元", wan(investment_fen), wan(threshold_fen)),
        format!(
            "total investment {:.2} 万元 is below the threshold of {:.0} 万元",
            wan(investment_fen),
            wan(threshold_fen)
        ),
    )]))
}
