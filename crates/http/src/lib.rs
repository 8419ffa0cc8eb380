//! The HTTP API of Project Butler: actix-web handlers, authentication, problem+json
//! errors, the OpenAPI contract, and the built web app.
//!
//! Routes are registered only through `utoipa_actix_web`, so the contract cannot miss one.

pub mod auth;
pub mod case_dto;
pub mod case_out;
pub mod client_addr;
pub mod client_scopes;
pub mod commands;
pub mod compress;
mod contract_requests;
pub mod contract_truth;
pub mod download;
pub mod dto;
pub mod error;
pub mod extract;
pub mod extract_headers;
pub mod fields;
pub mod i18n;
pub mod idempotent;
pub mod limiter;
pub mod material_dto;
pub mod methods;
pub mod metrics;
pub mod middleware;
pub mod multipart;
pub mod openapi;
pub mod problem_code;
pub mod public;
pub mod role_gate;
pub mod routes;
pub mod safe_headers;
pub mod state;
pub mod strict_json;
pub mod web;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{App, web as aweb};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::SwaggerUi;

pub use state::{AppState, AuthSettings};

/// Registers every route of the API on `app` and returns the app with its contract.
fn routes<T>(app: utoipa_actix_web::UtoipaApp<T>) -> utoipa_actix_web::UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    use routes::*;
    app.service(health::healthz).service(health::readyz).service(health::metrics).service(
        scope("/api/v1")
            .service(auth::handlers::login)
            .service(auth::handlers::refresh_token)
            .service(auth::handlers::logout)
            .service(auth::handlers::get_me)
            .service(auth::own_password::change_own_password)
            .configure(routes::platform::register)
            .configure(routes::audit::register)
            .service(tenant::get_tenant)
            .service(tenant::put_tenant_target)
            .service(county_settings::get_county_settings)
            .service(county_settings::put_county_settings)
            .service(county_settings::list_county_settings_history)
            .service(county_settings::get_platform_county_settings)
            .service(county_settings::put_platform_county_settings)
            .service(county_settings::list_platform_county_settings_history)
            .service(departments::list_departments)
            .service(departments::create_department)
            .service(users::list_users)
            .service(users::get_user)
            .service(users::create_user)
            .service(users::update_user)
            .service(personal_numbers::reveal_personal_number)
            .service(enterprises::list_enterprises)
            .service(enterprises::get_enterprise)
            .service(enterprises::create_enterprise)
            .service(items::list_items)
            .service(catalog_workbook::export_items)
            .service(catalog_workbook::import_catalog)
            .service(onboarding::onboard_county)
            .service(onboarding::export_county_workbook)
            .service(onboarding::get_onboarding_template)
            .service(items::get_item)
            .service(item_versions::create_item)
            .service(item_versions::new_item_version)
            .service(item_versions::list_item_versions)
            .service(item_versions::update_item)
            .service(item_versions::discard_item)
            .service(item_versions::publish_item)
            .service(item_versions::retire_item)
            .service(calendar::list_calendar_days)
            .service(calendar::put_calendar_day)
            .service(calendar::delete_calendar_day)
            .service(calendar_bulk::put_calendar_days_bulk)
            .service(calendar_bulk::import_calendar_days)
            .service(national_calendar::get_national_calendar)
            .service(national_calendar::put_national_calendar_year)
            .service(national_calendar::import_national_calendar_year)
            .service(notifications::list_notifications)
            .service(notifications::mark_notification_read)
            .service(supervision::issue_supervision_notice)
            .service(supervision::list_supervision_notices)
            .service(supervision::get_sheet_statistics)
            .service(analytics::get_time_split)
            .service(analytics::list_case_forecasts)
            .service(analytics::export_analytics)
            .service(complaints::get_complaint_statistics)
            .service(forms::export_sheet_statistics)
            .service(public_complaints::lodge_complaint)
            .service(public_complaints::follow_complaint)
            .service(public_complaints::rate_complaint)
            .service(complaints::list_complaints)
            .service(complaints::get_complaint)
            .service(complaints::assign_complaint)
            .service(complaints::reply_complaint)
            .service(complaints::close_complaint)
            .service(complaints::reject_complaint)
            .service(meetings::list_meetings)
            .service(meetings::convene_meeting)
            .service(meetings::get_meeting)
            .service(meetings::edit_meeting)
            .service(meetings::record_meeting_minutes)
            .service(meetings::close_meeting)
            .service(meetings::cancel_meeting)
            .service(meeting_actions::list_meeting_actions)
            .service(meeting_actions::complete_meeting_action)
            .service(meeting_actions::drop_meeting_action)
            .service(admin::advance_clock)
            .service(admin::run_scheduler)
            .service(delivery::get_channel_settings)
            .service(delivery::put_channel_settings)
            .service(delivery::test_channel)
            .service(delivery::list_deliveries)
            .service(delivery::get_delivery)
            .service(delivery::retry_delivery)
            .service(delivery::replay_delivery)
            .service(delivery::get_notification_preferences)
            .service(delivery::put_notification_preferences)
            .service(templates::list_message_templates)
            .service(templates::put_message_template)
            .service(templates::delete_message_template)
            .service(api_clients::list_api_clients)
            .service(api_clients::create_api_client)
            .service(api_clients::get_api_client)
            .service(api_clients::rotate_api_client)
            .service(api_clients::revoke_api_client)
            .service(cases::create_case)
            .service(cases::list_cases)
            .service(forms::export_cases)
            .service(forms::download_case_form)
            .service(forms::download_case_plan_workbook)
            .service(cases::get_case)
            .service(cases::update_case)
            .service(cases::set_project_code)
            .service(events::list_events)
            .service(cases::submit_case)
            .service(cases::return_case)
            .service(cases::review_case)
            .service(cases::accept_case)
            .service(cases::reject_case)
            .service(cases::form_team)
            .service(cases::propose_plan)
            .service(cases::agree_plan)
            .service(cases::sign_agreement)
            .service(cases::dispatch_tasks)
            .service(cases::complete_case)
            .service(cases::terminate_case)
            .service(cases::confirm_case)
            .service(cases::evaluate_case)
            .service(cases::archive_case)
            .service(cases::reopen_case)
            .service(case_history::check_dossier)
            .service(case_history::get_case_timeline)
            .service(case_history::verify_case_history)
            .service(dossier::download_case_dossier)
            .service(aftercare::schedule_follow_up)
            .service(aftercare::record_follow_up)
            .service(aftercare::list_evaluations)
            .service(aftercare::list_follow_ups)
            .service(aftercare::list_rectifications)
            .service(aftercare::list_open_rectifications)
            .service(aftercare::reply_rectification)
            .configure(fees_prereview::configure)
            .service(tasks::list_tasks)
            .service(tasks::get_task)
            .service(tasks::acknowledge_task)
            .service(tasks::request_correction)
            .service(tasks::supply_correction)
            .service(tasks::supply_missing_materials)
            .service(tasks::extend_task)
            .service(tasks::finish_task)
            .service(tasks::send_back_task)
            .service(tasks::redispatch_task)
            .service(tasks::transfer_task)
            .service(tasks::record_result_notice)
            .service(files::attach_result_document)
            .service(files::download_file)
            .service(materials::get_case_materials)
            .service(materials::upload_case_material)
            .service(materials::reuse_case_material)
            .service(materials::decide_case_material)
            .service(materials::list_enterprise_materials)
            .service(webhooks::list_webhook_subscriptions)
            .service(webhooks::create_webhook_subscription)
            .service(webhooks::get_webhook_subscription)
            .service(webhooks::update_webhook_subscription)
            .service(webhooks::delete_webhook_subscription)
            .service(webhooks::rotate_webhook_secret)
            .service(public_consultations::submit_consultation)
            .service(public_consultations::list_consultation_slots)
            .service(consultations::list_consultations)
            .service(consultations::get_consultation)
            .service(consultations::answer_consultation)
            .service(consultations::confirm_consultation)
            .service(consultations::close_consultation)
            .service(consultations::convert_consultation)
            .configure(conditions::register)
            .configure(intermediaries::register)
            // The public side (no sign-in) and what the administrator publishes.
            .service(routes::public::get_public_service)
            .service(routes::public::list_public_items)
            .service(routes::public::get_public_item)
            .service(routes::public::list_public_departments)
            .service(routes::public::list_public_roster)
            .service(routes::public_admin::get_public_profile)
            .service(routes::public_admin::update_public_profile)
            .service(routes::public_admin::list_public_roster_entries)
            .service(routes::public_admin::set_public_roster_listing),
    )
}

