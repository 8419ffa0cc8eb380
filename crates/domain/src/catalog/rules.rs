//! The fields of an item version as an editor writes them, and the rules they obey. Pure: the
//! application gives what it loaded (the version in force, today's date on the county's
//! calendar) and gets every field's problem at once, in both languages.
//!
//! | field | rule |
//! |---|---|
//! | `code` | 1–64 characters: ASCII letters, digits, `-`, `_`, `.`, starting with a letter or digit |
//! | `name` | required, at most 200 characters |
//! | `legal_limit`, `promised_limit` | a time limit (`20个工作日`, `60日`, `2小时`, `即办`); the promise no longer than the law |
//! | `max_extension_days` | `0..=`[`MAX_EXTENSION_DAYS`] working days, or none |
//! | `materials[i].name` | required, at most 500 characters, unique within the item |
//! | `materials[i].may_be_missing` | only when the item allows 容缺 |
//! | phones | each number a mainland mobile, a landline with area code, or a 3–8 digit service line (`12345`); several separated by `、` `,` `/` `;` |
//! | `valid_from` (publishing) | not in the future, not before the version in force's |

use chrono::NaiveDate;
use uuid::Uuid;

use super::Stage;
use crate::text::Phone;
use crate::time_limit::{TimeLimit, promise_within_legal};

/// The longest extension (延期) an item may allow, in working days.
pub const MAX_EXTENSION_DAYS: i32 = 60;

/// One field's problem, with its message in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub code: &'static str,
    pub zh: String,
    pub en: String,
}

impl FieldProblem {
    fn new(field: impl Into<String>, code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        FieldProblem { field: field.into(), code, zh: zh.into(), en: en.into() }
    }
}

/// A material of an item version as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaterialDraft {
    pub name: String,
    pub required: bool,
    /// 容缺: may be missing at acceptance and supplied later.
    pub may_be_missing: bool,
    pub sample: Option<String>,
    pub note: Option<String>,
}

/// Every field of an item version an editor writes (the code is fixed once created).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDraft {
    pub code: String,
    pub name: String,
    pub department_id: Uuid,
    pub stage: Stage,
    pub legal_basis: Option<String>,
    pub legal_limit: Option<String>,
    pub promised_limit: Option<String>,
    pub allows_tolerance: bool,
    pub allows_commitment: bool,
    pub max_extension_days: Option<i32>,
    pub legal_fees: Option<String>,
    pub fee_basis: Option<String>,
    pub result_name: Option<String>,
    pub acceptance_conditions: Option<String>,
    pub intermediary_services: Option<String>,
    pub process: Option<String>,
    pub consultation_phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub supervision_phone: Option<String>,
    pub source: Option<String>,
    pub source_note: Option<String>,
    pub materials: Vec<MaterialDraft>,
}

/// A draft that passed [`check`]: trimmed texts (blank ones absent) and limits in their
/// canonical text form (`20个工作日`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedDraft(ItemDraft);

impl CheckedDraft {
    pub fn get(&self) -> &ItemDraft {
        &self.0
    }

    pub fn into_inner(self) -> ItemDraft {
        self.0
    }
}

