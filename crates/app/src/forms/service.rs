//! 附件4 服务方案 (landscape, as the county keeps it) and 附件5 任务分送单及回执 (one sheet of
//! paper per task sheet, the receipt below the cut line).

use butler_domain::case::sheet::{ResultNoticeChannel, SheetKind, SheetState};
use butler_domain::case::team::TeamRole;

use super::docx::{Form, Value, field, project_row, wide};
use super::intake::contact;
use super::{FormData, date, date_time};
use crate::cases::view::ItemView;
use crate::error::AppError;
use crate::tasks::TaskView;

/// The materials of an item as the plan lists them, with the missing ones (容缺).
pub(crate) fn materials_text(item: &ItemView) -> String {
    let listed = item.materials.iter().map(|m| {
        let notes: Vec<&str> =
            [(!m.required).then_some("非必需"), m.may_be_missing.then_some("可容缺")].into_iter().flatten().collect();
        if notes.is_empty() { m.name.clone() } else { format!("{}（{}）", m.name, notes.join("，")) }
    });
    let missing = item.missing_materials.iter().map(|x| match x.supplied_at {
        Some(at) => format!("{}（容缺，已于 {} 补齐）", x.name, date(at)),
        None => format!("{}（容缺，承诺 {} 前补齐）", x.name, x.committed_by.format("%Y年%m月%d日")),
    });
    let all: Vec<String> = listed.chain(missing).enumerate().map(|(i, t)| format!("{}. {t}", i + 1)).collect();
    if all.is_empty() { "无".to_owned() } else { all.join("\n") }
}

fn names_with_department(d: &FormData, role: TeamRole) -> String {
    let names: Vec<String> =
        d.c.team
            .iter()
            .filter(|m| m.role == role)
            .map(|m| match m.department_id {
                Some(dep) => format!("{}（{}）", m.display_name, d.department(dep)),
                None => m.display_name.clone(),
            })
            .collect();
    if names.is_empty() { "—".to_owned() } else { names.join("、") }
}

/// The planned items in order.
pub(crate) fn planned(d: &FormData) -> Vec<&ItemView> {
    let mut items: Vec<&ItemView> = d.c.items.iter().filter(|i| i.planned).collect();
    items.sort_by_key(|i| i.position);
    items
}

/// 附件4 服务方案.
pub(super) fn plan(d: &FormData) -> Result<Vec<u8>, AppError> {
    let c = &d.c;
    let forecast = match (c.forecast_end, c.forecast_working_days) {
        (Some(end), Some(days)) => format!("{}，共 {days} 个工作日", date(end)),
        _ => "暂无预测".to_owned(),
    };
    let member = |id| c.team.iter().find(|m| Some(m.user_id) == id).map(|m| m.display_name.clone());
    let rows = planned(d)
        .into_iter()
        .map(|i| {
            let name = if i.allows_commitment { format!("{}\n（告知承诺）", i.name) } else { i.name.clone() };
            let limit = match (i.promised_limit, i.legal_limit) {
                (Some(p), Some(l)) => format!("{p}\n（法定 {l}）"),
                (Some(p), None) => p.to_string(),
                (None, _) => String::new(),
            };
            let prerequisites = if i.prerequisites.is_empty() {
                "并联办理".to_owned()
            } else {
                c.items
                    .iter()
                    .filter(|p| i.prerequisites.contains(&p.id))
                    .map(|p| format!("{}. {}", p.position, p.name))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let window = format!(
                "{}\n{}",
                i.forecast_start.map(date).unwrap_or_else(|| "—".into()),
                i.forecast_end.map(date).unwrap_or_else(|| "—".into())
            );
            vec![
                Value::from(i.position.to_string()),
                name.into(),
                d.department(i.department_id).into(),
                materials_text(i).into(),
                limit.into(),
                member(i.agent_id).unwrap_or_else(|| "—".into()).into(),
                prerequisites.into(),
                window.into(),
            ]
        })
        .collect();
    Form::new(4, &d.title("方案"), &d.number_line(), true)
        .fields(vec![
            project_row(c.project_name.as_str(), c.project_code.as_deref()),
            vec![wide("项目建设单位", c.enterprise.name.as_str())],
            vec![
                field("负责领导", names_with_department(d, TeamRole::ResponsibleLeader)),
                field("牵头代办员", names_with_department(d, TeamRole::LeadAgent)),
            ],
            vec![wide("协同代办员", names_with_department(d, TeamRole::CoAgent))],
            vec![
                field("预计全部办结", forecast),
                field("企业确认方案日期", d.m.plan_agreed.as_ref().map(|p| date(p.at)).unwrap_or_default()),
            ],
        ])
        .list(
            "服务方案",
            &[
                ("序号", 2),
                ("审批事项", 7),
                ("审批部门", 5),
                ("一次性告知材料清单", 11),
                ("承诺时限", 4),
                ("代办员", 3),
                ("前置事项", 6),
                ("预计起止", 6),
            ],
            rows,
        )
        .signatures(&["项目管家（签字）", "项目建设单位确认（签字）"])
        .into_bytes()
}

/// A sheet state's name, as the forms print it.
pub(crate) fn sheet_state_zh(state: SheetState) -> &'static str {
    match state {
        SheetState::Dispatched => "已分送",
        SheetState::Acknowledged => "已签收",
        SheetState::Paused => "补正中",
        SheetState::Finished => "已办结",
        SheetState::SentBack => "已退回",
        SheetState::Cancelled => "已取消",
    }
}

