//! The catalog workbook (事项及材料清单模板): import of an .xlsx file in the template, and
//! export of the catalog in the same template.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, get, post, web};
use butler_app::FieldError;
use butler_app::catalog::ItemQuery as CatalogQuery;
use butler_app::catalog_workbook::{self, ImportOptions, ImportReport, ImportedItem};
use butler_app::error::AppError;
use butler_domain::catalog::ItemStatus;
use butler_domain::catalog::Stage;
use butler_domain::catalog::template::ImportOutcome;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::download::FileBytes;
use crate::error::{ApiError, Problem};
use crate::extract::Authenticated;
use crate::multipart;
use crate::routes::forms::download;
use crate::routes::items::ItemQuery;
use crate::state::AppState;

/// The largest workbook taken, in bytes.
const MAX_WORKBOOK_BYTES: usize = 10 * 1024 * 1024;

/// How to import.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CatalogImportQuery {
    /// Put the new and changed versions in force at once (else they are drafts).
    #[serde(default)]
    pub publish: bool,
    /// Only answer what would be created or changed; nothing is written.
    #[serde(default)]
    pub dry_run: bool,
}

/// The workbook upload (`multipart/form-data`).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CatalogImportForm {
    /// The workbook (.xlsx) in the catalog template.
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
}

/// What the import did (or would do) to one item of the workbook.
#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogImportItemOut {
    /// The item's code.
    #[schema(example = "DY-007")]
    pub code: String,
    pub name: String,
    pub outcome: ImportOutcome,
    /// The item's version the import leaves standing (its draft, else the version in force).
    pub version: i32,
    /// That version's status.
    pub status: ItemStatus,
}

/// What an import did (or, for a dry run, would do), item by item in the workbook's order.
#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogImportOut {
    pub dry_run: bool,
    pub publish: bool,
    /// Items new to the catalog.
    pub created: usize,
    /// Items that got a new version (or whose draft was replaced).
    pub changed: usize,
    /// Items the same as before.
    pub unchanged: usize,
    pub items: Vec<CatalogImportItemOut>,
}

impl From<ImportedItem> for CatalogImportItemOut {
    fn from(i: ImportedItem) -> Self {
        CatalogImportItemOut { code: i.code, name: i.name, outcome: i.outcome, version: i.version, status: i.status }
    }
}

impl From<ImportReport> for CatalogImportOut {
    fn from(r: ImportReport) -> Self {
        CatalogImportOut {
            dry_run: r.dry_run,
            publish: r.publish,
            created: r.count(ImportOutcome::Created),
            changed: r.count(ImportOutcome::Changed),
            unchanged: r.count(ImportOutcome::Unchanged),
            items: r.items.into_iter().map(Into::into).collect(),
        }
    }
}

fn too_large() -> ApiError {
    AppError::TooLarge(FieldError::new(
        "file",
        "too_large",
        "工作簿超过 10 MB，未导入",
        "The workbook is larger than 10 MB and was not imported",
    ))
    .into()
}

/// Reads the `file` part whole (at most [`MAX_WORKBOOK_BYTES`]).
pub(crate) async fn read_file(payload: &mut Multipart) -> Result<Vec<u8>, ApiError> {
    while let Some(part) = payload.next().await {
        let mut field = part.map_err(multipart::malformed)?;
        if field.name() != Some("file") {
            multipart::drain_field(&mut field).await;
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            bytes.extend_from_slice(&chunk.map_err(multipart::malformed)?);
            if bytes.len() > MAX_WORKBOOK_BYTES {
                multipart::drain_field(&mut field).await;
                drop(field);
                multipart::drain(payload).await;
                return Err(too_large());
            }
        }
        drop(field);
        multipart::drain(payload).await;
        return Ok(bytes);
    }
    Err(multipart::missing_file())
}

/// Import the catalog workbook (.xlsx in the template of `exportItems`).
///
/// All or nothing: every problem of the workbook is listed in `errors`, each `field` being
/// `sheet/row/column` as the spreadsheet shows them (`事项/5/法定时限`), and nothing is written.
/// Per item code: a new code gets version 1, an item the same as its draft (else the version in
/// force) changes nothing, a changed one a new draft version (or its draft is replaced). With
/// `publish` the written versions are in force at once (the versions they replace retire
/// today). `dry_run` answers the same report and writes nothing. The office and the admin.
#[utoipa::path(
    tag = "catalog",
    operation_id = "importCatalog",
    params(CatalogImportQuery),
    request_body(content = CatalogImportForm, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "Imported (or, for a dry run, what would be)", body = CatalogImportOut),
        (status = 400, description = "Not a multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not import the catalog", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The workbook is larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` part, not a workbook, or the workbook's problems (each named by sheet/row/column); nothing written", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/items/import")]
pub async fn import_catalog(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<CatalogImportQuery>,
    mut payload: Multipart,
) -> Result<web::Json<CatalogImportOut>, ApiError> {
    let bytes = read_file(&mut payload).await?;
    let options = ImportOptions { publish: query.publish, dry_run: query.dry_run };
    let report = catalog_workbook::import_workbook(&state.app, &auth.0, &bytes, options).await?;
    Ok(web::Json(report.into()))
}

/// Export the approval-item catalog (审批事项清单) in the catalog template (.xlsx).
///
/// The version in force of each item matching the catalog list's filters: sheet 事项 (one row
/// per item), 材料 (one row per material) and 说明 (what each column holds). `importCatalog`
/// reads the same template back.
#[utoipa::path(
    tag = "forms",
    operation_id = "exportItems",
    params(ItemQuery),
    responses(
        (status = 200, description = "The catalog (.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = FileBytes,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''审批事项清单.xlsx"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/items/export.xlsx")]
pub async fn export_items(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<ItemQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let filter = CatalogQuery {
        stage: query.stage.map(Stage::from),
        department_id: query.department_id,
        name_contains: query.q,
        status: query.status,
    };
    Ok(download(catalog_workbook::export_workbook(&state.app, &auth.0, filter).await?))
}
