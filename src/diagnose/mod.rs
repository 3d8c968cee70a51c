//! Why a roster falls short, which input rules conflict, and what would help.
//!
//! Three parts, all returning **data** (serde-serialisable), never strings:
//!
//! - [`diagnose`] takes a scenario and a solved [`Plan`] and attributes every
//!   unit of every unmet target to the stations that limited finished output
//!   ([`Limit`]), each with its binding [`Cause`]s naming the workers,
//!   stations, dates and caregiving windows involved. Contracted hours not
//!   given (the soft contract rule) get the same treatment ([`ContractGap`]).
//! - [`conflicts`] finds rules of the input that cannot all hold (a contracted
//!   minimum no shift pattern within the worker's windows and caps can give; a
//!   target on a line whose station nobody can staff), each reduced to a
//!   minimal set by [`minimal_conflict`], a deletion filter over rule groups.
//! - [`remedies`] proposes what-if changes ([`RemedyKind`]), re-solves the
//!   scenario with each and returns them ranked by their verified gain in
//!   finished units.
//!
//! [`explain`] and [`explain_remedies`] turn the data into plain English.
//! The method is described in `DESIGN.md` ("Diagnosis and remedies").
//!
//! ```
//! let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/short_week.json"))?;
//! let scenario = flexline::Scenario::from_json_str(&json)?;
//! let plan = flexline::solve(&scenario, &flexline::SolveOptions::default())?;
//! let diagnosis = flexline::diagnose::diagnose(&scenario, &plan);
//! assert!(!diagnosis.shortfalls.is_empty());
//! for s in &diagnosis.shortfalls {
//!     // every unit short is attributed to a limiting station with a cause
//!     let attributed: f64 = s.limits.iter().map(|l| l.units).sum();
//!     assert!((attributed - s.shortfall_units).abs() < 1e-6);
//!     assert!(s.limits.iter().all(|l| !l.causes.is_empty()));
//! }
//! println!("{}", flexline::diagnose::explain(&diagnosis));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod analyse;
mod conflicts;
mod explain;
mod horizon;
mod minimal;
mod remedies;
mod verify;

pub use conflicts::{conflicts, conflicts_with};
pub use explain::{
    claims_checked, describe_cause, describe_conflict, describe_conflict_in, describe_remedy,
    describe_rule_change, diagnosis_heading, explain, explain_in, explain_remedies,
    explain_remedies_in,
};
pub use minimal::minimal_conflict;
pub use remedies::{
    remedies, rule_changes, RemedyOptions, DEFAULT_MAX_CANDIDATES, REMEDY_RELATIVE_GAP,
    REMEDY_TIME_LIMIT,
};
pub use verify::{verify, ClaimFailure};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::model::{LineId, Scenario, ShiftId, SkillId, StationId, TargetId, TargetKind, WorkerId};
use crate::report::{Outcome, Plan};
pub use crate::rules::RuleId;

/// Everything [`diagnose`] found.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Diagnosis {
    /// One entry per unmet target, in scenario order.
    pub shortfalls: Vec<Shortfall>,
    /// Contracted hours not given (a violated soft rule), per worker and week block.
    pub contract_gaps: Vec<ContractGap>,
    /// Rules of the input that cannot all hold (see [`conflicts`]).
    pub conflicts: Vec<Conflict>,
}

impl Diagnosis {
    /// True when nothing is unmet and nothing conflicts.
    ///
    /// ```
    /// assert!(flexline::diagnose::Diagnosis::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.shortfalls.is_empty() && self.contract_gaps.is_empty() && self.conflicts.is_empty()
    }
}

