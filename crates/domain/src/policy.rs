//! Who may do what: the one place where authorisation is decided.
//!
//! Every handler describes what it is about to do as an [`Action`] and asks
//! [`authorize`]. Tenancy is part of the answer: an actor never learns whether a record of
//! another tenant — or, for an enterprise user, of another enterprise — exists, so those
//! answers are [`Denied::Hidden`] (404), while a known record the actor's role may not touch
//! is [`Denied::Forbidden`] (403).

use crate::role::Role;
use uuid::Uuid;

/// The authenticated caller, as every rule sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Uuid,
    pub tenant_id: Uuid,
    pub role: Role,
    pub department_id: Option<Uuid>,
    pub enterprise_id: Option<Uuid>,
}

/// The tenant and owners a record belongs to, as far as a rule needs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub tenant_id: Uuid,
    pub department_id: Option<Uuid>,
    pub enterprise_id: Option<Uuid>,
}

impl Scope {
    pub fn tenant(tenant_id: Uuid) -> Self {
        Scope { tenant_id, department_id: None, enterprise_id: None }
    }
}

/// What the actor is about to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read the tenant's departments (every signed-in user).
    ListDepartments,
    /// Create or change departments.
    ManageDepartments,
    /// Read the approval-item catalog (every signed-in user; it is public anyway).
    ReadCatalog,
    /// Change the catalog.
    ManageCatalog,
    /// Import the catalog workbook (drafts, or published at once): the office and the admin.
    ImportCatalog,
    /// Write a draft of a catalog item (create an item, start a new version, edit or discard
    /// a draft): department roles only for their own department's items.
    DraftCatalogItem,
    /// Publish or retire a catalog item version (the office and admins), and discard any
    /// department's draft.
    PublishCatalogItem,
    /// List and read user accounts.
    ListUsers,
    /// Create users, change roles, lock and unlock accounts.
    ManageUsers,
    /// Subscribe integrators' endpoints (and the provincial platform) to events, read their
    /// deliveries and replay them.
    ManageWebhooks,
    /// Create, read, rotate and revoke the tenant's API clients.
    ManageApiClients,
    /// List enterprises (an enterprise user sees only its own).
    ListEnterprises,
    /// Read one enterprise.
    ReadEnterprise,
    /// Register an enterprise.
    CreateEnterprise,
    /// Read the tenant's working-day calendar (every signed-in user).
    ReadCalendar,
    /// Set or remove the tenant's local working days and days off.
    ManageCalendar,
    /// Read and mark one's own notifications (every signed-in user; only their own).
    ReadOwnNotifications,
    /// Issue a supervision notice (督办通知) to a department, a case or a sheet.
    IssueSupervisionNotice,
    /// List supervision notices (department roles: only their department's).
    ListSupervisionNotices,
    /// Read the task-sheet statistics (a department's leader: only its department's).
    ReadStatistics,
    /// File an application (申请受理表): the enterprise for itself, or an official for it
    /// (代为填报).
    CreateApplication,
    /// Edit a draft application.
    EditApplication,
    /// Read the task-sheet work queues (every official; an enterprise has none).
    ReadTaskQueues,
    /// Move the server clock forward (demo mode only).
    AdvanceClock,
    /// Run one reminder sweep now (demo mode only).
    RunScheduler,
    /// Configure the delivery channels, read the delivery log, retry dead deliveries.
    ManageDelivery,
    /// Edit the tenant's message templates per notification kind and language.
    ManageTemplates,
    /// Set or change a case's national project code (一项一码) after the application.
    SetProjectCode,
    /// Read the tenant's change feed (every case event, in order).
    ReadFeed,
    /// Read the consultations and appointment requests the public sent the window.
    ReadConsultations,
    /// Answer a consultation, confirm its time, close it or turn it into an application.
    HandleConsultations,
    /// Edit what the county publishes without a sign-in: the service's public profile, how
    /// much of the butler roster shows, and who is taken off it.
    ManagePublicProfile,
    /// Read complaints (department roles: those assigned to their department).
    ReadComplaints,
    /// Assign, close or reject complaints (replying is the complaint rules' own decision).
    HandleComplaints,
    /// Change the county's settings (the project-wide target in working days).
    ManageTenantSettings,
    /// Read where the time goes: the time split, the slowest items, forecasts against target.
    ReadAnalytics,
    /// Read the conditions (notice / hold / lock) on enterprises and cases: officials only,
    /// never an enterprise's own users.
    ReadConditions,
    /// Add and lift conditions, import the credit platform's list: the office and the admin.
    ManageConditions,
    /// Read the intermediary supermarket's agencies (every signed-in user).
    ReadIntermediaries,
    /// Create, edit and suspend agencies, their qualifications and services (audited).
    ManageIntermediaries,
    /// Record the enterprise's choice of an agency: the enterprise itself, or the window and
    /// the office for it (with the on-behalf note the engagement rules ask for).
    ChooseIntermediary,
    /// Record an agency's delivery and result: the office, or the case's lead agent (the
    /// case's team decides who that is).
    RecordIntermediaryDelivery,
    /// Rate an agency's delivered work: the enterprise.
    RateIntermediary,
    /// Read joint meetings (department roles: those their department attends, and their
    /// department's actions).
    ReadMeetings,
    /// Convene, edit, record, close or cancel joint meetings.
    ManageMeetings,
    /// Create, list, configure, onboard, export, suspend and reinstate counties: the platform
    /// administrator, on any county (the scope names the county acted on).
    ManageCounties,
    /// Import the national holiday schedule every county's calendar reads: the platform
    /// administrator.
    ManageNationalCalendar,
    /// Read the county's settings and their history (县级配置): the admin who changes them and
    /// the office that works by them.
    ReadTenantSettings,
    /// Read and export the security audit trail (审计日志) of one's own tenant: a county's
    /// admin its county's, the platform administrator the platform's.
    ReadAuditLog,
}

