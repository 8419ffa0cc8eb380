//! Cases, their butler teams and plan items. Every write that changes a case goes through
//! [`update_guarded`], which bumps the version only if nobody else did first.

use butler_domain::case::lifecycle::{CaseState, EvaluationStatus};
use butler_domain::case::team::TeamRole;
use butler_domain::catalog::Stage;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QueryTrait,
};
use uuid::Uuid;

use crate::entity::{case, case_item, case_team_member, task_sheet};
use crate::page::fetch_page;
use crate::search::contains;
use crate::{Code, Page, PageRequest, StoreError};

pub use case::Model as CaseRow;
pub use case_item::Model as CaseItemRow;
pub use case_team_member::Model as TeamMemberRow;

/// Filters of the case list.
#[derive(Debug, Default, Clone)]
pub struct CaseFilter {
    pub state: Option<CaseState>,
    /// Confine to one enterprise (an enterprise user's own).
    pub enterprise_id: Option<Uuid>,
    /// Only cases whose team includes this user.
    pub team_member: Option<Uuid>,
    /// Only cases with an item of this department.
    pub department_id: Option<Uuid>,
    /// No drafts.
    pub hide_drafts: bool,
    /// Only the case with this national project code (canonical form).
    pub project_code: Option<String>,
    /// Text found in the case number, the project name or the project code (the code
    /// compared without its hyphens, so `2603532326` finds `2603-532326-…`).
    pub search: Option<String>,
}

pub struct NewCase {
    pub enterprise_id: Uuid,
    pub project_name: String,
    pub industry_code: String,
    pub investment_fen: i64,
    pub location: String,
    /// The national project code, canonical.
    pub project_code: Option<String>,
    pub agreement_signed_on: Option<chrono::NaiveDate>,
    pub brief: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub created_by: Uuid,
}

/// A plan item to add or replace.
#[derive(Debug, Clone)]
pub struct NewCaseItem {
    pub catalog_item_id: Option<Uuid>,
    pub catalog_version: Option<i32>,
    pub name: String,
    pub department_id: Uuid,
    pub stage: Option<Stage>,
    pub legal_limit: Option<String>,
    pub promised_limit: Option<String>,
    pub allows_tolerance: bool,
    pub allows_commitment: bool,
    pub max_extension_days: Option<i32>,
    pub agent_id: Option<Uuid>,
    pub materials: serde_json::Value,
    pub missing_materials: serde_json::Value,
    /// Positions (1-based) of prerequisite items within the same list.
    pub prerequisites: Vec<i32>,
}

/// The next case number of a tenant under `prefix` (which carries the year): `EXAMPLE-2026-0001`.
/// The tenant's counter for the prefix is taken and moved in one statement, inside the case's
/// transaction: concurrent applications queue on the counter's row and each gets its own
/// number, and a case that is rolled back gives its number back.
async fn next_number(db: &impl ConnectionTrait, tenant_id: Uuid, prefix: &str) -> Result<String, StoreError> {
    use crate::entity::case_number_counter::{self as counter, Column};
    let mut upsert = Query::insert()
        .into_table(counter::Entity)
        .columns([Column::TenantId, Column::Prefix, Column::Last])
        .values_panic([tenant_id.into(), prefix.into(), 1.into()])
        .on_conflict(
            OnConflict::columns([Column::TenantId, Column::Prefix])
                .value(Column::Last, Expr::col((counter::Entity, Column::Last)).add(1))
                .to_owned(),
        )
        .to_owned();
    upsert.returning_all();
    let stmt = db.get_database_backend().build(&upsert);
    let row = counter::Entity::find().from_raw_sql(stmt).one(db).await?.ok_or(StoreError::Changed)?;
    Ok(format!("{prefix}{:04}", row.last))
}

