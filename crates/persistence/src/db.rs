use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::time::Duration;

use crate::migration::Migrator;

/// Which database a connection speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How long a SQLite writer waits for the write lock before giving up: long enough for a
/// burst of concurrent writers on a busy machine to pass one by one (each holds the lock for
/// a few milliseconds), short of a client's patience.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a request waits for a connection of the pool by default before it is told the
/// service is overloaded ([`crate::StoreError::Busy`]).
pub const DEFAULT_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// Statements slower than this are logged (a warning with the statement and its time) by
/// default.
pub const DEFAULT_SLOW_STATEMENT: Duration = Duration::from_secs(1);

/// Opens a connection pool (see [`connect_with`]) whose requests wait up to
/// [`DEFAULT_ACQUIRE_TIMEOUT`] for a connection.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, max_connections, DEFAULT_ACQUIRE_TIMEOUT, Some(DEFAULT_SLOW_STATEMENT)).await
}

/// Opens a connection pool of `max_connections`, whose requests wait up to `acquire_timeout`
/// for a connection; statements that take `slow_statement` or longer are logged as warnings
/// (`None`: none is). For SQLite the file is created when missing (`mode=rwc` is added to a
/// URL that names no mode) and put in WAL mode so readers don't block the writer.
pub async fn connect_with(
    url: &str,
    max_connections: u32,
    acquire_timeout: Duration,
    slow_statement: Option<Duration>,
) -> Result<DatabaseConnection, DbErr> {
    let url = if url.starts_with("sqlite:") && !url.contains("mode=") && !url.contains(":memory:") {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}mode=rwc")
    } else {
        url.to_owned()
    };
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(acquire_timeout)
        // Every statement at the debug level (off unless asked for), the slow ones as warnings.
        .sqlx_logging(true)
        .sqlx_logging_level(log::LevelFilter::Debug)
        .sqlx_slow_statements_logging_settings(
            if slow_statement.is_some() { log::LevelFilter::Warn } else { log::LevelFilter::Off },
            slow_statement.unwrap_or(DEFAULT_SLOW_STATEMENT),
        )
        // Every connection of the pool, not only the first: WAL (readers never block the
        // writer), NORMAL sync (durable across a killed process in WAL mode), foreign keys, and
        // writers that queue for the write lock up to SQLITE_BUSY_TIMEOUT rather than fail
        // with "database is locked" when many write at once.
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
        });
    Database::connect(options).await
}

/// `url` (a PostgreSQL URL) with its database name replaced by `name`, keeping any query
/// (`?sslmode=…`): how the test suite and the benchmark reach the databases they create from
/// an administrative URL.
pub fn with_database(url: &str, name: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (url, None),
    };
    let base = match head.rfind('/') {
        Some(i) if i > "postgres://".len() => &head[..i],
        _ => head,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

impl Backend {
    pub fn of(db: &impl ConnectionTrait) -> Backend {
        match db.get_database_backend() {
            DbBackend::Postgres => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so concurrent writers queue on the busy timeout instead of failing
/// when a read lock cannot be upgraded; on PostgreSQL it is a plain `BEGIN`.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    if db.get_database_backend() == DbBackend::Sqlite {
        db.begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await
    } else {
        db.begin().await
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn with_database_replaces_the_name_and_keeps_the_query() {
        assert_eq!(with_database("postgres://u:p@h:5432/postgres", "bt_1"), "postgres://u:p@h:5432/bt_1");
        assert_eq!(with_database("postgres://u@h/postgres?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
    }
}
