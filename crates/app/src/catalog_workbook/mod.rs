//! The catalog workbook (事项及材料清单模板, `butler_domain::catalog::template`): import of an
//! .xlsx file, all or nothing, and export of the catalog in the same template.
//!
//! Import, per item code: a new code gets version 1; an item the same as its draft (or,
//! without one, the version in force) changes nothing; a changed one gets a new draft version
//! (or its draft is replaced). With `publish` the written versions are put in force at once
//! (the version each replaces retires that day). A dry run answers the same report and writes
//! nothing. Export → import into a county with the same departments gives the same catalog;
//! into the same county it changes nothing.

mod export;
mod import;
mod read;

pub use export::{export_workbook, template_of_item};
pub(crate) use import::template_of_row;
pub use import::{ImportOptions, ImportReport, ImportedItem, import_items, import_workbook, template_errors};
pub(crate) use read::sheet_rows;
pub use read::workbook_text;
