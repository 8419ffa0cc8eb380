//! The columns holding personal numbers, walked in batches to re-seal them (after a key
//! rotation, or to seal values written before encryption at rest). The columns hold sealed
//! text: nothing here reads or compares a number in the clear.

use butler_domain::personal::PersonalNumber;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::{case, complaint, consultation, enterprise, user};

/// One stored value: its row and the text the column holds (`None`: no number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredNumber {
    pub id: Uuid,
    pub value: Option<String>,
}

macro_rules! page_of {
    ($db:expr, $module:ident, $column:ident, $after:expr, $limit:expr) => {{
        use $module::{Column, Entity};
        let mut query = Entity::find()
            .select_only()
            .column(Column::Id)
            .column(Column::$column)
            .order_by_asc(Column::Id)
            .limit($limit);
        if let Some(after) = $after {
            query = query.filter(Column::Id.gt(after));
        }
        query.into_tuple::<(Uuid, Option<String>)>().all($db).await?
    }};
}

macro_rules! replace_in {
    ($db:expr, $module:ident, $column:ident, $id:expr, $old:expr, $new:expr) => {{
        use $module::{Column, Entity};
        Entity::update_many()
            .col_expr(Column::$column, Expr::value($new.to_owned()))
            .filter(Column::Id.eq($id))
            .filter(Column::$column.eq($old.to_owned()))
            .exec($db)
            .await?
            .rows_affected
    }};
}

/// Up to `limit` rows of `number`'s column after the row `after`, in the order of their ids
/// (every tenant's: re-sealing is maintenance of the whole database).
pub async fn page(
    db: &impl ConnectionTrait,
    number: PersonalNumber,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<StoredNumber>, StoreError> {
    let rows = match number {
        PersonalNumber::CaseContact => page_of!(db, case, ContactPhone, after, limit),
        PersonalNumber::EnterpriseContact => page_of!(db, enterprise, ContactPhone, after, limit),
        PersonalNumber::UserPhone => page_of!(db, user, Phone, after, limit),
        PersonalNumber::ConsultationMobile => page_of!(db, consultation, Mobile, after, limit),
        PersonalNumber::ComplaintMobile => page_of!(db, complaint, Mobile, after, limit),
    };
    Ok(rows.into_iter().map(|(id, value)| StoredNumber { id, value }).collect())
}

/// Puts `new` in place of `old` in row `id`'s column; false when the row holds something else
/// by now (changed meanwhile: the new value is sealed under the current key anyway).
pub async fn replace(
    db: &impl ConnectionTrait,
    number: PersonalNumber,
    id: Uuid,
    old: &str,
    new: &str,
) -> Result<bool, StoreError> {
    let affected = match number {
        PersonalNumber::CaseContact => replace_in!(db, case, ContactPhone, id, old, new),
        PersonalNumber::EnterpriseContact => replace_in!(db, enterprise, ContactPhone, id, old, new),
        PersonalNumber::UserPhone => replace_in!(db, user, Phone, id, old, new),
        PersonalNumber::ConsultationMobile => replace_in!(db, consultation, Mobile, id, old, new),
        PersonalNumber::ComplaintMobile => replace_in!(db, complaint, Mobile, id, old, new),
    };
    Ok(affected == 1)
}
