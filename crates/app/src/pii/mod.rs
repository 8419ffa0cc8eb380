//! Personal numbers (phone and mobile numbers of people) at rest and on display: sealed with
//! SM4 in the database ([`cipher`]), masked in answers, shown in full only through an audited
//! reveal ([`reveal`]), and re-sealed under the current key after a rotation ([`rotate`]).

pub mod cipher;
pub mod reveal;
pub mod rotate;

pub use cipher::{DEMO_KEYS, Keyring, KeyringError, OpenError};
pub use reveal::reveal;
pub use rotate::{Resealed, reseal_all};

use crate::error::AppError;

impl From<OpenError> for AppError {
    fn from(e: OpenError) -> Self {
        AppError::internal(e)
    }
}
