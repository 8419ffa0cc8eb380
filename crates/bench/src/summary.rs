//! The headline table: every goal of the performance issue with its figure, the baseline
//! measured in the same run, the ratio and the verdict, one row per measurement and database.

use std::fmt::Write as _;

use crate::stats::f2;

/// What a figure must reach.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// The ratio to the baseline is at least this.
    RatioAtLeast(f64),
    /// The value is at least this (in the row's unit).
    AtLeast(f64),
    /// The value is at most this (in the row's unit).
    AtMost(f64),
    /// The value is positive (a property that holds or not).
    Holds(&'static str),
    /// No goal: shown for context.
    None,
}

impl Goal {
    fn text(&self, unit: &str) -> String {
        match self {
            Goal::RatioAtLeast(g) => format!("ratio ≥ {g:.2}"),
            Goal::AtLeast(g) => format!("≥ {}", with_unit(*g, unit)),
            Goal::AtMost(g) => format!("≤ {}", with_unit(*g, unit)),
            Goal::Holds(what) => (*what).to_owned(),
            Goal::None => "—".to_owned(),
        }
    }
}

/// One measurement on one database.
#[derive(Debug, Clone)]
pub struct Row {
    /// The goal's number in the issue (1 reads … 5 the browser).
    pub goal_no: u8,
    pub measure: String,
    pub database: String,
    /// The figure as a number in `unit` (None: not measured).
    pub value: Option<f64>,
    pub unit: &'static str,
    /// The figure as shown (defaults to value and unit).
    pub shown: Option<String>,
    /// The baseline, as shown, and its value (for the ratio).
    pub baseline: Option<(String, f64)>,
    pub goal: Goal,
}

impl Row {
    pub fn new(goal_no: u8, measure: impl Into<String>, database: &str, value: Option<f64>, unit: &'static str) -> Row {
        Row {
            goal_no,
            measure: measure.into(),
            database: database.to_owned(),
            value,
            unit,
            shown: None,
            baseline: None,
            goal: Goal::None,
        }
    }

    pub fn goal(mut self, goal: Goal) -> Row {
        self.goal = goal;
        self
    }

    pub fn baseline(mut self, shown: impl Into<String>, value: f64) -> Row {
        self.baseline = Some((shown.into(), value));
        self
    }

    pub fn shown(mut self, shown: impl Into<String>) -> Row {
        self.shown = Some(shown.into());
        self
    }

    /// Figure ÷ baseline, when both are there and the baseline is positive.
    pub fn ratio(&self) -> Option<f64> {
        match (self.value, &self.baseline) {
            (Some(v), Some((_, b))) if *b > 0.0 => Some(v / b),
            _ => None,
        }
    }

    /// Met, missed, or nothing to judge (no goal, or not measured).
    pub fn met(&self) -> Option<bool> {
        let v = self.value?;
        match self.goal {
            Goal::RatioAtLeast(g) => self.ratio().map(|r| r >= g),
            Goal::AtLeast(g) => Some(v >= g),
            Goal::AtMost(g) => Some(v <= g),
            Goal::Holds(_) => Some(v > 0.0),
            Goal::None => None,
        }
    }

    fn figure(&self) -> String {
        match (&self.shown, self.value) {
            (Some(s), _) => s.clone(),
            (None, Some(v)) => with_unit(v, self.unit),
            (None, None) => "not measured".to_owned(),
        }
    }
}

/// `v` in `unit`: `1,000/s`, `0.25 ms`, `95`.
pub fn with_unit(v: f64, unit: &str) -> String {
    let v = group_digits(v);
    if unit.is_empty() || unit.starts_with('/') { format!("{v}{unit}") } else { format!("{v} {unit}") }
}

/// A figure with thousands separated by commas above 1,000, else [`f2`].
pub fn group_digits(v: f64) -> String {
    if v.abs() < 1000.0 {
        return f2(v);
    }
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

/// The table: rows in the order given (measurement by measurement, each database in turn).
pub fn render(rows: &[Row]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "| # | measurement | database | figure | same-run baseline | ratio | goal | verdict |");
    let _ = writeln!(s, "|---|---|---|---:|---:|---:|---|---|");
    for r in rows {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            r.goal_no,
            r.measure,
            r.database,
            r.figure(),
            r.baseline.as_ref().map_or("—".to_owned(), |(b, _)| b.clone()),
            r.ratio().map_or("—".to_owned(), |x| format!("{x:.3}")),
            r.goal.text(r.unit),
            match r.met() {
                Some(true) => "met",
                Some(false) => "**missed**",
                None => "—",
            }
        );
    }
    s
}

