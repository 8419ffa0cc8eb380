//! The enterprise's engagements of agencies for its plan items: the agencies it may choose
//! from, its choice (or the window's record of its written choice), a change before delivery,
//! the delivery and result (the office or the case's lead agent), and its rating. Each write
//! appends to the case's history in the same transaction; a closed case refuses them all.

use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::case::event_action::EventAction;
use butler_domain::case::team::TeamRole;
use butler_domain::intermediary::engagement::{self as rules, Chooser, EngagementState};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::role::Role;
use butler_persistence::repo::cases::CaseItemRow;
use butler_persistence::repo::history::{self as history_repo, NewEvent};
use butler_persistence::repo::intermediaries::{self as repo, EngagementRow, NewEngagement};
use chrono::NaiveDate;
use serde_json::json;
use uuid::Uuid;

use super::agencies::today;
use super::{Agency, Engagement, Names, engagement, refusal};
use crate::Context;
use crate::cases::{CaseBundle, calendar, check_version, check_visible, head, load, load_for_change};
use crate::error::{AppError, FieldError};

/// The enterprise's choice.
#[derive(Debug, Clone)]
pub struct ChoiceInput {
    /// The agency's service chosen.
    pub service_id: Uuid,
    /// Required when an official records the enterprise's written choice.
    pub on_behalf_note: Option<String>,
    /// Required when it replaces the item's current choice of that kind.
    pub reason: Option<String>,
    pub promised_delivery: Option<NaiveDate>,
}

/// The agency's delivery and result.
#[derive(Debug, Clone)]
pub struct DeliveryInput {
    pub actual_delivery: NaiveDate,
    /// Set or corrected with the delivery.
    pub promised_delivery: Option<NaiveDate>,
    pub report_name: String,
    pub report_number: String,
    pub conclusion: String,
}

/// The enterprise's rating.
#[derive(Debug, Clone)]
pub struct RatingInput {
    pub level: EvaluationLevel,
    pub comment: Option<String>,
}

/// An agency the enterprise may choose for a plan item, and which of its services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EligibleAgency {
    pub agency: Agency,
    pub service_ids: Vec<Uuid>,
}

fn closed_refusal(b: &CaseBundle, action: &str) -> Result<(), AppError> {
    if b.case.state.0.is_closed() {
        return Err(AppError::InvalidTransition {
            state: b.case.state.0.code().to_owned(),
            action: action.to_owned(),
            allowed: vec![],
        });
    }
    Ok(())
}

fn item(b: &CaseBundle, item_id: Uuid) -> Result<&CaseItemRow, AppError> {
    b.items.iter().find(|i| i.id == item_id).ok_or(AppError::NotFound)
}

async fn item_code(db: &impl sea_orm::ConnectionTrait, item: &CaseItemRow) -> Result<Option<String>, AppError> {
    match item.catalog_item_id {
        Some(id) => Ok(repo::item_code(db, id).await?),
        None => Ok(None),
    }
}

/// The agencies offered for `item_code` today: active, serving the item, and holding a
/// qualification in force of the service's kind.
async fn offered(
    db: &impl sea_orm::ConnectionTrait,
    tenant_id: Uuid,
    item_code: &str,
    today: NaiveDate,
) -> Result<Vec<EligibleAgency>, AppError> {
    let details = repo::serving_item(db, tenant_id, item_code).await?;
    Ok(details
        .into_iter()
        .map(|d| Agency::of(d, today))
        .filter_map(|agency| {
            let service_ids = agency.facts().eligible_services(item_code, today);
            (!service_ids.is_empty()).then_some(EligibleAgency { agency, service_ids })
        })
        .collect())
}

/// The agencies the enterprise may choose from for one of its case's plan items.
pub async fn eligible(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    item_id: Uuid,
) -> Result<Vec<EligibleAgency>, AppError> {
    let b = load(&ctx.db, actor.tenant_id, case_id).await?;
    check_visible(actor, &b)?;
    authorize(actor, Action::ReadIntermediaries, Scope::tenant(actor.tenant_id))?;
    let Some(code) = item_code(&ctx.db, item(&b, item_id)?).await? else { return Ok(Vec::new()) };
    offered(&ctx.db, actor.tenant_id, &code, today(ctx, actor.tenant_id).await?).await
}

