//! The domain's setting problems as field errors, in Chinese and English.

use butler_domain::settings::{MAX_LADDER_STEPS, MAX_PREFIX_CHARS, SettingError, SettingProblem};

use crate::error::FieldError;

/// The field error of one problem (the field is the setting's path, e.g.
/// `finishing_ladder.steps[2].offset`).
pub(crate) fn field_error(e: &SettingError) -> FieldError {
    let (code, zh, en) = match &e.problem {
        SettingProblem::OutOfRange { min, max } => {
            ("range", format!("须在 {min} 到 {max} 之间"), format!("must be between {min} and {max}"))
        }
        SettingProblem::BadPrefix => (
            "prefix",
            format!("须为 1 到 {MAX_PREFIX_CHARS} 个大写字母、数字，可含中间的连字符"),
            format!(
                "must be 1 to {MAX_PREFIX_CHARS} capital letters or digits, with hyphens only between them"
            ),
        ),
        SettingProblem::StepCount => (
            "step_count",
            format!("须有 1 到 {MAX_LADDER_STEPS} 步"),
            format!("must have 1 to {MAX_LADDER_STEPS} steps"),
        ),
        SettingProblem::BadStepCode => (
            "step_code",
            "步骤代码须为小写字母开头的小写字母、数字和下划线，且同一梯度中不重复".to_owned(),
            "a step code is lower-case snake_case, starting with a letter, and unique in its ladder".to_owned(),
        ),
        SettingProblem::StepOffset => (
            "step_offset",
            "提醒须在时限之前、到期通知须在时限当时、升级须在时限之后，且不超过上限".to_owned(),
            "a reminder lies before the deadline, the at-deadline step at it, an escalation after it, within the bounds"
                .to_owned(),
        ),
        SettingProblem::EmptySeason => (
            "empty_season",
            "季节作息的起止日期不能相同".to_owned(),
            "a seasonal span cannot start and end on the same day".to_owned(),
        ),
    };
    FieldError::new(e.field.clone(), code, zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_speaks_both_languages() {
        for problem in [
            SettingProblem::OutOfRange { min: 5, max: 480 },
            SettingProblem::BadPrefix,
            SettingProblem::StepCount,
            SettingProblem::BadStepCode,
            SettingProblem::StepOffset,
            SettingProblem::EmptySeason,
        ] {
            let f = field_error(&SettingError { field: "x".into(), problem });
            assert_eq!(f.field, "x");
            assert!(!f.zh.is_empty() && !f.en.is_empty() && f.zh != f.en);
        }
        let range =
            field_error(&SettingError { field: "y".into(), problem: SettingProblem::OutOfRange { min: 5, max: 480 } });
        assert!(range.en.contains("5") && range.en.contains("480"));
    }
}
