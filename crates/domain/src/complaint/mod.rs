//! Complaints and reports (投诉举报, SPEC §7): anyone lodges one about a case, a department,
//! an agent or the service, and follows it by its tracking number and the last four digits
//! of their mobile; the office assigns it, a reply is due within working days, the
//! complainant rates the reply.
//!
//! **States** ([`TRANSITIONS`]): `submitted` → `assigned` (the office names a department
//! and / or an official) → `replied` → `closed`; `submitted` or `assigned` → `rejected` (not a
//! complaint, with a reason). Reassigning keeps the deadline: it runs from the first
//! assignment.
//!
//! **Satisfaction** is the complainant's, recorded once per reply: `satisfied` and
//! `basically_satisfied` close the complaint; `dissatisfied` closes it too, unless the
//! complainant asks to reopen it and it was never reopened: then it goes back to `assigned`
//! (same department and official, a new reply deadline from the reopening), the rating stays
//! in its timeline, and the second reply is rated once more — finally. The office may close a
//! replied complaint the complainant has not rated; the complainant may still rate it (and
//! reopen it once) afterwards.
//!
//! **Deadline**: [`ComplaintPolicy::reply_working_days`] working days on the county calendar
//! from the assignment; the reminder sweep chases it like a sheet's (reminder before, notice
//! at, escalation after); a complaint still waiting for its reply after it is overdue.

pub mod chase;
mod tracking;

pub use tracking::{TRACKING_NUMBER_LEN, TrackingError, TrackingNumber};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::calendar::{Calendar, CalendarError};
use crate::codes::code_enum;
use crate::role::Role;

code_enum! {
    /// What a complaint is about.
    pub enum ComplaintSubject: "complaint subject" {
        /// A case (by its number).
        Case = "case",
        /// A department.
        Department = "department",
        /// An agent (an official, by id).
        Agent = "agent",
        /// The service as a whole.
        Service = "service",
    }
}

code_enum! {
    /// Where a complaint stands.
    pub enum ComplaintState: "complaint state" {
        /// 已提交: waiting for the office to assign it.
        Submitted = "submitted",
        /// 已交办: a department or official is to reply by the deadline.
        Assigned = "assigned",
        /// 已答复: waiting for the complainant's rating or the office's closing.
        Replied = "replied",
        /// 已办结.
        Closed = "closed",
        /// 不予受理: not a complaint, with a reason.
        Rejected = "rejected",
    }
}

code_enum! {
    /// What is done to a complaint.
    pub enum ComplaintAction: "complaint action" {
        /// The complainant lodges it.
        Lodge = "lodge",
        /// The office assigns it to a department and / or an official (again: reassigns).
        Assign = "assign",
        /// The assignee, the assigned department or the office replies.
        Reply = "reply",
        /// The office closes a replied complaint.
        Close = "close",
        /// The office refuses it as no complaint, with a reason.
        Reject = "reject",
        /// The complainant rates the reply (and may reopen it once).
        Rate = "rate",
        /// Reopened by a dissatisfied rating.
        Reopen = "reopen",
    }
}

code_enum! {
    /// The complainant's satisfaction with the reply.
    pub enum Satisfaction: "satisfaction" {
        /// 满意.
        Satisfied = "satisfied",
        /// 基本满意.
        BasicallySatisfied = "basically_satisfied",
        /// 不满意.
        Dissatisfied = "dissatisfied",
    }
}

impl ComplaintState {
    /// Whether nothing more happens to it (a closed complaint may still be rated once).
    pub fn is_final(self) -> bool {
        matches!(self, ComplaintState::Closed | ComplaintState::Rejected)
    }

    /// Whether a reply is awaited (the deadline runs).
    pub fn awaits_reply(self) -> bool {
        self == ComplaintState::Assigned
    }
}

