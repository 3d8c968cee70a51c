//! Solving: options, backends, status and the proven gap.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::formulation::Formulation;
use crate::model::Scenario;
use crate::prepare::Prepared;
use crate::report::{self, Outcome, Plan, SolveStatus};

pub(crate) mod colgen;
mod lns;
pub(crate) mod policy;
mod progress;
mod rens;
pub(crate) mod warm;

pub use colgen::{
    decompose, solve_decomposed, Decomposition, DecompositionOptions, DecompositionStep,
};
use policy::Budget;
use progress::Reporter;
pub use progress::{Phase, Progress, ProgressEvent};

pub use crate::report::Backend;

/// Default relative optimality gap (0.01 %).
pub const DEFAULT_RELATIVE_GAP: f64 = 1e-4;

/// How to solve.
///
/// ```
/// let opts = flexline::SolveOptions { time_limit: Some(30.0), ..Default::default() };
/// assert_eq!(opts.relative_gap, 1e-4);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SolveOptions {
    /// Wall-clock limit in seconds (soft: HiGHS may overshoot slightly, and
    /// on the largest scenarios with hard minimum hours — a year of 150
    /// workers — the worker-by-worker start can run a few seconds past it;
    /// BENCHMARKS.md, "Ending on time").
    /// The best roster found in time is returned with its proven gap.
    pub time_limit: Option<f64>,
    /// Stop when (objective − bound) / |objective| is at most this.
    pub relative_gap: f64,
    /// Threads (None: the machine's parallelism for the search, HiGHS's
    /// choice for HiGHS). The main solve gives them to HiGHS; the
    /// neighbourhood search (on the models the solve policy searches:
    /// mid-sized ones, and larger ones that need no start) runs one
    /// searcher per thread, and with two or more and a checked start it runs beside the
    /// main solve (DESIGN.md, "Why the search runs beside the main solve");
    /// a timed solve with two threads or more is not deterministic. HiGHS
    /// keeps one thread pool per OS thread: use one value per process.
    pub threads: Option<u32>,
    /// Random seed (HiGHS `random_seed`).
    pub seed: u32,
    /// Branch-and-bound node limit (reproducible, unlike a time limit).
    pub max_nodes: Option<u32>,
    /// The solver.
    pub backend: Backend,
    /// Called with a [`ProgressEvent`] at each step of the solve (phase,
    /// best objective, bound, elapsed seconds); `None`: no reports. Not
    /// serialized; it never changes the result.
    #[serde(skip)]
    pub progress: Option<Progress>,
}

impl Default for SolveOptions {
    fn default() -> Self {
        Self {
            time_limit: None,
            relative_gap: DEFAULT_RELATIVE_GAP,
            threads: None,
            seed: 0,
            max_nodes: None,
            backend: Backend::default(),
            progress: None,
        }
    }
}

/// Longest time limit accepted, in seconds (7 days).
pub const MAX_TIME_LIMIT: f64 = 7.0 * 24.0 * 3600.0;
/// Most solver threads accepted.
pub const MAX_THREADS: u32 = 64;

impl SolveOptions {
    /// Checks every option: a time limit that is finite, above 0 and at most
    /// [`MAX_TIME_LIMIT`]; a relative gap in [0, 1); threads from 1 to
    /// [`MAX_THREADS`] (and no more than the machine has).
    ///
    /// ```
    /// let bad = flexline::SolveOptions { time_limit: Some(1e19), ..Default::default() };
    /// assert!(bad.check().unwrap_err().to_string().contains("at most"));
    /// ```
    pub fn check(&self) -> Result<(), Error> {
        let bad = |option: &'static str, message: String| Error::InvalidOptions {
            options: "solve",
            option,
            message,
        };
        if let Some(t) = self.time_limit {
            if !(t.is_finite() && t > 0.0 && t <= MAX_TIME_LIMIT) {
                return Err(bad(
                    "time_limit",
                    format!(
                        "{} seconds; give a number of seconds above 0 and at most {MAX_TIME_LIMIT} (7 days)",
                        crate::text::number(t)
                    ),
                ));
            }
        }
        if !(self.relative_gap.is_finite() && (0.0..1.0).contains(&self.relative_gap)) {
            return Err(bad(
                "relative_gap",
                format!(
                    "{}; give a fraction in [0, 1), e.g. 0.0001",
                    crate::text::number(self.relative_gap)
                ),
            ));
        }
        if let Some(n) = self.threads {
            let most = max_threads();
            if n == 0 || n > most {
                return Err(bad(
                    "threads",
                    format!("{n}; give 1 to {most} (the most this machine runs at once, at most {MAX_THREADS}), or leave it unset"),
                ));
            }
        }
        Ok(())
    }
}

