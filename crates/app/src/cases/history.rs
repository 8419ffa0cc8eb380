//! A case's file (一事一档) as its page reads it: what the dossier still lacks, the history
//! with who did each step, and the verification of the history's hash chain.

use std::collections::BTreeSet;

use butler_domain::case::event_action::EventAction;
use butler_domain::case::history::ChainVersion;
use butler_domain::policy::Actor;
use butler_persistence::repo::history::{self as history_repo, EventRow};
use butler_persistence::repo::users;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::Context;
use crate::error::{AppError, FieldError};

use super::{ChainVerification, dossier_missing, get, verify_chain};

/// One event of a case's history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEvent {
    /// Its place in the chain, from 1.
    pub sequence: i32,
    pub occurred_at: DateTime<Utc>,
    /// Who did it; absent for the system's own steps.
    pub actor_id: Option<Uuid>,
    /// The actor's display name, when the actor is a user of the tenant.
    pub actor_name: Option<String>,
    pub action: EventAction,
    /// The sheet the event is about, for a sheet's events.
    pub sheet_id: Option<Uuid>,
    /// The state before and after: the case's, or the sheet's for a sheet's events.
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub payload: serde_json::Value,
    pub prev_hash: String,
    /// SM3 of the event's canonical form, chained to `prev_hash`.
    pub hash: String,
    /// The version of the canonical form `hash` covers.
    pub chain_version: ChainVersion,
}

/// A case's whole history, oldest first, and the verification of its chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub events: Vec<HistoryEvent>,
    pub verification: ChainVerification,
}

/// What the case's dossier (一事一档) still lacks before it can be archived, as field errors
/// (`dossier`); empty when complete. Only for those who may see the case.
pub async fn dossier_gaps(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<Vec<FieldError>, AppError> {
    let b = get(ctx, actor, case_id).await?;
    Ok(dossier_missing(&b))
}

/// The case's history with each actor named, and its chain verified. Only for those who may
/// see the case.
pub async fn timeline(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<Timeline, AppError> {
    let b = get(ctx, actor, case_id).await?;
    let rows = history_repo::list(&ctx.db, b.case.tenant_id, b.case.id).await?;
    let verification = verify_chain(&b.case, &rows);
    let actor_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.actor_id).collect::<BTreeSet<_>>().into_iter().collect();
    let names = users::display_names(&ctx.db, b.case.tenant_id, &actor_ids).await?;
    let events = rows
        .into_iter()
        .map(|r| {
            let actor_name = r.actor_id.and_then(|a| names.get(&a).cloned());
            event(r, actor_name)
        })
        .collect::<Result<_, _>>()?;
    Ok(Timeline { events, verification })
}

/// The verification of the case's hash chain (SM3). Only for those who may see the case.
pub async fn verify_history(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<ChainVerification, AppError> {
    let b = get(ctx, actor, case_id).await?;
    let rows = history_repo::list(&ctx.db, b.case.tenant_id, b.case.id).await?;
    Ok(verify_chain(&b.case, &rows))
}

fn event(r: EventRow, actor_name: Option<String>) -> Result<HistoryEvent, AppError> {
    Ok(HistoryEvent {
        chain_version: history_repo::chain_version(&r),
        sequence: r.sequence,
        occurred_at: r.occurred_at,
        actor_id: r.actor_id,
        actor_name,
        action: r.action.0,
        sheet_id: r.sheet_id,
        from_state: r.from_state,
        to_state: r.to_state,
        payload: r.payload,
        prev_hash: r.prev_hash,
        hash: r.hash,
    })
}
