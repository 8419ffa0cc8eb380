//! A case's file (一事一档): the dossier's completeness, the history with its hash chain and
//! the chain's verification.

use actix_web::{HttpRequest, get, web};
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
    let gaps = svc::dossier_gaps(&state.app, &auth.0, id.into_inner()).await?;
    let lang = crate::i18n::Lang::of(&req);
    let missing: Vec<DossierGapOut> =
        gaps.into_iter().map(|f| DossierGapOut { code: f.code, message: lang.pick(&f.zh, &f.en).to_owned() }).collect();
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
    let timeline = svc::timeline(&state.app, &auth.0, id.into_inner()).await?;
    Ok(web::Json(timeline_out(timeline)))
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
    Ok(web::Json(svc::verify_history(&state.app, &auth.0, id.into_inner()).await?.into()))
}

/// The timeline as the contract shows it: each event's action by its code.
fn timeline_out(t: svc::Timeline) -> TimelineOut {
    TimelineOut { events: t.events.into_iter().map(event_out).collect(), verification: t.verification.into() }
}

fn event_out(e: svc::HistoryEvent) -> EventOut {
    EventOut {
        sequence: e.sequence,
        occurred_at: e.occurred_at,
        actor_id: e.actor_id,
        actor_name: e.actor_name,
        action: e.action,
        task_id: e.sheet_id,
        from_state: e.from_state,
        to_state: e.to_state,
        payload: e.payload,
        prev_hash: e.prev_hash,
        hash: e.hash,
        chain_version: e.chain_version.number(),
    }
}
