//! Line layouts and sizes: model build, solve, time-resolved estimate and
//! absence Monte Carlo, timed apart. Each iteration asserts its result, so a
//! fast wrong answer fails.
//!
//! `cargo bench --bench layouts` (release profile, like everything else here).
//! The 250- and 1,000-worker solves run under short time limits (the best
//! roster found in time, with its proven gap, checked by the checker).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use flexline::flow::{estimate, FlowOptions};
use flexline::layout::{sweep, CompareOptions, Layout};
use flexline::risk::{simulate, RiskOptions};
use flexline::synthetic::{factory, Spec};
use flexline::{check, Model, Outcome, Plan, Scenario, SolveOptions};

const BUNDLED: &str = include_str!("../examples/data/motor_factory_week.json");
const SERIAL: &str = include_str!("../examples/data/serial_line_week.json");

fn options(limit: f64) -> SolveOptions {
    SolveOptions {
        threads: Some(2),
        time_limit: Some(limit),
        ..SolveOptions::default()
    }
}

fn synthetic(workers: usize) -> Scenario {
    factory(&Spec {
        workers,
        days: 7,
        shifts: 4,
        stations: 8,
        seed: 1,
    })
}

/// Time limit per solve by size (seconds).
fn limit(workers: usize) -> f64 {
    match workers {
        0..=100 => 3.0,
        101..=400 => 3.0,
        _ => 6.0,
    }
}

fn checked(s: &Scenario, plan: &Plan) {
    assert_ne!(plan.status.outcome, Outcome::NoSolution);
    let report = check::check(s, &plan.roster);
    assert!(report.is_feasible(), "{:?}", report.violations);
    assert!(report.differences(&plan.throughput, &plan.cost).is_empty());
}

/// The hourly estimate and the Monte Carlo of the bundled 60-worker week.
fn bundled_estimate(c: &mut Criterion) {
    let s = Scenario::from_json_str(BUNDLED).expect("bundled");
    let plan = flexline::solve(&s, &options(30.0)).expect("solve");
    checked(&s, &plan);
    let daily_finished: f64 = plan.throughput.lines.iter().map(|l| l.finished_units).sum();
    let mut g = c.benchmark_group("bundled_estimate");
    for bm in [60u32, 30] {
        g.bench_function(format!("hourly_flow_{bm}min"), |b| {
            b.iter(|| {
                let f =
                    estimate(&s, &plan.roster, &FlowOptions { bucket_minutes: bm }).expect("flow");
                let timed = f.finished_units();
                assert!((timed - daily_finished).abs() <= 1e-6 * daily_finished.max(1.0));
                f
            })
        });
    }
    g.sample_size(10);
    {
        g.bench_function("monte_carlo_10000_clock", |b| {
            let opts = RiskOptions {
                samples: 10_000,
                seed: 1,
                ..RiskOptions::default()
            };
            b.iter(|| {
                let r = simulate(&s, &plan.roster, &opts).expect("risk");
                assert_eq!(r.samples, 10_000);
                assert!(r.total.p10 <= r.total.p50 && r.total.p90 <= r.total.planned + 1e-6);
                assert!((0.0..=1.0).contains(&r.p_demand_met.p));
                r
            })
        });
    }
    g.finish();
}

