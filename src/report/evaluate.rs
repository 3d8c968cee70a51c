//! Turns chosen candidates into a roster, and computes its throughput
//! estimate, cost and unmet targets (docs/semantics.md).

use chrono::{Duration, NaiveDateTime};

use super::{
    Assignment, CostBreakdown, CoverResult, HomeBatch, LineDay, Roster, StationDay,
    StationInterval, TargetResult, Throughput, Unmet, UnmetDay,
};
use crate::clock::{self, dues_by_line, run_line, LineFlow, LineRules, Timeline};
use crate::model::{RequestKind, TargetKind};
use crate::prepare::{DayKind, Prepared, EPS};

pub(crate) struct Evaluation {
    pub roster: Roster,
    pub throughput: Throughput,
    pub cost: CostBreakdown,
    pub unmet: Vec<Unmet>,
    pub cover: Vec<CoverResult>,
}

impl Evaluation {
    /// The plan of this evaluated roster with `status`.
    pub(crate) fn into_plan(self, status: super::SolveStatus) -> super::Plan {
        super::Plan {
            status,
            roster: self.roster,
            throughput: self.throughput,
            cost: self.cost,
            unmet: self.unmet,
            cover: self.cover,
        }
    }
}

/// `home`: units of each home batch in `p.home.slots` order (empty = none).
pub(crate) fn evaluate(p: &Prepared<'_>, chosen: &[usize], home: &[f64]) -> Evaluation {
    let mut chosen = chosen.to_vec();
    chosen.sort_by_key(|&c| (p.cands[c].worker, p.occs[p.cands[c].occ].day, c));
    let mut roster = roster(p, &chosen);
    roster.home_batches = home_batches(p, home);
    // Home units coming back per (station, day).
    let mut back = vec![vec![0.0; p.dates.len()]; p.stations.len()];
    for (slot, &units) in p.home.slots.iter().zip(home) {
        back[slot.station][p.home.rounds[slot.round + 1].0] += units;
    }
    let throughput = throughput(p, &chosen, &back);
    let cover = cover(p, &chosen);
    let mut cost = cost(p, &chosen, &throughput);
    for (slot, &units) in p.home.slots.iter().zip(home) {
        let wage = p.s.workers[slot.worker].hourly_wage;
        cost.home_wages += wage * units * slot.minutes_per_unit / 60.0;
    }
    cost.wages_total += cost.home_wages;
    cost.objective += cost.home_wages;
    rostering_cost(p, &chosen, &cover, &mut cost);
    super::add_fairness_cost(p.s, &roster, &mut cost);
    let unmet = unmet(&throughput);
    Evaluation {
        roster,
        throughput,
        cost,
        unmet,
        cover,
    }
}

/// People on each cover requirement's shift.
fn cover(p: &Prepared<'_>, chosen: &[usize]) -> Vec<CoverResult> {
    // Chosen candidates by (date, shift id).
    let mut at: std::collections::HashMap<(chrono::NaiveDate, &str), Vec<usize>> =
        std::collections::HashMap::new();
    for &ci in chosen {
        let o = &p.occs[p.cands[ci].occ];
        at.entry((p.dates[o.day], p.shifts[o.shift].id.as_str()))
            .or_default()
            .push(ci);
    }
    p.s.cover
        .iter()
        .map(|cv| {
            let staffed = at.get(&(cv.date, cv.shift.as_str())).map_or(0, |cs| {
                cs.iter()
                    .filter(|&&ci| {
                        let st = &p.stations[p.cands[ci].station];
                        cv.line.as_ref().is_none_or(|l| &p.s.lines[st.line].id == l)
                            && cv.station.as_ref().is_none_or(|id| &st.station.id == id)
                    })
                    .count()
            }) as u32;
            CoverResult {
                date: cv.date,
                shift: cv.shift.clone(),
                line: cv.line.clone(),
                station: cv.station.clone(),
                required: cv.required,
                staffed,
            }
        })
        .collect()
}

