//! The clock: one partition of time and one flow computation shared by the
//! integer program ([`crate::formulation`]), the reports
//! ([`crate::report`]), the hourly view ([`crate::flow`]) and the absence
//! simulation ([`crate::risk`]). The independent checker ([`crate::check`])
//! recomputes the same thing with code of its own.
//!
//! The horizon (plus one day, for shifts that run past the last midnight) is
//! cut at every midnight and at every start and end of every shift template
//! on every date. Between two consecutive cuts every assignment works at a
//! constant rate, so the fluid flow of a serial line is computed exactly per
//! interval (docs/semantics.md, "Production on the clock").

use crate::model::{time_minute_of_day, Scenario, TargetKind, MINUTES_PER_DAY};

/// The intervals of a scenario's horizon: `[bounds[k], bounds[k + 1])`, in
/// minutes from 00:00 of the horizon's first date.
#[derive(Debug, Clone)]
pub(crate) struct Timeline {
    bounds: Vec<i64>,
}

impl Timeline {
    /// Cuts at every midnight from the horizon start to the day after its
    /// end, and at each template's start and end on every date.
    pub fn new(s: &Scenario) -> Self {
        let n_days = s.horizon.len();
        let last = (n_days as i64 + 1) * MINUTES_PER_DAY;
        let mut offsets: Vec<i64> = Vec::with_capacity(2 * s.shifts.len() + 1);
        offsets.push(0);
        for sh in &s.shifts {
            let start = time_minute_of_day(sh.start);
            offsets.push(start);
            offsets.push(start + sh.duration_minutes());
        }
        offsets.sort_unstable();
        offsets.dedup();
        let mut bounds: Vec<i64> = Vec::with_capacity((n_days + 1) * offsets.len() + 1);
        for d in 0..=n_days as i64 {
            for &o in &offsets {
                let m = d * MINUTES_PER_DAY + o;
                if m < last {
                    bounds.push(m);
                }
            }
        }
        bounds.push(last);
        bounds.sort_unstable();
        bounds.dedup();
        Self { bounds }
    }

    /// Number of intervals.
    pub fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    /// Start of interval `k`, in minutes from the horizon start.
    pub fn start(&self, k: usize) -> i64 {
        self.bounds[k]
    }

    /// End of interval `k`.
    pub fn end(&self, k: usize) -> i64 {
        self.bounds[k + 1]
    }

    /// Calendar day index of interval `k` (intervals never cross midnight).
    pub fn day(&self, k: usize) -> usize {
        (self.bounds[k] / MINUTES_PER_DAY) as usize
    }

    /// The interval that starts at `minute` or contains it.
    pub fn at(&self, minute: i64) -> usize {
        self.bounds
            .partition_point(|&b| b <= minute)
            .saturating_sub(1)
            .min(self.len().saturating_sub(1))
    }

    /// The first interval of calendar day `d`.
    pub fn first_of_day(&self, d: usize) -> usize {
        self.at(d as i64 * MINUTES_PER_DAY)
    }

    /// The intervals of `[start, end)` with the share of that span each
    /// holds (the shares add up to 1). Work at a constant rate over the span
    /// splits by these shares.
    pub fn spread(&self, start: i64, end: i64) -> impl Iterator<Item = (usize, f64)> + '_ {
        let span = (end - start).max(1) as f64;
        let first = self.at(start.max(0));
        (first..self.len())
            .take_while(move |&k| self.bounds[k] < end)
            .map(move |k| {
                let a = self.bounds[k].max(start);
                let b = self.bounds[k + 1].min(end);
                (k, (b - a).max(0) as f64 / span)
            })
            .filter(|&(_, share)| share > 0.0)
    }
}

/// One line's stock rules, stations in flow order.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineRules {
    /// Units waiting in front of each station at the start (0 for the first).
    pub initial: Vec<f64>,
    /// Buffer capacity in front of each station (`None` for the first).
    pub buffer: Vec<Option<f64>>,
}

impl LineRules {
    pub fn of(line: &crate::model::Line) -> Self {
        Self {
            initial: line
                .stations
                .iter()
                .enumerate()
                .map(|(i, st)| if i == 0 { 0.0 } else { st.initial_stock })
                .collect(),
            buffer: line
                .stations
                .iter()
                .enumerate()
                .map(|(i, st)| if i == 0 { None } else { st.buffer_capacity })
                .collect(),
        }
    }
}

