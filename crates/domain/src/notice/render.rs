//! The wording of notifications, in Chinese (as stored, word for word what the services
//! wrote before the rules decided them) and in English.

use super::{Language, NoticeParams, ProjectRef};
use crate::calendar::TIME_ZONE;
use crate::case::deadline::DeadlineKind;
use crate::case::escalation::StepKind;

/// A notification's title and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The title.
    pub title: String,
    /// The body.
    pub body: String,
}

fn done(title: impl Into<String>, body: impl Into<String>) -> Rendered {
    Rendered { title: title.into(), body: body.into() }
}

impl ProjectRef {
    fn zh(&self) -> String {
        format!("项目“{}”（{}）", self.name, self.number)
    }

    fn en(&self) -> String {
        format!("project “{}” ({})", self.name, self.number)
    }
}

impl NoticeParams {
    /// The title and body in `language`. Texts the office or the plan wrote (the one-time
    /// notification, a supervision notice, reasons, names) are shown as written.
    pub fn render(&self, language: Language) -> Rendered {
        match language {
            Language::Chinese => self.zh(),
            Language::English => self.en(),
        }
    }

    fn zh(&self) -> Rendered {
        use NoticeParams as P;
        match self {
            P::TaskDispatched { project, item } => done(
                format!("新任务单：{item}"),
                format!("{}的“{item}”已分送贵部门，请于 30 分钟内回执。", project.zh()),
            ),
            P::TaskCancelled { project, reason } => {
                done("任务单已取消", format!("{}已终止，任务单取消：{reason}", project.zh()))
            }
            P::TaskTransferred { project, item } => {
                done(format!("转办任务单：{item}"), format!("{}的“{item}”已转由您办理，时限不变。", project.zh()))
            }
            P::TaskResult { project, item, outcome } => done(
                format!("任务单有结果：{item}"),
                format!(
                    "{}的“{item}”：{}。请及时告知企业。",
                    project.zh(),
                    outcome.map(|o| o.name_zh()).unwrap_or("已退回专窗")
                ),
            ),
            P::ResultNoticed { item, outcome, document_number, .. } => done(
                format!("办理结果：{item}"),
                format!(
                    "“{item}”{}{}",
                    outcome.name_zh(),
                    document_number.as_deref().map(|n| format!("，文号：{n}")).unwrap_or_default()
                ),
            ),
            P::CorrectionRequested { item, reason, materials } => done(
                format!("请补正材料：{item}"),
                format!("“{item}”需要补正：{reason}。所需材料：{}", materials.join("、")),
            ),
            P::TeamToForm { project } => done(
                format!("请组建项目管家团队：{}", project.name),
                format!("{}已受理，请在 1 个工作日内组建项目管家团队。", project.zh()),
            ),
            P::CaseAccepted { project } => {
                done("帮办代办申请已受理", format!("您的{}已受理，项目管家团队将在 1 个工作日内组建。", project.zh()))
            }
            P::CaseRejected { project, reason } => {
                done("帮办代办申请未予受理", format!("{}未予受理：{reason}", project.zh()))
            }
            P::PlanProposed { project } => {
                done("服务方案待确认", format!("{}的帮办代办服务方案已拟定，请查看并确认。", project.zh()))
            }
            P::OneTimeNotification { text } => done("一次性告知书", text.clone()),
            P::CaseCompleted { project } => {
                done("请确认办结单", format!("{}帮办代办服务已办结，请签字确认办结单并评价。", project.zh()))
            }
            P::CaseTerminated { project } => {
                done("请确认终止单", format!("{}帮办代办服务已终止，请签字确认终止单。", project.zh()))
            }
            P::RectificationOpened { project, level, working_days } => done(
                "差评整改",
                format!(
                    "{}收到“{}”评价，请在 {working_days} 个工作日内整改并书面回复，并回访企业。",
                    project.zh(),
                    level.name_zh()
                ),
            ),
            P::Deadline { .. } => self.deadline_zh(),
            P::SupervisionNotice { project, department, content } => {
                let about = match (project, department) {
                    (Some(p), _) => p.zh(),
                    (None, Some(d)) => d.clone(),
                    (None, None) => String::new(),
                };
                let title =
                    if about.is_empty() { "督办通知".to_owned() } else { format!("督办通知：{about}") };
                done(title, content.clone())
            }
            P::PreReviewOpened { project } => done(
                format!("联合预审：{}", project.name),
                format!("{}的申请材料进入联合预审，请提出贵部门的预审意见。", project.zh()),
            ),
            P::PreReviewClosed { project, gaps } => done(
                format!("联合预审意见汇总：{}", project.name),
                format!("{}的联合预审已结束，共 {gaps} 项材料问题，请查看一次性告知的问题清单。", project.zh()),
            ),
            P::MeetingConvened { title, kind, scheduled_at, place } => done(
                format!("会议通知：{title}"),
                format!(
                    "{}“{title}”定于 {} 在{place}召开，请准时参加。",
                    kind.name_zh(),
                    scheduled_at.with_timezone(&TIME_ZONE).format("%Y-%m-%d %H:%M")
                ),
            ),
        }
    }

