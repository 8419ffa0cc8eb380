//! `createCase` under load: the window (`window_agent`, who files applications on behalf of
//! enterprises) creates applications for enterprises that have none yet, from 16 clients at
//! once, for a fixed time.

use anyhow::anyhow;
use butler_domain::credit_code::CreditCode;
use butler_persistence::DatabaseConnection;
use butler_persistence::entity::enterprise;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};
use serde_json::json;
use std::time::Instant;
use uuid::Uuid;

use crate::http::Api;
use crate::stats::{WriteResult, stats};
use crate::world::World;

/// Registers `n` enterprises without cases (credit codes `91532326MB…` from `first` on, apart
/// from the loaded ones' `MA…`); returns their ids.
pub async fn fresh_enterprises(db: &DatabaseConnection, w: &World, first: u64, n: u64) -> anyhow::Result<Vec<Uuid>> {
    let now = Utc::now();
    let mut ids = Vec::with_capacity(n as usize);
    let mut rows = Vec::with_capacity(n as usize);
    for seq in first..first + n {
        let body = format!("91532326MB{seq:07}");
        let code = CreditCode::complete(&body).map_err(|e| anyhow!("credit code {body}: {e}"))?;
        let id = Uuid::now_v7();
        ids.push(id);
        rows.push(
            enterprise::Model {
                id,
                tenant_id: w.tenant_id,
                name: format!("基准申报企业 {seq:07} 有限公司"),
                credit_code: code.as_str().to_owned(),
                contact_name: "周晓明".into(),
                contact_phone: format!("137{:08}", seq % 100_000_000),
                address: Some("示例县金碧镇工业片区".into()),
                created_at: now - Duration::days(1),
            }
            .into_active_model()
            .reset_all(),
        );
    }
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(500));
        let chunk = std::mem::replace(&mut rows, rest);
        enterprise::Entity::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(ids)
}

/// The body of one application for `enterprise`, with three catalog items.
pub fn application(w: &World, enterprise: Uuid, n: usize) -> serde_json::Value {
    let items: Vec<_> =
        (0..3).map(|k| json!({"catalog_item_id": w.catalog[(n + k * 7) % w.catalog.len()].id})).collect();
    json!({
        "enterprise_id": enterprise,
        "project_name": format!("基准测试新建项目 {n}"),
        "industry_code": "C2662",
        "total_investment_fen": 6_000_000_000i64,
        "location": "示例县金碧镇工业片区",
        "brief": "新建生产线两条及配套设施。",
        "contact_name": "周晓明",
        "contact_phone": "13800000031",
        "items": items,
    })
}

/// `clients` clients create applications, each for its own enterprises of `enterprises` in
/// turn, for `secs` seconds; as `token` (the window).
pub async fn create_cases(
    base: &str,
    w: &World,
    token: &str,
    enterprises: &[Uuid],
    clients: usize,
    secs: u64,
) -> anyhow::Result<WriteResult> {
    let end = Instant::now() + std::time::Duration::from_secs(secs);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..clients {
        let api = Api::new(base)?;
        let token = token.to_owned();
        let mine: Vec<Uuid> = enterprises.iter().skip(c).step_by(clients.max(1)).copied().collect();
        let bodies: Vec<_> = mine.iter().enumerate().map(|(i, e)| application(w, *e, i * clients + c)).collect();
        tasks.spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0u64;
            let mut first_error = None;
            for body in bodies.iter().cycle() {
                if Instant::now() >= end {
                    break;
                }
                match api.post("/api/v1/cases", &token, body).await {
                    Ok((201, t, _)) => lat.push(t),
                    Ok((status, _, text)) => {
                        errors += 1;
                        first_error.get_or_insert(format!(
                            "createCase: {status} {}",
                            text.chars().take(300).collect::<String>()
                        ));
                    }
                    Err(e) => {
                        errors += 1;
                        first_error.get_or_insert(format!("createCase: {e}"));
                    }
                }
            }
            (lat, errors, first_error)
        });
    }
    let mut all = Vec::new();
    let mut errors = 0;
    let mut first_error = None;
    while let Some(r) = tasks.join_next().await {
        let (lat, e, f) = r?;
        all.extend(lat);
        errors += e;
        if first_error.is_none() {
            first_error = f;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let commands = all.len() as u64;
    Ok(WriteResult {
        clients,
        server_ms: None,
        commands,
        errors,
        per_sec: commands as f64 / elapsed,
        lat: stats(all),
        first_error,
    })
}
