//! The black-box suite: every test drives the real server over HTTP, on SQLite and on
//! PostgreSQL.

// A test binary: failing loudly on unexpected results is its job.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;

mod analytics;
mod audit_log;
mod auth;
mod calendar;
mod catalog;
mod catalog_workbook;
mod clients;
mod complaints;
mod conditions;
mod consultations;
mod contract;
mod delivery;
mod directory;
mod dossier;
mod durability;
mod feed;
mod fees_prereview;
mod files;
mod first_sign_in;
mod forms;
mod input;
mod intermediaries;
mod lifecycle;
mod matrix;
mod meetings;
mod national_calendar;
mod onboarding;
mod onboarding_readme;
mod operations;
mod overload;
mod pii;
mod planner;
mod platform;
mod project_code;
mod public;
mod read_cache;
mod receiver;
mod reminders;
mod safe_delivery;
mod settings;
mod statistics_counters;
mod storage;
mod strict;
mod supervision;
mod templates;
mod tenancy;
mod webhooks;
mod writes;
