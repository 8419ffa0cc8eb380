//! A county's settings (县级配置): read and changed by the county's admin (the office reads
//! them too), or by the platform admin for any county by its code; and their history.

use actix_web::{HttpRequest, get, put, web};
use butler_app::settings::{self, County, SaveSettings, SettingsVersion, SettingsView};
use butler_domain::calendar::{MonthDay, OfficeHours, OfficeInterval, OfficeTimetable, SeasonalHours};
use butler_domain::case::escalation::{EscalationPolicy, Level, Offset, Step, StepKind};
use butler_domain::settings::CountySettings;
use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{Authenticated, PlatformAdmin, ValidatedJson};
use crate::middleware::request_meta;
use crate::state::AppState;

/// One interval of office hours, local time.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OfficeSpanBody {
    /// Opening time, `HH:MM`.
    #[schema(example = "09:00", pattern = r"^([01]\d|2[0-3]):[0-5]\d$")]
    pub start: String,
    /// Closing time, `HH:MM`, after the opening.
    #[schema(example = "12:00", pattern = r"^([01]\d|2[0-3]):[0-5]\d$")]
    pub end: String,
}

/// Office hours that differ for a span of the year (summer hours).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SeasonalHoursBody {
    /// First day of the span, `MM-DD` (inclusive).
    #[schema(example = "05-01", pattern = r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]
    pub from: String,
    /// Last day of the span, `MM-DD` (inclusive); before `from`, the span runs over the new
    /// year.
    #[schema(example = "09-30", pattern = r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]
    pub until: String,
    /// The hours in the span: ordered, not overlapping.
    pub hours: Vec<OfficeSpanBody>,
}

/// Office hours through the year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OfficeTimetableBody {
    /// The hours outside any seasonal span: ordered, not overlapping.
    pub standard: Vec<OfficeSpanBody>,
    /// Hours of a span of the year, if the county keeps them.
    #[serde(default)]
    pub seasonal: Option<SeasonalHoursBody>,
}

/// The unit of a step's offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OffsetUnit {
    /// Office minutes (−5000 to 5000).
    OfficeMinutes,
    /// Whole working days of office time (−60 to 60).
    WorkingDays,
}

/// One step of a chasing ladder.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LadderStepBody {
    /// Stable code, lower-case snake_case, unique in the ladder (part of the step's key).
    #[schema(example = "escalate_office", pattern = "^[a-z][a-z0-9_]{0,39}$")]
    pub code: String,
    pub kind: StepKind,
    /// Who is told.
    pub notify: Level,
    /// Where the step lies from the deadline: negative before (a reminder), 0 at it, positive
    /// after (an escalation).
    #[schema(minimum = -5000, maximum = 5000, example = 3)]
    pub offset: i64,
    pub unit: OffsetUnit,
}

/// A county's settings, all of them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountySettingsBody {
    pub office_hours: OfficeTimetableBody,
    /// A dispatched sheet is acknowledged within this many office minutes (30 by default).
    #[schema(minimum = 5, maximum = 480, example = 30)]
    pub acknowledge_within_minutes: u32,
    /// The ladder chasing an acknowledgement (1–12 steps).
    pub acknowledgement_ladder: Vec<LadderStepBody>,
    /// The ladder chasing every other deadline (1–12 steps).
    pub finishing_ladder: Vec<LadderStepBody>,
    /// A bad review's rectification is answered within this many working days (15).
    #[schema(minimum = 1, maximum = 60, example = 15)]
    pub rectification_working_days: u32,
    /// The project-wide target in working days (120).
    #[schema(minimum = 1, maximum = 750, example = 120)]
    pub target_working_days: u32,
    /// The smallest total investment served, in fen (5,000,000,000 = 5000 万元).
    #[schema(minimum = 0, maximum = 100_000_000_000_000_i64, example = 5_000_000_000_i64)]
    pub investment_threshold_fen: i64,
    /// What case numbers start with (`DY` gives `DY-2026-0001`); null: the county's code in
    /// capitals.
    #[serde(default)]
    #[schema(pattern = "^[A-Z0-9](?:[A-Z0-9-]{0,10}[A-Z0-9])?$", max_length = 12, example = "DY")]
    pub case_number_prefix: Option<String>,
}

