//! Mid-week repair: a flexible-line worker's child falls ill on Wednesday and
//! she cannot come Wednesday or Thursday. Solves the week to get the
//! published roster, freezes Monday and Tuesday (already worked), marks her
//! absent and repairs the rest of the week with as few changes as the change
//! weights say. Every roster is verified by the independent checker first.
//!
//! ```text
//! cargo run --release --example repair                          # bundled motor factory week
//! cargo run --release --example repair -- --worker m05 --format json
//! cargo run --release --example repair -- --scenario my.json --time-limit 20
//! cargo run --release --example repair -- --help    # every flag
//! ```
//!
//! `--format json` prints one object with the keys `worker`, `absent`,
//! `frozen_through`, `changes` (each with its `reason` as data), `reasons`
//! (the same reasons as sentences, in order), `change_cost`, `roster` (the repaired one),
//! `throughput` (the repaired roster's), `published_throughput`, `cost` and
//! `status`.
//!
//! Exit codes: 0 success, 1 solver or checker failure, 2 bad input.

use std::process::ExitCode;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use flexline::repair::{self, Absence, ChangeWeights, RepairRequest};
use flexline::{check, ContractKind, Roster, Scenario, SolveOptions, Throughput, WorkerId};

const BUNDLED: &str = include_str!("data/motor_factory_week.json");

#[path = "support/cli.rs"]
mod cli;

const EXAMPLES: &str = "Examples:
  repair                                   # the bundled motor-factory week
  repair --worker m05 --format json
  repair --scenario my.json --time-limit 20

Exit codes: 0 success, 1 solver or checker failure, 2 bad input.";

/// Mid-week repair: solves the week, freezes Monday and Tuesday, marks a
/// flexible-line worker absent on Wednesday and Thursday and repairs the rest
/// of the week with as few changes as the change weights say.
#[derive(clap::Parser)]
#[command(name = "repair", after_help = EXAMPLES)]
struct Args {
    /// Scenario JSON file [default: the bundled motor-factory week].
    #[arg(long, value_name = "PATH")]
    scenario: Option<String>,
    /// The absent worker's id [default: the first flexible-contract worker
    /// who works both Wednesday and Thursday].
    #[arg(long, value_name = "ID")]
    worker: Option<String>,
    /// table: the changes and reasons in words; json: one object with the
    /// changes, reasons, rosters, throughput, cost and status.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Wall-clock limit of each solve in seconds (above 0, at most 7 days).
    #[arg(long, value_name = "SECS", value_parser = cli::seconds, default_value_t = 30.0)]
    time_limit: f64,
    /// Solver threads (1 to the machine's cores) [default: HiGHS's choice].
    #[arg(long, value_name = "N", value_parser = cli::threads)]
    threads: Option<u32>,
}

/// What `--format` prints.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// The changes and their reasons in words.
    Table,
    /// One JSON object.
    Json,
}

/// The first Wednesday of the horizon that has a Thursday after it.
fn wednesday(s: &Scenario) -> Option<NaiveDate> {
    s.horizon.dates().into_iter().find(|d| {
        d.weekday() == Weekday::Wed && s.horizon.index_of(*d + Duration::days(1)).is_some()
    })
}

/// The worker to mark absent: the one asked for, or the first flexible-contract
/// worker who works both Wednesday and Thursday.
fn pick_worker(
    s: &Scenario,
    published: &Roster,
    wed: NaiveDate,
    asked: Option<&str>,
) -> Result<WorkerId, String> {
    let works = |w: &WorkerId, d: NaiveDate| published.of_worker(w).any(|a| a.date == d);
    let thu = wed + Duration::days(1);
    if let Some(id) = asked {
        let id = WorkerId::from(id);
        if s.worker(&id).is_none() {
            return Err(format!(
                "--worker \"{}\" is not a worker of the scenario",
                flexline::text::shown(id.as_str())
            ));
        }
        return Ok(id);
    }
    s.workers
        .iter()
        .filter(|w| w.contract == ContractKind::Flexible)
        .map(|w| w.id.clone())
        .find(|w| works(w, wed) && works(w, thu))
        .ok_or_else(|| {
            "no flexible-contract worker works both Wednesday and Thursday: name one with --worker"
                .to_owned()
        })
}

fn finished(t: &Throughput) -> f64 {
    t.lines.iter().map(|l| l.finished_units).sum()
}

fn shortfall(t: &Throughput) -> f64 {
    t.targets.iter().map(|t| t.shortfall_units).sum()
}

