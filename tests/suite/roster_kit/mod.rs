//! Small rostering scenarios for the tests of the rostering rules (cover,
//! requests, per-worker limits, runs, weekends, successions, history).
//!
//! Every scenario has one line `L` with one station `duty` (skill `s`, ten
//! workplaces) running two shifts: `early` 06:00–14:30 with a 30-minute
//! unpaid break (8 paid hours) and `late` 14:00–22:00 (8 paid hours). Workers
//! earn 1 an hour, so each shift costs exactly 8 on every date (rest-day,
//! overtime and holiday multipliers are 1, and the labour rules never bind
//! unless a test sets `min_rest_hours`). The horizon starts on Monday
//! 2026-03-02 unless a test gives another start.
#![allow(dead_code)]

use chrono::{Duration, NaiveDate};
use flexline::check::{self, Rule};
use flexline::{Assignment, Roster, Scenario};

/// Cost of one shift (8 paid hours at 1 an hour).
pub const SHIFT: f64 = 8.0;

/// Monday 2026-03-02.
pub fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
}

/// The date `i` days after `start` (negative: before).
pub fn day_of(start: NaiveDate, i: i64) -> NaiveDate {
    start + Duration::days(i)
}

/// Day `i` of a horizon starting on Monday 2026-03-02, as "yyyy-mm-dd".
pub fn d(i: i64) -> String {
    day_of(monday(), i).to_string()
}

/// Labour rules that never bind, with the given minimum rest.
pub fn rules(min_rest_hours: f64) -> String {
    format!(
        r#""rules": {{ "preset": "custom", "standard_hours_per_day": 8, "standard_hours_per_week": 56,
            "max_overtime_hours_per_day": 0, "max_overtime_hours_per_month": 0,
            "max_hours_per_day": 8, "max_hours_per_week": 56, "min_rest_hours": {min_rest_hours},
            "max_consecutive_days": 31, "min_days_off_per_week": 0, "overtime_multiplier": 1,
            "rest_day_multiplier": 1, "holiday_multiplier": 1 }}"#
    )
}

/// A worker earning 1 an hour with skill `s`, plus extra JSON fields
/// (starting with a comma).
pub fn worker(id: &str, extra: &str) -> String {
    format!(r#"{{ "id": "{id}", "skills": [ {{ "skill": "s" }} ], "hourly_wage": 1 {extra} }}"#)
}

/// A cover requirement on day `i` (from Monday 2026-03-02).
pub fn cover(i: i64, shift: &str, required: u32, under: f64, over: f64) -> String {
    format!(
        r#"{{ "date": "{}", "shift": "{shift}", "required": {required}, "under_weight": {under}, "over_weight": {over} }}"#,
        d(i)
    )
}

/// A request on day `i`; `shift` None means any shift.
pub fn request(who: &str, i: i64, shift: Option<&str>, kind: &str, weight: f64) -> String {
    let shift = shift
        .map(|s| format!(r#", "shift": "{s}""#))
        .unwrap_or_default();
    format!(
        r#"{{ "worker": "{who}", "date": "{}", "kind": "{kind}", "weight": {weight} {shift} }}"#,
        d(i)
    )
}

/// `"history"` from day `from` (negative) with `(worker, day, shift)`
/// entries, and `run_borders: history`.
pub fn history(from: i64, entries: &[(&str, i64, &str)]) -> String {
    let items: Vec<String> = entries
        .iter()
        .map(|(w, i, sh)| {
            format!(
                r#"{{ "worker": "{w}", "date": "{}", "shift": "{sh}" }}"#,
                d(*i)
            )
        })
        .collect();
    format!(
        r#""run_borders": "history", "history": {{ "from": "{}", "assignments": [{}] }}"#,
        d(from),
        items.join(", ")
    )
}

/// The scenario JSON (not validated): `days` dates from `start`, the given
/// workers, minimum rest, and extra top-level fields (each `"key": value`,
/// comma-separated, without a leading comma).
pub fn json_from(
    start: NaiveDate,
    days: i64,
    min_rest: f64,
    workers: &[String],
    extra: &[String],
) -> String {
    json_with_lines(start, days, min_rest, LINE, workers, extra)
}

/// The one line `L` with station `duty`.
pub const LINE: &str = r#"[ { "id": "L", "shifts": ["early", "late"], "stations": [
    { "id": "duty", "skill": "s", "minutes_per_unit": 60, "workplaces": 10 } ] } ]"#;

