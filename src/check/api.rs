//! What the checker reports: the report and its violations (each naming a
//! rule of the crate's one vocabulary, `RuleId`, here called `Rule`),
//! and the comparison with another computation.

use super::diff::*;
use super::*;

/// What the checker found: the hard rules broken, and its own throughput
/// estimate and cost of the roster.
///
/// ```
/// # let json = r#"{"horizon":{"start":"2026-03-02","end":"2026-03-02"},"shifts":[],"lines":[],"workers":[]}"#;
/// # let scenario: flexline::Scenario = serde_json::from_str(json)?;
/// let report = flexline::check::check(&scenario, &flexline::Roster::default());
/// assert!(report.violations.is_empty());
/// assert_eq!(report.cost.objective, 0.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// Every hard rule the roster breaks (empty for a feasible roster).
    pub violations: Vec<Violation>,
    /// The checker's throughput estimate.
    pub throughput: Throughput,
    /// The checker's cost of the roster.
    pub cost: CostBreakdown,
}

/// One broken hard rule.
///
/// ```
/// use flexline::check::{Rule, Violation};
/// let v = Violation { rule: Rule::DoubleBooking, worker: None, date: None, detail: "two shifts".into() };
/// assert_eq!(v.to_string(), "double_booking: two shifts");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// Which rule (always a hard one, [`Rule::is_hard`]).
    pub rule: Rule,
    /// The worker concerned, if one is.
    pub worker: Option<WorkerId>,
    /// The date concerned, if one is.
    pub date: Option<NaiveDate>,
    /// What exactly is wrong, in words.
    pub detail: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.rule)?;
        if let Some(w) = &self.worker {
            write!(f, " [{w}]")?;
        }
        if let Some(d) = &self.date {
            write!(f, " [{d}]")?;
        }
        write!(f, ": {}", self.detail)
    }
}

/// The hard rules the checker verifies: the crate's one rule vocabulary,
/// [`RuleId`](crate::RuleId), under the name the checker has always used.
///
/// ```
/// assert_eq!(flexline::check::Rule::MinRest.to_string(), "min_rest");
/// ```
pub use crate::rules::RuleId as Rule;

impl CheckReport {
    /// True if the roster breaks no hard rule.
    ///
    /// ```
    /// # let json = r#"{"horizon":{"start":"2026-03-02","end":"2026-03-02"},"shifts":[],"lines":[],"workers":[]}"#;
    /// # let scenario: flexline::Scenario = serde_json::from_str(json)?;
    /// assert!(flexline::check::check(&scenario, &flexline::Roster::default()).is_feasible());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_feasible(&self) -> bool {
        self.violations.is_empty()
    }

    /// Compares with another computation; returns human-readable differences (empty = agree).
    ///
    /// Every field of every [`StationDay`], [`LineDay`] (bottleneck and
    /// target units included), [`TargetResult`] and every [`CostBreakdown`]
    /// field is compared; rows are matched by their key (line, station,
    /// date / line, date / target), and a different order is reported too.
    /// Numbers agree when `|a − b| <= 1e-6 × max(1, |a|, |b|)`.
    ///
    /// ```
    /// # let json = r#"{"horizon":{"start":"2026-03-02","end":"2026-03-02"},"shifts":[],"lines":[],"workers":[]}"#;
    /// # let scenario: flexline::Scenario = serde_json::from_str(json)?;
    /// let report = flexline::check::check(&scenario, &flexline::Roster::default());
    /// assert!(report.differences(&report.throughput, &report.cost).is_empty());
    /// let mut cost = report.cost.clone();
    /// cost.objective += 1.0;
    /// assert_eq!(report.differences(&report.throughput, &cost).len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn differences(&self, throughput: &Throughput, cost: &CostBreakdown) -> Vec<String> {
        let mut out = Vec::new();
        diff_rows(
            "station-day",
            &self.throughput.stations,
            &throughput.stations,
            |s: &StationDay| (s.line.clone(), s.station.clone(), s.date),
            |k| format!("{} / {} on {}", k.0, k.1, k.2),
            diff_station_day,
            &mut out,
        );
        diff_rows(
            "station-interval",
            &self.throughput.intervals,
            &throughput.intervals,
            |s: &StationInterval| (s.station.clone(), s.start),
            |k| format!("{} at {}", k.0, k.1),
            diff_interval,
            &mut out,
        );
        diff_rows(
            "line-day",
            &self.throughput.lines,
            &throughput.lines,
            |l: &LineDay| (l.line.clone(), l.date),
            |k| format!("{} on {}", k.0, k.1),
            diff_line_day,
            &mut out,
        );
        diff_rows(
            "target",
            &self.throughput.targets,
            &throughput.targets,
            |t: &TargetResult| t.target.clone(),
            |k: &TargetId| k.to_string(),
            diff_target,
            &mut out,
        );
        diff_cost(&self.cost, cost, &mut out);
        out
    }
}
