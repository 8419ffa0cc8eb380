//! The window's work on a consultation: answer it, confirm a time, close it, or turn it into
//! an application. Each asks the domain's table, writes under the version guard and goes to
//! the audit trail, in one transaction.

use butler_domain::audit::AuditAction;
use butler_domain::consultation::{self as rules, ConsultationAction, check_slot};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::project_code::ProjectCode;
use butler_persistence::repo::consultations::{self as repo, ConsultationRow};
use butler_persistence::{Code, DatabaseTransaction};
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use super::submit::slot_error;
use super::{Consultation, transition_error};
use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::cases::{self, Origin};
use crate::commands::{Application, RequestedItem};
use crate::error::AppError;

/// Opens the write, loads the consultation, checks the caller, its version and the table;
/// answers the row to change with its next state set.
async fn begin(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    if_match: Option<i32>,
    action: ConsultationAction,
) -> Result<(DatabaseTransaction, ConsultationRow), AppError> {
    authorize(actor, Action::ReadConsultations, Scope::tenant(actor.tenant_id))?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let mut row = repo::get(&txn, actor.tenant_id, id).await?;
    authorize(actor, Action::HandleConsultations, Scope::tenant(actor.tenant_id))?;
    cases::check_version(row.version, if_match)?;
    let next = rules::decide(row.kind.0, row.state.0, action).map_err(transition_error)?;
    row.state = Code(next);
    row.handled_by = Some(actor.user_id);
    row.handled_at = Some(ctx.now());
    Ok((txn, row))
}

/// Writes the changed row (still carrying the version it was read at), audits `what`,
/// commits.
async fn finish(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    txn: DatabaseTransaction,
    row: ConsultationRow,
    what: AuditAction,
    mut detail: serde_json::Value,
) -> Result<Consultation, AppError> {
    let now = ctx.now();
    let expected_version = row.version;
    let saved = repo::update_guarded(&txn, row, expected_version, now).await?;
    detail["consultation_id"] = json!(saved.id);
    detail["reference"] = json!(saved.reference);
    detail["state"] = json!(saved.state.0);
    audit_trail::record(&txn, meta, actor, what, detail, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Consultation::of(&ctx.pii, saved, actor)
}

/// Answers a consultation in writing.
pub async fn answer(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    if_match: Option<i32>,
    text: String,
) -> Result<Consultation, AppError> {
    let (txn, mut row) = begin(ctx, actor, id, if_match, ConsultationAction::Answer).await?;
    row.answer = Some(text);
    finish(ctx, actor, meta, txn, row, AuditAction::ConsultationAnswered, json!({})).await
}

/// Confirms an appointment's time: the one asked for or another slot open to booking; again
/// to move it. `note` is for the requester (what to bring, where to come).
pub async fn confirm(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    if_match: Option<i32>,
    slot: Option<DateTime<Utc>>,
    note: Option<String>,
) -> Result<Consultation, AppError> {
    let (txn, mut row) = begin(ctx, actor, id, if_match, ConsultationAction::Confirm).await?;
    let at = match slot.or(row.confirmed_slot).or(row.preferred_slot) {
        Some(at) => at,
        None => return Err(AppError::field("slot", "required", "请选择时间", "a time is required")),
    };
    let calendar = crate::calendar::tenant_calendar(ctx, actor.tenant_id).await?;
    check_slot(&calendar, ctx.now(), at).map_err(|e| AppError::Validation(vec![slot_error("slot", e)]))?;
    let offered_another = row.preferred_slot != Some(at);
    row.confirmed_slot = Some(at);
    if note.is_some() {
        row.note = note;
    }
    let detail = json!({"slot": at, "offered_another": offered_another});
    finish(ctx, actor, meta, txn, row, AuditAction::ConsultationConfirmed, detail).await
}

/// Closes a consultation without an application, with an optional note.
pub async fn close(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    if_match: Option<i32>,
    note: Option<String>,
) -> Result<Consultation, AppError> {
    let (txn, mut row) = begin(ctx, actor, id, if_match, ConsultationAction::Close).await?;
    if note.is_some() {
        row.note = note;
    }
    finish(ctx, actor, meta, txn, row, AuditAction::ConsultationClosed, json!({})).await
}

/// What the window adds to turn a consultation into an application: the applying enterprise
/// (registered already) and the project's facts a consultation does not ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertCommand {
    pub enterprise_id: Uuid,
    pub industry_code: String,
    pub total_investment_fen: i64,
    pub location: String,
    pub project_code: Option<ProjectCode>,
    pub note: Option<String>,
}

/// A consultation turned into an application.
#[derive(Debug, Clone)]
pub struct Conversion {
    pub consultation: Consultation,
    /// The draft case made.
    pub case: cases::CaseBundle,
}

/// Turns a consultation into a draft application through the intake use case, in one
/// transaction: the project's name, its description (or the question) as the brief, the
/// requester as the contact, and the named catalog item carry over; the case's first history
/// event names the consultation, and the consultation the case.
pub async fn convert(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    if_match: Option<i32>,
    cmd: ConvertCommand,
) -> Result<Conversion, AppError> {
    let (txn, mut row) = begin(ctx, actor, id, if_match, ConsultationAction::Convert).await?;
    let mut items = Vec::new();
    if let Some(code) = &row.item_code
        && let Some(item_id) = repo::current_item_by_code(&txn, actor.tenant_id, code).await?
    {
        items.push(RequestedItem { catalog_item_id: Some(item_id), name: None, department_id: None });
    }
    let application = Application {
        enterprise_id: Some(cmd.enterprise_id),
        project_name: row.project_name.clone(),
        industry_code: cmd.industry_code,
        total_investment_fen: cmd.total_investment_fen,
        location: cmd.location,
        project_code: cmd.project_code,
        agreement_signed_on: None,
        brief: row.project_description.clone().unwrap_or_else(|| row.question.clone()),
        contact_name: row.name.clone(),
        contact_phone: ctx.pii.open(&row.mobile)?,
        items,
    };
    let origin = Origin { source: "consultation", reference: row.reference.clone() };
    let case = cases::create_in(ctx, &txn, actor, &application, Some(&origin)).await?;
    row.case_id = Some(case.case.id);
    if cmd.note.is_some() {
        row.note = cmd.note;
    }
    let detail = json!({"case_id": case.case.id, "case_number": case.case.number});
    let consultation = finish(ctx, actor, meta, txn, row, AuditAction::ConsultationConverted, detail).await?;
    Ok(Conversion { consultation, case })
}
