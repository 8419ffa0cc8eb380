//! Notifications the rules decide on: what happened ([`NotificationKind`]), to whom
//! ([`Recipient`]), with which parameters ([`NoticeParams`]), once per [`DedupeKey`].
//!
//! The domain names recipients by what they are (a role, a department's agents, the case's
//! enterprise, a named user), never by a query: the caller resolves them to active users.
//! The wording is rendered from the kind's parameters in the reader's language
//! ([`Language`]); the Chinese text is the one stored in the outbox.

mod render;
pub mod template;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::case::deadline::DeadlineKind;
use crate::case::escalation::StepKind;
use crate::case::evaluation::EvaluationLevel;
use crate::case::sheet::SheetOutcome;
use crate::codes::code_enum;
use crate::role::Role;

pub use render::Rendered;

code_enum! {
    /// What a notification tells (`notifications.kind`).
    pub enum NotificationKind: "notification kind" {
        /// A sheet was dispatched to a department (its agent, or its agents).
        TaskDispatched = "task_dispatched",
        /// A sheet was cancelled because its case was terminated (the department's agents).
        TaskCancelled = "task_cancelled",
        /// A sheet was transferred to a colleague (the colleague).
        TaskTransferred = "task_transferred",
        /// A sheet has a result: for the window and the office to pass on, or for the
        /// enterprise once the window told it.
        TaskResult = "task_result",
        /// The department asks the enterprise for corrections (补正).
        CorrectionRequested = "correction_requested",
        /// The case was accepted (the office forms the team; the enterprise is told).
        CaseAccepted = "case_accepted",
        /// The application was not accepted (the enterprise).
        CaseRejected = "case_rejected",
        /// The service plan waits for the enterprise's agreement.
        PlanProposed = "plan_proposed",
        /// The one-time written notification (一次性告知) to the enterprise.
        OneTimeNotification = "one_time_notification",
        /// The case was completed or terminated; the enterprise confirms the form.
        CaseClosed = "case_closed",
        /// A bad review opened a rectification (整改).
        RectificationOpened = "rectification_opened",
        /// A deadline is near.
        DeadlineReminder = "deadline_reminder",
        /// A deadline has passed.
        DeadlineOverdue = "deadline_overdue",
        /// A deadline passed long ago: one rung up the ladder.
        DeadlineEscalation = "deadline_escalation",
        /// A supervision notice (督办通知) of the office.
        SupervisionNotice = "supervision_notice",
        /// A joint pre-review (联合预审) asks the plan's departments for their opinions.
        PreReviewOpened = "prereview_opened",
        /// A joint pre-review was closed into one list of gaps (the enterprise, the departments).
        PreReviewClosed = "prereview_closed",
        /// The office convened a joint meeting (its attendees).
        MeetingConvened = "meeting_convened",
    }
}

/// A language notifications are shown in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    /// Simplified Chinese, the language stored.
    #[default]
    #[serde(rename = "zh-CN")]
    Chinese,
    /// English.
    #[serde(rename = "en")]
    English,
}

impl Language {
    /// Every language, Chinese first.
    pub const ALL: [Language; 2] = [Language::Chinese, Language::English];

    /// The language of a BCP 47 tag this module writes (`zh-CN`, `en`).
    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Chinese => "zh-CN",
            Language::English => "en",
        }
    }
}

/// Who is told, as the rules name them; the caller resolves each to active users of the
/// case's tenant (except [`Recipient::User`], written as named).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Recipient {
    /// The tenant's active users with this role (the office, the window, the supervisors).
    Role {
        /// The role.
        role: Role,
    },
    /// A department's active users with this role (its agents or its leaders).
    Department {
        /// The department.
        department_id: Uuid,
        /// The role.
        role: Role,
    },
    /// The active users acting for the case's enterprise (its project contacts).
    Enterprise,
    /// The case's butler team members that are still active.
    Team,
    /// This user, written as named (the plan's agent, the colleague a sheet is transferred to).
    User {
        /// The user.
        user_id: Uuid,
    },
    /// This user, if still active.
    ActiveUser {
        /// The user.
        user_id: Uuid,
    },
    /// The first of these that names at least one active user (a ladder's fallback).
    FirstOf {
        /// The alternatives, in order.
        options: Vec<Recipient>,
    },
}

impl Recipient {
    /// The tenant's users with `role`.
    pub fn role(role: Role) -> Self {
        Recipient::Role { role }
    }

