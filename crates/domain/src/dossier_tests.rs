use super::*;
use crate::case::history::{Event, append};
use chrono::TimeZone;
use serde_json::json;

const CASE: Uuid = Uuid::from_u128(0xca5e);
const TENANT: Uuid = Uuid::from_u128(0x7e4a47);

fn events(n: u32) -> Vec<HistoryRecord> {
    let subject = ChainSubject { case_id: CASE, tenant_id: TENANT };
    let mut chain: Vec<ChainedEvent> = Vec::new();
    for i in 0..n {
        let e = Event {
            sequence: 0,
            occurred_at: Utc.with_ymd_and_hms(2026, 3, 2, 1, i, 0).unwrap(),
            actor_id: Some(Uuid::from_u128(u128::from(i))),
            action: format!("action_{i}"),
            from: None,
            to: Some("accepted".into()),
            payload: json!({"n": i}),
        };
        let next = append(HashAlgorithm::Sm3, &subject, chain.last(), e);
        chain.push(next);
    }
    chain.into_iter().map(|chained| HistoryRecord { chained, actor_name: Some("甲".into()) }).collect()
}

/// An archive of `history` and two more files, with its manifest.
fn archive_of(history: &DossierHistory, head: ChainHead) -> BTreeMap<String, Vec<u8>> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    files.insert(CASE_PATH.into(), br#"{"number":"DY-2026-001"}"#.to_vec());
    files.insert(HISTORY_PATH.into(), serde_json::to_vec_pretty(history).unwrap());
    files.insert("forms/报审表.docx".into(), vec![7; 300]);
    let role = |p: &str| match p {
        CASE_PATH => EntryRole::Case,
        HISTORY_PATH => EntryRole::History,
        _ => EntryRole::Form,
    };
    let entries = files.iter().map(|(p, b)| ManifestEntry::of(p.clone(), role(p), b)).collect();
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        case_id: CASE,
        tenant_id: TENANT,
        case_number: "DY-2026-001".into(),
        generated_at: Utc.with_ymd_and_hms(2026, 12, 5, 2, 0, 0).unwrap(),
        file_digest: FileDigest::Sha256,
        chain_algorithm: HashAlgorithm::Sm3,
        chain_head: head,
        entries,
    };
    files.insert(MANIFEST_PATH.into(), serde_json::to_vec_pretty(&manifest).unwrap());
    files
}

fn history(n: u32) -> DossierHistory {
    DossierHistory { case_id: CASE, tenant_id: TENANT, chain_algorithm: HashAlgorithm::Sm3, events: events(n) }
}

fn archive() -> BTreeMap<String, Vec<u8>> {
    let h = history(4);
    let head = head_of(&h.events.iter().map(|r| r.chained.clone()).collect::<Vec<_>>());
    archive_of(&h, head)
}

#[test]
fn an_intact_archive_verifies_and_reports_its_head() {
    let mut files = archive();
    let manifest_sm3 = HashAlgorithm::Sm3.hex_digest(&files[MANIFEST_PATH]);
    let report = verify_archive(&mut files).unwrap();
    assert_eq!(report.case_id, CASE);
    assert_eq!(report.case_number, "DY-2026-001");
    assert_eq!(report.files, 3);
    assert_eq!(report.events_v2, 4);
    assert_eq!(report.events_v1, 0);
    assert_eq!(report.chain_head.length, 4);
    assert_eq!(report.chain_head.hash, history(4).events[3].chained.hash);
    assert_eq!(report.manifest_sm3, Some(manifest_sm3));
}

#[test]
fn a_changed_byte_names_the_file() {
    let mut files = archive();
    files.get_mut("forms/报审表.docx").unwrap()[120] ^= 1;
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::Changed { path: "forms/报审表.docx".into() }));
    let mut files = archive();
    files.get_mut("forms/报审表.docx").unwrap().push(0);
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::Changed { path: "forms/报审表.docx".into() }));
}

