//! The office's side of meetings: convene, edit while scheduled, record the minutes with the
//! decisions and their actions (the meeting is held), close, cancel; the list and one meeting
//! for every reader the module documentation names.

use butler_domain::audit::AuditAction;
use butler_domain::case::event_action::EventAction;
use butler_domain::meeting::{
    self, ActionInput, Attendee, MeetingAction, MeetingDraft, MeetingState, Minutes, check_draft, check_minutes,
    convened_notice, transition,
};
use butler_domain::notice::KeyIds;
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::role::Role;
use butler_persistence::StoreError;
use butler_persistence::repo::history::{self as history_repo, ChainHead, NewEvent};
use butler_persistence::repo::meetings::{self, MeetingFilter, MeetingRow, NewAction, NewDecision, NewMeeting};
use butler_persistence::repo::{cases, deadlines, departments, users};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::{LIMITS, MeetingView, decision_views, field_errors, meeting_view, refusal};
use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::calendar::tenant_calendar;
use crate::effects::{self, Scope as NoticeScope};
use crate::error::{AppError, FieldError};
use crate::paging::{Page, PageRequest};

/// Filters of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingQuery {
    pub state: Option<MeetingState>,
    /// Department roles: always their own.
    pub department_id: Option<Uuid>,
    /// The meetings that discussed this case.
    pub case_id: Option<Uuid>,
}

fn sees_all(actor: &Actor) -> bool {
    matches!(actor.role, Role::Office | Role::Supervisor | Role::InvestmentLeader)
}

/// A page of meetings, newest first (department roles: those their department attends).
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    query: MeetingQuery,
    page: PageRequest,
) -> Result<Page<MeetingView>, AppError> {
    authorize(actor, Action::ReadMeetings, Scope::tenant(actor.tenant_id))?;
    let mut department_id = query.department_id;
    if !sees_all(actor) {
        if department_id.is_some() && department_id != actor.department_id {
            return Err(AppError::Forbidden);
        }
        department_id = actor.department_id;
    }
    let filter = MeetingFilter { state: query.state, department_id, case_id: query.case_id };
    let rows = meetings::list(&ctx.db, actor.tenant_id, &filter, page.checked()?).await?;
    let mut items = Vec::with_capacity(rows.items.len());
    for row in rows.items {
        let attendees = meetings::attendees(&ctx.db, row.id).await?;
        let case_ids = meetings::cases(&ctx.db, row.id).await?;
        items.push(meeting_view(row, attendees, case_ids, actor));
    }
    Ok(Page { items, next_cursor: rows.next_cursor })
}

