//! The supervision statistics (督查统计) as a workbook: the same figures, for the same
//! parameters and the same readers, as the statistics page; one row per department or agent
//! and the total last.

use butler_domain::policy::Actor;
use butler_persistence::repo::{departments, users};
use std::collections::HashMap;
use uuid::Uuid;

use super::sheet::{Cell, workbook};
use crate::Context;
use crate::error::AppError;
use crate::forms::{RenderedFile, XLSX};
use crate::statistics::{Grouping, SheetFigures, StatisticsQuery, sheet_statistics};

fn ratio(r: Option<f64>) -> Cell {
    r.map_or(Cell::Empty, Cell::Percent)
}

fn figures(f: &SheetFigures) -> Vec<Cell> {
    vec![
        f.received.into(),
        f.acknowledged.into(),
        f.acknowledged_on_time.into(),
        ratio(f.acknowledge_rate),
        f.unacknowledged_late.into(),
        f.finished.into(),
        f.finished_on_time.into(),
        ratio(f.on_time_rate),
        f.approved.into(),
        f.open.into(),
        f.paused.into(),
        f.overdue_now.into(),
        f.average_working_days_used.map_or(Cell::Empty, Cell::Number),
        f.average_working_days_promised.map_or(Cell::Empty, Cell::Number),
        f.evaluations.into(),
        f.dissatisfied.into(),
    ]
}

/// The task-sheet statistics of `query` as a workbook, for those who may read them.
pub async fn statistics_workbook(
    ctx: &Context,
    actor: &Actor,
    query: StatisticsQuery,
) -> Result<RenderedFile, AppError> {
    let stats = sheet_statistics(ctx, actor, query).await?;
    let department_names: HashMap<Uuid, String> =
        departments::all(&ctx.db, actor.tenant_id).await?.into_iter().map(|d| (d.id, d.name)).collect();
    let agent_ids: Vec<Uuid> = stats.rows.iter().filter_map(|r| r.agent_id).collect();
    let agent_names = users::display_names(&ctx.db, actor.tenant_id, &agent_ids).await?;
    let by_agent = stats.group_by == Grouping::Agent;
    let department = |id: Option<Uuid>| id.and_then(|d| department_names.get(&d).cloned());
    let mut rows: Vec<Vec<Cell>> = stats
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![Cell::from(department(r.department_id))];
            if by_agent {
                row.push(match r.agent_id {
                    Some(a) => agent_names.get(&a).cloned().into(),
                    None => "（未指定代办员）".into(),
                });
            }
            row.extend(figures(r));
            row
        })
        .collect();
    let mut total = vec![Cell::from("合计")];
    if by_agent {
        total.push(Cell::Empty);
    }
    total.extend(figures(&stats.total));
    rows.push(total);

    let mut columns = vec![("审批部门", 20.0)];
    if by_agent {
        columns.push(("代办员", 12.0));
    }
    columns.extend([
        ("收件数", 8.0),
        ("已签收", 8.0),
        ("按时签收", 9.0),
        ("按时签收率", 10.0),
        ("超时未签收", 10.0),
        ("已办结", 8.0),
        ("按时办结", 9.0),
        ("按时办结率", 10.0),
        ("批准", 7.0),
        ("在办", 7.0),
        ("补正暂停", 9.0),
        ("当前超期", 9.0),
        ("平均用时（工作日）", 11.0),
        ("平均承诺（工作日）", 11.0),
        ("评价数", 8.0),
        ("不满意", 8.0),
    ]);
    let period = match (query.from, query.to) {
        (Some(f), Some(t)) => format!("-{}至{}", f.format("%Y%m%d"), t.format("%Y%m%d")),
        (Some(f), None) => format!("-{}起", f.format("%Y%m%d")),
        (None, Some(t)) => format!("-至{}", t.format("%Y%m%d")),
        (None, None) => String::new(),
    };
    let bytes = workbook("督查统计", &columns, &rows)?;
    Ok(RenderedFile { file_name: format!("督查统计{period}.xlsx"), content_type: XLSX, bytes })
}
