//! Rules of the input that cannot all hold, reduced to minimal sets by a
//! deletion filter over rule groups (DESIGN.md, "Diagnosis and remedies").

use super::minimal::{minimal_conflict, shift_templates_of};
use super::{Conflict, RuleId, RuleRef};
use crate::error::Error;
use crate::model::Scenario;
use crate::prepare::{care_intervals, Prepared, EPS};
use crate::solve::SolveOptions;

/// Per-worker rule groups that limit the hours a roster can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Group {
    Windows,
    DailyCap,
    WeeklyCap,
    DaysOff,
    LineRestriction,
    Skills,
}

impl Group {
    /// The rules of the crate's vocabulary the group relaxes.
    fn rules(self) -> &'static [RuleId] {
        match self {
            Group::Windows => &[RuleId::CaregivingWindow],
            Group::DailyCap => &[RuleId::DailyHours, RuleId::DailyOvertime],
            Group::WeeklyCap => &[RuleId::WeeklyHours],
            Group::DaysOff => &[RuleId::DaysOff],
            Group::LineRestriction => &[RuleId::LineNotAllowed],
            Group::Skills => &[RuleId::MissingSkill],
        }
    }

    /// The group as a rule of worker `worker`'s, as a conflict names it.
    fn rule_ref(self, worker: &crate::model::WorkerId) -> RuleRef {
        let worker = worker.clone();
        match self {
            Group::Windows => RuleRef::CaregivingWindows { worker },
            Group::DailyCap => RuleRef::DailyHoursCap { worker },
            Group::WeeklyCap => RuleRef::WeeklyHoursCap { worker },
            Group::DaysOff => RuleRef::DaysOff { worker },
            Group::LineRestriction => RuleRef::LineRestriction { worker },
            Group::Skills => RuleRef::Skills { worker },
        }
    }
}

/// The rules in force: those of the groups kept.
#[derive(Debug, Clone)]
pub(super) struct Groups(Vec<RuleId>);

impl Groups {
    pub fn all() -> Self {
        Self::of(&ALL)
    }

    fn of(set: &[Group]) -> Self {
        Self(set.iter().flat_map(|g| g.rules()).copied().collect())
    }

    fn holds(&self, rule: RuleId) -> bool {
        self.0.contains(&rule)
    }
}

const ALL: [Group; 6] = [
    Group::Windows,
    Group::DailyCap,
    Group::WeeklyCap,
    Group::DaysOff,
    Group::LineRestriction,
    Group::Skills,
];

/// An upper bound on the paid hours any roster can give worker `w` on days
/// `a..=z` (one 7-day block) under the rule groups `g`: per day the longest
/// shift they could work, the best days up to the days-off allowance, capped
/// by the weekly hours. Rest and consecutive days are left out, so the bound
/// is sound: below the contract means no roster can give it.
pub(super) fn max_block_hours(p: &Prepared<'_>, w: usize, a: usize, z: usize, g: &Groups) -> f64 {
    let s = p.s;
    let worker = &s.workers[w];
    let rules = &s.rules;
    let care = if g.holds(RuleId::CaregivingWindow) {
        care_intervals(s, worker)
    } else {
        Vec::new()
    };
    let max_day = worker
        .max_hours_per_day
        .unwrap_or(f64::INFINITY)
        .min(rules.max_hours_per_day);
    let mut daily = Vec::new();
    for d in a..=z {
        let mut best: f64 = 0.0;
        for o in p.occs.iter().filter(|o| o.day == d) {
            let hours = o.paid_minutes as f64 / 60.0;
            if (g.holds(RuleId::DailyHours) && hours > max_day + EPS)
                || (g.holds(RuleId::DailyOvertime)
                    && (hours - rules.standard_hours_per_day).max(0.0)
                        > rules.max_overtime_hours_per_day + EPS)
            {
                continue;
            }
            if care.iter().any(|&(x, y)| x < o.end && o.start < y) {
                continue;
            }
            let shift_id = &p.shifts[o.shift].id;
            let staffable = p.stations.iter().any(|st| {
                let line = &s.lines[st.line];
                line.shifts.contains(shift_id)
                    && (!g.holds(RuleId::MissingSkill)
                        || worker.efficiency(&st.station.skill).is_some())
                    && (!g.holds(RuleId::LineNotAllowed)
                        || worker.lines.is_empty()
                        || worker.lines.contains(&line.id))
            });
            if staffable {
                best = best.max(hours);
            }
        }
        daily.push(best);
    }
    daily.sort_by(|x, y| y.total_cmp(x));
    let k = if g.holds(RuleId::DaysOff) {
        daily
            .len()
            .min(7usize.saturating_sub(rules.min_days_off_per_week as usize))
    } else {
        daily.len()
    };
    let total: f64 = daily.iter().take(k).sum();
    if g.holds(RuleId::WeeklyHours) {
        total.min(p.max_week_hours(w))
    } else {
        total
    }
}

