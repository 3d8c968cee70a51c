//! Absence Monte Carlo and line-layout comparison.

use crate::common::{close, exact, scenario, solve_checked};
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

// --- layouts as data, the sweep, buffer sizing --------------------------------

use flexline::layout::{
    compare_designs, evaluate_design, size_buffer, solve_design, sweep, sweep_designs, with_buffer,
    BufferSearch, Design, Edit, LayoutFile, LayoutIssueCode,
};

fn quick(samples: usize) -> CompareOptions {
    let mut o = CompareOptions {
        solve: exact(),
        ..CompareOptions::default()
    };
    o.risk.samples = samples;
    o.risk.seed = 3;
    o
}

/// Every design's roster passes the checker, its throughput and cost agree
/// with the checker's, and it keeps the design's restrictions.
fn design_checked(d: &Design) -> flexline::Plan {
    let plan = solve_design(d, &exact()).expect("solve");
    let report = check::check(&d.scenario, &plan.roster);
    assert!(report.is_feasible(), "{}: {:?}", d.name, report.violations);
    assert!(
        report.differences(&plan.throughput, &plan.cost).is_empty(),
        "{}",
        d.name
    );
    assert!(d.violations(&plan.roster).is_empty(), "{}", d.name);
    plan
}

/// One serial line cut → asm → pack on a regular 08:00–18:30 and a flexible
/// 08:00–16:30 shift, two workplaces each. Regular people: one cutter
/// (≈108 units a day), one assembler (54), one packer (180); two carers
/// who can only assemble and only until 16:30 (48 each). On the clock,
/// the 40 units in front of assembly and the cutter's flow let assembly
/// make about 138 units with both carers, 102 with one, 94 with none, so
/// the day's 130 units need both carers at assembly, on the flexible
/// shift: by hand, the best station for the flexible shift is `asm`.
fn serial_plant() -> Scenario {
    scenario(
        r#"{ "horizon": { "start": "2026-03-02", "end": "2026-03-02" },
        "shifts": [ { "id": "regular", "start": "08:00", "end": "18:30", "break_minutes": 90 },
                    { "id": "flex", "start": "08:00", "end": "16:30", "break_minutes": 30, "kind": "flexible" } ],
        "lines": [ { "id": "L", "shifts": ["regular", "flex"], "stations": [
              { "id": "cut", "skill": "cut", "minutes_per_unit": 5.0, "workplaces": 2 },
              { "id": "asm", "skill": "asm", "minutes_per_unit": 10.0, "workplaces": 3, "initial_stock": 40 },
              { "id": "pack", "skill": "pack", "minutes_per_unit": 3.0, "workplaces": 2 } ] } ],
        "targets": [ { "id": "t", "line": "L", "date": "2026-03-02", "units": 130 } ],
        "workers": [
          { "id": "r1", "skills": [ { "skill": "cut" } ], "hourly_wage": 18 },
          { "id": "r2", "skills": [ { "skill": "asm" } ], "hourly_wage": 18 },
          { "id": "r3", "skills": [ { "skill": "pack" } ], "hourly_wage": 18 },
          { "id": "c1", "contract": "flexible", "skills": [ { "skill": "asm" } ], "hourly_wage": 16,
            "unavailable": [ { "kind": "weekly", "from": "16:30", "to": "00:00", "overnight": true } ] },
          { "id": "c2", "contract": "flexible", "skills": [ { "skill": "asm" } ], "hourly_wage": 16,
            "unavailable": [ { "kind": "weekly", "from": "16:30", "to": "00:00", "overnight": true } ] } ] }"#,
    )
}

