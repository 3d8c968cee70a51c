//! Best responses worker by worker: a roster improved one worker at a time,
//! each worker's schedule replaced by the cheapest one given everyone
//! else's (docs/formulation.md, "Best responses").
//!
//! With the other workers' schedules fixed, what one worker adds to a cover
//! row's cost is linear in the row's count as long as the worker counts at
//! most once in it (one shift a date): covering it once more is worth the
//! under weight while the others leave it short, and costs the over weight
//! (or nothing, on a row with no over slack) once they meet it. Those
//! marginal values are duals for the decomposition's pricing, so the
//! worker's cheapest schedule under them (an exact resource-constrained
//! shortest path, or the beam for workers with too many labels) is their best
//! response. Only schedules cheaper than the worker's own are sought (the
//! pricing's ceiling), and a change is kept only when the roster's exact
//! value falls, so every pass ends at a roster no worker alone can improve,
//! or at its deadline. Where whole responses are too slow, a response
//! changes a window of the worker's dates only, the rest of their schedule
//! pinned ([`Roster::window`]).

use std::collections::HashSet;
use std::time::Instant;

use super::master::CoverRow;
use super::pricing::{self, Calendar, Mode, Priced, WorkerNet};
use super::{BEAM, QUICK_LABELS};
use crate::rng::SplitMix64;

/// A change is kept when it lowers the roster's value by more than this.
const IMPROVEMENT: f64 = 1e-9;

/// A cover row's slack cost at `count`: `None` past the slacks' bounds.
fn row_cost(r: &CoverRow, count: f64) -> Option<f64> {
    let short = (r.required - count).max(0.0);
    let over = (count - r.required).max(0.0);
    let mut v = 0.0;
    if short > 0.0 {
        let (cost, most) = r.under?;
        if short > most + 1e-9 {
            return None;
        }
        v += cost * short;
    }
    if over > 0.0 {
        match r.over {
            Some((cost, most)) if over <= most + 1e-9 => v += cost * over,
            Some(_) => return None,
            // A ≥ row: covering more costs nothing.
            None => {}
        }
    }
    Some(v)
}

/// What the best responses did.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct Responses {
    /// Passes over every worker.
    pub passes: usize,
    /// Schedules replaced by cheaper rosters.
    pub changes: usize,
    /// Schedules replaced by rosters of the same value.
    pub sideways: usize,
    /// Rebuilds tried (some workers' schedules dropped and priced again).
    pub rebuilds: usize,
    /// Rebuilds kept (no dearer than the roster before them).
    pub rebuilds_kept: usize,
}

/// Passes in a row without a cheaper roster after which a settling takes
/// no more sideways moves.
const PLATEAU_PASSES: usize = 2;

/// Labels a narrow response keeps on each date ([`Roster::narrow`]).
const NARROW_LABELS: usize = 200;

/// Schedules asked of the pricing per response: the cheapest may be the
/// worker's own.
const ASKED: usize = 3;

/// Most workers a rebuild drops, as a share of the workers (at least two).
const REBUILD_SHARE: f64 = 0.2;

/// Dates of the first responses' window ([`Roster::window`]), which then
/// adapts; shorter horizons begin with all their dates.
const FIRST_WINDOW: usize = 28;

/// Fewest dates of a response's window.
const MIN_WINDOW: usize = 7;

/// A response should take about the time given divided by the workers, so
/// that a pass fits (its *target*): one still unfinished at this many times
/// the target stops and halves the window, and one four times quicker than
/// the target grows it by half.
const LATE_TARGETS: u32 = 4;

