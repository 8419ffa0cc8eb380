//! Indexes for reminders, notifications and supervision notices: addressing users by role,
//! a recipient's unread notifications, and a department's supervision notices, each read
//! from one index range.

use sea_orm_migration::prelude::*;

use super::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("users", "ix_users_tenant_role", &["tenant_id", "role", "department_id"], false)).await?;
        m.create_index(index(
            "notifications",
            "ix_notifications_recipient_unread",
            &["recipient_id", "read_at", "id"],
            false,
        ))
        .await?;
        m.create_index(index(
            "supervision_notices",
            "ix_supervision_notices_department",
            &["tenant_id", "department_id", "id"],
            false,
        ))
        .await?;
        m.create_index(index("supervision_notices", "ix_supervision_notices_case", &["case_id", "id"], false)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, name) in [
            ("supervision_notices", "ix_supervision_notices_case"),
            ("supervision_notices", "ix_supervision_notices_department"),
            ("notifications", "ix_notifications_recipient_unread"),
            ("users", "ix_users_tenant_role"),
        ] {
            m.drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