pub async fn create(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    number_prefix: &str,
    new: NewCase,
    genesis_hash: &str,
    now: DateTime<Utc>,
) -> Result<CaseRow, StoreError> {
    let number = next_number(db, tenant_id, number_prefix).await?;
    let row = case::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        number: Set(number),
        enterprise_id: Set(new.enterprise_id),
        state: Set(Code(CaseState::Draft)),
        version: Set(1),
        project_name: Set(new.project_name),
        industry_code: Set(new.industry_code),
        investment_fen: Set(new.investment_fen),
        location: Set(new.location),
        project_code: Set(new.project_code),
        agreement_signed_on: Set(new.agreement_signed_on),
        brief: Set(new.brief),
        contact_name: Set(new.contact_name),
        contact_phone: Set(new.contact_phone),
        created_by: Set(new.created_by),
        reviewer_id: Set(None),
        review_note: Set(None),
        accepter_id: Set(None),
        responsible_leader_id: Set(None),
        lead_agent_id: Set(None),
        notification_text: Set(None),
        documents_handed_over_at: Set(None),
        enterprise_confirmed_at: Set(None),
        evaluation_status: Set(Code(EvaluationStatus::Pending)),
        state_before_closing: Set(None),
        closing_reason: Set(None),
        chain_length: Set(0),
        chain_head: Set(genesis_hash.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(case::Entity::insert(row).exec_with_returning(db).await?)
}

/// The case of the sheet `sheet_id`, both of the tenant, in one statement.
///
/// The case is matched by key to the sheet's case (`id = (SELECT case_id …)`, a single value).
/// Written `id IN (SELECT …)`, SQLite, which keeps no statistics, reckoned the county's index
/// the cheaper way and read every case of the county: 60 ms a transition at 100 k cases.
pub async fn of_sheet(db: &impl ConnectionTrait, tenant_id: Uuid, sheet_id: Uuid) -> Result<CaseRow, StoreError> {
    of_sheet_select(tenant_id, sheet_id).one(db).await?.ok_or(StoreError::NotFound)
}

/// The statement of [`of_sheet`] (its plan is tested).
pub fn of_sheet_select(tenant_id: Uuid, sheet_id: Uuid) -> sea_orm::Select<case::Entity> {
    let case_of_sheet = Query::select()
        .column(task_sheet::Column::CaseId)
        .from(task_sheet::Entity)
        .and_where(task_sheet::Column::Id.eq(sheet_id))
        .and_where(task_sheet::Column::TenantId.eq(tenant_id))
        .to_owned();
    case::Entity::find()
        .filter(Expr::col((case::Entity, case::Column::Id)).eq(Expr::from(case_of_sheet)))
        .filter(case::Column::TenantId.eq(tenant_id))
}

pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<CaseRow, StoreError> {
    case::Entity::find_by_id(id).filter(case::Column::TenantId.eq(tenant_id)).one(db).await?.ok_or(StoreError::NotFound)
}

/// A page of the tenant's cases that pass `filter`, oldest first.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &CaseFilter,
    page: PageRequest,
) -> Result<Page<CaseRow>, StoreError> {
    fetch_page(db, list_select(tenant_id, filter), case::Column::Id, |m| m.id, page).await
}

/// The statement of [`list`] before its page (its plan is tested).
///
/// Filtered by a team member or a department, the cases are those whose ids the member's or
/// the department's rows list, each list checked against the tenant through its cases (`id IN
/// (SELECT … JOIN cases … WHERE tenant_id = ?)`). With the tenant on the outer statement too,
/// SQLite, which keeps no statistics, read every case of the county through the county's index
/// and sorted them, for every page of a department's list, however few its cases; through the
/// ids it reads the listed cases by key, already in order.
pub fn list_select(tenant_id: Uuid, filter: &CaseFilter) -> sea_orm::Select<case::Entity> {
    let mut select = case::Entity::find();
    let by_ids = filter.team_member.is_some() || filter.department_id.is_some();
    if !by_ids {
        select = select.filter(case::Column::TenantId.eq(tenant_id));
    }
    if let Some(user) = filter.team_member {
        let members = case_ids_of_tenant(
            tenant_id,
            case_team_member::Entity,
            case_team_member::Column::CaseId,
            case_team_member::Column::UserId.eq(user),
        );
        select = select.filter(case::Column::Id.in_subquery(members));
    }
    if let Some(dept) = filter.department_id {
        let items = case_ids_of_tenant(
            tenant_id,
            case_item::Entity,
            case_item::Column::CaseId,
            case_item::Column::DepartmentId.eq(dept),
        );
        select = select.filter(case::Column::Id.in_subquery(items));
    }
    if let Some(state) = filter.state {
        select = select.filter(case::Column::State.eq(Code(state)));
    }
    if let Some(e) = filter.enterprise_id {
        select = select.filter(case::Column::EnterpriseId.eq(e));
    }
    if filter.hide_drafts {
        select = select.filter(case::Column::State.ne(Code(CaseState::Draft)));
    }
    if let Some(code) = &filter.project_code {
        select = select.filter(case::Column::ProjectCode.eq(code.clone()));
    }
    if let Some(q) = filter.search.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        select = select.filter(search_condition(q));
    }
    select
}

