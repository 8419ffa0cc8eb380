//! Sending a consultation without an account, and the slots open to booking.

use butler_domain::audit::AuditAction;
use butler_domain::consultation::{ConsultationKind, Mobile, SlotError, check_slot};
use butler_domain::text::Name;
use butler_persistence::repo::consultations::{self as repo, NewConsultation};
use butler_persistence::repo::tenants::TenantRow;
use chrono::{DateTime, Utc};
use rand::Rng;
use serde_json::json;

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::error::{AppError, FieldError};

/// A consultation as sent, its texts parsed already (the web checks them field by field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub kind: ConsultationKind,
    pub name: Name,
    pub mobile: Mobile,
    pub enterprise_name: Option<Name>,
    pub project_name: Name,
    pub project_description: Option<String>,
    /// A catalog item's code; it must name a current item of the county.
    pub item_code: Option<String>,
    pub question: String,
    /// Required for an appointment: a slot open to booking ([`open_slots`]). Ignored for a
    /// question.
    pub preferred_slot: Option<DateTime<Utc>>,
}

/// What the requester is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    /// The reference to quote (`ZX20261205-048213`).
    pub reference: String,
    pub kind: ConsultationKind,
    pub preferred_slot: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

async fn tenant(ctx: &Context, code: &str) -> Result<TenantRow, AppError> {
    crate::platform::open_county(ctx, code).await
}

/// The slots of the county's window open to booking now, in order.
pub async fn open_slots(ctx: &Context, tenant_code: &str) -> Result<Vec<DateTime<Utc>>, AppError> {
    let tenant = tenant(ctx, tenant_code).await?;
    let calendar = crate::calendar::tenant_calendar(ctx, tenant.id).await?;
    Ok(butler_domain::consultation::open_slots(&calendar, ctx.now()))
}

/// A slot's refusal as a field error on `field`.
pub(super) fn slot_error(field: &str, e: SlotError) -> FieldError {
    let (code, zh, en) = match e {
        SlotError::Past => ("slot_past", "所选时间已过，请另选", "the time has passed; choose another"),
        SlotError::TooFar => ("slot_too_far", "只能预约 30 天以内的时间", "a time may be booked at most 30 days ahead"),
        SlotError::NotWorkingDay => ("slot_not_working_day", "所选日期不是工作日", "the day is not a working day"),
        SlotError::OutsideOfficeHours => (
            "slot_outside_office_hours",
            "所选时间不在窗口办公时间的预约时段内",
            "the time is not a slot of the window's office hours",
        ),
    };
    FieldError::new(field, code, zh, en)
}

/// A reference: `ZX`, the local date, and six random digits.
fn reference(local_date: chrono::NaiveDate) -> String {
    let n: u32 = rand::rng().random_range(0..1_000_000);
    format!("ZX{}-{n:06}", local_date.format("%Y%m%d"))
}

/// Records a consultation for the county `tenant_code` (an unknown code is
/// [`AppError::NotFound`]). An appointment's slot and a named item are checked here, each
/// refusal naming its field; nothing is stored then. Audited without a user.
pub async fn submit(
    ctx: &Context,
    tenant_code: &str,
    meta: &RequestMeta,
    s: Submission,
) -> Result<Submitted, AppError> {
    let tenant = tenant(ctx, tenant_code).await?;
    let calendar = crate::calendar::tenant_calendar(ctx, tenant.id).await?;
    let now = ctx.now();
    let mut errors = Vec::new();
    let slot = match (s.kind, s.preferred_slot) {
        (ConsultationKind::Question, _) => None,
        (ConsultationKind::Appointment, None) => {
            errors.push(FieldError::new("preferred_slot", "required", "预约须选择时间", "an appointment needs a time"));
            None
        }
        (ConsultationKind::Appointment, Some(at)) => {
            if let Err(e) = check_slot(&calendar, now, at) {
                errors.push(slot_error("preferred_slot", e));
            }
            Some(at)
        }
    };
    if let Some(code) = &s.item_code
        && repo::current_item_by_code(&ctx.db, tenant.id, code).await?.is_none()
    {
        errors.push(FieldError::new("item_code", "unknown_item", "事项清单中没有这个事项", "no such catalog item"));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let row = repo::create(
        &txn,
        tenant.id,
        NewConsultation {
            reference: reference(calendar.local_date(now)),
            kind: s.kind,
            name: s.name.into_inner(),
            mobile: ctx.pii.seal(s.mobile.as_str()),
            enterprise_name: s.enterprise_name.map(Name::into_inner),
            project_name: s.project_name.into_inner(),
            project_description: s.project_description,
            item_code: s.item_code,
            question: s.question,
            preferred_slot: slot,
        },
        now,
    )
    .await?;
    audit_trail::record_public(
        &txn,
        meta,
        tenant.id,
        AuditAction::ConsultationSubmitted,
        json!({"consultation_id": row.id, "reference": row.reference, "kind": row.kind.0}),
        now,
    )
    .await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(Submitted { reference: row.reference, kind: row.kind.0, preferred_slot: row.preferred_slot, created_at: now })
}
