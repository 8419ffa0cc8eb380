//! Where the time went (SPEC §6): each approval sheet of a period split by the domain
//! ([`split_sheet`]) into department handling, enterprise 补正 and waiting on prerequisites,
//! and added up per item (by catalog code), per stage, per department and per agent, with the
//! slowest items first. Finished sheets count to their close, open ones to now.
//!
//! Three set-based reads whatever the number of sheets: the period's sheets, their items, and
//! their cases' starts of service (the first dispatch of each case).

use std::collections::{BTreeMap, HashMap};

use butler_domain::analytics::office_days;
use butler_domain::analytics::split::{SplitTotals, split_sheet};
use butler_domain::case::sheet::{SheetState, TaskSheet};
use butler_domain::catalog::Stage;
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::analytics::{self as repo, SplitFilter};
use butler_persistence::repo::cases::CaseItemRow;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use uuid::Uuid;

use crate::Context;
use crate::calendar::tenant_calendar;
use crate::cases::prerequisite_ids;
use crate::error::AppError;

/// How many items the slowest list holds.
pub const SLOWEST_ITEMS: usize = 10;

/// Which sheets are split.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SplitQuery {
    /// Only this department (department leaders: their own when they name none).
    pub department_id: Option<Uuid>,
    /// First day of the period (the county's time), by the day sheets were dispatched.
    pub from: Option<NaiveDate>,
    /// Last day of the period, inclusive.
    pub to: Option<NaiveDate>,
}

/// A group's time, in office minutes summed and in office days per sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SplitFigures {
    /// Sheets counted (finished and open).
    pub sheets: i64,
    /// Of those, finished.
    pub finished: i64,
    pub handling_office_minutes: i64,
    pub correction_office_minutes: i64,
    pub waiting_office_minutes: i64,
    pub promised_office_minutes: i64,
    /// Per sheet, in the county's office days, to one decimal.
    pub average_handling_days: f64,
    pub average_correction_days: f64,
    pub average_waiting_days: f64,
    /// Handling, 补正 and waiting together.
    pub average_used_days: f64,
    pub average_promised_days: f64,
}

impl SplitFigures {
    fn of(t: &SplitTotals, day_minutes: i64) -> Self {
        let per_sheet = |minutes: i64| if t.sheets == 0 { 0.0 } else { office_days(minutes, day_minutes * t.sheets) };
        SplitFigures {
            sheets: t.sheets,
            finished: t.finished,
            handling_office_minutes: t.sum.handling,
            correction_office_minutes: t.sum.correction,
            waiting_office_minutes: t.sum.waiting,
            promised_office_minutes: t.sum.promised,
            average_handling_days: per_sheet(t.sum.handling),
            average_correction_days: per_sheet(t.sum.correction),
            average_waiting_days: per_sheet(t.sum.waiting),
            average_used_days: per_sheet(t.sum.used()),
            average_promised_days: per_sheet(t.sum.promised),
        }
    }
}

/// One item (by catalog code; an item outside the catalog by its name).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemSplit {
    pub code: Option<String>,
    pub name: String,
    pub stage: Option<Stage>,
    pub figures: SplitFigures,
}

/// One stage (`None`: items outside the catalog's stages).
#[derive(Debug, Clone, PartialEq)]
pub struct StageSplit {
    pub stage: Option<Stage>,
    pub figures: SplitFigures,
}

/// One department.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentSplit {
    pub department_id: Uuid,
    pub figures: SplitFigures,
}

/// One agent, or a department's sheets nobody holds.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentSplit {
    pub department_id: Uuid,
    pub agent_id: Option<Uuid>,
    pub figures: SplitFigures,
}

/// The time split of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeSplitReport {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// "Now" for the open sheets.
    pub generated_at: DateTime<Utc>,
    /// The county's office day, in minutes (what a "day" is here).
    pub office_day_minutes: i64,
    /// By catalog code.
    pub items: Vec<ItemSplit>,
    pub stages: Vec<StageSplit>,
    pub departments: Vec<DepartmentSplit>,
    pub agents: Vec<AgentSplit>,
    /// The items that took longest per sheet, slowest first, at most [`SLOWEST_ITEMS`].
    pub slowest: Vec<ItemSplit>,
    pub total: SplitFigures,
}

/// The item key: its catalog code, or its name outside the catalog.
fn item_key(item: &CaseItemRow, codes: &HashMap<Uuid, String>) -> (Option<String>, String) {
    let code = item.catalog_item_id.and_then(|id| codes.get(&id).cloned());
    (code, item.name.clone())
}

