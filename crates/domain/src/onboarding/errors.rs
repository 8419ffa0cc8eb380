//! What is wrong with an onboarding workbook, cell by cell: the sheet, the row as the
//! spreadsheet numbers it (the header is row 1) and the column, in Chinese and in English.
//! The catalog's sheets report through the catalog template's own errors.

use crate::catalog::template::TemplateError;
use crate::settings::SettingProblem;
use crate::text::TextError;

use super::columns::{ColumnSpec, OnboardingSheet};

/// One problem of a sheet of the workbook other than the catalog's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetError {
    pub sheet: OnboardingSheet,
    /// The row as the spreadsheet shows it (1 is the header); `None` for the whole sheet.
    pub row: Option<u32>,
    /// The column; `None` for a whole row or sheet.
    pub column: Option<ColumnSpec>,
    pub problem: SheetProblem,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetProblem {
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
    /// The 县 sheet holds no county, or more than one.
    OneCounty,
    /// A code, name, phone number or e-mail address the text rules refuse.
    Text(TextError),
    /// The code is the platform's own.
    ReservedCode,
    /// Another county has the code.
    CodeTaken,
    /// The value appears on an earlier row.
    Duplicate { first_row: u32 },
    /// No role of a county, by code or Chinese name.
    NotARole(String),
    /// A role the workbook cannot give (enterprise contacts register their enterprise first).
    RoleNotAllowed(String),
    /// A department role without a department.
    DepartmentRequired,
    /// A department given to a role that belongs to none.
    DepartmentNotAllowed,
    /// The 部门 sheet has no department of the code.
    UnknownDepartment(String),
    /// Not a date written YYYY-MM-DD.
    NotADate(String),
    /// Neither 休息日 nor 工作日.
    NotADayKind(String),
    /// Neither 是 nor 否.
    NotAFlag(String),
    /// A key the sheet does not have.
    UnknownKey(String),
    /// A value of the wrong form; the text says what is expected (zh, en).
    BadValue { value: String, expected_zh: &'static str, expected_en: &'static str },
    /// A setting outside what the county's settings allow.
    Setting(SettingProblem),
}

/// Any problem of the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnboardingError {
    Sheet(SheetError),
    Catalog(TemplateError),
}

impl From<TemplateError> for OnboardingError {
    fn from(e: TemplateError) -> Self {
        OnboardingError::Catalog(e)
    }
}

impl From<SheetError> for OnboardingError {
    fn from(e: SheetError) -> Self {
        OnboardingError::Sheet(e)
    }
}

impl OnboardingError {
    /// A stable snake_case code of the problem.
    pub fn code(&self) -> &'static str {
        match self {
            OnboardingError::Catalog(e) => e.code(),
            OnboardingError::Sheet(e) => e.code(),
        }
    }

    /// Where: `sheet/row/column` (`用户/4/角色`), as far as known.
    pub fn path(&self) -> String {
        match self {
            OnboardingError::Catalog(e) => e.path(),
            OnboardingError::Sheet(e) => e.path(),
        }
    }

    /// The message in Chinese, with the place.
    pub fn zh(&self) -> String {
        match self {
            OnboardingError::Catalog(e) => e.zh(),
            OnboardingError::Sheet(e) => e.zh(),
        }
    }

    /// The message in English, with the place.
    pub fn en(&self) -> String {
        match self {
            OnboardingError::Catalog(e) => e.en(),
            OnboardingError::Sheet(e) => e.en(),
        }
    }
}

fn text_zh(e: &TextError) -> String {
    match e {
        TextError::Empty => "不能为空".to_owned(),
        TextError::TooLong { max } => format!("不能超过 {max} 个字符"),
        TextError::TooShort { min } => format!("至少 {min} 个字符"),
        TextError::CodeCharacters => "只能包含小写字母、数字、- 和 _，并以字母开头".to_owned(),
        TextError::WeakPassword => "密码须包含小写、大写、数字、符号中的至少三类".to_owned(),
        TextError::Phone => "不是大陆手机号或带区号的固定电话".to_owned(),
        TextError::Email => "不是电子邮箱地址".to_owned(),
    }
}

