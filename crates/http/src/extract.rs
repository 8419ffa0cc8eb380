//! Extractors that speak the error contract: validated JSON, queries and paths whose
//! failures are problem+json, and the authenticated caller.

use actix_web::dev::Payload;
use actix_web::error::{PathError, QueryPayloadError};
use actix_web::http::header::{AUTHORIZATION, CONTENT_TYPE};
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
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

/// How much of a request body the server reads ([`JSON_LIMIT`]); more answers 413.
pub fn payload_config() -> web::PayloadConfig {
    web::PayloadConfig::new(JSON_LIMIT)
}

/// 413 `payload_too_large` for a body over [`JSON_LIMIT`].
pub fn too_large() -> ApiError {
    ApiError::PayloadTooLarge(vec![FieldError::new(
        "body",
        "too_large",
        format!("请求内容不能超过 {} KiB", JSON_LIMIT / 1024),
        format!("the request body must be at most {} KiB", JSON_LIMIT / 1024),
    )])
}

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
            let bytes = bytes.await.map_err(|e| {
                if e.as_response_error().status_code() == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
                    too_large()
                } else {
                    ApiError::Malformed(e.to_string())
                }
            })?;
            if bytes.len() > JSON_LIMIT {
                return Err(too_large());
            }
            let value = parse_json::<T>(&bytes)?;
            value.validate().map_err(|e| ApiError::Validation(field_errors(&e)))?;
            Ok(ValidatedJson(value))
        })
    }
}

/// Parses JSON; a syntax error is 400, a value of the wrong type or a missing field is a
/// field-level 422 naming the field's path.
///
/// Before either, the text, date and amount rules of [`crate::strict_json`]: 400 for anything
/// but one JSON value, 422 naming each field the type reads that breaks them (a field it does
/// not know is ignored, whatever it holds).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut unread = Vec::new();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed = {
        let mut note = |path: serde_ignored::Path| unread.push(crate::strict_json::steps(&path));
        serde_path_to_error::deserialize::<_, T>(serde_ignored::Deserializer::new(&mut de, &mut note))
    };
    crate::strict_json::check_except(bytes, &unread)?;
    match parsed {
        // Exactly one value: trailing data after it is malformed.
        Ok(v) => de.end().map(|()| v).map_err(|e| ApiError::Malformed(e.to_string())),
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

pub fn path_error(err: PathError, req: &HttpRequest) -> actix_web::Error {
    let _ = err;
    // A path of the contract of its own (`/cases/export.xlsx`) reached a template's handler
    // (`/cases/{id}`) with a method only the template takes: that path takes other methods.
    let known = req.app_data::<actix_web::web::Data<crate::methods::KnownPaths>>();
    if let Some(allow) = known.and_then(|k| k.literal(req.path()))
        && !allow.contains(&req.method().as_str())
    {
        return ApiError::MethodNotAllowed { allow }.into();
    }
    // A path segment that doesn't parse (a malformed id) names no resource.
    ApiError::NotFound.into()
}

pub fn json_error(err: actix_web::error::JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    use actix_web::error::JsonPayloadError;
    match err {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => too_large().into(),
        other => ApiError::Malformed(other.to_string()).into(),
    }
}

/// Who a request's bearer credential names: a person (access token) or an API client (key),
/// resolved once per request by [`crate::auth::first::authenticate_first`] before any extractor
/// runs, and kept in the request's extensions for the extractors below.
#[derive(Debug, Clone)]
pub enum Caller {
    Person(Actor),
    /// A person who holds an initial password: only their own account opens to them (reading
    /// it, changing the password) until they replace it.
    Initial(Actor),
    Client(api_clients::Principal),
}

impl Caller {
    pub fn actor(&self) -> &Actor {
        match self {
            Caller::Person(actor) | Caller::Initial(actor) => actor,
            Caller::Client(principal) => &principal.actor,
        }
    }
}

/// Resolves a bearer credential: an API key (`bk_…`, told apart by its prefix) to its client,
/// anything else as a person's access token. 401 when it is missing, malformed, forged or
/// expired, or when its account no longer honours it (closed, its sessions ended after the
/// token was issued, or its county suspended, see `butler_app::sessions`; a revoked or
/// rotated key, a suspended county's client).
pub async fn resolve(state: &AppState, credential: &str) -> Result<Caller, ApiError> {
    if api_clients::key::is_api_key(credential) {
        return Ok(Caller::Client(api_clients::authenticate(&state.app, credential).await?));
    }
    let token = tokens::verify_access(&state.auth, credential, state.app.clock.now())?;
    match state.app.admit_token(token.actor.user_id, token.issued_at).await? {
        Admission::Honoured => Ok(Caller::Person(token.actor)),
        Admission::PasswordChangeRequired => Ok(Caller::Initial(token.actor)),
        Admission::Refused => Err(ApiError::Unauthenticated),
    }
}

/// Which callers an operation takes, by its path: one's own account (reading it, changing the
/// password) anyone signed in as a person; nothing else a person who holds an initial password
/// (403 `password_change_required`); the platform's operations a platform administrator only
/// (anyone else 403 `platform_only`); every other operation a county's people and clients only
/// (a platform administrator 403 `county_only`). Checked by the middleware before any
/// extractor and again by each extractor.
pub fn realm(caller: &Caller, method: &actix_web::http::Method, path: &str) -> Result<(), ApiError> {
    let platform_route = path.starts_with("/api/v1/platform/");
    let own_account = own_account(method, path);
    if matches!(caller, Caller::Initial(_)) && !own_account {
        return Err(ApiError::PasswordChangeRequired);
    }
    let platform_admin = matches!(caller, Caller::Person(actor) | Caller::Initial(actor) if actor.role.is_platform());
    match (platform_route, platform_admin) {
        (true, true) => Ok(()),
        (true, false) => Err(ApiError::PlatformOnly),
        (false, true) if own_account => Ok(()),
        (false, true) => Err(ApiError::CountyOnly),
        (false, false) => Ok(()),
    }
}

/// The operations of one's own account, open to every person signed in (also one who must
/// first replace an initial password): reading it and changing the password. Signing out and
/// refreshing take no access token.
fn own_account(method: &actix_web::http::Method, path: &str) -> bool {
    use actix_web::http::Method;
    (path == "/api/v1/me" && method == Method::GET) || (path == "/api/v1/me/password" && method == Method::POST)
}

/// The request's caller: as the middleware resolved it, or resolved now.
fn caller(
    req: &HttpRequest,
) -> impl std::future::Future<Output = Result<(web::Data<AppState>, Caller), ApiError>> + 'static {
    let resolved = req.extensions().get::<Caller>().cloned();
    let bearer = bearer(req);
    async move {
        let (state, credential) = bearer?;
        let caller = match resolved {
            Some(caller) => caller,
            None => resolve(&state, &credential).await?,
        };
        Ok((state, caller))
    }
}

