//! The butler team (项目管家): "one project, one leader, one group of people".

use std::collections::BTreeSet;

use uuid::Uuid;

use crate::codes::code_enum;
use crate::role::Role;

code_enum! {
    /// A member's seat in the team (`case_team_members.team_role`).
    pub enum TeamRole: "team role" {
        /// 负责领导: the leader responsible for the case.
        ResponsibleLeader = "responsible_leader",
        /// 牵头代办员: the lead agent.
        LeadAgent = "lead_agent",
        /// 协同代办员: a co-agent of a department whose items are in the case.
        CoAgent = "co_agent",
    }
}

impl TeamRole {
    /// The user roles that may hold this seat.
    pub fn eligible_roles(self) -> &'static [Role] {
        match self {
            TeamRole::ResponsibleLeader => &[Role::DepartmentLeader, Role::InvestmentLeader, Role::Office],
            TeamRole::LeadAgent | TeamRole::CoAgent => {
                &[Role::DepartmentAgent, Role::WindowAgent, Role::InvestmentOfficer]
            }
        }
    }
}

/// A seat taken: who, in which department, as what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seat {
    /// The member's department, if any.
    pub department_id: Option<Uuid>,
    /// The seat.
    pub role: TeamRole,
}

/// Whether the team is complete: a responsible leader, a lead agent, and an agent (lead or
/// co-agent) of every department that has an item in the case.
pub fn team_complete(seats: &[Seat], item_departments: &BTreeSet<Uuid>) -> bool {
    let has = |role: TeamRole| seats.iter().any(|s| s.role == role);
    let covered: BTreeSet<Uuid> =
        seats.iter().filter(|s| s.role != TeamRole::ResponsibleLeader).filter_map(|s| s.department_id).collect();
    has(TeamRole::ResponsibleLeader) && has(TeamRole::LeadAgent) && item_departments.is_subset(&covered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::assert_codes;

    #[test]
    fn codes_are_the_stored_ones() {
        assert_codes(&TeamRole::ALL);
        assert_eq!(TeamRole::ALL.map(TeamRole::code), ["responsible_leader", "lead_agent", "co_agent"]);
        assert!(TeamRole::ResponsibleLeader.eligible_roles().contains(&Role::Office));
        assert!(!TeamRole::CoAgent.eligible_roles().contains(&Role::Office));
    }

    #[test]
    fn a_complete_team_covers_every_department_with_an_agent() {
        let water = Uuid::from_u128(1);
        let land = Uuid::from_u128(2);
        let seat = |d: Option<Uuid>, role| Seat { department_id: d, role };
        let departments: BTreeSet<Uuid> = [water, land].into();
        let mut seats = vec![
            seat(Some(water), TeamRole::ResponsibleLeader),
            seat(None, TeamRole::LeadAgent),
            seat(Some(water), TeamRole::CoAgent),
        ];
        assert!(!team_complete(&seats, &departments), "land has no agent; the leader does not count");
        seats.push(seat(Some(land), TeamRole::CoAgent));
        assert!(team_complete(&seats, &departments));
        seats.retain(|s| s.role != TeamRole::LeadAgent);
        assert!(!team_complete(&seats, &departments), "no lead agent");
    }
}