impl Action {
    /// Whether this is one of the platform's own actions, taken on any county by the
    /// platform administrator (and by nobody else).
    pub fn is_platform_action(self) -> bool {
        matches!(self, Action::ManageCounties | Action::ManageNationalCalendar)
    }
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// The actor may not know the record exists (another tenant or enterprise): 404.
    #[error("not found")]
    Hidden,
    /// The actor sees the record but its role may not do this: 403.
    #[error("forbidden")]
    Forbidden,
}

/// Which roles may take an action at all, before any ownership rule.
pub fn roles_for(action: Action) -> &'static [Role] {
    use Role::*;
    match action {
        Action::ListDepartments | Action::ReadCatalog => &Role::COUNTY,
        Action::ManageDepartments
        | Action::ManageCatalog
        | Action::ManageUsers
        | Action::ManageWebhooks
        | Action::ManageApiClients => &[Admin],
        // Department roles: their own department's people only (colleagues for 转办), see below.
        Action::ListUsers => &[Admin, Office, DepartmentLeader, DepartmentAgent, Supervisor],
        Action::ListEnterprises | Action::ReadEnterprise => &Role::COUNTY,
        Action::CreateEnterprise => &[Admin, InvestmentOfficer, Office, WindowAgent],
        Action::ReadCalendar | Action::ReadOwnNotifications => &Role::COUNTY,
        Action::DraftCatalogItem => &[Admin, Office, DepartmentAgent, DepartmentLeader],
        Action::PublishCatalogItem => &[Admin, Office],
        Action::ManageCalendar
        | Action::AdvanceClock
        | Action::RunScheduler
        | Action::ManageDelivery
        | Action::ManageTemplates
        | Action::ManagePublicProfile
        | Action::ManageTenantSettings => &[Admin],
        Action::ImportCatalog => &[Admin, Office],
        Action::IssueSupervisionNotice => &[Office],
        Action::ListSupervisionNotices => &[Office, Supervisor, DepartmentAgent, DepartmentLeader],
        Action::ReadStatistics | Action::ReadAnalytics => &[Office, Supervisor, DepartmentLeader],
        Action::CreateApplication => &[Enterprise, InvestmentOfficer, Office, WindowAgent],
        Action::EditApplication => &[Enterprise, InvestmentOfficer],
        Action::SetProjectCode => &[WindowAgent, InvestmentOfficer],
        Action::ReadFeed => &[Office, Supervisor, Admin],
        Action::ReadConsultations => &[WindowAgent, Office, InvestmentOfficer],
        Action::HandleConsultations => &[WindowAgent, Office],
        Action::ReadComplaints => &[Office, Supervisor, DepartmentAgent, DepartmentLeader],
        Action::HandleComplaints => &[Office],
        Action::ReadConditions => &[
            Admin,
            InvestmentOfficer,
            InvestmentLeader,
            Office,
            WindowAgent,
            DepartmentAgent,
            DepartmentLeader,
            Supervisor,
        ],
        Action::ManageConditions => &[Admin, Office],
        Action::ReadIntermediaries => &Role::COUNTY,
        Action::ManageIntermediaries => &[Admin, Office],
        Action::ChooseIntermediary => &[Enterprise, WindowAgent, Office],
        Action::RecordIntermediaryDelivery => &[Office, DepartmentAgent, WindowAgent, InvestmentOfficer],
        Action::RateIntermediary => &[Enterprise],
        Action::ReadMeetings => &[Office, Supervisor, InvestmentLeader, DepartmentAgent, DepartmentLeader],
        Action::ManageMeetings => &[Office],
        Action::ManageCounties | Action::ManageNationalCalendar => &[PlatformAdmin],
        Action::ReadTenantSettings => &[Admin, Office],
        Action::ReadAuditLog => &[Admin, PlatformAdmin],
        Action::ReadTaskQueues => &[
            Admin,
            InvestmentOfficer,
            InvestmentLeader,
            Office,
            WindowAgent,
            DepartmentAgent,
            DepartmentLeader,
            Supervisor,
        ],
    }
}

