//! Which writes a case still takes in each state: the one rule every write path of a case asks
//! before it changes anything about the case or appends to its history (一事一档).
//!
//! An archived file is read-only: only the lifecycle's own table may act on it (a reasoned
//! `reopen`). A closed service (rejected, completed, terminated) takes what closing needs and
//! aftercare only: the lifecycle's steps (confirmation, evaluation, archiving, reopening), the
//! visits and rectifications of aftercare, the result notices and documents of sheets already
//! decided, the settling of fees and intermediaries' work, the national project code and
//! supervision; nothing that reopens the work (editing the application, sheets, materials,
//! pre-review).

use std::fmt;

use crate::case::lifecycle::CaseState;

/// A kind of write about a case, as its write paths name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseWrite {
    /// A step of the lifecycle table (which decides by itself, state by state).
    Lifecycle,
    /// Editing the application (its fields, items).
    Edit,
    /// Setting the national project code.
    ProjectCode,
    /// A step of a task sheet (acknowledge, correct, extend, finish, send back, transfer...).
    Sheet,
    /// Recording how the enterprise was told of a sheet's result.
    ResultNotice,
    /// Attaching a sheet's result document.
    ResultDocument,
    /// Uploading, reusing or deciding a material.
    Material,
    /// The joint pre-review (联合预审).
    Prereview,
    /// Recording or correcting a fee.
    Fee,
    /// Choosing, hearing from or rating an intermediary.
    Intermediary,
    /// Scheduling or recording a follow-up visit (回访).
    FollowUp,
    /// Answering a rectification (整改).
    Rectification,
    /// A supervision notice (督办) about the case.
    Supervision,
}

impl CaseWrite {
    pub const ALL: [CaseWrite; 13] = [
        CaseWrite::Lifecycle,
        CaseWrite::Edit,
        CaseWrite::ProjectCode,
        CaseWrite::Sheet,
        CaseWrite::ResultNotice,
        CaseWrite::ResultDocument,
        CaseWrite::Material,
        CaseWrite::Prereview,
        CaseWrite::Fee,
        CaseWrite::Intermediary,
        CaseWrite::FollowUp,
        CaseWrite::Rectification,
        CaseWrite::Supervision,
    ];
}

/// A write refused because the case is frozen in its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frozen {
    pub state: CaseState,
    pub write: CaseWrite,
}

impl fmt::Display for Frozen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a case that is {} takes no {:?} write", self.state.code(), self.write)
    }
}

impl std::error::Error for Frozen {}

/// Whether a case in `state` takes `write`.
pub fn may_write(state: CaseState, write: CaseWrite) -> Result<(), Frozen> {
    use CaseWrite as W;
    let allowed = match state {
        CaseState::Archived => matches!(write, W::Lifecycle),
        CaseState::Rejected | CaseState::Completed | CaseState::Terminated => matches!(
            write,
            W::Lifecycle
                | W::ResultNotice
                | W::ResultDocument
                | W::ProjectCode
                | W::Fee
                | W::Intermediary
                | W::FollowUp
                | W::Rectification
                | W::Supervision
        ),
        _ => true,
    };
    if allowed { Ok(()) } else { Err(Frozen { state, write }) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archived_file_takes_only_the_lifecycle_tables_steps() {
        for write in CaseWrite::ALL {
            let expected = write == CaseWrite::Lifecycle;
            assert_eq!(may_write(CaseState::Archived, write).is_ok(), expected, "{write:?}");
        }
    }

    #[test]
    fn a_closed_service_takes_aftercare_but_no_new_work() {
        for state in [CaseState::Rejected, CaseState::Completed, CaseState::Terminated] {
            for write in [CaseWrite::Edit, CaseWrite::Sheet, CaseWrite::Material, CaseWrite::Prereview] {
                assert_eq!(may_write(state, write), Err(Frozen { state, write }), "{state:?} {write:?}");
            }
            for write in [CaseWrite::FollowUp, CaseWrite::Rectification, CaseWrite::ResultNotice, CaseWrite::Lifecycle]
            {
                assert!(may_write(state, write).is_ok(), "{state:?} {write:?}");
            }
        }
    }

    #[test]
    fn an_open_case_takes_every_write() {
        for state in CaseState::ALL.into_iter().filter(|s| !s.is_closed()) {
            for write in CaseWrite::ALL {
                assert!(may_write(state, write).is_ok(), "{state:?} {write:?}");
            }
        }
    }
}
