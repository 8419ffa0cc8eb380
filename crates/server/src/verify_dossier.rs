//! `butler verify-dossier FILE.zip`: checks a downloaded dossier (一事一档) offline, with no
//! configuration, database or network, by `butler_domain::dossier::verify_archive`.

use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;

use butler_domain::case::history::BreakKind;
use butler_domain::dossier::{self, DossierBreak, DossierFiles, Report};
use zip::ZipArchive;

/// The largest file the check reads (a dossier's files are a few MB each).
const MAX_FILE_BYTES: u64 = 1 << 31;

/// What checking an archive found, and the exit code it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Intact: exit 0.
    Intact(Report),
    /// The first problem: exit 1.
    Broken(DossierBreak),
    /// Not a ZIP archive, or it cannot be read: exit 2.
    Unreadable(String),
}

impl Outcome {
    /// The process's exit code.
    pub fn exit_code(&self) -> i32 {
        match self {
            Outcome::Intact(_) => 0,
            Outcome::Broken(_) => 1,
            Outcome::Unreadable(_) => 2,
        }
    }
}

/// An open archive as the domain's check reads it.
struct ZipFiles<R: Read + std::io::Seek>(ZipArchive<R>);

impl<R: Read + std::io::Seek> DossierFiles for ZipFiles<R> {
    fn paths(&self) -> Vec<String> {
        // A name that does not decode is still a file the manifest does not list.
        self.0
            .file_names()
            .map(|n| n.map_or_else(|e| format!("<{e}>"), |n| n.into_owned()))
            .filter(|n| !n.ends_with('/'))
            .collect()
    }

    fn read(&mut self, path: &str) -> Option<Vec<u8>> {
        let file = self.0.by_name(path).ok()?;
        if file.is_dir() || file.size() > MAX_FILE_BYTES {
            return None;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0));
        file.take(MAX_FILE_BYTES).read_to_end(&mut bytes).ok()?;
        Some(bytes)
    }
}

/// Checks the archive at `path`.
pub fn verify_file(path: &Path) -> Outcome {
    match std::fs::File::open(path) {
        Ok(file) => verify_reader(file),
        Err(e) => Outcome::Unreadable(e.to_string()),
    }
}

/// Checks an archive read from `reader`.
pub fn verify_reader(reader: impl Read + std::io::Seek) -> Outcome {
    let archive = match ZipArchive::new(reader) {
        Ok(a) => a,
        Err(e) => return Outcome::Unreadable(e.to_string()),
    };
    match dossier::verify_archive(&mut ZipFiles(archive)) {
        Ok(report) => Outcome::Intact(report),
        Err(b) => Outcome::Broken(b),
    }
}

fn kind_text(kind: BreakKind) -> &'static str {
    match kind {
        BreakKind::Sequence => "序号不连续 / sequence number out of place",
        BreakKind::Hash => "哈希不符 / hash does not match",
        BreakKind::Downgrade => "链版本回退 / chain version downgraded",
    }
}

/// The first problem in both languages, naming the file or event.
pub fn break_text(b: &DossierBreak) -> String {
    match b {
        DossierBreak::NoManifest => format!("缺少清单 / no manifest: {}", dossier::MANIFEST_PATH),
        DossierBreak::Unreadable { path, reason } => format!("无法解析 / cannot be parsed: {path} ({reason})"),
        DossierBreak::UnsupportedFormat(v) => format!("不支持的清单格式 / unsupported manifest format: {v}"),
        DossierBreak::HistoryNotListed => {
            format!("清单未列出履历 / the manifest does not list {}", dossier::HISTORY_PATH)
        }
        DossierBreak::HistoryMismatch { field } => {
            format!("履历与清单不属同一案件 / history and manifest differ in {field}")
        }
        DossierBreak::Event { sequence, kind } => {
            format!("履历第 {sequence} 条事件断链 / history broken at event {sequence}: {}", kind_text(*kind))
        }
        DossierBreak::Head { manifest, history } => format!(
            "履历止于第 {} 条，清单记载链头为第 {} 条 / history ends at event {}, the manifest's chain head is event {} ({})",
            history.length, manifest.length, history.length, manifest.length, manifest.hash
        ),
        DossierBreak::Missing { path } => format!("文件缺失 / file missing: {path}"),
        DossierBreak::Changed { path } => format!("文件被改动 / file changed: {path}"),
        DossierBreak::Extra { path } => format!("清单外文件 / file not in the manifest: {path}"),
    }
}

/// The human summary the command prints.
pub fn summary(file: &Path, outcome: &Outcome) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "一事一档校验 / Dossier check: {}", file.display());
    match outcome {
        Outcome::Intact(r) => {
            let _ = writeln!(out, "结果 / Result: 完整 / INTACT");
            let _ = writeln!(out, "  案件 / Case:            {} ({})", r.case_number, r.case_id);
            let _ = writeln!(out, "  租户 / Tenant:          {}", r.tenant_id);
            let _ = writeln!(out, "  生成于 / As of:         {}", r.generated_at.to_rfc3339());
            let _ = writeln!(out, "  文件 / Files:           {} ({} bytes, SHA-256)", r.files, r.bytes);
            let _ = writeln!(
                out,
                "  履历 / History:         {} events ({} v1, {} v2), {}",
                r.chain_head.length, r.events_v1, r.events_v2, r.chain_algorithm
            );
            let _ = writeln!(out, "  链头 / Chain head:      {}", r.chain_head.hash);
            if let Some(sm3) = &r.manifest_sm3 {
                let _ = writeln!(out, "  清单 SM3 / Manifest SM3: {sm3}");
            }
            let _ = writeln!(
                out,
                "请与服务器上的链头核对（verifyCaseHistory）以获得完全保证。\n\
                 Compare the chain head with the server's (verifyCaseHistory) for full assurance."
            );
        }
        Outcome::Broken(b) => {
            let _ = writeln!(out, "结果 / Result: 已损坏 / BROKEN");
            let _ = writeln!(out, "  {}", break_text(b));
        }
        Outcome::Unreadable(reason) => {
            let _ = writeln!(out, "结果 / Result: 无法读取 / UNREADABLE");
            let _ = writeln!(out, "  不是可读的 ZIP 文件 / not a readable ZIP archive: {reason}");
        }
    }
    out
}
