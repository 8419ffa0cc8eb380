//! Every operation of the committed contract (openapi/openapi.json): method, path template,
//! operationId and whether it takes a signed-in caller.

use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Operation {
    pub method: reqwest::Method,
    pub path: String,
    pub id: String,
    /// The contract declares an empty security requirement (`[{}]`): no sign-in needed.
    pub open: bool,
    /// The request body's media type, if the operation takes one.
    pub body: Option<String>,
    /// The scopes that open it to an API client (any one suffices; empty: any client), or
    /// `None` when no client may call it.
    pub client_scopes: Option<Vec<String>>,
}

/// The operations of the committed contract, in its order (paths sorted, then methods).
pub fn operations() -> Vec<Operation> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json"))
        .expect("the committed contract");
    let doc: Value = serde_json::from_str(&text).expect("the contract is JSON");
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            let method = match method.as_str() {
                "get" => reqwest::Method::GET,
                "post" => reqwest::Method::POST,
                "put" => reqwest::Method::PUT,
                "patch" => reqwest::Method::PATCH,
                "delete" => reqwest::Method::DELETE,
                _ => continue,
            };
            let id = op["operationId"].as_str().unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            // `security: []` (no requirement) or a requirement of nothing (`{}`) among others.
            let open = op["security"].as_array().is_some_and(|reqs| {
                reqs.is_empty() || reqs.iter().any(|r| r.as_object().is_some_and(|o| o.is_empty()))
            });
            let body = op["requestBody"]["content"].as_object().and_then(|c| c.keys().next().cloned());
            let client_scopes = op["security"].as_array().and_then(|reqs| {
                reqs.iter().find_map(|r| {
                    r["api_key"]
                        .as_array()
                        .map(|scopes| scopes.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect())
                })
            });
            out.push(Operation { method, path: path.clone(), id: id.to_owned(), open, body, client_scopes });
        }
    }
    out
}
