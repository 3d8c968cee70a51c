//! Wages, premiums, penalties and holding (docs/semantics.md, "Pay", "Objective").

use super::*;

impl<'a> Checker<'a> {
    /// Wages, premiums and penalties (docs/semantics.md, "Pay" and "Objective").
    pub(super) fn cost(&self, grid: &[Vec<f64>], throughput: &Throughput) -> CostBreakdown {
        let s = self.s;
        let rules = &s.rules;
        let mut c = CostBreakdown::default();
        let blocks = self.blocks();
        for (wi, worker) in s.workers.iter().enumerate() {
            let wage = worker.hourly_wage;
            let m = worker
                .overtime_multiplier
                .unwrap_or(rules.overtime_multiplier);
            let hours = &grid[wi];
            for (day, &h) in hours.iter().enumerate() {
                if h == 0.0 {
                    continue;
                }
                c.base_wages += wage * h;
                match pay_kind(&s.calendar, self.dates[day]) {
                    Pay::Workday => {
                        let ot = (h - rules.standard_hours_per_day).max(0.0);
                        c.overtime_premium += ot * wage * (m - 1.0);
                    }
                    Pay::RestDay => {
                        c.rest_day_premium += wage * h * (rules.rest_day_multiplier - 1.0)
                    }
                    Pay::Holiday => {
                        c.holiday_premium += wage * h * (rules.holiday_multiplier - 1.0)
                    }
                }
            }
            for &(a, b) in &blocks {
                let weekly = self.weekly_overtime(hours, (a, b));
                c.weekly_overtime_hours += weekly;
                c.overtime_premium += weekly * wage * (m - 1.0);
                let paid: f64 = hours[a..b].iter().sum();
                let owed = worker.min_hours_per_week * (b - a) as f64 / 7.0;
                c.contract_hours_missing += (owed - paid).max(0.0);
            }
        }
        c.wages_total = c.base_wages + c.overtime_premium + c.rest_day_premium + c.holiday_premium;
        for (t, result) in s.targets.iter().zip(&throughput.targets) {
            let penalty = t
                .shortfall_penalty
                .unwrap_or(s.penalties.shortfall_per_unit);
            c.shortfall_units += result.shortfall_units;
            c.shortfall_penalty += result.shortfall_units * penalty;
        }
        c.contract_penalty = c.contract_hours_missing * s.penalties.contract_hour;
        // Holding: stock at 24:00 of every date.
        for line in &s.lines {
            let h = line.holding_cost_per_unit_day.unwrap_or(0.0);
            if h > 0.0 {
                for l in throughput.lines.iter().filter(|l| l.line == line.id) {
                    c.holding_cost += h * l.finished_stock_end;
                }
            }
            for st in line.stations.iter().skip(1) {
                let h = st.holding_cost_per_unit_day.unwrap_or(0.0);
                if h > 0.0 {
                    for sd in throughput.stations.iter().filter(|x| x.station == st.id) {
                        c.holding_cost += h * sd.stock_end;
                    }
                }
            }
        }
        c.objective = c.wages_total + c.shortfall_penalty + c.contract_penalty + c.holding_cost;
        c
    }

    /// Fair hours (docs/semantics.md, "Fair hours"): for each rule with two
    /// or more members, Σ |member's total − group mean| for paid hours and
    /// for weekends worked, at the rule's weights. `shifts[w][day]` counts
    /// the worker's shifts on the day, `hours[w][day]` their paid hours.
    pub(super) fn fairness_cost(
        &self,
        shifts: &[Vec<u32>],
        hours: &[Vec<f64>],
        c: &mut CostBreakdown,
    ) {
        use chrono::{Datelike, Weekday};
        let s = self.s;
        for rule in &s.fairness {
            let ids: Vec<usize> = (0..s.workers.len())
                .filter(|&w| match rule.contract {
                    Some(kind) => s.workers[w].contract == kind,
                    None => rule.workers.iter().any(|id| *id == s.workers[w].id),
                })
                .collect();
            if ids.len() < 2 {
                continue;
            }
            let total_hours: Vec<f64> = ids.iter().map(|&w| hours[w].iter().sum()).collect();
            // A weekend is worked when its Saturday or its Sunday is: count
            // each Sunday whose Saturday (inside the horizon) was not worked.
            let total_weekends: Vec<f64> = ids
                .iter()
                .map(|&w| {
                    let mut n = 0.0;
                    for (day, date) in self.dates.iter().enumerate() {
                        let on = shifts[w][day] > 0;
                        match date.weekday() {
                            Weekday::Sat if on => n += 1.0,
                            Weekday::Sun if on => {
                                let sat_worked = day > 0 && shifts[w][day - 1] > 0;
                                if !sat_worked {
                                    n += 1.0;
                                }
                            }
                            _ => {}
                        }
                    }
                    n
                })
                .collect();
            let spread = |xs: &[f64]| -> f64 {
                let mean = xs.iter().sum::<f64>() / xs.len() as f64;
                xs.iter().map(|x| (x - mean).abs()).sum()
            };
            if rule.hours_weight > 0.0 {
                let d = spread(&total_hours);
                c.fair_hours_deviation += d;
                c.fairness_penalty += d * rule.hours_weight;
            }
            if rule.weekends_weight > 0.0 {
                let d = spread(&total_weekends);
                c.fair_weekends_deviation += d;
                c.fairness_penalty += d * rule.weekends_weight;
            }
        }
        c.objective += c.fairness_penalty;
    }
}
