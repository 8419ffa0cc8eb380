//! A State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知) as data the
//! platform imports: one year's listed dates, read from a `holiday-cn` year file (JSON) or from
//! spreadsheet rows (日期, 名称, 放假/调休上班), and every check a notice must pass before it
//! replaces the year it names. Also which years still lack their notice (the missing-year flag).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use super::{HolidayDataError, MonthDay, NationalSchedule};

/// The year files compiled into the crate, oldest first (the seed of a new database).
const EMBEDDED_YEAR_FILES: [&str; 5] = [
    include_str!("../../data/holidays/2023.json"),
    include_str!("../../data/holidays/2024.json"),
    include_str!("../../data/holidays/2025.json"),
    include_str!("../../data/holidays/2026.json"),
    include_str!("../../data/holidays/2027.json"),
];

/// One listed date of a notice.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NoticeDay {
    pub date: NaiveDate,
    /// The festival, e.g. `春节`.
    pub name: String,
    /// `true` for a day off (放假), `false` for an adjusted working day (调休上班).
    #[serde(rename = "isOffDay")]
    pub is_off_day: bool,
}

/// One year's notice: the title year, where it was published, and its dates.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Notice {
    pub year: i32,
    /// The notice's addresses (`holiday-cn`'s `papers`).
    #[serde(default)]
    pub papers: Vec<String>,
    pub days: Vec<NoticeDay>,
}

impl Notice {
    /// Reads a `holiday-cn` year file.
    pub fn from_year_file(json: &str) -> Result<Self, HolidayDataError> {
        serde_json::from_str(json).map_err(|e| HolidayDataError::Malformed(e.to_string()))
    }

    /// The year files compiled into the crate whose notice lists at least one date.
    pub fn embedded() -> Result<Vec<Notice>, HolidayDataError> {
        let mut out = Vec::new();
        for file in EMBEDDED_YEAR_FILES {
            let notice = Self::from_year_file(file)?;
            if !notice.days.is_empty() {
                out.push(notice);
            }
        }
        Ok(out)
    }

    /// The dates a notice may list: from 1 December of the year before through
    /// 31 January of the year after (a notice may reach into its neighbours, as
    /// `2023.json` lists `2022-12-31`).
    /// `None` for a year with no such dates (beyond chrono's calendar, or `i32`'s).
    pub fn allowed_range(year: i32) -> Option<(NaiveDate, NaiveDate)> {
        Some((
            NaiveDate::from_ymd_opt(year.checked_sub(1)?, 12, 1)?,
            NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 31)?,
        ))
    }

    /// Every problem of the notice for `year` (empty: it may replace that year), each named
    /// by its path in the year file (`days[3].date`). `others` holds the other years' stored
    /// notices; a date they list with the opposite meaning is a conflict naming their year.
    pub fn problems(&self, year: i32, others: &[Notice]) -> Vec<NoticeError> {
        let mut out = Vec::new();
        if self.year != year {
            out.push(NoticeError::new("year", NoticeProblem::YearMismatch { expected: year }));
        }
        if self.days.is_empty() {
            out.push(NoticeError::new("days", NoticeProblem::NoDays));
        }
        let range = Self::allowed_range(year);
        let mut seen: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        let other_days: BTreeMap<NaiveDate, (i32, bool)> = others
            .iter()
            .filter(|n| n.year != year)
            .flat_map(|n| n.days.iter().map(move |d| (d.date, (n.year, d.is_off_day))))
            .collect();
        for (i, day) in self.days.iter().enumerate() {
            let at = |f: &str| format!("days[{i}].{f}");
            if day.name.trim().is_empty() {
                out.push(NoticeError::new(at("name"), NoticeProblem::NameRequired));
            }
            if range.is_none_or(|(from, to)| day.date < from || day.date > to) {
                out.push(NoticeError::new(at("date"), NoticeProblem::OutsideYear { year }));
            }
            if !day.is_off_day && !is_weekend(day.date) {
                out.push(NoticeError::new(at("isOffDay"), NoticeProblem::WorkingDayNotOnWeekend));
            }
            if let Some(&first) = seen.get(&day.date) {
                out.push(NoticeError::new(at("date"), NoticeProblem::Duplicate { first }));
            }
            seen.entry(day.date).or_insert(i);
            if let Some((other, off)) = other_days.get(&day.date)
                && *off != day.is_off_day
            {
                out.push(NoticeError::new(at("date"), NoticeProblem::ConflictsWithYear { year: *other }));
            }
        }
        out
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// What is wrong with one field of a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeError {
    /// The field's path: `year`, `days`, `days[3].date`, or for a spreadsheet
    /// `row/column` as the sheet shows them (`5/日期`).
    pub field: String,
    pub problem: NoticeProblem,
}

impl NoticeError {
    pub fn new(field: impl Into<String>, problem: NoticeProblem) -> Self {
        NoticeError { field: field.into(), problem }
    }
}

