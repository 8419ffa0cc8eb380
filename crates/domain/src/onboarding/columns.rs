//! The onboarding workbook's own sheets and their columns.

/// A sheet of the onboarding workbook other than the catalog's (事项, 材料).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OnboardingSheet {
    County,
    Settings,
    Profile,
    Departments,
    Users,
    Calendar,
}

impl OnboardingSheet {
    /// Every sheet, in the workbook's order.
    pub const ALL: [OnboardingSheet; 6] = [
        OnboardingSheet::County,
        OnboardingSheet::Settings,
        OnboardingSheet::Profile,
        OnboardingSheet::Departments,
        OnboardingSheet::Users,
        OnboardingSheet::Calendar,
    ];

    /// The sheet's name in the workbook.
    pub fn name(self) -> &'static str {
        match self {
            OnboardingSheet::County => "县",
            OnboardingSheet::Settings => "设置",
            OnboardingSheet::Profile => "公示",
            OnboardingSheet::Departments => "部门",
            OnboardingSheet::Users => "用户",
            OnboardingSheet::Calendar => "日历",
        }
    }

    /// The sheet's name in English.
    pub fn en(self) -> &'static str {
        match self {
            OnboardingSheet::County => "county",
            OnboardingSheet::Settings => "settings",
            OnboardingSheet::Profile => "public profile",
            OnboardingSheet::Departments => "departments",
            OnboardingSheet::Users => "users",
            OnboardingSheet::Calendar => "calendar",
        }
    }

    /// The sheet's columns, in the template's order.
    pub fn columns(self) -> &'static [ColumnSpec] {
        match self {
            OnboardingSheet::County => &COUNTY_COLUMNS,
            OnboardingSheet::Settings | OnboardingSheet::Profile => &KEY_VALUE_COLUMNS,
            OnboardingSheet::Departments => &DEPARTMENT_COLUMNS,
            OnboardingSheet::Users => &USER_COLUMNS,
            OnboardingSheet::Calendar => &CALENDAR_COLUMNS,
        }
    }

    /// Whether a workbook must have the sheet.
    pub fn required(self) -> bool {
        !matches!(self, OnboardingSheet::Profile | OnboardingSheet::Calendar)
    }
}

/// A column of a sheet: its header, its English name, and what to write in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ColumnSpec {
    pub zh: &'static str,
    pub en: &'static str,
    pub required: bool,
    pub help: &'static str,
}

const fn col(zh: &'static str, en: &'static str, required: bool, help: &'static str) -> ColumnSpec {
    ColumnSpec { zh, en, required, help }
}

pub const COUNTY_CODE: ColumnSpec =
    col("编码", "code", true, "县的编码，登录时填写：小写字母开头，小写字母、数字、- 和 _（如 qinghe）");
pub const COUNTY_NAME: ColumnSpec = col("名称", "name", true, "县的名称（如 清河县）");
const COUNTY_COLUMNS: [ColumnSpec; 2] = [COUNTY_CODE, COUNTY_NAME];

pub const KEY: ColumnSpec = col("项目", "key", true, "项目的键（英文，见下）；提醒阶梯每一步一行，键相同");
pub const VALUE: ColumnSpec = col("值", "value", false, "项目的值；留空取默认值");
pub const MEANING: ColumnSpec = col("说明", "meaning", false, "项目的含义，不读取");
const KEY_VALUE_COLUMNS: [ColumnSpec; 3] = [KEY, VALUE, MEANING];

pub const DEPARTMENT_CODE: ColumnSpec =
    col("部门编码", "department code", true, "部门编码：小写字母开头（如 natural-resources）");
pub const DEPARTMENT_NAME: ColumnSpec = col("部门名称", "department name", true, "部门全称");
pub const DEPARTMENT_SHORT: ColumnSpec = col("简称", "short name", false, "部门简称；留空同全称");
pub const DEPARTMENT_PHONE: ColumnSpec = col("电话", "phone", false, "部门电话（手机号或带区号的固定电话）");
const DEPARTMENT_COLUMNS: [ColumnSpec; 4] = [DEPARTMENT_CODE, DEPARTMENT_NAME, DEPARTMENT_SHORT, DEPARTMENT_PHONE];

pub const USERNAME: ColumnSpec =
    col("用户名", "user name", true, "登录用的用户名：小写字母开头，小写字母、数字、- 和 _");
pub const DISPLAY_NAME: ColumnSpec = col("姓名", "display name", true, "姓名");
pub const ROLE: ColumnSpec =
    col("角色", "role", true, "角色编码或中文名称（如 department_agent 或 部门帮办代办员）；不含企业联络员");
pub const USER_DEPARTMENT: ColumnSpec =
    col("部门编码", "department code", false, "部门帮办代办员和部门分管领导必填，为「部门」表中的编码；其他角色留空");
pub const USER_PHONE: ColumnSpec = col("手机", "phone", false, "手机号或带区号的固定电话");
pub const USER_EMAIL: ColumnSpec = col("邮箱", "e-mail", false, "接收邮件通知的地址");
pub const APPROVAL_SINCE: ColumnSpec = col(
    "审批工作起始日期",
    "approval work since",
    false,
    "从事审批工作的起始日期（YYYY-MM-DD）；部门帮办代办员须满 1 年",
);
const USER_COLUMNS: [ColumnSpec; 7] =
    [USERNAME, DISPLAY_NAME, ROLE, USER_DEPARTMENT, USER_PHONE, USER_EMAIL, APPROVAL_SINCE];

pub const DAY_DATE: ColumnSpec = col("日期", "date", true, "日期（YYYY-MM-DD）");
pub const DAY_KIND: ColumnSpec = col("类型", "kind", true, "休息日 或 工作日（本县在全国日历之外的调整）");
pub const DAY_NAME: ColumnSpec = col("名称", "name", false, "说明（如 县庆放假）");
const CALENDAR_COLUMNS: [ColumnSpec; 3] = [DAY_DATE, DAY_KIND, DAY_NAME];
