//! The platform's view of the counties: every tenant of kind `county` with its numbers, its
//! name and its standing (active or suspended), and what a suspension does to the county's
//! accounts. The only queries that look across tenants, for the platform administrator.

use butler_domain::api_access::AccountKind;
use butler_domain::settings::{CountyStatus, TenantKind};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func, Query, SelectStatement, SimpleExpr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entity::tenant::{self, Entity as Tenant};
use crate::entity::{case, refresh_token, user};
use crate::repo::tenants::TenantRow;
use crate::{Code, StoreError};

/// How many people and cases a county holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// People's accounts (API clients' accounts are not counted).
    pub users: u64,
    pub cases: u64,
}

#[derive(Debug, FromQueryResult)]
struct TenantCount {
    tenant_id: Uuid,
    n: i64,
}

async fn counts_by_tenant(
    db: &impl ConnectionTrait,
    users_only: bool,
    tenant_ids: &[Uuid],
) -> Result<Vec<TenantCount>, StoreError> {
    if users_only {
        Ok(user::Entity::find()
            .select_only()
            .column(user::Column::TenantId)
            .column_as(SimpleExpr::from(Func::count(Expr::col(user::Column::Id))), "n")
            .filter(user::Column::TenantId.is_in(tenant_ids.iter().copied()))
            .filter(user::Column::AccountKind.eq(Code(AccountKind::Person)))
            .group_by(user::Column::TenantId)
            .into_model::<TenantCount>()
            .all(db)
            .await?)
    } else {
        Ok(case::Entity::find()
            .select_only()
            .column(case::Column::TenantId)
            .column_as(SimpleExpr::from(Func::count(Expr::col(case::Column::Id))), "n")
            .filter(case::Column::TenantId.is_in(tenant_ids.iter().copied()))
            .group_by(case::Column::TenantId)
            .into_model::<TenantCount>()
            .all(db)
            .await?)
    }
}

/// Every county (never the platform), by code, with its numbers.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<(TenantRow, Counts)>, StoreError> {
    let rows = Tenant::find()
        .filter(tenant::Column::Kind.eq(Code(TenantKind::County)))
        .order_by_asc(tenant::Column::Code)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|t| t.id).collect();
    let users = counts_by_tenant(db, true, &ids).await?;
    let cases = counts_by_tenant(db, false, &ids).await?;
    let of = |list: &[TenantCount], id: Uuid| {
        list.iter().find(|c| c.tenant_id == id).map(|c| u64::try_from(c.n).unwrap_or(0)).unwrap_or(0)
    };
    Ok(rows
        .into_iter()
        .map(|t| {
            let counts = Counts { users: of(&users, t.id), cases: of(&cases, t.id) };
            (t, counts)
        })
        .collect())
}

/// One county's numbers.
pub async fn counts(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Counts, StoreError> {
    let users = user::Entity::find()
        .filter(user::Column::TenantId.eq(tenant_id))
        .filter(user::Column::AccountKind.eq(Code(AccountKind::Person)))
        .count(db)
        .await?;
    let cases = case::Entity::find().filter(case::Column::TenantId.eq(tenant_id)).count(db).await?;
    Ok(Counts { users, cases })
}

/// Renames a county.
pub async fn rename(db: &impl ConnectionTrait, id: Uuid, name: &str) -> Result<TenantRow, StoreError> {
    let row = tenant::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        name: Set(name.to_owned()),
        ..Default::default()
    };
    Ok(Tenant::update(row).exec(db).await?)
}

/// Sets a county's standing, with the reason and the time of the change.
pub async fn set_status(
    db: &impl ConnectionTrait,
    id: Uuid,
    status: CountyStatus,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<TenantRow, StoreError> {
    let row = tenant::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        status: Set(Code(status)),
        status_reason: Set(Some(reason.to_owned())),
        status_changed_at: Set(Some(now)),
        ..Default::default()
    };
    Ok(Tenant::update(row).exec(db).await?)
}

/// Ends every session of the county's accounts: their refresh tokens are revoked and access
/// tokens issued until `now` are no longer honoured (even once the county is reinstated).
/// Returns the number of refresh tokens revoked.
pub async fn end_sessions(db: &impl ConnectionTrait, tenant_id: Uuid, now: DateTime<Utc>) -> Result<u64, StoreError> {
    user::Entity::update_many()
        .col_expr(user::Column::SessionsValidFrom, Expr::value(Some(now)))
        .filter(user::Column::TenantId.eq(tenant_id))
        .exec(db)
        .await?;
    let res = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Some(now)))
        .filter(refresh_token::Column::TenantId.eq(tenant_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// The standing of the tenant `user_id` belongs to (`None`: no such user).
pub async fn status_of_user(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Option<CountyStatus>, StoreError> {
    let tenant_of_user = Query::select()
        .column(user::Column::TenantId)
        .from(user::Entity)
        .and_where(user::Column::Id.eq(user_id))
        .to_owned();
    let row = Tenant::find().filter(tenant::Column::Id.in_subquery(tenant_of_user)).one(db).await?;
    Ok(row.map(|t| t.status.0))
}

/// The ids of the tenants whose work goes on (not suspended): the background sweeps
/// (reminders, deliveries) take only their rows, so a suspended county's wait and resume
/// on reinstatement.
pub fn working_tenants() -> SelectStatement {
    Query::select()
        .column(tenant::Column::Id)
        .from(Tenant)
        .and_where(tenant::Column::Status.eq(Code(CountyStatus::Active)))
        .to_owned()
}