/// Cover and request penalties, added to the objective.
fn rostering_cost(
    p: &Prepared<'_>,
    chosen: &[usize],
    cover: &[CoverResult],
    c: &mut CostBreakdown,
) {
    for (cv, r) in p.s.cover.iter().zip(cover) {
        let short = f64::from(r.required.saturating_sub(r.staffed));
        let excess = f64::from(r.staffed.saturating_sub(r.required));
        c.cover_short += short;
        c.cover_short_penalty += short * cv.under_weight;
        c.cover_excess += excess;
        c.cover_excess_penalty += excess * cv.over_weight;
    }
    // Chosen (worker, date) → shift ids.
    let mut worked: std::collections::HashMap<(usize, chrono::NaiveDate), Vec<&str>> =
        std::collections::HashMap::new();
    for &ci in chosen {
        let cand = &p.cands[ci];
        let o = &p.occs[cand.occ];
        worked
            .entry((cand.worker, p.dates[o.day]))
            .or_default()
            .push(p.shifts[o.shift].id.as_str());
    }
    for r in &p.s.requests {
        let works =
            p.s.workers
                .iter()
                .position(|w| w.id == r.worker)
                .and_then(|w| worked.get(&(w, r.date)))
                .is_some_and(|shifts| {
                    shifts
                        .iter()
                        .any(|sh| r.shift.as_ref().is_none_or(|want| want.as_str() == *sh))
                });
        let broken = match r.kind {
            RequestKind::On => !works,
            RequestKind::Off => works,
        };
        if broken {
            c.requests_broken += 1;
            c.request_penalty += r.weight;
        }
    }
    c.objective += c.cover_short_penalty + c.cover_excess_penalty + c.request_penalty;
}

fn at(p: &Prepared<'_>, minutes: i64) -> NaiveDateTime {
    let midnight = p.s.horizon.start.and_hms_opt(0, 0, 0).unwrap_or_default();
    // Validation keeps horizons far from chrono's limits; saturate regardless.
    midnight
        .checked_add_signed(Duration::minutes(minutes))
        .unwrap_or(midnight)
}

pub(crate) fn roster(p: &Prepared<'_>, chosen: &[usize]) -> Roster {
    let assignments = chosen
        .iter()
        .map(|&ci| {
            let c = &p.cands[ci];
            let o = &p.occs[c.occ];
            let st = &p.stations[c.station];
            Assignment {
                worker: p.s.workers[c.worker].id.clone(),
                date: p.dates[o.day],
                shift: p.shifts[o.shift].id.clone(),
                line: p.s.lines[st.line].id.clone(),
                station: st.station.id.clone(),
                start: at(p, o.start),
                end: at(p, o.end),
                paid_hours: c.hours,
            }
        })
        .collect();
    Roster {
        assignments,
        home_batches: Vec::new(),
    }
}

/// The batches with units, ordered by worker, out date, station.
fn home_batches(p: &Prepared<'_>, home: &[f64]) -> Vec<HomeBatch> {
    let mut out: Vec<(usize, usize, usize, HomeBatch)> = p
        .home
        .slots
        .iter()
        .zip(home)
        .filter(|(_, &units)| units > 0.0)
        .map(|(slot, &units)| {
            let st = &p.stations[slot.station];
            let batch = HomeBatch {
                worker: p.s.workers[slot.worker].id.clone(),
                line: p.s.lines[st.line].id.clone(),
                station: st.station.id.clone(),
                units_out: units,
                out_date: p.dates[p.home.rounds[slot.round].0],
                units_back: units,
                back_date: p.dates[p.home.rounds[slot.round + 1].0],
                minutes: units * slot.minutes_per_unit,
            };
            (slot.worker, slot.round, slot.station, batch)
        })
        .collect();
    out.sort_by_key(|b| (b.0, b.1, b.2));
    out.into_iter().map(|b| b.3).collect()
}