/// A change of a county's settings.
#[derive(Debug, Deserialize, ToSchema, Validate)]
pub struct CountySettingsIn {
    /// The version the settings were read at (0: the defaults); another version in force
    /// answers 412 `version_mismatch` and changes nothing.
    #[schema(minimum = 0, example = 0)]
    pub version: i32,
    pub settings: CountySettingsBody,
    /// Why (kept with the version; at most 500 characters).
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

/// A county's settings in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountySettingsOut {
    /// The county's code.
    pub county: String,
    /// The version in force (0: the defaults, never changed).
    pub version: i32,
    pub settings: CountySettingsBody,
    /// When the version in force was saved (null for the defaults).
    pub saved_at: Option<DateTime<Utc>>,
    pub saved_by: Option<Uuid>,
    pub note: Option<String>,
}

/// One setting a version changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettingChangeOut {
    /// The setting's path, e.g. `acknowledge_within_minutes`, `office_hours.seasonal`.
    pub field: String,
    /// Its value before (JSON; null when absent).
    pub from: serde_json::Value,
    /// Its value after.
    pub to: serde_json::Value,
}

/// One version of a county's settings.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsVersionOut {
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<Uuid>,
    pub created_by_name: Option<String>,
    pub note: Option<String>,
    /// What it changed from the version before (the defaults before version 1).
    pub changes: Vec<SettingChangeOut>,
    /// It applies to deadlines opened from its saving on; this many deadlines running now
    /// were opened under an earlier version and keep its rules.
    pub running_on_earlier_versions: i64,
}

fn span_out(i: &OfficeInterval) -> OfficeSpanBody {
    OfficeSpanBody { start: i.start.format("%H:%M").to_string(), end: i.end.format("%H:%M").to_string() }
}

fn step_out(s: &Step) -> LadderStepBody {
    let (offset, unit) = match s.offset {
        Offset::OfficeMinutes(m) => (m, OffsetUnit::OfficeMinutes),
        Offset::WorkingDays(d) => (i64::from(d), OffsetUnit::WorkingDays),
    };
    LadderStepBody { code: s.code.clone(), kind: s.kind, notify: s.notify, offset, unit }
}

impl From<&CountySettings> for CountySettingsBody {
    fn from(s: &CountySettings) -> Self {
        let spans = |h: &OfficeHours| h.intervals().iter().map(span_out).collect();
        CountySettingsBody {
            office_hours: OfficeTimetableBody {
                standard: spans(&s.office_hours.standard),
                seasonal: s.office_hours.seasonal.as_ref().map(|x| SeasonalHoursBody {
                    from: x.from.to_string(),
                    until: x.until.to_string(),
                    hours: spans(&x.hours),
                }),
            },
            acknowledge_within_minutes: s.acknowledge_within_minutes,
            acknowledgement_ladder: s.acknowledgement_ladder.steps.iter().map(step_out).collect(),
            finishing_ladder: s.finishing_ladder.steps.iter().map(step_out).collect(),
            rectification_working_days: s.rectification_working_days,
            target_working_days: s.target_working_days,
            investment_threshold_fen: s.investment_threshold_fen,
            case_number_prefix: s.case_number_prefix.clone(),
        }
    }
}

fn bad(field: String, code: &str, zh: &str, en: &str) -> FieldError {
    FieldError::new(field, code, zh, en)
}

fn hours_in(path: &str, spans: &[OfficeSpanBody], errors: &mut Vec<FieldError>) -> Option<OfficeHours> {
    let time = |v: &str| NaiveTime::parse_from_str(v, "%H:%M").ok().filter(|_| v.len() == 5);
    let mut intervals = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        for (name, value) in [("start", &s.start), ("end", &s.end)] {
            if time(value).is_none() {
                errors.push(bad(
                    format!("{path}[{i}].{name}"),
                    "time_format",
                    "时间须写作 HH:MM",
                    "a time is written HH:MM",
                ));
            }
        }
        if let (Some(start), Some(end)) = (time(&s.start), time(&s.end)) {
            intervals.push(OfficeInterval { start, end });
        }
    }
    if intervals.len() != spans.len() {
        return None;
    }
    match OfficeHours::new(intervals) {
        Ok(h) => Some(h),
        Err(_) => {
            errors.push(bad(
                path.to_owned(),
                "office_hours",
                "办公时段至少一段，每段结束晚于开始，按时间先后且互不重叠",
                "at least one interval, each ending after it starts, in order and not overlapping",
            ));
            None
        }
    }
}

