//! One module per resource, each with its DTOs and handlers.

pub mod departments;
pub mod enterprises;
pub mod health;
pub mod items;
pub mod tenant;
pub mod users;
