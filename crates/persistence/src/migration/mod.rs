//! Schema migrations. One file per migration, named `mYYYYMMDD_HHMMSS_what.rs`; an applied
//! migration is never edited — change the schema with a new one. Every migration runs on
//! SQLite and PostgreSQL (the integration suite proves it on both).

use sea_orm_migration::prelude::*;

mod common;
mod m20261126_000001_foundation;
mod m20261126_000002_cases;
mod m20261126_000003_reminders;
mod m20261126_000004_statistics;
mod m20261126_000005_time_used;
mod m20261126_000006_sessions;
mod m20261204_000007_notification_params;
mod m20261205_000008_files;
mod m20261205_000009_chain_version;
mod m20261205_000010_deliveries;
mod m20261205_000011_project_code;
mod m20261205_000012_api_clients;
mod m20261205_000013_webhooks;
mod m20261205_000014_message_templates;
mod m20261206_000015_catalog_versions;
mod m20261206_000016_public_profile;
mod m20261206_000017_consultations;
mod m20261206_000018_complaints;
mod m20261206_000019_item_revision;
mod m20261207_000020_intermediaries;
mod m20261207_000021_conditions;
mod m20261207_000022_fees_prereview;
mod m20261207_000023_meetings;
mod m20261207_000024_analytics;
mod m20261208_000025_counties;
mod m20261208_000028_national_calendar;
pub(crate) mod m20261209_000029_sheet_counters;
mod m20261209_000030_reads;
mod m20261209_000031_case_numbers;
mod m20261210_000032_audit_guard;
mod m20261210_000033_sealed_numbers;
mod m20261211_000034_unmeasured_sheets;
mod m20261212_000035_case_list_by_ids;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_foundation::Migration),
            Box::new(m20261126_000002_cases::Migration),
            Box::new(m20261126_000003_reminders::Migration),
            Box::new(m20261126_000004_statistics::Migration),
            Box::new(m20261126_000005_time_used::Migration),
            Box::new(m20261126_000006_sessions::Migration),
            Box::new(m20261204_000007_notification_params::Migration),
            Box::new(m20261205_000008_files::Migration),
            Box::new(m20261205_000009_chain_version::Migration),
            Box::new(m20261205_000010_deliveries::Migration),
            Box::new(m20261205_000011_project_code::Migration),
            Box::new(m20261205_000012_api_clients::Migration),
            Box::new(m20261205_000013_webhooks::Migration),
            Box::new(m20261205_000014_message_templates::Migration),
            Box::new(m20261206_000015_catalog_versions::Migration),
            Box::new(m20261206_000016_public_profile::Migration),
            Box::new(m20261206_000017_consultations::Migration),
            Box::new(m20261206_000018_complaints::Migration),
            Box::new(m20261206_000019_item_revision::Migration),
            Box::new(m20261207_000020_intermediaries::Migration),
            Box::new(m20261207_000021_conditions::Migration),
            Box::new(m20261207_000022_fees_prereview::Migration),
            Box::new(m20261207_000023_meetings::Migration),
            Box::new(m20261207_000024_analytics::Migration),
            Box::new(m20261208_000025_counties::Migration),
            Box::new(m20261208_000028_national_calendar::Migration),
            Box::new(m20261209_000029_sheet_counters::Migration),
            Box::new(m20261209_000030_reads::Migration),
            Box::new(m20261209_000031_case_numbers::Migration),
            Box::new(m20261210_000032_audit_guard::Migration),
            Box::new(m20261210_000033_sealed_numbers::Migration),
            Box::new(m20261211_000034_unmeasured_sheets::Migration),
            Box::new(m20261212_000035_case_list_by_ids::Migration),
        ]
    }
}
