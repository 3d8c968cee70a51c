//! The time-resolved throughput estimate: a roster's flow through each line
//! in time buckets (e.g. 30 or 60 minutes), with the stock between stations,
//! buffer capacities, and the time stations stand idle because they have no
//! material (starved) or nowhere to put their output (blocked).
//!
//! The integer program and the daily estimate ([`crate::Throughput`]) count a
//! shift's whole output on the date it starts and let a station work, the same
//! day, whatever the station before it makes that day. This estimate adds the
//! clock: a station can only work units that have arrived, so a downstream
//! shift that starts before its upstream shift is starved, even when the daily
//! totals balance. See DESIGN.md, "Time-resolved flow".
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
//! // The daily model would have packed all 48 units the same day.
//! let daily = flexline::check::check(&scenario, &roster);
//! assert_eq!(daily.throughput.lines[0].finished_units, 48.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{LineId, Scenario, StationId, TargetKind, MINUTES_PER_DAY};
use crate::prepare::EPS;
use crate::report::{Roster, TargetResult};

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

/// One station on one date (by the date the shifts start, like the daily
/// estimate), summed over the buckets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StationFlowDay {
    /// The line.
    pub line: LineId,
    /// The station.
    pub station: StationId,
    /// The date the shifts start.
    pub date: NaiveDate,
    /// Units the shifts starting that date can make (= the daily estimate's capacity).
    pub capacity_units: f64,
    /// Units those shifts made.
    pub produced_units: f64,
    /// Person-minutes of those shifts idle for lack of material.
    pub starved_person_minutes: f64,
    /// Person-minutes of those shifts idle because the next buffer was full.
    pub blocked_person_minutes: f64,
    /// Most units waiting in front of the station at a bucket end on that
    /// calendar date.
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
    /// Units finished by the shifts starting that date.
    pub finished_units: f64,
    /// Walking upstream from the last station, the first that used all its
    /// capacity that date (the daily estimate's rule, on timed totals).
    pub bottleneck: Option<StationId>,
    /// Sum of the line's `on_date` targets for the date, if any.
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
    /// Per target, in scenario order, credited from the timed finished units
    /// with the daily estimate's rules.
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
/// Each assignment works from its shift's start to its end at a constant
/// rate, `paid minutes / shift minutes × efficiency / minutes_per_unit` units
/// a minute (the unpaid break spread over the shift), so its total is the
/// daily estimate's capacity. In each bucket, in line order, a station makes
/// `min(capacity, stock + what the station before it made in the bucket)`;
/// then, from the last station upstream, a station whose buffer would end the
/// bucket above `buffer_capacity` makes that much less (blocked).
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
    let engine = Engine::new(scenario, roster, Resolution::Minutes(i64::from(bm)))?;
    Ok(engine.report(scenario))
}

// ---------------------------------------------------------------------------
// The engine, shared with the absence-risk simulation.

/// How the engine resolves time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// One bucket per date; a shift counts on its start date (the daily model).
    Daily,
    /// Clock buckets of this many minutes (divides 1440).
    Minutes(i64),
}

/// Capacity one assignment adds to one bucket.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Contribution {
    pub line: usize,
    pub pos: usize,
    pub bucket: usize,
    /// True if the shift started the calendar day before the bucket's.
    pub prev: bool,
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
    pub initial: Vec<f64>,
    pub buffer: Vec<Option<f64>>,
    /// Capacity from shifts starting on the bucket's calendar day, k × nb.
    pub cur: Vec<f64>,
    /// Capacity from shifts that started the day before, k × nb.
    pub prev: Vec<f64>,
    /// Person-minutes on shift, k × nb.
    pub staffed: Vec<f64>,
    /// Home units coming back after the first station, per bucket: a lump in
    /// the first bucket of the collection date (DESIGN.md, "Home-based work").
    pub home: Vec<f64>,
    /// The same per date.
    pub home_day: Vec<f64>,
    /// Targets of the line in delivery order (on_date: penalty desc, date,
    /// scenario order), and by_date ones: (target, day, kind).
    pub targets: Vec<(usize, usize, TargetKind)>,
}

impl LineEngine {
    /// On a one-station line, home units coming back are finished units.
    pub fn add_home_finished(&self, finished: &mut [f64]) {
        if self.k == 1 {
            for (f, h) in finished.iter_mut().zip(&self.home_day) {
                *f += h;
            }
        }
    }
}

