//! The county's enterprises (项目建设单位): listing and searching them, reading one, and
//! registering one. An enterprise user sees only its own.

use butler_domain::credit_code::CreditCode;
use butler_domain::policy::{Action, Actor, Scope, authorize, enterprise_filter};
use butler_domain::text::{Name, Phone};
use butler_persistence::repo::enterprises::{self as repo, EnterpriseFilter, EnterpriseRow};
use uuid::Uuid;

use crate::Context;
use crate::error::AppError;
use crate::paging::{Page, PageRequest};
use crate::pii::Keyring;

/// Longest search text, in characters.
pub const SEARCH_MAX_CHARS: usize = 100;

/// An enterprise of the county.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enterprise {
    pub id: Uuid,
    pub name: String,
    /// 统一社会信用代码 (GB 32100-2015).
    pub credit_code: String,
    /// The contact person (企业联络员).
    pub contact_name: String,
    /// The contact's phone, in full: the web masks it.
    pub contact_phone: String,
    pub address: Option<String>,
}

impl Enterprise {
    /// The enterprise of a stored row, its contact's phone opened with `keys`.
    fn opened(keys: &Keyring, e: EnterpriseRow) -> Result<Self, AppError> {
        Ok(Enterprise {
            id: e.id,
            name: e.name,
            credit_code: e.credit_code,
            contact_name: e.contact_name,
            contact_phone: keys.open(&e.contact_phone)?,
            address: e.address,
        })
    }
}

/// An enterprise to register, its fields parsed already.
#[derive(Debug, Clone)]
pub struct NewEnterprise {
    pub name: Name,
    pub credit_code: CreditCode,
    pub contact_name: Name,
    pub contact_phone: Phone,
    /// Blank text counts as no address.
    pub address: Option<String>,
}

/// A page of the enterprises the caller may see; `search` is part of the name or the start of
/// the credit code (blank: all), at most [`SEARCH_MAX_CHARS`] characters.
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    search: Option<&str>,
    page: PageRequest,
) -> Result<Page<Enterprise>, AppError> {
    authorize(actor, Action::ListEnterprises, Scope::tenant(actor.tenant_id))?;
    let search = search.map(str::trim).filter(|q| !q.is_empty());
    if search.is_some_and(|q| q.chars().count() > SEARCH_MAX_CHARS) {
        return Err(AppError::field("q", "length", "不能超过 100 个字符", "at most 100 characters"));
    }
    let filter = EnterpriseFilter { only: enterprise_filter(actor), search };
    let page = repo::list(&ctx.db, actor.tenant_id, &filter, page.checked()?).await?;
    Page::from(page).try_map(|e| Enterprise::opened(&ctx.pii, e))
}

/// One enterprise; another tenant's, or for an enterprise user another enterprise's, is
/// [`AppError::NotFound`].
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<Enterprise, AppError> {
    let row = repo::get(&ctx.db, actor.tenant_id, id).await?;
    let scope = Scope { enterprise_id: Some(row.id), ..Scope::tenant(row.tenant_id) };
    authorize(actor, Action::ReadEnterprise, scope)?;
    Enterprise::opened(&ctx.pii, row)
}

/// Registers an enterprise; its credit code must not be registered already.
pub async fn create(ctx: &Context, actor: &Actor, new: NewEnterprise) -> Result<Enterprise, AppError> {
    authorize(actor, Action::CreateEnterprise, Scope::tenant(actor.tenant_id))?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let sealed_phone = ctx.pii.seal(new.contact_phone.as_str());
    let row = repo::create(
        &txn,
        actor.tenant_id,
        repo::NewEnterprise {
            name: new.name.as_str(),
            credit_code: new.credit_code.as_str(),
            contact_name: new.contact_name.as_str(),
            contact_phone: &sealed_phone,
            address: new.address.as_deref().map(str::trim).filter(|a| !a.is_empty()),
        },
        ctx.now(),
    )
    .await
    .map_err(AppError::taken(
        "credit_code",
        "该统一社会信用代码的企业已登记",
        "an enterprise with this credit code is registered already",
    ))?;
    txn.commit().await.map_err(AppError::internal)?;
    Enterprise::opened(&ctx.pii, row)
}
