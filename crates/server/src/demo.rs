//! The demo county: departments, one account per role, two enterprises, the catalog.
//!
//! Loading is idempotent: a tenant that already exists is left as it is. Every person and
//! phone number here is fictional.

use butler_app::password;
use butler_domain::credit_code::CreditCode;
use butler_domain::disclosure::RosterDisclosure;
use butler_domain::role::Role;
use butler_persistence::DatabaseConnection;
use butler_persistence::repo::departments::{self, NewDepartment};
use butler_persistence::repo::enterprises::{self, NewEnterprise};
use butler_persistence::repo::public;
use butler_persistence::repo::tenants::{self, NewTenant};
use butler_persistence::repo::users::{self, NewUser};
use chrono::{DateTime, NaiveDate, Utc};

/// The demo catalog's 事项 sheet (see `data/demo/README.md`).
pub const DEMO_CATALOG_ITEMS: &[u8] = include_bytes!("../data/demo/catalog-items.csv");
/// The demo catalog's 材料 sheet.
pub const DEMO_CATALOG_MATERIALS: &[u8] = include_bytes!("../data/demo/catalog-materials.csv");

/// The departments of the leading group (实施方案 五(一)), as (code, short name).
pub const DEPARTMENTS: [(&str, &str); 20] = [
    ("gov-services", "政务服务管理局"),
    ("investment", "投资促进局"),
    ("development-reform", "发展和改革局"),
    ("industry-it", "工业和信息化局"),
    ("finance", "财政局"),
    ("natural-resources", "自然资源局"),
    ("market-regulation", "市场监督管理局"),
    ("housing-construction", "住房和城乡建设局"),
    ("forestry-grassland", "林业和草原局"),
    ("water", "水务局"),
    ("agriculture", "农业农村局"),
    ("transport", "交通运输局"),
    ("emergency", "应急管理局"),
    ("culture-tourism", "文化和旅游局"),
    ("health", "卫生健康局"),
    ("education-sports", "教育体育局"),
    ("ethnic-religious", "民族宗教事务局"),
    ("meteorology", "气象局"),
    ("taxation", "税务局"),
    ("ecology-environment", "生态环境局"),
];

const SURNAMES: [&str; 12] = ["赵", "钱", "孙", "李", "周", "吴", "郑", "王", "冯", "陈", "褚", "卫"];
const GIVEN: [&str; 8] = ["明轩", "雨桐", "子涵", "思远", "嘉怡", "浩然", "晓雯", "志强"];

pub(crate) fn fictional_name(i: usize) -> String {
    format!("{}{}", SURNAMES[i % SURNAMES.len()], GIVEN[(i / SURNAMES.len() + i) % GIVEN.len()])
}

pub(crate) fn fictional_phone(i: usize) -> String {
    format!("1380000{:04}", i + 1)
}

/// Which county to load.
pub struct DemoTenant<'a> {
    pub code: &'a str,
    /// The county's name, used as the prefix of department names (`大姚县`).
    pub name: &'a str,
    /// The administrative division code (6 digits), used in demo credit codes.
    pub division: &'a str,
}

/// The demo county.
pub const DEMO_COUNTY: DemoTenant<'static> = DemoTenant { code: "dayao", name: "大姚县", division: "532326" };

/// An account of the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    pub username: String,
    pub role: Role,
    pub display_name: String,
}

/// What the demo holds.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    pub tenant: String,
    /// The platform administrator's user name (tenant [`butler_app::platform::PLATFORM_CODE`]).
    pub platform_admin: String,
    pub created: bool,
    pub accounts: Vec<DemoAccount>,
    pub items: usize,
}

/// Errors while loading the demo.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Store(#[from] butler_persistence::StoreError),
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
    #[error(transparent)]
    Catalog(#[from] crate::catalog::ImportError),
    #[error("demo data: {0}")]
    Data(String),
}

