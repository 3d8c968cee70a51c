//! Rostering rules beside output: headcount cover, shift requests, forbidden
//! shift successions, and the history before the horizon.
//!
//! These are the rules of the standard nurse-rostering benchmark (Curtois &
//! Qu) and the ones factory HR uses beside output targets.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ids::{LineId, ShiftId, StationId, WorkerId};

/// Headcount wanted on one shift on one date (soft: each person short or
/// over costs a weight).
///
/// Counts the distinct people working `shift` on `date`, optionally only
/// those on one line or at one station.
///
/// ```
/// let c: flexline::CoverRequirement = serde_json::from_str(
///     r#"{ "date": "2026-03-02", "shift": "early", "required": 3, "under_weight": 100 }"#)?;
/// assert_eq!(c.over_weight, 0.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverRequirement {
    /// The date the shift starts.
    pub date: NaiveDate,
    /// The shift template.
    pub shift: ShiftId,
    /// Count only people on this line (default: any line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<LineId>,
    /// Count only people at this station (default: any station).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub station: Option<StationId>,
    /// People wanted.
    pub required: u32,
    /// Cost per person short (default 100).
    #[serde(default = "default_under_weight")]
    pub under_weight: f64,
    /// Cost per person beyond `required` (default 0: more is fine).
    #[serde(default)]
    pub over_weight: f64,
}

fn default_under_weight() -> f64 {
    100.0
}

/// Whether a worker asks to work or not to work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// "I want to work this shift (any shift, if none is named) on this date."
    On,
    /// "I do not want to work this shift (any shift, if none is named) on this date."
    Off,
}

/// A worker's wish about one date (soft: costs `weight` if not granted).
///
/// An `on` request for a shift is broken by a day off *or* by another shift;
/// an `off` request for a shift is broken only by working that shift.
///
/// ```
/// let r: flexline::ShiftRequest = serde_json::from_str(
///     r#"{ "worker": "mei", "date": "2026-03-04", "shift": "late", "kind": "off", "weight": 2 }"#)?;
/// assert_eq!(r.kind, flexline::RequestKind::Off);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShiftRequest {
    /// Who asks.
    pub worker: WorkerId,
    /// The date (the date the shift starts).
    pub date: NaiveDate,
    /// The shift; absent means "any shift" (an `off` request is then a day-off wish).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<ShiftId>,
    /// Work, or not work.
    pub kind: RequestKind,
    /// Cost if not granted.
    pub weight: f64,
}

/// A forbidden succession: nobody who works `first` on a date may work `then`
/// on the next date. Successions that leave less than the rules' minimum
/// rest are forbidden anyway; list others here (e.g. "no early after late").
///
/// ```
/// let s: flexline::Succession = serde_json::from_str(r#"{ "first": "late", "then": "early" }"#)?;
/// assert_eq!(s.then.as_str(), "early");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Succession {
    /// The shift on the first date.
    pub first: ShiftId,
    /// The shift that may not follow on the next date.
    pub then: ShiftId,
}

/// How working and rest runs that touch the horizon's first or last date are
/// judged by the minimum-run rules (`min_consecutive_days`,
/// `min_consecutive_days_off`) and counted by `max_consecutive_days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RunBorders {
    /// Runs touching the first or last date may continue outside the horizon:
    /// they are exempt from the minimum-run rules, and the maximum counts
    /// dates inside the horizon only. The benchmark's rule.
    #[default]
    Exempt,
    /// The dates before the horizon are known from [`History`]: runs touching
    /// the first date are judged together with the history (minimum and
    /// maximum runs, successions and rest across the border). Runs touching
    /// the last date stay exempt: next week is not planned yet.
    History,
}

/// Who worked what on the dates just before the horizon.
///
/// Every date from `from` to the day before the horizon is known: a worker
/// with no entry on such a date had the day off.
///
/// ```
/// let h: flexline::History = serde_json::from_str(r#"{
///   "from": "2026-02-23",
///   "assignments": [ { "worker": "mei", "date": "2026-03-01", "shift": "late" } ] }"#)?;
/// assert_eq!(h.assignments.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// The first date known.
    pub from: NaiveDate,
    /// Shifts worked from `from` to the day before the horizon.
    #[serde(default)]
    pub assignments: Vec<PastAssignment>,
}

/// One shift worked before the horizon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PastAssignment {
    /// Who.
    pub worker: WorkerId,
    /// The date the shift started.
    pub date: NaiveDate,
    /// Which shift template.
    pub shift: ShiftId,
}