pub(crate) struct Engine {
    pub resolution: Resolution,
    pub n_days: usize,
    pub nb: usize,
    pub lines: Vec<LineEngine>,
    pub attendance: Vec<Attendance>,
}

/// Results of one line's flow.
#[derive(Default)]
pub(crate) struct LineOut {
    pub produced: Vec<f64>,
    pub stock_end: Vec<f64>,
    pub starved: Vec<f64>,
    pub blocked: Vec<f64>,
    stock: Vec<f64>,
    cap: Vec<f64>,
}

impl Engine {
    pub fn new(s: &Scenario, roster: &Roster, resolution: Resolution) -> Result<Self, Error> {
        let n_days = s.horizon.len();
        let nb = match resolution {
            Resolution::Daily => n_days,
            Resolution::Minutes(bm) => ((n_days as i64 + 1) * MINUTES_PER_DAY / bm) as usize,
        };
        let mut lines: Vec<LineEngine> = s
            .lines
            .iter()
            .enumerate()
            .map(|(li, l)| {
                let k = l.stations.len();
                let mut targets: Vec<(usize, usize, TargetKind)> = s
                    .targets
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.line == l.id)
                    .filter_map(|(i, t)| s.horizon.index_of(t.date).map(|d| (i, d, t.kind)))
                    .collect();
                let pen = |t: usize| {
                    s.targets[t]
                        .shortfall_penalty
                        .unwrap_or(s.penalties.shortfall_per_unit)
                };
                targets.sort_by(|a, b| {
                    (a.2 == TargetKind::OnDate)
                        .cmp(&(b.2 == TargetKind::OnDate))
                        .then(pen(b.0).total_cmp(&pen(a.0)))
                        .then(a.1.cmp(&b.1))
                        .then(a.0.cmp(&b.0))
                });
                LineEngine {
                    line: li,
                    k,
                    initial: l
                        .stations
                        .iter()
                        .enumerate()
                        .map(|(i, st)| if i == 0 { 0.0 } else { st.initial_stock })
                        .collect(),
                    buffer: l
                        .stations
                        .iter()
                        .enumerate()
                        .map(|(i, st)| if i == 0 { None } else { st.buffer_capacity })
                        .collect(),
                    cur: vec![0.0; k * nb],
                    prev: vec![0.0; k * nb],
                    staffed: vec![0.0; k * nb],
                    home: vec![0.0; nb],
                    home_day: vec![0.0; n_days],
                    targets,
                }
            })
            .collect();
        // Home batches: unresolvable ones are left out (the checker reports them).
        for b in &roster.home_batches {
            let (Some(li), Some(d)) = (
                s.lines.iter().position(|l| l.id == b.line),
                s.horizon.index_of(b.back_date),
            ) else {
                continue;
            };
            let bucket = match resolution {
                Resolution::Daily => d,
                Resolution::Minutes(bm) => (d as i64 * MINUTES_PER_DAY / bm) as usize,
            };
            if bucket < nb && d < n_days && b.units_back.is_finite() {
                lines[li].home[bucket] += b.units_back;
                lines[li].home_day[d] += b.units_back;
            }
        }
        let mut station_at: HashMap<&str, (usize, usize)> = HashMap::new();
        for (li, l) in s.lines.iter().enumerate() {
            for (pos, st) in l.stations.iter().enumerate() {
                station_at.insert(st.id.as_str(), (li, pos));
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
            match resolution {
                Resolution::Daily => {
                    let b = pos * nb + day;
                    le.cur[b] += total_units;
                    le.staffed[b] += dur as f64;
                    attendance[slot].contributions.push(Contribution {
                        line: li,
                        pos,
                        bucket: day,
                        prev: false,
                        units: total_units,
                    });
                }
                Resolution::Minutes(bm) => {
                    let start = day as i64 * MINUTES_PER_DAY
                        + crate::model::time_minute_of_day(shift.start);
                    let end = start + dur;
                    let rate = if dur > 0 {
                        total_units / dur as f64
                    } else {
                        0.0
                    };
                    let mut b = (start / bm) as usize;
                    while (b as i64) * bm < end && b < nb {
                        let b0 = b as i64 * bm;
                        let overlap = (end.min(b0 + bm) - start.max(b0)) as f64;
                        let units = overlap * rate;
                        let prev = (b0 / MINUTES_PER_DAY) as usize != day;
                        let ix = pos * nb + b;
                        if prev {
                            le.prev[ix] += units;
                        } else {
                            le.cur[ix] += units;
                        }
                        le.staffed[ix] += overlap;
                        attendance[slot].contributions.push(Contribution {
                            line: li,
                            pos,
                            bucket: b,
                            prev,
                            units,
                        });
                        b += 1;
                    }
                }
            }
        }
        Ok(Engine {
            resolution,
            n_days,
            nb,
            lines,
            attendance,
        })
    }

