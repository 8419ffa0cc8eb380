//! A department's case list, and a team member's, take their cases' ids from an index of their
//! own, without reading the rows: a department's items by department and case, a member's rows
//! by user and case (in place of the index on the user alone, which it extends).
//! `repo::cases::list_select` then reads the cases by those ids.

use sea_orm_migration::prelude::*;

use super::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

const ITEMS: &str = "ix_case_items_department_case";
const MEMBERS: &str = "ix_case_team_members_user_case";
const MEMBERS_BEFORE: &str = "ix_case_team_members_user";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("case_items", ITEMS, &["department_id", "case_id"], false)).await?;
        m.create_index(index("case_team_members", MEMBERS, &["user_id", "case_id"], false)).await?;
        m.drop_index(Index::drop().name(MEMBERS_BEFORE).table(Alias::new("case_team_members")).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("case_team_members", MEMBERS_BEFORE, &["user_id"], false)).await?;
        m.drop_index(Index::drop().name(MEMBERS).table(Alias::new("case_team_members")).to_owned()).await?;
        m.drop_index(Index::drop().name(ITEMS).table(Alias::new("case_items")).to_owned()).await
    }
}
