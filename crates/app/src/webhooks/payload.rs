//! What a subscriber is sent about one history event.
//!
//! - An integrator's endpoint gets the Standard Webhooks envelope `{type, timestamp, data}`,
//!   `data` being the event as the change feed shows it: ids, the case's number and project,
//!   the action and states, and the event's own facts without personal data.
//! - The provincial platform gets the milestone by the national project code.

use butler_domain::webhook::EventType;
use butler_persistence::repo::webhooks::FedEvent;
use chrono::SecondsFormat;
use serde_json::{Map, Value, json};

/// Keys of an event's facts that hold personal data, left out of what leaves the system.
const PERSONAL: [&str; 5] = ["contact_name", "contact_phone", "phone", "id_number", "email"];

/// `value` without the [`PERSONAL`] keys, at any depth.
pub fn without_personal(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !PERSONAL.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), without_personal(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_personal).collect()),
        other => other.clone(),
    }
}

/// The event as subscribers and the change feed see it.
pub fn event_data(fed: &FedEvent) -> Value {
    let e = &fed.event;
    json!({
        "event_id": e.id,
        "case_id": e.case_id,
        "case_number": fed.case_number,
        "project_name": fed.project_name,
        "sequence": e.sequence,
        "sheet_id": e.sheet_id,
        "action": e.action.0.code(),
        "from_state": e.from_state,
        "to_state": e.to_state,
        "occurred_at": e.occurred_at.to_rfc3339_opts(SecondsFormat::Micros, true),
        "facts": without_personal(&e.payload),
    })
}

/// The Standard Webhooks envelope of an event.
pub fn standard_webhook(fed: &FedEvent) -> Value {
    json!({
        "type": EventType::of(fed.event.action.0).code(),
        "timestamp": fed.event.occurred_at.to_rfc3339_opts(SecondsFormat::Micros, true),
        "data": event_data(fed),
    })
}

/// The provincial platform's report of a milestone of the project `project_code`.
pub fn provincial(fed: &FedEvent, project_code: &str) -> Value {
    let e = &fed.event;
    json!({
        "projectCode": project_code,
        "milestone": EventType::of(e.action.0).code(),
        "occurredAt": e.occurred_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        "caseNumber": fed.case_number,
        "projectName": fed.project_name,
        "eventId": e.id,
        "sheetId": e.sheet_id,
        "state": e.to_state,
        "facts": without_personal(&e.payload),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_is_left_out_at_any_depth() {
        let facts = json!({"decision": "approved", "contact_phone": "13800000000",
            "people": [{"name": "甲", "phone": "13900000000"}]});
        let clean = without_personal(&facts);
        assert_eq!(clean, json!({"decision": "approved", "people": [{"name": "甲"}]}));
    }
}
