//! The onboarding commands: `butler onboard` (a county from its workbook, all or nothing;
//! initial passwords to a CSV file, never to the log), `butler export-county` and
//! `butler onboarding-template` (blank, or the prepared example county).

use std::path::Path;

use anyhow::Context as _;
use butler_app::AppError;
use butler_app::onboarding::{self, OnboardOptions, OnboardReport};
use butler_app::pii::Keyring;
use butler_domain::onboarding::print;
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, TransactionTrait};

/// Why a workbook was refused: every problem, one per line, named by sheet, row and column.
fn refused(e: AppError) -> anyhow::Error {
    match e {
        AppError::Validation(fields) => anyhow::anyhow!(
            "workbook refused, nothing written:\n{}",
            fields.iter().map(|f| format!("  {}: {}", f.field, f.en)).collect::<Vec<_>>().join("\n")
        ),
        other => anyhow::anyhow!("{other}"),
    }
}

/// A CSV field, quoted when it needs to be.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

/// The initial passwords as CSV (UTF-8 with a byte-order mark, so a spreadsheet reads the
/// Chinese names): user name, name, role, department, initial password.
pub fn passwords_csv(report: &OnboardReport) -> String {
    let mut out = String::from("\u{feff}tenant,username,display_name,role,department_code,initial_password\n");
    for u in &report.users {
        let fields = [
            report.code.as_str(),
            u.username.as_str(),
            u.display_name.as_str(),
            u.role.code(),
            u.department_code.as_deref().unwrap_or_default(),
            u.initial_password.as_deref().unwrap_or_default(),
        ];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// What the onboarding created (never a password).
pub fn summary(report: &OnboardReport) -> String {
    let mut out = String::new();
    let verb = if report.dry_run { "would create (dry run, nothing written)" } else { "created" };
    out.push_str(&format!("county `{}` ({}) {verb}:\n", report.code, report.name));
    out.push_str(&format!("  settings version {}\n", report.settings_version));
    out.push_str(&format!("  public profile: {}\n", if report.profile { "yes" } else { "no" }));
    out.push_str(&format!("  {} departments: {}\n", report.departments.len(), report.departments.join(", ")));
    out.push_str(&format!("  {} users:\n", report.users.len()));
    for u in &report.users {
        out.push_str(&format!(
            "    {:<24} {:<20} {:<20} {}\n",
            u.username,
            u.role.code(),
            u.department_code.as_deref().unwrap_or("-"),
            u.display_name
        ));
    }
    out.push_str(&format!("  {} catalog items (published):\n", report.catalog.items.len()));
    for i in &report.catalog.items {
        out.push_str(&format!("    {:<12} {}\n", i.code, i.name));
    }
    out.push_str(&format!("  {} local calendar days\n", report.calendar_days));
    out
}

/// Onboards the county of the workbook `file`. A real run needs `passwords_out`, where the
/// initial passwords go (the file is created new: an existing one is never overwritten).
pub async fn onboard_file(
    db: &DatabaseConnection,
    keys: &Keyring,
    file: &Path,
    dry_run: bool,
    passwords_out: Option<&Path>,
    now: DateTime<Utc>,
) -> anyhow::Result<OnboardReport> {
    anyhow::ensure!(
        dry_run || passwords_out.is_some(),
        "--passwords-out FILE.csv is required: the initial passwords are written there and nowhere else"
    );
    if let Some(out) = passwords_out {
        anyhow::ensure!(!out.exists(), "{} exists already; choose a new file for the passwords", out.display());
    }
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let text = onboarding::workbook_text(&bytes).map_err(refused)?;
    let txn = db.begin().await?;
    let report =
        onboarding::onboard_text(&txn, keys, &text, OnboardOptions { dry_run }, None, now).await.map_err(refused)?;
    if dry_run {
        txn.rollback().await?;
        return Ok(report);
    }
    if let Some(out) = passwords_out {
        write_private(out, passwords_csv(&report).as_bytes())
            .with_context(|| format!("writing the passwords to {}", out.display()))?;
    }
    txn.commit().await?;
    Ok(report)
}

/// Writes a new file readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(bytes)
}

/// Writes the county `code` in the workbook to `file`.
pub async fn export_file(db: &DatabaseConnection, keys: &Keyring, code: &str, file: &Path) -> anyhow::Result<()> {
    let rendered = onboarding::export_county_as(db, keys, code).await.map_err(|e| match e {
        AppError::NotFound => anyhow::anyhow!("no county `{code}`"),
        other => anyhow::anyhow!("{other}"),
    })?;
    std::fs::write(file, rendered.bytes).with_context(|| format!("writing {}", file.display()))
}

/// Writes the blank workbook (or, with `example`, the prepared example county) to `file`.
pub fn template_file(file: &Path, example: bool) -> anyhow::Result<()> {
    let bytes = if example {
        onboarding::workbook_bytes(&print(&onboarding::example_county()))
    } else {
        onboarding::template_workbook()
    }
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    std::fs::write(file, bytes).with_context(|| format!("writing {}", file.display()))
}
