//! The dossier (一事一档) as one ZIP archive: the case as its page shows it, the history with
//! its hash chain, the forms, materials and result files, and a manifest of their hashes (see
//! `butler_domain::dossier`, which also checks an archive offline).
//!
//! Each part comes from a *source*, a function that gives [`DossierEntry`]s; a source whose
//! files are large gives them deferred, so that only one file's bytes are in memory at a time
//! while the archive is written to a temporary file.

mod archive;
mod sources;

use butler_domain::case::history::HashAlgorithm;
use butler_domain::dossier::{ChainHead, FORMAT_VERSION, FileDigest, Manifest};
use butler_domain::policy::Actor;
use uuid::Uuid;

use crate::cases::{self, view::CaseView};
use crate::{AppError, Context};

pub use archive::{DossierContent, DossierEntry, safe_name};

/// A case's dossier, written to a temporary file (deleted when dropped).
#[derive(Debug)]
pub struct Dossier {
    /// `一事一档-<case number>.zip`.
    pub file_name: String,
    /// The archive, positioned at its start.
    pub file: std::fs::File,
    /// Its size in bytes.
    pub size: u64,
    /// What it holds.
    pub manifest: Manifest,
}

/// The dossier of `case_id`, for whoever may read the case, in any state. `render_case` gives
/// `case.json`'s bytes for the case as `actor` sees it (the caller knows the contract's form).
///
/// The archive's timestamps are fixed and `generated_at` is the case's last change, not the
/// time of the export: an unchanged case's history, forms and files export to the same bytes
/// every time (`case.json` is the case as read now, its forecasts included).
pub async fn export_dossier(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    render_case: impl FnOnce(CaseView) -> Vec<u8>,
) -> Result<Dossier, AppError> {
    export_dossier_with(ctx, actor, case_id, render_case, Vec::new()).await
}

/// [`export_dossier`] with `extra` entries besides those of the case's own sources (the
/// benchmark's stand-in files, a caller's cover letter).
pub async fn export_dossier_with(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    render_case: impl FnOnce(CaseView) -> Vec<u8>,
    extra: Vec<DossierEntry>,
) -> Result<Dossier, AppError> {
    let bundle = cases::get(ctx, actor, case_id).await?;
    let case = bundle.case.clone();
    let view = cases::view::view(ctx, actor, bundle).await?;
    let history = sources::history(ctx, &case).await?;
    let generated_at =
        history.events.last().map_or(case.updated_at, |e| e.chained.event.occurred_at.max(case.updated_at));

    let mut entries = vec![sources::case_json(render_case(view)), sources::history_json(&history)?];
    entries.extend(sources::forms(ctx, actor, case_id).await?);
    entries.extend(sources::files(ctx, actor, case_id).await?);
    entries.extend(extra);
    entries.sort_by_key(|e| e.role);

    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        case_id: case.id,
        tenant_id: case.tenant_id,
        case_number: case.number.clone(),
        generated_at,
        file_digest: FileDigest::Sha256,
        chain_algorithm: HashAlgorithm::Sm3,
        chain_head: ChainHead { length: case.chain_length.max(0) as u64, hash: case.chain_head.clone() },
        entries: Vec::new(),
    };
    let (file, size, manifest) = archive::write(manifest, entries).await?;
    Ok(Dossier { file_name: format!("一事一档-{}.zip", case.number), file, size, manifest })
}
