//! Intake: an application is created and edited as a draft, its items resolved against
//! the county's catalog (the version pinned) or taken as off-catalog items of a department.

use butler_domain::case::event_action::{CaseOperation, EventAction};
use butler_domain::case::history::GENESIS_HASH;
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::role::Role;
use butler_persistence::repo::cases::{self, NewCase, NewCaseItem};
use butler_persistence::repo::history::NewEvent;
use butler_persistence::repo::{departments, enterprises, history as history_repo, items, tenants};
use butler_persistence::{DatabaseTransaction, StoreError};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use crate::Context;
use crate::commands::*;
use crate::error::{AppError, FieldError};

use super::*;

/// Resolves requested items against the catalog (pinning the current version) or takes
/// them as off-catalog items of a department of this tenant.
pub(crate) async fn requested_items(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    wanted: &[RequestedItem],
) -> Result<Vec<NewCaseItem>, AppError> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    // The catalog items asked for, read together.
    let catalog_ids: Vec<Uuid> = wanted.iter().filter_map(|w| w.catalog_item_id).collect();
    let catalog = items::get_many(db, tenant_id, &catalog_ids).await?;
    for (i, w) in wanted.iter().enumerate() {
        match (w.catalog_item_id, &w.name, w.department_id) {
            (Some(id), _, _) => match catalog.get(&id) {
                Some(found) if !super::team_plan::in_force(found) => errors.push(FieldError::new(
                    format!("items[{i}].catalog_item_id"),
                    "item_not_in_force",
                    "请选择事项清单中的现行事项",
                    "choose an item version in force",
                )),
                Some(found) => out.push(from_catalog(found)),
                None => errors.push(FieldError::new(
                    format!("items[{i}].catalog_item_id"),
                    "unknown_item",
                    "事项清单中没有这个事项",
                    "no such catalog item",
                )),
            },
            (None, Some(name), Some(dept)) => match departments::get(db, tenant_id, dept).await {
                Ok(d) => out.push(off_catalog(name, d.id)),
                Err(StoreError::NotFound) => errors.push(FieldError::new(
                    format!("items[{i}].department_id"),
                    "unknown_department",
                    "没有这个部门",
                    "no such department",
                )),
                Err(e) => return Err(e.into()),
            },
            _ => errors.push(FieldError::new(
                format!("items[{i}]"),
                "item_incomplete",
                "请从事项清单选择，或填写清单外事项的名称和办理部门",
                "give a catalog item, or a name and a department",
            )),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(AppError::Validation(errors)) }
}

/// An item that is not in the catalog: a name and a department, everything else to be set
/// by the plan.
pub(crate) fn off_catalog(name: &str, department_id: Uuid) -> NewCaseItem {
    NewCaseItem {
        catalog_item_id: None,
        catalog_version: None,
        name: name.trim().to_owned(),
        department_id,
        stage: None,
        legal_limit: None,
        promised_limit: None,
        allows_tolerance: false,
        allows_commitment: false,
        max_extension_days: None,
        agent_id: None,
        materials: json!([]),
        missing_materials: json!([]),
        prerequisites: vec![],
    }
}

pub(crate) fn from_catalog(found: &items::ItemWithMaterials) -> NewCaseItem {
    let it = &found.item;
    let materials: Vec<serde_json::Value> = found
        .materials
        .iter()
        .map(|m| json!({"name": m.name, "required": m.required, "may_be_missing": m.may_be_missing}))
        .collect();
    NewCaseItem {
        catalog_item_id: Some(it.id),
        catalog_version: Some(it.version),
        name: it.name.clone(),
        department_id: it.department_id,
        stage: Some(it.stage.0),
        legal_limit: it.legal_limit.clone(),
        promised_limit: it.promised_limit.clone(),
        allows_tolerance: it.allows_tolerance,
        allows_commitment: it.allows_commitment,
        max_extension_days: it.max_extension_days,
        agent_id: None,
        materials: serde_json::Value::Array(materials),
        missing_materials: json!([]),
        prerequisites: vec![],
    }
}

/// Creates a draft application. An enterprise user applies for its own enterprise.
pub async fn create(ctx: &Context, actor: &Actor, input: &Application) -> Result<CaseBundle, AppError> {
    authorize(actor, Action::CreateApplication, Scope::tenant(actor.tenant_id))?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let bundle = create_in(ctx, &txn, actor, input, None).await?;
    crate::idempotency::mark_applied(&txn).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(bundle)
}

/// Where an application came from, when not straight from its applicant: named in its
/// first history event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// What it came from, e.g. `consultation`.
    pub source: &'static str,
    /// The reference its source is known by.
    pub reference: String,
}

