//! Consultations and appointments (咨询与预约): anyone, without an account, asks the service
//! window a question or asks for a time to come in. The window answers, or confirms a time
//! (the one asked for or another it offers); a consultation may turn into an application, or
//! be closed.
//!
//! | from                            | action  | to        | kinds             |
//! |---------------------------------|---------|-----------|-------------------|
//! | submitted                       | answer  | answered  | both              |
//! | submitted, confirmed            | confirm | confirmed | appointment       |
//! | submitted, answered, confirmed  | convert | converted | both              |
//! | submitted, answered, confirmed  | close   | closed    | both              |
//!
//! `converted` and `closed` are final. Who may act (the window and the office) is the
//! policy's (`policy::Action::HandleConsultations`); when a slot is open to booking is
//! [`slot`]'s.

pub mod slot;
#[cfg(test)]
mod tests;

use crate::codes::code_enum;
use crate::text::{Phone, TextError};

pub use slot::{BOOKING_HORIZON_DAYS, SLOT_MINUTES, SlotError, check_slot, open_slots};

code_enum! {
    /// What a consultation asks for (`consultations.kind`).
    pub enum ConsultationKind: "consultation kind" {
        /// A question, answered in writing.
        Question = "question",
        /// A time to meet the window (预约), from its office hours.
        Appointment = "appointment",
    }
}

code_enum! {
    /// Where a consultation stands (`consultations.state`).
    pub enum ConsultationState: "consultation state" {
        /// Received; the window has not acted yet.
        Submitted = "submitted",
        /// The window answered it.
        Answered = "answered",
        /// The window confirmed a time (the one asked for or another).
        Confirmed = "confirmed",
        /// It became an application (a draft case). Final.
        Converted = "converted",
        /// Closed without an application (handled, withdrawn, or not for this service). Final.
        Closed = "closed",
    }
}

code_enum! {
    /// What the window may do with a consultation.
    pub enum ConsultationAction: "consultation action" {
        /// Answer it in writing.
        Answer = "answer",
        /// Confirm a time (an appointment only); again to move it.
        Confirm = "confirm",
        /// Turn it into an application.
        Convert = "convert",
        /// Close it without an application.
        Close = "close",
    }
}

/// An action the table does not allow for the consultation's state and kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{action} is not possible for a {kind} that is {state}")]
pub struct ConsultationError {
    pub kind: ConsultationKind,
    pub state: ConsultationState,
    pub action: ConsultationAction,
    /// The actions possible instead.
    pub allowed: Vec<ConsultationAction>,
}

/// The table: (kind, from, action) → to.
fn next(kind: ConsultationKind, state: ConsultationState, action: ConsultationAction) -> Option<ConsultationState> {
    use ConsultationAction as A;
    use ConsultationKind as K;
    use ConsultationState as S;
    match (kind, state, action) {
        (_, S::Submitted, A::Answer) => Some(S::Answered),
        (K::Appointment, S::Submitted | S::Confirmed, A::Confirm) => Some(S::Confirmed),
        (_, S::Submitted | S::Answered | S::Confirmed, A::Convert) => Some(S::Converted),
        (_, S::Submitted | S::Answered | S::Confirmed, A::Close) => Some(S::Closed),
        _ => None,
    }
}

/// The actions possible for a consultation of `kind` in `state`.
pub fn allowed_actions(kind: ConsultationKind, state: ConsultationState) -> Vec<ConsultationAction> {
    ConsultationAction::ALL.into_iter().filter(|a| next(kind, state, *a).is_some()).collect()
}

/// The state after `action`, or why not.
pub fn decide(
    kind: ConsultationKind,
    state: ConsultationState,
    action: ConsultationAction,
) -> Result<ConsultationState, ConsultationError> {
    next(kind, state, action).ok_or_else(|| ConsultationError {
        kind,
        state,
        action,
        allowed: allowed_actions(kind, state),
    })
}

/// Whether a consultation in `state` is over (nothing more may happen to it).
pub fn is_final(state: ConsultationState) -> bool {
    matches!(state, ConsultationState::Converted | ConsultationState::Closed)
}

/// A mainland mobile number (11 digits, `1[3-9]…`): where the window calls or texts back.
/// Stored without spaces or hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Mobile(String);

impl Mobile {
    /// A mobile number, or [`TextError::Empty`] / [`TextError::Phone`] (a landline is refused).
    pub fn parse(input: &str) -> Result<Self, TextError> {
        if input.trim().is_empty() {
            return Err(TextError::Empty);
        }
        let phone = Phone::parse(input)?;
        let digits: String = phone.as_str().chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 11 && digits.starts_with('1') { Ok(Mobile(digits)) } else { Err(TextError::Phone) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `138****1234`, for lists.
    pub fn masked(&self) -> String {
        crate::text::mask_middle(&self.0)
    }
}

/// The longest question or answer, in characters.
pub const TEXT_MAX_CHARS: usize = 2000;

/// Free text that must say something, of at most `max` characters; trimmed.
pub fn parse_text(input: &str, max: usize) -> Result<String, TextError> {
    let t = input.trim();
    if t.is_empty() {
        return Err(TextError::Empty);
    }
    if t.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    Ok(t.to_owned())
}

/// Optional free text: blank is none.
pub fn parse_optional_text(input: Option<&str>, max: usize) -> Result<Option<String>, TextError> {
    match input.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => parse_text(t, max).map(Some),
    }
}
