//! SeaORM entities. They stay in this crate: the HTTP layer has its own DTOs.

pub mod approval_item;
pub mod approval_item_material;
pub mod audit_log;
pub mod department;
pub mod enterprise;
pub mod refresh_token;
pub mod tenant;
pub mod user;
