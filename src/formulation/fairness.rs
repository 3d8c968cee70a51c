//! Fair hours: each member's distance from the group's mean of paid hours
//! and of weekends worked, weighted (row 20 of docs/formulation.md).

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use good_lp::{constraint, variable, Expression};

use super::{works, Col, Formulation};
use crate::prepare::Prepared;

/// Row 20: for a group G with n ≥ 2 members and a measure T_w (paid
/// hours, or weekends worked): n·μ = Σ_{w∈G} T_w, d_w ≥ T_w − μ,
/// d_w ≥ μ − T_w, objective + weight · Σ d_w.
pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) {
    let nd = p.dates.len();
    for rule in &p.s.fairness {
        let members = rule.members(p.s);
        if members.len() < 2 {
            continue;
        }
        if rule.hours_weight > 0.0 {
            let totals: Vec<Vec<(f64, Col)>> = members
                .iter()
                .map(|&w| {
                    (0..nd)
                        .flat_map(|d| f.cands_of(w, d).iter())
                        .map(|&c| (p.cands[c].hours, f.x[c]))
                        .collect()
                })
                .collect();
            deviations(f, &totals, rule.hours_weight);
        }
        if rule.weekends_weight > 0.0 {
            let weekends = weekends(&p.dates);
            let totals: Vec<Vec<(f64, Col)>> = members
                .iter()
                .map(|&w| {
                    weekends
                        .iter()
                        .filter_map(|days| worked_weekend(f, w, days))
                        .collect()
                })
                .collect();
            deviations(f, &totals, rule.weekends_weight);
        }
    }
}

/// The horizon's weekends, each as the day indices of its Saturday and/or
/// Sunday (a weekend is named by its Saturday, as in the checker).
pub(crate) fn weekends(dates: &[NaiveDate]) -> Vec<Vec<usize>> {
    let mut out: Vec<(NaiveDate, Vec<usize>)> = Vec::new();
    for (d, date) in dates.iter().enumerate() {
        let sat = match date.weekday() {
            Weekday::Sat => *date,
            Weekday::Sun => *date - Duration::days(1),
            _ => continue,
        };
        match out.last_mut() {
            Some((s, days)) if *s == sat => days.push(d),
            _ => out.push((sat, vec![d])),
        }
    }
    out.into_iter().map(|(_, days)| days).collect()
}

/// A term equal to 1 when worker `w` works on any of `days`, else 0: the
/// day's assignments themselves when only one day can be worked, else a new
/// column y with y ≥ works(d) for each day and y ≤ Σ works(d) (exact, since
/// each day is worked at most once). `None` when no day can be worked.
fn worked_weekend(f: &mut Formulation, w: usize, days: &[usize]) -> Option<(f64, Col)> {
    let open: Vec<usize> = days
        .iter()
        .copied()
        .filter(|&d| !f.cands_of(w, d).is_empty())
        .collect();
    match open[..] {
        [] => None,
        [only] if f.cands_of(w, only).len() == 1 => {
            let c = f.cands_of(w, only)[0];
            Some((1.0, f.x[c]))
        }
        _ => {
            let y = f.add_var(variable().min(0.0).max(1.0), 0.0, 0.0);
            let mut all = Expression::with_capacity(8);
            for &d in &open {
                let mut e = f.sum(works(f, w, d));
                for (c, col) in works(f, w, d).collect::<Vec<_>>() {
                    all.add_mul(c, f.var(col));
                }
                e.add_mul(-1.0, f.var(y));
                f.push(constraint!(e <= 0.0));
            }
            all.add_mul(-1.0, f.var(y));
            f.push(constraint!(all >= 0.0));
            Some((1.0, y))
        }
    }
}

/// μ with n·μ = Σ_i T_i, and d_i ≥ |T_i − μ| at `weight` each.
fn deviations(f: &mut Formulation, totals: &[Vec<(f64, Col)>], weight: f64) {
    let n = totals.len() as f64;
    let mean = f.add_var(variable().min(0.0), 0.0, 0.0);
    let mut def = Expression::with_capacity(totals.iter().map(Vec::len).sum::<usize>() + 1);
    def.add_mul(n, f.var(mean));
    for t in totals {
        for &(c, col) in t {
            def.add_mul(-c, f.var(col));
        }
    }
    f.push(def.eq(0.0));
    for t in totals {
        let d = f.add_var(variable().min(0.0), weight, 0.0);
        let mut above = f.sum(t.iter().copied());
        above.add_mul(-1.0, f.var(mean));
        let below = -above.clone();
        above.add_mul(-1.0, f.var(d));
        let mut below = below;
        below.add_mul(-1.0, f.var(d));
        f.push(constraint!(above <= 0.0));
        f.push(constraint!(below <= 0.0));
    }
}
