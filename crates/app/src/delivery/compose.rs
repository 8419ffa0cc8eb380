//! Each channel's message: the request shapes of the providers ([`build`]) and how their
//! answers read ([`reply`]).
//!
//! - SMS, Alibaba Cloud: `GET {endpoint}/?Signature=…&AccessKeyId=…&Action=SendSms&…` (RPC
//!   style, see [`super::sign`]), the text in the template's `content` parameter; success is
//!   `"Code": "OK"`.
//! - SMS, generic gateway: `POST {endpoint}` `{"to", "content", "kind"}` with a bearer token.
//! - WeCom group robot: `POST {endpoint}/cgi-bin/webhook/send?key=KEY` `{"msgtype": "text",
//!   "text": {"content", "mentioned_mobile_list"}}`; success is `errcode == 0`.
//! - DingTalk robot: `POST {endpoint}/robot/send?access_token=…&timestamp=…&sign=…`
//!   `{"msgtype": "text", "text": {"content"}, "at": {"atMobiles"}}`; success is `errcode == 0`.
//! - E-mail: the title as subject, the body as text, over the tenant's SMTP server.

use butler_domain::delivery::{Channel, Reply};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::config::{ChannelSecrets, ChannelSettings, SmsProvider, default_endpoint};
use super::sign::{aliyun_signed_query, dingtalk_sign, percent_encode};
use super::{Answer, HttpMethod, Outgoing, Sensitive, Smtp};

/// What to say, and to whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message<'a> {
    /// The notification kind's code (the generic SMS gateway's `kind`).
    pub kind: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    /// The recipient's mobile (SMS; robots mention it).
    pub phone: Option<&'a str>,
    /// The recipient's e-mail address.
    pub email: Option<&'a str>,
}

/// Why a message cannot be built (recorded as the delivery's error; no secret in it).
pub type NotSendable = String;

fn base(channel: Channel, settings: &ChannelSettings) -> Result<String, NotSendable> {
    settings
        .endpoint
        .as_deref()
        .or_else(|| default_endpoint(channel, settings.provider))
        .map(|e| e.trim_end_matches('/').to_owned())
        .ok_or_else(|| format!("{channel}: no endpoint configured"))
}

fn need<'a>(value: Option<&'a String>, what: &str) -> Result<&'a str, NotSendable> {
    value.map(String::as_str).filter(|v| !v.is_empty()).ok_or_else(|| format!("not configured: {what}"))
}

fn text(message: &Message<'_>) -> String {
    format!("{}\n{}", message.title, message.body)
}

