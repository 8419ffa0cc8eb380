//! Keeping the supermarket's agencies (the office and the admin): create and edit an agency,
//! add and remove its qualifications and services, suspend and reinstate it. Every change is
//! in the security audit trail. Every signed-in user reads the list.

use butler_domain::audit::AuditAction;
use butler_domain::credit_code::CreditCode;
use butler_domain::intermediary::{self as rules, AgencyStatus, QualificationKind, RecordError};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::text::{Name, Phone};
use butler_persistence::repo::intermediaries::{self as repo, AgencyFields, NewQualification, NewService};
use chrono::NaiveDate;
use serde_json::json;
use uuid::Uuid;

use super::Agency;
use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::cases::{calendar, check_version};
use crate::error::AppError;
use crate::paging::{Page, PageRequest};

/// An agency's own fields, parsed.
#[derive(Debug, Clone)]
pub struct AgencyInput {
    pub name: Name,
    pub credit_code: CreditCode,
    pub contact: Name,
    pub phone: Phone,
    pub address: Option<String>,
    pub intro: Option<String>,
}

/// A qualification to add.
#[derive(Debug, Clone)]
pub struct QualificationInput {
    pub kind: QualificationKind,
    pub level: String,
    pub certificate_number: String,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
}

/// A service to add.
#[derive(Debug, Clone)]
pub struct ServiceInput {
    pub name: String,
    pub kind: QualificationKind,
    pub fee_note: Option<String>,
    pub item_codes: Vec<String>,
}

fn optional(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn fields(input: AgencyInput) -> AgencyFields {
    AgencyFields {
        name: input.name.into_inner(),
        credit_code: input.credit_code.as_str().to_owned(),
        contact: input.contact.into_inner(),
        phone: input.phone.into_inner(),
        address: optional(input.address),
        intro: optional(input.intro),
    }
}

const TAKEN_ZH: &str = "本县已登记该统一社会信用代码的中介机构";
const TAKEN_EN: &str = "an agency with this unified social credit code is registered already";

/// Today on the county's calendar.
pub(crate) async fn today(ctx: &Context, tenant_id: Uuid) -> Result<NaiveDate, AppError> {
    Ok(calendar(ctx, tenant_id).await?.local_date(ctx.now()))
}

async fn detail(
    db: &impl sea_orm::ConnectionTrait,
    row: repo::AgencyRow,
    today: NaiveDate,
) -> Result<Agency, AppError> {
    let mut d = repo::details(db, vec![row]).await?;
    d.pop().map(|d| Agency::of(d, today)).ok_or(AppError::NotFound)
}

/// A page of the tenant's agencies with their qualifications and services.
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    status: Option<AgencyStatus>,
    page: PageRequest,
) -> Result<Page<Agency>, AppError> {
    authorize(actor, Action::ReadIntermediaries, Scope::tenant(actor.tenant_id))?;
    list_in(ctx, actor.tenant_id, status, page).await
}

pub(crate) async fn list_in(
    ctx: &Context,
    tenant_id: Uuid,
    status: Option<AgencyStatus>,
    page: PageRequest,
) -> Result<Page<Agency>, AppError> {
    let today = today(ctx, tenant_id).await?;
    let page = repo::list_agencies(&ctx.db, tenant_id, status, page.checked()?).await?;
    let next = page.next_cursor.clone();
    let details = repo::details(&ctx.db, page.items).await?;
    Ok(Page { items: details.into_iter().map(|d| Agency::of(d, today)).collect(), next_cursor: next })
}

/// One agency.
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<Agency, AppError> {
    authorize(actor, Action::ReadIntermediaries, Scope::tenant(actor.tenant_id))?;
    let row = repo::agency(&ctx.db, actor.tenant_id, id).await?;
    detail(&ctx.db, row, today(ctx, actor.tenant_id).await?).await
}

/// Registers an agency (`active`); its credit code must be new to the county.
pub async fn create(ctx: &Context, actor: &Actor, meta: &RequestMeta, input: AgencyInput) -> Result<Agency, AppError> {
    authorize(actor, Action::ManageIntermediaries, Scope::tenant(actor.tenant_id))?;
    let today = today(ctx, actor.tenant_id).await?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let row = repo::create_agency(&txn, actor.tenant_id, fields(input), ctx.now()).await.map_err(AppError::taken(
        "credit_code",
        TAKEN_ZH,
        TAKEN_EN,
    ))?;
    let detail_json = json!({"agency_id": row.id, "name": row.name, "credit_code": row.credit_code});
    audit_trail::record(&txn, meta, actor, AuditAction::AgencyCreated, detail_json, ctx.now()).await?;
    let out = detail(&txn, row, today).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(out)
}