/// The roster being improved, with its cover rows' counts.
struct Roster<'a> {
    nets: &'a [WorkerNet],
    cal: &'a Calendar,
    cover: &'a [CoverRow],
    cand_rows: &'a [Vec<usize>],
    cand_cost: &'a dyn Fn(usize) -> f64,
    schedules: Vec<Vec<usize>>,
    count: Vec<f64>,
    duals: Vec<f64>,
    until: Instant,
    /// The time a response may take ([`PASS_SHARE`]).
    target: std::time::Duration,
    /// Dates a response may change: a window of this many, drawn at
    /// random, with the worker's schedule kept on every other date (all of
    /// them once it reaches the horizon). It adapts to [`Roster::target`]:
    /// whole-horizon responses take milliseconds on 28 dates of 4 shift
    /// types and seconds on the 364 dates and 16 types of Curtois and Qu 23.
    window: usize,
    /// Responses over the whole horizon only: one that would not finish in
    /// [`LATE_TARGETS`] targets makes the rest narrow, or ends the responses
    /// when they are already (`gave_up`), instead of halving the window.
    whole_only: bool,
    gave_up: bool,
    /// Responses by the narrow search: the completion bound without the
    /// paid-minute limits (its states few) and at most [`NARROW_LABELS`]
    /// labels a date (`pricing::Mode::Narrow`), a heuristic whose time is
    /// linear in the dates. With `whole_only`, it is turned on once late
    /// exact responses (the exact search, then the beam) outnumber those
    /// that finished; once late narrow ones outnumber theirs, the responses
    /// end (`gave_up`).
    narrow: bool,
    /// Responses of the current kind (exact and beam, or narrow) that
    /// finished in time, and that did not.
    in_time: usize,
    late: usize,
}

/// The pricing's parts a [`Roster`] reads: the workers' networks, the
/// calendar, the cover rows, each candidate's rows and its cost.
type Parts<'a> = (
    &'a [WorkerNet],
    &'a Calendar,
    &'a [CoverRow],
    &'a [Vec<usize>],
    &'a dyn Fn(usize) -> f64,
);

impl<'a> Roster<'a> {
    /// `schedules` as a roster to improve until `until`, its rows counted.
    fn new(
        (nets, cal, cover, cand_rows, cand_cost): Parts<'a>,
        schedules: &[Vec<usize>],
        whole_only: bool,
        until: Instant,
    ) -> Self {
        let mut roster = Roster {
            nets,
            cal,
            cover,
            cand_rows,
            cand_cost,
            schedules: schedules.to_vec(),
            count: vec![0.0; cover.len()],
            duals: vec![0.0; cover.len()],
            until,
            target: until.saturating_duration_since(Instant::now()) / nets.len().max(1) as u32,
            window: if whole_only {
                cal.weekend.len()
            } else {
                FIRST_WINDOW.min(cal.weekend.len())
            },
            whole_only,
            gave_up: false,
            narrow: false,
            in_time: 0,
            late: 0,
        };
        for w in 0..nets.len() {
            roster.count(w, 1.0);
        }
        roster
    }
}

