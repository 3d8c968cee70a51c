//! Minimum rest between shifts on nearby dates (row 2 of DESIGN.md).

use good_lp::constraint;

use super::Formulation;
use crate::prepare::Prepared;

pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) {
    // Round up: a gap shorter than the rule by any fraction of a minute is too short.
    let min_rest = (p.s.rules.min_rest_hours * 60.0).ceil() as i64;
    // Pairs of occurrences that are too close: (o1, o2) with o2 starting 1–2 dates later.
    // Occurrences are created in date order: index them by date.
    let mut by_day: Vec<Vec<usize>> = vec![Vec::new(); p.dates.len()];
    for (i, o) in p.occs.iter().enumerate() {
        by_day[o.day].push(i);
    }
    let mut pairs = Vec::new();
    for (i, o1) in p.occs.iter().enumerate() {
        for later in by_day.iter().skip(o1.day + 1).take(2) {
            for &j in later {
                if p.occs[j].start - o1.end < min_rest {
                    pairs.push((i, j));
                }
            }
        }
    }
    if pairs.is_empty() {
        return;
    }
    for w in 0..p.s.workers.len() {
        for &(o1, o2) in &pairs {
            let d1 = p.occs[o1].day;
            let d2 = p.occs[o2].day;
            let c1: Vec<usize> = f
                .cands_of(w, d1)
                .iter()
                .copied()
                .filter(|&c| p.cands[c].occ == o1)
                .collect();
            let c2: Vec<usize> = f
                .cands_of(w, d2)
                .iter()
                .copied()
                .filter(|&c| p.cands[c].occ == o2)
                .collect();
            if c1.is_empty() || c2.is_empty() {
                continue;
            }
            let e = f.sum(c1.iter().chain(c2.iter()).map(|&c| (1.0, f.x[c])));
            f.push(constraint!(e <= 1.0));
        }
    }
}