/// Loads the demo county unless it exists; lists its accounts either way.
pub async fn load(
    db: &DatabaseConnection,
    keys: &butler_app::pii::Keyring,
    spec: &DemoTenant<'_>,
    password: &str,
    now: DateTime<Utc>,
) -> Result<DemoSummary, DemoError> {
    let platform_admin = load_platform_admin(db, password, now).await?;
    if let Some(tenant) = tenants::find_by_code(db, spec.code).await? {
        let mut accounts = Vec::new();
        let mut page = butler_persistence::PageRequest::first(200);
        loop {
            let list = users::list(db, tenant.id, &Default::default(), page).await?;
            for u in list.items {
                accounts.push(DemoAccount { username: u.username, role: u.role.0, display_name: u.display_name });
            }
            match list.next_cursor {
                Some(c) => page.after = Some(butler_persistence::Cursor::decode(&c)?),
                None => break,
            }
        }
        return Ok(DemoSummary { tenant: spec.code.to_owned(), platform_admin, created: false, accounts, items: 0 });
    }

    // One hash for every demo account: they share the published demo password.
    let hash = password::hash_blocking(password.to_owned()).await.map_err(|e| DemoError::Data(e.to_string()))?;
    let txn = butler_persistence::begin_write(db).await?;
    let tenant = tenants::create(
        &txn,
        NewTenant {
            code: spec.code,
            name: spec.name,
            investment_threshold_fen: 5_000_000_000,
            time_zone: "Asia/Shanghai",
            kind: butler_domain::settings::TenantKind::County,
        },
        now,
    )
    .await?;

    let mut dept_ids = Vec::new();
    for (i, (code, short)) in DEPARTMENTS.iter().enumerate() {
        let name = format!("{}{}", spec.name, short);
        let phone = format!("0878-62{:05}", 22000 + i);
        let d = departments::create(
            &txn,
            tenant.id,
            NewDepartment { code, name: &name, short_name: short, phone: Some(&phone), position: i as i32 + 1 },
            now,
        )
        .await?;
        dept_ids.push((*code, d.id));
    }

    let enterprise_specs = [
        ("云南示例绿色能源有限公司", "1", "滇中新能源产业园 8 号"),
        ("大姚示例新材料科技有限公司", "2", "金碧镇工业片区 3 号"),
    ];
    let mut enterprise_ids = Vec::new();
    for (i, (name, seq, address)) in enterprise_specs.iter().enumerate() {
        let code = CreditCode::complete(&format!("91{}MA6K0000{}", spec.division, seq))
            .map_err(|e| DemoError::Data(e.to_string()))?;
        let contact = fictional_name(40 + i);
        let phone = keys.seal(&fictional_phone(40 + i));
        let e = enterprises::create(
            &txn,
            tenant.id,
            NewEnterprise {
                name,
                credit_code: code.as_str(),
                contact_name: &contact,
                contact_phone: &phone,
                address: Some(address),
            },
            now,
        )
        .await?;
        enterprise_ids.push(e.id);
    }

    let mut accounts = Vec::new();
    let mut people = 0usize;
    let mut add = |username: String, role: Role, department_id, enterprise_id| {
        let display_name = fictional_name(people);
        let phone = keys.seal(&fictional_phone(people));
        people += 1;
        accounts.push((DemoAccount { username, role, display_name }, department_id, enterprise_id, phone));
    };
    for role in [
        Role::Admin,
        Role::InvestmentOfficer,
        Role::InvestmentLeader,
        Role::Office,
        Role::WindowAgent,
        Role::Supervisor,
    ] {
        add(role.code().to_owned(), role, None, None);
    }
    add("enterprise".into(), Role::Enterprise, None, Some(enterprise_ids[0]));
    add("enterprise-2".into(), Role::Enterprise, None, Some(enterprise_ids[1]));
    for (code, id) in &dept_ids {
        add(format!("agent-{code}"), Role::DepartmentAgent, Some(*id), None);
        add(format!("leader-{code}"), Role::DepartmentLeader, Some(*id), None);
    }
    // A second agent at development and reform, so that a sheet can be transferred (转办) to a
    // colleague in the demo.
    if let Some((code, id)) = dept_ids.iter().find(|(code, _)| *code == "development-reform") {
        add(format!("agent-{code}-2"), Role::DepartmentAgent, Some(*id), None);
    }
    let since = NaiveDate::from_ymd_opt(2020, 3, 1);
    let mut admin_id = None;
    for (account, department_id, enterprise_id, phone) in &accounts {
        let user = users::create(
            &txn,
            tenant.id,
            NewUser {
                username: &account.username,
                display_name: &account.display_name,
                role: account.role,
                department_id: *department_id,
                enterprise_id: *enterprise_id,
                phone: Some(phone),
                email: None,
                password_hash: &hash,
                approval_work_since: if account.role == Role::DepartmentAgent { since } else { None },
            },
            now,
        )
        .await?;
        if account.role == Role::Admin {
            admin_id = Some(user.id);
        }
    }
    let catalog = crate::catalog::template_from_csv(DEMO_CATALOG_ITEMS, DEMO_CATALOG_MATERIALS)?;
    let options = butler_app::catalog_workbook::ImportOptions { publish: true, dry_run: false };
    let items = crate::catalog::import(&txn, tenant.id, &catalog, options, now).await?.items.len();
    crate::demo_agencies::load(&txn, tenant.id, spec.division, now).await?;
    if let Some(by) = admin_id {
        public_profile(&txn, tenant.id, spec, by, now).await?;
    }
    txn.commit().await?;
    Ok(DemoSummary {
        platform_admin,
        tenant: spec.code.to_owned(),
        created: true,
        accounts: accounts.into_iter().map(|(a, ..)| a).collect(),
        items,
    })
}