/// Most threads accepted on this machine: its parallelism, at most
/// [`MAX_THREADS`] (and at least 1).
pub fn max_threads() -> u32 {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    u32::try_from(cores)
        .unwrap_or(MAX_THREADS)
        .clamp(1, MAX_THREADS)
}

/// The error for a solve that ended without any roster: the time limit, the
/// model's size, and a limit likely to be enough (ten times the one given,
/// at least 10 s, at most [`MAX_TIME_LIMIT`]).
///
/// ```
/// let e = flexline::no_roster_error(Some(30.0), 123_456);
/// assert!(e.to_string().contains("no roster within 30 s: the model has 123456 columns"));
/// ```
pub fn no_roster_error(time_limit: Option<f64>, columns: usize) -> Error {
    let seconds = time_limit.unwrap_or(0.0);
    let suggested = (seconds * 10.0).clamp(10.0, MAX_TIME_LIMIT).ceil() as u64;
    Error::NoRosterInTime {
        seconds,
        columns,
        suggested,
    }
}

/// `now` + `seconds`, or `None` if that is not representable.
pub(crate) fn deadline_after(seconds: f64) -> Option<Instant> {
    let d = std::time::Duration::try_from_secs_f64(seconds.max(0.0)).ok()?;
    Instant::now().checked_add(d)
}

/// A built integer program for one scenario, ready to solve. Building and
/// solving are separate so they can be timed apart.
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// let scenario = flexline::Scenario::from_json_str(&json)?;
/// let model = flexline::Model::build(&scenario)?;
/// assert!(model.variables() > 0);
/// let plan = model.solve(&flexline::SolveOptions::default())?;
/// assert_eq!(plan.status.outcome, flexline::Outcome::Optimal);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Model<'a> {
    prepared: Prepared<'a>,
    formulation: Formulation,
    build_seconds: f64,
    /// The formulation was adjusted from outside: a roster fixed
    /// ([`Model::fix_roster`]) or the repair's terms (`parts_mut`). The
    /// steps that see only the scenario (the decomposition's pricing) then
    /// stay out.
    fixed: bool,
}

impl<'a> Model<'a> {
    /// Validates the scenario and builds the integer program.
    pub fn build(scenario: &'a Scenario) -> Result<Self, Error> {
        scenario.validate().map_err(Error::Invalid)?;
        let t0 = Instant::now();
        let prepared = Prepared::new(scenario);
        let formulation = Formulation::build(&prepared);
        Ok(Self {
            prepared,
            formulation,
            build_seconds: t0.elapsed().as_secs_f64(),
            fixed: false,
        })
    }

    /// Number of variables.
    pub fn variables(&self) -> usize {
        self.formulation.columns.len()
    }

    /// Number of constraints.
    pub fn constraints(&self) -> usize {
        self.formulation.constraints.len()
    }

    /// Number of 0/1 assignment variables (candidate assignments).
    pub fn assignment_variables(&self) -> usize {
        self.formulation.x.len()
    }

