//! Complaints and reports (投诉举报, SPEC §7): anyone lodges one without an account and follows
//! it by its tracking number and the last four digits of their mobile ([`public`]); the office
//! assigns, closes or rejects it and the assignee replies ([`office`]); the reply deadline is
//! chased by the reminder sweep ([`chase`]); counts per department and official reach
//! supervision ([`statistics`]). The rules are the domain's (`butler_domain::complaint`).
//!
//! Every change writes the complaint (version-guarded), its timeline, its deadline and the
//! audit trail in one transaction.

pub mod chase;
pub mod office;
pub mod public;
pub mod statistics;

use butler_domain::calendar::CalendarError;
use butler_domain::complaint::{
    Complaint, ComplaintAction, ComplaintActor, ComplaintError, ComplaintPolicy, ComplaintState, ComplaintSubject,
    FieldProblem, Satisfaction, allowed_actions, is_overdue, mask_mobile,
};
use butler_persistence::Code;
use butler_persistence::repo::complaints::{self, ComplaintEventRow, ComplaintRow, NewComplaintEvent};
use butler_persistence::repo::deadlines;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::error::{AppError, FieldError};

/// The rules this server applies (one place, see the domain's policy).
pub const POLICY: ComplaintPolicy = ComplaintPolicy::DEFAULT;

/// One line of a complaint's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub action: ComplaintAction,
    pub from_state: Option<ComplaintState>,
    pub to_state: ComplaintState,
    /// The official who acted (none for the complainant); not shown to the public.
    pub actor_id: Option<Uuid>,
    /// The reply, the reason, or the rating given.
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

impl From<ComplaintEventRow> for TimelineEntry {
    fn from(e: ComplaintEventRow) -> Self {
        TimelineEntry {
            action: e.action.0,
            from_state: e.from_state.map(|s| s.0),
            to_state: e.to_state.0,
            actor_id: e.actor_id,
            note: e.note,
            at: e.occurred_at,
        }
    }
}

/// A complaint as the office reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintView {
    pub id: Uuid,
    pub tracking_number: String,
    pub subject: ComplaintSubject,
    pub subject_id: Option<Uuid>,
    pub case_number: Option<String>,
    pub case_id: Option<Uuid>,
    pub name: String,
    /// Masked (`138****0001`); [`crate::pii::reveal`] shows it in full to the office.
    pub mobile: String,
    pub text: String,
    pub state: ComplaintState,
    pub version: i32,
    pub department_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    pub assigned_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    /// Awaiting its reply past the deadline now.
    pub overdue: bool,
    pub reply: Option<String>,
    pub replied_by: Option<Uuid>,
    pub replied_at: Option<DateTime<Utc>>,
    pub satisfaction: Option<Satisfaction>,
    pub reopened: u32,
    pub reject_reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// What the caller may do now.
    pub allowed_actions: Vec<ComplaintAction>,
    /// The timeline (detail only; empty in lists).
    pub timeline: Vec<TimelineEntry>,
}

/// The rules' view of a stored complaint.
pub(crate) fn facts(row: &ComplaintRow) -> Complaint {
    Complaint {
        state: row.state.0,
        department_id: row.department_id,
        assignee_id: row.assignee_id,
        assigned_at: row.assigned_at,
        due_at: row.due_at,
        reply: row.reply.clone(),
        replied_by: row.replied_by,
        replied_at: row.replied_at,
        satisfaction: row.satisfaction.map(|s| s.0),
        rated_at: row.rated_at,
        reopened: u32::try_from(row.reopened).unwrap_or_default(),
        reject_reason: row.reject_reason.clone(),
        closed_at: row.closed_at,
    }
}

/// The stored row with the rules' outcome written over it, one version on.
pub(crate) fn with_facts(row: &ComplaintRow, c: &Complaint, now: DateTime<Utc>) -> ComplaintRow {
    ComplaintRow {
        state: Code(c.state),
        version: row.version + 1,
        department_id: c.department_id,
        assignee_id: c.assignee_id,
        assigned_at: c.assigned_at,
        due_at: c.due_at,
        reply: c.reply.clone(),
        replied_by: c.replied_by,
        replied_at: c.replied_at,
        satisfaction: c.satisfaction.map(Code),
        rated_at: c.rated_at,
        reopened: i32::try_from(c.reopened).unwrap_or(i32::MAX),
        reject_reason: c.reject_reason.clone(),
        closed_at: c.closed_at,
        updated_at: now,
        ..row.clone()
    }
}

