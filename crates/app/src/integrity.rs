//! Checking a whole database, as after a restore or a crash: the migrations it holds, every
//! case's SM3 history chain up to the head kept on the case, and that no change is half there
//! (a case's or a sheet's state without the history event that brought it there).

use butler_persistence::DatabaseConnection;
use butler_persistence::maintenance::{self, MigrationStatus};
use butler_persistence::repo::cases::CaseRow;
use butler_persistence::repo::history as history_repo;
use uuid::Uuid;

use crate::AppError;
use crate::cases::verify_chain;

/// Cases read per query.
const BATCH: u64 = 500;

/// A case that does not check out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseProblem {
    pub tenant_id: Uuid,
    pub case_id: Uuid,
    pub number: String,
    /// The first sequence number that does not verify, when the chain is broken.
    pub broken_at: Option<i64>,
    pub detail: String,
}

/// What checking a database found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub migrations: MigrationStatus,
    pub cases: u64,
    pub events: u64,
    pub sheets: u64,
    pub problems: Vec<CaseProblem>,
}

impl Report {
    /// Every chain verifies, nothing is half written, and no migration is of a newer release.
    /// Pending migrations are not a fault: the next start applies them.
    pub fn intact(&self) -> bool {
        self.problems.is_empty() && self.migrations.unknown().is_empty()
    }
}

/// Checks every case of every tenant in `db`.
pub async fn check(db: &DatabaseConnection) -> Result<Report, AppError> {
    let migrations = maintenance::migration_status(db).await.map_err(AppError::internal)?;
    let mut report = Report { migrations, cases: 0, events: 0, sheets: 0, problems: Vec::new() };
    let mut after = None;
    loop {
        let batch = maintenance::cases_after(db, after, BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id);
        for case in &batch {
            check_case(db, case, &mut report).await?;
        }
    }
    Ok(report)
}

async fn check_case(db: &DatabaseConnection, case: &CaseRow, report: &mut Report) -> Result<(), AppError> {
    let rows = history_repo::list(db, case.tenant_id, case.id).await?;
    let sheets = maintenance::sheets_of(db, case.id).await?;
    report.cases += 1;
    report.events += rows.len() as u64;
    report.sheets += sheets.len() as u64;
    let problem = |broken_at: Option<i64>, detail: String| CaseProblem {
        tenant_id: case.tenant_id,
        case_id: case.id,
        number: case.number.clone(),
        broken_at,
        detail,
    };
    let verification = verify_chain(case, &rows);
    if !verification.valid {
        let detail = verification.detail.unwrap_or_else(|| "the history does not verify".into());
        report.problems.push(problem(verification.broken_at, detail));
        return Ok(());
    }
    // The state a case or sheet is in is the one its last state-changing event led to.
    let last_case_state =
        rows.iter().rev().find(|r| r.sheet_id.is_none() && r.to_state.is_some()).and_then(|r| r.to_state.as_deref());
    if let Some(to) = last_case_state
        && to != case.state.0.code()
    {
        let detail = format!("the case is `{}` but its history last led to `{to}`", case.state.0.code());
        report.problems.push(problem(None, detail));
    }
    for sheet in &sheets {
        let last = rows
            .iter()
            .rev()
            .find(|r| r.sheet_id == Some(sheet.id) && r.to_state.is_some())
            .and_then(|r| r.to_state.as_deref());
        match last {
            Some(to) if to == sheet.state.0.code() => {}
            Some(to) => report.problems.push(problem(
                None,
                format!("sheet {} is `{}` but its history last led to `{to}`", sheet.id, sheet.state.0.code()),
            )),
            None => report.problems.push(problem(None, format!("sheet {} has no event in the history", sheet.id))),
        }
    }
    Ok(())
}
