//! Personal numbers (个人信息): the phone and mobile numbers of people that the system keeps.
//! They are sealed at rest, masked in every answer and list, and shown in full only to the
//! roles whose work needs them, one audited reveal at a time (个人信息保护法: minimum
//! disclosure, a record of who viewed a full value).
//!
//! The offices' and departments' public phone numbers (the county profile, the catalog's
//! consultation and complaint lines, departments) are published by design and are not personal
//! numbers.

use uuid::Uuid;

use crate::codes::code_enum;
use crate::policy::{Actor, Denied};
use crate::role::Role;

code_enum! {
    /// Where a personal number is kept.
    pub enum PersonalNumber: "personal number" {
        /// A case's contact person's phone (企业联络员).
        CaseContact = "case_contact",
        /// An enterprise's registered contact's phone.
        EnterpriseContact = "enterprise_contact",
        /// A user's own phone (SMS and group-robot mentions).
        UserPhone = "user_phone",
        /// The mobile a consultation or appointment request was sent with.
        ConsultationMobile = "consultation_mobile",
        /// The mobile a complaint was lodged with.
        ComplaintMobile = "complaint_mobile",
    }
}

/// Whose a personal number is, as far as the rule needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    pub tenant_id: Uuid,
    /// The enterprise it belongs to (a case's or an enterprise's contact).
    pub enterprise_id: Option<Uuid>,
    /// The user it belongs to (a user's phone).
    pub user_id: Option<Uuid>,
}

/// The roles whose work needs `number` in full (beyond its holder's own people):
/// - a case's or enterprise's contact: the investment bureau, which helps the enterprise apply
///   and accepts it, and the office and the window, which speak for the butler team to the
///   enterprise (departments reach the enterprise through the window, 专窗吹哨);
/// - a user's phone: the administrator who keeps the accounts and the office that chases
///   (督办) the agents;
/// - a consultation's mobile: the window and the office, who call back and confirm
///   appointments;
/// - a complaint's mobile: the office, which handles complaints.
///
/// Supervisors, department roles (outside their own phone), enterprises (outside their own
/// contacts) and the public never see a full number.
pub fn revealing_roles(number: PersonalNumber) -> &'static [Role] {
    use Role::*;
    match number {
        PersonalNumber::CaseContact | PersonalNumber::EnterpriseContact => {
            &[InvestmentOfficer, InvestmentLeader, Office, WindowAgent]
        }
        PersonalNumber::UserPhone => &[Admin, Office],
        PersonalNumber::ConsultationMobile => &[WindowAgent, Office],
        PersonalNumber::ComplaintMobile => &[Office],
    }
}

/// Decides whether `actor` may see `number` of `holder` in full. The caller has checked that
/// the actor may read the record at all; an enterprise's user still never learns of another
/// enterprise's records (hidden, not forbidden).
pub fn may_reveal(actor: &Actor, number: PersonalNumber, holder: Holder) -> Result<(), Denied> {
    if actor.role.is_platform() || actor.tenant_id != holder.tenant_id {
        return Err(Denied::Hidden);
    }
    // Everyone's own phone, and an enterprise's own contacts, are their own data.
    if number == PersonalNumber::UserPhone && holder.user_id == Some(actor.user_id) {
        return Ok(());
    }
    if actor.role == Role::Enterprise {
        let own = matches!(number, PersonalNumber::CaseContact | PersonalNumber::EnterpriseContact)
            && holder.enterprise_id.is_some()
            && holder.enterprise_id == actor.enterprise_id;
        return if own { Ok(()) } else { Err(Denied::Hidden) };
    }
    if revealing_roles(number).contains(&actor.role) { Ok(()) } else { Err(Denied::Forbidden) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TENANT: Uuid = Uuid::from_u128(1);
    const ACME: Uuid = Uuid::from_u128(2);
    const ME: Uuid = Uuid::from_u128(3);

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: ME,
            tenant_id: TENANT,
            role,
            department_id: role.needs_department().then_some(Uuid::from_u128(9)),
            enterprise_id: (role == Role::Enterprise).then_some(ACME),
        }
    }

    fn holder(enterprise_id: Option<Uuid>, user_id: Option<Uuid>) -> Holder {
        Holder { tenant_id: TENANT, enterprise_id, user_id }
    }

    #[test]
    fn each_number_opens_to_the_roles_whose_work_needs_it_and_no_others() {
        let someone = Some(Uuid::from_u128(7));
        for number in PersonalNumber::ALL {
            let h = holder(Some(Uuid::from_u128(8)), someone);
            for role in Role::COUNTY.into_iter().filter(|r| *r != Role::Enterprise) {
                let expected = if revealing_roles(number).contains(&role) { Ok(()) } else { Err(Denied::Forbidden) };
                assert_eq!(may_reveal(&actor(role), number, h), expected, "{role} {number}");
            }
        }
        assert!(!revealing_roles(PersonalNumber::CaseContact).contains(&Role::Supervisor));
        assert!(!revealing_roles(PersonalNumber::ComplaintMobile).contains(&Role::DepartmentAgent));
    }

    #[test]
    fn an_enterprise_sees_its_own_contacts_and_nothing_of_others() {
        let me = actor(Role::Enterprise);
        assert_eq!(may_reveal(&me, PersonalNumber::CaseContact, holder(Some(ACME), None)), Ok(()));
        assert_eq!(may_reveal(&me, PersonalNumber::EnterpriseContact, holder(Some(ACME), None)), Ok(()));
        let other = holder(Some(Uuid::from_u128(5)), None);
        assert_eq!(may_reveal(&me, PersonalNumber::CaseContact, other), Err(Denied::Hidden));
        assert_eq!(may_reveal(&me, PersonalNumber::ComplaintMobile, holder(None, None)), Err(Denied::Hidden));
    }

    #[test]
    fn everyone_sees_their_own_phone_and_no_one_another_countys() {
        for role in Role::COUNTY {
            assert_eq!(may_reveal(&actor(role), PersonalNumber::UserPhone, holder(None, Some(ME))), Ok(()), "{role}");
        }
        let elsewhere = Holder { tenant_id: Uuid::from_u128(99), enterprise_id: None, user_id: Some(ME) };
        assert_eq!(may_reveal(&actor(Role::Office), PersonalNumber::UserPhone, elsewhere), Err(Denied::Hidden));
        let platform = Actor { role: Role::PlatformAdmin, ..actor(Role::Admin) };
        assert_eq!(may_reveal(&platform, PersonalNumber::UserPhone, holder(None, Some(ME))), Err(Denied::Hidden));
    }
}
