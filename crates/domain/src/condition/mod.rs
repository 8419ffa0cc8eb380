//! Conditions (notice / hold / lock, SPEC §4 and §7 "一处失信，处处受限"): a record on an
//! enterprise — by its unified social credit code, so it also catches an enterprise not yet
//! registered in the county — or on one case, from a source (the credit platform, a court, a
//! department, the office), with a reason, a period and a severity.
//!
//! What a condition does is decided here, in one place ([`Restrictions`]):
//!
//! | severity | officials see it | submission and acceptance | every other change |
//! |----------|------------------|---------------------------|--------------------|
//! | notice   | yes              | go on                     | goes on            |
//! | hold     | yes              | refused, naming it        | goes on            |
//! | lock     | yes              | refused, naming it        | refused, naming it |
//!
//! A condition is in force from its first day up to (not including) the day it ends, and
//! until it is lifted; lifting needs a reason and is kept on the record. The enterprise's own
//! users never see conditions, except the reason a hold gives when it refuses their
//! submission.

pub mod blacklist;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::codes::code_enum;
use crate::credit_code::{CreditCode, CreditCodeError};
use crate::text::TextError;

code_enum! {
    /// Where a condition comes from (`conditions.source`).
    pub enum ConditionSource: "condition source" {
        /// The credit platform's lists (信用平台, e.g. 失信被执行人、严重失信主体名单).
        CreditPlatform = "credit_platform",
        /// A court's decision (法院).
        Court = "court",
        /// A department's decision (部门).
        Department = "department",
        /// The leading group's office itself (领导小组办公室).
        Office = "office",
    }
}

code_enum! {
    /// What a condition does (`conditions.severity`), weakest first.
    pub enum ConditionSeverity: "condition severity" {
        /// 提示: shown to officials; nothing stops.
        Notice = "notice",
        /// 暂停: no new application is submitted and no case is accepted; other work goes on.
        Hold = "hold",
        /// 锁定: nothing on the case (or on any case of the enterprise) moves.
        Lock = "lock",
    }
}

impl ConditionSeverity {
    /// Whether it stops submitting and accepting applications.
    pub fn stops_applications(self) -> bool {
        matches!(self, ConditionSeverity::Hold | ConditionSeverity::Lock)
    }

    /// Whether it stops every change of a case and its sheets.
    pub fn stops_changes(self) -> bool {
        self == ConditionSeverity::Lock
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            ConditionSeverity::Notice => "提示",
            ConditionSeverity::Hold => "暂停",
            ConditionSeverity::Lock => "锁定",
        }
    }
}

impl ConditionSource {
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            ConditionSource::CreditPlatform => "信用平台",
            ConditionSource::Court => "法院",
            ConditionSource::Department => "部门",
            ConditionSource::Office => "领导小组办公室",
        }
    }

    /// The English name.
    pub fn en(self) -> &'static str {
        match self {
            ConditionSource::CreditPlatform => "the credit platform",
            ConditionSource::Court => "a court",
            ConditionSource::Department => "a department",
            ConditionSource::Office => "the office",
        }
    }
}

/// What a condition is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConditionTarget {
    /// Every case of the enterprise with this credit code, registered here or not.
    Enterprise(CreditCode),
    /// One case.
    Case(Uuid),
}

/// A condition as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub id: Uuid,
    pub severity: ConditionSeverity,
    pub source: ConditionSource,
    /// The source's document number (决定文号), if any.
    pub source_ref: Option<String>,
    pub reason: String,
    /// The first day in force.
    pub valid_from: NaiveDate,
    /// The day it ends (no longer in force that day); none: until lifted.
    pub valid_until: Option<NaiveDate>,
    /// Whether it was lifted.
    pub lifted: bool,
}

impl Condition {
    /// Whether it is in force on `today`: within its period and not lifted.
    pub fn in_force(&self, today: NaiveDate) -> bool {
        !self.lifted && self.valid_from <= today && self.valid_until.is_none_or(|until| today < until)
    }

    /// What it tells the one it stops, in Chinese: its severity, source, document number and
    /// reason.
    pub fn refusal_zh(&self) -> String {
        let reference = self.source_ref.as_deref().map(|r| format!("，文号 {r}")).unwrap_or_default();
        format!("存在{}限制（来源：{}{}）：{}", self.severity.zh(), self.source.zh(), reference, self.reason)
    }

    /// The same in English.
    pub fn refusal_en(&self) -> String {
        let reference = self.source_ref.as_deref().map(|r| format!(", document {r}")).unwrap_or_default();
        format!("a {} condition from {}{} is in force: {}", self.severity, self.source.en(), reference, self.reason)
    }
}

/// What the conditions in force on a case (its own and its enterprise's) do to it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Restrictions {
    /// The conditions in force, strongest first (officials see them).
    pub in_force: Vec<Condition>,
}

/// Why a change is refused: the condition that stops it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", condition.refusal_en())]
pub struct Stopped {
    pub condition: Condition,
}

