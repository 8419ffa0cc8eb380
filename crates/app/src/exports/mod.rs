//! Exports as Excel workbooks: the service plan of a case (附件4), the case register (台账)
//! and the supervision statistics (the catalog's workbook is `crate::catalog_workbook`). Numbers are numbers, dates are
//! dates with a format, the header row is frozen; text that a spreadsheet would read as a
//! formula is written as text (see [`sheet`]); phone numbers are masked in lists.

mod cases;
mod plan;
pub(crate) mod sheet;
mod statistics;

pub use cases::case_register;
pub use plan::plan_workbook;
pub use statistics::statistics_workbook;
