//! The public side of complaints, without an account: lodge one in a county (by its code),
//! follow it, rate its reply. The follower proves themselves with the tracking number and
//! the last four digits of the mobile given; any mismatch — unknown county, malformed or
//! unknown number, wrong digits — is the same "not found", never saying which part was wrong.

use butler_domain::audit::{AuditAction, AuditOutcome};
use butler_domain::complaint::{
    ComplaintAction, ComplaintActor, ComplaintCommand, ComplaintState, ComplaintSubject, LodgeInput, Satisfaction,
    TrackingNumber, allowed_actions, check_lodge, decide, is_overdue, last4_matches,
};
use butler_domain::role::Role;
use butler_persistence::StoreError;
use butler_persistence::repo::audit::{self, AuditEntry};
use butler_persistence::repo::complaints::{self, ComplaintRow, NewComplaint, NewComplaintEvent};
use butler_persistence::repo::{departments, users};
use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::{Change, POLICY, TimelineEntry, events_of, facts, field_error, refusal, with_facts, write};
use crate::Context;
use crate::audit_trail::RequestMeta;
use crate::calendar::tenant_calendar;
use crate::error::{AppError, FieldError};

/// Tracking numbers drawn before giving up (a clash of 40 random bits is already rare).
const TRACKING_ATTEMPTS: usize = 4;

/// A lodged complaint: what the complainant keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LodgedComplaint {
    pub tracking_number: String,
    pub state: ComplaintState,
    pub created_at: DateTime<Utc>,
}

/// A complaint as its complainant follows it: no official's identity, no mobile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowedComplaint {
    pub tracking_number: String,
    pub subject: ComplaintSubject,
    pub case_number: Option<String>,
    pub text: String,
    pub state: ComplaintState,
    /// The department handling it (short name).
    pub department_name: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub overdue: bool,
    pub reply: Option<String>,
    pub replied_at: Option<DateTime<Utc>>,
    pub satisfaction: Option<Satisfaction>,
    pub reject_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// `rate` while the reply awaits a rating.
    pub allowed_actions: Vec<ComplaintAction>,
    /// The timeline, officials' ids left out.
    pub timeline: Vec<TimelineEntry>,
}

/// The proof a follower gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowKey {
    pub tenant_code: String,
    pub tracking_number: String,
    pub mobile_last4: String,
}

async fn tenant_id(ctx: &Context, code: &str) -> Result<Uuid, AppError> {
    Ok(crate::platform::open_county(ctx, code).await?.id)
}

/// Checks what the subject names in the county, as a field error.
async fn check_subject(
    ctx: &Context,
    tenant_id: Uuid,
    subject: ComplaintSubject,
    subject_id: Option<Uuid>,
) -> Result<Option<FieldError>, AppError> {
    let unknown = |zh: &str, en: &str| Some(FieldError::new("subject_id", "unknown", zh, en));
    match (subject, subject_id) {
        (ComplaintSubject::Department, Some(id)) => match departments::get(&ctx.db, tenant_id, id).await {
            Ok(_) => Ok(None),
            Err(StoreError::NotFound) => Ok(unknown("没有这个部门", "no such department")),
            Err(e) => Err(e.into()),
        },
        (ComplaintSubject::Agent, Some(id)) => match users::get(&ctx.db, tenant_id, id).await {
            Ok(u) if u.active && !matches!(u.role.0, Role::Enterprise | Role::Admin) => Ok(None),
            Ok(_) | Err(StoreError::NotFound) => Ok(unknown("没有这位工作人员", "no such official")),
            Err(e) => Err(e.into()),
        },
        _ => Ok(None),
    }
}

async fn audit_public(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    meta: &RequestMeta,
    action: AuditAction,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let entry = AuditEntry {
        tenant_id: Some(tenant_id),
        user_id: None,
        action,
        outcome: AuditOutcome::Success,
        detail: Some(detail),
        ip: Some(&meta.ip),
        request_id: meta.request_id.as_deref(),
    };
    audit::append(db, entry, now).await?;
    Ok(())
}

