//! The running cases' forecasts against the county's target in working days, the ones
//! forecast to miss it first. A case's forecast is its critical-path schedule
//! ([`super::critical::case_path`]): the roadmap with every overdue sheet expected to end no
//! earlier than now.
//!
//! The plans are read in three set-based queries (cases, their items, their sheets), however
//! many cases run.

use std::collections::HashMap;

use butler_domain::analytics::misses_target;
use butler_domain::case::lifecycle::CaseState;
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::analytics as repo;
use butler_persistence::repo::cases::CaseItemRow;
use butler_persistence::repo::sheets::SheetRow;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::critical::case_path;
use crate::Context;
use crate::calendar::tenant_calendar;
use crate::cases::CaseBundle;
use crate::error::AppError;

/// One running case's forecast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseForecast {
    pub case_id: Uuid,
    pub number: String,
    pub project_name: String,
    pub state: CaseState,
    /// When its last item is expected to end.
    pub projected_end: Option<DateTime<Utc>>,
    /// Working days from the roadmap's first start to `projected_end`.
    pub projected_working_days: Option<i64>,
    /// Working days beyond the target (0 when within it).
    pub over_target_working_days: i64,
    /// Forecast to take longer than the target.
    pub misses_target: bool,
    /// Open sheets on the critical path.
    pub critical_sheets: i64,
}

/// The forecasts, and the target they were held against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecasts {
    pub target_working_days: i32,
    pub generated_at: DateTime<Utc>,
    /// Those missing the target first (furthest over first), then by case number.
    pub cases: Vec<CaseForecast>,
}

/// The forecasts of the running cases (plan agreed, entrusted, in service); only those forecast
/// to miss the target when `missing_only`.
pub async fn forecasts(ctx: &Context, actor: &Actor, missing_only: bool) -> Result<Forecasts, AppError> {
    authorize(actor, Action::ReadAnalytics, Scope::tenant(actor.tenant_id))?;
    let now = ctx.now();
    let target = i32::try_from(crate::settings::in_force(ctx, actor.tenant_id).await?.settings.target_working_days)
        .unwrap_or(i32::MAX);
    let cal = tenant_calendar(ctx, actor.tenant_id).await?;
    let cases = repo::running_cases(&ctx.db, actor.tenant_id).await?;
    let ids: Vec<Uuid> = cases.iter().map(|c| c.id).collect();
    let mut items: HashMap<Uuid, Vec<CaseItemRow>> = HashMap::new();
    for i in repo::items_of_cases(&ctx.db, &ids).await? {
        items.entry(i.case_id).or_default().push(i);
    }
    let mut sheets: HashMap<Uuid, Vec<SheetRow>> = HashMap::new();
    for s in repo::sheets_of_cases(&ctx.db, &ids).await? {
        sheets.entry(s.case_id).or_default().push(s);
    }
    let mut out = Vec::with_capacity(cases.len());
    for case in cases {
        let b = CaseBundle {
            items: items.remove(&case.id).unwrap_or_default(),
            sheets: sheets.remove(&case.id).unwrap_or_default(),
            team: Vec::new(),
            // The critical path reads the plan and its sheets only.
            conditions: Vec::new(),
            case,
        };
        let path = case_path(&b, &cal, now);
        let days = path.projected_working_days;
        let misses = days.is_some_and(|d| misses_target(d, target));
        if missing_only && !misses {
            continue;
        }
        out.push(CaseForecast {
            case_id: b.case.id,
            number: b.case.number.clone(),
            project_name: b.case.project_name.clone(),
            state: b.case.state.0,
            projected_end: path.projected_end,
            projected_working_days: days,
            over_target_working_days: days.map_or(0, |d| (d - i64::from(target)).max(0)),
            misses_target: misses,
            critical_sheets: path.sheets.iter().filter(|s| s.critical).count() as i64,
        });
    }
    out.sort_by(|a, b| {
        b.over_target_working_days.cmp(&a.over_target_working_days).then_with(|| a.number.cmp(&b.number))
    });
    Ok(Forecasts { target_working_days: target, generated_at: now, cases: out })
}
