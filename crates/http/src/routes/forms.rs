//! Files to download: the county's forms of a case as Word files (附件2–9) and the exports as
//! Excel workbooks (the service plan, the catalog, the case register, the statistics). Each
//! answers the file with its content type and an `attachment` disposition naming it in
//! Chinese (RFC 5987 `filename*`), with an ASCII fallback.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, HeaderValue};
use actix_web::{HttpResponse, get, web};
use butler_app::catalog::ItemQuery as CatalogQuery;
use butler_app::exports;
use butler_app::forms::{self, RenderedFile};
use butler_app::statistics::StatisticsQuery as FiguresQuery;
use butler_domain::case::forms::FormKind;
use butler_domain::catalog::Stage;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::download::{FileBytes, content_disposition};
use crate::error::{ApiError, Problem};
use crate::extract::Authenticated;
use crate::routes::cases::CaseQuery;
use crate::routes::items::ItemQuery;
use crate::routes::supervision::StatisticsQuery;
use crate::state::AppState;

/// Which task sheet a 附件5 is of.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormQuery {
    /// For `task_sheet`: the sheet; without it, every sheet of the case, one per page.
    pub sheet_id: Option<Uuid>,
}

/// The file as a download.
fn download(file: RenderedFile) -> HttpResponse {
    let mut res = HttpResponse::Ok().body(file.bytes);
    let headers = res.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(file.content_type));
    if let Ok(v) = HeaderValue::from_str(&content_disposition(&file.file_name)) {
        headers.insert(CONTENT_DISPOSITION, v);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Download a form of the case as a Word file (附件2–9).
///
/// `application` 附件2 申请受理表, `agreement` 附件3 服务委托协议, `plan` 附件4 服务方案,
/// `task_sheet` 附件5 任务分送单及回执 (of `sheet_id`, or every sheet), `completion` 附件7 办结单,
/// `termination` 附件8 终止单, `evaluation` 附件9 满意度评价表. Laid out like the county's
/// templates; what the case does not hold yet prints blank, to fill in by hand. For whoever
/// may read the case.
#[utoipa::path(
    tag = "forms",
    operation_id = "downloadCaseForm",
    params(
        ("case_id" = Uuid, Path, description = "The case's id"),
        ("kind" = FormKind, Path, description = "Which form"),
        FormQuery,
    ),
    responses(
        (status = 200, description = "The form (.docx)", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = FileBytes,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''附件2-申请受理表-<number>.docx"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case (or form, or sheet of the case) for this caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A task sheet form of a case without sheets, or `sheet_id` with another form", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cases/{case_id}/forms/{kind}")]
pub async fn download_case_form(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, FormKind)>,
    query: web::Query<FormQuery>,
) -> Result<HttpResponse, ApiError> {
    let (case_id, kind) = path.into_inner();
    let file = forms::render_form(&state.app, &auth.0, case_id, kind, query.sheet_id).await?;
    Ok(download(file))
}

/// Download the case's service plan (附件4) as an Excel workbook.
///
/// One row per planned item: department, the one-time material list, legal and promised
/// limits, agent, prerequisites and the forecast dates. For whoever may read the case.
#[utoipa::path(
    tag = "forms",
    operation_id = "downloadCasePlanWorkbook",
    params(("case_id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The plan (.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = FileBytes,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''附件4-服务方案-<number>.xlsx"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case for this caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cases/{case_id}/plan.xlsx")]
pub async fn download_case_plan_workbook(
    state: web::Data<AppState>,
    auth: Authenticated,
    case_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(download(exports::plan_workbook(&state.app, &auth.0, case_id.into_inner()).await?))
}

/// Export the case register (台账) as an Excel workbook.
///
/// The cases the case list shows the caller (an enterprise its own, a department those it
/// has items in), with the list's filters (state, search, project code); contact phones
/// masked.
#[utoipa::path(
    tag = "forms",
    operation_id = "exportCases",
    params(CaseQuery),
    responses(
        (status = 200, description = "The register (.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = FileBytes,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''项目台账.xlsx"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such state, or an invalid project code", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cases/export.xlsx")]
pub async fn export_cases(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<CaseQuery>,
) -> Result<HttpResponse, ApiError> {
    let wanted = query.parsed()?;
    Ok(download(exports::case_register(&state.app, &auth.0, &wanted).await?))
}

/// Export the approval-item catalog (审批事项清单) as an Excel workbook.
///
/// The current version of each item matching the catalog list's filters, with its materials.
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
    Ok(download(exports::catalog_workbook(&state.app, &auth.0, filter).await?))
}

/// Export the task-sheet statistics (督查统计) as an Excel workbook.
///
/// The same figures, parameters and readers as `getSheetStatistics`, the total last.
#[utoipa::path(
    tag = "forms",
    operation_id = "exportSheetStatistics",
    params(StatisticsQuery),
    responses(
        (status = 200, description = "The statistics (.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = FileBytes,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''督查统计-<from>至<to>.xlsx"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read statistics, or not another department's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A period that ends before it starts", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/supervision/statistics.xlsx")]
pub async fn export_sheet_statistics(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<StatisticsQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = FiguresQuery {
        group_by: query.group_by.unwrap_or_default().into(),
        department_id: query.department_id,
        from: query.from,
        to: query.to,
    };
    Ok(download(exports::statistics_workbook(&state.app, &auth.0, query).await?))
}
