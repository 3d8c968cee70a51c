//! The flow on the clock, the targets' credit and the finished-stock limit,
//! written independently of `crate::clock`.

use super::*;

impl<'a> Checker<'a> {
    /// The flow on the clock per line, then the targets (docs/semantics.md,
    /// "Production on the clock"). Written independently of `crate::clock`: the cuts are
    /// gathered in a sorted set, every assignment is spread over them by
    /// overlapping minutes, and the line is walked cut by cut.
    /// `home_back[line][day]`: home units coming back after the line's first
    /// station, at 00:00 of their date.
    pub(super) fn throughput(
        &self,
        resolved: &[Resolved<'a>],
        home_back: &[Vec<f64>],
    ) -> Throughput {
        let s = self.s;
        let n = self.dates.len();
        let day_len: i64 = 24 * 60;
        let horizon_end = (n as i64 + 1) * day_len;
        // Every midnight, and every template's start and end on every date.
        let mut cuts = std::collections::BTreeSet::new();
        for d in 0..=n as i64 {
            cuts.insert(d * day_len);
            for sh in &s.shifts {
                let st = d * day_len + minute_of(sh.start);
                let mut en = d * day_len + minute_of(sh.end);
                if en <= st {
                    en += day_len;
                }
                for m in [st, en] {
                    if m < horizon_end {
                        cuts.insert(m);
                    }
                }
            }
        }
        cuts.insert(horizon_end);
        let cuts: Vec<i64> = cuts.into_iter().collect();
        let slots = cuts.len() - 1;
        let slot_of: HashMap<i64, usize> = cuts.iter().enumerate().map(|(i, &m)| (m, i)).collect();
        let midnight = self
            .dates
            .first()
            .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default());
        let instant = |m: i64| {
            midnight
                .and_then(|t| t.checked_add_signed(Duration::minutes(m)))
                .unwrap_or_default()
        };
        let mut stations = Vec::new();
        let mut intervals = Vec::new();
        let mut lines = Vec::new();
        // credited[target], filled line by line.
        let mut credited = vec![0.0f64; s.targets.len()];
        for (li, line) in s.lines.iter().enumerate() {
            let k = line.stations.len();
            let mut workers = vec![vec![0u32; n]; k];
            let mut staffed = vec![vec![0.0f64; n]; k];
            let mut capacity = vec![vec![0.0f64; slots]; k];
            for r in resolved.iter().filter(|r| r.line_ix == li) {
                let Some(day) = r.day else { continue };
                workers[r.pos][day] += 1;
                staffed[r.pos][day] += r.hours;
                let eff = r.worker.efficiency(&r.station.skill).unwrap_or(0.0);
                let mpu = r.station.minutes_per_unit;
                if !(mpu > 0.0 && mpu.is_finite()) || r.end <= r.start {
                    continue;
                }
                let units = r.hours * 60.0 * eff / mpu;
                let length = (r.end - r.start) as f64;
                // Walk the cuts the shift spans.
                let Some(mut i) = slot_of.get(&r.start).copied() else {
                    continue;
                };
                while i < slots && cuts[i] < r.end {
                    let overlap = (cuts[i + 1].min(r.end) - cuts[i]) as f64;
                    capacity[r.pos][i] += units * overlap / length;
                    i += 1;
                }
            }
            let mut produced = vec![vec![0.0f64; slots]; k];
            let mut stock_at = vec![vec![0.0f64; slots]; k];
            let mut stock: Vec<f64> = line
                .stations
                .iter()
                .enumerate()
                .map(|(i, st)| if i == 0 { 0.0 } else { st.initial_stock })
                .collect();
            for slot in 0..slots {
                let at_midnight = cuts[slot] % day_len == 0;
                let day = (cuts[slot] / day_len) as usize;
                for i in 0..k {
                    if i == 0 {
                        produced[0][slot] = capacity[0][slot];
                    } else {
                        // Home units of the first station arrive at 00:00.
                        let home = if i == 1 && at_midnight && day < n {
                            home_back[li][day]
                        } else {
                            0.0
                        };
                        let available = stock[i] + produced[i - 1][slot] + home;
                        let p = capacity[i][slot].min(available).max(0.0);
                        produced[i][slot] = p;
                        stock[i] = available - p;
                    }
                }
                // A full buffer blocks the station before it: from the last
                // station upstream, take back what would overfill a buffer.
                for i in (1..k).rev() {
                    let Some(cap) = line.stations[i].buffer_capacity else {
                        continue;
                    };
                    let over = (stock[i] - cap).min(produced[i - 1][slot]);
                    if over > 0.0 {
                        produced[i - 1][slot] -= over;
                        stock[i] -= over;
                        if i > 1 {
                            stock[i - 1] += over;
                        }
                    }
                }
                for i in 0..k {
                    stock_at[i][slot] = stock[i];
                }
            }
            // Per calendar date.
            let mut cap_day = vec![vec![0.0f64; n]; k];
            let mut made_day = vec![vec![0.0f64; n]; k];
            let mut stock_day = vec![vec![0.0f64; n]; k];
            for slot in 0..slots {
                let day = (cuts[slot] / day_len) as usize;
                for i in 0..k {
                    if day < n {
                        cap_day[i][day] += capacity[i][slot];
                        made_day[i][day] += produced[i][slot];
                        stock_day[i][day] = stock_at[i][slot];
                    }
                }
            }
            let finished: Vec<f64> = (0..n)
                .map(|day| match k {
                    0 => 0.0,
                    1 => made_day[0][day] + home_back[li][day],
                    _ => made_day[k - 1][day],
                })
                .collect();
            let delivered_on = self.deliver(&line.id, &finished, &mut credited);

            let mut finished_so_far = 0.0;
            let mut delivered_so_far = 0.0;
            for (day, &date) in self.dates.iter().enumerate() {
                finished_so_far += finished[day];
                delivered_so_far += delivered_on[day];
                let bottleneck = (0..k)
                    .rev()
                    .find(|&i| i == 0 || made_day[i][day] >= cap_day[i][day] - TOL)
                    .filter(|_| (0..k).any(|i| cap_day[i][day] > 0.0))
                    .map(|i| line.stations[i].id.clone());
                let wanted: Vec<f64> = s
                    .targets
                    .iter()
                    .filter(|t| t.line == line.id && t.date == date && t.kind != TargetKind::ByDate)
                    .map(|t| t.units)
                    .collect();
                lines.push(LineDay {
                    line: line.id.clone(),
                    date,
                    finished_units: finished[day],
                    bottleneck,
                    target_units: if wanted.is_empty() {
                        None
                    } else {
                        Some(wanted.iter().sum())
                    },
                    delivered_units: delivered_on[day],
                    finished_stock_end: finished_so_far - delivered_so_far,
                });
            }
            for (i, st) in line.stations.iter().enumerate() {
                for day in 0..n {
                    let cap = cap_day[i][day];
                    let p = made_day[i][day];
                    stations.push(StationDay {
                        line: line.id.clone(),
                        station: st.id.clone(),
                        date: self.dates[day],
                        workers: workers[i][day],
                        staffed_hours: staffed[i][day],
                        capacity_units: cap,
                        produced_units: p,
                        stock_end: stock_day[i][day],
                        utilisation: if cap > 0.0 { p / cap } else { 0.0 },
                    });
                }
                for slot in 0..slots {
                    if capacity[i][slot] > 0.0 {
                        intervals.push(StationInterval {
                            line: line.id.clone(),
                            station: st.id.clone(),
                            start: instant(cuts[slot]),
                            end: instant(cuts[slot + 1]),
                            capacity_units: capacity[i][slot],
                            produced_units: produced[i][slot],
                            stock_end: stock_at[i][slot],
                        });
                    }
                }
            }
        }
        let targets = s
            .targets
            .iter()
            .zip(&credited)
            .map(|(t, &got)| TargetResult {
                target: t.id.clone(),
                line: t.line.clone(),
                date: t.date,
                kind: t.kind,
                target_units: t.units,
                finished_units: got,
                shortfall_units: (t.units - got).max(0.0),
            })
            .collect();
        Throughput {
            stations,
            intervals,
            lines,
            targets,
        }
    }