    /// Fixes every decision to `roster`: its assignments are worked, every
    /// other possible assignment is not, and its home batches are sent as
    /// stated. Solving then prices that roster with the integer program
    /// itself (production on the clock, targets, wages), which equals the
    /// reports and the checker (docs/formulation.md, "Why the integer program and the flow agree").
    ///
    /// Errors: [`Error::InvalidRoster`] for an assignment that is no
    /// possible assignment of the scenario (unknown ids, a missing skill, a
    /// caregiving window, a shift the line does not run, ...).
    ///
    /// ```
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
    /// let scenario = flexline::Scenario::from_json_str(&json)?;
    /// let best = flexline::solve(&scenario, &Default::default())?;
    /// let mut model = flexline::Model::build(&scenario)?;
    /// model.fix_roster(&best.roster)?;
    /// let same = model.solve(&Default::default())?;
    /// assert_eq!(same.roster, best.roster);
    /// assert_eq!(same.status.objective, best.status.objective);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fix_roster(&mut self, roster: &crate::Roster) -> Result<(), Error> {
        let chosen = self.prepared.candidates_of(&roster.assignments);
        if chosen.len() != roster.assignments.len() {
            let matched: std::collections::HashSet<(usize, usize)> = chosen
                .iter()
                .map(|&c| {
                    (
                        self.prepared.cands[c].worker,
                        self.prepared.occs[self.prepared.cands[c].occ].day,
                    )
                })
                .collect();
            let bad = roster
                .assignments
                .iter()
                .position(|a| {
                    let w = self
                        .prepared
                        .s
                        .workers
                        .iter()
                        .position(|w| w.id == a.worker);
                    let d = self.prepared.s.horizon.index_of(a.date);
                    !matches!((w, d), (Some(w), Some(d)) if matched.contains(&(w, d)))
                })
                .unwrap_or(0);
            return Err(Error::InvalidRoster {
                assignment: bad,
                message: "not a possible assignment of this scenario (check the worker, date,                           shift and station, the skill, the line's shifts and caregiving windows)"
                    .into(),
            });
        }
        let f = &mut self.formulation;
        let mut on = vec![false; f.x.len()];
        for &c in &chosen {
            on[c] = true;
        }
        let one: Vec<usize> = chosen.iter().map(|&c| f.x[c]).collect();
        let zero: Vec<usize> = (0..f.x.len()).filter(|&c| !on[c]).map(|c| f.x[c]).collect();
        f.fix(&zero, &one);
        self.fixed = true;
        let units = self.prepared.home_units_of(&roster.home_batches);
        for (i, &col) in f.home.clone().iter().enumerate() {
            let v = units.get(i).copied().unwrap_or(0.0);
            let e = f.sum([(1.0, col)]);
            f.push(e.eq(v));
        }
        Ok(())
    }

    /// Leaves out every possible assignment `drop` names (by its index in
    /// the prepared candidates) and builds the program again without them.
    /// Unlike fixing columns to 0, every step that rebuilds from the prepared
    /// candidates (the search's sub-models, the relaxation step) then keeps
    /// them out too.
    pub(crate) fn drop_candidates(&mut self, drop: impl Fn(&Prepared<'a>, usize) -> bool) {
        let keep: Vec<usize> = (0..self.prepared.cands.len())
            .filter(|&c| !drop(&self.prepared, c))
            .collect();
        if keep.len() == self.prepared.cands.len() {
            return;
        }
        let t0 = Instant::now();
        self.prepared = self.prepared.restricted(&keep);
        self.formulation = Formulation::build(&self.prepared);
        self.build_seconds += t0.elapsed().as_secs_f64();
    }

    /// The prepared scenario and the formulation, to adjust before solving
    /// (the repair fixes frozen dates and adds change costs; see
    /// `src/repair.rs`).
    pub(crate) fn parts_mut(&mut self) -> (&Prepared<'a>, &mut Formulation) {
        self.fixed = true;
        (&self.prepared, &mut self.formulation)
    }

    /// Solves the model and evaluates the roster found.
    ///
    /// When the empty roster breaks a hard rule (a worker's
    /// `min_total_minutes`), HiGHS is first given a starting roster built
    /// worker by worker; the steps and their time shares are the policy of
    /// `src/solve/policy.rs` (DESIGN.md, "Solving: the start, the search and
    /// the backends").
    pub fn solve(self, options: &SolveOptions) -> Result<Plan, Error> {
        self.solve_inner(options, true)
    }

    /// [`solve`](Self::solve) without building a starting roster (the
    /// worker-by-worker start itself uses it).
    pub(crate) fn solve_without_start(self, options: &SolveOptions) -> Result<Plan, Error> {
        self.solve_inner(options, false)
    }

    fn solve_inner(self, options: &SolveOptions, with_start: bool) -> Result<Plan, Error> {
        options.check()?;
        let variables = self.variables();
        let constraints = self.constraints();
        let Model {
            prepared,
            mut formulation,
            build_seconds,
            fixed,
        } = self;
        let budget = Budget::new(options.time_limit, build_seconds);
        let mut progress = Reporter::new(options.progress.as_ref());
        progress.report(Phase::Built, None, None, budget.elapsed_total());
        let route = policy::route(&policy::RouteInput {
            allow_start: with_start,
            backend: options.backend,
            has_columns: !formulation.columns.is_empty(),
            start_needed: warm::needed(prepared.s),
            assignments: formulation.x.len(),
            timed: options.time_limit.is_some(),
            node_limited: options.max_nodes.is_some(),
            has_flow: formulation.has_flow,
            fixed,
        });
        // The search's first step, on the models the route gives it to.
        let decomposition = route.decomposition.then(|| lns::Decompose {
            lp_seconds: budget.share(policy::DECOMPOSITION_SHARE).unwrap_or(0.0),
            integer_seconds: budget
                .share(policy::DECOMPOSITION_INTEGER_SHARE)
                .unwrap_or(0.0),
            respond_seconds: budget.share(policy::RESPONSE_SHARE).unwrap_or(0.0),
        });
        let mut fallback: Option<Vec<usize>> = None;
        // The checker's cost of the fallback.
        let mut fallback_cost: Option<f64> = None;
        if route.start {
            if let Some(mut start) = warm::sequential(
                prepared.s,
                options.seed,
                options.threads,
                budget.start_seconds(),
            ) {
                progress.report(
                    Phase::Start,
                    start_cost(&prepared, &start),
                    None,
                    budget.elapsed_total(),
                );
                // Too large to re-solve whole (see `lns`): improve the start
                // by groups of workers for a share of what is left.
                if route.groups {
                    let left = budget.left().unwrap_or(0.0);
                    // All of it when the main solve would not get past
                    // HiGHS's first phases in what the groups leave.
                    let after = (1.0 - policy::GROUP_SHARE) * left;
                    let columns = formulation.columns.len();
                    let until = if policy::main_fits(after, columns) {
                        policy::GROUP_SHARE * left
                    } else {
                        // Nothing follows but the plan and its check.
                        left - policy::finish_seconds(columns)
                    };
                    if let Some(until) = deadline_after(until) {
                        let net = (!fixed)
                            .then(|| colgen::Network::lent(&prepared, &formulation).ok())
                            .flatten();
                        improve_large(&prepared, net.as_ref(), &mut start, options, until);
                    }
                    progress.report(
                        Phase::Groups,
                        start_cost(&prepared, &start),
                        None,
                        budget.elapsed_total(),
                    );
                }
                let chosen = prepared.candidates_of(&start);
                formulation.start_from(&chosen);
                // Kept as the answer if HiGHS finds nothing better in time,
                // once the checker confirms it keeps every hard rule.
                let roster = crate::report::Roster {
                    assignments: start,
                    home_batches: Vec::new(),
                };
                let checked = crate::check::check(prepared.s, &roster);
                if checked.is_feasible() {
                    fallback = Some(chosen);
                    fallback_cost = Some(checked.cost.objective);
                }
            }
        }
        let mut main_options = options.clone();
        main_options.time_limit = budget.main_seconds(
            route.search,
            fallback.is_some(),
            route.start,
            formulation.columns.len(),
        );
        let options = &main_options;
        let offset = formulation.offset;
        let had_start = formulation.has_start;
        // With a checked start to fall back on and too little time left,
        // HiGHS would only load and presolve the model past the limit (9 s
        // on Instance 23; `policy::MAIN_SECONDS_PER_COLUMN`).
        let no_time = options.time_limit.is_some_and(|t| {
            t <= 0.0 || (fallback.is_some() && !policy::main_fits(t, formulation.columns.len()))
        });
        // With two searchers or more and a checked start, the main solve runs
        // on a thread of its own while the other threads
        // search around the start (`lns::beside`); not on the relaxation
        // step's models, whose main solve may need the step after it.
        let beside = match (budget.deadline(), fallback_cost, &fallback) {
            (Some(deadline), Some(cost), Some(chosen))
                if route.search
                    && !route.relaxation
                    && !no_time
                    && options.backend == Backend::Highs
                    && lns::searchers(options) >= 2 =>
            {
                Some((deadline, cost, chosen.clone()))
            }
            _ => None,
        };
        let searched = beside.is_some();
        let mut raw = if let Some((deadline, cost, chosen)) = beside {
            let mut best = RawSolution {
                outcome: Outcome::Feasible,
                objective: Some(cost - offset),
                dual_bound: None,
                gap: None,
                chosen,
                consistent: true,
                home: Vec::new(),
            };
            // HiGHS's own choice of threads on its new OS thread (see
            // `lns`: an explicit value is refused there after the start).
            let main_options = SolveOptions {
                threads: None,
                ..options.clone()
            };
            let main: lns::MainSolve<'_> =
                Box::new(move || solve_highs(formulation, &main_options));
            // The search's share: what is left after the main solve's.
            let search_seconds = budget.left().unwrap_or(0.0) - options.time_limit.unwrap_or(0.0);
            let reporter = std::cell::RefCell::new(&mut progress);
            let bound = std::cell::Cell::new(None);
            let (main_raw, search) = lns::beside(
                &prepared,
                &mut best,
                options,
                offset,
                deadline,
                search_seconds,
                decomposition,
                main,
                &mut |raw, objective| {
                    bound.set(raw.dual_bound.map(|b| b + offset));
                    reporter.borrow_mut().report(
                        Phase::Main,
                        objective.map(|o| o + offset),
                        bound.get(),
                        budget.elapsed_total(),
                    );
                },
                &mut |objective| {
                    reporter.borrow_mut().report(
                        Phase::Search,
                        Some(objective + offset),
                        bound.get(),
                        budget.elapsed_total(),
                    );
                },
            );
            let mut raw = main_raw?;
            if !raw.consistent {
                // Its roster is not what it says; its bound still holds.
                raw = RawSolution::none(Outcome::NoSolution, raw.dual_bound);
            }
            let better = best
                .objective
                .is_some_and(|b| raw.objective.is_none_or(|o| crate::tolerance::better(b, o)));
            if better {
                raw.objective = best.objective;
                raw.chosen = best.chosen;
                raw.home = best.home;
                raw.outcome = Outcome::Feasible;
            }
            raw.dual_bound = stronger(raw.dual_bound, search.bound);
            progress.report(
                Phase::Search,
                None,
                raw.dual_bound.map(|b| b + offset),
                budget.elapsed_total(),
            );
            raw
        } else if no_time && fallback.is_some() {
            RawSolution::none(Outcome::NoSolution, None)
        } else if formulation.columns.is_empty() {
            // Nothing to decide (no candidate, no target, no contract): the
            // empty roster is optimal; solvers reject empty models.
            RawSolution {
                outcome: Outcome::Optimal,
                objective: Some(0.0),
                dual_bound: Some(0.0),
                gap: Some(0.0),
                chosen: Vec::new(),
                consistent: true,
                home: Vec::new(),
            }
        } else {
            match options.backend {
                Backend::Highs => solve_highs(formulation, options)?,
                Backend::Microlp => solve_microlp(formulation, options)?,
            }
        };
        if !raw.consistent && had_start {
            // The solver returned columns that do not make the objective it
            // reported: solve again from scratch, without the start, for
            // what is left (at least a second: a roster late beats none).
            let retry = SolveOptions {
                time_limit: budget.left().map(|t| t.max(policy::RETRY_MIN_SECONDS)),
                ..options.clone()
            };
            raw = solve_highs(Formulation::build(&prepared), &retry)?;
        }
        if !raw.consistent {
            return Err(Error::Solver {
                backend: options.backend.name(),
                reason: "the roster returned does not have the objective value reported".into(),
            });
        }
        if !searched {
            progress.report(
                Phase::Main,
                raw.objective.map(|o| o + offset),
                raw.dual_bound.map(|b| b + offset),
                budget.elapsed_total(),
            );
        }
        // Large models with production rows whose main solve stalled (its
        // roster far from its bound, or none): a roster over the LP
        // relaxation's support, and the LP's optimum as a bound (see `rens`).
        let stalled = raw.outcome == Outcome::NoSolution
            || raw.gap.is_none_or(|g| g > policy::RELAXATION_ABOVE_GAP);
        if route.relaxation && stalled && !no_time {
            if let Some(until) = deadline_after(budget.relaxation_seconds()) {
                let found = rens::start(&prepared, options, until);
                raw.dual_bound = stronger(raw.dual_bound, found.bound);
                let roster = found.chosen.and_then(|chosen| {
                    let assignments = report::roster(&prepared, &chosen).assignments;
                    start_cost(&prepared, &assignments).map(|cost| (chosen, cost - offset))
                });
                if let Some((chosen, objective)) = roster {
                    let better = raw
                        .objective
                        .is_none_or(|o| objective < o - crate::tolerance::EPS * o.abs().max(1.0));
                    if better {
                        raw.objective = Some(objective);
                        raw.chosen = chosen;
                        raw.home = Vec::new();
                        raw.outcome = Outcome::Feasible;
                    }
                }
                progress.report(
                    Phase::Relaxation,
                    raw.objective.map(|o| o + offset),
                    raw.dual_bound.map(|b| b + offset),
                    budget.elapsed_total(),
                );
            }
        }
        let mut from_fallback = false;
        if raw.outcome == Outcome::NoSolution {
            if let Some(chosen) = fallback {
                raw.outcome = Outcome::Feasible;
                raw.objective = None;
                raw.chosen = chosen;
                from_fallback = true;
            }
        }
        if let (true, false, Some(deadline)) = (route.search, searched, budget.deadline()) {
            let unproven = raw.gap.is_none_or(|g| g > options.relative_gap);
            if raw.outcome == Outcome::Feasible && unproven {
                let bound = raw.dual_bound.map(|b| b + offset);
                let mut improved = |objective: f64| {
                    progress.report(
                        Phase::Search,
                        Some(objective + offset),
                        bound,
                        budget.elapsed_total(),
                    )
                };
                let search = lns::improve(
                    &prepared,
                    &mut raw,
                    options,
                    offset,
                    route.relaxation,
                    decomposition,
                    deadline,
                    &mut improved,
                );
                if search.improved > 0 {
                    from_fallback = false;
                }
                raw.dual_bound = stronger(raw.dual_bound, search.bound);
                progress.report(
                    Phase::Search,
                    None,
                    raw.dual_bound.map(|b| b + offset),
                    budget.elapsed_total(),
                );
            }
        }
        // Solvers drop the objective's constant: add it back, and state the
        // gap against the full objective.
        raw.objective = raw.objective.map(|o| o + offset);
        raw.dual_bound = raw.dual_bound.map(|b| b + offset);
        if let (Some(o), Some(b)) = (raw.objective, raw.dual_bound) {
            raw.gap = Some(relative_gap(o, b)).filter(|g| g.is_finite());
        }
        // A roster the bound has reached is optimal, however it was found
        // (the search, or HiGHS stopped by the clock at that moment).
        if raw.outcome == Outcome::Feasible
            && !from_fallback
            && raw.gap.is_some_and(|g| g <= options.relative_gap)
        {
            raw.outcome = Outcome::Optimal;
        }
        let evaluation = report::evaluate(&prepared, &raw.chosen, &raw.home);
        if from_fallback {
            // The starting roster, evaluated: its objective is its cost.
            let objective = evaluation.cost.objective;
            raw.objective = Some(objective);
            raw.gap = raw
                .dual_bound
                .map(|b| relative_gap(objective, b))
                .filter(|g| g.is_finite());
        }
        let solve_seconds = budget.elapsed();
        progress.done(raw.objective, raw.dual_bound, build_seconds + solve_seconds);
        Ok(evaluation.into_plan(SolveStatus {
            outcome: raw.outcome,
            backend: options.backend,
            objective: raw.objective,
            dual_bound: raw.dual_bound,
            gap: raw.gap,
            solve_seconds,
            build_seconds,
            variables,
            constraints,
        }))
    }
}

