//! Runs the mutation fuzzer over every reader and option type and prints
//! one line per broken invariant, then a summary (DESIGN.md, "Fuzzing").
//!
//! ```text
//! cargo run --release --example fuzz -- --cases 1000000 --seed 1
//! ```
//!
//! Exit codes: 0 no failure, 1 failures found, 2 bad arguments.

use std::process::ExitCode;
use std::time::Instant;

use flexline::fuzz::{run, FuzzOptions};

const USAGE: &str = "usage: fuzz [--cases N] [--seed S] [--solve-every N (0 = never)]";

fn parse_args() -> Result<FuzzOptions, String> {
    let mut o = FuzzOptions::default();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        let v = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let n: u64 = v.parse().map_err(|_| {
            format!(
                "{flag} \"{}\" is not a whole number",
                flexline::text::shown(&v)
            )
        })?;
        match flag.as_str() {
            "--cases" => o.cases = n,
            "--seed" => o.seed = n,
            "--solve-every" => o.solve_every = n,
            other => {
                return Err(format!(
                    "unknown argument \"{}\"",
                    flexline::text::shown(other)
                ))
            }
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("error: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
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
