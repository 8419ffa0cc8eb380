//! `butler-fuzz`: fuzzes every parser a stranger can reach, on the stable toolchain.
//!
//! Each target starts from its corpus of valid inputs (`crates/fuzz/corpus/<target>/`) and
//! runs mutants of them for a bounded time, from a printed seed that replays the run. A
//! panic, a broken property or a hung input fails the run; the input is saved and printed.
//!
//! ```text
//! butler-fuzz list
//! butler-fuzz run [TARGET…] [--secs N] [--budget N] [--seed S]
//! butler-fuzz replay TARGET FILE…
//! butler-fuzz seeds            # writes the generated seeds (workbooks) into the corpus
//! ```

mod engine;
mod mutate;
mod panics;
mod rng;
mod seeds;
mod targets;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::{Parser, Subcommand};

use engine::{Settings, describe, execute, fuzz};
use targets::Target;

#[derive(Parser)]
#[command(name = "butler-fuzz", about = "Fuzzes every parser a stranger can reach, for a bounded time")]
struct Cli {
    /// The corpus: one folder of seed inputs per target.
    #[arg(long, global = true, default_value_os_t = default_corpus())]
    corpus: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lists the targets.
    List,
    /// Fuzzes the targets named (all when none).
    Run {
        targets: Vec<String>,
        /// Seconds per target at most.
        #[arg(long, default_value_t = 10.0)]
        secs: f64,
        /// Seconds for the whole run, shared among the targets left.
        #[arg(long)]
        budget: Option<f64>,
        /// The run's seed (printed when not given); the same seed replays the same run.
        #[arg(long)]
        seed: Option<u64>,
        /// Mutants per target at most (with the time limit).
        #[arg(long)]
        iterations: Option<u64>,
        /// Milliseconds one input may take before it counts as a hang.
        #[arg(long, default_value_t = 5_000)]
        timeout_ms: u64,
        /// Where failing inputs are saved.
        #[arg(long, default_value = "target/fuzz-failures")]
        out: PathBuf,
        /// Writes every input here before running it, to catch one that aborts the process.
        #[arg(long)]
        journal: Option<PathBuf>,
    },
    /// Runs saved inputs through a target once each.
    Replay { target: String, files: Vec<PathBuf> },
    /// Writes the generated seeds (workbooks, sheets) into the corpus.
    Seeds,
}

fn default_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    panics::install();
    let result = match cli.command {
        Command::List => {
            for t in targets::all() {
                println!("{:<24} {}", t.name, t.about);
            }
            Ok(true)
        }
        Command::Run { targets: names, secs, budget, seed, iterations, timeout_ms, out, journal } => {
            let seed = seed.unwrap_or_else(fresh_seed);
            let run =
                RunArgs { secs, budget, seed, iterations, timeout: Duration::from_millis(timeout_ms), out, journal };
            select(&names).and_then(|chosen| run_all(&chosen, &cli.corpus, &run))
        }
        Command::Replay { target, files } => select(std::slice::from_ref(&target)).and_then(|t| replay(&t[0], &files)),
        Command::Seeds => seeds::write(&cli.corpus).map(|()| true),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("butler-fuzz: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn fresh_seed() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
}

/// The targets named, or all of them.
fn select(names: &[String]) -> anyhow::Result<Vec<Target>> {
    let all = targets::all();
    if names.is_empty() {
        return Ok(all);
    }
    let mut chosen = Vec::new();
    let mut all: Vec<Option<Target>> = all.into_iter().map(Some).collect();
    for name in names {
        let slot = all.iter_mut().find(|t| t.as_ref().is_some_and(|t| t.name == name));
        match slot.and_then(Option::take) {
            Some(t) => chosen.push(t),
            None => anyhow::bail!("no target `{name}` (see `butler-fuzz list`)"),
        }
    }
    Ok(chosen)
}

/// The seed inputs of a target, in a stable order.
pub fn corpus_of(corpus: &Path, target: &str) -> anyhow::Result<Vec<Vec<u8>>> {
    let dir = corpus.join(target);
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect(),
        Err(e) => anyhow::bail!("the corpus of `{target}` ({}): {e}", dir.display()),
    };
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).map_err(Into::into)).collect()
}

struct RunArgs {
    secs: f64,
    budget: Option<f64>,
    seed: u64,
    iterations: Option<u64>,
    timeout: Duration,
    out: PathBuf,
    journal: Option<PathBuf>,
}

