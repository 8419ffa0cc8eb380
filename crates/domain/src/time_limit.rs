//! Time limits of approval items (法定时限 / 承诺时限) with explicit units.
//!
//! The catalog states limits as text; [`TimeLimit::parse`] reads the forms officials write:
//!
//! | text | limit |
//! |---|---|
//! | `20`, `20.0`, `20个工作日`, `二十个工作日`, `20工作日`, `20天` | 20 working days |
//! | `60日`, `60个自然日`, `60自然日` | 60 calendar days |
//! | `2小时`, `2个小时`, `1.5小时`, `0天2.0小时`, `30分钟` | office time |
//! | `即办`, `即时办结`, `当场办结`, `立即办结` | immediate (即办) |
//! | empty or blank | no limit (`None`) |
//!
//! A bare number and `天` mean working days: the catalog's promised limits are in working
//! days. Only `日` and `自然日` mean calendar days. Hours are office hours.

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, CalendarError};

/// A duration with its unit. Serialised as `{"unit": "working_days", "value": 20}`;
/// `immediate` has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
pub enum TimeLimit {
    /// 即办: handled on the spot; due at the end of the current working day.
    Immediate,
    /// 工作日: counted on the tenant's working-day calendar.
    WorkingDays(u32),
    /// 日 / 自然日: counted on the plain calendar.
    CalendarDays(u32),
    /// 小时 / 分钟 of office time, kept in minutes so that 1.5小时 is exact.
    OfficeMinutes(u32),
}

/// A time limit could not be read, or a promise exceeds the law.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeLimitError {
    /// The text is no time limit this parser knows.
    #[error("`{0}` is not a time limit (examples: 20, 20个工作日, 60日, 2小时, 即办)")]
    Unrecognised(String),
    /// Days must be whole and minutes exact.
    #[error("`{0}` is not a whole number of days or minutes")]
    NotWhole(String),
    /// Both days and hours are non-zero, e.g. `1天2小时`.
    #[error("`{0}` mixes days and hours")]
    MixedUnits(String),
    /// The number does not fit.
    #[error("`{0}` is too large")]
    TooLarge(String),
    /// The promised limit is longer than the legal one.
    #[error("the promised limit {promised} is longer than the legal limit {legal}")]
    PromiseExceedsLegal {
        /// The promised limit.
        promised: TimeLimit,
        /// The legal limit.
        legal: TimeLimit,
    },
}

impl TimeLimit {
    /// `hours` of office time.
    pub fn hours(hours: u32) -> Self {
        TimeLimit::OfficeMinutes(hours.saturating_mul(60))
    }

    /// Reads the catalog's text form (see the module table); blank text is `Ok(None)`.
    pub fn parse(text: &str) -> Result<Option<Self>, TimeLimitError> {
        let normal = normalise(text);
        if normal.is_empty() {
            return Ok(None);
        }
        parse_normal(&normal).map(Some).map_err(|kind| kind.into_error(text.trim()))
    }

    /// Whether the limit is zero long (`即办`, or a zero count).
    pub fn is_zero(self) -> bool {
        matches!(
            self,
            TimeLimit::Immediate | TimeLimit::WorkingDays(0) | TimeLimit::CalendarDays(0) | TimeLimit::OfficeMinutes(0)
        )
    }

    /// When a limit started at `start` runs out:
    /// - working days: [`Calendar::add_working_days`];
    /// - calendar days: the office closing of the local day `n` days later or, when that day
    ///   is not a working day, of the next working day (民法典 第二百零三条);
    /// - office minutes: [`Calendar::add_office_minutes`];
    /// - immediate and zero counts: `add_working_days(start, 0)`.
    pub fn deadline(self, start: DateTime<Utc>, calendar: &Calendar) -> Result<DateTime<Utc>, CalendarError> {
        match self {
            _ if self.is_zero() => calendar.add_working_days(start, 0),
            TimeLimit::WorkingDays(n) => calendar.add_working_days(start, n),
            TimeLimit::CalendarDays(n) => {
                let day = calendar
                    .local_date(start)
                    .checked_add_signed(TimeDelta::days(i64::from(n)))
                    .ok_or(CalendarError::OutOfRange)?;
                Ok(calendar.closing(calendar.working_day_on_or_after(day)?))
            }
            TimeLimit::OfficeMinutes(m) => calendar.add_office_minutes(start, m),
            TimeLimit::Immediate => calendar.add_working_days(start, 0),
        }
    }

