//! The server under measurement: the release `butler` binary (`butler serve`), spawned as a
//! process of its own on the benchmark's database, so that its resident memory is its own and
//! its start can be timed. It is configured as in production through `BUTLER_*` variables,
//! except: no background sweep (measured on its own), no delivery worker, no sign-in
//! throttling for the benchmark's logins, and tokens that outlast a long load.

use anyhow::{Context, bail};
use rand::Rng;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How the server process is started.
#[derive(Clone)]
pub struct ServerSpec {
    pub bin: PathBuf,
    pub database_url: String,
    pub pool: u32,
    pub workers: usize,
    /// The built web app (`frontend/dist`), served at `/` when it holds an `index.html`.
    pub web_dir: PathBuf,
    /// Where the server's log lines go.
    pub log: PathBuf,
    pub files: PathBuf,
    jwt_secret: String,
}

impl ServerSpec {
    pub fn new(bin: PathBuf, database_url: &str, pool: u32, workers: usize, web_dir: PathBuf, scratch: &Path) -> Self {
        let mut secret = [0u8; 48];
        rand::rng().fill(&mut secret[..]);
        ServerSpec {
            bin,
            database_url: database_url.to_owned(),
            pool,
            workers,
            web_dir,
            log: scratch.join("server.log"),
            files: scratch.join("files"),
            jwt_secret: secret.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

/// A running server process.
pub struct Server {
    child: Child,
    pub base: String,
    /// From the spawn to the first `/readyz` 200.
    pub start_secs: f64,
}

/// A free port on the loopback interface (the server binds it right after).
fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Spawns `butler serve` and waits until `/readyz` answers 200 (at most 120 s).
pub async fn spawn(spec: &ServerSpec) -> anyhow::Result<Server> {
    if !spec.bin.is_file() {
        bail!("no server binary at {} (build it: cargo build --release -p butler-server)", spec.bin.display());
    }
    let port = free_port()?;
    let log = std::fs::OpenOptions::new().create(true).append(true).open(&spec.log)?;
    let started = Instant::now();
    let mut child = Command::new(&spec.bin)
        .arg("serve")
        .env("BUTLER_DATABASE_URL", &spec.database_url)
        .env("BUTLER_DATABASE_MAX_CONNECTIONS", spec.pool.to_string())
        .env("BUTLER_BIND", format!("127.0.0.1:{port}"))
        .env("BUTLER_JWT_SECRET", &spec.jwt_secret)
        // The benchmark's world is loaded with the demo's key.
        .env("BUTLER_PII_KEYS", butler_app::pii::DEMO_KEYS)
        .env("BUTLER_METRICS_TOKEN", crate::http::METRICS_TOKEN)
        .env("BUTLER_ACCESS_TOKEN_TTL_SECS", (6 * 3600).to_string())
        .env("BUTLER_REFRESH_TOKEN_TTL_SECS", (12 * 3600).to_string())
        .env("BUTLER_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE", "10000")
        .env("BUTLER_WEB_DIR", &spec.web_dir)
        .env("BUTLER_WORKERS", spec.workers.to_string())
        .env("BUTLER_SCHEDULER_INTERVAL_SECS", "0")
        .env("BUTLER_DELIVERY__ENABLED", "false")
        .env("BUTLER_STORAGE__LOCAL_ROOT", &spec.files)
        .env("BUTLER_LOG_FORMAT", "json")
        .env("RUST_LOG", "warn")
        // As the image sets it (Dockerfile): freed memory goes back to the system at once.
        .env("MIMALLOC_PURGE_DELAY", "0")
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .with_context(|| format!("starting {}", spec.bin.display()))?;
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder().timeout(Duration::from_secs(2)).build()?;
    let deadline = started + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait()? {
            bail!("the server exited during start ({status}); see {}", spec.log.display());
        }
        if let Ok(res) = client.get(format!("{base}/readyz")).send().await
            && res.status().as_u16() == 200
        {
            break;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            bail!("the server was not ready within 120 s; see {}", spec.log.display());
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    Ok(Server { child, base, start_secs: started.elapsed().as_secs_f64() })
}

impl Server {
    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The process's resident memory now and at its peak, in KiB (`VmRSS`, `VmHWM`).
    pub fn memory_kb(&self) -> Option<(u64, u64)> {
        memory_kb(&std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?)
    }

    /// Asks the server to stop (SIGTERM, as an init system does) and waits for it (at most
    /// 30 s, then kills it).
    pub async fn stop(mut self) -> anyhow::Result<()> {
        Command::new("kill").arg("-TERM").arg(self.pid().to_string()).status().ok();
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.child.try_wait()?.is_none() {
            if Instant::now() > deadline {
                self.child.kill().ok();
                self.child.wait()?;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.child.kill().ok();
            self.child.wait().ok();
        }
    }
}

/// `VmRSS` and `VmHWM` (KiB) of a `/proc/<pid>/status` text.
pub fn memory_kb(status: &str) -> Option<(u64, u64)> {
    let field = |name: &str| {
        status.lines().find_map(|l| l.strip_prefix(name)).and_then(|rest| rest.split_whitespace().next()?.parse().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// Start-to-ready times of `n` starts on the (already migrated) database, in seconds; each
/// server is stopped before the next starts.
pub async fn start_times(spec: &ServerSpec, n: usize) -> anyhow::Result<Vec<f64>> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let server = spawn(spec).await?;
        out.push(server.start_secs);
        server.stop().await?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_resident_and_peak_memory() {
        let status = "Name:\tbutler\nVmPeak:\t  900000 kB\nVmHWM:\t   70312 kB\nVmRSS:\t   65536 kB\nThreads:\t5\n";
        assert_eq!(memory_kb(status), Some((65536, 70312)));
        assert_eq!(memory_kb("Name:\tbutler\n"), None);
    }
}
