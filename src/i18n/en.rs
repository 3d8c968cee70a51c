//! English: every user-facing sentence, one place.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::{EventWords, Label, Messages};
use crate::diagnose::{
    Cause, Conflict, ContractGap, Limit, Remedy, RemedyKind, RuleChange, RuleId, RuleLimit,
    RuleRef, Shortfall, WindowKind,
};
use crate::model::TargetKind;
use crate::repair::Reason;
use crate::report::{CostBreakdown, GroupSpread, Outcome, Plan, Unmet};
use crate::text::units as u;
use crate::tolerance::EPS;

pub(super) struct En;

fn hours(x: f64) -> String {
    if x.is_finite() {
        crate::text::number((x * 100.0).round() / 100.0)
    } else {
        "no limit".into()
    }
}

fn hours_rule(r: RuleId) -> String {
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

fn strs<T: std::fmt::Display>(xs: &[T]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

impl Messages for En {
    fn label(&self, l: Label) -> &'static str {
        use Label::*;
        match l {
            Worker => "worker",
            Station => "station",
            Line => "line",
            Date => "date",
            Out => "out",
            On => "on",
            Back => "back",
            Hours => "hours",
            Finished => "finished",
            Delivered => "delivered",
            Target => "target",
            TargetDue => "target due",
            Held => "held",
            Bottleneck => "bottleneck",
            BottleneckPeopleUse => "bottleneck (people, use)",
            NothingPlanned => "nothing planned",
            HomeBatches => "Home batches (out on one delivery round, back on the next)",
            OutputPerLineDay => "Output per line and day",
            Targets => "Targets",
            Short => "SHORT",
            FairHours => "Fair hours",
            Group => "group",
            Members => "members",
            HoursMinMeanMax => "hours min / mean / max",
            WeekendsMinMeanMax => "weekends min / mean / max",
            Diagnosis => "Diagnosis",
            DefaultTitle => "flexline roster",
            PeopleRostered => "people rostered",
            Shifts => "shifts",
            PaidHours => "paid hours",
            FinishedUnits => "finished units",
            TargetsMet => "targets met",
            Wages => "wages",
            Cost => "Cost",
            BaseWages => "base wages",
            OvertimePremium => "overtime premium",
            RestDayPremium => "rest-day premium",
            HolidayPremium => "holiday premium",
            WagesTotal => "wages total",
            WeeklyOvertimeHours => "weekly overtime hours",
            TargetUnitsShort => "target units short",
            ShortfallPenalty => "shortfall penalty",
            ContractHoursMissing => "contracted hours not given",
            ContractPenalty => "contract penalty",
            FairnessPenalty => "fair hours penalty",
            Objective => "objective (wages + penalties)",
            NotRostered => "not rostered in this plan",
            Unknown => "unknown",
            GanttHeading => "The week at a glance",
            GanttAria => "Gantt chart of shifts per worker",
            OutputHeading => "Finished output against target",
            OutputLegendFinished => "cumulative finished units",
            OutputLegendTarget => {
                "cumulative target (dashed: units due on each date; diamonds: cumulative milestones)"
            }
            StockHeading => "Stock between stations",
            StockLegend => {
                "Units waiting in front of each station, at the end of every interval it works and at midnight."
            }
            DailyHeading => "Output and bottleneck per day",
            NoTargets => "No output targets.",
            Footer => {
                "This file is the whole report: no scripts, nothing loaded from the network; it prints as it shows."
            }
            CaregivingShaded => "caregiving window (cannot work)",
            RestDay => "rest day",
            PublicHoliday => "public holiday",
        }
    }

    fn day(&self, d: NaiveDate) -> String {
        d.format("%a %d %b").to_string()
    }

    fn day_column(&self, d: NaiveDate) -> String {
        d.format("%a %m-%d").to_string()
    }

    fn weekday(&self, d: NaiveDate) -> String {
        d.format("%a").to_string()
    }

    fn dates(&self, ds: &[NaiveDate]) -> String {
        match ds {
            [] => "no date".into(),
            [d] => self.day(*d),
            _ => {
                let all: Vec<String> = ds.iter().map(|d| d.format("%a %d").to_string()).collect();
                format!("{} {}", all.join(", "), ds[ds.len() - 1].format("%b"))
            }
        }
    }

    fn span(&self, from: &NaiveDateTime, to: &NaiveDateTime) -> String {
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

    fn list(&self, v: &[String]) -> String {
        match v.len() {
            0 => "nobody".into(),
            1 => v[0].clone(),
            n => format!("{} and {}", v[..n - 1].join(", "), v[n - 1]),
        }
    }

    fn target_kind(&self, k: TargetKind) -> &'static str {
        match k {
            TargetKind::OnDate => "OnDate",
            TargetKind::ByDate => "ByDate",
            TargetKind::MadeOnDate => "MadeOnDate",
        }
    }

    fn outcome(&self, o: Outcome) -> &'static str {
        match o {
            Outcome::Optimal => "optimal",
            Outcome::Feasible => "feasible (limit reached before proof)",
            Outcome::NoSolution => "no roster found in time",
        }
    }

    fn cause(&self, c: &Cause) -> String {
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
                self.list(&strs(qualified)),
                self.dates(ds)
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
                format!(
                    "{worker} could not work the line's shifts on {} because of {what}{why}",
                    self.dates(ds)
                )
            }
            Cause::HoursLimit {
                worker,
                rule,
                dates: ds,
            } => format!(
                "{worker} could not take another shift on {}: {}",
                self.dates(ds),
                hours_rule(*rule)
            ),
            Cause::LineNotAllowed { worker, line } => {
                format!("{worker} has the skill but may not work on line {line}")
            }
            Cause::WorkingElsewhere {
                worker,
                station,
                dates: ds,
            } => format!("{worker} was needed at {station} on {}", self.dates(ds)),
            Cause::WorkplacesFull {
                station,
                workplaces,
                dates: ds,
                shifts,
            } => format!(
                "all {workplaces} workplaces at {station} were taken during {} on {}, so nobody more could work {} there",
                if shifts.is_empty() {
                    "the line's shifts".to_owned()
                } else {
                    format!("shift {}", self.list(&strs(shifts)))
                },
                self.dates(ds),
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
                self.dates(ds)
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
                        self.span(a, b)
                    ),
                    None if *upstream_made_units > EPS => format!(
                        "{upstream} made only {} units in that time and no stock was left",
                        u(*upstream_made_units)
                    ),
                    None => format!("{upstream} made nothing then and no stock was left"),
                };
                format!(
                    "{station} ran short of material during {} ({} units of capacity unused) because {why}",
                    self.span(from, to),
                    u(*lost_units)
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
                self.span(from, to),
                u(*lost_units),
                u(*buffer)
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
                self.list(&strs(workers)),
                self.dates(ds)
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
                self.dates(ds)
            ),
            Cause::LineNotRunning { line, dates: ds } => {
                format!("line {line} runs no shift on {}", self.dates(ds))
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

    fn rule_ref(&self, r: &RuleRef) -> String {
        match r {
            RuleRef::ContractMinimum { worker } => format!("{worker}'s contracted minimum hours"),
            RuleRef::CaregivingWindows { worker } => {
                format!("{worker}'s caregiving windows and leave")
            }
            RuleRef::DailyHoursCap { worker } => format!("the daily hours cap for {worker}"),
            RuleRef::WeeklyHoursCap { worker } => format!("the weekly hours cap for {worker}"),
            RuleRef::DaysOff { worker } => format!("the days off {worker} must have"),
            RuleRef::LineRestriction { worker } => format!("the lines {worker} may work on"),
            RuleRef::Skills { worker } => format!("{worker}'s skills"),
            RuleRef::ShiftTemplates { lines } => {
                format!("the shifts line(s) {} run", self.list(&strs(lines)))
            }
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

    fn conflict(&self, c: &Conflict) -> String {
        let rules: Vec<String> = c.rules.iter().map(|r| self.rule_ref(r)).collect();
        let forced = if c.rules.iter().any(|r| matches!(r, RuleRef::Target { .. })) {
            format!("{:.1} units", c.amount)
        } else {
            format!("{:.1} hours", c.amount)
        };
        format!(
            "these rules cannot all hold: {}{} — at least {forced} will be missed; relax one of them",
            self.list(&rules),
            if c.dates.is_empty() {
                String::new()
            } else {
                format!(" ({})", self.dates(&c.dates))
            }
        )
    }

    fn remedy(&self, k: &RemedyKind) -> String {
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

    fn rule_change(&self, c: &RuleChange) -> String {
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

    fn own_caps(&self, n: usize) -> String {
        format!("{n} workers' own daily or weekly caps")
    }

    fn shortfall(&self, s: &Shortfall) -> String {
        let when = match s.kind {
            TargetKind::OnDate => format!("on {}", self.day(s.date)),
            TargetKind::ByDate => format!("by {}", self.day(s.date)),
            TargetKind::MadeOnDate => format!("made on {}", self.day(s.date)),
        };
        format!(
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
        )
    }

    fn limit(&self, l: &Limit) -> String {
        match &l.station {
            Some(st) => format!(
                "{} units: {st} had no more capacity ({} units rostered) on {}, because",
                u(l.units),
                u(l.capacity_units),
                self.dates(&l.dates)
            ),
            None => format!("{:.1} units: the line could not produce, because", l.units),
        }
    }

    fn contract_gap(&self, g: &ContractGap) -> String {
        format!(
            "{} got {:.1} of {:.1} contracted hours ({} – {}), because",
            g.worker, g.rostered_hours, g.contracted_hours, g.from, g.to
        )
    }

    fn conflict_line(&self, text: &str) -> String {
        format!("Conflict: {text}.")
    }

    fn remedies_none(&self, evaluated: usize) -> String {
        format!("Remedies: no change tried ({evaluated} re-solved) adds finished units.")
    }

    fn remedies_none_within_rules(&self, evaluated: usize) -> String {
        format!(
            "Remedies within the rules in force: none of the {evaluated} changes re-solved adds finished units."
        )
    }

    fn remedies_header(&self, evaluated: usize, seconds: f64, short: f64) -> String {
        format!(
            "Remedies within the rules in force ({evaluated} changes re-solved in {seconds:.1} s; baseline {} \
             units short), best first:",
            u(short)
        )
    }

    fn remedy_line(&self, rank: usize, what: &str, m: &Remedy) -> String {
        format!(
            "  {rank}. {what}: +{} target units finished, wages {:+.2}, total cost incl. penalties {:+.2}",
            u(m.gain_units),
            m.wage_change,
            m.objective_change
        )
    }

    fn rule_changes_header(&self) -> &'static str {
        "Changes to the rules (beyond the limits in force; ranked apart):"
    }

    fn needs(&self, line: &str, changes: &str) -> String {
        format!("{line} — needs {changes}")
    }

    fn tried_needs(&self, what: &str, changes: &str) -> String {
        format!("{what} (needs {changes})")
    }

    fn without_gain(&self, tried: &[String]) -> String {
        format!("  Re-solved without gain: {}.", tried.join("; "))
    }

    fn claims_confirmed(&self) -> String {
        "Every claim of the diagnosis re-derived from the scenario and the roster by the independent checker."
            .into()
    }

    fn claims_not_checked(&self, most: usize) -> String {
        format!("Claims not re-derived: the roster has more than {most} assignments.")
    }

    fn claims_failed(&self, n: usize) -> String {
        format!("{n} claims NOT confirmed by the independent checker:")
    }

    fn unmet(&self, un: &Unmet) -> String {
        let when = match un.kind {
            TargetKind::OnDate => format!("on {}", un.date),
            TargetKind::ByDate => format!("by {}", un.date),
            TargetKind::MadeOnDate => format!("made on {}", un.date),
        };
        let mut f = format!(
            "target {} (line {}, {when}): {} of {} units credited, {} short; the line finished {} that day",
            un.target,
            un.line,
            u(un.credited_units),
            u(un.target_units),
            u(un.shortfall_units),
            u(un.finished_on_date_units),
        );
        let stock = un.from_stock_units();
        if stock > EPS {
            match un.kind {
                TargetKind::ByDate => f.push_str(&format!(
                    ", so {} of the credit was finished on earlier dates",
                    u(stock)
                )),
                _ => f.push_str(&format!(
                    ", so at least {} of the credit came from stock finished on earlier dates",
                    u(stock)
                )),
            }
        }
        f.push_str(". Bottleneck per day — ");
        if un.days.is_empty() {
            f.push_str("none");
            return f;
        }
        let days: Vec<String> = un
            .days
            .iter()
            .map(|d| match &d.bottleneck {
                Some(b) => format!(
                    "{}: {b} ({} {}, {} h, capacity {} units; the line finished {})",
                    d.date,
                    d.workers,
                    if d.workers == 1 { "person" } else { "people" },
                    u(d.staffed_hours),
                    u(d.capacity_units),
                    u(d.finished_units)
                ),
                None => format!("{}: nothing planned", d.date),
            })
            .collect();
        f.push_str(&days.join("; "));
        f
    }

    fn repair_reason(&self, r: &Reason) -> String {
        let note = |n: &str| {
            if n.is_empty() {
                String::new()
            } else {
                format!(" ({n})")
            }
        };
        match r {
            Reason::Absent { note: n, from, to } => format!(
                "absent{} {from} to {to}: the published shift is cancelled",
                note(n)
            ),
            Reason::CoversFor {
                absent,
                note: n,
                station,
                date,
            } => format!(
                "covers for {absent}'s absence{} at {station} on {} {date}",
                note(n),
                date.format("%a")
            ),
            Reason::Rebalances { line, absent, date } => format!(
                "rebalances line {line} after {absent}'s absence on {} {date}",
                date.format("%a")
            ),
            Reason::MakesUp { absent, date } => format!(
                "makes up output lost to {}'s absence on {} {date}",
                absent
                    .iter()
                    .map(|w| w.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                date.format("%a")
            ),
            Reason::TargetChanged => "follows the changed output target of its line".into(),
            Reason::Cheaper => {
                "cheaper by more than the change weight (the published roster was not optimal)"
                    .into()
            }
            Reason::KnockOn => {
                "knock-on of the changes on other dates (hours, rest, day-off or run rules), \
                 or output gained worth more than the change weight"
                    .into()
            }
        }
    }

    fn cost_line(&self, c: &CostBreakdown) -> String {
        let mut s = format!(
            "Cost: wages {:.2} (base {:.2}, overtime {:.2}, rest day {:.2}, holiday {:.2}, home {:.2}); \
             shortfall penalty {:.2}; contract penalty {:.2}",
            c.wages_total,
            c.base_wages,
            c.overtime_premium,
            c.rest_day_premium,
            c.holiday_premium,
            c.home_wages,
            c.shortfall_penalty,
            c.contract_penalty,
        );
        if c.fairness_penalty > 0.0 {
            s.push_str(&format!("; fair hours penalty {:.2}", c.fairness_penalty));
        }
        s.push_str(&format!("; total {:.2}", c.objective));
        s
    }

    fn status_line(&self, plan: &Plan, people: usize) -> String {
        let st = &plan.status;
        let outcome = match st.outcome {
            Outcome::Optimal => "optimal",
            Outcome::Feasible => "feasible (limit reached)",
            Outcome::NoSolution => "no solution in time",
        };
        format!(
            "Status: {outcome} ({}), gap {}, bound {}, {} assignments, {people} people; build {:.3} s, \
             solve {:.3} s; verified by the independent checker",
            st.backend,
            st.gap
                .map(|g| format!("{:.4} %", g * 100.0))
                .unwrap_or_else(|| "unknown".into()),
            st.dual_bound
                .map(|b| format!("{b:.2}"))
                .unwrap_or_else(|| "unknown".into()),
            plan.roster.assignments.len(),
            st.build_seconds,
            st.solve_seconds
        )
    }

    fn fairness_row(&self, g: &GroupSpread) -> String {
        format!(
            "{} {} {} / {} / {} h, {} / {} / {} weekends",
            g.members,
            if g.members == 1 { "member" } else { "members" },
            u(g.hours.min),
            u(g.hours.mean),
            u(g.hours.max),
            u(g.weekends.min),
            u(g.weekends.mean),
            u(g.weekends.max)
        )
    }

    fn report_subtitle(
        &self,
        plan: &Plan,
        from: NaiveDate,
        to: NaiveDate,
        days: usize,
        gap: &str,
    ) -> String {
        format!(
            "{from} to {to} ({days} days) · solver: {} ({}), gap {gap}",
            self.outcome(plan.status.outcome),
            plan.status.backend.name()
        )
    }

    fn of(&self, a: &str, b: &str) -> String {
        format!("{a} of {b}")
    }

    fn flexible_ends(&self, times: &str) -> String {
        format!("flexible shift ends ({times})")
    }

    fn line_finished(
        &self,
        units: &str,
        due: Option<&str>,
        milestones: &[(String, NaiveDate)],
    ) -> String {
        let mut s = format!("{units} units finished");
        if let Some(d) = due {
            s.push_str(&format!("; {d} due on dates"));
        }
        for (m, date) in milestones {
            s.push_str(&format!("; {m} by {}", self.day_column(*date)));
        }
        s
    }

    fn bar_title(
        &self,
        who: &str,
        shift: &str,
        start: NaiveDateTime,
        end: NaiveDateTime,
        station: &str,
        line: &str,
        hours: &str,
    ) -> String {
        format!(
            "{who}: {shift} {}–{} at {station} ({line}), {hours} h",
            start.format("%a %m-%d %H:%M"),
            end.format("%H:%M")
        )
    }

    fn chart_aria(&self, line: &str) -> String {
        format!("cumulative output of {line}")
    }

    fn finished_so_far(&self, date: NaiveDate, units: &str) -> String {
        format!("{date}: {units} finished so far")
    }

    fn units_by(&self, units: &str, date: NaiveDate) -> String {
        format!("{units} units by {date}")
    }

    fn all_targets_met(&self, n: usize) -> String {
        format!("All {n} targets are met.")
    }

    fn targets_not_met(&self, unmet: usize, n: usize) -> String {
        format!("{unmet} of {n} targets are not met:")
    }

    fn event_summary(&self, worker: &str, station: &str, shift: &str) -> String {
        format!("{worker}: {station} ({shift})")
    }

    fn event_description(&self, e: &EventWords<'_>) -> String {
        format!(
            "{} ({}) works {}, {}–{}, at station {} ({}) on line {} ({}).\n\
             Paid hours: {}; unpaid break: {} min.\nRoster: {}",
            e.worker,
            e.worker_id,
            e.shift,
            e.start.format("%a %Y-%m-%d %H:%M"),
            e.end.format("%H:%M"),
            e.station,
            e.station_id,
            e.line,
            e.line_id,
            e.paid_hours,
            e.break_minutes,
            e.roster
        )
    }

    fn calendar_of(&self, who: &str, title: &str) -> String {
        format!("Shifts of {who} – {title}")
    }

    fn calendar_all(&self, title: &str) -> String {
        format!("All shifts – {title}")
    }
}
