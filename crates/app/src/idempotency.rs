//! `Idempotency-Key` reservations: the first successful answer to a request is kept and
//! replayed to its retries; the same key with another request is refused. A key is reserved
//! before the request runs, so two concurrent retries never both act; a reservation left by
//! a process that died mid-request is taken over after [`ABANDONED_AFTER_SECS`] — unless the
//! request's change had committed ([`mark_applied`], in the change's own transaction): then
//! the request is never run again.

use butler_domain::policy::Actor;
use butler_persistence::StoreError;
use butler_persistence::repo::idempotency;
use chrono::Duration;
use uuid::Uuid;

use crate::{AppError, Context};

/// Seconds after which an unanswered reservation counts as abandoned.
pub const ABANDONED_AFTER_SECS: i64 = 60;

/// The status a reservation holds once its request's change has committed and before its
/// answer is kept (answers are HTTP statuses, 100 and above).
pub const APPLIED: i32 = 1;

tokio::task_local! {
    /// The reservation of the request being served, while it runs.
    static CURRENT: Uuid;
}

/// Runs a reserved request's handling with its reservation known to [`mark_applied`].
pub async fn scoped<F: std::future::Future>(reservation: Uuid, handling: F) -> F::Output {
    CURRENT.scope(reservation, handling).await
}

/// Marks the reservation of the request being served (if any) as carried out, inside the
/// transaction of its change: when the process dies before the answer is kept, a retry is
/// told the request was carried out instead of running it a second time.
pub async fn mark_applied(db: &impl sea_orm::ConnectionTrait) -> Result<(), AppError> {
    if let Ok(id) = CURRENT.try_with(|id| *id) {
        idempotency::mark_applied(db, id, APPLIED).await?;
    }
    Ok(())
}

/// What reserving a key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reservation {
    /// The key is this request's now: run it, then [`complete`] or [`release`] the reservation.
    Reserved(Uuid),
    /// The request was answered before: replay its answer.
    Replay { status: u16, body: String },
    /// The key was used with another request.
    KeyReused,
    /// A request with this key is still running.
    StillRunning,
    /// The request was carried out, but its process stopped before its answer was kept.
    Applied,
    /// The reservation vanished between taking and reading it (released by another process).
    Lost,
}

/// Reserves `key` of `actor` for the request identified by `request_hash`.
pub async fn reserve(ctx: &Context, actor: &Actor, key: &str, request_hash: &str) -> Result<Reservation, AppError> {
    let now = ctx.now();
    let (tenant, user) = (actor.tenant_id, actor.user_id);
    loop {
        match idempotency::reserve(&ctx.db, tenant, user, key, request_hash, now).await {
            Ok(()) => {
                return Ok(match idempotency::find(&ctx.db, tenant, user, key).await? {
                    Some(row) => Reservation::Reserved(row.id),
                    None => Reservation::Lost,
                });
            }
            Err(StoreError::Conflict(_)) => {
                let Some(row) = idempotency::find(&ctx.db, tenant, user, key).await? else {
                    continue;
                };
                if row.request_hash != request_hash {
                    return Ok(Reservation::KeyReused);
                }
                if row.status == APPLIED {
                    return Ok(Reservation::Applied);
                }
                if row.status != 0 {
                    let status = u16::try_from(row.status).unwrap_or(200);
                    return Ok(Reservation::Replay { status, body: row.body });
                }
                if row.created_at > now - Duration::seconds(ABANDONED_AFTER_SECS) {
                    return Ok(Reservation::StillRunning);
                }
                idempotency::release(&ctx.db, row.id).await?;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Keeps the successful answer of a reserved request.
pub async fn complete(ctx: &Context, reservation: Uuid, status: u16, body: &str) -> Result<(), AppError> {
    Ok(idempotency::complete(&ctx.db, reservation, status, body).await?)
}

/// Gives the key back after a request that did not succeed, so that a retry runs again.
pub async fn release(ctx: &Context, reservation: Uuid) -> Result<(), AppError> {
    Ok(idempotency::release(&ctx.db, reservation).await?)
}
