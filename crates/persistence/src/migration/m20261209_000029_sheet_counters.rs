//! Counters for the supervision statistics (SPEC §6), kept by the database itself.
//!
//! - `sheet_day_counts`: per (tenant, dispatch day in 北京时间, department, agent) the figures
//!   that do not depend on "now": received, acknowledged (on time), finished (on time),
//!   approved, open, paused, and the finished sheets' office minutes used and promised. A
//!   period is a sum over its days. The agent is the nil UUID for sheets nobody holds (a key
//!   column cannot be NULL).
//! - `sheet_due_counts`: per (tenant, deadline kind, due day, dispatch day, department, agent)
//!   how many sheets wait on that deadline now: `acknowledgement` for dispatched sheets not
//!   yet acknowledged, `finish` for open sheets whose clock runs. "Late now" is then the rows
//!   due before today plus the few sheets due today before now (read from the sheets). Rows
//!   that fall to zero are deleted, so the table holds only what is open.
//!
//! Triggers on `task_sheets` keep both in the transaction that changes a sheet, whatever
//! writes it (the use cases, the demo loader, onboarding, the benchmark's bulk loader, a
//! future batch statement): each change takes the old row's contribution off and adds the new
//! row's. The same expressions backfill the counters from the sheets already there. Cancelled
//! sheets count nowhere, as in the statistics' one-pass count.
//!
//! The dispatch and due days are the local dates of 北京时间 (`butler_domain::calendar::TIME_ZONE`):
//! PostgreSQL converts with the zone's name; SQLite, which knows no zones, adds its offset,
//! UTC+8 since 1992 (a test checks the zone keeps it).
//!
//! The statistics' covering index of migrations `000004`/`000005` is dropped: nothing reads
//! the whole table to count any more, and every sheet write paid for its fourteen columns.
//! Two small indexes serve what is read from the sheets: those not yet acknowledged by their
//! acknowledgement deadline (`acknowledged_at IS NULL`, a partial index with the same text on
//! both databases); the open ones by finishing deadline are in the open queue's index.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use super::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The offset SQLite adds to a UTC instant to get its 北京时间 date.
pub(crate) const SQLITE_DAY_OFFSET: &str = "+8 hours";
/// The zone PostgreSQL converts with.
pub(crate) const PG_TIME_ZONE: &str = "Asia/Shanghai";

const STATISTICS_INDEX: &str = "ix_task_sheets_statistics";
/// The covering index as migration `000005` left it (written out: a migration never reads
/// another's constants).
const STATISTICS_INDEXED: [&str; 14] = [
    "tenant_id",
    "department_id",
    "assignee_id",
    "state",
    "open",
    "dispatched_at",
    "acknowledge_by",
    "acknowledged_at",
    "finish_by",
    "closed_at",
    "outcome",
    "id",
    "office_minutes_used",
    "office_minutes_promised",
];

const DAY_KEY: &str = "tenant_id, dispatch_day, department_id, assignee_id";
const DUE_KEY: &str = "tenant_id, deadline, due_day, dispatch_day, department_id, assignee_id";

