//! The shapes of what leaves the system about a history event: the published event (a
//! change-feed entry, and a webhook message's `data`), the Standard Webhooks envelope an
//! integrator receives, and the milestone the provincial platform receives. The contract
//! describes exactly these types.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::EventType;
use crate::case::event_action::EventAction;

/// One case history event as it is published: an entry of the change feed, and the `data`
/// of a webhook message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedEvent {
    /// The event's id (stable; use it to drop duplicates). A webhook message about it has the
    /// `webhook-id` `evt_` and this id without hyphens.
    pub id: Uuid,
    pub case_id: Uuid,
    /// The case's number (`EXAMPLE-2026-0001`).
    pub case_number: String,
    pub project_name: String,
    /// The national project code (一项一码), when the case carries one.
    pub project_code: Option<String>,
    /// The event's place in its case's history (1, 2, …).
    pub sequence: i32,
    /// The task sheet the event is about, for a sheet's events.
    pub sheet_id: Option<Uuid>,
    /// The history action.
    pub action: EventAction,
    /// The state before and after: the case's, or the sheet's for a sheet's events.
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub occurred_at: DateTime<Utc>,
    /// Who did it, when a user (or API client) of the county did.
    pub actor_name: Option<String>,
    /// The public part of the event's facts (`case::feed::public_payload`): ids, codes,
    /// states, numbers and dates; free text (reasons, notes, comments) stays in the case's own
    /// timeline.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub payload: Value,
}

/// The body of a webhook message (Standard Webhooks: `type`, `timestamp`, `data`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEvent {
    /// The public event type.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// When the event happened.
    pub timestamp: DateTime<Utc>,
    pub data: PublishedEvent,
}

impl WebhookEvent {
    /// The envelope of `data`.
    pub fn of(data: PublishedEvent) -> Self {
        WebhookEvent { event_type: EventType::of(data.action), timestamp: data.occurred_at, data }
    }
}

/// What the provincial platform is told of a milestone, by the national project code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProvincialMilestone {
    /// The national project code (24 characters, GB/T 40058-2021).
    pub project_code: String,
    /// Which milestone.
    pub milestone: EventType,
    pub occurred_at: DateTime<Utc>,
    /// The county's case number.
    pub case_number: String,
    pub project_name: String,
    /// The history event reported (stable: a repeated report carries the same id).
    pub event_id: Uuid,
    /// The task sheet, for an approval result.
    pub sheet_id: Option<Uuid>,
    /// The case's or sheet's state after the milestone.
    pub state: Option<String>,
    /// The milestone's public facts (the decision, the document number…).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub facts: Value,
}

impl ProvincialMilestone {
    /// The report of `data`, when its case carries a project code and it is a milestone.
    pub fn of(data: &PublishedEvent) -> Option<Self> {
        let milestone = EventType::of(data.action);
        let project_code = data.project_code.clone()?;
        milestone.is_milestone().then(|| ProvincialMilestone {
            project_code,
            milestone,
            occurred_at: data.occurred_at,
            case_number: data.case_number.clone(),
            project_name: data.project_name.clone(),
            event_id: data.id,
            sheet_id: data.sheet_id,
            state: data.to_state.clone(),
            facts: data.payload.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn data(action: EventAction, code: Option<&str>) -> PublishedEvent {
        PublishedEvent {
            id: Uuid::nil(),
            case_id: Uuid::nil(),
            case_number: "DY-2026-0001".into(),
            project_name: "新能源电池材料项目".into(),
            project_code: code.map(str::to_owned),
            sequence: 7,
            sheet_id: None,
            action,
            from_state: Some("reviewed".into()),
            to_state: Some("accepted".into()),
            occurred_at: Utc.with_ymd_and_hms(2026, 12, 5, 2, 0, 0).unwrap(),
            actor_name: Some("程立新".into()),
            payload: json!({"level": "good"}),
        }
    }

    #[test]
    fn the_envelope_names_the_public_type() {
        let body = serde_json::to_value(WebhookEvent::of(data(EventAction::Accept, None))).unwrap();
        assert_eq!(body["type"], "case.accepted");
        assert_eq!(body["data"]["action"], "accept");
        assert_eq!(body["timestamp"], body["data"]["occurred_at"]);
    }

    #[test]
    fn the_province_hears_milestones_of_coded_projects() {
        assert!(ProvincialMilestone::of(&data(EventAction::Accept, None)).is_none());
        assert!(ProvincialMilestone::of(&data(EventAction::Update, Some("2512-532326-04-01-123450"))).is_none());
        let report = ProvincialMilestone::of(&data(EventAction::Accept, Some("2512-532326-04-01-123450"))).unwrap();
        let body = serde_json::to_value(report).unwrap();
        assert_eq!(body["projectCode"], "2512-532326-04-01-123450");
        assert_eq!(body["milestone"], "case.accepted");
    }
}
