//! Nothing lost on a crash: the real `butler` process killed (SIGKILL) in the middle of
//! thousands of concurrent writes and restarted on the same database (`kill.rs`), and
//! `butler backup` / `restore` / `verify` (`backup.rs`). `process.rs` runs the binary,
//! `workload.rs` drives a realistic mix of writes and keeps a ledger of what was answered.

mod backup;
mod kill;
mod process;
mod workload;
