//! Seeded synthetic factories, for benchmarks and property tests.
//!
//! ```
//! use flexline::synthetic::{factory, Spec};
//! let s = factory(&Spec { workers: 20, days: 7, shifts: 2, stations: 4, seed: 7 });
//! assert_eq!(s.workers.len(), 20);
//! assert!(s.validate().is_ok());
//! ```

use chrono::{Duration, NaiveDate, NaiveTime, Weekday};

use crate::model::{
    Applies, Calendar, CareWindow, ContractKind, Horizon, LabourRules, Line, LineId, OutputTarget,
    Penalties, Scenario, ShiftId, ShiftKind, ShiftTemplate, SkillId, Station, StationId, TargetId,
    TargetKind, Worker, WorkerId, WorkerSkill,
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

const ALL_DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

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
    }
}