/// Runs `change` on the agency in one audited transaction, guarded by `if_match`.
async fn change(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    if_match: Option<i32>,
    action: AuditAction,
    apply: impl AsyncFnOnce(&sea_orm::DatabaseTransaction, &mut repo::AgencyRow) -> Result<serde_json::Value, AppError>,
) -> Result<Agency, AppError> {
    authorize(actor, Action::ManageIntermediaries, Scope::tenant(actor.tenant_id))?;
    let today = today(ctx, actor.tenant_id).await?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let mut row = repo::agency(&txn, actor.tenant_id, id).await?;
    check_version(row.version, if_match)?;
    let mut detail_json = apply(&txn, &mut row).await?;
    row.version += 1;
    row.updated_at = ctx.now();
    repo::save_agency(&txn, &row).await.map_err(AppError::taken("credit_code", TAKEN_ZH, TAKEN_EN))?;
    detail_json["agency_id"] = json!(row.id);
    audit_trail::record(&txn, meta, actor, action, detail_json, ctx.now()).await?;
    let out = detail(&txn, row, today).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(out)
}

/// Edits an agency's own fields.
pub async fn update(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    if_match: Option<i32>,
    input: AgencyInput,
) -> Result<Agency, AppError> {
    let f = fields(input);
    change(ctx, actor, meta, id, if_match, AuditAction::AgencyUpdated, async |_, row| {
        row.name = f.name;
        row.credit_code = f.credit_code;
        row.contact = f.contact;
        row.phone = f.phone;
        row.address = f.address;
        row.intro = f.intro;
        Ok(json!({"name": row.name, "credit_code": row.credit_code}))
    })
    .await
}

/// Suspends an agency (no longer offered; its engagements stay) or reinstates it, with why.
pub async fn set_status(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    if_match: Option<i32>,
    status: AgencyStatus,
    reason: &str,
) -> Result<Agency, AppError> {
    change(ctx, actor, meta, id, if_match, AuditAction::AgencyStatusSet, async |_, row| {
        let from = row.status.0;
        row.status = status.into();
        Ok(json!({"from": from.code(), "to": status.code(), "reason": reason.trim()}))
    })
    .await
}

fn record_error(e: RecordError) -> AppError {
    match e {
        RecordError::ValidityReversed => AppError::field(
            "valid_until",
            "before_valid_from",
            "有效期截止日不能早于起始日",
            "valid_until cannot be before valid_from",
        ),
        RecordError::NoItems => {
            AppError::field("item_codes", "required", "请至少关联一个审批事项", "link at least one catalog item")
        }
    }
}

/// Adds a qualification to an agency.
pub async fn add_qualification(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    q: QualificationInput,
) -> Result<Agency, AppError> {
    rules::check_validity(q.valid_from, q.valid_until).map_err(record_error)?;
    let now = ctx.now();
    change(ctx, actor, meta, id, None, AuditAction::AgencyQualificationAdded, async |txn, row| {
        let added = repo::add_qualification(
            txn,
            row,
            NewQualification {
                kind: q.kind,
                level: q.level.trim().to_owned(),
                certificate_number: q.certificate_number.trim().to_owned(),
                valid_from: q.valid_from,
                valid_until: q.valid_until,
            },
            now,
        )
        .await?;
        Ok(json!({"qualification_id": added.id, "kind": q.kind.code(), "valid_until": q.valid_until}))
    })
    .await
}

/// Removes one of an agency's qualifications.
pub async fn remove_qualification(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    qualification_id: Uuid,
) -> Result<Agency, AppError> {
    change(ctx, actor, meta, id, None, AuditAction::AgencyQualificationRemoved, async |txn, row| {
        repo::remove_qualification(txn, row, qualification_id).await?;
        Ok(json!({"qualification_id": qualification_id}))
    })
    .await
}

/// Adds a service, with the catalog items it serves, to an agency.
pub async fn add_service(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    s: ServiceInput,
) -> Result<Agency, AppError> {
    let item_codes = rules::item_codes(&s.item_codes).map_err(record_error)?;
    let now = ctx.now();
    change(ctx, actor, meta, id, None, AuditAction::AgencyServiceAdded, async |txn, row| {
        let added = repo::add_service(
            txn,
            row,
            NewService {
                name: s.name.trim().to_owned(),
                kind: s.kind,
                fee_note: optional(s.fee_note),
                item_codes: item_codes.clone(),
            },
            now,
        )
        .await?;
        Ok(json!({"service_id": added.service.id, "kind": s.kind.code(), "item_codes": item_codes}))
    })
    .await
}
