//! The materials checklist of a case (申请材料清单): uploads (streamed, checked by content,
//! limited in size), reuse of what the enterprise gave before, the department's decision;
//! and the enterprise's materials.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, get, post, web};
use butler_app::materials::{self, Decision, UploadMeta};
use chrono::NaiveDate;
use futures_util::StreamExt;
use uuid::Uuid;

use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson};
use crate::material_dto::*;
use crate::multipart;
use crate::state::AppState;

/// The path of one material of one plan item.
type MaterialPath = web::Path<(Uuid, Uuid, i32)>;

/// Read a case's materials checklist.
///
/// Per plan item and material: whether it is required or may be missing (容缺), the types
/// accepted, its state, the version given with its file, a correction's reason, the
/// enterprise's earlier versions that may be reused, and what the caller may do.
#[utoipa::path(
    tag = "materials",
    operation_id = "getCaseMaterials",
    params(("case_id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The checklist", body = ChecklistOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case for this caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cases/{case_id}/materials")]
pub async fn get_case_materials(
    state: web::Data<AppState>,
    auth: Authenticated,
    case_id: web::Path<Uuid>,
) -> Result<web::Json<ChecklistOut>, ApiError> {
    Ok(web::Json(materials::checklist(&state.app, &auth.0, case_id.into_inner()).await?.into()))
}

/// Upload a file for one material of one plan item.
///
/// `multipart/form-data` with a `file` part (and optionally `valid_until` before it). The
/// body streams into the storage; its type is told from the content and must be one the
/// material accepts (415 names them); a file over the per-file limit, or one that would take
/// the case over its limit, is refused while it arrives (413). Either way nothing is kept.
/// Each upload is a new version of the enterprise's material of that name; by an official,
/// it is recorded as given for the enterprise (代办).
#[utoipa::path(
    tag = "materials",
    operation_id = "uploadCaseMaterial",
    params(
        ("case_id" = Uuid, Path, description = "The case's id"),
        ("item_id" = Uuid, Path, description = "The plan item's id"),
        ("position" = i32, Path, description = "The material's 1-based position in the item's list"),
    ),
    request_body(content = MaterialUploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Given; the material as it is now", body = ChecklistMaterialOut),
        (status = 400, description = "Not a multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not give materials for this case", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case, item or material for this caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in the material's or the case's state (a closed case, an accepted material)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file, or the case's files together, would exceed the size limit; nothing kept", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The file's content is not of an accepted type (named); nothing kept", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` part, or an invalid `valid_until`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{case_id}/items/{item_id}/materials/{position}/uploads")]
pub async fn upload_case_material(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: MaterialPath,
    mut payload: Multipart,
) -> Result<HttpResponse, ApiError> {
    let (case_id, item_id, position) = path.into_inner();
    let mut valid_until: Option<NaiveDate> = None;
    while let Some(part) = payload.next().await {
        let mut field = part.map_err(multipart::malformed)?;
        match field.name().unwrap_or("") {
            "valid_until" => {
                let text = multipart::text(&mut field, "valid_until").await?;
                let text = text.trim();
                if !text.is_empty() {
                    valid_until = Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                        ApiError::field("valid_until", "date", "日期格式应为 YYYY-MM-DD", "expected a date YYYY-MM-DD")
                    })?);
                }
            }
            "file" => {
                let meta = UploadMeta { file_name: multipart::file_name(&field), valid_until };
                // Fused: a part read to its end must not be polled again when draining.
                let mut body = (&mut field).fuse();
                let done = materials::upload(&state.app, &auth.0, case_id, item_id, position, meta, &mut body).await;
                return match done {
                    Ok(m) => Ok(HttpResponse::Created().json(ChecklistMaterialOut::from(m))),
                    Err(e) => {
                        multipart::drain_field(&mut body).await;
                        // The next part comes only once this one is gone.
                        drop(body);
                        drop(field);
                        multipart::drain(&mut payload).await;
                        Err(e.into())
                    }
                };
            }
            _ => multipart::drain_field(&mut field).await,
        }
    }
    Err(multipart::missing_file())
}

/// Reuse a version the enterprise gave before (一次提交、多次复用).
///
/// The version must be the case's enterprise's, still valid, and of a type the material
/// accepts; the department decides on it afresh for this use.
#[utoipa::path(
    tag = "materials",
    operation_id = "reuseCaseMaterial",
    params(
        ("case_id" = Uuid, Path, description = "The case's id"),
        ("item_id" = Uuid, Path, description = "The plan item's id"),
        ("position" = i32, Path, description = "The material's 1-based position in the item's list"),
    ),
    request_body = MaterialReuseIn,
    responses(
        (status = 200, description = "Given; the material as it is now", body = ChecklistMaterialOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not give materials for this case", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case, item or material for this caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in the material's or the case's state, or this version is given already", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The version's type is not accepted for this material", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown or expired material version", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{case_id}/items/{item_id}/materials/{position}/reuse")]
pub async fn reuse_case_material(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: MaterialPath,
    body: ValidatedJson<MaterialReuseIn>,
) -> Result<web::Json<ChecklistMaterialOut>, ApiError> {
    let (case_id, item_id, position) = path.into_inner();
    let m =
        materials::reuse(&state.app, &auth.0, case_id, item_id, position, body.0.material_id, body.0.version).await?;
    Ok(web::Json(m.into()))
}

/// Accept a material, or ask for a correction (补正) naming why.
///
/// The item's department (or the window) decides on the version given; the decision is kept
/// for this use only.
#[utoipa::path(
    tag = "materials",
    operation_id = "decideCaseMaterial",
    params(
        ("case_id" = Uuid, Path, description = "The case's id"),
        ("item_id" = Uuid, Path, description = "The plan item's id"),
        ("position" = i32, Path, description = "The material's 1-based position in the item's list"),
    ),
    request_body = MaterialDecisionIn,
    responses(
        (status = 200, description = "Decided; the material as it is now", body = ChecklistMaterialOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the item's department or the window", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case, item or material for this caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing to decide on (missing, decided already) or the case is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The material changed meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A correction without a reason", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{case_id}/items/{item_id}/materials/{position}/decision")]
pub async fn decide_case_material(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: MaterialPath,
    body: ValidatedJson<MaterialDecisionIn>,
) -> Result<web::Json<ChecklistMaterialOut>, ApiError> {
    let (case_id, item_id, position) = path.into_inner();
    let decision = match body.0.decision {
        MaterialDecisionKind::Accept => Decision::Accept,
        MaterialDecisionKind::RequestCorrection => {
            let reason = body.0.reason.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()).ok_or_else(|| {
                ApiError::field("reason", "required", "请写明需补正的原因", "a correction needs a reason")
            })?;
            Decision::RequestCorrection { reason }
        }
    };
    Ok(web::Json(materials::decide(&state.app, &auth.0, case_id, item_id, position, decision).await?.into()))
}

/// Read an enterprise's materials: every material it gave, with every version.
///
/// The enterprise itself and officials; departments see materials through their cases.
#[utoipa::path(
    tag = "materials",
    operation_id = "listEnterpriseMaterials",
    params(("id" = Uuid, Path, description = "The enterprise's id")),
    responses(
        (status = 200, description = "The enterprise's materials", body = MaterialLibraryOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A department role", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such enterprise for this caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/enterprises/{id}/materials")]
pub async fn list_enterprise_materials(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<MaterialLibraryOut>, ApiError> {
    let items = materials::library(&state.app, &auth.0, id.into_inner()).await?;
    Ok(web::Json(MaterialLibraryOut { items: items.into_iter().map(Into::into).collect() }))
}
