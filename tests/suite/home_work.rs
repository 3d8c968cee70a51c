//! Home-based work: batches out on one delivery round, back on the next.
//! Every solve goes through the independent checker (tests/common).

use crate::common::{exact, solve_checked};
use chrono::NaiveDate;
use flexline::check::{self, Rule};
use flexline::{IssueCode, Plan, Roster, Scenario};
use proptest::prelude::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
}

/// One week from Monday 2 March 2026; line L: wind (home work allowed,
/// 10 min/unit) then asm (2 min/unit, never the bottleneck). One winder and one assembler on site
/// (08:00–16:30, 8 paid hours), home workers lan and mei (4 h a day, Mon–Fri).
fn week(targets: &str, rounds: &str, lan_extra: &str) -> String {
    format!(
        r#"{{ "horizon": {{ "start": "2026-03-02", "end": "2026-03-08" }},
  "shifts": [ {{ "id": "day", "start": "08:00", "end": "16:30", "break_minutes": 30 }} ],
  "lines": [ {{ "id": "L", "shifts": ["day"], "stations": [
     {{ "id": "wind", "skill": "winding", "minutes_per_unit": 10.0, "workplaces": 1, "home_work": true }},
     {{ "id": "asm", "skill": "assembly", "minutes_per_unit": 2.0, "workplaces": 1 }} ] }} ],
  "targets": [{targets}],
  "delivery_rounds": [{rounds}],
  "workers": [
     {{ "id": "ana", "skills": [ {{ "skill": "winding" }} ], "hourly_wage": 16.0 }},
     {{ "id": "bo", "skills": [ {{ "skill": "assembly" }} ], "hourly_wage": 16.0 }},
     {{ "id": "lan", "contract": "home_based", "skills": [ {{ "skill": "winding" }} ], "hourly_wage": 14.0,
       "home": {{ "hours_per_day": 4.0 }} {lan_extra} }},
     {{ "id": "mei", "contract": "home_based", "skills": [ {{ "skill": "winding", "efficiency": 0.8 }} ],
       "hourly_wage": 14.0, "home": {{ "hours_per_day": 4.0, "efficiency": 1.25 }} }} ] }}"#
    )
}

const ROUNDS: &str = r#"{ "date": "2026-03-02", "van_capacity": 200 },
  { "date": "2026-03-04", "van_capacity": 200 }, { "date": "2026-03-06", "van_capacity": 200 }"#;

fn scenario(json: &str) -> Scenario {
    Scenario::from_json_str(json).unwrap_or_else(|e| panic!("{e}"))
}

fn rounds_of(s: &Scenario) -> Vec<(NaiveDate, f64)> {
    let mut r: Vec<_> = s
        .delivery_rounds
        .iter()
        .map(|r| (r.date, r.van_capacity))
        .collect();
    r.sort_by_key(|x| x.0);
    r
}

/// Units out plus back on each round, from the roster.
fn van_loads(s: &Scenario, roster: &Roster) -> Vec<f64> {
    rounds_of(s)
        .iter()
        .map(|(d, _)| {
            roster
                .home_batches
                .iter()
                .map(|b| {
                    (if b.out_date == *d { b.units_out } else { 0.0 })
                        + (if b.back_date == *d { b.units_back } else { 0.0 })
                })
                .sum()
        })
        .collect()
}

/// Finished units of line L up to and including `date`.
fn finished_by(plan: &Plan, date: NaiveDate) -> f64 {
    plan.throughput
        .lines
        .iter()
        .filter(|l| l.date <= date)
        .map(|l| l.finished_units)
        .sum()
}

