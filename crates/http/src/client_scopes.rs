//! Which operations an API client's scopes open: one table, read by the `Authenticated`
//! extractor to refuse an API key on any other operation, and written into the contract as
//! the `api_key` security scheme on exactly those operations.
//!
//! The scopes only narrow what a client may call; its role (supervisor, a department's agent,
//! the office) still decides, record by record, what it sees and may change, as for a person.

use butler_domain::api_access::ApiScope;
use std::collections::HashMap;
use std::sync::LazyLock;
use utoipa::Modify;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, ResponseBuilder};

/// The operations each scope opens, by operationId.
pub const OPENED: &[(ApiScope, &[&str])] = &[
    (
        ApiScope::CasesRead,
        &[
            "listCases",
            "getCase",
            "getCaseTimeline",
            "verifyCaseHistory",
            "getCaseMaterials",
            "listEvaluations",
            "listFollowUps",
            "listRectifications",
            "exportCases",
            "downloadCaseForm",
            "downloadCasePlanWorkbook",
            "downloadCaseDossier",
            "checkCaseDossier",
            "downloadFile",
        ],
    ),
    (ApiScope::SheetsRead, &["listTasks", "getTask"]),
    (
        ApiScope::SheetsWrite,
        &[
            "acknowledgeTask",
            "requestCorrection",
            "supplyCorrection",
            "supplyMissingMaterials",
            "extendTask",
            "finishTask",
            "sendBackTask",
            "redispatchTask",
            "transferTask",
            "recordResultNotice",
            "attachResultDocument",
            "decideCaseMaterial",
        ],
    ),
    (ApiScope::CatalogRead, &["listItems", "getItem", "exportItems", "listDepartments", "listCalendarDays"]),
    (ApiScope::StatisticsRead, &["getSheetStatistics", "exportSheetStatistics", "listSupervisionNotices"]),
    (ApiScope::EventsRead, &["listEvents"]),
];

/// Operations open to every client, whatever its scopes: who it is and which county.
pub const ANY_SCOPE: &[&str] = &["getMe", "getTenant"];

/// Which of a client's scopes would open an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// Any client may call it.
    AnyScope,
    /// A client holding one of these scopes may call it.
    Scopes(Vec<ApiScope>),
    /// No API client may call it (sign-in, user and API client administration, …).
    Closed,
}

/// What opens the operation `operation_id` to API clients.
pub fn opening(operation_id: &str) -> Opening {
    if ANY_SCOPE.contains(&operation_id) {
        return Opening::AnyScope;
    }
    let scopes: Vec<ApiScope> =
        OPENED.iter().filter(|(_, ops)| ops.contains(&operation_id)).map(|(scope, _)| *scope).collect();
    if scopes.is_empty() { Opening::Closed } else { Opening::Scopes(scopes) }
}

/// The contract's operations by (method, path pattern), as actix reports a matched route
/// (`GET`, `/api/v1/cases/{id}`).
static OPERATIONS: LazyLock<HashMap<(String, String), String>> = LazyLock::new(|| {
    let api = crate::openapi();
    let mut map = HashMap::new();
    for (path, item) in &api.paths.paths {
        for (method, op) in operations(item) {
            if let Some(id) = &op.operation_id {
                map.insert((method.to_owned(), path.clone()), id.clone());
            }
        }
    }
    map
});

/// The operationId of the route a request matched, if it is one of the contract's.
pub fn operation_of(method: &str, pattern: &str) -> Option<&'static str> {
    OPERATIONS.get(&(method.to_owned(), pattern.to_owned())).map(String::as_str)
}

fn operations(item: &utoipa::openapi::PathItem) -> Vec<(&'static str, &Operation)> {
    [
        ("GET", &item.get),
        ("PUT", &item.put),
        ("POST", &item.post),
        ("DELETE", &item.delete),
        ("PATCH", &item.patch),
        ("HEAD", &item.head),
        ("OPTIONS", &item.options),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.as_ref().map(|op| (m, op)))
    .collect()
}

fn operations_mut(item: &mut utoipa::openapi::PathItem) -> Vec<&mut Operation> {
    [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch, &mut item.head, &mut item.options]
        .into_iter()
        .filter_map(Option::as_mut)
        .collect()
}

const API_KEY_DESCRIPTION: &str = "An API client's key (`bk_…`), sent as `Authorization: Bearer <key>`. \
An administrator creates the client (`createApiClient`) with the role it acts as and its scopes; the key \
is shown once, at creation and at each rotation. An operation lists the scopes that open it to clients \
(any one suffices; none listed: any client); on any other operation a key is refused with 403 \
`scope_missing`. Each client has its own per-minute limit (429 `too_many_requests` with `Retry-After`).";

