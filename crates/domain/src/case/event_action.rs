//! What a history event records (`case_events.action`), and the operations outside the
//! lifecycle table that a refusal names.

use super::lifecycle::CaseAction;
use super::sheet::SheetEvent;
use crate::codes::code_enum;

code_enum! {
    /// The action of a history event: the application's creation and edits, every lifecycle
    /// action, every sheet event (`task_` and the event's type), and the aftercare and
    /// supervision records.
    pub enum EventAction: "event action" {
        /// The application was created (to `draft`).
        Create = "create",
        /// The draft application was edited.
        Update = "update",
        /// See [`CaseAction::Submit`].
        Submit = "submit",
        /// See [`CaseAction::ReturnForRevision`].
        ReturnForRevision = "return_for_revision",
        /// See [`CaseAction::Review`].
        Review = "review",
        /// See [`CaseAction::Accept`].
        Accept = "accept",
        /// See [`CaseAction::Reject`].
        Reject = "reject",
        /// See [`CaseAction::FormTeam`].
        FormTeam = "form_team",
        /// See [`CaseAction::ProposePlan`].
        ProposePlan = "propose_plan",
        /// See [`CaseAction::AgreePlan`].
        AgreePlan = "agree_plan",
        /// See [`CaseAction::SignAgreement`].
        SignAgreement = "sign_agreement",
        /// See [`CaseAction::StartService`].
        StartService = "start_service",
        /// See [`CaseAction::Complete`].
        Complete = "complete",
        /// See [`CaseAction::Terminate`].
        Terminate = "terminate",
        /// See [`CaseAction::Confirm`].
        Confirm = "confirm",
        /// See [`CaseAction::Evaluate`].
        Evaluate = "evaluate",
        /// See [`CaseAction::DeclineEvaluation`].
        DeclineEvaluation = "decline_evaluation",
        /// See [`CaseAction::Archive`].
        Archive = "archive",
        /// See [`CaseAction::Reopen`].
        Reopen = "reopen",
        /// A sheet was dispatched.
        TaskDispatched = "task_dispatched",
        /// A sheet was acknowledged.
        TaskAcknowledged = "task_acknowledged",
        /// 补正 was asked for.
        TaskCorrectionRequested = "task_correction_requested",
        /// The corrections arrived.
        TaskCorrectionSupplied = "task_correction_supplied",
        /// 容缺 materials arrived.
        TaskMissingMaterialsSupplied = "task_missing_materials_supplied",
        /// The time limit was extended.
        TaskExtended = "task_extended",
        /// The sheet was finished.
        TaskFinished = "task_finished",
        /// Approved on commitment (告知承诺).
        TaskApprovedOnCommitment = "task_approved_on_commitment",
        /// Sent back to the window.
        TaskSentBack = "task_sent_back",
        /// Dispatched again.
        TaskRedispatched = "task_redispatched",
        /// Transferred to a colleague.
        TaskTransferred = "task_transferred",
        /// Cancelled with the case.
        TaskCancelled = "task_cancelled",
        /// The window recorded how the enterprise was told of a result.
        TaskResultNoticed = "task_result_noticed",
        /// A bad review opened a rectification.
        RectificationOpened = "rectification_opened",
        /// A rectification was answered.
        RectificationReplied = "rectification_replied",
        /// A follow-up visit was scheduled.
        FollowUpScheduled = "follow_up_scheduled",
        /// A follow-up visit was recorded.
        FollowUpRecorded = "follow_up_recorded",
        /// The office issued a supervision notice about the case.
        SupervisionNotice = "supervision_notice",
        /// A material was given for a plan item (uploaded or reused; by the enterprise or
        /// for it).
        MaterialUploaded = "material_uploaded",
        /// The department accepted a material.
        MaterialAccepted = "material_accepted",
        /// The department asked for a material's correction (补正).
        MaterialCorrectionRequested = "material_correction_requested",
        /// The approval document (批文) was attached to a finished sheet.
        ResultDocumentAttached = "result_document_attached",
        /// The national project code (一项一码) was set or changed after the application.
        ProjectCodeSet = "project_code_set",
        /// A legal fee (法定收费) was recorded on a sheet.
        LegalFeeRecorded = "legal_fee_recorded",
        /// A recorded legal fee was replaced by a correction, with a reason.
        LegalFeeCorrected = "legal_fee_corrected",
        /// The office opened a joint pre-review (联合预审) of the application.
        PreReviewOpened = "prereview_opened",
        /// A department gave (or replaced) its pre-review opinion.
        PreReviewOpinion = "prereview_opinion",
        /// The office closed the pre-review into one list of gaps per department.
        PreReviewClosed = "prereview_closed",
        /// A condition (notice / hold / lock) was put on the case.
        ConditionAdded = "condition_added",
        /// A condition on the case was lifted, with a reason.
        ConditionLifted = "condition_lifted",
        /// The enterprise chose an intermediary agency for a plan item (中介超市).
        IntermediaryChosen = "intermediary_chosen",
        /// The enterprise changed its intermediary agency before delivery, with a reason.
        IntermediaryChanged = "intermediary_changed",
        /// The intermediary agency's delivery and result were recorded.
        IntermediaryDelivered = "intermediary_delivered",
        /// The enterprise rated the intermediary agency's work.
        IntermediaryRated = "intermediary_rated",
        /// A joint meeting discussing the case was held (its minutes recorded).
        MeetingHeld = "meeting_held",
        /// A joint meeting decided about the case.
        MeetingDecision = "meeting_decision",
    }
}

