//! The evaluation (满意度评价表, 附件9) in the five levels of the national 好差评 system, and
//! the rectification (整改) a bad review opens.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::deadline::{DeadlineChange, DeadlineKind, DeadlineSubject};
use crate::calendar::{Calendar, CalendarError};
use crate::codes::code_enum;
use crate::notice::{DedupeKey, Notice, NoticeParams, ProjectRef, Recipient};
use crate::role::Role;

/// A rectification is due in this many working days (好差评 rules).
pub const RECTIFICATION_WORKING_DAYS: u32 = 15;

code_enum! {
    /// A satisfaction level (`evaluations.level`).
    pub enum EvaluationLevel: "evaluation level" {
        /// 非常满意
        VerySatisfied = "very_satisfied",
        /// 满意
        Satisfied = "satisfied",
        /// 基本满意
        BasicallySatisfied = "basically_satisfied",
        /// 不满意
        Dissatisfied = "dissatisfied",
        /// 非常不满意
        VeryDissatisfied = "very_dissatisfied",
    }
}

impl EvaluationLevel {
    /// A bad review opens a rectification (整改).
    pub fn is_bad(self) -> bool {
        matches!(self, EvaluationLevel::Dissatisfied | EvaluationLevel::VeryDissatisfied)
    }

    /// The name users know, in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            EvaluationLevel::VerySatisfied => "非常满意",
            EvaluationLevel::Satisfied => "满意",
            EvaluationLevel::BasicallySatisfied => "基本满意",
            EvaluationLevel::Dissatisfied => "不满意",
            EvaluationLevel::VeryDissatisfied => "非常不满意",
        }
    }

    /// The name in English.
    pub fn name_en(self) -> &'static str {
        match self {
            EvaluationLevel::VerySatisfied => "very satisfied",
            EvaluationLevel::Satisfied => "satisfied",
            EvaluationLevel::BasicallySatisfied => "basically satisfied",
            EvaluationLevel::Dissatisfied => "dissatisfied",
            EvaluationLevel::VeryDissatisfied => "very dissatisfied",
        }
    }
}

/// One level given: for the case as a whole (`department_id` absent) or for a department.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    /// The department rated; `None` for the case.
    pub department_id: Option<Uuid>,
    /// The level.
    pub level: EvaluationLevel,
}

/// A rectification to open because of a bad rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectificationToOpen {
    /// The rating that opens it (its index in the ratings given).
    pub rating: usize,
    /// The department to answer; `None` for the case as a whole.
    pub department_id: Option<Uuid>,
    /// When the written reply is due.
    pub due_at: DateTime<Utc>,
    /// The case's rectification deadline (opened again for each).
    pub deadline: DeadlineChange,
    /// To the office and the department's leaders; its key is the rectification's id.
    pub notice: Notice,
}

/// Why an evaluation is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvaluationError {
    /// A department rated has no item in the case.
    #[error("department {department_id} has no item in this case (rating {index})")]
    NotInCase {
        /// The rating's index among the departments' ratings.
        index: usize,
        /// The department.
        department_id: Uuid,
    },
    /// The due date could not be computed.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// Decides what an evaluation opens: every department rated must have an item in the case