/// The higher of two lower bounds, either possibly unknown.
fn stronger(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The checked cost of a starting roster (`None` if the checker rejects it).
fn start_cost(prepared: &Prepared<'_>, start: &[crate::report::Assignment]) -> Option<f64> {
    let roster = crate::report::Roster {
        assignments: start.to_vec(),
        home_batches: Vec::new(),
    };
    let report = crate::check::check(prepared.s, &roster);
    report.is_feasible().then_some(report.cost.objective)
}

/// Improves `start` until `until` on the models too large to search (the
/// groups' route): best responses worker by worker over whole schedules
/// (`colgen::respond`), where the decomposition's pricing models the
/// scenario exactly, for as long as a response fits its share of the time;
/// then groups of workers re-solved by HiGHS (`warm::improve_by_groups`)
/// for what is left. A roster replaces `start` only when the checker finds
/// it cheaper. Without `net` (the pricing's network of `prepared`, none
/// where it does not model the scenario or around a model adjusted from
/// outside, which it does not see), the groups alone.
fn improve_large(
    prepared: &Prepared<'_>,
    net: Option<&colgen::Network<'_>>,
    start: &mut Vec<crate::report::Assignment>,
    options: &SolveOptions,
    until: Instant,
) {
    if let Some(net) = net {
        respond_on_start(prepared, net, start, options.seed, until);
    }
    if until
        .saturating_duration_since(Instant::now())
        .as_secs_f64()
        >= policy::GROUP_STOP_SECONDS
    {
        warm::improve_by_groups(prepared.s, start, options.seed, options.threads, until);
    }
}

/// Best responses worker by worker (`colgen::respond`) on `start` until
/// `until`: `start` becomes their roster when the checker finds it cheaper.
/// Returns true when it did.
fn respond_on_start(
    prepared: &Prepared<'_>,
    net: &colgen::Network<'_>,
    start: &mut Vec<crate::report::Assignment>,
    seed: u32,
    until: Instant,
) -> bool {
    let chosen = prepared.candidates_of(start);
    let (chosen, done) = colgen::respond(prepared, net, &chosen, seed, true, true, until);
    if done.changes == 0 && done.rebuilds_kept == 0 {
        return false;
    }
    let found = crate::report::roster(prepared, &chosen).assignments;
    let cheaper = match (start_cost(prepared, &found), start_cost(prepared, start)) {
        (Some(new), Some(old)) => new < old,
        (Some(_), None) => true,
        _ => false,
    };
    if cheaper {
        *start = found;
    }
    cheaper
}

/// Validates, builds and solves in one call.
///
/// The time limit covers validating and building too: the solve gets what
/// building left of it (at least a tenth).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// let scenario = flexline::Scenario::from_json_str(&json)?;
/// let plan = flexline::solve(&scenario, &flexline::SolveOptions::default())?;
/// // Every roster goes through the independent checker.
/// let report = flexline::check::check(&scenario, &plan.roster);
/// assert!(report.is_feasible());
/// assert!(report.differences(&plan.throughput, &plan.cost).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn solve(scenario: &Scenario, options: &SolveOptions) -> Result<Plan, Error> {
    options.check()?;
    let model = Model::build(scenario)?;
    match options.time_limit {
        Some(t) if t.is_finite() && t > 0.0 => {
            let left = (t - model.build_seconds).max(policy::SOLVE_FLOOR_AFTER_BUILD * t);
            model.solve(&SolveOptions {
                time_limit: Some(left),
                ..options.clone()
            })
        }
        _ => model.solve(options),
    }
}

