//! Reading the workbook's text into a checked county, collecting every problem.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::catalog::template;
use crate::disclosure::RosterDisclosure;
use crate::role::Role;
use crate::text::{Code, Email, Name, Phone};

use super::errors::{OnboardingError, SheetError, SheetProblem};
use super::settings_sheet::parse_settings;
use super::sheets::*;
use super::{
    CountyWorkbook, PROFILE_KEYS, WorkbookDay, WorkbookDepartment, WorkbookProfile, WorkbookText, WorkbookUser,
};

/// The platform's code, which no county may take.
const PLATFORM_CODE: &str = "platform";

/// The county code the 县 sheet names (its first data row), if any: the caller looks up
/// whether it is taken before calling [`parse`].
pub fn county_code(text: &WorkbookText) -> Option<String> {
    let rows = text.county.as_ref()?;
    let head = rows.first()?;
    let i = head.iter().position(|h| h.trim() == COUNTY_CODE.zh)?;
    rows.iter().skip(1).find_map(|r| r.get(i).map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()))
}

/// Reads the workbook. `code_taken`: another tenant already has the 县 sheet's code.
pub fn parse(text: &WorkbookText, code_taken: bool) -> Result<CountyWorkbook, Vec<OnboardingError>> {
    let mut errors: Vec<SheetError> = Vec::new();

    let (code, name) = county(text, code_taken, &mut errors);
    let settings = {
        let mut columns = HashMap::new();
        let data = read_sheet(OnboardingSheet::Settings, text.settings.as_ref(), &mut columns, &mut errors);
        parse_settings(&rows(OnboardingSheet::Settings, &data, &columns), &mut errors)
    };
    let profile = profile(text, &mut errors);
    let departments = departments(text, &mut errors);
    let codes: HashSet<&str> = departments.iter().map(|d| d.code.as_str()).collect();
    let users = users(text, &codes, &mut errors);
    let days = days(text, &mut errors);
    let items = template::parse(&text.catalog, |c| codes.contains(c));

    let mut all: Vec<OnboardingError> = errors.into_iter().map(Into::into).collect();
    let items = match items {
        Ok(items) => items.into_iter().map(|p| p.item).collect(),
        Err(e) => {
            all.extend(e.into_iter().map(OnboardingError::from));
            Vec::new()
        }
    };
    if !all.is_empty() {
        return Err(all);
    }
    Ok(CountyWorkbook {
        code: code.unwrap_or_default(),
        name: name.unwrap_or_default(),
        settings,
        profile,
        departments,
        users,
        items,
        days,
    })
}

fn county(text: &WorkbookText, taken: bool, errors: &mut Vec<SheetError>) -> (Option<String>, Option<String>) {
    let sheet = OnboardingSheet::County;
    let mut columns = HashMap::new();
    let data = read_sheet(sheet, text.county.as_ref(), &mut columns, errors);
    let rows = rows(sheet, &data, &columns);
    if text.county.is_some() && rows.len() != 1 {
        errors.push(SheetError { sheet, row: Some(2), column: None, problem: SheetProblem::OneCounty });
    }
    let Some(row) = rows.first() else { return (None, None) };
    let code = row.required(COUNTY_CODE, errors).and_then(|c| match Code::parse(&c) {
        Err(e) => {
            errors.push(row.error(COUNTY_CODE, SheetProblem::Text(e)));
            None
        }
        Ok(c) if c.as_str() == PLATFORM_CODE => {
            errors.push(row.error(COUNTY_CODE, SheetProblem::ReservedCode));
            None
        }
        Ok(_) if taken => {
            errors.push(row.error(COUNTY_CODE, SheetProblem::CodeTaken));
            None
        }
        Ok(c) => Some(c.into_inner()),
    });
    let name = row.required(COUNTY_NAME, errors).and_then(|n| name_of(row, COUNTY_NAME, &n, errors));
    (code, name)
}

fn name_of(row: &Row<'_>, column: ColumnSpec, text: &str, errors: &mut Vec<SheetError>) -> Option<String> {
    match Name::parse(text) {
        Ok(n) => Some(n.into_inner()),
        Err(e) => {
            errors.push(row.error(column, SheetProblem::Text(e)));
            None
        }
    }
}

fn phone_of(row: &Row<'_>, column: ColumnSpec, errors: &mut Vec<SheetError>) -> Option<String> {
    let text = row.text(column)?;
    match Phone::parse(&text) {
        Ok(p) => Some(p.into_inner()),
        Err(e) => {
            errors.push(row.error(column, SheetProblem::Text(e)));
            None
        }
    }
}