/// An unmet target and where its missing units went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shortfall {
    /// The target.
    pub target: TargetId,
    /// Its line.
    pub line: LineId,
    /// Its date.
    pub date: NaiveDate,
    /// On the date or cumulative by it.
    pub kind: TargetKind,
    /// Units wanted.
    pub target_units: f64,
    /// Units credited (for `on_date`, delivered from finished goods, which
    /// may include units finished on earlier dates).
    pub credited_units: f64,
    /// Units the line finished during the target's date itself.
    #[serde(default)]
    pub finished_on_date_units: f64,
    /// Units short.
    pub shortfall_units: f64,
    /// The stations that limited finished output on the dates that could have
    /// fed this target; their `units` sum to `shortfall_units`.
    pub limits: Vec<Limit>,
}

/// A station (or the line's calendar) that limited finished output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Limit {
    /// The station whose capacity ran out (None: the line ran no shift at all
    /// on the dates that could feed the target).
    pub station: Option<StationId>,
    /// Dates on which it limited output.
    pub dates: Vec<NaiveDate>,
    /// Units of the shortfall attributed to this limit.
    pub units: f64,
    /// Capacity rostered at the station over those dates, in units.
    pub capacity_units: f64,
    /// Why the station could not get more capacity (never empty).
    pub causes: Vec<Cause>,
}

/// Kept for compatibility: the per-worker rules that block an extra shift
/// are named with the crate's one vocabulary, [`RuleId`].
#[deprecated(note = "use flexline::RuleId")]
pub type HoursRule = RuleId;

/// Which kind of unavailability blocks a worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowKind {
    /// A recurring caregiving window (e.g. the school run).
    Weekly,
    /// Leave over whole dates.
    Leave,
    /// A one-off absence.
    Absence,
}

