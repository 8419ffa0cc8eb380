//! The enterprise's evaluation (满意度评价): each level stored, and each bad one opening a
//! rectification (整改) the domain decides, with its deadline and notices.

use butler_domain::calendar::Calendar;
use butler_domain::case::evaluation::{self, EvaluationError, Rating};
use butler_domain::case::event_action::EventAction;
use butler_domain::notice::KeyIds;
use butler_domain::policy::Actor;
use butler_persistence::DatabaseTransaction;
use butler_persistence::repo::evaluations;
use butler_persistence::repo::history::NewEvent;
use chrono::{DateTime, Utc};
use serde_json::json;
use std::collections::BTreeSet;
use uuid::Uuid;

use super::{project_of, scope, team_of};
use crate::cases::CaseBundle;
use crate::commands::Evaluation;
use crate::{AppError, effects};

/// Stores the case's and the departments' evaluations; a bad one opens a rectification due
/// in the county's rectification period (15 working days by default), with the case's deadline and a notice to the office and the
/// department's leaders. Returns the history events.
pub async fn record_evaluation(
    txn: &DatabaseTransaction,
    actor: &Actor,
    b: &CaseBundle,
    e: &Evaluation,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<Vec<NewEvent>, AppError> {
    let mut given: Vec<(Rating, Option<String>)> = Vec::new();
    if let Some(level) = e.level {
        given.push((Rating { department_id: None, level }, e.comment.clone()));
    }
    given.extend(
        e.departments
            .iter()
            .map(|d| (Rating { department_id: Some(d.department_id), level: d.level }, d.comment.clone())),
    );
    let ratings: Vec<Rating> = given.iter().map(|(r, _)| *r).collect();
    let case_departments: BTreeSet<Uuid> = b.items.iter().map(|i| i.department_id).collect();
    let working_days = crate::settings::load_in_force(txn, b.case.tenant_id).await?.settings.rectification_working_days;
    let to_open = evaluation::rectifications(&ratings, &case_departments, &project_of(b), working_days, now, cal)
        .map_err(|err| match err {
            EvaluationError::NotInCase { index, .. } => AppError::field(
                &format!("departments[{index}].department_id"),
                "not_in_case",
                "该部门未参与本项目",
                "the department has no item in this case",
            ),
            EvaluationError::Calendar(c) => AppError::internal(c),
        })?;
    let team = team_of(b);
    let here = scope(b, &team, None);
    let mut events = Vec::new();
    for (index, (rating, comment)) in given.iter().enumerate() {
        let id = evaluations::create(
            txn,
            b.case.tenant_id,
            b.case.id,
            rating.department_id,
            rating.level,
            comment.as_deref(),
            actor.user_id,
            now,
        )
        .await?;
        for open in to_open.iter().filter(|o| o.rating == index) {
            let rect = evaluations::open_rectification(
                txn,
                b.case.tenant_id,
                b.case.id,
                id,
                open.department_id,
                open.due_at,
                now,
            )
            .await?;
            effects::apply_deadlines(txn, &here, std::slice::from_ref(&open.deadline), now).await?;
            let ids = KeyIds { record_id: Some(rect), ..KeyIds::default() };
            effects::deliver(txn, &here, std::slice::from_ref(&open.notice), ids, now).await?;
            events.push(NewEvent {
                actor_id: Some(actor.user_id),
                action: EventAction::RectificationOpened,
                sheet_id: None,
                from_state: None,
                to_state: None,
                payload: json!({
                    "rectification_id": rect.to_string(),
                    "department_id": open.department_id.map(|d| d.to_string()),
                    "level": rating.level,
                    "due_at": open.due_at,
                }),
            });
        }
    }
    Ok(events)
}