#[test]
fn layout_file_edits_are_applied_and_every_roster_is_checked() {
    let base = serial_plant();
    let file = LayoutFile::from_json_str(
        r#"{ "layouts": [
        { "name": "plain", "from": "as_given" },
        { "name": "regular", "from": "all_regular" },
        { "name": "mothers_at_asm", "edits": [
            { "edit": "station_shifts", "station": "cut", "shifts": ["regular"] },
            { "edit": "station_shifts", "station": "pack", "shifts": ["regular"] },
            { "edit": "workers_only_at", "carers": true, "stations": ["asm"] },
            { "edit": "buffer", "station": "pack", "capacity": 30, "initial_stock": 5 },
            { "edit": "workplaces", "station": "asm", "workplaces": 4 } ] },
        { "name": "mom_line", "from": "dedicated_flexible_line" } ] }"#,
    )
    .expect("parse");
    let built = file.designs(&base).expect("designs");
    assert!(built.skipped.is_empty(), "{:?}", built.skipped);
    let names: Vec<&str> = built.designs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["plain", "regular", "mothers_at_asm", "mom_line"]);
    let m = &built.designs[2];
    let pack = &m.scenario.lines[0].stations[2];
    assert_eq!(
        (pack.buffer_capacity, pack.initial_stock),
        (Some(30.0), 5.0)
    );
    assert_eq!(m.scenario.lines[0].stations[1].workplaces, 4);
    assert_eq!(m.watch.as_ref().map(|s| s.as_str()), None);
    // The generated mom line: a copy of the line on the flexible shift.
    let mom = &built.designs[3].scenario;
    assert_eq!(mom.lines.len(), 2);
    assert_eq!(mom.lines[1].id.as_str(), "L-flexible");
    assert_eq!(
        mom.lines[0].shifts,
        vec![flexline::ShiftId::from("regular")]
    );
    assert!(close(
        mom.targets.iter().map(|t| t.units).sum::<f64>(),
        130.0
    ));
    for d in &built.designs {
        let plan = design_checked(d);
        // Carers only assemble, whatever the layout.
        if d.name == "mothers_at_asm" {
            for a in plan
                .roster
                .assignments
                .iter()
                .filter(|a| a.worker.as_str().starts_with('c'))
            {
                assert_eq!(a.station.as_str(), "asm");
            }
            for a in &plan.roster.assignments {
                if a.station.as_str() != "asm" {
                    assert_eq!(a.shift.as_str(), "regular");
                }
            }
        }
    }
    // Solved two at once, results in design order, none violated.
    let mut o = quick(500);
    o.solve.threads = Some(1);
    o.jobs = Some(1);
    let one = compare_designs(&built.designs, &o).expect("compare");
    let rows = compare_designs(
        &built.designs,
        &CompareOptions {
            jobs: None,
            ..o.clone()
        },
    )
    .expect("compare");
    assert_eq!(rows.len(), 4);
    for (a, b) in rows.iter().zip(&one) {
        assert_eq!(a.layout, b.layout);
        assert_eq!(a.checker_violations, 0);
        assert!(close(a.finished_units, b.finished_units), "{}", a.layout);
    }
}

#[test]
fn bad_edits_are_all_reported_with_codes() {
    let base = serial_plant();
    let file = LayoutFile::from_json_str(
        r#"{ "layouts": [
        { "name": "bad", "edits": [
            { "edit": "station_shifts", "station": "nope", "shifts": ["flex"] },
            { "edit": "buffer", "station": "asm", "capacity": -5 },
            { "edit": "buffer", "station": "asm", "initial_stock": -1 },
            { "edit": "buffer", "station": "cut", "capacity": 10 } ] },
        { "name": "lonely", "edits": [
            { "edit": "split", "stations": ["cut", "asm", "pack"], "line": "M", "shifts": ["flex"],
              "workers": ["r1"] } ] },
        { "name": "gaps", "edits": [
            { "edit": "split", "stations": ["cut", "pack"], "line": "M", "shifts": ["flex"] } ] },
        { "name": "bad", "edits": [ { "edit": "workplaces", "station": "asm", "workplaces": 0 } ] } ] }"#,
    )
    .expect("parse");
    let err = file.designs(&base).unwrap_err();
    let Error::LayoutEdits(report) = &err else {
        panic!("{err}")
    };
    let codes: Vec<(String, LayoutIssueCode)> = report
        .issues
        .iter()
        .map(|i| (i.layout.clone(), i.code))
        .collect();
    let has = |l: &str, c: LayoutIssueCode| codes.contains(&(l.to_owned(), c));
    assert!(has("bad", LayoutIssueCode::UnknownStation), "{err}");
    assert!(has("bad", LayoutIssueCode::BadNumber), "{err}");
    assert!(has("bad", LayoutIssueCode::FirstStation), "{err}");
    assert!(has("bad", LayoutIssueCode::DuplicateId), "{err}");
    assert!(has("bad", LayoutIssueCode::NoWorkplaces), "{err}");
    assert!(has("gaps", LayoutIssueCode::NotConsecutive), "{err}");
    // The only cutter moved to the split line: nobody may cut on L.
    assert!(
        has("lonely", LayoutIssueCode::StationWithoutWorker),
        "{err}"
    );
    let text = err.to_string();
    assert!(
        text.contains("fix:") && text.contains("station `nope`"),
        "{text}"
    );
    // A split whose new line has no worker for a station.
    let only_r2 = Design::build(
        "x",
        &base,
        &[Edit::WorkersOnlyAt {
            workers: vec!["r1".into()],
            carers: false,
            stations: vec!["pack".into()],
        }],
    )
    .unwrap_err();
    assert!(only_r2
        .iter()
        .any(|i| i.code == LayoutIssueCode::StationWithoutWorker && i.entity.contains("cut")));
    let split = Design::build(
        "y",
        &base,
        &[Edit::Split {
            stations: vec!["cut".into(), "asm".into(), "pack".into()],
            line: "M".into(),
            shifts: vec!["flex".into()],
            workplaces: Default::default(),
            workers: vec!["r1".into(), "r3".into()],
            carers: false,
            target_share: None,
        }],
    )
    .unwrap_err();
    // r1 and r3 moved to M: nobody may cut or pack on L any more.
    assert!(split
        .iter()
        .any(|i| i.code == LayoutIssueCode::StationWithoutWorker
            && i.entity.contains("`cut` of line `L`")));
    // Malformed JSON is a positioned error.
    assert!(matches!(
        LayoutFile::from_json_str(
            r#"{ "layouts": [ { "name": "x", "edits": [ { "edit": "teleport" } ] } ] }"#
        ),
        Err(Error::Json { .. })
    ));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// A layout without edits is the base as given, on any scenario.
    #[test]
    fn no_edits_is_as_given(workers in 4usize..40, stations in 2usize..6, seed in 0u64..1000) {
        let base = flexline::synthetic::factory(&flexline::synthetic::Spec {
            workers, days: 3, shifts: 3, stations, seed,
        });
        let as_given = Layout::AsGiven.design(&base).expect("as given");
        let empty = Design::build("as_given", &base, &[]).expect("no edits");
        proptest::prop_assert_eq!(&empty, &as_given);
        proptest::prop_assert_eq!(&empty.scenario, &base);
        let file = LayoutFile { layouts: vec![flexline::layout::Variant {
            name: "as_given".into(), from: None, edits: vec![] }] };
        let built = file.designs(&base).expect("file");
        proptest::prop_assert_eq!(&built.designs[0], &as_given);
    }
}

