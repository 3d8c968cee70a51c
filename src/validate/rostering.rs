//! The rostering rules' inputs.

use super::*;

/// Cover, requests, successions, history and the per-worker rostering limits.
pub(super) fn rostering_rules(s: &Scenario, c: &mut Collector) {
    let shift_ids: HashSet<&str> = s.shifts.iter().map(|x| x.id.as_str()).collect();
    let worker_ids: HashSet<&str> = s.workers.iter().map(|x| x.id.as_str()).collect();
    let horizon_ok = s.horizon.end >= s.horizon.start;
    let in_horizon = |d: chrono::NaiveDate| !horizon_ok || s.horizon.index_of(d).is_some();
    let outside = |c: &mut Collector, ent: &str, what: &str, d: chrono::NaiveDate| {
        c.push(
            IssueCode::DateOutsideHorizon,
            ent.to_owned(),
            format!(
                "{what} {d} is outside the horizon {} to {}",
                s.horizon.start, s.horizon.end
            ),
            "move it into the horizon or remove it",
        );
    };
    let no_shift = |c: &mut Collector, ent: &str, sh: &str| {
        c.push(
            IssueCode::DanglingReference,
            ent.to_owned(),
            format!("it names shift `{sh}`, which is not defined"),
            "define the shift in `shifts` or fix the id",
        );
    };
    let no_worker = |c: &mut Collector, ent: &str, w: &str| {
        c.push(
            IssueCode::DanglingReference,
            ent.to_owned(),
            format!("it names worker `{w}`, who is not defined"),
            "fix the worker id or add the worker",
        );
    };

    for (i, cv) in s.cover.iter().enumerate() {
        let ent = format!("cover #{} ({} {})", i + 1, cv.date, cv.shift);
        if !shift_ids.contains(cv.shift.as_str()) {
            no_shift(c, &ent, cv.shift.as_str());
        }
        if !in_horizon(cv.date) {
            outside(c, &ent, "its date", cv.date);
        }
        let line = cv
            .line
            .as_ref()
            .map(|l| s.lines.iter().find(|x| &x.id == l));
        if let (Some(l), Some(None)) = (&cv.line, &line) {
            c.push(
                IssueCode::DanglingReference,
                ent.clone(),
                format!("it counts line `{l}`, which is not defined"),
                "fix the line id or leave `line` out",
            );
        }
        if let Some(st) = &cv.station {
            let owner = s
                .lines
                .iter()
                .find(|l| l.stations.iter().any(|x| &x.id == st));
            match (owner, &cv.line) {
                (None, _) => c.push(
                    IssueCode::DanglingReference,
                    ent.clone(),
                    format!("it counts station `{st}`, which is not defined"),
                    "fix the station id or leave `station` out",
                ),
                (Some(o), Some(l)) if &o.id != l => c.push(
                    IssueCode::DanglingReference,
                    ent.clone(),
                    format!("station `{st}` is on line `{}`, not on line `{l}`", o.id),
                    "give the station's own line, or leave `line` out",
                ),
                _ => {}
            }
        }
        c.non_negative(&ent, "under_weight", cv.under_weight);
        c.non_negative(&ent, "over_weight", cv.over_weight);
    }
    let mut seen_cover = HashSet::new();
    for cv in &s.cover {
        let key = (cv.date, &cv.shift, &cv.line, &cv.station);
        if !seen_cover.insert(key) {
            c.push(
                IssueCode::DuplicateId,
                format!("cover on {} for shift `{}`", cv.date, cv.shift),
                "the same date, shift, line and station are covered twice".into(),
                "merge the two requirements into one",
            );
        }
    }

    for (i, r) in s.requests.iter().enumerate() {
        let ent = format!("request #{} (worker `{}`, {})", i + 1, r.worker, r.date);
        if !worker_ids.contains(r.worker.as_str()) {
            no_worker(c, &ent, r.worker.as_str());
        }
        if let Some(sh) = &r.shift {
            if !shift_ids.contains(sh.as_str()) {
                no_shift(c, &ent, sh.as_str());
            }
        }
        if !in_horizon(r.date) {
            outside(c, &ent, "its date", r.date);
        }
        c.non_negative(&ent, "weight", r.weight);
    }

    for sc in &s.forbidden_successions {
        let ent = format!("forbidden succession `{}` → `{}`", sc.first, sc.then);
        for sh in [&sc.first, &sc.then] {
            if !shift_ids.contains(sh.as_str()) {
                no_shift(c, &ent, sh.as_str());
            }
        }
    }

    match (&s.run_borders, &s.history) {
        (crate::model::RunBorders::History, None) => c.push(
            IssueCode::HistoryMismatch,
            "run_borders".into(),
            "run_borders is `history` but no `history` is given".into(),
            "give `history` (the shifts worked before the horizon), or set run_borders to `exempt`",
        ),
        (crate::model::RunBorders::Exempt, Some(_)) => c.push(
            IssueCode::HistoryMismatch,
            "history".into(),
            "`history` is given but run_borders is `exempt`, so it would be ignored".into(),
            "set run_borders to `history`, or remove `history`",
        ),
        _ => {}
    }
    if let Some(h) = &s.history {
        if h.from >= s.horizon.start {
            c.push(
                IssueCode::HistoryMismatch,
                "history".into(),
                format!(
                    "it starts on {}, not before the horizon's first date {}",
                    h.from, s.horizon.start
                ),
                "set `from` to the first known date before the horizon",
            );
        } else if (s.horizon.start - h.from).num_days() > MAX_HORIZON_DAYS as i64 {
            c.push(
                IssueCode::HistoryMismatch,
                "history".into(),
                format!(
                    "it reaches back to {}, more than {MAX_HORIZON_DAYS} days",
                    h.from
                ),
                "give the last few weeks only",
            );
        }
        let mut seen = HashSet::new();
        for a in &h.assignments {
            let ent = format!("history of worker `{}` on {}", a.worker, a.date);
            if !worker_ids.contains(a.worker.as_str()) {
                no_worker(c, &ent, a.worker.as_str());
            }
            if !shift_ids.contains(a.shift.as_str()) {
                no_shift(c, &ent, a.shift.as_str());
            }
            if a.date < h.from || a.date >= s.horizon.start {
                c.push(
                    IssueCode::HistoryMismatch,
                    ent.clone(),
                    format!(
                        "the date is outside the history, {} to the day before {}",
                        h.from, s.horizon.start
                    ),
                    "fix the date, or widen `from`",
                );
            }
            if !seen.insert((&a.worker, a.date)) {
                c.push(
                    IssueCode::HistoryMismatch,
                    ent,
                    "two shifts are given on one date".into(),
                    "keep the one actually worked",
                );
            }
        }
    }

    for w in &s.workers {
        let ent = format!("worker `{}`", w.id);
        for &d in &w.days_off {
            if !in_horizon(d) {
                outside(c, &ent, "the day off", d);
            }
        }
        for sh in w.max_shifts.keys() {
            if !shift_ids.contains(sh.as_str()) {
                c.push(
                    IssueCode::DanglingReference,
                    ent.clone(),
                    format!("max_shifts names shift `{sh}`, which is not defined"),
                    "fix the shift id or remove it from max_shifts",
                );
            }
        }
        if let (Some(lo), Some(hi)) = (w.min_total_minutes, w.max_total_minutes) {
            if lo > hi {
                c.push_on(
                    &[RuleId::TotalMinutes],
                    IssueCode::ContradictoryLimits,
                    ent.clone(),
                    format!("min_total_minutes {lo} is above max_total_minutes {hi}"),
                    "lower the minimum or raise the maximum",
                );
            }
        }
        for (what, v, rule) in [
            (
                "max_consecutive_days",
                w.max_consecutive_days,
                RuleId::ConsecutiveDays,
            ),
            (
                "min_consecutive_days",
                w.min_consecutive_days,
                RuleId::MinConsecutiveDays,
            ),
            (
                "min_consecutive_days_off",
                w.min_consecutive_days_off,
                RuleId::MinConsecutiveDaysOff,
            ),
        ] {
            if v == Some(0) {
                c.push_on(
                    &[rule],
                    IssueCode::ContradictoryLimits,
                    ent.clone(),
                    format!("{what} is 0"),
                    "give 1 or more (1 means no constraint for a minimum), or leave it out",
                );
            }
        }
        let max_run = w
            .max_consecutive_days
            .unwrap_or(u32::MAX)
            .min(s.rules.max_consecutive_days);
        if let Some(lo) = w.min_consecutive_days {
            if lo > max_run {
                c.push_on(
                    &[RuleId::MinConsecutiveDays, RuleId::ConsecutiveDays],
                    IssueCode::ContradictoryLimits,
                    ent.clone(),
                    format!(
                        "min_consecutive_days {lo} is above the most consecutive days allowed, {max_run}"
                    ),
                    "lower min_consecutive_days or raise max_consecutive_days",
                );
            }
        }
    }
}
