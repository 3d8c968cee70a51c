//! Unit tests of the checker, rule by rule.

use super::*;
use crate::report::Assignment;
use serde_json::{json, Value};

fn base() -> Value {
    json!({
        "horizon": { "start": "2026-03-02", "end": "2026-03-08" },
        "shifts": [
            { "id": "day", "start": "08:00", "end": "16:30", "break_minutes": 30 },
            { "id": "long", "start": "07:00", "end": "17:00", "break_minutes": 60 },
            { "id": "night", "start": "22:00", "end": "06:00" },
            { "id": "weekday", "start": "08:00", "end": "16:30", "break_minutes": 30,
              "days": ["Mon", "Tue", "Wed", "Thu", "Fri"] }
        ],
        "lines": [
            { "id": "L", "shifts": ["day", "long", "night", "weekday"], "stations": [
                { "id": "a", "skill": "s1", "minutes_per_unit": 10.0, "workplaces": 1 },
                { "id": "b", "skill": "s2", "minutes_per_unit": 20.0, "workplaces": 2,
                  "initial_stock": 5.0 } ] },
            { "id": "M", "shifts": ["day"], "stations": [
                { "id": "c", "skill": "s1", "minutes_per_unit": 10.0, "workplaces": 1 } ] }
        ],
        "workers": [
            { "id": "ana", "skills": [ { "skill": "s1" } ], "hourly_wage": 10.0 },
            { "id": "bo", "skills": [ { "skill": "s2" } ], "hourly_wage": 10.0 },
            { "id": "cy", "skills": [ { "skill": "s1", "efficiency": 0.25 } ], "hourly_wage": 10.0 }
        ]
    })
}

fn scenario(edit: impl FnOnce(&mut Value)) -> Scenario {
    let mut v = base();
    edit(&mut v);
    serde_json::from_value(v).expect("test scenario parses")
}

fn worker_mut<'v>(v: &'v mut Value, id: &str) -> &'v mut Value {
    v["workers"]
        .as_array_mut()
        .expect("workers")
        .iter_mut()
        .find(|w| w["id"] == id)
        .expect("worker")
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// A correctly timed assignment (times computed here, by hand rules).
fn asg(s: &Scenario, worker: &str, on: &str, shift: &str, station: &str) -> Assignment {
    let d = date(on);
    let line = s
        .lines
        .iter()
        .find(|l| l.stations.iter().any(|st| st.id.as_str() == station))
        .map_or_else(|| LineId::from("L"), |l| l.id.clone());
    let t = s
        .shifts
        .iter()
        .find(|t| t.id.as_str() == shift)
        .cloned()
        .unwrap_or_else(|| ShiftTemplate::new(shift, "08:00", "16:30", 30).expect("template"));
    let start = d.and_time(t.start);
    let end_date = if t.end <= t.start {
        d.succ_opt().expect("date")
    } else {
        d
    };
    Assignment {
        worker: WorkerId::from(worker),
        date: d,
        shift: crate::model::ShiftId::from(shift),
        line,
        station: StationId::from(station),
        start,
        end: end_date.and_time(t.end),
        paid_hours: t.paid_minutes() as f64 / 60.0,
    }
}

fn roster(assignments: Vec<Assignment>) -> Roster {
    Roster {
        assignments,
        home_batches: Vec::new(),
    }
}

fn rules_of(report: &CheckReport) -> Vec<Rule> {
    report.violations.iter().map(|v| v.rule).collect()
}

fn count(report: &CheckReport, rule: Rule) -> usize {
    report.violations.iter().filter(|v| v.rule == rule).count()
}

fn assert_close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn accepts_a_valid_roster() {
    let s = scenario(|_| {});
    let r = roster(vec![
        asg(&s, "ana", "2026-03-02", "day", "a"),
        asg(&s, "ana", "2026-03-03", "night", "a"),
        asg(&s, "bo", "2026-03-02", "day", "b"),
        asg(&s, "cy", "2026-03-03", "day", "c"),
        asg(&s, "cy", "2026-03-04", "day", "c"),
    ]);
    let report = check(&s, &r);
    assert!(report.is_feasible(), "{:?}", report.violations);
}

