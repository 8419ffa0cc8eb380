//! The approval-item catalog (审批事项清单) as a workbook: the current version of each item
//! the catalog listing holds for the same filters.

use butler_domain::policy::Actor;

use super::sheet::{Cell, workbook};
use crate::Context;
use crate::catalog::{self, ItemQuery};
use crate::error::AppError;
use crate::forms::{RenderedFile, XLSX};
use crate::paging::PageRequest;

/// Every current item matching `query`, for every signed-in user.
pub async fn catalog_workbook(ctx: &Context, actor: &Actor, query: ItemQuery) -> Result<RenderedFile, AppError> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut page = PageRequest::first(PageRequest::MAX_LIMIT);
    loop {
        let p = catalog::list(ctx, actor, query.clone(), page).await?;
        for i in p.items {
            let materials = i
                .materials
                .iter()
                .map(|m| {
                    let notes: Vec<&str> = [(!m.required).then_some("非必需"), m.may_be_missing.then_some("可容缺")]
                        .into_iter()
                        .flatten()
                        .collect();
                    let notes = if notes.is_empty() { String::new() } else { format!("（{}）", notes.join("，")) };
                    format!("{}. {}{notes}", m.position, m.name)
                })
                .collect::<Vec<_>>()
                .join("\n");
            rows.push(vec![
                i.code.into(),
                i.name.into(),
                i.version.into(),
                i.department.name.into(),
                i.stage.name_zh().into(),
                i.legal_limit.map(|l| l.to_string()).into(),
                i.promised_limit.map(|l| l.to_string()).into(),
                (if i.allows_tolerance { "是" } else { "否" }).into(),
                (if i.allows_commitment { "是" } else { "否" }).into(),
                i.max_extension_days.into(),
                i.legal_fees.into(),
                i.intermediary_services.into(),
                i.legal_basis.into(),
                materials.into(),
                i.consultation_phone.into(),
                i.complaint_phone.into(),
            ]);
        }
        match p.next_cursor {
            Some(cursor) => page = PageRequest { limit: Some(PageRequest::MAX_LIMIT), cursor: Some(cursor) },
            None => break,
        }
    }
    let bytes = workbook(
        "审批事项清单",
        &[
            ("事项编码", 16.0),
            ("事项名称", 30.0),
            ("版本", 6.0),
            ("审批部门", 18.0),
            ("审批阶段", 12.0),
            ("法定时限", 12.0),
            ("承诺时限", 12.0),
            ("容缺受理", 9.0),
            ("告知承诺", 9.0),
            ("最长延期（工作日）", 10.0),
            ("收费", 20.0),
            ("中介服务", 20.0),
            ("法定依据", 30.0),
            ("申报材料", 48.0),
            ("咨询电话", 14.0),
            ("投诉电话", 14.0),
        ],
        &rows,
    )?;
    Ok(RenderedFile { file_name: "审批事项清单.xlsx".to_owned(), content_type: XLSX, bytes })
}
