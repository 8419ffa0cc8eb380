//! A case's hash-chained history: appended in the caller's transaction, serialised per case
//! by a guard on the chain head kept on the case row.

use butler_domain::case::event_action::EventAction;
use butler_domain::case::history::{self, ChainSubject, ChainVersion, ChainedEvent, Event, HashAlgorithm};
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::{case, case_event};
use crate::{Code, StoreError};

pub use case_event::Model as EventRow;

/// An event to append.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub actor_id: Option<Uuid>,
    pub action: EventAction,
    pub sheet_id: Option<Uuid>,
    /// The state before and after, of the case or of the sheet (the action says which): text,
    /// as no one enumeration holds both.
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub payload: serde_json::Value,
}

/// The chain head a writer read with the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub length: i32,
    pub hash: String,
}

/// Appends `events` after `head` and moves the head on the case row. Fails with
/// `Conflict` when another writer appended first (the caller may retry its command).
pub async fn append(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    case_id: Uuid,
    head: &ChainHead,
    events: Vec<NewEvent>,
    now: DateTime<Utc>,
) -> Result<ChainHead, StoreError> {
    if events.is_empty() {
        return Ok(head.clone());
    }
    // PostgreSQL keeps microseconds; the hash covers exactly what is stored.
    let at = now.trunc_subsecs(6);
    let mut last: Option<ChainedEvent> = None;
    let mut rows = Vec::with_capacity(events.len());
    let mut prev_hash = head.hash.clone();
    let subject = ChainSubject { case_id, tenant_id };
    let chain_version = ChainVersion::CURRENT;
    for (i, e) in events.into_iter().enumerate() {
        let sequence = head.length as u64 + i as u64 + 1;
        let mut payload = e.payload;
        if let (Some(sheet), Some(obj)) = (e.sheet_id, payload.as_object_mut()) {
            obj.insert("sheet_id".into(), serde_json::Value::from(sheet.to_string()));
        }
        let event = Event {
            sequence,
            occurred_at: at,
            actor_id: e.actor_id,
            action: e.action.code().to_owned(),
            from: e.from_state.clone(),
            to: e.to_state.clone(),
            payload: payload.clone(),
        };
        let hash = history::hash_event(HashAlgorithm::Sm3, chain_version, &subject, &event, &prev_hash);
        rows.push(case_event::ActiveModel {
            id: Set(super::new_id()),
            tenant_id: Set(tenant_id),
            case_id: Set(case_id),
            sequence: Set(sequence as i32),
            occurred_at: Set(at),
            actor_id: Set(e.actor_id),
            action: Set(Code(e.action)),
            sheet_id: Set(e.sheet_id),
            from_state: Set(e.from_state),
            to_state: Set(e.to_state),
            payload: Set(payload),
            prev_hash: Set(prev_hash.clone()),
            hash: Set(hash.clone()),
            chain_version: Set(i16::from(chain_version.number())),
        });
        prev_hash = hash.clone();
        last = Some(ChainedEvent { event, chain_version, hash });
    }
    let new_head =
        ChainHead { length: head.length + rows.len() as i32, hash: last.map(|l| l.hash).unwrap_or_default() };
    let moved = case::Entity::update_many()
        .col_expr(case::Column::ChainLength, Expr::value(new_head.length))
        .col_expr(case::Column::ChainHead, Expr::value(new_head.hash.clone()))
        .filter(case::Column::Id.eq(case_id))
        .filter(case::Column::ChainLength.eq(head.length))
        .exec(db)
        .await?;
    if moved.rows_affected != 1 {
        return Err(StoreError::HistoryMovedOn);
    }
    case_event::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(new_head)
}

/// The whole history of a case, in order.
pub async fn list(db: &impl ConnectionTrait, tenant_id: Uuid, case_id: Uuid) -> Result<Vec<EventRow>, StoreError> {
    Ok(case_event::Entity::find()
        .filter(case_event::Column::TenantId.eq(tenant_id))
        .filter(case_event::Column::CaseId.eq(case_id))
        .order_by_asc(case_event::Column::Sequence)
        .all(db)
        .await?)
}

/// Whose history the rows of `case_id` in `tenant_id` are, as the chain binds it.
pub fn subject(tenant_id: Uuid, case_id: Uuid) -> ChainSubject {
    ChainSubject { case_id, tenant_id }
}

/// The chain version a row records. An unknown number (written by a newer release) is read as
/// the current version, so that the chain fails to verify rather than the read.
pub fn chain_version(row: &EventRow) -> ChainVersion {
    ChainVersion::from_number(i64::from(row.chain_version)).unwrap_or(ChainVersion::CURRENT)
}

/// The domain's view of stored rows, for verification.
pub fn chained(rows: &[EventRow]) -> Vec<ChainedEvent> {
    rows.iter()
        .map(|r| ChainedEvent {
            event: Event {
                sequence: r.sequence.max(0) as u64,
                occurred_at: r.occurred_at,
                actor_id: r.actor_id,
                action: r.action.0.code().to_owned(),
                from: r.from_state.clone(),
                to: r.to_state.clone(),
                payload: r.payload.clone(),
            },
            chain_version: chain_version(r),
            hash: r.hash.clone(),
        })
        .collect()
}
