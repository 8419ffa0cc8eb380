//! The authorization matrix: every operation of the committed contract × every role (and
//! nobody) × the records its path can name (the caller's own enterprise's case and another's,
//! a draft, a closed case, the own department's sheet and another's, another county's
//! records, an id naming nothing), each answer checked against the policy, on one server per
//! database. A denied write changes nothing, and a caller whose role may never take an
//! operation is refused (403) before its body is read.

mod contract;
mod expect;
mod fingerprint;
mod table;
mod world;

use crate::helpers::*;
use expect::{Expect, Why};
use reqwest::Method;
use std::collections::BTreeMap;
use world::{Caller, Resource};

/// The default value of a path parameter no record supplies.
fn default_param(name: &str) -> Option<&'static str> {
    Some(match name {
        "tenant" | "code" => "dayao",
        "tracking" => "TS-UNKNOWN",
        "year" => "2027",
        "date" => "2026-12-26",
        "kind" => "task_dispatched",
        "language" => "zh-CN",
        "channel" => "sms",
        "file_id" | "id" | "user_id" | "case_id" | "item_id" | "follow_up_id" | "qualification_id" => {
            "00000000-0000-4000-8000-00000000abcd"
        }
        "position" => "1",
        _ => return None,
    })
}

fn fill(template: &str, res: &Resource) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').expect("closing brace") + start;
        let name = &rest[start + 1..end];
        let value =
            res.params.get(name).cloned().or_else(|| default_param(name).map(str::to_owned)).unwrap_or_else(|| {
                panic!("{template}: no value for the path parameter `{name}`: add one to the matrix")
            });
        out.push_str(&value);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Sends one cell's request: the operation's body, when it takes one, is one that never
/// validates (a JSON array, an empty multipart form), so an allowed cell changes nothing and
/// a refused one shows the refusal comes before the body.
async fn send(app: &TestApp, op: &contract::Operation, path: &str, caller: &Caller) -> Reply {
    let mut req = app.client.request(op.method.clone(), format!("{}{path}", app.base));
    if let Some(token) = &caller.token {
        req = req.bearer_auth(token);
    }
    req = match op.body.as_deref() {
        Some("multipart/form-data") => {
            req.header("content-type", "multipart/form-data; boundary=matrix").body("--matrix--\r\n")
        }
        Some(_) => req.header("content-type", "application/json").body("[]"),
        None if op.method != Method::GET && op.method != Method::DELETE => {
            req.header("content-type", "application/json").body("")
        }
        None => req,
    };
    app.raw(req).await
}

#[derive(Default)]
struct Tally {
    cells: usize,
    allowed: usize,
    refused: BTreeMap<String, usize>,
    relations: BTreeMap<&'static str, usize>,
    /// Refused for the record, on an operation whose body is read first: the body's 422 came
    /// first (never a success, and nothing changed).
    body_first: usize,
    /// Refused for the role with a body that would not validate: 403 all the same.
    role_before_body: usize,
    failures: Vec<String>,
}

fn check(tally: &mut Tally, cell: &str, expected: Expect, reply: &Reply, body_read_first: bool) {
    let status = reply.status.as_u16();
    tally.cells += 1;
    match expected {
        Expect::Open => {
            tally.allowed += 1;
            if matches!(status, 401 | 403) || status >= 500 {
                tally.failures.push(format!("{cell}: expected an open answer, got {status} {}", reply.body));
            }
        }
        Expect::Allowed => {
            tally.allowed += 1;
            if matches!(status, 401 | 403 | 404) || status >= 500 {
                tally.failures.push(format!("{cell}: expected past authorization, got {status} {}", reply.body));
            }
        }
        Expect::Refused(want, why) => {
            *tally.refused.entry(format!("{want} {why:?}")).or_default() += 1;
            if why == Why::Role && body_read_first {
                tally.role_before_body += 1;
            }
            if (200..300).contains(&status) {
                tally.failures.push(format!("{cell}: UNEXPECTED SUCCESS {status}, expected {want} ({why:?})"));
            } else if status != want {
                if matches!(why, Why::Record | Why::Closed | Why::Scope)
                    && body_read_first
                    && matches!(status, 400 | 415 | 422)
                {
                    tally.body_first += 1;
                } else {
                    tally.failures.push(format!("{cell}: expected {want} ({why:?}), got {status} {}", reply.body));
                }
            }
        }
    }
}

