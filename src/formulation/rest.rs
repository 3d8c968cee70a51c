//! Minimum rest between shifts on nearby dates, and forbidden successions
//! (row 2 of docs/formulation.md).

use good_lp::constraint;

use super::Formulation;
use crate::prepare::Prepared;

pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) {
    let min_rest = crate::prepare::min_rest_minutes(p.s);
    // Occurrences are created in date order: index them by date.
    let mut by_day: Vec<Vec<usize>> = vec![Vec::new(); p.dates.len()];
    for (i, o) in p.occs.iter().enumerate() {
        by_day[o.day].push(i);
    }
    // For each occurrence o1 and each of the next two dates, the occurrences
    // on that date that may not follow o1. One shift a day makes the pairs
    // with one o1 and one date a clique: a single row holds them all.
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, o1) in p.occs.iter().enumerate() {
        for (k, later) in by_day.iter().skip(o1.day + 1).take(2).enumerate() {
            let clash: Vec<usize> = later
                .iter()
                .copied()
                .filter(|&j| {
                    let o2 = &p.occs[j];
                    o2.start - o1.end < min_rest
                        || (k == 0 && p.forbidden.contains(&(o1.shift, o2.shift)))
                })
                .collect();
            if !clash.is_empty() {
                groups.push((i, clash));
            }
        }
    }
    if groups.is_empty() {
        return;
    }
    for w in 0..p.s.workers.len() {
        for (o1, clash) in &groups {
            let d1 = p.occs[*o1].day;
            let d2 = p.occs[clash[0]].day;
            let c1 = f.cands_of(w, d1).iter().filter(|&&c| p.cands[c].occ == *o1);
            let c2: Vec<usize> = f
                .cands_of(w, d2)
                .iter()
                .copied()
                .filter(|&c| clash.contains(&p.cands[c].occ))
                .collect();
            let c1: Vec<usize> = c1.copied().collect();
            if c1.is_empty() || c2.is_empty() {
                continue;
            }
            let e = f.sum(c1.iter().chain(c2.iter()).map(|&c| (1.0, f.x[c])));
            f.push(constraint!(e <= 1.0));
        }
    }
}
