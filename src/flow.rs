//! The time-resolved throughput estimate: a roster's flow through each line
//! in time buckets (e.g. 30 or 60 minutes), with the stock between stations,
//! buffer capacities, and the time stations stand idle because they have no
//! material (starved) or nowhere to put their output (blocked).
//!
//! It is a view of the one flow flexline computes everywhere — in the integer
//! program, the reports ([`crate::Throughput`]) and the checker: production
//! on the clock, interval by interval between shift boundaries, where a
//! station can only work units that have arrived, so a downstream shift that
//! starts before its upstream shift is starved. This module adds the bucket
//! series, the idle person-minutes and the per-date peaks of stock. See
//! docs/semantics.md and DESIGN.md, "The hourly view and absence risk".
//!
//! ```
//! let json = r#"{
//!   "horizon": { "start": "2026-03-02", "end": "2026-03-02" },
//!   "shifts": [ { "id": "early", "start": "06:00", "end": "14:00" },
//!               { "id": "late", "start": "14:00", "end": "22:00" } ],
//!   "lines": [ { "id": "L", "shifts": ["early", "late"], "stations": [
//!       { "id": "cut", "skill": "cut", "minutes_per_unit": 10.0, "workplaces": 1 },
//!       { "id": "pack", "skill": "pack", "minutes_per_unit": 10.0, "workplaces": 1 } ] } ],
//!   "workers": [
//!     { "id": "ana", "skills": [ { "skill": "cut" } ], "hourly_wage": 16.0 },
//!     { "id": "bo", "skills": [ { "skill": "pack" } ], "hourly_wage": 16.0 } ]
//! }"#;
//! let scenario = flexline::Scenario::from_json_str(json)?;
//! // Packing works the early shift, cutting the late one.
//! let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("date")?;
//! let a = |w: &str, shift: &str, st: &str, h0: u32, h1: u32| flexline::Assignment {
//!     worker: w.into(), date, shift: shift.into(), line: "L".into(), station: st.into(),
//!     start: date.and_hms_opt(h0, 0, 0).unwrap(), end: date.and_hms_opt(h1, 0, 0).unwrap(),
//!     paid_hours: 8.0 };
//! let roster = flexline::Roster { assignments: vec![
//!     a("ana", "late", "cut", 14, 22), a("bo", "early", "pack", 6, 14)], home_batches: vec![] };
//! let flow = flexline::flow::estimate(&scenario, &roster, &flexline::flow::FlowOptions::default())?;
//! let pack = flow.station_day(&"pack".into(), date).ok_or("pack")?;
//! assert_eq!(pack.produced_units, 0.0);                 // nothing to pack before 14:00
//! assert_eq!(pack.starved_person_minutes, 480.0);      // bo waits the whole shift
//! // The checker and the reports compute the same clock.
//! let checked = flexline::check::check(&scenario, &roster);
//! assert_eq!(checked.throughput.lines[0].finished_units, 0.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::clock::{run_line, Due, LineFlow, LineRules, Timeline};
use crate::error::Error;
use crate::model::{LineId, Scenario, StationId, TargetKind, MINUTES_PER_DAY};
use crate::report::{Roster, TargetResult};
use crate::tolerance::EPS;

/// Default bucket length, in minutes.
pub const DEFAULT_BUCKET_MINUTES: u32 = 60;

/// How to resolve time.
///
/// ```
/// let opts = flexline::flow::FlowOptions { bucket_minutes: 30 };
/// assert_eq!(flexline::flow::FlowOptions::default().bucket_minutes, 60);
/// # let _ = opts;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FlowOptions {
    /// Length of a time bucket in minutes; must divide a day (1440) evenly,
    /// e.g. 15, 30, 60 or 120.
    pub bucket_minutes: u32,
}

impl Default for FlowOptions {
    fn default() -> Self {
        Self {
            bucket_minutes: DEFAULT_BUCKET_MINUTES,
        }
    }
}

