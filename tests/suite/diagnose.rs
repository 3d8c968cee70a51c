//! Diagnosis, conflicts and remedies. Every solve goes through the checker;
//! every remedy's gain is re-derived by re-solving with the checker.

use crate::common::*;
use flexline::diagnose::{
    self, Cause, Diagnosis, RemedyKind, RemedyOptions, RuleId, RuleRef, WindowKind,
};
use flexline::synthetic::{factory, Spec};
use flexline::{check, Plan, Scenario, SolveOptions};

use proptest::prelude::*;

const SHORT_WEEK: &str = include_str!("../../examples/data/short_week.json");
const FLEX: &str = r#"{ "id": "flex", "start": "08:00", "end": "16:30", "break_minutes": 30 }"#;
const ASM: &str =
    r#"{ "id": "asm", "skill": "assembly", "minutes_per_unit": 12.0, "workplaces": 5 }"#;

/// Deterministic options: one thread, no wall clock, work bounded by nodes.
fn bounded() -> SolveOptions {
    SolveOptions {
        threads: Some(1),
        max_nodes: Some(2_000),
        ..SolveOptions::default()
    }
}

/// Every unmet target is in the diagnosis, each unit of its shortfall is
/// attributed to a limit, and every limit has at least one cause.
fn assert_fully_attributed(plan: &Plan, d: &Diagnosis) {
    let unmet: Vec<_> = plan.unmet.iter().map(|u| u.target.clone()).collect();
    let diagnosed: Vec<_> = d.shortfalls.iter().map(|s| s.target.clone()).collect();
    assert_eq!(unmet, diagnosed);
    for s in &d.shortfalls {
        assert!(!s.limits.is_empty(), "{}: no limit", s.target);
        let attributed: f64 = s.limits.iter().map(|l| l.units).sum();
        assert!(
            close(attributed, s.shortfall_units),
            "{}: {attributed} of {} units attributed",
            s.target,
            s.shortfall_units
        );
        for l in &s.limits {
            assert!(l.units > 0.0);
            assert!(
                !l.causes.is_empty(),
                "{}: limit {:?} without cause",
                s.target,
                l.station
            );
        }
    }
    for g in &d.contract_gaps {
        assert!(
            !g.causes.is_empty(),
            "contract gap of {} without cause",
            g.worker
        );
    }
}

/// Every claim of the diagnosis is re-derived by the independent function.
fn assert_claims_hold(s: &Scenario, plan: &Plan, d: &Diagnosis) {
    let failures = diagnose::verify(s, &plan.roster, d);
    assert!(
        failures.is_empty(),
        "claims not confirmed: {failures:#?}\n{}",
        diagnose::explain(d)
    );
}

/// Finished units credited to targets, and all finished units, by the checker.
fn checked_units(s: &Scenario, plan: &Plan) -> (f64, f64) {
    let r = check::check(s, &plan.roster);
    let credited = r
        .throughput
        .targets
        .iter()
        .map(|t| t.finished_units.min(t.target_units))
        .sum();
    let finished = r.throughput.lines.iter().map(|l| l.finished_units).sum();
    (credited, finished)
}

#[test]
fn short_week_is_short_on_testing_and_every_unit_is_attributed() {
    let s = scenario(SHORT_WEEK);
    let plan = solve_checked(&s, &bounded());
    assert!(!plan.unmet.is_empty(), "the short week must be short");
    let d = diagnose::diagnose(&s, &plan);
    assert_fully_attributed(&plan, &d);
    assert_claims_hold(&s, &plan, &d);
    // Testing (regular or mom line) carries most of the shortfall, for lack of testers.
    let testing: f64 = d
        .shortfalls
        .iter()
        .flat_map(|s| &s.limits)
        .filter(|l| {
            l.station
                .as_ref()
                .is_some_and(|st| st.as_str().ends_with("testing"))
        })
        .map(|l| l.units)
        .sum();
    let total: f64 = d.shortfalls.iter().map(|s| s.shortfall_units).sum();
    assert!(testing > 0.5 * total, "testing {testing} of {total}");
    assert!(d
        .shortfalls
        .iter()
        .flat_map(|s| &s.limits)
        .any(|l| l.causes.iter().any(
            |c| matches!(c, Cause::SkillShortage { skill, .. } if skill.as_str() == "testing")
        )));
    let text = diagnose::explain(&d);
    assert!(
        text.contains("too few people with the skill testing"),
        "{text}"
    );
}

