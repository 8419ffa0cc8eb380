use sea_orm::{ConnAcquireErr, DbErr, SqlErr};

/// A repository's failure, classified once: the HTTP layer maps each variant to a status.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such row in the caller's tenant.
    #[error("not found")]
    NotFound,
    /// A unique key is taken (the constraint's message is kept for the logs).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The row changed since it was read (a lost optimistic race on its version).
    #[error("the record changed meanwhile")]
    Changed,
    /// Another change appended to the case's history first (a lost race on its chain).
    #[error("the case history moved on")]
    HistoryMovedOn,
    /// A row points at a row that doesn't exist.
    #[error("reference to a missing row: {0}")]
    MissingReference(String),
    /// A list cursor that this server did not issue.
    #[error("invalid cursor")]
    InvalidCursor,
    /// Every connection of the pool stayed busy for the acquire timeout: the service is
    /// overloaded for now (nothing was read or written).
    #[error("every database connection is busy")]
    Busy,
    /// Anything else the database said.
    #[error(transparent)]
    Db(DbErr),
}

/// Whether `err`, or an error it was caused by, is the pool's acquire timeout: every
/// connection stayed busy (what the application answers as an overload, not a failure).
pub fn is_pool_timeout(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(err);
    while let Some(e) = next {
        let timed_out = matches!(e.downcast_ref::<DbErr>(), Some(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout)))
            || matches!(e.downcast_ref::<ConnAcquireErr>(), Some(ConnAcquireErr::Timeout))
            || matches!(e.downcast_ref::<StoreError>(), Some(StoreError::Busy))
            || matches!(e.downcast_ref::<sea_orm::sqlx::Error>(), Some(sea_orm::sqlx::Error::PoolTimedOut));
        if timed_out {
            return true;
        }
        next = e.source();
    }
    false
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(msg)) => StoreError::Conflict(msg),
            Some(SqlErr::ForeignKeyConstraintViolation(msg)) => StoreError::MissingReference(msg),
            _ => match err {
                DbErr::RecordNotFound(_) => StoreError::NotFound,
                DbErr::ConnectionAcquire(ConnAcquireErr::Timeout) => StoreError::Busy,
                other => StoreError::Db(other),
            },
        }
    }
}