/// One station's flow bucket by bucket (bucket `b` starts at
/// [`FlowEstimate::bucket_start`]`(b)`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StationSeries {
    /// The line.
    pub line: LineId,
    /// The station.
    pub station: StationId,
    /// Units the people on shift could make in the bucket.
    pub capacity_units: Vec<f64>,
    /// Units made.
    pub produced_units: Vec<f64>,
    /// Units waiting in front of the station at the end of the bucket (0 for
    /// the first station).
    pub stock_end: Vec<f64>,
    /// Person-minutes on shift here in the bucket (breaks included).
    pub staffed_person_minutes: Vec<f64>,
    /// Person-minutes idle for lack of material.
    pub starved_person_minutes: Vec<f64>,
    /// Person-minutes idle because the buffer after the station was full.
    pub blocked_person_minutes: Vec<f64>,
}

/// One station on one calendar date (00:00 to 24:00), summed over the
/// clock's intervals of that date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StationFlowDay {
    /// The line.
    pub line: LineId,
    /// The station.
    pub station: StationId,
    /// The calendar date.
    pub date: NaiveDate,
    /// Units the people on shift could make that date (= [`crate::StationDay::capacity_units`]).
    pub capacity_units: f64,
    /// Units made that date (= [`crate::StationDay::produced_units`]).
    pub produced_units: f64,
    /// Person-minutes idle for lack of material that date.
    pub starved_person_minutes: f64,
    /// Person-minutes idle because the next buffer was full that date.
    pub blocked_person_minutes: f64,
    /// Most units waiting in front of the station at an interval end on
    /// that date.
    pub peak_stock: f64,
    /// Units waiting in front of the station at 24:00 of that date.
    pub stock_end: f64,
}

/// A line on one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineFlowDay {
    /// The line.
    pub line: LineId,
    /// The date.
    pub date: NaiveDate,
    /// Units finished that date (= [`crate::LineDay::finished_units`]).
    pub finished_units: f64,
    /// Walking upstream from the last station, the first that used all its
    /// capacity that date (= [`crate::LineDay::bottleneck`]).
    pub bottleneck: Option<StationId>,
    /// Sum of the line's delivery targets for the date, if any.
    pub target_units: Option<f64>,
    /// Person-minutes idle for lack of material, all stations.
    pub starved_person_minutes: f64,
    /// Person-minutes idle because a buffer was full, all stations.
    pub blocked_person_minutes: f64,
}

/// The time-resolved estimate of a roster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlowEstimate {
    /// Bucket length in minutes.
    pub bucket_minutes: u32,
    /// Start of bucket 0: 00:00 of the horizon's first date.
    pub start: NaiveDateTime,
    /// Number of buckets: the horizon plus one day, for shifts that end
    /// after midnight of its last date.
    pub buckets: usize,
    /// Per station, lines in scenario order, stations in flow order.
    pub series: Vec<StationSeries>,
    /// Per station and date, same order, then date.
    pub stations: Vec<StationFlowDay>,
    /// Per line and date.
    pub lines: Vec<LineFlowDay>,
    /// Per target, in scenario order (= [`crate::Throughput::targets`]).
    pub targets: Vec<TargetResult>,
}

impl FlowEstimate {
    /// When bucket `b` starts.
    pub fn bucket_start(&self, b: usize) -> NaiveDateTime {
        self.start + Duration::minutes(b as i64 * i64::from(self.bucket_minutes))
    }

    /// The day row of a station.
    pub fn station_day(&self, station: &StationId, date: NaiveDate) -> Option<&StationFlowDay> {
        self.stations
            .iter()
            .find(|s| &s.station == station && s.date == date)
    }

    /// The day row of a line.
    pub fn line_day(&self, line: &LineId, date: NaiveDate) -> Option<&LineFlowDay> {
        self.lines
            .iter()
            .find(|l| &l.line == line && l.date == date)
    }

    /// Total finished units over the horizon, all lines.
    pub fn finished_units(&self) -> f64 {
        self.lines.iter().map(|l| l.finished_units).sum()
    }

