//! Production on the clock: capacity, stock between stations, output
//! targets and holding costs, per interval of [`crate::clock::Timeline`]
//! (rows 9–11, 10b, 11c–11f of docs/formulation.md).

use good_lp::{constraint, variable, Expression};

use super::{Col, Formulation};
use crate::clock::{dues_by_line, Timeline};
use crate::model::{TargetKind, MINUTES_PER_DAY};
use crate::prepare::Prepared;

/// The stock in front of a station at some moment: a column plus a constant.
#[derive(Clone, Copy)]
struct Level {
    col: Option<Col>,
    constant: f64,
}

impl Level {
    fn add_to(self, f: &Formulation, e: &mut Expression, coef: f64) -> f64 {
        if let Some(c) = self.col {
            e.add_mul(coef, f.var(c));
        }
        coef * self.constant
    }
}

/// True when the model must produce exactly what the people on shift can
/// (work-conserving rows 11c): holding costs or a finished-stock limit would
/// otherwise let it plan less than the line makes.
fn needs_exact_flow(p: &Prepared<'_>) -> bool {
    p.s.lines.iter().any(|l| {
        l.holding_cost_per_unit_day.is_some_and(|h| h > 0.0)
            || l.max_finished_stock.is_some()
            || l.stations
                .iter()
                .skip(1)
                .any(|s| s.holding_cost_per_unit_day.is_some_and(|h| h > 0.0))
    })
}

pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) {
    // Without targets or holding costs the flow cannot change the
    // objective: it is left to the reports.
    let exact = needs_exact_flow(p);
    if p.s.targets.is_empty() && !exact {
        return;
    }
    f.has_flow = true;
    let nd = p.dates.len();
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
    // A line's first station makes its whole capacity when nothing can
    // block it (no buffer after it) and stock costs nothing: its production
    // is the capacity expression itself, without a column (fewer columns
    // and rows; the same flow).
    let mut direct = vec![false; p.stations.len()];
    if !exact {
        for line in &p.line_stations {
            if let Some(&first) = line.first() {
                direct[first] = line
                    .get(1)
                    .is_none_or(|&n| p.stations[n].station.buffer_capacity.is_none());
            }
        }
    }
    // p_{s,k} where the station can work at all, with its upper bound.
    let mut prod: Vec<Vec<Option<Col>>> = Vec::with_capacity(p.stations.len());
    let mut prod_ub: Vec<Vec<f64>> = Vec::with_capacity(p.stations.len());
    for (si, station_terms) in terms.iter().enumerate() {
        let mut row = vec![None; nk];
        let mut ub = vec![0.0; nk];
        for (k, interval_terms) in station_terms.iter().enumerate() {
            if interval_terms.is_empty() || direct[si] {
                continue;
            }
            let max_units: f64 = interval_terms.iter().map(|t| t.0).sum();
            let col = f.add_var(variable().min(0.0).max(max_units), 0.0, 0.0);
            // 9. capacity
            let mut e = f.sum(interval_terms.iter().copied());
            e.add_mul(-1.0, f.var(col));
            f.push(constraint!(e >= 0.0));
            row[k] = Some(col);
            ub[k] = max_units;
        }
        prod.push(row);
        prod_ub.push(ub);
    }
    // Home batches coming back, per (station, day) (rows H1–H3): they leave
    // the station at 00:00 of the collection date.
    let back = super::home::add(f, p);
    let lump_of = |station: usize, k: usize| -> &[Col] {
        if clock.start(k) % MINUTES_PER_DAY == 0 {
            back[station]
                .get(clock.day(k))
                .map_or(&[], |v| v.as_slice())
        } else {
            &[]
        }
    };
    let home_ub: std::collections::HashMap<Col, f64> = f
        .home
        .iter()
        .zip(&p.home.slots)
        .map(|(&c, slot)| (c, slot.max_units))
        .collect();
    let lump_ub = |station: usize, k: usize| -> f64 {
        lump_of(station, k)
            .iter()
            .map(|c| home_ub.get(c).copied().unwrap_or(0.0))
            .sum()
    };
    // 10. stock in front of each station after the first, carried interval
    // to interval: s_k = s_{k-1} + p_{up,k} + home_k − p_{down,k} ≥ 0;
    // 10b. s_k ≤ buffer capacity. `before[station][k]`: the stock at the
    // start of interval k.
    let mut before: Vec<Vec<Level>> = vec![Vec::new(); p.stations.len()];
    for line in &p.line_stations {
        for pair in line.windows(2) {
            let (up, down) = (pair[0], pair[1]);
            let st = p.stations[down].station;
            let mut level = Level {
                col: None,
                constant: st.initial_stock,
            };
            let mut starts = Vec::with_capacity(nk + 1);
            for (k, (&pu, &pd)) in prod[up].iter().zip(&prod[down]).enumerate() {
                starts.push(level);
                let lump = lump_of(up, k);
                let up_works = pu.is_some() || (direct[up] && !terms[up][k].is_empty());
                if !up_works && pd.is_none() && lump.is_empty() {
                    continue;
                }
                let max = st.buffer_capacity.unwrap_or(f64::INFINITY);
                let s = f.add_var(variable().min(0.0).max(max), 0.0, 0.0);
                let mut e = Expression::with_capacity(4 + lump.len());
                e.add_mul(1.0, f.var(s));
                let rhs = -level.add_to(f, &mut e, -1.0);
                if let Some(c) = pu {
                    e.add_mul(-1.0, f.var(c));
                } else if direct[up] {
                    for &(units, x) in &terms[up][k] {
                        e.add_mul(-units, f.var(x));
                    }
                }
                for &b in lump {
                    e.add_mul(-1.0, f.var(b));
                }
                if let Some(c) = pd {
                    e.add_mul(1.0, f.var(c));
                }
                f.push(constraint!(e == rhs));
                level = Level {
                    col: Some(s),
                    constant: 0.0,
                };
            }
            starts.push(level);
            before[down] = starts;
        }
    }
    // 11c. work-conserving flow (only with holding costs or a finished-stock
    // limit, which reward planning less than the line makes): each station
    // makes exactly what the clock's flow makes (docs/semantics.md, "Production on the clock").
    if exact {
        for line in &p.line_stations {
            add_exact_flow(
                f, p, line, &prod, &prod_ub, &before, &lump_of, &lump_ub, &terms,
            );
        }
    }
    // Finished units per date: the last station's production in the
    // intervals of the date, plus home batches of the last station.
    let finished_terms = |f: &Formulation, last: usize, days: std::ops::RangeInclusive<usize>| {
        let mut e = Expression::with_capacity(16);
        for (k, &col) in prod[last].iter().enumerate() {
            if !days.contains(&clock.day(k)) {
                continue;
            }
            if let Some(c) = col {
                e.add_mul(1.0, f.var(c));
            } else if direct[last] {
                for &(units, x) in &terms[last][k] {
                    e.add_mul(units, f.var(x));
                }
            }
        }
        for d in days {
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
        let line = &p.s.lines[li];
        // 11d. finished-goods holding: h × Σ_d (finished up to d − delivered
        // up to d) = h × (Σ_k (n − day k) p_last,k − Σ_t (n − d_t)(u_t − z_t)).
        if let Some(h) = line.holding_cost_per_unit_day.filter(|&h| h > 0.0) {
            for (k, &col) in prod[last].iter().enumerate() {
                let d = clock.day(k);
                if let (Some(c), true) = (col, d < nd) {
                    f.add_cost(c, h * (nd - d) as f64);
                }
            }
            for (d, cols) in back[last].iter().enumerate() {
                for &b in cols {
                    f.add_cost(b, h * (nd - d) as f64);
                }
            }
            for due in &deliveries {
                let held = h * (nd - due.day) as f64;
                if let Some(z) = z_of[due.target] {
                    f.add_cost(z, held);
                }
                f.offset -= held * due.units;
            }
        }
        // 11e. finished ahead of the deliveries due: at 24:00 of every date,
        // Σ_{d'≤d} finished − Σ_{t due ≤ d} u_t ≤ max_finished_stock.
        if let Some(cap) = line.max_finished_stock {
            let mut due_so_far = 0.0;
            for d in 0..nd {
                due_so_far += deliveries
                    .iter()
                    .filter(|q| q.day == d)
                    .map(|q| q.units)
                    .sum::<f64>();
                let e = finished_terms(f, last, 0..=d);
                f.push(constraint!(e <= cap + due_so_far));
            }
        }
        // 11f. work in progress: h_s × the stock in front of s at 24:00.
        for &s in p.line_stations[li].iter().skip(1) {
            let Some(h) = p.stations[s]
                .station
                .holding_cost_per_unit_day
                .filter(|&h| h > 0.0)
            else {
                continue;
            };
            for d in 0..nd {
                let k = clock.first_of_day(d + 1);
                let level = before[s].get(k).copied().unwrap_or(Level {
                    col: None,
                    constant: p.stations[s].station.initial_stock,
                });
                match level.col {
                    Some(c) => f.add_cost(c, h),
                    None => f.offset += h * level.constant,
                }
            }
        }
    }
}

/// Rows 11c for one line: `f_i = min(capacity_i, stock_i + f_{i−1} + home)`
/// (the forward pass) and, in front of a buffer, `p_i = min(f_i, B − stock_{i+1}
/// − home + p_{i+1})` (the backward pass), each min with one binary and
/// big-M rows sized by the terms' upper bounds. Without a buffer after the
/// station, `p_i = f_i`.
#[allow(clippy::too_many_arguments)]
fn add_exact_flow<'l>(
    f: &mut Formulation,
    p: &Prepared<'_>,
    line: &[usize],
    prod: &[Vec<Option<Col>>],
    prod_ub: &[Vec<f64>],
    before: &[Vec<Level>],
    lump_of: &dyn Fn(usize, usize) -> &'l [Col],
    lump_ub: &dyn Fn(usize, usize) -> f64,
    terms: &[Vec<Vec<(f64, Col)>>],
) {
    let nk = prod.first().map_or(0, |v| v.len());
    // Upper bound of the stock in front of each station.
    let stock_ub: Vec<f64> = line
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            if i == 0 {
                return 0.0;
            }
            let st = p.stations[s].station;
            let flow: f64 = (0..nk)
                .map(|k| prod_ub[line[i - 1]][k] + lump_ub(line[i - 1], k))
                .sum();
            st.buffer_capacity
                .unwrap_or(f64::INFINITY)
                .min(st.initial_stock + flow)
        })
        .collect();
    for k in 0..nk {
        // Forward values of this interval, station by station.
        let mut forward: Vec<Option<Col>> = vec![None; line.len()];
        for (i, &s) in line.iter().enumerate() {
            let Some(pc) = prod[s][k] else { continue };
            let buffered_after = line
                .get(i + 1)
                .is_some_and(|&n| p.stations[n].station.buffer_capacity.is_some());
            let fcol = if buffered_after {
                f.add_var(variable().min(0.0).max(prod_ub[s][k]), 0.0, 0.0)
            } else {
                pc
            };
            forward[i] = Some(fcol);
            // f ≤ capacity.
            let cap = f.sum(terms[s][k].iter().copied());
            if buffered_after {
                let mut e = cap.clone();
                e.add_mul(-1.0, f.var(fcol));
                f.push(constraint!(e >= 0.0));
            }
            if i == 0 {
                // The first station draws unlimited material: f = capacity.
                let mut e = cap;
                e.add_mul(-1.0, f.var(fcol));
                f.push(constraint!(e <= 0.0));
            } else {
                // A = stock at the start + forward upstream + home units.
                let mut avail = Expression::with_capacity(4);
                let level = before[s].get(k).copied().unwrap_or(Level {
                    col: None,
                    constant: p.stations[s].station.initial_stock,
                });
                let mut a_const = level.add_to(f, &mut avail, 1.0);
                let mut a_ub = stock_ub[i];
                if let Some(fu) = forward[i - 1] {
                    avail.add_mul(1.0, f.var(fu));
                    a_ub += prod_ub[line[i - 1]][k];
                }
                for &b in lump_of(line[i - 1], k) {
                    avail.add_mul(1.0, f.var(b));
                }
                a_ub += lump_ub(line[i - 1], k);
                // f ≤ A, and f ≥ min(capacity, A) with one binary.
                let mut e = avail.clone();
                e.add_mul(-1.0, f.var(fcol));
                f.push(constraint!(e >= -a_const));
                let y = f.add_var(variable().binary(), 0.0, 0.0);
                let m_cap = prod_ub[s][k];
                // f ≥ cap − M (1 − y)
                let mut e = cap;
                e.add_mul(-1.0, f.var(fcol));
                e.add_mul(m_cap, f.var(y));
                f.push(constraint!(e <= m_cap));
                // f ≥ A − M y
                let m_a = a_ub + a_const.abs();
                let mut e = avail;
                e.add_mul(-1.0, f.var(fcol));
                e.add_mul(-m_a, f.var(y));
                a_const = -a_const;
                f.push(constraint!(e <= a_const));
            }
        }
        // Backward: p_i = min(f_i, B − stock_{i+1} − home + p_{i+1}).
        for i in (0..line.len().saturating_sub(1)).rev() {
            let (s, n) = (line[i], line[i + 1]);
            let Some(b) = p.stations[n].station.buffer_capacity else {
                continue;
            };
            let (Some(pc), Some(fc)) = (prod[s][k], forward[i]) else {
                continue;
            };
            // p ≤ f (p ≤ room is the buffer bound on the stock).
            let mut e = Expression::with_capacity(2);
            e.add_mul(1.0, f.var(fc));
            e.add_mul(-1.0, f.var(pc));
            f.push(constraint!(e >= 0.0));
            // room = B − stock_{n} at the start − home into n + p_n.
            let mut room = Expression::with_capacity(4);
            let level = before[n].get(k).copied().unwrap_or(Level {
                col: None,
                constant: p.stations[n].station.initial_stock,
            });
            let mut r_const = b + level.add_to(f, &mut room, -1.0);
            for &h in lump_of(s, k) {
                room.add_mul(-1.0, f.var(h));
            }
            let mut r_ub = b;
            if let Some(pn) = prod[n][k] {
                room.add_mul(1.0, f.var(pn));
                r_ub += prod_ub[n][k];
            }
            let g = f.add_var(variable().binary(), 0.0, 0.0);
            // p ≥ f − M (1 − g)
            let m_f = prod_ub[s][k];
            let mut e = Expression::with_capacity(3);
            e.add_mul(1.0, f.var(fc));
            e.add_mul(-1.0, f.var(pc));
            e.add_mul(m_f, f.var(g));
            f.push(constraint!(e <= m_f));
            // p ≥ room − M g
            let m_r = r_ub + r_const.abs();
            room.add_mul(-1.0, f.var(pc));
            room.add_mul(-m_r, f.var(g));
            r_const = -r_const;
            f.push(constraint!(room <= r_const));
        }
    }
}
