//! The audit log as a workbook (审计日志.xlsx): the entries [`super::list`] reads for the same
//! filters, newest first, at most [`EXPORT_MAX_ROWS`]; the export itself is recorded in the
//! trail with its filters and its size.

use butler_domain::audit::AuditAction;
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::audit as repo;
use serde_json::json;

use super::{AuditLogEntry, AuditLogQuery};
use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::error::{AppError, FieldError};
use crate::exports::sheet::{Cell, workbook};
use crate::forms::{RenderedFile, XLSX};

/// The most entries one export holds: narrow the filters for more.
pub const EXPORT_MAX_ROWS: usize = 10_000;

const PAGE: u64 = butler_persistence::PageRequest::MAX_LIMIT;

/// The caller's tenant's entries matching `query` as a workbook; more than
/// [`EXPORT_MAX_ROWS`] is a field error (`until`: narrow the range). Recorded as
/// [`AuditAction::AuditLogExported`].
pub async fn export(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    query: &AuditLogQuery,
) -> Result<RenderedFile, AppError> {
    authorize(actor, Action::ReadAuditLog, Scope::tenant(actor.tenant_id))?;
    let filter = query.checked()?;
    let mut all: Vec<AuditLogEntry> = Vec::new();
    let mut after = None;
    loop {
        let request = butler_persistence::PageRequest { limit: PAGE, after };
        let page = repo::list(&ctx.db, actor.tenant_id, &filter, request).await?;
        all.extend(page.items.into_iter().map(AuditLogEntry::from));
        if all.len() > EXPORT_MAX_ROWS {
            return Err(AppError::Validation(vec![FieldError::new(
                "until",
                "too_many_rows",
                format!("一次最多导出 {EXPORT_MAX_ROWS} 条，请缩小时间范围或增加筛选条件"),
                format!("at most {EXPORT_MAX_ROWS} entries per export: narrow the time range or filter further"),
            )]));
        }
        match page.next_cursor {
            Some(cursor) => after = Some(butler_persistence::Cursor::decode(&cursor)?),
            None => break,
        }
    }
    let rows: Vec<Vec<Cell>> = all.iter().map(row).collect();
    let bytes = workbook(
        "审计日志",
        &[
            ("时间", 17.0),
            ("操作人", 12.0),
            ("角色", 14.0),
            ("用户ID", 36.0),
            ("操作", 18.0),
            ("操作代码", 24.0),
            ("结果", 8.0),
            ("客户端地址", 16.0),
            ("请求编号", 36.0),
            ("详情", 60.0),
        ],
        &rows,
    )?;
    let detail = json!({
        "rows": all.len(),
        "filters": {
            "user_id": query.user_id,
            "action": query.action,
            "outcome": query.outcome,
            "from": query.from,
            "until": query.until,
            "ip": filter.ip,
            "request_id": filter.request_id,
        },
    });
    audit_trail::record(&ctx.db, meta, actor, AuditAction::AuditLogExported, detail, ctx.now()).await?;
    Ok(RenderedFile { file_name: "审计日志.xlsx".to_owned(), content_type: XLSX, bytes })
}

fn row(e: &AuditLogEntry) -> Vec<Cell> {
    vec![
        Cell::DateTime(e.at),
        e.user_name.clone().into(),
        e.user_role.map(|r| r.name_zh()).into(),
        e.user_id.map(|id| id.to_string()).into(),
        e.action.name_zh().into(),
        e.action.code().into(),
        e.outcome.name_zh().into(),
        e.ip.clone().into(),
        e.request_id.clone().into(),
        e.detail.as_ref().map(|d| d.to_string()).into(),
    ]
}
