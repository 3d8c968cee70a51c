//! The independent roster checker.
//!
//! A second, deliberately simple implementation of the semantics in
//! `docs/semantics.md`. Given only a [`Scenario`] and a [`Roster`], it
//! recomputes every hard rule, the throughput estimate and the cost from
//! scratch, without sharing any code with the model builder or the report
//! module it double-checks. It works on wall-clock instants and whole dates
//! rather than on precomputed interval lists: caregiving windows, for
//! example, are checked by walking each shift minute by minute.
//!
//! ```
//! let json = r#"{
//!   "horizon": { "start": "2026-03-02", "end": "2026-03-02" },
//!   "shifts": [ { "id": "day", "start": "08:00", "end": "16:30", "break_minutes": 30 } ],
//!   "lines": [ { "id": "L", "shifts": ["day"], "stations": [
//!       { "id": "asm", "skill": "assembly", "minutes_per_unit": 10.0, "workplaces": 1 } ] } ],
//!   "targets": [ { "id": "t", "line": "L", "date": "2026-03-02", "units": 40 } ],
//!   "workers": [ { "id": "ana", "skills": [ { "skill": "assembly" } ], "hourly_wage": 16.0 } ]
//! }"#;
//! let scenario = flexline::Scenario::from_json_str(json)?;
//! let report = flexline::check::check(&scenario, &flexline::Roster::default());
//! assert!(report.is_feasible());
//! assert_eq!(report.cost.shortfall_units, 40.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::Hash;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike};
use serde::Serialize;

use crate::model::{
    Applies, Calendar, CareWindow, LineId, Scenario, ShiftTemplate, Station, StationId, TargetId,
    TargetKind, Worker, WorkerId,
};
use crate::report::{
    CostBreakdown, LineDay, Roster, StationDay, StationInterval, TargetResult, Throughput,
};

// One file per rule family, every one a scan of its own over the resolved
// assignments: `assignment` (templates, windows, skills, lines), `daily`
// (one shift a day, daily hours, rest), `workplaces`, `weekly` (hours,
// overtime and its cap, consecutive days, days off), `rostering` (cover,
// requests, per-worker limits, runs, weekends, successions, history),
// `home` (home batches, the van), `throughput` (the flow on the clock,
// targets, finished stock), `cost`; `api` holds the report types and
// `diff` the field-by-field comparison. This file: `check` and the resolve
// step every scan starts from.
mod api;
mod assignment;
mod cost;
mod daily;
mod diff;
mod home;
mod rostering;
#[cfg(test)]
mod tests;
mod throughput;
mod weekly;
mod workplaces;

pub use api::{CheckReport, Rule, Violation};

/// Tolerance on hours (and on "used all its capacity" for the bottleneck).
const TOL: f64 = 1e-6;
/// Minutes in a day.
const DAY_MINUTES: i64 = 24 * 60;

/// Checks `roster` against every hard rule of `scenario` and recomputes its
/// throughput estimate and cost. Never panics, whatever the input.
///
/// Assignments naming an unknown worker, shift, line or station (or a
/// station not on the named line) are reported and then ignored; assignments
/// outside the horizon are reported, checked per assignment, and left out of
/// weekly rules, throughput and cost. Everything else is computed from the
/// scenario's templates (not from the times the roster states, which are
/// checked against them).
///
/// ```
/// use chrono::NaiveDate;
/// use flexline::{Assignment, Roster};
/// let json = r#"{
///   "horizon": { "start": "2026-03-02", "end": "2026-03-08" },
///   "shifts": [ { "id": "day", "start": "08:00", "end": "16:30", "break_minutes": 30 } ],
///   "lines": [ { "id": "L", "shifts": ["day"], "stations": [
///       { "id": "asm", "skill": "assembly", "minutes_per_unit": 10.0, "workplaces": 1 } ] } ],
///   "workers": [ { "id": "ana", "skills": [ { "skill": "assembly" } ], "hourly_wage": 16.0,
///       "unavailable": [ { "kind": "weekly", "from": "07:30", "to": "08:30" } ] } ]
/// }"#;
/// let scenario = flexline::Scenario::from_json_str(json)?;
/// let date = NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("date")?;
/// let roster = Roster { assignments: vec![Assignment {
///     worker: "ana".into(), date, shift: "day".into(), line: "L".into(), station: "asm".into(),
///     start: date.and_hms_opt(8, 0, 0).ok_or("time")?,
///     end: date.and_hms_opt(16, 30, 0).ok_or("time")?,
///     paid_hours: 8.0,
/// }], home_batches: vec![] };
/// let report = flexline::check::check(&scenario, &roster);
/// assert_eq!(report.violations.len(), 1);
/// assert_eq!(report.violations[0].rule, flexline::check::Rule::CaregivingWindow);
/// assert_eq!(report.throughput.lines[0].finished_units, 48.0);
/// assert_eq!(report.cost.base_wages, 128.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check(scenario: &Scenario, roster: &Roster) -> CheckReport {
    let mut checker = Checker::new(scenario);
    let resolved = checker.resolve_all(roster);
    for r in &resolved {
        checker.check_assignment(r);
    }
    checker.check_double_booking_and_daily(&resolved);
    checker.check_min_rest(&resolved);
    checker.check_workplaces(&resolved);
    let grid = checker.grid(&resolved);
    checker.check_weekly_rules(&grid);
    checker.check_rostering(&resolved);
    let home = checker.check_home(roster, &resolved);
    let throughput = checker.throughput(&resolved, &home.back);
    checker.check_finished_stock(&throughput);
    let mut cost = checker.cost(&grid.hours, &throughput);
    cost.home_wages = home.wages;
    cost.wages_total += home.wages;
    cost.objective += home.wages;
    checker.rostering_cost(&resolved, &mut cost);
    checker.fairness_cost(&grid.shifts, &grid.hours, &mut cost);
    CheckReport {
        violations: checker.violations,
        throughput,
        cost,
    }
}

