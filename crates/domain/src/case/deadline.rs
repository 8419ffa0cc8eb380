//! The deadlines a case and its sheets keep open for chasing (督办), and the changes the rules
//! make to them. One open deadline per subject and kind (`deadlines` table).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::codes::code_enum;

code_enum! {
    /// What a deadline chases (`deadlines.kind`).
    pub enum DeadlineKind: "deadline kind" {
        /// The office forms the butler team within 1 working day of acceptance (case).
        TeamFormation = "team_formation",
        /// The team proposes the plan within 1 working day of its formation (case).
        PlanProposal = "plan_proposal",
        /// The department acknowledges a dispatched sheet within 30 office minutes (sheet).
        Acknowledgement = "acknowledgement",
        /// The department finishes a sheet within the item's promised time (sheet).
        Finish = "finish",
        /// The enterprise supplies 容缺 materials by its committed date (sheet).
        MaterialCommitment = "material_commitment",
        /// A bad review's rectification is answered in time (case).
        Rectification = "rectification",
        /// A complaint is replied to within its working days (complaint; `deadlines.complaint_id`).
        ComplaintReply = "complaint_reply",
        /// A joint meeting's follow-up action is done within its working days (meeting
        /// action; `deadlines.meeting_action_id`).
        MeetingAction = "meeting_action",
    }
}

impl DeadlineKind {
    /// Whether deadlines of this kind belong to a complaint (else to a case or its sheet).
    pub fn is_complaint_kind(self) -> bool {
        self == DeadlineKind::ComplaintReply
    }

    /// Whether deadlines of this kind belong to a meeting's follow-up action.
    pub fn is_meeting_kind(self) -> bool {
        self == DeadlineKind::MeetingAction
    }

    /// Whether deadlines of this kind belong to a sheet (else to the case itself).
    pub fn is_sheet_kind(self) -> bool {
        matches!(self, DeadlineKind::Acknowledgement | DeadlineKind::Finish | DeadlineKind::MaterialCommitment)
    }
}

/// Whose deadline: the case's own, or the sheet the decision is about (the commanded sheet,
/// or the sheet being dispatched).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineSubject {
    /// The case itself.
    Case,
    /// The sheet the decision is about.
    Sheet,
}

/// A change to the open deadlines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum DeadlineChange {
    /// Open a deadline due at `due_at`, replacing the open one of the same subject and kind
    /// (its ladder starts again); chased from now on.
    Open {
        /// Whose.
        subject: DeadlineSubject,
        /// Which.
        kind: DeadlineKind,
        /// When it falls due.
        due_at: DateTime<Utc>,
    },
    /// Close the open deadline of this subject and kind, if there is one.
    Close {
        /// Whose.
        subject: DeadlineSubject,
        /// Which.
        kind: DeadlineKind,
    },
    /// Close every open deadline of the sheet, or of the case and all its sheets.
    CloseAll {
        /// Whose.
        subject: DeadlineSubject,
    },
}

impl DeadlineChange {
    pub(crate) fn open(subject: DeadlineSubject, kind: DeadlineKind, due_at: DateTime<Utc>) -> Self {
        DeadlineChange::Open { subject, kind, due_at }
    }

    pub(crate) fn close(subject: DeadlineSubject, kind: DeadlineKind) -> Self {
        DeadlineChange::Close { subject, kind }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::assert_codes;

    #[test]
    fn kinds_are_the_stored_codes_and_pick_their_ladder() {
        assert_codes(&DeadlineKind::ALL);
        assert_eq!(
            DeadlineKind::ALL.map(DeadlineKind::code),
            [
                "team_formation",
                "plan_proposal",
                "acknowledgement",
                "finish",
                "material_commitment",
                "rectification",
                "complaint_reply",
                "meeting_action"
            ]
        );
        let sheet: Vec<_> = DeadlineKind::ALL.into_iter().filter(|k| k.is_sheet_kind()).collect();
        assert_eq!(sheet, [DeadlineKind::Acknowledgement, DeadlineKind::Finish, DeadlineKind::MaterialCommitment]);
    }
}