    /// A department's users with `role`.
    pub fn department(department_id: Uuid, role: Role) -> Self {
        Recipient::Department { department_id, role }
    }
}

/// What makes a notification unique per recipient; rendered with the ids only the caller
/// has (see [`DedupeKey::render`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DedupeKey {
    /// `case:{case id}:{what}`, followed by `:{version}` when `versioned` (the case's version
    /// as read before the change).
    Case {
        /// What happened, e.g. `accepted`.
        what: String,
        /// Whether the version is part of the key.
        versioned: bool,
    },
    /// `task:{sheet id}:{what}`, followed by `:{version}` when `versioned` (the sheet's
    /// version as written by the change).
    Sheet {
        /// What happened, e.g. `correction`.
        what: String,
        /// Whether the version is part of the key.
        versioned: bool,
    },
    /// `rectification:{id}` of the rectification the caller records.
    Rectification,
    /// `supervision:{id}` of the supervision notice the caller records.
    Supervision,
    /// A reminder step's own key (see [`crate::case::escalation::DueStep::key`]).
    Step {
        /// The key.
        key: String,
    },
    /// `prereview:{id}:{what}` of the joint pre-review the caller records.
    PreReview {
        /// What happened, e.g. `opened`.
        what: String,
    },
    /// `meeting:{id}:convened` of the meeting the caller records.
    Meeting,
}

/// The ids a [`DedupeKey`] is rendered with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyIds {
    /// The case.
    pub case_id: Uuid,
    /// The sheet the notice is about.
    pub sheet_id: Option<Uuid>,
    /// The record created with it (a rectification, a supervision notice).
    pub record_id: Option<Uuid>,
    /// The version the key names (see [`DedupeKey::Case`] and [`DedupeKey::Sheet`]).
    pub version: Option<i32>,
}

impl DedupeKey {
    pub(crate) fn case(what: &str, versioned: bool) -> Self {
        DedupeKey::Case { what: what.to_owned(), versioned }
    }

    pub(crate) fn sheet(what: &str, versioned: bool) -> Self {
        DedupeKey::Sheet { what: what.to_owned(), versioned }
    }

    pub(crate) fn pre_review(what: &str) -> Self {
        DedupeKey::PreReview { what: what.to_owned() }
    }

    /// The key as stored; an id or version the key needs and `ids` lacks is written as the
    /// nil id or `0`.
    pub fn render(&self, ids: KeyIds) -> String {
        let version =
            |versioned: bool| if versioned { format!(":{}", ids.version.unwrap_or(0)) } else { String::new() };
        match self {
            DedupeKey::Case { what, versioned } => format!("case:{}:{what}{}", ids.case_id, version(*versioned)),
            DedupeKey::Sheet { what, versioned } => {
                format!("task:{}:{what}{}", ids.sheet_id.unwrap_or_default(), version(*versioned))
            }
            DedupeKey::Rectification => format!("rectification:{}", ids.record_id.unwrap_or_default()),
            DedupeKey::Supervision => format!("supervision:{}", ids.record_id.unwrap_or_default()),
            DedupeKey::Step { key } => key.clone(),
            DedupeKey::PreReview { what } => format!("prereview:{}:{what}", ids.record_id.unwrap_or_default()),
            DedupeKey::Meeting => format!("meeting:{}:convened", ids.record_id.unwrap_or_default()),
        }
    }
}

/// A project as notifications name it: `项目“{name}”（{number}）`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRef {
    /// The project's name.
    pub name: String,
    /// The case number, e.g. `EXAMPLE-2026-0001`.
    pub number: String,
}

