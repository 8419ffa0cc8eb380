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
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    #[test]
    fn sm3_known_answer() {
        assert_eq!(
            HashAlgorithm::Sm3.hex_digest(b"abc"),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
        // GB/T 32905-2016 example 2: "abcd" repeated 16 times.
        assert_eq!(
            HashAlgorithm::Sm3.hex_digest("abcd".repeat(16).as_bytes()),
            "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
        );
        assert_eq!(
            HashAlgorithm::Sha256.hex_digest(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(HashAlgorithm::default(), HashAlgorithm::Sm3);
        crate::codes::assert_codes(&HashAlgorithm::ALL);
    }

    fn event(i: u32) -> Event {
        Event {
            sequence: 0,
            occurred_at: Utc.with_ymd_and_hms(2026, 3, 2, 1, i, 0).unwrap(),
            actor_id: Some(Uuid::from_u128(u128::from(i))),
            action: format!("action_{i}"),
            from: Some("submitted".into()),
            to: i.is_multiple_of(2).then(|| "reviewed".to_owned()),
            payload: json!({"reason": "材料齐全", "n": i, "nested": {"b": [1, 2.5, null], "a": true}}),
        }
    }

    const SUBJECT: ChainSubject =
        ChainSubject { case_id: Uuid::from_u128(0xca5e), tenant_id: Uuid::from_u128(0x7e4a47) };

    fn chain(algorithm: HashAlgorithm, n: u32) -> Vec<ChainedEvent> {
        let mut events: Vec<ChainedEvent> = Vec::new();
        for i in 0..n {
            let next = append(algorithm, &SUBJECT, events.last(), event(i));
            events.push(next);
        }
        events
    }

    /// A history written before version 2: `v1` version-1 events, then `v2` in the current
    /// version.
    fn mixed_chain(algorithm: HashAlgorithm, v1: u32, v2: u32) -> Vec<ChainedEvent> {
        let mut events: Vec<ChainedEvent> = Vec::new();
        for i in 0..v1 + v2 {
            let next = if i < v1 {
                let mut e = event(i);
                e.sequence = u64::from(i) + 1;
                let prev = events.last().map_or(GENESIS_HASH, |l| l.hash.as_str());
                let hash = hash_event(algorithm, ChainVersion::V1, &SUBJECT, &e, prev);
                ChainedEvent { event: e, chain_version: ChainVersion::V1, hash }
            } else {
                append(algorithm, &SUBJECT, events.last(), event(i))
            };
            events.push(next);
        }
        events
    }

    #[test]
    fn canonical_form_is_sorted_and_compact() {
        let mut e = event(0);
        e.sequence = 1;
        e.payload = json!({"z": 1, "a": {"y": "\"q\"\n", "b": []}});
        assert_eq!(
            canonical_form(ChainVersion::V1, &SUBJECT, &e, GENESIS_HASH),
            format!(
                "{{\"action\":\"action_0\",\"actor_id\":\"{}\",\"from\":\"submitted\",\
                 \"occurred_at\":\"2026-03-02T01:00:00.000000Z\",\
                 \"payload\":{{\"a\":{{\"b\":[],\"y\":\"\\\"q\\\"\\n\"}},\"z\":1}},\
                 \"prev_hash\":\"{GENESIS_HASH}\",\"sequence\":1,\"to\":\"reviewed\"}}",
                Uuid::from_u128(0)
            )
        );
    }

    #[test]
    fn version_2_form_names_the_case_tenant_and_version() {
        let mut e = event(0);
        e.sequence = 1;
        e.payload = json!({});
        assert_eq!(
            canonical_form(ChainVersion::V2, &SUBJECT, &e, GENESIS_HASH),
            format!(
                "{{\"action\":\"action_0\",\"actor_id\":\"{}\",\"case_id\":\"{}\",\"chain_version\":2,\
                 \"from\":\"submitted\",\"occurred_at\":\"2026-03-02T01:00:00.000000Z\",\"payload\":{{}},\
                 \"prev_hash\":\"{GENESIS_HASH}\",\"sequence\":1,\"tenant_id\":\"{}\",\"to\":\"reviewed\"}}",
                Uuid::from_u128(0),
                SUBJECT.case_id,
                SUBJECT.tenant_id,
            )
        );
        let events = chain(HashAlgorithm::Sm3, 1);
        assert_eq!(events[0].chain_version, ChainVersion::V2);
        assert_eq!(ChainVersion::CURRENT, ChainVersion::V2);
        assert_eq!(ChainVersion::from_number(1), Some(ChainVersion::V1));
        assert_eq!(ChainVersion::from_number(3), None);
    }

    #[test]
    fn a_version_2_event_is_bound_to_its_case_and_tenant() {
        let events = chain(HashAlgorithm::Sm3, 3);
        let other_case = ChainSubject { case_id: Uuid::from_u128(1), ..SUBJECT };
        let other_tenant = ChainSubject { tenant_id: Uuid::from_u128(1), ..SUBJECT };
        for subject in [other_case, other_tenant] {
            assert_eq!(
                verify(HashAlgorithm::Sm3, &subject, &events),
                Err(ChainBreak { sequence: 1, kind: BreakKind::Hash })
            );
        }
        // Version 1 does not say whose history it is.
        let old = mixed_chain(HashAlgorithm::Sm3, 3, 0);
        assert_eq!(verify(HashAlgorithm::Sm3, &other_case, &old), Ok(()));
        // Relabelling a version-2 event as version 1 breaks it.
        let mut relabelled = events.clone();
        relabelled[0].chain_version = ChainVersion::V1;
        assert_eq!(
            verify(HashAlgorithm::Sm3, &SUBJECT, &relabelled),
            Err(ChainBreak { sequence: 1, kind: BreakKind::Hash })
        );
    }

    #[test]
    fn intact_chains_verify_with_their_algorithm_only() {
        for algorithm in [HashAlgorithm::Sm3, HashAlgorithm::Sha256] {
            let events = chain(algorithm, 6);
            assert_eq!(events[0].event.sequence, 1);
            assert_eq!(events[5].event.sequence, 6);
            assert_eq!(verify(algorithm, &SUBJECT, &events), Ok(()));
            assert_eq!(verify_from(algorithm, &SUBJECT, 4, &events[2].hash, &events[3..]), Ok(()));
        }
        let events = chain(HashAlgorithm::Sm3, 2);
        assert_eq!(
            verify(HashAlgorithm::Sha256, &SUBJECT, &events),
            Err(ChainBreak { sequence: 1, kind: BreakKind::Hash })
        );
        assert_eq!(verify(HashAlgorithm::Sm3, &SUBJECT, &[]), Ok(()));
    }

    #[test]
    fn tampering_any_field_breaks_at_that_event() {
        type Tamper = fn(&mut ChainedEvent);
        let tampers: [(&str, Tamper, BreakKind); 10] = [
            ("sequence", |e| e.event.sequence += 10, BreakKind::Sequence),
            ("occurred_at", |e| e.event.occurred_at += chrono::TimeDelta::seconds(1), BreakKind::Hash),
            ("actor", |e| e.event.actor_id = None, BreakKind::Hash),
            ("action", |e| e.event.action.push('x'), BreakKind::Hash),
            ("from", |e| e.event.from = Some("draft".into()), BreakKind::Hash),
            ("to", |e| e.event.to = Some("archived".into()), BreakKind::Hash),
            ("payload value", |e| e.event.payload["reason"] = json!("材料不齐"), BreakKind::Hash),
            ("payload nested", |e| e.event.payload["nested"]["b"][1] = json!(2.6), BreakKind::Hash),
            ("payload key", |e| e.event.payload["extra"] = json!(null), BreakKind::Hash),
            ("hash", |e| e.hash.replace_range(0..1, if e.hash.starts_with('0') { "1" } else { "0" }), BreakKind::Hash),
        ];
        for algorithm in [HashAlgorithm::Sm3, HashAlgorithm::Sha256] {
            for at in 0..5 {
                for (name, tamper, kind) in &tampers {
                    let mut events = chain(algorithm, 5);
                    tamper(&mut events[at]);
                    let sequence = u64::try_from(at).unwrap() + 1;
                    assert_eq!(
                        verify(algorithm, &SUBJECT, &events),
                        Err(ChainBreak { sequence, kind: *kind }),
                        "{name} at {sequence}"
                    );
                }
            }
        }
    }

    #[test]
    fn dropping_or_reordering_events_breaks_the_chain() {
        let events = chain(HashAlgorithm::Sm3, 5);
        let mut dropped = events.clone();
        dropped.remove(2);
        assert_eq!(
            verify(HashAlgorithm::Sm3, &SUBJECT, &dropped),
            Err(ChainBreak { sequence: 3, kind: BreakKind::Sequence })
        );
        let mut renumbered = dropped.clone();
        for (i, e) in renumbered.iter_mut().enumerate() {
            e.event.sequence = u64::try_from(i).unwrap() + 1;
        }
        assert_eq!(
            verify(HashAlgorithm::Sm3, &SUBJECT, &renumbered),
            Err(ChainBreak { sequence: 3, kind: BreakKind::Hash })
        );
        let mut swapped = events.clone();
        swapped.swap(1, 3);
        assert_eq!(verify(HashAlgorithm::Sm3, &SUBJECT, &swapped).unwrap_err().sequence, 2);
        let truncated = &events[..3];
        assert_eq!(verify(HashAlgorithm::Sm3, &SUBJECT, truncated), Ok(()), "a prefix is a valid chain");
    }

    #[test]
    fn sub_microsecond_precision_is_not_hashed() {
        let mut e = event(1);
        e.sequence = 1;
        let a = hash_event(HashAlgorithm::Sm3, ChainVersion::V2, &SUBJECT, &e, GENESIS_HASH);
        e.occurred_at += chrono::TimeDelta::nanoseconds(300);
        assert_eq!(hash_event(HashAlgorithm::Sm3, ChainVersion::V2, &SUBJECT, &e, GENESIS_HASH), a);
    }

    #[test]
    fn chained_events_serialise_flat() {
        let events = chain(HashAlgorithm::Sm3, 1);
        let json = serde_json::to_value(&events[0]).unwrap();
        assert_eq!(json["sequence"], json!(1));
        assert_eq!(json["hash"], json!(events[0].hash));
        assert_eq!(json["chain_version"], json!(2));
        let back: ChainedEvent = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, events[0]);
        // An event written without a version is a version-1 event.
        let mut old = json;
        old.as_object_mut().unwrap().remove("chain_version");
        let back: ChainedEvent = serde_json::from_value(old).unwrap();
        assert_eq!(back.chain_version, ChainVersion::V1);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// One field of one event, changed.
        #[derive(Debug, Clone, Copy)]
        enum Field {
            OccurredAt,
            Actor,
            Action,
            From,
            To,
            Payload,
            Hash,
            Sequence,
        }

        fn field() -> impl Strategy<Value = Field> {
            prop_oneof![
                Just(Field::OccurredAt),
                Just(Field::Actor),
                Just(Field::Action),
                Just(Field::From),
                Just(Field::To),
                Just(Field::Payload),
                Just(Field::Hash),
                Just(Field::Sequence),
            ]
        }

        fn change(e: &mut ChainedEvent, field: Field, n: u32) {
            match field {
                Field::OccurredAt => e.event.occurred_at += chrono::TimeDelta::microseconds(i64::from(n) + 1),
                Field::Actor => e.event.actor_id = Some(Uuid::from_u128(u128::from(n) + 1_000_000)),
                Field::Action => e.event.action.push_str(&n.to_string()),
                Field::From => e.event.from = Some(format!("state_{n}")),
                Field::To => e.event.to = e.event.to.as_ref().map_or(Some("x".into()), |_| None),
                Field::Payload => e.event.payload["changed"] = json!(n),
                Field::Hash => {
                    let c = if e.hash.starts_with('0') { "1" } else { "0" };
                    e.hash.replace_range(0..1, c);
                }
                Field::Sequence => e.event.sequence += u64::from(n) + 1,
            }
        }

        proptest! {
            #[test]
            fn any_single_field_change_breaks_at_that_event(
                v1 in 0u32..4, v2 in 1u32..5, at in any::<prop::sample::Index>(), f in field(), n in 0u32..1000,
            ) {
                let mut events = mixed_chain(HashAlgorithm::Sm3, v1, v2);
                let at = at.index(events.len());
                change(&mut events[at], f, n);
                let sequence = u64::try_from(at).unwrap() + 1;
                let kind = if matches!(f, Field::Sequence) { BreakKind::Sequence } else { BreakKind::Hash };
                prop_assert_eq!(verify(HashAlgorithm::Sm3, &SUBJECT, &events), Err(ChainBreak { sequence, kind }));
            }

            #[test]
            fn version_1_and_mixed_histories_still_verify(v1 in 0u32..6, v2 in 0u32..6, sha in any::<bool>()) {
                let algorithm = if sha { HashAlgorithm::Sha256 } else { HashAlgorithm::Sm3 };
                let events = mixed_chain(algorithm, v1, v2);
                prop_assert_eq!(verify(algorithm, &SUBJECT, &events), Ok(()));
            }

            #[test]
            fn a_version_1_event_after_a_version_2_one_is_a_downgrade(
                v1 in 0u32..3, v2 in 1u32..4, tail in 1u32..3,
            ) {
                let mut events = mixed_chain(HashAlgorithm::Sm3, v1, v2);
                // Rehashed honestly in version 1: only the downgrade rule catches it.
                for _ in 0..tail {
                    let mut e = event(events.len() as u32 + 7);
                    e.sequence = events.len() as u64 + 1;
                    let prev = events.last().map_or(GENESIS_HASH, |l| l.hash.as_str()).to_owned();
                    let hash = hash_event(HashAlgorithm::Sm3, ChainVersion::V1, &SUBJECT, &e, &prev);
                    events.push(ChainedEvent { event: e, chain_version: ChainVersion::V1, hash });
                }
                let sequence = u64::from(v1 + v2) + 1;
                prop_assert_eq!(
                    verify(HashAlgorithm::Sm3, &SUBJECT, &events),
                    Err(ChainBreak { sequence, kind: BreakKind::Downgrade })
                );
            }
        }
    }
}
