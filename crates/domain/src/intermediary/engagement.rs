//! An engagement: the enterprise's choice of an agency's service for one plan item, its
//! delivery and the enterprise's rating of it.
//!
//! ```text
//! (none) ──choose──▶ chosen ──deliver──▶ delivered ──rate──▶ rated
//!                      │ change (with a reason, before delivery)
//!                      ▼
//!                   replaced   (the new choice is `chosen`)
//! ```
//!
//! The choice is the enterprise's own: its contact chooses, or an official records the
//! enterprise's written choice on its behalf, with a note saying so. Nobody else chooses, and
//! nothing picks an agency for it. One choice per plan item and service is active (every state
//! but `replaced`).

use chrono::NaiveDate;

use crate::case::evaluation::EvaluationLevel;
use crate::codes::code_enum;

code_enum! {
    /// Where an engagement stands (`intermediary_engagements.state`).
    pub enum EngagementState: "engagement state" {
        /// The enterprise chose the agency; the work is under way.
        Chosen = "chosen",
        /// The agency delivered its result.
        Delivered = "delivered",
        /// The enterprise rated the work.
        Rated = "rated",
        /// The enterprise chose another agency before delivery.
        Replaced = "replaced",
    }
}

impl EngagementState {
    /// Whether this is the plan item's live choice for its service.
    pub fn is_active(self) -> bool {
        self != EngagementState::Replaced
    }
}

/// Who records a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chooser {
    /// The case's own enterprise.
    Enterprise,
    /// An official of the window or the office, for the enterprise.
    Official,
    /// Anyone else (another official role): never.
    Other,
}

/// Why an engagement command is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngagementError {
    /// An official records a choice only with the on-behalf note.
    #[error("an official records the enterprise's choice only with the on-behalf note")]
    OnBehalfNoteRequired,
    /// The enterprise chooses for itself; it writes no on-behalf note.
    #[error("the enterprise's own choice carries no on-behalf note")]
    OnBehalfNoteNotExpected,
    /// This role never records a choice.
    #[error("this role does not choose for the enterprise")]
    NotTheEnterprises,
    /// A choice exists for this item and service: changing it needs a reason.
    #[error("changing a choice needs a reason")]
    ReasonRequired,
    /// The agency delivered already: the choice stays.
    #[error("the choice was delivered on and can no longer change")]
    AlreadyDelivered,
    /// The same agency and service are chosen already.
    #[error("this agency is chosen already")]
    SameChoice,
    /// The action does not apply in this state.
    #[error("{action} is not possible from {state}")]
    InvalidState { state: EngagementState, action: &'static str },
    /// The actual delivery date is in the future or before the choice.
    #[error("the delivery date is outside the engagement")]
    DeliveryDate,
    /// The promised date is before the choice.
    #[error("the promised date is before the choice")]
    PromisedDate,
    /// A bad rating says why.
    #[error("a bad rating needs a comment")]
    CommentRequired,
}

/// What a choice records about who chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceRecord {
    /// The official's note when recorded for the enterprise, `None` for its own.
    pub on_behalf_note: Option<String>,
    /// Set when the choice replaces an earlier one.
    pub change_reason: Option<String>,
}

fn trimmed(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// Decides a choice for a plan item and service. `current` is the state of the active choice
/// for that item and service, if any, and whether it names the same agency service.
pub fn choose(
    chooser: Chooser,
    on_behalf_note: Option<&str>,
    current: Option<(EngagementState, bool)>,
    reason: Option<&str>,
) -> Result<ChoiceRecord, EngagementError> {
    let note = trimmed(on_behalf_note);
    match (chooser, &note) {
        (Chooser::Other, _) => return Err(EngagementError::NotTheEnterprises),
        (Chooser::Official, None) => return Err(EngagementError::OnBehalfNoteRequired),
        (Chooser::Enterprise, Some(_)) => return Err(EngagementError::OnBehalfNoteNotExpected),
        _ => {}
    }
    let change_reason = match current {
        None => None,
        Some((state, _)) if !state.is_active() => None,
        Some((EngagementState::Chosen, true)) => return Err(EngagementError::SameChoice),
        Some((EngagementState::Chosen, false)) => match trimmed(reason) {
            Some(r) => Some(r),
            None => return Err(EngagementError::ReasonRequired),
        },
        Some(_) => return Err(EngagementError::AlreadyDelivered),
    };
    Ok(ChoiceRecord { on_behalf_note: note, change_reason })
}

/// Checks a promised delivery date against the day of the choice.
pub fn check_promised(chosen_on: NaiveDate, promised: NaiveDate) -> Result<(), EngagementError> {
    if promised < chosen_on { Err(EngagementError::PromisedDate) } else { Ok(()) }
}

/// Decides recording the delivery: only a `chosen` engagement, on a day between the choice
/// and `today` (the county's date).
pub fn deliver(
    state: EngagementState,
    chosen_on: NaiveDate,
    actual: NaiveDate,
    today: NaiveDate,
) -> Result<EngagementState, EngagementError> {
    if state != EngagementState::Chosen {
        return Err(EngagementError::InvalidState { state, action: "deliver" });
    }
    if actual < chosen_on || actual > today {
        return Err(EngagementError::DeliveryDate);
    }
    Ok(EngagementState::Delivered)
}

/// Decides the enterprise's rating: only once delivered, once; a bad level says why.
pub fn rate(
    state: EngagementState,
    level: EvaluationLevel,
    comment: Option<&str>,
) -> Result<EngagementState, EngagementError> {
    if state != EngagementState::Delivered {
        return Err(EngagementError::InvalidState { state, action: "rate" });
    }
    if level.is_bad() && trimmed(comment).is_none() {
        return Err(EngagementError::CommentRequired);
    }
    Ok(EngagementState::Rated)
}
