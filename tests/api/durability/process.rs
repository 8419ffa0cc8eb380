//! The `butler` binary as a process of its own, so that it can be killed like a crashed server.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::helpers::JWT_SECRET;

/// A running `butler serve --demo` (demo mode for `advanceClock`; the demo county is already
/// in the database and stays as it is).
pub struct ServerProcess {
    child: Child,
    pub base: String,
}

impl ServerProcess {
    /// Starts the server on `database_url`, its files under `files`, and waits until it listens.
    pub fn start(database_url: &str, files: &Path) -> ServerProcess {
        let butler = crate::dossier::butler_binary();
        let mut child = Command::new(butler)
            .args(["serve", "--demo"])
            .env_clear()
            .env("BUTLER_DATABASE_URL", database_url)
            .env("BUTLER_BIND", "127.0.0.1:0")
            .env("BUTLER_JWT_SECRET", JWT_SECRET)
            .env("BUTLER_WEB_DIR", "/nonexistent")
            .env("BUTLER_SCHEDULER_INTERVAL_SECS", "0")
            .env("BUTLER_DELIVERY__ENABLED", "false")
            .env("BUTLER_DEMO_CASES", "false")
            .env("BUTLER_WORKERS", "2")
            .env("BUTLER_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE", "100000")
            .env("BUTLER_STORAGE__LOCAL_ROOT", files)
            .env("RUST_LOG", "error")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start butler");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        // Reads until the server says where it listens, then keeps draining its output.
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.strip_prefix("Project Butler listening on ")
                    && let Some(tx) = tx.take()
                {
                    let addr = rest.split_whitespace().next().unwrap_or("").to_owned();
                    tx.send(addr).ok();
                }
            }
        });
        let base = rx.recv().expect("the server exited before listening");
        ServerProcess { child, base }
    }

    /// Kills the process at once (SIGKILL): no shutdown, no flushing, no closing of connections.
    pub fn kill(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap");
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
