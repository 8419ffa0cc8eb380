//! The national holiday schedule as data: the notices loaded (one per title year, with its
//! source, who loaded it and when) and their listed dates. A new database is seeded once with
//! the notices compiled into the binary (2023–2026), so a running deployment keeps its
//! schedule; from then on the platform administrator imports each new year.
//!
//! - `national_calendar_years`: `year` (the notice's title year), `source` (its title or
//!   address), `loaded_by` (`null` for the seed), `loaded_at`.
//! - `national_calendar_days`: `year`, `date`, `name`, `off_day` (`false`: an adjusted working
//!   day, 调休上班). A notice may list a date of its neighbouring year, so the key is
//!   `(year, date)`.

use butler_domain::calendar::notice::Notice;
use sea_orm_migration::{prelude::*, schema::*};

use super::common::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn seed_source(notice: &Notice) -> String {
    notice.papers.first().cloned().unwrap_or_else(|| format!("holiday-cn {}.json", notice.year))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("national_calendar_years")
                .col(integer("year").primary_key())
                .col(text("source"))
                .col(uuid_null("loaded_by"))
                .col(timestamp_with_time_zone("loaded_at"))
                .foreign_key(&mut fk("national_calendar_years", "loaded_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("national_calendar_days")
                .col(integer("year"))
                .col(date("date"))
                .col(string_len("name", 64))
                .col(boolean("off_day"))
                .primary_key(Index::create().col(Alias::new("year")).col(Alias::new("date")))
                .to_owned(),
        )
        .await?;
        let notices = Notice::embedded().map_err(|e| DbErr::Custom(e.to_string()))?;
        let now = chrono::Utc::now();
        for notice in &notices {
            let year = Query::insert()
                .into_table(Alias::new("national_calendar_years"))
                .columns([Alias::new("year"), Alias::new("source"), Alias::new("loaded_at")])
                .values([notice.year.into(), seed_source(notice).into(), now.into()])
                .map_err(|e| DbErr::Custom(e.to_string()))?
                .to_owned();
            m.exec_stmt(year).await?;
            let mut days = Query::insert();
            days.into_table(Alias::new("national_calendar_days")).columns([
                Alias::new("year"),
                Alias::new("date"),
                Alias::new("name"),
                Alias::new("off_day"),
            ]);
            for day in &notice.days {
                days.values([notice.year.into(), day.date.into(), day.name.clone().into(), day.is_off_day.into()])
                    .map_err(|e| DbErr::Custom(e.to_string()))?;
            }
            m.exec_stmt(days).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("national_calendar_days")).to_owned()).await?;
        m.drop_table(Table::drop().table(Alias::new("national_calendar_years")).to_owned()).await
    }
}
