//! Per-worker limits over the horizon: shifts per template and paid
//! minutes (rows 15–16 of docs/formulation.md).

use good_lp::constraint;

use super::{Col, Formulation};
use crate::prepare::Prepared;

/// 15–16. shifts per template and paid minutes over the horizon.
pub(super) fn limits(f: &mut Formulation, p: &Prepared<'_>, w: usize) {
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