/// The request or mail `message` becomes over `channel`; `now` and `nonce` make Alibaba
/// Cloud's timestamp and nonce and DingTalk's signed timestamp.
pub fn build(
    channel: Channel,
    settings: &ChannelSettings,
    secrets: &ChannelSecrets,
    message: &Message<'_>,
    now: DateTime<Utc>,
    nonce: Uuid,
) -> Result<Outgoing, NotSendable> {
    match channel {
        Channel::Sms => {
            let phone = message.phone.ok_or("the recipient has no mobile number")?;
            match settings.provider {
                Some(SmsProvider::Aliyun) => {
                    let timestamp = now.format("%Y-%m-%dT%H:%M:%SZ").to_string();
                    let nonce = nonce.to_string();
                    let param = json!({"content": format!("{}：{}", message.title, message.body)}).to_string();
                    let params = [
                        ("AccessKeyId", need(settings.access_key_id.as_ref(), "access_key_id")?),
                        ("Action", "SendSms"),
                        ("Format", "JSON"),
                        ("PhoneNumbers", phone),
                        ("RegionId", "cn-hangzhou"),
                        ("SignName", need(settings.sign_name.as_ref(), "sign_name")?),
                        ("SignatureMethod", "HMAC-SHA1"),
                        ("SignatureNonce", nonce.as_str()),
                        ("SignatureVersion", "1.0"),
                        ("TemplateCode", need(settings.template_code.as_ref(), "template_code")?),
                        ("TemplateParam", param.as_str()),
                        ("Timestamp", timestamp.as_str()),
                        ("Version", "2017-05-25"),
                    ];
                    let query = aliyun_signed_query(&params, need(secrets.secret.as_ref(), "secret")?);
                    Ok(Outgoing::Http {
                        method: HttpMethod::Get,
                        url: Sensitive::new(format!("{}/?{query}", base(channel, settings)?)),
                        headers: Vec::new(),
                        body: None,
                    })
                }
                Some(SmsProvider::Generic) => Ok(Outgoing::Http {
                    method: HttpMethod::Post,
                    url: Sensitive::new(base(channel, settings)?),
                    headers: vec![(
                        "Authorization".into(),
                        Sensitive::new(format!("Bearer {}", need(secrets.secret.as_ref(), "secret")?)),
                    )],
                    body: Some(json!({"to": phone, "content": text(message), "kind": message.kind})),
                }),
                None => Err("not configured: provider".into()),
            }
        }
        Channel::Wecom => {
            let key = need(secrets.key.as_ref(), "key")?;
            let mentioned: Vec<&str> = message.phone.into_iter().collect();
            Ok(Outgoing::Http {
                method: HttpMethod::Post,
                url: Sensitive::new(format!(
                    "{}/cgi-bin/webhook/send?key={}",
                    base(channel, settings)?,
                    percent_encode(key)
                )),
                headers: Vec::new(),
                body: Some(json!({
                    "msgtype": "text",
                    "text": {"content": text(message), "mentioned_mobile_list": mentioned},
                })),
            })
        }
        Channel::Dingtalk => {
            let token = need(secrets.access_token.as_ref(), "access_token")?;
            let mut url = format!("{}/robot/send?access_token={}", base(channel, settings)?, percent_encode(token));
            if let Some(secret) = secrets.sign_secret.as_deref().filter(|s| !s.is_empty()) {
                let timestamp = now.timestamp_millis();
                url.push_str(&format!("&timestamp={timestamp}&sign={}", dingtalk_sign(timestamp, secret)));
            }
            let mentioned: Vec<&str> = message.phone.into_iter().collect();
            // DingTalk highlights a mention only when the text names it.
            let content = match message.phone {
                Some(phone) => format!("{}\n@{phone}", text(message)),
                None => text(message),
            };
            Ok(Outgoing::Http {
                method: HttpMethod::Post,
                url: Sensitive::new(url),
                headers: Vec::new(),
                body: Some(json!({"msgtype": "text", "text": {"content": content}, "at": {"atMobiles": mentioned}})),
            })
        }
        Channel::Email => {
            let to = message.email.ok_or("the recipient has no e-mail address")?;
            Ok(Outgoing::Mail {
                smtp: Smtp {
                    host: need(settings.host.as_ref(), "host")?.to_owned(),
                    port: settings.port.ok_or("not configured: port")?,
                    security: settings.security.unwrap_or_default(),
                    username: settings.username.clone().filter(|u| !u.is_empty()),
                    password: secrets.password.clone().filter(|p| !p.is_empty()).map(Sensitive::new),
                },
                from: need(settings.from.as_ref(), "from")?.to_owned(),
                to: to.to_owned(),
                subject: message.title.to_owned(),
                text: message.body.to_owned(),
            })
        }
        Channel::Webhook | Channel::Provincial => Err(format!("{channel} is not sent by this worker")),
    }
}

/// A provider's verdict in a 2xx JSON body: (accepted, transient).
fn verdict(channel: Channel, settings: &ChannelSettings, body: &str) -> (Option<bool>, bool) {
    let Ok(json) = serde_json::from_str::<Value>(body) else { return (None, false) };
    match channel {
        Channel::Sms if settings.provider == Some(SmsProvider::Aliyun) => match json["Code"].as_str() {
            Some("OK") => (Some(true), false),
            Some(code) => (Some(false), code.contains("LIMIT") || code == "Throttling" || code.contains("SYSTEM")),
            None => (Some(false), false),
        },
        Channel::Wecom | Channel::Dingtalk => match json["errcode"].as_i64() {
            Some(0) => (Some(true), false),
            // Busy (-1), too frequent (WeCom 45009, DingTalk 130101, 410100).
            Some(code) => (Some(false), matches!(code, -1 | 45009 | 130101 | 410100)),
            None => (None, false),
        },
        _ => (None, false),
    }
}

