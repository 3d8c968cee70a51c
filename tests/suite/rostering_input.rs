//! Validation of the rostering fields: cover, requests, forbidden
//! successions, history, and the workers' rostering limits. Every problem is
//! reported at once, with a code, the entity and a fix.

use crate::roster_kit::*;
use flexline::{Error, IssueCode, Scenario, ValidationReport};

fn report(workers: &[String], extra: &[String]) -> ValidationReport {
    let json = json_from(monday(), 7, 0.0, workers, extra);
    match Scenario::from_json_str(&json) {
        Err(Error::Invalid(r)) => r,
        Err(e) => panic!("expected a validation report, got {e}"),
        Ok(_) => panic!("expected a validation report, the scenario is valid:\n{json}"),
    }
}

/// Asserts an issue with `code` whose entity contains `entity` and whose
/// message contains `words`, and that it says what to do.
#[track_caller]
fn has(r: &ValidationReport, code: IssueCode, entity: &str, words: &str) {
    assert!(
        r.issues.iter().any(|i| i.code == code
            && i.entity.contains(entity)
            && i.message.contains(words)
            && !i.fix.is_empty()),
        "no {code:?} issue for `{entity}` saying `{words}` in:\n{r}"
    );
}

fn ana(extra: &str) -> Vec<String> {
    vec![worker("ana", extra)]
}

#[test]
fn cover_with_dangling_ids_and_dates_outside_the_horizon() {
    let r = report(
        &ana(""),
        &[r#""cover": [
            { "date": "2026-03-02", "shift": "night", "required": 1 },
            { "date": "2026-03-09", "shift": "early", "required": 1 },
            { "date": "2026-03-03", "shift": "early", "line": "X", "required": 1 },
            { "date": "2026-03-04", "shift": "early", "station": "nowhere", "required": 1 },
            { "date": "2026-03-05", "shift": "early", "required": 1, "under_weight": -1 } ]"#
            .to_owned()],
    );
    has(
        &r,
        IssueCode::DanglingReference,
        "cover #1",
        "shift `night`",
    );
    has(&r, IssueCode::DateOutsideHorizon, "cover #2", "2026-03-09");
    has(&r, IssueCode::DanglingReference, "cover #3", "line `X`");
    has(
        &r,
        IssueCode::DanglingReference,
        "cover #4",
        "station `nowhere`",
    );
    has(&r, IssueCode::BadNumber, "cover #5", "under_weight");
    assert_eq!(r.issues.len(), 5, "{r}");
}

#[test]
fn cover_for_a_station_on_another_line_and_duplicate_cover() {
    let json = json_with_lines(
        monday(),
        7,
        0.0,
        r#"[ { "id": "L", "shifts": ["early"], "stations": [
                { "id": "duty", "skill": "s", "minutes_per_unit": 60, "workplaces": 1 } ] },
             { "id": "M", "shifts": ["early"], "stations": [
                { "id": "pack", "skill": "s", "minutes_per_unit": 60, "workplaces": 1 } ] } ]"#,
        &ana(""),
        &[r#""cover": [
            { "date": "2026-03-02", "shift": "early", "line": "L", "station": "pack", "required": 1 },
            { "date": "2026-03-03", "shift": "early", "required": 1 },
            { "date": "2026-03-03", "shift": "early", "required": 2 } ]"#
            .to_owned()],
    );
    let Err(Error::Invalid(r)) = Scenario::from_json_str(&json) else {
        panic!("expected a validation report");
    };
    has(
        &r,
        IssueCode::DanglingReference,
        "cover #1",
        "station `pack` is on line `M`",
    );
    has(&r, IssueCode::DuplicateId, "2026-03-03", "covered twice");
    assert_eq!(r.issues.len(), 2, "{r}");
}

#[test]
fn requests_with_dangling_ids_and_dates_outside_the_horizon() {
    let r = report(
        &ana(""),
        &[requests(&[
            request("bo", 0, None, "on", 1.0),
            request("ana", 1, Some("night"), "off", 1.0),
            request("ana", 7, None, "off", 1.0),
            request("ana", 2, None, "on", -3.0),
        ])],
    );
    has(
        &r,
        IssueCode::DanglingReference,
        "request #1",
        "worker `bo`",
    );
    has(
        &r,
        IssueCode::DanglingReference,
        "request #2",
        "shift `night`",
    );
    has(
        &r,
        IssueCode::DateOutsideHorizon,
        "request #3",
        "2026-03-09",
    );
    has(&r, IssueCode::BadNumber, "request #4", "weight");
    assert_eq!(r.issues.len(), 4, "{r}");
}

#[test]
fn forbidden_succession_with_unknown_shifts() {
    let r = report(
        &ana(""),
        &[
            r#""forbidden_successions": [ { "first": "late", "then": "night" },
                                         { "first": "dawn", "then": "early" } ]"#
                .to_owned(),
        ],
    );
    has(
        &r,
        IssueCode::DanglingReference,
        "`late` → `night`",
        "shift `night`",
    );
    has(
        &r,
        IssueCode::DanglingReference,
        "`dawn` → `early`",
        "shift `dawn`",
    );
    assert_eq!(r.issues.len(), 2, "{r}");
}

#[test]
fn worker_days_off_outside_the_horizon_and_unknown_max_shifts() {
    let r = report(
        &ana(
            r#", "days_off": ["2026-03-01", "2026-03-03"], "max_shifts": { "night": 2, "early": 0 }"#,
        ),
        &[],
    );
    has(
        &r,
        IssueCode::DateOutsideHorizon,
        "worker `ana`",
        "2026-03-01",
    );
    has(
        &r,
        IssueCode::DanglingReference,
        "worker `ana`",
        "shift `night`",
    );
    assert_eq!(r.issues.len(), 2, "{r}");
}

