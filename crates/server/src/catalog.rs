//! Imports an approval-item catalog from CSV (the format of `data/demo/catalog.csv`).
//!
//! The whole file is checked first; one bad row refuses the file and names every bad row,
//! so a catalog is never half-loaded.

use butler_domain::catalog::{ItemStatus, Stage, split_materials};
use butler_domain::time_limit::{TimeLimit, promise_within_legal};
use butler_persistence::repo::departments;
use butler_persistence::repo::items::{self, NewItem, NewMaterial};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Deserialize)]
struct Row {
    code: String,
    stage: String,
    item_name: String,
    department_code: String,
    legal_basis: String,
    materials: String,
    legal_limit: String,
    promised_limit: String,
    source: String,
    source_note: String,
}

/// Why a catalog file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("catalog file: {0}")]
    Csv(#[from] csv::Error),
    #[error("catalog rows refused:\n{}", .0.join("\n"))]
    Rows(Vec<String>),
    #[error(transparent)]
    Store(#[from] butler_persistence::StoreError),
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn parse_limit(line: usize, column: &str, text: &str, errors: &mut Vec<String>) -> Option<TimeLimit> {
    match TimeLimit::parse(text) {
        Ok(limit) => limit,
        Err(e) => {
            errors.push(format!("line {line}: {column}: {e}"));
            None
        }
    }
}

/// Reads and checks every row, then inserts them all. Returns the number of items added.
pub async fn import_csv(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    data: &[u8],
    now: DateTime<Utc>,
) -> Result<usize, ImportError> {
    let depts: HashMap<String, Uuid> =
        departments::all(db, tenant_id).await?.into_iter().map(|d| (d.code, d.id)).collect();
    let mut reader = csv::Reader::from_reader(data);
    let mut errors = Vec::new();
    let mut new_items = Vec::new();
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        let line = i + 2;
        let row = row?;
        let stage = Stage::from_catalog_text(&row.stage).or_else(|| row.stage.trim().parse().ok());
        if stage.is_none() {
            errors.push(format!("line {line}: stage `{}` is not a known stage", row.stage));
        }
        let department = depts.get(row.department_code.trim()).copied();
        if department.is_none() {
            errors.push(format!("line {line}: no department with code `{}`", row.department_code));
        }
        if row.item_name.trim().is_empty() || row.code.trim().is_empty() {
            errors.push(format!("line {line}: code and item_name are required"));
        }
        let legal = parse_limit(line, "legal_limit", &row.legal_limit, &mut errors);
        let promised = parse_limit(line, "promised_limit", &row.promised_limit, &mut errors);
        if let (Some(p), Some(l)) = (promised, legal)
            && let Err(e) = promise_within_legal(p, l)
        {
            errors.push(format!("line {line}: {e}"));
        }
        if let (Some(stage), Some(department_id)) = (stage, department) {
            new_items.push(NewItem {
                code: row.code.trim().to_owned(),
                status: ItemStatus::Published,
                valid_from: Some(now.date_naive()),
                name: row.item_name.trim().to_owned(),
                department_id,
                stage,
                legal_basis: opt(&row.legal_basis),
                legal_limit: legal.map(|l| l.to_string()),
                promised_limit: promised.map(|p| p.to_string()),
                allows_tolerance: false,
                allows_commitment: false,
                max_extension_days: None,
                legal_fees: None,
                fee_basis: None,
                result_name: None,
                acceptance_conditions: None,
                intermediary_services: None,
                process: None,
                consultation_phone: None,
                complaint_phone: None,
                supervision_phone: None,
                source: opt(&row.source),
                source_note: opt(&row.source_note),
                materials: split_materials(&row.materials)
                    .into_iter()
                    .map(|name| NewMaterial { name, required: true, may_be_missing: false, sample: None, note: None })
                    .collect(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::Rows(errors));
    }
    let count = new_items.len();
    for item in new_items {
        items::create(db, tenant_id, item, now).await?;
    }
    Ok(count)
}
