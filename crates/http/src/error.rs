//! One error type for the HTTP layer, rendered once as RFC 9457 `application/problem+json`.
//!
//! Every problem carries a stable snake_case `code` the web app switches on, a `title` and
//! `detail` in the caller's language (Chinese unless `Accept-Language` prefers English), and
//! for validation failures one entry per field. 500s say nothing of their cause to the
//! client; the cause chain goes to the log with the request id.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use butler_app::AppError;
use butler_domain::api_access::ApiScope;
use butler_domain::policy::Denied;
use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n::Lang;
pub use crate::problem_code::ProblemCode;

tokio::task_local! {
    /// The language of the request being served; set by the request middleware.
    pub static REQUEST_LANG: Lang;
}

fn current_lang() -> Lang {
    REQUEST_LANG.try_with(|l| *l).unwrap_or_default()
}

pub use butler_app::FieldError;

/// When an overloaded server asks a client to retry (`Retry-After`, seconds).
pub const OVERLOAD_RETRY_AFTER_SECS: u64 = 2;

/// The error of every handler. Each variant's status is in its doc comment.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the body is not JSON, or not of the expected shape or types.
    #[error("malformed request: {0}")]
    Malformed(String),
    /// 422: well-formed, but some fields are invalid.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// 401: no valid access token (missing, expired, forged).
    #[error("unauthenticated")]
    Unauthenticated,
    /// 401: wrong tenant, user name or password (never says which).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// 401: the refresh token is unknown, expired or revoked.
    #[error("invalid refresh token")]
    InvalidRefreshToken,
    /// 401: a refresh token that was already used; its whole family is now revoked.
    #[error("refresh token reused")]
    RefreshTokenReused,
    /// 423: too many failed logins; the account is locked for a while (`Retry-After` says how
    /// long).
    #[error("account locked")]
    AccountLocked { retry_after_secs: u64 },
    /// 429: too many attempts from this address; retry after the given seconds.
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// 403: the caller's role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// 403: an API client called an operation none of its scopes opens; names the scopes
    /// that would (none: the operation is not open to API clients).
    #[error("scope missing")]
    ScopeMissing { needed: Vec<ApiScope> },
    /// 403: the account holds an initial password; only reading the own account and changing
    /// the password are open until it is replaced.
    #[error("password change required")]
    PasswordChangeRequired,
    /// 404: no such resource for this caller.
    #[error("not found")]
    NotFound,
    /// 409: the request conflicts with existing data.
    #[error("conflict: {0}")]
    Conflict(String),
    /// 409: these fields take values that existing records hold (a credit code registered
    /// already); code `conflict`, with the fields named.
    #[error("conflict on fields")]
    Taken(Vec<FieldError>),
    /// 409: the action is not possible in the record's current state; names the state and
    /// the actions possible from it.
    #[error("invalid transition: {action} from {state}")]
    InvalidTransition { state: String, action: String, allowed: Vec<String> },
    /// 409: a precondition of the action does not hold (the team is incomplete, sheets are
    /// open, ...); lists each unmet condition.
    #[error("preconditions not met")]
    PreconditionsNotMet(Vec<FieldError>),
    /// 412: `If-Match` names a version that is no longer current.
    #[error("version mismatch")]
    VersionMismatch { current: i32 },
    /// 422: an `Idempotency-Key` reused with a different request.
    #[error("idempotency key reused")]
    IdempotencyKeyReused,
    /// 403: the switch exists only in demo mode.
    #[error("demo only")]
    DemoOnly,
    /// 413: a request body, a file (or the case's files together) would exceed a size limit;
    /// names the limit.
    #[error("payload too large")]
    PayloadTooLarge(Vec<FieldError>),
    /// 415: a file's content is not of a type accepted here; names the types accepted.
    #[error("unsupported file type")]
    UnsupportedFileType(Vec<FieldError>),
    /// 503: the database cannot be reached.
    #[error("unavailable")]
    Unavailable,
    /// 503 with `Retry-After`: every database connection stayed busy for the pool's acquire
    /// timeout; nothing was done, and the same request may be sent again shortly.
    #[error("overloaded")]
    Overloaded,
    /// 500: anything unexpected; logged in full, opaque to the client.
    #[error(transparent)]
    Internal(#[from] anyhow_like::Internal),
    /// 403: the caller's county is suspended by the platform (sign-in, session renewal).
    #[error("county suspended")]
    CountySuspended,
    /// 403: a county's operation called by a platform administrator, who acts on counties
    /// only through the platform's operations.
    #[error("county only")]
    CountyOnly,
    /// 403: a platform operation called by anyone but a platform administrator.
    #[error("platform only")]
    PlatformOnly,
    /// 409: the case is frozen in its state for this write (an archived file is read-only, a
    /// closed service takes aftercare only); names the state.
    #[error("case frozen")]
    CaseFrozen { state: String },
    /// 405: the path takes other methods, named in `Allow`.
    #[error("method not allowed")]
    MethodNotAllowed { allow: Vec<&'static str> },
}

/// A boxed cause for `ApiError::Internal`, keeping the source chain for the log.
pub mod anyhow_like {
    use std::fmt;

    pub struct Internal(pub Box<dyn std::error::Error + Send + Sync + 'static>);

    impl fmt::Debug for Internal {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fmt::Debug::fmt(&self.0, f)
        }
    }

    impl fmt::Display for Internal {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fmt::Display::fmt(&self.0, f)?;
            let mut source = self.0.source();
            while let Some(s) = source {
                write!(f, ": {s}")?;
                source = s.source();
            }
            Ok(())
        }
    }

    impl std::error::Error for Internal {}
}

