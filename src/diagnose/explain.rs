//! The plain-English reporter: turns a [`Diagnosis`] and a [`RemedyReport`]
//! into sentences a planner can act on. It only reads the data.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::{
    Cause, Conflict, Diagnosis, Remedy, RemedyKind, RemedyReport, RuleChange, RuleId, RuleLimit,
    RuleRef, WindowKind,
};
use crate::model::TargetKind;
use crate::tolerance::EPS;

fn dates(ds: &[NaiveDate]) -> String {
    match ds {
        [] => "no date".into(),
        [d] => d.format("%a %d %b").to_string(),
        _ => {
            let all: Vec<String> = ds.iter().map(|d| d.format("%a %d").to_string()).collect();
            format!("{} {}", all.join(", "), ds[ds.len() - 1].format("%b"))
        }
    }
}

/// "Wed 04 Mar 08:00–10:30" (the end with its own date when it is on another).
fn span(from: &NaiveDateTime, to: &NaiveDateTime) -> String {
    if to.date() == from.date() {
        format!("{}–{}", from.format("%a %d %b %H:%M"), to.format("%H:%M"))
    } else if to.date() == from.date().succ_opt().unwrap_or(to.date())
        && to.time() == NaiveTime::MIN
    {
        format!("{}–24:00", from.format("%a %d %b %H:%M"))
    } else {
        format!(
            "{}–{}",
            from.format("%a %d %b %H:%M"),
            to.format("%a %d %b %H:%M")
        )
    }
}

fn list<T: std::fmt::Display>(xs: &[T]) -> String {
    let v: Vec<String> = xs.iter().map(|x| x.to_string()).collect();
    match v.len() {
        0 => "nobody".into(),
        1 => v[0].clone(),
        n => format!("{} and {}", v[..n - 1].join(", "), v[n - 1]),
    }
}

/// Why a rule blocks another shift, for a [`Cause::HoursLimit`]; a rule
/// the diagnosis does not give there is named by its id.
fn rule_words(r: RuleId) -> String {
    match r {
        RuleId::DailyHours | RuleId::DailyOvertime => {
            "the shift is longer than their daily hours or daily overtime cap".into()
        }
        RuleId::WeeklyHours => "their weekly hours cap was reached".into(),
        RuleId::OvertimeCap => "the overtime cap was reached".into(),
        RuleId::DaysOff => "they need their remaining days of the week off".into(),
        RuleId::ConsecutiveDays => "they would work too many days in a row".into(),
        RuleId::MinRest => "they would not get the minimum rest between shifts".into(),
        other => format!("the rule {other} would be broken"),
    }
}