/// Why a limiting station, or a worker's contracted hours, could not get more.
/// Every variant names the entities involved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "cause", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Cause {
    /// Nobody in the workforce has the station's skill.
    NoQualifiedWorker {
        /// The station.
        station: StationId,
        /// The skill it needs.
        skill: SkillId,
    },
    /// Every worker with the skill was already rostered (here or elsewhere) or
    /// blocked on these dates: the skill is short.
    SkillShortage {
        /// The station.
        station: StationId,
        /// The skill.
        skill: SkillId,
        /// Everyone with the skill (allowed on the line or not).
        qualified: Vec<WorkerId>,
        /// Dates.
        dates: Vec<NaiveDate>,
    },
    /// A caregiving window, leave or absence overlaps every shift the line
    /// runs on these dates.
    CaregivingWindow {
        /// The worker.
        worker: WorkerId,
        /// Weekly window, leave or absence.
        window: WindowKind,
        /// The reason given in the scenario (may be empty).
        reason: String,
        /// Dates.
        dates: Vec<NaiveDate>,
    },
    /// A per-worker hours or days rule blocks another shift.
    HoursLimit {
        /// The worker.
        worker: WorkerId,
        /// Which rule: `daily_hours` (the shift is longer than the daily
        /// hours or the daily overtime cap allow: here it stands for both
        /// daily caps, `daily_hours` and `daily_overtime`), `weekly_hours`,
        /// `overtime_cap`, `days_off`, `consecutive_days` or `min_rest`.
        rule: RuleId,
        /// Dates.
        dates: Vec<NaiveDate>,
    },
    /// The worker has the skill but may not work on the station's line.
    LineNotAllowed {
        /// The worker.
        worker: WorkerId,
        /// The line.
        line: LineId,
    },
    /// The worker was rostered at another station on these dates.
    WorkingElsewhere {
        /// The worker.
        worker: WorkerId,
        /// Where they worked.
        station: StationId,
        /// Dates.
        dates: Vec<NaiveDate>,
    },
    /// Every workplace of the station was taken at some moment of each of
    /// `shifts` on each of `dates`, so nobody more could work those shifts
    /// there.
    WorkplacesFull {
        /// The station.
        station: StationId,
        /// Its workplaces.
        workplaces: u32,
        /// Dates.
        dates: Vec<NaiveDate>,
        /// The shifts (of the station's line) that were full.
        #[serde(default)]
        shifts: Vec<ShiftId>,
    },
    /// Finished output waited for material from this station: the stock in
    /// front of the station downstream ran out.
    UpstreamStock {
        /// The limiting (upstream) station.
        upstream: StationId,
        /// The station that waited for material.
        downstream: StationId,
        /// Its stock at the start of the horizon.
        initial_stock: f64,
        /// Dates.
        dates: Vec<NaiveDate>,
    },
    /// On the clock: `station` had people on shift from `from` to `to` but
    /// no material — the stock in front of it had run out and `upstream`
    /// delivered less than it could use.
    Starved {
        /// The station that waited.
        station: StationId,
        /// The station before it.
        upstream: StationId,
        /// Start of the span.
        from: NaiveDateTime,
        /// End of the span.
        to: NaiveDateTime,
        /// Capacity unused in the span, units.
        lost_units: f64,
        /// What `upstream` made in the span, units.
        upstream_made_units: f64,
        /// When `upstream` last had people on shift before the span, if it
        /// had none during it (start, end of that stretch).
        upstream_last_worked: Option<(NaiveDateTime, NaiveDateTime)>,
    },
    /// On the clock: `station` had people on shift from `from` to `to` but
    /// could not pass its output on — the buffer in front of `downstream`
    /// was full.
    Blocked {
        /// The station that was blocked.
        station: StationId,
        /// The station whose buffer was full.
        downstream: StationId,
        /// That buffer's capacity, units.
        buffer: f64,
        /// Start of the span.
        from: NaiveDateTime,
        /// End of the span.
        to: NaiveDateTime,
        /// Capacity unused in the span, units.
        lost_units: f64,
    },
    /// Workers free to work here were not rostered: at the shortfall penalty
    /// their cost per unit (wage and premiums) was not worth it, or a
    /// station elsewhere in the flow could not follow.
    UnusedWorkers {
        /// The station.
        station: StationId,
        /// Who was free.
        workers: Vec<WorkerId>,
        /// Dates.
        dates: Vec<NaiveDate>,
        /// Cheapest wage cost per unit among them.
        cost_per_unit: f64,
        /// The target's penalty per unit short.
        penalty_per_unit: f64,
    },
    /// The worker was free to work at the station on these dates and was not
    /// rostered there (contract gaps: their wage against the penalty per
    /// contract hour missed).
    NotRostered {
        /// The worker.
        worker: WorkerId,
        /// A station they could have staffed.
        station: StationId,
        /// Dates.
        dates: Vec<NaiveDate>,
        /// Wage cost per hour there.
        cost_per_hour: f64,
        /// Penalty per contracted hour missed.
        penalty_per_hour: f64,
    },
    /// The line runs no shift on these dates.
    LineNotRunning {
        /// The line.
        line: LineId,
        /// Dates.
        dates: Vec<NaiveDate>,
    },
    /// No shift pattern within the worker's windows and caps gives the
    /// contracted hours.
    ContractUnreachable {
        /// The worker.
        worker: WorkerId,
        /// Most hours any roster could give in the block.
        max_hours: f64,
        /// Hours contracted in the block.
        contracted_hours: f64,
    },
}

/// Contracted hours a roster does not give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractGap {
    /// The worker.
    pub worker: WorkerId,
    /// First date of the 7-day block.
    pub from: NaiveDate,
    /// Last date of the block.
    pub to: NaiveDate,
    /// Hours contracted in the block (pro-rated).
    pub contracted_hours: f64,
    /// Hours rostered.
    pub rostered_hours: f64,
    /// Why not more (never empty).
    pub causes: Vec<Cause>,
}

