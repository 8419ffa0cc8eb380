//! Repositories: every query the application makes, scoped to one tenant.
//!
//! Functions take any connection (`&DatabaseConnection` or a transaction), so a caller
//! composes several writes into one transaction.

pub mod analytics;
pub mod api_clients;
pub mod audit;
pub mod calendar;
pub mod cases;
pub mod channels;
pub mod complaints;
pub mod conditions;
pub mod consultations;
pub mod counties;
pub mod deadlines;
pub mod deliveries;
pub mod departments;
pub mod enterprises;
pub mod evaluations;
pub mod feed;
pub mod files;
pub mod history;
pub mod idempotency;
pub mod intermediaries;
pub mod item_versions;
pub mod items;
mod lease;
pub mod legal_fees;
pub mod materials;
pub mod meetings;
pub mod message_templates;
pub mod national_calendar;
pub mod notifications;
pub mod personal_numbers;
pub mod prereviews;
pub mod public;
pub mod reads;
pub mod settings;
pub mod sheets;
pub mod statistics;
pub mod supervision;
pub mod tenants;
pub mod tokens;
pub mod users;
pub mod webhooks;

/// A fresh, time-ordered id (UUID v7): rows sort by creation, which keyset paging uses.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}
