//! Solves a Curtois & Qu benchmark instance and prints one JSON line.
//!
//! ```text
//! cargo run --release --example nrp -- PATH/Instance1.txt --time-limit 60 --threads 2 --out roster.xml
//! ```
//!
//! `objective` is the benchmark penalty of the roster written to `--out`, as
//! recomputed by the independent checker (it must equal the solver's own
//! objective, or the program exits with status 1). `bound` is the solver's
//! proven lower bound, `gap` = (objective − bound) / objective.
//!
//! Exit status: 0 done, 1 no roster in time, a solver failure or the checker
//! disagrees with the solver, 2 bad input or arguments (nothing solved, nothing
//! written; `--out` may not be the instance file).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use flexline::formats::{write_roster_xml, NrpInstance, RosterMeta};
use flexline::{Outcome, SolveOptions};

struct Args {
    path: PathBuf,
    time_limit: Option<f64>,
    threads: Option<u32>,
    seed: u32,
    out: Option<PathBuf>,
}

const USAGE: &str =
    "usage: nrp INSTANCE.txt [--time-limit SECONDS] [--threads N] [--seed N] [--out ROSTER.xml]";

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut path = None;
    let mut args = Args {
        path: PathBuf::new(),
        time_limit: None,
        threads: None,
        seed: 0,
        out: None,
    };
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        match a.as_str() {
            "--time-limit" => {
                let v = value("--time-limit")?;
                args.time_limit = Some(
                    v.parse()
                        .map_err(|_| format!("--time-limit {v}: give a number of seconds"))?,
                );
            }
            "--threads" => {
                let v = value("--threads")?;
                args.threads = Some(
                    v.parse()
                        .map_err(|_| format!("--threads {v}: give a whole number"))?,
                );
            }
            "--seed" => {
                let v = value("--seed")?;
                args.seed = v
                    .parse()
                    .map_err(|_| format!("--seed {v}: give a whole number"))?;
            }
            "--out" => args.out = Some(PathBuf::from(value("--out")?)),
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}\n{USAGE}")),
            s => {
                if path.replace(PathBuf::from(s)).is_some() {
                    return Err(format!("give one instance file\n{USAGE}"));
                }
            }
        }
    }
    args.path = path.ok_or(format!("no instance file given\n{USAGE}"))?;
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let t0 = Instant::now();
    if let Some(out) = &args.out {
        if flexline::export::same_file(&args.path, out) {
            eprintln!(
                "error: --out {} is the instance file itself; give another output path",
                out.display()
            );
            return ExitCode::from(2);
        }
        if let Err(e) = flexline::export::check_writable_file(out) {
            eprintln!("error: --out: {e}");
            return ExitCode::from(2);
        }
    }
    let instance = match NrpInstance::from_file(&args.path) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let name = args
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let scenario = instance.to_scenario(&name);
    let options = SolveOptions {
        time_limit: args.time_limit,
        threads: args.threads,
        seed: args.seed,
        // The penalty is an integer: stop only when the bound proves it.
        relative_gap: 0.0,
        ..Default::default()
    };
    if let Err(e) = options.check() {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let plan = match flexline::solve(&scenario, &options) {
        Ok(p) => p,
        Err(e @ flexline::Error::Invalid(_)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let seconds = t0.elapsed().as_secs_f64();
    let report = flexline::check::check(&scenario, &plan.roster);
    let mut agree =
        report.is_feasible() && report.differences(&plan.throughput, &plan.cost).is_empty();
    if let Some(obj) = plan.status.objective {
        agree &= (obj - report.cost.objective).abs() < 1e-6;
    }
    let has_roster = plan.status.outcome != Outcome::NoSolution;
    let objective = has_roster.then_some(report.cost.objective);
    if let (Some(out), true) = (&args.out, has_roster) {
        let meta = RosterMeta {
            scheduling_period_file: format!("{name}.ros"),
            penalty: objective,
            found_by: Some(format!("flexline {}", env!("CARGO_PKG_VERSION"))),
            cpu_seconds: Some(seconds),
        };
        let xml = write_roster_xml(&scenario, &plan.roster, &meta);
        if let Err(e) = flexline::export::write_atomic(out, xml.as_bytes()) {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    }
    // Every benchmark weight is a whole number, so the penalty is too: a
    // bound of 1000.2 proves 1001 (HiGHS rounds the same way internally).
    let bound = plan.status.dual_bound.map(|b| (b - 1e-6).ceil());
    let gap = match (objective, bound) {
        (Some(o), Some(b)) if o > 0.0 => Some(((o - b) / o).max(0.0)),
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    };
    let line = serde_json::json!({
        "instance": name,
        "objective": objective,
        "bound": bound,
        "gap": gap,
        "status": plan.status.outcome,
        "seconds": (seconds * 100.0).round() / 100.0,
        "feasible": report.is_feasible(),
        "variables": plan.status.variables,
        "constraints": plan.status.constraints,
    });
    println!("{line}");
    if !has_roster {
        eprintln!(
            "error: {}",
            flexline::no_roster_error(options.time_limit, plan.status.variables)
        );
        return ExitCode::from(1);
    }
    if !agree {
        eprintln!("error: the checker disagrees with the solver:");
        for v in &report.violations {
            eprintln!("  {v}");
        }
        for d in report.differences(&plan.throughput, &plan.cost) {
            eprintln!("  {d}");
        }
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
