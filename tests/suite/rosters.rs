//! Small scenarios whose optimum is worked out by hand; one test per rule
//! family. Every plan goes through the independent checker.

use crate::common::*;
use flexline::{Outcome, SolveOptions};

const FLEX: &str = r#"{ "id": "flex", "start": "08:00", "end": "16:30", "break_minutes": 30 }"#;
const ASM: &str =
    r#"{ "id": "asm", "skill": "assembly", "minutes_per_unit": 12.0, "workplaces": 5 }"#;

fn worker(id: &str, wage: f64, extra: &str) -> String {
    format!(
        r#"{{ "id": "{id}", "skills": [ {{ "skill": "assembly" }} ], "hourly_wage": {wage} {extra} }}"#
    )
}

#[test]
fn tiny_two_station_line_meets_target_at_hand_computed_cost() {
    let s = scenario(include_str!("../data/tiny.json"));
    let plan = solve_checked(&s, &exact());
    assert_eq!(plan.status.outcome, Outcome::Optimal);
    // ana winds 480/10 = 48 units; bo assembles 480*0.9/8 = 54 from 6 in stock + 48.
    assert!(close(plan.cost.objective, 8.0 * 16.0 + 8.0 * 18.0));
    assert_eq!(plan.roster.assignments.len(), 2);
    let asm = plan
        .throughput
        .stations
        .iter()
        .find(|x| x.station.as_str() == "asm")
        .unwrap();
    assert!(close(asm.capacity_units, 54.0));
    assert!(close(asm.produced_units, 54.0));
    assert!(close(plan.throughput.targets[0].finished_units, 50.0));
    assert!(plan.unmet.is_empty());
}

#[test]
fn caregiving_window_keeps_worker_off_and_shortfall_is_stated() {
    // The only worker must leave at 16:00 on school days; the shift ends 16:30.
    let w = worker(
        "ana",
        16.0,
        r#", "unavailable": [ { "kind": "weekly", "from": "16:00", "to": "00:00", "overnight": true, "applies": "school_days" } ]"#,
    );
    let t = r#"{ "id": "mon", "line": "L", "date": "2026-03-02", "units": 40 }"#;
    let s = build(
        "2026-03-02",
        "2026-03-02",
        FLEX,
        r#""flex""#,
        ASM,
        t,
        &w,
        "",
    );
    let plan = solve_checked(&s, &exact());
    assert!(plan.roster.assignments.is_empty());
    assert_eq!(plan.unmet.len(), 1);
    assert!(close(plan.unmet[0].shortfall_units, 40.0));
    assert!(close(
        plan.cost.objective,
        40.0 * flexline::DEFAULT_SHORTFALL_PENALTY
    ));
    assert!(
        plan.unmet[0].to_string().contains("40.0 short"),
        "{}",
        plan.unmet[0]
    );
}

#[test]
fn school_day_window_does_not_apply_in_school_holidays() {
    let w = worker(
        "ana",
        16.0,
        r#", "unavailable": [ { "kind": "weekly", "from": "16:00", "to": "00:00", "overnight": true, "applies": "school_days" } ]"#,
    );
    let t = r#"{ "id": "mon", "line": "L", "date": "2026-03-02", "units": 40 }"#;
    let cal =
        r#", "calendar": { "school_holidays": [ { "from": "2026-03-01", "to": "2026-03-03" } ] }"#;
    let s = build(
        "2026-03-02",
        "2026-03-02",
        FLEX,
        r#""flex""#,
        ASM,
        t,
        &w,
        cal,
    );
    let plan = solve_checked(&s, &exact());
    assert_eq!(plan.roster.assignments.len(), 1);
    assert!(close(plan.cost.objective, 8.0 * 16.0));
}

#[test]
fn overnight_window_from_previous_evening_blocks_early_shift() {
    // Sunday 20:00 → Monday 07:00 window blocks Monday's 06:00 shift but not 08:00.
    let shifts = r#"{ "id": "early", "start": "06:00", "end": "14:00", "break_minutes": 0, "days": ["Mon"] },
                    { "id": "day", "start": "08:00", "end": "16:00", "break_minutes": 0, "days": ["Mon"] }"#;
    let w = format!(
        "{}, {}",
        worker(
            "cheap",
            10.0,
            r#", "unavailable": [ { "kind": "weekly", "days": ["Sun"], "from": "20:00", "to": "07:00", "overnight": true } ]"#
        ),
        worker("dear", 30.0, "")
    );
    let st = r#"{ "id": "asm", "skill": "assembly", "minutes_per_unit": 12.0, "workplaces": 1 }"#;
    let t = r#"{ "id": "mon", "line": "L", "date": "2026-03-02", "units": 80 }"#;
    let s = build(
        "2026-03-01",
        "2026-03-02",
        shifts,
        r#""early","day""#,
        st,
        t,
        &w,
        "",
    );
    let plan = solve_checked(&s, &exact());
    // One workplace, but early (06–14) and day (08–16) overlap: only one person.
    // 80 units need 16 h: one person gives 40 units; cheapest is cheap on "day".
    assert_eq!(plan.roster.assignments.len(), 1);
    let a = &plan.roster.assignments[0];
    assert_eq!(a.worker.as_str(), "cheap");
    assert_eq!(a.shift.as_str(), "day");
    assert!(close(plan.cost.shortfall_units, 40.0));
}

