//! Cases: the application, acceptance, team, plan, entrustment, completion or termination,
//! evaluation, follow-up, archive, and the tamper-evident history.

use actix_web::http::header::{ETAG, HeaderValue};
use actix_web::{HttpResponse, get, patch, post, web};
use butler_domain::case::lifecycle::CaseState;
use butler_domain::policy::Actor;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::case_dto::*;
use crate::commands;
use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::extract_headers::IfMatch;
use crate::state::AppState;
use butler_app::cases::{self as svc, CaseBundle};
use butler_app::commands::CaseCommand;

fn with_etag(mut res: HttpResponse, version: i32) -> HttpResponse {
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        res.headers_mut().insert(ETAG, v);
    }
    res
}

/// Answers the case as `actor` sees it now, with its version as the `ETag`.
async fn respond(state: &AppState, actor: &Actor, b: CaseBundle) -> Result<HttpResponse, ApiError> {
    let view = svc::view::view(&state.app, actor, b).await?;
    let version = view.version;
    Ok(with_etag(HttpResponse::Ok().json(CaseOut::from(view)), version))
}

/// Filters of the case list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseQuery {
    /// Only cases in this state.
    #[param(value_type = Option<CaseState>)]
    pub state: Option<String>,
    /// Text in the case number, the project name or the national project code (with or
    /// without hyphens).
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Only the case with this national project code (with or without hyphens).
    pub project_code: Option<String>,
}

impl CaseQuery {
    /// The query as the application takes it; an unknown state or an invalid project code is
    /// a field error.
    pub fn parsed(&self) -> Result<svc::view::CaseListQuery, ApiError> {
        let state = match self.state.as_deref() {
            Some(text) => Some(
                text.parse::<CaseState>()
                    .map_err(|_| ApiError::field("state", "unknown_state", "没有这个状态", "no such state"))?,
            ),
            None => None,
        };
        let search = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(str::to_owned);
        if search.as_ref().is_some_and(|q| q.chars().count() > 100) {
            return Err(ApiError::field("q", "length", "不能超过 100 个字符", "must be at most 100 characters"));
        }
        let project_code = self
            .project_code
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .map(|c| crate::fields::parse_project_code("project_code", c))
            .transpose()?;
        Ok(svc::view::CaseListQuery { state, search, project_code })
    }
}

/// Create an application (申请受理表).
///
/// Starts in `draft`. Send an `Idempotency-Key` to make retries safe: a repeated request
/// answers what the first one answered and creates nothing new. When the server stopped after
/// the first one was carried out but before it answered, a retry answers 409 and creates
/// nothing (the case is in `listCases`).
#[utoipa::path(
    tag = "cases",
    operation_id = "createCase",
    request_body = CaseIn,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request create nothing new")),
    responses(
        (status = 201, description = "Created", body = CaseOut, headers(("ETag" = String, description = "The case's version"))),
        (status = 403, description = "The role may not apply", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A request with this Idempotency-Key is still running, or was carried out by a server that stopped before answering", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or the key reused for another request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases")]
pub async fn create_case(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: ValidatedJson<CaseIn>,
) -> Result<HttpResponse, ApiError> {
    let b = svc::create(&state.app, &auth.0, &body.0.try_into()?).await?;
    let view = svc::view::view(&state.app, &auth.0, b).await?;
    let version = view.version;
    Ok(with_etag(HttpResponse::Created().json(CaseOut::from(view)), version))
}

/// Read a case with its team, plan (roadmap), task sheets and allowed actions.
#[utoipa::path(
    tag = "cases",
    operation_id = "getCase",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The case", body = CaseOut, headers(("ETag" = String, description = "The case's version"))),
        (status = 404, description = "No such case for this caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cases/{id}")]
pub async fn get_case(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let view = svc::view::get(&state.app, &auth.0, id.into_inner()).await?;
    let version = view.version;
    Ok(with_etag(HttpResponse::Ok().json(CaseOut::from(view)), version))
}

/// List cases the caller may see.
///
/// An enterprise sees its own; a department the cases it has items in. `q` searches the
/// number, the project name and the national project code; `project_code` finds one case.
#[utoipa::path(
    tag = "cases",
    operation_id = "listCases",
    params(PageParams, CaseQuery),
    responses((status = 200, description = "A page of cases", body = PageOut<CaseSummaryOut>))
)]
#[get("/cases")]
pub async fn list_cases(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<CaseQuery>,
) -> Result<web::Json<PageOut<CaseSummaryOut>>, ApiError> {
    let wanted = query.parsed()?;
    let page = svc::view::list(&state.app, &auth.0, &wanted, &page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, CaseSummaryOut::from)))
}

