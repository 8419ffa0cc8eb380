//! The national project code (一项一码, GB/T 40058-2021): unique within a tenant, entered with
//! the application or set and changed later by the window or the investment officer, with a
//! reason recorded in the case's history. A closed case keeps the code it has.

use butler_domain::case::event_action::{CaseOperation, EventAction};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::project_code::ProjectCode;
use butler_persistence::StoreError;
use butler_persistence::repo::cases;
use butler_persistence::repo::history::NewEvent;
use serde_json::json;
use uuid::Uuid;

use crate::Context;
use crate::error::{AppError, FieldError};

use super::{CaseBundle, check_version, load, load_for_change, save};

const FIELD: &str = "project_code";

fn taken() -> AppError {
    AppError::Taken(vec![FieldError::new(
        FIELD,
        "taken",
        "该项目代码已被本县另一个项目使用",
        "another case of this county already has this project code",
    )])
}

/// Whether a unique-key message is about the project code's index.
fn about_project_code(message: &str) -> bool {
    message.contains("project_code")
}

/// Refuses (409, field-level) a code another case of the tenant holds; `except` is the case
/// being changed.
pub(crate) async fn check_free(
    db: &impl sea_orm::ConnectionTrait,
    tenant_id: Uuid,
    except: Option<Uuid>,
    code: &ProjectCode,
) -> Result<(), AppError> {
    match cases::with_project_code(db, tenant_id, code.as_str()).await? {
        Some(other) if Some(other.id) != except => Err(taken()),
        _ => Ok(()),
    }
}

/// A store conflict on the project code's unique index (a concurrent writer took the code
/// after the check) as the field's 409.
pub(crate) fn taken_on_race(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(msg) if about_project_code(&msg) => taken(),
        other => other.into(),
    }
}

/// As [`taken_on_race`], for a use case's error.
pub(crate) fn taken_on_conflict(e: AppError) -> AppError {
    match e {
        AppError::Conflict(msg) if about_project_code(&msg) => taken(),
        other => other,
    }
}

/// Sets or changes the case's national project code, recording the reason in its history.
/// The window agent and the investment officer may; a closed case refuses (409).
pub async fn set_project_code(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    if_match: Option<i32>,
    code: &ProjectCode,
    reason: &str,
) -> Result<CaseBundle, AppError> {
    let now = ctx.clock.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load_for_change(&txn, actor, id, now, butler_domain::case::frozen::CaseWrite::ProjectCode).await?;
    authorize(actor, Action::SetProjectCode, Scope::tenant(actor.tenant_id))?;
    check_version(b.case.version, if_match)?;
    if b.case.state.0.is_closed() {
        return Err(AppError::InvalidTransition {
            state: b.case.state.0.code().to_owned(),
            action: CaseOperation::SetProjectCode.code().to_owned(),
            allowed: vec![],
        });
    }
    if b.case.project_code.as_deref() == Some(code.as_str()) {
        return Ok(b);
    }
    check_free(&txn, actor.tenant_id, Some(id), code).await?;
    let previous = b.case.project_code.clone();
    let mut c = b.case.clone();
    c.project_code = Some(code.as_str().to_owned());
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: EventAction::ProjectCodeSet,
        sheet_id: None,
        from_state: None,
        to_state: None,
        payload: json!({"project_code": code.as_str(), "previous_project_code": previous, "reason": reason.trim()}),
    };
    save(&txn, c, b.case.version, vec![event], now).await.map_err(taken_on_conflict)?;
    let bundle = load(&txn, actor.tenant_id, id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(bundle)
}
