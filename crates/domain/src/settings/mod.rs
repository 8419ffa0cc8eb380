//! A county's settings (县级配置): what the seed fixes for its first county and another may set
//! otherwise. The domain reads them through the calendar (office hours) and the values given
//! to its decisions; nothing here is a constant of the code but the defaults.
//!
//! Settings are kept as versions: a change adds a version, and a deadline keeps the version it
//! was opened under, so a change never rewrites a deadline already running.

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use crate::analytics::{DEFAULT_TARGET_WORKING_DAYS, MAX_TARGET_WORKING_DAYS, MIN_TARGET_WORKING_DAYS};
use crate::calendar::OfficeTimetable;
use crate::case::deadline::DeadlineKind;
use crate::case::escalation::{EscalationPolicy, Offset, StepKind};
use crate::case::evaluation::RECTIFICATION_WORKING_DAYS;
use crate::case::lifecycle::DEFAULT_THRESHOLD_FEN;
use crate::case::sheet::ACKNOWLEDGE_WITHIN_OFFICE_MINUTES;
use crate::codes::code_enum;

code_enum! {
    /// What a tenant is (`tenants.kind`).
    pub enum TenantKind: "tenant kind" {
        /// A county (or any administrative region) running the service.
        County = "county",
        /// The platform above the counties: holds the platform administrators, nothing else.
        Platform = "platform",
    }
}

code_enum! {
    /// Whether a county may be used (`tenants.status`).
    pub enum CountyStatus: "county status" {
        /// In service.
        Active = "active",
        /// Suspended by the platform: nobody signs in, its sessions end, nothing of it is read
        /// or written, its public pages are gone, its reminders wait.
        Suspended = "suspended",
    }
}

/// Bounds of the acknowledgement window, in office minutes (up to one long office day).
pub const ACKNOWLEDGE_MINUTES: std::ops::RangeInclusive<u32> = 5..=480;
/// Bounds of the rectification period, in working days.
pub const RECTIFICATION_DAYS: std::ops::RangeInclusive<u32> = 1..=60;
/// Bounds of the investment threshold, in fen: up to 1 万亿元.
pub const THRESHOLD_FEN: std::ops::RangeInclusive<i64> = 0..=100_000_000_000_000;
/// The most steps one ladder may have.
pub const MAX_LADDER_STEPS: usize = 12;
/// The furthest a step may lie from its deadline: in office minutes, and in working days.
pub const MAX_STEP_MINUTES: i64 = 5_000;
/// See [`MAX_STEP_MINUTES`].
pub const MAX_STEP_WORKING_DAYS: i32 = 60;
/// The longest case-number prefix.
pub const MAX_PREFIX_CHARS: usize = 12;

/// One county's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountySettings {
    /// Office hours through the year; the working-day calendar counts office time in them.
    pub office_hours: OfficeTimetable,
    /// A dispatched sheet is acknowledged within this many office minutes (seed: 30).
    pub acknowledge_within_minutes: u32,
    /// The ladder chasing an acknowledgement.
    pub acknowledgement_ladder: EscalationPolicy,
    /// The ladder chasing every other deadline (finishing a sheet, forming the team, …).
    pub finishing_ladder: EscalationPolicy,
    /// A bad review's rectification is answered within this many working days (好差评: 15).
    pub rectification_working_days: u32,
    /// The project-wide target every case's forecast is held against (国家 120 个工作日).
    pub target_working_days: u32,
    /// The smallest total investment served, in fen (seed: 5000 万元).
    pub investment_threshold_fen: i64,
    /// What case numbers start with (`DY` gives `DY-2026-0001`); none: the county's code in
    /// capitals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_number_prefix: Option<String>,
}

impl Default for CountySettings {
    fn default() -> Self {
        CountySettings {
            office_hours: OfficeTimetable::default(),
            acknowledge_within_minutes: ACKNOWLEDGE_WITHIN_OFFICE_MINUTES,
            acknowledgement_ladder: EscalationPolicy::acknowledgement(),
            finishing_ladder: EscalationPolicy::finishing(),
            rectification_working_days: RECTIFICATION_WORKING_DAYS,
            target_working_days: DEFAULT_TARGET_WORKING_DAYS as u32,
            investment_threshold_fen: DEFAULT_THRESHOLD_FEN,
            case_number_prefix: None,
        }
    }
}

/// What is wrong with one setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingError {
    /// The setting, as a path into [`CountySettings`]: `acknowledge_within_minutes`,
    /// `finishing_ladder.steps[2].offset`.
    pub field: String,
    /// Why.
    pub problem: SettingProblem,
}

