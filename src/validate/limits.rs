//! Size limits: what keeps memory, time and messages bounded.

use super::*;

/// Sizes, ids, names and the years of every date: what keeps memory, time
/// and messages bounded (DESIGN.md, "Validation limits").
pub(super) fn limits(s: &Scenario, c: &mut Collector) {
    c.count("workers", s.workers.len(), MAX_WORKERS);
    let stations: usize = s.lines.iter().map(|l| l.stations.len()).sum();
    for (what, n) in [
        ("shifts", s.shifts.len()),
        ("lines", s.lines.len()),
        ("stations", stations),
        ("targets", s.targets.len()),
        ("cover requirements", s.cover.len()),
        ("requests", s.requests.len()),
        ("forbidden successions", s.forbidden_successions.len()),
        ("delivery rounds", s.delivery_rounds.len()),
    ] {
        c.count(what, n, MAX_ENTITIES);
    }
    c.name("scenario", &s.name);
    for sh in &s.shifts {
        c.id("shift", sh.id.as_str());
        c.name(&format!("shift `{}`", sh.id), &sh.name);
    }
    for l in &s.lines {
        c.id("line", l.id.as_str());
        c.name(&format!("line `{}`", l.id), &l.name);
        for st in &l.stations {
            c.id("station", st.id.as_str());
            c.id("skill", st.skill.as_str());
            c.name(&format!("station `{}`", st.id), &st.name);
        }
    }
    for t in &s.targets {
        c.id("target", t.id.as_str());
        c.date(&format!("target `{}`", t.id), t.date);
    }
    for d in &s.calendar.public_holidays {
        c.date("calendar.public_holidays", *d);
    }
    for r in &s.calendar.school_holidays {
        c.date("calendar.school_holidays", r.from);
        c.date("calendar.school_holidays", r.to);
    }
    for w in &s.workers {
        let ent = format!("worker `{}`", w.id);
        c.id("worker", w.id.as_str());
        c.name(&ent, &w.name);
        for sk in &w.skills {
            c.id("skill", sk.skill.as_str());
        }
        for u in &w.unavailable {
            match u {
                CareWindow::Leave { from, to, .. } => {
                    c.date(&ent, *from);
                    c.date(&ent, *to);
                }
                CareWindow::Absence { date, .. } => c.date(&ent, *date),
                _ => {}
            }
        }
        for d in &w.days_off {
            c.date(&ent, *d);
        }
    }
    for cv in &s.cover {
        c.date("cover", cv.date);
    }
    for r in &s.requests {
        c.date("request", r.date);
    }
    if let Some(h) = &s.history {
        c.date("history", h.from);
        for a in &h.assignments {
            c.date("history", a.date);
        }
    }
    for r in &s.delivery_rounds {
        c.date("delivery round", r.date);
    }
}
