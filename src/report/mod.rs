//! What a solve returns: the roster, the throughput on the clock (per
//! interval and per date), the cost breakdown, unmet targets and the solver
//! status. All serde-serialisable. Every row type lives here; the crate root
//! re-exports the ones most users name ([`crate::Plan`], [`crate::Roster`],
//! [`crate::Throughput`], ...).
//!
//! ```
//! # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
//! let scenario = flexline::Scenario::from_json_str(&json)?;
//! let plan = flexline::solve(&scenario, &Default::default())?;
//! let busy: Vec<&flexline::report::StationInterval> =
//!     plan.throughput.intervals.iter().filter(|i| i.produced_units > 0.0).collect();
//! assert!(!busy.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod evaluate;
mod fairness;

pub(crate) use evaluate::{evaluate, roster};
pub(crate) use fairness::add_cost as add_fairness_cost;
pub use fairness::{fairness, GroupSpread, Spread};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::model::{LineId, ShiftId, StationId, TargetId, TargetKind, WorkerId};

/// One worker on one shift at one station.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// Who.
    pub worker: WorkerId,
    /// The date the shift starts.
    pub date: NaiveDate,
    /// Which shift template.
    pub shift: ShiftId,
    /// The line of the station.
    pub line: LineId,
    /// Where.
    pub station: StationId,
    /// Shift start (local time).
    pub start: NaiveDateTime,
    /// Shift end (local time; the next day for a night shift).
    pub end: NaiveDateTime,
    /// Paid hours (shift less unpaid break).
    pub paid_hours: f64,
}

/// Who works which shift at which station on which date.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// Assignments, ordered by worker (scenario order) then date.
    pub assignments: Vec<Assignment>,
    /// Home workers' batches, ordered by worker (scenario order), then out
    /// date, then station (docs/semantics.md, "Home-based work").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub home_batches: Vec<HomeBatch>,
}

/// Material a home worker takes on one delivery round and returns, finished,
/// on the next.
///
/// ```
/// let b: flexline::HomeBatch = serde_json::from_str(r#"{
///   "worker": "lan", "line": "L", "station": "wind", "units_out": 30, "out_date": "2026-03-02",
///   "units_back": 30, "back_date": "2026-03-04", "minutes": 360 }"#)?;
/// assert_eq!(b.units_back, b.units_out);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeBatch {
    /// The home worker.
    pub worker: WorkerId,
    /// The line of the station.
    pub line: LineId,
    /// The station whose work is done at home.
    pub station: StationId,
    /// Units of material taken out (whole units).
    pub units_out: f64,
    /// The round the material goes out on.
    pub out_date: NaiveDate,
    /// Finished units brought back (equal to `units_out`).
    pub units_back: f64,
    /// The next round, when the finished units come back and enter the stock.
    pub back_date: NaiveDate,
    /// Minutes of home work the batch takes (units × minutes per unit ÷
    /// (skill efficiency × home efficiency)); paid at the hourly wage.
    pub minutes: f64,
}

impl Roster {
    /// The assignments of one worker.
    ///
    /// ```
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
    /// # let scenario = flexline::Scenario::from_json_str(&json)?;
    /// let plan = flexline::solve(&scenario, &Default::default())?;
    /// let ana = flexline::WorkerId::from("ana");
    /// assert_eq!(plan.roster.of_worker(&ana).count(), 1);
    /// assert_eq!(plan.roster.total_hours(), 16.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of_worker<'a>(&'a self, w: &'a WorkerId) -> impl Iterator<Item = &'a Assignment> + 'a {
        self.assignments.iter().filter(move |a| &a.worker == w)
    }

    /// Total paid hours.
    pub fn total_hours(&self) -> f64 {
        self.assignments.iter().map(|a| a.paid_hours).sum()
    }
}

