//! Where the time goes (SPEC §6): the county's project-wide target in working days, each
//! sheet's working time split into department handling, enterprise 补正 and waiting on
//! prerequisites, and the critical path of a case's plan.

pub mod critical;
pub mod split;

/// The national target for a project's approvals: 120 working days (国家 120 个工作日).
pub const DEFAULT_TARGET_WORKING_DAYS: i32 = 120;
/// The shortest target a county may set.
pub const MIN_TARGET_WORKING_DAYS: i32 = 1;
/// The longest target a county may set (three working years, roughly).
pub const MAX_TARGET_WORKING_DAYS: i32 = 750;

/// A target outside the bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the target must be between {MIN_TARGET_WORKING_DAYS} and {MAX_TARGET_WORKING_DAYS} working days")]
pub struct TargetOutOfRange;

/// Checks a county's target in working days.
pub fn validate_target(days: i32) -> Result<i32, TargetOutOfRange> {
    if (MIN_TARGET_WORKING_DAYS..=MAX_TARGET_WORKING_DAYS).contains(&days) { Ok(days) } else { Err(TargetOutOfRange) }
}

/// Whether a project forecast to take `forecast_working_days` misses `target`.
pub fn misses_target(forecast_working_days: i64, target: i32) -> bool {
    forecast_working_days > i64::from(target)
}

/// `minutes` of office time in office days of `day_minutes`, to one decimal (0 for an empty
/// office day).
pub fn office_days(minutes: i64, day_minutes: i64) -> f64 {
    if day_minutes <= 0 {
        return 0.0;
    }
    (minutes as f64 / day_minutes as f64 * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_bounded() {
        assert_eq!(validate_target(120), Ok(120));
        assert_eq!(validate_target(1), Ok(1));
        assert_eq!(validate_target(750), Ok(750));
        assert_eq!(validate_target(0), Err(TargetOutOfRange));
        assert_eq!(validate_target(751), Err(TargetOutOfRange));
        assert_eq!(validate_target(-5), Err(TargetOutOfRange));
    }

    #[test]
    fn a_forecast_misses_only_beyond_the_target() {
        assert!(!misses_target(120, 120));
        assert!(misses_target(121, 120));
        assert!(!misses_target(0, 1));
    }

    #[test]
    fn office_days_round_to_one_decimal() {
        assert_eq!(office_days(480, 480), 1.0);
        assert_eq!(office_days(720, 480), 1.5);
        assert_eq!(office_days(100, 480), 0.2);
        assert_eq!(office_days(100, 0), 0.0);
    }
}
