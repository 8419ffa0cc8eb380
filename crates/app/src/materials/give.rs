//! Giving a material for a plan item: uploading a file (a new version of the enterprise's
//! material of that name) or reusing a version given before. By the enterprise, or by an
//! official for it (代办, recorded as such). Nothing is overwritten: each upload is a
//! new version, and the checklist row points at the version used.

use butler_domain::case::event_action::EventAction;
use butler_domain::material::{self, MaterialAction, MaterialState};
use butler_domain::policy::Actor;
use butler_persistence::DatabaseTransaction;
use butler_persistence::repo::cases::CaseItemRow;
use butler_persistence::repo::files::{self, FileRow, NewFile};
use butler_persistence::repo::history::{self as history_repo, NewEvent};
use butler_persistence::repo::materials::{self as repo, CaseMaterialRow, RowChange, VersionRow};
use bytes::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use futures_util::Stream;
use serde_json::json;
use uuid::Uuid;

use super::{ChecklistMaterial, ListedMaterial, locate, material_actor, one, refusal, valid_on};
use crate::cases::{CaseBundle, check_visible, head, load, load_for_change};
use crate::files::upload::{self as receive, Limit, Received};
use crate::{AppError, Context};

/// What comes with an uploaded file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadMeta {
    /// The name the file was sent with (kept for display only).
    pub file_name: Option<String>,
    /// Until when the material is valid (a licence's expiry…); reusable until then.
    pub valid_until: Option<NaiveDate>,
}

/// Checks that `action` is possible now, on the case as loaded.
fn check(
    actor: &Actor,
    b: &CaseBundle,
    item_id: Uuid,
    position: i32,
    state: MaterialState,
    action: MaterialAction,
) -> Result<(), AppError> {
    let (item, _) = locate(b, item_id, position)?;
    let who = material_actor(actor, b, &item);
    material::decide(b.case.state.0, state, action, &who).map(|_| ()).map_err(refusal)
}

/// The state of the material's checklist row now.
async fn state_now(
    db: &impl sea_orm::ConnectionTrait,
    item_id: Uuid,
    position: i32,
) -> Result<MaterialState, AppError> {
    Ok(repo::case_row(db, item_id, position).await?.map_or(MaterialState::Missing, |r| r.state.0))
}

