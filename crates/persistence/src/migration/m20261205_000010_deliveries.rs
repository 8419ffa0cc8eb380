//! Delivery beyond the inbox: users' e-mail addresses, the deliveries outbox (one row per
//! message and channel, claimed with a lease by the worker), the log of every attempt, each
//! tenant's channel settings (secrets kept in their own column) and users' channel choices.

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
        m.alter_table(
            Table::alter()
                .table(Alias::new("users"))
                .add_column(ColumnDef::new(Alias::new("email")).string_len(254).null())
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("deliveries")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string_len("channel", 32))
                // `n:{notification}:{channel}`, `w:{subscription}:{event}`: written once.
                .col(string_len("dedupe_key", 200))
                .col(uuid_null("notification_id"))
                .col(uuid_null("recipient_id"))
                .col(uuid_null("subscription_id"))
                .col(uuid_null("event_id"))
                .col(json_null("payload"))
                .col(string_len("state", 32))
                .col(integer("attempts"))
                // When the next attempt is due; null once delivered or dead.
                .col(timestamp_with_time_zone_null("next_attempt_at"))
                // The lease of the worker holding it (also the claim's fencing token).
                .col(timestamp_with_time_zone_null("claimed_until"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("delivered_at"))
                .foreign_key(&mut fk("deliveries", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("deliveries", "ux_deliveries_dedupe", &["dedupe_key"], true)).await?;
        m.create_index(index("deliveries", "ix_deliveries_due", &["next_attempt_at"], false)).await?;
        m.create_index(index("deliveries", "ix_deliveries_admin", &["tenant_id", "state", "created_at"], false))
            .await?;
        m.create_index(index("deliveries", "ix_deliveries_notification", &["notification_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("delivery_attempts")
                .col(pk_uuid("id"))
                .col(uuid("delivery_id"))
                .col(uuid("tenant_id"))
                .col(integer("attempt"))
                .col(timestamp_with_time_zone("started_at"))
                .col(big_integer("duration_ms"))
                .col(string_len("outcome", 32))
                .col(integer_null("status_code"))
                // The receiver's reply, shortened, with the channel's secrets blanked out.
                .col(text_null("answer"))
                .foreign_key(&mut fk("delivery_attempts", "delivery_id", "deliveries"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "delivery_attempts",
            "ix_delivery_attempts_delivery",
            &["delivery_id", "started_at"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("channel_settings")
                .col(uuid("tenant_id"))
                .col(string_len("channel", 32))
                .col(boolean("enabled"))
                // What the API shows: endpoints, provider, sender, sign name…
                .col(json("settings"))
                // Passwords, keys and tokens: never shown, never logged.
                .col(json("secrets"))
                .col(uuid_null("updated_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .primary_key(Index::create().col(Alias::new("tenant_id")).col(Alias::new("channel")))
                .foreign_key(&mut fk("channel_settings", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("notification_preferences")
                .col(uuid("user_id"))
                .col(string_len("topic", 32))
                .col(json("channels"))
                .col(timestamp_with_time_zone("updated_at"))
                .primary_key(Index::create().col(Alias::new("user_id")).col(Alias::new("topic")))
                .foreign_key(&mut fk("notification_preferences", "user_id", "users"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["notification_preferences", "channel_settings", "delivery_attempts", "deliveries"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        m.alter_table(Table::alter().table(Alias::new("users")).drop_column(Alias::new("email")).to_owned()).await
    }
}
