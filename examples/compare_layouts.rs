//! Compares line layouts for one workforce and demand: all regular shifts, a
//! dedicated flexible 08:00–16:30 line, flexible workers spread across every
//! station. Each layout is solved (with a time limit), checked by the
//! independent checker, run through the time-resolved estimate and the
//! absence Monte Carlo.
//!
//! ```text
//! cargo run --release --example compare_layouts                      # bundled motor factory week
//! cargo run --release --example compare_layouts -- --format json --time-limit 5
//! ```
//!
//! Exit codes: 0 success, 1 solver or checker failure, 2 bad input.

use std::process::ExitCode;

use flexline::layout::{compare, CompareOptions, Layout, LayoutResult};
use flexline::Scenario;

const BUNDLED: &str = include_str!("data/motor_factory_week.json");
const USAGE: &str = "usage: compare_layouts [--scenario PATH] [--format table|json] \
[--time-limit SECS (per layout, default 10)] [--threads N] [--samples N] [--seed N] \
[--bucket-minutes N] [--layouts all_regular,dedicated_flexible_line,flexible_spread,as_given]";

struct Args {
    scenario: Option<String>,
    json: bool,
    options: CompareOptions,
    layouts: Vec<Layout>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        scenario: None,
        json: false,
        options: CompareOptions::default(),
        layouts: Layout::STANDARD.to_vec(),
    };
    args.options.solve.time_limit = Some(10.0);
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        fn num<T: std::str::FromStr>(flag: &str, v: &str) -> Result<T, String> {
            v.parse()
                .map_err(|_| format!("{flag} \"{v}\" is not a valid number"))
        }
        match flag.as_str() {
            "--scenario" => args.scenario = Some(value("--scenario")?),
            "--format" => {
                args.json = match value("--format")?.as_str() {
                    "table" => false,
                    "json" => true,
                    other => return Err(format!("unknown format \"{other}\": use table or json")),
                }
            }
            "--time-limit" => {
                let v = value("--time-limit")?;
                args.options.solve.time_limit = Some(num("--time-limit", &v)?);
            }
            "--threads" => {
                let v = value("--threads")?;
                args.options.solve.threads = Some(num("--threads", &v)?);
            }
            "--samples" => {
                let v = value("--samples")?;
                args.options.risk.samples = num("--samples", &v)?;
            }
            "--seed" => {
                let v = value("--seed")?;
                args.options.risk.seed = num("--seed", &v)?;
            }
            "--layouts" => {
                let v = value("--layouts")?;
                args.layouts = v
                    .split(',')
                    .map(|name| {
                        [
                            Layout::AsGiven,
                            Layout::AllRegular,
                            Layout::DedicatedFlexibleLine,
                            Layout::FlexibleSpread,
                        ]
                        .into_iter()
                        .find(|l| l.name() == name.trim())
                        .ok_or_else(|| format!("unknown layout \"{name}\""))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument \"{other}\"")),
        }
    }
    Ok(args)
}

fn opt(x: Option<f64>, digits: usize) -> String {
    x.map_or_else(|| "-".to_owned(), |v| format!("{v:.digits$}"))
}

fn table(rows: &[LayoutResult]) -> String {
    let mut out = format!(
        "{:<24} {:>9} {:>8} {:>7} {:>9} {:>8} {:>9} {:>7} {:>9} {:>8} {:>7}\n",
        "layout",
        "finished",
        "target",
        "attain",
        "cost/unit",
        "carers",
        "carer h",
        "P(met)",
        "starved h",
        "status",
        "solve s"
    );
    for r in rows {
        out.push_str(&format!(
            "{:<24} {:>9.0} {:>8.0} {:>6.1}% {:>9} {:>4}/{:<3} {:>9.1} {:>7.3} {:>9.1} {:>8} {:>7.2}\n",
            r.layout,
            r.finished_units,
            r.target_units,
            100.0 * r.attainment,
            opt(r.cost_per_unit, 2),
            r.carers_employed,
            r.carers,
            r.carer_hours,
            r.p_target_met,
            r.starved_person_minutes / 60.0,
            format!("{:?}", r.outcome).to_lowercase(),
            r.solve_seconds
        ));
    }
    out
}

fn json(rows: &[LayoutResult]) -> String {
    let arr: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "layout": r.layout,
                "finished_units": r.finished_units,
                "target_units": r.target_units,
                "attainment": r.attainment,
                "wages_total": r.wages_total,
                "cost_per_unit": r.cost_per_unit,
                "workers_employed": r.workers_employed,
                "carers": r.carers,
                "carers_employed": r.carers_employed,
                "carer_hours": r.carer_hours,
                "starved_person_minutes": r.starved_person_minutes,
                "p_target_met": r.p_target_met,
                "p_target_met_std_error": r.p_target_met_std_error,
                "outcome": r.outcome,
                "gap": r.gap,
                "checker_violations": r.checker_violations,
                "build_seconds": r.build_seconds,
                "solve_seconds": r.solve_seconds,
            })
        })
        .collect();
    serde_json::to_string_pretty(&arr).unwrap_or_default()
}

/// The command-line flag of an option (`samples` → `samples`,
/// `time_limit` → `time-limit`).
fn flag(option: &str) -> String {
    option.replace('_', "-")
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
    // Bad options are bad input: refused before any layout is solved.
    if let Err(e) = args.options.check() {
        let shown = match &e {
            flexline::Error::InvalidOptions {
                options,
                option,
                message,
            } => format!("invalid {options} option --{}: {message}", flag(option)),
            other => other.to_string(),
        };
        eprintln!("error: {shown}");
        return ExitCode::from(2);
    }
    // A layout the scenario cannot take (e.g. no flexible line to keep
    // dedicated) is skipped with a message; none left is bad input.
    let mut layouts = Vec::new();
    for &layout in &args.layouts {
        match layout.apply(&scenario) {
            Ok(_) => layouts.push(layout),
            Err(e @ flexline::Error::Layout { .. }) => {
                eprintln!("note: skipping {e}");
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if layouts.is_empty() {
        eprintln!("error: no layout applies to this scenario (see the notes above)");
        return ExitCode::from(2);
    }
    let rows = match compare(&scenario, &layouts, &args.options) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if let Some(bad) = rows
        .iter()
        .find(|r| r.outcome == flexline::Outcome::NoSolution)
    {
        eprintln!(
            "error: layout {}: no roster within {} s; give a longer --time-limit",
            bad.layout,
            args.options.solve.time_limit.unwrap_or(0.0)
        );
        return ExitCode::from(1);
    }
    if let Some(bad) = rows.iter().find(|r| r.checker_violations > 0) {
        eprintln!(
            "error: the checker found {} violation(s) in layout {}",
            bad.checker_violations, bad.layout
        );
        return ExitCode::from(1);
    }
    if args.json {
        println!("{}", json(&rows));
    } else {
        print!("{}", table(&rows));
        println!(
            "\nfinished/target: units over the horizon, on the clock (the same flow the optimizer plans). \
             P(met): probability the output reaches the target with random absences \
             ({} samples, seed {}).",
            args.options.risk.samples, args.options.risk.seed
        );
    }
    ExitCode::SUCCESS
}
