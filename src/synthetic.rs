//! Seeded synthetic factories, for benchmarks and property tests.
//!
//! Two generators:
//!
//! - [`factory`] ([`Spec`]): the dense stress option. Targets sit far beyond
//!   what the staff can make, so shortfall penalties dominate the objective;
//!   good for timing the solver, not for judging roster quality.
//! - [`realistic`] ([`RealisticSpec`]): a factory whose targets are a stated
//!   share of an honest capacity estimate, so a good roster meets them and
//!   wages dominate the objective.
//!
//! ```
//! use flexline::synthetic::{factory, Spec};
//! let s = factory(&Spec { workers: 20, days: 7, shifts: 2, stations: 4, seed: 7 });
//! assert_eq!(s.workers.len(), 20);
//! assert!(s.validate().is_ok());
//! ```
//!
//! # The realistic factory
//!
//! - **Horizon**: `days` dates from Monday 2026-03-02. When `days` > 7 the
//!   second week (dates 8–14) and every other week after it (weeks 4, 6, …)
//!   are a school holiday (`calendar.school_holidays`).
//! - **Lines**: `max(1, round(workers / 250))` serial lines `l0`, `l1`, …,
//!   each `winding → assembly → testing → packing` (stations `l0-winding`, …;
//!   the skill is the station's last word). Standard minutes per unit 6, 8, 4
//!   and 3, each jittered by up to ±20 % per seed; 0–20 units waiting in front
//!   of every station after the first; no buffer caps. Every line runs three
//!   shift templates on all days: `regular` 08:00–18:30 with a 90-minute
//!   break (9 paid hours, one of them daily overtime under the PRC preset),
//!   `flex` 08:00–16:30 with 30 minutes (flexible, 8 h) and `evening`
//!   14:00–22:00 with 30 minutes (7.5 h). All three overlap from 14:00 to
//!   16:30, so everyone at a station on a date is there at once; workplaces
//!   are sized for about 80 % of the line's workers with the skill, plus two.
//! - **Workers**: 40 % are carers (flexible contract, 14–16/h, at most 40 h a
//!   week) who cannot work 00:00–08:00 or 16:30–24:00 on school days (the
//!   windows apply to school days only, so in a school-holiday week they may
//!   take any shift) nor at weekends. The rest are regular (17–21/h), one in
//!   ten with a personal weekly cap of 32–40 h. Each worker belongs to one
//!   line (in equal blocks) and has a main skill (the line's workers are
//!   split among its stations in proportion to their standard minutes, so
//!   the line is balanced) and, for about a third, a second skill
//!   of a neighbouring station; efficiencies 0.85–1.1 for the main skill and
//!   0.7–0.95 for the second, trainees (one in ten) 0.7. About 3 % of
//!   worker-dates are one-off absences and about 2 % of workers take a 2–3
//!   day leave. No contracted minimum hours. Rules: [`LabourRules::prc_standard`].
//! - **Targets**: one `on_date` target per line on Monday to Friday, and one
//!   at half weight on Saturday, each `floor(target_share × weight ×
//!   capacity)`. The capacity of a line on a date is estimated from the
//!   people who may work that date: each gets the longest shift they may take
//!   that date, but no more than their weekly cap spread over the Monday to
//!   Saturday dates of the week they may work (at most six); then each worker
//!   is placed whole at one station (single-skilled first, then the others at
//!   the station of theirs making least so far, never past a station's
//!   workplaces), and the line makes what its slowest station makes. That is
//!   a placement the roster could use, so the estimate does not flatter the
//!   line.
//!
//! ```
//! use flexline::synthetic::{realistic, RealisticSpec};
//! let s = realistic(&RealisticSpec { workers: 60, days: 14, ..RealisticSpec::default() });
//! assert!(s.validate().is_ok());
//! assert_eq!(s.workers.len(), 60);
//! let carers = s.workers.iter().filter(|w| w.contract == flexline::ContractKind::Flexible);
//! assert_eq!(carers.count(), 24);
//! assert_eq!(s.lines.len(), 1);
//! assert_eq!(s.calendar.school_holidays.len(), 1); // the second week
//! ```

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};