#[test]
fn remedy_gains_equal_the_gains_of_re_solving_with_them() {
    let s = scenario(SHORT_WEEK);
    let plan = solve_checked(&s, &bounded());
    let d = diagnose::diagnose(&s, &plan);
    let options = RemedyOptions {
        solve: bounded(),
        max_candidates: 12,
        budget_seconds: None,
    };
    let report = diagnose::remedies(&s, &d, &options).expect("remedies");
    assert!(report.evaluated >= 6, "only {} evaluated", report.evaluated);
    assert!(!report.remedies.is_empty());
    assert!(report.remedies[0].gain_units > 0.0);
    let (base_credited, base_finished) = checked_units(&s, &plan);
    assert!(close(base_credited, report.baseline_credited_units));
    assert!(close(base_finished, report.baseline_finished_units));
    for r in report.remedies.iter().chain(&report.not_helpful) {
        let changed = r.kind.apply(&s).expect("apply");
        let re = solve_checked(&changed, &bounded());
        let (credited, finished) = checked_units(&changed, &re);
        assert!(
            close(credited - base_credited, r.gain_units),
            "{:?}: re-solve gains {} but {} reported",
            r.kind,
            credited - base_credited,
            r.gain_units
        );
        assert!(close(finished - base_finished, r.finished_change_units));
        assert!(close(
            re.cost.wages_total - plan.cost.wages_total,
            r.wage_change
        ));
        assert!(close(
            re.cost.objective - plan.cost.objective,
            r.objective_change
        ));
    }
    // Ranked: gain descending.
    for w in report.remedies.windows(2) {
        assert!(w[0].gain_units >= w[1].gain_units - TOL);
    }
    // A tester more (hired or cross-trained) is among the helpful remedies.
    assert!(report.remedies.iter().any(|r| match &r.kind {
        RemedyKind::CrossTrain { skill, .. } => skill.as_str() == "testing",
        RemedyKind::AddWorker { like, .. } => ["r11", "r12", "m07"].contains(&like.as_str()),
        _ => false,
    }));
    // Within the rules in force: none of the ranked remedies changes a
    // limit; those that do are ranked apart and say which limit.
    assert!(report.remedies.iter().all(|r| r.rule_changes.is_empty()));
    assert!(report
        .rule_changes
        .iter()
        .all(|r| !r.rule_changes.is_empty()));
    for r in report
        .remedies
        .iter()
        .chain(&report.rule_changes)
        .chain(&report.not_helpful)
    {
        let changed = r.kind.apply(&s).expect("apply");
        assert_eq!(r.rule_changes, diagnose::rule_changes(&s, &changed));
    }
    let text = diagnose::explain_remedies(&report, 3);
    assert!(text.contains("1. "), "{text}");
}

#[test]
fn overtime_beyond_the_rules_is_a_rule_change_with_the_limit_named() {
    let s = scenario(SHORT_WEEK);
    let ot = RemedyKind::AllowOvertime {
        line: "main".into(),
        shift: "regular".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 11).unwrap(),
        weekday: chrono::Weekday::Wed,
        extra_minutes: 60,
    };
    let changes = diagnose::rule_changes(&s, &ot.apply(&s).unwrap());
    let words: Vec<String> = changes.iter().map(diagnose::describe_rule_change).collect();
    assert!(
        words.contains(&"daily hours 9 → 10, beyond `prc_standard`".to_owned()),
        "{words:?}"
    );
    assert!(
        words
            .iter()
            .any(|w| w.starts_with("daily overtime hours 1 → 2")),
        "{words:?}"
    );
    // Moving a shift or hiring changes no limit.
    let hire = RemedyKind::AddWorker {
        like: "m07".into(),
        new_id: "m07-hire".into(),
    };
    assert!(diagnose::rule_changes(&s, &hire.apply(&s).unwrap()).is_empty());
}

