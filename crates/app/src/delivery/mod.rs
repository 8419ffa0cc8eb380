//! Delivery of notifications beyond the inbox: e-mail, SMS, WeCom and DingTalk robots (and,
//! through the same outbox, the webhooks and the provincial platform of later changes).
//!
//! - [`enqueue`]: `notify()` writes, in the transaction of the notification, one delivery per
//!   external channel the recipient's preferences (or their role's defaults) choose for the
//!   notification's topic, when the tenant has the channel enabled and the recipient has the
//!   address; quiet hours set when it may first go.
//! - [`drain`]: the worker claims due deliveries with a lease, builds each message
//!   ([`compose`]) as an [`Outgoing`] value, hands it to the [`Transport`] the binary
//!   installed (this crate has no HTTP or SMTP client), lets the domain classify the answer
//!   and records the attempt and the new state fenced by the lease.
//! - [`admin`]: channel settings (secrets shown only as set or not), a test message, the
//!   delivery log and the retry of a dead delivery; [`preferences`]: each user's channels.

pub mod admin;
pub mod compose;
pub mod config;
pub mod drain;
pub mod enqueue;
pub mod preferences;
pub mod sign;

use butler_domain::delivery::{AttemptOutcome, Channel, RetryPolicy};
use chrono::{DateTime, TimeDelta, Utc};
use futures_util::future::BoxFuture;
use std::fmt;
use std::sync::Arc;

/// Text that must never be shown: a secret, or a URL or header carrying one. `Debug` and
/// `Display` print `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive(String);

impl Sensitive {
    pub fn new(text: impl Into<String>) -> Self {
        Sensitive(text.into())
    }

    /// The text itself, for the transport.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Sensitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Sensitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// How an SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// Plain SMTP (a local relay, a test server).
    None,
    /// Plain, upgraded with STARTTLS (port 587).
    #[default]
    Starttls,
    /// TLS from the start (port 465).
    Tls,
}

/// The SMTP server a message goes through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<Sensitive>,
}

/// One message to send, built by the application and sent by the binary's transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outgoing {
    /// An HTTP `POST` (or `GET` with an empty body) to a gateway or robot.
    Http {
        method: HttpMethod,
        /// May carry a key or signature.
        url: Sensitive,
        /// Header names and values (a bearer token among them).
        headers: Vec<(String, Sensitive)>,
        /// `application/json` body, or empty for a `GET`.
        body: Option<serde_json::Value>,
    },
    /// An e-mail.
    Mail { smtp: Smtp, from: String, to: String, subject: String, text: String },
}

/// The HTTP method of an [`Outgoing::Http`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
}

/// What the transport saw of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// An HTTP status and the body's text.
    Http { status: u16, body: String },
    /// The SMTP server's final reply.
    Smtp { code: u16, message: String },
    /// No connection; why (no URL in it).
    Unreachable(String),
    /// No answer in time.
    TimedOut,
    /// This server has no transport for the message.
    NoTransport,
}

/// Sends what the application built. Implemented by the binary (HTTP and SMTP clients);
/// the default answers [`Answer::NoTransport`].
pub trait Transport: Send + Sync {
    fn send<'a>(&'a self, message: &'a Outgoing) -> BoxFuture<'a, Answer>;
}

/// The transport of a server that sends nothing.
#[derive(Debug, Default)]
pub struct NoTransport;

impl Transport for NoTransport {
    fn send<'a>(&'a self, _: &'a Outgoing) -> BoxFuture<'a, Answer> {
        Box::pin(async { Answer::NoTransport })
    }
}

/// One attempt's result, before it is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tried {
    pub outcome: AttemptOutcome,
    /// The HTTP status or SMTP reply code.
    pub status: Option<i32>,
    /// The provider's answer (secrets redacted).
    pub answer: Option<String>,
    /// Why it failed (secrets redacted).
    pub error: Option<String>,
    pub started_at: DateTime<Utc>,
    pub duration_ms: i64,
}

impl Tried {
    /// Nothing was sent at `at`: `error` says why.
    pub fn refused(outcome: AttemptOutcome, error: String, at: DateTime<Utc>) -> Self {
        Tried { outcome, status: None, answer: None, error: Some(error), started_at: at, duration_ms: 0 }
    }
}

/// How the worker works: the retry policy, the batch claimed at once, the sends in flight,
/// the lease of a claim, and the channels this server sends.
#[derive(Clone)]
pub struct Delivery {
    pub transport: Arc<dyn Transport>,
    pub policy: RetryPolicy,
    /// Deliveries claimed per query.
    pub batch: u64,
    /// Sends in flight at once.
    pub concurrency: usize,
    /// How long a claim holds a delivery (longer than a send may take).
    pub lease: TimeDelta,
    /// When a failing webhook endpoint is switched off.
    pub webhook_disable: butler_domain::webhook::DisableRule,
}

impl Default for Delivery {
    fn default() -> Self {
        Delivery {
            transport: Arc::new(NoTransport),
            policy: RetryPolicy::default(),
            batch: 100,
            concurrency: 8,
            lease: TimeDelta::minutes(2),
            webhook_disable: butler_domain::webhook::DisableRule::default(),
        }
    }
}

impl fmt::Debug for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Delivery")
            .field("policy", &self.policy)
            .field("batch", &self.batch)
            .field("concurrency", &self.concurrency)
            .field("lease", &self.lease)
            .field("webhook_disable", &self.webhook_disable)
            .finish_non_exhaustive()
    }
}

/// The channels the worker sends: notifications' channels, integrators' webhooks and the
/// provincial platform.
pub const SENT_CHANNELS: [Channel; 6] =
    [Channel::Email, Channel::Sms, Channel::Wecom, Channel::Dingtalk, Channel::Webhook, Channel::Provincial];
