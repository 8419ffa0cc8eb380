//! The credit platform's periodic list (失信名单) as an .xlsx file: one sheet (the one named
//! 失信名单, else the first), a header row, one row per listed enterprise. Columns, in any order
//! (others, such as 序号, are ignored):
//!
//! | header            | required | what                                              |
//! |-------------------|----------|---------------------------------------------------|
//! | 统一社会信用代码  | yes      | GB 32100-2015, check character verified           |
//! | 名称              | yes      | the enterprise's name as listed                   |
//! | 列入原因          | yes      | why it is listed                                  |
//! | 列入日期          | yes      | first day in force (a date cell or `2026-11-30`)  |
//! | 移出日期          | no       | the day it leaves the list (no longer in force)   |
//! | 决定文号          | yes      | the decision's document number                    |
//!
//! Every row becomes a hold from the credit platform; a row is the same record as one stored
//! when the credit code and the document number are the same (a re-import changes nothing).
//! Every problem is named by sheet, row (the header is row 1) and column; one problem and
//! nothing is imported.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    ConditionSeverity, ConditionSource, ConditionTarget, NAME_MAX_CHARS, NewCondition, REASON_MAX_CHARS,
    SOURCE_REF_MAX_CHARS,
};
use crate::credit_code::{CreditCode, CreditCodeError};

/// The sheet read when the workbook has one of this name.
pub const SHEET_NAME: &str = "失信名单";

/// A column of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlacklistColumn {
    CreditCode,
    Name,
    Reason,
    ListedOn,
    RemovedOn,
    DocumentNumber,
}

impl BlacklistColumn {
    /// Every column, in the template's order.
    pub const ALL: [BlacklistColumn; 6] = [
        BlacklistColumn::CreditCode,
        BlacklistColumn::Name,
        BlacklistColumn::Reason,
        BlacklistColumn::ListedOn,
        BlacklistColumn::RemovedOn,
        BlacklistColumn::DocumentNumber,
    ];

    /// The header as the file has it.
    pub fn header(self) -> &'static str {
        match self {
            BlacklistColumn::CreditCode => "统一社会信用代码",
            BlacklistColumn::Name => "名称",
            BlacklistColumn::Reason => "列入原因",
            BlacklistColumn::ListedOn => "列入日期",
            BlacklistColumn::RemovedOn => "移出日期",
            BlacklistColumn::DocumentNumber => "决定文号",
        }
    }

    /// The English name, for messages.
    pub fn en(self) -> &'static str {
        match self {
            BlacklistColumn::CreditCode => "credit code",
            BlacklistColumn::Name => "name",
            BlacklistColumn::Reason => "reason listed",
            BlacklistColumn::ListedOn => "listed on",
            BlacklistColumn::RemovedOn => "removed on",
            BlacklistColumn::DocumentNumber => "document number",
        }
    }

    /// Whether a row must fill it.
    pub fn required(self) -> bool {
        self != BlacklistColumn::RemovedOn
    }

    fn max_chars(self) -> usize {
        match self {
            BlacklistColumn::Name => NAME_MAX_CHARS,
            BlacklistColumn::Reason => REASON_MAX_CHARS,
            BlacklistColumn::DocumentNumber => SOURCE_REF_MAX_CHARS,
            _ => 64,
        }
    }
}

/// The list's sheet as text: its name and its rows (row 1 first; dates as `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlacklistProblem {
    /// The workbook has no sheet.
    NoSheet,
    /// The sheet has no data row.
    NoRows,
    /// The header row lacks the column.
    MissingColumn,
    /// The header appears twice.
    DuplicateColumn,
    /// A required cell is blank.
    Required,
    /// Longer than the column allows.
    TooLong { max: usize },
    /// Not a unified social credit code.
    CreditCode(CreditCodeError),
    /// Not a date.
    NotADate(String),
    /// 移出日期 is not after 列入日期.
    RemovedBeforeListed,
    /// The same credit code and document number are on an earlier row.
    DuplicateRow { first_row: u32 },
}

/// One problem of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlacklistError {
    /// The sheet's name.
    pub sheet: String,
    /// The row as the spreadsheet numbers it (1 is the header); none for the whole sheet.
    pub row: Option<u32>,
    pub column: Option<BlacklistColumn>,
    pub problem: BlacklistProblem,
}

