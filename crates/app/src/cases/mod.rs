//! The case lifecycle, from application to archive: what every case use case shares (the
//! case loaded with its items, team and sheets; visibility; the guards' facts; writing the
//! changed case and its history), and one module per use case.

mod aftercare_views;
pub mod facts;
mod follow_ups;
mod history;
mod intake;
mod project_code;
mod reads;
mod team_plan;
mod transition;
pub mod view;

pub use aftercare_views::{
    EvaluationRecord, FollowUp, Rectification, RectificationFilter, RectificationItem, evaluations, follow_ups,
    open_rectifications, rectifications,
};
pub use follow_ups::{record_follow_up, reply_rectification, schedule_follow_up};
pub use history::{HistoryEvent, Timeline, dossier_gaps, timeline, verify_history};
pub(crate) use intake::create_in;
pub use intake::{Origin, create, update};
pub use project_code::set_project_code;
pub use reads::{ChainVerification, get, list, prerequisite_ids, verify_chain};
pub use team_plan::forecast;
pub use transition::run;
pub use view::allowed_actions;

use intake::{from_catalog, off_catalog};
use team_plan::{one_time_notification, plan_items, team_members};

use butler_domain::calendar::Calendar;
use butler_domain::case::Actor as CaseActor;
use butler_domain::case::event_action::EventAction;
use butler_domain::case::frozen::{self, CaseWrite};
use butler_domain::case::lifecycle::{self, CaseContext, CaseError, CaseState, EvaluationStatus};
use butler_domain::case::team::{self, Seat, TeamRole};
use butler_domain::policy::{self, Actor, CaseVisibility};
use butler_persistence::repo::cases::{self, CaseRow};
use butler_persistence::repo::conditions::{self, ConditionRow};
use butler_persistence::repo::history::{ChainHead, NewEvent};
use butler_persistence::repo::sheets::SheetRow;
use butler_persistence::repo::{history as history_repo, sheets};
use butler_persistence::{Code, DatabaseTransaction, StoreError};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use uuid::Uuid;

use crate::Context;
use crate::error::{AppError, FieldError};

/// A case with everything its rules and its page need.
#[derive(Debug, Clone)]
pub struct CaseBundle {
    pub case: CaseRow,
    pub items: Vec<cases::CaseItemRow>,
    pub team: Vec<cases::TeamMemberRow>,
    pub sheets: Vec<SheetRow>,
    /// The conditions not lifted on the case and on its enterprise (by credit code); which
    /// are in force, and what they do, is the domain's (`crate::conditions::restrictions`).
    pub conditions: Vec<ConditionRow>,
}

/// The state of a stored case.
pub fn state_of(case: &CaseRow) -> Result<CaseState, AppError> {
    Ok(case.state.0)
}

pub fn case_actor(actor: &Actor) -> CaseActor {
    CaseActor { user_id: actor.user_id, role: actor.role, department_id: actor.department_id }
}

/// The tenant's working-day calendar.
pub async fn calendar(ctx: &Context, tenant_id: Uuid) -> Result<Arc<Calendar>, AppError> {
    crate::calendar::tenant_calendar(ctx, tenant_id).await
}

/// Maps a lifecycle refusal to the API's error; with the context, a guard failure lists
/// every unmet guard of the transition, not only the first.
pub fn lifecycle_error_in(err: CaseError, from: CaseState, ctx: &CaseContext) -> AppError {
    if let CaseError::GuardFailed { action, .. } = &err
        && let Ok(t) = lifecycle::transition(from, *action)
    {
        let failed: Vec<lifecycle::Guard> = t.guards.iter().copied().filter(|g| !g.holds(ctx)).collect();
        if !failed.is_empty() {
            return guards_error(failed);
        }
    }
    lifecycle_error(err)
}

pub(crate) fn guards_error(failed: Vec<lifecycle::Guard>) -> AppError {
    AppError::PreconditionsNotMet(
        failed.into_iter().map(|g| FieldError::new("case", g.code(), g.description_zh(), g.description())).collect(),
    )
}