async fn authorization_matrix(backend: Backend) {
    let world = world::build(backend).await;
    let ops = contract::operations();
    let missing: Vec<&str> = ops.iter().filter(|o| table::spec_of(&o.id).is_none()).map(|o| o.id.as_str()).collect();
    assert!(missing.is_empty(), "operations of the contract the matrix does not know: {missing:?}");
    let open_mismatch: Vec<&str> = ops
        .iter()
        .filter(|o| o.open != matches!(table::spec_of(&o.id).map(|s| s.rule), Some(table::Rule::Open)))
        .map(|o| o.id.as_str())
        .collect();
    assert!(
        open_mismatch.is_empty(),
        "the contract and the matrix disagree on who may call without sign-in: {open_mismatch:?}"
    );
    let db = world.app.db().await;
    let mut tally = Tally::default();
    // Every refused cell first, operation by operation, each operation's refusals shown to
    // change nothing; then the allowed cells (which may change their records).
    let mut allowed_cells = Vec::new();
    for op in &ops {
        let spec = table::spec_of(&op.id).expect("checked above");
        let before = fingerprint::take(&db).await;
        for res in &world.resources[&spec.kind] {
            let mut path = fill(&op.path, res);
            if !spec.query.is_empty() {
                path = format!("{path}?{}", spec.query);
            }
            for caller in &world.callers {
                let write = op.method != Method::GET;
                let mut expected = expect::expect(&spec, &op.id, write, caller.actor.as_ref(), res);
                // An API client reaches only what its scopes open (403 `scope_missing`).
                let past_role = matches!(expected, Expect::Allowed | Expect::Refused(_, Why::Record | Why::Closed))
                    && !matches!(spec.rule, table::Rule::Metrics);
                if let (Some(held), true) = (&caller.scopes, past_role) {
                    let opened = op
                        .client_scopes
                        .as_ref()
                        .is_some_and(|needed| needed.is_empty() || needed.iter().any(|s| held.contains(s)));
                    if !opened {
                        expected = Expect::Refused(403, Why::Scope);
                    }
                }
                let cell = format!("{} {} as {} on {}", op.id, path, caller.label, res.relation);
                if matches!(expected, Expect::Allowed | Expect::Open) {
                    allowed_cells.push((op, path.clone(), caller, cell, res.relation, expected));
                    continue;
                }
                *tally.relations.entry(res.relation).or_default() += 1;
                let reply = send(&world.app, op, &path, caller).await;
                check(&mut tally, &cell, expected, &reply, op.body.is_some());
            }
        }
        let after = fingerprint::take(&db).await;
        if let Some(change) = fingerprint::difference(&before, &after) {
            tally.failures.push(format!("{}: a refused call changed {change}", op.id));
        }
    }
    for (op, path, caller, cell, relation, expected) in allowed_cells {
        *tally.relations.entry(relation).or_default() += 1;
        let reply = send(&world.app, op, &path, caller).await;
        check(&mut tally, &cell, expected, &reply, op.body.is_some());
    }
    println!(
        "authorization matrix ({backend:?}): {} operations, {} callers, {} cells: {} allowed, refused {:?} \
         ({} of them for the role with an invalid body; {} refused for the record after the body's own 422); \
         by relation {:?}",
        ops.len(),
        world.callers.len(),
        tally.cells,
        tally.allowed,
        tally.refused,
        tally.role_before_body,
        tally.body_first,
        tally.relations,
    );
    assert!(
        tally.failures.is_empty(),
        "{} of {} cells answered against the policy:\n{}",
        tally.failures.len(),
        tally.cells,
        tally.failures.join("\n")
    );
    let _ = world.own_tenant;
    let _ = &world.office;
}

crate::on_both_databases!(authorization_matrix);
