//! Home-based work, indexed for the formulation and the report: the delivery
//! rounds by horizon day, each home worker's minutes available between two
//! rounds, and the possible batches (worker × home station × round out).
//! docs/semantics.md, "Home-based work".

use chrono::{Datelike, NaiveDate};

use super::StationRef;
use crate::model::{CareWindow, Scenario, Worker};

/// A possible batch: `worker` takes material for `station` out on round
/// `round` and brings it back on round `round + 1`.
#[derive(Clone)]
pub(crate) struct HomeSlot {
    pub worker: usize,
    pub station: usize,
    pub round: usize,
    /// Minutes of home work per unit (standard minutes ÷ the worker's skill
    /// and home efficiencies).
    pub minutes_per_unit: f64,
    /// Most whole units the worker's minutes between the rounds allow.
    pub max_units: f64,
}

/// Rounds, availability and slots.
#[derive(Clone, Default)]
pub(crate) struct HomeIndex {
    /// (horizon day, van capacity) per round, in date order.
    pub rounds: Vec<(usize, f64)>,
    /// Per worker and round out (all but the last round): minutes the worker
    /// can give on the dates from that round up to the day before the next.
    pub window_minutes: Vec<Vec<f64>>,
    pub slots: Vec<HomeSlot>,
}

/// Minutes worker `w` can give at home on `date`: their hours per day on
/// their home weekdays, capped by the daily hour limits, none on leave,
/// absences and fixed days off.
pub(crate) fn available_minutes(s: &Scenario, w: &Worker, date: NaiveDate) -> f64 {
    let Some(h) = &w.home else { return 0.0 };
    if !h.days.contains(&date.weekday()) || w.days_off.contains(&date) {
        return 0.0;
    }
    let away = w.unavailable.iter().any(|win| match win {
        CareWindow::Leave { from, to, .. } => *from <= date && date <= *to,
        CareWindow::Absence { date: d, .. } => *d == date,
        CareWindow::Weekly { .. } => false,
    });
    if away {
        return 0.0;
    }
    let hours = h
        .hours_per_day
        .min(w.max_hours_per_day.unwrap_or(f64::INFINITY))
        .min(s.rules.max_hours_per_day)
        .max(0.0);
    hours * 60.0
}

impl HomeIndex {
    pub fn new(s: &Scenario, dates: &[NaiveDate], stations: &[StationRef<'_>]) -> Self {
        if !s.workers.iter().any(|w| w.home.is_some()) {
            return Self::default();
        }
        let mut rounds: Vec<(usize, f64)> = s
            .delivery_rounds
            .iter()
            .filter_map(|r| Some((s.horizon.index_of(r.date)?, r.van_capacity)))
            .collect();
        rounds.sort_by_key(|r| r.0);
        rounds.dedup_by_key(|r| r.0);
        let n_out = rounds.len().saturating_sub(1);
        let mut window_minutes = vec![vec![0.0; n_out]; s.workers.len()];
        let mut slots = Vec::new();
        for (wi, w) in s.workers.iter().enumerate() {
            let Some(home) = &w.home else { continue };
            for r in 0..n_out {
                window_minutes[wi][r] = (rounds[r].0..rounds[r + 1].0)
                    .map(|d| available_minutes(s, w, dates[d]))
                    .sum();
            }
            for (si, st) in stations.iter().enumerate() {
                if !st.station.home_work {
                    continue;
                }
                let line = &s.lines[st.line].id;
                if !w.lines.is_empty() && !w.lines.contains(line) {
                    continue;
                }
                let Some(eff) = w.efficiency(&st.station.skill) else {
                    continue;
                };
                let minutes_per_unit = st.station.minutes_per_unit / (eff * home.efficiency);
                for (r, &window) in window_minutes[wi].iter().enumerate() {
                    let max_units = (window / minutes_per_unit + crate::tolerance::EPS).floor();
                    if max_units >= 1.0 {
                        slots.push(HomeSlot {
                            worker: wi,
                            station: si,
                            round: r,
                            minutes_per_unit,
                            max_units,
                        });
                    }
                }
            }
        }
        Self {
            rounds,
            window_minutes,
            slots,
        }
    }
}
