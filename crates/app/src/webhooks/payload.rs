//! A history event as subscribers see it (the shapes are the domain's
//! `butler_domain::webhook::payload`).

use butler_domain::webhook::payload::{EventData, without_personal};
use butler_persistence::repo::webhooks::FedEvent;

/// The event's public data.
pub fn event_data(fed: &FedEvent) -> EventData {
    let e = &fed.event;
    EventData {
        event_id: e.id,
        case_id: e.case_id,
        case_number: fed.case_number.clone(),
        project_name: fed.project_name.clone(),
        project_code: None,
        sequence: e.sequence,
        sheet_id: e.sheet_id,
        action: e.action.0,
        from_state: e.from_state.clone(),
        to_state: e.to_state.clone(),
        occurred_at: e.occurred_at,
        facts: without_personal(&e.payload),
    }
}
