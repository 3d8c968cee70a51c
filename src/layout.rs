//! Line-layout comparison: one workforce and one demand, several ways to lay
//! out the floor, each rostered, checked, timed and stress-tested for
//! absences.
//!
//! A layout is a transformation of a base scenario ([`Layout::apply`]):
//!
//! - [`Layout::AsGiven`]: the base unchanged.
//! - [`Layout::AllRegular`]: every line merged into the *process line* (the
//!   line with the most stations) running only regular shifts — no
//!   flexible-hours work at all.
//! - [`Layout::DedicatedFlexibleLine`]: a separate line that runs only
//!   flexible shifts (the "mom line"), beside a line with regular shifts.
//!   The base must already be laid out so (as the bundled motor-factory week
//!   is); it is kept as given.
//! - [`Layout::FlexibleSpread`]: every line merged into the process line,
//!   which runs every shift, regular and flexible: carers work at every
//!   station on flexible shifts.
//!
//! Merging keeps the floor and the demand: each station of another line
//! adds its workplaces (and initial stock) to the process station with the
//! same skill; targets move to the process line with their units, dates and
//! penalties; workers allowed on a merged line are allowed on the process
//! line. The workforce is never changed.
//!
//! [`compare`] solves every layout (with the caller's time limit), runs the
//! roster through the independent checker, the time-resolved estimate and
//! the absence Monte Carlo, and returns one [`LayoutResult`] each.
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

use crate::error::Error;
use crate::flow::{self, FlowOptions};
use crate::model::{CareWindow, LineId, Scenario, ShiftId, ShiftKind};
use crate::report::Outcome;
use crate::risk::{self, RiskOptions};
use crate::solve::{Model, SolveOptions};

/// A way to lay out the lines (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// The base scenario unchanged.
    AsGiven,
    /// One process line, regular shifts only.
    AllRegular,
    /// A dedicated line running only flexible shifts beside regular lines
    /// (the base must have one).
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

    /// Builds this layout's scenario from `base`; the result is validated.
    ///
    /// Errors ([`Error::Layout`]): a base without lines; for
    /// `DedicatedFlexibleLine`, a base without a line that runs only
    /// flexible shifts; for the merged layouts, a station whose skill the
    /// process line lacks, or (all regular) no regular shift at all.
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
        let err = |message: String| Error::Layout {
            layout: self.name().to_owned(),
            message,
        };
        if base.lines.is_empty() {
            return Err(err("the base scenario has no lines".into()));
        }
        let out = match self {
            Layout::AsGiven => base.clone(),
            Layout::DedicatedFlexibleLine => {
                let flexible_only = |l: &crate::model::Line| {
                    !l.shifts.is_empty()
                        && l.shifts.iter().all(|id| {
                            base.shift(id)
                                .is_some_and(|s| s.kind == ShiftKind::Flexible)
                        })
                };
                let has_regular = |l: &crate::model::Line| {
                    l.shifts
                        .iter()
                        .any(|id| base.shift(id).is_some_and(|s| s.kind == ShiftKind::Regular))
                };
                if !(base.lines.iter().any(flexible_only) && base.lines.iter().any(has_regular)) {
                    return Err(err(
                        "the base needs a line that runs only flexible shifts beside a line \
                         with regular shifts; add one (e.g. an assembly line on an 08:00–16:30 \
                         shift of kind \"flexible\") or use as_given"
                            .into(),
                    ));
                }
                base.clone()
            }
            Layout::AllRegular => merge(base, false).map_err(err)?,
            Layout::FlexibleSpread => merge(base, true).map_err(err)?,
        };
        out.validate().map_err(Error::Invalid)?;
        Ok(out)
    }
}

/// Merges every line into the process line; `flexible`: keep flexible
/// shifts too.
fn merge(base: &Scenario, flexible: bool) -> Result<Scenario, String> {
    let mut s = base.clone();
    let pi = (0..s.lines.len())
        .rev()
        .max_by_key(|&i| s.lines[i].stations.len())
        .unwrap_or(0);
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
            let Some(into) = process.stations.iter_mut().find(|p| p.skill == st.skill) else {
                return Err(format!(
                    "station `{}` of line `{}` needs skill `{}`, which no station of the \
                     process line `{}` has; add such a station to `{}`",
                    st.id, line.id, st.skill, process.id, process.id
                ));
            };
            into.workplaces = into.workplaces.saturating_add(st.workplaces);
            if pos > 0 {
                into.initial_stock += st.initial_stock;
                if let (Some(a), Some(b)) = (into.buffer_capacity, st.buffer_capacity) {
                    into.buffer_capacity = Some(a + b);
                }
            }
        }
    }
    shifts.retain(|id| flexible || base.shift(id).is_some_and(|t| t.kind == ShiftKind::Regular));
    if shifts.is_empty() {
        return Err("no line runs a regular shift; add a shift of kind \"regular\"".into());
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
    /// Solve options for every layout (set `time_limit`).
    pub solve: SolveOptions,
    /// The time-resolved estimate.
    pub flow: FlowOptions,
    /// The absence Monte Carlo.
    pub risk: RiskOptions,
}

impl CompareOptions {
    /// Checks every option before any layout is solved: the solve options
    /// ([`SolveOptions::check`]), the flow's bucket (divides 1440 minutes),
    /// and the risk options (samples 1 to [`risk::MAX_SAMPLES`], default
    /// probabilities in [0, 1]).
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
        Ok(())
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
    /// Probability that the horizon's finished units (time-resolved, with
    /// absences) reach `target_units`.
    pub p_target_met: f64,
    /// Its standard error.
    pub p_target_met_std_error: f64,
    /// Hard-rule violations the checker found (0 for a sound roster).
    pub checker_violations: usize,
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
    layouts
        .iter()
        .map(|&layout| {
            let scenario = layout.apply(base)?;
            evaluate(layout.name(), &scenario, options)
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
    options.check()?;
    let model = Model::build(scenario)?;
    let plan = model.solve(&options.solve)?;
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
    let is_carer = |w: &crate::model::Worker| {
        w.unavailable
            .iter()
            .any(|c| matches!(c, CareWindow::Weekly { .. }))
    };
    let mut employed = 0;
    let mut carers = 0;
    let mut carers_employed = 0;
    let mut carer_hours = 0.0;
    for w in &scenario.workers {
        let hours: f64 = plan.roster.of_worker(&w.id).map(|a| a.paid_hours).sum();
        let on = plan.roster.of_worker(&w.id).next().is_some();
        employed += usize::from(on);
        if is_carer(w) {
            carers += 1;
            carers_employed += usize::from(on);
            carer_hours += hours;
        }
    }
    Ok(LayoutResult {
        layout: name.to_owned(),
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
        p_target_met: risk.p_demand_met.p,
        p_target_met_std_error: risk.p_demand_met.std_error,
        checker_violations: report.violations.len(),
        build_seconds: plan.status.build_seconds,
        solve_seconds: plan.status.solve_seconds,
    })
}
