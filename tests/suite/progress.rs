//! The progress callback of `SolveOptions`: events in the policy's order,
//! elapsed time never going back, the last event carrying the returned plan's
//! objective (the checker's), and no effect on the roster.

use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::common;
use flexline::formats::NrpInstance;
use flexline::{check, Phase, Progress, ProgressEvent, Scenario, SolveOptions};

fn instance(n: usize) -> Scenario {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/nrp/Instance{n}.txt"));
    NrpInstance::from_file(path)
        .unwrap_or_else(|e| panic!("{e}"))
        .to_scenario(&format!("Instance{n}"))
}

/// Options that record every event into the returned list.
fn recording(base: &SolveOptions) -> (SolveOptions, Arc<Mutex<Vec<ProgressEvent>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let options = SolveOptions {
        progress: Some(Progress::new(move |e: &ProgressEvent| {
            sink.lock().unwrap().push(e.clone());
        })),
        ..base.clone()
    };
    (options, seen)
}

/// The policy's order of phases.
fn rank(p: Phase) -> usize {
    match p {
        Phase::Built => 0,
        Phase::Start => 1,
        Phase::Groups => 2,
        Phase::Main => 3,
        Phase::Relaxation => 4,
        Phase::Search => 5,
        Phase::Done => 6,
        _ => panic!("a phase this test does not know: {p:?}"),
    }
}

/// Every invariant of a solve's events, against its plan.
fn assert_events(s: &Scenario, plan: &flexline::Plan, events: &[ProgressEvent]) {
    assert!(events.len() >= 3, "{events:#?}");
    assert_eq!(events[0].phase, Phase::Built);
    assert_eq!(events.last().unwrap().phase, Phase::Done);
    assert_eq!(
        events.iter().filter(|e| e.phase == Phase::Done).count(),
        1,
        "{events:#?}"
    );
    assert_eq!(
        events.iter().filter(|e| e.phase == Phase::Main).count(),
        1,
        "{events:#?}"
    );
    for pair in events.windows(2) {
        assert!(
            rank(pair[0].phase) <= rank(pair[1].phase),
            "out of order: {pair:#?}"
        );
        assert!(
            pair[0].elapsed <= pair[1].elapsed,
            "time went back: {pair:#?}"
        );
    }
    // Before the end the best objective never rises and the bound never falls.
    let before_done = &events[..events.len() - 1];
    for pair in before_done.windows(2) {
        if let (Some(a), Some(b)) = (pair[0].objective, pair[1].objective) {
            assert!(b <= a, "objective rose: {pair:#?}");
        }
        if let (Some(a), Some(b)) = (pair[0].bound, pair[1].bound) {
            assert!(b >= a, "bound fell: {pair:#?}");
        }
    }
    // The last event is the plan, and the plan is the checker's.
    let done = events.last().unwrap();
    let report = check::check(s, &plan.roster);
    assert!(report.is_feasible(), "{:#?}", report.violations);
    assert_eq!(done.objective, plan.status.objective);
    assert_eq!(done.bound, plan.status.dual_bound);
    let objective = done.objective.expect("a roster");
    assert!(
        common::close(objective, report.cost.objective),
        "last event {objective}, checker {}",
        report.cost.objective
    );
    let total = plan.status.build_seconds + plan.status.solve_seconds;
    assert_eq!(done.elapsed, total);
}

#[test]
fn events_follow_the_start_and_the_main_solve_and_end_at_the_plan() {
    // Instance 1 needs a start (hard minimum hours) and is proven optimal.
    let s = instance(1);
    let (options, seen) = recording(&common::exact());
    let plan = common::solve_checked(&s, &options);
    let events = seen.lock().unwrap().clone();
    assert_events(&s, &plan, &events);
    let phases: Vec<Phase> = events.iter().map(|e| e.phase).collect();
    assert_eq!(
        phases,
        [Phase::Built, Phase::Start, Phase::Main, Phase::Done],
        "{events:#?}"
    );
    // The start's event carries its checked penalty; the main solve's a bound.
    assert!(events[1].objective.is_some() && events[1].bound.is_none());
    assert!(events[2].bound.is_some());
    assert!(plan
        .status
        .objective
        .is_some_and(|o| common::close(o, 607.0)));
}

#[test]
fn the_callback_never_changes_the_roster() {
    // Scenarios without a start: the worker-by-worker start shares a wall
    // clock, so two runs of it may differ with or without a callback.
    for s in [
        Scenario::from_json_str(include_str!("../data/tiny.json")).unwrap(),
        Scenario::from_json_str(include_str!("../../examples/data/motor_factory_week.json"))
            .unwrap(),
    ] {
        let base = common::exact();
        let without = common::solve_checked(&s, &base);
        let (with_progress, seen) = recording(&base);
        let with = common::solve_checked(&s, &with_progress);
        assert_eq!(with.roster, without.roster, "{}", s.name);
        assert_eq!(with.status.objective, without.status.objective);
        assert_eq!(with.status.outcome, without.status.outcome);
        assert_events(&s, &with, &seen.lock().unwrap());
    }
}

#[test]
fn the_search_reports_each_improvement() {
    // Instance 8 (mid-sized): the start, the main solve on half the time,
    // then neighbourhoods; any that improve report on the way.
    let s = instance(8);
    let base = SolveOptions {
        time_limit: Some(8.0),
        threads: Some(1),
        relative_gap: 0.0,
        ..SolveOptions::default()
    };
    let (options, seen) = recording(&base);
    let plan = common::solve_checked(&s, &options);
    let events = seen.lock().unwrap().clone();
    assert_events(&s, &plan, &events);
    let phases: Vec<Phase> = events.iter().map(|e| e.phase).collect();
    assert_eq!(&phases[..3], [Phase::Built, Phase::Start, Phase::Main]);
    // Unless the main solve proved its roster, the search ran and said so.
    if !phases.contains(&Phase::Search) {
        assert_eq!(
            plan.status.outcome,
            flexline::Outcome::Optimal,
            "{events:#?}"
        );
    }
}

#[test]
fn options_with_a_callback_stay_comparable_printable_and_serializable() {
    let p = Progress::new(|_: &ProgressEvent| {});
    let a = SolveOptions {
        progress: Some(p.clone()),
        ..SolveOptions::default()
    };
    // The same callback is equal; another one, or none, is not.
    assert_eq!(a, a.clone());
    assert_ne!(
        a,
        SolveOptions {
            progress: Some(Progress::new(|_: &ProgressEvent| {})),
            ..SolveOptions::default()
        }
    );
    assert_ne!(a, SolveOptions::default());
    assert!(format!("{a:?}").contains("progress: Some(Progress(..))"));
    // Not serialized: the JSON is that of the options without it.
    let json = serde_json::to_string(&a).unwrap();
    assert!(!json.contains("progress"), "{json}");
    let back: SolveOptions = serde_json::from_str(&json).unwrap();
    assert_eq!(back, SolveOptions::default());
}