/// (objective − bound) / |objective|, 0 when both are 0 (HiGHS's definition).
fn relative_gap(objective: f64, bound: f64) -> f64 {
    let diff = (objective - bound).max(0.0);
    // Rounding noise in the bound is not a gap.
    if diff <= 1e-9 * objective.abs().max(1.0) {
        0.0
    } else if objective == 0.0 {
        f64::INFINITY
    } else {
        diff / objective.abs()
    }
}

struct RawSolution {
    outcome: Outcome,
    objective: Option<f64>,
    dual_bound: Option<f64>,
    gap: Option<f64>,
    /// Candidates chosen (their 0/1 variable is 1 up to rounding).
    chosen: Vec<usize>,
    /// The chosen columns' objective equals the reported objective.
    consistent: bool,
    /// Units of each home batch (`Prepared::home.slots` order; empty = none).
    home: Vec<f64>,
}

impl RawSolution {
    fn none(outcome: Outcome, dual_bound: Option<f64>) -> Self {
        Self {
            outcome,
            objective: None,
            dual_bound,
            gap: None,
            chosen: Vec::new(),
            consistent: true,
            home: Vec::new(),
        }
    }
}

/// Whole units of each home batch.
fn home_units(home_cols: &[usize], value: impl Fn(usize) -> f64) -> Vec<f64> {
    home_cols
        .iter()
        .map(|&col| value(col).round().max(0.0))
        .collect()
}

