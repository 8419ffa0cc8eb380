//! Legal fees (法定收费) on task sheets: recorded and corrected by the sheet's department (its
//! own sheets), the window or the office while the case is in service; each in the case's
//! history and the audit trail, in one transaction. The case's read shows that the service
//! itself charged nothing (`service_fee_fen` 0) beside the fees the law made the enterprise
//! pay, per sheet with their totals. The domain decides (`butler_domain::case::legal_fee`).

mod read;

pub use read::{CaseFees, LegalFee, SheetFees, for_case, for_sheet};

use butler_domain::audit::AuditAction;
use butler_domain::case::event_action::{CaseOperation, EventAction};
use butler_domain::case::legal_fee::{self, FeeError, FeeInput, ItemFeeTerms};
use butler_domain::policy::Actor;
use butler_persistence::DatabaseTransaction;
use butler_persistence::repo::history::NewEvent;
use butler_persistence::repo::legal_fees::{self as repo, LegalFeeRow, NewLegalFee};
use butler_persistence::repo::{history as history_repo, items, sheets};
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::cases::{CaseBundle, case_actor, head, load_for_change};
use crate::error::{AppError, FieldError};

fn fee_errors(errors: Vec<FeeError>) -> AppError {
    AppError::Validation(
        errors.into_iter().map(|e| FieldError::new(e.field(), e.code(), e.message_zh(), e.to_string())).collect(),
    )
}

/// What the item version planned with the sheet's item says of fees (none for an item not
/// from the catalog).
async fn terms_of(
    txn: &DatabaseTransaction,
    actor: &Actor,
    b: &CaseBundle,
    item_id: Uuid,
) -> Result<ItemFeeTerms, AppError> {
    let Some(catalog_id) = b.items.iter().find(|i| i.id == item_id).and_then(|i| i.catalog_item_id) else {
        return Ok(ItemFeeTerms::default());
    };
    match items::get(txn, actor.tenant_id, catalog_id).await {
        Ok(v) => Ok(ItemFeeTerms { legal_fees: v.item.legal_fees, fee_basis: v.item.fee_basis }),
        Err(butler_persistence::StoreError::NotFound) => Ok(ItemFeeTerms::default()),
        Err(e) => Err(e.into()),
    }
}

/// Loads the sheet's case and checks the caller may record on it: sees the case, is of the
/// sheet's department (or the window, the office), and the case is in service.
async fn writable(
    txn: &DatabaseTransaction,
    actor: &Actor,
    sheet_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(sheets::SheetRow, CaseBundle), AppError> {
    let sheet = sheets::get(txn, actor.tenant_id, sheet_id).await?;
    let b = load_for_change(txn, actor, sheet.case_id, now, butler_domain::case::frozen::CaseWrite::Fee).await?;
    if !legal_fee::may_record(&case_actor(actor), sheet.department_id) {
        return Err(AppError::Forbidden);
    }
    if !legal_fee::case_takes_fees(b.case.state.0) {
        return Err(AppError::InvalidTransition {
            state: b.case.state.0.code().to_owned(),
            action: CaseOperation::RecordLegalFee.code().to_owned(),
            allowed: vec![],
        });
    }
    Ok((sheet, b))
}

/// Records a legal fee on a sheet.
pub async fn record(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    sheet_id: Uuid,
    input: &FeeInput,
) -> Result<LegalFee, AppError> {
    write(ctx, actor, meta, sheet_id, input, None).await
}

/// Replaces a recorded fee with a corrected one, with a reason; the replaced fee stays in the
/// history, marked superseded.
pub async fn correct(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    fee_id: Uuid,
    input: &FeeInput,
    reason: &str,
) -> Result<LegalFee, AppError> {
    let old = repo::get(&ctx.db, actor.tenant_id, fee_id).await?;
    write(ctx, actor, meta, old.sheet_id, input, Some((fee_id, reason))).await
}

async fn write(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    sheet_id: Uuid,
    input: &FeeInput,
    replaces: Option<(Uuid, &str)>,
) -> Result<LegalFee, AppError> {
    let now = ctx.now();
    let today = crate::materials::today(ctx);
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let (sheet, b) = writable(&txn, actor, sheet_id, now).await?;
    let terms = terms_of(&txn, actor, &b, sheet.case_item_id).await?;
    let (fee, reason) = match replaces {
        None => (legal_fee::check(input, &terms, today).map_err(fee_errors)?, None),
        Some((old_id, reason)) => {
            let old = repo::get(&txn, actor.tenant_id, old_id).await?;
            if old.sheet_id != sheet.id {
                return Err(AppError::NotFound);
            }
            let (fee, reason) = legal_fee::check_correction(input, reason, &terms, today).map_err(fee_errors)?;
            repo::supersede(&txn, old_id, now).await?;
            (fee, Some((old_id, reason)))
        }
    };
    let item_name = b.items.iter().find(|i| i.id == sheet.case_item_id).map(|i| i.name.clone()).unwrap_or_default();
    let row = repo::create(
        &txn,
        NewLegalFee {
            tenant_id: actor.tenant_id,
            case_id: b.case.id,
            sheet_id: sheet.id,
            department_id: sheet.department_id,
            case_item_id: sheet.case_item_id,
            item_name,
            amount_fen: fee.amount.fen(),
            basis: fee.basis,
            basis_from_catalog: fee.basis_from_catalog,
            receipt_number: fee.receipt_number,
            paid_on: fee.paid_on,
            recorded_by: actor.user_id,
            replaces: reason.clone(),
        },
        now,
    )
    .await?;
    let detail = detail_of(&row);
    let (event_action, audit_action) = match reason {
        None => (EventAction::LegalFeeRecorded, AuditAction::LegalFeeRecorded),
        Some(_) => (EventAction::LegalFeeCorrected, AuditAction::LegalFeeCorrected),
    };
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: event_action,
        sheet_id: Some(sheet.id),
        from_state: None,
        to_state: None,
        payload: detail.clone(),
    };
    history_repo::append(&txn, actor.tenant_id, b.case.id, &head(&b.case), vec![event], now).await?;
    audit_trail::record(&txn, meta, actor, audit_action, detail, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(LegalFee::from(row))
}

fn detail_of(row: &LegalFeeRow) -> serde_json::Value {
    json!({
        "fee_id": row.id.to_string(),
        "case_id": row.case_id.to_string(),
        "sheet_id": row.sheet_id.to_string(),
        "item": row.item_name,
        "amount_fen": row.amount_fen,
        "basis": row.basis,
        "receipt_number": row.receipt_number,
        "paid_on": row.paid_on,
        "replaces_id": row.replaces_id.map(|id| id.to_string()),
        "reason": row.correction_reason,
    })
}
