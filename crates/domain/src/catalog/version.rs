//! An item's versions: a draft is edited, published (in force from its validity date, and the
//! version it replaces retires that day) and finally retired. A case keeps the version it was
//! planned with, whatever happens to the catalog later.

use crate::codes::code_enum;

code_enum! {
    /// Where one version of an item stands (`approval_items.status`).
    pub enum ItemStatus: "item status" {
        /// Being written; not offered to plans or the public. At most one per item code.
        Draft = "draft",
        /// In force from `valid_from`: the catalog, plans and the public use it.
        Published = "published",
        /// Replaced by a newer version or withdrawn, from `valid_until`. Final.
        Retired = "retired",
    }
}

code_enum! {
    /// What may happen to one version of an item.
    pub enum ItemAction: "item action" {
        /// Change a draft's fields.
        Edit = "edit",
        /// Put a draft in force (the version it replaces retires).
        Publish = "publish",
        /// Withdraw a published version (the item leaves the catalog), or retire the version a
        /// newer one replaces.
        Retire = "retire",
        /// Throw a draft away.
        Discard = "discard",
    }
}

/// An action the table does not allow from the status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{action} is not possible for a {status} item version")]
pub struct ItemVersionError {
    pub status: ItemStatus,
    pub action: ItemAction,
    /// The actions possible from the status.
    pub allowed: Vec<ItemAction>,
}

/// The table: (from, action) → to; `None` for a discarded draft.
fn next(status: ItemStatus, action: ItemAction) -> Option<Option<ItemStatus>> {
    use ItemAction as A;
    use ItemStatus as S;
    match (status, action) {
        (S::Draft, A::Edit) => Some(Some(S::Draft)),
        (S::Draft, A::Publish) => Some(Some(S::Published)),
        (S::Draft, A::Discard) => Some(None),
        (S::Published, A::Retire) => Some(Some(S::Retired)),
        _ => None,
    }
}

/// The actions possible from `status`.
pub fn allowed_actions(status: ItemStatus) -> Vec<ItemAction> {
    ItemAction::ALL.into_iter().filter(|a| next(status, *a).is_some()).collect()
}

/// The status after `action` (`None`: the draft is gone), or why not.
pub fn decide(status: ItemStatus, action: ItemAction) -> Result<Option<ItemStatus>, ItemVersionError> {
    next(status, action).ok_or_else(|| ItemVersionError { status, action, allowed: allowed_actions(status) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_drafts_change_and_retired_is_final() {
        assert_eq!(decide(ItemStatus::Draft, ItemAction::Edit), Ok(Some(ItemStatus::Draft)));
        assert_eq!(decide(ItemStatus::Draft, ItemAction::Publish), Ok(Some(ItemStatus::Published)));
        assert_eq!(decide(ItemStatus::Draft, ItemAction::Discard), Ok(None));
        assert_eq!(decide(ItemStatus::Published, ItemAction::Retire), Ok(Some(ItemStatus::Retired)));
        let e = decide(ItemStatus::Published, ItemAction::Edit).unwrap_err();
        assert_eq!(e.allowed, vec![ItemAction::Retire]);
        assert!(allowed_actions(ItemStatus::Retired).is_empty());
    }
}
