//! The time-resolved estimate and buffer capacities: agreement with the
//! daily model where timing does not bind, and the cases where it does.

mod common;

use chrono::NaiveDate;
use common::{close, exact, scenario, solve_checked};
use flexline::flow::{estimate, FlowOptions};
use flexline::{check, Assignment, Error, IssueCode, Roster, Scenario};
use proptest::prelude::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
}

/// Cutting then packing; early 06:00–14:00 and late 14:00–22:00 shifts.
/// `cutter_window` / `packer_window`: the caregiving window that leaves each
/// worker only one of the shifts. `pack_extra`: extra JSON for station pack.
fn early_late(cutter_window: &str, packer_window: &str, pack_extra: &str, units: f64) -> Scenario {
    scenario(&format!(
        r#"{{ "horizon": {{ "start": "2026-03-02", "end": "2026-03-02" }},
            "shifts": [ {{ "id": "early", "start": "06:00", "end": "14:00" }},
                        {{ "id": "late", "start": "14:00", "end": "22:00" }} ],
            "lines": [ {{ "id": "L", "shifts": ["early", "late"], "stations": [
                {{ "id": "cut", "skill": "cut", "minutes_per_unit": 10.0, "workplaces": 1 }},
                {{ "id": "pack", "skill": "pack", "minutes_per_unit": 10.0, "workplaces": 1 {pack_extra} }} ] }} ],
            "targets": [ {{ "id": "t", "line": "L", "date": "2026-03-02", "units": {units} }} ],
            "workers": [
              {{ "id": "ana", "skills": [ {{ "skill": "cut" }} ], "hourly_wage": 16.0,
                 "unavailable": [ {cutter_window} ] }},
              {{ "id": "bo", "skills": [ {{ "skill": "pack" }} ], "hourly_wage": 16.0,
                 "unavailable": [ {packer_window} ] }} ] }}"#
    ))
}

const ONLY_LATE: &str =
    r#"{ "kind": "weekly", "from": "00:00", "to": "14:00", "reason": "mornings" }"#;
const ONLY_EARLY: &str = r#"{ "kind": "weekly", "from": "14:00", "to": "00:00", "overnight": true, "reason": "school run" }"#;

#[test]
fn daily_model_meets_the_target_but_the_hourly_flow_starves() {
    // The cutter can only work late, the packer only early.
    let s = early_late(ONLY_LATE, ONLY_EARLY, "", 40.0);
    let plan = solve_checked(&s, &exact());
    assert!(plan.unmet.is_empty(), "the daily model meets the target");
    assert!(close(plan.throughput.lines[0].finished_units, 48.0));
    assert_eq!(plan.roster.assignments.len(), 2);

    let flow = estimate(&s, &plan.roster, &FlowOptions { bucket_minutes: 30 }).expect("flow");
    let pack = flow.station_day(&"pack".into(), day(2)).expect("pack row");
    // Nothing reaches packing before 14:00: the packer waits all shift.
    assert!(close(pack.produced_units, 0.0));
    assert!(close(pack.starved_person_minutes, 480.0));
    let line = flow.line_day(&"L".into(), day(2)).expect("line row");
    assert!(close(line.finished_units, 0.0));
    assert!(line.starved_person_minutes > 0.0);
    assert_eq!(line.bottleneck.as_ref().map(|b| b.as_str()), Some("cut"));
    // The estimate reports the target missed, and the cut units waiting.
    assert!(close(flow.targets[0].shortfall_units, 40.0));
    let cut = flow
        .series
        .iter()
        .find(|x| x.station.as_str() == "cut")
        .expect("cut series");
    let at_22 = 22 * 2 - 1; // bucket 21:30–22:00
    let pack_series = flow
        .series
        .iter()
        .find(|x| x.station.as_str() == "pack")
        .expect("pack series");
    assert!(close(pack_series.stock_end[at_22], 48.0));
    assert!(close(cut.produced_units.iter().sum::<f64>(), 48.0));
    // Starved time sits in the packer's shift buckets, 06:00–14:00.
    assert!(close(
        pack_series.starved_person_minutes[12..28]
            .iter()
            .sum::<f64>(),
        480.0
    ));
}

