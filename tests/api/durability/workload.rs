//! A realistic mix of writes from many clients at once, through the API: enterprises
//! registered, cases applied for (with an `Idempotency-Key`) and carried from draft to
//! service, task sheets acknowledged and finished. Every write is counted; each one answered
//! 2xx is kept in the ledger with what it answered, to be looked up after a crash.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use butler_domain::credit_code::CreditCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::lifecycle::{Directory, application, plan, review, task_of, team};

/// What an answered write changed: the row and the version it answered with.
#[derive(Debug, Clone)]
pub enum Answered {
    Enterprise(Uuid),
    Case { id: Uuid, version: i64 },
    Sheet { id: Uuid, version: i64 },
}

/// A `createCase` that got no answer: retried with its key after the restart.
#[derive(Debug, Clone)]
pub struct UnansweredCreate {
    pub key: String,
    pub body: Value,
}

/// Everything the clients did.
#[derive(Default)]
pub struct Ledger {
    pub attempted: AtomicUsize,
    pub answered: Mutex<Vec<Answered>>,
    /// Writes sent that got no answer (the server died under them).
    pub unanswered: AtomicUsize,
    pub unanswered_creates: Mutex<Vec<UnansweredCreate>>,
    /// Answered creates: (key, body, case id), some retried after the restart.
    pub answered_creates: Mutex<Vec<(String, Value, Uuid)>>,
    /// Answers other than 2xx (none are expected: each client works on its own cases).
    pub refused: Mutex<Vec<String>>,
    answered_count: AtomicUsize,
}

impl Ledger {
    pub fn answered_count(&self) -> usize {
        self.answered_count.load(Ordering::SeqCst)
    }
}

/// One server's address and the tokens of the roles the workload acts as.
pub struct Target {
    pub base: String,
    pub client: reqwest::Client,
    pub tokens: HashMap<&'static str, String>,
}

pub const ROLES: [&str; 9] = [
    "enterprise",
    "investment_officer",
    "investment_leader",
    "office",
    "window_agent",
    "agent-natural-resources",
    "agent-water",
    "agent-ecology-environment",
    "agent-housing-construction",
];

impl Target {
    /// Signs in every role of the workload (and the administrator) on the server at `base`.
    pub async fn sign_in(base: &str) -> Target {
        let client = reqwest::Client::new();
        let mut tokens = HashMap::new();
        for user in ROLES.iter().copied().chain(["admin"]) {
            let r = client
                .post(format!("{base}/api/v1/auth/login"))
                .json(&json!({"tenant": "dayao", "username": user, "password": crate::helpers::PASSWORD}))
                .send()
                .await
                .expect("login");
            assert!(r.status().is_success(), "login {user}");
            let body: Value = r.json().await.expect("login body");
            tokens.insert(user, body["access_token"].as_str().expect("token").to_owned());
        }
        Target { base: base.to_owned(), client, tokens }
    }

    /// Sends one write as `user`; `None` when no answer came (the server is gone).
    pub async fn send(&self, user: &str, path: &str, body: &Value, key: Option<&str>) -> Option<(u16, Value, bool)> {
        let mut req = self.client.post(format!("{}{path}", self.base)).bearer_auth(&self.tokens[user]).json(body);
        if let Some(k) = key {
            req = req.header("Idempotency-Key", k);
        }
        let res = req.send().await.ok()?;
        let status = res.status().as_u16();
        let replayed = res.headers().get("idempotent-replayed").is_some();
        let text = res.text().await.ok()?;
        Some((status, serde_json::from_str(&text).unwrap_or(Value::Null), replayed))
    }
}

/// Why a client stopped its pipeline.
enum Stop {
    /// The server went away (or the budget is spent).
    Halt,
    /// A write was refused: noted, the pipeline abandoned.
    Refused,
}

struct Client<'a> {
    target: &'a Target,
    ledger: &'a Ledger,
    budget: usize,
    halt: &'a AtomicBool,
}

