//! Large-neighbourhood search over windows of dates: the primal side of
//! large solves.
//!
//! On rostering models beyond a few thousand assignments HiGHS proves good
//! bounds but finds poor rosters in a minute (BENCHMARKS.md). A window of
//! consecutive dates, all workers free inside it and every assignment outside
//! it fixed to the incumbent, is a small MIP that HiGHS solves to optimality
//! in a second or two; every hard rule stays in the model, so whatever it
//! returns is feasible for the whole horizon, and with the incumbent as its
//! start it can only improve. Windows are placed at random (seeded), and
//! their length adapts: it grows after a window solved to optimality well
//! within its share of time, and shrinks after one that ran out of time;
//! below the shortest window, a shrinking share of the workers is free in
//! it (a large factory's two dates are already too many).
//!
//! A neighbourhood is built as a model of its own
//! (`Prepared::restricted`): the free assignments and the incumbent's
//! fixed ones, without the assignments fixed to 0, so HiGHS's presolve does
//! not walk the whole model for every window.
//! When it runs and its time shares: `policy`.

use std::time::Instant;

use super::policy::{
    late_stop, DOUBLE_BELOW_SHARE, GROW_BELOW_SHARE, SEARCH_STOP_SECONDS, WINDOW_MIN_SECONDS,
    WINDOW_SHARE,
};
use super::{solve_highs, RawSolution, SolveOptions};
use crate::formulation::Formulation;
use crate::prepare::Prepared;
use crate::report::Outcome;
use crate::rng::SplitMix64;

/// The shortest window of dates.
const MIN_WINDOW: usize = 2;

/// What the search did.
pub(super) struct Search {
    /// Windows solved.
    pub windows: usize,
    /// Windows that improved the incumbent.
    pub improved: usize,
}

