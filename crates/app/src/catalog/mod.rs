//! Reading the approval-item catalog (every signed-in user): the current version of each item
//! with its materials, filtered; one item version by id; every version of an item. Editors
//! also read drafts (their own department's, for department roles). Writing is `manage`.

pub mod manage;

use butler_domain::catalog::{ItemStatus, Stage};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::time_limit::TimeLimit;
use butler_persistence::repo::departments;
use butler_persistence::repo::items::{self as repo, ItemFilter, ItemWithMaterials};
use chrono::NaiveDate;
use std::collections::HashMap;
use uuid::Uuid;

use crate::Context;
use crate::error::AppError;
use crate::paging::{Page, PageRequest};

/// The department that handles an item, as the item names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDepartment {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// A material the enterprise provides for an item (申报材料).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    pub position: i32,
    pub name: String,
    pub required: bool,
    /// 容缺: may be missing at acceptance and supplied later.
    pub may_be_missing: bool,
    /// 示例样表.
    pub sample: Option<String>,
    /// 份数, 原件/复印件, where it comes from.
    pub note: Option<String>,
}

/// One version of an approval item, with its department and materials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: Uuid,
    /// Stable across versions.
    pub code: String,
    pub version: i32,
    /// Grows with every edit of a draft: the `ETag` its edits name in `If-Match`.
    pub revision: i32,
    pub status: ItemStatus,
    /// The first day this version is in force.
    pub valid_from: Option<NaiveDate>,
    /// The first day it no longer is.
    pub valid_until: Option<NaiveDate>,
    pub name: String,
    pub department: ItemDepartment,
    pub stage: Stage,
    /// 法定依据.
    pub legal_basis: Option<String>,
    /// 法定时限; `None` where the source gave none (or none that reads as a limit).
    pub legal_limit: Option<TimeLimit>,
    /// 承诺时限; never longer than the legal limit.
    pub promised_limit: Option<TimeLimit>,
    /// 容缺受理 allowed.
    pub allows_tolerance: bool,
    /// 告知承诺 allowed.
    pub allows_commitment: bool,
    /// Largest extension (延期) in working days; `None` when none is allowed.
    pub max_extension_days: Option<i32>,
    /// 法定收费; `None` when free.
    pub legal_fees: Option<String>,
    /// The basis of the fees.
    pub fee_basis: Option<String>,
    /// 办理结果 (the licence or document issued).
    pub result_name: Option<String>,
    /// 受理条件.
    pub acceptance_conditions: Option<String>,
    /// 中介服务 the item needs.
    pub intermediary_services: Option<String>,
    /// 审批流程.
    pub process: Option<String>,
    pub consultation_phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub supervision_phone: Option<String>,
    /// Where the facts come from (a published service guide).
    pub source: Option<String>,
    /// Notes on the source.
    pub source_note: Option<String>,
    pub materials: Vec<Material>,
}

/// Which items a catalog listing holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemQuery {
    pub stage: Option<Stage>,
    pub department_id: Option<Uuid>,
    /// Part of the item's name (blank: any).
    pub name_contains: Option<String>,
    /// Versions in this status; `None` is the catalog in force. Drafts are for editors.
    pub status: Option<ItemStatus>,
}

fn limit(text: Option<&str>) -> Option<TimeLimit> {
    text.and_then(|t| TimeLimit::parse(t).ok().flatten())
}

pub(crate) fn item_of(row: ItemWithMaterials, department: ItemDepartment) -> Result<Item, AppError> {
    let ItemWithMaterials { item, materials } = row;
    let stage = item.stage.0;
    Ok(Item {
        id: item.id,
        code: item.code,
        version: item.version,
        revision: item.revision,
        status: item.status.0,
        valid_from: item.valid_from,
        valid_until: item.valid_until,
        name: item.name,
        department,
        stage,
        legal_basis: item.legal_basis,
        legal_limit: limit(item.legal_limit.as_deref()),
        promised_limit: limit(item.promised_limit.as_deref()),
        allows_tolerance: item.allows_tolerance,
        allows_commitment: item.allows_commitment,
        max_extension_days: item.max_extension_days,
        legal_fees: item.legal_fees,
        fee_basis: item.fee_basis,
        result_name: item.result_name,
        acceptance_conditions: item.acceptance_conditions,
        intermediary_services: item.intermediary_services,
        process: item.process,
        consultation_phone: item.consultation_phone,
        complaint_phone: item.complaint_phone,
        supervision_phone: item.supervision_phone,
        source: item.source,
        source_note: item.source_note,
        materials: materials
            .into_iter()
            .map(|m| Material {
                position: m.position,
                name: m.name,
                required: m.required,
                may_be_missing: m.may_be_missing,
                sample: m.sample,
                note: m.note,
            })
            .collect(),
    })
}

