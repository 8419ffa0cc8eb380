//! `--dossier`: the time to export one case's dossier (一事一档) archive, for a case with
//! `--dossier-sheets` task sheets and `--dossier-files` files of `--dossier-file-kb` each.
//!
//! The case is a loaded in-service case whose plan is widened to the sheets asked for (the
//! items and sheets of further loaded cases are moved onto it), with a history event per sheet
//! step appended to its chain. Its files are real stored files in a local store (PDFs of
//! incompressible bytes, the worst case for the archive): every fourth one an approval
//! document on a sheet, the rest materials given for the plan's items. The export renders
//! the case's forms (one 附件5 per sheet) and reads each file back from the store.

use std::sync::Arc;
use std::time::Instant;

use butler_app::Context;
use butler_app::clock::SystemClock;
use butler_app::dossier;
use butler_app::files::storage::{Storage, StorageConfig};
use butler_app::files::upload::receive;
use butler_app::files::{FileLimits, Limit};
use butler_domain::case::event_action::EventAction;
use butler_domain::material::{FileType, MaterialState};
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use butler_persistence::Code;
use butler_persistence::entity::{
    case, case_item, case_material, enterprise_material, material_version, stored_file, task_sheet,
};
use butler_persistence::repo::history::{self, ChainHead, NewEvent};
use bytes::Bytes;
use chrono::Utc;
use rand::rngs::SmallRng;
use rand::{RngCore, SeedableRng};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::load::{Loaded, load_cases};
use crate::stats::{Stats, stats};
use crate::world::World;
use crate::{SHEETS_PER_CASE, log};

/// What one configuration measured.
pub struct DossierResult {
    pub sheets: usize,
    pub files: usize,
    pub file_kb: usize,
    pub events: u64,
    pub archive_bytes: u64,
    pub export: Stats,
}

