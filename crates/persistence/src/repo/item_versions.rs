//! Writing an item's versions: a new draft, its edits, discarding it, publishing it (the
//! version it replaces retires the same day) and retiring a published one. The rules of when
//! each is allowed are the domain's (`butler_domain::catalog::version`); these functions only
//! write what was decided, and refuse to touch a version that is not in the status the write
//! expects (so a race between two editors leaves one of them with `Changed`).

use butler_domain::catalog::ItemStatus;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

pub use super::items::current_by_code;
use super::items::{ItemRow, ItemWithMaterials, NewItem, insert, insert_materials, materials_of};
use crate::entity::approval_item::{self, Entity as Item};
use crate::entity::approval_item_material::{self, Entity as Material};
use crate::{Code, StoreError};

/// Every version of the item `code`, newest first, with materials.
pub async fn versions(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    code: &str,
) -> Result<Vec<ItemWithMaterials>, StoreError> {
    let rows = Item::find()
        .filter(approval_item::Column::TenantId.eq(tenant_id))
        .filter(approval_item::Column::Code.eq(code))
        .order_by_desc(approval_item::Column::Version)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut by_item = materials_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|item| {
            let materials = by_item.remove(&item.id).unwrap_or_default();
            ItemWithMaterials { item, materials }
        })
        .collect())
}

/// Adds the next version of `new.code` (one more than the highest so far; 1 for a new code).
/// A second draft of the same code is refused by the database (`Conflict`, the one-draft index).
pub async fn add_version(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    new: NewItem,
    now: DateTime<Utc>,
) -> Result<ItemRow, StoreError> {
    let highest = Item::find()
        .filter(approval_item::Column::TenantId.eq(tenant_id))
        .filter(approval_item::Column::Code.eq(new.code.as_str()))
        .order_by_desc(approval_item::Column::Version)
        .one(db)
        .await?
        .map_or(0, |r| r.version);
    insert(db, tenant_id, highest + 1, new, now).await
}

/// Replaces a draft's fields and materials (the code and version stay) if it is still at
/// `revision`; its revision grows by one.
pub async fn replace_draft(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
    revision: i32,
    new: NewItem,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let res = Item::update_many()
        .set(approval_item::ActiveModel {
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
            updated_at: Set(Some(now)),
            revision: Set(revision + 1),
            ..Default::default()
        })
        .filter(approval_item::Column::Id.eq(id))
        .filter(approval_item::Column::TenantId.eq(tenant_id))
        .filter(approval_item::Column::Status.eq(Code(ItemStatus::Draft)))
        .filter(approval_item::Column::Revision.eq(revision))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(StoreError::Changed);
    }
    Material::delete_many().filter(approval_item_material::Column::ItemId.eq(id)).exec(db).await?;
    insert_materials(db, id, new.materials).await
}

/// Deletes a draft and its materials.
pub async fn discard_draft(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<(), StoreError> {
    let draft = Item::find_by_id(id)
        .filter(approval_item::Column::TenantId.eq(tenant_id))
        .filter(approval_item::Column::Status.eq(Code(ItemStatus::Draft)))
        .one(db)
        .await?
        .ok_or(StoreError::Changed)?;
    Material::delete_many().filter(approval_item_material::Column::ItemId.eq(draft.id)).exec(db).await?;
    Item::delete_by_id(draft.id).exec(db).await?;
    Ok(())
}

/// Puts a draft in force from `valid_from`; the version of the same code in force until then
/// retires on that day. Returns the retired version's id, if there was one.
pub async fn publish(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
    valid_from: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, StoreError> {
    let draft = Item::find_by_id(id)
        .filter(approval_item::Column::TenantId.eq(tenant_id))
        .filter(approval_item::Column::Status.eq(Code(ItemStatus::Draft)))
        .one(db)
        .await?
        .ok_or(StoreError::Changed)?;
    let previous = current_by_code(db, tenant_id, &draft.code).await?.map(|p| p.item.id);
    if let Some(previous) = previous {
        retire(db, tenant_id, previous, valid_from, now).await?;
    }
    let res = Item::update_many()
        .col_expr(approval_item::Column::Status, Expr::value(ItemStatus::Published.code()))
        .col_expr(approval_item::Column::Current, Expr::value(true))
        .col_expr(approval_item::Column::ValidFrom, Expr::value(valid_from))
        .col_expr(approval_item::Column::UpdatedAt, Expr::value(now))
        .filter(approval_item::Column::Id.eq(id))
        .filter(approval_item::Column::Status.eq(Code(ItemStatus::Draft)))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(StoreError::Changed);
    }
    Ok(previous)
}

/// Retires a published version from `valid_until` (it leaves the catalog).
pub async fn retire(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
    valid_until: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let res = Item::update_many()
        .col_expr(approval_item::Column::Status, Expr::value(ItemStatus::Retired.code()))
        .col_expr(approval_item::Column::Current, Expr::value(false))
        .col_expr(approval_item::Column::ValidUntil, Expr::value(valid_until))
        .col_expr(approval_item::Column::UpdatedAt, Expr::value(now))
        .filter(approval_item::Column::Id.eq(id))
        .filter(approval_item::Column::TenantId.eq(tenant_id))
        .filter(approval_item::Column::Status.eq(Code(ItemStatus::Published)))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(StoreError::Changed);
    }
    Ok(())
}