/// The three standard layouts of the bundled week: build and solve apart.
fn bundled_layouts(c: &mut Criterion) {
    let base = Scenario::from_json_str(BUNDLED).expect("bundled");
    let mut g = c.benchmark_group("bundled_layouts");
    g.sample_size(10);
    for layout in Layout::STANDARD {
        let s = layout.apply(&base).expect("layout");
        g.bench_function(format!("{}_build", layout.name()), |b| {
            b.iter(|| {
                let m = Model::build(&s).expect("build");
                assert!(m.assignment_variables() > 0);
                m
            })
        });
        g.bench_function(format!("{}_solve", layout.name()), |b| {
            b.iter_batched(
                || Model::build(&s).expect("build"),
                |m| {
                    let plan = m.solve(&options(10.0)).expect("solve");
                    checked(&s, &plan);
                    plan
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

/// Synthetic factories of 60, 250 and 1,000 workers (7 days, 4 shifts incl.
/// a flexible 08:00–16:30 one, 8 stations): all regular vs flexible spread;
/// build, solve (time-limited) and hourly estimate apart.
fn synthetic_layouts(c: &mut Criterion) {
    let mut g = c.benchmark_group("synthetic_layouts");
    g.sample_size(10);
    for workers in [60usize, 250, 1000] {
        let base = synthetic(workers);
        for layout in [Layout::AllRegular, Layout::FlexibleSpread] {
            let s = layout.apply(&base).expect("layout");
            let tag = format!("{workers}w_{}", layout.name());
            g.bench_function(format!("{tag}_build"), |b| {
                b.iter(|| {
                    let m = Model::build(&s).expect("build");
                    assert!(m.assignment_variables() > workers);
                    m
                })
            });
            g.bench_function(format!("{tag}_solve"), |b| {
                b.iter_batched(
                    || Model::build(&s).expect("build"),
                    |m| {
                        let plan = m.solve(&options(limit(workers))).expect("solve");
                        checked(&s, &plan);
                        assert!(!plan.roster.assignments.is_empty());
                        plan
                    },
                    BatchSize::PerIteration,
                )
            });
            g.bench_function(format!("{tag}_hourly_flow"), |b| {
                // Solved here, so a filter that skips this bench skips the solve.
                let plan = flexline::solve(&s, &options(limit(workers))).expect("solve");
                checked(&s, &plan);
                let daily: f64 = plan.throughput.lines.iter().map(|l| l.finished_units).sum();
                b.iter(|| {
                    let f = estimate(&s, &plan.roster, &FlowOptions::default()).expect("flow");
                    assert!(f.finished_units() <= daily + 1e-6);
                    f
                })
            });
        }
    }
    g.finish();
}

/// The sweep (every station as the flexible one, in the line and on a
/// dedicated line; each design solved with a 5 s limit, checked and
/// simulated with 2,000 samples; two solves at once on one thread each):
/// the bundled week (line `regular`, the mom line merged in), the serial
/// line week (line `motor`) and a realistic 60-worker factory (line `l0`).
fn sweeps(c: &mut Criterion) {
    let mut opts = CompareOptions::default();
    opts.solve.time_limit = Some(5.0);
    opts.solve.threads = Some(2);
    opts.risk.samples = 2_000;
    let cases = [
        (
            "bundled_week",
            Scenario::from_json_str(BUNDLED).expect("bundled"),
            "regular",
        ),
        (
            "serial_line_week",
            Scenario::from_json_str(SERIAL).expect("serial"),
            "motor",
        ),
        (
            "realistic_60w",
            flexline::synthetic::realistic(&flexline::synthetic::RealisticSpec {
                workers: 60,
                days: 7,
                seed: 1,
                target_share: 0.9,
            }),
            "l0",
        ),
    ];
    let mut g = c.benchmark_group("sweep");
    g.sample_size(10);
    for (name, base, line) in &cases {
        let stations = base.line(&(*line).into()).expect("line").stations.len();
        g.bench_function(*name, |b| {
            b.iter(|| {
                let (rows, skipped) = sweep(base, &(*line).into(), &opts).expect("sweep");
                assert_eq!(rows.len() + skipped.len(), 2 * stations);
                for r in &rows {
                    assert_eq!(r.checker_violations, 0, "{}", r.layout);
                    assert_ne!(r.outcome, Outcome::NoSolution, "{}", r.layout);
                }
                // Ranked: P(met) never rises down the list.
                assert!(rows
                    .windows(2)
                    .all(|w| w[0].p_target_met >= w[1].p_target_met));
                rows
            })
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    bundled_estimate,
    bundled_layouts,
    synthetic_layouts,
    sweeps
);
criterion_main!(benches);
