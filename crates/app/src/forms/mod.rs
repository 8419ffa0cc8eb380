//! The county's forms of a case as Word files (附件2, 3, 4, 5, 7, 8, 9), laid out like the paper
//! templates and filled in from the case and its history; what the case does not hold yet is
//! left blank to fill in by hand, as on paper. Read like the case: whoever may see the case
//! may have its forms.

mod closing;
mod docx;
mod intake;
mod intermediaries;
mod milestones;
mod service;

use std::collections::HashMap;

use butler_domain::case::forms::{self as rules, FormFacts, FormKind};
use butler_domain::policy::Actor;
use butler_persistence::repo::{departments, enterprises, tenants};
use chrono::{DateTime, FixedOffset, Offset, Utc};
use uuid::Uuid;

use crate::Context;
use crate::cases::view::CaseView;
use crate::error::AppError;
use crate::tasks::TaskView;

pub use intermediaries::intermediary_form;
pub use milestones::Milestones;
pub(crate) use service::{materials_text, planned};

/// The content type of a Word file.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// The content type of an Excel workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file made for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    /// The name to save it as, e.g. `附件2-申请受理表-DY2026-0001.docx`.
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Everything a form prints: the case as its reader sees it, the milestones of its history,
/// the county's name, the enterprise's address and the departments' names.
pub(crate) struct FormData {
    pub c: CaseView,
    pub m: Milestones,
    pub county: String,
    pub address: Option<String>,
    departments: HashMap<Uuid, String>,
}

impl FormData {
    /// The department's name.
    pub(crate) fn department(&self, id: Uuid) -> String {
        self.departments.get(&id).cloned().unwrap_or_default()
    }

    /// The form's full title, e.g. `示例县招商引资重大项目帮办代办服务申请受理表`.
    pub(crate) fn title(&self, what: &str) -> String {
        format!("{}招商引资重大项目帮办代办服务{what}", self.county)
    }

    /// `项目编号：…`.
    pub(crate) fn number_line(&self) -> String {
        format!("项目编号：{}", self.c.number)
    }

    /// The sheets in the order they were dispatched.
    pub(crate) fn sheets(&self) -> Vec<&TaskView> {
        let position = |t: &TaskView| self.c.items.iter().find(|i| i.id == t.case_item_id).map_or(0, |i| i.position);
        let mut sheets: Vec<&TaskView> = self.c.tasks.iter().collect();
        sheets.sort_by(|a, b| a.dispatched_at.cmp(&b.dispatched_at).then(position(a).cmp(&position(b))));
        sheets
    }

    fn facts(&self) -> FormFacts {
        FormFacts {
            plan_agreed: self.m.reached("plan_agreed") || self.m.agreement_signed.is_some(),
            planned_items: self.c.items.iter().any(|i| i.planned),
            sheets: self.c.tasks.len(),
            closing: self.m.closing,
        }
    }
}

/// China Standard Time, the county's clock (UTC+8 all year).
pub(crate) fn county_time(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix());
    at.with_timezone(&offset)
}

/// `2026年11月03日`.
pub(crate) fn date(at: DateTime<Utc>) -> String {
    county_time(at).format("%Y年%m月%d日").to_string()
}

/// `2026年11月03日 14:30`.
pub(crate) fn date_time(at: DateTime<Utc>) -> String {
    county_time(at).format("%Y年%m月%d日 %H:%M").to_string()
}

/// Fen as 万元, without trailing zeros: `12000万元`, `8650.5万元`.
pub(crate) fn wan_yuan(fen: i64) -> String {
    let text = format!("{:.6}", fen as f64 / 1_000_000.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}万元")
}

