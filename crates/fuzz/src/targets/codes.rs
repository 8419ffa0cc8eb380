//! Codes and small values a stranger types: credit codes, project codes, time limits, the
//! domain's bounded texts, paging cursors and webhook URLs.

use butler_domain::credit_code::CreditCode;
use butler_domain::project_code::ProjectCode;
use butler_domain::text::{Code, Email, Lines, Name, NewPassword, Phone, unwelcome_char};
use butler_domain::time_limit::TimeLimit;
use butler_persistence::repo::{feed::FeedCursor, sheets};

use super::{Target, Verdict, app_error, ensure, kind, text};
use crate::mutate::Shape;

const TIME_LIMIT_TOKENS: &[&[u8]] = &[
    "个工作日".as_bytes(),
    "工作日".as_bytes(),
    "日".as_bytes(),
    "自然日".as_bytes(),
    "天".as_bytes(),
    "小时".as_bytes(),
    "分钟".as_bytes(),
    "即办".as_bytes(),
    "个月".as_bytes(),
    "半".as_bytes(),
    "二十".as_bytes(),
    "一百".as_bytes(),
    "万".as_bytes(),
    "亿".as_bytes(),
    b".5",
    "１２".as_bytes(),
];

pub fn targets() -> Vec<Target> {
    vec![
        Target {
            name: "credit_code",
            about: "unified social credit codes (GB 32100-2015): parse, and complete(first 17) = parse",
            shape: Shape::Text,
            dictionary: &[b"91530000", b"0", b"Y", b"I", b"O", b"Z", b"S", b"V", b" "],
            max_len: 64,
            run: credit_code,
        },
        Target {
            name: "project_code",
            about: "national project codes (GB/T 40058-2021), with or without hyphens",
            shape: Shape::Text,
            dictionary: &[b"-", b"2603", b"532326", b"-00-", b"-01-", b"01234", b"13", b"00"],
            max_len: 64,
            run: project_code,
        },
        Target {
            name: "time_limit",
            about: "the catalog's time limits (20个工作日, 60日, 2小时, 即办…): parse(display(x)) = x",
            shape: Shape::Text,
            dictionary: TIME_LIMIT_TOKENS,
            max_len: 256,
            run: time_limit,
        },
        Target {
            name: "text_values",
            about: "the domain's bounded texts: codes, names, phones, e-mail addresses, passwords, unwelcome characters",
            shape: Shape::Text,
            dictionary: &[b"@", b".", b"-", b"+86", b"0871-", b"138", b"a", b"Z", b"!", b"example.cn"],
            max_len: 512,
            run: text_values,
        },
        Target {
            name: "cursors",
            about: "the paging cursors of lists, the change feed and the work queue: decode(encode(x)) = x",
            shape: Shape::Text,
            dictionary: &[b"AAAAAAAAAAAAAAAAAAAAAA", b"_", b"-", b"=", b"+", b"/", b"A", b"z"],
            max_len: 128,
            run: cursors,
        },
        Target {
            name: "webhook_url",
            about: "webhook endpoint URLs: absolute http(s) with a host, no credentials; what is kept reads back the same",
            shape: Shape::Text,
            dictionary: &[
                b"https://",
                b"http://",
                b"user:pw@",
                b"@",
                b":8443",
                b"/hooks?x=1#f",
                b"[::1]",
                b"127.0.0.1",
                b"%2F",
                b"xn--",
                b"javascript:",
                b"file:///",
                b" ",
            ],
            max_len: 4096,
            run: webhook_url,
        },
    ]
}

fn credit_code(input: &[u8]) -> Verdict {
    let text = text(input);
    match CreditCode::parse(&text) {
        Ok(code) => {
            let s = code.as_str();
            ensure(s.len() == 18 && s.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()), || {
                format!("accepted {s:?}, which is not 18 digits or capitals")
            })?;
            ensure(CreditCode::parse(s).as_ref() == Ok(&code), || format!("{s:?} does not read back"))?;
            ensure(CreditCode::complete(&s[..17]).as_ref() == Ok(&code), || format!("{s:?}: complete disagrees"))?;
            Ok("Ok".into())
        }
        Err(e) => {
            // Completing any 17 valid characters gives a code that parses.
            if let Ok(done) = CreditCode::complete(&text) {
                ensure(CreditCode::parse(done.as_str()).is_ok(), || format!("completed {done} does not parse"))?;
            }
            Ok(kind(&e))
        }
    }
}

fn project_code(input: &[u8]) -> Verdict {
    let text = text(input);
    match ProjectCode::parse(&text) {
        Ok(code) => {
            let s = code.as_str();
            ensure(s.len() == 24 && code.digits().len() == 20, || format!("accepted {s:?}: not canonical"))?;
            ensure(ProjectCode::parse(s).as_ref() == Ok(&code), || format!("{s:?} does not read back"))?;
            ensure(ProjectCode::parse(&code.digits()).as_ref() == Ok(&code), || format!("{s:?} without hyphens"))?;
            ensure((1..=5).contains(&code.project_type()), || format!("{s:?}: project type out of range"))?;
            let _ = code.project_type_name_zh();
            Ok("Ok".into())
        }
        Err(e) => {
            if let Ok(done) = ProjectCode::complete(&text) {
                ensure(ProjectCode::parse(done.as_str()).is_ok(), || format!("completed {done} does not parse"))?;
            }
            Ok(kind(&e))
        }
    }
}

