//! Stored files: downloading one (authorised per file by the policy of the cases that use
//! it), and attaching the approval document (批文) to an approved sheet.

use actix_multipart::Multipart;
use actix_web::body::SizedStream;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, get, post, web};
use butler_app::{files, tasks};
use futures_util::StreamExt;
use uuid::Uuid;

use crate::case_dto::TaskOut;
use crate::error::{ApiError, Problem};
use crate::extract::Authenticated;
use crate::material_dto::*;
use crate::multipart;
use crate::state::AppState;

/// `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 / RFC 5987): an ASCII fallback
/// and the exact name percent-encoded.
pub fn content_disposition(name: &str) -> String {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// Download a stored file.
///
/// Served as an attachment with its media type, its SHA-256 as the `ETag` and
/// `X-Content-Type-Options: nosniff`. Anyone who may not see a case using the file (or be
/// its enterprise) gets 404, as for other records they may not know of.
#[utoipa::path(
    tag = "files",
    operation_id = "downloadFile",
    params(("file_id" = Uuid, Path, description = "The file's id")),
    responses(
        (status = 200, description = "The file's bytes", body = FileBytes, content_type = "application/octet-stream",
            headers(
                ("Content-Type" = String, description = "The file's media type (application/pdf, image/png, …)"),
                ("Content-Disposition" = String, description = "attachment, with the file name (RFC 5987 filename*)"),
                ("Content-Length" = i64, description = "The file's size in bytes"),
                ("ETag" = String, description = "The SHA-256 of the content, quoted"),
                ("X-Content-Type-Options" = String, description = "nosniff"),
            )),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file for this caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/files/{file_id}")]
pub async fn download_file(
    state: web::Data<AppState>,
    auth: Authenticated,
    file_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (info, stream) = files::download(&state.app, &auth.0, file_id.into_inner()).await?;
    let mut res = HttpResponse::Ok();
    res.insert_header((header::CONTENT_TYPE, info.file_type.media_type()))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")));
    if let Ok(v) = HeaderValue::from_str(&content_disposition(&info.file_name)) {
        res.insert_header((header::CONTENT_DISPOSITION, v));
    }
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", info.sha256)) {
        res.insert_header((header::ETAG, v));
    }
    Ok(res.body(SizedStream::new(u64::try_from(info.size_bytes).unwrap_or(0), stream)))
}

/// Attach the approval document (批文) to an approved sheet.
///
/// `multipart/form-data` with a `file` part: PDF, OFD, JPEG, PNG or Word, told from the
/// content. The sheet's department, once the sheet is finished `approved` (the document
/// number is recorded when finishing). Attaching again keeps the earlier file and points the
/// sheet at the new one. The enterprise downloads it; the result notice links it.
#[utoipa::path(
    tag = "tasks",
    operation_id = "attachResultDocument",
    params(("id" = Uuid, Path, description = "The sheet's id")),
    request_body(content = ResultDocumentForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Attached", body = ResultDocumentOut),
        (status = 400, description = "Not a multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the sheet's department", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such sheet for this caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The sheet is not approved, or the case is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The sheet changed meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file, or the case's files together, would exceed the size limit; nothing kept", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The file's content is not of an accepted type (named); nothing kept", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` part", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/tasks/{id}/documents")]
pub async fn attach_result_document(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    mut payload: Multipart,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    while let Some(part) = payload.next().await {
        let mut field = part.map_err(multipart::malformed)?;
        if field.name() != Some("file") {
            multipart::drain_field(&mut field).await;
            continue;
        }
        let name = multipart::file_name(&field);
        // Fused: a part read to its end must not be polled again when draining.
        let mut body = (&mut field).fuse();
        return match tasks::attach_result_document(&state.app, &auth.0, id, name, &mut body).await {
            Ok((task, file)) => {
                Ok(HttpResponse::Created().json(ResultDocumentOut { file: file.into(), task: TaskOut::from(task) }))
            }
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
    Err(multipart::missing_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_sent_in_both_forms() {
        assert_eq!(
            content_disposition("营业执照 v2.pdf"),
            "attachment; filename=\"____ v2.pdf\"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20v2.pdf"
        );
        assert_eq!(content_disposition("a\"b.pdf"), "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a%22b.pdf");
    }
}
