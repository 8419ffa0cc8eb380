//! Supervision notices (督办通知): the office chases a department, a case or one task sheet
//! in writing; the notice and its notifications are written in one transaction. And the
//! notices listed, newest first (department roles: their own department's).
//!
//! **Who is told.** When the notice names a department (directly or through its sheet):
//! that department's leaders and agents. When it names only a case: the case's butler team,
//! its responsible leader and lead agent, and the office. Never the issuer.

use butler_domain::audit::AuditAction;
use butler_domain::case::event_action::EventAction;
use butler_domain::notice::{KeyIds, ProjectRef, Supervised, supervision_notice};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::role::Role;
use butler_persistence::StoreError;
use butler_persistence::entity::case::Model as CaseRow;
use butler_persistence::repo::departments;
use butler_persistence::repo::supervision::{self, NewSupervisionNotice, NoticeFilter, SupervisionNoticeRow};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::audit_trail::{self, RequestMeta};
use crate::Context;
use crate::effects;
use crate::error::{AppError, FieldError};
use crate::paging::{Page, PageRequest};

/// Longest notice, in characters.
pub const CONTENT_MAX_CHARS: usize = 2000;

/// What the office asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueNotice {
    pub case_id: Option<Uuid>,
    pub sheet_id: Option<Uuid>,
    pub department_id: Option<Uuid>,
    pub content: String,
}

/// A supervision notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupervisionNotice {
    pub id: Uuid,
    /// The case chased (also set when the notice names one of its sheets).
    pub case_id: Option<Uuid>,
    /// The task sheet chased.
    pub sheet_id: Option<Uuid>,
    /// The department chased (also set when the notice names one of its sheets).
    pub department_id: Option<Uuid>,
    /// The office user who issued it.
    pub issued_by: Uuid,
    pub content: String,
    pub created_at: DateTime<Utc>,
}

impl From<SupervisionNoticeRow> for SupervisionNotice {
    fn from(n: SupervisionNoticeRow) -> Self {
        SupervisionNotice {
            id: n.id,
            case_id: n.case_id,
            sheet_id: n.sheet_id,
            department_id: n.department_id,
            issued_by: n.issued_by,
            content: n.content,
            created_at: n.created_at,
        }
    }
}

/// A notice as issued, with how many people were told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub notice: SupervisionNotice,
    pub notified: usize,
}

/// Which notices a listing holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoticeQuery {
    /// Only notices to this department (department roles: their own when they name none).
    pub department_id: Option<Uuid>,
    /// Only notices about this case.
    pub case_id: Option<Uuid>,
}

fn unknown(field: &str, code: &str, zh: &str, en: &str) -> FieldError {
    FieldError::new(field, code, zh, en)
}

/// The checked targets of a notice.
struct Targets {
    case: Option<CaseRow>,
    sheet_id: Option<Uuid>,
    department_id: Option<Uuid>,
    content: String,
}