/// The signed-in caller of a county's operation: a person of a county with an access token
/// (a JWT), or an API client with its key. Fails with 401 as [`resolve`] says. An API client
/// is further held to its per-minute limit (429) and to the operations its scopes open (403
/// `scope_missing`, see [`crate::client_scopes`]).
///
/// A platform administrator never reaches a county's operation: 403 `county_only`, before any
/// handler runs (the platform's operations take [`PlatformAdmin`]).
pub struct Authenticated(pub Actor);

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let caller = caller(req);
        let operation = req.match_pattern().and_then(|p| client_scopes::operation_of(req.method().as_str(), &p));
        Box::pin(async move {
            match caller.await? {
                (_, Caller::Initial(_)) => Err(ApiError::PasswordChangeRequired),
                (_, Caller::Person(actor)) if actor.role.is_platform() => Err(ApiError::CountyOnly),
                (_, Caller::Person(actor)) => Ok(Authenticated(actor)),
                (state, Caller::Client(principal)) => client(&state, principal, operation).map(Authenticated),
            }
        })
    }
}

/// The caller of a platform operation: a platform administrator with an access token. Anyone
/// else signed in (a county's person or API client) gets 403 `platform_only`.
pub struct PlatformAdmin(pub Actor);

impl FromRequest for PlatformAdmin {
    type Error = ApiError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let caller = caller(req);
        Box::pin(async move {
            match caller.await? {
                (_, Caller::Person(actor)) if actor.role.is_platform() => Ok(PlatformAdmin(actor)),
                _ => Err(ApiError::PlatformOnly),
            }
        })
    }
}

/// Anyone signed in, of a county or of the platform, also a person who must first replace an
/// initial password: only for what every account does with itself (`getMe`,
/// `changeOwnPassword`). Refused like [`Authenticated`] otherwise.
pub struct SignedIn(pub Actor);

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let caller = caller(req);
        let operation = req.match_pattern().and_then(|p| client_scopes::operation_of(req.method().as_str(), &p));
        Box::pin(async move {
            match caller.await? {
                (_, Caller::Person(actor) | Caller::Initial(actor)) => Ok(SignedIn(actor)),
                (state, Caller::Client(principal)) => client(&state, principal, operation).map(SignedIn),
            }
        })
    }
}

/// The app's state and the bearer credential of the request.
pub fn bearer(req: &HttpRequest) -> Result<(web::Data<AppState>, String), ApiError> {
    let state = req.app_data::<web::Data<AppState>>().ok_or(ApiError::Unauthenticated)?.clone();
    let header = req.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok()).ok_or(ApiError::Unauthenticated)?;
    let credential =
        header.strip_prefix("Bearer ").or_else(|| header.strip_prefix("bearer ")).ok_or(ApiError::Unauthenticated)?;
    Ok((state, credential.trim().to_owned()))
}

/// An API client calling `operation`: its limit counted, its scopes checked.
fn client(
    state: &AppState,
    principal: api_clients::Principal,
    operation: Option<&'static str>,
) -> Result<Actor, ApiError> {
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
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Note {
        text: String,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Item {
        name: String,
    }

    fn fields(result: Result<Note, ApiError>) -> Vec<String> {
        match result {
            Err(ApiError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_field_the_type_does_not_read_is_ignored_whatever_it_holds() {
        let body = br#"{"text": "ok", "extra": ["\u0000", {"deep": "\u202e"}], "when": "0560-04-05", "x_fen": 9223372036854775807,
            "items": [{"name": "a", "also": "\u0007"}]}"#;
        let note = parse_json::<Note>(body).unwrap();
        assert_eq!((note.text.as_str(), note.items[0].name.as_str()), ("ok", "a"));
    }

    #[test]
    fn a_field_the_type_reads_keeps_the_rules_at_any_depth() {
        let body = br#"{"text": "a\u0000b", "extra": "\u0000", "items": [{"name": "\u202e"}]}"#;
        assert_eq!(fields(parse_json::<Note>(body)), ["items[0].name", "text"]);
    }

    #[test]
    fn the_rules_come_before_the_types_and_trailing_data_is_malformed() {
        assert_eq!(fields(parse_json::<Note>(br#"{"text": "\u0000", "items": 3}"#)), ["text"]);
        assert!(matches!(parse_json::<Note>(br#"{"text": "ok"} {}"#), Err(ApiError::Malformed(_))));
    }
}