/// One rule taking part in a conflict, with its entities.
///
/// Its tag (`"rule"` in JSON) names the rule as the input states it, often
/// after the scenario field (`max_shifts`, `max_weekends`);
/// [`RuleRef::rules`] names it in the crate's one vocabulary, [`RuleId`],
/// as the checker reports a roster that breaks it.
///
/// ```
/// use flexline::{diagnose::RuleRef, RuleId};
/// let r = RuleRef::WeeklyHoursCap { worker: "bo".into() };
/// assert_eq!(r.rules(), [RuleId::WeeklyHours]);
/// assert_eq!(serde_json::to_value(&r)?["rule"], "weekly_hours_cap");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RuleRef {
    /// A worker's contracted minimum hours per week.
    ContractMinimum {
        /// The worker.
        worker: WorkerId,
    },
    /// A worker's caregiving windows, leave and absences.
    CaregivingWindows {
        /// The worker.
        worker: WorkerId,
    },
    /// The daily hours / daily overtime cap (shifts longer are not allowed).
    DailyHoursCap {
        /// The worker.
        worker: WorkerId,
    },
    /// The weekly hours cap.
    WeeklyHoursCap {
        /// The worker.
        worker: WorkerId,
    },
    /// The minimum days off per week.
    DaysOff {
        /// The worker.
        worker: WorkerId,
    },
    /// The lines a worker may work on.
    LineRestriction {
        /// The worker.
        worker: WorkerId,
    },
    /// The skills a worker has (they can staff only those stations).
    Skills {
        /// The worker.
        worker: WorkerId,
    },
    /// The shift templates (times and days) the worker's lines run.
    ShiftTemplates {
        /// The lines.
        lines: Vec<LineId>,
    },
    /// An output target.
    Target {
        /// The target.
        target: TargetId,
    },
    /// The skill a station needs.
    StationSkill {
        /// The station.
        station: StationId,
        /// The skill.
        skill: SkillId,
    },
    /// A worker's minimum paid minutes over the horizon (`min_total_minutes`).
    MinTotalMinutes {
        /// The worker.
        worker: WorkerId,
    },
    /// A worker's maximum paid minutes over the horizon (`max_total_minutes`).
    MaxTotalMinutes {
        /// The worker.
        worker: WorkerId,
    },
    /// A worker's fixed days off (`days_off`).
    FixedDaysOff {
        /// The worker.
        worker: WorkerId,
    },
    /// A worker's caps on each shift template (`max_shifts`).
    MaxShifts {
        /// The worker.
        worker: WorkerId,
    },
    /// The most consecutive working days (the worker's and the rules').
    MaxConsecutiveDays {
        /// The worker.
        worker: WorkerId,
    },
    /// A worker's fewest consecutive working days.
    MinConsecutiveDays {
        /// The worker.
        worker: WorkerId,
    },
    /// A worker's fewest consecutive days off.
    MinConsecutiveDaysOff {
        /// The worker.
        worker: WorkerId,
    },
    /// A worker's most weekends worked.
    MaxWeekends {
        /// The worker.
        worker: WorkerId,
    },
    /// The minimum rest between shifts and the forbidden successions.
    RestBetweenShifts {
        /// The worker.
        worker: WorkerId,
    },
    /// Every hours cap at once: the daily hours and daily overtime caps, the
    /// weekly hours cap and the overtime cap (the worker's and the rules').
    HourCaps {
        /// The worker.
        worker: WorkerId,
    },
}

