//! 附件4 服务方案 as a workbook, the way the county keeps it: one row per planned item, each
//! naming the project and its national project code (一项一码) so that merged plans stay apart.

use butler_domain::policy::Actor;
use uuid::Uuid;

use super::sheet::{Cell, workbook};
use crate::Context;
use crate::error::AppError;
use crate::forms::{RenderedFile, XLSX, load, materials_text, planned};

/// The case's service plan as a workbook, for whoever may see the case (404 otherwise).
pub async fn plan_workbook(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<RenderedFile, AppError> {
    let d = load(ctx, actor, case_id).await?;
    let c = &d.c;
    let member = |id: Option<Uuid>| c.team.iter().find(|m| Some(m.user_id) == id).map(|m| m.display_name.clone());
    let rows: Vec<Vec<Cell>> = planned(&d)
        .into_iter()
        .map(|i| {
            let prerequisites = c
                .items
                .iter()
                .filter(|p| i.prerequisites.contains(&p.id))
                .map(|p| format!("{}. {}", p.position, p.name))
                .collect::<Vec<_>>()
                .join("\n");
            vec![
                i.position.into(),
                i.name.as_str().into(),
                d.department(i.department_id).into(),
                materials_text(i).into(),
                i.legal_limit.map(|l| l.to_string()).into(),
                i.promised_limit.map(|l| l.to_string()).into(),
                (if i.allows_commitment { "是" } else { "否" }).into(),
                member(i.agent_id).into(),
                (if prerequisites.is_empty() { "并联办理".to_owned() } else { prerequisites }).into(),
                i.forecast_start.map(Cell::DateTime).unwrap_or(Cell::Empty),
                i.forecast_end.map(Cell::DateTime).unwrap_or(Cell::Empty),
                c.project_name.as_str().into(),
                c.project_code.clone().into(),
            ]
        })
        .collect();
    let bytes = workbook(
        "服务方案",
        &[
            ("序号", 6.0),
            ("审批事项", 30.0),
            ("审批部门", 18.0),
            ("一次性告知材料清单", 48.0),
            ("法定时限", 12.0),
            ("承诺时限", 12.0),
            ("告知承诺", 9.0),
            ("代办员", 10.0),
            ("前置事项", 26.0),
            ("预计开始", 17.0),
            ("预计办结", 17.0),
            ("项目名称", 24.0),
            ("项目代码", 26.0),
        ],
        &rows,
    )?;
    Ok(RenderedFile { file_name: format!("附件4-服务方案-{}.xlsx", c.number), content_type: XLSX, bytes })
}
