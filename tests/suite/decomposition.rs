//! The decomposition by worker (`flexline::decompose`): its bounds against
//! the compact model on random small rostering scenarios, and the
//! benchmark's first instances at their optima through it. Every roster
//! goes through the independent checker.

use crate::common::{assert_checked, close, exact, solve_checked};
use crate::rostering_properties::{case, scenario};
use flexline::{decompose, DecompositionOptions, Error, Outcome, Scenario};
use proptest::prelude::*;

/// Tolerance of an LP value (HiGHS's feasibility and optimality tolerances).
const LP_TOL: f64 = 1e-5;

fn options() -> DecompositionOptions {
    DecompositionOptions {
        threads: Some(1),
        compact_lp: true,
        ..Default::default()
    }
}

fn nrp(n: u32) -> Scenario {
    let path = format!(
        "{}/tests/data/nrp/Instance{n}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    flexline::formats::NrpInstance::from_file(path)
        .expect("instance")
        .to_scenario(&format!("Instance{n}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// compact LP ≤ decomposition LP ≤ compact optimum ≤ master MIP roster,
    /// and the master's roster is priced by the checker at its objective.
    #[test]
    fn the_lp_bound_lies_between_the_compact_relaxation_and_the_optimum(
        mut c in case(1..=3, 7..=14)
    ) {
        c.history = None;
        let s = scenario(&c);
        let optimum = match flexline::solve(&s, &exact()) {
            Ok(_) => Some(solve_checked(&s, &exact()).status.objective.expect("objective")),
            Err(Error::Infeasible { .. }) => None,
            Err(e) => return Err(TestCaseError::fail(format!("compact solve: {e}"))),
        };
        let d = match decompose(&s, &options()) {
            Ok(d) => d,
            Err(Error::Infeasible { .. }) => {
                prop_assert!(optimum.is_none(), "the compact model has a roster");
                return Ok(());
            }
            Err(e) => return Err(TestCaseError::fail(format!("decompose: {e}"))),
        };
        let optimum = optimum.expect("the decomposition found schedules, so a roster exists");
        prop_assert!(d.converged);
        let lp = d.lp_bound.expect("converged");
        let compact = d.compact_lp.expect("compact LP");
        prop_assert!(lp <= optimum + LP_TOL * optimum.abs().max(1.0), "LP bound {} > optimum {}", lp, optimum);
        prop_assert!(lp >= compact - LP_TOL * compact.abs().max(1.0), "LP bound {} < compact LP {}", lp, compact);
        let lagrangian = d.lower_bound.expect("a bound");
        prop_assert!(lagrangian <= optimum + LP_TOL * optimum.abs().max(1.0));
        let plan = d.plan.expect("the master MIP has the first columns' roster");
        assert_checked(&s, &plan);
        let objective = plan.status.objective.expect("objective");
        prop_assert!(close(objective, flexline::check::check(&s, &plan.roster).cost.objective));
        prop_assert!(objective >= optimum - LP_TOL * optimum.abs().max(1.0));
        if plan.status.outcome == Outcome::Optimal {
            prop_assert!(close(objective, optimum));
        }
    }
}

/// Instances 1–3 reach their known optima through the restricted master MIP.
#[test]
fn instances_1_to_3_reach_their_optima_through_the_decomposition() {
    for (n, best) in [(1, 607.0), (2, 828.0), (3, 1001.0)] {
        let s = nrp(n);
        let d = decompose(&s, &options()).expect("decompose");
        assert!(d.converged, "Instance{n}");
        let plan = d.plan.expect("a roster");
        assert_checked(&s, &plan);
        assert!(
            close(plan.status.objective.expect("objective"), best),
            "Instance{n}"
        );
        let lp = d.lp_bound.expect("converged");
        assert!(lp <= best + LP_TOL && lp >= d.compact_lp.expect("compact") - LP_TOL);
    }
}

/// Instances 1–3 are proven optimal through the decomposition as the start
/// and bound of the compact solve.
#[test]
fn instances_1_to_3_are_proven_through_the_decomposition_and_the_compact_model() {
    for (n, best) in [(1, 607.0), (2, 828.0), (3, 1001.0)] {
        let s = nrp(n);
        let (plan, d) = flexline::solve_decomposed(&s, &exact()).expect("solve");
        assert_checked(&s, &plan);
        assert_eq!(plan.status.outcome, Outcome::Optimal, "Instance{n}");
        assert!(
            close(plan.status.objective.expect("objective"), best),
            "Instance{n}"
        );
        assert!(d.lower_bound.expect("a bound") <= best + LP_TOL);
    }
}

/// A rule the pricing does not model is named, not priced wrongly.
#[test]
fn output_targets_are_reported_as_unsupported() {
    let json =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))
            .expect("tiny.json");
    let s = Scenario::from_json_str(&json).expect("scenario");
    assert!(!s.targets.is_empty());
    match decompose(&s, &options()) {
        Err(Error::DecompositionUnsupported { rule }) => {
            assert!(rule.contains("output targets"), "{rule}")
        }
        other => panic!("expected unsupported, got {other:?}"),
    }
}

/// Bad options are an error naming the option, before any work (a NaN or
/// negative time would otherwise panic in `Duration`).
#[test]
fn bad_decomposition_options_are_errors_naming_the_option() {
    let s = nrp(1);
    for (bad, option) in [
        (
            DecompositionOptions {
                time_limit: Some(f64::NAN),
                ..options()
            },
            "time_limit",
        ),
        (
            DecompositionOptions {
                integer_seconds: Some(-1.0),
                ..options()
            },
            "integer_seconds",
        ),
        (
            DecompositionOptions {
                threads: Some(0),
                ..options()
            },
            "threads",
        ),
    ] {
        match decompose(&s, &bad) {
            Err(Error::InvalidOptions {
                options: "decomposition",
                option: o,
                ..
            }) => assert_eq!(o, option),
            other => panic!("{option}: expected an option error, got {other:?}"),
        }
    }
}
