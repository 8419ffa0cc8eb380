//! Message templates a tenant writes per [`NotificationKind`] and [`Language`]: the
//! placeholders each kind offers (named after what its [`NoticeParams`] hold), checking a
//! template when it is saved, and rendering a notification with it. Without a template the
//! built-in wording ([`NoticeParams::render`]) is used.
//!
//! Syntax: `{name}` is a placeholder; `{{` and `}}` write a literal brace.

use std::collections::HashMap;

use super::{Language, NoticeParams, NotificationKind, ProjectRef, Rendered};
use crate::calendar::TIME_ZONE;

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest body, in characters.
pub const MAX_BODY_CHARS: usize = 1000;

const PROJECT: [&str; 3] = ["project", "project_name", "case_number"];

/// The placeholders `kind` offers, in the order an editor lists them.
pub fn placeholders(kind: NotificationKind) -> &'static [&'static str] {
    use NotificationKind as K;
    match kind {
        K::TaskDispatched | K::TaskTransferred => &["project", "project_name", "case_number", "item"],
        K::TaskCancelled | K::CaseRejected => &["project", "project_name", "case_number", "reason"],
        K::TaskResult => &["project", "project_name", "case_number", "item", "outcome", "document_number"],
        K::CorrectionRequested => &["item", "reason", "materials"],
        K::CaseAccepted | K::PlanProposed | K::CaseClosed => &PROJECT,
        K::OneTimeNotification => &["text"],
        K::RectificationOpened => &["project", "project_name", "case_number", "level", "working_days"],
        K::DeadlineReminder | K::DeadlineOverdue | K::DeadlineEscalation => {
            &["project", "project_name", "case_number", "item", "department", "due", "late_working_days"]
        }
        K::SupervisionNotice => &["project", "project_name", "case_number", "department", "content"],
        K::PreReviewOpened => &PROJECT,
        K::PreReviewClosed => &["project", "project_name", "case_number", "gaps"],
        K::MeetingConvened => &["title", "meeting_kind", "when", "place"],
    }
}