/// Candidates whose 0/1 variable is (up to rounding) 1.
fn chosen(x_cols: &[usize], value: impl Fn(usize) -> f64) -> Vec<usize> {
    const ROUND_AT: f64 = 0.5;
    x_cols
        .iter()
        .enumerate()
        .filter(|(_, &col)| value(col) > ROUND_AT)
        .map(|(c, _)| c)
        .collect()
}

#[cfg(feature = "highs")]
fn solve_highs(f: Formulation, options: &SolveOptions) -> Result<RawSolution, Error> {
    use good_lp::SolverModel;
    use highs::{HighsModelStatus, HighsSolutionStatus};

    let fail = |reason: String| Error::Solver {
        backend: "highs",
        reason,
    };
    let Formulation {
        vars,
        constraints,
        objective,
        x,
        start,
        has_start,
        costs,
        home,
        ..
    } = f;
    let mut problem = vars.minimise(objective).using(good_lp::highs);
    for c in constraints {
        problem.add_constraint(c);
    }
    let mut model = problem
        .try_into_inner()
        .map_err(|e| fail(format!("could not load the model: {e}")))?;

    let mut set = |name: &str, value: OptionValue| {
        let r = match value {
            OptionValue::F(v) => model.try_set_option(name, v),
            OptionValue::I(v) => model.try_set_option(name, v),
        };
        r.map_err(|e| fail(format!("could not set option {name}: {e:?}")))
    };
    set("mip_rel_gap", OptionValue::F(options.relative_gap))?;
    // Branch on pseudocosts from the start instead of strong-branching each
    // variable until its pseudocost is reliable: on Instance 6 at 60 s and 2
    // threads it proved the optimum in 5 of 6 quiet runs (14–55 s) against
    // 5 of 10 with HiGHS's default of 8 (BENCHMARKS.md, "Instance 6 and the branching rule").
    set("mip_pscost_minreliable", OptionValue::I(0))?;
    if let Some(t) = options.time_limit {
        set("time_limit", OptionValue::F(t))?;
    }
    if let Some(n) = options.threads {
        set("threads", OptionValue::I(n.min(i32::MAX as u32) as i32))?;
    }
    if let Some(n) = options.max_nodes {
        set(
            "mip_max_nodes",
            OptionValue::I(n.min(i32::MAX as u32) as i32),
        )?;
    }
    if has_start {
        model
            .try_set_solution(Some(&start), None, None, None)
            .map_err(|e| fail(format!("could not set the starting roster: {e:?}")))?;
    }
    let solved = model
        .try_solve()
        .map_err(|e| fail(format!("solve failed: {e:?}")))?;
    let has_solution = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
    let outcome = match solved.status() {
        HighsModelStatus::Optimal
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget => Outcome::Optimal,
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedMemoryLimit => Outcome::Feasible,
        HighsModelStatus::Infeasible => return Err(Error::Infeasible { backend: "highs" }),
        other => return Err(fail(format!("HiGHS ended with status {other:?}"))),
    };
    let outcome = if has_solution {
        outcome
    } else {
        Outcome::NoSolution
    };
    if !has_solution {
        return Ok(RawSolution::none(
            outcome,
            solved
                .double_info_value(c"mip_dual_bound")
                .ok()
                .filter(|b| b.is_finite()),
        ));
    }
    let objective = solved.objective_value();
    let dual_bound = solved
        .double_info_value(c"mip_dual_bound")
        .ok()
        .filter(|b| b.is_finite());
    let gap = Some(solved.mip_gap()).filter(|g| g.is_finite());
    let solution = solved.get_solution();
    let values = solution.columns();
    // The objective of the columns returned must be the objective reported;
    // if not, the caller solves again without a start.
    let of_values: f64 = costs.iter().zip(values).map(|(c, v)| c * v).sum();
    let consistent = (of_values - objective).abs() <= 1e-6 * objective.abs().max(1.0);
    Ok(RawSolution {
        outcome,
        objective: Some(objective),
        dual_bound,
        gap,
        chosen: chosen(&x, |col| values.get(col).copied().unwrap_or(0.0)),
        consistent,
        home: home_units(&home, |col| values.get(col).copied().unwrap_or(0.0)),
    })
}

