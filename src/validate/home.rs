//! Home work and delivery rounds.

use super::*;

/// Home workers, home-work stations and delivery rounds.
pub(super) fn home_work(s: &Scenario, c: &mut Collector) {
    use crate::model::ContractKind;
    for line in &s.lines {
        for (i, st) in line.stations.iter().enumerate() {
            let ent = format!("station `{}`", st.id);
            if st.home_work && i > 0 {
                c.push(
                    IssueCode::HomeWork,
                    ent.clone(),
                    format!(
                        "allows home work but is not the first station of line `{}`; home work draws raw material",
                        line.id
                    ),
                    "allow home work only at the first station of a line",
                );
            }
            if i == 1 && line.stations[0].home_work && st.buffer_capacity.is_some() {
                c.push(
                    IssueCode::HomeWork,
                    ent,
                    format!(
                        "has a buffer capacity, but home work at `{}` brings its parts back into that buffer in one lot",
                        line.stations[0].id
                    ),
                    "remove the buffer capacity, or home work at the station before it",
                );
            }
        }
    }
    let mut seen = HashSet::new();
    for r in &s.delivery_rounds {
        let ent = format!("delivery round on {}", r.date);
        if s.horizon.index_of(r.date).is_none() {
            c.push(
                IssueCode::DateOutsideHorizon,
                ent.clone(),
                "is dated outside the horizon".into(),
                "date it inside the horizon or remove it",
            );
        }
        if !seen.insert(r.date) {
            c.push(
                IssueCode::HomeWork,
                ent.clone(),
                "is given twice".into(),
                "give one round per date, with the van's whole capacity",
            );
        }
        c.non_negative(&ent, "van_capacity", r.van_capacity);
    }
    let home_workers: Vec<_> = s.workers.iter().filter(|w| w.home.is_some()).collect();
    if !home_workers.is_empty() && seen.len() < 2 {
        c.push(
            IssueCode::HomeWork,
            "delivery_rounds".into(),
            format!(
                "{} home worker(s) but {} delivery round(s); material goes out on one round and comes back on the next",
                home_workers.len(),
                seen.len()
            ),
            "give at least two delivery rounds inside the horizon",
        );
    }
    for w in home_workers {
        let Some(h) = &w.home else { continue };
        let ent = format!("worker `{}`", w.id);
        if w.contract != ContractKind::HomeBased {
            c.push(
                IssueCode::HomeWork,
                ent.clone(),
                "has home availability but a contract other than home_based".into(),
                "set \"contract\": \"home_based\", or remove \"home\" to roster them on site",
            );
        }
        c.within(
            &ent,
            "home hours_per_day",
            h.hours_per_day,
            0.0,
            24.0,
            "give the hours a day they can work at home, between 0 and 24",
        );
        c.within(
            &ent,
            "home efficiency",
            h.efficiency,
            f64::MIN_POSITIVE,
            MAX_EFFICIENCY,
            "give a factor above 0 (1.0 = the skill's efficiency on site)",
        );
        if h.days.is_empty() {
            c.push(
                IssueCode::HomeWork,
                ent.clone(),
                "has no home weekdays, so can never work".into(),
                "list the weekdays they work at home in \"days\"",
            );
        }
        if w.min_hours_per_week > 0.0 || w.min_total_minutes.is_some_and(|m| m > 0) {
            c.push(
                IssueCode::HomeWork,
                ent.clone(),
                "works at home but has contracted minimum hours, which count on-site shifts only"
                    .into(),
                "remove min_hours_per_week and min_total_minutes for home workers",
            );
        }
        let usable = s.lines.iter().any(|line| {
            (w.lines.is_empty() || w.lines.contains(&line.id))
                && line
                    .stations
                    .iter()
                    .any(|st| st.home_work && w.efficiency(&st.skill).is_some())
        });
        if !usable {
            c.push(
                IssueCode::HomeWork,
                ent,
                "works at home, but no station they have the skill for (on the lines they may work on) allows home work".into(),
                "set \"home_work\": true on such a station, or give them the skill of one that allows it",
            );
        }
    }
}