impl ApiError {
    pub fn internal(err: impl std::error::Error + Send + Sync + 'static) -> Self {
        ApiError::Internal(anyhow_like::Internal(Box::new(err)))
    }

    pub fn field(field: &str, code: &str, zh: &str, en: &str) -> Self {
        ApiError::Validation(vec![FieldError::new(field, code, zh, en)])
    }

    /// The stable code clients switch on.
    pub fn code(&self) -> ProblemCode {
        match self {
            ApiError::Malformed(_) => ProblemCode::MalformedRequest,
            ApiError::Validation(_) => ProblemCode::ValidationFailed,
            ApiError::Unauthenticated => ProblemCode::Unauthenticated,
            ApiError::InvalidCredentials => ProblemCode::InvalidCredentials,
            ApiError::InvalidRefreshToken => ProblemCode::InvalidRefreshToken,
            ApiError::RefreshTokenReused => ProblemCode::RefreshTokenReused,
            ApiError::AccountLocked { .. } => ProblemCode::AccountLocked,
            ApiError::TooManyRequests { .. } => ProblemCode::TooManyRequests,
            ApiError::Forbidden => ProblemCode::Forbidden,
            ApiError::ScopeMissing { .. } => ProblemCode::ScopeMissing,
            ApiError::PasswordChangeRequired => ProblemCode::PasswordChangeRequired,
            ApiError::NotFound => ProblemCode::NotFound,
            ApiError::Conflict(_) | ApiError::Taken(_) => ProblemCode::Conflict,
            ApiError::InvalidTransition { .. } => ProblemCode::InvalidTransition,
            ApiError::PreconditionsNotMet(_) => ProblemCode::PreconditionsNotMet,
            ApiError::VersionMismatch { .. } => ProblemCode::VersionMismatch,
            ApiError::IdempotencyKeyReused => ProblemCode::IdempotencyKeyReused,
            ApiError::DemoOnly => ProblemCode::DemoOnly,
            ApiError::PayloadTooLarge(_) => ProblemCode::PayloadTooLarge,
            ApiError::UnsupportedFileType(_) => ProblemCode::UnsupportedFileType,
            ApiError::Unavailable => ProblemCode::Unavailable,
            ApiError::Overloaded => ProblemCode::ServiceUnavailable,
            ApiError::Internal(_) => ProblemCode::Internal,
            ApiError::CountySuspended => ProblemCode::CountySuspended,
            ApiError::CountyOnly => ProblemCode::CountyOnly,
            ApiError::PlatformOnly => ProblemCode::PlatformOnly,
            ApiError::CaseFrozen { .. } => ProblemCode::CaseFrozen,
            ApiError::MethodNotAllowed { .. } => ProblemCode::MethodNotAllowed,
        }
    }

