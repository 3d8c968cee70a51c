//! Line-layout comparison: one workforce and one demand, several ways to lay
//! out the floor, each rostered, checked, timed and stress-tested for
//! absences.
//!
//! A layout is a base scenario plus a list of [`Edit`]s — which shifts a
//! line or a station runs, where some workers may work, stations split off
//! into a dedicated line, buffers and initial stock, workplaces, merged
//! lines — built into a [`Design`] (the edited scenario and the roster
//! restrictions a scenario cannot state). Layout files ([`LayoutFile`])
//! list named variants; every problem is reported at once
//! ([`LayoutReport`]). The four built-in [`Layout`]s are generators of
//! edits that work on any base they make sense for ([`Layout::edits`]):
//!
//! - [`Layout::AsGiven`]: the base unchanged.
//! - [`Layout::AllRegular`]: every line merged into the *process line* (the
//!   line with the most stations) running only regular shifts.
//! - [`Layout::DedicatedFlexibleLine`]: a line running only flexible shifts
//!   (the "mom line") beside a line with regular shifts — kept if the base
//!   has one, else a flexible copy of a line that runs both.
//! - [`Layout::FlexibleSpread`]: every line merged into the process line,
//!   which runs every shift, regular and flexible.
//!
//! Merging keeps the floor and the demand: each station of another line
//! adds its workplaces (and initial stock) to the process station with the
//! same skill; targets move to the process line with their units, dates and
//! penalties; workers allowed on a merged line are allowed on the process
//! line. The workforce is never changed.
//!
//! [`compare_designs`] solves every design (several at once, the solver
//! threads divided among them), runs the roster through the independent
//! checker and the design's restrictions, the time-resolved estimate and
//! the absence Monte Carlo, and returns one [`LayoutResult`] each, in
//! order. [`sweep`] asks which station should run the flexible shift;
//! [`size_buffer`] how much stock it needs around it; [`html_page`] draws
//! the results.
//!
//! ```
//! # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/motor_factory_week.json"))?;
//! let base = flexline::Scenario::from_json_str(&json)?;
//! let spread = flexline::layout::Layout::FlexibleSpread.apply(&base)?;
//! assert_eq!(spread.lines.len(), 1);
//! let assembly = &spread.lines[0].stations[1];
//! assert_eq!(assembly.workplaces, 10 + 12);          // regular + mom-line assembly
//! assert_eq!(spread.lines[0].shifts.len(), 2);       // regular and flex
//! let regular = flexline::layout::Layout::AllRegular.apply(&base)?;
//! assert_eq!(regular.lines[0].shifts, vec![flexline::ShiftId::from("regular")]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

mod edit;
mod html;
mod sweep;

pub use edit::{
    Design, Designs, Edit, LayoutFile, LayoutIssue, LayoutIssueCode, LayoutReport, Variant,
};
pub use html::html_page;
pub use sweep::{
    rank, size_buffer, sweep, sweep_designs, with_buffer, BufferPoint, BufferSearch, BufferSizing,
    Skipped,
};

use crate::error::Error;
use crate::flow::{self, FlowOptions};
use std::collections::BTreeMap;

use crate::model::{Line, LineId, Scenario, ShiftId, ShiftKind};
use crate::report::Outcome;
use crate::risk::{self, RiskOptions};
use crate::solve::{Model, SolveOptions};

/// A built-in way to lay out the lines (see the module docs): a generator
/// of [`Edit`]s that works on any base it makes sense for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// The base scenario unchanged.
    AsGiven,
    /// One process line, regular shifts only.
    AllRegular,
    /// A dedicated line running only flexible shifts beside regular lines.
    DedicatedFlexibleLine,
    /// One process line running every shift, regular and flexible.
    FlexibleSpread,
}

impl Layout {
    /// The three layouts of the comparison: all regular, a dedicated
    /// flexible line, flexible workers spread across every station.
    pub const STANDARD: [Layout; 3] = [
        Layout::AllRegular,
        Layout::DedicatedFlexibleLine,
        Layout::FlexibleSpread,
    ];

    /// All four generators.
    pub const ALL: [Layout; 4] = [
        Layout::AsGiven,
        Layout::AllRegular,
        Layout::DedicatedFlexibleLine,
        Layout::FlexibleSpread,
    ];