#[test]
fn when_upstream_works_first_the_two_estimates_agree() {
    // Swap the windows: cutting early, packing late. Timing does not bind.
    let s = early_late(ONLY_EARLY, ONLY_LATE, "", 40.0);
    let plan = solve_checked(&s, &exact());
    let flow = estimate(&s, &plan.roster, &FlowOptions::default()).expect("flow");
    let daily = check::check(&s, &plan.roster).throughput;
    for sd in &daily.stations {
        let f = flow.station_day(&sd.station, sd.date).expect("row");
        assert!(close(f.produced_units, sd.produced_units), "{}", sd.station);
        assert!(close(f.capacity_units, sd.capacity_units));
        assert!(close(f.starved_person_minutes, 0.0));
    }
    assert_eq!(flow.targets, daily.targets);
}

#[test]
fn a_full_buffer_blocks_upstream_in_the_hourly_flow_only() {
    // Buffer of 10 in front of packing; cutting early, packing late. The daily
    // model ends the day with an empty buffer; by the clock, cutting fills it
    // by 07:40 and stands blocked until packing starts at 14:00.
    let s = early_late(ONLY_EARLY, ONLY_LATE, r#", "buffer_capacity": 10"#, 40.0);
    let plan = solve_checked(&s, &exact());
    assert!(plan.unmet.is_empty());
    assert!(close(plan.throughput.stations[1].stock_end, 0.0));
    let flow = estimate(&s, &plan.roster, &FlowOptions { bucket_minutes: 60 }).expect("flow");
    let cut = flow.station_day(&"cut".into(), day(2)).expect("cut");
    assert!(close(cut.produced_units, 10.0));
    assert!(close(cut.blocked_person_minutes, 480.0 * 38.0 / 48.0));
    let pack = flow.station_day(&"pack".into(), day(2)).expect("pack");
    assert!(close(pack.produced_units, 10.0));
    assert!(pack.peak_stock <= 10.0 + 1e-9);
    assert!(close(flow.targets[0].shortfall_units, 30.0));
}

#[test]
fn the_daily_model_respects_buffer_capacity() {
    // Two days; cutting can only work the first, packing only the second.
    // Without a buffer cap, 48 units wait overnight; with a cap of 20, the
    // daily model (solver, report and checker alike) blocks cutting at 20.
    let json = |cap: &str| {
        format!(
            r#"{{ "horizon": {{ "start": "2026-03-02", "end": "2026-03-03" }},
            "shifts": [ {{ "id": "day", "start": "08:00", "end": "16:00" }} ],
            "lines": [ {{ "id": "L", "shifts": ["day"], "stations": [
                {{ "id": "cut", "skill": "cut", "minutes_per_unit": 10.0, "workplaces": 1 }},
                {{ "id": "pack", "skill": "pack", "minutes_per_unit": 10.0, "workplaces": 1 {cap} }} ] }} ],
            "targets": [ {{ "id": "t", "line": "L", "date": "2026-03-03", "units": 48, "kind": "by_date" }} ],
            "workers": [
              {{ "id": "ana", "skills": [ {{ "skill": "cut" }} ], "hourly_wage": 16.0,
                 "unavailable": [ {{ "kind": "absence", "date": "2026-03-03" }} ] }},
              {{ "id": "bo", "skills": [ {{ "skill": "pack" }} ], "hourly_wage": 16.0,
                 "unavailable": [ {{ "kind": "absence", "date": "2026-03-02" }} ] }} ] }}"#
        )
    };
    let open = scenario(&json(""));
    let plan = solve_checked(&open, &exact());
    assert!(plan.unmet.is_empty());
    let capped = scenario(&json(r#", "buffer_capacity": 20"#));
    let plan = solve_checked(&capped, &exact());
    assert_eq!(plan.unmet.len(), 1);
    assert!(close(plan.unmet[0].finished_units, 20.0));
    let cut_day1 = &plan.throughput.stations[0];
    assert!(close(cut_day1.produced_units, 20.0));
    assert!(close(cut_day1.capacity_units, 48.0));
    assert!(plan
        .throughput
        .stations
        .iter()
        .all(|s| s.stock_end <= 20.0 + 1e-6));
}

#[test]
fn bad_buffers_and_probabilities_are_named() {
    let s = |extra_station: &str, extra_worker: &str| {
        Scenario::from_json_str(&format!(
            r#"{{ "horizon": {{ "start": "2026-03-02", "end": "2026-03-02" }},
            "shifts": [ {{ "id": "day", "start": "08:00", "end": "16:00" }} ],
            "lines": [ {{ "id": "L", "shifts": ["day"], "stations": [
                {{ "id": "cut", "skill": "cut", "minutes_per_unit": 10.0, "workplaces": 1 }},
                {{ "id": "pack", "skill": "pack", "minutes_per_unit": 10.0, "workplaces": 1 {extra_station} }} ] }} ],
            "workers": [ {{ "id": "ana", "skills": [ {{ "skill": "cut" }} ], "hourly_wage": 16.0 {extra_worker} }} ] }}"#
        ))
    };
    let codes = |r: Result<Scenario, Error>| match r {
        Err(Error::Invalid(rep)) => rep
            .issues
            .iter()
            .map(|i| (i.code, i.entity.clone()))
            .collect::<Vec<_>>(),
        other => panic!("expected invalid, got {other:?}"),
    };
    assert_eq!(
        codes(s(r#", "buffer_capacity": -1"#, "")),
        vec![(IssueCode::BadNumber, "station `pack`".to_owned())]
    );
    assert_eq!(
        codes(s(r#", "buffer_capacity": 5, "initial_stock": 8"#, "")),
        vec![(IssueCode::ContradictoryLimits, "station `pack`".to_owned())]
    );
    assert_eq!(
        codes(s("", r#", "absence_probability": 1.5"#)),
        vec![(IssueCode::BadNumber, "worker `ana`".to_owned())]
    );
    assert!(s(
        r#", "buffer_capacity": 5"#,
        r#", "absence_probability": 0.1"#
    )
    .is_ok());
}

#[test]
fn bad_rosters_and_buckets_are_errors_not_panics() {
    let s = early_late(ONLY_EARLY, ONLY_LATE, "", 40.0);
    let plan = solve_checked(&s, &exact());
    let err = estimate(&s, &plan.roster, &FlowOptions { bucket_minutes: 7 }).unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidOptions {
            option: "bucket_minutes",
            ..
        }
    ));
    let mut roster = plan.roster.clone();
    roster.assignments[0].station = "nowhere".into();
    let err = estimate(&s, &roster, &FlowOptions::default()).unwrap_err();
    assert!(err.to_string().contains("nowhere"), "{err}");
    let mut roster = plan.roster.clone();
    roster.assignments[0].date = day(9);
    assert!(matches!(
        estimate(&s, &roster, &FlowOptions::default()),
        Err(Error::InvalidRoster { assignment: 0, .. })
    ));
}

#[test]
fn bundled_week_hourly_estimate_is_consistent() {
    let s = Scenario::from_json_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/motor_factory_week.json"
    ))
    .expect("bundled");
    let plan = solve_checked(&s, &flexline::SolveOptions::default());
    let daily = check::check(&s, &plan.roster).throughput;
    for bm in [30, 60] {
        let flow = estimate(&s, &plan.roster, &FlowOptions { bucket_minutes: bm }).expect("flow");
        for sd in &daily.stations {
            let f = flow.station_day(&sd.station, sd.date).expect("row");
            // Same capacity; the clock can only take output away.
            assert!(close(f.capacity_units, sd.capacity_units));
            assert!(f.produced_units <= f.capacity_units + 1e-6);
            assert!(f.starved_person_minutes >= 0.0 && f.blocked_person_minutes == 0.0);
        }
        for (fl, dl) in flow.lines.iter().zip(&daily.lines) {
            assert_eq!((&fl.line, fl.date), (&dl.line, dl.date));
            if fl.starved_person_minutes == 0.0 && fl.blocked_person_minutes == 0.0 {
                assert!(
                    close(fl.finished_units, dl.finished_units),
                    "{} {}",
                    fl.line,
                    fl.date
                );
            }
        }
        // Cumulative finished units: the timed flow never beats the daily one.
        for line in ["regular", "mom"] {
            let mut a = 0.0;
            let mut b = 0.0;
            for (fl, dl) in flow
                .lines
                .iter()
                .zip(&daily.lines)
                .filter(|(f, _)| f.line.as_str() == line)
            {
                a += fl.finished_units;
                b += dl.finished_units;
                assert!(
                    a <= b + 1e-6,
                    "{line} on {}: timed {a} > daily {b}",
                    fl.date
                );
            }
        }
    }
}

/// A random roster over a synthetic factory without night shifts: each
/// worker, each date, maybe one shift at one station they have the skill for.
fn random_roster(s: &Scenario, seed: u64) -> Roster {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut assignments = Vec::new();
    for w in &s.workers {
        for date in s.horizon.dates() {
            if next() % 3 == 0 {
                continue;
            }
            let options: Vec<_> = s
                .lines
                .iter()
                .flat_map(|l| l.stations.iter().map(move |st| (l, st)))
                .filter(|(_, st)| w.efficiency(&st.skill).is_some())
                .collect();
            if options.is_empty() {
                continue;
            }
            let (line, st) = options[(next() % options.len() as u64) as usize];
            let shift = s
                .shift(&line.shifts[(next() % line.shifts.len() as u64) as usize])
                .expect("shift");
            let start = date.and_time(shift.start);
            assignments.push(Assignment {
                worker: w.id.clone(),
                date,
                shift: shift.id.clone(),
                line: line.id.clone(),
                station: st.id.clone(),
                start,
                end: start + chrono::Duration::minutes(shift.duration_minutes()),
                paid_hours: shift.paid_minutes() as f64 / 60.0,
            });
        }
    }
    Roster {
        assignments,
        home_batches: Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Without shifts past midnight, the timed flow is a feasible daily flow,
    /// so its cumulative finished units never exceed the daily estimate's;
    /// and on a line-day with no starved or blocked time, they agree.
    #[test]
    fn timed_flow_is_bounded_by_daily_flow(seed in 0u64..1000, workers in 4usize..30, bm in prop::sample::select(vec![15u32, 30, 60, 120])) {
        let mut s = flexline::synthetic::factory(&flexline::synthetic::Spec {
            workers, days: 4, shifts: 2, stations: 6, seed,
        });
        if seed % 2 == 0 {
            for l in &mut s.lines {
                for st in l.stations.iter_mut().skip(1) {
                    st.buffer_capacity = Some(st.initial_stock + 15.0);
                }
            }
        }
        prop_assume!(s.validate().is_ok());
        let roster = random_roster(&s, seed);
        let daily = check::check(&s, &roster).throughput;
        let flow = estimate(&s, &roster, &FlowOptions { bucket_minutes: bm }).expect("flow");
        for line in &s.lines {
            let (mut a, mut b) = (0.0, 0.0);
            let mut clean = true;
            for (fl, dl) in flow.lines.iter().zip(&daily.lines).filter(|(f, _)| f.line == line.id) {
                prop_assert_eq!(fl.date, dl.date);
                a += fl.finished_units;
                b += dl.finished_units;
                prop_assert!(a <= b + 1e-6, "line {} on {}: timed {} > daily {}", line.id, fl.date, a, b);
                clean &= fl.starved_person_minutes == 0.0 && fl.blocked_person_minutes == 0.0;
                if clean {
                    prop_assert!(close(a, b), "line {} clean up to {}: {} vs {}", line.id, fl.date, a, b);
                }
            }
        }
        // Produced + starved + blocked = capacity, bucket by bucket.
        for sr in &flow.series {
            for b in 0..flow.buckets {
                prop_assert!(sr.produced_units[b] >= -1e-9);
                prop_assert!(sr.produced_units[b] <= sr.capacity_units[b] + 1e-9);
                prop_assert!(sr.stock_end[b] >= -1e-9);
            }
        }
    }
}
