//! Whether the server can do its work: readiness asks the database to answer.

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
