//! Fair hours in a roster: each fairness group's spread of paid hours and
//! weekends worked, and what the spread costs (docs/semantics.md, "Fair hours").

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Duration, Weekday};
use serde::{Deserialize, Serialize};

use super::{CostBreakdown, Roster};
use crate::model::Scenario;

/// The smallest, mean and largest value over a group's members.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Spread {
    /// The smallest member's value.
    pub min: f64,
    /// The members' mean.
    pub mean: f64,
    /// The largest member's value.
    pub max: f64,
    /// Σ over members of |value − mean| (what the weight multiplies).
    pub deviation: f64,
}

impl Spread {
    fn of(values: &[f64]) -> Self {
        if values.is_empty() {
            return Self::default();
        }
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        Self {
            min: values.iter().copied().fold(f64::INFINITY, f64::min),
            mean,
            max: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            deviation: values.iter().map(|v| (v - mean).abs()).sum(),
        }
    }
}

/// One fairness group in a roster (one per [`FairnessRule`](crate::FairnessRule),
/// in scenario order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupSpread {
    /// The rule's name.
    pub name: String,
    /// Members compared.
    pub members: usize,
    /// Paid shift hours over the horizon.
    pub hours: Spread,
    /// Weekends worked (a weekend counts once, whether Saturday, Sunday or both).
    pub weekends: Spread,
    /// `hours_weight` × hours deviation (0 with fewer than two members).
    pub hours_penalty: f64,
    /// `weekends_weight` × weekends deviation (0 with fewer than two members).
    pub weekends_penalty: f64,
}

/// Each fairness group's spread of hours and weekends in `roster`.
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// let mut scenario = flexline::Scenario::from_json_str(&json)?;
/// let mut rule = flexline::FairnessRule::contract("everyone", flexline::ContractKind::Regular);
/// rule.hours_weight = 1.0;
/// scenario.fairness.push(rule);
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let groups = flexline::report::fairness(&scenario, &plan.roster);
/// assert_eq!(groups[0].name, "everyone");
/// assert!(groups[0].hours.min <= groups[0].hours.mean && groups[0].hours.mean <= groups[0].hours.max);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn fairness(s: &Scenario, roster: &Roster) -> Vec<GroupSpread> {
    let mut hours: HashMap<&str, f64> = HashMap::new();
    let mut weekends: HashMap<&str, BTreeSet<chrono::NaiveDate>> = HashMap::new();
    for a in &roster.assignments {
        if a.date < s.horizon.start || a.date > s.horizon.end {
            continue;
        }
        *hours.entry(a.worker.as_str()).or_default() += a.paid_hours;
        let sat = match a.date.weekday() {
            Weekday::Sat => a.date,
            Weekday::Sun => a.date - Duration::days(1),
            _ => continue,
        };
        weekends.entry(a.worker.as_str()).or_default().insert(sat);
    }
    s.fairness
        .iter()
        .map(|rule| {
            let members = rule.members(s);
            let ids = members.iter().map(|&w| s.workers[w].id.as_str());
            let h: Vec<f64> = ids
                .clone()
                .map(|id| hours.get(id).copied().unwrap_or(0.0))
                .collect();
            let k: Vec<f64> = ids
                .map(|id| weekends.get(id).map_or(0.0, |set| set.len() as f64))
                .collect();
            let (hours, weekends) = (Spread::of(&h), Spread::of(&k));
            let counts = members.len() >= 2;
            GroupSpread {
                name: rule.name.clone(),
                members: members.len(),
                hours,
                weekends,
                hours_penalty: if counts {
                    rule.hours_weight * hours.deviation
                } else {
                    0.0
                },
                weekends_penalty: if counts {
                    rule.weekends_weight * weekends.deviation
                } else {
                    0.0
                },
            }
        })
        .collect()
}

/// Adds the fairness deviations and penalties to `c` (and its objective).
pub(crate) fn add_cost(s: &Scenario, roster: &Roster, c: &mut CostBreakdown) {
    for (g, rule) in fairness(s, roster).iter().zip(&s.fairness) {
        if g.members < 2 {
            continue;
        }
        if rule.hours_weight > 0.0 {
            c.fair_hours_deviation += g.hours.deviation;
        }
        if rule.weekends_weight > 0.0 {
            c.fair_weekends_deviation += g.weekends.deviation;
        }
        c.fairness_penalty += g.hours_penalty + g.weekends_penalty;
    }
    c.objective += c.fairness_penalty;
}