fn channel_zh(channel: ResultNoticeChannel) -> &'static str {
    match channel {
        ResultNoticeChannel::InApp => "站内通知",
        ResultNoticeChannel::Sms => "短信",
        ResultNoticeChannel::Email => "电子邮件",
        ResultNoticeChannel::Phone => "电话",
        ResultNoticeChannel::Written => "书面",
        ResultNoticeChannel::Post => "邮寄",
    }
}

fn sheet_page(form: Form, d: &FormData, t: &TaskView) -> Form {
    let c = &d.c;
    let item = c.items.iter().find(|i| i.id == t.case_item_id);
    let people = d.m.sheets.get(&t.id).cloned().unwrap_or_default();
    let mut finish_by = date_time(t.finish_by);
    if let Some(days) = t.extension_working_days.filter(|d| *d > 0) {
        finish_by.push_str(&format!("（已延期 {days} 个工作日）"));
    }
    if t.state == SheetState::Paused {
        finish_by.push_str("（补正中，计时暂停）");
    } else if t.paused_office_minutes > 0 {
        finish_by.push_str("（已按补正暂停时间顺延）");
    }
    let materials: Vec<String> = item
        .map(|i| {
            i.materials
                .iter()
                .enumerate()
                .map(|(n, m)| {
                    let note = if m.may_be_missing { "（可容缺）" } else { "" };
                    format!("{}. {}{note}", n + 1, m.name)
                })
                .collect()
        })
        .unwrap_or_default();
    let mut fields = vec![
        project_row(c.project_name.as_str(), c.project_code.as_deref()),
        vec![field("项目建设单位", c.enterprise.name.as_str()), field("企业联络员", contact(d))],
        vec![wide("承办部门", d.department(t.department_id))],
        vec![wide(
            "审批事项",
            if t.kind == SheetKind::Verification {
                format!("{}（告知承诺核查）", t.item_name)
            } else {
                t.item_name.clone()
            },
        )],
        vec![
            field("承诺时限", item.and_then(|i| i.promised_limit).map(|l| l.to_string()).unwrap_or_default()),
            field(
                "代办员",
                t.assignee_name
                    .clone()
                    .or_else(|| people.acknowledged.as_ref().and_then(|a| a.by.clone()))
                    .unwrap_or_default(),
            ),
        ],
        vec![
            field("分送时间", date_time(t.dispatched_at)),
            field(
                "分送人",
                people
                    .dispatched
                    .as_ref()
                    .map(|p| p.by.clone().unwrap_or_else(|| "系统（前置事项办结后自动分送）".into()))
                    .unwrap_or_default(),
            ),
        ],
        vec![field("签收时限", date_time(t.acknowledge_by)), field("办结时限", finish_by)],
        vec![wide("一次性告知材料清单", if materials.is_empty() { "无".to_owned() } else { materials.join("\n") })],
    ];
    if !t.missing_materials.is_empty() {
        let missing = t
            .missing_materials
            .iter()
            .map(|x| match x.supplied_at {
                Some(at) => format!("{}（容缺，已于 {} 补齐）", x.name, date(at)),
                None => format!("{}（容缺，承诺 {} 前补齐）", x.name, x.committed_by.format("%Y年%m月%d日")),
            })
            .collect::<Vec<_>>()
            .join("\n");
        fields.push(vec![wide("容缺材料", missing)]);
    }
    let outcome = t
        .outcome
        .map(|o| {
            let mut text = o.name_zh().to_owned();
            if t.approved_on_commitment {
                text.push_str("（告知承诺）");
            }
            if let Some(reason) = &t.outcome_reason {
                text.push('\n');
                text.push_str(reason);
            }
            text
        })
        .unwrap_or_default();
    let notice = match (t.result_notice_channel, t.result_noticed_at) {
        (Some(ch), Some(at)) => format!("{}，{}", channel_zh(ch), date_time(at)),
        _ => String::new(),
    };
    form.fields(fields)
        .signatures(&["专窗分送人（签字）"])
        .text("✂ ------------------------ 沿此线剪下，回执交回专窗 ------------------------")
        .subtitle("任务分送单回执")
        .fields(vec![
            vec![wide("项目名称", format!("{}（{}）", c.project_name, c.number))],
            vec![field("承办部门", d.department(t.department_id)), field("审批事项", t.item_name.as_str())],
            vec![
                field("签收时间", t.acknowledged_at.map(date_time).unwrap_or_default()),
                field("签收人", people.acknowledged.as_ref().and_then(|a| a.by.clone()).unwrap_or_default()),
            ],
            vec![field("办理状态", sheet_state_zh(t.state)), field("办理结果", outcome)],
            vec![
                field("批准文号", t.document_number.clone().unwrap_or_default()),
                field("办结时间", t.closed_at.map(date_time).unwrap_or_default()),
            ],
            vec![wide("结果告知", notice)],
        ])
        .signatures(&["部门代办员（签字）", "承办部门（盖章）"])
}

/// 附件5 任务分送单及回执 of `sheets`, one per page.
pub(super) fn task_sheets(d: &FormData, sheets: &[&TaskView]) -> Result<Vec<u8>, AppError> {
    let title = d.title("任务分送单");
    let total = d.c.tasks.len();
    let all = d.sheets();
    let mut form: Option<Form> = None;
    for t in sheets {
        let index = all.iter().position(|s| s.id == t.id).map_or(0, |i| i + 1);
        let line = format!("{}　　第 {index} 份，共 {total} 份", d.number_line());
        let next = match form {
            None => Form::new(5, &title, &line, false),
            Some(f) => f.next_sheet(5, &title, &line),
        };
        form = Some(sheet_page(next, d, t));
    }
    form.ok_or(AppError::NotFound)?.into_bytes()
}
