//! The county's paper forms of a case (大政办发〔2023〕62号, 附件2–9) and which of them a case
//! holds in its state: the application always, the agreement once the plan is agreed, the plan
//! once it lists items, one task sheet per sheet dispatched, the completion or the termination
//! form for the way the service ended, and the evaluation once it ended.

use crate::codes::code_enum;

code_enum! {
    /// A form of the case (the annex of the county's plan it is).
    pub enum FormKind: "form kind" {
        /// 附件2 申请受理表.
        Application = "application",
        /// 附件3 服务委托协议.
        Agreement = "agreement",
        /// 附件4 服务方案.
        Plan = "plan",
        /// 附件5 任务分送单及回执, one per task sheet.
        TaskSheet = "task_sheet",
        /// 附件7 办结单.
        Completion = "completion",
        /// 附件8 终止单.
        Termination = "termination",
        /// 附件9 满意度评价表.
        Evaluation = "evaluation",
    }
}

/// How the service of a case ended, as its history says (a reopened case has not ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    Completed,
    Terminated,
}

/// What decides which forms a case holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormFacts {
    /// The case has been in `plan_agreed` (or later) at some time.
    pub plan_agreed: bool,
    /// The plan lists at least one item.
    pub planned_items: bool,
    /// Task sheets dispatched.
    pub sheets: usize,
    pub closing: Option<Closing>,
}

impl FormKind {
    /// The annex number in the county's plan.
    pub fn annex(self) -> u8 {
        match self {
            FormKind::Application => 2,
            FormKind::Agreement => 3,
            FormKind::Plan => 4,
            FormKind::TaskSheet => 5,
            FormKind::Completion => 7,
            FormKind::Termination => 8,
            FormKind::Evaluation => 9,
        }
    }

    /// The form's short name, in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            FormKind::Application => "申请受理表",
            FormKind::Agreement => "服务委托协议",
            FormKind::Plan => "服务方案",
            FormKind::TaskSheet => "任务分送单及回执",
            FormKind::Completion => "办结单",
            FormKind::Termination => "终止单",
            FormKind::Evaluation => "满意度评价表",
        }
    }

    /// Whether the case holds this form now (for a task sheet: at least one).
    pub fn applies(self, f: &FormFacts) -> bool {
        match self {
            FormKind::Application => true,
            FormKind::Agreement => f.plan_agreed,
            FormKind::Plan => f.planned_items,
            FormKind::TaskSheet => f.sheets > 0,
            FormKind::Completion => f.closing == Some(Closing::Completed),
            FormKind::Termination => f.closing == Some(Closing::Terminated),
            FormKind::Evaluation => f.closing.is_some(),
        }
    }
}

/// The forms a case holds, in the county's order (a task sheet once per sheet).
pub fn forms_of(f: &FormFacts) -> Vec<FormKind> {
    FormKind::ALL.into_iter().filter(|k| k.applies(f)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::assert_codes;

    fn facts(closing: Option<Closing>) -> FormFacts {
        FormFacts { plan_agreed: true, planned_items: true, sheets: 2, closing }
    }

    #[test]
    fn kinds_are_the_contract_codes() {
        assert_codes(&FormKind::ALL);
        assert_eq!(FormKind::TaskSheet.code(), "task_sheet");
        assert_eq!(FormKind::ALL.map(FormKind::annex), [2, 3, 4, 5, 7, 8, 9]);
    }

    #[test]
    fn a_new_application_holds_only_its_application_form() {
        let f = FormFacts { plan_agreed: false, planned_items: false, sheets: 0, closing: None };
        assert_eq!(forms_of(&f), [FormKind::Application]);
    }

    #[test]
    fn a_completed_case_has_no_termination_form_and_a_terminated_one_no_completion_form() {
        let done = forms_of(&facts(Some(Closing::Completed)));
        assert!(done.contains(&FormKind::Completion) && done.contains(&FormKind::Evaluation));
        assert!(!done.contains(&FormKind::Termination));
        let stopped = forms_of(&facts(Some(Closing::Terminated)));
        assert!(stopped.contains(&FormKind::Termination) && !stopped.contains(&FormKind::Completion));
    }

    #[test]
    fn a_case_in_service_has_no_closing_forms_yet() {
        let open = forms_of(&facts(None));
        assert_eq!(open, [FormKind::Application, FormKind::Agreement, FormKind::Plan, FormKind::TaskSheet]);
    }
}
