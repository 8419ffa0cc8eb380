//! Sign-in, tokens and the caller's own account.

pub mod first;
pub mod handlers;
pub mod own_password;
pub mod tokens;
