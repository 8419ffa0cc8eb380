//! How each operation of the contract is called and which rule of the policy decides it, keyed
//! by operationId. An operation of the contract missing here fails the matrix.

use super::world::Kind;
use butler_domain::case::aftercare;
use butler_domain::case::lifecycle::CaseAction as C;
use butler_domain::case::sheet::Who;
use butler_domain::case::{legal_fee, prereview, sheet};
use butler_domain::material;
use butler_domain::meeting;
use butler_domain::policy::Action as A;
use butler_domain::role::Role;

/// Which rule of the policy decides an operation.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// No sign-in (the public side, signing in): anyone, a token or none.
    Open,
    /// The metrics scrape: its own token, never a user's (404 when none is configured).
    Metrics,
    /// Every county person (the platform administrator too when `true`): one's own account,
    /// or what the record alone decides.
    Anyone(bool),
    /// `policy::authorize` of this action on the record's scope.
    Policy(A),
    /// A case read: `policy::may_see_case`.
    CaseRead,
    /// A lifecycle transition: the roles of its rows in `lifecycle::TRANSITIONS`, on a case
    /// the caller sees.
    CaseStep(C),
    /// A case write outside the lifecycle, with the role rule of its own domain module
    /// (aftercare, pre-review, materials, fees, engagements), on a case the caller sees.
    CaseWrite(fn(Role) -> bool),
    /// A sheet command: `sheet::Who` of its row in `SHEET_RULES`.
    SheetStep(Who),
    /// A sheet write outside the sheet table (fees, result notices) by the roles of its rule.
    SheetWrite(fn(Role) -> bool),
    /// A role rule of its own on the caller's county (no record).
    Roles(fn(Role) -> bool),
    /// `policy::authorize` of this action, for the roles of the rule besides.
    PolicyAnd(A, fn(Role) -> bool),
}

/// How an operation is called.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub rule: Rule,
    /// The record its path names.
    pub kind: Kind,
    /// A query string that makes the read valid (without `?`).
    pub query: &'static str,
    /// The path's last id names nothing (under a record that exists): allowed callers get 404.
    pub absent: bool,
}

const fn spec(rule: Rule, kind: Kind) -> Spec {
    Spec { rule, kind, query: "", absent: false }
}

const fn with_query(rule: Rule, kind: Kind, query: &'static str) -> Spec {
    Spec { rule, kind, query, absent: false }
}

const fn naming_nothing(rule: Rule, kind: Kind) -> Spec {
    Spec { rule, kind, query: "", absent: true }
}

// The aftercare's role rule, which takes an actor.
fn aftercare(role: Role, action: aftercare::AftercareAction) -> bool {
    let actor = butler_domain::policy::Actor {
        user_id: uuid::Uuid::nil(),
        tenant_id: uuid::Uuid::nil(),
        role,
        department_id: None,
        enterprise_id: None,
    };
    aftercare::role_may(&actor, action)
}
fn schedules_follow_ups(role: Role) -> bool {
    aftercare(role, aftercare::AftercareAction::ScheduleFollowUp)
}
fn records_follow_ups(role: Role) -> bool {
    aftercare(role, aftercare::AftercareAction::RecordFollowUp)
}
fn replies_to_rectifications(role: Role) -> bool {
    aftercare(role, aftercare::AftercareAction::ReplyRectification)
}

