use chrono::NaiveDate;

use super::*;
use crate::calendar::MonthDay;
use crate::case::escalation::Offset;
use crate::catalog::Stage;
use crate::catalog::template::TemplateMaterial;
use crate::time_limit::TimeLimit;

fn county() -> CountyWorkbook {
    let mut settings = CountySettings::default();
    settings.office_hours.standard = parse_hours("08:30-12:00, 14:00-17:30").unwrap();
    settings.office_hours.seasonal = Some(SeasonalHours {
        from: MonthDay::new(5, 1).unwrap(),
        until: MonthDay::new(9, 30).unwrap(),
        hours: parse_hours("08:00-11:30, 15:00-18:30").unwrap(),
    });
    settings.acknowledge_within_minutes = 45;
    settings.finishing_ladder.steps.truncate(3);
    settings.case_number_prefix = Some("QH".to_owned());
    CountyWorkbook {
        code: "qinghe".to_owned(),
        name: "清河县".to_owned(),
        settings,
        profile: Some(WorkbookProfile {
            published: true,
            office_name: Some("清河县重大项目帮办代办专窗".to_owned()),
            phone: Some("0871-0000100".to_owned()),
            ..Default::default()
        }),
        departments: vec![WorkbookDepartment {
            code: "natural-resources".to_owned(),
            name: "清河县自然资源局".to_owned(),
            short_name: "自然资源局".to_owned(),
            phone: None,
        }],
        users: vec![
            WorkbookUser {
                username: "admin".to_owned(),
                display_name: "林若溪".to_owned(),
                role: Role::Admin,
                department_code: None,
                phone: Some("13800000101".to_owned()),
                email: None,
                approval_work_since: None,
            },
            WorkbookUser {
                username: "agent-nr".to_owned(),
                display_name: "韩思远".to_owned(),
                role: Role::DepartmentAgent,
                department_code: Some("natural-resources".to_owned()),
                phone: None,
                email: Some("hsy@example.org".to_owned()),
                approval_work_since: NaiveDate::from_ymd_opt(2020, 3, 1),
            },
        ],
        items: vec![TemplateItem {
            code: "QH-001".to_owned(),
            name: "建设用地规划许可证核发".to_owned(),
            stage: Stage::LandPlanningPermit,
            department_code: "natural-resources".to_owned(),
            legal_basis: None,
            acceptance_conditions: None,
            legal_limit: Some(TimeLimit::parse("20个工作日").unwrap().unwrap()),
            promised_limit: Some(TimeLimit::parse("5个工作日").unwrap().unwrap()),
            allows_tolerance: false,
            allows_commitment: false,
            max_extension_days: None,
            legal_fees: None,
            fee_basis: None,
            intermediary_services: None,
            process: None,
            result_name: None,
            consultation_phone: None,
            complaint_phone: None,
            supervision_phone: None,
            source: None,
            source_note: None,
            materials: vec![TemplateMaterial {
                name: "申请表".to_owned(),
                required: true,
                may_be_missing: false,
                sample: None,
                note: None,
            }],
        }],
        days: vec![WorkbookDay {
            date: NaiveDate::from_ymd_opt(2026, 12, 28).unwrap(),
            working: false,
            name: "县庆".to_owned(),
        }],
    }
}

use crate::calendar::SeasonalHours;

#[test]
fn a_printed_county_reads_back_the_same() {
    let w = county();
    assert_eq!(parse(&print(&w), false).unwrap(), w);
    let mut plain = county();
    plain.profile = None;
    plain.days.clear();
    plain.settings = CountySettings::default();
    assert_eq!(parse(&print(&plain), false).unwrap(), plain);
}

#[test]
fn a_left_out_setting_keeps_its_default_and_a_ladder_takes_its_rows() {
    let mut text = print(&county());
    let settings = text.settings.as_mut().unwrap();
    settings.retain(|r| r[0] != "acknowledge_within_minutes" && r[0] != "finishing_ladder");
    settings.push(vec!["finishing_ladder".into(), "late; escalation; office; 2 个工作日".into(), String::new()]);
    let w = parse(&text, false).unwrap();
    assert_eq!(w.settings.acknowledge_within_minutes, 30);
    assert_eq!(w.settings.finishing_ladder.steps.len(), 1);
    assert_eq!(w.settings.finishing_ladder.steps[0].offset, Offset::WorkingDays(2));
}