/// Loads the case and exports its dossier `runs` times.
pub async fn measure(
    db: &DatabaseConnection,
    w: Arc<World>,
    sheets: usize,
    files: usize,
    file_kb: usize,
    runs: usize,
) -> anyhow::Result<DossierResult> {
    let cases = sheets.div_ceil(SHEETS_PER_CASE).max(1) as u64;
    let mut loaded = Loaded::default();
    let now = Utc::now();
    load_cases(db, w.clone(), 0, cases, now, &mut loaded).await?;
    let case_id = *loaded.cases.first().ok_or_else(|| anyhow::anyhow!("no case loaded"))?;
    // One case with every loaded item and sheet, in plan order.
    for (k, other) in loaded.cases.iter().enumerate().skip(1) {
        let offset = (k * SHEETS_PER_CASE) as i32;
        case_item::Entity::update_many()
            .col_expr(case_item::Column::CaseId, Expr::value(case_id))
            .col_expr(case_item::Column::Position, Expr::col(case_item::Column::Position).add(offset))
            .filter(case_item::Column::CaseId.eq(*other))
            .exec(db)
            .await?;
        task_sheet::Entity::update_many()
            .col_expr(task_sheet::Column::CaseId, Expr::value(case_id))
            .filter(task_sheet::Column::CaseId.eq(*other))
            .exec(db)
            .await?;
    }
    // A history event per sheet step (dispatched, acknowledged, finished).
    let case = case::Entity::find_by_id(case_id).one(db).await?.ok_or_else(|| anyhow::anyhow!("the case"))?;
    let sheet_ids: Vec<Uuid> = task_sheet::Entity::find()
        .filter(task_sheet::Column::CaseId.eq(case_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let mut events = Vec::new();
    for sheet in &sheet_ids {
        for action in [EventAction::TaskDispatched, EventAction::TaskAcknowledged, EventAction::TaskFinished] {
            events.push(NewEvent {
                actor_id: Some(w.window),
                action,
                sheet_id: Some(*sheet),
                from_state: None,
                to_state: None,
                payload: serde_json::json!({"bench": true}),
            });
        }
    }
    let head = ChainHead { length: case.chain_length, hash: case.chain_head.clone() };
    let head = history::append(db, case.tenant_id, case_id, &head, events, Utc::now()).await?;

    let store = tempfile::tempdir()?;
    let storage = Storage::open(&StorageConfig::Local { root: store.path().to_path_buf() })?;
    let ctx =
        Context::new(db.clone(), Arc::new(SystemClock::default()), false).with_files(storage, FileLimits::default());
    store_files(db, &ctx, &w, &case, files, file_kb).await?;
    let actor = Actor {
        user_id: w.office,
        tenant_id: w.tenant_id,
        role: Role::Office,
        department_id: None,
        enterprise_id: None,
    };
    let mut samples = Vec::new();
    let mut archive_bytes = 0;
    for run in 0..runs {
        let t = Instant::now();
        let d = dossier::export_dossier(&ctx, &actor, case_id, butler_http::routes::dossier::case_json).await?;
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
        archive_bytes = d.size;
        log(format!("  dossier export {}: {:.0} ms, {} MB", run + 1, samples[run], d.size / 1_000_000));
    }
    Ok(DossierResult {
        sheets: sheet_ids.len(),
        files,
        file_kb,
        events: u64::try_from(head.length).unwrap_or(0),
        archive_bytes,
        export: stats(samples),
    })
}

/// Stores `n` files of `kb` KiB for `case` through the upload path and records them as the
/// case's materials (spread over its items) and, every fourth, as a sheet's approval document.
async fn store_files(
    db: &DatabaseConnection,
    ctx: &Context,
    w: &World,
    case: &case::Model,
    n: usize,
    kb: usize,
) -> anyhow::Result<()> {
    let items = case_item::Entity::find()
        .filter(case_item::Column::CaseId.eq(case.id))
        .order_by_asc(case_item::Column::Position)
        .all(db)
        .await?;
    let sheets = task_sheet::Entity::find().filter(task_sheet::Column::CaseId.eq(case.id)).all(db).await?;
    anyhow::ensure!(!items.is_empty(), "the case has no items");
    let mut results = sheets.iter();
    let mut rng = SmallRng::seed_from_u64(7);
    let now = Utc::now();
    let no_limit = Limit { bytes: u64::MAX, case_bound: false };
    for i in 0..n {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.resize(kb * 1024, 0);
        rng.fill_bytes(&mut bytes[9..]);
        let body = futures_util::stream::iter([Ok::<_, std::io::Error>(Bytes::from(bytes))]);
        let got = receive(&ctx.storage, body, &[FileType::Pdf], no_limit).await?;
        stored_file::ActiveModel {
            id: Set(got.id),
            tenant_id: Set(case.tenant_id),
            enterprise_id: Set(Some(case.enterprise_id)),
            case_id: Set(Some(case.id)),
            sha256: Set(got.sha256),
            size_bytes: Set(i64::try_from(got.size_bytes)?),
            file_type: Set(Code(got.file_type)),
            file_name: Set(format!("材料-{i:03}.pdf")),
            storage_key: Set(got.storage_key),
            uploaded_by: Set(w.window),
            created_at: Set(now),
        }
        .insert(db)
        .await?;
        if i % 4 == 3
            && let Some(sheet) = results.next()
        {
            task_sheet::Entity::update_many()
                .col_expr(task_sheet::Column::ResultFileId, Expr::value(got.id))
                .filter(task_sheet::Column::Id.eq(sheet.id))
                .exec(db)
                .await?;
            continue;
        }
        let material_id = Uuid::now_v7();
        let version_id = Uuid::now_v7();
        enterprise_material::ActiveModel {
            id: Set(material_id),
            tenant_id: Set(case.tenant_id),
            enterprise_id: Set(case.enterprise_id),
            name: Set(format!("材料-{i:03}")),
            latest_version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        material_version::ActiveModel {
            id: Set(version_id),
            material_id: Set(material_id),
            version: Set(1),
            file_id: Set(got.id),
            uploaded_by: Set(w.window),
            on_behalf: Set(true),
            valid_until: Set(None),
            created_at: Set(now),
        }
        .insert(db)
        .await?;
        let item = &items[i % items.len()];
        case_material::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(case.tenant_id),
            case_id: Set(case.id),
            case_item_id: Set(item.id),
            position: Set(i32::try_from(i / items.len() + 1)?),
            name: Set(format!("材料-{i:03}")),
            material_id: Set(material_id),
            material_version_id: Set(version_id),
            state: Set(Code(MaterialState::Submitted)),
            reason: Set(None),
            decided_by: Set(None),
            decided_at: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// `--dossier`: migrate, load the demo county, measure; the Markdown figures.
pub async fn run(args: &crate::Args, target: &crate::target::Target) -> anyhow::Result<String> {
    let db = butler_persistence::connect(&target.url, args.pool).await?;
    butler_persistence::migrate(&db).await?;
    butler_server::demo::load(
        &db,
        &butler_app::pii::Keyring::demo(),
        &butler_server::demo::DEMO_COUNTY,
        crate::PASSWORD,
        Utc::now(),
    )
    .await?;
    let w = Arc::new(crate::world::world(&db).await?);
    let r = measure(&db, w, args.dossier_sheets, args.dossier_files, args.dossier_file_kb, args.dossier_runs).await?;
    Ok(format!(
        "# Dossier export ({})\n\n\
         | sheets | history events | files | file size | archive | runs | median | max |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|\n\
         | {} | {} | {} | {} KiB | {:.1} MB | {} | {:.0} ms | {:.0} ms |\n",
        target.label,
        r.sheets,
        r.events,
        r.files,
        r.file_kb,
        r.archive_bytes as f64 / 1_000_000.0,
        args.dossier_runs,
        r.export.median,
        r.export.max,
    ))
}
