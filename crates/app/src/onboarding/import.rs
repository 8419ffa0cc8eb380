//! Importing the onboarding workbook: the whole county in one transaction.

use butler_domain::audit::AuditAction;
use std::collections::HashMap;

use butler_domain::onboarding::{self, CountyWorkbook, OnboardingError, WorkbookText};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::role::Role;
use butler_domain::settings::TenantKind;
use butler_persistence::repo::departments::{self, NewDepartment};
use butler_persistence::repo::public::{self, ProfileValues};
use butler_persistence::repo::tenants::{self, NewTenant};
use butler_persistence::repo::users::{self, NewUser};
use butler_persistence::repo::{calendar, settings};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::workbook::workbook_text;
use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::catalog_workbook::{self, ImportOptions, ImportReport};
use crate::error::{AppError, FieldError};
use crate::password;
use crate::password::generate_initial;

/// How to onboard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OnboardOptions {
    /// Only answer what would be created; nothing is written and no password is made.
    pub dry_run: bool,
}

/// A user the import created (or would create).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_code: Option<String>,
    /// The initial password, shown this once (never stored in clear, never in a dry run); the
    /// user must change it at first sign-in.
    pub initial_password: Option<String>,
}

/// What onboarding created (or, for a dry run, would create).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnboardReport {
    pub dry_run: bool,
    pub code: String,
    pub name: String,
    /// The settings version written (1).
    pub settings_version: i32,
    /// Whether a public profile was written.
    pub profile: bool,
    /// Department codes, in the workbook's order.
    pub departments: Vec<String>,
    pub users: Vec<CreatedUser>,
    /// The catalog's items, as the catalog import reports them.
    pub catalog: ImportReport,
    /// Local calendar days written.
    pub calendar_days: usize,
}

/// The workbook's problems as field errors: the field is `sheet/row/column`.
pub fn onboarding_errors(errors: &[OnboardingError]) -> AppError {
    AppError::Validation(errors.iter().map(|e| FieldError::new(e.path(), e.code(), e.zh(), e.en())).collect())
}

