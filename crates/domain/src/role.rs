//! The roles of SPEC §1. A user holds exactly one role within one tenant.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A user's role. The string codes are part of the public contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 系统管理员: tenants' configuration, departments, users, catalog, calendars.
    Admin,
    /// 投资促进局帮办代办员: helps the enterprise apply, reviews the application.
    InvestmentOfficer,
    /// 投资促进局主要领导: signs the acceptance (four eyes with the reviewer).
    InvestmentLeader,
    /// 领导小组办公室: forms teams, dispatches, chases, archives.
    Office,
    /// 专窗帮办代办员: signs the entrustment, hands out sheets, passes results back.
    WindowAgent,
    /// 部门帮办代办员: handles its department's task sheets.
    DepartmentAgent,
    /// 部门分管领导: the department's scope plus statistics and escalations.
    DepartmentLeader,
    /// 领导小组 (双组长): read-only oversight.
    Supervisor,
    /// 企业联络员: sees only its own enterprise's projects.
    Enterprise,
    /// 平台管理员: above the counties. Creates, configures, onboards and suspends counties and
    /// keeps the national holiday schedule; reads nothing of a county's cases.
    PlatformAdmin,
}

impl Role {
    /// Every role: a county's, in the order of SPEC §1's table, then the platform's.
    pub const ALL: [Role; 10] = [
        Role::Enterprise,
        Role::InvestmentOfficer,
        Role::InvestmentLeader,
        Role::Office,
        Role::WindowAgent,
        Role::DepartmentAgent,
        Role::DepartmentLeader,
        Role::Supervisor,
        Role::Admin,
        Role::PlatformAdmin,
    ];

    /// The roles a county's own users hold (every role but the platform's).
    pub const COUNTY: [Role; 9] = [
        Role::Enterprise,
        Role::InvestmentOfficer,
        Role::InvestmentLeader,
        Role::Office,
        Role::WindowAgent,
        Role::DepartmentAgent,
        Role::DepartmentLeader,
        Role::Supervisor,
        Role::Admin,
    ];

    /// The stable code used in the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::InvestmentOfficer => "investment_officer",
            Role::InvestmentLeader => "investment_leader",
            Role::Office => "office",
            Role::WindowAgent => "window_agent",
            Role::DepartmentAgent => "department_agent",
            Role::DepartmentLeader => "department_leader",
            Role::Supervisor => "supervisor",
            Role::Enterprise => "enterprise",
            Role::PlatformAdmin => "platform_admin",
        }
    }

    /// The name users know, in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            Role::Admin => "系统管理员",
            Role::InvestmentOfficer => "投资促进局帮办代办员",
            Role::InvestmentLeader => "投资促进局主要领导",
            Role::Office => "领导小组办公室",
            Role::WindowAgent => "专窗帮办代办员",
            Role::DepartmentAgent => "部门帮办代办员",
            Role::DepartmentLeader => "部门分管领导",
            Role::Supervisor => "领导小组",
            Role::Enterprise => "企业联络员",
            Role::PlatformAdmin => "平台管理员",
        }
    }

    /// Roles that act for one department and must belong to one.
    pub fn needs_department(self) -> bool {
        matches!(self, Role::DepartmentAgent | Role::DepartmentLeader)
    }

    /// Roles that act for one enterprise and must be bound to it.
    pub fn needs_enterprise(self) -> bool {
        matches!(self, Role::Enterprise)
    }

    /// Officials are every county role but the enterprise's.
    pub fn is_official(self) -> bool {
        !matches!(self, Role::Enterprise | Role::PlatformAdmin)
    }

    /// The platform's role, held by users of the platform (never of a county).
    pub fn is_platform(self) -> bool {
        self == Role::PlatformAdmin
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The text was not a role code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}`")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|r| r.code() == s).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.code().parse::<Role>(), Ok(role));
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.code()));
        }
        assert!("root".parse::<Role>().is_err());
    }

    #[test]
    fn scope_requirements() {
        assert!(Role::DepartmentAgent.needs_department());
        assert!(!Role::Office.needs_department());
        assert!(Role::Enterprise.needs_enterprise());
        assert!(!Role::Enterprise.is_official());
        assert!(!Role::PlatformAdmin.is_official());
        assert!(Role::PlatformAdmin.is_platform());
        assert!(Role::COUNTY.iter().all(|r| !r.is_platform()));
        assert_eq!(Role::ALL.len(), Role::COUNTY.len() + 1);
    }
}