fn trimmed(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

/// Whether `code` is an item code: 1–64 of `[A-Za-z0-9._-]`, starting with a letter or digit.
pub fn is_item_code(code: &str) -> bool {
    let mut chars = code.chars();
    code.len() <= 64
        && chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Whether `text` reads as one or more telephone numbers the public can call.
pub fn is_plausible_phone(text: &str) -> bool {
    let parts: Vec<&str> = text.split(['、', ',', '，', '/', ';', '；']).map(str::trim).collect();
    !parts.is_empty()
        && parts.iter().all(|p| {
            let hotline = (3..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit());
            hotline || Phone::parse(p).is_ok()
        })
}

fn limit(field: &str, text: &Option<String>, problems: &mut Vec<FieldProblem>) -> Option<TimeLimit> {
    let text = trimmed(text)?;
    match TimeLimit::parse(&text) {
        Ok(parsed) => parsed,
        Err(e) => {
            problems.push(FieldProblem::new(
                field,
                "time_limit",
                format!("时限格式不正确：{text}（例如 20个工作日、60日、2小时、即办）"),
                e.to_string(),
            ));
            None
        }
    }
}

/// Checks every field of `draft`; returns it normalised, or every problem found.
pub fn check(draft: &ItemDraft) -> Result<CheckedDraft, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let code = draft.code.trim();
    if code.is_empty() {
        problems.push(FieldProblem::new("code", "required", "请填写事项编码", "the item code is required"));
    } else if !is_item_code(code) {
        problems.push(FieldProblem::new(
            "code",
            "item_code",
            "事项编码须为 1–64 位字母、数字、-、_ 或 .，以字母或数字开头",
            "the code takes 1–64 letters, digits, `-`, `_` or `.`, starting with a letter or digit",
        ));
    }
    let name = draft.name.trim();
    if name.is_empty() {
        problems.push(FieldProblem::new("name", "required", "请填写事项名称", "the item name is required"));
    } else if name.chars().count() > 200 {
        problems.push(FieldProblem::new(
            "name",
            "too_long",
            "事项名称最多 200 字",
            "the name takes at most 200 characters",
        ));
    }
    let legal = limit("legal_limit", &draft.legal_limit, &mut problems);
    let promised = limit("promised_limit", &draft.promised_limit, &mut problems);
    if let (Some(p), Some(l)) = (promised, legal)
        && let Err(e) = promise_within_legal(p, l)
    {
        problems.push(FieldProblem::new(
            "promised_limit",
            "promise_exceeds_legal",
            format!("承诺时限 {p} 长于法定时限 {l}"),
            e.to_string(),
        ));
    }
    if let Some(days) = draft.max_extension_days
        && !(0..=MAX_EXTENSION_DAYS).contains(&days)
    {
        problems.push(FieldProblem::new(
            "max_extension_days",
            "out_of_range",
            format!("最长延期须在 0 到 {MAX_EXTENSION_DAYS} 个工作日之间"),
            format!("the maximum extension is 0 to {MAX_EXTENSION_DAYS} working days"),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, m) in draft.materials.iter().enumerate() {
        let material = m.name.trim();
        if material.is_empty() {
            problems.push(FieldProblem::new(
                format!("materials[{i}].name"),
                "required",
                "请填写材料名称",
                "the material's name is required",
            ));
        } else if material.chars().count() > 500 {
            problems.push(FieldProblem::new(
                format!("materials[{i}].name"),
                "too_long",
                "材料名称最多 500 字",
                "a material's name takes at most 500 characters",
            ));
        } else if !seen.insert(material.to_owned()) {
            problems.push(FieldProblem::new(
                format!("materials[{i}].name"),
                "duplicate",
                format!("材料“{material}”重复"),
                format!("the material `{material}` is listed twice"),
            ));
        }
        if m.may_be_missing && !draft.allows_tolerance {
            problems.push(FieldProblem::new(
                format!("materials[{i}].may_be_missing"),
                "tolerance_not_allowed",
                "本事项不允许容缺受理，材料不能标为可容缺",
                "the item does not allow 容缺, so no material may be missing",
            ));
        }
    }
    for (field, phone) in [
        ("consultation_phone", &draft.consultation_phone),
        ("complaint_phone", &draft.complaint_phone),
        ("supervision_phone", &draft.supervision_phone),
    ] {
        if let Some(p) = trimmed(phone)
            && (p.chars().count() > 32 || !is_plausible_phone(&p))
        {
            problems.push(FieldProblem::new(
                field,
                "phone",
                "电话号码须为手机号、带区号的固定电话或服务热线（如 12345），多个以“、”分隔，最多 32 字",
                "a mobile number, a landline with area code or a service line (12345); several separated by `、`; at most 32 characters",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let d = draft;
    Ok(CheckedDraft(ItemDraft {
        code: code.to_owned(),
        name: name.to_owned(),
        department_id: d.department_id,
        stage: d.stage,
        legal_basis: trimmed(&d.legal_basis),
        legal_limit: legal.map(|l| l.to_string()),
        promised_limit: promised.map(|p| p.to_string()),
        allows_tolerance: d.allows_tolerance,
        allows_commitment: d.allows_commitment,
        max_extension_days: d.max_extension_days,
        legal_fees: trimmed(&d.legal_fees),
        fee_basis: trimmed(&d.fee_basis),
        result_name: trimmed(&d.result_name),
        acceptance_conditions: trimmed(&d.acceptance_conditions),
        intermediary_services: trimmed(&d.intermediary_services),
        process: trimmed(&d.process),
        consultation_phone: trimmed(&d.consultation_phone),
        complaint_phone: trimmed(&d.complaint_phone),
        supervision_phone: trimmed(&d.supervision_phone),
        source: trimmed(&d.source),
        source_note: trimmed(&d.source_note),
        materials: d
            .materials
            .iter()
            .map(|m| MaterialDraft {
                name: m.name.trim().to_owned(),
                required: m.required,
                may_be_missing: m.may_be_missing,
                sample: trimmed(&m.sample),
                note: trimmed(&m.note),
            })
            .collect(),
    }))
}

/// The first day a published version may be in force: not after `today` (a version is in
/// force from the moment it is published; no publishing ahead) and not before the
/// `predecessor`'s first day (the version in force it replaces, if any).
pub fn check_valid_from(
    valid_from: NaiveDate,
    today: NaiveDate,
    predecessor: Option<NaiveDate>,
) -> Result<(), FieldProblem> {
    if valid_from > today {
        return Err(FieldProblem::new(
            "valid_from",
            "in_future",
            format!("生效日期不能晚于今天（{today}）"),
            format!("the version cannot take effect after today ({today})"),
        ));
    }
    if let Some(before) = predecessor
        && valid_from < before
    {
        return Err(FieldProblem::new(
            "valid_from",
            "before_predecessor",
            format!("生效日期不能早于现行版本的生效日期（{before}）"),
            format!("the version cannot take effect before the version in force did ({before})"),
        ));
    }
    Ok(())
}

/// What a plan asks of a catalog item beyond its own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanAsks<'a> {
    /// 告知承诺 asked (`Some(true)`); `None` keeps the item's.
    pub commitment: Option<bool>,
    /// The extension ceiling asked; `None` keeps the item's.
    pub max_extension_days: Option<i32>,
    /// The names of the materials accepted as missing (容缺).
    pub missing_materials: &'a [&'a str],
}

/// Refuses what a plan asks that the item version does not allow: 告知承诺 when the item does
/// not allow it, 容缺 when it does not allow it or for a material it does not mark
/// `may_be_missing`, an extension ceiling above the item's (none when it allows none). Field
/// names are relative to the plan item.
pub fn check_plan_asks(item: &ItemDraft, asks: PlanAsks<'_>) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if asks.commitment == Some(true) && !item.allows_commitment {
        problems.push(FieldProblem::new(
            "allows_commitment",
            "commitment_not_allowed",
            "该事项不适用告知承诺制",
            "the catalog item does not allow 告知承诺",
        ));
    }
    if let Some(days) = asks.max_extension_days {
        let ceiling = item.max_extension_days.unwrap_or(0);
        if days < 0 || days > ceiling {
            problems.push(FieldProblem::new(
                "max_extension_days",
                "extension_above_item",
                format!("最长延期不能超过事项清单规定的 {ceiling} 个工作日"),
                format!("the catalog item allows at most {ceiling} working days of extension"),
            ));
        }
    }
    for (k, name) in asks.missing_materials.iter().enumerate() {
        let name = name.trim();
        if !item.allows_tolerance {
            problems.push(FieldProblem::new(
                format!("missing_materials[{k}].name"),
                "tolerance_not_allowed",
                "该事项不允许容缺受理",
                "the catalog item does not allow 容缺",
            ));
        } else if !item.materials.iter().any(|m| m.may_be_missing && m.name == name) {
            problems.push(FieldProblem::new(
                format!("missing_materials[{k}].name"),
                "material_not_tolerable",
                format!("“{name}”不是该事项可容缺的材料"),
                format!("`{name}` is not a material the catalog item lets be missing"),
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn draft() -> ItemDraft {
        ItemDraft {
            code: "DY-007".into(),
            name: "建设用地规划许可证核发".into(),
            department_id: Uuid::from_u128(1),
            stage: Stage::LandPlanningPermit,
            legal_basis: Some("  《城乡规划法》第三十七条 ".into()),
            legal_limit: Some("20个工作日".into()),
            promised_limit: Some("5".into()),
            allows_tolerance: true,
            allows_commitment: false,
            max_extension_days: Some(5),
            legal_fees: None,
            fee_basis: Some("   ".into()),
            result_name: Some("建设用地规划许可证".into()),
            acceptance_conditions: None,
            intermediary_services: None,
            process: None,
            consultation_phone: Some("0878-0000200".into()),
            complaint_phone: Some("12345".into()),
            supervision_phone: Some("13800000001、0878-0000201".into()),
            source: None,
            source_note: None,
            materials: vec![
                MaterialDraft {
                    name: "申请表".into(),
                    required: true,
                    may_be_missing: false,
                    sample: None,
                    note: None,
                },
                MaterialDraft {
                    name: " 土地出让合同 ".into(),
                    required: true,
                    may_be_missing: true,
                    sample: None,
                    note: Some("复印件一份".into()),
                },
            ],
        }
    }

    fn fields(problems: &[FieldProblem]) -> Vec<(&str, &str)> {
        problems.iter().map(|p| (p.field.as_str(), p.code)).collect()
    }

    #[test]
    fn a_good_draft_is_normalised() {
        let checked = check(&draft()).unwrap().into_inner();
        assert_eq!(checked.legal_basis.as_deref(), Some("《城乡规划法》第三十七条"));
        assert_eq!(checked.fee_basis, None, "blank is absent");
        assert_eq!(checked.promised_limit.as_deref(), Some("5个工作日"));
        assert_eq!(checked.materials[1].name, "土地出让合同");
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut d = draft();
        d.code = "DY 007".into();
        d.name = " ".into();
        d.promised_limit = Some("30".into());
        d.max_extension_days = Some(MAX_EXTENSION_DAYS + 1);
        d.allows_tolerance = false;
        d.materials.push(MaterialDraft { name: "申请表".into(), ..d.materials[0].clone() });
        d.materials.push(MaterialDraft { name: "".into(), ..d.materials[0].clone() });
        d.complaint_phone = Some("call us".into());
        let problems = check(&d).unwrap_err();
        assert_eq!(
            fields(&problems),
            vec![
                ("code", "item_code"),
                ("name", "required"),
                ("promised_limit", "promise_exceeds_legal"),
                ("max_extension_days", "out_of_range"),
                ("materials[1].may_be_missing", "tolerance_not_allowed"),
                ("materials[2].name", "duplicate"),
                ("materials[3].name", "required"),
                ("complaint_phone", "phone"),
            ]
        );
        assert!(problems.iter().all(|p| !p.zh.is_empty() && !p.en.is_empty()));
        let mut d = draft();
        d.legal_limit = Some("二十年".into());
        assert_eq!(fields(&check(&d).unwrap_err()), vec![("legal_limit", "time_limit")]);
    }

    #[test]
    fn valid_from_is_between_the_predecessor_and_today() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(check_valid_from(day(5), day(5), Some(day(1))), Ok(()));
        assert_eq!(check_valid_from(day(1), day(5), Some(day(1))), Ok(()));
        assert_eq!(check_valid_from(day(6), day(5), None).unwrap_err().code, "in_future");
        assert_eq!(check_valid_from(day(2), day(5), Some(day(3))).unwrap_err().code, "before_predecessor");
    }

    #[test]
    fn a_plan_takes_only_what_the_item_allows() {
        let item = check(&draft()).unwrap().into_inner();
        let ok = PlanAsks { commitment: None, max_extension_days: Some(5), missing_materials: &["土地出让合同"] };
        assert!(check_plan_asks(&item, ok).is_empty());
        let asks = PlanAsks { commitment: Some(true), max_extension_days: Some(6), missing_materials: &["申请表"] };
        assert_eq!(
            fields(&check_plan_asks(&item, asks)),
            vec![
                ("allows_commitment", "commitment_not_allowed"),
                ("max_extension_days", "extension_above_item"),
                ("missing_materials[0].name", "material_not_tolerable"),
            ]
        );
        let strict = ItemDraft { allows_tolerance: false, max_extension_days: None, ..item };
        let asks =
            PlanAsks {
                commitment: Some(false), max_extension_days: Some(1), missing_materials: &["土地出让合同"]
            };
        assert_eq!(
            fields(&check_plan_asks(&strict, asks)),
            vec![
                ("max_extension_days", "extension_above_item"),
                ("missing_materials[0].name", "tolerance_not_allowed")
            ]
        );
        let none = PlanAsks { commitment: None, max_extension_days: Some(0), missing_materials: &[] };
        assert!(check_plan_asks(&strict, none).is_empty());
    }

    proptest! {
        #[test]
        fn codes_of_the_alphabet_pass_and_others_fail(code in "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", bad in "[ /#中]") {
            prop_assert!(is_item_code(&code));
            let with_bad = format!("{code}{bad}");
            prop_assert!(!is_item_code(&with_bad));
        }

        #[test]
        fn extensions_pass_exactly_within_the_bound(days in -100i32..200) {
            let d = ItemDraft { max_extension_days: Some(days), ..draft() };
            prop_assert_eq!(check(&d).is_ok(), (0..=MAX_EXTENSION_DAYS).contains(&days));
        }

        #[test]
        fn mobiles_and_hotlines_are_plausible(n in 3u64..=9, rest in 0u64..1_000_000_000, line in 100u32..99_999_999) {
            let mobile = format!("1{n}{rest:09}");
            prop_assert!(is_plausible_phone(&mobile));
            let line_text = line.to_string();
            prop_assert!(is_plausible_phone(&line_text));
            let both = format!("{mobile}、{line}");
            prop_assert!(is_plausible_phone(&both));
            let lettered = format!("{mobile}x");
            prop_assert!(!is_plausible_phone(&lettered));
        }
    }
}
