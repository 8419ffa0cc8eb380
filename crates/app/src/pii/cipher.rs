//! Personal numbers at rest: SM4 (GB/T 32907-2016) in GCM mode, under keys named by an id so
//! that keys can rotate.
//!
//! A sealed value reads `sm4:v1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>`: a fresh
//! 96-bit nonce per value, the 128-bit tag authenticating the ciphertext and the prefix (a
//! value moved under another key id, or changed by one bit, does not open). Text without the
//! prefix is a value written before encryption at rest; it reads as it is until
//! `butler encrypt-pii` seals it.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{AesGcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sm4::Sm4;
use sm4::cipher::consts::U12;
use std::fmt;

/// SM4 in Galois/counter mode with 96-bit nonces.
type Sm4Gcm = AesGcm<Sm4, U12>;

/// The prefix of every sealed value (format version 1).
pub const PREFIX: &str = "sm4:v1:";

/// The demo's key: public, so never for real data.
const DEMO_KEY: &[u8; 16] = b"butler-demo-pii!";

/// [`Keyring::demo`] as configuration (`BUTLER_PII_KEYS`), for a server or tool that must read
/// what the demo wrote (tests, the benchmark).
pub const DEMO_KEYS: &str = "demo=6275746c65722d64656d6f2d70696921";

/// The longest key id: ids are short labels (`2026a`) that every sealed value repeats.
pub const KEY_ID_MAX: usize = 16;

/// Why the configured keys are not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyringError {
    #[error("no key is configured (BUTLER_PII_KEYS: `id=32 hex digits`, the current key first)")]
    Empty,
    #[error("`{0}` is not `id=32 hex digits`")]
    Malformed(String),
    #[error("key id `{0}` must be 1 to 16 letters, digits, `-` or `_`")]
    BadId(String),
    #[error("key `{0}` must be 16 bytes written as 32 hex digits")]
    BadKey(String),
    #[error("key id `{0}` is given twice")]
    Duplicate(String),
}

/// Why a stored value does not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("the value is sealed under key `{0}`, which is not configured")]
    UnknownKey(String),
    #[error("the sealed value is damaged or was sealed under another key with this id")]
    Damaged,
}

/// The keys personal numbers are sealed with: the current one seals, every one opens.
#[derive(Clone)]
pub struct Keyring {
    current: (String, Sm4Gcm),
    /// Every key, the current one first.
    keys: Vec<(String, Sm4Gcm)>,
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        f.debug_struct("Keyring").field("key_ids", &ids).finish_non_exhaustive()
    }
}

