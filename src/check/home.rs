//! The checker's part for home-based work: each batch against the delivery
//! rounds, the worker's availability and the van, written from the dates up
//! (docs/semantics.md, "Home-based work"); shares no code with `crate::prepare::home`.

use chrono::{Datelike, Duration, NaiveDate};

use super::{Checker, Resolved, Rule, TOL};
use crate::model::{CareWindow, Worker};
use crate::report::Roster;

/// What the batches add to the flow and the pay.
pub(super) struct HomeTally {
    /// `back[line][day]`: units coming back into the stock after the line's
    /// first station (the only home-work station), by horizon day.
    pub back: Vec<Vec<f64>>,
    /// Batch minutes at the hourly wage.
    pub wages: f64,
}

/// Hours worker `w` can give at home on `date`, as minutes.
fn home_minutes_on(s: &crate::Scenario, w: &Worker, date: NaiveDate) -> f64 {
    let Some(home) = &w.home else { return 0.0 };
    if !home.days.contains(&date.weekday()) {
        return 0.0;
    }
    if w.days_off.contains(&date) {
        return 0.0;
    }
    for win in &w.unavailable {
        let whole_date = match win {
            CareWindow::Leave { from, to, .. } => date >= *from && date <= *to,
            CareWindow::Absence { date: d, .. } => *d == date,
            CareWindow::Weekly { .. } => false,
        };
        if whole_date {
            return 0.0;
        }
    }
    let mut hours = home.hours_per_day.max(0.0);
    if let Some(cap) = w.max_hours_per_day {
        hours = hours.min(cap);
    }
    hours = hours.min(s.rules.max_hours_per_day);
    60.0 * hours
}

