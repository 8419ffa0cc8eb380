//! Managing the catalog's item versions: create an item (its first draft), start a new version,
//! edit a draft (guarded by its revision, `If-Match`), discard it, publish it (the version it
//! replaces retires that day) and retire a published one. Department roles write drafts of
//! their own department's items; the office and admins write any and alone publish and retire
//! (`butler_domain::policy`). The fields obey `butler_domain::catalog::rules`; the statuses
//! `butler_domain::catalog::version`. Each use case is one transaction, recorded in the audit
//! trail.

use butler_domain::audit::AuditAction;
use butler_domain::catalog::rules::{self, FieldProblem, ItemDraft, MaterialDraft};
use butler_domain::catalog::version::{ItemVersionError, decide};
use butler_domain::catalog::{ItemAction, ItemStatus};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::StoreError;
use butler_persistence::repo::items::{self as repo, ItemWithMaterials, NewItem, NewMaterial};
use butler_persistence::repo::{departments, item_versions};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DatabaseTransaction};
use serde_json::json;
use uuid::Uuid;

use super::{Item, with_department};
use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::calendar::tenant_calendar;
use crate::cases::check_version;
use crate::error::{AppError, FieldError};

fn field_errors(problems: Vec<FieldProblem>) -> AppError {
    AppError::Validation(problems.into_iter().map(|p| FieldError::new(p.field, p.code, p.zh, p.en)).collect())
}

fn transition_error(e: ItemVersionError) -> AppError {
    AppError::InvalidTransition {
        state: e.status.code().to_owned(),
        action: e.action.code().to_owned(),
        allowed: e.allowed.into_iter().map(|a| a.code().to_owned()).collect(),
    }
}

fn department_scope(actor: &Actor, department_id: Uuid) -> Scope {
    Scope { department_id: Some(department_id), ..Scope::tenant(actor.tenant_id) }
}

/// The editable fields of a stored version (to copy into a new draft).
pub(crate) fn draft_of(row: &ItemWithMaterials) -> ItemDraft {
    let it = &row.item;
    ItemDraft {
        code: it.code.clone(),
        name: it.name.clone(),
        department_id: it.department_id,
        stage: it.stage.0,
        legal_basis: it.legal_basis.clone(),
        legal_limit: it.legal_limit.clone(),
        promised_limit: it.promised_limit.clone(),
        allows_tolerance: it.allows_tolerance,
        allows_commitment: it.allows_commitment,
        max_extension_days: it.max_extension_days,
        legal_fees: it.legal_fees.clone(),
        fee_basis: it.fee_basis.clone(),
        result_name: it.result_name.clone(),
        acceptance_conditions: it.acceptance_conditions.clone(),
        intermediary_services: it.intermediary_services.clone(),
        process: it.process.clone(),
        consultation_phone: it.consultation_phone.clone(),
        complaint_phone: it.complaint_phone.clone(),
        supervision_phone: it.supervision_phone.clone(),
        source: it.source.clone(),
        source_note: it.source_note.clone(),
        materials: row
            .materials
            .iter()
            .map(|m| MaterialDraft {
                name: m.name.clone(),
                required: m.required,
                may_be_missing: m.may_be_missing,
                sample: m.sample.clone(),
                note: m.note.clone(),
            })
            .collect(),
    }
}

fn new_draft(d: ItemDraft) -> NewItem {
    NewItem {
        code: d.code,
        status: ItemStatus::Draft,
        valid_from: None,
        name: d.name,
        department_id: d.department_id,
        stage: d.stage,
        legal_basis: d.legal_basis,
        legal_limit: d.legal_limit,
        promised_limit: d.promised_limit,
        allows_tolerance: d.allows_tolerance,
        allows_commitment: d.allows_commitment,
        max_extension_days: d.max_extension_days,
        legal_fees: d.legal_fees,
        fee_basis: d.fee_basis,
        result_name: d.result_name,
        acceptance_conditions: d.acceptance_conditions,
        intermediary_services: d.intermediary_services,
        process: d.process,
        consultation_phone: d.consultation_phone,
        complaint_phone: d.complaint_phone,
        supervision_phone: d.supervision_phone,
        source: d.source,
        source_note: d.source_note,
        materials: d
            .materials
            .into_iter()
            .map(|m| NewMaterial {
                name: m.name,
                required: m.required,
                may_be_missing: m.may_be_missing,
                sample: m.sample,
                note: m.note,
            })
            .collect(),
    }
}