/// A station with one workplace and two people who could staff it: the one
/// not rostered is not "free" — the workplace is taken during the shift.
#[test]
fn full_workplaces_are_not_reported_as_people_who_could_have_worked() {
    let st = r#"{ "id": "asm", "skill": "assembly", "minutes_per_unit": 12.0, "workplaces": 1 }"#;
    let w = r#"{ "id": "ana", "skills": [ { "skill": "assembly" } ], "hourly_wage": 16 },
               { "id": "bo", "skills": [ { "skill": "assembly" } ], "hourly_wage": 16 }"#;
    let t = r#"{ "id": "mon", "line": "L", "date": "2026-03-02", "units": 100 }"#;
    let s = build("2026-03-02", "2026-03-02", FLEX, r#""flex""#, st, t, w, "");
    let plan = solve_checked(&s, &exact());
    let d = diagnose::diagnose(&s, &plan);
    assert_fully_attributed(&plan, &d);
    assert_claims_hold(&s, &plan, &d);
    let causes = &d.shortfalls[0].limits[0].causes;
    assert!(causes
        .iter()
        .any(|c| matches!(c, Cause::WorkplacesFull { workplaces: 1, .. })));
    assert!(
        !causes
            .iter()
            .any(|c| matches!(c, Cause::UnusedWorkers { .. } | Cause::SkillShortage { .. })),
        "{causes:#?}"
    );
}

/// The clock in the explanation: winding works only Monday evening,
/// assembly only Tuesday's day shift; assembly runs out of material on
/// Tuesday, and the explanation says when winding last worked.
#[test]
fn a_starved_station_is_explained_on_the_clock() {
    let json = r#"{ "horizon": { "start": "2026-03-02", "end": "2026-03-03" },
      "shifts": [ { "id": "day", "start": "08:00", "end": "16:30", "break_minutes": 30 },
                  { "id": "eve", "start": "14:00", "end": "22:00", "break_minutes": 0 } ],
      "lines": [ { "id": "L", "shifts": ["day", "eve"], "stations": [
          { "id": "wind", "skill": "winding", "minutes_per_unit": 12.0, "workplaces": 1 },
          { "id": "asm", "skill": "assembly", "minutes_per_unit": 6.0, "workplaces": 1 } ] } ],
      "targets": [ { "id": "tue", "line": "L", "date": "2026-03-03", "units": 80 } ],
      "workers": [
        { "id": "wu", "skills": [ { "skill": "winding" } ], "hourly_wage": 16,
          "unavailable": [ { "kind": "weekly", "from": "00:00", "to": "14:00", "reason": "mornings" },
                           { "kind": "absence", "date": "2026-03-03", "reason": "off" } ] },
        { "id": "an", "skills": [ { "skill": "assembly" } ], "hourly_wage": 16,
          "unavailable": [ { "kind": "absence", "date": "2026-03-02", "reason": "off" },
                           { "kind": "weekly", "from": "16:30", "to": "00:00", "overnight": true,
                             "reason": "school run" } ] } ] }"#;
    let s = scenario(json);
    let plan = solve_checked(&s, &exact());
    let d = diagnose::diagnose(&s, &plan);
    assert_fully_attributed(&plan, &d);
    assert_claims_hold(&s, &plan, &d);
    let starved = d.shortfalls[0]
        .limits
        .iter()
        .flat_map(|l| &l.causes)
        .find_map(|c| match c {
            Cause::Starved {
                station,
                upstream_last_worked,
                from,
                ..
            } => Some((station.clone(), *upstream_last_worked, *from)),
            _ => None,
        })
        .expect("a starved cause");
    assert_eq!(starved.0.as_str(), "asm");
    let (a, b) = starved.1.expect("winding's last work");
    assert_eq!(a.format("%a %H:%M").to_string(), "Mon 14:00");
    assert_eq!(b.format("%a %H:%M").to_string(), "Mon 22:00");
    assert_eq!(starved.2.format("%a %H:%M").to_string(), "Tue 08:00");
    let text = diagnose::explain(&d);
    assert!(
        text.contains("asm ran short of material during Tue 03 Mar 08:00–")
            && text
                .contains("wind had nobody on shift then (it last worked Mon 02 Mar 14:00–22:00)"),
        "{text}"
    );
}