/// `SELECT rows.case_id FROM rows JOIN cases AS c ON c.id = rows.case_id WHERE which AND
/// c.tenant_id = tenant_id`: the ids of the tenant's cases that rows of `table` matching `which`
/// belong to.
fn case_ids_of_tenant<E: EntityTrait + Copy>(
    tenant_id: Uuid,
    table: E,
    case_id: E::Column,
    which: sea_orm::sea_query::SimpleExpr,
) -> sea_orm::sea_query::SelectStatement {
    let of_case = sea_orm::sea_query::Alias::new("of_case");
    Query::select()
        .column((table, case_id))
        .from(table)
        .join_as(
            sea_orm::sea_query::JoinType::InnerJoin,
            case::Entity,
            of_case.clone(),
            Expr::col((of_case.clone(), case::Column::Id)).equals((table, case_id)),
        )
        .and_where(which)
        .and_where(Expr::col((of_case, case::Column::TenantId)).eq(tenant_id))
        .to_owned()
}

/// The case list's search: the number, the project name, or the project code with or
/// without hyphens.
fn search_condition(q: &str) -> Condition {
    let mut any = Condition::any()
        .add(Expr::col(case::Column::Number).like(contains(&q.to_uppercase())))
        .add(Expr::col(case::Column::ProjectName).like(contains(q)));
    let digits: String = q.chars().filter(|c| *c != '-').collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        let bare = Func::cust("REPLACE").arg(Expr::col(case::Column::ProjectCode)).arg("-").arg("");
        any = any.add(Expr::expr(bare).like(contains(&digits)));
    }
    any
}

/// The case of the tenant that holds `project_code`, if any.
pub async fn with_project_code(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    project_code: &str,
) -> Result<Option<CaseRow>, StoreError> {
    Ok(case::Entity::find()
        .filter(case::Column::TenantId.eq(tenant_id))
        .filter(case::Column::ProjectCode.eq(project_code))
        .one(db)
        .await?)
}

/// Writes `changed` if the stored version is still `expected_version`, and bumps it.
/// Returns `Conflict` when another writer got there first.
pub async fn update_guarded(
    db: &impl ConnectionTrait,
    changed: CaseRow,
    expected_version: i32,
    now: DateTime<Utc>,
) -> Result<CaseRow, StoreError> {
    let id = changed.id;
    // Every column is written (then the guarded ones are excluded below).
    let mut model = changed.into_active_model().reset_all();
    model.version = Set(expected_version + 1);
    model.updated_at = Set(now);
    // Chain fields are moved only by `history::append`.
    model.chain_length = sea_orm::ActiveValue::NotSet;
    model.chain_head = sea_orm::ActiveValue::NotSet;
    model.id = sea_orm::ActiveValue::NotSet;
    model.tenant_id = sea_orm::ActiveValue::NotSet;
    // One statement: the row as stored comes back with the write (`RETURNING`).
    let mut update = case::Entity::update_many()
        .set(model)
        .filter(case::Column::Id.eq(id))
        .filter(case::Column::Version.eq(expected_version))
        .into_query();
    update.returning_all();
    let stmt = db.get_database_backend().build(&update);
    case::Entity::find().from_raw_sql(stmt).one(db).await?.ok_or(StoreError::Changed)
}