/// `back[station][day]`: home units coming back (docs/semantics.md,
/// "Home-based work"): they leave the station at the start of their collection date.
/// The flow is the clock's ([`crate::clock`]); per date = sums of intervals.
fn throughput(p: &Prepared<'_>, chosen: &[usize], back: &[Vec<f64>]) -> Throughput {
    let nd = p.dates.len();
    let ns = p.stations.len();
    let clock = Timeline::new(p.s);
    let nk = clock.len();
    let mut hours = vec![vec![0.0; nd]; ns];
    let mut people = vec![vec![0u32; nd]; ns];
    // Capacity per (station, interval).
    let mut cap = vec![vec![0.0; nk]; ns];
    for &ci in chosen {
        let c = &p.cands[ci];
        let o = &p.occs[c.occ];
        hours[c.station][o.day] += c.hours;
        people[c.station][o.day] += 1;
        for (k, share) in clock.spread(o.start, o.end) {
            cap[c.station][k] += c.units * share;
        }
    }
    let dues = dues_by_line(p.s);
    let mut credit = vec![0.0; p.s.targets.len()];
    let mut out = Throughput::default();
    let mut flow = LineFlow::default();
    for (li, line) in p.line_stations.iter().enumerate() {
        let line_id = &p.s.lines[li].id;
        let n = line.len();
        let rules = LineRules::of(&p.s.lines[li]);
        let mut caps = vec![0.0; n * nk];
        let mut extra = vec![0.0; n * nk];
        for (i, &s) in line.iter().enumerate() {
            caps[i * nk..(i + 1) * nk].copy_from_slice(&cap[s]);
            for (d, &units) in back[s].iter().enumerate() {
                if units != 0.0 {
                    extra[i * nk + clock.first_of_day(d)] += units;
                }
            }
        }
        run_line(&rules, nk, &caps, &extra, &mut flow);
        // Per date.
        let mut day_cap = vec![vec![0.0; nd]; n];
        let mut day_prod = vec![vec![0.0; nd]; n];
        let mut day_stock = vec![vec![0.0; nd]; n];
        for i in 0..n {
            for k in 0..nk {
                let d = clock.day(k);
                let ix = i * nk + k;
                if d < nd {
                    day_cap[i][d] += caps[ix];
                    day_prod[i][d] += flow.produced[ix];
                    day_stock[i][d] = flow.stock_end[ix];
                }
                if caps[ix] > 0.0 {
                    out.intervals.push(StationInterval {
                        line: line_id.clone(),
                        station: p.stations[line[i]].station.id.clone(),
                        start: at(p, clock.start(k)),
                        end: at(p, clock.end(k)),
                        capacity_units: caps[ix],
                        produced_units: flow.produced[ix],
                        stock_end: flow.stock_end[ix],
                    });
                }
            }
        }
        let finished: Vec<f64> = (0..nd)
            .map(|d| match line.last() {
                Some(&s) => day_prod[n - 1][d] + back[s][d],
                None => 0.0,
            })
            .collect();
        let delivered = clock::credit(&dues[li], &finished, &mut credit);
        for (i, &s) in line.iter().enumerate() {
            for d in 0..nd {
                out.stations.push(StationDay {
                    line: line_id.clone(),
                    station: p.stations[s].station.id.clone(),
                    date: p.dates[d],
                    workers: people[s][d],
                    staffed_hours: hours[s][d],
                    capacity_units: day_cap[i][d],
                    produced_units: day_prod[i][d],
                    stock_end: day_stock[i][d],
                    utilisation: if day_cap[i][d] > 0.0 {
                        day_prod[i][d] / day_cap[i][d]
                    } else {
                        0.0
                    },
                });
            }
        }
        let mut held = 0.0;
        for d in 0..nd {
            held += finished[d] - delivered[d];
            let bottleneck = (0..n)
                .rev()
                .find(|&i| i == 0 || day_prod[i][d] >= day_cap[i][d] - EPS)
                .filter(|_| (0..n).any(|i| day_cap[i][d] > 0.0))
                .map(|i| p.stations[line[i]].station.id.clone());
            let targets: Vec<f64> =
                p.s.targets
                    .iter()
                    .filter(|t| {
                        &t.line == line_id && t.kind != TargetKind::ByDate && t.date == p.dates[d]
                    })
                    .map(|t| t.units)
                    .collect();
            out.lines.push(LineDay {
                line: line_id.clone(),
                date: p.dates[d],
                finished_units: finished[d],
                bottleneck,
                target_units: if targets.is_empty() {
                    None
                } else {
                    Some(targets.iter().sum())
                },
                delivered_units: delivered[d],
                finished_stock_end: held,
            });
        }
    }
    for (t, target) in p.s.targets.iter().enumerate() {
        out.targets.push(TargetResult {
            target: target.id.clone(),
            line: target.line.clone(),
            date: target.date,
            kind: target.kind,
            target_units: target.units,
            finished_units: credit[t],
            shortfall_units: (target.units - credit[t]).max(0.0),
        });
    }
    out
}

