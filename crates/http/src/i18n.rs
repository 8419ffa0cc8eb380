//! The language of messages shown to people: Chinese first, English on request.

use actix_web::HttpRequest;
use actix_web::http::header::ACCEPT_LANGUAGE;

/// A language the API answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the first supported language of an `Accept-Language` header, by quality;
    /// Chinese when none is supported or the header is absent.
    pub fn from_header(value: Option<&str>) -> Lang {
        let Some(value) = value else { return Lang::Zh };
        let mut best: Option<(f32, Lang)> = None;
        for part in value.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let lang = if tag.starts_with("zh") {
                Lang::Zh
            } else if tag.starts_with("en") {
                Lang::En
            } else {
                continue;
            };
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or(Lang::Zh)
    }

    pub fn of(req: &HttpRequest) -> Lang {
        Lang::from_header(req.headers().get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
    }

    /// The domain's language of the same choice (for texts the domain renders).
    pub fn language(self) -> butler_domain::notice::Language {
        match self {
            Lang::Zh => butler_domain::notice::Language::Chinese,
            Lang::En => butler_domain::notice::Language::English,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Chooses between a Chinese and an English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates() {
        assert_eq!(Lang::from_header(None), Lang::Zh);
        assert_eq!(Lang::from_header(Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(Lang::from_header(Some("zh-CN,zh;q=0.9,en;q=0.8")), Lang::Zh);
        assert_eq!(Lang::from_header(Some("fr-FR, en;q=0.5")), Lang::En);
        assert_eq!(Lang::from_header(Some("en;q=0.4, zh;q=0.8")), Lang::Zh);
        assert_eq!(Lang::from_header(Some("de")), Lang::Zh);
    }
}
