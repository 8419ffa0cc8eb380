//! What every operation can answer besides its own results, written into the contract once the
//! routes are in it, so that the contract tells the whole truth to generated clients.
//!
//! The server answers some statuses on every operation, whatever the handler does: 400 for a
//! malformed body or parameter, 500 and 503, 401 and 403 before a protected handler runs (no
//! token; an initial password; a county-only operation), 413 for an oversize body, 404 for a
//! path id that names nothing, 422 for a bad query parameter, 409 and 422 for an
//! `Idempotency-Key` that is still running or reused on a `POST`. Each handler documents what is
//! its own; this adds the rest as shared responses (`components.responses`), the headers every
//! answer carries (`X-Request-Id`) or some do (`Retry-After`, `WWW-Authenticate`,
//! `Idempotent-Replayed`), the `Idempotency-Key` parameter on every `POST`, `security: []` on the
//! public operations, and page schemas that refer to their item schema rather than copy it.

use utoipa::Modify;
use utoipa::openapi::path::{HttpMethod, Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{
    Components, ContentBuilder, Header, HeaderBuilder, OpenApi, Ref, RefOr, Required, Response, ResponseBuilder,
};

/// The modifier applied to the whole document after [`crate::client_scopes::ClientSecurity`].
pub struct SharedAnswers;

impl Modify for SharedAnswers {
    fn modify(&self, api: &mut OpenApi) {
        crate::contract_requests::request_text_rules(api);
        let components = api.components.get_or_insert_with(Default::default);
        shared_headers(components);
        shared_responses(components);
        for (path, item) in api.paths.paths.iter_mut() {
            for (method, op) in operations_mut(item) {
                document(path, method, op);
            }
        }
        pages_refer_to_items(components);
    }
}

const REQUEST_ID: &str = "X-Request-Id";
const RETRY_AFTER: &str = "Retry-After";
const WWW_AUTHENTICATE: &str = "WWW-Authenticate";
const REPLAYED: &str = "Idempotent-Replayed";

fn string_schema() -> Schema {
    ObjectBuilder::new().schema_type(Type::String).into()
}

fn shared_headers(components: &mut Components) {
    let header = |schema: Schema, description: &str| -> RefOr<Header> {
        HeaderBuilder::new().schema(Some(schema)).description(Some(description)).build().into()
    };
    components.headers.insert(
        REQUEST_ID.into(),
        header(
            string_schema(),
            "The request's id: the caller's own `X-Request-Id` when it sent a valid one, else one made by the server. \
The server's log and the audit trail carry it",
        ),
    );
    components.headers.insert(
        RETRY_AFTER.into(),
        header(
            ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(0)).into(),
            "Seconds to wait before trying again",
        ),
    );
    components
        .headers
        .insert(WWW_AUTHENTICATE.into(), header(string_schema(), "`Bearer`: the scheme the operation expects"));
    components.headers.insert(
        REPLAYED.into(),
        header(
            ObjectBuilder::new().schema_type(Type::String).enum_values(Some(["true"])).into(),
            "`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`",
        ),
    );
}

fn header_ref(name: &str) -> RefOr<Header> {
    RefOr::Ref(Ref::new(format!("#/components/headers/{name}")))
}

/// The shared responses, by status, with the name they have under `components.responses`.
const SHARED: [(&str, &str, &str); 7] = [
    (
        "400",
        "BadRequest",
        "The body is not JSON of the expected shape, or a header or parameter is malformed (`malformed_request`)",
    ),
    (
        "401",
        "Unauthenticated",
        "No valid access token or API key: missing, expired, revoked or forged (`unauthenticated`)",
    ),
    (
        "403",
        "Refused",
        "The caller may not do this: its role (`forbidden`), an initial password not yet changed \
(`password_change_required`), a platform administrator on a county's operation (`county_only`), an API client \
without the scope (`scope_missing`)",
    ),
    ("413", "PayloadTooLarge", "The body exceeds the size this operation takes (`payload_too_large`)"),
    (
        "429",
        "TooManyRequests",
        "Too many requests from this client; retry after `Retry-After` seconds (`too_many_requests`)",
    ),
    ("500", "Internal", "An unexpected error; the server's log has it under the `X-Request-Id` (`internal`)"),
    (
        "503",
        "Unavailable",
        "The database cannot serve the request now (unreachable or every connection busy); retry after \
`Retry-After` seconds (`unavailable`)",
    ),
];

fn problem_response(description: &str, status: &str) -> Response {
    let mut response = ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build(),
        )
        .build();
    response.headers.insert(REQUEST_ID.into(), header_ref(REQUEST_ID));
    add_status_headers(&mut response, status);
    response
}

/// The headers a status always carries.
fn add_status_headers(response: &mut Response, status: &str) {
    match status {
        "423" | "429" | "503" => {
            response.headers.entry(RETRY_AFTER.into()).or_insert_with(|| header_ref(RETRY_AFTER));
        }
        "401" => {
            response.headers.entry(WWW_AUTHENTICATE.into()).or_insert_with(|| header_ref(WWW_AUTHENTICATE));
        }
        _ => {}
    }
}

fn shared_responses(components: &mut Components) {
    for (status, name, description) in SHARED {
        components.responses.insert(name.into(), problem_response(description, status).into());
    }
}

fn shared(status: &str) -> RefOr<Response> {
    let name = SHARED.iter().find(|(s, _, _)| *s == status).map_or("Internal", |(_, name, _)| name);
    RefOr::Ref(Ref::from_response_name(name))
}