/// The OpenAPI contract, without starting a server.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut api) = routes(App::new().into_utoipa_app().openapi(openapi::ApiDoc::openapi())).split_for_parts();
    client_scopes::ClientSecurity.modify(&mut api);
    contract_truth::SharedAnswers.modify(&mut api);
    api
}

/// The whole application for one worker: API, contract, explorer, and the web app.
pub fn app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let web_dir = state.web_dir.clone();
    let (app, api) = routes(
        App::new()
            // The contract itself, before the `/api/v1` scope so that it wins the match.
            .route("/api/v1/openapi.json", aweb::get().to(serve_contract))
            .into_utoipa_app()
            .openapi(openapi::ApiDoc::openapi())
            .app_data(aweb::Data::new(state))
            .app_data(aweb::QueryConfig::default().error_handler(extract::query_error))
            .app_data(aweb::PathConfig::default().error_handler(extract::path_error))
            .app_data(extract::payload_config())
            .app_data(aweb::JsonConfig::default().limit(extract::JSON_LIMIT).error_handler(extract::json_error)),
    )
    .split_for_parts();
    // The contract is the same for every worker of the process: the first renders it, the
    // others share it (rendering goes through a map of some megabytes per worker otherwise).
    let (contract, known) = SERVED_CONTRACT
        .get_or_init(|| {
            let mut api = api;
            client_scopes::ClientSecurity.modify(&mut api);
            contract_truth::SharedAnswers.modify(&mut api);
            let json = ContractJson(aweb::Bytes::from(openapi::to_json(&api).unwrap_or_default()));
            (aweb::Data::new(json), aweb::Data::new(methods::KnownPaths::of(&api)))
        })
        .clone();
    let mut app = app
        .app_data(contract)
        .app_data(known)
        .service(
            SwaggerUi::new("/docs/{_:.*}")
                .config(utoipa_swagger_ui::Config::new(["/api/v1/openapi.json"]).validator_url("none")),
        )
        .service(aweb::redirect("/docs", "/docs/"))
        .default_service(aweb::to(not_found));
    if let Some(files) = web_dir.as_deref().and_then(web::spa) {
        app = app.service(files);
    }
    app.wrap(actix_web::middleware::from_fn(methods::complete_405))
        .wrap(actix_web::middleware::from_fn(idempotent::middleware))
        .wrap(actix_web::middleware::from_fn(auth::first::authenticate_first))
        // Safe defaults (security headers, caching), then compression of what they let out.
        .wrap(actix_web::middleware::from_fn(safe_headers::middleware))
        .wrap(actix_web::middleware::from_fn(compress::middleware))
        .wrap(actix_web::middleware::from_fn(middleware::observe))
}

/// The contract as served, rendered once per process.
struct ContractJson(aweb::Bytes);

/// The served contract and the paths it knows, shared by every worker.
static SERVED_CONTRACT: std::sync::OnceLock<(aweb::Data<ContractJson>, aweb::Data<methods::KnownPaths>)> =
    std::sync::OnceLock::new();

async fn serve_contract(contract: aweb::Data<ContractJson>) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok().content_type("application/json").body(contract.0.clone())
}

/// No route took the request: 405 with `Allow` for a path of the contract called with
/// another method, else 404.
async fn not_found(req: actix_web::HttpRequest) -> Result<actix_web::HttpResponse, error::ApiError> {
    let allowed = req.app_data::<aweb::Data<methods::KnownPaths>>().and_then(|known| known.allowed(req.path()));
    match allowed {
        Some(allow) if !allow.contains(&req.method().as_str()) => Err(error::ApiError::MethodNotAllowed { allow }),
        _ => Err(error::ApiError::NotFound),
    }
}
