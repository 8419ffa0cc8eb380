//! The case history as a hash chain (一事一档, tamper-evident).
//!
//! Each event is written in a canonical form — a JSON object with keys in byte order, no
//! white space, absent values as `null`, `occurred_at` as UTC RFC 3339 with exactly six
//! decimals (microseconds, what PostgreSQL keeps), payload objects with their keys sorted at
//! every depth — and that form includes the previous event's hash (`prev_hash`, 64 zeros for
//! the first). The event's hash is the digest of those UTF-8 bytes, in lower-case hex, by the
//! chosen algorithm: SM3 (GB/T 32905-2016, the default, as GB/T 39786 expects) or SHA-256.
//!
//! Two versions of the canonical form exist; each stored event records the one it was hashed
//! with ([`ChainVersion`]):
//!
//! - **Version 1** holds the keys `action`, `actor_id`, `from`, `occurred_at`, `payload`,
//!   `prev_hash`, `sequence`, `to`. It does not say whose history it is.
//! - **Version 2** (written since) holds the same keys and also `case_id` and `tenant_id`
//!   (hyphenated lower-case UUIDs) and `chain_version` (the number `2`), all in the same byte
//!   order: `action`, `actor_id`, `case_id`, `chain_version`, `from`, `occurred_at`,
//!   `payload`, `prev_hash`, `sequence`, `tenant_id`, `to`. A version-2 event therefore cannot
//!   be moved to another case or tenant, nor passed off as a version-1 event, without
//!   breaking its hash.
//!
//! A history may start with version-1 events (written before version 2) and continue with
//! version-2 events; a version-1 event after a version-2 one is a downgrade and breaks the
//! chain ([`BreakKind::Downgrade`]). Histories written only in version 1 verify as before.
//!
//! Changing any field of any event (`occurred_at` to the microsecond), or dropping, inserting
//! or reordering events, breaks [`verify`] at the first sequence number that no longer
//! matches. Dropping events from the *end* leaves a valid shorter chain: the caller compares
//! the last sequence and hash with those it keeps on the case.

use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// The hash of "no previous event".
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The digest used for the chain.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HashAlgorithm {
    /// SM3, GB/T 32905-2016 (商用密码).
    #[default]
    Sm3,
    /// SHA-256, FIPS 180-4.
    Sha256,
}

impl HashAlgorithm {
    /// Every algorithm.
    pub const ALL: [HashAlgorithm; 2] = [HashAlgorithm::Sm3, HashAlgorithm::Sha256];

    /// The stable code (`sm3`, `sha256`).
    pub fn code(self) -> &'static str {
        match self {
            HashAlgorithm::Sm3 => "sm3",
            HashAlgorithm::Sha256 => "sha256",
        }
    }

    /// The digest of `data` in lower-case hex (64 characters for both algorithms).
    pub fn hex_digest(self, data: &[u8]) -> String {
        match self {
            HashAlgorithm::Sm3 => {
                use sm3::Digest as _;
                hex::encode(sm3::Sm3::digest(data))
            }
            HashAlgorithm::Sha256 => {
                use sha2::Digest as _;
                hex::encode(sha2::Sha256::digest(data))
            }
        }
    }
}

impl std::fmt::Display for HashAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for HashAlgorithm {
    type Err = crate::codes::UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|x| x.code() == s)
            .ok_or_else(|| crate::codes::UnknownCode { kind: "hash algorithm", code: s.to_owned() })
    }
}

/// The version of the canonical form an event was hashed with (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum ChainVersion {
    /// Without the case and tenant.
    V1,
    /// With `case_id`, `tenant_id` and `chain_version`.
    V2,
}

impl ChainVersion {
    /// The version new events are written in.
    pub const CURRENT: ChainVersion = ChainVersion::V2;

    /// The version's number (1, 2), as stored and as written in the canonical form.
    pub fn number(self) -> u8 {
        match self {
            ChainVersion::V1 => 1,
            ChainVersion::V2 => 2,
        }
    }

    /// The version numbered `n`, if there is one.
    pub fn from_number(n: i64) -> Option<ChainVersion> {
        match n {
            1 => Some(ChainVersion::V1),
            2 => Some(ChainVersion::V2),
            _ => None,
        }
    }

    fn v1() -> ChainVersion {
        ChainVersion::V1
    }
}

impl From<ChainVersion> for u8 {
    fn from(v: ChainVersion) -> u8 {
        v.number()
    }
}

impl TryFrom<u8> for ChainVersion {
    type Error = String;

    fn try_from(n: u8) -> Result<Self, Self::Error> {
        ChainVersion::from_number(i64::from(n)).ok_or_else(|| format!("unknown chain version {n}"))
    }
}

/// Whose history a chain is: bound into every version-2 event's hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChainSubject {
    /// The case.
    pub case_id: Uuid,
    /// The tenant (county) the case belongs to.
    pub tenant_id: Uuid,
}

/// One event of a case's history, before hashing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Position in the case's history, from 1, without gaps.
    pub sequence: u64,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// Who did it; `None` for the system.
    pub actor_id: Option<Uuid>,
    /// What was done, e.g. `accept` or `correction_requested`.
    pub action: String,
    /// State before, if the event changed one.
    pub from: Option<String>,
    /// State after, if the event changed one.
    pub to: Option<String>,
    /// Details: reasons, decisions, document numbers.
    pub payload: Value,
}