/// [`create`] inside the caller's transaction (which commits it), for use cases that create
/// an application along with other changes; `origin` is recorded in the creation event.
pub(crate) async fn create_in(
    ctx: &Context,
    txn: &DatabaseTransaction,
    actor: &Actor,
    input: &Application,
    origin: Option<&Origin>,
) -> Result<CaseBundle, AppError> {
    authorize(actor, Action::CreateApplication, Scope::tenant(actor.tenant_id))?;
    let enterprise_id = match actor.role {
        Role::Enterprise => actor.enterprise_id.ok_or(AppError::Forbidden)?,
        _ => input.enterprise_id.ok_or_else(|| {
            AppError::field("enterprise_id", "required", "请选择申请企业", "the applying enterprise is required")
        })?,
    };
    let enterprise = enterprises::get(txn, actor.tenant_id, enterprise_id).await.map_err(|e| match e {
        StoreError::NotFound => {
            AppError::field("enterprise_id", "unknown_enterprise", "没有这个企业", "no such enterprise")
        }
        other => other.into(),
    })?;
    let wanted = requested_items(txn, actor.tenant_id, &input.items).await?;
    if let Some(code) = &input.project_code {
        super::project_code::check_free(txn, actor.tenant_id, None, code).await?;
    }
    let tenant = tenants::get(txn, actor.tenant_id).await?;
    let now = ctx.clock.now();
    let settings = crate::settings::load_in_force(txn, actor.tenant_id).await?.settings;
    let prefix = format!("{}-{}-", settings.number_prefix(&tenant.code), now.format("%Y"));
    let row = cases::create(
        txn,
        actor.tenant_id,
        &prefix,
        NewCase {
            enterprise_id: enterprise.id,
            project_name: input.project_name.trim().to_owned(),
            industry_code: input.industry_code.trim().to_owned(),
            investment_fen: input.total_investment_fen,
            location: input.location.trim().to_owned(),
            project_code: input.project_code.as_ref().map(|c| c.as_str().to_owned()),
            agreement_signed_on: input.agreement_signed_on,
            brief: input.brief.trim().to_owned(),
            contact_name: input.contact_name.trim().to_owned(),
            contact_phone: ctx
                .pii
                .seal(&input.contact_phone.chars().filter(|c| !c.is_whitespace()).collect::<String>()),
            created_by: actor.user_id,
        },
        GENESIS_HASH,
        now,
    )
    .await
    .map_err(super::project_code::taken_on_race)?;
    // A new case has no items to replace.
    let items = cases::insert_items(txn, actor.tenant_id, row.id, wanted, false).await?;
    let mut payload = json!({"project_name": row.project_name, "total_investment_fen": row.investment_fen, "items": input.items.len(), "project_code": row.project_code});
    if let Some(origin) = origin {
        payload[origin.source] = json!(origin.reference);
    }
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: EventAction::Create,
        sheet_id: None,
        from_state: None,
        to_state: Some(CaseState::Draft.code().to_owned()),
        payload,
    };
    let moved = history_repo::append(txn, actor.tenant_id, row.id, &head(&row), vec![event], now).await?;
    // The new case as written: no team and no sheets yet; only the conditions already on
    // its enterprise are read.
    let conditions = conditions::for_case(txn, actor.tenant_id, row.id, row.enterprise_id).await?;
    let mut case = row;
    case.chain_length = moved.length;
    case.chain_head = moved.hash;
    Ok(CaseBundle { case, items, team: Vec::new(), sheets: Vec::new(), conditions })
}

/// Edits a draft (or a returned) application.
pub async fn update(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    if_match: Option<i32>,
    patch: &ApplicationPatch,
) -> Result<CaseBundle, AppError> {
    let now = ctx.clock.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load_for_change(&txn, actor, id, now, butler_domain::case::frozen::CaseWrite::Edit).await?;
    authorize(actor, Action::EditApplication, Scope::tenant(actor.tenant_id))?;
    check_version(b.case.version, if_match)?;
    if b.case.state != CaseState::Draft {
        return Err(AppError::InvalidTransition {
            state: b.case.state.0.code().to_owned(),
            action: CaseOperation::Update.code().to_owned(),
            allowed: vec![],
        });
    }
    let mut c = b.case.clone();
    let mut changed = Vec::new();
    macro_rules! set {
        ($field:ident, $value:expr, $name:literal) => {
            if let Some(v) = $value {
                c.$field = v;
                changed.push($name);
            }
        };
    }
    set!(project_name, patch.project_name.as_ref().map(|s| s.trim().to_owned()), "project_name");
    set!(industry_code, patch.industry_code.as_ref().map(|s| s.trim().to_owned()), "industry_code");
    set!(investment_fen, patch.total_investment_fen, "total_investment_fen");
    set!(location, patch.location.as_ref().map(|s| s.trim().to_owned()), "location");
    set!(brief, patch.brief.as_ref().map(|s| s.trim().to_owned()), "brief");
    set!(contact_name, patch.contact_name.as_ref().map(|s| s.trim().to_owned()), "contact_name");
    set!(
        contact_phone,
        patch
            .contact_phone
            .as_ref()
            .map(|s| ctx.pii.seal(&s.chars().filter(|c| !c.is_whitespace()).collect::<String>())),
        "contact_phone"
    );
    if let Some(code) = &patch.project_code
        && c.project_code.as_deref() != Some(code.as_str())
    {
        super::project_code::check_free(&txn, actor.tenant_id, Some(id), code).await?;
        c.project_code = Some(code.as_str().to_owned());
        changed.push("project_code");
    }
    if let Some(d) = patch.agreement_signed_on {
        c.agreement_signed_on = Some(d);
        changed.push("agreement_signed_on");
    }
    if let Some(wanted) = &patch.items {
        let resolved = requested_items(&txn, actor.tenant_id, wanted).await?;
        cases::replace_items(&txn, actor.tenant_id, id, resolved, false).await?;
        changed.push("items");
    }
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: EventAction::Update,
        sheet_id: None,
        from_state: None,
        to_state: None,
        payload: json!({"changed": changed}),
    };
    save(&txn, c, b.case.version, vec![event], now).await.map_err(super::project_code::taken_on_conflict)?;
    let bundle = load(&txn, actor.tenant_id, id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(bundle)
}
