//! The history of a county's settings: every version with when, who, the note and what
//! changed, and how many running deadlines still keep an earlier version.

use butler_domain::policy::{Action, Actor};
use butler_domain::settings::CountySettings;
use butler_persistence::repo::deadlines;
use butler_persistence::repo::settings as repo;
use butler_persistence::repo::{tenants, users};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::{County, county_for, parse};
use crate::Context;
use crate::error::AppError;
use crate::platform::PLATFORM_CODE;

/// One setting changed: its path (`office_hours.seasonal`, `acknowledgement_ladder.steps`)
/// and its values before and after (JSON; `null` when absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub field: String,
    pub from: Value,
    pub to: Value,
}

/// One version of the settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsVersion {
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<Uuid>,
    /// The author's display name (a county user or a platform administrator).
    pub created_by_name: Option<String>,
    pub note: Option<String>,
    /// What this version changed from the one before (the defaults before version 1).
    pub changes: Vec<Change>,
    /// Deadlines still running now that were opened under an earlier version: they keep
    /// their earlier rules; this version applies to deadlines opened from its saving on.
    pub running_on_earlier_versions: i64,
}

/// The settings that differ between `before` and `after`, by path, in path order. Objects
/// present on both sides are compared field by field; anything else (a ladder's steps, a
/// seasonal timetable added or removed) as a whole.
pub fn changes(before: &CountySettings, after: &CountySettings) -> Vec<Change> {
    let mut out = Vec::new();
    diff(
        "",
        &serde_json::to_value(before).unwrap_or(Value::Null),
        &serde_json::to_value(after).unwrap_or(Value::Null),
        &mut out,
    );
    out
}

fn diff(path: &str, from: &Value, to: &Value, out: &mut Vec<Change>) {
    if from == to {
        return;
    }
    if let (Value::Object(a), Value::Object(b)) = (from, to) {
        let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for k in keys {
            let sub = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            diff(&sub, a.get(k).unwrap_or(&Value::Null), b.get(k).unwrap_or(&Value::Null), out);
        }
        return;
    }
    out.push(Change { field: path.to_owned(), from: from.clone(), to: to.clone() });
}

/// Every version of a county's settings, newest first.
pub async fn history(ctx: &Context, actor: &Actor, county: County<'_>) -> Result<Vec<SettingsVersion>, AppError> {
    let tenant = county_for(&ctx.db, actor, county, Action::ReadTenantSettings).await?;
    let rows = repo::history(&ctx.db, tenant.id).await?;
    let running = deadlines::open_by_settings_version(&ctx.db, tenant.id).await?;
    let authors: Vec<Uuid> = rows.iter().filter_map(|r| r.created_by).collect();
    let mut names = users::display_names(&ctx.db, tenant.id, &authors).await?;
    if authors.iter().any(|id| !names.contains_key(id))
        && let Some(platform) = tenants::find_by_code(&ctx.db, PLATFORM_CODE).await?
    {
        names.extend(users::display_names(&ctx.db, platform.id, &authors).await?);
    }
    let settings: Vec<CountySettings> = rows.iter().map(parse).collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let before = settings.get(i + 1).cloned().unwrap_or_default();
        out.push(SettingsVersion {
            version: row.version,
            created_at: row.created_at,
            created_by: row.created_by,
            created_by_name: row.created_by.and_then(|id| names.get(&id).cloned()),
            note: row.note.clone(),
            changes: changes(&before, &settings[i]),
            running_on_earlier_versions: running.iter().filter(|(v, _)| *v < row.version).map(|(_, n)| n).sum(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_name_each_setting_with_before_and_after() {
        let before = CountySettings::default();
        assert!(changes(&before, &before).is_empty());
        let after = CountySettings {
            acknowledge_within_minutes: 60,
            case_number_prefix: Some("CX".into()),
            ..CountySettings::default()
        };
        let got = changes(&before, &after);
        assert_eq!(
            got,
            [
                Change { field: "acknowledge_within_minutes".into(), from: json!(30), to: json!(60) },
                Change { field: "case_number_prefix".into(), from: Value::Null, to: json!("CX") },
            ]
        );
    }
}
