//! The case register (台账) as a workbook: the cases the case list shows the caller (the same
//! scope and state filter), with the enterprise, the contact (phone masked) and the current
//! step's deadline, and the national project code (一项一码).

use std::collections::HashMap;

use butler_domain::policy::Actor;
use butler_domain::text::mask_middle;
use butler_persistence::repo::{cases, deadlines, enterprises};
use uuid::Uuid;

use super::sheet::{Cell, workbook};
use crate::Context;
use crate::cases::view::{CaseListQuery, list_filter};
use crate::error::AppError;
use crate::forms::{RenderedFile, XLSX};

const PAGE: u64 = butler_persistence::PageRequest::MAX_LIMIT;

/// Every case the caller's case list holds for `query`.
pub async fn case_register(ctx: &Context, actor: &Actor, query: &CaseListQuery) -> Result<RenderedFile, AppError> {
    let filter = list_filter(actor, query);
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let request = butler_persistence::PageRequest { limit: PAGE, after };
        let page = cases::list(&ctx.db, actor.tenant_id, &filter, request).await?;
        all.extend(page.items);
        match page.next_cursor {
            Some(cursor) => after = Some(butler_persistence::Cursor::decode(&cursor)?),
            None => break,
        }
    }
    let ids: Vec<Uuid> = all.iter().map(|c| c.id).collect();
    let due = deadlines::open_case_steps(&ctx.db, actor.tenant_id, &ids).await?;
    let mut names: HashMap<Uuid, String> = HashMap::new();
    for c in &all {
        if !names.contains_key(&c.enterprise_id) {
            let e = enterprises::get(&ctx.db, actor.tenant_id, c.enterprise_id).await?;
            names.insert(e.id, e.name);
        }
    }
    let rows: Vec<Vec<Cell>> = all
        .iter()
        .map(|c| -> Result<Vec<Cell>, AppError> {
            Ok(vec![
                c.number.as_str().into(),
                c.project_name.as_str().into(),
                names.get(&c.enterprise_id).cloned().into(),
                c.state.0.name_zh().into(),
                Cell::Number(c.investment_fen as f64 / 1_000_000.0),
                c.location.as_str().into(),
                c.agreement_signed_on.map_or(Cell::Empty, Cell::Date),
                c.contact_name.as_str().into(),
                mask_middle(&ctx.pii.open(&c.contact_phone)?).into(),
                due.get(&c.id).copied().map(Cell::DateTime).unwrap_or(Cell::Empty),
                Cell::DateTime(c.created_at),
                Cell::DateTime(c.updated_at),
                c.project_code.clone().into(),
            ])
        })
        .collect::<Result<_, _>>()?;
    let bytes = workbook(
        "项目台账",
        &[
            ("项目编号", 16.0),
            ("项目名称", 30.0),
            ("项目建设单位", 28.0),
            ("状态", 14.0),
            ("总投资（万元）", 14.0),
            ("建设地点", 20.0),
            ("投资协议签订日期", 14.0),
            ("企业联络员", 10.0),
            ("联系电话", 14.0),
            ("当前环节时限", 17.0),
            ("创建时间", 17.0),
            ("更新时间", 17.0),
            ("项目代码", 26.0),
        ],
        &rows,
    )?;
    Ok(RenderedFile { file_name: "项目台账.xlsx".to_owned(), content_type: XLSX, bytes })
}
