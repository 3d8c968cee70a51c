//! Weekends worked (row 19 of docs/formulation.md).

use good_lp::{constraint, variable, Expression};

use super::works;
use super::Formulation;
use crate::prepare::Prepared;

/// 17. weekends worked: y_k ≥ w(Sat), y_k ≥ w(Sun), Σ y_k ≤ max.
pub(super) fn weekends(f: &mut Formulation, p: &Prepared<'_>, w: usize) {
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