    /// A short stable name.
    ///
    /// ```
    /// assert_eq!(flexline::layout::Layout::FlexibleSpread.name(), "flexible_spread");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Layout::AsGiven => "as_given",
            Layout::AllRegular => "all_regular",
            Layout::DedicatedFlexibleLine => "dedicated_flexible_line",
            Layout::FlexibleSpread => "flexible_spread",
        }
    }

    /// The generator named `name`, if any.
    ///
    /// ```
    /// use flexline::layout::Layout;
    /// assert_eq!(Layout::from_name("all_regular"), Some(Layout::AllRegular));
    /// assert_eq!(Layout::from_name("nope"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The edits this generator makes on `base`, or why it does not apply.
    ///
    /// - `as_given`: none.
    /// - `all_regular`: merge every line into the process line (the one
    ///   with the most stations), which runs the regular shifts only.
    /// - `flexible_spread`: the same merge, running every shift.
    /// - `dedicated_flexible_line`: none when the base already has a line
    ///   running only flexible shifts beside one with regular shifts (kept
    ///   as given); otherwise, the first line that runs both regular and
    ///   flexible shifts keeps the others, and a copy of it (half of each
    ///   station's workplaces and half of its targets) runs the flexible
    ///   shifts as `<line>-flexible`, with every carer who has a skill of
    ///   the line on it.
    ///
    /// ```
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
    /// let base = flexline::Scenario::from_json_str(&json)?;
    /// use flexline::layout::Layout;
    /// assert!(Layout::AsGiven.edits(&base)?.is_empty());
    /// let why = Layout::DedicatedFlexibleLine.edits(&base).unwrap_err();
    /// assert!(why.contains("regular"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn edits(self, base: &Scenario) -> Result<Vec<Edit>, String> {
        if base.lines.is_empty() {
            return Err("the base scenario has no lines".into());
        }
        let kind = |id: &ShiftId| base.shift(id).map(|s| s.kind);
        let process = || {
            let pi = (0..base.lines.len())
                .rev()
                .max_by_key(|&i| base.lines[i].stations.len())
                .unwrap_or(0);
            base.lines[pi].id.clone()
        };
        let all_shifts = || {
            let mut shifts: Vec<ShiftId> = Vec::new();
            for line in &base.lines {
                for id in &line.shifts {
                    if !shifts.contains(id) {
                        shifts.push(id.clone());
                    }
                }
            }
            shifts
        };
        match self {
            Layout::AsGiven => Ok(Vec::new()),
            Layout::AllRegular | Layout::FlexibleSpread => {
                let into = process();
                let mut shifts = all_shifts();
                if self == Layout::AllRegular {
                    shifts.retain(|id| kind(id) == Some(ShiftKind::Regular));
                    if shifts.is_empty() {
                        return Err(
                            "no line runs a regular shift; add a shift of kind \"regular\"".into(),
                        );
                    }
                }
                let mut edits = Vec::new();
                if base.lines.len() > 1 {
                    edits.push(Edit::MergeLines { into: into.clone() });
                }
                edits.push(Edit::LineShifts { line: into, shifts });
                Ok(edits)
            }
            Layout::DedicatedFlexibleLine => {
                let flexible_only = |l: &Line| {
                    !l.shifts.is_empty()
                        && l.shifts
                            .iter()
                            .all(|id| kind(id) == Some(ShiftKind::Flexible))
                };
                let has_regular = |l: &Line| {
                    l.shifts
                        .iter()
                        .any(|id| kind(id) == Some(ShiftKind::Regular))
                };
                if base.lines.iter().any(flexible_only) && base.lines.iter().any(has_regular) {
                    return Ok(Vec::new());
                }
                let Some(line) = base.lines.iter().find(|l| {
                    has_regular(l)
                        && l.shifts
                            .iter()
                            .any(|id| kind(id) == Some(ShiftKind::Flexible))
                }) else {
                    return Err(
                        "it needs a line that runs only flexible shifts beside a line with regular \
                         shifts, or one line that runs both (to split the flexible shift off); \
                         add a shift of kind \"flexible\" to a line with regular shifts"
                            .into(),
                    );
                };
                Ok(dedicated_edits(base, line, None))
            }
        }
    }

    /// Builds this layout's scenario from `base`; the result is validated.
    ///
    /// Errors ([`Error::Layout`]): the generator does not apply to the base
    /// ([`Layout::edits`]); [`Error::LayoutEdits`] if its edits do not fit
    /// (e.g. a merged station whose skill the process line lacks);
    /// [`Error::Invalid`] if the result does not validate.
    ///
    /// ```
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
    /// let base = flexline::Scenario::from_json_str(&json)?;
    /// let err = flexline::layout::Layout::DedicatedFlexibleLine.apply(&base).unwrap_err();
    /// assert!(err.to_string().contains("only flexible shifts"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(self, base: &Scenario) -> Result<Scenario, Error> {
        Ok(self.design(base)?.scenario)
    }

    /// This layout as a [`Design`] (its scenario and restrictions).
    pub fn design(self, base: &Scenario) -> Result<Design, Error> {
        let edits = self.edits(base).map_err(|message| Error::Layout {
            layout: self.name().to_owned(),
            message,
        })?;
        // The edited scenario's own problems (e.g. merged workplaces past
        // the limit) come back as the scenario's validation report.
        let mut d = Design::build_inner(self.name(), base, &edits, false)
            .map_err(|issues| Error::LayoutEdits(LayoutReport { issues }))?;
        d.scenario.validate().map_err(Error::Invalid)?;
        if self != Layout::AsGiven && !edits.is_empty() && d.scenario.lines.len() == 1 {
            d.scenario.name = format!("{} [merged]", base.name);
        }
        Ok(d)
    }
}

