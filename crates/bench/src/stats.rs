//! Latency figures and their formatting.

/// Milliseconds at the median and the tail of a run.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub median: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

/// The quantiles of `ms` (nearest rank); all zero for an empty run.
pub fn stats(mut ms: Vec<f64>) -> Stats {
    if ms.is_empty() {
        return Stats::default();
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| ms[((q * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
    Stats { median: at(0.5), p95: at(0.95), p99: at(0.99), max: ms[ms.len() - 1] }
}

pub fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A figure with two significant decimals below 10, one below 100, none above.
pub fn f2(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else if x >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

/// `1 M`, `100 k`, or the number itself.
pub fn thousands(n: u64) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{} M", n / 1_000_000)
    } else if n >= 1_000 && n.is_multiple_of(1_000) {
        format!("{} k", n / 1_000)
    } else {
        n.to_string()
    }
}

/// A run of writes: sheet transitions over HTTP, or raw commits.
pub struct WriteResult {
    pub clients: usize,
    /// Mean time inside the server per command (transitions only).
    pub server_ms: Option<f64>,
    pub commands: u64,
    pub errors: u64,
    pub per_sec: f64,
    pub lat: Stats,
    pub first_error: Option<String>,
}
