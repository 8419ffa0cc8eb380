//! Cases: the application, acceptance, team, plan, entrustment, completion or termination,
//! evaluation, follow-up, archive, and the tamper-evident history.

use actix_web::http::header::{ETAG, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use butler_domain::case::aftercare::{self, AftercareAction};
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use butler_domain::text::mask_middle;
use butler_domain::time_limit::TimeLimit;
use butler_persistence::repo::{deadlines, enterprises, evaluations, history as history_repo, users};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::case_dto::*;
use crate::commands;
use crate::dto::{EnterpriseRef, PageOut};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::extract_headers::IfMatch;
use crate::routes::items::TimeLimitOut;
use crate::state::AppState;
use butler_app::cases::{self as svc, CaseBundle};
use butler_app::commands::CaseCommand;

fn limit(text: Option<&str>) -> Option<TimeLimitOut> {
    text.and_then(|t| TimeLimit::parse(t).ok().flatten()).map(TimeLimitOut::from)
}

/// Renders a case for `actor`.
pub async fn case_out(state: &AppState, actor: &Actor, b: CaseBundle) -> Result<CaseOut, ApiError> {
    let enterprise = enterprises::get(&state.app.db, b.case.tenant_id, b.case.enterprise_id).await?;
    let cal = svc::calendar(&state.app, b.case.tenant_id).await?;
    let now = state.app.clock.now();
    let forecast = svc::forecast(&b, &cal, now);
    // The team and the sheets' holders, in one lookup.
    let member_ids: Vec<Uuid> =
        b.team.iter().map(|m| m.user_id).chain(b.sheets.iter().filter_map(|s| s.assignee_id)).collect();
    let names = users::display_names(&state.app.db, b.case.tenant_id, &member_ids).await?;
    let items: Vec<CaseItemOut> = b
        .items
        .iter()
        .map(|i| CaseItemOut {
            id: i.id,
            position: i.position,
            name: i.name.clone(),
            department_id: i.department_id,
            catalog_item_id: i.catalog_item_id,
            catalog_version: i.catalog_version,
            stage: i.stage.map(|s| s.to_string()),
            legal_limit: limit(i.legal_limit.as_deref()),
            promised_limit: limit(i.promised_limit.as_deref()),
            allows_commitment: i.allows_commitment,
            max_extension_days: i.max_extension_days,
            agent_id: i.agent_id,
            prerequisites: svc::prerequisite_ids(i),
            materials: serde_json::from_value(i.materials.clone()).unwrap_or_default(),
            missing_materials: serde_json::from_value(i.missing_materials.clone()).unwrap_or_default(),
            planned: i.planned,
            forecast_start: forecast.get(&i.id).map(|f| f.0),
            forecast_end: forecast.get(&i.id).map(|f| f.1),
        })
        .collect();
    let forecast_end = forecast.values().map(|f| f.1).max();
    let forecast_start = forecast.values().map(|f| f.0).min();
    let forecast_working_days = match (forecast_start, forecast_end) {
        (Some(s), Some(e)) => Some(cal.working_days_between(s, e)),
        _ => None,
    };
    let tasks = b
        .sheets
        .iter()
        .map(|s| {
            let item = b.items.iter().find(|i| i.id == s.case_item_id);
            super::tasks::task_out(actor, s, &b.case, item, &names, &cal, now)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CaseOut {
        id: b.case.id,
        number: b.case.number.clone(),
        state: b.case.state.to_string(),
        version: b.case.version,
        enterprise: EnterpriseRef { id: enterprise.id, name: enterprise.name, credit_code: enterprise.credit_code },
        project_name: b.case.project_name.clone(),
        industry_code: b.case.industry_code.clone(),
        total_investment_fen: b.case.investment_fen,
        location: b.case.location.clone(),
        agreement_signed_on: b.case.agreement_signed_on,
        brief: b.case.brief.clone(),
        contact_name: b.case.contact_name.clone(),
        contact_phone_masked: mask_middle(&b.case.contact_phone),
        reviewer_id: b.case.reviewer_id,
        review_note: b.case.review_note.clone(),
        accepter_id: b.case.accepter_id,
        team: b
            .team
            .iter()
            .map(|m| TeamMemberOut {
                user_id: m.user_id,
                display_name: names.get(&m.user_id).cloned().unwrap_or_default(),
                team_role: m.team_role.to_string(),
                department_id: m.department_id,
            })
            .collect(),
        items,
        tasks,
        notification_text: b.case.notification_text.clone(),
        documents_handed_over_at: b.case.documents_handed_over_at,
        enterprise_confirmed_at: b.case.enterprise_confirmed_at,
        evaluation_status: b.case.evaluation_status.to_string(),
        closing_reason: b.case.closing_reason.clone(),
        forecast_end,
        forecast_working_days,
        allowed_actions: svc::allowed_actions(actor, &b),
        aftercare_actions: svc::state_of(&b.case)
            .is_ok_and(|state| aftercare::may_schedule_follow_up(actor, state))
            .then(|| AftercareAction::ScheduleFollowUp.code().to_owned())
            .into_iter()
            .collect(),
        created_at: b.case.created_at,
        updated_at: b.case.updated_at,
    })
}

fn with_etag(mut res: HttpResponse, version: i32) -> HttpResponse {
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        res.headers_mut().insert(ETAG, v);
    }
    res
}

async fn respond(state: &AppState, actor: &Actor, b: CaseBundle) -> Result<HttpResponse, ApiError> {
    let version = b.case.version;
    let out = case_out(state, actor, b).await?;
    Ok(with_etag(HttpResponse::Ok().json(out), version))
}

/// Filters of the case list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseQuery {
    /// Only cases in this state (`draft` … `archived`).
    pub state: Option<String>,
}

