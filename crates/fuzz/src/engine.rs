//! The loop: every corpus seed first, then mutants of the pool until the time is up. A mutant
//! whose outcome (the parser's answer or refusal, by kind) was not seen before joins the pool,
//! so the run spreads over the parser's branches. A panic, a broken property or an input that
//! runs longer than the time limit ends the run; the input is saved and printed.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::mutate::mutate;
use crate::rng::Rng;
use crate::targets::Target;

/// The most inputs kept in a target's pool.
const POOL_MAX: usize = 2_000;

/// How a run ends badly.
#[derive(Debug)]
pub struct Failure {
    pub kind: FailureKind,
    pub message: String,
    pub input: Vec<u8>,
    /// Where the input was saved.
    pub saved: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    Panic,
    Property,
    Hang,
}

impl FailureKind {
    fn word(self) -> &'static str {
        match self {
            FailureKind::Panic => "crash",
            FailureKind::Property => "property",
            FailureKind::Hang => "hang",
        }
    }
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Stats {
    pub executions: u64,
    pub outcomes: usize,
    pub pool: usize,
}

/// How to run one target.
pub struct Settings {
    pub seed: u64,
    pub duration: Duration,
    /// Stop after this many mutants even if time is left.
    pub iterations: Option<u64>,
    /// Longest time one input may take.
    pub timeout: Duration,
    /// Where failing inputs are saved (`<out>/<target>/<kind>-<hash>`).
    pub out: PathBuf,
    /// Write every input here before running it (to catch one that aborts the process).
    pub journal: Option<PathBuf>,
}

/// The input being run, with when it started, for the watchdog.
type Current = Arc<Mutex<Option<(Instant, Vec<u8>)>>>;

/// Runs `target` from `seeds` for the time in `settings`.
pub fn fuzz(target: &Target, seeds: &[Vec<u8>], settings: &Settings) -> Result<Stats, Failure> {
    let current: Current = Arc::new(Mutex::new(None));
    let watchdog = spawn_watchdog(target.name, current.clone(), settings.timeout, settings.out.clone());
    let result = fuzz_loop(target, seeds, settings, &current);
    watchdog.stop();
    result
}

fn fuzz_loop(target: &Target, seeds: &[Vec<u8>], settings: &Settings, current: &Current) -> Result<Stats, Failure> {
    let mut rng = Rng::new(settings.seed);
    let mut pool: Vec<Vec<u8>> = Vec::new();
    let mut outcomes: HashSet<String> = HashSet::new();
    let mut stats = Stats::default();
    let run = |input: &[u8], stats: &mut Stats| -> Result<String, Failure> {
        stats.executions += 1;
        if let Some(path) = &settings.journal {
            let _ = std::fs::write(path, input);
        }
        execute(target, input, current).map_err(|f| save(f, target.name, &settings.out))
    };
    for seed in seeds {
        let outcome = run(seed, &mut stats)?;
        outcomes.insert(outcome);
        pool.push(seed.clone());
    }
    if pool.is_empty() {
        pool.push(Vec::new());
    }
    let seeds_len = pool.len();
    let deadline = Instant::now() + settings.duration;
    let mut mutants = 0u64;
    while Instant::now() < deadline && settings.iterations.is_none_or(|n| mutants < n) {
        mutants += 1;
        let parent = rng.below(pool.len());
        let child = mutate(&mut rng, &pool[parent], target.shape, target.dictionary, &pool, target.max_len);
        let outcome = run(&child, &mut stats)?;
        if outcomes.insert(outcome) {
            if pool.len() < POOL_MAX {
                pool.push(child);
            } else {
                let slot = seeds_len + rng.below(pool.len() - seeds_len);
                pool[slot] = child;
            }
        }
    }
    stats.outcomes = outcomes.len();
    stats.pool = pool.len();
    Ok(stats)
}

/// Runs one input: its outcome's name, or why it failed.
pub fn execute(target: &Target, input: &[u8], current: &Current) -> Result<String, Failure> {
    if let Ok(mut slot) = current.lock() {
        *slot = Some((Instant::now(), input.to_vec()));
    }
    let result = catch_unwind(AssertUnwindSafe(|| (target.run)(input)));
    if let Ok(mut slot) = current.lock() {
        *slot = None;
    }
    match result {
        Ok(Ok(outcome)) => Ok(outcome),
        Ok(Err(broken)) => {
            Err(Failure { kind: FailureKind::Property, message: broken, input: input.to_vec(), saved: None })
        }
        Err(panic) => {
            let message = crate::panics::take().unwrap_or_else(|| panic_text(&panic));
            Err(Failure { kind: FailureKind::Panic, message, input: input.to_vec(), saved: None })
        }
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

/// Saves a failing input under `out/<target>/` and records where.
fn save(mut failure: Failure, target: &str, out: &Path) -> Failure {
    failure.saved = write_input(out, target, failure.kind, &failure.input);
    failure
}

fn write_input(out: &Path, target: &str, kind: FailureKind, input: &[u8]) -> Option<PathBuf> {
    let dir = out.join(target);
    std::fs::create_dir_all(&dir).ok()?;
    let hash = hex::encode(Sha256::digest(input));
    let path = dir.join(format!("{}-{}", kind.word(), &hash[..16]));
    std::fs::write(&path, input).ok()?;
    Some(path)
}

/// The report of a failure, with the input (escaped, the first 2 KiB) and how to replay it.
pub fn describe(target: &str, failure: &Failure) -> String {
    let shown: String =
        failure.input.iter().take(2048).flat_map(|b| std::ascii::escape_default(*b)).map(char::from).collect();
    let more = if failure.input.len() > 2048 { " …" } else { "" };
    let saved = failure.saved.as_ref().map_or_else(|| "(not saved)".to_owned(), |p| p.display().to_string());
    format!(
        "{target}: {} — {}\n  input ({} bytes): b\"{shown}\"{more}\n  saved: {saved}\n  replay: cargo run -p butler-fuzz -- replay {target} {saved}",
        failure.kind.word(),
        failure.message,
        failure.input.len(),
    )
}

struct Watchdog {
    stop: Arc<Mutex<bool>>,
    handle: std::thread::JoinHandle<()>,
}

impl Watchdog {
    fn stop(self) {
        if let Ok(mut stop) = self.stop.lock() {
            *stop = true;
        }
        let _ = self.handle.join();
    }
}

/// A thread that ends the process when one input runs longer than `timeout`, after saving
/// and printing it (a hung parser cannot be interrupted from inside).
fn spawn_watchdog(target: &'static str, current: Current, timeout: Duration, out: PathBuf) -> Watchdog {
    let stop = Arc::new(Mutex::new(false));
    let stopped = stop.clone();
    let handle = std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(50));
            if stopped.lock().map(|s| *s).unwrap_or(true) {
                return;
            }
            let hung = current.lock().ok().and_then(|slot| {
                slot.as_ref().filter(|(started, _)| started.elapsed() > timeout).map(|(_, input)| input.clone())
            });
            if let Some(input) = hung {
                let saved = write_input(&out, target, FailureKind::Hang, &input);
                let failure = Failure {
                    kind: FailureKind::Hang,
                    message: format!("one input ran longer than {} ms", timeout.as_millis()),
                    input,
                    saved,
                };
                eprintln!("FAILED {}", describe(target, &failure));
                std::process::exit(3);
            }
        }
    });
    Watchdog { stop, handle }
}
