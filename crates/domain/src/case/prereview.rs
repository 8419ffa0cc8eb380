//! Joint pre-review (联合预审, SPEC §4): before the sheets are dispatched, the departments of
//! the plan review the application's materials together, each records its opinion (no gaps,
//! or a list of gaps), and the office closes the review into ONE consolidated list of gaps per
//! department. The sheets start from that list (each sheet shows its department's gaps) and
//! the enterprise is told the whole list at once (一次性告知).
//!
//! The rules, in one place:
//!
//! | step          | who                                   | when                                              |
//! |---------------|---------------------------------------|---------------------------------------------------|
//! | open          | office, window                        | case `plan_agreed` or `entrusted`, none open      |
//! | give opinion  | agent or leader of a plan department, | review open, case still `plan_agreed`/`entrusted`;|
//! |               | for its own department only           | a repeated opinion replaces the last (history)    |
//! | close         | office, window                        | review open, every department has an opinion      |
//!
//! Dispatch and an open review: the lifecycle's `start_service` has the guard
//! [`crate::case::lifecycle::Guard::NoOpenPreReview`]: the sheets wait until the office closes
//! the review, so they always start from a settled list. A case may have no pre-review at all
//! (dispatch as before), and a closed review may be followed by another round while the case
//! is not yet in service; the sheets take the last closed one.

use uuid::Uuid;

use super::Actor;
use super::lifecycle::CaseState;
use crate::codes::code_enum;
use crate::notice::{DedupeKey, Notice, NoticeParams, ProjectRef, Recipient};
use crate::role::Role;

/// The longest material name, problem text and note, in characters.
pub const MAX_MATERIAL_CHARS: usize = 200;
pub const MAX_PROBLEM_CHARS: usize = 500;
pub const MAX_NOTE_CHARS: usize = 500;
/// The most gaps one opinion lists.
pub const MAX_GAPS: usize = 100;

code_enum! {
    /// Where a pre-review stands (`prereviews.state`).
    pub enum PreReviewState: "pre-review state" {
        /// 预审中: the departments give their opinions.
        Open = "open",
        /// 已汇总: closed into one list of gaps per department.
        Closed = "closed",
    }
}

code_enum! {
    /// What can be done with a pre-review (its `allowed_actions`).
    pub enum PreReviewAction: "pre-review action" {
        /// Open a pre-review of the case (office, window).
        Open = "open",
        /// Record the caller's department's opinion.
        GiveOpinion = "give_opinion",
        /// Close it into the consolidated list (office, window).
        Close = "close",
    }
}

/// One gap a department found: the material, what is wrong or missing, an optional note.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Gap {
    pub material: String,
    pub problem: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An opinion as written: `no_gaps`, or the gaps found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpinionInput {
    pub no_gaps: bool,
    pub gaps: Vec<Gap>,
}

/// A department's current opinion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentOpinion {
    pub department_id: Uuid,
    /// Empty: no gaps.
    pub gaps: Vec<Gap>,
}

/// Why an opinion's text is refused, with its field (`gaps`, `gaps[2].material`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpinionError {
    pub field: String,
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// Why a pre-review step is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreReviewError {
    /// The caller's role (or department) may not take the step.
    #[error("forbidden")]
    Forbidden,
    /// The case is not between the plan's agreement and dispatch.
    #[error("the case is {state}: a pre-review runs only between the plan's agreement and dispatch")]
    CaseState { state: CaseState },
    /// A pre-review is open already.
    #[error("a pre-review is open already")]
    AlreadyOpen,
    /// The pre-review is closed.
    #[error("the pre-review is closed")]
    NotOpen,
    /// Some departments have not given their opinion.
    #[error("departments without an opinion: {0:?}")]
    OpinionsMissing(Vec<Uuid>),
}

/// Whether a case in `state` may have its pre-review run: between the plan's agreement and
/// dispatch.
pub fn case_allows(state: CaseState) -> bool {
    matches!(state, CaseState::PlanAgreed | CaseState::Entrusted)
}