use crate::model::{
    Applies, Calendar, CareWindow, ContractKind, DateRange, Horizon, LabourRules, Line, LineId,
    OutputTarget, Penalties, Scenario, ShiftId, ShiftKind, ShiftTemplate, SkillId, Station,
    StationId, TargetId, TargetKind, Worker, WorkerId, WorkerSkill, MINUTES_PER_DAY,
};

/// Size and seed of a synthetic factory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Number of workers.
    pub workers: usize,
    /// Days in the horizon (starting on a Monday).
    pub days: usize,
    /// Shift templates (1–4: early, late, night, flexible 08:00–16:30).
    pub shifts: usize,
    /// Stations, split into lines of at most four.
    pub stations: usize,
    /// Random seed.
    pub seed: u64,
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

const ALL_DAYS: [Weekday; 7] = crate::model::WEEKDAYS;

/// Builds a synthetic factory: lines of up to four stations running every
/// shift, workers with one or two skills (30 % with school-run windows and
/// weekends off), daily targets near 60 % of the line's staffed capacity.
pub fn factory(spec: &Spec) -> Scenario {
    let mut rng = crate::rng::SplitMix64(spec.seed);
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
    let days = spec.days.max(1);
    let templates = [
        ("early", t(6, 0), t(14, 0), 30, ShiftKind::Regular),
        ("late", t(14, 0), t(22, 0), 30, ShiftKind::Regular),
        ("night", t(22, 0), t(6, 0), 30, ShiftKind::Regular),
        ("flex", t(8, 0), t(16, 30), 30, ShiftKind::Flexible),
    ];
    let shifts: Vec<ShiftTemplate> = templates
        .iter()
        .take(spec.shifts.clamp(1, 4))
        .map(|&(id, s, e, b, kind)| ShiftTemplate {
            id: ShiftId::from(id),
            name: id.to_owned(),
            start: s,
            end: e,
            break_minutes: b,
            days: ALL_DAYS.to_vec(),
            kind,
        })
        .collect();
    let skills = ["winding", "assembly", "testing", "packing"];
    let n_st = spec.stations.max(1);
    let mut lines = Vec::new();
    let mut st_index = 0;
    while st_index < n_st {
        let li = lines.len();
        let len = (n_st - st_index).min(4);
        let stations = (0..len)
            .map(|k| Station {
                id: StationId::new(format!("s{}", st_index + k)),
                name: String::new(),
                skill: SkillId::from(skills[k % 4]),
                minutes_per_unit: rng.range(3.0, 12.0).round(),
                workplaces: 2 + rng.below(spec.workers / (2 * n_st).max(1) + 2) as u32,
                initial_stock: if k == 0 {
                    0.0
                } else {
                    rng.range(0.0, 40.0).round()
                },
                buffer_capacity: None,
                home_work: false,
                holding_cost_per_unit_day: None,
            })
            .collect();
        lines.push(Line {
            id: LineId::new(format!("line{li}")),
            name: String::new(),
            shifts: shifts.iter().map(|s| s.id.clone()).collect(),
            stations,
            holding_cost_per_unit_day: None,
            max_finished_stock: None,
        });
        st_index += len;
    }
    let school_run = vec![
        CareWindow::Weekly {
            days: ALL_DAYS.to_vec(),
            from: t(0, 0),
            to: t(8, 0),
            overnight: false,
            applies: Applies::SchoolDays,
            reason: "school run".into(),
        },
        CareWindow::Weekly {
            days: ALL_DAYS.to_vec(),
            from: t(16, 30),
            to: t(0, 0),
            overnight: true,
            applies: Applies::SchoolDays,
            reason: "school run".into(),
        },
        CareWindow::Weekly {
            days: vec![Weekday::Sat, Weekday::Sun],
            from: t(0, 0),
            to: t(0, 0),
            overnight: true,
            applies: Applies::AllDays,
            reason: "weekend".into(),
        },
    ];
    let workers = (0..spec.workers)
        .map(|i| {
            let carer = rng.unit() < 0.3;
            // Only skills some station needs.
            let used = n_st.min(4);
            let first = rng.below(used);
            let mut ws = vec![WorkerSkill {
                skill: SkillId::from(skills[first]),
                efficiency: (rng.range(0.7, 1.15) * 100.0).round() / 100.0,
            }];
            if used > 1 && rng.unit() < 0.4 {
                ws.push(WorkerSkill {
                    skill: SkillId::from(skills[(first + 1 + rng.below(used - 1)) % used]),
                    efficiency: (rng.range(0.7, 1.0) * 100.0).round() / 100.0,
                });
            }
            let mut unavailable = if carer {
                school_run.clone()
            } else {
                Vec::new()
            };
            if rng.unit() < 0.05 {
                unavailable.push(CareWindow::Absence {
                    date: start + Duration::days(rng.below(days) as i64),
                    reason: "sick child".into(),
                });
            }
            Worker {
                id: WorkerId::new(format!("w{i:04}")),
                name: String::new(),
                contract: if carer {
                    ContractKind::Flexible
                } else {
                    ContractKind::Regular
                },
                skills: ws,
                hourly_wage: (rng.range(15.0, 20.0) * 2.0).round() / 2.0,
                overtime_multiplier: None,
                max_hours_per_day: None,
                max_hours_per_week: None,
                min_hours_per_week: if carer { 16.0 } else { 24.0 },
                lines: Vec::new(),
                unavailable,
                days_off: Vec::new(),
                max_shifts: Default::default(),
                min_total_minutes: None,
                max_total_minutes: None,
                max_consecutive_days: None,
                min_consecutive_days: None,
                min_consecutive_days_off: None,
                max_weekends: None,
                absence_probability: None,
                home: None,
            }
        })
        .collect::<Vec<_>>();
    // Targets: about 60 % of an even share of the staff's daily capacity at the
    // slowest station of each line.
    let per_line_workers = spec.workers as f64 / lines.len() as f64;
    let mut targets = Vec::new();
    for line in &lines {
        let slowest = line
            .stations
            .iter()
            .map(|s| s.minutes_per_unit)
            .fold(0.0, f64::max);
        let share = per_line_workers / line.stations.len() as f64 * 5.0 / 7.0;
        let units = (0.6 * share * 450.0 / slowest).round().max(1.0);
        for d in 0..days {
            targets.push(OutputTarget {
                id: TargetId::new(format!("{}-d{d}", line.id)),
                line: line.id.clone(),
                date: start + Duration::days(d as i64),
                units,
                kind: TargetKind::OnDate,
                shortfall_penalty: None,
            });
        }
    }
    Scenario {
        schema: None,
        name: format!(
            "synthetic: {} workers, {} days, {} shifts, {} stations, seed {}",
            spec.workers, days, spec.shifts, n_st, spec.seed
        ),
        horizon: Horizon {
            start,
            end: start + Duration::days(days as i64 - 1),
        },
        calendar: Calendar::default(),
        shifts,
        lines,
        targets,
        workers,
        rules: LabourRules::prc_standard(),
        penalties: Penalties::default(),
        cover: Vec::new(),
        requests: Vec::new(),
        forbidden_successions: Vec::new(),
        run_borders: Default::default(),
        history: None,
        delivery_rounds: Vec::new(),
        fairness: Vec::new(),
    }
}

