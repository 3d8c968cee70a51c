//! Smoke run of the mutation fuzzer (`flexline::fuzz`): a few thousand
//! seeded cases over every reader and option type, each under
//! `catch_unwind`. A million: `cargo run --release --example fuzz -- --cases
//! 1000000 --seed 1` (DESIGN.md, "Fuzzing").

use flexline::fuzz::{run, FuzzOptions, TARGETS};

#[test]
fn three_thousand_mutated_inputs_break_no_invariant() {
    let report = run(&FuzzOptions {
        cases: 3_000,
        seed: 15,
        solve_every: 4,
    });
    assert_eq!(report.cases, 3_000);
    for f in &report.failures {
        eprintln!(
            "case {} ({}): {}\n  input: {}",
            f.case, f.target, f.what, f.input
        );
    }
    assert!(
        report.failures.is_empty(),
        "{} failure(s)",
        report.failures.len()
    );
    // The mutations leave enough inputs valid to reach the solver and the
    // checker, not only the parsers.
    assert!(report.accepted > 100, "{report:?}");
    assert!(report.solved > 20, "{report:?}");
    assert_eq!(TARGETS.len(), 12);
}