impl Roster<'_> {
    fn count(&mut self, w: usize, by: f64) {
        for &c in &self.schedules[w] {
            for &r in &self.cand_rows[c] {
                self.count[r] += by;
            }
        }
    }

    /// The master's value: schedule costs plus slack costs (`None` past a
    /// slack's bound).
    fn value(&self) -> Option<f64> {
        let mut v: f64 = self
            .schedules
            .iter()
            .flatten()
            .map(|&c| (self.cand_cost)(c))
            .sum();
        for (r, &n) in self.cover.iter().zip(&self.count) {
            v += row_cost(r, n)?;
        }
        Some(v)
    }

    /// The marginal value of covering each row once more given the counts:
    /// its under weight while it is short, less its over weight after.
    fn set_duals(&mut self) {
        for (d, (r, &n)) in self
            .duals
            .iter_mut()
            .zip(self.cover.iter().zip(&self.count))
        {
            *d = if n < r.required - 1e-9 {
                r.under.map_or(0.0, |(c, _)| c)
            } else {
                -r.over.map_or(0.0, |(c, _)| c)
            };
        }
    }

    /// Worker `w`'s cheapest schedules (at most [`ASKED`]) at the duals
    /// ([`Roster::set_duals`], with `w` out of the counts), changing
    /// `schedule` on a window of [`Roster::window`] dates drawn from `rng`
    /// only; below `ceiling` (a reduced cost) when given; none when the
    /// deadline comes first. The window adapts to the time it took.
    fn price(
        &mut self,
        w: usize,
        schedule: &[usize],
        ceiling: Option<f64>,
        rng: &mut SplitMix64,
    ) -> Vec<(f64, Vec<usize>)> {
        let t0 = Instant::now();
        let h = self.cal.weekend.len();
        let pinned;
        let net = if self.window >= h {
            &self.nets[w]
        } else {
            let first = rng.below(h - self.window + 1);
            pinned = self.nets[w].pinned_outside(first..first + self.window, schedule);
            &pinned
        };
        let until = self.until.min(t0 + self.target * LATE_TARGETS);
        let Some(found) = self.price_net(net, ceiling, until) else {
            if self.whole_only {
                // A kind of response is kept while most of its responses
                // fit: exact ones, then narrow ones, then none.
                self.late += 1;
                if self.late > self.in_time {
                    if self.narrow {
                        self.gave_up = true;
                    }
                    self.narrow = true;
                    (self.in_time, self.late) = (0, 0);
                }
            }
            self.window = (self.window / 2).max(MIN_WINDOW).min(h);
            return Vec::new();
        };
        self.in_time += 1;
        if t0.elapsed() * 4 < self.target && self.window < h {
            self.window = (self.window * 3 / 2 + 1).min(h);
        }
        found
    }

    /// [`Roster::price`] on `net`: `None` when `until` came first.
    fn price_net(
        &self,
        net: &WorkerNet,
        ceiling: Option<f64>,
        until: Instant,
    ) -> Option<Vec<(f64, Vec<usize>)>> {
        let bound = if self.narrow {
            pricing::completion_without_minutes
        } else {
            pricing::completion_until
        };
        let completion = match ceiling {
            Some(_) => Some(bound(net, self.cal, &self.duals, Some(until))?),
            None => None,
        };
        let ceiling = ceiling.zip(completion.as_ref());
        let mut priced = Priced::TooLarge;
        let modes: &[Mode] = if self.narrow {
            &[Mode::Narrow {
                per_key: BEAM,
                per_date: NARROW_LABELS,
            }]
        } else {
            &[Mode::Exact(QUICK_LABELS), Mode::Beam(BEAM)]
        };
        for &mode in modes {
            priced = pricing::price(
                net,
                self.cal,
                &self.duals,
                ASKED,
                mode,
                ceiling,
                Some(until),
            );
            if !matches!(priced, Priced::TooLarge) {
                break;
            }
        }
        match priced {
            Priced::Found(found) => Some(found),
            Priced::Late => None,
            _ => Some(Vec::new()),
        }
    }

    /// `w`'s schedule's reduced cost at the current duals.
    fn reduced_cost(&self, w: usize) -> f64 {
        self.schedules[w]
            .iter()
            .map(|&c| {
                (self.cand_cost)(c)
                    - self.cand_rows[c]
                        .iter()
                        .map(|&r| self.duals[r])
                        .sum::<f64>()
            })
            .sum()
    }

    /// Passes of best responses in the order `order` (reshuffled each
    /// pass) until a whole pass moves no worker, or the deadline: false
    /// when the deadline came first. A worker whose cheapest schedule costs
    /// the roster the same as their own takes it (a sideways move) unless
    /// they held it since the last cheaper roster, so that another worker
    /// may take the cover they left; after [`PLATEAU_PASSES`] passes in a
    /// row without a cheaper roster, only cheaper moves count. So a settled
    /// roster is one no worker alone can make cheaper (exactly, for workers
    /// the pricing takes exactly and who count at most once in a row).
    fn settle(&mut self, order: &mut [usize], rng: &mut SplitMix64, done: &mut Responses) -> bool {
        let mut held: HashSet<(usize, Vec<usize>)> = self
            .schedules
            .iter()
            .enumerate()
            .map(|(w, s)| (w, s.clone()))
            .collect();
        let mut flat = 0;
        loop {
            done.passes += 1;
            let (mut cheaper, mut moved) = (false, false);
            let sideways = flat < PLATEAU_PASSES;
            shuffle(order, rng);
            for &w in order.iter() {
                if Instant::now() >= self.until {
                    return false;
                }
                self.count(w, -1.0);
                self.set_duals();
                let own_rc = self.reduced_cost(w);
                let own = std::mem::take(&mut self.schedules[w]);
                let found = self.price(w, &own, Some(own_rc + IMPROVEMENT), rng);
                self.schedules[w] = own;
                if self.gave_up {
                    self.count(w, 1.0);
                    return false;
                }
                let own = &self.schedules[w];
                let pick = found.into_iter().find_map(|(rc, new)| {
                    if &new == own || rc > own_rc + IMPROVEMENT {
                        return None;
                    }
                    let delta = change(
                        self.cover,
                        self.cand_rows,
                        self.cand_cost,
                        &self.count,
                        own,
                        &new,
                    )?;
                    let fresh = !held.contains(&(w, new.clone()));
                    (delta < -IMPROVEMENT || (sideways && delta <= IMPROVEMENT && fresh))
                        .then_some((delta, new))
                });
                if let Some((delta, new)) = pick {
                    if delta < -IMPROVEMENT {
                        done.changes += 1;
                        cheaper = true;
                        held.clear();
                    } else {
                        done.sideways += 1;
                    }
                    held.insert((w, new.clone()));
                    self.schedules[w] = new;
                    moved = true;
                }
                self.count(w, 1.0);
            }
            flat = if cheaper { 0 } else { flat + 1 };
            if !moved {
                return true;
            }
        }
    }
}

