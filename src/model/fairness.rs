//! Fair hours: soft rules that spread paid hours, and weekends worked, evenly
//! within a group of workers (docs/semantics.md, "Fair hours").

use serde::{Deserialize, Serialize};

use super::ids::WorkerId;
use super::{ContractKind, Scenario};

/// A soft rule: the members of a group (every worker on one contract kind,
/// or a named list of workers) should get about the same paid hours, and
/// about the same number of weekends worked, over the horizon.
///
/// Each member's distance from the group's mean costs a weight: `hours_weight`
/// per hour a member's paid shift hours lie above or below the mean of the
/// group, `weekends_weight` per weekend a member's weekends worked lie above
/// or below theirs. A weight of 0 (the default) leaves that measure alone.
///
/// ```
/// let rule: flexline::FairnessRule = serde_json::from_str(
///     r#"{ "name": "mom line", "contract": "flexible", "hours_weight": 5 }"#)?;
/// assert_eq!(rule.weekends_weight, 0.0);
/// assert!(rule.workers.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FairnessRule {
    /// The group's name, shown in the report (e.g. "mom line").
    pub name: String,
    /// Every worker on this contract kind (give this or `workers`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<ContractKind>,
    /// These workers (give this or `contract`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workers: Vec<WorkerId>,
    /// Cost per hour a member's paid hours lie above or below the group's mean.
    #[serde(default)]
    pub hours_weight: f64,
    /// Cost per weekend a member's weekends worked lie above or below the
    /// group's mean.
    #[serde(default)]
    pub weekends_weight: f64,
}

impl FairnessRule {
    /// A rule over every worker on `contract`, with both weights 0 (set
    /// `hours_weight` and/or `weekends_weight`).
    ///
    /// ```
    /// let mut rule = flexline::FairnessRule::contract("mom line", flexline::ContractKind::Flexible);
    /// rule.hours_weight = 5.0;
    /// assert_eq!(rule.contract, Some(flexline::ContractKind::Flexible));
    /// ```
    pub fn contract(name: impl Into<String>, contract: ContractKind) -> Self {
        Self {
            name: name.into(),
            contract: Some(contract),
            workers: Vec::new(),
            hours_weight: 0.0,
            weekends_weight: 0.0,
        }
    }

    /// A rule over the named workers, with both weights 0.
    ///
    /// ```
    /// let rule = flexline::FairnessRule::workers("school run", vec!["li".into(), "wang".into()]);
    /// assert_eq!(rule.workers.len(), 2);
    /// ```
    pub fn workers(name: impl Into<String>, workers: Vec<WorkerId>) -> Self {
        Self {
            name: name.into(),
            contract: None,
            workers,
            hours_weight: 0.0,
            weekends_weight: 0.0,
        }
    }

    /// Indices (in `s.workers`) of the group's members, in scenario order;
    /// unknown ids are skipped (validation rejects them).
    ///
    /// ```
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
    /// let s = flexline::Scenario::from_json_str(&json)?;
    /// let all = flexline::FairnessRule::contract("all", flexline::ContractKind::Regular);
    /// assert_eq!(all.members(&s).len(), s.workers.iter().filter(|w| w.contract == flexline::ContractKind::Regular).count());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn members(&self, s: &Scenario) -> Vec<usize> {
        s.workers
            .iter()
            .enumerate()
            .filter(|(_, w)| match self.contract {
                Some(kind) => w.contract == kind,
                None => self.workers.contains(&w.id),
            })
            .map(|(i, _)| i)
            .collect()
    }
}