    /// Total person-minutes starved, all stations and dates.
    pub fn starved_person_minutes(&self) -> f64 {
        self.stations.iter().map(|s| s.starved_person_minutes).sum()
    }
}

/// Computes the time-resolved estimate of `roster`.
///
/// The flow itself runs on the clock's intervals (between consecutive shift
/// boundaries and midnights; docs/semantics.md): each assignment works
/// from its shift's start to its end at a constant rate, `paid minutes /
/// shift minutes × efficiency / minutes_per_unit` units a minute (the unpaid
/// break spread over the shift); in each interval, in line order, a station
/// makes `min(capacity, stock + what the station before it delivers in the
/// interval)`; then, from the last station upstream, a station whose buffer
/// would end the interval above `buffer_capacity` makes that much less
/// (blocked). This is the same flow the integer program plans and the
/// reports and the checker compute: the per-date rows and target credits
/// equal [`crate::Plan::throughput`]'s. The buckets of `options` are a view
/// of it: each interval's values are shared among the buckets it overlaps in
/// proportion to time, and the stock at a bucket end inside an interval is
/// interpolated linearly.
///
/// Errors: [`Error::InvalidOptions`] for a bucket that does not divide a
/// day; [`Error::InvalidRoster`] for an assignment naming an unknown worker,
/// shift, line or station, a station not on its line, a date outside the
/// horizon, or a worker without the station's skill.
pub fn estimate(
    scenario: &Scenario,
    roster: &Roster,
    options: &FlowOptions,
) -> Result<FlowEstimate, Error> {
    let bm = options.bucket_minutes;
    if bm == 0 || MINUTES_PER_DAY % i64::from(bm) != 0 {
        return Err(Error::InvalidOptions {
            options: "flow",
            option: "bucket_minutes",
            message: format!("{bm}; give a length that divides 1440 minutes, e.g. 15, 30 or 60"),
        });
    }
    let engine = Engine::new(scenario, roster)?;
    Ok(engine.report(scenario, i64::from(bm)))
}

// ---------------------------------------------------------------------------
// The engine, shared with the absence-risk simulation.

/// Capacity one assignment adds to one interval.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Contribution {
    pub line: usize,
    pub pos: usize,
    pub interval: usize,
    pub units: f64,
}

/// One worker on one date: what they add when present.
pub(crate) struct Attendance {
    pub worker: usize,
    pub contributions: Vec<Contribution>,
}

pub(crate) struct LineEngine {
    pub line: usize,
    pub k: usize,
    pub rules: LineRules,
    /// Capacity, k × nk.
    pub cap: Vec<f64>,
    /// Person-minutes on shift, k × nk.
    pub staffed: Vec<f64>,
    /// Home units coming back, as extra output of their station at 00:00 of
    /// the collection date, k × nk (docs/semantics.md, "Home-based work").
    pub extra: Vec<f64>,
    /// The same per station position and date.
    pub extra_day: Vec<Vec<f64>>,
    /// The line's targets in crediting order.
    pub dues: Vec<Due>,
}

pub(crate) struct Engine {
    pub clock: Timeline,
    pub n_days: usize,
    pub nk: usize,
    pub lines: Vec<LineEngine>,
    pub attendance: Vec<Attendance>,
}

