//! Pages of a list, in the application's own terms: what page a caller asks for
//! ([`PageRequest`]: a limit and the opaque cursor of the previous page) and one page of
//! records ([`Page`]: the items and the cursor of the next page).
//!
//! The cursor is text to every caller; only this module reads it. A use case checks the
//! request after it has authorised the caller, so a caller who may not list is told so before
//! being told that its paging is wrong.

use crate::error::{AppError, FieldError};

/// What page to read, as the caller asked for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageRequest {
    /// Items per page, [`PageRequest::MIN_LIMIT`]–[`PageRequest::MAX_LIMIT`];
    /// [`PageRequest::DEFAULT_LIMIT`] when absent.
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page; absent or empty for the first page.
    pub cursor: Option<String>,
}

impl PageRequest {
    /// Items per page when the caller names no limit.
    pub const DEFAULT_LIMIT: u64 = butler_persistence::PageRequest::DEFAULT_LIMIT;
    /// The fewest items a page may be asked for.
    pub const MIN_LIMIT: u64 = 1;
    /// The most items a page may hold.
    pub const MAX_LIMIT: u64 = butler_persistence::PageRequest::MAX_LIMIT;

    /// The first page of `limit` items.
    pub fn first(limit: u64) -> Self {
        PageRequest { limit: Some(limit), cursor: None }
    }

    /// The limit, checked: out of range is a field error (`limit`).
    pub(crate) fn checked_limit(&self) -> Result<u64, AppError> {
        let limit = self.limit.unwrap_or(Self::DEFAULT_LIMIT);
        if !(Self::MIN_LIMIT..=Self::MAX_LIMIT).contains(&limit) {
            let (min, max) = (Self::MIN_LIMIT, Self::MAX_LIMIT);
            return Err(AppError::Validation(vec![FieldError::new(
                "limit",
                "range",
                format!("须在 {min} 到 {max} 之间"),
                format!("must be between {min} and {max}"),
            )]));
        }
        Ok(limit)
    }

    /// The request as the store reads it: the limit checked and the cursor decoded. A limit
    /// out of range, or a cursor this server did not issue, is a field error (`limit`,
    /// `cursor`).
    pub(crate) fn checked(&self) -> Result<butler_persistence::PageRequest, AppError> {
        let limit = self.checked_limit()?;
        let after = match self.cursor.as_deref() {
            Some(text) if !text.is_empty() => Some(butler_persistence::Cursor::decode(text)?),
            _ => None,
        };
        Ok(butler_persistence::PageRequest { limit, after })
    }
}

/// One page of a list: its items and the cursor of the next page (`None` on the last).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque text: pass it back as [`PageRequest::cursor`] to read the next page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// The same page with each item mapped.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), next_cursor: self.next_cursor }
    }

    /// The same page with each item converted, or the first conversion's error.
    pub fn try_map<U, E>(self, f: impl FnMut(T) -> Result<U, E>) -> Result<Page<U>, E> {
        let items = self.items.into_iter().map(f).collect::<Result<Vec<_>, _>>()?;
        Ok(Page { items, next_cursor: self.next_cursor })
    }
}

/// A page the store read, as the application hands it on (its rows still to be converted).
impl<T> From<butler_persistence::Page<T>> for Page<T> {
    fn from(page: butler_persistence::Page<T>) -> Self {
        Page { items: page.items, next_cursor: page.next_cursor }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_request_reads_the_first_page_of_fifty() {
        let req = PageRequest::default().checked().unwrap();
        assert_eq!((req.limit, req.after), (50, None));
        let empty_cursor = PageRequest { limit: Some(3), cursor: Some(String::new()) }.checked().unwrap();
        assert_eq!((empty_cursor.limit, empty_cursor.after), (3, None));
    }

    #[test]
    fn limits_out_of_range_and_foreign_cursors_are_field_errors() {
        for limit in [0, 201] {
            match PageRequest::first(limit).checked() {
                Err(AppError::Validation(fields)) => {
                    assert_eq!((fields[0].field.as_str(), fields[0].code.as_str()), ("limit", "range"));
                    assert_eq!(fields[0].en, "must be between 1 and 200");
                }
                other => panic!("{other:?}"),
            }
        }
        match (PageRequest { limit: None, cursor: Some("not a cursor!".into()) }).checked() {
            Err(AppError::Validation(fields)) => assert_eq!(fields[0].code, "invalid_cursor"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_cursor_read_back_continues_where_it_was_issued() {
        let cursor = butler_persistence::Cursor(uuid::Uuid::from_u128(7));
        let req = PageRequest { limit: Some(10), cursor: Some(cursor.encode()) }.checked().unwrap();
        assert_eq!(req.after, Some(cursor));
    }
}