#[test]
fn flags_unknown_ids_and_ignores_them() {
    let s = scenario(|_| {});
    let mut wrong_line = asg(&s, "ana", "2026-03-02", "day", "c");
    wrong_line.line = LineId::from("L");
    let mut no_line = asg(&s, "ana", "2026-03-03", "day", "a");
    no_line.line = LineId::from("Z");
    let r = roster(vec![
        asg(&s, "zed", "2026-03-02", "day", "a"),
        asg(&s, "ana", "2026-03-02", "zzz", "a"),
        asg(&s, "ana", "2026-03-02", "day", "nowhere"),
        wrong_line,
        no_line,
    ]);
    let report = check(&s, &r);
    assert_eq!(rules_of(&report), vec![Rule::UnknownEntity; 5]);
    assert!(report.violations[0].worker.is_none());
    assert!(report.violations[3].detail.contains("is on line \"M\""));
    assert_eq!(report.cost.base_wages, 0.0);
    assert!(report.throughput.stations.iter().all(|sd| sd.workers == 0));
}

#[test]
fn flags_date_outside_horizon() {
    let s = scenario(|_| {});
    let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-09", "day", "a")]));
    assert_eq!(rules_of(&report), vec![Rule::OutsideHorizon]);
    assert_eq!(report.cost.base_wages, 0.0);
}

#[test]
fn flags_shift_not_running_on_weekday() {
    let s = scenario(|_| {});
    let ok = check(
        &s,
        &roster(vec![asg(&s, "ana", "2026-03-06", "weekday", "a")]),
    );
    assert!(ok.is_feasible());
    let report = check(
        &s,
        &roster(vec![asg(&s, "ana", "2026-03-07", "weekday", "a")]),
    );
    assert_eq!(rules_of(&report), vec![Rule::ShiftNotRunning]);
}

#[test]
fn flags_wrong_shift_times() {
    let s = scenario(|_| {});
    let night = asg(&s, "ana", "2026-03-06", "night", "a");
    assert_eq!(night.end.date(), date("2026-03-07"));
    assert!(check(&s, &roster(vec![night.clone()])).is_feasible());

    let mut same_day_end = night.clone();
    same_day_end.end = date("2026-03-06").and_time(same_day_end.end.time());
    let mut late_start = asg(&s, "ana", "2026-03-03", "day", "a");
    late_start.start += Duration::minutes(5);
    let mut paid = asg(&s, "ana", "2026-03-04", "day", "a");
    paid.paid_hours = 8.5;
    let mut nan = asg(&s, "ana", "2026-03-05", "day", "a");
    nan.paid_hours = f64::NAN;
    let report = check(&s, &roster(vec![same_day_end, late_start, paid, nan]));
    assert_eq!(rules_of(&report), vec![Rule::ShiftTimesWrong; 4]);
    // The template's hours are used, not the stated ones.
    assert_close(report.cost.base_wages, 4.0 * 8.0 * 10.0);
}

#[test]
fn flags_shift_inside_school_run_window() {
    let s = scenario(|v| {
        worker_mut(v, "ana")["unavailable"] = json!([{
            "kind": "weekly", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
            "from": "07:30", "to": "08:30", "applies": "school_days", "reason": "school run"
        }]);
        v["calendar"] = json!({
            "public_holidays": ["2026-03-04"],
            "school_holidays": [ { "from": "2026-03-03", "to": "2026-03-03" } ]
        });
    });
    let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "day", "a")]));
    assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
    assert!(report.violations[0].detail.contains("school run"));
    assert!(report.violations[0].detail.contains("08:00"));
    // School holiday, public holiday, weekend: no school run.
    for free in ["2026-03-03", "2026-03-04", "2026-03-07"] {
        let r = check(&s, &roster(vec![asg(&s, "ana", free, "day", "a")]));
        assert!(r.is_feasible(), "{free}: {:?}", r.violations);
    }
}

