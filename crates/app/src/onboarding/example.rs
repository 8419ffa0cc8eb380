//! A prepared example: the fictional 云溪县 (`yunxi`), complete enough to take its first case
//! from application to dispatch. The README's onboarding steps start from it
//! (`butler onboarding-template --example`).

use butler_domain::catalog::Stage;
use butler_domain::catalog::template::{TemplateItem, TemplateMaterial};
use butler_domain::onboarding::{
    CountyWorkbook, WorkbookDay, WorkbookDepartment, WorkbookProfile, WorkbookUser, parse_hours,
};
use butler_domain::role::Role;
use butler_domain::settings::CountySettings;
use butler_domain::time_limit::TimeLimit;
use chrono::NaiveDate;

fn limit(text: &str) -> Option<TimeLimit> {
    TimeLimit::parse(text).ok().flatten()
}

fn item(
    code: &str,
    name: &str,
    stage: Stage,
    department: &str,
    legal: &str,
    promised: &str,
    material: &str,
) -> TemplateItem {
    TemplateItem {
        code: code.to_owned(),
        name: name.to_owned(),
        stage,
        department_code: department.to_owned(),
        legal_basis: None,
        acceptance_conditions: None,
        legal_limit: limit(legal),
        promised_limit: limit(promised),
        allows_tolerance: false,
        allows_commitment: false,
        max_extension_days: None,
        legal_fees: None,
        fee_basis: None,
        intermediary_services: None,
        process: Some("受理—审查—决定—送达".to_owned()),
        result_name: None,
        consultation_phone: Some("0871-0000101".to_owned()),
        complaint_phone: None,
        supervision_phone: None,
        source: None,
        source_note: None,
        materials: vec![TemplateMaterial {
            name: material.to_owned(),
            required: true,
            may_be_missing: false,
            sample: None,
            note: None,
        }],
    }
}

fn user(username: &str, name: &str, role: Role, department: Option<&str>, phone: &str) -> WorkbookUser {
    WorkbookUser {
        username: username.to_owned(),
        display_name: name.to_owned(),
        role,
        department_code: department.map(str::to_owned),
        phone: Some(phone.to_owned()),
        email: None,
        approval_work_since: department.and_then(|_| NaiveDate::from_ymd_opt(2021, 3, 1)),
    }
}

/// The example county.
pub fn example_county() -> CountyWorkbook {
    let mut settings = CountySettings::default();
    if let Some(hours) = parse_hours("08:30-12:00, 14:00-17:30") {
        settings.office_hours.standard = hours;
    }
    settings.acknowledge_within_minutes = 45;
    settings.case_number_prefix = Some("YX".to_owned());
    let department = |code: &str, name: &str, short: &str| WorkbookDepartment {
        code: code.to_owned(),
        name: name.to_owned(),
        short_name: short.to_owned(),
        phone: Some("0871-0000120".to_owned()),
    };
    CountyWorkbook {
        code: "yunxi".to_owned(),
        name: "云溪县".to_owned(),
        settings,
        profile: Some(WorkbookProfile {
            published: true,
            office_name: Some("云溪县重大项目帮办代办服务专窗".to_owned()),
            address: Some("云溪县政务服务中心一楼".to_owned()),
            office_hours: Some("工作日 08:30-12:00，14:00-17:30".to_owned()),
            phone: Some("0871-0000100".to_owned()),
            ..Default::default()
        }),
        departments: vec![
            department("development-reform", "云溪县发展和改革局", "发展改革局"),
            department("natural-resources", "云溪县自然资源局", "自然资源局"),
        ],
        users: vec![
            user("admin", "苏明远", Role::Admin, None, "13800000201"),
            user("office", "江晓岚", Role::Office, None, "13800000202"),
            user("window", "陶子谦", Role::WindowAgent, None, "13800000203"),
            user("officer", "顾清和", Role::InvestmentOfficer, None, "13800000204"),
            user("leader", "沈一帆", Role::InvestmentLeader, None, "13800000205"),
            user("supervisor", "方若海", Role::Supervisor, None, "13800000206"),
            user("agent-dr", "叶知秋", Role::DepartmentAgent, Some("development-reform"), "13800000207"),
            user("leader-dr", "石磊", Role::DepartmentLeader, Some("development-reform"), "13800000208"),
            user("agent-nr", "林远舟", Role::DepartmentAgent, Some("natural-resources"), "13800000209"),
            user("leader-nr", "程雨桐", Role::DepartmentLeader, Some("natural-resources"), "13800000210"),
        ],
        items: vec![
            item(
                "YX-001",
                "企业投资项目备案",
                Stage::ProjectApproval,
                "development-reform",
                "5个工作日",
                "1个工作日",
                "项目备案信息表",
            ),
            item(
                "YX-002",
                "建设用地规划许可证核发",
                Stage::LandPlanningPermit,
                "natural-resources",
                "20个工作日",
                "5个工作日",
                "建设用地规划许可申请表",
            ),
        ],
        days: vec![WorkbookDay {
            date: NaiveDate::from_ymd_opt(2026, 12, 28).unwrap_or_default(),
            working: false,
            name: "县庆".to_owned(),
        }],
    }
}