/// Decides whether `actor` may take `action` on a record in `scope`.
pub fn authorize(actor: &Actor, action: Action, scope: Scope) -> Result<(), Denied> {
    // The platform's actions reach any county, for the platform administrator only; a
    // county's users may not learn they exist.
    if action.is_platform_action() {
        return if actor.role.is_platform() { Ok(()) } else { Err(Denied::Forbidden) };
    }
    // The audit trail is read in one's own tenant only, by the platform administrator too.
    if action == Action::ReadAuditLog {
        if scope.tenant_id != actor.tenant_id {
            return Err(Denied::Hidden);
        }
        return if roles_for(action).contains(&actor.role) { Ok(()) } else { Err(Denied::Forbidden) };
    }
    // The platform administrator takes no county action: not even in its own (empty) tenant.
    if actor.role.is_platform() {
        return Err(Denied::Hidden);
    }
    if scope.tenant_id != actor.tenant_id {
        return Err(Denied::Hidden);
    }
    if actor.role == Role::Enterprise && scope.enterprise_id.is_some() && scope.enterprise_id != actor.enterprise_id {
        return Err(Denied::Hidden);
    }
    if actor.role.needs_department()
        && action == Action::ListUsers
        && (scope.department_id.is_none() || scope.department_id != actor.department_id)
    {
        return Err(Denied::Forbidden);
    }
    // Department roles read only their own department's supervision notices, statistics and
    // complaints.
    if actor.role.needs_department()
        && matches!(
            action,
            Action::ListSupervisionNotices | Action::ReadStatistics | Action::ReadComplaints | Action::ReadAnalytics
        )
        && (scope.department_id.is_none() || scope.department_id != actor.department_id)
    {
        return Err(Denied::Forbidden);
    }
    // Department roles write drafts of their own department's items only.
    if actor.role.needs_department()
        && action == Action::DraftCatalogItem
        && (scope.department_id.is_none() || scope.department_id != actor.department_id)
    {
        return Err(Denied::Forbidden);
    }
    if roles_for(action).contains(&actor.role) { Ok(()) } else { Err(Denied::Forbidden) }
}

/// For list queries: the enterprise an actor is confined to, if any.
pub fn enterprise_filter(actor: &Actor) -> Option<Uuid> {
    if actor.role == Role::Enterprise { actor.enterprise_id.or(Some(Uuid::nil())) } else { None }
}

/// The facts that decide who sees a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseVisibility<'a> {
    /// The case's tenant.
    pub tenant_id: Uuid,
    /// The applying enterprise.
    pub enterprise_id: Uuid,
    /// The departments of the case's items.
    pub item_departments: &'a [Uuid],
    /// The departments of the case's sheets (a sheet may have been re-dispatched elsewhere).
    pub sheet_departments: &'a [Uuid],
    /// The users on the case's butler team.
    pub team_members: &'a [Uuid],
    /// Whether the case is a draft (the enterprise's own until it submits it).
    pub draft: bool,
}

