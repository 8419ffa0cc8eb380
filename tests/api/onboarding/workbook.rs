//! The onboarding workbook of the fictional 青梧县, built cell by cell, and the calls that
//! post it and sign in with the passwords it gives.

use reqwest::StatusCode;

use crate::helpers::{Reply, TestApp};

pub(crate) type Rows = Vec<Vec<String>>;

fn rows(r: &[&[&str]]) -> Rows {
    r.iter().map(|row| row.iter().map(|c| (*c).to_owned()).collect()).collect()
}

/// A workbook of the given sheets, every cell text.
pub(crate) fn workbook(sheets: &[(&str, Rows)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

const ITEM_HEADER: [&str; 21] = [
    "事项编码",
    "事项名称",
    "审批阶段",
    "办理部门编码",
    "法定依据",
    "受理条件",
    "法定时限",
    "承诺时限",
    "容缺受理",
    "告知承诺",
    "最长延期（工作日）",
    "收费标准",
    "收费依据",
    "中介服务",
    "办理流程",
    "办理结果",
    "咨询电话",
    "投诉电话",
    "监督电话",
    "来源",
    "来源说明",
];

fn item(code: &str, name: &str, stage: &str, department: &str, legal: &str, promised: &str) -> Vec<String> {
    let mut row = vec![String::new(); ITEM_HEADER.len()];
    for (i, v) in [code, name, stage, department].iter().enumerate() {
        row[i] = (*v).to_owned();
    }
    row[6] = legal.to_owned();
    row[7] = promised.to_owned();
    row[8] = "否".to_owned();
    row[9] = "否".to_owned();
    row
}

/// The fictional 青梧县 (`qingwu`): office hours, acknowledgement window, ladder and
/// case-number prefix unlike the demo county's.
pub(crate) fn county_sheets(code: &str, name: &str) -> Vec<(&'static str, Rows)> {
    let mut items = vec![ITEM_HEADER.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()];
    items.push(item("QW-001", "企业投资项目备案", "project_approval", "development-reform", "5个工作日", "1个工作日"));
    items.push(item(
        "QW-002",
        "建设用地规划许可证核发",
        "land_planning_permit",
        "natural-resources",
        "20个工作日",
        "5个工作日",
    ));
    vec![
        ("县", rows(&[&["编码", "名称"], &[code, name]])),
        (
            "设置",
            rows(&[
                &["项目", "值", "说明"],
                &["office_hours.standard", "08:00-11:30, 14:00-17:00", "办公时间"],
                &["acknowledge_within_minutes", "45", ""],
                &["finishing_ladder", "remind_before; reminder; agent; -2 wd", ""],
                &["finishing_ladder", "at_deadline; at_deadline; agent; 0 wd", ""],
                &["finishing_ladder", "escalate_office; escalation; office; 1 wd", ""],
                &["investment_threshold_fen", "3000000000", "3000 万元"],
                &["case_number_prefix", "QW", ""],
            ]),
        ),
        (
            "公示",
            rows(&[
                &["项目", "值", "说明"],
                &["published", "是", ""],
                &["office_name", "青梧县重大项目帮办代办专窗", ""],
                &["phone", "0871-0000300", ""],
            ]),
        ),
        (
            "部门",
            rows(&[
                &["部门编码", "部门名称", "简称", "电话"],
                &["development-reform", "青梧县发展和改革局", "发改局", "0871-0000301"],
                &["natural-resources", "青梧县自然资源局", "自然资源局", ""],
            ]),
        ),
        (
            "用户",
            rows(&[
                &["用户名", "姓名", "角色", "部门编码", "手机", "邮箱", "审批工作起始日期"],
                &["admin", "柳青禾", "系统管理员", "", "13800000301", "", ""],
                &["office", "白露晨", "office", "", "13800000302", "", ""],
                &["window", "莫言川", "专窗帮办代办员", "", "13800000303", "", ""],
                &["officer", "许南星", "investment_officer", "", "13800000304", "", ""],
                &["leader", "齐远山", "investment_leader", "", "13800000305", "", ""],
                &[
                    "agent-dr",
                    "顾晚晴",
                    "department_agent",
                    "development-reform",
                    "13800000306",
                    "gww@example.org",
                    "2020-05-01",
                ],
                &["leader-dr", "任北辰", "department_leader", "development-reform", "13800000307", "", ""],
                &["agent-nr", "温如玉", "部门帮办代办员", "natural-resources", "13800000308", "", "2019-09-01"],
                &["leader-nr", "秦知遥", "department_leader", "natural-resources", "13800000309", "", ""],
            ]),
        ),
        ("事项", items),
        (
            "材料",
            rows(&[
                &["事项编码", "序号", "材料名称", "必需", "可容缺", "示例样表", "备注"],
                &["QW-001", "1", "项目备案信息表", "是", "否", "", ""],
                &["QW-002", "1", "建设用地规划许可申请表", "是", "否", "", ""],
            ]),
        ),
        (
            "日历",
            rows(&[
                &["日期", "类型", "名称"],
                &["2026-12-28", "休息日", "县庆"],
                &["2027-01-09", "工作日", "县庆调休"],
            ]),
        ),
    ]
}

/// Posts the workbook to `onboardCounty` as `token`.
pub(crate) async fn post_workbook(app: &TestApp, token: &str, query: &str, bytes: &[u8]) -> Reply {
    let boundary = "----butler-onboarding-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"county.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = app
        .client
        .post(format!("{}/api/v1/platform/onboarding{query}", app.base))
        .bearer_auth(token)
        .header("accept-language", "zh-CN")
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body);
    app.raw(req).await
}

pub(crate) async fn platform_token(app: &TestApp) -> String {
    app.login_in("platform", "platform-admin").await.0
}

/// Signs in a user of `tenant` with `password`.
/// Signs in as a person following the README: with the initial password handed out, which
/// must be replaced at the first sign-in (by `<initial>-Own1`); later sign-ins use the chosen one.
pub(crate) async fn sign_in(app: &TestApp, tenant: &str, username: &str, password: &str) -> String {
    let chosen = format!("{password}-Own1");
    let r = app.login_reply(tenant, username, &chosen).await;
    if r.status == StatusCode::OK {
        return r.body["access_token"].as_str().unwrap().to_owned();
    }
    let r = app.login_reply(tenant, username, password).await;
    assert_eq!(r.status, StatusCode::OK, "{tenant}/{username}: {}", r.body);
    let access = r.body["access_token"].as_str().unwrap();
    if r.body["must_change_password"] != true {
        return access.to_owned();
    }
    let body = serde_json::json!({"current_password": password, "new_password": chosen});
    let r = app.post("/api/v1/me/password", access, body).await;
    assert_eq!(r.status, StatusCode::OK, "first sign-in of {tenant}/{username}: {}", r.body);
    r.body["access_token"].as_str().unwrap().to_owned()
}
