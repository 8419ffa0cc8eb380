//! The Markdown report.

use std::fmt::Write as _;

use crate::run::StepReport;
use crate::stats::{f2, thousands};
use crate::target::Target;
use crate::world::World;
use crate::{Args, SHEETS_PER_CASE};

/// The machine: cores, processor, memory.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| s.lines().next().map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse::<u64>().unwrap_or(0)))
        .unwrap_or(0);
    format!(
        "{} × {cpu}, {:.1} GiB memory",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        mem as f64 / 1024.0 / 1024.0,
    )
}

/// The report of a run: the setting, then one table per measurement with a row per step, then
/// the query plans.
pub fn render(
    args: &Args,
    target: &Target,
    w: &World,
    busiest: usize,
    steps: &[StepReport],
    plans: &str,
    load_total: f64,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## Details: {}\n", target.label.split(" (").next().unwrap_or(""));
    let _ = writeln!(s, "- database: {}", target.label);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let _ = writeln!(
        s,
        "- load average at the end of this database's run: {}",
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );
    let _ = writeln!(
        s,
        "- server: the release `butler serve` as a process of its own, {} HTTP workers, pool of {} connections, scheduler and delivery worker off (the sweep is measured alone, in-process)",
        if args.workers == 0 { "one per core".to_owned() } else { args.workers.to_string() },
        args.pool
    );
    let _ = writeln!(
        s,
        "- data: {} sheets over {} cases ({SHEETS_PER_CASE} items and sheets each), loaded in steps {}; busiest department `{}`",
        thousands(args.sheets),
        thousands(args.sheets / SHEETS_PER_CASE as u64),
        steps.iter().map(|r| r.label.clone()).collect::<Vec<_>>().join(" → "),
        w.depts[busiest].code
    );
    let _ = writeln!(s, "- total load time: {load_total:.1} s\n");

    let _ = writeln!(s, "### Load\n");
    let _ = writeln!(s, "| step | cases | sheets (open) | rows written | time | sheets/s | database size |");
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|");
    for r in steps.iter().filter(|r| !r.demo) {
        let _ = writeln!(
            s,
            "| {} | {} | {} ({}) | {} | {:.1} s | {:.0} | {} MB |",
            r.label,
            r.cases,
            r.sheets,
            r.open_sheets,
            r.rows,
            r.load_secs,
            (r.sheets as f64
                - steps
                    .iter()
                    .filter(|x| !x.demo)
                    .take_while(|x| x.label != r.label)
                    .last()
                    .map_or(0.0, |p| p.sheets as f64))
                / r.load_secs,
            r.db_bytes / 1_000_000
        );
    }

    let _ = writeln!(s, "\n### Reads (closed loop, random ids; ceiling `/healthz` in the same run)\n");
    let _ = writeln!(
        s,
        "| step | request | as | clients | seconds | requests/s | ÷ ceiling | server mean ms | median ms | p95 ms | p99 ms | max ms | errors |"
    );
    let _ = writeln!(s, "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in steps {
        let ceiling = r.ceiling.throughput;
        let mut runs = vec![("`/healthz`", "anyone", &r.ceiling)];
        for x in &r.reads {
            runs.push((x.name, x.who.as_str(), &x.single));
            runs.push((x.name, x.who.as_str(), &x.many));
        }
        for (name, who, g) in runs {
            let _ = writeln!(
                s,
                "| {} | {name} | {who} | {} | {} | {:.0} | {:.3} | {} | {} | {} | {} | {} | {} |",
                r.label,
                g.clients,
                g.secs,
                g.throughput,
                g.throughput / ceiling.max(1e-9),
                if g.server_ms > 0.0 { f2(g.server_ms) } else { "—".into() },
                f2(g.lat.median),
                f2(g.lat.p95),
                f2(g.lat.p99),
                f2(g.lat.max),
                g.errors
            );
        }
    }

    let _ =
        writeln!(s, "\n### Work queues (`listTasks`, limit 50; {} sequential requests each)\n", args.queue_requests);
    let _ = writeln!(
        s,
        "| step | queue | as | length | first page HTTP median / p95 ms | repo median ms | deep page HTTP median / p95 ms | repo median ms |"
    );
    let _ = writeln!(s, "|---|---|---|---:|---:|---:|---:|---:|");
    for r in steps {
        for q in &r.queues {
            let deep = match (&q.deep_http, &q.deep_repo) {
                (Some(h), Some(d)) => {
                    (format!("{} / {} (at {})", f2(h.median), f2(h.p95), q.deep_position), f2(d.median))
                }
                _ => ("—".into(), "—".into()),
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} / {} | {} | {} | {} |",
                r.label,
                q.label,
                q.who,
                q.length,
                f2(q.first_http.median),
                f2(q.first_http.p95),
                f2(q.first_repo.median),
                deep.0,
                deep.1
            );
        }
    }

    let _ = writeln!(s, "\n### Sheet transitions vs raw commits ({} s runs)\n", args.write_secs);
    let _ =
        writeln!(s, "| step | what | clients | count | per second | server mean ms | median ms | p95 ms | errors |");
    let _ = writeln!(s, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in steps {
        if let (Some((r1, rn)), Some((t1, tn))) = (&r.raw, &r.transitions) {
            for (what, x) in [
                ("raw INSERT+COMMIT", r1),
                ("raw INSERT+COMMIT", rn),
                ("transition (acknowledge/finish via API)", t1),
                ("transition (acknowledge/finish via API)", tn),
            ] {
                let _ = writeln!(
                    s,
                    "| {} | {what} | {} | {} | {:.0} | {} | {} | {} | {} |",
                    r.label,
                    x.clients,
                    x.commands,
                    x.per_sec,
                    x.server_ms.map(f2).unwrap_or_else(|| "—".into()),
                    f2(x.lat.median),
                    f2(x.lat.p95),
                    x.errors
                );
            }
            if let Some(c) = &r.create_cases {
                let _ = writeln!(
                    s,
                    "| {} | createCase (window, fresh enterprises) | {} | {} | {:.0} | — | {} | {} | {} |",
                    r.label,
                    c.clients,
                    c.commands,
                    c.per_sec,
                    f2(c.lat.median),
                    f2(c.lat.p95),
                    c.errors
                );
            }
            let _ = writeln!(
                s,
                "| {} | **ratio** transitions ÷ raw commits | 1 / {} | | {:.3} / {:.3} | | | | |",
                r.label,
                rn.clients,
                t1.per_sec / r1.per_sec.max(1e-9),
                tn.per_sec / rn.per_sec.max(1e-9)
            );
        }
    }

    let _ = writeln!(s, "\n### Statistics (`getSheetStatistics`, sequential requests)\n");
    let _ = writeln!(s, "| step | request (as `office`) | median / p95 ms |");
    let _ = writeln!(s, "|---|---|---:|");
    for r in steps {
        for (what, x) in &r.statistics {
            let _ = writeln!(s, "| {} | {what} | {} / {} |", r.label, f2(x.median), f2(x.p95));
        }
    }

    let _ = writeln!(s, "\n### Reminder sweep (`reminders::sweep`)\n");
    let _ = writeln!(
        s,
        "| step | open deadlines | due per sweep | claimed | notifications | sweep median / p95 ms | nothing-due sweep median ms |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|");
    for r in steps {
        let Some(x) = &r.sweep else { continue };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} / {} | {} |",
            r.label,
            x.open_deadlines,
            x.due,
            x.deadlines_claimed,
            x.notifications,
            f2(x.sweep.median),
            f2(x.sweep.p95),
            f2(x.empty.median)
        );
    }

    let _ = writeln!(s, "\n### Server memory (`/proc/<pid>/status` after the step's reads and writes)\n");
    let _ = writeln!(s, "| step | VmRSS MB | VmHWM (peak) MB |");
    let _ = writeln!(s, "|---|---:|---:|");
    for r in steps {
        if let Some((rss, peak)) = r.memory_kb {
            let _ = writeln!(s, "| {} | {:.1} | {:.1} |", r.label, rss as f64 / 1024.0, peak as f64 / 1024.0);
        }
    }

    let _ = writeln!(s, "\n### Query plans\n{plans}");
    s
}
