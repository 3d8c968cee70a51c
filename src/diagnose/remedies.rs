//! What-if remedies: candidate changes guided by the diagnosis, each verified
//! by re-solving (DESIGN.md, "Diagnosis and remedies").

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{Datelike, Duration};
use serde::{Deserialize, Serialize};

use super::{Cause, Diagnosis, Remedy, RemedyKind, RemedyReport, RuleChange, RuleLimit};
use crate::error::Error;
use crate::model::{CareWindow, Scenario, ShiftTemplate, StationId, WorkerSkill};
use crate::prepare::{care_intervals, Prepared, EPS};
use crate::report::Plan;
use crate::solve::SolveOptions;

/// Default cap on the candidate changes re-solved.
pub const DEFAULT_MAX_CANDIDATES: usize = 12;

/// Default time limit of each remedy re-solve, seconds.
pub const REMEDY_TIME_LIMIT: f64 = 3.0;
/// Default relative gap of each remedy re-solve (0.1 %).
pub const REMEDY_RELATIVE_GAP: f64 = 1e-3;

/// Efficiency of a newly cross-trained worker (a trainee).
const TRAINEE_EFFICIENCY: f64 = 0.7;
/// Minutes a shift is extended by, or overtime allowed for.
const EXTEND_MINUTES: u32 = 60;
/// Workplaces added by a "raise workplaces" remedy.
const EXTRA_WORKPLACES: u32 = 2;
/// Limiting stations (by units attributed) that candidates are made for.
const STATIONS_CONSIDERED: usize = 2;
/// Workers proposed for cross-training per station.
const CROSS_TRAIN_PER_STATION: usize = 3;

/// How to search for remedies.
///
/// ```
/// let opts = flexline::diagnose::RemedyOptions::default();
/// assert_eq!(opts.max_candidates, flexline::diagnose::DEFAULT_MAX_CANDIDATES);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RemedyOptions {
    /// Options of every solve (the baseline and each candidate). A time
    /// limit keeps the search bounded; without one, repeated searches give
    /// the same answer.
    pub solve: SolveOptions,
    /// Most candidate changes re-solved.
    pub max_candidates: usize,
    /// Stop starting new re-solves after this many seconds (None: no budget).
    pub budget_seconds: Option<f64>,
}

impl Default for RemedyOptions {
    fn default() -> Self {
        Self {
            solve: SolveOptions {
                time_limit: Some(REMEDY_TIME_LIMIT),
                relative_gap: REMEDY_RELATIVE_GAP,
                ..SolveOptions::default()
            },
            max_candidates: DEFAULT_MAX_CANDIDATES,
            budget_seconds: Some(25.0),
        }
    }
}