// ---------------------------------------------------------------------------
// The checker itself.

/// An assignment whose ids all resolved.
struct Resolved<'a> {
    worker_ix: usize,
    worker: &'a Worker,
    line_ix: usize,
    line: &'a LineId,
    line_shifts: &'a [crate::model::ShiftId],
    /// Position of the station in its line.
    pos: usize,
    station: &'a Station,
    shift: &'a ShiftTemplate,
    date: NaiveDate,
    /// Index in the horizon, if inside.
    day: Option<usize>,
    /// Start, minutes since 00:00 of the horizon's first date (template times).
    start: i64,
    /// End, minutes since 00:00 of the horizon's first date (template times).
    end: i64,
    /// Paid hours from the template.
    hours: f64,
    /// The roster's stated values, for the time check.
    stated: &'a crate::report::Assignment,
}

/// Per worker (scenario order) and horizon date.
struct Grid {
    /// Paid hours.
    hours: Vec<Vec<f64>>,
    /// Assignments.
    shifts: Vec<Vec<u32>>,
}

struct Checker<'a> {
    s: &'a Scenario,
    dates: Vec<NaiveDate>,
    violations: Vec<Violation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pay {
    Workday,
    RestDay,
    Holiday,
}

fn pay_kind(cal: &Calendar, d: NaiveDate) -> Pay {
    if cal.is_public_holiday(d) {
        Pay::Holiday
    } else if cal.is_rest_day(d) {
        Pay::RestDay
    } else {
        Pay::Workday
    }
}

/// Minute of the day of a time (seconds ignored).
fn minute_of(t: NaiveTime) -> i64 {
    i64::from(t.hour()) * 60 + i64::from(t.minute())
}

/// `base` plus `days` days, if representable.
fn shift_date(base: NaiveDate, days: i64) -> Option<NaiveDate> {
    base.checked_add_signed(Duration::try_days(days)?)
}

/// "HH:MM" (with a "+1d" style suffix) for a minute relative to a date.
fn clock(date: NaiveDate, minute: i64) -> String {
    let day = minute.div_euclid(DAY_MINUTES);
    let m = minute.rem_euclid(DAY_MINUTES);
    let d = shift_date(date, day).map_or_else(|| "?".to_owned(), |d| d.to_string());
    format!("{d} {:02}:{:02}", m / 60, m % 60)
}

fn fmt_h(x: f64) -> String {
    // Adding 0.0 turns -0 into 0 (no "-0 paid minutes").
    let r = (x * 1000.0).round() / 1000.0 + 0.0;
    crate::text::number(r)
}