/// Why a notice (or one of its rows) is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeProblem {
    /// The file names another year than the one it is loaded as.
    YearMismatch { expected: i32 },
    /// The notice lists no date.
    NoDays,
    /// A date with no festival name.
    NameRequired,
    /// A date outside the notice's year (and the neighbouring days allowed).
    OutsideYear { year: i32 },
    /// An adjusted working day (调休上班) that is not a Saturday or Sunday.
    WorkingDayNotOnWeekend,
    /// The date is listed already, at index (or row) `first`.
    Duplicate { first: usize },
    /// Another year's notice lists the date with the opposite meaning.
    ConflictsWithYear { year: i32 },
    /// A cell that is not a date (`2027-02-06` or `2027/2/6`).
    NotADate,
    /// A kind other than 放假 or 调休上班 (休息日 or 工作日 for a county's days).
    UnknownKind,
    /// More entries than one change takes.
    TooMany { max: usize },
    /// A name longer than `max` characters.
    NameTooLong { max: usize },
}

/// The rows of a notice's sheet (row 1 the header, then one date a row: 日期, 名称,
/// 放假/调休上班) as a notice of `year`. Blank rows are skipped; rows are numbered as the
/// sheet shows them.
pub fn notice_from_rows(year: i32, rows: &[Vec<String>]) -> Result<(Notice, Vec<usize>), Vec<NoticeError>> {
    let mut days = Vec::new();
    let mut numbers = Vec::new();
    let mut errors = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(1) {
        let cell = |c: usize| row.get(c).map_or("", |s| s.trim());
        if (0..3).all(|c| cell(c).is_empty()) {
            continue;
        }
        let n = i + 1;
        let date = parse_date(cell(0));
        if date.is_none() {
            errors.push(NoticeError::new(format!("{n}/日期"), NoticeProblem::NotADate));
        }
        let is_off_day = match cell(2) {
            "放假" | "休息" | "休息日" => Some(true),
            "调休上班" | "上班" | "调休" | "工作日" => Some(false),
            _ => None,
        };
        if is_off_day.is_none() {
            errors.push(NoticeError::new(format!("{n}/类型"), NoticeProblem::UnknownKind));
        }
        if let (Some(date), Some(is_off_day)) = (date, is_off_day) {
            days.push(NoticeDay { date, name: cell(1).to_owned(), is_off_day });
            numbers.push(n);
        }
    }
    if errors.is_empty() { Ok((Notice { year, papers: Vec::new(), days }, numbers)) } else { Err(errors) }
}

/// The sheet cell of a notice's field: `days[3].date` of a notice read from rows numbered
/// `rows` (as [`notice_from_rows`] returns them) is `5/日期`; other fields stay as they are.
pub fn sheet_field(field: &str, rows: &[usize]) -> String {
    let Some(rest) = field.strip_prefix("days[") else { return field.to_owned() };
    let Some((index, column)) = rest.split_once("].") else { return field.to_owned() };
    let Some(row) = index.parse::<usize>().ok().and_then(|i| rows.get(i)) else { return field.to_owned() };
    let column = match column {
        "date" => "日期",
        "name" => "名称",
        _ => "类型",
    };
    format!("{row}/{column}")
}

/// A date written `2027-02-06`, `2027/2/6` or `2027.2.6` (an .xlsx date cell reads as the first).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let text = text.split([' ', 'T']).next().unwrap_or(text);
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        _ => None,
    }
}

/// Builds the national schedule from stored notices (any order).
pub fn schedule_of(notices: &[Notice]) -> Result<NationalSchedule, HolidayDataError> {
    let mut schedule = NationalSchedule::empty();
    let mut sorted: Vec<&Notice> = notices.iter().collect();
    sorted.sort_by_key(|n| n.year);
    for notice in sorted {
        schedule.add_notice(notice)?;
    }
    Ok(schedule)
}

/// The years flagged as missing their notice on `today`: the current year while it has
/// none, and the next year from `flag_from` (a day of the current year, by default 1
/// November) on.
pub fn missing_years(today: NaiveDate, loaded: &BTreeSet<i32>, flag_from: MonthDay) -> Vec<i32> {
    let year = today.year();
    let mut out = Vec::new();
    if !loaded.contains(&year) {
        out.push(year);
    }
    if MonthDay::of(today) >= flag_from && !loaded.contains(&(year + 1)) {
        out.push(year + 1);
    }
    out
}