fn setting_zh(p: &SettingProblem) -> String {
    match p {
        SettingProblem::OutOfRange { min, max } => format!("须在 {min} 到 {max} 之间"),
        SettingProblem::BadPrefix => "案号前缀只能是 1–12 位大写字母、数字和中间的连字符".to_owned(),
        SettingProblem::StepCount => "提醒阶梯须有 1–12 步".to_owned(),
        SettingProblem::BadStepCode => "步骤编码须为小写字母、数字和下划线，且同一阶梯内不重复".to_owned(),
        SettingProblem::StepOffset => "提醒须在期限前、到期须在期限时、升级须在期限后，且不超出上限".to_owned(),
        SettingProblem::EmptySeason => "季节作息的起止日期不能相同".to_owned(),
    }
}

fn setting_en(p: &SettingProblem) -> String {
    match p {
        SettingProblem::OutOfRange { min, max } => format!("must be from {min} to {max}"),
        SettingProblem::BadPrefix => {
            "a case-number prefix is 1–12 capital letters, digits and inner hyphens".to_owned()
        }
        SettingProblem::StepCount => "a ladder has 1 to 12 steps".to_owned(),
        SettingProblem::BadStepCode => {
            "a step code is lower-case letters, digits and underscores, once per ladder".to_owned()
        }
        SettingProblem::StepOffset => {
            "a reminder lies before its deadline, an at-deadline step at it, an escalation after it, within the bounds"
                .to_owned()
        }
        SettingProblem::EmptySeason => "a season must not start and end on the same day".to_owned(),
    }
}

impl SheetError {
    /// A problem of a cell.
    pub fn cell(sheet: OnboardingSheet, row: u32, column: ColumnSpec, problem: SheetProblem) -> Self {
        SheetError { sheet, row: Some(row), column: Some(column), problem }
    }

    /// A problem of a whole sheet.
    pub fn sheet(sheet: OnboardingSheet, problem: SheetProblem) -> Self {
        SheetError { sheet, row: None, column: None, problem }
    }

