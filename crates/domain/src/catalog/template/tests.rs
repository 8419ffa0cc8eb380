use proptest::prelude::*;

use super::*;
use crate::time_limit::TimeLimit;

fn item(code: &str) -> TemplateItem {
    TemplateItem {
        code: code.to_owned(),
        name: "建设工程规划许可".to_owned(),
        stage: Stage::EngineeringPermit,
        department_code: "natural-resources".to_owned(),
        legal_basis: Some("《中华人民共和国城乡规划法》第四十条".to_owned()),
        acceptance_conditions: None,
        legal_limit: Some(TimeLimit::WorkingDays(20)),
        promised_limit: Some(TimeLimit::WorkingDays(5)),
        allows_tolerance: true,
        allows_commitment: false,
        max_extension_days: Some(10),
        legal_fees: Some("不收费".to_owned()),
        fee_basis: None,
        intermediary_services: None,
        process: Some("申请→受理→审查→决定→送达".to_owned()),
        result_name: None,
        consultation_phone: Some("0878-0000001".to_owned()),
        complaint_phone: None,
        supervision_phone: None,
        source: None,
        source_note: None,
        materials: vec![
            TemplateMaterial {
                name: "申请表".to_owned(),
                required: true,
                may_be_missing: false,
                sample: None,
                note: Some("原件1份".to_owned()),
            },
            TemplateMaterial {
                name: "设计方案".to_owned(),
                required: true,
                may_be_missing: true,
                sample: None,
                note: None,
            },
        ],
    }
}

fn known(code: &str) -> bool {
    code != "nowhere"
}

fn only(items: Vec<ParsedItem>) -> Vec<TemplateItem> {
    items.into_iter().map(|p| p.item).collect()
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

#[test]
fn a_printed_workbook_reads_back_with_rows_as_the_spreadsheet_numbers_them() {
    let items = vec![item("DY-001"), TemplateItem { materials: vec![], ..item("DY-002") }];
    let parsed = parse(&print(&items), known).unwrap();
    assert_eq!(parsed.iter().map(|p| p.row).collect::<Vec<_>>(), vec![2, 3]);
    assert_eq!(only(parsed), items);
}

#[test]
fn columns_are_found_by_header_and_materials_ordered_by_number() {
    let mut text = print(&[item("DY-001")]);
    // Reverse the columns of both sheets and the material rows.
    for sheet in [text.items.as_mut().unwrap(), text.materials.as_mut().unwrap()] {
        for row in sheet.iter_mut() {
            row.reverse();
        }
    }
    let materials = text.materials.as_mut().unwrap();
    materials[1..].reverse();
    materials.push(vec![String::new(); 7]);
    assert_eq!(only(parse(&text, known).unwrap()), vec![item("DY-001")]);
}

#[test]
fn stages_read_by_name_code_or_published_wording() {
    let mut text = print(&[item("DY-001")]);
    let col = ItemColumn::ALL.iter().position(|c| *c == ItemColumn::Stage).unwrap();
    for (written, stage) in [
        ("engineering_permit", Stage::EngineeringPermit),
        ("立项用地规划许可阶段（并行事项）", Stage::LandPlanningPermit),
        ("投资主体确立（企业注册登记）", Stage::EnterpriseSetup),
    ] {
        text.items.as_mut().unwrap()[1][col] = written.to_owned();
        assert_eq!(parse(&text, known).unwrap()[0].item.stage, stage, "{written}");
    }
}

#[test]
fn every_problem_is_named_by_sheet_row_and_column() {
    let mut text = print(&[item("DY-001"), item("DY-002")]);
    let items = text.items.as_mut().unwrap();
    let at = |c: ItemColumn| ItemColumn::ALL.iter().position(|x| *x == c).unwrap();
    items[1][at(ItemColumn::LegalLimit)] = "二十多天".to_owned();
    items[1][at(ItemColumn::AllowsCommitment)] = "可以".to_owned();
    items[2][at(ItemColumn::Code)] = "DY-001".to_owned();
    items[2][at(ItemColumn::Stage)] = "其他".to_owned();
    items[2][at(ItemColumn::PromisedLimit)] = "30个工作日".to_owned();
    items[2][at(ItemColumn::AllowsTolerance)] = "否".to_owned();
    items[2][at(ItemColumn::MaxExtension)] = "十".to_owned();
    items[2][at(ItemColumn::Department)] = "nowhere".to_owned();
    items.push(strings(&["DY-003", " "]));
    let materials = text.materials.as_mut().unwrap();
    materials[2][1] = "1".to_owned();
    materials.push(strings(&["DY-404", "0", "", "是", "否"]));
    let errors = parse(&text, known).unwrap_err();
    let found: Vec<(String, &str)> = errors.iter().map(|e| (e.path(), e.code())).collect();
    let expected = [
        ("事项/2/法定时限", "time_limit"),
        ("事项/2/告知承诺", "not_a_flag"),
        ("事项/3/事项编码", "duplicate_code"),
        ("事项/3/审批阶段", "unknown_stage"),
        ("事项/3/办理部门编码", "unknown_department"),
        ("事项/3/承诺时限", "promise_exceeds_legal"),
        ("事项/3/最长延期（工作日）", "not_a_number"),
        ("事项/4/事项名称", "required"),
        ("事项/4/审批阶段", "required"),
        ("事项/4/办理部门编码", "required"),
        ("事项/4/容缺受理", "required"),
        ("事项/4/告知承诺", "required"),
        ("材料/3/序号", "duplicate_position"),
        ("材料/4/事项编码", "unknown_item"),
        ("材料/5/事项编码", "unknown_item"),
        ("材料/6/事项编码", "unknown_item"),
        ("材料/6/序号", "not_a_number"),
        ("材料/6/材料名称", "required"),
    ];
    for (path, code) in expected {
        assert!(found.contains(&(path.to_owned(), code)), "{path} {code} missing from {found:#?}");
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    let e = errors.iter().find(|e| e.code() == "time_limit").unwrap();
    assert_eq!(e.zh(), "「事项」表第 2 行「法定时限」列：「二十多天」不是时限（示例：20个工作日、60日、2小时、即办）");
    assert!(e.en().starts_with("sheet 事项 (items), row 2, column legal time limit: "), "{}", e.en());
}

#[test]
fn headers_and_sheets_are_checked() {
    let mut text = print(&[item("DY-001")]);
    let items = text.items.as_mut().unwrap();
    items[0][0] = "编码".to_owned();
    items[0][2] = "事项名称".to_owned();
    text.materials = None;
    let found: Vec<(String, &str)> = parse(&text, known).unwrap_err().iter().map(|e| (e.path(), e.code())).collect();
    assert_eq!(
        found,
        vec![
            ("事项/1".to_owned(), "unknown_column"),
            ("事项/1/事项名称".to_owned(), "duplicate_column"),
            ("事项/1/事项编码".to_owned(), "missing_column"),
            ("事项/1/审批阶段".to_owned(), "missing_column"),
            ("材料".to_owned(), "missing_sheet"),
        ]
    );
}

#[test]
fn tolerance_of_a_material_needs_the_item_to_allow_it() {
    let text = print(&[TemplateItem { allows_tolerance: false, ..item("DY-001") }]);
    let errors = parse(&text, known).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].path(), errors[0].code()), ("材料/3/可容缺".to_owned(), "tolerance_not_allowed"));
}

