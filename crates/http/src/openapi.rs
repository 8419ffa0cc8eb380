//! The OpenAPI document: the product's public contract.

use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Project Butler API",
        description = "项目管家: assisted handling of major investment projects (重大招商引资项目帮办代办) for county governments.\n\n\
Errors are RFC 9457 `application/problem+json` with a stable `code`; messages follow `Accept-Language` (zh-CN by default, en).\n\
Lists are paged with `limit` and an opaque `cursor`, and answer `{items, next_cursor}`.\n\
An account that holds an initial password (`must_change_password` in the login answer and `getMe`) may call only `getMe` and `changeOwnPassword` until it changes it: every other operation answers 403 `password_change_required`.\n\
Every `POST` accepts an `Idempotency-Key` header: a retry with the same key and request answers what the first answered (`Idempotent-Replayed: true`) and changes nothing; the same key with another request is refused (422 `idempotency_key_reused`).\n\
Cases and task sheets carry a `version` (also the `ETag`); send it as `If-Match` to refuse a stale write (412 `version_mismatch`).",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
        version = "1.0.0"
    ),
    servers((url = "/", description = "This server")),
    modifiers(&BearerAuth, &Webhooks),
    // Schemas used only by query parameters (IntoParams does not register them).
    components(schemas(
        crate::routes::tasks::QueueName,
        butler_domain::case::forms::FormKind,
        // What webhook messages carry (the `webhooks` section refers to them).
        butler_domain::webhook::payload::WebhookEvent,
        butler_domain::webhook::payload::ProvincialMilestone,
    )),
    security(("bearer" = [])),
    tags(
        (name = "auth", description = "Sign-in, tokens, the signed-in user"),
        (name = "tenant", description = "The caller's county and its settings (县级配置)"),
        (name = "platform", description = "The platform above the counties (平台管理): its administrators (tenant `platform`, role `platform_admin`) list, create, rename, suspend and reinstate counties, addressed by code. Only they reach these operations (anyone else: 403 `platform_only`), and they reach no county's own operation (403 `county_only`): only `/auth/…`, `getMe` and these. They also onboard a county from one workbook, export a county in the same workbook, and keep the county settings."),
        (name = "departments", description = "Departments of the county"),
        (name = "users", description = "User accounts and roles"),
        (name = "enterprises", description = "Enterprises (项目建设单位)"),
        (name = "catalog", description = "Approval items and their materials (事项及材料清单)"),
        (name = "cases", description = "The case lifecycle: application to archive, with its tamper-evident history"),
        (name = "tasks", description = "Task sheets (任务分送单) and work queues"),
        (name = "materials", description = "The materials checklist (申请材料清单): uploads, reuse (一次提交、多次复用), the department's decision (补正), the enterprise's materials"),
        (name = "files", description = "Stored files: downloads, authorised per file by the case's policy"),
        (name = "calendar", description = "The working-day calendar: national schedule and local changes (工作日历)"),
        (name = "notifications", description = "The caller's in-app notifications: reminders, escalations, notices"),
        (name = "consultations", description = "Consultations and appointments (咨询与预约): the public asks or books a time without an account; the window answers, confirms, closes or turns one into an application"),
        (name = "supervision", description = "Supervision notices (督办通知)"),
        (name = "conditions", description = "Conditions (notice / hold / lock, 信用与限制) on an enterprise by its credit code or on a case: added and lifted with a reason by the office, imported from the credit platform's list (失信名单), read by officials only"),
        (name = "complaints", description = "Complaints and reports (投诉举报): lodged and followed by the public without an account (tracking number and the mobile's last four digits in `X-Mobile-Last4`, throttled per client address), assigned, replied, closed or rejected by the office, with a reply deadline in working days"),
        (name = "intermediaries", description = "The intermediary supermarket (中介超市, 附件6): agencies with their qualifications and services kept by the office; the enterprise chooses one freely for a plan item (never imposed; an official records its written choice only with an on-behalf note), changes it before delivery with a reason; the delivery and result are recorded, then the enterprise rates the work. Expired qualifications hide an agency from choice"),
        (name = "meetings", description = "Joint meetings (联席会议): the office convenes a meeting for a case or issues across cases with departments attending and an agenda, records the minutes with decisions whose follow-up actions have owners and deadlines in working days chased by the reminder sweep; departments read the meetings they attend and settle their actions"),
        (name = "delivery", description = "Delivery beyond the inbox: channel settings (e-mail, SMS, WeCom and DingTalk robots), the delivery log and retries, each user's channels"),
        (name = "templates", description = "Message templates (消息模板): each notification kind's wording per language, with the placeholders it offers"),
        (name = "events", description = "The change feed: the county's case events in order, after a cursor"),
        (name = "forms", description = "The county's forms as Word files (附件2–9) and exports as Excel workbooks"),
        (name = "webhooks", description = "Webhook subscriptions: integrators' endpoints signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), the provincial platform's interface (一项一码 milestones), their deliveries and replay"),
        (name = "api_clients", description = "API clients (admin): third-party systems calling with a key of their own, in one role, with scopes"),
        (name = "public", description = "The public side, without a sign-in (公开, 晒权): the service's rules and contacts, the catalog in force with each item's guide, the departments, the butler roster as the county publishes it. Every answer carries a strong `ETag` and `Cache-Control: public, max-age=60` and answers 304 to a matching `If-None-Match`; each client address has a per-minute limit (429 with `Retry-After`). An unknown county, or one that does not publish, is 404"),
        (name = "public_admin", description = "What the county publishes (admin): its public profile and who is on the published butler roster"),
        (name = "admin", description = "Demo-only switches: the server clock and the reminder sweep"),
        (name = "national_calendar", description = "The national holiday schedule (国家法定节假日安排), kept by the platform administrator: each year's State Council notice imported as data, the years missing theirs"),
        (name = "audit", description = "The security audit log (审计日志, 等保 2.0): who did what, when, from where and with what outcome, read and exported by the county's admin; kept at least 180 days (the database refuses to change an entry or delete a younger one); no operation changes or deletes entries"),
        (name = "operations", description = "Health, readiness, metrics"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::builder().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
        components.add_security_scheme(
            "metrics_token",
            SecurityScheme::Http(
                Http::builder()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The monitoring system's token, configured as `BUTLER_METRICS_TOKEN`"))
                    .build(),
            ),
        );
    }
}

