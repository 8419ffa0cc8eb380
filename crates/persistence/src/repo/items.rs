//! The approval-item catalog. Items are versioned (draft, published, retired); `current` marks
//! the published version in force, so a case keeps pointing at the version it was planned with.

use butler_domain::catalog::{ItemStatus, Stage};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use uuid::Uuid;

use crate::entity::approval_item::{self, Entity as Item};
use crate::entity::approval_item_material::{self, Entity as Material};
use crate::page::fetch_page;
use crate::{Code, Page, PageRequest, StoreError};

pub use approval_item::Model as ItemRow;
pub use approval_item_material::Model as MaterialRow;

/// An item with its materials in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemWithMaterials {
    pub item: ItemRow,
    pub materials: Vec<MaterialRow>,
}

/// Filters of the catalog list.
#[derive(Debug, Default, Clone)]
pub struct ItemFilter {
    pub stage: Option<Stage>,
    pub department_id: Option<Uuid>,
    /// Part of the item's name.
    pub name_contains: Option<String>,
    /// Versions in this status instead of the catalog in force (the published version of
    /// each code that is current).
    pub status: Option<ItemStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMaterial {
    pub name: String,
    pub required: bool,
    pub may_be_missing: bool,
    pub sample: Option<String>,
    pub note: Option<String>,
}

/// One version of an item as written: its status (a published one is current) and fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewItem {
    pub code: String,
    pub status: ItemStatus,
    pub valid_from: Option<NaiveDate>,
    pub name: String,
    pub department_id: Uuid,
    pub stage: Stage,
    pub legal_basis: Option<String>,
    pub legal_limit: Option<String>,
    pub promised_limit: Option<String>,
    pub allows_tolerance: bool,
    pub allows_commitment: bool,
    pub max_extension_days: Option<i32>,
    pub legal_fees: Option<String>,
    pub fee_basis: Option<String>,
    pub result_name: Option<String>,
    pub acceptance_conditions: Option<String>,
    pub intermediary_services: Option<String>,
    pub process: Option<String>,
    pub consultation_phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub supervision_phone: Option<String>,
    pub source: Option<String>,
    pub source_note: Option<String>,
    pub materials: Vec<NewMaterial>,
}

/// The current version of each item (or the versions in `filter.status`), filtered and paged,
/// with materials (two queries).
pub async fn list_current(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &ItemFilter,
    page: PageRequest,
) -> Result<Page<ItemWithMaterials>, StoreError> {
    let mut select = match filter.status {
        None => in_force(tenant_id),
        Some(status) => Item::find()
            .filter(approval_item::Column::TenantId.eq(tenant_id))
            .filter(approval_item::Column::Status.eq(Code(status))),
    };
    if let Some(stage) = filter.stage {
        select = select.filter(approval_item::Column::Stage.eq(Code(stage)));
    }
    if let Some(dept) = filter.department_id {
        select = select.filter(approval_item::Column::DepartmentId.eq(dept));
    }
    if let Some(q) = &filter.name_contains {
        select = select.filter(Expr::col(approval_item::Column::Name).like(crate::search::contains(q)));
    }
    let page = fetch_page(db, select, approval_item::Column::Id, |m| m.id, page).await?;
    let ids: Vec<Uuid> = page.items.iter().map(|i| i.id).collect();
    let mut by_item = materials_of(db, &ids).await?;
    Ok(page.map(|item| {
        let materials = by_item.remove(&item.id).unwrap_or_default();
        ItemWithMaterials { item, materials }
    }))
}

/// The item versions in force now: what [`list_current`] and [`current_by_code`] read.
fn in_force(tenant_id: Uuid) -> sea_orm::Select<Item> {
    Item::find().filter(approval_item::Column::TenantId.eq(tenant_id)).filter(approval_item::Column::Current.eq(true))
}

/// The version in force now of the item with `code` (stable across versions), with its
/// materials; `None` when the tenant has no such item in force.
pub async fn current_by_code(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    code: &str,
) -> Result<Option<ItemWithMaterials>, StoreError> {
    let Some(item) = in_force(tenant_id).filter(approval_item::Column::Code.eq(code)).one(db).await? else {
        return Ok(None);
    };
    let materials = materials_of(db, &[item.id]).await?.remove(&item.id).unwrap_or_default();
    Ok(Some(ItemWithMaterials { item, materials }))
}

