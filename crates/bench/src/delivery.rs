//! `--delivery`: the delivery worker's throughput and the drain of a backlog.
//!
//! In-process, on the demo county with its WeCom robot channel pointed at a local HTTP
//! receiver (a real server on a free port; it answers `errcode: 0`, or 503 while "down"):
//!
//! * throughput: `--delivery-messages` escalations (which ignore quiet hours) are written
//!   through `notify()` (one delivery each), then the worker's `drain` runs until nothing is
//!   due; messages per second = messages / elapsed;
//! * backlog: `--delivery-backlog` more are written while the receiver is down; one round of
//!   drains records a failed attempt for each (and schedules its retry); then the receiver
//!   comes back and the drains run, at a time past every retry, until all are delivered: the
//!   time from "back" to the last delivery is the drain time of the backlog (in production
//!   add the wait for the retries, at most the retry ceiling).

use actix_web::{App, HttpResponse, HttpServer, web};
use butler_app::Context;
use butler_app::clock::{Clock, SystemClock};
use butler_app::delivery::drain::drain;
use butler_app::delivery::{Delivery, SENT_CHANNELS};
use butler_app::notify::{Notice, notify};
use butler_domain::delivery::{Channel, DeliveryState, RetryPolicy};
use butler_domain::notice::NotificationKind;
use butler_persistence::Code;
use butler_persistence::entity::delivery;
use butler_persistence::repo::channels::{self, ChannelConfig};
use chrono::{TimeDelta, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::log;

struct Receiver {
    up: Arc<AtomicBool>,
    taken: Arc<AtomicU64>,
    url: String,
    handle: actix_web::dev::ServerHandle,
}

async fn start_receiver() -> anyhow::Result<Receiver> {
    let up = Arc::new(AtomicBool::new(true));
    let taken = Arc::new(AtomicU64::new(0));
    let (u, t) = (up.clone(), taken.clone());
    let server = HttpServer::new(move || {
        let (u, t) = (u.clone(), t.clone());
        App::new().default_service(web::to(move || {
            let (u, t) = (u.clone(), t.clone());
            async move {
                if u.load(Ordering::SeqCst) {
                    t.fetch_add(1, Ordering::SeqCst);
                    HttpResponse::Ok().content_type("application/json").body(r#"{"errcode":0,"errmsg":"ok"}"#)
                } else {
                    HttpResponse::ServiceUnavailable().finish()
                }
            }
        }))
    })
    .workers(2)
    .bind(("127.0.0.1", 0))?;
    let addr = server.addrs().first().copied().ok_or_else(|| anyhow::anyhow!("receiver not bound"))?;
    let server = server.run();
    let handle = server.handle();
    tokio::spawn(server);
    Ok(Receiver { up, taken, url: format!("http://{addr}"), handle })
}

/// Writes `n` escalations to the first department's agent (one WeCom delivery each), in
/// transactions of 500.
async fn enqueue(app: &Context, w: &crate::world::World, from: usize, n: usize) -> anyhow::Result<()> {
    let agent = w.depts.first().map(|d| d.agent).ok_or_else(|| anyhow::anyhow!("no department"))?;
    let mut i = from;
    while i < from + n {
        let txn = app.db.begin().await?;
        let end = (i + 500).min(from + n);
        for k in i..end {
            let key = format!("bench:delivery:{k}");
            let notice = Notice {
                tenant_id: w.tenant_id,
                case_id: None,
                sheet_id: None,
                kind: NotificationKind::DeadlineEscalation,
                dedupe_key: &key,
                title: "任务单超时升级",
                body: "项目“光伏组件项目”的“建设用地规划许可”已超时，请督促办理。",
                params: None,
            };
            notify(&txn, &[agent], &notice, Utc::now()).await?;
        }
        txn.commit().await?;
        i = end;
    }
    Ok(())
}

async fn count(app: &Context, state: DeliveryState) -> anyhow::Result<u64> {
    Ok(delivery::Entity::find().filter(delivery::Column::State.eq(Code(state))).count(&app.db).await?)
}

/// Runs drains at `at()` until one claims nothing; returns the deliveries claimed.
async fn drain_all(app: &Context, at: impl Fn() -> chrono::DateTime<Utc>) -> anyhow::Result<u64> {
    let mut claimed = 0;
    loop {
        let report = drain(app, at()).await?;
        if report.claimed == 0 {
            return Ok(claimed);
        }
        claimed += u64::from(report.claimed);
    }
}

pub async fn run(args: &crate::Args, target: &crate::target::Target) -> anyhow::Result<String> {
    let db = butler_persistence::connect(&target.url, args.pool).await?;
    butler_persistence::migrate(&db).await?;
    butler_server::demo::load(
        &db,
        &butler_app::pii::Keyring::demo(),
        &butler_server::demo::DEMO_COUNTY,
        crate::PASSWORD,
        Utc::now(),
    )
    .await?;
    let w = crate::world::world(&db).await?;
    let receiver = start_receiver().await?;
    let transport = butler_server::transport::NetTransport::new(Duration::from_secs(10))?;
    let delivery = Delivery {
        transport: Arc::new(transport),
        policy: RetryPolicy { base: TimeDelta::seconds(1), ceiling: TimeDelta::seconds(1), max_attempts: 100 },
        batch: args.delivery_batch,
        concurrency: args.delivery_concurrency,
        lease: TimeDelta::minutes(5),
        webhook_disable: Default::default(),
    };
    let clock: Arc<dyn Clock> = Arc::new(SystemClock::default());
    let app = Context::new(db, clock, false).with_delivery(delivery);
    let config = ChannelConfig {
        enabled: true,
        settings: json!({"endpoint": receiver.url}),
        secrets: json!({"key": "bench-key"}),
    };
    channels::save(&app.db, w.tenant_id, Channel::Wecom, config, w.office, Utc::now()).await?;
    debug_assert!(SENT_CHANNELS.contains(&Channel::Wecom));

    let n = args.delivery_messages;
    log(format!("delivery: writing {n} messages"));
    let t = Instant::now();
    enqueue(&app, &w, 0, n).await?;
    let enqueue_secs = t.elapsed().as_secs_f64();
    log("delivery: draining with the receiver up");
    let t = Instant::now();
    drain_all(&app, Utc::now).await?;
    let throughput_secs = t.elapsed().as_secs_f64();
    let delivered = count(&app, DeliveryState::Delivered).await?;
    anyhow::ensure!(delivered == n as u64, "delivered {delivered} of {n}");

    let b = args.delivery_backlog;
    log(format!("delivery: writing a backlog of {b} with the receiver down"));
    receiver.up.store(false, Ordering::SeqCst);
    enqueue(&app, &w, n, b).await?;
    // One round: at a fixed time, before any retry falls due.
    let at = Utc::now();
    let t = Instant::now();
    let failed = drain_all(&app, || at).await?;
    let failing_secs = t.elapsed().as_secs_f64();
    receiver.up.store(true, Ordering::SeqCst);
    log("delivery: the receiver is back; draining the backlog");
    let t = Instant::now();
    drain_all(&app, || Utc::now() + TimeDelta::seconds(5)).await?;
    let backlog_secs = t.elapsed().as_secs_f64();
    let delivered = count(&app, DeliveryState::Delivered).await?;
    anyhow::ensure!(delivered == (n + b) as u64, "delivered {delivered} of {}", n + b);
    let taken = receiver.taken.load(Ordering::SeqCst);
    anyhow::ensure!(taken == (n + b) as u64, "the receiver took {taken}, expected {}", n + b);
    drop(receiver.handle.stop(false));

    Ok(format!(
        "# Delivery worker ({})\n\n\
         Batch {}, {} sends in flight, WeCom robot requests to a local receiver.\n\n\
         | measurement | messages | time | rate |\n\
         |---|---:|---:|---:|\n\
         | writing notifications + deliveries (`notify`, 500 per transaction) | {n} | {:.2} s | {:.0}/s |\n\
         | throughput: drain with the receiver up | {n} | {:.2} s | **{:.0} msg/s** |\n\
         | backlog: one failed attempt each while the receiver is down | {failed} | {:.2} s | {:.0}/s |\n\
         | backlog: drain after the receiver is back | {b} | **{:.2} s** | {:.0} msg/s |\n\n\
         Every message reached the receiver exactly once ({taken} requests taken for {} deliveries).\n",
        target.label,
        args.delivery_batch,
        args.delivery_concurrency,
        enqueue_secs,
        n as f64 / enqueue_secs,
        throughput_secs,
        n as f64 / throughput_secs,
        failing_secs,
        failed as f64 / failing_secs,
        backlog_secs,
        b as f64 / backlog_secs,
        n + b,
    ))
}
