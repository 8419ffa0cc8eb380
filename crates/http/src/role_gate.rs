//! Role before body: an operation whose every use needs a role the caller does not hold is
//! refused (403 `forbidden`) before its body is read or any record looked up, so a caller
//! without the role hears the same answer whatever the body or the path names. Each
//! operation names the domain rule that decides who may ever take it; the use case still
//! decides everything else (the record's tenant, enterprise, department, state).

use butler_domain::case::aftercare::{self, AftercareAction};
use butler_domain::case::lifecycle::{CaseAction, role_may_ever};
use butler_domain::case::sheet::{self, SheetAction};
use butler_domain::case::{legal_fee, prereview};
use butler_domain::material;
use butler_domain::meeting;
use butler_domain::policy::{Action, Actor, roles_for};
use butler_domain::role::Role;

/// The domain rule that says which roles may ever take an operation.
#[derive(Debug, Clone, Copy)]
enum Gate {
    /// `policy::roles_for`.
    Policy(Action),
    /// The lifecycle table's rows for the action.
    Case(CaseAction),
    /// The sheet table's `Who` for the action.
    Sheet(SheetAction),
    /// Another domain module's role rule.
    Rule(fn(Role) -> bool),
}

fn schedules_follow_ups(role: Role) -> bool {
    aftercare::role_may(&with_role(role), AftercareAction::ScheduleFollowUp)
}
fn records_follow_ups(role: Role) -> bool {
    aftercare::role_may(&with_role(role), AftercareAction::RecordFollowUp)
}
fn replies_to_rectifications(role: Role) -> bool {
    aftercare::role_may(&with_role(role), AftercareAction::ReplyRectification)
}

/// An actor of `role` alone, for the role rules that take an actor.
fn with_role(role: Role) -> Actor {
    Actor { user_id: uuid::Uuid::nil(), tenant_id: uuid::Uuid::nil(), role, department_id: None, enterprise_id: None }
}

