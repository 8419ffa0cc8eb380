//! The facts of a case its readers are shown, kept in memory at the case's stamp
//! ([`butler_persistence::repo::reads::CaseStamp`]): the case with its items, team, sheets and
//! conditions, its enterprise and the names of its team and sheets' holders. A read asks the
//! database for the stamp alone (one single-row read by primary key) and loads the facts
//! again only when the stamp moved, so a write through any server process of the database is
//! seen on the next read through every other. The facts are the same for every reader:
//! each request still decides what its caller may see and do from them, and what depends on
//! the time (clocks, forecasts, lateness) is computed at the request's `now`.

use butler_persistence::repo::reads::{self, CaseStamp};
use butler_persistence::repo::{enterprises, users};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use uuid::Uuid;

use super::CaseBundle;
use super::view::EnterpriseRef;
use crate::{AppError, Context};

/// A case's facts as of `stamp`.
#[derive(Debug, Clone)]
pub struct CaseFacts {
    pub stamp: Option<CaseStamp>,
    pub bundle: CaseBundle,
    pub enterprise: EnterpriseRef,
    /// The display names of the team and of the sheets' holders.
    pub names: HashMap<Uuid, String>,
}

/// The facts of recently read cases, per server process.
#[derive(Default)]
pub struct ReadCache {
    cases: Mutex<HashMap<Uuid, Arc<CaseFacts>>>,
    /// Which case a sheet belongs to (it never moves): `(tenant, case)`.
    sheet_cases: Mutex<HashMap<Uuid, (Uuid, Uuid)>>,
}

impl ReadCache {
    /// Past this many cases (or sheets), the map is emptied before the next one is kept. A
    /// case's facts hold its plan's and sheets' JSON columns as parsed values, some tens of
    /// kilobytes: 256 cases keep the cache near 15 MB (at 1,024 it held some 70 MB of a
    /// server's memory once full), and the cases being worked on at once are fewer.
    const CAPACITY: usize = 256;

    fn get(&self, case_id: Uuid, stamp: CaseStamp) -> Option<Arc<CaseFacts>> {
        let cases = self.cases.lock().unwrap_or_else(|e| e.into_inner());
        cases.get(&case_id).filter(|f| f.stamp == Some(stamp)).cloned()
    }

    fn put(&self, facts: Arc<CaseFacts>) {
        let mut cases = self.cases.lock().unwrap_or_else(|e| e.into_inner());
        if cases.len() >= Self::CAPACITY {
            cases.clear();
        }
        let mut sheet_cases = self.sheet_cases.lock().unwrap_or_else(|e| e.into_inner());
        if sheet_cases.len() + facts.bundle.sheets.len() > Self::CAPACITY * 16 {
            sheet_cases.clear();
        }
        for s in &facts.bundle.sheets {
            sheet_cases.insert(s.id, (facts.bundle.case.tenant_id, s.case_id));
        }
        cases.insert(facts.bundle.case.id, facts);
    }

    /// The case of a sheet seen before, if of `tenant_id`.
    pub(crate) fn case_of_sheet(&self, tenant_id: Uuid, sheet_id: Uuid) -> Option<Uuid> {
        let sheet_cases = self.sheet_cases.lock().unwrap_or_else(|e| e.into_inner());
        sheet_cases.get(&sheet_id).filter(|(t, _)| *t == tenant_id).map(|(_, c)| *c)
    }
}

/// The current facts of a case of the tenant (404 when it has none): from memory when its
/// stamp has not moved, else loaded and kept.
pub async fn current(ctx: &Context, tenant_id: Uuid, case_id: Uuid) -> Result<Arc<CaseFacts>, AppError> {
    let stamp = reads::case_stamp(&ctx.db, tenant_id, case_id).await?.ok_or(AppError::NotFound)?;
    at(ctx, tenant_id, case_id, stamp).await
}

/// The current facts of the tenant's cases among `ids` (those it has), by case: one read of
/// their stamps, then the facts of those whose stamp moved loaded and kept.
pub async fn current_many(
    ctx: &Context,
    tenant_id: Uuid,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Arc<CaseFacts>>, AppError> {
    let stamps = reads::case_stamps(&ctx.db, tenant_id, ids).await?;
    let loads =
        stamps.into_iter().map(|(id, stamp)| async move { at(ctx, tenant_id, id, stamp).await.map(|f| (id, f)) });
    futures_util::future::try_join_all(loads).await.map(|all| all.into_iter().collect())
}

/// The facts of a case whose stamp was just read as `stamp`.
async fn at(ctx: &Context, tenant_id: Uuid, case_id: Uuid, stamp: CaseStamp) -> Result<Arc<CaseFacts>, AppError> {
    if let Some(facts) = ctx.reads.get(case_id, stamp) {
        return Ok(facts);
    }
    // Read after the stamp: a write landing in between leaves facts newer than the stamp they
    // are kept under, which the next read (seeing the moved stamp) loads again.
    let bundle = super::load(&ctx.db, tenant_id, case_id).await?;
    let facts = Arc::new(CaseFacts { stamp: Some(stamp), ..of(ctx, bundle).await? });
    ctx.reads.put(facts.clone());
    Ok(facts)
}

/// The facts of a bundle just loaded (not kept).
pub async fn of(ctx: &Context, bundle: CaseBundle) -> Result<CaseFacts, AppError> {
    let c = &bundle.case;
    let enterprise = enterprises::get(&ctx.db, c.tenant_id, c.enterprise_id).await?;
    let member_ids: Vec<Uuid> =
        bundle.team.iter().map(|m| m.user_id).chain(bundle.sheets.iter().filter_map(|s| s.assignee_id)).collect();
    let names = users::display_names(&ctx.db, c.tenant_id, &member_ids).await?;
    Ok(CaseFacts {
        stamp: None,
        enterprise: EnterpriseRef { id: enterprise.id, name: enterprise.name, credit_code: enterprise.credit_code },
        names,
        bundle,
    })
}
