//! Search terms in queries: the one place a caller's text becomes a LIKE pattern, its wildcards
//! (`%`, `_`) and the escape character (`\`) taken literally on both databases, so that `q=%`
//! finds what holds a percent sign, not everything.

use sea_orm::sea_query::LikeExpr;

/// `%text%`: holds `text` anywhere.
pub fn contains(text: &str) -> LikeExpr {
    LikeExpr::new(format!("%{}%", literal(text))).escape('\\')
}

/// `text%`: starts with `text`.
pub fn starts_with(text: &str) -> LikeExpr {
    LikeExpr::new(format!("{}%", literal(text))).escape('\\')
}

/// `text` with LIKE's wildcards and escape character escaped.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_and_the_escape_character_are_literal() {
        assert_eq!(literal("100%_a\\b"), "100\\%\\_a\\\\b");
        assert_eq!(literal("示例县"), "示例县");
    }
}
