//! The scenario: calendar, shift templates, lines and stations, output targets,
//! workers and labour rules. Pure data (serde + chrono); nothing here knows
//! about the solver.
//!
//! A scenario is usually read from JSON with [`Scenario::from_json_str`] or
//! [`Scenario::from_json_file`], which also [validates](Scenario::validate) it.

mod availability;
mod fairness;
mod home;
mod ids;
mod rostering;
pub(crate) mod rules;
pub(crate) mod time;

pub(crate) use availability::care_intervals;
pub use fairness::FairnessRule;
pub use home::{DeliveryRound, HomeWork};
pub use ids::{LineId, ShiftId, SkillId, StationId, TargetId, WorkerId};
pub use rostering::{
    CoverRequirement, History, PastAssignment, RequestKind, RunBorders, ShiftRequest, Succession,
};
pub use rules::LabourRules;
pub(crate) use time::{minute_of_day as time_minute_of_day, MINUTES_PER_DAY};
pub use time::{DateRange, Horizon};

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Default penalty, in currency units, for each unit of output target missed.
pub const DEFAULT_SHORTFALL_PENALTY: f64 = 100.0;
/// Default penalty, in currency units, for each contracted hour not given.
pub const DEFAULT_CONTRACT_PENALTY: f64 = 200.0;

/// A complete planning problem.
///
/// ```
/// let json = r#"{
///   "name": "tiny",
///   "horizon": { "start": "2026-03-02", "end": "2026-03-02" },
///   "shifts": [ { "id": "day", "start": "08:00", "end": "16:30", "break_minutes": 30 } ],
///   "lines": [ { "id": "L", "shifts": ["day"], "stations": [
///       { "id": "asm", "skill": "assembly", "minutes_per_unit": 10.0, "workplaces": 2 } ] } ],
///   "targets": [ { "id": "t", "line": "L", "date": "2026-03-02", "units": 40 } ],
///   "workers": [ { "id": "ana", "skills": [ { "skill": "assembly" } ], "hourly_wage": 16.0 } ]
/// }"#;
/// let scenario = flexline::Scenario::from_json_str(json)?;
/// assert_eq!(scenario.workers.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The JSON Schema the file declares (`"$schema"`), for editors that
    /// complete and check fields; flexline does not read it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// A human-readable name.
    #[serde(default)]
    pub name: String,
    /// The dates to plan, inclusive.
    pub horizon: Horizon,
    /// Public holidays, school holidays, rest days.
    #[serde(default)]
    pub calendar: Calendar,
    /// Shift templates.
    pub shifts: Vec<ShiftTemplate>,
    /// Production lines, each an ordered list of stations.
    pub lines: Vec<Line>,
    /// Output targets (soft: missing them costs a penalty per unit).
    #[serde(default)]
    pub targets: Vec<OutputTarget>,
    /// The workforce.
    pub workers: Vec<Worker>,
    /// Labour rules; defaults to [`LabourRules::prc_standard`].
    #[serde(default)]
    pub rules: LabourRules,
    /// Weights of the soft parts of the objective.
    #[serde(default)]
    pub penalties: Penalties,
    /// Headcount cover per shift and date (soft, beside output targets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cover: Vec<CoverRequirement>,
    /// Workers' shift-on and shift-off requests (soft).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<ShiftRequest>,
    /// Shift successions forbidden on consecutive dates, beside those the
    /// minimum rest forbids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden_successions: Vec<Succession>,
    /// How runs touching the horizon's borders are judged.
    #[serde(default)]
    pub run_borders: RunBorders,
    /// The dates before the horizon (used when `run_borders` is `history`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<History>,
    /// Van rounds for home-based work, in date order (see [`HomeWork`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delivery_rounds: Vec<DeliveryRound>,
    /// Fair hours: spread paid hours and weekends evenly within groups
    /// (soft, see [`FairnessRule`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fairness: Vec<FairnessRule>,
}

