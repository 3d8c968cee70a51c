//! The independent roster checker.
//!
//! A second, deliberately simple implementation of the semantics in
//! `DESIGN.md` ("Semantics"). Given only a [`Scenario`] and a [`Roster`], it
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

#[path = "check_rostering.rs"]
mod rostering;

#[path = "check_home.rs"]
mod home;

/// Tolerance on hours (and on "used all its capacity" for the bottleneck).
const TOL: f64 = 1e-6;
/// Minutes in a day.
const DAY_MINUTES: i64 = 24 * 60;

/// What the checker found: the hard rules broken, and its own throughput
/// estimate and cost of the roster.
///
/// ```
/// # let json = r#"{"horizon":{"start":"2026-03-02","end":"2026-03-02"},"shifts":[],"lines":[],"workers":[]}"#;
/// # let scenario: flexline::Scenario = serde_json::from_str(json)?;
/// let report = flexline::check::check(&scenario, &flexline::Roster::default());
/// assert!(report.violations.is_empty());
/// assert_eq!(report.cost.objective, 0.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// Every hard rule the roster breaks (empty for a feasible roster).
    pub violations: Vec<Violation>,
    /// The checker's throughput estimate.
    pub throughput: Throughput,
    /// The checker's cost of the roster.
    pub cost: CostBreakdown,
}

/// One broken hard rule.
///
/// ```
/// use flexline::check::{Rule, Violation};
/// let v = Violation { rule: Rule::DoubleBooking, worker: None, date: None, detail: "two shifts".into() };
/// assert_eq!(v.to_string(), "double_booking: two shifts");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// Which rule.
    pub rule: Rule,
    /// The worker concerned, if one is.
    pub worker: Option<WorkerId>,
    /// The date concerned, if one is.
    pub date: Option<NaiveDate>,
    /// What exactly is wrong, in words.
    pub detail: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.rule)?;
        if let Some(w) = &self.worker {
            write!(f, " [{w}]")?;
        }
        if let Some(d) = &self.date {
            write!(f, " [{d}]")?;
        }
        write!(f, ": {}", self.detail)
    }
}

/// The hard rules the checker verifies (see `DESIGN.md`, "Semantics").
///
/// ```
/// assert_eq!(flexline::check::Rule::MinRest.to_string(), "min_rest");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// A worker, shift, line or station id is not in the scenario, or the
    /// station is not on the assignment's line.
    UnknownEntity,
    /// The date is outside the horizon.
    OutsideHorizon,
    /// The shift template does not run on that weekday.
    ShiftNotRunning,
    /// Start, end or paid hours differ from the template on that date.
    ShiftTimesWrong,
    /// The shift overlaps one of the worker's caregiving windows or absences.
    CaregivingWindow,
    /// The worker lacks the station's skill.
    MissingSkill,
    /// The worker may not work on that line.
    LineNotAllowed,
    /// The line does not run that shift template.
    LineDoesNotRunShift,
    /// More than one assignment for a worker on one date.
    DoubleBooking,
    /// Paid hours on a date above the daily maximum.
    DailyHours,
    /// Overtime on a date above the daily overtime maximum.
    DailyOvertime,
    /// Paid hours in a 7-day block above the weekly maximum.
    WeeklyHours,
    /// Daily plus weekly overtime above the pro-rated monthly cap.
    OvertimeCap,
    /// Too little rest between two shifts.
    MinRest,
    /// Too many consecutive working dates.
    ConsecutiveDays,
    /// Too few days off in a 7-day block.
    DaysOff,
    /// More people at a station at once than it has workplaces.
    Workplaces,
    /// A shift on one of the worker's fixed days off.
    FixedDayOff,
    /// More shifts of a template than the worker's `max_shifts` allows.
    ShiftCount,
    /// Paid minutes over the horizon outside the worker's min/max.
    TotalMinutes,
    /// A run of working dates strictly inside the horizon shorter than the minimum.
    MinConsecutiveDays,
    /// A run of days off strictly inside the horizon shorter than the minimum.
    MinConsecutiveDaysOff,
    /// More weekends worked than the worker's `max_weekends`.
    Weekends,
    /// A shift followed on the next date by one it may not be followed by.
    ForbiddenSuccession,
    /// A home batch that breaks the rounds (out on no round or the last one,
    /// back on another date than the next round), is not whole units, comes
    /// back in a different number, states the wrong minutes, or is at a
    /// station without home work.
    HomeBatch,
    /// Home batches out on one round take more minutes than the worker can
    /// give before the next round.
    HomeAvailability,
    /// Units out plus units back on a round above the van's capacity.
    VanCapacity,
    /// A home worker rostered on site.
    HomeOnSite,
    /// A line finished more units ahead of its delivery targets than its
    /// `max_finished_stock`.
    FinishedStock,
}

