//! Rostering rules beside output: headcount cover, requests, per-worker
//! limits, minimum runs and weekends (rows 13–19 of docs/formulation.md).
//!
//! Notation: w(e,d) = Σ x over worker e's candidates on date d (1 if e works
//! that date). Dates before the horizon (history) are constants.

use good_lp::{constraint, variable, Expression};

use super::{Col, Formulation};
use crate::model::{RequestKind, RunBorders};
use crate::prepare::Prepared;

pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) {
    cover(f, p);
    requests(f, p);
    for w in 0..p.s.workers.len() {
        limits(f, p, w);
        if super::runs::uses_network(p, w) {
            super::runs::add(f, p, w);
        } else {
            runs(f, p, w);
        }
        weekends(f, p, w);
    }
}

/// Candidates of worker `w` on date `d` as (1, x) terms.
fn works(f: &Formulation, w: usize, d: usize) -> impl Iterator<Item = (f64, Col)> + '_ {
    f.cands_of(w, d).iter().map(move |&c| (1.0, f.x[c]))
}

/// 13. cover: Σ x + under − over = required, per requirement.
fn cover(f: &mut Formulation, p: &Prepared<'_>) {
    let s = p.s;
    if s.cover.is_empty() {
        return;
    }
    let occ_of: std::collections::HashMap<(usize, &str), usize> = p
        .occs
        .iter()
        .enumerate()
        .map(|(i, o)| ((o.day, p.shifts[o.shift].id.as_str()), i))
        .collect();
    let mut by_occ: Vec<Vec<usize>> = vec![Vec::new(); p.occs.len()];
    for (ci, c) in p.cands.iter().enumerate() {
        by_occ[c.occ].push(ci);
    }
    for cv in &s.cover {
        let Some(day) = s.horizon.index_of(cv.date) else {
            continue;
        };
        let occ = occ_of.get(&(day, cv.shift.as_str())).copied();
        let terms: Vec<(f64, Col)> = match occ {
            Some(o) => by_occ[o]
                .iter()
                .filter(|&&ci| {
                    let st = &p.stations[p.cands[ci].station];
                    cv.line.as_ref().is_none_or(|l| &s.lines[st.line].id == l)
                        && cv.station.as_ref().is_none_or(|id| &st.station.id == id)
                })
                .map(|&ci| (1.0, f.x[ci]))
                .collect(),
            None => Vec::new(),
        };
        let required = f64::from(cv.required);
        if terms.is_empty() {
            // Nobody can work it: every required person is missing.
            f.offset += required * cv.under_weight;
            continue;
        }
        let mut e = f.sum(terms.iter().copied());
        let mut under = None;
        if required > 0.0 {
            // Integer slacks: with whole weights the objective is then
            // integral, and HiGHS rounds its bound up (a bound of 926.2 proves 927).
            let u = f.add_var(
                variable().integer().min(0.0).max(required),
                cv.under_weight,
                required,
            );
            e.add_mul(1.0, f.var(u));
            under = Some(u);
        }
        let mut over = None;
        if cv.over_weight > 0.0 && (terms.len() as f64) > required {
            let most = terms.len() as f64 - required;
            let o = f.add_var(variable().integer().min(0.0).max(most), cv.over_weight, 0.0);
            e.add_mul(-1.0, f.var(o));
            f.push(constraint!(e == required));
            over = Some(o);
        } else if required > 0.0 {
            f.push(constraint!(e >= required));
        }
        f.cover_rows
            .push((under, over, terms.iter().map(|t| t.1).collect(), required));
    }
}

/// Row 14, requests: an `on` request costs its weight unless granted; an
/// `off` request costs its weight if the shift (any shift) is worked.
fn requests(f: &mut Formulation, p: &Prepared<'_>) {
    let s = p.s;
    for r in &s.requests {
        let (Some(w), Some(day)) = (
            s.workers.iter().position(|x| x.id == r.worker),
            s.horizon.index_of(r.date),
        ) else {
            continue;
        };
        let cols: Vec<Col> = f
            .cands_of(w, day)
            .iter()
            .filter(|&&c| {
                r.shift
                    .as_ref()
                    .is_none_or(|sh| &p.shifts[p.occs[p.cands[c].occ].shift].id == sh)
            })
            .map(|&c| f.x[c])
            .collect();
        match r.kind {
            RequestKind::On => {
                f.offset += r.weight;
                for col in cols {
                    f.add_cost(col, -r.weight);
                }
            }
            RequestKind::Off => {
                for col in cols {
                    f.add_cost(col, r.weight);
                }
            }
        }
    }
}