/// Whether `actor` may see a case, for reading it and before any change to it: officials of
/// its tenant; an enterprise its own; a department the cases it works on (an item, a sheet
/// or a seat on the team) once submitted: a draft is the enterprise's and the officials' who
/// receive it, never yet a department's. Anyone else may not know it exists
/// ([`Denied::Hidden`], 404).
pub fn may_see_case(actor: &Actor, case: &CaseVisibility<'_>) -> Result<(), Denied> {
    if case.tenant_id != actor.tenant_id {
        return Err(Denied::Hidden);
    }
    let visible = match actor.role {
        Role::Enterprise => actor.enterprise_id == Some(case.enterprise_id),
        Role::PlatformAdmin => false,
        Role::DepartmentAgent | Role::DepartmentLeader => {
            let mine = |d: &Uuid| actor.department_id == Some(*d);
            !case.draft
                && (case.item_departments.iter().any(mine)
                    || case.sheet_departments.iter().any(mine)
                    || case.team_members.contains(&actor.user_id))
        }
        _ => true,
    };
    if visible { Ok(()) } else { Err(Denied::Hidden) }
}

/// What a list of cases is confined to for an actor (the list's own rule, matching
/// [`may_see_case`] for items: department roles see the cases with an item of theirs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseListScope {
    /// Only this enterprise's cases (the nil id for an enterprise user bound to none).
    pub enterprise_id: Option<Uuid>,
    /// Only cases with an item of this department (the nil id for a department role
    /// without one).
    pub department_id: Option<Uuid>,
    /// No drafts (a department's lists, as [`may_see_case`]).
    pub hide_drafts: bool,
}

