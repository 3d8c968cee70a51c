//! Property tests over random small rostering scenarios: cover, requests,
//! per-worker limits, minimum and maximum runs, weekends, forbidden
//! successions, and history at the border.
//!
//! - Every roster HiGHS returns is accepted by the independent checker, which
//!   prices it at the solver's objective.
//! - On tiny cases the solver's optimum equals the cheapest roster the checker
//!   accepts among all rosters (brute force), and the solver reports
//!   infeasible exactly when the checker accepts none: the formulation and
//!   the checker implement the same rules.

use crate::common::{close, exact};
use crate::roster_kit::{assign, json_from, monday, worker};
use chrono::{Duration, NaiveDate};
use flexline::{check, Backend, Error, Outcome, Roster, Scenario, SolveOptions};
use proptest::prelude::*;

const SHIFTS: [&str; 2] = ["early", "late"];

#[derive(Debug, Clone)]
struct Limits {
    max_late: Option<u32>,
    max_minutes: Option<u32>,
    min_minutes: Option<u32>,
    max_run: Option<u32>,
    min_run: u32,
    min_off: u32,
    max_weekends: Option<u32>,
    days_off: Vec<i64>,
}

#[derive(Debug, Clone)]
pub(crate) struct Case {
    /// Days after Monday 2026-03-02 the horizon starts (weekends move).
    offset: i64,
    days: i64,
    min_rest: f64,
    workers: Vec<Limits>,
    /// (worker, day, shift index or none, on?, weight)
    requests: Vec<(usize, i64, Option<usize>, bool, u32)>,
    /// (day, shift, required, under, over)
    cover: Vec<(i64, usize, u32, u32, u32)>,
    late_then_early_forbidden: bool,
    /// History days before the horizon (0: exempt borders) and, per worker,
    /// the shift worked on each (index from the earliest).
    pub(crate) history: Option<(i64, Vec<Vec<Option<usize>>>)>,
}

fn limits(days: i64) -> impl Strategy<Value = Limits> {
    (
        proptest::option::of(0..=days as u32),
        proptest::option::weighted(0.3, (1u32..=days as u32).prop_map(|n| n * 480)),
        proptest::option::weighted(0.2, 0u32..=3 * 480),
        (proptest::option::of(1u32..=5), 1u32..=3, 1u32..=3),
        proptest::option::of(0u32..=2),
        proptest::collection::vec(0..days, 0..=2),
    )
        .prop_map(
            move |(
                max_late,
                max_minutes,
                min_minutes,
                (max_run, min_run, min_off),
                max_weekends,
                days_off,
            )| {
                let min_run = max_run.map_or(min_run, |m| min_run.min(m));
                let min_minutes = match (min_minutes, max_minutes) {
                    (Some(lo), Some(hi)) => Some(lo.min(hi)),
                    (lo, _) => lo,
                };
                Limits {
                    max_late,
                    max_minutes,
                    min_minutes,
                    max_run,
                    min_run,
                    min_off,
                    max_weekends,
                    days_off,
                }
            },
        )
}