impl Scenario {
    /// An empty scenario over `horizon`: no shifts, lines, targets or
    /// workers; calendar, labour rules (`prc_standard`) and penalties at
    /// their JSON defaults. Fill the public fields, then
    /// [`validate`](Self::validate).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use flexline::{Horizon, Line, OutputTarget, Scenario, ShiftTemplate, Station, TargetKind, Worker, WorkerSkill};
    /// let monday = NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("date")?;
    /// let mut s = Scenario::new(Horizon { start: monday, end: monday });
    /// s.shifts.push(ShiftTemplate::new("day", "08:00", "16:30", 30)?);
    /// s.lines.push(Line::new("L", vec!["day".into()], vec![Station::new("asm", "assembly", 10.0, 2)]));
    /// s.targets.push(OutputTarget::new("t", "L", monday, 40.0, TargetKind::OnDate));
    /// s.workers.push(Worker::new("ana", vec![WorkerSkill::new("assembly", 1.0)], 16.0));
    /// s.validate().map_err(|r| r.to_string())?;
    /// let plan = flexline::solve(&s, &Default::default())?;
    /// assert!(plan.unmet.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(horizon: Horizon) -> Self {
        Self {
            schema: None,
            name: String::new(),
            horizon,
            calendar: Calendar::default(),
            shifts: Vec::new(),
            lines: Vec::new(),
            targets: Vec::new(),
            workers: Vec::new(),
            rules: LabourRules::default(),
            penalties: Penalties::default(),
            cover: Vec::new(),
            requests: Vec::new(),
            forbidden_successions: Vec::new(),
            run_borders: RunBorders::default(),
            history: None,
            delivery_rounds: Vec::new(),
            fairness: Vec::new(),
        }
    }

    /// Serialises the scenario as pretty JSON.
    ///
    /// ```
    /// # let json = r#"{"horizon":{"start":"2026-03-02","end":"2026-03-02"},"shifts":[],"lines":[],"workers":[]}"#;
    /// # let s: flexline::Scenario = serde_json::from_str(json)?;
    /// let text = s.to_json();
    /// assert!(text.contains("\"horizon\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The JSON Schema of the scenario format (draft 2020-12), generated from
    /// these types; `schema/scenario.schema.json` holds this text (the test
    /// suite checks it). Regenerate the file with
    /// `cargo run --release --example weekly_roster -- --print-schema > schema/scenario.schema.json`.
    ///
    /// ```
    /// let schema: serde_json::Value = serde_json::from_str(&flexline::Scenario::json_schema_text())?;
    /// assert_eq!(schema["title"], "Scenario");
    /// assert!(schema["properties"]["workers"].is_object());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn json_schema_text() -> String {
        let mut schema = schemars::schema_for!(Scenario);
        if let Some(map) = schema.as_object_mut() {
            strip_doc_examples(map);
        }
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The worker with this id, if any.
    pub fn worker(&self, id: &WorkerId) -> Option<&Worker> {
        self.workers.iter().find(|w| &w.id == id)
    }

    /// The shift template with this id, if any.
    pub fn shift(&self, id: &ShiftId) -> Option<&ShiftTemplate> {
        self.shifts.iter().find(|s| &s.id == id)
    }

    /// The line with this id, if any.
    pub fn line(&self, id: &LineId) -> Option<&Line> {
        self.lines.iter().find(|l| &l.id == id)
    }
}

