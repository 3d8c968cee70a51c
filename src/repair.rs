//! Mid-week repair: after an absence or a demand change, a roster that
//! changes as little of the published roster as the weights say, keeps every
//! hard rule, and lists every change with its reason.
//!
//! The repair minimises the scenario's usual objective (wages and penalties,
//! see [`CostBreakdown`](crate::CostBreakdown)) **plus** a price on each
//! change of a published worker-date ([`ChangeWeights`], in the same currency
//! units). Dates up to [`RepairRequest::frozen_through`] are kept exactly as
//! published. New absences become whole-date leave on the worker, so the
//! repaired roster is checked by the ordinary [`check`](crate::check::check)
//! against [`Repair::scenario`]. See docs/semantics.md and docs/formulation.md, "Repair", for the math.
//!
//! ```
//! use chrono::NaiveDate;
//! use flexline::repair::{self, Absence, ChangeWeights, RepairRequest};
//! let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
//! let scenario = flexline::Scenario::from_json_str(&json)?;
//! let options = flexline::SolveOptions::default();
//! let published = flexline::solve(&scenario, &options)?.roster;
//! let date = published.assignments[0].date;
//! let who = published.assignments[0].worker.clone();
//! let request = RepairRequest {
//!     absences: vec![Absence { worker: who.clone(), from: date, to: date, reason: "sick child".into() }],
//!     ..Default::default()
//! };
//! let fixed = repair::repair(&scenario, &published, &request, &ChangeWeights::default(), &options)?;
//! // The absent worker's shift is cancelled, and the change says why.
//! assert!(fixed.changes.iter().any(|c| c.worker == who && c.after.is_none() && c.reason.to_string().contains("sick child")));
//! assert!(flexline::check::check(&fixed.scenario, &fixed.plan.roster).is_feasible());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{CareWindow, LineId, OutputTarget, Scenario, ShiftId, StationId, WorkerId};
use crate::prepare::{Prepared, EPS};
use crate::report::{Assignment, Outcome, Plan, Roster};
use crate::solve::{Model, SolveOptions};

/// Default price of moving a day off (working a published day off, or not
/// working a published shift), in currency units.
pub const DEFAULT_DAY_OFF_WEIGHT: f64 = 200.0;
/// Default price of moving a published shift to another shift template
/// (another start or end time) on the same date.
pub const DEFAULT_SHIFT_TIME_WEIGHT: f64 = 120.0;
/// Default price of moving a published shift to another station (same shift).
pub const DEFAULT_STATION_WEIGHT: f64 = 20.0;

/// A new whole-date absence, `from` to `to` inclusive.
///
/// ```
/// let a: flexline::repair::Absence = serde_json::from_str(
///     r#"{ "worker": "m03", "from": "2026-03-04", "to": "2026-03-05", "reason": "sick child" }"#)?;
/// assert_eq!(a.worker.as_str(), "m03");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Absence {
    /// Who cannot come.
    pub worker: WorkerId,
    /// First date absent.
    pub from: NaiveDate,
    /// Last date absent.
    pub to: NaiveDate,
    /// Why (shown in the change list), e.g. "sick child".
    #[serde(default)]
    pub reason: String,
}

/// What happened since the roster was published.
///
/// ```
/// let r: flexline::repair::RepairRequest = serde_json::from_str(r#"{
///   "frozen_through": "2026-03-03",
///   "absences": [ { "worker": "m03", "from": "2026-03-04", "to": "2026-03-05" } ]
/// }"#)?;
/// assert_eq!(r.absences.len(), 1);
/// assert!(r.target_changes.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RepairRequest {
    /// Dates up to and including this one are already worked (or about to
    /// be): they are kept exactly as published. `None`: nothing is frozen.
    pub frozen_through: Option<NaiveDate>,
    /// New absences. An absence may not touch a frozen date (it is an error:
    /// the past cannot be repaired).
    pub absences: Vec<Absence>,
    /// Demand changes: a target with the id of an existing target replaces
    /// it; any other is added. (Set `units` to 0 to drop a target.)
    pub target_changes: Vec<OutputTarget>,
}

