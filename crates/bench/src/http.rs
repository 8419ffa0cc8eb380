//! The benchmark's HTTP clients against the real server: sign-in, `getCase` under load, sheet
//! transitions, the supervision statistics, and the server's own timings from `/metrics`.

use anyhow::{anyhow, bail};
use butler_server::demo;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Instant;
use uuid::Uuid;

use crate::PASSWORD;
use crate::stats::{Stats, WriteResult, ms, stats};
use crate::world::World;

/// A client of the API at `base`.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub client: reqwest::Client,
}

impl Api {
    pub fn new(base: &str) -> anyhow::Result<Api> {
        Ok(Api { base: base.to_owned(), client: reqwest::Client::builder().build()? })
    }

    pub async fn login(&self, username: &str) -> anyhow::Result<String> {
        let res = self
            .client
            .post(format!("{}/api/v1/auth/login", self.base))
            .json(&json!({"tenant": demo::DEMO_COUNTY.code, "username": username, "password": PASSWORD}))
            .send()
            .await?;
        let status = res.status();
        let body: Value = res.json().await?;
        body["access_token"].as_str().map(str::to_owned).ok_or_else(|| anyhow!("login {username}: {status} {body}"))
    }

    /// GET, reading the whole body; (status, milliseconds).
    pub async fn get(&self, path: &str, token: &str) -> anyhow::Result<(u16, f64)> {
        let t = Instant::now();
        let res = self.client.get(format!("{}{path}", self.base)).bearer_auth(token).send().await?;
        let status = res.status().as_u16();
        let _ = res.bytes().await?;
        Ok((status, ms(t.elapsed())))
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> anyhow::Result<(u16, f64, String)> {
        let t = Instant::now();
        let res = self.client.post(format!("{}{path}", self.base)).bearer_auth(token).json(body).send().await?;
        let status = res.status().as_u16();
        let text = res.text().await?;
        Ok((status, ms(t.elapsed()), text))
    }
}

/// (count, seconds) served so far on `routes` (matched patterns), from `/metrics`.
async fn served(api: &Api, routes: &[&str]) -> anyhow::Result<(f64, f64)> {
    let text = api.client.get(format!("{}/metrics", api.base)).send().await?.text().await?;
    let (mut count, mut sum) = (0.0, 0.0);
    for line in text.lines() {
        let Some((key, value)) = line.rsplit_once(' ') else { continue };
        if !routes.iter().any(|r| key.contains(&format!("route=\"{r}\"")) && key.contains("status=\"200\"")) {
            continue;
        }
        let value: f64 = value.parse().unwrap_or(0.0);
        if key.starts_with("butler_http_request_duration_seconds_sum") {
            sum += value;
        } else if key.starts_with("butler_http_request_duration_seconds_count") {
            count += value;
        }
    }
    Ok((count, sum))
}

/// Mean server-side milliseconds per request between two `served` readings.
fn server_mean(before: (f64, f64), after: (f64, f64)) -> f64 {
    let n = after.0 - before.0;
    if n > 0.0 { (after.1 - before.1) * 1000.0 / n } else { 0.0 }
}

/// Access tokens of `office` and of each department's agent (in `World::depts` order).
pub struct Tokens {
    pub office: String,
    pub by_dept: Vec<String>,
}

pub async fn sign_in(api: &Api, w: &World) -> anyhow::Result<Tokens> {
    let office = api.login("office").await?;
    let mut by_dept = Vec::new();
    for d in &w.depts {
        by_dept.push(api.login(&format!("agent-{}", d.code)).await?);
    }
    Ok(Tokens { office, by_dept })
}

/// A closed-loop `getCase` run.
pub struct LoadResult {
    pub clients: usize,
    /// Mean time inside the server (its request metrics), warm-up included.
    pub server_ms: f64,
    pub secs: f64,
    pub lat: Stats,
    pub errors: u64,
    pub throughput: f64,
}

/// `clients` clients read random cases of `ids` for `secs` seconds after 2 s of warm-up.
pub async fn get_case_load(
    base: &str,
    token: &str,
    ids: Arc<Vec<Uuid>>,
    clients: usize,
    secs: u64,
) -> anyhow::Result<LoadResult> {
    let probe = Api::new(base)?;
    let before = served(&probe, &["/api/v1/cases/{id}"]).await?;
    let warmup = std::time::Duration::from_secs(2);
    let started = Instant::now();
    let measure_from = started + warmup;
    let end = measure_from + std::time::Duration::from_secs(secs);
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..clients {
        let api = Api::new(base)?;
        let token = token.to_owned();
        let ids = ids.clone();
        tasks.spawn(async move {
            let mut rng = SmallRng::seed_from_u64(c as u64 + 1);
            let mut lat = Vec::new();
            let mut errors = 0u64;
            loop {
                let now = Instant::now();
                if now >= end {
                    break;
                }
                let id = ids[rng.random_range(0..ids.len())];
                match api.get(&format!("/api/v1/cases/{id}"), &token).await {
                    Ok((200, t)) if now >= measure_from => lat.push(t),
                    Ok((200, _)) => {}
                    _ => errors += 1,
                }
            }
            (lat, errors)
        });
    }
    let mut all = Vec::new();
    let mut errors = 0;
    while let Some(r) = tasks.join_next().await {
        let (lat, e) = r?;
        all.extend(lat);
        errors += e;
    }
    let n = all.len();
    let server_ms = server_mean(before, served(&probe, &["/api/v1/cases/{id}"]).await?);
    Ok(LoadResult {
        clients,
        server_ms,
        secs: secs as f64,
        lat: stats(all),
        errors,
        throughput: n as f64 / secs as f64,
    })
}

/// Each client acknowledges and finishes the dispatched sheets of its list, for `secs` seconds.
pub async fn transitions(
    base: &str,
    tokens: &Tokens,
    work: Vec<Vec<(Uuid, usize)>>,
    secs: u64,
) -> anyhow::Result<WriteResult> {
    let clients = work.len();
    let probe = Api::new(base)?;
    let before = served(&probe, &["/api/v1/tasks/{id}/acknowledge", "/api/v1/tasks/{id}/finish"]).await?;
    let end = Instant::now() + std::time::Duration::from_secs(secs);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (i, list) in work.into_iter().enumerate() {
        let api = Api::new(base)?;
        let tokens: Vec<String> = tokens.by_dept.clone();
        tasks.spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0u64;
            let mut first_error = None;
            let finish = json!({"outcome": "approved", "document_number": format!("姚基准〔2026〕{i}号")});
            'outer: for (sheet, dept) in list {
                for (path, body) in [("acknowledge", json!({})), ("finish", finish.clone())] {
                    if Instant::now() >= end {
                        break 'outer;
                    }
                    match api.post(&format!("/api/v1/tasks/{sheet}/{path}"), &tokens[dept], &body).await {
                        Ok((200, t, _)) => lat.push(t),
                        Ok((status, _, text)) => {
                            errors += 1;
                            first_error.get_or_insert(format!(
                                "{path}: {status} {}",
                                text.chars().take(300).collect::<String>()
                            ));
                            break;
                        }
                        Err(e) => {
                            errors += 1;
                            first_error.get_or_insert(format!("{path}: {e}"));
                            break;
                        }
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
    let server_ms = Some(server_mean(
        before,
        served(&probe, &["/api/v1/tasks/{id}/acknowledge", "/api/v1/tasks/{id}/finish"]).await?,
    ));
    Ok(WriteResult {
        clients,
        server_ms,
        commands,
        errors,
        per_sec: commands as f64 / elapsed,
        lat: stats(all),
        first_error,
    })
}

/// `getSheetStatistics` over HTTP: the county by department, the county by agent, and the
/// busiest department by agent, each `requests` times after a warm-up.
pub async fn measure_statistics(
    api: &Api,
    tokens: &Tokens,
    w: &World,
    busiest: usize,
    requests: usize,
) -> anyhow::Result<Vec<(String, Stats)>> {
    let dept = &w.depts[busiest];
    let cases = [
        ("county, by department".to_owned(), "/api/v1/statistics/sheets".to_owned()),
        ("county, by agent".to_owned(), "/api/v1/statistics/sheets?group_by=agent".to_owned()),
        (
            format!("{} (busiest), by agent", dept.code),
            format!("/api/v1/statistics/sheets?group_by=agent&department_id={}", dept.id),
        ),
    ];
    let mut out = Vec::new();
    for (what, path) in cases {
        for _ in 0..3 {
            api.get(&path, &tokens.office).await?;
        }
        let mut lat = Vec::with_capacity(requests);
        for _ in 0..requests {
            let (status, t) = api.get(&path, &tokens.office).await?;
            if status != 200 {
                bail!("{path}: status {status}");
            }
            lat.push(t);
        }
        out.push((what, stats(lat)));
    }
    Ok(out)
}