fn run_all(chosen: &[Target], corpus: &Path, args: &RunArgs) -> anyhow::Result<bool> {
    let started = std::time::Instant::now();
    println!("butler-fuzz: seed {} ({} targets); replay with --seed {}", args.seed, chosen.len(), args.seed);
    let mut failed = false;
    for (i, target) in chosen.iter().enumerate() {
        let seeds = corpus_of(corpus, target.name)?;
        let mut secs = args.secs;
        if let Some(budget) = args.budget {
            let left = (budget - started.elapsed().as_secs_f64()).max(0.0);
            secs = secs.min(left / (chosen.len() - i) as f64);
        }
        let settings = Settings {
            seed: rng::target_seed(args.seed, target.name),
            duration: Duration::from_secs_f64(secs.max(0.0)),
            iterations: args.iterations,
            timeout: args.timeout,
            out: args.out.clone(),
            journal: args.journal.clone(),
        };
        match fuzz(target, &seeds, &settings) {
            Ok(stats) => println!(
                "ok     {:<24} {:>8} runs in {:>5.1} s, {:>4} outcomes, pool {:>4}",
                target.name, stats.executions, secs, stats.outcomes, stats.pool
            ),
            Err(failure) => {
                failed = true;
                println!("FAILED {}", describe(target.name, &failure));
                println!("  seed: butler-fuzz run {} --seed {}", target.name, args.seed);
            }
        }
    }
    Ok(!failed)
}

fn replay(target: &Target, files: &[PathBuf]) -> anyhow::Result<bool> {
    let current = Arc::new(Mutex::new(None));
    let mut all_ok = true;
    for file in files {
        let input = std::fs::read(file)?;
        match execute(target, &input, &current) {
            Ok(outcome) => println!("ok     {}: {outcome}", file.display()),
            Err(failure) => {
                all_ok = false;
                println!("FAILED {}", describe(target.name, &failure));
            }
        }
    }
    Ok(all_ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every target has a corpus, and every seed in it passes (no panic, no broken property).
    #[test]
    fn every_target_accepts_its_own_corpus() {
        let current = Arc::new(Mutex::new(None));
        for target in targets::all() {
            let seeds = corpus_of(&default_corpus(), target.name).unwrap();
            assert!(!seeds.is_empty(), "{} has no corpus", target.name);
            let mut accepted = 0;
            for seed in &seeds {
                let outcome = execute(&target, seed, &current).map_err(|f| describe(target.name, &f)).unwrap();
                accepted +=
                    usize::from(outcome.contains("Ok") || outcome.contains("Valid") || outcome.contains("parts"));
            }
            assert!(
                accepted > 0
                    || target.name == "accept_language"
                    || target.name == "if_match"
                    || target.name == "file_kind"
                    || target.name == "file_name"
                    || target.name == "text_values"
                    || target.name == "cursors",
                "no seed of {} is a valid input",
                target.name
            );
        }
    }

    /// The same seed makes the same mutants.
    #[test]
    fn a_run_is_replayed_by_its_seed() {
        let pool = vec![b"20\xe4\xb8\xaa\xe5\xb7\xa5\xe4\xbd\x9c\xe6\x97\xa5".to_vec()];
        let make = |seed| {
            let mut rng = rng::Rng::new(seed);
            (0..50)
                .map(|_| mutate::mutate(&mut rng, &pool[0], mutate::Shape::Text, &[b"x"], &pool, 64))
                .collect::<Vec<_>>()
        };
        assert_eq!(make(9), make(9));
        assert_ne!(make(9), make(10));
    }

    /// A target that panics on some input is caught, with that input saved.
    #[test]
    fn a_panic_is_caught_and_its_input_saved() {
        fn fragile(input: &[u8]) -> targets::Verdict {
            assert!(!input.contains(&b'!'), "an exclamation mark");
            Ok("Ok".into())
        }
        let target = Target {
            name: "fragile",
            about: "",
            shape: mutate::Shape::Text,
            dictionary: &[b"!"],
            max_len: 64,
            run: fragile,
        };
        let out = std::env::temp_dir().join(format!("butler-fuzz-test-{}", std::process::id()));
        let settings = Settings {
            seed: 1,
            duration: Duration::from_secs(30),
            iterations: Some(100_000),
            timeout: Duration::from_secs(5),
            out: out.clone(),
            journal: None,
        };
        let failure = fuzz(&target, &[b"calm".to_vec()], &settings).unwrap_err();
        assert!(failure.message.contains("an exclamation mark"), "{}", failure.message);
        assert!(failure.input.contains(&b'!'));
        assert_eq!(std::fs::read(failure.saved.unwrap()).unwrap(), failure.input);
        let _ = std::fs::remove_dir_all(out);
    }
}
