//! One worksheet with a frozen, filtered header row and typed cells. Text starting with
//! `=`, `+`, `-`, `@`, a tab or a carriage return (which a spreadsheet would take for a
//! formula, CSV/formula injection) is stored as text with the quote prefix — the workbook's
//! form of the leading apostrophe: the value reads back unchanged and never runs.

use chrono::{DateTime, NaiveDate, Utc};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::error::AppError;

/// A cell's value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    Number(f64),
    /// A ratio shown as a percentage.
    Percent(f64),
    Date(NaiveDate),
    /// An instant, shown in the county's time.
    DateTime(DateTime<Utc>),
    Empty,
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Number(n as f64)
    }
}

impl From<i32> for Cell {
    fn from(n: i32) -> Self {
        Cell::Number(f64::from(n))
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}

/// Whether a spreadsheet would read `text` as a formula (or a DDE call).
pub(crate) fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A column: its heading and its width in characters.
pub(crate) type Column<'a> = (&'a str, f64);

struct Formats {
    header: Format,
    text: Format,
    guarded: Format,
    number: Format,
    percent: Format,
    date: Format,
    date_time: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name("SimSun").set_font_size(10.5).set_border(FormatBorder::Thin);
        Formats {
            header: base
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xF2F2F2))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            text: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            guarded: base.clone().set_text_wrap().set_align(FormatAlign::Top).set_quote_prefix(),
            number: base.clone().set_num_format("0.##").set_align(FormatAlign::Top),
            percent: base.clone().set_num_format("0.0%").set_align(FormatAlign::Top),
            date: base.clone().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Top),
            date_time: base.set_num_format("yyyy-mm-dd hh:mm").set_align(FormatAlign::Top),
        }
    }
}

fn write(ws: &mut Worksheet, f: &Formats, row: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(t) if looks_like_formula(t) => ws.write_string_with_format(row, col, t, &f.guarded)?,
        Cell::Text(t) => ws.write_string_with_format(row, col, t, &f.text)?,
        Cell::Number(n) => ws.write_number_with_format(row, col, *n, &f.number)?,
        Cell::Percent(n) => ws.write_number_with_format(row, col, *n, &f.percent)?,
        Cell::Date(d) => ws.write_date_with_format(row, col, d, &f.date)?,
        Cell::DateTime(t) => {
            let local = super::super::forms::county_time(*t).naive_local();
            ws.write_datetime_with_format(row, col, local, &f.date_time)?
        }
        Cell::Empty => ws.write_blank(row, col, &f.text)?,
    };
    Ok(())
}

/// One worksheet of a workbook: its name, columns and rows.
pub(crate) struct SheetSpec<'a> {
    pub name: &'a str,
    pub columns: &'a [Column<'a>],
    pub rows: &'a [Vec<Cell>],
}

fn add_sheet(wb: &mut Workbook, f: &Formats, sheet: &SheetSpec<'_>) -> Result<(), XlsxError> {
    let SheetSpec { name, columns, rows } = *sheet;
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    for (c, (heading, width)) in columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *heading, &f.header)?;
        ws.set_column_width(c, *width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            write(ws, f, r as u32 + 1, c as u16, cell)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if !columns.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, columns.len() as u16 - 1)?;
    }
    Ok(())
}

fn build(sheets: &[SheetSpec<'_>]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let f = Formats::new();
    for sheet in sheets {
        add_sheet(&mut wb, &f, sheet)?;
    }
    wb.save_to_buffer()
}

/// A workbook of one sheet `name`: the header row of `columns` (frozen), then `rows`.
pub(crate) fn workbook(name: &str, columns: &[Column<'_>], rows: &[Vec<Cell>]) -> Result<Vec<u8>, AppError> {
    workbook_of(&[SheetSpec { name, columns, rows }])
}

/// A workbook of several sheets, each like [`workbook`]'s one.
pub(crate) fn workbook_of(sheets: &[SheetSpec<'_>]) -> Result<Vec<u8>, AppError> {
    build(sheets).map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_a_spreadsheet_would_run_is_recognised() {
        for hostile in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"] {
            assert!(looks_like_formula(hostile), "{hostile:?}");
        }
        for plain in ["示例县光伏项目", "1=1", "a-b", ""] {
            assert!(!looks_like_formula(plain), "{plain:?}");
        }
    }

    #[test]
    fn a_workbook_is_a_zip() {
        let bytes = workbook("表", &[("名称", 10.0)], &[vec![Cell::from("=1+1")]]).unwrap_or_default();
        assert!(bytes.starts_with(b"PK"));
    }
}