fn some_text() -> impl Strategy<Value = String> {
    // Trimmed and non-blank, as the parser keeps text; spaces and line breaks inside.
    "[a-z0-9《》（）、，一二三事项许可]([a-z0-9 \n《》（）、，一二三事项许可]{0,12}[a-z0-9事项])?"
}

fn maybe_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(some_text())
}

fn any_limit() -> impl Strategy<Value = Option<TimeLimit>> {
    proptest::option::of(prop_oneof![
        Just(TimeLimit::Immediate),
        (0u32..1000).prop_map(TimeLimit::WorkingDays),
        (0u32..1000).prop_map(TimeLimit::CalendarDays),
        (0u32..10_000).prop_map(TimeLimit::OfficeMinutes),
    ])
}

fn any_material(tolerance: bool) -> impl Strategy<Value = TemplateMaterial> {
    (some_text(), any::<bool>(), any::<bool>(), maybe_text(), maybe_text()).prop_map(
        move |(name, required, may_be_missing, sample, note)| TemplateMaterial {
            name,
            required,
            may_be_missing: may_be_missing && tolerance,
            sample,
            note,
        },
    )
}

fn any_item(code: String) -> impl Strategy<Value = TemplateItem> {
    let texts = (
        some_text(),
        some_text(),
        maybe_text(),
        maybe_text(),
        maybe_text(),
        maybe_text(),
        maybe_text(),
        maybe_text(),
        maybe_text(),
        maybe_text(),
        maybe_text(),
        maybe_text(),
    );
    let more = (maybe_text(), maybe_text(), proptest::option::of(0u32..=MAX_EXTENSION_DAYS));
    let flags = (0usize..Stage::ALL.len(), any::<bool>(), any::<bool>(), any_limit(), any_limit());
    (texts, more, flags).prop_flat_map(move |(t, m, f)| {
        let code = code.clone();
        let (stage, tolerance, commitment, a, b) = f;
        // The promise within the law: the shorter of two comparable limits is the promise.
        let (legal, promised) = match (a, b) {
            (Some(a), Some(b)) if a.compare_length(b) == Some(std::cmp::Ordering::Less) => (Some(b), Some(a)),
            other => other,
        };
        proptest::collection::vec(any_material(tolerance), 0..4).prop_map(move |materials| TemplateItem {
            code: code.clone(),
            name: t.0.clone(),
            stage: Stage::ALL[stage],
            department_code: t.1.clone(),
            legal_basis: t.2.clone(),
            acceptance_conditions: t.3.clone(),
            legal_limit: legal,
            promised_limit: promised,
            allows_tolerance: tolerance,
            allows_commitment: commitment,
            max_extension_days: m.2,
            legal_fees: t.4.clone(),
            fee_basis: t.5.clone(),
            intermediary_services: t.6.clone(),
            process: t.7.clone(),
            result_name: t.8.clone(),
            consultation_phone: t.9.clone(),
            complaint_phone: t.10.clone(),
            supervision_phone: t.11.clone(),
            source: m.0.clone(),
            source_note: m.1.clone(),
            materials,
        })
    })
}

fn any_catalog() -> impl Strategy<Value = Vec<TemplateItem>> {
    (0usize..5).prop_flat_map(|n| (0..n).map(|i| any_item(format!("DY-{i:03}"))).collect::<Vec<_>>())
}

proptest! {
    #[test]
    fn print_then_parse_is_the_identity(items in any_catalog()) {
        let parsed = parse(&print(&items), known);
        prop_assert_eq!(parsed.map(only), Ok(items));
    }
}
