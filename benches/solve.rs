//! Model build and solve, timed apart, on the bundled week and on synthetic
//! factories. Each iteration asserts its result, so a fast wrong answer fails.
//!
//! `cargo bench --bench solve` (release profile, like everything else here).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use flexline::synthetic::{factory, Spec};
use flexline::{check, Model, Outcome, Scenario, SolveOptions};

const BUNDLED: &str = include_str!("../examples/data/motor_factory_week.json");

fn options() -> SolveOptions {
    SolveOptions {
        threads: Some(2),
        ..SolveOptions::default()
    }
}

fn bundled(c: &mut Criterion) {
    let scenario = Scenario::from_json_str(BUNDLED).expect("bundled scenario");
    let mut g = c.benchmark_group("bundled_week");
    g.sample_size(10);
    g.bench_function("build", |b| {
        b.iter(|| {
            let m = Model::build(&scenario).expect("build");
            assert!(m.assignment_variables() > 0);
            m
        })
    });
    g.bench_function("solve", |b| {
        b.iter_batched(
            || Model::build(&scenario).expect("build"),
            |m| {
                let plan = m.solve(&options()).expect("solve");
                assert_eq!(plan.status.outcome, Outcome::Optimal);
                assert!(plan.status.gap.unwrap_or(1.0) <= 1e-4);
                assert!(check::check(&scenario, &plan.roster).is_feasible());
                plan
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("check", |b| {
        let plan = flexline::solve(&scenario, &options()).expect("solve");
        b.iter(|| {
            let r = check::check(&scenario, &plan.roster);
            assert!(r.is_feasible());
            r
        })
    });
    g.finish();
}

fn synthetic_build(c: &mut Criterion) {
    let mut g = c.benchmark_group("synthetic_build");
    g.sample_size(10);
    for workers in [60, 250, 1000] {
        let s = factory(&Spec {
            workers,
            days: 7,
            shifts: 3,
            stations: 8,
            seed: 1,
        });
        g.bench_function(format!("{workers}_workers_7d_3s_8st"), |b| {
            b.iter(|| {
                let m = Model::build(&s).expect("build");
                assert!(m.assignment_variables() > workers);
                m
            })
        });
    }
    g.finish();
}

fn synthetic_solve(c: &mut Criterion) {
    let mut g = c.benchmark_group("synthetic_solve");
    g.sample_size(10);
    let s = factory(&Spec {
        workers: 60,
        days: 7,
        shifts: 3,
        stations: 8,
        seed: 1,
    });
    g.bench_function("60_workers_7d_3s_8st", |b| {
        b.iter_batched(
            || Model::build(&s).expect("build"),
            |m| {
                let plan = m.solve(&options()).expect("solve");
                assert_ne!(plan.status.outcome, Outcome::NoSolution);
                assert!(check::check(&s, &plan.roster).is_feasible());
                plan
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bundled, synthetic_build, synthetic_solve);
criterion_main!(benches);
