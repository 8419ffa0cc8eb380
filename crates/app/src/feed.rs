//! The change feed: every case event of the caller's tenant in a stable order, in pages after
//! an opaque cursor, so that a client that missed webhooks catches up without scanning
//! everything.
//!
//! Order and completeness: events are ordered by (occurred_at, id) and a page holds only
//! events that occurred at least the settle lag (`Context::feed_settle`) before now. An event's
//! time is taken when its use case starts and its transaction commits shortly after; as long as
//! every writer's transaction commits within the settle lag (they are short: one case's
//! change), an event that commits after a reader passed a time cannot sort before that reader's
//! cursor, so none is skipped.

use std::collections::BTreeSet;

use butler_domain::case::feed::public_payload;
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::webhook::payload::PublishedEvent;
use butler_persistence::repo::feed::{self as repo, FeedCursor, FeedRow};
use butler_persistence::repo::{cases, users};
use uuid::Uuid;

use crate::Context;
use crate::error::{AppError, FieldError};

/// The default number of events per page.
pub const DEFAULT_LIMIT: u64 = 100;
/// The most events one page may hold.
pub const MAX_LIMIT: u64 = 500;

/// One page of the feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedPage {
    pub events: Vec<PublishedEvent>,
    /// Where to continue: after the last event of this page, or the cursor given when the
    /// page is empty; absent only when nothing has settled yet and no cursor was given.
    pub next_cursor: Option<String>,
    /// Whether more settled events follow right away.
    pub has_more: bool,
}

fn limit_checked(limit: Option<u64>) -> Result<u64, AppError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if (1..=MAX_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(AppError::Validation(vec![FieldError::new(
            "limit",
            "range",
            format!("须在 1 到 {MAX_LIMIT} 之间"),
            format!("must be between 1 and {MAX_LIMIT}"),
        )]))
    }
}

/// The events of `actor`'s tenant after `after` (from the first when absent), up to `limit`
/// (1–500, 100 by default). The office, supervisors and admins may read it; a cursor this
/// server did not issue is a field error (`cursor`).
pub async fn read(ctx: &Context, actor: &Actor, after: Option<&str>, limit: Option<u64>) -> Result<FeedPage, AppError> {
    authorize(actor, Action::ReadFeed, Scope::tenant(actor.tenant_id))?;
    let limit = limit_checked(limit)?;
    let after = after.map(str::trim).filter(|c| !c.is_empty());
    let cursor = after.map(FeedCursor::decode).transpose()?;
    let settle = chrono::Duration::from_std(ctx.feed_settle).map_err(AppError::internal)?;
    let settled_until = ctx.now() - settle;
    let page = repo::page(&ctx.db, actor.tenant_id, cursor, settled_until, limit).await?;
    let next_cursor = match page.events.last() {
        Some(last) => Some(FeedCursor::after(last).encode()),
        None => cursor.map(|c| c.encode()),
    };
    let events = publish(&ctx.db, actor.tenant_id, page.events).await?;
    Ok(FeedPage { events, next_cursor, has_more: page.has_more })
}

/// History events of one tenant as they are published (feed entries, webhook `data`): with
/// their case's number, project name and code, the actor's name, and only the public part of
/// their payload.
pub async fn publish(
    db: &impl sea_orm::ConnectionTrait,
    tenant_id: Uuid,
    rows: Vec<FeedRow>,
) -> Result<Vec<PublishedEvent>, AppError> {
    let case_ids: Vec<Uuid> = rows.iter().map(|e| e.case_id).collect::<BTreeSet<_>>().into_iter().collect();
    let cases: std::collections::HashMap<Uuid, cases::CaseRow> =
        cases::get_many(db, tenant_id, &case_ids).await?.into_iter().map(|c| (c.id, c)).collect();
    let actor_ids: Vec<Uuid> = rows.iter().filter_map(|e| e.actor_id).collect::<BTreeSet<_>>().into_iter().collect();
    let names = users::display_names(db, tenant_id, &actor_ids).await?;
    Ok(rows
        .into_iter()
        .map(|e| {
            let case = cases.get(&e.case_id);
            PublishedEvent {
                id: e.id,
                case_id: e.case_id,
                case_number: case.map(|c| c.number.clone()).unwrap_or_default(),
                project_name: case.map(|c| c.project_name.clone()).unwrap_or_default(),
                project_code: case.and_then(|c| c.project_code.clone()),
                sequence: e.sequence,
                sheet_id: e.sheet_id,
                action: e.action.0,
                from_state: e.from_state,
                to_state: e.to_state,
                occurred_at: e.occurred_at,
                actor_name: e.actor_id.and_then(|a| names.get(&a).cloned()),
                payload: public_payload(&e.payload),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_holds_one_to_five_hundred_events() {
        assert_eq!(limit_checked(None).ok(), Some(DEFAULT_LIMIT));
        assert_eq!(limit_checked(Some(1)).ok(), Some(1));
        assert_eq!(limit_checked(Some(500)).ok(), Some(500));
        assert!(matches!(limit_checked(Some(0)), Err(AppError::Validation(f)) if f[0].field == "limit"));
        assert!(matches!(limit_checked(Some(501)), Err(AppError::Validation(f)) if f[0].field == "limit"));
    }
}
