//! The second, independent derivation of every claim a [`Diagnosis`]
//! makes (DESIGN.md, "Diagnosis and remedies", "Claims checked"). It reads
//! only the scenario and the roster, and asks the independent checker
//! ([`crate::check`]) everything about feasibility and flow: "could have
//! worked" is "the checker accepts the roster with that assignment added",
//! "could not" is "the checker names the rule it breaks", and every figure
//! of the clock is re-read from the checker's own intervals.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Cause, ContractGap, Diagnosis, Limit, Shortfall, WindowKind};
use crate::check::{self, CheckReport, Rule};
use crate::model::{
    CareWindow, Line, Scenario, ShiftTemplate, Station, StationId, Worker, WorkerId,
};
use crate::report::{Assignment, Roster, StationInterval};

/// Tolerance on units and hours.
const TOL: f64 = 1e-6;

/// A claim of a diagnosis that the independent derivation does not confirm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimFailure {
    /// Where the claim was made: the target, or "contract gap of …".
    pub context: String,
    /// The claim, as data (debug form).
    pub claim: String,
    /// What the independent derivation found instead.
    pub why: String,
}

/// Re-derives every claim of `diagnosis` — the figures of each shortfall
/// and limit, and each cause — from `scenario` and `roster` alone, with the
/// independent checker, and returns those that do not hold (empty: every
/// claim confirmed).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/short_week.json"))?;
/// let scenario = flexline::Scenario::from_json_str(&json)?;
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let diagnosis = flexline::diagnose::diagnose(&scenario, &plan);
/// assert_eq!(flexline::diagnose::verify(&scenario, &plan.roster, &diagnosis), vec![]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify(scenario: &Scenario, roster: &Roster, diagnosis: &Diagnosis) -> Vec<ClaimFailure> {
    let v = Verifier::new(scenario, roster);
    let mut out = Vec::new();
    for sf in &diagnosis.shortfalls {
        v.shortfall(sf, &mut out);
    }
    for g in &diagnosis.contract_gaps {
        v.gap(g, &mut out);
    }
    out
}

struct Verifier<'a> {
    s: &'a Scenario,
    roster: &'a Roster,
    base: CheckReport,
    /// The scenario with one more worker who has every skill and no other
    /// rule in the way: adding them shows whether a workplace was free.
    probe: Scenario,
}

const PROBE: &str = "probe (not a worker)";

impl<'a> Verifier<'a> {
    fn new(s: &'a Scenario, roster: &'a Roster) -> Self {
        let mut probe = s.clone();
        let mut skills: Vec<serde_json::Value> = Vec::new();
        for st in s.lines.iter().flat_map(|l| &l.stations) {
            let sk = serde_json::json!({ "skill": st.skill.as_str() });
            if !skills.contains(&sk) {
                skills.push(sk);
            }
        }
        if let Ok(w) = serde_json::from_value::<Worker>(serde_json::json!({
            "id": PROBE, "skills": skills, "hourly_wage": 0.0 }))
        {
            probe.workers.push(w);
        }
        Verifier {
            s,
            roster,
            base: check::check(s, roster),
            probe,
        }
    }

    fn station(&self, id: &StationId) -> Option<(&'a Line, &'a Station, usize)> {
        self.s.lines.iter().find_map(|l| {
            l.stations
                .iter()
                .position(|st| &st.id == id)
                .map(|i| (l, &l.stations[i], i))
        })
    }