/// The demo county's public profile: the window's contacts and rules, the roster published
/// with names and phones (all fictional).
async fn public_profile(
    db: &impl sea_orm::ConnectionTrait,
    tenant_id: uuid::Uuid,
    spec: &DemoTenant<'_>,
    by: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    let county = spec.name;
    let values = public::ProfileValues {
        published: true,
        office_name: Some(format!("{county}重大招商引资项目帮办代办服务专窗")),
        address: Some(format!("{county}政务服务中心一楼 帮办代办专窗")),
        office_hours: Some("工作日 上午 9:00–12:00，下午 14:30–18:00（法定节假日除外）".into()),
        phone: Some("0878-6222100".into()),
        consultation_phone: Some("0878-6222101".into()),
        complaint_phone: Some("0878-6222102".into()),
        supervision_phone: Some("0878-6222103".into()),
        email: None,
        service_rules: Some(
            [
                "一、服务对象：在本县投资 5000 万元及以上的重大招商引资项目，企业自愿申请，帮办代办免费。",
                "二、服务方式：领导小组办公室在一个工作日内组建“项目管家”团队、制定服务方案；专窗一次性告知所需材料。",
                "三、服务承诺：任务分送单 30 分钟内回执，各部门在承诺时限内办结；超时督办，结果及时反馈企业。",
                "四、监督评价：办结后开展满意度评价和回访；对服务不满意，可拨打投诉电话或监督电话。",
            ]
            .join("\n\n"),
        ),
    };
    public::save_profile(db, tenant_id, values, RosterDisclosure::NamesAndPhones, by, now).await?;
    Ok(())
}

/// The demo's platform administrator, `platform-admin` with the demo password, created once.
async fn load_platform_admin(db: &DatabaseConnection, password: &str, now: DateTime<Utc>) -> Result<String, DemoError> {
    use butler_domain::text::{Code, Name};
    let data = |e: butler_domain::text::TextError| DemoError::Data(e.to_string());
    let username = Code::parse("platform-admin").map_err(data)?;
    let name = Name::parse("平台管理员（演示）").map_err(data)?;
    let hash = password::hash_blocking(password.to_owned()).await.map_err(|e| DemoError::Data(e.to_string()))?;
    butler_app::platform::ensure_platform_admin(db, &username, &name, &hash, now)
        .await
        .map_err(|e| DemoError::Data(e.to_string()))?;
    Ok(username.as_str().to_owned())
}