/// What a notification says, by kind; [`NoticeParams::render`] writes it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "message", rename_all = "snake_case")]
pub enum NoticeParams {
    /// A sheet for the department ([`NotificationKind::TaskDispatched`]).
    TaskDispatched {
        /// The project.
        project: ProjectRef,
        /// The item's name.
        item: String,
    },
    /// A sheet cancelled with its case ([`NotificationKind::TaskCancelled`]).
    TaskCancelled {
        /// The project.
        project: ProjectRef,
        /// The termination's reason, as given.
        reason: String,
    },
    /// A sheet handed to the colleague ([`NotificationKind::TaskTransferred`]).
    TaskTransferred {
        /// The project.
        project: ProjectRef,
        /// The item's name.
        item: String,
    },
    /// A sheet's result, or its send-back, for the window ([`NotificationKind::TaskResult`]).
    TaskResult {
        /// The project.
        project: ProjectRef,
        /// The item's name.
        item: String,
        /// The outcome; `None` when the sheet was sent back to the window.
        outcome: Option<SheetOutcome>,
    },
    /// A sheet's result as told to the enterprise ([`NotificationKind::TaskResult`]).
    ResultNoticed {
        /// The item's name.
        item: String,
        /// The outcome.
        outcome: SheetOutcome,
        /// The approval's document number.
        document_number: Option<String>,
        /// The approval document (批文), a stored file the enterprise may download.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        document_file_id: Option<uuid::Uuid>,
    },
    /// 补正 asked of the enterprise ([`NotificationKind::CorrectionRequested`]).
    CorrectionRequested {
        /// The item's name.
        item: String,
        /// Why.
        reason: String,
        /// The materials asked for.
        materials: Vec<String>,
    },
    /// The office is to form the team ([`NotificationKind::CaseAccepted`]).
    TeamToForm {
        /// The project.
        project: ProjectRef,
    },
    /// The enterprise's application was accepted ([`NotificationKind::CaseAccepted`]).
    CaseAccepted {
        /// The project.
        project: ProjectRef,
    },
    /// The application was not accepted ([`NotificationKind::CaseRejected`]).
    CaseRejected {
        /// The project.
        project: ProjectRef,
        /// Why.
        reason: String,
    },
    /// The plan waits for the enterprise ([`NotificationKind::PlanProposed`]).
    PlanProposed {
        /// The project.
        project: ProjectRef,
    },
    /// The one-time written notification ([`NotificationKind::OneTimeNotification`]).
    OneTimeNotification {
        /// Its text, as written on the case (not translated).
        text: String,
    },
    /// The service is completed ([`NotificationKind::CaseClosed`]).
    CaseCompleted {
        /// The project.
        project: ProjectRef,
    },
    /// The service is terminated ([`NotificationKind::CaseClosed`]).
    CaseTerminated {
        /// The project.
        project: ProjectRef,
    },
    /// A bad review to rectify ([`NotificationKind::RectificationOpened`]).
    RectificationOpened {
        /// The project.
        project: ProjectRef,
        /// The level given.
        level: EvaluationLevel,
        /// Working days to rectify in.
        working_days: u32,
    },
    /// A step of a deadline's ladder ([`NotificationKind::DeadlineReminder`],
    /// [`NotificationKind::DeadlineOverdue`], [`NotificationKind::DeadlineEscalation`]).
    Deadline {
        /// Reminder, at the deadline, or escalation.
        step: StepKind,
        /// The deadline's kind; `None` for a kind this version does not know.
        deadline: Option<DeadlineKind>,
        /// The project, if the case was found.
        project: Option<ProjectRef>,
        /// Whether the deadline is a sheet's.
        on_sheet: bool,
        /// The sheet's item, for a sheet's deadline.
        item: Option<String>,
        /// The sheet's department (short name), for a sheet's deadline.
        department: Option<String>,
        /// The deadline.
        due_at: DateTime<Utc>,
        /// Whole working days from the deadline to the step's sending.
        late_working_days: i64,
    },
    /// A supervision notice ([`NotificationKind::SupervisionNotice`]).
    SupervisionNotice {
        /// The case it names, if any.
        project: Option<ProjectRef>,
        /// The department it names (short name), when it names no case.
        department: Option<String>,
        /// The office's text (not translated).
        content: String,
    },
    /// The departments are asked for their pre-review opinions
    /// ([`NotificationKind::PreReviewOpened`]).
    PreReviewOpened {
        /// The project.
        project: ProjectRef,
    },
    /// The pre-review's consolidated list is settled ([`NotificationKind::PreReviewClosed`]).
    PreReviewClosed {
        /// The project.
        project: ProjectRef,
        /// How many gaps the list has, all departments together.
        gaps: u32,
    },
    /// A joint meeting convened ([`NotificationKind::MeetingConvened`]).
    MeetingConvened {
        /// The meeting's title.
        title: String,
        /// Its kind.
        kind: crate::meeting::MeetingKind,
        /// When it is held.
        scheduled_at: DateTime<Utc>,
        /// Where.
        place: String,
    },
}