fn paths(text: &WorkbookText, taken: bool) -> Vec<(String, String)> {
    parse(text, taken).unwrap_err().iter().map(|e| (e.path(), e.code().to_owned())).collect()
}

#[test]
fn every_problem_is_named_by_sheet_row_and_column() {
    let mut text = print(&county());
    // 县: a taken code.
    // 设置: a number that is none, a bound broken (checked by the settings' own rules), a
    // ladder step out of order.
    let settings = text.settings.as_mut().unwrap();
    let row_of = |rows: &Vec<Vec<String>>, key: &str| rows.iter().position(|r| r[0] == key).unwrap();
    let ack = row_of(settings, "acknowledge_within_minutes");
    settings[ack][1] = "1000".into();
    let rect = row_of(settings, "rectification_working_days");
    settings[rect][1] = "十五".into();
    let step = row_of(settings, "finishing_ladder");
    settings[step][1] = "remind_before; reminder; agent; 1 wd".into();
    // 用户: an unknown role, a department agent without a department, a bad phone.
    let users = text.users.as_mut().unwrap();
    users[1][2] = "门卫".into();
    users[2][3] = String::new();
    users[2][4] = "12345".into();
    // 日历: not a day kind.
    text.calendar.as_mut().unwrap()[1][1] = "放假".into();
    // 事项: an unknown department.
    text.catalog.items.as_mut().unwrap()[1][3] = "water".into();
    let got = paths(&text, true);
    let (ack, rect, step) =
        (format!("设置/{}/值", ack + 1), format!("设置/{}/值", rect + 1), format!("设置/{}/值", step + 1));
    let want = [
        ("县/2/编码", "taken"),
        (rect.as_str(), "bad_value"),
        (ack.as_str(), "range"),
        (step.as_str(), "step_offset"),
        ("用户/2/角色", "unknown_role"),
        ("用户/3/部门编码", "department_required"),
        ("用户/3/手机", "phone"),
        ("日历/2/类型", "not_a_day_kind"),
        ("事项/2/办理部门编码", "unknown_department"),
    ];
    for (path, code) in want {
        assert!(got.iter().any(|(p, c)| p == path && c == code), "{path} {code} not in {got:?}");
    }
    let e = parse(&text, true).unwrap_err();
    let taken = e.iter().find(|e| e.code() == "taken").unwrap();
    assert!(taken.zh().contains("「县」表第 2 行「编码」列"), "{}", taken.zh());
    assert!(taken.en().contains("sheet 县 (county), row 2, column code"), "{}", taken.en());
}

#[test]
fn a_missing_sheet_and_the_platform_code_are_refused() {
    let mut text = print(&county());
    text.users = None;
    text.county.as_mut().unwrap()[1][0] = "platform".into();
    let got = paths(&text, false);
    assert!(got.contains(&("用户".to_owned(), "missing_sheet".to_owned())), "{got:?}");
    assert!(got.contains(&("县/2/编码".to_owned(), "reserved_code".to_owned())), "{got:?}");
    // Optional sheets may be left out.
    let mut text = print(&county());
    text.profile = None;
    text.calendar = None;
    let w = parse(&text, false).unwrap();
    assert!(w.profile.is_none() && w.days.is_empty());
}

#[test]
fn roles_are_read_by_code_or_chinese_name_and_enterprises_are_refused() {
    let mut text = print(&county());
    text.users.as_mut().unwrap()[1][2] = "系统管理员".into();
    assert_eq!(parse(&text, false).unwrap().users[0].role, Role::Admin);
    text.users.as_mut().unwrap()[1][2] = "enterprise".into();
    assert_eq!(paths(&text, false), vec![("用户/2/角色".to_owned(), "role_not_allowed".to_owned())]);
}

#[test]
fn the_guide_explains_every_sheet_and_setting() {
    let guide = guide_rows();
    for sheet in OnboardingSheet::ALL {
        assert!(guide.iter().any(|r| r[0] == sheet.name()), "{}", sheet.name());
    }
    for (key, _) in SETTING_KEYS {
        assert!(guide.iter().any(|r| r[1] == key), "{key}");
    }
    assert!(guide.iter().any(|r| r[0] == "事项"));
}
