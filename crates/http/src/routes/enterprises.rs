use actix_web::{HttpResponse, get, post, web};
use butler_app::enterprises::{self, Enterprise, NewEnterprise};
use butler_domain::credit_code::CreditCode;
use butler_domain::text::{Name, Phone, mask_middle};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::fields;
use crate::state::AppState;

/// An enterprise (项目建设单位) of the county.
#[derive(Debug, Serialize, ToSchema)]
pub struct EnterpriseOut {
    pub id: Uuid,
    pub name: String,
    /// 统一社会信用代码 (GB 32100-2015).
    pub credit_code: String,
    /// The contact person (企业联络员).
    pub contact_name: String,
    /// The contact's phone, masked (`138****0001`).
    pub contact_phone_masked: String,
    pub address: Option<String>,
    /// The conditions in force on the enterprise (by its credit code), strongest first; on
    /// `getEnterprise` for officials only (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<crate::routes::conditions::ConditionOut>>,
}

impl From<Enterprise> for EnterpriseOut {
    fn from(e: Enterprise) -> Self {
        EnterpriseOut {
            id: e.id,
            name: e.name,
            credit_code: e.credit_code,
            contact_name: e.contact_name,
            contact_phone_masked: mask_middle(&e.contact_phone),
            address: e.address,
            conditions: None,
        }
    }
}

/// A new enterprise.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "name": "示例新材料有限公司",
    "credit_code": "91532326MA6K000017",
    "contact_name": "周晓明",
    "contact_phone": "13800000031"
}))]
pub struct EnterpriseIn {
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub name: String,
    /// 统一社会信用代码, 18 characters with a valid check character.
    #[validate(custom(function = "fields::credit_code"))]
    pub credit_code: String,
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub contact_name: String,
    #[validate(custom(function = "fields::phone"))]
    #[schema(pattern = r"^(?:[ -]*1[ -]*[3-9](?:[ -]*[0-9]){9}|[ ]*0(?:[ -]*[0-9]){9,11})[ -]*$")]
    pub contact_phone: String,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub address: Option<String>,
}

/// Filters of the enterprise list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EnterpriseQuery {
    /// Part of the name, or the start of the unified social credit code (1–100 characters).
    pub q: Option<String>,
}

/// List enterprises.
///
/// An enterprise user sees only its own.
#[utoipa::path(
    tag = "enterprises",
    operation_id = "listEnterprises",
    params(PageParams, EnterpriseQuery),
    responses(
        (status = 200, description = "A page of enterprises", body = PageOut<EnterpriseOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/enterprises")]
pub async fn list_enterprises(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<EnterpriseQuery>,
) -> Result<web::Json<PageOut<EnterpriseOut>>, ApiError> {
    let page = enterprises::list(&state.app, &auth.0, query.q.as_deref(), page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, EnterpriseOut::from)))
}

/// Read one enterprise.
///
/// Another tenant's, or for an enterprise user another enterprise's, answers 404.
#[utoipa::path(
    tag = "enterprises",
    operation_id = "getEnterprise",
    params(("id" = Uuid, Path, description = "The enterprise's id")),
    responses(
        (status = 200, description = "The enterprise", body = EnterpriseOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such enterprise for this caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/enterprises/{id}")]
pub async fn get_enterprise(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<EnterpriseOut>, ApiError> {
    let enterprise = enterprises::get(&state.app, &auth.0, id.into_inner()).await?;
    let conditions = butler_app::conditions::on_enterprise(&state.app, &auth.0, &enterprise.credit_code).await?;
    Ok(web::Json(EnterpriseOut {
        conditions: conditions.map(|all| all.into_iter().map(Into::into).collect()),
        ..enterprise.into()
    }))
}

/// Register an enterprise.
#[utoipa::path(
    tag = "enterprises",
    operation_id = "createEnterprise",
    request_body = EnterpriseIn,
    responses(
        (status = 201, description = "Created", body = EnterpriseOut),
        (status = 403, description = "The role may not register enterprises", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An enterprise with this credit code exists", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (e.g. the credit code's check character)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/enterprises")]
pub async fn create_enterprise(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: ValidatedJson<EnterpriseIn>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    let new = NewEnterprise {
        name: Name::parse(&body.name).map_err(|e| fields::to_api("name", e))?,
        credit_code: CreditCode::parse(&body.credit_code).map_err(|e| fields::credit_code_to_api("credit_code", e))?,
        contact_name: Name::parse(&body.contact_name).map_err(|e| fields::to_api("contact_name", e))?,
        contact_phone: Phone::parse(&body.contact_phone).map_err(|e| fields::to_api("contact_phone", e))?,
        address: body.address,
    };
    let enterprise = enterprises::create(&state.app, &auth.0, new).await?;
    Ok(HttpResponse::Created().json(EnterpriseOut::from(enterprise)))
}
