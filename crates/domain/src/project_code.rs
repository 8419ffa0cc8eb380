//! The fixed-asset investment project code (一项一码) of GB/T 40058-2021, issued by the national
//! online approval and supervision platform (投资项目在线审批监管平台).
//!
//! Twenty digits shown in five groups, 24 characters: `YYMM-RRRRRR-DD-TT-NNNNNC`
//! - `YYMM` the year and month of issue (month 01–12);
//! - `RRRRRR` the administrative division (GB/T 2260) of the project;
//! - `DD` the code of the central business-guidance department;
//! - `TT` the project type (01 基本建设, 02 技术改造, 03 单纯购置, 04 信息化, 05 其他);
//! - `NNNNN` a random serial and `C` a check digit over the nineteen before it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Digits of a code without its hyphens.
const DIGITS: usize = 20;
/// Characters of the canonical, hyphenated form.
const CANONICAL_LEN: usize = 24;
/// Where the canonical form puts its hyphens (0-based character positions).
const HYPHENS: [usize; 4] = [4, 11, 14, 17];
/// The first two digits of the provinces, autonomous regions, municipalities and special
/// administrative regions of GB/T 2260.
const PROVINCES: [u8; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82,
];

/// A national investment project code whose layout, parts and check digit are valid, kept in
/// its canonical hyphenated form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct ProjectCode(String);

/// A part of the code that has a range of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectCodePart {
    /// The month of issue (`MM` of `YYMM`), 01–12.
    Month,
    /// The administrative division: six digits starting with a province's code.
    Region,
    /// The project type, 01–05.
    ProjectType,
}

/// Why a text is not a national investment project code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProjectCodeError {
    /// It does not have 20 digits (24 characters with the hyphens); the count is of the
    /// characters other than hyphens.
    #[error("a project code has 20 digits (24 characters with hyphens), got {0}")]
    Length(usize),
    /// A character that is not a digit, or a hyphen where the layout has none (1-based
    /// position in the trimmed input).
    #[error("character `{ch}` at position {position} is not allowed")]
    Character { position: usize, ch: char },
    /// A part outside its range.
    #[error("the {part:?} part `{value}` is out of range")]
    OutOfRange { part: ProjectCodePart, value: String },
    /// The check digit does not match.
    #[error("check digit should be `{expected}`")]
    CheckDigit { expected: char },
}

/// The check digit of `digits` by ISO 7064 MOD 11,10, the hybrid system of GB/T 17710
/// (pure decimal digits, modulus 11 and 10), as GB/T 40058-2021 computes it over the
/// nineteen digits before the check digit: starting from P = 10, for each digit d,
/// S = (P + d) mod 10 (10 when 0) and P = 2·S mod 11; the check digit is (11 − P) mod 10.
/// Returns `None` when `digits` holds anything but ASCII digits.
pub fn mod_11_10_check_digit(digits: &str) -> Option<char> {
    let mut p: u32 = 10;
    for ch in digits.chars() {
        let d = ch.to_digit(10)?;
        let mut s = (p + d) % 10;
        if s == 0 {
            s = 10;
        }
        p = (s * 2) % 11;
    }
    char::from_digit((11 - p) % 10, 10)
}

fn two_digits(digits: &[u8]) -> u8 {
    (digits[0] - b'0') * 10 + (digits[1] - b'0')
}

