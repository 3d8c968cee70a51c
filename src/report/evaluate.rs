//! Turns chosen candidates into a roster, and computes its throughput
//! estimate, cost and unmet targets (DESIGN.md, "Semantics").

use chrono::{Duration, NaiveDateTime};

use super::{
    Assignment, CostBreakdown, CoverResult, HomeBatch, LineDay, Roster, StationDay, TargetResult,
    Throughput, Unmet,
};
use crate::model::{RequestKind, TargetKind};
use crate::prepare::{DayKind, Prepared, EPS};

pub(crate) struct Evaluation {
    pub roster: Roster,
    pub throughput: Throughput,
    pub cost: CostBreakdown,
    pub unmet: Vec<Unmet>,
    pub cover: Vec<CoverResult>,
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

/// `back[station][day]`: home units coming back (DESIGN.md, "Home-based
/// work"): they leave the station with its own output that day.
fn throughput(p: &Prepared<'_>, chosen: &[usize], back: &[Vec<f64>]) -> Throughput {
    let nd = p.dates.len();
    let ns = p.stations.len();
    let mut cap = vec![vec![0.0; nd]; ns];
    let mut hours = vec![vec![0.0; nd]; ns];
    let mut people = vec![vec![0u32; nd]; ns];
    for &ci in chosen {
        let c = &p.cands[ci];
        let d = p.occs[c.occ].day;
        cap[c.station][d] += c.units;
        hours[c.station][d] += c.hours;
        people[c.station][d] += 1;
    }
    let mut produced = vec![vec![0.0; nd]; ns];
    let mut stock_end = vec![vec![0.0; nd]; ns];
    for line in &p.line_stations {
        let mut stock: Vec<f64> = line
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                if i == 0 {
                    0.0
                } else {
                    p.stations[s].station.initial_stock
                }
            })
            .collect();
        for d in 0..nd {
            let mut inflow = f64::INFINITY;
            for (i, &s) in line.iter().enumerate() {
                let available = if i == 0 {
                    f64::INFINITY
                } else {
                    stock[i] + inflow
                };
                let made = cap[s][d].min(available);
                if i > 0 {
                    stock[i] = available - made;
                }
                produced[s][d] = made;
                stock_end[s][d] = stock[i];
                inflow = made + back[s][d];
            }
            // Buffer capacity: a full buffer blocks the station before it
            // (DESIGN.md, "Buffer capacity"); walk upstream.
            for i in (1..line.len()).rev() {
                let Some(b) = p.stations[line[i]].station.buffer_capacity else {
                    continue;
                };
                let (up, s) = (line[i - 1], line[i]);
                let excess = stock_end[s][d] - b;
                if excess > 0.0 {
                    produced[up][d] -= excess;
                    stock[i] -= excess;
                    stock_end[s][d] = stock[i];
                    if i > 1 {
                        stock[i - 1] += excess;
                        stock_end[up][d] = stock[i - 1];
                    }
                }
            }
        }
    }
    // Credit of every target (DESIGN.md: by_date milestones, on_date deliveries).
    let mut credit = vec![0.0; p.s.targets.len()];
    let mut delivered = vec![vec![0.0; nd]; p.line_stations.len()];
    for (li, line) in p.line_stations.iter().enumerate() {
        let Some(&last) = line.last() else { continue };
        let cum: Vec<f64> = produced[last]
            .iter()
            .zip(&back[last])
            .scan(0.0, |acc, (&x, &h)| {
                *acc += x + h;
                Some(*acc)
            })
            .collect();
        let mine: Vec<(usize, usize)> =
            p.s.targets
                .iter()
                .enumerate()
                .filter(|(_, t)| t.line == p.s.lines[li].id)
                .filter_map(|(i, t)| p.s.horizon.index_of(t.date).map(|d| (i, d)))
                .collect();
        for &(t, d) in &mine {
            if p.s.targets[t].kind == TargetKind::ByDate {
                credit[t] = cum[d];
            }
        }
        let mut order: Vec<(usize, usize)> = mine
            .into_iter()
            .filter(|(t, _)| p.s.targets[*t].kind == TargetKind::OnDate)
            .collect();
        order.sort_by(|a, b| {
            p.shortfall_penalty(b.0)
                .total_cmp(&p.shortfall_penalty(a.0))
                .then(a.1.cmp(&b.1))
                .then(a.0.cmp(&b.0))
        });
        // delivered_by[e] = deliveries so far to on_date targets dated <= e.
        let mut delivered_by = vec![0.0; nd];
        for (t, d) in order {
            let room = (d..nd)
                .map(|e| cum[e] - delivered_by[e])
                .fold(f64::INFINITY, f64::min)
                .max(0.0);
            let q = p.s.targets[t].units.min(room);
            credit[t] = q;
            for slot in delivered_by.iter_mut().skip(d) {
                *slot += q;
            }
            delivered[li][d] += q;
        }
    }

    let mut out = Throughput::default();
    for (li, line) in p.line_stations.iter().enumerate() {
        let line_id = &p.s.lines[li].id;
        for &s in line {
            for d in 0..nd {
                out.stations.push(StationDay {
                    line: line_id.clone(),
                    station: p.stations[s].station.id.clone(),
                    date: p.dates[d],
                    workers: people[s][d],
                    staffed_hours: hours[s][d],
                    capacity_units: cap[s][d],
                    produced_units: produced[s][d],
                    stock_end: stock_end[s][d],
                    utilisation: if cap[s][d] > 0.0 {
                        produced[s][d] / cap[s][d]
                    } else {
                        0.0
                    },
                });
            }
        }
        let mut held = 0.0;
        for d in 0..nd {
            let finished = line
                .last()
                .map(|&s| produced[s][d] + back[s][d])
                .unwrap_or(0.0);
            held += finished - delivered[li][d];
            let bottleneck = line
                .iter()
                .rev()
                .find(|&&s| produced[s][d] >= cap[s][d] - EPS)
                .map(|&s| p.stations[s].station.id.clone());
            let targets: Vec<f64> =
                p.s.targets
                    .iter()
                    .filter(|t| {
                        &t.line == line_id && t.kind == TargetKind::OnDate && t.date == p.dates[d]
                    })
                    .map(|t| t.units)
                    .collect();
            out.lines.push(LineDay {
                line: line_id.clone(),
                date: p.dates[d],
                finished_units: finished,
                bottleneck,
                target_units: if targets.is_empty() {
                    None
                } else {
                    Some(targets.iter().sum())
                },
                delivered_units: delivered[li][d],
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
    c.objective = c.wages_total + c.shortfall_penalty + c.contract_penalty;
    c
}

fn unmet(throughput: &Throughput) -> Vec<Unmet> {
    throughput
        .targets
        .iter()
        .filter(|r| r.shortfall_units > EPS)
        .map(|r| {
            let when = match r.kind {
                TargetKind::OnDate => format!("on {}", r.date),
                TargetKind::ByDate => format!("by {}", r.date),
            };
            let limit = throughput
                .lines
                .iter()
                .filter(|l| l.line == r.line && (l.date == r.date || r.kind == TargetKind::ByDate) && l.date <= r.date)
                .filter_map(|l| l.bottleneck.as_ref().map(|b| (l.date, b)))
                .map(|(date, b)| {
                    let sd = throughput.stations.iter().find(|s| &s.station == b && s.date == date);
                    match sd {
                        Some(sd) => format!(
                            "{date}: {b} ({} people, {:.1} h, capacity {:.1} units)",
                            sd.workers, sd.staffed_hours, sd.capacity_units
                        ),
                        None => format!("{date}: {b}"),
                    }
                })
                .collect::<Vec<_>>();
            Unmet {
                target: r.target.clone(),
                line: r.line.clone(),
                date: r.date,
                target_units: r.target_units,
                finished_units: r.finished_units,
                shortfall_units: r.shortfall_units,
                explanation: format!(
                    "line {} finished {:.1} of {:.1} units {} ({:.1} short): with the people whose skills, \
                     caregiving windows and hour limits fit, and at the shortfall penalty, rostering more was not \
                     possible or not worth its cost. Limiting station per day — {}",
                    r.line,
                    r.finished_units,
                    r.target_units,
                    when,
                    r.shortfall_units,
                    if limit.is_empty() { "none".to_owned() } else { limit.join("; ") }
                ),
            }
        })
        .collect()
}
