//! The tenant's message templates (消息模板, admin): per notification kind and language, the
//! placeholders offered, the built-in wording and the tenant's own.

use actix_web::{HttpRequest, HttpResponse, delete, get, put, web};
use butler_app::templates::{self, Custom, KindTemplates, LanguageTemplate};
use butler_domain::notice::{Language, NotificationKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson};
use crate::middleware::request_meta;
use crate::state::AppState;

/// A language a template is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum TemplateLanguage {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl From<TemplateLanguage> for Language {
    fn from(l: TemplateLanguage) -> Self {
        match l {
            TemplateLanguage::ZhCn => Language::Chinese,
            TemplateLanguage::En => Language::English,
        }
    }
}

impl From<Language> for TemplateLanguage {
    fn from(l: Language) -> Self {
        match l {
            Language::Chinese => TemplateLanguage::ZhCn,
            Language::English => TemplateLanguage::En,
        }
    }
}

/// The tenant's own wording.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomTemplateOut {
    pub title: String,
    pub body: String,
    pub updated_by: Uuid,
    pub updated_at: DateTime<Utc>,
}

/// A kind's wording in one language.
#[derive(Debug, Serialize, ToSchema)]
pub struct LanguageTemplateOut {
    pub language: TemplateLanguage,
    /// The built-in title, written as a template.
    pub default_title: String,
    /// The built-in body, written as a template.
    pub default_body: String,
    /// The tenant's template, used instead of the built-in wording; `null` when it has none.
    pub custom: Option<CustomTemplateOut>,
}

/// A notification kind with its templates.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "kind": "task_dispatched",
    "placeholders": ["project", "project_name", "case_number", "item"],
    "languages": [{
        "language": "zh-CN",
        "default_title": "新任务单：{item}",
        "default_body": "{project}的“{item}”已分送贵部门，请于 30 分钟内回执。",
        "custom": null
    }]
}))]
pub struct KindTemplatesOut {
    pub kind: NotificationKind,
    /// The placeholders its texts may use, each written `{name}`.
    pub placeholders: Vec<String>,
    /// Chinese first, then English.
    pub languages: Vec<LanguageTemplateOut>,
}

/// Every kind's templates.
#[derive(Debug, Serialize, ToSchema)]
pub struct TemplatesOut {
    pub items: Vec<KindTemplatesOut>,
}

/// A template to save.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"title": "新任务：{item}", "body": "{project}的“{item}”请尽快回执。"}))]
pub struct TemplateIn {
    /// At most 200 characters; `{name}` is a placeholder, `{{` and `}}` literal braces.
    pub title: String,
    /// At most 1000 characters.
    pub body: String,
}

impl From<Custom> for CustomTemplateOut {
    fn from(c: Custom) -> Self {
        CustomTemplateOut { title: c.title, body: c.body, updated_by: c.updated_by, updated_at: c.updated_at }
    }
}

impl From<LanguageTemplate> for LanguageTemplateOut {
    fn from(t: LanguageTemplate) -> Self {
        LanguageTemplateOut {
            language: t.language.into(),
            default_title: t.default_title.to_owned(),
            default_body: t.default_body.to_owned(),
            custom: t.custom.map(Into::into),
        }
    }
}

impl From<KindTemplates> for KindTemplatesOut {
    fn from(k: KindTemplates) -> Self {
        KindTemplatesOut {
            kind: k.kind,
            placeholders: k.placeholders.iter().map(|p| (*p).to_owned()).collect(),
            languages: k.languages.into_iter().map(Into::into).collect(),
        }
    }
}

/// Every notification kind's templates (admin).
#[utoipa::path(
    tag = "templates",
    operation_id = "listMessageTemplates",
    responses(
        (status = 200, description = "Each kind with its placeholders, defaults and the tenant's templates", body = TemplatesOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/templates")]
pub async fn list_message_templates(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<web::Json<TemplatesOut>, ApiError> {
    let items = templates::list(&state.app, &auth.0).await?;
    Ok(web::Json(TemplatesOut { items: items.into_iter().map(Into::into).collect() }))
}

/// Save the tenant's template of a kind in a language (admin).
///
/// Replaces the tenant's earlier one. A title or body that is empty, too long, has an
/// unbalanced brace or names a placeholder the kind does not offer answers 422 on that field
/// and changes nothing.
#[utoipa::path(
    tag = "templates",
    operation_id = "putMessageTemplate",
    request_body = TemplateIn,
    params(
        ("kind" = NotificationKind, Path, description = "The notification kind"),
        ("language" = TemplateLanguage, Path, description = "`zh-CN` or `en`"),
    ),
    responses(
        (status = 200, description = "Saved", body = LanguageTemplateOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/templates/{kind}/{language}")]
pub async fn put_message_template(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    path: web::Path<(NotificationKind, TemplateLanguage)>,
    body: ValidatedJson<TemplateIn>,
) -> Result<web::Json<LanguageTemplateOut>, ApiError> {
    let (kind, language) = path.into_inner();
    let body = body.0;
    let saved =
        templates::put(&state.app, &auth.0, &request_meta(&req), kind, language.into(), &body.title, &body.body)
            .await?;
    Ok(web::Json(saved.into()))
}

/// Remove the tenant's template of a kind in a language (admin); the built-in wording
/// applies again.
#[utoipa::path(
    tag = "templates",
    operation_id = "deleteMessageTemplate",
    params(
        ("kind" = NotificationKind, Path, description = "The notification kind"),
        ("language" = TemplateLanguage, Path, description = "`zh-CN` or `en`"),
    ),
    responses(
        (status = 204, description = "Removed (or there was none)"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/admin/templates/{kind}/{language}")]
pub async fn delete_message_template(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    path: web::Path<(NotificationKind, TemplateLanguage)>,
) -> Result<HttpResponse, ApiError> {
    let (kind, language) = path.into_inner();
    templates::remove(&state.app, &auth.0, &request_meta(&req), kind, language.into()).await?;
    Ok(HttpResponse::NoContent().finish())
}