impl BlacklistError {
    /// A stable snake_case code of the problem.
    pub fn code(&self) -> &'static str {
        match &self.problem {
            BlacklistProblem::NoSheet => "missing_sheet",
            BlacklistProblem::NoRows => "no_rows",
            BlacklistProblem::MissingColumn => "missing_column",
            BlacklistProblem::DuplicateColumn => "duplicate_column",
            BlacklistProblem::Required => "required",
            BlacklistProblem::TooLong { .. } => "too_long",
            BlacklistProblem::CreditCode(_) => "credit_code",
            BlacklistProblem::NotADate(_) => "not_a_date",
            BlacklistProblem::RemovedBeforeListed => "period",
            BlacklistProblem::DuplicateRow { .. } => "duplicate_row",
        }
    }

    /// Where: `sheet/row/column` (`失信名单/3/列入日期`), as far as known.
    pub fn path(&self) -> String {
        let mut path = self.sheet.clone();
        if let Some(row) = self.row {
            path.push_str(&format!("/{row}"));
        }
        if let Some(column) = self.column {
            path.push_str(&format!("/{}", column.header()));
        }
        path
    }

    /// The message in Chinese, with the place.
    pub fn zh(&self) -> String {
        let mut place = format!("「{}」表", self.sheet);
        if let Some(row) = self.row {
            place.push_str(&format!("第 {row} 行"));
        }
        if let Some(column) = self.column {
            place.push_str(&format!("「{}」列", column.header()));
        }
        let what = match &self.problem {
            BlacklistProblem::NoSheet => "工作簿中没有工作表".to_owned(),
            BlacklistProblem::NoRows => "没有数据行".to_owned(),
            BlacklistProblem::MissingColumn => "表头缺少此列".to_owned(),
            BlacklistProblem::DuplicateColumn => "表头中此列出现了两次".to_owned(),
            BlacklistProblem::Required => "不能为空".to_owned(),
            BlacklistProblem::TooLong { max } => format!("不能超过 {max} 个字符"),
            BlacklistProblem::CreditCode(e) => match e {
                CreditCodeError::Length(n) => format!("统一社会信用代码应为 18 位，实为 {n} 位"),
                CreditCodeError::Character { position, ch } => format!("第 {position} 位字符「{ch}」不允许"),
                CreditCodeError::CheckDigit { expected } => format!("校验码不正确，应为 {expected}"),
            },
            BlacklistProblem::NotADate(t) => format!("「{t}」不是日期（示例：2026-11-30）"),
            BlacklistProblem::RemovedBeforeListed => "移出日期应晚于列入日期".to_owned(),
            BlacklistProblem::DuplicateRow { first_row } => format!("与第 {first_row} 行的信用代码和决定文号重复"),
        };
        format!("{place}：{what}")
    }

    /// The message in English, with the place.
    pub fn en(&self) -> String {
        let mut place = format!("sheet {}", self.sheet);
        if let Some(row) = self.row {
            place.push_str(&format!(", row {row}"));
        }
        if let Some(column) = self.column {
            place.push_str(&format!(", column {} ({})", column.header(), column.en()));
        }
        let what = match &self.problem {
            BlacklistProblem::NoSheet => "the workbook has no sheet".to_owned(),
            BlacklistProblem::NoRows => "there is no data row".to_owned(),
            BlacklistProblem::MissingColumn => "the header row lacks this column".to_owned(),
            BlacklistProblem::DuplicateColumn => "the header row has this column twice".to_owned(),
            BlacklistProblem::Required => "must not be blank".to_owned(),
            BlacklistProblem::TooLong { max } => format!("must be at most {max} characters"),
            BlacklistProblem::CreditCode(e) => e.to_string(),
            BlacklistProblem::NotADate(t) => format!("`{t}` is not a date (e.g. 2026-11-30)"),
            BlacklistProblem::RemovedBeforeListed => "the removal date must come after the listing date".to_owned(),
            BlacklistProblem::DuplicateRow { first_row } => {
                format!("row {first_row} has the same credit code and document number")
            }
        };
        format!("{place}: {what}")
    }
}

/// One listed enterprise, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    /// The row in the file.
    pub row: u32,
    pub credit_code: CreditCode,
    pub name: String,
    pub reason: String,
    pub listed_on: NaiveDate,
    pub removed_on: Option<NaiveDate>,
    pub document_number: String,
}

impl ListEntry {
    /// The condition the row stands for: a hold from the credit platform.
    pub fn condition(&self) -> NewCondition {
        NewCondition {
            target: ConditionTarget::Enterprise(self.credit_code.clone()),
            enterprise_name: Some(self.name.clone()),
            severity: ConditionSeverity::Hold,
            source: ConditionSource::CreditPlatform,
            source_ref: Some(self.document_number.clone()),
            reason: self.reason.clone(),
            valid_from: self.listed_on,
            valid_until: self.removed_on,
        }
    }
}

/// A date as the list writes it: `2026-11-30`, `2026/11/30`, `2026.11.30`, `2026年11月30日`
/// or `20261130` (a time after the date is ignored).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let t = t.split([' ', 'T']).next().unwrap_or(t);
    let normalised: String =
        t.trim_end_matches('日').chars().map(|c| if matches!(c, '/' | '.' | '年' | '月') { '-' } else { c }).collect();
    NaiveDate::parse_from_str(&normalised, "%Y-%m-%d").ok().or_else(|| {
        (normalised.len() == 8 && normalised.chars().all(|c| c.is_ascii_digit()))
            .then(|| NaiveDate::parse_from_str(&normalised, "%Y%m%d").ok())
            .flatten()
    })
}