/// The case's engagements, oldest choice first (replaced ones included, for the record).
pub async fn list(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<Vec<Engagement>, AppError> {
    let b = load(&ctx.db, actor.tenant_id, case_id).await?;
    check_visible(actor, &b)?;
    let rows = repo::for_case(&ctx.db, actor.tenant_id, case_id).await?;
    views(&ctx.db, &b, rows).await
}

pub(crate) async fn views(
    db: &impl sea_orm::ConnectionTrait,
    b: &CaseBundle,
    rows: Vec<EngagementRow>,
) -> Result<Vec<Engagement>, AppError> {
    let agencies = repo::agencies_by_id(db, rows.iter().map(|r| r.agency_id).collect()).await?;
    let services = repo::services_by_id(db, rows.iter().map(|r| r.service_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let item = b.items.iter().find(|i| i.id == r.case_item_id).map_or("", |i| i.name.as_str());
            let agency = agencies.iter().find(|a| a.id == r.agency_id).map_or(("", ""), |a| (&a.name, &a.credit_code));
            let service = services.iter().find(|s| s.id == r.service_id).map_or("", |s| s.name.as_str());
            engagement(r, Names { item, agency, service })
        })
        .collect())
}

fn chooser(actor: &Actor) -> Chooser {
    match actor.role {
        Role::Enterprise => Chooser::Enterprise,
        Role::WindowAgent | Role::Office => Chooser::Official,
        _ => Chooser::Other,
    }
}

fn not_offered() -> AppError {
    AppError::Validation(vec![FieldError::new(
        "service_id",
        "not_offered",
        "该中介服务不能用于此事项（机构已暂停、资质已过期或不服务此事项）",
        "this service is not offered for the item (agency suspended, qualification expired, or not serving the item)",
    )])
}

async fn one(b: &CaseBundle, db: &impl sea_orm::ConnectionTrait, id: Uuid) -> Result<Engagement, AppError> {
    let rows: Vec<EngagementRow> =
        repo::for_case(db, b.case.tenant_id, b.case.id).await?.into_iter().filter(|r| r.id == id).collect();
    views(db, b, rows).await?.pop().ok_or(AppError::NotFound)
}

/// Records the enterprise's choice of an agency's service for a plan item; with `reason`,
/// replaces the item's current choice of that service kind (before its delivery only).
pub async fn choose(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    item_id: Uuid,
    input: ChoiceInput,
) -> Result<Engagement, AppError> {
    let now = ctx.now();
    let today = today(ctx, actor.tenant_id).await?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load_for_change(&txn, actor, case_id, now, butler_domain::case::frozen::CaseWrite::Intermediary).await?;
    let scope = Scope { enterprise_id: Some(b.case.enterprise_id), ..Scope::tenant(actor.tenant_id) };
    authorize(actor, Action::ChooseIntermediary, scope)?;
    closed_refusal(&b, "choose_intermediary")?;
    let item = item(&b, item_id)?.clone();
    let service = repo::service(&txn, actor.tenant_id, input.service_id).await.map_err(|_| not_offered())?;
    let code = item_code(&txn, &item).await?.ok_or_else(not_offered)?;
    let offer = offered(&txn, actor.tenant_id, &code, today).await?;
    let Some(agency) = offer.iter().find(|o| o.service_ids.contains(&service.id)).map(|o| &o.agency) else {
        return Err(not_offered());
    };
    let existing = repo::for_case(&txn, actor.tenant_id, case_id).await?;
    let kinds = repo::services_by_id(&txn, existing.iter().map(|e| e.service_id).collect()).await?;
    let current = existing.into_iter().find(|e| {
        e.case_item_id == item.id
            && e.state.0.is_active()
            && kinds.iter().any(|s| s.id == e.service_id && s.kind == service.kind)
    });
    let record = rules::choose(
        chooser(actor),
        input.on_behalf_note.as_deref(),
        current.as_ref().map(|c| (c.state.0, c.service_id == service.id)),
        input.reason.as_deref(),
    )
    .map_err(refusal)?;
    if let Some(promised) = input.promised_delivery {
        rules::check_promised(today, promised).map_err(refusal)?;
    }
    let previous = match current {
        Some(mut old) if record.change_reason.is_some() => {
            old.state = EngagementState::Replaced.into();
            old.replaced_at = Some(now);
            old.version += 1;
            old.updated_at = now;
            repo::save_engagement(&txn, &old).await?;
            Some(old)
        }
        _ => None,
    };
    let row = repo::create_engagement(
        &txn,
        NewEngagement {
            tenant_id: actor.tenant_id,
            case_id,
            case_item_id: item.id,
            agency_id: agency.id,
            service_id: service.id,
            chosen_by: actor.user_id,
            on_behalf_note: record.on_behalf_note.clone(),
            change_reason: record.change_reason.clone(),
            promised_delivery: input.promised_delivery,
        },
        now,
    )
    .await?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: if previous.is_some() { EventAction::IntermediaryChanged } else { EventAction::IntermediaryChosen },
        sheet_id: None,
        from_state: previous.as_ref().map(|_| EngagementState::Replaced.code().to_owned()),
        to_state: Some(EngagementState::Chosen.code().to_owned()),
        payload: json!({
            "engagement_id": row.id, "item_id": item.id, "item": item.name,
            "agency_id": agency.id, "agency": agency.name, "service_id": service.id, "service": service.name,
            "kind": service.kind.0.code(), "on_behalf_note": record.on_behalf_note,
            "reason": record.change_reason, "previous_engagement_id": previous.as_ref().map(|p| p.id),
            "previous_agency_id": previous.as_ref().map(|p| p.agency_id),
        }),
    };
    history_repo::append(&txn, b.case.tenant_id, b.case.id, &head(&b.case), vec![event], now).await?;
    let out = one(&b, &txn, row.id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(out)
}

