//! The unified social credit code (统一社会信用代码) of GB 32100-2015.
//!
//! Eighteen characters from a 31-symbol alphabet (digits and upper-case letters without
//! I, O, Z, S, V); the last one is a check character computed from the first seventeen
//! with the weights 3^i mod 31.

use serde::{Deserialize, Serialize};
use std::fmt;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// A unified social credit code whose format and check character are valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct CreditCode(String);

/// Why a text is not a unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    /// It does not have 18 characters.
    #[error("a unified social credit code has 18 characters, got {0}")]
    Length(usize),
    /// A character outside the GB 32100 alphabet.
    #[error("character `{ch}` at position {position} is not allowed")]
    Character { position: usize, ch: char },
    /// The check character does not match.
    #[error("check character should be `{expected}`")]
    CheckDigit { expected: char },
}

fn value_of(ch: u8) -> Option<u32> {
    ALPHABET.iter().position(|&c| c == ch).map(|p| p as u32)
}

/// The check character for the first 17 characters, which must be in the alphabet.
fn check_char(body: &[u8]) -> Option<char> {
    let mut sum = 0;
    for (i, &c) in body.iter().enumerate().take(17) {
        sum += value_of(c)? * WEIGHTS[i];
    }
    let check = (31 - sum % 31) % 31;
    Some(ALPHABET[check as usize] as char)
}

impl CreditCode {
    /// Parses a code; surrounding white space is ignored and lower case is accepted.
    pub fn parse(input: &str) -> Result<Self, CreditCodeError> {
        let upper = input.trim().to_ascii_uppercase();
        let count = upper.chars().count();
        if count != 18 {
            return Err(CreditCodeError::Length(count));
        }
        for (position, ch) in upper.chars().enumerate() {
            if !ch.is_ascii() || value_of(ch as u8).is_none() {
                return Err(CreditCodeError::Character { position: position + 1, ch });
            }
        }
        let bytes = upper.as_bytes();
        let expected = check_char(&bytes[..17]).ok_or(CreditCodeError::Length(count))?;
        if bytes[17] as char != expected {
            return Err(CreditCodeError::CheckDigit { expected });
        }
        Ok(CreditCode(upper))
    }

    /// Completes 17 characters with their check character (for fixtures and demo data).
    pub fn complete(body17: &str) -> Result<Self, CreditCodeError> {
        let upper = body17.trim().to_ascii_uppercase();
        if upper.len() != 17 {
            return Err(CreditCodeError::Length(upper.len() + 1));
        }
        let check = check_char(upper.as_bytes()).ok_or(CreditCodeError::Length(18))?;
        Self::parse(&format!("{upper}{check}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CreditCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CreditCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_published_codes() {
        // Codes printed on public business licences.
        for code in ["91350100M000100Y43", "91110000600037341L", "9144030071526726XG"] {
            assert!(CreditCode::parse(code).is_ok(), "{code}");
        }
        assert_eq!(CreditCode::parse(" 91350100m000100y43 ").unwrap().as_str(), "91350100M000100Y43");
    }

    #[test]
    fn refuses_bad_codes() {
        assert_eq!(CreditCode::parse("9135010"), Err(CreditCodeError::Length(7)));
        assert!(matches!(
            CreditCode::parse("91350100M000100Y4I"),
            Err(CreditCodeError::Character { position: 18, ch: 'I' })
        ));
        assert_eq!(CreditCode::parse("91350100M000100Y44"), Err(CreditCodeError::CheckDigit { expected: '3' }));
    }

    proptest! {
        #[test]
        fn completed_codes_parse_and_any_single_change_is_caught(
            body in proptest::collection::vec(0usize..31, 17),
            pos in 0usize..18,
            delta in 1usize..31,
        ) {
            let body: String = body.iter().map(|&i| ALPHABET[i] as char).collect();
            let code = CreditCode::complete(&body).unwrap();
            prop_assert_eq!(CreditCode::parse(code.as_str()).unwrap(), code.clone());
            let mut bytes = code.as_str().as_bytes().to_vec();
            let old = value_of(bytes[pos]).unwrap() as usize;
            bytes[pos] = ALPHABET[(old + delta) % 31];
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(CreditCode::parse(&changed).is_err());
        }
    }
}
