//! Consecutive working days and days off per week (rows 6 and 7 of DESIGN.md).

use good_lp::constraint;

use super::Formulation;
use crate::prepare::Prepared;

pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) {
    let k = p.s.rules.max_consecutive_days as usize;
    let nd = p.dates.len();
    for w in 0..p.s.workers.len() {
        let works: Vec<bool> = (0..nd).map(|d| !f.cands_of(w, d).is_empty()).collect();
        // 6. at most K worked dates in any K+1 consecutive dates
        if k < nd {
            for a in 0..nd - k {
                let days = a..=a + k;
                if days.clone().filter(|&d| works[d]).count() <= k {
                    continue;
                }
                let e = f.sum(days.flat_map(|d| f.cands_of(w, d).iter().map(|&c| (1.0, f.x[c]))));
                f.push(constraint!(e <= k as f64));
            }
        }
        // 7. days off per 7-day block
        let min_off = p.s.rules.min_days_off_per_week as usize;
        for &(a, z) in &p.weeks {
            // A short last block may take its days off outside the horizon.
            let allowed = (z - a + 1).min(7usize.saturating_sub(min_off));
            if (a..=z).filter(|&d| works[d]).count() <= allowed {
                continue;
            }
            let e = f.sum((a..=z).flat_map(|d| f.cands_of(w, d).iter().map(|&c| (1.0, f.x[c]))));
            f.push(constraint!(e <= allowed as f64));
        }
    }
}