impl ProjectCode {
    /// Parses a code written with or without its hyphens; surrounding white space is ignored.
    pub fn parse(input: &str) -> Result<Self, ProjectCodeError> {
        let text = input.trim();
        let chars: Vec<char> = text.chars().collect();
        let hyphenated = chars.contains(&'-');
        let mut digits = String::with_capacity(DIGITS);
        for (i, &ch) in chars.iter().enumerate() {
            let hyphen_here = hyphenated && HYPHENS.contains(&i);
            match ch {
                '-' if hyphen_here => {}
                c if c.is_ascii_digit() && !hyphen_here => digits.push(c),
                c => return Err(ProjectCodeError::Character { position: i + 1, ch: c }),
            }
        }
        let count = chars.iter().filter(|&&c| c != '-').count();
        if count != DIGITS || (hyphenated && chars.len() != CANONICAL_LEN) {
            return Err(ProjectCodeError::Length(count));
        }
        let bytes = digits.as_bytes();
        let month = two_digits(&bytes[2..4]);
        if !(1..=12).contains(&month) {
            return Err(ProjectCodeError::OutOfRange { part: ProjectCodePart::Month, value: digits[2..4].to_owned() });
        }
        if !PROVINCES.contains(&two_digits(&bytes[4..6])) {
            return Err(ProjectCodeError::OutOfRange {
                part: ProjectCodePart::Region,
                value: digits[4..10].to_owned(),
            });
        }
        let kind = two_digits(&bytes[12..14]);
        if !(1..=5).contains(&kind) {
            return Err(ProjectCodeError::OutOfRange {
                part: ProjectCodePart::ProjectType,
                value: digits[12..14].to_owned(),
            });
        }
        let expected = mod_11_10_check_digit(&digits[..19]).ok_or(ProjectCodeError::Length(count))?;
        if bytes[19] as char != expected {
            return Err(ProjectCodeError::CheckDigit { expected });
        }
        Ok(ProjectCode(format!(
            "{}-{}-{}-{}-{}",
            &digits[0..4],
            &digits[4..10],
            &digits[10..12],
            &digits[12..14],
            &digits[14..20]
        )))
    }

    /// Completes nineteen digits (hyphens allowed) with their check digit (for fixtures and
    /// demo data).
    pub fn complete(body: &str) -> Result<Self, ProjectCodeError> {
        let digits: String = body.trim().chars().filter(|&c| c != '-').collect();
        if digits.chars().count() != DIGITS - 1 {
            return Err(ProjectCodeError::Length(digits.chars().count() + 1));
        }
        let check = mod_11_10_check_digit(&digits)
            .ok_or(ProjectCodeError::Character { position: 1, ch: digits.chars().next().unwrap_or(' ') })?;
        Self::parse(&format!("{digits}{check}"))
    }

    /// The canonical form, `YYMM-RRRRRR-DD-TT-NNNNNC`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The twenty digits without hyphens.
    pub fn digits(&self) -> String {
        self.0.chars().filter(|&c| c != '-').collect()
    }

    /// The project type code (1–5).
    pub fn project_type(&self) -> u8 {
        let digits = self.digits();
        two_digits(&digits.as_bytes()[12..14])
    }

    /// The project type's name (基本建设, 技术改造, 单纯购置, 信息化, 其他).
    pub fn project_type_name_zh(&self) -> &'static str {
        match self.project_type() {
            1 => "基本建设",
            2 => "技术改造",
            3 => "单纯购置",
            4 => "信息化",
            _ => "其他",
        }
    }
}