/// The rules a county keeps for complaints, in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComplaintPolicy {
    /// Working days from assignment (or reopening) to the reply.
    pub reply_working_days: u32,
    /// Longest complaint text, reply, or rejection reason, in characters.
    pub text_max_chars: usize,
    /// Longest complainant name.
    pub name_max_chars: usize,
    /// Longest case number given.
    pub case_number_max_chars: usize,
    /// Times a dissatisfied complainant may reopen one complaint.
    pub reopen_limit: u32,
}

impl ComplaintPolicy {
    /// The county's default: a reply within 5 working days.
    pub const DEFAULT: ComplaintPolicy = ComplaintPolicy {
        reply_working_days: 5,
        text_max_chars: 2000,
        name_max_chars: 50,
        case_number_max_chars: 32,
        reopen_limit: 1,
    };

    /// When the reply to a complaint assigned (or reopened) at `from` is due.
    pub fn reply_due(&self, from: DateTime<Utc>, calendar: &Calendar) -> Result<DateTime<Utc>, CalendarError> {
        calendar.add_working_days(from, self.reply_working_days)
    }
}

impl Default for ComplaintPolicy {
    fn default() -> Self {
        ComplaintPolicy::DEFAULT
    }
}

/// Whether a complaint is overdue at `now`: a reply is awaited and its deadline has passed.
pub fn is_overdue(state: ComplaintState, due_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    state.awaits_reply() && due_at.is_some_and(|due| now > due)
}

/// Whether a reply came in time: given, and by its deadline.
pub fn replied_on_time(replied_at: Option<DateTime<Utc>>, due_at: Option<DateTime<Utc>>) -> bool {
    matches!((replied_at, due_at), (Some(r), Some(d)) if r <= d)
}

/// A mainland mobile number (11 digits, `1[3-9]…`): where a complainant is reached, and
/// whose last four digits key the following of a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Mobile(String);

impl Mobile {
    /// Reads a mobile number, spaces and hyphens ignored, `+86` allowed.
    pub fn parse(input: &str) -> Result<Self, FieldProblem> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        let digits = digits.strip_prefix("+86").unwrap_or(&digits).to_owned();
        let ok = digits.len() == 11
            && digits.starts_with('1')
            && digits.chars().nth(1).is_some_and(|c| ('3'..='9').contains(&c))
            && digits.chars().all(|c| c.is_ascii_digit());
        if ok { Ok(Mobile(digits)) } else { Err(FieldProblem::Mobile) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last four digits: the key, with the tracking number, for following a complaint.
    pub fn last4(&self) -> &str {
        &self.0[self.0.len() - 4..]
    }

    /// For lists: `138****0001`.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], self.last4())
    }
}

/// Masks a stored mobile number for lists (`138****0001`), whatever it holds.
pub fn mask_mobile(stored: &str) -> String {
    Mobile::parse(stored).map(|m| m.masked()).unwrap_or_else(|_| "****".to_owned())
}

/// Whether `given` is the four last digits of `mobile` (the follower's proof).
pub fn last4_matches(mobile: &str, given: &str) -> bool {
    let given = given.trim();
    given.len() == 4 && given.chars().all(|c| c.is_ascii_digit()) && mobile.ends_with(given)
}

/// Why a field of a complaint is refused (each becomes a field-level message).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FieldProblem {
    #[error("must not be empty")]
    Required,
    #[error("must be at most {max} characters")]
    TooLong { max: usize },
    #[error("is not a mainland mobile number")]
    Mobile,
    #[error("is required for this subject")]
    SubjectIdRequired,
    #[error("is not taken for this subject")]
    SubjectIdUnexpected,
    #[error("a case number is required for a complaint about a case")]
    CaseNumberRequired,
}

/// A complaint as lodged, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lodged {
    pub subject: ComplaintSubject,
    /// The department (subject `department`) or the official (subject `agent`).
    pub subject_id: Option<Uuid>,
    pub case_number: Option<String>,
    pub name: String,
    pub mobile: Mobile,
    pub text: String,
}

