//! Legal fees (法定收费, SPEC §2): the service itself is free (无偿服务); the only money an
//! enterprise pays is a fee the law makes it pay for an approval, and each is recorded on the
//! approval's task sheet with its basis, its receipt and the day it was paid.
//!
//! - The amount is in fen, positive and at most [`MAX_FEE_FEN`].
//! - The basis defaults to the item version's fee basis (`fee_basis`, planned with the case).
//!   An item without a fee basis needs one written with the fee.
//! - An item whose version says it charges nothing (its `legal_fees` text reads 不收费, 免费,
//!   无 or 0) refuses a fee unless a basis is written with it: a law may still make a fee due
//!   (a fund, a change of law since the catalog was written), but the person recording it has
//!   to name that law, since the published guide promised nothing to pay. The catalog's own
//!   basis never covers a fee the catalog says is not charged.
//! - A recorded fee is never edited: a correction replaces it with a reason, and the replaced
//!   fee stays in the history.
//! - Who: the sheet's department (its agents and leader) on its own sheets, and the window and
//!   the office on any sheet, while the case is in service (a closed case stays closed).

use chrono::NaiveDate;
use uuid::Uuid;

use super::Actor;
use super::lifecycle::CaseState;
use crate::role::Role;

/// The largest fee recorded at once, in fen (1000 万元): a larger figure is a typing mistake.
pub const MAX_FEE_FEN: i64 = 10_000_000 * 100;
/// The longest basis, receipt number and reason, in characters.
pub const MAX_BASIS_CHARS: usize = 500;
pub const MAX_RECEIPT_CHARS: usize = 64;
pub const MAX_REASON_CHARS: usize = 500;

/// A fee's amount in fen: positive and at most [`MAX_FEE_FEN`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FeeAmount(i64);

impl FeeAmount {
    /// Parses an amount in fen.
    pub fn parse(fen: i64) -> Result<Self, FeeError> {
        if fen <= 0 {
            return Err(FeeError::AmountNotPositive);
        }
        if fen > MAX_FEE_FEN {
            return Err(FeeError::AmountTooLarge);
        }
        Ok(FeeAmount(fen))
    }

    /// The amount in fen.
    pub fn fen(self) -> i64 {
        self.0
    }
}

/// What the item version planned with the sheet says of fees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemFeeTerms {
    /// The guide's fee text (收费标准), e.g. `不收费` or `工本费 10 元/本`.
    pub legal_fees: Option<String>,
    /// The guide's fee basis (收费依据).
    pub fee_basis: Option<String>,
}

impl ItemFeeTerms {
    /// Whether the guide says the item charges nothing (不收费, 免费, 无, 0, or `none` /
    /// `free`); absent text says nothing either way.
    pub fn says_no_fee(&self) -> bool {
        let Some(text) = self.legal_fees.as_deref() else { return false };
        let t = text.trim().to_lowercase();
        t.starts_with("不收费")
            || t.starts_with("免费")
            || t.starts_with("免收")
            || matches!(t.as_str(), "无" | "0" | "0元" | "none" | "free" | "no fee")
    }
}

/// A fee as written by the person recording it (raw).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeInput {
    pub amount_fen: i64,
    /// The basis; absent or blank takes the item version's.
    pub basis: Option<String>,
    pub receipt_number: String,
    pub paid_on: NaiveDate,
}

/// A fee that passed [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalFee {
    pub amount: FeeAmount,
    /// The basis as recorded (the one written, or the item version's).
    pub basis: String,
    /// Whether the basis is the item version's (not written with the fee).
    pub basis_from_catalog: bool,
    pub receipt_number: String,
    pub paid_on: NaiveDate,
}

/// Why a fee is refused; each names its field ([`FeeError::field`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FeeError {
    #[error("the amount must be more than 0 fen")]
    AmountNotPositive,
    #[error("the amount must be at most {MAX_FEE_FEN} fen")]
    AmountTooLarge,
    #[error("the item has no fee basis: write the basis with the fee")]
    BasisMissing,
    #[error("the item's guide says it charges nothing: a fee needs the law that makes it due, written with it")]
    BasisRequiredForFreeItem,
    #[error("the basis is longer than {MAX_BASIS_CHARS} characters")]
    BasisTooLong,
    #[error("the receipt number is missing")]
    ReceiptMissing,
    #[error("the receipt number is longer than {MAX_RECEIPT_CHARS} characters")]
    ReceiptTooLong,
    #[error("the payment date is in the future")]
    PaidInFuture,
    #[error("a correction needs a reason")]
    ReasonMissing,
    #[error("the reason is longer than {MAX_REASON_CHARS} characters")]
    ReasonTooLong,
}

