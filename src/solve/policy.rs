//! The search policy: which steps a solve takes, and how the time limit is
//! shared between them. Every share and threshold is a named constant here,
//! with the measurement that chose it (BENCHMARKS.md) or "not measured".
//!
//! A solve is, in order (DESIGN.md, "Solving: the start, the search and the
//! backends"):
//!
//! 1. **start** (`warm`): only when the empty roster breaks a hard rule; a
//!    roster built worker by worker, within [`START_SHARE`] of the limit;
//! 2. **groups** (`improve_large`): only on models above
//!    [`SEARCH_MAX_ASSIGNMENTS`]; for [`GROUP_SHARE`] of what is left (all
//!    of it when the main solve would not fit in the rest), best responses
//!    worker by worker over whole schedules (`colgen::respond`, where the
//!    decomposition's pricing models the scenario) improve the start, exact
//!    while most responses fit their share of the time and narrow after (a
//!    bounded beam), then groups of workers (`warm::groups`) for the rest;
//! 3. **main**: HiGHS on the whole model, from the start if there is one;
//!    it gets what is left, or [`MAIN_SHARE`] of it when a search follows;
//!    with a checked start, it is skipped when that is too little to get
//!    past HiGHS's first phases ([`main_fits`]);
//! 4. **relaxation** (`rens`): only on models with production rows and at
//!    least [`RELAXATION_MIN_ASSIGNMENTS`] assignments whose main solve
//!    stalled (no roster, or a gap above [`RELAXATION_ABOVE_GAP`]); the LP
//!    relaxation, then the integer program over its support, within
//!    [`RELAXATION_SHARE`] of the limit;
//! 5. **search** (`lns`): only on models of [`SEARCH_MIN_ASSIGNMENTS`] +
//!    1 ..= [`SEARCH_MAX_ASSIGNMENTS`] assignments (or more, when they need
//!    no start and so get no groups), when the main solve did
//!    not prove its gap; on rostering models the first searcher begins with
//!    best responses worker by worker on the incumbent ([`RESPONSE_SHARE`]),
//!    then the decomposition by worker ([`DECOMPOSITION_SHARE`]), whose roster
//!    and bound join the search's; then neighbourhoods until the deadline
//!    (or the decomposition's bound), one searcher per thread. With two
//!    threads or more and a checked start (and no relaxation step), the
//!    main solve runs on a thread of its own, with
//!    the same share of the time, while the other threads search around
//!    the start, and its thread joins the search when it ends (`lns::beside`);
//! 6. **fallback**: when the main solve found nothing, the checked start.
//!
//! The clock is one [`Budget`] for the whole solve: every step is given at
//! most what is left of it, so a run ends at its limit (plus what HiGHS
//! takes to notice its own limit, [`late_stop`], and the final evaluation).

use std::time::{Duration, Instant};

use super::Backend;

/// Share of the limit the worker-by-worker start may use. Not measured
/// against other values: chosen so that the main solve keeps most of the
/// time; on Instance 21 the start takes 13 s of 60 (BENCHMARKS.md, "Curtois
/// and Qu: the search around HiGHS").
pub(crate) const START_SHARE: f64 = 0.4;

/// The start's budget when there is no time limit (seconds). Not measured:
/// one-worker solves past it still run, but with the shortest time each.
pub(crate) const START_WITHOUT_LIMIT: f64 = 60.0;

/// The start's exact dynamic programs (`warm::pattern`) have at most this
/// many (dates × states) cells; beyond, the count of shifts is priced
/// (`warm::pattern::lagrangian`). Instances 1–21 (at most 182 dates,
/// estimated at most about 8 M cells a template) stay exact, so their start
/// is unchanged; the year-long Instances 22–24 (12–18 M cells a template on
/// Instance 23) are priced.
pub(crate) const EXACT_DP_MAX_CELLS: usize = 10_000_000;

