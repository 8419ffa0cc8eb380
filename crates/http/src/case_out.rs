//! The application's case and task views as the contract shows them.

use butler_app::cases::view::{CaseSummary, CaseView, ItemView};
use butler_app::tasks::{MissingMaterial, TaskView};
use butler_domain::text::mask_middle;

use crate::case_dto::*;
use crate::dto::EnterpriseRef;
use crate::routes::items::TimeLimitOut;

fn missing(m: MissingMaterial) -> MissingMaterialOut {
    MissingMaterialOut { name: m.name, committed_by: m.committed_by, supplied_at: m.supplied_at }
}

impl From<TaskView> for TaskOut {
    fn from(t: TaskView) -> Self {
        TaskOut {
            id: t.id,
            case_id: t.case_id,
            case_number: t.case_number,
            project_name: t.project_name,
            case_item_id: t.case_item_id,
            item_name: t.item_name,
            kind: t.kind,
            department_id: t.department_id,
            assignee_id: t.assignee_id,
            assignee_name: t.assignee_name,
            state: t.state,
            version: t.version,
            dispatched_at: t.dispatched_at,
            acknowledge_by: t.acknowledge_by,
            acknowledged_at: t.acknowledged_at,
            finish_by: t.finish_by,
            overdue: t.overdue,
            pauses: t.pauses.into_iter().map(|p| PauseOut { start: p.start, end: p.end, reason: p.reason }).collect(),
            paused_office_minutes: t.paused_office_minutes,
            extension_working_days: t.extension_working_days,
            missing_materials: t.missing_materials.into_iter().map(missing).collect(),
            outcome: t.outcome,
            document_number: t.document_number,
            outcome_reason: t.outcome_reason,
            approved_on_commitment: t.approved_on_commitment,
            closed_at: t.closed_at,
            result_notice_channel: t.result_notice_channel,
            result_noticed_at: t.result_noticed_at,
            result_file_id: t.result_file_id,
            allowed_actions: t.allowed_actions,
            critical: t.critical,
            holds_up_working_days: t.holds_up_working_days,
        }
    }
}

impl From<ItemView> for CaseItemOut {
    fn from(i: ItemView) -> Self {
        CaseItemOut {
            id: i.id,
            position: i.position,
            name: i.name,
            department_id: i.department_id,
            catalog_item_id: i.catalog_item_id,
            catalog_version: i.catalog_version,
            stage: i.stage,
            legal_limit: i.legal_limit.map(TimeLimitOut::from),
            promised_limit: i.promised_limit.map(TimeLimitOut::from),
            allows_commitment: i.allows_commitment,
            max_extension_days: i.max_extension_days,
            agent_id: i.agent_id,
            prerequisites: i.prerequisites,
            materials: i
                .materials
                .into_iter()
                .map(|m| CaseMaterialOut { name: m.name, required: m.required, may_be_missing: m.may_be_missing })
                .collect(),
            missing_materials: i.missing_materials.into_iter().map(missing).collect(),
            planned: i.planned,
            forecast_start: i.forecast_start,
            forecast_end: i.forecast_end,
        }
    }
}

impl From<CaseView> for CaseOut {
    fn from(c: CaseView) -> Self {
        CaseOut {
            id: c.id,
            number: c.number,
            state: c.state,
            version: c.version,
            enterprise: EnterpriseRef {
                id: c.enterprise.id,
                name: c.enterprise.name,
                credit_code: c.enterprise.credit_code,
            },
            project_name: c.project_name,
            industry_code: c.industry_code,
            total_investment_fen: c.total_investment_fen,
            location: c.location,
            project_code: c.project_code,
            agreement_signed_on: c.agreement_signed_on,
            brief: c.brief,
            contact_name: c.contact_name,
            contact_phone_masked: mask_middle(&c.contact_phone),
            reviewer_id: c.reviewer_id,
            review_note: c.review_note,
            accepter_id: c.accepter_id,
            team: c
                .team
                .into_iter()
                .map(|m| TeamMemberOut {
                    user_id: m.user_id,
                    display_name: m.display_name,
                    team_role: m.role,
                    department_id: m.department_id,
                })
                .collect(),
            items: c.items.into_iter().map(Into::into).collect(),
            tasks: c.tasks.into_iter().map(Into::into).collect(),
            notification_text: c.notification_text,
            documents_handed_over_at: c.documents_handed_over_at,
            enterprise_confirmed_at: c.enterprise_confirmed_at,
            evaluation_status: c.evaluation_status,
            closing_reason: c.closing_reason,
            forecast_end: c.forecast_end,
            forecast_working_days: c.forecast_working_days,
            critical_path: c.critical_path.into(),
            allowed_actions: c.allowed_actions,
            aftercare_actions: c.aftercare_actions,
            conditions: c.conditions.map(|all| all.into_iter().map(Into::into).collect()),
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

impl From<CaseSummary> for CaseSummaryOut {
    fn from(c: CaseSummary) -> Self {
        CaseSummaryOut {
            id: c.id,
            number: c.number,
            state: c.state,
            version: c.version,
            enterprise_id: c.enterprise_id,
            project_name: c.project_name,
            project_code: c.project_code,
            total_investment_fen: c.total_investment_fen,
            step_due_at: c.step_due_at,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}
