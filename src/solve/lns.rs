//! Large-neighbourhood search over windows of dates: the primal side of
//! large solves.
//!
//! On rostering models beyond a few thousand assignments HiGHS proves good
//! bounds but finds poor rosters in a minute (BENCHMARKS.md). A window of
//! consecutive dates, all workers free inside it and every assignment outside
//! it fixed to the incumbent, is a small MIP that HiGHS solves to optimality
//! in a second or two; every hard rule stays in the model, so whatever it
//! returns is feasible for the whole horizon, and with the incumbent as its
//! start it can only improve. Windows are placed at random (seeded), and
//! their length adapts: it grows after a window solved to optimality well
//! within its share of time, and shrinks after one that ran out of time;
//! below the shortest window, a shrinking share of the workers is free in
//! it (a large factory's two dates are already too many). On horizons of
//! at most six weeks half the windows are two separate runs of dates of
//! half the length each ([`window_dates`]), so that work can move between
//! dates far apart; on those of two weeks or more, a third of them are the
//! same days of every week instead ([`weekdays`]), which weekly patterns tie
//! together.
//! Windows of dates alternate with groups of workers over the whole
//! horizon.
//!
//! A neighbourhood is built as a model of its own
//! (`Prepared::restricted`): the free assignments and the incumbent's
//! fixed ones, without the assignments fixed to 0, so HiGHS's presolve does
//! not walk the whole model for every window.
//!
//! **Threads.** With `threads` above 1 the search runs that many searchers
//! on OS threads of their own (HiGHS choosing its threads there: on these
//! small models it works on one), each adapting its own sizes, around one
//! shared incumbent. A
//! searcher whose neighbourhood improved the incumbent it started from
//! replaces the incumbent if no other searcher changed it meanwhile;
//! otherwise its free part is laid over the new incumbent and the result is
//! kept if the independent checker accepts it and its cost is lower, or
//! else the neighbourhood's own whole roster if it beats the new incumbent
//! ([`Shared::offer`]). Which searcher finishes first depends on the
//! machine, so a parallel search is not deterministic (DESIGN.md, "Why is a
//! timed solve not deterministic for its seed?"); with one thread the search
//! is the sequential one, seed for seed.
//! When it runs and its time shares: `policy`.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Instant;

use chrono::Datelike;

use super::policy::{
    late_stop, DOUBLE_BELOW_SHARE, GROW_BELOW_SHARE, SEARCH_STOP_SECONDS, TWO_WINDOWS_MAX_DAYS,
    TWO_WINDOWS_SHARE, WEEKDAYS_MIN_DAYS, WEEKDAYS_SHARE, WINDOW_MIN_SECONDS, WINDOW_SHARE,
};
use super::{solve_highs, start_cost, RawSolution, SolveOptions};
use crate::error::Error;
use crate::formulation::Formulation;
use crate::prepare::Prepared;
use crate::report::Outcome;
use crate::rng::SplitMix64;

/// The shortest window of dates.
const MIN_WINDOW: usize = 2;

/// The dates free in a window neighbourhood of `len` dates out of `days`:
/// one run of `len` consecutive dates, or, when `split` and the horizon has
/// room for it (at least twice `len`, and `len` at least twice
/// [`MIN_WINDOW`]), two runs of ⌈`len`/2⌉ dates that do not overlap, placed
/// at random; the second range is empty when there is one.
fn window_dates(rng: &mut SplitMix64, days: usize, len: usize, split: bool) -> [Range<usize>; 2] {
    let half = len.div_ceil(2);
    if split && len >= 2 * MIN_WINDOW && days >= 2 * len {
        let a = rng.below(days - half + 1);
        // Starts of a second run that ends before `a` or begins after the
        // first run: at least `days − 3·half + 2 > 0` of them.
        let before = (a + 1).saturating_sub(half);
        let after = (days + 1).saturating_sub(a + 2 * half);
        let k = rng.below(before + after);
        let b = if k < before {
            k
        } else {
            a + half + (k - before)
        };
        [a..a + half, b..b + half]
    } else {
        let first = rng.below(days - len + 1);
        [first..first + len, 0..0]
    }
}

/// The days of the week free in a neighbourhood of about `len` dates that
/// takes the same days of every week of a `days`-date horizon: ⌈`len` /
/// weeks⌉ different days (at least one, at most six), drawn at random;
/// index 0 is Monday.
fn weekdays(rng: &mut SplitMix64, days: usize, len: usize) -> [bool; 7] {
    let k = len.div_ceil(days.div_ceil(7).max(1)).clamp(1, 6);
    let mut free = [false; 7];
    let mut n = 0;
    while n < k {
        let d = rng.below(7);
        if !free[d] {
            free[d] = true;
            n += 1;
        }
    }
    free
}

/// How often the relaying thread looks whether the searchers have ended.
const RELAY_POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// What the search did.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Search {
    /// Windows solved.
    pub windows: usize,
    /// Windows that improved the incumbent.
    pub improved: usize,
    /// Of those, windows laid over an incumbent another searcher had
    /// changed meanwhile.
    pub merged: usize,
    /// The decomposition's lower bound (without the model's constant),
    /// when it ran and gave one.
    pub bound: Option<f64>,
}

/// Improves `best` (consistent, with an objective; `full_offset` the whole
/// model's constant) until `deadline`; `production`: a large production
/// model, whose easy neighbourhoods double ([`DOUBLE_BELOW_SHARE`]);
/// `improved` is called on this thread with each better objective (without
/// the model's constant) as it is accepted, in order. `options.threads`
/// searchers run at once (the machine's parallelism when unset).
#[allow(clippy::too_many_arguments)]
pub(super) fn improve(
    p: &Prepared<'_>,
    best: &mut RawSolution,
    options: &SolveOptions,
    full_offset: f64,
    production: bool,
    decomposition: Option<Decompose>,
    deadline: Instant,
    improved: &mut dyn FnMut(f64),
) -> Search {
    let total = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    let ctx = Context::new(p, options, full_offset, production, deadline, total);
    let ctx = Context {
        decomposition,
        ..ctx
    };
    let mut none = |_: &RawSolution, _: Option<f64>| {};
    let mut search = ctx.pool(best, None, &mut none, improved).1;
    search.bound = ctx.found_bound();
    search
}