/// The built-in wording of `kind` in `language`, written as a template (title, body): what
/// an editor starts from. Kinds with several cases (a result or a send-back, completion or
/// termination, the deadline kinds) are rendered by the built-in rules until a template is
/// saved; this text is the one of their common case.
pub fn default_text(kind: NotificationKind, language: Language) -> (&'static str, &'static str) {
    use NotificationKind as K;
    match language {
        Language::Chinese => match kind {
            K::TaskDispatched => ("新任务单：{item}", "{project}的“{item}”已分送贵部门，请于 30 分钟内回执。"),
            K::TaskCancelled => ("任务单已取消", "{project}已终止，任务单取消：{reason}"),
            K::TaskTransferred => ("转办任务单：{item}", "{project}的“{item}”已转由您办理，时限不变。"),
            K::TaskResult => ("任务单有结果：{item}", "{project}的“{item}”：{outcome}。请及时告知企业。"),
            K::CorrectionRequested => ("请补正材料：{item}", "“{item}”需要补正：{reason}。所需材料：{materials}"),
            K::CaseAccepted => ("帮办代办申请已受理", "您的{project}已受理，项目管家团队将在 1 个工作日内组建。"),
            K::CaseRejected => ("帮办代办申请未予受理", "{project}未予受理：{reason}"),
            K::PlanProposed => ("服务方案待确认", "{project}的帮办代办服务方案已拟定，请查看并确认。"),
            K::OneTimeNotification => ("一次性告知书", "{text}"),
            K::CaseClosed => ("请确认办结单", "{project}帮办代办服务已办结，请签字确认办结单并评价。"),
            K::RectificationOpened => {
                ("差评整改", "{project}收到“{level}”评价，请在 {working_days} 个工作日内整改并书面回复，并回访企业。")
            }
            K::DeadlineReminder => ("即将到期：{project_name}", "{project}须于 {due} 前办理，请抓紧办理。"),
            K::DeadlineOverdue => ("已超时：{project_name}", "{project}须于 {due} 前办理，现已超时，请尽快办理。"),
            K::DeadlineEscalation => (
                "督办：{project_name}",
                "{project}须于 {due} 前办理，已超期 {late_working_days} 个工作日仍未完成，请督促办理。",
            ),
            K::SupervisionNotice => ("督办通知：{project}", "{content}"),
            K::PreReviewOpened => {
                ("联合预审：{project_name}", "{project}的申请材料进入联合预审，请提出贵部门的预审意见。")
            }
            K::PreReviewClosed => (
                "联合预审意见汇总：{project_name}",
                "{project}的联合预审已结束，共 {gaps} 项材料问题，请查看一次性告知的问题清单。",
            ),
            K::MeetingConvened => {
                ("会议通知：{title}", "{meeting_kind}“{title}”定于 {when} 在{place}召开，请准时参加。")
            }
        },
        Language::English => match kind {
            K::TaskDispatched => (
                "New task sheet: {item}",
                "“{item}” of {project} was sent to your department; acknowledge it within 30 minutes.",
            ),
            K::TaskCancelled => {
                ("Task sheet cancelled", "The {project} was terminated; the sheet is cancelled: {reason}")
            }
            K::TaskTransferred => (
                "Task sheet transferred: {item}",
                "“{item}” of {project} is now yours to handle; the time limit is unchanged.",
            ),
            K::TaskResult => {
                ("Task sheet result: {item}", "“{item}” of {project}: {outcome}. Please tell the enterprise.")
            }
            K::CorrectionRequested => {
                ("Corrections needed: {item}", "“{item}” needs corrections: {reason}. Materials: {materials}")
            }
            K::CaseAccepted => (
                "Application accepted",
                "Your {project} was accepted; its butler team will be formed within 1 working day.",
            ),
            K::CaseRejected => ("Application not accepted", "The {project} was not accepted: {reason}"),
            K::PlanProposed => {
                ("Service plan to confirm", "The service plan of the {project} is ready; please review and confirm it.")
            }
            K::OneTimeNotification => ("One-time notification", "{text}"),
            K::CaseClosed => (
                "Confirm the completion form",
                "The service of the {project} is completed; please sign the completion form and evaluate.",
            ),
            K::RectificationOpened => (
                "Rectify a bad review",
                "The {project} was rated “{level}”: rectify and reply in writing within {working_days} working days, and call the enterprise back.",
            ),
            K::DeadlineReminder => {
                ("Due soon: {project_name}", "The {project} must be handled by {due}; please hurry.")
            }
            K::DeadlineOverdue => (
                "Overdue: {project_name}",
                "The {project} had to be handled by {due} and is now late; please act at once.",
            ),
            K::DeadlineEscalation => (
                "Supervision: {project_name}",
                "The {project} had to be handled by {due} and is {late_working_days} working days late; please see that it is done.",
            ),
            K::SupervisionNotice => ("Supervision notice: {project}", "{content}"),
            K::PreReviewOpened => (
                "Joint pre-review: {project_name}",
                "The application of the {project} is in joint pre-review: please give your department's opinion.",
            ),
            K::PreReviewClosed => (
                "Joint pre-review settled: {project_name}",
                "The joint pre-review of the {project} is closed with {gaps} gaps in the materials: see the one-time list.",
            ),
            K::MeetingConvened => {
                ("Meeting: {title}", "The {meeting_kind} “{title}” is held on {when} at {place}; please attend.")
            }
        },
    }
}

/// Which text of a template is at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateField {
    Title,
    Body,
}

impl TemplateField {
    /// The field's name in the API (`title`, `body`).
    pub fn name(self) -> &'static str {
        match self {
            TemplateField::Title => "title",
            TemplateField::Body => "body",
        }
    }
}

