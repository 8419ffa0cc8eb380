//! Uploads: the multipart body, the file names in it, and the type told from a file's first
//! bytes.

use actix_multipart::Multipart;
use actix_web::error::PayloadError;
use actix_web::http::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use butler_app::files::clean_file_name;
use butler_domain::material::{SNIFF_BYTES, sniff};
use bytes::Bytes;
use futures_util::StreamExt;

use super::{Target, Verdict, api_error, ensure, text};
use crate::mutate::Shape;

const NAME_TOKENS: &[&[u8]] = &[b"/", b"\\", b"..", b".", b"C:", "营业执照".as_bytes(), b".pdf", b"\0"];

pub fn targets() -> Vec<Target> {
    vec![
        Target {
            name: "file_kind",
            about: "the type of an uploaded file from its first bytes (PDF, JPEG, PNG, OFD, docx, xlsx)",
            shape: Shape::Bytes,
            dictionary: &[
                b"%PDF-1.7",
                b"PK\x03\x04",
                b"\xff\xd8\xff",
                b"\x89PNG\r\n\x1a\n",
                b"OFD.xml",
                b"[Content_Types].xml",
                b"word/",
                b"xl/",
            ],
            max_len: 8 * 1024,
            run: file_kind,
        },
        Target {
            name: "file_name",
            about: "the name an upload was sent with, made fit to keep and show",
            shape: Shape::Text,
            dictionary: NAME_TOKENS,
            max_len: 2048,
            run: file_name,
        },
        Target {
            name: "multipart",
            about: "multipart/form-data uploads (first line: the Content-Type): parts, their names and file names",
            shape: Shape::Bytes,
            dictionary: &[
                b"\r\n",
                b"--XyZ",
                b"--XyZ--",
                b"Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n",
                b"filename*=UTF-8''%E8%90%A5%E4%B8%9A.pdf",
                b"Content-Type: application/pdf\r\n",
                b"; boundary=",
                b"name=\"material_id\"",
                b"\"",
            ],
            max_len: 64 * 1024,
            run: multipart,
        },
    ]
}

fn file_kind(input: &[u8]) -> Verdict {
    let first = &input[..input.len().min(SNIFF_BYTES)];
    let kind = sniff(first);
    // The type is told from the first bytes alone: more of the same file changes nothing.
    let mut longer = first.to_vec();
    longer.extend_from_slice(&[0; 16]);
    if first.len() >= 262 {
        ensure(sniff(&longer) == kind, || format!("{kind:?} changed by bytes after the first {}", first.len()))?;
    }
    Ok(format!("{kind:?}"))
}

/// What every kept file name holds.
fn fit_name(name: &str, fallback: &str) -> Result<(), String> {
    ensure(!name.is_empty() && name.len() <= 255, || format!("kept a name of {} bytes", name.len()))?;
    ensure(!name.contains(['/', '\\']) && !name.chars().any(char::is_control), || format!("kept {name:?}"))?;
    ensure(name != "." && name != ".." || name == fallback, || format!("kept {name:?}"))
}

fn file_name(input: &[u8]) -> Verdict {
    let sent = text(input);
    let name = clean_file_name(Some(&sent), "file.pdf");
    fit_name(&name, "file.pdf")?;
    Ok(if name == "file.pdf" { "Fallback" } else { "Kept" }.into())
}

thread_local! {
    static RUNTIME: Option<tokio::runtime::Runtime> =
        tokio::runtime::Builder::new_current_thread().build().ok();
}

fn multipart(input: &[u8]) -> Verdict {
    let (content_type, body) = match input.iter().position(|&b| b == b'\n') {
        Some(i) if input.starts_with(b"multipart/") => (&input[..i], &input[i + 1..]),
        _ => (&b"multipart/form-data; boundary=XyZ"[..], input),
    };
    let mut headers = HeaderMap::new();
    let Ok(value) = HeaderValue::from_bytes(content_type.trim_ascii()) else {
        return Ok("NotAHeader".into());
    };
    headers.insert(CONTENT_TYPE, value);
    // The body arrives in a few chunks, cut where the input says.
    let cut = input.first().map_or(1, |&b| usize::from(b) + 1);
    let chunks: Vec<Result<Bytes, PayloadError>> = body.chunks(cut).map(|c| Ok(Bytes::copy_from_slice(c))).collect();
    let stream = futures_util::stream::iter(chunks);
    let run = async move {
        let mut payload = Multipart::new(&headers, stream);
        let mut parts = 0usize;
        while let Some(field) = payload.next().await {
            let mut field = match field {
                Ok(field) => field,
                Err(e) => {
                    return Ok(format!("{parts} parts, then {}", api_error(&butler_http::multipart::malformed(e))));
                }
            };
            parts += 1;
            if let Some(sent) = butler_http::multipart::file_name(&field) {
                fit_name(&clean_file_name(Some(&sent), "file"), "file")?;
            }
            if field.name() == Some("note") {
                let _ = butler_http::multipart::text(&mut field, "note").await;
            } else {
                let mut read = 0usize;
                while let Some(chunk) = field.next().await {
                    match chunk {
                        Ok(bytes) => read += bytes.len(),
                        Err(_) => break,
                    }
                }
                ensure(read <= body.len(), || format!("a part of {read} bytes out of a body of {}", body.len()))?;
            }
        }
        Ok(format!("{} parts", parts.min(3)))
    };
    RUNTIME.with(|rt| match rt {
        Some(rt) => rt.block_on(run),
        None => Err("no runtime".into()),
    })
}