impl NoticeParams {
    /// The kind of notification these parameters make.
    pub fn kind(&self) -> NotificationKind {
        use NotificationKind as K;
        match self {
            NoticeParams::TaskDispatched { .. } => K::TaskDispatched,
            NoticeParams::TaskCancelled { .. } => K::TaskCancelled,
            NoticeParams::TaskTransferred { .. } => K::TaskTransferred,
            NoticeParams::TaskResult { .. } | NoticeParams::ResultNoticed { .. } => K::TaskResult,
            NoticeParams::CorrectionRequested { .. } => K::CorrectionRequested,
            NoticeParams::TeamToForm { .. } | NoticeParams::CaseAccepted { .. } => K::CaseAccepted,
            NoticeParams::CaseRejected { .. } => K::CaseRejected,
            NoticeParams::PlanProposed { .. } => K::PlanProposed,
            NoticeParams::OneTimeNotification { .. } => K::OneTimeNotification,
            NoticeParams::CaseCompleted { .. } | NoticeParams::CaseTerminated { .. } => K::CaseClosed,
            NoticeParams::RectificationOpened { .. } => K::RectificationOpened,
            NoticeParams::Deadline { step: StepKind::Reminder, .. } => K::DeadlineReminder,
            NoticeParams::Deadline { step: StepKind::AtDeadline, .. } => K::DeadlineOverdue,
            NoticeParams::Deadline { step: StepKind::Escalation, .. } => K::DeadlineEscalation,
            NoticeParams::SupervisionNotice { .. } => K::SupervisionNotice,
            NoticeParams::PreReviewOpened { .. } => K::PreReviewOpened,
            NoticeParams::PreReviewClosed { .. } => K::PreReviewClosed,
            NoticeParams::MeetingConvened { .. } => K::MeetingConvened,
        }
    }
}

/// One notification decided on: the same text for every recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Who is told (each resolved and deduplicated by the caller).
    pub to: Vec<Recipient>,
    /// A user never told, whatever `to` names (the issuer of a supervision notice).
    pub except: Option<Uuid>,
    /// Whether the notification points at the sheet the decision is about (else only at
    /// the case).
    pub on_sheet: bool,
    /// Once per recipient and key.
    pub key: DedupeKey,
    /// What it says.
    pub params: NoticeParams,
}

impl Notice {
    pub(crate) fn new(to: Vec<Recipient>, key: DedupeKey, params: NoticeParams) -> Self {
        Notice { to, except: None, on_sheet: false, key, params }
    }

    pub(crate) fn on_sheet(mut self) -> Self {
        self.on_sheet = true;
        self
    }

    /// The kind (from the parameters).
    pub fn kind(&self) -> NotificationKind {
        self.params.kind()
    }

    /// The title and body in `language`.
    pub fn render(&self, language: Language) -> Rendered {
        self.params.render(language)
    }
}

/// What a supervision notice (督办通知) names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Supervised {
    /// A department (directly or through one of its sheets), with its short name and the
    /// case, if one is named.
    Department {
        /// The department.
        department_id: Uuid,
        /// Its short name.
        name: String,
        /// The case named with it.
        project: Option<ProjectRef>,
    },
    /// A case only, with its team's named leader and lead agent.
    Case {
        /// The project.
        project: ProjectRef,
        /// The responsible leader.
        responsible_leader_id: Option<Uuid>,
        /// The lead agent.
        lead_agent_id: Option<Uuid>,
    },
}

/// The notification of a supervision notice issued by `issuer`: a department's leaders and
/// agents; for a case alone, its butler team, its responsible leader and lead agent (if still
/// active) and the office. Never the issuer. Keyed by the notice's id.
pub fn supervision_notice(supervised: Supervised, content: &str, issuer: Uuid) -> Notice {
    let (to, project, department) = match supervised {
        Supervised::Department { department_id, name, project } => (
            vec![
                Recipient::department(department_id, Role::DepartmentLeader),
                Recipient::department(department_id, Role::DepartmentAgent),
            ],
            project,
            Some(name),
        ),
        Supervised::Case { project, responsible_leader_id, lead_agent_id } => {
            let mut to = vec![Recipient::Team];
            to.extend(
                [responsible_leader_id, lead_agent_id]
                    .into_iter()
                    .flatten()
                    .map(|user_id| Recipient::ActiveUser { user_id }),
            );
            to.push(Recipient::role(Role::Office));
            (to, Some(project), None)
        }
    };
    let params = NoticeParams::SupervisionNotice { project, department, content: content.to_owned() };
    Notice { except: Some(issuer), ..Notice::new(to, DedupeKey::Supervision, params) }
}

#[cfg(test)]
mod tests;
