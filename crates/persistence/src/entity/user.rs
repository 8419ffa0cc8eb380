//! The `users` table.

use butler_domain::api_access::AccountKind;
use butler_domain::role::Role;
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: Code<Role>,
    pub department_id: Option<Uuid>,
    pub enterprise_id: Option<Uuid>,
    pub phone: Option<String>,
    /// Where e-mail notifications go.
    pub email: Option<String>,
    pub password_hash: String,
    pub approval_work_since: Option<Date>,
    pub active: bool,
    pub failed_logins: i32,
    pub locked_until: Option<DateTimeUtc>,
    pub last_login_at: Option<DateTimeUtc>,
    /// Access tokens issued before this instant are refused (the account was closed or given
    /// a new password then).
    pub sessions_valid_from: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// A person (signs in with a password, receives notifications) or an API client.
    pub account_kind: Code<AccountKind>,
    /// Created with an initial password that the person must replace before anything else.
    pub must_change_password: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