/// Size, seed and target share of a [`realistic`] factory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RealisticSpec {
    /// Number of workers (one line per 250, at least one).
    pub workers: usize,
    /// Days in the horizon, from Monday 2026-03-02.
    pub days: usize,
    /// Random seed.
    pub seed: u64,
    /// Targets as a share of the estimated capacity (default 0.9; above 1
    /// asks for more than the estimate).
    pub target_share: f64,
}

impl Default for RealisticSpec {
    /// 60 workers, 7 days, seed 1, targets at 90 % of capacity.
    fn default() -> Self {
        Self {
            workers: 60,
            days: 7,
            seed: 1,
            target_share: 0.9,
        }
    }
}

/// The stations of every realistic line: skill and standard minutes per unit.
const REALISTIC_STATIONS: [(&str, f64); 4] = [
    ("winding", 6.0),
    ("assembly", 8.0),
    ("testing", 4.0),
    ("packing", 3.0),
];

/// Share of carers in a realistic factory.
const CARER_SHARE: f64 = 0.4;

/// Target weight of a weekday: Monday to Friday 1, Saturday ½, Sunday none.
fn target_weight(day: Weekday) -> f64 {
    match day {
        Weekday::Sat => 0.5,
        Weekday::Sun => 0.0,
        _ => 1.0,
    }
}

