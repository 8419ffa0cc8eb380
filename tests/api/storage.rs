//! The two stores a test may run on: a folder of its own, or a real S3-compatible server
//! process (`moto_server`) on a free port, started for the test and killed at its end.

use butler_server::config::{Secret, StorageKind, StorageSettings};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Which store the server keeps files in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    Local,
    S3,
}

/// A running `moto_server` with one bucket.
pub struct Moto {
    child: Child,
    pub endpoint: String,
    pub bucket: String,
}

impl Moto {
    pub async fn start() -> Moto {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server runs (pip install 'moto[server]')");
        let endpoint = format!("http://127.0.0.1:{port}");
        let bucket = "butler-files".to_owned();
        let moto = Moto { child, endpoint, bucket };
        let client = reqwest::Client::new();
        // Ready when it answers; then the bucket (moto accepts unsigned requests).
        let mut ready = false;
        for _ in 0..600 {
            if client.get(&moto.endpoint).send().await.is_ok() {
                ready = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(ready, "moto_server did not start");
        let made = client.put(format!("{}/{}", moto.endpoint, moto.bucket)).send().await.expect("create bucket");
        assert!(made.status().is_success(), "create bucket: {}", made.status());
        moto
    }

    pub fn settings(&self) -> StorageSettings {
        StorageSettings {
            kind: StorageKind::S3,
            s3_endpoint: self.endpoint.clone(),
            s3_bucket: self.bucket.clone(),
            s3_region: "us-east-1".into(),
            s3_access_key_id: "test".into(),
            s3_secret_access_key: Secret::new("test"),
            ..StorageSettings::default()
        }
    }

    /// How many objects the bucket holds.
    pub async fn object_count(&self) -> usize {
        let r = reqwest::get(format!("{}/{}?list-type=2", self.endpoint, self.bucket)).await.expect("list");
        let text = r.text().await.expect("list body");
        text.matches("<Key>").count()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How many files a local store's folder holds (in any subfolder).
pub fn local_object_count(root: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(root) else { return 0 };
    entries
        .flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() { local_object_count(&path) } else { 1 }
        })
        .sum()
}
