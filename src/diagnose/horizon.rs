//! Conflicts among a worker's hard rules over the whole horizon: a minimum
//! of total minutes (`min_total_minutes`) that the worker's own run, weekend,
//! shift-count, rest and availability rules cannot give. These make a solve
//! infeasible (`Error::Infeasible`), so they are found by solving: each
//! oracle call is the one-worker scenario (no cover, targets or requests)
//! with some rule groups relaxed, and "conflicting" means HiGHS proves it
//! infeasible. The deletion filter then keeps a minimal set of groups, and a
//! bisection on the minimum finds the most the kept rules allow.

use super::minimal::{minimal_conflict, shift_templates_of};
use super::{Conflict, RuleId, RuleRef};
use crate::error::Error;
use crate::model::{Scenario, WorkerId};
use crate::solve::{Backend, Model, SolveOptions};

/// A worker's rule group over the horizon, relaxed as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Windows,
    FixedDaysOff,
    MaxShifts,
    MaxTotal,
    MaxConsecutive,
    MinConsecutive,
    MinConsecutiveOff,
    Weekends,
    WeeklyDaysOff,
    HourCaps,
    Rest,
}

const ALL: [Group; 11] = [
    Group::Windows,
    Group::FixedDaysOff,
    Group::MaxShifts,
    Group::MaxTotal,
    Group::MaxConsecutive,
    Group::MinConsecutive,
    Group::MinConsecutiveOff,
    Group::Weekends,
    Group::WeeklyDaysOff,
    Group::HourCaps,
    Group::Rest,
];

/// Seconds HiGHS gets per one-worker feasibility question; a question not
/// settled in time counts as "no conflict proven".
const ORACLE_SECONDS: f64 = 10.0;

impl Group {
    /// The rules of the crate's vocabulary the group relaxes.
    fn rules(self) -> &'static [RuleId] {
        match self {
            Group::Windows => &[RuleId::CaregivingWindow],
            Group::FixedDaysOff => &[RuleId::FixedDayOff],
            Group::MaxShifts => &[RuleId::ShiftCount],
            Group::MaxTotal => &[RuleId::TotalMinutes],
            Group::MaxConsecutive => &[RuleId::ConsecutiveDays],
            Group::MinConsecutive => &[RuleId::MinConsecutiveDays],
            Group::MinConsecutiveOff => &[RuleId::MinConsecutiveDaysOff],
            Group::Weekends => &[RuleId::Weekends],
            Group::WeeklyDaysOff => &[RuleId::DaysOff],
            Group::HourCaps => &[
                RuleId::DailyHours,
                RuleId::DailyOvertime,
                RuleId::WeeklyHours,
                RuleId::OvertimeCap,
            ],
            Group::Rest => &[RuleId::MinRest, RuleId::ForbiddenSuccession],
        }
    }
}

/// The group as a rule of worker `worker`'s, as a conflict names it.
fn rule(g: Group, worker: &WorkerId) -> RuleRef {
    let worker = worker.clone();
    match g {
        Group::Windows => RuleRef::CaregivingWindows { worker },
        Group::FixedDaysOff => RuleRef::FixedDaysOff { worker },
        Group::MaxShifts => RuleRef::MaxShifts { worker },
        Group::MaxTotal => RuleRef::MaxTotalMinutes { worker },
        Group::MaxConsecutive => RuleRef::MaxConsecutiveDays { worker },
        Group::MinConsecutive => RuleRef::MinConsecutiveDays { worker },
        Group::MinConsecutiveOff => RuleRef::MinConsecutiveDaysOff { worker },
        Group::Weekends => RuleRef::MaxWeekends { worker },
        Group::WeeklyDaysOff => RuleRef::DaysOff { worker },
        Group::HourCaps => RuleRef::HourCaps { worker },
        Group::Rest => RuleRef::RestBetweenShifts { worker },
    }
}

