//! Dantzig–Wolfe decomposition by worker (column generation) for the
//! rostering rules: docs/formulation.md, "Decomposition by worker".
//!
//! Every hard rule of a rostering scenario but the cover concerns one worker,
//! so a worker's feasible schedules can be listed implicitly and priced by a
//! dynamic program over the dates ([`pricing`]). The restricted master
//! ([`master`]) holds the cover rows with their slacks and one convexity row
//! per worker; its columns are whole schedules with their exact cost. Each
//! iteration solves the master LP, prices every worker with its duals, and
//! states a Lagrangian lower bound. At the end a dive (fix a worker's most
//! used schedule, re-price the others, repeat) and the restricted master
//! solved as a MIP over the columns generated give rosters; the cheaper goes
//! through the independent checker.
//!
//! Scope: scenarios without production rows and without rules the pricing
//! does not model exactly; for those, [`decompose`] returns
//! [`Error::DecompositionUnsupported`] naming the rule, rather than a wrong
//! bound.

mod master;
mod pricing;
mod respond;

use std::collections::HashSet;
use std::time::Instant;

use crate::error::Error;
use crate::formulation::Formulation;
use crate::model::{RunBorders, Scenario};
use crate::prepare::{Prepared, EPS};
use crate::report::{self, Outcome, Plan, SolveStatus};
use crate::solve::Backend;

use master::{Column, CoverRow, Master};
use pricing::{Calendar, Mode, Opt, Priced, WorkerNet};
pub(crate) use respond::Responses;

/// A column is added when its reduced cost is below minus this.
const REDUCED_COST_TOLERANCE: f64 = 1e-6;

/// Columns added per worker and iteration (the cheapest schedules priced).
const COLUMNS_PER_WORKER: usize = 1;

/// Labels an iteration's pricing of one worker may use before it falls back
/// to the beam search and the relaxed bound.
const QUICK_LABELS: usize = 200_000;

/// Column generation rounds between two fixings of the dive.
const DIVE_PRICING_ROUNDS: usize = 5;

/// A master value this close to 1 counts as integral.
const INTEGRAL: f64 = 1e-6;

/// Labels kept per key by the beam search.
const BEAM: usize = 4;

/// Options of [`decompose`].
///
/// ```
/// let o = flexline::DecompositionOptions::default();
/// assert!(o.integer && o.time_limit.is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DecompositionOptions {
    /// Wall-clock seconds for the column generation (the master MIP gets
    /// `integer_seconds` on top). `None`: until the LP converges.
    pub time_limit: Option<f64>,
    /// Most iterations (master LP solves). `None`: no limit.
    pub max_iterations: Option<usize>,
    /// Find a roster at the end (a dive, then the restricted master as a
    /// MIP) and return it.
    pub integer: bool,
    /// Seconds for the dive and the master MIP together (`None`: the dive to
    /// its end and the MIP to optimality over the columns).
    pub integer_seconds: Option<f64>,
    /// HiGHS threads (one value per process; see SOLVER-NOTES).
    pub threads: Option<u32>,
    /// HiGHS random seed.
    pub seed: u32,
    /// Also solve the compact model's LP relaxation, for comparison
    /// ([`Decomposition::compact_lp`]), within `time_limit`.
    pub compact_lp: bool,
}

impl Default for DecompositionOptions {
    fn default() -> Self {
        DecompositionOptions {
            time_limit: None,
            max_iterations: None,
            integer: true,
            integer_seconds: None,
            threads: None,
            seed: 0,
            compact_lp: false,
        }
    }
}

impl DecompositionOptions {
    /// Checks the options as [`SolveOptions::check`](crate::SolveOptions::check)
    /// does: `time_limit` and `integer_seconds` finite, above 0 and at most
    /// [`MAX_TIME_LIMIT`](crate::MAX_TIME_LIMIT); threads from 1 to the
    /// machine's. [`decompose`] calls it first.
    ///
    /// ```
    /// let bad = flexline::DecompositionOptions { integer_seconds: Some(f64::NAN), ..Default::default() };
    /// assert!(bad.check().unwrap_err().to_string().contains("integer_seconds"));
    /// ```
    pub fn check(&self) -> Result<(), Error> {
        let as_solve = |option: &'static str, time_limit: Option<f64>, threads: Option<u32>| {
            crate::SolveOptions {
                time_limit,
                threads,
                ..Default::default()
            }
            .check()
            .map_err(|e| match e {
                Error::InvalidOptions {
                    option: which,
                    message,
                    ..
                } => Error::InvalidOptions {
                    options: "decomposition",
                    option: if which == "time_limit" { option } else { which },
                    message,
                },
                other => other,
            })
        };
        as_solve("time_limit", self.time_limit, self.threads)?;
        as_solve("integer_seconds", self.integer_seconds, None)
    }
}

/// One iteration of the column generation.
#[derive(Debug, Clone, PartialEq)]
pub struct DecompositionStep {
    /// Value of the restricted master LP (objective constant included).
    pub master: f64,
    /// Lagrangian lower bound from this iteration's duals (`None` when a
    /// worker's pricing was too large to be exact).
    pub bound: Option<f64>,
    /// Columns in the master after the iteration.
    pub columns: usize,
    /// Seconds since the start.
    pub seconds: f64,
}

/// The result of [`decompose`].
#[derive(Debug, Clone)]
pub struct Decomposition {
    /// Every iteration, in order.
    pub iterations: Vec<DecompositionStep>,
    /// True when no worker had a schedule of negative reduced cost: the
    /// last master value is then the decomposition's LP bound.
    pub converged: bool,
    /// The decomposition's LP bound (the master LP value at convergence).
    pub lp_bound: Option<f64>,
    /// The best Lagrangian lower bound seen (valid at every iteration; equal
    /// to `lp_bound` at convergence, up to round-off).
    pub lower_bound: Option<f64>,
    /// The cheaper roster of the dive and the restricted master MIP,
    /// evaluated and confirmed by the checker (objective = checker's cost),
    /// when asked and found. Its `dual_bound` is `lower_bound` (rounded up
    /// when every weight and wage is whole).
    pub plan: Option<Plan>,
    /// The compact model's LP relaxation value, when asked
    /// ([`DecompositionOptions::compact_lp`]).
    pub compact_lp: Option<f64>,
    /// Every column generated: (worker, candidates).
    #[cfg(test)]
    pub(crate) columns: Vec<(usize, Vec<usize>)>,
    /// Seconds of the column generation, then of the dive and master MIP.
    pub seconds: (f64, f64),
}

