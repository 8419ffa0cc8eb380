use sea_orm::{DbErr, SqlErr};

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
    /// Anything else the database said.
    #[error(transparent)]
    Db(DbErr),
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(msg)) => StoreError::Conflict(msg),
            Some(SqlErr::ForeignKeyConstraintViolation(msg)) => StoreError::MissingReference(msg),
            _ => match err {
                DbErr::RecordNotFound(_) => StoreError::NotFound,
                other => StoreError::Db(other),
            },
        }
    }
}
