//! Audits a published roster: runs the independent checker on it and prints
//! one JSON line with its hard-rule violations, the units the line finishes
//! on the clock, the units credited to the targets and the cost. Use it to
//! check a roster made by hand, by another tool, or by an older flexline.
//!
//! ```text
//! cargo run --release --example weekly_roster -- --format json > plan.json
//! cargo run --release --example audit -- --scenario examples/data/motor_factory_week.json --roster plan.json
//! cargo run --release --example audit -- --help    # every flag
//! ```
//!
//! `--roster` takes a roster (`{"assignments": [...]}`) or anything with one
//! under a `roster` key (the `weekly_roster --format json` output).
//! Exit codes: 0 audited (violations are reported, not an error), 2 bad input.

use std::process::ExitCode;

use flexline::{check, Roster, Scenario};

const EXAMPLES: &str = "Examples:
  weekly_roster --format json > plan.json
  audit --scenario examples/data/motor_factory_week.json --roster plan.json

Exit codes: 0 audited (violations are reported, not an error), 2 bad input.";

/// Audits a published roster: runs the independent checker on it and prints
/// one JSON line with its hard-rule violations, the units the line finishes
/// on the clock, the units credited to the targets and the cost.
#[derive(clap::Parser)]
#[command(name = "audit", after_help = EXAMPLES)]
struct Args {
    /// The scenario JSON file the roster was made for.
    #[arg(long, value_name = "PATH")]
    scenario: String,
    /// The roster: a JSON roster ({"assignments": [...]}) or anything with one
    /// under a "roster" key (the output of weekly_roster --format json).
    #[arg(long, value_name = "PATH")]
    roster: String,
}

fn main() -> ExitCode {
    // Usage errors (unknown or missing flags) exit with code 2, naming the flag.
    let Args { scenario, roster } = <Args as clap::Parser>::parse();
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