#[test]
fn no_edits_solves_like_as_given() {
    let base = serial_plant();
    let o = quick(1000);
    let a = evaluate_design(&Design::build("x", &base, &[]).expect("x"), &o).expect("a");
    let b = flexline::layout::evaluate("x", &base, &o).expect("b");
    assert_eq!(
        (a.finished_units, a.wages_total, a.p_target_met),
        (b.finished_units, b.wages_total, b.p_target_met)
    );
}

#[test]
fn the_sweep_finds_the_station_known_by_hand() {
    let base = serial_plant();
    let d = sweep_designs(&base, &"L".into()).expect("designs");
    for design in &d.designs {
        design_checked(design);
    }
    let (rows, skipped) = sweep(&base, &"L".into(), &quick(2000)).expect("sweep");
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0].layout, "flexible_at:asm", "{rows:#?}");
    assert!(close(rows[0].attainment, 1.0));
    assert_eq!(rows[0].carers_employed, 2);
    assert_eq!(
        rows[0].watch_station.as_ref().map(|s| s.as_str()),
        Some("asm")
    );
    assert!(!rows[0].watch_stock.is_empty());
    for r in &rows {
        assert_eq!(r.checker_violations, 0, "{}", r.layout);
        if r.layout == "flexible_at:cut" || r.layout == "flexible_at:pack" {
            // Carers may work only at a station they have no skill for.
            assert_eq!(r.carers_employed, 0);
            assert!(r.attainment < 1.0);
        }
    }
    // Unknown line: a clear error before any solve.
    let err = sweep_designs(&base, &"nope".into()).unwrap_err();
    assert!(err.to_string().contains("\"L\""), "{err}");
}

#[test]
fn buffer_search_answer_holds_at_its_size_and_not_one_below() {
    let base = serial_plant();
    // Less initial stock than by hand, so the buffer matters.
    let mut base = base;
    base.lines[0].stations[1].initial_stock = 0.0;
    let d = sweep_designs(&base, &"L".into()).expect("designs");
    let design = d
        .designs
        .iter()
        .find(|d| d.name == "flexible_at:asm")
        .expect("design");
    let o = quick(2000);
    let search = BufferSearch {
        p_min: 0.8,
        step: 5.0,
        max_size: 200.0,
    };
    let found = size_buffer(design, None, &search, &o).expect("search");
    assert_eq!(found.station.as_str(), "asm");
    assert_eq!(found.buffers.len(), 2);
    let size = found.size.expect("a size reaches 0.8");
    assert!(size > 0.0, "{found:#?}");
    assert!(found.curve.windows(2).all(|w| w[0].size < w[1].size));
    // Re-check by simulation at the size found and one step below.
    let p_at = |b: f64| {
        let d = with_buffer(design, &found.buffers, b);
        let plan = design_checked(&d);
        simulate(&d.scenario, &plan.roster, &o.risk)
            .expect("risk")
            .p_demand_met
            .p
    };
    assert!(p_at(size) >= 0.8);
    assert!(p_at(size - 5.0) < 0.8);
    // A bad level is refused before any solve.
    let bad = BufferSearch {
        p_min: 1.5,
        ..search
    };
    assert!(matches!(
        size_buffer(design, None, &bad, &o),
        Err(Error::InvalidOptions {
            option: "p_min",
            ..
        })
    ));
}
