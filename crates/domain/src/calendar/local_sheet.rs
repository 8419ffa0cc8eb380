//! A county's local days in bulk: the rows of its calendar sheet (日历, as in the onboarding
//! workbook: 日期, 休息日/工作日, 名称), checked all at once with every problem named by
//! row and column.

use std::collections::BTreeMap;

use super::notice::{NoticeError, NoticeProblem, parse_date};
use super::{LocalDay, LocalDayKind};

/// Longest name of a local day, in characters.
pub const LOCAL_NAME_MAX_CHARS: usize = 64;

/// Most local days one bulk change takes.
pub const MAX_BULK_DAYS: usize = 366;

/// A value of a bulk entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkColumn {
    Date,
    Kind,
    Name,
}

/// Checks a list of local days: each name present and at most
/// [`LOCAL_NAME_MAX_CHARS`] characters (trimmed), no date twice, at most [`MAX_BULK_DAYS`].
/// `field` names an entry's value (`days[3].name`, `日历/5/名称`).
pub fn check_local_days(days: &[LocalDay], field: &dyn Fn(usize, BulkColumn) -> String) -> Vec<NoticeError> {
    let mut out = Vec::new();
    if days.is_empty() {
        out.push(NoticeError::new("days", NoticeProblem::NoDays));
    }
    if days.len() > MAX_BULK_DAYS {
        out.push(NoticeError::new("days", NoticeProblem::TooMany { max: MAX_BULK_DAYS }));
    }
    let mut seen = BTreeMap::new();
    for (i, day) in days.iter().enumerate() {
        let name = day.name.trim();
        if name.is_empty() {
            out.push(NoticeError::new(field(i, BulkColumn::Name), NoticeProblem::NameRequired));
        } else if name.chars().count() > LOCAL_NAME_MAX_CHARS {
            out.push(NoticeError::new(
                field(i, BulkColumn::Name),
                NoticeProblem::NameTooLong { max: LOCAL_NAME_MAX_CHARS },
            ));
        }
        if let Some(&first) = seen.get(&day.date) {
            out.push(NoticeError::new(field(i, BulkColumn::Date), NoticeProblem::Duplicate { first }));
        }
        seen.entry(day.date).or_insert(i);
    }
    out
}

/// The rows of a calendar sheet (row 1 the header; 日期, 休息日/工作日, 名称) as local days,
/// each with its row number as the sheet shows it. Blank rows are skipped.
pub fn local_days_from_rows(rows: &[Vec<String>], sheet: &str) -> Result<Vec<(usize, LocalDay)>, Vec<NoticeError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(1) {
        let cell = |c: usize| row.get(c).map_or("", |s| s.trim());
        if (0..3).all(|c| cell(c).is_empty()) {
            continue;
        }
        let n = i + 1;
        let date = parse_date(cell(0));
        if date.is_none() {
            errors.push(NoticeError::new(sheet_field(sheet, n, BulkColumn::Date), NoticeProblem::NotADate));
        }
        let kind = match cell(1) {
            "休息日" | "休息" | "放假" => Some(LocalDayKind::OffDay),
            "工作日" | "上班" | "补班" => Some(LocalDayKind::WorkingDay),
            _ => None,
        };
        if kind.is_none() {
            errors.push(NoticeError::new(sheet_field(sheet, n, BulkColumn::Kind), NoticeProblem::UnknownKind));
        }
        if let (Some(date), Some(kind)) = (date, kind) {
            out.push((n, LocalDay { date, name: cell(2).to_owned(), kind }));
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// A cell of a calendar sheet: `日历/5/名称`.
pub fn sheet_field(sheet: &str, row: usize, column: BulkColumn) -> String {
    let column = match column {
        BulkColumn::Date => "日期",
        BulkColumn::Kind => "类型",
        BulkColumn::Name => "名称",
    };
    format!("{sheet}/{row}/{column}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn rows(r: &[[&str; 3]]) -> Vec<Vec<String>> {
        r.iter().map(|c| c.iter().map(|s| s.to_string()).collect()).collect()
    }

    #[test]
    fn sheet_rows_become_local_days_or_errors_by_row() {
        let good = rows(&[
            ["日期", "类型", "名称"],
            ["2027-07-26", "休息日", "火把节"],
            ["", "", ""],
            ["2027/7/25", "工作日", "补班"],
        ]);
        let days = local_days_from_rows(&good, "日历").unwrap();
        assert_eq!(days.iter().map(|(n, _)| *n).collect::<Vec<_>>(), vec![2, 4]);
        assert_eq!(days[1].1.kind, LocalDayKind::WorkingDay);
        assert_eq!(days[1].1.date, NaiveDate::from_ymd_opt(2027, 7, 25).unwrap());
        let bad = rows(&[["日期", "类型", "名称"], ["7月26日", "休息日", "火把节"], ["2027-07-27", "假", "x"]]);
        let errors = local_days_from_rows(&bad, "日历").unwrap_err();
        assert_eq!(
            errors,
            vec![
                NoticeError::new("日历/2/日期", NoticeProblem::NotADate),
                NoticeError::new("日历/3/类型", NoticeProblem::UnknownKind),
            ]
        );
    }

    #[test]
    fn a_bulk_list_is_checked_whole() {
        let date = NaiveDate::from_ymd_opt(2027, 7, 26).unwrap();
        let day = |name: &str| LocalDay { date, name: name.into(), kind: LocalDayKind::OffDay };
        let field = |i: usize, c: BulkColumn| format!("days[{i}].{c:?}");
        assert_eq!(check_local_days(&[day("火把节")], &field), vec![]);
        assert_eq!(
            check_local_days(&[day("火把节"), day(" "), day(&"节".repeat(65))], &field),
            vec![
                NoticeError::new("days[1].Name", NoticeProblem::NameRequired),
                NoticeError::new("days[1].Date", NoticeProblem::Duplicate { first: 0 }),
                NoticeError::new("days[2].Name", NoticeProblem::NameTooLong { max: 64 }),
                NoticeError::new("days[2].Date", NoticeProblem::Duplicate { first: 0 }),
            ]
        );
        assert_eq!(check_local_days(&[], &field), vec![NoticeError::new("days", NoticeProblem::NoDays)]);
    }
}
