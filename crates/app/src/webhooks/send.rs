//! Sending one webhook delivery: the stored event, signed per Standard Webhooks for the
//! subscription, POSTed to its endpoint; the answer moves the subscription's failure run
//! (and switches it off after failing for the whole disable window, or on `410 Gone`).

use butler_domain::delivery::AttemptOutcome;
use butler_domain::webhook::outcome_of;
use butler_persistence::repo::deliveries::DeliveryRow;
use butler_persistence::repo::webhooks::{self as repo, SubscriptionRow};
use chrono::{DateTime, Utc};

use crate::delivery::{Answer, HttpMethod, Outgoing, Sensitive, Tried};
use crate::{AppError, Context};

/// The message id of a delivery: its event's id (the same on every retry and replay, and for
/// every endpoint, so a receiver deduplicates on it).
pub fn message_id(row: &DeliveryRow) -> String {
    match row.event_id {
        Some(id) => format!("evt_{}", id.simple()),
        None => format!("dlv_{}", row.id.simple()),
    }
}

/// The signed request of `row` for `subscription`, at `timestamp` (seconds since the epoch).
pub fn request(subscription: &SubscriptionRow, row: &DeliveryRow, timestamp: i64) -> Result<Outgoing, String> {
    let payload = row.payload.clone().ok_or("the delivery has no payload")?;
    // The transport sends exactly these bytes (`serde_json::to_vec` of the same value).
    let body = serde_json::to_vec(&payload).map_err(|e| e.to_string())?;
    let id = message_id(row);
    let signer = standardwebhooks::Webhook::new(&subscription.secret).map_err(|_| "the signing secret is unusable")?;
    let signature = signer.sign(&id, timestamp, &body).map_err(|_| "the payload cannot be signed")?;
    Ok(Outgoing::Http {
        method: HttpMethod::Post,
        url: Sensitive::new(subscription.url.clone()),
        headers: vec![
            ("webhook-id".into(), Sensitive::new(id)),
            ("webhook-timestamp".into(), Sensitive::new(timestamp.to_string())),
            ("webhook-signature".into(), Sensitive::new(signature)),
        ],
        body: Some(payload),
    })
}

/// Seconds since the epoch by the machine's clock: receivers check a signature's timestamp
/// against their own clocks, so it is the wall clock, not the (settable) case clock.
fn wall_clock() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or_default()
}

fn refused(error: &str, at: DateTime<Utc>) -> Tried {
    Tried::refused(AttemptOutcome::Permanent, error.to_owned(), at)
}

/// One attempt at a webhook or provincial delivery.
pub async fn attempt(ctx: &Context, row: &DeliveryRow, now: DateTime<Utc>) -> Result<Tried, AppError> {
    let Some(subscription) = (match row.subscription_id {
        Some(id) => repo::find(&ctx.db, id).await?,
        None => None,
    }) else {
        return Ok(refused("the subscription was deleted", now));
    };
    if !subscription.active {
        return Ok(refused("the subscription is switched off; turn it on and replay", now));
    }
    let outgoing = match request(&subscription, row, wall_clock()) {
        Ok(outgoing) => outgoing,
        Err(why) => return Ok(refused(&why, now)),
    };
    let started_at = ctx.now();
    let clock = std::time::Instant::now();
    let answer = ctx.delivery.transport.send(&outgoing).await;
    let duration_ms = i64::try_from(clock.elapsed().as_millis()).unwrap_or(i64::MAX);
    let (status, text) = match &answer {
        Answer::Http { status, body } => (Some(*status), Some(body.clone())),
        _ => (None, None),
    };
    let outcome = match answer {
        Answer::NoTransport => AttemptOutcome::Retry,
        _ => outcome_of(status),
    };
    let run = ctx.delivery.webhook_disable.after_attempt(
        subscription.failing_since,
        outcome == AttemptOutcome::Delivered,
        now,
    );
    let disable = if status == Some(410) {
        Some("the endpoint answered 410 Gone")
    } else if run.disable {
        Some("failed without a success for the whole disable window")
    } else {
        None
    };
    repo::record_attempt(&ctx.db, subscription.id, run.failing_since, disable, now).await?;
    let error = match (&answer, outcome) {
        (_, AttemptOutcome::Delivered) => None,
        (Answer::Http { status, .. }, _) => Some(format!("HTTP {status}")),
        (Answer::Unreachable(why), _) => Some(format!("unreachable: {why}")),
        (Answer::TimedOut, _) => Some("timed out".to_owned()),
        (other, _) => Some(format!("{other:?}")),
    };
    Ok(Tried { outcome, status: status.map(i32::from), answer: text, error, started_at, duration_ms })
}
