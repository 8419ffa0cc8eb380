//! Request bodies into the application's commands: the one place the web's shapes meet the
//! use cases' (text trimmed, decisions as domain values).

use butler_app::commands as cmd;
use butler_domain::case::sheet::{Decision, SheetOutcome};

use crate::case_dto::*;
use crate::error::ApiError;
use crate::fields;

fn trimmed(text: &str) -> String {
    text.trim().to_owned()
}

impl From<RequestedItemIn> for cmd::RequestedItem {
    fn from(i: RequestedItemIn) -> Self {
        cmd::RequestedItem { catalog_item_id: i.catalog_item_id, name: i.name, department_id: i.department_id }
    }
}

/// An optional national project code of a request body, parsed (a refusal names `field`).
fn project_code(text: Option<&str>) -> Result<Option<cmd::ProjectCode>, ApiError> {
    text.map(|t| fields::parse_project_code("project_code", t)).transpose()
}

impl TryFrom<CaseIn> for cmd::Application {
    type Error = ApiError;

    fn try_from(c: CaseIn) -> Result<Self, ApiError> {
        Ok(cmd::Application {
            project_code: project_code(c.project_code.as_deref())?,
            enterprise_id: c.enterprise_id,
            project_name: c.project_name,
            industry_code: c.industry_code,
            total_investment_fen: c.total_investment_fen,
            location: c.location,
            agreement_signed_on: c.agreement_signed_on,
            brief: c.brief,
            contact_name: c.contact_name,
            contact_phone: c.contact_phone,
            items: c.items.into_iter().map(Into::into).collect(),
        })
    }
}

impl TryFrom<CasePatch> for cmd::ApplicationPatch {
    type Error = ApiError;

    fn try_from(p: CasePatch) -> Result<Self, ApiError> {
        Ok(cmd::ApplicationPatch {
            project_code: project_code(p.project_code.as_deref())?,
            project_name: p.project_name,
            industry_code: p.industry_code,
            total_investment_fen: p.total_investment_fen,
            location: p.location,
            agreement_signed_on: p.agreement_signed_on,
            brief: p.brief,
            contact_name: p.contact_name,
            contact_phone: p.contact_phone,
            items: p.items.map(|items| items.into_iter().map(Into::into).collect()),
        })
    }
}

impl From<ReviewIn> for cmd::Review {
    fn from(r: ReviewIn) -> Self {
        let p = r.policy_checks;
        cmd::Review {
            recommendation: trimmed(&r.recommendation),
            policy_checks: cmd::PolicyChecks {
                industrial: p.industrial,
                land: p.land,
                environmental: p.environmental,
                safety: p.safety,
                energy: p.energy,
            },
        }
    }
}

impl From<TeamIn> for cmd::Team {
    fn from(t: TeamIn) -> Self {
        cmd::Team {
            responsible_leader_id: t.responsible_leader_id,
            lead_agent_id: t.lead_agent_id,
            co_agent_ids: t.co_agent_ids,
        }
    }
}

impl From<MaterialIn> for cmd::Material {
    fn from(m: MaterialIn) -> Self {
        cmd::Material { name: m.name, required: m.required, may_be_missing: m.may_be_missing }
    }
}

impl From<MissingMaterialIn> for cmd::MissingMaterial {
    fn from(m: MissingMaterialIn) -> Self {
        cmd::MissingMaterial { name: m.name, committed_by: m.committed_by }
    }
}

impl From<PlanIn> for cmd::Plan {
    fn from(p: PlanIn) -> Self {
        cmd::Plan {
            items: p
                .items
                .into_iter()
                .map(|i| cmd::PlanItem {
                    catalog_item_id: i.catalog_item_id,
                    name: i.name,
                    department_id: i.department_id,
                    promised_limit: i.promised_limit,
                    legal_limit: i.legal_limit,
                    allows_commitment: i.allows_commitment,
                    max_extension_days: i.max_extension_days,
                    agent_id: i.agent_id,
                    prerequisites: i.prerequisites,
                    materials: i.materials.map(|m| m.into_iter().map(Into::into).collect()),
                    missing_materials: i.missing_materials.into_iter().map(Into::into).collect(),
                })
                .collect(),
        }
    }
}

impl From<EvaluationIn> for cmd::Evaluation {
    fn from(e: EvaluationIn) -> Self {
        cmd::Evaluation {
            declined: e.declined,
            level: e.level,
            comment: e.comment,
            departments: e
                .departments
                .into_iter()
                .map(|d| cmd::DepartmentEvaluation {
                    department_id: d.department_id,
                    level: d.level,
                    comment: d.comment,
                })
                .collect(),
        }
    }
}

impl From<FollowUpIn> for cmd::FollowUpPlan {
    fn from(f: FollowUpIn) -> Self {
        cmd::FollowUpPlan { scheduled_for: f.scheduled_for, method: f.method }
    }
}

impl From<ResultNoticeIn> for cmd::ResultNotice {
    fn from(r: ResultNoticeIn) -> Self {
        cmd::ResultNotice { channel: r.channel, note: r.note }
    }
}

impl From<FinishIn> for cmd::TaskCommand {
    fn from(f: FinishIn) -> Self {
        let reason = f.reason.unwrap_or_default();
        let document_number = f.document_number.unwrap_or_default();
        match f.outcome {
            SheetOutcome::Approved if f.on_commitment => cmd::TaskCommand::ApproveOnCommitment { document_number },
            SheetOutcome::Approved => cmd::TaskCommand::Finish(Decision::Approved { document_number }),
            SheetOutcome::NotApproved => cmd::TaskCommand::Finish(Decision::NotApproved { reason }),
            SheetOutcome::Withdrawn => cmd::TaskCommand::Finish(Decision::Withdrawn { reason }),
        }
    }
}

impl From<CorrectionIn> for cmd::TaskCommand {
    fn from(c: CorrectionIn) -> Self {
        cmd::TaskCommand::RequestCorrection { reason: trimmed(&c.reason), materials: c.materials }
    }
}

impl From<SuppliedMaterialsIn> for cmd::TaskCommand {
    fn from(m: SuppliedMaterialsIn) -> Self {
        cmd::TaskCommand::SupplyMissingMaterials { names: m.names }
    }
}

impl From<ExtensionIn> for cmd::TaskCommand {
    fn from(e: ExtensionIn) -> Self {
        cmd::TaskCommand::Extend { working_days: e.working_days, reason: trimmed(&e.reason) }
    }
}

impl From<RedispatchIn> for cmd::TaskCommand {
    fn from(r: RedispatchIn) -> Self {
        cmd::TaskCommand::Redispatch { department_id: r.department_id }
    }
}

impl From<TransferIn> for cmd::TaskCommand {
    fn from(t: TransferIn) -> Self {
        cmd::TaskCommand::Transfer { to_user_id: t.to_user_id }
    }
}

/// The reason of a command that needs one, trimmed.
pub fn reason(r: ReasonIn) -> String {
    trimmed(&r.reason)
}
