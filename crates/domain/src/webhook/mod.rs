//! Webhooks for integrators: which history events a subscriber may receive, under which
//! public event type, and when a failing endpoint is switched off.
//!
//! A webhook's event type is the public name of a case history action (`case.accepted`,
//! `sheet.finished`…): one [`EventType`] per [`EventAction`], so every event the history
//! records can be subscribed to and nothing else. The provincial platform's adapter
//! (一项一码 reporting) receives the [`EventType::is_milestone`] subset.

pub mod payload;

use chrono::{DateTime, TimeDelta, Utc};

use crate::case::event_action::EventAction;
use crate::codes::code_enum;

code_enum! {
    /// The public type of a webhook event (and of a change-feed entry).
    pub enum EventType: "webhook event type" {
        /// An application was created (a draft).
        CaseCreated = "case.created",
        /// A draft application was edited.
        CaseUpdated = "case.updated",
        /// The application was submitted.
        CaseSubmitted = "case.submitted",
        /// The case's national project code (一项一码) was set or corrected.
        CaseProjectCodeSet = "case.project_code_set",
        /// The application was returned to the enterprise for revision.
        CaseReturnedForRevision = "case.returned_for_revision",
        /// The application was reviewed (preliminary review passed).
        CaseReviewed = "case.reviewed",
        /// The case was accepted (leader sign-off).
        CaseAccepted = "case.accepted",
        /// The application was not accepted.
        CaseRejected = "case.rejected",
        /// The butler team was formed.
        CaseTeamFormed = "case.team_formed",
        /// The service plan was proposed to the enterprise.
        CasePlanProposed = "case.plan_proposed",
        /// The enterprise agreed to the service plan.
        CasePlanAgreed = "case.plan_agreed",
        /// The entrustment agreement was signed.
        CaseAgreementSigned = "case.agreement_signed",
        /// The service started (sheets go out).
        CaseServiceStarted = "case.service_started",
        /// The case was completed.
        CaseCompleted = "case.completed",
        /// The case was terminated.
        CaseTerminated = "case.terminated",
        /// The enterprise confirmed the closing form.
        CaseConfirmed = "case.confirmed",
        /// The enterprise evaluated the service.
        CaseEvaluated = "case.evaluated",
        /// The enterprise declined to evaluate.
        CaseEvaluationDeclined = "case.evaluation_declined",
        /// The case file was archived.
        CaseArchived = "case.archived",
        /// A case was reopened.
        CaseReopened = "case.reopened",
        /// A task sheet was dispatched to a department.
        SheetDispatched = "sheet.dispatched",
        /// The department acknowledged a sheet.
        SheetAcknowledged = "sheet.acknowledged",
        /// The department asked for corrections (补正).
        SheetCorrectionRequested = "sheet.correction_requested",
        /// The enterprise supplied the corrections.
        SheetCorrectionSupplied = "sheet.correction_supplied",
        /// Missing materials were supplied (容缺后补).
        SheetMissingMaterialsSupplied = "sheet.missing_materials_supplied",
        /// A sheet's time limit was extended.
        SheetExtended = "sheet.extended",
        /// A sheet was finished with a result (approved or not).
        SheetFinished = "sheet.finished",
        /// A sheet was approved on the applicant's commitment (告知承诺).
        SheetApprovedOnCommitment = "sheet.approved_on_commitment",
        /// A sheet was sent back to the department.
        SheetSentBack = "sheet.sent_back",
        /// A sheet was dispatched again.
        SheetRedispatched = "sheet.redispatched",
        /// A sheet was transferred to a colleague.
        SheetTransferred = "sheet.transferred",
        /// A sheet was cancelled.
        SheetCancelled = "sheet.cancelled",
        /// The window told the enterprise a sheet's result.
        SheetResultNoticed = "sheet.result_noticed",
        /// An approval document was attached to a sheet.
        SheetResultDocumentAttached = "sheet.result_document_attached",
        /// A bad review opened a rectification (整改).
        RectificationOpened = "rectification.opened",
        /// A rectification was answered.
        RectificationReplied = "rectification.replied",
        /// A follow-up visit was scheduled.
        FollowUpScheduled = "follow_up.scheduled",
        /// A follow-up visit was recorded.
        FollowUpRecorded = "follow_up.recorded",
        /// A supervision notice (督办通知) named the case.
        SupervisionNotice = "supervision.notice",
        /// A material was uploaded.
        MaterialUploaded = "material.uploaded",
        /// A department accepted a material.
        MaterialAccepted = "material.accepted",
        /// A department asked for a material to be corrected.
        MaterialCorrectionRequested = "material.correction_requested",
        /// A legal fee (法定收费) was recorded on a sheet.
        LegalFeeRecorded = "legal_fee.recorded",
        /// A recorded legal fee was replaced by a correction.
        LegalFeeCorrected = "legal_fee.corrected",
        /// A joint pre-review (联合预审) was opened.
        PreReviewOpened = "prereview.opened",
        /// A department gave its pre-review opinion.
        PreReviewOpinion = "prereview.opinion",
        /// A joint pre-review was closed into one list of gaps.
        PreReviewClosed = "prereview.closed",
        /// A condition (notice / hold / lock) was put on the case.
        CaseConditionAdded = "case.condition_added",
        /// A condition on the case was lifted.
        CaseConditionLifted = "case.condition_lifted",
        /// The enterprise chose an intermediary agency for a plan item.
        IntermediaryChosen = "intermediary.chosen",
        /// The enterprise changed its intermediary agency.
        IntermediaryChanged = "intermediary.changed",
        /// An intermediary agency's delivery was recorded.
        IntermediaryDelivered = "intermediary.delivered",
        /// The enterprise rated an intermediary agency's work.
        IntermediaryRated = "intermediary.rated",
        /// A joint meeting discussing the case was held.
        MeetingHeld = "meeting.held",
        /// A joint meeting decided about the case.
        MeetingDecision = "meeting.decision",
    }
}

