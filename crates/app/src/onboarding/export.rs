//! A county in the onboarding workbook: everything the import reads, read back (no
//! passwords), so a new county can start from an existing one's workbook.

use butler_domain::api_access::AccountKind;
use butler_domain::catalog::template::TemplateItem;
use butler_domain::onboarding::{self, CountyWorkbook, WorkbookDay, WorkbookDepartment, WorkbookProfile, WorkbookUser};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::settings::CountySettings;
use butler_persistence::PageRequest;
use butler_persistence::repo::items::{self, ItemFilter};
use butler_persistence::repo::users::{self, UserFilter};
use butler_persistence::repo::{calendar, departments, public, settings};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;
use uuid::Uuid;

use super::workbook::workbook_bytes;
use crate::Context;
use crate::catalog_workbook::template_of_row;
use crate::error::AppError;
use crate::forms::{RenderedFile, XLSX};
use crate::pii::Keyring;
use crate::platform::find_county;

/// The county `tenant_id` as the workbook holds it: its settings in force, public profile,
/// departments, open accounts of its officials, catalog in force and local days.
pub async fn county_workbook(
    db: &impl ConnectionTrait,
    keys: &Keyring,
    tenant_id: Uuid,
) -> Result<CountyWorkbook, AppError> {
    let tenant = butler_persistence::repo::tenants::get(db, tenant_id).await?;
    let settings = match settings::current(db, tenant_id).await? {
        Some(row) => serde_json::from_str::<CountySettings>(&row.settings).map_err(AppError::internal)?,
        None => CountySettings::default(),
    };
    let profile = public::profile(db, tenant_id).await?.map(|p| WorkbookProfile {
        published: p.published,
        office_name: p.office_name,
        address: p.address,
        office_hours: p.office_hours,
        phone: p.phone,
        consultation_phone: p.consultation_phone,
        complaint_phone: p.complaint_phone,
        supervision_phone: p.supervision_phone,
        email: p.email,
        service_rules: p.service_rules,
        roster_disclosure: p.roster_disclosure.0,
    });
    let mut depts = departments::all(db, tenant_id).await?;
    depts.sort_by(|a, b| (a.position, &a.code).cmp(&(b.position, &b.code)));
    let codes: HashMap<Uuid, String> = depts.iter().map(|d| (d.id, d.code.clone())).collect();

    let mut people = Vec::new();
    let mut page = PageRequest::first(PageRequest::MAX_LIMIT);
    loop {
        let p = users::list(db, tenant_id, &UserFilter::default(), page).await?;
        people.extend(p.items);
        match p.next_cursor.and_then(|c| butler_persistence::Cursor::decode(&c).ok()) {
            Some(after) => page = PageRequest { limit: PageRequest::MAX_LIMIT, after: Some(after) },
            None => break,
        }
    }
    let users = people
        .into_iter()
        .filter(|u| {
            u.active
                && u.account_kind.0 == AccountKind::Person
                && !u.role.0.needs_enterprise()
                && !u.role.0.is_platform()
        })
        .map(|u| {
            Ok(WorkbookUser {
                username: u.username,
                display_name: u.display_name,
                role: u.role.0,
                department_code: u.department_id.and_then(|d| codes.get(&d).cloned()),
                phone: keys.open_opt(u.phone.as_deref())?,
                email: u.email,
                approval_work_since: u.approval_work_since,
            })
        })
        .collect::<Result<_, AppError>>()?;

    let mut catalog: Vec<TemplateItem> = Vec::new();
    let mut page = PageRequest::first(PageRequest::MAX_LIMIT);
    loop {
        let p = items::list_current(db, tenant_id, &ItemFilter::default(), page).await?;
        catalog.extend(p.items.iter().map(|i| {
            let code = codes.get(&i.item.department_id).map(String::as_str).unwrap_or_default();
            template_of_row(i, code)
        }));
        match p.next_cursor.and_then(|c| butler_persistence::Cursor::decode(&c).ok()) {
            Some(after) => page = PageRequest { limit: PageRequest::MAX_LIMIT, after: Some(after) },
            None => break,
        }
    }
    catalog.sort_by(|a, b| a.code.cmp(&b.code));

    let days = calendar::list(db, tenant_id)
        .await?
        .into_iter()
        .map(|d| WorkbookDay { date: d.date, working: d.working, name: d.name })
        .collect();
    Ok(CountyWorkbook {
        code: tenant.code,
        name: tenant.name,
        settings,
        profile,
        departments: depts
            .into_iter()
            .map(|d| WorkbookDepartment { code: d.code, name: d.name, short_name: d.short_name, phone: d.phone })
            .collect(),
        users,
        items: catalog,
        days,
    })
}

/// The workbook file of the county `code` (the command line: no actor).
pub async fn export_county_as(db: &impl ConnectionTrait, keys: &Keyring, code: &str) -> Result<RenderedFile, AppError> {
    let county = find_county(db, code).await?;
    let w = county_workbook(db, keys, county.id).await?;
    let bytes = workbook_bytes(&onboarding::print(&w))?;
    Ok(RenderedFile { file_name: format!("县开通工作簿-{code}.xlsx"), content_type: XLSX, bytes })
}

/// The workbook file of the county `code` (the platform administrator).
pub async fn export_county(ctx: &Context, actor: &Actor, code: &str) -> Result<RenderedFile, AppError> {
    let county = find_county(&ctx.db, code).await?;
    authorize(actor, Action::ManageCounties, Scope::tenant(county.id))?;
    export_county_as(&ctx.db, &ctx.pii, code).await
}