    /// A stable snake_case code of the problem.
    pub fn code(&self) -> &'static str {
        match &self.problem {
            SheetProblem::MissingSheet => "missing_sheet",
            SheetProblem::MissingColumn => "missing_column",
            SheetProblem::UnknownColumn(_) => "unknown_column",
            SheetProblem::DuplicateColumn => "duplicate_column",
            SheetProblem::Required => "required",
            SheetProblem::OneCounty => "one_county",
            SheetProblem::Text(TextError::Phone) => "phone",
            SheetProblem::Text(TextError::Email) => "email",
            SheetProblem::Text(TextError::CodeCharacters) => "code_characters",
            SheetProblem::Text(_) => "length",
            SheetProblem::ReservedCode => "reserved_code",
            SheetProblem::CodeTaken => "taken",
            SheetProblem::Duplicate { .. } => "duplicate",
            SheetProblem::NotARole(_) => "unknown_role",
            SheetProblem::RoleNotAllowed(_) => "role_not_allowed",
            SheetProblem::DepartmentRequired => "department_required",
            SheetProblem::DepartmentNotAllowed => "department_not_allowed",
            SheetProblem::UnknownDepartment(_) => "unknown_department",
            SheetProblem::NotADate(_) => "not_a_date",
            SheetProblem::NotADayKind(_) => "not_a_day_kind",
            SheetProblem::NotAFlag(_) => "not_a_flag",
            SheetProblem::UnknownKey(_) => "unknown_key",
            SheetProblem::BadValue { .. } => "bad_value",
            SheetProblem::Setting(SettingProblem::OutOfRange { .. }) => "range",
            SheetProblem::Setting(SettingProblem::BadPrefix) => "bad_prefix",
            SheetProblem::Setting(SettingProblem::StepCount) => "step_count",
            SheetProblem::Setting(SettingProblem::BadStepCode) => "bad_step_code",
            SheetProblem::Setting(SettingProblem::StepOffset) => "step_offset",
            SheetProblem::Setting(SettingProblem::EmptySeason) => "empty_season",
        }
    }

    /// Where: `sheet/row/column`, as far as known.
    pub fn path(&self) -> String {
        let mut path = self.sheet.name().to_owned();
        if let Some(row) = self.row {
            path.push_str(&format!("/{row}"));
        }
        if let Some(column) = self.column {
            path.push_str(&format!("/{}", column.zh));
        }
        path
    }

    fn place_zh(&self) -> String {
        let mut place = format!("「{}」表", self.sheet.name());
        if let Some(row) = self.row {
            place.push_str(&format!("第 {row} 行"));
        }
        if let Some(column) = self.column {
            place.push_str(&format!("「{}」列", column.zh));
        }
        place
    }

    fn place_en(&self) -> String {
        let mut place = format!("sheet {} ({})", self.sheet.name(), self.sheet.en());
        if let Some(row) = self.row {
            place.push_str(&format!(", row {row}"));
        }
        if let Some(column) = self.column {
            place.push_str(&format!(", column {}", column.en));
        }
        place
    }

    /// The message in Chinese, with the place.
    pub fn zh(&self) -> String {
        let what = match &self.problem {
            SheetProblem::MissingSheet => "工作簿中没有此工作表".to_owned(),
            SheetProblem::MissingColumn => "表头缺少此列".to_owned(),
            SheetProblem::UnknownColumn(h) => format!("表头「{h}」不是模板的列"),
            SheetProblem::DuplicateColumn => "表头中此列出现了两次".to_owned(),
            SheetProblem::Required => "不能为空".to_owned(),
            SheetProblem::OneCounty => "须且只能填写一个县（第 2 行）".to_owned(),
            SheetProblem::Text(e) => text_zh(e),
            SheetProblem::ReservedCode => "这是平台自身的编码，县不能使用".to_owned(),
            SheetProblem::CodeTaken => "已有县使用此编码".to_owned(),
            SheetProblem::Duplicate { first_row } => format!("与第 {first_row} 行重复"),
            SheetProblem::NotARole(t) => format!("「{t}」不是县的角色（填写角色编码或中文名称，见说明表）"),
            SheetProblem::RoleNotAllowed(t) => format!("工作簿不能创建「{t}」角色的用户"),
            SheetProblem::DepartmentRequired => "部门角色必须填写部门编码".to_owned(),
            SheetProblem::DepartmentNotAllowed => "该角色不属于部门，部门编码须留空".to_owned(),
            SheetProblem::UnknownDepartment(c) => format!("「部门」表中没有编码为「{c}」的部门"),
            SheetProblem::NotADate(t) => format!("「{t}」不是日期（格式 YYYY-MM-DD）"),
            SheetProblem::NotADayKind(t) => format!("「{t}」应为 休息日 或 工作日"),
            SheetProblem::NotAFlag(t) => format!("「{t}」应为 是 或 否"),
            SheetProblem::UnknownKey(k) => format!("「{k}」不是此表的项目（见说明表）"),
            SheetProblem::BadValue { value, expected_zh, .. } => format!("「{value}」格式不对：{expected_zh}"),
            SheetProblem::Setting(p) => setting_zh(p),
        };
        format!("{}：{what}", self.place_zh())
    }

    /// The message in English, with the place.
    pub fn en(&self) -> String {
        let what = match &self.problem {
            SheetProblem::MissingSheet => "the workbook has no such sheet".to_owned(),
            SheetProblem::MissingColumn => "the header row lacks this column".to_owned(),
            SheetProblem::UnknownColumn(h) => format!("the header `{h}` is not a column of the template"),
            SheetProblem::DuplicateColumn => "the header row has this column twice".to_owned(),
            SheetProblem::Required => "must not be blank".to_owned(),
            SheetProblem::OneCounty => "must hold exactly one county (row 2)".to_owned(),
            SheetProblem::Text(e) => e.to_string(),
            SheetProblem::ReservedCode => "this is the platform's own code; no county may take it".to_owned(),
            SheetProblem::CodeTaken => "another county has this code".to_owned(),
            SheetProblem::Duplicate { first_row } => format!("repeats row {first_row}"),
            SheetProblem::NotARole(t) => format!("`{t}` is not a county role (its code or Chinese name)"),
            SheetProblem::RoleNotAllowed(t) => format!("the workbook cannot create users of the role `{t}`"),
            SheetProblem::DepartmentRequired => "a department role needs a department code".to_owned(),
            SheetProblem::DepartmentNotAllowed => "this role belongs to no department; leave it blank".to_owned(),
            SheetProblem::UnknownDepartment(c) => format!("the departments sheet has no department `{c}`"),
            SheetProblem::NotADate(t) => format!("`{t}` is not a date written YYYY-MM-DD"),
            SheetProblem::NotADayKind(t) => format!("`{t}` must be 休息日 (day off) or 工作日 (working day)"),
            SheetProblem::NotAFlag(t) => format!("`{t}` must be 是 (yes) or 否 (no)"),
            SheetProblem::UnknownKey(k) => format!("`{k}` is not a key of this sheet (see the guide)"),
            SheetProblem::BadValue { value, expected_en, .. } => format!("`{value}` is malformed: {expected_en}"),
            SheetProblem::Setting(p) => setting_en(p),
        };
        format!("{}: {what}", self.place_en())
    }
}