/// Shuffles `order` in place.
fn shuffle(order: &mut [usize], rng: &mut SplitMix64) {
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
}

/// Improves `schedules` (each worker's candidates, in date order) until
/// `until`: best responses until no worker alone can improve the roster
/// ([`Roster::settle`]), then rebuilds: a few workers drawn at random (at
/// most [`REBUILD_SHARE`] of them) drop their schedules, take their
/// cheapest given the others one after another, and everyone settles
/// again; a rebuild is kept when the roster is no dearer than before it.
/// Without `rebuild`, it ends once settled. With `whole_only`, every
/// response is over the whole horizon, and one that would take more than
/// [`LATE_TARGETS`] times its share of the time is stopped, its worker
/// skipped. Once those outnumber the responses that finished, the rest are
/// narrow ([`Roster::narrow`]); once late narrow ones outnumber theirs, the
/// improvement ends (the largest models: responses over windows gain less
/// there than groups of workers; see [`Roster::window`]). Workers are drawn
/// from `seed`.
/// `schedules` holds the result, whose value (the master's: schedule costs
/// plus slack costs) never rises.
#[allow(clippy::too_many_arguments)]
pub(super) fn improve(
    nets: &[WorkerNet],
    cal: &Calendar,
    cover: &[CoverRow],
    cand_rows: &[Vec<usize>],
    cand_cost: &dyn Fn(usize) -> f64,
    schedules: &mut [Vec<usize>],
    seed: u64,
    rebuild: bool,
    whole_only: bool,
    until: Instant,
) -> Responses {
    let mut done = Responses::default();
    let mut roster = Roster::new(
        (nets, cal, cover, cand_rows, cand_cost),
        schedules,
        whole_only,
        until,
    );
    let mut rng = SplitMix64(seed ^ 0xB357_0000_0000_0000);
    let mut order: Vec<usize> = (0..nets.len()).collect();
    let Some(start) = roster.value() else {
        return done;
    };
    let settled = roster.settle(&mut order, &mut rng, &mut done);
    // Equal-value moves may add rounding; the roster is kept only if no
    // dearer than the start.
    let Some(mut best_v) = roster.value().filter(|&v| v <= start + IMPROVEMENT) else {
        return done;
    };
    schedules.clone_from_slice(&roster.schedules);
    if !settled || !rebuild || nets.len() < 2 {
        return done;
    }
    let most = ((nets.len() as f64 * REBUILD_SHARE) as usize)
        .max(2)
        .min(nets.len());
    while Instant::now() < until && !roster.gave_up {
        done.rebuilds += 1;
        let k = 2 + rng.below(most - 1);
        shuffle(&mut order, &mut rng);
        let dropped: Vec<usize> = order[..k].to_vec();
        // Each keeps their schedule outside their window (all of it goes
        // when the window is the horizon).
        let mut kept: Vec<Vec<usize>> = Vec::with_capacity(k);
        for &w in &dropped {
            roster.count(w, -1.0);
            kept.push(std::mem::take(&mut roster.schedules[w]));
        }
        let mut whole = true;
        for (&w, own) in dropped.iter().zip(&kept) {
            roster.set_duals();
            match roster.price(w, own, None, &mut rng).into_iter().next() {
                _ if roster.gave_up => whole = false,
                Some((_, new)) => roster.schedules[w] = new,
                None => whole = false,
            }
            roster.count(w, 1.0);
        }
        if whole && roster.settle(&mut order, &mut rng, &mut done) {
            if let Some(v) = roster.value().filter(|&v| v <= best_v + IMPROVEMENT) {
                done.rebuilds_kept += 1;
                best_v = v;
                schedules.clone_from_slice(&roster.schedules);
                continue;
            }
        }
        // Back to the best roster.
        roster.schedules = schedules.to_vec();
        roster.count.iter_mut().for_each(|n| *n = 0.0);
        for w in 0..nets.len() {
            roster.count(w, 1.0);
        }
    }
    done
}