/// Maps a lifecycle refusal to the API's error.
pub fn lifecycle_error(err: CaseError) -> AppError {
    match err {
        CaseError::NotAllowed { state, action, allowed } => AppError::InvalidTransition {
            state: state.code().to_owned(),
            action: action.code().to_owned(),
            allowed: allowed.into_iter().map(|a| a.code().to_owned()).collect(),
        },
        CaseError::RoleNotAllowed { .. } => AppError::Forbidden,
        CaseError::GuardFailed { guard, .. } => guards_error(vec![guard]),
        CaseError::NoStateToReopen { .. } => AppError::PreconditionsNotMet(vec![FieldError::new(
            "case",
            "no_state_to_reopen",
            "找不到关闭前的状态",
            "no state to reopen to",
        )]),
    }
}

/// Loads a case of the caller's tenant with items, team, sheets and the conditions on it and
/// its enterprise (five queries).
pub async fn load(db: &impl sea_orm::ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<CaseBundle, AppError> {
    let case = cases::get(db, tenant_id, id).await?;
    load_around(db, case).await
}

/// [`load`] for a case row already read (four queries).
pub(crate) async fn load_around(db: &impl sea_orm::ConnectionTrait, case: CaseRow) -> Result<CaseBundle, AppError> {
    let (tenant_id, id) = (case.tenant_id, case.id);
    let items = cases::items(db, id).await?;
    let team = cases::team(db, id).await?;
    let sheets = sheets::for_case(db, id).await?;
    let conditions = conditions::for_case(db, tenant_id, id, case.enterprise_id).await?;
    Ok(CaseBundle { case, items, team, sheets, conditions })
}

/// Loads a case to change it — the one door of every write path of a case and its sheets:
/// [`load`], visible to `actor` ([`check_visible`]), taking `write` in its state ([`writable`]:
/// an archived file is read-only), and no lock in force on it or its enterprise at `now` (else
/// 409 `preconditions_not_met` naming the condition).
pub(crate) async fn load_for_change(
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    now: DateTime<Utc>,
    write: CaseWrite,
) -> Result<CaseBundle, AppError> {
    let b = load(db, actor.tenant_id, id).await?;
    may_change(actor, b, now, write)
}

/// [`load_for_change`] of the case of the sheet `sheet_id`, read with it: the sheet's row is
/// among the bundle's sheets.
pub(crate) async fn load_for_change_of_sheet(
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    sheet_id: Uuid,
    now: DateTime<Utc>,
    write: CaseWrite,
) -> Result<CaseBundle, AppError> {
    let case = cases::of_sheet(db, actor.tenant_id, sheet_id).await?;
    may_change(actor, load_around(db, case).await?, now, write)
}

/// `b` if `actor` may see it, its state takes `write` and no lock in force at `now` stops
/// changes.
fn may_change(actor: &Actor, b: CaseBundle, now: DateTime<Utc>, write: CaseWrite) -> Result<CaseBundle, AppError> {
    check_visible(actor, &b)?;
    writable(&b.case, write)?;
    crate::conditions::restrictions(&b.conditions, now)
        .may_change()
        .map_err(|stopped| AppError::PreconditionsNotMet(vec![crate::conditions::stopped_error(&stopped)]))?;
    Ok(b)
}

/// Whether the stored case takes `write` in its state, as the domain decides
/// ([`frozen::may_write`]); else 409 `case_frozen` naming the state. Every write about a case
/// asks here, through [`load_for_change`] or, for a write that loads the case row alone (a
/// supervision notice), directly.
pub(crate) fn writable(case: &CaseRow, write: CaseWrite) -> Result<(), AppError> {
    frozen::may_write(case.state.0, write).map_err(|f| AppError::CaseFrozen { state: f.state.code().to_owned() })
}

/// A refusal of the lifecycle with the hold that fails `NotOnCreditBlacklist` named: its
/// severity, source, document number and reason (the one thing about a condition the
/// enterprise's own users are told).
pub(crate) fn naming_the_hold(err: AppError, b: &CaseBundle, now: DateTime<Utc>) -> AppError {
    let AppError::PreconditionsNotMet(mut fields) = err else { return err };
    if let Err(stopped) = crate::conditions::restrictions(&b.conditions, now).may_apply() {
        let named = crate::conditions::stopped_error(&stopped);
        for f in fields.iter_mut().filter(|f| f.code == lifecycle::Guard::NotOnCreditBlacklist.code()) {
            f.zh = named.zh.clone();
            f.en = named.en.clone();
        }
    }
    AppError::PreconditionsNotMet(fields)
}

/// Whether `actor` may see the case: officials of the tenant; an enterprise its own; a
/// department its cases (an item, a sheet or a team seat). Others get 404.
pub fn check_visible(actor: &Actor, b: &CaseBundle) -> Result<(), AppError> {
    let item_departments: Vec<Uuid> = b.items.iter().map(|i| i.department_id).collect();
    let sheet_departments: Vec<Uuid> = b.sheets.iter().map(|s| s.department_id).collect();
    let team_members: Vec<Uuid> = b.team.iter().map(|m| m.user_id).collect();
    let case = CaseVisibility {
        tenant_id: b.case.tenant_id,
        enterprise_id: b.case.enterprise_id,
        item_departments: &item_departments,
        sheet_departments: &sheet_departments,
        team_members: &team_members,
        draft: b.case.state.0 == CaseState::Draft,
    };
    Ok(policy::may_see_case(actor, &case)?)
}

/// Facts the lifecycle's guards look at, at `now`.
pub fn context(
    actor: &Actor,
    b: &CaseBundle,
    threshold_fen: i64,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> CaseContext {
    let mut ctx = CaseContext::new(case_actor(actor));
    ctx.on_credit_blacklist = crate::conditions::restrictions(&b.conditions, now).may_apply().is_err();
    ctx.reason = reason;
    ctx.reviewer_id = b.case.reviewer_id;
    ctx.investment_fen = b.case.investment_fen;
    ctx.threshold_fen = threshold_fen;
    ctx.team_complete = team_complete(b);
    ctx.plan_complete = plan_complete(b);
    ctx.all_sheets_finished =
        !b.sheets.is_empty() && b.sheets.iter().all(closed_sheet) && planned_items_all_approved_or_closed(b);
    ctx.documents_handed_over = b.case.documents_handed_over_at.is_some();
    ctx.enterprise_confirmed = b.case.enterprise_confirmed_at.is_some();
    ctx.evaluation = b.case.evaluation_status.0;
    ctx.dossier_complete = dossier_missing(b).is_empty();
    ctx.state_before_closing = b.case.state_before_closing.map(|s| s.0);
    ctx
}

/// Every planned item has a finished sheet (no item left undispatched).
pub(crate) fn planned_items_all_approved_or_closed(b: &CaseBundle) -> bool {
    b.items.iter().filter(|i| i.planned).all(|i| b.sheets.iter().any(|s| s.case_item_id == i.id && closed_sheet(s)))
}

/// Whether a sheet is finished or cancelled.
fn closed_sheet(sheet: &SheetRow) -> bool {
    sheet.state.0.is_final()
}

pub(crate) fn team_complete(b: &CaseBundle) -> bool {
    let seats: Vec<Seat> =
        b.team.iter().map(|m| Seat { department_id: m.department_id, role: m.team_role.0 }).collect();
    team::team_complete(&seats, &b.items.iter().map(|i| i.department_id).collect())
}

pub(crate) fn plan_complete(b: &CaseBundle) -> bool {
    let planned: Vec<_> = b.items.iter().filter(|i| i.planned).collect();
    !planned.is_empty() && planned.iter().all(|i| i.agent_id.is_some() && i.promised_limit.is_some())
}

/// What the dossier (一事一档) still lacks before it can be archived, as field errors.
pub fn dossier_missing(b: &CaseBundle) -> Vec<FieldError> {
    let mut missing = Vec::new();
    let c = &b.case;
    let mut need = |ok: bool, code: &str, zh: &str, en: &str| {
        if !ok {
            missing.push(FieldError::new("dossier", code, zh, en));
        }
    };
    need(c.reviewer_id.is_some(), "application_review", "缺少申请受理审核记录", "the application's review is missing");
    let terminated = c.state == CaseState::Terminated || c.state_before_closing == Some(Code(CaseState::Terminated));
    if !terminated {
        need(
            c.notification_text.is_some(),
            "one_time_notification",
            "缺少一次性告知书",
            "the one-time notification is missing",
        );
        need(
            b.sheets.iter().filter(|s| s.outcome.is_some()).all(|s| s.result_noticed_at.is_some()),
            "result_notices",
            "有办理结果尚未告知企业",
            "some results were not passed to the enterprise",
        );
        need(c.documents_handed_over_at.is_some(), "handover", "缺少材料移交记录", "the hand-over is missing");
    } else {
        need(c.closing_reason.is_some(), "termination_reason", "缺少终止原因", "the termination reason is missing");
    }
    need(
        c.enterprise_confirmed_at.is_some(),
        "enterprise_confirmation",
        "缺少企业签字确认",
        "the enterprise's confirmation is missing",
    );
    need(
        c.evaluation_status != EvaluationStatus::Pending,
        "evaluation",
        "缺少满意度评价（或放弃评价记录）",
        "the evaluation (or its declining) is missing",
    );
    missing
}

/// Checks `If-Match` against the stored version.
pub fn check_version(stored: i32, if_match: Option<i32>) -> Result<(), AppError> {
    match if_match {
        Some(v) if v != stored => Err(AppError::VersionMismatch { current: stored }),
        _ => Ok(()),
    }
}

pub(crate) fn head(case: &CaseRow) -> ChainHead {
    ChainHead { length: case.chain_length, hash: case.chain_head.clone() }
}

/// Appends a lifecycle event for `action` from `from` to the case's state.
pub(crate) fn lifecycle_event(
    actor: &Actor,
    action: EventAction,
    from: CaseState,
    to: CaseState,
    payload: serde_json::Value,
) -> NewEvent {
    NewEvent {
        actor_id: Some(actor.user_id),
        action,
        sheet_id: None,
        from_state: Some(from.code().to_owned()),
        to_state: Some(to.code().to_owned()),
        payload,
    }
}

/// Writes the changed case (version-guarded) and its events in `txn`.
pub(crate) async fn save(
    txn: &DatabaseTransaction,
    changed: CaseRow,
    expected_version: i32,
    events: Vec<NewEvent>,
    now: DateTime<Utc>,
) -> Result<CaseRow, AppError> {
    let tenant_id = changed.tenant_id;
    let case_id = changed.id;
    let head = head(&changed);
    let mut saved = cases::update_guarded(txn, changed, expected_version, now).await.map_err(conflict_as_version)?;
    let moved = history_repo::append(txn, tenant_id, case_id, &head, events, now).await.map_err(conflict_as_version)?;
    // The row as stored, with the chain head the events moved (nothing read back).
    saved.chain_length = moved.length;
    saved.chain_head = moved.hash;
    Ok(saved)
}

/// A lost optimistic race answers 409 `conflict`, never a silent overwrite.
pub(crate) fn conflict_as_version(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(msg) => AppError::Conflict(msg),
        other => other.into(),
    }
}

/// The county's investment threshold in fen (its settings in force).
pub(crate) async fn threshold(ctx: &Context, tenant_id: Uuid) -> Result<i64, AppError> {
    Ok(crate::settings::in_force(ctx, tenant_id).await?.settings.investment_threshold_fen)
}
