//! The dossier (一事一档) as one archive: what it holds, its manifest, and the offline check
//! an auditor runs on it.
//!
//! An archive holds `manifest.json` ([`Manifest`]), `history.json` ([`DossierHistory`]: every
//! event of the case's hash chain), `case.json` (the case as the API shows it) and the case's
//! forms, materials and result files. The manifest lists every other file with its SHA-256
//! and size, the history's chain algorithm, and the chain head (length, last hash) as the
//! server keeps it on the case.
//!
//! [`verify`] recomputes all of it and names the first problem: the history's chain (which,
//! from chain version 2, binds every event to the manifest's case and tenant), the chain head
//! against the manifest (events dropped from the end), then every listed file (missing or
//! changed) and any file the manifest does not list.
//!
//! What this proves offline is that the archive is *consistent*: nobody changed one part of
//! it without redoing the rest. Someone who rewrites the history and recomputes every hash,
//! the head and the manifest produces a consistent forgery; what exposes it is the chain head,
//! which the server keeps. For full assurance compare the head printed by the check with the
//! server's (the `verifyCaseHistory` operation), or with a copy recorded when the case closed.
//! The check also prints the manifest's SM3 digest, a fingerprint of the whole archive (the
//! manifest covers every other file) to compare with one noted on receipt.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::case::history::{self, BreakKind, ChainSubject, ChainVersion, ChainedEvent, GENESIS_HASH, HashAlgorithm};

/// The manifest's path in the archive.
pub const MANIFEST_PATH: &str = "manifest.json";
/// The history's path in the archive.
pub const HISTORY_PATH: &str = "history.json";
/// The case's path in the archive.
pub const CASE_PATH: &str = "case.json";
/// The manifest format written and understood.
pub const FORMAT_VERSION: u32 = 1;

/// The digest of each file listed in the manifest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileDigest {
    /// SHA-256 (FIPS 180-4), lower-case hex.
    #[default]
    Sha256,
}

/// What a file of the dossier is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryRole {
    /// `case.json`.
    Case,
    /// `history.json`.
    History,
    /// A generated form (Word, Excel).
    Form,
    /// A material the enterprise or a department supplied.
    Material,
    /// A result file: an approval, licence or reply.
    Result,
}

/// The length and last hash of a case's chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    /// How many events.
    pub length: u64,
    /// The last event's hash ([`GENESIS_HASH`] for none).
    pub hash: String,
}

/// One file of the archive as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Its path in the archive (`/`-separated).
    pub path: String,
    /// SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// What it is.
    pub role: EntryRole,
}

impl ManifestEntry {
    /// The entry for `bytes` at `path`.
    pub fn of(path: impl Into<String>, role: EntryRole, bytes: &[u8]) -> ManifestEntry {
        ManifestEntry { path: path.into(), sha256: sha256_hex(bytes), size: bytes.len() as u64, role }
    }
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    pub case_id: Uuid,
    pub tenant_id: Uuid,
    /// The case's number (项目编号).
    pub case_number: String,
    /// When the archive was made.
    pub generated_at: DateTime<Utc>,
    /// How each file is hashed.
    pub file_digest: FileDigest,
    /// The history's chain algorithm.
    pub chain_algorithm: HashAlgorithm,
    /// The chain head as the server keeps it on the case.
    pub chain_head: ChainHead,
    /// Every file but the manifest, `history.json` included.
    pub entries: Vec<ManifestEntry>,
}

/// `history.json`: the case's whole chain, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DossierHistory {
    pub case_id: Uuid,
    pub tenant_id: Uuid,
    pub chain_algorithm: HashAlgorithm,
    pub events: Vec<HistoryRecord>,
}

/// One event of `history.json`: the chained event and, for the reader, who the actor was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRecord {
    #[serde(flatten)]
    pub chained: ChainedEvent,
    /// The actor's display name when the export was made (not covered by the chain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_name: Option<String>,
}

/// The files of an archive, by path.
pub trait DossierFiles {
    /// Every file's path (directories left out).
    fn paths(&self) -> Vec<String>;
    /// A file's bytes; `None` when there is no such file or it cannot be read.
    fn read(&mut self, path: &str) -> Option<Vec<u8>>;
}

impl DossierFiles for BTreeMap<String, Vec<u8>> {
    fn paths(&self) -> Vec<String> {
        self.keys().cloned().collect()
    }

    fn read(&mut self, path: &str) -> Option<Vec<u8>> {
        self.get(path).cloned()
    }
}

/// What an intact archive holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub case_id: Uuid,
    pub tenant_id: Uuid,
    pub case_number: String,
    pub generated_at: DateTime<Utc>,
    /// Files checked (the manifest's entries).
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
    pub chain_algorithm: HashAlgorithm,
    /// The verified chain head: compare it with the server's.
    pub chain_head: ChainHead,
    /// Events in chain version 1 and 2.
    pub events_v1: u64,
    pub events_v2: u64,
    /// SM3 of `manifest.json`'s bytes, when the check read it from the archive.
    pub manifest_sm3: Option<String>,
}