/// A full buffer: upstream is blocked, named with the buffer and the span.
#[test]
fn a_blocked_station_is_explained_with_its_buffer() {
    let json = r#"{ "horizon": { "start": "2026-03-02", "end": "2026-03-02" },
      "shifts": [ { "id": "day", "start": "08:00", "end": "16:30", "break_minutes": 30 } ],
      "lines": [ { "id": "L", "shifts": ["day"], "stations": [
          { "id": "a", "skill": "s1", "minutes_per_unit": 6.0, "workplaces": 1 },
          { "id": "b", "skill": "s2", "minutes_per_unit": 24.0, "workplaces": 1, "buffer_capacity": 5 } ] } ],
      "targets": [ { "id": "mon", "line": "L", "date": "2026-03-02", "units": 80 } ],
      "workers": [
        { "id": "ay", "skills": [ { "skill": "s1" } ], "hourly_wage": 1 },
        { "id": "bee", "skills": [ { "skill": "s2" } ], "hourly_wage": 1 } ] }"#;
    let s = scenario(json);
    let plan = solve_checked(&s, &exact());
    let d = diagnose::diagnose(&s, &plan);
    assert_fully_attributed(&plan, &d);
    assert_claims_hold(&s, &plan, &d);
    assert!(d.shortfalls[0]
        .limits
        .iter()
        .flat_map(|l| &l.causes)
        .any(|c| matches!(c,
        Cause::Blocked { station, downstream, buffer, .. }
            if station.as_str() == "a" && downstream.as_str() == "b" && *buffer == 5.0)));
    assert!(
        diagnose::explain(&d).contains("a was blocked Mon 02 Mar 08:00–16:30"),
        "{}",
        diagnose::explain(&d)
    );
}

#[test]
fn a_date_with_nothing_planned_has_no_bottleneck() {
    let w = r#"{ "id": "bo", "skills": [ { "skill": "assembly" } ], "hourly_wage": 16,
                 "unavailable": [ { "kind": "absence", "date": "2026-03-03", "reason": "off" } ] }"#;
    let t = r#"{ "id": "tue", "line": "L", "date": "2026-03-03", "units": 200 }"#;
    let s = build("2026-03-02", "2026-03-03", FLEX, r#""flex""#, ASM, t, w, "");
    let plan = solve_checked(&s, &exact());
    assert_eq!(plan.throughput.lines[1].bottleneck, None);
    let u = &plan.unmet[0];
    assert!(close(u.finished_on_date_units, 0.0));
    let text = u.to_string();
    assert!(text.contains("2026-03-03: nothing planned"), "{text}");
    assert!(
        text.contains(
            "the line finished 0.0 that day, so at least 40.0 of the credit came from stock"
        ),
        "{text}"
    );
}

#[test]
fn twenty_four_hundred_gets_the_overnight_hint() {
    let json = r#"{ "horizon": { "start": "2026-03-02", "end": "2026-03-02" }, "shifts": [], "lines": [],
      "workers": [ { "id": "a", "skills": [], "hourly_wage": 1,
        "unavailable": [ { "kind": "weekly", "from": "16:00", "to": "24:00" } ] } ] }"#;
    let err = Scenario::from_json_str(json).unwrap_err().to_string();
    assert!(
        err.contains(r#""to": "00:00" with "overnight": true"#),
        "{err}"
    );
}

