//! The one vocabulary of rules: [`RuleId`] names every rule flexline
//! reports on, with the string serde gives it. The checker's violations
//! (`check::Violation::rule`), the diagnosis (`diagnose::Cause::HoursLimit`,
//! `diagnose::RuleRef::rules`) and validation (`Issue::rules`) all name
//! rules with it. A leaf: it depends on nothing in the crate but `names`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A rule, named once: the hard rules the independent checker verifies (see
/// `docs/semantics.md`) and the soft rules a diagnosis names. Its string
/// name (`to_string()`, [`RuleId::name`], JSON) is its serde name, in
/// snake case.
///
/// The checker reports only hard rules ([`RuleId::is_hard`]); a diagnosis
/// also names the soft ones whose shortfall it explains.
///
/// ```
/// use flexline::RuleId;
/// assert_eq!(RuleId::WeeklyHours.to_string(), "weekly_hours");
/// assert_eq!(serde_json::to_string(&RuleId::MinRest)?, r#""min_rest""#);
/// assert_eq!("days_off".parse::<RuleId>()?, RuleId::DaysOff);
/// assert!(!RuleId::ContractMinimum.is_hard());
/// // The checker's `Rule` is this type.
/// assert_eq!(flexline::check::Rule::MinRest, RuleId::MinRest);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RuleId {
    /// A worker, shift, line or station id is not in the scenario, or the
    /// station is not on the assignment's line.
    UnknownEntity,
    /// The date is outside the horizon.
    OutsideHorizon,
    /// The shift template does not run on that weekday.
    ShiftNotRunning,
    /// Start, end or paid hours differ from the template on that date.
    ShiftTimesWrong,
    /// The shift overlaps one of the worker's caregiving windows or absences.
    CaregivingWindow,
    /// The worker lacks the station's skill.
    MissingSkill,
    /// The worker may not work on that line.
    LineNotAllowed,
    /// The line does not run that shift template.
    LineDoesNotRunShift,
    /// More than one assignment for a worker on one date.
    DoubleBooking,
    /// Paid hours on a date above the daily maximum.
    DailyHours,
    /// Overtime on a date above the daily overtime maximum.
    DailyOvertime,
    /// Paid hours in a 7-day block above the weekly maximum.
    WeeklyHours,
    /// Daily plus weekly overtime above the pro-rated monthly cap.
    OvertimeCap,
    /// Too little rest between two shifts.
    MinRest,
    /// Too many consecutive working dates.
    ConsecutiveDays,
    /// Too few days off in a 7-day block.
    DaysOff,
    /// More people at a station at once than it has workplaces.
    Workplaces,
    /// A shift on one of the worker's fixed days off.
    FixedDayOff,
    /// More shifts of a template than the worker's `max_shifts` allows.
    ShiftCount,
    /// Paid minutes over the horizon outside the worker's min/max.
    TotalMinutes,
    /// A run of working dates strictly inside the horizon shorter than the minimum.
    MinConsecutiveDays,
    /// A run of days off strictly inside the horizon shorter than the minimum.
    MinConsecutiveDaysOff,
    /// More weekends worked than the worker's `max_weekends`.
    Weekends,
    /// A shift followed on the next date by one it may not be followed by.
    ForbiddenSuccession,
    /// A home batch that breaks the rounds (out on no round or the last one,
    /// back on another date than the next round), is not whole units, comes
    /// back in a different number, states the wrong minutes, or is at a
    /// station without home work.
    HomeBatch,
    /// Home batches out on one round take more minutes than the worker can
    /// give before the next round.
    HomeAvailability,
    /// Units out plus units back on a round above the van's capacity.
    VanCapacity,
    /// A home worker rostered on site.
    HomeOnSite,
    /// A line finished more units ahead of its delivery targets than its
    /// `max_finished_stock`.
    FinishedStock,
    /// Soft: a worker's contracted minimum hours per week
    /// (`min_hours_per_week`), priced by `penalties.contract_hour`.
    ContractMinimum,
    /// Soft: an output target's units, priced by its shortfall penalty.
    OutputTarget,
}

impl RuleId {
    /// Every rule, hard rules first, in declaration order.
    ///
    /// ```
    /// assert!(flexline::RuleId::ALL.contains(&flexline::RuleId::Weekends));
    /// ```
    pub const ALL: [RuleId; 31] = [
        RuleId::UnknownEntity,
        RuleId::OutsideHorizon,
        RuleId::ShiftNotRunning,
        RuleId::ShiftTimesWrong,
        RuleId::CaregivingWindow,
        RuleId::MissingSkill,
        RuleId::LineNotAllowed,
        RuleId::LineDoesNotRunShift,
        RuleId::DoubleBooking,
        RuleId::DailyHours,
        RuleId::DailyOvertime,
        RuleId::WeeklyHours,
        RuleId::OvertimeCap,
        RuleId::MinRest,
        RuleId::ConsecutiveDays,
        RuleId::DaysOff,
        RuleId::Workplaces,
        RuleId::FixedDayOff,
        RuleId::ShiftCount,
        RuleId::TotalMinutes,
        RuleId::MinConsecutiveDays,
        RuleId::MinConsecutiveDaysOff,
        RuleId::Weekends,
        RuleId::ForbiddenSuccession,
        RuleId::HomeBatch,
        RuleId::HomeAvailability,
        RuleId::VanCapacity,
        RuleId::HomeOnSite,
        RuleId::FinishedStock,
        RuleId::ContractMinimum,
        RuleId::OutputTarget,
    ];