fn main() -> ExitCode {
    // Usage errors (unknown flags, bad values) exit with code 2, naming the flag.
    let args = <Args as clap::Parser>::parse();
    let scenario = match &args.scenario {
        Some(path) => Scenario::from_json_file(path),
        None => Scenario::from_json_str(BUNDLED),
    };
    let scenario = match scenario {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let options = SolveOptions {
        time_limit: Some(args.time_limit),
        threads: args.threads,
        seed: 0,
        ..SolveOptions::default()
    };
    if let Err(flexline::Error::InvalidOptions {
        option, message, ..
    }) = options.check()
    {
        eprintln!("error: invalid --{}: {message}", option.replace('_', "-"));
        return ExitCode::from(2);
    }
    let Some(wed) = wednesday(&scenario) else {
        eprintln!("error: the horizon has no Wednesday followed by a Thursday");
        return ExitCode::from(2);
    };
    // A worker named on the command line is checked before any solving.
    if let Some(id) = args.worker.as_deref() {
        if scenario.worker(&WorkerId::from(id)).is_none() {
            eprintln!(
                "error: --worker \"{}\" is not a worker of the scenario",
                flexline::text::shown(id)
            );
            return ExitCode::from(2);
        }
    }
    let thu = wed + Duration::days(1);
    let published = match flexline::solve(&scenario, &options) {
        Ok(p) => p,
        Err(flexline::Error::InvalidOptions {
            option, message, ..
        }) => {
            eprintln!("error: invalid --{}: {message}", option.replace('_', "-"));
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if published.status.outcome == flexline::Outcome::NoSolution {
        eprintln!(
            "error: {}",
            flexline::no_roster_error(options.time_limit, published.status.variables)
        );
        return ExitCode::from(1);
    }
    let worker = match pick_worker(&scenario, &published.roster, wed, args.worker.as_deref()) {
        Ok(w) => w,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    let request = RepairRequest {
        frozen_through: wed.pred_opt(),
        absences: vec![Absence {
            worker: worker.clone(),
            from: wed,
            to: thu,
            reason: "sick child".into(),
        }],
        target_changes: Vec::new(),
    };
    let fixed = match repair::repair(
        &scenario,
        &published.roster,
        &request,
        &ChangeWeights::default(),
        &options,
    ) {
        Ok(r) => r,
        Err(e @ flexline::Error::Repair { .. }) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let report = check::check(&fixed.scenario, &fixed.plan.roster);
    if !report.is_feasible() {
        eprintln!("error: the checker rejects the repaired roster:");
        for v in &report.violations {
            eprintln!("  {v}");
        }
        return ExitCode::from(1);
    }
    if args.format == Format::Json {
        let out = serde_json::json!({
            "worker": worker,
            "absent": { "from": wed, "to": thu },
            "frozen_through": request.frozen_through,
            "changes": fixed.changes,
            "reasons": fixed.changes.iter().map(|c| c.reason.to_string()).collect::<Vec<_>>(),
            "change_cost": fixed.change_cost,
            "roster": fixed.plan.roster,
            "throughput": fixed.plan.throughput,
            "published_throughput": published.throughput,
            "cost": fixed.plan.cost,
            "status": fixed.plan.status,
        });
        match serde_json::to_string_pretty(&out) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        }
        return ExitCode::SUCCESS;
    }
    println!(
        "{}: {worker} absent {wed} to {thu} (sick child); dates up to {} frozen",
        if scenario.name.is_empty() {
            "scenario"
        } else {
            &scenario.name
        },
        request
            .frozen_through
            .map_or("none".into(), |d| d.to_string())
    );
    println!(
        "{} change(s), change cost {:.0} (weights: day off {}, shift time {}, station {}); repaired in {:.2} s",
        fixed.changes.len(),
        fixed.change_cost,
        ChangeWeights::default().day_off,
        ChangeWeights::default().shift_time,
        ChangeWeights::default().station,
        fixed.plan.status.solve_seconds + fixed.plan.status.build_seconds
    );
    let place = |p: &Option<repair::Placement>| {
        p.as_ref()
            .map_or("off".to_owned(), |p| format!("{} @ {}", p.shift, p.station))
    };
    println!(
        "\n{:<11} {:<8} {:<26} {:<26} {:<10} reason",
        "date", "worker", "published", "repaired", "kind"
    );
    for c in &fixed.changes {
        println!(
            "{:<11} {:<8} {:<26} {:<26} {:<10} {}",
            format!("{} {}", c.date.format("%a"), c.date.format("%d")),
            c.worker.as_str(),
            place(&c.before),
            place(&c.after),
            format!("{:?}", c.kind),
            c.reason
        );
    }
    println!(
        "\nfinished units over the week: published {:.1}, repaired {:.1}",
        finished(&published.throughput),
        finished(&fixed.plan.throughput)
    );
    println!(
        "target shortfall: published {:.1} units, repaired {:.1} units",
        shortfall(&published.throughput),
        shortfall(&fixed.plan.throughput)
    );
    println!(
        "cost: published {:.2}, repaired {:.2} (objective incl. penalties)",
        published.cost.objective, fixed.plan.cost.objective
    );
    for u in &fixed.plan.unmet {
        println!("unmet {}: {u}", u.target);
    }
    ExitCode::SUCCESS
}