/// Whether `actor` may see drafts of `department_id`'s items (who may write them).
pub(crate) fn sees_drafts_of(actor: &Actor, department_id: Uuid) -> bool {
    let scope = Scope { department_id: Some(department_id), ..Scope::tenant(actor.tenant_id) };
    authorize(actor, Action::DraftCatalogItem, scope).is_ok()
}

/// A page of the current version of each item matching `query` (or of the versions in
/// `query.status`), with materials. Drafts are listed for editors only: department roles see
/// their own department's.
pub async fn list(ctx: &Context, actor: &Actor, query: ItemQuery, page: PageRequest) -> Result<Page<Item>, AppError> {
    authorize(actor, Action::ReadCatalog, Scope::tenant(actor.tenant_id))?;
    let mut department_id = query.department_id;
    if query.status == Some(ItemStatus::Draft) {
        if actor.role.needs_department() {
            let own = actor.department_id.ok_or(AppError::Forbidden)?;
            if department_id.is_some_and(|d| d != own) {
                return Err(AppError::Forbidden);
            }
            department_id = Some(own);
        }
        authorize(actor, Action::DraftCatalogItem, Scope { department_id, ..Scope::tenant(actor.tenant_id) })?;
    }
    let filter = ItemFilter {
        stage: query.stage,
        department_id,
        name_contains: query.name_contains.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(str::to_owned),
        status: query.status,
    };
    let page = repo::list_current(&ctx.db, actor.tenant_id, &filter, page.checked()?).await?;
    let departments: HashMap<Uuid, ItemDepartment> = departments::all(&ctx.db, actor.tenant_id)
        .await?
        .into_iter()
        .map(|d| (d.id, ItemDepartment { id: d.id, code: d.code, name: d.name }))
        .collect();
    Page::from(page).try_map(|row| {
        let department = departments.get(&row.item.department_id).cloned().ok_or(AppError::NotFound)?;
        item_of(row, department)
    })
}

/// One item version by id (a draft only for those who may write it).
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<Item, AppError> {
    authorize(actor, Action::ReadCatalog, Scope::tenant(actor.tenant_id))?;
    let row = repo::get(&ctx.db, actor.tenant_id, id).await?;
    if row.item.status.0 == ItemStatus::Draft && !sees_drafts_of(actor, row.item.department_id) {
        return Err(AppError::NotFound);
    }
    with_department(&ctx.db, actor.tenant_id, row).await
}

/// Every version of the item that `id` is a version of, newest first (drafts only for those
/// who may write them).
pub async fn versions(ctx: &Context, actor: &Actor, id: Uuid) -> Result<Vec<Item>, AppError> {
    let item = get(ctx, actor, id).await?;
    let rows = butler_persistence::repo::item_versions::versions(&ctx.db, actor.tenant_id, &item.code).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if row.item.status.0 == ItemStatus::Draft && !sees_drafts_of(actor, row.item.department_id) {
            continue;
        }
        out.push(with_department(&ctx.db, actor.tenant_id, row).await?);
    }
    Ok(out)
}

pub(crate) async fn with_department(
    db: &impl sea_orm::ConnectionTrait,
    tenant_id: Uuid,
    row: ItemWithMaterials,
) -> Result<Item, AppError> {
    let d = departments::get(db, tenant_id, row.item.department_id).await?;
    item_of(row, ItemDepartment { id: d.id, code: d.code, name: d.name })
}