pub(crate) fn case(
    workers: std::ops::RangeInclusive<usize>,
    days: std::ops::RangeInclusive<i64>,
) -> impl Strategy<Value = Case> {
    (workers, days).prop_flat_map(|(nw, days)| {
        (
            0i64..7,
            prop_oneof![Just(0.0), Just(11.0)],
            proptest::collection::vec(limits(days), nw),
            proptest::collection::vec(
                (
                    0..nw,
                    0..days,
                    proptest::option::of(0usize..2),
                    any::<bool>(),
                    1u32..=5,
                ),
                0..=5,
            ),
            proptest::collection::vec(
                (
                    0..days,
                    0usize..2,
                    0u32..=2,
                    prop_oneof![Just(3u32), Just(20), Just(100)],
                    0u32..=3,
                ),
                0..=(2 * days as usize),
            ),
            any::<bool>(),
            // At most two runs per worker: one touching the first known date
            // and one reaching the day before the horizon. (Runs wholly inside
            // the history are covered by `a_short_*_wholly_in_the_history_*`
            // in rostering_rules.rs.)
            proptest::option::of((1i64..=3).prop_flat_map(move |h| {
                (
                    Just(h),
                    proptest::collection::vec(
                        (
                            0..=h as usize,
                            any::<bool>(),
                            proptest::collection::vec(0usize..2, h as usize),
                        )
                            .prop_map(|(split, first_on, shifts)| {
                                shifts
                                    .iter()
                                    .enumerate()
                                    .map(|(k, &sh)| ((k < split) == first_on).then_some(sh))
                                    .collect::<Vec<Option<usize>>>()
                            }),
                        nw,
                    ),
                )
            })),
        )
            .prop_map(
                move |(offset, min_rest, workers, requests, mut cover, forbid, history)| {
                    cover.sort_by_key(|c| (c.0, c.1));
                    cover.dedup_by_key(|c| (c.0, c.1));
                    Case {
                        offset,
                        days,
                        min_rest,
                        workers,
                        requests,
                        cover,
                        late_then_early_forbidden: forbid,
                        history,
                    }
                },
            )
    })
}

/// At most 3^8 rosters: two workers over 4 days, or one over 5 to 7.
fn tiny_case() -> impl Strategy<Value = Case> {
    prop_oneof![case(1..=2, 4..=4), case(1..=1, 5..=7)]
}

