//! 附件6 中介超市服务招商引资重大项目事项清单: the case's intermediary services, one row per
//! engagement in force (the chosen agency, who chose it, the delivery and the result, the
//! rating), in the county's form layout. Read like the case.

use butler_domain::intermediary::engagement::EngagementState;
use butler_domain::policy::Actor;
use butler_persistence::repo::{enterprises, tenants};
use uuid::Uuid;

use super::docx::{Form, Value, field, project_row, wide};
use super::{DOCX, RenderedFile, date};
use crate::Context;
use crate::cases::{check_visible, load};
use crate::error::AppError;
use crate::intermediaries::engagements;

/// The case's 附件6 as a Word file.
pub async fn intermediary_form(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<RenderedFile, AppError> {
    let b = load(&ctx.db, actor.tenant_id, case_id).await?;
    check_visible(actor, &b)?;
    let list = engagements::list(ctx, actor, case_id).await?;
    let county = tenants::get(&ctx.db, actor.tenant_id).await?.name;
    let enterprise = enterprises::get(&ctx.db, actor.tenant_id, b.case.enterprise_id).await?;
    let c = &b.case;
    let title = format!("{county}中介超市服务招商引资重大项目事项清单");
    let rows: Vec<Vec<Value>> = list
        .iter()
        .filter(|e| e.state != EngagementState::Replaced)
        .enumerate()
        .map(|(i, e)| {
            let chosen = match &e.on_behalf_note {
                Some(note) => format!("{}（代为录入：{note}）", date(e.chosen_at)),
                None => format!("{}（企业自主选择）", date(e.chosen_at)),
            };
            let delivery = format!(
                "承诺：{}\n实际：{}",
                e.promised_delivery.map(|d| d.to_string()).unwrap_or_default(),
                e.actual_delivery.map(|d| d.to_string()).unwrap_or_default()
            );
            let result = match (&e.report_name, &e.report_number) {
                (Some(name), Some(number)) => {
                    format!("{name}（{number}）\n{}", e.conclusion.clone().unwrap_or_default())
                }
                _ => String::new(),
            };
            vec![
                Value::from((i + 1).to_string()),
                Value::from(e.item_name.clone()),
                Value::from(format!("{}\n{}", e.agency_name, e.agency_credit_code)),
                Value::from(e.service_name.clone()),
                Value::from(chosen),
                Value::from(delivery),
                Value::from(result),
                Value::from(e.rating.map(|r| r.name_zh().to_owned()).unwrap_or_default()),
            ]
        })
        .collect();
    let bytes = Form::new(6, &title, &format!("项目编号：{}", c.number), true)
        .fields(vec![
            project_row(c.project_name.as_str(), c.project_code.as_deref()),
            vec![wide("项目建设单位", enterprise.name.as_str())],
            vec![
                field("统一社会信用代码", enterprise.credit_code.as_str()),
                field("企业联络员", c.contact_name.as_str()),
            ],
        ])
        .list(
            "中介服务事项",
            &[
                ("序号", 1),
                ("审批事项", 4),
                ("中介机构及统一社会信用代码", 5),
                ("中介服务", 4),
                ("选择日期及方式", 4),
                ("交付日期", 3),
                ("成果及结论", 5),
                ("企业评价", 2),
            ],
            rows,
        )
        .text("中介机构由企业自主选择，不得指定；中介服务费用由企业与中介机构协商，帮办代办服务免费。")
        .signatures(&["企业（盖章）", "项目管家（签字）"])
        .into_bytes()?;
    Ok(RenderedFile {
        file_name: format!("附件6-中介超市服务事项清单-{}.docx", c.number), content_type: DOCX, bytes
    })
}
