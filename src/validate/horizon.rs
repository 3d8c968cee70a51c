//! The horizon and the calendar.

use super::*;

pub(super) fn horizon_and_calendar(s: &Scenario, c: &mut Collector) {
    if s.horizon.end < s.horizon.start {
        c.push(
            IssueCode::EmptyHorizon,
            "horizon".into(),
            format!(
                "the horizon ends ({}) before it starts ({})",
                s.horizon.end, s.horizon.start
            ),
            "set `end` on or after `start`",
        );
    }
    use chrono::Datelike;
    if s.horizon.end >= s.horizon.start && s.horizon.len() > MAX_HORIZON_DAYS {
        c.push(
            IssueCode::HorizonTooLong,
            "horizon".into(),
            format!(
                "the horizon has {} dates; flexline plans at most {MAX_HORIZON_DAYS}",
                s.horizon.len()
            ),
            "plan one week or month at a time",
        );
    }
    for d in [s.horizon.start, s.horizon.end] {
        if !(MIN_YEAR..=MAX_YEAR).contains(&d.year()) {
            c.push(
                IssueCode::DateOutOfRange,
                "horizon".into(),
                format!("the date {d} is outside the years {MIN_YEAR}–{MAX_YEAR}"),
                "check the year",
            );
        }
    }
    for r in &s.calendar.school_holidays {
        if r.to < r.from {
            c.push(
                IssueCode::WindowEndsBeforeStart,
                format!("school holiday from {}", r.from),
                format!("it ends ({}) before it starts ({})", r.to, r.from),
                "set `to` on or after `from`",
            );
        }
    }
}
