//! Public disclosure (晒权, 公开): what the county shows without a sign-in. The catalog in
//! force is public as it stands; the butler roster shows only as much as the county chooses
//! (no one, names, or names and phones), never an enterprise's people, never an account the
//! county took off the roster, never an API client's account.

use crate::api_access::AccountKind;
use crate::codes::code_enum;
use crate::role::Role;
use crate::text::TextError;

code_enum! {
    /// How much of the butler roster (项目管家名册) the county publishes.
    pub enum RosterDisclosure: "roster disclosure" {
        /// The roster is not published.
        Hidden = "none",
        /// Names and departments.
        Names = "names",
        /// Names, departments and phone numbers.
        NamesAndPhones = "names_and_phones",
    }
}

/// Until the county says otherwise the roster is not published: a person's name is shown
/// only when the county chose to show it.
pub const DEFAULT_ROSTER_DISCLOSURE: RosterDisclosure = RosterDisclosure::Hidden;

/// The roles whose holders are butlers (帮办代办员) and so may appear on the roster.
pub const ROSTER_ROLES: [Role; 3] = [Role::InvestmentOfficer, Role::WindowAgent, Role::DepartmentAgent];

/// What decides whether an account appears on the published roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RosterCandidate {
    pub role: Role,
    pub kind: AccountKind,
    /// An open account (a closed one is nobody's butler any more).
    pub active: bool,
    /// The county took this person off the published roster.
    pub opted_out: bool,
}

/// Whether `who` is on the published roster (before the county's disclosure applies).
pub fn on_roster(who: RosterCandidate) -> bool {
    who.kind == AccountKind::Person && who.active && !who.opted_out && ROSTER_ROLES.contains(&who.role)
}

/// What the public sees of one butler, under `disclosure`: `None` when the roster is hidden;
/// otherwise the name, and the phone only when the county publishes phones.
pub fn disclose<'a>(
    disclosure: RosterDisclosure,
    name: &'a str,
    phone: Option<&'a str>,
) -> Option<(&'a str, Option<&'a str>)> {
    match disclosure {
        RosterDisclosure::Hidden => None,
        RosterDisclosure::Names => Some((name, None)),
        RosterDisclosure::NamesAndPhones => Some((name, phone)),
    }
}

/// Longest published paragraph (the service's rules, an address, office hours).
pub const MAX_NOTICE_CHARS: usize = 4000;

/// Free text the county publishes (its service rules, an address, office hours): trimmed,
/// not blank, at most [`MAX_NOTICE_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice(String);

impl Notice {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(TextError::Empty);
        }
        if trimmed.chars().count() > MAX_NOTICE_CHARS {
            return Err(TextError::TooLong { max: MAX_NOTICE_CHARS });
        }
        Ok(Notice(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(role: Role) -> RosterCandidate {
        RosterCandidate { role, kind: AccountKind::Person, active: true, opted_out: false }
    }

    #[test]
    fn disclosure_codes_round_trip() {
        crate::codes::assert_codes(&RosterDisclosure::ALL);
        assert_eq!(RosterDisclosure::Hidden.code(), "none");
    }

    #[test]
    fn only_open_butler_accounts_of_people_not_taken_off_are_on_the_roster() {
        for role in ROSTER_ROLES {
            assert!(on_roster(person(role)), "{role:?}");
        }
        for role in [
            Role::Enterprise,
            Role::Admin,
            Role::Office,
            Role::Supervisor,
            Role::InvestmentLeader,
            Role::DepartmentLeader,
        ] {
            assert!(!on_roster(person(role)), "{role:?}");
        }
        let agent = person(Role::DepartmentAgent);
        assert!(!on_roster(RosterCandidate { opted_out: true, ..agent }));
        assert!(!on_roster(RosterCandidate { active: false, ..agent }));
        assert!(!on_roster(RosterCandidate { kind: AccountKind::ApiClient, ..agent }));
    }

    #[test]
    fn the_disclosure_decides_what_of_a_butler_shows() {
        let phone = Some("13800000001");
        assert_eq!(disclose(RosterDisclosure::Hidden, "赵明轩", phone), None);
        assert_eq!(disclose(RosterDisclosure::Names, "赵明轩", phone), Some(("赵明轩", None)));
        assert_eq!(disclose(RosterDisclosure::NamesAndPhones, "赵明轩", phone), Some(("赵明轩", phone)));
        assert_eq!(disclose(RosterDisclosure::NamesAndPhones, "赵明轩", None), Some(("赵明轩", None)));
    }

    #[test]
    fn a_notice_is_trimmed_and_bounded() {
        assert_eq!(Notice::parse("  工作日 09:00–12:00 \n").unwrap().as_str(), "工作日 09:00–12:00");
        assert_eq!(Notice::parse(" \n "), Err(TextError::Empty));
        let long = "字".repeat(MAX_NOTICE_CHARS + 1);
        assert_eq!(Notice::parse(&long), Err(TextError::TooLong { max: MAX_NOTICE_CHARS }));
        assert!(Notice::parse(&"字".repeat(MAX_NOTICE_CHARS)).is_ok());
    }
}
