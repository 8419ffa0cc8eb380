//! What an operator's commands need beyond the use cases: the migrations a database holds, an
//! online copy of an SQLite database, and every case of every tenant in turn (to check a
//! database whole after a restore).

use std::path::Path;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};
use sea_orm_migration::MigratorTrait;
use uuid::Uuid;

use crate::StoreError;
use crate::entity::{case, task_sheet};
use crate::migration::Migrator;
use crate::repo::cases::CaseRow;

/// The migrations this build knows against those a database has applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    /// Every migration of this build, in order.
    pub expected: Vec<String>,
    /// Those the database has applied, in the order applied.
    pub applied: Vec<String>,
}

impl MigrationStatus {
    /// Migrations of this build the database has not applied yet (the next start applies them).
    pub fn pending(&self) -> Vec<&str> {
        self.expected.iter().filter(|m| !self.applied.contains(m)).map(String::as_str).collect()
    }

    /// Migrations the database has applied that this build does not know: a newer release
    /// wrote it.
    pub fn unknown(&self) -> Vec<&str> {
        self.applied.iter().filter(|m| !self.expected.contains(m)).map(String::as_str).collect()
    }
}

/// The migration status of `db` (no migration table: nothing applied).
pub async fn migration_status(db: &DatabaseConnection) -> Result<MigrationStatus, DbErr> {
    let expected = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    // Read only: checking a database never creates the migration table.
    let sql = "SELECT version FROM seaql_migrations ORDER BY applied_at, version";
    let applied = match db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await {
        Ok(rows) => rows.iter().map(|r| r.try_get::<String>("", "version")).collect::<Result<_, _>>()?,
        Err(_) => Vec::new(),
    };
    Ok(MigrationStatus { expected, applied })
}

/// Writes a consistent copy of the SQLite database `db` to the new file `to` while other
/// connections (a running server) keep writing: `VACUUM INTO` reads one snapshot, as a read
/// transaction does, and writes it compacted. Refuses an existing file.
pub async fn sqlite_backup(db: &DatabaseConnection, to: &Path) -> Result<(), StoreError> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Err(StoreError::Db(DbErr::Custom("an online copy is for SQLite; use pg_dump for PostgreSQL".into())));
    }
    let path = to.to_str().ok_or_else(|| StoreError::Db(DbErr::Custom("the path is not UTF-8".into())))?;
    let quoted = path.replace('\'', "''");
    db.execute_raw(Statement::from_string(DbBackend::Sqlite, format!("VACUUM INTO '{quoted}'"))).await?;
    Ok(())
}

/// Up to `limit` cases of every tenant after `after` in id order: paging through a whole database.
pub async fn cases_after(
    db: &impl ConnectionTrait,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<CaseRow>, StoreError> {
    let mut q = case::Entity::find().order_by_asc(case::Column::Id).limit(limit);
    if let Some(after) = after {
        q = q.filter(case::Column::Id.gt(after));
    }
    Ok(q.all(db).await?)
}

/// The sheets of a case, in id order.
pub async fn sheets_of(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<task_sheet::Model>, StoreError> {
    Ok(task_sheet::Entity::find()
        .filter(task_sheet::Column::CaseId.eq(case_id))
        .order_by_asc(task_sheet::Column::Id)
        .all(db)
        .await?)
}