    /// Title and detail, in Chinese and English.
    fn texts(&self) -> (&'static str, &'static str, String, String) {
        match self {
            ApiError::Malformed(why) => (
                "请求格式错误",
                "Malformed request",
                format!("请求体不是有效的 JSON 或字段类型不符：{why}"),
                format!("The request body is not valid JSON of the expected shape: {why}"),
            ),
            ApiError::Validation(_) => (
                "填写内容有误",
                "Invalid input",
                "请按提示修改标出的字段。".into(),
                "Correct the fields listed in `errors`.".into(),
            ),
            ApiError::Unauthenticated => (
                "未登录或登录已过期",
                "Not signed in",
                "请重新登录。".into(),
                "The access token is missing, expired or invalid; sign in again.".into(),
            ),
            ApiError::InvalidCredentials => (
                "账号或密码错误",
                "Invalid credentials",
                "区县、用户名或密码不正确。".into(),
                "The tenant, user name or password is wrong.".into(),
            ),
            ApiError::InvalidRefreshToken => (
                "登录已失效",
                "Session expired",
                "刷新令牌无效、已过期或已注销，请重新登录。".into(),
                "The refresh token is unknown, expired or revoked; sign in again.".into(),
            ),
            ApiError::RefreshTokenReused => (
                "登录已失效",
                "Session revoked",
                "检测到已使用过的刷新令牌被再次使用，为安全起见该登录会话已全部注销，请重新登录。".into(),
                "A refresh token was used twice; every token of this session was revoked. Sign in again.".into(),
            ),
            ApiError::AccountLocked { .. } => (
                "账号已锁定",
                "Account locked",
                "连续登录失败次数过多，账号已临时锁定，请稍后再试或联系管理员。".into(),
                "Too many failed sign-ins; the account is locked for a while.".into(),
            ),
            ApiError::TooManyRequests { retry_after_secs } => (
                "请求过于频繁",
                "Too many requests",
                format!("请在 {retry_after_secs} 秒后重试。"),
                format!("Retry after {retry_after_secs} seconds."),
            ),
            ApiError::Forbidden => {
                ("无权操作", "Forbidden", "您的角色无权执行此操作。".into(), "Your role may not do this.".into())
            }
            ApiError::ScopeMissing { needed } if needed.is_empty() => (
                "API 客户端无权调用",
                "Not open to API clients",
                "此操作不对 API 客户端开放。".into(),
                "This operation is not open to API clients.".into(),
            ),
            ApiError::ScopeMissing { needed } => {
                let codes = needed.iter().map(|s| s.code()).collect::<Vec<_>>();
                (
                    "缺少权限范围",
                    "Scope missing",
                    format!("此 API 客户端须具有以下权限范围之一：{}。", codes.join("、")),
                    format!("The API client needs one of these scopes: {}.", codes.join(", ")),
                )
            }
            ApiError::PasswordChangeRequired => (
                "请先修改密码",
                "Password change required",
                "您的账号使用的是初始密码，修改密码后才能继续使用。".into(),
                "Your account holds an initial password; change it before anything else.".into(),
            ),
            ApiError::NotFound => {
                ("未找到", "Not found", "请求的资源不存在或您无权查看。".into(), "No such resource.".into())
            }
            ApiError::Conflict(_) | ApiError::Taken(_) => (
                "数据冲突",
                "Conflict",
                "与已有数据冲突（例如编码或名称重复）。".into(),
                "The request conflicts with existing data (a code or name already taken).".into(),
            ),
            ApiError::InvalidTransition { state, action, allowed } => (
                "当前状态下不能执行此操作",
                "Not possible in the current state",
                format!(
                    "当前状态为“{}”，不能执行“{}”；可执行的操作：{}。",
                    state_zh(state),
                    action,
                    if allowed.is_empty() { "无".to_owned() } else { allowed.join("、") }
                ),
                format!(
                    "The record is `{state}`; `{action}` is not possible. Possible: {}.",
                    if allowed.is_empty() { "none".to_owned() } else { allowed.join(", ") }
                ),
            ),
            ApiError::PreconditionsNotMet(_) => (
                "条件尚未满足",
                "Preconditions not met",
                "请先完成 errors 中列出的事项。".into(),
                "Complete what `errors` lists first.".into(),
            ),
            ApiError::VersionMismatch { current } => (
                "数据已被他人修改",
                "Version mismatch",
                format!("记录已更新（当前版本 {current}），请刷新后重试。"),
                format!("The record changed (current version {current}); reload and retry."),
            ),
            ApiError::IdempotencyKeyReused => (
                "重复的幂等键",
                "Idempotency key reused",
                "该 Idempotency-Key 已用于另一个不同的请求。".into(),
                "This Idempotency-Key was used for a different request.".into(),
            ),
            ApiError::DemoOnly => (
                "仅限演示模式",
                "Demo mode only",
                "此功能只在演示模式下可用。".into(),
                "This switch exists only in demo mode.".into(),
            ),
            ApiError::PayloadTooLarge(_) => (
                "内容过大",
                "Payload too large",
                "文件或请求内容超过大小限制，未保存；见 errors。".into(),
                "The file or request body exceeds a size limit and was not kept; see `errors`.".into(),
            ),
            ApiError::UnsupportedFileType(_) => (
                "文件类型不符",
                "Unsupported file type",
                "按文件内容识别的类型不在允许范围内，未保存；见 errors。".into(),
                "The file's content is not of an accepted type and was not kept; see `errors`.".into(),
            ),
            ApiError::Unavailable => (
                "服务暂不可用",
                "Service unavailable",
                "数据库暂时无法访问，请稍后重试。".into(),
                "The database cannot be reached; retry later.".into(),
            ),
            ApiError::Overloaded => (
                "服务繁忙",
                "Service unavailable",
                format!("服务器当前繁忙，本次请求未被处理，请在 {OVERLOAD_RETRY_AFTER_SECS} 秒后重试。"),
                format!(
                    "The server is busy and did not handle the request; retry in {OVERLOAD_RETRY_AFTER_SECS} seconds."
                ),
            ),
            ApiError::Internal(_) => (
                "服务器内部错误",
                "Internal error",
                "服务器出现意外错误，已记录，请稍后重试。".into(),
                "An unexpected error occurred and was logged.".into(),
            ),
            ApiError::CountySuspended => (
                "区县已暂停使用",
                "County suspended",
                "该区县已被平台暂停使用，暂时无法登录；请联系平台管理员。".into(),
                "This county is suspended by the platform; nobody of it can sign in until it is reinstated.".into(),
            ),
            ApiError::CountyOnly => (
                "平台管理员不办理区县业务",
                "Not for the platform administrator",
                "平台管理员只能通过平台管理功能管理区县，不能查看或办理区县内的业务。".into(),
                "A platform administrator manages counties through the platform's operations only, never a county's own."
                    .into(),
            ),
            ApiError::PlatformOnly => (
                "仅限平台管理员",
                "Platform administrators only",
                "此操作仅限平台管理员。".into(),
                "Only a platform administrator may do this.".into(),
            ),
            ApiError::CaseFrozen { state } => (
                "案件已封存",
                "Case frozen",
                format!("案件当前状态为“{}”，其档案不再接受此项变更。", state_zh(state)),
                format!("The case is `{state}`; its file takes no such change any more."),
            ),
            ApiError::MethodNotAllowed { allow } => (
                "不支持该请求方法",
                "Method not allowed",
                format!("此地址只接受：{}。", allow.join("、")),
                format!("This path takes only: {}.", allow.join(", ")),
            ),
        }
    }

