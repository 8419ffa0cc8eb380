//! Receiving a file: the body is streamed into the storage while it is hashed (SHA-256)
//! and counted. Its type is told from its first bytes before anything is written; a body
//! of a type not allowed, or one that crosses its size limit, leaves nothing behind.

use butler_domain::material::{FileType, SNIFF_BYTES, sniff};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::storage::Storage;
use crate::{AppError, FieldError};

/// The size limits of uploads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileLimits {
    /// The largest file accepted.
    pub max_file_bytes: u64,
    /// The most a case may hold (its materials' files and result documents).
    pub max_case_bytes: u64,
}

impl Default for FileLimits {
    fn default() -> Self {
        FileLimits { max_file_bytes: 50 * 1024 * 1024, max_case_bytes: 2 * 1024 * 1024 * 1024 }
    }
}

/// Which limit a body may not cross.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// The bytes allowed.
    pub bytes: u64,
    /// The case's remaining room, rather than the per-file limit, is what binds.
    pub case_bound: bool,
}

impl Limit {
    /// The tighter of the per-file limit and the case's remaining room.
    pub fn of(limits: FileLimits, case_bytes_used: u64) -> Limit {
        let room = limits.max_case_bytes.saturating_sub(case_bytes_used);
        if room < limits.max_file_bytes {
            Limit { bytes: room, case_bound: true }
        } else {
            Limit { bytes: limits.max_file_bytes, case_bound: false }
        }
    }

    pub(crate) fn exceeded(self) -> AppError {
        let mib = |b: u64| format!("{:.1}", b as f64 / (1024.0 * 1024.0));
        AppError::TooLarge(if self.case_bound {
            FieldError::new(
                "file",
                "case_size_limit",
                format!("本项目的材料已接近容量上限，剩余 {} MB", mib(self.bytes)),
                format!("The case has only {} MiB of room left for files", mib(self.bytes)),
            )
        } else {
            FieldError::new(
                "file",
                "file_size_limit",
                format!("文件不能超过 {} MB", mib(self.bytes)),
                format!("A file may not exceed {} MiB", mib(self.bytes)),
            )
        })
    }
}

/// The error naming the types accepted.
pub fn unsupported(allowed: &[FileType]) -> AppError {
    let names: Vec<&str> = allowed.iter().map(|t| t.label()).collect();
    AppError::UnsupportedType(FieldError::new(
        "file",
        "file_type",
        format!("文件类型不符（按内容识别），仅接受：{}", names.join("、")),
        format!("The file's content is not of an accepted type; accepted: {}", names.join(", ")),
    ))
}

/// A body that broke off or is no valid multipart part.
fn broken(err: impl std::fmt::Display) -> AppError {
    tracing::info!(error = %err, "an upload broke off");
    AppError::field("file", "incomplete_upload", "文件上传不完整，请重试", "The upload broke off; send it again")
}

/// A body stored under a fresh key, not yet recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub id: Uuid,
    pub storage_key: String,
    pub sha256: String,
    pub size_bytes: u64,
    pub file_type: FileType,
}

/// Streams `body` into `storage` under a fresh key. Refuses, leaving nothing stored, a body
/// whose first bytes are none of `allowed` or that grows past `limit`; a body that fails
/// midway is removed too.
pub async fn receive<S, E>(
    storage: &Storage,
    mut body: S,
    allowed: &[FileType],
    limit: Limit,
) -> Result<Received, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    // The first bytes, to tell the type before writing anything.
    let mut head: Vec<u8> = Vec::new();
    let mut ended = true;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(broken)?;
        head.extend_from_slice(&chunk);
        if head.len() as u64 > limit.bytes {
            return Err(limit.exceeded());
        }
        if head.len() >= SNIFF_BYTES {
            ended = false;
            break;
        }
    }
    let file_type = sniff(&head).filter(|t| allowed.contains(t)).ok_or_else(|| unsupported(allowed))?;

    let id = crate::files::new_file_id();
    let storage_key = Storage::new_key(id);
    let mut writer = storage.writer(&storage_key).await?;
    let mut hasher = Sha256::new();
    let mut size = head.len() as u64;
    hasher.update(&head);
    let written: Result<(), AppError> = async {
        writer.write(head).await.map_err(AppError::internal)?;
        if !ended {
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(broken)?;
                size += chunk.len() as u64;
                if size > limit.bytes {
                    return Err(limit.exceeded());
                }
                hasher.update(&chunk);
                writer.write(chunk).await.map_err(AppError::internal)?;
            }
        }
        writer.close().await.map_err(AppError::internal)?;
        Ok(())
    }
    .await;
    if let Err(e) = written {
        if let Err(abort) = writer.abort().await {
            tracing::debug!(error = %abort, "aborting an upload");
        }
        discard(storage, &storage_key).await;
        return Err(e);
    }
    Ok(Received { id, storage_key, sha256: hex::encode(hasher.finalize()), size_bytes: size, file_type })
}

/// Removes an object written for a request that then failed (logged, never raised: the
/// request's own error is what the caller needs).
pub async fn discard(storage: &Storage, key: &str) {
    if let Err(e) = storage.delete(key).await {
        tracing::warn!(key, error = %e, "an object of a failed upload could not be removed");
    }
}