#[cfg(feature = "highs")]
enum OptionValue {
    F(f64),
    I(i32),
}

#[cfg(not(feature = "highs"))]
fn solve_highs(_: Formulation, _: &SolveOptions) -> Result<RawSolution, Error> {
    Err(Error::BackendUnavailable {
        backend: "highs",
        feature: "highs",
    })
}

#[cfg(feature = "microlp")]
fn solve_microlp(f: Formulation, options: &SolveOptions) -> Result<RawSolution, Error> {
    use good_lp::{
        ResolutionError, Solution, SolutionStatus, SolverModel, WithInitialSolution, WithMipGap,
        WithTimeLimit,
    };

    let Formulation {
        vars,
        constraints,
        objective,
        x,
        start,
        has_start,
        columns,
        costs,
        home,
        ..
    } = f;
    let mut problem = vars.minimise(objective).using(good_lp::microlp);
    for c in constraints {
        problem.add_constraint(c);
    }
    if has_start {
        problem = problem.with_initial_solution(columns.iter().copied().zip(start.iter().copied()));
    }
    if let Some(t) = options.time_limit {
        problem = problem.with_time_limit(t);
    }
    problem = problem
        .with_mip_gap(options.relative_gap as f32)
        .map_err(|e| Error::InvalidOptions {
            options: "solve",
            option: "relative_gap",
            message: e.to_string(),
        })?;
    match problem.solve() {
        Ok(sol) => {
            let values: Vec<f64> = columns.iter().map(|&v| sol.value(v)).collect();
            let objective: f64 = values.iter().zip(&costs).map(|(v, c)| v * c).sum();
            let optimal = matches!(sol.status(), SolutionStatus::Optimal);
            Ok(RawSolution {
                outcome: if optimal {
                    Outcome::Optimal
                } else {
                    Outcome::Feasible
                },
                objective: Some(objective),
                // microlp proves optimality within the gap but does not report a bound.
                dual_bound: None,
                gap: None,
                chosen: chosen(&x, |col| values.get(col).copied().unwrap_or(0.0)),
                consistent: true,
                home: home_units(&home, |col| values.get(col).copied().unwrap_or(0.0)),
            })
        }
        Err(ResolutionError::Other(msg)) if msg.contains("Time limit") => {
            Ok(RawSolution::none(Outcome::NoSolution, None))
        }
        Err(ResolutionError::Infeasible) => Err(Error::Infeasible { backend: "microlp" }),
        Err(e) => Err(Error::Solver {
            backend: "microlp",
            reason: e.to_string(),
        }),
    }
}