/// The confinement of `actor`'s case lists.
pub fn case_list_scope(actor: &Actor) -> CaseListScope {
    match actor.role {
        Role::Enterprise => {
            CaseListScope { enterprise_id: enterprise_filter(actor), department_id: None, hide_drafts: false }
        }
        Role::DepartmentAgent | Role::DepartmentLeader => CaseListScope {
            enterprise_id: None,
            department_id: Some(actor.department_id.unwrap_or(Uuid::nil())),
            hide_drafts: true,
        },
        _ => CaseListScope::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: Uuid::from_u128(1),
            tenant_id: Uuid::from_u128(10),
            role,
            department_id: role.needs_department().then(|| Uuid::from_u128(20)),
            enterprise_id: role.needs_enterprise().then(|| Uuid::from_u128(30)),
        }
    }

    #[test]
    fn cases_are_seen_by_officials_their_enterprise_and_the_departments_working_on_them() {
        let water = Uuid::from_u128(20);
        let land = Uuid::from_u128(21);
        let member = Uuid::from_u128(99);
        let none: [Uuid; 0] = [];
        let case = CaseVisibility {
            tenant_id: Uuid::from_u128(10),
            enterprise_id: Uuid::from_u128(30),
            item_departments: &[land],
            sheet_departments: &none,
            team_members: &none,
            draft: false,
        };
        for role in Role::COUNTY {
            let me = actor(role);
            let expected = if role.needs_department() { Err(Denied::Hidden) } else { Ok(()) };
            assert_eq!(may_see_case(&me, &case), expected, "{role}: department 20 has nothing here");
            let elsewhere = Actor { tenant_id: Uuid::from_u128(11), ..me.clone() };
            assert_eq!(may_see_case(&elsewhere, &case), Err(Denied::Hidden), "{role}: another tenant");
        }
        let other_enterprise = Actor { enterprise_id: Some(Uuid::from_u128(31)), ..actor(Role::Enterprise) };
        assert_eq!(may_see_case(&other_enterprise, &case), Err(Denied::Hidden));
        let agent = actor(Role::DepartmentAgent);
        assert_eq!(may_see_case(&agent, &CaseVisibility { item_departments: &[land, water], ..case }), Ok(()));
        assert_eq!(may_see_case(&agent, &CaseVisibility { sheet_departments: &[water], ..case }), Ok(()));
        let seated = Actor { user_id: member, ..agent.clone() };
        assert_eq!(may_see_case(&seated, &CaseVisibility { team_members: &[member], ..case }), Ok(()));
        let draft = CaseVisibility { item_departments: &[water], draft: true, ..case };
        assert_eq!(may_see_case(&agent, &draft), Err(Denied::Hidden), "a draft is no department's yet");
        assert_eq!(may_see_case(&actor(Role::DepartmentLeader), &draft), Err(Denied::Hidden));
        assert_eq!(may_see_case(&actor(Role::Enterprise), &draft), Ok(()));
        assert_eq!(may_see_case(&actor(Role::Office), &draft), Ok(()));
        assert_eq!(
            case_list_scope(&agent),
            CaseListScope { enterprise_id: None, department_id: Some(water), hide_drafts: true }
        );
        assert_eq!(case_list_scope(&actor(Role::Enterprise)).enterprise_id, Some(Uuid::from_u128(30)));
        assert_eq!(case_list_scope(&actor(Role::Supervisor)), CaseListScope::default());
    }

    #[test]
    fn applications_are_filed_by_the_enterprise_or_for_it_and_task_queues_are_for_officials() {
        let scope = Scope::tenant(Uuid::from_u128(10));
        for role in Role::COUNTY {
            let me = actor(role);
            let files = matches!(role, Role::Enterprise | Role::InvestmentOfficer | Role::Office | Role::WindowAgent);
            assert_eq!(authorize(&me, Action::CreateApplication, scope).is_ok(), files, "{role} files");
            let edits = matches!(role, Role::Enterprise | Role::InvestmentOfficer);
            assert_eq!(authorize(&me, Action::EditApplication, scope).is_ok(), edits, "{role} edits");
            assert_eq!(
                authorize(&me, Action::ReadTaskQueues, scope).is_ok(),
                role != Role::Enterprise,
                "{role} queues"
            );
        }
    }

    #[test]
    fn another_tenant_is_hidden_from_every_role() {
        for role in Role::COUNTY {
            let scope = Scope::tenant(Uuid::from_u128(11));
            assert_eq!(authorize(&actor(role), Action::ListDepartments, scope), Err(Denied::Hidden));
        }
    }

    #[test]
    fn an_enterprise_sees_only_itself() {
        let me = actor(Role::Enterprise);
        let own = Scope { enterprise_id: Some(Uuid::from_u128(30)), ..Scope::tenant(me.tenant_id) };
        let other = Scope { enterprise_id: Some(Uuid::from_u128(31)), ..own };
        assert_eq!(authorize(&me, Action::ReadEnterprise, own), Ok(()));
        assert_eq!(authorize(&me, Action::ReadEnterprise, other), Err(Denied::Hidden));
        assert_eq!(enterprise_filter(&me), Some(Uuid::from_u128(30)));
        assert_eq!(enterprise_filter(&actor(Role::Office)), None);
        // Officials read any enterprise of their tenant.
        assert_eq!(authorize(&actor(Role::Office), Action::ReadEnterprise, other), Ok(()));
    }

    #[test]
    fn the_audit_log_is_read_by_the_admin_of_its_own_tenant_only() {
        for role in Role::ALL {
            let me = actor(role);
            let own = Scope::tenant(me.tenant_id);
            let expected =
                if matches!(role, Role::Admin | Role::PlatformAdmin) { Ok(()) } else { Err(Denied::Forbidden) };
            assert_eq!(authorize(&me, Action::ReadAuditLog, own), expected, "{role}");
            // Another tenant's trail: not even its existence.
            assert_eq!(authorize(&me, Action::ReadAuditLog, Scope::tenant(Uuid::from_u128(99))), Err(Denied::Hidden));
        }
    }

    #[test]
    fn only_admins_manage_users_and_api_clients() {
        for role in Role::COUNTY {
            let scope = Scope::tenant(Uuid::from_u128(10));
            let expected = if role == Role::Admin { Ok(()) } else { Err(Denied::Forbidden) };
            assert_eq!(authorize(&actor(role), Action::ManageUsers, scope), expected, "{role}");
            assert_eq!(authorize(&actor(role), Action::ManageApiClients, scope), expected, "{role}");
        }
        let elsewhere = Scope::tenant(Uuid::from_u128(99));
        assert_eq!(authorize(&actor(Role::Admin), Action::ManageApiClients, elsewhere), Err(Denied::Hidden));
    }

    #[test]
    fn department_roles_list_only_their_department() {
        for role in [Role::DepartmentLeader, Role::DepartmentAgent] {
            let member = actor(role);
            let own = Scope { department_id: Some(Uuid::from_u128(20)), ..Scope::tenant(member.tenant_id) };
            let other = Scope { department_id: Some(Uuid::from_u128(21)), ..own };
            let everyone = Scope::tenant(member.tenant_id);
            assert_eq!(authorize(&member, Action::ListUsers, own), Ok(()), "{role}");
            assert_eq!(authorize(&member, Action::ListUsers, other), Err(Denied::Forbidden), "{role}");
            assert_eq!(authorize(&member, Action::ListUsers, everyone), Err(Denied::Forbidden), "{role}");
        }
        for role in [Role::Enterprise, Role::InvestmentOfficer, Role::InvestmentLeader, Role::WindowAgent] {
            let scope = Scope::tenant(Uuid::from_u128(10));
            assert_eq!(authorize(&actor(role), Action::ListUsers, scope), Err(Denied::Forbidden), "{role}");
        }
    }
    #[test]
    fn calendar_is_read_by_all_and_managed_by_admins() {
        let scope = Scope::tenant(Uuid::from_u128(10));
        for role in Role::COUNTY {
            assert_eq!(authorize(&actor(role), Action::ReadCalendar, scope), Ok(()), "{role}");
            assert_eq!(authorize(&actor(role), Action::ReadOwnNotifications, scope), Ok(()), "{role}");
            let admin_only = if role == Role::Admin { Ok(()) } else { Err(Denied::Forbidden) };
            assert_eq!(authorize(&actor(role), Action::ManageCalendar, scope), admin_only, "{role}");
            assert_eq!(authorize(&actor(role), Action::AdvanceClock, scope), admin_only, "{role}");
            assert_eq!(authorize(&actor(role), Action::RunScheduler, scope), admin_only, "{role}");
        }
    }

    #[test]
    fn statistics_are_for_the_office_supervisors_and_a_department_own_leader() {
        let tenant = Scope::tenant(Uuid::from_u128(10));
        let own = Scope { department_id: Some(Uuid::from_u128(20)), ..tenant };
        let other = Scope { department_id: Some(Uuid::from_u128(21)), ..tenant };
        for role in Role::COUNTY {
            let county_wide =
                if matches!(role, Role::Office | Role::Supervisor) { Ok(()) } else { Err(Denied::Forbidden) };
            assert_eq!(authorize(&actor(role), Action::ReadStatistics, tenant), county_wide, "{role}");
            let own_department = if matches!(role, Role::Office | Role::Supervisor | Role::DepartmentLeader) {
                Ok(())
            } else {
                Err(Denied::Forbidden)
            };
            assert_eq!(authorize(&actor(role), Action::ReadStatistics, own), own_department, "{role}");
            let other_department = county_wide;
            assert_eq!(authorize(&actor(role), Action::ReadStatistics, other), other_department, "{role}");
        }
    }

    #[test]
    fn only_the_office_issues_supervision_notices() {
        let scope = Scope::tenant(Uuid::from_u128(10));
        for role in Role::COUNTY {
            let expected = if role == Role::Office { Ok(()) } else { Err(Denied::Forbidden) };
            assert_eq!(authorize(&actor(role), Action::IssueSupervisionNotice, scope), expected, "{role}");
        }
    }

    #[test]
    fn departments_read_only_their_own_supervision_notices() {
        let tenant = Scope::tenant(Uuid::from_u128(10));
        let own = Scope { department_id: Some(Uuid::from_u128(20)), ..tenant };
        let other = Scope { department_id: Some(Uuid::from_u128(21)), ..tenant };
        for role in [Role::DepartmentAgent, Role::DepartmentLeader] {
            assert_eq!(authorize(&actor(role), Action::ListSupervisionNotices, own), Ok(()));
            assert_eq!(authorize(&actor(role), Action::ListSupervisionNotices, other), Err(Denied::Forbidden));
            assert_eq!(authorize(&actor(role), Action::ListSupervisionNotices, tenant), Err(Denied::Forbidden));
        }
        for role in [Role::Office, Role::Supervisor] {
            assert_eq!(authorize(&actor(role), Action::ListSupervisionNotices, tenant), Ok(()));
            assert_eq!(authorize(&actor(role), Action::ListSupervisionNotices, other), Ok(()));
        }
        for role in [Role::Enterprise, Role::WindowAgent, Role::Admin, Role::InvestmentOfficer] {
            assert_eq!(authorize(&actor(role), Action::ListSupervisionNotices, tenant), Err(Denied::Forbidden));
        }
    }
}

