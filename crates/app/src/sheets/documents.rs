//! The approval document (批文) of an approved sheet: the department attaches the file
//! besides the document number; the enterprise downloads it, and the result notice links it.
//! Attaching again keeps the earlier file (nothing is overwritten) and points the sheet at
//! the new one.

use butler_domain::case::event_action::EventAction;
use butler_domain::case::sheet::Decision;
use butler_domain::material::{self, RESULT_DOCUMENT_TYPES};
use butler_domain::policy::Actor;
use butler_persistence::repo::files::{self, NewFile};
use butler_persistence::repo::history::{self as history_repo, NewEvent};
use butler_persistence::repo::sheets::{self, SheetRow};
use bytes::Bytes;
use futures_util::Stream;
use serde_json::json;
use uuid::Uuid;

use super::sheet_state;
use crate::cases::{CaseBundle, check_visible, head, load, load_for_change};
use crate::files::upload::{self as receive, Limit, Received};
use crate::files::{FileInfo, file_info};
use crate::{AppError, Context};

/// Whether `actor` may attach the document to the sheet now.
fn check(actor: &Actor, b: &CaseBundle, row: &SheetRow) -> Result<(), AppError> {
    let in_department = actor.department_id == Some(row.department_id);
    if !material::may_attach_result(actor.role, in_department, b.case.state.0) {
        if b.case.state.0.is_closed() {
            return Err(AppError::InvalidTransition {
                state: b.case.state.0.code().to_owned(),
                action: "attach_result_document".to_owned(),
                allowed: vec![],
            });
        }
        return Err(AppError::Forbidden);
    }
    match sheet_state(row)?.decision {
        Some(Decision::Approved { .. }) => Ok(()),
        _ => Err(AppError::InvalidTransition {
            state: row.state.0.code().to_owned(),
            action: "attach_result_document".to_owned(),
            allowed: vec![],
        }),
    }
}

/// Attaches the approval document to an approved sheet (its department). The type is told
/// from the content (PDF, OFD, JPEG, PNG or Word); the case's size limits apply. On any
/// refusal nothing is kept.
pub async fn attach_result_document<S, E>(
    ctx: &Context,
    actor: &Actor,
    sheet_id: Uuid,
    file_name: Option<String>,
    body: S,
) -> Result<(SheetRow, FileInfo), AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let row = sheets::get(&ctx.db, actor.tenant_id, sheet_id).await?;
    let b = load(&ctx.db, actor.tenant_id, row.case_id).await?;
    check_visible(actor, &b)?;
    check(actor, &b, &row)?;
    let used = files::case_bytes(&ctx.db, row.case_id).await?;
    let limit = Limit::of(ctx.file_limits, u64::try_from(used).unwrap_or(0));
    let received = receive::receive(&ctx.storage, body, &RESULT_DOCUMENT_TYPES, limit).await?;
    let key = received.storage_key.clone();
    match record(ctx, actor, sheet_id, received, file_name).await {
        Ok(done) => Ok(done),
        Err(e) => {
            receive::discard(&ctx.storage, &key).await;
            Err(e)
        }
    }
}

async fn record(
    ctx: &Context,
    actor: &Actor,
    sheet_id: Uuid,
    received: Received,
    file_name: Option<String>,
) -> Result<(SheetRow, FileInfo), AppError> {
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let row = sheets::get(&txn, actor.tenant_id, sheet_id).await?;
    let b =
        load_for_change(&txn, actor, row.case_id, now, butler_domain::case::frozen::CaseWrite::ResultDocument).await?;
    check(actor, &b, &row)?;
    let item_name = b.items.iter().find(|i| i.id == row.case_item_id).map(|i| i.name.clone()).unwrap_or_default();
    let fallback = format!("{item_name}-批文.{}", received.file_type.extension());
    let file = files::insert(
        &txn,
        actor.tenant_id,
        NewFile {
            id: received.id,
            enterprise_id: Some(b.case.enterprise_id),
            case_id: Some(b.case.id),
            sha256: received.sha256,
            size_bytes: i64::try_from(received.size_bytes).map_err(AppError::internal)?,
            file_type: received.file_type,
            file_name: crate::files::clean_file_name(file_name.as_deref(), &fallback),
            storage_key: received.storage_key,
            uploaded_by: actor.user_id,
        },
        now,
    )
    .await?;
    let previous = row.result_file_id;
    let mut changed = row.clone();
    changed.result_file_id = Some(file.id);
    let updated = sheets::update_guarded(&txn, changed, row.version, now).await?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: EventAction::ResultDocumentAttached,
        sheet_id: Some(row.id),
        from_state: None,
        to_state: None,
        payload: json!({
            "item": item_name, "document_number": row.document_number, "file_id": file.id,
            "sha256": file.sha256, "size_bytes": file.size_bytes, "file_type": file.file_type.0.code(),
            "replaces": previous,
        }),
    };
    history_repo::append(&txn, b.case.tenant_id, b.case.id, &head(&b.case), vec![event], now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok((updated, file_info(&file)))
}
