//! Attribution of unmet targets and missing contract hours to causes, by
//! analysing the prepared model and the solved roster (DESIGN.md,
//! "Diagnosis and remedies").

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};

use super::{conflicts, Cause, ContractGap, Diagnosis, Limit, RuleId, Shortfall, WindowKind};
use crate::model::{CareWindow, Scenario, Worker};
use crate::prepare::{care_intervals, Prepared, EPS};
use crate::report::{Plan, StationDay, StationInterval};

/// Why a worker does not (or cannot) add a shift at a station on a date.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Avail {
    /// Already rostered at this station.
    Here,
    /// Rostered at another station (index).
    Elsewhere(usize),
    /// May not work on the station's line.
    NotOnLine,
    /// A caregiving window (index into the worker's `unavailable`).
    Window(usize),
    /// A per-worker rule.
    Rule(RuleId),
    /// Every shift they could add here runs while all the station's
    /// workplaces are taken.
    Full,
    /// Could be added (a workplace is free for the whole shift); the
    /// cheapest wage cost per unit (and per hour).
    Free { per_unit: f64, per_hour: f64 },
}

/// The prepared model plus the roster, indexed.
pub(super) struct Ctx<'a> {
    pub p: Prepared<'a>,
    /// (occurrence, station) each worker works on each day.
    pub on: Vec<Vec<Option<(usize, usize)>>>,
    /// Candidates by (worker, day, station).
    cand_by: HashMap<(usize, usize, usize), Vec<usize>>,
    /// Shift indices each line runs.
    pub line_shifts: Vec<Vec<usize>>,
    /// Care intervals of each worker, per window.
    windows: Vec<Vec<Vec<(i64, i64)>>>,
    /// Station-day rows of the plan, by (station index, day).
    station_days: HashMap<(usize, usize), &'a StationDay>,
    /// Occurrences worked at each (station, day), one entry per person.
    worked_at: HashMap<(usize, usize), Vec<usize>>,
    /// The plan's intervals with capacity, per station, in time order.
    intervals: HashMap<usize, Vec<&'a StationInterval>>,
    /// `occ_full` answers, computed once per (station, occurrence).
    full: std::cell::RefCell<HashMap<(usize, usize), bool>>,
}

impl<'a> Ctx<'a> {
    pub fn new(s: &'a Scenario, plan: &'a Plan) -> Self {
        let p = Prepared::new(s);
        let nw = s.workers.len();
        let nd = p.dates.len();
        let widx: HashMap<&str, usize> = s
            .workers
            .iter()
            .enumerate()
            .map(|(i, w)| (w.id.as_str(), i))
            .collect();
        let sidx: HashMap<&str, usize> = p
            .stations
            .iter()
            .enumerate()
            .map(|(i, st)| (st.station.id.as_str(), i))
            .collect();
        let mut on = vec![vec![None; nd]; nw];
        for a in &plan.roster.assignments {
            let (Some(&w), Some(&st), Some(d)) = (
                widx.get(a.worker.as_str()),
                sidx.get(a.station.as_str()),
                s.horizon.index_of(a.date),
            ) else {
                continue;
            };
            let occ = p
                .occs
                .iter()
                .position(|o| o.day == d && p.shifts[o.shift].id == a.shift);
            if let Some(o) = occ {
                on[w][d] = Some((o, st));
            }
        }
        let mut cand_by: HashMap<(usize, usize, usize), Vec<usize>> = HashMap::new();
        for (ci, c) in p.cands.iter().enumerate() {
            cand_by
                .entry((c.worker, p.occs[c.occ].day, c.station))
                .or_default()
                .push(ci);
        }
        let line_shifts = s
            .lines
            .iter()
            .map(|l| {
                l.shifts
                    .iter()
                    .filter_map(|id| p.shifts.iter().position(|sh| &sh.id == id))
                    .collect()
            })
            .collect();
        let windows = s
            .workers
            .iter()
            .map(|w| {
                w.unavailable
                    .iter()
                    .map(|win| {
                        let one = Worker {
                            unavailable: vec![win.clone()],
                            ..w.clone()
                        };
                        care_intervals(s, &one)
                    })
                    .collect()
            })
            .collect();
        let mut station_days = HashMap::new();
        for sd in &plan.throughput.stations {
            if let (Some(&st), Some(d)) =
                (sidx.get(sd.station.as_str()), s.horizon.index_of(sd.date))
            {
                station_days.insert((st, d), sd);
            }
        }
        let mut worked_at: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (d, cell) in on.iter().flat_map(|days| days.iter().enumerate()) {
            if let Some((o, st)) = *cell {
                worked_at.entry((st, d)).or_default().push(o);
            }
        }
        let mut intervals: HashMap<usize, Vec<&StationInterval>> = HashMap::new();
        for iv in &plan.throughput.intervals {
            if let Some(&st) = sidx.get(iv.station.as_str()) {
                intervals.entry(st).or_default().push(iv);
            }
        }
        Ctx {
            p,
            intervals,
            full: Default::default(),
            on,
            cand_by,
            line_shifts,
            windows,
            station_days,
            worked_at,
        }
    }

