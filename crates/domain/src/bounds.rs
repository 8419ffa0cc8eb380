//! The plausible range of the dates and amounts people enter, in one place.
//!
//! Dates: 1949 to 2100. Nothing this system records (an enterprise, an agreement, an approval,
//! a visit, a deadline) predates the founding of the People's Republic, and no plan reaches
//! beyond 2100; a year outside is a slip of the keyboard (`0560-04-05`, `9999-12-31`), not a
//! fact.
//!
//! Amounts in fen: at most 10^15 fen (10 万亿元), far above any county project's investment,
//! and below 2^53, so that every client (a browser's JavaScript numbers included) reads the
//! amount exactly.

use chrono::{Datelike, NaiveDate};
use std::ops::RangeInclusive;

/// The years a date may fall in.
pub const YEARS: RangeInclusive<i32> = 1949..=2100;

/// The largest amount in fen, either sign.
pub const MAX_FEN: i64 = 1_000_000_000_000_000;

/// Whether `date` falls in [`YEARS`].
pub fn plausible_date(date: NaiveDate) -> bool {
    YEARS.contains(&date.year())
}

/// Whether `fen` is within [`MAX_FEN`] of zero.
pub fn plausible_fen(fen: i64) -> bool {
    fen.checked_abs().is_some_and(|a| a <= MAX_FEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_from_1949_to_2100_and_amounts_up_to_ten_trillion_yuan() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert!(plausible_date(d(1949, 1, 1)) && plausible_date(d(2100, 12, 31)));
        assert!(!plausible_date(d(560, 4, 5)) && !plausible_date(d(9999, 12, 31)) && !plausible_date(d(1948, 12, 31)));
        assert!(plausible_fen(MAX_FEN) && plausible_fen(-MAX_FEN) && plausible_fen(0));
        assert!(!plausible_fen(MAX_FEN + 1) && !plausible_fen(i64::MAX) && !plausible_fen(i64::MIN));
        const { assert!(MAX_FEN < 1 << 53) };
    }
}
