//! The change feed's rule on what of a history event leaves the case: the public part of its
//! payload. Free text (reasons, notes, comments, replies, recommendations, notice contents,
//! document lists) may name or describe people and stays in the case's own timeline; what is
//! kept is structure: ids, codes, states, numbers, dates and the project's name and items.

use serde_json::{Map, Value};

/// Payload keys a feed reader receives. Any other key is left out, so a key added to an event
/// later stays private until it is named here.
pub const PUBLIC_KEYS: &[&str] = &[
    // The application.
    "project_name",
    "total_investment_fen",
    "items",
    "changed",
    "project_code",
    "previous_project_code",
    // Lifecycle steps.
    "policy_checks",
    "responsible_leader_id",
    "lead_agent_id",
    "co_agent_ids",
    "agreement",
    "one_time_notification",
    "declined",
    "level",
    // Sheets (the event's `type` and its facts).
    "type",
    "sheet_id",
    "department_id",
    "acknowledge_by",
    "finish_by",
    "on_time",
    "paused_office_minutes",
    "still_missing",
    "working_days",
    "decision",
    "document_number",
    "from_user_id",
    "to_user_id",
    "channel",
    // Materials and documents.
    "item_id",
    "item",
    "position",
    "material",
    "material_id",
    "version",
    "file_id",
    "sha256",
    "size_bytes",
    "file_type",
    "on_behalf",
    "reused",
    "replaces",
    // Aftercare and supervision.
    "follow_up_id",
    "scheduled_for",
    "method",
    "rectification_id",
    "due_at",
    "notice_id",
    // Conditions on the case.
    "condition_id",
    "severity",
];

/// The public part of an event's payload: its object with only the [`PUBLIC_KEYS`]; anything
/// but an object gives an empty object.
pub fn public_payload(payload: &Value) -> Value {
    let Some(object) = payload.as_object() else { return Value::Object(Map::new()) };
    Value::Object(
        object.iter().filter(|(k, _)| PUBLIC_KEYS.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn free_text_stays_in_the_case_and_structure_goes_out() {
        let payload = json!({
            "reason": "周晓明 13800000031 未到场",
            "notes": "visited", "comment": "slow", "reply": "fixed", "recommendation": "accept",
            "content": "请加快", "note": "phoned", "handed_over_documents": ["批复"],
            "project_code": "2603-532326-00-01-012341", "sheet_id": "x", "type": "sent_back", "level": "good",
        });
        assert_eq!(
            public_payload(&payload),
            json!({"project_code": "2603-532326-00-01-012341", "sheet_id": "x", "type": "sent_back", "level": "good"})
        );
        assert_eq!(public_payload(&json!("text")), json!({}));
        assert_eq!(public_payload(&json!({"unknown_later_key": 1})), json!({}));
    }
}
