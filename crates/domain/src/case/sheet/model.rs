//! The sheet as the rules see it: the item's rules, its clock stops, extension, 容缺 materials
//! and decision, and its deadlines.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ACKNOWLEDGE_WITHIN_OFFICE_MINUTES, OPEN, SheetError, SheetEvent, SheetState, St};
use crate::calendar::{Calendar, CalendarError, Pause};
use crate::time_limit::TimeLimit;

/// The rules of the item a sheet handles, as planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRules {
    /// The promised time limit (承诺时限).
    pub promised: TimeLimit,
    /// The longest extension in working days; `None` when the item allows none.
    pub max_extension_working_days: Option<u32>,
    /// Whether the item supports notification-commitment (告知承诺).
    pub allows_commitment: bool,
    /// Office minutes the department has to acknowledge the sheet: the county's setting when
    /// the sheet was dispatched (a later change does not move it).
    #[serde(default = "default_acknowledge_minutes")]
    pub acknowledge_within_minutes: u32,
}

fn default_acknowledge_minutes() -> u32 {
    ACKNOWLEDGE_WITHIN_OFFICE_MINUTES
}

/// A material accepted as missing (容缺), with the enterprise's committed date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingMaterial {
    /// The material's name.
    pub name: String,
    /// The date the enterprise committed to supply it by.
    pub committed_by: NaiveDate,
    /// When it arrived.
    pub supplied_at: Option<DateTime<Utc>>,
}

/// One clock stop with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockStop {
    /// Start and end of the stop.
    #[serde(flatten)]
    pub pause: Pause,
    /// Why, e.g. the materials asked for.
    pub reason: String,
}

/// A granted extension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// Working days added.
    pub working_days: u32,
    /// Why.
    pub reason: String,
    /// When it was granted.
    pub granted_at: DateTime<Utc>,
}

/// How a sheet ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Decision {
    /// Approved, with the approval document's number.
    Approved {
        /// The document number (文号).
        document_number: String,
    },
    /// Not approved.
    NotApproved {
        /// Why.
        reason: String,
    },
    /// The enterprise withdrew the application.
    Withdrawn {
        /// Why.
        reason: String,
    },
}

/// A task sheet as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskSheet {
    /// The department it is sent to.
    pub department_id: Uuid,
    /// Where it stands.
    pub state: SheetState,
    /// The item's rules.
    pub rules: ItemRules,
    /// When the current clock started.
    pub dispatched_at: DateTime<Utc>,
    /// Who holds it.
    pub assignee_id: Option<Uuid>,
    /// When it was acknowledged.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// Every clock stop, oldest first.
    pub stops: Vec<ClockStop>,
    /// The extension, if granted.
    pub extension: Option<Extension>,
    /// Materials accepted as missing (容缺).
    pub missing_materials: Vec<MissingMaterial>,
    /// The decision, once finished.
    pub decision: Option<Decision>,
    /// Whether the approval was granted on commitment (告知承诺).
    pub approved_on_commitment: bool,
    /// When it was finished or cancelled.
    pub closed_at: Option<DateTime<Utc>>,
}

/// What a finished sheet's clock used against what it was promised, in office time (see
/// [`TaskSheet::time_used`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeUsed {
    /// Office time from dispatch to close, pauses left out.
    pub used: TimeDelta,
    /// Office time from dispatch to the promised deadline, with the extension.
    pub promised: TimeDelta,
}

impl TimeUsed {
    /// Whole office minutes used, as stored (saturating).
    pub fn used_minutes(self) -> i32 {
        i32::try_from(self.used.num_minutes()).unwrap_or(i32::MAX)
    }

    /// Whole office minutes promised, as stored (saturating).
    pub fn promised_minutes(self) -> i32 {
        i32::try_from(self.promised.num_minutes()).unwrap_or(i32::MAX)
    }
}