fn ladder_in(path: &str, steps: &[LadderStepBody], errors: &mut Vec<FieldError>) -> EscalationPolicy {
    let steps = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let offset = match s.unit {
                OffsetUnit::OfficeMinutes => Offset::OfficeMinutes(s.offset),
                OffsetUnit::WorkingDays => Offset::WorkingDays(i32::try_from(s.offset).unwrap_or_else(|_| {
                    errors.push(bad(
                        format!("{path}.steps[{i}].offset"),
                        "step_offset",
                        "偏移超出范围",
                        "the offset is out of range",
                    ));
                    0
                })),
            };
            Step { code: s.code.clone(), kind: s.kind, notify: s.notify, offset }
        })
        .collect();
    EscalationPolicy { steps }
}

fn month_day(path: String, v: &str, errors: &mut Vec<FieldError>) -> Option<MonthDay> {
    v.parse()
        .map_err(|_| errors.push(bad(path, "month_day", "日期须写作 MM-DD", "a day of the year is written MM-DD")))
        .ok()
}

/// The domain's settings from the body; the bounds are the domain's to check (by field).
impl TryFrom<CountySettingsBody> for CountySettings {
    type Error = ApiError;

    fn try_from(b: CountySettingsBody) -> Result<Self, ApiError> {
        let mut errors = Vec::new();
        let standard = hours_in("office_hours.standard", &b.office_hours.standard, &mut errors);
        let seasonal = b.office_hours.seasonal.as_ref().map(|s| {
            let from = month_day("office_hours.seasonal.from".into(), &s.from, &mut errors);
            let until = month_day("office_hours.seasonal.until".into(), &s.until, &mut errors);
            let hours = hours_in("office_hours.seasonal.hours", &s.hours, &mut errors);
            (from, until, hours)
        });
        let acknowledgement_ladder = ladder_in("acknowledgement_ladder", &b.acknowledgement_ladder, &mut errors);
        let finishing_ladder = ladder_in("finishing_ladder", &b.finishing_ladder, &mut errors);
        let seasonal = match seasonal {
            Some((Some(from), Some(until), Some(hours))) => Some(SeasonalHours { from, until, hours }),
            _ => None,
        };
        match standard {
            Some(standard) if errors.is_empty() => Ok(CountySettings {
                office_hours: OfficeTimetable { standard, seasonal },
                acknowledge_within_minutes: b.acknowledge_within_minutes,
                acknowledgement_ladder,
                finishing_ladder,
                rectification_working_days: b.rectification_working_days,
                target_working_days: b.target_working_days,
                investment_threshold_fen: b.investment_threshold_fen,
                case_number_prefix: b.case_number_prefix,
            }),
            _ => Err(ApiError::Validation(errors)),
        }
    }
}

impl From<SettingsView> for CountySettingsOut {
    fn from(v: SettingsView) -> Self {
        CountySettingsOut {
            county: v.county,
            version: v.version,
            settings: (&v.settings).into(),
            saved_at: v.saved_at,
            saved_by: v.saved_by,
            note: v.note,
        }
    }
}

impl From<SettingsVersion> for SettingsVersionOut {
    fn from(v: SettingsVersion) -> Self {
        SettingsVersionOut {
            version: v.version,
            created_at: v.created_at,
            created_by: v.created_by,
            created_by_name: v.created_by_name,
            note: v.note,
            changes: v
                .changes
                .into_iter()
                .map(|c| SettingChangeOut { field: c.field, from: c.from, to: c.to })
                .collect(),
            running_on_earlier_versions: v.running_on_earlier_versions,
        }
    }
}

async fn save(
    state: &AppState,
    auth: &Authenticated,
    req: &HttpRequest,
    county: County<'_>,
    body: CountySettingsIn,
) -> Result<web::Json<CountySettingsOut>, ApiError> {
    let cmd = SaveSettings { expected_version: body.version, settings: body.settings.try_into()?, note: body.note };
    let now = state.app.now();
    Ok(web::Json(settings::save(&state.app, &auth.0, county, &request_meta(req), cmd, now).await?.into()))
}