impl EventType {
    /// The public type of a history action.
    pub fn of(action: EventAction) -> EventType {
        use EventAction as A;
        use EventType as T;
        match action {
            A::Create => T::CaseCreated,
            A::Update => T::CaseUpdated,
            A::Submit => T::CaseSubmitted,
            A::ProjectCodeSet => T::CaseProjectCodeSet,
            A::ReturnForRevision => T::CaseReturnedForRevision,
            A::Review => T::CaseReviewed,
            A::Accept => T::CaseAccepted,
            A::Reject => T::CaseRejected,
            A::FormTeam => T::CaseTeamFormed,
            A::ProposePlan => T::CasePlanProposed,
            A::AgreePlan => T::CasePlanAgreed,
            A::SignAgreement => T::CaseAgreementSigned,
            A::StartService => T::CaseServiceStarted,
            A::Complete => T::CaseCompleted,
            A::Terminate => T::CaseTerminated,
            A::Confirm => T::CaseConfirmed,
            A::Evaluate => T::CaseEvaluated,
            A::DeclineEvaluation => T::CaseEvaluationDeclined,
            A::Archive => T::CaseArchived,
            A::Reopen => T::CaseReopened,
            A::TaskDispatched => T::SheetDispatched,
            A::TaskAcknowledged => T::SheetAcknowledged,
            A::TaskCorrectionRequested => T::SheetCorrectionRequested,
            A::TaskCorrectionSupplied => T::SheetCorrectionSupplied,
            A::TaskMissingMaterialsSupplied => T::SheetMissingMaterialsSupplied,
            A::TaskExtended => T::SheetExtended,
            A::TaskFinished => T::SheetFinished,
            A::TaskApprovedOnCommitment => T::SheetApprovedOnCommitment,
            A::TaskSentBack => T::SheetSentBack,
            A::TaskRedispatched => T::SheetRedispatched,
            A::TaskTransferred => T::SheetTransferred,
            A::TaskCancelled => T::SheetCancelled,
            A::TaskResultNoticed => T::SheetResultNoticed,
            A::ResultDocumentAttached => T::SheetResultDocumentAttached,
            A::RectificationOpened => T::RectificationOpened,
            A::RectificationReplied => T::RectificationReplied,
            A::FollowUpScheduled => T::FollowUpScheduled,
            A::FollowUpRecorded => T::FollowUpRecorded,
            A::SupervisionNotice => T::SupervisionNotice,
            A::MeetingHeld => T::MeetingHeld,
            A::MeetingDecision => T::MeetingDecision,
            A::MaterialUploaded => T::MaterialUploaded,
            A::MaterialAccepted => T::MaterialAccepted,
            A::MaterialCorrectionRequested => T::MaterialCorrectionRequested,
            A::LegalFeeRecorded => T::LegalFeeRecorded,
            A::LegalFeeCorrected => T::LegalFeeCorrected,
            A::PreReviewOpened => T::PreReviewOpened,
            A::PreReviewOpinion => T::PreReviewOpinion,
            A::PreReviewClosed => T::PreReviewClosed,
            A::ConditionAdded => T::CaseConditionAdded,
            A::ConditionLifted => T::CaseConditionLifted,
            A::IntermediaryChosen => T::IntermediaryChosen,
            A::IntermediaryChanged => T::IntermediaryChanged,
            A::IntermediaryDelivered => T::IntermediaryDelivered,
            A::IntermediaryRated => T::IntermediaryRated,
        }
    }

