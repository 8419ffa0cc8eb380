//! The expected answer of one cell, derived from the domain's rules: `policy::roles_for` and
//! `policy::authorize`, `policy::may_see_case`, the lifecycle's `TRANSITIONS`, the sheets'
//! `Who`, and the role rules of the other domain modules as the table names them.

use super::table::{Rule, Spec};
use super::world::{Kind, Resource};
use butler_domain::case::lifecycle::CaseState;
use butler_domain::case::lifecycle::role_may_ever;
use butler_domain::case::sheet::Who;
use butler_domain::policy::{self, Actor, CaseVisibility, Denied, Scope};
use butler_domain::role::Role;

/// What a cell must answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// An operation open without sign-in: anything but 401, 403 or a 5xx (the record it
    /// names may not exist).
    Open,
    /// Past authorization: a 2xx, or the record's own refusal (a state conflict, a body
    /// that does not validate), never 401, 403, 404 or a 5xx.
    Allowed,
    /// Refused with exactly this status: 401 (nobody signed in), 403 (the role, or a record
    /// the caller sees but may not touch), 404 (a record the caller may not know exists).
    Refused(u16, Why),
}

/// Why a cell is refused, for the report and for what the body may do first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    Anonymous,
    /// The caller's role may never take the operation: refused before the body is read.
    Role,
    /// The record: another tenant's or enterprise's, another department's, or none.
    Record,
    /// An API client's scopes do not open the operation.
    Scope,
    /// An archived case's file takes no change (409 `case_frozen`, or the lifecycle's own
    /// refusal).
    Closed,
}

fn refused(denied: Denied) -> Expect {
    match denied {
        Denied::Hidden => Expect::Refused(404, Why::Record),
        Denied::Forbidden => Expect::Refused(403, Why::Record),
    }
}

fn visibility(actor: &Actor, res: &Resource) -> Result<(), Denied> {
    let Some(case) = &res.case else {
        return if res.tenant_id == actor.tenant_id { Ok(()) } else { Err(Denied::Hidden) };
    };
    policy::may_see_case(
        actor,
        &CaseVisibility {
            tenant_id: res.tenant_id,
            enterprise_id: case.enterprise_id,
            item_departments: &case.item_departments,
            sheet_departments: &case.sheet_departments,
            team_members: &case.team_members,
            draft: case.state == CaseState::Draft,
        },
    )
}

/// Whether the role may ever take the operation (before any record is read).
pub fn role_may(rule: Rule, role: Role) -> bool {
    match rule {
        Rule::Open | Rule::Metrics => true,
        Rule::Anyone(platform) => !role.is_platform() || platform,
        Rule::Policy(action) => policy::roles_for(action).contains(&role),
        Rule::PolicyAnd(action, may) => policy::roles_for(action).contains(&role) && may(role),
        Rule::CaseRead => !role.is_platform(),
        Rule::CaseStep(action) => role_may_ever(role, action),
        Rule::CaseWrite(may) | Rule::SheetWrite(may) | Rule::Roles(may) => !role.is_platform() && may(role),
        Rule::SheetStep(who) => who.admits(role),
    }
}

/// The expected answer of `actor` calling the operation `operation_id` (a write when `write`)
/// of `spec` on `res`.
pub fn expect(spec: &Spec, operation_id: &str, write: bool, actor: Option<&Actor>, res: &Resource) -> Expect {
    let rule = spec.rule;
    if matches!(rule, Rule::Open) {
        return Expect::Open;
    }
    if matches!(rule, Rule::Metrics) {
        // No metrics token is configured: the scrape is not served.
        return Expect::Refused(404, Why::Record);
    }
    let Some(actor) = actor else { return Expect::Refused(401, Why::Anonymous) };
    // The realm: the platform's operations are the platform administrator's alone, and it
    // reaches none of a county's but its own account.
    let platform_op = matches!(rule, Rule::Policy(a) if a.is_platform_action());
    if platform_op != actor.role.is_platform() && !matches!(rule, Rule::Anyone(true)) {
        return Expect::Refused(403, Why::Role);
    }
    if !role_may(rule, actor.role) {
        return Expect::Refused(403, Why::Role);
    }
    if platform_op {
        return Expect::Allowed;
    }
    if matches!(rule, Rule::Anyone(_)) {
        return if res.exists { Expect::Allowed } else { Expect::Refused(404, Why::Record) };
    }
    if let Err(denied) = visibility(actor, res) {
        return refused(denied);
    }
    if !res.exists {
        return Expect::Refused(404, Why::Record);
    }
    // A closed case stays closed: no write but its reopening reaches an archived file.
    if write && operation_id != "reopenCase" && res.case.as_ref().is_some_and(|c| c.state == CaseState::Archived) {
        return Expect::Refused(409, Why::Closed);
    }
    if let Rule::Policy(action) | Rule::PolicyAnd(action, _) = rule {
        let scope = match spec.kind {
            Kind::County => Scope::tenant(actor.tenant_id),
            Kind::Collection => Scope {
                tenant_id: actor.tenant_id,
                department_id: actor.department_id,
                enterprise_id: actor.enterprise_id,
            },
            _ => Scope { tenant_id: res.tenant_id, department_id: res.department_id, enterprise_id: res.enterprise_id },
        };
        if let Err(denied) = policy::authorize(actor, action, scope) {
            return refused(denied);
        }
    }
    if matches!(rule, Rule::SheetStep(_) | Rule::SheetWrite(_))
        && actor.role.needs_department()
        && res.department_id != actor.department_id
    {
        return Expect::Refused(403, Why::Record);
    }
    // A sheet's holder acts on it alone among its department's agents (the leader always).
    if matches!(rule, Rule::SheetStep(Who::Holder))
        && actor.role == Role::DepartmentAgent
        && res.assignee_id.is_some_and(|holder| holder != actor.user_id)
    {
        return Expect::Refused(403, Why::Record);
    }
    if spec.absent {
        return Expect::Refused(404, Why::Record);
    }
    Expect::Allowed
}