/// Seconds per (date × state) cell of the exact program: Instance 23's
/// nurses, five templates of 16 M cells each, took about a second each
/// (the start's trace, 2026-12-01).
pub(crate) const DP_SECONDS_PER_CELL: f64 = 12e-9;

/// Most prices tried by the priced dynamic program
/// (`warm::pattern::lagrangian`) per template: the bisection halves the
/// price interval each time. Not measured against other values.
pub(crate) const PRICE_STEPS: usize = 24;

/// Horizons up to this many dates try a one-worker MIP straight after the
/// dynamic program; longer ones try a first-fit pattern over every
/// template first (`warm::pattern::first_fit_mixed`). Instances 1–21 (at
/// most 182 dates) keep the MIP; on Instance 22 (364) it took about 5 s a nurse and found
/// no pattern in one run of 2026-12-01, which left the whole start empty.
pub(crate) const MIP_FIRST_MAX_DAYS: usize = 182;

/// A one-worker MIP of the start that found nothing tries again, for the
/// worker's own rules only, with what is left of the start's budget and at
/// least this (seconds). On Instance 22's 364 dates these MIPs took 1–4.5 s
/// (2026-12-01), and one run under load found nothing in a fixed 5 s,
/// which left the whole start, and the run, without a roster.
pub(crate) const MIP_RETRY_SECONDS: f64 = 5.0;

/// Share of the time left after the start that models above
/// [`SEARCH_MAX_ASSIGNMENTS`] spend improving the start by groups of workers
/// (`warm::improve_by_groups`) before the main solve, which needs the rest
/// for its bound (Instance 21 at 60 s: 0.25 gave 169,065, 0.6 gave 140,869,
/// the bound 591 both times).
pub(crate) const GROUP_SHARE: f64 = 0.6;

/// Share of the time left after the start that the main solve gets when a
/// neighbourhood search follows. 0.75 was measured too (BENCHMARKS.md): the
/// bounds were a little tighter but the rosters of Instances 8, 11–15 worse
/// (e.g. 14: 3337 against 2095, 15: 21497 against 10730).
pub(crate) const MAIN_SHARE: f64 = 0.5;

/// Models with more assignment variables than this get a neighbourhood
/// search after the main solve; smaller ones give the main solve all the
/// time (they are the ones HiGHS proves optimal: Curtois and Qu 1–6, at
/// most 1,040 assignments; 6 needs 31–43 s of the minute). Was 2,000, which
/// left Instance 7 (1,248) to the main solve alone; at 1,100, paired runs
/// at 60 s, 2 threads, seeds 1–5 (2026-12-03, BENCHMARKS.md "Instance 7
/// in the search"): 1066, 1062, 1059, 1061, 1062 → 1057, 1059, 1059, 1058,
/// 1058 (best known 1056), its bound 955 → 1055 from the decomposition.
/// Realistic factory weeks of 80–100 workers (1,100–2,000 assignments)
/// gained too, at 10 s: proven gaps 0.47 % → 0.19 %, 0.28 % → 0.23 %,
/// 0.25 % → 0.079 %. Nothing between 1,040 and 1,248 assignments was
/// measured.
pub(crate) const SEARCH_MIN_ASSIGNMENTS: usize = 1_100;

/// Models with more assignment variables than this skip the search (and
/// improve the start by groups instead). Measured when every window re-ran
/// HiGHS's presolve on the whole model, which alone took seconds there
/// (Instance 21: 90,692 assignments, no window finished), so the main
/// solve's bound was worth more than a few windows. Re-measured with
/// windows as sub-models (`Prepared::restricted`) and the search beside the
/// main solve, on Instances 21 and 22 at 60 s and 2 threads (2026-12-02,
/// single paired runs, BENCHMARKS.md "Threads"): the search instead of the
/// groups gave 21 136,790 against 116,204 (seed 0) and 149,958 against
/// 156,739 (seed 1), 22 442,594 against 421,677; the groups stay.
/// Models above it that need no start (factory weeks without minimum hours:
/// no start, so no groups) search all the same: the realistic 5,000-worker
/// week (seed 1, 300 s, 2 threads) went from 1.81 % (the main solve alone,
/// its roster short of 526 units) to 0.50 % (BENCHMARKS.md, "Large factory
/// weeks").
pub(crate) const SEARCH_MAX_ASSIGNMENTS: usize = 60_000;