    /// Occurrences of line `l`'s shifts on day `d`.
    pub fn line_occs(&self, l: usize, d: usize) -> Vec<usize> {
        (0..self.p.occs.len())
            .filter(|&o| {
                self.p.occs[o].day == d && self.line_shifts[l].contains(&self.p.occs[o].shift)
            })
            .collect()
    }

    pub fn station_day(&self, st: usize, d: usize) -> Option<&StationDay> {
        self.station_days.get(&(st, d)).copied()
    }

    /// Is every workplace of station `st` taken at some moment of
    /// occurrence `o` (so nobody more could work it there)? The workplace
    /// rule counts the people present at each shift start, and the most
    /// people present during a span are present at one of those starts.
    pub fn occ_full(&self, st: usize, o: usize) -> bool {
        if let Some(&known) = self.full.borrow().get(&(st, o)) {
            return known;
        }
        let full = self.occ_full_uncached(st, o);
        self.full.borrow_mut().insert((st, o), full);
        full
    }

    fn occ_full_uncached(&self, st: usize, o: usize) -> bool {
        let wp = self.p.stations[st].station.workplaces as usize;
        let (a, b) = (self.p.occs[o].start, self.p.occs[o].end);
        let d = self.p.occs[o].day;
        // A shift lasts at most a day: only those of days d − 1 to d + 1
        // can overlap it (an index, not a scan of every worker and date).
        let near: Vec<usize> = [d.checked_sub(1), Some(d), Some(d + 1)]
            .into_iter()
            .flatten()
            .filter_map(|day| self.worked_at.get(&(st, day)))
            .flatten()
            .copied()
            .filter(|&o2| self.p.occs[o2].start < b && a < self.p.occs[o2].end)
            .collect();
        let present = |t: i64| {
            near.iter()
                .filter(|&&o2| self.p.occs[o2].start <= t && t < self.p.occs[o2].end)
                .count()
        };
        std::iter::once(a)
            .chain(
                near.iter()
                    .map(|&o2| self.p.occs[o2].start)
                    .filter(|&t| a < t),
            )
            .any(|t| present(t) >= wp)
    }

    /// The shifts (indices) of station `st`'s line on day `d` during which
    /// every workplace was taken at some moment.
    pub fn full_shifts(&self, st: usize, d: usize) -> Vec<usize> {
        self.line_occs(self.p.stations[st].line, d)
            .into_iter()
            .filter(|&o| self.occ_full(st, o))
            .map(|o| self.p.occs[o].shift)
            .collect()
    }

