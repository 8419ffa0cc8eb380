//! Importing the credit platform's list (失信名单, `butler_domain::condition::blacklist`) from
//! an .xlsx file: all or nothing in one transaction, every problem named by sheet, row and
//! column; a dry run answers the same report and writes nothing. Each row is a hold from the
//! credit platform, the same record as one kept when the credit code and the document number
//! are the same: a re-import of the same file changes nothing, a row whose name, reason or
//! dates changed updates its record (unless it was lifted, which stands).

use butler_domain::audit::AuditAction;

use butler_domain::catalog::template::ImportOutcome;
use butler_domain::condition::ConditionSource;
use butler_domain::condition::blacklist::{self, BlacklistError, ListEntry, ListSheet};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::conditions as repo;
use butler_persistence::repo::enterprises;
use calamine::{Data, Reader};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::error::{AppError, FieldError};

/// What happened (or would) to one row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEntry {
    /// The row in the file.
    pub row: u32,
    pub credit_code: String,
    pub name: String,
    pub document_number: String,
    pub outcome: ImportOutcome,
    /// The record (none for a new one in a dry run).
    pub condition_id: Option<Uuid>,
    /// The enterprise registered in the county with the credit code, if any.
    pub enterprise_id: Option<Uuid>,
}

/// What an import did (or would do), row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub dry_run: bool,
    pub entries: Vec<ImportedEntry>,
}

impl ImportReport {
    /// How many rows had `outcome`.
    pub fn count(&self, outcome: ImportOutcome) -> usize {
        self.entries.iter().filter(|e| e.outcome == outcome).count()
    }
}

fn list_errors(errors: Vec<BlacklistError>) -> AppError {
    AppError::Validation(errors.iter().map(|e| FieldError::new(e.path(), e.code(), e.zh(), e.en())).collect())
}

fn not_a_workbook(why: &str) -> AppError {
    AppError::field(
        "file",
        "not_a_workbook",
        "文件不是可读取的 Excel 工作簿（.xlsx）",
        &format!("The file is not a readable Excel workbook (.xlsx): {why}"),
    )
}

/// An Excel date serial (days since 1899-12-30 in the 1900 date system) as `YYYY-MM-DD`.
fn serial_date(serial: f64) -> Option<String> {
    let days = u64::try_from(serial.floor() as i64).ok()?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(chrono::Days::new(days)).map(|d| d.to_string())
}

/// A cell as text: dates as `YYYY-MM-DD`, whole numbers without a decimal point.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::DateTime(d) => serial_date(d.as_f64()).unwrap_or_else(|| d.to_string()),
        Data::DateTimeIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// The list's sheet of the workbook `bytes`: the one named 失信名单, else the first. Read
/// through `xlsx_read`, bounded as every uploaded workbook is.
fn list_sheet(bytes: &[u8]) -> Result<Option<ListSheet>, AppError> {
    let mut workbook = crate::xlsx_read::open(bytes).map_err(|why| not_a_workbook(&why))?;
    let names = workbook.sheet_names();
    let Some(name) = names.iter().find(|n| *n == blacklist::SHEET_NAME).or(names.first()).cloned() else {
        return Ok(None);
    };
    let rows = crate::xlsx_read::rows(&mut workbook, &name, cell_text).map_err(|why| not_a_workbook(&why))?;
    Ok(Some(ListSheet { name, rows }))
}

async fn import_one(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    entry: &ListEntry,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<ImportedEntry, AppError> {
    let code = entry.credit_code.as_str();
    let new = entry.condition();
    let kept =
        repo::find_by_document(db, tenant_id, ConditionSource::CreditPlatform, code, &entry.document_number).await?;
    let (outcome, condition_id) = match kept {
        None if dry_run => (ImportOutcome::Created, None),
        None => {
            let row = repo::create(
                db,
                tenant_id,
                repo::NewCondition {
                    credit_code: Some(code.to_owned()),
                    case_id: None,
                    enterprise_name: new.enterprise_name,
                    severity: new.severity,
                    source: new.source,
                    source_ref: new.source_ref,
                    reason: new.reason,
                    valid_from: new.valid_from,
                    valid_until: new.valid_until,
                    created_by: None,
                },
                now,
            )
            .await?;
            (ImportOutcome::Created, Some(row.id))
        }
        Some(row) => {
            let same = row.enterprise_name == new.enterprise_name
                && row.reason == new.reason
                && row.valid_from == new.valid_from
                && row.valid_until == new.valid_until;
            if same || row.lifted_at.is_some() {
                (ImportOutcome::Unchanged, Some(row.id))
            } else {
                let id = row.id;
                if !dry_run {
                    let mut changed = row;
                    changed.enterprise_name = new.enterprise_name;
                    changed.reason = new.reason;
                    changed.valid_from = new.valid_from;
                    changed.valid_until = new.valid_until;
                    repo::update(db, changed).await?;
                }
                (ImportOutcome::Changed, Some(id))
            }
        }
    };
    let enterprise_id = enterprises::find_by_credit_code(db, tenant_id, code).await?.map(|e| e.id);
    Ok(ImportedEntry {
        row: entry.row,
        credit_code: code.to_owned(),
        name: entry.name.clone(),
        document_number: entry.document_number.clone(),
        outcome,
        condition_id,
        enterprise_id,
    })
}

/// Imports the credit platform's list `bytes` (the office and the admin), all or nothing in
/// one transaction, audited; a dry run writes nothing.
pub async fn import_list(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    bytes: &[u8],
    dry_run: bool,
) -> Result<ImportReport, AppError> {
    authorize(actor, Action::ManageConditions, Scope::tenant(actor.tenant_id))?;
    let sheet = list_sheet(bytes)?;
    let entries = blacklist::parse(sheet.as_ref()).map_err(list_errors)?;
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let mut report = ImportReport { dry_run, entries: Vec::with_capacity(entries.len()) };
    for entry in &entries {
        report.entries.push(import_one(&txn, actor.tenant_id, entry, dry_run, now).await?);
    }
    if dry_run {
        txn.rollback().await?;
        return Ok(report);
    }
    let detail = json!({
        "created": report.count(ImportOutcome::Created),
        "changed": report.count(ImportOutcome::Changed),
        "unchanged": report.count(ImportOutcome::Unchanged),
    });
    audit_trail::record(&txn, meta, actor, AuditAction::ConditionsImported, detail, now).await?;
    txn.commit().await?;
    Ok(report)
}