/// Edit a draft application.
#[utoipa::path(
    tag = "cases",
    operation_id = "updateCase",
    request_body = CasePatch,
    params(("id" = Uuid, Path, description = "The case's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    responses(
        (status = 200, description = "Updated", body = CaseOut),
        (status = 409, description = "Not a draft", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/cases/{id}")]
pub async fn update_case(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<CasePatch>,
) -> Result<HttpResponse, ApiError> {
    let b = svc::update(&state.app, &auth.0, id.into_inner(), if_match.0, &body.0.try_into()?).await?;
    respond(&state, &auth.0, b).await
}

/// Set or change the national project code (一项一码), with a reason.
///
/// The window agent or the investment officer, on a case that is not closed; recorded in the
/// case's history (`project_code_set`). The enterprise enters it on its draft application.
#[utoipa::path(
    tag = "cases",
    operation_id = "setProjectCode",
    request_body = ProjectCodeIn,
    params(("id" = Uuid, Path, description = "The case's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    responses(
        (status = 200, description = "Set; the case as it is now", body = CaseOut),
        (status = 403, description = "The role may not set it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case for this caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The case is closed, or another case of the county has this code", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a valid project code (names what is wrong, e.g. the check digit)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{id}/project-code")]
pub async fn set_project_code(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<ProjectCodeIn>,
) -> Result<HttpResponse, ApiError> {
    let code = crate::fields::parse_project_code("project_code", &body.0.project_code)?;
    let b = svc::set_project_code(&state.app, &auth.0, id.into_inner(), if_match.0, &code, &body.0.reason).await?;
    respond(&state, &auth.0, b).await
}

macro_rules! transition {
    ($fn_name:ident, $op:literal, $path:literal, $summary:literal, $desc:literal, none, $cmd:expr) => {
        #[doc = $summary]
        #[doc = ""]
        #[doc = $desc]
        #[utoipa::path(
            tag = "cases",
            operation_id = $op,
            params(("id" = Uuid, Path, description = "The case's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
            responses(
                (status = 200, description = "Done; the case as it is now", body = CaseOut),
                (status = 403, description = "The role may not do this", body = Problem, content_type = "application/problem+json"),
                (status = 404, description = "No such case for this caller", body = Problem, content_type = "application/problem+json"),
                (status = 409, description = "Not possible in the current state (names it and the possible actions), or a precondition is unmet", body = Problem, content_type = "application/problem+json"),
                (status = 412, description = "The case changed since it was read", body = Problem, content_type = "application/problem+json"),
            )
        )]
        #[post($path)]
        pub async fn $fn_name(
            state: web::Data<AppState>,
            auth: Authenticated,
            id: web::Path<Uuid>,
            if_match: IfMatch,
        ) -> Result<HttpResponse, ApiError> {
            let b = svc::run(&state.app, &auth.0, id.into_inner(), if_match.0, $cmd).await?;
            respond(&state, &auth.0, b).await
        }
    };
    ($fn_name:ident, $op:literal, $path:literal, $summary:literal, $desc:literal, $body:ty, $cmd:expr) => {
        #[doc = $summary]
        #[doc = ""]
        #[doc = $desc]
        #[utoipa::path(
            tag = "cases",
            operation_id = $op,
            request_body = $body,
            params(("id" = Uuid, Path, description = "The case's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
            responses(
                (status = 200, description = "Done; the case as it is now", body = CaseOut),
                (status = 403, description = "The role may not do this", body = Problem, content_type = "application/problem+json"),
                (status = 404, description = "No such case for this caller", body = Problem, content_type = "application/problem+json"),
                (status = 409, description = "Not possible in the current state (names it and the possible actions), or a precondition is unmet", body = Problem, content_type = "application/problem+json"),
                (status = 412, description = "The case changed since it was read", body = Problem, content_type = "application/problem+json"),
                (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
            )
        )]
        #[post($path)]
        pub async fn $fn_name(
            state: web::Data<AppState>,
            auth: Authenticated,
            id: web::Path<Uuid>,
            if_match: IfMatch,
            body: ValidatedJson<$body>,
        ) -> Result<HttpResponse, ApiError> {
            let b = svc::run(&state.app, &auth.0, id.into_inner(), if_match.0, ($cmd)(body.0)).await?;
            respond(&state, &auth.0, b).await
        }
    };
}

transition!(
    submit_case,
    "submitCase",
    "/cases/{id}/submit",
    "Submit the application.",
    "The enterprise or the investment officer; investment must reach the county's threshold.",
    none,
    CaseCommand::Submit
);
transition!(
    return_case,
    "returnCase",
    "/cases/{id}/return",
    "Return for revision, with a reason.",
    "The officer returns a submitted application to draft; the enterprise returns a proposed plan to the team.",
    ReasonIn,
    |r| CaseCommand::ReturnForRevision { reason: commands::reason(r) }
);
transition!(
    review_case,
    "reviewCase",
    "/cases/{id}/review",
    "Review the application (初审).",
    "The investment officer checks the policies and recommends acceptance to the leader.",
    ReviewIn,
    |r: ReviewIn| CaseCommand::Review(r.into())
);
transition!(
    accept_case,
    "acceptCase",
    "/cases/{id}/accept",
    "Accept the case (受理, leader's sign-off).",
    "An investment leader who is not the reviewer (four eyes). The office must form the team within 1 working day.",
    none,
    CaseCommand::Accept
);
transition!(
    reject_case,
    "rejectCase",
    "/cases/{id}/reject",
    "Refuse acceptance, with a reason.",
    "The leader's refusal; the enterprise is told why.",
    ReasonIn,
    |r| CaseCommand::Reject { reason: commands::reason(r) }
);
transition!(
    form_team,
    "formTeam",
    "/cases/{id}/team",
    "Form the butler team (项目管家).",
    "The office names a responsible leader, a lead agent and a qualified co-agent for each department of the items.",
    TeamIn,
    |t: TeamIn| CaseCommand::FormTeam(t.into())
);
transition!(
    propose_plan,
    "proposePlan",
    "/cases/{id}/plan",
    "Propose the service plan (服务方案).",
    "Items (catalog versions pinned, or off-catalog), limits (promise ≤ law), agents, and acyclic dependencies; within 1 working day of team formation.",
    PlanIn,
    |p: PlanIn| CaseCommand::ProposePlan(p.into())
);
transition!(
    agree_plan,
    "agreePlan",
    "/cases/{id}/plan/agree",
    "Agree to the plan (the enterprise).",
    "The enterprise accepts the proposed plan.",
    none,
    CaseCommand::AgreePlan
);
transition!(
    sign_agreement,
    "signAgreement",
    "/cases/{id}/agreement",
    "Sign the entrustment agreement (委托协议) at the window.",
    "Records the one-time written notification (一次性告知), generated from the plan unless given, and sends it to the enterprise.",
    AgreementIn,
    |a: AgreementIn| CaseCommand::SignAgreement { notification_text: a.notification_text }
);
transition!(
    dispatch_tasks,
    "dispatchTasks",
    "/cases/{id}/dispatch",
    "Dispatch the task sheets (专窗吹哨).",
    "Every item without unfinished prerequisites gets its sheet at once (parallel approval); the others follow by themselves when their prerequisites are approved.",
    none,
    CaseCommand::StartService
);
transition!(
    complete_case,
    "completeCase",
    "/cases/{id}/complete",
    "Complete the service (办结单).",
    "All sheets finished; records the documents handed over. The enterprise then confirms.",
    CompletionIn,
    |c: CompletionIn| CaseCommand::Complete { handed_over_documents: c.handed_over_documents }
);
transition!(
    terminate_case,
    "terminateCase",
    "/cases/{id}/terminate",
    "Terminate the service (终止单), with a reason.",
    "Open sheets are cancelled; the enterprise then confirms.",
    ReasonIn,
    |r| CaseCommand::Terminate { reason: commands::reason(r) }
);
transition!(
    confirm_case,
    "confirmCase",
    "/cases/{id}/confirm",
    "Confirm the completion or termination form (the enterprise).",
    "The enterprise's signature on 办结单 or 终止单.",
    none,
    CaseCommand::Confirm
);
transition!(
    evaluate_case,
    "evaluateCase",
    "/cases/{id}/evaluation",
    "Evaluate the service (满意度评价), or decline to.",
    "Five levels for the case and per department; a bad one opens a rectification due in 15 working days.",
    EvaluationIn,
    |e: EvaluationIn| CaseCommand::Evaluate(e.into())
);
transition!(
    archive_case,
    "archiveCase",
    "/cases/{id}/archive",
    "Archive the file (一事一档).",
    "Refused with the list of what the dossier lacks until it is complete; an archived case is read-only.",
    none,
    CaseCommand::Archive
);
transition!(
    reopen_case,
    "reopenCase",
    "/cases/{id}/reopen",
    "Reopen a closed case, with a reason (office).",
    "The only way to change a closed case; it returns to the state before closing, and the history records why.",
    ReasonIn,
    |r| CaseCommand::Reopen { reason: commands::reason(r) }
);