/// Checks the fields and that the department is the tenant's; returns the normalised draft.
async fn checked(txn: &DatabaseTransaction, actor: &Actor, draft: &ItemDraft) -> Result<ItemDraft, AppError> {
    let result = rules::check(draft);
    let mut problems = result.as_ref().err().cloned().unwrap_or_default();
    match departments::get(txn, actor.tenant_id, draft.department_id).await {
        Ok(_) => {}
        Err(StoreError::NotFound) => problems.push(FieldProblem {
            field: "department_id".into(),
            code: "unknown_department",
            zh: "没有这个部门".into(),
            en: "no such department".into(),
        }),
        Err(e) => return Err(e.into()),
    }
    if !problems.is_empty() {
        return Err(field_errors(problems));
    }
    result.map(rules::CheckedDraft::into_inner).map_err(field_errors)
}

async fn load(txn: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> Result<ItemWithMaterials, AppError> {
    let row = repo::get(txn, actor.tenant_id, id).await?;
    if row.item.status.0 == ItemStatus::Draft && !super::sees_drafts_of(actor, row.item.department_id) {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

async fn finish(
    ctx: &Context,
    txn: DatabaseTransaction,
    actor: &Actor,
    meta: &RequestMeta,
    action: AuditAction,
    id: Uuid,
    detail: serde_json::Value,
) -> Result<Item, AppError> {
    audit_trail::record(&txn, meta, actor, action, detail, ctx.now()).await?;
    let row = repo::get(&txn, actor.tenant_id, id).await?;
    let item = with_department(&txn, actor.tenant_id, row).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(item)
}

async fn begin(ctx: &Context) -> Result<DatabaseTransaction, AppError> {
    butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)
}

/// Creates an item: version 1 of a new code, as a draft.
pub async fn create(ctx: &Context, actor: &Actor, meta: &RequestMeta, draft: &ItemDraft) -> Result<Item, AppError> {
    authorize(actor, Action::DraftCatalogItem, department_scope(actor, draft.department_id))?;
    let txn = begin(ctx).await?;
    let draft = checked(&txn, actor, draft).await?;
    if !item_versions::versions(&txn, actor.tenant_id, &draft.code).await?.is_empty() {
        return Err(AppError::Taken(vec![FieldError::new(
            "code",
            "taken",
            "事项编码已被使用",
            "an item with this code exists already",
        )]));
    }
    let code = draft.code.clone();
    let row = item_versions::add_version(&txn, actor.tenant_id, new_draft(draft), ctx.now())
        .await
        .map_err(AppError::taken("code", "事项编码已被使用", "an item with this code exists already"))?;
    let detail = json!({"item_id": row.id, "code": code, "version": row.version});
    finish(ctx, txn, actor, meta, AuditAction::CatalogItemCreated, row.id, detail).await
}

/// Starts the next version of the item `id` belongs to: a draft copied from the version in
/// force (or, when none is, the latest). One draft per item at a time (409 otherwise).
pub async fn new_version(ctx: &Context, actor: &Actor, meta: &RequestMeta, id: Uuid) -> Result<Item, AppError> {
    let txn = begin(ctx).await?;
    let row = load(&txn, actor, id).await?;
    authorize(actor, Action::DraftCatalogItem, department_scope(actor, row.item.department_id))?;
    let versions = item_versions::versions(&txn, actor.tenant_id, &row.item.code).await?;
    if versions.iter().any(|v| v.item.status.0 == ItemStatus::Draft) {
        return Err(AppError::Conflict("a draft of this item exists already; edit or discard it".into()));
    }
    let source = match item_versions::current_by_code(&txn, actor.tenant_id, &row.item.code).await? {
        Some(current) => current,
        None => versions.into_iter().next().ok_or(AppError::NotFound)?,
    };
    let added = item_versions::add_version(&txn, actor.tenant_id, new_draft(draft_of(&source)), ctx.now())
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => AppError::Conflict("a draft of this item exists already".into()),
            other => other.into(),
        })?;
    let detail = json!({"item_id": added.id, "code": added.code, "version": added.version, "from": source.item.id});
    finish(ctx, txn, actor, meta, AuditAction::CatalogItemVersionStarted, added.id, detail).await
}

