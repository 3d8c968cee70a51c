//! Expands a validated scenario into indexed facts shared by the formulation
//! and the reports: dates, shift occurrences, caregiving intervals and the
//! candidate assignments (worker × shift occurrence × station) that no hard
//! per-assignment rule forbids.
//!
//! Times are minutes from 00:00 on the horizon's first date.

pub(crate) mod home;

use chrono::{Datelike, NaiveDate};

use crate::model::{time_minute_of_day, Scenario, ShiftTemplate, Station, MINUTES_PER_DAY};

pub use crate::tolerance::EPS;

/// How a date is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayKind {
    Workday,
    RestDay,
    Holiday,
}

#[derive(Clone)]
pub(crate) struct StationRef<'a> {
    pub line: usize,
    pub station: &'a Station,
}

/// One shift template on one date.
#[derive(Clone)]
pub(crate) struct Occurrence {
    pub shift: usize,
    pub day: usize,
    pub start: i64,
    pub end: i64,
    pub paid_minutes: i64,
}

/// A possible assignment.
#[derive(Clone)]
pub(crate) struct Candidate {
    pub worker: usize,
    pub occ: usize,
    pub station: usize,
    /// Units this assignment can produce (paid minutes × efficiency / standard minutes).
    pub units: f64,
    /// Wage cost of the assignment, premiums included, weekly overtime excluded.
    pub cost: f64,
    /// Paid hours.
    pub hours: f64,
    /// Hours that count towards the weekly standard (normal-rate hours on workdays).
    pub standard_hours: f64,
    /// Hours beyond the daily standard.
    pub daily_overtime_hours: f64,
}

pub(crate) struct Prepared<'a> {
    pub s: &'a Scenario,
    pub dates: Vec<NaiveDate>,
    pub day_kind: Vec<DayKind>,
    pub shifts: Vec<&'a ShiftTemplate>,
    pub stations: Vec<StationRef<'a>>,
    /// Station indices of each line, in flow order.
    pub line_stations: Vec<Vec<usize>>,
    pub occs: Vec<Occurrence>,
    pub cands: Vec<Candidate>,
    /// 7-day blocks from the horizon start: (first day, last day) inclusive.
    pub weeks: Vec<(usize, usize)>,
    /// Days of history before the horizon (0 unless `run_borders` is `history`).
    pub hist_days: usize,
    /// Per worker, the shift worked on each history day (index 0 = the
    /// earliest, `hist_days - 1` = the day before the horizon).
    pub past: Vec<Vec<Option<usize>>>,
    /// Forbidden successions as shift-index pairs (explicit ones only).
    pub forbidden: Vec<(usize, usize)>,
    /// Home-based work: rounds, availability, possible batches.
    pub home: home::HomeIndex,
}

/// The minimum rest in whole minutes, rounded up: a gap shorter than the rule
/// by any fraction of a minute is too short.
pub(crate) fn min_rest_minutes(s: &Scenario) -> i64 {
    (s.rules.min_rest_hours * 60.0).ceil() as i64
}

pub(crate) use crate::model::care_intervals;

