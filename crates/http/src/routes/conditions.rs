//! Conditions (notice / hold / lock, 信用与限制): the list and one condition for officials, adding
//! and lifting for the office and the admin, and the import of the credit platform's list
//! (失信名单, .xlsx).

use actix_multipart::Multipart;
use actix_web::{HttpRequest, get, post, web};
use butler_app::conditions::{self as service, Condition, Filter, ImportReport, ImportedEntry};
use butler_domain::catalog::template::ImportOutcome;
use butler_domain::condition::{ConditionFieldError, ConditionInput, ConditionSeverity, ConditionSource, NewCondition};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::fields;
use crate::middleware::request_meta;
use crate::routes::catalog_workbook::read_file;
use crate::state::AppState;

/// Registers the conditions' routes.
pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(list_conditions)
        .service(create_condition)
        .service(import_conditions)
        .service(get_condition)
        .service(lift_condition);
}

/// A condition on an enterprise (by credit code) or on a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConditionOut {
    pub id: Uuid,
    /// On the enterprise with this credit code (registered in the county or not)…
    pub credit_code: Option<String>,
    /// …or on this case.
    pub case_id: Option<Uuid>,
    /// The enterprise's name as the source gives it.
    pub enterprise_name: Option<String>,
    pub severity: ConditionSeverity,
    pub source: ConditionSource,
    /// The source's document number (决定文号).
    pub source_ref: Option<String>,
    pub reason: String,
    /// The first day in force.
    pub valid_from: NaiveDate,
    /// The day it ends (no longer in force that day); none: until lifted.
    pub valid_until: Option<NaiveDate>,
    /// Whether it is in force today (within its period and not lifted).
    pub in_force: bool,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub lifted_at: Option<DateTime<Utc>>,
    pub lifted_by: Option<Uuid>,
    pub lift_reason: Option<String>,
}

impl From<Condition> for ConditionOut {
    fn from(c: Condition) -> Self {
        ConditionOut {
            id: c.id,
            credit_code: c.credit_code,
            case_id: c.case_id,
            enterprise_name: c.enterprise_name,
            severity: c.severity,
            source: c.source,
            source_ref: c.source_ref,
            reason: c.reason,
            valid_from: c.valid_from,
            valid_until: c.valid_until,
            in_force: c.in_force,
            created_by: c.created_by,
            created_at: c.created_at,
            lifted_at: c.lifted_at,
            lifted_by: c.lifted_by,
            lift_reason: c.lift_reason,
        }
    }
}

/// Filters of the list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConditionQuery {
    /// On the enterprise with this credit code.
    pub credit_code: Option<String>,
    /// On this case.
    pub case_id: Option<Uuid>,
    pub severity: Option<ConditionSeverity>,
    /// In force today (`true`) or not (`false`).
    pub in_force: Option<bool>,
}

/// A new condition: on an enterprise (`credit_code`) or on a case (`case_id`), not both.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "credit_code": "91532326MA6K5XQX5N",
    "enterprise_name": "示例建材有限公司",
    "severity": "hold",
    "source": "court",
    "source_ref": "(2026)云2326执123号",
    "reason": "失信被执行人：未履行生效判决",
    "valid_from": "2026-12-01"
}))]
pub struct ConditionIn {
    /// 统一社会信用代码 of the enterprise (registered here or not).
    #[validate(custom(function = "fields::credit_code"))]
    pub credit_code: Option<String>,
    /// The case.
    pub case_id: Option<Uuid>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub enterprise_name: Option<String>,
    pub severity: ConditionSeverity,
    pub source: ConditionSource,
    /// The source's document number (决定文号).
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub source_ref: Option<String>,
    #[validate(custom(function = "fields::not_blank"), length(max = 1000))]
    #[schema(
        max_length = 1000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub reason: String,
    /// The first day in force.
    pub valid_from: NaiveDate,
    /// The day it ends (no longer in force that day), after `valid_from`.
    pub valid_until: Option<NaiveDate>,
}