/// Prices of changing a published worker-date, in the currency of the
/// scenario's wages and penalties. One worker-date makes at most one change,
/// of the most disruptive kind: day off > shift time > station.
///
/// The defaults price a moved day off above a day's wages and a station move
/// well below a shift's output, so a repair covers lost output but does not
/// reshuffle people to save a little money.
///
/// ```
/// let w = flexline::repair::ChangeWeights::default();
/// assert!(w.day_off > w.shift_time && w.shift_time > w.station);
/// let bad = flexline::repair::ChangeWeights { station: -1.0, ..w };
/// assert!(bad.check().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChangeWeights {
    /// Working on a published day off, or off on a published working date.
    pub day_off: f64,
    /// Another shift template (start/end time) on a published working date.
    pub shift_time: f64,
    /// Same shift, another station (or line).
    pub station: f64,
}

impl Default for ChangeWeights {
    fn default() -> Self {
        Self {
            day_off: DEFAULT_DAY_OFF_WEIGHT,
            shift_time: DEFAULT_SHIFT_TIME_WEIGHT,
            station: DEFAULT_STATION_WEIGHT,
        }
    }
}

/// Largest change weight accepted (as every other price in a scenario).
pub const MAX_WEIGHT: f64 = 1e9;

impl ChangeWeights {
    /// Every weight must be finite, at least 0 and at most [`MAX_WEIGHT`].
    pub fn check(&self) -> Result<(), Error> {
        for (name, v) in [
            ("day_off", self.day_off),
            ("shift_time", self.shift_time),
            ("station", self.station),
        ] {
            if !(v.is_finite() && (0.0..=MAX_WEIGHT).contains(&v)) {
                return Err(Error::Repair {
                    field: format!("weights.{name}"),
                    message: crate::text::tidy(&format!(
                        "{} is not a price: give a finite number of currency units from 0 to 1e9",
                        crate::text::number(v)
                    )),
                });
            }
        }
        Ok(())
    }

    /// The weight of a change of this kind.
    pub fn of(&self, kind: ChangeKind) -> f64 {
        match kind {
            ChangeKind::DayOff => self.day_off,
            ChangeKind::ShiftTime => self.shift_time,
            ChangeKind::Station => self.station,
        }
    }
}

/// What kind of change a worker-date undergoes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Works on a published day off, or is off on a published working date.
    DayOff,
    /// Works another shift template than published.
    ShiftTime,
    /// Works the published shift at another station.
    Station,
}

/// Where someone works on a date: shift, line and station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    /// The shift template.
    pub shift: ShiftId,
    /// The line.
    pub line: LineId,
    /// The station.
    pub station: StationId,
}

impl Placement {
    fn of(a: &Assignment) -> Self {
        Self {
            shift: a.shift.clone(),
            line: a.line.clone(),
            station: a.station.clone(),
        }
    }
}

/// One changed worker-date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Who.
    pub worker: WorkerId,
    /// The date (of the shift start).
    pub date: NaiveDate,
    /// As published (`None`: a day off).
    pub before: Option<Placement>,
    /// As repaired (`None`: a day off).
    pub after: Option<Placement>,
    /// The kind of change.
    pub kind: ChangeKind,
    /// Its price ([`ChangeWeights::of`] the kind).
    pub weight: f64,
    /// Why, as data; its `Display` is the plain-language reason.
    pub reason: Reason,
}