/// Lodges a complaint in the county `tenant_code`; every wrong field is named and nothing is
/// stored.
pub async fn lodge(
    ctx: &Context,
    tenant_code: &str,
    input: LodgeInput,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> Result<LodgedComplaint, AppError> {
    let tenant_id = tenant_id(ctx, tenant_code).await?;
    let checked = check_lodge(&input, &POLICY);
    let mut errors: Vec<FieldError> = match &checked {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(|(f, p)| field_error(f, *p)).collect(),
    };
    if !errors.iter().any(|e| e.field == "subject_id") {
        errors.extend(check_subject(ctx, tenant_id, input.subject, input.subject_id).await?);
    }
    let lodged = match checked {
        Ok(l) if errors.is_empty() => l,
        _ => return Err(AppError::Validation(errors)),
    };
    let case_id = match &lodged.case_number {
        Some(n) => complaints::case_by_number(&ctx.db, tenant_id, n).await?,
        None => None,
    };
    let calendar = tenant_calendar(ctx, tenant_id).await?;
    let date = calendar.local_date(now);
    for _ in 0..TRACKING_ATTEMPTS {
        let mut random = [0u8; 5];
        rand::rng().fill_bytes(&mut random);
        let tracking = TrackingNumber::generate(date, random);
        let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
        let new = NewComplaint {
            tenant_id,
            tracking_number: tracking.to_string(),
            subject: lodged.subject,
            subject_id: lodged.subject_id,
            case_number: lodged.case_number.clone(),
            case_id,
            name: lodged.name.clone(),
            mobile: ctx.pii.seal(lodged.mobile.as_str()),
            text: lodged.text.clone(),
        };
        let row = match complaints::create(&txn, new, now).await {
            Ok(row) => row,
            Err(StoreError::Conflict(_)) => {
                txn.rollback().await.map_err(AppError::internal)?;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let event = NewComplaintEvent {
            action: ComplaintAction::Lodge,
            from_state: None,
            to_state: ComplaintState::Submitted,
            actor_id: None,
            note: None,
        };
        complaints::append_events(&txn, tenant_id, row.id, vec![event], now).await?;
        let detail = serde_json::json!({"complaint_id": row.id, "tracking_number": row.tracking_number, "subject": row.subject.0});
        audit_public(&txn, tenant_id, meta, AuditAction::ComplaintLodged, detail, now).await?;
        txn.commit().await.map_err(AppError::internal)?;
        return Ok(LodgedComplaint { tracking_number: row.tracking_number, state: row.state.0, created_at: now });
    }
    Err(AppError::Conflict("no free tracking number; try again".into()))
}

/// The complaint the key opens, or "not found" whatever part is wrong.
async fn open(ctx: &Context, key: &FollowKey) -> Result<ComplaintRow, AppError> {
    let tenant_id = tenant_id(ctx, &key.tenant_code).await?;
    let number = TrackingNumber::parse(&key.tracking_number).map_err(|_| AppError::NotFound)?;
    let row = complaints::by_tracking_number(&ctx.db, tenant_id, number.as_str()).await?.ok_or(AppError::NotFound)?;
    // The lookup is by tracking number; the mobile's digits are compared here, opened, never
    // in SQL.
    if !last4_matches(&ctx.pii.open(&row.mobile)?, &key.mobile_last4) {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

async fn followed(ctx: &Context, row: ComplaintRow, now: DateTime<Utc>) -> Result<FollowedComplaint, AppError> {
    let f = facts(&row);
    let department_name = match f.department_id {
        Some(d) => complaints::department_name(&ctx.db, d).await?,
        None => None,
    };
    let timeline = complaints::events(&ctx.db, row.id)
        .await?
        .into_iter()
        .map(|e| TimelineEntry { actor_id: None, ..TimelineEntry::from(e) })
        .collect();
    Ok(FollowedComplaint {
        allowed_actions: allowed_actions(&f, &ComplaintActor::Complainant),
        overdue: is_overdue(f.state, f.due_at, now),
        tracking_number: row.tracking_number,
        subject: row.subject.0,
        case_number: row.case_number,
        text: row.text,
        state: f.state,
        department_name,
        due_at: f.due_at,
        reply: f.reply,
        replied_at: f.replied_at,
        satisfaction: f.satisfaction,
        reject_reason: f.reject_reason,
        created_at: row.created_at,
        timeline,
    })
}

/// Follows a complaint.
pub async fn follow(ctx: &Context, key: &FollowKey, now: DateTime<Utc>) -> Result<FollowedComplaint, AppError> {
    let row = open(ctx, key).await?;
    followed(ctx, row, now).await
}

/// The complainant rates the reply (once); a dissatisfied one may ask to reopen it (once).
pub async fn rate(
    ctx: &Context,
    key: &FollowKey,
    satisfaction: Satisfaction,
    reopen: bool,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> Result<FollowedComplaint, AppError> {
    let row = open(ctx, key).await?;
    let calendar = tenant_calendar(ctx, row.tenant_id).await?;
    let before = facts(&row);
    let command = ComplaintCommand::Rate { satisfaction, reopen };
    let decision = decide(&before, &command, &ComplaintActor::Complainant, now, &calendar, &POLICY).map_err(refusal)?;
    let after = with_facts(&row, &decision.complaint, now);
    let events = events_of(
        &decision.recorded,
        before.state,
        decision.complaint.state,
        None,
        Some(satisfaction.code().to_owned()),
    );
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let change = Change {
        before: &row,
        after: after.clone(),
        events,
        open_deadline: decision.open_deadline,
        close_deadline: decision.close_deadline,
    };
    write(&txn, change, now).await?;
    let detail = serde_json::json!({
        "complaint_id": row.id,
        "satisfaction": satisfaction,
        "reopened": decision.recorded.contains(&ComplaintAction::Reopen),
    });
    audit_public(&txn, row.tenant_id, meta, AuditAction::ComplaintRated, detail, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    followed(ctx, after, now).await
}
