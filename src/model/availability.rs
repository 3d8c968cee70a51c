//! Availability: a worker's caregiving windows, leave and absences expanded
//! into intervals of minutes (docs/semantics.md, "Caregiving windows").

use chrono::Datelike;

use super::{time_minute_of_day, Applies, CareWindow, Scenario, Worker, MINUTES_PER_DAY};

/// Caregiving intervals of a worker, in minutes from the horizon start,
/// covering the day before the horizon to the day after it.
pub(crate) fn care_intervals(s: &Scenario, w: &Worker) -> Vec<(i64, i64)> {
    let n = s.horizon.len() as i64;
    let mut out = Vec::new();
    for i in -1..=n {
        let Some(date) = s
            .horizon
            .start
            .checked_add_signed(chrono::Duration::days(i))
        else {
            continue;
        };
        let day0 = i * MINUTES_PER_DAY;
        for win in &w.unavailable {
            match win {
                CareWindow::Weekly {
                    days,
                    from,
                    to,
                    overnight,
                    applies,
                    ..
                } => {
                    if !days.contains(&date.weekday()) {
                        continue;
                    }
                    let school = s.calendar.is_school_day(date);
                    let applies_here = match applies {
                        Applies::AllDays => true,
                        Applies::SchoolDays => school,
                        Applies::NonSchoolDays => !school,
                    };
                    if !applies_here {
                        continue;
                    }
                    let a = time_minute_of_day(*from);
                    let mut b = time_minute_of_day(*to);
                    if b <= a && *overnight {
                        b += MINUTES_PER_DAY;
                    }
                    if b > a {
                        out.push((day0 + a, day0 + b));
                    }
                }
                CareWindow::Leave { from, to, .. } => {
                    if *from <= date && date <= *to {
                        out.push((day0, day0 + MINUTES_PER_DAY));
                    }
                }
                CareWindow::Absence { date: d, .. } => {
                    if *d == date {
                        out.push((day0, day0 + MINUTES_PER_DAY));
                    }
                }
            }
        }
    }
    out
}
