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
    // One semantics: the hourly view credits what the plan reports, date by date.
    let flow = flexline::flow::estimate(s, &plan.roster, &Default::default()).expect("flow");
    assert_eq!(flow.targets.len(), plan.throughput.targets.len());
    for (f, t) in flow.targets.iter().zip(&plan.throughput.targets) {
        assert!(
            close(f.finished_units, t.finished_units),
            "target {}: hourly view credits {} but the plan {}",
            t.target,
            f.finished_units,
            t.finished_units
        );
    }
    for (f, l) in flow.lines.iter().zip(&plan.throughput.lines) {
        assert_eq!((&f.line, f.date), (&l.line, l.date));
        assert!(
            close(f.finished_units, l.finished_units),
            "{} on {}",
            l.line,
            l.date
        );
    }
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

/// A random roster the checker accepts: possible assignments (a shift the
/// line runs that weekday, a station the worker has the skill for) in a
/// seeded random order, each kept if the roster stays feasible.
pub fn random_feasible_roster(s: &Scenario, seed: u64) -> flexline::Roster {
    use chrono::Datelike;
    let mut x = seed | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut options = Vec::new();
    for w in &s.workers {
        for date in s.horizon.dates() {
            for line in &s.lines {
                for sid in &line.shifts {
                    let Some(sh) = s.shift(sid) else { continue };
                    if !sh.days.contains(&date.weekday()) {
                        continue;
                    }
                    for st in &line.stations {
                        if w.efficiency(&st.skill).is_none() {
                            continue;
                        }
                        let start = date.and_time(sh.start);
                        options.push(flexline::Assignment {
                            worker: w.id.clone(),
                            date,
                            shift: sh.id.clone(),
                            line: line.id.clone(),
                            station: st.id.clone(),
                            start,
                            end: start + chrono::Duration::minutes(sh.duration_minutes()),
                            paid_hours: sh.paid_minutes() as f64 / 60.0,
                        });
                    }
                }
            }
        }
    }
    // Fisher–Yates with the seeded generator.
    for i in (1..options.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        options.swap(i, j);
    }
    let mut roster = flexline::Roster::default();
    for a in options {
        if next() % 2 == 0 {
            continue;
        }
        roster.assignments.push(a);
        if !check::check(s, &roster).is_feasible() {
            roster.assignments.pop();
        }
    }
    roster
}
