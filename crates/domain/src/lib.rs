//! The pure rules of Project Butler (项目管家).
//!
//! Nothing here performs I/O or reads the clock: time and the working-day calendar are
//! parameters. CI proves that no web, database or async runtime crate is in this crate's
//! dependency tree.

pub mod analytics;
pub mod api_access;
pub mod audit;
pub mod bounds;
pub mod calendar;
pub mod case;
pub mod catalog;
pub mod codes;
pub mod complaint;
pub mod condition;
pub mod consultation;
pub mod credit_code;
pub mod delivery;
pub mod disclosure;
pub mod dossier;
pub mod intermediary;
pub mod material;
pub mod meeting;
pub mod notice;
pub mod onboarding;
pub mod personal;
pub mod policy;
pub mod project_code;
pub mod role;
pub mod settings;
pub mod text;
pub mod time_limit;
pub mod webhook;
