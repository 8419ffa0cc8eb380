//! Calendar spreadsheets read as text rows: an .xlsx sheet (calamine) or a CSV file, laid out
//! as the sheet shows them (row 1 first). Date cells read as `YYYY-MM-DD`.

use calamine::{Data, Reader};
use chrono::{Days, NaiveDate};

use crate::error::AppError;

/// The text of a cell: whole numbers without a decimal point, dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(d) => excel_date(d.as_f64()).map_or_else(|| d.to_string(), |d| d.to_string()),
        other => other.to_string(),
    }
}

/// The day of an Excel serial date (1900 system, days since 1899-12-30).
fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..3_000_000.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial.floor() as u64))
}

fn not_a_sheet(why: &str) -> AppError {
    AppError::field(
        "file",
        "not_a_workbook",
        "文件不是可读取的 Excel 工作簿（.xlsx）或 CSV 文件",
        &format!("The file is not a readable Excel workbook (.xlsx) or CSV file: {why}"),
    )
}

/// Whether `bytes` look like an .xlsx file (a zip archive).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The rows of the sheet named `preferred` in the workbook `bytes`, else of its first sheet;
/// with the name of the sheet read.
pub fn xlsx_rows(bytes: &[u8], preferred: &str) -> Result<(String, Vec<Vec<String>>), AppError> {
    let mut workbook = crate::xlsx_read::open(bytes).map_err(|why| not_a_sheet(&why))?;
    let names = workbook.sheet_names();
    let name = names
        .iter()
        .find(|n| n.as_str() == preferred)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| not_a_sheet("no sheet"))?;
    let rows = crate::xlsx_read::rows(&mut workbook, &name, cell_text).map_err(|why| not_a_sheet(&why))?;
    Ok((name, rows))
}

/// The rows of a CSV file (UTF-8, an optional byte-order mark; commas; quoted cells allowed).
pub fn csv_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, AppError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| not_a_sheet(&e.to_string()))?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(rows)
}

/// The rows of an uploaded calendar sheet: an .xlsx workbook (its sheet `preferred`, else
/// the first) or a CSV file; with the sheet's name (`preferred` for a CSV file).
pub fn sheet_rows(bytes: &[u8], preferred: &str) -> Result<(String, Vec<Vec<String>>), AppError> {
    if is_xlsx(bytes) { xlsx_rows(bytes, preferred) } else { Ok((preferred.to_owned(), csv_rows(bytes)?)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serial_dates_and_csv_rows_read_as_text() {
        assert_eq!(excel_date(46_424.0), NaiveDate::from_ymd_opt(2027, 2, 6));
        assert_eq!(excel_date(-1.0), None);
        let rows = csv_rows("\u{feff}日期,类型,名称\n2027-07-26,休息日,\"火把节, 彝族\"\n".as_bytes()).unwrap();
        assert_eq!(rows[1], vec!["2027-07-26", "休息日", "火把节, 彝族"]);
        assert!(!is_xlsx(b"date,kind"));
    }
}
