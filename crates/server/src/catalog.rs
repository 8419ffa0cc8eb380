//! Imports an approval-item catalog in the catalog template (`docs/catalog-template.md`): an
//! .xlsx workbook, or the template's two sheets as CSV files (the demo county's catalog,
//! `data/demo/catalog-items.csv` and `catalog-materials.csv`). Both are read by the same
//! domain parser and written by the same use case as the web import: all or nothing.

use butler_app::AppError;
use butler_app::catalog_workbook::{self, ImportOptions, ImportReport};
use butler_domain::catalog::template::TemplateText;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

/// Why a catalog was refused.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("catalog file: {0}")]
    Csv(#[from] csv::Error),
    /// Every problem, one per line, named by sheet, row and column.
    #[error("catalog refused:\n{}", .0.join("\n"))]
    Rows(Vec<String>),
    #[error(transparent)]
    App(AppError),
}

impl From<AppError> for ImportError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Validation(fields) => {
                ImportError::Rows(fields.into_iter().map(|f| format!("{}: {}", f.field, f.en)).collect())
            }
            other => ImportError::App(other),
        }
    }
}

/// Every row of a CSV file (the header first) as text.
fn csv_rows(data: &[u8]) -> Result<Vec<Vec<String>>, csv::Error> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(data);
    reader.records().map(|r| r.map(|r| r.iter().map(str::to_owned).collect())).collect()
}

/// The template's two sheets given as CSV files.
pub fn template_from_csv(items: &[u8], materials: &[u8]) -> Result<TemplateText, ImportError> {
    Ok(TemplateText { items: Some(csv_rows(items)?), materials: Some(csv_rows(materials)?) })
}

/// Imports the template's text into the tenant's catalog through `db` (the caller's
/// transaction).
pub async fn import(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    text: &TemplateText,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportReport, ImportError> {
    Ok(catalog_workbook::import_items(db, tenant_id, text, options, now).await?)
}

/// Imports an .xlsx workbook in the template.
pub async fn import_xlsx(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    bytes: &[u8],
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportReport, ImportError> {
    let text = catalog_workbook::workbook_text(bytes)?;
    import(db, tenant_id, &text, options, now).await
}