/// `base` (one worker) with every group outside `keep` relaxed: each rule
/// of those groups lifted (the worker's limit and the scenario's).
fn relaxed(base: &Scenario, keep: &[Group]) -> Scenario {
    let mut s = base.clone();
    let w = &mut s.workers[0];
    let kept: Vec<RuleId> = keep.iter().flat_map(|g| g.rules()).copied().collect();
    let lifted = ALL
        .iter()
        .flat_map(|g| g.rules())
        .filter(|r| !kept.contains(r));
    for rule in lifted {
        match rule {
            RuleId::CaregivingWindow => w.unavailable.clear(),
            RuleId::FixedDayOff => w.days_off.clear(),
            RuleId::ShiftCount => w.max_shifts.clear(),
            // The maximum: the minimum is what the conflict asks for.
            RuleId::TotalMinutes => w.max_total_minutes = None,
            RuleId::ConsecutiveDays => {
                w.max_consecutive_days = None;
                s.rules.max_consecutive_days = crate::validate::MAX_HORIZON_DAYS as u32;
            }
            RuleId::MinConsecutiveDays => w.min_consecutive_days = None,
            RuleId::MinConsecutiveDaysOff => w.min_consecutive_days_off = None,
            RuleId::Weekends => w.max_weekends = None,
            RuleId::DaysOff => s.rules.min_days_off_per_week = 0,
            RuleId::DailyHours => {
                w.max_hours_per_day = None;
                s.rules.max_hours_per_day = 24.0;
            }
            RuleId::DailyOvertime => s.rules.max_overtime_hours_per_day = 24.0,
            RuleId::WeeklyHours => {
                w.max_hours_per_week = None;
                s.rules.max_hours_per_week = 168.0;
            }
            RuleId::OvertimeCap => s.rules.max_overtime_hours_per_month = 744.0,
            RuleId::MinRest => s.rules.min_rest_hours = 0.0,
            RuleId::ForbiddenSuccession => s.forbidden_successions.clear(),
            // No group holds another rule (`Group::rules`).
            _ => {}
        }
    }
    s
}

/// `Some(true)` if HiGHS proves `s` infeasible, `Some(false)` if it finds a
/// roster, `None` if neither in time.
fn infeasible(s: &Scenario, threads: Option<u32>) -> Option<bool> {
    let options = SolveOptions {
        time_limit: Some(ORACLE_SECONDS),
        relative_gap: 1.0 - 1e-9,
        threads,
        backend: Backend::Highs,
        ..SolveOptions::default()
    };
    match Model::build(s).and_then(|m| m.solve_without_start(&options)) {
        Err(Error::Infeasible { .. }) => Some(true),
        Ok(plan) if plan.status.outcome != crate::Outcome::NoSolution => Some(false),
        _ => None,
    }
}

/// The horizon conflicts of every worker with a `min_total_minutes`.
pub(super) fn find(s: &Scenario, threads: Option<u32>) -> Vec<Conflict> {
    if cfg!(not(feature = "highs")) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for worker in &s.workers {
        let Some(need) = worker.min_total_minutes.filter(|&m| m > 0) else {
            continue;
        };
        let mut base = s.clone();
        base.workers = vec![worker.clone()];
        base.targets.clear();
        base.cover.clear();
        base.requests.clear();
        base.delivery_rounds.clear();
        base.fairness.clear();
        if let Some(h) = &mut base.history {
            h.assignments.retain(|a| a.worker == worker.id);
        }
        if infeasible(&base, threads) != Some(true) {
            continue;
        }
        let conflicting = |set: &[Group]| infeasible(&relaxed(&base, set), threads) == Some(true);
        let Some(minimal) = minimal_conflict(&ALL, conflicting) else {
            continue;
        };
        let kept = relaxed(&base, &minimal);
        // The most the kept rules allow, to the hour: bisection on the minimum.
        let (mut lo, mut hi) = (0u32, need / 60);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let mut trial = kept.clone();
            trial.workers[0].min_total_minutes = Some(mid * 60);
            if infeasible(&trial, threads) == Some(false) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let mut rules = vec![RuleRef::MinTotalMinutes {
            worker: worker.id.clone(),
        }];
        rules.extend(minimal.iter().map(|&g| rule(g, &worker.id)));
        if minimal.is_empty() {
            rules.push(shift_templates_of(s, worker));
        }
        out.push(Conflict {
            rules,
            amount: (f64::from(need) / 60.0 - f64::from(lo)).max(0.0),
            dates: vec![s.horizon.start, s.horizon.end],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{rule, ALL};

    #[test]
    fn each_group_is_named_by_the_rules_it_relaxes() {
        let worker = "w".into();
        for g in ALL {
            assert_eq!(rule(g, &worker).rules(), g.rules(), "{g:?}");
        }
    }
}