impl RuleRef {
    /// The rules of the crate's vocabulary this reference stands for (never
    /// empty): a roster that breaks it gets a checker violation of one of
    /// them. Several when the input states them as one (the daily cap is
    /// hours and overtime; rest is the minimum rest and the forbidden
    /// successions).
    ///
    /// ```
    /// use flexline::{diagnose::RuleRef, RuleId};
    /// let r = RuleRef::RestBetweenShifts { worker: "ana".into() };
    /// assert_eq!(r.rules(), [RuleId::MinRest, RuleId::ForbiddenSuccession]);
    /// ```
    pub fn rules(&self) -> &'static [RuleId] {
        use RuleId as R;
        match self {
            RuleRef::ContractMinimum { .. } => &[R::ContractMinimum],
            RuleRef::CaregivingWindows { .. } => &[R::CaregivingWindow],
            RuleRef::DailyHoursCap { .. } => &[R::DailyHours, R::DailyOvertime],
            RuleRef::WeeklyHoursCap { .. } => &[R::WeeklyHours],
            RuleRef::DaysOff { .. } => &[R::DaysOff],
            RuleRef::LineRestriction { .. } => &[R::LineNotAllowed],
            RuleRef::Skills { .. } | RuleRef::StationSkill { .. } => &[R::MissingSkill],
            RuleRef::ShiftTemplates { .. } => &[
                R::LineDoesNotRunShift,
                R::ShiftNotRunning,
                R::ShiftTimesWrong,
            ],
            RuleRef::Target { .. } => &[R::OutputTarget],
            RuleRef::MinTotalMinutes { .. } | RuleRef::MaxTotalMinutes { .. } => &[R::TotalMinutes],
            RuleRef::FixedDaysOff { .. } => &[R::FixedDayOff],
            RuleRef::MaxShifts { .. } => &[R::ShiftCount],
            RuleRef::MaxConsecutiveDays { .. } => &[R::ConsecutiveDays],
            RuleRef::MinConsecutiveDays { .. } => &[R::MinConsecutiveDays],
            RuleRef::MinConsecutiveDaysOff { .. } => &[R::MinConsecutiveDaysOff],
            RuleRef::MaxWeekends { .. } => &[R::Weekends],
            RuleRef::RestBetweenShifts { .. } => &[R::MinRest, R::ForbiddenSuccession],
            RuleRef::HourCaps { .. } => &[
                R::DailyHours,
                R::DailyOvertime,
                R::WeeklyHours,
                R::OvertimeCap,
            ],
        }
    }
}

/// A set of rules that cannot all hold, minimal: drop any one and the rest can.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The rules.
    pub rules: Vec<RuleRef>,
    /// The shortfall the conflict forces (hours of contract, or units of target).
    pub amount: f64,
    /// Dates concerned (first and last date of the block, or the target date).
    pub dates: Vec<NaiveDate>,
}

/// A what-if change to the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "remedy", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RemedyKind {
    /// Train `worker` in `skill` (at `efficiency`) so they can staff `station`.
    CrossTrain {
        /// Who.
        worker: WorkerId,
        /// The skill learnt.
        skill: SkillId,
        /// The limiting station that needs it.
        station: StationId,
        /// Efficiency while still learning (e.g. 0.7).
        efficiency: f64,
    },
    /// Hire one more person like `like` (same skills, wage, contract and
    /// weekly caregiving windows; no leave or absences).
    AddWorker {
        /// The model worker.
        like: WorkerId,
        /// The new worker's id.
        new_id: WorkerId,
    },
    /// Change a shift template's times (extend or move it) on every day it runs.
    ChangeShift {
        /// The template.
        shift: ShiftId,
        /// New start.
        start: NaiveTime,
        /// New end.
        end: NaiveTime,
    },
    /// Allow overtime on the date's weekday: the line also runs a copy of
    /// `shift` ending `extra_minutes` later, and the daily caps rise to fit it.
    AllowOvertime {
        /// The line.
        line: LineId,
        /// The shift extended.
        shift: ShiftId,
        /// The date (the copy runs on its weekday).
        date: NaiveDate,
        /// The weekday.
        weekday: Weekday,
        /// Minutes added.
        extra_minutes: u32,
    },
    /// Raise a station's workplaces.
    RaiseWorkplaces {
        /// The station.
        station: StationId,
        /// New number of workplaces.
        workplaces: u32,
    },
    /// Add stock in front of a station at the start of the horizon.
    AddStock {
        /// The station.
        station: StationId,
        /// Units added.
        units: f64,
    },
    /// Raise the buffer in front of a station (upstream was blocked by it).
    RaiseBuffer {
        /// The station the buffer feeds.
        station: StationId,
        /// New buffer capacity, units.
        capacity: f64,
    },
}

