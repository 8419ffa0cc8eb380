//! The one check every JSON body passes before it is read into its DTO: it is exactly one
//! JSON value (nothing after it); none of its strings, at any depth, holds a character no text
//! of the system may hold ([`butler_domain::text::unwelcome_char`]); every date in it (a string
//! that is a date or a date-time) and every amount (a field named `…_fen`) is plausible
//! ([`butler_domain::bounds`]). Done here, by the extractor, so that no field of any body can
//! be forgotten.

use butler_domain::bounds;
use butler_domain::text::{Lines, unwelcome_char};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime};
use serde_json::Value;

use crate::error::{ApiError, FieldError};

/// Fields whose text may span lines (notes, reasons, descriptions, replies, minutes...), by
/// their name in the body or its ending; every other string is one line.
const MULTI_LINE: &[&str] = &[
    "acceptance_conditions",
    "answer",
    "basis",
    "body",
    "brief",
    "comment",
    "conclusion",
    "content",
    "default_body",
    "description",
    "detail",
    "intermediary_services",
    "intro",
    "legal_basis",
    "legal_fees",
    "message",
    "minutes",
    "note",
    "notes",
    "notification_text",
    "office_hours",
    "opinion",
    "problem",
    "process",
    "question",
    "reason",
    "recommendation",
    "reply",
    "sample",
    "service_rules",
    "text",
    "what",
];
const MULTI_LINE_ENDINGS: &[&str] = &["_reason", "_note", "_notes", "_comment", "_description", "_body", "_text"];

/// How the field named `name` takes line breaks.
pub fn lines_of(name: &str) -> Lines {
    if MULTI_LINE.contains(&name) || MULTI_LINE_ENDINGS.iter().any(|e| name.ends_with(e)) {
        Lines::Multi
    } else {
        Lines::Single
    }
}

/// Checks a body: 400 `malformed_request` unless it is one JSON value with nothing after it;
/// 422 `validation_failed` naming every string field (`items[1].name`) that holds an
/// unwelcome character, in both languages.
pub fn check(bytes: &[u8]) -> Result<(), ApiError> {
    check_except(bytes, &[])
}

/// One step of a path into a body: a field's name or an item's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// The steps of a path serde_ignored reports (a field the body's type does not read).
pub fn steps(path: &serde_ignored::Path) -> Vec<Step> {
    use serde_ignored::Path;
    let mut out = match path {
        Path::Root => return Vec::new(),
        Path::Seq { parent, .. }
        | Path::Map { parent, .. }
        | Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => steps(parent),
    };
    match path {
        Path::Seq { index, .. } => out.push(Step::Index(*index)),
        Path::Map { key, .. } => out.push(Step::Key(key.clone())),
        _ => {}
    }
    out
}

