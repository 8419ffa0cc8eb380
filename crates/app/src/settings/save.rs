//! Changing a county's settings: checked whole by the domain, guarded by the version read
//! (a lost race changes nothing), written as a new version with the note and an audit entry
//! of who changed what (from → to), in one transaction.

use butler_domain::audit::AuditAction;
use butler_domain::policy::{Action, Actor};
use butler_domain::settings::CountySettings;
use butler_persistence::repo::settings as repo;
use chrono::{DateTime, Utc};

use super::history::changes;
use super::problems::field_error;
use super::{County, SettingsView, county_for, parse, view};
use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::error::AppError;

/// The longest note kept with a version.
pub const MAX_NOTE_CHARS: usize = 500;

/// A change of the settings: all of them as they are to be, the version they were read at
/// (0: the defaults), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveSettings {
    pub expected_version: i32,
    pub settings: CountySettings,
    pub note: Option<String>,
}

/// Saves a new version of a county's settings: the county's admin (`Own`) or the platform
/// admin (`Code`). Settings equal to those in force add no version. Applies to deadlines
/// opened from now on; running ones keep theirs.
pub async fn save(
    ctx: &Context,
    actor: &Actor,
    county: County<'_>,
    meta: &RequestMeta,
    cmd: SaveSettings,
    now: DateTime<Utc>,
) -> Result<SettingsView, AppError> {
    let tenant = county_for(&ctx.db, actor, county, Action::ManageTenantSettings).await?;
    let mut errors: Vec<_> = cmd.settings.problems().iter().map(field_error).collect();
    let note = cmd.note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS) {
        errors.push(crate::error::FieldError::new(
            "note",
            "too_long",
            format!("不超过 {MAX_NOTE_CHARS} 个字"),
            format!("at most {MAX_NOTE_CHARS} characters"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }

    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let current = repo::current(&txn, tenant.id).await?;
    let (version, before) = match &current {
        Some(row) => (row.version, parse(row)?),
        None => (0, CountySettings::default()),
    };
    if cmd.expected_version != version {
        return Err(AppError::VersionMismatch { current: version });
    }
    let changed = changes(&before, &cmd.settings);
    if changed.is_empty() {
        txn.rollback().await.map_err(AppError::internal)?;
        return view(&ctx.db, &tenant).await;
    }
    let json = serde_json::to_string(&cmd.settings).map_err(AppError::internal)?;
    repo::append(&txn, tenant.id, version + 1, json, note.clone(), Some(actor.user_id), now).await.map_err(|err| {
        match err {
            butler_persistence::StoreError::Conflict(_) => AppError::Changed,
            other => other.into(),
        }
    })?;
    audit_trail::record(
        &txn,
        meta,
        actor,
        AuditAction::CountySettingsChanged,
        serde_json::json!({
            "county": tenant.code,
            "version": version + 1,
            "note": note,
            "changes": changed,
        }),
        now,
    )
    .await?;
    let saved = view(&txn, &tenant).await?;
    txn.commit().await.map_err(AppError::internal)?;
    ctx.settings.invalidate(tenant.id);
    ctx.calendars.invalidate(tenant.id);
    Ok(saved)
}
