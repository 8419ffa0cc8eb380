//! JSON bodies: the strict reader every body passes, and the main bodies read into their DTOs
//! and validated exactly as the `ValidatedJson` extractor does.

use butler_domain::bounds;
use butler_domain::project_code::ProjectCode;
use butler_domain::text::{Lines, unwelcome_char};
use butler_http::error::ApiError;
use butler_http::extract::{field_errors, parse_json};
use butler_http::strict_json;
use serde::de::DeserializeOwned;
use serde_json::Value;
use validator::Validate;

use super::{Target, Verdict, api_error, ensure};
use crate::mutate::Shape;

/// Names of fields and values the bodies use, for the mutations.
const JSON_TOKENS: &[&[u8]] = &[
    b"{}",
    b"[]",
    b"null",
    b"\"\"",
    b"\"2026-12-05\"",
    b"\"2026-12-05T08:00:00Z\"",
    b"\"0560-04-05\"",
    b"\"+262143-01-01\"",
    b"\"\\u0000\"",
    b"\"\\u202e\"",
    b"\"\\ud800\"",
    b"\"\\n\"",
    b"1e999",
    b"-0.0",
    b"total_investment_fen",
    b"amount_fen",
    b"project_code",
    b"credit_code",
    b"reason",
    b"items",
    b"name",
    b"note",
    b"\"2603-532326-00-01-012341\"",
    b"\"91530000MA6K5GJN9D\"",
    b"\"13800000031\"",
];

pub fn targets() -> Vec<Target> {
    vec![
        Target {
            name: "strict_json",
            about: "the strict JSON reader every body passes: one value, no unwelcome characters, plausible dates and amounts",
            shape: Shape::Json,
            dictionary: JSON_TOKENS,
            max_len: 64 * 1024,
            run: strict,
        },
        Target {
            name: "bodies",
            about: "the main request bodies ({\"<DTO>\": body}) read and validated as the extractor does, then made commands",
            shape: Shape::Json,
            dictionary: JSON_TOKENS,
            max_len: 64 * 1024,
            run: bodies,
        },
    ]
}

fn strict(input: &[u8]) -> Verdict {
    match strict_json::check(input) {
        Ok(()) => {
            let value: Value = serde_json::from_slice(input).map_err(|e| format!("accepted, yet no JSON: {e}"))?;
            accepted_invariants(&value, "")?;
            Ok("Ok".into())
        }
        Err(e) => Ok(api_error(&e)),
    }
}

/// What every accepted body holds: no string with a character no text may hold (line breaks
/// aside, which only some fields take), no implausible amount in fen.
fn accepted_invariants(value: &Value, name: &str) -> Result<(), String> {
    match value {
        Value::String(s) => ensure(unwelcome_char(s, Lines::Multi).is_none(), || format!("accepted {s:?} in {name}")),
        Value::Number(n) if name.ends_with("_fen") => {
            ensure(n.as_i64().is_none_or(bounds::plausible_fen), || format!("accepted {n} in {name}"))
        }
        Value::Array(items) => items.iter().try_for_each(|v| accepted_invariants(v, name)),
        Value::Object(fields) => fields.iter().try_for_each(|(k, v)| accepted_invariants(v, k)),
        _ => Ok(()),
    }
}

/// Reads a body as the `ValidatedJson` extractor does.
fn read<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, ApiError> {
    strict_json::check(bytes)?;
    let value = parse_json::<T>(bytes)?;
    value.validate().map_err(|e| ApiError::Validation(field_errors(&e)))?;
    Ok(value)
}

/// A body read into `T`, with the invariants every accepted `T` holds.
fn body<T: DeserializeOwned + Validate>(bytes: &[u8], holds: impl FnOnce(T) -> Result<(), String>) -> Verdict {
    match read::<T>(bytes) {
        Ok(value) => holds(value).map(|()| "Ok".into()),
        Err(e) => Ok(api_error(&e)),
    }
}