fn cost(p: &Prepared<'_>, chosen: &[usize], throughput: &Throughput) -> CostBreakdown {
    let rules = &p.s.rules;
    let mut c = CostBreakdown::default();
    let nw = p.s.workers.len();
    let mut normal = vec![vec![0.0; p.weeks.len()]; nw];
    let mut paid = vec![vec![0.0; p.weeks.len()]; nw];
    let week_of = |d: usize| d / 7;
    for &ci in chosen {
        let cand = &p.cands[ci];
        let w = &p.s.workers[cand.worker];
        let m = w.overtime_multiplier.unwrap_or(rules.overtime_multiplier);
        let d = p.occs[cand.occ].day;
        c.base_wages += w.hourly_wage * cand.hours;
        match p.day_kind[d] {
            DayKind::Workday => {
                c.overtime_premium += w.hourly_wage * cand.daily_overtime_hours * (m - 1.0)
            }
            DayKind::RestDay => {
                c.rest_day_premium += w.hourly_wage * cand.hours * (rules.rest_day_multiplier - 1.0)
            }
            DayKind::Holiday => {
                c.holiday_premium += w.hourly_wage * cand.hours * (rules.holiday_multiplier - 1.0)
            }
        }
        normal[cand.worker][week_of(d)] += cand.standard_hours;
        paid[cand.worker][week_of(d)] += cand.hours;
    }
    for (wi, w) in p.s.workers.iter().enumerate() {
        let m = w.overtime_multiplier.unwrap_or(rules.overtime_multiplier);
        for b in 0..p.weeks.len() {
            let ot = (normal[wi][b] - rules.standard_hours_per_week).max(0.0);
            c.weekly_overtime_hours += ot;
            c.overtime_premium += ot * w.hourly_wage * (m - 1.0);
            c.contract_hours_missing += (p.min_week_hours(wi, b) - paid[wi][b]).max(0.0);
        }
    }
    c.wages_total = c.base_wages + c.overtime_premium + c.rest_day_premium + c.holiday_premium;
    for (t, r) in throughput.targets.iter().enumerate() {
        c.shortfall_units += r.shortfall_units;
        c.shortfall_penalty += r.shortfall_units * p.shortfall_penalty(t);
    }
    c.contract_penalty = c.contract_hours_missing * p.s.penalties.contract_hour;
    c.holding_cost = holding_cost(p, throughput);
    c.objective = c.wages_total + c.shortfall_penalty + c.contract_penalty + c.holding_cost;
    c
}