/// The decomposition by worker as the search's first step
/// (`policy::DECOMPOSITION_SHARE`): its time for the column generation,
/// then for the dive and the master MIP.
#[derive(Debug, Clone, Copy)]
pub(super) struct Decompose {
    pub(super) lp_seconds: f64,
    pub(super) integer_seconds: f64,
    /// For best responses worker by worker on the incumbent, before the
    /// column generation (`policy::RESPONSE_SHARE`).
    pub(super) respond_seconds: f64,
}

/// The main solve, run beside the searchers ([`beside`]).
pub(super) type MainSolve<'f> = Box<dyn FnOnce() -> Result<RawSolution, Error> + Send + 'f>;

/// Runs `main` (the main solve) on a thread of its own
/// while the other `options.threads − 1` searchers improve `best` (the
/// checked start, with its objective) until `deadline`. When `main` returns,
/// `on_main` hears its result and the best objective the searchers have
/// reached; its roster is offered as a whole; unless it proved its gap, a
/// searcher takes its thread. `search_seconds`: the time the search would
/// have had after a main solve in turn (it sets the neighbourhoods' time).
/// Returns the main solve's result (its roster, bound and outcome as
/// HiGHS gave them) and what the search did; `best` holds the best roster.
#[allow(clippy::too_many_arguments)]
pub(super) fn beside(
    p: &Prepared<'_>,
    best: &mut RawSolution,
    options: &SolveOptions,
    full_offset: f64,
    deadline: Instant,
    search_seconds: f64,
    decomposition: Option<Decompose>,
    main: MainSolve<'_>,
    on_main: &mut dyn FnMut(&RawSolution, Option<f64>),
    improved: &mut dyn FnMut(f64),
) -> (Result<RawSolution, Error>, Search) {
    let ctx = Context::new(p, options, full_offset, false, deadline, search_seconds);
    let ctx = Context {
        decomposition,
        ..ctx
    };
    let (main, mut search) = ctx.pool(best, Some(main), on_main, improved);
    search.bound = ctx.found_bound();
    (
        main.unwrap_or_else(|| {
            Err(Error::Solver {
                backend: "highs",
                reason: "the main solve's thread ended without a result".into(),
            })
        }),
        search,
    )
}

/// The number of searchers for `options`: its threads, or the machine's
/// parallelism.
pub(super) fn searchers(options: &SolveOptions) -> usize {
    options.threads.unwrap_or_else(super::max_threads).max(1) as usize
}

/// A message from a thread of the pool to the relaying one.
enum Msg {
    Improved(f64),
    Main(Result<RawSolution, Error>),
}

/// What every searcher reads.
struct Context<'p, 'a> {
    p: &'p Prepared<'a>,
    options: &'p SolveOptions,
    full_offset: f64,
    production: bool,
    deadline: Instant,
    /// Set when the main solve beside the search proved its gap.
    stop: AtomicBool,
    /// A neighbourhood's time.
    slice: f64,
    /// The decomposition to run first, by the first searcher to start.
    decomposition: Option<Decompose>,
    /// Set by the searcher that takes the decomposition.
    decomposition_taken: AtomicBool,
    /// The decomposition's lower bound, without the model's constant.
    bound: Mutex<Option<f64>>,
}

/// The incumbent the searchers share.
struct Shared {
    /// Objective without the model's constant.
    objective: Option<f64>,
    chosen: Vec<usize>,
    home: Vec<f64>,
    /// Changes accepted so far.
    version: u64,
}

/// A neighbourhood's roster, as found.
struct Found {
    /// Objective without the whole model's constant.
    objective: f64,
    chosen: Vec<usize>,
    home: Vec<f64>,
}

/// How an offered roster ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Offer {
    Rejected,
    Accepted,
    Merged,
}

impl Shared {
    /// Takes the main solve's roster if it is consistent and better than the
    /// incumbent.
    fn replace(&mut self, raw: &RawSolution) {
        let better = match (raw.consistent, raw.objective, self.objective) {
            (true, Some(o), Some(b)) => crate::tolerance::better(o, b),
            (true, Some(_), None) => true,
            _ => false,
        };
        if better {
            self.objective = raw.objective;
            self.chosen = raw.chosen.clone();
            self.home = raw.home.clone();
            self.version += 1;
        }
    }

    /// Offers `found`, solved with every candidate outside `free` fixed as
    /// in the incumbent of version `base` (objective `base_objective`).
    /// Accepted as is when the incumbent is still that one and `found` is
    /// better. When another searcher changed it meanwhile, `found`'s free
    /// part is laid over the current incumbent (models without home work
    /// only) and kept if the checker accepts the whole roster and its cost
    /// is lower; failing that, `found` itself (a whole roster, feasible as
    /// solved) replaces the incumbent if it is cheaper.
    fn offer(
        &mut self,
        ctx: &Context<'_, '_>,
        found: Found,
        free: &[bool],
        base: u64,
        base_objective: Option<f64>,
    ) -> Offer {
        let better =
            |o: f64, than: Option<f64>| than.is_none_or(|b| crate::tolerance::better(o, b));
        if !better(found.objective, base_objective) {
            return Offer::Rejected;
        }
        if self.version == base {
            self.objective = Some(found.objective);
            self.chosen = found.chosen;
            self.home = found.home;
            self.version += 1;
            return Offer::Accepted;
        }
        // Another searcher changed the incumbent meanwhile: the free part
        // laid over the current incumbent, if the checker accepts it.
        let merged = if self.home.is_empty() && found.home.is_empty() {
            let mut chosen: Vec<usize> =
                self.chosen.iter().copied().filter(|&c| !free[c]).collect();
            chosen.extend(found.chosen.iter().copied().filter(|&c| free[c]));
            chosen.sort_unstable();
            let assignments = crate::report::roster(ctx.p, &chosen).assignments;
            start_cost(ctx.p, &assignments).map(|cost| (cost - ctx.full_offset, chosen))
        } else {
            None
        };
        match merged {
            Some((objective, chosen))
                if better(objective, self.objective) && objective <= found.objective =>
            {
                self.objective = Some(objective);
                self.chosen = chosen;
                self.version += 1;
                Offer::Merged
            }
            // `found` is a whole roster of its own (its sub-model kept every
            // hard rule around the older incumbent): kept as it is when it
            // still beats the current one and the merge does not.
            _ if better(found.objective, self.objective) => {
                self.objective = Some(found.objective);
                self.chosen = found.chosen;
                self.home = found.home;
                self.version += 1;
                Offer::Accepted
            }
            _ => Offer::Rejected,
        }
    }
}

