//! Production on the clock: capacity, stock between stations and output
//! targets, per interval of [`crate::clock::Timeline`] (rows 9, 10, 10b, 11
//! of docs: DESIGN.md, "The formulation").

use good_lp::{constraint, variable, Expression};

use super::{Col, Formulation};
use crate::clock::{dues_by_line, Timeline};
use crate::model::TargetKind;
use crate::prepare::Prepared;

pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) {
    // A line without targets cannot change the objective: its flow is left
    // to the reports.
    if p.s.targets.is_empty() {
        return;
    }
    let clock = Timeline::new(p.s);
    let nk = clock.len();
    // Capacity terms per (station, interval): an assignment works at a
    // constant rate from its shift's start to its end.
    let mut terms: Vec<Vec<Vec<(f64, Col)>>> = vec![vec![Vec::new(); nk]; p.stations.len()];
    for (ci, c) in p.cands.iter().enumerate() {
        let o = &p.occs[c.occ];
        for (k, share) in clock.spread(o.start, o.end) {
            terms[c.station][k].push((c.units * share, f.x[ci]));
        }
    }
    // p_{s,k} where the station can work at all.
    let mut prod: Vec<Vec<Option<Col>>> = Vec::with_capacity(p.stations.len());
    for station_terms in terms.iter() {
        let mut row = vec![None; nk];
        for (k, interval_terms) in station_terms.iter().enumerate() {
            if interval_terms.is_empty() {
                continue;
            }
            let max_units: f64 = interval_terms.iter().map(|t| t.0).sum();
            let col = f.add_var(variable().min(0.0).max(max_units), 0.0, 0.0);
            // 9. capacity
            let mut e = f.sum(interval_terms.iter().copied());
            e.add_mul(-1.0, f.var(col));
            f.push(constraint!(e >= 0.0));
            row[k] = Some(col);
        }
        prod.push(row);
    }
    // Home batches coming back, per (station, day) (rows H1–H3): they leave
    // the station at the start of the collection date.
    let back = super::home::add(f, p);
    // 10. stock in front of each station after the first, carried interval
    // to interval: s_k = s_{k-1} + p_{up,k} + home_k − p_{down,k} ≥ 0;
    // 10b. s_k ≤ buffer capacity.
    for line in &p.line_stations {
        for pair in line.windows(2) {
            let (up, down) = (pair[0], pair[1]);
            let st = p.stations[down].station;
            let mut prev: Option<Col> = None;
            for k in 0..nk {
                let lump: &[Col] = if clock.start(k) % crate::model::MINUTES_PER_DAY == 0 {
                    back[up].get(clock.day(k)).map_or(&[], |v| v.as_slice())
                } else {
                    &[]
                };
                let (pu, pd) = (prod[up][k], prod[down][k]);
                if pu.is_none() && pd.is_none() && lump.is_empty() {
                    continue;
                }
                let max = st.buffer_capacity.unwrap_or(f64::INFINITY);
                let s = f.add_var(variable().min(0.0).max(max), 0.0, 0.0);
                let mut e = Expression::with_capacity(4 + lump.len());
                e.add_mul(1.0, f.var(s));
                if let Some(sp) = prev {
                    e.add_mul(-1.0, f.var(sp));
                }
                if let Some(c) = pu {
                    e.add_mul(-1.0, f.var(c));
                }
                for &b in lump {
                    e.add_mul(-1.0, f.var(b));
                }
                if let Some(c) = pd {
                    e.add_mul(1.0, f.var(c));
                }
                let rhs = if prev.is_none() {
                    st.initial_stock
                } else {
                    0.0
                };
                f.push(constraint!(e == rhs));
                prev = Some(s);
            }
        }
    }
    // Finished units per date: the last station's production in the
    // intervals of the date, plus home batches of a one-station line.
    let finished_terms = |f: &Formulation, last: usize, upto: std::ops::RangeInclusive<usize>| {
        let mut e = Expression::with_capacity(16);
        for k in 0..nk {
            let d = clock.day(k);
            if !upto.contains(&d) {
                continue;
            }
            if let Some(c) = prod[last][k] {
                e.add_mul(1.0, f.var(c));
            }
        }
        for d in upto {
            for &b in back[last].get(d).map_or(&[][..], |v| v.as_slice()) {
                e.add_mul(1.0, f.var(b));
            }
        }
        e
    };
    // 11. targets
    let mut z_of = vec![None; p.s.targets.len()];
    for (t, target) in p.s.targets.iter().enumerate() {
        let ub = target.units;
        z_of[t] = Some(f.add_var(variable().min(0.0).max(ub), p.shortfall_penalty(t), ub));
    }
    for (li, dues) in dues_by_line(p.s).iter().enumerate() {
        let Some(&last) = p.line_stations[li].last() else {
            continue;
        };
        // by_date: a production milestone.
        for due in dues.iter().filter(|d| d.kind == TargetKind::ByDate) {
            let Some(z) = z_of[due.target] else { continue };
            let mut e = finished_terms(f, last, 0..=due.day);
            e.add_mul(1.0, f.var(z));
            f.push(constraint!(e >= due.units));
        }
        // Deliveries (on_date, made_on_date): what is delivered up to each
        // date comes from what is finished up to it ...
        let deliveries: Vec<_> = dues
            .iter()
            .filter(|d| d.kind != TargetKind::ByDate)
            .collect();
        let mut days: Vec<usize> = deliveries.iter().map(|d| d.day).collect();
        days.sort_unstable();
        days.dedup();
        for &e_day in &days {
            let mut e = finished_terms(f, last, 0..=e_day);
            let mut need = 0.0;
            for due in deliveries.iter().filter(|d| d.day <= e_day) {
                if let Some(z) = z_of[due.target] {
                    e.add_mul(1.0, f.var(z));
                }
                need += due.units;
            }
            f.push(constraint!(e >= need));
        }
        // ... and a made_on_date quota from what is finished on its date.
        for &d in &days {
            let quotas: Vec<_> = deliveries
                .iter()
                .filter(|q| q.day == d && q.kind == TargetKind::MadeOnDate)
                .collect();
            if quotas.is_empty() {
                continue;
            }
            let mut e = finished_terms(f, last, d..=d);
            let mut need = 0.0;
            for q in quotas {
                if let Some(z) = z_of[q.target] {
                    e.add_mul(1.0, f.var(z));
                }
                need += q.units;
            }
            f.push(constraint!(e >= need));
        }
    }
}
