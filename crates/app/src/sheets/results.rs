//! A sheet's result passed back: the window records how the enterprise was told, and the
//! office time finished sheets used is measured.

use butler_domain::case::event_action::{CaseOperation, EventAction};
use butler_domain::case::sheet;
use butler_domain::notice::KeyIds;
use butler_domain::policy::Actor;
use butler_persistence::Code;
use butler_persistence::repo::history as history_repo;
use butler_persistence::repo::history::NewEvent;
use butler_persistence::repo::sheets::{self, SheetRow};
use serde_json::json;
use uuid::Uuid;

use super::{scope, sheet_state, team_of};
use crate::cases::{head, load_for_change};
use crate::commands::ResultNotice;
use crate::{AppError, Context, effects};

/// The window records how the enterprise was told of a sheet's result; the enterprise gets
/// the result in its inbox too.
pub async fn record_result_notice(
    ctx: &Context,
    actor: &Actor,
    sheet_id: Uuid,
    input: &ResultNotice,
) -> Result<SheetRow, AppError> {
    if !sheet::may_record_result_notice(actor.role) {
        return Err(AppError::Forbidden);
    }
    let now = ctx.clock.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let row = sheets::get(&txn, actor.tenant_id, sheet_id).await?;
    let b =
        load_for_change(&txn, actor, row.case_id, now, butler_domain::case::frozen::CaseWrite::ResultNotice).await?;
    let Some(decision) = sheet_state(&row)?.decision else {
        return Err(AppError::InvalidTransition {
            state: row.state.0.code().to_owned(),
            action: CaseOperation::RecordResultNotice.code().to_owned(),
            allowed: vec![],
        });
    };
    let mut changed = row.clone();
    changed.result_notice_channel = Some(Code(input.channel));
    changed.result_noticed_at = Some(now);
    let updated = sheets::update_guarded(&txn, changed, row.version, now).await?;
    let item_name = b.items.iter().find(|i| i.id == row.case_item_id).map(|i| i.name.clone()).unwrap_or_default();
    let team = team_of(&b);
    let notice = sheet::result_notice(&item_name, &decision, row.result_file_id);
    let ids = KeyIds { version: Some(updated.version), ..KeyIds::default() };
    effects::deliver(&txn, &scope(&b, &team, Some(row.id)), &[notice], ids, now).await?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: EventAction::TaskResultNoticed,
        sheet_id: Some(row.id),
        from_state: None,
        to_state: None,
        payload: json!({"channel": input.channel.code(), "note": input.note}),
    };
    history_repo::append(&txn, b.case.tenant_id, b.case.id, &head(&b.case), vec![event], now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(updated)
}

/// Records the office time used and promised of finished sheets that have none: those
/// finished before it was kept (migration `000005`). Each is measured as the domain measures
/// a sheet when it finishes, on its county's calendar. Returns how many were measured; a sheet
/// whose stored state cannot be read is left unmeasured (and so out of the averages).
pub async fn measure_unmeasured(ctx: &Context) -> Result<u64, AppError> {
    const BATCH: u64 = 500;
    let mut after = None;
    let mut measured = 0;
    loop {
        let rows = sheets::unmeasured(&ctx.db, after, BATCH).await?;
        let Some(last) = rows.last() else { break };
        after = Some(last.id);
        for row in &rows {
            let Ok(task) = sheet_state(row) else {
                tracing::warn!(sheet = %row.id, "a finished task sheet's stored state cannot be read; its time used is not measured");
                continue;
            };
            let cal = crate::calendar::tenant_calendar(ctx, row.tenant_id).await?;
            if let Some(used) = task.time_used(&cal).map_err(AppError::internal)? {
                sheets::set_time_used(&ctx.db, row.id, used.used_minutes(), used.promised_minutes()).await?;
                measured += 1;
            }
        }
        if (rows.len() as u64) < BATCH {
            break;
        }
    }
    Ok(measured)
}