/// Why a worker-date changed in a repair. `to_string()` gives the sentence.
///
/// ```
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2026, 3, 4).ok_or("date")?;
/// let r = flexline::repair::Reason::Absent { note: "sick child".into(), from: d, to: d };
/// assert_eq!(r.to_string(), "absent (sick child) 2026-03-04 to 2026-03-04: the published shift is cancelled");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// The worker is absent: the published shift is cancelled.
    Absent {
        /// The absence's reason as given (may be empty).
        note: String,
        /// First date of the absence.
        from: NaiveDate,
        /// Last date of the absence.
        to: NaiveDate,
    },
    /// The worker takes over an absent worker's station.
    CoversFor {
        /// The absent worker.
        absent: WorkerId,
        /// Their absence's reason (may be empty).
        note: String,
        /// The station taken over.
        station: StationId,
        /// The date.
        date: NaiveDate,
    },
    /// The worker moves within a line that lost someone.
    Rebalances {
        /// The line.
        line: LineId,
        /// The absent worker.
        absent: WorkerId,
        /// The date.
        date: NaiveDate,
    },
    /// The worker makes up output lost to absences elsewhere that date.
    MakesUp {
        /// The absent workers.
        absent: Vec<WorkerId>,
        /// The date.
        date: NaiveDate,
    },
    /// The line's output target changed.
    TargetChanged,
    /// Nothing was requested: the published roster was not optimal.
    Cheaper,
    /// A consequence of changes on other dates, or output gained.
    KnockOn,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(crate::Lang::En))
    }
}

impl Reason {
    /// The reason as a sentence in `lang` (`to_string()` is English).
    ///
    /// ```
    /// let r = flexline::repair::Reason::TargetChanged;
    /// assert_eq!(r.describe(flexline::Lang::En), r.to_string());
    /// assert!(r.describe(flexline::Lang::ZhCn).contains("产量目标"));
    /// ```
    pub fn describe(&self, lang: crate::Lang) -> String {
        lang.text().repair_reason(self)
    }
}

/// A repaired roster and what changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Repair {
    /// The repaired roster, evaluated against [`scenario`](Self::scenario):
    /// throughput, cost and unmet targets as for any plan.
    /// `plan.status.objective` is the roster's own cost (`plan.cost.objective`,
    /// no change cost); `plan.status.outcome` and `gap` are those of the
    /// repair problem (cost + change cost), whose bound is
    /// [`bound`](Self::bound); `dual_bound` is left empty.
    pub plan: Plan,
    /// The scenario the repair solved: the original with the absences as
    /// whole-date leave and the target changes applied. The checker verifies
    /// the repaired roster against it.
    pub scenario: Scenario,
    /// Every changed worker-date, by date then worker (scenario order).
    pub changes: Vec<Change>,
    /// Σ weights of the changes (the forced cancellations of absent
    /// workers' shifts included).
    pub change_cost: f64,
    /// What the repair minimised: `plan.cost.objective + change_cost`.
    pub objective: f64,
    /// Proven lower bound on `objective` (None if the backend gives none).
    pub bound: Option<f64>,
}

/// Applies a request to a scenario: each absence becomes whole-date leave on
/// its worker, each target change replaces or adds a target. The result is
/// validated.
///
/// ```
/// use chrono::NaiveDate;
/// use flexline::repair::{Absence, RepairRequest};
/// let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// let scenario = flexline::Scenario::from_json_str(&json)?;
/// let day = scenario.horizon.start;
/// let who = scenario.workers[0].id.clone();
/// let request = RepairRequest {
///     absences: vec![Absence { worker: who.clone(), from: day, to: day, reason: "ill".into() }],
///     ..Default::default()
/// };
/// let changed = flexline::repair::apply_request(&scenario, &request)?;
/// assert_eq!(changed.worker(&who).map(|w| w.unavailable.len()),
///            scenario.worker(&who).map(|w| w.unavailable.len() + 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn apply_request(scenario: &Scenario, request: &RepairRequest) -> Result<Scenario, Error> {
    let mut s = scenario.clone();
    let h = &scenario.horizon;
    for (i, a) in request.absences.iter().enumerate() {
        let field = |f: &str| format!("absences[{i}].{f}");
        let Some(w) = s.workers.iter_mut().find(|w| w.id == a.worker) else {
            return Err(Error::Repair {
                field: field("worker"),
                message: crate::text::tidy(&format!(
                    "unknown worker \"{}\": use the id of a worker in the scenario's `workers`",
                    a.worker
                )),
            });
        };
        if a.from > a.to {
            return Err(Error::Repair {
                field: field("to"),
                message: crate::text::tidy(&format!(
                    "the absence ends ({}) before it starts ({}): give `from` <= `to`",
                    a.to, a.from
                )),
            });
        }
        for (name, d) in [("from", a.from), ("to", a.to)] {
            if h.index_of(d).is_none() {
                return Err(Error::Repair {
                    field: field(name),
                    message: crate::text::tidy(&format!(
                        "{d} is outside the horizon {} to {}: repair only dates of the plan",
                        h.start, h.end
                    )),
                });
            }
        }
        if let Some(f) = request.frozen_through {
            if a.from <= f {
                return Err(Error::Repair {
                    field: field("from"),
                    message: crate::text::tidy(&format!(
                        "{} is on or before frozen_through ({f}): frozen dates are already worked \
                         and cannot be repaired; start the absence after {f}",
                        a.from
                    )),
                });
            }
        }
        w.unavailable.push(CareWindow::Leave {
            from: a.from,
            to: a.to,
            reason: a.reason.clone(),
        });
    }
    for t in &request.target_changes {
        match s.targets.iter_mut().find(|x| x.id == t.id) {
            Some(x) => *x = t.clone(),
            None => s.targets.push(t.clone()),
        }
    }
    s.validate().map_err(Error::Invalid)?;
    Ok(s)
}