impl Engine {
    pub fn new(s: &Scenario, roster: &Roster) -> Result<Self, Error> {
        let n_days = s.horizon.len();
        let clock = Timeline::new(s);
        let nk = clock.len();
        let mut dues = crate::clock::dues_by_line(s).into_iter();
        let mut lines: Vec<LineEngine> = s
            .lines
            .iter()
            .enumerate()
            .map(|(li, l)| {
                let k = l.stations.len();
                LineEngine {
                    line: li,
                    k,
                    rules: LineRules::of(l),
                    cap: vec![0.0; k * nk],
                    staffed: vec![0.0; k * nk],
                    extra: vec![0.0; k * nk],
                    extra_day: vec![vec![0.0; n_days]; k],
                    dues: dues.next().unwrap_or_default(),
                }
            })
            .collect();
        let mut station_at: HashMap<&str, (usize, usize)> = HashMap::new();
        for (li, l) in s.lines.iter().enumerate() {
            for (pos, st) in l.stations.iter().enumerate() {
                station_at.insert(st.id.as_str(), (li, pos));
            }
        }
        // Home batches: unresolvable ones are left out (the checker reports them).
        for b in &roster.home_batches {
            let (Some(li), Some(d)) = (
                s.lines.iter().position(|l| l.id == b.line),
                s.horizon.index_of(b.back_date),
            ) else {
                continue;
            };
            let pos = station_at
                .get(b.station.as_str())
                .filter(|(l, _)| *l == li)
                .map_or(0, |&(_, pos)| pos);
            if d < n_days && b.units_back.is_finite() && lines[li].k > 0 {
                lines[li].extra[pos * nk + clock.first_of_day(d)] += b.units_back;
                lines[li].extra_day[pos][d] += b.units_back;
            }
        }
        let worker_at: HashMap<&str, usize> = s
            .workers
            .iter()
            .enumerate()
            .map(|(i, w)| (w.id.as_str(), i))
            .collect();
        let mut by_worker_day: HashMap<(usize, usize), usize> = HashMap::new();
        let mut attendance: Vec<Attendance> = Vec::new();
        for (ai, a) in roster.assignments.iter().enumerate() {
            let bad = |message: String| Error::InvalidRoster {
                assignment: ai,
                message,
            };
            let &wi = worker_at
                .get(a.worker.as_str())
                .ok_or_else(|| bad(format!("unknown worker `{}`", a.worker)))?;
            let shift = s
                .shift(&a.shift)
                .ok_or_else(|| bad(format!("unknown shift `{}`", a.shift)))?;
            let &(li, pos) = station_at
                .get(a.station.as_str())
                .ok_or_else(|| bad(format!("unknown station `{}`", a.station)))?;
            if s.lines[li].id != a.line {
                return Err(bad(format!(
                    "station `{}` is on line `{}`, not `{}`",
                    a.station, s.lines[li].id, a.line
                )));
            }
            let day = s.horizon.index_of(a.date).ok_or_else(|| {
                bad(format!(
                    "{} is outside the horizon {} to {}",
                    a.date, s.horizon.start, s.horizon.end
                ))
            })?;
            let station = &s.lines[li].stations[pos];
            let eff = s.workers[wi].efficiency(&station.skill).ok_or_else(|| {
                bad(format!(
                    "worker `{}` lacks skill `{}` of station `{}`",
                    a.worker, station.skill, station.id
                ))
            })?;
            let dur = shift.duration_minutes();
            let paid = shift.paid_minutes().max(0);
            let total_units = paid as f64 * eff / station.minutes_per_unit;
            let slot = *by_worker_day.entry((wi, day)).or_insert_with(|| {
                attendance.push(Attendance {
                    worker: wi,
                    contributions: Vec::new(),
                });
                attendance.len() - 1
            });
            let le = &mut lines[li];
            let start =
                day as i64 * MINUTES_PER_DAY + crate::model::time_minute_of_day(shift.start);
            for (k, share) in clock.spread(start, start + dur) {
                let units = total_units * share;
                let ix = pos * nk + k;
                le.cap[ix] += units;
                le.staffed[ix] += dur as f64 * share;
                attendance[slot].contributions.push(Contribution {
                    line: li,
                    pos,
                    interval: k,
                    units,
                });
            }
        }
        Ok(Engine {
            clock,
            n_days,
            nk,
            lines,
            attendance,
        })
    }

    /// Runs the flow of one line with capacities `cap` (k × nk).
    pub fn run_line(&self, le: &LineEngine, cap: &[f64], out: &mut LineFlow) {
        run_line(&le.rules, self.nk, cap, &le.extra, out);
    }