    /// A `WorkplacesFull` cause for station `st` on `dates` during `shifts`.
    pub fn full_cause(&self, st: usize, shifts: &[usize], dates: Vec<NaiveDate>) -> Cause {
        let station = self.p.stations[st].station;
        Cause::WorkplacesFull {
            station: station.id.clone(),
            workplaces: station.workplaces,
            dates,
            shifts: shifts
                .iter()
                .map(|&i| self.p.shifts[i].id.clone())
                .collect(),
        }
    }

    /// Why worker `w` does not add a shift at station `st` on day `d`.
    pub fn avail(&self, w: usize, d: usize, st: usize) -> Avail {
        if let Some((_, s2)) = self.on[w][d] {
            return if s2 == st {
                Avail::Here
            } else {
                Avail::Elsewhere(s2)
            };
        }
        let s = self.p.s;
        let worker = &s.workers[w];
        let line = self.p.stations[st].line;
        if !worker.lines.is_empty() && !worker.lines.contains(&s.lines[line].id) {
            return Avail::NotOnLine;
        }
        let Some(cands) = self.cand_by.get(&(w, d, st)) else {
            // No candidate: a window, or the shift is too long for the daily caps.
            for o in self.line_occs(line, d) {
                let occ = &self.p.occs[o];
                if let Some(k) = self.windows[w]
                    .iter()
                    .position(|iv| iv.iter().any(|&(a, b)| a < occ.end && occ.start < b))
                {
                    if !self.too_long(w, o) {
                        return Avail::Window(k);
                    }
                }
            }
            return Avail::Rule(RuleId::DailyHours);
        };
        let mut first_rule = None;
        let mut best: Option<(f64, f64)> = None;
        let mut full = false;
        for &c in cands {
            match self.rule_blocking(w, c) {
                Some(r) => {
                    first_rule.get_or_insert(r);
                }
                None if self.occ_full(st, self.p.cands[c].occ) => full = true,
                None => {
                    let cand = &self.p.cands[c];
                    let per_unit = cand.cost / cand.units.max(EPS);
                    let per_hour = cand.cost / cand.hours.max(EPS);
                    if best.is_none_or(|(u, _)| per_unit < u) {
                        best = Some((per_unit, per_hour));
                    }
                }
            }
        }
        match (best, first_rule) {
            (Some((per_unit, per_hour)), _) => Avail::Free { per_unit, per_hour },
            (None, _) if full => Avail::Full,
            (None, Some(r)) => Avail::Rule(r),
            (None, None) => Avail::Rule(RuleId::DailyHours),
        }
    }

    fn too_long(&self, w: usize, o: usize) -> bool {
        let s = self.p.s;
        let hours = self.p.occs[o].paid_minutes as f64 / 60.0;
        let max_day = s.workers[w]
            .max_hours_per_day
            .unwrap_or(f64::INFINITY)
            .min(s.rules.max_hours_per_day);
        hours > max_day + EPS
            || (hours - s.rules.standard_hours_per_day).max(0.0)
                > s.rules.max_overtime_hours_per_day + EPS
    }

