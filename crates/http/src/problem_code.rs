//! Every `code` a problem document can carry: the contract lists them as an enum, so a client
//! can switch on them exhaustively.

use serde::Serialize;
use utoipa::ToSchema;

/// A stable snake_case code to switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    /// 400: the body is not JSON of the expected shape, or a parameter is malformed.
    MalformedRequest,
    /// 422: some fields are invalid (`errors` names them).
    ValidationFailed,
    /// 401: no valid access token.
    Unauthenticated,
    /// 401: wrong county, user name or password.
    InvalidCredentials,
    /// 401: the refresh token is unknown, expired or revoked.
    InvalidRefreshToken,
    /// 401: a refresh token used twice; its session is revoked.
    RefreshTokenReused,
    /// 423: the account is locked for a while (`Retry-After`).
    AccountLocked,
    /// 429: too many requests (`Retry-After`).
    TooManyRequests,
    /// 403: the caller's role may not do this.
    Forbidden,
    /// 403: an API client lacks a scope that opens the operation (`required_scopes`).
    ScopeMissing,
    /// 403: the account must change its initial password first.
    PasswordChangeRequired,
    /// 404: no such resource for this caller.
    NotFound,
    /// 409: the request conflicts with existing data.
    Conflict,
    /// 409: not possible in the record's current state (`state`, `allowed_actions`).
    InvalidTransition,
    /// 409: a precondition of the action does not hold (`errors`).
    PreconditionsNotMet,
    /// 412: `If-Match` names a version that is no longer current (`current_version`).
    VersionMismatch,
    /// 422: an `Idempotency-Key` reused with another request.
    IdempotencyKeyReused,
    /// 403: the operation exists only in demo mode.
    DemoOnly,
    /// 413: a body or a file exceeds a size limit.
    PayloadTooLarge,
    /// 415: a file's type is not accepted here.
    UnsupportedFileType,
    /// 503: the database cannot be reached.
    Unavailable,
    /// 503 with `Retry-After`: every database connection stayed busy; nothing was done, and
    /// the same request may be sent again shortly.
    ServiceUnavailable,
    /// 500: an unexpected error, logged with the request id.
    Internal,
    /// 403: the caller's county is suspended.
    CountySuspended,
    /// 403: a county's operation called by a platform administrator.
    CountyOnly,
    /// 403: a platform operation called by anyone else.
    PlatformOnly,
    /// 409: the case is frozen in its state for this write (`state`).
    CaseFrozen,
    /// 405: the path takes other methods (`Allow`).
    MethodNotAllowed,
}

impl ProblemCode {
    /// The code as it appears in the document and in the problem's `type` URN.
    pub fn as_str(self) -> &'static str {
        use ProblemCode::*;
        match self {
            MalformedRequest => "malformed_request",
            ValidationFailed => "validation_failed",
            Unauthenticated => "unauthenticated",
            InvalidCredentials => "invalid_credentials",
            InvalidRefreshToken => "invalid_refresh_token",
            RefreshTokenReused => "refresh_token_reused",
            AccountLocked => "account_locked",
            TooManyRequests => "too_many_requests",
            Forbidden => "forbidden",
            ScopeMissing => "scope_missing",
            PasswordChangeRequired => "password_change_required",
            NotFound => "not_found",
            Conflict => "conflict",
            InvalidTransition => "invalid_transition",
            PreconditionsNotMet => "preconditions_not_met",
            VersionMismatch => "version_mismatch",
            IdempotencyKeyReused => "idempotency_key_reused",
            DemoOnly => "demo_only",
            PayloadTooLarge => "payload_too_large",
            UnsupportedFileType => "unsupported_file_type",
            Unavailable => "unavailable",
            ServiceUnavailable => "service_unavailable",
            Internal => "internal",
            CountySuspended => "county_suspended",
            CountyOnly => "county_only",
            PlatformOnly => "platform_only",
            CaseFrozen => "case_frozen",
            MethodNotAllowed => "method_not_allowed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_and_the_urn_spell_each_code_alike() {
        use ProblemCode::*;
        let all = [
            MalformedRequest,
            ValidationFailed,
            Unauthenticated,
            InvalidCredentials,
            InvalidRefreshToken,
            RefreshTokenReused,
            AccountLocked,
            TooManyRequests,
            Forbidden,
            ScopeMissing,
            PasswordChangeRequired,
            NotFound,
            Conflict,
            InvalidTransition,
            PreconditionsNotMet,
            VersionMismatch,
            IdempotencyKeyReused,
            DemoOnly,
            PayloadTooLarge,
            UnsupportedFileType,
            Unavailable,
            ServiceUnavailable,
            Internal,
            CountySuspended,
            CountyOnly,
            PlatformOnly,
            CaseFrozen,
            MethodNotAllowed,
        ];
        for code in all {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::json!(code.as_str()));
        }
        let schema = serde_json::to_value(<ProblemCode as utoipa::PartialSchema>::schema()).unwrap();
        assert_eq!(schema["enum"].as_array().map(Vec::len), Some(all.len()), "every variant is listed here");
    }
}
