//! The intermediary supermarket (中介超市): agencies with their qualifications and services,
//! and the engagements of them for plan items. Everything is tenant-scoped.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use butler_domain::intermediary::engagement::EngagementState;
use butler_domain::intermediary::{AgencyStatus, QualificationKind};

use crate::entity::intermediary_engagement as engagement;
use crate::entity::{agency, agency_qualification, agency_service, agency_service_item, approval_item};
use crate::page::fetch_page;
use crate::{Code, Page, PageRequest, StoreError};

pub use agency::Model as AgencyRow;
pub use agency_qualification::Model as QualificationRow;
pub use agency_service::Model as ServiceRow;
pub use engagement::Model as EngagementRow;

/// An agency's own fields, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyFields {
    pub name: String,
    pub credit_code: String,
    pub contact: String,
    pub phone: String,
    pub address: Option<String>,
    pub intro: Option<String>,
}

/// A service with the item codes it serves.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceWithItems {
    pub service: ServiceRow,
    pub item_codes: Vec<String>,
}

/// An agency with everything the supermarket shows of it.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyDetail {
    pub agency: AgencyRow,
    pub qualifications: Vec<QualificationRow>,
    pub services: Vec<ServiceWithItems>,
}

/// Records an agency (`active`, version 1). A credit code the tenant has already is a conflict.
pub async fn create_agency(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    f: AgencyFields,
    now: DateTime<Utc>,
) -> Result<AgencyRow, StoreError> {
    let row = agency::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        name: Set(f.name),
        credit_code: Set(f.credit_code),
        contact: Set(f.contact),
        phone: Set(f.phone),
        address: Set(f.address),
        intro: Set(f.intro),
        status: Set(Code(AgencyStatus::Active)),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(row.insert(db).await?)
}

/// Writes `changed` over the stored agency only if it still has `changed.version - 1`.
pub async fn save_agency(db: &impl ConnectionTrait, changed: &AgencyRow) -> Result<(), StoreError> {
    let model = changed.clone().into_active_model().reset_all();
    let res = agency::Entity::update_many()
        .set(model)
        .filter(agency::Column::Id.eq(changed.id))
        .filter(agency::Column::TenantId.eq(changed.tenant_id))
        .filter(agency::Column::Version.eq(changed.version - 1))
        .exec(db)
        .await?;
    if res.rows_affected == 1 { Ok(()) } else { Err(StoreError::Changed) }
}

