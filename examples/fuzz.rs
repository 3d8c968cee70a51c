//! Runs the mutation fuzzer over every reader and option type and prints
//! one line per broken invariant, then a summary (DESIGN.md, "Fuzzing").
//!
//! ```text
//! cargo run --release --example fuzz -- --cases 1000000 --seed 1
//! cargo run --release --example fuzz -- --help    # every flag
//! ```
//!
//! Exit codes: 0 no failure, 1 failures found, 2 bad arguments.

use std::process::ExitCode;
use std::time::Instant;

use flexline::fuzz::{run, FuzzOptions};

const EXAMPLES: &str = "Examples:
  fuzz --cases 1000000 --seed 1
  fuzz --cases 10000 --solve-every 0     # readers only, no solves

Exit codes: 0 no failure, 1 failures found, 2 bad arguments.";

/// Runs the mutation fuzzer over every reader and option type and prints one
/// line per broken invariant, then a summary.
#[derive(clap::Parser)]
#[command(name = "fuzz", after_help = EXAMPLES)]
struct Args {
    /// Mutated inputs to try.
    #[arg(long, value_name = "N", default_value_t = FuzzOptions::default().cases)]
    cases: u64,
    /// Seed of the mutations (the same seed replays the same cases).
    #[arg(long, value_name = "S", default_value_t = FuzzOptions::default().seed)]
    seed: u64,
    /// Solve and check every N-th accepted scenario (0 = never).
    #[arg(long, value_name = "N", default_value_t = FuzzOptions::default().solve_every)]
    solve_every: u64,
}

fn main() -> ExitCode {
    // Usage errors (unknown flags, bad values) exit with code 2, naming the flag.
    let args = <Args as clap::Parser>::parse();
    let options = FuzzOptions {
        cases: args.cases,
        seed: args.seed,
        solve_every: args.solve_every,
    };
    // Panics are caught and reported below; keep the default hook quiet.
    std::panic::set_hook(Box::new(|_| {}));
    let t0 = Instant::now();
    let report = run(&options);
    for f in &report.failures {
        println!(
            "case {} ({}): {}\n  input: {}",
            f.case, f.target, f.what, f.input
        );
    }
    println!(
        "{} cases (seed {}), {} accepted, {} solved and checked, {} failure(s), {:.1} s",
        report.cases,
        options.seed,
        report.accepted,
        report.solved,
        report.failures.len(),
        t0.elapsed().as_secs_f64()
    );
    if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