    /// The problem document in `lang`.
    pub fn problem(&self, lang: Lang) -> Problem {
        let (tzh, ten, dzh, den) = self.texts();
        let code = self.code();
        let errors = match self {
            ApiError::Validation(fields)
            | ApiError::PreconditionsNotMet(fields)
            | ApiError::Taken(fields)
            | ApiError::PayloadTooLarge(fields)
            | ApiError::UnsupportedFileType(fields) => Some(
                fields
                    .iter()
                    .map(|f| ProblemField {
                        field: f.field.clone(),
                        code: f.code.clone(),
                        message: lang.pick(&f.zh, &f.en).to_owned(),
                    })
                    .collect(),
            ),
            _ => None,
        };
        Problem {
            r#type: format!("urn:butler:problem:{}", code.as_str()),
            title: lang.pick(tzh, ten).to_owned(),
            status: self.status_code().as_u16(),
            detail: lang.pick(&dzh, &den).to_owned(),
            code,
            errors,
            state: match self {
                ApiError::InvalidTransition { state, .. } | ApiError::CaseFrozen { state } => Some(state.clone()),
                _ => None,
            },
            allowed_actions: match self {
                ApiError::InvalidTransition { allowed, .. } => Some(allowed.clone()),
                _ => None,
            },
            current_version: match self {
                ApiError::VersionMismatch { current } => Some(*current),
                _ => None,
            },
            required_scopes: match self {
                ApiError::ScopeMissing { needed } => Some(needed.clone()),
                _ => None,
            },
        }
    }
}