impl TaskSheet {
    /// A sheet dispatched at `now` to `department_id`, with its dispatch event.
    pub fn dispatch(
        department_id: Uuid,
        rules: ItemRules,
        missing_materials: Vec<MissingMaterial>,
        now: DateTime<Utc>,
        calendar: &Calendar,
    ) -> Result<(TaskSheet, SheetEvent), SheetError> {
        let sheet = TaskSheet {
            department_id,
            state: St::Dispatched,
            rules,
            dispatched_at: now,
            assignee_id: None,
            acknowledged_at: None,
            stops: Vec::new(),
            extension: None,
            missing_materials,
            decision: None,
            approved_on_commitment: false,
            closed_at: None,
        };
        let event = SheetEvent::Dispatched {
            department_id,
            acknowledge_by: sheet.acknowledgement_deadline(calendar)?,
            finish_by: sheet.finish_deadline(calendar, now)?,
        };
        Ok((sheet, event))
    }

    /// When the acknowledgement is due: the rules' office minutes (30 by default) after
    /// dispatch.
    pub fn acknowledgement_deadline(&self, calendar: &Calendar) -> Result<DateTime<Utc>, CalendarError> {
        calendar.add_office_minutes(self.dispatched_at, self.rules.acknowledge_within_minutes)
    }

    /// When the sheet must be finished: the promised limit from dispatch, plus the extension
    /// (as whole office days), shifted by the clock stops (an open one counting until `now`).
    pub fn finish_deadline(&self, calendar: &Calendar, now: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        let base = self.rules.promised.deadline(self.dispatched_at, calendar)?;
        let extra_days = self.extension.as_ref().map_or(0, |e| e.working_days);
        let extended = calendar.add_office_days(base, i64::from(extra_days))?;
        let pauses: Vec<Pause> = self.stops.iter().map(|s| s.pause).collect();
        calendar.shift_deadline(self.dispatched_at, extended, &pauses, now)
    }

    /// Office time the clock ran and office time it was promised, once the sheet is finished:
    /// the figures behind "average working days used against promised" (SPEC §6). Both are
    /// counted from dispatch on the same calendar, so a sheet finished on its deadline used
    /// exactly what it was promised:
    /// - used: dispatch to close, less the office time spent paused (补正);
    /// - promised: dispatch to the promised limit's deadline, plus the extension's days.
    ///
    /// `None` while the sheet is open, and for a cancelled sheet (nobody was asked to finish it).
    pub fn time_used(&self, calendar: &Calendar) -> Result<Option<TimeUsed>, CalendarError> {
        let Some(closed_at) = self.closed_at.filter(|_| self.state == St::Finished) else {
            return Ok(None);
        };
        let ran = calendar.office_time_between(self.dispatched_at, closed_at);
        let used = (ran - self.paused_office_time(calendar, closed_at)).max(TimeDelta::zero());
        let base = self.rules.promised.deadline(self.dispatched_at, calendar)?;
        let extra_days = self.extension.as_ref().map_or(0, |e| e.working_days);
        let extended = calendar.add_office_days(base, i64::from(extra_days))?;
        let promised = calendar.office_time_between(self.dispatched_at, extended);
        Ok(Some(TimeUsed { used, promised }))
    }

    /// Whether the clock is stopped.
    pub fn is_paused(&self) -> bool {
        self.state == St::Paused
    }

    /// Whether the open sheet has passed its finishing deadline at `now`.
    pub fn is_overdue(&self, calendar: &Calendar, now: DateTime<Utc>) -> Result<bool, CalendarError> {
        Ok(OPEN.contains(&self.state) && now > self.finish_deadline(calendar, now)?)
    }

    /// Names of committed materials not yet supplied.
    pub fn outstanding_materials(&self) -> Vec<String> {
        self.missing_materials.iter().filter(|m| m.supplied_at.is_none()).map(|m| m.name.clone()).collect()
    }

    /// Office time the sheet has spent stopped (open stop until `now`).
    pub fn paused_office_time(&self, calendar: &Calendar, now: DateTime<Utc>) -> TimeDelta {
        let pauses: Vec<Pause> = self.stops.iter().map(|s| s.pause).collect();
        calendar.paused_office_time(self.dispatched_at, &pauses, now)
    }

    pub(super) fn close_open_stop(&mut self, now: DateTime<Utc>) -> Option<Pause> {
        let stop = self.stops.last_mut().filter(|s| s.pause.is_open())?;
        stop.pause.end = Some(now.max(stop.pause.start));
        Some(stop.pause)
    }
}
