//! Consultations and appointment requests: written when the public sends one, changed by the
//! window under a version guard, listed newest first.

use butler_domain::consultation::{ConsultationKind, ConsultationState};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use uuid::Uuid;

use crate::code::Code;
use crate::entity::{approval_item, consultation};
use crate::page::{Order, fetch_page_in};
use crate::{Page, PageRequest, StoreError};

pub use consultation::Model as ConsultationRow;

/// A consultation to record, its fields checked already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConsultation {
    pub reference: String,
    pub kind: ConsultationKind,
    pub name: String,
    pub mobile: String,
    pub enterprise_name: Option<String>,
    pub project_name: String,
    pub project_description: Option<String>,
    pub item_code: Option<String>,
    pub question: String,
    pub preferred_slot: Option<DateTime<Utc>>,
}

/// Filters of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConsultationFilter {
    pub state: Option<ConsultationState>,
    pub kind: Option<ConsultationKind>,
}

/// Records a new consultation (`submitted`). A reference taken already is
/// [`StoreError::Conflict`].
pub async fn create(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    new: NewConsultation,
    now: DateTime<Utc>,
) -> Result<ConsultationRow, StoreError> {
    let row = consultation::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        reference: Set(new.reference),
        kind: Set(Code(new.kind)),
        state: Set(Code(ConsultationState::Submitted)),
        name: Set(new.name),
        mobile: Set(new.mobile),
        enterprise_name: Set(new.enterprise_name),
        project_name: Set(new.project_name),
        project_description: Set(new.project_description),
        item_code: Set(new.item_code),
        question: Set(new.question),
        preferred_slot: Set(new.preferred_slot),
        confirmed_slot: Set(None),
        answer: Set(None),
        note: Set(None),
        case_id: Set(None),
        handled_by: Set(None),
        handled_at: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(consultation::Entity::insert(row).exec_with_returning(db).await?)
}

/// One consultation of the tenant.
pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<ConsultationRow, StoreError> {
    consultation::Entity::find_by_id(id)
        .filter(consultation::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// A page of the tenant's consultations, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: ConsultationFilter,
    page: PageRequest,
) -> Result<Page<ConsultationRow>, StoreError> {
    let mut select = consultation::Entity::find().filter(consultation::Column::TenantId.eq(tenant_id));
    if let Some(state) = filter.state {
        select = select.filter(consultation::Column::State.eq(Code(state)));
    }
    if let Some(kind) = filter.kind {
        select = select.filter(consultation::Column::Kind.eq(Code(kind)));
    }
    fetch_page_in(db, select, consultation::Column::Id, |c| c.id, page, Order::NewestFirst).await
}

/// Writes `changed` if the row is still at `expected_version`; the row as written, or
/// [`StoreError::Changed`] when someone else changed it first.
pub async fn update_guarded(
    db: &impl ConnectionTrait,
    changed: ConsultationRow,
    expected_version: i32,
    now: DateTime<Utc>,
) -> Result<ConsultationRow, StoreError> {
    let id = changed.id;
    let mut model = changed.into_active_model().reset_all();
    model.version = Set(expected_version + 1);
    model.updated_at = Set(now);
    model.id = sea_orm::ActiveValue::NotSet;
    model.tenant_id = sea_orm::ActiveValue::NotSet;
    model.reference = sea_orm::ActiveValue::NotSet;
    model.created_at = sea_orm::ActiveValue::NotSet;
    let res = consultation::Entity::update_many()
        .set(model)
        .filter(consultation::Column::Id.eq(id))
        .filter(consultation::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(StoreError::Changed);
    }
    consultation::Entity::find_by_id(id).one(db).await?.ok_or(StoreError::NotFound)
}

/// The current version's id of the tenant's catalog item with `code`, if there is one.
pub async fn current_item_by_code(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    code: &str,
) -> Result<Option<Uuid>, StoreError> {
    Ok(approval_item::Entity::find()
        .filter(approval_item::Column::TenantId.eq(tenant_id))
        .filter(approval_item::Column::Code.eq(code))
        .filter(approval_item::Column::Current.eq(true))
        .one(db)
        .await?
        .map(|i| i.id))
}
