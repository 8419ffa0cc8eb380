//! The security audit trail cannot be altered (等保 2.0, SPEC §10): the database itself refuses
//! any UPDATE of an `audit_log` row, and the DELETE of a row younger than 180 days (the
//! retention the law asks; the configured retention may only be longer). On PostgreSQL a
//! TRUNCATE, which skips row triggers, is refused too. Indexes serve the reader (a tenant's
//! entries newest first) and the retention sweep (entries by age).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use super::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The days within which no entry may be deleted (written out: a migration never reads the
/// domain's constants, which may change).
const KEPT_DAYS: u32 = 180;

fn triggers(backend: DbBackend) -> Vec<String> {
    match backend {
        DbBackend::Postgres => vec![
            format!(
                "CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n\
                 IF TG_OP = 'UPDATE' THEN\n\
                 RAISE EXCEPTION 'audit_log entries cannot be changed' USING ERRCODE = 'insufficient_privilege';\n\
                 END IF;\n\
                 IF TG_OP = 'TRUNCATE' THEN\n\
                 RAISE EXCEPTION 'audit_log cannot be truncated' USING ERRCODE = 'insufficient_privilege';\n\
                 END IF;\n\
                 IF OLD.at IS NULL OR OLD.at > now() - INTERVAL '{KEPT_DAYS} days' THEN\n\
                 RAISE EXCEPTION 'audit_log entries younger than {KEPT_DAYS} days cannot be deleted' \
                 USING ERRCODE = 'insufficient_privilege';\n\
                 END IF;\n\
                 RETURN OLD;\nEND\n$body$"
            ),
            "CREATE TRIGGER audit_log_guard_rows BEFORE UPDATE OR DELETE ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION audit_log_guard()"
                .to_owned(),
            "CREATE TRIGGER audit_log_guard_truncate BEFORE TRUNCATE ON audit_log \
             FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard()"
                .to_owned(),
        ],
        _ => vec![
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit_log entries cannot be changed'); END"
                .to_owned(),
            // A date SQLite cannot read counts as young: kept.
            format!(
                "CREATE TRIGGER audit_log_keep_young BEFORE DELETE ON audit_log \
                 WHEN julianday(OLD.at) IS NULL OR julianday(OLD.at) > julianday('now') - {KEPT_DAYS} \
                 BEGIN SELECT RAISE(ABORT, 'audit_log entries younger than {KEPT_DAYS} days cannot be deleted'); END"
            ),
        ],
    }
}

fn drop_triggers(backend: DbBackend) -> Vec<String> {
    match backend {
        DbBackend::Postgres => vec![
            "DROP TRIGGER IF EXISTS audit_log_guard_rows ON audit_log".to_owned(),
            "DROP TRIGGER IF EXISTS audit_log_guard_truncate ON audit_log".to_owned(),
            "DROP FUNCTION IF EXISTS audit_log_guard()".to_owned(),
        ],
        _ => vec![
            "DROP TRIGGER IF EXISTS audit_log_no_update".to_owned(),
            "DROP TRIGGER IF EXISTS audit_log_keep_young".to_owned(),
        ],
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("audit_log", "ix_audit_log_tenant_id", &["tenant_id", "id"], false)).await?;
        m.create_index(index("audit_log", "ix_audit_log_at", &["at"], false)).await?;
        let db = m.get_connection();
        for sql in triggers(db.get_database_backend()) {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for sql in drop_triggers(db.get_database_backend()) {
            db.execute_unprepared(&sql).await?;
        }
        m.drop_index(Index::drop().name("ix_audit_log_at").table(Alias::new("audit_log")).to_owned()).await?;
        m.drop_index(Index::drop().name("ix_audit_log_tenant_id").table(Alias::new("audit_log")).to_owned()).await?;
        Ok(())
    }
}