fn office(actor: &Actor) -> bool {
    runs(actor.role)
}

/// Whether `role` runs pre-reviews (opens and closes them): the office and the window.
pub fn runs(role: Role) -> bool {
    matches!(role, Role::Office | Role::WindowAgent)
}

/// Whether `role` gives pre-review opinions: a department's agents and leader (for their own
/// department, when the plan names it).
pub fn gives_opinions(role: Role) -> bool {
    role.needs_department()
}

/// May `actor` open a pre-review of a case in `state`, with one open already or not?
pub fn may_open(actor: &Actor, state: CaseState, one_open: bool) -> Result<(), PreReviewError> {
    if !office(actor) {
        return Err(PreReviewError::Forbidden);
    }
    if !case_allows(state) {
        return Err(PreReviewError::CaseState { state });
    }
    if one_open {
        return Err(PreReviewError::AlreadyOpen);
    }
    Ok(())
}

/// May `actor` give an opinion on a pre-review in `review` of a case in `state` whose plan
/// names `departments`? Returns the department the opinion is for (the caller's own).
pub fn may_give_opinion(
    actor: &Actor,
    review: PreReviewState,
    state: CaseState,
    departments: &[Uuid],
) -> Result<Uuid, PreReviewError> {
    let department = match (actor.role, actor.department_id) {
        (role, Some(d)) if gives_opinions(role) && departments.contains(&d) => d,
        _ => return Err(PreReviewError::Forbidden),
    };
    if !case_allows(state) {
        return Err(PreReviewError::CaseState { state });
    }
    if review != PreReviewState::Open {
        return Err(PreReviewError::NotOpen);
    }
    Ok(department)
}

/// Closes a pre-review: every department of `departments` must have an opinion; returns the
/// consolidated list, one entry per department in `departments` order, each with its gaps (the
/// same material and problem listed once).
pub fn close(
    actor: &Actor,
    review: PreReviewState,
    state: CaseState,
    departments: &[Uuid],
    opinions: &[DepartmentOpinion],
) -> Result<Vec<DepartmentOpinion>, PreReviewError> {
    if !office(actor) {
        return Err(PreReviewError::Forbidden);
    }
    if !case_allows(state) {
        return Err(PreReviewError::CaseState { state });
    }
    if review != PreReviewState::Open {
        return Err(PreReviewError::NotOpen);
    }
    let missing: Vec<Uuid> =
        departments.iter().copied().filter(|d| !opinions.iter().any(|o| o.department_id == *d)).collect();
    if !missing.is_empty() {
        return Err(PreReviewError::OpinionsMissing(missing));
    }
    Ok(consolidate(departments, opinions))
}

/// One list per department of `departments`, its opinions' gaps without repeats (same material
/// and problem).
pub fn consolidate(departments: &[Uuid], opinions: &[DepartmentOpinion]) -> Vec<DepartmentOpinion> {
    departments
        .iter()
        .map(|d| {
            let mut gaps: Vec<Gap> = Vec::new();
            for gap in opinions.iter().filter(|o| o.department_id == *d).flat_map(|o| &o.gaps) {
                if !gaps.iter().any(|g| g.material == gap.material && g.problem == gap.problem) {
                    gaps.push(gap.clone());
                }
            }
            DepartmentOpinion { department_id: *d, gaps }
        })
        .collect()
}

/// What `actor` may do with a pre-review in `review` (none: `None`) of a case in `state`.
pub fn allowed_actions(
    actor: &Actor,
    review: Option<PreReviewState>,
    state: CaseState,
    departments: &[Uuid],
) -> Vec<PreReviewAction> {
    let open = review == Some(PreReviewState::Open);
    let mut actions = Vec::new();
    if may_open(actor, state, open).is_ok() {
        actions.push(PreReviewAction::Open);
    }
    if let Some(r) = review {
        if may_give_opinion(actor, r, state, departments).is_ok() {
            actions.push(PreReviewAction::GiveOpinion);
        }
        if open && office(actor) && case_allows(state) {
            actions.push(PreReviewAction::Close);
        }
    }
    actions
}