fn time_limit(input: &[u8]) -> Verdict {
    let text = text(input);
    match TimeLimit::parse(&text) {
        Ok(Some(limit)) => {
            let shown = limit.to_string();
            ensure(TimeLimit::parse(&shown) == Ok(Some(limit)), || {
                format!("{text:?} read as {limit:?}, shown as {shown:?}, which reads back differently")
            })?;
            ensure(limit.compare_length(limit) == Some(std::cmp::Ordering::Equal), || format!("{limit:?} ≠ itself"))?;
            let json = serde_json::to_string(&limit).map_err(|e| e.to_string())?;
            ensure(serde_json::from_str::<TimeLimit>(&json).ok() == Some(limit), || format!("{json} round trip"))?;
            Ok(format!("Ok({})", kind(&limit)))
        }
        Ok(None) => Ok("Blank".into()),
        Err(e) => Ok(kind(&e)),
    }
}

fn text_values(input: &[u8]) -> Verdict {
    let text = text(input);
    let mut outcome = String::new();
    let trimmed_bound = |s: &str, max: usize| s == s.trim() && !s.is_empty() && s.chars().count() <= max;
    match Code::parse(&text) {
        Ok(v) => {
            ensure(trimmed_bound(v.as_str(), 64), || format!("code {v:?}"))?;
            ensure(Code::parse(v.as_str()).as_ref() == Ok(&v), || format!("code {v:?} reads back differently"))?;
            outcome.push('C');
        }
        Err(e) => outcome.push_str(&kind(&e)),
    }
    match Name::parse(&text) {
        Ok(v) => {
            ensure(trimmed_bound(v.as_str(), 200), || format!("name {v:?}"))?;
            outcome.push('N');
        }
        Err(e) => outcome.push_str(&kind(&e)),
    }
    match Phone::parse(&text) {
        Ok(v) => {
            ensure(Phone::parse(v.as_str()).as_ref() == Ok(&v), || format!("phone {v:?} reads back differently"))?;
            ensure(v.masked().chars().count() == v.as_str().chars().count(), || format!("phone {v:?} masked"))?;
            outcome.push('P');
        }
        Err(e) => outcome.push_str(&kind(&e)),
    }
    match Email::parse(&text) {
        Ok(v) => {
            ensure(v.as_str().contains('@') && !v.as_str().contains(char::is_whitespace), || format!("e-mail {v:?}"))?;
            outcome.push('E');
        }
        Err(e) => outcome.push_str(&kind(&e)),
    }
    match NewPassword::parse(&text) {
        Ok(v) => {
            ensure(v.expose().chars().count() >= NewPassword::MIN_LEN, || "a short password passed".into())?;
            outcome.push('W');
        }
        Err(e) => outcome.push_str(&kind(&e)),
    }
    let _ = butler_domain::text::mask_middle(&text);
    for lines in [Lines::Single, Lines::Multi] {
        if let Some(c) = unwelcome_char(&text, lines) {
            ensure(text.contains(c), || format!("{c:?} named but not in the text"))?;
            outcome.push('U');
        }
    }
    Ok(outcome)
}

fn cursors(input: &[u8]) -> Verdict {
    let text = text(input);
    let mut outcome = String::new();
    match butler_persistence::Cursor::decode(&text) {
        Ok(c) => {
            ensure(butler_persistence::Cursor::decode(&c.encode()).ok() == Some(c), || format!("page cursor {c:?}"))?;
            outcome.push_str("page ");
        }
        Err(e) => outcome.push_str(&app_error(&e.into())),
    }
    match FeedCursor::decode(&text) {
        Ok(c) => {
            ensure(FeedCursor::decode(&c.encode()).ok() == Some(c), || format!("feed cursor {c:?}"))?;
            outcome.push_str("feed ");
        }
        Err(e) => outcome.push_str(&kind(&e)),
    }
    match sheets::decode_cursor(&text) {
        Ok((at, id)) => {
            let again = sheets::decode_cursor(&sheets::encode_cursor(at, id));
            ensure(again.ok() == Some((at, id)), || format!("queue cursor {at} {id}"))?;
            outcome.push_str("queue ");
        }
        Err(e) => outcome.push_str(&kind(&e)),
    }
    Ok(outcome)
}

fn webhook_url(input: &[u8]) -> Verdict {
    let text = text(input);
    match butler_app::webhooks::subscriptions::check_url(&text) {
        Ok(url) => {
            ensure(url.starts_with("http://") || url.starts_with("https://"), || format!("kept {url:?}"))?;
            let parsed = url::Url::parse(&url).map_err(|e| format!("kept {url:?}, which does not parse: {e}"))?;
            ensure(parsed.username().is_empty() && parsed.password().is_none(), || {
                format!("kept {url:?}, with credentials")
            })?;
            ensure(parsed.host_str().is_some_and(|h| !h.is_empty()), || format!("kept {url:?}, without a host"))?;
            let again = butler_app::webhooks::subscriptions::check_url(&url).map_err(|e| format!("{url:?}: {e:?}"))?;
            ensure(again == url, || format!("{url:?} reads back as {again:?}"))?;
            Ok("Ok".into())
        }
        Err(e) => Ok(app_error(&e)),
    }
}
