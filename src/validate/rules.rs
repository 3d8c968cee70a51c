//! Labour rules and penalties.

use super::*;

pub(super) fn rules_and_penalties(s: &Scenario, c: &mut Collector) {
    let r = &s.rules;
    for (what, v) in [
        ("standard_hours_per_day", r.standard_hours_per_day),
        ("standard_hours_per_week", r.standard_hours_per_week),
        ("max_overtime_hours_per_day", r.max_overtime_hours_per_day),
        (
            "max_overtime_hours_per_month",
            r.max_overtime_hours_per_month,
        ),
        ("max_hours_per_day", r.max_hours_per_day),
        ("max_hours_per_week", r.max_hours_per_week),
    ] {
        c.non_negative("rules", what, v);
    }
    c.within(
        "rules",
        "min_rest_hours",
        r.min_rest_hours,
        0.0,
        24.0,
        "give the hours of rest between shifts, 24 at most",
    );
    for (what, v) in [
        ("overtime_multiplier", r.overtime_multiplier),
        ("rest_day_multiplier", r.rest_day_multiplier),
        ("holiday_multiplier", r.holiday_multiplier),
    ] {
        if !(v.is_finite() && v >= 1.0) {
            c.push(
                IssueCode::BadNumber,
                "rules".into(),
                format!("{what} is {v}; premium pay cannot be below normal pay"),
                "give a multiplier of 1.0 or more",
            );
        }
    }
    if r.max_consecutive_days == 0 {
        c.push_on(
            &[RuleId::ConsecutiveDays],
            IssueCode::ContradictoryLimits,
            "rules".into(),
            "max_consecutive_days is 0, so nobody may work at all".into(),
            "set it to 1 or more (6 gives one day off a week)",
        );
    }
    if r.min_days_off_per_week > 7 {
        c.push_on(
            &[RuleId::DaysOff],
            IssueCode::ContradictoryLimits,
            "rules".into(),
            format!(
                "min_days_off_per_week is {}; a week has 7 days",
                r.min_days_off_per_week
            ),
            "set it between 0 and 7",
        );
    }
    c.non_negative(
        "penalties",
        "shortfall_per_unit",
        s.penalties.shortfall_per_unit,
    );
    c.non_negative("penalties", "contract_hour", s.penalties.contract_hour);
}