#[cfg(test)]
mod catalog_tests {
    use super::*;

    #[test]
    fn departments_draft_their_own_items_and_only_the_office_and_admins_publish() {
        let tenant = Scope::tenant(Uuid::from_u128(10));
        let own = Scope { department_id: Some(Uuid::from_u128(20)), ..tenant };
        let other = Scope { department_id: Some(Uuid::from_u128(21)), ..tenant };
        for role in Role::COUNTY {
            let actor = Actor {
                user_id: Uuid::from_u128(1),
                tenant_id: Uuid::from_u128(10),
                role,
                department_id: role.needs_department().then(|| Uuid::from_u128(20)),
                enterprise_id: (role == Role::Enterprise).then(|| Uuid::from_u128(30)),
            };
            let county_wide = matches!(role, Role::Office | Role::Admin);
            let department = matches!(role, Role::DepartmentAgent | Role::DepartmentLeader);
            assert_eq!(authorize(&actor, Action::DraftCatalogItem, own).is_ok(), county_wide || department, "{role}");
            assert_eq!(authorize(&actor, Action::DraftCatalogItem, other).is_ok(), county_wide, "{role}");
            for scope in [own, other] {
                assert_eq!(authorize(&actor, Action::PublishCatalogItem, scope).is_ok(), county_wide, "{role}");
            }
            let elsewhere = Scope { tenant_id: Uuid::from_u128(11), ..own };
            assert_eq!(authorize(&actor, Action::DraftCatalogItem, elsewhere), Err(Denied::Hidden), "{role}");
        }
    }
}

