//! What the database holds, in brief: each table's row count (and, where it has them, the sum
//! of its versions and its latest change), to show a refused call changed nothing.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use std::collections::BTreeMap;

pub type Fingerprint = BTreeMap<String, String>;

async fn tables(db: &DatabaseConnection) -> Vec<(String, Vec<String>)> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Sqlite => {
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name"
        }
        _ => {
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = 'public' ORDER BY table_name"
        }
    };
    let rows = db.query_all_raw(Statement::from_string(backend, sql)).await.expect("list tables");
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for row in rows {
        let t: String = row.try_get("", "t").expect("table");
        let c: String = row.try_get("", "c").expect("column");
        match out.last_mut() {
            Some((name, cols)) if *name == t => cols.push(c),
            _ => out.push((t, vec![c])),
        }
    }
    out
}

/// Tables that change on every request whatever it is (sign-in sessions, rate limits).
fn volatile(table: &str) -> bool {
    matches!(table, "seaql_migrations")
}

pub async fn take(db: &DatabaseConnection) -> Fingerprint {
    let backend = db.get_database_backend();
    let mut parts = Vec::new();
    for (table, columns) in tables(db).await {
        if volatile(&table) {
            continue;
        }
        let version = if columns.iter().any(|c| c == "version") { "CAST(SUM(version) AS TEXT)" } else { "''" };
        let updated = if columns.iter().any(|c| c == "updated_at") { "CAST(MAX(updated_at) AS TEXT)" } else { "''" };
        parts.push(format!(
            "SELECT '{table}' AS t, CAST(COUNT(*) AS TEXT) AS n, {version} AS v, {updated} AS u FROM \"{table}\""
        ));
    }
    let rows = db.query_all_raw(Statement::from_string(backend, parts.join(" UNION ALL "))).await.expect("fingerprint");
    rows.into_iter()
        .map(|row| {
            let t: String = row.try_get("", "t").expect("t");
            let n: Option<String> = row.try_get("", "n").ok();
            let v: Option<String> = row.try_get("", "v").ok().flatten();
            let u: Option<String> = row.try_get("", "u").ok().flatten();
            (t, format!("{n:?}/{v:?}/{u:?}"))
        })
        .collect()
}

/// The first table that differs, if any.
pub fn difference(before: &Fingerprint, after: &Fingerprint) -> Option<String> {
    before.iter().find(|(t, v)| after.get(*t) != Some(*v)).map(|(t, v)| format!("table {t}: {v} -> {:?}", after.get(t)))
}
