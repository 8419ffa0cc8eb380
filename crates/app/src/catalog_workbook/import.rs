//! Importing the catalog workbook in one transaction.

use std::collections::HashMap;

use butler_domain::calendar::TIME_ZONE;
use butler_domain::catalog::ItemStatus;
use butler_domain::catalog::template::{
    self, ImportOutcome, ParsedItem, TemplateError, TemplateItem, TemplateMaterial, TemplateText,
};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::time_limit::TimeLimit;
use butler_persistence::repo::departments;
use butler_persistence::repo::item_versions;
use butler_persistence::repo::items::{ItemWithMaterials, NewItem, NewMaterial};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::read::workbook_text;
use crate::Context;
use crate::error::{AppError, FieldError};

/// How to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Put the written versions in force at once (else they stay drafts).
    pub publish: bool,
    /// Only answer what would happen.
    pub dry_run: bool,
}

/// What happened (or would) to one item of the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedItem {
    pub code: String,
    pub name: String,
    pub outcome: ImportOutcome,
    /// The item's version the import leaves standing (its draft, else the version in force).
    pub version: i32,
    pub status: ItemStatus,
}

/// What an import did (or would do), item by item in the workbook's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub dry_run: bool,
    pub publish: bool,
    pub items: Vec<ImportedItem>,
}

impl ImportReport {
    /// How many items had `outcome`.
    pub fn count(&self, outcome: ImportOutcome) -> usize {
        self.items.iter().filter(|i| i.outcome == outcome).count()
    }
}

/// The workbook's problems as field errors: the field is `sheet/row/column`.
pub fn template_errors(errors: Vec<TemplateError>) -> AppError {
    AppError::Validation(errors.iter().map(|e| FieldError::new(e.path(), e.code(), e.zh(), e.en())).collect())
}

fn limit(text: Option<&str>) -> Option<TimeLimit> {
    text.and_then(|t| TimeLimit::parse(t).ok().flatten())
}

/// A stored version in the template's terms.
pub(crate) fn template_of_row(row: &ItemWithMaterials, department_code: &str) -> TemplateItem {
    let i = &row.item;
    TemplateItem {
        code: i.code.clone(),
        name: i.name.clone(),
        stage: i.stage.0,
        department_code: department_code.to_owned(),
        legal_basis: i.legal_basis.clone(),
        acceptance_conditions: i.acceptance_conditions.clone(),
        legal_limit: limit(i.legal_limit.as_deref()),
        promised_limit: limit(i.promised_limit.as_deref()),
        allows_tolerance: i.allows_tolerance,
        allows_commitment: i.allows_commitment,
        max_extension_days: i.max_extension_days.and_then(|d| u32::try_from(d).ok()),
        legal_fees: i.legal_fees.clone(),
        fee_basis: i.fee_basis.clone(),
        intermediary_services: i.intermediary_services.clone(),
        process: i.process.clone(),
        result_name: i.result_name.clone(),
        consultation_phone: i.consultation_phone.clone(),
        complaint_phone: i.complaint_phone.clone(),
        supervision_phone: i.supervision_phone.clone(),
        source: i.source.clone(),
        source_note: i.source_note.clone(),
        materials: row
            .materials
            .iter()
            .map(|m| TemplateMaterial {
                name: m.name.clone(),
                required: m.required,
                may_be_missing: m.may_be_missing,
                sample: m.sample.clone(),
                note: m.note.clone(),
            })
            .collect(),
    }
}

/// The version to write (a draft; publishing is a separate step).
fn new_item(item: &TemplateItem, department_id: Uuid) -> NewItem {
    NewItem {
        code: item.code.clone(),
        status: ItemStatus::Draft,
        valid_from: None,
        name: item.name.clone(),
        department_id,
        stage: item.stage,
        legal_basis: item.legal_basis.clone(),
        legal_limit: item.legal_limit.map(|l| l.to_string()),
        promised_limit: item.promised_limit.map(|l| l.to_string()),
        allows_tolerance: item.allows_tolerance,
        allows_commitment: item.allows_commitment,
        max_extension_days: item.max_extension_days.and_then(|d| i32::try_from(d).ok()),
        legal_fees: item.legal_fees.clone(),
        fee_basis: item.fee_basis.clone(),
        result_name: item.result_name.clone(),
        acceptance_conditions: item.acceptance_conditions.clone(),
        intermediary_services: item.intermediary_services.clone(),
        process: item.process.clone(),
        consultation_phone: item.consultation_phone.clone(),
        complaint_phone: item.complaint_phone.clone(),
        supervision_phone: item.supervision_phone.clone(),
        source: item.source.clone(),
        source_note: item.source_note.clone(),
        materials: item
            .materials
            .iter()
            .map(|m| NewMaterial {
                name: m.name.clone(),
                required: m.required,
                may_be_missing: m.may_be_missing,
                sample: m.sample.clone(),
                note: m.note.clone(),
            })
            .collect(),
    }
}

