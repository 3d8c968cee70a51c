//! A roster from the LP relaxation's support (relaxation enforced
//! neighbourhood search), for large models with production rows whose main
//! solve stalled.
//!
//! On some 1,000-worker weeks with the clock's production rows HiGHS's root
//! node outlasts the minute: the dual simplex has not finished the root LP
//! when the main solve's share ends, and its heuristics run only after the
//! cut loop, so the search starts far from the optimum (seed 3 of the dense
//! week: 60.9 % gap at 60 s). The LP relaxation, solved by the
//! interior-point method and crossed over to a vertex, puts weight on a few
//! thousand of the forty thousand assignments; the integer program over
//! just those (every other assignment fixed to 0, that is left out) is
//! small and solves in seconds to a roster close to the LP bound, and the
//! LP's optimum is a proven bound. BENCHMARKS.md, "Large factory weeks",
//! has the measurement; `policy` says when this step runs.

use std::time::Instant;

use super::{solve_highs, SolveOptions};
use crate::formulation::Formulation;
use crate::prepare::Prepared;

/// LP values at or below this count as zero.
const SUPPORT_AT: f64 = 1e-6;

/// What the relaxation gave.
#[derive(Default)]
pub(super) struct Found {
    /// The LP relaxation's optimum (without the model's constant): a proven
    /// lower bound on every roster's objective.
    pub bound: Option<f64>,
    /// The candidates of a roster found over the LP's support.
    pub chosen: Option<Vec<usize>>,
}

/// Solves the LP relaxation, then the integer program over its support,
/// until `until`.
#[cfg(feature = "highs")]
pub(super) fn start(p: &Prepared<'_>, options: &SolveOptions, until: Instant) -> Found {
    let left = || {
        until
            .saturating_duration_since(Instant::now())
            .as_secs_f64()
    };
    let full = Formulation::build(p);
    let Some((values, bound)) = lp_values(full, options, left()) else {
        return Found::default();
    };
    Found {
        bound: Some(bound),
        chosen: over_support(p, options, &values, left()),
    }
}

#[cfg(feature = "highs")]
fn over_support(
    p: &Prepared<'_>,
    options: &SolveOptions,
    values: &[f64],
    limit: f64,
) -> Option<Vec<usize>> {
    let keep: Vec<usize> = (0..p.cands.len())
        .filter(|&c| values[c] > SUPPORT_AT)
        .collect();
    // Nothing to gain when the support is most of the model.
    if keep.is_empty() || keep.len() * 2 > p.cands.len() {
        return None;
    }
    let sub = p.restricted(&keep);
    let f = Formulation::build(&sub);
    if limit < 0.5 {
        return None;
    }
    let found = solve_highs(
        f,
        &SolveOptions {
            time_limit: Some(limit),
            max_nodes: None,
            ..options.clone()
        },
    )
    .ok()?;
    if !found.consistent || found.objective.is_none() {
        return None;
    }
    Some(found.chosen.iter().map(|&i| keep[i]).collect())
}

#[cfg(not(feature = "highs"))]
pub(super) fn start(_p: &Prepared<'_>, _options: &SolveOptions, _until: Instant) -> Found {
    Found::default()
}

/// The LP relaxation's value of each candidate's x, by the interior-point
/// method with crossover (a vertex: few assignments carry weight), and its
/// optimum.
#[cfg(feature = "highs")]
pub(super) fn lp_values(
    f: Formulation,
    options: &SolveOptions,
    seconds: f64,
) -> Option<(Vec<f64>, f64)> {
    use good_lp::SolverModel;
    use highs::HighsModelStatus;

    if seconds < 0.5 {
        return None;
    }
    let Formulation {
        vars,
        constraints,
        objective,
        x,
        ..
    } = f;
    let mut problem = vars.minimise(objective).using(good_lp::highs);
    for c in constraints {
        problem.add_constraint(c);
    }
    let mut model = problem.try_into_inner().ok()?;
    model.try_set_option("solve_relaxation", true).ok()?;
    model.try_set_option("solver", "ipm").ok()?;
    model.try_set_option("time_limit", seconds).ok()?;
    if let Some(n) = options.threads {
        let n = i32::try_from(n).unwrap_or(i32::MAX);
        model.try_set_option("threads", n).ok()?;
    }
    let solved = model.try_solve().ok()?;
    if solved.status() != HighsModelStatus::Optimal {
        return None;
    }
    let bound = solved.objective_value();
    let columns = solved.get_solution();
    let columns = columns.columns();
    let values = x
        .iter()
        .map(|&c| columns.get(c).copied())
        .collect::<Option<_>>()?;
    bound.is_finite().then_some((values, bound))
}

