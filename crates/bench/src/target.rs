//! The database the benchmark runs on: made fresh, measured, dropped; and EXPLAIN.

use anyhow::{Context, bail};
use butler_persistence::DatabaseConnection;
use chrono::Utc;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A fresh database.
pub struct Target {
    pub backend: DbBackend,
    pub url: String,
    /// PostgreSQL: (admin URL, database name) to drop at the end.
    pg: Option<(String, String)>,
    /// SQLite: the file.
    file: Option<PathBuf>,
    pub label: String,
}

impl Target {
    /// The database's name in the tables: `SQLite` or `PostgreSQL`.
    pub fn name(&self) -> &'static str {
        if self.backend == DbBackend::Postgres { "PostgreSQL" } else { "SQLite" }
    }
}

/// Creates the PostgreSQL database `bench_<pid>_<time>` from the administrative URL, or
/// readies the SQLite file (replacing it only with `--overwrite`).
pub async fn prepare(database_url: &str, overwrite: bool) -> anyhow::Result<Target> {
    if database_url.starts_with("postgres") {
        let name = format!("bench_{}_{}", std::process::id(), Utc::now().timestamp());
        let admin = sea_orm::Database::connect(database_url).await.context("connecting to the admin URL")?;
        admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await?;
        let version = admin
            .query_one_raw(Statement::from_string(DbBackend::Postgres, "SHOW server_version"))
            .await?
            .and_then(|r| r.try_get::<String>("", "server_version").ok())
            .unwrap_or_default();
        admin.close().await.ok();
        Ok(Target {
            backend: DbBackend::Postgres,
            url: butler_persistence::with_database(database_url, &name),
            pg: Some((database_url.to_owned(), name.clone())),
            file: None,
            label: format!("PostgreSQL {version} (database `{name}`)"),
        })
    } else if let Some(path) = database_url.strip_prefix("sqlite://").or_else(|| database_url.strip_prefix("sqlite:")) {
        let path = PathBuf::from(path.split('?').next().unwrap_or(path));
        if path.exists() {
            if !overwrite {
                bail!("{} exists; pass --overwrite to replace it", path.display());
            }
            remove_sqlite(&path);
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        Ok(Target {
            backend: DbBackend::Sqlite,
            url: database_url.to_owned(),
            pg: None,
            file: Some(path.clone()),
            label: format!("SQLite (WAL, synchronous=NORMAL) file `{}`", path.display()),
        })
    } else {
        bail!("--database-url must start with sqlite: or postgres")
    }
}

fn remove_sqlite(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        std::fs::remove_file(PathBuf::from(p)).ok();
    }
}

/// Drops the PostgreSQL database, or deletes the SQLite file with its WAL.
pub async fn discard(t: &Target) {
    if let Some((admin, name)) = &t.pg
        && let Ok(db) = sea_orm::Database::connect(admin).await
    {
        db.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await.ok();
        db.close().await.ok();
    }
    if let Some(file) = &t.file {
        remove_sqlite(file);
    }
}

fn size_of_sqlite(path: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_owned();
            p.push(s);
            std::fs::metadata(PathBuf::from(p)).map(|m| m.len()).unwrap_or(0)
        })
        .sum()
}

/// The database's size on disk.
pub async fn database_bytes(t: &Target, db: &DatabaseConnection) -> u64 {
    match &t.file {
        Some(f) => size_of_sqlite(f),
        None => db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT pg_database_size(current_database())::BIGINT AS n",
            ))
            .await
            .ok()
            .flatten()
            .and_then(|r| r.try_get::<i64>("", "n").ok())
            .unwrap_or(0) as u64,
    }
}

/// The plan of `stmt`: PostgreSQL's `EXPLAIN (ANALYZE, BUFFERS)` (it runs the query), SQLite's
/// `EXPLAIN QUERY PLAN`.
pub async fn explain(db: &DatabaseConnection, stmt: &Statement) -> anyhow::Result<String> {
    let backend = db.get_database_backend();
    let sql = stmt.to_string();
    let (prefix, column) = match backend {
        DbBackend::Postgres => ("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF, TIMING OFF) ", "QUERY PLAN"),
        _ => ("EXPLAIN QUERY PLAN ", "detail"),
    };
    let rows = db.query_all_raw(Statement::from_string(backend, format!("{prefix}{sql}"))).await?;
    let mut out = String::new();
    for r in rows {
        let line: String = r.try_get("", column).unwrap_or_default();
        writeln!(out, "{line}")?;
    }
    Ok(out)
}