/// Models with production rows (targets) and at least this many assignment
/// variables may take the relaxation step after the main solve. Chosen on
/// the dense 1,000-worker week (41,038 assignments), where the main solve's
/// root node outlasts the minute; not measured between 2,000 and 40,000.
pub(crate) const RELAXATION_MIN_ASSIGNMENTS: usize = 5_000;

/// The relaxation step runs when the main solve ended with no roster or a
/// proven gap above this: a root node still in its LP (60–85 % on the dense
/// 1,000-worker week, seed 3, where the step brings it to about 4.5 %),
/// not a roster the search can polish. At 5 % it also ran after main solves
/// that had stopped at 6–8 % (the dense week's seed 1, the realistic
/// 1,000-worker week's seed 2, depending on the machine's load) and took
/// the search's time: paired runs gave 0.42 % with the step and 0.05 %
/// with the search on seed 1, 2.60 % and 1.37 % on the realistic seed 2
/// (BENCHMARKS.md, "Large factory weeks").
pub(crate) const RELAXATION_ABOVE_GAP: f64 = 0.2;

/// Share of the limit the relaxation step may use (the LP, then the program
/// over its support), at most what is left. Not measured against other
/// values.
pub(crate) const RELAXATION_SHARE: f64 = 0.4;

/// The relaxation step's budget without a time limit (seconds). Not measured.
pub(crate) const RELAXATION_WITHOUT_LIMIT: f64 = 60.0;

/// Share of the limit the decomposition by worker (`colgen`) may spend on
/// its column generation at the start of the search, on rostering models
/// it prices exactly ([`Route::decomposition`]). Where it converges in
/// that time its LP bound joins the reported bound and its roster (a dive,
/// then the restricted master as a MIP, within
/// [`DECOMPOSITION_INTEGER_SHARE`]) is offered to the search; otherwise its
/// Lagrangian bound alone, if any. Curtois and Qu at 18 s (2026-12-02,
/// BENCHMARKS.md "The decomposition at the start of the search"): 7, 9, 11
/// and 16 converge in 1.2–2.3 s; 8, 10, 12 and 17 do not in 6 s, and 13–15
/// price one round in 8–31 s.
pub(crate) const DECOMPOSITION_SHARE: f64 = 0.05;

/// Share of the limit for best responses worker by worker on the
/// incumbent (`colgen::respond`), before the decomposition's column
/// generation, on the models the decomposition prices. At 60 s, 2 threads
/// (2026-12-03, BENCHMARKS.md "Best responses before the decomposition"):
/// Curtois and Qu 8 from a start of about 7,000 to about 2,900 in the 3 s,
/// and the run's mean over paired seeds 1514 → 1392; 14 1592 → 1423; 12
/// 4543 → 4397; 15 mixed; 11 and 16 level; 13 (with responses over
/// windows of dates) 5688 → 5664, 6211 → 5992, 6672 → 4581, where pairs
/// with the step a no-op differed by up to 17 %. Other shares not
/// measured.
pub(crate) const RESPONSE_SHARE: f64 = 0.05;

/// Share of the limit for the decomposition's dive and restricted master
/// MIP, after a column generation that converged. At 3 s it gave Curtois
/// and Qu 16 a roster of 3229 (the search alone ends near 3536) and 11 one
/// of 3447.
pub(crate) const DECOMPOSITION_INTEGER_SHARE: f64 = 0.1;