fn date_of(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(text, "%Y/%m/%d")).ok()
}

fn departments(text: &WorkbookText, errors: &mut Vec<SheetError>) -> Vec<WorkbookDepartment> {
    let sheet = OnboardingSheet::Departments;
    let mut columns = HashMap::new();
    let data = read_sheet(sheet, text.departments.as_ref(), &mut columns, errors);
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::new();
    for row in rows(sheet, &data, &columns) {
        let code = row.required(DEPARTMENT_CODE, errors).and_then(|c| match Code::parse(&c) {
            Ok(c) => Some(c.into_inner()),
            Err(e) => {
                errors.push(row.error(DEPARTMENT_CODE, SheetProblem::Text(e)));
                None
            }
        });
        if let Some(c) = &code {
            if let Some(first_row) = seen.get(c) {
                errors.push(row.error(DEPARTMENT_CODE, SheetProblem::Duplicate { first_row: *first_row }));
            } else {
                seen.insert(c.clone(), row.number);
            }
        }
        let name = row.required(DEPARTMENT_NAME, errors).and_then(|n| name_of(&row, DEPARTMENT_NAME, &n, errors));
        let short = row.text(DEPARTMENT_SHORT).and_then(|n| name_of(&row, DEPARTMENT_SHORT, &n, errors));
        let phone = phone_of(&row, DEPARTMENT_PHONE, errors);
        if let (Some(code), Some(name)) = (code, name) {
            let short_name = short.unwrap_or_else(|| name.clone());
            out.push(WorkbookDepartment { code, name, short_name, phone });
        }
    }
    out
}

fn role_of(text: &str) -> Option<Role> {
    Role::COUNTY.into_iter().find(|r| r.code() == text || r.name_zh() == text)
}

fn users(text: &WorkbookText, departments: &HashSet<&str>, errors: &mut Vec<SheetError>) -> Vec<WorkbookUser> {
    let sheet = OnboardingSheet::Users;
    let mut columns = HashMap::new();
    let data = read_sheet(sheet, text.users.as_ref(), &mut columns, errors);
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::new();
    for row in rows(sheet, &data, &columns) {
        let before = errors.len();
        let username = row.required(USERNAME, errors).and_then(|c| match Code::parse(&c) {
            Ok(c) => Some(c.into_inner()),
            Err(e) => {
                errors.push(row.error(USERNAME, SheetProblem::Text(e)));
                None
            }
        });
        if let Some(u) = &username {
            if let Some(first_row) = seen.get(u) {
                errors.push(row.error(USERNAME, SheetProblem::Duplicate { first_row: *first_row }));
            } else {
                seen.insert(u.clone(), row.number);
            }
        }
        let display_name = row.required(DISPLAY_NAME, errors).and_then(|n| name_of(&row, DISPLAY_NAME, &n, errors));
        let role = row.required(ROLE, errors).and_then(|t| match role_of(&t) {
            Some(r) if r.needs_enterprise() => {
                errors.push(row.error(ROLE, SheetProblem::RoleNotAllowed(t)));
                None
            }
            Some(r) => Some(r),
            None => {
                errors.push(row.error(ROLE, SheetProblem::NotARole(t)));
                None
            }
        });
        let department_code = row.text(USER_DEPARTMENT);
        match (role.map(Role::needs_department), &department_code) {
            (Some(true), None) => errors.push(row.error(USER_DEPARTMENT, SheetProblem::DepartmentRequired)),
            (Some(false), Some(_)) => errors.push(row.error(USER_DEPARTMENT, SheetProblem::DepartmentNotAllowed)),
            (_, Some(code)) if !departments.contains(code.as_str()) => {
                errors.push(row.error(USER_DEPARTMENT, SheetProblem::UnknownDepartment(code.clone())));
            }
            _ => {}
        }
        let phone = phone_of(&row, USER_PHONE, errors);
        let email = row.text(USER_EMAIL).and_then(|t| match Email::parse(&t) {
            Ok(e) => Some(e.into_inner()),
            Err(e) => {
                errors.push(row.error(USER_EMAIL, SheetProblem::Text(e)));
                None
            }
        });
        let approval_work_since = row.text(APPROVAL_SINCE).and_then(|t| {
            let d = date_of(&t);
            if d.is_none() {
                errors.push(row.error(APPROVAL_SINCE, SheetProblem::NotADate(t)));
            }
            d
        });
        if errors.len() > before {
            continue;
        }
        if let (Some(username), Some(display_name), Some(role)) = (username, display_name, role) {
            out.push(WorkbookUser { username, display_name, role, department_code, phone, email, approval_work_since });
        }
    }
    out
}