/// Uploads a file for one material of one plan item: the type is told from the content and
/// must be one the material accepts; the file and the case must stay within their size
/// limits. On any refusal nothing is kept (no row, no object).
pub async fn upload<S, E>(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    item_id: Uuid,
    position: i32,
    meta: UploadMeta,
    body: S,
) -> Result<ChecklistMaterial, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let b = load(&ctx.db, actor.tenant_id, case_id).await?;
    check_visible(actor, &b)?;
    let (_, listed) = locate(&b, item_id, position)?;
    let state = state_now(&ctx.db, item_id, position).await?;
    check(actor, &b, item_id, position, state, MaterialAction::Upload)?;
    if let Some(until) = meta.valid_until
        && !valid_on(Some(until), super::today(ctx))
    {
        return Err(AppError::field("valid_until", "expired", "有效期已过", "The validity date has passed"));
    }
    let used = files::case_bytes(&ctx.db, case_id).await?;
    let limit = Limit::of(ctx.file_limits, u64::try_from(used).unwrap_or(0));
    let received = receive::receive(&ctx.storage, body, &listed.accepted_types(), limit).await?;
    let key = received.storage_key.clone();
    let fallback = format!("{}.{}", listed.name, received.file_type.extension());
    let file_name = crate::files::clean_file_name(meta.file_name.as_deref(), &fallback);
    match record_upload(ctx, actor, case_id, item_id, position, received, file_name, meta.valid_until).await {
        Ok(()) => one(ctx, actor, case_id, item_id, position).await,
        Err(e) => {
            receive::discard(&ctx.storage, &key).await;
            Err(e)
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn record_upload(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    item_id: Uuid,
    position: i32,
    received: Received,
    file_name: String,
    valid_until: Option<NaiveDate>,
) -> Result<(), AppError> {
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    // Decided again on the case as it is inside the transaction.
    let b = load_for_change(&txn, actor, case_id, now, butler_domain::case::frozen::CaseWrite::Material).await?;
    let (item, listed) = locate(&b, item_id, position)?;
    let existing = repo::case_row(&txn, item_id, position).await?;
    let from = existing.as_ref().map_or(MaterialState::Missing, |r| r.state.0);
    let who = material_actor(actor, &b, &item);
    let to = material::decide(b.case.state.0, from, MaterialAction::Upload, &who).map_err(refusal)?;
    let used = files::case_bytes(&txn, case_id).await?;
    if u64::try_from(used).unwrap_or(0) + received.size_bytes > ctx.file_limits.max_case_bytes {
        return Err(Limit::of(ctx.file_limits, u64::try_from(used).unwrap_or(0)).exceeded());
    }
    let file = files::insert(
        &txn,
        actor.tenant_id,
        NewFile {
            id: received.id,
            enterprise_id: Some(b.case.enterprise_id),
            case_id: Some(case_id),
            sha256: received.sha256.clone(),
            size_bytes: i64::try_from(received.size_bytes).map_err(AppError::internal)?,
            file_type: received.file_type,
            file_name,
            storage_key: received.storage_key,
            uploaded_by: actor.user_id,
        },
        now,
    )
    .await?;
    let on_behalf = material::on_behalf(&who);
    let (m, version) = repo::add_version(
        &txn,
        actor.tenant_id,
        b.case.enterprise_id,
        &listed.name,
        file.id,
        actor.user_id,
        on_behalf,
        valid_until,
        now,
    )
    .await?;
    let given = Given { position, material_id: m.id, version: &version, file: &file, on_behalf, reused: false };
    record_given(&txn, actor, &b, &item, &listed, existing.as_ref(), (from, to), given, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(())
}

/// Uses a version the enterprise gave before for one material of one plan item (一次提交、
/// 多次复用): the version must be the case's enterprise's, still valid, and of a type the
/// material accepts. The department decides on it afresh for this use.
pub async fn reuse(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    item_id: Uuid,
    position: i32,
    material_id: Uuid,
    version: i32,
) -> Result<ChecklistMaterial, AppError> {
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load_for_change(&txn, actor, case_id, now, butler_domain::case::frozen::CaseWrite::Material).await?;
    let (item, listed) = locate(&b, item_id, position)?;
    let existing = repo::case_row(&txn, item_id, position).await?;
    let from = existing.as_ref().map_or(MaterialState::Missing, |r| r.state.0);
    let who = material_actor(actor, &b, &item);
    let to = material::decide(b.case.state.0, from, MaterialAction::Reuse, &who).map_err(refusal)?;
    let unknown =
        || AppError::field("material_id", "unknown_material", "没有这份材料", "No such material of the enterprise");
    let m = match repo::get(&txn, actor.tenant_id, material_id).await {
        Ok(m) if m.enterprise_id == b.case.enterprise_id => m,
        Ok(_) | Err(butler_persistence::StoreError::NotFound) => return Err(unknown()),
        Err(e) => return Err(e.into()),
    };
    let v = repo::version(&txn, m.id, version).await.map_err(|e| match e {
        butler_persistence::StoreError::NotFound => {
            AppError::field("version", "unknown_version", "没有这个版本", "No such version of the material")
        }
        other => other.into(),
    })?;
    if !valid_on(v.valid_until, super::today(ctx)) {
        return Err(AppError::field("version", "expired", "该版本已过有效期", "This version is no longer valid"));
    }
    let file = files::get(&txn, actor.tenant_id, v.file_id).await?;
    if !listed.accepted_types().contains(&file.file_type.0) {
        return Err(receive::unsupported(&listed.accepted_types()));
    }
    if existing.as_ref().is_some_and(|r| r.material_version_id == v.id) && from != MaterialState::CorrectionRequested {
        return Err(AppError::Conflict("this version is already given for the material".into()));
    }
    let given = Given {
        position,
        material_id: m.id,
        version: &v,
        file: &file,
        on_behalf: material::on_behalf(&who),
        reused: true,
    };
    record_given(&txn, actor, &b, &item, &listed, existing.as_ref(), (from, to), given, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    one(ctx, actor, case_id, item_id, position).await
}

/// The version given for a checklist row, and how.
struct Given<'a> {
    /// The material's position in the item's list.
    position: i32,
    material_id: Uuid,
    version: &'a VersionRow,
    file: &'a FileRow,
    /// An official gave it for the enterprise (代办).
    on_behalf: bool,
    /// A version given before, used again (一次提交、多次复用).
    reused: bool,
}

/// Points the checklist row at the version given, awaiting the department's decision, and
/// records it in the case's history (one `material_uploaded` event, `reused` telling which).
#[allow(clippy::too_many_arguments)]
async fn record_given(
    txn: &DatabaseTransaction,
    actor: &Actor,
    b: &CaseBundle,
    item: &CaseItemRow,
    listed: &ListedMaterial,
    existing: Option<&CaseMaterialRow>,
    (from, to): (MaterialState, MaterialState),
    given: Given<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Given { position, material_id, version, file, on_behalf, reused } = given;
    let change = RowChange {
        case_id: b.case.id,
        case_item_id: item.id,
        position,
        name: listed.name.clone(),
        material_id,
        material_version_id: version.id,
        state: to,
        reason: None,
        decided_by: None,
        decided_at: None,
    };
    repo::save_row(txn, actor.tenant_id, existing, change, now).await?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: EventAction::MaterialUploaded,
        sheet_id: None,
        from_state: Some(from.code().to_owned()),
        to_state: Some(to.code().to_owned()),
        payload: json!({
            "item_id": item.id, "item": item.name, "position": position, "material": listed.name,
            "material_id": material_id, "version": version.version, "file_id": file.id, "sha256": file.sha256,
            "size_bytes": file.size_bytes, "file_type": file.file_type.0.code(), "on_behalf": on_behalf,
            "reused": reused,
        }),
    };
    history_repo::append(txn, b.case.tenant_id, b.case.id, &head(&b.case), vec![event], now).await?;
    Ok(())
}