/// Columns per second HiGHS may stop late: it checks the clock between
/// phases, 1.2 s past its limit on Instance 21's 210,835 columns. HiGHS is
/// given one second less per this many columns ([`late_stop`]).
pub(crate) const LATE_STOP_COLUMNS: f64 = 100_000.0;

/// Seconds per column the main solve needs before HiGHS first looks at its
/// clock on the largest models (loading, presolve, completing the start's
/// continuous columns, the root's probing): with less, and a checked start
/// to fall back on, the main solve is skipped ([`main_fits`]). Measured on
/// 2026-12-01 (2 threads, load about 2): Instance 21 (210,835 columns) took
/// 10.5 s for a limit of 6.6 s and 25.9 s for 17.3 s (its bound 591 and no
/// better roster); Instance 22 (232,637) 4.5 s for 2.0 s and 23.6 s for
/// 14.2 s (nothing); Instance 23 (579,332) 7.7 s for 3.4 s (nothing);
/// Instance 13 (61,569) keeps its main solve at a 20 s limit (9.5 s given,
/// on time).
pub(crate) const MAIN_SECONDS_PER_COLUMN: f64 = 1e-4;

/// The late-stop allowance is at most this share of a limit. Not measured.
pub(crate) const LATE_STOP_MAX_SHARE: f64 = 0.05;

/// When the start found no roster, the main solve still gets at least this
/// share of the limit, past the deadline if need be: a roster late beats no
/// roster. Not measured. With a checked start to fall back on, the main solve
/// gets only what is left.
pub(crate) const MAIN_FLOOR_WITHOUT_START: f64 = 0.2;

/// `flexline::solve` gives the solve what building left of the limit, and at
/// least this share of it. Not measured.
pub(crate) const SOLVE_FLOOR_AFTER_BUILD: f64 = 0.1;

/// When HiGHS returned columns that do not make its objective, the solve
/// without a start gets what is left, and at least this (seconds). Not
/// measured (a rare path: HiGHS 1.16 returning its start as optimal).
pub(crate) const RETRY_MIN_SECONDS: f64 = 1.0;

/// A neighbourhood gets this share of the search's time, at least
/// [`WINDOW_MIN_SECONDS`]: 1.5 s in a 60 s solve. It was a tenth, at least
/// 2 s (3 s in a 60 s solve). Paired runs at 60 s, 2 threads, 2026-12-02
/// (BENCHMARKS.md, "Neighbourhood shapes, ..."): Curtois and Qu 13 went
/// 10,743 → 8,094 and 13,468 → 6,718 (seeds 4 and 5); 15 went 6154 → 5860
/// and 17 went 6936 → 6842. The realistic 1,000-worker week went 0.165 % →
/// 0.102 % and 0.152 % → 0.115 % (seeds 1 and 2), and the 300-worker week at
/// 30 s went 0.062 % → 0.055 %. It was worse once on 8 and 14 (of two seeds
/// each) and level on 16: shorter neighbourhoods are more of them, and
/// sizes shrink sooner after one that ran out of time.
pub(crate) const WINDOW_SHARE: f64 = 0.05;

/// A neighbourhood's least time (seconds); was 2, measured with
/// [`WINDOW_SHARE`].
pub(crate) const WINDOW_MIN_SECONDS: f64 = 1.0;

/// Share of the date neighbourhoods made of two separate runs of dates
/// (half the length each) instead of one (`lns::window_dates`), where the
/// horizon has room for them. A window of consecutive dates cannot move
/// work between dates far apart (a nurse at her most minutes who takes an
/// uncovered shift must give up one elsewhere); two runs can. Paired runs
/// at 60 s, 2 threads, 2026-12-02 (BENCHMARKS.md, "Two runs of dates"):
/// better in 15 of 19; Curtois and Qu 8 in all six seeds (mean 1764 →
/// 1531), 14 in three of five, 12, 7 and 10 in every run; the realistic
/// 60-worker month level (0.099 % → 0.113 %, 0.039 % → 0.041 %). Only
/// this share was measured.
pub(crate) const TWO_WINDOWS_SHARE: f64 = 0.5;

