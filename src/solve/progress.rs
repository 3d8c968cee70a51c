//! Progress reports while a solve runs: the phase, the best objective so far,
//! the proven bound and the elapsed time, handed to a caller's callback.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A step of the solve (the policy in DESIGN.md, "Solving: the start, the
/// search and the backends").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Phase {
    /// The model is built; the solve begins.
    Built,
    /// The worker-by-worker starting roster is built (and checked).
    Start,
    /// Best responses worker by worker, then groups of workers, have
    /// improved the start (the largest models).
    Groups,
    /// The main solve (HiGHS or microlp on the whole model) has ended.
    Main,
    /// After a stalled main solve (large models with targets), a roster over
    /// the LP relaxation's support was tried; the bound includes the LP's.
    Relaxation,
    /// A neighbourhood of the search improved the roster, or the search ended.
    Search,
    /// The solve is over: the event carries the returned plan's objective
    /// and bound.
    Done,
}

impl Phase {
    /// The phase's name, as in JSON (`"main"`, `"search"`, ...).
    ///
    /// ```
    /// assert_eq!(flexline::Phase::Search.name(), "search");
    /// ```
    pub fn name(self) -> &'static str {
        crate::names::variant_name(&self)
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One progress report.
///
/// Events of one solve arrive in order on the solving thread (with two
/// threads or more, the search may report improvements before the main
/// solve ends: it runs beside it) and `elapsed`
/// never decreases; before the last event `objective` never increases and
/// `bound` never decreases. The last event is [`Phase::Done`], whose
/// objective and bound are the returned plan's `status.objective` and
/// `status.dual_bound`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProgressEvent {
    /// The phase that just ended (or, for [`Phase::Search`], improved).
    pub phase: Phase,
    /// The objective of the best roster so far (the full objective, as in
    /// `Plan::status.objective`); `None` before any roster.
    pub objective: Option<f64>,
    /// The best proven lower bound so far; `None` when none is known yet
    /// (the start has none; microlp reports none).
    pub bound: Option<f64>,
    /// Seconds of building and solving so far.
    pub elapsed: f64,
}

/// A progress callback for [`SolveOptions::progress`](crate::SolveOptions::progress).
///
/// It is called on the solving thread, between steps, so keep it short (print a
/// line, send on a channel). It never changes the result: the same options
/// with and without it return the same roster.
///
/// Two `Progress` values are equal when they are the same callback (the same
/// `Arc`); cloning shares it.
///
/// ```
/// use std::sync::{Arc, Mutex};
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// let scenario = flexline::Scenario::from_json_str(&json)?;
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let sink = Arc::clone(&seen);
/// let options = flexline::SolveOptions {
///     progress: Some(flexline::Progress::new(move |e: &flexline::ProgressEvent| {
///         sink.lock().unwrap().push(e.phase);
///     })),
///     ..Default::default()
/// };
/// let plan = flexline::solve(&scenario, &options)?;
/// let seen = seen.lock().unwrap();
/// assert_eq!(seen.first(), Some(&flexline::Phase::Built));
/// assert_eq!(seen.last(), Some(&flexline::Phase::Done));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Progress(Arc<dyn Fn(&ProgressEvent) + Send + Sync>);

impl Progress {
    /// Wraps a callback.
    pub fn new(callback: impl Fn(&ProgressEvent) + Send + Sync + 'static) -> Self {
        Self(Arc::new(callback))
    }

    /// Calls the callback with `event`.
    pub fn report(&self, event: &ProgressEvent) {
        (self.0)(event)
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Progress(..)")
    }
}

impl PartialEq for Progress {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Reports a solve's events, keeping the best objective and bound so far.
pub(crate) struct Reporter<'a> {
    progress: Option<&'a Progress>,
    objective: Option<f64>,
    bound: Option<f64>,
    elapsed: f64,
}

impl<'a> Reporter<'a> {
    pub(crate) fn new(progress: Option<&'a Progress>) -> Self {
        Self {
            progress,
            objective: None,
            bound: None,
            elapsed: 0.0,
        }
    }

    /// Reports `phase` with a roster of `objective` and a bound of `bound`
    /// (each kept only if better than the best so far) at `elapsed` seconds.
    pub(crate) fn report(
        &mut self,
        phase: Phase,
        objective: Option<f64>,
        bound: Option<f64>,
        elapsed: f64,
    ) {
        let Some(p) = self.progress else { return };
        if let Some(o) = objective.filter(|o| o.is_finite()) {
            self.objective = Some(self.objective.map_or(o, |b| b.min(o)));
        }
        if let Some(b) = bound.filter(|b| b.is_finite()) {
            self.bound = Some(self.bound.map_or(b, |old| old.max(b)));
        }
        self.elapsed = self.elapsed.max(elapsed);
        p.report(&ProgressEvent {
            phase,
            objective: self.objective,
            bound: self.bound,
            elapsed: self.elapsed,
        });
    }

    /// Reports the end: exactly the returned plan's objective and bound.
    pub(crate) fn done(&mut self, objective: Option<f64>, bound: Option<f64>, elapsed: f64) {
        let Some(p) = self.progress else { return };
        self.elapsed = self.elapsed.max(elapsed);
        p.report(&ProgressEvent {
            phase: Phase::Done,
            objective,
            bound,
            elapsed: self.elapsed,
        });
    }
}