/// A line's flow, `pos × nk + k`.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineFlow {
    pub produced: Vec<f64>,
    pub stock_end: Vec<f64>,
    /// Capacity lost for lack of material.
    pub starved: Vec<f64>,
    /// Capacity lost because the buffer after the station was full.
    pub blocked: Vec<f64>,
    stock: Vec<f64>,
}

/// The work-conserving fluid flow of one serial line (docs/semantics.md,
/// "Production on the clock"): interval by interval, in flow order, a station makes
/// `min(capacity, stock + what the station before it delivers in the
/// interval)`; then, from the last station upstream, a station whose buffer
/// would end the interval above its capacity takes the excess back from the
/// station before it (blocked). `cap` and `extra` are `pos × nk + k`;
/// `extra` is output a station delivers in an interval beside its own
/// production (home batches coming back).
///
/// The result is the componentwise largest cumulative flow that respects
/// capacities, material and buffers at every interval end, which is why the
/// integer program's `≤` rows reach exactly it at an optimum.
pub(crate) fn run_line(
    rules: &LineRules,
    nk: usize,
    cap: &[f64],
    extra: &[f64],
    out: &mut LineFlow,
) {
    let k = rules.initial.len();
    for v in [
        &mut out.produced,
        &mut out.stock_end,
        &mut out.starved,
        &mut out.blocked,
    ] {
        v.clear();
        v.resize(k * nk, 0.0);
    }
    out.stock.clear();
    out.stock.extend_from_slice(&rules.initial);
    for t in 0..nk {
        let mut inflow = f64::INFINITY;
        for i in 0..k {
            let ix = i * nk + t;
            let c = cap[ix].max(0.0);
            let made = if i == 0 {
                c
            } else {
                let available = out.stock[i] + inflow;
                let made = c.min(available);
                out.stock[i] = available - made;
                made
            };
            out.produced[ix] = made;
            out.starved[ix] = c - made;
            inflow = made + extra[ix];
        }
        for i in (1..k).rev() {
            let Some(b) = rules.buffer[i] else { continue };
            let over = out.stock[i] - b;
            if over > 0.0 {
                let up = (i - 1) * nk + t;
                let back = over.min(out.produced[up]);
                out.produced[up] -= back;
                out.blocked[up] += back;
                out.stock[i] -= back;
                if i > 1 {
                    out.stock[i - 1] += back;
                }
            }
        }
        for i in 0..k {
            out.stock_end[i * nk + t] = out.stock[i];
        }
    }
}

/// A target as the crediting needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Due {
    /// Index in the scenario's targets.
    pub target: usize,
    /// Day index in the horizon.
    pub day: usize,
    pub kind: TargetKind,
    pub units: f64,
    /// What a unit delivered is worth: the shortfall penalty, plus (for
    /// deliveries) the line's holding cost saved from the target's date to
    /// the horizon's end.
    pub worth: f64,
}

/// The targets of each line, ready for [`credit`]: by_date ones first, then
/// deliveries in the order the greedy serves them (worth descending, date,
/// scenario order). Targets dated outside the horizon are left out (they are
/// credited nothing; validation rejects them).
pub(crate) fn dues_by_line(s: &Scenario) -> Vec<Vec<Due>> {
    let n = s.horizon.len();
    s.lines
        .iter()
        .map(|l| {
            let holding = l.holding_cost_per_unit_day.unwrap_or(0.0);
            let mut dues: Vec<Due> = s
                .targets
                .iter()
                .enumerate()
                .filter(|(_, t)| t.line == l.id)
                .filter_map(|(i, t)| {
                    s.horizon.index_of(t.date).map(|day| {
                        let penalty = t
                            .shortfall_penalty
                            .unwrap_or(s.penalties.shortfall_per_unit);
                        // A unit delivered is a unit no longer held.
                        let saved = match t.kind {
                            TargetKind::ByDate => 0.0,
                            _ => holding * n.saturating_sub(day) as f64,
                        };
                        Due {
                            target: i,
                            day,
                            kind: t.kind,
                            units: t.units,
                            worth: penalty + saved,
                        }
                    })
                })
                .collect();
            dues.sort_by(|a, b| {
                (a.kind != TargetKind::ByDate)
                    .cmp(&(b.kind != TargetKind::ByDate))
                    .then(b.worth.total_cmp(&a.worth))
                    .then(a.day.cmp(&b.day))
                    .then(a.target.cmp(&b.target))
            });
            dues
        })
        .collect()
}

