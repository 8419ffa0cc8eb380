//! 附件7 办结单, 附件8 终止单 and 附件9 满意度评价表: how each item ended, the documents handed
//! over and the enterprise's confirmation; and the enterprise's evaluation. Before the case
//! holds them, their fields print blank to fill in by hand.

use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::case::forms::Closing;
use butler_domain::case::sheet::SheetKind;
use butler_domain::case::team::TeamRole;
use uuid::Uuid;

use super::docx::{Field, Form, Value, field, project_row, wide};
use super::intake::{contact, team};
use super::service::sheet_state_zh;
use super::{FormData, date, date_time};
use crate::error::AppError;

fn butler(d: &FormData) -> String {
    [team(d, TeamRole::ResponsibleLeader), team(d, TeamRole::LeadAgent)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("、")
}

fn header(d: &FormData) -> Vec<Vec<Field>> {
    let c = &d.c;
    vec![
        project_row(c.project_name.as_str(), c.project_code.as_deref()),
        vec![wide("项目建设单位", c.enterprise.name.as_str())],
        vec![field("统一社会信用代码", c.enterprise.credit_code.as_str()), field("企业联络员", contact(d))],
        vec![
            field("受理日期", d.m.accepted.as_ref().map(|a| date(a.at)).unwrap_or_default()),
            field("项目管家团队", butler(d)),
        ],
    ]
}

/// Each item with how it ended (its latest approval sheet).
fn results(d: &FormData) -> Vec<Vec<Value>> {
    let mut items: Vec<_> = d.c.items.iter().collect();
    if items.iter().any(|i| i.planned) {
        items.retain(|i| i.planned);
    }
    items.sort_by_key(|i| i.position);
    items
        .into_iter()
        .map(|item| {
            let task =
                d.c.tasks
                    .iter()
                    .filter(|t| t.case_item_id == item.id && t.kind != SheetKind::Verification)
                    .max_by_key(|t| t.dispatched_at);
            let outcome = match task {
                None => "未分送".to_owned(),
                Some(t) => {
                    t.outcome.map(|o| o.name_zh().to_owned()).unwrap_or_else(|| sheet_state_zh(t.state).to_owned())
                }
            };
            vec![
                Value::from(item.position.to_string()),
                item.name.as_str().into(),
                d.department(item.department_id).into(),
                outcome.into(),
                task.and_then(|t| t.document_number.clone()).unwrap_or_default().into(),
                task.and_then(|t| t.closed_at).map(date).unwrap_or_default().into(),
            ]
        })
        .collect()
}

const RESULT_COLUMNS: [(&str, usize); 6] =
    [("序号", 2), ("审批事项", 9), ("审批部门", 5), ("办理结果", 4), ("批准文号", 5), ("办结时间", 5)];

fn confirmation(d: &FormData) -> String {
    match &d.m.confirmed {
        Some(c) => format!("已于 {} 确认", date_time(c.at)),
        None => "待企业签字确认".to_owned(),
    }
}

/// 附件7 办结单.
pub(super) fn completion(d: &FormData) -> Result<Vec<u8>, AppError> {
    let completed = d.m.completed.as_ref();
    let handed_over_at = d.c.documents_handed_over_at.or(completed.map(|c| c.0.at));
    let mut fields = header(d);
    fields.push(vec![
        field("办结日期", completed.map(|c| date(c.0.at)).unwrap_or_default()),
        field("移交时间", handed_over_at.map(date_time).unwrap_or_default()),
    ]);
    let documents = completed
        .map(|c| c.1.iter().enumerate().map(|(i, doc)| format!("{}. {doc}", i + 1)).collect::<Vec<_>>().join("\n"))
        .filter(|s| !s.is_empty());
    Form::new(7, &d.title("办结单"), &d.number_line(), false)
        .fields(fields)
        .list("帮办代办事项办理情况", &RESULT_COLUMNS, results(d))
        .fields(vec![
            vec![wide("移交资料", documents.map(Value::Text).unwrap_or(Value::Blank(3)))],
            vec![wide("企业确认", confirmation(d))],
        ])
        .signatures(&["项目管家（签字）", "项目建设单位（盖章）", "经办人（签字）"])
        .into_bytes()
}

/// 附件8 终止单.
pub(super) fn termination(d: &FormData) -> Result<Vec<u8>, AppError> {
    let terminated = d.m.terminated.as_ref();
    let from = terminated
        .and_then(|t| t.2.as_deref())
        .and_then(|s| s.parse::<butler_domain::case::lifecycle::CaseState>().ok())
        .map(|s| s.name_zh().to_owned())
        .unwrap_or_default();
    let reason = terminated.and_then(|t| t.1.clone()).or_else(|| d.c.closing_reason.clone());
    let mut fields = header(d);
    fields.push(vec![
        field("终止日期", terminated.map(|t| date(t.0.at)).unwrap_or_default()),
        field("终止时所处环节", from),
    ]);
    fields.push(vec![wide("终止原因", Value::or_blank(reason))]);
    Form::new(8, &d.title("终止单"), &d.number_line(), false)
        .fields(fields)
        .list("帮办代办事项办理情况", &RESULT_COLUMNS, results(d))
        .fields(vec![
            // The history records no documents handed over on termination: lines to write them in.
            vec![wide("移交资料", Value::Blank(3))],
            vec![wide("企业确认", confirmation(d))],
        ])
        .signatures(&["项目管家（签字）", "项目建设单位（盖章）", "经办人（签字）"])
        .into_bytes()
}

/// The five levels as tick boxes, `level` ticked.
fn levels(level: Option<EvaluationLevel>) -> String {
    EvaluationLevel::ALL
        .iter()
        .map(|l| format!("{}{}", if Some(*l) == level { "☑" } else { "☐" }, l.name_zh()))
        .collect::<Vec<_>>()
        .join("　")
}

/// 附件9 满意度评价表.
pub(super) fn evaluation(d: &FormData) -> Result<Vec<u8>, AppError> {
    let m = &d.m;
    let end = match m.closing {
        Some(Closing::Terminated) => m.terminated.as_ref().map(|t| t.0.at),
        _ => m.completed.as_ref().map(|c| c.0.at),
    };
    let period = format!(
        "{} 至 {}",
        m.accepted.as_ref().map(|a| date(a.at)).unwrap_or_else(|| "　　年　　月　　日".into()),
        end.map(date).unwrap_or_else(|| "　　年　　月　　日".into())
    );
    let form = Form::new(9, &d.title("满意度评价表"), &d.number_line(), false).fields(vec![
        project_row(d.c.project_name.as_str(), d.c.project_code.as_deref()),
        vec![field("项目建设单位", d.c.enterprise.name.as_str()), field("企业联络员", contact(d))],
        vec![field("服务期间", period), field("项目管家团队", butler(d))],
    ]);
    let form = match &m.evaluation {
        Some(e) if e.declined => form.text(&format!("企业表示不参与评价（{} 登记）。", date_time(e.done.at))),
        given => {
            let given = given.as_ref();
            let mut departments: Vec<Uuid> = Vec::new();
            let mut items: Vec<_> = d.c.items.iter().collect();
            items.sort_by_key(|i| i.position);
            for i in items {
                if !departments.contains(&i.department_id) {
                    departments.push(i.department_id);
                }
            }
            let mut rows = vec![vec![wide("总体评价", levels(given.and_then(|e| e.level)))]];
            for dep in departments {
                let level = m.department_levels.get(&dep).copied();
                rows.push(vec![wide("对审批部门的评价", format!("{}\n{}", d.department(dep), levels(level)))]);
            }
            rows.push(vec![wide(
                "意见和建议",
                given.and_then(|e| e.comment.clone()).map(Value::Text).unwrap_or(Value::Blank(3)),
            )]);
            rows.push(vec![wide(
                "评价时间",
                given
                    .map(|e| format!("{}，评价人：{}", date_time(e.done.at), e.done.by.clone().unwrap_or_default()))
                    .unwrap_or_default(),
            )]);
            form.fields(rows)
        }
    };
    form.signatures(&["项目建设单位（盖章）", "评价人（签字）"]).into_bytes()
}
