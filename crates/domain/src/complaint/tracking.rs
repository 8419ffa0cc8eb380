//! The tracking number of a complaint (投诉查询编号): the key for following it without an
//! account, together with the last four digits of the complainant's mobile.
//!
//! The number is `TS`, the lodging date `YYYYMMDD`, eight random Crockford base32 characters
//! (40 bits) and one check character, e.g. `TS20261205K3M9Q2XAH`. The check character is the
//! sum of the other characters' values weighted 1, 3, 5, 7, 1, … modulo 32 (odd weights: any
//! one mistyped character changes it), so a typo is caught before any lookup. The randomness
//! is the caller's (the domain reads neither clock nor entropy).

use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// Crockford's base32 alphabet: no I, L, O or U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PREFIX: &str = "TS";
/// Length of a tracking number: prefix, date, random part, check character.
pub const TRACKING_NUMBER_LEN: usize = 2 + 8 + 8 + 1;

/// Why a text is no tracking number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TrackingError {
    #[error("is not a tracking number (TS, a date and nine characters)")]
    Format,
    #[error("has a wrong check character")]
    CheckCharacter,
}

/// A complaint's tracking number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct TrackingNumber(String);

fn value_of(c: u8) -> Option<u32> {
    let c = match c.to_ascii_uppercase() {
        b'O' => b'0',
        b'I' | b'L' => b'1',
        other => other,
    };
    ALPHABET.iter().position(|a| *a == c).map(|p| p as u32)
}

fn check_character(body: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (i, c) in body.iter().enumerate() {
        sum = (sum + value_of(*c)? * (2 * (i as u32 % 4) + 1)) % 32;
    }
    Some(ALPHABET[sum as usize])
}

impl TrackingNumber {
    /// A new number for a complaint lodged on `date` (the county's local date), from 40
    /// random bits.
    pub fn generate(date: NaiveDate, random: [u8; 5]) -> Self {
        let mut bits = random.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        let mut random_part = [0u8; 8];
        for slot in random_part.iter_mut().rev() {
            *slot = ALPHABET[(bits & 31) as usize];
            bits >>= 5;
        }
        let mut body = format!("{PREFIX}{}", date.format("%Y%m%d")).into_bytes();
        body.extend_from_slice(&random_part);
        // Every character of `body` is in the alphabet (digits and base32).
        let check = check_character(&body[PREFIX.len()..]).unwrap_or(b'0');
        body.push(check);
        TrackingNumber(String::from_utf8_lossy(&body).into_owned())
    }

    /// Reads a number as people type it: spaces and hyphens ignored, any case, `O`/`I`/`L`
    /// read as `0`/`1`/`1`.
    pub fn parse(input: &str) -> Result<Self, TrackingError> {
        let cleaned: Vec<u8> =
            input.bytes().filter(|b| !b.is_ascii_whitespace() && *b != b'-').map(|b| b.to_ascii_uppercase()).collect();
        if cleaned.len() != TRACKING_NUMBER_LEN || !cleaned.starts_with(PREFIX.as_bytes()) {
            return Err(TrackingError::Format);
        }
        let date = &cleaned[2..10];
        if !date.iter().all(u8::is_ascii_digit) {
            return Err(TrackingError::Format);
        }
        let mut canonical = cleaned[..10].to_vec();
        for c in &cleaned[10..] {
            let v = value_of(*c).ok_or(TrackingError::Format)?;
            canonical.push(ALPHABET[v as usize]);
        }
        let (body, check) = canonical.split_at(TRACKING_NUMBER_LEN - 1);
        if check_character(&body[PREFIX.len()..]) != Some(check[0]) {
            return Err(TrackingError::CheckCharacter);
        }
        Ok(TrackingNumber(String::from_utf8_lossy(&canonical).into_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TrackingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
    }

    #[test]
    fn a_number_reads_back_and_carries_its_date() {
        let n = TrackingNumber::generate(day(), [0, 0, 0, 0, 0]);
        assert_eq!(n.as_str().len(), TRACKING_NUMBER_LEN);
        assert!(n.as_str().starts_with("TS2026120500000000"));
        assert_eq!(TrackingNumber::parse(n.as_str()), Ok(n.clone()));
        let spaced = format!("{} {}", &n.as_str()[..10], n.as_str()[10..].to_lowercase());
        assert_eq!(TrackingNumber::parse(&spaced), Ok(n));
    }

    #[test]
    fn malformed_text_is_refused() {
        assert_eq!(TrackingNumber::parse(""), Err(TrackingError::Format));
        assert_eq!(TrackingNumber::parse("XX2026120500000000A"), Err(TrackingError::Format));
        assert_eq!(TrackingNumber::parse("TS2026AB0500000000A"), Err(TrackingError::Format));
        assert_eq!(TrackingNumber::parse("TS20261205000000U00"), Err(TrackingError::Format));
    }

    proptest! {
        #[test]
        fn every_generated_number_parses(random in any::<[u8; 5]>()) {
            let n = TrackingNumber::generate(day(), random);
            prop_assert_eq!(TrackingNumber::parse(n.as_str()), Ok(n));
        }

        #[test]
        fn one_changed_character_is_caught(random in any::<[u8; 5]>(), at in 10usize..18, by in 1u32..32) {
            let n = TrackingNumber::generate(day(), random);
            let mut bytes = n.as_str().as_bytes().to_vec();
            let v = value_of(bytes[at]).unwrap();
            bytes[at] = ALPHABET[((v + by) % 32) as usize];
            let typo = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(TrackingNumber::parse(&typo), Err(TrackingError::CheckCharacter));
        }
    }
}
