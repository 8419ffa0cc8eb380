//! A tenant's settings of one channel: what may be shown ([`ChannelSettings`]) and the secrets
//! kept apart ([`ChannelSecrets`]), checked field by field when an administrator saves them.

use butler_domain::delivery::Channel;
use serde::{Deserialize, Serialize};

use super::SmtpSecurity;
use crate::FieldError;

/// The SMS providers a tenant may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmsProvider {
    /// Alibaba Cloud SMS (dysmsapi `SendSms`, RPC style, HMAC-SHA1 signed).
    Aliyun,
    /// Any gateway taking `POST {endpoint}` with `{to, content, kind}` and a bearer token.
    Generic,
}

impl SmsProvider {
    fn parse(code: &str) -> Option<Self> {
        match code {
            "aliyun" => Some(SmsProvider::Aliyun),
            "generic" => Some(SmsProvider::Generic),
            _ => None,
        }
    }
}

/// What the API shows of a channel's settings; which fields a channel uses is told per field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelSettings {
    /// The gateway or robot's base URL (SMS, WeCom, DingTalk); a default for the public
    /// services when empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// SMS: `aliyun` or `generic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<SmsProvider>,
    /// SMS (Alibaba Cloud): the AccessKey id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key_id: Option<String>,
    /// SMS (Alibaba Cloud): the approved signature (签名).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_name: Option<String>,
    /// SMS (Alibaba Cloud): the approved template, with a `${content}` parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_code: Option<String>,
    /// E-mail: the SMTP host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// E-mail: the SMTP port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// E-mail: how the connection is secured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<SmtpSecurity>,
    /// E-mail: the SMTP user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// E-mail: the sender address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// A channel's secrets: never shown, never logged, blanked out of what receivers answer.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelSecrets {
    /// E-mail: the SMTP password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// SMS: the Alibaba Cloud AccessKey secret, or the generic gateway's bearer token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// WeCom: the robot's webhook key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// DingTalk: the robot's access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// DingTalk: the robot's signing secret (加签).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_secret: Option<String>,
}

impl std::fmt::Debug for ChannelSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChannelSecrets(***)")
    }
}

impl ChannelSecrets {
    /// The names of the secrets that are set.
    pub fn names_set(&self) -> Vec<&'static str> {
        let mut set = Vec::new();
        for (name, value) in self.fields() {
            if value.is_some_and(|v| !v.is_empty()) {
                set.push(name);
            }
        }
        set
    }

    fn fields(&self) -> [(&'static str, Option<&String>); 5] {
        [
            ("password", self.password.as_ref()),
            ("secret", self.secret.as_ref()),
            ("key", self.key.as_ref()),
            ("access_token", self.access_token.as_ref()),
            ("sign_secret", self.sign_secret.as_ref()),
        ]
    }

    /// Every secret's value (to blank out of answers and errors).
    pub fn values(&self) -> Vec<&str> {
        self.fields().into_iter().filter_map(|(_, v)| v.map(String::as_str)).filter(|v| !v.is_empty()).collect()
    }

    /// `self` with each secret left empty taken from `stored` (an empty secret in a save
    /// keeps the stored one).
    pub fn or_stored(self, stored: &ChannelSecrets) -> ChannelSecrets {
        let keep = |new: Option<String>, old: &Option<String>| match new {
            Some(v) if !v.is_empty() => Some(v),
            _ => old.clone(),
        };
        ChannelSecrets {
            password: keep(self.password, &stored.password),
            secret: keep(self.secret, &stored.secret),
            key: keep(self.key, &stored.key),
            access_token: keep(self.access_token, &stored.access_token),
            sign_secret: keep(self.sign_secret, &stored.sign_secret),
        }
    }

    /// `text` with every secret replaced by `***`.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in self.values() {
            out = out.replace(secret, "***");
            // A secret may appear URL-encoded in an echoed URL.
            let encoded = super::sign::percent_encode(secret);
            if encoded != secret {
                out = out.replace(&encoded, "***");
            }
        }
        out
    }
}

/// The default base URL of a channel's public service.
pub fn default_endpoint(channel: Channel, provider: Option<SmsProvider>) -> Option<&'static str> {
    match (channel, provider) {
        (Channel::Sms, Some(SmsProvider::Aliyun)) => Some("https://dysmsapi.aliyuncs.com/"),
        (Channel::Wecom, _) => Some("https://qyapi.weixin.qq.com"),
        (Channel::Dingtalk, _) => Some("https://oapi.dingtalk.com"),
        _ => None,
    }
}

fn field(name: &str, code: &str, zh: &str, en: &str) -> FieldError {
    FieldError::new(name, code, zh, en)
}

fn required(name: &str) -> FieldError {
    field(name, "required", "此项必填", "this field is required")
}

