//! Demo-only switches for the administrator: moving the server clock forward, and running the
//! reminder sweep now. Both are refused outside demo mode ([`AppError::DemoOnly`]).

use butler_domain::audit::AuditAction;
use butler_domain::policy::{Action, Actor, Scope, authorize};
use chrono::{DateTime, Duration, Utc};

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::error::AppError;
use crate::reminders::{self, SweepReport};

fn demo_admin(ctx: &Context, actor: &Actor, action: Action) -> Result<(), AppError> {
    authorize(actor, action, Scope::tenant(actor.tenant_id))?;
    if !ctx.demo_mode {
        return Err(AppError::DemoOnly);
    }
    Ok(())
}

/// Moves the server clock forward by `minutes` (the caller bounds them) and records it in the
/// audit trail; returns the new "now". The clock never moves back.
pub async fn advance_clock(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    minutes: i64,
) -> Result<DateTime<Utc>, AppError> {
    demo_admin(ctx, actor, Action::AdvanceClock)?;
    let before = ctx.now();
    let now = ctx.clock.advance_by(Duration::minutes(minutes)).ok_or(AppError::DemoOnly)?;
    let detail = serde_json::json!({"minutes": minutes, "from": before, "to": now});
    audit_trail::record(&ctx.db, meta, actor, AuditAction::ClockAdvanced, detail, now).await?;
    tracing::warn!(minutes, now = %now, "server clock advanced (demo)");
    Ok(now)
}

/// Runs one reminder sweep now, as the scheduler would.
pub async fn run_scheduler(ctx: &Context, actor: &Actor) -> Result<SweepReport, AppError> {
    demo_admin(ctx, actor, Action::RunScheduler)?;
    reminders::sweep(ctx, ctx.now()).await
}
