//! The catalog workbook (事项及材料清单模板): what its sheets hold, the header check, and the
//! reading of its text rows into checked items. The same template is written by the export
//! and read by the import, so [`print`] then [`parse`] gives back the same items.
//!
//! Two sheets hold the data (`事项`, one row per item; `材料`, one row per material), the
//! first row of each being the header; columns are found by their header, in any order. A
//! third sheet, `说明`, explains the columns and is not read. Every problem is reported, each
//! with its sheet, row (as the spreadsheet numbers it) and column.

mod columns;
mod errors;
mod parse;
#[cfg(test)]
mod tests;

pub use columns::{Column, GUIDE_SHEET, ItemColumn, MaterialColumn, TemplateSheet};
pub use errors::{TemplateError, TemplateProblem};
pub use parse::parse;

use super::Stage;
use crate::codes::code_enum;
use crate::time_limit::TimeLimit;

code_enum! {
    /// What importing an item does to the catalog.
    pub enum ImportOutcome: "import outcome" {
        /// The code is new (or only retired versions have it): a new version is written.
        Created = "created",
        /// The item differs from its draft or, without a draft, from the version in force: a
        /// new version is written (or the draft is replaced).
        Changed = "changed",
        /// The item is the same as its draft or, without a draft, the version in force.
        Unchanged = "unchanged",
    }
}

/// What importing `new` does, given the item as it stands (its draft, else the version in
/// force; `None` when there is neither).
pub fn outcome(standing: Option<&TemplateItem>, new: &TemplateItem) -> ImportOutcome {
    match standing {
        None => ImportOutcome::Created,
        Some(s) if s == new => ImportOutcome::Unchanged,
        Some(_) => ImportOutcome::Changed,
    }
}

/// The largest extension the template takes, in working days.
pub const MAX_EXTENSION_DAYS: u32 = 3650;

/// A material of an item as the template holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateMaterial {
    pub name: String,
    pub required: bool,
    /// 容缺: may be missing at acceptance.
    pub may_be_missing: bool,
    pub sample: Option<String>,
    pub note: Option<String>,
}

/// An item as the template holds it: every field of a service guide. The department is
/// named by its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateItem {
    pub code: String,
    pub name: String,
    pub stage: Stage,
    pub department_code: String,
    pub legal_basis: Option<String>,
    pub acceptance_conditions: Option<String>,
    pub legal_limit: Option<TimeLimit>,
    pub promised_limit: Option<TimeLimit>,
    pub allows_tolerance: bool,
    pub allows_commitment: bool,
    pub max_extension_days: Option<u32>,
    pub legal_fees: Option<String>,
    pub fee_basis: Option<String>,
    pub intermediary_services: Option<String>,
    pub process: Option<String>,
    pub result_name: Option<String>,
    pub consultation_phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub supervision_phone: Option<String>,
    pub source: Option<String>,
    pub source_note: Option<String>,
    /// In order.
    pub materials: Vec<TemplateMaterial>,
}

/// An item read from the workbook, with the row of the 事项 sheet it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedItem {
    pub row: u32,
    pub item: TemplateItem,
}

/// The text of the data sheets, each a list of rows (the header first); `None` for a sheet
/// the workbook lacks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateText {
    pub items: Option<Vec<Vec<String>>>,
    pub materials: Option<Vec<Vec<String>>>,
}

fn flag(b: bool) -> String {
    (if b { "是" } else { "否" }).to_owned()
}

fn text(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

fn headers<C: Column>() -> Vec<String> {
    C::ALL.iter().map(|c| c.header().to_owned()).collect()
}

/// The cell text of `item` in the 事项 sheet's column `c`.
pub fn item_cell(item: &TemplateItem, c: ItemColumn) -> String {
    match c {
        ItemColumn::Code => item.code.clone(),
        ItemColumn::Name => item.name.clone(),
        ItemColumn::Stage => item.stage.name_zh().to_owned(),
        ItemColumn::Department => item.department_code.clone(),
        ItemColumn::LegalBasis => text(&item.legal_basis),
        ItemColumn::AcceptanceConditions => text(&item.acceptance_conditions),
        ItemColumn::LegalLimit => item.legal_limit.map(|l| l.to_string()).unwrap_or_default(),
        ItemColumn::PromisedLimit => item.promised_limit.map(|l| l.to_string()).unwrap_or_default(),
        ItemColumn::AllowsTolerance => flag(item.allows_tolerance),
        ItemColumn::AllowsCommitment => flag(item.allows_commitment),
        ItemColumn::MaxExtension => item.max_extension_days.map(|d| d.to_string()).unwrap_or_default(),
        ItemColumn::Fees => text(&item.legal_fees),
        ItemColumn::FeeBasis => text(&item.fee_basis),
        ItemColumn::Intermediary => text(&item.intermediary_services),
        ItemColumn::Process => text(&item.process),
        ItemColumn::Result => text(&item.result_name),
        ItemColumn::ConsultationPhone => text(&item.consultation_phone),
        ItemColumn::ComplaintPhone => text(&item.complaint_phone),
        ItemColumn::SupervisionPhone => text(&item.supervision_phone),
        ItemColumn::Source => text(&item.source),
        ItemColumn::SourceNote => text(&item.source_note),
    }
}

/// The cell text of the `position`th (from 1) material `m` of `item` in column `c`.
pub fn material_cell(item: &TemplateItem, position: usize, m: &TemplateMaterial, c: MaterialColumn) -> String {
    match c {
        MaterialColumn::ItemCode => item.code.clone(),
        MaterialColumn::Position => position.to_string(),
        MaterialColumn::Name => m.name.clone(),
        MaterialColumn::Required => flag(m.required),
        MaterialColumn::MayBeMissing => flag(m.may_be_missing),
        MaterialColumn::Sample => text(&m.sample),
        MaterialColumn::Note => text(&m.note),
    }
}

/// The data sheets of `items` as text: headers, then one row per item and per material, in
/// order (materials numbered from 1 per item).
pub fn print(items: &[TemplateItem]) -> TemplateText {
    let mut item_rows = vec![headers::<ItemColumn>()];
    let mut material_rows = vec![headers::<MaterialColumn>()];
    for item in items {
        item_rows.push(ItemColumn::ALL.iter().map(|c| item_cell(item, *c)).collect());
        for (i, m) in item.materials.iter().enumerate() {
            material_rows.push(MaterialColumn::ALL.iter().map(|c| material_cell(item, i + 1, m, *c)).collect());
        }
    }
    TemplateText { items: Some(item_rows), materials: Some(material_rows) }
}

/// The rows of the 说明 sheet: sheet, column, what to write.
pub fn guide_rows() -> Vec<[String; 3]> {
    let mut rows = Vec::new();
    for c in ItemColumn::ALL {
        rows.push([TemplateSheet::Items.name().to_owned(), c.header().to_owned(), c.help().to_owned()]);
    }
    for c in MaterialColumn::ALL {
        rows.push([TemplateSheet::Materials.name().to_owned(), c.header().to_owned(), c.help().to_owned()]);
    }
    rows
}