/// A labour limit a remedy needs raised (or lowered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RuleLimit {
    /// The rules' most paid hours per day.
    DailyHours,
    /// The rules' most overtime hours per day.
    DailyOvertime,
    /// The rules' most paid hours per week.
    WeeklyHours,
    /// The rules' most overtime hours per month.
    MonthlyOvertime,
    /// The rules' least rest between shifts, hours.
    MinRest,
    /// The rules' most consecutive working days.
    ConsecutiveDays,
    /// The rules' fewest days off per week.
    DaysOffPerWeek,
    /// A worker's own most paid hours per day.
    WorkerDailyHours,
    /// A worker's own most paid hours per week.
    WorkerWeeklyHours,
}

impl RuleLimit {
    /// The rule of the crate's vocabulary this limit bounds.
    ///
    /// ```
    /// use flexline::{diagnose::RuleLimit, RuleId};
    /// assert_eq!(RuleLimit::MonthlyOvertime.rule(), RuleId::OvertimeCap);
    /// assert_eq!(RuleLimit::WorkerWeeklyHours.rule(), RuleId::WeeklyHours);
    /// ```
    pub fn rule(self) -> RuleId {
        match self {
            RuleLimit::DailyHours | RuleLimit::WorkerDailyHours => RuleId::DailyHours,
            RuleLimit::DailyOvertime => RuleId::DailyOvertime,
            RuleLimit::WeeklyHours | RuleLimit::WorkerWeeklyHours => RuleId::WeeklyHours,
            RuleLimit::MonthlyOvertime => RuleId::OvertimeCap,
            RuleLimit::MinRest => RuleId::MinRest,
            RuleLimit::ConsecutiveDays => RuleId::ConsecutiveDays,
            RuleLimit::DaysOffPerWeek => RuleId::DaysOff,
        }
    }
}

/// One limit of the rules in force that a remedy changes: the remedy is
/// then not within the rules, and is ranked apart ("change the rules").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleChange {
    /// Which limit.
    pub limit: RuleLimit,
    /// The worker whose own cap it is (None: the scenario's rules).
    pub worker: Option<WorkerId>,
    /// The value in force.
    pub from: f64,
    /// The value the remedy needs.
    pub to: f64,
    /// The preset the rules in force come from (e.g. "prc_standard").
    pub preset: String,
}

/// A remedy with its effect, verified by re-solving the changed scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Remedy {
    /// The change.
    pub kind: RemedyKind,
    /// The labour limits (the scenario's rules and each worker's own caps)
    /// the change needs changed; empty when it stays within the rules in
    /// force. Derived by comparing the changed scenario with the original,
    /// and confirmed by checking the re-solved roster against the original
    /// limits.
    #[serde(default)]
    pub rule_changes: Vec<RuleChange>,
    /// Finished units credited to targets: re-solved − baseline (the
    /// shortfall closed). Remedies are ranked by this.
    pub gain_units: f64,
    /// All finished units over the horizon, all lines: re-solved − baseline
    /// (includes output beyond the targets).
    pub finished_change_units: f64,
    /// Wages (premiums included): re-solved − baseline.
    pub wage_change: f64,
    /// Objective (wages + penalties): re-solved − baseline.
    pub objective_change: f64,
    /// How the re-solve ended.
    pub outcome: Outcome,
    /// Seconds the re-solve took.
    pub solve_seconds: f64,
}