fn field_error(e: &ConditionFieldError) -> FieldError {
    let field = e.field();
    match e {
        ConditionFieldError::Target => FieldError::new(
            field,
            "target",
            "请填写企业的统一社会信用代码或选择一个项目（二者选一）",
            "name either an enterprise's credit code or a case, not both",
        ),
        ConditionFieldError::CreditCode(c) => {
            let (code, zh, en) = fields::credit_code_messages(c);
            FieldError::new(field, code, zh, en)
        }
        ConditionFieldError::Reason(t) | ConditionFieldError::SourceRef(t) | ConditionFieldError::Name(t) => {
            let (code, zh, en) = fields::text_messages(t);
            FieldError::new(field, code, zh, en)
        }
        ConditionFieldError::Period => {
            FieldError::new(field, "period", "结束日期应晚于开始日期", "the end must come after the start")
        }
    }
}

impl TryFrom<ConditionIn> for NewCondition {
    type Error = ApiError;

    fn try_from(body: ConditionIn) -> Result<Self, ApiError> {
        NewCondition::parse(ConditionInput {
            credit_code: body.credit_code.as_deref(),
            case_id: body.case_id,
            enterprise_name: body.enterprise_name.as_deref(),
            severity: body.severity,
            source: body.source,
            source_ref: body.source_ref.as_deref(),
            reason: &body.reason,
            valid_from: body.valid_from,
            valid_until: body.valid_until,
        })
        .map_err(|errors| ApiError::Validation(errors.iter().map(field_error).collect()))
    }
}

/// Lifting a condition.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"reason": "已履行判决义务，法院决定移出"}))]
pub struct ConditionLiftIn {
    #[validate(custom(function = "fields::not_blank"), length(max = 1000))]
    #[schema(
        max_length = 1000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub reason: String,
}

/// How to import.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConditionImportQuery {
    /// Only answer what would be created or changed; nothing is written.
    #[serde(default)]
    pub dry_run: bool,
}

/// The list upload (`multipart/form-data`).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ConditionImportForm {
    /// The credit platform's list (.xlsx), columns as in docs/blacklist-template.md.
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
}

/// What the import did (or would do) to one row of the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConditionImportRowOut {
    /// The row in the file (the header is row 1).
    pub row: u32,
    pub credit_code: String,
    pub name: String,
    pub document_number: String,
    pub outcome: ImportOutcome,
    /// The record (none for a new one in a dry run).
    pub condition_id: Option<Uuid>,
    /// The enterprise registered in the county with the credit code, if any.
    pub enterprise_id: Option<Uuid>,
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Serialize, ToSchema)]
pub struct ConditionImportOut {
    pub dry_run: bool,
    pub created: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub rows: Vec<ConditionImportRowOut>,
}

impl From<ImportedEntry> for ConditionImportRowOut {
    fn from(e: ImportedEntry) -> Self {
        ConditionImportRowOut {
            row: e.row,
            credit_code: e.credit_code,
            name: e.name,
            document_number: e.document_number,
            outcome: e.outcome,
            condition_id: e.condition_id,
            enterprise_id: e.enterprise_id,
        }
    }
}

impl From<ImportReport> for ConditionImportOut {
    fn from(r: ImportReport) -> Self {
        ConditionImportOut {
            dry_run: r.dry_run,
            created: r.count(ImportOutcome::Created),
            changed: r.count(ImportOutcome::Changed),
            unchanged: r.count(ImportOutcome::Unchanged),
            rows: r.entries.into_iter().map(Into::into).collect(),
        }
    }
}

const READERS: &str = "The role may not read conditions (officials may; an enterprise's users may not)";
const MANAGERS: &str = "The role may not manage conditions (the office and the admin may)";

/// List the county's conditions, newest first (officials).
#[utoipa::path(
    tag = "conditions",
    operation_id = "listConditions",
    params(PageParams, ConditionQuery),
    responses(
        (status = 200, description = "A page of conditions", body = PageOut<ConditionOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = READERS, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/conditions")]
pub async fn list_conditions(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<ConditionQuery>,
) -> Result<web::Json<PageOut<ConditionOut>>, ApiError> {
    let q = query.into_inner();
    let filter = Filter { credit_code: q.credit_code, case_id: q.case_id, severity: q.severity, in_force: q.in_force };
    let page = service::list(&state.app, &auth.0, filter, page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, ConditionOut::from)))
}