/// The gate of an operation, by operationId; `None` for operations every signed-in caller
/// may call (what they see is the use case's to decide) and those outside a county.
fn gate(operation_id: &str) -> Option<Gate> {
    use Gate::*;
    Some(match operation_id {
        "listApiClients" | "createApiClient" | "getApiClient" | "revokeApiClient" | "rotateApiClient" => {
            Policy(Action::ManageApiClients)
        }
        "getChannelSettings" | "putChannelSettings" | "testChannel" | "listDeliveries" | "getDelivery"
        | "replayDelivery" | "retryDelivery" => Policy(Action::ManageDelivery),
        "advanceClock" => Policy(Action::AdvanceClock),
        "runScheduler" => Policy(Action::RunScheduler),
        "getPublicProfile" | "updatePublicProfile" | "listPublicRosterEntries" | "setPublicRosterListing" => {
            Policy(Action::ManagePublicProfile)
        }
        "listMessageTemplates" | "deleteMessageTemplate" | "putMessageTemplate" => Policy(Action::ManageTemplates),
        "listWebhookSubscriptions"
        | "createWebhookSubscription"
        | "deleteWebhookSubscription"
        | "getWebhookSubscription"
        | "updateWebhookSubscription"
        | "rotateWebhookSecret" => Policy(Action::ManageWebhooks),
        "exportAnalytics" | "getTimeSplit" | "listCaseForecasts" => Policy(Action::ReadAnalytics),
        "getSheetStatistics" | "exportSheetStatistics" | "getComplaintStatistics" => Policy(Action::ReadStatistics),
        "listSupervisionNotices" => Policy(Action::ListSupervisionNotices),
        "issueSupervisionNotice" => Policy(Action::IssueSupervisionNotice),
        "putCalendarDaysBulk" | "importCalendarDays" | "deleteCalendarDay" | "putCalendarDay" => {
            Policy(Action::ManageCalendar)
        }
        "createCase" => Policy(Action::CreateApplication),
        "updateCase" => Policy(Action::EditApplication),
        "submitCase" => Case(CaseAction::Submit),
        "returnCase" => Case(CaseAction::ReturnForRevision),
        "reviewCase" => Case(CaseAction::Review),
        "acceptCase" => Case(CaseAction::Accept),
        "rejectCase" => Case(CaseAction::Reject),
        "formTeam" => Case(CaseAction::FormTeam),
        "proposePlan" => Case(CaseAction::ProposePlan),
        "agreePlan" => Case(CaseAction::AgreePlan),
        "signAgreement" => Case(CaseAction::SignAgreement),
        "dispatchTasks" => Case(CaseAction::StartService),
        "completeCase" => Case(CaseAction::Complete),
        "terminateCase" => Case(CaseAction::Terminate),
        "confirmCase" => Case(CaseAction::Confirm),
        "evaluateCase" => Case(CaseAction::Evaluate),
        "archiveCase" => Case(CaseAction::Archive),
        "reopenCase" => Case(CaseAction::Reopen),
        "setProjectCode" => Policy(Action::SetProjectCode),
        "scheduleFollowUp" => Rule(schedules_follow_ups),
        "recordFollowUp" => Rule(records_follow_ups),
        "replyRectification" => Rule(replies_to_rectifications),
        "listOpenRectifications" => Rule(aftercare::reads_rectification_queue),
        "openPreReview" | "closePreReview" => Rule(prereview::runs),
        "givePreReviewOpinion" => Rule(prereview::gives_opinions),
        "uploadCaseMaterial" | "reuseCaseMaterial" => Rule(material::role_gives),
        "decideCaseMaterial" => Rule(material::role_decides),
        "listEnterpriseMaterials" => Rule(material::role_reads_library),
        "chooseIntermediary" => Policy(Action::ChooseIntermediary),
        "recordIntermediaryDelivery" => Policy(Action::RecordIntermediaryDelivery),
        "rateIntermediary" => Policy(Action::RateIntermediary),
        // Reading one complaint and replying to it are its assignee's too, whatever the role.
        "listComplaints" => Policy(Action::ReadComplaints),
        "assignComplaint" | "closeComplaint" | "rejectComplaint" => Policy(Action::HandleComplaints),
        "listConditions" | "getCondition" => Policy(Action::ReadConditions),
        "createCondition" | "importConditions" | "liftCondition" => Policy(Action::ManageConditions),
        "listConsultations" | "getConsultation" => Policy(Action::ReadConsultations),
        "answerConsultation" | "closeConsultation" | "confirmConsultation" | "convertConsultation" => {
            Policy(Action::HandleConsultations)
        }
        "createDepartment" => Policy(Action::ManageDepartments),
        "createEnterprise" => Policy(Action::CreateEnterprise),
        "listUsers" | "getUser" => Policy(Action::ListUsers),
        "createUser" | "updateUser" => Policy(Action::ManageUsers),
        "listEvents" => Policy(Action::ReadFeed),
        "createAgency"
        | "updateAgency"
        | "addAgencyQualification"
        | "removeAgencyQualification"
        | "addAgencyService"
        | "setAgencyStatus" => Policy(Action::ManageIntermediaries),
        "createItem" | "discardItem" | "updateItem" | "newItemVersion" => Policy(Action::DraftCatalogItem),
        "importCatalog" => Policy(Action::ImportCatalog),
        "publishItem" | "retireItem" => Policy(Action::PublishCatalogItem),
        "recordLegalFee" | "correctLegalFee" => Rule(legal_fee::role_records),
        "listMeetings" | "listMeetingActions" | "getMeeting" => Policy(Action::ReadMeetings),
        "conveneMeeting" | "editMeeting" | "cancelMeeting" | "closeMeeting" | "recordMeetingMinutes" => {
            Policy(Action::ManageMeetings)
        }
        "completeMeetingAction" | "dropMeetingAction" => Rule(meeting::role_follows_up),
        "listTasks" => Policy(Action::ReadTaskQueues),
        "acknowledgeTask" => Sheet(SheetAction::Acknowledge),
        "requestCorrection" => Sheet(SheetAction::RequestCorrection),
        "supplyCorrection" => Sheet(SheetAction::SupplyCorrection),
        "supplyMissingMaterials" => Sheet(SheetAction::SupplyMissingMaterials),
        "extendTask" => Sheet(SheetAction::Extend),
        "finishTask" | "attachResultDocument" => Sheet(SheetAction::Finish),
        "sendBackTask" => Sheet(SheetAction::SendBack),
        "redispatchTask" => Sheet(SheetAction::Redispatch),
        "transferTask" => Sheet(SheetAction::Transfer),
        "recordResultNotice" => Rule(sheet::may_record_result_notice),
        "getCountySettings" | "listCountySettingsHistory" => Policy(Action::ReadTenantSettings),
        "putCountySettings" | "putTenantTarget" => Policy(Action::ManageTenantSettings),
        _ => return None,
    })
}