/// Reads a meeting the caller may see: every reader who sees all, else a department that
/// attends it or owns one of its actions.
async fn readable(db: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> Result<MeetingRow, AppError> {
    authorize(actor, Action::ReadMeetings, Scope::tenant(actor.tenant_id)).map_err(|_| AppError::NotFound)?;
    let row = meetings::get(db, actor.tenant_id, id).await?;
    if sees_all(actor) {
        return Ok(row);
    }
    let Some(mine) = actor.department_id else { return Err(AppError::NotFound) };
    let attends = meetings::attendees(db, id).await?.iter().any(|a| a.department_id == mine);
    let owns =
        || async { Ok::<bool, AppError>(meetings::actions(db, id).await?.iter().any(|a| a.department_id == mine)) };
    if attends || owns().await? { Ok(row) } else { Err(AppError::NotFound) }
}

/// One meeting with its decisions and actions.
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<MeetingView, AppError> {
    let row = readable(&ctx.db, actor, id).await?;
    let now = ctx.clock.now();
    let attendees = meetings::attendees(&ctx.db, id).await?;
    let case_ids = meetings::cases(&ctx.db, id).await?;
    let decisions = meetings::decisions(&ctx.db, id).await?;
    let actions = meetings::actions(&ctx.db, id).await?;
    let mut view = meeting_view(row, attendees, case_ids, actor);
    view.decisions = decision_views(decisions, actions, actor, now);
    Ok(view)
}

/// Checks that a department of the tenant exists, and that a named official is an active
/// member of it.
async fn check_owner(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    at: &str,
    department_id: Uuid,
    user_id: Option<Uuid>,
    errors: &mut Vec<FieldError>,
) -> Result<(), AppError> {
    match departments::get(db, tenant_id, department_id).await {
        Ok(_) => {}
        Err(StoreError::NotFound) => {
            errors.push(FieldError::new(
                format!("{at}department_id"),
                "unknown_department",
                "没有这个部门",
                "no such department",
            ));
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    }
    if let Some(u) = user_id {
        match users::get(db, tenant_id, u).await {
            Ok(user) if user.active && user.department_id == Some(department_id) => {}
            Ok(_) | Err(StoreError::NotFound) => errors.push(FieldError::new(
                format!("{at}user_id"),
                "unknown_official",
                "该部门没有这位工作人员",
                "no such official in that department",
            )),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Checks what a draft names: departments, officials and cases of the tenant.
async fn check_references(db: &impl ConnectionTrait, tenant_id: Uuid, draft: &MeetingDraft) -> Result<(), AppError> {
    let mut errors = Vec::new();
    for (i, a) in draft.attendees.iter().enumerate() {
        check_owner(db, tenant_id, &format!("attendees[{i}]."), a.department_id, a.user_id, &mut errors).await?;
    }
    for (i, c) in draft.case_ids.iter().enumerate() {
        match cases::get(db, tenant_id, *c).await {
            Ok(_) => {}
            Err(StoreError::NotFound) => {
                errors.push(FieldError::new(format!("case_ids[{i}]"), "unknown_case", "没有这个项目", "no such case"))
            }
            Err(e) => return Err(e.into()),
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(AppError::Validation(errors)) }
}

async fn checked_draft(ctx: &Context, actor: &Actor, draft: &MeetingDraft) -> Result<MeetingDraft, AppError> {
    let draft = check_draft(draft, &LIMITS).map_err(field_errors)?;
    check_references(&ctx.db, actor.tenant_id, &draft).await?;
    Ok(draft)
}

fn links(draft: &MeetingDraft) -> Vec<(Uuid, Option<Uuid>)> {
    draft.attendees.iter().map(|Attendee { department_id, user_id }| (*department_id, *user_id)).collect()
}

/// Convenes a meeting; its attendees are told.
pub async fn convene(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    draft: &MeetingDraft,
) -> Result<MeetingView, AppError> {
    authorize(actor, Action::ManageMeetings, Scope::tenant(actor.tenant_id))?;
    let draft = checked_draft(ctx, actor, draft).await?;
    let now = ctx.clock.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let new = NewMeeting {
        tenant_id: actor.tenant_id,
        title: draft.title.clone(),
        kind: draft.kind,
        scheduled_at: draft.scheduled_at,
        place: draft.place.clone(),
        agenda: draft.agenda.clone(),
        created_by: actor.user_id,
    };
    let row = meetings::create(&txn, new, now).await?;
    meetings::replace_links(&txn, actor.tenant_id, row.id, &links(&draft), &draft.case_ids).await?;
    let scope =
        NoticeScope { tenant_id: actor.tenant_id, case_id: None, enterprise_id: None, team: &[], sheet_id: None };
    let ids = KeyIds { record_id: Some(row.id), ..KeyIds::default() };
    let notified = effects::deliver(&txn, &scope, &[convened_notice(&draft, actor.user_id)], ids, now).await?;
    audit_trail::record(
        &txn,
        meta,
        actor,
        AuditAction::MeetingConvene,
        json!({"meeting_id": row.id, "kind": draft.kind, "case_ids": draft.case_ids, "notified": notified}),
        now,
    )
    .await?;
    txn.commit().await.map_err(AppError::internal)?;
    get(ctx, actor, row.id).await
}

fn check_version(row: &MeetingRow, version: Option<i32>) -> Result<(), AppError> {
    match version {
        Some(v) if v != row.version => Err(AppError::VersionMismatch { current: row.version }),
        _ => Ok(()),
    }
}

/// Changes a scheduled meeting (its attendees and cases replaced).
pub async fn edit(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    version: Option<i32>,
    draft: &MeetingDraft,
) -> Result<MeetingView, AppError> {
    let row = readable(&ctx.db, actor, id).await?;
    check_version(&row, version)?;
    let to = transition(row.state.0, MeetingAction::Edit, &super::meeting_actor(actor)).map_err(refusal)?;
    let draft = checked_draft(ctx, actor, draft).await?;
    let now = ctx.clock.now();
    let after = MeetingRow {
        title: draft.title.clone(),
        kind: draft.kind.into(),
        state: to.into(),
        version: row.version + 1,
        scheduled_at: draft.scheduled_at,
        place: draft.place.clone(),
        agenda: json!(draft.agenda),
        updated_at: now,
        ..row.clone()
    };
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    meetings::save(&txn, &after).await?;
    meetings::replace_links(&txn, actor.tenant_id, id, &links(&draft), &draft.case_ids).await?;
    audit_trail::record(&txn, meta, actor, AuditAction::MeetingEdit, json!({"meeting_id": id}), now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    get(ctx, actor, id).await
}

/// Checks the owners of every action of the minutes.
async fn check_action_owners(db: &impl ConnectionTrait, tenant_id: Uuid, minutes: &Minutes) -> Result<(), AppError> {
    let mut errors = Vec::new();
    for (i, d) in minutes.decisions.iter().enumerate() {
        for (j, ActionInput { department_id, user_id, .. }) in d.actions.iter().enumerate() {
            let at = format!("decisions[{i}].actions[{j}].");
            check_owner(db, tenant_id, &at, *department_id, *user_id, &mut errors).await?;
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(AppError::Validation(errors)) }
}

/// Records the minutes with the decisions and their actions: the meeting is held, each
/// action's deadline opens, and each linked case still open records the meeting and the
/// decisions about it. One transaction.
pub async fn hold(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    version: Option<i32>,
    minutes: &Minutes,
) -> Result<MeetingView, AppError> {
    let row = readable(&ctx.db, actor, id).await?;
    check_version(&row, version)?;
    let to = transition(row.state.0, MeetingAction::Hold, &super::meeting_actor(actor)).map_err(refusal)?;
    let case_ids = meetings::cases(&ctx.db, id).await?;
    let minutes = check_minutes(minutes, &case_ids, &LIMITS).map_err(field_errors)?;
    check_action_owners(&ctx.db, actor.tenant_id, &minutes).await?;
    let now = ctx.clock.now();
    let calendar = tenant_calendar(ctx, actor.tenant_id).await?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let after = MeetingRow {
        state: to.into(),
        version: row.version + 1,
        minutes: Some(minutes.minutes.clone()),
        held_at: Some(now),
        updated_at: now,
        ..row.clone()
    };
    meetings::save(&txn, &after).await?;
    let mut recorded = Vec::new();
    let mut position = 0;
    for (i, d) in minutes.decisions.iter().enumerate() {
        let new = NewDecision {
            position: i32::try_from(i).unwrap_or(i32::MAX),
            kind: d.kind,
            text: d.text.clone(),
            case_id: d.case_id,
        };
        let decision = meetings::insert_decision(&txn, actor.tenant_id, id, new).await?;
        let mut action_ids = Vec::new();
        for a in &d.actions {
            let due_at = meeting::action_due(now, a.working_days, &calendar).map_err(AppError::internal)?;
            let new = NewAction {
                decision_id: decision.id,
                position,
                department_id: a.department_id,
                owner_id: a.user_id,
                what: a.what.clone(),
                working_days: i32::try_from(a.working_days).unwrap_or(i32::MAX),
                due_at,
            };
            position += 1;
            let action = meetings::insert_action(&txn, actor.tenant_id, id, new, now).await?;
            deadlines::open_for_meeting_action(&txn, actor.tenant_id, action.id, due_at, now).await?;
            action_ids.push(json!({"action_id": action.id.to_string(), "department_id": a.department_id.to_string(), "what": a.what, "due_at": due_at}));
        }
        recorded.push((decision, action_ids));
    }
    for case_id in &case_ids {
        let case = cases::get(&txn, actor.tenant_id, *case_id).await?;
        if !meeting::writes_to_case(case.state.0) {
            continue;
        }
        let mut events = vec![NewEvent {
            actor_id: Some(actor.user_id),
            action: EventAction::MeetingHeld,
            sheet_id: None,
            from_state: None,
            to_state: None,
            payload: json!({"meeting_id": id.to_string(), "title": row.title, "kind": row.kind.0}),
        }];
        for (decision, actions) in recorded.iter().filter(|(d, _)| d.case_id == Some(*case_id)) {
            events.push(NewEvent {
                actor_id: Some(actor.user_id),
                action: EventAction::MeetingDecision,
                sheet_id: None,
                from_state: None,
                to_state: None,
                payload: json!({
                    "meeting_id": id.to_string(),
                    "decision_id": decision.id.to_string(),
                    "kind": decision.kind.0,
                    "text": decision.text,
                    "actions": actions,
                }),
            });
        }
        let head = ChainHead { length: case.chain_length, hash: case.chain_head.clone() };
        history_repo::append(&txn, actor.tenant_id, *case_id, &head, events, now).await.map_err(|e| match e {
            StoreError::Conflict(_) => AppError::Conflict("the case history moved on".into()),
            other => other.into(),
        })?;
    }
    audit_trail::record(
        &txn,
        meta,
        actor,
        AuditAction::MeetingHold,
        json!({"meeting_id": id, "decisions": recorded.len(), "actions": position}),
        now,
    )
    .await?;
    txn.commit().await.map_err(AppError::internal)?;
    get(ctx, actor, id).await
}

/// Files a held meeting's record (its open actions stay chased), or cancels a scheduled one
/// with a reason.
pub async fn close_or_cancel(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    version: Option<i32>,
    action: MeetingAction,
    reason: Option<&str>,
) -> Result<MeetingView, AppError> {
    let row = readable(&ctx.db, actor, id).await?;
    check_version(&row, version)?;
    let to = transition(row.state.0, action, &super::meeting_actor(actor)).map_err(refusal)?;
    let now = ctx.clock.now();
    let mut after = MeetingRow { state: to.into(), version: row.version + 1, updated_at: now, ..row.clone() };
    if action == MeetingAction::Cancel {
        let reason = reason.map(str::trim).unwrap_or_default();
        if reason.is_empty() || reason.chars().count() > LIMITS.text_max_chars {
            let problem = if reason.is_empty() {
                meeting::FieldProblem::Required
            } else {
                meeting::FieldProblem::TooLong { max: LIMITS.text_max_chars }
            };
            return Err(field_errors(vec![("reason".to_owned(), problem)]));
        }
        after.cancel_reason = Some(reason.to_owned());
    } else {
        after.closed_at = Some(now);
    }
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    meetings::save(&txn, &after).await?;
    audit_trail::record(&txn, meta, actor, AuditAction::of_meeting(action), json!({"meeting_id": id}), now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    get(ctx, actor, id).await
}
