//! Reading the sheets of an uploaded .xlsx file, bounded: cells are streamed (calamine's cell
//! reader) into rows as the sheet shows them, and a cell beyond [`MAX_ROWS`] or
//! [`MAX_COLUMNS`] refuses the file. (A whole-sheet range is dense: one cell at `XFD1048576`
//! beside one at `A1` would ask for seventeen billion cells.) A panic inside the reader, such
//! as its arithmetic overflow on a cell reference of more than ten digits, refuses the file too.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, Xlsx, open_workbook_from_rs};

/// The most rows a sheet of an uploaded workbook may reach.
pub const MAX_ROWS: u32 = 50_000;
/// The most columns a sheet of an uploaded workbook may reach.
pub const MAX_COLUMNS: u32 = 64;

/// Runs the reader, a panic inside it being an unreadable file.
fn guarded<T>(read: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(read)).unwrap_or_else(|_| Err("the file's content could not be read".to_owned()))
}

/// Opens the workbook `bytes`; why not, when it cannot be read.
pub(crate) fn open(bytes: &[u8]) -> Result<Xlsx<Cursor<&[u8]>>, String> {
    guarded(|| open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| e.to_string()))
}

/// The rows of the sheet `name` as text (`text` of each cell), row 1 and column A first even
/// when the used range starts further in; why not, when it cannot be read or is too large.
pub(crate) fn rows(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    text: fn(&Data) -> String,
) -> Result<Vec<Vec<String>>, String> {
    guarded(|| {
        let mut reader = workbook.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
        let mut rows: Vec<Vec<String>> = Vec::new();
        while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
            let (row, column) = cell.get_position();
            let value = Data::from(cell.get_value().clone());
            if value == Data::Empty {
                continue;
            }
            if row >= MAX_ROWS || column >= MAX_COLUMNS {
                return Err(format!(
                    "the sheet {name} reaches beyond {MAX_ROWS} rows or {MAX_COLUMNS} columns (row {}, column {})",
                    u64::from(row) + 1,
                    u64::from(column) + 1
                ));
            }
            let (row, column) = (row as usize, column as usize);
            if rows.len() <= row {
                rows.resize_with(row + 1, Vec::new);
            }
            let cells = &mut rows[row];
            if cells.len() <= column {
                cells.resize_with(column + 1, String::new);
            }
            cells[column] = text(&value);
        }
        Ok(rows)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A one-sheet workbook whose sheet XML holds `cells` (`<c>` elements of row 1).
    fn workbook(cells: &str) -> Vec<u8> {
        let parts = [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned(),
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="日历" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned(),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{cells}</row></sheetData></worksheet>"#
                ),
            ),
        ];
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in parts {
            zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn read(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
        let mut wb = open(bytes)?;
        rows(&mut wb, "日历", |d| d.to_string())
    }

    #[test]
    fn cells_read_where_the_sheet_shows_them() {
        let bytes = workbook(r#"<c r="B1" t="inlineStr"><is><t>x</t></is></c><c r="C3"><v>7</v></c>"#);
        assert_eq!(
            read(&bytes).unwrap(),
            vec![vec!["".to_owned(), "x".to_owned()], vec![], vec!["".into(), "".into(), "7".into()]]
        );
    }

    #[test]
    fn a_cell_far_out_refuses_the_file_without_filling_the_space_between() {
        let bytes = workbook(r#"<c r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v></c>"#);
        assert!(read(&bytes).unwrap_err().contains("reaches beyond"));
    }

    #[test]
    fn a_cell_reference_past_every_integer_refuses_the_file() {
        let bytes = workbook(r#"<c r="A99999999999"><v>1</v></c>"#);
        assert!(read(&bytes).is_err());
    }
}
