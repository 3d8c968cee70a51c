//! Absence Monte Carlo and line-layout comparison.

mod common;

use common::{close, exact, scenario, solve_checked};
use flexline::layout::{compare, CompareOptions, Layout};
use flexline::risk::{simulate, AbsenceDefaults, RiskOptions};
use flexline::{check, Error, Scenario, SolveOptions};

/// One assembler, one day, target = her full capacity (48 units).
fn one_worker(probability: &str) -> Scenario {
    scenario(&format!(
        r#"{{ "horizon": {{ "start": "2026-03-02", "end": "2026-03-02" }},
            "shifts": [ {{ "id": "day", "start": "08:00", "end": "16:00" }} ],
            "lines": [ {{ "id": "L", "shifts": ["day"], "stations": [
                {{ "id": "asm", "skill": "asm", "minutes_per_unit": 10.0, "workplaces": 1 }} ] }} ],
            "targets": [ {{ "id": "t", "line": "L", "date": "2026-03-02", "units": 48 }} ],
            "workers": [ {{ "id": "ana", "contract": "flexible", "skills": [ {{ "skill": "asm" }} ],
                           "hourly_wage": 16.0 {probability} }} ] }}"#
    ))
}

fn bundled() -> Scenario {
    Scenario::from_json_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/motor_factory_week.json"
    ))
    .expect("bundled")
}