impl Restrictions {
    /// The conditions of `all` in force on `today`, strongest first (then the oldest first).
    pub fn on(all: &[Condition], today: NaiveDate) -> Self {
        let mut in_force: Vec<Condition> = all.iter().filter(|c| c.in_force(today)).cloned().collect();
        in_force.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.valid_from.cmp(&b.valid_from)));
        Restrictions { in_force }
    }

    /// The first condition in force that stops changes (a lock), if any.
    pub fn lock(&self) -> Option<&Condition> {
        self.in_force.iter().find(|c| c.severity.stops_changes())
    }

    /// The first condition in force that stops submission and acceptance (a hold or a lock).
    pub fn hold(&self) -> Option<&Condition> {
        self.in_force.iter().find(|c| c.severity.stops_applications())
    }

    /// Whether any change of the case and its sheets may be made.
    pub fn may_change(&self) -> Result<(), Stopped> {
        self.lock().map_or(Ok(()), |c| Err(Stopped { condition: c.clone() }))
    }

    /// Whether the application may be submitted or accepted (the lifecycle's
    /// `NotOnCreditBlacklist` guard).
    pub fn may_apply(&self) -> Result<(), Stopped> {
        self.hold().map_or(Ok(()), |c| Err(Stopped { condition: c.clone() }))
    }
}

/// The longest reason, in characters.
pub const REASON_MAX_CHARS: usize = 1000;
/// The longest document number, in characters.
pub const SOURCE_REF_MAX_CHARS: usize = 100;
/// The longest enterprise name kept with a condition, in characters.
pub const NAME_MAX_CHARS: usize = 200;

/// A field of a new condition that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConditionFieldError {
    /// Neither an enterprise nor a case, or both.
    #[error("name either an enterprise's credit code or a case")]
    Target,
    #[error("credit code: {0}")]
    CreditCode(CreditCodeError),
    #[error("reason: {0}")]
    Reason(TextError),
    #[error("source reference: {0}")]
    SourceRef(TextError),
    #[error("enterprise name: {0}")]
    Name(TextError),
    /// The end is not after the start.
    #[error("the end must come after the start")]
    Period,
}

impl ConditionFieldError {
    /// The field it is about (the contract's name).
    pub fn field(&self) -> &'static str {
        match self {
            ConditionFieldError::Target => "target",
            ConditionFieldError::CreditCode(_) => "credit_code",
            ConditionFieldError::Reason(_) => "reason",
            ConditionFieldError::SourceRef(_) => "source_ref",
            ConditionFieldError::Name(_) => "enterprise_name",
            ConditionFieldError::Period => "valid_until",
        }
    }
}

/// A condition to record, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCondition {
    pub target: ConditionTarget,
    /// The enterprise's name as the source gives it (for an enterprise not registered here).
    pub enterprise_name: Option<String>,
    pub severity: ConditionSeverity,
    pub source: ConditionSource,
    pub source_ref: Option<String>,
    pub reason: String,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
}

/// A condition as entered, unchecked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionInput<'a> {
    pub credit_code: Option<&'a str>,
    pub case_id: Option<Uuid>,
    pub enterprise_name: Option<&'a str>,
    pub severity: ConditionSeverity,
    pub source: ConditionSource,
    pub source_ref: Option<&'a str>,
    pub reason: &'a str,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
}

fn bounded(text: &str, max: usize) -> Result<String, TextError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(TextError::Empty);
    }
    if t.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    Ok(t.to_owned())
}

fn optional(text: Option<&str>, max: usize) -> Result<Option<String>, TextError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => bounded(t, max).map(Some),
    }
}

/// The reason a lift must give, checked.
pub fn lift_reason(reason: &str) -> Result<String, TextError> {
    bounded(reason, REASON_MAX_CHARS)
}

impl NewCondition {
    /// Checks every field; answers every problem, not only the first.
    pub fn parse(input: ConditionInput<'_>) -> Result<Self, Vec<ConditionFieldError>> {
        let mut errors = Vec::new();
        let code = input.credit_code.map(str::trim).filter(|c| !c.is_empty());
        let target = match (code, input.case_id) {
            (Some(code), None) => match CreditCode::parse(code) {
                Ok(code) => Some(ConditionTarget::Enterprise(code)),
                Err(e) => {
                    errors.push(ConditionFieldError::CreditCode(e));
                    None
                }
            },
            (None, Some(id)) => Some(ConditionTarget::Case(id)),
            _ => {
                errors.push(ConditionFieldError::Target);
                None
            }
        };
        let reason = bounded(input.reason, REASON_MAX_CHARS).map_err(|e| errors.push(ConditionFieldError::Reason(e)));
        let source_ref = optional(input.source_ref, SOURCE_REF_MAX_CHARS)
            .map_err(|e| errors.push(ConditionFieldError::SourceRef(e)));
        let name =
            optional(input.enterprise_name, NAME_MAX_CHARS).map_err(|e| errors.push(ConditionFieldError::Name(e)));
        if input.valid_until.is_some_and(|until| until <= input.valid_from) {
            errors.push(ConditionFieldError::Period);
        }
        match (target, reason, source_ref, name) {
            (Some(target), Ok(reason), Ok(source_ref), Ok(enterprise_name)) if errors.is_empty() => Ok(NewCondition {
                target,
                enterprise_name,
                severity: input.severity,
                source: input.source,
                source_ref,
                reason,
                valid_from: input.valid_from,
                valid_until: input.valid_until,
            }),
            _ => Err(errors),
        }
    }
}