/// The ranked remedies and the baseline they are measured against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemedyReport {
    /// Finished units credited to targets in the baseline solve (same
    /// options as the remedies).
    pub baseline_credited_units: f64,
    /// Finished units of the baseline, all lines.
    pub baseline_finished_units: f64,
    /// Target units short in the baseline.
    pub baseline_shortfall_units: f64,
    /// Candidate changes re-solved.
    pub evaluated: usize,
    /// Remedies within the rules in force (the scenario's labour rules and
    /// every worker's own caps) that close part of the shortfall, best
    /// first: most units gained, then the lowest change in the objective
    /// (cost).
    pub remedies: Vec<Remedy>,
    /// Remedies that close part of the shortfall but need a labour limit
    /// changed ("change the rules"; each says which limit and by how much),
    /// ranked the same way, apart from `remedies`.
    #[serde(default)]
    pub rule_changes: Vec<Remedy>,
    /// Candidates re-solved that closed none of the shortfall (the
    /// verified answer "this would not help").
    pub not_helpful: Vec<Remedy>,
    /// Wall-clock seconds of the whole search.
    pub seconds: f64,
}

impl RemedyKind {
    /// The scenario with this change applied (validated).
    ///
    /// ```
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/short_week.json"))?;
    /// let scenario = flexline::Scenario::from_json_str(&json)?;
    /// let remedy = flexline::diagnose::RemedyKind::RaiseWorkplaces {
    ///     station: "testing".into(), workplaces: 3 };
    /// let changed = remedy.apply(&scenario)?;
    /// assert_eq!(changed.lines[0].stations[2].workplaces, 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&self, scenario: &Scenario) -> Result<Scenario, crate::Error> {
        remedies::apply(self, scenario)
    }
}

/// Attributes every unmet target unit and every missing contracted hour of
/// `plan` to causes, and lists the input's [`conflicts`].
///
/// `plan` must be a solve of `scenario`; assignments that do not match it are
/// ignored. See the module docs for an example.
pub fn diagnose(scenario: &Scenario, plan: &Plan) -> Diagnosis {
    analyse::diagnose(scenario, plan)
}

#[cfg(test)]
mod tests {
    use super::{RuleId, RuleLimit, RuleRef};

