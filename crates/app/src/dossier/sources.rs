//! Where the dossier's parts come from. Each source gives [`DossierEntry`]s; the export puts
//! them in the archive in the order of their roles.

use std::collections::BTreeSet;

use butler_domain::case::history::HashAlgorithm;
use butler_domain::dossier::{CASE_PATH, DossierHistory, EntryRole, HISTORY_PATH, HistoryRecord};
use butler_persistence::repo::cases::CaseRow;
use butler_persistence::repo::history as history_repo;
use butler_persistence::repo::users;

use butler_domain::policy::Actor;
use sha2::Digest as _;
use uuid::Uuid;

use super::{DossierEntry, safe_name};
use crate::materials::CaseFileRole;
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

/// The case's forms (附件2–9 that apply to its state) as Word files, under `forms/`.
pub async fn forms(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<Vec<DossierEntry>, AppError> {
    Ok(crate::forms::case_forms(ctx, actor, case_id)
        .await?
        .into_iter()
        .map(|f| DossierEntry::bytes(format!("forms/{}", safe_name(&f.file_name)), EntryRole::Form, f.bytes))
        .collect())
}

/// Every material and result file of the case, read from the storage when the archive reaches
/// it. A file whose bytes no longer match the digest recorded at upload stops the export: the
/// store was changed behind the server's back, and an archive must not vouch for it.
pub async fn files(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<Vec<DossierEntry>, AppError> {
    Ok(crate::materials::case_files(ctx, actor, case_id)
        .await?
        .into_iter()
        .map(|f| {
            let role = match f.role {
                CaseFileRole::Material => EntryRole::Material,
                CaseFileRole::Result => EntryRole::Result,
            };
            let storage = ctx.storage.clone();
            DossierEntry::deferred(f.path, role, async move {
                let bytes = storage.read(&f.storage_key).await?;
                let digest = hex::encode(sha2::Sha256::digest(&bytes));
                if digest != f.sha256 {
                    return Err(AppError::internal(ChangedInStorage { file_id: f.file_id }));
                }
                Ok(bytes)
            })
        })
        .collect())
}

/// A stored file's bytes differ from the digest recorded when it was uploaded.
#[derive(Debug, thiserror::Error)]
#[error("stored file {file_id} no longer matches the SHA-256 recorded at upload")]
struct ChangedInStorage {
    file_id: Uuid,
}