/// Credits one line's targets from its finished units per date (docs/semantics.md,
/// "Production on the clock", targets): a `by_date` target gets everything finished up to its date;
/// `on_date` and `made_on_date` targets are deliveries, served by the greedy
/// in `dues` order, each taking what it can without taking units an earlier
/// one needs: an `on_date` delivery from units finished up to its date, a
/// `made_on_date` one from units finished on its date only. This greedy
/// maximises the penalty-weighted delivery (the deliveries form a
/// polymatroid), so it equals the integer program's choice for the same
/// roster. Writes `credit[target]`; returns the units delivered per date.
pub(crate) fn credit(dues: &[Due], finished: &[f64], credit: &mut [f64]) -> Vec<f64> {
    let n = finished.len();
    let mut cum = Vec::with_capacity(n);
    let mut acc = 0.0;
    for &f in finished {
        acc += f;
        cum.push(acc);
    }
    // Deliveries dated <= e, and made_on_date deliveries per date.
    let mut delivered_by = vec![0.0; n];
    let mut made_used = vec![0.0; n];
    let mut delivered = vec![0.0; n];
    for due in dues {
        let d = due.day.min(n.saturating_sub(1));
        if n == 0 {
            credit[due.target] = 0.0;
            continue;
        }
        match due.kind {
            TargetKind::ByDate => credit[due.target] = cum[d],
            TargetKind::OnDate | TargetKind::MadeOnDate => {
                let mut room = (d..n)
                    .map(|e| cum[e] - delivered_by[e])
                    .fold(f64::INFINITY, f64::min);
                if due.kind == TargetKind::MadeOnDate {
                    room = room.min(finished[d] - made_used[d]);
                }
                let q = due.units.min(room.max(0.0));
                credit[due.target] = q;
                for slot in &mut delivered_by[d..] {
                    *slot += q;
                }
                if due.kind == TargetKind::MadeOnDate {
                    made_used[d] += q;
                }
                delivered[d] += q;
            }
        }
    }
    delivered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(target: usize, day: usize, kind: TargetKind, units: f64, worth: f64) -> Due {
        Due {
            target,
            day,
            kind,
            units,
            worth,
        }
    }

    #[test]
    fn run_line_is_fluid_and_respects_buffers() {
        // Two stations, one interval: upstream 10, downstream 30 with 5 in stock.
        let rules = LineRules {
            initial: vec![0.0, 5.0],
            buffer: vec![None, None],
        };
        let mut out = LineFlow::default();
        run_line(&rules, 1, &[10.0, 30.0], &[0.0, 0.0], &mut out);
        assert_eq!(out.produced, vec![10.0, 15.0]);
        assert_eq!(out.starved, vec![0.0, 15.0]);
        // A buffer of 2 in front of a station with no capacity blocks upstream.
        let rules = LineRules {
            initial: vec![0.0, 0.0],
            buffer: vec![None, Some(2.0)],
        };
        run_line(&rules, 1, &[10.0, 0.0], &[0.0, 0.0], &mut out);
        assert_eq!(out.produced, vec![2.0, 0.0]);
        assert_eq!(out.blocked, vec![8.0, 0.0]);
        assert_eq!(out.stock_end, vec![0.0, 2.0]);
    }

    #[test]
    fn made_on_date_takes_only_that_dates_units() {
        // Finished 10 on day 0, 0 on day 1.
        let finished = [10.0, 0.0];
        let mut c = vec![0.0; 2];
        let dues = [
            due(0, 1, TargetKind::MadeOnDate, 5.0, 10.0),
            due(1, 1, TargetKind::OnDate, 5.0, 1.0),
        ];
        let delivered = credit(&dues, &finished, &mut c);
        assert_eq!(c, vec![0.0, 5.0]);
        assert_eq!(delivered, vec![0.0, 5.0]);
    }

    #[test]
    fn timeline_cuts_at_shift_bounds_and_midnights() {
        let json = r#"{
          "horizon": { "start": "2026-03-02", "end": "2026-03-02" },
          "shifts": [ { "id": "n", "start": "22:00", "end": "06:00" } ],
          "lines": [], "workers": [] }"#;
        let s = Scenario::from_json_str(json).expect("scenario");
        let t = Timeline::new(&s);
        let starts: Vec<i64> = (0..t.len()).map(|k| t.start(k)).collect();
        assert_eq!(starts, vec![0, 1320, 1440, 1800, 2760]);
        assert_eq!(t.end(t.len() - 1), 2880);
        let parts: Vec<(usize, f64)> = t.spread(1320, 1800).collect();
        assert_eq!(parts, vec![(1, 0.25), (2, 0.75)]);
        assert_eq!(t.day(2), 1);
        assert_eq!(t.first_of_day(1), 2);
    }
}