impl Rule {
    fn name(self) -> &'static str {
        match self {
            Rule::UnknownEntity => "unknown_entity",
            Rule::OutsideHorizon => "outside_horizon",
            Rule::ShiftNotRunning => "shift_not_running",
            Rule::ShiftTimesWrong => "shift_times_wrong",
            Rule::CaregivingWindow => "caregiving_window",
            Rule::MissingSkill => "missing_skill",
            Rule::LineNotAllowed => "line_not_allowed",
            Rule::LineDoesNotRunShift => "line_does_not_run_shift",
            Rule::DoubleBooking => "double_booking",
            Rule::DailyHours => "daily_hours",
            Rule::DailyOvertime => "daily_overtime",
            Rule::WeeklyHours => "weekly_hours",
            Rule::OvertimeCap => "overtime_cap",
            Rule::MinRest => "min_rest",
            Rule::ConsecutiveDays => "consecutive_days",
            Rule::DaysOff => "days_off",
            Rule::Workplaces => "workplaces",
            Rule::FixedDayOff => "fixed_day_off",
            Rule::ShiftCount => "shift_count",
            Rule::TotalMinutes => "total_minutes",
            Rule::MinConsecutiveDays => "min_consecutive_days",
            Rule::MinConsecutiveDaysOff => "min_consecutive_days_off",
            Rule::Weekends => "weekends",
            Rule::ForbiddenSuccession => "forbidden_succession",
            Rule::HomeBatch => "home_batch",
            Rule::HomeAvailability => "home_availability",
            Rule::VanCapacity => "van_capacity",
            Rule::HomeOnSite => "home_on_site",
            Rule::FinishedStock => "finished_stock",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl CheckReport {
    /// True if the roster breaks no hard rule.
    ///
    /// ```
    /// # let json = r#"{"horizon":{"start":"2026-03-02","end":"2026-03-02"},"shifts":[],"lines":[],"workers":[]}"#;
    /// # let scenario: flexline::Scenario = serde_json::from_str(json)?;
    /// assert!(flexline::check::check(&scenario, &flexline::Roster::default()).is_feasible());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_feasible(&self) -> bool {
        self.violations.is_empty()
    }

    /// Compares with another computation; returns human-readable differences (empty = agree).
    ///
    /// Every field of every [`StationDay`], [`LineDay`] (bottleneck and
    /// target units included), [`TargetResult`] and every [`CostBreakdown`]
    /// field is compared; rows are matched by their key (line, station,
    /// date / line, date / target), and a different order is reported too.
    /// Numbers agree when `|a − b| <= 1e-6 × max(1, |a|, |b|)`.
    ///
    /// ```
    /// # let json = r#"{"horizon":{"start":"2026-03-02","end":"2026-03-02"},"shifts":[],"lines":[],"workers":[]}"#;
    /// # let scenario: flexline::Scenario = serde_json::from_str(json)?;
    /// let report = flexline::check::check(&scenario, &flexline::Roster::default());
    /// assert!(report.differences(&report.throughput, &report.cost).is_empty());
    /// let mut cost = report.cost.clone();
    /// cost.objective += 1.0;
    /// assert_eq!(report.differences(&report.throughput, &cost).len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn differences(&self, throughput: &Throughput, cost: &CostBreakdown) -> Vec<String> {
        let mut out = Vec::new();
        diff_rows(
            "station-day",
            &self.throughput.stations,
            &throughput.stations,
            |s: &StationDay| (s.line.clone(), s.station.clone(), s.date),
            |k| format!("{} / {} on {}", k.0, k.1, k.2),
            diff_station_day,
            &mut out,
        );
        diff_rows(
            "station-interval",
            &self.throughput.intervals,
            &throughput.intervals,
            |s: &StationInterval| (s.station.clone(), s.start),
            |k| format!("{} at {}", k.0, k.1),
            diff_interval,
            &mut out,
        );
        diff_rows(
            "line-day",
            &self.throughput.lines,
            &throughput.lines,
            |l: &LineDay| (l.line.clone(), l.date),
            |k| format!("{} on {}", k.0, k.1),
            diff_line_day,
            &mut out,
        );
        diff_rows(
            "target",
            &self.throughput.targets,
            &throughput.targets,
            |t: &TargetResult| t.target.clone(),
            |k: &TargetId| k.to_string(),
            diff_target,
            &mut out,
        );
        diff_cost(&self.cost, cost, &mut out);
        out
    }
}

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

    /// The rules that concern one assignment on its own.
    fn check_assignment(&mut self, r: &Resolved<'a>) {
        let s = self.s;
        let w = Some(&r.worker.id);
        let d = Some(r.date);
        if r.day.is_none() {
            self.push(
                Rule::OutsideHorizon,
                w,
                d,
                format!(
                    "{} is outside the horizon {} to {}",
                    r.date, s.horizon.start, s.horizon.end
                ),
            );
        }
        if !r.shift.days.contains(&r.date.weekday()) {
            self.push(
                Rule::ShiftNotRunning,
                w,
                d,
                format!(
                    "shift \"{}\" does not run on {}",
                    r.shift.id,
                    r.date.weekday()
                ),
            );
        }
        // Stated times against the template on that date.
        let exp_start = r.date.and_time(r.shift.start);
        let end_date = if r.shift.end <= r.shift.start {
            r.date.succ_opt()
        } else {
            Some(r.date)
        };
        let exp_end = end_date.map(|e| e.and_time(r.shift.end));
        let exp_hours = r.hours;
        let st = r.stated;
        if st.start != exp_start
            || Some(st.end) != exp_end
            || (st.paid_hours - exp_hours).abs() > TOL
            || st.paid_hours.is_nan()
        {
            let exp_end_text = exp_end.map_or_else(|| "?".to_owned(), |e| e.to_string());
            self.push(
                Rule::ShiftTimesWrong,
                w,
                d,
                format!(
                    "shift \"{}\" on {} runs {} to {} with {} paid hours; the roster says {} to {} with {}",
                    r.shift.id,
                    r.date,
                    exp_start,
                    exp_end_text,
                    fmt_h(exp_hours),
                    st.start,
                    st.end,
                    st.paid_hours
                ),
            );
        }
        // Caregiving: walk the shift minute by minute.
        let first = minute_of(r.shift.start);
        let last = first + r.shift.duration_minutes();
        'walk: for m in first..last {
            for window in &r.worker.unavailable {
                if window_covers(&s.calendar, window, r.date, m) {
                    self.push(
                        Rule::CaregivingWindow,
                        w,
                        d,
                        format!(
                            "shift \"{}\" on {} is inside the worker's {} at {}",
                            r.shift.id,
                            r.date,
                            window_name(window),
                            clock(r.date, m)
                        ),
                    );
                    break 'walk;
                }
            }
        }
        if r.worker.efficiency(&r.station.skill).is_none() {
            self.push(
                Rule::MissingSkill,
                w,
                d,
                format!(
                    "station \"{}\" needs skill \"{}\"",
                    r.station.id, r.station.skill
                ),
            );
        }
        if !r.worker.lines.is_empty() && !r.worker.lines.contains(r.line) {
            self.push(
                Rule::LineNotAllowed,
                w,
                d,
                format!("the worker may not work on line \"{}\"", r.line),
            );
        }
        if !r.line_shifts.contains(&r.shift.id) {
            self.push(
                Rule::LineDoesNotRunShift,
                w,
                d,
                format!("line \"{}\" does not run shift \"{}\"", r.line, r.shift.id),
            );
        }
    }

    /// One assignment per worker per date; daily hours and daily overtime
    /// on the worker's total for the date.
    fn check_double_booking_and_daily(&mut self, resolved: &[Resolved<'a>]) {
        let rules = &self.s.rules;
        let mut per_day: BTreeMap<(usize, NaiveDate), (usize, f64)> = BTreeMap::new();
        for r in resolved {
            let e = per_day.entry((r.worker_ix, r.date)).or_insert((0, 0.0));
            e.0 += 1;
            e.1 += r.hours;
        }
        for (&(wi, date), &(count, hours)) in &per_day {
            let worker = &self.s.workers[wi];
            let id = Some(&worker.id);
            if count > 1 {
                self.push(
                    Rule::DoubleBooking,
                    id,
                    Some(date),
                    format!("{count} assignments on {date}; at most one per date"),
                );
            }
            let cap = worker
                .max_hours_per_day
                .map_or(rules.max_hours_per_day, |m| m.min(rules.max_hours_per_day));
            if hours > cap + TOL {
                self.push(
                    Rule::DailyHours,
                    id,
                    Some(date),
                    format!(
                        "{} paid hours on {date}; at most {}",
                        fmt_h(hours),
                        fmt_h(cap)
                    ),
                );
            }
            let ot = (hours - rules.standard_hours_per_day).max(0.0);
            if ot > rules.max_overtime_hours_per_day + TOL {
                self.push(
                    Rule::DailyOvertime,
                    id,
                    Some(date),
                    format!(
                        "{} overtime hours on {date}; at most {}",
                        fmt_h(ot),
                        fmt_h(rules.max_overtime_hours_per_day)
                    ),
                );
            }
        }
    }

    /// Rest between the end of a shift and the start of the worker's next
    /// shift on a later date.
    fn check_min_rest(&mut self, resolved: &[Resolved<'a>]) {
        let min_rest = self.s.rules.min_rest_hours;
        for wi in 0..self.s.workers.len() {
            let mut mine: Vec<&Resolved<'a>> =
                resolved.iter().filter(|r| r.worker_ix == wi).collect();
            mine.sort_by_key(|r| (r.date, r.start));
            for (i, a) in mine.iter().enumerate() {
                for b in &mine[i + 1..] {
                    if b.date <= a.date {
                        continue;
                    }
                    let rest = (b.start - a.end) as f64 / 60.0;
                    if rest < min_rest - TOL {
                        self.push(
                            Rule::MinRest,
                            Some(&a.worker.id),
                            Some(b.date),
                            format!(
                                "{} hours between shift \"{}\" on {} and shift \"{}\" on {}; at least {}",
                                fmt_h(rest),
                                a.shift.id,
                                a.date,
                                b.shift.id,
                                b.date,
                                fmt_h(min_rest)
                            ),
                        );
                    }
                }
            }
        }
    }

    /// At each assignment's start instant, the people at its station.
    fn check_workplaces(&mut self, resolved: &[Resolved<'a>]) {
        let mut by_station: BTreeMap<(usize, usize), Vec<&Resolved<'a>>> = BTreeMap::new();
        for r in resolved {
            by_station.entry((r.line_ix, r.pos)).or_default().push(r);
        }
        for group in by_station.values() {
            let mut starts: Vec<(i64, NaiveDate)> =
                group.iter().map(|r| (r.start, r.date)).collect();
            starts.sort_unstable();
            starts.dedup_by_key(|x| x.0);
            let station = group[0].station;
            for (instant, date) in starts {
                let present: Vec<&str> = group
                    .iter()
                    .filter(|r| r.start <= instant && instant < r.end)
                    .map(|r| r.worker.id.as_str())
                    .collect();
                if present.len() as u64 > u64::from(station.workplaces) {
                    let base = self.s.horizon.start;
                    self.push(
                        Rule::Workplaces,
                        None,
                        Some(date),
                        format!(
                            "{} people at station \"{}\" at {} ({}); it has {} workplaces",
                            present.len(),
                            station.id,
                            clock(base, instant),
                            present.join(", "),
                            station.workplaces
                        ),
                    );
                }
            }
        }
    }

    /// Paid hours and number of assignments per worker per horizon date
    /// (assignments inside the horizon only).
    fn grid(&self, resolved: &[Resolved<'a>]) -> Grid {
        let n = self.dates.len();
        let mut grid = Grid {
            hours: vec![vec![0.0; n]; self.s.workers.len()],
            shifts: vec![vec![0; n]; self.s.workers.len()],
        };
        for r in resolved {
            if let Some(day) = r.day {
                grid.hours[r.worker_ix][day] += r.hours;
                grid.shifts[r.worker_ix][day] += 1;
            }
        }
        grid
    }

    /// Weekly overtime hours of one worker in one block: the workday
    /// normal-rate hours beyond the weekly standard.
    fn weekly_overtime(&self, hours: &[f64], (a, b): (usize, usize)) -> f64 {
        let rules = &self.s.rules;
        let mut normal = 0.0;
        for (&h, &date) in hours[a..b].iter().zip(&self.dates[a..b]) {
            if pay_kind(&self.s.calendar, date) == Pay::Workday {
                normal += h - (h - rules.standard_hours_per_day).max(0.0);
            }
        }
        (normal - rules.standard_hours_per_week).max(0.0)
    }

    /// Weekly hours, overtime cap, consecutive days, days off.
    fn check_weekly_rules(&mut self, grid: &Grid) {
        let s = self.s;
        let rules = &s.rules;
        let blocks = self.blocks();
        let n = self.dates.len();
        let ot_cap = rules.max_overtime_hours_per_month * n as f64 / 30.0;
        for (wi, worker) in s.workers.iter().enumerate() {
            let id = Some(&worker.id);
            let hours = &grid.hours[wi];
            let worked: Vec<bool> = grid.shifts[wi].iter().map(|&c| c > 0).collect();
            let week_cap = worker
                .max_hours_per_week
                .map_or(rules.max_hours_per_week, |m| {
                    m.min(rules.max_hours_per_week)
                });
            let mut overtime = 0.0;
            for &day_hours in hours {
                overtime += (day_hours - rules.standard_hours_per_day).max(0.0);
            }
            for &(a, b) in &blocks {
                let first = self.dates[a];
                let last = self.dates[b - 1];
                let paid: f64 = hours[a..b].iter().sum();
                if paid > week_cap + TOL {
                    self.push(
                        Rule::WeeklyHours,
                        id,
                        Some(first),
                        format!(
                            "{} paid hours from {first} to {last}; at most {}",
                            fmt_h(paid),
                            fmt_h(week_cap)
                        ),
                    );
                }
                overtime += self.weekly_overtime(hours, (a, b));
                let days_worked = worked[a..b].iter().filter(|&&x| x).count();
                let len = b - a;
                // A short block may take its days off outside the horizon.
                let allowed = len.min(7usize.saturating_sub(rules.min_days_off_per_week as usize));
                if days_worked > allowed {
                    self.push(
                        Rule::DaysOff,
                        id,
                        Some(first),
                        format!(
                            "{days_worked} days worked from {first} to {last}; at most {allowed} \
                             (at least {} days off)",
                            rules.min_days_off_per_week
                        ),
                    );
                }
            }
            if overtime > ot_cap + TOL {
                self.push(
                    Rule::OvertimeCap,
                    id,
                    None,
                    format!(
                        "{} overtime hours (daily and weekly) over the horizon; at most {} \
                         ({} a month, pro-rated to {n} days)",
                        fmt_h(overtime),
                        fmt_h(ot_cap),
                        fmt_h(rules.max_overtime_hours_per_month)
                    ),
                );
            }
        }
    }

    /// The flow on the clock per line, then the targets (DESIGN.md,
    /// "Production"). Written independently of `crate::clock`: the cuts are
    /// gathered in a sorted set, every assignment is spread over them by
    /// overlapping minutes, and the line is walked cut by cut.
    /// `home_back[line][day]`: home units coming back after the line's first
    /// station, at 00:00 of their date.
    fn throughput(&self, resolved: &[Resolved<'a>], home_back: &[Vec<f64>]) -> Throughput {
        let s = self.s;
        let n = self.dates.len();
        let day_len: i64 = 24 * 60;
        let horizon_end = (n as i64 + 1) * day_len;
        // Every midnight, and every template's start and end on every date.
        let mut cuts = std::collections::BTreeSet::new();
        for d in 0..=n as i64 {
            cuts.insert(d * day_len);
            for sh in &s.shifts {
                let st = d * day_len + minute_of(sh.start);
                let mut en = d * day_len + minute_of(sh.end);
                if en <= st {
                    en += day_len;
                }
                for m in [st, en] {
                    if m < horizon_end {
                        cuts.insert(m);
                    }
                }
            }
        }
        cuts.insert(horizon_end);
        let cuts: Vec<i64> = cuts.into_iter().collect();
        let slots = cuts.len() - 1;
        let slot_of: HashMap<i64, usize> = cuts.iter().enumerate().map(|(i, &m)| (m, i)).collect();
        let midnight = self
            .dates
            .first()
            .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default());
        let instant = |m: i64| {
            midnight
                .and_then(|t| t.checked_add_signed(Duration::minutes(m)))
                .unwrap_or_default()
        };
        let mut stations = Vec::new();
        let mut intervals = Vec::new();
        let mut lines = Vec::new();
        // credited[target], filled line by line.
        let mut credited = vec![0.0f64; s.targets.len()];
        for (li, line) in s.lines.iter().enumerate() {
            let k = line.stations.len();
            let mut workers = vec![vec![0u32; n]; k];
            let mut staffed = vec![vec![0.0f64; n]; k];
            let mut capacity = vec![vec![0.0f64; slots]; k];
            for r in resolved.iter().filter(|r| r.line_ix == li) {
                let Some(day) = r.day else { continue };
                workers[r.pos][day] += 1;
                staffed[r.pos][day] += r.hours;
                let eff = r.worker.efficiency(&r.station.skill).unwrap_or(0.0);
                let mpu = r.station.minutes_per_unit;
                if !(mpu > 0.0 && mpu.is_finite()) || r.end <= r.start {
                    continue;
                }
                let units = r.hours * 60.0 * eff / mpu;
                let length = (r.end - r.start) as f64;
                // Walk the cuts the shift spans.
                let Some(mut i) = slot_of.get(&r.start).copied() else {
                    continue;
                };
                while i < slots && cuts[i] < r.end {
                    let overlap = (cuts[i + 1].min(r.end) - cuts[i]) as f64;
                    capacity[r.pos][i] += units * overlap / length;
                    i += 1;
                }
            }
            let mut produced = vec![vec![0.0f64; slots]; k];
            let mut stock_at = vec![vec![0.0f64; slots]; k];
            let mut stock: Vec<f64> = line
                .stations
                .iter()
                .enumerate()
                .map(|(i, st)| if i == 0 { 0.0 } else { st.initial_stock })
                .collect();
            for slot in 0..slots {
                let at_midnight = cuts[slot] % day_len == 0;
                let day = (cuts[slot] / day_len) as usize;
                for i in 0..k {
                    if i == 0 {
                        produced[0][slot] = capacity[0][slot];
                    } else {
                        // Home units of the first station arrive at 00:00.
                        let home = if i == 1 && at_midnight && day < n {
                            home_back[li][day]
                        } else {
                            0.0
                        };
                        let available = stock[i] + produced[i - 1][slot] + home;
                        let p = capacity[i][slot].min(available).max(0.0);
                        produced[i][slot] = p;
                        stock[i] = available - p;
                    }
                }
                // A full buffer blocks the station before it: from the last
                // station upstream, take back what would overfill a buffer.
                for i in (1..k).rev() {
                    let Some(cap) = line.stations[i].buffer_capacity else {
                        continue;
                    };
                    let over = (stock[i] - cap).min(produced[i - 1][slot]);
                    if over > 0.0 {
                        produced[i - 1][slot] -= over;
                        stock[i] -= over;
                        if i > 1 {
                            stock[i - 1] += over;
                        }
                    }
                }
                for i in 0..k {
                    stock_at[i][slot] = stock[i];
                }
            }
            // Per calendar date.
            let mut cap_day = vec![vec![0.0f64; n]; k];
            let mut made_day = vec![vec![0.0f64; n]; k];
            let mut stock_day = vec![vec![0.0f64; n]; k];
            for slot in 0..slots {
                let day = (cuts[slot] / day_len) as usize;
                for i in 0..k {
                    if day < n {
                        cap_day[i][day] += capacity[i][slot];
                        made_day[i][day] += produced[i][slot];
                        stock_day[i][day] = stock_at[i][slot];
                    }
                }
            }
            let finished: Vec<f64> = (0..n)
                .map(|day| match k {
                    0 => 0.0,
                    1 => made_day[0][day] + home_back[li][day],
                    _ => made_day[k - 1][day],
                })
                .collect();
            let delivered_on = self.deliver(&line.id, &finished, &mut credited);

            let mut finished_so_far = 0.0;
            let mut delivered_so_far = 0.0;
            for (day, &date) in self.dates.iter().enumerate() {
                finished_so_far += finished[day];
                delivered_so_far += delivered_on[day];
                let bottleneck = (0..k)
                    .rev()
                    .find(|&i| i == 0 || made_day[i][day] >= cap_day[i][day] - TOL)
                    .filter(|_| (0..k).any(|i| cap_day[i][day] > 0.0))
                    .map(|i| line.stations[i].id.clone());
                let wanted: Vec<f64> = s
                    .targets
                    .iter()
                    .filter(|t| t.line == line.id && t.date == date && t.kind != TargetKind::ByDate)
                    .map(|t| t.units)
                    .collect();
                lines.push(LineDay {
                    line: line.id.clone(),
                    date,
                    finished_units: finished[day],
                    bottleneck,
                    target_units: if wanted.is_empty() {
                        None
                    } else {
                        Some(wanted.iter().sum())
                    },
                    delivered_units: delivered_on[day],
                    finished_stock_end: finished_so_far - delivered_so_far,
                });
            }
            for (i, st) in line.stations.iter().enumerate() {
                for day in 0..n {
                    let cap = cap_day[i][day];
                    let p = made_day[i][day];
                    stations.push(StationDay {
                        line: line.id.clone(),
                        station: st.id.clone(),
                        date: self.dates[day],
                        workers: workers[i][day],
                        staffed_hours: staffed[i][day],
                        capacity_units: cap,
                        produced_units: p,
                        stock_end: stock_day[i][day],
                        utilisation: if cap > 0.0 { p / cap } else { 0.0 },
                    });
                }
                for slot in 0..slots {
                    if capacity[i][slot] > 0.0 {
                        intervals.push(StationInterval {
                            line: line.id.clone(),
                            station: st.id.clone(),
                            start: instant(cuts[slot]),
                            end: instant(cuts[slot + 1]),
                            capacity_units: capacity[i][slot],
                            produced_units: produced[i][slot],
                            stock_end: stock_at[i][slot],
                        });
                    }
                }
            }
        }
        let targets = s
            .targets
            .iter()
            .zip(&credited)
            .map(|(t, &got)| TargetResult {
                target: t.id.clone(),
                line: t.line.clone(),
                date: t.date,
                kind: t.kind,
                target_units: t.units,
                finished_units: got,
                shortfall_units: (t.units - got).max(0.0),
            })
            .collect();
        Throughput {
            stations,
            intervals,
            lines,
            targets,
        }
    }

    /// Credits the targets of one line given its finished units per date:
    /// `by_date` targets get the finished units up to their date; delivery
    /// targets (`on_date`, `made_on_date`) are served from finished goods,
    /// highest worth first (penalty + the line's holding cost × days from
    /// the target's date to the horizon's end; then date, then scenario
    /// order), each taking
    /// what it can without taking units a target already served needs; a
    /// `made_on_date` target only from the units finished on its own date.
    /// Returns the units delivered per date. Targets dated outside the
    /// horizon: `by_date` counts the horizon dates up to its date, the
    /// others get nothing.
    fn deliver(&self, line: &LineId, finished: &[f64], credited: &mut [f64]) -> Vec<f64> {
        let s = self.s;
        let n = self.dates.len();
        let mut queue: Vec<(f64, usize, usize)> = Vec::new(); // (penalty, day, target)
        for (ti, t) in s.targets.iter().enumerate() {
            if &t.line != line {
                continue;
            }
            match t.kind {
                TargetKind::ByDate => {
                    credited[ti] = finished
                        .iter()
                        .zip(&self.dates)
                        .filter(|(_, d)| **d <= t.date)
                        .map(|(f, _)| *f)
                        .sum();
                }
                TargetKind::OnDate | TargetKind::MadeOnDate => {
                    if let Some(day) = s.horizon.index_of(t.date).filter(|&d| d < n) {
                        // A unit delivered is a unit no longer held: its
                        // worth is the penalty plus the holding it saves
                        // from its date to the horizon's end.
                        let holding = s
                            .lines
                            .iter()
                            .find(|l| &l.id == line)
                            .and_then(|l| l.holding_cost_per_unit_day)
                            .unwrap_or(0.0);
                        let penalty = t
                            .shortfall_penalty
                            .unwrap_or(s.penalties.shortfall_per_unit);
                        queue.push((penalty + holding * (n - day) as f64, day, ti));
                    }
                }
            }
        }
        queue.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        let mut delivered_on = vec![0.0f64; n];
        let mut quota_on = vec![0.0f64; n];
        for (_, day, ti) in queue {
            // Finished goods still free at each date e >= day, and the least of them.
            let mut finished_to_e = 0.0;
            let mut delivered_to_e = 0.0;
            let mut room = f64::INFINITY;
            for e in 0..n {
                finished_to_e += finished[e];
                delivered_to_e += delivered_on[e];
                if e >= day {
                    room = room.min(finished_to_e - delivered_to_e);
                }
            }
            let quota = s.targets[ti].kind == TargetKind::MadeOnDate;
            if quota {
                room = room.min(finished[day] - quota_on[day]);
            }
            let take = s.targets[ti].units.min(room).max(0.0);
            credited[ti] = take;
            delivered_on[day] += take;
            if quota {
                quota_on[day] += take;
            }
        }
        delivered_on
    }

    /// Wages, premiums and penalties (DESIGN.md, "Pay" and "Objective").
    fn cost(&self, grid: &[Vec<f64>], throughput: &Throughput) -> CostBreakdown {
        let s = self.s;
        let rules = &s.rules;
        let mut c = CostBreakdown::default();
        let blocks = self.blocks();
        for (wi, worker) in s.workers.iter().enumerate() {
            let wage = worker.hourly_wage;
            let m = worker
                .overtime_multiplier
                .unwrap_or(rules.overtime_multiplier);
            let hours = &grid[wi];
            for (day, &h) in hours.iter().enumerate() {
                if h == 0.0 {
                    continue;
                }
                c.base_wages += wage * h;
                match pay_kind(&s.calendar, self.dates[day]) {
                    Pay::Workday => {
                        let ot = (h - rules.standard_hours_per_day).max(0.0);
                        c.overtime_premium += ot * wage * (m - 1.0);
                    }
                    Pay::RestDay => {
                        c.rest_day_premium += wage * h * (rules.rest_day_multiplier - 1.0)
                    }
                    Pay::Holiday => {
                        c.holiday_premium += wage * h * (rules.holiday_multiplier - 1.0)
                    }
                }
            }
            for &(a, b) in &blocks {
                let weekly = self.weekly_overtime(hours, (a, b));
                c.weekly_overtime_hours += weekly;
                c.overtime_premium += weekly * wage * (m - 1.0);
                let paid: f64 = hours[a..b].iter().sum();
                let owed = worker.min_hours_per_week * (b - a) as f64 / 7.0;
                c.contract_hours_missing += (owed - paid).max(0.0);
            }
        }
        c.wages_total = c.base_wages + c.overtime_premium + c.rest_day_premium + c.holiday_premium;
        for (t, result) in s.targets.iter().zip(&throughput.targets) {
            let penalty = t
                .shortfall_penalty
                .unwrap_or(s.penalties.shortfall_per_unit);
            c.shortfall_units += result.shortfall_units;
            c.shortfall_penalty += result.shortfall_units * penalty;
        }
        c.contract_penalty = c.contract_hours_missing * s.penalties.contract_hour;
        // Holding: stock at 24:00 of every date.
        for line in &s.lines {
            let h = line.holding_cost_per_unit_day.unwrap_or(0.0);
            if h > 0.0 {
                for l in throughput.lines.iter().filter(|l| l.line == line.id) {
                    c.holding_cost += h * l.finished_stock_end;
                }
            }
            for st in line.stations.iter().skip(1) {
                let h = st.holding_cost_per_unit_day.unwrap_or(0.0);
                if h > 0.0 {
                    for sd in throughput.stations.iter().filter(|x| x.station == st.id) {
                        c.holding_cost += h * sd.stock_end;
                    }
                }
            }
        }
        c.objective = c.wages_total + c.shortfall_penalty + c.contract_penalty + c.holding_cost;
        c
    }

    /// `max_finished_stock`: at 24:00 of every date, the units a line has
    /// finished so far less the units of its delivery targets due so far.
    fn check_finished_stock(&mut self, throughput: &Throughput) {
        let s = self.s;
        for line in &s.lines {
            let Some(cap) = line.max_finished_stock else {
                continue;
            };
            let mut ahead = 0.0;
            for l in throughput.lines.iter().filter(|l| l.line == line.id) {
                ahead += l.finished_units;
                ahead -= s
                    .targets
                    .iter()
                    .filter(|t| {
                        t.line == line.id && t.date == l.date && t.kind != TargetKind::ByDate
                    })
                    .map(|t| t.units)
                    .sum::<f64>();
                if ahead > cap + TOL * cap.max(1.0) {
                    self.push(
                        Rule::FinishedStock,
                        None,
                        Some(l.date),
                        format!(
                            "line `{}` has finished {} units ahead of its deliveries due by 24:00, more than its max_finished_stock of {}",
                            line.id,
                            fmt_h(ahead),
                            fmt_h(cap)
                        ),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Comparison.

fn close(a: f64, b: f64) -> bool {
    if a == b || (a.is_nan() && b.is_nan()) {
        return true;
    }
    (a - b).abs() <= 1e-6 * 1f64.max(a.abs()).max(b.abs())
}

fn num(out: &mut Vec<String>, what: &str, field: &str, mine: f64, theirs: f64) {
    if !close(mine, theirs) {
        out.push(format!(
            "{what}: {field} is {theirs}, the checker has {mine}"
        ));
    }
}

fn same<T: PartialEq + fmt::Debug>(
    out: &mut Vec<String>,
    what: &str,
    field: &str,
    mine: &T,
    theirs: &T,
) {
    if mine != theirs {
        out.push(format!(
            "{what}: {field} is {theirs:?}, the checker has {mine:?}"
        ));
    }
}

/// Matches rows by key (the n-th row with a key matches the n-th row with
/// the same key), compares matched rows, reports missing and extra rows and
/// a different order.
fn diff_rows<T, K: Eq + Hash + Clone>(
    kind: &str,
    mine: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
    label: impl Fn(&K) -> String,
    compare: impl Fn(&str, &T, &T, &mut Vec<String>),
    out: &mut Vec<String>,
) {
    let keyed = |rows: &[T]| -> Vec<(K, usize)> {
        let mut seen: HashMap<K, usize> = HashMap::new();
        rows.iter()
            .map(|r| {
                let k = key(r);
                let n = seen.entry(k.clone()).or_insert(0);
                *n += 1;
                (k, *n)
            })
            .collect()
    };
    let my_keys = keyed(mine);
    let their_keys = keyed(theirs);
    let index: HashMap<&(K, usize), usize> =
        their_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let mut used = vec![false; theirs.len()];
    let mut order = Vec::new();
    for (i, k) in my_keys.iter().enumerate() {
        let what = format!("{kind} {}", label(&k.0));
        match index.get(k) {
            Some(&j) => {
                used[j] = true;
                order.push(j);
                compare(&what, &mine[i], &theirs[j], out);
            }
            None => out.push(format!("{what}: missing from the other computation")),
        }
    }
    for (j, k) in their_keys.iter().enumerate() {
        if !used[j] {
            out.push(format!(
                "{kind} {}: not in the checker's computation",
                label(&k.0)
            ));
        }
    }
    if order.windows(2).any(|w| w[0] > w[1]) {
        out.push(format!("{kind} rows are in a different order"));
    }
}

fn diff_station_day(what: &str, a: &StationDay, b: &StationDay, out: &mut Vec<String>) {
    same(out, what, "workers", &a.workers, &b.workers);
    num(out, what, "staffed_hours", a.staffed_hours, b.staffed_hours);
    num(
        out,
        what,
        "capacity_units",
        a.capacity_units,
        b.capacity_units,
    );
    num(
        out,
        what,
        "produced_units",
        a.produced_units,
        b.produced_units,
    );
    num(out, what, "stock_end", a.stock_end, b.stock_end);
    num(out, what, "utilisation", a.utilisation, b.utilisation);
}

fn diff_interval(what: &str, a: &StationInterval, b: &StationInterval, out: &mut Vec<String>) {
    same(out, what, "end", &a.end, &b.end);
    num(
        out,
        what,
        "capacity_units",
        a.capacity_units,
        b.capacity_units,
    );
    num(
        out,
        what,
        "produced_units",
        a.produced_units,
        b.produced_units,
    );
    num(out, what, "stock_end", a.stock_end, b.stock_end);
}

fn diff_line_day(what: &str, a: &LineDay, b: &LineDay, out: &mut Vec<String>) {
    num(
        out,
        what,
        "finished_units",
        a.finished_units,
        b.finished_units,
    );
    same::<Option<StationId>>(out, what, "bottleneck", &a.bottleneck, &b.bottleneck);
    num(
        out,
        what,
        "delivered_units",
        a.delivered_units,
        b.delivered_units,
    );
    num(
        out,
        what,
        "finished_stock_end",
        a.finished_stock_end,
        b.finished_stock_end,
    );
    match (a.target_units, b.target_units) {
        (Some(x), Some(y)) => num(out, what, "target_units", x, y),
        (None, None) => {}
        (x, y) => same(out, what, "target_units", &x, &y),
    }
}

fn diff_target(what: &str, a: &TargetResult, b: &TargetResult, out: &mut Vec<String>) {
    same(out, what, "line", &a.line, &b.line);
    same(out, what, "date", &a.date, &b.date);
    same(out, what, "kind", &a.kind, &b.kind);
    num(out, what, "target_units", a.target_units, b.target_units);
    num(
        out,
        what,
        "finished_units",
        a.finished_units,
        b.finished_units,
    );
    num(
        out,
        what,
        "shortfall_units",
        a.shortfall_units,
        b.shortfall_units,
    );
}

fn diff_cost(a: &CostBreakdown, b: &CostBreakdown, out: &mut Vec<String>) {
    let w = "cost";
    num(out, w, "base_wages", a.base_wages, b.base_wages);
    num(out, w, "home_wages", a.home_wages, b.home_wages);
    num(out, w, "holding_cost", a.holding_cost, b.holding_cost);
    num(
        out,
        w,
        "overtime_premium",
        a.overtime_premium,
        b.overtime_premium,
    );
    num(
        out,
        w,
        "rest_day_premium",
        a.rest_day_premium,
        b.rest_day_premium,
    );
    num(
        out,
        w,
        "holiday_premium",
        a.holiday_premium,
        b.holiday_premium,
    );
    num(out, w, "wages_total", a.wages_total, b.wages_total);
    num(
        out,
        w,
        "weekly_overtime_hours",
        a.weekly_overtime_hours,
        b.weekly_overtime_hours,
    );
    num(
        out,
        w,
        "shortfall_units",
        a.shortfall_units,
        b.shortfall_units,
    );
    num(
        out,
        w,
        "shortfall_penalty",
        a.shortfall_penalty,
        b.shortfall_penalty,
    );
    num(
        out,
        w,
        "contract_hours_missing",
        a.contract_hours_missing,
        b.contract_hours_missing,
    );
    num(
        out,
        w,
        "contract_penalty",
        a.contract_penalty,
        b.contract_penalty,
    );
    num(out, w, "cover_short", a.cover_short, b.cover_short);
    num(
        out,
        w,
        "cover_short_penalty",
        a.cover_short_penalty,
        b.cover_short_penalty,
    );
    num(out, w, "cover_excess", a.cover_excess, b.cover_excess);
    num(
        out,
        w,
        "cover_excess_penalty",
        a.cover_excess_penalty,
        b.cover_excess_penalty,
    );
    num(
        out,
        w,
        "requests_broken",
        f64::from(a.requests_broken),
        f64::from(b.requests_broken),
    );
    num(
        out,
        w,
        "request_penalty",
        a.request_penalty,
        b.request_penalty,
    );
    num(out, w, "objective", a.objective, b.objective);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Assignment;
    use serde_json::{json, Value};

    fn base() -> Value {
        json!({
            "horizon": { "start": "2026-03-02", "end": "2026-03-08" },
            "shifts": [
                { "id": "day", "start": "08:00", "end": "16:30", "break_minutes": 30 },
                { "id": "long", "start": "07:00", "end": "17:00", "break_minutes": 60 },
                { "id": "night", "start": "22:00", "end": "06:00" },
                { "id": "weekday", "start": "08:00", "end": "16:30", "break_minutes": 30,
                  "days": ["Mon", "Tue", "Wed", "Thu", "Fri"] }
            ],
            "lines": [
                { "id": "L", "shifts": ["day", "long", "night", "weekday"], "stations": [
                    { "id": "a", "skill": "s1", "minutes_per_unit": 10.0, "workplaces": 1 },
                    { "id": "b", "skill": "s2", "minutes_per_unit": 20.0, "workplaces": 2,
                      "initial_stock": 5.0 } ] },
                { "id": "M", "shifts": ["day"], "stations": [
                    { "id": "c", "skill": "s1", "minutes_per_unit": 10.0, "workplaces": 1 } ] }
            ],
            "workers": [
                { "id": "ana", "skills": [ { "skill": "s1" } ], "hourly_wage": 10.0 },
                { "id": "bo", "skills": [ { "skill": "s2" } ], "hourly_wage": 10.0 },
                { "id": "cy", "skills": [ { "skill": "s1", "efficiency": 0.25 } ], "hourly_wage": 10.0 }
            ]
        })
    }

    fn scenario(edit: impl FnOnce(&mut Value)) -> Scenario {
        let mut v = base();
        edit(&mut v);
        serde_json::from_value(v).expect("test scenario parses")
    }

    fn worker_mut<'v>(v: &'v mut Value, id: &str) -> &'v mut Value {
        v["workers"]
            .as_array_mut()
            .expect("workers")
            .iter_mut()
            .find(|w| w["id"] == id)
            .expect("worker")
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    /// A correctly timed assignment (times computed here, by hand rules).
    fn asg(s: &Scenario, worker: &str, on: &str, shift: &str, station: &str) -> Assignment {
        let d = date(on);
        let line = s
            .lines
            .iter()
            .find(|l| l.stations.iter().any(|st| st.id.as_str() == station))
            .map_or_else(|| LineId::from("L"), |l| l.id.clone());
        let t = s
            .shifts
            .iter()
            .find(|t| t.id.as_str() == shift)
            .cloned()
            .unwrap_or_else(|| ShiftTemplate::new(shift, "08:00", "16:30", 30).expect("template"));
        let start = d.and_time(t.start);
        let end_date = if t.end <= t.start {
            d.succ_opt().expect("date")
        } else {
            d
        };
        Assignment {
            worker: WorkerId::from(worker),
            date: d,
            shift: crate::model::ShiftId::from(shift),
            line,
            station: StationId::from(station),
            start,
            end: end_date.and_time(t.end),
            paid_hours: t.paid_minutes() as f64 / 60.0,
        }
    }

    fn roster(assignments: Vec<Assignment>) -> Roster {
        Roster {
            assignments,
            home_batches: Vec::new(),
        }
    }

    fn rules_of(report: &CheckReport) -> Vec<Rule> {
        report.violations.iter().map(|v| v.rule).collect()
    }

    fn count(report: &CheckReport, rule: Rule) -> usize {
        report.violations.iter().filter(|v| v.rule == rule).count()
    }

    fn assert_close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn accepts_a_valid_roster() {
        let s = scenario(|_| {});
        let r = roster(vec![
            asg(&s, "ana", "2026-03-02", "day", "a"),
            asg(&s, "ana", "2026-03-03", "night", "a"),
            asg(&s, "bo", "2026-03-02", "day", "b"),
            asg(&s, "cy", "2026-03-03", "day", "c"),
            asg(&s, "cy", "2026-03-04", "day", "c"),
        ]);
        let report = check(&s, &r);
        assert!(report.is_feasible(), "{:?}", report.violations);
    }

    #[test]
    fn flags_unknown_ids_and_ignores_them() {
        let s = scenario(|_| {});
        let mut wrong_line = asg(&s, "ana", "2026-03-02", "day", "c");
        wrong_line.line = LineId::from("L");
        let mut no_line = asg(&s, "ana", "2026-03-03", "day", "a");
        no_line.line = LineId::from("Z");
        let r = roster(vec![
            asg(&s, "zed", "2026-03-02", "day", "a"),
            asg(&s, "ana", "2026-03-02", "zzz", "a"),
            asg(&s, "ana", "2026-03-02", "day", "nowhere"),
            wrong_line,
            no_line,
        ]);
        let report = check(&s, &r);
        assert_eq!(rules_of(&report), vec![Rule::UnknownEntity; 5]);
        assert!(report.violations[0].worker.is_none());
        assert!(report.violations[3].detail.contains("is on line \"M\""));
        assert_eq!(report.cost.base_wages, 0.0);
        assert!(report.throughput.stations.iter().all(|sd| sd.workers == 0));
    }

    #[test]
    fn flags_date_outside_horizon() {
        let s = scenario(|_| {});
        let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-09", "day", "a")]));
        assert_eq!(rules_of(&report), vec![Rule::OutsideHorizon]);
        assert_eq!(report.cost.base_wages, 0.0);
    }

    #[test]
    fn flags_shift_not_running_on_weekday() {
        let s = scenario(|_| {});
        let ok = check(
            &s,
            &roster(vec![asg(&s, "ana", "2026-03-06", "weekday", "a")]),
        );
        assert!(ok.is_feasible());
        let report = check(
            &s,
            &roster(vec![asg(&s, "ana", "2026-03-07", "weekday", "a")]),
        );
        assert_eq!(rules_of(&report), vec![Rule::ShiftNotRunning]);
    }

    #[test]
    fn flags_wrong_shift_times() {
        let s = scenario(|_| {});
        let night = asg(&s, "ana", "2026-03-06", "night", "a");
        assert_eq!(night.end.date(), date("2026-03-07"));
        assert!(check(&s, &roster(vec![night.clone()])).is_feasible());

        let mut same_day_end = night.clone();
        same_day_end.end = date("2026-03-06").and_time(same_day_end.end.time());
        let mut late_start = asg(&s, "ana", "2026-03-03", "day", "a");
        late_start.start += Duration::minutes(5);
        let mut paid = asg(&s, "ana", "2026-03-04", "day", "a");
        paid.paid_hours = 8.5;
        let mut nan = asg(&s, "ana", "2026-03-05", "day", "a");
        nan.paid_hours = f64::NAN;
        let report = check(&s, &roster(vec![same_day_end, late_start, paid, nan]));
        assert_eq!(rules_of(&report), vec![Rule::ShiftTimesWrong; 4]);
        // The template's hours are used, not the stated ones.
        assert_close(report.cost.base_wages, 4.0 * 8.0 * 10.0);
    }

    #[test]
    fn flags_shift_inside_school_run_window() {
        let s = scenario(|v| {
            worker_mut(v, "ana")["unavailable"] = json!([{
                "kind": "weekly", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
                "from": "07:30", "to": "08:30", "applies": "school_days", "reason": "school run"
            }]);
            v["calendar"] = json!({
                "public_holidays": ["2026-03-04"],
                "school_holidays": [ { "from": "2026-03-03", "to": "2026-03-03" } ]
            });
        });
        let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "day", "a")]));
        assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
        assert!(report.violations[0].detail.contains("school run"));
        assert!(report.violations[0].detail.contains("08:00"));
        // School holiday, public holiday, weekend: no school run.
        for free in ["2026-03-03", "2026-03-04", "2026-03-07"] {
            let r = check(&s, &roster(vec![asg(&s, "ana", free, "day", "a")]));
            assert!(r.is_feasible(), "{free}: {:?}", r.violations);
        }
    }

    #[test]
    fn flags_non_school_day_window_only_off_school_days() {
        let s = scenario(|v| {
            worker_mut(v, "ana")["unavailable"] = json!([{
                "kind": "weekly", "from": "09:00", "to": "12:00", "applies": "non_school_days"
            }]);
        });
        assert!(check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "day", "a")])).is_feasible());
        let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-07", "day", "a")]));
        assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
    }

    #[test]
    fn flags_overnight_window_from_previous_day() {
        // Sunday 20:00 -> Monday 08:30; the Sunday is the day before the horizon.
        let s = scenario(|v| {
            worker_mut(v, "ana")["unavailable"] = json!([{
                "kind": "weekly", "days": ["Sun"], "from": "20:00", "to": "08:30", "overnight": true
            }]);
        });
        let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "day", "a")]));
        assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
        assert!(check(&s, &roster(vec![asg(&s, "ana", "2026-03-03", "day", "a")])).is_feasible());
        // Sunday night shift inside the horizon overlaps Sunday's window.
        let report = check(
            &s,
            &roster(vec![asg(&s, "ana", "2026-03-08", "night", "a")]),
        );
        assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
    }

    #[test]
    fn accepts_window_ending_when_shift_starts() {
        let s = scenario(|v| {
            worker_mut(v, "ana")["unavailable"] = json!([
                { "kind": "weekly", "from": "06:00", "to": "08:00" },
                { "kind": "weekly", "from": "16:30", "to": "00:00", "overnight": true }
            ]);
        });
        assert!(check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "day", "a")])).is_feasible());
        // A window until midnight blocks the night shift.
        let report = check(
            &s,
            &roster(vec![asg(&s, "ana", "2026-03-02", "night", "a")]),
        );
        assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
    }

    #[test]
    fn flags_night_shift_running_into_next_days_window() {
        let s = scenario(|v| {
            worker_mut(v, "ana")["unavailable"] = json!([{
                "kind": "weekly", "days": ["Tue"], "from": "05:00", "to": "07:00"
            }]);
        });
        let report = check(
            &s,
            &roster(vec![asg(&s, "ana", "2026-03-02", "night", "a")]),
        );
        assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
        assert!(report.violations[0].detail.contains("2026-03-03 05:00"));
        // The day after the horizon counts too.
        let s = scenario(|v| {
            worker_mut(v, "ana")["unavailable"] =
                json!([{ "kind": "absence", "date": "2026-03-09" }]);
        });
        let report = check(
            &s,
            &roster(vec![asg(&s, "ana", "2026-03-08", "night", "a")]),
        );
        assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
    }

    #[test]
    fn flags_leave_and_absence() {
        let s = scenario(|v| {
            worker_mut(v, "ana")["unavailable"] = json!([
                { "kind": "leave", "from": "2026-03-03", "to": "2026-03-04" },
                { "kind": "absence", "date": "2026-03-06" }
            ]);
        });
        let r = roster(vec![
            asg(&s, "ana", "2026-03-02", "day", "a"),
            asg(&s, "ana", "2026-03-04", "day", "a"),
            asg(&s, "ana", "2026-03-05", "night", "a"),
            asg(&s, "ana", "2026-03-07", "day", "a"),
        ]);
        let report = check(&s, &r);
        let dates: Vec<_> = report
            .violations
            .iter()
            .filter(|v| v.rule == Rule::CaregivingWindow)
            .map(|v| v.date)
            .collect();
        assert_eq!(
            dates,
            vec![Some(date("2026-03-04")), Some(date("2026-03-05"))]
        );
    }

    #[test]
    fn flags_missing_skill() {
        let s = scenario(|_| {});
        let report = check(&s, &roster(vec![asg(&s, "bo", "2026-03-02", "day", "a")]));
        assert_eq!(rules_of(&report), vec![Rule::MissingSkill]);
        // Without the skill the worker makes nothing.
        assert_eq!(report.throughput.stations[0].capacity_units, 0.0);
        assert_eq!(report.throughput.stations[0].workers, 1);
    }

    #[test]
    fn flags_line_not_allowed() {
        let s = scenario(|v| worker_mut(v, "ana")["lines"] = json!(["M"]));
        assert!(check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "day", "c")])).is_feasible());
        let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "day", "a")]));
        assert_eq!(rules_of(&report), vec![Rule::LineNotAllowed]);
    }

    #[test]
    fn flags_line_that_does_not_run_shift() {
        let s = scenario(|_| {});
        let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "long", "c")]));
        assert_eq!(rules_of(&report), vec![Rule::LineDoesNotRunShift]);
    }

    #[test]
    fn flags_double_booking() {
        let s = scenario(|_| {});
        let report = check(
            &s,
            &roster(vec![
                asg(&s, "ana", "2026-03-02", "day", "a"),
                asg(&s, "ana", "2026-03-02", "night", "c"),
            ]),
        );
        assert_eq!(count(&report, Rule::DoubleBooking), 1);
        // 16 hours on one date also break the daily caps.
        assert_eq!(count(&report, Rule::DailyHours), 1);
        assert_eq!(count(&report, Rule::DailyOvertime), 1);
    }

    #[test]
    fn flags_daily_hours_over_personal_cap() {
        let s = scenario(|v| worker_mut(v, "ana")["max_hours_per_day"] = json!(8.5));
        assert!(check(&s, &roster(vec![asg(&s, "cy", "2026-03-02", "long", "a")])).is_feasible());
        let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "long", "a")]));
        assert_eq!(rules_of(&report), vec![Rule::DailyHours]);
    }

    #[test]
    fn flags_daily_overtime() {
        let s = scenario(|v| v["rules"] = json!({ "max_overtime_hours_per_day": 0.5 }));
        let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-07", "long", "a")]));
        assert_eq!(rules_of(&report), vec![Rule::DailyOvertime]);
    }

    #[test]
    fn flags_weekly_hours_over_personal_cap() {
        let s = scenario(|v| worker_mut(v, "ana")["max_hours_per_week"] = json!(20.0));
        let two = vec![
            asg(&s, "ana", "2026-03-02", "day", "a"),
            asg(&s, "ana", "2026-03-03", "day", "a"),
        ];
        assert!(check(&s, &roster(two.clone())).is_feasible());
        let mut three = two;
        three.push(asg(&s, "ana", "2026-03-04", "day", "a"));
        let report = check(&s, &roster(three));
        assert_eq!(rules_of(&report), vec![Rule::WeeklyHours]);
        assert_eq!(report.violations[0].date, Some(date("2026-03-02")));
    }

    #[test]
    fn flags_overtime_cap_counting_rest_days_and_weekly_overtime() {
        // Cap 10 × 7 / 30 = 2.33 hours.
        let s = scenario(|v| v["rules"] = json!({ "max_overtime_hours_per_month": 10.0 }));
        let two = vec![
            asg(&s, "ana", "2026-03-02", "long", "a"),
            asg(&s, "ana", "2026-03-03", "long", "a"),
        ];
        assert!(check(&s, &roster(two.clone())).is_feasible());
        let mut three = two;
        three.push(asg(&s, "ana", "2026-03-07", "long", "a")); // Saturday
        let report = check(&s, &roster(three));
        assert_eq!(rules_of(&report), vec![Rule::OvertimeCap]);

        // Weekly overtime: 3 × 8 normal hours over a 16-hour standard week.
        let s = scenario(|v| {
            v["rules"] =
                json!({ "max_overtime_hours_per_month": 10.0, "standard_hours_per_week": 16.0 })
        });
        let r = roster(vec![
            asg(&s, "ana", "2026-03-02", "day", "a"),
            asg(&s, "ana", "2026-03-03", "day", "a"),
            asg(&s, "ana", "2026-03-04", "day", "a"),
        ]);
        let report = check(&s, &r);
        assert_eq!(rules_of(&report), vec![Rule::OvertimeCap]);
        assert_close(report.cost.weekly_overtime_hours, 8.0);
    }

    #[test]
    fn flags_short_rest_after_night_shift() {
        let s = scenario(|_| {});
        let ok = roster(vec![
            asg(&s, "ana", "2026-03-02", "long", "a"),
            asg(&s, "ana", "2026-03-03", "day", "a"),
        ]);
        assert!(check(&s, &ok).is_feasible());
        let report = check(
            &s,
            &roster(vec![
                asg(&s, "ana", "2026-03-02", "night", "a"),
                asg(&s, "ana", "2026-03-03", "day", "a"),
            ]),
        );
        assert_eq!(rules_of(&report), vec![Rule::MinRest]);
        assert_eq!(report.violations[0].date, Some(date("2026-03-03")));
        assert!(report.violations[0].detail.starts_with("2 hours"));
    }

    #[test]
    fn flags_consecutive_days() {
        let s = scenario(|v| {
            v["rules"] = json!({ "max_consecutive_days": 3, "min_days_off_per_week": 0 })
        });
        let days = |ds: &[&str]| roster(ds.iter().map(|d| asg(&s, "ana", d, "day", "a")).collect());
        let ok = days(&[
            "2026-03-02",
            "2026-03-03",
            "2026-03-04",
            "2026-03-06",
            "2026-03-07",
            "2026-03-08",
        ]);
        assert!(check(&s, &ok).is_feasible());
        let report = check(
            &s,
            &days(&[
                "2026-03-02",
                "2026-03-03",
                "2026-03-04",
                "2026-03-05",
                "2026-03-06",
            ]),
        );
        assert_eq!(rules_of(&report), vec![Rule::ConsecutiveDays]);
        assert_eq!(report.violations[0].date, Some(date("2026-03-05")));
    }

    #[test]
    fn flags_missing_day_off() {
        let s = scenario(|v| {
            v["rules"] = json!({ "max_consecutive_days": 10, "max_hours_per_week": 60.0 })
        });
        let days = |n: usize| {
            let dates = s.horizon.dates();
            roster(
                dates[..n]
                    .iter()
                    .map(|d| asg(&s, "ana", &d.to_string(), "day", "a"))
                    .collect(),
            )
        };
        assert!(check(&s, &days(6)).is_feasible());
        let report = check(&s, &days(7));
        assert_eq!(rules_of(&report), vec![Rule::DaysOff]);
        assert_eq!(report.violations[0].date, Some(date("2026-03-02")));
    }

    #[test]
    fn short_last_block_may_take_days_off_outside_horizon() {
        // Blocks of 7 and 5 dates; 3 days off a week: at most 4 worked in each.
        let s = scenario(|v| {
            v["horizon"] = json!({ "start": "2026-03-02", "end": "2026-03-13" });
            v["rules"] = json!({ "max_consecutive_days": 20, "min_days_off_per_week": 3 });
        });
        let days = |ds: &[&str]| roster(ds.iter().map(|d| asg(&s, "ana", d, "day", "a")).collect());
        let week1 = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"];
        let ok: Vec<&str> = week1
            .iter()
            .copied()
            .chain(["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"])
            .collect();
        assert!(check(&s, &days(&ok)).is_feasible());
        let mut too_many = ok.clone();
        too_many.push("2026-03-13");
        let report = check(&s, &days(&too_many));
        assert_eq!(rules_of(&report), vec![Rule::DaysOff]);
        assert_eq!(report.violations[0].date, Some(date("2026-03-09")));
        // A one-date horizon still lets people work.
        let one =
            scenario(|v| v["horizon"] = json!({ "start": "2026-03-02", "end": "2026-03-02" }));
        assert!(check(
            &one,
            &roster(vec![asg(&one, "ana", "2026-03-02", "day", "a")])
        )
        .is_feasible());
    }

    #[test]
    fn flags_too_many_people_at_station() {
        let s = scenario(|_| {});
        // Day and night do not overlap; two people fit at b.
        let ok = roster(vec![
            asg(&s, "ana", "2026-03-02", "day", "a"),
            asg(&s, "cy", "2026-03-02", "night", "a"),
            asg(&s, "bo", "2026-03-02", "day", "b"),
            asg(&s, "bo", "2026-03-03", "day", "b"),
        ]);
        assert!(check(&s, &ok).is_feasible());
        let report = check(
            &s,
            &roster(vec![
                asg(&s, "ana", "2026-03-02", "long", "a"),
                asg(&s, "cy", "2026-03-02", "day", "a"),
            ]),
        );
        assert_eq!(rules_of(&report), vec![Rule::Workplaces]);
        assert!(report.violations[0].detail.contains("08:00"));
        // A night shift still running when the next morning's shift starts.
        let s = scenario(|v| v["shifts"][2]["end"] = json!("09:00"));
        let report = check(
            &s,
            &roster(vec![
                asg(&s, "ana", "2026-03-02", "night", "a"),
                asg(&s, "cy", "2026-03-03", "day", "a"),
            ]),
        );
        assert_eq!(count(&report, Rule::Workplaces), 1);
    }

    #[test]
    fn throughput_matches_hand_computation() {
        let s = scenario(|v| {
            v["targets"] = json!([
                { "id": "t1", "line": "L", "date": "2026-03-02", "units": 20.0 },
                { "id": "t2", "line": "L", "date": "2026-03-04", "units": 70.0, "kind": "by_date" },
                { "id": "t3", "line": "L", "date": "2026-03-04", "units": 20.0, "shortfall_penalty": 50.0 },
                { "id": "t4", "line": "L", "date": "2026-03-04", "units": 10.0 },
                { "id": "t5", "line": "L", "date": "2026-03-03", "units": 40.0, "shortfall_penalty": 10.0 }
            ]);
        });
        let r = roster(vec![
            asg(&s, "ana", "2026-03-02", "day", "a"),
            asg(&s, "bo", "2026-03-02", "day", "b"),
            asg(&s, "bo", "2026-03-03", "day", "b"),
            asg(&s, "bo", "2026-03-04", "day", "b"),
            asg(&s, "cy", "2026-03-04", "day", "a"),
        ]);
        let report = check(&s, &r);
        assert!(report.is_feasible(), "{:?}", report.violations);
        let t = &report.throughput;
        assert_eq!(t.stations.len(), 21);
        assert_eq!(t.lines.len(), 14);
        let sd = |station: &str, day: usize| {
            let i = match station {
                "a" => 0,
                "b" => 7,
                _ => 14,
            } + day;
            assert_eq!(t.stations[i].station.as_str(), station);
            assert_eq!(t.stations[i].date, s.horizon.dates()[day]);
            &t.stations[i]
        };
        // Monday: a makes 480/10 = 48; b can do 480/20 = 24 of 5 + 48.
        let a0 = sd("a", 0);
        assert_eq!((a0.workers, a0.staffed_hours), (1, 8.0));
        assert_close(a0.capacity_units, 48.0);
        assert_close(a0.produced_units, 48.0);
        assert_close(a0.stock_end, 0.0);
        assert_close(a0.utilisation, 1.0);
        let b0 = sd("b", 0);
        assert_close(b0.capacity_units, 24.0);
        assert_close(b0.produced_units, 24.0);
        assert_close(b0.stock_end, 29.0);
        // Tuesday: a idle; b works down the stock.
        assert_close(sd("a", 1).capacity_units, 0.0);
        assert_close(sd("a", 1).utilisation, 0.0);
        assert_close(sd("b", 1).produced_units, 24.0);
        assert_close(sd("b", 1).stock_end, 5.0);
        // Wednesday: the trainee makes 480 × 0.25 / 10 = 12; b gets 5 + 12 = 17.
        assert_close(sd("a", 2).produced_units, 12.0);
        let b2 = sd("b", 2);
        assert_close(b2.produced_units, 17.0);
        assert_close(b2.stock_end, 0.0);
        assert_close(b2.utilisation, 17.0 / 24.0);

        let ld = |day: usize| &t.lines[day];
        assert_close(ld(0).finished_units, 24.0);
        assert_eq!(ld(0).bottleneck, Some(StationId::from("b")));
        assert_eq!(ld(0).target_units, Some(20.0));
        assert_eq!(ld(1).bottleneck, Some(StationId::from("b")));
        assert_eq!(ld(1).target_units, Some(40.0));
        assert_close(ld(2).finished_units, 17.0);
        assert_eq!(ld(2).bottleneck, Some(StationId::from("a")));
        assert_eq!(ld(2).target_units, Some(30.0));
        // No capacity anywhere: nothing planned, no bottleneck.
        assert_eq!(ld(3).bottleneck, None);
        assert_eq!(t.lines[7].line.as_str(), "M");
        // Line M has nobody rostered either: nothing planned.
        assert_eq!(t.lines[7].bottleneck, None);

        // Cumulative finished: 24, 48, 65, 65, ... Deliveries by penalty, then
        // date: t1 (100, Mon) 20; t4 (100, Wed) 10; t3 (50, Wed) 20; t5 (10, Tue)
        // gets only what Wednesday does not need: min(48 − 20, 65 − 50) = 15.
        let credited: Vec<f64> = t.targets.iter().map(|x| x.finished_units).collect();
        let short: Vec<f64> = t.targets.iter().map(|x| x.shortfall_units).collect();
        assert_eq!(credited, vec![20.0, 65.0, 20.0, 10.0, 15.0]);
        assert_eq!(short, vec![0.0, 5.0, 0.0, 0.0, 25.0]);
        let delivered: Vec<f64> = t.lines[..4].iter().map(|l| l.delivered_units).collect();
        let held: Vec<f64> = t.lines[..4].iter().map(|l| l.finished_stock_end).collect();
        assert_eq!(delivered, vec![20.0, 15.0, 30.0, 0.0]);
        assert_eq!(held, vec![4.0, 13.0, 0.0, 0.0]);
        assert_close(report.cost.shortfall_units, 30.0);
        assert_close(report.cost.shortfall_penalty, 5.0 * 100.0 + 25.0 * 10.0);
    }

    #[test]
    fn cost_matches_hand_computation() {
        let s: Scenario = serde_json::from_value(json!({
            "horizon": { "start": "2026-03-02", "end": "2026-03-10" },
            "calendar": { "public_holidays": ["2026-03-04"] },
            "shifts": [
                { "id": "day", "start": "08:00", "end": "16:30", "break_minutes": 30 },
                { "id": "long", "start": "07:00", "end": "17:00", "break_minutes": 60 }
            ],
            "lines": [ { "id": "L", "shifts": ["day", "long"], "stations": [
                { "id": "a", "skill": "s1", "minutes_per_unit": 10.0, "workplaces": 2 } ] } ],
            "targets": [ { "id": "t", "line": "L", "date": "2026-03-02", "units": 1000.0 } ],
            "workers": [
                { "id": "w", "skills": [ { "skill": "s1" } ], "hourly_wage": 10.0,
                  "overtime_multiplier": 2.0, "min_hours_per_week": 35.0 },
                { "id": "v", "skills": [ { "skill": "s1" } ], "hourly_wage": 20.0 }
            ],
            "rules": { "standard_hours_per_week": 30.0, "max_hours_per_week": 60.0 },
            "penalties": { "shortfall_per_unit": 1.0, "contract_hour": 100.0 }
        }))
        .expect("scenario");
        let r = roster(vec![
            asg(&s, "w", "2026-03-02", "long", "a"), // workday, 1 h overtime
            asg(&s, "w", "2026-03-03", "long", "a"),
            asg(&s, "w", "2026-03-04", "day", "a"), // public holiday
            asg(&s, "w", "2026-03-05", "long", "a"),
            asg(&s, "w", "2026-03-06", "long", "a"),
            asg(&s, "w", "2026-03-07", "day", "a"), // Saturday
            asg(&s, "w", "2026-03-09", "day", "a"), // second (2-day) block
            asg(&s, "v", "2026-03-02", "long", "a"),
        ]);
        let report = check(&s, &r);
        assert!(report.is_feasible(), "{:?}", report.violations);
        let c = &report.cost;
        assert_close(c.base_wages, 10.0 * 60.0 + 20.0 * 9.0);
        // w: 4 daily overtime hours × 10 × (2 − 1) + weekly (32 − 30) × 10 × 1;
        // v: 1 × 20 × 0.5.
        assert_close(c.overtime_premium, 40.0 + 20.0 + 10.0);
        assert_close(c.weekly_overtime_hours, 2.0);
        assert_close(c.rest_day_premium, 10.0 * 8.0 * 1.0);
        assert_close(c.holiday_premium, 10.0 * 8.0 * 2.0);
        assert_close(c.wages_total, 780.0 + 70.0 + 80.0 + 160.0);
        // Second block: 35 × 2 / 7 = 10 owed, 8 given.
        assert_close(c.contract_hours_missing, 2.0);
        assert_close(c.contract_penalty, 200.0);
        // Monday: (540 + 540) / 10 = 108 finished of 1000.
        assert_close(c.shortfall_units, 892.0);
        assert_close(c.shortfall_penalty, 892.0);
        assert_close(c.objective, 1090.0 + 892.0 + 200.0);
    }

    #[test]
    fn differences_reports_each_changed_field() {
        let s = scenario(|v| {
            v["targets"] = json!([{ "id": "t", "line": "L", "date": "2026-03-02", "units": 30.0 }]);
        });
        let r = roster(vec![
            asg(&s, "ana", "2026-03-02", "day", "a"),
            asg(&s, "bo", "2026-03-02", "day", "b"),
        ]);
        let report = check(&s, &r);
        assert!(report
            .differences(&report.throughput, &report.cost)
            .is_empty());

        let mut t = report.throughput.clone();
        let mut c = report.cost.clone();
        t.stations[3].produced_units += 1.0;
        t.lines[0].bottleneck = None;
        t.lines[1].target_units = Some(1.0);
        t.targets[0].shortfall_units *= 1.0 + 1e-9; // within tolerance
        c.base_wages += 1.0;
        let diffs = report.differences(&t, &c);
        assert_eq!(diffs.len(), 4, "{diffs:?}");
        assert!(diffs.iter().any(|d| d.contains("bottleneck")));

        let mut t = report.throughput.clone();
        t.lines.remove(2);
        t.stations.swap(0, 1);
        t.targets[0].target = TargetId::from("other");
        let diffs = report.differences(&t, &report.cost);
        assert!(diffs.iter().any(|d| d.contains("missing")), "{diffs:?}");
        assert!(
            diffs.iter().any(|d| d.contains("different order")),
            "{diffs:?}"
        );
        assert!(
            diffs.iter().any(|d| d.contains("not in the checker")),
            "{diffs:?}"
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd = scenario(|v| {
            v["horizon"] = json!({ "start": "2026-03-02", "end": "2026-03-01" });
        });
        let far = scenario(|v| {
            v["horizon"] = json!({ "start": "2026-03-02", "end": "2026-03-03" });
            v["lines"][0]["stations"][0]["minutes_per_unit"] = json!(0.0);
            v["lines"][0]["stations"][1]["minutes_per_unit"] = json!(-3.0);
            v["shifts"][0]["end"] = json!("08:00");
            v["lines"][0]["stations"] = json!([]);
            worker_mut(v, "ana")["unavailable"] = json!([
                { "kind": "weekly", "from": "10:00", "to": "09:00" },
                { "kind": "leave", "from": "2026-03-05", "to": "2026-03-01" }
            ]);
            v["targets"] = json!([
                { "id": "t", "line": "nowhere", "date": "2026-03-02", "units": 5.0 },
                { "id": "t", "line": "L", "date": "1990-01-01", "units": 5.0, "kind": "by_date" }
            ]);
        });
        let mut edge = asg(&far, "ana", "2026-03-02", "day", "c");
        edge.date = NaiveDate::MAX;
        let mut early = asg(&far, "ana", "2026-03-02", "day", "c");
        early.date = NaiveDate::MIN;
        let mut nan = asg(&far, "ana", "2026-03-03", "day", "c");
        nan.paid_hours = f64::INFINITY;
        for s in [&odd, &far] {
            let r = roster(vec![
                asg(s, "ana", "2026-03-02", "day", "c"),
                asg(s, "ana", "2026-03-02", "day", "a"),
                edge.clone(),
                early.clone(),
                nan.clone(),
            ]);
            let report = check(s, &r);
            assert!(!report.is_feasible());
            let _ = report.differences(&Throughput::default(), &CostBreakdown::default());
            let _ = serde_json::to_string(&report).expect("serialises");
            for v in &report.violations {
                let _ = v.to_string();
            }
        }
    }
}