/// The edits of a dedicated flexible line: `line` keeps its non-flexible
/// shifts; a copy of the whole line (every station, half of each one's
/// workplaces, the same share of its targets) becomes `<line>-flexible`,
/// running the flexible shifts, with every carer who has a skill of the
/// line. With `carers_at`, carers may work there only at that station's
/// copy. Copying the whole line keeps the flow honest: every unit it
/// finishes went through every step from raw material.
pub(crate) fn dedicated_edits(base: &Scenario, line: &Line, carers_at: Option<usize>) -> Vec<Edit> {
    let flexible = |id: &ShiftId| {
        base.shift(id)
            .is_some_and(|s| s.kind == ShiftKind::Flexible)
    };
    let (flex, rest): (Vec<ShiftId>, Vec<ShiftId>) =
        line.shifts.iter().cloned().partition(|id| flexible(id));
    let mut new_id = format!("{}-flexible", line.id);
    while base.line(&LineId::new(new_id.clone())).is_some() {
        new_id.push('-');
    }
    let mut edits = vec![
        Edit::LineShifts {
            line: line.id.clone(),
            shifts: rest,
        },
        Edit::Split {
            stations: line.stations.iter().map(|s| s.id.clone()).collect(),
            line: LineId::new(new_id.clone()),
            shifts: flex,
            workplaces: BTreeMap::new(),
            workers: Vec::new(),
            carers: true,
            target_share: None,
        },
    ];
    if let Some(si) = carers_at {
        edits.push(Edit::WorkersOnlyAt {
            workers: Vec::new(),
            carers: true,
            stations: vec![crate::StationId::new(format!(
                "{}@{new_id}",
                line.stations[si].id
            ))],
        });
    }
    edits
}

/// Merges every line of `base` into `into` (which then runs every line's
/// shifts).
pub(crate) fn merge_into(base: &Scenario, into: &LineId) -> Result<Scenario, String> {
    let mut s = base.clone();
    let Some(pi) = s.lines.iter().position(|l| &l.id == into) else {
        return Err(format!("no line `{into}`"));
    };
    let mut process = s.lines[pi].clone();
    let mut shifts: Vec<ShiftId> = Vec::new();
    for line in &base.lines {
        for id in &line.shifts {
            if !shifts.contains(id) {
                shifts.push(id.clone());
            }
        }
    }
    for (li, line) in base.lines.iter().enumerate() {
        if li == pi {
            continue;
        }
        for (pos, st) in line.stations.iter().enumerate() {
            let Some(target) = process.stations.iter_mut().find(|p| p.skill == st.skill) else {
                return Err(format!(
                    "station `{}` of line `{}` needs skill `{}`, which no station of the \
                     process line `{}` has; add such a station to `{}`",
                    st.id, line.id, st.skill, process.id, process.id
                ));
            };
            target.workplaces = target.workplaces.saturating_add(st.workplaces);
            if pos > 0 {
                target.initial_stock += st.initial_stock;
                if let (Some(a), Some(b)) = (target.buffer_capacity, st.buffer_capacity) {
                    target.buffer_capacity = Some(a + b);
                }
            }
        }
    }
    process.shifts = shifts;
    let keep: LineId = process.id.clone();
    let gone: Vec<LineId> = base
        .lines
        .iter()
        .filter(|l| l.id != keep)
        .map(|l| l.id.clone())
        .collect();
    s.lines = vec![process];
    for t in &mut s.targets {
        t.line = keep.clone();
    }
    for w in &mut s.workers {
        if w.lines.iter().any(|l| gone.contains(l)) {
            w.lines.retain(|l| !gone.contains(l));
            if !w.lines.contains(&keep) {
                w.lines.push(keep.clone());
            }
        }
    }
    s.name = format!("{} [merged]", base.name);
    Ok(s)
}

