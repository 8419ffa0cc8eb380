//! Reading cases: one case for its page, the list in the caller's scope, the verification of
//! its history chain and the actions the caller may take.

use butler_domain::case::history::{self, ChainVersion, GENESIS_HASH, HashAlgorithm};

use butler_domain::policy::Actor;
use butler_persistence::repo::cases::{self, CaseFilter, CaseRow};
use butler_persistence::repo::history as history_repo;
use butler_persistence::{Page, PageRequest};
use uuid::Uuid;

use crate::Context;
use crate::error::AppError;

use super::*;

pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<CaseBundle, AppError> {
    let b = load(&ctx.db, actor.tenant_id, id).await?;
    check_visible(actor, &b)?;
    Ok(b)
}

pub async fn list(
    ctx: &Context,
    actor: &Actor,
    state_filter: Option<String>,
    page: PageRequest,
) -> Result<Page<CaseRow>, AppError> {
    // No case is in a state that does not exist.
    let Ok(state) = state_filter.map(|s| s.parse::<CaseState>()).transpose() else {
        return Ok(Page { items: vec![], next_cursor: None });
    };
    let scope = butler_domain::policy::case_list_scope(actor);
    let filter = CaseFilter {
        state,
        enterprise_id: scope.enterprise_id,
        department_id: scope.department_id,
        hide_drafts: scope.hide_drafts,
        ..Default::default()
    };
    Ok(cases::list(&ctx.db, actor.tenant_id, &filter, page).await?)
}

pub fn prerequisite_ids(item: &cases::CaseItemRow) -> Vec<Uuid> {
    item.prerequisites
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().and_then(|s| s.parse().ok())).collect())
        .unwrap_or_default()
}

/// What checking a case's hash chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainVerification {
    pub valid: bool,
    pub algorithm: String,
    pub length: i32,
    pub head: String,
    /// The first sequence number that does not verify.
    pub broken_at: Option<i64>,
    pub detail: Option<String>,
    /// The canonical-form version of each event, in sequence order.
    pub chain_versions: Vec<ChainVersion>,
}

/// Checks the stored chain: every hash, and that it ends at the head kept on the case.
pub fn verify_chain(case: &CaseRow, rows: &[history_repo::EventRow]) -> ChainVerification {
    let chained = history_repo::chained(rows);
    let subject = history_repo::subject(case.tenant_id, case.id);
    let result = history::verify(HashAlgorithm::Sm3, &subject, &chained);
    let (valid, broken_at, detail) = match result {
        Ok(()) => {
            let last = rows.last().map(|r| (r.sequence, r.hash.clone())).unwrap_or((0, GENESIS_HASH.to_owned()));
            if last.0 == case.chain_length && last.1 == case.chain_head {
                (true, None, None)
            } else {
                (
                    false,
                    Some(i64::from(last.0) + 1),
                    Some("the history ends before the case's recorded head".to_owned()),
                )
            }
        }
        Err(b) => (false, Some(b.sequence as i64), Some(b.to_string())),
    };
    ChainVerification {
        valid,
        algorithm: "sm3".into(),
        length: case.chain_length,
        head: case.chain_head.clone(),
        broken_at,
        detail,
        chain_versions: chained.iter().map(|e| e.chain_version).collect(),
    }
}