/// The domain's reading of an answer over `channel`.
pub fn reply(channel: Channel, settings: &ChannelSettings, answer: &Answer) -> Reply {
    match answer {
        Answer::Http { status, body } => {
            let (accepted, transient) =
                if (200..300).contains(status) { verdict(channel, settings, body) } else { (None, false) };
            Reply::Http { status: *status, accepted, transient }
        }
        Answer::Smtp { code, .. } => Reply::Smtp { code: *code },
        Answer::Unreachable(_) => Reply::Unreachable,
        Answer::TimedOut => Reply::TimedOut,
        Answer::NoTransport => Reply::NotSendable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use butler_domain::delivery::AttemptOutcome;
    use chrono::TimeZone;

    fn message() -> Message<'static> {
        Message {
            kind: "deadline_reminder",
            title: "任务单即将超时",
            body: "请尽快签收。",
            phone: Some("13800000001"),
            email: None,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 5, 2, 0, 0).unwrap()
    }

    #[test]
    fn wecom_posts_text_with_the_mention_and_the_key_in_the_url() {
        let settings = ChannelSettings { endpoint: Some("http://127.0.0.1:9/".into()), ..Default::default() };
        let secrets = ChannelSecrets { key: Some("KEY-1".into()), ..Default::default() };
        let Outgoing::Http { method, url, body, .. } =
            build(Channel::Wecom, &settings, &secrets, &message(), now(), Uuid::nil()).unwrap()
        else {
            panic!("http")
        };
        assert_eq!(method, HttpMethod::Post);
        assert_eq!(url.expose(), "http://127.0.0.1:9/cgi-bin/webhook/send?key=KEY-1");
        assert_eq!(format!("{url:?}"), "***");
        assert_eq!(
            body.unwrap(),
            json!({"msgtype": "text", "text": {"content": "任务单即将超时\n请尽快签收。", "mentioned_mobile_list": ["13800000001"]}})
        );
    }

    #[test]
    fn dingtalk_signs_when_it_has_a_secret() {
        let secrets = ChannelSecrets {
            access_token: Some("TOKEN".into()),
            sign_secret: Some("SEC1234567890abcdef".into()),
            ..Default::default()
        };
        let at = Utc.timestamp_millis_opt(1_577_262_236_757).unwrap();
        let Outgoing::Http { url, body, .. } =
            build(Channel::Dingtalk, &ChannelSettings::default(), &secrets, &message(), at, Uuid::nil()).unwrap()
        else {
            panic!("http")
        };
        assert_eq!(
            url.expose(),
            "https://oapi.dingtalk.com/robot/send?access_token=TOKEN&timestamp=1577262236757&sign=f7qQ1A8KagEZ45y1gasTtKsEq5ERTeDXP9T%2BWkIqzDk%3D"
        );
        let body = body.unwrap();
        assert_eq!(body["at"]["atMobiles"], json!(["13800000001"]));
        assert!(body["text"]["content"].as_str().unwrap().ends_with("@13800000001"));
    }

    #[test]
    fn aliyun_is_a_signed_get_and_generic_a_bearer_post() {
        let settings = ChannelSettings {
            provider: Some(SmsProvider::Aliyun),
            endpoint: Some("http://127.0.0.1:9".into()),
            access_key_id: Some("AK".into()),
            sign_name: Some("示例县".into()),
            template_code: Some("SMS_1".into()),
            ..Default::default()
        };
        let secrets = ChannelSecrets { secret: Some("SK".into()), ..Default::default() };
        let Outgoing::Http { method, url, .. } =
            build(Channel::Sms, &settings, &secrets, &message(), now(), Uuid::nil()).unwrap()
        else {
            panic!("http")
        };
        assert_eq!(method, HttpMethod::Get);
        assert!(url.expose().starts_with("http://127.0.0.1:9/?Signature="));
        assert!(url.expose().contains("&PhoneNumbers=13800000001&"));
        assert!(url.expose().contains("&Timestamp=2026-12-05T02%3A00%3A00Z&"));
        assert!(!url.expose().contains("SK"), "the secret only signs");

        let generic = ChannelSettings {
            provider: Some(SmsProvider::Generic),
            endpoint: Some("http://g/sms".into()),
            ..Default::default()
        };
        let Outgoing::Http { headers, body, .. } =
            build(Channel::Sms, &generic, &secrets, &message(), now(), Uuid::nil()).unwrap()
        else {
            panic!("http")
        };
        assert_eq!(headers[0].1.expose(), "Bearer SK");
        assert_eq!(body.unwrap()["to"], "13800000001");
        let no_phone = Message { phone: None, ..message() };
        assert!(build(Channel::Sms, &generic, &secrets, &no_phone, now(), Uuid::nil()).is_err());
    }

    #[test]
    fn provider_verdicts() {
        let robot = ChannelSettings::default();
        let http = |body: &str| Answer::Http { status: 200, body: body.into() };
        assert_eq!(
            reply(Channel::Wecom, &robot, &http(r#"{"errcode":0,"errmsg":"ok"}"#)).outcome(),
            AttemptOutcome::Delivered
        );
        assert_eq!(
            reply(Channel::Wecom, &robot, &http(r#"{"errcode":93000,"errmsg":"invalid key"}"#)).outcome(),
            AttemptOutcome::Permanent
        );
        assert_eq!(reply(Channel::Dingtalk, &robot, &http(r#"{"errcode":130101}"#)).outcome(), AttemptOutcome::Retry);
        let aliyun = ChannelSettings { provider: Some(SmsProvider::Aliyun), ..Default::default() };
        assert_eq!(reply(Channel::Sms, &aliyun, &http(r#"{"Code":"OK"}"#)).outcome(), AttemptOutcome::Delivered);
        assert_eq!(
            reply(Channel::Sms, &aliyun, &http(r#"{"Code":"isv.MOBILE_NUMBER_ILLEGAL"}"#)).outcome(),
            AttemptOutcome::Permanent
        );
        assert_eq!(
            reply(Channel::Sms, &aliyun, &http(r#"{"Code":"isv.BUSINESS_LIMIT_CONTROL"}"#)).outcome(),
            AttemptOutcome::Retry
        );
        assert_eq!(
            reply(Channel::Sms, &aliyun, &Answer::Http { status: 503, body: String::new() }).outcome(),
            AttemptOutcome::Retry
        );
    }
}