pub(super) fn apply(kind: &RemedyKind, s: &Scenario) -> Result<Scenario, Error> {
    let mut out = s.clone();
    let missing = |what: &str, id: &str| Error::InvalidOptions {
        options: "remedy",
        option: "remedy",
        message: format!("the remedy names {what} `{id}`, which is not in the scenario"),
    };
    match kind {
        RemedyKind::CrossTrain {
            worker,
            skill,
            efficiency,
            ..
        } => {
            let w = out
                .workers
                .iter_mut()
                .find(|w| &w.id == worker)
                .ok_or_else(|| missing("worker", worker.as_str()))?;
            match w.skills.iter_mut().find(|k| &k.skill == skill) {
                Some(k) => k.efficiency = k.efficiency.max(*efficiency),
                None => w.skills.push(WorkerSkill {
                    skill: skill.clone(),
                    efficiency: *efficiency,
                }),
            }
        }
        RemedyKind::AddWorker { like, new_id } => {
            let model = s
                .worker(like)
                .ok_or_else(|| missing("worker", like.as_str()))?;
            let mut hire = model.clone();
            hire.id = new_id.clone();
            hire.name = format!("new hire like {}", model.id);
            hire.unavailable
                .retain(|w| matches!(w, CareWindow::Weekly { .. }));
            out.workers.push(hire);
        }
        RemedyKind::ChangeShift { shift, start, end } => {
            let sh = out
                .shifts
                .iter_mut()
                .find(|x| &x.id == shift)
                .ok_or_else(|| missing("shift", shift.as_str()))?;
            sh.start = *start;
            sh.end = *end;
        }
        RemedyKind::AllowOvertime {
            line,
            shift,
            weekday,
            extra_minutes,
            date,
        } => {
            let base = s
                .shift(shift)
                .ok_or_else(|| missing("shift", shift.as_str()))?;
            let mut ot: ShiftTemplate = base.clone();
            ot.id = format!("{shift}+overtime-{date}").as_str().into();
            ot.name = format!("{} with {extra_minutes} min overtime", base.id);
            ot.end = base.end + Duration::minutes(i64::from(*extra_minutes));
            ot.days = vec![*weekday];
            let hours = ot.paid_minutes() as f64 / 60.0;
            let r = &mut out.rules;
            r.max_hours_per_day = r.max_hours_per_day.max(hours);
            r.max_overtime_hours_per_day = r
                .max_overtime_hours_per_day
                .max(hours - r.standard_hours_per_day);
            for w in &mut out.workers {
                if let Some(m) = w.max_hours_per_day.as_mut() {
                    *m = m.max(hours);
                }
            }
            let l = out
                .lines
                .iter_mut()
                .find(|l| &l.id == line)
                .ok_or_else(|| missing("line", line.as_str()))?;
            l.shifts.push(ot.id.clone());
            out.shifts.push(ot);
        }
        RemedyKind::RaiseWorkplaces {
            station,
            workplaces,
        } => {
            let st = out
                .lines
                .iter_mut()
                .flat_map(|l| l.stations.iter_mut())
                .find(|x| &x.id == station)
                .ok_or_else(|| missing("station", station.as_str()))?;
            st.workplaces = st.workplaces.max(*workplaces);
        }
        RemedyKind::AddStock { station, units } => {
            let st = out
                .lines
                .iter_mut()
                .flat_map(|l| l.stations.iter_mut())
                .find(|x| &x.id == station)
                .ok_or_else(|| missing("station", station.as_str()))?;
            st.initial_stock += units;
        }
        RemedyKind::RaiseBuffer { station, capacity } => {
            let st = out
                .lines
                .iter_mut()
                .flat_map(|l| l.stations.iter_mut())
                .find(|x| &x.id == station)
                .ok_or_else(|| missing("station", station.as_str()))?;
            st.buffer_capacity = Some(st.buffer_capacity.map_or(*capacity, |b| b.max(*capacity)));
        }
    }
    out.validate().map_err(Error::Invalid)?;
    Ok(out)
}

/// The labour limits `changed` has that differ from those of `base`: the
/// scenario's rules, and the daily and weekly caps of every worker `base`
/// has (a hired worker brings caps of their own, which are not a change).
/// Empty: `changed` stays within the rules in force.
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/short_week.json"))?;
/// let scenario = flexline::Scenario::from_json_str(&json)?;
/// let overtime = flexline::diagnose::RemedyKind::AllowOvertime { line: "main".into(),
///     shift: "regular".into(), date: chrono::NaiveDate::from_ymd_opt(2026, 3, 11).unwrap(),
///     weekday: chrono::Weekday::Wed, extra_minutes: 60 };
/// let changes = flexline::diagnose::rule_changes(&scenario, &overtime.apply(&scenario)?);
/// let daily = changes.iter().find(|c| c.limit == flexline::diagnose::RuleLimit::DailyHours).unwrap();
/// assert_eq!((daily.from, daily.to, daily.preset.as_str()), (9.0, 10.0, "prc_standard"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rule_changes(base: &Scenario, changed: &Scenario) -> Vec<RuleChange> {
    let preset = serde_json::to_value(base.rules.preset)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut push = |limit, worker, from: f64, to: f64| {
        if (from - to).abs() > EPS {
            out.push(RuleChange {
                limit,
                worker,
                from,
                to,
                preset: preset.clone(),
            });
        }
    };
    let (a, b) = (&base.rules, &changed.rules);
    push(
        RuleLimit::DailyHours,
        None,
        a.max_hours_per_day,
        b.max_hours_per_day,
    );
    push(
        RuleLimit::DailyOvertime,
        None,
        a.max_overtime_hours_per_day,
        b.max_overtime_hours_per_day,
    );
    push(
        RuleLimit::WeeklyHours,
        None,
        a.max_hours_per_week,
        b.max_hours_per_week,
    );
    push(
        RuleLimit::MonthlyOvertime,
        None,
        a.max_overtime_hours_per_month,
        b.max_overtime_hours_per_month,
    );
    push(RuleLimit::MinRest, None, a.min_rest_hours, b.min_rest_hours);
    push(
        RuleLimit::ConsecutiveDays,
        None,
        f64::from(a.max_consecutive_days),
        f64::from(b.max_consecutive_days),
    );
    push(
        RuleLimit::DaysOffPerWeek,
        None,
        f64::from(a.min_days_off_per_week),
        f64::from(b.min_days_off_per_week),
    );
    for w in &base.workers {
        let Some(c) = changed.worker(&w.id) else {
            continue;
        };
        let cap = |x: Option<f64>| x.unwrap_or(f64::INFINITY);
        if cap(w.max_hours_per_day) != cap(c.max_hours_per_day) {
            push(
                RuleLimit::WorkerDailyHours,
                Some(w.id.clone()),
                cap(w.max_hours_per_day),
                cap(c.max_hours_per_day),
            );
        }
        if cap(w.max_hours_per_week) != cap(c.max_hours_per_week) {
            push(
                RuleLimit::WorkerWeeklyHours,
                Some(w.id.clone()),
                cap(w.max_hours_per_week),
                cap(c.max_hours_per_week),
            );
        }
    }
    out
}

