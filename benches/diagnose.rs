//! Diagnosis and the remedy search on the bundled short week. Each iteration
//! asserts its result, so a fast wrong answer fails.
//!
//! `cargo bench --bench diagnose` (release profile, like everything else here).

use criterion::{criterion_group, criterion_main, Criterion};
use flexline::diagnose::{self, RemedyOptions};
use flexline::{Scenario, SolveOptions};

const SHORT_WEEK: &str = include_str!("../examples/data/short_week.json");

/// The remedy search's own defaults, with the thread count fixed.
fn remedy_options() -> RemedyOptions {
    let d = RemedyOptions::default();
    RemedyOptions {
        solve: SolveOptions {
            threads: Some(2),
            ..d.solve
        },
        ..d
    }
}

fn short_week(c: &mut Criterion) {
    let scenario = Scenario::from_json_str(SHORT_WEEK).expect("short week");
    let options = remedy_options();
    let plan = flexline::solve(&scenario, &options.solve).expect("solve");
    assert!(!plan.unmet.is_empty());
    let mut g = c.benchmark_group("short_week");
    g.sample_size(10);
    g.bench_function("diagnose", |b| {
        b.iter(|| {
            let d = diagnose::diagnose(&scenario, &plan);
            assert_eq!(d.shortfalls.len(), plan.unmet.len());
            d
        })
    });
    let d = diagnose::diagnose(&scenario, &plan);
    g.bench_function("remedy_search", |b| {
        b.iter(|| {
            let r = diagnose::remedies(&scenario, &d, &options).expect("remedies");
            assert!(r.seconds <= 30.0, "remedy search took {} s", r.seconds);
            assert!(r.remedies.first().is_some_and(|m| m.gain_units > 0.0));
            r
        })
    });
    g.finish();
}

criterion_group!(benches, short_week);
criterion_main!(benches);