    /// The first roster-dependent rule that adding candidate `c` would break.
    fn rule_blocking(&self, w: usize, c: usize) -> Option<RuleId> {
        let p = &self.p;
        let r = &p.s.rules;
        let cand = &p.cands[c];
        let d = p.occs[cand.occ].day;
        let nd = p.dates.len();
        let b = d / 7;
        let (a, z) = p.weeks[b];
        let worked = |x: usize| self.on[w][x].is_some();
        let cand_of = |x: usize| {
            self.on[w][x].and_then(|(o, st)| {
                self.cand_by
                    .get(&(w, x, st))
                    .and_then(|v| v.iter().copied().find(|&ci| p.cands[ci].occ == o))
            })
        };
        let paid: f64 = (a..=z)
            .filter_map(cand_of)
            .map(|ci| p.cands[ci].hours)
            .sum();
        if paid + cand.hours > p.max_week_hours(w) + EPS {
            return Some(RuleId::WeeklyHours);
        }
        let days = (a..=z).filter(|&x| worked(x)).count() + 1;
        let allowed = (z - a + 1).min(7usize.saturating_sub(r.min_days_off_per_week as usize));
        if days > allowed {
            return Some(RuleId::DaysOff);
        }
        let before = (0..d).rev().take_while(|&x| worked(x)).count();
        let after = (d + 1..nd).take_while(|&x| worked(x)).count();
        if before + 1 + after > r.max_consecutive_days as usize {
            return Some(RuleId::ConsecutiveDays);
        }
        let mut daily_ot = cand.daily_overtime_hours;
        let mut normal = vec![0.0; p.weeks.len()];
        normal[b] += cand.standard_hours;
        for x in 0..nd {
            if let Some(ci) = cand_of(x) {
                daily_ot += p.cands[ci].daily_overtime_hours;
                normal[x / 7] += p.cands[ci].standard_hours;
            }
        }
        let weekly_ot: f64 = normal
            .iter()
            .map(|h| (h - r.standard_hours_per_week).max(0.0))
            .sum();
        if daily_ot + weekly_ot > p.overtime_cap() + EPS {
            return Some(RuleId::OvertimeCap);
        }
        let min_rest = (r.min_rest_hours * 60.0).ceil() as i64;
        let o = &p.occs[cand.occ];
        for x in d.saturating_sub(2)..(d + 3).min(nd) {
            if x == d {
                continue;
            }
            if let Some((o2, _)) = self.on[w][x] {
                let o2 = &p.occs[o2];
                let gap = if x > d {
                    o2.start - o.end
                } else {
                    o.start - o2.end
                };
                if gap < min_rest {
                    return Some(RuleId::MinRest);
                }
            }
        }
        None
    }

    /// Spans of `dates` in which station `st` (at position `i` of its line)
    /// had capacity it could not use: starved of material (`blocked` false)
    /// or blocked by the full buffer of the next station (`blocked` true).
    /// Consecutive intervals merge; each span is (from, to, lost units,
    /// first interval, last interval).
    fn idle_spans(
        &self,
        line: &[usize],
        i: usize,
        dates: &[NaiveDate],
        blocked: bool,
    ) -> Vec<Span> {
        let st = line[i];
        let Some(rows) = self.intervals.get(&st) else {
            return Vec::new();
        };
        let next = line.get(i + 1).copied();
        let buffer = next.and_then(|n| self.p.stations[n].station.buffer_capacity);
        let mut out: Vec<Span> = Vec::new();
        for (k, iv) in rows.iter().enumerate() {
            if !dates.contains(&iv.start.date()) || iv.produced_units >= iv.capacity_units - EPS {
                continue;
            }
            let full_after = match (next, buffer) {
                (Some(n), Some(b)) => self.stock_at(n, iv.end) >= b - EPS,
                _ => false,
            };
            let is_blocked = full_after;
            let is_starved = !full_after && i > 0 && iv.stock_end <= EPS;
            if (blocked && !is_blocked) || (!blocked && !is_starved) {
                continue;
            }
            let lost = iv.capacity_units - iv.produced_units;
            match out.last_mut() {
                Some(last) if last.1 == iv.start && last.4 + 1 == k => {
                    last.1 = iv.end;
                    last.2 += lost;
                    last.4 = k;
                }
                _ => out.push((iv.start, iv.end, lost, k, k)),
            }
        }
        out
    }

    /// Stock in front of station `st` at instant `t` (the end of one of the
    /// clock's intervals): the stock at the end of the last interval with
    /// capacity ending at or before `t`, else the initial stock. Between its
    /// intervals with capacity a station's stock only grows, so this is a
    /// lower bound, exact when `st` had capacity in the interval ending at `t`.
    fn stock_at(&self, st: usize, t: NaiveDateTime) -> f64 {
        self.intervals
            .get(&st)
            .and_then(|rows| rows.iter().rev().find(|iv| iv.end <= t))
            .map_or(self.p.stations[st].station.initial_stock, |iv| iv.stock_end)
    }

