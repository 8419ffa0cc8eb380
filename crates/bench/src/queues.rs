//! The work queues (`listTasks`): the first page and a page half-way down, over HTTP and by
//! the repository alone, with the plans of their queries.

use anyhow::bail;
use butler_persistence::entity::task_sheet;
use butler_persistence::repo::sheets::{self as sheets_repo, QueueFilter, queue_page_select, queue_select};
use butler_persistence::{DatabaseConnection, PageRequest};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{PaginatorTrait, QueryOrder, QuerySelect, QueryTrait};
use std::fmt::Write as _;
use std::time::Instant;
use uuid::Uuid;

use crate::http::{Api, Tokens};
use crate::stats::{Stats, ms, stats};
use crate::target::explain;
use crate::world::World;

/// A queue as one user asks for it.
pub struct QueueSpec {
    pub label: &'static str,
    pub who: String,
    pub query: &'static str,
    pub filter: QueueFilter,
    pub token: String,
}

/// A queue's length and page timings.
pub struct QueueResult {
    pub label: &'static str,
    pub who: String,
    pub length: u64,
    pub first_http: Stats,
    pub first_repo: Stats,
    pub deep_http: Option<Stats>,
    pub deep_repo: Option<Stats>,
    pub deep_position: u64,
}

/// Times the first page and (for a queue of more than two pages) the page at half its length,
/// each `requests` times; appends their plans to `plans`.
#[allow(clippy::too_many_arguments)]
pub async fn measure_queue(
    db: &DatabaseConnection,
    api: &Api,
    tenant_id: Uuid,
    q: &QueueSpec,
    requests: usize,
    plans: &mut String,
    step_label: &str,
) -> anyhow::Result<QueueResult> {
    let limit = PageRequest::DEFAULT_LIMIT;
    let length = queue_select(tenant_id, &q.filter, None).count(db).await?;
    let deep_position = length / 2;
    let deep = if length > limit * 2 {
        // The sheet at `deep_position` in the queue's (deadline, id) order.
        queue_select(tenant_id, &q.filter, None)
            .order_by_asc(task_sheet::Column::FinishBy)
            .order_by_asc(task_sheet::Column::Id)
            .offset(deep_position)
            .limit(1)
            .one(db)
            .await?
            .map(|s| (s.finish_by, s.id))
    } else {
        None
    };
    let time_http = |path: String| async move {
        for _ in 0..10 {
            api.get(&path, &q.token).await?;
        }
        let mut lat = Vec::with_capacity(requests);
        for _ in 0..requests {
            let (status, t) = api.get(&path, &q.token).await?;
            if status != 200 {
                bail!("{path}: status {status}");
            }
            lat.push(t);
        }
        Ok::<_, anyhow::Error>(stats(lat))
    };
    let time_repo = |cursor: Option<String>| async move {
        let mut lat = Vec::with_capacity(requests);
        for i in 0..requests + 10 {
            let t = Instant::now();
            let page = sheets_repo::queue(db, tenant_id, &q.filter, limit, cursor.as_deref()).await?;
            if i >= 10 {
                lat.push(ms(t.elapsed()));
            }
            std::hint::black_box(page);
        }
        Ok::<_, anyhow::Error>(stats(lat))
    };
    let path = format!("/api/v1/tasks?queue={}&limit={limit}", q.query);
    let first_http = time_http(path.clone()).await?;
    let first_repo = time_repo(None).await?;
    let (deep_http, deep_repo) = match deep {
        Some((at, id)) => {
            let cursor = sheets_repo::encode_cursor(at, id);
            (Some(time_http(format!("{path}&cursor={cursor}")).await?), Some(time_repo(Some(cursor)).await?))
        }
        None => (None, None),
    };
    let backend = db.get_database_backend();
    let first_stmt = queue_page_select(tenant_id, &q.filter, None, limit).build(backend);
    writeln!(plans, "\n#### {step_label}: `{}` as `{}`, first page\n\n```text", q.label, q.who)?;
    plans.push_str(&explain(db, &first_stmt).await?);
    plans.push_str("```\n");
    if let Some(c) = deep {
        let deep_stmt = queue_page_select(tenant_id, &q.filter, Some(c), limit).build(backend);
        writeln!(
            plans,
            "\n#### {step_label}: `{}` as `{}`, deep page (position {deep_position})\n\n```text",
            q.label, q.who
        )?;
        plans.push_str(&explain(db, &deep_stmt).await?);
        plans.push_str("```\n");
    }
    Ok(QueueResult {
        label: q.label,
        who: q.who.clone(),
        length,
        first_http,
        first_repo,
        deep_http,
        deep_repo,
        deep_position,
    })
}

/// The queues measured: a department's four as its agent, and the county's overdue and
/// due-soon ones as `office`.
pub fn queue_specs(w: &World, tokens: &Tokens, dept: usize, now: DateTime<Utc>) -> Vec<QueueSpec> {
    let d = &w.depts[dept];
    let agent = format!("agent-{}", d.code);
    let dept_filter = QueueFilter { department_id: Some(d.id), ..Default::default() };
    vec![
        QueueSpec {
            label: "department",
            who: agent.clone(),
            query: "department",
            filter: QueueFilter { open: Some(true), ..dept_filter.clone() },
            token: tokens.by_dept[dept].clone(),
        },
        QueueSpec {
            label: "mine",
            who: agent.clone(),
            query: "mine",
            filter: QueueFilter { assignee_id: Some(d.agent), open: Some(true), ..dept_filter.clone() },
            token: tokens.by_dept[dept].clone(),
        },
        QueueSpec {
            label: "overdue",
            who: agent.clone(),
            query: "overdue",
            filter: QueueFilter { open: Some(true), running_clock: true, due_before: Some(now), ..dept_filter.clone() },
            token: tokens.by_dept[dept].clone(),
        },
        QueueSpec {
            label: "due_soon",
            who: agent,
            query: "due_soon",
            filter: QueueFilter {
                open: Some(true),
                running_clock: true,
                due_from: Some(now),
                due_before: Some(now + Duration::hours(24)),
                ..dept_filter
            },
            token: tokens.by_dept[dept].clone(),
        },
        QueueSpec {
            label: "overdue",
            who: "office".into(),
            query: "overdue",
            filter: QueueFilter { open: Some(true), running_clock: true, due_before: Some(now), ..Default::default() },
            token: tokens.office.clone(),
        },
        QueueSpec {
            label: "due_soon",
            who: "office".into(),
            query: "due_soon",
            filter: QueueFilter {
                open: Some(true),
                running_clock: true,
                due_from: Some(now),
                due_before: Some(now + Duration::hours(24)),
                ..Default::default()
            },
            token: tokens.office.clone(),
        },
    ]
}
