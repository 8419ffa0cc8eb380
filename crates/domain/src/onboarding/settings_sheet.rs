//! The 设置 sheet: one row per setting of [`CountySettings`] (key, value, meaning), the two
//! ladders as one row per step. A key left out keeps its default; the settings read are then
//! checked by [`CountySettings::problems`], each problem named at its row.

use std::collections::HashMap;

use chrono::NaiveTime;

use crate::calendar::{MonthDay, OfficeHours, OfficeInterval, SeasonalHours};
use crate::case::escalation::{EscalationPolicy, Level, Offset, Step, StepKind};
use crate::settings::CountySettings;

use super::errors::{SheetError, SheetProblem};
use super::sheets::{KEY, OnboardingSheet, Row, VALUE};

const STANDARD: &str = "office_hours.standard";
const SEASON_FROM: &str = "office_hours.seasonal.from";
const SEASON_UNTIL: &str = "office_hours.seasonal.until";
const SEASON_HOURS: &str = "office_hours.seasonal.hours";
const ACK_MINUTES: &str = "acknowledge_within_minutes";
const ACK_LADDER: &str = "acknowledgement_ladder";
const FINISH_LADDER: &str = "finishing_ladder";
const RECTIFICATION: &str = "rectification_working_days";
const TARGET: &str = "target_working_days";
const THRESHOLD: &str = "investment_threshold_fen";
const PREFIX: &str = "case_number_prefix";

/// Every key of the sheet with its meaning, in the template's order.
pub const SETTING_KEYS: [(&str, &str); 11] = [
    (STANDARD, "办公时间，逗号分隔的时段（如 09:00-12:00, 14:30-18:00）；签收时限只计办公时间"),
    (SEASON_FROM, "季节作息（夏季作息）起始日 MM-DD（如 05-01）；不设季节作息则三项都留空"),
    (SEASON_UNTIL, "季节作息截止日 MM-DD（含当日，如 09-30）"),
    (SEASON_HOURS, "季节作息期间的办公时间（如 08:30-12:00, 15:00-18:30）"),
    (ACK_MINUTES, "任务分送单签收时限，办公分钟（默认 30，5–480）"),
    (
        ACK_LADDER,
        "签收提醒阶梯，每步一行：编码; 类型(reminder/at_deadline/escalation); 通知对象(agent/department_leader/office/supervisor); 偏移（-10 min 为期限前 10 个办公分钟，1 wd 为期限后 1 个工作日）",
    ),
    (FINISH_LADDER, "办理期限提醒阶梯，每步一行，写法同上（如 remind_before; reminder; agent; -1 wd）"),
    (RECTIFICATION, "差评整改期限，工作日（好差评默认 15，1–60）"),
    (TARGET, "项目审批全流程目标，工作日（默认 120）"),
    (THRESHOLD, "服务的最低总投资，单位：分（5000 万元 = 5000000000）"),
    (PREFIX, "案号前缀，大写字母、数字和中间的连字符（如 QH 得 QH-2026-0001）；留空用县编码的大写"),
];

fn bad(row: &Row<'_>, value: &str, zh: &'static str, en: &'static str) -> SheetError {
    row.error(VALUE, SheetProblem::BadValue { value: value.to_owned(), expected_zh: zh, expected_en: en })
}

fn time(t: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(t.trim(), "%H:%M").ok()
}

/// `09:00-12:00, 14:30-18:00`.
pub fn parse_hours(text: &str) -> Option<OfficeHours> {
    let mut intervals = Vec::new();
    for part in text.split([',', '，', ';', '；', '、']).map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once(['-', '–', '~', '～'])?;
        intervals.push(OfficeInterval { start: time(a)?, end: time(b)? });
    }
    OfficeHours::new(intervals).ok()
}