/// Production at one station on one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StationDay {
    /// The line.
    pub line: LineId,
    /// The station.
    pub station: StationId,
    /// The calendar date.
    pub date: NaiveDate,
    /// People rostered here on shifts that start on the date.
    pub workers: u32,
    /// Paid hours of those shifts.
    pub staffed_hours: f64,
    /// Units the people on shift can make between 00:00 and 24:00 of the
    /// date (a shift past midnight adds its hours after midnight to the next
    /// date).
    pub capacity_units: f64,
    /// Units made on the date: capacity, or less when material runs out or
    /// the buffer after the station is full.
    pub produced_units: f64,
    /// Units waiting in front of the station at 24:00
    /// (0 for the first station, which draws raw material).
    pub stock_end: f64,
    /// produced / capacity (0 when capacity is 0).
    pub utilisation: f64,
}

/// One station in one interval of the clock (between two consecutive shift
/// boundaries or midnights), where it has capacity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StationInterval {
    /// The line.
    pub line: LineId,
    /// The station.
    pub station: StationId,
    /// Start of the interval.
    pub start: NaiveDateTime,
    /// End of the interval.
    pub end: NaiveDateTime,
    /// Units the people on shift can make in the interval.
    pub capacity_units: f64,
    /// Units made.
    pub produced_units: f64,
    /// Units waiting in front of the station at the end of the interval.
    pub stock_end: f64,
}

/// Finished output of a line on one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineDay {
    /// The line.
    pub line: LineId,
    /// The date.
    pub date: NaiveDate,
    /// Units completed by the last station between 00:00 and 24:00.
    pub finished_units: f64,
    /// The station limiting finished output that day: walking upstream from
    /// the last station, the first one that used all its capacity. `None`
    /// when no station of the line has capacity that date (nothing planned).
    pub bottleneck: Option<StationId>,
    /// Sum of the delivery targets (`on_date`, `made_on_date`) for this line
    /// and date, if any.
    pub target_units: Option<f64>,
    /// Units delivered from finished goods to this date's delivery targets.
    pub delivered_units: f64,
    /// Finished units held at the end of the day (finished so far − delivered so far).
    pub finished_stock_end: f64,
}

/// How one target fared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetResult {
    /// The target.
    pub target: TargetId,
    /// Its line.
    pub line: LineId,
    /// Its date.
    pub date: NaiveDate,
    /// On the date, or cumulative by it.
    pub kind: TargetKind,
    /// Units wanted.
    pub target_units: f64,
    /// Units credited: for `on_date`, delivered from finished goods on the
    /// date; for `by_date`, finished from the horizon start up to the date.
    pub finished_units: f64,
    /// wanted − credited.
    pub shortfall_units: f64,
}

/// The throughput of a roster on the clock (docs/semantics.md,
/// "Production on the clock"): per interval between shift boundaries, and per date as sums
/// of the intervals of that calendar date.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Throughput {
    /// Per station and date, lines in scenario order, stations in flow order, then date.
    pub stations: Vec<StationDay>,
    /// Per station and interval in which it has capacity, same order, then time.
    #[serde(default)]
    pub intervals: Vec<StationInterval>,
    /// Per line and date.
    pub lines: Vec<LineDay>,
    /// Per target, in scenario order.
    pub targets: Vec<TargetResult>,
}