    /// Calendar day index of bucket `b`.
    pub fn day_of(&self, b: usize) -> usize {
        match self.resolution {
            Resolution::Daily => b,
            Resolution::Minutes(bm) => (b as i64 * bm / MINUTES_PER_DAY) as usize,
        }
    }

    /// Runs the flow of one line with capacities `cur` + `prev` (k × nb).
    pub fn run_line(&self, le: &LineEngine, cur: &[f64], prev: &[f64], out: &mut LineOut) {
        let (k, nb) = (le.k, self.nb);
        for v in [
            &mut out.produced,
            &mut out.stock_end,
            &mut out.starved,
            &mut out.blocked,
        ] {
            v.clear();
            v.resize(k * nb, 0.0);
        }
        out.cap.clear();
        out.cap
            .extend(cur.iter().zip(prev).map(|(a, b)| (a + b).max(0.0)));
        out.stock.clear();
        out.stock.extend_from_slice(&le.initial);
        for b in 0..nb {
            let mut inflow = f64::INFINITY;
            for i in 0..k {
                let ix = i * nb + b;
                let cap = out.cap[ix];
                let available = if i == 0 {
                    f64::INFINITY
                } else {
                    out.stock[i] + inflow
                };
                let made = cap.min(available);
                if i > 0 {
                    out.stock[i] = available - made;
                }
                out.produced[ix] = made;
                out.starved[ix] = cap - made;
                inflow = if i == 0 { made + le.home[b] } else { made };
            }
            for i in (1..k).rev() {
                if let Some(cap) = le.buffer[i] {
                    let over = out.stock[i] - cap;
                    if over > 0.0 {
                        let up = (i - 1) * nb + b;
                        out.produced[up] -= over;
                        out.blocked[up] += over;
                        out.stock[i] = cap;
                        if i > 1 {
                            out.stock[i - 1] += over;
                        }
                    }
                }
            }
            for i in 0..k {
                out.stock_end[i * nb + b] = out.stock[i];
            }
        }
    }

    /// Splits bucket values of station `i` to the dates the shifts started,
    /// in proportion to the capacity each date's shifts brought.
    pub fn by_shift_day(
        &self,
        cur: &[f64],
        prev: &[f64],
        i: usize,
        values: &[f64],
        days: &mut [f64],
    ) {
        let nb = self.nb;
        days.iter_mut().for_each(|d| *d = 0.0);
        for b in 0..nb {
            let ix = i * nb + b;
            let v = values[ix];
            if v == 0.0 {
                continue;
            }
            let day = self.day_of(b);
            let (c, p) = (cur[ix], prev[ix]);
            let total = c + p;
            if total <= 0.0 {
                continue;
            }
            if c > 0.0 && day < days.len() {
                days[day] += v * c / total;
            }
            if p > 0.0 && day >= 1 && day - 1 < days.len() {
                days[day - 1] += v * p / total;
            }
        }
    }

    /// Credits the line's targets from its finished units per date (the
    /// daily estimate's rules: by_date milestones; on_date deliveries from
    /// finished goods, polymatroid greedy). Writes `credit[target]`, returns
    /// nothing; `scratch` has one slot per date.
    pub fn credit(
        &self,
        s: &Scenario,
        le: &LineEngine,
        finished: &[f64],
        cum: &mut [f64],
        delivered_by: &mut [f64],
        credit: &mut [f64],
    ) {
        let n = self.n_days;
        let mut acc = 0.0;
        for d in 0..n {
            acc += finished[d];
            cum[d] = acc;
            delivered_by[d] = 0.0;
        }
        for &(t, d, kind) in &le.targets {
            match kind {
                TargetKind::ByDate => credit[t] = cum[d],
                TargetKind::OnDate => {
                    let mut room = f64::INFINITY;
                    for e in d..n {
                        room = room.min(cum[e] - delivered_by[e]);
                    }
                    let q = s.targets[t].units.min(room.max(0.0));
                    credit[t] = q;
                    for slot in delivered_by.iter_mut().skip(d) {
                        *slot += q;
                    }
                }
            }
        }
    }