#[test]
fn caregiving_window_is_named_with_worker_and_reason() {
    let w = r#"{ "id": "ana", "skills": [ { "skill": "assembly" } ], "hourly_wage": 16,
        "unavailable": [ { "kind": "weekly", "from": "16:00", "to": "00:00", "overnight": true,
                           "applies": "school_days", "reason": "school run" } ] }"#;
    let t = r#"{ "id": "mon", "line": "L", "date": "2026-03-02", "units": 40 }"#;
    let s = build("2026-03-02", "2026-03-02", FLEX, r#""flex""#, ASM, t, w, "");
    let plan = solve_checked(&s, &exact());
    let d = diagnose::diagnose(&s, &plan);
    assert_fully_attributed(&plan, &d);
    let causes = &d.shortfalls[0].limits[0].causes;
    assert!(causes.iter().any(|c| matches!(c,
        Cause::CaregivingWindow { worker, window: WindowKind::Weekly, reason, .. }
            if worker.as_str() == "ana" && reason == "school run")));
    assert!(diagnose::explain(&d).contains("ana could not work the line's shifts on Mon 02 Mar because of a caregiving window (school run)"));
}

#[test]
fn weekly_hours_cap_is_named_as_the_binding_rule() {
    // 16 h a week allows two 8 h shifts; the third day's target goes unmet.
    let w = r#"{ "id": "bo", "skills": [ { "skill": "assembly" } ], "hourly_wage": 16, "max_hours_per_week": 16 }"#;
    let t =
        r#"{ "id": "wed", "line": "L", "date": "2026-03-04", "units": 120, "kind": "by_date" }"#;
    let s = build("2026-03-02", "2026-03-04", FLEX, r#""flex""#, ASM, t, w, "");
    let plan = solve_checked(&s, &exact());
    assert!(close(plan.unmet[0].shortfall_units, 40.0));
    let d = diagnose::diagnose(&s, &plan);
    assert_fully_attributed(&plan, &d);
    let causes: Vec<&Cause> = d.shortfalls[0]
        .limits
        .iter()
        .flat_map(|l| &l.causes)
        .collect();
    assert!(causes.iter().any(|c| matches!(c,
        Cause::HoursLimit { worker, rule: RuleId::WeeklyHours, dates }
            if worker.as_str() == "bo" && dates.len() == 1)));
}

#[test]
fn checker_diagnosis_and_validation_name_the_weekly_cap_alike() {
    // bo may work 16 h a week; three 8 h days of work are asked for.
    let w = |cap: &str| {
        format!(
            r#"{{ "id": "bo", "skills": [ {{ "skill": "assembly" }} ], "hourly_wage": 16 {cap} }}"#
        )
    };
    let t =
        r#"{ "id": "wed", "line": "L", "date": "2026-03-04", "units": 120, "kind": "by_date" }"#;
    let uncapped = build(
        "2026-03-02",
        "2026-03-04",
        FLEX,
        r#""flex""#,
        ASM,
        t,
        &w(""),
        "",
    );
    let capped = build(
        "2026-03-02",
        "2026-03-04",
        FLEX,
        r#""flex""#,
        ASM,
        t,
        &w(r#", "max_hours_per_week": 16"#),
        "",
    );

    // The checker: the uncapped optimum (three shifts) breaks the cap.
    let three_days = solve_checked(&uncapped, &exact());
    assert_eq!(three_days.roster.assignments.len(), 3);
    let report = check::check(&capped, &three_days.roster);
    let violated: Vec<RuleId> = report.violations.iter().map(|v| v.rule).collect();
    assert_eq!(violated, [RuleId::WeeklyHours], "{:?}", report.violations);
    let violation = &report.violations[0];
    assert!(violation.to_string().starts_with("weekly_hours [bo]"));

    // The diagnosis of the capped solve names the same rule.
    let plan = solve_checked(&capped, &exact());
    let d = diagnose::diagnose(&capped, &plan);
    let cause = d.shortfalls[0]
        .limits
        .iter()
        .flat_map(|l| &l.causes)
        .find_map(|c| match c {
            Cause::HoursLimit { worker, rule, .. } if worker.as_str() == "bo" => Some(*rule),
            _ => None,
        })
        .expect("an hours limit for bo");
    assert_eq!(cause, violation.rule);
    // A conflict's weekly cap is the same rule.
    let cap_ref = RuleRef::WeeklyHoursCap {
        worker: "bo".into(),
    };
    assert_eq!(cap_ref.rules(), [violation.rule]);

    // Validation: a contracted minimum above the cap concerns the same rule.
    let mut contradictory = capped.clone();
    contradictory.workers[0].min_hours_per_week = 40.0;
    let issues = contradictory.validate().unwrap_err().issues;
    let issue = issues
        .iter()
        .find(|i| i.code == flexline::IssueCode::ContradictoryLimits)
        .expect("the contract above the cap");
    assert_eq!(issue.rules, [RuleId::ContractMinimum, violation.rule]);

    // And all three spell it the same in JSON.
    let names = [
        serde_json::to_value(violation).unwrap()["rule"].clone(),
        serde_json::to_value(Cause::HoursLimit {
            worker: "bo".into(),
            rule: cause,
            dates: vec![],
        })
        .unwrap()["rule"]
            .clone(),
        serde_json::to_value(issue).unwrap()["rules"][1].clone(),
    ];
    assert!(names.iter().all(|n| n == "weekly_hours"), "{names:?}");
}

#[test]
fn the_names_diagnosis_published_are_rules_of_the_vocabulary() {
    // The six names `Cause::HoursLimit` used before the vocabulary.
    for name in [
        "daily_hours",
        "weekly_hours",
        "overtime_cap",
        "days_off",
        "consecutive_days",
        "min_rest",
    ] {
        let rule: RuleId = serde_json::from_value(serde_json::json!(name)).unwrap();
        assert_eq!(rule.name(), name);
        assert!(rule.is_hard());
    }
}

#[test]
fn station_nobody_can_staff_is_a_cause_and_a_minimal_conflict() {
    // Nobody allowed on line L can test: di tests, but only on line "other".
    let s = scenario(
        r#"{ "horizon": { "start": "2026-03-02", "end": "2026-03-02" },
        "shifts": [ { "id": "flex", "start": "08:00", "end": "16:30", "break_minutes": 30 } ],
        "lines": [
          { "id": "L", "shifts": ["flex"], "stations": [
            { "id": "asm", "skill": "assembly", "minutes_per_unit": 12.0, "workplaces": 5 },
            { "id": "test", "skill": "testing", "minutes_per_unit": 4.0, "workplaces": 2 } ] },
          { "id": "other", "shifts": ["flex"], "stations": [
            { "id": "t2", "skill": "testing", "minutes_per_unit": 4.0, "workplaces": 1 } ] } ],
        "targets": [ { "id": "mon", "line": "L", "date": "2026-03-02", "units": 30 } ],
        "workers": [
          { "id": "cy", "skills": [ { "skill": "assembly" } ], "hourly_wage": 16 },
          { "id": "di", "skills": [ { "skill": "testing" } ], "hourly_wage": 16, "lines": ["other"] } ] }"#,
    );
    let plan = solve_checked(&s, &exact());
    let d = diagnose::diagnose(&s, &plan);
    assert_fully_attributed(&plan, &d);
    let causes: Vec<&Cause> = d.shortfalls[0]
        .limits
        .iter()
        .flat_map(|l| &l.causes)
        .collect();
    assert!(causes
        .iter()
        .any(|c| matches!(c, Cause::LineNotAllowed { worker, .. } if worker.as_str() == "di")));
    let conflicts = diagnose::conflicts(&s).unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        conflicts[0].rules,
        vec![
            RuleRef::Target {
                target: "mon".into()
            },
            RuleRef::StationSkill {
                station: "test".into(),
                skill: "testing".into()
            },
            RuleRef::LineRestriction {
                worker: "di".into()
            },
        ]
    );
    assert_eq!(d.conflicts, conflicts);
}