/// What the pricing of a scenario needs, built once: the compact model, its
/// cover rows as the master's, each candidate's rows, each worker's network
/// and the calendar. Shared by the responses and the column generation of
/// one search step.
pub(crate) struct Network<'f> {
    f: Held<'f>,
    cover: Vec<CoverRow>,
    cand_rows: Vec<Vec<usize>>,
    nets: Vec<WorkerNet>,
    cal: Calendar,
}

/// The compact model of a [`Network`]: its own, or the solve's (building it
/// again took 2.9 s of a 60 s run on Curtois and Qu 24).
enum Held<'f> {
    Own(Box<Formulation>),
    Lent(&'f Formulation),
}

impl std::ops::Deref for Held<'_> {
    type Target = Formulation;
    fn deref(&self) -> &Formulation {
        match self {
            Held::Own(f) => f,
            Held::Lent(f) => f,
        }
    }
}

impl Network<'static> {
    /// `p`'s network, or [`Error::DecompositionUnsupported`] naming the
    /// first rule the pricing does not model exactly.
    pub(crate) fn new(p: &Prepared<'_>) -> Result<Self, Error> {
        Network::with(p, Held::Own(Box::new(Formulation::build(p))))
    }
}

impl<'f> Network<'f> {
    /// As [`Network::new`], on `f`, which must be `p`'s formulation as
    /// built (`Formulation::build(p)`, nothing fixed or added since).
    pub(crate) fn lent(p: &Prepared<'_>, f: &'f Formulation) -> Result<Self, Error> {
        Network::with(p, Held::Lent(f))
    }

    fn with(p: &Prepared<'_>, f: Held<'f>) -> Result<Self, Error> {
        if let Some(rule) = unsupported(p, &f) {
            return Err(Error::DecompositionUnsupported { rule });
        }
        let (cover, cand_rows) = cover_rows(&f);
        let nets = (0..p.s.workers.len())
            .map(|w| worker_net(p, &f, &cand_rows, w))
            .collect();
        Ok(Network {
            cal: calendar(p),
            f,
            cover,
            cand_rows,
            nets,
        })
    }
}

/// Runs the decomposition by worker on `s`: column generation to the LP
/// bound (or the time limit), then a dive and the restricted master as a
/// MIP for a roster.
///
/// Errors: [`Error::DecompositionUnsupported`] when the scenario has a rule
/// the pricing does not model exactly (production rows, weekly hours, ...);
/// [`Error::Infeasible`] when a worker has no schedule keeping their rules.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nrp/Instance1.txt"))?;
/// let s = flexline::formats::NrpInstance::parse(&text)?.to_scenario("Instance1");
/// let d = flexline::decompose(&s, &Default::default())?;
/// assert!(d.converged);
/// let plan = d.plan.expect("a roster");
/// // The bound never exceeds the roster's objective.
/// assert!(d.lower_bound.unwrap() <= plan.status.objective.unwrap() + 1e-6);
/// assert!(flexline::check::check(&s, &plan.roster).is_feasible());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decompose(s: &Scenario, options: &DecompositionOptions) -> Result<Decomposition, Error> {
    options.check()?;
    s.validate().map_err(Error::Invalid)?;
    let p = Prepared::new(s);
    run(&p, &Network::new(&p)?, options, false)
}

/// The decomposition as a step of a solve (`lns`, `policy::DECOMPOSITION_SHARE`):
/// as [`decompose`] on `p`'s possible assignments, but held to its time
/// limit from the first columns on, and a roster only when the column
/// generation converged within it (a Lagrangian bound alone otherwise).
pub(crate) fn decompose_within(
    p: &Prepared<'_>,
    net: &Network<'_>,
    options: &DecompositionOptions,
) -> Result<Decomposition, Error> {
    run(p, net, options, true)
}

/// The roster `chosen` (candidates of `p`) improved by best responses
/// worker by worker ([`respond`]) until no worker alone can improve it,
/// then, with `rebuild`, by rebuilds of a few workers until `until`
/// (workers drawn from `seed`): the improved roster's candidates and what
/// was done. With `whole_only`, responses change whole schedules only,
/// exact while most fit their share of the time, then narrow, until most
/// of those do not fit either (`respond::improve`). `net` is
/// `p`'s [`Network`].
pub(crate) fn respond(
    p: &Prepared<'_>,
    net: &Network<'_>,
    chosen: &[usize],
    seed: u32,
    rebuild: bool,
    whole_only: bool,
    until: Instant,
) -> (Vec<usize>, Responses) {
    let Network {
        f,
        cover,
        cand_rows,
        nets,
        cal,
    } = net;
    let mut schedules = schedules_of(p, chosen);
    let cost = |c: usize| f.costs[f.x[c]];
    let done = respond::improve(
        nets,
        cal,
        cover,
        cand_rows,
        &cost,
        &mut schedules,
        u64::from(seed),
        rebuild,
        whole_only,
        until,
    );
    let mut out: Vec<usize> = schedules.into_iter().flatten().collect();
    out.sort_unstable();
    (out, done)
}

/// Each worker's candidates among `chosen`, in date order.
fn schedules_of(p: &Prepared<'_>, chosen: &[usize]) -> Vec<Vec<usize>> {
    let mut schedules = vec![Vec::new(); p.s.workers.len()];
    for &c in chosen {
        schedules[p.cands[c].worker].push(c);
    }
    for s in &mut schedules {
        s.sort_by_key(|&c| p.occs[p.cands[c].occ].day);
    }
    schedules
}