/// An event with its hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChainedEvent {
    /// The event.
    #[serde(flatten)]
    pub event: Event,
    /// The canonical form the hash was computed over (version 1 when absent).
    #[serde(default = "ChainVersion::v1")]
    pub chain_version: ChainVersion,
    /// Digest of the event's canonical form (which includes the previous hash), hex.
    pub hash: String,
}

/// Why the chain does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakKind {
    /// The event at this position does not carry the expected sequence number (an event was
    /// dropped, inserted or reordered, or the number was changed).
    Sequence,
    /// The stored hash does not match the event and its predecessor.
    Hash,
    /// A version-1 event follows a version-2 one.
    Downgrade,
}

/// The chain is broken at `sequence` (the sequence number expected at that position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("the case history is broken at event {sequence} ({kind:?})")]
pub struct ChainBreak {
    /// The first position that fails, as the sequence number it should carry.
    pub sequence: u64,
    /// What failed.
    pub kind: BreakKind,
}

/// The canonical text of `event` chained to `prev_hash`, in `version`, for the history of
/// `subject` (which version 1 leaves out; see the module documentation).
pub fn canonical_form(version: ChainVersion, subject: &ChainSubject, event: &Event, prev_hash: &str) -> String {
    let occurred_at = event.occurred_at.to_rfc3339_opts(SecondsFormat::Micros, true);
    let mut fields: Vec<(&str, Value)> = vec![
        ("action", Value::from(event.action.as_str())),
        ("actor_id", event.actor_id.map_or(Value::Null, |id| Value::from(id.to_string()))),
        ("from", event.from.as_deref().map_or(Value::Null, Value::from)),
        ("occurred_at", Value::from(occurred_at)),
        ("payload", event.payload.clone()),
        ("prev_hash", Value::from(prev_hash)),
        ("sequence", Value::from(event.sequence)),
        ("to", event.to.as_deref().map_or(Value::Null, Value::from)),
    ];
    if version >= ChainVersion::V2 {
        fields.push(("case_id", Value::from(subject.case_id.to_string())));
        fields.push(("chain_version", Value::from(version.number())));
        fields.push(("tenant_id", Value::from(subject.tenant_id.to_string())));
        fields.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    }
    let mut out = String::from("{");
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(&mut out, key);
        out.push(':');
        write_value(&mut out, value);
    }
    out.push('}');
    out
}

/// The hash of `event` following `prev_hash`, in `version`, for the history of `subject`.
pub fn hash_event(
    algorithm: HashAlgorithm,
    version: ChainVersion,
    subject: &ChainSubject,
    event: &Event,
    prev_hash: &str,
) -> String {
    algorithm.hex_digest(canonical_form(version, subject, event, prev_hash).as_bytes())
}

/// Chains `event` after `last` (the current last event, `None` for an empty history) in the
/// current version, numbering it: the event's `sequence` is set to the next number.
pub fn append(
    algorithm: HashAlgorithm,
    subject: &ChainSubject,
    last: Option<&ChainedEvent>,
    mut event: Event,
) -> ChainedEvent {
    let (sequence, prev_hash) = match last {
        Some(last) => (last.event.sequence + 1, last.hash.as_str()),
        None => (1, GENESIS_HASH),
    };
    event.sequence = sequence;
    let chain_version = ChainVersion::CURRENT;
    let hash = hash_event(algorithm, chain_version, subject, &event, prev_hash);
    ChainedEvent { event, chain_version, hash }
}

/// Checks a whole history of `subject`: sequences 1, 2, 3…, every hash in the version its
/// event records, and no version-1 event after a version-2 one.
pub fn verify(algorithm: HashAlgorithm, subject: &ChainSubject, events: &[ChainedEvent]) -> Result<(), ChainBreak> {
    verify_from(algorithm, subject, 1, GENESIS_HASH, events)
}

/// Checks a slice of a history that starts at `first_sequence` after an event whose hash is
/// `prev_hash` (e.g. a checkpoint already verified).
pub fn verify_from(
    algorithm: HashAlgorithm,
    subject: &ChainSubject,
    first_sequence: u64,
    prev_hash: &str,
    events: &[ChainedEvent],
) -> Result<(), ChainBreak> {
    let mut prev_hash = prev_hash;
    let mut highest = ChainVersion::V1;
    for (expected, chained) in (first_sequence..).zip(events) {
        if chained.event.sequence != expected {
            return Err(ChainBreak { sequence: expected, kind: BreakKind::Sequence });
        }
        if chained.chain_version < highest {
            return Err(ChainBreak { sequence: expected, kind: BreakKind::Downgrade });
        }
        highest = chained.chain_version;
        if hash_event(algorithm, chained.chain_version, subject, &chained.event, prev_hash) != chained.hash {
            return Err(ChainBreak { sequence: expected, kind: BreakKind::Hash });
        }
        prev_hash = &chained.hash;
    }
    Ok(())
}

/// Canonical JSON: object keys sorted by their UTF-8 bytes at every depth, no white space.
/// Independent of `serde_json`'s map ordering features.
fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// A JSON string literal: `"`, `\` and control characters escaped, everything else as is.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