/// Create an application (申请受理表).
///
/// Starts in `draft`. Send an `Idempotency-Key` to make retries safe: a repeated request
/// answers what the first one answered and creates nothing new.
#[utoipa::path(
    tag = "cases",
    operation_id = "createCase",
    request_body = CaseIn,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request create nothing new")),
    responses(
        (status = 201, description = "Created", body = CaseOut, headers(("ETag" = String, description = "The case's version"))),
        (status = 403, description = "The role may not apply", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A request with this Idempotency-Key is still running", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or the key reused for another request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases")]
pub async fn create_case(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: ValidatedJson<CaseIn>,
) -> Result<HttpResponse, ApiError> {
    let b = svc::create(&state.app, &auth.0, &body.0.into()).await?;
    let version = b.case.version;
    let out = case_out(&state, &auth.0, b).await?;
    Ok(with_etag(HttpResponse::Created().json(out), version))
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
    let b = svc::get(&state.app, &auth.0, id.into_inner()).await?;
    respond(&state, &auth.0, b).await
}

/// List cases the caller may see.
///
/// An enterprise sees its own; a department the cases it has items in.
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
    if let Some(s) = &query.state
        && s.parse::<butler_domain::case::lifecycle::CaseState>().is_err()
    {
        return Err(ApiError::field("state", "unknown_state", "没有这个状态", "no such state"));
    }
    let page = svc::list(&state.app, &auth.0, query.state.clone(), page.request()?).await?;
    let ids: Vec<Uuid> = page.items.iter().map(|c| c.id).collect();
    let due = deadlines::open_case_steps(&state.app.db, auth.0.tenant_id, &ids).await?;
    Ok(web::Json(PageOut::from_page(page, |c| CaseSummaryOut {
        step_due_at: due.get(&c.id).copied(),
        id: c.id,
        number: c.number,
        state: c.state.to_string(),
        version: c.version,
        enterprise_id: c.enterprise_id,
        project_name: c.project_name,
        total_investment_fen: c.investment_fen,
        created_at: c.created_at,
        updated_at: c.updated_at,
    })))
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
    let b = svc::update(&state.app, &auth.0, id.into_inner(), if_match.0, &body.0.into()).await?;
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

/// What the dossier lacks before it can be archived.
#[derive(Debug, Serialize, ToSchema)]
pub struct DossierCheckOut {
    pub complete: bool,
    pub missing: Vec<DossierGapOut>,
}

/// One missing piece of the dossier.
#[derive(Debug, Serialize, ToSchema)]
pub struct DossierGapOut {
    pub code: String,
    pub message: String,
}