/// What the roster costs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CostBreakdown {
    /// Every paid hour at the worker's base wage.
    pub base_wages: f64,
    /// Extra pay for daily and weekly overtime on workdays.
    pub overtime_premium: f64,
    /// Extra pay for hours on weekly rest days.
    pub rest_day_premium: f64,
    /// Extra pay for hours on public holidays.
    pub holiday_premium: f64,
    /// Holding stock: work in progress in front of stations and finished
    /// units held, at 24:00 of every date, times the holding costs.
    #[serde(default)]
    pub holding_cost: f64,
    /// Home workers' pay: batch minutes at the hourly wage, no premiums.
    #[serde(default)]
    pub home_wages: f64,
    /// base + all premiums + home wages.
    pub wages_total: f64,
    /// Hours of weekly overtime (beyond the weekly standard).
    pub weekly_overtime_hours: f64,
    /// Units of target missed.
    pub shortfall_units: f64,
    /// Penalty for those units.
    pub shortfall_penalty: f64,
    /// Contracted hours not rostered.
    pub contract_hours_missing: f64,
    /// Penalty for those hours.
    pub contract_penalty: f64,
    /// People missing from headcount cover, summed over requirements.
    #[serde(default)]
    pub cover_short: f64,
    /// Penalty for those people (each requirement's `under_weight`).
    #[serde(default)]
    pub cover_short_penalty: f64,
    /// People beyond headcount cover, summed over requirements.
    #[serde(default)]
    pub cover_excess: f64,
    /// Penalty for those people (each requirement's `over_weight`).
    #[serde(default)]
    pub cover_excess_penalty: f64,
    /// Shift requests not granted.
    #[serde(default)]
    pub requests_broken: u32,
    /// Their weights, summed.
    #[serde(default)]
    pub request_penalty: f64,
    /// Hours members of fairness groups lie from their group's mean, summed
    /// (groups with an `hours_weight` only).
    #[serde(default)]
    pub fair_hours_deviation: f64,
    /// Weekends members of fairness groups lie from their group's mean,
    /// summed (groups with a `weekends_weight` only).
    #[serde(default)]
    pub fair_weekends_deviation: f64,
    /// The deviations at their weights, summed.
    #[serde(default)]
    pub fairness_penalty: f64,
    /// wages_total + penalties: the quantity the solver minimises.
    pub objective: f64,
}

/// How one headcount requirement is met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverResult {
    /// The date.
    pub date: NaiveDate,
    /// The shift.
    pub shift: ShiftId,
    /// The line counted, if only one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<LineId>,
    /// The station counted, if only one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub station: Option<StationId>,
    /// People wanted.
    pub required: u32,
    /// People rostered.
    pub staffed: u32,
}

/// A target the roster does not meet: the numbers only. The words come
/// from its [`Display`](std::fmt::Display) (also [`Unmet::explanation`]),
/// which renders these fields and nothing else.
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// # let mut scenario = flexline::Scenario::from_json_str(&json)?;
/// scenario.targets[0].units = 1000.0;
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let u = &plan.unmet[0];
/// assert!((u.credited_units + u.shortfall_units - u.target_units).abs() < 1e-6);
/// assert!(u.to_string().contains("short"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unmet {
    /// The target.
    pub target: TargetId,
    /// Its line.
    pub line: LineId,
    /// Its date.
    pub date: NaiveDate,
    /// On the date, by it, or made on it.
    #[serde(default)]
    pub kind: TargetKind,
    /// Units wanted.
    pub target_units: f64,
    /// Units credited to the target (= [`TargetResult::finished_units`]):
    /// for `on_date`, delivered from finished goods, which may include
    /// units finished on earlier dates and held; for `by_date`, everything
    /// finished up to the date; for `made_on_date`, units finished on the
    /// date.
    #[serde(alias = "finished_units")]
    pub credited_units: f64,
    /// Units the line finished during the target's date itself (00:00–24:00).
    #[serde(default)]
    pub finished_on_date_units: f64,
    /// Units short.
    pub shortfall_units: f64,
    /// The line on each date that could feed the target (the target's date;
    /// for `by_date` and `on_date` every date up to it), in date order.
    #[serde(default)]
    pub days: Vec<UnmetDay>,
}

/// The line on one date that could feed an unmet target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnmetDay {
    /// The date.
    pub date: NaiveDate,
    /// Units the line finished that date.
    pub finished_units: f64,
    /// The bottleneck ([`LineDay::bottleneck`]); `None`: nothing planned.
    pub bottleneck: Option<StationId>,
    /// People rostered at the bottleneck on shifts starting that date.
    pub workers: u32,
    /// Their paid hours.
    pub staffed_hours: f64,
    /// The bottleneck's capacity that date, units.
    pub capacity_units: f64,
}