/// Checks the targets against the tenant's records and fills in the case and department a
/// sheet belongs to, reporting every field error at once.
async fn resolve(ctx: &Context, tenant_id: Uuid, input: &IssueNotice) -> Result<Targets, AppError> {
    let mut errors = Vec::new();
    let content = input.content.trim().to_owned();
    if content.is_empty() {
        errors.push(unknown("content", "required", "必填项", "must not be empty"));
    } else if content.chars().count() > CONTENT_MAX_CHARS {
        errors.push(FieldError::new(
            "content",
            "length",
            format!("不能超过 {CONTENT_MAX_CHARS} 个字符"),
            format!("must be at most {CONTENT_MAX_CHARS} characters"),
        ));
    }
    if input.case_id.is_none() && input.sheet_id.is_none() && input.department_id.is_none() {
        errors.push(unknown(
            "department_id",
            "target_required",
            "请指定督办的部门、项目或任务单",
            "name a department, a case or a task sheet",
        ));
    }
    let mut case_id = input.case_id;
    let mut department_id = input.department_id;
    if let Some(sheet_id) = input.sheet_id {
        match supervision::sheet_of(&ctx.db, tenant_id, sheet_id).await {
            Ok(sheet) => {
                if input.case_id.is_some_and(|c| c != sheet.case_id) {
                    errors.push(unknown(
                        "sheet_id",
                        "sheet_not_in_case",
                        "该任务单不属于所选项目",
                        "the sheet is not of that case",
                    ));
                }
                if input.department_id.is_some_and(|d| d != sheet.department_id) {
                    errors.push(unknown(
                        "sheet_id",
                        "sheet_not_in_department",
                        "该任务单不属于所选部门",
                        "the sheet is not of that department",
                    ));
                }
                case_id = Some(sheet.case_id);
                department_id = Some(sheet.department_id);
            }
            Err(StoreError::NotFound) => {
                errors.push(unknown("sheet_id", "unknown_sheet", "没有这个任务单", "no such task sheet"))
            }
            Err(e) => return Err(e.into()),
        }
    }
    let case = match case_id {
        Some(id) => match supervision::case_of(&ctx.db, tenant_id, id).await {
            Ok(c) => Some(c),
            Err(StoreError::NotFound) => {
                errors.push(unknown("case_id", "unknown_case", "没有这个项目", "no such case"));
                None
            }
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    if let Some(id) = input.department_id {
        match departments::get(&ctx.db, tenant_id, id).await {
            Ok(_) => {}
            Err(StoreError::NotFound) => {
                errors.push(unknown("department_id", "unknown_department", "没有这个部门", "no such department"))
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(Targets { case, sheet_id: input.sheet_id, department_id, content })
}

/// Issues a notice (office only) and tells the people it concerns.
pub async fn issue(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    input: IssueNotice,
    now: DateTime<Utc>,
) -> Result<Issued, AppError> {
    authorize(actor, Action::IssueSupervisionNotice, Scope::tenant(actor.tenant_id))?;
    let tenant_id = actor.tenant_id;
    let Targets { case, sheet_id, department_id, content } = resolve(ctx, tenant_id, &input).await?;
    if let Some(c) = &case {
        crate::cases::writable(c, butler_domain::case::frozen::CaseWrite::Supervision)?;
    }

    let department = match department_id {
        Some(id) => Some(departments::get(&ctx.db, tenant_id, id).await?),
        None => None,
    };
    let project = case.as_ref().map(|c| ProjectRef { name: c.project_name.clone(), number: c.number.clone() });
    let supervised = match (&department, &case) {
        (Some(d), _) => Supervised::Department { department_id: d.id, name: d.short_name.clone(), project },
        (None, Some(c)) => Supervised::Case {
            project: project.unwrap_or_else(|| ProjectRef { name: c.project_name.clone(), number: c.number.clone() }),
            responsible_leader_id: c.responsible_leader_id,
            lead_agent_id: c.lead_agent_id,
        },
        // `resolve` names a department or a case, or refuses the notice.
        (None, None) => {
            return Err(AppError::field(
                "department_id",
                "target_required",
                "请指定督办的部门、项目或任务单",
                "name a department, a case or a task sheet",
            ));
        }
    };
    let mut decided = supervision_notice(supervised, &content, actor.user_id);
    // A notice about a task sheet points at it.
    decided.on_sheet = sheet_id.is_some();
    let team = match &case {
        Some(c) => supervision::team_members(&ctx.db, c.id).await?,
        None => Vec::new(),
    };

    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let notice = supervision::create(
        &txn,
        tenant_id,
        NewSupervisionNotice {
            case_id: case.as_ref().map(|c| c.id),
            sheet_id,
            department_id,
            issued_by: actor.user_id,
            content: content.clone(),
        },
        now,
    )
    .await?;
    let scope = effects::Scope {
        tenant_id,
        case_id: notice.case_id,
        enterprise_id: case.as_ref().map(|c| c.enterprise_id),
        team: &team,
        sheet_id,
    };
    let ids = KeyIds { record_id: Some(notice.id), ..KeyIds::default() };
    let notified = effects::deliver(&txn, &scope, std::slice::from_ref(&decided), ids, now).await?;
    audit_trail::record(
        &txn,
        meta,
        actor,
        AuditAction::SupervisionNoticeIssued,
        serde_json::json!({
            "notice_id": notice.id,
            "case_id": notice.case_id,
            "sheet_id": notice.sheet_id,
            "department_id": notice.department_id,
            "notified": notified,
        }),
        now,
    )
    .await?;
    // 督办 on a case is part of its file (一事一档).
    if let Some(c) = &case {
        let head = butler_persistence::repo::history::ChainHead { length: c.chain_length, hash: c.chain_head.clone() };
        let event = butler_persistence::repo::history::NewEvent {
            actor_id: Some(actor.user_id),
            action: EventAction::SupervisionNotice,
            sheet_id,
            from_state: None,
            to_state: None,
            payload: serde_json::json!({"notice_id": notice.id.to_string(), "department_id": department_id.map(|d| d.to_string()), "content": content}),
        };
        butler_persistence::repo::history::append(&txn, tenant_id, c.id, &head, vec![event], now).await.map_err(
            |e| match e {
                StoreError::Conflict(_) => AppError::Conflict("the case history moved on".into()),
                other => other.into(),
            },
        )?;
    }
    txn.commit().await.map_err(AppError::internal)?;
    Ok(Issued { notice: notice.into(), notified })
}

/// A page of notices, newest first: the office and supervisors read every one, department
/// agents and leaders their department's.
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    query: NoticeQuery,
    page: PageRequest,
) -> Result<Page<SupervisionNotice>, AppError> {
    let mut filter = NoticeFilter { department_id: query.department_id, case_id: query.case_id };
    if matches!(actor.role, Role::DepartmentAgent | Role::DepartmentLeader) && filter.department_id.is_none() {
        filter.department_id = actor.department_id;
    }
    let scope = Scope { department_id: filter.department_id, ..Scope::tenant(actor.tenant_id) };
    authorize(actor, Action::ListSupervisionNotices, scope)?;
    let page = supervision::list(&ctx.db, actor.tenant_id, &filter, page.checked()?).await?;
    Ok(Page::from(page).map(SupervisionNotice::from))
}