/// Horizons of at most this many dates take [`TWO_WINDOWS_SHARE`]; longer
/// ones keep windows of consecutive dates only. The measured horizons up
/// to 42 dates gained or were level (Curtois and Qu 7, 8, 10 and 12–15:
/// 28 and 42 dates; the realistic 60-worker month), but the
/// 84-date Instance 18 was worse in all three seeds (mean 4988 → 5340) and
/// the 56-date 17 in two of three (6172 → 6397), with 16 (56) and 19 (84)
/// level in one run each (BENCHMARKS.md, "Two runs of dates"). Chosen from
/// those runs; nothing between 42 and 56 was measured.
pub(crate) const TWO_WINDOWS_MAX_DAYS: usize = 42;

/// Share of the date neighbourhoods, on horizons of [`WEEKDAYS_MIN_DAYS`]
/// to [`TWO_WINDOWS_MAX_DAYS`] dates, that free the same days of every week
/// (about as many dates as a window: `lns::weekdays`) instead of runs of
/// dates. Weekly patterns (weekends worked whole, a day off after nights,
/// the same shift through the week) tie a date to the same day of the
/// other weeks, which no run of dates frees together. Paired runs at 60 s,
/// 2 threads, 2026-12-02 (BENCHMARKS.md, "The same days of every week"):
/// better in 17 of 23 runs on horizons of 28 and 42 dates, worse in 5;
/// Curtois and Qu 8 better in all six seeds (mean 1543 → 1412; CP-SAT's
/// 60 s figure is 1410), 13 (6188 → 5430) and 12 (4395 → 4286) in two of
/// three, 7, 9, 11 and 15 in their one run each; 14 (42 dates) worse in
/// three of six (mean 1505 → 1531);
/// the realistic 60-worker month 0.074 % → 0.068 % and 0.041 % → 0.023 %.
/// Only this share was measured.
pub(crate) const WEEKDAYS_SHARE: f64 = 0.34;

/// The shortest horizon (two weeks) that takes [`WEEKDAYS_SHARE`]. Not
/// measured below 28 dates: two weeks is the least that has a day of the
/// week twice.
pub(crate) const WEEKDAYS_MIN_DAYS: usize = 14;

/// The search starts no neighbourhood with less than this left (seconds).
/// Not measured.
pub(crate) const SEARCH_STOP_SECONDS: f64 = 1.0;

/// A group of workers (`warm::groups`) gets at most this (seconds). Not measured.
pub(crate) const GROUP_MAX_SECONDS: f64 = 3.0;

/// Groups stop with less than this left, after what the slowest group so
/// far took beyond its limit is kept back (seconds). 0.5 was tried first
/// with [`FINISH_SECONDS_PER_COLUMN`] at 1 µs: Instances 21 and 24 at 60 s
/// then ended 0.8–1.8 s early; 0.25 and 0.7 µs ended 21–24 at 58.5–60.0 s
/// (BENCHMARKS.md, "Ending on time").
pub(crate) const GROUP_STOP_SECONDS: f64 = 0.25;

/// Seconds per column kept back at the end when the groups take all that is
/// left (no main solve after them): turning the roster into the plan and
/// checking it on the whole model. Instance 24 (1,418,320 columns) at 60 s,
/// 2026-12-02: the plan and the process ended 0.8 s and 0.95 s after the
/// groups, about 0.6–0.7 µs a column ([`finish_seconds`]).
pub(crate) const FINISH_SECONDS_PER_COLUMN: f64 = 0.7e-6;

/// A neighbourhood (dates or workers) grows by a quarter (doubles, see
/// [`DOUBLE_BELOW_SHARE`]) after it was
/// solved to optimality in under this share of its time, and shrinks by a
/// quarter after it ran out of time. Not measured against other values.
pub(crate) const GROW_BELOW_SHARE: f64 = 0.3;