#[test]
fn flags_non_school_day_window_only_off_school_days() {
    let s = scenario(|v| {
        worker_mut(v, "ana")["unavailable"] = json!([{
            "kind": "weekly", "from": "09:00", "to": "12:00", "applies": "non_school_days"
        }]);
    });
    assert!(check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "day", "a")])).is_feasible());
    let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-07", "day", "a")]));
    assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
}

#[test]
fn flags_overnight_window_from_previous_day() {
    // Sunday 20:00 -> Monday 08:30; the Sunday is the day before the horizon.
    let s = scenario(|v| {
        worker_mut(v, "ana")["unavailable"] = json!([{
            "kind": "weekly", "days": ["Sun"], "from": "20:00", "to": "08:30", "overnight": true
        }]);
    });
    let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "day", "a")]));
    assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
    assert!(check(&s, &roster(vec![asg(&s, "ana", "2026-03-03", "day", "a")])).is_feasible());
    // Sunday night shift inside the horizon overlaps Sunday's window.
    let report = check(
        &s,
        &roster(vec![asg(&s, "ana", "2026-03-08", "night", "a")]),
    );
    assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
}

#[test]
fn accepts_window_ending_when_shift_starts() {
    let s = scenario(|v| {
        worker_mut(v, "ana")["unavailable"] = json!([
            { "kind": "weekly", "from": "06:00", "to": "08:00" },
            { "kind": "weekly", "from": "16:30", "to": "00:00", "overnight": true }
        ]);
    });
    assert!(check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "day", "a")])).is_feasible());
    // A window until midnight blocks the night shift.
    let report = check(
        &s,
        &roster(vec![asg(&s, "ana", "2026-03-02", "night", "a")]),
    );
    assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
}

#[test]
fn flags_night_shift_running_into_next_days_window() {
    let s = scenario(|v| {
        worker_mut(v, "ana")["unavailable"] = json!([{
            "kind": "weekly", "days": ["Tue"], "from": "05:00", "to": "07:00"
        }]);
    });
    let report = check(
        &s,
        &roster(vec![asg(&s, "ana", "2026-03-02", "night", "a")]),
    );
    assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
    assert!(report.violations[0].detail.contains("2026-03-03 05:00"));
    // The day after the horizon counts too.
    let s = scenario(|v| {
        worker_mut(v, "ana")["unavailable"] = json!([{ "kind": "absence", "date": "2026-03-09" }]);
    });
    let report = check(
        &s,
        &roster(vec![asg(&s, "ana", "2026-03-08", "night", "a")]),
    );
    assert_eq!(rules_of(&report), vec![Rule::CaregivingWindow]);
}

#[test]
fn flags_leave_and_absence() {
    let s = scenario(|v| {
        worker_mut(v, "ana")["unavailable"] = json!([
            { "kind": "leave", "from": "2026-03-03", "to": "2026-03-04" },
            { "kind": "absence", "date": "2026-03-06" }
        ]);
    });
    let r = roster(vec![
        asg(&s, "ana", "2026-03-02", "day", "a"),
        asg(&s, "ana", "2026-03-04", "day", "a"),
        asg(&s, "ana", "2026-03-05", "night", "a"),
        asg(&s, "ana", "2026-03-07", "day", "a"),
    ]);
    let report = check(&s, &r);
    let dates: Vec<_> = report
        .violations
        .iter()
        .filter(|v| v.rule == Rule::CaregivingWindow)
        .map(|v| v.date)
        .collect();
    assert_eq!(
        dates,
        vec![Some(date("2026-03-04")), Some(date("2026-03-05"))]
    );
}

#[test]
fn flags_missing_skill() {
    let s = scenario(|_| {});
    let report = check(&s, &roster(vec![asg(&s, "bo", "2026-03-02", "day", "a")]));
    assert_eq!(rules_of(&report), vec![Rule::MissingSkill]);
    // Without the skill the worker makes nothing.
    assert_eq!(report.throughput.stations[0].capacity_units, 0.0);
    assert_eq!(report.throughput.stations[0].workers, 1);
}

#[test]
fn flags_line_not_allowed() {
    let s = scenario(|v| worker_mut(v, "ana")["lines"] = json!(["M"]));
    assert!(check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "day", "c")])).is_feasible());
    let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "day", "a")]));
    assert_eq!(rules_of(&report), vec![Rule::LineNotAllowed]);
}

