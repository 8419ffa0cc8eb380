//! Supervision notices (督办通知): the office chases a department, a case or a task sheet in
//! writing; the people concerned are notified.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use butler_domain::policy::{Action, Scope, authorize};
use butler_domain::role::Role;
use butler_persistence::repo::supervision::{self, NoticeFilter, SupervisionNoticeRow};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::dto::PageOut;
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::service::audit_trail::RequestMeta;
use crate::service::supervision::{self as service, IssueNotice};
use crate::state::AppState;

/// A supervision notice.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupervisionNoticeOut {
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

impl From<SupervisionNoticeRow> for SupervisionNoticeOut {
    fn from(n: SupervisionNoticeRow) -> Self {
        SupervisionNoticeOut {
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

/// A notice to issue: name at least one of a department, a case or a task sheet.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "sheet_id": "0193a0c2-0000-7000-8000-000000000003",
    "content": "“建设用地规划许可”已超承诺时限 3 个工作日，请于明日下班前办结并书面说明原因。"
}))]
pub struct SupervisionNoticeIn {
    /// The case chased.
    pub case_id: Option<Uuid>,
    /// The task sheet chased; its case and department are filled in.
    pub sheet_id: Option<Uuid>,
    /// The department chased.
    pub department_id: Option<Uuid>,
    /// What is asked, 1–2000 characters.
    #[validate(length(min = 1, max = 2000))]
    pub content: String,
}

/// Filters of the notice list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SupervisionNoticeQuery {
    /// Only notices to this department (department roles: always their own).
    pub department_id: Option<Uuid>,
    /// Only notices about this case.
    pub case_id: Option<Uuid>,
}

/// Issue a supervision notice (督办, office only).
///
/// A notice naming a department (or one of its sheets) notifies the department's leaders
/// and agents; one naming only a case notifies the case's butler team and the office.
#[utoipa::path(
    tag = "supervision",
    operation_id = "issueSupervisionNotice",
    request_body = SupervisionNoticeIn,
    responses(
        (status = 201, description = "Issued", body = SupervisionNoticeOut),
        (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No target, an unknown or inconsistent target, or invalid content", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/supervision-notices")]
pub async fn issue_supervision_notice(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<SupervisionNoticeIn>,
) -> Result<HttpResponse, ApiError> {
    let actor = auth.0;
    authorize(&actor, Action::IssueSupervisionNotice, Scope::tenant(actor.tenant_id))?;
    let body = body.0;
    let input = IssueNotice {
        case_id: body.case_id,
        sheet_id: body.sheet_id,
        department_id: body.department_id,
        content: body.content,
    };
    let issued = service::issue(&state, &actor, &RequestMeta::of(&req), input, state.clock.now()).await?;
    Ok(HttpResponse::Created().json(SupervisionNoticeOut::from(issued.notice)))
}

/// List supervision notices, newest first.
///
/// The office and supervisors see every notice; department agents and leaders see their
/// department's.
#[utoipa::path(
    tag = "supervision",
    operation_id = "listSupervisionNotices",
    params(PageParams, SupervisionNoticeQuery),
    responses(
        (status = 200, description = "A page of notices", body = PageOut<SupervisionNoticeOut>),
        (status = 403, description = "The role may not read notices, or not another department's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/supervision-notices")]
pub async fn list_supervision_notices(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<SupervisionNoticeQuery>,
) -> Result<web::Json<PageOut<SupervisionNoticeOut>>, ApiError> {
    let actor = auth.0;
    let mut filter = NoticeFilter { department_id: query.department_id, case_id: query.case_id };
    if matches!(actor.role, Role::DepartmentAgent | Role::DepartmentLeader) && filter.department_id.is_none() {
        filter.department_id = actor.department_id;
    }
    let scope = Scope { department_id: filter.department_id, ..Scope::tenant(actor.tenant_id) };
    authorize(&actor, Action::ListSupervisionNotices, scope)?;
    let page = supervision::list(&state.db, actor.tenant_id, &filter, page.request()?).await?;
    Ok(web::Json(PageOut::from_page(page, SupervisionNoticeOut::from)))
}