impl FeeError {
    /// The input field at fault (the API's field names).
    pub fn field(self) -> &'static str {
        match self {
            FeeError::AmountNotPositive | FeeError::AmountTooLarge => "amount_fen",
            FeeError::BasisMissing | FeeError::BasisRequiredForFreeItem | FeeError::BasisTooLong => "basis",
            FeeError::ReceiptMissing | FeeError::ReceiptTooLong => "receipt_number",
            FeeError::PaidInFuture => "paid_on",
            FeeError::ReasonMissing | FeeError::ReasonTooLong => "reason",
        }
    }

    /// A stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            FeeError::AmountNotPositive => "not_positive",
            FeeError::AmountTooLarge => "too_large",
            FeeError::BasisMissing => "basis_missing",
            FeeError::BasisRequiredForFreeItem => "basis_required_for_free_item",
            FeeError::BasisTooLong | FeeError::ReceiptTooLong | FeeError::ReasonTooLong => "too_long",
            FeeError::ReceiptMissing | FeeError::ReasonMissing => "required",
            FeeError::PaidInFuture => "in_future",
        }
    }

    /// The message in Chinese.
    pub fn message_zh(self) -> &'static str {
        match self {
            FeeError::AmountNotPositive => "金额须大于 0",
            FeeError::AmountTooLarge => "金额不能超过 1000 万元",
            FeeError::BasisMissing => "该事项没有收费依据，请填写收费依据",
            FeeError::BasisRequiredForFreeItem => "该事项办事指南载明不收费，须填写据以收费的法律依据",
            FeeError::BasisTooLong => "收费依据不能超过 500 字",
            FeeError::ReceiptMissing => "请填写票据号",
            FeeError::ReceiptTooLong => "票据号不能超过 64 字",
            FeeError::PaidInFuture => "缴费日期不能晚于今天",
            FeeError::ReasonMissing => "更正须填写理由",
            FeeError::ReasonTooLong => "理由不能超过 500 字",
        }
    }
}

fn blank_to_none(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

/// Checks a fee against the item's terms on `today` (the county's date), returning every
/// problem at once.
pub fn check(input: &FeeInput, terms: &ItemFeeTerms, today: NaiveDate) -> Result<LegalFee, Vec<FeeError>> {
    let mut errors = Vec::new();
    let amount = FeeAmount::parse(input.amount_fen).map_err(|e| errors.push(e)).ok();
    let written = blank_to_none(input.basis.as_deref());
    let catalog = blank_to_none(terms.fee_basis.as_deref());
    let basis = match (written, catalog) {
        (Some(b), _) if b.chars().count() > MAX_BASIS_CHARS => {
            errors.push(FeeError::BasisTooLong);
            None
        }
        (Some(b), _) => Some((b, false)),
        (None, _) if terms.says_no_fee() => {
            errors.push(FeeError::BasisRequiredForFreeItem);
            None
        }
        (None, Some(b)) => Some((b, true)),
        (None, None) => {
            errors.push(FeeError::BasisMissing);
            None
        }
    };
    let receipt = input.receipt_number.trim();
    if receipt.is_empty() {
        errors.push(FeeError::ReceiptMissing);
    } else if receipt.chars().count() > MAX_RECEIPT_CHARS {
        errors.push(FeeError::ReceiptTooLong);
    }
    if input.paid_on > today {
        errors.push(FeeError::PaidInFuture);
    }
    match (amount, basis) {
        (Some(amount), Some((basis, basis_from_catalog))) if errors.is_empty() => Ok(LegalFee {
            amount,
            basis,
            basis_from_catalog,
            receipt_number: receipt.to_owned(),
            paid_on: input.paid_on,
        }),
        _ => Err(errors),
    }
}

/// Checks a correction: the replacing fee as [`check`] does, and a reason.
pub fn check_correction(
    input: &FeeInput,
    reason: &str,
    terms: &ItemFeeTerms,
    today: NaiveDate,
) -> Result<(LegalFee, String), Vec<FeeError>> {
    let reason = reason.trim();
    let mut reason_errors = Vec::new();
    if reason.is_empty() {
        reason_errors.push(FeeError::ReasonMissing);
    } else if reason.chars().count() > MAX_REASON_CHARS {
        reason_errors.push(FeeError::ReasonTooLong);
    }
    match check(input, terms, today) {
        Ok(fee) if reason_errors.is_empty() => Ok((fee, reason.to_owned())),
        Ok(_) => Err(reason_errors),
        Err(mut errors) => {
            errors.extend(reason_errors);
            Err(errors)
        }
    }
}

/// Whether `actor` may record or correct a fee on a sheet of `sheet_department`: its own
/// department's agents and leader, and the window and the office.
pub fn may_record(actor: &Actor, sheet_department: Uuid) -> bool {
    role_records(actor.role) && (!actor.role.needs_department() || actor.department_id == Some(sheet_department))
}

/// Whether `role` ever records fees (a department only on its own sheets).
pub fn role_records(role: Role) -> bool {
    matches!(role, Role::Office | Role::WindowAgent | Role::DepartmentAgent | Role::DepartmentLeader)
}

/// Whether a case in `state` takes fees: only while in service. Before, there is no sheet;
/// after, the case is closed and only a reasoned reopen changes it.
pub fn case_takes_fees(state: CaseState) -> bool {
    state == CaseState::InService
}

#[cfg(test)]
#[path = "legal_fee_tests.rs"]
mod tests;
