//! What is wrong with a workbook, cell by cell: the sheet, the row as the spreadsheet numbers
//! it (the header is row 1) and the column, with a message in Chinese and in English.

use crate::time_limit::{TimeLimit, TimeLimitError};

use super::columns::{Column, TemplateSheet};

/// One problem of a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub sheet: TemplateSheet,
    /// The row as the spreadsheet shows it (1 is the header); `None` for the whole sheet.
    pub row: Option<u32>,
    /// The column's header; `None` for a whole row or sheet.
    pub column: Option<&'static str>,
    /// The column's English name, for the English message.
    pub column_en: Option<&'static str>,
    pub problem: TemplateProblem,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateProblem {
    /// The workbook has no sheet of this name.
    MissingSheet,
    /// The header row lacks the column.
    MissingColumn,
    /// A header the template does not have.
    UnknownColumn(String),
    /// The header appears twice.
    DuplicateColumn,
    /// A required cell is blank.
    Required,
    /// Neither 是 nor 否.
    NotAFlag(String),
    /// No stage of the template.
    NotAStage(String),
    /// No time limit.
    BadLimit(TimeLimitError),
    /// The promised limit is longer than the legal one.
    PromiseExceedsLegal { promised: TimeLimit, legal: TimeLimit },
    /// Not a whole number in the allowed range.
    NotANumber(String),
    /// The item code appears on an earlier row.
    DuplicateCode { first_row: u32 },
    /// A material of an item the 事项 sheet does not have.
    UnknownItem(String),
    /// The material number appears twice for the item.
    DuplicatePosition { first_row: u32 },
    /// A material may be missing (容缺) but its item does not allow 容缺受理.
    ToleranceNotAllowed,
    /// No department of the county has the code.
    UnknownDepartment(String),
}

impl TemplateError {
    /// A problem of a cell.
    pub fn cell<C: Column>(sheet: TemplateSheet, row: u32, column: C, problem: TemplateProblem) -> Self {
        TemplateError { sheet, row: Some(row), column: Some(column.header()), column_en: Some(column.en()), problem }
    }

    /// A problem of a whole sheet.
    pub fn sheet(sheet: TemplateSheet, problem: TemplateProblem) -> Self {
        TemplateError { sheet, row: None, column: None, column_en: None, problem }
    }

