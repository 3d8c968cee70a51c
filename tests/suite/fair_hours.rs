//! Fair hours (docs/semantics.md, "Fair hours"): hand-computed optima, the
//! integer program's fairness term against the checker's on random rosters,
//! and validation errors.

use flexline::{check, Error, IssueCode, Model, Scenario};
use proptest::prelude::*;

use crate::common::{close, exact, random_feasible_roster, scenario, solve_checked};

/// One station, one workplace, one 8-hour shift a day, 8 units due each
/// date: one shift a day is needed. `ana` earns 10 an hour, `bo` 11.
fn two_workers(start: &str, end: &str, targets: &str, fairness: &str) -> Scenario {
    scenario(&format!(
        r#"{{ "horizon": {{ "start": "{start}", "end": "{end}" }},
            "shifts": [ {{ "id": "day", "start": "08:00", "end": "16:30", "break_minutes": 30 }} ],
            "lines": [ {{ "id": "L", "shifts": ["day"], "stations": [
                {{ "id": "asm", "skill": "assembly", "minutes_per_unit": 60, "workplaces": 1 }} ] }} ],
            "targets": [{targets}],
            "workers": [
              {{ "id": "ana", "contract": "flexible", "skills": [ {{ "skill": "assembly" }} ], "hourly_wage": 10 }},
              {{ "id": "bo", "contract": "flexible", "skills": [ {{ "skill": "assembly" }} ], "hourly_wage": 11 }} ],
            "fairness": [{fairness}] }}"#
    ))
}

const MON_TUE: &str = r#"{ "id": "mon", "line": "L", "date": "2026-03-02", "units": 8 },
                         { "id": "tue", "line": "L", "date": "2026-03-03", "units": 8 }"#;

fn hours_of(plan: &flexline::Plan, who: &str) -> f64 {
    plan.roster
        .assignments
        .iter()
        .filter(|a| a.worker.as_str() == who)
        .map(|a| a.paid_hours)
        .sum()
}

/// Ana on both days costs 160 and leaves the hours 16 / 0 (mean 8, 16 hours
/// from the mean in all); one day each costs 80 + 88 = 168 and 0. So the
/// split wins exactly when the weight exceeds 8 / 16 = 0.5 per hour.
#[test]
fn hours_weight_decides_between_cheapest_and_even_as_computed_by_hand() {
    let low = two_workers(
        "2026-03-02",
        "2026-03-03",
        MON_TUE,
        r#"{ "name": "mom line", "contract": "flexible", "hours_weight": 0.25 }"#,
    );
    let plan = solve_checked(&low, &exact());
    assert!(close(plan.cost.objective, 160.0 + 0.25 * 16.0));
    assert!(close(plan.cost.fair_hours_deviation, 16.0));
    assert!(close(hours_of(&plan, "ana"), 16.0));

    let high = two_workers(
        "2026-03-02",
        "2026-03-03",
        MON_TUE,
        r#"{ "name": "mom line", "contract": "flexible", "hours_weight": 1 }"#,
    );
    let plan = solve_checked(&high, &exact());
    assert!(close(plan.cost.objective, 168.0), "{}", plan.cost.objective);
    assert!(close(plan.cost.fairness_penalty, 0.0));
    assert!(close(hours_of(&plan, "ana"), 8.0) && close(hours_of(&plan, "bo"), 8.0));
    let groups = flexline::report::fairness(&high, &plan.roster);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].members, 2);
    assert!(close(groups[0].hours.min, 8.0) && close(groups[0].hours.max, 8.0));
}