impl Keyring {
    /// Keys from their configuration: `id=hex,id=hex,…` (commas or whitespace between), the
    /// current key first; the others only open values sealed before a rotation.
    pub fn parse(spec: &str) -> Result<Keyring, KeyringError> {
        let mut keys: Vec<(String, Sm4Gcm)> = Vec::new();
        for entry in spec.split(|c: char| c == ',' || c.is_whitespace()).filter(|e| !e.is_empty()) {
            let (id, hex_key) = entry.split_once('=').ok_or_else(|| KeyringError::Malformed(redact(entry)))?;
            let id = id.trim();
            if id.is_empty()
                || id.len() > KEY_ID_MAX
                || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(KeyringError::BadId(id.to_owned()));
            }
            if keys.iter().any(|(known, _)| known == id) {
                return Err(KeyringError::Duplicate(id.to_owned()));
            }
            let bytes = hex::decode(hex_key.trim()).map_err(|_| KeyringError::BadKey(id.to_owned()))?;
            let cipher = Sm4Gcm::new_from_slice(&bytes).map_err(|_| KeyringError::BadKey(id.to_owned()))?;
            keys.push((id.to_owned(), cipher));
        }
        let current = keys.first().cloned().ok_or(KeyringError::Empty)?;
        Ok(Keyring { current, keys })
    }

    /// The demo's key (id `demo`): fixed, so that a demo database stays readable across
    /// restarts, and public, so never for real data.
    pub fn demo() -> Keyring {
        let cipher = Sm4Gcm::new(&(*DEMO_KEY).into());
        let current = ("demo".to_owned(), cipher);
        Keyring { keys: vec![current.clone()], current }
    }

    /// The id of the key that seals.
    pub fn current_id(&self) -> &str {
        &self.current.0
    }

    /// `plain` sealed under the current key (a fresh nonce each time).
    pub fn seal(&self, plain: &str) -> String {
        let (id, cipher) = &self.current;
        let prefix = format!("{PREFIX}{id}:");
        let nonce_bytes: [u8; 12] = rand::random();
        let nonce = Nonce::<U12>::from(nonce_bytes);
        match cipher.encrypt(&nonce, Payload { msg: plain.as_bytes(), aad: prefix.as_bytes() }) {
            Ok(sealed) => {
                let mut body = Vec::with_capacity(12 + sealed.len());
                body.extend_from_slice(&nonce_bytes);
                body.extend_from_slice(&sealed);
                format!("{prefix}{}", URL_SAFE_NO_PAD.encode(body))
            }
            // GCM refuses only messages beyond 64 GiB; a phone number never is.
            Err(_) => prefix,
        }
    }

    /// [`Keyring::seal`] of an optional value.
    pub fn seal_opt(&self, plain: Option<&str>) -> Option<String> {
        plain.map(|p| self.seal(p))
    }

    /// The plain text of a stored value: opened when sealed, as it is when written before
    /// encryption at rest.
    pub fn open(&self, stored: &str) -> Result<String, OpenError> {
        let Some(rest) = stored.strip_prefix(PREFIX) else { return Ok(stored.to_owned()) };
        let (id, body) = rest.split_once(':').ok_or(OpenError::Damaged)?;
        let (_, cipher) =
            self.keys.iter().find(|(known, _)| known == id).ok_or_else(|| OpenError::UnknownKey(id.to_owned()))?;
        let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| OpenError::Damaged)?;
        if bytes.len() < 12 + 16 {
            return Err(OpenError::Damaged);
        }
        let (nonce_bytes, sealed) = bytes.split_at(12);
        let nonce = Nonce::<U12>::try_from(nonce_bytes).map_err(|_| OpenError::Damaged)?;
        let aad = &stored[..PREFIX.len() + id.len() + 1];
        let plain =
            cipher.decrypt(&nonce, Payload { msg: sealed, aad: aad.as_bytes() }).map_err(|_| OpenError::Damaged)?;
        String::from_utf8(plain).map_err(|_| OpenError::Damaged)
    }

    /// [`Keyring::open`] of an optional value.
    pub fn open_opt(&self, stored: Option<&str>) -> Result<Option<String>, OpenError> {
        stored.map(|s| self.open(s)).transpose()
    }

    /// Whether `stored` is sealed under the current key (nothing to re-encrypt).
    pub fn is_current(&self, stored: &str) -> bool {
        stored.strip_prefix(PREFIX).and_then(|rest| rest.split_once(':')).is_some_and(|(id, _)| id == self.current_id())
    }
}

