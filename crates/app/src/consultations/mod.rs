//! Consultations and appointments (咨询与预约): anyone, without an account, asks the window a
//! question or asks for a time ([`submit`], by the county's code, throttled by the web), and is
//! given a reference to quote. The window (and the office) lists and reads them, answers,
//! confirms a time, closes, or turns one into an application ([`convert`]: a draft case made by
//! the intake use case, its data carried over, the two linked). The domain's table decides
//! every change (`butler_domain::consultation`); each is version-guarded and audited.

mod handle;
mod submit;

pub use handle::{Conversion, ConvertCommand, answer, close, confirm, convert};
pub use submit::{Submission, Submitted, open_slots, submit};

use butler_domain::consultation::{
    self as rules, ConsultationAction, ConsultationError, ConsultationKind, ConsultationState,
};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::consultations::{self as repo, ConsultationFilter, ConsultationRow};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::Context;
use crate::error::AppError;
use crate::paging::{Page, PageRequest};

/// A consultation as the window sees it (the mobile masked: [`crate::pii::reveal`] shows it in
/// full).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    pub id: Uuid,
    /// What the requester quotes.
    pub reference: String,
    pub kind: ConsultationKind,
    pub state: ConsultationState,
    pub name: String,
    /// The requester's mobile, masked (`138****1234`).
    pub mobile_masked: String,
    pub enterprise_name: Option<String>,
    pub project_name: String,
    pub project_description: Option<String>,
    /// The approval item the question is about (its catalog code), if named.
    pub item_code: Option<String>,
    pub question: String,
    /// The time asked for (an appointment).
    pub preferred_slot: Option<DateTime<Utc>>,
    /// The time the window confirmed (the one asked for or another).
    pub confirmed_slot: Option<DateTime<Utc>>,
    pub answer: Option<String>,
    /// The window's note on confirming, converting or closing.
    pub note: Option<String>,
    /// The application it became.
    pub case_id: Option<Uuid>,
    pub handled_by: Option<Uuid>,
    pub handled_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// What the caller may do with it now.
    pub allowed_actions: Vec<ConsultationAction>,
}

impl Consultation {
    fn of(keys: &crate::pii::Keyring, row: ConsultationRow, actor: &Actor) -> Result<Self, AppError> {
        let may_act = authorize(actor, Action::HandleConsultations, Scope::tenant(row.tenant_id)).is_ok();
        let allowed_actions = if may_act { rules::allowed_actions(row.kind.0, row.state.0) } else { vec![] };
        let mobile_masked = butler_domain::text::mask_middle(&keys.open(&row.mobile)?);
        Ok(Consultation {
            id: row.id,
            reference: row.reference,
            kind: row.kind.0,
            state: row.state.0,
            name: row.name,
            mobile_masked,
            enterprise_name: row.enterprise_name,
            project_name: row.project_name,
            project_description: row.project_description,
            item_code: row.item_code,
            question: row.question,
            preferred_slot: row.preferred_slot,
            confirmed_slot: row.confirmed_slot,
            answer: row.answer,
            note: row.note,
            case_id: row.case_id,
            handled_by: row.handled_by,
            handled_at: row.handled_at,
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
            allowed_actions,
        })
    }
}

/// Filters of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    pub state: Option<ConsultationState>,
    pub kind: Option<ConsultationKind>,
}

/// A page of the county's consultations, newest first.
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    filter: Filter,
    page: PageRequest,
) -> Result<Page<Consultation>, AppError> {
    authorize(actor, Action::ReadConsultations, Scope::tenant(actor.tenant_id))?;
    let filter = ConsultationFilter { state: filter.state, kind: filter.kind };
    let page = repo::list(&ctx.db, actor.tenant_id, filter, page.checked()?).await?;
    Page::from(page).try_map(|row| Consultation::of(&ctx.pii, row, actor))
}

/// One consultation of the caller's county.
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<Consultation, AppError> {
    authorize(actor, Action::ReadConsultations, Scope::tenant(actor.tenant_id))?;
    let row = repo::get(&ctx.db, actor.tenant_id, id).await?;
    Consultation::of(&ctx.pii, row, actor)
}

/// A refusal of the domain's table as the application's error.
fn transition_error(e: ConsultationError) -> AppError {
    AppError::InvalidTransition {
        state: e.state.code().to_owned(),
        action: e.action.code().to_owned(),
        allowed: e.allowed.into_iter().map(|a| a.code().to_owned()).collect(),
    }
}
