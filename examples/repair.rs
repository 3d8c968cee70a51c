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
const USAGE: &str = "usage: repair [--scenario PATH] [--worker ID] [--format table|json] \
[--time-limit SECS] [--threads N]";

struct Args {
    scenario: Option<String>,
    worker: Option<String>,
    json: bool,
    time_limit: f64,
    threads: Option<u32>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        scenario: None,
        worker: None,
        json: false,
        time_limit: 30.0,
        threads: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--scenario" => args.scenario = Some(value("--scenario")?),
            "--worker" => args.worker = Some(value("--worker")?),
            "--format" => {
                args.json = match value("--format")?.as_str() {
                    "table" => false,
                    "json" => true,
                    other => return Err(format!("unknown format \"{other}\": use table or json")),
                }
            }
            "--time-limit" => {
                let v = value("--time-limit")?;
                args.time_limit = v
                    .parse()
                    .map_err(|_| format!("--time-limit \"{v}\" is not a number of seconds"))?;
            }
            "--threads" => {
                let v = value("--threads")?;
                args.threads = Some(
                    v.parse()
                        .map_err(|_| format!("--threads \"{v}\" is not a whole number"))?,
                );
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument \"{other}\"")),
        }
    }
    Ok(args)
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
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("error: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
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
    if args.json {
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
        println!("unmet {}: {}", u.target, u.explanation);
    }
    ExitCode::SUCCESS
}