/// How to run a comparison.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CompareOptions {
    /// Solve options for every layout (set `time_limit`). `threads` is the
    /// solver threads of the whole comparison, divided among the layouts
    /// solved at once (default: the machine's parallelism).
    pub solve: SolveOptions,
    /// The time-resolved estimate.
    pub flow: FlowOptions,
    /// The absence Monte Carlo.
    pub risk: RiskOptions,
    /// Layouts solved at once, each on its own OS thread (default: as many
    /// as the solver threads allow, at most the number of layouts).
    pub jobs: Option<u32>,
}

impl CompareOptions {
    /// Checks every option before any layout is solved: the solve options
    /// ([`SolveOptions::check`]), the flow's bucket (divides 1440 minutes),
    /// the risk options (samples 1 to [`risk::MAX_SAMPLES`], default
    /// probabilities in [0, 1]) and `jobs` (1 to the machine's parallelism).
    ///
    /// ```
    /// let mut o = flexline::layout::CompareOptions::default();
    /// o.risk.samples = 10_000_000_000_000;
    /// assert!(o.check().unwrap_err().to_string().contains("invalid risk option"));
    /// ```
    pub fn check(&self) -> Result<(), Error> {
        self.solve.check()?;
        let divides = |bm: u32| bm > 0 && 1440 % bm == 0;
        if !divides(self.flow.bucket_minutes) {
            return Err(Error::InvalidOptions {
                options: "flow",
                option: "bucket_minutes",
                message: format!(
                    "{}; give a length that divides 1440 minutes, e.g. 15, 30 or 60",
                    self.flow.bucket_minutes
                ),
            });
        }
        let r = &self.risk;
        let risk_err = |option: &'static str, message: String| Error::InvalidOptions {
            options: "risk",
            option,
            message,
        };
        if r.samples == 0 || r.samples > risk::MAX_SAMPLES {
            return Err(risk_err(
                "samples",
                format!("{}; give 1 to {}", r.samples, risk::MAX_SAMPLES),
            ));
        }
        for (name, q) in [
            ("defaults.regular", r.defaults.regular),
            ("defaults.flexible", r.defaults.flexible),
            ("defaults.home_based", r.defaults.home_based),
        ] {
            if !(q.is_finite() && (0.0..=1.0).contains(&q)) {
                return Err(risk_err(
                    name,
                    format!(
                        "{}; give a probability between 0 and 1",
                        crate::text::number(q)
                    ),
                ));
            }
        }
        if let Some(j) = self.jobs {
            let most = crate::solve::max_threads();
            if j == 0 || j > most {
                return Err(Error::InvalidOptions {
                    options: "layout",
                    option: "jobs",
                    message: format!("{j}; give 1 to {most} (the most this machine runs at once)"),
                });
            }
        }
        Ok(())
    }

    /// (layouts solved at once, solver threads of each) for `n` layouts:
    /// the solver threads (`solve.threads`, default the machine's) are
    /// divided evenly, at least one each, so the total stays within them.
    ///
    /// ```
    /// let mut o = flexline::layout::CompareOptions::default();
    /// o.solve.threads = Some(1);
    /// assert_eq!(o.plan_jobs(8), (1, 1));
    /// o.jobs = Some(1);
    /// assert_eq!(o.plan_jobs(8), (1, 1));
    /// ```
    pub fn plan_jobs(&self, n: usize) -> (usize, u32) {
        let total = self
            .solve
            .threads
            .unwrap_or_else(crate::solve::max_threads)
            .max(1);
        let jobs = self
            .jobs
            .unwrap_or(total)
            .min(total)
            .max(1)
            .min(u32::try_from(n.max(1)).unwrap_or(u32::MAX));
        (jobs as usize, (total / jobs).max(1))
    }
}

