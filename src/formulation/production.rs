//! Production: capacity, stock flow between stations and output targets
//! (rows 9, 10, 10b, 11 of DESIGN.md).

use good_lp::{constraint, variable, Expression};

use super::{Col, Formulation};
use crate::model::TargetKind;
use crate::prepare::Prepared;

pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) {
    // A line without targets cannot change the objective: its flow is left
    // to the post-solve estimate.
    if p.s.targets.is_empty() {
        return;
    }
    let nd = p.dates.len();
    // Capacity terms per (station, day).
    let mut terms: Vec<Vec<Vec<(f64, Col)>>> = vec![vec![Vec::new(); nd]; p.stations.len()];
    for (ci, c) in p.cands.iter().enumerate() {
        terms[c.station][p.occs[c.occ].day].push((c.units, f.x[ci]));
    }
    // p_{s,d}
    let mut prod: Vec<Vec<Col>> = Vec::with_capacity(p.stations.len());
    for station_terms in terms.iter() {
        let mut row = Vec::with_capacity(nd);
        for day_terms in station_terms.iter() {
            let max_units: f64 = day_terms.iter().map(|t| t.0).sum();
            let col = f.add_var(variable().min(0.0).max(max_units), 0.0, 0.0);
            // 9. capacity
            let mut e = f.sum(day_terms.iter().copied());
            e.add_mul(-1.0, f.var(col));
            f.push(constraint!(e >= 0.0));
            row.push(col);
        }
        prod.push(row);
    }
    // Home batches coming back, per (station, day) (rows H1–H3).
    let back = super::home::add(f, p);
    // 10. flow between consecutive stations (cumulative); H3: home units
    // enter the stock after the station on the day they come back.
    for line in &p.line_stations {
        for pair in line.windows(2) {
            let (up, down) = (pair[0], pair[1]);
            let stock = p.stations[down].station.initial_stock;
            let buffer = p.stations[down].station.buffer_capacity;
            let mut e = Expression::with_capacity(2 * nd);
            for (d, (&pd, &pu)) in prod[down].iter().zip(&prod[up]).enumerate() {
                e.add_mul(1.0, f.var(pd));
                e.add_mul(-1.0, f.var(pu));
                for &b in &back[up][d] {
                    e.add_mul(-1.0, f.var(b));
                }
                f.push(constraint!(e.clone() <= stock));
                // 10b. buffer capacity: stock at the end of the day <= buffer.
                if let Some(b) = buffer {
                    f.push(constraint!(e.clone() >= stock - b));
                }
            }
        }
    }
    // 11. targets
    let mut z_of = vec![None; p.s.targets.len()];
    for (t, target) in p.s.targets.iter().enumerate() {
        let ub = target.units;
        z_of[t] = Some(f.add_var(variable().min(0.0).max(ub), p.shortfall_penalty(t), ub));
    }
    for (li, line) in p.s.lines.iter().enumerate() {
        let Some(&last) = p.line_stations[li].last() else {
            continue;
        };
        let mine: Vec<(usize, usize)> =
            p.s.targets
                .iter()
                .enumerate()
                .filter(|(_, t)| t.line == line.id)
                .filter_map(|(i, t)| p.s.horizon.index_of(t.date).map(|d| (i, d)))
                .collect();
        // by_date: a production milestone.
        for &(t, day) in mine
            .iter()
            .filter(|(t, _)| p.s.targets[*t].kind == TargetKind::ByDate)
        {
            let Some(z) = z_of[t] else { continue };
            let mut e = f.sum((0..=day).map(|d| (1.0, prod[last][d])));
            e.add_mul(1.0, f.var(z));
            for &b in back[last][..=day].iter().flatten() {
                e.add_mul(1.0, f.var(b));
            }
            f.push(constraint!(e >= p.s.targets[t].units));
        }
        // on_date: cumulative deliveries from finished goods.
        let on_date: Vec<(usize, usize)> = mine
            .iter()
            .copied()
            .filter(|(t, _)| p.s.targets[*t].kind == TargetKind::OnDate)
            .collect();
        let mut days: Vec<usize> = on_date.iter().map(|&(_, d)| d).collect();
        days.sort_unstable();
        days.dedup();
        for &e_day in &days {
            let mut e = f.sum((0..=e_day).map(|d| (1.0, prod[last][d])));
            for &b in back[last][..=e_day].iter().flatten() {
                e.add_mul(1.0, f.var(b));
            }
            let mut need = 0.0;
            for &(t, d) in on_date.iter().filter(|(_, d)| *d <= e_day) {
                let _ = d;
                if let Some(z) = z_of[t] {
                    e.add_mul(1.0, f.var(z));
                }
                need += p.s.targets[t].units;
            }
            f.push(constraint!(e >= need));
        }
    }
}