    /// Compares lengths where a comparison is meaningful:
    /// - zero-long limits (即办, zero counts) are equal to each other and shorter than any
    ///   other limit;
    /// - the same unit compares the counts;
    /// - working days and calendar days compare their counts, as the legal "日" of many
    ///   approval laws are working days (行政许可法 第八十二条);
    /// - office time against days (both non-zero) is not comparable: `None`.
    pub fn compare_length(self, other: Self) -> Option<Ordering> {
        use TimeLimit::{CalendarDays, OfficeMinutes, WorkingDays};
        match (self.is_zero(), other.is_zero()) {
            (true, true) => return Some(Ordering::Equal),
            (true, false) => return Some(Ordering::Less),
            (false, true) => return Some(Ordering::Greater),
            (false, false) => {}
        }
        match (self, other) {
            (WorkingDays(a) | CalendarDays(a), WorkingDays(b) | CalendarDays(b))
            | (OfficeMinutes(a), OfficeMinutes(b)) => Some(a.cmp(&b)),
            _ => None,
        }
    }
}

/// Refuses a promised limit longer than the legal one, by [`TimeLimit::compare_length`].
/// Limits that are not comparable (office time against days) are accepted.
pub fn promise_within_legal(promised: TimeLimit, legal: TimeLimit) -> Result<(), TimeLimitError> {
    match promised.compare_length(legal) {
        Some(Ordering::Greater) => Err(TimeLimitError::PromiseExceedsLegal { promised, legal }),
        _ => Ok(()),
    }
}

impl fmt::Display for TimeLimit {
    /// The Chinese text form, which [`TimeLimit::parse`] reads back to the same value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            TimeLimit::Immediate => f.write_str("即办"),
            TimeLimit::WorkingDays(n) => write!(f, "{n}个工作日"),
            TimeLimit::CalendarDays(n) => write!(f, "{n}日"),
            TimeLimit::OfficeMinutes(m) if m.is_multiple_of(60) => write!(f, "{}小时", m / 60),
            TimeLimit::OfficeMinutes(m) if m.is_multiple_of(6) => {
                write!(f, "{}.{}小时", m / 60, (m % 60) / 6)
            }
            TimeLimit::OfficeMinutes(m) => write!(f, "{m}分钟"),
        }
    }
}

/// Why parsing failed, before the original text is attached.
enum ParseFailure {
    Unrecognised,
    NotWhole,
    Mixed,
    TooLarge,
}

impl ParseFailure {
    fn into_error(self, text: &str) -> TimeLimitError {
        let text = text.to_owned();
        match self {
            ParseFailure::Unrecognised => TimeLimitError::Unrecognised(text),
            ParseFailure::NotWhole => TimeLimitError::NotWhole(text),
            ParseFailure::Mixed => TimeLimitError::MixedUnits(text),
            ParseFailure::TooLarge => TimeLimitError::TooLarge(text),
        }
    }
}

/// Removes white space and maps full-width digits and points to ASCII.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c),
            '．' | '。' => '.',
            _ => c,
        })
        .collect()
}

const IMMEDIATE: [&str; 4] = ["即办", "即时办结", "当场办结", "立即办结"];
/// Day units, longest first so that `工作日` is not read as `日`; `""` is a bare number.
type MakeLimit = fn(u32) -> TimeLimit;

const DAY_UNITS: [(&str, MakeLimit); 7] = [
    ("个工作日", TimeLimit::WorkingDays),
    ("工作日", TimeLimit::WorkingDays),
    ("个自然日", TimeLimit::CalendarDays),
    ("自然日", TimeLimit::CalendarDays),
    ("日", TimeLimit::CalendarDays),
    ("天", TimeLimit::WorkingDays),
    ("", TimeLimit::WorkingDays),
];

fn parse_normal(text: &str) -> Result<TimeLimit, ParseFailure> {
    if IMMEDIATE.contains(&text) {
        return Ok(TimeLimit::Immediate);
    }
    if let Some((days, hours)) = text.split_once('天')
        && !hours.is_empty()
    {
        let days = whole(number(days)?)?;
        let minutes = office_minutes(hours)?;
        return match (days, minutes) {
            (0, m) => Ok(TimeLimit::OfficeMinutes(m)),
            (d, 0) => Ok(TimeLimit::WorkingDays(d)),
            _ => Err(ParseFailure::Mixed),
        };
    }
    if text.ends_with("小时") || text.ends_with("分钟") {
        return office_minutes(text).map(TimeLimit::OfficeMinutes);
    }
    for (unit, make) in DAY_UNITS {
        if let Some(count) = text.strip_suffix(unit)
            && !count.is_empty()
        {
            return number(count).and_then(whole).map(make);
        }
    }
    Err(ParseFailure::Unrecognised)
}

/// `N小时`, `N个小时` or `N分钟` as minutes.
fn office_minutes(text: &str) -> Result<u32, ParseFailure> {
    let (count, per_unit) = if let Some(h) = text.strip_suffix("个小时").or_else(|| text.strip_suffix("小时")) {
        (h, 60)
    } else if let Some(m) = text.strip_suffix("分钟") {
        (m, 1)
    } else {
        return Err(ParseFailure::Unrecognised);
    };
    let milli = number(count)?.checked_mul(per_unit).ok_or(ParseFailure::TooLarge)?;
    whole(milli)
}

