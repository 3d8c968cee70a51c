//! Shared test helpers: every solve goes through the independent checker.
#![allow(dead_code)]

use flexline::{check, Outcome, Plan, Scenario, SolveOptions};

/// Tolerance for money and units in tests.
pub const TOL: f64 = 1e-6;

/// Exact solve options for tests (no wall-clock limit, zero gap).
pub fn exact() -> SolveOptions {
    SolveOptions {
        relative_gap: 0.0,
        threads: Some(1),
        ..SolveOptions::default()
    }
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL * a.abs().max(b.abs()).max(1.0)
}

/// Solves, then asserts the checker accepts the roster, agrees on throughput
/// and cost, and that the solver's objective equals the checker's cost.
pub fn solve_checked(s: &Scenario, opts: &SolveOptions) -> Plan {
    let plan = flexline::solve(s, opts).expect("solve");
    assert_checked(s, &plan);
    plan
}

pub fn assert_checked(s: &Scenario, plan: &Plan) {
    let report = check::check(s, &plan.roster);
    assert!(
        report.is_feasible(),
        "checker violations: {:#?}",
        report.violations
    );
    let diffs = report.differences(&plan.throughput, &plan.cost);
    assert!(diffs.is_empty(), "checker disagrees: {diffs:#?}");
    if plan.status.outcome == Outcome::Optimal {
        let obj = plan.status.objective.expect("objective");
        assert!(
            (obj - report.cost.objective).abs() <= 1e-6 * obj.abs().max(1.0) + 1e-6,
            "solver objective {obj} != checker cost {}",
            report.cost.objective
        );
    }
}

pub fn scenario(json: &str) -> Scenario {
    Scenario::from_json_str(json).unwrap_or_else(|e| panic!("{e}"))
}

#[allow(clippy::too_many_arguments)]
/// A scenario with one line, given shifts, stations, targets and workers
/// (JSON fragments), horizon from `start` to `end`.
pub fn build(
    start: &str,
    end: &str,
    shifts: &str,
    line_shifts: &str,
    stations: &str,
    targets: &str,
    workers: &str,
    extra: &str,
) -> Scenario {
    scenario(&format!(
        r#"{{ "horizon": {{ "start": "{start}", "end": "{end}" }},
            "shifts": [{shifts}],
            "lines": [ {{ "id": "L", "shifts": [{line_shifts}], "stations": [{stations}] }} ],
            "targets": [{targets}],
            "workers": [{workers}] {extra} }}"#
    ))
}