/// Does `window` cover the minute `m` (minutes since 00:00 of `base`)?
fn window_covers(cal: &Calendar, window: &CareWindow, base: NaiveDate, m: i64) -> bool {
    let day = m.div_euclid(DAY_MINUTES);
    match window {
        CareWindow::Leave { from, to, .. } => {
            shift_date(base, day).is_some_and(|d| *from <= d && d <= *to)
        }
        CareWindow::Absence { date, .. } => shift_date(base, day) == Some(*date),
        CareWindow::Weekly {
            days,
            from,
            to,
            overnight,
            applies,
            ..
        } => {
            let open = minute_of(*from);
            let mut close = minute_of(*to);
            if close <= open {
                if *overnight {
                    close += DAY_MINUTES;
                } else {
                    // Not a valid window (validation rejects it); covers nothing.
                    return false;
                }
            }
            // The window may have started today or (overnight) yesterday.
            (0..=1).any(|back| {
                let start_day = day - back;
                let rel = m - start_day * DAY_MINUTES;
                if rel < open || rel >= close {
                    return false;
                }
                let Some(d) = shift_date(base, start_day) else {
                    return false;
                };
                if !days.contains(&d.weekday()) {
                    return false;
                }
                match applies {
                    Applies::AllDays => true,
                    Applies::SchoolDays => cal.is_school_day(d),
                    Applies::NonSchoolDays => !cal.is_school_day(d),
                }
            })
        }
    }
}

fn window_name(window: &CareWindow) -> String {
    let (kind, reason) = match window {
        CareWindow::Weekly { reason, .. } => ("weekly window", reason),
        CareWindow::Leave { reason, .. } => ("leave", reason),
        CareWindow::Absence { reason, .. } => ("absence", reason),
    };
    if reason.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind} ({reason})")
    }
}

impl<'a> Checker<'a> {
    fn new(s: &'a Scenario) -> Self {
        Self {
            s,
            dates: s.horizon.dates(),
            violations: Vec::new(),
        }
    }

    fn push(
        &mut self,
        rule: Rule,
        worker: Option<&WorkerId>,
        date: Option<NaiveDate>,
        detail: String,
    ) {
        self.violations.push(Violation {
            rule,
            worker: worker.cloned(),
            date,
            detail,
        });
    }

    /// 7-day blocks from the horizon start: [first, last) day indices.
    fn blocks(&self) -> Vec<(usize, usize)> {
        let n = self.dates.len();
        (0..n).step_by(7).map(|a| (a, (a + 7).min(n))).collect()
    }

    /// Resolves every assignment's ids; reports and drops the unresolvable.
    fn resolve_all(&mut self, roster: &'a Roster) -> Vec<Resolved<'a>> {
        let s = self.s;
        let mut out = Vec::new();
        for a in &roster.assignments {
            let mut problems = Vec::new();
            let worker = s.workers.iter().position(|w| w.id == a.worker);
            if worker.is_none() {
                problems.push(format!("unknown worker \"{}\"", a.worker));
            }
            let shift = s.shifts.iter().find(|t| t.id == a.shift);
            if shift.is_none() {
                problems.push(format!("unknown shift \"{}\"", a.shift));
            }
            let line = s.lines.iter().position(|l| l.id == a.line);
            let mut station = None;
            match line {
                None => problems.push(format!("unknown line \"{}\"", a.line)),
                Some(li) => {
                    station = s.lines[li]
                        .stations
                        .iter()
                        .position(|st| st.id == a.station);
                    if station.is_none() {
                        let elsewhere = s
                            .lines
                            .iter()
                            .find(|l| l.stations.iter().any(|st| st.id == a.station));
                        problems.push(match elsewhere {
                            Some(l) => format!(
                                "station \"{}\" is on line \"{}\", not on line \"{}\"",
                                a.station, l.id, a.line
                            ),
                            None => format!("unknown station \"{}\"", a.station),
                        });
                    }
                }
            }
            let (Some(wi), Some(shift), Some(li), Some(pos)) = (worker, shift, line, station)
            else {
                let known_worker = worker.map(|_| &a.worker);
                self.push(
                    Rule::UnknownEntity,
                    known_worker,
                    Some(a.date),
                    format!("{}; assignment ignored", problems.join(", ")),
                );
                continue;
            };
            let offset = (a.date - s.horizon.start).num_days();
            let start = offset.saturating_mul(DAY_MINUTES) + minute_of(shift.start);
            let line_ref = &s.lines[li];
            out.push(Resolved {
                worker_ix: wi,
                worker: &s.workers[wi],
                line_ix: li,
                line: &line_ref.id,
                line_shifts: &line_ref.shifts,
                pos,
                station: &line_ref.stations[pos],
                shift,
                date: a.date,
                day: s.horizon.index_of(a.date),
                start,
                end: start + shift.duration_minutes(),
                hours: shift.paid_minutes() as f64 / 60.0,
                stated: a,
            });
        }
        out
    }
}
