//! What the browser receives: the negotiated compression of `index.html`, the largest
//! JavaScript asset and a JSON answer; the `Cache-Control` of a hashed asset and of
//! `index.html`; and the Lighthouse performance score of the portal's first screen, from
//! `scripts/lighthouse` when the repository has one.

use std::path::Path;
use std::process::Command;

use crate::http::Api;

/// One resource fetched as-is, then with `gzip` and with `br` accepted.
pub struct Encoded {
    pub what: String,
    pub path: String,
    pub identity: u64,
    /// (bytes on the wire, `Content-Encoding`) when asked for gzip, then for brotli.
    pub gzip: (u64, String),
    pub br: (u64, String),
}

impl Encoded {
    /// Whether both encodings were served as asked.
    pub fn negotiated(&self) -> bool {
        self.gzip.1 == "gzip" && self.br.1 == "br"
    }
}

/// The browser-side figures.
pub struct Browser {
    pub encoded: Vec<Encoded>,
    /// (what, path, `Cache-Control` or empty).
    pub caching: Vec<(String, String, String)>,
    /// The Lighthouse performance score (0–100), or why there is none.
    pub lighthouse: Result<f64, String>,
}

/// Bytes on the wire and `Content-Encoding` of `path` with `accept` as `Accept-Encoding`
/// (the client decodes nothing).
async fn fetch(api: &Api, path: &str, token: &str, accept: &str) -> anyhow::Result<(u64, String, String)> {
    let mut req = api.client.get(format!("{}{path}", api.base)).header("Accept-Encoding", accept);
    if !token.is_empty() {
        req = req.bearer_auth(token);
    }
    let res = req.send().await?;
    let header = |name: &str| res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let (encoding, cache) = (header("content-encoding"), header("cache-control"));
    let body = res.bytes().await?;
    Ok((body.len() as u64, encoding, cache))
}

/// The largest `.js` file under `dist/assets`, as a path the server serves.
pub fn largest_script(dist: &Path) -> Option<String> {
    let entries = std::fs::read_dir(dist.join("assets")).ok()?;
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".js"))
        .filter_map(|e| Some((e.metadata().ok()?.len(), e.file_name().to_string_lossy().into_owned())))
        .max()
        .map(|(_, name)| format!("/assets/{name}"))
}

/// Measures the server at `api` serving the web app built in `dist`; `json` is an API path
/// answered with JSON to `token`. `lighthouse` is the script to call with the server binary
/// (`server_bin`) it should run.
pub async fn measure(
    api: &Api,
    dist: &Path,
    json: &str,
    token: &str,
    lighthouse: Option<&Path>,
    server_bin: &Path,
) -> anyhow::Result<Browser> {
    let has_app = dist.join("index.html").is_file();
    let script = if has_app { largest_script(dist) } else { None };
    let mut targets = vec![("JSON answer".to_owned(), json.to_owned(), token)];
    if has_app {
        targets.insert(0, ("index.html".to_owned(), "/".to_owned(), ""));
    }
    if let Some(s) = &script {
        targets.insert(1, ("largest script".to_owned(), s.clone(), ""));
    }
    let mut encoded = Vec::new();
    for (what, path, token) in targets {
        let (identity, _, _) = fetch(api, &path, token, "identity").await?;
        let (g, ge, _) = fetch(api, &path, token, "gzip").await?;
        let (b, be, _) = fetch(api, &path, token, "br").await?;
        encoded.push(Encoded { what, path, identity, gzip: (g, ge), br: (b, be) });
    }
    let mut caching = Vec::new();
    if has_app {
        caching.push(("index.html".to_owned(), "/".to_owned(), fetch(api, "/", "", "identity").await?.2));
        if let Some(s) = &script {
            caching.push(("hashed asset".to_owned(), s.clone(), fetch(api, s, "", "identity").await?.2));
        }
    }
    let lighthouse = match lighthouse {
        None => Err("not measured (no scripts/lighthouse)".to_owned()),
        Some(_) if !has_app => Err("not measured (no built web app)".to_owned()),
        Some(script) => run_lighthouse(script, server_bin),
    };
    Ok(Browser { encoded, caching, lighthouse })
}

/// Runs `script --server-bin server_bin` (it serves the demo county with the server measured,
/// on a database of its own, so the first screen is measured on the data it was designed for;
/// nothing is built, so the bench's binaries stay as they are) and reads its score from the last
/// JSON line it prints.
fn run_lighthouse(script: &Path, server_bin: &Path) -> Result<f64, String> {
    let out = Command::new(script)
        .arg("--server-bin")
        .arg(server_bin)
        .output()
        .map_err(|e| format!("not measured ({}: {e})", script.display()))?;
    if !out.status.success() {
        return Err(format!("not measured ({} exited with {})", script.display(), out.status));
    }
    score_of(&String::from_utf8_lossy(&out.stdout)).ok_or_else(|| "not measured (no score printed)".to_owned())
}

/// The performance score in the last line of `stdout` that is a JSON object with a numeric
/// `score` or `performance` (0–1 is read as a fraction of 100).
pub fn score_of(stdout: &str) -> Option<f64> {
    stdout.lines().rev().find_map(|line| {
        let v: serde_json::Value = serde_json::from_str(line.trim()).ok()?;
        // scripts/lighthouse prints its figures under `lighthouse`, the score in percent.
        let figures = v.get("lighthouse").unwrap_or(&v);
        if let Some(percent) = figures.get("performance_score").and_then(serde_json::Value::as_f64) {
            return Some(percent);
        }
        let s = ["performance", "score"].iter().find_map(|k| figures.get(k)?.as_f64())?;
        Some(if s <= 1.0 { s * 100.0 } else { s })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_score_from_the_last_json_line() {
        let out = "running lighthouse…\n{\"url\":\"http://x/\",\"score\":0.97}\n";
        assert_eq!(score_of(out), Some(97.0));
        assert_eq!(score_of("{\"performance\": 88}\n"), Some(88.0));
        assert_eq!(score_of("{\"score\": 0.5}\n{\"other\": 1}\n"), Some(50.0));
        assert_eq!(score_of("no json here\n"), None);
        // What scripts/lighthouse prints.
        let script = "{\"lighthouse\":{\"url\":\"http://x/portal\",\"performance_score\":96,\"runtime_error\":null}}\n";
        assert_eq!(score_of(script), Some(96.0));
        assert_eq!(score_of("{\"lighthouse\":{\"performance_score\":1}}\n"), Some(1.0));
    }

    #[test]
    fn finds_the_largest_script() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir(dir.path().join("assets"))?;
        std::fs::write(dir.path().join("assets/index-abc.js"), vec![b'x'; 10])?;
        std::fs::write(dir.path().join("assets/vendor-def.js"), vec![b'x'; 30])?;
        std::fs::write(dir.path().join("assets/style-123.css"), vec![b'x'; 99])?;
        assert_eq!(largest_script(dir.path()).as_deref(), Some("/assets/vendor-def.js"));
        assert_eq!(largest_script(&dir.path().join("missing")), None);
        Ok(())
    }
}