/// [`check`], the fields at `unread` left out: a field the body's type does not know is
/// dropped unread, so what it holds is nobody's concern.
pub fn check_except(bytes: &[u8], unread: &[Vec<Step>]) -> Result<(), ApiError> {
    let mut value: Value = serde_json::from_slice(bytes).map_err(|e| ApiError::Malformed(e.to_string()))?;
    for path in unread {
        remove(&mut value, path);
    }
    let mut errors = Vec::new();
    walk(&value, "", Lines::Single, &mut errors);
    errors.sort_by(|a, b| a.field.cmp(&b.field));
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

fn remove(value: &mut Value, path: &[Step]) {
    let Some((last, parents)) = path.split_last() else { return };
    let mut at = value;
    for step in parents {
        at = match (step, at) {
            (Step::Key(key), Value::Object(fields)) => match fields.get_mut(key) {
                Some(inner) => inner,
                None => return,
            },
            (Step::Index(i), Value::Array(items)) => match items.get_mut(*i) {
                Some(inner) => inner,
                None => return,
            },
            _ => return,
        };
    }
    match (last, at) {
        (Step::Key(key), Value::Object(fields)) => {
            fields.remove(key);
        }
        (Step::Index(i), Value::Array(items)) => {
            if let Some(item) = items.get_mut(*i) {
                *item = Value::Null;
            }
        }
        _ => {}
    }
}

fn walk(value: &Value, path: &str, lines: Lines, errors: &mut Vec<FieldError>) {
    match value {
        Value::String(s) => {
            let field = if path.is_empty() { "body" } else { path };
            if let Some(c) = unwelcome_char(s, lines) {
                errors.push(refusal(field, c));
            } else if date_year(s).is_some_and(|y| !bounds::YEARS.contains(&y)) {
                errors.push(implausible_date(field));
            }
        }
        Value::Number(n) if field_name(path).ends_with("_fen") => {
            if !n.as_i64().is_some_and(bounds::plausible_fen) && (n.is_i64() || n.is_u64()) {
                errors.push(implausible_amount(path));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), lines, errors);
            }
        }
        Value::Object(fields) => {
            for (name, item) in fields {
                let path = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
                walk(item, &path, lines_of(name), errors);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The field a path names, without the indices of the arrays it is in: the numbers of
/// `fees_fen[2]` are amounts as much as the number of `fee_fen` is.
fn field_name(path: &str) -> &str {
    let mut name = path;
    while let Some(rest) = name.strip_suffix(']') {
        match rest.rfind('[') {
            Some(i) => name = &rest[..i],
            None => break,
        }
    }
    name
}

/// The year of a string that is wholly a date (`2026-12-05`) or a date-time, as a body's
/// date field reads it: chrono also reads a year of one to three digits (`0-10-18` is the
/// year 0) or with a sign (`+12345-01-01`), and so must this check.
fn date_year(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if s.len() < 5 || s.len() > 64 {
        return None;
    }
    let digits = usize::from(matches!(b[0], b'+' | b'-'));
    if !b.get(digits).is_some_and(u8::is_ascii_digit) || !s[digits..].contains('-') {
        return None;
    }
    s.parse::<NaiveDate>()
        .map(|d| d.year())
        .or_else(|_| s.parse::<DateTime<FixedOffset>>().map(|d| d.year()))
        .or_else(|_| s.parse::<NaiveDateTime>().map(|d| d.year()))
        .or_else(|_| DateTime::parse_from_rfc3339(s).map(|d| d.year()))
        .ok()
}

fn implausible_date(field: &str) -> FieldError {
    let (from, to) = (bounds::YEARS.start(), bounds::YEARS.end());
    FieldError::new(
        field,
        "implausible_date",
        format!("日期须在 {from} 年至 {to} 年之间"),
        format!("must be a date from {from} to {to}"),
    )
}

fn implausible_amount(field: &str) -> FieldError {
    FieldError::new(
        field,
        "implausible_amount",
        format!("金额（分）的绝对值不能超过 {}", bounds::MAX_FEN),
        format!("must be an amount in fen of at most {} either way", bounds::MAX_FEN),
    )
}

fn refusal(field: &str, c: char) -> FieldError {
    let at = format!("U+{:04X}", c as u32);
    if c == '\n' || c == '\t' {
        FieldError::new(
            field,
            "line_break",
            format!("此项只能填写一行，不能包含换行或制表符（{at}）"),
            format!("must be one line: no line break or tab ({at})"),
        )
    } else {
        FieldError::new(
            field,
            "forbidden_character",
            format!("包含不允许的控制字符或文字方向控制符（{at}）"),
            format!("contains a control or text-direction character that is not allowed ({at})"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(body: &str) -> Vec<(String, String)> {
        match check(body.as_bytes()) {
            Err(ApiError::Validation(errors)) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            Err(other) => panic!("unexpected {other}"),
            Ok(()) => Vec::new(),
        }
    }

    #[test]
    fn trailing_data_after_the_value_is_malformed() {
        assert!(matches!(check(br#"{"a":1} x"#), Err(ApiError::Malformed(_))));
        assert!(matches!(check(br#"{"a":1}{"a":2}"#), Err(ApiError::Malformed(_))));
        assert!(check(b"{\"a\":1}\n  ").is_ok(), "white space after the value is fine");
    }

    #[test]
    fn every_string_at_any_depth_is_checked_and_named() {
        let body =
            r#"{"name":"a\u202Eb","items":[{"name":"ok"},{"reason":"x\u0000"}],"note":"one\ntwo","title":"t\nu"}"#;
        assert_eq!(
            fields(body),
            vec![
                ("items[1].reason".to_owned(), "forbidden_character".to_owned()),
                ("name".to_owned(), "forbidden_character".to_owned()),
                ("title".to_owned(), "line_break".to_owned()),
            ]
        );
    }

    #[test]
    fn dates_and_amounts_out_of_bounds_are_named() {
        let body = r#"{"a_on":"0560-04-05","b_at":"9999-12-31T00:00:00Z","c_on":"2026-12-05","investment_fen":9223372036854775807,"fee_fen":100,"n":9223372036854775807}"#;
        assert_eq!(
            fields(body),
            vec![
                ("a_on".to_owned(), "implausible_date".to_owned()),
                ("b_at".to_owned(), "implausible_date".to_owned()),
                ("investment_fen".to_owned(), "implausible_amount".to_owned()),
            ]
        );
    }

    #[test]
    fn every_spelling_chrono_reads_as_a_date_is_bounded() {
        // Short and signed years read as dates by the DTOs' date fields (year 0, year -1…).
        let body = r#"{"a_on":"0-10-18","b_on":"-0001-01-01","c_on":"+12345-01-01","d_at":"99-01-01T00:00:00Z","e_at":"0001-01-01T00:00:00","f_on":"2026-1-5","g":"1-2-x"}"#;
        let named: Vec<String> = fields(body).into_iter().map(|(f, _)| f).collect();
        assert_eq!(named, vec!["a_on", "b_on", "c_on", "d_at", "e_at"]);
        assert_eq!("0-10-18".parse::<NaiveDate>().map(|d| d.year()), Ok(0), "what a date field reads");
    }

    #[test]
    fn amounts_in_arrays_are_amounts() {
        let body = r#"{"fees_fen":[100,9007199254740993],"rows":[{"fee_fen":[[-9223372036854775808]]}],"n":[9007199254740993]}"#;
        assert_eq!(
            fields(body),
            vec![
                ("fees_fen[1]".to_owned(), "implausible_amount".to_owned()),
                ("rows[0].fee_fen[0][0]".to_owned(), "implausible_amount".to_owned()),
            ]
        );
    }

    #[test]
    fn lone_surrogates_never_arrive() {
        assert!(matches!(check(br#"{"name":"\ud800"}"#), Err(ApiError::Malformed(_))));
    }
}
