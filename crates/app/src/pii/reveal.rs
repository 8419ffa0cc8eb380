//! "Show the full number" (显示完整号码): one personal number in full, for a role whose work
//! needs it ([`butler_domain::personal::may_reveal`]), recorded in the security audit trail
//! with who asked, for which record and from where. A refusal is recorded too.

use butler_domain::audit::{AuditAction, AuditOutcome};
use butler_domain::personal::{Holder, PersonalNumber, may_reveal};
use butler_domain::policy::{Action, Actor, Denied, Scope, authorize};
use butler_domain::text::mask_middle;
use butler_persistence::repo::audit::{self, AuditEntry};
use butler_persistence::repo::{consultations, enterprises, users};
use serde_json::json;
use uuid::Uuid;

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::error::AppError;

/// The audit trail's action of a reveal.
pub const AUDIT_ACTION: AuditAction = AuditAction::PersonalNumberRevealed;

/// The number `number` of record `id` in full (`None` when the record has none), for
/// `actor`. A record the actor may not read is not found; one it reads but whose number its
/// role may not see is forbidden, and the refusal is audited.
pub async fn reveal(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    number: PersonalNumber,
    id: Uuid,
) -> Result<Option<String>, AppError> {
    let (holder, stored) = readable(ctx, actor, number, id).await?;
    let detail = json!({"number": number.code(), "record_id": id});
    if let Err(denied) = may_reveal(actor, number, holder) {
        if denied == Denied::Forbidden {
            audit::append(
                &ctx.db,
                AuditEntry {
                    tenant_id: Some(actor.tenant_id),
                    user_id: Some(actor.user_id),
                    action: AUDIT_ACTION,
                    outcome: AuditOutcome::Refused,
                    detail: Some(detail),
                    ip: Some(&meta.ip),
                    request_id: meta.request_id.as_deref(),
                },
                ctx.now(),
            )
            .await?;
        }
        return Err(denied.into());
    }
    let plain = ctx.pii.open_opt(stored.as_deref())?;
    let mut detail = detail;
    detail["masked"] = json!(plain.as_deref().map(mask_middle));
    audit_trail::record(&ctx.db, meta, actor, AUDIT_ACTION, detail, ctx.now()).await?;
    Ok(plain)
}

/// The holder and the stored (sealed) number of a record `actor` may read.
async fn readable(
    ctx: &Context,
    actor: &Actor,
    number: PersonalNumber,
    id: Uuid,
) -> Result<(Holder, Option<String>), AppError> {
    let tenant = Scope::tenant(actor.tenant_id);
    Ok(match number {
        PersonalNumber::CaseContact => {
            let facts = crate::cases::facts::current(ctx, actor.tenant_id, id).await?;
            crate::cases::check_visible(actor, &facts.bundle)?;
            let c = &facts.bundle.case;
            (holder(actor, Some(c.enterprise_id), None), Some(c.contact_phone.clone()))
        }
        PersonalNumber::EnterpriseContact => {
            let e = enterprises::get(&ctx.db, actor.tenant_id, id).await?;
            authorize(actor, Action::ReadEnterprise, Scope { enterprise_id: Some(e.id), ..tenant })?;
            (holder(actor, Some(e.id), None), Some(e.contact_phone))
        }
        PersonalNumber::UserPhone => {
            let u = users::get(&ctx.db, actor.tenant_id, id).await?;
            if u.id != actor.user_id {
                authorize(actor, Action::ListUsers, Scope { department_id: u.department_id, ..tenant })?;
            }
            (holder(actor, u.enterprise_id, Some(u.id)), u.phone)
        }
        PersonalNumber::ConsultationMobile => {
            authorize(actor, Action::ReadConsultations, tenant)?;
            let c = consultations::get(&ctx.db, actor.tenant_id, id).await?;
            (holder(actor, None, None), Some(c.mobile))
        }
        PersonalNumber::ComplaintMobile => {
            let c = crate::complaints::office::readable(ctx, actor, id).await?;
            (holder(actor, None, None), Some(c.mobile))
        }
    })
}

fn holder(actor: &Actor, enterprise_id: Option<Uuid>, user_id: Option<Uuid>) -> Holder {
    Holder { tenant_id: actor.tenant_id, enterprise_id, user_id }
}