/// One cause in one sentence.
///
/// ```
/// use flexline::diagnose::{describe_cause, Cause};
/// let c = Cause::NoQualifiedWorker { station: "testing".into(), skill: "testing".into() };
/// assert_eq!(describe_cause(&c), "nobody in the workforce has the skill testing that station testing needs");
/// ```
pub fn describe_cause(c: &Cause) -> String {
    match c {
        Cause::NoQualifiedWorker { station, skill } => {
            format!("nobody in the workforce has the skill {skill} that station {station} needs")
        }
        Cause::SkillShortage {
            station,
            skill,
            qualified,
            dates: ds,
        } => format!(
            "too few people with the skill {skill}: all {} who have it ({}) were already rostered or unable \
             to work at {station} on {}",
            qualified.len(),
            list(qualified),
            dates(ds)
        ),
        Cause::CaregivingWindow {
            worker,
            window,
            reason,
            dates: ds,
        } => {
            let what = match window {
                WindowKind::Weekly => "a caregiving window",
                WindowKind::Leave => "leave",
                WindowKind::Absence => "an absence",
            };
            let why = if reason.is_empty() {
                String::new()
            } else {
                format!(" ({reason})")
            };
            format!("{worker} could not work the line's shifts on {} because of {what}{why}", dates(ds))
        }
        Cause::HoursLimit {
            worker,
            rule,
            dates: ds,
        } => format!(
            "{worker} could not take another shift on {}: {}",
            dates(ds),
            rule_words(*rule)
        ),
        Cause::LineNotAllowed { worker, line } => {
            format!("{worker} has the skill but may not work on line {line}")
        }
        Cause::WorkingElsewhere {
            worker,
            station,
            dates: ds,
        } => format!("{worker} was needed at {station} on {}", dates(ds)),
        Cause::WorkplacesFull {
            station,
            workplaces,
            dates: ds,
            shifts,
        } => format!(
            "all {workplaces} workplaces at {station} were taken during {} on {}, so nobody more could work {} there",
            if shifts.is_empty() { "the line's shifts".to_owned() } else { format!("shift {}", list(shifts)) },
            dates(ds),
            if shifts.len() == 1 { "it" } else { "them" }
        ),
        Cause::UpstreamStock {
            upstream,
            downstream,
            initial_stock,
            dates: ds,
        } => format!(
            "{downstream} waited for material from {upstream} on {} (its stock of {initial_stock:.0} units \
             at the start had run out)",
            dates(ds)
        ),
        Cause::Starved {
            station,
            upstream,
            from,
            to,
            lost_units,
            upstream_made_units,
            upstream_last_worked,
        } => {
            let why = match upstream_last_worked {
                Some((a, b)) => format!(
                    "{upstream} had nobody on shift then (it last worked {}) and no stock was left",
                    span(a, b)
                ),
                None if *upstream_made_units > EPS => format!(
                    "{upstream} made only {} units in that time and no stock was left",
                    crate::text::units(*upstream_made_units)
                ),
                None => format!("{upstream} made nothing then and no stock was left"),
            };
            format!(
                "{station} ran short of material during {} ({} units of capacity unused) because {why}",
                span(from, to),
                crate::text::units(*lost_units)
            )
        }
        Cause::Blocked {
            station,
            downstream,
            buffer,
            from,
            to,
            lost_units,
        } => format!(
            "{station} was blocked {} ({} units of capacity unused): the buffer of {} in front of {downstream} \
             was full",
            span(from, to),
            crate::text::units(*lost_units),
            crate::text::units(*buffer)
        ),
        Cause::UnusedWorkers {
            station,
            workers,
            dates: ds,
            cost_per_unit,
            penalty_per_unit,
        } => format!(
            "{} could have worked at {station} on {} ({cost_per_unit:.2} per unit against a penalty of \
             {penalty_per_unit:.2} per unit short) but were not rostered: the solver judged it not worth its \
             cost, or a station elsewhere in the flow could not follow",
            list(workers),
            dates(ds)
        ),
        Cause::NotRostered {
            worker,
            station,
            dates: ds,
            cost_per_hour,
            penalty_per_hour,
        } => format!(
            "{worker} was free to work at {station} on {} ({cost_per_hour:.2} per hour against a penalty of \
             {penalty_per_hour:.2} per contract hour missed) but was not rostered: the roster is within the \
             solver's gap of the optimum, or the extra output was not needed",
            dates(ds)
        ),
        Cause::LineNotRunning { line, dates: ds } => {
            format!("line {line} runs no shift on {}", dates(ds))
        }
        Cause::ContractUnreachable {
            worker,
            max_hours,
            contracted_hours,
        } => format!(
            "no shift pattern within {worker}'s windows and hour caps gives more than {max_hours:.1} of the \
             {contracted_hours:.1} contracted hours"
        ),
    }
}

fn describe_rule(r: &RuleRef) -> String {
    match r {
        RuleRef::ContractMinimum { worker } => format!("{worker}'s contracted minimum hours"),
        RuleRef::CaregivingWindows { worker } => format!("{worker}'s caregiving windows and leave"),
        RuleRef::DailyHoursCap { worker } => format!("the daily hours cap for {worker}"),
        RuleRef::WeeklyHoursCap { worker } => format!("the weekly hours cap for {worker}"),
        RuleRef::DaysOff { worker } => format!("the days off {worker} must have"),
        RuleRef::LineRestriction { worker } => format!("the lines {worker} may work on"),
        RuleRef::Skills { worker } => format!("{worker}'s skills"),
        RuleRef::ShiftTemplates { lines } => format!("the shifts line(s) {} run", list(lines)),
        RuleRef::Target { target } => format!("target {target}"),
        RuleRef::StationSkill { station, skill } => {
            format!("station {station} needing the skill {skill}")
        }
        RuleRef::MinTotalMinutes { worker } => {
            format!("{worker}'s minimum total hours over the horizon")
        }
        RuleRef::MaxTotalMinutes { worker } => {
            format!("{worker}'s maximum total hours over the horizon")
        }
        RuleRef::FixedDaysOff { worker } => format!("{worker}'s fixed days off"),
        RuleRef::MaxShifts { worker } => format!("{worker}'s caps on each shift"),
        RuleRef::MaxConsecutiveDays { worker } => {
            format!("the most consecutive working days for {worker}")
        }
        RuleRef::MinConsecutiveDays { worker } => {
            format!("{worker}'s fewest consecutive working days")
        }
        RuleRef::MinConsecutiveDaysOff { worker } => {
            format!("{worker}'s fewest consecutive days off")
        }
        RuleRef::MaxWeekends { worker } => format!("{worker}'s most weekends worked"),
        RuleRef::RestBetweenShifts { worker } => {
            format!("the rest {worker} needs between shifts")
        }
        RuleRef::HourCaps { worker } => {
            format!("the hour caps for {worker} (daily, weekly and overtime)")
        }
    }
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
    let rules: Vec<String> = c.rules.iter().map(describe_rule).collect();
    let forced = if c.rules.iter().any(|r| matches!(r, RuleRef::Target { .. })) {
        format!("{:.1} units", c.amount)
    } else {
        format!("{:.1} hours", c.amount)
    };
    format!(
        "these rules cannot all hold: {}{} — at least {forced} will be missed; relax one of them",
        list(&rules),
        if c.dates.is_empty() {
            String::new()
        } else {
            format!(" ({})", dates(&c.dates))
        }
    )
}

