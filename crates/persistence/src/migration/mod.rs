//! Schema migrations. One file per migration, named `mYYYYMMDD_HHMMSS_what.rs`; an applied
//! migration is never edited — change the schema with a new one. Every migration runs on
//! SQLite and PostgreSQL (the integration suite proves it on both).

use sea_orm_migration::prelude::*;

mod m20261126_000001_foundation;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m20261126_000001_foundation::Migration)]
    }
}