#[test]
fn home_workers_close_the_gap_through_the_rounds() {
    // On site: 48 wound units a day, 240 by Friday; 400 wanted.
    let s = scenario(&week(
        r#"{ "id": "fri", "line": "L", "date": "2026-03-06", "units": 400, "kind": "by_date" }"#,
        ROUNDS,
        "",
    ));
    let plan = solve_checked(&s, &exact());
    assert!(plan.unmet.is_empty(), "{:#?}", plan.unmet);
    assert!(finished_by(&plan, day(6)) >= 400.0 - 1e-6);
    let home: f64 = plan.roster.home_batches.iter().map(|b| b.units_back).sum();
    assert!(home >= 160.0 - 1e-6, "home brought back only {home}");
    for b in &plan.roster.home_batches {
        assert!(["lan", "mei"].contains(&b.worker.as_str()));
        assert_eq!(b.units_out, b.units_back);
        assert_eq!(b.units_out, b.units_out.round());
        let next = match b.out_date {
            d if d == day(2) => day(4),
            d if d == day(4) => day(6),
            d => panic!("batch out on {d}, not a round before the last"),
        };
        assert_eq!(b.back_date, next);
        // Mei: 0.8 × 1.25 = standard time.
        assert!((b.minutes - b.units_out * 10.0).abs() < 1e-6);
    }
    // Home workers never appear on site.
    assert!(plan
        .roster
        .assignments
        .iter()
        .all(|a| a.worker.as_str() != "lan" && a.worker.as_str() != "mei"));
    // Home pay: 10 minutes a unit at 14 an hour.
    assert!((plan.cost.home_wages - home * 14.0 / 6.0).abs() < 1e-6);
}

#[test]
fn home_output_is_not_counted_before_its_collection_round() {
    // Tuesday's milestone: the first collection is Wednesday, so only the
    // on-site winder counts (2 × 48 units), however many home workers wait.
    let s = scenario(&week(
        r#"{ "id": "tue", "line": "L", "date": "2026-03-03", "units": 200, "kind": "by_date" },
           { "id": "wed", "line": "L", "date": "2026-03-04", "units": 240, "kind": "by_date" }"#,
        ROUNDS,
        "",
    ));
    let plan = solve_checked(&s, &exact());
    let tue = &plan.throughput.targets[0];
    assert!((tue.finished_units - 96.0).abs() < 1e-6, "{tue:?}");
    // By Wednesday the Monday batches are back: 144 on site + 96 at home.
    let wed = &plan.throughput.targets[1];
    assert!((wed.finished_units - 240.0).abs() < 1e-6, "{wed:?}");
    let monday_out: f64 = plan
        .roster
        .home_batches
        .iter()
        .filter(|b| b.out_date == day(2))
        .map(|b| b.units_out)
        .sum();
    assert!((monday_out - 96.0).abs() < 1e-6);
    // Nothing finished on Monday or Tuesday comes from home.
    assert!((finished_by(&plan, day(3)) - 96.0).abs() < 1e-6);
}

#[test]
fn van_capacity_is_respected_on_every_round() {
    let rounds = r#"{ "date": "2026-03-02", "van_capacity": 60 },
      { "date": "2026-03-04", "van_capacity": 100 }, { "date": "2026-03-06", "van_capacity": 60 }"#;
    let s = scenario(&week(
        r#"{ "id": "fri", "line": "L", "date": "2026-03-06", "units": 400, "kind": "by_date" }"#,
        rounds,
        "",
    ));
    let plan = solve_checked(&s, &exact());
    let loads = van_loads(&s, &plan.roster);
    for ((date, cap), load) in rounds_of(&s).iter().zip(&loads) {
        assert!(*load <= cap + 1e-6, "{date}: {load} > {cap}");
    }
    // The van is the limit: 60 out Monday, 40 more Wednesday (100 − 60 back).
    let home: f64 = plan.roster.home_batches.iter().map(|b| b.units_back).sum();
    assert!((home - 100.0).abs() < 1e-6, "home {home}");
    assert!((plan.throughput.targets[0].finished_units - 340.0).abs() < 1e-6);
}

