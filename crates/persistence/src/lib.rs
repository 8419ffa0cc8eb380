//! Persistence of Project Butler: SeaORM entities, migrations, and repositories.
//!
//! SQLite (the embedded default) and PostgreSQL are both first-class: every migration and
//! query here runs on both, and the integration suite proves it.

pub mod code;
pub mod entity;
pub mod maintenance;
pub mod migration;
pub mod repo;
pub mod search;

mod db;
mod error;
mod page;

pub use code::{Code, Codes, StoredCode};
pub use db::{
    Backend, DEFAULT_ACQUIRE_TIMEOUT, DEFAULT_SLOW_STATEMENT, begin_write, connect, connect_with, migrate,
    with_database,
};
pub use error::{StoreError, is_pool_timeout};
pub use page::{Cursor, Page, PageRequest};
pub use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};
