//! Unique ids, and the shift templates.

use super::*;

pub(super) fn ids_and_shifts(s: &Scenario, c: &mut Collector) {
    c.duplicates("shift", s.shifts.iter().map(|x| x.id.as_str()));
    c.duplicates("line", s.lines.iter().map(|x| x.id.as_str()));
    c.duplicates(
        "station",
        s.lines
            .iter()
            .flat_map(|l| l.stations.iter().map(|x| x.id.as_str())),
    );
    c.duplicates("worker", s.workers.iter().map(|x| x.id.as_str()));
    c.duplicates("target", s.targets.iter().map(|x| x.id.as_str()));

    for sh in &s.shifts {
        if sh.paid_minutes() <= 0 {
            c.push(
                IssueCode::NoPaidTime,
                format!("shift `{}`", sh.id),
                format!(
                    "the {}-minute break leaves no paid time in a {}-minute shift",
                    sh.break_minutes,
                    sh.duration_minutes()
                ),
                "shorten the break or lengthen the shift",
            );
        }
    }
}
