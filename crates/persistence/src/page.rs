//! One way to page every list: keyset pagination on the row's time-ordered id.
//!
//! A request carries `limit` (1–200, default 50) and an opaque `cursor` from the previous
//! page; a page answers its items and the cursor of the next page (`None` at the end).
//! Cost does not grow with how far one pages.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use uuid::Uuid;

use crate::StoreError;

/// The position after which the next page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor(pub Uuid);

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0.as_bytes())
    }

    pub fn decode(text: &str) -> Result<Cursor, StoreError> {
        let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| StoreError::InvalidCursor)?;
        Uuid::from_slice(&bytes).map(Cursor).map_err(|_| StoreError::InvalidCursor)
    }
}

/// What page to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u64,
    pub after: Option<Cursor>,
}

impl PageRequest {
    pub const DEFAULT_LIMIT: u64 = 50;
    pub const MAX_LIMIT: u64 = 200;

    pub fn first(limit: u64) -> Self {
        PageRequest { limit, after: None }
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest::first(Self::DEFAULT_LIMIT)
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), next_cursor: self.next_cursor }
    }
}

/// Which end of a list comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// Creation order (ids are time-ordered UUID v7).
    OldestFirst,
    NewestFirst,
}

/// Runs `select` ordered by `id_col`, oldest first, starting after the request's cursor.
pub(crate) async fn fetch_page<E, C>(
    db: &C,
    select: Select<E>,
    id_col: E::Column,
    id_of: impl Fn(&E::Model) -> Uuid,
    req: PageRequest,
) -> Result<Page<E::Model>, StoreError>
where
    E: EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    fetch_page_in(db, select, id_col, id_of, req, Order::OldestFirst).await
}

/// Runs `select` ordered by `id_col` in `order`, continuing past the request's cursor.
pub(crate) async fn fetch_page_in<E, C>(
    db: &C,
    select: Select<E>,
    id_col: E::Column,
    id_of: impl Fn(&E::Model) -> Uuid,
    req: PageRequest,
    order: Order,
) -> Result<Page<E::Model>, StoreError>
where
    E: EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    let limit = req.limit.clamp(1, PageRequest::MAX_LIMIT);
    let mut select = match order {
        Order::OldestFirst => select.order_by_asc(id_col),
        Order::NewestFirst => select.order_by_desc(id_col),
    };
    if let Some(Cursor(past)) = req.after {
        select = select.filter(match order {
            Order::OldestFirst => id_col.gt(past),
            Order::NewestFirst => id_col.lt(past),
        });
    }
    let mut items = select.limit(limit + 1).all(db).await?;
    let next_cursor = if items.len() as u64 > limit {
        items.truncate(limit as usize);
        items.last().map(|m| Cursor(id_of(m)).encode())
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}