/// One layout's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayoutResult {
    /// The layout's name.
    pub layout: String,
    /// How the solve ended.
    pub outcome: Outcome,
    /// The proven relative gap, if known.
    pub gap: Option<f64>,
    /// Finished units over the horizon (on the clock, checker's; the plan,
    /// the hourly view and the checker agree on it).
    pub finished_units: f64,
    /// Units asked for ([`crate::risk::demand_units`]).
    pub target_units: f64,
    /// Units credited to targets / units of targets (1 = every target met).
    pub attainment: f64,
    /// Wages with premiums (checker's).
    pub wages_total: f64,
    /// Wages per finished unit (`None` if nothing is finished).
    pub cost_per_unit: Option<f64>,
    /// Workers rostered at least once.
    pub workers_employed: usize,
    /// Workers with a weekly caregiving window, in the workforce.
    pub carers: usize,
    /// Of those, rostered at least once.
    pub carers_employed: usize,
    /// Their paid hours.
    pub carer_hours: f64,
    /// Person-minutes idle for lack of material (time-resolved estimate).
    pub starved_person_minutes: f64,
    /// Person-minutes idle because the buffer after the station was full.
    #[serde(default)]
    pub blocked_person_minutes: f64,
    /// Probability that the horizon's finished units (time-resolved, with
    /// absences) reach `target_units`.
    pub p_target_met: f64,
    /// Its standard error.
    pub p_target_met_std_error: f64,
    /// Hard-rule violations the checker found plus assignments breaking
    /// the layout's restrictions (0 for a sound roster).
    pub checker_violations: usize,
    /// The station the layout runs flexible (whose stock is followed).
    #[serde(default)]
    pub watch_station: Option<crate::StationId>,
    /// Units waiting in front of it at the end of every bucket of the
    /// hourly view (`flow.bucket_minutes`), over the horizon plus a day.
    #[serde(default)]
    pub watch_stock: Vec<f64>,
    /// Seconds building the integer program.
    pub build_seconds: f64,
    /// Seconds solving it.
    pub solve_seconds: f64,
}

/// Solves, checks and evaluates every layout of `base`.
///
/// ```no_run
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/motor_factory_week.json"))?;
/// let base = flexline::Scenario::from_json_str(&json)?;
/// let mut opts = flexline::layout::CompareOptions::default();
/// opts.solve.time_limit = Some(10.0);
/// let rows = flexline::layout::compare(&base, &flexline::layout::Layout::STANDARD, &opts)?;
/// for r in &rows {
///     println!("{}: {:.0} of {:.0} units, {} carers", r.layout, r.finished_units, r.target_units, r.carers_employed);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compare(
    base: &Scenario,
    layouts: &[Layout],
    options: &CompareOptions,
) -> Result<Vec<LayoutResult>, Error> {
    options.check()?;
    let designs = layouts
        .iter()
        .map(|l| l.design(base))
        .collect::<Result<Vec<_>, _>>()?;
    compare_designs(&designs, options)
}

/// Solves, checks and evaluates every design, several at once (see
/// [`CompareOptions::plan_jobs`]); results in the order of `designs`
/// whatever order the solves finish in. The first error (in design order)
/// is returned.
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// use flexline::layout::{compare_designs, CompareOptions, Design, Edit};
/// let base = flexline::Scenario::from_json_str(&json)?;
/// let wide = Design::build("wide", &base, &[Edit::Workplaces { station: "asm".into(), workplaces: 2 }])
///     .map_err(|i| format!("{i:?}"))?;
/// let mut o = CompareOptions::default();
/// o.risk.samples = 200;
/// let rows = compare_designs(&[Design::as_given("base", &base), wide], &o)?;
/// assert_eq!(rows[0].layout, "base");
/// assert_eq!(rows[1].layout, "wide");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compare_designs(
    designs: &[Design],
    options: &CompareOptions,
) -> Result<Vec<LayoutResult>, Error> {
    options.check()?;
    let (jobs, threads) = options.plan_jobs(designs.len());
    let mut each = options.clone();
    each.solve.threads = Some(threads);
    if jobs <= 1 {
        return designs.iter().map(|d| evaluate_design(d, &each)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Result<LayoutResult, Error>>>> = designs
        .iter()
        .map(|_| std::sync::Mutex::new(None))
        .collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(d) = designs.get(i) else { break };
                let r = evaluate_design(d, &each);
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(r);
                }
            });
        }
    });
    slots
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            m.into_inner().ok().flatten().unwrap_or_else(|| {
                Err(Error::Layout {
                    layout: designs[i].name.clone(),
                    message: "its solve stopped abnormally; run it alone with --only".into(),
                })
            })
        })
        .collect()
}

