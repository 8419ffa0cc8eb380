//! Task sheets and the work queues.

use actix_web::http::header::{ETAG, HeaderValue};
use actix_web::{HttpResponse, get, post, web};
use butler_app::commands::TaskCommand;
use butler_app::tasks::{self, Queue, QueueQuery, TaskView};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::case_dto::*;
use crate::commands;
use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::extract_headers::IfMatch;
use crate::state::AppState;

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
    let queue = query.queue.map(|q| match q {
        QueueName::Mine => Queue::Mine,
        QueueName::Department => Queue::Department,
        QueueName::Overdue => Queue::Overdue,
        QueueName::DueSoon => Queue::DueSoon { within_hours: query.within_hours },
        QueueName::All => Queue::All,
        QueueName::ResultsToNotify => Queue::ResultsToNotify,
        QueueName::SentBack => Queue::SentBack,
    });
    let wanted = QueueQuery { queue, case_id: query.case_id };
    let page = tasks::queue(&state.app, &auth.0, wanted, &page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, TaskOut::from)))
}

/// Answers the sheet with its version as the `ETag`.
fn task_response(view: TaskView) -> HttpResponse {
    let version = view.version;
    let mut res = HttpResponse::Ok().json(TaskOut::from(view));
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        res.headers_mut().insert(ETAG, v);
    }
    res
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
    Ok(task_response(tasks::get(&state.app, &auth.0, id.into_inner()).await?))
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
            Ok(task_response(tasks::command(&state.app, &auth.0, id.into_inner(), if_match.0, $cmd).await?))
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
            Ok(task_response(tasks::command(&state.app, &auth.0, id.into_inner(), if_match.0, ($cmd)(body.0)).await?))
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
    let view = tasks::record_result_notice(&state.app, &auth.0, id.into_inner(), &body.0.into()).await?;
    Ok(task_response(view))
}
