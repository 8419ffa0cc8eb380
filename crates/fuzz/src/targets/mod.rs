//! The targets: every parser a stranger can reach, each a function from bytes to the name of
//! its outcome (`Ok`) or a broken property (`Err`). A panic is caught by the engine.
//!
//! Properties checked beside "never panics, never hangs": where a parser has an encoder,
//! decoding what it encoded gives the value back; an accepted value satisfies the domain's
//! invariants.

mod bodies;
mod codes;
mod files;
mod headers;
mod sheets;

use std::fmt::Debug;

use crate::mutate::Shape;

/// What running one input gave: the outcome's name (few distinct ones per target), or why a
/// property broke.
pub type Verdict = Result<String, String>;

/// One fuzz target.
pub struct Target {
    pub name: &'static str,
    pub about: &'static str,
    pub shape: Shape,
    /// Tokens the mutations insert (keywords, delimiters, field names).
    pub dictionary: &'static [&'static [u8]],
    /// The longest input tried.
    pub max_len: usize,
    pub run: fn(&[u8]) -> Verdict,
}

/// Every target, in the order a full run takes them.
pub fn all() -> Vec<Target> {
    let mut targets = Vec::new();
    targets.extend(codes::targets());
    targets.extend(headers::targets());
    targets.extend(bodies::targets());
    targets.extend(files::targets());
    targets.extend(sheets::targets());
    targets
}

/// The text of an input as a stranger's header or field would reach the parser: UTF-8, with
/// anything else replaced (the HTTP layer refuses other bytes before any parser sees them).
pub(crate) fn text(input: &[u8]) -> String {
    String::from_utf8_lossy(input).into_owned()
}

/// An outcome's name from a value's `Debug`: its first word (the variant), not its content,
/// so that outcomes stay few.
pub(crate) fn kind(value: &impl Debug) -> String {
    let shown = format!("{value:?}");
    let end = shown.find(['(', '{', ' ']).unwrap_or(shown.len());
    shown[..end].to_owned()
}

/// The outcome's name of an application error: its variant and its field errors' codes.
pub(crate) fn app_error(err: &butler_app::AppError) -> String {
    match err {
        butler_app::AppError::Validation(fields) => {
            let mut codes: Vec<&str> = fields.iter().map(|f| f.code.as_str()).collect();
            codes.sort_unstable();
            codes.dedup();
            format!("Validation[{}]", codes.join(","))
        }
        other => kind(other),
    }
}

/// The outcome's name of a web error, as [`app_error`].
pub(crate) fn api_error(err: &butler_http::error::ApiError) -> String {
    match err {
        butler_http::error::ApiError::Validation(fields) => {
            let mut codes: Vec<&str> = fields.iter().map(|f| f.code.as_str()).collect();
            codes.sort_unstable();
            codes.dedup();
            format!("Validation[{}]", codes.join(","))
        }
        other => kind(other),
    }
}

/// `Err` with `why` unless `holds`.
pub(crate) fn ensure(holds: bool, why: impl FnOnce() -> String) -> Result<(), String> {
    if holds { Ok(()) } else { Err(why()) }
}