#[test]
fn overtime_rest_day_and_holiday_premiums_are_paid() {
    // 9 paid hours: 1 h daily overtime at 150 % on Monday; Saturday 200 %; Wednesday a holiday 300 %.
    // The shift runs only on the three target dates (no producing ahead).
    let shift = r#"{ "id": "long", "start": "08:00", "end": "18:30", "break_minutes": 90, "days": ["Mon", "Wed", "Sat"] }"#;
    let targets = r#"{ "id": "mon", "line": "L", "date": "2026-03-02", "units": 45 },
                     { "id": "wed", "line": "L", "date": "2026-03-04", "units": 45 },
                     { "id": "sat", "line": "L", "date": "2026-03-07", "units": 45 }"#;
    let cal = r#", "calendar": { "public_holidays": ["2026-03-04"] }"#;
    let s = build(
        "2026-03-02",
        "2026-03-07",
        shift,
        r#""long""#,
        ASM,
        targets,
        &worker("ana", 20.0, ""),
        cal,
    );
    let plan = solve_checked(&s, &exact());
    assert_eq!(plan.roster.assignments.len(), 3);
    let c = &plan.cost;
    assert!(close(c.base_wages, 27.0 * 20.0));
    assert!(close(c.overtime_premium, 20.0 * 0.5));
    assert!(close(c.rest_day_premium, 9.0 * 20.0));
    assert!(close(c.holiday_premium, 9.0 * 20.0 * 2.0));
    assert!(close(
        c.objective,
        20.0 * (8.0 + 1.5 + 9.0 * 2.0 + 9.0 * 3.0)
    ));
}

