//! The intermediary supermarket's public list (no sign-in), with the public side's `ETag`,
//! cache and per-address limit.

use actix_web::{HttpRequest, HttpResponse, get, web};
use butler_app::public::agencies;

use super::intermediaries::AgencyOut;
use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::PageParams;
use crate::public::{PublicClient, cached};
use crate::state::AppState;

/// List the county's active intermediary agencies (中介超市, no sign-in), with their
/// qualifications (and whether each is still in force) and services.
#[utoipa::path(
    tag = "public",
    operation_id = "listPublicAgencies",
    params(("tenant" = String, Path, description = "The county's code (`example`)"), PageParams),
    responses(
        (status = 200, description = "A page of agencies", body = PageOut<AgencyOut>, headers(("ETag" = String, description = "Strong entity tag: the body's SHA-256; send it as `If-None-Match` for a 304"), ("Cache-Control" = String, description = "`public, max-age=60`"))),
        (status = 304, description = "Not modified since the `If-None-Match` tag", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 404, description = "No such county, or it does not publish", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address (see `Retry-After`)", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ),
    security(())
)]
#[get("/public/{tenant}/agencies")]
pub async fn list_public_agencies(
    state: web::Data<AppState>,
    client: PublicClient,
    req: HttpRequest,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = agencies::agencies(&state.app, &client.tenant, page_request(&page)).await?;
    cached(&req, &PageOut::from_page(page, AgencyOut::from))
}