    /// Sums interval values of station `i` per calendar date of the horizon.
    pub fn by_day(&self, i: usize, values: &[f64], days: &mut [f64]) {
        days.iter_mut().for_each(|d| *d = 0.0);
        for k in 0..self.nk {
            let d = self.clock.day(k);
            if d < days.len() {
                days[d] += values[i * self.nk + k];
            }
        }
    }

    /// Finished units per date of a line: its last station's production per
    /// date plus the home units its last station sends back.
    pub fn finished(&self, le: &LineEngine, produced: &[f64], days: &mut [f64]) {
        if le.k == 0 {
            days.iter_mut().for_each(|d| *d = 0.0);
            return;
        }
        self.by_day(le.k - 1, produced, days);
        for (d, h) in days.iter_mut().zip(&le.extra_day[le.k - 1]) {
            *d += h;
        }
    }

    fn report(&self, s: &Scenario, bm: i64) -> FlowEstimate {
        let n = self.n_days;
        let nk = self.nk;
        let nb = ((n as i64 + 1) * MINUTES_PER_DAY / bm) as usize;
        let dates = s.horizon.dates();
        let mut out = FlowEstimate {
            bucket_minutes: bm as u32,
            start: s.horizon.start.and_hms_opt(0, 0, 0).unwrap_or_default(),
            buckets: nb,
            series: Vec::new(),
            stations: Vec::new(),
            lines: Vec::new(),
            targets: Vec::new(),
        };
        let mut credit = vec![0.0; s.targets.len()];
        let mut lo = LineFlow::default();
        for le in &self.lines {
            let line = &s.lines[le.line];
            self.run_line(le, &le.cap, &mut lo);
            let starved_pm: Vec<f64> = pm(&lo.starved, &le.cap, &le.staffed);
            let blocked_pm: Vec<f64> = pm(&lo.blocked, &le.cap, &le.staffed);
            let mut day_cap = vec![vec![0.0; n]; le.k];
            let mut day_prod = vec![vec![0.0; n]; le.k];
            let mut day_starved = vec![vec![0.0; n]; le.k];
            let mut day_blocked = vec![vec![0.0; n]; le.k];
            for i in 0..le.k {
                self.by_day(i, &le.cap, &mut day_cap[i]);
                self.by_day(i, &lo.produced, &mut day_prod[i]);
                self.by_day(i, &starved_pm, &mut day_starved[i]);
                self.by_day(i, &blocked_pm, &mut day_blocked[i]);
                let r = i * nk..(i + 1) * nk;
                let initial = le.rules.initial[i];
                // Home units arriving in front of station i at an interval's start.
                let zeros = vec![0.0; nk];
                let lump = if i > 0 {
                    &le.extra[(i - 1) * nk..i * nk]
                } else {
                    &zeros[..]
                };
                out.series.push(StationSeries {
                    line: line.id.clone(),
                    station: line.stations[i].id.clone(),
                    capacity_units: self.to_buckets(&le.cap[r.clone()], nb, bm),
                    produced_units: self.to_buckets(&lo.produced[r.clone()], nb, bm),
                    stock_end: self.stock_to_buckets(
                        initial,
                        &lo.stock_end[r.clone()],
                        lump,
                        nb,
                        bm,
                    ),
                    staffed_person_minutes: self.to_buckets(&le.staffed[r.clone()], nb, bm),
                    starved_person_minutes: self.to_buckets(&starved_pm[r.clone()], nb, bm),
                    blocked_person_minutes: self.to_buckets(&blocked_pm[r], nb, bm),
                });
            }
            for i in 0..le.k {
                let mut peak = vec![0.0f64; n];
                let mut end = vec![0.0f64; n];
                for k in 0..nk {
                    let d = self.clock.day(k);
                    if d < n {
                        let v = lo.stock_end[i * nk + k];
                        peak[d] = peak[d].max(v);
                        end[d] = v;
                    }
                }
                for (d, &date) in dates.iter().enumerate() {
                    out.stations.push(StationFlowDay {
                        line: line.id.clone(),
                        station: line.stations[i].id.clone(),
                        date,
                        capacity_units: day_cap[i][d],
                        produced_units: day_prod[i][d],
                        starved_person_minutes: day_starved[i][d],
                        blocked_person_minutes: day_blocked[i][d],
                        peak_stock: peak[d],
                        stock_end: end[d],
                    });
                }
            }
            let mut finished = vec![0.0; n];
            self.finished(le, &lo.produced, &mut finished);
            crate::clock::credit(&le.dues, &finished, &mut credit);
            for (d, &date) in dates.iter().enumerate() {
                let bottleneck = (0..le.k)
                    .rev()
                    .find(|&i| i == 0 || day_prod[i][d] >= day_cap[i][d] - EPS)
                    .filter(|_| (0..le.k).any(|i| day_cap[i][d] > 0.0))
                    .map(|i| line.stations[i].id.clone());
                let wanted: Vec<f64> = s
                    .targets
                    .iter()
                    .filter(|t| t.line == line.id && t.date == date && t.kind != TargetKind::ByDate)
                    .map(|t| t.units)
                    .collect();
                out.lines.push(LineFlowDay {
                    line: line.id.clone(),
                    date,
                    finished_units: finished[d],
                    bottleneck,
                    target_units: (!wanted.is_empty()).then(|| wanted.iter().sum()),
                    starved_person_minutes: (0..le.k).map(|i| day_starved[i][d]).sum(),
                    blocked_person_minutes: (0..le.k).map(|i| day_blocked[i][d]).sum(),
                });
            }
        }
        out.targets = s
            .targets
            .iter()
            .zip(&credit)
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
        out
    }

