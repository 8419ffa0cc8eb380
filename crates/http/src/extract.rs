//! Extractors that speak the error contract: validated JSON, queries and paths whose
//! failures are problem+json, and the authenticated caller.

use actix_web::dev::Payload;
use actix_web::error::{PathError, QueryPayloadError};
use actix_web::http::header::{AUTHORIZATION, CONTENT_TYPE};
use actix_web::{FromRequest, HttpRequest, web};
use butler_domain::policy::Actor;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::auth::tokens;
use crate::client_scopes;
use crate::error::{ApiError, FieldError};
use crate::state::AppState;
use butler_app::api_clients;
use butler_app::sessions::Admission;

/// Largest JSON body accepted.
pub const JSON_LIMIT: usize = 1024 * 1024;

/// A JSON body, deserialised with the path of any type error and then validated.
pub struct ValidatedJson<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidatedJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json_type = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/json") || ct.contains("+json"));
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !json_type {
                return Err(ApiError::Malformed("Content-Type must be application/json".into()));
            }
            let bytes = bytes.await.map_err(|e| ApiError::Malformed(e.to_string()))?;
            if bytes.len() > JSON_LIMIT {
                return Err(ApiError::Malformed(format!("body larger than {JSON_LIMIT} bytes")));
            }
            let value = parse_json::<T>(&bytes)?;
            value.validate().map_err(|e| ApiError::Validation(field_errors(&e)))?;
            Ok(ValidatedJson(value))
        })
    }
}

/// Parses JSON; a syntax error is 400, a value of the wrong type or a missing field is a
/// field-level 422 naming the field's path.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => Ok(v),
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            if inner.is_data() {
                let msg = inner.to_string();
                let (field, code, zh) = match missing_field(&msg) {
                    Some(name) => {
                        let field = if path == "." { name.to_owned() } else { format!("{path}.{name}") };
                        (field, "required", "必填项")
                    }
                    None => (path, "invalid_type", "类型或取值不正确"),
                };
                Err(ApiError::Validation(vec![FieldError::new(field, code, zh, strip_position(&msg))]))
            } else {
                Err(ApiError::Malformed(inner.to_string()))
            }
        }
    }
}

fn missing_field(msg: &str) -> Option<&str> {
    let rest = msg.strip_prefix("missing field `")?;
    rest.split('`').next()
}

fn strip_position(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Flattens validator's nested errors into field paths (`items[1].name`).
pub fn field_errors(errors: &ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    collect(errors, "", &mut out);
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

fn collect(errors: &ValidationErrors, prefix: &str, out: &mut Vec<FieldError>) {
    for (name, kind) in errors.errors() {
        let path = if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    out.push(message_for(&path, e));
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    collect(inner, &format!("{path}[{i}]"), out);
                }
            }
        }
    }
}

fn param(e: &validator::ValidationError, key: &str) -> Option<String> {
    e.params.get(&Cow::from(key)).map(|v| v.to_string().trim_matches('"').to_owned())
}

/// The bilingual message of a validator rule. Custom rules put their English message in
/// `message` and a Chinese one in the `zh` parameter.
fn message_for(field: &str, e: &validator::ValidationError) -> FieldError {
    let code = e.code.to_string();
    // A custom rule's own words first, whatever its code (a password rule's `length` says how
    // long, where validator's generic `length` knows no bounds).
    if let (Some(en), Some(zh)) = (e.message.as_ref(), param(e, "zh")) {
        return FieldError::new(field, code, zh, en.to_string());
    }
    let (zh, en) = match code.as_str() {
        "length" if e.params.get(&Cow::from("value")).is_some_and(|v| v.is_array()) => {
            match (param(e, "min"), param(e, "max")) {
                (Some(min), Some(max)) => (format!("须有 {min}–{max} 项"), format!("must have {min} to {max} entries")),
                (Some(min), None) => (format!("至少 {min} 项"), format!("must have at least {min} entries")),
                (None, Some(max)) => (format!("不能超过 {max} 项"), format!("must have at most {max} entries")),
                _ => ("项数不符合要求".into(), "has the wrong number of entries".into()),
            }
        }
        "length" => match (param(e, "min"), param(e, "max")) {
            (Some(min), Some(max)) => {
                (format!("长度须为 {min}–{max} 个字符"), format!("must be {min} to {max} characters"))
            }
            (Some(min), None) => (format!("长度至少 {min} 个字符"), format!("must be at least {min} characters")),
            (None, Some(max)) => (format!("长度不能超过 {max} 个字符"), format!("must be at most {max} characters")),
            _ => ("长度不符合要求".into(), "has the wrong length".into()),
        },
        "range" => match (param(e, "min"), param(e, "max")) {
            (Some(min), Some(max)) => (format!("须在 {min} 到 {max} 之间"), format!("must be between {min} and {max}")),
            (Some(min), None) => (format!("不能小于 {min}"), format!("must be at least {min}")),
            (None, Some(max)) => (format!("不能大于 {max}"), format!("must be at most {max}")),
            _ => ("超出允许范围".into(), "is out of range".into()),
        },
        "email" => ("电子邮箱格式不正确".into(), "is not an e-mail address".into()),
        "required" => ("必填项".into(), "is required".into()),
        _ => {
            let en = e.message.as_ref().map(|m| m.to_string()).unwrap_or_else(|| format!("is invalid ({code})"));
            let zh = param(e, "zh").unwrap_or_else(|| en.clone());
            (zh, en)
        }
    };
    FieldError::new(field, code, zh, en)
}