/// Checks the workbook's text and creates the county through `db` (the caller's transaction;
/// nothing is written unless every row is right). `created_by` is the platform administrator
/// onboarding it, `None` from the command line. A dry run writes the same rows as the real
/// import (the caller rolls back) but makes no passwords.
pub async fn onboard_text(
    db: &impl ConnectionTrait,
    keys: &crate::pii::Keyring,
    text: &WorkbookText,
    options: OnboardOptions,
    created_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<OnboardReport, AppError> {
    let taken = match onboarding::county_code(text) {
        Some(code) => tenants::find_by_code(db, &code).await?.is_some(),
        None => false,
    };
    let w = onboarding::parse(text, taken).map_err(|e| onboarding_errors(&e))?;
    write(db, keys, &w, options, created_by, now).await
}

async fn write(
    db: &impl ConnectionTrait,
    keys: &crate::pii::Keyring,
    w: &CountyWorkbook,
    options: OnboardOptions,
    created_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<OnboardReport, AppError> {
    let county = tenants::create(
        db,
        NewTenant {
            code: &w.code,
            name: &w.name,
            investment_threshold_fen: w.settings.investment_threshold_fen,
            time_zone: "Asia/Shanghai",
            kind: TenantKind::County,
        },
        now,
    )
    .await
    .map_err(AppError::taken("县/2/编码", "已有县使用此编码", "another county has this code"))?;
    let target = i32::try_from(w.settings.target_working_days).map_err(AppError::internal)?;
    tenants::set_target_working_days(db, county.id, target).await?;
    let json = serde_json::to_string(&w.settings).map_err(AppError::internal)?;
    let version = settings::append(db, county.id, 1, json, Some("开通工作簿".to_owned()), created_by, now).await?;

    let mut department_ids: HashMap<&str, Uuid> = HashMap::new();
    for (position, d) in w.departments.iter().enumerate() {
        let row = departments::create(
            db,
            county.id,
            NewDepartment {
                code: &d.code,
                name: &d.name,
                short_name: &d.short_name,
                phone: d.phone.as_deref(),
                position: i32::try_from(position + 1).unwrap_or(i32::MAX),
            },
            now,
        )
        .await?;
        department_ids.insert(d.code.as_str(), row.id);
    }

    let mut created = Vec::with_capacity(w.users.len());
    let mut first_admin = None;
    for u in &w.users {
        let password = (!options.dry_run).then(generate_initial);
        // A dry run stores a hash no password matches (it is rolled back anyway).
        let hash = match &password {
            Some(p) => password::hash_blocking(p.expose().to_owned()).await?,
            None => "!".to_owned(),
        };
        let department_id = u.department_code.as_deref().and_then(|c| department_ids.get(c).copied());
        let sealed_phone = keys.seal_opt(u.phone.as_deref());
        let row = users::create(
            db,
            county.id,
            NewUser {
                username: &u.username,
                display_name: &u.display_name,
                role: u.role,
                department_id,
                enterprise_id: None,
                phone: sealed_phone.as_deref(),
                email: u.email.as_deref(),
                password_hash: &hash,
                approval_work_since: u.approval_work_since,
            },
            now,
        )
        .await?;
        users::set_must_change_password(db, row.id, true, now).await?;
        if u.role == Role::Admin && first_admin.is_none() {
            first_admin = Some(row.id);
        }
        created.push(CreatedUser {
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role,
            department_code: u.department_code.clone(),
            initial_password: password.map(|p| p.expose().to_owned()),
        });
    }

    if let Some(p) = &w.profile {
        let values = ProfileValues {
            published: p.published,
            office_name: p.office_name.clone(),
            address: p.address.clone(),
            office_hours: p.office_hours.clone(),
            phone: p.phone.clone(),
            consultation_phone: p.consultation_phone.clone(),
            complaint_phone: p.complaint_phone.clone(),
            supervision_phone: p.supervision_phone.clone(),
            email: p.email.clone(),
            service_rules: p.service_rules.clone(),
        };
        let by = created_by.or(first_admin).unwrap_or_default();
        public::save_profile(db, county.id, values, p.roster_disclosure, by, now).await?;
    }

    let catalog_text = onboarding::print(w).catalog;
    let catalog = catalog_workbook::import_items(
        db,
        county.id,
        &catalog_text,
        ImportOptions { publish: true, dry_run: false },
        now,
    )
    .await?;

    for day in &w.days {
        calendar::upsert(db, county.id, day.date, day.working, &day.name).await?;
    }

    Ok(OnboardReport {
        dry_run: options.dry_run,
        code: w.code.clone(),
        name: w.name.clone(),
        settings_version: version.version,
        profile: w.profile.is_some(),
        departments: w.departments.iter().map(|d| d.code.clone()).collect(),
        users: created,
        catalog: ImportReport { dry_run: options.dry_run, ..catalog },
        calendar_days: w.days.len(),
    })
}

/// Onboards a county from the workbook `bytes` (the platform administrator): all or nothing
/// in one transaction, with its record in the platform's audit trail (never a password); a
/// dry run writes nothing.
pub async fn onboard(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    bytes: &[u8],
    options: OnboardOptions,
) -> Result<OnboardReport, AppError> {
    authorize(actor, Action::ManageCounties, Scope::tenant(actor.tenant_id))?;
    let text = workbook_text(bytes)?;
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let report = onboard_text(&txn, &ctx.pii, &text, options, Some(actor.user_id), now).await?;
    if options.dry_run {
        txn.rollback().await?;
        return Ok(report);
    }
    let detail = serde_json::json!({
        "code": report.code,
        "name": report.name,
        "departments": report.departments.len(),
        "users": report.users.iter().map(|u| u.username.as_str()).collect::<Vec<_>>(),
        "items": report.catalog.items.len(),
        "calendar_days": report.calendar_days,
    });
    audit_trail::record(&txn, meta, actor, AuditAction::CountyOnboarded, detail, now).await?;
    txn.commit().await?;
    Ok(report)
}
