//! Workplaces: at no moment more people at a station than it has places
//! (row 8 of docs/formulation.md).

use std::collections::{BTreeSet, HashMap};

use good_lp::constraint;

use super::Formulation;
use crate::prepare::Prepared;

pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) {
    // Candidates per (station, occurrence).
    let mut by_station_occ: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (ci, c) in p.cands.iter().enumerate() {
        by_station_occ
            .entry((c.station, c.occ))
            .or_default()
            .push(ci);
    }
    for (s, st) in p.stations.iter().enumerate() {
        let occs: Vec<usize> = (0..p.occs.len())
            .filter(|&o| by_station_occ.contains_key(&(s, o)))
            .collect();
        let mut seen: BTreeSet<Vec<usize>> = BTreeSet::new();
        for &o0 in &occs {
            let t = p.occs[o0].start;
            let active: Vec<usize> = occs
                .iter()
                .copied()
                .filter(|&o| p.occs[o].start <= t && t < p.occs[o].end)
                .collect();
            let people: usize = active.iter().map(|o| by_station_occ[&(s, *o)].len()).sum();
            if people <= st.station.workplaces as usize || !seen.insert(active.clone()) {
                continue;
            }
            let e = f.sum(
                active
                    .iter()
                    .flat_map(|o| by_station_occ[&(s, *o)].iter().map(|&c| (1.0, f.x[c]))),
            );
            f.push(constraint!(e <= st.station.workplaces as f64));
        }
    }
}