/// On a large production model (the relaxation step's models), a
/// neighbourhood solved to optimality in under this share of its time
/// doubles instead of growing by a quarter. On the dense 1,000-worker week
/// (seed 2) groups of workers over the whole week were solved in 0.1–0.4 s
/// of their 3 s and improved the roster every time, but grew only from 8 to
/// 87 workers in the 30 s of the search. Paired runs at 60 s: dense seed 1
/// 0.10 % → 0.06 %, seed 2 0.20 % → 0.02 %, realistic 1,000 seed 2 0.55 %
/// → 0.22 %, seed 1 0.15 % → 0.17 %. Not on rostering models: on Curtois &
/// Qu at 30 s it was better on 8 (once of two), 11 and 15, worse on 14
/// twice (3828 → 4947, 5107 → 9128) (BENCHMARKS.md, "Large factory weeks").
pub(crate) const DOUBLE_BELOW_SHARE: f64 = 0.1;

/// Seconds to leave HiGHS for stopping late on a model of `columns` columns
/// under a limit of `t` seconds: one per [`LATE_STOP_COLUMNS`], at most
/// [`LATE_STOP_MAX_SHARE`] of `t`.
pub(crate) fn late_stop(columns: usize, t: f64) -> f64 {
    (columns as f64 / LATE_STOP_COLUMNS).min(LATE_STOP_MAX_SHARE * t)
}

/// Seconds a model of `columns` columns needs after its last step to
/// become a checked plan ([`FINISH_SECONDS_PER_COLUMN`]).
pub(crate) fn finish_seconds(columns: usize) -> f64 {
    FINISH_SECONDS_PER_COLUMN * columns as f64
}

/// True if a main solve of `seconds` on a model of `columns` columns can
/// get past HiGHS's first phases in time ([`MAIN_SECONDS_PER_COLUMN`]).
pub(crate) fn main_fits(seconds: f64, columns: usize) -> bool {
    seconds >= MAIN_SECONDS_PER_COLUMN * columns as f64
}

/// The clock of one solve: when it began and, with a limit, when it must end.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    began: Instant,
    limit: Option<f64>,
    /// Seconds spent before `began` that count against the limit and the
    /// reported elapsed time (building the model).
    before: f64,
}

impl Budget {
    /// A clock starting now, for a limit of `limit` seconds (already net of
    /// `before`, the seconds spent building).
    pub(crate) fn new(limit: Option<f64>, before: f64) -> Self {
        Self {
            began: Instant::now(),
            limit,
            before,
        }
    }

    /// Seconds since this budget began.
    pub(crate) fn elapsed(&self) -> f64 {
        self.began.elapsed().as_secs_f64()
    }

    /// Seconds of building and solving so far (what progress reports).
    pub(crate) fn elapsed_total(&self) -> f64 {
        self.before + self.elapsed()
    }

    /// `share` of the limit; `None` without a limit.
    pub(crate) fn share(&self, share: f64) -> Option<f64> {
        self.limit.map(|t| share * t)
    }

    /// Seconds left, never negative; `None` without a limit.
    pub(crate) fn left(&self) -> Option<f64> {
        self.limit.map(|t| (t - self.elapsed()).max(0.0))
    }

    /// The instant the limit runs out; `None` without a limit.
    pub(crate) fn deadline(&self) -> Option<Instant> {
        let t = self.limit?;
        let d = Duration::try_from_secs_f64(t.max(0.0)).ok()?;
        self.began.checked_add(d)
    }

    /// The relaxation step's budget in seconds: its share of the limit, at
    /// most what is left.
    pub(crate) fn relaxation_seconds(&self) -> f64 {
        match (self.limit, self.left()) {
            (Some(t), Some(left)) => (RELAXATION_SHARE * t).min(left),
            _ => RELAXATION_WITHOUT_LIMIT,
        }
    }