    fn deadline_zh(&self) -> Rendered {
        let NoticeParams::Deadline { step, deadline, project, on_sheet, item, department, due_at, late_working_days } =
            self
        else {
            return done("", "");
        };
        let (remind, overdue, escalate, action) = phrases_zh(*deadline);
        let project_text = project.as_ref().map(ProjectRef::zh).unwrap_or_else(|| "项目".to_owned());
        let (what, topic) = if *deadline == Some(DeadlineKind::ComplaintReply) {
            let number = item.as_deref().unwrap_or_default();
            let dept = department.as_deref().map(|d| format!("（{d}）")).unwrap_or_default();
            (format!("投诉 {number}{dept}"), number.to_owned())
        } else if *deadline == Some(DeadlineKind::MeetingAction) {
            let what = item.as_deref().unwrap_or_default();
            let dept = department.as_deref().map(|d| format!("（{d}）")).unwrap_or_default();
            (format!("联席会议议定事项“{what}”{dept}"), what.to_owned())
        } else if *on_sheet {
            let item = item.as_deref().unwrap_or("任务单");
            let dept = department.as_deref().map(|d| format!("（{d}）")).unwrap_or_default();
            (format!("{project_text}的“{item}”{dept}"), item.to_owned())
        } else {
            (project_text, project.as_ref().map(|p| p.name.clone()).unwrap_or_default())
        };
        let due = due_at.with_timezone(&TIME_ZONE).format("%Y-%m-%d %H:%M");
        let late = if *late_working_days >= 1 {
            format!("已超期 {late_working_days} 个工作日")
        } else {
            "已超时".to_owned()
        };
        let (title, body) = match step {
            StepKind::Reminder => (remind, format!("{what}须于 {due} 前{action}，请抓紧办理。")),
            StepKind::AtDeadline => (overdue, format!("{what}须于 {due} 前{action}，现已超时，请尽快办理。")),
            StepKind::Escalation => (escalate, format!("{what}须于 {due} 前{action}，{late}仍未完成，请督促办理。")),
        };
        let title = if topic.is_empty() { title.to_owned() } else { format!("{title}：{topic}") };
        done(title, body)
    }

