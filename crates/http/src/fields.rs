//! Field rules that reuse the domain's parsers, so a value valid in the API is exactly a
//! value the domain accepts; each failure carries a Chinese and an English message.

use butler_domain::credit_code::{CreditCode, CreditCodeError};
use butler_domain::project_code::{ProjectCode, ProjectCodeError, ProjectCodePart};
use butler_domain::text::{Code, Email, Name, NewPassword, Phone, TextError};
use validator::ValidationError;

use crate::error::{ApiError, FieldError};
use crate::extract::rule;

/// The stable code and both messages of a text rule.
pub fn text_messages(e: &TextError) -> (&'static str, String, String) {
    match e {
        TextError::Empty => ("required", "必填项".into(), "must not be empty".into()),
        TextError::TooLong { max } => {
            ("length", format!("不能超过 {max} 个字符"), format!("must be at most {max} characters"))
        }
        TextError::TooShort { min } => {
            ("length", format!("至少 {min} 个字符"), format!("must be at least {min} characters"))
        }
        TextError::CodeCharacters => (
            "code_format",
            "只能包含小写字母、数字、“-”和“_”，且以字母开头".into(),
            "may contain only lower-case letters, digits, `-` and `_`, and must start with a letter".into(),
        ),
        TextError::WeakPassword => (
            "weak_password",
            "须包含小写字母、大写字母、数字、符号中的至少三类".into(),
            "must contain three of: lower-case, upper-case, digits, symbols".into(),
        ),
        TextError::Phone => {
            ("phone_format", "不是有效的手机号或固定电话".into(), "is not a mainland mobile or landline number".into())
        }
        TextError::Email => ("email_format", "不是有效的电子邮箱地址".into(), "is not an e-mail address".into()),
    }
}

pub fn credit_code_messages(e: &CreditCodeError) -> (&'static str, String, String) {
    match e {
        CreditCodeError::Length(n) => (
            "credit_code_length",
            format!("统一社会信用代码应为 18 位，当前为 {n} 位"),
            format!("a unified social credit code has 18 characters, got {n}"),
        ),
        CreditCodeError::Character { position, ch } => (
            "credit_code_character",
            format!("第 {position} 位字符“{ch}”不允许出现在统一社会信用代码中"),
            format!("character `{ch}` at position {position} is not allowed"),
        ),
        CreditCodeError::CheckDigit { expected } => (
            "credit_code_check_digit",
            format!("统一社会信用代码校验位错误（按 GB 32100-2015 应为 {expected}），请核对"),
            format!("the check character is wrong (GB 32100-2015 expects `{expected}`)"),
        ),
    }
}

/// The stable code and both messages of a national project code's refusal.
pub fn project_code_messages(e: &ProjectCodeError) -> (&'static str, String, String) {
    match e {
        ProjectCodeError::Length(n) => (
            "project_code_length",
            format!("项目代码应为 20 位数字（含连字符共 24 位，如 2603-532326-00-01-012341），当前为 {n} 位"),
            format!(
                "a project code has 20 digits (24 characters with hyphens, e.g. 2603-532326-00-01-012341), got {n}"
            ),
        ),
        ProjectCodeError::Character { position, ch } => (
            "project_code_character",
            format!("第 {position} 位的“{ch}”不对：项目代码只含数字，连字符位于第 5、12、15、18 位"),
            format!("`{ch}` at position {position} is not allowed: digits only, hyphens at positions 5, 12, 15 and 18"),
        ),
        ProjectCodeError::OutOfRange { part, value } => {
            let (zh, en) = match part {
                ProjectCodePart::Month => ("赋码月份应为 01–12", "the month of issue must be 01–12"),
                ProjectCodePart::Region => {
                    ("行政区划代码不是有效的省级区划开头", "the region code does not start with a province's code")
                }
                ProjectCodePart::ProjectType => (
                    "项目类型代码应为 01–05（基本建设、技术改造、单纯购置、信息化、其他）",
                    "the project type must be 01–05",
                ),
            };
            ("project_code_part", format!("{zh}，当前为 {value}"), format!("{en}, got {value}"))
        }
        ProjectCodeError::CheckDigit { expected } => (
            "project_code_check_digit",
            format!("项目代码校验码不正确（按 GB/T 40058-2021 应为 {expected}），请核对"),
            format!("the check digit is wrong (GB/T 40058-2021 expects {expected})"),
        ),
    }
}

fn text_rule(result: Result<(), TextError>) -> Result<(), ValidationError> {
    result.map_err(|e| {
        let (code, zh, en) = text_messages(&e);
        rule(code, zh, en)
    })
}

pub fn code(v: &str) -> Result<(), ValidationError> {
    text_rule(Code::parse(v).map(|_| ()))
}

pub fn name(v: &str) -> Result<(), ValidationError> {
    text_rule(Name::parse(v).map(|_| ()))
}

pub fn phone(v: &str) -> Result<(), ValidationError> {
    text_rule(Phone::parse(v).map(|_| ()))
}

pub fn email(v: &str) -> Result<(), ValidationError> {
    text_rule(Email::parse(v).map(|_| ()))
}

pub fn new_password(v: &str) -> Result<(), ValidationError> {
    text_rule(NewPassword::parse(v).map(|_| ()))
}

pub fn credit_code(v: &str) -> Result<(), ValidationError> {
    CreditCode::parse(v).map(|_| ()).map_err(|e| {
        let (code, zh, en) = credit_code_messages(&e);
        rule(code, zh, en)
    })
}

pub fn project_code(v: &str) -> Result<(), ValidationError> {
    ProjectCode::parse(v).map(|_| ()).map_err(|e| {
        let (code, zh, en) = project_code_messages(&e);
        rule(code, zh, en)
    })
}

/// A national project code on `field`, parsed; its refusal as an API error.
pub fn parse_project_code(field: &str, v: &str) -> Result<ProjectCode, ApiError> {
    ProjectCode::parse(v).map_err(|e| {
        let (code, zh, en) = project_code_messages(&e);
        ApiError::Validation(vec![FieldError::new(field, code, zh, en)])
    })
}

/// Free text that must say something: spaces alone are not a reason, a reply or a note.
pub fn not_blank(v: &str) -> Result<(), ValidationError> {
    if v.trim().is_empty() { Err(rule("blank", "不能为空白".into(), "must not be blank".into())) } else { Ok(()) }
}

/// A text rule's failure on `field` as an API error.
pub fn to_api(field: &str, e: TextError) -> ApiError {
    let (code, zh, en) = text_messages(&e);
    ApiError::Validation(vec![FieldError::new(field, code, zh, en)])
}

/// A credit code's failure on `field` as an API error.
pub fn credit_code_to_api(field: &str, e: CreditCodeError) -> ApiError {
    let (code, zh, en) = credit_code_messages(&e);
    ApiError::Validation(vec![FieldError::new(field, code, zh, en)])
}

/// GB/T 4754-2017 industry code: a section letter A–T, optionally followed by 2–4 digits.
pub fn industry_code(v: &str) -> Result<(), ValidationError> {
    let v = v.trim();
    let mut chars = v.chars();
    let section_ok = chars.next().is_some_and(|c| ('A'..='T').contains(&c));
    let digits: String = chars.collect();
    let digits_ok =
        digits.is_empty() || ((2..=4).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()));
    if section_ok && digits_ok {
        Ok(())
    } else {
        Err(rule(
            "industry_code",
            "国民经济行业分类代码应为门类字母（A–T）加 2–4 位数字，如 C2662".into(),
            "an industry code per GB/T 4754 is a section letter A–T and 2–4 digits, e.g. C2662".into(),
        ))
    }
}
