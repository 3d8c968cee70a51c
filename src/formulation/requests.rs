//! Shift requests for and against, soft (row 14 of docs/formulation.md).

use super::{Col, Formulation};
use crate::model::RequestKind;
use crate::prepare::Prepared;

/// Row 14, requests: an `on` request costs its weight unless granted; an
/// `off` request costs its weight if the shift (any shift) is worked.
pub(super) fn requests(f: &mut Formulation, p: &Prepared<'_>) {
    let s = p.s;
    for r in &s.requests {
        let (Some(w), Some(day)) = (
            s.workers.iter().position(|x| x.id == r.worker),
            s.horizon.index_of(r.date),
        ) else {
            continue;
        };
        let cols: Vec<Col> = f
            .cands_of(w, day)
            .iter()
            .filter(|&&c| {
                r.shift
                    .as_ref()
                    .is_none_or(|sh| &p.shifts[p.occs[p.cands[c].occ].shift].id == sh)
            })
            .map(|&c| f.x[c])
            .collect();
        match r.kind {
            RequestKind::On => {
                f.offset += r.weight;
                for col in cols {
                    f.add_cost(col, -r.weight);
                }
            }
            RequestKind::Off => {
                for col in cols {
                    f.add_cost(col, r.weight);
                }
            }
        }
    }
}
