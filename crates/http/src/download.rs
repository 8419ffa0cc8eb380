//! What every download shares: the contract's schema for a binary body, and the
//! `Content-Disposition` that names the file in Chinese (RFC 6266 / RFC 5987 `filename*`) with an
//! ASCII fallback for old clients.

use utoipa::ToSchema;

/// The bytes of a downloaded file.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)] // describes binary responses in the contract
pub struct FileBytes(pub Vec<u8>);

/// RFC 5987 `attr-char`: sent as is in the extended value, everything else percent-encoded.
fn attr_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b)
}

/// `attachment; filename="…"; filename*=UTF-8''…`: the ASCII fallback keeps the ASCII letters,
/// digits, `-`, `_` and `.` of the name (the extension among them; `download.<ext>` when none
/// is left), the extended value the whole name.
pub fn content_disposition(name: &str) -> String {
    let encoded: String =
        name.bytes().map(|b| if attr_char(b) { char::from(b).to_string() } else { format!("%{b:02X}") }).collect();
    let ascii = |text: &str| -> String {
        text.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect()
    };
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let stem = ascii(stem);
    let stem = if stem.trim_matches(['.', '-', '_']).is_empty() { "download".to_owned() } else { stem };
    let extension = ascii(extension);
    let fallback = if extension.is_empty() { stem } else { format!("{stem}.{extension}") };
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_file_name_is_encoded_with_an_ascii_fallback() {
        let header = content_disposition("附件2-申请受理表-DY2026-0001.docx");
        assert!(
            header.starts_with("attachment; filename=\"2--DY2026-0001.docx\"; filename*=UTF-8''%E9%99%84%E4%BB%B62-")
        );
        assert!(header.ends_with("-DY2026-0001.docx"));
        assert_eq!(
            content_disposition("项目台账.xlsx"),
            "attachment; filename=\"download.xlsx\"; filename*=UTF-8''%E9%A1%B9%E7%9B%AE%E5%8F%B0%E8%B4%A6.xlsx"
        );
        assert_eq!(
            content_disposition("营业执照 v2.pdf"),
            "attachment; filename=\"v2.pdf\"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20v2.pdf"
        );
    }

    #[test]
    fn quotes_and_separators_never_reach_the_fallback() {
        assert_eq!(content_disposition("a\"b.pdf"), "attachment; filename=\"ab.pdf\"; filename*=UTF-8''a%22b.pdf");
        assert_eq!(
            content_disposition("../x;y.zip"),
            "attachment; filename=\"..xy.zip\"; filename*=UTF-8''..%2Fx%3By.zip"
        );
        assert_eq!(
            content_disposition("no-extension"),
            "attachment; filename=\"no-extension\"; filename*=UTF-8''no-extension"
        );
    }
}