#[test]
fn contract_minimum_against_days_off_is_a_minimal_conflict() {
    // Three days off a week leave four 8 h shifts: 32 of 36 contracted hours.
    let w = r#"{ "id": "mei", "skills": [ { "skill": "assembly" } ], "hourly_wage": 16,
                 "min_hours_per_week": 36 }"#;
    let rules = r#", "rules": { "min_days_off_per_week": 3 }"#;
    let s = build(
        "2026-03-02",
        "2026-03-08",
        FLEX,
        r#""flex""#,
        ASM,
        "",
        w,
        rules,
    );
    let c = diagnose::conflicts(&s).unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(
        c[0].rules,
        vec![
            RuleRef::ContractMinimum {
                worker: "mei".into()
            },
            RuleRef::DaysOff {
                worker: "mei".into()
            },
        ]
    );
    assert!(close(c[0].amount, 4.0));
    // The roster gives the 32 h; the gap is explained as unreachable.
    let plan = solve_checked(&s, &exact());
    let d = diagnose::diagnose(&s, &plan);
    assert_eq!(d.contract_gaps.len(), 1);
    assert!(d.contract_gaps[0].causes.iter().any(|c| matches!(c,
        Cause::ContractUnreachable { max_hours, .. } if close(*max_hours, 32.0))));
    assert!(diagnose::explain(&d).contains("Conflict: these rules cannot all hold"));
}