/// Finds the rules of `scenario` that cannot all hold, each conflict reduced
/// to a minimal set with [`minimal_conflict`]:
///
/// - a worker's contracted minimum hours in a week block that no shift
///   pattern within their caregiving windows, skills, lines and hour caps can
///   give (with the hours short as `amount`);
/// - an output target on a line with a station nobody may staff (no worker
///   with its skill is allowed on the line), with the target's units;
/// - a worker's `min_total_minutes` that their own hard rules over the
///   horizon (windows, fixed days off, shift caps, maximum total, run
///   lengths, weekends, weekly days off, hour caps, rest) cannot give — the
///   rules behind an `Error::Infeasible` — found by one-worker solves (up to
///   10 s each) and reduced to a minimal set, with the hours short as
///   `amount` (see [`conflicts_with`] for the solver options).
///
/// ```
/// let json = r#"{
///   "horizon": { "start": "2026-03-02", "end": "2026-03-08" },
///   "shifts": [ { "id": "flex", "start": "08:00", "end": "16:30", "break_minutes": 30 } ],
///   "lines": [ { "id": "L", "shifts": ["flex"], "stations": [
///       { "id": "asm", "skill": "assembly", "minutes_per_unit": 10.0, "workplaces": 2 } ] } ],
///   "workers": [ { "id": "mei", "skills": [ { "skill": "assembly" } ], "hourly_wage": 16.0,
///       "min_hours_per_week": 40,
///       "unavailable": [ { "kind": "weekly", "days": ["Mon", "Tue", "Wed"], "from": "15:00", "to": "00:00",
///                          "overnight": true, "reason": "school run" } ] } ]
/// }"#;
/// let scenario = flexline::Scenario::from_json_str(json)?;
/// let found = flexline::diagnose::conflicts(&scenario)?;
/// assert_eq!(found.len(), 1);
/// use flexline::diagnose::RuleRef;
/// assert_eq!(found[0].rules, vec![
///     RuleRef::ContractMinimum { worker: "mei".into() },
///     RuleRef::CaregivingWindows { worker: "mei".into() },
/// ]);
/// assert_eq!(found[0].amount, 8.0); // 4 free days of 8 h against 40 h
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn conflicts(scenario: &Scenario) -> Result<Vec<Conflict>, Error> {
    conflicts_with(scenario, &SolveOptions::default())
}