    fn shifts_on(&self, line: &'a Line, date: NaiveDate) -> Vec<&'a ShiftTemplate> {
        line.shifts
            .iter()
            .filter_map(|id| self.s.shift(id))
            .filter(|sh| sh.days.contains(&date.weekday()))
            .collect()
    }

    fn assignment(
        worker: &WorkerId,
        date: NaiveDate,
        sh: &ShiftTemplate,
        line: &Line,
        st: &Station,
    ) -> Assignment {
        let start = date.and_time(sh.start);
        Assignment {
            worker: worker.clone(),
            date,
            shift: sh.id.clone(),
            line: line.id.clone(),
            station: st.id.clone(),
            start,
            end: start + Duration::minutes(sh.duration_minutes()),
            paid_hours: sh.paid_minutes() as f64 / 60.0,
        }
    }

    /// The rules the roster breaks with `worker` added on `sh` at `st`.
    fn added(
        &self,
        worker: &WorkerId,
        date: NaiveDate,
        sh: &ShiftTemplate,
        line: &Line,
        st: &Station,
    ) -> Vec<Rule> {
        let mut r = self.roster.clone();
        r.assignments
            .push(Self::assignment(worker, date, sh, line, st));
        check::check(self.s, &r)
            .violations
            .into_iter()
            .filter(|v| !self.base.violations.contains(v))
            .map(|v| v.rule)
            .collect()
    }

    fn rostered(&self, worker: &WorkerId, date: NaiveDate) -> bool {
        self.roster
            .assignments
            .iter()
            .any(|a| &a.worker == worker && a.date == date)
    }

    /// Could `worker` have worked some shift of `line` at `st` on `date`?
    fn can_add(&self, worker: &WorkerId, date: NaiveDate, line: &Line, st: &Station) -> bool {
        !self.rostered(worker, date)
            && self
                .shifts_on(line, date)
                .iter()
                .any(|sh| self.added(worker, date, sh, line, st).is_empty())
    }

    /// Every shift of `line` on `date` breaks a rule when `worker` is added
    /// at `st`, and at least one breaks one of `rules`.
    fn blocked_by(
        &self,
        worker: &WorkerId,
        date: NaiveDate,
        line: &Line,
        st: &Station,
        rules: &[Rule],
    ) -> Result<(), String> {
        if self.rostered(worker, date) {
            return Err(format!("{worker} is rostered on {date}"));
        }
        let mut named = false;
        for sh in self.shifts_on(line, date) {
            let broken = self.added(worker, date, sh, line, st);
            if broken.is_empty() {
                return Err(format!(
                    "{worker} could work {} at {} on {date}",
                    sh.id, st.id
                ));
            }
            named |= broken.iter().any(|r| rules.contains(r));
        }
        if named {
            Ok(())
        } else {
            Err(format!(
                "no shift of {} on {date} breaks {rules:?} for {worker}",
                line.id
            ))
        }
    }

    /// Is every workplace of `st` taken at some moment of `sh` on `date`?
    fn full(&self, date: NaiveDate, sh: &ShiftTemplate, line: &Line, st: &Station) -> bool {
        let mut r = self.roster.clone();
        r.assignments
            .push(Self::assignment(&PROBE.into(), date, sh, line, st));
        check::check(&self.probe, &r)
            .violations
            .iter()
            .any(|v| v.rule == Rule::Workplaces && !self.base.violations.contains(v))
    }

    fn rows(&self, st: &StationId) -> Vec<&StationInterval> {
        self.base
            .throughput
            .intervals
            .iter()
            .filter(|iv| &iv.station == st)
            .collect()
    }

    fn shortfall(&self, sf: &Shortfall, out: &mut Vec<ClaimFailure>) {
        let ctx = format!("target {}", sf.target);
        let mut fail = |claim: String, why: String| {
            out.push(ClaimFailure {
                context: ctx.clone(),
                claim,
                why,
            })
        };
        let Some(t) = self
            .base
            .throughput
            .targets
            .iter()
            .find(|t| t.target == sf.target)
        else {
            fail(format!("{:?}", sf.target), "no such target".into());
            return;
        };
        for (what, claimed, derived) in [
            ("target units", sf.target_units, t.target_units),
            ("credited units", sf.credited_units, t.finished_units),
            ("shortfall units", sf.shortfall_units, t.shortfall_units),
            (
                "finished on the date",
                sf.finished_on_date_units,
                self.base
                    .throughput
                    .lines
                    .iter()
                    .filter(|l| l.line == sf.line && l.date == sf.date)
                    .map(|l| l.finished_units)
                    .sum(),
            ),
            (
                "units attributed",
                sf.limits.iter().map(|l| l.units).sum(),
                t.shortfall_units,
            ),
        ] {
            if !close(claimed, derived) {
                fail(
                    format!("{what} = {claimed}"),
                    format!("the checker gives {derived}"),
                );
            }
        }
        let penalty = self
            .s
            .targets
            .iter()
            .find(|x| x.id == sf.target)
            .and_then(|x| x.shortfall_penalty)
            .unwrap_or(self.s.penalties.shortfall_per_unit);
        for l in &sf.limits {
            self.limit(l, penalty, &ctx, out);
        }
    }

    fn limit(&self, l: &Limit, penalty: f64, ctx: &str, out: &mut Vec<ClaimFailure>) {
        let mut fails: Vec<(String, String)> = Vec::new();
        match &l.station {
            None => {
                if !l
                    .causes
                    .iter()
                    .any(|c| matches!(c, Cause::LineNotRunning { .. }))
                {
                    fails.push((
                        "limit without station".into(),
                        "no LineNotRunning cause".into(),
                    ));
                }
            }
            Some(id) => {
                let Some((line, st, pos)) = self.station(id) else {
                    fails.push((format!("station {id}"), "not in the scenario".into()));
                    return self.flush(ctx, fails, out);
                };
                let cap: f64 = self
                    .base
                    .throughput
                    .stations
                    .iter()
                    .filter(|x| &x.station == id && l.dates.contains(&x.date))
                    .map(|x| x.capacity_units)
                    .sum();
                if !close(cap, l.capacity_units) {
                    fails.push((
                        format!("{id}: {} units of capacity rostered", l.capacity_units),
                        format!("the checker gives {cap}"),
                    ));
                }
                for c in &l.causes {
                    if let Err(why) = self.cause(c, Some((line, st, pos)), penalty) {
                        fails.push((format!("{c:?}"), why));
                    }
                }
            }
        }
        if l.station.is_none() {
            for c in &l.causes {
                if let Err(why) = self.cause(c, None, penalty) {
                    fails.push((format!("{c:?}"), why));
                }
            }
        }
        self.flush(ctx, fails, out);
    }

    fn flush(&self, ctx: &str, fails: Vec<(String, String)>, out: &mut Vec<ClaimFailure>) {
        out.extend(fails.into_iter().map(|(claim, why)| ClaimFailure {
            context: ctx.to_owned(),
            claim,
            why,
        }));
    }

    fn gap(&self, g: &ContractGap, out: &mut Vec<ClaimFailure>) {
        let ctx = format!("contract gap of {}", g.worker);
        let mut fails: Vec<(String, String)> = Vec::new();
        let Some(worker) = self.s.worker(&g.worker) else {
            fails.push((ctx.clone(), "no such worker".into()));
            return self.flush(&ctx, fails, out);
        };
        let rostered: f64 = self
            .roster
            .assignments
            .iter()
            .filter(|a| a.worker == g.worker && g.from <= a.date && a.date <= g.to)
            .map(|a| a.paid_hours)
            .sum();
        if !close(rostered, g.rostered_hours) {
            fails.push((
                format!("rostered hours = {}", g.rostered_hours),
                format!("the roster gives {rostered}"),
            ));
        }
        let days = (g.to - g.from).num_days() as f64 + 1.0;
        let contracted = worker.min_hours_per_week * days / 7.0;
        if !close(contracted, g.contracted_hours) {
            fails.push((
                format!("contracted hours = {}", g.contracted_hours),
                format!("the contract gives {contracted}"),
            ));
        }
        for c in &g.causes {
            if let Err(why) = self.gap_cause(worker, c) {
                fails.push((format!("{c:?}"), why));
            }
        }
        self.flush(&ctx, fails, out);
    }

    /// The stations `worker` has the skill for, with their lines.
    fn stations_of(&self, worker: &Worker) -> Vec<(&'a Line, &'a Station)> {
        self.s
            .lines
            .iter()
            .flat_map(|l| l.stations.iter().map(move |st| (l, st)))
            .filter(|(_, st)| worker.efficiency(&st.skill).is_some())
            .collect()
    }

    fn gap_cause(&self, worker: &Worker, c: &Cause) -> Result<(), String> {
        let any = |date: NaiveDate, rules: &[Rule]| {
            !self.rostered(&worker.id, date)
                && self.stations_of(worker).iter().any(|(l, st)| {
                    self.shifts_on(l, date).iter().any(|sh| {
                        self.added(&worker.id, date, sh, l, st)
                            .iter()
                            .any(|r| rules.contains(r))
                    })
                })
        };
        match c {
            Cause::CaregivingWindow {
                dates,
                window,
                reason,
                ..
            } => {
                has_window(worker, *window, reason)?;
                for &d in dates {
                    if !any(d, &[Rule::CaregivingWindow]) {
                        return Err(format!("no window keeps {} from a shift on {d}", worker.id));
                    }
                }
                Ok(())
            }
            Cause::HoursLimit { rule, dates, .. } => {
                for &d in dates {
                    if !any(d, checker_rules(rule)) {
                        return Err(format!("{rule:?} keeps {} from no shift on {d}", worker.id));
                    }
                }
                Ok(())
            }
            Cause::WorkplacesFull { .. } => self.cause(c, None, 0.0),
            Cause::NotRostered { station, dates, .. } => {
                let mut at_station = false;
                for &d in dates {
                    let mut free = false;
                    for (l, st) in self.stations_of(worker) {
                        if self.can_add(&worker.id, d, l, st) {
                            free = true;
                            at_station |= &st.id == station;
                        }
                    }
                    if !free {
                        return Err(format!("{} could not be added on {d}", worker.id));
                    }
                }
                if at_station {
                    Ok(())
                } else {
                    Err(format!("{} could not be added at {station}", worker.id))
                }
            }
            Cause::ContractUnreachable {
                max_hours,
                contracted_hours,
                ..
            } => {
                if *max_hours < *contracted_hours + TOL {
                    Ok(())
                } else {
                    Err(format!(
                        "{max_hours} h reach the {contracted_hours} contracted"
                    ))
                }
            }
            other => Err(format!("not a contract-gap cause: {other:?}")),
        }
    }

    /// One cause of a limit at `at` (line, station, position), or of no station.
    fn cause(
        &self,
        c: &Cause,
        at: Option<(&'a Line, &'a Station, usize)>,
        penalty: f64,
    ) -> Result<(), String> {
        let need = || at.ok_or_else(|| "a station cause without a station".to_owned());
        match c {
            Cause::NoQualifiedWorker { station, skill } => {
                let (_, st, _) = need()?;
                if &st.id != station || &st.skill != skill {
                    return Err("another station or skill".into());
                }
                match self
                    .s
                    .workers
                    .iter()
                    .find(|w| w.efficiency(skill).is_some())
                {
                    Some(w) => Err(format!("{} has the skill", w.id)),
                    None => Ok(()),
                }
            }
            Cause::SkillShortage {
                skill,
                qualified,
                dates,
                ..
            } => {
                let (line, st, _) = need()?;
                let all: Vec<&WorkerId> = self
                    .s
                    .workers
                    .iter()
                    .filter(|w| w.efficiency(skill).is_some())
                    .map(|w| &w.id)
                    .collect();
                if all != qualified.iter().collect::<Vec<_>>() {
                    return Err(format!("those with the skill are {all:?}"));
                }
                for &d in dates {
                    for w in qualified {
                        if self.can_add(w, d, line, st) {
                            return Err(format!("{w} could have worked at {} on {d}", st.id));
                        }
                    }
                }
                Ok(())
            }
            Cause::CaregivingWindow {
                worker,
                window,
                reason,
                dates,
            } => {
                let (line, st, _) = need()?;
                let w = self.s.worker(worker).ok_or("no such worker")?;
                has_window(w, *window, reason)?;
                for &d in dates {
                    self.blocked_by(worker, d, line, st, &[Rule::CaregivingWindow])?;
                }
                Ok(())
            }
            Cause::HoursLimit {
                worker,
                rule,
                dates,
            } => {
                let (line, st, _) = need()?;
                for &d in dates {
                    self.blocked_by(worker, d, line, st, checker_rules(rule))?;
                }
                Ok(())
            }
            Cause::LineNotAllowed { worker, line } => {
                let w = self.s.worker(worker).ok_or("no such worker")?;
                if w.lines.is_empty() || w.lines.contains(line) {
                    Err(format!("{worker} may work on {line}"))
                } else {
                    Ok(())
                }
            }
            Cause::WorkingElsewhere {
                worker,
                station,
                dates,
            } => {
                for &d in dates {
                    if !self
                        .roster
                        .assignments
                        .iter()
                        .any(|a| &a.worker == worker && &a.station == station && a.date == d)
                    {
                        return Err(format!("{worker} is not at {station} on {d}"));
                    }
                }
                Ok(())
            }
            Cause::WorkplacesFull {
                station,
                workplaces,
                dates,
                shifts,
            } => {
                let (line, st, _) = self.station(station).ok_or("no such station")?;
                if st.workplaces != *workplaces {
                    return Err(format!("{station} has {} workplaces", st.workplaces));
                }
                for &d in dates {
                    let running = self.shifts_on(line, d);
                    for sh in running
                        .iter()
                        .filter(|sh| shifts.is_empty() || shifts.contains(&sh.id))
                    {
                        if !self.full(d, sh, line, st) {
                            return Err(format!(
                                "a workplace at {station} was free during {} on {d}",
                                sh.id
                            ));
                        }
                    }
                    if shifts
                        .iter()
                        .any(|id| !running.iter().any(|sh| &sh.id == id))
                    {
                        return Err(format!("a listed shift does not run on {} on {d}", line.id));
                    }
                }
                Ok(())
            }
            Cause::UpstreamStock {
                upstream,
                downstream,
                initial_stock,
                dates,
            } => {
                let (line, st, pos) = self.station(downstream).ok_or("no such station")?;
                if pos == 0 || &line.stations[pos - 1].id != upstream {
                    return Err(format!("{upstream} is not just before {downstream}"));
                }
                if !close(st.initial_stock, *initial_stock) {
                    return Err(format!("{downstream} starts with {}", st.initial_stock));
                }
                for &d in dates {
                    let day = self
                        .base
                        .throughput
                        .stations
                        .iter()
                        .find(|x| &x.station == downstream && x.date == d)
                        .ok_or("no station day")?;
                    if day.produced_units >= day.capacity_units - TOL {
                        return Err(format!("{downstream} used all its capacity on {d}"));
                    }
                }
                Ok(())
            }
            Cause::Starved {
                station,
                upstream,
                from,
                to,
                lost_units,
                upstream_made_units,
                upstream_last_worked,
            } => {
                let (line, _, pos) = self.station(station).ok_or("no such station")?;
                if pos == 0 || &line.stations[pos - 1].id != upstream {
                    return Err(format!("{upstream} is not just before {station}"));
                }
                let rows = self.span_rows(station, from, to)?;
                let mut lost = 0.0;
                for iv in &rows {
                    if iv.stock_end > TOL || iv.produced_units >= iv.capacity_units - TOL {
                        return Err(format!("{station} had material at {}", iv.start));
                    }
                    lost += iv.capacity_units - iv.produced_units;
                }
                if !close(lost, *lost_units) {
                    return Err(format!("{lost} units of capacity unused"));
                }
                let up = self.rows(upstream);
                let made: f64 = up
                    .iter()
                    .filter(|iv| iv.start < *to && *from < iv.end)
                    .map(|iv| iv.produced_units)
                    .sum();
                if !close(made, *upstream_made_units) {
                    return Err(format!("{upstream} made {made}"));
                }
                if let Some((a, b)) = upstream_last_worked {
                    if made > TOL || up.iter().any(|iv| iv.start < *from && *b < iv.end) {
                        return Err(format!("{upstream} worked after {b}"));
                    }
                    if !up.iter().any(|iv| iv.start == *a) || !up.iter().any(|iv| iv.end == *b) {
                        return Err(format!("{upstream} did not work {a}–{b}"));
                    }
                }
                Ok(())
            }
            Cause::Blocked {
                station,
                downstream,
                buffer,
                from,
                to,
                lost_units,
            } => {
                let (line, down, pos) = self.station(downstream).ok_or("no such station")?;
                if pos == 0 || &line.stations[pos - 1].id != station {
                    return Err(format!("{station} is not just before {downstream}"));
                }
                if down.buffer_capacity.is_none_or(|b| !close(b, *buffer)) {
                    return Err(format!(
                        "{downstream}'s buffer is {:?}",
                        down.buffer_capacity
                    ));
                }
                let rows = self.span_rows(station, from, to)?;
                let down_rows = self.rows(downstream);
                let mut lost = 0.0;
                for iv in &rows {
                    let stock = down_rows
                        .iter()
                        .rev()
                        .find(|x| x.end <= iv.end)
                        .map_or(down.initial_stock, |x| x.stock_end);
                    if stock < buffer - TOL {
                        return Err(format!("the buffer was not full at {}", iv.end));
                    }
                    lost += iv.capacity_units - iv.produced_units;
                }
                if !close(lost, *lost_units) {
                    return Err(format!("{lost} units of capacity unused"));
                }
                Ok(())
            }
            Cause::UnusedWorkers {
                workers,
                dates,
                penalty_per_unit,
                ..
            } => {
                let (line, st, _) = need()?;
                if !close(*penalty_per_unit, penalty) {
                    return Err(format!("the penalty is {penalty}"));
                }
                let mut worker_ok = vec![false; workers.len()];
                for &d in dates {
                    let mut any = false;
                    for (i, w) in workers.iter().enumerate() {
                        if self.can_add(w, d, line, st) {
                            worker_ok[i] = true;
                            any = true;
                        }
                    }
                    if !any {
                        return Err(format!("nobody listed could work at {} on {d}", st.id));
                    }
                }
                match workers.iter().zip(&worker_ok).find(|(_, ok)| !**ok) {
                    Some((w, _)) => Err(format!(
                        "{w} could not work at {} on any of the dates",
                        st.id
                    )),
                    None => Ok(()),
                }
            }
            Cause::LineNotRunning { line, dates } => {
                let l = self
                    .s
                    .lines
                    .iter()
                    .find(|x| &x.id == line)
                    .ok_or("no such line")?;
                match dates.iter().find(|&&d| !self.shifts_on(l, d).is_empty()) {
                    Some(d) => Err(format!("{line} runs a shift on {d}")),
                    None => Ok(()),
                }
            }
            Cause::NotRostered { .. } | Cause::ContractUnreachable { .. } => {
                Err("a contract-gap cause in a limit".into())
            }
        }
    }

    /// The checker's intervals of `st` covering exactly `[from, to)`,
    /// without a gap.
    fn span_rows(
        &self,
        st: &StationId,
        from: &NaiveDateTime,
        to: &NaiveDateTime,
    ) -> Result<Vec<&StationInterval>, String> {
        let rows: Vec<&StationInterval> = self
            .rows(st)
            .into_iter()
            .filter(|iv| *from <= iv.start && iv.end <= *to)
            .collect();
        let contiguous = rows.windows(2).all(|w| w[0].end == w[1].start);
        if rows.first().is_some_and(|r| r.start == *from)
            && rows.last().is_some_and(|r| r.end == *to)
            && contiguous
        {
            Ok(rows)
        } else {
            Err(format!("{st} was not on shift throughout {from}–{to}"))
        }
    }
}

/// The checker rules a `HoursLimit` cause's rule stands for: the
/// diagnosis' `daily_hours` covers both daily caps.
fn checker_rules(r: &Rule) -> &[Rule] {
    match r {
        Rule::DailyHours => &[Rule::DailyHours, Rule::DailyOvertime],
        r => std::slice::from_ref(r),
    }
}

fn has_window(w: &Worker, kind: WindowKind, reason: &str) -> Result<(), String> {
    let found = w.unavailable.iter().any(|win| match (win, kind) {
        (CareWindow::Weekly { reason: r, .. }, WindowKind::Weekly)
        | (CareWindow::Leave { reason: r, .. }, WindowKind::Leave)
        | (CareWindow::Absence { reason: r, .. }, WindowKind::Absence) => r == reason,
        _ => false,
    });
    if found {
        Ok(())
    } else {
        Err(format!("{} has no {kind:?} window \"{reason}\"", w.id))
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL * a.abs().max(b.abs()).max(1.0)
}
