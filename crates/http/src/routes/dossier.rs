//! The dossier (一事一档) as one ZIP archive to download.

use actix_files::NamedFile;
use actix_web::http::header::{CONTENT_DISPOSITION, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, get, web};
use uuid::Uuid;

use crate::case_dto::CaseOut;
use crate::download::{FileBytes, content_disposition};
use crate::error::{ApiError, Problem};
use crate::extract::Authenticated;
use crate::state::AppState;
use butler_app::cases::view::CaseView;
use butler_app::dossier;

/// `case.json`: the case as `getCase` returns it.
pub fn case_json(view: CaseView) -> Vec<u8> {
    serde_json::to_vec_pretty(&CaseOut::from(view)).unwrap_or_default()
}

/// Download the case's whole file (一事一档) as a ZIP archive.
///
/// The archive holds `case.json` (the case as `getCase` shows it to the caller),
/// `history.json` (every event of the hash chain with its chain version and hash), the case's
/// forms, materials and result files, and `manifest.json` (the SHA-256 and size of every other
/// file, the chain algorithm and the chain head as the server keeps it). `butler
/// verify-dossier FILE.zip` checks an archive offline; compare the chain head it prints with
/// `verifyCaseHistory` for full assurance. Any state; the archive's timestamps are fixed, so an
/// unchanged case's history and files export to the same bytes every time.
#[utoipa::path(
    tag = "cases",
    operation_id = "downloadCaseDossier",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The archive, named `一事一档-<case number>.zip` (`Content-Disposition` with `filename*`)",
            body = FileBytes, content_type = "application/zip",
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''一事一档-<case number>.zip"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case for this caller", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "The archive could not be written", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database cannot be reached", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cases/{id}/dossier")]
pub async fn download_case_dossier(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let d = dossier::export_dossier(&state.app, &auth.0, id.into_inner(), case_json).await?;
    let file = NamedFile::from_file(d.file, &d.file_name)
        .map_err(|e| ApiError::from(butler_app::AppError::internal(e)))?
        .set_content_type("application/zip".parse().unwrap_or(actix_web::mime::APPLICATION_OCTET_STREAM))
        .use_etag(false)
        .use_last_modified(false);
    let mut res = file.into_response(&req);
    let disposition = HeaderValue::from_str(&content_disposition(&d.file_name))
        .map_err(|e| ApiError::from(butler_app::AppError::internal(e)))?;
    res.headers_mut().insert(CONTENT_DISPOSITION, disposition);
    Ok(res)
}