/// [`decompose`] on `p`. `strict`: the first columns are priced within the
/// time limit too, and the integer phase runs only after convergence.
fn run(
    p: &Prepared<'_>,
    net: &Network<'_>,
    options: &DecompositionOptions,
    strict: bool,
) -> Result<Decomposition, Error> {
    let t0 = Instant::now();
    let Network {
        f,
        cover,
        cand_rows,
        nets,
        cal,
    } = net;
    let mut m = Master::new(cover.clone(), nets.len(), options.threads, options.seed)?;
    let mut seen: HashSet<(usize, Vec<usize>)> = HashSet::new();
    let column = |w: usize, cands: Vec<usize>| schedule(f, cand_rows, w, cands);
    // First columns: each worker's cheapest schedule with no cover, and with
    // every requirement open (duals at the under weights).
    let open: Vec<f64> = cover
        .iter()
        .map(|r| r.under.map_or(0.0, |(c, _)| c))
        .collect();
    let relaxed: Vec<[WorkerNet; 2]> = nets.iter().map(WorkerNet::relaxed).collect();
    let offset = f.offset;
    let mut iterations = Vec::new();
    let mut best_bound: Option<f64> = None;
    let mut converged = false;
    let mut last_value;
    let none = vec![false; nets.len()];
    let cg_until = options
        .time_limit
        .map(|t| t0 + std::time::Duration::from_secs_f64(t));
    let pricer = Pricer {
        large: std::cell::RefCell::new(vec![false; nets.len()]),
        bound_seconds: std::cell::Cell::new(0.0),
        bound_share: (t0, BOUND_SHARE),
        nets,
        relaxed: &relaxed,
        cal,
    };
    // Convexity duals that let every schedule in: each worker needs one.
    let every = vec![f64::INFINITY; nets.len()];
    let first_until = if strict { cg_until } else { None };
    for duals in [vec![0.0; cover.len()], open] {
        let priced = pricer.all(&duals, &every, false, &none, first_until, Wanted::Never)?;
        for (w, cands) in priced.columns {
            if seen.insert((w, cands.clone())) {
                m.add(column(w, cands))?;
            }
        }
    }
    let mut priced_workers = vec![false; nets.len()];
    for (w, _) in &seen {
        priced_workers[*w] = true;
    }
    if strict && priced_workers.contains(&false) {
        // Out of time before every worker had a schedule.
        return Err(Error::Solver {
            backend: "highs",
            reason: "the decomposition's first columns did not fit in its time".into(),
        });
    }
    loop {
        let lp = m.solve()?;
        last_value = lp.value + offset;
        let fixed = m.fixed_part(&lp.cover_duals) + offset;
        // A round's bound only counts above the best so far, and its
        // relaxed pricings keep to their share of the time.
        let wanted = if pricer.allowance() <= 0.0 {
            Wanted::Never
        } else {
            best_bound.map_or(Wanted::Always, |b| Wanted::Above(b - fixed))
        };
        let (duals, convexity) = (&lp.cover_duals, &lp.convexity_duals);
        let mut priced = pricer.all(duals, convexity, false, &none, cg_until, wanted)?;
        if priced.columns.is_empty() && !priced.exact {
            // The quick pricing found nothing: the exact one decides.
            priced = pricer.all(duals, convexity, true, &none, cg_until, wanted)?;
        }
        let bound = priced.bound.map(|b| b + fixed);
        let mut added = 0;
        for (w, cands) in priced.columns {
            if seen.insert((w, cands.clone())) {
                m.add(column(w, cands))?;
                added += 1;
            }
        }
        if let Some(b) = bound {
            best_bound = Some(best_bound.map_or(b, |x: f64| x.max(b)));
        }
        iterations.push(DecompositionStep {
            master: last_value,
            bound,
            columns: m.columns.len(),
            seconds: t0.elapsed().as_secs_f64(),
        });
        if added == 0 && priced.exact {
            converged = true;
            break;
        }
        let out_of_time = options
            .time_limit
            .is_some_and(|t| t0.elapsed().as_secs_f64() >= t);
        let out_of_iterations = options
            .max_iterations
            .is_some_and(|n| iterations.len() >= n);
        // Bound and master value met: nothing left to price for. Any
        // round's bound holds for the master over every column.
        let closed = best_bound.is_some_and(|b| b >= last_value - EPS * last_value.abs().max(1.0));
        if out_of_time || out_of_iterations || added == 0 || closed {
            converged |= closed;
            break;
        }
    }
    let cg_seconds = t0.elapsed().as_secs_f64();
    let lp_bound = converged.then_some(last_value);
    let lower_bound = if converged {
        // At convergence the master value is itself a bound.
        Some(best_bound.map_or(last_value, |b| b.max(last_value)))
    } else {
        best_bound
    };
    let mut plan = None;
    let t1 = Instant::now();
    if options.integer && (converged || !strict) {
        let until = options
            .integer_seconds
            .map(|t| t1 + std::time::Duration::from_secs_f64(t));
        let left = || until.map(|u| u.saturating_duration_since(Instant::now()).as_secs_f64());
        // Diving: fix the most used schedule, re-price the others, repeat.
        let mut best: Option<(f64, Vec<usize>)>;
        let mut fixed: Vec<Option<usize>> = vec![None; nets.len()];
        'dive: loop {
            let mut lp = m.solve()?;
            for _ in 0..DIVE_PRICING_ROUNDS {
                let skip: Vec<bool> = fixed.iter().map(Option::is_some).collect();
                // Fixed workers leave no bound to compute.
                let priced = pricer.all(
                    &lp.cover_duals,
                    &lp.convexity_duals,
                    false,
                    &skip,
                    until,
                    Wanted::Never,
                )?;
                let mut added = 0;
                for (w, cands) in priced.columns {
                    if seen.insert((w, cands.clone())) {
                        m.add(column(w, cands))?;
                        added += 1;
                    }
                }
                if added == 0 || left().is_some_and(|t| t <= 0.0) {
                    break;
                }
                lp = m.solve()?;
            }
            // The most used column of each open worker.
            let mut top: Vec<Option<(f64, usize)>> = vec![None; nets.len()];
            for (j, c) in m.columns.iter().enumerate() {
                let v = lp.values.get(j).copied().unwrap_or(0.0);
                if fixed[c.worker].is_none() && top[c.worker].is_none_or(|(b, _)| v > b) {
                    top[c.worker] = Some((v, j));
                }
            }
            let largest = top
                .iter()
                .enumerate()
                .filter_map(|(w, t)| t.map(|(v, j)| (v, w, j)))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let Some((_, lw, lj)) = largest else {
                // Every worker is fixed: a roster.
                let chosen: Vec<usize> = fixed.iter().flatten().copied().collect();
                best = Some((m.roster_value(&chosen), chosen));
                break 'dive;
            };
            for (w, t) in top.iter().enumerate() {
                if let Some((v, j)) = t {
                    if *v >= 1.0 - INTEGRAL || w == lw {
                        let j = if w == lw { lj } else { *j };
                        fixed[w] = Some(j);
                        m.fix(j)?;
                    }
                }
            }
            if left().is_some_and(|t| t <= 0.0) {
                // Out of time: every open worker takes their most used column.
                for (w, t) in top.iter().enumerate() {
                    if let (None, Some((_, j))) = (fixed[w], t) {
                        fixed[w] = Some(*j);
                    }
                }
                let chosen: Vec<usize> = fixed.iter().flatten().copied().collect();
                best = Some((m.roster_value(&chosen), chosen));
                break;
            }
        }
        // The restricted master MIP over every column, in what is left.
        if let Some((_, chosen)) = m.solve_integer(left(), options.seed)? {
            let v = m.roster_value(&chosen);
            if best.as_ref().is_none_or(|(b, _)| v < *b - EPS) {
                best = Some((v, chosen));
            }
        }
        if let Some((value, chosen)) = best {
            let chosen_cands: Vec<usize> = chosen
                .iter()
                .flat_map(|&j| m.columns[j].cands.iter().copied())
                .collect();
            let objective = value + offset;
            plan = Some(checked_plan(
                p,
                &chosen_cands,
                objective,
                lower_bound,
                f.columns.len(),
                f.constraints.len(),
                t0.elapsed().as_secs_f64(),
            )?);
        }
    }
    let compact_lp = if options.compact_lp {
        compact_relaxation(p, options)
    } else {
        None
    };
    Ok(Decomposition {
        compact_lp,
        #[cfg(test)]
        columns: m
            .columns
            .iter()
            .map(|c| (c.worker, c.cands.clone()))
            .collect(),
        iterations,
        converged,
        lp_bound,
        lower_bound,
        plan,
        seconds: (cg_seconds, t1.elapsed().as_secs_f64()),
    })
}