#[cfg(not(feature = "microlp"))]
fn solve_microlp(_: Formulation, _: &SolveOptions) -> Result<RawSolution, Error> {
    Err(Error::BackendUnavailable {
        backend: "microlp",
        feature: "microlp",
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// On Instance 2 from a roster blind to cover and requests, the
    /// improvement of the largest models' route lowers the checker's cost,
    /// with the best responses (which take the whole time there) and with
    /// the groups alone, and every roster it leaves the checker accepts.
    #[test]
    fn the_largest_models_improvement_lowers_the_checked_cost() {
        let s = lns::tests::benchmark(2);
        let p = Prepared::new(&s);
        let blind = warm::blind_start(&s);
        let before = start_cost(&p, &blind).expect("a feasible start");
        // HiGHS's own choice of threads, as the groups' own test.
        let options = SolveOptions::default();
        let f = Formulation::build(&p);
        let net = colgen::Network::lent(&p, &f).expect("supported");
        for respond in [true, false] {
            let mut start = blind.clone();
            let until = Instant::now() + Duration::from_secs(4);
            improve_large(&p, respond.then_some(&net), &mut start, &options, until);
            let after = start_cost(&p, &start);
            assert!(
                after.is_some_and(|a| a < before - 1.0),
                "responses {respond}: {before} -> {after:?}"
            );
        }
    }
}
