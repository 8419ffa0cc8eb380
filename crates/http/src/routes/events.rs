//! The change feed: the county's case events in order, after a cursor.

use actix_web::{get, web};
use butler_domain::webhook::payload::PublishedEvent;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, Problem};
use crate::extract::Authenticated;
use crate::state::AppState;
use butler_app::feed;

/// Where to read the feed from.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// The `next_cursor` of the previous page; from the first event when absent.
    pub after: Option<String>,
    /// Events per page, 1–500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// A page of the feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedPageOut {
    /// Oldest first, by (occurred_at, id).
    pub events: Vec<PublishedEvent>,
    /// Pass as `after` to read on; it stays where it is when nothing new has settled. Null
    /// only when nothing has settled yet and no cursor was given.
    pub next_cursor: Option<String>,
    /// More events follow right away (read again with `next_cursor`).
    pub has_more: bool,
}

/// Read the change feed: the county's case events after a cursor.
///
/// Every event of every case of the caller's county (the office, supervisors and admins), in a
/// stable order (occurred_at, id), so that a client that missed webhooks catches up without
/// scanning the cases. Store `next_cursor` and pass it as `after`.
///
/// An event appears once it is older than the server's settle lag (`feed_settle_ms`, 5 s by
/// default): its time is taken when its change starts and its transaction commits shortly
/// after, so as long as writers commit within the lag (they change one case at a time), an
/// event committed late is never behind a cursor already handed out. Payloads carry no free
/// text.
#[utoipa::path(
    tag = "events",
    operation_id = "listEvents",
    params(FeedQuery),
    responses(
        (status = 200, description = "A page of events", body = FeedPageOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read the feed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A cursor this server did not issue, or a limit out of range", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/events")]
pub async fn list_events(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<FeedQuery>,
) -> Result<web::Json<FeedPageOut>, ApiError> {
    let page = feed::read(&state.app, &auth.0, query.after.as_deref(), query.limit).await?;
    Ok(web::Json(FeedPageOut { events: page.events, next_cursor: page.next_cursor, has_more: page.has_more }))
}