/// One item version by id, with its materials.
pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<ItemWithMaterials, StoreError> {
    let item = Item::find_by_id(id)
        .filter(approval_item::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    let materials = materials_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    Ok(ItemWithMaterials { item, materials })
}

/// Several items of the tenant by id, with their materials, in two statements whatever
/// their number; an id that is no item of the tenant is absent from the answer.
pub async fn get_many(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, ItemWithMaterials>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let found = Item::find()
        .filter(approval_item::Column::Id.is_in(ids.iter().copied()))
        .filter(approval_item::Column::TenantId.eq(tenant_id))
        .all(db)
        .await?;
    let found_ids: Vec<Uuid> = found.iter().map(|i| i.id).collect();
    let mut materials = materials_of(db, &found_ids).await?;
    Ok(found
        .into_iter()
        .map(|item| (item.id, ItemWithMaterials { materials: materials.remove(&item.id).unwrap_or_default(), item }))
        .collect())
}

pub(super) async fn materials_of(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<MaterialRow>>, StoreError> {
    let mut out: HashMap<Uuid, Vec<MaterialRow>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows = Material::find()
        .filter(approval_item_material::Column::ItemId.is_in(ids.iter().copied()))
        .order_by_asc(approval_item_material::Column::Position)
        .all(db)
        .await?;
    for row in rows {
        out.entry(row.item_id).or_default().push(row);
    }
    Ok(out)
}

/// Whether the tenant's catalog has any item.
pub async fn any(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<bool, StoreError> {
    Ok(Item::find().filter(approval_item::Column::TenantId.eq(tenant_id)).one(db).await?.is_some())
}

/// Adds version 1 of a new item with its materials (published ones become current).
pub async fn create(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    new: NewItem,
    now: DateTime<Utc>,
) -> Result<ItemRow, StoreError> {
    insert(db, tenant_id, 1, new, now).await
}

/// Inserts one version of an item with its materials.
pub(super) async fn insert(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    version: i32,
    new: NewItem,
    now: DateTime<Utc>,
) -> Result<ItemRow, StoreError> {
    let id = super::new_id();
    let row = approval_item::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant_id),
        code: Set(new.code),
        version: Set(version),
        revision: Set(1),
        current: Set(new.status == ItemStatus::Published),
        status: Set(Code(new.status)),
        valid_from: Set(new.valid_from),
        valid_until: Set(None),
        name: Set(new.name),
        department_id: Set(new.department_id),
        stage: Set(Code(new.stage)),
        legal_basis: Set(new.legal_basis),
        legal_limit: Set(new.legal_limit),
        promised_limit: Set(new.promised_limit),
        allows_tolerance: Set(new.allows_tolerance),
        allows_commitment: Set(new.allows_commitment),
        max_extension_days: Set(new.max_extension_days),
        legal_fees: Set(new.legal_fees),
        fee_basis: Set(new.fee_basis),
        result_name: Set(new.result_name),
        acceptance_conditions: Set(new.acceptance_conditions),
        intermediary_services: Set(new.intermediary_services),
        process: Set(new.process),
        consultation_phone: Set(new.consultation_phone),
        complaint_phone: Set(new.complaint_phone),
        supervision_phone: Set(new.supervision_phone),
        source: Set(new.source),
        source_note: Set(new.source_note),
        created_at: Set(now),
        updated_at: Set(None),
    };
    let item = Item::insert(row).exec_with_returning(db).await?;
    insert_materials(db, id, new.materials).await?;
    Ok(item)
}

/// Writes an item version's materials in order.
pub(super) async fn insert_materials(
    db: &impl ConnectionTrait,
    id: Uuid,
    materials: Vec<NewMaterial>,
) -> Result<(), StoreError> {
    let materials: Vec<_> = materials
        .into_iter()
        .enumerate()
        .map(|(i, m)| approval_item_material::ActiveModel {
            id: Set(super::new_id()),
            item_id: Set(id),
            position: Set(i as i32 + 1),
            name: Set(m.name),
            required: Set(m.required),
            may_be_missing: Set(m.may_be_missing),
            sample: Set(m.sample),
            note: Set(m.note),
        })
        .collect();
    if !materials.is_empty() {
        Material::insert_many(materials).exec_without_returning(db).await?;
    }
    Ok(())
}
