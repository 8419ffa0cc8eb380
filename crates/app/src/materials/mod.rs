//! The materials checklist (申请材料清单) of a case: each plan item's one-time material list,
//! filled by uploading or by reusing what the enterprise gave before (一次提交、多次复用),
//! and decided by the department (accepted, or a correction asked for — 补正).
//!
//! [`checklist`] is the read model; [`give`] uploads and reuses; [`decide`] is the
//! department's decision; [`library`] is the enterprise's materials; [`case_files`] lists a
//! case's files for its dossier.

mod case_files;
mod decide;
mod give;
mod library;

use butler_domain::material::{self, DEFAULT_MATERIAL_TYPES, FileType, MaterialAction, MaterialActor, MaterialState};
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use butler_persistence::repo::cases::CaseItemRow;
use butler_persistence::repo::files::{self, FileRow};
use butler_persistence::repo::materials::{self as repo, CaseMaterialRow, MaterialRow, VersionRow};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use uuid::Uuid;

pub use case_files::{CaseFile, CaseFileRole, case_files};
pub use decide::{Decision, decide};
pub use give::{UploadMeta, reuse, upload};
pub use library::{LibraryMaterial, library};

use crate::cases::{CaseBundle, check_visible, load};
use crate::files::{FileInfo, file_info};
use crate::{AppError, Context};

/// One version of an enterprise's material.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenVersion {
    pub material_id: Uuid,
    pub material_name: String,
    pub version: i32,
    pub file: FileInfo,
    pub uploaded_by: Uuid,
    /// Given by an official for the enterprise (代办).
    pub on_behalf: bool,
    pub valid_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// One material of one plan item, as the caller sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistMaterial {
    /// 1-based position in the item's material list.
    pub position: i32,
    pub name: String,
    pub required: bool,
    /// 容缺: may be missing at acceptance and given later.
    pub may_be_missing: bool,
    pub accepted_types: Vec<FileType>,
    pub state: MaterialState,
    /// The version given for this use.
    pub current: Option<GivenVersion>,
    /// Why a correction was asked for.
    pub reason: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Valid versions of the enterprise's material of the same name that may be reused.
    pub candidates: Vec<GivenVersion>,
    pub allowed_actions: Vec<MaterialAction>,
}

/// One plan item's materials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistItem {
    pub item_id: Uuid,
    pub position: i32,
    pub name: String,
    pub department_id: Uuid,
    pub materials: Vec<ChecklistMaterial>,
}

/// The case's checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub case_id: Uuid,
    pub items: Vec<ChecklistItem>,
}

/// A material as a plan item lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub(crate) struct ListedMaterial {
    pub name: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub may_be_missing: bool,
    /// The types the catalog allows, when it narrows or extends the default.
    #[serde(default)]
    pub file_types: Option<Vec<FileType>>,
}

impl ListedMaterial {
    pub fn accepted_types(&self) -> Vec<FileType> {
        match &self.file_types {
            Some(types) if !types.is_empty() => types.clone(),
            _ => DEFAULT_MATERIAL_TYPES.to_vec(),
        }
    }
}

/// The materials an item lists, in order (position = index + 1).
pub(crate) fn listed(item: &CaseItemRow) -> Vec<ListedMaterial> {
    serde_json::from_value(item.materials.clone()).unwrap_or_default()
}

/// The item and its material at `position`, or 404.
pub(crate) fn locate(b: &CaseBundle, item_id: Uuid, position: i32) -> Result<(CaseItemRow, ListedMaterial), AppError> {
    let item = b.items.iter().find(|i| i.id == item_id).ok_or(AppError::NotFound)?;
    let index = usize::try_from(position).ok().and_then(|p| p.checked_sub(1)).ok_or(AppError::NotFound)?;
    let m = listed(item).into_iter().nth(index).ok_or(AppError::NotFound)?;
    Ok((item.clone(), m))
}

/// The caller as the material rules see them, for one item of the case.
pub(crate) fn material_actor(actor: &Actor, b: &CaseBundle, item: &CaseItemRow) -> MaterialActor {
    let in_department = actor.department_id.is_some()
        && (actor.department_id == Some(item.department_id)
            || b.sheets.iter().any(|s| s.case_item_id == item.id && Some(s.department_id) == actor.department_id));
    MaterialActor {
        role: actor.role,
        owns_case: actor.role == Role::Enterprise && actor.enterprise_id == Some(b.case.enterprise_id),
        in_item_department: in_department,
    }
}

/// Maps a material refusal to the application's error.
pub(crate) fn refusal(err: material::MaterialError) -> AppError {
    match err {
        material::MaterialError::CaseClosed(state) => AppError::InvalidTransition {
            state: state.code().to_owned(),
            action: "material".to_owned(),
            allowed: vec![],
        },
        material::MaterialError::Forbidden => AppError::Forbidden,
        material::MaterialError::NotAllowed { state, action, allowed } => AppError::InvalidTransition {
            state: state.code().to_owned(),
            action: action.code().to_owned(),
            allowed: allowed.into_iter().map(|a| a.code().to_owned()).collect(),
        },
    }
}

