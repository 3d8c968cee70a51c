//! Every export of the bundled 60-worker week (CSV ×2, one calendar per
//! worker + all, the HTML report), and the HTML report alone; the roster is
//! solved once, outside the timing. Each iteration asserts its result.
//!
//! `cargo bench --bench export` (release profile, like everything else here).
//! Floor (issue 6): all exports of a 60-worker week in at most 50 ms.

use chrono::DateTime;
use criterion::{criterion_group, criterion_main, Criterion};
use flexline::export::{self, HtmlOptions, IcsOptions};
use flexline::{check, Outcome, Scenario, SolveOptions};

const BUNDLED: &str = include_str!("../examples/data/motor_factory_week.json");

fn exports(c: &mut Criterion) {
    let scenario = Scenario::from_json_str(BUNDLED).expect("bundled scenario");
    let plan = flexline::solve(&scenario, &SolveOptions::default()).expect("solve");
    assert_eq!(plan.status.outcome, Outcome::Optimal);
    assert!(check::check(&scenario, &plan.roster).is_feasible());
    let n = plan.roster.assignments.len();
    let ics = IcsOptions::new(
        "Asia/Shanghai",
        DateTime::from_timestamp(1_772_400_000, 0).expect("timestamp"),
    );
    let html = HtmlOptions::default();

    let mut g = c.benchmark_group("export_bundled_week");
    g.bench_function("all_files", |b| {
        b.iter(|| {
            let files = export::all_files(&scenario, &plan, &ics, &html).expect("export");
            assert_eq!(files.len(), 2 + scenario.workers.len() + 2);
            let all = files.iter().find(|f| f.name == "all.ics").expect("all.ics");
            assert_eq!(all.contents.matches("BEGIN:VEVENT").count(), n);
            files
        })
    });
    g.bench_function("csv", |b| {
        b.iter(|| {
            let a = export::assignments_csv(&plan.roster).expect("csv");
            let grid = export::grid_csv(&scenario, &plan.roster).expect("grid");
            assert_eq!(a.lines().count(), n + 1);
            (a, grid)
        })
    });
    g.bench_function("ics", |b| {
        b.iter(|| {
            let files = export::calendar_files(&scenario, &plan.roster, &ics).expect("ics");
            assert_eq!(files.len(), scenario.workers.len() + 1);
            files
        })
    });
    g.bench_function("html", |b| {
        b.iter(|| {
            let report = export::html_report(&scenario, &plan, &html);
            assert_eq!(report.matches("class=\"bar ").count(), n);
            report
        })
    });
    g.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