    /// Clock causes for limiting station `line[i]` on `dates`: the next
    /// station starved (material from this one ran out), and the station
    /// before it blocked by this one's full buffer.
    pub fn clock_causes(&self, line: &[usize], i: usize, dates: &[NaiveDate]) -> Vec<Cause> {
        let mut out = Vec::new();
        let id = |x: usize| self.p.stations[x].station.id.clone();
        if i + 1 < line.len() {
            let down = line[i + 1];
            for (from, to, lost, _, _) in self.idle_spans(line, i + 1, dates, false) {
                let up_rows = self.intervals.get(&line[i]);
                let during: Vec<&&StationInterval> = up_rows
                    .map(|r| {
                        r.iter()
                            .filter(|iv| iv.start < to && from < iv.end)
                            .collect()
                    })
                    .unwrap_or_default();
                let made: f64 = during.iter().map(|iv| iv.produced_units).sum();
                let last = if during.is_empty() {
                    up_rows.and_then(|r| {
                        let k = r.iter().rposition(|iv| iv.end <= from)?;
                        let mut a = k;
                        while a > 0 && r[a - 1].end == r[a].start {
                            a -= 1;
                        }
                        Some((r[a].start, r[k].end))
                    })
                } else {
                    None
                };
                out.push(Cause::Starved {
                    station: id(down),
                    upstream: id(line[i]),
                    from,
                    to,
                    lost_units: lost,
                    upstream_made_units: made,
                    upstream_last_worked: last,
                });
            }
        }
        if i > 0 {
            if let Some(b) = self.p.stations[line[i]].station.buffer_capacity {
                for (from, to, lost, _, _) in self.idle_spans(line, i - 1, dates, true) {
                    out.push(Cause::Blocked {
                        station: id(line[i - 1]),
                        downstream: id(line[i]),
                        buffer: b,
                        from,
                        to,
                        lost_units: lost,
                    });
                }
            }
        }
        out
    }

    pub fn window_cause(&self, w: usize, k: usize, dates: Vec<NaiveDate>) -> Cause {
        let worker = &self.p.s.workers[w];
        let (window, reason) = match &worker.unavailable[k] {
            CareWindow::Weekly { reason, .. } => (WindowKind::Weekly, reason),
            CareWindow::Leave { reason, .. } => (WindowKind::Leave, reason),
            CareWindow::Absence { reason, .. } => (WindowKind::Absence, reason),
        };
        Cause::CaregivingWindow {
            worker: worker.id.clone(),
            window,
            reason: reason.clone(),
            dates,
        }
    }
}

/// A span of idle capacity: from, to, units lost, first and last row.
type Span = (NaiveDateTime, NaiveDateTime, f64, usize, usize);

/// Date lists per key, keys in order.
struct Dated<K: Ord> {
    map: BTreeMap<K, Vec<NaiveDate>>,
}

impl<K: Ord> Default for Dated<K> {
    fn default() -> Self {
        Self {
            map: BTreeMap::new(),
        }
    }
}

impl<K: Ord> Dated<K> {
    fn add(&mut self, k: K, d: NaiveDate) {
        let v = self.map.entry(k).or_default();
        if !v.contains(&d) {
            v.push(d);
        }
    }
}

pub(super) fn diagnose(s: &Scenario, plan: &Plan) -> Diagnosis {
    let ctx = Ctx::new(s, plan);
    let mut out = Diagnosis {
        conflicts: conflicts::find(s),
        ..Diagnosis::default()
    };
    for (t, r) in plan.throughput.targets.iter().enumerate() {
        if r.shortfall_units <= EPS {
            continue;
        }
        let Some(target) = s.targets.get(t) else {
            continue;
        };
        let Some(li) = s.lines.iter().position(|l| l.id == target.line) else {
            continue;
        };
        let Some(dt) = s.horizon.index_of(target.date) else {
            continue;
        };
        let limits = limits(&ctx, li, dt, r.shortfall_units, ctx.p.shortfall_penalty(t));
        out.shortfalls.push(Shortfall {
            target: target.id.clone(),
            line: target.line.clone(),
            date: target.date,
            kind: target.kind,
            target_units: r.target_units,
            credited_units: r.finished_units,
            finished_on_date_units: plan
                .throughput
                .lines
                .iter()
                .filter(|l| l.line == target.line && l.date == target.date)
                .map(|l| l.finished_units)
                .sum(),
            shortfall_units: r.shortfall_units,
            limits,
        });
    }
    out.contract_gaps = contract_gaps(&ctx);
    out
}

