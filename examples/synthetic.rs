//! Builds a synthetic factory and either solves it, printing one JSON line
//! with its size, build and solve time, status, gap and cost split, or
//! writes the scenario to a file for `weekly_roster --scenario`.
//!
//! ```text
//! cargo run --release --example synthetic -- --workers 60 --days 7 --seed 1 --time-limit 30
//! cargo run --release --example synthetic -- --workers 300 --days 14 --share 0.8 --write factory.json
//! cargo run --release --example weekly_roster -- --scenario factory.json --format json
//! cargo run --release --example synthetic -- --kind dense --workers 1000 --days 7 --shifts 3 --stations 8 --time-limit 60
//! ```
//!
//! Flags (each takes a value):
//!
//! - `--kind realistic|dense` (default `realistic`): `realistic` is
//!   `flexline::synthetic::realistic`, targets at a share of the estimated
//!   capacity; `dense` is `flexline::synthetic::factory`, targets far beyond
//!   capacity (the 1,000-worker stress measurement).
//! - `--workers N` (default 1000), `--days N` (1–366, default 7), `--seed N`
//!   (default 1).
//! - `--share F` (realistic only, default 0.9): targets as a share of capacity.
//! - `--shifts N` (default 3), `--stations N` (default 8): dense only.
//! - `--time-limit SECS` (default 60), `--threads N` (default 2).
//! - `--write FILE`: write the scenario as JSON to FILE and exit without solving.
//!
//! `diagnose_seconds` times `flexline::diagnose::diagnose` on the plan (the
//! analysis `weekly_roster` prints under the table).
//!
//! Exit codes: 0 success, 1 solver, checker or write failure, 2 bad flags
//! (reported before any work).

use std::process::ExitCode;

use flexline::synthetic::{factory, realistic, RealisticSpec, Spec};
use flexline::{check, Model, SolveOptions};

const USAGE: &str =
    "usage: synthetic [--kind realistic|dense] [--workers N] [--days N] [--seed N] \
[--share F] [--shifts N] [--stations N] [--time-limit SECS] [--threads N] [--write FILE]";

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Realistic,
    Dense,
}

struct Args {
    kind: Kind,
    workers: usize,
    days: usize,
    seed: u64,
    share: Option<f64>,
    shifts: Option<usize>,
    stations: Option<usize>,
    time_limit: f64,
    threads: u32,
    write: Option<String>,
}

fn whole<T: std::str::FromStr>(flag: &str, v: &str) -> Result<T, String> {
    v.parse()
        .map_err(|_| format!("{flag} \"{v}\" is not a whole number"))
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        kind: Kind::Realistic,
        workers: 1000,
        days: 7,
        seed: 1,
        share: None,
        shifts: None,
        stations: None,
        time_limit: 60.0,
        threads: 2,
        write: None,
    };
    let list: Vec<String> = std::env::args().skip(1).collect();
    let mut it = list.iter();
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        let v = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value (every flag takes one)"))?;
        match flag.as_str() {
            "--kind" => {
                args.kind = match v.as_str() {
                    "realistic" => Kind::Realistic,
                    "dense" => Kind::Dense,
                    other => {
                        return Err(format!("unknown kind \"{other}\": use realistic or dense"))
                    }
                }
            }
            "--workers" => args.workers = whole(flag, v)?,
            "--days" => args.days = whole(flag, v)?,
            "--seed" => args.seed = whole(flag, v)?,
            "--shifts" => args.shifts = Some(whole(flag, v)?),
            "--stations" => args.stations = Some(whole(flag, v)?),
            "--threads" => args.threads = whole(flag, v)?,
            "--share" => {
                let f: f64 = v
                    .parse()
                    .map_err(|_| format!("--share \"{v}\" is not a number"))?;
                if !(f.is_finite() && f > 0.0) {
                    return Err(format!(
                        "--share {v} must be above 0 (0.9 = 90 % of capacity)"
                    ));
                }
                args.share = Some(f);
            }
            "--time-limit" => {
                let f: f64 = v
                    .parse()
                    .map_err(|_| format!("--time-limit \"{v}\" is not a number of seconds"))?;
                if !(f.is_finite() && f > 0.0) {
                    return Err(format!("--time-limit {v} must be above 0 seconds"));
                }
                args.time_limit = f;
            }
            "--write" => args.write = Some(v.clone()),
            other => return Err(format!("unknown flag {other}")),
        }
    }
    if args.workers == 0 {
        return Err("--workers must be at least 1".into());
    }
    if !(1..=366).contains(&args.days) {
        return Err(format!("--days {} must be 1 to 366", args.days));
    }
    if args.threads == 0 {
        return Err("--threads must be at least 1".into());
    }
    match args.kind {
        Kind::Realistic if args.shifts.is_some() || args.stations.is_some() => {
            return Err("--shifts and --stations apply to --kind dense only".into())
        }
        Kind::Dense if args.share.is_some() => {
            return Err("--share applies to --kind realistic only".into())
        }
        _ => {}
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let spec = Spec {
        workers: args.workers,
        days: args.days,
        shifts: args.shifts.unwrap_or(3),
        stations: args.stations.unwrap_or(8),
        seed: args.seed,
    };
    let share = args.share.unwrap_or(RealisticSpec::default().target_share);
    let s = match args.kind {
        Kind::Dense => factory(&spec),
        Kind::Realistic => realistic(&RealisticSpec {
            workers: args.workers,
            days: args.days,
            seed: args.seed,
            target_share: share,
        }),
    };
    if let Some(path) = &args.write {
        if let Err(e) = std::fs::write(path, s.to_json()) {
            eprintln!("error: cannot write {path}: {e}");
            return ExitCode::from(1);
        }
        eprintln!(
            "wrote {path}: {} workers, {} lines, {} targets, {} days",
            s.workers.len(),
            s.lines.len(),
            s.targets.len(),
            s.horizon.len()
        );
        return ExitCode::SUCCESS;
    }
    let opts = SolveOptions {
        time_limit: Some(args.time_limit),
        threads: Some(args.threads),
        ..SolveOptions::default()
    };
    let model = match Model::build(&s) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
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
    let kind = match args.kind {
        Kind::Realistic => "realistic",
        Kind::Dense => "dense",
    };
    let stations: usize = s.lines.iter().map(|l| l.stations.len()).sum();
    let line = serde_json::json!({
        "kind": kind, "seed": args.seed,
        "share": if args.kind == Kind::Realistic { Some(share) } else { None },
        "workers": s.workers.len(), "days": s.horizon.len(), "shifts": s.shifts.len(),
        "stations": stations,
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
        "shortfall_penalty": plan.cost.shortfall_penalty,
        "wages_total": plan.cost.wages_total,
    });
    println!("{line}");
    if report.is_feasible() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
