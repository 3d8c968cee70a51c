//! Mid-week repair of the bundled motor-factory week: one flexible-line worker
//! absent Wednesday and Thursday, Monday and Tuesday frozen (issue 7; floor:
//! at most 5 s). Each iteration asserts its result, so a fast wrong answer
//! fails.
//!
//! `cargo bench --bench repair` (release profile, like everything else here).

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use flexline::repair::{self, Absence, ChangeWeights, RepairRequest};
use flexline::{check, ContractKind, Scenario, SolveOptions};

const WEEK: &str = include_str!("../examples/data/motor_factory_week.json");

fn bundled_week(c: &mut Criterion) {
    let scenario = Scenario::from_json_str(WEEK).expect("bundled week");
    let options = SolveOptions {
        threads: Some(2),
        time_limit: Some(30.0),
        ..SolveOptions::default()
    };
    let published = flexline::solve(&scenario, &options).expect("solve").roster;
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    let (wed, thu) = (date("2026-03-04"), date("2026-03-05"));
    let who = scenario
        .workers
        .iter()
        .filter(|w| w.contract == ContractKind::Flexible)
        .map(|w| w.id.clone())
        .find(|w| {
            published.of_worker(w).any(|a| a.date == wed)
                && published.of_worker(w).any(|a| a.date == thu)
        })
        .expect("a flexible worker on Wednesday and Thursday");
    let request = RepairRequest {
        frozen_through: Some(date("2026-03-03")),
        absences: vec![Absence {
            worker: who.clone(),
            from: wed,
            to: thu,
            reason: "sick child".into(),
        }],
        target_changes: Vec::new(),
    };
    let weights = ChangeWeights::default();
    let mut g = c.benchmark_group("repair");
    g.sample_size(10);
    g.bench_function("bundled_week_one_absence", |b| {
        b.iter(|| {
            let r = repair::repair(&scenario, &published, &request, &weights, &options)
                .expect("repair");
            assert!(check::check(&r.scenario, &r.plan.roster).is_feasible());
            assert!(r.changes.iter().filter(|c| c.worker == who).count() >= 2);
            r
        })
    });
    g.finish();
}

criterion_group!(benches, bundled_week);
criterion_main!(benches);
