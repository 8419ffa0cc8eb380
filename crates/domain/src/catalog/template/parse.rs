//! Reading the data sheets' text into checked items, collecting every problem.

use std::collections::HashMap;

use super::columns::{Column, ItemColumn, MaterialColumn, TemplateSheet};
use super::errors::{TemplateError, TemplateProblem};
use super::{MAX_EXTENSION_DAYS, ParsedItem, TemplateItem, TemplateMaterial, TemplateText};
use crate::catalog::Stage;
use crate::time_limit::{TimeLimit, promise_within_legal};

/// Where each column of the template is in a sheet, from its header row. Reports missing,
/// unknown and repeated headers.
fn header<C: Column>(sheet: TemplateSheet, row: &[String], errors: &mut Vec<TemplateError>) -> HashMap<C, usize> {
    let mut found: HashMap<C, usize> = HashMap::new();
    for (i, cell) in row.iter().enumerate() {
        let text = cell.trim();
        if text.is_empty() {
            continue;
        }
        match C::ALL.iter().find(|c| c.header() == text) {
            Some(c) if found.contains_key(c) => {
                errors.push(TemplateError::cell(sheet, 1, *c, TemplateProblem::DuplicateColumn));
            }
            Some(c) => {
                found.insert(*c, i);
            }
            None => errors.push(TemplateError {
                sheet,
                row: Some(1),
                column: None,
                column_en: None,
                problem: TemplateProblem::UnknownColumn(text.to_owned()),
            }),
        }
    }
    for c in C::ALL {
        if !found.contains_key(c) {
            errors.push(TemplateError::cell(sheet, 1, *c, TemplateProblem::MissingColumn));
        }
    }
    found
}

/// One data row being read: its cells by column, and the errors so far.
struct Cells<'a, C: Column> {
    sheet: TemplateSheet,
    row: u32,
    cells: &'a [String],
    columns: &'a HashMap<C, usize>,
    errors: &'a mut Vec<TemplateError>,
}

impl<C: Column> Cells<'_, C> {
    fn fail(&mut self, column: C, problem: TemplateProblem) {
        self.errors.push(TemplateError::cell(self.sheet, self.row, column, problem));
    }

    /// The trimmed text, `None` when blank (or the column is missing).
    fn text(&self, column: C) -> Option<String> {
        let i = *self.columns.get(&column)?;
        let t = self.cells.get(i).map(|s| s.trim()).unwrap_or_default();
        (!t.is_empty()).then(|| t.to_owned())
    }

    /// The text of a column that must not be blank. A missing column was reported once, in
    /// the header.
    fn required(&mut self, column: C) -> Option<String> {
        let text = self.text(column);
        if text.is_none() && self.columns.contains_key(&column) {
            self.fail(column, TemplateProblem::Required);
        }
        text
    }

    fn flag(&mut self, column: C) -> Option<bool> {
        match self.required(column)?.as_str() {
            "是" => Some(true),
            "否" => Some(false),
            other => {
                self.fail(column, TemplateProblem::NotAFlag(other.to_owned()));
                None
            }
        }
    }

    fn number(&mut self, column: C, text: &str) -> Option<u32> {
        match text.parse::<u32>() {
            Ok(n) if n <= MAX_EXTENSION_DAYS => Some(n),
            _ => {
                self.fail(column, TemplateProblem::NotANumber(text.to_owned()));
                None
            }
        }
    }

    /// A time limit; `Err` when the cell holds text that is none.
    fn limit(&mut self, column: C) -> Result<Option<TimeLimit>, ()> {
        let Some(text) = self.text(column) else { return Ok(None) };
        TimeLimit::parse(&text).map_err(|e| self.fail(column, TemplateProblem::BadLimit(e)))
    }
}

/// The header row (empty for an empty sheet) and the data rows.
fn split_header(rows: &[Vec<String>]) -> (&[String], &[Vec<String>]) {
    match rows.split_first() {
        Some((head, data)) => (head.as_slice(), data),
        None => (&[], &[]),
    }
}

