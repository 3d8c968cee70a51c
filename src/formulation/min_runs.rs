//! Minimum runs of working days and of days off without the run network
//! (row 18 of docs/formulation.md; the network is in runs.rs).

use good_lp::{constraint, variable, Expression};

use super::works;
use super::{Col, Formulation};
use crate::model::RunBorders;
use crate::prepare::Prepared;

/// A date of the extended horizon: history dates are constants.
enum Day {
    Known(bool),
    Var(usize),
}

/// Row 18 without the run network: minimum consecutive working days and days
/// off (row 6, the maximum, is in days_off.rs).
pub(super) fn runs(f: &mut Formulation, p: &Prepared<'_>, w: usize) {
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