/// Saturday and Sunday at the rest-day rate (200 %): ana on both costs
/// 2 × 8 × 10 × 2 = 320 with weekends 1 / 0 (1 from the mean in all); ana
/// Saturday and bo Sunday cost 160 + 176 = 336 with weekends 1 / 1. The
/// split wins when the weight exceeds 16.
#[test]
fn weekends_weight_spreads_weekends_as_computed_by_hand() {
    let targets = r#"{ "id": "sat", "line": "L", "date": "2026-03-07", "units": 8 },
                     { "id": "sun", "line": "L", "date": "2026-03-08", "units": 8 }"#;
    let low = two_workers(
        "2026-03-07",
        "2026-03-08",
        targets,
        r#"{ "name": "pair", "workers": ["ana", "bo"], "weekends_weight": 10 }"#,
    );
    let plan = solve_checked(&low, &exact());
    assert!(close(plan.cost.objective, 330.0), "{}", plan.cost.objective);
    assert!(close(plan.cost.fair_weekends_deviation, 1.0));

    let high = two_workers(
        "2026-03-07",
        "2026-03-08",
        targets,
        r#"{ "name": "pair", "workers": ["ana", "bo"], "weekends_weight": 20 }"#,
    );
    let plan = solve_checked(&high, &exact());
    assert!(close(plan.cost.objective, 336.0), "{}", plan.cost.objective);
    let g = &flexline::report::fairness(&high, &plan.roster)[0];
    assert!(close(g.weekends.min, 1.0) && close(g.weekends.max, 1.0));
}

/// Five workers, two contracts, two shifts, Monday to Sunday, loose rules:
/// random rosters are feasible and every (worker, date) choice is possible.
fn week(fairness: &str) -> Scenario {
    scenario(&week_json(fairness, ""))
}

/// [`week`]'s JSON, with `targets` (a JSON array's items) added.
fn week_json(fairness: &str, targets: &str) -> String {
    format!(
        r#"{{ "horizon": {{ "start": "2026-03-02", "end": "2026-03-08" }},
            "shifts": [ {{ "id": "early", "start": "06:00", "end": "12:00", "break_minutes": 0 }},
                        {{ "id": "day", "start": "08:00", "end": "16:30", "break_minutes": 30 }} ],
            "lines": [ {{ "id": "L", "shifts": ["early", "day"], "stations": [
                {{ "id": "asm", "skill": "assembly", "minutes_per_unit": 30, "workplaces": 5 }} ] }} ],
            "rules": {{ "preset": "prc_standard", "max_consecutive_days": 7, "min_days_off_per_week": 0,
                        "max_hours_per_week": 70, "max_overtime_hours_per_month": 100 }},
            "workers": [
              {{ "id": "a", "contract": "flexible", "skills": [ {{ "skill": "assembly" }} ], "hourly_wage": 10 }},
              {{ "id": "b", "contract": "flexible", "skills": [ {{ "skill": "assembly" }} ], "hourly_wage": 11 }},
              {{ "id": "c", "contract": "flexible", "skills": [ {{ "skill": "assembly" }} ], "hourly_wage": 12 }},
              {{ "id": "d", "contract": "regular", "skills": [ {{ "skill": "assembly" }} ], "hourly_wage": 13 }},
              {{ "id": "e", "contract": "regular", "skills": [ {{ "skill": "assembly" }} ], "hourly_wage": 14 }} ],
            "targets": [{targets}],
            "fairness": [{fairness}] }}"#
    )
}

