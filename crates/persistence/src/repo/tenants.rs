use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use butler_domain::settings::{CountyStatus, TenantKind};

use crate::StoreError;
use crate::code::Code;
use crate::entity::tenant::{self, Entity as Tenant};

pub use tenant::Model as TenantRow;

/// A new tenant (one county).
pub struct NewTenant<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub investment_threshold_fen: i64,
    pub time_zone: &'a str,
    /// A county, or the platform.
    pub kind: TenantKind,
}

pub async fn find_by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<TenantRow>, StoreError> {
    Ok(Tenant::find().filter(tenant::Column::Code.eq(code)).one(db).await?)
}

pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> Result<TenantRow, StoreError> {
    Tenant::find_by_id(id).one(db).await?.ok_or(StoreError::NotFound)
}

pub async fn create(
    db: &impl ConnectionTrait,
    new: NewTenant<'_>,
    now: DateTime<Utc>,
) -> Result<TenantRow, StoreError> {
    let row = tenant::ActiveModel {
        id: Set(super::new_id()),
        code: Set(new.code.to_owned()),
        name: Set(new.name.to_owned()),
        investment_threshold_fen: Set(new.investment_threshold_fen),
        time_zone: Set(new.time_zone.to_owned()),
        target_working_days: Set(butler_domain::analytics::DEFAULT_TARGET_WORKING_DAYS),
        created_at: Set(now),
        kind: Set(Code(new.kind)),
        status: Set(Code(CountyStatus::Active)),
        status_reason: Set(None),
        status_changed_at: Set(None),
    };
    Ok(Tenant::insert(row).exec_with_returning(db).await?)
}

/// Sets the tenant's project-wide target in working days.
pub async fn set_target_working_days(db: &impl ConnectionTrait, id: Uuid, days: i32) -> Result<TenantRow, StoreError> {
    let row = tenant::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        target_working_days: Set(days),
        ..Default::default()
    };
    Ok(Tenant::update(row).exec(db).await?)
}
