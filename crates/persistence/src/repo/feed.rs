//! The change feed: a tenant's case events in a stable order, (occurred_at, id), read in pages
//! after a cursor that encodes the last event's position. Only events at or before a cut-off
//! time are read (the caller passes `now` less a settle lag), so an event whose transaction
//! commits after a reader passed its time is still ahead of that reader's cursor.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::case_event;

pub use case_event::Model as FeedRow;

/// The position of an event in the feed: its time and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FeedCursor {
    pub occurred_at: DateTime<Utc>,
    pub id: Uuid,
}

impl FeedCursor {
    /// The cursor after `row`.
    pub fn after(row: &FeedRow) -> Self {
        FeedCursor { occurred_at: row.occurred_at, id: row.id }
    }

    /// Opaque text: the time in microseconds and the id, base64url.
    pub fn encode(&self) -> String {
        let mut bytes = Vec::with_capacity(24);
        bytes.extend_from_slice(&self.occurred_at.timestamp_micros().to_be_bytes());
        bytes.extend_from_slice(self.id.as_bytes());
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// Reads a cursor this server issued; anything else is `InvalidCursor`.
    pub fn decode(text: &str) -> Result<Self, StoreError> {
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| StoreError::InvalidCursor)?;
        if bytes.len() != 24 {
            return Err(StoreError::InvalidCursor);
        }
        let mut micros = [0u8; 8];
        micros.copy_from_slice(&bytes[..8]);
        let occurred_at =
            DateTime::<Utc>::from_timestamp_micros(i64::from_be_bytes(micros)).ok_or(StoreError::InvalidCursor)?;
        let id = Uuid::from_slice(&bytes[8..]).map_err(|_| StoreError::InvalidCursor)?;
        Ok(FeedCursor { occurred_at, id })
    }
}

/// One page of the feed.
#[derive(Debug, Clone)]
pub struct FeedPage {
    pub events: Vec<FeedRow>,
    /// Whether more settled events follow the last one.
    pub has_more: bool,
}

/// Up to `limit` events of `tenant_id` after `after` (from the start when `None`) that
/// occurred at or before `settled_until`, oldest first by (occurred_at, id).
pub async fn page(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    after: Option<FeedCursor>,
    settled_until: DateTime<Utc>,
    limit: u64,
) -> Result<FeedPage, StoreError> {
    let mut select = case_event::Entity::find()
        .filter(case_event::Column::TenantId.eq(tenant_id))
        .filter(case_event::Column::OccurredAt.lte(settled_until));
    if let Some(c) = after {
        select = select.filter(
            Condition::any().add(case_event::Column::OccurredAt.gt(c.occurred_at)).add(
                Condition::all()
                    .add(Expr::col(case_event::Column::OccurredAt).eq(c.occurred_at))
                    .add(case_event::Column::Id.gt(c.id)),
            ),
        );
    }
    let mut events = select
        .order_by_asc(case_event::Column::OccurredAt)
        .order_by_asc(case_event::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let has_more = events.len() as u64 > limit;
    events.truncate(limit as usize);
    Ok(FeedPage { events, has_more })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_what_it_encodes_and_foreign_text_is_refused() {
        let cursor = FeedCursor {
            occurred_at: DateTime::<Utc>::from_timestamp_micros(1_796_000_000_123_456).unwrap(),
            id: Uuid::from_u128(0x0192_3456_789a_7bcd_8123_4567_89ab_cdef),
        };
        assert_eq!(FeedCursor::decode(&cursor.encode()).unwrap(), cursor);
        for bad in ["", "not a cursor", "AAAA", &URL_SAFE_NO_PAD.encode([0u8; 23])] {
            assert!(matches!(FeedCursor::decode(bad), Err(StoreError::InvalidCursor)), "{bad}");
        }
    }
}