/// [`conflicts`], with the solver options of the one-worker solves that find
/// the horizon conflicts (only `threads` is used: HiGHS keeps one thread
/// pool per process, so pass the value the rest of the program uses).
///
/// ```
/// let json = r#"{
///   "horizon": { "start": "2026-03-02", "end": "2026-03-08" },
///   "shifts": [ { "id": "day", "start": "06:00", "end": "14:00", "break_minutes": 0 } ],
///   "lines": [ { "id": "ward", "shifts": ["day"], "stations": [
///       { "id": "duty", "skill": "nursing", "minutes_per_unit": 60, "workplaces": 9 } ] } ],
///   "workers": [ { "id": "ana", "skills": [ { "skill": "nursing" } ], "hourly_wage": 0,
///       "min_total_minutes": 2400, "max_consecutive_days": 2, "min_consecutive_days_off": 2 } ]
/// }"#;
/// let scenario = flexline::Scenario::from_json_str(json)?;
/// // Five 8-hour shifts in a week, but runs of at most 2 with 2 days off between.
/// assert!(matches!(flexline::solve(&scenario, &Default::default()), Err(flexline::Error::Infeasible { .. })));
/// let options = flexline::SolveOptions::default();
/// let found = flexline::diagnose::conflicts_with(&scenario, &options)?;
/// use flexline::diagnose::RuleRef;
/// assert_eq!(found[0].rules, vec![
///     RuleRef::MinTotalMinutes { worker: "ana".into() },
///     RuleRef::MaxConsecutiveDays { worker: "ana".into() },
///     RuleRef::MinConsecutiveDaysOff { worker: "ana".into() },
/// ]);
/// assert_eq!(found[0].amount, 8.0); // 4 shifts of 8 h fit, 40 h were asked
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn conflicts_with(scenario: &Scenario, options: &SolveOptions) -> Result<Vec<Conflict>, Error> {
    scenario.validate().map_err(Error::Invalid)?;
    let mut out = find(scenario);
    out.extend(super::horizon::find(scenario, options.threads));
    Ok(out)
}

pub(super) fn find(s: &Scenario) -> Vec<Conflict> {
    let p = Prepared::new(s);
    let mut out = Vec::new();
    for (w, worker) in s.workers.iter().enumerate() {
        if worker.min_hours_per_week <= EPS {
            continue;
        }
        for (b, &(a, z)) in p.weeks.iter().enumerate() {
            let need = p.min_week_hours(w, b);
            let conflicting =
                |set: &[Group]| max_block_hours(&p, w, a, z, &Groups::of(set)) < need - EPS;
            let Some(minimal) = minimal_conflict(&ALL, conflicting) else {
                continue;
            };
            let id = worker.id.clone();
            let mut rules = vec![RuleRef::ContractMinimum { worker: id.clone() }];
            rules.extend(minimal.iter().map(|g| g.rule_ref(&id)));
            if minimal.is_empty() {
                // Even without any per-worker rule the shifts run give too little.
                rules.push(shift_templates_of(s, worker));
            }
            out.push(Conflict {
                rules,
                amount: need - max_block_hours(&p, w, a, z, &Groups::all()),
                dates: vec![p.dates[a], p.dates[z]],
            });
        }
    }
    for t in &s.targets {
        let Some(line) = s.line(&t.line) else {
            continue;
        };
        for st in &line.stations {
            let skilled: Vec<_> = s
                .workers
                .iter()
                .filter(|w| w.efficiency(&st.skill).is_some())
                .collect();
            if skilled
                .iter()
                .any(|w| w.lines.is_empty() || w.lines.contains(&line.id))
            {
                continue;
            }
            let mut rules = vec![
                RuleRef::Target {
                    target: t.id.clone(),
                },
                RuleRef::StationSkill {
                    station: st.id.clone(),
                    skill: st.skill.clone(),
                },
            ];
            rules.extend(skilled.iter().map(|w| RuleRef::LineRestriction {
                worker: w.id.clone(),
            }));
            out.push(Conflict {
                rules,
                amount: t.units,
                dates: vec![t.date],
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ALL;

    #[test]
    fn each_group_is_named_by_the_rules_it_relaxes() {
        let worker = "w".into();
        for g in ALL {
            assert_eq!(g.rule_ref(&worker).rules(), g.rules(), "{g:?}");
        }
    }
}
