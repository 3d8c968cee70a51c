//! Rules within and between dates: one shift a day, daily hours and
//! overtime, minimum rest.

use super::*;

impl<'a> Checker<'a> {
    /// One assignment per worker per date; daily hours and daily overtime
    /// on the worker's total for the date.
    pub(super) fn check_double_booking_and_daily(&mut self, resolved: &[Resolved<'a>]) {
        let rules = &self.s.rules;
        let mut per_day: BTreeMap<(usize, NaiveDate), (usize, f64)> = BTreeMap::new();
        for r in resolved {
            let e = per_day.entry((r.worker_ix, r.date)).or_insert((0, 0.0));
            e.0 += 1;
            e.1 += r.hours;
        }
        for (&(wi, date), &(count, hours)) in &per_day {
            let worker = &self.s.workers[wi];
            let id = Some(&worker.id);
            if count > 1 {
                self.push(
                    Rule::DoubleBooking,
                    id,
                    Some(date),
                    format!("{count} assignments on {date}; at most one per date"),
                );
            }
            let cap = worker
                .max_hours_per_day
                .map_or(rules.max_hours_per_day, |m| m.min(rules.max_hours_per_day));
            if hours > cap + TOL {
                self.push(
                    Rule::DailyHours,
                    id,
                    Some(date),
                    format!(
                        "{} paid hours on {date}; at most {}",
                        fmt_h(hours),
                        fmt_h(cap)
                    ),
                );
            }
            let ot = (hours - rules.standard_hours_per_day).max(0.0);
            if ot > rules.max_overtime_hours_per_day + TOL {
                self.push(
                    Rule::DailyOvertime,
                    id,
                    Some(date),
                    format!(
                        "{} overtime hours on {date}; at most {}",
                        fmt_h(ot),
                        fmt_h(rules.max_overtime_hours_per_day)
                    ),
                );
            }
        }
    }

    /// Rest between the end of a shift and the start of the worker's next
    /// shift on a later date.
    pub(super) fn check_min_rest(&mut self, resolved: &[Resolved<'a>]) {
        let min_rest = self.s.rules.min_rest_hours;
        for wi in 0..self.s.workers.len() {
            let mut mine: Vec<&Resolved<'a>> =
                resolved.iter().filter(|r| r.worker_ix == wi).collect();
            mine.sort_by_key(|r| (r.date, r.start));
            for (i, a) in mine.iter().enumerate() {
                for b in &mine[i + 1..] {
                    if b.date <= a.date {
                        continue;
                    }
                    let rest = (b.start - a.end) as f64 / 60.0;
                    if rest < min_rest - TOL {
                        self.push(
                            Rule::MinRest,
                            Some(&a.worker.id),
                            Some(b.date),
                            format!(
                                "{} hours between shift \"{}\" on {} and shift \"{}\" on {}; at least {}",
                                fmt_h(rest),
                                a.shift.id,
                                a.date,
                                b.shift.id,
                                b.date,
                                fmt_h(min_rest)
                            ),
                        );
                    }
                }
            }
        }
    }
}
