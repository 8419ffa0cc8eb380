//! The tenant's message templates (admin): every notification kind with the placeholders
//! it offers, its built-in wording and the tenant's own per language; saving one (checked by
//! the domain, audited) and removing it (back to the built-in wording). [`load`] gives the
//! templates every reader and channel sees a notification with.

use butler_domain::audit::AuditAction;
use butler_domain::notice::template::{self, Template, TemplateError, TemplateField, Templates};
use butler_domain::notice::{Language, NotificationKind};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::message_templates::{self as repo, TemplateRow};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::audit_trail::{self, RequestMeta};
use crate::{AppError, Context};

/// A tenant's own wording of a kind in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Custom {
    pub title: String,
    pub body: String,
    pub updated_by: Uuid,
    pub updated_at: DateTime<Utc>,
}

/// A kind's wording in one language: the built-in one and the tenant's, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageTemplate {
    pub language: Language,
    pub default_title: &'static str,
    pub default_body: &'static str,
    /// The tenant's template, used instead of the default while it exists.
    pub custom: Option<Custom>,
}

/// A notification kind as the template editor shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindTemplates {
    pub kind: NotificationKind,
    pub placeholders: &'static [&'static str],
    /// Chinese first, then English.
    pub languages: Vec<LanguageTemplate>,
}

fn admin(actor: &Actor) -> Result<(), AppError> {
    Ok(authorize(actor, Action::ManageTemplates, Scope::tenant(actor.tenant_id))?)
}

fn language_template(kind: NotificationKind, language: Language, row: Option<&TemplateRow>) -> LanguageTemplate {
    let (default_title, default_body) = template::default_text(kind, language);
    LanguageTemplate {
        language,
        default_title,
        default_body,
        custom: row.map(|r| Custom {
            title: r.title.clone(),
            body: r.body.clone(),
            updated_by: r.updated_by,
            updated_at: r.updated_at,
        }),
    }
}

/// Every kind, in declaration order, with its placeholders, defaults and the tenant's
/// templates.
pub async fn list(ctx: &Context, actor: &Actor) -> Result<Vec<KindTemplates>, AppError> {
    admin(actor)?;
    let rows = repo::list(&ctx.db, actor.tenant_id).await?;
    Ok(NotificationKind::ALL
        .into_iter()
        .map(|kind| KindTemplates {
            kind,
            placeholders: template::placeholders(kind),
            languages: Language::ALL
                .into_iter()
                .map(|language| {
                    let row = rows.iter().find(|r| r.kind.0 == kind && r.language() == Some(language));
                    language_template(kind, language, row)
                })
                .collect(),
        })
        .collect())
}

/// The field error of a refused template, in Chinese and English.
fn refused(err: &TemplateError) -> AppError {
    let field = err.field().name();
    let (zh_field, en_field) = match err.field() {
        TemplateField::Title => ("标题", "the title"),
        TemplateField::Body => ("正文", "the body"),
    };
    match err {
        TemplateError::Empty { .. } => {
            AppError::field(field, "required", &format!("{zh_field}不能为空"), &format!("{en_field} is required"))
        }
        TemplateError::TooLong { max, .. } => AppError::field(
            field,
            "too_long",
            &format!("{zh_field}最多 {max} 个字"),
            &format!("{en_field} may have at most {max} characters"),
        ),
        TemplateError::UnknownPlaceholder { name, .. } => AppError::field(
            field,
            "unknown_placeholder",
            &format!("{zh_field}含有此类消息没有的占位符 {{{name}}}"),
            &format!("{en_field} names the placeholder {{{name}}}, which this kind of message does not offer"),
        ),
        TemplateError::UnbalancedBrace { .. } => AppError::field(
            field,
            "unbalanced_brace",
            &format!("{zh_field}的花括号不成对（字面花括号请写作 {{{{ 或 }}}}）"),
            &format!("{en_field} has an unbalanced brace (write {{{{ or }}}} for a literal brace)"),
        ),
    }
}

/// Saves the tenant's template of `kind` in `language`, replacing its earlier one; a
/// refused template changes nothing.
pub async fn put(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    kind: NotificationKind,
    language: Language,
    title: &str,
    body: &str,
) -> Result<LanguageTemplate, AppError> {
    admin(actor)?;
    Template::parse(kind, title, body).map_err(|e| refused(&e))?;
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let row = repo::save(&txn, actor.tenant_id, kind, language, title, body, actor.user_id, now).await?;
    let detail = serde_json::json!({"kind": kind, "language": language, "title": title, "body": body});
    audit_trail::record(&txn, meta, actor, AuditAction::MessageTemplateSet, detail, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(language_template(kind, language, Some(&row)))
}

/// Removes the tenant's template of `kind` in `language` (the built-in wording applies
/// again); removing one that is not there changes nothing.
pub async fn remove(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    kind: NotificationKind,
    language: Language,
) -> Result<(), AppError> {
    admin(actor)?;
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    if repo::delete(&txn, actor.tenant_id, kind, language).await? {
        let detail = serde_json::json!({"kind": kind, "language": language});
        audit_trail::record(&txn, meta, actor, AuditAction::MessageTemplateDeleted, detail, now).await?;
    }
    txn.commit().await.map_err(AppError::internal)?;
    Ok(())
}

/// The tenant's templates as notifications are rendered with them. A stored template that no
/// longer parses (a placeholder a later version dropped) is left out: its kind reads built-in.
pub async fn load(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Templates, AppError> {
    let mut templates = Templates::default();
    for row in repo::list(db, tenant_id).await? {
        let Some(language) = row.language() else { continue };
        match Template::parse(row.kind.0, &row.title, &row.body) {
            Ok(t) => templates.insert(language, t),
            Err(err) => {
                tracing::warn!(tenant = %tenant_id, kind = %row.kind.0, error = %err, "a stored message template no longer parses")
            }
        }
    }
    Ok(templates)
}