    /// The start's budget in seconds.
    pub(crate) fn start_seconds(&self) -> f64 {
        self.limit.map_or(START_WITHOUT_LIMIT, |t| START_SHARE * t)
    }

    /// The main solve's limit: what is left (or [`MAIN_SHARE`] of it when a
    /// search follows), at least [`MAIN_FLOOR_WITHOUT_START`] of the limit
    /// when there is no start to fall back on, less HiGHS's late stop on a
    /// model of `columns` columns.
    pub(crate) fn main_seconds(
        &self,
        search_follows: bool,
        has_fallback: bool,
        start_ran: bool,
        columns: usize,
    ) -> Option<f64> {
        let t = self.limit?;
        let mut left = self.left().unwrap_or(0.0);
        if start_ran && !has_fallback {
            left = left.max(MAIN_FLOOR_WITHOUT_START * t);
        }
        if search_follows {
            left *= MAIN_SHARE;
        }
        Some(left - late_stop(columns, left))
    }
}

/// The steps a solve takes, chosen from the model's size and the options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Route {
    /// Build a worker-by-worker start first.
    pub(crate) start: bool,
    /// Improve the start by groups of workers before the main solve.
    pub(crate) groups: bool,
    /// After a stalled main solve, a roster over the LP relaxation's
    /// support.
    pub(crate) relaxation: bool,
    /// Search neighbourhoods after the main solve.
    pub(crate) search: bool,
    /// The search begins with the decomposition by worker
    /// ([`DECOMPOSITION_SHARE`]): rostering models (no production rows)
    /// that the search takes, when no roster was fixed in the model.
    pub(crate) decomposition: bool,
}

/// What [`route`] decides from.
pub(crate) struct RouteInput {
    /// The caller allows a start (the start's own one-worker solves do not).
    pub(crate) allow_start: bool,
    /// The backend.
    pub(crate) backend: Backend,
    /// The model has columns at all.
    pub(crate) has_columns: bool,
    /// The empty roster breaks a hard rule (`warm::needed`).
    pub(crate) start_needed: bool,
    /// Assignment (0/1) variables.
    pub(crate) assignments: usize,
    /// A time limit is set.
    pub(crate) timed: bool,
    /// A node limit is set (reproducible runs: no time-shared steps).
    pub(crate) node_limited: bool,
    /// The model has production rows.
    pub(crate) has_flow: bool,
    /// Some of the model's columns were fixed from outside
    /// (`Model::fix_roster`).
    pub(crate) fixed: bool,
}

