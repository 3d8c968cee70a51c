//! Workplaces: the most people at a station at once.

use super::*;

impl<'a> Checker<'a> {
    /// At each assignment's start instant, the people at its station.
    pub(super) fn check_workplaces(&mut self, resolved: &[Resolved<'a>]) {
        let mut by_station: BTreeMap<(usize, usize), Vec<&Resolved<'a>>> = BTreeMap::new();
        for r in resolved {
            by_station.entry((r.line_ix, r.pos)).or_default().push(r);
        }
        for group in by_station.values() {
            let mut starts: Vec<(i64, NaiveDate)> =
                group.iter().map(|r| (r.start, r.date)).collect();
            starts.sort_unstable();
            starts.dedup_by_key(|x| x.0);
            let station = group[0].station;
            for (instant, date) in starts {
                let present: Vec<&str> = group
                    .iter()
                    .filter(|r| r.start <= instant && instant < r.end)
                    .map(|r| r.worker.id.as_str())
                    .collect();
                if present.len() as u64 > u64::from(station.workplaces) {
                    let base = self.s.horizon.start;
                    self.push(
                        Rule::Workplaces,
                        None,
                        Some(date),
                        format!(
                            "{} people at station \"{}\" at {} ({}); it has {} workplaces",
                            present.len(),
                            station.id,
                            clock(base, instant),
                            present.join(", "),
                            station.workplaces
                        ),
                    );
                }
            }
        }
    }
}