    fn en(&self) -> Rendered {
        use NoticeParams as P;
        match self {
            P::TaskDispatched { project, item } => done(
                format!("New task sheet: {item}"),
                format!("“{item}” of {} was sent to your department; acknowledge it within 30 minutes.", project.en()),
            ),
            P::TaskCancelled { project, reason } => done(
                "Task sheet cancelled",
                format!("The {} was terminated; the sheet is cancelled: {reason}", project.en()),
            ),
            P::TaskTransferred { project, item } => done(
                format!("Task sheet transferred: {item}"),
                format!("“{item}” of {} is now yours to handle; the time limit is unchanged.", project.en()),
            ),
            P::TaskResult { project, item, outcome } => done(
                format!("Task sheet result: {item}"),
                format!(
                    "“{item}” of {}: {}. Please tell the enterprise.",
                    project.en(),
                    outcome.map(|o| o.name_en()).unwrap_or("sent back to the window")
                ),
            ),
            P::ResultNoticed { item, outcome, document_number, .. } => done(
                format!("Result: {item}"),
                format!(
                    "“{item}”: {}{}",
                    outcome.name_en(),
                    document_number.as_deref().map(|n| format!(", document number {n}")).unwrap_or_default()
                ),
            ),
            P::CorrectionRequested { item, reason, materials } => done(
                format!("Corrections needed: {item}"),
                format!("“{item}” needs corrections: {reason}. Materials: {}", materials.join(", ")),
            ),
            P::TeamToForm { project } => done(
                format!("Form the butler team: {}", project.name),
                format!("The {} was accepted; form its butler team within 1 working day.", project.en()),
            ),
            P::CaseAccepted { project } => done(
                "Application accepted",
                format!("Your {} was accepted; its butler team will be formed within 1 working day.", project.en()),
            ),
            P::CaseRejected { project, reason } => {
                done("Application not accepted", format!("The {} was not accepted: {reason}", project.en()))
            }
            P::PlanProposed { project } => done(
                "Service plan to confirm",
                format!("The service plan of the {} is ready; please review and confirm it.", project.en()),
            ),
            P::OneTimeNotification { text } => done("One-time notification", text.clone()),
            P::CaseCompleted { project } => done(
                "Confirm the completion form",
                format!(
                    "The service of the {} is completed; please sign the completion form and evaluate.",
                    project.en()
                ),
            ),
            P::CaseTerminated { project } => done(
                "Confirm the termination form",
                format!("The service of the {} is terminated; please sign the termination form.", project.en()),
            ),
            P::RectificationOpened { project, level, working_days } => done(
                "Rectify a bad review",
                format!(
                    "The {} was rated “{}”: rectify and reply in writing within {working_days} working days, and call the enterprise back.",
                    project.en(),
                    level.name_en()
                ),
            ),
            P::Deadline { .. } => self.deadline_en(),
            P::SupervisionNotice { project, department, content } => {
                let about = match (project, department) {
                    (Some(p), _) => p.en(),
                    (None, Some(d)) => d.clone(),
                    (None, None) => String::new(),
                };
                let title = if about.is_empty() {
                    "Supervision notice".to_owned()
                } else {
                    format!("Supervision notice: {about}")
                };
                done(title, content.clone())
            }
            P::PreReviewOpened { project } => done(
                format!("Joint pre-review: {}", project.name),
                format!(
                    "The application of the {} is in joint pre-review: please give your department's opinion.",
                    project.en()
                ),
            ),
            P::PreReviewClosed { project, gaps } => done(
                format!("Joint pre-review settled: {}", project.name),
                format!(
                    "The joint pre-review of the {} is closed with {gaps} gaps in the materials: see the one-time list.",
                    project.en()
                ),
            ),
            P::MeetingConvened { title, kind, scheduled_at, place } => done(
                format!("Meeting: {title}"),
                format!(
                    "The {} “{title}” is held on {} at {place}; please attend.",
                    kind.name_en(),
                    scheduled_at.with_timezone(&TIME_ZONE).format("%Y-%m-%d %H:%M")
                ),
            ),
        }
    }

    fn deadline_en(&self) -> Rendered {
        let NoticeParams::Deadline { step, deadline, project, on_sheet, item, department, due_at, late_working_days } =
            self
        else {
            return done("", "");
        };
        let (remind, overdue, escalate, action) = phrases_en(*deadline);
        let project_text = project.as_ref().map(ProjectRef::en).unwrap_or_else(|| "the project".to_owned());
        let (what, topic) = if *deadline == Some(DeadlineKind::ComplaintReply) {
            let number = item.as_deref().unwrap_or_default();
            let dept = department.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            (format!("Complaint {number}{dept}"), number.to_owned())
        } else if *deadline == Some(DeadlineKind::MeetingAction) {
            let what = item.as_deref().unwrap_or_default();
            let dept = department.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            (format!("the joint meeting's action “{what}”{dept}"), what.to_owned())
        } else if *on_sheet {
            let item = item.as_deref().unwrap_or("the task sheet");
            let dept = department.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            (format!("“{item}”{dept} of {project_text}"), item.to_owned())
        } else {
            (project_text, project.as_ref().map(|p| p.name.clone()).unwrap_or_default())
        };
        let due = due_at.with_timezone(&TIME_ZONE).format("%Y-%m-%d %H:%M");
        let late =
            if *late_working_days >= 1 { format!("{late_working_days} working days late") } else { "late".to_owned() };
        let (title, body) = match step {
            StepKind::Reminder => (remind, format!("{what} must be {action} by {due}; please hurry.")),
            StepKind::AtDeadline => {
                (overdue, format!("{what} had to be {action} by {due} and is now late; please act at once."))
            }
            StepKind::Escalation => {
                (escalate, format!("{what} had to be {action} by {due} and is {late}; please see that it is done."))
            }
        };
        let title = if topic.is_empty() { title.to_owned() } else { format!("{title}: {topic}") };
        done(title, body)
    }
}