/// A remedy in a few words.
///
/// ```
/// use flexline::diagnose::{describe_remedy, RemedyKind};
/// let k = RemedyKind::RaiseWorkplaces { station: "testing".into(), workplaces: 4 };
/// assert_eq!(describe_remedy(&k), "raise the workplaces at testing to 4");
/// ```
pub fn describe_remedy(k: &RemedyKind) -> String {
    match k {
        RemedyKind::CrossTrain {
            worker,
            skill,
            station,
            efficiency,
        } => format!(
            "cross-train {worker} in {skill} for {station} (at {:.0} % while learning)",
            efficiency * 100.0
        ),
        RemedyKind::AddWorker { like, .. } => format!("hire one more worker like {like}"),
        RemedyKind::ChangeShift { shift, start, end } => format!(
            "run shift {shift} {}–{} instead",
            start.format("%H:%M"),
            end.format("%H:%M")
        ),
        RemedyKind::AllowOvertime {
            line,
            shift,
            date,
            extra_minutes,
            ..
        } => format!(
            "allow {extra_minutes} minutes of overtime after shift {shift} on line {line} on {} (every {} of \
             the horizon)",
            date.format("%a %d %b"),
            date.format("%A")
        ),
        RemedyKind::RaiseWorkplaces {
            station,
            workplaces,
        } => format!("raise the workplaces at {station} to {workplaces}"),
        RemedyKind::AddStock { station, units } => {
            format!("have {units:.0} more units in stock in front of {station} at the start")
        }
        RemedyKind::RaiseBuffer { station, capacity } => {
            format!("raise the buffer in front of {station} to {capacity:.0} units")
        }
    }
}

fn hours(x: f64) -> String {
    if x.is_finite() {
        crate::text::number((x * 100.0).round() / 100.0)
    } else {
        "no limit".into()
    }
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
    let what = match c.limit {
        RuleLimit::DailyHours => "daily hours",
        RuleLimit::DailyOvertime => "daily overtime hours",
        RuleLimit::WeeklyHours => "weekly hours",
        RuleLimit::MonthlyOvertime => "monthly overtime hours",
        RuleLimit::MinRest => "rest between shifts (hours)",
        RuleLimit::ConsecutiveDays => "consecutive working days",
        RuleLimit::DaysOffPerWeek => "days off per week",
        RuleLimit::WorkerDailyHours => "own daily hours",
        RuleLimit::WorkerWeeklyHours => "own weekly hours",
    };
    match &c.worker {
        Some(w) => format!("{w}'s {what} {} → {}", hours(c.from), hours(c.to)),
        None => format!(
            "{what} {} → {}, beyond `{}`",
            hours(c.from),
            hours(c.to),
            c.preset
        ),
    }
}

