//! Consecutive working days and days off per week (rows 6 and 7 of docs/formulation.md).

use good_lp::constraint;

use super::Formulation;
use crate::prepare::Prepared;

pub(super) fn add(f: &mut Formulation, p: &Prepared<'_>) {
    let nd = p.dates.len();
    let h = p.hist_days;
    for w in 0..p.s.workers.len() {
        let k = p.s.workers[w]
            .max_consecutive_days
            .map_or(p.s.rules.max_consecutive_days, |m| {
                m.min(p.s.rules.max_consecutive_days)
            }) as usize;
        let works: Vec<bool> = (0..nd).map(|d| !f.cands_of(w, d).is_empty()).collect();
        // Dates of the extended horizon: history first (known), then the horizon.
        let worked_before = |t: usize| p.past[w][t].is_some();
        // 6. at most K worked dates in any K+1 consecutive dates (windows
        // reaching into the history count its worked dates as constants).
        // With a minimum run of M days off, every window of K+M dates inside
        // the horizon holds at most K worked dates (runs of at most K work
        // are separated by at least M days off), which implies the K+1 rule
        // and cuts off fractional rosters working K/(K+1) of the time.
        let m_off = p.s.workers[w].min_consecutive_days_off.unwrap_or(1) as usize;
        let long = k + m_off.max(1);
        let mut windows: Vec<(usize, usize)> = Vec::new(); // (first, length)
                                                           // (The run network of runs.rs already holds the maximum.)
        if k < nd + h && !super::runs::uses_network(p, w) {
            windows.extend((0..h.min(nd + h - k)).map(|a| (a, k + 1)));
            if long <= nd {
                windows.extend((h..=h + nd - long).map(|a| (a, long)));
            } else if k < nd {
                windows.extend((h..=h + nd - (k + 1)).map(|a| (a, k + 1)));
            }
        }
        for (a, len) in windows {
            let days = a..a + len;
            if days.end <= h {
                continue; // wholly in the past
            }
            let known = days.clone().filter(|&t| t < h && worked_before(t)).count();
            let open = days.clone().filter(|&t| t >= h && works[t - h]).count();
            if known + open <= k {
                continue;
            }
            let e = f.sum(
                days.filter(|&t| t >= h)
                    .flat_map(|t| f.cands_of(w, t - h).iter().map(|&c| (1.0, f.x[c]))),
            );
            f.push(constraint!(e <= (k - known.min(k)) as f64));
        }
        // 7. days off per 7-day block
        let min_off = p.s.rules.min_days_off_per_week as usize;
        for &(a, z) in &p.weeks {
            // A short last block may take its days off outside the horizon.
            let allowed = (z - a + 1).min(7usize.saturating_sub(min_off));
            if (a..=z).filter(|&d| works[d]).count() <= allowed {
                continue;
            }
            let e = f.sum((a..=z).flat_map(|d| f.cands_of(w, d).iter().map(|&c| (1.0, f.x[c]))));
            f.push(constraint!(e <= allowed as f64));
        }
    }
}
