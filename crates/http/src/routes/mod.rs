//! One module per resource, each with its DTOs and handlers.

pub mod admin;
pub mod aftercare;
pub mod api_clients;
pub mod calendar;
pub mod case_history;
pub mod cases;
pub mod complaints;
pub mod delivery;
pub mod departments;
pub mod dossier;
pub mod enterprises;
pub mod events;
pub mod files;
pub mod forms;
pub mod health;
pub mod items;
pub mod materials;
pub mod notifications;
pub mod public_complaints;
pub mod supervision;
pub mod tasks;
pub mod templates;
pub mod tenant;
pub mod users;
pub mod webhooks;