/// The stations that limited line `li` on the dates up to `dt`, with the
/// shortfall `z` shared equally over the running dates and, on each date,
/// over the stations that needed capacity.
fn limits(ctx: &Ctx<'_>, li: usize, dt: usize, z: f64, penalty: f64) -> Vec<Limit> {
    let p = &ctx.p;
    let line = &p.line_stations[li];
    let running: Vec<usize> = (0..=dt)
        .filter(|&d| !ctx.line_occs(li, d).is_empty())
        .collect();
    if running.is_empty() || line.is_empty() {
        return vec![Limit {
            station: None,
            dates: Vec::new(),
            units: z,
            capacity_units: 0.0,
            causes: vec![Cause::LineNotRunning {
                line: p.s.lines[li].id.clone(),
                dates: (0..=dt).map(|d| p.dates[d]).collect(),
            }],
        }];
    }
    let share = z / running.len() as f64;
    // station index -> (dates, units, capacity, starved downstream dates)
    let mut per: BTreeMap<usize, (Vec<usize>, f64, f64)> = BTreeMap::new();
    let mut starved: Dated<(usize, usize)> = Dated::default();
    for &d in &running {
        let mut need = Vec::new();
        for i in (0..line.len()).rev() {
            let st = line[i];
            let (cap, made, stock) = ctx
                .station_day(st, d)
                .map(|x| (x.capacity_units, x.produced_units, x.stock_end))
                .unwrap_or((0.0, 0.0, 0.0));
            if made >= cap - EPS {
                need.push(i);
                if i == 0 || stock > EPS {
                    break;
                }
            }
        }
        let each = share / need.len() as f64;
        for &i in &need {
            let st = line[i];
            let e = per.entry(st).or_insert((Vec::new(), 0.0, 0.0));
            e.0.push(d);
            e.1 += each;
            e.2 += ctx.station_day(st, d).map_or(0.0, |x| x.capacity_units);
            // The walk passed the next station only if it did not use its
            // capacity: it waited for material from this one.
            if i + 1 < line.len() && !need.contains(&(i + 1)) {
                starved.add((st, line[i + 1]), p.dates[d]);
            }
        }
    }
    per.into_iter()
        .map(|(st, (days, units, capacity))| {
            let mut causes = station_causes(ctx, st, &days, penalty);
            if let Some(i) = line.iter().position(|&x| x == st) {
                let dates: Vec<NaiveDate> = days.iter().map(|&d| p.dates[d]).collect();
                causes.extend(ctx.clock_causes(line, i, &dates));
            }
            for ((up, down), dates) in starved.map.iter().filter(|((up, _), _)| *up == st) {
                causes.push(Cause::UpstreamStock {
                    upstream: p.stations[*up].station.id.clone(),
                    downstream: p.stations[*down].station.id.clone(),
                    initial_stock: p.stations[*down].station.initial_stock,
                    dates: dates.clone(),
                });
            }
            Limit {
                station: Some(p.stations[st].station.id.clone()),
                dates: days.iter().map(|&d| p.dates[d]).collect(),
                units,
                capacity_units: capacity,
                causes,
            }
        })
        .collect()
}