/// The first problem found in an archive.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DossierBreak {
    /// `manifest.json` is absent.
    #[error("the archive has no {MANIFEST_PATH}")]
    NoManifest,
    /// A JSON file of the dossier does not parse.
    #[error("{path} cannot be read: {reason}")]
    Unreadable { path: String, reason: String },
    /// The manifest's format is not one this check knows.
    #[error("manifest format {0} is not supported")]
    UnsupportedFormat(u32),
    /// The manifest does not list `history.json`.
    #[error("the manifest does not list {HISTORY_PATH}")]
    HistoryNotListed,
    /// `history.json` is about another case or tenant, or another algorithm, than the manifest.
    #[error("{HISTORY_PATH} is not the history of the manifest's case (its {field} differs)")]
    HistoryMismatch { field: &'static str },
    /// An event of the history fails the chain.
    #[error("the history breaks at event {sequence} ({kind:?})")]
    Event { sequence: u64, kind: BreakKind },
    /// The history ends elsewhere than the manifest's chain head.
    #[error("the history ends at event {} but the manifest's chain head is event {}", history.length, manifest.length)]
    Head { manifest: ChainHead, history: ChainHead },
    /// A listed file is absent.
    #[error("{path} is missing")]
    Missing { path: String },
    /// A listed file's bytes differ from the manifest's digest or size.
    #[error("{path} has changed")]
    Changed { path: String },
    /// A file the manifest does not list.
    #[error("{path} is not in the manifest")]
    Extra { path: String },
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    HashAlgorithm::Sha256.hex_digest(bytes)
}

/// The chain head of `events` (what the case row would hold).
pub fn head_of(events: &[ChainedEvent]) -> ChainHead {
    match events.last() {
        Some(last) => ChainHead { length: events.len() as u64, hash: last.hash.clone() },
        None => ChainHead { length: 0, hash: GENESIS_HASH.to_owned() },
    }
}

/// Checks an archive: reads and parses its manifest and history, then [`verify`].
pub fn verify_archive(files: &mut impl DossierFiles) -> Result<Report, DossierBreak> {
    let manifest_bytes = files.read(MANIFEST_PATH).ok_or(DossierBreak::NoManifest)?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| DossierBreak::Unreadable { path: MANIFEST_PATH.into(), reason: e.to_string() })?;
    if manifest.format_version != FORMAT_VERSION {
        return Err(DossierBreak::UnsupportedFormat(manifest.format_version));
    }
    let listed = manifest.entries.iter().find(|e| e.path == HISTORY_PATH).ok_or(DossierBreak::HistoryNotListed)?;
    let history_bytes = files.read(HISTORY_PATH).ok_or_else(|| DossierBreak::Missing { path: HISTORY_PATH.into() })?;
    let history: DossierHistory = serde_json::from_slice(&history_bytes).map_err(|e| {
        if !matches_entry(listed, &history_bytes) {
            DossierBreak::Changed { path: HISTORY_PATH.into() }
        } else {
            DossierBreak::Unreadable { path: HISTORY_PATH.into(), reason: e.to_string() }
        }
    })?;
    let mut report = verify(&manifest, files, &history)?;
    report.manifest_sm3 = Some(HashAlgorithm::Sm3.hex_digest(&manifest_bytes));
    Ok(report)
}

/// Checks `history` and `files` against `manifest` and names the first problem: the history's
/// subject, its chain, its head, then each listed file in the manifest's order, then files the
/// manifest does not list.
pub fn verify(
    manifest: &Manifest,
    files: &mut impl DossierFiles,
    history: &DossierHistory,
) -> Result<Report, DossierBreak> {
    if manifest.format_version != FORMAT_VERSION {
        return Err(DossierBreak::UnsupportedFormat(manifest.format_version));
    }
    if !manifest.entries.iter().any(|e| e.path == HISTORY_PATH && e.role == EntryRole::History) {
        return Err(DossierBreak::HistoryNotListed);
    }
    if history.case_id != manifest.case_id {
        return Err(DossierBreak::HistoryMismatch { field: "case_id" });
    }
    if history.tenant_id != manifest.tenant_id {
        return Err(DossierBreak::HistoryMismatch { field: "tenant_id" });
    }
    if history.chain_algorithm != manifest.chain_algorithm {
        return Err(DossierBreak::HistoryMismatch { field: "chain_algorithm" });
    }
    let events: Vec<ChainedEvent> = history.events.iter().map(|r| r.chained.clone()).collect();
    let subject = ChainSubject { case_id: manifest.case_id, tenant_id: manifest.tenant_id };
    history::verify(manifest.chain_algorithm, &subject, &events)
        .map_err(|b| DossierBreak::Event { sequence: b.sequence, kind: b.kind })?;
    let head = head_of(&events);
    if head != manifest.chain_head {
        return Err(DossierBreak::Head { manifest: manifest.chain_head.clone(), history: head });
    }
    let mut bytes = 0;
    for entry in &manifest.entries {
        let content = files.read(&entry.path).ok_or_else(|| DossierBreak::Missing { path: entry.path.clone() })?;
        if !matches_entry(entry, &content) {
            return Err(DossierBreak::Changed { path: entry.path.clone() });
        }
        bytes += entry.size;
    }
    let listed: BTreeSet<&str> = manifest.entries.iter().map(|e| e.path.as_str()).collect();
    if let Some(extra) = files.paths().into_iter().find(|p| p != MANIFEST_PATH && !listed.contains(p.as_str())) {
        return Err(DossierBreak::Extra { path: extra });
    }
    let events_v1 = events.iter().filter(|e| e.chain_version == ChainVersion::V1).count() as u64;
    Ok(Report {
        case_id: manifest.case_id,
        tenant_id: manifest.tenant_id,
        case_number: manifest.case_number.clone(),
        generated_at: manifest.generated_at,
        files: manifest.entries.len(),
        bytes,
        chain_algorithm: manifest.chain_algorithm,
        chain_head: head,
        events_v1,
        events_v2: events.len() as u64 - events_v1,
        manifest_sm3: None,
    })
}

fn matches_entry(entry: &ManifestEntry, bytes: &[u8]) -> bool {
    entry.size == bytes.len() as u64 && entry.sha256 == sha256_hex(bytes)
}

#[cfg(test)]
#[path = "dossier_tests.rs"]
mod tests;