#[test]
fn one_worker_meets_the_target_with_probability_one_minus_q() {
    for (q, json) in [(0.25, r#", "absence_probability": 0.25"#), (0.06, "")] {
        let s = one_worker(json);
        let plan = solve_checked(&s, &exact());
        let opts = RiskOptions {
            samples: 20_000,
            seed: 11,
            ..RiskOptions::default()
        };
        let r = simulate(&s, &plan.roster, &opts).expect("risk");
        let p = r.targets[0].p_met;
        // Within four standard errors of the exact answer.
        assert!((p.p - (1.0 - q)).abs() <= 4.0 * p.std_error, "q {q}: {p:?}");
        assert!(close(p.std_error, (p.p * (1.0 - p.p) / 20_000.0).sqrt()));
        assert!(close(r.total.planned, 48.0));
        assert!(close(r.targets[0].mean_credited, 48.0 * p.p));
        // Output is 0 or 48: the median is 48, the 10th percentile 0 when q > 10 %.
        assert!(close(r.total.p50, 48.0));
        assert!(close(r.total.p10, if q > 0.1 { 0.0 } else { 48.0 }));
        assert_eq!(r.p_all_targets_met, p);
    }
}

#[test]
fn deterministic_per_seed_and_monotone_in_absence() {
    let s = bundled();
    let plan = solve_checked(&s, &SolveOptions::default());
    let opts = |seed, flexible| RiskOptions {
        samples: 3_000,
        seed,
        defaults: AbsenceDefaults {
            regular: 0.03,
            flexible,
            home_based: 0.04,
        },
    };
    let a = simulate(&s, &plan.roster, &opts(5, 0.06)).expect("risk");
    assert_eq!(a, simulate(&s, &plan.roster, &opts(5, 0.06)).expect("risk"));
    let b = simulate(&s, &plan.roster, &opts(6, 0.06)).expect("risk");
    assert_ne!(a.total.mean, b.total.mean);
    // Same seed, higher probability: every sample's absent set grows (same
    // draws, higher threshold), and flow is monotone in capacity.
    let worse = simulate(&s, &plan.roster, &opts(5, 0.2)).expect("risk");
    assert!(worse.total.mean < a.total.mean);
    assert!(worse.total.p10 <= a.total.p10 && worse.total.p90 <= a.total.p90);
    assert!(worse.p_demand_met.p <= a.p_demand_met.p);
    for (w, x) in worse.targets.iter().zip(&a.targets) {
        assert!(w.p_met.p <= x.p_met.p, "{}", w.target);
    }
    // Distribution sanity, per line-week.
    assert_eq!(a.lines.len(), 2);
    for l in &a.lines {
        let d = l.finished;
        assert!(d.p10 <= d.p50 && d.p50 <= d.p90 && d.p90 <= d.planned + 1e-6);
        assert!(d.mean <= d.planned + 1e-6 && d.std_error > 0.0);
    }
    // The planned (nobody absent) output equals the hourly view's, the
    // plan's and the checker's: one flow on the clock.
    let flow = flexline::flow::estimate(
        &s,
        &plan.roster,
        &flexline::flow::FlowOptions { bucket_minutes: 30 },
    )
    .expect("flow");
    assert!(close(a.total.planned, flow.finished_units()));
    let finished: f64 = check::check(&s, &plan.roster)
        .throughput
        .lines
        .iter()
        .map(|l| l.finished_units)
        .sum();
    assert!(close(a.total.planned, finished));
    let planned: f64 = plan.throughput.lines.iter().map(|l| l.finished_units).sum();
    assert!(close(a.total.planned, planned));
}

#[test]
fn nobody_absent_or_everybody_absent() {
    let s = one_worker(r#", "absence_probability": 1.0"#);
    let plan = solve_checked(&s, &exact());
    let r = simulate(&s, &plan.roster, &RiskOptions::default()).expect("risk");
    assert_eq!(r.total.p90, 0.0);
    assert_eq!(r.targets[0].p_met.p, 0.0);
    let s = one_worker(r#", "absence_probability": 0.0"#);
    let r = simulate(&s, &plan.roster, &RiskOptions::default()).expect("risk");
    assert_eq!(r.total.p10, 48.0);
    assert_eq!(r.p_demand_met.p, 1.0);
    assert_eq!(r.p_demand_met.std_error, 0.0);
}

#[test]
fn bad_risk_options_are_errors() {
    let s = one_worker("");
    let plan = solve_checked(&s, &exact());
    let mut o = RiskOptions {
        samples: 0,
        ..RiskOptions::default()
    };
    assert!(matches!(
        simulate(&s, &plan.roster, &o),
        Err(Error::InvalidOptions {
            option: "samples",
            ..
        })
    ));
    o.samples = 10;
    o.defaults.flexible = 1.5;
    assert!(matches!(
        simulate(&s, &plan.roster, &o),
        Err(Error::InvalidOptions {
            option: "defaults.flexible",
            ..
        })
    ));
    o.defaults.flexible = 0.1;
    assert!(simulate(&s, &plan.roster, &o).is_ok());
}

#[test]
fn merged_layouts_keep_floor_demand_and_workforce() {
    let base = bundled();
    for layout in [Layout::AllRegular, Layout::FlexibleSpread] {
        let s = layout.apply(&base).expect("layout");
        assert_eq!(s.lines.len(), 1);
        assert_eq!(s.workers, base.workers);
        let total = |sc: &Scenario, skill: &str| -> u32 {
            sc.lines
                .iter()
                .flat_map(|l| &l.stations)
                .filter(|st| st.skill.as_str() == skill)
                .map(|st| st.workplaces)
                .sum()
        };
        for skill in ["winding", "assembly", "testing", "packing"] {
            assert_eq!(total(&s, skill), total(&base, skill), "{skill}");
        }
        assert_eq!(s.targets.len(), base.targets.len());
        assert_eq!(
            flexline::risk::demand_units(&s),
            flexline::risk::demand_units(&base)
        );
        let flex = s.lines[0].shifts.iter().any(|id| id.as_str() == "flex");
        assert_eq!(flex, layout == Layout::FlexibleSpread);
    }
    assert_eq!(
        Layout::DedicatedFlexibleLine
            .apply(&base)
            .expect("dedicated"),
        base
    );
}

#[test]
fn layout_errors_name_the_problem() {
    let tiny = scenario(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))
            .expect("tiny"),
    );
    let err = Layout::DedicatedFlexibleLine.apply(&tiny).unwrap_err();
    assert!(matches!(err, Error::Layout { .. }));
    // A second line with a skill the process line lacks cannot be merged.
    let s = scenario(
        r#"{ "horizon": { "start": "2026-03-02", "end": "2026-03-02" },
        "shifts": [ { "id": "day", "start": "08:00", "end": "16:00" } ],
        "lines": [ { "id": "A", "shifts": ["day"], "stations": [
            { "id": "a1", "skill": "cut", "minutes_per_unit": 10.0, "workplaces": 1 },
            { "id": "a2", "skill": "pack", "minutes_per_unit": 10.0, "workplaces": 1 } ] },
                   { "id": "B", "shifts": ["day"], "stations": [
            { "id": "b1", "skill": "paint", "minutes_per_unit": 10.0, "workplaces": 1 } ] } ],
        "workers": [ { "id": "ana", "skills": [ { "skill": "cut" } ], "hourly_wage": 16.0 } ] }"#,
    );
    let err = Layout::FlexibleSpread.apply(&s).unwrap_err();
    assert!(err.to_string().contains("`paint`"), "{err}");
    // No regular shift at all.
    let mut flex_only = s.clone();
    flex_only.lines.truncate(1);
    flex_only.shifts[0].kind = flexline::ShiftKind::Flexible;
    let err = Layout::AllRegular.apply(&flex_only).unwrap_err();
    assert!(err.to_string().contains("regular"), "{err}");
}