impl<'a> Prepared<'a> {
    pub fn new(s: &'a Scenario) -> Self {
        let dates = s.horizon.dates();
        let day_kind = dates
            .iter()
            .map(|&d| {
                if s.calendar.is_public_holiday(d) {
                    DayKind::Holiday
                } else if s.calendar.is_rest_day(d) {
                    DayKind::RestDay
                } else {
                    DayKind::Workday
                }
            })
            .collect::<Vec<_>>();
        let shifts: Vec<&ShiftTemplate> = s.shifts.iter().collect();
        let mut stations = Vec::new();
        let mut line_stations = Vec::new();
        let mut line_shifts: Vec<Vec<usize>> = Vec::new();
        for (li, line) in s.lines.iter().enumerate() {
            let mut ids = Vec::new();
            for st in line.stations.iter() {
                ids.push(stations.len());
                stations.push(StationRef {
                    line: li,
                    station: st,
                });
            }
            line_stations.push(ids);
            line_shifts.push(
                line.shifts
                    .iter()
                    .filter_map(|id| shifts.iter().position(|sh| &sh.id == id))
                    .collect(),
            );
        }

        let mut occs = Vec::new();
        for (day, date) in dates.iter().enumerate() {
            for (si, sh) in shifts.iter().enumerate() {
                if !sh.days.contains(&date.weekday()) {
                    continue;
                }
                let start = day as i64 * MINUTES_PER_DAY + time_minute_of_day(sh.start);
                occs.push(Occurrence {
                    shift: si,
                    day,
                    start,
                    end: start + sh.duration_minutes(),
                    paid_minutes: sh.paid_minutes(),
                });
            }
        }

        let shift_index = |id: &crate::model::ShiftId| shifts.iter().position(|sh| &sh.id == id);
        let forbidden: Vec<(usize, usize)> = s
            .forbidden_successions
            .iter()
            .filter_map(|f| Some((shift_index(&f.first)?, shift_index(&f.then)?)))
            .collect();
        let (hist_days, past) = match (&s.run_borders, &s.history) {
            (crate::model::RunBorders::History, Some(h)) if h.from < s.horizon.start => {
                let n = (s.horizon.start - h.from).num_days() as usize;
                let mut past = vec![vec![None; n]; s.workers.len()];
                for a in &h.assignments {
                    let (Some(w), Some(sh)) = (
                        s.workers.iter().position(|x| x.id == a.worker),
                        shift_index(&a.shift),
                    ) else {
                        continue;
                    };
                    if a.date >= h.from && a.date < s.horizon.start {
                        past[w][(a.date - h.from).num_days() as usize] = Some(sh);
                    }
                }
                (n, past)
            }
            _ => (0, vec![Vec::new(); s.workers.len()]),
        };
        let min_rest = min_rest_minutes(s);

        let rules = &s.rules;
        let mut cands = Vec::new();
        for (wi, w) in s.workers.iter().enumerate() {
            if w.home.is_some() {
                // Home workers work at home only (prepare::home).
                continue;
            }
            let care = care_intervals(s, w);
            // Shifts worked in the last two days of history, as (day, shift)
            // with day negative.
            let recent: Vec<(i64, usize)> = past[wi]
                .iter()
                .enumerate()
                .rev()
                .take(2)
                .filter_map(|(i, sh)| sh.map(|sh| (i as i64 - hist_days as i64, sh)))
                .collect();
            let max_day = w
                .max_hours_per_day
                .unwrap_or(f64::INFINITY)
                .min(rules.max_hours_per_day);
            let otm = w.overtime_multiplier.unwrap_or(rules.overtime_multiplier);
            for (oi, o) in occs.iter().enumerate() {
                let hours = o.paid_minutes as f64 / 60.0;
                if hours > max_day + EPS {
                    continue;
                }
                let daily_ot = (hours - rules.standard_hours_per_day).max(0.0);
                if daily_ot > rules.max_overtime_hours_per_day + EPS {
                    continue;
                }
                if care.iter().any(|&(a, b)| a < o.end && o.start < b) {
                    continue;
                }
                if w.days_off.contains(&dates[o.day]) {
                    continue;
                }
                if w.max_shifts.get(&shifts[o.shift].id) == Some(&0) {
                    continue;
                }
                // Rest and successions across the border with the history.
                if recent.iter().any(|&(d, sh)| {
                    let end = d * MINUTES_PER_DAY
                        + time_minute_of_day(shifts[sh].start)
                        + shifts[sh].duration_minutes();
                    o.start - end < min_rest
                        || (d == -1 && o.day == 0 && forbidden.contains(&(sh, o.shift)))
                }) {
                    continue;
                }
                let (cost, standard_hours) = match day_kind[o.day] {
                    DayKind::Workday => (
                        w.hourly_wage * (hours - daily_ot + daily_ot * otm),
                        hours - daily_ot,
                    ),
                    DayKind::RestDay => (w.hourly_wage * hours * rules.rest_day_multiplier, 0.0),
                    DayKind::Holiday => (w.hourly_wage * hours * rules.holiday_multiplier, 0.0),
                };
                for (sti, st) in stations.iter().enumerate() {
                    if !line_shifts[st.line].contains(&o.shift) {
                        continue;
                    }
                    if !w.lines.is_empty() && !w.lines.contains(&s.lines[st.line].id) {
                        continue;
                    }
                    let Some(eff) = w.efficiency(&st.station.skill) else {
                        continue;
                    };
                    cands.push(Candidate {
                        worker: wi,
                        occ: oi,
                        station: sti,
                        units: o.paid_minutes as f64 * eff / st.station.minutes_per_unit,
                        cost,
                        hours,
                        standard_hours,
                        daily_overtime_hours: daily_ot,
                    });
                }
            }
        }

        let n = dates.len();
        let weeks = (0..n)
            .step_by(7)
            .map(|a| (a, (a + 6).min(n.saturating_sub(1))))
            .collect();

        let home = home::HomeIndex::new(s, &dates, &stations);
        Prepared {
            s,
            home,
            dates,
            day_kind,
            shifts,
            stations,
            line_stations,
            occs,
            cands,
            weeks,
            hist_days,
            past,
            forbidden,
        }
    }

    /// The same scenario with only the candidates `keep` (indices into
    /// `cands`, in order): a neighbourhood's sub-model is built from it, so
    /// the assignments fixed to 0 cost nothing to build or presolve. The
    /// candidate at position `i` of the result is `keep[i]` here.
    pub fn restricted(&self, keep: &[usize]) -> Self {
        Self {
            s: self.s,
            dates: self.dates.clone(),
            day_kind: self.day_kind.clone(),
            shifts: self.shifts.clone(),
            stations: self.stations.clone(),
            line_stations: self.line_stations.clone(),
            occs: self.occs.clone(),
            cands: keep.iter().map(|&c| self.cands[c].clone()).collect(),
            weeks: self.weeks.clone(),
            hist_days: self.hist_days,
            past: self.past.clone(),
            forbidden: self.forbidden.clone(),
            home: self.home.clone(),
        }
    }

    /// Most paid hours per week for worker `w`.
    pub fn max_week_hours(&self, w: usize) -> f64 {
        self.s.workers[w]
            .max_hours_per_week
            .unwrap_or(f64::INFINITY)
            .min(self.s.rules.max_hours_per_week)
    }

    /// Contracted minimum hours in week block `b` (pro-rated for a short block).
    pub fn min_week_hours(&self, w: usize, b: usize) -> f64 {
        let (a, z) = self.weeks[b];
        self.s.workers[w].min_hours_per_week * (z - a + 1) as f64 / 7.0
    }

    /// Overtime hours allowed over the whole horizon (monthly cap pro-rated
    /// over a 30-day month).
    pub fn overtime_cap(&self) -> f64 {
        self.s.rules.max_overtime_hours_per_month * self.dates.len() as f64 / 30.0
    }

    /// Penalty per unit short for target `t`.
    pub fn shortfall_penalty(&self, t: usize) -> f64 {
        self.s.targets[t]
            .shortfall_penalty
            .unwrap_or(self.s.penalties.shortfall_per_unit)
    }
}