/// What the complainant sent, unchecked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LodgeInput {
    pub subject: ComplaintSubject,
    pub subject_id: Option<Uuid>,
    pub case_number: Option<String>,
    pub name: String,
    pub mobile: String,
    pub text: String,
}

fn bounded(input: &str, max: usize) -> Result<String, FieldProblem> {
    let t = input.trim();
    if t.is_empty() {
        Err(FieldProblem::Required)
    } else if t.chars().count() > max {
        Err(FieldProblem::TooLong { max })
    } else {
        Ok(t.to_owned())
    }
}

/// Checks a lodged complaint, naming every field that is wrong.
pub fn check_lodge(input: &LodgeInput, policy: &ComplaintPolicy) -> Result<Lodged, Vec<(&'static str, FieldProblem)>> {
    let mut errors = Vec::new();
    let name = bounded(&input.name, policy.name_max_chars).map_err(|e| errors.push(("name", e))).ok();
    let mobile = Mobile::parse(&input.mobile).map_err(|e| errors.push(("mobile", e))).ok();
    let text = bounded(&input.text, policy.text_max_chars).map_err(|e| errors.push(("text", e))).ok();
    let case_number = match input.case_number.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(n) if n.chars().count() > policy.case_number_max_chars => {
            errors.push(("case_number", FieldProblem::TooLong { max: policy.case_number_max_chars }));
            None
        }
        Some(n) => Some(n.to_owned()),
        None => None,
    };
    let needs_id = matches!(input.subject, ComplaintSubject::Department | ComplaintSubject::Agent);
    match (needs_id, input.subject_id) {
        (true, None) => errors.push(("subject_id", FieldProblem::SubjectIdRequired)),
        (false, Some(_)) => errors.push(("subject_id", FieldProblem::SubjectIdUnexpected)),
        _ => {}
    }
    if input.subject == ComplaintSubject::Case && input.case_number.as_deref().is_none_or(|n| n.trim().is_empty()) {
        errors.push(("case_number", FieldProblem::CaseNumberRequired));
    }
    match (name, mobile, text) {
        (Some(name), Some(mobile), Some(text)) if errors.is_empty() => {
            Ok(Lodged { subject: input.subject, subject_id: input.subject_id, case_number, name, mobile, text })
        }
        _ => Err(errors),
    }
}

/// Who acts on a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplaintActor {
    /// The complainant, proven by the tracking number and the mobile's last four digits.
    Complainant,
    /// A signed-in official.
    Official { role: Role, user_id: Uuid, department_id: Option<Uuid> },
}

/// What a complaint holds that its rules read and change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Complaint {
    pub state: ComplaintState,
    /// The department assigned.
    pub department_id: Option<Uuid>,
    /// The official assigned.
    pub assignee_id: Option<Uuid>,
    /// The first assignment (or the reopening): the deadline runs from it.
    pub assigned_at: Option<DateTime<Utc>>,
    /// When the reply is due.
    pub due_at: Option<DateTime<Utc>>,
    pub reply: Option<String>,
    pub replied_by: Option<Uuid>,
    pub replied_at: Option<DateTime<Utc>>,
    /// The complainant's rating of the current reply.
    pub satisfaction: Option<Satisfaction>,
    pub rated_at: Option<DateTime<Utc>>,
    /// Times reopened by a dissatisfied complainant.
    pub reopened: u32,
    pub reject_reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl Complaint {
    /// A complaint just lodged.
    pub fn lodged() -> Self {
        Complaint {
            state: ComplaintState::Submitted,
            department_id: None,
            assignee_id: None,
            assigned_at: None,
            due_at: None,
            reply: None,
            replied_by: None,
            replied_at: None,
            satisfaction: None,
            rated_at: None,
            reopened: 0,
            reject_reason: None,
            closed_at: None,
        }
    }
}

