//! A county's settings, kept as versions (`tenant_settings`): the highest version is in force;
//! a county with none keeps the defaults (version 0).

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::tenant_setting::{self, Entity as TenantSetting};

pub use tenant_setting::Model as SettingsRow;

/// The version in force, if the county has any.
pub async fn current(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Option<SettingsRow>, StoreError> {
    Ok(TenantSetting::find()
        .filter(tenant_setting::Column::TenantId.eq(tenant_id))
        .order_by_desc(tenant_setting::Column::Version)
        .one(db)
        .await?)
}

/// One version.
pub async fn version(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    version: i32,
) -> Result<Option<SettingsRow>, StoreError> {
    Ok(TenantSetting::find_by_id((tenant_id, version)).one(db).await?)
}

/// Every version, newest first.
pub async fn history(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Vec<SettingsRow>, StoreError> {
    Ok(TenantSetting::find()
        .filter(tenant_setting::Column::TenantId.eq(tenant_id))
        .order_by_desc(tenant_setting::Column::Version)
        .all(db)
        .await?)
}

/// A new version, written after `current` (a concurrent writer of the same version loses on
/// the primary key: [`StoreError`] of a conflict).
pub async fn append(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    version: i32,
    settings_json: String,
    note: Option<String>,
    created_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<SettingsRow, StoreError> {
    let row = tenant_setting::ActiveModel {
        tenant_id: Set(tenant_id),
        version: Set(version),
        settings: Set(settings_json),
        note: Set(note),
        created_by: Set(created_by),
        created_at: Set(now),
    };
    Ok(TenantSetting::insert(row).exec_with_returning(db).await?)
}
