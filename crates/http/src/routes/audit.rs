//! The security audit log (审计日志, 等保 2.0): the admin reads and exports the county's
//! trail (who did what, when, from where, with what outcome), the platform administrator the
//! platform's. Filters are optional and all hold; pages run newest first. Nothing here changes
//! or deletes an entry: the database refuses to, and the sweep removes entries only past the
//! configured retention (at least 180 days).

use actix_web::{HttpRequest, HttpResponse, get, web};
use butler_app::audit_log::{self, AuditLogEntry, AuditLogQuery};
use butler_domain::audit::{AuditAction, AuditOutcome};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::dto::{PageOut, RoleCode, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, PlatformAdmin};
use crate::middleware::request_meta;
use crate::routes::forms::download;
use crate::state::AppState;

/// Registers the audit log's routes (the county's and the platform's).
pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(list_audit_log)
        .service(export_audit_log)
        .service(list_platform_audit_log)
        .service(export_platform_audit_log);
}

/// One entry of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryOut {
    pub id: Uuid,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The tenant whose trail holds it.
    pub tenant_id: Option<Uuid>,
    /// Who: the account (null for the public, and for a sign-in with an unknown user name).
    pub user_id: Option<Uuid>,
    /// The account's display name.
    pub user_name: Option<String>,
    /// The account's role.
    pub user_role: Option<RoleCode>,
    pub action: AuditAction,
    pub outcome: AuditOutcome,
    /// From where: the client's address.
    pub ip: Option<String>,
    /// The request it was recorded in (the `X-Request-Id` the server answered).
    pub request_id: Option<String>,
    /// What the action touched: ids, names, the fields changed (never a password or a key).
    #[schema(value_type = Option<Object>)]
    pub detail: Option<serde_json::Value>,
}

impl From<AuditLogEntry> for AuditEntryOut {
    fn from(e: AuditLogEntry) -> Self {
        AuditEntryOut {
            id: e.id,
            at: e.at,
            tenant_id: e.tenant_id,
            user_id: e.user_id,
            user_name: e.user_name,
            user_role: e.user_role.map(RoleCode::from),
            action: e.action,
            outcome: e.outcome,
            ip: e.ip,
            request_id: e.request_id,
            detail: e.detail,
        }
    }
}

/// Filters of the audit log; every one is optional and they all hold.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditLogParams {
    /// Only entries of this user's doing.
    pub user_id: Option<Uuid>,
    /// Only this action.
    pub action: Option<AuditAction>,
    /// Only this outcome.
    pub outcome: Option<AuditOutcome>,
    /// Only entries at or after this instant (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Only entries before this instant (RFC 3339); after `from`.
    pub until: Option<DateTime<Utc>>,
    /// Only entries from this client address (exactly; at most 64 characters).
    pub ip: Option<String>,
    /// Only entries of this request id (exactly; at most 64 characters).
    pub request_id: Option<String>,
}

impl AuditLogParams {
    fn query(&self) -> AuditLogQuery {
        AuditLogQuery {
            user_id: self.user_id,
            action: self.action,
            outcome: self.outcome,
            from: self.from,
            until: self.until,
            ip: self.ip.clone(),
            request_id: self.request_id.clone(),
        }
    }
}

/// List the county's audit log (admin), newest first.
///
/// Sign-ins and their failures and lockouts, password changes, and every privileged change
/// (accounts, catalog, calendar, settings, clients, subscriptions…), each with who, when, the
/// client address, the request id and what it touched.
#[utoipa::path(
    tag = "audit",
    operation_id = "listAuditLog",
    params(PageParams, AuditLogParams),
    responses(
        (status = 200, description = "A page of entries, newest first", body = PageOut<AuditEntryOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the county's admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A range ending before it starts, an over-long filter, a bad limit or cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit-log")]
pub async fn list_audit_log(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    params: web::Query<AuditLogParams>,
) -> Result<web::Json<PageOut<AuditEntryOut>>, ApiError> {
    let page = audit_log::list(&state.app, &auth.0, &params.query(), page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, AuditEntryOut::from)))
}

/// Export the county's audit log as an Excel workbook (admin).
///
/// The entries `listAuditLog` reads for the same filters, newest first, at most 10 000 (more:
/// 422 on `until`, narrow the range). The export is itself recorded (`audit_log_exported`).
#[utoipa::path(
    tag = "audit",
    operation_id = "exportAuditLog",
    params(AuditLogParams),
    responses(
        (status = 200, description = "The audit log (.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::download::FileBytes,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''审计日志.xlsx"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the county's admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A range ending before it starts, an over-long filter, or more than 10 000 entries", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit-log/export.xlsx")]
pub async fn export_audit_log(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    params: web::Query<AuditLogParams>,
) -> Result<HttpResponse, ApiError> {
    let meta = request_meta(&req);
    Ok(download(audit_log::export(&state.app, &auth.0, &meta, &params.query()).await?))
}

/// List the platform's audit log (platform administrator), newest first.
///
/// The platform administrators' sign-ins and their changes of counties and of the national
/// calendar; a county's own trail is its admin's to read.
#[utoipa::path(
    tag = "platform",
    operation_id = "listPlatformAuditLog",
    params(PageParams, AuditLogParams),
    responses(
        (status = 200, description = "A page of entries, newest first", body = PageOut<AuditEntryOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a platform administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A range ending before it starts, an over-long filter, a bad limit or cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/platform/audit-log")]
pub async fn list_platform_audit_log(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    page: web::Query<PageParams>,
    params: web::Query<AuditLogParams>,
) -> Result<web::Json<PageOut<AuditEntryOut>>, ApiError> {
    let page = audit_log::list(&state.app, &auth.0, &params.query(), page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, AuditEntryOut::from)))
}

/// Export the platform's audit log as an Excel workbook (platform administrator).
///
/// As `exportAuditLog`, for the platform's own trail; recorded there.
#[utoipa::path(
    tag = "platform",
    operation_id = "exportPlatformAuditLog",
    params(AuditLogParams),
    responses(
        (status = 200, description = "The audit log (.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::download::FileBytes,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''审计日志.xlsx"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a platform administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A range ending before it starts, an over-long filter, or more than 10 000 entries", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/platform/audit-log/export.xlsx")]
pub async fn export_platform_audit_log(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    req: HttpRequest,
    params: web::Query<AuditLogParams>,
) -> Result<HttpResponse, ApiError> {
    let meta = request_meta(&req);
    Ok(download(audit_log::export(&state.app, &auth.0, &meta, &params.query()).await?))
}
