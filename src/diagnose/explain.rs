//! The reporter: turns a [`Diagnosis`] and a [`RemedyReport`] into
//! sentences a planner can act on, in English or Chinese (the sentences
//! themselves live in `src/i18n/`, one file per language). It only reads
//! the data.

use std::fmt::Write as _;

use super::{Cause, Conflict, Diagnosis, Remedy, RemedyKind, RemedyReport, RuleChange};
use crate::i18n::{Lang, Messages};

/// One cause in one sentence.
///
/// ```
/// use flexline::diagnose::{describe_cause, Cause};
/// let c = Cause::NoQualifiedWorker { station: "testing".into(), skill: "testing".into() };
/// assert_eq!(describe_cause(&c), "nobody in the workforce has the skill testing that station testing needs");
/// ```
pub fn describe_cause(c: &Cause) -> String {
    Lang::En.text().cause(c)
}

/// One conflict in one sentence.
///
/// ```
/// use flexline::diagnose::{describe_conflict, Conflict, RuleRef};
/// let c = Conflict { rules: vec![RuleRef::ContractMinimum { worker: "mei".into() },
///                                RuleRef::CaregivingWindows { worker: "mei".into() }],
///                    amount: 8.0, dates: vec![] };
/// assert!(describe_conflict(&c).starts_with("these rules cannot all hold: mei's contracted minimum hours and"));
/// ```
pub fn describe_conflict(c: &Conflict) -> String {
    describe_conflict_in(c, Lang::En)
}

/// [`describe_conflict`] in `lang`.
///
/// ```
/// use flexline::diagnose::{describe_conflict_in, Conflict, RuleRef};
/// let c = Conflict { rules: vec![RuleRef::ContractMinimum { worker: "mei".into() },
///                                RuleRef::CaregivingWindows { worker: "mei".into() }],
///                    amount: 8.0, dates: vec![] };
/// assert!(describe_conflict_in(&c, flexline::Lang::ZhCn).starts_with("这几条规定不能同时做到"));
/// ```
pub fn describe_conflict_in(c: &Conflict, lang: Lang) -> String {
    lang.text().conflict(c)
}

/// A remedy in a few words.
///
/// ```
/// use flexline::diagnose::{describe_remedy, RemedyKind};
/// let k = RemedyKind::RaiseWorkplaces { station: "testing".into(), workplaces: 4 };
/// assert_eq!(describe_remedy(&k), "raise the workplaces at testing to 4");
/// ```
pub fn describe_remedy(k: &RemedyKind) -> String {
    Lang::En.text().remedy(k)
}

/// One changed limit in a few words, with the rules it goes beyond.
///
/// ```
/// use flexline::diagnose::{describe_rule_change, RuleChange, RuleLimit};
/// let c = RuleChange { limit: RuleLimit::DailyHours, worker: None, from: 9.0, to: 10.0,
///                      preset: "prc_standard".into() };
/// assert_eq!(describe_rule_change(&c), "daily hours 9 → 10, beyond `prc_standard`");
/// ```
pub fn describe_rule_change(c: &RuleChange) -> String {
    Lang::En.text().rule_change(c)
}

/// The limits a remedy changes, worker caps summarised.
fn rule_changes_words(t: &dyn Messages, m: &Remedy) -> String {
    let mut parts: Vec<String> = m
        .rule_changes
        .iter()
        .filter(|c| c.worker.is_none())
        .map(|c| t.rule_change(c))
        .collect();
    let own: Vec<&RuleChange> = m
        .rule_changes
        .iter()
        .filter(|c| c.worker.is_some())
        .collect();
    match own.as_slice() {
        [] => {}
        [one] => parts.push(t.rule_change(one)),
        many => parts.push(t.own_caps(many.len())),
    }
    parts.join("; ")
}

/// The whole diagnosis in plain English (empty string if there is nothing
/// to explain).
///
/// ```
/// let text = flexline::diagnose::explain(&flexline::diagnose::Diagnosis::default());
/// assert!(text.is_empty());
/// ```
pub fn explain(d: &Diagnosis) -> String {
    explain_in(d, Lang::En)
}

/// [`explain`] in `lang`.
///
/// ```
/// use flexline::diagnose::{explain_in, Conflict, Diagnosis, RuleRef};
/// let d = Diagnosis { conflicts: vec![Conflict { rules: vec![RuleRef::Skills { worker: "mei".into() }],
///                                                amount: 2.0, dates: vec![] }], ..Default::default() };
/// assert!(explain_in(&d, flexline::Lang::ZhCn).starts_with("冲突：这几条规定不能同时做到：mei 会的手艺"));
/// ```
pub fn explain_in(d: &Diagnosis, lang: Lang) -> String {
    let t = lang.text();
    let mut out = String::new();
    let causes = |out: &mut String, cs: &[Cause]| {
        for c in cs {
            let _ = writeln!(out, "      · {}", t.cause(c));
        }
    };
    for s in &d.shortfalls {
        let _ = writeln!(out, "{}", t.shortfall(s));
        for l in &s.limits {
            let _ = writeln!(out, "  - {}", t.limit(l));
            causes(&mut out, &l.causes);
        }
    }
    for g in &d.contract_gaps {
        let _ = writeln!(out, "{}", t.contract_gap(g));
        causes(&mut out, &g.causes);
    }
    for c in &d.conflicts {
        let _ = writeln!(out, "{}", t.conflict_line(&t.conflict(c)));
    }
    out
}

