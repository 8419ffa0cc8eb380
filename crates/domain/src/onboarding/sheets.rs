//! The reading of an onboarding sheet's text by its header row (columns in any order).

use std::collections::HashMap;

pub use super::columns::*;
use super::errors::{SheetError, SheetProblem};

/// One data row of a sheet being read: its cells by column.
pub(crate) struct Row<'a> {
    pub sheet: OnboardingSheet,
    /// As the spreadsheet numbers it.
    pub number: u32,
    cells: &'a [String],
    columns: &'a HashMap<&'static str, usize>,
}

impl Row<'_> {
    /// The trimmed text of the column, `None` when blank or missing.
    pub fn text(&self, column: ColumnSpec) -> Option<String> {
        let i = *self.columns.get(column.zh)?;
        let t = self.cells.get(i).map(|s| s.trim()).unwrap_or_default();
        (!t.is_empty()).then(|| t.to_owned())
    }

    /// The text of a column that must not be blank (a missing column was reported once).
    pub fn required(&self, column: ColumnSpec, errors: &mut Vec<SheetError>) -> Option<String> {
        let text = self.text(column);
        if text.is_none() && self.columns.contains_key(column.zh) {
            errors.push(self.error(column, SheetProblem::Required));
        }
        text
    }

    pub fn error(&self, column: ColumnSpec, problem: SheetProblem) -> SheetError {
        SheetError::cell(self.sheet, self.number, column, problem)
    }
}

/// The sheet's header map and its non-blank data rows. A missing sheet is reported when the
/// workbook must have it; missing, unknown and repeated headers are reported.
pub(crate) fn read_sheet<'a>(
    sheet: OnboardingSheet,
    rows: Option<&'a Vec<Vec<String>>>,
    columns: &mut HashMap<&'static str, usize>,
    errors: &mut Vec<SheetError>,
) -> Vec<(u32, &'a [String])> {
    let Some(rows) = rows else {
        if sheet.required() {
            errors.push(SheetError::sheet(sheet, SheetProblem::MissingSheet));
        }
        return Vec::new();
    };
    let specs = sheet.columns();
    if let Some(head) = rows.first() {
        for (i, cell) in head.iter().enumerate() {
            let text = cell.trim();
            if text.is_empty() {
                continue;
            }
            match specs.iter().find(|c| c.zh == text) {
                Some(c) if columns.contains_key(c.zh) => {
                    errors.push(SheetError::cell(sheet, 1, *c, SheetProblem::DuplicateColumn));
                }
                Some(c) => {
                    columns.insert(c.zh, i);
                }
                None => errors.push(SheetError {
                    sheet,
                    row: Some(1),
                    column: None,
                    problem: SheetProblem::UnknownColumn(text.to_owned()),
                }),
            }
        }
    }
    for c in specs {
        if c.required && !columns.contains_key(c.zh) {
            errors.push(SheetError::cell(sheet, 1, *c, SheetProblem::MissingColumn));
        }
    }
    rows.iter()
        .enumerate()
        .skip(1)
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, r)| (u32::try_from(i + 1).unwrap_or(u32::MAX), r.as_slice()))
        .collect()
}

/// The rows of a sheet read with [`read_sheet`]'s header map.
pub(crate) fn rows<'a>(
    sheet: OnboardingSheet,
    data: &[(u32, &'a [String])],
    columns: &'a HashMap<&'static str, usize>,
) -> Vec<Row<'a>> {
    data.iter().map(|(number, cells)| Row { sheet, number: *number, cells, columns }).collect()
}
