//! The intermediary supermarket as the public sees it (中介超市): the county's active
//! agencies, their qualifications (with whether each is still in force) and services with the
//! catalog items they serve. Suspended agencies are not shown.

use butler_domain::intermediary::AgencyStatus;

use super::PublicTenant;
use crate::Context;
use crate::error::AppError;
use crate::intermediaries::Agency;
use crate::intermediaries::agencies::list_in;
use crate::paging::{Page, PageRequest};

/// A page of the county's active agencies.
pub async fn agencies(ctx: &Context, tenant: &PublicTenant, page: PageRequest) -> Result<Page<Agency>, AppError> {
    list_in(ctx, tenant.id, Some(AgencyStatus::Active), page).await
}