impl<'p, 'a> Context<'p, 'a> {
    fn new(
        p: &'p Prepared<'a>,
        options: &'p SolveOptions,
        full_offset: f64,
        production: bool,
        deadline: Instant,
        search_seconds: f64,
    ) -> Self {
        Self {
            p,
            options,
            full_offset,
            production,
            deadline,
            stop: AtomicBool::new(false),
            // Each window gets a share of the search, at least a few seconds.
            slice: (search_seconds * WINDOW_SHARE).max(WINDOW_MIN_SECONDS),
            decomposition: None,
            decomposition_taken: AtomicBool::new(false),
            bound: Mutex::new(None),
        }
    }

    /// The decomposition's bound, once it has run.
    fn found_bound(&self) -> Option<f64> {
        *self.bound.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// True when the incumbent is within the relative gap of the
    /// decomposition's bound: nothing left to search for.
    fn at_bound(&self, shared: &Mutex<Shared>) -> bool {
        let Some(bound) = self.found_bound() else {
            return false;
        };
        let objective = shared.lock().unwrap_or_else(|e| e.into_inner()).objective;
        objective.is_some_and(|o| {
            let (o, b) = (o + self.full_offset, bound + self.full_offset);
            o - b <= crate::tolerance::EPS * o.abs().max(1.0)
                || super::relative_gap(o, b) <= self.options.relative_gap
        })
    }

    /// Best responses worker by worker (`colgen::respond`) on the
    /// incumbent for at most `seconds`: the result, priced by the checker,
    /// replaces the incumbent when cheaper. Returns true when it did.
    fn respond(
        &self,
        net: &super::colgen::Network<'_>,
        seconds: f64,
        shared: &Mutex<Shared>,
        improved: &mut dyn FnMut(f64),
    ) -> bool {
        let Some(until) = std::time::Duration::try_from_secs_f64(seconds)
            .ok()
            .and_then(|d| Instant::now().checked_add(d))
            .map(|u| u.min(self.deadline))
        else {
            return false;
        };
        let chosen = {
            let s = shared.lock().unwrap_or_else(|e| e.into_inner());
            if s.objective.is_none() || !s.home.is_empty() {
                return false;
            }
            s.chosen.clone()
        };
        let (chosen, done) =
            super::colgen::respond(self.p, net, &chosen, self.options.seed, true, false, until);
        if done.changes == 0 && done.rebuilds_kept == 0 {
            return false;
        }
        let assignments = crate::report::roster(self.p, &chosen).assignments;
        self.take(&assignments, chosen, shared, improved)
    }

    /// Offers a whole roster (its `assignments`, and their candidates
    /// `chosen`) found outside the neighbourhoods: priced by the checker,
    /// it replaces the incumbent when feasible and cheaper. Returns true
    /// when it did.
    fn take(
        &self,
        assignments: &[crate::report::Assignment],
        chosen: Vec<usize>,
        shared: &Mutex<Shared>,
        improved: &mut dyn FnMut(f64),
    ) -> bool {
        let Some(cost) = start_cost(self.p, assignments) else {
            return false;
        };
        let raw = RawSolution {
            outcome: Outcome::Feasible,
            objective: Some(cost - self.full_offset),
            dual_bound: None,
            gap: None,
            chosen,
            consistent: true,
            home: Vec::new(),
        };
        let mut s = shared.lock().unwrap_or_else(|e| e.into_inner());
        let version = s.version;
        s.replace(&raw);
        if s.version == version {
            return false;
        }
        if let Some(o) = s.objective {
            improved(o);
        }
        true
    }

    /// The decomposition by worker (`colgen`), within its time: its bound
    /// is kept, and its roster, priced by the checker, replaces the
    /// incumbent when cheaper. Returns true when it did.
    fn decompose(
        &self,
        net: &super::colgen::Network<'_>,
        d: Decompose,
        shared: &Mutex<Shared>,
        threads: Option<u32>,
        improved: &mut dyn FnMut(f64),
    ) -> bool {
        let left = self
            .deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        // Half of what is left at most, so that the search still runs.
        let lp_seconds = d.lp_seconds.min(left / 2.0);
        let integer_seconds = d.integer_seconds.min(left / 2.0 - lp_seconds);
        if lp_seconds <= 0.0 || integer_seconds <= 0.0 {
            return false;
        }
        let options = crate::DecompositionOptions {
            time_limit: Some(lp_seconds),
            integer_seconds: Some(integer_seconds),
            threads,
            seed: self.options.seed,
            ..Default::default()
        };
        let Ok(found) = super::colgen::decompose_within(self.p, net, &options) else {
            return false;
        };
        // The roster's bound is the LP's rounded up when every weight is
        // whole.
        let bound = found
            .plan
            .as_ref()
            .and_then(|plan| plan.status.dual_bound)
            .or(found.lower_bound);
        if let Some(b) = bound.filter(|b| b.is_finite()) {
            *self.bound.lock().unwrap_or_else(|e| e.into_inner()) = Some(b - self.full_offset);
        }
        let Some(plan) = found.plan else {
            return false;
        };
        let chosen = self.p.candidates_of(&plan.roster.assignments);
        self.take(&plan.roster.assignments, chosen, shared, improved)
    }

    /// The search around `best`, with `main` beside it when given (see
    /// [`beside`]); this thread relays.
    fn pool(
        &self,
        best: &mut RawSolution,
        main: Option<MainSolve<'_>>,
        on_main: &mut dyn FnMut(&RawSolution, Option<f64>),
        improved: &mut dyn FnMut(f64),
    ) -> (Option<Result<RawSolution, Error>>, Search) {
        let shared = Mutex::new(Shared {
            objective: best.objective,
            chosen: std::mem::take(&mut best.chosen),
            home: std::mem::take(&mut best.home),
            version: 0,
        });
        let searchers = searchers(self.options);
        let mut main_result = None;
        let mut search = Search::default();
        if self.p.dates.len() < 2 && main.is_none() {
            // No window of two dates fits; nothing to search.
        } else if searchers == 1 && main.is_none() {
            // The sequential search, on this thread and its HiGHS threads.
            search = self.run(0, &shared, self.options.threads, improved);
        } else {
            // Each searcher on an OS thread of its own (HiGHS keeps one
            // thread pool per OS thread); this
            // thread relays their improvements to the caller, in the order
            // accepted.
            let (tx, rx) = mpsc::channel::<Msg>();
            search = std::thread::scope(|scope| {
                let spawn = |index: usize| {
                    let tx = tx.clone();
                    let shared = &shared;
                    scope.spawn(move || {
                        if self.p.dates.len() < 2 {
                            return Search::default();
                        }
                        // HiGHS's own choice of threads: a new OS thread
                        // whose first call sets a start sizes HiGHS's
                        // scheduler by default, and a later explicit value
                        // that differs is refused (SOLVER-NOTES).
                        self.run(index, shared, None, &mut |o| {
                            // The receiver lives until every thread ends.
                            let _ = tx.send(Msg::Improved(o));
                        })
                    })
                };
                let beside = main.is_some();
                let mut handles: Vec<_> = (usize::from(beside)..searchers).map(spawn).collect();
                if let Some(main) = main {
                    let tx = tx.clone();
                    scope.spawn(move || {
                        // A panic would leave the relay waiting for a result
                        // that never comes: it becomes an error instead.
                        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(main))
                            .unwrap_or_else(|_| {
                                Err(Error::Solver {
                                    backend: "highs",
                                    reason: "the main solve panicked".into(),
                                })
                            });
                        let _ = tx.send(Msg::Main(result));
                    });
                }
                // What the caller last heard: an improvement queued behind
                // a better main solve is not news.
                let mut reported: Option<f64> = best.objective;
                let news = |o: f64, reported: Option<f64>| reported.is_none_or(|r| o < r);
                loop {
                    let msg = match rx.recv_timeout(RELAY_POLL) {
                        Ok(msg) => Some(msg),
                        Err(mpsc::RecvTimeoutError::Timeout) => None,
                        Err(mpsc::RecvTimeoutError::Disconnected) => break,
                    };
                    match msg {
                        Some(Msg::Improved(o)) if news(o, reported) => {
                            reported = Some(o);
                            improved(o);
                        }
                        Some(Msg::Improved(_)) | None => {}
                        Some(Msg::Main(result)) => {
                            let mut s = shared.lock().unwrap_or_else(|e| e.into_inner());
                            let mut proven = false;
                            if let Ok(raw) = &result {
                                s.replace(raw);
                                on_main(raw, s.objective);
                                reported = s.objective;
                                proven = raw.gap.is_some_and(|g| g <= self.options.relative_gap);
                            }
                            drop(s);
                            main_result = Some(result);
                            if proven {
                                self.stop.store(true, Ordering::Relaxed);
                            } else {
                                // The main solve's thread takes a searcher.
                                handles.push(spawn(searchers));
                            }
                        }
                    }
                    let main_done = !beside || main_result.is_some();
                    if main_done && handles.iter().all(|h| h.is_finished()) {
                        // Every searcher has ended: relay what they sent last.
                        for msg in rx.try_iter() {
                            if let Msg::Improved(o) = msg {
                                if news(o, reported) {
                                    reported = Some(o);
                                    improved(o);
                                }
                            }
                        }
                        break;
                    }
                }
                drop(tx);
                handles.into_iter().fold(Search::default(), |sum, h| {
                    // A searcher that panicked lost its own windows only.
                    let s = h.join().unwrap_or_default();
                    Search {
                        windows: sum.windows + s.windows,
                        improved: sum.improved + s.improved,
                        merged: sum.merged + s.merged,
                        bound: None,
                    }
                })
            });
        }
        let shared = shared.into_inner().unwrap_or_else(|e| e.into_inner());
        best.objective = shared.objective;
        best.chosen = shared.chosen;
        best.home = shared.home;
        (main_result, search)
    }