fn days(text: &WorkbookText, errors: &mut Vec<SheetError>) -> Vec<WorkbookDay> {
    let sheet = OnboardingSheet::Calendar;
    let mut columns = HashMap::new();
    let data = read_sheet(sheet, text.calendar.as_ref(), &mut columns, errors);
    let mut seen: HashMap<NaiveDate, u32> = HashMap::new();
    let mut out = Vec::new();
    for row in rows(sheet, &data, &columns) {
        let date = row.required(DAY_DATE, errors).and_then(|t| {
            let d = date_of(&t);
            if d.is_none() {
                errors.push(row.error(DAY_DATE, SheetProblem::NotADate(t)));
            }
            d
        });
        if let Some(d) = date {
            if let Some(first_row) = seen.get(&d) {
                errors.push(row.error(DAY_DATE, SheetProblem::Duplicate { first_row: *first_row }));
            } else {
                seen.insert(d, row.number);
            }
        }
        let working = row.required(DAY_KIND, errors).and_then(|t| match t.as_str() {
            "工作日" => Some(true),
            "休息日" => Some(false),
            _ => {
                errors.push(row.error(DAY_KIND, SheetProblem::NotADayKind(t)));
                None
            }
        });
        if let (Some(date), Some(working)) = (date, working) {
            let name = row.text(DAY_NAME).unwrap_or_else(|| (if working { "工作日" } else { "休息日" }).to_owned());
            out.push(WorkbookDay { date, working, name });
        }
    }
    out.sort_by_key(|d| d.date);
    out
}

fn profile(text: &WorkbookText, errors: &mut Vec<SheetError>) -> Option<WorkbookProfile> {
    let sheet = OnboardingSheet::Profile;
    let mut columns = HashMap::new();
    let data = read_sheet(sheet, text.profile.as_ref(), &mut columns, errors);
    let rows = rows(sheet, &data, &columns);
    if rows.is_empty() {
        return None;
    }
    let mut p = WorkbookProfile::default();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for row in &rows {
        let Some(key) = row.required(KEY, errors) else { continue };
        if !PROFILE_KEYS.iter().any(|(k, _)| *k == key) {
            errors.push(row.error(KEY, SheetProblem::UnknownKey(key)));
            continue;
        }
        if let Some(first_row) = seen.get(&key) {
            errors.push(row.error(KEY, SheetProblem::Duplicate { first_row: *first_row }));
            continue;
        }
        seen.insert(key.clone(), row.number);
        let Some(value) = row.text(VALUE) else { continue };
        let phone = |errors: &mut Vec<SheetError>| match Phone::parse(&value) {
            Ok(p) => Some(p.into_inner()),
            Err(e) => {
                errors.push(row.error(VALUE, SheetProblem::Text(e)));
                None
            }
        };
        match key.as_str() {
            "published" => match value.as_str() {
                "是" => p.published = true,
                "否" => p.published = false,
                _ => errors.push(row.error(VALUE, SheetProblem::NotAFlag(value.clone()))),
            },
            "office_name" => p.office_name = Some(value.clone()),
            "address" => p.address = Some(value.clone()),
            "office_hours" => p.office_hours = Some(value.clone()),
            "phone" => p.phone = phone(errors),
            "consultation_phone" => p.consultation_phone = phone(errors),
            "complaint_phone" => p.complaint_phone = phone(errors),
            "supervision_phone" => p.supervision_phone = phone(errors),
            "email" => match Email::parse(&value) {
                Ok(e) => p.email = Some(e.into_inner()),
                Err(e) => errors.push(row.error(VALUE, SheetProblem::Text(e))),
            },
            "service_rules" => p.service_rules = Some(value.clone()),
            _ => match value.parse::<RosterDisclosure>() {
                Ok(d) => p.roster_disclosure = d,
                Err(_) => errors.push(row.error(
                    VALUE,
                    SheetProblem::BadValue {
                        value: value.clone(),
                        expected_zh: "应为 none、names 或 names_and_phones",
                        expected_en: "must be none, names or names_and_phones",
                    },
                )),
            },
        }
    }
    Some(p)
}