/// Proposes changes for the stations `diagnosis` found limiting, re-solves
/// the scenario with each (and once without any, as the baseline, with the
/// same options) and returns those that gain finished units, best first.
///
/// Candidates (at most `options.max_candidates`, for the two stations with
/// the most units attributed): cross-train up to three workers who are free
/// (or working off the limiting stations) on the limiting dates; hire one
/// more like the best-qualified worker (and like the best of another contract
/// kind); raise the workplaces where they were full; add stock where a
/// station waited for material; extend each of the line's shifts by an hour
/// where the daily caps allow; allow an hour's overtime on the date short by
/// the most. A remedy's `gain_units` is exactly the re-solved finished units
/// minus the baseline's.
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/short_week.json"))?;
/// let scenario = flexline::Scenario::from_json_str(&json)?;
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let diagnosis = flexline::diagnose::diagnose(&scenario, &plan);
/// let options = flexline::diagnose::RemedyOptions { max_candidates: 3, ..Default::default() };
/// let report = flexline::diagnose::remedies(&scenario, &diagnosis, &options)?;
/// assert!(report.remedies[0].gain_units > 0.0);
/// println!("{}", flexline::diagnose::explain_remedies(&report, 3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn remedies(
    scenario: &Scenario,
    diagnosis: &Diagnosis,
    options: &RemedyOptions,
) -> Result<RemedyReport, Error> {
    let t0 = Instant::now();
    let base = crate::solve::solve(scenario, &options.solve)?;
    let base_m = Measure::of(&base);
    let mut candidates = candidates(scenario, diagnosis, &base);
    candidates.truncate(options.max_candidates);
    let mut helpful: Vec<Remedy> = Vec::new();
    let mut not_helpful = Vec::new();
    let mut evaluated = 0;
    for kind in candidates {
        if options
            .budget_seconds
            .is_some_and(|b| t0.elapsed().as_secs_f64() > b)
        {
            break;
        }
        let Ok(changed) = apply(&kind, scenario) else {
            continue;
        };
        let plan = match crate::solve::solve(&changed, &options.solve) {
            Ok(p) => p,
            Err(Error::Solver { .. } | Error::Infeasible { .. }) => continue,
            Err(e) => return Err(e),
        };
        evaluated += 1;
        let m = Measure::of(&plan);
        let remedy = Remedy {
            rule_changes: rule_changes(scenario, &changed),
            kind,
            gain_units: m.credited - base_m.credited,
            finished_change_units: m.finished - base_m.finished,
            wage_change: m.wages - base_m.wages,
            objective_change: m.objective - base_m.objective,
            outcome: plan.status.outcome,
            solve_seconds: plan.status.solve_seconds,
        };
        if remedy.gain_units > EPS {
            helpful.push(remedy);
        } else {
            not_helpful.push(remedy);
        }
    }
    helpful.sort_by(|a, b| {
        b.gain_units
            .total_cmp(&a.gain_units)
            .then(a.objective_change.total_cmp(&b.objective_change))
    });
    // Remedies that need a limit changed are ranked apart.
    let (helpful, beyond): (Vec<Remedy>, Vec<Remedy>) =
        helpful.into_iter().partition(|r| r.rule_changes.is_empty());
    Ok(RemedyReport {
        baseline_credited_units: base_m.credited,
        baseline_finished_units: base_m.finished,
        baseline_shortfall_units: base.cost.shortfall_units,
        evaluated,
        remedies: helpful,
        rule_changes: beyond,
        not_helpful,
        seconds: t0.elapsed().as_secs_f64(),
    })
}

/// The numbers a remedy is measured by, from a plan's evaluated report.
struct Measure {
    finished: f64,
    credited: f64,
    wages: f64,
    objective: f64,
}