/// One agency of the tenant.
pub async fn agency(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<AgencyRow, StoreError> {
    agency::Entity::find_by_id(id)
        .filter(agency::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// A page of the tenant's agencies (creation order), optionally only those with `status`.
pub async fn list_agencies(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    status: Option<AgencyStatus>,
    page: PageRequest,
) -> Result<Page<AgencyRow>, StoreError> {
    let mut select = agency::Entity::find().filter(agency::Column::TenantId.eq(tenant_id));
    if let Some(s) = status {
        select = select.filter(agency::Column::Status.eq(Code(s)));
    }
    fetch_page(db, select, agency::Column::Id, |m| m.id, page).await
}

/// The qualifications and services of `agencies`, attached to each.
pub async fn details(db: &impl ConnectionTrait, agencies: Vec<AgencyRow>) -> Result<Vec<AgencyDetail>, StoreError> {
    let ids: Vec<Uuid> = agencies.iter().map(|a| a.id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let quals = agency_qualification::Entity::find()
        .filter(agency_qualification::Column::AgencyId.is_in(ids.clone()))
        .order_by_asc(agency_qualification::Column::Id)
        .all(db)
        .await?;
    let services = agency_service::Entity::find()
        .filter(agency_service::Column::AgencyId.is_in(ids))
        .order_by_asc(agency_service::Column::Id)
        .all(db)
        .await?;
    let service_ids: Vec<Uuid> = services.iter().map(|s| s.id).collect();
    let items = if service_ids.is_empty() {
        Vec::new()
    } else {
        agency_service_item::Entity::find()
            .filter(agency_service_item::Column::ServiceId.is_in(service_ids))
            .order_by_asc(agency_service_item::Column::Id)
            .all(db)
            .await?
    };
    Ok(agencies
        .into_iter()
        .map(|a| AgencyDetail {
            qualifications: quals.iter().filter(|q| q.agency_id == a.id).cloned().collect(),
            services: services
                .iter()
                .filter(|s| s.agency_id == a.id)
                .map(|s| ServiceWithItems {
                    service: s.clone(),
                    item_codes: items.iter().filter(|i| i.service_id == s.id).map(|i| i.item_code.clone()).collect(),
                })
                .collect(),
            agency: a,
        })
        .collect())
}

/// The active agencies of the tenant with a service for `item_code`, with their details.
pub async fn serving_item(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    item_code: &str,
) -> Result<Vec<AgencyDetail>, StoreError> {
    let links = agency_service_item::Entity::find()
        .filter(agency_service_item::Column::TenantId.eq(tenant_id))
        .filter(agency_service_item::Column::ItemCode.eq(item_code))
        .all(db)
        .await?;
    if links.is_empty() {
        return Ok(Vec::new());
    }
    let services = agency_service::Entity::find()
        .filter(agency_service::Column::Id.is_in(links.iter().map(|l| l.service_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let agencies = agency::Entity::find()
        .filter(agency::Column::TenantId.eq(tenant_id))
        .filter(agency::Column::Status.eq(Code(AgencyStatus::Active)))
        .filter(agency::Column::Id.is_in(services.iter().map(|s| s.agency_id).collect::<Vec<_>>()))
        .order_by_asc(agency::Column::Id)
        .all(db)
        .await?;
    details(db, agencies).await
}

/// A qualification to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewQualification {
    pub kind: QualificationKind,
    pub level: String,
    pub certificate_number: String,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
}

pub async fn add_qualification(
    db: &impl ConnectionTrait,
    a: &AgencyRow,
    q: NewQualification,
    now: DateTime<Utc>,
) -> Result<QualificationRow, StoreError> {
    let row = agency_qualification::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(a.tenant_id),
        agency_id: Set(a.id),
        kind: Set(Code(q.kind)),
        level: Set(q.level),
        certificate_number: Set(q.certificate_number),
        valid_from: Set(q.valid_from),
        valid_until: Set(q.valid_until),
        created_at: Set(now),
    };
    Ok(row.insert(db).await?)
}

/// Removes one of the agency's qualifications; `NotFound` when it has no such one.
pub async fn remove_qualification(db: &impl ConnectionTrait, a: &AgencyRow, id: Uuid) -> Result<(), StoreError> {
    let res = agency_qualification::Entity::delete_many()
        .filter(agency_qualification::Column::Id.eq(id))
        .filter(agency_qualification::Column::AgencyId.eq(a.id))
        .exec(db)
        .await?;
    if res.rows_affected == 1 { Ok(()) } else { Err(StoreError::NotFound) }
}

/// A service to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewService {
    pub name: String,
    pub kind: QualificationKind,
    pub fee_note: Option<String>,
    pub item_codes: Vec<String>,
}

pub async fn add_service(
    db: &impl ConnectionTrait,
    a: &AgencyRow,
    s: NewService,
    now: DateTime<Utc>,
) -> Result<ServiceWithItems, StoreError> {
    let row = agency_service::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(a.tenant_id),
        agency_id: Set(a.id),
        name: Set(s.name),
        kind: Set(Code(s.kind)),
        fee_note: Set(s.fee_note),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    for code in &s.item_codes {
        agency_service_item::ActiveModel {
            id: Set(super::new_id()),
            tenant_id: Set(a.tenant_id),
            service_id: Set(row.id),
            item_code: Set(code.clone()),
        }
        .insert(db)
        .await?;
    }
    Ok(ServiceWithItems { service: row, item_codes: s.item_codes })
}

/// One service of the tenant.
pub async fn service(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<ServiceRow, StoreError> {
    agency_service::Entity::find_by_id(id)
        .filter(agency_service::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The code of the catalog item a plan item was planned from (any of its versions).
pub async fn item_code(db: &impl ConnectionTrait, catalog_item_id: Uuid) -> Result<Option<String>, StoreError> {
    Ok(approval_item::Entity::find_by_id(catalog_item_id).one(db).await?.map(|i| i.code))
}

/// An engagement to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEngagement {
    pub tenant_id: Uuid,
    pub case_id: Uuid,
    pub case_item_id: Uuid,
    pub agency_id: Uuid,
    pub service_id: Uuid,
    pub chosen_by: Uuid,
    pub on_behalf_note: Option<String>,
    pub change_reason: Option<String>,
    pub promised_delivery: Option<NaiveDate>,
}

pub async fn create_engagement(
    db: &impl ConnectionTrait,
    n: NewEngagement,
    now: DateTime<Utc>,
) -> Result<EngagementRow, StoreError> {
    let row = engagement::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(n.tenant_id),
        case_id: Set(n.case_id),
        case_item_id: Set(n.case_item_id),
        agency_id: Set(n.agency_id),
        service_id: Set(n.service_id),
        state: Set(Code(EngagementState::Chosen)),
        version: Set(1),
        chosen_by: Set(n.chosen_by),
        chosen_at: Set(now),
        on_behalf_note: Set(n.on_behalf_note),
        change_reason: Set(n.change_reason),
        replaced_at: Set(None),
        promised_delivery: Set(n.promised_delivery),
        actual_delivery: Set(None),
        delivered_by: Set(None),
        report_name: Set(None),
        report_number: Set(None),
        conclusion: Set(None),
        rating: Set(None),
        rating_comment: Set(None),
        rated_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(row.insert(db).await?)
}

/// Writes `changed` over the stored engagement only if it still has `changed.version - 1`.
pub async fn save_engagement(db: &impl ConnectionTrait, changed: &EngagementRow) -> Result<(), StoreError> {
    let model = changed.clone().into_active_model().reset_all();
    let res = engagement::Entity::update_many()
        .set(model)
        .filter(engagement::Column::Id.eq(changed.id))
        .filter(engagement::Column::TenantId.eq(changed.tenant_id))
        .filter(engagement::Column::Version.eq(changed.version - 1))
        .exec(db)
        .await?;
    if res.rows_affected == 1 { Ok(()) } else { Err(StoreError::Changed) }
}

/// The engagements of a case, oldest choice first (replaced ones included).
pub async fn for_case(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    case_id: Uuid,
) -> Result<Vec<EngagementRow>, StoreError> {
    Ok(engagement::Entity::find()
        .filter(engagement::Column::TenantId.eq(tenant_id))
        .filter(engagement::Column::CaseId.eq(case_id))
        .order_by_asc(engagement::Column::ChosenAt)
        .order_by_asc(engagement::Column::Id)
        .all(db)
        .await?)
}

/// Agencies and services by id, for naming them on engagements.
pub async fn agencies_by_id(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> Result<Vec<AgencyRow>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(agency::Entity::find().filter(agency::Column::Id.is_in(ids)).all(db).await?)
}

pub async fn services_by_id(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> Result<Vec<ServiceRow>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(agency_service::Entity::find().filter(agency_service::Column::Id.is_in(ids)).all(db).await?)
}

/// Bumps an agency's update time (after a change to its qualifications or services).
pub async fn touch(db: &impl ConnectionTrait, a: &AgencyRow, now: DateTime<Utc>) -> Result<(), StoreError> {
    agency::Entity::update_many()
        .col_expr(agency::Column::UpdatedAt, Expr::value(now))
        .filter(agency::Column::Id.eq(a.id))
        .exec(db)
        .await?;
    Ok(())
}