/// An entry of the key list as an error may show it: the id, never the key.
fn redact(entry: &str) -> String {
    if entry.len() > KEY_ID_MAX {
        format!("{}…", entry.chars().take(4).collect::<String>())
    } else {
        entry.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const K1: &str = "00112233445566778899aabbccddeeff";
    const K2: &str = "ffeeddccbbaa99887766554433221100";

    fn ring(spec: &str) -> Keyring {
        Keyring::parse(spec).unwrap()
    }

    #[test]
    fn a_sealed_number_opens_to_itself_and_shows_nothing_of_it() {
        let keys = ring(&format!("k1={K1}"));
        let sealed = keys.seal("13800001234");
        assert!(sealed.starts_with("sm4:v1:k1:"), "{sealed}");
        assert!(!sealed.contains("1380000") && !sealed.contains("1234"), "{sealed}");
        assert_eq!(keys.open(&sealed).unwrap(), "13800001234");
        // A fresh nonce each time: the same number never seals to the same text.
        assert_ne!(keys.seal("13800001234"), sealed);
        assert!(keys.is_current(&sealed));
    }

    #[test]
    fn the_sm4_key_schedule_is_the_standards() {
        // GB/T 32907-2016 appendix A, example 1: the key doubles as the plaintext.
        use sm4::cipher::{BlockCipherEncrypt, KeyInit as _};
        let key = hex::decode("0123456789abcdeffedcba9876543210").unwrap();
        let sm4 = Sm4::new_from_slice(&key).unwrap();
        let mut block = sm4::cipher::Array::try_from(key.as_slice()).unwrap();
        sm4.encrypt_block(&mut block);
        assert_eq!(hex::encode(block), "681edf34d206965e86b3e94f536e4246");
    }

    #[test]
    fn a_wrong_key_or_a_changed_bit_does_not_open() {
        let sealed = ring(&format!("k1={K1}")).seal("13800001234");
        // The same id under another key: authentication fails, no garbage comes out.
        assert_eq!(ring(&format!("k1={K2}")).open(&sealed), Err(OpenError::Damaged));
        // An id the configuration does not hold.
        assert_eq!(ring(&format!("k2={K2}")).open(&sealed), Err(OpenError::UnknownKey("k1".into())));
        // One character of the body changed.
        let mut changed = sealed.clone().into_bytes();
        let last = changed.len() - 3;
        changed[last] = if changed[last] == b'A' { b'B' } else { b'A' };
        let changed = String::from_utf8(changed).unwrap();
        assert_eq!(ring(&format!("k1={K1}")).open(&changed), Err(OpenError::Damaged));
        // The body moved under another id the keyring holds with the same key.
        let moved = sealed.replacen("sm4:v1:k1:", "sm4:v1:k9:", 1);
        assert_eq!(ring(&format!("k1={K1},k9={K1}")).open(&moved), Err(OpenError::Damaged));
    }

    #[test]
    fn rotation_opens_old_values_and_seals_new_ones_under_the_first_key() {
        let before = ring(&format!("k1={K1}"));
        let old = before.seal("0878-0000100");
        let after = ring(&format!("k2={K2}, k1={K1}"));
        assert_eq!(after.current_id(), "k2");
        assert!(!after.is_current(&old));
        assert_eq!(after.open(&old).unwrap(), "0878-0000100");
        let resealed = after.seal(&after.open(&old).unwrap());
        assert!(after.is_current(&resealed) && resealed.starts_with("sm4:v1:k2:"));
        // Once every value is resealed the old key can go.
        assert_eq!(ring(&format!("k2={K2}")).open(&resealed).unwrap(), "0878-0000100");
        assert!(before.open(&resealed).is_err());
    }

    #[test]
    fn the_demo_key_as_configuration_is_the_demo_key() {
        let configured = ring(DEMO_KEYS);
        assert_eq!(configured.current_id(), "demo");
        assert_eq!(configured.open(&Keyring::demo().seal("13800000041")).unwrap(), "13800000041");
        assert_eq!(Keyring::demo().open(&configured.seal("13800000041")).unwrap(), "13800000041");
    }

    #[test]
    fn plain_text_from_before_encryption_reads_as_it_is() {
        let keys = Keyring::demo();
        assert_eq!(keys.open("13800001234").unwrap(), "13800001234");
        assert!(!keys.is_current("13800001234"));
        assert_eq!(keys.open_opt(None).unwrap(), None);
    }

    #[test]
    fn a_sealed_number_fits_the_widened_columns() {
        let keys = ring(&format!("abcdefghijklmnop={K1}"));
        assert!(keys.seal(&"9".repeat(32)).len() <= 160);
    }

    #[test]
    fn bad_configurations_are_named_without_the_key() {
        assert_eq!(Keyring::parse(" ").map(|_| ()), Err(KeyringError::Empty));
        assert_eq!(Keyring::parse("k1").map(|_| ()), Err(KeyringError::Malformed("k1".into())));
        assert_eq!(Keyring::parse("k1=00").map(|_| ()), Err(KeyringError::BadKey("k1".into())));
        assert_eq!(Keyring::parse(&format!("k 1={K1}")).map(|_| ()), Err(KeyringError::Malformed("k".into())));
        assert_eq!(Keyring::parse(&format!("k1={K1},k1={K2}")).map(|_| ()), Err(KeyringError::Duplicate("k1".into())));
        assert_eq!(Keyring::parse(&format!("k/1={K1}")).map(|_| ()), Err(KeyringError::BadId("k/1".into())));
        let err = Keyring::parse(&format!("{K1}{K1}")).unwrap_err().to_string();
        assert!(!err.contains(K1), "{err}");
        assert!(!format!("{:?}", ring(&format!("k1={K1}"))).contains(K1));
    }
}