    /// Shares interval totals among `nb` buckets of `bm` minutes by time.
    fn to_buckets(&self, values: &[f64], nb: usize, bm: i64) -> Vec<f64> {
        let mut out = vec![0.0; nb];
        for (k, &v) in values.iter().enumerate() {
            if v == 0.0 {
                continue;
            }
            let (a, b) = (self.clock.start(k), self.clock.end(k));
            let len = (b - a) as f64;
            let mut bucket = (a / bm) as usize;
            while bucket < nb && (bucket as i64) * bm < b {
                let b0 = bucket as i64 * bm;
                let overlap = (b.min(b0 + bm) - a.max(b0)) as f64;
                out[bucket] += v * overlap / len;
                bucket += 1;
            }
        }
        out
    }

    /// Stock at each bucket end: at an interval end as computed, inside an
    /// interval interpolated linearly between its start (after any home
    /// units arriving then) and its end.
    fn stock_to_buckets(
        &self,
        initial: f64,
        stock_end: &[f64],
        lump: &[f64],
        nb: usize,
        bm: i64,
    ) -> Vec<f64> {
        let mut out = vec![0.0; nb];
        let mut k = 0;
        for (bucket, slot) in out.iter_mut().enumerate() {
            let t = (bucket as i64 + 1) * bm;
            while k < self.nk && self.clock.end(k) < t {
                k += 1;
            }
            if k >= self.nk {
                *slot = stock_end.last().copied().unwrap_or(initial);
                continue;
            }
            let before = if k == 0 { initial } else { stock_end[k - 1] } + lump[k];
            let (a, b) = (self.clock.start(k), self.clock.end(k));
            let share = (t - a) as f64 / (b - a) as f64;
            *slot = before + (stock_end[k] - before) * share;
        }
        out
    }
}

/// Lost units → person-minutes: the staffed person-minutes times the share
/// of the capacity lost.
fn pm(lost: &[f64], cap: &[f64], staffed: &[f64]) -> Vec<f64> {
    lost.iter()
        .zip(cap)
        .zip(staffed)
        .map(|((&l, &c), &st)| if c > 0.0 && l > EPS { st * l / c } else { 0.0 })
        .collect()
}