#[test]
fn workplaces_cap_people_at_a_station() {
    let st = r#"{ "id": "asm", "skill": "assembly", "minutes_per_unit": 12.0, "workplaces": 1 }"#;
    let t = r#"{ "id": "mon", "line": "L", "date": "2026-03-02", "units": 80 }"#;
    let w = format!("{}, {}", worker("a", 16.0, ""), worker("b", 16.0, ""));
    let s = build("2026-03-02", "2026-03-02", FLEX, r#""flex""#, st, t, &w, "");
    let plan = solve_checked(&s, &exact());
    assert_eq!(plan.roster.assignments.len(), 1);
    assert!(close(plan.cost.shortfall_units, 40.0));
}

#[test]
fn minimum_rest_forbids_night_then_early() {
    // Night runs on Monday only, early on Tuesday only.
    let shifts = r#"{ "id": "night", "start": "22:00", "end": "06:00", "break_minutes": 0, "days": ["Mon"] },
                    { "id": "early", "start": "06:00", "end": "14:00", "break_minutes": 0, "days": ["Tue"] }"#;
    // One milestone over both days (the night shift's hours after midnight
    // finish their units on Tuesday).
    let targets =
        r#"{ "id": "both", "line": "L", "date": "2026-03-03", "units": 80, "kind": "by_date" }"#;
    let st = r#"{ "id": "asm", "skill": "assembly", "minutes_per_unit": 12.0, "workplaces": 5 }"#;
    let s = build(
        "2026-03-02",
        "2026-03-03",
        shifts,
        r#""night","early""#,
        st,
        targets,
        &worker("a", 16.0, ""),
        "",
    );
    let plan = solve_checked(&s, &exact());
    // Monday night 22:00–06:00 then Tuesday early 06:00 is 0 h rest: only one
    // of the two can be worked, so the milestone is 40 units short.
    assert_eq!(plan.roster.assignments.len(), 1);
    assert!(close(plan.cost.shortfall_units, 40.0));
    let mut relaxed = s.clone();
    relaxed.rules.min_rest_hours = 0.0;
    let plan = solve_checked(&relaxed, &exact());
    assert_eq!(plan.roster.assignments.len(), 2);
    assert!(close(plan.cost.shortfall_units, 0.0));
}

#[test]
fn consecutive_days_and_days_off_leave_one_day_uncovered() {
    let mut targets = Vec::new();
    for d in 2..=8 {
        targets.push(format!(
            r#"{{ "id": "d{d}", "line": "L", "date": "2026-03-0{d}", "units": 40 }}"#
        ));
    }
    // No rest weekdays, so every date is a workday; a generous overtime cap.
    let rules = r#", "calendar": { "rest_weekdays": [] }, "rules": { "max_overtime_hours_per_month": 100 }"#;
    let s = build(
        "2026-03-02",
        "2026-03-08",
        FLEX,
        r#""flex""#,
        ASM,
        &targets.join(","),
        &worker("a", 16.0, ""),
        rules,
    );
    let plan = solve_checked(&s, &exact());
    assert_eq!(plan.roster.assignments.len(), 6);
    assert!(close(plan.cost.shortfall_units, 40.0));
    // 48 normal hours: 8 h weekly overtime at +50 %.
    assert!(close(plan.cost.weekly_overtime_hours, 8.0));
    assert!(close(plan.cost.overtime_premium, 8.0 * 16.0 * 0.5));
}

#[test]
fn contracted_minimum_hours_are_rostered_without_targets() {
    let w = worker("a", 16.0, r#", "min_hours_per_week": 16"#);
    let s = build(
        "2026-03-02",
        "2026-03-08",
        FLEX,
        r#""flex""#,
        ASM,
        "",
        &w,
        "",
    );
    let plan = solve_checked(&s, &exact());
    assert!(close(plan.roster.total_hours(), 16.0));
    assert!(close(plan.cost.contract_hours_missing, 0.0));
    assert!(close(plan.cost.objective, 16.0 * 16.0));
}

#[test]
fn downstream_station_works_from_initial_stock_only() {
    let st = r#"{ "id": "wind", "skill": "winding", "minutes_per_unit": 10.0, "workplaces": 1 },
                { "id": "asm", "skill": "assembly", "minutes_per_unit": 12.0, "workplaces": 1, "initial_stock": 10 }"#;
    let t = r#"{ "id": "mon", "line": "L", "date": "2026-03-02", "units": 30 }"#;
    let s = build(
        "2026-03-02",
        "2026-03-02",
        FLEX,
        r#""flex""#,
        st,
        t,
        &worker("a", 16.0, ""),
        "",
    );
    let plan = solve_checked(&s, &exact());
    // Nobody can wind, so assembly can finish only the 10 in stock.
    assert!(close(plan.throughput.targets[0].finished_units, 10.0));
    assert!(close(plan.cost.shortfall_units, 20.0));
    let line = &plan.throughput.lines[0];
    assert_eq!(line.bottleneck.as_ref().map(|b| b.as_str()), Some("wind"));
}

#[test]
fn by_date_target_counts_cumulative_output_and_early_units_serve_later_deliveries() {
    let targets = r#"{ "id": "wk", "line": "L", "date": "2026-03-04", "units": 100, "kind": "by_date" },
                     { "id": "wed", "line": "L", "date": "2026-03-04", "units": 60 }"#;
    let s = build(
        "2026-03-02",
        "2026-03-04",
        FLEX,
        r#""flex""#,
        ASM,
        targets,
        &worker("a", 16.0, ""),
        "",
    );
    let plan = solve_checked(&s, &exact());
    // 40 units a day: 3 days give 120 ≥ 100; Wednesday's delivery of 60 uses held stock.
    assert_eq!(plan.roster.assignments.len(), 3);
    assert!(close(plan.cost.shortfall_units, 0.0));
    assert!(close(plan.throughput.targets[0].finished_units, 120.0));
    assert!(close(plan.throughput.targets[1].finished_units, 60.0));
}

#[test]
fn leave_and_absence_dates_are_never_rostered() {
    let w = worker(
        "a",
        16.0,
        r#", "unavailable": [ { "kind": "leave", "from": "2026-03-01", "to": "2026-03-03" }, { "kind": "absence", "date": "2026-03-05" } ]"#,
    );
    let mut targets = Vec::new();
    for d in 2..=6 {
        targets.push(format!(
            r#"{{ "id": "d{d}", "line": "L", "date": "2026-03-0{d}", "units": 40 }}"#
        ));
    }
    let s = build(
        "2026-03-02",
        "2026-03-06",
        FLEX,
        r#""flex""#,
        ASM,
        &targets.join(","),
        &w,
        "",
    );
    let plan = solve_checked(&s, &exact());
    let dates: Vec<String> = plan
        .roster
        .assignments
        .iter()
        .map(|a| a.date.to_string())
        .collect();
    assert_eq!(dates, vec!["2026-03-04", "2026-03-06"]);
}

#[test]
fn bundled_week_is_optimal_and_verified() {
    let s = scenario(include_str!("../../examples/data/motor_factory_week.json"));
    let plan = solve_checked(
        &s,
        &SolveOptions {
            threads: Some(1),
            ..SolveOptions::default()
        },
    );
    assert_eq!(plan.status.outcome, Outcome::Optimal);
    assert!(plan.status.gap.unwrap() <= 1e-4);
    assert!(plan.status.dual_bound.unwrap() <= plan.status.objective.unwrap() + 1e-6);
    // Mom-line workers leave by 16:30 on school days; only those without a
    // weekend window (every sixth) may work on Saturday.
    use chrono::Datelike;
    for a in &plan.roster.assignments {
        if a.worker.as_str().starts_with('m') {
            if a.date.weekday().number_from_monday() <= 5 {
                assert!(a.end.time() <= chrono::NaiveTime::from_hms_opt(16, 30, 0).unwrap());
            } else {
                assert!(
                    ["m06", "m12", "m18", "m24"].contains(&a.worker.as_str()),
                    "{a:?}"
                );
            }
        }
    }
}

#[test]
#[cfg_attr(
    not(all(feature = "microlp", feature = "highs")),
    ignore = "needs both the microlp and highs features"
)]
fn microlp_agrees_with_highs_on_a_small_case() {
    let s = scenario(include_str!("../data/tiny.json"));
    let with = |backend| SolveOptions {
        backend,
        relative_gap: 0.0,
        ..SolveOptions::default()
    };
    let micro = solve_checked(&s, &with(flexline::Backend::Microlp));
    let highs = solve_checked(&s, &with(flexline::Backend::Highs));
    assert_eq!(micro.status.backend, flexline::Backend::Microlp);
    assert_eq!(highs.status.backend, flexline::Backend::Highs);
    assert!(close(micro.cost.objective, 272.0));
    assert!(close(micro.cost.objective, highs.cost.objective));
}