#[cfg(test)]
mod feed_and_project_code_tests {
    use super::*;

    #[test]
    fn the_feed_is_for_the_office_supervisors_and_admins_and_project_codes_for_the_window_and_officer() {
        let scope = Scope::tenant(Uuid::from_u128(10));
        for role in Role::COUNTY {
            let actor = Actor {
                user_id: Uuid::from_u128(1),
                tenant_id: Uuid::from_u128(10),
                role,
                department_id: role.needs_department().then(|| Uuid::from_u128(20)),
                enterprise_id: (role == Role::Enterprise).then(|| Uuid::from_u128(30)),
            };
            let reads = matches!(role, Role::Office | Role::Supervisor | Role::Admin);
            assert_eq!(authorize(&actor, Action::ReadFeed, scope).is_ok(), reads, "{role}");
            let sets = matches!(role, Role::WindowAgent | Role::InvestmentOfficer);
            assert_eq!(authorize(&actor, Action::SetProjectCode, scope).is_ok(), sets, "{role}");
            let other = Scope::tenant(Uuid::from_u128(11));
            assert_eq!(authorize(&actor, Action::ReadFeed, other), Err(Denied::Hidden), "{role}");
        }
    }

    #[test]
    fn the_platform_admin_acts_on_counties_and_reads_none_of_them() {
        let actor = |role: Role| Actor {
            user_id: Uuid::from_u128(1),
            tenant_id: Uuid::from_u128(10),
            role,
            department_id: role.needs_department().then(|| Uuid::from_u128(20)),
            enterprise_id: (role == Role::Enterprise).then(|| Uuid::from_u128(30)),
        };
        let platform = Actor { tenant_id: Uuid::from_u128(1), ..actor(Role::PlatformAdmin) };
        let county = Scope::tenant(Uuid::from_u128(10));
        for action in [Action::ManageCounties, Action::ManageNationalCalendar] {
            assert_eq!(authorize(&platform, action, county), Ok(()), "{action:?} on a county");
            assert_eq!(authorize(&platform, action, Scope::tenant(platform.tenant_id)), Ok(()));
            for role in Role::COUNTY {
                assert_eq!(authorize(&actor(role), action, county), Err(Denied::Forbidden), "{role}: {action:?}");
            }
        }
        for action in [Action::ReadCatalog, Action::ListUsers, Action::ReadTaskQueues, Action::ReadOwnNotifications] {
            assert_eq!(authorize(&platform, action, county), Err(Denied::Hidden), "{action:?} in a county");
            assert_eq!(authorize(&platform, action, Scope::tenant(platform.tenant_id)), Err(Denied::Hidden));
        }
        let none: [Uuid; 0] = [];
        let case = CaseVisibility {
            tenant_id: platform.tenant_id,
            enterprise_id: Uuid::from_u128(30),
            item_departments: &none,
            sheet_departments: &none,
            team_members: &none,
            draft: false,
        };
        assert_eq!(may_see_case(&platform, &case), Err(Denied::Hidden));
    }
}
