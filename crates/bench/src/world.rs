//! The demo county the load writes into: its departments with their agents and leaders, its
//! catalog of items, the accounts that act on every case, and the working-day calendar.

use anyhow::{Context, anyhow, bail};
use butler_domain::calendar::Calendar;
use butler_domain::catalog::Stage;
use butler_persistence::repo::{departments, items, tenants, users};
use butler_persistence::{DatabaseConnection, PageRequest};
use butler_server::demo;
use serde_json::{Value, json};
use std::collections::HashMap;
use uuid::Uuid;

use crate::SHEETS_PER_CASE;

/// A department with its agent and its leader.
pub struct Dept {
    pub id: Uuid,
    pub code: String,
    pub agent: Uuid,
    pub leader: Uuid,
}

/// A catalog item as a plan item copies it.
pub struct CatItem {
    pub id: Uuid,
    pub version: i32,
    pub name: String,
    pub dept: usize,
    pub stage: Stage,
    pub legal_limit: Option<String>,
    pub allows_tolerance: bool,
    pub allows_commitment: bool,
    pub materials: Value,
}

/// What the loader refers to.
pub struct World {
    pub tenant_id: Uuid,
    pub depts: Vec<Dept>,
    pub office: Uuid,
    pub window: Uuid,
    pub officer: Uuid,
    pub inv_leader: Uuid,
    pub catalog: Vec<CatItem>,
    pub cal: Calendar,
}

/// Reads the demo county.
pub async fn world(db: &DatabaseConnection) -> anyhow::Result<World> {
    let tenant = tenants::find_by_code(db, demo::DEMO_COUNTY.code).await?.context("demo tenant")?;
    let mut by_name = HashMap::new();
    let mut page = PageRequest::first(200);
    loop {
        let list = users::list(db, tenant.id, &Default::default(), page).await?;
        for u in list.items {
            by_name.insert(u.username.clone(), u.id);
        }
        match list.next_cursor {
            Some(c) => page.after = Some(butler_persistence::Cursor::decode(&c)?),
            None => break,
        }
    }
    let user = |n: &str| by_name.get(n).copied().with_context(|| format!("demo user {n}"));
    let mut depts = Vec::new();
    for d in departments::all(db, tenant.id).await? {
        depts.push(Dept {
            id: d.id,
            agent: user(&format!("agent-{}", d.code))?,
            leader: user(&format!("leader-{}", d.code))?,
            code: d.code,
        });
    }
    let dept_index: HashMap<Uuid, usize> = depts.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    let list = items::list_current(db, tenant.id, &Default::default(), PageRequest::first(200)).await?;
    let catalog = list
        .items
        .into_iter()
        .filter_map(|it| {
            let materials: Vec<Value> = it
                .materials
                .iter()
                .map(|m| json!({"name": m.name, "required": m.required, "may_be_missing": m.may_be_missing}))
                .collect();
            Some(CatItem {
                id: it.item.id,
                version: it.item.version,
                name: it.item.name,
                dept: *dept_index.get(&it.item.department_id)?,
                stage: it.item.stage.0,
                legal_limit: it.item.legal_limit,
                allows_tolerance: it.item.allows_tolerance,
                allows_commitment: it.item.allows_commitment,
                materials: Value::Array(materials),
            })
        })
        .collect::<Vec<_>>();
    if catalog.len() < SHEETS_PER_CASE {
        bail!("the demo catalog has only {} items", catalog.len());
    }
    Ok(World {
        tenant_id: tenant.id,
        office: user("office")?,
        window: user("window_agent")?,
        officer: user("investment_officer")?,
        inv_leader: user("investment_leader")?,
        depts,
        catalog,
        cal: Calendar::china().map_err(|e| anyhow!("calendar: {e}"))?,
    })
}
