//! A starting roster for HiGHS when the empty roster breaks a hard rule
//! (a worker's `min_total_minutes`).
//!
//! Every hard rule but workplaces concerns one worker at a time, so a roster
//! built worker by worker, each worker's own rules kept, is feasible (when no
//! station's workplaces bind). Workers are solved one after another, each as a
//! one-worker scenario whose cover requirements are what the workers before
//! them left open; the one-worker models are small and solve in milliseconds.
//! When time is short (large scenarios), a one-template pattern found by
//! dynamic programming replaces the one-worker MIP (`pattern`). The result
//! seeds the full solve, which HiGHS then improves and bounds; on models too
//! large to re-solve whole, groups of workers improve it first (`groups`).

use std::collections::HashMap;
use std::time::Instant;

mod groups;
mod pattern;

pub(crate) use groups::improve_by_groups;

use crate::model::{CoverRequirement, Scenario};
use crate::report::Assignment;
use crate::solve::{policy, Backend, Model, SolveOptions};

/// True if the empty roster breaks a hard rule, so a start is worth building.
pub(crate) fn needed(s: &Scenario) -> bool {
    s.workers
        .iter()
        .any(|w| w.min_total_minutes.is_some_and(|m| m > 0))
}

/// Builds the sequential start within about `budget` seconds; `None` if a
/// worker's own rules cannot be met in the time given to them.
pub(crate) fn sequential(
    s: &Scenario,
    seed: u32,
    threads: Option<u32>,
    budget: f64,
) -> Option<Vec<Assignment>> {
    sequential_counted(s, seed, threads, budget, &mut StartWork::default())
}

/// What a start did, counted (tests of its budget count work rather than
/// time it).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StartWork {
    /// The dynamic programs' work (`pattern::Work`).
    pub(crate) patterns: pattern::Work,
    /// Workers who took a first-fit pattern.
    pub(crate) first_fit: usize,
    /// Workers who needed a one-worker MIP.
    pub(crate) mips: usize,
}

/// [`sequential`], counting its work in `work`.
pub(crate) fn sequential_counted(
    s: &Scenario,
    seed: u32,
    threads: Option<u32>,
    budget: f64,
    work: &mut StartWork,
) -> Option<Vec<Assignment>> {
    let t0 = Instant::now();
    let mut roster: Vec<Assignment> = Vec::new();
    // People already on each (date, shift), per line and station.
    let mut on: Placed<'_> = HashMap::new();
    let n = s.workers.len().max(1);
    for i in 0..s.workers.len() {
        let left = budget - t0.elapsed().as_secs_f64();
        let mut sub = for_workers(s, &[i], &on);
        // Each worker's share of what is left. When it gets short (large
        // instances), a one-template pattern found by dynamic programming
        // (milliseconds, cover-aware, checked; see `pattern`) comes first.
        // Failing that, the worker only needs a pattern that keeps their own
        // rules: drop cover and requests, which HiGHS then finds at once, and
        // give each solve at least half a second. Past the budget, the rest
        // still get a quick feasibility solve each (a roster beats none).
        let share = left / (n - i) as f64;
        let long = sub.horizon.dates().len() > policy::MIP_FIRST_MAX_DAYS;
        let quick = if left <= 0.0 {
            // The budget is spent: a first-fit pattern (linear in the
            // dates), then the priced dynamic program (no exact one on a
            // long horizon: a second a worker on Instance 23).
            let fit = pattern::first_fit(&sub).or_else(|| pattern::first_fit_mixed(&sub));
            work.first_fit += usize::from(fit.is_some());
            fit.or_else(|| pattern::one_template(&sub, 0.0, &mut work.patterns))
                .or_else(|| last_resort(&sub, work))
        } else if share < 1.0 {
            pattern::one_template(&sub, share, &mut work.patterns).or_else(|| {
                // A one-worker MIP over a long horizon costs seconds (about
                // 5 s a nurse on Instance 22's 364 days, and may find
                // nothing in that time): a first-fit pattern over every
                // template comes first there, then the last resort.
                if !long {
                    return None;
                }
                let fit = pattern::first_fit_mixed(&sub);
                work.first_fit += usize::from(fit.is_some());
                fit.or_else(|| last_resort(&sub, work))
            })
        } else {
            None
        };
        let assignments = match quick {
            Some(found) => found,
            None => {
                work.mips += 1;
                if share < 1.0 {
                    sub.cover.clear();
                    sub.requests.clear();
                }
                // The second try gets what is left of the budget, at least
                // `policy::MIP_RETRY_SECONDS`.
                let retry = (budget - t0.elapsed().as_secs_f64()).max(policy::MIP_RETRY_SECONDS);
                mip_pattern(&mut sub, share, retry, seed, threads)?
            }
        };
        for a in assignments {
            place(s, &mut on, &a)?;
            roster.push(a);
        }
    }
    Some(roster)
}

/// The last resort before a one-worker MIP (seconds on a long horizon, and
/// it may find nothing in them, which leaves the whole start empty): the
/// exact dynamic program whatever its time, a second or two, which finds
/// patterns the priced one misses (one nurse of Instance 24).
fn last_resort(sub: &Scenario, work: &mut StartWork) -> Option<Vec<Assignment>> {
    pattern::one_template(sub, f64::INFINITY, &mut work.patterns)
}