/// Versions with their materials and files, keyed by version id.
pub(crate) async fn given_versions(
    db: &impl sea_orm::ConnectionTrait,
    versions: Vec<VersionRow>,
    materials: &[MaterialRow],
) -> Result<HashMap<Uuid, GivenVersion>, AppError> {
    let file_ids: Vec<Uuid> = versions.iter().map(|v| v.file_id).collect();
    let files: HashMap<Uuid, FileRow> = files::many(db, &file_ids).await?.into_iter().map(|f| (f.id, f)).collect();
    let names: HashMap<Uuid, &str> = materials.iter().map(|m| (m.id, m.name.as_str())).collect();
    Ok(versions
        .into_iter()
        .filter_map(|v| {
            let file = files.get(&v.file_id)?;
            Some((
                v.id,
                GivenVersion {
                    material_id: v.material_id,
                    material_name: names.get(&v.material_id).copied().unwrap_or_default().to_owned(),
                    version: v.version,
                    file: file_info(file),
                    uploaded_by: v.uploaded_by,
                    on_behalf: v.on_behalf,
                    valid_until: v.valid_until,
                    created_at: v.created_at,
                },
            ))
        })
        .collect())
}

/// Today in the county's time zone.
pub(crate) fn today(ctx: &Context) -> NaiveDate {
    ctx.now().with_timezone(&butler_domain::calendar::TIME_ZONE).date_naive()
}

/// Whether a version may still be used on `today`.
pub(crate) fn valid_on(valid_until: Option<NaiveDate>, today: NaiveDate) -> bool {
    valid_until.is_none_or(|d| d >= today)
}

/// The case's checklist as `actor` sees it.
pub async fn checklist(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<Checklist, AppError> {
    let b = load(&ctx.db, actor.tenant_id, case_id).await?;
    check_visible(actor, &b)?;
    build(ctx, actor, &b).await
}

pub(crate) async fn build(ctx: &Context, actor: &Actor, b: &CaseBundle) -> Result<Checklist, AppError> {
    let today = today(ctx);
    let rows = repo::case_rows(&ctx.db, b.case.id).await?;
    let library = repo::of_enterprise(&ctx.db, b.case.tenant_id, b.case.enterprise_id).await?;
    let material_ids: Vec<Uuid> = library.iter().map(|m| m.id).collect();
    let versions = repo::versions_of(&ctx.db, &material_ids).await?;
    let given = given_versions(&ctx.db, versions, &library).await?;
    let by_slot: HashMap<(Uuid, i32), &CaseMaterialRow> =
        rows.iter().map(|r| ((r.case_item_id, r.position), r)).collect();
    let case_state = b.case.state.0;
    let mut items: Vec<&CaseItemRow> = b.items.iter().collect();
    items.sort_by_key(|i| i.position);
    let items = items
        .into_iter()
        .map(|item| {
            let who = material_actor(actor, b, item);
            let materials = listed(item)
                .into_iter()
                .zip(1..)
                .map(|(m, position)| {
                    let row = by_slot.get(&(item.id, position));
                    let state = row.map_or(MaterialState::Missing, |r| r.state.0);
                    let current = row.and_then(|r| given.get(&r.material_version_id).cloned());
                    let mut candidates: Vec<GivenVersion> = given
                        .values()
                        .filter(|g| g.material_name == m.name && valid_on(g.valid_until, today))
                        .filter(|g| current.as_ref().is_none_or(|c| c.file.id != g.file.id))
                        .cloned()
                        .collect();
                    candidates.sort_by_key(|c| std::cmp::Reverse(c.created_at));
                    ChecklistMaterial {
                        position,
                        accepted_types: m.accepted_types(),
                        name: m.name,
                        required: m.required,
                        may_be_missing: m.may_be_missing,
                        state,
                        current,
                        reason: row.and_then(|r| r.reason.clone()),
                        decided_by: row.and_then(|r| r.decided_by),
                        decided_at: row.and_then(|r| r.decided_at),
                        candidates,
                        allowed_actions: material::allowed_actions(case_state, state, &who),
                    }
                })
                .collect();
            ChecklistItem {
                item_id: item.id,
                position: item.position,
                name: item.name.clone(),
                department_id: item.department_id,
                materials,
            }
        })
        .collect();
    Ok(Checklist { case_id: b.case.id, items })
}

/// One material of the checklist, after a change.
pub(crate) async fn one(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    item_id: Uuid,
    position: i32,
) -> Result<ChecklistMaterial, AppError> {
    let b = load(&ctx.db, actor.tenant_id, case_id).await?;
    build(ctx, actor, &b)
        .await?
        .items
        .into_iter()
        .find(|i| i.item_id == item_id)
        .and_then(|i| i.materials.into_iter().find(|m| m.position == position))
        .ok_or(AppError::NotFound)
}
