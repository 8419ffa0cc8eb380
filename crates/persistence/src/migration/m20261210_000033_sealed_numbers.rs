//! Personal numbers are kept sealed (`sm4:v1:<key id>:<base64>`, up to about 110 characters
//! for the longest number), longer than the 20 and 32 characters their columns allowed.
//! PostgreSQL enforces a `varchar`'s length, so the columns widen there; SQLite keeps any text
//! in them already. Existing values are sealed by `butler encrypt-pii`, which needs the keys the
//! migrations never see.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns holding personal numbers.
const COLUMNS: [(&str, &str); 5] = [
    ("users", "phone"),
    ("enterprises", "contact_phone"),
    ("cases", "contact_phone"),
    ("consultations", "mobile"),
    ("complaints", "mobile"),
];

/// The length a sealed number fits in, with room for a longer key id.
const SEALED_LEN: u32 = 160;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = m.get_connection();
        for (table, column) in COLUMNS {
            db.execute_unprepared(&format!(
                "ALTER TABLE \"{table}\" ALTER COLUMN \"{column}\" TYPE varchar({SEALED_LEN})"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        // Sealed values do not fit the narrower columns: the widening stays.
        Ok(())
    }
}
