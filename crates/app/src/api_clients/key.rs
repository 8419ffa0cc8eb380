//! API keys: `bk_<key id>_<secret>`. The key id (12 hex digits, random) finds the client
//! without scanning; the secret is 32 random bytes (URL-safe base64, 43 characters). Only the
//! SHA-256 of the whole key is stored, and a presented key is compared with it in constant
//! time.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// What every API key starts with; a bearer credential without it is an access token.
pub const KEY_PREFIX: &str = "bk_";
/// Length of the key id, in hex digits.
const KEY_ID_LEN: usize = 12;
/// Length of the secret part, in base64url characters (32 bytes).
const SECRET_LEN: usize = 43;

/// Whether a bearer credential is an API key (by its prefix), as opposed to an access token.
pub fn is_api_key(credential: &str) -> bool {
    credential.starts_with(KEY_PREFIX)
}

/// A new key: its id (for lookup) and the key to hand out once. Its `Debug` shows the id
/// only.
#[derive(Clone, PartialEq, Eq)]
pub struct IssuedKey {
    pub key_id: String,
    pub key: String,
}

impl std::fmt::Debug for IssuedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedKey").field("key_id", &self.key_id).field("key", &"<redacted>").finish()
    }
}

impl IssuedKey {
    /// A fresh random key.
    pub fn generate() -> IssuedKey {
        let mut id = [0u8; KEY_ID_LEN / 2];
        let mut secret = [0u8; 32];
        let mut rng = rand::rng();
        rng.fill_bytes(&mut id);
        rng.fill_bytes(&mut secret);
        let key_id = hex::encode(id);
        let key = format!("{KEY_PREFIX}{key_id}_{}", URL_SAFE_NO_PAD.encode(secret));
        IssuedKey { key_id, key }
    }

    /// What is stored of it.
    pub fn hash(&self) -> String {
        hash_key(&self.key)
    }
}

/// The key id of a well-formed key; `None` for anything else (never looked up).
pub fn key_id_of(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(KEY_PREFIX)?;
    let (id, secret) = rest.split_at_checked(KEY_ID_LEN)?;
    let secret = secret.strip_prefix('_')?;
    let id_ok = id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let secret_ok =
        secret.len() == SECRET_LEN && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (id_ok && secret_ok).then_some(id)
}

/// The SHA-256 of a key, hex: all that is stored of it.
pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// Whether `key` hashes to `stored_hash`, comparing in time independent of where they differ.
pub fn matches(key: &str, stored_hash: &str) -> bool {
    let presented = hash_key(key);
    let (a, b) = (presented.as_bytes(), stored_hash.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_are_well_formed_random_and_name_their_id() {
        let a = IssuedKey::generate();
        let b = IssuedKey::generate();
        assert_ne!(a.key, b.key);
        assert_ne!(a.key_id, b.key_id);
        assert!(is_api_key(&a.key));
        assert_eq!(a.key.len(), KEY_PREFIX.len() + KEY_ID_LEN + 1 + SECRET_LEN);
        assert_eq!(key_id_of(&a.key), Some(a.key_id.as_str()));
        let secret = &a.key[KEY_PREFIX.len() + KEY_ID_LEN + 1..];
        assert_eq!(URL_SAFE_NO_PAD.decode(secret).map(|s| s.len()).ok(), Some(32));
    }

    #[test]
    fn malformed_keys_name_no_id() {
        let good = IssuedKey::generate().key;
        assert!(key_id_of(&good).is_some());
        for bad in [
            "",
            "bk_",
            "bk_0123456789ab",
            "bk_0123456789ab_short",
            &good[..good.len() - 1],
            &format!("{good}x"),
            &good.replacen("bk_", "bx_", 1),
            &format!("bk_0123456789aZ_{}", "a".repeat(SECRET_LEN)),
            &format!("bk_0123456789ab_{}", "é".repeat(SECRET_LEN)),
            "eyJhbGciOiJIUzI1NiJ9.e30.sig",
        ] {
            assert_eq!(key_id_of(bad), None, "{bad}");
        }
        assert!(!is_api_key("eyJhbGciOiJIUzI1NiJ9.e30.sig"));
    }

    #[test]
    fn only_the_hash_is_kept_and_only_the_same_key_matches_it() {
        let key = IssuedKey::generate();
        let stored = key.hash();
        assert_eq!(stored.len(), 64);
        assert!(!stored.contains(&key.key[KEY_PREFIX.len()..]));
        assert!(matches(&key.key, &stored));
        let other = IssuedKey::generate();
        assert!(!matches(&other.key, &stored));
        let mut altered = key.key.clone();
        altered.pop();
        altered.push(if key.key.ends_with('A') { 'B' } else { 'A' });
        assert!(!matches(&altered, &stored));
        assert!(!matches(&key.key, &stored[..63]));
        assert!(!format!("{key:?}").contains(&key.key), "debug output never shows the key");
        // The known SHA-256 of a fixed text, so the stored form is SHA-256 hex and nothing else.
        assert_eq!(hash_key("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