pub async fn items(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<CaseItemRow>, StoreError> {
    Ok(case_item::Entity::find()
        .filter(case_item::Column::CaseId.eq(case_id))
        .order_by_asc(case_item::Column::Position)
        .all(db)
        .await?)
}

/// Replaces the case's item list (the application's wishes or the plan).
pub async fn replace_items(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    case_id: Uuid,
    new_items: Vec<NewCaseItem>,
    planned: bool,
) -> Result<Vec<CaseItemRow>, StoreError> {
    case_item::Entity::delete_many().filter(case_item::Column::CaseId.eq(case_id)).exec(db).await?;
    insert_items(db, tenant_id, case_id, new_items, planned).await
}

/// Writes the item list of a case that has none yet (a new application) in one statement,
/// and answers it as stored.
pub async fn insert_items(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    case_id: Uuid,
    new_items: Vec<NewCaseItem>,
    planned: bool,
) -> Result<Vec<CaseItemRow>, StoreError> {
    let ids: Vec<Uuid> = new_items.iter().map(|_| super::new_id()).collect();
    let rows: Vec<case_item::ActiveModel> = new_items
        .into_iter()
        .enumerate()
        .map(|(i, it)| {
            let prerequisites: Vec<String> = it
                .prerequisites
                .iter()
                .filter_map(|p| ids.get((*p as usize).wrapping_sub(1)))
                .map(|u| u.to_string())
                .collect();
            case_item::ActiveModel {
                id: Set(ids[i]),
                tenant_id: Set(tenant_id),
                case_id: Set(case_id),
                position: Set(i as i32 + 1),
                catalog_item_id: Set(it.catalog_item_id),
                catalog_version: Set(it.catalog_version),
                name: Set(it.name),
                department_id: Set(it.department_id),
                stage: Set(it.stage.map(Code)),
                legal_limit: Set(it.legal_limit),
                promised_limit: Set(it.promised_limit),
                allows_tolerance: Set(it.allows_tolerance),
                allows_commitment: Set(it.allows_commitment),
                max_extension_days: Set(it.max_extension_days),
                agent_id: Set(it.agent_id),
                materials: Set(it.materials),
                missing_materials: Set(it.missing_materials),
                prerequisites: Set(serde_json::Value::from(prerequisites)),
                planned: Set(planned),
            }
        })
        .collect();
    if !rows.is_empty() {
        case_item::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    items(db, case_id).await
}

/// Adds one item (e.g. a 告知承诺 verification) at the end of the list.
pub async fn add_item(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    case_id: Uuid,
    item: NewCaseItem,
    planned: bool,
) -> Result<CaseItemRow, StoreError> {
    let position = case_item::Entity::find().filter(case_item::Column::CaseId.eq(case_id)).count(db).await? as i32 + 1;
    let row = case_item::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        case_id: Set(case_id),
        position: Set(position),
        catalog_item_id: Set(item.catalog_item_id),
        catalog_version: Set(item.catalog_version),
        name: Set(item.name),
        department_id: Set(item.department_id),
        stage: Set(item.stage.map(Code)),
        legal_limit: Set(item.legal_limit),
        promised_limit: Set(item.promised_limit),
        allows_tolerance: Set(item.allows_tolerance),
        allows_commitment: Set(item.allows_commitment),
        max_extension_days: Set(item.max_extension_days),
        agent_id: Set(item.agent_id),
        materials: Set(item.materials),
        missing_materials: Set(item.missing_materials),
        prerequisites: Set(serde_json::Value::Array(vec![])),
        planned: Set(planned),
    };
    Ok(row.insert(db).await?)
}

pub async fn team(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<TeamMemberRow>, StoreError> {
    Ok(case_team_member::Entity::find().filter(case_team_member::Column::CaseId.eq(case_id)).all(db).await?)
}

/// A member of a butler team.
pub struct NewTeamMember {
    pub user_id: Uuid,
    pub department_id: Option<Uuid>,
    pub team_role: TeamRole,
}

pub async fn replace_team(
    db: &impl ConnectionTrait,
    case_id: Uuid,
    members: Vec<NewTeamMember>,
) -> Result<(), StoreError> {
    case_team_member::Entity::delete_many().filter(case_team_member::Column::CaseId.eq(case_id)).exec(db).await?;
    let rows: Vec<_> = members
        .into_iter()
        .map(|m| case_team_member::ActiveModel {
            id: Set(super::new_id()),
            case_id: Set(case_id),
            user_id: Set(m.user_id),
            department_id: Set(m.department_id),
            team_role: Set(Code(m.team_role)),
        })
        .collect();
    if !rows.is_empty() {
        case_team_member::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Cases by id (for lists that mention them), of `tenant_id` only.
///
/// The lookup is by primary key alone and the tenant is checked on the rows read: with the
/// tenant in the query, SQLite (which keeps no statistics here) prefers an index on
/// `tenant_id` to the key for a long id list and reads every case of the tenant.
pub async fn get_many(db: &impl ConnectionTrait, tenant_id: Uuid, ids: &[Uuid]) -> Result<Vec<CaseRow>, StoreError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let rows = get_many_select(ids).all(db).await?;
    Ok(rows.into_iter().filter(|c| c.tenant_id == tenant_id).collect())
}

/// The query of [`get_many`]: the cases of the distinct `ids`, by primary key (the tenant is
/// checked on the rows read).
pub fn get_many_select(ids: &[Uuid]) -> sea_orm::Select<case::Entity> {
    let mut unique = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    case::Entity::find().filter(case::Column::Id.is_in(unique))
}

/// Items by id (for lists that mention them).
pub async fn items_by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<CaseItemRow>, StoreError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(case_item::Entity::find().filter(case_item::Column::Id.is_in(ids.iter().copied())).all(db).await?)
}