#[test]
fn flags_line_that_does_not_run_shift() {
    let s = scenario(|_| {});
    let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "long", "c")]));
    assert_eq!(rules_of(&report), vec![Rule::LineDoesNotRunShift]);
}

#[test]
fn flags_double_booking() {
    let s = scenario(|_| {});
    let report = check(
        &s,
        &roster(vec![
            asg(&s, "ana", "2026-03-02", "day", "a"),
            asg(&s, "ana", "2026-03-02", "night", "c"),
        ]),
    );
    assert_eq!(count(&report, Rule::DoubleBooking), 1);
    // 16 hours on one date also break the daily caps.
    assert_eq!(count(&report, Rule::DailyHours), 1);
    assert_eq!(count(&report, Rule::DailyOvertime), 1);
}

#[test]
fn flags_daily_hours_over_personal_cap() {
    let s = scenario(|v| worker_mut(v, "ana")["max_hours_per_day"] = json!(8.5));
    assert!(check(&s, &roster(vec![asg(&s, "cy", "2026-03-02", "long", "a")])).is_feasible());
    let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-02", "long", "a")]));
    assert_eq!(rules_of(&report), vec![Rule::DailyHours]);
}

#[test]
fn flags_daily_overtime() {
    let s = scenario(|v| v["rules"] = json!({ "max_overtime_hours_per_day": 0.5 }));
    let report = check(&s, &roster(vec![asg(&s, "ana", "2026-03-07", "long", "a")]));
    assert_eq!(rules_of(&report), vec![Rule::DailyOvertime]);
}

#[test]
fn flags_weekly_hours_over_personal_cap() {
    let s = scenario(|v| worker_mut(v, "ana")["max_hours_per_week"] = json!(20.0));
    let two = vec![
        asg(&s, "ana", "2026-03-02", "day", "a"),
        asg(&s, "ana", "2026-03-03", "day", "a"),
    ];
    assert!(check(&s, &roster(two.clone())).is_feasible());
    let mut three = two;
    three.push(asg(&s, "ana", "2026-03-04", "day", "a"));
    let report = check(&s, &roster(three));
    assert_eq!(rules_of(&report), vec![Rule::WeeklyHours]);
    assert_eq!(report.violations[0].date, Some(date("2026-03-02")));
}

#[test]
fn flags_overtime_cap_counting_rest_days_and_weekly_overtime() {
    // Cap 10 × 7 / 30 = 2.33 hours.
    let s = scenario(|v| v["rules"] = json!({ "max_overtime_hours_per_month": 10.0 }));
    let two = vec![
        asg(&s, "ana", "2026-03-02", "long", "a"),
        asg(&s, "ana", "2026-03-03", "long", "a"),
    ];
    assert!(check(&s, &roster(two.clone())).is_feasible());
    let mut three = two;
    three.push(asg(&s, "ana", "2026-03-07", "long", "a")); // Saturday
    let report = check(&s, &roster(three));
    assert_eq!(rules_of(&report), vec![Rule::OvertimeCap]);

    // Weekly overtime: 3 × 8 normal hours over a 16-hour standard week.
    let s = scenario(|v| {
        v["rules"] =
            json!({ "max_overtime_hours_per_month": 10.0, "standard_hours_per_week": 16.0 })
    });
    let r = roster(vec![
        asg(&s, "ana", "2026-03-02", "day", "a"),
        asg(&s, "ana", "2026-03-03", "day", "a"),
        asg(&s, "ana", "2026-03-04", "day", "a"),
    ]);
    let report = check(&s, &r);
    assert_eq!(rules_of(&report), vec![Rule::OvertimeCap]);
    assert_close(report.cost.weekly_overtime_hours, 8.0);
}