/// Makes a custom validator error carrying both languages.
pub fn rule(code: &'static str, zh: String, en: String) -> validator::ValidationError {
    let mut e = validator::ValidationError::new(code);
    e.message = Some(Cow::Owned(en));
    e.add_param(Cow::from("zh"), &zh);
    e
}

/// Error handlers so that actix's own extractors answer problem+json.
pub fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let msg = err.to_string();
    let field = msg.split('`').nth(1).unwrap_or("query").to_owned();
    ApiError::Validation(vec![FieldError::new(field, "invalid_query", "查询参数不正确", msg)]).into()
}

pub fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    let _ = err;
    // A path segment that doesn't parse (a malformed id) names no resource.
    ApiError::NotFound.into()
}

pub fn json_error(err: actix_web::error::JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::Malformed(err.to_string()).into()
}

/// The signed-in caller: a person with an access token (a JWT), or an API client with its key
/// (`bk_…`), told apart by the key's prefix. Extracting it fails with 401 when the credential
/// is missing, malformed, forged or expired, or when its account no longer honours it (closed,
/// or its sessions ended after the token was issued, see `butler_app::sessions`; a revoked or
/// rotated key). An API client is further held to its per-minute limit (429) and to the
/// operations its scopes open (403 `scope_missing`, see [`crate::client_scopes`]). A person
/// who holds an initial password is refused every operation but
/// [`OPEN_BEFORE_PASSWORD_CHANGE`] (403 `password_change_required`).
pub struct Authenticated(pub Actor);

/// The operations open to a person who must first replace an initial password: reading the
/// own account and changing the password. Signing out and refreshing take no access token.
pub const OPEN_BEFORE_PASSWORD_CHANGE: &[&str] = &["getMe", "changeOwnPassword"];

fn open_before_password_change(operation_id: &str) -> bool {
    OPEN_BEFORE_PASSWORD_CHANGE.contains(&operation_id)
}

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let bearer = bearer(req);
        let operation = req.match_pattern().and_then(|p| client_scopes::operation_of(req.method().as_str(), &p));
        Box::pin(async move {
            let (state, credential) = bearer?;
            if api_clients::key::is_api_key(&credential) {
                return client(&state, &credential, operation).await.map(Authenticated);
            }
            let token = tokens::verify_access(&state.auth, &credential, state.app.clock.now())?;
            match state.app.admit_token(token.actor.user_id, token.issued_at).await? {
                Admission::Honoured => Ok(Authenticated(token.actor)),
                Admission::PasswordChangeRequired if operation.is_some_and(open_before_password_change) => {
                    Ok(Authenticated(token.actor))
                }
                Admission::PasswordChangeRequired => Err(ApiError::PasswordChangeRequired),
                Admission::Refused => Err(ApiError::Unauthenticated),
            }
        })
    }
}

/// The app's state and the bearer credential of the request.
fn bearer(req: &HttpRequest) -> Result<(web::Data<AppState>, String), ApiError> {
    let state = req.app_data::<web::Data<AppState>>().ok_or(ApiError::Unauthenticated)?.clone();
    let header = req.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok()).ok_or(ApiError::Unauthenticated)?;
    let credential =
        header.strip_prefix("Bearer ").or_else(|| header.strip_prefix("bearer ")).ok_or(ApiError::Unauthenticated)?;
    Ok((state, credential.trim().to_owned()))
}

/// An API client calling `operation`: its key resolved, its limit counted, its scopes checked.
async fn client(state: &AppState, key: &str, operation: Option<&'static str>) -> Result<Actor, ApiError> {
    let principal = api_clients::authenticate(&state.app, key).await?;
    let now = state.app.clock.now();
    state
        .client_limiter
        .check_limit(&principal.client_id.to_string(), principal.rate_limit_per_minute, now)
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })?;
    match operation.map(client_scopes::opening).unwrap_or(client_scopes::Opening::Closed) {
        client_scopes::Opening::AnyScope => Ok(principal.actor),
        client_scopes::Opening::Scopes(needed) if principal.holds_any(&needed) => Ok(principal.actor),
        client_scopes::Opening::Scopes(needed) => Err(ApiError::ScopeMissing { needed }),
        client_scopes::Opening::Closed => Err(ApiError::ScopeMissing { needed: Vec::new() }),
    }
}

/// Query parameters of every list.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1–200 (default 50).
    #[validate(range(min = 1, max = 200))]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