/// Imports one item; returns what happened.
async fn import_one(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    parsed: &ParsedItem,
    department_id: Uuid,
    codes: &HashMap<Uuid, String>,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportedItem, AppError> {
    let item = &parsed.item;
    let versions = item_versions::versions(db, tenant_id, &item.code).await?;
    let draft = versions.iter().find(|v| v.item.status.0 == ItemStatus::Draft);
    let current = versions.iter().find(|v| v.item.current);
    let standing = draft.or(current);
    let standing_item = standing.map(|s| {
        let code = codes.get(&s.item.department_id).map(String::as_str).unwrap_or_default();
        template_of_row(s, code)
    });
    let outcome = template::outcome(standing_item.as_ref(), item);
    let next_version = versions.first().map_or(1, |v| v.item.version + 1);
    let publish_status = if options.publish { ItemStatus::Published } else { ItemStatus::Draft };
    let today = now.with_timezone(&TIME_ZONE).date_naive();
    let report = |version: i32, status: ItemStatus| ImportedItem {
        code: item.code.clone(),
        name: item.name.clone(),
        outcome,
        version,
        status,
    };
    let written = match (outcome, draft) {
        (ImportOutcome::Unchanged, None) => {
            let version = current.map_or(next_version, |c| c.item.version);
            return Ok(report(version, ItemStatus::Published));
        }
        (ImportOutcome::Unchanged, Some(d)) => (d.item.id, d.item.version),
        (_, Some(d)) => {
            if !options.dry_run {
                item_versions::replace_draft(
                    db,
                    tenant_id,
                    d.item.id,
                    d.item.revision,
                    new_item(item, department_id),
                    now,
                )
                .await?;
            }
            (d.item.id, d.item.version)
        }
        (_, None) if options.dry_run => (Uuid::nil(), next_version),
        (_, None) => {
            let row = item_versions::add_version(db, tenant_id, new_item(item, department_id), now).await?;
            (row.id, row.version)
        }
    };
    let (id, version) = written;
    if options.publish && !options.dry_run {
        item_versions::publish(db, tenant_id, id, today, now).await?;
    }
    Ok(report(version, publish_status))
}

/// Checks the workbook's text and imports it into the tenant's catalog through `db` (the
/// caller's transaction): nothing is written unless every row is right. For the CLI and the
/// demo loader, which act for the county itself; users go through [`import_workbook`].
pub async fn import_items(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    text: &TemplateText,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportReport, AppError> {
    let all = departments::all(db, tenant_id).await?;
    let ids: HashMap<&str, Uuid> = all.iter().map(|d| (d.code.as_str(), d.id)).collect();
    let codes: HashMap<Uuid, String> = all.iter().map(|d| (d.id, d.code.clone())).collect();
    let parsed = template::parse(text, |code| ids.contains_key(code)).map_err(template_errors)?;
    let mut items = Vec::with_capacity(parsed.len());
    for p in &parsed {
        let department_id = ids.get(p.item.department_code.as_str()).copied().ok_or(AppError::NotFound)?;
        items.push(import_one(db, tenant_id, p, department_id, &codes, options, now).await?);
    }
    Ok(ImportReport { dry_run: options.dry_run, publish: options.publish, items })
}

/// Imports the workbook `bytes` (the office and the admin), all or nothing in one
/// transaction; a dry run writes nothing.
pub async fn import_workbook(
    ctx: &Context,
    actor: &Actor,
    bytes: &[u8],
    options: ImportOptions,
) -> Result<ImportReport, AppError> {
    authorize(actor, Action::ImportCatalog, Scope::tenant(actor.tenant_id))?;
    let text = workbook_text(bytes)?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let report = import_items(&txn, actor.tenant_id, &text, options, ctx.now()).await?;
    if options.dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    Ok(report)
}