/// Σ weights of the changes from `published` to `roster`, worker-date by
/// worker-date (see [`ChangeWeights`]). This is the change cost the repair
/// minimises beside the roster's own cost.
///
/// ```
/// use flexline::repair::{change_cost, ChangeWeights};
/// let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// let scenario = flexline::Scenario::from_json_str(&json)?;
/// let published = flexline::solve(&scenario, &Default::default())?.roster;
/// let w = ChangeWeights::default();
/// assert_eq!(change_cost(&published, &published, &w), 0.0);
/// let mut fewer = published.clone();
/// fewer.assignments.pop();
/// assert_eq!(change_cost(&published, &fewer, &w), w.day_off);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn change_cost(published: &Roster, roster: &Roster, weights: &ChangeWeights) -> f64 {
    diff(published, roster)
        .iter()
        .map(|(_, _, _, _, kind)| weights.of(*kind))
        .sum()
}

type Diff = (
    WorkerId,
    NaiveDate,
    Option<Placement>,
    Option<Placement>,
    ChangeKind,
);

/// Changed worker-dates, by (worker id, date).
fn diff(published: &Roster, roster: &Roster) -> Vec<Diff> {
    let index = |r: &Roster| -> BTreeMap<(WorkerId, NaiveDate), Placement> {
        r.assignments
            .iter()
            .map(|a| ((a.worker.clone(), a.date), Placement::of(a)))
            .collect()
    };
    let before = index(published);
    let after = index(roster);
    let mut keys: Vec<&(WorkerId, NaiveDate)> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let b = before.get(k);
            let a = after.get(k);
            let kind = match (b, a) {
                (Some(b), Some(a)) if b.shift != a.shift => ChangeKind::ShiftTime,
                (Some(b), Some(a)) if b != a => ChangeKind::Station,
                (Some(_), Some(_)) | (None, None) => return None,
                _ => ChangeKind::DayOff,
            };
            Some((k.0.clone(), k.1, b.cloned(), a.cloned(), kind))
        })
        .collect()
}