/// Removes the code examples of the doc comments from a schema's
/// descriptions: editors show descriptions as hover text.
fn strip_doc_examples(map: &mut serde_json::Map<String, serde_json::Value>) {
    for (key, v) in map.iter_mut() {
        match v {
            serde_json::Value::String(text) if key == "description" => {
                let mut kept = String::new();
                let mut in_code = false;
                for line in text.lines() {
                    if line.trim_start().starts_with("```") {
                        in_code = !in_code;
                    } else if !in_code {
                        kept.push_str(line);
                        kept.push('\n');
                    }
                }
                *text = kept.trim().to_owned();
            }
            serde_json::Value::Object(inner) => strip_doc_examples(inner),
            serde_json::Value::Array(items) => {
                for item in items {
                    if let serde_json::Value::Object(inner) = item {
                        strip_doc_examples(inner);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Parses scenario JSON (a leading byte-order mark is skipped; nesting is
/// limited by serde_json to 128 levels).
pub(crate) fn parse_json(json: &str) -> Result<Scenario, Error> {
    let json = crate::text::strip_bom(json);
    if json.trim().is_empty() {
        return Err(Error::Empty {
            file: None,
            expected: "a scenario is a JSON object (README.md, \"Scenario format\")",
        });
    }
    serde_json::from_str(json).map_err(Error::from_json)
}

/// Calendar facts that change costs and caregiving needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// Public holidays: all hours worked are paid at the holiday multiplier.
    #[serde(default)]
    pub public_holidays: Vec<NaiveDate>,
    /// School holidays (inclusive ranges): these dates are not school days.
    #[serde(default)]
    pub school_holidays: Vec<DateRange>,
    /// Weekdays on which schools are open (outside holidays). Default Mon–Fri.
    #[serde(default = "weekdays_mon_fri")]
    pub school_weekdays: Vec<Weekday>,
    /// Weekly rest days: hours worked on them are paid at the rest-day
    /// multiplier. Default Sat and Sun.
    #[serde(default = "weekend")]
    pub rest_weekdays: Vec<Weekday>,
}

impl Default for Calendar {
    fn default() -> Self {
        Self {
            public_holidays: Vec::new(),
            school_holidays: Vec::new(),
            school_weekdays: weekdays_mon_fri(),
            rest_weekdays: weekend(),
        }
    }
}

impl Calendar {
    /// True if `date` is a public holiday.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let may_day = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    /// let cal = flexline::Calendar { public_holidays: vec![may_day], ..Default::default() };
    /// assert!(cal.is_public_holiday(may_day));
    /// assert!(!cal.is_school_day(may_day));
    /// ```
    pub fn is_public_holiday(&self, date: NaiveDate) -> bool {
        self.public_holidays.contains(&date)
    }

    /// True if schools are open on `date`: a school weekday that is neither a
    /// public holiday nor inside a school holiday.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = flexline::Calendar::default();
    /// assert!(cal.is_school_day(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())); // Monday
    /// assert!(!cal.is_school_day(NaiveDate::from_ymd_opt(2026, 3, 7).unwrap())); // Saturday
    /// ```
    pub fn is_school_day(&self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        self.school_weekdays.contains(&date.weekday())
            && !self.is_public_holiday(date)
            && !self.school_holidays.iter().any(|r| r.contains(date))
    }

    /// True if `date` is a weekly rest day (not counting public holidays).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = flexline::Calendar::default();
    /// assert!(cal.is_rest_day(NaiveDate::from_ymd_opt(2026, 3, 8).unwrap())); // Sunday
    /// ```
    pub fn is_rest_day(&self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        self.rest_weekdays.contains(&date.weekday())
    }
}

fn weekdays_mon_fri() -> Vec<Weekday> {
    vec![
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ]
}

fn weekend() -> Vec<Weekday> {
    vec![Weekday::Sat, Weekday::Sun]
}

/// Monday to Sunday, the order every weekday list is written in.
pub(crate) const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn all_weekdays() -> Vec<Weekday> {
    WEEKDAYS.to_vec()
}

/// Whether a shift template is a regular or a flexible-hours shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShiftKind {
    /// A regular shift (e.g. 08:00–18:30).
    #[default]
    Regular,
    /// A flexible-hours shift (e.g. the 08:00–16:30 "mom line").
    Flexible,
}

/// A shift template: times, unpaid break and the weekdays it runs.
///
/// If `end <= start` the shift crosses midnight and ends the next day.
///
/// ```
/// use chrono::NaiveTime;
/// let night = flexline::ShiftTemplate::new("night", "20:00", "06:00", 60)?;
/// assert_eq!(night.duration_minutes(), 600);
/// assert_eq!(night.paid_minutes(), 540);
/// assert!(night.crosses_midnight());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShiftTemplate {
    /// Unique id.
    pub id: ShiftId,
    /// Display name (defaults to the id).
    #[serde(default)]
    pub name: String,
    /// Start time ("HH:MM").
    #[serde(with = "time::hhmm")]
    #[schemars(with = "String", regex(pattern = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"))]
    pub start: NaiveTime,
    /// End time ("HH:MM"); at or before `start` means the next day.
    #[serde(with = "time::hhmm")]
    #[schemars(with = "String", regex(pattern = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"))]
    pub end: NaiveTime,
    /// Unpaid break in minutes.
    #[serde(default)]
    pub break_minutes: u32,
    /// Weekdays on which the shift runs (default: every day).
    #[serde(default = "all_weekdays")]
    pub days: Vec<Weekday>,
    /// Regular or flexible.
    #[serde(default)]
    pub kind: ShiftKind,
}

impl ShiftTemplate {
    /// Builds a template from "HH:MM" times, running every day, kind regular.
    pub fn new(id: &str, start: &str, end: &str, break_minutes: u32) -> Result<Self, Error> {
        let parse = |s: &str| {
            NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| Error::InvalidTime {
                value: crate::text::shown(s),
            })
        };
        Ok(Self {
            id: ShiftId::from(id),
            name: String::new(),
            start: parse(start)?,
            end: parse(end)?,
            break_minutes,
            days: all_weekdays(),
            kind: ShiftKind::Regular,
        })
    }

    /// True if the shift ends on the day after it starts.
    pub fn crosses_midnight(&self) -> bool {
        self.end <= self.start
    }

    /// Minutes from start to end (break included).
    pub fn duration_minutes(&self) -> i64 {
        let s = time::minute_of_day(self.start);
        let e = time::minute_of_day(self.end);
        if e > s {
            e - s
        } else {
            e + time::MINUTES_PER_DAY - s
        }
    }

    /// Paid minutes: duration less the unpaid break.
    pub fn paid_minutes(&self) -> i64 {
        self.duration_minutes() - i64::from(self.break_minutes)
    }
}

/// A production line: an ordered sequence of stations, and the shift
/// templates on which it runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// Unique id.
    pub id: LineId,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Shift templates this line runs; a worker on this line works one of them.
    pub shifts: Vec<ShiftId>,
    /// Stations in flow order: the first takes raw material, the last
    /// produces finished units.
    pub stations: Vec<Station>,
    /// Cost of holding one finished unit for one day: charged on the
    /// finished units held at 24:00 of every date (finished so far less
    /// delivered so far). `None` = free.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holding_cost_per_unit_day: Option<f64>,
    /// Most finished units the line may have made ahead of its delivery
    /// targets (`on_date`, `made_on_date`) due so far, at 24:00 of every
    /// date: finished so far − units due so far ≤ this. A hard rule; `None`
    /// = no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_finished_stock: Option<f64>,
}

impl Line {
    /// A line running `shifts` through `stations` (in flow order); no
    /// holding cost, no finished-stock limit.
    ///
    /// ```
    /// let line = flexline::Line::new("L", vec!["day".into()], vec![flexline::Station::new("asm", "assembly", 10.0, 2)]);
    /// assert_eq!(line.stations.len(), 1);
    /// ```
    pub fn new(id: impl Into<LineId>, shifts: Vec<ShiftId>, stations: Vec<Station>) -> Self {
        Self {
            id: id.into(),
            name: String::new(),
            shifts,
            stations,
            holding_cost_per_unit_day: None,
            max_finished_stock: None,
        }
    }
}

impl Station {
    /// A station needing `skill`, `minutes_per_unit` standard minutes a unit
    /// and `workplaces` places; no stock, no buffer cap, no home work.
    ///
    /// ```
    /// let st = flexline::Station::new("asm", "assembly", 8.0, 14);
    /// assert_eq!(st.workplaces, 14);
    /// ```
    pub fn new(
        id: impl Into<StationId>,
        skill: impl Into<SkillId>,
        minutes_per_unit: f64,
        workplaces: u32,
    ) -> Self {
        Self {
            id: id.into(),
            name: String::new(),
            skill: skill.into(),
            minutes_per_unit,
            workplaces,
            initial_stock: 0.0,
            buffer_capacity: None,
            home_work: false,
            holding_cost_per_unit_day: None,
        }
    }
}

/// One step of a line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Station {
    /// Unique id (across all lines).
    pub id: StationId,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The skill a worker needs here.
    pub skill: SkillId,
    /// Standard minutes of work per unit at efficiency 1.0.
    pub minutes_per_unit: f64,
    /// Workplaces: the most people working here at the same moment.
    pub workplaces: u32,
    /// Units waiting in front of this station when the horizon starts
    /// (ignored for the first station, which draws unlimited raw material).
    #[serde(default)]
    pub initial_stock: f64,
    /// Most units that may wait in front of this station (the buffer between
    /// it and the station before it); `None` = unlimited. When the buffer is
    /// full the upstream station is blocked. The stock is capped at the end
    /// of every interval of the clock (docs/semantics.md, "Production on the clock").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buffer_capacity: Option<f64>,
    /// Home workers may do this station's work at home (only the first
    /// station of a line, which draws raw material; see [`HomeWork`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub home_work: bool,
    /// Cost of one unit of work in progress waiting in front of this station
    /// for one day: charged on the stock at 24:00 of every date (ignored on
    /// a line's first station). `None` = free.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holding_cost_per_unit_day: Option<f64>,
}

/// What kind of target: a delivery on a date, a milestone by a date, or a
/// daily quota made on the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// A delivery on `date` from finished goods: units finished on that
    /// date or earlier (and held) count.
    #[default]
    OnDate,
    /// Finished units produced from the horizon start up to and including `date`.
    ByDate,
    /// A daily quota: only units finished during `date` itself count (no
    /// stock made earlier).
    MadeOnDate,
}