/// Reads the sheet into entries; every problem, or none and every entry.
pub fn parse(sheet: Option<&ListSheet>) -> Result<Vec<ListEntry>, Vec<BlacklistError>> {
    let Some(sheet) = sheet else {
        return Err(vec![BlacklistError {
            sheet: SHEET_NAME.to_owned(),
            row: None,
            column: None,
            problem: BlacklistProblem::NoSheet,
        }]);
    };
    let mut errors = Vec::new();
    let fail = |errors: &mut Vec<BlacklistError>, row: u32, column: Option<BlacklistColumn>, problem| {
        errors.push(BlacklistError { sheet: sheet.name.clone(), row: Some(row), column, problem });
    };
    let header = sheet.rows.first().cloned().unwrap_or_default();
    let mut columns: HashMap<BlacklistColumn, usize> = HashMap::new();
    for (i, cell) in header.iter().enumerate() {
        if let Some(c) = BlacklistColumn::ALL.into_iter().find(|c| c.header() == cell.trim()) {
            match columns.entry(c) {
                std::collections::hash_map::Entry::Occupied(_) => {
                    fail(&mut errors, 1, Some(c), BlacklistProblem::DuplicateColumn);
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
    }
    for c in BlacklistColumn::ALL {
        if !columns.contains_key(&c) {
            fail(&mut errors, 1, Some(c), BlacklistProblem::MissingColumn);
        }
    }
    let mut entries = Vec::new();
    let mut seen: HashMap<(String, String), u32> = HashMap::new();
    let data = sheet.rows.iter().enumerate().skip(1).filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let mut any = false;
    for (index, cells) in data {
        any = true;
        let row = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let text = |errors: &mut Vec<BlacklistError>, c: BlacklistColumn| -> Option<String> {
            let i = *columns.get(&c)?;
            let t = cells.get(i).map(|s| s.trim()).unwrap_or_default();
            if t.is_empty() {
                if c.required() {
                    fail(errors, row, Some(c), BlacklistProblem::Required);
                }
                return None;
            }
            if t.chars().count() > c.max_chars() {
                fail(errors, row, Some(c), BlacklistProblem::TooLong { max: c.max_chars() });
                return None;
            }
            Some(t.to_owned())
        };
        let code = text(&mut errors, BlacklistColumn::CreditCode);
        let name = text(&mut errors, BlacklistColumn::Name);
        let reason = text(&mut errors, BlacklistColumn::Reason);
        let listed = text(&mut errors, BlacklistColumn::ListedOn);
        let removed = text(&mut errors, BlacklistColumn::RemovedOn);
        let number = text(&mut errors, BlacklistColumn::DocumentNumber);
        let code = code.and_then(|c| {
            CreditCode::parse(&c)
                .map_err(|e| fail(&mut errors, row, Some(BlacklistColumn::CreditCode), BlacklistProblem::CreditCode(e)))
                .ok()
        });
        let date = |errors: &mut Vec<BlacklistError>, c: BlacklistColumn, t: Option<String>| {
            t.and_then(|t| {
                let d = parse_date(&t);
                if d.is_none() {
                    fail(errors, row, Some(c), BlacklistProblem::NotADate(t));
                }
                d
            })
        };
        let listed_on = date(&mut errors, BlacklistColumn::ListedOn, listed);
        let removed_on = date(&mut errors, BlacklistColumn::RemovedOn, removed);
        if let (Some(from), Some(until)) = (listed_on, removed_on)
            && until <= from
        {
            fail(&mut errors, row, Some(BlacklistColumn::RemovedOn), BlacklistProblem::RemovedBeforeListed);
        }
        if let (Some(code), Some(number)) = (&code, &number) {
            let key = (code.as_str().to_owned(), number.clone());
            if let Some(first_row) = seen.get(&key) {
                fail(&mut errors, row, None, BlacklistProblem::DuplicateRow { first_row: *first_row });
            } else {
                seen.insert(key, row);
            }
        }
        if let (Some(credit_code), Some(name), Some(reason), Some(listed_on), Some(document_number)) =
            (code, name, reason, listed_on, number)
        {
            entries.push(ListEntry { row, credit_code, name, reason, listed_on, removed_on, document_number });
        }
    }
    if !any && columns.len() == BlacklistColumn::ALL.len() {
        errors.push(BlacklistError {
            sheet: sheet.name.clone(),
            row: None,
            column: None,
            problem: BlacklistProblem::NoRows,
        });
    }
    if errors.is_empty() { Ok(entries) } else { Err(errors) }
}
