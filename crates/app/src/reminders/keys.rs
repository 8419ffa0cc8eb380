//! The keys a deadline's steps are told under: the subject that starts each step's key, and
//! the steps already done. The sweep and each kind's own chase (complaints, meeting actions)
//! read them alike.

use butler_domain::case::chase;
use butler_persistence::repo::deadlines::DeadlineRow;
use std::collections::BTreeSet;

/// The subject that starts every step key of a deadline (see `chase::subject`).
pub fn subject(row: &DeadlineRow) -> String {
    match (row.complaint_id, row.meeting_action_id) {
        (Some(complaint_id), _) => butler_domain::complaint::chase::subject(complaint_id),
        (None, Some(action_id)) => butler_domain::meeting::chase::subject(action_id),
        (None, None) => chase::subject(row.case_id.unwrap_or_default(), row.sheet_id, row.kind.0.code()),
    }
}

/// The step keys already told for this deadline (text keys only).
pub fn done_keys(row: &DeadlineRow) -> BTreeSet<String> {
    row.done_steps
        .as_array()
        .map(|a| a.iter().filter_map(|k| k.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}