    /// Credits the targets of one line given its finished units per date:
    /// `by_date` targets get the finished units up to their date; delivery
    /// targets (`on_date`, `made_on_date`) are served from finished goods,
    /// highest worth first (penalty + the line's holding cost × days from
    /// the target's date to the horizon's end; then date, then scenario
    /// order), each taking
    /// what it can without taking units a target already served needs; a
    /// `made_on_date` target only from the units finished on its own date.
    /// Returns the units delivered per date. Targets dated outside the
    /// horizon: `by_date` counts the horizon dates up to its date, the
    /// others get nothing.
    pub(super) fn deliver(
        &self,
        line: &LineId,
        finished: &[f64],
        credited: &mut [f64],
    ) -> Vec<f64> {
        let s = self.s;
        let n = self.dates.len();
        let mut queue: Vec<(f64, usize, usize)> = Vec::new(); // (penalty, day, target)
        for (ti, t) in s.targets.iter().enumerate() {
            if &t.line != line {
                continue;
            }
            match t.kind {
                TargetKind::ByDate => {
                    credited[ti] = finished
                        .iter()
                        .zip(&self.dates)
                        .filter(|(_, d)| **d <= t.date)
                        .map(|(f, _)| *f)
                        .sum();
                }
                TargetKind::OnDate | TargetKind::MadeOnDate => {
                    if let Some(day) = s.horizon.index_of(t.date).filter(|&d| d < n) {
                        // A unit delivered is a unit no longer held: its
                        // worth is the penalty plus the holding it saves
                        // from its date to the horizon's end.
                        let holding = s
                            .lines
                            .iter()
                            .find(|l| &l.id == line)
                            .and_then(|l| l.holding_cost_per_unit_day)
                            .unwrap_or(0.0);
                        let penalty = t
                            .shortfall_penalty
                            .unwrap_or(s.penalties.shortfall_per_unit);
                        queue.push((penalty + holding * (n - day) as f64, day, ti));
                    }
                }
            }
        }
        queue.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        let mut delivered_on = vec![0.0f64; n];
        let mut quota_on = vec![0.0f64; n];
        for (_, day, ti) in queue {
            // Finished goods still free at each date e >= day, and the least of them.
            let mut finished_to_e = 0.0;
            let mut delivered_to_e = 0.0;
            let mut room = f64::INFINITY;
            for e in 0..n {
                finished_to_e += finished[e];
                delivered_to_e += delivered_on[e];
                if e >= day {
                    room = room.min(finished_to_e - delivered_to_e);
                }
            }
            let quota = s.targets[ti].kind == TargetKind::MadeOnDate;
            if quota {
                room = room.min(finished[day] - quota_on[day]);
            }
            let take = s.targets[ti].units.min(room).max(0.0);
            credited[ti] = take;
            delivered_on[day] += take;
            if quota {
                quota_on[day] += take;
            }
        }
        delivered_on
    }

    /// `max_finished_stock`: at 24:00 of every date, the units a line has
    /// finished so far less the units of its delivery targets due so far.
    pub(super) fn check_finished_stock(&mut self, throughput: &Throughput) {
        let s = self.s;
        for line in &s.lines {
            let Some(cap) = line.max_finished_stock else {
                continue;
            };
            let mut ahead = 0.0;
            for l in throughput.lines.iter().filter(|l| l.line == line.id) {
                ahead += l.finished_units;
                ahead -= s
                    .targets
                    .iter()
                    .filter(|t| {
                        t.line == line.id && t.date == l.date && t.kind != TargetKind::ByDate
                    })
                    .map(|t| t.units)
                    .sum::<f64>();
                if ahead > cap + TOL * cap.max(1.0) {
                    self.push(
                        Rule::FinishedStock,
                        None,
                        Some(l.date),
                        format!(
                            "line `{}` has finished {} units ahead of its deliveries due by 24:00, more than its max_finished_stock of {}",
                            line.id,
                            fmt_h(ahead),
                            fmt_h(cap)
                        ),
                    );
                }
            }
        }
    }
}
