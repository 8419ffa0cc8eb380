//! Password hashing with argon2id (PHC string format).

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::AppError;

/// Hashes a password with a fresh random salt.
pub fn hash(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(e.to_string().into()))
}

/// Whether `password` matches the stored PHC `hash`. A malformed hash never matches.
pub fn verify(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Hashes off the async runtime's threads (argon2 is deliberately slow).
pub async fn hash_blocking(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash(&password)).await.map_err(AppError::internal)?
}

/// Verifies off the async runtime's threads.
pub async fn verify_blocking(password: String, hash: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || verify(&password, &hash)).await.map_err(AppError::internal)
}

/// The letters and digits of generated passwords: none that a reader confuses (0/O, 1/l/I).
const READABLE: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A random initial password, shown once to whoever hands it over: four groups of five
/// readable characters joined by `-` (about 110 bits), meeting the complexity rule.
pub fn generate_initial() -> butler_domain::text::NewPassword {
    use rand::Rng;
    let mut rng = rand::rng();
    loop {
        let groups: Vec<String> =
            (0..4).map(|_| (0..5).map(|_| READABLE[rng.random_range(0..READABLE.len())] as char).collect()).collect();
        // `-` is one class; a draw without two of lower case, upper case and digits is redrawn.
        if let Ok(password) = butler_domain::text::NewPassword::parse(&groups.join("-")) {
            return password;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let h = hash("Correct-horse-9").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("Correct-horse-9", &h));
        assert!(!verify("correct-horse-9", &h));
        assert!(!verify("Correct-horse-9", "not a hash"));
    }

    #[test]
    fn initial_passwords_are_random_readable_and_strong() {
        let a = generate_initial();
        let b = generate_initial();
        assert_ne!(a.expose(), b.expose());
        for p in [&a, &b] {
            assert_eq!(p.expose().len(), 23);
            assert_eq!(p.expose().matches('-').count(), 3);
            assert!(p.expose().bytes().all(|c| c == b'-' || READABLE.contains(&c)), "{}", p.expose());
        }
    }
}
