//! Exports as Excel workbooks: the service plan of a case (附件4), the approval-item catalog,
//! the case register (台账) and the supervision statistics. Numbers are numbers, dates are
//! dates with a format, the header row is frozen; text that a spreadsheet would read as a
//! formula is written as text (see [`sheet`]); phone numbers are masked in lists.

mod cases;
mod catalog;
mod plan;
mod sheet;
mod statistics;

pub use cases::case_register;
pub use catalog::catalog_workbook;
pub use plan::plan_workbook;
pub use statistics::statistics_workbook;
