//! Solves a synthetic factory and prints one JSON line with its size, build
//! and solve time, status and gap (used for the 1,000-worker measurement).
//!
//! `cargo run --release --example synthetic -- --workers 1000 --days 7 --shifts 3 --stations 8 --time-limit 60`
//!
//! `diagnose_seconds` times `flexline::diagnose::diagnose` on the plan (the
//! analysis `weekly_roster` prints under the table).

use std::process::ExitCode;

use flexline::synthetic::{factory, Spec};
use flexline::{check, Model, SolveOptions};

fn main() -> ExitCode {
    let mut spec = Spec {
        workers: 1000,
        days: 7,
        shifts: 3,
        stations: 8,
        seed: 1,
    };
    let mut opts = SolveOptions {
        time_limit: Some(60.0),
        threads: Some(2),
        ..SolveOptions::default()
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let (Some(flag), Some(v)) = (pair.first(), pair.get(1)) else {
            eprintln!("error: every flag needs a value");
            return ExitCode::from(2);
        };
        let n: f64 = match v.parse() {
            Ok(n) => n,
            Err(_) => {
                eprintln!("error: {flag} \"{v}\" is not a number");
                return ExitCode::from(2);
            }
        };
        match flag.as_str() {
            "--workers" => spec.workers = n as usize,
            "--days" => spec.days = n as usize,
            "--shifts" => spec.shifts = n as usize,
            "--stations" => spec.stations = n as usize,
            "--seed" => spec.seed = n as u64,
            "--time-limit" => opts.time_limit = Some(n),
            "--threads" => opts.threads = Some(n as u32),
            other => {
                eprintln!("error: unknown flag {other}");
                return ExitCode::from(2);
            }
        }
    }
    let s = factory(&spec);
    let model = match Model::build(&s) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (vars, rows, x) = (
        model.variables(),
        model.constraints(),
        model.assignment_variables(),
    );
    let plan = match model.solve(&opts) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let report = check::check(&s, &plan.roster);
    // The post-solve analysis weekly_roster runs (without remedies).
    let t0 = std::time::Instant::now();
    let diagnosis = flexline::diagnose::diagnose(&s, &plan);
    let diagnose_seconds = t0.elapsed().as_secs_f64();
    let line = serde_json::json!({
        "workers": spec.workers, "days": spec.days, "shifts": spec.shifts, "stations": spec.stations,
        "variables": vars, "binaries": x, "constraints": rows,
        "build_seconds": plan.status.build_seconds, "solve_seconds": plan.status.solve_seconds,
        "outcome": plan.status.outcome, "objective": plan.status.objective,
        "bound": plan.status.dual_bound, "gap": plan.status.gap,
        "checker_feasible": report.is_feasible(),
        "checker_agrees": report.differences(&plan.throughput, &plan.cost).is_empty(),
        "shortfall_units": plan.cost.shortfall_units,
        "assignments": plan.roster.assignments.len(),
        "diagnose_seconds": diagnose_seconds,
        "shortfalls_diagnosed": diagnosis.shortfalls.len(),
    });
    println!("{line}");
    if report.is_feasible() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
