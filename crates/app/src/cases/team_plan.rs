//! The butler team and the service plan: who may serve, which items with which limits,
//! agents and dependencies, the one-time notification and the roadmap.

use butler_domain::calendar::Calendar;
use butler_domain::case::dependencies::validate_dependencies;
use butler_domain::case::sheet::SheetKind;
use butler_domain::catalog::ItemStatus;
use butler_domain::catalog::rules::{PlanAsks, check_plan_asks};
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use butler_domain::time_limit::{TimeLimit, promise_within_legal};
use butler_persistence::StoreError;
use butler_persistence::repo::cases::{NewCaseItem, NewTeamMember};
use butler_persistence::repo::{departments, items, users};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

use crate::catalog::manage::draft_of;
use crate::commands::*;
use crate::error::{AppError, FieldError};

use super::*;

/// Checks and builds the butler team: roles, tenant, and the agents' qualification
/// (at least one year of approval work). Reads through `db`, the command's own transaction:
/// taking a second connection from the pool while the transaction holds one would let
/// concurrent commands wait on each other until the pool gives up.
pub(crate) async fn team_members(
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    b: &CaseBundle,
    t: &Team,
    now: DateTime<Utc>,
) -> Result<Vec<NewTeamMember>, AppError> {
    let mut errors = Vec::new();
    let mut members = Vec::new();
    let one_year_ago = (now - chrono::Duration::days(365)).date_naive();
    let leader = found(users::get(db, actor.tenant_id, t.responsible_leader_id).await)?;
    match leader {
        Some(u) if TeamRole::ResponsibleLeader.eligible_roles().contains(&u.role.0) => members.push(NewTeamMember {
            user_id: u.id,
            department_id: u.department_id,
            team_role: TeamRole::ResponsibleLeader,
        }),
        _ => errors.push(FieldError::new(
            "responsible_leader_id",
            "not_a_leader",
            "负责领导须为本县的部门分管领导、投资促进局领导或办公室人员",
            "the responsible leader must be a leader of this county",
        )),
    }
    let mut agent_ids = vec![("lead_agent_id".to_owned(), t.lead_agent_id, TeamRole::LeadAgent)];
    agent_ids.extend(
        t.co_agent_ids.iter().enumerate().map(|(i, id)| (format!("co_agent_ids[{i}]"), *id, TeamRole::CoAgent)),
    );
    for (field, id, role) in agent_ids {
        match found(users::get(db, actor.tenant_id, id).await)? {
            Some(u) if role.eligible_roles().contains(&u.role.0) => {
                let qualified =
                    u.role != Role::DepartmentAgent || u.approval_work_since.is_some_and(|d| d <= one_year_ago);
                if qualified {
                    members.push(NewTeamMember { user_id: u.id, department_id: u.department_id, team_role: role });
                } else {
                    errors.push(FieldError::new(
                        field,
                        "agent_not_qualified",
                        "帮办代办员须从事审批工作 1 年以上",
                        "an agent needs at least one year of approval work",
                    ));
                }
            }
            _ => errors.push(FieldError::new(
                field,
                "not_an_agent",
                "须为本县的帮办代办员",
                "must be an agent of this county",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let covered: HashSet<Uuid> =
        members.iter().filter(|m| m.team_role != TeamRole::ResponsibleLeader).filter_map(|m| m.department_id).collect();
    let names: HashMap<Uuid, String> =
        departments::all(db, actor.tenant_id).await?.into_iter().map(|d| (d.id, d.short_name)).collect();
    let missing: Vec<FieldError> = b
        .items
        .iter()
        .map(|i| i.department_id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|d| !covered.contains(d))
        .map(|d| {
            let name = names.get(&d).cloned().unwrap_or_default();
            FieldError::new(
                "co_agent_ids",
                "department_not_covered",
                format!("缺少{name}的协同代办员"),
                format!("no co-agent of department {name}"),
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(AppError::Validation(missing));
    }
    Ok(members)
}

/// `Some` of what was found, `None` when nothing was; any other failure of the database is
/// the request's failure, never an answer about the input.
fn found<T>(read: Result<T, StoreError>) -> Result<Option<T>, AppError> {
    match read {
        Ok(row) => Ok(Some(row)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Whether a catalog row is the version in force (what a plan may take).
pub(crate) fn in_force(found: &items::ItemWithMaterials) -> bool {
    found.item.status.0 == ItemStatus::Published && found.item.current
}

/// Checks and builds the plan: items from the catalog (the version in force, pinned; no flag
/// the item does not allow) or off-catalog, limits (promise ≤ law), agents of the right department in the team, and dependencies
/// without cycles. Reads through `db`, the command's own transaction (see [`team_members`]).
pub(crate) async fn plan_items(
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    b: &CaseBundle,
    p: &Plan,
    now: DateTime<Utc>,
    _cal: &Calendar,
) -> Result<Vec<NewCaseItem>, AppError> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let team: HashMap<Uuid, Option<Uuid>> = b.team.iter().map(|m| (m.user_id, m.department_id)).collect();
    let _ = now;
    for (i, it) in p.items.iter().enumerate() {
        let f = |name: &str| format!("items[{i}].{name}");
        let mut item = match (it.catalog_item_id, &it.name, it.department_id) {
            (Some(id), _, _) => match items::get(db, actor.tenant_id, id).await {
                Ok(found) if !in_force(&found) => {
                    errors.push(FieldError::new(
                        f("catalog_item_id"),
                        "item_not_in_force",
                        format!("事项“{}”第 {} 版不是现行版本（草稿或已废止）", found.item.name, found.item.version),
                        format!(
                            "version {} of `{}` is not the version in force (a draft or retired)",
                            found.item.version, found.item.name
                        ),
                    ));
                    continue;
                }
                Ok(found) => {
                    let missing: Vec<&str> = it.missing_materials.iter().map(|m| m.name.as_str()).collect();
                    let asks = PlanAsks {
                        commitment: it.allows_commitment,
                        max_extension_days: it.max_extension_days,
                        missing_materials: &missing,
                    };
                    for p in check_plan_asks(&draft_of(&found), asks) {
                        errors.push(FieldError::new(f(&p.field), p.code, p.zh, p.en));
                    }
                    from_catalog(&found)
                }
                Err(StoreError::NotFound) => {
                    errors.push(FieldError::new(
                        f("catalog_item_id"),
                        "unknown_item",
                        "事项清单中没有这个事项",
                        "no such catalog item",
                    ));
                    continue;
                }
                Err(e) => return Err(e.into()),
            },
            (None, Some(name), Some(dept)) => {
                if found(departments::get(db, actor.tenant_id, dept).await)?.is_none() {
                    errors.push(FieldError::new(
                        f("department_id"),
                        "unknown_department",
                        "没有这个部门",
                        "no such department",
                    ));
                    continue;
                }
                off_catalog(name, dept)
            }
            _ => {
                errors.push(FieldError::new(
                    format!("items[{i}]"),
                    "item_incomplete",
                    "请从事项清单选择，或填写清单外事项的名称和办理部门",
                    "give a catalog item, or a name and a department",
                ));
                continue;
            }
        };
        for (field, text, target) in [("promised_limit", &it.promised_limit, 0), ("legal_limit", &it.legal_limit, 1)] {
            if let Some(text) = text {
                match TimeLimit::parse(text) {
                    Ok(parsed) => {
                        let value = parsed.map(|l| l.to_string());
                        if target == 0 { item.promised_limit = value } else { item.legal_limit = value }
                    }
                    Err(e) => errors.push(FieldError::new(
                        f(field),
                        "time_limit",
                        format!("时限格式不正确：{text}"),
                        e.to_string(),
                    )),
                }
            }
        }
        let promised = item.promised_limit.as_deref().and_then(|t| TimeLimit::parse(t).ok().flatten());
        let legal = item.legal_limit.as_deref().and_then(|t| TimeLimit::parse(t).ok().flatten());
        match (promised, legal) {
            (None, _) => errors.push(FieldError::new(
                f("promised_limit"),
                "required",
                "请填写承诺时限（事项清单未载明）",
                "the promised limit is required (the catalog gives none)",
            )),
            (Some(p), Some(l)) => {
                if let Err(e) = promise_within_legal(p, l) {
                    errors.push(FieldError::new(
                        f("promised_limit"),
                        "promise_exceeds_legal",
                        format!("承诺时限 {p} 长于法定时限 {l}"),
                        e.to_string(),
                    ));
                }
            }
            _ => {}
        }
        if let Some(c) = it.allows_commitment {
            item.allows_commitment = c;
        }
        if it.max_extension_days.is_some() {
            item.max_extension_days = it.max_extension_days;
        }
        match team.get(&it.agent_id) {
            Some(dept) if *dept == Some(item.department_id) => item.agent_id = Some(it.agent_id),
            Some(_) => errors.push(FieldError::new(
                f("agent_id"),
                "agent_of_other_department",
                "代办员须属于该事项的办理部门",
                "the agent must belong to the item's department",
            )),
            None => errors.push(FieldError::new(
                f("agent_id"),
                "agent_not_in_team",
                "代办员须是本项目管家团队成员",
                "the agent must be in the butler team",
            )),
        }
        if let Some(materials) = &it.materials {
            item.materials = serde_json::to_value(materials).unwrap_or_default();
        }
        if !it.missing_materials.is_empty() {
            item.allows_tolerance = true;
            item.missing_materials = serde_json::to_value(
                it.missing_materials
                    .iter()
                    .map(|m| json!({"name": m.name.trim(), "committed_by": m.committed_by}))
                    .collect::<Vec<_>>(),
            )
            .unwrap_or_default();
        }
        for (k, pre) in it.prerequisites.iter().enumerate() {
            if *pre < 1 || *pre as usize > p.items.len() || *pre as usize == i + 1 {
                errors.push(FieldError::new(
                    format!("items[{i}].prerequisites[{k}]"),
                    "unknown_prerequisite",
                    "前置事项序号无效",
                    "no such item position",
                ));
            }
        }
        item.prerequisites = it.prerequisites.clone();
        out.push(item);
    }
    let edges: Vec<(i32, i32)> = p
        .items
        .iter()
        .enumerate()
        .flat_map(|(i, it)| it.prerequisites.iter().map(move |pre| (*pre, i as i32 + 1)))
        .collect();
    if let Err(cycle) = validate_dependencies(&edges) {
        let path = cycle.cycle.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(" → ");
        errors.push(FieldError::new(
            "items",
            "dependency_cycle",
            format!("事项之间存在循环依赖：{path}"),
            format!("the dependencies form a cycle: {path}"),
        ));
    }
    if errors.is_empty() { Ok(out) } else { Err(AppError::Validation(errors)) }
}

/// The one-time written notification (一次性告知) generated from the plan.
pub(crate) fn one_time_notification(b: &CaseBundle, cal: &Calendar, now: DateTime<Utc>) -> String {
    let mut text = format!("{}（{}）一次性告知书\n", b.case.project_name, b.case.number);
    let forecast = forecast(b, cal, now);
    for item in b.items.iter().filter(|i| i.planned) {
        text.push_str(&format!(
            "\n{}. {}，承诺时限：{}",
            item.position,
            item.name,
            item.promised_limit.as_deref().unwrap_or("—")
        ));
        if let Some((_, end)) = forecast.get(&item.id) {
            text.push_str(&format!("，预计办结：{}", cal.local_date(*end)));
        }
        let materials: Vec<String> = item
            .materials
            .as_array()
            .map(|a| a.iter().filter_map(|m| m["name"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        if !materials.is_empty() {
            text.push_str(&format!("\n   所需材料：{}", materials.join("；")));
        }
    }
    text
}

/// The roadmap: each planned item starts when its prerequisites end (or now) and ends at its
/// promised limit on the tenant's calendar.
pub fn forecast(b: &CaseBundle, cal: &Calendar, now: DateTime<Utc>) -> BTreeMap<Uuid, (DateTime<Utc>, DateTime<Utc>)> {
    let mut out: BTreeMap<Uuid, (DateTime<Utc>, DateTime<Utc>)> = BTreeMap::new();
    let planned: Vec<_> = b.items.iter().filter(|i| i.planned).collect();
    // Items are few; relax until stable (the graph is acyclic, so |items| rounds suffice).
    for _ in 0..=planned.len() {
        for item in &planned {
            let pres = prerequisite_ids(item);
            if !pres.iter().all(|p| out.contains_key(p)) {
                continue;
            }
            let sheet = b
                .sheets
                .iter()
                .filter(|s| s.case_item_id == item.id && s.kind == SheetKind::Approval)
                .max_by_key(|s| s.dispatched_at);
            let start = match sheet {
                Some(s) => s.dispatched_at,
                None => pres.iter().filter_map(|p| out.get(p).map(|(_, e)| *e)).max().unwrap_or(now).max(now),
            };
            let end = match sheet {
                Some(s) => s.closed_at.unwrap_or(s.finish_by),
                None => item
                    .promised_limit
                    .as_deref()
                    .and_then(|t| TimeLimit::parse(t).ok().flatten())
                    .and_then(|l| l.deadline(start, cal).ok())
                    .unwrap_or(start),
            };
            out.insert(item.id, (start, end));
        }
    }
    out
}
