//! The case history as a hash chain (一事一档, tamper-evident).
//!
//! Each event is written in a canonical form — a JSON object with keys in byte order, no
//! white space, absent values as `null`, `occurred_at` as UTC RFC 3339 with exactly six
//! decimals (microseconds, what PostgreSQL keeps), payload objects with their keys sorted at
//! every depth — and that form includes the previous event's hash (`prev_hash`, 64 zeros for
//! the first). The event's hash is the digest of those UTF-8 bytes, in lower-case hex, by the
//! chosen algorithm: SM3 (GB/T 32905-2016, the default, as GB/T 39786 expects) or SHA-256.
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

/// The canonical text of `event` chained to `prev_hash` (see the module documentation).
pub fn canonical_form(event: &Event, prev_hash: &str) -> String {
    let occurred_at = event.occurred_at.to_rfc3339_opts(SecondsFormat::Micros, true);
    let fields: [(&str, Value); 8] = [
        ("action", Value::from(event.action.as_str())),
        ("actor_id", event.actor_id.map_or(Value::Null, |id| Value::from(id.to_string()))),
        ("from", event.from.as_deref().map_or(Value::Null, Value::from)),
        ("occurred_at", Value::from(occurred_at)),
        ("payload", event.payload.clone()),
        ("prev_hash", Value::from(prev_hash)),
        ("sequence", Value::from(event.sequence)),
        ("to", event.to.as_deref().map_or(Value::Null, Value::from)),
    ];
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

/// The hash of `event` following `prev_hash`.
pub fn hash_event(algorithm: HashAlgorithm, event: &Event, prev_hash: &str) -> String {
    algorithm.hex_digest(canonical_form(event, prev_hash).as_bytes())
}

/// Chains `event` after `last` (the current last event, `None` for an empty history),
/// numbering it: the event's `sequence` is set to the next number.
pub fn append(algorithm: HashAlgorithm, last: Option<&ChainedEvent>, mut event: Event) -> ChainedEvent {
    let (sequence, prev_hash) = match last {
        Some(last) => (last.event.sequence + 1, last.hash.as_str()),
        None => (1, GENESIS_HASH),
    };
    event.sequence = sequence;
    let hash = hash_event(algorithm, &event, prev_hash);
    ChainedEvent { event, hash }
}

/// Checks a whole history: sequences 1, 2, 3… and every hash.
pub fn verify(algorithm: HashAlgorithm, events: &[ChainedEvent]) -> Result<(), ChainBreak> {
    verify_from(algorithm, 1, GENESIS_HASH, events)
}

/// Checks a slice of a history that starts at `first_sequence` after an event whose hash is
/// `prev_hash` (e.g. a checkpoint already verified).
pub fn verify_from(
    algorithm: HashAlgorithm,
    first_sequence: u64,
    prev_hash: &str,
    events: &[ChainedEvent],
) -> Result<(), ChainBreak> {
    let mut prev_hash = prev_hash;
    for (expected, chained) in (first_sequence..).zip(events) {
        if chained.event.sequence != expected {
            return Err(ChainBreak { sequence: expected, kind: BreakKind::Sequence });
        }
        if hash_event(algorithm, &chained.event, prev_hash) != chained.hash {
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

    fn chain(algorithm: HashAlgorithm, n: u32) -> Vec<ChainedEvent> {
        let mut events: Vec<ChainedEvent> = Vec::new();
        for i in 0..n {
            let next = append(algorithm, events.last(), event(i));
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
            canonical_form(&e, GENESIS_HASH),
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
    fn intact_chains_verify_with_their_algorithm_only() {
        for algorithm in [HashAlgorithm::Sm3, HashAlgorithm::Sha256] {
            let events = chain(algorithm, 6);
            assert_eq!(events[0].event.sequence, 1);
            assert_eq!(events[5].event.sequence, 6);
            assert_eq!(verify(algorithm, &events), Ok(()));
            assert_eq!(verify_from(algorithm, 4, &events[2].hash, &events[3..]), Ok(()));
        }
        let events = chain(HashAlgorithm::Sm3, 2);
        assert_eq!(verify(HashAlgorithm::Sha256, &events), Err(ChainBreak { sequence: 1, kind: BreakKind::Hash }));
        assert_eq!(verify(HashAlgorithm::Sm3, &[]), Ok(()));
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
                        verify(algorithm, &events),
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
        assert_eq!(verify(HashAlgorithm::Sm3, &dropped), Err(ChainBreak { sequence: 3, kind: BreakKind::Sequence }));
        let mut renumbered = dropped.clone();
        for (i, e) in renumbered.iter_mut().enumerate() {
            e.event.sequence = u64::try_from(i).unwrap() + 1;
        }
        assert_eq!(verify(HashAlgorithm::Sm3, &renumbered), Err(ChainBreak { sequence: 3, kind: BreakKind::Hash }));
        let mut swapped = events.clone();
        swapped.swap(1, 3);
        assert_eq!(verify(HashAlgorithm::Sm3, &swapped).unwrap_err().sequence, 2);
        let truncated = &events[..3];
        assert_eq!(verify(HashAlgorithm::Sm3, truncated), Ok(()), "a prefix is a valid chain");
    }

    #[test]
    fn sub_microsecond_precision_is_not_hashed() {
        let mut e = event(1);
        e.sequence = 1;
        let a = hash_event(HashAlgorithm::Sm3, &e, GENESIS_HASH);
        e.occurred_at += chrono::TimeDelta::nanoseconds(300);
        assert_eq!(hash_event(HashAlgorithm::Sm3, &e, GENESIS_HASH), a);
    }

    #[test]
    fn chained_events_serialise_flat() {
        let events = chain(HashAlgorithm::Sm3, 1);
        let json = serde_json::to_value(&events[0]).unwrap();
        assert_eq!(json["sequence"], json!(1));
        assert_eq!(json["hash"], json!(events[0].hash));
        let back: ChainedEvent = serde_json::from_value(json).unwrap();
        assert_eq!(back, events[0]);
    }
}