/// Why station `st` got no more capacity on `days`.
fn station_causes(ctx: &Ctx<'_>, st: usize, days: &[usize], penalty: f64) -> Vec<Cause> {
    let p = &ctx.p;
    let s = p.s;
    let station = p.stations[st].station;
    let line = &s.lines[p.stations[st].line];
    let qualified: Vec<usize> = (0..s.workers.len())
        .filter(|&w| s.workers[w].efficiency(&station.skill).is_some())
        .collect();
    if qualified.is_empty() {
        return vec![Cause::NoQualifiedWorker {
            station: station.id.clone(),
            skill: station.skill.clone(),
        }];
    }
    let mut causes = Vec::new();
    let mut full: Dated<Vec<usize>> = Dated::default();
    let mut windows: Dated<(usize, usize)> = Dated::default();
    let mut rules: Dated<(usize, RuleId)> = Dated::default();
    let mut elsewhere: Dated<(usize, usize)> = Dated::default();
    let mut not_on_line = Vec::new();
    let mut free: Vec<usize> = Vec::new();
    let mut free_dates = Vec::new();
    let mut short_dates = Vec::new();
    let mut cheapest = f64::INFINITY;
    for &d in days {
        let date = p.dates[d];
        let full_shifts = ctx.full_shifts(st, d);
        let avail: Vec<(usize, Avail)> = qualified
            .iter()
            .map(|&w| (w, ctx.avail(w, d, st)))
            .collect();
        let any_free = avail.iter().any(|(_, a)| matches!(a, Avail::Free { .. }));
        let any_full = avail.iter().any(|(_, a)| *a == Avail::Full);
        // Full workplaces are a cause when they kept someone out, or when
        // they were full during every shift of the line.
        if !full_shifts.is_empty()
            && (any_full || full_shifts.len() == ctx.line_occs(p.stations[st].line, d).len())
        {
            full.add(full_shifts, date);
        }
        for (w, a) in avail {
            match a {
                // On a date with someone free, the blockers of the others do
                // not bind: only the free workers are reported.
                _ if any_free && !matches!(a, Avail::Free { .. }) => {}
                Avail::Here | Avail::Full => {}
                Avail::Elsewhere(s2) => elsewhere.add((w, s2), date),
                Avail::NotOnLine => {
                    if !not_on_line.contains(&w) {
                        not_on_line.push(w);
                    }
                }
                Avail::Window(k) => windows.add((w, k), date),
                Avail::Rule(r) => rules.add((w, r), date),
                Avail::Free { per_unit, .. } => {
                    cheapest = cheapest.min(per_unit);
                    if !free.contains(&w) {
                        free.push(w);
                    }
                }
            }
        }
        if any_free {
            free_dates.push(date);
        } else if !any_full {
            short_dates.push(date);
        }
    }
    for (shifts, dates) in full.map {
        causes.push(ctx.full_cause(st, &shifts, dates));
    }
    if !short_dates.is_empty() {
        causes.push(Cause::SkillShortage {
            station: station.id.clone(),
            skill: station.skill.clone(),
            qualified: qualified.iter().map(|&w| s.workers[w].id.clone()).collect(),
            dates: short_dates,
        });
    }
    for ((w, k), dates) in windows.map {
        causes.push(ctx.window_cause(w, k, dates));
    }
    for ((w, rule), dates) in rules.map {
        causes.push(Cause::HoursLimit {
            worker: s.workers[w].id.clone(),
            rule,
            dates,
        });
    }
    for w in not_on_line {
        causes.push(Cause::LineNotAllowed {
            worker: s.workers[w].id.clone(),
            line: line.id.clone(),
        });
    }
    for ((w, s2), dates) in elsewhere.map {
        causes.push(Cause::WorkingElsewhere {
            worker: s.workers[w].id.clone(),
            station: p.stations[s2].station.id.clone(),
            dates,
        });
    }
    if !free.is_empty() {
        causes.push(Cause::UnusedWorkers {
            station: station.id.clone(),
            workers: free.iter().map(|&w| s.workers[w].id.clone()).collect(),
            dates: free_dates,
            cost_per_unit: cheapest,
            penalty_per_unit: penalty,
        });
    }
    causes
}