    /// One searcher: neighbourhoods of its own sizes (its own random
    /// stream, `index` 0 being the sequential search's) until the deadline;
    /// sub-solves with `threads` HiGHS threads; `improved` on each accepted
    /// objective.
    fn run(
        &self,
        index: usize,
        shared: &Mutex<Shared>,
        threads: Option<u32>,
        improved: &mut dyn FnMut(f64),
    ) -> Search {
        let p = self.p;
        let days = p.dates.len();
        let workers = p.s.workers.len();
        let mut search = Search::default();
        let mut rng = SplitMix64(
            0x5EED_0000_0000_0000 ^ u64::from(self.options.seed) ^ ((index as u64) << 32),
        );
        // Neighbourhood sizes, adapted separately: dates in a window, workers
        // in a group.
        let mut len = (days / 4).clamp(MIN_WINDOW, 7);
        // Share of the workers free in a window of the shortest length.
        let mut share = 1.0_f64;
        let mut group = (workers / 6).clamp(1, 8);
        let weekday: Vec<usize> = p
            .dates
            .iter()
            .map(|d| d.weekday().num_days_from_monday() as usize)
            .collect();
        if let Some(d) = self.decomposition {
            if !self.decomposition_taken.swap(true, Ordering::Relaxed) {
                // Both price with one network, built once (none where the
                // pricing does not model the scenario exactly).
                if let Ok(net) = super::colgen::Network::new(p) {
                    if self.respond(&net, d.respond_seconds, shared, improved) {
                        search.improved += 1;
                    }
                    if self.decompose(&net, d, shared, threads, improved) {
                        search.improved += 1;
                    }
                }
            }
        }
        loop {
            let left = self
                .deadline
                .saturating_duration_since(Instant::now())
                .as_secs_f64();
            if left < SEARCH_STOP_SECONDS || self.stop.load(Ordering::Relaxed) {
                break;
            }
            if self.at_bound(shared) {
                // Proven by the decomposition's bound: every searcher stops.
                self.stop.store(true, Ordering::Relaxed);
                break;
            }
            // Alternate: a window of dates for everyone, then a group of
            // workers over the whole horizon.
            let by_dates = search.windows % 2 == 0 || workers < 2;
            let free: Vec<bool> = if by_dates {
                // Longer horizons draw nothing here: their stream is the
                // one before two runs existed.
                let split = days <= TWO_WINDOWS_MAX_DAYS && rng.unit() < TWO_WINDOWS_SHARE;
                let [one, two] = window_dates(&mut rng, days, len, split);
                // Or, on horizons of two weeks to six, the same days of
                // every week (drawn only there, like the two runs; the
                // runs above are drawn either way, which keeps the random
                // stream the measurement used).
                let week = (WEEKDAYS_MIN_DAYS..=TWO_WINDOWS_MAX_DAYS).contains(&days)
                    && rng.unit() < WEEKDAYS_SHARE;
                let week = week.then(|| weekdays(&mut rng, days, len));
                // Below the shortest window, a share of the workers.
                let inside: Vec<bool> = (0..workers)
                    .map(|_| share >= 1.0 || rng.unit() < share)
                    .collect();
                p.cands
                    .iter()
                    .map(|c| {
                        let day = p.occs[c.occ].day;
                        let on = match &week {
                            Some(free) => free[weekday[day]],
                            None => one.contains(&day) || two.contains(&day),
                        };
                        on && inside[c.worker]
                    })
                    .collect()
            } else {
                let mut chosen = vec![false; workers];
                for _ in 0..group.min(workers) {
                    chosen[rng.below(workers)] = true;
                }
                p.cands.iter().map(|c| chosen[c.worker]).collect()
            };
            let (base, base_objective, on) = {
                let s = shared.lock().unwrap_or_else(|e| e.into_inner());
                let mut on = vec![false; p.cands.len()];
                for &c in &s.chosen {
                    on[c] = true;
                }
                (s.version, s.objective, on)
            };
            search.windows += 1;
            let t0 = Instant::now();
            let Some((found, outcome, limit)) = self.neighbourhood(&free, &on, left, threads)
            else {
                continue;
            };
            let took = t0.elapsed().as_secs_f64();
            if let Some(found) = found {
                let mut s = shared.lock().unwrap_or_else(|e| e.into_inner());
                let offer = s.offer(self, found, &free, base, base_objective);
                if offer != Offer::Rejected {
                    search.improved += 1;
                    search.merged += usize::from(offer == Offer::Merged);
                    if let Some(o) = s.objective {
                        improved(o);
                    }
                }
            }
            let easy = outcome == Outcome::Optimal && took < GROW_BELOW_SHARE * limit;
            let hard = outcome != Outcome::Optimal;
            if by_dates && len == MIN_WINDOW && (share < 1.0 || hard) {
                // The shortest window for everyone is too much (a large
                // factory): free a share of the workers in it instead.
                if easy {
                    share = (share * 1.25).min(1.0);
                } else if hard {
                    share = (share * 0.75).max(1.0 / workers as f64);
                }
            } else {
                let size = if by_dates { &mut len } else { &mut group };
                let most = if by_dates { days } else { workers };
                if easy && self.production && took < DOUBLE_BELOW_SHARE * limit {
                    *size = (*size * 2).min(most);
                } else if easy {
                    *size = (*size + size.div_ceil(4)).min(most);
                } else if hard {
                    *size = (*size * 3 / 4).max(if by_dates { MIN_WINDOW } else { 1 });
                }
            }
        }
        search
    }