fn blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

/// What is known of an item code: its row and, when the row was read, whether it allows 容缺.
struct Known {
    row: u32,
    allows_tolerance: Option<bool>,
    index: Option<usize>,
}

fn stage(text: &str) -> Option<Stage> {
    Stage::ALL
        .into_iter()
        .find(|s| s.name_zh() == text)
        .or_else(|| text.parse().ok())
        .or_else(|| Stage::from_catalog_text(text))
}

fn read_item(c: &mut Cells<'_, ItemColumn>, department_known: &dyn Fn(&str) -> bool) -> Option<TemplateItem> {
    use ItemColumn as I;
    let code = c.required(I::Code);
    let name = c.required(I::Name);
    let stage = c.required(I::Stage).and_then(|t| {
        let s = stage(&t);
        if s.is_none() {
            c.fail(I::Stage, TemplateProblem::NotAStage(t));
        }
        s
    });
    let department_code = c.required(I::Department).filter(|code| {
        let known = department_known(code);
        if !known {
            c.fail(I::Department, TemplateProblem::UnknownDepartment(code.clone()));
        }
        known
    });
    let legal = c.limit(I::LegalLimit);
    let promised = c.limit(I::PromisedLimit);
    if let (Ok(Some(p)), Ok(Some(l))) = (promised, legal)
        && promise_within_legal(p, l).is_err()
    {
        c.fail(I::PromisedLimit, TemplateProblem::PromiseExceedsLegal { promised: p, legal: l });
    }
    let allows_tolerance = c.flag(I::AllowsTolerance);
    let allows_commitment = c.flag(I::AllowsCommitment);
    let max_extension = match c.text(I::MaxExtension) {
        None => Ok(None),
        Some(t) => c.number(I::MaxExtension, &t).map(Some).ok_or(()),
    };
    Some(TemplateItem {
        code: code?,
        name: name?,
        stage: stage?,
        department_code: department_code?,
        legal_basis: c.text(I::LegalBasis),
        acceptance_conditions: c.text(I::AcceptanceConditions),
        legal_limit: legal.ok()?,
        promised_limit: promised.ok()?,
        allows_tolerance: allows_tolerance?,
        allows_commitment: allows_commitment?,
        max_extension_days: max_extension.ok()?,
        legal_fees: c.text(I::Fees),
        fee_basis: c.text(I::FeeBasis),
        intermediary_services: c.text(I::Intermediary),
        process: c.text(I::Process),
        result_name: c.text(I::Result),
        consultation_phone: c.text(I::ConsultationPhone),
        complaint_phone: c.text(I::ComplaintPhone),
        supervision_phone: c.text(I::SupervisionPhone),
        source: c.text(I::Source),
        source_note: c.text(I::SourceNote),
        materials: Vec::new(),
    })
}

fn read_items(
    rows: &[Vec<String>],
    department_known: &dyn Fn(&str) -> bool,
    errors: &mut Vec<TemplateError>,
) -> (Vec<ParsedItem>, HashMap<String, Known>) {
    let sheet = TemplateSheet::Items;
    let mut items = Vec::new();
    let mut known: HashMap<String, Known> = HashMap::new();
    let (head, data) = split_header(rows);
    let columns = header::<ItemColumn>(sheet, head, errors);
    for (i, cells) in data.iter().enumerate() {
        if blank(cells) {
            continue;
        }
        let row = i as u32 + 2;
        let mut c = Cells { sheet, row, cells, columns: &columns, errors };
        let code = c.text(ItemColumn::Code);
        if let Some(code) = &code
            && let Some(first) = known.get(code)
        {
            let first_row = first.row;
            c.fail(ItemColumn::Code, TemplateProblem::DuplicateCode { first_row });
            read_item(&mut c, department_known);
            continue;
        }
        let item = read_item(&mut c, department_known);
        if let Some(code) = code {
            let allows_tolerance = item.as_ref().map(|i| i.allows_tolerance);
            let index = item.is_some().then_some(items.len());
            known.insert(code, Known { row, allows_tolerance, index });
        }
        if let Some(item) = item {
            items.push(ParsedItem { row, item });
        }
    }
    (items, known)
}

