//! The rows of the headline table for one database's run: each goal of the performance issue
//! with its figure and, where the goal is a ratio, the baseline measured in the same run.

use crate::browser::Browser;
use crate::http::LoadResult;
use crate::run::{DatabaseRun, StepReport};
use crate::stats::{WriteResult, f2};
use crate::summary::{Goal, Row, group_digits, median};

fn kb(n: u64) -> String {
    if n >= 1_000_000 { format!("{:.2} MB", n as f64 / 1e6) } else { format!("{:.1} kB", n as f64 / 1e3) }
}

fn with_errors(figure: String, errors: u64) -> String {
    if errors == 0 { figure } else { format!("{figure} ({errors} errors)") }
}

fn per_sec(w: &WriteResult) -> String {
    with_errors(format!("{}/s", group_digits(w.per_sec)), w.errors)
}

fn throughput(r: &LoadResult) -> String {
    with_errors(format!("{} req/s", group_digits(r.throughput)), r.errors)
}

/// Goal 1 on one step: the ceiling, then each read at `--clients` against it and at one
/// client against 0.25 ms.
fn reads(db: &str, step: &StepReport, rows: &mut Vec<Row>) {
    let at = &step.label;
    let c = &step.ceiling;
    rows.push(
        Row::new(1, format!("`/healthz` (ceiling), {} connections, {at}", c.clients), db, Some(c.throughput), "req/s")
            .shown(throughput(c)),
    );
    for r in &step.reads {
        let m = &r.many;
        rows.push(
            Row::new(1, format!("{}, {} connections, {at}", r.name, m.clients), db, Some(m.throughput), "req/s")
                .shown(throughput(m))
                .baseline(format!("{} req/s", group_digits(c.throughput)), c.throughput)
                .goal(Goal::RatioAtLeast(0.40)),
        );
        let s = &r.single;
        rows.push(
            Row::new(1, format!("{}, 1 client, median, {at}", r.name), db, Some(s.lat.median), "ms")
                .shown(with_errors(format!("{} ms", f2(s.lat.median)), s.errors))
                .goal(Goal::AtMost(0.25)),
        );
    }
}

/// Goal 2 on the largest step: transitions against the raw commit rate, and createCase.
fn writes(db: &str, step: &StepReport, rows: &mut Vec<Row>) {
    let at = &step.label;
    if let (Some((r1, rn)), Some((t1, tn))) = (&step.raw, &step.transitions) {
        for (raw, t) in [(r1, t1), (rn, tn)] {
            let who = if t.clients == 1 { "1 client".to_owned() } else { format!("{} clients", t.clients) };
            rows.push(
                Row::new(2, format!("sheet transitions, {who}, {at}"), db, Some(t.per_sec), "/s")
                    .shown(per_sec(t))
                    .baseline(
                        format!("raw commits {}/s ({} loops)", group_digits(raw.per_sec), raw.clients),
                        raw.per_sec,
                    )
                    .goal(Goal::RatioAtLeast(0.5)),
            );
        }
    }
    if let Some(c) = &step.create_cases {
        rows.push(
            Row::new(
                2,
                format!("createCase, {} clients (window, fresh enterprises), {at}", c.clients),
                db,
                Some(c.per_sec),
                "/s",
            )
            .shown(per_sec(c))
            .goal(Goal::AtLeast(1000.0)),
        );
    }
}

/// Goal 3 on the largest step: the p95 of each statistics request.
fn statistics(db: &str, step: &StepReport, rows: &mut Vec<Row>) {
    for (what, s) in &step.statistics {
        rows.push(
            Row::new(3, format!("getSheetStatistics {what}, {}", step.label), db, Some(s.p95), "ms")
                .shown(format!("p50 {} / p95 {} ms", f2(s.median), f2(s.p95)))
                .goal(Goal::AtMost(50.0)),
        );
    }
}

/// Goal 5: compression, caching and the Lighthouse score.
fn browser(db: &str, b: Option<&Browser>, rows: &mut Vec<Row>) {
    let Some(b) = b else {
        rows.push(Row::new(5, "the browser's delivery", db, None, "").shown("not measured (failed, see the log)"));
        return;
    };
    for e in &b.encoded {
        rows.push(
            Row::new(
                5,
                format!("compression of {} (`{}`)", e.what, e.path),
                db,
                Some(f64::from(u8::from(e.negotiated()))),
                "",
            )
            .shown(format!(
                "{} → gzip {} ({}), br {} ({})",
                kb(e.identity),
                kb(e.gzip.0),
                if e.gzip.1.is_empty() { "not encoded" } else { e.gzip.1.as_str() },
                kb(e.br.0),
                if e.br.1.is_empty() { "not encoded" } else { e.br.1.as_str() },
            ))
            .goal(Goal::Holds("gzip and br negotiated")),
        );
    }
    for (what, path, header) in &b.caching {
        let (ok, goal) = if what == "index.html" {
            (header.contains("no-cache") || header.contains("no-store"), "no-cache")
        } else {
            (header.contains("immutable"), "immutable")
        };
        let shown = if header.is_empty() { "(no Cache-Control)".to_owned() } else { format!("`{header}`") };
        rows.push(
            Row::new(5, format!("Cache-Control of {what} (`{path}`)"), db, Some(f64::from(u8::from(ok))), "")
                .shown(shown)
                .goal(Goal::Holds(goal)),
        );
    }
    let (value, shown) = match &b.lighthouse {
        Ok(s) => (Some(*s), format!("{s:.0}")),
        Err(why) => (None, why.clone()),
    };
    rows.push(
        Row::new(5, "Lighthouse performance, the portal's first screen (mobile)", db, value, "")
            .shown(shown)
            .goal(Goal::AtLeast(95.0)),
    );
}

/// Every row of one database's run.
pub fn rows(db: &str, run: &DatabaseRun) -> Vec<Row> {
    let mut rows = Vec::new();
    let demo = run.steps.iter().find(|s| s.demo);
    let largest = run.steps.iter().rfind(|s| !s.demo);
    for step in demo.iter().chain(largest.iter()) {
        reads(db, step, &mut rows);
    }
    if let Some(step) = largest {
        writes(db, step, &mut rows);
        statistics(db, step, &mut rows);
    }
    for step in demo.iter().chain(largest.iter()) {
        let (value, shown) = match step.memory_kb {
            Some((rss, peak)) => {
                let mb = rss as f64 / 1024.0;
                (Some(mb), format!("{mb:.1} MB (peak {:.1} MB)", peak as f64 / 1024.0))
            }
            None => (None, "not measured".to_owned()),
        };
        let goal = if step.demo { Goal::None } else { Goal::AtMost(64.0) };
        rows.push(
            Row::new(4, format!("server RSS after the reads and writes, {}", step.label), db, value, "MB")
                .shown(shown)
                .goal(goal),
        );
    }
    let start = median(&run.start_secs);
    rows.push(
        Row::new(4, format!("start to ready (`/readyz` 200), median of {}", run.start_secs.len()), db, start, "s")
            .shown(match start {
                Some(m) => format!(
                    "{m:.3} s ({})",
                    run.start_secs.iter().map(|s| format!("{s:.3}")).collect::<Vec<_>>().join(", ")
                ),
                None => "not measured".to_owned(),
            })
            .goal(Goal::AtMost(0.5)),
    );
    browser(db, run.browser.as_ref(), &mut rows);
    rows
}
