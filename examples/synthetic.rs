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
//! `--help` lists every flag with its range and default.
//!
//! `diagnose_seconds` times `flexline::diagnose::diagnose` on the plan (the
//! analysis `weekly_roster` prints under the table).
//!
//! Exit codes: 0 success, 1 solver, checker or write failure, 2 bad flags
//! (reported before any work).

use std::process::ExitCode;

use flexline::synthetic::{factory, realistic, RealisticSpec, Spec};
use flexline::{check, Model, SolveOptions};

#[path = "support/cli.rs"]
mod cli;

const EXAMPLES: &str = "Examples:
  synthetic --workers 60 --days 7 --seed 1 --time-limit 30
  synthetic --workers 300 --days 14 --share 0.8 --write factory.json
  weekly_roster --scenario factory.json --format json
  synthetic --kind dense --workers 1000 --days 7 --shifts 3 --stations 8 --time-limit 60
On a terminal, a progress line on standard error follows the solve.

Exit codes: 0 success, 1 solver, checker or write failure, 2 bad flags (reported before any work).";

/// Which generator.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    /// flexline::synthetic::realistic: carers with school-run windows, targets
    /// at a share of the estimated capacity.
    Realistic,
    /// flexline::synthetic::factory: targets far beyond capacity (the
    /// 1,000-worker stress measurement).
    Dense,
}

/// Builds a seeded synthetic factory and either solves it, printing one JSON
/// line with its size, build and solve time, status, gap and cost split, or
/// writes the scenario to a file for weekly_roster --scenario.
#[derive(clap::Parser)]
#[command(name = "synthetic", after_help = EXAMPLES)]
struct Args {
    /// The generator.
    #[arg(long, value_enum, default_value_t = Kind::Realistic)]
    kind: Kind,
    /// Workers (at least 1).
    #[arg(long, value_name = "N", default_value_t = 1000,
          value_parser = clap::value_parser!(u32).range(1..))]
    workers: u32,
    /// Days of the horizon (1 to 366).
    #[arg(long, value_name = "N", default_value_t = 7,
          value_parser = clap::value_parser!(u16).range(1..=366))]
    days: u16,
    /// Seed of the generator.
    #[arg(long, value_name = "N", default_value_t = 1)]
    seed: u64,
    /// Realistic only: targets as a share of the estimated capacity (above 0,
    /// at most 10; above 1 asks for more than the estimate) [default: 0.9].
    #[arg(long, value_name = "F", value_parser = cli::share)]
    share: Option<f64>,
    /// Dense only: shift templates (at least 1) [default: 3].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    shifts: Option<u32>,
    /// Dense only: stations (at least 1) [default: 8].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    stations: Option<u32>,
    /// Wall-clock limit of the solve in seconds (above 0, at most 7 days).
    #[arg(long, value_name = "SECS", value_parser = cli::seconds, default_value_t = 60.0)]
    time_limit: f64,
    /// Solver threads (1 to the machine's cores).
    #[arg(long, value_name = "N", value_parser = cli::threads, default_value_t = 2)]
    threads: u32,
    /// Write the scenario as JSON to FILE and exit without solving.
    #[arg(long, value_name = "FILE")]
    write: Option<String>,
}

/// The flags, with the combinations checked (clap checks each value).
fn parse_args() -> Result<Args, String> {
    let args = <Args as clap::Parser>::parse();
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
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (workers, days) = (args.workers as usize, usize::from(args.days));
    let spec = Spec {
        workers,
        days,
        shifts: args.shifts.map_or(3, |n| n as usize),
        stations: args.stations.map_or(8, |n| n as usize),
        seed: args.seed,
    };
    let share = args.share.unwrap_or(RealisticSpec::default().target_share);
    let s = match args.kind {
        Kind::Dense => factory(&spec),
        Kind::Realistic => realistic(&RealisticSpec {
            workers,
            days,
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
        // On a terminal, a progress line on standard error.
        progress: cli::progress_line(),
        ..SolveOptions::default()
    };
    if let Err(e) = opts.check() {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
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
