//! Onboarding a county from one workbook (`butler_domain::onboarding`): import all or
//! nothing in one transaction, with a dry run; export of a county in the same workbook (no
//! passwords), so one county can start from another's; and the blank template.
//!
//! Import creates the county (kind county, active), its settings as version 1, its public
//! profile, departments, users (each with a generated initial password, returned once, stored
//! hashed, to be changed at first sign-in), its catalog (through the catalog workbook's import,
//! published at once) and its local calendar days. A dry run does the same in a transaction
//! it rolls back, so it answers exactly what would be created and writes nothing.

mod example;
mod export;
mod import;
mod workbook;

pub use example::example_county;
pub use export::{county_workbook, export_county, export_county_as};
pub use import::{CreatedUser, OnboardOptions, OnboardReport, onboard, onboard_text, onboarding_errors};
pub use workbook::{template_workbook, workbook_bytes, workbook_text};

use butler_domain::policy::{Action, Actor, Scope, authorize};

use crate::error::AppError;
use crate::forms::{RenderedFile, XLSX};

/// The blank workbook as a file (the platform administrator).
pub fn template_file(actor: &Actor) -> Result<RenderedFile, AppError> {
    authorize(actor, Action::ManageCounties, Scope::tenant(actor.tenant_id))?;
    Ok(RenderedFile {
        file_name: "县开通工作簿模板.xlsx".to_owned(), content_type: XLSX, bytes: template_workbook()?
    })
}
