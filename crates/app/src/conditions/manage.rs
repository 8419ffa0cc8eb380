//! Adding a condition and lifting one (the office and the admin), each audited, and recorded
//! in the case's history when it is on a case — all in one transaction.

use butler_domain::audit::AuditAction;
use butler_domain::case::event_action::{CaseOperation, EventAction};
use butler_domain::condition::{self as rules, ConditionTarget, NewCondition};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::DatabaseTransaction;
use butler_persistence::repo::conditions::{self as repo, ConditionRow};
use butler_persistence::repo::history::NewEvent;
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use super::{Condition, today};
use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::cases;
use crate::error::AppError;

/// A condition to add, its fields checked by the domain.
pub type NewConditionCommand = NewCondition;

/// Appends `action` about `row` to its case's history (a condition on a case only).
async fn record_on_case(
    txn: &DatabaseTransaction,
    actor: &Actor,
    row: &ConditionRow,
    action: EventAction,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some(case_id) = row.case_id else { return Ok(()) };
    let b = cases::load(txn, actor.tenant_id, case_id).await?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action,
        sheet_id: None,
        from_state: None,
        to_state: None,
        payload: json!({
            "condition_id": row.id,
            "severity": row.severity.0,
            "source": row.source.0,
            "source_ref": row.source_ref,
            "reason": reason,
        }),
    };
    cases::save(txn, b.case.clone(), b.case.version, vec![event], now).await?;
    Ok(())
}

fn detail(row: &ConditionRow) -> serde_json::Value {
    json!({
        "condition_id": row.id,
        "credit_code": row.credit_code,
        "case_id": row.case_id,
        "severity": row.severity.0,
        "source": row.source.0,
        "source_ref": row.source_ref,
    })
}

/// Adds a condition. On a case, the case must be the county's and not closed (its file is
/// frozen), and its history records it. The same source, credit code and document number as
/// a record kept already is refused (`source_ref` taken).
pub async fn add(ctx: &Context, actor: &Actor, meta: &RequestMeta, new: NewCondition) -> Result<Condition, AppError> {
    authorize(actor, Action::ManageConditions, Scope::tenant(actor.tenant_id))?;
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let (credit_code, case_id) = match &new.target {
        ConditionTarget::Enterprise(code) => (Some(code.as_str().to_owned()), None),
        ConditionTarget::Case(id) => {
            let b = cases::load(&txn, actor.tenant_id, *id).await.map_err(|e| match e {
                AppError::NotFound => {
                    AppError::field("case_id", "not_found", "本县没有该项目", "the county has no such case")
                }
                other => other,
            })?;
            if b.case.state.0.is_closed() {
                return Err(AppError::InvalidTransition {
                    state: b.case.state.0.code().to_owned(),
                    action: CaseOperation::AddCondition.code().to_owned(),
                    allowed: vec![],
                });
            }
            (None, Some(*id))
        }
    };
    let row = repo::create(
        &txn,
        actor.tenant_id,
        repo::NewCondition {
            credit_code,
            case_id,
            enterprise_name: new.enterprise_name,
            severity: new.severity,
            source: new.source,
            source_ref: new.source_ref,
            reason: new.reason.clone(),
            valid_from: new.valid_from,
            valid_until: new.valid_until,
            created_by: Some(actor.user_id),
        },
        now,
    )
    .await
    .map_err(AppError::taken(
        "source_ref",
        "该来源对该企业的同一文号已有记录",
        "this source has a record with this document number for the enterprise already",
    ))?;
    record_on_case(&txn, actor, &row, EventAction::ConditionAdded, &new.reason, now).await?;
    audit_trail::record(&txn, meta, actor, AuditAction::ConditionAdded, detail(&row), now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(Condition::of(row, today(now)))
}

/// Lifts a condition with a reason (kept on the record, in the audit trail and, on a case, in
/// its history). A condition lifted already is refused (409).
pub async fn lift(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    reason: &str,
) -> Result<Condition, AppError> {
    authorize(actor, Action::ManageConditions, Scope::tenant(actor.tenant_id))?;
    let reason = rules::lift_reason(reason).map_err(|e| {
        let (zh, en) = match e {
            butler_domain::text::TextError::Empty => ("解除须说明理由", "a reason is required"),
            _ => ("理由不能超过 1000 个字符", "the reason must be at most 1000 characters"),
        };
        AppError::field("reason", "reason", zh, en)
    })?;
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let row = repo::get(&txn, actor.tenant_id, id).await?;
    if row.lifted_at.is_some() {
        return Err(AppError::InvalidTransition {
            state: "lifted".to_owned(),
            action: "lift".to_owned(),
            allowed: vec![],
        });
    }
    let row = repo::lift(&txn, actor.tenant_id, id, actor.user_id, &reason, now).await?;
    record_on_case(&txn, actor, &row, EventAction::ConditionLifted, &reason, now).await?;
    let mut d = detail(&row);
    d["reason"] = json!(reason);
    audit_trail::record(&txn, meta, actor, AuditAction::ConditionLifted, d, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(Condition::of(row, today(now)))
}
