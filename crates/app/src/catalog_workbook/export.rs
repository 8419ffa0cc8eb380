//! The catalog in the template: the version in force of each item matching the catalog
//! list's filters, with a 说明 sheet explaining the columns.

use butler_domain::catalog::template::{
    self, Column, GUIDE_SHEET, ItemColumn, MaterialColumn, TemplateItem, TemplateMaterial, TemplateSheet,
};
use butler_domain::policy::Actor;

use crate::Context;
use crate::catalog::{self, Item, ItemQuery};
use crate::error::AppError;
use crate::exports::sheet::{Cell, SheetSpec, workbook_of};
use crate::forms::{RenderedFile, XLSX};
use crate::paging::PageRequest;

/// An item version of the catalog in the template's terms.
pub fn template_of_item(i: &Item) -> TemplateItem {
    TemplateItem {
        code: i.code.clone(),
        name: i.name.clone(),
        stage: i.stage,
        department_code: i.department.code.clone(),
        legal_basis: i.legal_basis.clone(),
        acceptance_conditions: i.acceptance_conditions.clone(),
        legal_limit: i.legal_limit,
        promised_limit: i.promised_limit,
        allows_tolerance: i.allows_tolerance,
        allows_commitment: i.allows_commitment,
        max_extension_days: i.max_extension_days.and_then(|d| u32::try_from(d).ok()),
        legal_fees: i.legal_fees.clone(),
        fee_basis: i.fee_basis.clone(),
        intermediary_services: i.intermediary_services.clone(),
        process: i.process.clone(),
        result_name: i.result_name.clone(),
        consultation_phone: i.consultation_phone.clone(),
        complaint_phone: i.complaint_phone.clone(),
        supervision_phone: i.supervision_phone.clone(),
        source: i.source.clone(),
        source_note: i.source_note.clone(),
        materials: i
            .materials
            .iter()
            .map(|m| TemplateMaterial {
                name: m.name.clone(),
                required: m.required,
                may_be_missing: m.may_be_missing,
                sample: m.sample.clone(),
                note: m.note.clone(),
            })
            .collect(),
    }
}

/// Numbers where the template has numbers, text elsewhere (blank text as an empty cell).
fn cell(text: String, number: bool) -> Cell {
    match text.parse::<u32>() {
        Ok(n) if number => Cell::Number(f64::from(n)),
        _ if text.is_empty() => Cell::Empty,
        _ => Cell::Text(text),
    }
}

fn columns<C: Column>() -> Vec<(&'static str, f64)> {
    C::ALL.iter().map(|c| (c.header(), c.width())).collect()
}

/// Every current item matching `query` in the template (every signed-in user).
pub async fn export_workbook(ctx: &Context, actor: &Actor, query: ItemQuery) -> Result<RenderedFile, AppError> {
    let mut items = Vec::new();
    let mut page = PageRequest::first(PageRequest::MAX_LIMIT);
    loop {
        let p = catalog::list(ctx, actor, query.clone(), page).await?;
        items.extend(p.items.iter().map(template_of_item));
        match p.next_cursor {
            Some(cursor) => page = PageRequest { limit: Some(PageRequest::MAX_LIMIT), cursor: Some(cursor) },
            None => break,
        }
    }
    items.sort_by(|a, b| a.code.cmp(&b.code));
    let item_rows: Vec<Vec<Cell>> = items
        .iter()
        .map(|i| {
            ItemColumn::ALL.iter().map(|c| cell(template::item_cell(i, *c), *c == ItemColumn::MaxExtension)).collect()
        })
        .collect();
    let material_rows: Vec<Vec<Cell>> = items
        .iter()
        .flat_map(|i| {
            i.materials.iter().enumerate().map(move |(n, m)| {
                MaterialColumn::ALL
                    .iter()
                    .map(|c| cell(template::material_cell(i, n + 1, m, *c), *c == MaterialColumn::Position))
                    .collect()
            })
        })
        .collect();
    let guide_rows: Vec<Vec<Cell>> =
        template::guide_rows().into_iter().map(|r| r.into_iter().map(Cell::Text).collect()).collect();
    let item_columns = columns::<ItemColumn>();
    let material_columns = columns::<MaterialColumn>();
    let guide_columns = [("工作表", 10.0), ("列", 20.0), ("填写说明", 80.0)];
    let bytes = workbook_of(&[
        SheetSpec { name: TemplateSheet::Items.name(), columns: &item_columns, rows: &item_rows },
        SheetSpec { name: TemplateSheet::Materials.name(), columns: &material_columns, rows: &material_rows },
        SheetSpec { name: GUIDE_SHEET, columns: &guide_columns, rows: &guide_rows },
    ])?;
    Ok(RenderedFile { file_name: "审批事项清单.xlsx".to_owned(), content_type: XLSX, bytes })
}