/// A minimum of total hours that fixed days off and a weekend ban cannot
/// give: the solve is infeasible, `conflicts` names exactly those rules with
/// the hours short, and dropping any one of them makes a (checked) roster.
#[test]
fn infeasible_horizon_minimum_is_a_minimal_conflict() {
    let json = r#"{
      "horizon": { "start": "2026-03-02", "end": "2026-03-15" },
      "shifts": [ { "id": "day", "start": "06:00", "end": "14:00", "break_minutes": 0 } ],
      "lines": [ { "id": "ward", "shifts": ["day"], "stations": [
          { "id": "duty", "skill": "nursing", "minutes_per_unit": 60, "workplaces": 9 } ] } ],
      "workers": [ { "id": "ana", "skills": [ { "skill": "nursing" } ], "hourly_wage": 10,
          "min_total_minutes": 4800, "max_weekends": 0,
          "days_off": ["2026-03-09", "2026-03-10"] } ]
    }"#;
    let s = scenario(json);
    assert!(matches!(
        flexline::solve(&s, &exact()),
        Err(flexline::Error::Infeasible { .. })
    ));
    let found = diagnose::conflicts_with(&s, &exact()).unwrap();
    assert_eq!(found.len(), 1);
    let ana = || flexline::WorkerId::from("ana");
    assert_eq!(
        found[0].rules,
        vec![
            RuleRef::MinTotalMinutes { worker: ana() },
            RuleRef::FixedDaysOff { worker: ana() },
            RuleRef::MaxWeekends { worker: ana() },
        ]
    );
    // Eight weekdays are left: 64 of the 80 hours asked.
    assert!(close(found[0].amount, 16.0), "{}", found[0].amount);
    assert!(diagnose::describe_conflict(&found[0]).contains("ana's fixed days off"));
    for relax in 0..3 {
        let mut t = s.clone();
        match relax {
            0 => t.workers[0].min_total_minutes = Some(3840),
            1 => t.workers[0].days_off.clear(),
            _ => t.workers[0].max_weekends = None,
        }
        let plan = solve_checked(&t, &exact());
        assert!(plan.roster.total_hours() >= 64.0 - 1e-9);
    }
}