/// Worker `w`'s schedule working `cands`: its cost and its cover rows.
fn schedule(f: &Formulation, cand_rows: &[Vec<usize>], w: usize, cands: Vec<usize>) -> Column {
    let mut rows: std::collections::BTreeMap<usize, f64> = Default::default();
    for &c in &cands {
        for &r in &cand_rows[c] {
            *rows.entry(r).or_default() += 1.0;
        }
    }
    Column {
        worker: w,
        cost: cands.iter().map(|&c| f.costs[f.x[c]]).sum(),
        cands,
        rows: rows.into_iter().collect(),
    }
}

/// Share of the column generation's time the relaxed pricings (the bound
/// of the workers too large to price exactly) may take: they took 60 % of
/// Curtois and Qu 8's and nearly all of 14's, where the columns come from
/// the beam. With it, 8 in 22.5 s: 20 → 41 rounds, master 1362 → 1304,
/// bound 1084 → 1230 (BENCHMARKS.md, "The bound's share of the pricing").
const BOUND_SHARE: f64 = 0.25;

/// What one worker's relaxed pricings may take beyond the share.
const BOUND_MIN_SECONDS: f64 = 0.5;

/// Prices every worker.
struct Pricer<'a> {
    /// Workers whose quick exact pricing ran out of labels once (they go
    /// straight to the beam search and the relaxed bound after).
    large: std::cell::RefCell<Vec<bool>>,
    /// Seconds spent in the relaxed pricings so far.
    bound_seconds: std::cell::Cell<f64>,
    /// Since when, and the share of that time the relaxed pricings may take
    /// ([`BOUND_SHARE`]).
    bound_share: (Instant, f64),
    nets: &'a [WorkerNet],
    relaxed: &'a [[WorkerNet; 2]],
    cal: &'a Calendar,
}

/// Which workers' relaxed pricings (the bound of a worker too large to
/// price exactly) a round computes.
#[derive(Clone, Copy, Debug)]
enum Wanted {
    /// Every worker's.
    Always,
    /// None: the round's bound is not used (the dive).
    Never,
    /// Only while the round's bound (without the master's fixed part) can
    /// still end above this: every worker's least reduced cost is at most
    /// its convexity dual (a column in the basis has reduced cost zero), so
    /// the bounds found so far plus the convexity duals of the workers left
    /// cap what the round can give. Skipping below the cap loses nothing.
    Above(f64),
}

/// What pricing every worker gave.
struct PricedAll {
    /// Σ over workers of a lower bound on their least reduced cost (without
    /// the convexity duals); `None` when some worker had none.
    bound: Option<f64>,
    /// Schedules of negative reduced cost: (worker, candidates).
    columns: Vec<(usize, Vec<usize>)>,
    /// True when every worker was priced exactly (no schedule left out).
    exact: bool,
}