/// The table. `None`: the operation is not in the table (the matrix fails on it).
pub fn spec_of(operation_id: &str) -> Option<Spec> {
    use Kind::*;
    use Rule::*;
    Some(match operation_id {
        // Signing in and the public side.
        "login" | "logout" | "refreshToken" | "getHealth" | "getReadiness" => spec(Open, Collection),
        "listPublicAgencies"
        | "lodgeComplaint"
        | "followComplaint"
        | "rateComplaint"
        | "submitConsultation"
        | "listConsultationSlots"
        | "listPublicDepartments"
        | "listPublicItems"
        | "getPublicItem"
        | "listPublicRoster"
        | "getPublicService" => spec(Open, Collection),
        "getMetrics" => spec(Metrics, Collection),
        // One's own account.
        "getMe" | "changeOwnPassword" => spec(Anyone(true), Collection),
        "getTenant" | "getNotificationPreferences" | "putNotificationPreferences" | "listNotifications" => {
            spec(Anyone(false), Collection)
        }
        "markNotificationRead" => spec(Anyone(false), Unknown),
        // Administration.
        "listApiClients" | "createApiClient" => spec(Policy(A::ManageApiClients), Collection),
        "getApiClient" | "revokeApiClient" | "rotateApiClient" => spec(Policy(A::ManageApiClients), Unknown),
        "getChannelSettings" | "putChannelSettings" | "testChannel" | "listDeliveries" => {
            spec(Policy(A::ManageDelivery), Collection)
        }
        "getDelivery" | "replayDelivery" | "retryDelivery" => spec(Policy(A::ManageDelivery), Unknown),
        "advanceClock" => spec(Policy(A::AdvanceClock), Collection),
        "runScheduler" => spec(Policy(A::RunScheduler), Collection),
        "getPublicProfile" | "updatePublicProfile" | "listPublicRosterEntries" => {
            spec(Policy(A::ManagePublicProfile), Collection)
        }
        "setPublicRosterListing" => spec(Policy(A::ManagePublicProfile), User),
        "listMessageTemplates" | "deleteMessageTemplate" | "putMessageTemplate" => {
            spec(Policy(A::ManageTemplates), Collection)
        }
        "listWebhookSubscriptions" | "createWebhookSubscription" => spec(Policy(A::ManageWebhooks), Collection),
        "deleteWebhookSubscription"
        | "getWebhookSubscription"
        | "updateWebhookSubscription"
        | "rotateWebhookSecret" => spec(Policy(A::ManageWebhooks), Unknown),
        // The county's audit trail.
        "listAuditLog" | "exportAuditLog" => spec(Policy(A::ReadAuditLog), Collection),
        // A personal number in full: every county person may ask (their own phone at least);
        // the number and its record decide, after the body.
        "revealPersonalNumber" => spec(Anyone(false), Collection),
        // Analytics and statistics.
        "exportAnalytics" | "getTimeSplit" => spec(Policy(A::ReadAnalytics), Collection),
        "listCaseForecasts" => spec(Policy(A::ReadAnalytics), County),
        "getSheetStatistics" | "exportSheetStatistics" | "getComplaintStatistics" => {
            spec(Policy(A::ReadStatistics), Collection)
        }
        "listSupervisionNotices" => spec(Policy(A::ListSupervisionNotices), Collection),
        "issueSupervisionNotice" => spec(Policy(A::IssueSupervisionNotice), Collection),
        // The calendar.
        "listCalendarDays" => with_query(Policy(A::ReadCalendar), Collection, "year=2026"),
        "deleteCalendarDay" => spec(Policy(A::ManageCalendar), Unknown),
        "putCalendarDaysBulk" | "importCalendarDays" | "putCalendarDay" => spec(Policy(A::ManageCalendar), Collection),
        // Cases.
        "listCases" | "exportCases" => spec(Anyone(false), Collection),
        "createCase" => spec(Policy(A::CreateApplication), Collection),
        "updateCase" => spec(Policy(A::EditApplication), Case),
        "getCase"
        | "getCaseMaterials"
        | "downloadCasePlanWorkbook"
        | "downloadCaseDossier"
        | "checkCaseDossier"
        | "listFollowUps"
        | "verifyCaseHistory"
        | "listRectifications"
        | "getCaseTimeline"
        | "downloadCaseForm"
        | "listCaseIntermediaries"
        | "downloadIntermediaryForm"
        | "listEligibleAgencies"
        | "listCaseLegalFees"
        | "getCasePreReview"
        | "listEvaluations" => spec(CaseRead, Case),
        "submitCase" => spec(CaseStep(C::Submit), Case),
        "returnCase" => spec(CaseStep(C::ReturnForRevision), Case),
        "reviewCase" => spec(CaseStep(C::Review), Case),
        "acceptCase" => spec(CaseStep(C::Accept), Case),
        "rejectCase" => spec(CaseStep(C::Reject), Case),
        "formTeam" => spec(CaseStep(C::FormTeam), Case),
        "proposePlan" => spec(CaseStep(C::ProposePlan), Case),
        "agreePlan" => spec(CaseStep(C::AgreePlan), Case),
        "signAgreement" => spec(CaseStep(C::SignAgreement), Case),
        "dispatchTasks" => spec(CaseStep(C::StartService), Case),
        "completeCase" => spec(CaseStep(C::Complete), Case),
        "terminateCase" => spec(CaseStep(C::Terminate), Case),
        "confirmCase" => spec(CaseStep(C::Confirm), Case),
        "evaluateCase" => spec(CaseStep(C::Evaluate), Case),
        "archiveCase" => spec(CaseStep(C::Archive), Case),
        "reopenCase" => spec(CaseStep(C::Reopen), Case),
        "setProjectCode" => spec(Policy(A::SetProjectCode), Case),
        "scheduleFollowUp" => spec(CaseWrite(schedules_follow_ups), Case),
        "recordFollowUp" => spec(CaseWrite(records_follow_ups), Case),
        "openPreReview" | "closePreReview" => spec(CaseWrite(prereview::runs), Case),
        "givePreReviewOpinion" => spec(CaseWrite(prereview::gives_opinions), Case),
        "uploadCaseMaterial" | "reuseCaseMaterial" => spec(CaseWrite(material::role_gives), Case),
        "decideCaseMaterial" => spec(CaseWrite(material::role_decides), Case),
        "chooseIntermediary" => spec(Policy(A::ChooseIntermediary), Case),
        "recordIntermediaryDelivery" => spec(Policy(A::RecordIntermediaryDelivery), Case),
        "rateIntermediary" => spec(Policy(A::RateIntermediary), Case),
        // Aftercare outside a case path.
        "listOpenRectifications" => spec(Roles(aftercare::reads_rectification_queue), Collection),
        "replyRectification" => spec(CaseWrite(replies_to_rectifications), Unknown),
        // Complaints.
        "listComplaints" => spec(Policy(A::ReadComplaints), Collection),
        // Its assignee reads and answers a complaint whatever the role.
        "getComplaint" | "replyComplaint" => spec(Anyone(false), Unknown),
        "assignComplaint" | "closeComplaint" | "rejectComplaint" => spec(Policy(A::HandleComplaints), Unknown),
        // Conditions.
        "listConditions" => spec(Policy(A::ReadConditions), Collection),
        "getCondition" => spec(Policy(A::ReadConditions), Unknown),
        "createCondition" | "importConditions" | "liftCondition" => spec(Policy(A::ManageConditions), Collection),
        // Consultations.
        "listConsultations" => spec(Policy(A::ReadConsultations), Collection),
        "getConsultation" => spec(Policy(A::ReadConsultations), Unknown),
        "answerConsultation" | "closeConsultation" | "confirmConsultation" | "convertConsultation" => {
            spec(Policy(A::HandleConsultations), Unknown)
        }
        // The directory.
        "listDepartments" => spec(Policy(A::ListDepartments), Collection),
        "createDepartment" => spec(Policy(A::ManageDepartments), Collection),
        "listEnterprises" => spec(Policy(A::ListEnterprises), Collection),
        "createEnterprise" => spec(Policy(A::CreateEnterprise), Collection),
        "getEnterprise" => spec(Policy(A::ReadEnterprise), Enterprise),
        "listEnterpriseMaterials" => spec(PolicyAnd(A::ReadEnterprise, material::role_reads_library), Enterprise),
        "listUsers" => spec(Policy(A::ListUsers), Collection),
        "createUser" => spec(Policy(A::ManageUsers), Collection),
        "getUser" => spec(Policy(A::ListUsers), User),
        "updateUser" => spec(Policy(A::ManageUsers), User),
        // The change feed and files.
        "listEvents" => spec(Policy(A::ReadFeed), Collection),
        "downloadFile" => spec(CaseRead, Unknown),
        // The intermediary supermarket.
        "listAgencies" => spec(Policy(A::ReadIntermediaries), Collection),
        "getAgency" => spec(Policy(A::ReadIntermediaries), Agency),
        "createAgency" => spec(Policy(A::ManageIntermediaries), Collection),
        "updateAgency" | "addAgencyQualification" | "addAgencyService" | "setAgencyStatus" => {
            spec(Policy(A::ManageIntermediaries), Agency)
        }
        "removeAgencyQualification" => naming_nothing(Policy(A::ManageIntermediaries), Agency),
        // The catalog.
        "listItems" | "exportItems" => spec(Policy(A::ReadCatalog), Collection),
        "getItem" | "listItemVersions" => spec(Policy(A::ReadCatalog), Item),
        "createItem" => spec(Policy(A::DraftCatalogItem), Collection),
        "importCatalog" => spec(Policy(A::ImportCatalog), Collection),
        "discardItem" | "updateItem" | "newItemVersion" => spec(Policy(A::DraftCatalogItem), Item),
        "publishItem" | "retireItem" => spec(Policy(A::PublishCatalogItem), Item),
        // Fees.
        "correctLegalFee" => spec(SheetWrite(legal_fee::role_records), Unknown),
        "listTaskLegalFees" | "listTaskPreReviewGaps" => spec(CaseRead, Sheet),
        "recordLegalFee" => spec(SheetWrite(legal_fee::role_records), Sheet),
        // Meetings.
        "listMeetings" | "listMeetingActions" => spec(Policy(A::ReadMeetings), Collection),
        "getMeeting" => spec(Policy(A::ReadMeetings), Unknown),
        "conveneMeeting" => spec(Policy(A::ManageMeetings), Collection),
        "editMeeting" | "cancelMeeting" | "closeMeeting" | "recordMeetingMinutes" => {
            spec(Policy(A::ManageMeetings), Unknown)
        }
        "completeMeetingAction" | "dropMeetingAction" => spec(Roles(meeting::role_follows_up), Unknown),
        // The platform.
        "listCounties" | "createCounty" | "getOnboardingTemplate" | "onboardCounty" => {
            spec(Policy(A::ManageCounties), Collection)
        }
        "getCounty"
        | "renameCounty"
        | "reinstateCounty"
        | "getPlatformCountySettings"
        | "putPlatformCountySettings"
        | "listPlatformCountySettingsHistory"
        | "suspendCounty"
        | "exportCountyWorkbook" => spec(Policy(A::ManageCounties), Collection),
        // The platform's own audit trail: the platform administrator's alone, as its counties are.
        "listPlatformAuditLog" | "exportPlatformAuditLog" => spec(Policy(A::ManageCounties), Collection),
        "getNationalCalendar" | "putNationalCalendarYear" | "importNationalCalendarYear" => {
            spec(Policy(A::ManageNationalCalendar), Collection)
        }
        // Task sheets.
        "listTasks" => spec(Policy(A::ReadTaskQueues), Collection),
        "getTask" => spec(CaseRead, Sheet),
        "acknowledgeTask" => spec(SheetStep(Who::Holder), Sheet),
        "requestCorrection" => spec(SheetStep(Who::Holder), Sheet),
        "supplyCorrection" | "supplyMissingMaterials" => spec(SheetStep(Who::Supplier), Sheet),
        "extendTask" => spec(SheetStep(Who::DepartmentLeader), Sheet),
        "finishTask" | "sendBackTask" | "transferTask" | "attachResultDocument" => spec(SheetStep(Who::Holder), Sheet),
        "redispatchTask" => spec(SheetStep(Who::Window), Sheet),
        "recordResultNotice" => spec(SheetWrite(sheet::may_record_result_notice), Sheet),
        // The county's settings.
        "getCountySettings" | "listCountySettingsHistory" => spec(Policy(A::ReadTenantSettings), Collection),
        "putCountySettings" | "putTenantTarget" => spec(Policy(A::ManageTenantSettings), Collection),
        _ => return None,
    })
}