/// The time split of the period, per item, stage, department and agent.
pub async fn time_split(ctx: &Context, actor: &Actor, query: SplitQuery) -> Result<TimeSplitReport, AppError> {
    let mut department_id = query.department_id;
    if actor.role.needs_department() && department_id.is_none() {
        department_id = actor.department_id;
    }
    authorize(actor, Action::ReadAnalytics, Scope { department_id, ..Scope::tenant(actor.tenant_id) })?;
    if let (Some(from), Some(to)) = (query.from, query.to)
        && to < from
    {
        return Err(AppError::field("to", "before_from", "结束日期不能早于开始日期", "must not be before `from`"));
    }
    let now = ctx.now();
    let cal = tenant_calendar(ctx, actor.tenant_id).await?;
    let filter = SplitFilter {
        department_id,
        dispatched_from: query.from.map(|d| cal.instant(d, NaiveTime::MIN)),
        dispatched_before: query.to.and_then(|d| d.succ_opt()).map(|d| cal.instant(d, NaiveTime::MIN)),
    };
    let sheets = repo::sheets_in_period(&ctx.db, actor.tenant_id, &filter).await?;
    let item_ids: Vec<Uuid> = sheets.iter().map(|s| s.case_item_id).collect();
    let case_ids: Vec<Uuid> = sheets.iter().map(|s| s.case_id).collect();
    let items: HashMap<Uuid, CaseItemRow> = butler_persistence::repo::cases::items_by_ids(&ctx.db, &item_ids)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let catalog_ids: Vec<Uuid> = items.values().filter_map(|i| i.catalog_item_id).collect();
    let codes: HashMap<Uuid, String> =
        repo::item_codes(&ctx.db, &catalog_ids).await?.into_iter().map(|c| (c.id, c.code)).collect();
    let starts: HashMap<Uuid, DateTime<Utc>> =
        repo::service_starts(&ctx.db, &case_ids).await?.into_iter().map(|s| (s.case_id, s.started_at)).collect();

    let mut by_item: BTreeMap<(Option<String>, String), (Option<Stage>, SplitTotals)> = BTreeMap::new();
    // Stages in the order of SPEC §2, items outside them last.
    let mut by_stage: BTreeMap<usize, (Option<Stage>, SplitTotals)> = BTreeMap::new();
    let mut by_department: BTreeMap<Uuid, SplitTotals> = BTreeMap::new();
    let mut by_agent: BTreeMap<(Uuid, Option<Uuid>), SplitTotals> = BTreeMap::new();
    let mut total = SplitTotals::default();
    for s in &sheets {
        let Some(item) = items.get(&s.case_item_id) else { continue };
        let task: TaskSheet = serde_json::from_value(s.data.clone()).map_err(AppError::internal)?;
        let has_prerequisites = !prerequisite_ids(item).is_empty();
        let Some(split) = split_sheet(&task, has_prerequisites, starts.get(&s.case_id).copied(), &cal, now)
            .map_err(AppError::internal)?
        else {
            continue;
        };
        let finished = task.state == SheetState::Finished;
        let stage = item.stage.map(|c| c.0);
        let entry = by_item.entry(item_key(item, &codes)).or_insert((stage, SplitTotals::default()));
        entry.1.add(&split, finished);
        let rank = stage.and_then(|st| Stage::ALL.iter().position(|x| *x == st)).unwrap_or(Stage::ALL.len());
        by_stage.entry(rank).or_insert((stage, SplitTotals::default())).1.add(&split, finished);
        by_department.entry(s.department_id).or_default().add(&split, finished);
        by_agent.entry((s.department_id, s.assignee_id)).or_default().add(&split, finished);
        total.add(&split, finished);
    }
    let day = cal.day_length(cal.local_date(now)).num_minutes();
    let items: Vec<ItemSplit> = by_item
        .into_iter()
        .map(|((code, name), (stage, t))| ItemSplit { code, name, stage, figures: SplitFigures::of(&t, day) })
        .collect();
    let mut slowest = items.clone();
    slowest.sort_by(|a, b| {
        let used = |i: &ItemSplit| {
            i.figures.handling_office_minutes + i.figures.correction_office_minutes + i.figures.waiting_office_minutes
        };
        // Average used per sheet, compared without rounding: a·nb against b·na.
        (used(b) * a.figures.sheets)
            .cmp(&(used(a) * b.figures.sheets))
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.name.cmp(&b.name))
    });
    slowest.truncate(SLOWEST_ITEMS);
    Ok(TimeSplitReport {
        from: query.from,
        to: query.to,
        generated_at: now,
        office_day_minutes: day,
        items,
        stages: by_stage
            .into_values()
            .map(|(stage, t)| StageSplit { stage, figures: SplitFigures::of(&t, day) })
            .collect(),
        departments: by_department
            .into_iter()
            .map(|(department_id, t)| DepartmentSplit { department_id, figures: SplitFigures::of(&t, day) })
            .collect(),
        agents: by_agent
            .into_iter()
            .map(|((department_id, agent_id), t)| AgentSplit {
                department_id,
                agent_id,
                figures: SplitFigures::of(&t, day),
            })
            .collect(),
        slowest,
        total: SplitFigures::of(&total, day),
    })
}
