//! The onboarding workbook (县开通工作簿): one .xlsx file that holds a whole county — its code
//! and name (县), settings (设置), public profile (公示, optional), departments (部门), users
//! (用户), the catalog in the catalog template's own sheets (事项, 材料; read by
//! [`crate::catalog::template::parse`]) and local calendar days (日历, optional). A 说明 sheet
//! explains every column and is not read.
//!
//! [`parse`] reads the sheets' text into a checked [`CountyWorkbook`], collecting every problem,
//! each named by sheet, row and column; [`print`] writes a county back as the same text, so
//! `parse(print(w)) == w`.

mod columns;
mod errors;
mod parse;
mod settings_sheet;
mod sheets;
#[cfg(test)]
mod tests;

pub use columns::{ColumnSpec, OnboardingSheet};
pub use errors::{OnboardingError, SheetError, SheetProblem};
pub use parse::{county_code, parse};
pub use settings_sheet::{SETTING_KEYS, parse_hours, print_hours, print_settings};

use chrono::NaiveDate;

use crate::catalog::template::{self, TemplateItem, TemplateSheet, TemplateText};
use crate::disclosure::RosterDisclosure;
use crate::role::Role;
use crate::settings::CountySettings;

/// The guide sheet's name.
pub const GUIDE_SHEET: &str = "说明";

/// A department as the workbook holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookDepartment {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub phone: Option<String>,
}

/// A user as the workbook holds it (no password: the import makes an initial one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_code: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub approval_work_since: Option<NaiveDate>,
}

/// A local calendar day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookDay {
    pub date: NaiveDate,
    pub working: bool,
    pub name: String,
}

/// The county's public profile (公示).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookProfile {
    pub published: bool,
    pub office_name: Option<String>,
    pub address: Option<String>,
    pub office_hours: Option<String>,
    pub phone: Option<String>,
    pub consultation_phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub supervision_phone: Option<String>,
    pub email: Option<String>,
    pub service_rules: Option<String>,
    pub roster_disclosure: RosterDisclosure,
}

impl Default for WorkbookProfile {
    fn default() -> Self {
        WorkbookProfile {
            published: false,
            office_name: None,
            address: None,
            office_hours: None,
            phone: None,
            consultation_phone: None,
            complaint_phone: None,
            supervision_phone: None,
            email: None,
            service_rules: None,
            roster_disclosure: crate::disclosure::DEFAULT_ROSTER_DISCLOSURE,
        }
    }
}

/// A whole county, read from (or to be written to) the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountyWorkbook {
    pub code: String,
    pub name: String,
    pub settings: CountySettings,
    pub profile: Option<WorkbookProfile>,
    pub departments: Vec<WorkbookDepartment>,
    pub users: Vec<WorkbookUser>,
    /// In the 事项 sheet's order.
    pub items: Vec<TemplateItem>,
    /// In date order.
    pub days: Vec<WorkbookDay>,
}

/// The text of every sheet, each a list of rows (the header first); `None` for a sheet the
/// workbook lacks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkbookText {
    pub county: Option<Vec<Vec<String>>>,
    pub settings: Option<Vec<Vec<String>>>,
    pub profile: Option<Vec<Vec<String>>>,
    pub departments: Option<Vec<Vec<String>>>,
    pub users: Option<Vec<Vec<String>>>,
    pub calendar: Option<Vec<Vec<String>>>,
    /// The catalog template's sheets.
    pub catalog: TemplateText,
}

impl WorkbookText {
    /// The text of one of the workbook's own sheets.
    pub fn sheet(&self, sheet: OnboardingSheet) -> Option<&Vec<Vec<String>>> {
        match sheet {
            OnboardingSheet::County => self.county.as_ref(),
            OnboardingSheet::Settings => self.settings.as_ref(),
            OnboardingSheet::Profile => self.profile.as_ref(),
            OnboardingSheet::Departments => self.departments.as_ref(),
            OnboardingSheet::Users => self.users.as_ref(),
            OnboardingSheet::Calendar => self.calendar.as_ref(),
        }
    }
}

/// The keys of the 公示 sheet with their meaning, in the template's order.
pub const PROFILE_KEYS: [(&str, &str); 11] = [
    ("published", "是否公开发布（是/否）"),
    ("office_name", "服务窗口名称（如 清河县重大项目帮办代办服务专窗）"),
    ("address", "地址"),
    ("office_hours", "对外公布的办公时间（文字）"),
    ("phone", "联系电话"),
    ("consultation_phone", "咨询电话"),
    ("complaint_phone", "投诉电话"),
    ("supervision_phone", "监督电话"),
    ("email", "电子邮箱"),
    ("service_rules", "服务规则（文字）"),
    ("roster_disclosure", "帮办代办员名单公开程度：none（不公开）、names（姓名）、names_and_phones（姓名和电话）"),
];