    /// A stable snake_case code of the problem.
    pub fn code(&self) -> &'static str {
        match &self.problem {
            TemplateProblem::MissingSheet => "missing_sheet",
            TemplateProblem::MissingColumn => "missing_column",
            TemplateProblem::UnknownColumn(_) => "unknown_column",
            TemplateProblem::DuplicateColumn => "duplicate_column",
            TemplateProblem::Required => "required",
            TemplateProblem::NotAFlag(_) => "not_a_flag",
            TemplateProblem::NotAStage(_) => "unknown_stage",
            TemplateProblem::BadLimit(_) => "time_limit",
            TemplateProblem::PromiseExceedsLegal { .. } => "promise_exceeds_legal",
            TemplateProblem::NotANumber(_) => "not_a_number",
            TemplateProblem::DuplicateCode { .. } => "duplicate_code",
            TemplateProblem::UnknownItem(_) => "unknown_item",
            TemplateProblem::DuplicatePosition { .. } => "duplicate_position",
            TemplateProblem::ToleranceNotAllowed => "tolerance_not_allowed",
            TemplateProblem::UnknownDepartment(_) => "unknown_department",
        }
    }

    /// Where: `sheet/row/column` (`事项/5/法定时限`), as far as known.
    pub fn path(&self) -> String {
        let mut path = self.sheet.name().to_owned();
        if let Some(row) = self.row {
            path.push_str(&format!("/{row}"));
        }
        if let Some(column) = self.column {
            path.push_str(&format!("/{column}"));
        }
        path
    }

    fn place_zh(&self) -> String {
        let mut place = format!("「{}」表", self.sheet.name());
        if let Some(row) = self.row {
            place.push_str(&format!("第 {row} 行"));
        }
        if let Some(column) = self.column {
            place.push_str(&format!("「{column}」列"));
        }
        place
    }

    fn place_en(&self) -> String {
        let mut place = format!("sheet {} ({})", self.sheet.name(), self.sheet.en());
        if let Some(row) = self.row {
            place.push_str(&format!(", row {row}"));
        }
        if let Some(column) = self.column_en {
            place.push_str(&format!(", column {}", column));
        }
        place
    }

    /// The message in Chinese, with the place.
    pub fn zh(&self) -> String {
        let what = match &self.problem {
            TemplateProblem::MissingSheet => "工作簿中没有此工作表".to_owned(),
            TemplateProblem::MissingColumn => "表头缺少此列".to_owned(),
            TemplateProblem::UnknownColumn(h) => format!("表头「{h}」不是模板的列"),
            TemplateProblem::DuplicateColumn => "表头中此列出现了两次".to_owned(),
            TemplateProblem::Required => "不能为空".to_owned(),
            TemplateProblem::NotAFlag(t) => format!("「{t}」应为 是 或 否"),
            TemplateProblem::NotAStage(t) => format!("「{t}」不是审批阶段（见说明表）"),
            TemplateProblem::BadLimit(e) => limit_zh(e),
            TemplateProblem::PromiseExceedsLegal { promised, legal } => {
                format!("承诺时限 {promised} 长于法定时限 {legal}")
            }
            TemplateProblem::NotANumber(t) => format!("「{t}」应为不大于 3650 的非负整数"),
            TemplateProblem::DuplicateCode { first_row } => format!("事项编码与第 {first_row} 行重复"),
            TemplateProblem::UnknownItem(c) => format!("事项表中没有编码为「{c}」的事项"),
            TemplateProblem::DuplicatePosition { first_row } => format!("该事项的材料序号与第 {first_row} 行重复"),
            TemplateProblem::ToleranceNotAllowed => "所属事项不允许容缺受理，材料不能标为可容缺".to_owned(),
            TemplateProblem::UnknownDepartment(c) => format!("本县没有编码为「{c}」的部门"),
        };
        format!("{}：{what}", self.place_zh())
    }

    /// The message in English, with the place.
    pub fn en(&self) -> String {
        let what = match &self.problem {
            TemplateProblem::MissingSheet => "the workbook has no such sheet".to_owned(),
            TemplateProblem::MissingColumn => "the header row lacks this column".to_owned(),
            TemplateProblem::UnknownColumn(h) => format!("the header `{h}` is not a column of the template"),
            TemplateProblem::DuplicateColumn => "the header row has this column twice".to_owned(),
            TemplateProblem::Required => "must not be blank".to_owned(),
            TemplateProblem::NotAFlag(t) => format!("`{t}` must be 是 (yes) or 否 (no)"),
            TemplateProblem::NotAStage(t) => format!("`{t}` is not a stage (see the 说明 sheet)"),
            TemplateProblem::BadLimit(e) => e.to_string(),
            TemplateProblem::PromiseExceedsLegal { promised, legal } => {
                format!("the promised limit {promised} is longer than the legal limit {legal}")
            }
            TemplateProblem::NotANumber(t) => format!("`{t}` must be a whole number from 0 to 3650"),
            TemplateProblem::DuplicateCode { first_row } => format!("the item code is on row {first_row} already"),
            TemplateProblem::UnknownItem(c) => format!("the items sheet has no item `{c}`"),
            TemplateProblem::DuplicatePosition { first_row } => {
                format!("the item has a material with this number on row {first_row} already")
            }
            TemplateProblem::ToleranceNotAllowed => {
                "the item does not allow 容缺 acceptance, so no material of it may be missing".to_owned()
            }
            TemplateProblem::UnknownDepartment(c) => format!("the county has no department `{c}`"),
        };
        format!("{}: {what}", self.place_en())
    }
}

fn limit_zh(e: &TimeLimitError) -> String {
    match e {
        TimeLimitError::Unrecognised(t) => format!("「{t}」不是时限（示例：20个工作日、60日、2小时、即办）"),
        TimeLimitError::NotWhole(t) => format!("「{t}」不是整数天或整分钟"),
        TimeLimitError::MixedUnits(t) => format!("「{t}」同时写了天和小时"),
        TimeLimitError::TooLarge(t) => format!("「{t}」数值过大"),
        TimeLimitError::PromiseExceedsLegal { promised, legal } => {
            format!("承诺时限 {promised} 长于法定时限 {legal}")
        }
    }
}