fn http_url(text: &str) -> bool {
    url::Url::parse(text).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

/// Whether `text` is an e-mail address (see [`butler_domain::text::Email`]).
pub fn is_email(text: &str) -> bool {
    butler_domain::text::Email::parse(text).is_ok()
}

/// Checks a channel's settings and secrets (the stored secrets already merged in); an
/// enabled channel needs everything it sends with.
pub fn validate(
    channel: Channel,
    enabled: bool,
    raw_provider: Option<&str>,
    settings: &mut ChannelSettings,
    secrets: &ChannelSecrets,
) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let present = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    if let Some(code) = raw_provider {
        match SmsProvider::parse(code) {
            Some(p) if channel == Channel::Sms => settings.provider = Some(p),
            Some(_) => {}
            None => errors.push(field(
                "provider",
                "unknown_provider",
                "不支持的短信服务商（可选 aliyun、generic）",
                "unknown SMS provider (aliyun or generic)",
            )),
        }
    }
    if let Some(endpoint) = settings.endpoint.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        if http_url(endpoint) {
            settings.endpoint = Some(endpoint.to_owned());
        } else {
            errors.push(field("endpoint", "url_format", "不是有效的 http(s) 地址", "is not an http(s) URL"));
        }
    } else {
        settings.endpoint = None;
    }
    if let Some(from) = settings.from.as_deref()
        && !is_email(from.trim())
    {
        errors.push(field("from", "email_format", "不是有效的电子邮箱地址", "is not an e-mail address"));
    }
    if settings.port == Some(0) {
        errors.push(field("port", "port_range", "端口应在 1–65535 之间", "the port is 1 to 65535"));
    }
    if enabled {
        match channel {
            Channel::Email => {
                if !present(&settings.host) {
                    errors.push(required("host"));
                }
                if !present(&settings.from) {
                    errors.push(required("from"));
                }
                if settings.port.is_none() {
                    errors.push(required("port"));
                }
                if present(&settings.username) && !present(&secrets.password) {
                    errors.push(required("password"));
                }
            }
            Channel::Sms => match settings.provider {
                None if raw_provider.is_none() => errors.push(required("provider")),
                None => {}
                Some(SmsProvider::Aliyun) => {
                    for (name, value) in [
                        ("access_key_id", &settings.access_key_id),
                        ("sign_name", &settings.sign_name),
                        ("template_code", &settings.template_code),
                        ("secret", &secrets.secret),
                    ] {
                        if !present(value) {
                            errors.push(required(name));
                        }
                    }
                }
                Some(SmsProvider::Generic) => {
                    if !present(&settings.endpoint) {
                        errors.push(required("endpoint"));
                    }
                    if !present(&secrets.secret) {
                        errors.push(required("secret"));
                    }
                }
            },
            Channel::Wecom => {
                if !present(&secrets.key) {
                    errors.push(required("key"));
                }
            }
            Channel::Dingtalk => {
                if !present(&secrets.access_token) {
                    errors.push(required("access_token"));
                }
            }
            Channel::Webhook | Channel::Provincial => errors.push(field(
                "channel",
                "not_configurable",
                "此渠道不在这里设置",
                "this channel is not configured here",
            )),
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_secret_keeps_the_stored_one() {
        let stored = ChannelSecrets { key: Some("old-key".into()), ..Default::default() };
        let merged = ChannelSecrets { key: Some(String::new()), ..Default::default() }.or_stored(&stored);
        assert_eq!(merged.key.as_deref(), Some("old-key"));
        let replaced = ChannelSecrets { key: Some("new".into()), ..Default::default() }.or_stored(&stored);
        assert_eq!(replaced.key.as_deref(), Some("new"));
        assert_eq!(replaced.names_set(), vec!["key"]);
        assert!(!format!("{replaced:?}").contains("new"));
    }

    #[test]
    fn secrets_are_blanked_out_plain_and_url_encoded() {
        let s = ChannelSecrets { key: Some("k+y/1".into()), ..Default::default() };
        assert_eq!(s.redact("bad key k+y/1 in ?key=k%2By%2F1"), "bad key *** in ?key=***");
    }

    #[test]
    fn settings_are_checked_per_field() {
        let mut settings = ChannelSettings { endpoint: Some("not a url".into()), ..Default::default() };
        let errors = validate(Channel::Sms, true, Some("carrier-pigeon"), &mut settings, &ChannelSecrets::default())
            .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert!(fields.contains(&("provider", "unknown_provider")), "{fields:?}");
        assert!(fields.contains(&("endpoint", "url_format")), "{fields:?}");
        let mut ok = ChannelSettings { endpoint: Some(" http://127.0.0.1:9/sms ".into()), ..Default::default() };
        let secrets = ChannelSecrets { secret: Some("t".into()), ..Default::default() };
        assert!(validate(Channel::Sms, true, Some("generic"), &mut ok, &secrets).is_ok());
        assert_eq!(ok.endpoint.as_deref(), Some("http://127.0.0.1:9/sms"));
        assert_eq!(ok.provider, Some(SmsProvider::Generic));
    }
}