/// Writes the table into the contract (applied to the whole document once the routes are in
/// it): the `api_key` scheme, and on each operation open to clients the security
/// `[{bearer: []}, {api_key: [scopes]}]`, the 429 of the client's limit and a 403.
pub struct ClientSecurity;

impl Modify for ClientSecurity {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        document(api);
    }
}

fn document(api: &mut utoipa::openapi::OpenApi) {
    let components = api.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "api_key",
        SecurityScheme::Http(
            Http::builder()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("API key")
                .description(Some(API_KEY_DESCRIPTION))
                .build(),
        ),
    );
    for item in api.paths.paths.values_mut() {
        for op in operations_mut(item) {
            let Some(id) = op.operation_id.as_deref() else { continue };
            let scopes: Vec<&str> = match opening(id) {
                Opening::Closed => continue,
                Opening::AnyScope => Vec::new(),
                Opening::Scopes(scopes) => scopes.iter().map(|s| s.code()).collect(),
            };
            op.security = Some(vec![
                SecurityRequirement::new("bearer", Vec::<String>::new()),
                SecurityRequirement::new("api_key", scopes),
            ]);
            let problem = || ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build();
            op.responses.responses.entry("429".into()).or_insert_with(|| {
                ResponseBuilder::new()
                    .description("An API client exceeded its requests per minute; retry after `Retry-After` seconds")
                    .header(
                        "Retry-After",
                        HeaderBuilder::new()
                            .schema(Some(
                                utoipa::openapi::ObjectBuilder::new()
                                    .schema_type(utoipa::openapi::schema::Type::Integer),
                            ))
                            .description(Some("Seconds until a request is allowed again"))
                            .build(),
                    )
                    .content("application/problem+json", problem())
                    .build()
                    .into()
            });
            op.responses.responses.entry("403".into()).or_insert_with(|| {
                ResponseBuilder::new()
                    .description("An API client lacks a scope that opens this operation (`scope_missing`)")
                    .content("application/problem+json", problem())
                    .build()
                    .into()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contract_operations() -> Vec<String> {
        let api = crate::openapi();
        api.paths
            .paths
            .values()
            .flat_map(|item| operations(item))
            .filter_map(|(_, op)| op.operation_id.clone())
            .collect()
    }

    #[test]
    fn every_operation_in_the_table_is_in_the_contract() {
        let ops = contract_operations();
        for (scope, opened) in OPENED {
            for id in *opened {
                assert!(ops.iter().any(|o| o == id), "{scope} opens {id}, which the contract does not hold");
            }
        }
        for id in ANY_SCOPE {
            assert!(ops.iter().any(|o| o == id), "{id} is not in the contract");
        }
    }

    #[test]
    fn every_scope_has_its_row_and_administration_stays_closed() {
        for scope in ApiScope::ALL {
            assert!(OPENED.iter().any(|(s, _)| *s == scope), "{scope} has no row");
        }
        for closed in [
            "login",
            "refreshToken",
            "logout",
            "listUsers",
            "getUser",
            "createUser",
            "updateUser",
            "listApiClients",
            "createApiClient",
            "getApiClient",
            "rotateApiClient",
            "revokeApiClient",
            "advanceClock",
            "runScheduler",
            "putCalendarDay",
            "createDepartment",
        ] {
            assert_eq!(opening(closed), Opening::Closed, "{closed}");
        }
        assert_eq!(opening("finishTask"), Opening::Scopes(vec![ApiScope::SheetsWrite]));
        assert_eq!(opening("getMe"), Opening::AnyScope);
    }

    #[test]
    fn routes_are_found_by_method_and_pattern_and_documented_with_their_scopes() {
        assert_eq!(operation_of("GET", "/api/v1/cases/{id}"), Some("getCase"));
        assert_eq!(operation_of("POST", "/api/v1/tasks/{id}/finish"), Some("finishTask"));
        assert_eq!(operation_of("DELETE", "/api/v1/cases/{id}"), None);
        let api = serde_json::to_value(crate::openapi()).unwrap();
        let finish = &api["paths"]["/api/v1/tasks/{id}/finish"]["post"];
        assert_eq!(finish["security"], serde_json::json!([{"bearer": []}, {"api_key": ["sheets:write"]}]));
        assert!(finish["responses"]["429"]["headers"]["Retry-After"].is_object());
        let users = &api["paths"]["/api/v1/users"]["get"];
        assert!(users["security"].is_null(), "closed operations keep the document's bearer only");
        assert!(api["components"]["securitySchemes"]["api_key"].is_object());
    }
}
