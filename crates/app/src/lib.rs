//! The application layer of Project Butler: one module per use case. Each loads what the
//! domain needs, lets the domain decide, and writes the outcome (state, history, deadlines,
//! notifications) in one transaction. It knows no HTTP: the web crate translates requests
//! into its commands and its errors into problem+json; the scheduler, the demo loader and
//! the benchmark call the same use cases.

pub mod accounts;
pub mod analytics;
pub mod api_clients;
pub mod audit_log;
pub mod audit_trail;
pub mod auth;
pub mod calendar;
pub mod calendar_days;
pub mod calendar_days_bulk;
pub mod calendar_sheets;
pub mod cases;
pub mod catalog;
pub mod catalog_workbook;
pub mod clock;
pub mod commands;
pub mod complaints;
pub mod conditions;
pub mod consultations;
pub mod context;
pub mod delivery;
pub mod demo_switches;
pub mod departments;
pub mod dossier;
pub mod effects;
pub mod enterprises;
pub mod error;
pub mod exports;
pub mod feed;
pub mod fees;
pub mod files;
pub mod forms;
pub mod health;
pub mod idempotency;
pub mod inbox;
pub mod integrity;
pub mod intermediaries;
pub mod materials;
pub mod meetings;
pub mod national_calendar;
pub mod notify;
pub mod onboarding;
pub mod own_password;
pub mod paging;
pub mod password;
pub mod pii;
pub mod platform;
pub mod prereview;
pub mod public;
pub mod reminders;
pub mod sessions;
pub mod settings;
pub mod sheets;
pub mod sign_in;
pub mod statistics;
pub mod supervision;
pub mod tasks;
pub mod templates;
pub mod tenants;
pub mod webhooks;
pub mod xlsx_read;

pub use context::Context;
pub use error::{AppError, AppResult, FieldError};