#[cfg(all(test, feature = "highs"))]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::synthetic::{factory, Spec};

    fn options() -> SolveOptions {
        SolveOptions {
            relative_gap: 0.0,
            threads: Some(1),
            ..SolveOptions::default()
        }
    }

    #[test]
    fn the_lp_bound_is_below_the_optimum_and_the_support_roster_above_it() {
        for seed in [3, 8] {
            let s = factory(&Spec {
                workers: 10,
                days: 2,
                shifts: 3,
                stations: 3,
                seed,
            });
            let p = Prepared::new(&s);
            let offset = Formulation::build(&p).offset;
            let found = start(&p, &options(), Instant::now() + Duration::from_secs(60));
            let bound = found.bound.expect("the LP is solved") + offset;
            let best = crate::solve(&s, &options()).expect("solve");
            assert_eq!(best.status.outcome, crate::Outcome::Optimal);
            let checked = crate::check::check(&s, &best.roster);
            assert!(checked.is_feasible(), "{:?}", checked.violations);
            assert!(checked.differences(&best.throughput, &best.cost).is_empty());
            let optimum = best.cost.objective;
            assert!(
                bound <= optimum + 1e-6 * optimum.abs().max(1.0),
                "{bound} > {optimum}"
            );
            // The support's roster keeps every hard rule, and costs no less
            // than the optimum (the checker prices it independently).
            let chosen = found.chosen.expect("a roster over the support");
            let roster = crate::report::roster(&p, &chosen);
            let report = crate::check::check(&s, &roster);
            assert!(report.is_feasible(), "{:?}", report.violations);
            assert!(report.cost.objective >= optimum - 1e-6 * optimum.abs().max(1.0));
        }
    }

    #[test]
    fn a_restricted_model_prices_a_roster_as_the_whole_model_does() {
        let s = factory(&Spec {
            workers: 12,
            days: 3,
            shifts: 2,
            stations: 4,
            seed: 5,
        });
        let p = Prepared::new(&s);
        let best = crate::solve(&s, &options()).expect("solve");
        let chosen = p.candidates_of(&best.roster.assignments);
        // Keep the roster's candidates and every third other one.
        let keep: Vec<usize> = (0..p.cands.len())
            .filter(|c| chosen.contains(c) || c % 3 == 0)
            .collect();
        let sub = p.restricted(&keep);
        let mut f = Formulation::build(&sub);
        let one: Vec<usize> = keep
            .iter()
            .enumerate()
            .filter(|(_, c)| chosen.contains(c))
            .map(|(i, _)| f.x[i])
            .collect();
        let zero: Vec<usize> = keep
            .iter()
            .enumerate()
            .filter(|(_, c)| !chosen.contains(c))
            .map(|(i, _)| f.x[i])
            .collect();
        f.fix(&zero, &one);
        let offset = f.offset;
        let raw = solve_highs(f, &options()).expect("solve the fixed sub-model");
        let objective = raw.objective.expect("an objective") + offset;
        let report = crate::check::check(&s, &best.roster);
        assert!(
            (objective - report.cost.objective).abs() <= 1e-6 * objective.abs().max(1.0),
            "{objective} vs {}",
            report.cost.objective
        );
    }
}
