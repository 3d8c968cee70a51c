//! Bad input gets a clear error naming the position or entity and the fix.

use flexline::{Error, IssueCode, Scenario};

const GOOD: &str = include_str!("../data/tiny.json");

fn issues(json: &str) -> Vec<(IssueCode, String)> {
    match Scenario::from_json_str(json) {
        Err(Error::Invalid(report)) => report
            .issues
            .into_iter()
            .map(|i| {
                assert!(!i.fix.is_empty());
                (i.code, i.entity)
            })
            .collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = Scenario::from_json_str("{\n  \"name\": \"x\",\n  oops\n}").unwrap_err();
    match &err {
        Error::Json { line, column, .. } => {
            assert_eq!(*line, 3);
            assert!(*column > 0);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("fix:"));
}

#[test]
fn unknown_field_is_rejected_with_its_name() {
    let json = GOOD.replace(
        "\"hourly_wage\": 16.0",
        "\"hourly_wage\": 16.0, \"wage_per_hour\": 3",
    );
    let err = Scenario::from_json_str(&json).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("wage_per_hour"), "{text}");
    assert!(matches!(err, Error::Json { .. }));
}

#[test]
fn wrong_type_is_rejected() {
    let json = GOOD.replace("\"units\": 50", "\"units\": \"fifty\"");
    let err = Scenario::from_json_str(&json).unwrap_err();
    assert!(matches!(err, Error::Json { .. }), "{err}");
}

#[test]
fn bad_time_is_rejected_with_the_format() {
    let json = GOOD.replace("\"08:00\"", "\"8 am\"");
    let err = Scenario::from_json_str(&json).unwrap_err();
    assert!(err.to_string().contains("HH:MM"), "{err}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let json = r#"{
      "horizon": { "start": "2026-03-02", "end": "2026-03-01" },
      "shifts": [ { "id": "s", "start": "08:00", "end": "09:00", "break_minutes": 60 },
                  { "id": "s", "start": "08:00", "end": "16:00" } ],
      "lines": [ { "id": "L", "shifts": ["nope"], "stations": [
          { "id": "a", "skill": "assembly", "minutes_per_unit": 0, "workplaces": 0 } ] } ],
      "targets": [ { "id": "t", "line": "ghost", "date": "2026-03-02", "units": 5 } ],
      "workers": [
        { "id": "w", "skills": [ { "skill": "welding" } ], "hourly_wage": -1,
          "min_hours_per_week": 50, "max_hours_per_week": 40,
          "unavailable": [ { "kind": "weekly", "from": "16:30", "to": "08:00" } ] },
        { "id": "w", "skills": [ { "skill": "assembly", "efficiency": "NaN" } ], "hourly_wage": 16 }
      ]
    }"#;
    // "NaN" is a string, which is a type error: drop that worker for the semantic test.
    let json = json.replace(r#", "efficiency": "NaN""#, "");
    let found = issues(&json);
    let codes: Vec<IssueCode> = found.iter().map(|(c, _)| *c).collect();
    for expected in [
        IssueCode::EmptyHorizon,
        IssueCode::DuplicateId,
        IssueCode::DanglingReference,
        IssueCode::NoUsableSkill,
        IssueCode::BadNumber,
        IssueCode::WindowEndsBeforeStart,
        IssueCode::ContradictoryLimits,
        IssueCode::NoPaidTime,
        IssueCode::NoWorkplaces,
    ] {
        assert!(
            codes.contains(&expected),
            "missing {expected:?} in {found:?}"
        );
    }
    assert!(found
        .iter()
        .any(|(c, e)| *c == IssueCode::DanglingReference && e == "target `t`"));
    assert!(found
        .iter()
        .any(|(c, e)| *c == IssueCode::DuplicateId && e == "worker `w`"));
    assert!(found
        .iter()
        .any(|(c, e)| *c == IssueCode::NoUsableSkill && e == "worker `w`"));
}

#[test]
fn target_outside_horizon_is_reported() {
    let json = GOOD.replace("\"date\": \"2026-03-02\"", "\"date\": \"2026-04-02\"");
    let found = issues(&json);
    assert_eq!(
        found,
        vec![(IssueCode::TargetOutsideHorizon, "target `mon`".to_owned())]
    );
}

#[test]
fn custom_rules_must_be_complete() {
    let json = GOOD.replacen(
        "\"workers\"",
        "\"rules\": { \"preset\": \"custom\", \"min_rest_hours\": 12 },\n  \"workers\"",
        1,
    );
    let err = Scenario::from_json_str(&json).unwrap_err();
    assert!(err.to_string().contains("standard_hours_per_day"), "{err}");
}

#[test]
fn preset_overrides_keep_the_rest_of_the_preset() {
    let json = GOOD.replacen(
        "\"workers\"",
        "\"rules\": { \"preset\": \"prc_extended\", \"min_rest_hours\": 12 },\n  \"workers\"",
        1,
    );
    let s = Scenario::from_json_str(&json).unwrap();
    assert_eq!(s.rules.min_rest_hours, 12.0);
    assert_eq!(s.rules.max_overtime_hours_per_day, 3.0);
}

#[test]
fn invalid_solve_options_are_errors_not_panics() {
    let s = Scenario::from_json_str(GOOD).unwrap();
    let opts = flexline::SolveOptions {
        time_limit: Some(-1.0),
        ..Default::default()
    };
    assert!(matches!(
        flexline::solve(&s, &opts),
        Err(Error::InvalidOptions {
            option: "time_limit",
            ..
        })
    ));
}

/// The example binary: bad input exits with code 2 and writes nothing.
#[test]
fn example_exits_2_on_bad_input_and_writes_nothing() {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir.join("examples").join("weekly_roster");
    // `cargo test` builds the examples beside the tests: missing is a failure.
    assert!(
        bin.exists(),
        "{} is missing: run `cargo test` or `cargo build --release --examples`",
        bin.display()
    );
    let tmp = std::env::temp_dir().join(format!("flexline-bad-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let bad = tmp.join("bad.json");
    std::fs::write(&bad, GOOD.replace("\"units\": 50", "\"units\": 50,,")).unwrap();
    let out_path = tmp.join("out.json");
    let out = std::process::Command::new(&bin)
        .args([
            "--scenario",
            bad.to_str().unwrap(),
            "--format",
            "json",
            "--out",
            out_path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.json") && stderr.contains("line"),
        "{stderr}"
    );
    assert!(!out_path.exists());
    // A good run writes JSON with the documented top-level keys.
    let good = tmp.join("good.json");
    std::fs::write(&good, GOOD).unwrap();
    let out = std::process::Command::new(&bin)
        .args([
            "--scenario",
            good.to_str().unwrap(),
            "--format",
            "json",
            "--out",
            out_path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    for key in ["status", "roster", "throughput", "cost", "unmet"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn out_of_range_numbers_and_long_horizons_are_rejected() {
    let json = GOOD
        .replace("\"efficiency\": 0.9", "\"efficiency\": 1e10")
        .replace("\"end\": \"2026-03-02\"", "\"end\": \"2028-03-02\"")
        .replacen(
            "\"workers\"",
            "\"rules\": { \"min_rest_hours\": 30 },\n  \"workers\"",
            1,
        );
    let found = issues(&json);
    assert!(
        found.contains(&(IssueCode::BadNumber, "worker `bo`".to_owned())),
        "{found:?}"
    );
    assert!(
        found.contains(&(IssueCode::BadNumber, "rules".to_owned())),
        "{found:?}"
    );
    assert!(
        found.contains(&(IssueCode::HorizonTooLong, "horizon".to_owned())),
        "{found:?}"
    );
}

#[test]
fn skill_needed_only_on_a_forbidden_line_is_not_usable() {
    let json = GOOD.replace(
        "{ \"id\": \"ana\", \"skills\": [ { \"skill\": \"winding\" } ],",
        "{ \"id\": \"ana\", \"lines\": [\"M\"], \"skills\": [ { \"skill\": \"winding\" } ],",
    );
    let json = json.replacen(
        "\"lines\": [\n",
        "\"lines\": [\n    { \"id\": \"M\", \"shifts\": [\"flex\"], \"stations\": [ { \"id\": \"pack\", \"skill\": \"packing\", \"minutes_per_unit\": 3.0, \"workplaces\": 1 } ] },\n",
        1,
    );
    let found = issues(&json);
    assert_eq!(
        found,
        vec![(IssueCode::NoUsableSkill, "worker `ana`".to_owned())]
    );
}

#[test]
fn an_empty_factory_gives_an_empty_optimal_plan() {
    let s = Scenario::from_json_str(
        r#"{ "horizon": { "start": "2026-03-02", "end": "2026-03-08" }, "shifts": [], "lines": [], "workers": [] }"#,
    )
    .unwrap();
    let plan = crate::common::solve_checked(&s, &flexline::SolveOptions::default());
    assert_eq!(plan.status.outcome, flexline::Outcome::Optimal);
    assert!(plan.roster.assignments.is_empty());
    assert_eq!(plan.cost.objective, 0.0);
}