pub(crate) async fn load(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<FormData, AppError> {
    let c = crate::cases::view::get(ctx, actor, case_id).await?;
    let timeline = crate::cases::timeline(ctx, actor, case_id).await?;
    let m = Milestones::read(c.state, &timeline.events);
    let county = tenants::get(&ctx.db, actor.tenant_id).await?.name;
    let address = enterprises::get(&ctx.db, actor.tenant_id, c.enterprise.id).await?.address;
    let departments = departments::all(&ctx.db, actor.tenant_id).await?.into_iter().map(|d| (d.id, d.name)).collect();
    Ok(FormData { c, m, county, address, departments })
}

fn docx_file(kind: FormKind, number: &str, suffix: Option<usize>, bytes: Vec<u8>) -> RenderedFile {
    let tail = suffix.map(|n| format!("-{n}")).unwrap_or_default();
    RenderedFile {
        file_name: format!("附件{}-{}-{number}{tail}.docx", kind.annex(), kind.name_zh()),
        content_type: DOCX,
        bytes,
    }
}

fn render(d: &FormData, kind: FormKind, sheets: &[&TaskView], suffix: Option<usize>) -> Result<RenderedFile, AppError> {
    let bytes = match kind {
        FormKind::Application => intake::application(d)?,
        FormKind::Agreement => intake::agreement(d)?,
        FormKind::Plan => service::plan(d)?,
        FormKind::TaskSheet => service::task_sheets(d, sheets)?,
        FormKind::Completion => closing::completion(d)?,
        FormKind::Termination => closing::termination(d)?,
        FormKind::Evaluation => closing::evaluation(d)?,
    };
    Ok(docx_file(kind, &d.c.number, suffix, bytes))
}

/// One form of the case as a Word file, for whoever may see the case (404 otherwise). A task
/// sheet form (附件5) is of the sheet `sheet_id`, or of every sheet, one per page, without
/// one. Forms the case has not come to yet print with blank lines to fill in by hand.
pub async fn render_form(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    kind: FormKind,
    sheet_id: Option<Uuid>,
) -> Result<RenderedFile, AppError> {
    let d = load(ctx, actor, case_id).await?;
    if kind != FormKind::TaskSheet && sheet_id.is_some() {
        return Err(AppError::field(
            "sheet_id",
            "not_a_task_sheet_form",
            "只有任务分送单可指定任务单",
            "only the task sheet form takes a sheet",
        ));
    }
    let all = d.sheets();
    let (sheets, suffix) = match sheet_id {
        Some(id) => {
            let index = all.iter().position(|s| s.id == id).ok_or(AppError::NotFound)?;
            (vec![all[index]], Some(index + 1))
        }
        None => (all, None),
    };
    if kind == FormKind::TaskSheet && sheets.is_empty() {
        return Err(AppError::field(
            "sheet_id",
            "no_sheets",
            "本项目尚未分送任务单",
            "the case has no task sheets yet",
        ));
    }
    render(&d, kind, &sheets, suffix)
}

/// Every form that applies to the case in its state, in the county's order, one 附件5 per
/// task sheet: e.g. no termination form for a completed case. For whoever may see the case.
pub async fn case_forms(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<Vec<RenderedFile>, AppError> {
    let d = load(ctx, actor, case_id).await?;
    let mut files = Vec::new();
    for kind in rules::forms_of(&d.facts()) {
        if kind == FormKind::TaskSheet {
            for (index, sheet) in d.sheets().into_iter().enumerate() {
                files.push(render(&d, kind, &[sheet], Some(index + 1))?);
            }
        } else {
            files.push(render(&d, kind, &[], None)?);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn amounts_print_in_wan_yuan_without_trailing_zeros() {
        assert_eq!(wan_yuan(12_000_000_000), "12000万元");
        assert_eq!(wan_yuan(8_650_500_000), "8650.5万元");
        assert_eq!(wan_yuan(1), "0.000001万元");
    }

    #[test]
    fn dates_are_the_countys() {
        let at = Utc.with_ymd_and_hms(2026, 11, 2, 17, 30, 0).single().unwrap_or_default();
        assert_eq!(date(at), "2026年11月03日");
        assert_eq!(date_time(at), "2026年11月03日 01:30");
    }
}
