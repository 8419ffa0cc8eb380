//! `createCase` under load: closed-loop clients, each signed in as the demo county's
//! enterprise user, post applications for four catalog items (the shape of the API suite's
//! application) for a fixed time. Called from `run.rs` after the transitions when
//! `--create-case-secs` is above 0; the figures are progress lines on standard error.

use serde_json::{Value, json};
use std::time::Instant;

use crate::http::Api;
use crate::stats::{WriteResult, stats};

/// The application every client posts: the first four items of the county's catalog.
async fn application(api: &Api) -> anyhow::Result<Value> {
    let admin = api.login("admin").await?;
    let res = api.client.get(format!("{}/api/v1/items?limit=4", api.base)).bearer_auth(&admin).send().await?;
    let body: Value = res.json().await?;
    let items: Vec<Value> = body["items"]
        .as_array()
        .map(|a| a.iter().map(|i| json!({"catalog_item_id": i["id"]})).collect())
        .unwrap_or_default();
    anyhow::ensure!(!items.is_empty(), "the catalog has no items: {body}");
    Ok(json!({
        "project_name": "基准测试新建厂房项目",
        "industry_code": "C2662",
        "total_investment_fen": 12_000_000_000i64,
        "location": "工业园区",
        "agreement_signed_on": "2026-10-18",
        "brief": "基准测试用申请。",
        "contact_name": "基准联系人",
        "contact_phone": "13800000000",
        "items": items,
    }))
}

/// `clients` closed loops of `POST /api/v1/cases` for `secs` seconds.
pub async fn create_cases(base: &str, clients: usize, secs: u64) -> anyhow::Result<WriteResult> {
    let api = Api::new(base)?;
    let body = application(&api).await?;
    let token = api.login("enterprise").await?;
    let end = Instant::now() + std::time::Duration::from_secs(secs);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..clients {
        let api = Api::new(base)?;
        let (token, body) = (token.clone(), body.clone());
        tasks.spawn(async move {
            let (mut lat, mut errors, mut first_error) = (Vec::new(), 0u64, None);
            while Instant::now() < end {
                match api.post("/api/v1/cases", &token, &body).await {
                    Ok((201, t, _)) => lat.push(t),
                    Ok((status, _, text)) => {
                        errors += 1;
                        first_error.get_or_insert(format!("{status} {}", text.chars().take(300).collect::<String>()));
                        break;
                    }
                    Err(e) => {
                        errors += 1;
                        first_error.get_or_insert(e.to_string());
                        break;
                    }
                }
            }
            (lat, errors, first_error)
        });
    }
    let (mut all, mut errors, mut first_error) = (Vec::new(), 0, None);
    while let Some(r) = tasks.join_next().await {
        let (lat, e, f) = r?;
        all.extend(lat);
        errors += e;
        first_error = first_error.or(f);
    }
    let commands = all.len() as u64;
    Ok(WriteResult {
        clients,
        server_ms: None,
        commands,
        errors,
        per_sec: commands as f64 / started.elapsed().as_secs_f64(),
        lat: stats(all),
        first_error,
    })
}
