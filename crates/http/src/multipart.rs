//! Reading `multipart/form-data` uploads part by part, so that a file's body streams into
//! the storage and its limits are enforced while it arrives.

use actix_multipart::{Field, Multipart, MultipartError};
use futures_util::StreamExt;

use crate::error::ApiError;

/// At most this much of a refused upload is read (and discarded) before answering, so the
/// client, still sending, reads the answer rather than a reset connection.
const DRAIN_LIMIT: usize = 64 * 1024 * 1024;

/// A part that is no valid multipart body.
pub fn malformed(err: MultipartError) -> ApiError {
    ApiError::Malformed(format!("multipart/form-data: {err}"))
}

/// The name the client gave a file part (display only; never a path).
pub fn file_name(field: &Field) -> Option<String> {
    let cd = field.content_disposition()?;
    cd.get_filename_ext()
        .and_then(|ext| String::from_utf8(ext.value.clone()).ok())
        .or_else(|| cd.get_filename().map(str::to_owned))
}

/// The text of a small part (at most 256 bytes).
pub async fn text(field: &mut Field, name: &str) -> Result<String, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.next().await {
        bytes.extend_from_slice(&chunk.map_err(malformed)?);
        if bytes.len() > 256 {
            return Err(ApiError::field(name, "length", "内容过长", "too long"));
        }
    }
    String::from_utf8(bytes).map_err(|_| ApiError::field(name, "utf8", "须为 UTF-8 文本", "must be UTF-8 text"))
}

/// Reads and discards what is left of a body (up to [`DRAIN_LIMIT`]).
pub async fn drain(payload: &mut Multipart) {
    let mut read = 0usize;
    while let Some(Ok(mut field)) = payload.next().await {
        while let Some(Ok(chunk)) = field.next().await {
            read += chunk.len();
            if read > DRAIN_LIMIT {
                return;
            }
        }
    }
}

/// Reads and discards what is left of one part (up to [`DRAIN_LIMIT`]). A part read to
/// its end must not be polled again: pass it fused when it may have been.
pub async fn drain_field<S, E>(field: &mut S)
where
    S: futures_util::Stream<Item = Result<bytes::Bytes, E>> + Unpin,
{
    let mut read = 0usize;
    while let Some(Ok(chunk)) = field.next().await {
        read += chunk.len();
        if read > DRAIN_LIMIT {
            return;
        }
    }
}

/// The error when no `file` part came.
pub fn missing_file() -> ApiError {
    ApiError::field("file", "required", "请选择要上传的文件", "The `file` part is missing")
}
