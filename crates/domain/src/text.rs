//! Small validated values: codes, user names, passwords, phone numbers.
//!
//! Each is a newtype with a private field, built only through `parse`.

use serde::Serialize;
use std::fmt;

/// Why a text was refused. The HTTP layer turns each into a field-level message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most {max} characters")]
    TooLong { max: usize },
    #[error("must be at least {min} characters")]
    TooShort { min: usize },
    #[error("may contain only lower-case letters, digits, `-` and `_`, and must start with a letter")]
    CodeCharacters,
    #[error("must contain at least three of: lower-case, upper-case, digits, symbols")]
    WeakPassword,
    #[error("is not a mainland mobile or landline number")]
    Phone,
    #[error("is not an e-mail address")]
    Email,
}

fn bounded(input: &str, max: usize) -> Result<String, TextError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(TextError::Empty);
    }
    if trimmed.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    Ok(trimmed.to_owned())
}

macro_rules! string_value {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

string_value!(
    /// A machine code: tenant, department or user name. Lower-case ASCII letters, digits,
    /// `-` and `_`, starting with a letter, 2–64 characters.
    Code
);

impl Code {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let s = bounded(input, 64)?;
        if s.len() < 2 {
            return Err(TextError::TooShort { min: 2 });
        }
        let mut chars = s.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !(first_ok && rest_ok) {
            return Err(TextError::CodeCharacters);
        }
        Ok(Code(s))
    }
}

string_value!(
    /// A name shown to people (a person's, a department's, an enterprise's): 1–200
    /// characters after trimming.
    Name
);

impl Name {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        bounded(input, 200).map(Name)
    }
}

string_value!(
    /// A telephone number: a mainland mobile number (11 digits starting with 1[3-9]) or a
    /// landline with area code (`0878-0000200`). Stored without spaces.
    Phone
);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let digits: String = s.chars().filter(|c| *c != '-').collect();
        let mobile = digits.len() == 11
            && digits.starts_with('1')
            && digits.chars().nth(1).is_some_and(|c| ('3'..='9').contains(&c))
            && digits.chars().all(|c| c.is_ascii_digit());
        let landline =
            s.starts_with('0') && (10..=12).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit());
        if mobile || landline { Ok(Phone(s)) } else { Err(TextError::Phone) }
    }

    /// The number with its middle hidden, for lists and exports (脱敏): `138****0001`.
    pub fn masked(&self) -> String {
        mask_middle(&self.0)
    }
}

string_value!(
    /// An e-mail address (where e-mail notifications go): one `@` with something on either
    /// side, no spaces or angle brackets, at most 254 characters. Stored trimmed.
    Email
);

impl Email {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let text = input.trim();
        let Some((local, domain)) = text.split_once('@') else { return Err(TextError::Email) };
        let valid = !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && text.len() <= 254
            && !text.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"'))
            && !domain.starts_with('.')
            && !domain.ends_with('.');
        if valid { Ok(Email(text.to_owned())) } else { Err(TextError::Email) }
    }
}

/// Hides the middle of a number, keeping its first three and last four characters.
pub fn mask_middle(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

/// A new password that meets the complexity rule of 等保 2.0 level 3: at least 10
/// characters and three of four character classes. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_LEN: usize = 10;

    pub fn parse(input: &str) -> Result<Self, TextError> {
        if input.chars().count() < Self::MIN_LEN {
            return Err(TextError::TooShort { min: Self::MIN_LEN });
        }
        if input.chars().count() > 128 {
            return Err(TextError::TooLong { max: 128 });
        }
        let classes = [
            input.chars().any(|c| c.is_ascii_lowercase()),
            input.chars().any(|c| c.is_ascii_uppercase()),
            input.chars().any(|c| c.is_ascii_digit()),
            input.chars().any(|c| !c.is_ascii_alphanumeric()),
        ];
        if classes.iter().filter(|c| **c).count() < 3 {
            return Err(TextError::WeakPassword);
        }
        Ok(NewPassword(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// Whether a text may span lines: notes, reasons and descriptions keep line feeds and tabs;
/// names, codes and every other field are one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    Single,
    Multi,
}

/// The first character no text of the system may hold, if any: control characters (C0 but a
/// line feed or tab in multi-line text, DEL, C1; a carriage return never: lines end with `\n`)
/// and the bidirectional overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069) that
/// make a name read differently from what it says. Lone surrogates cannot reach a Rust string.
pub fn unwelcome_char(input: &str, lines: Lines) -> Option<char> {
    input.chars().find(|&c| match c {
        '\n' | '\t' => lines == Lines::Single,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(Code::parse(" example ").unwrap().as_str(), "example");
        assert!(Code::parse("agent-natural-resources").is_ok());
        assert_eq!(Code::parse(""), Err(TextError::Empty));
        assert_eq!(Code::parse("a"), Err(TextError::TooShort { min: 2 }));
        assert_eq!(Code::parse("Example"), Err(TextError::CodeCharacters));
        assert_eq!(Code::parse("1abc"), Err(TextError::CodeCharacters));
        assert_eq!(Code::parse("示例"), Err(TextError::CodeCharacters));
    }

    #[test]
    fn e_mail_addresses() {
        assert_eq!(Email::parse(" li.agent@county.example ").unwrap().as_str(), "li.agent@county.example");
        assert!(Email::parse("office@localhost").is_ok());
        for bad in ["", "no-at", "@x.cn", "a@", "a b@c.cn", "a@b@c.cn", "a@.cn", "a@cn.", "<a@b.cn>", "a@b.cn,c@d.cn"] {
            assert_eq!(Email::parse(bad), Err(TextError::Email), "{bad}");
        }
    }

    #[test]
    fn phones_and_masking() {
        assert_eq!(Phone::parse("138 0000 0001").unwrap().as_str(), "13800000001");
        assert!(Phone::parse("0878-0000200").is_ok());
        assert_eq!(Phone::parse("12800000001"), Err(TextError::Phone));
        assert_eq!(Phone::parse("1380000001"), Err(TextError::Phone));
        assert_eq!(Phone::parse("13800000001").unwrap().masked(), "138****0001");
        assert_eq!(mask_middle("532325199001011234"), "532***********1234");
    }

    #[test]
    fn passwords() {
        assert!(NewPassword::parse("Butler-2026x").is_ok());
        assert_eq!(NewPassword::parse("short1A"), Err(TextError::TooShort { min: 10 }));
        assert_eq!(NewPassword::parse("alllowercase"), Err(TextError::WeakPassword));
        assert_eq!(format!("{:?}", NewPassword::parse("Butler-2026x").unwrap()), "NewPassword(***)");
    }

    #[test]
    fn names() {
        assert_eq!(Name::parse("  示例县自然资源局 ").unwrap().as_str(), "示例县自然资源局");
        assert_eq!(Name::parse("   "), Err(TextError::Empty));
        assert_eq!(Name::parse(&"字".repeat(201)), Err(TextError::TooLong { max: 200 }));
    }

    #[test]
    fn control_and_bidi_characters_are_unwelcome_line_feeds_only_in_one_line() {
        assert_eq!(unwelcome_char("华宁县 Rust 厂", Lines::Single), None);
        assert_eq!(unwelcome_char("第一行\n\t第二行", Lines::Multi), None);
        assert_eq!(unwelcome_char("第一行\n第二行", Lines::Single), Some('\n'));
        assert_eq!(unwelcome_char("a\r\nb", Lines::Multi), Some('\r'));
        for bad in ['\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            let text = format!("名{bad}称");
            assert_eq!(unwelcome_char(&text, Lines::Multi), Some(bad), "{:X}", bad as u32);
        }
    }
}
