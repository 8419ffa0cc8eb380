//! Where the time goes (SPEC §6, analytics): each sheet's working time split into department
//! handling, enterprise 补正 and waiting on prerequisites per item, stage, department and
//! agent ([`split`]); the running cases' forecasts against the county's target in working
//! days ([`forecasts`]); each case's critical path ([`critical`]), shown on the case and in
//! the departments' queues; and all of it as a workbook ([`workbook`]).

pub mod critical;
pub mod forecasts;
pub mod split;
pub mod workbook;

pub use critical::{CasePath, SheetPath, case_path};
pub use forecasts::{CaseForecast, Forecasts, forecasts};
pub use split::{SplitQuery, TimeSplitReport, time_split};
pub use workbook::analytics_workbook;