#[test]
fn met_targets_give_an_empty_diagnosis() {
    let s = scenario(include_str!("../data/tiny.json"));
    let plan = solve_checked(&s, &exact());
    let d = diagnose::diagnose(&s, &plan);
    assert!(d.is_empty(), "{d:#?}");
    assert!(diagnose::explain(&d).is_empty());
}

#[test]
fn remedies_apply_their_change_and_validate() {
    let s = scenario(SHORT_WEEK);
    let hire = RemedyKind::AddWorker {
        like: "m07".into(),
        new_id: "m07-hire".into(),
    };
    let changed = hire.apply(&s).unwrap();
    assert_eq!(changed.workers.len(), s.workers.len() + 1);
    let new = changed.worker(&"m07-hire".into()).unwrap();
    assert!(new
        .unavailable
        .iter()
        .all(|w| matches!(w, flexline::CareWindow::Weekly { .. })));
    let ot = RemedyKind::AllowOvertime {
        line: "main".into(),
        shift: "regular".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 11).unwrap(),
        weekday: chrono::Weekday::Wed,
        extra_minutes: 60,
    };
    let changed = ot.apply(&s).unwrap();
    assert_eq!(changed.rules.max_hours_per_day, 10.0);
    assert_eq!(changed.lines[0].shifts.len(), 2);
    let bad = RemedyKind::CrossTrain {
        worker: "nobody".into(),
        skill: "testing".into(),
        station: "testing".into(),
        efficiency: 0.7,
    };
    let err = bad.apply(&s).unwrap_err();
    assert!(err.to_string().contains("`nobody`"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// On random small factories every unmet unit is attributed to a limit
    /// with at least one cause.
    #[test]
    fn every_unmet_unit_is_attributed(
        workers in 1usize..6, days in 1usize..4, shifts in 1usize..3, stations in 1usize..4,
        seed in any::<u64>(),
    ) {
        let s = factory(&Spec { workers, days, shifts, stations, seed });
        let plan = solve_checked(&s, &exact());
        let d = diagnose::diagnose(&s, &plan);
        assert_fully_attributed(&plan, &d);
    }

    /// On random small factories (some with a buffer and stock between
    /// stations) every claim of the diagnosis — figures, causes, spans on
    /// the clock — is confirmed by the independent re-derivation.
    #[test]
    fn every_claim_is_re_derived(
        workers in 1usize..7, days in 1usize..4, shifts in 1usize..3, stations in 2usize..4,
        seed in any::<u64>(), buffer in proptest::option::of(1.0f64..30.0), stock in 0.0f64..20.0,
    ) {
        let mut s = factory(&Spec { workers, days, shifts, stations, seed });
        if let Some(st) = s.lines.get_mut(0).and_then(|l| l.stations.get_mut(1)) {
            st.buffer_capacity = buffer.map(|b| b.max(stock));
            st.initial_stock = stock;
        }
        let plan = solve_checked(&s, &exact());
        let d = diagnose::diagnose(&s, &plan);
        assert_fully_attributed(&plan, &d);
        assert_claims_hold(&s, &plan, &d);
    }

    /// The deletion filter returns a conflicting set from which no single
    /// group can be dropped.
    #[test]
    fn minimal_conflict_is_conflicting_and_minimal(
        caps in proptest::collection::vec(0u32..20, 0..8), need in 0u32..60,
    ) {
        let groups: Vec<usize> = (0..caps.len()).collect();
        // Monotone: a set conflicts when its demands exceed the budget.
        let conflicting = |set: &[usize]| set.iter().map(|&g| caps[g]).sum::<u32>() > need;
        match diagnose::minimal_conflict(&groups, conflicting) {
            None => prop_assert!(!conflicting(&groups)),
            Some(m) => {
                prop_assert!(conflicting(&m));
                for i in 0..m.len() {
                    let mut fewer = m.clone();
                    fewer.remove(i);
                    prop_assert!(!conflicting(&fewer));
                }
            }
        }
    }
}