impl Client<'_> {
    /// One write: counted, and kept in the ledger when answered 2xx.
    async fn write(
        &self,
        user: &str,
        path: &str,
        body: Value,
        key: Option<&str>,
        record: impl FnOnce(&Value) -> Answered,
    ) -> Result<Value, Stop> {
        if self.halt.load(Ordering::SeqCst) || self.ledger.attempted.fetch_add(1, Ordering::SeqCst) >= self.budget {
            return Err(Stop::Halt);
        }
        match self.target.send(user, path, &body, key).await {
            None => {
                self.ledger.unanswered.fetch_add(1, Ordering::SeqCst);
                if let Some(k) = key {
                    let u = UnansweredCreate { key: k.to_owned(), body };
                    self.ledger.unanswered_creates.lock().unwrap().push(u);
                }
                Err(Stop::Halt)
            }
            Some((status, answer, _)) if (200..300).contains(&status) => {
                let entry = record(&answer);
                if let (Some(k), Answered::Case { id, .. }) = (key, &entry) {
                    self.ledger.answered_creates.lock().unwrap().push((k.to_owned(), body, *id));
                }
                self.ledger.answered.lock().unwrap().push(entry);
                self.ledger.answered_count.fetch_add(1, Ordering::SeqCst);
                Ok(answer)
            }
            Some((status, answer, _)) => {
                self.ledger.refused.lock().unwrap().push(format!("{status} {path}: {answer}"));
                Err(Stop::Refused)
            }
        }
    }

    async fn case_step(&self, user: &str, case: Uuid, path: &str, body: Value) -> Result<Value, Stop> {
        self.write(user, &format!("/api/v1/cases/{case}/{path}"), body, None, |a| Answered::Case {
            id: id_of(a),
            version: a["version"].as_i64().unwrap_or(0),
        })
        .await
    }

    async fn sheet_step(&self, user: &str, sheet: &str, path: &str, body: Value) -> Result<Value, Stop> {
        self.write(user, &format!("/api/v1/tasks/{sheet}/{path}"), body, None, |a| Answered::Sheet {
            id: id_of(a),
            version: a["version"].as_i64().unwrap_or(0),
        })
        .await
    }

    /// One enterprise registered, one case from application to service with its sheets
    /// acknowledged and one finished (which dispatches the sheet waiting for it).
    async fn pipeline(&self, d: &Directory, run: &str, n: usize) -> Result<(), Stop> {
        let series = if run == "a" { 'A' } else { 'B' };
        let body17 = format!("91532326M{series}{:07}", n % 10_000_000);
        let credit_code = CreditCode::complete(&body17).expect("credit code").as_str().to_owned();
        let enterprise = json!({"name": format!("耐久测试企业{run}{n}"), "credit_code": credit_code,
            "contact_name": "钱示例", "contact_phone": "13800009999"});
        self.write("office", "/api/v1/enterprises", enterprise, None, |a| Answered::Enterprise(id_of(a))).await?;

        let mut app = application(d);
        app["project_name"] = json!(format!("耐久测试项目{run}{n}"));
        let key = format!("durable-{run}-{n}");
        let created = self
            .write("enterprise", "/api/v1/cases", app, Some(&key), |a| Answered::Case {
                id: id_of(a),
                version: a["version"].as_i64().unwrap_or(0),
            })
            .await?;
        let case = id_of(&created);
        self.case_step("enterprise", case, "submit", Value::Null).await?;
        self.case_step("investment_officer", case, "review", review()).await?;
        self.case_step("investment_leader", case, "accept", Value::Null).await?;
        self.case_step("office", case, "team", team(d)).await?;
        self.case_step("office", case, "plan", plan(d, json!([1]))).await?;
        self.case_step("enterprise", case, "plan/agree", Value::Null).await?;
        self.case_step("window_agent", case, "agreement", json!({})).await?;
        let dispatched = self.case_step("window_agent", case, "dispatch", Value::Null).await?;
        let sheet = |part: &str| task_of(&dispatched, part, "approval")["id"].as_str().unwrap_or("").to_owned();
        let (land, water, eia) = (sheet("建设用地规划许可"), sheet("取水许可"), sheet("环境影响"));
        self.sheet_step("agent-water", &water, "acknowledge", Value::Null).await?;
        self.sheet_step("agent-ecology-environment", &eia, "acknowledge", Value::Null).await?;
        self.sheet_step("agent-natural-resources", &land, "acknowledge", Value::Null).await?;
        let finish = json!({"outcome": "approved", "document_number": format!("姚自然资规〔2026〕{n}号")});
        self.sheet_step("agent-natural-resources", &land, "finish", finish).await?;
        Ok(())
    }
}

fn id_of(answer: &Value) -> Uuid {
    answer["id"].as_str().and_then(|s| s.parse().ok()).unwrap_or_default()
}

/// Runs `clients` clients at once until `budget` writes have been attempted in all (counted
/// in `ledger`, shared across runs) or `halt` is raised. `run` keeps names apart between runs.
pub async fn run(
    target: Arc<Target>,
    d: Arc<Directory>,
    ledger: Arc<Ledger>,
    halt: Arc<AtomicBool>,
    clients: usize,
    budget: usize,
    run: &'static str,
) {
    let next = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::new();
    for _ in 0..clients {
        let (target, d, ledger, halt, next) = (target.clone(), d.clone(), ledger.clone(), halt.clone(), next.clone());
        handles.push(tokio::spawn(async move {
            let client = Client { target: &target, ledger: &ledger, budget, halt: &halt };
            loop {
                let n = next.fetch_add(1, Ordering::SeqCst);
                match client.pipeline(&d, run, n).await {
                    Ok(()) => {}
                    // A refusal is a finding: the run stops and the test reports it.
                    Err(Stop::Refused) | Err(Stop::Halt) => break,
                }
            }
        }));
    }
    for h in handles {
        h.await.expect("client");
    }
}