/// Stock at 24:00 of every date times the holding costs: finished units held
/// per line, work in progress in front of each station after the first.
fn holding_cost(p: &Prepared<'_>, throughput: &Throughput) -> f64 {
    let nd = p.dates.len();
    let mut total = 0.0;
    for (li, line) in p.s.lines.iter().enumerate() {
        // Throughput rows are per line then date, stations then date.
        if let Some(h) = line.holding_cost_per_unit_day.filter(|&h| h > 0.0) {
            total += throughput.lines[li * nd..(li + 1) * nd]
                .iter()
                .map(|l| h * l.finished_stock_end)
                .sum::<f64>();
        }
    }
    for sd in &throughput.stations {
        let Some(st) = p
            .stations
            .iter()
            .find(|x| x.station.id == sd.station)
            .map(|x| x.station)
        else {
            continue;
        };
        if let Some(h) = st.holding_cost_per_unit_day.filter(|&h| h > 0.0) {
            total += h * sd.stock_end;
        }
    }
    total
}

/// The unmet targets as data (the words are [`Unmet`]'s `Display`): what
/// was credited, what the line finished on the target's date itself, and
/// the bottleneck on every date that could feed it.
fn unmet(throughput: &Throughput) -> Vec<Unmet> {
    throughput
        .targets
        .iter()
        .filter(|r| r.shortfall_units > EPS)
        .map(|r| {
            let rows = throughput
                .lines
                .iter()
                .filter(|l| l.line == r.line && l.date <= r.date)
                .filter(|l| l.date == r.date || r.kind != TargetKind::MadeOnDate);
            let finished_on_date_units = rows
                .clone()
                .filter(|l| l.date == r.date)
                .map(|l| l.finished_units)
                .sum();
            let days = rows
                .map(|l| {
                    let sd = l.bottleneck.as_ref().and_then(|b| {
                        throughput
                            .stations
                            .iter()
                            .find(|s| &s.station == b && s.date == l.date && s.line == l.line)
                    });
                    UnmetDay {
                        date: l.date,
                        finished_units: l.finished_units,
                        bottleneck: l.bottleneck.clone(),
                        workers: sd.map_or(0, |s| s.workers),
                        staffed_hours: sd.map_or(0.0, |s| s.staffed_hours),
                        capacity_units: sd.map_or(0.0, |s| s.capacity_units),
                    }
                })
                .collect();
            Unmet {
                target: r.target.clone(),
                line: r.line.clone(),
                date: r.date,
                kind: r.kind,
                target_units: r.target_units,
                credited_units: r.finished_units,
                finished_on_date_units,
                shortfall_units: r.shortfall_units,
                days,
            }
        })
        .collect()
}

/// The inverse of [`roster`] and [`home_batches`]: from a roster back to the
/// prepared model's candidates and home slots. They live with the report
/// types they read, so that `prepare` does not depend on `report`.
impl Prepared<'_> {
    /// Units sent out in each home slot (`home.slots` order) by `batches`
    /// (0 where no batch matches).
    pub fn home_units_of(&self, batches: &[HomeBatch]) -> Vec<f64> {
        self.home
            .slots
            .iter()
            .map(|slot| {
                let worker = &self.s.workers[slot.worker].id;
                let station = &self.stations[slot.station].station.id;
                let out = self.dates[self.home.rounds[slot.round].0];
                batches
                    .iter()
                    .filter(|b| &b.worker == worker && &b.station == station && b.out_date == out)
                    .map(|b| b.units_out)
                    .sum()
            })
            .collect()
    }

    /// The candidates matching a roster's assignments (those that match none
    /// are left out).
    pub fn candidates_of(&self, roster: &[Assignment]) -> Vec<usize> {
        let key = |c: &crate::prepare::Candidate| {
            let o = &self.occs[c.occ];
            (
                self.s.workers[c.worker].id.as_str(),
                self.dates[o.day],
                self.shifts[o.shift].id.as_str(),
                self.stations[c.station].station.id.as_str(),
            )
        };
        let index: std::collections::HashMap<_, usize> = self
            .cands
            .iter()
            .enumerate()
            .map(|(i, c)| (key(c), i))
            .collect();
        roster
            .iter()
            .filter_map(|a| {
                index
                    .get(&(
                        a.worker.as_str(),
                        a.date,
                        a.shift.as_str(),
                        a.station.as_str(),
                    ))
                    .copied()
            })
            .collect()
    }
}