/// (`case_departments`); each bad rating (the case's first, then the departments' in order)
/// opens a rectification due in `working_days` working days (the county's setting, by default
/// [`RECTIFICATION_WORKING_DAYS`]), with the case's rectification deadline and a notice to the
/// office and, for a department, its leaders.
pub fn rectifications(
    ratings: &[Rating],
    case_departments: &BTreeSet<Uuid>,
    project: &ProjectRef,
    working_days: u32,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<Vec<RectificationToOpen>, EvaluationError> {
    let departments = ratings.iter().filter_map(|r| r.department_id);
    if let Some((index, department_id)) = departments.enumerate().find(|(_, d)| !case_departments.contains(d)) {
        return Err(EvaluationError::NotInCase { index, department_id });
    }
    let mut out = Vec::new();
    for (rating, r) in ratings.iter().enumerate().filter(|(_, r)| r.level.is_bad()) {
        let due_at = calendar.add_working_days(now, working_days)?;
        let mut to = vec![Recipient::role(Role::Office)];
        to.extend(r.department_id.map(|d| Recipient::department(d, Role::DepartmentLeader)));
        let params = NoticeParams::RectificationOpened { project: project.clone(), level: r.level, working_days };
        out.push(RectificationToOpen {
            rating,
            department_id: r.department_id,
            due_at,
            deadline: DeadlineChange::open(DeadlineSubject::Case, DeadlineKind::Rectification, due_at),
            notice: Notice::new(to, DedupeKey::Rectification, params),
        });
    }
    Ok(out)
}

/// What answering a rectification changes: the case's rectification deadline closes once
/// every rectification of the case is answered (`others_answered`: all but this one are).
pub fn after_reply(others_answered: bool) -> Vec<DeadlineChange> {
    if others_answered {
        vec![DeadlineChange::close(DeadlineSubject::Case, DeadlineKind::Rectification)]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::assert_codes;
    use crate::notice::Language;
    use chrono::TimeZone;

    fn project() -> ProjectRef {
        ProjectRef { name: "光伏组件项目".into(), number: "EXAMPLE-2026-0001".into() }
    }

    #[test]
    fn levels_are_the_stored_codes() {
        assert_codes(&EvaluationLevel::ALL);
        let bad: Vec<_> = EvaluationLevel::ALL.into_iter().filter(|l| l.is_bad()).collect();
        assert_eq!(bad, [EvaluationLevel::Dissatisfied, EvaluationLevel::VeryDissatisfied]);
        assert_eq!(EvaluationLevel::BasicallySatisfied.code(), "basically_satisfied");
    }

    #[test]
    fn bad_ratings_open_rectifications_due_in_fifteen_working_days() {
        let cal = Calendar::china().unwrap();
        // Monday 2026-09-21 10:00: 15 working days cross 国庆 (10-01..10-08, 调休 09-28 and 10-10).
        let now = crate::calendar::TIME_ZONE.with_ymd_and_hms(2026, 9, 21, 10, 0, 0).unwrap().with_timezone(&Utc);
        let water = Uuid::from_u128(7);
        let ratings = [
            Rating { department_id: None, level: EvaluationLevel::Satisfied },
            Rating { department_id: Some(water), level: EvaluationLevel::VeryDissatisfied },
        ];
        let out = rectifications(&ratings, &[water].into(), &project(), RECTIFICATION_WORKING_DAYS, now, &cal).unwrap();
        assert_eq!(out.len(), 1);
        let r = &out[0];
        assert_eq!((r.rating, r.department_id), (1, Some(water)));
        assert_eq!(r.due_at, cal.add_working_days(now, 15).unwrap());
        assert!(cal.working_days_between(now, r.due_at) >= 15);
        assert_eq!(r.deadline, DeadlineChange::open(DeadlineSubject::Case, DeadlineKind::Rectification, r.due_at));
        assert_eq!(
            r.notice.to,
            vec![Recipient::role(Role::Office), Recipient::department(water, Role::DepartmentLeader)]
        );
        assert_eq!(r.notice.kind().code(), "rectification_opened");
        let text = r.notice.render(Language::Chinese);
        assert_eq!(text.title, "差评整改");
        assert_eq!(
            text.body,
            "项目“光伏组件项目”（EXAMPLE-2026-0001）收到“非常不满意”评价，请在 15 个工作日内整改并书面回复，并回访企业。"
        );
    }

    #[test]
    fn a_department_without_items_cannot_be_rated() {
        let cal = Calendar::china().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap();
        let ratings = [Rating { department_id: Some(Uuid::from_u128(9)), level: EvaluationLevel::Satisfied }];
        assert_eq!(
            rectifications(&ratings, &BTreeSet::new(), &project(), RECTIFICATION_WORKING_DAYS, now, &cal),
            Err(EvaluationError::NotInCase { index: 0, department_id: Uuid::from_u128(9) })
        );
        let case_only = [Rating { department_id: None, level: EvaluationLevel::Dissatisfied }];
        let out =
            rectifications(&case_only, &BTreeSet::new(), &project(), RECTIFICATION_WORKING_DAYS, now, &cal).unwrap();
        assert_eq!(out[0].notice.to, vec![Recipient::role(Role::Office)], "the case as a whole: the office only");
    }

    #[test]
    fn the_deadline_closes_with_the_last_reply() {
        assert!(after_reply(false).is_empty());
        assert_eq!(after_reply(true), vec![DeadlineChange::close(DeadlineSubject::Case, DeadlineKind::Rectification)]);
    }
}
