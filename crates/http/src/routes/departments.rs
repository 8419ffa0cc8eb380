use actix_web::{HttpResponse, get, post, web};
use butler_app::departments::{self, Department, NewDepartment};
use butler_domain::text::{Code, Name, Phone};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::fields;
use crate::state::AppState;

/// A department of the county (one of the ~20 members of the leading group).
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentOut {
    pub id: Uuid,
    /// A stable code (`natural-resources`); agents' demo user names are built from it.
    pub code: String,
    /// The full name (`示例县自然资源局`).
    pub name: String,
    /// The short name users say (`自然资源局`).
    pub short_name: String,
    pub phone: Option<String>,
}

impl From<Department> for DepartmentOut {
    fn from(d: Department) -> Self {
        DepartmentOut { id: d.id, code: d.code, name: d.name, short_name: d.short_name, phone: d.phone }
    }
}

/// A new department.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"code": "natural-resources", "name": "示例县自然资源局", "short_name": "自然资源局"}))]
pub struct DepartmentIn {
    #[validate(custom(function = "fields::code"))]
    #[schema(pattern = r"^ *[a-z][a-z0-9_-]{1,63} *$")]
    pub code: String,
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub name: String,
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub short_name: String,
    #[validate(custom(function = "fields::phone"))]
    #[schema(pattern = r"^(?:[ -]*1[ -]*[3-9](?:[ -]*[0-9]){9}|[ ]*0(?:[ -]*[0-9]){9,11})[ -]*$")]
    pub phone: Option<String>,
}

/// List the tenant's departments.
#[utoipa::path(
    tag = "departments",
    operation_id = "listDepartments",
    params(PageParams),
    responses(
        (status = 200, description = "A page of departments", body = PageOut<DepartmentOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/departments")]
pub async fn list_departments(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
) -> Result<web::Json<PageOut<DepartmentOut>>, ApiError> {
    let page = departments::list(&state.app, &auth.0, page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, DepartmentOut::from)))
}

/// Add a department (admin).
#[utoipa::path(
    tag = "departments",
    operation_id = "createDepartment",
    request_body = DepartmentIn,
    responses(
        (status = 201, description = "Created", body = DepartmentOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/departments")]
pub async fn create_department(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: ValidatedJson<DepartmentIn>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    // Validated above; parsing again yields the normalised values.
    let new = NewDepartment {
        code: Code::parse(&body.code).map_err(|e| fields::to_api("code", e))?,
        name: Name::parse(&body.name).map_err(|e| fields::to_api("name", e))?,
        short_name: Name::parse(&body.short_name).map_err(|e| fields::to_api("short_name", e))?,
        phone: body.phone.as_deref().map(Phone::parse).transpose().map_err(|e| fields::to_api("phone", e))?,
    };
    let department = departments::create(&state.app, &auth.0, new).await?;
    Ok(HttpResponse::Created().json(DepartmentOut::from(department)))
}
