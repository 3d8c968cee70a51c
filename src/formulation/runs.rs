//! The run network (row 18 of docs/formulation.md, `exempt` borders): a worker's
//! sequence of working runs and rest runs as a path in a graph, one unit of
//! flow from the first date to the end of the horizon.
//!
//! Nodes, for each date t (and t = H, the end):
//! - `W(t)`: a working run starts on t;
//! - `F(t)`: a run of days off starts on t;
//! - `L(t)`: a run of days off has lasted its minimum, and t is still open.
//!
//! Arcs: `W(t) → F(t+len)` works t..t+len−1 (len from the minimum to the
//! maximum run; any len ≥ 1 when the run touches the first or last date);
//! `F(t) → L(t+M)` rests M days (`F(0) → L(0)`: a rest run on the first date
//! is exempt; `F(t) → end` when fewer than M dates remain); `L(t) → L(t+1)`
//! rests one more day; `L(t) → W(t)` starts work. Then
//! w(e,t) = Σ flow on the work arcs covering t.
//!
//! The graph is acyclic and every path is a sequence that keeps the run
//! rules (and every such sequence is exactly one path), so its LP is the
//! convex hull of those sequences: much tighter than window inequalities.

use std::collections::HashMap;

use good_lp::{constraint, variable, Expression};

use super::{Col, Formulation};
use crate::model::RunBorders;
use crate::prepare::Prepared;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Node {
    Source,
    W(usize),
    F(usize),
    L(usize),
    End,
}

/// For each date, the weekend it belongs to (numbered by its Saturday), if
/// it is a Saturday or a Sunday.
pub(crate) fn weekend_of(p: &Prepared<'_>) -> Vec<Option<i64>> {
    use chrono::{Datelike, Weekday};
    p.dates
        .iter()
        .map(|d| match d.weekday() {
            Weekday::Sat => Some(d.num_days_from_ce() as i64),
            Weekday::Sun => Some(d.num_days_from_ce() as i64 - 1),
            _ => None,
        })
        .collect()
}

/// True if worker `w`'s run rules are modelled by the network (borders
/// `exempt` and some run rule beyond the rules' own maximum).
pub(super) fn uses_network(p: &Prepared<'_>, w: usize) -> bool {
    let worker = &p.s.workers[w];
    p.s.run_borders == RunBorders::Exempt
        && (worker.min_consecutive_days.unwrap_or(1) > 1
            || worker.min_consecutive_days_off.unwrap_or(1) > 1
            || worker.max_consecutive_days.is_some())
}

pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>, w: usize) {
    let worker = &p.s.workers[w];
    let h = p.dates.len();
    let k = worker
        .max_consecutive_days
        .map_or(p.s.rules.max_consecutive_days, |m| {
            m.min(p.s.rules.max_consecutive_days)
        })
        .max(1) as usize;
    let m_work = worker.min_consecutive_days.unwrap_or(1).max(1) as usize;
    let m_off = worker.min_consecutive_days_off.unwrap_or(1).max(1) as usize;
    let can: Vec<bool> = (0..h).map(|d| !f.cands_of(w, d).is_empty()).collect();
    // Longest run of workable dates starting at each date.
    let mut reach = vec![0usize; h + 1];
    for t in (0..h).rev() {
        reach[t] = if can[t] { reach[t + 1] + 1 } else { 0 };
    }

    let mut arcs: Vec<(Node, Node, Col)> = Vec::new();
    let mut cover: Vec<Vec<Col>> = vec![Vec::new(); h];
    let mut arc = |f: &mut Formulation, from: Node, to: Node| -> Col {
        let col = f.add_var(variable().min(0.0).max(1.0), 0.0, 0.0);
        arcs.push((from, to, col));
        col
    };
    let node_f = |t: usize| if t >= h { Node::End } else { Node::F(t) };
    let node_l = |t: usize| if t >= h { Node::End } else { Node::L(t) };

    arc(f, Node::Source, Node::W(0));
    arc(f, Node::Source, Node::F(0));
    for (t, &workable) in reach.iter().enumerate().take(h) {
        // Working runs from t.
        for len in 1..=k.min(workable) {
            let end = t + len;
            let exempt = t == 0 || end == h;
            if len < m_work && !exempt {
                continue;
            }
            let col = arc(f, Node::W(t), node_f(end));
            for c in cover.iter_mut().take(end).skip(t) {
                c.push(col);
            }
        }
        // Rest runs from t.
        if t == 0 {
            arc(f, Node::F(0), Node::L(0));
        } else if t + m_off <= h {
            arc(f, Node::F(t), node_l(t + m_off));
        } else {
            arc(f, Node::F(t), Node::End);
        }
        arc(f, Node::L(t), node_l(t + 1));
        arc(f, Node::L(t), Node::W(t));
    }

    // Weekends: on a path, one working run at most touches a given
    // Saturday–Sunday (two runs are a day off apart), so the weekends worked
    // are exactly Σ flow × (weekends the work arc touches) — tighter than
    // y ≥ w(Sat), y ≥ w(Sun).
    if let Some(most) = worker.max_weekends {
        let wk = weekend_of(p);
        let mut weekends_possible = std::collections::BTreeSet::new();
        for (t, cols) in cover.iter().enumerate() {
            if let (Some(k), false) = (wk[t], cols.is_empty()) {
                weekends_possible.insert(k);
            }
        }
        if weekends_possible.len() > most as usize {
            // Count each (arc, weekend) pair once.
            let mut pairs = std::collections::BTreeSet::new();
            for (t, cols) in cover.iter().enumerate() {
                if let Some(k) = wk[t] {
                    for &col in cols {
                        pairs.insert((col, k));
                    }
                }
            }
            let mut e = Expression::with_capacity(pairs.len());
            for (col, _) in pairs {
                e.add_mul(1.0, f.var(col));
            }
            f.push(constraint!(e <= f64::from(most)));
        }
    }

    // Flow conservation: one unit leaves the source; in = out elsewhere.
    let mut balance: HashMap<Node, Expression> = HashMap::new();
    for &(from, to, col) in &arcs {
        balance
            .entry(from)
            .or_insert_with(|| Expression::with_capacity(4))
            .add_mul(-1.0, f.var(col));
        balance
            .entry(to)
            .or_insert_with(|| Expression::with_capacity(4))
            .add_mul(1.0, f.var(col));
    }
    for (node, e) in balance {
        match node {
            Node::Source => f.push(constraint!(e == -1.0)),
            Node::End => {} // implied
            _ => f.push(constraint!(e == 0.0)),
        }
    }
    // Link: the worker works t exactly when a work arc covers t.
    for (t, cols) in cover.iter().enumerate() {
        let mut e = f.sum(f.cands_of(w, t).iter().map(|&c| (1.0, f.x[c])));
        for &col in cols {
            e.add_mul(-1.0, f.var(col));
        }
        f.push(constraint!(e == 0.0));
    }
}