/// A small plant: a regular cutting–assembly–packing line and a flexible
/// assembly line; two carers who can only work 08:00–16:30 on weekdays.
fn small_plant() -> Scenario {
    scenario(
        r#"{ "horizon": { "start": "2026-03-02", "end": "2026-03-03" },
        "shifts": [ { "id": "regular", "start": "08:00", "end": "18:30", "break_minutes": 90 },
                    { "id": "flex", "start": "08:00", "end": "16:30", "break_minutes": 30, "kind": "flexible" } ],
        "lines": [ { "id": "main", "shifts": ["regular"], "stations": [
              { "id": "cut", "skill": "cut", "minutes_per_unit": 5.0, "workplaces": 1 },
              { "id": "asm", "skill": "asm", "minutes_per_unit": 10.0, "workplaces": 1, "initial_stock": 20 },
              { "id": "pack", "skill": "pack", "minutes_per_unit": 3.0, "workplaces": 1, "initial_stock": 10 } ] },
            { "id": "mom", "shifts": ["flex"], "stations": [
              { "id": "mom-asm", "skill": "asm", "minutes_per_unit": 10.0, "workplaces": 2 } ] } ],
        "targets": [ { "id": "m1", "line": "main", "date": "2026-03-02", "units": 50 },
                     { "id": "m2", "line": "main", "date": "2026-03-03", "units": 50 },
                     { "id": "f1", "line": "mom", "date": "2026-03-02", "units": 90 },
                     { "id": "f2", "line": "mom", "date": "2026-03-03", "units": 90 } ],
        "workers": [
          { "id": "r1", "skills": [ { "skill": "cut" }, { "skill": "pack" } ], "hourly_wage": 18 },
          { "id": "r2", "skills": [ { "skill": "asm" } ], "hourly_wage": 18 },
          { "id": "r3", "skills": [ { "skill": "pack" }, { "skill": "cut" } ], "hourly_wage": 18 },
          { "id": "c1", "contract": "flexible", "skills": [ { "skill": "asm" } ], "hourly_wage": 16,
            "unavailable": [ { "kind": "weekly", "from": "16:30", "to": "00:00", "overnight": true } ] },
          { "id": "c2", "contract": "flexible", "skills": [ { "skill": "asm" } ], "hourly_wage": 16,
            "unavailable": [ { "kind": "weekly", "from": "16:30", "to": "00:00", "overnight": true } ] } ] }"#,
    )
}

#[test]
fn compare_layouts_on_a_small_plant() {
    let base = small_plant();
    // Every layout's roster passes the checker through the test helper too.
    for layout in Layout::STANDARD {
        let s = layout.apply(&base).expect("layout");
        solve_checked(&s, &exact());
    }
    let mut opts = CompareOptions {
        solve: exact(),
        ..CompareOptions::default()
    };
    opts.risk.samples = 2_000;
    let rows = compare(&base, &Layout::STANDARD, &opts).expect("compare");
    assert_eq!(rows.len(), 3);
    let by = |name: &str| rows.iter().find(|r| r.layout == name).expect("row");
    for r in &rows {
        assert_eq!(r.checker_violations, 0);
        assert_eq!(r.carers, 2);
        assert!(close(r.target_units, 280.0));
        assert!((0.0..=1.0).contains(&r.p_target_met));
        assert!(r.solve_seconds >= 0.0);
    }
    // Carers cannot work a regular shift (it ends at 18:30).
    assert_eq!(by("all_regular").carers_employed, 0);
    assert_eq!(by("all_regular").carer_hours, 0.0);
    assert_eq!(by("dedicated_flexible_line").carers_employed, 2);
    assert!(by("dedicated_flexible_line").finished_units > by("all_regular").finished_units);
    assert!(by("all_regular").attainment < 1.0);
    // cost per unit = wages / finished units.
    for r in &rows {
        let c = r.cost_per_unit.expect("something finished");
        assert!(close(c * r.finished_units, r.wages_total));
    }
}