impl Unmet {
    /// Credited units that must have been finished before the target's
    /// date (credited beyond what the line finished that day); 0 for
    /// `made_on_date` and when the day's output covers the credit.
    ///
    /// ```
    /// let u = flexline::Unmet { target: "t".into(), line: "L".into(),
    ///     date: chrono::NaiveDate::from_ymd_opt(2027, 3, 3).unwrap(), kind: Default::default(),
    ///     target_units: 9000.0, credited_units: 8813.6, finished_on_date_units: 3113.6,
    ///     shortfall_units: 186.4, days: vec![] };
    /// assert!((u.from_stock_units() - 5700.0).abs() < 1e-9);
    /// assert!(u.explanation().contains("finished 3113.6 that day"));
    /// ```
    pub fn from_stock_units(&self) -> f64 {
        match self.kind {
            TargetKind::MadeOnDate => 0.0,
            _ => (self.credited_units - self.finished_on_date_units).max(0.0),
        }
    }

    /// The plain-language explanation (the same as `to_string()`).
    pub fn explanation(&self) -> String {
        self.to_string()
    }

    /// The explanation in `lang`.
    ///
    /// ```
    /// let u = flexline::Unmet { target: "t".into(), line: "L".into(),
    ///     date: chrono::NaiveDate::from_ymd_opt(2027, 3, 3).unwrap(), kind: Default::default(),
    ///     target_units: 90.0, credited_units: 80.0, finished_on_date_units: 80.0,
    ///     shortfall_units: 10.0, days: vec![] };
    /// assert!(u.explanation_in(flexline::Lang::ZhCn).starts_with("目标 t（产线 L"));
    /// assert_eq!(u.explanation_in(flexline::Lang::En), u.explanation());
    /// ```
    pub fn explanation_in(&self, lang: crate::Lang) -> String {
        lang.text().unmet(self)
    }
}

impl std::fmt::Display for Unmet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.explanation_in(crate::Lang::En))
    }
}

/// Which MIP solver to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Backend {
    /// HiGHS (C++; cargo feature `highs`, on by default). Reports the proven
    /// dual bound and gap.
    Highs,
    /// microlp (pure Rust; cargo feature `microlp`). For small scenarios;
    /// reports a gap only when it proves optimality.
    Microlp,
}

impl Default for Backend {
    fn default() -> Self {
        if cfg!(feature = "highs") {
            Backend::Highs
        } else {
            Backend::Microlp
        }
    }
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Backend {
    /// The backend's name.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Highs => "highs",
            Backend::Microlp => "microlp",
        }
    }
}

/// How the solve ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// Proven optimal within the requested relative gap.
    Optimal,
    /// A roster was found, but the limit (time or nodes) stopped the proof.
    Feasible,
    /// No roster was found in time (the roster returned is empty).
    NoSolution,
}

/// Solver status with the proven gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolveStatus {
    /// Optimal, feasible, or no solution.
    pub outcome: Outcome,
    /// The solver that produced the plan (`"highs"` or `"microlp"` in JSON).
    pub backend: Backend,
    /// Objective of the roster returned, as the solver saw it.
    pub objective: Option<f64>,
    /// Proven lower bound on the objective (None if the backend gives none).
    pub dual_bound: Option<f64>,
    /// Relative gap (objective − bound) / |objective| (None if unknown).
    pub gap: Option<f64>,
    /// Wall-clock seconds spent solving (model build excluded).
    pub solve_seconds: f64,
    /// Wall-clock seconds spent building the model.
    pub build_seconds: f64,
    /// Model size.
    pub variables: usize,
    /// Model size.
    pub constraints: usize,
}

/// Everything a solve returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Solver status.
    pub status: SolveStatus,
    /// The roster.
    pub roster: Roster,
    /// Throughput estimate of the roster.
    pub throughput: Throughput,
    /// Cost of the roster.
    pub cost: CostBreakdown,
    /// Targets not met, with explanations.
    pub unmet: Vec<Unmet>,
    /// Headcount cover, one entry per requirement in scenario order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cover: Vec<CoverResult>,
}
