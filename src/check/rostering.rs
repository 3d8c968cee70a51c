//! The checker's part for the rostering rules (cover, requests, per-worker
//! limits, runs, weekends, successions, history). Written as plain scans over
//! each worker's sequence of dates; shares no code with the formulation.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::{fmt_h, Checker, Resolved, Rule, TOL};
use crate::model::{RequestKind, RunBorders};
use crate::report::CostBreakdown;

/// One date of a worker's extended sequence: history, then the horizon.
#[derive(Clone, Copy)]
struct Slot<'a> {
    date: NaiveDate,
    /// The shift worked (template id), if any.
    shift: Option<&'a str>,
    /// Start and end in minutes from 00:00 of this date (template times).
    span: Option<(i64, i64)>,
    in_horizon: bool,
}

impl<'a> Checker<'a> {
    /// Every rostering rule of every worker.
    pub(super) fn check_rostering(&mut self, resolved: &[Resolved<'a>]) {
        let s = self.s;
        let use_history = s.run_borders == RunBorders::History;
        for (wi, worker) in s.workers.iter().enumerate() {
            let id = Some(&worker.id);
            let mine: Vec<&Resolved<'a>> = resolved
                .iter()
                .filter(|r| r.worker_ix == wi && r.day.is_some())
                .collect();
            // The extended sequence.
            let mut seq: Vec<Slot<'a>> = Vec::new();
            if let (true, Some(h)) = (use_history, &s.history) {
                let mut d = h.from;
                while d < s.horizon.start {
                    let past = h
                        .assignments
                        .iter()
                        .find(|a| a.worker == worker.id && a.date == d);
                    let tpl = past.and_then(|a| s.shifts.iter().find(|t| t.id == a.shift));
                    seq.push(Slot {
                        date: d,
                        shift: tpl.map(|t| t.id.as_str()),
                        span: tpl.map(|t| {
                            let st = super::minute_of(t.start);
                            (st, st + t.duration_minutes())
                        }),
                        in_horizon: false,
                    });
                    d += Duration::days(1);
                }
            }
            for &date in &self.dates {
                let r = mine.iter().find(|r| r.date == date);
                seq.push(Slot {
                    date,
                    shift: r.map(|r| r.shift.id.as_str()),
                    span: r.map(|r| {
                        let st = super::minute_of(r.shift.start);
                        (st, st + r.shift.duration_minutes())
                    }),
                    in_horizon: true,
                });
            }

            // Fixed days off.
            for r in &mine {
                if worker.days_off.contains(&r.date) {
                    self.push(
                        Rule::FixedDayOff,
                        id,
                        Some(r.date),
                        format!("shift \"{}\" on a fixed day off", r.shift.id),
                    );
                }
            }
            // Shifts per template.
            for (sh, &most) in &worker.max_shifts {
                let n = mine.iter().filter(|r| &r.shift.id == sh).count();
                if n > most as usize {
                    self.push(
                        Rule::ShiftCount,
                        id,
                        None,
                        format!("{n} shifts \"{sh}\" over the horizon; at most {most}"),
                    );
                }
            }
            // Paid minutes over the horizon.
            let minutes: f64 = mine.iter().map(|r| r.hours * 60.0).sum();
            if let Some(hi) = worker.max_total_minutes {
                if minutes > f64::from(hi) + TOL {
                    self.push(
                        Rule::TotalMinutes,
                        id,
                        None,
                        format!(
                            "{} paid minutes over the horizon; at most {hi}",
                            fmt_h(minutes)
                        ),
                    );
                }
            }
            if let Some(lo) = worker.min_total_minutes {
                if minutes < f64::from(lo) - TOL {
                    self.push(
                        Rule::TotalMinutes,
                        id,
                        None,
                        format!(
                            "{} paid minutes over the horizon; at least {lo}",
                            fmt_h(minutes)
                        ),
                    );
                }
            }
            // Forbidden successions, and rest after a shift in the history.
            let min_rest = (s.rules.min_rest_hours * 60.0).ceil() as i64;
            for i in 1..seq.len() {
                let (a, b) = (seq[i - 1], seq[i]);
                if !b.in_horizon {
                    continue;
                }
                if let (Some(x), Some(y)) = (a.shift, b.shift) {
                    if s.forbidden_successions
                        .iter()
                        .any(|f| f.first.as_str() == x && f.then.as_str() == y)
                    {
                        self.push(
                            Rule::ForbiddenSuccession,
                            id,
                            Some(b.date),
                            format!(
                                "shift \"{y}\" on {} right after shift \"{x}\" on {}",
                                b.date, a.date
                            ),
                        );
                    }
                }
                // Rest across the border (inside the horizon, check_min_rest does it).
                for back in 1..=2usize {
                    if i < back {
                        continue;
                    }
                    let a = seq[i - back];
                    if a.in_horizon {
                        continue;
                    }
                    if let (Some((_, end)), Some((start, _))) = (a.span, b.span) {
                        let rest = start + back as i64 * super::DAY_MINUTES - end;
                        if rest < min_rest {
                            self.push(
                                Rule::MinRest,
                                id,
                                Some(b.date),
                                format!(
                                    "{} hours between the shift on {} (history) and the shift on {}; at least {}",
                                    fmt_h(rest as f64 / 60.0),
                                    a.date,
                                    b.date,
                                    fmt_h(s.rules.min_rest_hours)
                                ),
                            );
                        }
                    }
                }
            }
            // Runs: maximal runs of work and of days off in the sequence.
            let max_run = worker
                .max_consecutive_days
                .map_or(s.rules.max_consecutive_days, |m| {
                    m.min(s.rules.max_consecutive_days)
                }) as usize;
            let min_work = worker.min_consecutive_days.unwrap_or(1) as usize;
            let min_off = worker.min_consecutive_days_off.unwrap_or(1) as usize;
            let n = seq.len();
            let mut a = 0;
            while a < n {
                let on = seq[a].shift.is_some();
                let mut b = a;
                while b + 1 < n && seq[b + 1].shift.is_some() == on {
                    b += 1;
                }
                let len = b - a + 1;
                let touches_horizon = seq[b].in_horizon;
                // A history run that ends on the day before the horizon was
                // ended by the horizon's first date: the minimum rules judge it.
                let ended_in_horizon = touches_horizon || (b + 1 < n && seq[b + 1].in_horizon);
                // The first slot may continue a run from before what is known;
                // the last may continue after the horizon.
                let inside = a > 0 && b < n - 1;
                if on && len > max_run && touches_horizon {
                    self.push(
                        Rule::ConsecutiveDays,
                        id,
                        Some(seq[a + max_run].date),
                        format!(
                            "{len} working dates in a row from {} to {}; at most {max_run}",
                            seq[a].date, seq[b].date
                        ),
                    );
                }
                if inside && ended_in_horizon {
                    if on && len < min_work {
                        self.push(
                            Rule::MinConsecutiveDays,
                            id,
                            Some(seq[a].date),
                            format!(
                                "a run of {len} working date(s) from {} to {}; at least {min_work}",
                                seq[a].date, seq[b].date
                            ),
                        );
                    }
                    if !on && len < min_off {
                        self.push(
                            Rule::MinConsecutiveDaysOff,
                            id,
                            Some(seq[a].date),
                            format!(
                                "a run of {len} day(s) off from {} to {}; at least {min_off}",
                                seq[a].date, seq[b].date
                            ),
                        );
                    }
                }
                a = b + 1;
            }
            // Weekends.
            if let Some(most) = worker.max_weekends {
                let mut worked = std::collections::BTreeSet::new();
                for slot in seq.iter().filter(|x| x.in_horizon && x.shift.is_some()) {
                    let sat = match slot.date.weekday() {
                        Weekday::Sat => slot.date,
                        Weekday::Sun => slot.date - Duration::days(1),
                        _ => continue,
                    };
                    worked.insert(sat);
                }
                if worked.len() > most as usize {
                    self.push(
                        Rule::Weekends,
                        id,
                        None,
                        format!("{} weekends worked; at most {most}", worked.len()),
                    );
                }
            }
        }
    }

    /// Cover and request penalties, added to `c` (and its objective).
    pub(super) fn rostering_cost(&self, resolved: &[Resolved<'a>], c: &mut CostBreakdown) {
        let s = self.s;
        let mut at: std::collections::HashMap<(NaiveDate, &str), Vec<&Resolved<'a>>> =
            std::collections::HashMap::new();
        for r in resolved {
            at.entry((r.date, r.shift.id.as_str())).or_default().push(r);
        }
        for cv in &s.cover {
            let staffed = at
                .get(&(cv.date, cv.shift.as_str()))
                .map(|rs| {
                    rs.iter()
                        .filter(|r| {
                            cv.line.as_ref().is_none_or(|l| l == r.line)
                                && cv.station.as_ref().is_none_or(|st| st == &r.station.id)
                        })
                        .map(|r| r.worker_ix)
                        .collect::<std::collections::BTreeSet<_>>()
                        .len()
                })
                .unwrap_or(0) as f64;
            let need = f64::from(cv.required);
            let short = (need - staffed).max(0.0);
            let excess = (staffed - need).max(0.0);
            c.cover_short += short;
            c.cover_short_penalty += short * cv.under_weight;
            c.cover_excess += excess;
            c.cover_excess_penalty += excess * cv.over_weight;
        }
        let mut by_worker_date: std::collections::HashMap<(&str, NaiveDate), Vec<&str>> =
            std::collections::HashMap::new();
        for r in resolved {
            by_worker_date
                .entry((r.worker.id.as_str(), r.date))
                .or_default()
                .push(r.shift.id.as_str());
        }
        for rq in &s.requests {
            let works = by_worker_date
                .get(&(rq.worker.as_str(), rq.date))
                .is_some_and(|shifts| {
                    shifts
                        .iter()
                        .any(|sh| rq.shift.as_ref().is_none_or(|want| want.as_str() == *sh))
                });
            let broken = match rq.kind {
                RequestKind::On => !works,
                RequestKind::Off => works,
            };
            if broken {
                c.requests_broken += 1;
                c.request_penalty += rq.weight;
            }
        }
        c.objective += c.cover_short_penalty + c.cover_excess_penalty + c.request_penalty;
    }
}