/// The best `top` remedies in plain English, each with its verified gain.
///
/// ```
/// let report = flexline::diagnose::RemedyReport { baseline_credited_units: 10.0,
///     baseline_finished_units: 10.0, baseline_shortfall_units: 0.0, evaluated: 0,
///     remedies: vec![], rule_changes: vec![], not_helpful: vec![], seconds: 0.0 };
/// assert!(flexline::diagnose::explain_remedies(&report, 3).contains("no change tried"));
/// ```
pub fn explain_remedies(r: &RemedyReport, top: usize) -> String {
    explain_remedies_in(r, top, Lang::En)
}

/// [`explain_remedies`] in `lang`.
///
/// ```
/// let report = flexline::diagnose::RemedyReport { baseline_credited_units: 10.0,
///     baseline_finished_units: 10.0, baseline_shortfall_units: 0.0, evaluated: 4,
///     remedies: vec![], rule_changes: vec![], not_helpful: vec![], seconds: 0.0 };
/// let text = flexline::diagnose::explain_remedies_in(&report, 3, flexline::Lang::ZhCn);
/// assert!(text.contains("试了 4 种改法"));
/// ```
pub fn explain_remedies_in(r: &RemedyReport, top: usize, lang: Lang) -> String {
    let t = lang.text();
    let mut out = String::new();
    if r.remedies.is_empty() && r.rule_changes.is_empty() {
        let _ = writeln!(out, "{}", t.remedies_none(r.evaluated));
        return out;
    }
    let line = |i: usize, m: &Remedy| t.remedy_line(i + 1, &t.remedy(&m.kind), m);
    if r.remedies.is_empty() {
        let _ = writeln!(out, "{}", t.remedies_none_within_rules(r.evaluated));
    } else {
        let _ = writeln!(
            out,
            "{}",
            t.remedies_header(r.evaluated, r.seconds, r.baseline_shortfall_units)
        );
        for (i, m) in r.remedies.iter().take(top).enumerate() {
            let _ = writeln!(out, "{}", line(i, m));
        }
    }
    if !r.rule_changes.is_empty() {
        let _ = writeln!(out, "{}", t.rule_changes_header());
        for (i, m) in r.rule_changes.iter().take(top).enumerate() {
            let _ = writeln!(out, "{}", t.needs(&line(i, m), &rule_changes_words(t, m)));
        }
    }
    if !r.not_helpful.is_empty() {
        let tried: Vec<String> = r
            .not_helpful
            .iter()
            .map(|m| {
                if m.rule_changes.is_empty() {
                    t.remedy(&m.kind)
                } else {
                    t.tried_needs(&t.remedy(&m.kind), &rule_changes_words(t, m))
                }
            })
            .collect();
        let _ = writeln!(out, "{}", t.without_gain(&tried));
    }
    out
}

/// One line saying whether the independent checker confirmed every claim
/// of the diagnosis ([`verify`](super::verify)), followed by each claim it
/// did not confirm; empty when there is nothing to confirm. Rosters with
/// more than `most_assignments` assignments are not re-derived (one checker
/// run per claim about a person).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// let scenario = flexline::Scenario::from_json_str(&json)?;
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let d = flexline::diagnose::diagnose(&scenario, &plan);
/// let line = flexline::diagnose::claims_checked(&scenario, &plan.roster, &d, 5_000, flexline::Lang::En);
/// assert!(line.is_empty() || line.contains("independent checker"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn claims_checked(
    s: &crate::Scenario,
    roster: &crate::Roster,
    d: &Diagnosis,
    most_assignments: usize,
    lang: Lang,
) -> String {
    let t = lang.text();
    if d.shortfalls.is_empty() && d.contract_gaps.is_empty() {
        return String::new();
    }
    if roster.assignments.len() > most_assignments {
        return format!("{}\n", t.claims_not_checked(most_assignments));
    }
    let failures = super::verify(s, roster, d);
    if failures.is_empty() {
        return format!("{}\n", t.claims_confirmed());
    }
    let mut out = format!("{}\n", t.claims_failed(failures.len()));
    for f in failures {
        let _ = writeln!(out, "  {}: {} — {}", f.context, f.claim, f.why);
    }
    out
}

/// The heading over the diagnosis in `lang` ("Diagnosis", "原因分析").
///
/// ```
/// assert_eq!(flexline::diagnose::diagnosis_heading(flexline::Lang::En), "Diagnosis");
/// ```
pub fn diagnosis_heading(lang: Lang) -> &'static str {
    lang.text().label(crate::i18n::Label::Diagnosis)
}
