//! Solves a Curtois & Qu benchmark instance and prints one JSON line.
//!
//! ```text
//! cargo run --release --example nrp -- PATH/Instance1.txt --time-limit 60 --threads 2 --out roster.xml
//! cargo run --release --example nrp -- --help    # every flag
//! ```
//!
//! `objective` is the benchmark penalty of the roster written to `--out`, as
//! recomputed by the independent checker (it must equal the solver's own
//! objective, or the program exits with status 1). `bound` is the solver's
//! proven lower bound, `gap` = (objective − bound) / objective.
//!
//! Exit status: 0 done, 1 no roster in time, a solver failure or the checker
//! disagrees with the solver, 2 bad input or arguments (nothing solved, nothing
//! written; `--out` may not be the instance file). On a terminal, a progress
//! line on standard error follows the solve.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use flexline::formats::{write_roster_xml, NrpInstance, RosterMeta};
use flexline::{Outcome, SolveOptions};

#[path = "support/cli.rs"]
mod cli;

const EXAMPLES: &str = "Examples:
  nrp tests/data/nrp/Instance1.txt
  nrp PATH/Instance8.txt --time-limit 60 --threads 2 --seed 3 --out roster.xml

Exit status: 0 done, 1 no roster in time, a solver failure or the checker disagrees
with the solver, 2 bad input or arguments (nothing solved, nothing written).";

/// Solves a Curtois & Qu benchmark instance (schedulingbenchmarks.org/nrp),
/// writes the roster in the site's XML format and prints one JSON line:
/// the objective (the checker's penalty), the proven bound, the gap, the
/// status and the seconds taken.
#[derive(clap::Parser)]
#[command(name = "nrp", after_help = EXAMPLES)]
struct Args {
    /// The instance file (InstanceN.txt, the benchmark's text format).
    #[arg(value_name = "INSTANCE.txt")]
    path: PathBuf,
    /// Wall-clock limit in seconds, reading and building included (above 0,
    /// at most 7 days) [default: none, solve to optimality].
    #[arg(long, value_name = "SECONDS", value_parser = cli::seconds)]
    time_limit: Option<f64>,
    /// Solver threads (1 to the machine's cores) [default: HiGHS's choice].
    #[arg(long, value_name = "N", value_parser = cli::threads)]
    threads: Option<u32>,
    /// Random seed of HiGHS and of the neighbourhood search.
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: u32,
    /// Solve by the decomposition by worker (flexline::solve_decomposed:
    /// column generation, a dive and the restricted master MIP for half the
    /// time, then the compact model from its roster); the JSON line adds the
    /// decomposition's LP bound, iterations, columns and last master value
    /// (`master_lp`).
    #[arg(long)]
    decomposition: bool,
    /// With --decomposition: the decomposition alone (3/4 of the time for the
    /// column generation, 1/4 for the dive and the master MIP, no compact
    /// solve after it), and the compact model's LP relaxation beside it,
    /// printed as `compact_lp`.
    #[arg(long, requires = "decomposition")]
    compare_lp: bool,
    /// Write the roster as the benchmark's XML here (never the instance file).
    #[arg(long, value_name = "ROSTER.xml")]
    out: Option<PathBuf>,
}

fn main() -> ExitCode {
    // Usage errors (unknown flags, bad values) exit with code 2, naming the flag.
    let args = <Args as clap::Parser>::parse();
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
    // On a terminal, a progress line on standard error.
    let solve_options = SolveOptions {
        progress: cli::progress_line(),
        ..options.clone()
    };
    let mut extra = serde_json::Map::new();
    let solved = if args.decomposition {
        decomposed(&scenario, &options, args.compare_lp, &mut extra)
    } else {
        flexline::solve(&scenario, &solve_options)
    };
    let plan = match solved {
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
    let mut line = serde_json::json!({
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
    if let Some(map) = line.as_object_mut() {
        map.extend(extra);
    }
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

/// Share of the time limit the column generation gets with --compare-lp.
const COLUMN_GENERATION_SHARE: f64 = 0.75;

/// The decomposition's plan (or, with `compare_lp`, the decomposition's own
/// roster), and its figures in `extra`.
fn decomposed(
    scenario: &flexline::Scenario,
    options: &SolveOptions,
    compare_lp: bool,
    extra: &mut serde_json::Map<String, serde_json::Value>,
) -> Result<flexline::Plan, flexline::Error> {
    let (plan, d) = if compare_lp {
        let d = flexline::decompose(
            scenario,
            &flexline::DecompositionOptions {
                time_limit: options.time_limit.map(|t| t * COLUMN_GENERATION_SHARE),
                integer_seconds: options
                    .time_limit
                    .map(|t| t * (1.0 - COLUMN_GENERATION_SHARE)),
                threads: options.threads,
                seed: options.seed,
                compact_lp: true,
                ..Default::default()
            },
        )?;
        let plan = d
            .plan
            .clone()
            .ok_or_else(|| flexline::no_roster_error(options.time_limit, 0))?;
        (plan, d)
    } else {
        flexline::solve_decomposed(scenario, options)?
    };
    extra.insert("compact_lp".into(), serde_json::json!(d.compact_lp));
    extra.insert("lp_bound".into(), serde_json::json!(d.lp_bound));
    extra.insert("lagrangian_bound".into(), serde_json::json!(d.lower_bound));
    extra.insert("iterations".into(), serde_json::json!(d.iterations.len()));
    extra.insert(
        "master_lp".into(),
        serde_json::json!(d.iterations.last().map(|i| i.master)),
    );
    extra.insert(
        "columns".into(),
        serde_json::json!(d.iterations.last().map_or(0, |i| i.columns)),
    );
    extra.insert("converged".into(), serde_json::json!(d.converged));
    extra.insert(
        "column_generation_seconds".into(),
        serde_json::json!((d.seconds.0 * 100.0).round() / 100.0),
    );
    extra.insert(
        "integer_seconds".into(),
        serde_json::json!((d.seconds.1 * 100.0).round() / 100.0),
    );
    extra.insert(
        "decomposition_objective".into(),
        serde_json::json!(d.plan.as_ref().and_then(|p| p.status.objective)),
    );
    Ok(plan)
}