/// The Chinese name of a case or sheet state code, for messages.
pub fn state_zh(code: &str) -> &str {
    match code {
        "draft" => "草稿",
        "submitted" => "已提交",
        "reviewed" => "已初审",
        "accepted" => "已受理",
        "rejected" => "不予受理",
        "team_formed" => "已组建管家团队",
        "plan_proposed" => "方案已拟定",
        "plan_agreed" => "方案已确认",
        "entrusted" => "已委托",
        "in_service" => "办理中",
        "completed" => "已办结",
        "terminated" => "已终止",
        "archived" => "已归档",
        "dispatched" => "已分送",
        "acknowledged" => "已回执",
        "paused" => "补正中",
        "finished" => "已办结",
        "sent_back" => "已退回",
        "cancelled" => "已取消",
        "active" => "启用中",
        "revoked" => "已吊销",
        "suspended" => "已暂停",
        other => other,
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:butler:problem:validation_failed",
    "title": "填写内容有误",
    "status": 422,
    "detail": "请按提示修改标出的字段。",
    "code": "validation_failed",
    "errors": [{"field": "credit_code", "code": "credit_code_check_digit", "message": "统一社会信用代码校验位错误，应为 3"}]
}))]
pub struct Problem {
    /// A URI naming the kind of problem: `urn:butler:problem:<code>`.
    pub r#type: String,
    /// A short summary in the caller's language.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What happened and what to do, in the caller's language.
    pub detail: String,
    /// A stable snake_case code to switch on.
    pub code: ProblemCode,
    /// For `validation_failed`: one entry per invalid field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ProblemField>>,
    /// For `invalid_transition` and `case_frozen`: the record's current state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// For `invalid_transition`: the actions possible from the current state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_actions: Option<Vec<String>>,
    /// For `version_mismatch`: the record's current version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i32>,
    /// For `scope_missing`: the scopes any one of which opens the operation to the API client
    /// (empty: the operation is not open to API clients).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_scopes: Option<Vec<ApiScope>>,
}

