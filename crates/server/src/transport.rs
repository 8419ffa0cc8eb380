//! The delivery transport: HTTP (reqwest) for SMS gateways and robots, SMTP (lettre) for
//! e-mail. It sends what the application built and reports what it saw; URLs (which may
//! carry keys) are stripped from errors, and nothing secret is logged.

use butler_app::delivery::{Answer, HttpMethod, Outgoing, Smtp, SmtpSecurity, Transport};
use futures_util::future::BoxFuture;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// Longest reply body kept, in bytes.
const MAX_BODY: usize = 4096;

/// Sends over HTTP and SMTP with one timeout per attempt.
pub struct NetTransport {
    http: reqwest::Client,
    timeout: Duration,
    /// One pooled SMTP transport per server and account.
    smtp: Mutex<HashMap<SmtpKey, AsyncSmtpTransport<Tokio1Executor>>>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct SmtpKey {
    host: String,
    port: u16,
    security: SmtpSecurity,
    username: Option<String>,
    password: Option<String>,
}

impl NetTransport {
    pub fn new(timeout: Duration) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("project-butler")
            .build()?;
        Ok(NetTransport { http, timeout, smtp: Mutex::new(HashMap::new()) })
    }

    fn describe(err: reqwest::Error) -> Answer {
        if err.is_timeout() {
            return Answer::TimedOut;
        }
        let err = err.without_url();
        let mut text = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        Answer::Unreachable(text)
    }

    async fn http(
        &self,
        method: HttpMethod,
        url: &str,
        headers: &[(String, butler_app::delivery::Sensitive)],
        body: Option<&serde_json::Value>,
    ) -> Answer {
        let mut req = match method {
            HttpMethod::Get => self.http.get(url),
            HttpMethod::Post => self.http.post(url),
        };
        for (name, value) in headers {
            req = req.header(name.as_str(), value.expose());
        }
        if let Some(body) = body {
            req = req.json(body);
        }
        match req.send().await {
            Err(err) => Self::describe(err),
            Ok(res) => {
                let status = res.status().as_u16();
                let bytes = res.bytes().await.unwrap_or_default();
                let end = bytes.len().min(MAX_BODY);
                Answer::Http { status, body: String::from_utf8_lossy(&bytes[..end]).into_owned() }
            }
        }
    }

    fn smtp_transport(&self, smtp: &Smtp) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        let key = SmtpKey {
            host: smtp.host.clone(),
            port: smtp.port,
            security: smtp.security,
            username: smtp.username.clone(),
            password: smtp.password.as_ref().map(|p| p.expose().to_owned()),
        };
        let mut cache = self.smtp.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = cache.get(&key) {
            return Ok(t.clone());
        }
        let builder = match smtp.security {
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(smtp.host.as_str()),
            SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
                .map_err(|e| format!("SMTP server: {e}"))?,
            SmtpSecurity::Tls => {
                AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).map_err(|e| format!("SMTP server: {e}"))?
            }
        };
        let mut builder = builder.port(smtp.port).timeout(Some(self.timeout));
        if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.expose().to_owned()));
        }
        let transport = builder.build();
        cache.insert(key, transport.clone());
        Ok(transport)
    }

    async fn mail(&self, smtp: &Smtp, from: &str, to: &str, subject: &str, text: &str) -> Answer {
        let message = (|| {
            Message::builder()
                .from(from.parse().map_err(|e| format!("sender: {e}"))?)
                .to(to.parse().map_err(|e| format!("recipient: {e}"))?)
                .subject(subject)
                .header(ContentType::TEXT_PLAIN)
                .body(text.to_owned())
                .map_err(|e| format!("message: {e}"))
        })();
        let message = match message {
            Ok(m) => m,
            // An address the server cannot even write: the SMTP reply it would earn.
            Err(why) => return Answer::Smtp { code: 553, message: why },
        };
        let transport = match self.smtp_transport(smtp) {
            Ok(t) => t,
            Err(why) => return Answer::Unreachable(why),
        };
        match transport.send(message).await {
            Ok(response) => Answer::Smtp {
                code: u16::from(response.code()),
                message: response.message().collect::<Vec<_>>().join(" "),
            },
            Err(err) => match err.status() {
                Some(code) => Answer::Smtp { code: u16::from(code), message: err.to_string() },
                None if err.is_timeout() => Answer::TimedOut,
                None => Answer::Unreachable(err.to_string()),
            },
        }
    }
}

impl Transport for NetTransport {
    fn send<'a>(&'a self, message: &'a Outgoing) -> BoxFuture<'a, Answer> {
        Box::pin(async move {
            match message {
                Outgoing::Http { method, url, headers, body } => {
                    self.http(*method, url.expose(), headers, body.as_ref()).await
                }
                Outgoing::Mail { smtp, from, to, subject, text } => self.mail(smtp, from, to, subject, text).await,
            }
        })
    }
}
