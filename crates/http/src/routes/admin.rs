//! Demo-only switches: the server's time switch and running the reminder sweep now. Both
//! are refused outside demo mode (403 `demo_only`).

use actix_web::{HttpRequest, post, web};
use butler_app::demo_switches;
use butler_app::reminders;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson};
use crate::middleware::request_meta;
use crate::state::AppState;

/// How far to move the clock.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"minutes": 1440}))]
pub struct ClockAdvanceIn {
    /// Minutes to move forward, 1–527040 (366 days).
    #[validate(range(min = 1, max = 527_040))]
    #[schema(minimum = 1, maximum = 527_040)]
    pub minutes: i64,
}

/// The server's time.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClockOut {
    /// The server's "now" after the move.
    pub now: DateTime<Utc>,
}

/// Move the server clock forward (demo mode only, admin).
///
/// Deadlines, reminders and token lifetimes all follow the server clock: after a jump
/// longer than a token's lifetime, sign in again. The clock never moves back.
#[utoipa::path(
    tag = "admin",
    operation_id = "advanceClock",
    request_body = ClockAdvanceIn,
    responses(
        (status = 200, description = "The new server time", body = ClockOut),
        (status = 403, description = "Not an admin (`forbidden`), or not in demo mode (`demo_only`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid minutes", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/clock/advance")]
pub async fn advance_clock(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<ClockAdvanceIn>,
) -> Result<web::Json<ClockOut>, ApiError> {
    let now = demo_switches::advance_clock(&state.app, &auth.0, &request_meta(&req), body.0.minutes).await?;
    Ok(web::Json(ClockOut { now }))
}

/// Run one reminder sweep now (demo mode only, admin).
///
/// The scheduler runs the same sweep every `scheduler_interval_secs`; this runs it at once,
/// e.g. right after moving the clock.
#[utoipa::path(
    tag = "admin",
    operation_id = "runScheduler",
    responses(
        (status = 200, description = "What the sweep did", body = SweepReport),
        (status = 403, description = "Not an admin (`forbidden`), or not in demo mode (`demo_only`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/scheduler/run")]
pub async fn run_scheduler(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<web::Json<SweepReport>, ApiError> {
    let report = demo_switches::run_scheduler(&state.app, &auth.0).await?;
    Ok(web::Json(report.into()))
}

/// What one sweep did.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[schema(example = json!({"deadlines": 3, "steps": 5, "notifications": 7, "closed": 1, "lost": 0, "failed": 0}))]
pub struct SweepReport {
    /// Deadlines claimed because a step of theirs was due.
    pub deadlines: u32,
    /// Steps that fell due and were handled.
    pub steps: u32,
    /// Notifications written.
    pub notifications: u32,
    /// Deadlines closed because their sheet or case step had ended.
    pub closed: u32,
    /// Deadlines changed by someone else meanwhile (closed, moved); left to them.
    pub lost: u32,
    /// Deadlines that failed; retried when their claim expires.
    pub failed: u32,
}

impl From<reminders::SweepReport> for SweepReport {
    fn from(r: reminders::SweepReport) -> Self {
        SweepReport {
            deadlines: r.deadlines,
            steps: r.steps,
            notifications: r.notifications,
            closed: r.closed,
            lost: r.lost,
            failed: r.failed,
        }
    }
}