impl Pricer<'_> {
    /// Seconds the relaxed pricings may still take of their share.
    fn allowance(&self) -> f64 {
        let (since, share) = self.bound_share;
        share * since.elapsed().as_secs_f64() - self.bound_seconds.get()
    }

    /// Each worker exactly when it takes at most `QUICK_LABELS` labels (or
    /// `MAX_LABELS` when `exact`); otherwise a beam search for columns and
    /// the relaxed workers for the bound.
    fn all(
        &self,
        duals: &[f64],
        convexity: &[f64],
        exact: bool,
        skip: &[bool],
        until: Option<Instant>,
        wanted: Wanted,
    ) -> Result<PricedAll, Error> {
        let mut out = PricedAll {
            bound: Some(0.0),
            columns: Vec::new(),
            exact: true,
        };
        let cap = if exact {
            pricing::MAX_LABELS
        } else {
            QUICK_LABELS
        };
        // Workers priced exactly first, so the cap of `Wanted::Above` is
        // tight when the large ones come.
        let order: Vec<usize> = {
            let large = self.large.borrow();
            let (mut small, big): (Vec<usize>, Vec<usize>) =
                (0..self.nets.len()).partition(|&w| !large[w]);
            small.extend(big);
            small
        };
        // Σ of the convexity duals of the workers not priced yet.
        let mut left: f64 = order.iter().map(|&w| convexity[w]).sum();
        for w in order {
            let net = &self.nets[w];
            let cap_left = left;
            left -= convexity[w];
            if until.is_some_and(|u| Instant::now() >= u) {
                // Out of time: the workers left are not priced.
                out.bound = None;
                out.exact = false;
                break;
            }
            if skip[w] {
                // A fixed worker's schedule is chosen: nothing to price.
                out.bound = None;
                continue;
            }
            // Only schedules of negative reduced cost are columns: the
            // pricing drops partial schedules that cannot get below the
            // worker's convexity dual, and then bounds the worker by it
            // (docs/formulation.md, "Completion bound"). Not in the first
            // rounds, which take every worker's cheapest schedule.
            let completion = convexity[w]
                .is_finite()
                .then(|| pricing::completion(net, self.cal, duals));
            let ceiling = completion.as_ref().map(|c| (convexity[w], c));
            let first = if self.large.borrow()[w] && !exact {
                Priced::TooLarge
            } else {
                pricing::price(
                    net,
                    self.cal,
                    duals,
                    COLUMNS_PER_WORKER,
                    Mode::Exact(cap),
                    ceiling,
                    until,
                )
            };
            let (low, found) = match first {
                Priced::Found(found) => (found.first().map(|f| f.0), found),
                Priced::Above(low) => (Some(low), Vec::new()),
                Priced::Late => {
                    // Out of time inside this worker's pricing (a worker
                    // with many labels takes seconds; Instance 14's first
                    // round took 11 s of a 3 s step).
                    out.bound = None;
                    out.exact = false;
                    break;
                }
                Priced::Infeasible => return Err(Error::Infeasible { backend: "highs" }),
                Priced::TooLarge => {
                    out.exact = false;
                    self.large.borrow_mut()[w] = true;
                    let helps = match wanted {
                        Wanted::Always => true,
                        Wanted::Never => false,
                        Wanted::Above(best) => out.bound.is_some_and(|b| {
                            let most = b + cap_left;
                            !most.is_finite() || most > best - EPS * best.abs().max(1.0)
                        }),
                    };
                    // One worker's relaxations take at most what is left of
                    // their share, or `BOUND_MIN_SECONDS` (Instance 14's
                    // first took 10 s).
                    let bound_start = Instant::now();
                    let allowance = self.allowance().max(BOUND_MIN_SECONDS);
                    // (None when past what a deadline can hold.)
                    let bound_until = std::time::Duration::try_from_secs_f64(allowance)
                        .ok()
                        .and_then(|d| bound_start.checked_add(d));
                    let bound_until = match (until, bound_until) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    // The better (higher) of the relaxations that fit (one
                    // out of time leaves the other's, also a bound).
                    let mut low: Option<f64> = None;
                    let relaxed = if helps { &self.relaxed[w][..] } else { &[] };
                    for (k, r) in relaxed.iter().enumerate() {
                        // The first relaxation (no counts) moves as the worker
                        // does and shares its completion bound; the second
                        // (no paid-minute limits) needs its own.
                        let own = (k > 0 && ceiling.is_some())
                            .then(|| pricing::completion(r, self.cal, duals));
                        let ceiling = match (&own, ceiling) {
                            (Some(c), Some((u, _))) => Some((u, c)),
                            _ => ceiling,
                        };
                        match pricing::price(
                            r,
                            self.cal,
                            duals,
                            1,
                            Mode::Exact(pricing::MAX_LABELS),
                            ceiling,
                            bound_until,
                        ) {
                            Priced::Found(f) => {
                                if let Some((v, _)) = f.first() {
                                    low = Some(low.map_or(*v, |l| l.max(*v)));
                                }
                            }
                            Priced::Above(v) => low = Some(low.map_or(v, |l| l.max(v))),
                            Priced::Infeasible => {
                                return Err(Error::Infeasible { backend: "highs" })
                            }
                            Priced::TooLarge | Priced::Late => {}
                        }
                    }
                    self.bound_seconds
                        .set(self.bound_seconds.get() + bound_start.elapsed().as_secs_f64());
                    let found = match pricing::price(
                        net,
                        self.cal,
                        duals,
                        COLUMNS_PER_WORKER,
                        Mode::Beam(BEAM),
                        ceiling,
                        until,
                    ) {
                        Priced::Found(found) => found,
                        _ => Vec::new(),
                    };
                    (low, found)
                }
            };
            out.bound = match (out.bound, low) {
                (Some(b), Some(l)) => Some(b + l),
                _ => None,
            };
            for (rc, cands) in found {
                if rc - convexity[w] < -REDUCED_COST_TOLERANCE {
                    out.columns.push((w, cands));
                }
            }
        }
        // In worker order, as the master had them before the order above.
        out.columns.sort_by_key(|&(w, _)| w);
        Ok(out)
    }
}

/// Share of the time limit the column generation gets in
/// [`solve_decomposed`] (not tuned: BENCHMARKS.md, "Decomposition by worker").
const COLUMN_GENERATION_SHARE: f64 = 1.0 / 3.0;

/// Share of the time limit the dive and the master MIP get in
/// [`solve_decomposed`] (not tuned).
const INTEGER_SHARE: f64 = 1.0 / 6.0;

