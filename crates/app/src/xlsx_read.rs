//! Reading the sheets of an uploaded .xlsx file, bounded: cells are streamed (calamine's cell
//! reader) into rows as the sheet shows them, and a cell beyond [`MAX_ROWS`] or
//! [`MAX_COLUMNS`] refuses the file. (A whole-sheet range is dense: one cell at `XFD1048576`
//! beside one at `A1` would ask for seventeen billion cells.) A panic inside the reader, such
//! as its arithmetic overflow on a cell reference of more than ten digits, refuses the file too.
//! So does a table of shared strings declaring more strings than the sheets could hold (see
//! [`MAX_SHARED_STRINGS`]).

use std::io::{BufReader, Cursor};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, Xlsx, open_workbook_from_rs};
use quick_xml::events::Event;

/// The most rows a sheet of an uploaded workbook may reach.
pub const MAX_ROWS: u32 = 50_000;
/// The most columns a sheet of an uploaded workbook may reach.
pub const MAX_COLUMNS: u32 = 64;
/// The most distinct strings a workbook's shared-string table may declare: a string for every
/// cell a sheet may reach. calamine reserves room for the count the file declares
/// (`<sst uniqueCount="…">`) before it reads a string, and a failed allocation aborts the
/// process, past any panic guard: a 5 kB file declaring 2^32 strings asked for 103 GB.
pub const MAX_SHARED_STRINGS: u64 = MAX_ROWS as u64 * MAX_COLUMNS as u64;

/// Runs the reader, a panic inside it being an unreadable file.
fn guarded<T>(read: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(read)).unwrap_or_else(|_| Err("the file's content could not be read".to_owned()))
}

/// Opens the workbook `bytes`; why not, when it cannot be read.
pub(crate) fn open(bytes: &[u8]) -> Result<Xlsx<Cursor<&[u8]>>, String> {
    guarded(|| {
        shared_strings_within_bounds(bytes)?;
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| e.to_string())
    })
}

/// Refuses a workbook whose shared-string table (any part named `…sharedStrings.xml`, in any
/// case, as calamine looks it up) declares more than [`MAX_SHARED_STRINGS`] strings. What
/// calamine cannot open is left for it to refuse.
fn shared_strings_within_bounds(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    for index in 0..zip.len() {
        let Ok(part) = zip.by_index(index) else { continue };
        if !part.name().is_ok_and(|name| name.to_ascii_lowercase().ends_with("sharedstrings.xml")) {
            continue;
        }
        let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                    let declared = e.try_get_attribute("uniqueCount").ok().flatten();
                    if let Some(declared) = declared
                        && too_many(declared.value.as_bytes())
                    {
                        return Err(format!(
                            "the workbook declares more than {MAX_SHARED_STRINGS} distinct texts ({})",
                            declared.value
                        ));
                    }
                    break;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    Ok(())
}

/// Whether a declared count (digits, perhaps after a `+`) exceeds the bound. What is not a
/// number makes calamine reserve nothing.
fn too_many(count: &[u8]) -> bool {
    let digits = count.trim_ascii();
    let digits = digits.strip_prefix(b"+").unwrap_or(digits);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    // A number of more digits than a u64 holds is beyond the bound too.
    std::str::from_utf8(digits).ok().and_then(|d| d.parse::<u64>().ok()).is_none_or(|n| n > MAX_SHARED_STRINGS)
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
        workbook_with(cells, None)
    }

    /// The same, with the shared-string table `shared` (the whole XML of the part), if any.
    fn workbook_with(cells: &str, shared: Option<&str>) -> Vec<u8> {
        let mut parts = vec![
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
        if let Some(shared) = shared {
            parts.push(("xl/sharedStrings.xml", shared.to_owned()));
        }
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

    /// A shared-string table declaring `declared` distinct strings and holding one, "x".
    fn shared(declared: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="{declared}"><si><t>x</t></si></sst>"#
        )
    }

    #[test]
    fn shared_strings_are_read_when_their_count_is_within_bounds() {
        let cell = r#"<c r="A1" t="s"><v>0</v></c>"#;
        for declared in ["1", "+1", "0003200000", "many"] {
            let bytes = workbook_with(cell, Some(&shared(declared)));
            assert_eq!(read(&bytes).unwrap(), vec![vec!["x".to_owned()]], "uniqueCount={declared}");
        }
    }

    /// The fuzzer's count (2^32): calamine reserved 103 GB for it and the process aborted.
    #[test]
    fn a_shared_string_count_beyond_any_sheet_refuses_the_file_before_reading_it() {
        let cell = r#"<c r="A1" t="s"><v>0</v></c>"#;
        for declared in ["4294967296", "3200001", "+99999999999999999999999"] {
            let bytes = workbook_with(cell, Some(&shared(declared)));
            let refusal = read(&bytes).unwrap_err();
            assert!(refusal.contains("distinct texts"), "uniqueCount={declared}: {refusal}");
        }
        // Wherever calamine would look for the table, in any case of its name.
        let mut bytes = workbook_with(cell, None);
        let mut zip = zip::ZipWriter::new_append(Cursor::new(&mut bytes)).unwrap();
        zip.start_file("xl/SHAREDSTRINGS.XML", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(shared("4294967296").as_bytes()).unwrap();
        zip.finish().unwrap();
        assert!(read(&bytes).unwrap_err().contains("distinct texts"));
    }

    #[test]
    fn a_cell_reference_past_every_integer_refuses_the_file() {
        let bytes = workbook(r#"<c r="A99999999999"><v>1</v></c>"#);
        assert!(read(&bytes).is_err());
    }
}
