//! Handing a stored file to a caller: authorised per file by the policy of the cases that
//! use it (`policy::may_see_case`), or as the enterprise's own material. Anyone else may not
//! know it exists (404).

use butler_domain::material::FileType;
use butler_domain::policy::{Actor, Denied};
use butler_domain::role::Role;
use butler_persistence::repo::files::{self, FileRow};
use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures_util::Stream;
use uuid::Uuid;

use crate::cases::{check_visible, load};
use crate::{AppError, Context};

/// What is known of a stored file, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    pub id: Uuid,
    pub file_name: String,
    pub file_type: FileType,
    pub size_bytes: i64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    pub uploaded_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// The public facts of a stored file.
pub fn file_info(row: &FileRow) -> FileInfo {
    FileInfo {
        id: row.id,
        file_name: row.file_name.clone(),
        file_type: row.file_type.0,
        size_bytes: row.size_bytes,
        sha256: row.sha256.clone(),
        uploaded_by: row.uploaded_by,
        created_at: row.created_at,
    }
}

/// Whether `actor` may read the file: the enterprise it belongs to, or anyone who may see a
/// case that uses it. A file no case uses yet is the enterprise's and its officials' (not a
/// department's).
pub(crate) async fn authorize(ctx: &Context, actor: &Actor, row: &FileRow) -> Result<(), AppError> {
    if actor.role == Role::Enterprise && row.enterprise_id.is_some() && actor.enterprise_id == row.enterprise_id {
        return Ok(());
    }
    let cases = files::cases_using(&ctx.db, row.id).await?;
    for case_id in &cases {
        let bundle = load(&ctx.db, actor.tenant_id, *case_id).await?;
        if check_visible(actor, &bundle).is_ok() {
            return Ok(());
        }
    }
    let official = !matches!(actor.role, Role::Enterprise | Role::DepartmentAgent | Role::DepartmentLeader);
    if cases.is_empty() && official && row.enterprise_id.is_some() {
        return Ok(());
    }
    Err(Denied::Hidden.into())
}

/// The file's facts and its content as a stream, if the caller may read it.
pub async fn download(
    ctx: &Context,
    actor: &Actor,
    file_id: Uuid,
) -> Result<(FileInfo, impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static + use<>), AppError> {
    let row = files::get(&ctx.db, actor.tenant_id, file_id).await?;
    authorize(ctx, actor, &row).await?;
    let stream = ctx.storage.stream(&row.storage_key).await?;
    Ok((file_info(&row), stream))
}
