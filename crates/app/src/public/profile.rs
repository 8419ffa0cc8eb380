//! The county's public profile (admin): the office's name, address, hours and phones, the
//! service's rules, whether the county publishes at all, and how much of the butler roster
//! shows. Reading it and saving it (audited, one transaction).

use butler_domain::audit::AuditAction;
use butler_domain::disclosure::{DEFAULT_ROSTER_DISCLOSURE, Notice, RosterDisclosure};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::text::{Email, Name, Phone};
use butler_persistence::repo::public::{self as repo, ProfileRow, ProfileValues};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::audit_trail::{self, RequestMeta};
use crate::{AppError, Context};

/// What a county publishes about its service. A county that never saved one publishes
/// (the catalog is public), with no contacts and the roster hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Off: the county's public pages are not found.
    pub published: bool,
    /// The service window's name (`示例县重大项目帮办代办服务专窗`).
    pub office_name: Option<String>,
    pub address: Option<String>,
    /// Office hours as the county writes them.
    pub office_hours: Option<String>,
    /// The window's phone.
    pub phone: Option<String>,
    /// 咨询电话.
    pub consultation_phone: Option<String>,
    /// 投诉电话.
    pub complaint_phone: Option<String>,
    /// 监督电话.
    pub supervision_phone: Option<String>,
    pub email: Option<String>,
    /// The service's rules and promises (服务规则), as the county writes them.
    pub service_rules: Option<String>,
    pub roster_disclosure: RosterDisclosure,
    /// Who saved it last, and when; absent until first saved.
    pub updated_by: Option<Uuid>,
    pub updated_at: Option<DateTime<Utc>>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            published: true,
            office_name: None,
            address: None,
            office_hours: None,
            phone: None,
            consultation_phone: None,
            complaint_phone: None,
            supervision_phone: None,
            email: None,
            service_rules: None,
            roster_disclosure: DEFAULT_ROSTER_DISCLOSURE,
            updated_by: None,
            updated_at: None,
        }
    }
}

impl From<ProfileRow> for Profile {
    fn from(r: ProfileRow) -> Self {
        Profile {
            published: r.published,
            office_name: r.office_name,
            address: r.address,
            office_hours: r.office_hours,
            phone: r.phone,
            consultation_phone: r.consultation_phone,
            complaint_phone: r.complaint_phone,
            supervision_phone: r.supervision_phone,
            email: r.email,
            service_rules: r.service_rules,
            roster_disclosure: r.roster_disclosure.0,
            updated_by: Some(r.updated_by),
            updated_at: Some(r.updated_at),
        }
    }
}

/// A new public profile, its fields parsed already (absent: not published).
#[derive(Debug, Clone)]
pub struct ProfileUpdate {
    pub published: bool,
    pub office_name: Option<Name>,
    pub address: Option<Notice>,
    pub office_hours: Option<Notice>,
    pub phone: Option<Phone>,
    pub consultation_phone: Option<Phone>,
    pub complaint_phone: Option<Phone>,
    pub supervision_phone: Option<Phone>,
    pub email: Option<Email>,
    pub service_rules: Option<Notice>,
    pub roster_disclosure: RosterDisclosure,
}

fn admin(actor: &Actor) -> Result<(), AppError> {
    Ok(authorize(actor, Action::ManagePublicProfile, Scope::tenant(actor.tenant_id))?)
}

/// The caller's county's public profile (admin).
pub async fn get(ctx: &Context, actor: &Actor) -> Result<Profile, AppError> {
    admin(actor)?;
    Ok(repo::profile(&ctx.db, actor.tenant_id).await?.map(Profile::from).unwrap_or_default())
}

/// Replaces the caller's county's public profile (admin), audited with what it now says.
pub async fn update(ctx: &Context, actor: &Actor, meta: &RequestMeta, new: ProfileUpdate) -> Result<Profile, AppError> {
    admin(actor)?;
    let values = ProfileValues {
        published: new.published,
        office_name: new.office_name.map(Name::into_inner),
        address: new.address.map(Notice::into_inner),
        office_hours: new.office_hours.map(Notice::into_inner),
        phone: new.phone.map(Phone::into_inner),
        consultation_phone: new.consultation_phone.map(Phone::into_inner),
        complaint_phone: new.complaint_phone.map(Phone::into_inner),
        supervision_phone: new.supervision_phone.map(Phone::into_inner),
        email: new.email.map(Email::into_inner),
        service_rules: new.service_rules.map(Notice::into_inner),
    };
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let detail = serde_json::json!({
        "published": values.published,
        "office_name": values.office_name,
        "address": values.address,
        "office_hours": values.office_hours,
        "phone": values.phone,
        "consultation_phone": values.consultation_phone,
        "complaint_phone": values.complaint_phone,
        "supervision_phone": values.supervision_phone,
        "email": values.email,
        "service_rules": values.service_rules,
        "roster_disclosure": new.roster_disclosure,
    });
    let row = repo::save_profile(&txn, actor.tenant_id, values, new.roster_disclosure, actor.user_id, now).await?;
    audit_trail::record(&txn, meta, actor, AuditAction::PublicProfileSet, detail, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(Profile::from(row))
}
