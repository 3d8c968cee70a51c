//! Audits a published roster: runs the independent checker on it and prints
//! one JSON line with its hard-rule violations, the units the line finishes
//! on the clock, the units credited to the targets and the cost. Use it to
//! check a roster made by hand, by another tool, or by an older flexline.
//!
//! ```text
//! cargo run --release --example weekly_roster -- --format json > plan.json
//! cargo run --release --example audit -- --scenario examples/data/motor_factory_week.json --roster plan.json
//! ```
//!
//! `--roster` takes a roster (`{"assignments": [...]}`) or anything with one
//! under a `roster` key (the `weekly_roster --format json` output).
//! Exit codes: 0 audited (violations are reported, not an error), 2 bad input.

use std::process::ExitCode;

use flexline::{check, Roster, Scenario};

const USAGE: &str = "usage: audit --scenario PATH --roster PATH";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let (mut scenario, mut roster) = (None, None);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let Some(value) = it.next() else {
            eprintln!("error: {flag} needs a value\n{USAGE}");
            return ExitCode::from(2);
        };
        match flag.as_str() {
            "--scenario" => scenario = Some(value.clone()),
            "--roster" => roster = Some(value.clone()),
            other => {
                eprintln!("error: unknown flag {other}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(scenario), Some(roster)) = (scenario, roster) else {
        eprintln!("error: give --scenario and --roster\n{USAGE}");
        return ExitCode::from(2);
    };
    let s = match Scenario::from_json_file(&scenario) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let roster = match read_roster(&roster) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {roster}: {e}");
            return ExitCode::from(2);
        }
    };
    let report = check::check(&s, &roster);
    let t = &report.throughput;
    let finished: f64 = t.lines.iter().map(|l| l.finished_units).sum();
    let credited: f64 = t
        .targets
        .iter()
        .map(|r| r.finished_units.min(r.target_units))
        .sum();
    let wanted: f64 = t.targets.iter().map(|r| r.target_units).sum();
    let line = serde_json::json!({
        "assignments": roster.assignments.len(),
        "violations": report.violations.iter().map(|v| v.to_string()).collect::<Vec<_>>(),
        "finished_units": finished,
        "credited_units": credited,
        "target_units": wanted,
        "shortfall_units": report.cost.shortfall_units,
        "wages_total": report.cost.wages_total,
        "objective": report.cost.objective,
    });
    println!("{line}");
    ExitCode::SUCCESS
}

fn read_roster(path: &str) -> Result<Roster, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let value = value.get("roster").cloned().unwrap_or(value);
    serde_json::from_value(value).map_err(|e| e.to_string())
}
