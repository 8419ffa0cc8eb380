//! The department's decision on a material given for one of its items: accepted, or a
//! correction asked for (补正) with the reason, naming the material.

use butler_domain::case::event_action::EventAction;
use butler_domain::material::{self, MaterialAction, MaterialState};
use butler_domain::policy::Actor;
use butler_persistence::repo::history::{self as history_repo, NewEvent};
use butler_persistence::repo::materials::{self as repo, RowChange};
use serde_json::json;
use uuid::Uuid;

use super::{ChecklistMaterial, locate, material_actor, one, refusal};
use crate::cases::{head, load_for_change};
use crate::{AppError, Context};

/// The department's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Accept,
    /// 补正, with why (shown to the enterprise).
    RequestCorrection {
        reason: String,
    },
}

/// Records the department's decision on the material given for one item.
pub async fn decide(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    item_id: Uuid,
    position: i32,
    decision: Decision,
) -> Result<ChecklistMaterial, AppError> {
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load_for_change(&txn, actor, case_id, now, butler_domain::case::frozen::CaseWrite::Material).await?;
    let (item, listed) = locate(&b, item_id, position)?;
    let existing = repo::case_row(&txn, item_id, position).await?;
    let from = existing.as_ref().map_or(MaterialState::Missing, |r| r.state.0);
    let who = material_actor(actor, &b, &item);
    let (action, reason, event_action) = match decision {
        Decision::Accept => (MaterialAction::Accept, None, EventAction::MaterialAccepted),
        Decision::RequestCorrection { reason } => {
            (MaterialAction::RequestCorrection, Some(reason), EventAction::MaterialCorrectionRequested)
        }
    };
    let to = material::decide(b.case.state.0, from, action, &who).map_err(refusal)?;
    // `decide` refuses every decision on a missing material, so a row exists here.
    let Some(row) = existing else { return Err(AppError::NotFound) };
    let change = RowChange {
        case_id,
        case_item_id: item.id,
        position,
        name: row.name.clone(),
        material_id: row.material_id,
        material_version_id: row.material_version_id,
        state: to,
        reason: reason.clone(),
        decided_by: Some(actor.user_id),
        decided_at: Some(now),
    };
    let saved = repo::save_row(&txn, actor.tenant_id, Some(&row), change, now).await?;
    let version = repo::versions_by_id(&txn, &[saved.material_version_id]).await?.first().map(|v| v.version);
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: event_action,
        sheet_id: None,
        from_state: Some(from.code().to_owned()),
        to_state: Some(to.code().to_owned()),
        payload: json!({
            "item_id": item.id, "item": item.name, "position": position, "material": listed.name,
            "material_id": saved.material_id, "version": version, "reason": reason,
        }),
    };
    history_repo::append(&txn, b.case.tenant_id, b.case.id, &head(&b.case), vec![event], now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    one(ctx, actor, case_id, item_id, position).await
}