async fn engagement_of(
    txn: &sea_orm::DatabaseTransaction,
    tenant_id: Uuid,
    case_id: Uuid,
    id: Uuid,
) -> Result<EngagementRow, AppError> {
    repo::for_case(txn, tenant_id, case_id).await?.into_iter().find(|e| e.id == id).ok_or(AppError::NotFound)
}

/// Records the agency's delivery and result: the office, or the case's lead agent.
pub async fn deliver(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    id: Uuid,
    if_match: Option<i32>,
    input: DeliveryInput,
) -> Result<Engagement, AppError> {
    let now = ctx.now();
    let cal = calendar(ctx, actor.tenant_id).await?;
    let today = cal.local_date(now);
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load_for_change(&txn, actor, case_id, now, butler_domain::case::frozen::CaseWrite::Intermediary).await?;
    authorize(actor, Action::RecordIntermediaryDelivery, Scope::tenant(actor.tenant_id))?;
    let lead = b.team.iter().any(|m| m.user_id == actor.user_id && m.team_role.0 == TeamRole::LeadAgent);
    if actor.role != Role::Office && !lead {
        return Err(AppError::Forbidden);
    }
    closed_refusal(&b, "record_intermediary_delivery")?;
    let mut row = engagement_of(&txn, actor.tenant_id, case_id, id).await?;
    check_version(row.version, if_match)?;
    let chosen_on = cal.local_date(row.chosen_at);
    let to = rules::deliver(row.state.0, chosen_on, input.actual_delivery, today).map_err(refusal)?;
    if let Some(promised) = input.promised_delivery {
        rules::check_promised(chosen_on, promised).map_err(refusal)?;
        row.promised_delivery = Some(promised);
    }
    let from = row.state.0;
    row.state = to.into();
    row.actual_delivery = Some(input.actual_delivery);
    row.delivered_by = Some(actor.user_id);
    row.report_name = Some(input.report_name.trim().to_owned());
    row.report_number = Some(input.report_number.trim().to_owned());
    row.conclusion = Some(input.conclusion.trim().to_owned());
    row.version += 1;
    row.updated_at = now;
    repo::save_engagement(&txn, &row).await?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: EventAction::IntermediaryDelivered,
        sheet_id: None,
        from_state: Some(from.code().to_owned()),
        to_state: Some(to.code().to_owned()),
        payload: json!({
            "engagement_id": row.id, "item_id": row.case_item_id, "agency_id": row.agency_id,
            "promised_delivery": row.promised_delivery, "actual_delivery": row.actual_delivery,
            "report_name": row.report_name, "report_number": row.report_number, "conclusion": row.conclusion,
        }),
    };
    history_repo::append(&txn, b.case.tenant_id, b.case.id, &head(&b.case), vec![event], now).await?;
    let out = one(&b, &txn, row.id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(out)
}

/// The enterprise rates the agency's delivered work, once, in the five 好差评 levels.
pub async fn rate(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    id: Uuid,
    if_match: Option<i32>,
    input: RatingInput,
) -> Result<Engagement, AppError> {
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load_for_change(&txn, actor, case_id, now, butler_domain::case::frozen::CaseWrite::Intermediary).await?;
    let scope = Scope { enterprise_id: Some(b.case.enterprise_id), ..Scope::tenant(actor.tenant_id) };
    authorize(actor, Action::RateIntermediary, scope)?;
    closed_refusal(&b, "rate_intermediary")?;
    let mut row = engagement_of(&txn, actor.tenant_id, case_id, id).await?;
    check_version(row.version, if_match)?;
    let to = rules::rate(row.state.0, input.level, input.comment.as_deref()).map_err(refusal)?;
    let from = row.state.0;
    row.state = to.into();
    row.rating = Some(input.level.into());
    row.rating_comment = input.comment.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
    row.rated_at = Some(now);
    row.version += 1;
    row.updated_at = now;
    repo::save_engagement(&txn, &row).await?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: EventAction::IntermediaryRated,
        sheet_id: None,
        from_state: Some(from.code().to_owned()),
        to_state: Some(to.code().to_owned()),
        payload: json!({
            "engagement_id": row.id, "item_id": row.case_item_id, "agency_id": row.agency_id,
            "level": input.level.code(), "comment": row.rating_comment,
        }),
    };
    history_repo::append(&txn, b.case.tenant_id, b.case.id, &head(&b.case), vec![event], now).await?;
    let out = one(&b, &txn, row.id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(out)
}