/// The figures of `sheet_day_counts`, each with what one sheet `r` adds to it (SQL over the
/// row's columns; `r` is `NEW`, `OLD` or the table itself).
fn day_figures(r: &str) -> [(&'static str, String); 11] {
    let acknowledged = format!("{r}.acknowledged_at IS NOT NULL");
    let finished = format!("{r}.state = 'finished'");
    let timed =
        format!("{finished} AND {r}.office_minutes_used IS NOT NULL AND {r}.office_minutes_promised IS NOT NULL");
    let flag = |c: String| format!("CASE WHEN {c} THEN 1 ELSE 0 END");
    [
        ("received", "1".to_owned()),
        ("acknowledged", flag(acknowledged.clone())),
        ("acknowledged_on_time", flag(format!("{acknowledged} AND {r}.acknowledged_at <= {r}.acknowledge_by"))),
        ("finished", flag(finished.clone())),
        (
            "finished_on_time",
            flag(format!("{finished} AND {r}.closed_at IS NOT NULL AND {r}.closed_at <= {r}.finish_by")),
        ),
        ("approved", flag(format!("{r}.outcome = 'approved'"))),
        ("open_now", flag(format!("{r}.open"))),
        ("paused_now", flag(format!("{r}.open AND {r}.state = 'paused'"))),
        ("timed", flag(timed.clone())),
        ("minutes_used", format!("CASE WHEN {timed} THEN {r}.office_minutes_used ELSE 0 END")),
        ("minutes_promised", format!("CASE WHEN {timed} THEN {r}.office_minutes_promised ELSE 0 END")),
    ]
}

/// A sheet counts at all unless it was cancelled.
fn counted(r: &str) -> String {
    format!("{r}.state <> 'cancelled'")
}

/// The deadlines a sheet may wait on: (kind, its due instant's column, when it waits on it).
fn due_kinds(r: &str) -> [(&'static str, &'static str, String); 2] {
    [
        ("acknowledgement", "acknowledge_by", format!("{r}.state = 'dispatched' AND {r}.acknowledged_at IS NULL")),
        ("finish", "finish_by", format!("{r}.open AND {r}.state NOT IN ('paused', 'cancelled')")),
    ]
}

/// The columns a counter reads: a change of any other column leaves the counters as they are.
const READ_COLUMNS: [&str; 13] = [
    "tenant_id",
    "department_id",
    "assignee_id",
    "state",
    "open",
    "dispatched_at",
    "acknowledge_by",
    "acknowledged_at",
    "finish_by",
    "closed_at",
    "outcome",
    "office_minutes_used",
    "office_minutes_promised",
];

/// SQL of one backend.
struct Dialect(DbBackend);

impl Dialect {
    /// The 北京时间 date of the instant `at`.
    fn day(&self, at: &str) -> String {
        match self.0 {
            DbBackend::Postgres => format!("CAST(({at} AT TIME ZONE '{PG_TIME_ZONE}') AS DATE)"),
            _ => format!("date({at}, '{SQLITE_DAY_OFFSET}')"),
        }
    }

    /// The agent key: the nil UUID for nobody.
    fn agent(&self, r: &str) -> String {
        match self.0 {
            DbBackend::Postgres => format!("COALESCE({r}.assignee_id, '00000000-0000-0000-0000-000000000000'::uuid)"),
            _ => format!("COALESCE({r}.assignee_id, X'00000000000000000000000000000000')"),
        }
    }

    /// Adds (`sign` 1) or takes off (-1) the contribution of the trigger's row `r`.
    fn apply(&self, r: &str, sign: i32) -> Vec<String> {
        let figures = day_figures(r);
        let names: Vec<&str> = figures.iter().map(|(n, _)| *n).collect();
        let values: Vec<String> = figures.iter().map(|(_, e)| format!("{sign} * ({e})")).collect();
        let updates: Vec<String> = names.iter().map(|n| format!("{n} = sheet_day_counts.{n} + excluded.{n}")).collect();
        let mut out = vec![format!(
            "INSERT INTO sheet_day_counts ({DAY_KEY}, {}) SELECT {r}.tenant_id, {}, {r}.department_id, {}, {} \
             WHERE {} ON CONFLICT ({DAY_KEY}) DO UPDATE SET {}",
            names.join(", "),
            self.day(&format!("{r}.dispatched_at")),
            self.agent(r),
            values.join(", "),
            counted(r),
            updates.join(", "),
        )];
        for (kind, due, waits) in due_kinds(r) {
            out.push(format!(
                "INSERT INTO sheet_due_counts ({DUE_KEY}, sheets) SELECT {r}.tenant_id, '{kind}', {}, {}, \
                 {r}.department_id, {}, {sign} WHERE {waits} ON CONFLICT ({DUE_KEY}) DO UPDATE SET \
                 sheets = sheet_due_counts.sheets + excluded.sheets",
                self.day(&format!("{r}.{due}")),
                self.day(&format!("{r}.dispatched_at")),
                self.agent(r),
            ));
        }
        out
    }

    /// Deletes the rows of `sheet_due_counts` the old row `r` left at zero.
    fn prune(&self, r: &str) -> Vec<String> {
        due_kinds(r)
            .into_iter()
            .map(|(kind, due, waits)| {
                format!(
                    "DELETE FROM sheet_due_counts WHERE {waits} AND tenant_id = {r}.tenant_id AND deadline = '{kind}' \
                     AND due_day = {} AND dispatch_day = {} AND department_id = {r}.department_id \
                     AND assignee_id = {} AND sheets = 0",
                    self.day(&format!("{r}.{due}")),
                    self.day(&format!("{r}.dispatched_at")),
                    self.agent(r),
                )
            })
            .collect()
    }

    fn changed(&self) -> String {
        READ_COLUMNS.iter().map(|c| format!("OLD.{c} IS DISTINCT FROM NEW.{c}")).collect::<Vec<_>>().join(" OR ")
    }

    /// The statements that fill both tables from the sheets there are.
    fn backfill(&self) -> Vec<String> {
        let r = "task_sheets";
        let figures = day_figures(r);
        let names: Vec<&str> = figures.iter().map(|(n, _)| *n).collect();
        let sums: Vec<String> = figures.iter().map(|(_, e)| format!("SUM({e})")).collect();
        let day = self.day(&format!("{r}.dispatched_at"));
        let agent = self.agent(r);
        let mut out = vec![
            "DELETE FROM sheet_day_counts".to_owned(),
            "DELETE FROM sheet_due_counts".to_owned(),
            format!(
                "INSERT INTO sheet_day_counts ({DAY_KEY}, {}) SELECT {r}.tenant_id, {day}, {r}.department_id, {agent}, \
                 {} FROM task_sheets WHERE {} GROUP BY {r}.tenant_id, {day}, {r}.department_id, {agent}",
                names.join(", "),
                sums.join(", "),
                counted(r),
            ),
        ];
        for (kind, due, waits) in due_kinds(r) {
            let due_day = self.day(&format!("{r}.{due}"));
            out.push(format!(
                "INSERT INTO sheet_due_counts ({DUE_KEY}, sheets) SELECT {r}.tenant_id, '{kind}', {due_day}, {day}, \
                 {r}.department_id, {agent}, COUNT(*) FROM task_sheets WHERE {waits} \
                 GROUP BY {r}.tenant_id, {due_day}, {day}, {r}.department_id, {agent}"
            ));
        }
        out
    }

    /// The triggers (and on PostgreSQL their function).
    fn triggers(&self) -> Vec<String> {
        match self.0 {
            DbBackend::Postgres => {
                let old: Vec<String> = self.apply("OLD", -1).into_iter().map(|s| format!("{s};")).collect();
                let new: Vec<String> = self.apply("NEW", 1).into_iter().map(|s| format!("{s};")).collect();
                let prune: Vec<String> = self.prune("OLD").into_iter().map(|s| format!("{s};")).collect();
                vec![
                    format!(
                        "CREATE FUNCTION task_sheets_count() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n\
                         IF TG_OP <> 'INSERT' THEN\n{}\nEND IF;\nIF TG_OP <> 'DELETE' THEN\n{}\nEND IF;\n\
                         IF TG_OP <> 'INSERT' THEN\n{}\nEND IF;\nRETURN NULL;\nEND\n$body$",
                        old.join("\n"),
                        new.join("\n"),
                        prune.join("\n"),
                    ),
                    "CREATE TRIGGER task_sheets_count_insert_delete AFTER INSERT OR DELETE ON task_sheets \
                     FOR EACH ROW EXECUTE PROCEDURE task_sheets_count()"
                        .to_owned(),
                    format!(
                        "CREATE TRIGGER task_sheets_count_update AFTER UPDATE ON task_sheets FOR EACH ROW \
                         WHEN ({}) EXECUTE PROCEDURE task_sheets_count()",
                        self.changed()
                    ),
                ]
            }
            _ => {
                let body = |stmts: Vec<String>| stmts.into_iter().map(|s| format!("{s};\n")).collect::<String>();
                let mut update = self.apply("OLD", -1);
                update.extend(self.apply("NEW", 1));
                update.extend(self.prune("OLD"));
                let mut delete = self.apply("OLD", -1);
                delete.extend(self.prune("OLD"));
                vec![
                    format!(
                        "CREATE TRIGGER task_sheets_count_insert AFTER INSERT ON task_sheets BEGIN\n{}END",
                        body(self.apply("NEW", 1))
                    ),
                    format!(
                        "CREATE TRIGGER task_sheets_count_update AFTER UPDATE ON task_sheets WHEN {} BEGIN\n{}END",
                        self.changed(),
                        body(update)
                    ),
                    format!(
                        "CREATE TRIGGER task_sheets_count_delete AFTER DELETE ON task_sheets BEGIN\n{}END",
                        body(delete)
                    ),
                ]
            }
        }
    }

    fn drop_triggers(&self) -> Vec<String> {
        match self.0 {
            DbBackend::Postgres => vec![
                "DROP TRIGGER IF EXISTS task_sheets_count_insert_delete ON task_sheets".to_owned(),
                "DROP TRIGGER IF EXISTS task_sheets_count_update ON task_sheets".to_owned(),
                "DROP FUNCTION IF EXISTS task_sheets_count()".to_owned(),
            ],
            _ => vec![
                "DROP TRIGGER IF EXISTS task_sheets_count_insert".to_owned(),
                "DROP TRIGGER IF EXISTS task_sheets_count_update".to_owned(),
                "DROP TRIGGER IF EXISTS task_sheets_count_delete".to_owned(),
            ],
        }
    }
}

/// The statements that recount both counter tables from the sheets (the migration's backfill;
/// also the maintenance `recount`), on `backend`.
pub(crate) fn backfill_statements(backend: DbBackend) -> Vec<String> {
    Dialect(backend).backfill()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let count = |name: &str| ColumnDef::new(Alias::new(name)).big_integer().not_null().default(0).to_owned();
        let mut day = Table::create();
        day.table(Alias::new("sheet_day_counts"))
            .col(ColumnDef::new(Alias::new("tenant_id")).uuid().not_null())
            .col(ColumnDef::new(Alias::new("dispatch_day")).date().not_null())
            .col(ColumnDef::new(Alias::new("department_id")).uuid().not_null())
            .col(ColumnDef::new(Alias::new("assignee_id")).uuid().not_null());
        for (name, _) in day_figures("r") {
            day.col(count(name));
        }
        day.primary_key(Index::create().col("tenant_id").col("dispatch_day").col("department_id").col("assignee_id"));
        m.create_table(day.to_owned()).await?;

        m.create_table(
            Table::create()
                .table(Alias::new("sheet_due_counts"))
                .col(ColumnDef::new(Alias::new("tenant_id")).uuid().not_null())
                .col(ColumnDef::new(Alias::new("deadline")).string_len(16).not_null())
                .col(ColumnDef::new(Alias::new("due_day")).date().not_null())
                .col(ColumnDef::new(Alias::new("dispatch_day")).date().not_null())
                .col(ColumnDef::new(Alias::new("department_id")).uuid().not_null())
                .col(ColumnDef::new(Alias::new("assignee_id")).uuid().not_null())
                .col(count("sheets"))
                .primary_key(
                    Index::create()
                        .col("tenant_id")
                        .col("deadline")
                        .col("due_day")
                        .col("dispatch_day")
                        .col("department_id")
                        .col("assignee_id"),
                )
                .to_owned(),
        )
        .await?;

        let db = m.get_connection();
        let dialect = Dialect(db.get_database_backend());
        for statement in dialect.backfill().into_iter().chain(dialect.triggers()) {
            db.execute_unprepared(&statement).await?;
        }
        db.execute_unprepared(
            "CREATE INDEX ix_task_sheets_unacknowledged ON task_sheets (tenant_id, acknowledge_by) \
             WHERE acknowledged_at IS NULL",
        )
        .await?;
        m.drop_index(Index::drop().name(STATISTICS_INDEX).table(Alias::new("task_sheets")).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for statement in Dialect(db.get_database_backend()).drop_triggers() {
            db.execute_unprepared(&statement).await?;
        }
        m.drop_index(Index::drop().name("ix_task_sheets_unacknowledged").table(Alias::new("task_sheets")).to_owned())
            .await?;
        m.create_index(index("task_sheets", STATISTICS_INDEX, &STATISTICS_INDEXED, false)).await?;
        m.drop_table(Table::drop().table(Alias::new("sheet_due_counts")).to_owned()).await?;
        m.drop_table(Table::drop().table(Alias::new("sheet_day_counts")).to_owned()).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use butler_domain::calendar::TIME_ZONE;
    use butler_domain::case::deadline::DeadlineKind;
    use butler_domain::case::sheet::{SheetOutcome, SheetState};
    use chrono::{NaiveDate, Offset, TimeZone};

    #[test]
    fn the_codes_written_in_sql_are_the_domains() {
        assert_eq!(SheetState::Finished.code(), "finished");
        assert_eq!(SheetState::Dispatched.code(), "dispatched");
        assert_eq!(SheetState::Paused.code(), "paused");
        assert_eq!(SheetState::Cancelled.code(), "cancelled");
        assert_eq!(SheetOutcome::Approved.code(), "approved");
        assert_eq!(DeadlineKind::Acknowledgement.code(), "acknowledgement");
        assert_eq!(DeadlineKind::Finish.code(), "finish");
        assert_eq!(TIME_ZONE.name(), PG_TIME_ZONE);
    }

    /// SQLite's dates add a fixed eight hours: 北京时间 must keep that offset all year, every
    /// year the system may see.
    #[test]
    fn the_county_zone_keeps_utc_plus_eight() {
        for year in 1992..2100 {
            for (month, day) in [(1, 1), (4, 15), (7, 1), (10, 15)] {
                let at = NaiveDate::from_ymd_opt(year, month, day).unwrap().and_hms_opt(12, 0, 0).unwrap().and_utc();
                assert_eq!(TIME_ZONE.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc(), 8 * 3600);
            }
        }
        assert_eq!(SQLITE_DAY_OFFSET, "+8 hours");
    }
}
