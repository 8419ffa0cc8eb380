//! The application's error: what went wrong in terms of the use case, never of HTTP. The web
//! crate maps each variant to a status once (`From<AppError> for ApiError`).

use butler_domain::policy::Denied;
use butler_persistence::StoreError;
use std::fmt;

/// One field's problem, with its message in both languages (the reader's is shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub zh: String,
    pub en: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        FieldError { field: field.into(), code: code.into(), zh: zh.into(), en: en.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.en)
    }
}

/// Why a use case did not happen. Nothing was written when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Some fields of the command are invalid.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// Wrong tenant, user name or password (never says which).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The refresh token is unknown, expired or revoked.
    #[error("invalid refresh token")]
    InvalidRefreshToken,
    /// A refresh token that was already used; its whole family is now revoked.
    #[error("refresh token reused")]
    RefreshTokenReused,
    /// Too many failed sign-ins; the account is locked for `retry_after_secs` more seconds.
    #[error("account locked")]
    AccountLocked { retry_after_secs: u64 },
    /// The caller's access was ended (account closed, sessions ended) or never valid.
    #[error("unauthenticated")]
    Unauthenticated,
    /// The caller's role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// No such record for this caller (another tenant's or enterprise's records included).
    #[error("not found")]
    NotFound,
    /// The command conflicts with existing data.
    #[error("conflict: {0}")]
    Conflict(String),
    /// These fields take values that existing records hold (a credit code registered already).
    #[error("conflict on fields")]
    Taken(Vec<FieldError>),
    /// The record changed between reading and writing it (a lost optimistic race).
    #[error("the record changed meanwhile")]
    Changed,
    /// Another change of the same case appended to its history first. Safe to retry: the
    /// command is applied again to the case as it is now.
    #[error("the case history moved on")]
    HistoryRace,
    /// The action is not possible in the record's current state; names the state and the
    /// actions possible from it.
    #[error("invalid transition: {action} from {state}")]
    InvalidTransition { state: String, action: String, allowed: Vec<String> },
    /// Preconditions of the action do not hold; lists each.
    #[error("preconditions not met")]
    PreconditionsNotMet(Vec<FieldError>),
    /// `If-Match` names a version that is no longer current.
    #[error("version mismatch")]
    VersionMismatch { current: i32 },
    /// A file (or the case's files together) would exceed a size limit; nothing was kept.
    #[error("too large")]
    TooLarge(FieldError),
    /// A file's content is not of a type accepted here; names those accepted.
    #[error("unsupported file type")]
    UnsupportedType(FieldError),
    /// The switch exists only in demo mode.
    #[error("demo only")]
    DemoOnly,
    /// The database cannot be reached.
    #[error("unavailable")]
    Unavailable,
    /// Every database connection stayed busy for the pool's acquire timeout: the service is
    /// overloaded for now and the caller should retry (nothing was written).
    #[error("overloaded")]
    Overloaded,
    /// Anything unexpected; its cause is kept for the log.
    #[error(transparent)]
    Internal(Box<dyn std::error::Error + Send + Sync + 'static>),
    /// The caller's county is suspended by the platform: nobody of it signs in or renews a
    /// session until it is reinstated.
    #[error("county suspended")]
    CountySuspended,
    /// The case is frozen in its state for this kind of write (an archived file is read-only;
    /// a closed service takes aftercare only): names the state. Nothing was written.
    #[error("case frozen in state {state}")]
    CaseFrozen { state: String },
}

impl AppError {
    /// The account is locked until `until`, seen at `now` (at least one second).
    pub fn locked_until(until: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>) -> Self {
        AppError::AccountLocked { retry_after_secs: (until - now).num_seconds().max(1) as u64 }
    }

    /// An unexpected failure, or [`AppError::Overloaded`] when it is the database pool's
    /// acquire timeout (wherever in its causes): every path that hands a database error on
    /// as internal answers an overload as one.
    pub fn internal(err: impl std::error::Error + Send + Sync + 'static) -> Self {
        if butler_persistence::is_pool_timeout(&err) {
            return AppError::Overloaded;
        }
        AppError::Internal(Box::new(err))
    }

    /// One invalid field.
    pub fn field(field: &str, code: &str, zh: &str, en: &str) -> Self {
        AppError::Validation(vec![FieldError::new(field, code, zh, en)])
    }

    /// Maps a store error, reading a unique-key conflict as `field` taken already.
    pub fn taken<'a>(field: &'a str, zh: &'a str, en: &'a str) -> impl FnOnce(StoreError) -> AppError + 'a {
        move |e| match e {
            StoreError::Conflict(_) => AppError::Taken(vec![FieldError::new(field, "taken", zh, en)]),
            other => other.into(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(msg) | StoreError::MissingReference(msg) => AppError::Conflict(msg),
            StoreError::Changed => AppError::Changed,
            StoreError::HistoryMovedOn => AppError::HistoryRace,
            StoreError::InvalidCursor => {
                AppError::field("cursor", "invalid_cursor", "分页游标无效", "The cursor was not issued by this server")
            }
            StoreError::Busy => AppError::Overloaded,
            StoreError::Db(db) => AppError::internal(db),
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        StoreError::from(err).into()
    }
}

impl From<Denied> for AppError {
    fn from(d: Denied) -> Self {
        match d {
            Denied::Hidden => AppError::NotFound,
            Denied::Forbidden => AppError::Forbidden,
        }
    }
}

/// The result of a use case.
pub type AppResult<T> = Result<T, AppError>;
