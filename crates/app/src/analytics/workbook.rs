//! The analytics as a workbook, through the exports' typed sheets: the time split per item,
//! stage, department and agent, the slowest items, and the running cases' forecasts against
//! the target; the same figures, for the same readers, as the analytics page.

use std::collections::HashMap;

use butler_domain::policy::Actor;
use butler_persistence::repo::{departments, users};
use uuid::Uuid;

use super::forecasts::forecasts;
use super::split::{SplitFigures, SplitQuery, time_split};
use crate::Context;
use crate::error::AppError;
use crate::exports::sheet::{Cell, Column, SheetSpec, workbook_of};
use crate::forms::{RenderedFile, XLSX};

const FIGURES: [Column<'static>; 8] = [
    ("单数", 7.0),
    ("已办结", 8.0),
    ("部门办理（工作日/单）", 12.0),
    ("企业补正（工作日/单）", 12.0),
    ("等待前置（工作日/单）", 12.0),
    ("合计用时（工作日/单）", 12.0),
    ("承诺时限（工作日/单）", 12.0),
    ("办理分钟合计", 12.0),
];

fn figures(f: &SplitFigures) -> Vec<Cell> {
    vec![
        f.sheets.into(),
        f.finished.into(),
        Cell::Number(f.average_handling_days),
        Cell::Number(f.average_correction_days),
        Cell::Number(f.average_waiting_days),
        Cell::Number(f.average_used_days),
        Cell::Number(f.average_promised_days),
        f.handling_office_minutes.into(),
    ]
}

fn columns(leading: &[Column<'static>]) -> Vec<Column<'static>> {
    leading.iter().copied().chain(FIGURES).collect()
}

/// The analytics of `query` as a workbook, for those who may read them.
pub async fn analytics_workbook(ctx: &Context, actor: &Actor, query: SplitQuery) -> Result<RenderedFile, AppError> {
    let split = time_split(ctx, actor, query).await?;
    // Department leaders read their own department's split; the forecasts are the county's.
    let outlook = if actor.role.needs_department() { None } else { Some(forecasts(ctx, actor, false).await?) };
    let department_names: HashMap<Uuid, String> =
        departments::all(&ctx.db, actor.tenant_id).await?.into_iter().map(|d| (d.id, d.name)).collect();
    let agent_ids: Vec<Uuid> = split.agents.iter().filter_map(|a| a.agent_id).collect();
    let agent_names = users::display_names(&ctx.db, actor.tenant_id, &agent_ids).await?;
    let department = |id: &Uuid| Cell::from(department_names.get(id).cloned());
    let stage = |s: Option<butler_domain::catalog::Stage>| Cell::from(s.map_or("（未分阶段）", |s| s.name_zh()));
    let item_row = |i: &super::split::ItemSplit| {
        let mut row = vec![Cell::from(i.code.clone()), Cell::from(i.name.clone()), stage(i.stage)];
        row.extend(figures(&i.figures));
        row
    };
    let items: Vec<Vec<Cell>> = split.items.iter().map(item_row).collect();
    let slowest: Vec<Vec<Cell>> = split.slowest.iter().map(item_row).collect();
    let mut stages: Vec<Vec<Cell>> = split
        .stages
        .iter()
        .map(|s| {
            let mut row = vec![stage(s.stage)];
            row.extend(figures(&s.figures));
            row
        })
        .collect();
    let mut total = vec![Cell::from("合计")];
    total.extend(figures(&split.total));
    stages.push(total);
    let departments: Vec<Vec<Cell>> = split
        .departments
        .iter()
        .map(|d| {
            let mut row = vec![department(&d.department_id)];
            row.extend(figures(&d.figures));
            row
        })
        .collect();
    let agents: Vec<Vec<Cell>> = split
        .agents
        .iter()
        .map(|a| {
            let name = match a.agent_id {
                Some(id) => Cell::from(agent_names.get(&id).cloned()),
                None => Cell::from("（未指定代办员）"),
            };
            let mut row = vec![department(&a.department_id), name];
            row.extend(figures(&a.figures));
            row
        })
        .collect();
    let item_columns = columns(&[("事项编码", 16.0), ("事项名称", 24.0), ("阶段", 16.0)]);
    let stage_columns = columns(&[("阶段", 16.0)]);
    let department_columns = columns(&[("审批部门", 20.0)]);
    let agent_columns = columns(&[("审批部门", 20.0), ("代办员", 12.0)]);
    let mut sheets = vec![
        SheetSpec { name: "按事项", columns: &item_columns, rows: &items },
        SheetSpec { name: "按阶段", columns: &stage_columns, rows: &stages },
        SheetSpec { name: "按部门", columns: &department_columns, rows: &departments },
        SheetSpec { name: "按代办员", columns: &agent_columns, rows: &agents },
        SheetSpec { name: "最慢事项", columns: &item_columns, rows: &slowest },
    ];
    let forecast_columns: Vec<Column<'static>> = vec![
        ("项目编号", 16.0),
        ("项目名称", 28.0),
        ("预计办结", 18.0),
        ("预计工作日", 10.0),
        ("目标工作日", 10.0),
        ("超出工作日", 10.0),
        ("关键任务单", 10.0),
    ];
    let forecast_rows: Vec<Vec<Cell>> = outlook
        .as_ref()
        .map(|o| {
            o.cases
                .iter()
                .map(|c| {
                    vec![
                        Cell::from(c.number.clone()),
                        Cell::from(c.project_name.clone()),
                        c.projected_end.map_or(Cell::Empty, Cell::DateTime),
                        Cell::from(c.projected_working_days),
                        Cell::from(i64::from(o.target_working_days)),
                        Cell::from(c.over_target_working_days),
                        Cell::from(c.critical_sheets),
                    ]
                })
                .collect()
        })
        .unwrap_or_default();
    if outlook.is_some() {
        sheets.push(SheetSpec { name: "预测与目标", columns: &forecast_columns, rows: &forecast_rows });
    }
    let bytes = workbook_of(&sheets)?;
    let period = match (query.from, query.to) {
        (Some(f), Some(t)) => format!("-{}至{}", f.format("%Y%m%d"), t.format("%Y%m%d")),
        (Some(f), None) => format!("-{}起", f.format("%Y%m%d")),
        (None, Some(t)) => format!("-至{}", t.format("%Y%m%d")),
        (None, None) => String::new(),
    };
    Ok(RenderedFile { file_name: format!("用时分析{period}.xlsx"), content_type: XLSX, bytes })
}