/// Repairs `published` after the events in `request`.
///
/// Minimises the scenario's objective (wages + penalties) plus the weighted
/// changes to `published`, over rosters that keep every hard rule of the
/// changed scenario ([`apply_request`]) and leave every date up to
/// `frozen_through` exactly as published. `published` must keep every hard
/// rule of the scenario (it is checked first). With no absences and no
/// target changes, a published roster that was optimal (or within the
/// default gap, when every weight exceeds twice that gap in currency) is
/// returned unchanged.
///
/// Errors: [`Error::Repair`] for a bad request or weights, or a published
/// roster the checker rejects; [`Error::Invalid`] if the changed targets are
/// invalid; [`Error::InvalidOptions`] for bad solve options.
///
/// ```
/// use flexline::repair::{self, ChangeWeights, RepairRequest};
/// let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// let scenario = flexline::Scenario::from_json_str(&json)?;
/// let options = flexline::SolveOptions { relative_gap: 0.0, ..Default::default() };
/// let published = flexline::solve(&scenario, &options)?.roster;
/// // Nothing happened: nothing changes.
/// let same = repair::repair(&scenario, &published, &RepairRequest::default(), &ChangeWeights::default(), &options)?;
/// assert!(same.changes.is_empty());
/// assert_eq!(same.plan.roster, published);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn repair(
    scenario: &Scenario,
    published: &Roster,
    request: &RepairRequest,
    weights: &ChangeWeights,
    options: &SolveOptions,
) -> Result<Repair, Error> {
    weights.check()?;
    scenario.validate().map_err(Error::Invalid)?;
    let changed = apply_request(scenario, request)?;
    check_published(scenario, published)?;

    options.check()?;
    let mut raw = solve_repair(&changed, published, request, weights, options, true)?;
    no_roster_in_time(&raw, options)?;
    let expected = |r: &Repair| r.plan.cost.objective + r.change_cost;
    if !close(raw.objective, expected(&raw)) {
        // The solver's retry path (rebuilt without the repair's terms) or a
        // start it misread: solve once more without the start.
        raw = solve_repair(&changed, published, request, weights, options, false)?;
        no_roster_in_time(&raw, options)?;
        if !close(raw.objective, expected(&raw)) {
            return Err(Error::Solver {
                backend: options.backend.name(),
                reason: format!(
                    "the repaired roster's cost + change cost ({}) is not the objective reported ({})",
                    expected(&raw),
                    raw.objective
                ),
            });
        }
    }
    if let Some(f) = request.frozen_through {
        if let Some(c) = raw.changes.iter().find(|c| c.date <= f) {
            return Err(Error::Solver {
                backend: options.backend.name(),
                reason: format!("the repair changed frozen date {} of {}", c.date, c.worker),
            });
        }
    }
    Ok(raw)
}

