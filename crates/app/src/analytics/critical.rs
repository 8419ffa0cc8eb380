//! A case's critical path (SPEC §6): its plan and each sheet's forecast given to the domain's
//! [`schedule`], in office minutes on the county's calendar, and the answer turned back into
//! instants and working days.
//!
//! Each planned item is read through its latest approval sheet, as the roadmap reads it: a
//! finished sheet is done at its close; an open one runs since its dispatch and is due at its
//! deadline (moved by pauses and extensions; an overdue one cannot end before now); an item
//! without a live sheet (none yet, or sent back or cancelled) is planned, taking what the
//! roadmap forecasts for it.

use std::collections::BTreeMap;

use butler_domain::analytics::critical::{Progress, Step, schedule};
use butler_domain::calendar::Calendar;
use butler_domain::case::sheet::{SheetKind, SheetState};
use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use crate::cases::{CaseBundle, forecast, prerequisite_ids};

/// One open sheet on the case's schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetPath {
    pub sheet_id: Uuid,
    pub item_id: Uuid,
    /// On the critical path: any further delay moves the project's end.
    pub critical: bool,
    /// Office minutes it could still slip without moving the end.
    pub slack_office_minutes: i64,
    /// Working days (whole, rounded up) past its deadline so far.
    pub late_working_days: i64,
    /// Working days (whole, rounded up) its lateness so far has moved the project's end:
    /// how long it holds up the project.
    pub holds_up_working_days: i64,
}

/// A case's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CasePath {
    /// When the last item is expected to end, lateness so far included.
    pub projected_end: Option<DateTime<Utc>>,
    /// Working days from the roadmap's first start to `projected_end`.
    pub projected_working_days: Option<i64>,
    /// The open sheets, in plan order.
    pub sheets: Vec<SheetPath>,
}

fn whole_days(minutes: i64, day_minutes: i64) -> i64 {
    if minutes <= 0 || day_minutes <= 0 { 0 } else { (minutes + day_minutes - 1) / day_minutes }
}

/// The critical path of case `b` at `now`.
pub fn case_path(b: &CaseBundle, cal: &Calendar, now: DateTime<Utc>) -> CasePath {
    let roadmap = forecast(b, cal, now);
    let Some(origin) = roadmap.values().map(|f| f.0).chain([now]).min() else { return CasePath::default() };
    let at = |t: DateTime<Utc>| cal.office_minutes_between(origin, t);
    let mut steps = Vec::new();
    let mut open_sheets: BTreeMap<Uuid, Uuid> = BTreeMap::new();
    for item in b.items.iter().filter(|i| i.planned) {
        let sheet = b
            .sheets
            .iter()
            .filter(|s| s.case_item_id == item.id && s.kind.0 == SheetKind::Approval)
            .max_by_key(|s| s.dispatched_at);
        let live = sheet.filter(|s| !matches!(s.state.0, SheetState::Cancelled | SheetState::SentBack));
        let progress = match live {
            Some(s) if s.open => {
                open_sheets.insert(item.id, s.id);
                Progress::Open { start: at(s.dispatched_at), due: at(s.finish_by) }
            }
            Some(s) => Progress::Done { end: at(s.closed_at.unwrap_or(s.finish_by)) },
            None => {
                let (start, end) = roadmap.get(&item.id).copied().unwrap_or((now, now));
                Progress::Planned { duration: cal.office_minutes_between(start, end).max(0) }
            }
        };
        steps.push(Step { id: item.id, prerequisites: prerequisite_ids(item), progress });
    }
    if steps.is_empty() {
        return CasePath::default();
    }
    let plan = schedule(&steps, at(now));
    let day = cal.day_length(cal.local_date(now)).num_minutes();
    let projected_end = cal.add_office_time(origin, TimeDelta::minutes(plan.end)).ok();
    let sheets = plan
        .steps
        .iter()
        .filter_map(|s| {
            open_sheets.get(&s.id).map(|sheet_id| SheetPath {
                sheet_id: *sheet_id,
                item_id: s.id,
                critical: s.critical,
                slack_office_minutes: s.slack,
                late_working_days: whole_days(s.late, day),
                holds_up_working_days: whole_days(s.shift, day),
            })
        })
        .collect();
    CasePath {
        projected_end,
        projected_working_days: projected_end.map(|e| cal.working_days_between(origin, e)),
        sheets,
    }
}