/// The office hours as the sheet writes them.
pub fn print_hours(hours: &OfficeHours) -> String {
    hours
        .intervals()
        .iter()
        .map(|i| format!("{}-{}", i.start.format("%H:%M"), i.end.format("%H:%M")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_offset(text: &str) -> Option<Offset> {
    let t = text.trim();
    let number_end = t.find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '+')).unwrap_or(t.len());
    let (number, unit) = t.split_at(number_end);
    let unit = unit.trim();
    match unit {
        "min" | "分钟" => number.parse::<i64>().ok().map(Offset::OfficeMinutes),
        "wd" | "工作日" | "个工作日" => number.parse::<i32>().ok().map(Offset::WorkingDays),
        _ => None,
    }
}

fn print_offset(o: Offset) -> String {
    match o {
        Offset::OfficeMinutes(m) => format!("{m} min"),
        Offset::WorkingDays(d) => format!("{d} wd"),
    }
}

/// `remind_before; reminder; agent; -10 min`.
fn parse_step(text: &str) -> Option<Step> {
    let parts: Vec<&str> = text.split([';', '；']).map(str::trim).collect();
    let [code, kind, notify, offset] = parts.as_slice() else { return None };
    Some(Step {
        code: (*code).to_owned(),
        kind: kind.parse::<StepKind>().ok()?,
        notify: notify.parse::<Level>().ok()?,
        offset: parse_offset(offset)?,
    })
}

fn print_step(s: &Step) -> String {
    format!("{}; {}; {}; {}", s.code, s.kind.code(), s.notify.code(), print_offset(s.offset))
}

const STEP_ZH: &str = "每步写作 编码; 类型; 通知对象; 偏移（如 remind_before; reminder; agent; -10 min）";
const STEP_EN: &str = "a step is `code; kind; notify; offset` (e.g. `remind_before; reminder; agent; -10 min`)";
const HOURS_ZH: &str = "办公时段写作 09:00-12:00, 14:30-18:00，按时间先后、不重叠";
const HOURS_EN: &str = "office hours are written `09:00-12:00, 14:30-18:00`, in order, not overlapping";

fn number<T: std::str::FromStr>(row: &Row<'_>, value: &str, errors: &mut Vec<SheetError>) -> Option<T> {
    let parsed = value.parse::<T>().ok();
    if parsed.is_none() {
        errors.push(bad(row, value, "应为整数", "must be a whole number"));
    }
    parsed
}

/// Reads the rows of the 设置 sheet into settings (the defaults where a key is left out), and
/// checks them.
pub(crate) fn parse_settings(rows: &[Row<'_>], errors: &mut Vec<SheetError>) -> CountySettings {
    let mut s = CountySettings::default();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut ladders: HashMap<&str, (Vec<Step>, Vec<u32>)> = HashMap::new();
    let (mut from, mut until, mut season_hours) = (None, None, None);
    let mut season_row = None;
    for row in rows {
        let Some(key) = row.required(KEY, errors) else { continue };
        let value = row.text(VALUE).unwrap_or_default();
        if key == ACK_LADDER || key == FINISH_LADDER {
            let name = if key == ACK_LADDER { ACK_LADDER } else { FINISH_LADDER };
            let entry = ladders.entry(name).or_default();
            match parse_step(&value) {
                Some(step) => {
                    entry.0.push(step);
                    entry.1.push(row.number);
                }
                None => errors.push(bad(row, &value, STEP_ZH, STEP_EN)),
            }
            continue;
        }
        if !SETTING_KEYS.iter().any(|(k, _)| *k == key) {
            errors.push(row.error(KEY, SheetProblem::UnknownKey(key)));
            continue;
        }
        if let Some(first_row) = seen.get(&key) {
            errors.push(row.error(KEY, SheetProblem::Duplicate { first_row: *first_row }));
            continue;
        }
        seen.insert(key.clone(), row.number);
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            STANDARD => match parse_hours(&value) {
                Some(h) => s.office_hours.standard = h,
                None => errors.push(bad(row, &value, HOURS_ZH, HOURS_EN)),
            },
            SEASON_FROM | SEASON_UNTIL => match value.parse::<MonthDay>() {
                Ok(d) if key == SEASON_FROM => {
                    from = Some(d);
                    season_row = Some(row.number);
                }
                Ok(d) => until = Some(d),
                Err(_) => errors.push(bad(row, &value, "应为 MM-DD（如 05-01）", "must be MM-DD (e.g. 05-01)")),
            },
            SEASON_HOURS => match parse_hours(&value) {
                Some(h) => season_hours = Some(h),
                None => errors.push(bad(row, &value, HOURS_ZH, HOURS_EN)),
            },
            ACK_MINUTES => {
                if let Some(n) = number(row, &value, errors) {
                    s.acknowledge_within_minutes = n;
                }
            }
            RECTIFICATION => {
                if let Some(n) = number(row, &value, errors) {
                    s.rectification_working_days = n;
                }
            }
            TARGET => {
                if let Some(n) = number(row, &value, errors) {
                    s.target_working_days = n;
                }
            }
            THRESHOLD => {
                if let Some(n) = number(row, &value, errors) {
                    s.investment_threshold_fen = n;
                }
            }
            _ => s.case_number_prefix = Some(value),
        }
    }
    match (from, until, season_hours) {
        (Some(from), Some(until), Some(hours)) => s.office_hours.seasonal = Some(SeasonalHours { from, until, hours }),
        (None, None, None) => {}
        _ => {
            let at = [SEASON_FROM, SEASON_UNTIL, SEASON_HOURS].iter().find_map(|k| seen.get(*k).copied());
            errors.push(SheetError {
                sheet: OnboardingSheet::Settings,
                row: at,
                column: Some(VALUE),
                problem: SheetProblem::BadValue {
                    value: String::new(),
                    expected_zh: "季节作息的起始日、截止日和办公时间须一并填写",
                    expected_en: "a season needs its first day, its last day and its hours together",
                },
            });
        }
    }
    if let Some((steps, _)) = ladders.get(ACK_LADDER) {
        s.acknowledgement_ladder = EscalationPolicy { steps: steps.clone() };
    }
    if let Some((steps, _)) = ladders.get(FINISH_LADDER) {
        s.finishing_ladder = EscalationPolicy { steps: steps.clone() };
    }
    for problem in s.problems() {
        let row = setting_row(&problem.field, &seen, &ladders, season_row);
        errors.push(SheetError {
            sheet: OnboardingSheet::Settings,
            row,
            column: Some(if row.is_some() { VALUE } else { KEY }),
            problem: SheetProblem::Setting(problem.problem),
        });
    }
    s
}

/// The row of the sheet a setting's path (`finishing_ladder.steps[2].offset`) is written on.
fn setting_row(
    field: &str,
    seen: &HashMap<String, u32>,
    ladders: &HashMap<&str, (Vec<Step>, Vec<u32>)>,
    season_row: Option<u32>,
) -> Option<u32> {
    if field.starts_with("office_hours.seasonal") {
        return season_row;
    }
    for name in [ACK_LADDER, FINISH_LADDER] {
        if let Some(rest) = field.strip_prefix(name) {
            let rows = ladders.get(name).map(|(_, rows)| rows.as_slice()).unwrap_or_default();
            let index = rest
                .strip_prefix(".steps[")
                .and_then(|r| r.split_once(']'))
                .and_then(|(i, _)| i.parse::<usize>().ok())
                .unwrap_or(0);
            return rows.get(index).or(rows.first()).copied();
        }
    }
    seen.get(field).copied()
}

/// The sheet's rows for `s` (key, value, meaning), every key written.
pub fn print_settings(s: &CountySettings) -> Vec<[String; 3]> {
    let mut out = Vec::new();
    let meaning = |key: &str| SETTING_KEYS.iter().find(|(k, _)| *k == key).map(|(_, m)| *m).unwrap_or_default();
    let mut push = |key: &str, value: String| out.push([key.to_owned(), value, meaning(key).to_owned()]);
    push(STANDARD, print_hours(&s.office_hours.standard));
    let season = s.office_hours.seasonal.as_ref();
    push(SEASON_FROM, season.map(|x| x.from.to_string()).unwrap_or_default());
    push(SEASON_UNTIL, season.map(|x| x.until.to_string()).unwrap_or_default());
    push(SEASON_HOURS, season.map(|x| print_hours(&x.hours)).unwrap_or_default());
    push(ACK_MINUTES, s.acknowledge_within_minutes.to_string());
    for step in &s.acknowledgement_ladder.steps {
        push(ACK_LADDER, print_step(step));
    }
    for step in &s.finishing_ladder.steps {
        push(FINISH_LADDER, print_step(step));
    }
    push(RECTIFICATION, s.rectification_working_days.to_string());
    push(TARGET, s.target_working_days.to_string());
    push(THRESHOLD, s.investment_threshold_fen.to_string());
    push(PREFIX, s.case_number_prefix.clone().unwrap_or_default());
    out
}