/// The exact change in the roster's value when a worker's schedule `own`
/// becomes `new`, `count` being every cover row's count without the
/// worker; `None` when a row's slacks cannot absorb the new count.
fn change(
    cover: &[CoverRow],
    cand_rows: &[Vec<usize>],
    cand_cost: &dyn Fn(usize) -> f64,
    count: &[f64],
    own: &[usize],
    new: &[usize],
) -> Option<f64> {
    let mut delta: f64 = new.iter().map(|&c| cand_cost(c)).sum::<f64>()
        - own.iter().map(|&c| cand_cost(c)).sum::<f64>();
    // (row, count with the old schedule, with the new one)
    let mut touched: Vec<(usize, f64, f64)> = Vec::new();
    for (cands, old) in [(own, true), (new, false)] {
        for &c in cands {
            for &r in &cand_rows[c] {
                let i = match touched.iter().position(|t| t.0 == r) {
                    Some(i) => i,
                    None => {
                        touched.push((r, count[r], count[r]));
                        touched.len() - 1
                    }
                };
                if old {
                    touched[i].1 += 1.0;
                } else {
                    touched[i].2 += 1.0;
                }
            }
        }
    }
    for (r, before, after) in touched {
        let after = row_cost(&cover[r], after)?;
        // A row the old roster could not absorb either costs nothing more.
        delta += after - row_cost(&cover[r], before).unwrap_or(after);
    }
    Some(delta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(required: f64, under: Option<f64>, over: Option<f64>) -> CoverRow {
        CoverRow {
            required,
            under: under.map(|c| (c, required)),
            over: over.map(|c| (c, 10.0)),
        }
    }

    #[test]
    fn a_rows_cost_counts_its_slacks_and_refuses_what_they_cannot_absorb() {
        assert_eq!(
            row_cost(&row(2.0, Some(100.0), Some(1.0)), 0.0),
            Some(200.0)
        );
        assert_eq!(row_cost(&row(2.0, Some(100.0), Some(1.0)), 5.0), Some(3.0));
        assert_eq!(row_cost(&row(2.0, Some(100.0), None), 5.0), Some(0.0));
        assert_eq!(row_cost(&row(2.0, None, Some(1.0)), 1.0), None);
        assert_eq!(row_cost(&row(2.0, Some(100.0), Some(1.0)), 13.0), None);
    }

    use crate::prepare::Prepared;
    use crate::Scenario;
    use proptest::prelude::*;

    /// Three nurses over a week with early and late shifts, `required[d][t]`
    /// people wanted, each with a lower and upper limit of shifts, and
    /// requests (nurse, date, late, on, weight).
    fn ward(
        required: &[[u32; 2]],
        limits: &[(u32, u32)],
        requests: &[(usize, usize, bool, bool, u32)],
    ) -> Scenario {
        let date = |d: usize| format!("2026-03-{:02}", 2 + d);
        let workers: Vec<String> = limits
            .iter()
            .enumerate()
            .map(|(i, &(lo, hi))| {
                format!(
                    r#"{{ "id": "n{i}", "skills": [ {{ "skill": "nursing" }} ], "hourly_wage": 1,
                          "max_consecutive_days": 5, "min_total_minutes": {}, "max_total_minutes": {} }}"#,
                    lo * 480,
                    hi * 480
                )
            })
            .collect();
        let cover: Vec<String> = required
            .iter()
            .enumerate()
            .flat_map(|(d, r)| {
                [("early", r[0]), ("late", r[1])].map(|(sh, n)| {
                    format!(
                        r#"{{ "date": "{}", "shift": "{sh}", "required": {n}, "under_weight": 100, "over_weight": 1 }}"#,
                        date(d)
                    )
                })
            })
            .collect();
        let requests: Vec<String> = requests
            .iter()
            .map(|&(w, d, late, on, weight)| {
                format!(
                    r#"{{ "worker": "n{w}", "date": "{}", "shift": "{}", "kind": "{}", "weight": {weight} }}"#,
                    date(d),
                    if late { "late" } else { "early" },
                    if on { "on" } else { "off" }
                )
            })
            .collect();
        let json = format!(
            r#"{{
              "horizon": {{ "start": "{}", "end": "{}" }},
              "run_borders": "exempt",
              "shifts": [ {{ "id": "early", "start": "06:00", "end": "14:00", "break_minutes": 0 }},
                          {{ "id": "late", "start": "14:00", "end": "22:00", "break_minutes": 0 }} ],
              "lines": [ {{ "id": "ward", "shifts": ["early", "late"],
                            "stations": [ {{ "id": "duty", "skill": "nursing", "minutes_per_unit": 60, "workplaces": 9 }} ] }} ],
              "workers": [{}],
              "rules": {{ "preset": "custom", "standard_hours_per_day": 8, "standard_hours_per_week": 56,
                "max_overtime_hours_per_day": 0, "max_overtime_hours_per_month": 0,
                "max_hours_per_day": 8, "max_hours_per_week": 56, "min_rest_hours": 11,
                "max_consecutive_days": 31, "min_days_off_per_week": 0, "overtime_multiplier": 1,
                "rest_day_multiplier": 1, "holiday_multiplier": 1 }},
              "requests": [{}],
              "cover": [{}]
            }}"#,
            date(0),
            date(required.len() - 1),
            workers.join(", "),
            requests.join(", "),
            cover.join(", ")
        );
        let s: Scenario = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
        s.validate().unwrap_or_else(|e| panic!("{e}\n{json}"));
        s
    }

    /// `p`'s pricing network (the scenarios here are all supported).
    fn net(p: &Prepared<'_>) -> super::super::Network<'static> {
        match super::super::Network::new(p) {
            Ok(n) => n,
            Err(e) => panic!("unsupported: {e}"),
        }
    }

    /// The checker's objective of `chosen`, when feasible.
    fn checked(s: &Scenario, p: &Prepared<'_>, chosen: &[usize]) -> Option<f64> {
        let r = crate::check::check(s, &crate::report::roster(p, chosen));
        r.is_feasible().then_some(r.cost.objective)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// From a roster blind to cover and requests, the responses end at
        /// a roster the checker accepts, no dearer by the checker's count,
        /// and one no nurse alone can make cheaper: brute force over each
        /// nurse's every week (off, early or late each date), the others
        /// fixed, priced by the checker.
        #[test]
        fn responses_end_where_no_nurse_alone_does_better(
            required in proptest::collection::vec([0u32..=2, 0u32..=1], 6),
            limits in proptest::collection::vec((0u32..=3, 3u32..=5), 3),
            requests in proptest::collection::vec((0usize..3, 0usize..6, any::<bool>(), any::<bool>(), 1u32..=5), 0..=6),
            seed in 0u32..4,
        ) {
            let s = ward(&required, &limits, &requests);
            let p = Prepared::new(&s);
            let start = p.candidates_of(&crate::solve::warm::blind_start(&s));
            let before = checked(&s, &p, &start).expect("a feasible start");
            let until = Instant::now() + std::time::Duration::from_secs(20);
            let (after, done) = super::super::respond(&p, &net(&p), &start, seed, false, false, until);
            prop_assert!(Instant::now() < until, "settled before the deadline");
            let value = checked(&s, &p, &after);
            prop_assert!(value.is_some_and(|v| v <= before + 1e-9), "{before} -> {value:?}, {done:?}");
            let value = value.unwrap_or(f64::INFINITY);
            let days = required.len();
            for w in 0..3 {
                let others: Vec<usize> = after.iter().copied().filter(|&c| p.cands[c].worker != w).collect();
                let mut code = vec![0usize; days];
                'all: loop {
                    let mut chosen = others.clone();
                    for (d, &k) in code.iter().enumerate() {
                        if k > 0 {
                            let c = p.cands.iter().position(|c| {
                                c.worker == w && p.occs[c.occ].day == d && p.occs[c.occ].shift == k - 1
                            });
                            match c {
                                Some(c) => chosen.push(c),
                                None => {
                                    // Not a possible assignment: skip this week.
                                    chosen.clear();
                                    break;
                                }
                            }
                        }
                    }
                    if !chosen.is_empty() || others.is_empty() {
                        chosen.sort_unstable();
                        if let Some(v) = checked(&s, &p, &chosen) {
                            prop_assert!(v >= value - 1e-6, "nurse {w} alone: {value} -> {v}");
                        }
                    }
                    let mut d = 0;
                    loop {
                        if d == days {
                            break 'all;
                        }
                        code[d] += 1;
                        if code[d] <= 2 {
                            break;
                        }
                        code[d] = 0;
                        d += 1;
                    }
                }
            }
        }
    }

    /// With whole schedules only and far too little time for one response,
    /// the responses end without a change and return the roster as it was.
    #[test]
    fn whole_only_responses_without_time_keep_the_roster() {
        let s = crate::solve::lns::tests::benchmark(3);
        let p = Prepared::new(&s);
        let start = p.candidates_of(&crate::solve::warm::blind_start(&s));
        let before = checked(&s, &p, &start).expect("a feasible start");
        let net = net(&p);
        let until = Instant::now() + std::time::Duration::from_micros(50);
        let (after, done) = super::super::respond(&p, &net, &start, 0, true, true, until);
        assert_eq!(done.changes + done.rebuilds_kept, 0, "{done:?}");
        let mut sorted = start.clone();
        sorted.sort_unstable();
        assert_eq!(after, sorted);
        assert_eq!(checked(&s, &p, &after), Some(before));
    }

    /// Narrow responses (the largest models' kind once exact ones are too
    /// slow) on Instance 4 from a roster blind to cover and requests: they
    /// settle at a roster the checker accepts and prices below the start,
    /// at the roster's own value plus the model's constant.
    #[test]
    fn narrow_responses_improve_a_cover_blind_roster() {
        let s = crate::solve::lns::tests::benchmark(4);
        let p = Prepared::new(&s);
        let start = p.candidates_of(&crate::solve::warm::blind_start(&s));
        let before = checked(&s, &p, &start).expect("a feasible start");
        let net = net(&p);
        let super::super::Network {
            f,
            cover,
            cand_rows,
            nets,
            cal,
        } = &net;
        let schedules = super::super::schedules_of(&p, &start);
        let cost = |c: usize| f.costs[f.x[c]];
        let until = Instant::now() + std::time::Duration::from_secs(20);
        let mut roster = Roster::new(
            (nets, cal, cover, cand_rows, &cost),
            &schedules,
            true,
            until,
        );
        roster.narrow = true;
        let (mut done, mut rng) = (Responses::default(), SplitMix64(7));
        let mut order: Vec<usize> = (0..nets.len()).collect();
        assert!(roster.settle(&mut order, &mut rng, &mut done), "{done:?}");
        assert!(roster.narrow && !roster.gave_up);
        let after: Vec<usize> = roster.schedules.concat();
        let value = roster.value().expect("within the slacks") + f.offset;
        let checked = checked(&s, &p, &after).expect("the checker accepts it");
        assert!(checked < before - 1.0, "{before} -> {checked}, {done:?}");
        assert!(
            (value - checked).abs() < 1e-6,
            "value {value}, checker {checked}"
        );
    }

    /// On the benchmark's first instances, from a roster blind to cover and
    /// requests, the responses end at a roster the checker accepts and
    /// prices below the start.
    #[test]
    fn responses_improve_a_cover_blind_roster_of_the_benchmark() {
        for n in [1, 2, 3] {
            let s = crate::solve::lns::tests::benchmark(n);
            let p = Prepared::new(&s);
            let start = p.candidates_of(&crate::solve::warm::blind_start(&s));
            let before = checked(&s, &p, &start).expect("a feasible start");
            let until = Instant::now() + std::time::Duration::from_secs(2);
            let (after, done) = super::super::respond(&p, &net(&p), &start, 0, true, false, until);
            let after = checked(&s, &p, &after);
            assert!(
                after.is_some_and(|v| v < before - 1.0),
                "Instance{n}: {before} -> {after:?}, {done:?}"
            );
        }
    }
}
