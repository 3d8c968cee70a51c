//! Lines and their stations.

use super::*;

/// Returns the (line, skill) pairs the stations need.
pub(super) fn lines<'a>(s: &'a Scenario, c: &mut Collector) -> Vec<(&'a str, &'a str)> {
    let shift_ids: HashSet<&str> = s.shifts.iter().map(|x| x.id.as_str()).collect();
    // Skills needed, per line.
    let mut needed_skills: Vec<(&str, &str)> = Vec::new();
    for line in &s.lines {
        let ent = format!("line `{}`", line.id);
        if line.stations.is_empty() {
            c.push(
                IssueCode::EmptyLine,
                ent.clone(),
                "the line has no stations".into(),
                "list its stations in flow order",
            );
        }
        if line.shifts.is_empty() {
            c.push(
                IssueCode::EmptyLine,
                ent.clone(),
                "the line runs no shift, so nobody can work on it".into(),
                "list the shift templates it runs in `shifts`",
            );
        }
        for sh in &line.shifts {
            if !shift_ids.contains(sh.as_str()) {
                c.push(
                    IssueCode::DanglingReference,
                    ent.clone(),
                    format!("it runs shift `{sh}`, which is not defined"),
                    "define the shift in `shifts` or fix the id",
                );
            }
        }
        if let Some(h) = line.holding_cost_per_unit_day {
            c.non_negative(&ent, "holding_cost_per_unit_day", h);
        }
        if let Some(m) = line.max_finished_stock {
            c.non_negative(&ent, "max_finished_stock", m);
        }
        for st in &line.stations {
            let ent = format!("station `{}`", st.id);
            needed_skills.push((line.id.as_str(), st.skill.as_str()));
            if let Some(h) = st.holding_cost_per_unit_day {
                c.non_negative(&ent, "holding_cost_per_unit_day", h);
            }
            c.within(
                &ent,
                "minutes_per_unit",
                st.minutes_per_unit,
                MIN_MINUTES_PER_UNIT,
                MAX_MAGNITUDE,
                "give the standard minutes of work per unit",
            );
            c.non_negative(&ent, "initial_stock", st.initial_stock);
            if let Some(b) = st.buffer_capacity {
                c.non_negative(&ent, "buffer_capacity", b);
                if b.is_finite() && b >= 0.0 && st.initial_stock > b {
                    c.push(
                        IssueCode::ContradictoryLimits,
                        ent.clone(),
                        format!(
                            "initial_stock {} is above its buffer_capacity {b}",
                            st.initial_stock
                        ),
                        "raise buffer_capacity or lower initial_stock",
                    );
                }
            }
            if st.workplaces > MAX_WORKPLACES {
                c.push(
                    IssueCode::TooManyWorkplaces,
                    ent.clone(),
                    format!(
                        "it has {} workplaces; flexline accepts at most {MAX_WORKPLACES}",
                        st.workplaces
                    ),
                    "give the number of people who can work there at once",
                );
            }
            if st.workplaces == 0 {
                c.push(
                    IssueCode::NoWorkplaces,
                    ent,
                    "it has 0 workplaces, so nobody can ever work there".into(),
                    "set `workplaces` to the number of people who can work there at once",
                );
            }
        }
    }
    needed_skills
}