/// Reminder, overdue and escalation titles, and what must be done (Chinese).
fn phrases_zh(kind: Option<DeadlineKind>) -> (&'static str, &'static str, &'static str, &'static str) {
    match kind {
        Some(DeadlineKind::Acknowledgement) => ("任务单待回执", "任务单回执已超时", "督办：任务单超时未回执", "回执"),
        Some(DeadlineKind::Finish) => ("任务单即将超时", "任务单已超时", "督办：任务单超时未办结", "办结"),
        Some(DeadlineKind::TeamFormation) => {
            ("项目管家团队待组建", "项目管家团队组建已超时", "督办：项目管家团队组建超时", "组建项目管家团队")
        }
        Some(DeadlineKind::PlanProposal) => {
            ("服务方案待拟定", "服务方案拟定已超时", "督办：服务方案拟定超时", "拟定服务方案")
        }
        Some(DeadlineKind::MaterialCommitment) => {
            ("容缺材料即将到期", "容缺材料逾期未补齐", "督办：容缺材料逾期未补齐", "补齐容缺材料")
        }
        Some(DeadlineKind::Rectification) => {
            ("差评整改即将到期", "差评整改已超时", "督办：差评整改超时", "完成整改并书面回复")
        }
        Some(DeadlineKind::ComplaintReply) => ("投诉即将到期", "投诉答复已超时", "督办：投诉超时未答复", "答复"),
        Some(DeadlineKind::MeetingAction) => ("议定事项即将到期", "议定事项已超时", "督办：议定事项超时未落实", "落实"),
        None => ("事项即将到期", "事项已超时", "督办：事项超时", "办理"),
    }
}

/// Reminder, overdue and escalation titles, and what must be done (English, as a past
/// participle: "must be …").
fn phrases_en(kind: Option<DeadlineKind>) -> (&'static str, &'static str, &'static str, &'static str) {
    match kind {
        Some(DeadlineKind::Acknowledgement) => (
            "Task sheet to acknowledge",
            "Task sheet acknowledgement late",
            "Supervision: task sheet not acknowledged",
            "acknowledged",
        ),
        Some(DeadlineKind::Finish) => {
            ("Task sheet due soon", "Task sheet overdue", "Supervision: task sheet not finished", "finished")
        }
        Some(DeadlineKind::TeamFormation) => (
            "Butler team to form",
            "Butler team formation late",
            "Supervision: butler team not formed",
            "given its butler team",
        ),
        Some(DeadlineKind::PlanProposal) => (
            "Service plan to propose",
            "Service plan proposal late",
            "Supervision: service plan not proposed",
            "given its service plan",
        ),
        Some(DeadlineKind::MaterialCommitment) => (
            "Committed materials due soon",
            "Committed materials overdue",
            "Supervision: committed materials not supplied",
            "supplied with its committed materials",
        ),
        Some(DeadlineKind::Rectification) => (
            "Rectification due soon",
            "Rectification late",
            "Supervision: rectification not done",
            "rectified and answered in writing",
        ),
        Some(DeadlineKind::ComplaintReply) => {
            ("Complaint due soon", "Complaint reply late", "Supervision: complaint not answered", "answered")
        }
        Some(DeadlineKind::MeetingAction) => {
            ("Meeting action due soon", "Meeting action late", "Supervision: meeting action not done", "done")
        }
        None => ("Due soon", "Overdue", "Supervision: overdue", "handled"),
    }
}
