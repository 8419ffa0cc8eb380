//! Task sheets and the work queues.

use actix_web::http::header::{ETAG, HeaderValue};
use actix_web::{HttpResponse, get, post, web};
use butler_domain::calendar::Calendar;
use butler_domain::case::sheet::{self as dsheet, SheetKind, SheetState, TaskSheet};
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use butler_persistence::repo::cases::{self, CaseItemRow, CaseRow};
use butler_persistence::repo::sheets::{self, QueueFilter, SheetRow};
use butler_persistence::repo::users;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use std::collections::HashMap;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::case_dto::*;
use crate::commands;
use crate::dto::PageOut;
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::extract_headers::IfMatch;
use butler_app::cases as case_svc;
use butler_app::commands::TaskCommand;
use butler_app::sheets as svc;

use crate::state::AppState;

/// The people a sheet names, by id (its holder).
pub type Names = HashMap<Uuid, String>;

/// Renders a sheet for `actor`; `names` holds its holder's name.
pub fn task_out(
    actor: &Actor,
    s: &SheetRow,
    case: &CaseRow,
    item: Option<&CaseItemRow>,
    names: &Names,
    cal: &Calendar,
    now: DateTime<Utc>,
) -> Result<TaskOut, ApiError> {
    let task: TaskSheet = serde_json::from_value(s.data.clone()).map_err(ApiError::internal)?;
    let outcome_reason = match &task.decision {
        Some(dsheet::Decision::NotApproved { reason }) | Some(dsheet::Decision::Withdrawn { reason }) => {
            Some(reason.clone())
        }
        _ => None,
    };
    let in_department = actor.department_id == Some(s.department_id);
    let allowed: Vec<String> = dsheet::allowed_sheet_actions(task.state)
        .into_iter()
        .filter(|a| {
            let rule = dsheet::SHEET_RULES.iter().find(|r| r.action == *a);
            match rule.map(|r| r.who) {
                Some(dsheet::Who::Holder) => {
                    in_department && matches!(actor.role, Role::DepartmentAgent | Role::DepartmentLeader)
                }
                Some(dsheet::Who::DepartmentLeader) => in_department && actor.role == Role::DepartmentLeader,
                Some(dsheet::Who::Window) => matches!(actor.role, Role::WindowAgent | Role::Office),
                Some(dsheet::Who::Supplier) => true,
                None => false,
            }
        })
        .map(|a| a.code().to_owned())
        .collect();
    Ok(TaskOut {
        id: s.id,
        case_id: s.case_id,
        case_number: case.number.clone(),
        project_name: case.project_name.clone(),
        case_item_id: s.case_item_id,
        item_name: item.map(|i| i.name.clone()).unwrap_or_default(),
        kind: s.kind.to_string(),
        department_id: s.department_id,
        assignee_id: s.assignee_id,
        assignee_name: s.assignee_id.and_then(|id| names.get(&id).cloned()),
        state: s.state.to_string(),
        version: s.version,
        dispatched_at: s.dispatched_at,
        acknowledge_by: s.acknowledge_by,
        acknowledged_at: s.acknowledged_at,
        finish_by: s.finish_by,
        overdue: s.open && s.state != SheetState::Paused && s.finish_by < now,
        pauses: task
            .stops
            .iter()
            .map(|p| PauseOut { start: p.pause.start, end: p.pause.end, reason: p.reason.clone() })
            .collect(),
        paused_office_minutes: task.paused_office_time(cal, now).num_minutes(),
        extension_working_days: task.extension.as_ref().map(|e| e.working_days),
        missing_materials: task
            .missing_materials
            .iter()
            .map(|m| MissingMaterialOut {
                name: m.name.clone(),
                committed_by: m.committed_by,
                supplied_at: m.supplied_at,
            })
            .collect(),
        outcome: s.outcome.map(|o| o.to_string()),
        document_number: s.document_number.clone(),
        outcome_reason,
        approved_on_commitment: task.approved_on_commitment,
        closed_at: s.closed_at,
        result_notice_channel: s.result_notice_channel.map(|c| c.to_string()),
        result_noticed_at: s.result_noticed_at,
        allowed_actions: allowed,
    })
}

