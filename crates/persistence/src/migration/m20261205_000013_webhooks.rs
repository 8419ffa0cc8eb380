//! Webhook subscriptions: an integrator's endpoint (Standard Webhooks) or the provincial
//! platform's interface, with the event types it wants, its signing secret, whether it is
//! on, its run of failures, and how far through the tenant's history it has been fed (the
//! cursor: the last event handed to it, by time and id). Its messages are deliveries in the
//! outbox (`deliveries.subscription_id`).

use sea_orm_migration::{prelude::*, schema::*};

use super::common::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("webhook_subscriptions")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string_len("kind", 32))
                .col(string_len("url", 2000))
                .col(string_len("description", 200))
                // The event type codes subscribed to; empty: all.
                .col(json("event_types"))
                .col(string_len("secret", 100))
                .col(boolean("active"))
                .col(timestamp_with_time_zone_null("disabled_at"))
                .col(string_len_null("disabled_reason", 200))
                .col(timestamp_with_time_zone_null("failing_since"))
                .col(timestamp_with_time_zone("cursor_at"))
                .col(uuid_null("cursor_id"))
                .col(timestamp_with_time_zone_null("claimed_until"))
                .col(uuid("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("webhook_subscriptions", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("webhook_subscriptions", "ix_webhook_subscriptions_tenant", &["tenant_id"], false))
            .await?;
        m.create_index(index("deliveries", "ix_deliveries_subscription", &["subscription_id", "created_at"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ix_deliveries_subscription").table(Alias::new("deliveries")).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Alias::new("webhook_subscriptions")).to_owned()).await
    }
}
