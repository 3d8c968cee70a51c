//! Neighbourhood search by groups of workers, for models too large to
//! re-solve whole (see `solve::lns` for the mid-sized ones).
//!
//! Without output targets and with workplaces that cannot bind, workers
//! interact only through the cover. Then a group of workers, with everyone
//! else's roster fixed, is the small scenario the start already uses: the
//! group's workers, their requests and history, and the cover less what the
//! others staff. Its objective equals the whole roster's up to a constant
//! (an over-cover the others already cause stays a constant), so a cheaper
//! group roster is a cheaper whole roster. Each group is solved with its
//! current roster as the start, accepted only if the checker passes it and
//! its checked penalty is lower; the group size adapts as in `solve::lns`.

use std::collections::HashMap;
use std::time::Instant;

use super::{for_workers, place, Placed};
use crate::model::Scenario;
use crate::report::{Assignment, Outcome, Roster};
use crate::rng::SplitMix64;
use crate::solve::policy::{GROUP_MAX_SECONDS, GROUP_STOP_SECONDS, GROW_BELOW_SHARE};
use crate::solve::{Backend, Model, SolveOptions};

/// True if groups of workers can be re-solved apart: no output targets, no
/// home work, and no station whose workplaces could bind.
pub(crate) fn applies(s: &Scenario) -> bool {
    s.targets.is_empty()
        && s.delivery_rounds.is_empty()
        && s.lines
            .iter()
            .flat_map(|l| &l.stations)
            .all(|st| st.workplaces as usize >= s.workers.len())
}

/// Improves `roster` (feasible for `s`) until `deadline`; returns how many
/// groups improved it.
pub(crate) fn improve_by_groups(
    s: &Scenario,
    roster: &mut Vec<Assignment>,
    seed: u32,
    threads: Option<u32>,
    deadline: Instant,
) -> usize {
    let n = s.workers.len();
    if n < 2 || !applies(s) {
        return 0;
    }
    let mut rng = SplitMix64(0x6_0000_0000 ^ u64::from(seed));
    let mut size = 3.min(n);
    let mut improved = 0;
    // The most a group has taken beyond its HiGHS limit (building and
    // checking it, HiGHS stopping late): kept back from the next group's
    // limit, so the last group ends by the deadline. 2026-12-02, Instance 24
    // at 60 s: without it the last group ended 0.2–1.5 s past the deadline
    // (BENCHMARKS.md, "Ending on time").
    let mut overrun = 0.0_f64;
    loop {
        let t_group = Instant::now();
        let left = deadline.saturating_duration_since(t_group).as_secs_f64() - overrun;
        if left < GROUP_STOP_SECONDS {
            break;
        }
        let mut group: Vec<usize> = Vec::with_capacity(size);
        while group.len() < size {
            let w = rng.below(n);
            if !group.contains(&w) {
                group.push(w);
            }
        }
        group.sort_unstable();
        let ids: Vec<&crate::model::WorkerId> = group.iter().map(|&w| &s.workers[w].id).collect();
        let mut on: Placed<'_> = HashMap::new();
        let mut mine = Vec::new();
        for a in roster.iter() {
            if ids.contains(&&a.worker) {
                mine.push(a.clone());
            } else if place(s, &mut on, a).is_none() {
                return improved;
            }
        }
        let sub = for_workers(s, &group, &on);
        let current = Roster {
            assignments: mine,
            ..Default::default()
        };
        let before = crate::check::check(&sub, &current);
        if !before.is_feasible() {
            return improved;
        }
        let Ok(mut model) = Model::build(&sub) else {
            return improved;
        };
        {
            let (p, f) = model.parts_mut();
            f.start_from(&p.candidates_of(&current.assignments));
        }
        let limit = left.min(GROUP_MAX_SECONDS);
        let options = SolveOptions {
            time_limit: Some(limit),
            relative_gap: 0.0,
            threads,
            seed,
            max_nodes: None,
            backend: Backend::Highs,
            progress: None,
        };
        let t0 = Instant::now();
        let Ok(plan) = model.solve_without_start(&options) else {
            continue;
        };
        let took = t0.elapsed().as_secs_f64();
        if plan.status.outcome != Outcome::NoSolution {
            let after = crate::check::check(&sub, &plan.roster);
            if after.is_feasible()
                && crate::tolerance::better(after.cost.objective, before.cost.objective)
            {
                roster.retain(|a| !ids.contains(&&a.worker));
                roster.extend(plan.roster.assignments);
                improved += 1;
            }
        }
        overrun = overrun.max(t_group.elapsed().as_secs_f64() - limit);
        if plan.status.outcome == Outcome::Optimal && took < GROW_BELOW_SHARE * limit {
            size = (size + 1).min(n);
        } else if plan.status.outcome != Outcome::Optimal {
            size = (size * 3 / 4).max(1);
        }
    }
    improved
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::formats::NrpInstance;

    #[test]
    fn groups_improve_a_cover_blind_roster_and_keep_every_rule() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nrp/Instance2.txt");
        let s = NrpInstance::from_file(path)
            .unwrap()
            .to_scenario("Instance2");
        assert!(applies(&s));
        let mut roster = crate::solve::warm::blind_start(&s);
        let penalty = |r: &[Assignment]| {
            let report = crate::check::check(
                &s,
                &Roster {
                    assignments: r.to_vec(),
                    ..Default::default()
                },
            );
            assert!(report.is_feasible(), "{:?}", report.violations);
            report.cost.objective
        };
        let before = penalty(&roster);
        let improved = improve_by_groups(
            &s,
            &mut roster,
            0,
            None,
            Instant::now() + Duration::from_secs(4),
        );
        assert!(improved > 0);
        assert!(penalty(&roster) < before);
    }

    #[test]
    fn groups_do_not_apply_when_workers_share_more_than_cover() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nrp/Instance1.txt");
        let mut s = NrpInstance::from_file(path)
            .unwrap()
            .to_scenario("Instance1");
        s.lines[0].stations[0].workplaces = 2;
        assert!(!applies(&s));
        let mut roster = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(1);
        assert_eq!(improve_by_groups(&s, &mut roster, 0, None, deadline), 0);
        assert!(roster.is_empty());
    }
}