/// Why a template is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// Nothing but blanks.
    #[error("the {} is empty", .field.name())]
    Empty { field: TemplateField },
    /// Longer than allowed.
    #[error("the {} is longer than {max} characters", .field.name())]
    TooLong { field: TemplateField, max: usize },
    /// A placeholder the kind does not offer.
    #[error("the {} names the unknown placeholder {{{name}}}", .field.name())]
    UnknownPlaceholder { field: TemplateField, name: String },
    /// A `{` without its `}` or a lone `}` (write `{{` or `}}` for a brace).
    #[error("the {} has an unbalanced brace", .field.name())]
    UnbalancedBrace { field: TemplateField },
}

impl TemplateError {
    /// The field at fault.
    pub fn field(&self) -> TemplateField {
        match self {
            TemplateError::Empty { field }
            | TemplateError::TooLong { field, .. }
            | TemplateError::UnknownPlaceholder { field, .. }
            | TemplateError::UnbalancedBrace { field } => *field,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Slot(&'static str),
}

/// A checked text: literals and the kind's placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Text(Vec<Piece>);

impl Text {
    fn parse(kind: NotificationKind, field: TemplateField, source: &str, max: usize) -> Result<Self, TemplateError> {
        if source.trim().is_empty() {
            return Err(TemplateError::Empty { field });
        }
        if source.chars().count() > max {
            return Err(TemplateError::TooLong { field, max });
        }
        let offered = placeholders(kind);
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '}' => return Err(TemplateError::UnbalancedBrace { field }),
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some('{') | None => return Err(TemplateError::UnbalancedBrace { field }),
                            Some(c) => name.push(c),
                        }
                    }
                    let Some(slot) = offered.iter().find(|p| **p == name.trim()) else {
                        return Err(TemplateError::UnknownPlaceholder { field, name });
                    };
                    if !literal.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Slot(slot));
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        Ok(Text(pieces))
    }

    fn render(&self, params: &NoticeParams, language: Language) -> String {
        self.0
            .iter()
            .map(|piece| match piece {
                Piece::Literal(text) => text.clone(),
                Piece::Slot(name) => value(params, name, language),
            })
            .collect()
    }
}

/// A tenant's checked wording of one kind in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    kind: NotificationKind,
    title: Text,
    body: Text,
}

impl Template {
    /// Checks a title and body written for `kind`: neither empty nor too long, braces
    /// balanced, and only the kind's placeholders (the title is checked first).
    pub fn parse(kind: NotificationKind, title: &str, body: &str) -> Result<Self, TemplateError> {
        Ok(Template {
            kind,
            title: Text::parse(kind, TemplateField::Title, title, MAX_TITLE_CHARS)?,
            body: Text::parse(kind, TemplateField::Body, body, MAX_BODY_CHARS)?,
        })
    }

    /// The kind written for.
    pub fn kind(&self) -> NotificationKind {
        self.kind
    }

    /// The notification in `language` with this template; parameters of another kind are
    /// rendered with the built-in wording.
    pub fn render(&self, params: &NoticeParams, language: Language) -> Rendered {
        if params.kind() != self.kind {
            return params.render(language);
        }
        Rendered { title: self.title.render(params, language), body: self.body.render(params, language) }
    }
}

/// A tenant's templates, by kind and language; what has none is rendered built-in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates(HashMap<(NotificationKind, Language), Template>);

impl Templates {
    /// Adds (or replaces) the template of its kind in `language`.
    pub fn insert(&mut self, language: Language, template: Template) {
        self.0.insert((template.kind, language), template);
    }

    /// The notification in `language`: with the tenant's template of its kind, else built-in.
    pub fn render(&self, params: &NoticeParams, language: Language) -> Rendered {
        match self.0.get(&(params.kind(), language)) {
            Some(template) => template.render(params, language),
            None => params.render(language),
        }
    }
}

fn project_text(project: &ProjectRef, language: Language) -> String {
    match language {
        Language::Chinese => format!("项目“{}”（{}）", project.name, project.number),
        Language::English => format!("project “{}” ({})", project.name, project.number),
    }
}

