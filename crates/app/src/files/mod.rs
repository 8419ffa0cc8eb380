//! Stored files: receiving a body into the storage ([`upload`]), the storage itself
//! ([`storage`]), and handing a file to those who may see it ([`download`]).

pub mod download;
pub mod storage;
pub mod upload;

pub use download::{FileInfo, download, file_info};
pub use storage::{Storage, StorageConfig, StorageError};
pub use upload::{FileLimits, Limit, Received};

/// A fresh id for a stored file (time-ordered).
pub(crate) fn new_file_id() -> uuid::Uuid {
    butler_persistence::repo::new_id()
}

/// A file name fit to keep and show: the last path segment of what the client sent, without
/// control characters, at most 255 bytes; `fallback` when nothing is left.
pub fn clean_file_name(sent: Option<&str>, fallback: &str) -> String {
    let last = sent.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let mut name: String = last.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_owned();
    while name.len() > 255 {
        name.pop();
    }
    if name.is_empty() || name == "." || name == ".." { fallback.to_owned() } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_keeps_its_last_segment_only() {
        assert_eq!(clean_file_name(Some("../../etc/passwd"), "x"), "passwd");
        assert_eq!(clean_file_name(Some("C:\\证照\\营业执照.pdf"), "x"), "营业执照.pdf");
        assert_eq!(clean_file_name(Some("a\u{0}b\n.pdf"), "x"), "ab.pdf");
        assert_eq!(clean_file_name(Some(".."), "file.pdf"), "file.pdf");
        assert_eq!(clean_file_name(None, "file.pdf"), "file.pdf");
        assert!(clean_file_name(Some(&"长".repeat(200)), "x").len() <= 255);
    }

    #[test]
    fn the_tighter_limit_binds() {
        let limits = FileLimits { max_file_bytes: 100, max_case_bytes: 1000 };
        assert_eq!(Limit::of(limits, 0), Limit { bytes: 100, case_bound: false });
        assert_eq!(Limit::of(limits, 950), Limit { bytes: 50, case_bound: true });
        assert_eq!(Limit::of(limits, 2000), Limit { bytes: 0, case_bound: true });
    }
}