/// Replaces a draft's fields, if `if_match` (when given) is its revision. The code stays; a
/// department role may not move the draft to another department.
pub async fn update(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    if_match: Option<i32>,
    draft: &ItemDraft,
) -> Result<Item, AppError> {
    let txn = begin(ctx).await?;
    let row = load(&txn, actor, id).await?;
    authorize(actor, Action::DraftCatalogItem, department_scope(actor, row.item.department_id))?;
    authorize(actor, Action::DraftCatalogItem, department_scope(actor, draft.department_id))?;
    decide(row.item.status.0, ItemAction::Edit).map_err(transition_error)?;
    check_version(row.item.revision, if_match)?;
    if draft.code.trim() != row.item.code {
        return Err(AppError::field(
            "code",
            "code_fixed",
            "事项编码创建后不能修改",
            "an item's code cannot change once created",
        ));
    }
    let draft = checked(&txn, actor, draft).await?;
    item_versions::replace_draft(&txn, actor.tenant_id, id, row.item.revision, new_draft(draft), ctx.now()).await?;
    let detail = json!({"item_id": id, "code": row.item.code, "version": row.item.version});
    finish(ctx, txn, actor, meta, AuditAction::CatalogItemEdited, id, detail).await
}

/// Throws a draft away.
pub async fn discard(ctx: &Context, actor: &Actor, meta: &RequestMeta, id: Uuid) -> Result<(), AppError> {
    let txn = begin(ctx).await?;
    let row = load(&txn, actor, id).await?;
    authorize(actor, Action::DraftCatalogItem, department_scope(actor, row.item.department_id))?;
    decide(row.item.status.0, ItemAction::Discard).map_err(transition_error)?;
    item_versions::discard_draft(&txn, actor.tenant_id, id).await?;
    let detail = json!({"item_id": id, "code": row.item.code, "version": row.item.version});
    audit_trail::record(&txn, meta, actor, AuditAction::CatalogItemDiscarded, detail, ctx.now()).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(())
}

/// Puts a draft in force from `valid_from` (default: today on the county's calendar); the
/// version it replaces retires that day.
pub async fn publish(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    valid_from: Option<NaiveDate>,
) -> Result<Item, AppError> {
    let now = ctx.now();
    let today = tenant_calendar(ctx, actor.tenant_id).await?.local_date(now);
    let txn = begin(ctx).await?;
    let row = load(&txn, actor, id).await?;
    authorize(actor, Action::PublishCatalogItem, department_scope(actor, row.item.department_id))?;
    decide(row.item.status.0, ItemAction::Publish).map_err(transition_error)?;
    let current = item_versions::current_by_code(&txn, actor.tenant_id, &row.item.code).await?;
    let valid_from = valid_from.unwrap_or(today);
    rules::check_valid_from(valid_from, today, current.as_ref().and_then(|c| c.item.valid_from))
        .map_err(|p| field_errors(vec![p]))?;
    let retired = item_versions::publish(&txn, actor.tenant_id, id, valid_from, now).await?;
    let detail = json!({
        "item_id": id, "code": row.item.code, "version": row.item.version,
        "valid_from": valid_from, "retired": retired,
    });
    finish(ctx, txn, actor, meta, AuditAction::CatalogItemPublished, id, detail).await
}

/// Withdraws a published version from today (the item leaves the catalog in force).
pub async fn retire(ctx: &Context, actor: &Actor, meta: &RequestMeta, id: Uuid) -> Result<Item, AppError> {
    let now = ctx.now();
    let today = tenant_calendar(ctx, actor.tenant_id).await?.local_date(now);
    let txn = begin(ctx).await?;
    let row = load(&txn, actor, id).await?;
    authorize(actor, Action::PublishCatalogItem, department_scope(actor, row.item.department_id))?;
    decide(row.item.status.0, ItemAction::Retire).map_err(transition_error)?;
    let valid_until = row.item.valid_from.map_or(today, |from| today.max(from));
    item_versions::retire(&txn, actor.tenant_id, id, valid_until, now).await?;
    let detail = json!({"item_id": id, "code": row.item.code, "version": row.item.version, "valid_until": valid_until});
    finish(ctx, txn, actor, meta, AuditAction::CatalogItemRetired, id, detail).await
}
