//! The administrator's side of what the county publishes: the public profile (the service's
//! contacts and rules, whether it publishes, how much of the roster shows) and who is on the
//! published butler roster. Every change is audited.

use actix_web::{HttpRequest, get, put, web};
use butler_app::public::profile::{self, Profile, ProfileUpdate};
use butler_app::public::roster::{self, RosterEntry};
use butler_domain::disclosure::{Notice, RosterDisclosure};
use butler_domain::text::{Email, Name, Phone, TextError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::dto::{DepartmentRef, RoleCode};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson, rule};
use crate::fields;
use crate::middleware::request_meta;
use crate::state::AppState;

/// The county's public profile, as its administrator edits it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicProfileOut {
    /// Off: the county's public pages answer 404.
    pub published: bool,
    pub office_name: Option<String>,
    pub address: Option<String>,
    pub office_hours: Option<String>,
    pub phone: Option<String>,
    pub consultation_phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub supervision_phone: Option<String>,
    pub email: Option<String>,
    pub service_rules: Option<String>,
    /// How much of the butler roster the public sees (`none` until the county chooses).
    pub roster_disclosure: RosterDisclosure,
    /// Absent until first saved.
    pub updated_at: Option<DateTime<Utc>>,
}

impl From<Profile> for PublicProfileOut {
    fn from(p: Profile) -> Self {
        PublicProfileOut {
            published: p.published,
            office_name: p.office_name,
            address: p.address,
            office_hours: p.office_hours,
            phone: p.phone,
            consultation_phone: p.consultation_phone,
            complaint_phone: p.complaint_phone,
            supervision_phone: p.supervision_phone,
            email: p.email,
            service_rules: p.service_rules,
            roster_disclosure: p.roster_disclosure,
            updated_at: p.updated_at,
        }
    }
}

fn blank(v: &str) -> bool {
    v.trim().is_empty()
}

fn optional_name(v: &str) -> Result<(), ValidationError> {
    if blank(v) { Ok(()) } else { fields::name(v) }
}

fn optional_phone(v: &str) -> Result<(), ValidationError> {
    if blank(v) { Ok(()) } else { fields::phone(v) }
}

fn optional_email(v: &str) -> Result<(), ValidationError> {
    if blank(v) { Ok(()) } else { fields::email(v) }
}

fn optional_notice(v: &str) -> Result<(), ValidationError> {
    if blank(v) {
        return Ok(());
    }
    Notice::parse(v).map(|_| ()).map_err(|e| {
        let (code, zh, en) = fields::text_messages(&e);
        rule(code, zh, en)
    })
}

/// The whole public profile; a blank or absent text field is not published.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PublicProfileIn {
    pub published: bool,
    /// The service window's name, 1–200 characters.
    #[validate(custom(function = "optional_name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub office_name: Option<String>,
    /// At most 4000 characters.
    #[validate(custom(function = "optional_notice"))]
    pub address: Option<String>,
    /// At most 4000 characters.
    #[validate(custom(function = "optional_notice"))]
    pub office_hours: Option<String>,
    #[validate(custom(function = "optional_phone"))]
    #[schema(pattern = r"^(?: *|(?:[ -]*1[ -]*[3-9](?:[ -]*[0-9]){9}|[ ]*0(?:[ -]*[0-9]){9,11})[ -]*)$")]
    pub phone: Option<String>,
    #[validate(custom(function = "optional_phone"))]
    #[schema(pattern = r"^(?: *|(?:[ -]*1[ -]*[3-9](?:[ -]*[0-9]){9}|[ ]*0(?:[ -]*[0-9]){9,11})[ -]*)$")]
    pub consultation_phone: Option<String>,
    #[validate(custom(function = "optional_phone"))]
    #[schema(pattern = r"^(?: *|(?:[ -]*1[ -]*[3-9](?:[ -]*[0-9]){9}|[ ]*0(?:[ -]*[0-9]){9,11})[ -]*)$")]
    pub complaint_phone: Option<String>,
    #[validate(custom(function = "optional_phone"))]
    #[schema(pattern = r"^(?: *|(?:[ -]*1[ -]*[3-9](?:[ -]*[0-9]){9}|[ ]*0(?:[ -]*[0-9]){9,11})[ -]*)$")]
    pub supervision_phone: Option<String>,
    #[validate(custom(function = "optional_email"))]
    #[schema(
        pattern = r#"^(?: *| *[^\s<>,;"@\u0000-\u001F\u007F-\u009F]+@[^\s<>,;"@.\u0000-\u001F\u007F-\u009F](?:[^\s<>,;"@\u0000-\u001F\u007F-\u009F]*[^\s<>,;"@.\u0000-\u001F\u007F-\u009F])? *)$"#
    )]
    pub email: Option<String>,
    /// At most 4000 characters.
    #[validate(custom(function = "optional_notice"))]
    pub service_rules: Option<String>,
    pub roster_disclosure: RosterDisclosure,
}