/// The decomposition by worker as the start and the bound of the compact
/// solve: [`decompose`] for half the time limit (a third for the column
/// generation, a sixth for the dive and the master MIP), then the compact
/// model ([`Model`](crate::Model)) from the decomposition's roster for the
/// rest. The plan's bound is the better of the two; the decomposition is
/// returned beside it.
///
/// Errors: as [`decompose`] (the compact model is not tried when the
/// decomposition does not apply), or the compact solve's.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nrp/Instance2.txt"))?;
/// let s = flexline::formats::NrpInstance::parse(&text)?.to_scenario("Instance2");
/// let options = flexline::SolveOptions { relative_gap: 0.0, threads: Some(1), ..Default::default() };
/// let (plan, decomposition) = flexline::solve_decomposed(&s, &options)?;
/// assert_eq!(plan.status.outcome, flexline::Outcome::Optimal);
/// assert_eq!(plan.status.objective, Some(828.0));
/// assert!(decomposition.converged);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn solve_decomposed(
    s: &Scenario,
    options: &crate::SolveOptions,
) -> Result<(Plan, Decomposition), Error> {
    options.check()?;
    let t0 = Instant::now();
    let d = decompose(
        s,
        &DecompositionOptions {
            time_limit: options.time_limit.map(|t| t * COLUMN_GENERATION_SHARE),
            integer_seconds: options.time_limit.map(|t| t * INTEGER_SHARE),
            threads: options.threads,
            seed: options.seed,
            ..Default::default()
        },
    )?;
    let Some(start) = d.plan.clone() else {
        return Err(crate::no_roster_error(options.time_limit, 0));
    };
    let bound = start.status.dual_bound;
    if start.status.outcome == Outcome::Optimal {
        return Ok((start, d));
    }
    let mut model = crate::Model::build(s)?;
    let (p, f) = model.parts_mut();
    let chosen = p.candidates_of(&start.roster.assignments);
    f.start_from(&chosen);
    let left = options
        .time_limit
        .map(|t| (t - t0.elapsed().as_secs_f64()).max(0.0));
    if left.is_some_and(|t| t <= 0.0) {
        return Ok((start, d));
    }
    let compact = crate::SolveOptions {
        time_limit: left,
        ..options.clone()
    };
    let mut plan = match model.solve_without_start(&compact) {
        Ok(plan) if plan.status.outcome != Outcome::NoSolution => plan,
        _ => return Ok((start, d)),
    };
    if plan
        .status
        .objective
        .zip(start.status.objective)
        .is_some_and(|(c, s)| s < c)
    {
        plan = start;
    }
    if let Some(b) = bound {
        let better = plan.status.dual_bound.is_none_or(|x| b > x);
        if better {
            plan.status.dual_bound = Some(b);
        }
    }
    if let (Some(o), Some(b)) = (plan.status.objective, plan.status.dual_bound) {
        let gap = crate::solve::relative_gap(o, b);
        plan.status.gap = Some(gap).filter(|g| g.is_finite());
        if gap <= options.relative_gap {
            plan.status.outcome = Outcome::Optimal;
        }
    }
    plan.status.solve_seconds = t0.elapsed().as_secs_f64() - plan.status.build_seconds;
    Ok((plan, d))
}

/// The compact model's LP relaxation value (objective constant included).
fn compact_relaxation(p: &Prepared<'_>, options: &DecompositionOptions) -> Option<f64> {
    let f = Formulation::build(p);
    let offset = f.offset;
    let solve = crate::SolveOptions {
        threads: options.threads,
        seed: options.seed,
        ..Default::default()
    };
    let seconds = options.time_limit.unwrap_or(crate::solve::MAX_TIME_LIMIT);
    super::rens::lp_values(f, &solve, seconds).map(|(_, v)| v + offset)
}

/// The roster of `chosen`, evaluated; an error unless the checker accepts
/// it at the objective the master reported.
fn checked_plan(
    p: &Prepared<'_>,
    chosen: &[usize],
    objective: f64,
    bound: Option<f64>,
    variables: usize,
    constraints: usize,
    seconds: f64,
) -> Result<Plan, Error> {
    let evaluation = report::evaluate(p, chosen, &[]);
    let checked = crate::check::check(p.s, &evaluation.roster);
    let fail = |reason: String| Error::Solver {
        backend: "highs",
        reason,
    };
    if !checked.is_feasible() {
        return Err(fail(format!(
            "the decomposition's roster breaks a hard rule: {}",
            checked.violations[0]
        )));
    }
    if (checked.cost.objective - objective).abs() > 1e-6 * objective.abs().max(1.0) {
        return Err(fail(format!(
            "the decomposition's roster costs {} by the checker, not the {} it reported",
            checked.cost.objective, objective
        )));
    }
    // The master's value, up to HiGHS's round-off: report the checker's.
    let objective = checked.cost.objective;
    // Whole weights make every roster's cost whole: the bound rounds up.
    let integral =
        p.s.cover
            .iter()
            .all(|c| c.under_weight.fract() == 0.0 && c.over_weight.fract() == 0.0)
            && p.s.requests.iter().all(|r| r.weight.fract() == 0.0)
            && p.cands.iter().all(|c| c.cost.fract() == 0.0);
    let bound = bound.map(|b| if integral { (b - EPS).ceil() } else { b });
    let gap = bound.map(|b| crate::solve::relative_gap(objective, b));
    let optimal = gap.is_some_and(|g| g <= 0.0) || bound.is_some_and(|b| objective <= b + EPS);
    Ok(evaluation.into_plan(SolveStatus {
        outcome: if optimal {
            Outcome::Optimal
        } else {
            Outcome::Feasible
        },
        backend: Backend::Highs,
        objective: Some(objective),
        dual_bound: bound,
        gap,
        solve_seconds: seconds,
        build_seconds: 0.0,
        variables,
        constraints,
    }))
}

/// The master's cover rows, from the compact model's, and for each
/// candidate the rows it counts in.
fn cover_rows(f: &Formulation) -> (Vec<CoverRow>, Vec<Vec<usize>>) {
    let mut cand_of_col = vec![usize::MAX; f.columns.len()];
    for (c, &col) in f.x.iter().enumerate() {
        cand_of_col[col] = c;
    }
    let mut cand_rows = vec![Vec::new(); f.x.len()];
    let mut rows = Vec::with_capacity(f.cover_rows.len());
    for (r, (under, over, xs, required)) in f.cover_rows.iter().enumerate() {
        for &col in xs {
            cand_rows[cand_of_col[col]].push(r);
        }
        rows.push(CoverRow {
            required: *required,
            under: under.map(|u| (f.costs[u], *required)),
            over: over.map(|o| (f.costs[o], xs.len() as f64 - required)),
        });
    }
    (rows, cand_rows)
}

