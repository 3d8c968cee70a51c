//! Labour rules, with the PRC preset described in the brief.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Labour rules applied to every worker (a worker's own caps may be lower).
///
/// The default is [`LabourRules::prc_standard`]. In JSON, give `"preset":
/// "prc_standard"` and override any field, or give every field yourself with
/// `"preset": "custom"`.
///
/// ```
/// let rules = flexline::LabourRules::prc_standard();
/// assert_eq!(rules.standard_hours_per_day, 8.0);
/// assert_eq!(rules.max_overtime_hours_per_day, 1.0);
/// assert_eq!(rules.holiday_multiplier, 3.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RulesInput")]
pub struct LabourRules {
    /// Which preset the unset fields come from (informational after loading).
    pub preset: RulePreset,
    /// Hours a day paid at the normal rate; beyond is overtime.
    pub standard_hours_per_day: f64,
    /// Hours a week paid at the normal rate; beyond is overtime.
    pub standard_hours_per_week: f64,
    /// Most overtime hours in one day (a shift longer than standard + this
    /// cannot be rostered on a workday).
    pub max_overtime_hours_per_day: f64,
    /// Most overtime hours in a 30-day month; pro-rated to the horizon.
    pub max_overtime_hours_per_month: f64,
    /// Most paid hours in one day.
    pub max_hours_per_day: f64,
    /// Most paid hours in a week (7-day block from the horizon start).
    pub max_hours_per_week: f64,
    /// Least hours between the end of one shift and the start of the next.
    pub min_rest_hours: f64,
    /// Most consecutive working days.
    pub max_consecutive_days: u32,
    /// Fewest days off in each 7-day block from the horizon start.
    pub min_days_off_per_week: u32,
    /// Pay multiplier for overtime hours on workdays.
    pub overtime_multiplier: f64,
    /// Pay multiplier for every hour on a weekly rest day.
    pub rest_day_multiplier: f64,
    /// Pay multiplier for every hour on a public holiday.
    pub holiday_multiplier: f64,
}

/// Where a rule set comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RulePreset {
    /// PRC Labour Law and the State Council's working-hours rules.
    #[default]
    PrcStandard,
    /// PRC rules with the "special cases" overtime cap of 3 hours a day.
    PrcExtended,
    /// Every value set by the user.
    Custom,
}

impl Default for LabourRules {
    fn default() -> Self {
        Self::prc_standard()
    }
}

impl LabourRules {
    /// 8 h/day and 40 h/week standard; overtime at most 1 h/day and 36 h per
    /// month; at least one day off a week (at most 6 consecutive days);
    /// overtime at 150 % on workdays, 200 % on rest days, 300 % on public
    /// holidays; 11 hours' rest between shifts (flexline's choice, not a
    /// statutory figure).
    pub fn prc_standard() -> Self {
        Self {
            preset: RulePreset::PrcStandard,
            standard_hours_per_day: 8.0,
            standard_hours_per_week: 40.0,
            max_overtime_hours_per_day: 1.0,
            max_overtime_hours_per_month: 36.0,
            max_hours_per_day: 9.0,
            max_hours_per_week: 49.0,
            min_rest_hours: 11.0,
            max_consecutive_days: 6,
            min_days_off_per_week: 1,
            overtime_multiplier: 1.5,
            rest_day_multiplier: 2.0,
            holiday_multiplier: 3.0,
        }
    }

    /// [`prc_standard`](Self::prc_standard) with the special-case cap of
    /// 3 overtime hours a day (11 paid hours).
    ///
    /// ```
    /// assert_eq!(flexline::LabourRules::prc_extended().max_hours_per_day, 11.0);
    /// ```
    pub fn prc_extended() -> Self {
        Self {
            preset: RulePreset::PrcExtended,
            max_overtime_hours_per_day: 3.0,
            max_hours_per_day: 11.0,
            max_hours_per_week: 57.0,
            ..Self::prc_standard()
        }
    }
}

