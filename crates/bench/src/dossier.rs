//! `--dossier`: the time to export one case's dossier (一事一档) archive, for a case with
//! `--dossier-sheets` task sheets and `--dossier-files` files of `--dossier-file-kb` each.
//!
//! The case is a loaded in-service case whose plan is widened to the sheets asked for (the
//! items and sheets of further loaded cases are moved onto it), with a history event per sheet
//! step appended to its chain. The files are stand-ins (incompressible bytes, the worst case
//! for deflate) given to the export as deferred entries, as stored files would be; once
//! materials and forms are in the case, they come from the case itself.

use std::sync::Arc;
use std::time::Instant;

use butler_app::Context;
use butler_app::clock::SystemClock;
use butler_app::dossier::{self, DossierEntry};
use butler_domain::case::event_action::EventAction;
use butler_domain::dossier::EntryRole;
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use butler_persistence::entity::{case, case_item, task_sheet};
use butler_persistence::repo::history::{self, ChainHead, NewEvent};
use chrono::Utc;
use rand::rngs::SmallRng;
use rand::{RngCore, SeedableRng};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
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

    let ctx = Context::new(db.clone(), Arc::new(SystemClock::default()), false);
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
        let extra = stand_in_files(files, file_kb, run as u64);
        let t = Instant::now();
        let d =
            dossier::export_dossier_with(&ctx, &actor, case_id, butler_http::routes::dossier::case_json, extra).await?;
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

/// `n` deferred files of `kb` KiB of random bytes.
fn stand_in_files(n: usize, kb: usize, seed: u64) -> Vec<DossierEntry> {
    (0..n)
        .map(|i| {
            let role = if i % 4 == 3 { EntryRole::Result } else { EntryRole::Material };
            let dir = if role == EntryRole::Result { "results" } else { "materials" };
            DossierEntry::deferred(format!("{dir}/材料-{i:03}.pdf"), role, async move {
                let mut bytes = vec![0u8; kb * 1024];
                SmallRng::seed_from_u64(seed * 1000 + i as u64).fill_bytes(&mut bytes);
                Ok(bytes)
            })
        })
        .collect()
}

/// `--dossier`: migrate, load the demo county, measure; the Markdown figures.
pub async fn run(args: &crate::Args, target: &crate::target::Target) -> anyhow::Result<String> {
    let db = butler_persistence::connect(&target.url, args.pool).await?;
    butler_persistence::migrate(&db).await?;
    butler_server::demo::load(&db, &butler_server::demo::DAYAO, crate::PASSWORD, Utc::now()).await?;
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
