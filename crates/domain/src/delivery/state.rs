//! The state machine of a delivery, as a table: `pending` until an attempt delivers it or
//! it fails for good; an administrator's retry puts a dead one back to `pending`.
//!
//! | from      | action       | to          |
//! |-----------|--------------|-------------|
//! | pending   | deliver      | delivered   |
//! | pending   | fail (retry) | pending     |
//! | pending   | give up      | dead        |
//! | dead      | retry        | pending     |

use crate::codes::code_enum;

use super::retry::AttemptOutcome;

code_enum! {
    /// Where a delivery stands (`deliveries.state`).
    pub enum DeliveryState: "delivery state" {
        /// Waiting for its next attempt (`next_attempt_at`).
        Pending = "pending",
        /// The receiver took it. Final.
        Delivered = "delivered",
        /// It failed for good or ran out of attempts; an administrator may retry it.
        Dead = "dead",
    }
}

code_enum! {
    /// What may happen to a delivery.
    pub enum DeliveryAction: "delivery action" {
        /// An attempt delivered it.
        Deliver = "deliver",
        /// An attempt failed; another follows.
        Fail = "fail",
        /// An attempt failed for good, or was the last.
        GiveUp = "give_up",
        /// An administrator asks for another round of attempts.
        Retry = "retry",
        /// An administrator sends a delivered or dead webhook message again: a copy goes out
        /// as a new delivery and this one stays as it is (see `webhook::replayable`), so it is
        /// no transition of the table.
        Replay = "replay",
    }
}

/// An action the table does not allow from the state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{action} is not possible from {state}")]
pub struct DeliveryError {
    /// The state.
    pub state: DeliveryState,
    /// The action refused.
    pub action: DeliveryAction,
    /// The actions possible from the state.
    pub allowed: Vec<DeliveryAction>,
}

/// The table: (from, action) → to.
fn next(state: DeliveryState, action: DeliveryAction) -> Option<DeliveryState> {
    use DeliveryAction as A;
    use DeliveryState as S;
    match (state, action) {
        (S::Pending, A::Deliver) => Some(S::Delivered),
        (S::Pending, A::Fail) => Some(S::Pending),
        (S::Pending, A::GiveUp) => Some(S::Dead),
        (S::Dead, A::Retry) => Some(S::Pending),
        _ => None,
    }
}

/// The actions possible from `state`.
pub fn allowed_actions(state: DeliveryState) -> Vec<DeliveryAction> {
    DeliveryAction::ALL.into_iter().filter(|a| next(state, *a).is_some()).collect()
}

/// The state after `action`, or why not.
pub fn decide(state: DeliveryState, action: DeliveryAction) -> Result<DeliveryState, DeliveryError> {
    next(state, action).ok_or_else(|| DeliveryError { state, action, allowed: allowed_actions(state) })
}

/// The action an attempt's outcome takes, given whether another attempt follows.
pub fn action_after(outcome: AttemptOutcome, retried: bool) -> DeliveryAction {
    match outcome {
        AttemptOutcome::Delivered => DeliveryAction::Deliver,
        AttemptOutcome::Retry if retried => DeliveryAction::Fail,
        AttemptOutcome::Retry | AttemptOutcome::Permanent => DeliveryAction::GiveUp,
    }
}