#[test]
fn availability_bounds_each_batch() {
    // Lan is away on Tuesday: 240 minutes between Monday and Wednesday, 24 units.
    let s = scenario(&week(
        r#"{ "id": "fri", "line": "L", "date": "2026-03-06", "units": 600, "kind": "by_date" }"#,
        ROUNDS,
        r#", "unavailable": [ { "kind": "absence", "date": "2026-03-03" } ]"#,
    ));
    let plan = solve_checked(&s, &exact());
    let lan_monday: f64 = plan
        .roster
        .home_batches
        .iter()
        .filter(|b| b.worker.as_str() == "lan" && b.out_date == day(2))
        .map(|b| b.units_out)
        .sum();
    assert!((lan_monday - 24.0).abs() < 1e-6, "lan took {lan_monday}");
    for b in &plan.roster.home_batches {
        assert!(b.minutes <= 480.0 + 1e-6);
    }
}

fn solved_with_batches() -> (Scenario, Plan) {
    let s = scenario(&week(
        r#"{ "id": "fri", "line": "L", "date": "2026-03-06", "units": 400, "kind": "by_date" }"#,
        ROUNDS,
        "",
    ));
    let plan = solve_checked(&s, &exact());
    assert!(!plan.roster.home_batches.is_empty());
    (s, plan)
}

fn rules(s: &Scenario, r: &Roster) -> Vec<Rule> {
    check::check(s, r)
        .violations
        .iter()
        .map(|v| v.rule)
        .collect()
}

#[test]
fn checker_rejects_early_counting_van_overload_and_overwork() {
    let (s, plan) = solved_with_batches();
    // A batch claimed back on the day it went out.
    let mut early = plan.roster.clone();
    early.home_batches[0].back_date = early.home_batches[0].out_date;
    assert!(rules(&s, &early).contains(&Rule::HomeBatch));
    // The checker still counts it on the true collection date: same throughput.
    let report = check::check(&s, &early);
    assert!(report.differences(&plan.throughput, &plan.cost).is_empty());

    // A batch beyond the van (and beyond the worker's minutes).
    let mut heavy = plan.roster.clone();
    let b = &mut heavy.home_batches[0];
    b.units_out += 300.0;
    b.units_back = b.units_out;
    let minutes_per_unit = b.minutes / (b.units_out - 300.0);
    b.minutes = b.units_out * minutes_per_unit;
    let broken = rules(&s, &heavy);
    assert!(broken.contains(&Rule::VanCapacity), "{broken:?}");
    assert!(broken.contains(&Rule::HomeAvailability), "{broken:?}");
    assert!(!broken.contains(&Rule::HomeBatch), "{broken:?}");

    // Fewer units back than out, a fraction, a batch out on the last round.
    let mut odd = plan.roster.clone();
    odd.home_batches[0].units_back -= 1.0;
    assert!(rules(&s, &odd).contains(&Rule::HomeBatch));
    let mut odd = plan.roster.clone();
    odd.home_batches[0].units_out = 0.5;
    assert!(rules(&s, &odd).contains(&Rule::HomeBatch));
    let mut odd = plan.roster.clone();
    odd.home_batches[0].out_date = day(6);
    assert!(rules(&s, &odd).contains(&Rule::HomeBatch));

    // A home worker on site.
    let mut onsite = plan.roster.clone();
    let mut a = onsite.assignments[0].clone();
    a.worker = "lan".into();
    onsite.assignments.push(a);
    assert!(rules(&s, &onsite).contains(&Rule::HomeOnSite));
}