    /// Every `RuleRef` variant (the match is exhaustive: a new variant does
    /// not compile until it is listed), with its JSON tag and the names of
    /// the rules it stands for.
    fn every_rule_ref() -> Vec<(RuleRef, &'static str, &'static [&'static str])> {
        let w = || "w".into();
        let all = vec![
            (
                RuleRef::ContractMinimum { worker: w() },
                "contract_minimum",
                &["contract_minimum"][..],
            ),
            (
                RuleRef::CaregivingWindows { worker: w() },
                "caregiving_windows",
                &["caregiving_window"],
            ),
            (
                RuleRef::DailyHoursCap { worker: w() },
                "daily_hours_cap",
                &["daily_hours", "daily_overtime"],
            ),
            (
                RuleRef::WeeklyHoursCap { worker: w() },
                "weekly_hours_cap",
                &["weekly_hours"],
            ),
            (RuleRef::DaysOff { worker: w() }, "days_off", &["days_off"]),
            (
                RuleRef::LineRestriction { worker: w() },
                "line_restriction",
                &["line_not_allowed"],
            ),
            (
                RuleRef::Skills { worker: w() },
                "skills",
                &["missing_skill"],
            ),
            (
                RuleRef::ShiftTemplates { lines: vec![] },
                "shift_templates",
                &[
                    "line_does_not_run_shift",
                    "shift_not_running",
                    "shift_times_wrong",
                ],
            ),
            (
                RuleRef::Target { target: "t".into() },
                "target",
                &["output_target"],
            ),
            (
                RuleRef::StationSkill {
                    station: "s".into(),
                    skill: "k".into(),
                },
                "station_skill",
                &["missing_skill"],
            ),
            (
                RuleRef::MinTotalMinutes { worker: w() },
                "min_total_minutes",
                &["total_minutes"],
            ),
            (
                RuleRef::MaxTotalMinutes { worker: w() },
                "max_total_minutes",
                &["total_minutes"],
            ),
            (
                RuleRef::FixedDaysOff { worker: w() },
                "fixed_days_off",
                &["fixed_day_off"],
            ),
            (
                RuleRef::MaxShifts { worker: w() },
                "max_shifts",
                &["shift_count"],
            ),
            (
                RuleRef::MaxConsecutiveDays { worker: w() },
                "max_consecutive_days",
                &["consecutive_days"],
            ),
            (
                RuleRef::MinConsecutiveDays { worker: w() },
                "min_consecutive_days",
                &["min_consecutive_days"],
            ),
            (
                RuleRef::MinConsecutiveDaysOff { worker: w() },
                "min_consecutive_days_off",
                &["min_consecutive_days_off"],
            ),
            (
                RuleRef::MaxWeekends { worker: w() },
                "max_weekends",
                &["weekends"],
            ),
            (
                RuleRef::RestBetweenShifts { worker: w() },
                "rest_between_shifts",
                &["min_rest", "forbidden_succession"],
            ),
            (
                RuleRef::HourCaps { worker: w() },
                "hour_caps",
                &[
                    "daily_hours",
                    "daily_overtime",
                    "weekly_hours",
                    "overtime_cap",
                ],
            ),
        ];
        for (r, _, _) in &all {
            match r {
                RuleRef::ContractMinimum { .. }
                | RuleRef::CaregivingWindows { .. }
                | RuleRef::DailyHoursCap { .. }
                | RuleRef::WeeklyHoursCap { .. }
                | RuleRef::DaysOff { .. }
                | RuleRef::LineRestriction { .. }
                | RuleRef::Skills { .. }
                | RuleRef::ShiftTemplates { .. }
                | RuleRef::Target { .. }
                | RuleRef::StationSkill { .. }
                | RuleRef::MinTotalMinutes { .. }
                | RuleRef::MaxTotalMinutes { .. }
                | RuleRef::FixedDaysOff { .. }
                | RuleRef::MaxShifts { .. }
                | RuleRef::MaxConsecutiveDays { .. }
                | RuleRef::MinConsecutiveDays { .. }
                | RuleRef::MinConsecutiveDaysOff { .. }
                | RuleRef::MaxWeekends { .. }
                | RuleRef::RestBetweenShifts { .. }
                | RuleRef::HourCaps { .. } => {}
            }
        }
        all
    }

    #[test]
    fn every_rule_ref_stands_for_rules_of_the_vocabulary() {
        let all = every_rule_ref();
        assert_eq!(all.len(), 20);
        for (r, tag, names) in all {
            let json = serde_json::to_value(&r).unwrap();
            assert_eq!(json["rule"], tag, "{r:?}: its JSON tag is unchanged");
            let got: Vec<&str> = r.rules().iter().map(|x| x.name()).collect();
            assert_eq!(got, names, "{r:?}");
            // Where the tag is a rule's name, it is that rule.
            if let Ok(same) = tag.parse::<RuleId>() {
                assert_eq!(r.rules(), [same], "{r:?}");
            }
            let back: RuleRef = serde_json::from_value(json).unwrap();
            assert_eq!(back, r);
        }
    }

    #[test]
    fn every_rule_limit_bounds_a_hard_rule_of_the_same_name() {
        for (limit, name) in [
            (RuleLimit::DailyHours, "daily_hours"),
            (RuleLimit::DailyOvertime, "daily_overtime"),
            (RuleLimit::WeeklyHours, "weekly_hours"),
            (RuleLimit::MonthlyOvertime, "overtime_cap"),
            (RuleLimit::MinRest, "min_rest"),
            (RuleLimit::ConsecutiveDays, "consecutive_days"),
            (RuleLimit::DaysOffPerWeek, "days_off"),
            (RuleLimit::WorkerDailyHours, "daily_hours"),
            (RuleLimit::WorkerWeeklyHours, "weekly_hours"),
        ] {
            assert_eq!(limit.rule().name(), name, "{limit:?}");
            assert!(limit.rule().is_hard());
        }
    }
}
