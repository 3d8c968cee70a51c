//! Rostering rules beside output (rows 13–19 of docs/formulation.md), one
//! file per family: `cover`, `requests`, `limits`, `min_runs` (or the run
//! network, `runs`), `weekends`. This file adds them in order.
//!
//! Notation: w(e,d) = Σ x over worker e's candidates on date d (1 if e works
//! that date). Dates before the horizon (history) are constants.

use super::Formulation;
use crate::prepare::Prepared;

pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) {
    super::cover::cover(f, p);
    super::requests::requests(f, p);
    for w in 0..p.s.workers.len() {
        super::limits::limits(f, p, w);
        if super::runs::uses_network(p, w) {
            super::runs::add(f, p, w);
        } else {
            super::min_runs::runs(f, p, w);
        }
        super::weekends::weekends(f, p, w);
    }
}
