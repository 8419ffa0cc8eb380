//! Aftercare of a closed case: follow-up visits (回访) and the rectifications (整改) that bad
//! reviews open. Who may do what, in one place: the services refuse by these rules and the
//! API lists the actions they allow, so that screens never guess.

use uuid::Uuid;

use crate::case::lifecycle::CaseState;
use crate::codes::code_enum;
use crate::policy::Actor;
use crate::role::Role;

code_enum! {
    /// What can be done about a case's aftercare (the codes its records' `allowed_actions` list).
    pub enum AftercareAction: "aftercare action" {
        /// Plan a visit (the office, once the case is completed or terminated, before it is archived).
        ScheduleFollowUp = "schedule_follow_up",
        /// Record how a planned visit went (the office, once).
        RecordFollowUp = "record",
        /// Answer a rectification in writing (the office or the reviewed department's leader, once).
        ReplyRectification = "reply",
    }
}

code_enum! {
    /// How a follow-up visit is made (`follow_ups.method`).
    pub enum FollowUpMethod: "follow-up method" {
        /// 上门走访
        Visit = "visit",
        /// 电话回访
        Phone = "phone",
        /// 座谈回访
        Meeting = "meeting",
        /// 线上回访
        Online = "online",
    }
}

/// Whether a case in `state` has aftercare at all: the service has ended.
pub fn has_aftercare(state: CaseState) -> bool {
    matches!(state, CaseState::Completed | CaseState::Terminated | CaseState::Archived)
}

/// Whether `actor`'s role may ever take `action`, whatever the record's state.
pub fn role_may(actor: &Actor, action: AftercareAction) -> bool {
    match action {
        AftercareAction::ScheduleFollowUp | AftercareAction::RecordFollowUp => actor.role == Role::Office,
        AftercareAction::ReplyRectification => matches!(actor.role, Role::Office | Role::DepartmentLeader),
    }
}

/// Whether `role` reads the county's queue of rectifications: the office and supervisors all
/// of them, a department's agents and leader their department's.
pub fn reads_rectification_queue(role: Role) -> bool {
    matches!(role, Role::Office | Role::Supervisor | Role::DepartmentAgent | Role::DepartmentLeader)
}

/// An archived file takes no new visit ([`crate::case::frozen`]).
pub fn may_schedule_follow_up(actor: &Actor, state: CaseState) -> bool {
    role_may(actor, AftercareAction::ScheduleFollowUp)
        && has_aftercare(state)
        && crate::case::frozen::may_write(state, crate::case::frozen::CaseWrite::FollowUp).is_ok()
}

/// A planned visit is recorded once, by the office, while the case takes visits (an archived
/// file does not).
pub fn may_record_follow_up(actor: &Actor, state: CaseState, recorded: bool) -> bool {
    role_may(actor, AftercareAction::RecordFollowUp)
        && !recorded
        && crate::case::frozen::may_write(state, crate::case::frozen::CaseWrite::FollowUp).is_ok()
}

/// The office answers any rectification; a department's leader those of its department (not
/// those about the case as a whole, `department_id` absent); once, while the case takes
/// answers (an archived file does not).
pub fn may_reply_rectification(actor: &Actor, state: CaseState, department_id: Option<Uuid>, answered: bool) -> bool {
    let whose = match actor.role {
        Role::Office => true,
        Role::DepartmentLeader => department_id.is_some() && department_id == actor.department_id,
        _ => false,
    };
    whose && !answered && crate::case::frozen::may_write(state, crate::case::frozen::CaseWrite::Rectification).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, department: Option<u128>) -> Actor {
        Actor {
            user_id: Uuid::from_u128(1),
            tenant_id: Uuid::from_u128(10),
            role,
            department_id: department.map(Uuid::from_u128),
            enterprise_id: None,
        }
    }

    #[test]
    fn only_the_office_schedules_and_records_visits_of_an_ended_service() {
        for state in CaseState::ALL {
            for role in Role::ALL {
                let expected = role == Role::Office && matches!(state, CaseState::Completed | CaseState::Terminated);
                assert_eq!(may_schedule_follow_up(&actor(role, Some(20)), state), expected, "{role} {state:?}");
            }
        }
        let completed = CaseState::Completed;
        assert!(may_record_follow_up(&actor(Role::Office, None), completed, false));
        assert!(!may_record_follow_up(&actor(Role::Office, None), completed, true), "recorded once");
        assert!(!may_record_follow_up(&actor(Role::Supervisor, None), completed, false));
        assert!(
            !may_record_follow_up(&actor(Role::Office, None), CaseState::Archived, false),
            "an archived file is read-only"
        );
    }

    #[test]
    fn codes_are_the_stored_ones() {
        crate::codes::assert_codes(&AftercareAction::ALL);
        crate::codes::assert_codes(&FollowUpMethod::ALL);
        assert_eq!(AftercareAction::ALL.map(AftercareAction::code), ["schedule_follow_up", "record", "reply"]);
        assert_eq!(FollowUpMethod::ALL.map(FollowUpMethod::code), ["visit", "phone", "meeting", "online"]);
    }

    #[test]
    fn a_rectification_is_answered_once_by_the_office_or_its_department_leader() {
        let water = Some(Uuid::from_u128(20));
        let done = CaseState::Completed;
        assert!(may_reply_rectification(&actor(Role::Office, None), done, water, false));
        assert!(may_reply_rectification(&actor(Role::Office, None), done, None, false));
        assert!(may_reply_rectification(&actor(Role::DepartmentLeader, Some(20)), done, water, false));
        assert!(!may_reply_rectification(&actor(Role::DepartmentLeader, Some(20)), done, water, true), "once");
        assert!(
            !may_reply_rectification(&actor(Role::DepartmentLeader, Some(21)), done, water, false),
            "another department"
        );
        assert!(
            !may_reply_rectification(&actor(Role::DepartmentLeader, Some(20)), done, None, false),
            "the whole case"
        );
        for role in [Role::DepartmentAgent, Role::Supervisor, Role::WindowAgent, Role::Enterprise, Role::Admin] {
            assert!(!may_reply_rectification(&actor(role, Some(20)), done, water, false), "{role}");
        }
        let archived = CaseState::Archived;
        assert!(
            !may_reply_rectification(&actor(Role::Office, None), archived, water, false),
            "an archived file is read-only"
        );
    }
}