/// A count in thousandths: decimal digits with up to three decimals, or a Chinese numeral.
fn number(text: &str) -> Result<u64, ParseFailure> {
    if text.is_empty() {
        return Err(ParseFailure::Unrecognised);
    }
    if text.chars().all(|c| c.is_ascii_digit() || c == '.') {
        decimal(text)
    } else {
        chinese_numeral(text)?.checked_mul(1000).ok_or(ParseFailure::TooLarge)
    }
}

fn decimal(text: &str) -> Result<u64, ParseFailure> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if int.is_empty() || frac.contains('.') || frac.len() > 3 {
        return Err(ParseFailure::Unrecognised);
    }
    let padded = format!("{int}{frac:0<3}");
    padded.parse::<u64>().map_err(|_| ParseFailure::TooLarge)
}

/// Integers written 零〇一二两三四五六七八九十百千, e.g. 二十, 十五, 一百二十.
fn chinese_numeral(text: &str) -> Result<u64, ParseFailure> {
    let mut total: u64 = 0;
    let mut digit: Option<u64> = None;
    for c in text.chars() {
        let value = match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' | '百' | '千' => {
                let scale = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += digit.take().unwrap_or(1) * scale;
                continue;
            }
            _ => return Err(ParseFailure::Unrecognised),
        };
        if digit.is_some() {
            return Err(ParseFailure::Unrecognised);
        }
        digit = Some(value);
    }
    Ok(total + digit.unwrap_or(0))
}

