//! 附件2 申请受理表 and 附件3 服务委托协议: the application as the enterprise made it with the
//! bureau's review and the leader's sign-off, and the agreement signed at the window.

use butler_domain::case::team::TeamRole;
use butler_domain::text::mask_middle;

use super::docx::{Form, Value, field, project_row, wide};
use super::{FormData, date, wan_yuan};
use crate::error::AppError;

const TERMS: [&str; 5] = [
    "甲方自愿委托乙方为本项目提供帮办代办服务，委托事项见上表。除法律、法规明确规定由甲方缴纳的费用外，乙方免费提供帮办代办服务。",
    "甲方按时提供真实、准确、完整的申报材料，并对材料的真实性负责；由企业联络员配合乙方工作。",
    "乙方指导、协助甲方准备、提供、报送申报材料，全程组织推进帮办代办工作，及时告知办理进度和结果；帮办代办不包办，不损害甲方合法权益。",
    "委托事项全部办结并移交资料后，双方签署办结单；因重大政策调整等原因无法完成审批或甲方主动要求终止的，双方签署终止单。",
    "本协议一式两份，甲乙双方各执一份，自双方签字（盖章）之日起生效。",
];

/// The contact and the phone, masked as lists show it.
pub(super) fn contact(d: &FormData) -> String {
    format!("{} {}", d.c.contact_name, mask_middle(&d.c.contact_phone))
}

/// The names of the team members in `role`, joined with 、.
pub(super) fn team(d: &FormData, role: TeamRole) -> String {
    d.c.team.iter().filter(|m| m.role == role).map(|m| m.display_name.as_str()).collect::<Vec<_>>().join("、")
}

/// 附件2 申请受理表.
pub(super) fn application(d: &FormData) -> Result<Vec<u8>, AppError> {
    let c = &d.c;
    let m = &d.m;
    let mut items: Vec<_> = c.items.iter().collect();
    items.sort_by_key(|i| i.position);
    let rows = items
        .iter()
        .map(|i| {
            let name =
                if i.catalog_item_id.is_some() { i.name.clone() } else { format!("{}（清单外事项）", i.name) };
            vec![Value::from(i.position.to_string()), name.into(), d.department(i.department_id).into()]
        })
        .collect();
    let (reviewed, recommendation) = match &m.reviewed {
        Some((done, rec)) => (Some(done), rec.clone().or_else(|| c.review_note.clone())),
        None => (None, c.review_note.clone()),
    };
    Form::new(2, &d.title("申请受理表"), &d.number_line(), false)
        .fields(vec![
            vec![wide("项目建设单位", c.enterprise.name.as_str())],
            vec![
                field("统一社会信用代码", c.enterprise.credit_code.as_str()),
                field("单位地址", d.address.clone().unwrap_or_default()),
            ],
            project_row(c.project_name.as_str(), c.project_code.as_deref()),
            vec![
                field("所属行业（代码）", c.industry_code.as_str()),
                field("总投资", wan_yuan(c.total_investment_fen)),
            ],
            vec![
                field("建设地点", c.location.as_str()),
                field(
                    "投资协议签订日期",
                    c.agreement_signed_on.map(|d| d.format("%Y年%m月%d日").to_string()).unwrap_or_default(),
                ),
            ],
            vec![field("企业联络员", c.contact_name.as_str()), field("联系电话", mask_middle(&c.contact_phone))],
            vec![wide("项目简介", c.brief.as_str())],
            vec![
                field("申请日期", m.submitted.as_ref().map(|s| date(s.at)).unwrap_or_default()),
                field("项目编号", c.number.as_str()),
            ],
        ])
        .list("申请帮办代办事项", &[("序号", 1), ("审批事项", 6), ("审批部门", 3)], rows)
        .signatures(&["申请单位（盖章）", "负责人（签字）"])
        .fields(vec![
            vec![wide("投资促进局审核意见", Value::or_blank(recommendation))],
            vec![
                field("审核人", reviewed.and_then(|r| r.by.clone()).unwrap_or_default()),
                field("审核日期", reviewed.map(|r| date(r.at)).unwrap_or_default()),
            ],
            vec![
                field("签批人", m.accepted.as_ref().and_then(|a| a.by.clone()).unwrap_or_default()),
                field("受理日期", m.accepted.as_ref().map(|a| date(a.at)).unwrap_or_default()),
            ],
        ])
        .signatures(&["审核人（签字）", "主要领导（签字）"])
        .into_bytes()
}

/// 附件3 服务委托协议.
pub(super) fn agreement(d: &FormData) -> Result<Vec<u8>, AppError> {
    let c = &d.c;
    let mut items: Vec<_> = c.items.iter().filter(|i| i.planned).collect();
    if items.is_empty() {
        items = c.items.iter().collect();
    }
    items.sort_by_key(|i| i.position);
    let rows = items
        .iter()
        .map(|i| {
            vec![
                Value::from(i.position.to_string()),
                i.name.as_str().into(),
                d.department(i.department_id).into(),
                i.promised_limit.map(|l| l.to_string()).unwrap_or_default().into(),
            ]
        })
        .collect();
    Form::new(3, &d.title("委托协议"), &d.number_line(), false)
        .fields(vec![
            vec![wide("委托方（甲方）", c.enterprise.name.as_str())],
            vec![field("统一社会信用代码", c.enterprise.credit_code.as_str()), field("企业联络员", contact(d))],
            vec![wide("受托方（乙方）", format!("{}政务服务中心重大招商引资项目帮办代办服务专窗", d.county))],
            vec![
                field("牵头代办员", Value::or_blank(Some(team(d, TeamRole::LeadAgent)))),
                field("协议签订日期", Value::or_blank(d.m.agreement_signed.as_ref().map(|s| date(s.at)))),
            ],
            project_row(c.project_name.as_str(), c.project_code.as_deref()),
        ])
        .list("委托事项", &[("序号", 1), ("审批事项", 6), ("审批部门", 3), ("承诺时限", 2)], rows)
        .numbered("双方约定", &TERMS)
        .signatures(&["甲方（盖章）", "代表（签字）", "乙方（盖章）", "代办员（签字）"])
        .into_bytes()
}