pub(crate) fn operations_mut(item: &mut utoipa::openapi::PathItem) -> Vec<(HttpMethod, &mut Operation)> {
    [
        (HttpMethod::Get, &mut item.get),
        (HttpMethod::Put, &mut item.put),
        (HttpMethod::Post, &mut item.post),
        (HttpMethod::Delete, &mut item.delete),
        (HttpMethod::Patch, &mut item.patch),
        (HttpMethod::Head, &mut item.head),
        (HttpMethod::Options, &mut item.options),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.as_mut().map(|op| (m, op)))
    .collect()
}

/// Declared open to anyone: `security: [{}]` from `security(())` in the handler's attribute.
fn is_public(op: &Operation) -> bool {
    op.security.as_ref().is_some_and(|s| !s.is_empty() && s.iter().all(|r| *r == SecurityRequirement::default()))
}

fn has_parameter(op: &Operation, place: ParameterIn) -> bool {
    op.parameters.iter().flatten().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == place))
}

fn document(path: &str, method: HttpMethod, op: &mut Operation) {
    let public = is_public(op);
    if public {
        // No requirement at all, rather than one empty requirement: generators then type the
        // operation as needing no credential.
        op.security = Some(Vec::new());
    }
    let query = has_parameter(op, ParameterIn::Query);
    let body = op.request_body.is_some();
    let responses = &mut op.responses.responses;
    let mut add = |status: &str, response: RefOr<Response>| {
        responses.entry(status.to_owned()).or_insert(response);
    };
    // The liveness probe reads nothing and touches no database.
    if path != "/healthz" {
        add("400", shared("400"));
        add("503", shared("503"));
    }
    add("500", shared("500"));
    if !public && path != "/metrics" {
        add("401", shared("401"));
        add("403", shared("403"));
    }
    if body {
        add("413", shared("413"));
    }
    if path.contains('{') {
        add(
            "404",
            problem_response("No such resource for this caller, or a malformed id in the path (`not_found`)", "404")
                .into(),
        );
    }
    if query || body {
        add(
            "422",
            problem_response(
                "A field of the body or a query parameter is invalid; `errors` names it (`validation_failed`)",
                "422",
            )
            .into(),
        );
    }
    if matches!(method, HttpMethod::Post) {
        idempotency(op);
    }
    header_rules(op);
    for (status, response) in op.responses.responses.iter_mut() {
        if let RefOr::T(response) = response {
            response.headers.entry(REQUEST_ID.into()).or_insert_with(|| header_ref(REQUEST_ID));
            add_status_headers(response, status);
        }
    }
}

/// Every `POST` takes an `Idempotency-Key` (crate::idempotent): the parameter, the replay
/// header on success, and the refusals of a key still running (409) or reused (422).
fn idempotency(op: &mut Operation) {
    let parameters = op.parameters.get_or_insert_with(Vec::new);
    let declared = parameters.iter().any(
        |p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Header && p.name.eq_ignore_ascii_case("Idempotency-Key")),
    );
    if !declared {
        parameters.push(RefOr::T(
            ParameterBuilder::new()
                .name("Idempotency-Key")
                .parameter_in(ParameterIn::Header)
                .required(Required::False)
                .description(Some(
                    "1–128 visible ASCII characters: a retry with the same key and request answers what the first answered and changes nothing",
                ))
                .schema(Some(ObjectBuilder::new().schema_type(Type::String).min_length(Some(1)).max_length(Some(128))))
                .build(),
        ));
    }
    let responses = &mut op.responses.responses;
    responses.entry("409".into()).or_insert_with(|| {
        problem_response(
            "A request with this `Idempotency-Key` is still running, or was carried out by a server that stopped before answering (`conflict`)",
            "409",
        )
        .into()
    });
    responses.entry("422".into()).or_insert_with(|| {
        problem_response("The `Idempotency-Key` was used for another request (`idempotency_key_reused`)", "422").into()
    });
    for (status, response) in responses.iter_mut() {
        if let (true, RefOr::T(response)) = (status.starts_with('2'), response) {
            response.headers.entry(REPLAYED.into()).or_insert_with(|| header_ref(REPLAYED));
        }
    }
}

/// `PageOut<T>` is rendered with `T` copied into each page schema; where the copy equals a
/// named schema, refer to it instead.
fn pages_refer_to_items(components: &mut Components) {
    let names: Vec<String> = components.schemas.keys().filter(|k| k.starts_with("PageOut_")).cloned().collect();
    for name in names {
        let item_name = name.trim_start_matches("PageOut_").to_owned();
        let Some(RefOr::T(item)) = components.schemas.get(&item_name).cloned() else { continue };
        let Some(RefOr::T(Schema::Object(page))) = components.schemas.get_mut(&name) else { continue };
        let Some(RefOr::T(Schema::Array(items))) = page.properties.get_mut("items") else { continue };
        let utoipa::openapi::schema::ArrayItems::RefOrSchema(inner) = &mut items.items else { continue };
        if matches!(inner.as_ref(), RefOr::T(copy) if *copy == item) {
            **inner = RefOr::Ref(Ref::from_schema_name(item_name));
        }
    }
}

/// A version as `If-Match` takes it (`3`, `"3"` or `W/"3"`), and an `Idempotency-Key`'s
/// characters, as the extractors read them.
fn header_rules(op: &mut Operation) {
    for parameter in op.parameters.iter_mut().flatten() {
        let RefOr::T(parameter) = parameter else { continue };
        if parameter.parameter_in != ParameterIn::Header {
            continue;
        }
        let pattern = if parameter.name.eq_ignore_ascii_case("If-Match") {
            "^(W/)?\"?[0-9]{1,9}\"?$"
        } else if parameter.name.eq_ignore_ascii_case("Idempotency-Key") {
            "^[\\x21-\\x7E]{1,128}$"
        } else {
            continue;
        };
        // A header is text or absent, never `null`.
        parameter.schema = Some(ObjectBuilder::new().schema_type(Type::String).pattern(Some(pattern)).build().into());
    }
}
