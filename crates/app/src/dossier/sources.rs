//! Where the dossier's parts come from. Each source gives [`DossierEntry`]s; the export puts
//! them in the archive in the order of their roles.

use std::collections::BTreeSet;

use butler_domain::case::history::HashAlgorithm;
use butler_domain::dossier::{CASE_PATH, DossierHistory, EntryRole, HISTORY_PATH, HistoryRecord};
use butler_persistence::repo::cases::CaseRow;
use butler_persistence::repo::history as history_repo;
use butler_persistence::repo::users;

use super::DossierEntry;
use crate::{AppError, Context};

/// `case.json`: the case as its reader's page shows it.
pub fn case_json(bytes: Vec<u8>) -> DossierEntry {
    DossierEntry::bytes(CASE_PATH, EntryRole::Case, bytes)
}

/// The case's history up to the chain head read with the case (events appended since belong
/// to a later dossier), each event with its actor's name.
pub async fn history(ctx: &Context, case: &CaseRow) -> Result<DossierHistory, AppError> {
    let mut rows = history_repo::list(&ctx.db, case.tenant_id, case.id).await?;
    rows.truncate(case.chain_length.max(0) as usize);
    let actor_ids: Vec<_> = rows.iter().filter_map(|r| r.actor_id).collect::<BTreeSet<_>>().into_iter().collect();
    let names = users::display_names(&ctx.db, case.tenant_id, &actor_ids).await?;
    let events = history_repo::chained(&rows)
        .into_iter()
        .map(|chained| {
            let actor_name = chained.event.actor_id.and_then(|a| names.get(&a).cloned());
            HistoryRecord { chained, actor_name }
        })
        .collect();
    Ok(DossierHistory { case_id: case.id, tenant_id: case.tenant_id, chain_algorithm: HashAlgorithm::Sm3, events })
}

/// `history.json`.
pub fn history_json(history: &DossierHistory) -> Result<DossierEntry, AppError> {
    let bytes = serde_json::to_vec_pretty(history).map_err(AppError::internal)?;
    Ok(DossierEntry::bytes(HISTORY_PATH, EntryRole::History, bytes))
}
