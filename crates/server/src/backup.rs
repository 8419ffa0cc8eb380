//! `butler backup`, `butler restore` and `butler verify`: an online copy of an SQLite database,
//! putting one back, and checking a database whole (migrations, every case's SM3 chain, nothing
//! half written) with `butler_app::integrity`. PostgreSQL is backed up with its own tools
//! (`pg_dump` / `pg_restore`, see the README); `butler verify` checks it afterwards.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use butler_app::integrity::{self, Report};

/// How the commands end: their summary and exit code.
pub struct Outcome {
    pub summary: String,
    pub exit_code: i32,
}

/// What to tell a PostgreSQL operator instead of copying.
pub const POSTGRES_ADVICE: &str = "the database is PostgreSQL: back it up with its own tools, e.g.\n  \
     pg_dump --format=custom --file=butler.dump \"$BUTLER_DATABASE_URL\"\n\
     and put it back into a new, empty database with\n  \
     pg_restore --no-owner --dbname=\"postgres://…/butler_restored\" butler.dump\n\
     then check it: BUTLER_DATABASE_URL=postgres://…/butler_restored butler verify";

/// The file of an SQLite URL (`sqlite://data/butler.sqlite?mode=rwc` → `data/butler.sqlite`),
/// `None` for any other database.
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or("");
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

fn sqlite_url(path: &Path, mode: &str) -> String {
    format!("sqlite://{}?mode={mode}", path.display())
}

/// Checks the database at `url` and describes what it found.
pub async fn verify_url(url: &str) -> anyhow::Result<Outcome> {
    let db = butler_persistence::connect(url, 2).await.context("opening the database")?;
    let report = integrity::check(&db).await.map_err(|e| anyhow::anyhow!("checking: {e}"))?;
    db.close().await.ok();
    Ok(outcome(&report))
}

/// Copies the running SQLite database at `url` into the new file `to`, consistently while the
/// server writes, then checks the copy.
pub async fn backup(url: &str, to: &Path) -> anyhow::Result<Outcome> {
    let Some(source) = sqlite_path(url) else {
        return Ok(Outcome { summary: format!("{POSTGRES_ADVICE}\n"), exit_code: 2 });
    };
    anyhow::ensure!(source.exists(), "no database at {}", source.display());
    anyhow::ensure!(!to.exists(), "{} exists: choose a new file", to.display());
    let db = butler_persistence::connect(&sqlite_url(&source, "rw"), 1).await.context("opening the database")?;
    butler_persistence::maintenance::sqlite_backup(&db, to).await.context("copying")?;
    db.close().await.ok();
    let mut checked = verify_url(&sqlite_url(to, "rw")).await?;
    let size = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
    checked.summary = format!("backup written to {} ({size} bytes)\n{}", to.display(), checked.summary);
    Ok(checked)
}

/// Puts the backup `from` in place of the SQLite database at `url` (which must not exist: move
/// the old one away first, with the server stopped). The copy is checked before it takes the
/// database's name: a backup that does not check out is not restored.
pub async fn restore(url: &str, from: &Path) -> anyhow::Result<Outcome> {
    let Some(target) = sqlite_path(url) else {
        return Ok(Outcome { summary: format!("{POSTGRES_ADVICE}\n"), exit_code: 2 });
    };
    anyhow::ensure!(from.is_file(), "no backup at {}", from.display());
    anyhow::ensure!(
        !target.exists(),
        "{} exists: stop the server and move the database (and its -wal and -shm files) away first",
        target.display()
    );
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut staging = target.clone().into_os_string();
    staging.push(".restoring");
    let staging = PathBuf::from(staging);
    std::fs::copy(from, &staging).with_context(|| format!("copying to {}", staging.display()))?;
    let checked = verify_url(&sqlite_url(&staging, "rw")).await;
    let checked = match checked {
        Ok(c) if c.exit_code == 0 => c,
        other => {
            std::fs::remove_file(&staging).ok();
            let mut c = other?;
            c.summary.push_str("not restored: the backup does not check out\n");
            return Ok(c);
        }
    };
    std::fs::rename(&staging, &target).context("putting the database in place")?;
    Ok(Outcome {
        summary: format!("restored {} from {}\n{}", target.display(), from.display(), checked.summary),
        exit_code: 0,
    })
}

/// The summary of a check: exit 0 intact, 1 when a chain is broken, something is half written
/// or a newer release wrote the database.
pub fn outcome(report: &Report) -> Outcome {
    let mut s = String::new();
    let m = &report.migrations;
    let (pending, unknown) = (m.pending(), m.unknown());
    let _ = writeln!(s, "migrations: {} applied of {} this release knows", m.applied.len(), m.expected.len());
    if !pending.is_empty() {
        let _ = writeln!(s, "  {} pending (applied at the next start): {}", pending.len(), pending.join(", "));
    }
    if !unknown.is_empty() {
        let _ = writeln!(s, "  written by a newer release (unknown here): {}", unknown.join(", "));
    }
    let _ = writeln!(s, "cases: {}, history events: {}, task sheets: {}", report.cases, report.events, report.sheets);
    for p in &report.problems {
        let at = p.broken_at.map(|n| format!(" at event {n}")).unwrap_or_default();
        let _ = writeln!(s, "BROKEN case {} ({}){at}: {}", p.number, p.case_id, p.detail);
    }
    if report.intact() {
        let _ = writeln!(s, "intact: every case's history chain verifies");
    } else {
        let _ = writeln!(s, "NOT intact: {} case(s) with problems", report.problems.len());
    }
    Outcome { summary: s, exit_code: if report.intact() { 0 } else { 1 } }
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;
    use std::path::PathBuf;

    #[test]
    fn the_file_of_an_sqlite_url() {
        assert_eq!(sqlite_path("sqlite://data/butler.sqlite"), Some(PathBuf::from("data/butler.sqlite")));
        assert_eq!(sqlite_path("sqlite:///srv/b.sqlite?mode=rwc"), Some(PathBuf::from("/srv/b.sqlite")));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://u@h/db"), None);
    }
}