impl OutputTarget {
    /// `units` finished units of `line` wanted on or by `date` (see
    /// [`TargetKind`]), at the scenario's shortfall penalty.
    ///
    /// ```
    /// use flexline::{OutputTarget, TargetKind};
    /// let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("date")?;
    /// let t = OutputTarget::new("mon", "L", d, 360.0, TargetKind::MadeOnDate);
    /// assert_eq!(t.shortfall_penalty, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: impl Into<TargetId>,
        line: impl Into<LineId>,
        date: NaiveDate,
        units: f64,
        kind: TargetKind,
    ) -> Self {
        Self {
            id: id.into(),
            line: line.into(),
            date,
            units,
            kind,
            shortfall_penalty: None,
        }
    }
}

/// A soft output target for a line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputTarget {
    /// Unique id.
    pub id: TargetId,
    /// The line whose finished units count.
    pub line: LineId,
    /// The date (see `kind`).
    pub date: NaiveDate,
    /// Finished units wanted.
    pub units: f64,
    /// On the date, or cumulative by the date.
    #[serde(default)]
    pub kind: TargetKind,
    /// Penalty per unit missed (default: the scenario's).
    #[serde(default)]
    pub shortfall_penalty: Option<f64>,
}

/// A worker's contract kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContractKind {
    /// Regular full-time contract.
    #[default]
    Regular,
    /// Flexible-hours contract (e.g. a "mom line" worker).
    Flexible,
    /// Home-based worker.
    HomeBased,
}

