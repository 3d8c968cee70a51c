//! Property tests over random small factories (seeded synthetic scenarios).

use crate::common;
use crate::common::*;
use flexline::check::{self, Rule};
use flexline::synthetic::{factory, Spec};
use flexline::{Outcome, Scenario, WorkerId};
use proptest::prelude::*;

fn small_spec() -> impl Strategy<Value = Spec> {
    (1usize..7, 1usize..5, 1usize..4, 1usize..5, any::<u64>()).prop_map(
        |(workers, days, shifts, stations, seed)| Spec {
            workers,
            days,
            shifts,
            stations,
            seed,
        },
    )
}

/// True if the checker, given this one assignment alone, finds it inside a
/// caregiving window (the checker walks the shift minute by minute).
fn inside_window(s: &Scenario, a: &flexline::Assignment) -> bool {
    let report = check::check(
        s,
        &flexline::Roster {
            assignments: vec![a.clone()],
            home_batches: Vec::new(),
        },
    );
    report
        .violations
        .iter()
        .any(|v| v.rule == Rule::CaregivingWindow)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    #[test]
    fn checker_accepts_every_roster_and_agrees_on_throughput_and_cost(spec in small_spec()) {
        let s = factory(&spec);
        let plan = solve_checked(&s, &exact());
        prop_assert_eq!(plan.status.outcome, Outcome::Optimal);
        for a in &plan.roster.assignments {
            prop_assert!(!inside_window(&s, a), "inside a caregiving window: {:?}", a);
        }
        // No double booking, skills respected, hours within limits.
        let report = check::check(&s, &plan.roster);
        prop_assert!(report.violations.is_empty());
        let mut seen = std::collections::HashSet::new();
        for a in &plan.roster.assignments {
            prop_assert!(seen.insert((a.worker.clone(), a.date)), "double booking {:?}", a);
            let w = s.worker(&a.worker).unwrap();
            let st = s.lines.iter().flat_map(|l| &l.stations).find(|x| x.id == a.station).unwrap();
            prop_assert!(w.efficiency(&st.skill).is_some());
            prop_assert!(a.paid_hours <= s.rules.max_hours_per_day + TOL);
        }
        // Reported capacity equals what the roster's hours produce: per
        // station, summed over the horizon (a shift past the last midnight
        // brings the rest after the horizon).
        let horizon_end = (s.horizon.end + chrono::Duration::days(1)).and_hms_opt(0, 0, 0).unwrap();
        for st in s.lines.iter().flat_map(|l| &l.stations) {
            let units: f64 = plan.roster.assignments.iter()
                .filter(|a| a.station == st.id)
                .map(|a| {
                    let inside = (a.end.min(horizon_end) - a.start).num_minutes() as f64
                        / (a.end - a.start).num_minutes() as f64;
                    inside * a.paid_hours * 60.0 * s.worker(&a.worker).unwrap().efficiency(&st.skill).unwrap() / st.minutes_per_unit
                })
                .sum();
            let reported: f64 = plan.throughput.stations.iter().filter(|sd| sd.station == st.id).map(|sd| sd.capacity_units).sum();
            prop_assert!(close(units, reported), "{} vs {}", units, reported);
        }
        for sd in &plan.throughput.stations {
            prop_assert!(sd.produced_units <= sd.capacity_units + TOL);
        }
    }

    /// One semantics: any roster the checker accepts, fixed in the integer
    /// program, is priced by the solver exactly as the reports and the
    /// checker price it (objective), and comes back unchanged.
    #[test]
    fn a_fixed_roster_costs_the_same_in_the_optimizer_and_the_checker(spec in small_spec(), pick in any::<u64>(), holding in 0u8..4) {
        let mut s = factory(&spec);
        // Holding costs and buffers make the model plan the line's exact
        // (work-conserving) flow with binaries: exercise those rows too.
        for l in &mut s.lines {
            if holding & 1 == 1 {
                l.holding_cost_per_unit_day = Some(0.5);
                for st in l.stations.iter_mut().skip(1) {
                    st.holding_cost_per_unit_day = Some(0.25);
                }
            }
            if holding & 2 == 2 {
                for st in l.stations.iter_mut().skip(1) {
                    st.buffer_capacity = Some(st.initial_stock + 5.0);
                }
            }
        }
        let roster = common::random_feasible_roster(&s, pick);
        let mut model = flexline::Model::build(&s).expect("build");
        model.fix_roster(&roster).expect("fix");
        let plan = model.solve(&exact()).expect("solve");
        prop_assert_eq!(plan.status.outcome, Outcome::Optimal);
        common::assert_checked(&s, &plan);
        let mut got: Vec<_> = plan.roster.assignments.iter().map(|a| (a.worker.clone(), a.date, a.station.clone())).collect();
        let mut want: Vec<_> = roster.assignments.iter().map(|a| (a.worker.clone(), a.date, a.station.clone())).collect();
        got.sort();
        want.sort();
        prop_assert_eq!(got, want);
        let report = check::check(&s, &roster);
        let obj = plan.status.objective.unwrap();
        prop_assert!(close(obj, report.cost.objective), "solver {} vs checker {}", obj, report.cost.objective);
    }

    #[test]
    fn same_input_gives_same_roster(spec in small_spec()) {
        let s = factory(&spec);
        let a = solve_checked(&s, &exact());
        let b = solve_checked(&s, &exact());
        prop_assert_eq!(a.roster, b.roster);
    }

    #[test]
    fn adding_a_worker_never_lowers_the_optimal_output(spec in small_spec(), extra_seed in any::<u64>()) {
        let mut s = factory(&spec);
        // Make output dominate cost so the optimum maximises attainment first.
        const PENALTY: f64 = 1e5;
        s.penalties.shortfall_per_unit = PENALTY;
        for w in &mut s.workers { w.min_hours_per_week = 0.0; }
        let before = solve_checked(&s, &exact());
        let mut more = s.clone();
        let donor = factory(&Spec { workers: 1, seed: extra_seed, ..spec });
        let mut w = donor.workers[0].clone();
        w.id = WorkerId::new("extra");
        w.min_hours_per_week = 0.0;
        more.workers.push(w);
        let after = solve_checked(&more, &exact());
        // The old roster is still feasible, so the optimum cannot get worse…
        prop_assert!(after.cost.objective <= before.cost.objective + 1e-6 * before.cost.objective.max(1.0));
        // …and since one unit short costs more than any wage bill here, the
        // credited output cannot drop by more than the wage difference allows.
        let credited = |p: &flexline::Plan| p.throughput.targets.iter().map(|t| t.finished_units.min(t.target_units)).sum::<f64>();
        let slack = before.cost.wages_total / PENALTY + 1e-6;
        prop_assert!(credited(&after) + slack >= credited(&before),
            "credited output fell from {} to {}", credited(&before), credited(&after));
    }
}
