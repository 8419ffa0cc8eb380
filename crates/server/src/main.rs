//! `butler`: the Project Butler server.

use anyhow::Context;
use butler_app::clock::SystemClock;
use butler_server::{Settings, catalog, demo, onboarding, telemetry};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::sync::Arc;

/// mimalloc rather than the C library's allocator, whose per-thread arenas kept the workers'
/// freed memory resident; with `MIMALLOC_PURGE_DELAY=0` (set by the image) mimalloc returns it at
/// once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "butler", version, about = "项目管家 Project Butler — assisted handling of major investment projects")]
struct Cli {
    /// A TOML configuration file (also `BUTLER_CONFIG`); `BUTLER_*` variables override it.
    #[arg(long, env = "BUTLER_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the API and the web app.
    Serve {
        /// Load the demo county (tenant `example`) once and print its accounts.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI contract (what `openapi/openapi.json` must contain).
    Openapi,
    /// Load the demo county without serving.
    Demo,
    /// Create a tenant (a county).
    CreateTenant {
        /// A short lower-case code users type when signing in (`example`).
        #[arg(long)]
        code: String,
        /// The county's name (`示例县`).
        #[arg(long)]
        name: String,
        /// The smallest total investment served, in 万元 (default 5000).
        #[arg(long, default_value_t = 5000)]
        threshold_wan: i64,
    },
    /// Create an administrator of a tenant. The password is read from BUTLER_ADMIN_PASSWORD
    /// or, when unset, from the first line of standard input.
    CreateAdmin {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: String,
    },
    /// Create a platform administrator (above the counties: creates, configures, onboards and
    /// suspends them). The password is read from BUTLER_ADMIN_PASSWORD or, when unset, from the
    /// first line of standard input. Signs in with tenant `platform`.
    CreatePlatformAdmin {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: String,
    },
    /// Import an approval-item catalog workbook (.xlsx in the catalog template, see
    /// docs/catalog-template.md) into a tenant: all or nothing; new and changed items are
    /// published at once unless --drafts.
    ImportCatalog {
        /// The tenant's code.
        #[arg(long)]
        tenant: String,
        /// Keep new and changed versions as drafts.
        #[arg(long)]
        drafts: bool,
        /// Only print what would be created or changed.
        #[arg(long)]
        dry_run: bool,
        file: PathBuf,
    },
    /// Onboard a county from its workbook (see docs/onboarding-template.md): all or nothing.
    /// Prints what it created; the initial passwords go to --passwords-out only.
    Onboard {
        /// Only print what would be created; nothing is written.
        #[arg(long)]
        dry_run: bool,
        /// A new CSV file for the users' initial passwords (required unless --dry-run).
        #[arg(long)]
        passwords_out: Option<PathBuf>,
        file: PathBuf,
    },
    /// Seal every personal number (people's phone and mobile numbers) under the current key of
    /// BUTLER_PII_KEYS: after a key rotation, and once after upgrading from a release that kept
    /// them in plain text. Idempotent, in batches, safe while the server runs; exits 1 when a
    /// value is sealed under a key no longer configured.
    EncryptPii {
        /// Rows per transaction.
        #[arg(long, default_value_t = 500)]
        batch: u64,
    },
    /// Export a county in the onboarding workbook (no passwords).
    ExportCounty {
        /// The county's code.
        #[arg(long)]
        tenant: String,
        file: PathBuf,
    },
    /// Write the blank onboarding workbook, with its guide (or, with --example, a prepared
    /// fictional county).
    OnboardingTemplate {
        #[arg(long)]
        example: bool,
        file: PathBuf,
    },
    /// Copy the SQLite database, consistently while the server runs, into a new file and
    /// check the copy (for PostgreSQL it prints the `pg_dump` way and exits 2).
    Backup {
        /// The new backup file.
        #[arg(long)]
        to: PathBuf,
    },
    /// Put an SQLite backup in place of the configured database (which must not exist) after
    /// checking it: migrations, every case's history chain, nothing half written. Exits 1 and
    /// restores nothing when the backup does not check out.
    Restore {
        /// The backup file.
        #[arg(long)]
        from: PathBuf,
    },
    /// Check the configured database (SQLite or PostgreSQL, e.g. after `pg_restore`): migrations,
    /// every case's history chain (SM3) and that no change is half written; a summary, each
    /// broken case by number. Exits 0 intact, 1 not.
    Verify,
    /// Check a downloaded dossier (一事一档) offline: every file against the manifest, the
    /// history's hash chain and its head. Needs no configuration, database or network. Exits 0
    /// when intact, 1 naming the first break, 2 when the file is not a readable ZIP archive.
    VerifyDossier {
        /// The archive (`一事一档-<case number>.zip`).
        file: PathBuf,
    },
    /// Recount the supervision statistics' counters of every county from the task sheets (the
    /// database keeps them with every change; this is maintenance). Prints how many counter
    /// rows were wrong; exits 1 if any was.
    RecountStatistics,
}

fn print_import(report: &butler_app::catalog_workbook::ImportReport, tenant: &str) {
    use butler_domain::catalog::template::ImportOutcome;
    for i in &report.items {
        println!("  {:<10} {:<10} v{} {:<9} {}", i.code, i.outcome.code(), i.version, i.status.code(), i.name);
    }
    println!(
        "{} `{tenant}`: {} created, {} changed, {} unchanged{}",
        if report.dry_run { "dry run, nothing written in" } else { "imported into" },
        report.count(ImportOutcome::Created),
        report.count(ImportOutcome::Changed),
        report.count(ImportOutcome::Unchanged),
        if report.publish { " (published)" } else { " (drafts)" },
    );
}

fn print_accounts(summary: &demo::DemoSummary, password_hint: &str) {
    println!();
    println!("Demo county `{}` {}", summary.tenant, if summary.created { "loaded" } else { "already present" });
    println!("Sign in with tenant `{}` and password {password_hint}:", summary.tenant);
    for a in &summary.accounts {
        println!("  {:<34} {:<20} {}", a.username, a.role.code(), a.display_name);
    }
    println!(
        "Platform administrator: tenant `{}`, user `{}`, the same password.",
        butler_app::platform::PLATFORM_CODE,
        summary.platform_admin
    );
    println!();
}

/// Prints a maintenance command's summary and ends with its exit code.
fn finish(outcome: butler_server::backup::Outcome) -> anyhow::Result<()> {
    print!("{}", outcome.summary);
    if outcome.exit_code != 0 {
        std::process::exit(outcome.exit_code);
    }
    Ok(())
}

/// An administrator's password: BUTLER_ADMIN_PASSWORD, else the first line of standard input.
fn admin_password() -> anyhow::Result<String> {
    match std::env::var("BUTLER_ADMIN_PASSWORD") {
        Ok(p) => Ok(p),
        Err(_) => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            Ok(line.trim_end_matches(['\r', '\n']).to_owned())
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Command::Openapi = cli.command {
        print!("{}", butler_http::openapi::to_json(&butler_http::openapi())?);
        return Ok(());
    }
    if let Command::VerifyDossier { file } = &cli.command {
        let outcome = butler_server::verify_dossier::verify_file(file);
        print!("{}", butler_server::verify_dossier::summary(file, &outcome));
        std::process::exit(outcome.exit_code());
    }
    if let Command::OnboardingTemplate { example, file } = &cli.command {
        onboarding::template_file(file, *example)?;
        println!("onboarding workbook written to {}", file.display());
        return Ok(());
    }
    let settings = Settings::load(cli.config.as_deref())?;
    telemetry::init(settings.log_format);
    let hint =
        if std::env::var_os("BUTLER_DEMO_PASSWORD").is_some() { "from BUTLER_DEMO_PASSWORD" } else { "`butler-demo`" };
    match cli.command {
        Command::Openapi | Command::VerifyDossier { .. } | Command::OnboardingTemplate { .. } => Ok(()),
        Command::RecountStatistics => {
            let db = butler_persistence::connect(&settings.database_url, 2).await?;
            butler_persistence::migrate(&db).await.context("migrating")?;
            let r = butler_persistence::repo::statistics::rebuild_counters(&db).await?;
            println!(
                "recounted: {} day rows ({} were wrong), {} open-deadline rows ({} were wrong)",
                r.day_rows, r.day_rows_wrong, r.due_rows, r.due_rows_wrong
            );
            if r.day_rows_wrong + r.due_rows_wrong > 0 {
                std::process::exit(1);
            }
            Ok(())
        }
        Command::Backup { to } => finish(butler_server::backup::backup(&settings.database_url, &to).await?),
        Command::Restore { from } => finish(butler_server::backup::restore(&settings.database_url, &from).await?),
        Command::Verify => finish(butler_server::backup::verify_url(&settings.database_url).await?),
        Command::Migrate => {
            settings.prepare_sqlite_dir()?;
            let db = butler_persistence::connect(&settings.database_url, 2).await?;
            butler_persistence::migrate(&db).await.context("migrating")?;
            println!("migrations applied");
            Ok(())
        }
        Command::Demo => {
            settings.prepare_sqlite_dir()?;
            let db = butler_persistence::connect(&settings.database_url, 2).await?;
            butler_persistence::migrate(&db).await?;
            let clock = SystemClock::default();
            let keys = butler_server::pii_keyring(&settings, true)?;
            let summary = demo::load(
                &db,
                &keys,
                &demo::DEMO_COUNTY,
                settings.demo_password.expose(),
                butler_app::clock::Clock::now(&clock),
            )
            .await?;
            print_accounts(&summary, hint);
            Ok(())
        }
        Command::CreateTenant { code, name, threshold_wan } => {
            let code = butler_domain::text::Code::parse(&code).map_err(|e| anyhow::anyhow!("code: {e}"))?;
            anyhow::ensure!(
                code.as_str() != butler_app::platform::PLATFORM_CODE,
                "`{}` is the platform's code, not a county's",
                butler_app::platform::PLATFORM_CODE
            );
            let name = butler_domain::text::Name::parse(&name).map_err(|e| anyhow::anyhow!("name: {e}"))?;
            anyhow::ensure!(threshold_wan > 0, "threshold must be positive");
            settings.prepare_sqlite_dir()?;
            let db = butler_persistence::connect(&settings.database_url, 2).await?;
            butler_persistence::migrate(&db).await?;
            let now = butler_app::clock::Clock::now(&SystemClock::default());
            let t = butler_persistence::repo::tenants::create(
                &db,
                butler_persistence::repo::tenants::NewTenant {
                    code: code.as_str(),
                    name: name.as_str(),
                    investment_threshold_fen: threshold_wan * 10_000 * 100,
                    time_zone: "Asia/Shanghai",
                    kind: butler_domain::settings::TenantKind::County,
                },
                now,
            )
            .await?;
            println!("created tenant `{}` ({})", t.code, t.name);
            Ok(())
        }
        Command::CreatePlatformAdmin { username, display_name } => {
            let password = admin_password()?;
            let password =
                butler_domain::text::NewPassword::parse(&password).map_err(|e| anyhow::anyhow!("password {e}"))?;
            let username = butler_domain::text::Code::parse(&username).map_err(|e| anyhow::anyhow!("username: {e}"))?;
            let display_name =
                butler_domain::text::Name::parse(&display_name).map_err(|e| anyhow::anyhow!("display name: {e}"))?;
            settings.prepare_sqlite_dir()?;
            let db = butler_persistence::connect(&settings.database_url, 2).await?;
            butler_persistence::migrate(&db).await?;
            let now = butler_app::clock::Clock::now(&SystemClock::default());
            let hash = butler_app::password::hash_blocking(password.expose().to_owned())
                .await
                .map_err(|e| anyhow::anyhow!("hashing: {e}"))?;
            let (user, created) =
                butler_app::platform::ensure_platform_admin(&db, &username, &display_name, &hash, now)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            anyhow::ensure!(created, "a platform administrator `{}` already exists", user.username);
            println!(
                "created platform administrator `{}`; sign in with tenant `{}`",
                user.username,
                butler_app::platform::PLATFORM_CODE
            );
            Ok(())
        }
        Command::CreateAdmin { tenant, username, display_name } => {
            let password = admin_password()?;
            let password =
                butler_domain::text::NewPassword::parse(&password).map_err(|e| anyhow::anyhow!("password {e}"))?;
            let username = butler_domain::text::Code::parse(&username).map_err(|e| anyhow::anyhow!("username: {e}"))?;
            let display_name =
                butler_domain::text::Name::parse(&display_name).map_err(|e| anyhow::anyhow!("display name: {e}"))?;
            let db = butler_persistence::connect(&settings.database_url, 2).await?;
            butler_persistence::migrate(&db).await?;
            let t = butler_persistence::repo::tenants::find_by_code(&db, &tenant)
                .await?
                .with_context(|| format!("no tenant `{tenant}`"))?;
            let hash = butler_app::password::hash_blocking(password.expose().to_owned())
                .await
                .map_err(|e| anyhow::anyhow!("hashing: {e}"))?;
            let now = butler_app::clock::Clock::now(&SystemClock::default());
            butler_persistence::repo::users::create(
                &db,
                t.id,
                butler_persistence::repo::users::NewUser {
                    username: username.as_str(),
                    display_name: display_name.as_str(),
                    role: butler_domain::role::Role::Admin,
                    department_id: None,
                    enterprise_id: None,
                    phone: None,
                    email: None,
                    password_hash: &hash,
                    approval_work_since: None,
                },
                now,
            )
            .await?;
            println!("created administrator `{username}` in `{tenant}`");
            Ok(())
        }
        Command::ImportCatalog { tenant, drafts, dry_run, file } => {
            let data = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let db = butler_persistence::connect(&settings.database_url, 2).await?;
            butler_persistence::migrate(&db).await?;
            let t = butler_persistence::repo::tenants::find_by_code(&db, &tenant)
                .await?
                .with_context(|| format!("no tenant `{tenant}`"))?;
            let clock = SystemClock::default();
            let txn = sea_orm::TransactionTrait::begin(&db).await?;
            let options = butler_app::catalog_workbook::ImportOptions { publish: !drafts, dry_run };
            let now = butler_app::clock::Clock::now(&clock);
            let report = catalog::import_xlsx(&txn, t.id, &data, options, now).await?;
            if dry_run {
                txn.rollback().await?;
            } else {
                txn.commit().await?;
            }
            print_import(&report, &tenant);
            Ok(())
        }
        Command::Onboard { dry_run, passwords_out, file } => {
            settings.prepare_sqlite_dir()?;
            let db = butler_persistence::connect(&settings.database_url, 2).await?;
            butler_persistence::migrate(&db).await?;
            let now = butler_app::clock::Clock::now(&SystemClock::default());
            let keys = butler_server::pii_keyring(&settings, false)?;
            let report = onboarding::onboard_file(&db, &keys, &file, dry_run, passwords_out.as_deref(), now).await?;
            print!("{}", onboarding::summary(&report));
            if let Some(out) = passwords_out.filter(|_| !dry_run) {
                println!("initial passwords written to {} (hand them out, then delete the file)", out.display());
            }
            Ok(())
        }
        Command::EncryptPii { batch } => {
            let keys = butler_server::pii_keyring(&settings, false)?;
            let db = butler_persistence::connect(&settings.database_url, 2).await?;
            butler_persistence::migrate(&db).await.context("migrating")?;
            let report = match butler_app::pii::reseal_all(&db, &keys, batch).await {
                Ok(report) => report,
                Err(e) => {
                    eprintln!("{e}");
                    std::process::exit(1);
                }
            };
            for (number, r) in report {
                println!(
                    "{number}: {} sealed under key `{}`, {} already were, {} changed meanwhile",
                    r.resealed,
                    keys.current_id(),
                    r.current,
                    r.changed_meanwhile
                );
            }
            Ok(())
        }
        Command::ExportCounty { tenant, file } => {
            let db = butler_persistence::connect(&settings.database_url, 2).await?;
            butler_persistence::migrate(&db).await?;
            let keys = butler_server::pii_keyring(&settings, false)?;
            onboarding::export_file(&db, &keys, &tenant, &file).await?;
            println!("county `{tenant}` written to {}", file.display());
            Ok(())
        }
        Command::Serve { demo } => {
            let running = butler_server::start(&settings, demo, Arc::new(SystemClock::default())).await?;
            if let Some(summary) = &running.demo {
                print_accounts(summary, hint);
            }
            println!(
                "Project Butler listening on http://{}  (API explorer: http://{}/docs/)",
                running.addr, running.addr
            );
            tracing::info!(addr = %running.addr, demo, "listening");
            running.server.await?;
            Ok(())
        }
    }
}
