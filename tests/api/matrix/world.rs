//! The matrix's world: one server with the demo county and its cases at every stage, a second
//! county, every caller signed in, and the records each kind of path id can name, each with
//! the facts the policy decides on (tenant, enterprise, department, the case's visibility).

use crate::helpers::*;
use butler_domain::case::lifecycle::CaseState;
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

/// Who calls: a role's demo account, an API client acting as a role, or nobody.
pub struct Caller {
    pub label: String,
    pub token: Option<String>,
    /// The policy's view of the caller (`None` for the anonymous caller).
    pub actor: Option<Actor>,
    /// An API client's scopes (`None` for a person).
    pub scopes: Option<Vec<String>>,
}

/// What the policy knows of a case.
#[derive(Debug, Clone)]
pub struct CaseFacts {
    pub enterprise_id: Uuid,
    pub item_departments: Vec<Uuid>,
    pub sheet_departments: Vec<Uuid>,
    pub team_members: Vec<Uuid>,
    pub state: CaseState,
}

/// A record a path can name, with its relation label and facts.
#[derive(Debug, Clone)]
pub struct Resource {
    /// The relation, for the report: `own_enterprise`, `other_tenant`, `draft`, ...
    pub relation: &'static str,
    /// Values of the path's parameters.
    pub params: HashMap<&'static str, String>,
    pub tenant_id: Uuid,
    pub enterprise_id: Option<Uuid>,
    pub department_id: Option<Uuid>,
    pub case: Option<CaseFacts>,
    /// False for an id that names nothing.
    pub exists: bool,
    /// A sheet's holder, once an agent took it.
    pub assignee_id: Option<Uuid>,
}

/// The kinds of record a path id refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// No record: a collection, confined to the caller's own department or enterprise.
    Collection,
    /// No record: the caller's whole county (a county-wide read).
    County,
    Case,
    Sheet,
    Enterprise,
    User,
    Item,
    Agency,
    /// Every other record: an id that names nothing (the role decides first, then 404).
    Unknown,
}

pub struct World {
    pub app: TestApp,
    pub own_tenant: Uuid,
    pub callers: Vec<Caller>,
    pub resources: HashMap<Kind, Vec<Resource>>,
    /// A reader that sees every record of the county (the office), for before/after reads.
    pub office: String,
}

fn uuid(v: &Value) -> Uuid {
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not a uuid: {v}"))
}

/// The policy's actor of an access token (its claims, read without checking the signature:
/// the server checks it).
fn actor_of(token: &str) -> Actor {
    use base64::Engine;
    let payload = token.split('.').nth(1).expect("a JWT");
    let claims: Value =
        serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).expect("base64"))
            .expect("claims");
    Actor {
        user_id: uuid(&claims["sub"]),
        tenant_id: uuid(&claims["tid"]),
        role: claims["role"].as_str().expect("role").parse().expect("a role"),
        department_id: claims.get("dept").filter(|v| !v.is_null()).map(uuid),
        enterprise_id: claims.get("ent").filter(|v| !v.is_null()).map(uuid),
    }
}

/// A record's department: its `department_id`, or its `department` object's id.
fn department_of(v: &Value) -> Option<Uuid> {
    v["department_id"].as_str().or_else(|| v["department"]["id"].as_str()).and_then(|s| s.parse().ok())
}

fn case_facts(case: &Value) -> CaseFacts {
    let ids = |list: &str, field: &str| -> Vec<Uuid> {
        case[list]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x[field].as_str()?.parse().ok()).collect())
            .unwrap_or_default()
    };
    CaseFacts {
        enterprise_id: uuid(&case["enterprise"]["id"]),
        item_departments: ids("items", "department_id"),
        sheet_departments: ids("tasks", "department_id"),
        team_members: ids("team", "user_id"),
        state: serde_json::from_value(case["state"].clone()).expect("a case state"),
    }
}