fn plausible_date(date: Option<chrono::NaiveDate>) -> Result<(), String> {
    ensure(date.is_none_or(bounds::plausible_date), || format!("accepted the date {date:?}"))
}

fn bodies(input: &[u8]) -> Verdict {
    use butler_http::case_dto as case;
    use butler_http::routes as r;
    let Ok(Value::Object(wrapper)) = serde_json::from_slice::<Value>(input) else {
        return Ok("NoWrapper".into());
    };
    let Some((name, inner)) = wrapper.iter().next() else {
        return Ok("NoBody".into());
    };
    let bytes = serde_json::to_vec(inner).map_err(|e| e.to_string())?;
    let verdict = match name.as_str() {
        "CaseIn" => body::<case::CaseIn>(&bytes, |c| {
            let command = butler_app::commands::Application::try_from(c.clone());
            let command = command.map_err(|e| format!("validated, yet no command: {e:?}"))?;
            ensure((1..=bounds::MAX_FEN).contains(&command.total_investment_fen), || {
                format!("accepted the investment {}", command.total_investment_fen)
            })?;
            plausible_date(c.agreement_signed_on)?;
            if let Some(code) = &c.project_code {
                ensure(ProjectCode::parse(code).is_ok(), || format!("accepted the project code {code:?}"))?;
            }
            Ok(())
        }),
        "CasePatch" => body::<case::CasePatch>(&bytes, |p| {
            plausible_date(p.agreement_signed_on)?;
            butler_app::commands::ApplicationPatch::try_from(p).map(drop).map_err(|e| format!("{e:?}"))
        }),
        "ReasonIn" => {
            body::<case::ReasonIn>(&bytes, |r| ensure(!r.reason.trim().is_empty(), || "accepted a blank reason".into()))
        }
        "ProjectCodeIn" => body::<case::ProjectCodeIn>(&bytes, |_| Ok(())),
        "PlanIn" => body::<case::PlanIn>(&bytes, |_| Ok(())),
        "FinishIn" => body::<case::FinishIn>(&bytes, |_| Ok(())),
        "ExtensionIn" => body::<case::ExtensionIn>(&bytes, |_| Ok(())),
        "EvaluationIn" => body::<case::EvaluationIn>(&bytes, |_| Ok(())),
        "EnterpriseIn" => body::<r::enterprises::EnterpriseIn>(&bytes, |e| {
            let code = butler_domain::credit_code::CreditCode::parse(&e.credit_code);
            ensure(code.is_ok(), || format!("accepted the credit code {:?}", e.credit_code))
        }),
        "ItemIn" => body::<r::item_versions::ItemIn>(&bytes, |_| Ok(())),
        "CalendarDayIn" => body::<r::calendar::CalendarDayIn>(&bytes, |_| Ok(())),
        "CalendarBulkIn" => body::<r::calendar_bulk::CalendarBulkIn>(&bytes, |_| Ok(())),
        "HolidayYearFileIn" => body::<r::national_calendar::HolidayYearFileIn>(&bytes, |_| Ok(())),
        "ComplaintIn" => body::<r::public_complaints::ComplaintIn>(&bytes, |_| Ok(())),
        "ConsultationIn" => body::<r::public_consultations::ConsultationIn>(&bytes, |_| Ok(())),
        "WebhookSubscriptionIn" => body::<r::webhooks::WebhookSubscriptionIn>(&bytes, |_| Ok(())),
        "UserIn" => body::<r::users::UserIn>(&bytes, |_| Ok(())),
        "MeetingIn" => body::<r::meetings::MeetingIn>(&bytes, |_| Ok(())),
        "AgencyIn" => body::<r::intermediaries::AgencyIn>(&bytes, |_| Ok(())),
        "LoginIn" => body::<butler_http::auth::handlers::LoginIn>(&bytes, |_| Ok(())),
        _ => return Ok("UnknownBody".into()),
    }?;
    Ok(format!("{name}:{verdict}"))
}
