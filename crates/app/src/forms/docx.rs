//! Laying a form out in Word the way the county prints it: the 附件N mark top left, the title
//! centred in 小二 bold, the project number line, bordered tables of label and value cells,
//! ruled blank space where the paper is filled in by hand, and signature and date lines. A4
//! portrait (the plan landscape); 宋体 for Chinese text.

use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, PageOrientationType, Paragraph, Run, RunFonts, Shading,
    Table, TableAlignmentType, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use crate::error::AppError;

/// A4 in twentieths of a point.
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
/// 2.54 cm above and below, 2.2 cm at the sides.
const MARGIN_Y: i32 = 1440;
const MARGIN_X: i32 = 1247;
/// Font sizes in half points: 小二 for titles, 小四 for text, 五号 in tables.
const TITLE_SIZE: usize = 36;
const TEXT_SIZE: usize = 24;
const TABLE_SIZE: usize = 21;
/// The Chinese face every run asks for; LibreOffice and Word substitute a Song/Ming face
/// (e.g. Noto Serif CJK) where SimSun is not installed.
const CHINESE_FONT: &str = "SimSun";
const LATIN_FONT: &str = "Times New Roman";
/// Light grey behind label cells.
const LABEL_FILL: &str = "F2F2F2";

/// What a value cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// Text; each line a paragraph.
    Text(String),
    /// Blank space of this many lines, to fill in by hand.
    Blank(usize),
}

impl Value {
    /// Text, or blank space of two lines when there is none.
    pub(crate) fn or_blank(text: Option<String>) -> Value {
        match text {
            Some(t) if !t.trim().is_empty() => Value::Text(t),
            _ => Value::Blank(1),
        }
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_owned())
    }
}

/// A label and its value; a `wide` value takes the rest of a four-column row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    pub label: String,
    pub value: Value,
    pub wide: bool,
}

/// A label and its value in half a row.
pub(crate) fn field(label: &str, value: impl Into<Value>) -> Field {
    Field { label: label.to_owned(), value: value.into(), wide: false }
}

/// The project's name beside its national project code (一项一码), blank until it has one.
pub(crate) fn project_row(name: impl Into<Value>, project_code: Option<&str>) -> Vec<Field> {
    vec![field("项目名称", name), field("项目代码", Value::or_blank(project_code.map(str::to_owned)))]
}

/// A label and its value across the row.
pub(crate) fn wide(label: &str, value: impl Into<Value>) -> Field {
    Field { label: label.to_owned(), value: value.into(), wide: true }
}

/// A column of a list table: its heading and its share of the width.
pub(crate) type Column<'a> = (&'a str, usize);

/// One form being laid out.
pub(crate) struct Form {
    docx: Docx,
    width: usize,
}

fn fonts() -> RunFonts {
    RunFonts::new().east_asia(CHINESE_FONT).ascii(LATIN_FONT).hi_ansi(LATIN_FONT).cs(LATIN_FONT)
}

fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size).fonts(fonts())
}

fn text_paragraph(text: &str, size: usize) -> Paragraph {
    Paragraph::new().add_run(run(text, size))
}

/// The paragraphs of a cell: each line of the text, or `lines` empty lines.
fn cell_paragraphs(value: &Value, size: usize, align: Option<AlignmentType>) -> Vec<Paragraph> {
    let with = |p: Paragraph| match align {
        Some(a) => p.align(a),
        None => p,
    };
    match value {
        Value::Text(t) if t.is_empty() => vec![with(Paragraph::new())],
        Value::Text(t) => t.lines().map(|line| with(text_paragraph(line, size))).collect(),
        Value::Blank(lines) => (0..(*lines).max(1) * 2).map(|_| Paragraph::new()).collect(),
    }
}

fn cell(value: &Value, width: usize, span: usize, align: Option<AlignmentType>) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa).vertical_align(VAlignType::Center);
    if span > 1 {
        c = c.grid_span(span);
    }
    for p in cell_paragraphs(value, TABLE_SIZE, align) {
        c = c.add_paragraph(p);
    }
    c
}

fn label_cell(label: &str, width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
        .shading(Shading::new().fill(LABEL_FILL))
        .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(run(label, TABLE_SIZE).bold()))
}

impl Form {
    /// A new form: the annex mark, the title and the number line.
    pub(crate) fn new(annex: u8, title: &str, number_line: &str, landscape: bool) -> Form {
        let (w, h) = if landscape { (A4_LONG, A4_SHORT) } else { (A4_SHORT, A4_LONG) };
        let mut docx = Docx::new()
            .page_size(w, h)
            .page_margin(
                PageMargin::new().top(MARGIN_Y).bottom(MARGIN_Y).left(MARGIN_X).right(MARGIN_X).header(851).footer(992),
            )
            .default_fonts(fonts())
            .default_size(TEXT_SIZE)
            .default_line_spacing(LineSpacing::new().after(0));
        if landscape {
            docx = docx.page_orient(PageOrientationType::Landscape);
        }
        let width = (w as i32 - 2 * MARGIN_X) as usize;
        let form = Form { docx, width };
        form.heading(annex, title, number_line)
    }