#[test]
fn flags_short_rest_after_night_shift() {
    let s = scenario(|_| {});
    let ok = roster(vec![
        asg(&s, "ana", "2026-03-02", "long", "a"),
        asg(&s, "ana", "2026-03-03", "day", "a"),
    ]);
    assert!(check(&s, &ok).is_feasible());
    let report = check(
        &s,
        &roster(vec![
            asg(&s, "ana", "2026-03-02", "night", "a"),
            asg(&s, "ana", "2026-03-03", "day", "a"),
        ]),
    );
    assert_eq!(rules_of(&report), vec![Rule::MinRest]);
    assert_eq!(report.violations[0].date, Some(date("2026-03-03")));
    assert!(report.violations[0].detail.starts_with("2 hours"));
}

#[test]
fn flags_consecutive_days() {
    let s =
        scenario(|v| v["rules"] = json!({ "max_consecutive_days": 3, "min_days_off_per_week": 0 }));
    let days = |ds: &[&str]| roster(ds.iter().map(|d| asg(&s, "ana", d, "day", "a")).collect());
    let ok = days(&[
        "2026-03-02",
        "2026-03-03",
        "2026-03-04",
        "2026-03-06",
        "2026-03-07",
        "2026-03-08",
    ]);
    assert!(check(&s, &ok).is_feasible());
    let report = check(
        &s,
        &days(&[
            "2026-03-02",
            "2026-03-03",
            "2026-03-04",
            "2026-03-05",
            "2026-03-06",
        ]),
    );
    assert_eq!(rules_of(&report), vec![Rule::ConsecutiveDays]);
    assert_eq!(report.violations[0].date, Some(date("2026-03-05")));
}

#[test]
fn flags_missing_day_off() {
    let s = scenario(|v| {
        v["rules"] = json!({ "max_consecutive_days": 10, "max_hours_per_week": 60.0 })
    });
    let days = |n: usize| {
        let dates = s.horizon.dates();
        roster(
            dates[..n]
                .iter()
                .map(|d| asg(&s, "ana", &d.to_string(), "day", "a"))
                .collect(),
        )
    };
    assert!(check(&s, &days(6)).is_feasible());
    let report = check(&s, &days(7));
    assert_eq!(rules_of(&report), vec![Rule::DaysOff]);
    assert_eq!(report.violations[0].date, Some(date("2026-03-02")));
}

#[test]
fn short_last_block_may_take_days_off_outside_horizon() {
    // Blocks of 7 and 5 dates; 3 days off a week: at most 4 worked in each.
    let s = scenario(|v| {
        v["horizon"] = json!({ "start": "2026-03-02", "end": "2026-03-13" });
        v["rules"] = json!({ "max_consecutive_days": 20, "min_days_off_per_week": 3 });
    });
    let days = |ds: &[&str]| roster(ds.iter().map(|d| asg(&s, "ana", d, "day", "a")).collect());
    let week1 = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"];
    let ok: Vec<&str> = week1
        .iter()
        .copied()
        .chain(["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"])
        .collect();
    assert!(check(&s, &days(&ok)).is_feasible());
    let mut too_many = ok.clone();
    too_many.push("2026-03-13");
    let report = check(&s, &days(&too_many));
    assert_eq!(rules_of(&report), vec![Rule::DaysOff]);
    assert_eq!(report.violations[0].date, Some(date("2026-03-09")));
    // A one-date horizon still lets people work.
    let one = scenario(|v| v["horizon"] = json!({ "start": "2026-03-02", "end": "2026-03-02" }));
    assert!(check(
        &one,
        &roster(vec![asg(&one, "ana", "2026-03-02", "day", "a")])
    )
    .is_feasible());
}

#[test]
fn flags_too_many_people_at_station() {
    let s = scenario(|_| {});
    // Day and night do not overlap; two people fit at b.
    let ok = roster(vec![
        asg(&s, "ana", "2026-03-02", "day", "a"),
        asg(&s, "cy", "2026-03-02", "night", "a"),
        asg(&s, "bo", "2026-03-02", "day", "b"),
        asg(&s, "bo", "2026-03-03", "day", "b"),
    ]);
    assert!(check(&s, &ok).is_feasible());
    let report = check(
        &s,
        &roster(vec![
            asg(&s, "ana", "2026-03-02", "long", "a"),
            asg(&s, "cy", "2026-03-02", "day", "a"),
        ]),
    );
    assert_eq!(rules_of(&report), vec![Rule::Workplaces]);
    assert!(report.violations[0].detail.contains("08:00"));
    // A night shift still running when the next morning's shift starts.
    let s = scenario(|v| v["shifts"][2]["end"] = json!("09:00"));
    let report = check(
        &s,
        &roster(vec![
            asg(&s, "ana", "2026-03-02", "night", "a"),
            asg(&s, "cy", "2026-03-03", "day", "a"),
        ]),
    );
    assert_eq!(count(&report, Rule::Workplaces), 1);
}