/// The one place that selects the steps of a solve.
pub(crate) fn route(i: &RouteInput) -> Route {
    let highs = i.allow_start && i.backend == Backend::Highs;
    let start = highs && i.has_columns && i.start_needed;
    // The time-shared steps need a clock and no node limit.
    let shared = highs && i.timed && !i.node_limited;
    let relaxation = highs
        && !i.node_limited
        && i.has_columns
        && i.has_flow
        && i.assignments >= RELAXATION_MIN_ASSIGNMENTS;
    let search = shared
        && i.assignments > SEARCH_MIN_ASSIGNMENTS
        && (i.assignments <= SEARCH_MAX_ASSIGNMENTS || !i.start_needed);
    Route {
        start,
        groups: start && shared && i.assignments > SEARCH_MAX_ASSIGNMENTS,
        relaxation,
        // Above the search's range only models that need no start (the
        // groups' alternative needs one): see `SEARCH_MAX_ASSIGNMENTS`.
        search,
        decomposition: search && !i.has_flow && !i.fixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(assignments: usize) -> RouteInput {
        RouteInput {
            allow_start: true,
            backend: Backend::Highs,
            has_columns: true,
            start_needed: true,
            assignments,
            timed: true,
            node_limited: false,
            has_flow: false,
            fixed: false,
        }
    }

    #[test]
    fn the_route_follows_the_size_thresholds() {
        let small = route(&input(SEARCH_MIN_ASSIGNMENTS));
        assert!(small.start && !small.search && !small.groups);
        let mid = route(&input(SEARCH_MIN_ASSIGNMENTS + 1));
        assert!(mid.start && mid.search && !mid.groups);
        let large = route(&input(SEARCH_MAX_ASSIGNMENTS + 1));
        assert!(large.start && !large.search && large.groups);
        // A large model whose empty roster keeps every hard rule (a factory
        // week, no minimum hours) has no start and no groups: it searches.
        let large_factory = route(&RouteInput {
            start_needed: false,
            ..input(SEARCH_MAX_ASSIGNMENTS + 1)
        });
        assert!(!large_factory.start && large_factory.search && !large_factory.groups);
        let untimed = route(&RouteInput {
            timed: false,
            ..input(SEARCH_MIN_ASSIGNMENTS + 1)
        });
        assert!(untimed.start && !untimed.search && !untimed.groups);
        let microlp = route(&RouteInput {
            backend: Backend::Microlp,
            ..input(SEARCH_MIN_ASSIGNMENTS + 1)
        });
        assert_eq!(
            microlp,
            Route {
                start: false,
                groups: false,
                relaxation: false,
                search: false,
                decomposition: false,
            }
        );
    }

    #[test]
    fn the_decomposition_starts_the_search_on_rostering_models_only() {
        let mid = input(SEARCH_MIN_ASSIGNMENTS + 1);
        assert!(route(&mid).decomposition);
        // Not without the search, nor with production rows (the pricing
        // does not model them), nor around a roster fixed from outside
        // (the decomposition sees the scenario, not the fixed columns).
        assert!(!route(&input(SEARCH_MIN_ASSIGNMENTS)).decomposition);
        assert!(!route(&input(SEARCH_MAX_ASSIGNMENTS + 1)).decomposition);
        let flow = RouteInput {
            has_flow: true,
            ..input(SEARCH_MIN_ASSIGNMENTS + 1)
        };
        assert!(route(&flow).search && !route(&flow).decomposition);
        let fixed = RouteInput {
            fixed: true,
            ..input(SEARCH_MIN_ASSIGNMENTS + 1)
        };
        assert!(route(&fixed).search && !route(&fixed).decomposition);
    }

    #[test]
    fn only_large_models_with_production_rows_may_take_the_relaxation_step() {
        let flow = |n| RouteInput {
            has_flow: true,
            ..input(n)
        };
        assert!(route(&flow(RELAXATION_MIN_ASSIGNMENTS)).relaxation);
        // The search still follows the main solve on those models.
        assert!(route(&flow(RELAXATION_MIN_ASSIGNMENTS)).search);
        assert!(!route(&flow(RELAXATION_MIN_ASSIGNMENTS - 1)).relaxation);
        assert!(!route(&input(RELAXATION_MIN_ASSIGNMENTS * 10)).relaxation);
        let nodes = RouteInput {
            node_limited: true,
            ..flow(RELAXATION_MIN_ASSIGNMENTS)
        };
        assert!(!route(&nodes).relaxation);
    }

    #[test]
    fn the_main_solve_never_gets_more_than_is_left_when_a_start_exists() {
        let b = Budget::new(Some(10.0), 0.0);
        let t = b.main_seconds(false, true, true, 0).unwrap();
        assert!(t <= 10.0 && t > 9.0, "{t}");
        let half = b.main_seconds(true, true, true, 0).unwrap();
        assert!(half <= 5.0 && half > 4.5, "{half}");
        // The largest models need a main solve of a tenth of a millisecond
        // per column (Instance 21: 21 s).
        assert!(main_fits(21.1, 210_835) && !main_fits(20.0, 210_835));
        // Late stop: one second per 100,000 columns, at most 5 % of the limit.
        assert!((late_stop(200_000, 100.0) - 2.0).abs() < 1e-12);
        assert!((late_stop(200_000, 10.0) - 0.5).abs() < 1e-12);
    }
}