impl fmt::Display for ProjectCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ProjectCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ProjectCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A code built here by hand: 2026-03, a county of division code 532326, department 00,
    /// 基本建设, serial 01234; the check digit worked through the MOD 11,10 steps.
    const VALID: &str = "2603-532326-00-01-012341";

    #[test]
    fn the_check_digit_follows_iso_7064_mod_11_10() {
        // The same system checks the Croatian OIB: 69435151530 is a published valid one.
        assert_eq!(mod_11_10_check_digit("6943515153"), Some('0'));
        assert_eq!(mod_11_10_check_digit("0000000000"), Some('1'));
        assert_eq!(mod_11_10_check_digit("1234567890"), Some('3'));
        assert_eq!(mod_11_10_check_digit("12a"), None);
        assert_eq!(mod_11_10_check_digit("2603532326000101234"), Some('1'));
    }

    #[test]
    fn accepts_the_code_with_or_without_hyphens_and_shows_it_hyphenated() {
        let code = ProjectCode::parse(VALID).unwrap();
        assert_eq!(code.as_str(), VALID);
        assert_eq!(ProjectCode::parse(" 26035323260001012341 ").unwrap(), code);
        assert_eq!(code.digits(), "26035323260001012341");
        assert_eq!(code.project_type(), 1);
        assert_eq!(code.project_type_name_zh(), "基本建设");
        assert_eq!(code.to_string(), VALID);
        assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{VALID}\""));
    }

    #[test]
    fn says_what_is_wrong() {
        assert_eq!(ProjectCode::parse("2603-532326"), Err(ProjectCodeError::Length(10)));
        assert_eq!(ProjectCode::parse(""), Err(ProjectCodeError::Length(0)));
        assert_eq!(ProjectCode::parse("260353232600010123417"), Err(ProjectCodeError::Length(21)));
        assert_eq!(
            ProjectCode::parse("2603-53232A-00-01-012341"),
            Err(ProjectCodeError::Character { position: 11, ch: 'A' })
        );
        // A hyphen where the layout has none.
        assert_eq!(
            ProjectCode::parse("26035-32326-00-01-012341"),
            Err(ProjectCodeError::Character { position: 5, ch: '5' })
        );
        assert_eq!(
            ProjectCode::complete("2613-532326-00-01-01234"),
            Err(ProjectCodeError::OutOfRange { part: ProjectCodePart::Month, value: "13".into() })
        );
        assert_eq!(
            ProjectCode::complete("2600-532326-00-01-01234"),
            Err(ProjectCodeError::OutOfRange { part: ProjectCodePart::Month, value: "00".into() })
        );
        assert_eq!(
            ProjectCode::complete("2603-992326-00-01-01234"),
            Err(ProjectCodeError::OutOfRange { part: ProjectCodePart::Region, value: "992326".into() })
        );
        assert_eq!(
            ProjectCode::complete("2603-532326-00-06-01234"),
            Err(ProjectCodeError::OutOfRange { part: ProjectCodePart::ProjectType, value: "06".into() })
        );
        assert_eq!(ProjectCode::parse("2603-532326-00-01-012348"), Err(ProjectCodeError::CheckDigit { expected: '1' }));
        assert!(serde_json::from_str::<ProjectCode>("\"2603-532326-00-01-012340\"").is_err());
    }

    fn valid_body() -> impl Strategy<Value = String> {
        (
            0u8..100,
            1u8..=12,
            proptest::sample::select(PROVINCES.to_vec()),
            0u32..10_000,
            0u8..100,
            1u8..=5,
            0u32..100_000,
        )
            .prop_map(|(yy, mm, province, rest, dept, kind, serial)| {
                format!("{yy:02}{mm:02}{province:02}{rest:04}{dept:02}{kind:02}{serial:05}")
            })
    }

    proptest! {
        #[test]
        fn every_valid_code_round_trips_and_any_single_digit_change_is_refused(
            body in valid_body(),
            pos in 0usize..20,
            delta in 1u32..10,
            hyphens in any::<bool>(),
        ) {
            let code = ProjectCode::complete(&body).unwrap();
            prop_assert_eq!(ProjectCode::parse(code.as_str()).unwrap(), code.clone());
            prop_assert_eq!(ProjectCode::parse(&code.digits()).unwrap(), code.clone());
            let mut digits: Vec<char> = code.digits().chars().collect();
            let old = digits[pos].to_digit(10).unwrap();
            digits[pos] = char::from_digit((old + delta) % 10, 10).unwrap();
            let changed: String = digits.into_iter().collect();
            let changed = if hyphens {
                format!("{}-{}-{}-{}-{}", &changed[0..4], &changed[4..10], &changed[10..12], &changed[12..14], &changed[14..20])
            } else {
                changed
            };
            prop_assert!(ProjectCode::parse(&changed).is_err());
        }
    }
}
