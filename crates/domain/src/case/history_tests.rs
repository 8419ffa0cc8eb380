//! Tests of the history chain: canonical forms, versions, breaks.

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

const SUBJECT: ChainSubject = ChainSubject { case_id: Uuid::from_u128(0xca5e), tenant_id: Uuid::from_u128(0x7e4a47) };

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