#[test]
fn throughput_matches_hand_computation() {
    let s = scenario(|v| {
        v["targets"] = json!([
            { "id": "t1", "line": "L", "date": "2026-03-02", "units": 20.0 },
            { "id": "t2", "line": "L", "date": "2026-03-04", "units": 70.0, "kind": "by_date" },
            { "id": "t3", "line": "L", "date": "2026-03-04", "units": 20.0, "shortfall_penalty": 50.0 },
            { "id": "t4", "line": "L", "date": "2026-03-04", "units": 10.0 },
            { "id": "t5", "line": "L", "date": "2026-03-03", "units": 40.0, "shortfall_penalty": 10.0 }
        ]);
    });
    let r = roster(vec![
        asg(&s, "ana", "2026-03-02", "day", "a"),
        asg(&s, "bo", "2026-03-02", "day", "b"),
        asg(&s, "bo", "2026-03-03", "day", "b"),
        asg(&s, "bo", "2026-03-04", "day", "b"),
        asg(&s, "cy", "2026-03-04", "day", "a"),
    ]);
    let report = check(&s, &r);
    assert!(report.is_feasible(), "{:?}", report.violations);
    let t = &report.throughput;
    assert_eq!(t.stations.len(), 21);
    assert_eq!(t.lines.len(), 14);
    let sd = |station: &str, day: usize| {
        let i = match station {
            "a" => 0,
            "b" => 7,
            _ => 14,
        } + day;
        assert_eq!(t.stations[i].station.as_str(), station);
        assert_eq!(t.stations[i].date, s.horizon.dates()[day]);
        &t.stations[i]
    };
    // Monday: a makes 480/10 = 48; b can do 480/20 = 24 of 5 + 48.
    let a0 = sd("a", 0);
    assert_eq!((a0.workers, a0.staffed_hours), (1, 8.0));
    assert_close(a0.capacity_units, 48.0);
    assert_close(a0.produced_units, 48.0);
    assert_close(a0.stock_end, 0.0);
    assert_close(a0.utilisation, 1.0);
    let b0 = sd("b", 0);
    assert_close(b0.capacity_units, 24.0);
    assert_close(b0.produced_units, 24.0);
    assert_close(b0.stock_end, 29.0);
    // Tuesday: a idle; b works down the stock.
    assert_close(sd("a", 1).capacity_units, 0.0);
    assert_close(sd("a", 1).utilisation, 0.0);
    assert_close(sd("b", 1).produced_units, 24.0);
    assert_close(sd("b", 1).stock_end, 5.0);
    // Wednesday: the trainee makes 480 × 0.25 / 10 = 12; b gets 5 + 12 = 17.
    assert_close(sd("a", 2).produced_units, 12.0);
    let b2 = sd("b", 2);
    assert_close(b2.produced_units, 17.0);
    assert_close(b2.stock_end, 0.0);
    assert_close(b2.utilisation, 17.0 / 24.0);

    let ld = |day: usize| &t.lines[day];
    assert_close(ld(0).finished_units, 24.0);
    assert_eq!(ld(0).bottleneck, Some(StationId::from("b")));
    assert_eq!(ld(0).target_units, Some(20.0));
    assert_eq!(ld(1).bottleneck, Some(StationId::from("b")));
    assert_eq!(ld(1).target_units, Some(40.0));
    assert_close(ld(2).finished_units, 17.0);
    assert_eq!(ld(2).bottleneck, Some(StationId::from("a")));
    assert_eq!(ld(2).target_units, Some(30.0));
    // No capacity anywhere: the last station counts as the bottleneck.
    assert_eq!(ld(3).bottleneck, Some(StationId::from("b")));
    assert_eq!(t.lines[7].line.as_str(), "M");
    assert_eq!(t.lines[7].bottleneck, Some(StationId::from("c")));

    // Cumulative finished: 24, 48, 65, 65, ... Deliveries by penalty, then
    // date: t1 (100, Mon) 20; t4 (100, Wed) 10; t3 (50, Wed) 20; t5 (10, Tue)
    // gets only what Wednesday does not need: min(48 − 20, 65 − 50) = 15.
    let credited: Vec<f64> = t.targets.iter().map(|x| x.finished_units).collect();
    let short: Vec<f64> = t.targets.iter().map(|x| x.shortfall_units).collect();
    assert_eq!(credited, vec![20.0, 65.0, 20.0, 10.0, 15.0]);
    assert_eq!(short, vec![0.0, 5.0, 0.0, 0.0, 25.0]);
    let delivered: Vec<f64> = t.lines[..4].iter().map(|l| l.delivered_units).collect();
    let held: Vec<f64> = t.lines[..4].iter().map(|l| l.finished_stock_end).collect();
    assert_eq!(delivered, vec![20.0, 15.0, 30.0, 0.0]);
    assert_eq!(held, vec![4.0, 13.0, 0.0, 0.0]);
    assert_close(report.cost.shortfall_units, 30.0);
    assert_close(report.cost.shortfall_penalty, 5.0 * 100.0 + 25.0 * 10.0);
}

