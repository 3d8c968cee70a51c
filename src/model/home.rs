//! Home-based work: what a home worker can give, and the van rounds that take
//! material out and bring finished parts back (docs/semantics.md, "Home-based work").

use chrono::{NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A home worker's availability. A worker with `home` set works at home only:
/// never on site. Whole-date leave, absences and fixed days off give no home
/// hours on those dates; weekly caregiving windows do not apply (the worker
/// fits home work around them).
///
/// ```
/// let w: flexline::Worker = serde_json::from_str(r#"{
///   "id": "lan", "contract": "home_based", "skills": [ { "skill": "winding" } ],
///   "hourly_wage": 14.0,
///   "home": { "hours_per_day": 3.0, "days": ["Mon", "Tue", "Wed"], "efficiency": 0.8 } }"#)?;
/// let home = w.home.as_ref().ok_or("home")?;
/// assert_eq!(home.hours_per_day, 3.0);
/// assert_eq!(home.efficiency, 0.8);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HomeWork {
    /// Hours the worker can give on each of `days` (capped by the daily hour
    /// limits of the rules and of the worker).
    pub hours_per_day: f64,
    /// Weekdays on which the worker works at home (default: Monday to Friday).
    #[serde(default = "mon_fri")]
    pub days: Vec<Weekday>,
    /// Efficiency at home relative to the skill's efficiency on site
    /// (multiplies it; default 1.0).
    #[serde(default = "one")]
    pub efficiency: f64,
}

fn mon_fri() -> Vec<Weekday> {
    vec![
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ]
}

fn one() -> f64 {
    1.0
}

/// A delivery round: on `date` the van collects the finished parts of the
/// previous round and takes out new material. Units out plus units back on
/// one round are at most `van_capacity`.
///
/// ```
/// let r: flexline::DeliveryRound =
///     serde_json::from_str(r#"{ "date": "2026-03-02", "van_capacity": 400 }"#)?;
/// assert_eq!(r.van_capacity, 400.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliveryRound {
    /// The date of the round.
    pub date: NaiveDate,
    /// Most units the van carries on this round, out and back together.
    pub van_capacity: f64,
}