/// A command on a complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComplaintCommand {
    /// Name a department and / or an official (at least one; the official's department is
    /// the caller's to check).
    Assign {
        department_id: Option<Uuid>,
        assignee_id: Option<Uuid>,
    },
    Reply {
        text: String,
    },
    Close,
    Reject {
        reason: String,
    },
    /// Rate the reply; `reopen` asks, with `dissatisfied`, for another reply.
    Rate {
        satisfaction: Satisfaction,
        reopen: bool,
    },
}

impl ComplaintCommand {
    pub fn action(&self) -> ComplaintAction {
        match self {
            ComplaintCommand::Assign { .. } => ComplaintAction::Assign,
            ComplaintCommand::Reply { .. } => ComplaintAction::Reply,
            ComplaintCommand::Close => ComplaintAction::Close,
            ComplaintCommand::Reject { .. } => ComplaintAction::Reject,
            ComplaintCommand::Rate { .. } => ComplaintAction::Rate,
        }
    }
}

/// Who may take an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The office.
    Office,
    /// The office, the official assigned, or the assigned department's agents (when no
    /// official is named) and leaders.
    Responder,
    /// The complainant.
    Complainant,
}

/// One allowed (state, action) with its target and who may take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: ComplaintState,
    pub action: ComplaintAction,
    pub to: ComplaintState,
    pub who: Who,
}

const fn t(from: ComplaintState, action: ComplaintAction, to: ComplaintState, who: Who) -> Transition {
    Transition { from, action, to, who }
}

/// Every allowed transition. A `rate` on `replied` or `closed` goes to `closed`, or to
/// `assigned` when a dissatisfied complainant reopens (see the module documentation); a
/// `rate` is allowed only while the current reply is unrated.
pub const TRANSITIONS: [Transition; 8] = {
    use ComplaintAction as A;
    use ComplaintState as S;
    [
        t(S::Submitted, A::Assign, S::Assigned, Who::Office),
        t(S::Assigned, A::Assign, S::Assigned, Who::Office),
        t(S::Submitted, A::Reject, S::Rejected, Who::Office),
        t(S::Assigned, A::Reject, S::Rejected, Who::Office),
        t(S::Assigned, A::Reply, S::Replied, Who::Responder),
        t(S::Replied, A::Close, S::Closed, Who::Office),
        t(S::Replied, A::Rate, S::Closed, Who::Complainant),
        t(S::Closed, A::Rate, S::Closed, Who::Complainant),
    ]
};

/// Why a command is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComplaintError {
    /// Not allowed from this state; names the actions possible for the caller.
    #[error("{action} is not allowed from {state}")]
    NotAllowed { state: ComplaintState, action: ComplaintAction, allowed: Vec<ComplaintAction> },
    /// The caller may not take this action on this complaint.
    #[error("forbidden")]
    Forbidden,
    /// The current reply was rated already.
    #[error("already rated")]
    AlreadyRated,
    /// A field of the command is wrong.
    #[error("{field} {problem}")]
    Field { field: &'static str, problem: FieldProblem },
    /// The deadline cannot be placed on the calendar.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

fn may(who: Who, actor: &ComplaintActor, c: &Complaint) -> bool {
    match (who, actor) {
        (Who::Complainant, ComplaintActor::Complainant) => true,
        (Who::Office, ComplaintActor::Official { role, .. }) => *role == Role::Office,
        (Who::Responder, ComplaintActor::Official { role, user_id, department_id }) => match role {
            Role::Office => true,
            Role::DepartmentLeader => department_id.is_some() && *department_id == c.department_id,
            Role::DepartmentAgent => {
                c.assignee_id == Some(*user_id)
                    || (c.assignee_id.is_none() && department_id.is_some() && *department_id == c.department_id)
            }
            _ => c.assignee_id == Some(*user_id),
        },
        _ => false,
    }
}

/// The actions `actor` may take on `c` now.
pub fn allowed_actions(c: &Complaint, actor: &ComplaintActor) -> Vec<ComplaintAction> {
    let mut out: Vec<ComplaintAction> = TRANSITIONS
        .iter()
        .filter(|t| t.from == c.state && may(t.who, actor, c))
        .filter(|t| t.action != ComplaintAction::Rate || c.satisfaction.is_none())
        .map(|t| t.action)
        .collect();
    out.dedup();
    out
}

/// What a decision changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The complaint after the command.
    pub complaint: Complaint,
    /// The action recorded in the timeline (`reopen` for a reopening rating, after `rate`).
    pub recorded: Vec<ComplaintAction>,
    /// The reply deadline to open (a first assignment or a reopening), if any.
    pub open_deadline: Option<DateTime<Utc>>,
    /// Whether the open reply deadline ends.
    pub close_deadline: bool,
}