    /// Whether the provincial platform is told of it (一项一码 milestones): the case's
    /// acceptance, its agreed plan, the start of service, each approval result and the
    /// case's end.
    pub fn is_milestone(self) -> bool {
        matches!(
            self,
            EventType::CaseAccepted
                | EventType::CasePlanAgreed
                | EventType::CaseServiceStarted
                | EventType::SheetFinished
                | EventType::SheetApprovedOnCommitment
                | EventType::CaseCompleted
                | EventType::CaseTerminated
        )
    }
}

code_enum! {
    /// What a subscription's endpoint speaks.
    pub enum SubscriptionKind: "subscription kind" {
        /// An integrator's endpoint: every subscribed event, signed per Standard Webhooks.
        StandardWebhooks = "standard_webhooks",
        /// The provincial platform's interface: the milestones of cases that carry a national
        /// project code, in the platform's shape.
        Provincial = "provincial",
    }
}

impl SubscriptionKind {
    /// Whether an endpoint of this kind receives an event of `event_type`, given the types
    /// it subscribed to (empty: all of them) and whether the case carries a national project
    /// code.
    pub fn receives(self, subscribed: &[EventType], event_type: EventType, has_project_code: bool) -> bool {
        match self {
            SubscriptionKind::StandardWebhooks => subscribed.is_empty() || subscribed.contains(&event_type),
            SubscriptionKind::Provincial => has_project_code && event_type.is_milestone(),
        }
    }
}

/// When a failing endpoint is switched off: after it has failed without a single success
/// for `window` (a receiver down for an hour keeps its subscription; one gone for days
/// stops piling up messages until an admin turns it back on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisableRule {
    pub window: TimeDelta,
}

impl Default for DisableRule {
    fn default() -> Self {
        DisableRule { window: TimeDelta::days(5) }
    }
}

/// An endpoint's run of failures after one more attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureRun {
    /// When the current run of failures began (`None`: the last attempt succeeded).
    pub failing_since: Option<DateTime<Utc>>,
    /// Whether the endpoint is now to be switched off.
    pub disable: bool,
}

impl DisableRule {
    /// The endpoint's failure run after an attempt at `now` that `succeeded` or not, when its
    /// run began at `failing_since`.
    pub fn after_attempt(
        self,
        failing_since: Option<DateTime<Utc>>,
        succeeded: bool,
        now: DateTime<Utc>,
    ) -> FailureRun {
        if succeeded {
            return FailureRun { failing_since: None, disable: false };
        }
        let since = failing_since.unwrap_or(now);
        FailureRun { failing_since: Some(since), disable: now - since >= self.window }
    }
}

/// Whether an administrator may replay a delivery: a webhook or provincial message that was
/// delivered or gave up (a pending one is still going out).
pub fn replayable(channel: crate::delivery::Channel, state: crate::delivery::DeliveryState) -> bool {
    use crate::delivery::{Channel, DeliveryState};
    matches!(channel, Channel::Webhook | Channel::Provincial)
        && matches!(state, DeliveryState::Delivered | DeliveryState::Dead)
}