fn read_materials(
    rows: &[Vec<String>],
    items: &mut [ParsedItem],
    known: &HashMap<String, Known>,
    errors: &mut Vec<TemplateError>,
) {
    use MaterialColumn as M;
    let sheet = TemplateSheet::Materials;
    let (head, data) = split_header(rows);
    let columns = header::<MaterialColumn>(sheet, head, errors);
    // Per item code: (number, row, material when its cells were read).
    let mut by_code: HashMap<String, Vec<(u32, u32, Option<TemplateMaterial>)>> = HashMap::new();
    for (i, cells) in data.iter().enumerate() {
        if blank(cells) {
            continue;
        }
        let row = i as u32 + 2;
        let mut c = Cells { sheet, row, cells, columns: &columns, errors };
        let code = c.required(M::ItemCode);
        let item = code.as_ref().and_then(|code| {
            let k = known.get(code);
            if k.is_none() {
                c.fail(M::ItemCode, TemplateProblem::UnknownItem(code.clone()));
            }
            k
        });
        let position = c.required(M::Position).and_then(|t| match t.parse::<u32>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                c.fail(M::Position, TemplateProblem::NotANumber(t));
                None
            }
        });
        let name = c.required(M::Name);
        let required = c.flag(M::Required);
        let may_be_missing = c.flag(M::MayBeMissing);
        if may_be_missing == Some(true) && item.and_then(|k| k.allows_tolerance) == Some(false) {
            c.fail(M::MayBeMissing, TemplateProblem::ToleranceNotAllowed);
        }
        let (Some(code), Some(position)) = (code.filter(|_| item.is_some()), position) else { continue };
        let list = by_code.entry(code).or_default();
        if let Some((_, first_row, _)) = list.iter().find(|(p, _, _)| *p == position) {
            let first_row = *first_row;
            c.fail(M::Position, TemplateProblem::DuplicatePosition { first_row });
            continue;
        }
        let material = match (name, required, may_be_missing) {
            (Some(name), Some(required), Some(may_be_missing)) => Some(TemplateMaterial {
                name,
                required,
                may_be_missing,
                sample: c.text(M::Sample),
                note: c.text(M::Note),
            }),
            _ => None,
        };
        list.push((position, row, material));
    }
    for (code, mut list) in by_code {
        list.sort_by_key(|(p, _, _)| *p);
        if let Some(item) = known.get(&code).and_then(|k| k.index).and_then(|i| items.get_mut(i)) {
            item.item.materials = list.into_iter().filter_map(|(_, _, m)| m).collect();
        }
    }
}

/// Reads the data sheets into items (in the order of the 事项 sheet, each with its materials
/// in the order of their numbers), or every problem found. `department_known` tells whether
/// the county has a department of a code. Blank rows are skipped.
pub fn parse(
    text: &TemplateText,
    department_known: impl Fn(&str) -> bool,
) -> Result<Vec<ParsedItem>, Vec<TemplateError>> {
    let mut errors = Vec::new();
    let (mut items, known) = match &text.items {
        Some(rows) => read_items(rows, &department_known, &mut errors),
        None => {
            errors.push(TemplateError::sheet(TemplateSheet::Items, TemplateProblem::MissingSheet));
            (Vec::new(), HashMap::new())
        }
    };
    match &text.materials {
        Some(rows) => read_materials(rows, &mut items, &known, &mut errors),
        None => errors.push(TemplateError::sheet(TemplateSheet::Materials, TemplateProblem::MissingSheet)),
    }
    if errors.is_empty() { Ok(items) } else { Err(errors) }
}
