//! Headcount cover per shift and date, soft (row 13 of docs/formulation.md).

use good_lp::{constraint, variable};

use super::{Col, Formulation};
use crate::prepare::Prepared;

/// 13. cover: Σ x + under − over = required, per requirement.
pub(super) fn cover(f: &mut Formulation, p: &Prepared<'_>) {
    let s = p.s;
    if s.cover.is_empty() {
        return;
    }
    let occ_of: std::collections::HashMap<(usize, &str), usize> = p
        .occs
        .iter()
        .enumerate()
        .map(|(i, o)| ((o.day, p.shifts[o.shift].id.as_str()), i))
        .collect();
    let mut by_occ: Vec<Vec<usize>> = vec![Vec::new(); p.occs.len()];
    for (ci, c) in p.cands.iter().enumerate() {
        by_occ[c.occ].push(ci);
    }
    for cv in &s.cover {
        let Some(day) = s.horizon.index_of(cv.date) else {
            continue;
        };
        let occ = occ_of.get(&(day, cv.shift.as_str())).copied();
        let terms: Vec<(f64, Col)> = match occ {
            Some(o) => by_occ[o]
                .iter()
                .filter(|&&ci| {
                    let st = &p.stations[p.cands[ci].station];
                    cv.line.as_ref().is_none_or(|l| &s.lines[st.line].id == l)
                        && cv.station.as_ref().is_none_or(|id| &st.station.id == id)
                })
                .map(|&ci| (1.0, f.x[ci]))
                .collect(),
            None => Vec::new(),
        };
        let required = f64::from(cv.required);
        if terms.is_empty() {
            // Nobody can work it: every required person is missing.
            f.offset += required * cv.under_weight;
            continue;
        }
        let mut e = f.sum(terms.iter().copied());
        let mut under = None;
        if required > 0.0 {
            // Integer slacks: with whole weights the objective is then
            // integral, and HiGHS rounds its bound up (a bound of 926.2 proves 927).
            let u = f.add_var(
                variable().integer().min(0.0).max(required),
                cv.under_weight,
                required,
            );
            e.add_mul(1.0, f.var(u));
            under = Some(u);
        }
        let mut over = None;
        if cv.over_weight > 0.0 && (terms.len() as f64) > required {
            let most = terms.len() as f64 - required;
            let o = f.add_var(variable().integer().min(0.0).max(most), cv.over_weight, 0.0);
            e.add_mul(-1.0, f.var(o));
            f.push(constraint!(e == required));
            over = Some(o);
        } else if required > 0.0 {
            f.push(constraint!(e >= required));
        }
        f.cover_rows
            .push((under, over, terms.iter().map(|t| t.1).collect(), required));
    }
}
