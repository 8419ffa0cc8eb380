//! A suspended county's background work waits: the reminder sweep claims none of its
//! deadlines and the delivery worker none of its deliveries, and both go on once it is
//! reinstated.

use super::platform_token;
use crate::helpers::*;
use butler_app::Context;
use butler_app::clock::SystemClock;
use butler_domain::delivery::Channel;
use butler_persistence::repo::deliveries::{self, NewDelivery};
use butler_persistence::repo::tenants;
use chrono::TimeDelta;
use serde_json::json;
use std::sync::Arc;

async fn a_suspended_countys_reminders_and_deliveries_wait_until_it_is_reinstated(backend: Backend) {
    // The server's own delivery worker is off: this test drains by hand, at times it chooses.
    let app = spawn_configured(backend, |s| {
        s.demo_cases = true;
        s.delivery.enabled = false;
    })
    .await;
    let platform = platform_token(&app).await;
    // The sweep holds a transaction and reads beside it: a pool of its own, of a few connections.
    let db = butler_persistence::connect(&app.database_url, 4).await.unwrap();
    let now = app.clock_now();
    let dayao = tenants::find_by_code(&db, "dayao").await.unwrap().unwrap();
    let delivery = NewDelivery {
        tenant_id: dayao.id,
        channel: Channel::Webhook,
        dedupe_key: "w:suspension-test".into(),
        notification_id: None,
        recipient_id: None,
        subscription_id: None,
        event_id: None,
        payload: Some(json!({"test": true})),
        not_before: now - TimeDelta::minutes(1),
    };
    assert!(deliveries::enqueue(&db, delivery, now).await.unwrap());
    let ctx = Context::new(db.clone(), Arc::new(SystemClock::default()), false);
    // A month on, every open step of the demo cases is due.
    let later = now + TimeDelta::days(30);

    let r = app.post("/api/v1/platform/counties/dayao/suspend", &platform, json!({"reason": "暂停测试"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let swept = butler_app::reminders::sweep(&ctx, later).await.unwrap();
    assert_eq!(swept.deadlines, 0, "{swept:?}");
    let claimed =
        deliveries::claim_due(&db, later, later + TimeDelta::minutes(2), &[Channel::Webhook], 100).await.unwrap();
    assert!(claimed.is_empty(), "{claimed:?}");

    let r = app.post("/api/v1/platform/counties/dayao/reinstate", &platform, json!({"reason": "恢复测试"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let swept = butler_app::reminders::sweep(&ctx, later).await.unwrap();
    assert!(swept.deadlines > 0 && swept.notifications > 0, "{swept:?}");
    let claimed =
        deliveries::claim_due(&db, later, later + TimeDelta::minutes(2), &[Channel::Webhook], 100).await.unwrap();
    assert_eq!(claimed.iter().map(|d| d.dedupe_key.as_str()).collect::<Vec<_>>(), ["w:suspension-test"]);
    db.close().await.ok();
}

crate::on_both_databases!(a_suspended_countys_reminders_and_deliveries_wait_until_it_is_reinstated);