/// The default start of the flag for next year's notice: 1 November.
pub fn default_flag_from() -> MonthDay {
    MonthDay::new(11, 1).unwrap_or_else(|| MonthDay::of(NaiveDate::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_year_at_the_ends_of_i32_has_no_range_and_is_refused_without_a_panic() {
        assert_eq!(Notice::allowed_range(i32::MIN), None);
        assert_eq!(Notice::allowed_range(i32::MAX), None);
        assert_eq!(Notice::allowed_range(2027), Some((date(2026, 12, 1), date(2028, 1, 31))));
        // What the fuzzer sent: a year file for year i32::MIN.
        let file = r#"{"days":[],"papers":[],"year":-2147483648}"#;
        if let Ok(n) = Notice::from_year_file(file) {
            assert!(!n.problems(i32::MIN, &[]).is_empty());
        }
    }

    fn day(d: NaiveDate, off: bool) -> NoticeDay {
        NoticeDay { date: d, name: "春节".into(), is_off_day: off }
    }

    fn notice(year: i32, days: Vec<NoticeDay>) -> Notice {
        Notice { year, papers: vec![], days }
    }

    #[test]
    fn the_embedded_notices_are_2023_to_2026_and_pass_their_checks() {
        let notices = Notice::embedded().unwrap();
        assert_eq!(notices.iter().map(|n| n.year).collect::<Vec<_>>(), vec![2023, 2024, 2025, 2026]);
        for n in &notices {
            assert_eq!(n.problems(n.year, &notices), vec![], "{}", n.year);
        }
        let schedule = schedule_of(&notices).unwrap();
        assert_eq!(schedule, *NationalSchedule::embedded().unwrap());
    }

    #[test]
    fn a_bad_notice_names_every_field() {
        let others = vec![notice(2026, vec![day(date(2026, 12, 31), true)])];
        let bad = notice(
            2027,
            vec![
                day(date(2027, 2, 8), false),   // a Monday as 调休
                day(date(2028, 3, 1), true),    // another year
                day(date(2027, 2, 10), true),   // fine
                day(date(2027, 2, 10), true),   // twice
                day(date(2026, 12, 31), false), // a Thursday, and 2026 says off
            ],
        );
        let problems = bad.problems(2027, &others);
        assert_eq!(
            problems,
            vec![
                NoticeError::new("days[0].isOffDay", NoticeProblem::WorkingDayNotOnWeekend),
                NoticeError::new("days[1].date", NoticeProblem::OutsideYear { year: 2027 }),
                NoticeError::new("days[3].date", NoticeProblem::Duplicate { first: 2 }),
                NoticeError::new("days[4].isOffDay", NoticeProblem::WorkingDayNotOnWeekend),
                NoticeError::new("days[4].date", NoticeProblem::ConflictsWithYear { year: 2026 }),
            ]
        );
        assert_eq!(
            notice(2026, vec![]).problems(2027, &[]),
            vec![
                NoticeError::new("year", NoticeProblem::YearMismatch { expected: 2027 }),
                NoticeError::new("days", NoticeProblem::NoDays),
            ]
        );
        // The neighbouring days are allowed; a Saturday may be a working day.
        let ok = notice(2027, vec![day(date(2026, 12, 31), true), day(date(2027, 2, 20), false)]);
        assert_eq!(ok.problems(2027, &others), vec![]);
    }

    #[test]
    fn rows_become_a_notice_or_errors_by_row() {
        let rows = |r: &[[&str; 3]]| r.iter().map(|c| c.iter().map(|s| s.to_string()).collect()).collect::<Vec<_>>();
        let good = rows(&[
            ["日期", "名称", "类型"],
            ["2027/2/6", "春节", "放假"],
            ["", "", ""],
            ["2027-02-20", "春节", "调休上班"],
        ]);
        let (n, numbers) = notice_from_rows(2027, &good).unwrap();
        assert_eq!(n.days, vec![day(date(2027, 2, 6), true), day(date(2027, 2, 20), false)]);
        assert_eq!(numbers, vec![2, 4]);
        assert_eq!(sheet_field("days[1].isOffDay", &numbers), "4/类型");
        assert_eq!(sheet_field("year", &numbers), "year");
        let bad = rows(&[["日期", "名称", "类型"], ["2027-13-01", "春节", "放假"], ["2027-02-06", "春节", "休"]]);
        assert_eq!(
            notice_from_rows(2027, &bad).unwrap_err(),
            vec![
                NoticeError::new("2/日期", NoticeProblem::NotADate),
                NoticeError::new("3/类型", NoticeProblem::UnknownKind)
            ]
        );
        assert_eq!(parse_date("2027-02-06 00:00:00"), Some(date(2027, 2, 6)));
    }

    #[test]
    fn missing_years_are_flagged_from_the_lead_day() {
        let loaded: BTreeSet<i32> = [2025, 2026].into();
        let from = default_flag_from();
        assert_eq!(missing_years(date(2026, 10, 31), &loaded, from), Vec::<i32>::new());
        assert_eq!(missing_years(date(2026, 11, 1), &loaded, from), vec![2027]);
        assert_eq!(missing_years(date(2027, 1, 5), &loaded, from), vec![2027]);
        let later = MonthDay::new(12, 15).unwrap();
        assert_eq!(missing_years(date(2026, 12, 5), &loaded, later), Vec::<i32>::new());
    }
}