#[test]
fn contradictory_worker_limits() {
    let r = report(
        &[
            worker(
                "ana",
                r#", "min_total_minutes": 2000, "max_total_minutes": 1000"#,
            ),
            worker(
                "bo",
                r#", "min_consecutive_days": 4, "max_consecutive_days": 3"#,
            ),
            worker("cy", r#", "max_consecutive_days": 0"#),
            worker(
                "di",
                r#", "min_consecutive_days": 0, "min_consecutive_days_off": 0"#,
            ),
        ],
        &[],
    );
    has(
        &r,
        IssueCode::ContradictoryLimits,
        "worker `ana`",
        "min_total_minutes 2000 is above max_total_minutes 1000",
    );
    has(
        &r,
        IssueCode::ContradictoryLimits,
        "worker `bo`",
        "min_consecutive_days 4",
    );
    has(
        &r,
        IssueCode::ContradictoryLimits,
        "worker `cy`",
        "max_consecutive_days is 0",
    );
    has(
        &r,
        IssueCode::ContradictoryLimits,
        "worker `di`",
        "min_consecutive_days is 0",
    );
    has(
        &r,
        IssueCode::ContradictoryLimits,
        "worker `di`",
        "min_consecutive_days_off is 0",
    );
}

#[test]
fn min_consecutive_days_above_the_rules_maximum() {
    // The rules allow 31 in a row (roster_kit); 40 cannot be reached.
    let r = report(&ana(r#", "min_consecutive_days": 40"#), &[]);
    has(&r, IssueCode::ContradictoryLimits, "worker `ana`", "31");
}

#[test]
fn history_without_history_borders_and_borders_without_history() {
    let r = report(&ana(""), &[r#""run_borders": "history""#.to_owned()]);
    has(
        &r,
        IssueCode::HistoryMismatch,
        "run_borders",
        "no `history`",
    );
    let r = report(
        &ana(""),
        &[r#""history": { "from": "2026-02-23", "assignments": [] }"#.to_owned()],
    );
    has(&r, IssueCode::HistoryMismatch, "history", "ignored");
}

#[test]
fn history_dates_and_ids_are_checked() {
    let r = report(
        &ana(""),
        &[history(
            -3,
            &[
                ("ana", -5, "early"), // before `from`
                ("ana", 0, "early"),  // inside the horizon
                ("ana", -1, "early"),
                ("ana", -1, "late"), // second shift on one date
                ("bo", -2, "early"),
                ("ana", -2, "night"),
            ],
        )],
    );
    has(
        &r,
        IssueCode::HistoryMismatch,
        "on 2026-02-25",
        "outside the history",
    );
    has(
        &r,
        IssueCode::HistoryMismatch,
        "on 2026-03-02",
        "outside the history",
    );
    has(
        &r,
        IssueCode::HistoryMismatch,
        "on 2026-03-01",
        "two shifts",
    );
    has(
        &r,
        IssueCode::DanglingReference,
        "worker `bo`",
        "worker `bo`",
    );
    has(
        &r,
        IssueCode::DanglingReference,
        "on 2026-02-28",
        "shift `night`",
    );
    assert_eq!(r.issues.len(), 5, "{r}");
}

#[test]
fn history_must_start_before_the_horizon() {
    let r = report(
        &ana(""),
        &[r#""run_borders": "history", "history": { "from": "2026-03-02" }"#.to_owned()],
    );
    has(
        &r,
        IssueCode::HistoryMismatch,
        "history",
        "not before the horizon",
    );
    let r = report(
        &ana(""),
        &[r#""run_borders": "history", "history": { "from": "2020-01-01" }"#.to_owned()],
    );
    has(&r, IssueCode::HistoryMismatch, "history", "more than");
}

#[test]
fn unknown_request_kind_and_unknown_fields_are_json_errors_with_a_line() {
    let json = json_from(
        monday(),
        7,
        0.0,
        &ana(""),
        &[r#""requests": [ { "worker": "ana", "date": "2026-03-02", "kind": "maybe", "weight": 1 } ]"#
            .to_owned()],
    );
    let err = Scenario::from_json_str(&json).unwrap_err();
    assert!(matches!(err, Error::Json { .. }), "{err}");
    assert!(err.to_string().contains("line"), "{err}");
    let json = json_from(
        monday(),
        7,
        0.0,
        &ana(""),
        &[r#""forbidden_successions": [ { "first": "late", "next": "early" } ]"#.to_owned()],
    );
    let err = Scenario::from_json_str(&json).unwrap_err();
    assert!(err.to_string().contains("next"), "{err}");
}

#[test]
fn valid_rostering_fields_pass_and_round_trip_through_json() {
    let json = json_from(
        monday(),
        7,
        0.0,
        &ana(
            r#", "days_off": ["2026-03-04"], "max_shifts": { "late": 2 }, "min_total_minutes": 480,
               "max_total_minutes": 2400, "max_consecutive_days": 4, "min_consecutive_days": 2,
               "min_consecutive_days_off": 2, "max_weekends": 1"#,
        ),
        &[
            covers(&[cover(0, "early", 1, 100.0, 1.0)]),
            requests(&[request("ana", 1, Some("late"), "off", 2.0)]),
            r#""forbidden_successions": [ { "first": "late", "then": "early" } ]"#.to_owned(),
            history(-2, &[("ana", -1, "late")]),
        ],
    );
    let s = Scenario::from_json_str(&json).unwrap_or_else(|e| panic!("{e}"));
    let back = Scenario::from_json_str(&s.to_json()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, s);
    assert_eq!(s.cover[0].under_weight, 100.0);
    assert_eq!(s.workers[0].max_weekends, Some(1));
}