/// The limits a remedy changes, worker caps summarised.
fn rule_changes_words(m: &Remedy) -> String {
    let mut parts: Vec<String> = m
        .rule_changes
        .iter()
        .filter(|c| c.worker.is_none())
        .map(describe_rule_change)
        .collect();
    let own: Vec<&RuleChange> = m
        .rule_changes
        .iter()
        .filter(|c| c.worker.is_some())
        .collect();
    match own.as_slice() {
        [] => {}
        [one] => parts.push(describe_rule_change(one)),
        many => parts.push(format!("{} workers' own daily or weekly caps", many.len())),
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
    let mut out = String::new();
    for s in &d.shortfalls {
        let when = match s.kind {
            TargetKind::OnDate => format!("on {}", s.date.format("%a %d %b")),
            TargetKind::ByDate => format!("by {}", s.date.format("%a %d %b")),
            TargetKind::MadeOnDate => format!("made on {}", s.date.format("%a %d %b")),
        };
        let u = crate::text::units;
        let _ = writeln!(
            out,
            "Target {} (line {}, {when}): {} of {} units credited, {} short; the line finished {} that day{}.",
            s.target,
            s.line,
            u(s.credited_units),
            u(s.target_units),
            u(s.shortfall_units),
            u(s.finished_on_date_units),
            match s.kind {
                TargetKind::OnDate if s.credited_units > s.finished_on_date_units + EPS => format!(
                    " (at least {} credited from stock finished earlier)",
                    u(s.credited_units - s.finished_on_date_units)
                ),
                TargetKind::ByDate if s.credited_units > s.finished_on_date_units + EPS => format!(
                    " ({} finished on earlier dates)",
                    u(s.credited_units - s.finished_on_date_units)
                ),
                _ => String::new(),
            }
        );
        for l in &s.limits {
            match &l.station {
                Some(st) => {
                    let _ = writeln!(
                        out,
                        "  - {} units: {st} had no more capacity ({} units rostered) on {}, because",
                        crate::text::units(l.units),
                        crate::text::units(l.capacity_units),
                        dates(&l.dates)
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "  - {:.1} units: the line could not produce, because",
                        l.units
                    );
                }
            }
            for c in &l.causes {
                let _ = writeln!(out, "      · {}", describe_cause(c));
            }
        }
    }
    for g in &d.contract_gaps {
        let _ = writeln!(
            out,
            "{} got {:.1} of {:.1} contracted hours ({} – {}), because",
            g.worker, g.rostered_hours, g.contracted_hours, g.from, g.to
        );
        for c in &g.causes {
            let _ = writeln!(out, "      · {}", describe_cause(c));
        }
    }
    for c in &d.conflicts {
        let _ = writeln!(out, "Conflict: {}.", describe_conflict(c));
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
    let mut out = String::new();
    if r.remedies.is_empty() && r.rule_changes.is_empty() {
        let _ = writeln!(
            out,
            "Remedies: no change tried ({} re-solved) adds finished units.",
            r.evaluated
        );
        return out;
    }
    let line = |i: usize, m: &Remedy| {
        format!(
            "  {}. {}: +{} target units finished, wages {:+.2}, total cost incl. penalties {:+.2}",
            i + 1,
            describe_remedy(&m.kind),
            crate::text::units(m.gain_units),
            m.wage_change,
            m.objective_change
        )
    };
    if r.remedies.is_empty() {
        let _ = writeln!(
            out,
            "Remedies within the rules in force: none of the {} changes re-solved adds finished units.",
            r.evaluated
        );
    } else {
        let _ = writeln!(
            out,
            "Remedies within the rules in force ({} changes re-solved in {:.1} s; baseline {} units short), \
             best first:",
            r.evaluated,
            r.seconds,
            crate::text::units(r.baseline_shortfall_units)
        );
        for (i, m) in r.remedies.iter().take(top).enumerate() {
            let _ = writeln!(out, "{}", line(i, m));
        }
    }
    if !r.rule_changes.is_empty() {
        let _ = writeln!(
            out,
            "Changes to the rules (beyond the limits in force; ranked apart):"
        );
        for (i, m) in r.rule_changes.iter().take(top).enumerate() {
            let _ = writeln!(out, "{} — needs {}", line(i, m), rule_changes_words(m));
        }
    }
    if !r.not_helpful.is_empty() {
        let tried: Vec<String> = r
            .not_helpful
            .iter()
            .map(|m| {
                if m.rule_changes.is_empty() {
                    describe_remedy(&m.kind)
                } else {
                    format!(
                        "{} (needs {})",
                        describe_remedy(&m.kind),
                        rule_changes_words(m)
                    )
                }
            })
            .collect();
        let _ = writeln!(out, "  Re-solved without gain: {}.", tried.join("; "));
    }
    out
}
