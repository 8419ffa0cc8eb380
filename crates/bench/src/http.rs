//! The benchmark's HTTP clients against the real server: sign-in, `getCase` under load, sheet
//! transitions, the supervision statistics, and the server's own timings from `/metrics`.

use anyhow::{anyhow, bail};
use butler_server::demo;
use chrono::{Duration, NaiveDate, Utc};
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
        let mut req = self.client.get(format!("{}{path}", self.base));
        if !token.is_empty() {
            req = req.bearer_auth(token);
        }
        let res = req.send().await?;
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

/// The token the spawned server is given for `/metrics` (`BUTLER_METRICS_TOKEN`); it listens on
/// the loopback address only, for the length of the run.
pub const METRICS_TOKEN: &str = "butler-bench-metrics";

/// (count, seconds) served so far on `routes` (matched patterns), from `/metrics`.
async fn served(api: &Api, routes: &[&str]) -> anyhow::Result<(f64, f64)> {
    let res = api.client.get(format!("{}/metrics", api.base)).bearer_auth(METRICS_TOKEN).send().await?;
    if !res.status().is_success() {
        bail!("/metrics: {}", res.status());
    }
    let text = res.text().await?;
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

/// Access tokens of `office`, of the window (`window_agent`) and of each department's agent
/// (in `World::depts` order).
pub struct Tokens {
    pub office: String,
    pub window: String,
    pub by_dept: Vec<String>,
}

pub async fn sign_in(api: &Api, w: &World) -> anyhow::Result<Tokens> {
    let office = api.login("office").await?;
    let mut by_dept = Vec::new();
    for d in &w.depts {
        by_dept.push(api.login(&format!("agent-{}", d.code)).await?);
    }
    Ok(Tokens { office, window: api.login("window_agent").await?, by_dept })
}

/// A closed-loop run of GET requests.
pub struct LoadResult {
    pub clients: usize,
    /// Mean time inside the server (its request metrics), warm-up included; 0 when the
    /// metrics are not readable.
    pub server_ms: f64,
    pub secs: f64,
    pub lat: Stats,
    pub errors: u64,
    pub throughput: f64,
}

/// What a closed-loop run asks for: paths, each with the index of its caller's token in
/// `tokens` (an empty token: no `Authorization`), and the route pattern the server's metrics
/// name it by.
#[derive(Clone)]
pub struct Requests {
    pub route: &'static str,
    pub paths: Arc<Vec<(String, usize)>>,
    pub tokens: Arc<Vec<String>>,
}

/// `clients` clients send random requests of `req` back to back for `secs` seconds after
/// 2 s of warm-up.
pub async fn closed_loop(base: &str, req: &Requests, clients: usize, secs: u64) -> anyhow::Result<LoadResult> {
    if req.paths.is_empty() {
        bail!("nothing to request on {}", req.route);
    }
    let probe = Api::new(base)?;
    let before = served(&probe, &[req.route]).await.unwrap_or_default();
    let warmup = std::time::Duration::from_secs(2);
    let started = Instant::now();
    let measure_from = started + warmup;
    let end = measure_from + std::time::Duration::from_secs(secs);
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..clients {
        let api = Api::new(base)?;
        let req = req.clone();
        tasks.spawn(async move {
            let mut rng = SmallRng::seed_from_u64(c as u64 + 1);
            let mut lat = Vec::new();
            let mut errors = 0u64;
            loop {
                let now = Instant::now();
                if now >= end {
                    break;
                }
                let (path, who) = &req.paths[rng.random_range(0..req.paths.len())];
                match api.get(path, &req.tokens[*who]).await {
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
    let after = served(&probe, &[req.route]).await.unwrap_or_default();
    Ok(LoadResult {
        clients,
        server_ms: server_mean(before, after),
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
    let before =
        served(&probe, &["/api/v1/tasks/{id}/acknowledge", "/api/v1/tasks/{id}/finish"]).await.unwrap_or_default();
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
        served(&probe, &["/api/v1/tasks/{id}/acknowledge", "/api/v1/tasks/{id}/finish"]).await.unwrap_or_default(),
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

/// The requests of `getSheetStatistics` measured: the county by department and by agent for
/// every period (none, the last 30 days, the last 365 days, ending `today`), and the busiest
/// department by agent over all time. (label, path).
pub fn statistics_requests(w: &World, busiest: usize, today: NaiveDate) -> Vec<(String, String)> {
    let dept = &w.depts[busiest];
    let periods = [
        ("all time", String::new()),
        ("30 days", format!("&from={}&to={today}", today - Duration::days(29))),
        ("365 days", format!("&from={}&to={today}", today - Duration::days(364))),
    ];
    let mut out = Vec::new();
    for (group, by) in [("department", "department"), ("agent", "agent")] {
        for (period, query) in &periods {
            out.push((
                format!("county by {group}, {period}"),
                format!("/api/v1/statistics/sheets?group_by={by}{query}"),
            ));
        }
    }
    out.push((
        format!("{} (busiest) by agent, all time", dept.code),
        format!("/api/v1/statistics/sheets?group_by=agent&department_id={}", dept.id),
    ));
    out
}

/// `getSheetStatistics` over HTTP as `office`: each of [`statistics_requests`] `requests`
/// times, one after the other, after a warm-up.
pub async fn measure_statistics(
    api: &Api,
    tokens: &Tokens,
    w: &World,
    busiest: usize,
    requests: usize,
) -> anyhow::Result<Vec<(String, Stats)>> {
    // The county's day (Asia/Shanghai, UTC+8 all year).
    let today = (Utc::now() + Duration::hours(8)).date_naive();
    let mut out = Vec::new();
    for (what, path) in statistics_requests(w, busiest, today) {
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
