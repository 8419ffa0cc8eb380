//! A case's files, for its dossier: the material versions its checklist uses and the
//! approval documents of its sheets, each with a suggested path inside the dossier.

use butler_domain::material::FileType;
use butler_domain::policy::Actor;
use butler_persistence::repo::files;
use butler_persistence::repo::materials as repo;
use std::collections::HashMap;
use uuid::Uuid;

use crate::cases::{check_visible, load};
use crate::{AppError, Context};

/// What a file is to the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseFileRole {
    /// A material given for a plan item.
    Material,
    /// A sheet's approval document.
    Result,
}

/// One file of a case. Its bytes: `ctx.storage.read(&storage_key)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFile {
    pub role: CaseFileRole,
    /// Suggested path inside a dossier, e.g. `materials/01-施工许可/02-营业执照-v3.pdf`.
    pub path: String,
    pub file_id: Uuid,
    pub sha256: String,
    pub size: i64,
    pub file_type: FileType,
    /// The object's key in the storage.
    pub storage_key: String,
}

/// A path segment from a name: no separators or control characters.
fn segment(name: &str) -> String {
    name.chars().map(|c| if c == '/' || c == '\\' || c.is_control() { '_' } else { c }).collect()
}

/// The case's files, materials first (by item and position), then results (by item).
pub async fn case_files(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<Vec<CaseFile>, AppError> {
    let b = load(&ctx.db, actor.tenant_id, case_id).await?;
    check_visible(actor, &b)?;
    let items: HashMap<Uuid, (i32, &str)> = b.items.iter().map(|i| (i.id, (i.position, i.name.as_str()))).collect();
    let rows = repo::case_rows(&ctx.db, case_id).await?;
    let version_ids: Vec<Uuid> = rows.iter().map(|r| r.material_version_id).collect();
    let versions: HashMap<Uuid, _> =
        repo::versions_by_id(&ctx.db, &version_ids).await?.into_iter().map(|v| (v.id, v)).collect();
    let mut file_ids: Vec<Uuid> = versions.values().map(|v| v.file_id).collect();
    file_ids.extend(b.sheets.iter().filter_map(|s| s.result_file_id));
    let stored: HashMap<Uuid, _> = files::many(&ctx.db, &file_ids).await?.into_iter().map(|f| (f.id, f)).collect();
    let mut out = Vec::new();
    let mut sorted: Vec<_> = rows.iter().collect();
    sorted.sort_by_key(|r| (items.get(&r.case_item_id).map_or(i32::MAX, |i| i.0), r.position));
    for r in sorted {
        let (Some((pos, name)), Some(v)) = (items.get(&r.case_item_id), versions.get(&r.material_version_id)) else {
            continue;
        };
        let Some(f) = stored.get(&v.file_id) else { continue };
        out.push(CaseFile {
            role: CaseFileRole::Material,
            path: format!(
                "materials/{pos:02}-{}/{:02}-{}-v{}.{}",
                segment(name),
                r.position,
                segment(&r.name),
                v.version,
                f.file_type.0.extension()
            ),
            file_id: f.id,
            sha256: f.sha256.clone(),
            size: f.size_bytes,
            file_type: f.file_type.0,
            storage_key: f.storage_key.clone(),
        });
    }
    let mut sheets: Vec<_> = b.sheets.iter().filter(|s| s.result_file_id.is_some()).collect();
    sheets.sort_by_key(|s| (items.get(&s.case_item_id).map_or(i32::MAX, |i| i.0), s.created_at));
    for s in sheets {
        let Some(f) = s.result_file_id.and_then(|id| stored.get(&id)) else { continue };
        let (pos, name) = items.get(&s.case_item_id).copied().unwrap_or((0, ""));
        out.push(CaseFile {
            role: CaseFileRole::Result,
            path: format!("results/{pos:02}-{}/{}-{}", segment(name), s.id.simple(), segment(&f.file_name)),
            file_id: f.id,
            sha256: f.sha256.clone(),
            size: f.size_bytes,
            file_type: f.file_type.0,
            storage_key: f.storage_key.clone(),
        });
    }
    Ok(out)
}