/// The solver stopped by the clock before it found any roster: say so (the
/// empty answer would otherwise read as changes on frozen dates).
fn no_roster_in_time(raw: &Repair, options: &SolveOptions) -> Result<(), Error> {
    if raw.plan.status.outcome == crate::report::Outcome::NoSolution {
        return Err(crate::solve::no_roster_error(
            options.time_limit,
            raw.plan.status.variables,
        ));
    }
    Ok(())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// The published roster must keep every hard rule of the scenario.
fn check_published(scenario: &Scenario, published: &Roster) -> Result<(), Error> {
    let report = crate::check::check(scenario, published);
    if report.is_feasible() {
        return Ok(());
    }
    let first: Vec<String> = report
        .violations
        .iter()
        .take(3)
        .map(|v| v.to_string())
        .collect();
    Err(Error::Repair {
        field: "published".into(),
        message: crate::text::tidy(&format!(
            "the published roster breaks {} hard rule(s) of the scenario ({}); \
             repair a roster the checker accepts (flexline::check::check)",
            report.violations.len(),
            first.join("; ")
        )),
    })
}

/// One solve of the repair problem on the changed scenario.
fn solve_repair(
    changed: &Scenario,
    published: &Roster,
    request: &RepairRequest,
    weights: &ChangeWeights,
    options: &SolveOptions,
    with_start: bool,
) -> Result<Repair, Error> {
    let mut model = Model::build(changed)?;
    add_change_terms(&mut model, changed, published, request, weights, with_start)?;
    let mut plan = model.solve_without_start(options)?;
    let repair_objective = plan.status.objective;
    if plan.status.outcome == Outcome::NoSolution {
        // Nothing found in time: the published roster less the absent
        // dates is the answer if it keeps every hard rule.
        let p = Prepared::new(changed);
        let home = p.home_units_of(&published.home_batches);
        let e = crate::report::evaluate(&p, &p.candidates_of(&published.assignments), &home);
        if crate::check::check(changed, &e.roster).is_feasible() {
            plan.roster = e.roster;
            plan.throughput = e.throughput;
            plan.cost = e.cost;
            plan.unmet = e.unmet;
            plan.cover = e.cover;
            plan.status.outcome = Outcome::Feasible;
        }
    }
    let changes = explain(changed, published, &plan.roster, request, weights);
    let change_cost: f64 = changes.iter().map(|c| c.weight).sum();
    let objective = match (plan.status.outcome, repair_objective) {
        (Outcome::NoSolution, _) | (_, None) => plan.cost.objective + change_cost,
        (_, Some(o)) => o,
    };
    let bound = plan.status.dual_bound;
    if plan.status.outcome != Outcome::NoSolution {
        plan.status.objective = Some(plan.cost.objective);
    }
    plan.status.dual_bound = None;
    Ok(Repair {
        plan,
        scenario: changed.clone(),
        changes,
        change_cost,
        objective,
        bound: bound
            .filter(|b| b.is_finite())
            .map(|b| b.min(objective + EPS)),
    })
}

/// Adds the change cost to the model's objective, fixes the frozen dates and
/// sets the published roster (less absent dates) as the start.
fn add_change_terms(
    model: &mut Model<'_>,
    changed: &Scenario,
    published: &Roster,
    request: &RepairRequest,
    weights: &ChangeWeights,
    with_start: bool,
) -> Result<(), Error> {
    let (p, f) = model.parts_mut();
    // Published placement of each (worker, day): (shift index, station index).
    let worker_ix: HashMap<&str, usize> = changed
        .workers
        .iter()
        .enumerate()
        .map(|(i, w)| (w.id.as_str(), i))
        .collect();
    let shift_ix: HashMap<&str, usize> = p
        .shifts
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let station_ix: HashMap<&str, usize> = p
        .stations
        .iter()
        .enumerate()
        .map(|(i, s)| (s.station.id.as_str(), i))
        .collect();
    let mut was: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    for a in &published.assignments {
        // The checker accepted the roster: every id is known and in range.
        let (Some(&w), Some(d), Some(&t), Some(&st)) = (
            worker_ix.get(a.worker.as_str()),
            changed.horizon.index_of(a.date),
            shift_ix.get(a.shift.as_str()),
            station_ix.get(a.station.as_str()),
        ) else {
            continue;
        };
        was.insert((w, d), (t, st));
    }
    let frozen_day = |d: usize| request.frozen_through.is_some_and(|f| p.dates[d] <= f);
    // Per candidate: its change cost less the day-off weight of a published
    // working date (that weight is the constant part, paid unless worked).
    let mut costs = Vec::with_capacity(p.cands.len());
    let mut fixes = Vec::new();
    let mut kept_frozen = std::collections::HashSet::new();
    for (ci, c) in p.cands.iter().enumerate() {
        let d = p.occs[c.occ].day;
        let shift = p.occs[c.occ].shift;
        let cost = match was.get(&(c.worker, d)) {
            None => weights.day_off,
            Some(&(t0, s0)) => {
                let moved = if shift != t0 {
                    weights.shift_time
                } else if c.station != s0 {
                    weights.station
                } else {
                    0.0
                };
                moved - weights.day_off
            }
        };
        costs.push(cost);
        if frozen_day(d) {
            let keep = was.get(&(c.worker, d)) == Some(&(shift, c.station));
            if keep {
                kept_frozen.insert((c.worker, d));
            }
            fixes.push((ci, if keep { 1.0 } else { 0.0 }));
        }
    }
    // Every published shift on a frozen date must still be possible.
    if let Some(&(w, d)) = was
        .keys()
        .filter(|&&(w, d)| frozen_day(d) && !kept_frozen.contains(&(w, d)))
        .min_by_key(|&&(w, d)| (d, w))
    {
        return Err(Error::Repair {
            field: "frozen_through".into(),
            message: crate::text::tidy(&format!(
                "{}'s published shift on frozen date {} is no longer possible (an absence \
                 overlaps it, e.g. a night shift running into an absent date): move \
                 frozen_through or the absence",
                changed.workers[w].id, p.dates[d]
            )),
        });
    }
    let chosen = p.candidates_of(&published.assignments);
    for (ci, cost) in costs.into_iter().enumerate() {
        let col = f.x[ci];
        f.add_cost(col, cost);
    }
    f.add_offset(was.len() as f64 * weights.day_off);
    let (mut zero, mut one) = (Vec::new(), Vec::new());
    for (ci, v) in fixes {
        if v > 0.5 {
            one.push(f.x[ci]);
        } else {
            zero.push(f.x[ci]);
        }
    }
    f.fix(&zero, &one);
    // Home batches already sent out (on a frozen date) stay as published.
    let sent = p.home_units_of(&published.home_batches);
    let home_cols = f.home.clone();
    for (slot, (&col, &units)) in p.home.slots.iter().zip(home_cols.iter().zip(&sent)) {
        if frozen_day(p.home.rounds[slot.round].0) {
            f.fix_value(col, units);
        }
    }
    if with_start {
        f.start_from(&chosen);
    }
    Ok(())
}

/// The changes from `published` to `roster`, with reasons.
fn explain(
    s: &Scenario,
    published: &Roster,
    roster: &Roster,
    request: &RepairRequest,
    weights: &ChangeWeights,
) -> Vec<Change> {
    let absent_on = |w: &WorkerId, d: NaiveDate| {
        request
            .absences
            .iter()
            .find(|a| &a.worker == w && a.from <= d && d <= a.to)
    };
    // Published placements of absent workers, by date.
    let mut lost: HashMap<NaiveDate, Vec<&Assignment>> = HashMap::new();
    for a in &published.assignments {
        if absent_on(&a.worker, a.date).is_some() {
            lost.entry(a.date).or_default().push(a);
        }
    }
    let changed_lines: Vec<&LineId> = request.target_changes.iter().map(|t| &t.line).collect();
    let order: HashMap<&WorkerId, usize> = s
        .workers
        .iter()
        .enumerate()
        .map(|(i, w)| (&w.id, i))
        .collect();
    let mut out: Vec<Change> = diff(published, roster)
        .into_iter()
        .map(|(worker, date, before, after, kind)| {
            let reason = if let Some(a) = absent_on(&worker, date) {
                Reason::Absent {
                    note: a.reason.clone(),
                    from: a.from,
                    to: a.to,
                }
            } else if let Some(gone) = lost.get(&date) {
                let place = after.as_ref().or(before.as_ref());
                let same_station = gone
                    .iter()
                    .find(|g| after.as_ref().is_some_and(|p| p.station == g.station));
                let same_line = gone
                    .iter()
                    .find(|g| place.is_some_and(|p| p.line == g.line));
                match (same_station, same_line) {
                    (Some(g), _) => Reason::CoversFor {
                        absent: g.worker.clone(),
                        note: absent_on(&g.worker, date)
                            .map(|a| a.reason.clone())
                            .unwrap_or_default(),
                        station: g.station.clone(),
                        date,
                    },
                    (None, Some(g)) => Reason::Rebalances {
                        line: g.line.clone(),
                        absent: g.worker.clone(),
                        date,
                    },
                    (None, None) => Reason::MakesUp {
                        absent: gone.iter().map(|g| g.worker.clone()).collect(),
                        date,
                    },
                }
            } else if after
                .as_ref()
                .or(before.as_ref())
                .is_some_and(|p| changed_lines.contains(&&p.line))
            {
                Reason::TargetChanged
            } else if request.absences.is_empty() && request.target_changes.is_empty() {
                Reason::Cheaper
            } else {
                Reason::KnockOn
            };
            Change {
                weight: weights.of(kind),
                worker,
                date,
                before,
                after,
                kind,
                reason,
            }
        })
        .collect();
    out.sort_by_key(|c| (c.date, order.get(&c.worker).copied().unwrap_or(usize::MAX)));
    out
}