/// The value of placeholder `name` for `params` in `language` (empty when the parameters
/// lack it).
fn value(params: &NoticeParams, name: &str, language: Language) -> String {
    use NoticeParams as P;
    let zh = language == Language::Chinese;
    let project = match params {
        P::TaskDispatched { project, .. }
        | P::TaskCancelled { project, .. }
        | P::TaskTransferred { project, .. }
        | P::TaskResult { project, .. }
        | P::TeamToForm { project }
        | P::CaseAccepted { project }
        | P::CaseRejected { project, .. }
        | P::PlanProposed { project }
        | P::CaseCompleted { project }
        | P::CaseTerminated { project }
        | P::RectificationOpened { project, .. }
        | P::PreReviewOpened { project }
        | P::PreReviewClosed { project, .. } => Some(project),
        P::Deadline { project, .. } | P::SupervisionNotice { project, .. } => project.as_ref(),
        P::ResultNoticed { .. }
        | P::CorrectionRequested { .. }
        | P::OneTimeNotification { .. }
        | P::MeetingConvened { .. } => None,
    };
    match name {
        "project" => project.map(|p| project_text(p, language)).unwrap_or_default(),
        "project_name" => project.map(|p| p.name.clone()).unwrap_or_default(),
        "case_number" => project.map(|p| p.number.clone()).unwrap_or_default(),
        _ => match (name, params) {
            (
                "item",
                P::TaskDispatched { item, .. }
                | P::TaskTransferred { item, .. }
                | P::TaskResult { item, .. }
                | P::ResultNoticed { item, .. }
                | P::CorrectionRequested { item, .. },
            ) => item.clone(),
            ("item", P::Deadline { item, .. }) => item.clone().unwrap_or_default(),
            ("reason", P::TaskCancelled { reason, .. } | P::CaseRejected { reason, .. })
            | ("reason", P::CorrectionRequested { reason, .. }) => reason.clone(),
            ("materials", P::CorrectionRequested { materials, .. }) => materials.join(if zh { "、" } else { ", " }),
            ("outcome", P::TaskResult { outcome, .. }) => match (outcome, zh) {
                (Some(o), true) => o.name_zh().to_owned(),
                (Some(o), false) => o.name_en().to_owned(),
                (None, true) => "已退回专窗".to_owned(),
                (None, false) => "sent back to the window".to_owned(),
            },
            ("outcome", P::ResultNoticed { outcome, .. }) => {
                if zh { outcome.name_zh() } else { outcome.name_en() }.to_owned()
            }
            ("document_number", P::ResultNoticed { document_number, .. }) => {
                document_number.clone().unwrap_or_default()
            }
            ("text", P::OneTimeNotification { text }) => text.clone(),
            ("content", P::SupervisionNotice { content, .. }) => content.clone(),
            ("department", P::Deadline { department, .. } | P::SupervisionNotice { department, .. }) => {
                department.clone().unwrap_or_default()
            }
            ("level", P::RectificationOpened { level, .. }) => {
                if zh { level.name_zh() } else { level.name_en() }.to_owned()
            }
            ("working_days", P::RectificationOpened { working_days, .. }) => working_days.to_string(),
            ("due", P::Deadline { due_at, .. }) => {
                due_at.with_timezone(&TIME_ZONE).format("%Y-%m-%d %H:%M").to_string()
            }
            ("late_working_days", P::Deadline { late_working_days, .. }) => late_working_days.to_string(),
            ("gaps", P::PreReviewClosed { gaps, .. }) => gaps.to_string(),
            ("title", P::MeetingConvened { title, .. }) => title.clone(),
            ("meeting_kind", P::MeetingConvened { kind, .. }) => {
                if zh { kind.name_zh() } else { kind.name_en() }.to_owned()
            }
            ("when", P::MeetingConvened { scheduled_at, .. }) => {
                scheduled_at.with_timezone(&TIME_ZONE).format("%Y-%m-%d %H:%M").to_string()
            }
            ("place", P::MeetingConvened { place, .. }) => place.clone(),
            _ => String::new(),
        },
    }
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