fn text_error(field: String, code: &'static str, zh: &'static str, en: &'static str) -> OpinionError {
    OpinionError { field, code, zh, en }
}

/// Checks an opinion's text: `no_gaps` with no gaps, or at least one gap, each with a material
/// and a problem within their lengths. Returns the gaps, trimmed (blank notes absent).
pub fn check_opinion(input: &OpinionInput) -> Result<Vec<Gap>, Vec<OpinionError>> {
    let mut errors = Vec::new();
    if input.no_gaps && !input.gaps.is_empty() {
        errors.push(text_error(
            "gaps".into(),
            "gaps_with_no_gaps",
            "选择“无问题”时不能同时列出问题",
            "gaps cannot be listed with no_gaps",
        ));
    }
    if !input.no_gaps && input.gaps.is_empty() {
        errors.push(text_error(
            "gaps".into(),
            "required",
            "请列出材料问题，或选择“无问题”",
            "list the gaps, or choose no_gaps",
        ));
    }
    if input.gaps.len() > MAX_GAPS {
        errors.push(text_error("gaps".into(), "too_many", "问题不能超过 100 条", "at most 100 gaps"));
    }
    let mut gaps = Vec::with_capacity(input.gaps.len());
    for (i, gap) in input.gaps.iter().enumerate() {
        let material = gap.material.trim();
        let problem = gap.problem.trim();
        let note = gap.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
        if material.is_empty() {
            errors.push(text_error(format!("gaps[{i}].material"), "required", "请填写材料名称", "required"));
        } else if material.chars().count() > MAX_MATERIAL_CHARS {
            errors.push(text_error(format!("gaps[{i}].material"), "too_long", "材料名称不能超过 200 字", "too long"));
        }
        if problem.is_empty() {
            errors.push(text_error(format!("gaps[{i}].problem"), "required", "请写明问题或缺少什么", "required"));
        } else if problem.chars().count() > MAX_PROBLEM_CHARS {
            errors.push(text_error(format!("gaps[{i}].problem"), "too_long", "问题说明不能超过 500 字", "too long"));
        }
        if note.is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS) {
            errors.push(text_error(format!("gaps[{i}].note"), "too_long", "备注不能超过 500 字", "too long"));
        }
        gaps.push(Gap { material: material.to_owned(), problem: problem.to_owned(), note: note.map(str::to_owned) });
    }
    if errors.is_empty() { Ok(gaps) } else { Err(errors) }
}

/// The notices of an opened pre-review: each department's agents and leaders are asked for
/// their opinion (keyed by the review's id).
pub fn opened_notices(project: &ProjectRef, departments: &[Uuid]) -> Vec<Notice> {
    let to = departments
        .iter()
        .flat_map(|d| {
            [Recipient::department(*d, Role::DepartmentAgent), Recipient::department(*d, Role::DepartmentLeader)]
        })
        .collect();
    vec![Notice::new(to, DedupeKey::pre_review("opened"), NoticeParams::PreReviewOpened { project: project.clone() })]
}

/// The notice of a closed pre-review: the enterprise gets the whole list at once (一次性告知),
/// the departments learn it is settled.
pub fn closed_notices(project: &ProjectRef, consolidated: &[DepartmentOpinion]) -> Vec<Notice> {
    let gaps = consolidated.iter().map(|d| d.gaps.len()).sum::<usize>() as u32;
    let mut to = vec![Recipient::Enterprise];
    to.extend(consolidated.iter().map(|d| Recipient::department(d.department_id, Role::DepartmentAgent)));
    vec![Notice::new(
        to,
        DedupeKey::pre_review("closed"),
        NoticeParams::PreReviewClosed { project: project.clone(), gaps },
    )]
}

#[cfg(test)]
#[path = "prereview_tests.rs"]
mod tests;