impl From<CaseAction> for EventAction {
    fn from(action: CaseAction) -> Self {
        use CaseAction as A;
        use EventAction as E;
        match action {
            A::Submit => E::Submit,
            A::ReturnForRevision => E::ReturnForRevision,
            A::Review => E::Review,
            A::Accept => E::Accept,
            A::Reject => E::Reject,
            A::FormTeam => E::FormTeam,
            A::ProposePlan => E::ProposePlan,
            A::AgreePlan => E::AgreePlan,
            A::SignAgreement => E::SignAgreement,
            A::StartService => E::StartService,
            A::Complete => E::Complete,
            A::Terminate => E::Terminate,
            A::Confirm => E::Confirm,
            A::Evaluate => E::Evaluate,
            A::DeclineEvaluation => E::DeclineEvaluation,
            A::Archive => E::Archive,
            A::Reopen => E::Reopen,
        }
    }
}

impl From<&SheetEvent> for EventAction {
    fn from(event: &SheetEvent) -> Self {
        use EventAction as E;
        match event {
            SheetEvent::Dispatched { .. } => E::TaskDispatched,
            SheetEvent::Acknowledged { .. } => E::TaskAcknowledged,
            SheetEvent::CorrectionRequested { .. } => E::TaskCorrectionRequested,
            SheetEvent::CorrectionSupplied { .. } => E::TaskCorrectionSupplied,
            SheetEvent::MissingMaterialsSupplied { .. } => E::TaskMissingMaterialsSupplied,
            SheetEvent::Extended { .. } => E::TaskExtended,
            SheetEvent::Finished { .. } => E::TaskFinished,
            SheetEvent::ApprovedOnCommitment { .. } => E::TaskApprovedOnCommitment,
            SheetEvent::SentBack { .. } => E::TaskSentBack,
            SheetEvent::Redispatched { .. } => E::TaskRedispatched,
            SheetEvent::Transferred { .. } => E::TaskTransferred,
            SheetEvent::Cancelled { .. } => E::TaskCancelled,
        }
    }
}

code_enum! {
    /// An operation on a case outside the lifecycle table, as a refusal names it (the
    /// `action` of an invalid-transition problem).
    pub enum CaseOperation: "case operation" {
        /// Edit the application (only a draft).
        Update = "update",
        /// Any command on a sheet (only while the case is in service).
        TaskCommand = "task_command",
        /// Record how the enterprise was told of a result (only once the sheet has one).
        RecordResultNotice = "record_result_notice",
        /// Plan a follow-up visit (only once the service has ended).
        ScheduleFollowUp = "schedule_follow_up",
        /// Set or change the national project code (not on a closed case).
        SetProjectCode = "set_project_code",
        /// Record or correct a legal fee (only while the case is in service).
        RecordLegalFee = "record_legal_fee",
        /// Open, give an opinion on or close a joint pre-review (only between the plan's
        /// agreement and dispatch).
        PreReview = "prereview",
        /// Put a condition (notice / hold / lock) on the case (not on a closed case).
        AddCondition = "add_condition",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::assert_codes;
    use uuid::Uuid;

    #[test]
    fn codes_are_the_stored_ones() {
        assert_codes(&EventAction::ALL);
        assert_codes(&CaseOperation::ALL);
        for action in CaseAction::ALL {
            assert_eq!(EventAction::from(action).code(), action.code(), "a lifecycle event is named by its action");
        }
    }

    #[test]
    fn a_sheet_event_is_recorded_as_task_and_its_type() {
        let events = [
            SheetEvent::Acknowledged { on_time: true },
            SheetEvent::SentBack { reason: "r".into() },
            SheetEvent::Transferred { from_user_id: None, to_user_id: Uuid::nil() },
            SheetEvent::Cancelled { reason: "r".into() },
            SheetEvent::MissingMaterialsSupplied { names: vec![], still_missing: 0 },
        ];
        for event in &events {
            assert_eq!(EventAction::from(event).code(), format!("task_{}", event.code()));
        }
        let task_actions = EventAction::ALL.into_iter().filter(|a| a.code().starts_with("task_")).count();
        assert_eq!(task_actions, 13, "twelve sheet events and the result notice");
    }
}
