//! Workers: wages, caps, skills, windows.

use super::*;

pub(super) fn workers(s: &Scenario, c: &mut Collector, needed_skills: &[(&str, &str)]) {
    let line_ids: HashSet<&str> = s.lines.iter().map(|x| x.id.as_str()).collect();
    for w in &s.workers {
        let ent = format!("worker `{}`", w.id);
        c.non_negative(&ent, "hourly_wage", w.hourly_wage);
        if let Some(m) = w.overtime_multiplier {
            if !(m.is_finite() && m >= 1.0) {
                c.push(
                    IssueCode::BadNumber,
                    ent.clone(),
                    format!(
                        "overtime_multiplier is {m}; overtime cannot pay less than normal time"
                    ),
                    "give a multiplier of 1.0 or more (1.5 = 150 %)",
                );
            }
        }
        for sk in &w.skills {
            c.within(
                &ent,
                &format!("efficiency for skill `{}`", sk.skill),
                sk.efficiency,
                f64::MIN_POSITIVE,
                MAX_EFFICIENCY,
                "give a factor above 0 (1.0 = standard time, 0.7 = a trainee)",
            );
        }
        let usable = w.skills.iter().any(|sk| {
            needed_skills.iter().any(|(line, skill)| {
                *skill == sk.skill.as_str()
                    && (w.lines.is_empty() || w.lines.iter().any(|l| l.as_str() == *line))
            })
        });
        if !usable {
            c.push(
                IssueCode::NoUsableSkill,
                ent.clone(),
                if w.lines.is_empty() {
                    "none of their skills is needed by any station, so they can never be rostered"
                        .into()
                } else {
                    "none of their skills is needed on the lines they may work on, so they can never be rostered"
                        .into()
                },
                "add a skill a station needs (e.g. the skill of a station they are training for), or allow another line",
            );
        }
        for l in &w.lines {
            if !line_ids.contains(l.as_str()) {
                c.push(
                    IssueCode::DanglingReference,
                    ent.clone(),
                    format!("they may work on line `{l}`, which is not defined"),
                    "fix the line id or remove it from `lines`",
                );
            }
        }
        c.non_negative(&ent, "min_hours_per_week", w.min_hours_per_week);
        if let Some(q) = w.absence_probability {
            c.within(
                &ent,
                "absence_probability",
                q,
                0.0,
                1.0,
                "give a probability between 0 and 1 (0.05 = absent one rostered day in twenty)",
            );
        }
        if let Some(v) = w.max_hours_per_day {
            c.non_negative(&ent, "max_hours_per_day", v);
        }
        let max_week = w
            .max_hours_per_week
            .unwrap_or(f64::INFINITY)
            .min(s.rules.max_hours_per_week);
        if let Some(v) = w.max_hours_per_week {
            c.non_negative(&ent, "max_hours_per_week", v);
        }
        if w.min_hours_per_week > max_week {
            c.push_on(
                &[RuleId::ContractMinimum, RuleId::WeeklyHours],
                IssueCode::ContradictoryLimits,
                ent.clone(),
                format!(
                    "contracted minimum {} h/week is above the most they may work, {} h/week",
                    w.min_hours_per_week, max_week
                ),
                "lower min_hours_per_week or raise max_hours_per_week",
            );
        }
        for win in &w.unavailable {
            match win {
                CareWindow::Weekly {
                    from,
                    to,
                    overnight,
                    ..
                } => {
                    if to <= from && !overnight {
                        c.push(
                            IssueCode::WindowEndsBeforeStart,
                            ent.clone(),
                            format!(
                                "caregiving window {}–{} ends at or before it starts",
                                from.format("%H:%M"),
                                to.format("%H:%M")
                            ),
                            "set \"overnight\": true if it runs past midnight (\"to\": \"00:00\" means until midnight), or fix the times",
                        );
                    }
                }
                CareWindow::Leave { from, to, .. } => {
                    if to < from {
                        c.push(
                            IssueCode::WindowEndsBeforeStart,
                            ent.clone(),
                            format!("leave ends ({to}) before it starts ({from})"),
                            "set `to` on or after `from`",
                        );
                    }
                }
                CareWindow::Absence { .. } => {}
            }
        }
    }
}