impl WorkerSkill {
    /// A skill at an efficiency (1.0 = standard time, 0.7 = a trainee).
    ///
    /// ```
    /// assert_eq!(flexline::WorkerSkill::new("winding", 0.7).efficiency, 0.7);
    /// ```
    pub fn new(skill: impl Into<SkillId>, efficiency: f64) -> Self {
        Self {
            skill: skill.into(),
            efficiency,
        }
    }
}

/// A skill a worker has, with an efficiency factor (1.0 = standard time,
/// 0.7 = a trainee).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkerSkill {
    /// The skill.
    pub skill: SkillId,
    /// Output per hour relative to the standard time (default 1.0).
    #[serde(default = "one")]
    pub efficiency: f64,
}

fn one() -> f64 {
    1.0
}

/// A person who can be rostered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Worker {
    /// Unique id.
    pub id: WorkerId,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Contract kind.
    #[serde(default)]
    pub contract: ContractKind,
    /// Skills with efficiency factors.
    pub skills: Vec<WorkerSkill>,
    /// Wage per paid hour.
    pub hourly_wage: f64,
    /// Overtime multiplier on workdays (default: the rules' `overtime_multiplier`).
    #[serde(default)]
    pub overtime_multiplier: Option<f64>,
    /// Personal cap on paid hours per day (the lower of this and the rules' applies).
    #[serde(default)]
    pub max_hours_per_day: Option<f64>,
    /// Personal cap on paid hours per week (the lower of this and the rules' applies).
    #[serde(default)]
    pub max_hours_per_week: Option<f64>,
    /// Contracted minimum paid hours per week (soft, penalised per hour missing).
    #[serde(default)]
    pub min_hours_per_week: f64,
    /// Lines this worker may work on (empty: any line).
    #[serde(default)]
    pub lines: Vec<LineId>,
    /// Caregiving windows and absences: hard, never rostered inside one.
    #[serde(default)]
    pub unavailable: Vec<CareWindow>,
    /// Fixed days off: no shift starts on these dates (hard). Unlike an
    /// absence, a night shift from the day before may run into the date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days_off: Vec<NaiveDate>,
    /// Most shifts of a template over the horizon, by template (hard; 0 = never).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub max_shifts: BTreeMap<ShiftId, u32>,
    /// Fewest paid minutes over the whole horizon (hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_total_minutes: Option<u32>,
    /// Most paid minutes over the whole horizon (hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_total_minutes: Option<u32>,
    /// Most consecutive working dates (the lower of this and the rules' applies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_consecutive_days: Option<u32>,
    /// Fewest consecutive working dates in a run (hard; see [`RunBorders`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_consecutive_days: Option<u32>,
    /// Fewest consecutive days off in a run (hard; see [`RunBorders`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_consecutive_days_off: Option<u32>,
    /// Most weekends worked; a weekend counts if a shift starts on its
    /// Saturday or its Sunday (hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_weekends: Option<u32>,
    /// Probability of an unplanned absence on any rostered date (a sick
    /// child), used by the absence-risk simulation ([`crate::risk`]); `None` =
    /// the default for the worker's contract kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absence_probability: Option<f64>,
    /// Home-based work: set for a worker who works at home only (contract
    /// `home_based`); such a worker is never rostered on site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<HomeWork>,
}