fn params(pairs: &[(&'static str, String)]) -> HashMap<&'static str, String> {
    pairs.iter().cloned().collect()
}

async fn items_of(app: &TestApp, token: &str, path: &str) -> Vec<Value> {
    let r = app.get(path, token).await;
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.body["items"].as_array().expect("a page").clone()
}

/// The department whose agent and leader call: the first department with an item in the
/// demo's accepted case of `enterprise` (so its department roles have cases and sheets of
/// their own, and others of departments not theirs).
pub async fn build(backend: Backend) -> World {
    let app = spawn_app_with(backend, Options { demo_cases: true, ..Options::default() }).await;
    app.add_tenant("yongren", "永仁县", "532327").await;
    let office = app.token("office").await;
    let own_tenant = actor_of(&office).tenant_id;
    let (other_office, _) = app.login_in("yongren", "office").await;
    let other_tenant = actor_of(&other_office).tenant_id;

    // The demo's cases, each read whole by the office.
    let mut cases = Vec::new();
    for summary in items_of(&app, &office, "/api/v1/cases?limit=200").await {
        let case = app.get(&format!("/api/v1/cases/{}", summary["id"].as_str().unwrap()), &office).await;
        assert_eq!(case.status, 200, "{}", case.body);
        cases.push(case.body);
    }
    let enterprise = app.token("enterprise").await;
    let own_enterprise = actor_of(&enterprise).enterprise_id.expect("an enterprise user's enterprise");
    let in_state = |state: &str, mine: bool| {
        cases
            .iter()
            .find(|c| c["state"] == state && (uuid(&c["enterprise"]["id"]) == own_enterprise) == mine)
            .unwrap_or_else(|| panic!("the demo has a {state} case (own enterprise: {mine})"))
            .clone()
    };
    let has_sheets = |c: &&Value| c["tasks"].as_array().is_some_and(|t| t.len() > 1);
    // A case in service with sheets of several departments, carried there through the API.
    let in_service = crate::lifecycle::case_in_service(&app, &crate::lifecycle::directory(&app).await).await;
    let with_sheets = app.get(&format!("/api/v1/cases/{in_service}"), &office).await.body;
    assert!(has_sheets(&&with_sheets), "{with_sheets}");
    // The department's agent takes its sheet: it holds it from now on.
    let first_sheet = with_sheets["tasks"][0]["id"].as_str().unwrap().to_owned();
    let first_department = with_sheets["tasks"][0]["department_id"].as_str().unwrap().to_owned();
    let agent_code = items_of(&app, &office, "/api/v1/departments?limit=200")
        .await
        .into_iter()
        .find(|d| d["id"] == first_department.as_str())
        .expect("the sheet's department")["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let agent = app.token(&format!("agent-{agent_code}")).await;
    let taken = app.post(&format!("/api/v1/tasks/{first_sheet}/acknowledge"), &agent, Value::Null).await;
    assert_eq!(taken.status, 200, "{}", taken.body);
    let with_sheets = app.get(&format!("/api/v1/cases/{in_service}"), &office).await.body;
    let archived_sheets = cases.iter().filter(has_sheets).find(|c| c["state"] == "archived");
    let archived_sheets = archived_sheets.expect("an archived demo case with task sheets").clone();
    // The department roles' department: one with a sheet of the case in service.
    let sheets = with_sheets["tasks"].as_array().unwrap().clone();
    let department = uuid(&sheets[0]["department_id"]);
    let departments = items_of(&app, &office, "/api/v1/departments?limit=200").await;
    let code = departments.iter().find(|d| uuid(&d["id"]) == department).expect("the department")["code"]
        .as_str()
        .unwrap()
        .to_owned();

    let mut callers = vec![Caller { label: "anonymous".into(), token: None, actor: None, scopes: None }];
    let accounts: Vec<(String, String)> = vec![
        ("dayao".into(), "enterprise".into()),
        ("dayao".into(), "admin".into()),
        ("dayao".into(), "investment_officer".into()),
        ("dayao".into(), "investment_leader".into()),
        ("dayao".into(), "office".into()),
        ("dayao".into(), "window_agent".into()),
        ("dayao".into(), "supervisor".into()),
        ("dayao".into(), format!("agent-{code}")),
        ("dayao".into(), format!("leader-{code}")),
        ("platform".into(), "platform-admin".into()),
    ];
    for (tenant, username) in accounts {
        let (token, _) = app.login_in(&tenant, &username).await;
        let actor = actor_of(&token);
        callers.push(Caller {
            label: actor.role.code().to_owned(),
            token: Some(token),
            actor: Some(actor),
            scopes: None,
        });
    }
    // API clients: a supervisor reading cases, and the department's own system on its sheets.
    let admin = app.token("admin").await;
    for (role, department_id, scopes) in [
        ("supervisor", None, vec!["cases:read"]),
        ("department_agent", Some(department), vec!["sheets:read", "sheets:write"]),
    ] {
        let body = serde_json::json!({
            "name": format!("矩阵测试客户端 {role}"),
            "role": role,
            "department_id": department_id,
            "scopes": scopes,
            "rate_limit_per_minute": 100_000,
        });
        let r = app.post("/api/v1/admin/api-clients", &admin, body).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let actor = Actor {
            user_id: Uuid::nil(),
            tenant_id: own_tenant,
            role: role.parse().expect("a role"),
            department_id,
            enterprise_id: None,
        };
        callers.push(Caller {
            label: format!("client:{role}[{}]", scopes.join(",")),
            token: Some(r.body["api_key"].as_str().expect("a key").to_owned()),
            actor: Some(actor),
            scopes: Some(scopes.iter().map(|s| (*s).to_owned()).collect()),
        });
    }
    let roles: Vec<Role> = callers.iter().filter_map(|c| c.actor.as_ref().map(|a| a.role)).collect();
    assert!(Role::ALL.iter().all(|r| roles.contains(r)), "every role calls: {roles:?}");

    let mut resources: HashMap<Kind, Vec<Resource>> = HashMap::new();
    let base = |relation, tenant_id| Resource {
        relation,
        params: HashMap::new(),
        tenant_id,
        enterprise_id: None,
        department_id: None,
        case: None,
        exists: true,
        assignee_id: None,
    };

    // Cases: the own enterprise's (accepted), another enterprise's (submitted), a draft, a
    // closed (archived) and a terminated one, the one with sheets, another county's.
    let case_resource = |relation, case: &Value, tenant_id| {
        let facts = case_facts(case);
        let first_item = case["items"].as_array().and_then(|i| i.first()).cloned().unwrap_or(Value::Null);
        Resource {
            params: params(&[
                ("id", case["id"].as_str().unwrap().to_owned()),
                ("case_id", case["id"].as_str().unwrap().to_owned()),
                ("item_id", first_item["id"].as_str().unwrap_or("00000000-0000-0000-0000-000000000000").to_owned()),
                ("position", "1".into()),
                ("kind", "application".into()),
                ("follow_up_id", Uuid::new_v4().to_string()),
            ]),
            enterprise_id: Some(facts.enterprise_id),
            case: Some(facts),
            ..base(relation, tenant_id)
        }
    };
    let mut case_list = vec![
        case_resource("own_enterprise", &in_state("accepted", true), own_tenant),
        case_resource("other_enterprise", &in_state("submitted", false), own_tenant),
        case_resource("draft", &in_state("draft", true), own_tenant),
        case_resource("closed", &in_state("archived", true), own_tenant),
        case_resource("terminated", &in_state("terminated", false), own_tenant),
        case_resource("with_sheets", &with_sheets, own_tenant),
    ];
    // Another county's case: its enterprise applies (a draft, then submitted).
    let (their_enterprise, _) = app.login_in("yongren", "enterprise").await;
    let their_directory = items_of(&app, &other_office, "/api/v1/items?limit=5").await;
    let their_case = other_county_case(&app, &their_enterprise, &their_directory).await;
    case_list.push(case_resource("other_tenant", &their_case, other_tenant));
    resources.insert(Kind::Case, case_list);

    // Sheets: one of the department roles' department, one of another department.
    let sheet_resource = |relation, sheet: &Value, case: &Value| Resource {
        params: params(&[("id", sheet["id"].as_str().unwrap().to_owned())]),
        department_id: Some(uuid(&sheet["department_id"])),
        enterprise_id: Some(uuid(&case["enterprise"]["id"])),
        assignee_id: sheet["assignee_id"].as_str().and_then(|s| s.parse().ok()),
        case: Some(case_facts(case)),
        ..base(relation, own_tenant)
    };
    let other = sheets.iter().find(|s| uuid(&s["department_id"]) != department).expect("another department's sheet");
    let mut sheet_list = vec![
        sheet_resource("own_department", &sheets[0], &with_sheets),
        sheet_resource("other_department", other, &with_sheets),
    ];
    // A sheet of the archived case (of the department, if it has one there).
    let closed = archived_sheets["tasks"].as_array().unwrap();
    let closed_sheet = closed.iter().find(|s| uuid(&s["department_id"]) == department).unwrap_or(&closed[0]);
    sheet_list.push(sheet_resource("closed", closed_sheet, &archived_sheets));
    resources.insert(Kind::Sheet, sheet_list);

    // Enterprises: the enterprise user's own, the other, another county's.
    let enterprises = items_of(&app, &office, "/api/v1/enterprises?limit=200").await;
    let their_enterprises = items_of(&app, &other_office, "/api/v1/enterprises?limit=1").await;
    let enterprise_resource = |relation, e: &Value, tenant_id| Resource {
        params: params(&[("id", e["id"].as_str().unwrap().to_owned())]),
        enterprise_id: Some(uuid(&e["id"])),
        ..base(relation, tenant_id)
    };
    let own = enterprises.iter().find(|e| uuid(&e["id"]) == own_enterprise).expect("own enterprise");
    let other = enterprises.iter().find(|e| uuid(&e["id"]) != own_enterprise).expect("another enterprise");
    resources.insert(
        Kind::Enterprise,
        vec![
            enterprise_resource("own_enterprise", own, own_tenant),
            enterprise_resource("other_enterprise", other, own_tenant),
            enterprise_resource("other_tenant", &their_enterprises[0], other_tenant),
        ],
    );

    // Users: a colleague of the department roles' department, someone of another, another
    // county's user.
    let users = items_of(&app, &office, "/api/v1/users?limit=200").await;
    let their_users = items_of(&app, &other_office, "/api/v1/users?limit=1").await;
    let user_resource = |relation, u: &Value, tenant_id| Resource {
        params: params(&[
            ("id", u["id"].as_str().unwrap().to_owned()),
            ("user_id", u["id"].as_str().unwrap().to_owned()),
        ]),
        department_id: department_of(u),
        ..base(relation, tenant_id)
    };
    let colleague = users.iter().find(|u| department_of(u) == Some(department));
    let stranger = users.iter().find(|u| department_of(u).is_some_and(|d| d != department));
    resources.insert(
        Kind::User,
        vec![
            user_resource("own_department", colleague.expect("a colleague"), own_tenant),
            user_resource("other_department", stranger.expect("another department's user"), own_tenant),
            user_resource("other_tenant", &their_users[0], other_tenant),
        ],
    );

    // Catalog items: the department's own, another department's, another county's.
    let items = items_of(&app, &office, "/api/v1/items?limit=200").await;
    let item_resource = |relation, i: &Value, tenant_id| Resource {
        params: params(&[("id", i["id"].as_str().unwrap().to_owned())]),
        department_id: department_of(i),
        ..base(relation, tenant_id)
    };
    let own_item = items.iter().find(|i| department_of(i) == Some(department));
    let other_item = items.iter().find(|i| department_of(i).is_some_and(|d| d != department));
    resources.insert(
        Kind::Item,
        vec![
            item_resource("own_department", own_item.expect("an item of the department"), own_tenant),
            item_resource("other_department", other_item.expect("another department's item"), own_tenant),
            item_resource("other_tenant", &their_directory[0], other_tenant),
        ],
    );

    // Intermediary agencies: the county's own and another county's.
    let agencies = items_of(&app, &office, "/api/v1/intermediaries/agencies?limit=1").await;
    let their_agencies = items_of(&app, &other_office, "/api/v1/intermediaries/agencies?limit=1").await;
    let agency_resource = |relation, a: &Value, tenant_id| Resource {
        params: params(&[
            ("id", a["id"].as_str().unwrap().to_owned()),
            ("qualification_id", Uuid::new_v4().to_string()),
        ]),
        ..base(relation, tenant_id)
    };
    resources.insert(
        Kind::Agency,
        vec![
            agency_resource("own_tenant", &agencies[0], own_tenant),
            agency_resource("other_tenant", &their_agencies[0], other_tenant),
        ],
    );
    resources.insert(Kind::Collection, vec![base("own_tenant", own_tenant)]);
    resources.insert(Kind::County, vec![base("own_tenant", own_tenant)]);
    resources.insert(Kind::Unknown, vec![Resource { exists: false, ..base("unknown_id", own_tenant) }]);
    World { app, own_tenant, callers, resources, office }
}

/// Another county's enterprise files an application for one of its items and submits it.
async fn other_county_case(app: &TestApp, enterprise: &str, items: &[Value]) -> Value {
    let body = serde_json::json!({
        "project_name": "跨县隔离示例项目",
        "industry_code": "C2662",
        "total_investment_fen": 12_000_000_000i64,
        "location": "永仁县永定镇工业片区",
        "agreement_signed_on": "2026-10-18",
        "brief": "新建生产线一条。",
        "contact_name": "林若溪",
        "contact_phone": "13800000077",
        "items": [{"catalog_item_id": items[0]["id"]}],
    });
    let created = app.post("/api/v1/cases", enterprise, body).await;
    assert_eq!(created.status, 201, "another county's case: {}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    let read = app.get(&format!("/api/v1/cases/{id}"), enterprise).await;
    assert_eq!(read.status, 200, "{}", read.body);
    read.body
}
