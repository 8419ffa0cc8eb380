//! Serves the built web app (same origin as the API), with the single-page app's
//! fallback: a path that is neither an API route nor a file answers `index.html`.

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use std::path::{Path, PathBuf};

/// The static-file service for `dir`, or `None` when it has no `index.html`.
pub fn spa(dir: &Path) -> Option<Files> {
    let index: PathBuf = dir.join("index.html");
    if !index.is_file() {
        return None;
    }
    Some(Files::new("/", dir).index_file("index.html").default_handler(fn_service(move |req: ServiceRequest| {
        let index = index.clone();
        async move {
            let (req, _) = req.into_parts();
            // An API path, or a hashed asset that is not there (an old build's), is not a page
            // of the app: answering `index.html` would be cached as the asset.
            if req.path().starts_with("/api/") || req.path().starts_with("/assets/") {
                let res = actix_web::ResponseError::error_response(&crate::error::ApiError::NotFound);
                return Ok(ServiceResponse::new(req, res));
            }
            let file = NamedFile::open_async(&index).await?;
            let res = file.into_response(&req);
            Ok(ServiceResponse::new(req, res))
        }
    })))
}