fn flag(b: bool) -> String {
    (if b { "是" } else { "否" }).to_owned()
}

fn opt(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

fn header(sheet: OnboardingSheet) -> Vec<String> {
    sheet.columns().iter().map(|c| c.zh.to_owned()).collect()
}

/// The profile as the 公示 sheet's rows (key, value, meaning).
fn print_profile(p: &WorkbookProfile) -> Vec<[String; 3]> {
    PROFILE_KEYS
        .iter()
        .map(|(key, meaning)| {
            let value = match *key {
                "published" => flag(p.published),
                "office_name" => opt(&p.office_name),
                "address" => opt(&p.address),
                "office_hours" => opt(&p.office_hours),
                "phone" => opt(&p.phone),
                "consultation_phone" => opt(&p.consultation_phone),
                "complaint_phone" => opt(&p.complaint_phone),
                "supervision_phone" => opt(&p.supervision_phone),
                "email" => opt(&p.email),
                "service_rules" => opt(&p.service_rules),
                _ => p.roster_disclosure.code().to_owned(),
            };
            [(*key).to_owned(), value, (*meaning).to_owned()]
        })
        .collect()
}

/// Every sheet's text for `w`: headers, then its rows.
pub fn print(w: &CountyWorkbook) -> WorkbookText {
    let with_header = |sheet: OnboardingSheet, rows: Vec<Vec<String>>| {
        let mut all = vec![header(sheet)];
        all.extend(rows);
        Some(all)
    };
    let key_values = |rows: Vec<[String; 3]>| rows.into_iter().map(Vec::from).collect::<Vec<_>>();
    WorkbookText {
        county: with_header(OnboardingSheet::County, vec![vec![w.code.clone(), w.name.clone()]]),
        settings: with_header(OnboardingSheet::Settings, key_values(print_settings(&w.settings))),
        profile: with_header(
            OnboardingSheet::Profile,
            w.profile.as_ref().map(print_profile).map(key_values).unwrap_or_default(),
        ),
        departments: with_header(
            OnboardingSheet::Departments,
            w.departments
                .iter()
                .map(|d| vec![d.code.clone(), d.name.clone(), d.short_name.clone(), opt(&d.phone)])
                .collect(),
        ),
        users: with_header(
            OnboardingSheet::Users,
            w.users
                .iter()
                .map(|u| {
                    vec![
                        u.username.clone(),
                        u.display_name.clone(),
                        u.role.code().to_owned(),
                        opt(&u.department_code),
                        opt(&u.phone),
                        opt(&u.email),
                        u.approval_work_since.map(|d| d.to_string()).unwrap_or_default(),
                    ]
                })
                .collect(),
        ),
        calendar: with_header(
            OnboardingSheet::Calendar,
            w.days
                .iter()
                .map(|d| {
                    vec![d.date.to_string(), (if d.working { "工作日" } else { "休息日" }).to_owned(), d.name.clone()]
                })
                .collect(),
        ),
        catalog: template::print(&w.items),
    }
}

/// The rows of the 说明 sheet: sheet, column or key, what to write. The catalog's sheets are
/// explained by the catalog template's own guide.
pub fn guide_rows() -> Vec<[String; 3]> {
    let mut rows = Vec::new();
    let intro = [
        (
            "县",
            "一个工作簿开通一个县：填好各表后先「试导入」查看将创建的内容，再正式导入；出错时列出每个错误的表、行、列，什么都不写入。",
        ),
        ("用户", "导入时为每个用户生成初始密码，只显示一次；首次登录须修改。"),
    ];
    for (sheet, text) in intro {
        rows.push([sheet.to_owned(), String::new(), text.to_owned()]);
    }
    for sheet in OnboardingSheet::ALL {
        for c in sheet.columns() {
            rows.push([sheet.name().to_owned(), c.zh.to_owned(), c.help.to_owned()]);
        }
        let keys: &[(&str, &str)] = match sheet {
            OnboardingSheet::Settings => &SETTING_KEYS,
            OnboardingSheet::Profile => &PROFILE_KEYS,
            _ => &[],
        };
        for (key, meaning) in keys {
            rows.push([sheet.name().to_owned(), (*key).to_owned(), (*meaning).to_owned()]);
        }
    }
    for role in Role::COUNTY.iter().filter(|r| !r.needs_enterprise()) {
        rows.push([OnboardingSheet::Users.name().to_owned(), role.code().to_owned(), role.name_zh().to_owned()]);
    }
    for [sheet, column, help] in template::guide_rows() {
        rows.push([sheet, column, help]);
    }
    rows
}

/// The catalog's sheet names, for the workbook reader.
pub fn catalog_sheets() -> [TemplateSheet; 2] {
    [TemplateSheet::Items, TemplateSheet::Materials]
}
