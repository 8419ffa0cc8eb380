//! Writing the archive: one entry at a time into a temporary file, deflated, with fixed
//! timestamps and permissions, the manifest last.

use std::collections::BTreeSet;
use std::future::Future;
use std::io::{Seek, SeekFrom, Write};
use std::pin::Pin;

use butler_domain::dossier::{EntryRole, MANIFEST_PATH, Manifest, ManifestEntry};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::AppError;

/// A file's bytes, now or once awaited (read from storage only when its turn comes).
pub enum DossierContent {
    Bytes(Vec<u8>),
    Deferred(Pin<Box<dyn Future<Output = Result<Vec<u8>, AppError>> + Send>>),
}

impl std::fmt::Debug for DossierContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DossierContent::Bytes(b) => write!(f, "Bytes({})", b.len()),
            DossierContent::Deferred(_) => f.write_str("Deferred"),
        }
    }
}

/// One file of the dossier.
#[derive(Debug)]
pub struct DossierEntry {
    /// Its path in the archive, `/`-separated (see [`safe_name`] for names users chose).
    pub path: String,
    pub role: EntryRole,
    pub content: DossierContent,
}

impl DossierEntry {
    pub fn bytes(path: impl Into<String>, role: EntryRole, bytes: Vec<u8>) -> DossierEntry {
        DossierEntry { path: path.into(), role, content: DossierContent::Bytes(bytes) }
    }

    /// An entry whose bytes `read` gives when the archive reaches it.
    pub fn deferred(
        path: impl Into<String>,
        role: EntryRole,
        read: impl Future<Output = Result<Vec<u8>, AppError>> + Send + 'static,
    ) -> DossierEntry {
        DossierEntry { path: path.into(), role, content: DossierContent::Deferred(Box::pin(read)) }
    }
}

/// A file name users chose, made safe as one path segment: no separators, no `..`, no
/// control characters, at most 120 characters; `file` when nothing is left.
pub fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c == '/' || c == '\\' || c == ':' || c.is_control() { '_' } else { c })
        .take(120)
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    if trimmed.is_empty() { "file".to_owned() } else { trimmed.to_owned() }
}

/// `path`, or `path` with ` (2)`, ` (3)`… before its extension when taken already.
fn unique(path: &str, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = path.to_owned();
    let (stem, ext) = match path.rfind('.') {
        Some(i) if i > path.rfind('/').map_or(0, |s| s + 1) => path.split_at(i),
        _ => (path, ""),
    };
    let mut n = 2;
    while taken.contains(&candidate) || candidate == MANIFEST_PATH {
        candidate = format!("{stem} ({n}){ext}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// Formats that are compressed already: stored as they are (deflating them again costs time
/// and saves nothing).
const COMPRESSED: [&str; 12] = ["pdf", "ofd", "docx", "xlsx", "pptx", "zip", "gz", "jpg", "jpeg", "png", "webp", "mp4"];

fn method_for(path: &str) -> CompressionMethod {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if COMPRESSED.contains(&ext.as_str()) { CompressionMethod::Stored } else { CompressionMethod::Deflated }
}

fn options(path: &str) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(method_for(path))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
}

/// Adds one file on a blocking thread (deflating a few MB is CPU work) and gives the writer
/// back.
async fn add(
    mut zip: ZipWriter<std::fs::File>,
    path: String,
    bytes: Vec<u8>,
) -> Result<ZipWriter<std::fs::File>, AppError> {
    tokio::task::spawn_blocking(move || -> Result<_, AppError> {
        let options = options(&path);
        zip.start_file(path, options).map_err(AppError::internal)?;
        zip.write_all(&bytes).map_err(AppError::internal)?;
        Ok(zip)
    })
    .await
    .map_err(AppError::internal)?
}

/// Writes `entries` and then `manifest` (with an entry for each) to a temporary file; gives
/// the file at its start, its size and the manifest written.
pub async fn write(
    mut manifest: Manifest,
    entries: Vec<DossierEntry>,
) -> Result<(std::fs::File, u64, Manifest), AppError> {
    let file = tokio::task::spawn_blocking(tempfile::tempfile)
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let mut zip = ZipWriter::new(file);
    let mut taken = BTreeSet::new();
    for entry in entries {
        let bytes = match entry.content {
            DossierContent::Bytes(b) => b,
            DossierContent::Deferred(read) => read.await?,
        };
        let path = unique(&entry.path, &mut taken);
        manifest.entries.push(ManifestEntry::of(path.clone(), entry.role, &bytes));
        zip = add(zip, path, bytes).await?;
    }
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).map_err(AppError::internal)?;
    zip = add(zip, MANIFEST_PATH.to_owned(), manifest_bytes).await?;
    let (file, size) = tokio::task::spawn_blocking(move || -> Result<_, AppError> {
        let mut file = zip.finish().map_err(AppError::internal)?;
        let size = file.seek(SeekFrom::End(0)).map_err(AppError::internal)?;
        file.seek(SeekFrom::Start(0)).map_err(AppError::internal)?;
        Ok((file, size))
    })
    .await
    .map_err(AppError::internal)??;
    Ok((file, size, manifest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_users_chose_stay_one_safe_segment() {
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name("批复\\文件:1.pdf"), "批复_文件_1.pdf");
        assert_eq!(safe_name(" .. "), "file");
        assert_eq!(safe_name("环评批复.pdf"), "环评批复.pdf");
    }

    #[test]
    fn compressed_formats_are_stored_and_the_rest_deflated() {
        assert_eq!(method_for("materials/批复.PDF"), CompressionMethod::Stored);
        assert_eq!(method_for("forms/申请表.docx"), CompressionMethod::Stored);
        assert_eq!(method_for("history.json"), CompressionMethod::Deflated);
        assert_eq!(method_for("materials/noext"), CompressionMethod::Deflated);
    }

    #[test]
    fn taken_paths_get_a_number_before_the_extension() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique("materials/a.pdf", &mut taken), "materials/a.pdf");
        assert_eq!(unique("materials/a.pdf", &mut taken), "materials/a (2).pdf");
        assert_eq!(unique("materials/a.pdf", &mut taken), "materials/a (3).pdf");
        assert_eq!(unique("materials/noext", &mut taken), "materials/noext");
        assert_eq!(unique("materials/noext", &mut taken), "materials/noext (2)");
        assert_eq!(unique(MANIFEST_PATH, &mut taken), "manifest (2).json");
    }
}
