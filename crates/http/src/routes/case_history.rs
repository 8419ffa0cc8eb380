//! A case's file (一事一档): the dossier's completeness, the history with its hash chain and
//! the chain's verification.

use actix_web::{HttpRequest, get, web};
use butler_persistence::repo::{history as history_repo, users};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::case_dto::*;
use crate::error::{ApiError, Problem};
use crate::extract::Authenticated;
use crate::state::AppState;
use butler_app::cases::{self as svc};

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
            action: r.action,
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