/// Builds a realistic factory (see the [module documentation](self)):
/// serial lines of four stations, 40 % carers with school-run windows,
/// school holidays every other week from the second, and daily targets at
/// `target_share` of an estimate of what each line can make that date.
///
/// Deterministic for a given spec.
pub fn realistic(spec: &RealisticSpec) -> Scenario {
    let mut rng = crate::rng::SplitMix64(spec.seed);
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
    let days = spec.days.max(1);
    let end = start + Duration::days(days as i64 - 1);
    let n = spec.workers;
    let n_lines = ((n as f64 / 250.0).round() as usize).max(1);

    let mut calendar = Calendar::default();
    for week in (1..days.div_ceil(7)).step_by(2) {
        let from = start + Duration::days(7 * week as i64);
        calendar.school_holidays.push(DateRange {
            from,
            to: (from + Duration::days(6)).min(end),
        });
    }

    let shifts: Vec<ShiftTemplate> = [
        ("regular", t(8, 0), t(18, 30), 90, ShiftKind::Regular),
        ("flex", t(8, 0), t(16, 30), 30, ShiftKind::Flexible),
        ("evening", t(14, 0), t(22, 0), 30, ShiftKind::Regular),
    ]
    .iter()
    .map(|&(id, s, e, b, kind)| ShiftTemplate {
        id: ShiftId::from(id),
        name: id.to_owned(),
        start: s,
        end: e,
        break_minutes: b,
        days: ALL_DAYS.to_vec(),
        kind,
    })
    .collect();

    // Lines; workplaces are filled in once the workforce is known.
    let mut lines: Vec<Line> = (0..n_lines)
        .map(|li| Line {
            id: LineId::new(format!("l{li}")),
            name: format!("motor line {li}"),
            shifts: shifts.iter().map(|s| s.id.clone()).collect(),
            stations: REALISTIC_STATIONS
                .iter()
                .enumerate()
                .map(|(k, &(skill, minutes))| Station {
                    id: StationId::new(format!("l{li}-{skill}")),
                    name: skill.to_owned(),
                    skill: SkillId::from(skill),
                    minutes_per_unit: (minutes * rng.range(0.8, 1.2) * 10.0).round() / 10.0,
                    workplaces: 1,
                    initial_stock: if k == 0 {
                        0.0
                    } else {
                        rng.range(0.0, 20.0).round()
                    },
                    buffer_capacity: None,
                    home_work: false,
                    holding_cost_per_unit_day: None,
                })
                .collect(),
            holding_cost_per_unit_day: None,
            max_finished_stock: None,
        })
        .collect();

    // Exactly round(40 %) carers, chosen by a seeded shuffle.
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut carer = vec![false; n];
    for &i in order.iter().take((n as f64 * CARER_SHARE).round() as usize) {
        carer[i] = true;
    }

    let school_run = vec![
        CareWindow::Weekly {
            days: ALL_DAYS[..5].to_vec(),
            from: t(0, 0),
            to: t(8, 0),
            overnight: false,
            applies: Applies::SchoolDays,
            reason: "school run".into(),
        },
        CareWindow::Weekly {
            days: ALL_DAYS[..5].to_vec(),
            from: t(16, 30),
            to: t(0, 0),
            overnight: true,
            applies: Applies::SchoolDays,
            reason: "school run".into(),
        },
        CareWindow::Weekly {
            days: vec![Weekday::Sat, Weekday::Sun],
            from: t(0, 0),
            to: t(0, 0),
            overnight: true,
            applies: Applies::AllDays,
            reason: "weekend with the children".into(),
        },
    ];
    // Main skills: each line's workers split among its stations in
    // proportion to the standard minutes (largest remainders), shuffled.
    let first_of = |li: usize| (li * n).div_ceil(n_lines);
    let mut mains: Vec<Vec<usize>> = Vec::with_capacity(n_lines);
    for (li, line) in lines.iter().enumerate() {
        let size = first_of(li + 1) - first_of(li);
        let total: f64 = line.stations.iter().map(|s| s.minutes_per_unit).sum();
        let quota: Vec<f64> = line
            .stations
            .iter()
            .map(|s| size as f64 * s.minutes_per_unit / total)
            .collect();
        let mut count: Vec<usize> = quota.iter().map(|q| q.floor() as usize).collect();
        let mut by_remainder: Vec<usize> = (0..quota.len()).collect();
        by_remainder.sort_by(|&a, &b| {
            (quota[b] - quota[b].floor()).total_cmp(&(quota[a] - quota[a].floor()))
        });
        let missing = size - count.iter().sum::<usize>();
        for &k in by_remainder.iter().take(missing) {
            count[k] += 1;
        }
        let mut list: Vec<usize> = (0..count.len())
            .flat_map(|k| std::iter::repeat_n(k, count[k]))
            .collect();
        for i in (1..list.len()).rev() {
            list.swap(i, rng.below(i + 1));
        }
        mains.push(list);
    }
    let round_to = |x: f64, step: f64| (x / step).round() * step;
    let mut workers = Vec::with_capacity(n);
    for (i, &is_carer) in carer.iter().enumerate() {
        let li = (0..n_lines).rfind(|&l| first_of(l) <= i).unwrap_or(0);
        let line = &lines[li];
        let main = mains[li][i - first_of(li)];
        let trainee = rng.unit() < 0.1;
        let mut skills = vec![WorkerSkill {
            skill: line.stations[main].skill.clone(),
            efficiency: if trainee {
                0.7
            } else {
                round_to(rng.range(0.85, 1.1), 0.05)
            },
        }];
        if rng.unit() < 0.35 {
            let other = match main {
                0 => 1,
                k if k + 1 == line.stations.len() => k - 1,
                k if rng.unit() < 0.5 => k - 1,
                k => k + 1,
            };
            skills.push(WorkerSkill {
                skill: line.stations[other].skill.clone(),
                efficiency: if trainee {
                    0.7
                } else {
                    round_to(rng.range(0.7, 0.95), 0.05)
                },
            });
        }
        let mut unavailable = if is_carer {
            school_run.clone()
        } else {
            Vec::new()
        };
        for d in 0..days {
            if rng.unit() < 0.03 {
                unavailable.push(CareWindow::Absence {
                    date: start + Duration::days(d as i64),
                    reason: if is_carer { "sick child" } else { "sick" }.into(),
                });
            }
        }
        if rng.unit() < 0.02 {
            let from = start + Duration::days(rng.below(days) as i64);
            let to = (from + Duration::days(1 + rng.below(2) as i64)).min(end);
            unavailable.push(CareWindow::Leave {
                from,
                to,
                reason: "family leave".into(),
            });
        }
        let (wage, max_week) = if is_carer {
            (round_to(rng.range(14.0, 16.0), 0.5), Some(40.0))
        } else {
            let wage = round_to(rng.range(17.0, 21.0), 0.5);
            let cap = (rng.unit() < 0.1).then(|| [32.0, 36.0, 40.0][rng.below(3)]);
            (wage, cap)
        };
        workers.push(Worker {
            id: WorkerId::new(format!("w{i:04}")),
            name: String::new(),
            contract: if is_carer {
                ContractKind::Flexible
            } else {
                ContractKind::Regular
            },
            skills,
            hourly_wage: wage,
            overtime_multiplier: None,
            max_hours_per_day: None,
            max_hours_per_week: max_week,
            min_hours_per_week: 0.0,
            lines: vec![line.id.clone()],
            unavailable,
            days_off: Vec::new(),
            max_shifts: Default::default(),
            min_total_minutes: None,
            max_total_minutes: None,
            max_consecutive_days: None,
            min_consecutive_days: None,
            min_consecutive_days_off: None,
            max_weekends: None,
            absence_probability: None,
            home: None,
        });
    }
    // Workplaces: all three shifts overlap 14:00–16:30, so a station needs a
    // place for everyone working there on a date.
    for line in &mut lines {
        for st in &mut line.stations {
            let skilled = workers
                .iter()
                .filter(|w| w.lines.contains(&line.id) && w.efficiency(&st.skill).is_some())
                .count();
            st.workplaces = (0.8 * skilled as f64).ceil() as u32 + 2;
        }
    }

    let mut s = Scenario {
        schema: None,
        name: format!(
            "realistic: {n} workers, {days} days, targets at {:.0} % of capacity, seed {}",
            spec.target_share * 100.0,
            spec.seed
        ),
        horizon: Horizon { start, end },
        calendar,
        shifts,
        lines,
        targets: Vec::new(),
        workers,
        rules: LabourRules::prc_standard(),
        penalties: Penalties::default(),
        cover: Vec::new(),
        requests: Vec::new(),
        forbidden_successions: Vec::new(),
        run_borders: Default::default(),
        history: None,
        delivery_rounds: Vec::new(),
        fairness: Vec::new(),
    };
    let capacity = daily_capacity(&s);
    let share = if spec.target_share.is_finite() {
        spec.target_share.max(0.0)
    } else {
        0.0
    };
    let mut targets = Vec::new();
    for (li, line) in s.lines.iter().enumerate() {
        for (d, date) in s.horizon.dates().into_iter().enumerate() {
            let units = (share * target_weight(date.weekday()) * capacity[li][d]).floor();
            if units >= 1.0 {
                targets.push(OutputTarget {
                    id: TargetId::new(format!("{}-{date}", line.id)),
                    line: line.id.clone(),
                    date,
                    units,
                    kind: TargetKind::OnDate,
                    shortfall_penalty: None,
                });
            }
        }
    }
    s.targets = targets;
    s
}

