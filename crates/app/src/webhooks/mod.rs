//! Webhooks for integrators and the provincial platform: subscriptions (admin), feeding each
//! subscription the tenant's history as outbox deliveries, and the messages it is sent.

pub mod fanout;
pub mod send;
pub mod subscriptions;