/// One invalid field.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    /// The field's path in the request (`items[2].name`), or a query parameter's name.
    pub field: String,
    /// A stable code for the rule that failed (`length`, `credit_code_check_digit`, ...).
    pub code: String,
    /// A message for people, in the caller's language.
    pub message: String,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Malformed(_) => StatusCode::BAD_REQUEST,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unauthenticated
            | ApiError::InvalidCredentials
            | ApiError::InvalidRefreshToken
            | ApiError::RefreshTokenReused => StatusCode::UNAUTHORIZED,
            ApiError::AccountLocked { .. } => StatusCode::LOCKED,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Forbidden | ApiError::ScopeMissing { .. } | ApiError::PasswordChangeRequired => {
                StatusCode::FORBIDDEN
            }
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict(_)
            | ApiError::Taken(_)
            | ApiError::InvalidTransition { .. }
            | ApiError::PreconditionsNotMet(_)
            | ApiError::CaseFrozen { .. } => StatusCode::CONFLICT,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::VersionMismatch { .. } => StatusCode::PRECONDITION_FAILED,
            ApiError::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::DemoOnly => StatusCode::FORBIDDEN,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedFileType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unavailable | ApiError::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::CountySuspended | ApiError::CountyOnly | ApiError::PlatformOnly => StatusCode::FORBIDDEN,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(error = %cause, "internal error"),
            ApiError::Conflict(why) => tracing::info!(reason = %why, "conflict"),
            _ => {}
        }
        let problem = self.problem(current_lang());
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json")));
        if let ApiError::TooManyRequests { retry_after_secs } | ApiError::AccountLocked { retry_after_secs } = self {
            res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        if let ApiError::Overloaded = self {
            res.insert_header((header::RETRY_AFTER, OVERLOAD_RETRY_AFTER_SECS.to_string()));
        }
        if let ApiError::MethodNotAllowed { allow } = self {
            res.insert_header((header::ALLOW, allow.join(", ")));
        }
        if matches!(self.status_code(), StatusCode::UNAUTHORIZED) {
            res.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        res.body(serde_json::to_string(&problem).unwrap_or_default())
    }
}

impl From<Denied> for ApiError {
    fn from(d: Denied) -> Self {
        match d {
            Denied::Hidden => ApiError::NotFound,
            Denied::Forbidden => ApiError::Forbidden,
        }
    }
}

/// The one translation of the application's errors into the HTTP contract.
impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        match err {
            AppError::Validation(fields) => ApiError::Validation(fields),
            AppError::InvalidCredentials => ApiError::InvalidCredentials,
            AppError::InvalidRefreshToken => ApiError::InvalidRefreshToken,
            AppError::RefreshTokenReused => ApiError::RefreshTokenReused,
            AppError::AccountLocked { retry_after_secs } => ApiError::AccountLocked { retry_after_secs },
            AppError::Unauthenticated => ApiError::Unauthenticated,
            AppError::Forbidden => ApiError::Forbidden,
            AppError::NotFound => ApiError::NotFound,
            AppError::Conflict(msg) => ApiError::Conflict(msg),
            AppError::Taken(fields) => ApiError::Taken(fields),
            AppError::Changed | AppError::HistoryRace => ApiError::Conflict(err.to_string()),
            AppError::InvalidTransition { state, action, allowed } => {
                ApiError::InvalidTransition { state, action, allowed }
            }
            AppError::PreconditionsNotMet(fields) => ApiError::PreconditionsNotMet(fields),
            AppError::VersionMismatch { current } => ApiError::VersionMismatch { current },
            AppError::DemoOnly => ApiError::DemoOnly,
            AppError::TooLarge(field) => ApiError::PayloadTooLarge(vec![field]),
            AppError::UnsupportedType(field) => ApiError::UnsupportedFileType(vec![field]),
            AppError::Unavailable => ApiError::Unavailable,
            AppError::Overloaded => ApiError::Overloaded,
            AppError::Internal(cause) => ApiError::Internal(anyhow_like::Internal(cause)),
            AppError::CountySuspended => ApiError::CountySuspended,
            AppError::CaseFrozen { state } => ApiError::CaseFrozen { state },
        }
    }
}