    /// The rule's stable name, its serde string (e.g. `"min_rest"`).
    ///
    /// ```
    /// assert_eq!(flexline::RuleId::FixedDayOff.name(), "fixed_day_off");
    /// ```
    pub fn name(self) -> &'static str {
        crate::names::variant_name(&self)
    }

    /// True for a hard rule (one no roster may break, and that the checker
    /// verifies); false for a soft rule the objective prices.
    ///
    /// ```
    /// assert!(flexline::RuleId::MinRest.is_hard());
    /// assert!(!flexline::RuleId::OutputTarget.is_hard());
    /// ```
    pub fn is_hard(self) -> bool {
        !matches!(self, RuleId::ContractMinimum | RuleId::OutputTarget)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A string that names no rule.
///
/// ```
/// let err = "weekly_hour".parse::<flexline::RuleId>().unwrap_err();
/// assert!(err.to_string().contains("weekly_hour"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` names no rule; give one of the names of flexline::RuleId, e.g. `weekly_hours`",
            crate::text::shown(&self.0)
        )
    }
}

impl std::error::Error for UnknownRule {}

impl std::str::FromStr for RuleId {
    type Err = UnknownRule;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::ALL
            .into_iter()
            .find(|r| r.name() == s)
            .ok_or_else(|| UnknownRule(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::RuleId;

    /// The position of `r` in [`RuleId::ALL`]; the match is exhaustive, so a
    /// new variant does not compile until it is placed here (and in `ALL`).
    fn position(r: RuleId) -> usize {
        match r {
            RuleId::UnknownEntity => 0,
            RuleId::OutsideHorizon => 1,
            RuleId::ShiftNotRunning => 2,
            RuleId::ShiftTimesWrong => 3,
            RuleId::CaregivingWindow => 4,
            RuleId::MissingSkill => 5,
            RuleId::LineNotAllowed => 6,
            RuleId::LineDoesNotRunShift => 7,
            RuleId::DoubleBooking => 8,
            RuleId::DailyHours => 9,
            RuleId::DailyOvertime => 10,
            RuleId::WeeklyHours => 11,
            RuleId::OvertimeCap => 12,
            RuleId::MinRest => 13,
            RuleId::ConsecutiveDays => 14,
            RuleId::DaysOff => 15,
            RuleId::Workplaces => 16,
            RuleId::FixedDayOff => 17,
            RuleId::ShiftCount => 18,
            RuleId::TotalMinutes => 19,
            RuleId::MinConsecutiveDays => 20,
            RuleId::MinConsecutiveDaysOff => 21,
            RuleId::Weekends => 22,
            RuleId::ForbiddenSuccession => 23,
            RuleId::HomeBatch => 24,
            RuleId::HomeAvailability => 25,
            RuleId::VanCapacity => 26,
            RuleId::HomeOnSite => 27,
            RuleId::FinishedStock => 28,
            RuleId::ContractMinimum => 29,
            RuleId::OutputTarget => 30,
        }
    }

    #[test]
    fn all_lists_every_rule_once_in_order() {
        for (i, r) in RuleId::ALL.into_iter().enumerate() {
            assert_eq!(position(r), i, "{r:?}");
        }
    }

    #[test]
    fn every_rule_round_trips_through_serde_and_its_name() {
        let mut names = std::collections::BTreeSet::new();
        for r in RuleId::ALL {
            let json = serde_json::to_value(r).unwrap();
            assert_eq!(json.as_str(), Some(r.name()), "{r:?}");
            assert_eq!(serde_json::from_value::<RuleId>(json).unwrap(), r);
            assert_eq!(r.name().parse::<RuleId>(), Ok(r));
            assert_eq!(r.to_string(), r.name());
            assert_ne!(r.name(), "unknown", "{r:?} is a unit variant");
            assert!(names.insert(r.name()), "{} named twice", r.name());
        }
    }

    #[test]
    fn names_are_the_ones_published_before_the_vocabulary() {
        // The checker's JSON and the diagnosis' `HoursLimit` causes used
        // these strings before `RuleId` existed; they must not change.
        let published = [
            "unknown_entity",
            "outside_horizon",
            "shift_not_running",
            "shift_times_wrong",
            "caregiving_window",
            "missing_skill",
            "line_not_allowed",
            "line_does_not_run_shift",
            "double_booking",
            "daily_hours",
            "daily_overtime",
            "weekly_hours",
            "overtime_cap",
            "min_rest",
            "consecutive_days",
            "days_off",
            "workplaces",
            "fixed_day_off",
            "shift_count",
            "total_minutes",
            "min_consecutive_days",
            "min_consecutive_days_off",
            "weekends",
            "forbidden_succession",
            "home_batch",
            "home_availability",
            "van_capacity",
            "home_on_site",
            "finished_stock",
        ];
        let hard: Vec<&str> = RuleId::ALL
            .into_iter()
            .filter(|r| r.is_hard())
            .map(RuleId::name)
            .collect();
        assert_eq!(hard, published);
    }
}
