//! Output targets.

use super::*;

pub(super) fn targets(s: &Scenario, c: &mut Collector) {
    let line_ids: HashSet<&str> = s.lines.iter().map(|x| x.id.as_str()).collect();
    for t in &s.targets {
        let ent = format!("target `{}`", t.id);
        if !line_ids.contains(t.line.as_str()) {
            c.push(
                IssueCode::DanglingReference,
                ent.clone(),
                format!("it is for line `{}`, which is not defined", t.line),
                "fix the line id or define the line",
            );
        }
        if s.horizon.index_of(t.date).is_none() && s.horizon.end >= s.horizon.start {
            c.push(
                IssueCode::TargetOutsideHorizon,
                ent.clone(),
                format!(
                    "its date {} is outside the horizon {} to {}",
                    t.date, s.horizon.start, s.horizon.end
                ),
                "move the target into the horizon or widen the horizon",
            );
        }
        c.non_negative(&ent, "units", t.units);
        if let Some(p) = t.shortfall_penalty {
            c.non_negative(&ent, "shortfall_penalty", p);
        }
    }
}