/// A count in thousandths as a whole `u32`.
fn whole(milli: u64) -> Result<u32, ParseFailure> {
    if !milli.is_multiple_of(1000) {
        return Err(ParseFailure::NotWhole);
    }
    u32::try_from(milli / 1000).map_err(|_| ParseFailure::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;
    use TimeLimit::{CalendarDays, Immediate, OfficeMinutes, WorkingDays};
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn parse(text: &str) -> TimeLimit {
        TimeLimit::parse(text).unwrap().unwrap()
    }

    #[test]
    fn catalog_forms() {
        assert_eq!(parse("20"), WorkingDays(20));
        assert_eq!(parse(" 20.0 "), WorkingDays(20));
        assert_eq!(parse("２０"), WorkingDays(20));
        assert_eq!(parse("7个工作日"), WorkingDays(7));
        assert_eq!(parse("7 工作日"), WorkingDays(7));
        assert_eq!(parse("二十个工作日"), WorkingDays(20));
        assert_eq!(parse("5天"), WorkingDays(5));
        assert_eq!(parse("60日"), CalendarDays(60));
        assert_eq!(parse("十五日"), CalendarDays(15));
        assert_eq!(parse("一百二十日"), CalendarDays(120));
        assert_eq!(parse("30个自然日"), CalendarDays(30));
        assert_eq!(parse("2小时"), OfficeMinutes(120));
        assert_eq!(parse("2个小时"), OfficeMinutes(120));
        assert_eq!(parse("1.5小时"), OfficeMinutes(90));
        assert_eq!(parse("0天2.0小时"), OfficeMinutes(120));
        assert_eq!(parse("3天0小时"), WorkingDays(3));
        assert_eq!(parse("30分钟"), OfficeMinutes(30));
        assert_eq!(parse("即办"), Immediate);
        assert_eq!(parse("当场办结"), Immediate);
        assert_eq!(TimeLimit::parse(""), Ok(None));
        assert_eq!(TimeLimit::parse("  "), Ok(None));
    }

    #[test]
    fn bad_forms_are_refused_with_a_reason() {
        let err = |t: &str| TimeLimit::parse(t).unwrap_err();
        assert_eq!(err("3个月"), TimeLimitError::Unrecognised("3个月".into()));
        assert_eq!(err("abc"), TimeLimitError::Unrecognised("abc".into()));
        assert_eq!(err("1.5"), TimeLimitError::NotWhole("1.5".into()));
        assert_eq!(err("0.01小时"), TimeLimitError::NotWhole("0.01小时".into()));
        assert_eq!(err("1天2小时"), TimeLimitError::MixedUnits("1天2小时".into()));
        assert_eq!(err("99999999999"), TimeLimitError::TooLarge("99999999999".into()));
        assert!(matches!(err("1.2.3"), TimeLimitError::Unrecognised(_)));
        assert!(matches!(err("二二日"), TimeLimitError::Unrecognised(_)));
        assert!(matches!(err("日"), TimeLimitError::Unrecognised(_)));
    }

    #[test]
    fn display_in_chinese() {
        assert_eq!(WorkingDays(20).to_string(), "20个工作日");
        assert_eq!(CalendarDays(60).to_string(), "60日");
        assert_eq!(TimeLimit::hours(2).to_string(), "2小时");
        assert_eq!(OfficeMinutes(90).to_string(), "1.5小时");
        assert_eq!(OfficeMinutes(25).to_string(), "25分钟");
        assert_eq!(Immediate.to_string(), "即办");
    }

    #[test]
    fn serde_shape() {
        let json = serde_json::to_string(&WorkingDays(20)).unwrap();
        assert_eq!(json, r#"{"unit":"working_days","value":20}"#);
        assert_eq!(serde_json::to_string(&Immediate).unwrap(), r#"{"unit":"immediate"}"#);
        let back: TimeLimit = serde_json::from_str(r#"{"unit":"office_minutes","value":90}"#).unwrap();
        assert_eq!(back, OfficeMinutes(90));
    }

    #[test]
    fn promises_may_not_exceed_the_law() {
        let ok = |p, l| promise_within_legal(p, l).is_ok();
        assert!(ok(WorkingDays(5), WorkingDays(20)));
        assert!(ok(WorkingDays(20), WorkingDays(20)));
        assert!(!ok(WorkingDays(21), WorkingDays(20)));
        assert!(ok(Immediate, WorkingDays(1)));
        assert!(ok(Immediate, Immediate));
        assert!(ok(WorkingDays(0), Immediate));
        assert!(!ok(WorkingDays(1), Immediate));
        assert!(ok(WorkingDays(20), CalendarDays(20)));
        assert!(!ok(WorkingDays(21), CalendarDays(20)));
        assert!(!ok(CalendarDays(30), WorkingDays(20)));
        assert!(ok(OfficeMinutes(60), OfficeMinutes(120)));
        assert!(!ok(OfficeMinutes(121), OfficeMinutes(120)));
        assert!(ok(OfficeMinutes(600), WorkingDays(1)), "not comparable: accepted");
        assert_eq!(
            promise_within_legal(WorkingDays(30), WorkingDays(20)),
            Err(TimeLimitError::PromiseExceedsLegal { promised: WorkingDays(30), legal: WorkingDays(20) })
        );
        assert_eq!(
            TimeLimitError::PromiseExceedsLegal { promised: WorkingDays(30), legal: CalendarDays(20) }.to_string(),
            "the promised limit 30个工作日 is longer than the legal limit 20日"
        );
    }

    #[test]
    fn deadlines_by_unit() {
        let cal = Calendar::china().unwrap();
        let at = |m, d, h, min| {
            crate::calendar::TIME_ZONE.with_ymd_and_hms(2026, m, d, h, min, 0).single().unwrap().with_timezone(&Utc)
        };
        let start = at(9, 22, 10, 0); // Tuesday; 中秋 9/25–9/27 and 国庆 10/1–10/7 are off
        assert_eq!(WorkingDays(3).deadline(start, &cal).unwrap(), at(9, 28, 18, 0));
        // 5 calendar days later is Sunday 9/27, a holiday: the next working day.
        assert_eq!(CalendarDays(5).deadline(start, &cal).unwrap(), at(9, 28, 18, 0));
        assert_eq!(CalendarDays(8).deadline(start, &cal).unwrap(), at(9, 30, 18, 0));
        assert_eq!(CalendarDays(10).deadline(start, &cal).unwrap(), at(10, 8, 18, 0));
        assert_eq!(TimeLimit::hours(2).deadline(start, &cal).unwrap(), at(9, 22, 12, 0));
        assert_eq!(TimeLimit::hours(3).deadline(start, &cal).unwrap(), at(9, 22, 15, 30));
        assert_eq!(Immediate.deadline(start, &cal).unwrap(), at(9, 22, 18, 0));
        let holiday = at(9, 26, 9, 0);
        assert_eq!(CalendarDays(0).deadline(holiday, &cal).unwrap(), at(9, 28, 18, 0));
    }

    fn any_limit() -> impl Strategy<Value = TimeLimit> {
        prop_oneof![
            Just(Immediate),
            (0u32..100_000).prop_map(WorkingDays),
            (0u32..100_000).prop_map(CalendarDays),
            (0u32..100_000).prop_map(OfficeMinutes),
        ]
    }

    proptest! {
        #[test]
        fn display_parses_back(limit in any_limit()) {
            prop_assert_eq!(parse(&limit.to_string()), limit);
        }

        #[test]
        fn compare_length_is_antisymmetric(a in any_limit(), b in any_limit()) {
            prop_assert_eq!(a.compare_length(b), b.compare_length(a).map(Ordering::reverse));
        }
    }
}