#[test]
fn cost_matches_hand_computation() {
    let s: Scenario = serde_json::from_value(json!({
        "horizon": { "start": "2026-03-02", "end": "2026-03-10" },
        "calendar": { "public_holidays": ["2026-03-04"] },
        "shifts": [
            { "id": "day", "start": "08:00", "end": "16:30", "break_minutes": 30 },
            { "id": "long", "start": "07:00", "end": "17:00", "break_minutes": 60 }
        ],
        "lines": [ { "id": "L", "shifts": ["day", "long"], "stations": [
            { "id": "a", "skill": "s1", "minutes_per_unit": 10.0, "workplaces": 2 } ] } ],
        "targets": [ { "id": "t", "line": "L", "date": "2026-03-02", "units": 1000.0 } ],
        "workers": [
            { "id": "w", "skills": [ { "skill": "s1" } ], "hourly_wage": 10.0,
              "overtime_multiplier": 2.0, "min_hours_per_week": 35.0 },
            { "id": "v", "skills": [ { "skill": "s1" } ], "hourly_wage": 20.0 }
        ],
        "rules": { "standard_hours_per_week": 30.0, "max_hours_per_week": 60.0 },
        "penalties": { "shortfall_per_unit": 1.0, "contract_hour": 100.0 }
    }))
    .expect("scenario");
    let r = roster(vec![
        asg(&s, "w", "2026-03-02", "long", "a"), // workday, 1 h overtime
        asg(&s, "w", "2026-03-03", "long", "a"),
        asg(&s, "w", "2026-03-04", "day", "a"), // public holiday
        asg(&s, "w", "2026-03-05", "long", "a"),
        asg(&s, "w", "2026-03-06", "long", "a"),
        asg(&s, "w", "2026-03-07", "day", "a"), // Saturday
        asg(&s, "w", "2026-03-09", "day", "a"), // second (2-day) block
        asg(&s, "v", "2026-03-02", "long", "a"),
    ]);
    let report = check(&s, &r);
    assert!(report.is_feasible(), "{:?}", report.violations);
    let c = &report.cost;
    assert_close(c.base_wages, 10.0 * 60.0 + 20.0 * 9.0);
    // w: 4 daily overtime hours × 10 × (2 − 1) + weekly (32 − 30) × 10 × 1;
    // v: 1 × 20 × 0.5.
    assert_close(c.overtime_premium, 40.0 + 20.0 + 10.0);
    assert_close(c.weekly_overtime_hours, 2.0);
    assert_close(c.rest_day_premium, 10.0 * 8.0 * 1.0);
    assert_close(c.holiday_premium, 10.0 * 8.0 * 2.0);
    assert_close(c.wages_total, 780.0 + 70.0 + 80.0 + 160.0);
    // Second block: 35 × 2 / 7 = 10 owed, 8 given.
    assert_close(c.contract_hours_missing, 2.0);
    assert_close(c.contract_penalty, 200.0);
    // Monday: (540 + 540) / 10 = 108 finished of 1000.
    assert_close(c.shortfall_units, 892.0);
    assert_close(c.shortfall_penalty, 892.0);
    assert_close(c.objective, 1090.0 + 892.0 + 200.0);
}