/// What an endpoint's answer means (Standard Webhooks: any 2xx is received, anything else —
/// no connection, no answer in time, any other status — is retried), except `410 Gone`: the
/// endpoint says it is gone for good, so the message is dead and the subscription switched off.
pub fn outcome_of(status: Option<u16>) -> crate::delivery::AttemptOutcome {
    use crate::delivery::AttemptOutcome;
    match status {
        Some(200..=299) => AttemptOutcome::Delivered,
        Some(410) => AttemptOutcome::Permanent,
        _ => AttemptOutcome::Retry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::assert_codes;
    use crate::delivery::AttemptOutcome;
    use chrono::TimeZone;

    #[test]
    fn codes_are_stable_and_distinct() {
        assert_codes(&SubscriptionKind::ALL);
        // Event types are `subject.verb`, each part snake_case.
        let mut seen = std::collections::BTreeSet::new();
        for t in EventType::ALL {
            let (subject, verb) = t.code().split_once('.').expect("subject.verb");
            for part in [subject, verb] {
                assert!(!part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{t}");
            }
            assert!(seen.insert(t.code()));
            assert_eq!(t.code().parse::<EventType>().ok(), Some(t));
            assert_eq!(serde_json::to_value(t).unwrap(), serde_json::json!(t.code()));
        }
    }

    #[test]
    fn every_history_action_has_exactly_one_public_type() {
        let mut seen = std::collections::BTreeSet::new();
        for action in EventAction::ALL {
            assert!(seen.insert(EventType::of(action)), "{action} shares a type");
        }
        assert_eq!(seen.len(), EventType::ALL.len(), "a public type no action has");
    }

    #[test]
    fn sheet_actions_are_sheet_types() {
        for action in EventAction::ALL {
            let public = EventType::of(action).code();
            if action.code().starts_with("task_") {
                assert!(public.starts_with("sheet."), "{action} → {public}");
            }
        }
    }

    #[test]
    fn integrators_get_what_they_subscribed_to() {
        let kind = SubscriptionKind::StandardWebhooks;
        assert!(kind.receives(&[], EventType::CaseCreated, false));
        assert!(kind.receives(&[EventType::SheetFinished], EventType::SheetFinished, false));
        assert!(!kind.receives(&[EventType::SheetFinished], EventType::CaseCreated, true));
    }

    #[test]
    fn the_province_gets_milestones_of_coded_projects_only() {
        let kind = SubscriptionKind::Provincial;
        assert!(kind.receives(&[], EventType::CaseAccepted, true));
        assert!(!kind.receives(&[], EventType::CaseAccepted, false));
        assert!(!kind.receives(&[], EventType::SheetAcknowledged, true));
        let milestones: Vec<_> = EventType::ALL.into_iter().filter(|t| t.is_milestone()).collect();
        assert_eq!(milestones.len(), 7);
    }

    #[test]
    fn only_finished_webhook_messages_are_replayed() {
        use crate::delivery::{Channel, DeliveryState};
        assert!(replayable(Channel::Webhook, DeliveryState::Delivered));
        assert!(replayable(Channel::Provincial, DeliveryState::Dead));
        assert!(!replayable(Channel::Webhook, DeliveryState::Pending));
        assert!(!replayable(Channel::Sms, DeliveryState::Delivered));
    }

    #[test]
    fn any_failure_but_gone_is_retried() {
        assert_eq!(outcome_of(Some(200)), AttemptOutcome::Delivered);
        assert_eq!(outcome_of(Some(204)), AttemptOutcome::Delivered);
        for status in [Some(400), Some(401), Some(404), Some(429), Some(500), Some(503), None] {
            assert_eq!(outcome_of(status), AttemptOutcome::Retry, "{status:?}");
        }
        assert_eq!(outcome_of(Some(410)), AttemptOutcome::Permanent);
    }

    #[test]
    fn an_endpoint_is_switched_off_only_after_failing_for_the_whole_window() {
        let rule = DisableRule { window: TimeDelta::hours(24) };
        let t0 = Utc.with_ymd_and_hms(2026, 12, 5, 8, 0, 0).unwrap();
        let first = rule.after_attempt(None, false, t0);
        assert_eq!(first, FailureRun { failing_since: Some(t0), disable: false });
        let later = rule.after_attempt(first.failing_since, false, t0 + TimeDelta::hours(23));
        assert!(!later.disable);
        assert_eq!(later.failing_since, Some(t0));
        assert!(rule.after_attempt(later.failing_since, false, t0 + TimeDelta::hours(24)).disable);
        let healed = rule.after_attempt(later.failing_since, true, t0 + TimeDelta::hours(25));
        assert_eq!(healed, FailureRun { failing_since: None, disable: false });
    }
}
