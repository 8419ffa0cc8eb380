//! Machine access: third parties (the provincial platform, the county's OA, a data platform)
//! call the API as API clients, each acting in one role with the scopes an administrator gave
//! it, never with a person's password.
//!
//! An API client is backed by an account of its own ([`AccountKind::ApiClient`]), so every
//! rule that looks at an actor (the policy, the sheet rules, the history's names) applies to
//! it unchanged; the scopes narrow further which operations it may call at all.

use crate::codes::code_enum;
use crate::role::Role;

code_enum! {
    /// Whether an account is a person's or an API client's. Only a person signs in with a
    /// password and receives notifications.
    pub enum AccountKind: "account kind" {
        /// A person, signing in with a password.
        Person = "person",
        /// A third-party system, authenticating with an API key.
        ApiClient = "api_client",
    }
}

code_enum! {
    /// What an API client may call, as `resource:access`. Each scope opens a fixed set of
    /// operations of the contract (the web crate's table); the client's role still decides,
    /// record by record, what it sees and may change.
    pub enum ApiScope: "API scope" {
        /// Read the tenant's cases: lists, details, history.
        CasesRead = "cases:read",
        /// Read task sheets and work queues.
        SheetsRead = "sheets:read",
        /// Work task sheets: acknowledge, ask for corrections, finish, send back, transfer,
        /// record results.
        SheetsWrite = "sheets:write",
        /// Read the approval-item catalog, the departments and the working-day calendar.
        CatalogRead = "catalog:read",
        /// Read the task-sheet statistics.
        StatisticsRead = "statistics:read",
        /// Read the change feed.
        EventsRead = "events:read",
    }
}

code_enum! {
    /// The role an API client acts as: read-only oversight, one department's agent, or the
    /// leading group's office.
    pub enum ApiClientRole: "API client role" {
        /// 领导小组: reads the tenant's cases, sheets and statistics.
        Supervisor = "supervisor",
        /// 部门帮办代办员 of one department: reads and works that department's sheets.
        DepartmentAgent = "department_agent",
        /// 领导小组办公室.
        Office = "office",
    }
}

impl ApiClientRole {
    /// The role the client's account holds.
    pub fn role(self) -> Role {
        match self {
            ApiClientRole::Supervisor => Role::Supervisor,
            ApiClientRole::DepartmentAgent => Role::DepartmentAgent,
            ApiClientRole::Office => Role::Office,
        }
    }

    /// The client role of an account's role, if a client may hold it.
    pub fn of(role: Role) -> Option<ApiClientRole> {
        ApiClientRole::ALL.into_iter().find(|r| r.role() == role)
    }

    /// Whether the client acts for one department (and must be bound to one).
    pub fn needs_department(self) -> bool {
        self.role().needs_department()
    }
}

/// Requests per minute a client may make unless its administrator sets another limit.
pub const DEFAULT_RATE_LIMIT_PER_MINUTE: u32 = 600;
/// The highest per-minute limit an administrator may set.
pub const MAX_RATE_LIMIT_PER_MINUTE: u32 = 100_000;

/// A client's scopes: at least one, each once, in the enumeration's order.
pub fn normalise_scopes(scopes: &[ApiScope]) -> Option<Vec<ApiScope>> {
    let mut out = scopes.to_vec();
    out.sort();
    out.dedup();
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_codes_are_resource_and_access_and_round_trip() {
        for scope in ApiScope::ALL {
            let code = scope.code();
            let (resource, access) = code.split_once(':').expect("resource:access");
            assert!(resource.chars().all(|c| c.is_ascii_lowercase()), "{code}");
            assert!(matches!(access, "read" | "write"), "{code}");
            assert_eq!(code.parse::<ApiScope>(), Ok(scope));
            assert_eq!(serde_json::to_value(scope).unwrap(), serde_json::Value::String(code.to_owned()));
        }
        assert!("cases:delete".parse::<ApiScope>().is_err());
    }

    #[test]
    fn account_kinds_and_client_roles_have_codes() {
        crate::codes::assert_codes(&AccountKind::ALL);
        crate::codes::assert_codes(&ApiClientRole::ALL);
    }

    #[test]
    fn client_roles_are_the_three_roles_a_machine_may_hold() {
        let roles: Vec<Role> = ApiClientRole::ALL.into_iter().map(ApiClientRole::role).collect();
        assert_eq!(roles, vec![Role::Supervisor, Role::DepartmentAgent, Role::Office]);
        for role in Role::ALL {
            assert_eq!(ApiClientRole::of(role).map(ApiClientRole::role), roles.contains(&role).then_some(role));
        }
        assert!(ApiClientRole::DepartmentAgent.needs_department());
        assert!(!ApiClientRole::Supervisor.needs_department());
    }

    #[test]
    fn scopes_are_kept_once_each_and_never_empty() {
        use ApiScope::*;
        assert_eq!(normalise_scopes(&[SheetsWrite, CasesRead, SheetsWrite]), Some(vec![CasesRead, SheetsWrite]));
        assert_eq!(normalise_scopes(&[]), None);
    }
}