impl<'a> Checker<'a> {
    /// Checks every home batch and tallies its units and pay; flags home
    /// workers rostered on site.
    pub(super) fn check_home(&mut self, roster: &Roster, resolved: &[Resolved<'a>]) -> HomeTally {
        let s = self.s;
        let n = self.dates.len();
        let mut tally = HomeTally {
            back: vec![vec![0.0; n]; s.lines.len()],
            wages: 0.0,
        };
        for r in resolved {
            if r.worker.home.is_some() {
                self.push(
                    Rule::HomeOnSite,
                    Some(&r.worker.id),
                    Some(r.date),
                    format!("home worker rostered on site at {}", r.station.id),
                );
            }
        }
        // Round dates inside the horizon, in order.
        let mut rounds: Vec<NaiveDate> = s
            .delivery_rounds
            .iter()
            .map(|r| r.date)
            .filter(|d| *d >= s.horizon.start && *d <= s.horizon.end)
            .collect();
        rounds.sort();
        rounds.dedup();
        // Minutes per (worker, out date), units per round date.
        let mut used: Vec<(usize, NaiveDate, NaiveDate, f64)> = Vec::new();
        let mut van: Vec<f64> = vec![0.0; rounds.len()];
        for b in &roster.home_batches {
            let who = Some(&b.worker);
            let bad = |why: String| format!("batch of {} at {}: {why}", b.worker, b.station);
            let Some(wi) = s.workers.iter().position(|w| w.id == b.worker) else {
                self.push(
                    Rule::UnknownEntity,
                    None,
                    Some(b.out_date),
                    bad("unknown worker; batch ignored".into()),
                );
                continue;
            };
            let w = &s.workers[wi];
            let Some(home) = &w.home else {
                self.push(
                    Rule::HomeBatch,
                    who,
                    Some(b.out_date),
                    bad("the worker has no home availability; batch ignored".into()),
                );
                continue;
            };
            let Some(li) = s.lines.iter().position(|l| l.id == b.line) else {
                self.push(
                    Rule::UnknownEntity,
                    who,
                    Some(b.out_date),
                    bad(format!("unknown line \"{}\"; batch ignored", b.line)),
                );
                continue;
            };
            let line = &s.lines[li];
            let Some(pos) = line.stations.iter().position(|st| st.id == b.station) else {
                self.push(
                    Rule::UnknownEntity,
                    who,
                    Some(b.out_date),
                    bad(format!(
                        "not a station of line \"{}\"; batch ignored",
                        b.line
                    )),
                );
                continue;
            };
            let st = &line.stations[pos];
            if !st.home_work || pos != 0 {
                self.push(
                    Rule::HomeBatch,
                    who,
                    Some(b.out_date),
                    bad("the station does not allow home work".into()),
                );
            }
            if !w.lines.is_empty() && !w.lines.contains(&line.id) {
                self.push(
                    Rule::LineNotAllowed,
                    who,
                    Some(b.out_date),
                    bad(format!("may not work on line {}", line.id)),
                );
            }
            let skill = w
                .skills
                .iter()
                .find(|k| k.skill == st.skill)
                .map(|k| k.efficiency);
            let Some(eff) = skill else {
                self.push(
                    Rule::MissingSkill,
                    who,
                    Some(b.out_date),
                    bad(format!("lacks skill {}; batch ignored", st.skill)),
                );
                continue;
            };
            let units = b.units_out;
            if !(units.is_finite() && units >= 0.0 && (units - units.round()).abs() <= TOL) {
                self.push(
                    Rule::HomeBatch,
                    who,
                    Some(b.out_date),
                    bad(format!(
                        "{units} units out; batches are whole units; batch ignored"
                    )),
                );
                continue;
            }
            if (b.units_back - units).abs() > TOL {
                self.push(
                    Rule::HomeBatch,
                    who,
                    Some(b.out_date),
                    bad(format!("{} units back, {units} out", b.units_back)),
                );
            }
            // Whole minutes of work the units take.
            let minutes = units * st.minutes_per_unit / (eff * home.efficiency);
            if (b.minutes - minutes).abs() > TOL * minutes.max(1.0) {
                self.push(
                    Rule::HomeBatch,
                    who,
                    Some(b.out_date),
                    bad(format!(
                        "states {} minutes; the units take {minutes}",
                        b.minutes
                    )),
                );
            }
            let Some(r) = rounds.iter().position(|d| *d == b.out_date) else {
                self.push(
                    Rule::HomeBatch,
                    who,
                    Some(b.out_date),
                    bad("goes out on a date with no delivery round; batch ignored".into()),
                );
                continue;
            };
            let Some(&next) = rounds.get(r + 1) else {
                self.push(
                    Rule::HomeBatch,
                    who,
                    Some(b.out_date),
                    bad("goes out on the last round and cannot come back; batch ignored".into()),
                );
                continue;
            };
            if b.back_date != next {
                self.push(
                    Rule::HomeBatch,
                    who,
                    Some(b.out_date),
                    bad(format!(
                        "comes back on {}, but the round after {} is on {next}; counted on {next}",
                        b.back_date, b.out_date
                    )),
                );
            }
            van[r] += units;
            van[r + 1] += units;
            used.push((wi, b.out_date, next, minutes));
            let day = (next - s.horizon.start).num_days() as usize;
            if day < n {
                tally.back[li][day] += units;
            }
            tally.wages += w.hourly_wage * minutes / 60.0;
        }
        // Availability: per worker and out date, the minutes of all batches.
        used.sort_by_key(|u| (u.0, u.1));
        for group in used.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
            let (wi, from, to, _) = group[0];
            let need: f64 = group.iter().map(|g| g.3).sum();
            let w = &s.workers[wi];
            let mut have = 0.0;
            let mut d = from;
            while d < to {
                have += home_minutes_on(s, w, d);
                d += Duration::days(1);
            }
            if need > have + TOL * have.max(1.0) {
                self.push(
                    Rule::HomeAvailability,
                    Some(&w.id),
                    Some(from),
                    format!(
                        "batches out on {from} take {need:.1} minutes; {} can give {have:.1} before {to}",
                        w.id
                    ),
                );
            }
        }
        for (date, load) in rounds.iter().zip(&van) {
            let cap = s
                .delivery_rounds
                .iter()
                .filter(|r| r.date == *date)
                .map(|r| r.van_capacity)
                .fold(f64::INFINITY, f64::min);
            if *load > cap + TOL * cap.max(1.0) {
                self.push(
                    Rule::VanCapacity,
                    None,
                    Some(*date),
                    format!("the van carries {load} units out and back; it holds {cap}"),
                );
            }
        }
        tally
    }
}
