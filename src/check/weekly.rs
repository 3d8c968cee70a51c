//! Weekly rules: hours, overtime and its cap, consecutive days, days off.

use super::*;

impl<'a> Checker<'a> {
    /// Paid hours and number of assignments per worker per horizon date
    /// (assignments inside the horizon only).
    pub(super) fn grid(&self, resolved: &[Resolved<'a>]) -> Grid {
        let n = self.dates.len();
        let mut grid = Grid {
            hours: vec![vec![0.0; n]; self.s.workers.len()],
            shifts: vec![vec![0; n]; self.s.workers.len()],
        };
        for r in resolved {
            if let Some(day) = r.day {
                grid.hours[r.worker_ix][day] += r.hours;
                grid.shifts[r.worker_ix][day] += 1;
            }
        }
        grid
    }

    /// Weekly overtime hours of one worker in one block: the workday
    /// normal-rate hours beyond the weekly standard.
    pub(super) fn weekly_overtime(&self, hours: &[f64], (a, b): (usize, usize)) -> f64 {
        let rules = &self.s.rules;
        let mut normal = 0.0;
        for (&h, &date) in hours[a..b].iter().zip(&self.dates[a..b]) {
            if pay_kind(&self.s.calendar, date) == Pay::Workday {
                normal += h - (h - rules.standard_hours_per_day).max(0.0);
            }
        }
        (normal - rules.standard_hours_per_week).max(0.0)
    }

    /// Weekly hours, overtime cap, consecutive days, days off.
    pub(super) fn check_weekly_rules(&mut self, grid: &Grid) {
        let s = self.s;
        let rules = &s.rules;
        let blocks = self.blocks();
        let n = self.dates.len();
        let ot_cap = rules.max_overtime_hours_per_month * n as f64 / 30.0;
        for (wi, worker) in s.workers.iter().enumerate() {
            let id = Some(&worker.id);
            let hours = &grid.hours[wi];
            let worked: Vec<bool> = grid.shifts[wi].iter().map(|&c| c > 0).collect();
            let week_cap = worker
                .max_hours_per_week
                .map_or(rules.max_hours_per_week, |m| {
                    m.min(rules.max_hours_per_week)
                });
            let mut overtime = 0.0;
            for &day_hours in hours {
                overtime += (day_hours - rules.standard_hours_per_day).max(0.0);
            }
            for &(a, b) in &blocks {
                let first = self.dates[a];
                let last = self.dates[b - 1];
                let paid: f64 = hours[a..b].iter().sum();
                if paid > week_cap + TOL {
                    self.push(
                        Rule::WeeklyHours,
                        id,
                        Some(first),
                        format!(
                            "{} paid hours from {first} to {last}; at most {}",
                            fmt_h(paid),
                            fmt_h(week_cap)
                        ),
                    );
                }
                overtime += self.weekly_overtime(hours, (a, b));
                let days_worked = worked[a..b].iter().filter(|&&x| x).count();
                let len = b - a;
                // A short block may take its days off outside the horizon.
                let allowed = len.min(7usize.saturating_sub(rules.min_days_off_per_week as usize));
                if days_worked > allowed {
                    self.push(
                        Rule::DaysOff,
                        id,
                        Some(first),
                        format!(
                            "{days_worked} days worked from {first} to {last}; at most {allowed} \
                             (at least {} days off)",
                            rules.min_days_off_per_week
                        ),
                    );
                }
            }
            if overtime > ot_cap + TOL {
                self.push(
                    Rule::OvertimeCap,
                    id,
                    None,
                    format!(
                        "{} overtime hours (daily and weekly) over the horizon; at most {} \
                         ({} a month, pro-rated to {n} days)",
                        fmt_h(overtime),
                        fmt_h(ot_cap),
                        fmt_h(rules.max_overtime_hours_per_month)
                    ),
                );
            }
        }
    }
}