/// A text field parsed by `parse` unless blank; its refusal named by `field`.
fn parsed<T>(
    field: &str,
    value: Option<String>,
    parse: impl Fn(&str) -> Result<T, TextError>,
) -> Result<Option<T>, ApiError> {
    match value {
        Some(v) if !blank(&v) => parse(&v).map(Some).map_err(|e| fields::to_api(field, e)),
        _ => Ok(None),
    }
}

impl TryFrom<PublicProfileIn> for ProfileUpdate {
    type Error = ApiError;

    fn try_from(p: PublicProfileIn) -> Result<Self, ApiError> {
        Ok(ProfileUpdate {
            published: p.published,
            office_name: parsed("office_name", p.office_name, Name::parse)?,
            address: parsed("address", p.address, Notice::parse)?,
            office_hours: parsed("office_hours", p.office_hours, Notice::parse)?,
            phone: parsed("phone", p.phone, Phone::parse)?,
            consultation_phone: parsed("consultation_phone", p.consultation_phone, Phone::parse)?,
            complaint_phone: parsed("complaint_phone", p.complaint_phone, Phone::parse)?,
            supervision_phone: parsed("supervision_phone", p.supervision_phone, Phone::parse)?,
            email: parsed("email", p.email, Email::parse)?,
            service_rules: parsed("service_rules", p.service_rules, Notice::parse)?,
            roster_disclosure: p.roster_disclosure,
        })
    }
}

/// Read the county's public profile (admin).
#[utoipa::path(
    tag = "public_admin",
    operation_id = "getPublicProfile",
    responses(
        (status = 200, description = "The profile (the defaults until first saved)", body = PublicProfileOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/public-profile")]
pub async fn get_public_profile(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<web::Json<PublicProfileOut>, ApiError> {
    Ok(web::Json(profile::get(&state.app, &auth.0).await?.into()))
}

/// Replace the county's public profile (admin, audited). The public pages show it at once
/// (shared caches within a minute).
#[utoipa::path(
    tag = "public_admin",
    operation_id = "updatePublicProfile",
    request_body = PublicProfileIn,
    responses(
        (status = 200, description = "Saved", body = PublicProfileOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/public-profile")]
pub async fn update_public_profile(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<PublicProfileIn>,
) -> Result<web::Json<PublicProfileOut>, ApiError> {
    let update = ProfileUpdate::try_from(body.0)?;
    let saved = profile::update(&state.app, &auth.0, &request_meta(&req), update).await?;
    Ok(web::Json(saved.into()))
}

/// A butler, with whether they are on the published roster.
#[derive(Debug, Serialize, ToSchema)]
pub struct RosterEntryOut {
    pub user_id: Uuid,
    pub display_name: String,
    pub role: RoleCode,
    pub department: Option<DepartmentRef>,
    pub phone: Option<String>,
    /// On the published roster (false: taken off). The county's disclosure still decides what
    /// of them shows.
    pub listed: bool,
}

impl From<RosterEntry> for RosterEntryOut {
    fn from(e: RosterEntry) -> Self {
        RosterEntryOut {
            user_id: e.user_id,
            display_name: e.display_name,
            role: e.role.into(),
            department: e.department.map(|d| DepartmentRef { id: d.id, code: d.code, name: d.name }),
            phone: e.phone,
            listed: e.listed,
        }
    }
}

/// Whether a butler shows on the published roster.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct RosterListingIn {
    pub listed: bool,
}

/// List the county's butlers (investment officers, window and department agents with open
/// accounts) with whether each is on the published roster (admin).
#[utoipa::path(
    tag = "public_admin",
    operation_id = "listPublicRosterEntries",
    responses(
        (status = 200, description = "Every butler, by department then name", body = Vec<RosterEntryOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/public-roster")]
pub async fn list_public_roster_entries(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<web::Json<Vec<RosterEntryOut>>, ApiError> {
    let entries = roster::entries(&state.app, &auth.0).await?;
    Ok(web::Json(entries.into_iter().map(RosterEntryOut::from).collect()))
}

/// Take a butler off the published roster or put them back (admin, audited).
#[utoipa::path(
    tag = "public_admin",
    operation_id = "setPublicRosterListing",
    params(("user_id" = Uuid, Path, description = "The butler's user id")),
    request_body = RosterListingIn,
    responses(
        (status = 200, description = "Saved", body = RosterEntryOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such butler in the county (an enterprise's contact, a leader, …)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/public-roster/{user_id}")]
pub async fn set_public_roster_listing(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    user_id: web::Path<Uuid>,
    body: ValidatedJson<RosterListingIn>,
) -> Result<web::Json<RosterEntryOut>, ApiError> {
    let entry =
        roster::set_listed(&state.app, &auth.0, &request_meta(&req), user_id.into_inner(), body.0.listed).await?;
    Ok(web::Json(entry.into()))
}
