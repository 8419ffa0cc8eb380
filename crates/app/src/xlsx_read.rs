//! Reading the sheets of an uploaded .xlsx file, bounded: cells are streamed (calamine's cell
//! reader) into rows as the sheet shows them, and a cell beyond [`MAX_ROWS`] or
//! [`MAX_COLUMNS`] refuses the file. (A whole-sheet range is dense: one cell at `XFD1048576`
//! beside one at `A1` would ask for seventeen billion cells.) A panic inside the reader, such
//! as its arithmetic overflow on a cell reference of more than ten digits, refuses the file too.
//! So does a table of shared strings declaring more strings than the sheets could hold (see
//! [`MAX_SHARED_STRINGS`]).

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, Xlsx, open_workbook_from_rs};

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
///
/// The part's bytes are searched rather than parsed: calamine reads the table's attributes with a
/// scanner of its own, looser than an XML parser (a stray `<` or quote inside a value does not
/// stop it), so a parser could miss a count calamine then honours. The fuzzer found such a file.
/// Every `uniqueCount`, wherever it stands, followed by `=` and a quoted number is a declaration.
fn shared_strings_within_bounds(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    for index in 0..zip.len() {
        let Ok(mut part) = zip.by_index(index) else { continue };
        if !part.name().is_ok_and(|name| name.to_ascii_lowercase().ends_with("sharedstrings.xml")) {
            continue;
        }
        let mut declarations = Declarations::default();
        let mut chunk = vec![0; 64 * 1024];
        // What cannot be read further, calamine cannot read either.
        while let Ok(read @ 1..) = part.read(&mut chunk) {
            for &byte in &chunk[..read] {
                if let Some(declared) = declarations.push(byte) {
                    return Err(refusal(declared));
                }
            }
        }
        // A part that ends inside the number ends the number too.
        if let Some(declared) = declarations.push(b'>') {
            return Err(refusal(declared));
        }
    }
    Ok(())
}

fn refusal(declared: u64) -> String {
    format!("the workbook declares more than {MAX_SHARED_STRINGS} distinct texts ({declared})")
}

/// The attribute whose value calamine reserves room for.
const DECLARATION: &[u8; 11] = b"uniqueCount";

/// A search, a byte at a time, for `uniqueCount`, blanks, `=`, blanks, a quote and a number.
/// The number is the run of digits after the quote (blanks and a `+` before it allowed): where
/// calamine's value ends (a quote, or the tag's end wherever its tokenizer put it) does not
/// matter, since a value with more than digits is no number to calamine and reserves nothing.
#[derive(Default)]
struct Declarations {
    /// The last bytes read, as many as the name has.
    recent: [u8; DECLARATION.len()],
    step: Step,
    /// The number so far (a number past a u64 stays at its largest, beyond the bound too).
    number: u64,
    /// Whether the number has begun (a digit read).
    started: bool,
    plus: bool,
}

#[derive(Default, Clone, Copy)]
enum Step {
    #[default]
    Name,
    Equals,
    Quote,
    Number,
}

impl Declarations {
    /// Takes the next byte; the declared count when a number beyond the bound has just ended.
    fn push(&mut self, byte: u8) -> Option<u64> {
        let step = self.step;
        self.recent.rotate_left(1);
        self.recent[DECLARATION.len() - 1] = byte;
        // The name is looked for on every byte, inside a value too: calamine's scanner and this
        // one need not agree on where a value starts, and a name found restarts the search.
        self.step = if &self.recent == DECLARATION { Step::Equals } else { self.next(step, byte) };
        let ended = matches!(step, Step::Number) && !matches!(self.step, Step::Number);
        (ended && self.number > MAX_SHARED_STRINGS).then_some(self.number)
    }

    fn next(&mut self, step: Step, byte: u8) -> Step {
        match step {
            Step::Equals | Step::Quote if byte.is_ascii_whitespace() => step,
            Step::Equals if byte == b'=' => Step::Quote,
            Step::Quote if byte == b'"' || byte == b'\'' => {
                (self.number, self.started, self.plus) = (0, false, false);
                Step::Number
            }
            Step::Number if byte.is_ascii_digit() => {
                self.started = true;
                self.number = self.number.saturating_mul(10).saturating_add(u64::from(byte - b'0'));
                step
            }
            Step::Number if !self.started && byte.is_ascii_whitespace() => step,
            Step::Number if !self.started && !self.plus && byte == b'+' => {
                self.plus = true;
                step
            }
            _ => Step::Name,
        }
    }
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

    /// calamine's attribute scanner reads on past what an XML parser stops at: the fuzzer's
    /// second workbook hid a `<` and quotes inside `xmlns`, and a parser gave up before the count.
    #[test]
    fn a_declared_count_beyond_bounds_is_found_however_broken_the_tag_around_it() {
        let cell = r#"<c r="A1" t="s"><v>0</v></c>"#;
        for sst in [
            r#"<sst xmlns="http://<dimension ref="A1:XFD1048576"/>dsheetml/2006/main" count="7" uniqueCount="4294967296">"#,
            r#"<sst x="uniqueCount='" uniqueCount="4294967296">"#,
            r#"<sst uniqueCount = '4294967296'>"#,
            r#"<sst uniqueCount="000000000000000000000000000000000000004294967296">"#,
            r#"<x:sst x:uniqueCount="4294967296">"#,
            // A quote calamine's tokenizer did not take as closing the tag's last value.
            r#"<sst xmlns="http://<dimension ref="A1" uniqueCount="429496729646424><si>"#,
            r#"<sst uniqueCount="4294967296/>"#,
        ] {
            let table = format!(r#"<?xml version="1.0" encoding="UTF-8"?>{sst}<si><t>x</t></si></sst>"#);
            let refusal = read(&workbook_with(cell, Some(&table))).unwrap_err();
            assert!(refusal.contains("distinct texts"), "{sst}: {refusal}");
        }
        // What is no number reserves nothing, and is read.
        for sst in [r#"<sst uniqueCount="42 94967296">"#, r#"<sst uniqueCount="&#52;294967296">"#] {
            let table = format!(r#"<?xml version="1.0" encoding="UTF-8"?>{sst}<si><t>x</t></si></sst>"#);
            assert_eq!(read(&workbook_with(cell, Some(&table))).unwrap(), vec![vec!["x".to_owned()]], "{sst}");
        }
        // Nor does a value without quotes, which calamine refuses for its own reason.
        let table = r#"<?xml version="1.0" encoding="UTF-8"?><sst uniqueCount=4294967296><si><t>x</t></si></sst>"#;
        let refusal = read(&workbook_with(cell, Some(table))).unwrap_err();
        assert!(refusal.contains("enclosed in"), "{refusal}");
    }

    #[test]
    fn the_name_is_found_after_a_false_start() {
        let mut declarations = Declarations::default();
        let found: Vec<u64> = br#"uniqu uniquniqueCount="99999999" uniqueCount="1""#
            .iter()
            .filter_map(|&byte| declarations.push(byte))
            .collect();
        assert_eq!(found, [99_999_999]);
    }

    #[test]
    fn a_cell_reference_past_every_integer_refuses_the_file() {
        let bytes = workbook(r#"<c r="A99999999999"><v>1</v></c>"#);
        assert!(read(&bytes).is_err());
    }
}