    fn heading(mut self, annex: u8, title: &str, number_line: &str) -> Form {
        self.docx = self
            .docx
            .add_paragraph(Paragraph::new().add_run(run(&format!("附件{annex}"), TEXT_SIZE).bold()))
            .add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .line_spacing(LineSpacing::new().before(240).after(240))
                    .add_run(run(title, TITLE_SIZE).bold()),
            )
            .add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .line_spacing(LineSpacing::new().after(120))
                    .add_run(run(number_line, TABLE_SIZE)),
            );
        self
    }

    /// Starts the next sheet of paper with its own heading (several sheets in one file).
    pub(crate) fn next_sheet(mut self, annex: u8, title: &str, number_line: &str) -> Form {
        self.docx = self.docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
        self.heading(annex, title, number_line)
    }

    /// A subtitle line, centred and bold.
    pub(crate) fn subtitle(mut self, text: &str) -> Form {
        self.docx = self.docx.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(240).after(120))
                .add_run(run(text, TEXT_SIZE + 4).bold()),
        );
        self
    }

    /// A bordered four-column table: label, value, label, value.
    pub(crate) fn fields(mut self, rows: Vec<Vec<Field>>) -> Form {
        let label_w = self.width * 22 / 100;
        let value_w = self.width / 2 - label_w;
        let rows = rows
            .into_iter()
            .map(|row| {
                let single = row.len() == 1;
                let cells = row
                    .iter()
                    .flat_map(|f| {
                        let span = if f.wide || single { 3 } else { 1 };
                        let w = if span == 3 { self.width - label_w } else { value_w };
                        [label_cell(&f.label, label_w), cell(&f.value, w, span, None)]
                    })
                    .collect();
                TableRow::new(cells).cant_split()
            })
            .collect();
        let table = Table::new(rows)
            .set_grid(vec![label_w, value_w, label_w, value_w])
            .width(self.width, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .align(TableAlignmentType::Center);
        self.docx = self.docx.add_table(table).add_paragraph(Paragraph::new());
        self
    }

    /// A bordered list table under a caption: a heading row, then one row per entry.
    pub(crate) fn list(mut self, caption: &str, columns: &[Column<'_>], rows: Vec<Vec<Value>>) -> Form {
        let total: usize = columns.iter().map(|c| c.1).sum::<usize>().max(1);
        let widths: Vec<usize> = columns.iter().map(|c| self.width * c.1 / total).collect();
        let mut table_rows =
            vec![TableRow::new(columns.iter().zip(&widths).map(|((h, _), w)| label_cell(h, *w)).collect())];
        if rows.is_empty() {
            table_rows.push(TableRow::new(vec![cell(&Value::from("—"), self.width, columns.len(), None)]));
        }
        for row in rows {
            let cells = row
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (v, w))| cell(v, *w, 1, (i == 0).then_some(AlignmentType::Center)))
                .collect();
            table_rows.push(TableRow::new(cells).cant_split());
        }
        self.docx = self
            .docx
            .add_paragraph(
                Paragraph::new()
                    .line_spacing(LineSpacing::new().before(120).after(60))
                    .add_run(run(caption, TEXT_SIZE).bold()),
            )
            .add_table(
                Table::new(table_rows)
                    .set_grid(widths)
                    .width(self.width, WidthType::Dxa)
                    .layout(TableLayoutType::Fixed)
                    .align(TableAlignmentType::Center),
            )
            .add_paragraph(Paragraph::new());
        self
    }

    /// Numbered paragraphs (terms of an agreement).
    pub(crate) fn numbered(mut self, caption: &str, items: &[&str]) -> Form {
        self.docx = self.docx.add_paragraph(Paragraph::new().add_run(run(caption, TEXT_SIZE).bold()));
        for (i, item) in items.iter().enumerate() {
            self.docx = self.docx.add_paragraph(
                Paragraph::new()
                    .line_spacing(LineSpacing::new().after(60))
                    .add_run(run(&format!("{}. {item}", i + 1), TEXT_SIZE)),
            );
        }
        self
    }

    /// A paragraph of text.
    pub(crate) fn text(mut self, text: &str) -> Form {
        self.docx = self.docx.add_paragraph(text_paragraph(text, TEXT_SIZE));
        self
    }

    /// Signature (and seal) lines with a date each, left blank for the pen.
    pub(crate) fn signatures(mut self, labels: &[&str]) -> Form {
        self.docx = self.docx.add_paragraph(Paragraph::new());
        for label in labels {
            self.docx = self.docx.add_paragraph(
                Paragraph::new()
                    .line_spacing(LineSpacing::new().before(120).after(120))
                    .add_run(run(&format!("{label}：＿＿＿＿＿＿＿＿＿＿　　日期：　　年　　月　　日"), TEXT_SIZE)),
            );
        }
        self
    }

    /// The packed .docx.
    pub(crate) fn into_bytes(self) -> Result<Vec<u8>, AppError> {
        let mut out = std::io::Cursor::new(Vec::new());
        self.docx.build().pack(&mut out).map_err(AppError::internal)?;
        Ok(out.into_inner())
    }
}