/// The complaint of `row` for `actor`, the mobile masked (shown in full only by
/// [`crate::pii::reveal`]).
pub(crate) fn view(
    keys: &crate::pii::Keyring,
    row: ComplaintRow,
    actor: &ComplaintActor,
    now: DateTime<Utc>,
) -> Result<ComplaintView, AppError> {
    let f = facts(&row);
    let mobile = mask_mobile(&keys.open(&row.mobile)?);
    Ok(ComplaintView {
        allowed_actions: allowed_actions(&f, actor),
        overdue: is_overdue(f.state, f.due_at, now),
        id: row.id,
        tracking_number: row.tracking_number,
        subject: row.subject.0,
        subject_id: row.subject_id,
        case_number: row.case_number,
        case_id: row.case_id,
        name: row.name,
        mobile,
        text: row.text,
        state: f.state,
        version: row.version,
        department_id: f.department_id,
        assignee_id: f.assignee_id,
        assigned_at: f.assigned_at,
        due_at: f.due_at,
        reply: f.reply,
        replied_by: f.replied_by,
        replied_at: f.replied_at,
        satisfaction: f.satisfaction,
        reopened: f.reopened,
        reject_reason: f.reject_reason,
        closed_at: f.closed_at,
        created_at: row.created_at,
        timeline: Vec::new(),
    })
}

/// A field problem in the reader's two languages.
pub(crate) fn field_error(field: &str, problem: FieldProblem) -> FieldError {
    let (code, zh, en) = match problem {
        FieldProblem::Required => ("required", "必填项".to_owned(), "must not be empty".to_owned()),
        FieldProblem::TooLong { max } => {
            ("length", format!("不能超过 {max} 个字符"), format!("must be at most {max} characters"))
        }
        FieldProblem::Mobile => {
            ("mobile", "请输入 11 位手机号码".to_owned(), "must be an 11-digit mainland mobile number".to_owned())
        }
        FieldProblem::SubjectIdRequired => (
            "required",
            "投诉部门或人员时须指明对象".to_owned(),
            "name the department or agent complained about".to_owned(),
        ),
        FieldProblem::SubjectIdUnexpected => (
            "unexpected",
            "投诉项目或服务时不需指明对象".to_owned(),
            "is only taken for a department or an agent".to_owned(),
        ),
        FieldProblem::CaseNumberRequired => (
            "required",
            "投诉项目时须填写项目编号".to_owned(),
            "a case number is required for a complaint about a case".to_owned(),
        ),
    };
    FieldError::new(field, code, zh, en)
}

/// Maps a refusal of the rules to the application's error.
pub(crate) fn refusal(err: ComplaintError) -> AppError {
    match err {
        ComplaintError::NotAllowed { state, action, allowed } => AppError::InvalidTransition {
            state: state.code().to_owned(),
            action: action.code().to_owned(),
            allowed: allowed.into_iter().map(|a| a.code().to_owned()).collect(),
        },
        ComplaintError::Forbidden => AppError::Forbidden,
        ComplaintError::AlreadyRated => AppError::Conflict("the reply was rated already".into()),
        ComplaintError::Field { field, problem } => AppError::Validation(vec![field_error(field, problem)]),
        ComplaintError::Calendar(e) => calendar_error(e),
    }
}

pub(crate) fn calendar_error(e: CalendarError) -> AppError {
    AppError::internal(e)
}

/// What one decided change writes.
pub(crate) struct Change<'a> {
    pub before: &'a ComplaintRow,
    pub after: ComplaintRow,
    pub events: Vec<NewComplaintEvent>,
    pub open_deadline: Option<DateTime<Utc>>,
    pub close_deadline: bool,
}

/// Writes a decided change in the caller's transaction: the complaint (version-guarded),
/// its timeline and its deadline.
pub(crate) async fn write(db: &impl ConnectionTrait, change: Change<'_>, now: DateTime<Utc>) -> Result<(), AppError> {
    complaints::save(db, &change.after).await?;
    complaints::append_events(db, change.before.tenant_id, change.before.id, change.events, now).await?;
    if change.close_deadline {
        deadlines::close_for_complaint(db, change.before.id, now).await?;
    }
    if let Some(due) = change.open_deadline {
        deadlines::open_for_complaint(db, change.before.tenant_id, change.before.id, due, now).await?;
    }
    Ok(())
}

/// The timeline lines a decision records.
pub(crate) fn events_of(
    recorded: &[ComplaintAction],
    before: ComplaintState,
    after: ComplaintState,
    actor_id: Option<Uuid>,
    note: Option<String>,
) -> Vec<NewComplaintEvent> {
    let mut from = before;
    recorded
        .iter()
        .enumerate()
        .map(|(i, action)| {
            let last = i + 1 == recorded.len();
            // A reopening rating reads: rate (replied → closed), then reopen (closed → assigned).
            let to = if last { after } else { ComplaintState::Closed };
            let e = NewComplaintEvent {
                action: *action,
                from_state: Some(from),
                to_state: to,
                actor_id,
                note: if i == 0 { note.clone() } else { None },
            };
            from = to;
            e
        })
        .collect()
}