/// The operations of the contract: (method, path segments with `None` for a parameter,
/// operationId).
type Route = (String, Vec<Option<String>>, String);

static ROUTES: std::sync::LazyLock<Vec<Route>> = std::sync::LazyLock::new(|| {
    let api = crate::openapi();
    let mut routes = Vec::new();
    for (template, item) in &api.paths.paths {
        let segments: Vec<Option<String>> = template
            .trim_matches('/')
            .split('/')
            .map(|s| if s.starts_with('{') { None } else { Some(s.to_owned()) })
            .collect();
        let ops = [
            ("GET", &item.get),
            ("PUT", &item.put),
            ("POST", &item.post),
            ("DELETE", &item.delete),
            ("PATCH", &item.patch),
        ];
        for (method, op) in ops {
            if let Some(id) = op.as_ref().and_then(|op| op.operation_id.clone()) {
                routes.push((method.to_owned(), segments.clone(), id));
            }
        }
    }
    routes
});

/// The operationId of a request, by its method and path: where a literal segment and a
/// parameter both match (`/calendar/days/bulk` and `/calendar/days/{date}`), the route with
/// more literal segments wins, as the router's own choice does.
///
/// A path of the contract of its own (`/cases/export.xlsx`) is that path's alone, whatever the
/// method: a template that also reaches it (`PATCH /cases/{id}`) is not its operation (the
/// request is answered 405 with the path's own methods).
pub fn operation_for(method: &str, path: &str) -> Option<&'static str> {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let reaches = |segments: &[Option<String>]| {
        segments.len() == parts.len()
            && segments.iter().zip(&parts).all(|(s, p)| s.as_deref().is_none_or(|l| l == *p) && !p.is_empty())
    };
    let literal = |segments: &[Option<String>]| segments.iter().all(Option::is_some);
    let owned = ROUTES.iter().any(|(_, segments, _)| reaches(segments) && literal(segments));
    ROUTES
        .iter()
        .filter(|(m, segments, _)| m == method && reaches(segments) && (!owned || literal(segments)))
        .max_by_key(|(_, segments, _)| segments.iter().filter(|s| s.is_some()).count())
        .map(|(_, _, id)| id.as_str())
}

/// Whether a caller of `role` may ever take the operation `operation_id` (true for an
/// operation without a gate).
pub fn admits(operation_id: &str, role: Role) -> bool {
    match gate(operation_id) {
        None => true,
        Some(Gate::Policy(action)) => roles_for(action).contains(&role),
        Some(Gate::Case(action)) => role_may_ever(role, action),
        Some(Gate::Sheet(action)) => sheet::who_takes(action).is_some_and(|who| who.admits(role)),
        Some(Gate::Rule(rule)) => rule(role),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_the_policy_never_allows_is_refused_and_the_others_pass() {
        assert!(admits("createUser", Role::Admin));
        assert!(!admits("createUser", Role::Office));
        assert!(admits("acceptCase", Role::InvestmentLeader));
        assert!(!admits("acceptCase", Role::InvestmentOfficer));
        assert!(admits("extendTask", Role::DepartmentLeader));
        assert!(!admits("extendTask", Role::DepartmentAgent));
        assert!(admits("recordFollowUp", Role::Office));
        assert!(!admits("recordFollowUp", Role::Supervisor));
        // Operations every signed-in caller may call have no gate.
        assert!(Role::ALL.iter().all(|r| admits("getCase", *r) && admits("listCases", *r)));
    }

    #[test]
    fn a_literal_segment_wins_over_a_parameter() {
        assert_eq!(operation_for("POST", "/api/v1/calendar/days/bulk"), Some("putCalendarDaysBulk"));
        assert_eq!(operation_for("PUT", "/api/v1/calendar/days/2026-10-01"), Some("putCalendarDay"));
        assert_eq!(operation_for("GET", "/api/v1/cases/export.xlsx"), Some("exportCases"));
        assert_eq!(operation_for("GET", "/api/v1/cases/0191"), Some("getCase"));
        assert_eq!(operation_for("GET", "/api/v1/nothing"), None);
        // A path of its own is no template's, whatever the method.
        assert_eq!(operation_for("PATCH", "/api/v1/cases/export.xlsx"), None);
        assert_eq!(operation_for("PATCH", "/api/v1/cases/0191"), Some("updateCase"));
    }
}
