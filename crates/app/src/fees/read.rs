//! Reading a case's legal fees: per sheet, the current fees with their total and the replaced
//! ones (the corrections' history), and the case's total beside the service's own fee, 0.

use butler_domain::policy::Actor;
use butler_persistence::repo::legal_fees::{self as repo, LegalFeeRow};
use butler_persistence::repo::sheets;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::Context;
use crate::cases::{check_visible, load};
use crate::error::AppError;

/// A legal fee as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalFee {
    pub id: Uuid,
    pub case_id: Uuid,
    pub sheet_id: Uuid,
    pub department_id: Uuid,
    pub item_name: String,
    pub amount_fen: i64,
    pub basis: String,
    /// Whether the basis is the item version's.
    pub basis_from_catalog: bool,
    pub receipt_number: String,
    pub paid_on: NaiveDate,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
    /// The fee this one corrected, with the reason.
    pub replaces_id: Option<Uuid>,
    pub correction_reason: Option<String>,
    /// When a correction replaced it (absent: current).
    pub superseded_at: Option<DateTime<Utc>>,
}

impl From<LegalFeeRow> for LegalFee {
    fn from(r: LegalFeeRow) -> Self {
        LegalFee {
            id: r.id,
            case_id: r.case_id,
            sheet_id: r.sheet_id,
            department_id: r.department_id,
            item_name: r.item_name,
            amount_fen: r.amount_fen,
            basis: r.basis,
            basis_from_catalog: r.basis_from_catalog,
            receipt_number: r.receipt_number,
            paid_on: r.paid_on,
            recorded_by: r.recorded_by,
            recorded_at: r.recorded_at,
            replaces_id: r.replaces_id,
            correction_reason: r.correction_reason,
            superseded_at: r.superseded_at,
        }
    }
}

/// One sheet's fees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetFees {
    pub sheet_id: Uuid,
    pub department_id: Uuid,
    pub item_name: String,
    /// The current fees' total, in fen.
    pub total_fen: i64,
    /// The current fees, in the order recorded.
    pub fees: Vec<LegalFee>,
    /// Fees replaced by corrections, in the order recorded.
    pub replaced: Vec<LegalFee>,
}

/// A case's fees: the service's own (always 0: 无偿服务) and the legal fees per sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFees {
    pub case_id: Uuid,
    /// What the service itself charged: nothing.
    pub service_fee_fen: i64,
    /// The current legal fees of every sheet together, in fen.
    pub legal_fees_total_fen: i64,
    /// Sheets with fees, in the order of their first fee.
    pub sheets: Vec<SheetFees>,
}

fn group(case_id: Uuid, rows: Vec<LegalFeeRow>) -> CaseFees {
    let mut sheets: Vec<SheetFees> = Vec::new();
    for row in rows {
        let fee = LegalFee::from(row);
        let at = match sheets.iter().position(|s| s.sheet_id == fee.sheet_id) {
            Some(at) => at,
            None => {
                sheets.push(SheetFees {
                    sheet_id: fee.sheet_id,
                    department_id: fee.department_id,
                    item_name: fee.item_name.clone(),
                    total_fen: 0,
                    fees: Vec::new(),
                    replaced: Vec::new(),
                });
                sheets.len() - 1
            }
        };
        let sheet = &mut sheets[at];
        if fee.superseded_at.is_some() {
            sheet.replaced.push(fee);
        } else {
            sheet.total_fen += fee.amount_fen;
            sheet.fees.push(fee);
        }
    }
    CaseFees { case_id, service_fee_fen: 0, legal_fees_total_fen: sheets.iter().map(|s| s.total_fen).sum(), sheets }
}

/// The case's fees, for whoever sees the case (the enterprise included: it paid them).
pub async fn for_case(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<CaseFees, AppError> {
    let b = load(&ctx.db, actor.tenant_id, case_id).await?;
    check_visible(actor, &b)?;
    Ok(group(case_id, repo::for_case(&ctx.db, case_id).await?))
}

/// One sheet's fees (its task page).
pub async fn for_sheet(ctx: &Context, actor: &Actor, sheet_id: Uuid) -> Result<SheetFees, AppError> {
    let sheet = sheets::get(&ctx.db, actor.tenant_id, sheet_id).await?;
    let b = load(&ctx.db, actor.tenant_id, sheet.case_id).await?;
    check_visible(actor, &b)?;
    let rows = repo::for_case(&ctx.db, sheet.case_id).await?.into_iter().filter(|r| r.sheet_id == sheet_id).collect();
    let fees = group(sheet.case_id, rows).sheets.into_iter().next();
    Ok(fees.unwrap_or_else(|| SheetFees {
        sheet_id,
        department_id: sheet.department_id,
        item_name: b.items.iter().find(|i| i.id == sheet.case_item_id).map(|i| i.name.clone()).unwrap_or_default(),
        total_fen: 0,
        fees: Vec::new(),
        replaced: Vec::new(),
    }))
}