/// Applies `command` of `actor` to `c` at `now`.
pub fn decide(
    c: &Complaint,
    command: &ComplaintCommand,
    actor: &ComplaintActor,
    now: DateTime<Utc>,
    calendar: &Calendar,
    policy: &ComplaintPolicy,
) -> Result<Decision, ComplaintError> {
    let action = command.action();
    let Some(row) = TRANSITIONS.iter().find(|t| t.from == c.state && t.action == action) else {
        return Err(ComplaintError::NotAllowed { state: c.state, action, allowed: allowed_actions(c, actor) });
    };
    if !may(row.who, actor, c) {
        return Err(ComplaintError::Forbidden);
    }
    let mut next = c.clone();
    next.state = row.to;
    let mut recorded = vec![action];
    let mut open_deadline = None;
    let mut close_deadline = false;
    let field = |field: &'static str| move |problem| ComplaintError::Field { field, problem };
    match command {
        ComplaintCommand::Assign { department_id, assignee_id } => {
            if department_id.is_none() && assignee_id.is_none() {
                return Err(ComplaintError::Field { field: "department_id", problem: FieldProblem::Required });
            }
            next.department_id = *department_id;
            next.assignee_id = *assignee_id;
            if c.assigned_at.is_none() {
                let due = policy.reply_due(now, calendar)?;
                next.assigned_at = Some(now);
                next.due_at = Some(due);
                open_deadline = Some(due);
            }
        }
        ComplaintCommand::Reply { text } => {
            let ComplaintActor::Official { user_id, .. } = actor else { return Err(ComplaintError::Forbidden) };
            next.reply = Some(bounded(text, policy.text_max_chars).map_err(field("text"))?);
            next.replied_by = Some(*user_id);
            next.replied_at = Some(now);
            next.satisfaction = None;
            next.rated_at = None;
            close_deadline = true;
        }
        ComplaintCommand::Close => {
            next.closed_at = Some(now);
        }
        ComplaintCommand::Reject { reason } => {
            next.reject_reason = Some(bounded(reason, policy.text_max_chars).map_err(field("reason"))?);
            next.closed_at = Some(now);
            close_deadline = c.state.awaits_reply();
        }
        ComplaintCommand::Rate { satisfaction, reopen } => {
            if c.satisfaction.is_some() {
                return Err(ComplaintError::AlreadyRated);
            }
            next.satisfaction = Some(*satisfaction);
            next.rated_at = Some(now);
            let reopens = *reopen && *satisfaction == Satisfaction::Dissatisfied && c.reopened < policy.reopen_limit;
            if reopens {
                let due = policy.reply_due(now, calendar)?;
                next.state = ComplaintState::Assigned;
                next.reopened = c.reopened + 1;
                next.satisfaction = None;
                next.rated_at = None;
                next.assigned_at = Some(now);
                next.due_at = Some(due);
                next.closed_at = None;
                open_deadline = Some(due);
                recorded.push(ComplaintAction::Reopen);
            } else if next.closed_at.is_none() {
                next.closed_at = Some(now);
            }
        }
    }
    Ok(Decision { complaint: next, recorded, open_deadline, close_deadline })
}

#[cfg(test)]
mod tests;
