//! The data sheets of an .xlsx file as text rows (calamine), laid out as the spreadsheet
//! shows them: row 1 is the first row and column A the first column, even when the sheet's
//! used range starts further in.

use std::io::Cursor;

use butler_domain::catalog::template::{TemplateSheet, TemplateText};
use calamine::{Data, Reader, Xlsx};

use crate::error::AppError;

/// The text of a cell: whole numbers without a decimal point (`20`, not `20.0`), dates as
/// `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        // A date typed into a date cell reads as the date (`2026-12-28`), as written.
        Data::DateTime(d) if d.as_f64().fract() == 0.0 && d.as_f64() >= 1.0 => {
            let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
            base.checked_add_signed(chrono::TimeDelta::days(d.as_f64() as i64))
                .map_or_else(|| d.to_string(), |date| date.to_string())
        }
        other => other.to_string(),
    }
}

pub(crate) fn sheet_rows(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Option<Vec<Vec<String>>>, AppError> {
    if !workbook.sheet_names().iter().any(|n| n == name) {
        return Ok(None);
    }
    crate::xlsx_read::rows(workbook, name, cell_text).map(Some).map_err(|why| not_a_workbook(&why))
}

fn not_a_workbook(why: &str) -> AppError {
    AppError::field(
        "file",
        "not_a_workbook",
        "文件不是可读取的 Excel 工作簿（.xlsx）",
        &format!("The file is not a readable Excel workbook (.xlsx): {why}"),
    )
}

/// The 事项 and 材料 sheets of the workbook `bytes`.
pub fn workbook_text(bytes: &[u8]) -> Result<TemplateText, AppError> {
    let mut workbook = crate::xlsx_read::open(bytes).map_err(|why| not_a_workbook(&why))?;
    Ok(TemplateText {
        items: sheet_rows(&mut workbook, TemplateSheet::Items.name())?,
        materials: sheet_rows(&mut workbook, TemplateSheet::Materials.name())?,
    })
}
