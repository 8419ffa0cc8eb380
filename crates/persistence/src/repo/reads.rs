//! What a server process asks the database before it answers a read from the facts it keeps
//! of a case: the case's stamp, one single-row read by primary key. The stamp moves with every
//! change the case's page shows: the case's version (every guarded write of the case row), its
//! history's length (every command appends to the chain, sheets' and plan's included) and its
//! tenant's directory version (the names and conditions a page shows besides the case, moved
//! by [`touch_directory`] in the writer's own transaction).

use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use std::collections::HashMap;
use uuid::Uuid;

use crate::StoreError;

/// Where a case stands for its readers: equal stamps, equal facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CaseStamp {
    pub version: i32,
    pub chain_length: i32,
    pub directory_version: i64,
}

/// The stamp columns of cases with their tenant's directory version (no condition yet).
fn stamp_columns() -> SelectStatement {
    let (cases, tenants) = (Alias::new("cases"), Alias::new("tenants"));
    Query::select()
        .column((cases.clone(), Alias::new("id")))
        .column((cases.clone(), Alias::new("tenant_id")))
        .column((cases.clone(), Alias::new("version")))
        .column((cases.clone(), Alias::new("chain_length")))
        .column((tenants.clone(), Alias::new("directory_version")))
        .from(cases.clone())
        .inner_join(tenants.clone(), Expr::col((tenants, Alias::new("id"))).equals((cases, Alias::new("tenant_id"))))
        .to_owned()
}

/// The case of a stamp row, if of `tenant_id`.
fn stamp_of(tenant_id: Uuid, row: &sea_orm::QueryResult) -> Result<Option<(Uuid, CaseStamp)>, StoreError> {
    let of: Uuid = row.try_get("", "tenant_id")?;
    if of != tenant_id {
        return Ok(None);
    }
    Ok(Some((
        row.try_get("", "id")?,
        CaseStamp {
            version: row.try_get("", "version")?,
            chain_length: row.try_get("", "chain_length")?,
            directory_version: row.try_get("", "directory_version")?,
        },
    )))
}

/// The stamp of a case of the tenant; `None` when it has no such case.
pub async fn case_stamp(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<Option<CaseStamp>, StoreError> {
    let q = stamp_columns().and_where(Expr::col((Alias::new("cases"), Alias::new("id"))).eq(id)).to_owned();
    match db.query_one(&q).await? {
        Some(row) => Ok(stamp_of(tenant_id, &row)?.map(|(_, s)| s)),
        None => Ok(None),
    }
}

/// The stamps of the tenant's cases among `ids` (those it has).
pub async fn case_stamps(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, CaseStamp>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut stamps = HashMap::with_capacity(ids.len());
    for row in db.query_all(&case_stamps_select(ids)).await? {
        if let Some((id, stamp)) = stamp_of(tenant_id, &row)? {
            stamps.insert(id, stamp);
        }
    }
    Ok(stamps)
}

/// The query of [`case_stamps`]: by key only. The tenant is checked on the rows read, not in
/// the query: SQLite keeps no statistics, and with `tenant_id = ?` beside `id IN (…)` its
/// planner takes the county's index (every case of the county, 35 ms at 100 k cases) over the
/// key (its test checks the plan).
pub fn case_stamps_select(ids: &[Uuid]) -> SelectStatement {
    stamp_columns().and_where(Expr::col((Alias::new("cases"), Alias::new("id"))).is_in(ids.iter().copied())).to_owned()
}

/// Moves the tenant's directory version on: what a case's page names besides the case
/// changed. Call it in the transaction of the change.
pub async fn touch_directory(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<(), StoreError> {
    let version = Alias::new("directory_version");
    let q = Query::update()
        .table(Alias::new("tenants"))
        .value(version.clone(), Expr::col(version).add(1))
        .and_where(Expr::col(Alias::new("id")).eq(tenant_id))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}