async fn history(
    state: &AppState,
    auth: &Authenticated,
    county: County<'_>,
) -> Result<web::Json<Vec<SettingsVersionOut>>, ApiError> {
    Ok(web::Json(settings::history(&state.app, &auth.0, county).await?.into_iter().map(Into::into).collect()))
}

/// The county's settings in force (admin and office).
#[utoipa::path(
    tag = "tenant",
    operation_id = "getCountySettings",
    responses(
        (status = 200, description = "The settings in force", body = CountySettingsOut),
        (status = 403, description = "Neither the admin nor the office", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tenant/settings")]
pub async fn get_county_settings(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<web::Json<CountySettingsOut>, ApiError> {
    Ok(web::Json(settings::get(&state.app, &auth.0, County::Own).await?.into()))
}

/// Change the county's settings (admin; audited): a new version, applied to deadlines opened
/// from now on; running deadlines keep the version they were opened under.
#[utoipa::path(
    tag = "tenant",
    operation_id = "putCountySettings",
    request_body = CountySettingsIn,
    responses(
        (status = 200, description = "The settings now in force", body = CountySettingsOut),
        (status = 403, description = "Not the admin", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Another version is in force now", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad settings, by field; nothing stored", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/tenant/settings")]
pub async fn put_county_settings(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<CountySettingsIn>,
) -> Result<web::Json<CountySettingsOut>, ApiError> {
    save(&state, &auth, &req, County::Own, body.0).await
}

/// Every version of the county's settings, newest first (admin and office).
#[utoipa::path(
    tag = "tenant",
    operation_id = "listCountySettingsHistory",
    responses(
        (status = 200, description = "The versions, newest first", body = [SettingsVersionOut]),
        (status = 403, description = "Neither the admin nor the office", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tenant/settings/history")]
pub async fn list_county_settings_history(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<web::Json<Vec<SettingsVersionOut>>, ApiError> {
    history(&state, &auth, County::Own).await
}

/// A county's settings in force (platform admin).
#[utoipa::path(
    tag = "platform",
    operation_id = "getPlatformCountySettings",
    params(("code" = String, Path, description = "The county's code")),
    responses(
        (status = 200, description = "The settings in force", body = CountySettingsOut),
        (status = 403, description = "Not the platform admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such county", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/platform/counties/{code}/settings")]
pub async fn get_platform_county_settings(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    code: web::Path<String>,
) -> Result<web::Json<CountySettingsOut>, ApiError> {
    let auth = Authenticated(auth.0);
    Ok(web::Json(settings::get(&state.app, &auth.0, County::Code(&code)).await?.into()))
}

/// Change a county's settings (platform admin; audited), as the county's admin would.
#[utoipa::path(
    tag = "platform",
    operation_id = "putPlatformCountySettings",
    params(("code" = String, Path, description = "The county's code")),
    request_body = CountySettingsIn,
    responses(
        (status = 200, description = "The settings now in force", body = CountySettingsOut),
        (status = 403, description = "Not the platform admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such county", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Another version is in force now", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad settings, by field; nothing stored", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/platform/counties/{code}/settings")]
pub async fn put_platform_county_settings(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    req: HttpRequest,
    code: web::Path<String>,
    body: ValidatedJson<CountySettingsIn>,
) -> Result<web::Json<CountySettingsOut>, ApiError> {
    let auth = Authenticated(auth.0);
    save(&state, &auth, &req, County::Code(&code), body.0).await
}

/// Every version of a county's settings, newest first (platform admin).
#[utoipa::path(
    tag = "platform",
    operation_id = "listPlatformCountySettingsHistory",
    params(("code" = String, Path, description = "The county's code")),
    responses(
        (status = 200, description = "The versions, newest first", body = [SettingsVersionOut]),
        (status = 403, description = "Not the platform admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such county", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/platform/counties/{code}/settings/history")]
pub async fn list_platform_county_settings_history(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    code: web::Path<String>,
) -> Result<web::Json<Vec<SettingsVersionOut>>, ApiError> {
    let auth = Authenticated(auth.0);
    history(&state, &auth, County::Code(&code)).await
}