/// Read one condition (officials).
#[utoipa::path(
    tag = "conditions",
    operation_id = "getCondition",
    params(("id" = Uuid, Path, description = "The condition")),
    responses(
        (status = 200, description = "The condition", body = ConditionOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = READERS, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such condition in the county", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/conditions/{id}")]
pub async fn get_condition(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<ConditionOut>, ApiError> {
    Ok(web::Json(service::get(&state.app, &auth.0, id.into_inner()).await?.into()))
}

/// Put a condition on an enterprise (by credit code) or a case.
///
/// A notice is shown to officials; a hold stops the enterprise's (or the case's) submission
/// and acceptance, naming the condition; a lock stops every change of the case (or of every
/// case of the enterprise) and its sheets. On a case, its history records it. The office and
/// the admin; audited.
#[utoipa::path(
    tag = "conditions",
    operation_id = "createCondition",
    request_body = ConditionIn,
    responses(
        (status = 201, description = "Added", body = ConditionOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = MANAGERS, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The case is closed (`invalid_transition`), or the source has a record with this document number for the enterprise (`source_ref` taken)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named; nothing stored", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/conditions")]
pub async fn create_condition(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<ConditionIn>,
) -> Result<actix_web::HttpResponse, ApiError> {
    let new = NewCondition::try_from(body.0)?;
    let c = service::add(&state.app, &auth.0, &request_meta(&req), new).await?;
    Ok(actix_web::HttpResponse::Created().json(ConditionOut::from(c)))
}

/// Lift a condition, with a reason (kept on it, audited and, on a case, in its history).
#[utoipa::path(
    tag = "conditions",
    operation_id = "liftCondition",
    request_body = ConditionLiftIn,
    params(("id" = Uuid, Path, description = "The condition")),
    responses(
        (status = 200, description = "Lifted", body = ConditionOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = MANAGERS, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such condition in the county", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Lifted already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/conditions/{id}/lift")]
pub async fn lift_condition(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidatedJson<ConditionLiftIn>,
) -> Result<web::Json<ConditionOut>, ApiError> {
    let c = service::lift(&state.app, &auth.0, &request_meta(&req), id.into_inner(), &body.0.reason).await?;
    Ok(web::Json(c.into()))
}

/// Import the credit platform's list (失信名单, .xlsx).
///
/// The sheet named 失信名单 (else the first) with the columns 统一社会信用代码, 名称, 列入原因,
/// 列入日期, 移出日期 (optional), 决定文号. Each row is a hold from the credit platform on the
/// enterprise with the credit code. All or nothing: every problem is listed in `errors`, each
/// `field` being `sheet/row/column` (`失信名单/3/列入日期`), and nothing is written. A row whose
/// credit code and document number are kept already changes nothing (unless its name, reason
/// or dates changed: then its record is updated). `dry_run` answers the same report and
/// writes nothing. The office and the admin; audited.
#[utoipa::path(
    tag = "conditions",
    operation_id = "importConditions",
    params(ConditionImportQuery),
    request_body(content = ConditionImportForm, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "Imported (or, for a dry run, what would be)", body = ConditionImportOut),
        (status = 400, description = "Not a multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = MANAGERS, body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The workbook is larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` part, not a workbook, or the list's problems (each named by sheet/row/column); nothing written", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/conditions/import")]
pub async fn import_conditions(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    query: web::Query<ConditionImportQuery>,
    mut payload: Multipart,
) -> Result<web::Json<ConditionImportOut>, ApiError> {
    let bytes = read_file(&mut payload).await?;
    let report = service::import_list(&state.app, &auth.0, &request_meta(&req), &bytes, query.dry_run).await?;
    Ok(web::Json(report.into()))
}