/// Rows of several databases interleaved: each measurement's rows together, in the order of
/// the first database's measurements (then any measurement only a later one has).
pub fn interleave(per_database: &[Vec<Row>]) -> Vec<Row> {
    let mut order: Vec<(u8, String)> = Vec::new();
    for rows in per_database {
        for r in rows {
            if !order.iter().any(|(g, m)| *g == r.goal_no && *m == r.measure) {
                order.push((r.goal_no, r.measure.clone()));
            }
        }
    }
    order.sort_by_key(|(g, _)| *g);
    let mut out = Vec::new();
    for (g, m) in order {
        for rows in per_database {
            out.extend(rows.iter().filter(|r| r.goal_no == g && r.measure == m).cloned());
        }
    }
    out
}

/// The median of `xs` (the lower middle for an even count); None when empty.
pub fn median(xs: &[f64]) -> Option<f64> {
    let mut v = xs.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() { None } else { Some(v[(v.len() - 1) / 2]) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_and_verdict_follow_the_goal() {
        let r = Row::new(1, "getCase, 16", "SQLite", Some(2_000.0), "req/s")
            .baseline("/healthz 40,000 req/s", 40_000.0)
            .goal(Goal::RatioAtLeast(0.40));
        assert_eq!(r.ratio(), Some(0.05));
        assert_eq!(r.met(), Some(false));
        let r = r.baseline("/healthz 4,000 req/s", 4_000.0);
        assert_eq!(r.ratio(), Some(0.5));
        assert_eq!(r.met(), Some(true));

        let at_most = Row::new(4, "RSS", "SQLite", Some(64.0), "MB").goal(Goal::AtMost(64.0));
        assert_eq!(at_most.met(), Some(true));
        let over = Row::new(4, "RSS", "SQLite", Some(64.5), "MB").goal(Goal::AtMost(64.0));
        assert_eq!(over.met(), Some(false));
        let at_least = Row::new(2, "createCase", "SQLite", Some(999.0), "/s").goal(Goal::AtLeast(1000.0));
        assert_eq!(at_least.met(), Some(false));
        let holds = Row::new(5, "gzip", "SQLite", Some(0.0), "").goal(Goal::Holds("gzip and br"));
        assert_eq!(holds.met(), Some(false));
        assert_eq!(Goal::AtLeast(1000.0).text("/s"), "≥ 1,000/s");
        assert_eq!(Goal::AtMost(0.25).text("ms"), "≤ 0.25 ms");
        assert_eq!(Goal::AtLeast(95.0).text(""), "≥ 95.0");
    }

    #[test]
    fn nothing_to_judge_without_a_figure_a_baseline_or_a_goal() {
        let none = Row::new(5, "Lighthouse", "SQLite", None, "").goal(Goal::AtLeast(95.0));
        assert_eq!(none.met(), None);
        let zero_base =
            Row::new(2, "transitions", "SQLite", Some(10.0), "/s").baseline("0/s", 0.0).goal(Goal::RatioAtLeast(0.5));
        assert_eq!(zero_base.ratio(), None);
        assert_eq!(zero_base.met(), None);
        let context = Row::new(2, "raw commits", "SQLite", Some(4000.0), "/s");
        assert_eq!(context.met(), None);
    }

    #[test]
    fn renders_one_line_per_row() {
        let rows = vec![
            Row::new(1, "getCase, 16 clients", "SQLite", Some(1824.4), "req/s")
                .baseline("40,000 req/s", 40_000.0)
                .goal(Goal::RatioAtLeast(0.4)),
            Row::new(5, "Lighthouse", "SQLite", None, "").shown("not measured (no scripts/lighthouse)"),
        ];
        let table = render(&rows);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(
            lines[2],
            "| 1 | getCase, 16 clients | SQLite | 1,824 req/s | 40,000 req/s | 0.046 | ratio ≥ 0.40 | **missed** |"
        );
        assert_eq!(lines[3], "| 5 | Lighthouse | SQLite | not measured (no scripts/lighthouse) | — | — | — | — |");
    }

    #[test]
    fn interleaves_databases_by_measurement() {
        let a = vec![Row::new(2, "w", "SQLite", Some(1.0), ""), Row::new(1, "r", "SQLite", Some(1.0), "")];
        let b = vec![Row::new(1, "r", "PostgreSQL", Some(2.0), ""), Row::new(2, "w", "PostgreSQL", Some(2.0), "")];
        let rows = interleave(&[a, b]);
        let keys: Vec<_> = rows.iter().map(|r| format!("{}{}", r.measure, r.database)).collect();
        assert_eq!(keys, ["rSQLite", "rPostgreSQL", "wSQLite", "wPostgreSQL"]);
    }

    #[test]
    fn groups_digits_and_takes_medians() {
        assert_eq!(group_digits(1_234_567.4), "1,234,567");
        assert_eq!(group_digits(999.4), "999");
        assert_eq!(group_digits(0.123), "0.12");
        assert_eq!(median(&[0.5, 0.1, 0.3, 0.2, 0.4]), Some(0.3));
        assert_eq!(median(&[]), None);
    }
}
