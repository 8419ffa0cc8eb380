//! Request metrics in the Prometheus text format (`/metrics`).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

/// Request counts and durations by method, route pattern and status.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    /// Records one request. `route` is the matched pattern (`/api/v1/users/{id}`, or
    /// `unmatched`), never the raw path, and a method outside HTTP's own is counted as
    /// `OTHER`, so no request can add series without bound.
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let method = known_method(method);
        let mut map = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        let series = map.entry((method.to_owned(), route.to_owned(), status)).or_default();
        series.count += 1;
        series.sum += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                series.buckets[i] += 1;
            }
        }
    }

    pub fn render(&self) -> String {
        let map = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = String::new();
        let _ = writeln!(out, "# HELP butler_build_info Build information.");
        let _ = writeln!(out, "# TYPE butler_build_info gauge");
        let _ = writeln!(out, "butler_build_info{{version=\"{}\"}} 1", env!("CARGO_PKG_VERSION"));
        let _ = writeln!(out, "# HELP butler_http_requests_total HTTP requests served.");
        let _ = writeln!(out, "# TYPE butler_http_requests_total counter");
        for ((method, route, status), s) in map.iter() {
            let _ = writeln!(
                out,
                "butler_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {}",
                s.count
            );
        }
        let _ = writeln!(out, "# HELP butler_http_request_duration_seconds Time to serve HTTP requests.");
        let _ = writeln!(out, "# TYPE butler_http_request_duration_seconds histogram");
        for ((method, route, status), s) in map.iter() {
            let labels = format!("method=\"{method}\",route=\"{route}\",status=\"{status}\"");
            for (i, bound) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "butler_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {}",
                    s.buckets[i]
                );
            }
            let _ = writeln!(out, "butler_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", s.count);
            let _ = writeln!(out, "butler_http_request_duration_seconds_sum{{{labels}}} {}", s.sum);
            let _ = writeln!(out, "butler_http_request_duration_seconds_count{{{labels}}} {}", s.count);
        }
        out
    }
}

/// The method as a label value: one of HTTP's methods, or `OTHER`.
fn known_method(method: &str) -> &'static str {
    const KNOWN: [&str; 9] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"];
    KNOWN.into_iter().find(|m| *m == method).unwrap_or("OTHER")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_cumulative_buckets() {
        let m = Metrics::default();
        m.observe("GET", "/api/v1/me", 200, 0.003);
        m.observe("GET", "/api/v1/me", 200, 0.2);
        let text = m.render();
        assert!(text.contains("butler_http_requests_total{method=\"GET\",route=\"/api/v1/me\",status=\"200\"} 2"));
        assert!(text.contains("le=\"0.005\"} 1"));
        assert!(text.contains("le=\"0.25\"} 2"));
        assert!(text.contains("le=\"+Inf\"} 2"));
    }

    #[test]
    fn odd_methods_fold_into_one_series() {
        let m = Metrics::default();
        m.observe("FROBNICATE", "unmatched", 404, 0.001);
        m.observe("XYZZY", "unmatched", 404, 0.001);
        let text = m.render();
        assert!(text.contains("butler_http_requests_total{method=\"OTHER\",route=\"unmatched\",status=\"404\"} 2"));
        assert!(!text.contains("FROBNICATE"));
    }
}
