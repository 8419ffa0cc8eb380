//! The case (一个项目、一个方案、一事一档): its lifecycle, task sheets, chasing and history.
//!
//! Everything here is pure: the caller loads the facts, passes the time and the calendar,
//! applies the decision and appends the returned events to the case's hash-chained history.

pub mod aftercare;
pub mod chase;
pub mod deadline;
pub mod dependencies;
pub mod escalation;
pub mod evaluation;
pub mod event_action;
pub mod feed;
pub mod forms;
pub mod frozen;
pub mod history;
pub mod legal_fee;
pub mod lifecycle;
pub mod prereview;
pub mod sheet;
pub mod team;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::role::Role;

/// Who is acting, as the case rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The user.
    pub user_id: Uuid,
    /// The user's role in the case's tenant.
    pub role: Role,
    /// The user's department, for department roles.
    pub department_id: Option<Uuid>,
}

/// Writes `items` separated by `, `, or `none` when there are none (for error messages).
fn list<T: std::fmt::Display>(items: &[T]) -> String {
    if items.is_empty() {
        return "none".to_owned();
    }
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}