/// Contracted hours not given, with their causes.
fn contract_gaps(ctx: &Ctx<'_>) -> Vec<ContractGap> {
    let p = &ctx.p;
    let s = p.s;
    let mut out = Vec::new();
    for (w, worker) in s.workers.iter().enumerate() {
        for (b, &(a, z)) in p.weeks.iter().enumerate() {
            let contracted = p.min_week_hours(w, b);
            let rostered: f64 = (a..=z)
                .filter_map(|d| ctx.on[w][d].map(|(o, _)| p.occs[o].paid_minutes as f64 / 60.0))
                .sum();
            if contracted - rostered <= EPS {
                continue;
            }
            out.push(ContractGap {
                worker: worker.id.clone(),
                from: p.dates[a],
                to: p.dates[z],
                contracted_hours: contracted,
                rostered_hours: rostered,
                causes: gap_causes(ctx, w, a, z, contracted),
            });
        }
    }
    out
}

fn gap_causes(ctx: &Ctx<'_>, w: usize, a: usize, z: usize, contracted: f64) -> Vec<Cause> {
    let p = &ctx.p;
    let s = p.s;
    let worker = &s.workers[w];
    let mut causes = Vec::new();
    let max = conflicts::max_block_hours(&ctx.p, w, a, z, &conflicts::Groups::all());
    if max < contracted - EPS {
        causes.push(Cause::ContractUnreachable {
            worker: worker.id.clone(),
            max_hours: max,
            contracted_hours: contracted,
        });
    }
    let stations: Vec<usize> = (0..p.stations.len())
        .filter(|&st| worker.efficiency(&p.stations[st].station.skill).is_some())
        .collect();
    let mut windows: Dated<usize> = Dated::default();
    let mut rules: Dated<RuleId> = Dated::default();
    let mut full: Dated<(usize, Vec<usize>)> = Dated::default();
    let mut free_dates = Vec::new();
    let (mut per_hour, mut free_station) = (f64::INFINITY, None);
    for d in a..=z {
        if ctx.on[w][d].is_some() {
            continue;
        }
        let date = p.dates[d];
        let mut reason: Option<Avail> = None;
        for &st in &stations {
            if ctx.line_occs(p.stations[st].line, d).is_empty() {
                continue;
            }
            let av = ctx.avail(w, d, st);
            if av == Avail::Full {
                full.add((st, ctx.full_shifts(st, d)), date);
                reason.get_or_insert(Avail::Here);
                continue;
            }
            if let Avail::Free { per_hour: h, .. } = av {
                if h < per_hour {
                    per_hour = h;
                    free_station = Some(st);
                }
                reason = Some(av);
                break;
            }
            if reason.is_none() && av != Avail::NotOnLine {
                reason = Some(av);
            }
        }
        match reason {
            Some(Avail::Window(k)) => windows.add(k, date),
            Some(Avail::Rule(r)) => rules.add(r, date),
            Some(Avail::Free { .. }) => free_dates.push(date),
            _ => {}
        }
    }
    for (k, dates) in windows.map {
        causes.push(ctx.window_cause(w, k, dates));
    }
    for (rule, dates) in rules.map {
        causes.push(Cause::HoursLimit {
            worker: worker.id.clone(),
            rule,
            dates,
        });
    }
    for ((st, shifts), dates) in full.map {
        causes.push(ctx.full_cause(st, &shifts, dates));
    }
    if let (Some(st), false) = (free_station, free_dates.is_empty()) {
        causes.push(Cause::NotRostered {
            worker: worker.id.clone(),
            station: p.stations[st].station.id.clone(),
            dates: free_dates,
            cost_per_hour: per_hour,
            penalty_per_hour: s.penalties.contract_hour,
        });
    }
    if causes.is_empty() {
        // No date of the block was free: the shifts they work are too short.
        causes.push(Cause::ContractUnreachable {
            worker: worker.id.clone(),
            max_hours: max,
            contracted_hours: contracted,
        });
    }
    causes
}