impl Worker {
    /// A worker with these skills and hourly wage; every other field at its
    /// JSON default (regular contract, no caregiving window, the rules'
    /// limits). New optional fields never break this constructor.
    ///
    /// ```
    /// use flexline::{ContractKind, Worker, WorkerSkill};
    /// let mut mei = Worker::new("mei", vec![WorkerSkill::new("assembly", 0.7)], 14.0);
    /// mei.contract = ContractKind::Flexible;
    /// assert_eq!(mei.efficiency(&"assembly".into()), Some(0.7));
    /// ```
    pub fn new(id: impl Into<WorkerId>, skills: Vec<WorkerSkill>, hourly_wage: f64) -> Self {
        Self {
            id: id.into(),
            name: String::new(),
            contract: ContractKind::default(),
            skills,
            hourly_wage,
            overtime_multiplier: None,
            max_hours_per_day: None,
            max_hours_per_week: None,
            min_hours_per_week: 0.0,
            lines: Vec::new(),
            unavailable: Vec::new(),
            days_off: Vec::new(),
            max_shifts: BTreeMap::new(),
            min_total_minutes: None,
            max_total_minutes: None,
            max_consecutive_days: None,
            min_consecutive_days: None,
            min_consecutive_days_off: None,
            max_weekends: None,
            absence_probability: None,
            home: None,
        }
    }