impl Measure {
    fn of(plan: &Plan) -> Self {
        Self {
            finished: plan.throughput.lines.iter().map(|l| l.finished_units).sum(),
            credited: plan
                .throughput
                .targets
                .iter()
                .map(|t| t.finished_units.min(t.target_units))
                .sum(),
            wages: plan.cost.wages_total,
            objective: plan.cost.objective,
        }
    }
}

/// Candidate changes, most promising first.
fn candidates(s: &Scenario, diagnosis: &Diagnosis, base: &Plan) -> Vec<RemedyKind> {
    let p = Prepared::new(s);
    // Units attributed per limiting station, with its dates and causes.
    let mut per: BTreeMap<StationId, (f64, Vec<chrono::NaiveDate>, Vec<&Cause>)> = BTreeMap::new();
    // The date short by the most, per line.
    let mut worst: BTreeMap<crate::model::LineId, (f64, chrono::NaiveDate)> = BTreeMap::new();
    for sf in &diagnosis.shortfalls {
        let e = worst.entry(sf.line.clone()).or_insert((0.0, sf.date));
        if sf.shortfall_units > e.0 {
            *e = (sf.shortfall_units, sf.date);
        }
        for l in &sf.limits {
            let Some(st) = &l.station else { continue };
            let e = per.entry(st.clone()).or_default();
            e.0 += l.units;
            for d in &l.dates {
                if !e.1.contains(d) {
                    e.1.push(*d);
                }
            }
            e.2.extend(l.causes.iter());
        }
    }
    let mut stations: Vec<_> = per.into_iter().collect();
    stations.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    stations.truncate(STATIONS_CONSIDERED);
    let limiting: Vec<&StationId> = stations.iter().map(|(id, _)| id).collect();

    // Each worker's assignment per date (an index: the scoring below visits
    // every worker and limiting date).
    let worked: std::collections::HashMap<(&str, chrono::NaiveDate), &crate::report::Assignment> =
        base.roster
            .assignments
            .iter()
            .map(|a| ((a.worker.as_str(), a.date), a))
            .collect();
    let mut out: Vec<RemedyKind> = Vec::new();
    let push = |k: RemedyKind, out: &mut Vec<RemedyKind>| {
        if !out.contains(&k) {
            out.push(k);
        }
    };
    // Round 1: the most direct fix per station; round 2: the rest.
    let mut later: Vec<RemedyKind> = Vec::new();
    for (st_id, (units, dates, causes)) in &stations {
        let Some(sti) = p.stations.iter().position(|x| &x.station.id == st_id) else {
            continue;
        };
        let station = p.stations[sti].station;
        let li = p.stations[sti].line;
        let line = &s.lines[li];
        let days: Vec<usize> = dates
            .iter()
            .filter_map(|d| s.horizon.index_of(*d))
            .collect();
        let allowed = |w: &crate::model::Worker| w.lines.is_empty() || w.lines.contains(&line.id);

        // Cross-train: workers without the skill who could work the line's
        // shifts on the limiting dates and are not needed at a limiting station.
        let mut scored: Vec<(usize, f64, usize)> = Vec::new();
        for (wi, w) in s.workers.iter().enumerate() {
            if w.efficiency(&station.skill).is_some() || !allowed(w) {
                continue;
            }
            // Days on which they could work the line's shifts (windows allowing)
            // and are idle (2 points) or at a station that is not limiting (1).
            let care = care_intervals(s, w);
            let free_days: usize = days
                .iter()
                .map(|&d| {
                    let can = p.occs.iter().any(|o| {
                        o.day == d
                            && line.shifts.contains(&p.shifts[o.shift].id)
                            && !care.iter().any(|&(a, b)| a < o.end && o.start < b)
                    });
                    let at = p
                        .dates
                        .get(d)
                        .and_then(|date| worked.get(&(w.id.as_str(), *date)).copied());
                    match (can, at) {
                        (false, _) => 0,
                        (true, None) => 2,
                        (true, Some(a)) if !limiting.contains(&&a.station) => 1,
                        _ => 0,
                    }
                })
                .sum();
            if free_days > 0 {
                scored.push((free_days, w.hourly_wage, wi));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (i, &(_, _, wi)) in scored.iter().take(CROSS_TRAIN_PER_STATION).enumerate() {
            let k = RemedyKind::CrossTrain {
                worker: s.workers[wi].id.clone(),
                skill: station.skill.clone(),
                station: station.id.clone(),
                efficiency: TRAINEE_EFFICIENCY,
            };
            if i == 0 {
                push(k, &mut out);
            } else {
                later.push(k);
            }
        }

        // Hire one more like the best-qualified worker, and like the best of
        // another contract kind.
        let mut qualified: Vec<&crate::model::Worker> = s
            .workers
            .iter()
            .filter(|w| allowed(w) && w.efficiency(&station.skill).is_some())
            .collect();
        qualified.sort_by(|a, b| {
            b.efficiency(&station.skill)
                .unwrap_or(0.0)
                .total_cmp(&a.efficiency(&station.skill).unwrap_or(0.0))
                .then(a.hourly_wage.total_cmp(&b.hourly_wage))
                .then(a.id.cmp(&b.id))
        });
        if let Some(best) = qualified.first() {
            push(
                RemedyKind::AddWorker {
                    like: best.id.clone(),
                    new_id: format!("{}-hire", best.id).as_str().into(),
                },
                &mut out,
            );
            if let Some(other) = qualified.iter().find(|w| w.contract != best.contract) {
                later.push(RemedyKind::AddWorker {
                    like: other.id.clone(),
                    new_id: format!("{}-hire", other.id).as_str().into(),
                });
            }
        }

        for c in causes {
            match c {
                Cause::WorkplacesFull {
                    station: full,
                    workplaces,
                    ..
                } if full == st_id => later.push(RemedyKind::RaiseWorkplaces {
                    station: full.clone(),
                    workplaces: workplaces.saturating_add(EXTRA_WORKPLACES),
                }),
                Cause::UpstreamStock { downstream, .. } => later.push(RemedyKind::AddStock {
                    station: downstream.clone(),
                    units: units.ceil(),
                }),
                Cause::Starved {
                    station,
                    lost_units,
                    ..
                } => later.push(RemedyKind::AddStock {
                    station: station.clone(),
                    units: lost_units.ceil().max(1.0),
                }),
                Cause::Blocked {
                    downstream,
                    buffer,
                    lost_units,
                    ..
                } => later.push(RemedyKind::RaiseBuffer {
                    station: downstream.clone(),
                    capacity: (buffer + lost_units).ceil(),
                }),
                _ => {}
            }
        }

        // Extend each shift of the line by an hour where the daily caps allow.
        for sh_id in &line.shifts {
            let Some(sh) = s.shift(sh_id) else { continue };
            let mut longer = sh.clone();
            longer.end = sh.end + Duration::minutes(i64::from(EXTEND_MINUTES));
            let hours = longer.paid_minutes() as f64 / 60.0;
            let r = &s.rules;
            if longer.duration_minutes() < sh.duration_minutes()
                || hours > r.max_hours_per_day + EPS
                || hours - r.standard_hours_per_day > r.max_overtime_hours_per_day + EPS
            {
                continue;
            }
            later.push(RemedyKind::ChangeShift {
                shift: sh.id.clone(),
                start: sh.start,
                end: longer.end,
            });
        }

        // Move each shift of the line an hour earlier or later (same length,
        // not across midnight): caregiving windows and the hand-over between
        // stations depend on the clock.
        for sh_id in &line.shifts {
            let Some(sh) = s.shift(sh_id) else { continue };
            if sh.crosses_midnight() {
                continue;
            }
            let step = Duration::minutes(i64::from(EXTEND_MINUTES));
            for (start, end) in [
                (sh.start - step, sh.end - step),
                (sh.start + step, sh.end + step),
            ] {
                let moved = ShiftTemplate {
                    start,
                    end,
                    ..(*sh).clone()
                };
                if moved.crosses_midnight() || moved.duration_minutes() != sh.duration_minutes() {
                    continue;
                }
                later.push(RemedyKind::ChangeShift {
                    shift: sh.id.clone(),
                    start,
                    end,
                });
            }
        }

        // Overtime on the date short by the most.
        if let Some(&(_, date)) = worst.get(&line.id) {
            let wd = date.weekday();
            if let Some(sh) = line
                .shifts
                .iter()
                .filter_map(|id| s.shift(id))
                .find(|sh| sh.days.contains(&wd) && !crosses_after(sh))
            {
                later.push(RemedyKind::AllowOvertime {
                    line: line.id.clone(),
                    shift: sh.id.clone(),
                    date,
                    weekday: wd,
                    extra_minutes: EXTEND_MINUTES,
                });
            }
        }
    }
    for k in later {
        push(k, &mut out);
    }
    out
}

/// A shift that already crosses midnight, or that an extension would push across it.
fn crosses_after(sh: &ShiftTemplate) -> bool {
    let end = sh.end + Duration::minutes(i64::from(EXTEND_MINUTES));
    sh.crosses_midnight() || end < sh.end
}