/// The shift occurrences of each date (indices into `p.occs`): the pairs of
/// consecutive dates' occurrences without a search through all of them (on
/// Curtois and Qu 24, 11,648 occurrences, `unsupported` took 1.1 s with
/// the quadratic searches and 0.5-0.7 s without).
fn occurrences_by_day(p: &Prepared<'_>) -> Vec<Vec<usize>> {
    let mut by_day = vec![Vec::new(); p.dates.len()];
    for (i, o) in p.occs.iter().enumerate() {
        by_day[o.day].push(i);
    }
    by_day
}

/// Saturdays, Sundays and the succession clashes.
fn calendar(p: &Prepared<'_>) -> Calendar {
    use chrono::{Datelike, Weekday};
    let weekend: Vec<bool> = p
        .dates
        .iter()
        .map(|d| matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect();
    let sunday_after_saturday = (0..p.dates.len())
        .map(|d| {
            d > 0
                && p.dates[d].weekday() == Weekday::Sun
                && p.dates[d - 1].weekday() == Weekday::Sat
        })
        .collect();
    let n = p.shifts.len();
    let mut clash = vec![vec![false; n]; n];
    let min_rest = crate::prepare::min_rest_minutes(p.s);
    let by_day = occurrences_by_day(p);
    for o1 in &p.occs {
        let next = by_day.get(o1.day + 1).map_or(&[][..], Vec::as_slice);
        for o2 in next.iter().map(|&i| &p.occs[i]) {
            if o2.start - o1.end < min_rest || p.forbidden.contains(&(o1.shift, o2.shift)) {
                clash[o1.shift][o2.shift] = true;
            }
        }
    }
    Calendar {
        weekend,
        sunday_after_saturday,
        clash,
    }
}

/// Worker `w`'s options and limits.
fn worker_net(p: &Prepared<'_>, f: &Formulation, cand_rows: &[Vec<usize>], w: usize) -> WorkerNet {
    let worker = &p.s.workers[w];
    let nd = p.dates.len();
    let days: Vec<Vec<Opt>> = (0..nd)
        .map(|d| {
            f.cands_of(w, d)
                .iter()
                .map(|&c| {
                    let o = &p.occs[p.cands[c].occ];
                    Opt {
                        cand: c,
                        shift: o.shift,
                        minutes: o.paid_minutes,
                        cost: f.costs[f.x[c]],
                        rows: cand_rows[c].clone(),
                    }
                })
                .collect()
        })
        .collect();
    let k = worker
        .max_consecutive_days
        .map_or(p.s.rules.max_consecutive_days, |m| {
            m.min(p.s.rules.max_consecutive_days)
        }) as usize;
    // Count limits that can bind (as limits.rs writes them).
    let mut count_slot = vec![None; p.shifts.len()];
    let mut count_cap = Vec::new();
    for (t, sh) in p.shifts.iter().enumerate() {
        if let Some(&most) = worker.max_shifts.get(&sh.id) {
            let possible = days
                .iter()
                .filter(|d| d.iter().any(|o| o.shift == t))
                .count();
            if possible > most as usize {
                count_slot[t] = Some(count_cap.len());
                count_cap.push(most);
            }
        }
    }
    let most_minutes: i64 = days
        .iter()
        .map(|d| d.iter().map(|o| o.minutes).max().unwrap_or(0))
        .sum();
    let max_minutes = worker
        .max_total_minutes
        .map(i64::from)
        .filter(|&m| most_minutes > m);
    let min_minutes = worker.min_total_minutes.map(i64::from).filter(|&m| m > 0);
    let weekends_possible: HashSet<i64> = {
        let wk = crate::formulation::weekend_of(p);
        (0..nd)
            .filter(|&d| !days[d].is_empty())
            .filter_map(|d| wk[d])
            .collect()
    };
    let max_weekends = worker
        .max_weekends
        .filter(|&m| weekends_possible.len() > m as usize);
    WorkerNet {
        days,
        k,
        m_work: worker.min_consecutive_days.unwrap_or(1).max(1) as usize,
        m_off: worker.min_consecutive_days_off.unwrap_or(1).max(1) as usize,
        min_minutes,
        max_minutes,
        count_slot,
        count_cap,
        max_weekends,
        pinned: Vec::new(),
    }
}

/// The first rule of the scenario the decomposition does not model exactly.
fn unsupported(p: &Prepared<'_>, f: &Formulation) -> Option<String> {
    let s = p.s;
    if s.run_borders != RunBorders::Exempt {
        return Some("run borders `history` (the pricing treats the borders as `exempt`)".into());
    }
    if p.hist_days > 0 {
        return Some("a history before the horizon".into());
    }
    if !s.targets.is_empty() || f.has_flow {
        return Some("output targets (the production rows couple workers)".into());
    }
    if !f.home.is_empty() || s.workers.iter().any(|w| w.home.is_some()) {
        return Some("home-based work".into());
    }
    if !s.fairness.is_empty() {
        return Some("fair hours (the fairness rows couple workers)".into());
    }
    // Every other objective term must be an x column or a cover slack.
    let mut priced = vec![false; f.columns.len()];
    let slacks = f
        .cover_rows
        .iter()
        .flat_map(|(u, o, _, _)| u.iter().chain(o.iter()));
    for &c in f.x.iter().chain(slacks) {
        priced[c] = true;
    }
    if let Some(col) = (0..f.columns.len()).find(|&c| f.costs[c] != 0.0 && !priced[c]) {
        return Some(format!(
            "an objective term beyond assignments, cover and requests (column {col}: overtime, contracted hours or another cost)"
        ));
    }
    let rules = &s.rules;
    for (w, worker) in s.workers.iter().enumerate() {
        let id = &worker.id;
        for (b, &(a, z)) in p.weeks.iter().enumerate() {
            let day_max = |key: &dyn Fn(usize) -> f64| -> f64 {
                (a..=z)
                    .map(|d| f.cands_of(w, d).iter().map(|&c| key(c)).fold(0.0, f64::max))
                    .sum()
            };
            if day_max(&|c| p.cands[c].hours) > p.max_week_hours(w) + EPS {
                return Some(format!("weekly hours of worker {id} (row 3)"));
            }
            if day_max(&|c| p.cands[c].standard_hours) > rules.standard_hours_per_week + EPS {
                return Some(format!("weekly overtime of worker {id} (row 4)"));
            }
            if day_max(&|c| p.cands[c].daily_overtime_hours) > EPS {
                return Some(format!("daily overtime of worker {id} (row 5)"));
            }
            if p.min_week_hours(w, b) > EPS {
                return Some(format!("contracted hours of worker {id} (row 12)"));
            }
            let allowed =
                (z - a + 1).min(7usize.saturating_sub(rules.min_days_off_per_week as usize));
            if (a..=z).filter(|&d| !f.cands_of(w, d).is_empty()).count() > allowed {
                return Some(format!("days off per week of worker {id} (row 7)"));
            }
        }
    }
    // Minimum rest reaching two dates ahead (the pricing looks one back).
    let min_rest = crate::prepare::min_rest_minutes(s);
    let by_day = occurrences_by_day(p);
    for o1 in &p.occs {
        let after_next = by_day.get(o1.day + 2).map_or(&[][..], Vec::as_slice);
        if after_next
            .iter()
            .any(|&i| p.occs[i].start - o1.end < min_rest)
        {
            return Some("a minimum rest reaching two dates ahead".into());
        }
    }
    // Workplaces that can bind couple workers. A worker is at most once at
    // a station at any instant (one shift a day, and overlapping shifts on
    // consecutive dates break the rest rule), so a row can bind only when
    // more distinct workers than places have a candidate active at a start.
    let mut per: std::collections::HashMap<(usize, usize), Vec<usize>> = Default::default();
    for c in &p.cands {
        per.entry((c.station, c.occ)).or_default().push(c.worker);
    }
    for (st, station) in p.stations.iter().enumerate() {
        for (o0, occ) in p.occs.iter().enumerate() {
            if !per.contains_key(&(st, o0)) {
                continue;
            }
            let t = occ.start;
            // Shifts are shorter than two days: only the same and the two
            // dates before can overlap a start.
            let people: HashSet<usize> = by_day[occ.day.saturating_sub(2)..=occ.day]
                .iter()
                .flatten()
                .filter(|&&o| p.occs[o].start <= t && t < p.occs[o].end)
                .flat_map(|&o| per.get(&(st, o)).into_iter().flatten().copied())
                .collect();
            if people.len() > station.station.workplaces as usize {
                return Some(format!(
                    "workplaces of station {} (row 8)",
                    station.station.id
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nrp(n: u32) -> Scenario {
        let path = format!(
            "{}/tests/data/nrp/Instance{n}.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        crate::formats::NrpInstance::from_file(path)
            .expect("instance")
            .to_scenario(&format!("Instance{n}"))
    }

    #[test]
    fn every_column_keeps_its_workers_rules() {
        for n in [1, 2, 3] {
            let s = nrp(n);
            let d = decompose(
                &s,
                &DecompositionOptions {
                    threads: Some(1),
                    compact_lp: true,
                    ..Default::default()
                },
            )
            .expect("decompose");
            let p = Prepared::new(&s);
            for (w, cands) in &d.columns {
                let sub = crate::solve::warm::for_workers(&s, &[*w], &Default::default());
                let roster = report::roster(&p, cands);
                let r = crate::check::check(&sub, &roster);
                assert!(
                    r.is_feasible(),
                    "Instance{n} worker {w}: {:?}",
                    r.violations
                );
            }
            eprintln!(
                "Instance{n}: lp {:?} compact {:?} objective {:?}",
                d.lp_bound,
                d.compact_lp,
                d.plan.as_ref().and_then(|p| p.status.objective)
            );
        }
    }

    #[test]
    fn skipping_the_relaxed_pricings_keeps_the_columns_and_drops_only_the_bound() {
        // Instance 8 has workers past the quick pricing's labels (priced by
        // the beam for columns and by the relaxations for the bound).
        let s = nrp(8);
        let p = Prepared::new(&s);
        let Network {
            f,
            cover,
            cand_rows,
            nets,
            cal,
        } = &Network::new(&p).expect("supported");
        let relaxed: Vec<[WorkerNet; 2]> = nets.iter().map(WorkerNet::relaxed).collect();
        let pricer = Pricer {
            large: std::cell::RefCell::new(vec![false; nets.len()]),
            bound_seconds: std::cell::Cell::new(0.0),
            // No share to keep to here.
            bound_share: (Instant::now(), f64::MAX),
            nets,
            relaxed: &relaxed,
            cal,
        };
        // The first columns (as `run` takes them), then the master's duals.
        let none = vec![false; nets.len()];
        let every = vec![f64::INFINITY; nets.len()];
        let open: Vec<f64> = cover
            .iter()
            .map(|r| r.under.map_or(0.0, |(c, _)| c))
            .collect();
        let mut m = Master::new(cover.clone(), nets.len(), Some(1), 0).expect("master");
        for duals in [vec![0.0; cover.len()], open] {
            let first = pricer
                .all(&duals, &every, false, &none, None, Wanted::Never)
                .expect("priced");
            for (w, cands) in first.columns {
                m.add(schedule(f, cand_rows, w, cands)).expect("column");
            }
        }
        let lp = m.solve().expect("master LP");
        let price = |wanted| {
            pricer
                .all(
                    &lp.cover_duals,
                    &lp.convexity_duals,
                    false,
                    &none,
                    None,
                    wanted,
                )
                .expect("priced")
        };
        let always = price(Wanted::Always);
        let bound = always.bound.expect("every worker bounded");
        let never = price(Wanted::Never);
        let capped = price(Wanted::Above(1e12));
        let below = price(Wanted::Above(-1e12));
        for other in [&never, &capped, &below] {
            assert_eq!(other.columns, always.columns);
        }
        assert_eq!(never.bound, None);
        // The cap (bounds so far + the convexity duals left) is below 1e12.
        assert_eq!(capped.bound, None);
        assert_eq!(below.bound, Some(bound));
    }
}