    /// Solves the neighbourhood `free` around the incumbent `on` with at
    /// most `left` seconds: its roster when it has one (objective on the
    /// whole model's scale), the outcome and the limit it was given; `None`
    /// when HiGHS failed.
    fn neighbourhood(
        &self,
        free: &[bool],
        on: &[bool],
        left: f64,
        threads: Option<u32>,
    ) -> Option<(Option<Found>, Outcome, f64)> {
        let p = self.p;
        // The sub-model holds the free assignments and the incumbent's
        // fixed ones (bounds 1 = 1); every other assignment is fixed to 0,
        // so it is simply left out.
        let keep: Vec<usize> = (0..p.cands.len()).filter(|&c| free[c] || on[c]).collect();
        let sub_p = p.restricted(&keep);
        let mut f = Formulation::build(&sub_p);
        let one: Vec<usize> = keep
            .iter()
            .enumerate()
            .filter(|&(_, &c)| !free[c])
            .map(|(i, _)| f.x[i])
            .collect();
        f.fix(&[], &one);
        let start: Vec<usize> = keep
            .iter()
            .enumerate()
            .filter(|&(_, &c)| on[c])
            .map(|(i, _)| i)
            .collect();
        f.start_from(&start);
        // Constants the sub-model keeps apart from the whole model's (a
        // stock level with no column left is a constant in the offset).
        let shift = f.offset - self.full_offset;
        let limit = self.slice.min(left - late_stop(f.columns.len(), left));
        let sub = SolveOptions {
            time_limit: Some(limit),
            relative_gap: 0.0,
            max_nodes: None,
            threads,
            ..self.options.clone()
        };
        let found = solve_highs(f, &sub).ok()?;
        let roster = match (found.consistent, found.objective) {
            (true, Some(o)) => Some(Found {
                objective: o + shift,
                chosen: found.chosen.iter().map(|&i| keep[i]).collect(),
                home: found.home,
            }),
            _ => None,
        };
        Some((roster, found.outcome, limit))
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::time::Duration;

    use super::*;
    use crate::formats::NrpInstance;

    #[test]
    fn windows_improve_a_cover_blind_roster_and_the_checker_agrees() {
        for threads in [1, 2] {
            windows_improve(threads);
        }
    }

    fn windows_improve(threads: u32) {
        let s = benchmark(3);
        let p = Prepared::new(&s);
        if threads == 1 {
            // As in a solve, the main solve sizes HiGHS's scheduler on this
            // thread before the sequential search uses the same value.
            let whole = SolveOptions {
                threads: Some(1),
                max_nodes: Some(1),
                ..SolveOptions::default()
            };
            solve_highs(Formulation::build(&p), &whole).unwrap();
        }
        let start = crate::solve::warm::blind_start(&s);
        let mut best = RawSolution {
            outcome: Outcome::Feasible,
            objective: None,
            dual_bound: None,
            gap: None,
            chosen: p.candidates_of(&start),
            home: Vec::new(),
            consistent: true,
        };
        let before = crate::check::check(&s, &crate::report::roster(&p, &best.chosen));
        assert!(before.is_feasible(), "{:?}", before.violations);
        let options = SolveOptions {
            threads: Some(threads),
            ..SolveOptions::default()
        };
        let offset = Formulation::build(&p).offset;
        let mut reported: Vec<f64> = Vec::new();
        let search = improve(
            &p,
            &mut best,
            &options,
            offset,
            false,
            None,
            Instant::now() + Duration::from_secs(5),
            &mut |o| {
                // Reported in the order accepted: each one better.
                assert!(
                    reported.last().is_none_or(|&b| o < b),
                    "{o} after {reported:?}"
                );
                reported.push(o);
            },
        );
        assert!(search.improved > 0 && search.windows >= search.improved);
        assert_eq!(reported.len(), search.improved, "threads {threads}");
        assert_eq!(best.objective, reported.last().copied());
        // Whatever the search returns keeps every hard rule, and its
        // objective (plus the model's constant) is the checker's penalty.
        let after = crate::check::check(&s, &crate::report::roster(&p, &best.chosen));
        assert!(after.is_feasible(), "{:?}", after.violations);
        let objective = best.objective.expect("an improved objective") + offset;
        assert!(
            (objective - after.cost.objective).abs() < 1e-6,
            "{objective} vs {}",
            after.cost.objective
        );
        assert!(after.cost.objective < before.cost.objective);
    }

    /// Curtois and Qu instance `n` from the test data.
    pub(in crate::solve) fn benchmark(n: u32) -> crate::Scenario {
        let path = format!(
            "{}/tests/data/nrp/Instance{n}.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        NrpInstance::from_file(path)
            .unwrap()
            .to_scenario(&format!("Instance{n}"))
    }

    /// One thread, after a one-node solve of `p`: as in a solve, the main
    /// solve sizes HiGHS's scheduler on this thread before the sequential
    /// search uses the same value.
    fn one_thread_as_in_a_solve(p: &Prepared<'_>) -> SolveOptions {
        let options = SolveOptions {
            threads: Some(1),
            ..SolveOptions::default()
        };
        let whole = SolveOptions {
            max_nodes: Some(1),
            ..options.clone()
        };
        solve_highs(Formulation::build(p), &whole).unwrap();
        options
    }

    #[test]
    fn best_responses_first_improve_the_incumbent_and_the_checker_agrees() {
        // Instance 3 from a roster blind to cover and requests: the first
        // roster the search reports is the responses' (no column
        // generation: its time is zero), cheaper than the start, and the
        // roster it ends with is the one the checker prices.
        let s = benchmark(3);
        let p = Prepared::new(&s);
        let options = one_thread_as_in_a_solve(&p);
        let (mut best, offset) = checked_blind_start(&s, &p);
        let start = best.objective.expect("a checked start") + offset;
        let mut reported: Vec<f64> = Vec::new();
        let search = improve(
            &p,
            &mut best,
            &options,
            offset,
            false,
            Some(Decompose {
                lp_seconds: 0.0,
                integer_seconds: 0.0,
                respond_seconds: 1.0,
            }),
            Instant::now() + Duration::from_secs_f64(3.0),
            &mut |o| reported.push(o),
        );
        let first = reported.first().copied().expect("a better roster") + offset;
        assert!(first < start - 1.0, "{start} -> {first}");
        assert!(search.improved >= 1);
        let objective = best.objective.expect("a roster") + offset;
        let after = crate::check::check(&s, &crate::report::roster(&p, &best.chosen));
        assert!(after.is_feasible(), "{:?}", after.violations);
        assert!((after.cost.objective - objective).abs() < 1e-6);
        assert!(objective <= first + 1e-6);
    }

    #[test]
    fn the_decomposition_gives_the_search_its_roster_and_a_bound_that_ends_it() {
        // Instance 2: the decomposition converges in a fraction of a second
        // with its LP bound at the optimum, 828, and its roster there too
        // (BENCHMARKS.md, "Decomposition by worker").
        let s = benchmark(2);
        let p = Prepared::new(&s);
        let options = one_thread_as_in_a_solve(&p);
        let (mut best, offset) = checked_blind_start(&s, &p);
        let mut reported: Vec<f64> = Vec::new();
        let t0 = Instant::now();
        let limit = 120.0;
        let search = improve(
            &p,
            &mut best,
            &options,
            offset,
            false,
            Some(Decompose {
                lp_seconds: 30.0,
                integer_seconds: 30.0,
                respond_seconds: 0.0,
            }),
            Instant::now() + Duration::from_secs_f64(limit),
            &mut |o| reported.push(o),
        );
        let bound = search.bound.expect("the decomposition's bound") + offset;
        assert!((bound - 828.0).abs() < 1e-6, "{bound}");
        // Its roster is the first one the search reports, at the optimum.
        let first = reported.first().copied().expect("a better roster") + offset;
        assert!((first - 828.0).abs() < 1e-6, "{first}");
        let objective = best.objective.expect("a roster") + offset;
        let after = crate::check::check(&s, &crate::report::roster(&p, &best.chosen));
        assert!(after.is_feasible(), "{:?}", after.violations);
        assert!((after.cost.objective - objective).abs() < 1e-6);
        assert!((objective - 828.0).abs() < 1e-6, "{objective}");
        // The roster meets the bound: the search stops there rather than at
        // its deadline.
        assert!(
            t0.elapsed().as_secs_f64() < limit / 2.0,
            "{:?}",
            t0.elapsed()
        );
    }

    #[test]
    fn window_dates_are_one_run_or_two_that_do_not_overlap() {
        let mut rng = SplitMix64(7);
        let mut split_seen = false;
        for days in [2, 7, 13, 28, 42] {
            for len in 2..=days {
                for split in [false, true] {
                    for _ in 0..50 {
                        let [one, two] = window_dates(&mut rng, days, len, split);
                        assert!(one.end <= days && two.end <= days, "{days} {len}");
                        let may_split = split && len >= 2 * MIN_WINDOW && days >= 2 * len;
                        if may_split {
                            split_seen = true;
                            let half = len.div_ceil(2);
                            assert_eq!((one.len(), two.len()), (half, half), "{days} {len}");
                            assert!(
                                one.end <= two.start || two.end <= one.start,
                                "{one:?} and {two:?} overlap"
                            );
                        } else {
                            assert_eq!((one.len(), two.len()), (len, 0), "{days} {len}");
                        }
                    }
                }
            }
        }
        assert!(split_seen);
    }

    #[test]
    fn both_sides_of_the_first_run_take_the_second() {
        // 8 dates, runs of 2: a second run both before and after the
        // first comes up over a few draws.
        let mut rng = SplitMix64(1);
        let (mut before, mut after) = (false, false);
        for _ in 0..200 {
            let [one, two] = window_dates(&mut rng, 8, 4, true);
            before |= two.end <= one.start;
            after |= one.end <= two.start;
        }
        assert!(before && after);
    }

    #[test]
    fn weekdays_take_about_a_windows_dates_and_never_the_whole_week() {
        let mut rng = SplitMix64(7);
        let mut seen = [false; 7];
        for _ in 0..100 {
            // 28 dates (4 weeks): 9 dates → 3 days of the week, 12 → 3.
            for (days, len, k) in [
                (28, 9, 3),
                (28, 12, 3),
                (14, 2, 1),
                (42, 40, 6),
                (28, 28, 6),
            ] {
                let free = weekdays(&mut rng, days, len);
                assert_eq!(
                    free.iter().filter(|&&f| f).count(),
                    k,
                    "{days} dates, {len}"
                );
                for (d, &f) in free.iter().enumerate() {
                    seen[d] |= f;
                }
            }
        }
        assert!(seen.iter().all(|&s| s), "every day of the week comes up");
    }

    fn one_thread() -> SolveOptions {
        SolveOptions {
            threads: Some(1),
            ..SolveOptions::default()
        }
    }

    /// The cover-blind start's candidates and the whole model's constant.
    fn blind(s: &crate::Scenario, p: &Prepared<'_>) -> (Vec<usize>, f64) {
        let start = crate::solve::warm::blind_start(s);
        (p.candidates_of(&start), Formulation::build(p).offset)
    }

    /// A solve's start as the search gets it: the cover-blind roster,
    /// which the checker must accept, with its objective (less the
    /// model's constant), and that constant.
    fn checked_blind_start(s: &crate::Scenario, p: &Prepared<'_>) -> (RawSolution, f64) {
        let start = crate::solve::warm::blind_start(s);
        let chosen = p.candidates_of(&start);
        let offset = Formulation::build(p).offset;
        let before = crate::check::check(s, &crate::report::roster(p, &chosen));
        assert!(before.is_feasible(), "{:?}", before.violations);
        let best = RawSolution {
            outcome: Outcome::Feasible,
            objective: Some(before.cost.objective - offset),
            dual_bound: None,
            gap: None,
            chosen,
            home: Vec::new(),
            consistent: true,
        };
        (best, offset)
    }

    /// A searcher's context for tests: one minute, 10 s neighbourhoods.
    fn context<'p, 'a>(
        p: &'p Prepared<'a>,
        options: &'p SolveOptions,
        full_offset: f64,
    ) -> Context<'p, 'a> {
        Context {
            p,
            options,
            full_offset,
            production: false,
            deadline: Instant::now() + Duration::from_secs(60),
            stop: AtomicBool::new(false),
            slice: 10.0,
            decomposition: None,
            decomposition_taken: AtomicBool::new(false),
            bound: Mutex::new(None),
        }
    }

    /// The checker's objective of `chosen` (less the model's constant),
    /// which must keep every hard rule.
    fn checked(s: &crate::Scenario, p: &Prepared<'_>, chosen: &[usize], full_offset: f64) -> f64 {
        let r = crate::check::check(s, &crate::report::roster(p, chosen));
        assert!(r.is_feasible(), "{:?}", r.violations);
        r.cost.objective - full_offset
    }

    /// Two neighbourhoods solved around the same incumbent: the first is
    /// accepted as is, the second (disjoint) is laid over it, and the
    /// merged roster's objective is the checker's.
    #[test]
    fn a_window_solved_around_an_older_incumbent_is_merged_and_checked() {
        let s = benchmark(3);
        let p = Prepared::new(&s);
        let (chosen, full_offset) = blind(&s, &p);
        let options = one_thread();
        let ctx = context(&p, &options, full_offset);
        let cost = |chosen: &[usize]| checked(&s, &p, chosen, full_offset);
        let base = cost(&chosen);
        let base_objective = Some(base);
        let mut shared = Shared {
            objective: base_objective,
            chosen,
            home: Vec::new(),
            version: 0,
        };
        let mut on = vec![false; p.cands.len()];
        for &c in &shared.chosen {
            on[c] = true;
        }
        // Disjoint in workers and in dates: nothing couples the two
        // neighbourhoods, so their gains add up.
        let (days, workers) = (p.dates.len(), s.workers.len());
        let window = |dates: std::ops::Range<usize>, who: std::ops::Range<usize>| -> Vec<bool> {
            p.cands
                .iter()
                .map(|c| dates.contains(&p.occs[c.occ].day) && who.contains(&c.worker))
                .collect()
        };
        let early = window(0..days / 2, 0..workers / 2);
        let late = window(days / 2..days, workers / 2..workers);
        let solve = |free: &[bool]| {
            let (found, _, _) = ctx.neighbourhood(free, &on, 60.0, None).unwrap();
            found.expect("a roster for the window")
        };
        let (a, b) = (solve(&early), solve(&late));
        assert!(a.objective < base && b.objective < base);
        let (a_objective, b_objective) = (a.objective, b.objective);
        assert_eq!(
            shared.offer(&ctx, a, &early, 0, base_objective),
            Offer::Accepted
        );
        assert_eq!(shared.objective, Some(a_objective));
        // The second window was solved around version 0: it is laid over
        // the first's roster, and kept only as the checker prices it.
        let offer = shared.offer(&ctx, b, &late, 0, base_objective);
        assert_eq!(offer, Offer::Merged);
        let merged = shared.objective.unwrap();
        let sum = base + (a_objective - base) + (b_objective - base);
        assert!(
            (merged - sum).abs() < 1e-6 * sum.abs().max(1.0),
            "{merged} vs {sum}"
        );
        assert!((merged - cost(&shared.chosen)).abs() < 1e-6);
        assert_eq!(shared.version, 2);
        // An offer no better than its own base is refused.
        let again = solve(&early);
        let stale = Some(again.objective);
        assert_eq!(shared.offer(&ctx, again, &early, 2, stale), Offer::Rejected);
    }

    /// A neighbourhood solved around an older incumbent is a whole roster
    /// of its own: when laying its free part over the current incumbent
    /// gives nothing better, it is kept as it is if it beats the current
    /// one (it used to be refused, and the search lost it).
    #[test]
    fn a_stale_window_that_cannot_be_merged_is_kept_whole_when_better() {
        let s = benchmark(3);
        let p = Prepared::new(&s);
        let (chosen, full_offset) = blind(&s, &p);
        let options = one_thread();
        let ctx = context(&p, &options, full_offset);
        let checked = |chosen: &[usize]| checked(&s, &p, chosen, full_offset);
        let base = checked(&chosen);
        let mut on = vec![false; p.cands.len()];
        for &c in &chosen {
            on[c] = true;
        }
        let days = p.dates.len();
        let early: Vec<bool> = p
            .cands
            .iter()
            .map(|c| p.occs[c.occ].day < days / 2)
            .collect();
        let (found, _, _) = ctx.neighbourhood(&early, &on, 60.0, None).unwrap();
        let found = found.expect("a roster for the window");
        assert!(found.objective < base);
        let found_objective = found.objective;
        let found_chosen = found.chosen.clone();
        // Meanwhile another searcher's incumbent (version 1) lost worker 0's
        // shifts outside the window: laid over it, the window's roster
        // breaks a hard rule or costs more than the window's own roster.
        let other: Vec<usize> = chosen
            .iter()
            .copied()
            .filter(|&c| early[c] || p.cands[c].worker != 0)
            .collect();
        let mut shared = Shared {
            objective: Some(found_objective + 1000.0),
            chosen: other,
            home: Vec::new(),
            version: 1,
        };
        let offer = shared.offer(&ctx, found, &early, 0, Some(base));
        assert_eq!(offer, Offer::Accepted);
        assert_eq!(shared.version, 2);
        assert_eq!(shared.chosen, found_chosen);
        let objective = shared.objective.unwrap();
        assert_eq!(objective, found_objective);
        assert!((objective - checked(&shared.chosen)).abs() < 1e-6);
    }

    /// A main solve that panics beside the search ends the solve with an
    /// error naming it (the relay does not wait for it forever), and the
    /// searchers' roster is still checked and returned in `best`.
    #[test]
    fn a_main_solve_that_panics_beside_the_search_is_an_error_not_a_hang() {
        let s = benchmark(3);
        let p = Prepared::new(&s);
        let (mut best, offset) = checked_blind_start(&s, &p);
        // The start's penalty, as the checker priced it.
        let start_penalty = best.objective.expect("a checked start") + offset;
        let options = SolveOptions {
            threads: Some(2),
            ..SolveOptions::default()
        };
        let main: MainSolve<'_> = Box::new(|| panic!("a main solve that fails"));
        let mut heard_main = false;
        let (result, _) = beside(
            &p,
            &mut best,
            &options,
            offset,
            Instant::now() + Duration::from_secs(3),
            3.0,
            None,
            main,
            &mut |_, _| heard_main = true,
            &mut |_| {},
        );
        match result {
            Err(Error::Solver { reason, .. }) => assert!(reason.contains("panicked"), "{reason}"),
            other => panic!(
                "expected the main solve's error, got {:?}",
                other.map(|r| r.objective)
            ),
        }
        assert!(!heard_main, "a failed main solve has no roster to hear");
        let after = crate::check::check(&s, &crate::report::roster(&p, &best.chosen));
        assert!(after.is_feasible(), "{:?}", after.violations);
        let objective = best.objective.expect("the start's objective at least") + offset;
        assert!((objective - after.cost.objective).abs() < 1e-6);
        assert!(after.cost.objective <= start_penalty + 1e-6);
    }
}