/// A feasible but poor roster for tests: every worker's own rules kept,
/// cover and requests ignored.
#[cfg(test)]
pub(crate) fn blind_start(s: &Scenario) -> Vec<Assignment> {
    let mut blind = s.clone();
    blind.cover.clear();
    blind.requests.clear();
    sequential(&blind, 0, None, 20.0).expect("a start")
}

/// `s` for the workers `group` only (their requests and history), no
/// targets, and the cover less the people placed in `on`.
pub(crate) fn for_workers(s: &Scenario, group: &[usize], on: &Placed<'_>) -> Scenario {
    let ids: Vec<&crate::model::WorkerId> = group.iter().map(|&w| &s.workers[w].id).collect();
    let mut sub = s.clone();
    sub.workers = group.iter().map(|&w| s.workers[w].clone()).collect();
    sub.targets.clear();
    // Fairness compares workers with each other: the start ignores it.
    sub.fairness.clear();
    sub.requests.retain(|r| ids.contains(&&r.worker));
    if let Some(h) = &mut sub.history {
        h.assignments.retain(|a| ids.contains(&&a.worker));
    }
    sub.cover = open_cover(s, on);
    sub
}

/// People placed on each (date, shift), as (line, station) indices.
type Placed<'s> = HashMap<(chrono::NaiveDate, &'s str), Vec<(usize, usize)>>;

/// Records `a` in `on`; `None` if an id is unknown.
fn place<'s>(s: &'s Scenario, on: &mut Placed<'s>, a: &Assignment) -> Option<()> {
    let li = s.lines.iter().position(|l| l.id == a.line)?;
    let si = s.lines[li]
        .stations
        .iter()
        .position(|st| st.id == a.station)?;
    let key_shift = s.shifts.iter().find(|t| t.id == a.shift)?.id.as_str();
    on.entry((a.date, key_shift)).or_default().push((li, si));
    Some(())
}

/// The cover requirements less the people already placed in `on`.
fn open_cover(s: &Scenario, on: &Placed<'_>) -> Vec<CoverRequirement> {
    s.cover
        .iter()
        .map(|cv| {
            let staffed = on.get(&(cv.date, cv.shift.as_str())).map_or(0, |v| {
                v.iter()
                    .filter(|&&(li, si)| {
                        let line = &s.lines[li];
                        cv.line.as_ref().is_none_or(|l| &line.id == l)
                            && cv
                                .station
                                .as_ref()
                                .is_none_or(|st| &line.stations[si].id == st)
                    })
                    .count()
            }) as u32;
            CoverRequirement {
                required: cv.required.saturating_sub(staffed),
                ..cv.clone()
            }
        })
        .collect()
}

/// One worker's pattern from a one-worker MIP (`sub` holds only them).
fn mip_pattern(
    sub: &mut Scenario,
    share: f64,
    retry: f64,
    seed: u32,
    threads: Option<u32>,
) -> Option<Vec<Assignment>> {
    let options = SolveOptions {
        time_limit: Some(if share > 0.0 { share.max(0.5) } else { 0.3 }),
        relative_gap: 1e-2,
        // HiGHS keeps one thread pool per process: reuse the caller's value.
        threads,
        seed,
        max_nodes: None,
        backend: Backend::Highs,
        progress: None,
    };
    let mut plan = Model::build(sub).ok()?.solve_without_start(&options).ok()?;
    if plan.status.outcome == crate::Outcome::NoSolution {
        // Some one-worker models need a little branching: one more try,
        // for their own rules only, with `retry` seconds.
        sub.cover.clear();
        sub.requests.clear();
        let retry = SolveOptions {
            time_limit: Some(retry),
            ..options
        };
        plan = Model::build(sub).ok()?.solve_without_start(&retry).ok()?;
        if plan.status.outcome == crate::Outcome::NoSolution {
            return None;
        }
    }
    Some(plan.roster.assignments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spent_budget_runs_no_exact_program_on_a_year_long_instance() {
        // Instance 23 (100 nurses, 364 days) with no time for its start:
        // every nurse takes a first-fit pattern or the priced program, and
        // none the exact program (16 M cells a template, about a second a
        // nurse: the start once took 100 s of a 20 s limit this way).
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nrp/Instance23.txt");
        let s = crate::formats::NrpInstance::from_file(path)
            .unwrap()
            .to_scenario("Instance23");
        let mut work = StartWork::default();
        let start = sequential_counted(&s, 0, Some(1), 0.0, &mut work).expect("a start");
        // Ignoring the budget ran the exact program for 39 nurses (about
        // 80 M cells each); a last resort for a few is allowed.
        assert!(work.patterns.exact_cells <= 200_000_000, "{work:?}");
        assert!(work.first_fit >= 40, "{work:?}");
        assert!(work.mips <= 5, "{work:?}");
        let roster = crate::report::Roster {
            assignments: start,
            ..Default::default()
        };
        let report = crate::check::check(&s, &roster);
        assert!(report.is_feasible(), "{:?}", report.violations);
    }
}