/// The contract's `webhooks` section: what the server POSTs to subscribed endpoints.
struct Webhooks;

impl Modify for Webhooks {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, PathItem};
        use utoipa::openapi::request_body::RequestBodyBuilder;
        use utoipa::openapi::{ContentBuilder, PathsBuilder, Ref, Required, ResponseBuilder, ResponsesBuilder};

        let header = |name: &str, description: &str| {
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Header)
                .required(Required::True)
                .description(Some(description))
                .schema(Some(utoipa::openapi::schema::Object::with_type(utoipa::openapi::schema::Type::String)))
                .build()
        };
        let message = |schema: &str, summary: &str, description: &str| {
            let operation = OperationBuilder::new()
                .summary(Some(summary))
                .description(Some(description))
                .tag("webhooks")
                .parameter(header(
                    "webhook-id",
                    "The message id: the history event's id, the same on every retry and replay (deduplicate on it)",
                ))
                .parameter(header("webhook-timestamp", "Seconds since the epoch when this attempt was signed"))
                .parameter(header(
                    "webhook-signature",
                    "`v1,` and the base64 HMAC-SHA256, keyed with the subscription's secret (after `whsec_`, base64-decoded), of `{webhook-id}.{webhook-timestamp}.{body}`",
                ))
                .request_body(Some(
                    RequestBodyBuilder::new()
                        .required(Some(Required::True))
                        .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name(schema))).build())
                        .build(),
                ))
                .responses(
                    ResponsesBuilder::new()
                        .response("2XX", ResponseBuilder::new().description("Received. Any other answer, or none within 10 seconds, is retried with exponential backoff"))
                        .build(),
                )
                .build();
            PathItem::new(HttpMethod::Post, operation)
        };
        let webhooks = PathsBuilder::new()
            .path(
                "caseEvent",
                message(
                    "WebhookEvent",
                    "A case history event, to an integrator's endpoint",
                    "Sent for every event type the subscription chose (all when it chose none), in the order they happened, signed per Standard Webhooks.",
                ),
            )
            .path(
                "provincialMilestone",
                message(
                    "ProvincialMilestone",
                    "A project milestone, to the provincial platform's interface (一项一码)",
                    "Sent for each milestone (acceptance, agreed plan, start of service, each approval result, completion or termination) of a case that carries a national project code; signed like the other webhooks.",
                ),
            )
            .build();
        openapi.webhooks = Some(webhooks);
    }
}

/// The contract as deterministic, pretty-printed JSON with sorted keys (what is committed
/// as `openapi/openapi.json`).
pub fn to_json(api: &utoipa::openapi::OpenApi) -> Result<String, serde_json::Error> {
    // Round-tripping through `Value` sorts object keys (serde_json's map is a BTreeMap).
    let value = serde_json::to_value(api)?;
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    Ok(text)
}