    fn report(&self, s: &Scenario) -> FlowEstimate {
        let n = self.n_days;
        let bm = match self.resolution {
            Resolution::Daily => MINUTES_PER_DAY as u32,
            Resolution::Minutes(bm) => bm as u32,
        };
        let dates = s.horizon.dates();
        let mut out = FlowEstimate {
            bucket_minutes: bm,
            start: s.horizon.start.and_hms_opt(0, 0, 0).unwrap_or_default(),
            buckets: self.nb,
            series: Vec::new(),
            stations: Vec::new(),
            lines: Vec::new(),
            targets: Vec::new(),
        };
        let mut credit = vec![0.0; s.targets.len()];
        let mut lo = LineOut::default();
        let (mut cum, mut delivered) = (vec![0.0; n], vec![0.0; n]);
        for le in &self.lines {
            let line = &s.lines[le.line];
            self.run_line(le, &le.cur, &le.prev, &mut lo);
            let nb = self.nb;
            let mut day_cap = vec![vec![0.0; n]; le.k];
            let mut day_prod = vec![vec![0.0; n]; le.k];
            let mut day_starved = vec![vec![0.0; n]; le.k];
            let mut day_blocked = vec![vec![0.0; n]; le.k];
            let starved_pm: Vec<f64> = pm(&lo.starved, &lo.cap, &le.staffed);
            let blocked_pm: Vec<f64> = pm(&lo.blocked, &lo.cap, &le.staffed);
            for i in 0..le.k {
                self.by_shift_day(&le.cur, &le.prev, i, &lo.cap, &mut day_cap[i]);
                self.by_shift_day(&le.cur, &le.prev, i, &lo.produced, &mut day_prod[i]);
                self.by_shift_day(&le.cur, &le.prev, i, &starved_pm, &mut day_starved[i]);
                self.by_shift_day(&le.cur, &le.prev, i, &blocked_pm, &mut day_blocked[i]);
                let r = i * nb..(i + 1) * nb;
                out.series.push(StationSeries {
                    line: line.id.clone(),
                    station: line.stations[i].id.clone(),
                    capacity_units: lo.cap[r.clone()].to_vec(),
                    produced_units: lo.produced[r.clone()].to_vec(),
                    stock_end: lo.stock_end[r.clone()].to_vec(),
                    staffed_person_minutes: le.staffed[r.clone()].to_vec(),
                    starved_person_minutes: starved_pm[r.clone()].to_vec(),
                    blocked_person_minutes: blocked_pm[r].to_vec(),
                });
            }
            for i in 0..le.k {
                for (d, &date) in dates.iter().enumerate() {
                    let buckets: Vec<usize> = (0..nb).filter(|&b| self.day_of(b) == d).collect();
                    let peak = buckets
                        .iter()
                        .map(|&b| lo.stock_end[i * nb + b])
                        .fold(0.0, f64::max);
                    let end = buckets.last().map_or(0.0, |&b| lo.stock_end[i * nb + b]);
                    out.stations.push(StationFlowDay {
                        line: line.id.clone(),
                        station: line.stations[i].id.clone(),
                        date,
                        capacity_units: day_cap[i][d],
                        produced_units: day_prod[i][d],
                        starved_person_minutes: day_starved[i][d],
                        blocked_person_minutes: day_blocked[i][d],
                        peak_stock: peak,
                        stock_end: end,
                    });
                }
            }
            let mut finished: Vec<f64> = if le.k == 0 {
                vec![0.0; n]
            } else {
                day_prod[le.k - 1].clone()
            };
            le.add_home_finished(&mut finished);
            self.credit(s, le, &finished, &mut cum, &mut delivered, &mut credit);
            for (d, &date) in dates.iter().enumerate() {
                let bottleneck = (0..le.k)
                    .rev()
                    .find(|&i| i == 0 || day_prod[i][d] >= day_cap[i][d] - EPS)
                    .map(|i| line.stations[i].id.clone());
                let wanted: Vec<f64> = s
                    .targets
                    .iter()
                    .filter(|t| t.line == line.id && t.date == date && t.kind == TargetKind::OnDate)
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