/// The integer program's objective for `roster`, fixed.
fn mip_price(s: &Scenario, roster: &flexline::Roster) -> f64 {
    let mut model = Model::build(s).expect("build");
    model.fix_roster(roster).expect("fix");
    let plan = model.solve(&exact()).expect("solve");
    plan.status.objective.expect("objective")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Fixing a random roster, the program with fairness rules costs the
    /// program without them plus exactly the checker's fairness penalty.
    #[test]
    fn mip_fairness_term_equals_the_checkers(
        seed in any::<u64>(),
        hw in 0.0f64..20.0,
        kw in 0.0f64..50.0,
        named in any::<bool>(),
    ) {
        let group = if named { r#""workers": ["a", "c", "e"]"# } else { r#""contract": "flexible""# };
        let rules = format!(
            r#"{{ "name": "g", {group}, "hours_weight": {hw}, "weekends_weight": {kw} }},
               {{ "name": "regular", "contract": "regular", "hours_weight": 1.5 }}"#
        );
        let with = week(&rules);
        let without = week("");
        let roster = random_feasible_roster(&with, seed);
        let report = check::check(&with, &roster);
        prop_assert!(report.is_feasible());
        let term = mip_price(&with, &roster) - mip_price(&without, &roster);
        prop_assert!(
            close(term, report.cost.fairness_penalty),
            "MIP fairness term {} but the checker's {}", term, report.cost.fairness_penalty
        );
        // The report's group figures price the same.
        let groups = flexline::report::fairness(&with, &roster);
        let priced: f64 = groups.iter().map(|g| g.hours_penalty + g.weekends_penalty).sum();
        prop_assert!(close(priced, report.cost.fairness_penalty));
    }
}

/// Solving the week with fair hours passes the checker at the solver's
/// objective, and spreads the flexible workers' hours no worse than without.
#[test]
fn fair_hours_narrow_the_spread_on_a_week() {
    let target =
        r#"{ "id": "wk", "line": "L", "date": "2026-03-08", "units": 120, "kind": "by_date" }"#;
    let without = scenario(&week_json("", target));
    let with = scenario(&week_json(
        r#"{ "name": "mom line", "contract": "flexible", "hours_weight": 5 }"#,
        target,
    ));
    let before = solve_checked(&without, &exact());
    let after = solve_checked(&with, &exact());
    let spread = |plan: &flexline::Plan| {
        let g = &flexline::report::fairness(&with, &plan.roster)[0];
        g.hours.max - g.hours.min
    };
    assert!(
        spread(&before) > 0.0,
        "the cheapest roster already spreads evenly: no test"
    );
    assert!(
        spread(&after) < spread(&before),
        "{} vs {}",
        spread(&after),
        spread(&before)
    );
    // Fairness costs wages or nothing: the fair roster is never cheaper in wages.
    assert!(after.cost.wages_total + 1e-9 >= before.cost.wages_total);
}

fn issues(s: &Scenario) -> Vec<(IssueCode, String, String)> {
    match s.validate() {
        Err(report) => report
            .issues
            .into_iter()
            .map(|i| {
                assert!(!i.fix.is_empty());
                (i.code, i.entity, i.message)
            })
            .collect(),
        Ok(()) => panic!("expected validation errors"),
    }
}

#[test]
fn bad_fairness_rules_are_rejected_with_the_rule_named() {
    let s = Scenario::from_json_str(&week_json(
        r#"{ "name": "ghosts", "workers": ["a", "zed"], "hours_weight": 1 },
           { "name": "bad weight", "contract": "flexible", "hours_weight": -2 },
           { "name": "nothing", "contract": "regular" },
           { "name": "both", "contract": "regular", "workers": ["a", "b"], "weekends_weight": 1 },
           { "name": "none", "hours_weight": 1 },
           { "name": "alone", "workers": ["a"], "hours_weight": 1 },
           { "name": "twice", "workers": ["a", "a", "b"], "hours_weight": 1 }"#,
        "",
    ));
    let found = match s {
        Err(Error::Invalid(report)) => report.issues,
        other => panic!("expected a validation error, got {other:?}"),
    };
    let has = |code: IssueCode, rule: &str, words: &str| {
        found.iter().any(|i| {
            i.code == code && i.entity.contains(&format!("`{rule}`")) && i.message.contains(words)
        })
    };
    assert!(
        has(IssueCode::DanglingReference, "ghosts", "zed"),
        "{found:#?}"
    );
    assert!(
        has(IssueCode::BadNumber, "bad weight", "hours_weight"),
        "{found:#?}"
    );
    assert!(has(
        IssueCode::Fairness,
        "nothing",
        "both hours_weight and weekends_weight are 0"
    ));
    assert!(has(
        IssueCode::Fairness,
        "both",
        "both `contract` and `workers`"
    ));
    assert!(has(IssueCode::Fairness, "none", "names no group"));
    assert!(has(IssueCode::Fairness, "alone", "one worker"));
    assert!(has(IssueCode::DuplicateId, "twice", "twice"));
    assert_eq!(found.len(), 7, "{found:#?}");
    // A duplicated rule name, and a home-based group.
    let mut s = week("");
    let mut r = flexline::FairnessRule::contract("x", flexline::ContractKind::HomeBased);
    r.hours_weight = 1.0;
    s.fairness = vec![r.clone(), r];
    let found = issues(&s);
    assert!(found
        .iter()
        .any(|(c, e, _)| *c == IssueCode::DuplicateId && e.contains("`x`")));
    assert!(found
        .iter()
        .any(|(c, _, m)| *c == IssueCode::Fairness && m.contains("home-based")));
}
