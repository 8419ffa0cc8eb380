//! Re-sealing every personal number under the current key: after a key rotation (the new key
//! first in the configuration, the old one still listed), and once after upgrading to
//! encryption at rest (values written before it are plain text). Idempotent: a value under the
//! current key is left as it is. Runs in batches, each in its own transaction, while the server
//! keeps serving; a value changed meanwhile is skipped (its new value is sealed under the
//! current key already).

use butler_domain::personal::PersonalNumber;
use butler_persistence::DatabaseConnection;
use butler_persistence::repo::personal_numbers;

use super::Keyring;
use crate::error::AppError;

/// What a re-sealing did, for one kind of number or all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resealed {
    /// Values now sealed under the current key that were not.
    pub resealed: u64,
    /// Values under the current key already.
    pub current: u64,
    /// Values that changed while being re-sealed (left as they are).
    pub changed_meanwhile: u64,
}

impl std::ops::AddAssign for Resealed {
    fn add_assign(&mut self, o: Resealed) {
        self.resealed += o.resealed;
        self.current += o.current;
        self.changed_meanwhile += o.changed_meanwhile;
    }
}

/// Why a value could not be re-sealed.
#[derive(Debug, thiserror::Error)]
#[error("{number} of record {id}: {cause} (list every key still in use in BUTLER_PII_KEYS)")]
pub struct ResealError {
    pub number: PersonalNumber,
    pub id: uuid::Uuid,
    pub cause: super::OpenError,
}

/// Re-seals every personal number of every county under `keys`' current key, `batch` rows at
/// a time; reports per kind of number.
pub async fn reseal_all(
    db: &DatabaseConnection,
    keys: &Keyring,
    batch: u64,
) -> Result<Vec<(PersonalNumber, Resealed)>, AppError> {
    let mut report = Vec::new();
    for number in PersonalNumber::ALL {
        report.push((number, reseal(db, keys, number, batch.max(1)).await?));
    }
    Ok(report)
}

async fn reseal(
    db: &DatabaseConnection,
    keys: &Keyring,
    number: PersonalNumber,
    batch: u64,
) -> Result<Resealed, AppError> {
    let mut done = Resealed::default();
    let mut after = None;
    loop {
        let rows = personal_numbers::page(db, number, after, batch).await?;
        let Some(last) = rows.last() else { break };
        after = Some(last.id);
        let txn = butler_persistence::begin_write(db).await.map_err(AppError::internal)?;
        for row in &rows {
            let Some(stored) = row.value.as_deref() else { continue };
            if keys.is_current(stored) {
                done.current += 1;
                continue;
            }
            let plain =
                keys.open(stored).map_err(|cause| AppError::internal(ResealError { number, id: row.id, cause }))?;
            if personal_numbers::replace(&txn, number, row.id, stored, &keys.seal(&plain)).await? {
                done.resealed += 1;
            } else {
                done.changed_meanwhile += 1;
            }
        }
        txn.commit().await.map_err(AppError::internal)?;
        if (rows.len() as u64) < batch {
            break;
        }
    }
    Ok(done)
}
