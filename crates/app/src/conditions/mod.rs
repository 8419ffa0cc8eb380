//! Conditions (notice / hold / lock) on an enterprise — by its unified social credit code — or
//! on a case (SPEC §4, §7 "一处失信，处处受限"). The office and the admin add them, lift them with
//! a reason ([`add`], [`lift`]) and import the credit platform's list ([`import_list`]);
//! officials read them, on their own and on a case's and an enterprise's page. The enterprise's
//! own users never see them, except the reason a hold gives when it refuses their submission.
//!
//! What a condition does is the domain's (`butler_domain::condition::Restrictions`); every
//! write path of a case and its sheets loads the case through [`crate::cases::load_for_change`],
//! which asks it once.

mod import;
mod manage;

pub use import::{ImportReport, ImportedEntry, import_list};
pub use manage::{NewConditionCommand, add, lift};

use butler_domain::calendar::TIME_ZONE;
use butler_domain::condition::{self as rules, ConditionSeverity, ConditionSource, Restrictions};
use butler_domain::credit_code::CreditCode;
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::conditions::{self as repo, ConditionFilter, ConditionRow};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::Context;
use crate::error::{AppError, FieldError};
use crate::paging::{Page, PageRequest};

/// A condition as officials read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub id: Uuid,
    /// On the enterprise with this credit code (registered here or not)…
    pub credit_code: Option<String>,
    /// …or on this case.
    pub case_id: Option<Uuid>,
    /// The enterprise's name as the source gives it.
    pub enterprise_name: Option<String>,
    pub severity: ConditionSeverity,
    pub source: ConditionSource,
    /// The source's document number (决定文号).
    pub source_ref: Option<String>,
    pub reason: String,
    pub valid_from: NaiveDate,
    /// The day it ends (no longer in force that day).
    pub valid_until: Option<NaiveDate>,
    /// Whether it is in force today.
    pub in_force: bool,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub lifted_at: Option<DateTime<Utc>>,
    pub lifted_by: Option<Uuid>,
    pub lift_reason: Option<String>,
}

/// The day `now` falls on in the county's time zone.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&TIME_ZONE).date_naive()
}

/// A stored condition as the rules see it.
pub fn rule(row: &ConditionRow) -> rules::Condition {
    rules::Condition {
        id: row.id,
        severity: row.severity.0,
        source: row.source.0,
        source_ref: row.source_ref.clone(),
        reason: row.reason.clone(),
        valid_from: row.valid_from,
        valid_until: row.valid_until,
        lifted: row.lifted_at.is_some(),
    }
}

impl Condition {
    pub(crate) fn of(row: ConditionRow, today: NaiveDate) -> Self {
        let in_force = rule(&row).in_force(today);
        Condition {
            id: row.id,
            credit_code: row.credit_code,
            case_id: row.case_id,
            enterprise_name: row.enterprise_name,
            severity: row.severity.0,
            source: row.source.0,
            source_ref: row.source_ref,
            reason: row.reason,
            valid_from: row.valid_from,
            valid_until: row.valid_until,
            in_force,
            created_by: row.created_by,
            created_at: row.created_at,
            lifted_at: row.lifted_at,
            lifted_by: row.lifted_by,
            lift_reason: row.lift_reason,
        }
    }
}

/// What the stored conditions `rows` do on the day of `now`.
pub fn restrictions(rows: &[ConditionRow], now: DateTime<Utc>) -> Restrictions {
    let all: Vec<rules::Condition> = rows.iter().map(rule).collect();
    Restrictions::on(&all, today(now))
}

/// The refusal of a condition that stops a step, naming it (severity, source, document,
/// reason): field `condition`, code `condition_hold` or `condition_lock`.
pub fn stopped_error(stopped: &rules::Stopped) -> FieldError {
    let c = &stopped.condition;
    FieldError::new("condition", format!("condition_{}", c.severity), c.refusal_zh(), c.refusal_en())
}

/// Whether `actor` reads conditions (officials of the tenant; never an enterprise's users).
pub fn may_read(actor: &Actor) -> bool {
    authorize(actor, Action::ReadConditions, Scope::tenant(actor.tenant_id)).is_ok()
}

/// The conditions in force among `rows` for `actor`: `None` for whoever may not read them.
pub fn in_force_for(actor: &Actor, rows: &[ConditionRow], now: DateTime<Utc>) -> Option<Vec<Condition>> {
    if !may_read(actor) {
        return None;
    }
    let today = today(now);
    let r = restrictions(rows, now);
    Some(
        r.in_force
            .iter()
            .filter_map(|c| rows.iter().find(|row| row.id == c.id))
            .map(|row| Condition::of(row.clone(), today))
            .collect(),
    )
}

/// The conditions in force on the enterprise with `credit_code`, for officials (`None` for
/// the enterprise's own users).
pub async fn on_enterprise(
    ctx: &Context,
    actor: &Actor,
    credit_code: &str,
) -> Result<Option<Vec<Condition>>, AppError> {
    if !may_read(actor) {
        return Ok(None);
    }
    let rows = repo::for_credit_code(&ctx.db, actor.tenant_id, credit_code).await?;
    Ok(in_force_for(actor, &rows, ctx.now()))
}

/// Filters of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// On the enterprise with this credit code.
    pub credit_code: Option<String>,
    /// On this case.
    pub case_id: Option<Uuid>,
    pub severity: Option<ConditionSeverity>,
    /// In force today (`true`) or not (`false`).
    pub in_force: Option<bool>,
}

/// A page of the county's conditions, newest first (officials).
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    filter: Filter,
    page: PageRequest,
) -> Result<Page<Condition>, AppError> {
    authorize(actor, Action::ReadConditions, Scope::tenant(actor.tenant_id))?;
    let credit_code = match filter.credit_code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(code) => Some(
            CreditCode::parse(code)
                .map_err(|e| AppError::field("credit_code", "credit_code", "统一社会信用代码不正确", &e.to_string()))?
                .as_str()
                .to_owned(),
        ),
    };
    let today = today(ctx.now());
    let store_filter = ConditionFilter {
        credit_code,
        case_id: filter.case_id,
        severity: filter.severity,
        in_force: filter.in_force.map(|f| (f, today)),
    };
    let page = repo::list(&ctx.db, actor.tenant_id, &store_filter, page.checked()?).await?;
    Ok(Page::from(page).map(|row| Condition::of(row, today)))
}

/// One condition of the county (officials).
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<Condition, AppError> {
    authorize(actor, Action::ReadConditions, Scope::tenant(actor.tenant_id))?;
    let row = repo::get(&ctx.db, actor.tenant_id, id).await?;
    Ok(Condition::of(row, today(ctx.now())))
}