    /// The worker's efficiency for `skill`, if they have it.
    ///
    /// ```
    /// let w: flexline::Worker = serde_json::from_str(
    ///     r#"{ "id": "mei", "skills": [ { "skill": "assembly", "efficiency": 0.7 } ], "hourly_wage": 15 }"#)?;
    /// assert_eq!(w.efficiency(&"assembly".into()), Some(0.7));
    /// assert_eq!(w.efficiency(&"winding".into()), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn efficiency(&self, skill: &SkillId) -> Option<f64> {
        self.skills
            .iter()
            .find(|s| &s.skill == skill)
            .map(|s| s.efficiency)
    }
}

/// On which dates a recurring window applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Applies {
    /// Every date whose weekday is listed.
    #[default]
    AllDays,
    /// Only school days (see [`Calendar::is_school_day`]).
    SchoolDays,
    /// Only dates that are not school days.
    NonSchoolDays,
}

/// A time a worker cannot work. Hard: no roster places anyone inside one.
///
/// In JSON the variant is given by `"kind"`:
/// - `{"kind":"weekly","days":["Mon",...],"from":"16:30","to":"00:00","overnight":true,"applies":"school_days"}`
///   — a recurring time range on the listed weekdays (of the day it starts).
///   `to` at or before `from` requires `"overnight": true` and then ends the
///   next day (`"to":"00:00"` with overnight means "until midnight").
/// - `{"kind":"leave","from":"2026-01-20","to":"2026-02-20"}` — whole dates, inclusive.
/// - `{"kind":"absence","date":"2026-03-04"}` — one whole date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CareWindow {
    /// A recurring weekly time range.
    Weekly {
        /// Weekdays on which the window starts (default: every day).
        #[serde(default = "all_weekdays")]
        days: Vec<Weekday>,
        /// Start time.
        #[serde(with = "time::hhmm")]
        #[schemars(with = "String", regex(pattern = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"))]
        from: NaiveTime,
        /// End time.
        #[serde(with = "time::hhmm")]
        #[schemars(with = "String", regex(pattern = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"))]
        to: NaiveTime,
        /// Must be true when `to <= from`: the window ends the next day.
        #[serde(default)]
        overnight: bool,
        /// All days, school days only, or non-school days only.
        #[serde(default)]
        applies: Applies,
        /// Why (e.g. "school run"); shown in explanations.
        #[serde(default)]
        reason: String,
    },
    /// Leave over whole dates (inclusive), e.g. the school winter holiday.
    Leave {
        /// First date of leave.
        from: NaiveDate,
        /// Last date of leave.
        to: NaiveDate,
        /// Why.
        #[serde(default)]
        reason: String,
    },
    /// A single whole-date absence.
    Absence {
        /// The date.
        date: NaiveDate,
        /// Why.
        #[serde(default)]
        reason: String,
    },
}

/// Weights of the soft parts of the objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Penalties {
    /// Cost per unit of output target missed (unless a target overrides it).
    #[serde(default = "default_shortfall")]
    pub shortfall_per_unit: f64,
    /// Cost per contracted hour (a worker's `min_hours_per_week`) not rostered.
    #[serde(default = "default_contract")]
    pub contract_hour: f64,
}

fn default_shortfall() -> f64 {
    DEFAULT_SHORTFALL_PENALTY
}
fn default_contract() -> f64 {
    DEFAULT_CONTRACT_PENALTY
}

impl Default for Penalties {
    fn default() -> Self {
        Self {
            shortfall_per_unit: DEFAULT_SHORTFALL_PENALTY,
            contract_hour: DEFAULT_CONTRACT_PENALTY,
        }
    }
}
