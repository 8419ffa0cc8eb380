//! What a county publishes: its public profile (one row, absent until first saved), the
//! people it took off the published roster, and the accounts the roster is drawn from.

use butler_domain::api_access::AccountKind;
use butler_domain::disclosure::{ROSTER_ROLES, RosterDisclosure};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashSet;
use uuid::Uuid;

use crate::entity::public_profile::{self, Entity as Profile};
use crate::entity::public_roster_opt_out::{self, Entity as OptOut};
use crate::entity::user::{self, Entity as User};
use crate::repo::users::UserRow;
use crate::{Code, StoreError};

pub use public_profile::Model as ProfileRow;

/// Most accounts the roster is drawn from (a county has far fewer butlers).
pub const ROSTER_CAP: u64 = 2000;

/// The values of a public profile, as saved.
#[derive(Debug, Clone, Default)]
pub struct ProfileValues {
    pub published: bool,
    pub office_name: Option<String>,
    pub address: Option<String>,
    pub office_hours: Option<String>,
    pub phone: Option<String>,
    pub consultation_phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub supervision_phone: Option<String>,
    pub email: Option<String>,
    pub service_rules: Option<String>,
}

/// The tenant's public profile, if its administrator saved one.
pub async fn profile(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Option<ProfileRow>, StoreError> {
    Ok(Profile::find_by_id(tenant_id).one(db).await?)
}

/// Writes the tenant's public profile (creating or replacing it).
pub async fn save_profile(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    values: ProfileValues,
    disclosure: RosterDisclosure,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<ProfileRow, StoreError> {
    use public_profile::Column as C;
    let row = public_profile::ActiveModel {
        tenant_id: Set(tenant_id),
        published: Set(values.published),
        office_name: Set(values.office_name),
        address: Set(values.address),
        office_hours: Set(values.office_hours),
        phone: Set(values.phone),
        consultation_phone: Set(values.consultation_phone),
        complaint_phone: Set(values.complaint_phone),
        supervision_phone: Set(values.supervision_phone),
        email: Set(values.email),
        service_rules: Set(values.service_rules),
        roster_disclosure: Set(Code(disclosure)),
        updated_by: Set(by),
        updated_at: Set(now),
    };
    Profile::insert(row)
        .on_conflict(
            OnConflict::column(C::TenantId)
                .update_columns([
                    C::Published,
                    C::OfficeName,
                    C::Address,
                    C::OfficeHours,
                    C::Phone,
                    C::ConsultationPhone,
                    C::ComplaintPhone,
                    C::SupervisionPhone,
                    C::Email,
                    C::ServiceRules,
                    C::RosterDisclosure,
                    C::UpdatedBy,
                    C::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    profile(db, tenant_id).await?.ok_or(StoreError::NotFound)
}

/// The people the tenant took off its published roster.
pub async fn opted_out(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<HashSet<Uuid>, StoreError> {
    Ok(OptOut::find()
        .filter(public_roster_opt_out::Column::TenantId.eq(tenant_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect())
}

/// Takes `user_id` off the published roster (`out`) or puts them back; whether anything
/// changed.
pub async fn set_opted_out(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    user_id: Uuid,
    out: bool,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    if out {
        let there = OptOut::find_by_id((tenant_id, user_id)).one(db).await?.is_some();
        if there {
            return Ok(false);
        }
        let row = public_roster_opt_out::ActiveModel {
            tenant_id: Set(tenant_id),
            user_id: Set(user_id),
            created_by: Set(by),
            created_at: Set(now),
        };
        OptOut::insert(row).exec_without_returning(db).await?;
        Ok(true)
    } else {
        let done = OptOut::delete_many()
            .filter(public_roster_opt_out::Column::TenantId.eq(tenant_id))
            .filter(public_roster_opt_out::Column::UserId.eq(user_id))
            .exec(db)
            .await?;
        Ok(done.rows_affected > 0)
    }
}

/// The people of the tenant in a butler's role (open accounts, people only), by name: whom
/// the roster is drawn from, before opt-outs and the disclosure apply.
pub async fn roster_accounts(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Vec<UserRow>, StoreError> {
    Ok(User::find()
        .filter(user::Column::TenantId.eq(tenant_id))
        .filter(user::Column::AccountKind.eq(Code(AccountKind::Person)))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.is_in(ROSTER_ROLES.map(Code)))
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Id)
        .limit(ROSTER_CAP)
        .all(db)
        .await?)
}
