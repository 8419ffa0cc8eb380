//! Application services: load what a rule needs, let the domain decide, write the result —
//! state, history, notifications and deadlines — in one transaction. Handlers, the
//! scheduler and the demo loader all go through these functions.

pub mod audit_trail;
pub mod calendar;
pub mod cases;
pub mod notify;
pub mod reminders;
pub mod sheets;
pub mod supervision;
