//! Sign-in, tokens and the caller's own account.

pub mod handlers;
pub mod password;
pub mod sessions;
pub mod tokens;