#[test]
fn bad_home_inputs_are_named() {
    let code_of = |json: &str| -> Vec<(IssueCode, String)> {
        match Scenario::from_json_str(json) {
            Err(flexline::Error::Invalid(r)) => {
                r.issues.into_iter().map(|i| (i.code, i.entity)).collect()
            }
            other => panic!("expected invalid, got {other:?}"),
        }
    };
    let base = week("", ROUNDS, "");
    // Home work at the second station.
    let j = base.replace(
        r#""workplaces": 1 } ] }"#,
        r#""workplaces": 1, "home_work": true } ] }"#,
    );
    assert!(code_of(&j).contains(&(IssueCode::HomeWork, "station `asm`".into())));
    // A buffer after the home-work station.
    let j = base.replace(
        r#""workplaces": 1 } ] }"#,
        r#""workplaces": 1, "buffer_capacity": 50 } ] }"#,
    );
    assert!(code_of(&j).contains(&(IssueCode::HomeWork, "station `asm`".into())));
    // One round only.
    let j = week("", r#"{ "date": "2026-03-02", "van_capacity": 200 }"#, "");
    assert!(code_of(&j).contains(&(IssueCode::HomeWork, "delivery_rounds".into())));
    // A duplicate round, a round outside the horizon, a negative van.
    let j = week(
        "",
        r#"{ "date": "2026-03-02", "van_capacity": 200 }, { "date": "2026-03-02", "van_capacity": 20 },
           { "date": "2026-04-02", "van_capacity": 200 }, { "date": "2026-03-04", "van_capacity": -1 }"#,
        "",
    );
    let codes = code_of(&j);
    assert!(codes.contains(&(IssueCode::HomeWork, "delivery round on 2026-03-02".into())));
    assert!(codes.contains(&(
        IssueCode::DateOutsideHorizon,
        "delivery round on 2026-04-02".into()
    )));
    assert!(codes.contains(&(IssueCode::BadNumber, "delivery round on 2026-03-04".into())));
    // Home availability without the home_based contract; contracted hours.
    let j = base.replace(
        r#""id": "lan", "contract": "home_based","#,
        r#""id": "lan","#,
    );
    assert!(code_of(&j).contains(&(IssueCode::HomeWork, "worker `lan`".into())));
    let j = week("", ROUNDS, r#", "min_hours_per_week": 10"#);
    assert!(code_of(&j).contains(&(IssueCode::HomeWork, "worker `lan`".into())));
    // Bad hours and efficiency.
    let j = base.replace(r#""hours_per_day": 4.0 }"#, r#""hours_per_day": 30.0 }"#);
    assert!(code_of(&j).contains(&(IssueCode::BadNumber, "worker `lan`".into())));
    let j = base.replace(r#""efficiency": 1.25"#, r#""efficiency": 0"#);
    assert!(code_of(&j).contains(&(IssueCode::BadNumber, "worker `mei`".into())));
    // No station allows home work.
    let j = base.replace(r#", "home_work": true"#, "");
    let codes = code_of(&j);
    assert!(codes.contains(&(IssueCode::HomeWork, "worker `lan`".into())));
    assert!(codes.contains(&(IssueCode::HomeWork, "worker `mei`".into())));
    // Unknown fields are rejected.
    let j = base.replace(
        r#""hours_per_day": 4.0 }"#,
        r#""hours_per_day": 4.0, "hrs": 1 }"#,
    );
    assert!(matches!(
        Scenario::from_json_str(&j),
        Err(flexline::Error::Json { .. })
    ));
}

#[test]
fn new_fields_round_trip_through_json() {
    let (s, plan) = solved_with_batches();
    let again = scenario(&s.to_json());
    assert_eq!(again, s);
    let text = serde_json::to_string(&plan.roster).expect("json");
    assert!(text.contains("home_batches"));
    let back: Roster = serde_json::from_str(&text).expect("roster");
    assert_eq!(back, plan.roster);
    // A roster written before home work still reads.
    let old: Roster = serde_json::from_str(r#"{ "assignments": [] }"#).expect("old roster");
    assert!(old.home_batches.is_empty());
    // Scenarios without home work do not write the new fields.
    let plain = flexline::Scenario::from_json_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tiny.json"
    ))
    .expect("tiny");
    let text = plain.to_json();
    assert!(!text.contains("home") && !text.contains("delivery_rounds"));
}

#[test]
fn hourly_flow_takes_home_units_as_a_lump_on_the_collection_date() {
    let (s, plan) = solved_with_batches();
    let flow = flexline::flow::estimate(&s, &plan.roster, &Default::default()).expect("flow");
    for date in s.horizon.dates() {
        let timed = flow.line_day(&"L".into(), date).expect("line day");
        let daily = plan
            .throughput
            .lines
            .iter()
            .find(|l| l.date == date)
            .expect("daily");
        assert!((timed.finished_units - daily.finished_units).abs() <= 1e-6);
    }
    // The units back on Wednesday wait in front of assembly from 00:00.
    let wed_back: f64 = plan
        .roster
        .home_batches
        .iter()
        .filter(|b| b.back_date == day(4))
        .map(|b| b.units_back)
        .sum();
    let series = flow
        .series
        .iter()
        .find(|x| x.station.as_str() == "asm")
        .expect("asm");
    let first_bucket_wed = 2 * 24;
    let before = series.stock_end[first_bucket_wed - 1];
    assert!((series.stock_end[first_bucket_wed] - before - wed_back).abs() < 1e-6);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Random small week: cumulative finished output never exceeds on-site
    /// output plus the batches collected by that date; the van and every
    /// batch's dates hold; the checker agrees.
    #[test]
    fn finished_output_never_runs_ahead_of_collections(
        winders in 0usize..3,
        hours in 1u32..8,
        caps in prop::collection::vec(0u32..150, 3),
        round_days in prop::sample::subsequence(vec![2u32, 3, 4, 5, 6, 7], 2..4),
        units in 50u32..500,
        target_day in 2u32..9,
    ) {
        let rounds: Vec<String> = round_days
            .iter()
            .zip(caps.iter().cycle())
            .map(|(d, c)| format!(r#"{{ "date": "2026-03-{d:02}", "van_capacity": {c} }}"#))
            .collect();
        let mut json = week(
            &format!(r#"{{ "id": "t", "line": "L", "date": "2026-03-{target_day:02}", "units": {units}, "kind": "by_date" }}"#),
            &rounds.join(","),
            "",
        )
        .replace(r#""hours_per_day": 4.0 }"#, &format!(r#""hours_per_day": {hours}.0 }}"#));
        if winders == 0 {
            json = json.replace(r#"{ "id": "ana", "skills": [ { "skill": "winding" } ]"#,
                                r#"{ "id": "ana", "skills": [ { "skill": "assembly" } ]"#);
        }
        let s = scenario(&json);
        let plan = solve_checked(&s, &exact());
        let round_dates: Vec<NaiveDate> = rounds_of(&s).iter().map(|r| r.0).collect();
        for b in &plan.roster.home_batches {
            let i = round_dates.iter().position(|d| *d == b.out_date).expect("out on a round");
            prop_assert_eq!(Some(&b.back_date), round_dates.get(i + 1));
        }
        for ((_, cap), load) in rounds_of(&s).iter().zip(van_loads(&s, &plan.roster)) {
            prop_assert!(load <= cap + 1e-6);
        }
        let mut finished = 0.0;
        let mut onsite_wound = 0.0;
        for date in s.horizon.dates() {
            finished += plan.throughput.lines.iter().find(|l| l.date == date).map_or(0.0, |l| l.finished_units);
            onsite_wound += plan.throughput.stations.iter()
                .find(|x| x.date == date && x.station.as_str() == "wind")
                .map_or(0.0, |x| x.produced_units);
            let collected: f64 = plan.roster.home_batches.iter()
                .filter(|b| b.back_date <= date).map(|b| b.units_back).sum();
            prop_assert!(finished <= onsite_wound + collected + 1e-6,
                "{}: finished {} > on-site {} + collected {}", date, finished, onsite_wound, collected);
        }
    }
}

#[test]
fn example_home_week_solves_through_the_checker() {
    let s = Scenario::from_json_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/home_week.json"
    ))
    .expect("home_week.json");
    let plan = solve_checked(&s, &exact());
    assert!(!plan.roster.home_batches.is_empty());
    let first_back = plan
        .roster
        .home_batches
        .iter()
        .map(|b| b.back_date)
        .min()
        .expect("a batch");
    assert_eq!(
        first_back,
        NaiveDate::from_ymd_opt(2026, 3, 18).expect("date")
    );
    for ((date, cap), load) in rounds_of(&s).iter().zip(van_loads(&s, &plan.roster)) {
        assert!(load <= cap + 1e-6, "{date}: {load} > {cap}");
    }
}