/// The JSON form of [`LabourRules`]: a preset plus any overrides.
#[derive(Deserialize, JsonSchema)]
#[schemars(rename = "LabourRules")]
#[serde(deny_unknown_fields)]
struct RulesInput {
    /// Which preset the unset fields come from: `prc_standard` (default),
    /// `prc_extended`, or `custom` (then every field must be set).
    #[serde(default)]
    preset: RulePreset,
    /// Hours a day paid at the normal rate; beyond is overtime.
    standard_hours_per_day: Option<f64>,
    /// Hours a week paid at the normal rate; beyond is overtime.
    standard_hours_per_week: Option<f64>,
    /// Most overtime hours in one day (a shift longer than standard + this
    /// cannot be rostered on a workday).
    max_overtime_hours_per_day: Option<f64>,
    /// Most overtime hours in a 30-day month; pro-rated to the horizon.
    max_overtime_hours_per_month: Option<f64>,
    /// Most paid hours in one day.
    max_hours_per_day: Option<f64>,
    /// Most paid hours in a week (7-day block from the horizon start).
    max_hours_per_week: Option<f64>,
    /// Least hours between the end of one shift and the start of the next.
    min_rest_hours: Option<f64>,
    /// Most consecutive working days.
    max_consecutive_days: Option<u32>,
    /// Fewest days off in each 7-day block from the horizon start.
    min_days_off_per_week: Option<u32>,
    /// Pay multiplier for overtime hours on workdays.
    overtime_multiplier: Option<f64>,
    /// Pay multiplier for every hour on a weekly rest day.
    rest_day_multiplier: Option<f64>,
    /// Pay multiplier for every hour on a public holiday.
    holiday_multiplier: Option<f64>,
}

impl TryFrom<RulesInput> for LabourRules {
    type Error = String;

    fn try_from(input: RulesInput) -> Result<Self, Self::Error> {
        let mut missing = Vec::new();
        let base = match input.preset {
            RulePreset::PrcStandard => Self::prc_standard(),
            RulePreset::PrcExtended => Self::prc_extended(),
            RulePreset::Custom => Self::prc_standard(),
        };
        let custom = input.preset == RulePreset::Custom;
        let standard_hours_per_day = match input.standard_hours_per_day {
            Some(v) => v,
            None => {
                if custom {
                    missing.push("standard_hours_per_day");
                }
                base.standard_hours_per_day
            }
        };
        let standard_hours_per_week = match input.standard_hours_per_week {
            Some(v) => v,
            None => {
                if custom {
                    missing.push("standard_hours_per_week");
                }
                base.standard_hours_per_week
            }
        };
        let max_overtime_hours_per_day = match input.max_overtime_hours_per_day {
            Some(v) => v,
            None => {
                if custom {
                    missing.push("max_overtime_hours_per_day");
                }
                base.max_overtime_hours_per_day
            }
        };
        let max_overtime_hours_per_month = match input.max_overtime_hours_per_month {
            Some(v) => v,
            None => {
                if custom {
                    missing.push("max_overtime_hours_per_month");
                }
                base.max_overtime_hours_per_month
            }
        };
        let max_hours_per_day = match input.max_hours_per_day {
            Some(v) => v,
            None => {
                if custom {
                    missing.push("max_hours_per_day");
                }
                base.max_hours_per_day
            }
        };
        let max_hours_per_week = match input.max_hours_per_week {
            Some(v) => v,
            None => {
                if custom {
                    missing.push("max_hours_per_week");
                }
                base.max_hours_per_week
            }
        };
        let min_rest_hours = match input.min_rest_hours {
            Some(v) => v,
            None => {
                if custom {
                    missing.push("min_rest_hours");
                }
                base.min_rest_hours
            }
        };
        let max_consecutive_days = match input.max_consecutive_days {
            Some(v) => v,
            None => {
                if custom {
                    missing.push("max_consecutive_days");
                }
                base.max_consecutive_days
            }
        };
        let min_days_off_per_week = match input.min_days_off_per_week {
            Some(v) => v,
            None => {
                if custom {
                    missing.push("min_days_off_per_week");
                }
                base.min_days_off_per_week
            }
        };
        let overtime_multiplier = match input.overtime_multiplier {
            Some(v) => v,
            None => {
                if custom {
                    missing.push("overtime_multiplier");
                }
                base.overtime_multiplier
            }
        };
        let rest_day_multiplier = match input.rest_day_multiplier {
            Some(v) => v,
            None => {
                if custom {
                    missing.push("rest_day_multiplier");
                }
                base.rest_day_multiplier
            }
        };
        let holiday_multiplier = match input.holiday_multiplier {
            Some(v) => v,
            None => {
                if custom {
                    missing.push("holiday_multiplier");
                }
                base.holiday_multiplier
            }
        };
        if !missing.is_empty() {
            return Err(format!(
                "rules with \"preset\": \"custom\" must set every field; missing: {}. \
                 Set them, or start from \"prc_standard\" and override only what differs",
                missing.join(", ")
            ));
        }
        Ok(Self {
            preset: input.preset,
            standard_hours_per_day,
            standard_hours_per_week,
            max_overtime_hours_per_day,
            max_overtime_hours_per_month,
            max_hours_per_day,
            max_hours_per_week,
            min_rest_hours,
            max_consecutive_days,
            min_days_off_per_week,
            overtime_multiplier,
            rest_day_multiplier,
            holiday_multiplier,
        })
    }
}