/// Improves `best` (consistent, with an objective; `full_offset` the whole
/// model's constant) until `deadline`; `production`: a large production
/// model, whose easy neighbourhoods double ([`DOUBLE_BELOW_SHARE`]);
/// `improved` is called with each better objective (without the model's
/// constant) as it is accepted.
pub(super) fn improve(
    p: &Prepared<'_>,
    best: &mut RawSolution,
    options: &SolveOptions,
    full_offset: f64,
    production: bool,
    deadline: Instant,
    improved: &mut dyn FnMut(f64),
) -> Search {
    let days = p.dates.len();
    let mut search = Search {
        windows: 0,
        improved: 0,
    };
    if days < 2 {
        return search;
    }
    let mut rng = SplitMix64(0x5EED_0000_0000_0000 ^ u64::from(options.seed));
    let total = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    // Each window gets a share of the search, at least a few seconds.
    let slice = (total * WINDOW_SHARE).max(WINDOW_MIN_SECONDS);
    let workers = p.s.workers.len();
    // Neighbourhood sizes, adapted separately: dates in a window, workers
    // in a group.
    let mut len = (days / 4).clamp(MIN_WINDOW, 7);
    // Share of the workers free in a window of the shortest length.
    let mut share = 1.0_f64;
    let mut group = (workers / 6).clamp(1, 8);
    loop {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        if left < SEARCH_STOP_SECONDS {
            break;
        }
        // Alternate: a window of dates for everyone, then a group of
        // workers over the whole horizon.
        let by_dates = search.windows % 2 == 0 || workers < 2;
        let free: Vec<bool> = if by_dates {
            let first = rng.below(days - len + 1);
            let window = first..first + len;
            // Below the shortest window, a share of the workers.
            let inside: Vec<bool> = (0..workers)
                .map(|_| share >= 1.0 || rng.unit() < share)
                .collect();
            p.cands
                .iter()
                .map(|c| window.contains(&p.occs[c.occ].day) && inside[c.worker])
                .collect()
        } else {
            let mut chosen = vec![false; workers];
            for _ in 0..group.min(workers) {
                chosen[rng.below(workers)] = true;
            }
            p.cands.iter().map(|c| chosen[c.worker]).collect()
        };
        // The sub-model holds the free assignments and the incumbent's
        // fixed ones (bounds 1 = 1); every other assignment is fixed to 0,
        // so it is simply left out.
        let mut on = vec![false; p.cands.len()];
        for &c in &best.chosen {
            on[c] = true;
        }
        let keep: Vec<usize> = (0..p.cands.len()).filter(|&c| free[c] || on[c]).collect();
        let sub_p = p.restricted(&keep);
        let mut f = Formulation::build(&sub_p);
        let one: Vec<usize> = keep
            .iter()
            .enumerate()
            .filter(|&(_, &c)| !free[c])
            .map(|(i, _)| f.x[i])
            .collect();
        f.fix(&[], &one);
        let start: Vec<usize> = keep
            .iter()
            .enumerate()
            .filter(|&(_, &c)| on[c])
            .map(|(i, _)| i)
            .collect();
        f.start_from(&start);
        // Constants the sub-model keeps apart from the whole model's (a
        // stock level with no column left is a constant in the offset).
        let shift = f.offset - full_offset;
        let limit = slice.min(left - late_stop(f.columns.len(), left));
        let t0 = Instant::now();
        let sub = SolveOptions {
            time_limit: Some(limit),
            relative_gap: 0.0,
            max_nodes: None,
            ..options.clone()
        };
        search.windows += 1;
        let Ok(found) = solve_highs(f, &sub) else {
            continue;
        };
        let took = t0.elapsed().as_secs_f64();
        if found.consistent {
            if let Some(o) = found.objective.map(|o| o + shift) {
                let better = best
                    .objective
                    .is_none_or(|b| o < b - 1e-6 * b.abs().max(1.0));
                if better {
                    best.objective = Some(o);
                    best.chosen = found.chosen.iter().map(|&i| keep[i]).collect();
                    best.home = found.home;
                    search.improved += 1;
                    improved(o);
                }
            }
        }
        let easy = found.outcome == Outcome::Optimal && took < GROW_BELOW_SHARE * limit;
        let hard = found.outcome != Outcome::Optimal;
        if by_dates && len == MIN_WINDOW && (share < 1.0 || hard) {
            // The shortest window for everyone is too much (a large
            // factory): free a share of the workers in it instead.
            if easy {
                share = (share * 1.25).min(1.0);
            } else if hard {
                share = (share * 0.75).max(1.0 / workers as f64);
            }
        } else {
            let size = if by_dates { &mut len } else { &mut group };
            let most = if by_dates { days } else { workers };
            if easy && production && took < DOUBLE_BELOW_SHARE * limit {
                *size = (*size * 2).min(most);
            } else if easy {
                *size = (*size + size.div_ceil(4)).min(most);
            } else if hard {
                *size = (*size * 3 / 4).max(if by_dates { MIN_WINDOW } else { 1 });
            }
        }
    }
    search
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::formats::NrpInstance;

    #[test]
    fn windows_improve_a_cover_blind_roster_and_the_checker_agrees() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nrp/Instance3.txt");
        let s = NrpInstance::from_file(path)
            .unwrap()
            .to_scenario("Instance3");
        let p = Prepared::new(&s);
        let start = crate::solve::warm::blind_start(&s);
        let mut best = RawSolution {
            outcome: Outcome::Feasible,
            objective: None,
            dual_bound: None,
            gap: None,
            chosen: p.candidates_of(&start),
            home: Vec::new(),
            consistent: true,
        };
        let before = crate::check::check(&s, &crate::report::roster(&p, &best.chosen));
        assert!(before.is_feasible(), "{:?}", before.violations);
        let options = SolveOptions::default();
        let offset = Formulation::build(&p).offset;
        let search = improve(
            &p,
            &mut best,
            &options,
            offset,
            false,
            Instant::now() + Duration::from_secs(5),
            &mut |_| {},
        );
        assert!(search.improved > 0 && search.windows >= search.improved);
        // Whatever the search returns keeps every hard rule, and its
        // objective (plus the model's constant) is the checker's penalty.
        let after = crate::check::check(&s, &crate::report::roster(&p, &best.chosen));
        assert!(after.is_feasible(), "{:?}", after.violations);
        let objective = best.objective.expect("an improved objective") + offset;
        assert!(
            (objective - after.cost.objective).abs() < 1e-6,
            "{objective} vs {}",
            after.cost.objective
        );
        assert!(after.cost.objective < before.cost.objective);
    }
}