/// 15–16. shifts per template and paid minutes over the horizon.
fn limits(f: &mut Formulation, p: &Prepared<'_>, w: usize) {
    let worker = &p.s.workers[w];
    let nd = p.dates.len();
    for (sh, &most) in &worker.max_shifts {
        let cols: Vec<Col> = (0..nd)
            .flat_map(|d| f.cands_of(w, d).iter().copied())
            .filter(|&c| &p.shifts[p.occs[p.cands[c].occ].shift].id == sh)
            .map(|c| f.x[c])
            .collect();
        let days = (0..nd)
            .filter(|&d| {
                f.cands_of(w, d)
                    .iter()
                    .any(|&c| &p.shifts[p.occs[p.cands[c].occ].shift].id == sh)
            })
            .count();
        if days > most as usize {
            let e = f.sum(cols.into_iter().map(|c| (1.0, c)));
            f.push(constraint!(e <= f64::from(most)));
        }
    }
    if worker.min_total_minutes.is_none() && worker.max_total_minutes.is_none() {
        return;
    }
    let mut most = 0i64;
    let mut minutes = Vec::new();
    for d in 0..nd {
        let mut day_most = 0;
        for &c in f.cands_of(w, d) {
            let m = p.occs[p.cands[c].occ].paid_minutes;
            day_most = day_most.max(m);
            minutes.push((m, f.x[c]));
        }
        most += day_most;
    }
    // Divide by the gcd of the shift lengths and round the bounds inward
    // (a Chvátal–Gomory step): with 480-minute shifts, "≤ 4000 minutes" is
    // "≤ 8 shifts", which the LP cannot see from 4000/480 = 8.33.
    let g = minutes.iter().fold(0i64, |g, &(m, _)| gcd(g, m)).max(1);
    let terms: Vec<(f64, Col)> = minutes.iter().map(|&(m, c)| ((m / g) as f64, c)).collect();
    if let Some(hi) = worker.max_total_minutes {
        if most > i64::from(hi) {
            let e = f.sum(terms.iter().copied());
            f.push(constraint!(e <= (i64::from(hi) / g) as f64));
        }
    }
    if let Some(lo) = worker.min_total_minutes {
        if lo > 0 {
            // Hard: if no pattern reaches it, the solve reports infeasible.
            let e = f.sum(terms.iter().copied());
            f.push(constraint!(e >= ((i64::from(lo) + g - 1) / g) as f64));
        }
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

/// A date of the extended horizon: history dates are constants.
enum Day {
    Known(bool),
    Var(usize),
}

/// Row 18 without the run network: minimum consecutive working days and days
/// off (row 6, the maximum, is in days_off.rs).
fn runs(f: &mut Formulation, p: &Prepared<'_>, w: usize) {
    let worker = &p.s.workers[w];
    let nd = p.dates.len() as i64;
    let history = p.s.run_borders == RunBorders::History;
    let h = p.hist_days as i64;
    let day = |t: i64| -> Day {
        if t >= 0 {
            Day::Var(t as usize)
        } else {
            Day::Known(p.past[w][(t + h) as usize].is_some())
        }
    };
    // w(t) as an expression plus a constant.
    let expr = |f: &Formulation, t: i64, sign: f64, e: &mut Expression, k: &mut f64| match day(t) {
        Day::Known(b) => *k += sign * f64::from(u8::from(b)),
        Day::Var(d) => {
            for (c, col) in works(f, w, d) {
                e.add_mul(sign * c, f.var(col));
            }
        }
    };
    let can_work = |f: &Formulation, t: i64| match day(t) {
        Day::Known(b) => b,
        Day::Var(d) => !f.cands_of(w, d).is_empty(),
    };

    // 18. minimum runs with start (or stop) indicators: a run of work that
    // starts at i must still be on at every t < i + m inside the horizon:
    //   Σ_{i = t−m+1..t} start_i ≤ w(t)      (working runs)
    //   Σ_{i = t−m+1..t} stop_i ≤ 1 − w(t)   (runs of days off)
    // start_i ≥ w(i) − w(i−1), stop_i ≥ w(i−1) − w(i), both in [0, 1].
    // Exempt borders: no indicator at date 0 (a run touching it may have begun
    // earlier); a run reaching the last date is never cut, so it is exempt too.
    // History: indicators at dates ≤ 0 come from the known dates.
    let first = if history { -h + 1 } else { 1 };
    for (m, working) in [
        (worker.min_consecutive_days.unwrap_or(1) as i64, true),
        (worker.min_consecutive_days_off.unwrap_or(1) as i64, false),
    ] {
        if m <= 1 {
            continue;
        }
        // Indicator of a run beginning at i: a variable, a known 0/1, or none.
        let mut ind: Vec<Option<Result<Col, bool>>> = Vec::new(); // index i - first
        for i in first..nd {
            let (on_i, on_prev) = (day(i), day(i - 1));
            let v = match (on_i, on_prev) {
                (Day::Known(a), Day::Known(b)) => {
                    // A run that began in the history binds the horizon only
                    // if it is still going on the day before it; one the
                    // history already ended is the past's business.
                    let began = if working { a && !b } else { !a && b };
                    let ongoing = (i..0).all(|j| matches!(day(j), Day::Known(x) if x == working));
                    Some(Err(began && ongoing))
                }
                _ => {
                    // A start needs work at i and none at i−1 (a stop the reverse).
                    let possible = if working {
                        can_work(f, i) && !matches!(day(i - 1), Day::Known(true))
                    } else {
                        can_work(f, i - 1) && !matches!(day(i), Day::Known(true))
                    };
                    if possible {
                        let col = f.add_var(variable().min(0.0).max(1.0), 0.0, 0.0);
                        let mut e = Expression::with_capacity(8);
                        let mut known = 0.0;
                        let (plus, minus) = if working { (i, i - 1) } else { (i - 1, i) };
                        expr(f, plus, 1.0, &mut e, &mut known);
                        expr(f, minus, -1.0, &mut e, &mut known);
                        e.add_mul(-1.0, f.var(col));
                        f.push(constraint!(e <= -known));
                        Some(Ok(col))
                    } else {
                        None
                    }
                }
            };
            ind.push(v);
        }
        for t in 0.max(first)..nd {
            let mut e = Expression::with_capacity(m as usize + 8);
            let mut known = 0.0;
            let mut any_var = false;
            for i in (t - m + 1).max(first)..=t {
                match ind[(i - first) as usize] {
                    Some(Ok(col)) => {
                        e.add_mul(1.0, f.var(col));
                        any_var = true;
                    }
                    Some(Err(true)) => known += 1.0,
                    _ => {}
                }
            }
            if !any_var && known == 0.0 {
                continue;
            }
            // working: Σ start − w(t) ≤ 0 ; days off: Σ stop + w(t) ≤ 1
            let mut kw = 0.0;
            expr(f, t, if working { -1.0 } else { 1.0 }, &mut e, &mut kw);
            let rhs = if working { 0.0 } else { 1.0 };
            f.push(constraint!(e <= rhs - known - kw));
        }
    }
}

/// 17. weekends worked: y_k ≥ w(Sat), y_k ≥ w(Sun), Σ y_k ≤ max.
fn weekends(f: &mut Formulation, p: &Prepared<'_>, w: usize) {
    use chrono::{Datelike, Weekday};
    let Some(most) = p.s.workers[w].max_weekends else {
        return;
    };
    if super::runs::uses_network(p, w) {
        return; // counted on the run network's arcs
    }
    // Each weekend as the horizon dates of its Saturday and Sunday.
    let mut wkends: Vec<Vec<usize>> = Vec::new();
    for (d, date) in p.dates.iter().enumerate() {
        match date.weekday() {
            Weekday::Sat => wkends.push(vec![d]),
            Weekday::Sun => match wkends.last_mut() {
                Some(last) if last.len() == 1 && last[0] + 1 == d => last.push(d),
                _ => wkends.push(vec![d]),
            },
            _ => {}
        }
    }
    wkends.retain(|days| days.iter().any(|&d| !f.cands_of(w, d).is_empty()));
    if wkends.len() <= most as usize {
        return;
    }
    let mut total = Expression::with_capacity(wkends.len());
    for days in &wkends {
        let worked: Vec<usize> = days
            .iter()
            .copied()
            .filter(|&d| !f.cands_of(w, d).is_empty())
            .collect();
        if let [only] = worked[..] {
            for (c, col) in works(f, w, only).collect::<Vec<_>>() {
                total.add_mul(c, f.var(col));
            }
            continue;
        }
        let y = f.add_var(variable().min(0.0).max(1.0), 0.0, 0.0);
        for &d in &worked {
            let mut e = f.sum(works(f, w, d));
            e.add_mul(-1.0, f.var(y));
            f.push(constraint!(e <= 0.0));
        }
        total.add_mul(1.0, f.var(y));
    }
    f.push(constraint!(total <= f64::from(most)));
}
