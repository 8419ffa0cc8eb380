//! Claiming rows of a work table with a lease, shared by the reminder sweep (`deadlines`) and
//! the delivery worker (`deliveries`).
//!
//! One conditional `UPDATE … SET claimed_until = lease WHERE id IN (candidates) AND
//! claimable RETURNING *`: the candidates are the first due rows, locked `FOR UPDATE SKIP
//! LOCKED` on PostgreSQL (SQLite has one writer at a time anyway), and the claimable condition
//! is checked again by the update itself, so two processes never claim the same row. The
//! lease value is the claim's fencing token: completing a claim writes only while the row
//! still carries it.

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::{Condition, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait};

use crate::StoreError;

/// The lease as stored: PostgreSQL keeps microseconds, and the token must survive the round
/// trip unchanged to fence the completion.
pub(crate) fn token(lease_until: DateTime<Utc>) -> DateTime<Utc> {
    lease_until.trunc_subsecs(6)
}

/// Claims the rows `candidates` selects (ids, locked and limited) that are still
/// `claimable`, setting `lease_col` to `lease_until`; returns them as claimed.
pub(crate) async fn claim<E>(
    db: &impl ConnectionTrait,
    id_col: E::Column,
    lease_col: E::Column,
    candidates: SelectStatement,
    claimable: Condition,
    lease_until: DateTime<Utc>,
) -> Result<Vec<E::Model>, StoreError>
where
    E: EntityTrait + Default,
{
    let claim = Query::update()
        .table(E::default())
        .value(lease_col, token(lease_until))
        .cond_where(Condition::all().add(id_col.in_subquery(candidates)).add(claimable))
        .returning_all()
        .to_owned();
    let stmt = db.get_database_backend().build(&claim);
    Ok(E::find().from_raw_sql(stmt).all(db).await?)
}