/// Which work queue to read.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum QueueName {
    /// Open sheets the caller holds.
    Mine,
    /// Open sheets of the caller's department.
    Department,
    /// Open sheets past their deadline (a department's own, or all for the office).
    Overdue,
    /// Open sheets due within the next `within_hours` (default 24).
    DueSoon,
    /// Every sheet the caller may see, open or closed.
    All,
    /// Finished approval sheets whose result the window has not yet told the enterprise.
    ResultsToNotify,
    /// Sheets a department sent back to the window (退回), waiting to be re-dispatched.
    SentBack,
}

/// Filters of the task list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    /// The queue (default `department` for department roles, `all` for others).
    pub queue: Option<QueueName>,
    /// Only sheets of this case.
    pub case_id: Option<Uuid>,
    /// For `due_soon`: the horizon in hours (1–720).
    pub within_hours: Option<i64>,
}

/// A work queue of task sheets, most urgent first.
///
/// Each queue reads one index range ordered by deadline, so its cost does not grow with the
/// number of sheets. Department roles see their department's sheets only.
#[utoipa::path(
    tag = "tasks",
    operation_id = "listTasks",
    params(PageParams, TaskQuery),
    responses(
        (status = 200, description = "A page of sheets", body = PageOut<TaskOut>),
        (status = 403, description = "The role has no task queue", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter or paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tasks")]
pub async fn list_tasks(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<TaskQuery>,
) -> Result<web::Json<PageOut<TaskOut>>, ApiError> {
    let actor = &auth.0;
    let now = state.app.clock.now();
    let department_role = matches!(actor.role, Role::DepartmentAgent | Role::DepartmentLeader);
    if actor.role == Role::Enterprise {
        return Err(ApiError::Forbidden);
    }
    let queue = query.queue.unwrap_or(if department_role { QueueName::Department } else { QueueName::All });
    let mut filter = QueueFilter { case_id: query.case_id, ..Default::default() };
    if department_role {
        filter.department_id = Some(actor.department_id.unwrap_or(Uuid::nil()));
    }
    match queue {
        QueueName::Mine => {
            filter.assignee_id = Some(actor.user_id);
            filter.open = Some(true);
        }
        QueueName::Department => {
            if !department_role {
                return Err(ApiError::field(
                    "queue",
                    "not_a_department_role",
                    "只有部门角色有本部门队列",
                    "only department roles have a department queue",
                ));
            }
            filter.open = Some(true);
        }
        QueueName::Overdue => {
            filter.open = Some(true);
            filter.running_clock = true;
            filter.due_before = Some(now);
        }
        QueueName::DueSoon => {
            let hours = query.within_hours.unwrap_or(24);
            if !(1..=720).contains(&hours) {
                return Err(ApiError::field(
                    "within_hours",
                    "range",
                    "须在 1 到 720 之间",
                    "must be between 1 and 720",
                ));
            }
            filter.open = Some(true);
            filter.running_clock = true;
            filter.due_from = Some(now);
            filter.due_before = Some(now + Duration::hours(hours));
        }
        QueueName::All => {}
        QueueName::ResultsToNotify => {
            filter.state = Some(SheetState::Finished);
            filter.kind = Some(SheetKind::Approval);
            filter.result_unnoticed = true;
        }
        QueueName::SentBack => filter.state = Some(SheetState::SentBack),
    }
    // Only the limit is checked here: a queue's cursor is its own (deadline, id) position,
    // which `sheets::queue` decodes (it is not a list cursor of ids).
    validator::Validate::validate(&*page).map_err(|e| ApiError::Validation(crate::extract::field_errors(&e)))?;
    let limit = page.limit.unwrap_or(butler_persistence::PageRequest::DEFAULT_LIMIT);
    let rows = sheets::queue(&state.app.db, actor.tenant_id, &filter, limit, page.cursor.as_deref()).await?;
    let case_ids: Vec<Uuid> = rows.items.iter().map(|s| s.case_id).collect();
    let item_ids: Vec<Uuid> = rows.items.iter().map(|s| s.case_item_id).collect();
    let case_map: HashMap<Uuid, CaseRow> =
        cases::get_many(&state.app.db, actor.tenant_id, &case_ids).await?.into_iter().map(|c| (c.id, c)).collect();
    let item_map: HashMap<Uuid, CaseItemRow> =
        cases::items_by_ids(&state.app.db, &item_ids).await?.into_iter().map(|i| (i.id, i)).collect();
    let holders: Vec<Uuid> = rows.items.iter().filter_map(|s| s.assignee_id).collect();
    let names = users::display_names(&state.app.db, actor.tenant_id, &holders).await?;
    let cal = case_svc::calendar(&state.app, actor.tenant_id).await?;
    let mut items = Vec::with_capacity(rows.items.len());
    for s in &rows.items {
        let case = case_map.get(&s.case_id).ok_or(ApiError::NotFound)?;
        items.push(task_out(actor, s, case, item_map.get(&s.case_item_id), &names, &cal, now)?);
    }
    Ok(web::Json(PageOut { items, next_cursor: rows.next_cursor }))
}

async fn task_response(state: &AppState, actor: &Actor, row: SheetRow) -> Result<HttpResponse, ApiError> {
    let b = case_svc::load(&state.app.db, actor.tenant_id, row.case_id).await?;
    case_svc::check_visible(actor, &b)?;
    let cal = case_svc::calendar(&state.app, actor.tenant_id).await?;
    let item = b.items.iter().find(|i| i.id == row.case_item_id);
    let holders: Vec<Uuid> = row.assignee_id.into_iter().collect();
    let names = users::display_names(&state.app.db, actor.tenant_id, &holders).await?;
    let out = task_out(actor, &row, &b.case, item, &names, &cal, state.app.clock.now())?;
    let mut res = HttpResponse::Ok().json(out);
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", row.version)) {
        res.headers_mut().insert(ETAG, v);
    }
    Ok(res)
}

/// Read one task sheet with its clock.
#[utoipa::path(
    tag = "tasks",
    operation_id = "getTask",
    params(("id" = Uuid, Path, description = "The sheet's id")),
    responses(
        (status = 200, description = "The sheet", body = TaskOut, headers(("ETag" = String, description = "The sheet's version"))),
        (status = 404, description = "No such sheet for this caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tasks/{id}")]
pub async fn get_task(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let row = sheets::get(&state.app.db, auth.0.tenant_id, id.into_inner()).await?;
    task_response(&state, &auth.0, row).await
}

macro_rules! task_command {
    ($fn_name:ident, $op:literal, $path:literal, $summary:literal, $desc:literal, none, $cmd:expr) => {
        #[doc = $summary]
        #[doc = ""]
        #[doc = $desc]
        #[utoipa::path(
            tag = "tasks",
            operation_id = $op,
            params(("id" = Uuid, Path, description = "The sheet's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
            responses(
                (status = 200, description = "Done; the sheet as it is now", body = TaskOut),
                (status = 403, description = "Not the sheet's department or holder", body = Problem, content_type = "application/problem+json"),
                (status = 404, description = "No such sheet for this caller", body = Problem, content_type = "application/problem+json"),
                (status = 409, description = "Not possible in the sheet's state, or a rule of the item refuses it", body = Problem, content_type = "application/problem+json"),
                (status = 412, description = "The sheet changed since it was read", body = Problem, content_type = "application/problem+json"),
            )
        )]
        #[post($path)]
        pub async fn $fn_name(state: web::Data<AppState>, auth: Authenticated, id: web::Path<Uuid>, if_match: IfMatch) -> Result<HttpResponse, ApiError> {
            let row = svc::run(&state.app, &auth.0, id.into_inner(), if_match.0, $cmd).await?;
            task_response(&state, &auth.0, row).await
        }
    };
    ($fn_name:ident, $op:literal, $path:literal, $summary:literal, $desc:literal, $body:ty, $cmd:expr) => {
        #[doc = $summary]
        #[doc = ""]
        #[doc = $desc]
        #[utoipa::path(
            tag = "tasks",
            operation_id = $op,
            request_body = $body,
            params(("id" = Uuid, Path, description = "The sheet's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
            responses(
                (status = 200, description = "Done; the sheet as it is now", body = TaskOut),
                (status = 403, description = "Not the sheet's department or holder", body = Problem, content_type = "application/problem+json"),
                (status = 404, description = "No such sheet for this caller", body = Problem, content_type = "application/problem+json"),
                (status = 409, description = "Not possible in the sheet's state, or a rule of the item refuses it", body = Problem, content_type = "application/problem+json"),
                (status = 412, description = "The sheet changed since it was read", body = Problem, content_type = "application/problem+json"),
                (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
            )
        )]
        #[post($path)]
        pub async fn $fn_name(state: web::Data<AppState>, auth: Authenticated, id: web::Path<Uuid>, if_match: IfMatch, body: ValidatedJson<$body>) -> Result<HttpResponse, ApiError> {
            let row = svc::run(&state.app, &auth.0, id.into_inner(), if_match.0, ($cmd)(body.0)).await?;
            task_response(&state, &auth.0, row).await
        }
    };
}

task_command!(
    acknowledge_task,
    "acknowledgeTask",
    "/tasks/{id}/acknowledge",
    "Acknowledge a sheet (回执).",
    "Due within 30 office minutes of dispatch (首办负责制); the acknowledging agent becomes the holder.",
    none,
    TaskCommand::Acknowledge
);
task_command!(
    request_correction,
    "requestCorrection",
    "/tasks/{id}/corrections",
    "Ask the enterprise for corrections (补正).",
    "Stops the clock until the materials arrive; repeatable, each stop counted exactly.",
    CorrectionIn,
    TaskCommand::from
);
task_command!(
    supply_correction,
    "supplyCorrection",
    "/tasks/{id}/corrections/supplied",
    "Record that the corrections arrived.",
    "The clock runs again; the deadline moves by the office time paused.",
    none,
    TaskCommand::SupplyCorrection
);
task_command!(
    supply_missing_materials,
    "supplyMissingMaterials",
    "/tasks/{id}/missing-materials/supplied",
    "Record that 容缺 materials arrived.",
    "The approval waits until every committed material is supplied.",
    SuppliedMaterialsIn,
    TaskCommand::from
);
task_command!(
    extend_task,
    "extendTask",
    "/tasks/{id}/extension",
    "Extend the time limit (延期), once.",
    "Only where the item allows it, up to its maximum, never while paused or after the deadline; the department leader.",
    ExtensionIn,
    TaskCommand::from
);
task_command!(
    finish_task,
    "finishTask",
    "/tasks/{id}/finish",
    "Record the sheet's result.",
    "Approved (with the document number), not approved (reason) or withdrawn; `on_commitment` approves on 告知承诺 and creates a verification sheet. Dependent items are dispatched by themselves.",
    FinishIn,
    TaskCommand::from
);
task_command!(
    send_back_task,
    "sendBackTask",
    "/tasks/{id}/send-back",
    "Send the sheet back to the window (退回).",
    "Touches no other department's sheet.",
    ReasonIn,
    |r| TaskCommand::SendBack { reason: commands::reason(r) }
);
task_command!(
    redispatch_task,
    "redispatchTask",
    "/tasks/{id}/redispatch",
    "Dispatch a sent-back sheet again.",
    "To the same or another department; a new clock starts.",
    RedispatchIn,
    TaskCommand::from
);
task_command!(
    transfer_task,
    "transferTask",
    "/tasks/{id}/transfer",
    "Transfer the sheet to a colleague (转办).",
    "Within the department; the clock does not restart.",
    TransferIn,
    TaskCommand::from
);

/// Record how the enterprise was told of the sheet's result (window).
#[utoipa::path(
    tag = "tasks",
    operation_id = "recordResultNotice",
    request_body = ResultNoticeIn,
    params(("id" = Uuid, Path, description = "The sheet's id")),
    responses(
        (status = 200, description = "Recorded", body = TaskOut),
        (status = 403, description = "Not the window or the office", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The sheet has no result yet", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/tasks/{id}/result-notice")]
pub async fn record_result_notice(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: ValidatedJson<ResultNoticeIn>,
) -> Result<HttpResponse, ApiError> {
    let row = svc::record_result_notice(&state.app, &auth.0, id.into_inner(), &body.0.into()).await?;
    task_response(&state, &auth.0, row).await
}