/// Solves, checks and evaluates one scenario (a layout built by other
/// means, for instance), labelled `name`.
pub fn evaluate(
    name: &str,
    scenario: &Scenario,
    options: &CompareOptions,
) -> Result<LayoutResult, Error> {
    evaluate_design(&Design::as_given(name, scenario), options)
}

/// Solves a design: the integer program of its scenario with its
/// restrictions (assignments a station's shifts or a worker's stations
/// rule out are fixed to 0).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// use flexline::layout::{solve_design, Design, Edit};
/// let base = flexline::Scenario::from_json_str(&json)?;
/// // Nobody may work at `asm`: restrict bo (its only worker) to `wind`, where she lacks the skill.
/// let d = Design::build("x", &base, &[Edit::WorkersOnlyAt {
///     workers: vec!["bo".into()], carers: false, stations: vec!["wind".into()] }]);
/// assert!(d.unwrap_err()[0].code == flexline::layout::LayoutIssueCode::StationWithoutWorker);
/// let plan = solve_design(&Design::as_given("base", &base), &Default::default())?;
/// assert_eq!(plan.roster.assignments.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn solve_design(design: &Design, options: &SolveOptions) -> Result<crate::Plan, Error> {
    let mut model = Model::build(&design.scenario)?;
    if !(design.station_shifts.is_empty() && design.worker_stations.is_empty()) {
        // Left out of the model, not fixed to 0: the search's sub-models and
        // the relaxation step rebuild from the prepared candidates.
        model.drop_candidates(|p, c| {
            let c = &p.cands[c];
            let station = &p.stations[c.station].station.id;
            let shift = &p.shifts[p.occs[c.occ].shift].id;
            let worker = &p.s.workers[c.worker].id;
            design
                .station_shifts
                .get(station)
                .is_some_and(|allowed| !allowed.contains(shift))
                || design
                    .worker_stations
                    .get(worker)
                    .is_some_and(|allowed| !allowed.contains(station))
        });
    }
    model.solve(options)
}

/// Solves, checks and evaluates one design.
pub fn evaluate_design(design: &Design, options: &CompareOptions) -> Result<LayoutResult, Error> {
    options.check()?;
    let scenario = &design.scenario;
    let plan = solve_design(design, &options.solve)?;
    let report = crate::check::check(scenario, &plan.roster);
    let timed = flow::estimate(scenario, &plan.roster, &options.flow)?;
    let risk = risk::simulate(scenario, &plan.roster, &options.risk)?;
    let finished: f64 = report
        .throughput
        .lines
        .iter()
        .map(|l| l.finished_units)
        .sum();
    let wanted: f64 = report
        .throughput
        .targets
        .iter()
        .map(|t| t.target_units)
        .sum();
    let credited: f64 = report
        .throughput
        .targets
        .iter()
        .map(|t| t.finished_units.min(t.target_units))
        .sum();
    let mut employed = 0;
    let mut carers = 0;
    let mut carers_employed = 0;
    let mut carer_hours = 0.0;
    for w in &scenario.workers {
        let hours: f64 = plan.roster.of_worker(&w.id).map(|a| a.paid_hours).sum();
        let on = plan.roster.of_worker(&w.id).next().is_some();
        employed += usize::from(on);
        if Design::is_carer(w) {
            carers += 1;
            carers_employed += usize::from(on);
            carer_hours += hours;
        }
    }
    let watch_stock = design
        .watch
        .as_ref()
        .and_then(|st| timed.series.iter().find(|s| &s.station == st))
        .map(|s| s.stock_end.clone())
        .unwrap_or_default();
    Ok(LayoutResult {
        layout: design.name.clone(),
        outcome: plan.status.outcome,
        gap: plan.status.gap,
        finished_units: finished,
        target_units: risk.demand_units,
        attainment: if wanted > 0.0 { credited / wanted } else { 1.0 },
        wages_total: report.cost.wages_total,
        cost_per_unit: (finished > 0.0).then(|| report.cost.wages_total / finished),
        workers_employed: employed,
        carers,
        carers_employed,
        carer_hours,
        starved_person_minutes: timed.starved_person_minutes(),
        blocked_person_minutes: timed
            .stations
            .iter()
            .map(|s| s.blocked_person_minutes)
            .sum(),
        p_target_met: risk.p_demand_met.p,
        p_target_met_std_error: risk.p_demand_met.std_error,
        checker_violations: report.violations.len() + design.violations(&plan.roster).len(),
        watch_station: design.watch.clone(),
        watch_stock,
        build_seconds: plan.status.build_seconds,
        solve_seconds: plan.status.solve_seconds,
    })
}