/// Check the dossier's completeness (一事一档).
#[utoipa::path(
    tag = "cases",
    operation_id = "checkCaseDossier",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses((status = 200, description = "What is missing", body = DossierCheckOut), (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"))
)]
#[get("/cases/{id}/dossier-check")]
pub async fn check_dossier(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<web::Json<DossierCheckOut>, ApiError> {
    let b = svc::get(&state.app, &auth.0, id.into_inner()).await?;
    let lang = crate::i18n::Lang::of(&req);
    let missing: Vec<DossierGapOut> = svc::dossier_missing(&b)
        .into_iter()
        .map(|f| DossierGapOut { code: f.code, message: lang.pick(&f.zh, &f.en).to_owned() })
        .collect();
    Ok(web::Json(DossierCheckOut { complete: missing.is_empty(), missing }))
}

/// The case's history with the verification of its hash chain.
#[utoipa::path(
    tag = "cases",
    operation_id = "getCaseTimeline",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses((status = 200, description = "Every event, oldest first, and the chain's verification", body = TimelineOut), (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"))
)]
#[get("/cases/{id}/timeline")]
pub async fn get_case_timeline(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<TimelineOut>, ApiError> {
    let b = svc::get(&state.app, &auth.0, id.into_inner()).await?;
    let rows = history_repo::list(&state.app.db, b.case.tenant_id, b.case.id).await?;
    let verification = svc::verify_chain(&b.case, &rows).into();
    let actor_ids: Vec<Uuid> =
        rows.iter().filter_map(|r| r.actor_id).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let names = users::display_names(&state.app.db, b.case.tenant_id, &actor_ids).await?;
    let events = rows
        .into_iter()
        .map(|r| EventOut {
            sequence: r.sequence,
            occurred_at: r.occurred_at,
            actor_name: r.actor_id.and_then(|a| names.get(&a).cloned()),
            actor_id: r.actor_id,
            action: r.action.to_string(),
            task_id: r.sheet_id,
            from_state: r.from_state,
            to_state: r.to_state,
            payload: r.payload,
            prev_hash: r.prev_hash,
            hash: r.hash,
        })
        .collect();
    Ok(web::Json(TimelineOut { events, verification }))
}

/// Verify the case's hash chain (SM3).
#[utoipa::path(
    tag = "cases",
    operation_id = "verifyCaseHistory",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses((status = 200, description = "The verification", body = ChainVerificationOut), (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"))
)]
#[get("/cases/{id}/history/verification")]
pub async fn verify_case_history(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<ChainVerificationOut>, ApiError> {
    let b = svc::get(&state.app, &auth.0, id.into_inner()).await?;
    let rows = history_repo::list(&state.app.db, b.case.tenant_id, b.case.id).await?;
    Ok(web::Json(svc::verify_chain(&b.case, &rows).into()))
}

/// An evaluation (满意度评价, 附件9): of the case as a whole, or of one department.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvaluationOut {
    pub id: Uuid,
    pub case_id: Uuid,
    /// The department evaluated; absent for the case as a whole.
    pub department_id: Option<Uuid>,
    pub level: EvaluationLevel,
    pub comment: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl EvaluationOut {
    fn from_row(e: evaluations::EvaluationRow) -> Result<Self, ApiError> {
        let level = e.level.0.into();
        Ok(EvaluationOut {
            id: e.id,
            case_id: e.case_id,
            department_id: e.department_id,
            level,
            comment: e.comment,
            created_at: e.created_at,
        })
    }
}

/// The case's evaluations: the case as a whole first, then each department.
#[utoipa::path(
    tag = "cases",
    operation_id = "listEvaluations",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 200, description = "Evaluations; empty until the enterprise evaluates", body = Vec<EvaluationOut>),
        (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cases/{id}/evaluations")]
pub async fn list_evaluations(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<EvaluationOut>>, ApiError> {
    let b = svc::get(&state.app, &auth.0, id.into_inner()).await?;
    let mut rows = evaluations::for_case(&state.app.db, b.case.id).await?;
    rows.sort_by_key(|e| (e.department_id.is_some(), e.id));
    Ok(web::Json(rows.into_iter().map(EvaluationOut::from_row).collect::<Result<_, _>>()?))
}

/// A follow-up visit (回访).
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpOut {
    pub id: Uuid,
    pub case_id: Uuid,
    pub scheduled_for: chrono::NaiveDate,
    pub method: FollowUpMethod,
    pub done_at: Option<chrono::DateTime<chrono::Utc>>,
    pub notes: Option<String>,
    /// What the caller may do with it now: `record`.
    pub allowed_actions: Vec<String>,
}

impl FollowUpOut {
    fn new(f: evaluations::FollowUpRow, actor: &Actor) -> Result<Self, ApiError> {
        let allowed = aftercare::may_record_follow_up(actor, f.done_at.is_some())
            .then(|| AftercareAction::RecordFollowUp.code().to_owned());
        let method = f.method.0.into();
        Ok(FollowUpOut {
            id: f.id,
            case_id: f.case_id,
            scheduled_for: f.scheduled_for,
            method,
            done_at: f.done_at,
            notes: f.notes,
            allowed_actions: allowed.into_iter().collect(),
        })
    }
}

/// Schedule a follow-up visit of a completed or terminated case (office).
#[utoipa::path(
    tag = "cases",
    operation_id = "scheduleFollowUp",
    request_body = FollowUpIn,
    params(("id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 201, description = "Scheduled", body = FollowUpOut),
        (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The case is not closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{id}/follow-ups")]
pub async fn schedule_follow_up(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: ValidatedJson<FollowUpIn>,
) -> Result<HttpResponse, ApiError> {
    let row = svc::schedule_follow_up(&state.app, &auth.0, id.into_inner(), &body.0.into()).await?;
    Ok(HttpResponse::Created().json(FollowUpOut::new(row, &auth.0)?))
}

/// Record a follow-up visit (office).
#[utoipa::path(
    tag = "cases",
    operation_id = "recordFollowUp",
    request_body = FollowUpRecordIn,
    params(("id" = Uuid, Path, description = "The case's id"), ("follow_up_id" = Uuid, Path, description = "The visit's id")),
    responses(
        (status = 200, description = "Recorded", body = FollowUpOut),
        (status = 409, description = "Already recorded", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{id}/follow-ups/{follow_up_id}/record")]
pub async fn record_follow_up(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<FollowUpRecordIn>,
) -> Result<web::Json<FollowUpOut>, ApiError> {
    let (case_id, follow_up_id) = path.into_inner();
    let row = svc::record_follow_up(&state.app, &auth.0, case_id, follow_up_id, &body.0.notes).await?;
    Ok(web::Json(FollowUpOut::new(row, &auth.0)?))
}

/// The case's follow-up visits.
#[utoipa::path(
    tag = "cases",
    operation_id = "listFollowUps",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses((status = 200, description = "Visits, earliest first", body = Vec<FollowUpOut>))
)]
#[get("/cases/{id}/follow-ups")]
pub async fn list_follow_ups(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<FollowUpOut>>, ApiError> {
    let b = svc::get(&state.app, &auth.0, id.into_inner()).await?;
    let rows = evaluations::follow_ups(&state.app.db, b.case.id).await?;
    Ok(web::Json(rows.into_iter().map(|r| FollowUpOut::new(r, &auth.0)).collect::<Result<_, _>>()?))
}

/// A rectification (整改) opened by a bad review.
#[derive(Debug, Serialize, ToSchema)]
pub struct RectificationOut {
    pub id: Uuid,
    pub case_id: Uuid,
    pub evaluation_id: Uuid,
    /// The department reviewed; absent for the case as a whole.
    pub department_id: Option<Uuid>,
    pub due_at: chrono::DateTime<chrono::Utc>,
    pub reply: Option<String>,
    pub replied_at: Option<chrono::DateTime<chrono::Utc>>,
    /// What the caller may do with it now: `reply`.
    pub allowed_actions: Vec<String>,
}

impl RectificationOut {
    fn new(r: evaluations::RectificationRow, actor: &Actor) -> Self {
        let allowed = aftercare::may_reply_rectification(actor, r.department_id, r.replied_at.is_some())
            .then(|| AftercareAction::ReplyRectification.code().to_owned());
        RectificationOut {
            id: r.id,
            case_id: r.case_id,
            evaluation_id: r.evaluation_id,
            department_id: r.department_id,
            due_at: r.due_at,
            reply: r.reply,
            replied_at: r.replied_at,
            allowed_actions: allowed.into_iter().collect(),
        }
    }
}

/// The written reply to a rectification.
#[derive(Debug, Deserialize, validator::Validate, ToSchema)]
pub struct RectificationReplyIn {
    #[validate(custom(function = "crate::fields::not_blank"), length(max = 5000))]
    pub reply: String,
}

/// The case's rectifications (整改) and their replies.
#[utoipa::path(
    tag = "cases",
    operation_id = "listRectifications",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses((status = 200, description = "Rectifications, oldest first", body = Vec<RectificationOut>), (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"))
)]
#[get("/cases/{id}/rectifications")]
pub async fn list_rectifications(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<RectificationOut>>, ApiError> {
    let b = svc::get(&state.app, &auth.0, id.into_inner()).await?;
    let rows = evaluations::rectifications(&state.app.db, b.case.id).await?;
    Ok(web::Json(rows.into_iter().map(|r| RectificationOut::new(r, &auth.0)).collect()))
}

/// A rectification in a list across cases, with its case named.
#[derive(Debug, Serialize, ToSchema)]
pub struct RectificationItemOut {
    #[serde(flatten)]
    pub rectification: RectificationOut,
    pub case_number: String,
    pub project_name: String,
}

/// Filters of the rectification list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RectificationQuery {
    /// Also those answered already (default: only those waiting for a reply).
    #[serde(default)]
    pub include_answered: bool,
}

/// Rectifications (整改) waiting for a written reply, across cases, oldest first.
///
/// The office and supervisors see every one; a department's agents and leader see their
/// department's.
#[utoipa::path(
    tag = "cases",
    operation_id = "listOpenRectifications",
    params(PageParams, RectificationQuery),
    responses(
        (status = 200, description = "A page of rectifications", body = PageOut<RectificationItemOut>),
        (status = 403, description = "The role has no rectifications to answer or follow", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rectifications")]
pub async fn list_open_rectifications(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<RectificationQuery>,
) -> Result<web::Json<PageOut<RectificationItemOut>>, ApiError> {
    let actor = &auth.0;
    let department_id = match actor.role {
        Role::Office | Role::Supervisor => None,
        Role::DepartmentAgent | Role::DepartmentLeader => Some(actor.department_id.ok_or(ApiError::Forbidden)?),
        _ => return Err(ApiError::Forbidden),
    };
    let rows = evaluations::list_rectifications(
        &state.app.db,
        actor.tenant_id,
        department_id,
        query.include_answered,
        page.request()?,
    )
    .await?;
    let case_ids: Vec<Uuid> = rows.items.iter().map(|r| r.case_id).collect();
    let cases: std::collections::HashMap<Uuid, butler_persistence::repo::cases::CaseRow> =
        butler_persistence::repo::cases::get_many(&state.app.db, actor.tenant_id, &case_ids)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
    let mut items = Vec::with_capacity(rows.items.len());
    for r in rows.items {
        let case = cases.get(&r.case_id).ok_or(ApiError::NotFound)?;
        items.push(RectificationItemOut {
            case_number: case.number.clone(),
            project_name: case.project_name.clone(),
            rectification: RectificationOut::new(r, actor),
        });
    }
    Ok(web::Json(PageOut { items, next_cursor: rows.next_cursor }))
}

/// Answer a rectification in writing (the office or the department's leader).
///
/// Closes its 15-working-day deadline; recorded in the case's history.
#[utoipa::path(
    tag = "cases",
    operation_id = "replyRectification",
    request_body = RectificationReplyIn,
    params(("id" = Uuid, Path, description = "The rectification's id")),
    responses(
        (status = 200, description = "Answered", body = RectificationOut),
        (status = 403, description = "Neither the office nor the department's leader", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such rectification", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rectifications/{id}/reply")]
pub async fn reply_rectification(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: ValidatedJson<RectificationReplyIn>,
) -> Result<web::Json<RectificationOut>, ApiError> {
    let row = svc::reply_rectification(&state.app, &auth.0, id.into_inner(), &body.0.reply).await?;
    Ok(web::Json(RectificationOut::new(row, &auth.0)))
}
