//! Each tenant's message templates, one per notification kind and language.

use butler_domain::notice::{Language, NotificationKind};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::message_template::{self, Entity as MessageTemplate};
use crate::{Code, StoreError};

pub use message_template::Model as TemplateRow;

impl TemplateRow {
    /// The row's language; `None` for a tag this version does not write.
    pub fn language(&self) -> Option<Language> {
        Language::from_tag(&self.language)
    }
}

/// The tenant's templates, by kind then language.
pub async fn list(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Vec<TemplateRow>, StoreError> {
    Ok(MessageTemplate::find()
        .filter(message_template::Column::TenantId.eq(tenant_id))
        .order_by_asc(message_template::Column::Kind)
        .order_by_asc(message_template::Column::Language)
        .all(db)
        .await?)
}

/// The tenant's template of `kind` in `language`, if it wrote one.
pub async fn get(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    kind: NotificationKind,
    language: Language,
) -> Result<Option<TemplateRow>, StoreError> {
    Ok(MessageTemplate::find_by_id((tenant_id, Code(kind), language.tag().to_owned())).one(db).await?)
}

/// Writes the tenant's template of `kind` in `language` (creating or replacing it).
#[allow(clippy::too_many_arguments)]
pub async fn save(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    kind: NotificationKind,
    language: Language,
    title: &str,
    body: &str,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<TemplateRow, StoreError> {
    let row = message_template::ActiveModel {
        tenant_id: Set(tenant_id),
        kind: Set(Code(kind)),
        language: Set(language.tag().to_owned()),
        title: Set(title.to_owned()),
        body: Set(body.to_owned()),
        updated_by: Set(by),
        updated_at: Set(now),
    };
    MessageTemplate::insert(row)
        .on_conflict(
            OnConflict::columns([
                message_template::Column::TenantId,
                message_template::Column::Kind,
                message_template::Column::Language,
            ])
            .update_columns([
                message_template::Column::Title,
                message_template::Column::Body,
                message_template::Column::UpdatedBy,
                message_template::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    get(db, tenant_id, kind, language).await?.ok_or(StoreError::NotFound)
}

/// Removes the tenant's template of `kind` in `language`; whether there was one.
pub async fn delete(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    kind: NotificationKind,
    language: Language,
) -> Result<bool, StoreError> {
    let done = MessageTemplate::delete_many()
        .filter(message_template::Column::TenantId.eq(tenant_id))
        .filter(message_template::Column::Kind.eq(Code(kind)))
        .filter(message_template::Column::Language.eq(language.tag()))
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}
