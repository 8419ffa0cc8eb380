//! Whether the server can do its work: readiness asks the database to answer, and tells the
//! warnings that do not stop it (a year missing its national holiday notice).

use sea_orm::ConnectionTrait;

use crate::Context;
use crate::error::AppError;

/// `Ok` when the database answers a trivial query; [`AppError::Unavailable`] otherwise (the
/// cause is logged).
pub async fn ready(ctx: &Context) -> Result<(), AppError> {
    ctx.db.execute_unprepared("SELECT 1").await.map_err(|e| {
        tracing::warn!(error = %e, "database not ready");
        AppError::Unavailable
    })?;
    Ok(())
}

/// What readiness warns of while the server stays ready.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Readiness {
    /// Years flagged as missing their national holiday notice (see
    /// [`crate::national_calendar::missing`]).
    pub missing_national_years: Vec<i32>,
}

/// [`ready`], with the warnings of a ready server.
pub async fn readiness(ctx: &Context) -> Result<Readiness, AppError> {
    ready(ctx).await?;
    let missing_national_years = crate::national_calendar::missing(ctx).await.map_err(|e| {
        tracing::warn!(error = %e, "national calendar not readable");
        AppError::Unavailable
    })?;
    Ok(Readiness { missing_national_years })
}