/// As [`json_from`], with the given `lines` array.
pub fn json_with_lines(
    start: NaiveDate,
    days: i64,
    min_rest: f64,
    lines: &str,
    workers: &[String],
    extra: &[String],
) -> String {
    let mut fields = vec![
        format!(
            r#""horizon": {{ "start": "{start}", "end": "{}" }}"#,
            day_of(start, days - 1)
        ),
        r#""shifts": [
            { "id": "early", "start": "06:00", "end": "14:30", "break_minutes": 30 },
            { "id": "late", "start": "14:00", "end": "22:00" } ]"#
            .to_owned(),
        format!(r#""lines": {lines}"#),
        format!(r#""workers": [{}]"#, workers.join(", ")),
        rules(min_rest),
    ];
    fields.extend(extra.iter().cloned());
    format!("{{ {} }}", fields.join(",\n"))
}

/// A validated scenario of `days` dates from Monday 2026-03-02.
pub fn ros(days: i64, workers: &[String], extra: &[String]) -> Scenario {
    ros_from(monday(), days, 0.0, workers, extra)
}

/// A validated scenario; panics with the validation report if invalid.
pub fn ros_from(
    start: NaiveDate,
    days: i64,
    min_rest: f64,
    workers: &[String],
    extra: &[String],
) -> Scenario {
    let json = json_from(start, days, min_rest, workers, extra);
    Scenario::from_json_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"))
}

/// `"cover": [...]` from cover items.
pub fn covers(items: &[String]) -> String {
    format!(r#""cover": [{}]"#, items.join(", "))
}

/// `"requests": [...]` from request items.
pub fn requests(items: &[String]) -> String {
    format!(r#""requests": [{}]"#, items.join(", "))
}

/// An assignment of `worker` to `shift` on day `i` of the horizon, at station
/// `duty` of line `L`, with the template's times.
pub fn assign(s: &Scenario, worker: &str, i: i64, shift: &str) -> Assignment {
    let date = day_of(s.horizon.start, i);
    let t = s.shift(&shift.into()).expect("shift");
    let start = date.and_time(t.start);
    Assignment {
        worker: worker.into(),
        date,
        shift: shift.into(),
        line: "L".into(),
        station: "duty".into(),
        start,
        end: start + Duration::minutes(t.duration_minutes()),
        paid_hours: t.paid_minutes() as f64 / 60.0,
    }
}

/// A roster from `(worker, day, shift)` triples.
pub fn roster(s: &Scenario, items: &[(&str, i64, &str)]) -> Roster {
    Roster {
        assignments: items
            .iter()
            .map(|(w, i, sh)| assign(s, w, *i, sh))
            .collect(),
        home_batches: Vec::new(),
    }
}

/// The rules the checker finds broken.
pub fn broken(s: &Scenario, r: &Roster) -> Vec<Rule> {
    check::check(s, r)
        .violations
        .iter()
        .map(|v| v.rule)
        .collect()
}

/// Days (indices) on which `worker` works in `r`.
pub fn days_worked(s: &Scenario, r: &Roster, worker: &str) -> Vec<i64> {
    let mut v: Vec<i64> = r
        .assignments
        .iter()
        .filter(|a| a.worker.as_str() == worker)
        .map(|a| (a.date - s.horizon.start).num_days())
        .collect();
    v.sort_unstable();
    v
}
