//! Case numbers from a counter per tenant and prefix (`case_number_counters`), taken and moved
//! in one statement inside the case's own transaction. Counting the cases under the prefix, as
//! before, gave two concurrent applications on PostgreSQL the same number (one of them then
//! failed on the unique number), read more rows the more cases a county had, and read a `_` in
//! a county's prefix as a wildcard. The counters start from the numbers already given.

use std::collections::BTreeMap;

use sea_orm_migration::sea_orm::ConnectionTrait;
use sea_orm_migration::{prelude::*, schema::*};

use super::common::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `EXAMPLE-2026-0042` → (`EXAMPLE-2026-`, 42): the prefix is all but the trailing digits.
fn split_number(number: &str) -> Option<(&str, i32)> {
    let digits = number.len() - number.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, serial) = number.split_at(number.len() - digits);
    Some((prefix, serial.parse().ok()?))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("case_number_counters")
                .col(uuid("tenant_id"))
                .col(text("prefix"))
                .col(integer("last"))
                .primary_key(Index::create().col(Alias::new("tenant_id")).col(Alias::new("prefix")))
                .foreign_key(&mut fk("case_number_counters", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        let select = Query::select().columns([Alias::new("tenant_id"), Alias::new("number")]).from("cases").to_owned();
        let mut last: BTreeMap<(uuid::Uuid, String), i32> = BTreeMap::new();
        for row in db.query_all(&select).await? {
            let tenant: uuid::Uuid = row.try_get("", "tenant_id")?;
            let number: String = row.try_get("", "number")?;
            if let Some((prefix, serial)) = split_number(&number) {
                let at = last.entry((tenant, prefix.to_owned())).or_default();
                *at = Ord::max(*at, serial);
            }
        }
        for ((tenant, prefix), serial) in last {
            let insert = Query::insert()
                .into_table(Alias::new("case_number_counters"))
                .columns([Alias::new("tenant_id"), Alias::new("prefix"), Alias::new("last")])
                .values([tenant.into(), prefix.into(), serial.into()])
                .map_err(|e| DbErr::Custom(e.to_string()))?
                .to_owned();
            m.exec_stmt(insert).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("case_number_counters")).to_owned()).await
    }
}

#[cfg(test)]
mod tests {
    use super::split_number;

    #[test]
    fn a_number_splits_into_its_prefix_and_serial() {
        assert_eq!(split_number("EXAMPLE-2026-0042"), Some(("EXAMPLE-2026-", 42)));
        assert_eq!(split_number("QW-2027-12345"), Some(("QW-2027-", 12345)));
        assert_eq!(split_number("NO-SERIAL-"), None);
    }
}
