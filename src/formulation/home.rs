//! Home-based work (docs/formulation.md, rows H1–H3; docs/semantics.md, "Home-based work"): whole-unit
//! batches that go out on one delivery round and come back on the next,
//! bounded by the home worker's minutes between the rounds and by the van.

use good_lp::{constraint, variable, Expression};

use super::{Col, Formulation};
use crate::prepare::Prepared;

/// Adds the batch variables b (one per slot, in `p.home.slots` order, kept in
/// `f.home`) with their wage cost and rows H1 (availability) and H2 (van).
/// Returns, per station and day, the batch columns whose units come back on
/// that day (H3 enters them into the flow).
pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) -> Vec<Vec<Vec<Col>>> {
    let h = &p.home;
    let mut back = vec![vec![Vec::new(); p.dates.len()]; p.stations.len()];
    if h.slots.is_empty() {
        return back;
    }
    for slot in &h.slots {
        let wage = p.s.workers[slot.worker].hourly_wage;
        let cost = wage * slot.minutes_per_unit / 60.0;
        let col = f.add_var(variable().integer().min(0.0).max(slot.max_units), cost, 0.0);
        f.home.push(col);
        back[slot.station][h.rounds[slot.round + 1].0].push(col);
    }
    // H1: a worker's batches out on round r fit the minutes from r to r + 1.
    for (w, windows) in h.window_minutes.iter().enumerate() {
        for (r, &minutes) in windows.iter().enumerate() {
            let terms: Vec<(f64, Col)> = h
                .slots
                .iter()
                .zip(&f.home)
                .filter(|(s, _)| s.worker == w && s.round == r)
                .map(|(s, &col)| (s.minutes_per_unit, col))
                .collect();
            if terms.len() > 1 {
                let e = f.sum(terms);
                f.push(constraint!(e <= minutes));
            }
        }
    }
    // H2: on each round, units out plus units back fit the van.
    for (r, &(_, capacity)) in h.rounds.iter().enumerate() {
        let mut e = Expression::with_capacity(16);
        let mut any = false;
        for (s, &col) in h.slots.iter().zip(&f.home) {
            if s.round == r || s.round + 1 == r {
                e.add_mul(1.0, f.var(col));
                any = true;
            }
        }
        if any {
            f.push(constraint!(e <= capacity));
        }
    }
    back
}