#[test]
fn rest_shorter_than_the_rule_by_a_fraction_of_a_minute_is_forbidden() {
    // Monday 08:00–19:00 then Tuesday 06:00: 11 h = 660 min of rest.
    let shifts = r#"{ "id": "late", "start": "08:00", "end": "19:00", "break_minutes": 180, "days": ["Mon"] },
                    { "id": "early", "start": "06:00", "end": "14:00", "break_minutes": 0, "days": ["Tue"] }"#;
    let targets = r#"{ "id": "d1", "line": "L", "date": "2026-03-02", "units": 40 },
                     { "id": "d2", "line": "L", "date": "2026-03-03", "units": 40 }"#;
    let mut s = build(
        "2026-03-02",
        "2026-03-03",
        shifts,
        r#""late","early""#,
        ASM,
        targets,
        &worker("a", 16.0, ""),
        "",
    );
    s.rules.min_rest_hours = 11.0;
    assert_eq!(solve_checked(&s, &exact()).roster.assignments.len(), 2);
    s.rules.min_rest_hours = 11.001;
    assert_eq!(solve_checked(&s, &exact()).roster.assignments.len(), 1);
}

#[test]
fn node_limit_returns_the_incumbent_with_its_proven_gap() {
    use flexline::synthetic::{factory, Spec};
    let s = factory(&Spec {
        workers: 60,
        days: 7,
        shifts: 3,
        stations: 8,
        seed: 1,
    });
    let opts = SolveOptions {
        max_nodes: Some(1),
        threads: Some(1),
        ..SolveOptions::default()
    };
    let plan = solve_checked(&s, &opts);
    let st = &plan.status;
    // One node is not enough to prove this week: the incumbent comes back
    // with the gap between it and the bound.
    assert_eq!(st.outcome, Outcome::Feasible);
    let (obj, bound) = (st.objective.unwrap(), st.dual_bound.unwrap());
    assert!(bound <= obj + 1e-6);
    let gap = st.gap.unwrap();
    assert!(
        gap > 0.0 && close(gap, (obj - bound) / obj.abs()),
        "gap {gap}, obj {obj}, bound {bound}"
    );
    // The solver's objective is the checker's cost of the roster it returned
    // (the estimate can only be better than the solver's production plan).
    let checked = flexline::check::check(&s, &plan.roster);
    assert!(checked.cost.objective <= obj + 1e-6 * obj);
}