/// Estimated finished units per line (scenario order) and horizon date, for
/// serial lines whose workers are each tied to one line: see the [module
/// documentation](self), "Targets".
fn daily_capacity(s: &Scenario) -> Vec<Vec<f64>> {
    let dates = s.horizon.dates();
    let nd = dates.len();
    let rules = &s.rules;
    // Hours each worker may work on each date.
    let hours: Vec<Vec<f64>> = s
        .workers
        .iter()
        .map(|w| {
            let care = crate::prepare::care_intervals(s, w);
            let day_cap = w
                .max_hours_per_day
                .unwrap_or(f64::INFINITY)
                .min(rules.max_hours_per_day)
                .min(rules.standard_hours_per_day + rules.max_overtime_hours_per_day);
            let line_shifts: Vec<&ShiftTemplate> = s
                .lines
                .iter()
                .filter(|l| w.lines.is_empty() || w.lines.contains(&l.id))
                .flat_map(|l| l.shifts.iter())
                .filter_map(|id| s.shift(id))
                .collect();
            let longest: Vec<f64> = dates
                .iter()
                .enumerate()
                .map(|(d, date)| {
                    line_shifts
                        .iter()
                        .filter(|sh| sh.days.contains(&date.weekday()))
                        .filter(|sh| {
                            let a = d as i64 * MINUTES_PER_DAY
                                + crate::model::time_minute_of_day(sh.start);
                            let b = a + sh.duration_minutes();
                            !care.iter().any(|&(x, y)| x < b && a < y)
                        })
                        .map(|sh| sh.paid_minutes() as f64 / 60.0)
                        .filter(|&h| h <= day_cap + crate::prepare::EPS)
                        .fold(0.0, f64::max)
                })
                .collect();
            let week_cap = w
                .max_hours_per_week
                .unwrap_or(f64::INFINITY)
                .min(rules.max_hours_per_week);
            let most_days = (7u32.saturating_sub(rules.min_days_off_per_week))
                .min(rules.max_consecutive_days)
                .max(1) as usize;
            let mut out = vec![0.0; nd];
            for a in (0..nd).step_by(7) {
                let z = (a + 7).min(nd);
                let work: Vec<usize> = (a..z)
                    .filter(|&d| longest[d] > 0.0 && target_weight(dates[d].weekday()) > 0.0)
                    .collect();
                let per_day = week_cap / work.len().min(most_days).max(1) as f64;
                for d in work {
                    out[d] = longest[d].min(per_day);
                }
            }
            out
        })
        .collect();
    s.lines
        .iter()
        .map(|line| {
            let ns = line.stations.len();
            let crew: Vec<usize> = (0..s.workers.len())
                .filter(|&w| s.workers[w].lines.is_empty() || s.workers[w].lines.contains(&line.id))
                .collect();
            // Rates per station of each worker of the line (None: no skill).
            let rates = |w: usize, h: f64| -> Vec<Option<f64>> {
                line.stations
                    .iter()
                    .map(|st| {
                        s.workers[w]
                            .efficiency(&st.skill)
                            .map(|e| h * 60.0 * e / st.minutes_per_unit)
                    })
                    .collect()
            };
            (0..nd)
                .map(|d| {
                    if ns == 0 {
                        return 0.0;
                    }
                    let mut made = vec![0.0_f64; ns];
                    let mut people = vec![0u32; ns];
                    let present: Vec<(usize, Vec<Option<f64>>)> = crew
                        .iter()
                        .filter(|&&w| hours[w][d] > 0.0)
                        .map(|&w| (w, rates(w, hours[w][d])))
                        .collect();
                    let skills = |r: &[Option<f64>]| r.iter().filter(|x| x.is_some()).count();
                    let single = present.iter().filter(|(_, r)| skills(r) == 1);
                    let multi = present.iter().filter(|(_, r)| skills(r) > 1);
                    for (_, r) in single.chain(multi) {
                        let best = (0..ns)
                            .filter(|&k| r[k].is_some() && people[k] < line.stations[k].workplaces)
                            .min_by(|&a, &b| made[a].total_cmp(&made[b]));
                        if let Some(k) = best {
                            made[k] += r[k].unwrap_or(0.0);
                            people[k] += 1;
                        }
                    }
                    made.into_iter().fold(f64::INFINITY, f64::min)
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(workers: usize, days: usize, seed: u64) -> RealisticSpec {
        RealisticSpec {
            workers,
            days,
            seed,
            ..RealisticSpec::default()
        }
    }

    #[test]
    fn realistic_is_valid_over_a_grid_of_sizes() {
        let mut sizes: Vec<(usize, usize)> = Vec::new();
        for workers in [1, 2, 3, 7, 12, 60, 124, 126, 374, 376, 1000] {
            for days in [1, 2, 5, 6, 7, 8, 13, 14, 15, 21, 22, 28] {
                sizes.push((workers, days));
            }
        }
        sizes.extend([(5000, 1), (5000, 7), (5000, 28), (2500, 14)]);
        for (workers, days) in sizes {
            let s = realistic(&spec(workers, days, workers as u64 + days as u64));
            if let Err(report) = s.validate() {
                panic!("{workers} workers, {days} days: {report:?}");
            }
            assert_eq!(s.workers.len(), workers);
            assert_eq!(s.horizon.len(), days);
            assert_eq!(
                s.lines.len(),
                ((workers as f64 / 250.0).round() as usize).max(1)
            );
            for line in &s.lines {
                let ids: Vec<&str> = line.stations.iter().map(|st| st.id.as_str()).collect();
                let want: Vec<String> = ["winding", "assembly", "testing", "packing"]
                    .iter()
                    .map(|k| format!("{}-{k}", line.id))
                    .collect();
                assert_eq!(ids, want);
                assert!(s.workers.iter().any(|w| w.lines == vec![line.id.clone()]));
            }
        }
    }

    #[test]
    fn realistic_is_deterministic_per_seed() {
        let a = realistic(&spec(80, 10, 5));
        assert_eq!(a, realistic(&spec(80, 10, 5)));
        assert_eq!(a.to_json(), realistic(&spec(80, 10, 5)).to_json());
        assert_ne!(a, realistic(&spec(80, 10, 6)));
    }

    #[test]
    fn about_forty_percent_are_carers_with_school_day_windows() {
        for workers in [10, 60, 300, 1000] {
            let s = realistic(&spec(workers, 7, 3));
            let carers: Vec<&Worker> = s
                .workers
                .iter()
                .filter(|w| w.contract == ContractKind::Flexible)
                .collect();
            assert_eq!(carers.len(), (workers as f64 * 0.4).round() as usize);
            for w in &carers {
                assert_eq!(w.max_hours_per_week, Some(40.0));
                assert!(w.hourly_wage >= 14.0 && w.hourly_wage <= 16.0);
                let school = w.unavailable.iter().filter(|c| {
                    matches!(
                        c,
                        CareWindow::Weekly {
                            applies: Applies::SchoolDays,
                            ..
                        }
                    )
                });
                assert_eq!(school.count(), 2);
            }
            for w in s
                .workers
                .iter()
                .filter(|w| w.contract == ContractKind::Regular)
            {
                assert!(w.hourly_wage >= 17.0 && w.hourly_wage <= 21.0);
                assert!(!w
                    .unavailable
                    .iter()
                    .any(|c| matches!(c, CareWindow::Weekly { .. })));
                assert!(w.max_hours_per_week.is_none_or(|h| h < 49.0));
            }
            for w in &s.workers {
                assert!(!w.skills.is_empty() && w.skills.len() <= 2);
                assert!(w
                    .skills
                    .iter()
                    .all(|k| (0.7..=1.1 + 1e-9).contains(&k.efficiency)));
            }
        }
    }

    #[test]
    fn targets_are_at_most_the_share_of_the_estimated_capacity() {
        for (workers, days, share) in [(60, 7, 0.9), (300, 14, 0.75), (12, 8, 1.0), (500, 28, 0.5)]
        {
            let s = realistic(&RealisticSpec {
                workers,
                days,
                seed: 11,
                target_share: share,
            });
            let cap = daily_capacity(&s);
            let dates = s.horizon.dates();
            assert!(!s.targets.is_empty());
            for t in &s.targets {
                let li = s.lines.iter().position(|l| l.id == t.line).unwrap();
                let d = dates.iter().position(|&x| x == t.date).unwrap();
                assert_eq!(t.kind, TargetKind::OnDate);
                assert!(t.units >= 1.0);
                assert!(t.date.weekday() != Weekday::Sun);
                let weight = target_weight(t.date.weekday());
                assert!(t.units <= share * weight * cap[li][d] + 1e-9, "{t:?}");
                // Not far below it either: floor() loses less than a unit.
                assert!(t.units > share * weight * cap[li][d] - 1.0, "{t:?}");
            }
        }
    }

    #[test]
    fn long_horizons_have_school_holidays_every_other_week() {
        let day = |d: i64| NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() + Duration::days(d);
        assert!(realistic(&spec(30, 7, 1))
            .calendar
            .school_holidays
            .is_empty());
        let s = realistic(&spec(30, 8, 1));
        assert_eq!(
            s.calendar.school_holidays,
            vec![DateRange {
                from: day(7),
                to: day(7)
            }]
        );
        let s = realistic(&spec(30, 28, 1));
        assert_eq!(
            s.calendar.school_holidays,
            vec![
                DateRange {
                    from: day(7),
                    to: day(13)
                },
                DateRange {
                    from: day(21),
                    to: day(27)
                },
            ]
        );
        assert!(s.calendar.is_school_day(day(4)));
        assert!(!s.calendar.is_school_day(day(8)));
        // In the holiday week a carer may work the evening shift on weekdays.
        let carer = s
            .workers
            .iter()
            .find(|w| w.contract == ContractKind::Flexible && w.unavailable.len() == 3)
            .unwrap();
        let care = crate::prepare::care_intervals(&s, carer);
        let evening = |d: i64| (d * MINUTES_PER_DAY + 14 * 60, d * MINUTES_PER_DAY + 22 * 60);
        let blocked = |(a, b): (i64, i64)| care.iter().any(|&(x, y)| x < b && a < y);
        assert!(blocked(evening(1)));
        assert!(!blocked(evening(8)));
        assert!(blocked(evening(12))); // Saturday: the weekend window holds
    }

    #[test]
    fn a_small_realistic_factory_is_solved_with_little_shortfall() {
        let s = realistic(&spec(12, 7, 2));
        assert!(!s.targets.is_empty());
        // A node limit keeps the test reproducible and short: proving this
        // small roster optimal takes minutes (symmetric workers), but the
        // roster found after 200 nodes already meets every target.
        let options = crate::SolveOptions {
            relative_gap: 0.0,
            threads: Some(1),
            max_nodes: Some(200),
            ..Default::default()
        };
        let plan = crate::solve(&s, &options).unwrap();
        assert!(crate::check::check(&s, &plan.roster).is_feasible());
        assert!(plan.cost.wages_total > 0.0);
        assert!(
            plan.cost.shortfall_penalty <= 0.05 * plan.cost.objective,
            "shortfall penalty {} of objective {}",
            plan.cost.shortfall_penalty,
            plan.cost.objective
        );
    }
}
