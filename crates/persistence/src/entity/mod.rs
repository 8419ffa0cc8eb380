//! SeaORM entities. They stay in this crate: the HTTP layer has its own DTOs.

pub mod approval_item;
pub mod approval_item_material;
pub mod audit_log;
pub mod calendar_day;
pub mod case;
pub mod case_event;
pub mod case_item;
pub mod case_material;
pub mod case_team_member;
pub mod deadline;
pub mod department;
pub mod enterprise;
pub mod enterprise_material;
pub mod evaluation;
pub mod follow_up;
pub mod idempotency_key;
pub mod material_version;
pub mod notification;
pub mod rectification;
pub mod refresh_token;
pub mod stored_file;
pub mod supervision_notice;
pub mod task_sheet;
pub mod tenant;
pub mod user;
pub mod webhook_subscription;