pub(crate) fn scenario(c: &Case) -> Scenario {
    let start: NaiveDate = monday() + Duration::days(c.offset);
    let date = |i: i64| (start + Duration::days(i)).to_string();
    let workers: Vec<String> = c
        .workers
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut extra = String::new();
            if let Some(n) = l.max_late {
                extra += &format!(r#", "max_shifts": {{ "late": {n} }}"#);
            }
            if let Some(n) = l.max_minutes {
                extra += &format!(r#", "max_total_minutes": {n}"#);
            }
            if let Some(n) = l.min_minutes {
                extra += &format!(r#", "min_total_minutes": {n}"#);
            }
            if let Some(n) = l.max_run {
                extra += &format!(r#", "max_consecutive_days": {n}"#);
            }
            extra += &format!(
                r#", "min_consecutive_days": {}, "min_consecutive_days_off": {}"#,
                l.min_run, l.min_off
            );
            if let Some(n) = l.max_weekends {
                extra += &format!(r#", "max_weekends": {n}"#);
            }
            let offs: Vec<String> = l
                .days_off
                .iter()
                .map(|&d| format!("\"{}\"", date(d)))
                .collect();
            extra += &format!(r#", "days_off": [{}]"#, offs.join(", "));
            worker(&format!("w{i}"), &extra)
        })
        .collect();
    let requests: Vec<String> = c
        .requests
        .iter()
        .map(|&(w, d, sh, on, weight)| {
            let shift = sh
                .map(|s| format!(r#", "shift": "{}""#, SHIFTS[s]))
                .unwrap_or_default();
            format!(
                r#"{{ "worker": "w{w}", "date": "{}", "kind": "{}", "weight": {weight} {shift} }}"#,
                date(d),
                if on { "on" } else { "off" }
            )
        })
        .collect();
    let cover: Vec<String> = c
        .cover
        .iter()
        .map(|&(d, sh, req, under, over)| {
            format!(
                r#"{{ "date": "{}", "shift": "{}", "required": {req}, "under_weight": {under}, "over_weight": {over} }}"#,
                date(d),
                SHIFTS[sh]
            )
        })
        .collect();
    let mut extra = vec![
        format!(r#""requests": [{}]"#, requests.join(", ")),
        format!(r#""cover": [{}]"#, cover.join(", ")),
    ];
    if c.late_then_early_forbidden {
        extra.push(r#""forbidden_successions": [ { "first": "late", "then": "early" } ]"#.into());
    }
    if let Some((h, past)) = &c.history {
        let mut items = Vec::new();
        for (w, days) in past.iter().enumerate() {
            for (k, sh) in days.iter().enumerate() {
                if let Some(sh) = sh {
                    items.push(format!(
                        r#"{{ "worker": "w{w}", "date": "{}", "shift": "{}" }}"#,
                        date(k as i64 - h),
                        SHIFTS[*sh]
                    ));
                }
            }
        }
        extra.push(format!(
            r#""run_borders": "history", "history": {{ "from": "{}", "assignments": [{}] }}"#,
            date(-h),
            items.join(", ")
        ));
    }
    let json = json_from(start, c.days, c.min_rest, &workers, &extra);
    Scenario::from_json_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"))
}

/// Solves and checks: Ok(Some(objective)) when optimal, Ok(None) when
/// infeasible.
fn solve_and_check(s: &Scenario, backend: Backend) -> Result<Option<f64>, TestCaseError> {
    let opts = SolveOptions { backend, ..exact() };
    let plan = match flexline::solve(s, &opts) {
        Ok(p) => p,
        Err(Error::Infeasible { .. }) => return Ok(None),
        Err(e) => return Err(TestCaseError::fail(format!("solve failed: {e}"))),
    };
    prop_assert_eq!(plan.status.outcome, Outcome::Optimal);
    let report = check::check(s, &plan.roster);
    prop_assert!(
        report.is_feasible(),
        "checker violations: {:#?}",
        report.violations
    );
    let diffs = report.differences(&plan.throughput, &plan.cost);
    prop_assert!(diffs.is_empty(), "checker disagrees: {:#?}", diffs);
    let obj = plan.status.objective.expect("objective");
    prop_assert!(
        close(obj, report.cost.objective),
        "solver objective {} != checker cost {} for roster {:?}",
        obj,
        report.cost.objective,
        plan.roster
            .assignments
            .iter()
            .map(|a| (a.worker.as_str(), a.date, a.shift.as_str()))
            .collect::<Vec<_>>()
    );
    Ok(Some(obj))
}

/// The cheapest roster the checker accepts, over all rosters (each worker:
/// off, early or late on each date); None if it accepts none.
fn brute_force(s: &Scenario) -> Option<f64> {
    let nw = s.workers.len();
    let nd = (s.horizon.end - s.horizon.start).num_days() as usize + 1;
    let cells = nw * nd;
    let mut best: Option<f64> = None;
    let mut code = vec![0usize; cells];
    loop {
        let mut r = Roster::default();
        for (k, &c) in code.iter().enumerate() {
            if c > 0 {
                let w = s.workers[k / nd].id.as_str();
                r.assignments
                    .push(assign(s, w, (k % nd) as i64, SHIFTS[c - 1]));
            }
        }
        let report = check::check(s, &r);
        if report.is_feasible() {
            let c = report.cost.objective;
            best = Some(best.map_or(c, |b: f64| b.min(c)));
        }
        // Next code in base 3.
        let mut k = 0;
        loop {
            if k == cells {
                return best;
            }
            code[k] += 1;
            if code[k] < 3 {
                break;
            }
            code[k] = 0;
            k += 1;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn highs_rosters_pass_the_checker_at_the_solver_objective(c in case(1..=3, 7..=14)) {
        let s = scenario(&c);
        solve_and_check(&s, Backend::Highs)?;
    }

    #[test]
    fn microlp_rosters_pass_the_checker_at_the_solver_objective(c in case(1..=3, 7..=14)) {
        let s = scenario(&c);
        solve_and_check(&s, Backend::Microlp)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    #[test]
    fn optimum_equals_the_cheapest_roster_the_checker_accepts(c in tiny_case()) {
        let s = scenario(&c);
        let best = brute_force(&s);
        let solved = solve_and_check(&s, Backend::Microlp)?;
        match (solved, best) {
            (Some(o), Some(b)) => prop_assert!(close(o, b), "solver optimum {} but the checker accepts a roster costing {}", o, b),
            (None, None) => {}
            (o, b) => prop_assert!(false, "solver {:?} vs brute force {:?}", o, b),
        }
    }
}