/// Why a setting is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum SettingProblem {
    /// Outside its bounds.
    OutOfRange { min: i64, max: i64 },
    /// A case-number prefix of anything but capital letters, digits and inner hyphens, or too
    /// long.
    BadPrefix,
    /// A ladder with no steps or more than [`MAX_LADDER_STEPS`].
    StepCount,
    /// A step code that is not lower-case snake_case, or one used twice in a ladder.
    BadStepCode,
    /// A reminder not before its deadline, an at-deadline step not at it, or an escalation not
    /// after it.
    StepOffset,
    /// A seasonal span that starts and ends on the same day.
    EmptySeason,
}

impl SettingError {
    fn new(field: impl Into<String>, problem: SettingProblem) -> Self {
        SettingError { field: field.into(), problem }
    }
}

impl CountySettings {
    /// Every problem of the settings (empty: they may be used).
    pub fn problems(&self) -> Vec<SettingError> {
        let mut out = Vec::new();
        let mut range = |field: &str, value: i64, min: i64, max: i64| {
            if !(min..=max).contains(&value) {
                out.push(SettingError::new(field, SettingProblem::OutOfRange { min, max }));
            }
        };
        range(
            "acknowledge_within_minutes",
            self.acknowledge_within_minutes.into(),
            (*ACKNOWLEDGE_MINUTES.start()).into(),
            (*ACKNOWLEDGE_MINUTES.end()).into(),
        );
        range(
            "rectification_working_days",
            self.rectification_working_days.into(),
            (*RECTIFICATION_DAYS.start()).into(),
            (*RECTIFICATION_DAYS.end()).into(),
        );
        range(
            "target_working_days",
            self.target_working_days.into(),
            MIN_TARGET_WORKING_DAYS.into(),
            MAX_TARGET_WORKING_DAYS.into(),
        );
        range("investment_threshold_fen", self.investment_threshold_fen, *THRESHOLD_FEN.start(), *THRESHOLD_FEN.end());
        if let Some(prefix) = &self.case_number_prefix
            && !valid_prefix(prefix)
        {
            out.push(SettingError::new("case_number_prefix", SettingProblem::BadPrefix));
        }
        if let Some(season) = &self.office_hours.seasonal
            && season.from == season.until
        {
            out.push(SettingError::new("office_hours.seasonal", SettingProblem::EmptySeason));
        }
        ladder_problems("acknowledgement_ladder", &self.acknowledgement_ladder, &mut out);
        ladder_problems("finishing_ladder", &self.finishing_ladder, &mut out);
        out
    }

    /// The ladder chasing a deadline of `kind`: the acknowledgement's own, the finishing one
    /// for the rest (and for a kind this version does not know, `None`).
    pub fn ladder(&self, kind: Option<DeadlineKind>) -> &EscalationPolicy {
        match kind {
            Some(DeadlineKind::Acknowledgement) => &self.acknowledgement_ladder,
            _ => &self.finishing_ladder,
        }
    }

    /// The prefix case numbers start with, for a county of code `tenant_code`.
    pub fn number_prefix(&self, tenant_code: &str) -> String {
        self.case_number_prefix.clone().unwrap_or_else(|| tenant_code.to_uppercase())
    }
}

fn valid_prefix(prefix: &str) -> bool {
    let chars = prefix.chars().count();
    (1..=MAX_PREFIX_CHARS).contains(&chars)
        && prefix.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        && !prefix.starts_with('-')
        && !prefix.ends_with('-')
}

fn valid_step_code(code: &str) -> bool {
    (1..=40).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn ladder_problems(name: &str, ladder: &EscalationPolicy, out: &mut Vec<SettingError>) {
    if ladder.steps.is_empty() || ladder.steps.len() > MAX_LADDER_STEPS {
        out.push(SettingError::new(format!("{name}.steps"), SettingProblem::StepCount));
    }
    let mut codes = BTreeSet::new();
    for (i, step) in ladder.steps.iter().enumerate() {
        if !valid_step_code(&step.code) || !codes.insert(step.code.as_str()) {
            out.push(SettingError::new(format!("{name}.steps[{i}].code"), SettingProblem::BadStepCode));
        }
        let (sign, magnitude_ok) = match step.offset {
            // `unsigned_abs`: the most negative number has no positive counterpart.
            Offset::OfficeMinutes(m) => (m.signum(), m.unsigned_abs() <= MAX_STEP_MINUTES.unsigned_abs()),
            Offset::WorkingDays(d) => (i64::from(d.signum()), d.unsigned_abs() <= MAX_STEP_WORKING_DAYS.unsigned_abs()),
        };
        let sign_ok = match step.kind {
            StepKind::Reminder => sign < 0,
            StepKind::AtDeadline => sign == 0,
            StepKind::Escalation => sign > 0,
        };
        if !sign_ok || !magnitude_ok {
            out.push(SettingError::new(format!("{name}.steps[{i}].offset"), SettingProblem::StepOffset));
        }
    }
}