#[test]
fn differences_reports_each_changed_field() {
    let s = scenario(|v| {
        v["targets"] = json!([{ "id": "t", "line": "L", "date": "2026-03-02", "units": 30.0 }]);
    });
    let r = roster(vec![
        asg(&s, "ana", "2026-03-02", "day", "a"),
        asg(&s, "bo", "2026-03-02", "day", "b"),
    ]);
    let report = check(&s, &r);
    assert!(report
        .differences(&report.throughput, &report.cost)
        .is_empty());

    let mut t = report.throughput.clone();
    let mut c = report.cost.clone();
    t.stations[3].produced_units += 1.0;
    t.lines[0].bottleneck = None;
    t.lines[1].target_units = Some(1.0);
    t.targets[0].shortfall_units *= 1.0 + 1e-9; // within tolerance
    c.base_wages += 1.0;
    let diffs = report.differences(&t, &c);
    assert_eq!(diffs.len(), 4, "{diffs:?}");
    assert!(diffs.iter().any(|d| d.contains("bottleneck")));

    let mut t = report.throughput.clone();
    t.lines.remove(2);
    t.stations.swap(0, 1);
    t.targets[0].target = TargetId::from("other");
    let diffs = report.differences(&t, &report.cost);
    assert!(diffs.iter().any(|d| d.contains("missing")), "{diffs:?}");
    assert!(
        diffs.iter().any(|d| d.contains("different order")),
        "{diffs:?}"
    );
    assert!(
        diffs.iter().any(|d| d.contains("not in the checker")),
        "{diffs:?}"
    );
}

#[test]
fn never_panics_on_odd_input() {
    let odd = scenario(|v| {
        v["horizon"] = json!({ "start": "2026-03-02", "end": "2026-03-01" });
    });
    let far = scenario(|v| {
        v["horizon"] = json!({ "start": "2026-03-02", "end": "2026-03-03" });
        v["lines"][0]["stations"][0]["minutes_per_unit"] = json!(0.0);
        v["lines"][0]["stations"][1]["minutes_per_unit"] = json!(-3.0);
        v["shifts"][0]["end"] = json!("08:00");
        v["lines"][0]["stations"] = json!([]);
        worker_mut(v, "ana")["unavailable"] = json!([
            { "kind": "weekly", "from": "10:00", "to": "09:00" },
            { "kind": "leave", "from": "2026-03-05", "to": "2026-03-01" }
        ]);
        v["targets"] = json!([
            { "id": "t", "line": "nowhere", "date": "2026-03-02", "units": 5.0 },
            { "id": "t", "line": "L", "date": "1990-01-01", "units": 5.0, "kind": "by_date" }
        ]);
    });
    let mut edge = asg(&far, "ana", "2026-03-02", "day", "c");
    edge.date = NaiveDate::MAX;
    let mut early = asg(&far, "ana", "2026-03-02", "day", "c");
    early.date = NaiveDate::MIN;
    let mut nan = asg(&far, "ana", "2026-03-03", "day", "c");
    nan.paid_hours = f64::INFINITY;
    for s in [&odd, &far] {
        let r = roster(vec![
            asg(s, "ana", "2026-03-02", "day", "c"),
            asg(s, "ana", "2026-03-02", "day", "a"),
            edge.clone(),
            early.clone(),
            nan.clone(),
        ]);
        let report = check(s, &r);
        assert!(!report.is_feasible());
        let _ = report.differences(&Throughput::default(), &CostBreakdown::default());
        let _ = serde_json::to_string(&report).expect("serialises");
        for v in &report.violations {
            let _ = v.to_string();
        }
    }
}