#[test]
fn missing_and_extra_files_are_named() {
    let mut files = archive();
    files.remove(CASE_PATH);
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::Missing { path: CASE_PATH.into() }));
    let mut files = archive();
    files.insert("materials/extra.pdf".into(), vec![1, 2, 3]);
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::Extra { path: "materials/extra.pdf".into() }));
    let mut files = archive();
    files.remove(MANIFEST_PATH);
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::NoManifest));
    let mut files = archive();
    files.remove(HISTORY_PATH);
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::Missing { path: HISTORY_PATH.into() }));
}

#[test]
fn a_changed_event_field_names_the_event() {
    let mut files = archive();
    let mut h: DossierHistory = serde_json::from_slice(&files[HISTORY_PATH]).unwrap();
    h.events[2].chained.event.payload = json!({"n": 99});
    files.insert(HISTORY_PATH.into(), serde_json::to_vec_pretty(&h).unwrap());
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::Event { sequence: 3, kind: BreakKind::Hash }));
    // The actor's name is for the reader: changing it changes the file, not the chain.
    let mut files = archive();
    let mut h: DossierHistory = serde_json::from_slice(&files[HISTORY_PATH]).unwrap();
    h.events[1].actor_name = Some("乙".into());
    files.insert(HISTORY_PATH.into(), serde_json::to_vec_pretty(&h).unwrap());
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::Changed { path: HISTORY_PATH.into() }));
    // Broken JSON is a changed file.
    let mut files = archive();
    files.get_mut(HISTORY_PATH).unwrap().truncate(10);
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::Changed { path: HISTORY_PATH.into() }));
}

#[test]
fn events_dropped_from_the_end_do_not_match_the_head() {
    let full = history(4);
    let head = head_of(&full.events.iter().map(|r| r.chained.clone()).collect::<Vec<_>>());
    let mut short = full.clone();
    short.events.truncate(2);
    // Even with the manifest's file list redone for the shorter history.
    let mut files = archive_of(&short, head.clone());
    match verify_archive(&mut files) {
        Err(DossierBreak::Head { manifest, history }) => {
            assert_eq!(manifest, head);
            assert_eq!(history.length, 2);
        }
        other => panic!("expected a head mismatch, got {other:?}"),
    }
}

#[test]
fn the_history_is_bound_to_the_manifests_case_and_tenant() {
    let mut files = archive();
    let mut m: Manifest = serde_json::from_slice(&files[MANIFEST_PATH]).unwrap();
    m.case_id = Uuid::from_u128(1);
    files.insert(MANIFEST_PATH.into(), serde_json::to_vec(&m).unwrap());
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::HistoryMismatch { field: "case_id" }));
    // Moving the history to another case as well breaks the first version-2 event.
    let mut h: DossierHistory = serde_json::from_slice(&files[HISTORY_PATH]).unwrap();
    h.case_id = m.case_id;
    files.insert(HISTORY_PATH.into(), serde_json::to_vec(&h).unwrap());
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::Event { sequence: 1, kind: BreakKind::Hash }));
    let mut files = archive();
    let mut m: Manifest = serde_json::from_slice(&files[MANIFEST_PATH]).unwrap();
    m.tenant_id = Uuid::from_u128(2);
    files.insert(MANIFEST_PATH.into(), serde_json::to_vec(&m).unwrap());
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::HistoryMismatch { field: "tenant_id" }));
}

#[test]
fn the_manifest_must_list_the_history_and_be_readable() {
    let mut files = archive();
    let mut m: Manifest = serde_json::from_slice(&files[MANIFEST_PATH]).unwrap();
    m.entries.retain(|e| e.path != HISTORY_PATH);
    files.insert(MANIFEST_PATH.into(), serde_json::to_vec(&m).unwrap());
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::HistoryNotListed));
    let mut files = archive();
    files.insert(MANIFEST_PATH.into(), b"{".to_vec());
    assert!(matches!(verify_archive(&mut files), Err(DossierBreak::Unreadable { path, .. }) if path == MANIFEST_PATH));
    let mut files = archive();
    let mut m: Manifest = serde_json::from_slice(&files[MANIFEST_PATH]).unwrap();
    m.format_version = 9;
    files.insert(MANIFEST_PATH.into(), serde_json::to_vec(&m).unwrap());
    assert_eq!(verify_archive(&mut files), Err(DossierBreak::UnsupportedFormat(9)));
}
