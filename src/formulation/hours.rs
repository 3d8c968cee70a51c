//! Hours: one shift per day, weekly hours, weekly overtime, the overtime cap
//! and contracted minimum hours (rows 1, 3, 4, 5, 12 of docs/formulation.md).

use good_lp::{constraint, variable};

use super::Formulation;
use crate::prepare::{Prepared, EPS};

pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) {
    let rules = &p.s.rules;
    let cap = p.overtime_cap();
    for (w, worker) in p.s.workers.iter().enumerate() {
        let m = worker
            .overtime_multiplier
            .unwrap_or(rules.overtime_multiplier);
        // 1. one shift per day
        for d in 0..p.dates.len() {
            if f.cands_of(w, d).len() > 1 {
                let e = f.sum(f.cands_of(w, d).iter().map(|&c| (1.0, f.x[c])));
                f.push(constraint!(e <= 1.0));
            }
        }
        let mut weekly_ot_cols = Vec::new();
        let mut any_daily_ot = false;
        let mut max_daily_ot = 0.0;
        for (b, &(a, z)) in p.weeks.iter().enumerate() {
            let cands: Vec<usize> = (a..=z)
                .flat_map(|d| f.cands_of(w, d).iter().copied())
                .collect();
            // The most hours the worker could get in the block (one shift a day).
            let day_max = |key: &dyn Fn(usize) -> f64| -> f64 {
                (a..=z)
                    .map(|d| f.cands_of(w, d).iter().map(|&c| key(c)).fold(0.0, f64::max))
                    .sum()
            };
            let most_hours = day_max(&|c| p.cands[c].hours);
            let most_normal = day_max(&|c| p.cands[c].standard_hours);
            max_daily_ot += day_max(&|c| p.cands[c].daily_overtime_hours);
            any_daily_ot |= cands.iter().any(|&c| p.cands[c].daily_overtime_hours > EPS);
            // 3. weekly hours
            let hmax = p.max_week_hours(w);
            if most_hours > hmax + EPS {
                let e = f.sum(cands.iter().map(|&c| (p.cands[c].hours, f.x[c])));
                f.push(constraint!(e <= hmax));
            }
            // 4. weekly overtime
            if most_normal > rules.standard_hours_per_week + EPS {
                let o = f.add_var(variable().min(0.0), worker.hourly_wage * (m - 1.0), 0.0);
                weekly_ot_cols.push(o);
                let mut e = f.sum(cands.iter().map(|&c| (p.cands[c].standard_hours, f.x[c])));
                e.add_mul(-1.0, f.var(o));
                f.push(constraint!(e <= rules.standard_hours_per_week));
            }
            // 12. contracted minimum hours
            let need = p.min_week_hours(w, b);
            if need > EPS {
                let g = f.add_var(variable().min(0.0), p.s.penalties.contract_hour, need);
                let mut e = f.sum(cands.iter().map(|&c| (p.cands[c].hours, f.x[c])));
                e.add_mul(1.0, f.var(g));
                f.push(constraint!(e >= need));
            }
        }
        // 5. overtime cap over the horizon
        let weekly_room: f64 = weekly_ot_cols.len() as f64 * 7.0 * 24.0;
        if (any_daily_ot || !weekly_ot_cols.is_empty()) && max_daily_ot + weekly_room > cap + EPS {
            let mut e = f.sum(
                (0..p.dates.len())
                    .flat_map(|d| f.cands_of(w, d).iter().copied())
                    .filter(|&c| p.cands[c].daily_overtime_hours > EPS)
                    .map(|c| (p.cands[c].daily_overtime_hours, f.x[c])),
            );
            for &o in &weekly_ot_cols {
                e.add_mul(1.0, f.var(o));
            }
            f.push(constraint!(e <= cap));
        }
    }
}
