//! Pricing: the cheapest schedule of one worker under given duals, by a
//! labelling algorithm over the dates (a resource-constrained shortest path).
//!
//! A label is one partial schedule up to the end of a date. Its *key* holds
//! what decides which dates may follow and must match exactly for one label
//! to replace another:
//!
//! * `last`: the template worked on that date (0 = off): forbidden
//!   successions and the minimum rest look one date back;
//! * `run`: the length of the current working run (1..=K) or rest run
//!   (saturated at the minimum rest run M);
//! * `lead`: the working run began on the first date (such a run is exempt
//!   from the minimum run length under `exempt` borders);
//! * `minutes`: paid minutes so far, when a minimum or maximum total can bind
//!   (both directions matter, so only equal totals compare).
//!
//! Its *resources* may be compared one-sided: the shifts worked per counted
//! template and the weekends worked, each with an upper limit only. A label
//! dominates another of the same key when it costs no more and uses no more
//! of each resource; dominated labels are dropped, so the algorithm is exact.
//! The first run and the last (working or rest) are exempt from the minimum
//! lengths, as the run network of `formulation/runs.rs` has them; the maximum
//! run K holds everywhere.

use std::collections::HashMap;
use std::time::Instant;

/// At most this many labels over the whole horizon for one worker (about
/// 50 bytes each) in an exact pricing: past it the pricing reports
/// [`Priced::TooLarge`].
pub(super) const MAX_LABELS: usize = 4_000_000;

/// Labels a beam ([`Mode::Beam`]) carries from a free date into pinned
/// ones ([`WorkerNet::pinned`]): the cheapest this many. Past the free
/// dates every label follows the same options, so the labels only die
/// there (a rule or limit broken later); without this the beam's cost on a
/// window is that of its labels times the dates after it.
const PINNED_CARRY: usize = 64;

/// How labels are kept.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Mode {
    /// Every label no other dominates, up to this many in all.
    Exact(usize),
    /// At most this many labels per key (the cheapest): a heuristic, whose
    /// schedules keep every rule but may not be the cheapest.
    Beam(usize),
    /// The beam, and at most `per_date` labels on each date: those whose
    /// cost plus the completion bound (of the ceiling, when given) is
    /// least. Its time is linear in the dates whatever the keys.
    Narrow { per_key: usize, per_date: usize },
}

/// One possible assignment of the worker on a date.
#[derive(Clone, Debug)]
pub(super) struct Opt {
    /// Candidate index (in `Prepared::cands`).
    pub cand: usize,
    /// Shift template index.
    pub shift: usize,
    /// Paid minutes.
    pub minutes: i64,
    /// Objective coefficient of the candidate's x column in the compact model.
    pub cost: f64,
    /// Master rows (cover requirements) the candidate counts in.
    pub rows: Vec<usize>,
}

/// Everything the pricing of one worker needs.
#[derive(Clone, Debug)]
pub(super) struct WorkerNet {
    /// Options per date.
    pub days: Vec<Vec<Opt>>,
    /// Most consecutive working dates (K).
    pub k: usize,
    /// Fewest consecutive working dates.
    pub m_work: usize,
    /// Fewest consecutive dates off.
    pub m_off: usize,
    /// Paid-minute limits when they can bind.
    pub min_minutes: Option<i64>,
    pub max_minutes: Option<i64>,
    /// For each template, its slot among the counted templates.
    pub count_slot: Vec<Option<usize>>,
    /// The limit of each counted template.
    pub count_cap: Vec<u32>,
    /// Most weekends worked, when it can bind.
    pub max_weekends: Option<u32>,
    /// Dates whose options are all the worker may do there: off when a
    /// pinned date has none, its option otherwise (empty: nothing pinned).
    /// A schedule with every other date fixed is one such net
    /// ([`WorkerNet::pinned_outside`]).
    pub pinned: Vec<bool>,
}

/// Facts shared by every worker: the calendar and the successions.
#[derive(Clone, Debug)]
pub(super) struct Calendar {
    /// Saturday or Sunday.
    pub weekend: Vec<bool>,
    /// A Sunday whose Saturday is the date before (inside the horizon).
    pub sunday_after_saturday: Vec<bool>,
    /// `clash[a][b]`: template b may not follow template a on the next date.
    pub clash: Vec<Vec<bool>>,
}

/// The outcome of pricing one worker.
#[derive(Debug)]
pub(super) enum Priced {
    /// The cheapest schedules (reduced cost without the convexity dual,
    /// candidates), best first.
    Found(Vec<(f64, Vec<usize>)>),
    /// The worker has no schedule keeping their rules.
    Infeasible,
    /// The state space grew past [`MAX_LABELS`].
    TooLarge,
    /// No schedule costs less than the ceiling given; the value bounds the
    /// cheapest from below (at least the ceiling).
    Above(f64),
    /// The time given ran out first.
    Late,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    last: u16,
    run: u16,
    lead: bool,
    minutes: i32,
}

struct Day {
    cost: Vec<f64>,
    weekends: Vec<u16>,
    /// `counts[i * stride ..][..stride]` of label i.
    counts: Vec<u16>,
    parent: Vec<u32>,
    /// Candidate worked on this date (`u32::MAX`: off).
    cand: Vec<u32>,
    keys: Vec<Key>,
    alive: Vec<bool>,
}

impl WorkerNet {
    /// Two relaxations of the worker: without the shift counts per
    /// template, and without the paid-minute limits. Each one's cheapest
    /// schedule costs no more than the worker's, so it bounds the reduced
    /// cost from below (their schedules are not columns). The first moves
    /// as the worker does, so the worker's [`completion`] bound serves it.
    pub fn relaxed(&self) -> [WorkerNet; 2] {
        [
            WorkerNet {
                count_slot: vec![None; self.count_slot.len()],
                count_cap: Vec::new(),
                ..self.clone()
            },
            WorkerNet {
                min_minutes: None,
                max_minutes: None,
                ..self.clone()
            },
        ]
    }

    /// The worker free on the dates `window` only, keeping `schedule`
    /// (their candidates) on every other date: the net of a best response
    /// restricted to a window, whose labels past the window follow the
    /// schedule, so its pricing costs about the window's.
    pub fn pinned_outside(&self, window: std::ops::Range<usize>, schedule: &[usize]) -> WorkerNet {
        let kept: std::collections::HashSet<usize> = schedule.iter().copied().collect();
        let days = self
            .days
            .iter()
            .enumerate()
            .map(|(d, opts)| {
                if window.contains(&d) {
                    opts.clone()
                } else {
                    opts.iter()
                        .filter(|o| kept.contains(&o.cand))
                        .cloned()
                        .collect()
                }
            })
            .collect();
        WorkerNet {
            days,
            k: self.k,
            m_work: self.m_work,
            m_off: self.m_off,
            min_minutes: self.min_minutes,
            max_minutes: self.max_minutes,
            count_slot: self.count_slot.clone(),
            count_cap: self.count_cap.clone(),
            max_weekends: self.max_weekends,
            pinned: (0..self.days.len()).map(|d| !window.contains(&d)).collect(),
        }
    }
}

impl Day {
    fn new() -> Self {
        Day {
            cost: Vec::new(),
            weekends: Vec::new(),
            counts: Vec::new(),
            parent: Vec::new(),
            cand: Vec::new(),
            keys: Vec::new(),
            alive: Vec::new(),
        }
    }
}

const OFF: u32 = u32::MAX;

/// The completion bound of `w` under `duals`, for [`price`]'s ceiling. It
/// depends on the worker's moves only, not on the per-template counts and
/// weekends, so it serves the worker's relaxation without counts and its
/// beam search too.
pub(super) fn completion(w: &WorkerNet, cal: &Calendar, duals: &[f64]) -> Completion {
    completion_until(w, cal, duals, None).expect("no deadline")
}

/// [`completion`], or `None` once `until` has passed (on a year of 32 shift
/// types, Curtois and Qu 24, it takes about 10 s for one worker).
pub(super) fn completion_until(
    w: &WorkerNet,
    cal: &Calendar,
    duals: &[f64],
    until: Option<Instant>,
) -> Option<Completion> {
    let rules = Rules::new(w, cal, duals);
    Completion::new(&rules, rules.start(), until)
}

/// [`completion_until`] for `w` without its paid-minute limits: a looser
/// bound (a relaxation of the one with them) over far fewer states, since
/// the states no longer carry the minutes worked. On a year of 32 shift
/// types (Curtois and Qu 24) the states with minutes are so many that the
/// bound with them takes seconds a worker.
pub(super) fn completion_without_minutes(
    w: &WorkerNet,
    cal: &Calendar,
    duals: &[f64],
    until: Option<Instant>,
) -> Option<Completion> {
    let mut rules = Rules::new(w, cal, duals);
    rules.min_minutes = None;
    rules.max_minutes = None;
    Completion::new(&rules, rules.start(), until)
}

/// The `best` cheapest schedules of `w` when each candidate costs its
/// objective coefficient less the duals of its rows.
///
/// With a `ceiling` (its value, and the [`completion`] of `w` under the
/// same duals), only schedules cheaper than it are sought: a partial
/// schedule whose cost plus the least its remaining dates can add
/// reaches the ceiling is dropped, which keeps the answer
/// exact below the ceiling; when nothing is below it the answer is
/// [`Priced::Above`]. Past `until` it stops with [`Priced::Late`].
pub(super) fn price(
    w: &WorkerNet,
    cal: &Calendar,
    duals: &[f64],
    best: usize,
    mode: Mode,
    ceiling: Option<(f64, &Completion)>,
    until: Option<Instant>,
) -> Priced {
    let (limit, beam, per_date) = match mode {
        Mode::Exact(n) => (n, usize::MAX, usize::MAX),
        Mode::Beam(b) => (usize::MAX, b.max(1), usize::MAX),
        Mode::Narrow { per_key, per_date } => (usize::MAX, per_key.max(1), per_date.max(1)),
    };
    let h = w.days.len();
    let stride = w.count_cap.len();
    let rules = Rules::new(w, cal, duals);
    let start = rules.start();
    let floor = ceiling.map(|(_, c)| c.first());
    if floor.is_some_and(|f| f == f64::INFINITY) {
        return Priced::Infeasible;
    }
    // Partial schedules at or above the ceiling cannot give a cheaper one.
    let pruned =
        |d: usize, key: Key, cost: f64| ceiling.is_some_and(|(u, c)| cost + c.after(d, key) >= u);

    let mut days: Vec<Day> = Vec::with_capacity(h);
    let mut total = 0usize;
    // The state before the first date: a rest run already long enough.
    let mut prev = Day::new();
    prev.cost.push(0.0);
    prev.weekends.push(0);
    prev.counts.extend(std::iter::repeat_n(0, stride));
    prev.parent.push(OFF);
    prev.cand.push(OFF);
    prev.keys.push(start);
    prev.alive.push(true);
    let mut scratch = vec![0u16; stride];
    for d in 0..h {
        if until.is_some_and(|u| Instant::now() >= u) {
            return Priced::Late;
        }
        let mut cur = Day::new();
        let mut buckets: HashMap<Key, Vec<u32>> = HashMap::new();
        for i in 0..prev.cost.len() {
            if !prev.alive[i] {
                continue;
            }
            if total + cur.cost.len() > limit {
                return Priced::TooLarge;
            }
            let key = prev.keys[i];
            let working = key.last != 0;
            let base = prev.cost[i];
            let counts = &prev.counts[i * stride..(i + 1) * stride];
            let wk = prev.weekends[i];
            rules.successors(d, key, |k2, option| {
                let Some((t, c, o)) = option else {
                    // Off today.
                    if !pruned(d, k2, base) {
                        insert(
                            &mut cur,
                            &mut buckets,
                            (k2, base, counts, wk),
                            (i as u32, OFF),
                            stride,
                            beam,
                        );
                    }
                    return;
                };
                scratch.copy_from_slice(counts);
                if let Some(slot) = w.count_slot[t] {
                    scratch[slot] += 1;
                    if u32::from(scratch[slot]) > w.count_cap[slot] {
                        return;
                    }
                }
                let new_weekend = cal.weekend[d] && !(working && cal.sunday_after_saturday[d]);
                let wk2 = wk + u16::from(new_weekend);
                if w.max_weekends.is_some_and(|cap| u32::from(wk2) > cap) {
                    return;
                }
                if pruned(d, k2, base + c) {
                    return;
                }
                insert(
                    &mut cur,
                    &mut buckets,
                    (k2, base + c, &scratch, wk2),
                    (i as u32, o.cand as u32),
                    stride,
                    beam,
                );
            });
        }
        total += cur.cost.len();
        if total > limit {
            return Priced::TooLarge;
        }
        if per_date < usize::MAX {
            let mut alive: Vec<usize> = (0..cur.cost.len()).filter(|&i| cur.alive[i]).collect();
            if alive.len() > per_date {
                let rank =
                    |i: usize| cur.cost[i] + ceiling.map_or(0.0, |(_, c)| c.after(d, cur.keys[i]));
                alive.select_nth_unstable_by(per_date, |&a, &b| rank(a).total_cmp(&rank(b)));
                for &i in &alive[per_date..] {
                    cur.alive[i] = false;
                }
            }
        }
        // Past a free date into pinned ones, every label follows the same
        // options: in the beam, only the cheapest go on.
        let into_pinned = beam < usize::MAX
            && w.pinned.get(d + 1).copied().unwrap_or(false)
            && !w.pinned.get(d).copied().unwrap_or(true);
        if into_pinned {
            let mut alive: Vec<usize> = (0..cur.cost.len()).filter(|&i| cur.alive[i]).collect();
            if alive.len() > PINNED_CARRY {
                alive.select_nth_unstable_by(PINNED_CARRY, |&a, &b| {
                    cur.cost[a].total_cmp(&cur.cost[b])
                });
                for &i in &alive[PINNED_CARRY..] {
                    cur.alive[i] = false;
                }
            }
        }
        days.push(std::mem::replace(&mut prev, cur));
    }
    // `days[0]` is the state before the first date; `prev` the last date.
    let last = prev;
    let mut ends: Vec<(f64, u32)> = (0..last.cost.len())
        .filter(|&i| last.alive[i] && rules.ends_well(last.keys[i]))
        .map(|i| (last.cost[i], i as u32))
        .collect();
    if ends.is_empty() {
        return match (ceiling, floor) {
            // Nothing below the ceiling; the relaxation's least cost may be
            // higher still.
            (Some((u, _)), Some(f)) => Priced::Above(u.max(f)),
            _ => Priced::Infeasible,
        };
    }
    ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut found = Vec::new();
    for &(cost, i) in ends.iter().take(best) {
        let mut cands = Vec::new();
        let mut at = i;
        let mut day = &last;
        for d in (0..h).rev() {
            let c = day.cand[at as usize];
            if c != OFF {
                cands.push(c as usize);
            }
            at = day.parent[at as usize];
            day = &days[d];
        }
        cands.reverse();
        found.push((cost, cands));
    }
    Priced::Found(found)
}

/// An option of a date as the labels see it: (template, reduced cost, the
/// option).
type DayOption<'a> = (usize, f64, &'a Opt);

/// The moves from one state to the next of one worker: the run network's
/// rules, successions and paid-minute limits; not the per-template counts
/// and weekends, which the labels carry as resources.
struct Rules<'a> {
    w: &'a WorkerNet,
    cal: &'a Calendar,
    /// The cheapest option per (date, template): the resources depend on
    /// the template only.
    options: Vec<Vec<DayOption<'a>>>,
    /// Most minutes still possible from each date on (to drop states that
    /// cannot reach the minimum).
    still: Vec<i64>,
    /// The paid-minute limits the moves keep (none in the completion bound
    /// without minutes, [`completion_without_minutes`]); the states carry
    /// the minutes worked when either is set ([`Rules::track_minutes`]).
    min_minutes: Option<i64>,
    max_minutes: Option<i64>,
    has_clash: bool,
    m_off: usize,
    m_work: usize,
}

impl<'a> Rules<'a> {
    fn new(w: &'a WorkerNet, cal: &'a Calendar, duals: &[f64]) -> Self {
        let h = w.days.len();
        let nshift = cal.clash.len();
        let mut options: Vec<Vec<DayOption<'a>>> = Vec::with_capacity(h);
        for day in &w.days {
            let mut by_shift: Vec<Option<(f64, &Opt)>> = vec![None; nshift];
            for o in day {
                let d = o.cost - o.rows.iter().map(|&r| duals[r]).sum::<f64>();
                if by_shift[o.shift].is_none_or(|(c, _)| d < c) {
                    by_shift[o.shift] = Some((d, o));
                }
            }
            options.push(
                by_shift
                    .into_iter()
                    .enumerate()
                    .filter_map(|(t, x)| x.map(|(c, o)| (t, c, o)))
                    .collect(),
            );
        }
        let mut still = vec![0i64; h + 1];
        for d in (0..h).rev() {
            still[d] = still[d + 1] + w.days[d].iter().map(|o| o.minutes).max().unwrap_or(0);
        }
        Rules {
            w,
            cal,
            options,
            still,
            min_minutes: w.min_minutes,
            max_minutes: w.max_minutes,
            has_clash: cal.clash.iter().any(|r| r.iter().any(|&c| c)),
            m_off: w.m_off.max(1),
            m_work: w.m_work.max(1),
        }
    }

    /// The states carry the minutes worked (a limit on them is kept).
    fn track_minutes(&self) -> bool {
        self.min_minutes.is_some() || self.max_minutes.is_some()
    }

    /// The state before the first date: a rest run already long enough.
    fn start(&self) -> Key {
        Key {
            last: 0,
            run: self.m_off as u16,
            lead: false,
            minutes: 0,
        }
    }

    /// Calls `visit` with every state date `d` may lead to from `key` (the
    /// state at the end of the date before), and the option worked on `d`
    /// (`None`: off).
    fn successors(&self, d: usize, key: Key, mut visit: impl FnMut(Key, Option<DayOption<'a>>)) {
        let w = self.w;
        let working = key.last != 0;
        let reach_ok = |minutes: i64| {
            self.min_minutes
                .is_none_or(|lo| minutes + self.still[d + 1] >= lo)
        };
        // A pinned date with an option must be worked.
        let must_work = w.pinned.get(d).copied().unwrap_or(false) && !self.options[d].is_empty();
        // Off today.
        let short = working && (key.run as usize) < self.m_work && !key.lead;
        if !short && !must_work && reach_ok(i64::from(key.minutes)) {
            let run = if working {
                1
            } else {
                (key.run as usize + 1).min(self.m_off)
            };
            visit(
                Key {
                    last: 0,
                    run: run as u16,
                    lead: false,
                    minutes: key.minutes,
                },
                None,
            );
        }
        // Work a template today.
        for &(t, c, o) in &self.options[d] {
            let (run, lead) = if working {
                if key.run as usize + 1 > w.k {
                    continue;
                }
                if self.has_clash && self.cal.clash[key.last as usize - 1][t] {
                    continue;
                }
                (key.run as usize + 1, key.lead)
            } else {
                if (key.run as usize) < self.m_off || w.k == 0 {
                    continue;
                }
                (1, d == 0)
            };
            let minutes = if self.track_minutes() {
                let m = i64::from(key.minutes) + o.minutes;
                if self.max_minutes.is_some_and(|hi| m > hi) || !reach_ok(m) {
                    continue;
                }
                m
            } else {
                0
            };
            visit(
                Key {
                    last: if self.has_clash { t as u16 + 1 } else { 1 },
                    run: run as u16,
                    lead: lead && run < self.m_work,
                    minutes: minutes as i32,
                },
                Some((t, c, o)),
            );
        }
    }

    /// A schedule may end in state `key` (its paid minutes reach the
    /// minimum).
    fn ends_well(&self, key: Key) -> bool {
        self.min_minutes
            .is_none_or(|lo| i64::from(key.minutes) >= lo)
    }
}

/// The least cost the remaining dates can add from each state, for the
/// worker without the per-template counts and weekends (a relaxation, so a
/// lower bound on what any schedule through that state adds): a backward
/// pass over the states [`Rules::successors`] reaches, which are few (no
/// resources), where the labels are many.
pub(super) struct Completion {
    /// `index[d][key]`: the state's place in `value[d]`, for the states
    /// before date `d` (`d = h`: the end).
    index: Vec<HashMap<Key, usize>>,
    value: Vec<Vec<f64>>,
    /// The states carry the minutes worked (else a label's key is looked up
    /// without them).
    minutes: bool,
}

impl Completion {
    fn new(rules: &Rules<'_>, start: Key, until: Option<Instant>) -> Option<Self> {
        let h = rules.w.days.len();
        let late = || until.is_some_and(|u| Instant::now() >= u);
        let mut keys: Vec<Vec<Key>> = vec![vec![start]];
        let mut index: Vec<HashMap<Key, usize>> = vec![HashMap::from([(start, 0)])];
        for d in 0..h {
            if late() {
                return None;
            }
            let mut next: Vec<Key> = Vec::new();
            let mut at: HashMap<Key, usize> = HashMap::new();
            for &k in &keys[d] {
                rules.successors(d, k, |k2, _| {
                    at.entry(k2).or_insert_with(|| {
                        next.push(k2);
                        next.len() - 1
                    });
                });
            }
            keys.push(next);
            index.push(at);
        }
        let mut value: Vec<Vec<f64>> = vec![Vec::new(); h + 1];
        value[h] = keys[h]
            .iter()
            .map(|&k| {
                if rules.ends_well(k) {
                    0.0
                } else {
                    f64::INFINITY
                }
            })
            .collect();
        for d in (0..h).rev() {
            if late() {
                return None;
            }
            let (now, after) = value.split_at_mut(d + 1);
            now[d] = keys[d]
                .iter()
                .map(|&k| {
                    let mut least = f64::INFINITY;
                    rules.successors(d, k, |k2, option| {
                        let c = option.map_or(0.0, |(_, c, _)| c);
                        least = least.min(c + after[0][index[d + 1][&k2]]);
                    });
                    least
                })
                .collect();
        }
        Some(Completion {
            index,
            value,
            minutes: rules.track_minutes(),
        })
    }

    /// The least cost of a whole schedule (from the first date's state).
    fn first(&self) -> f64 {
        self.value[0][0]
    }

    /// The least cost the dates after `d` can add to a state `key` reached
    /// at the end of date `d`.
    fn after(&self, d: usize, key: Key) -> f64 {
        let key = if self.minutes {
            key
        } else {
            Key { minutes: 0, ..key }
        };
        self.index[d + 1]
            .get(&key)
            .map_or(f64::INFINITY, |&i| self.value[d + 1][i])
    }
}

/// Adds a label `(key, cost, counts, weekends)` reached from `(parent,
/// candidate)` unless one of its key dominates it; drops those it
/// dominates. With more than `beam` labels in the key, the dearest goes.
fn insert(
    day: &mut Day,
    buckets: &mut HashMap<Key, Vec<u32>>,
    (key, cost, counts, weekends): (Key, f64, &[u16], u16),
    (parent, cand): (u32, u32),
    stride: usize,
    beam: usize,
) {
    let bucket = buckets.entry(key).or_default();
    let le = |a: &[u16], b: &[u16]| a.iter().zip(b).all(|(x, y)| x <= y);
    for &j in bucket.iter() {
        let j = j as usize;
        if day.cost[j] <= cost
            && day.weekends[j] <= weekends
            && le(&day.counts[j * stride..(j + 1) * stride], counts)
        {
            return;
        }
    }
    bucket.retain(|&j| {
        let j = j as usize;
        let dominated = cost <= day.cost[j]
            && weekends <= day.weekends[j]
            && le(counts, &day.counts[j * stride..(j + 1) * stride]);
        if dominated {
            day.alive[j] = false;
        }
        !dominated
    });
    if bucket.len() >= beam {
        let (pos, &worst) = bucket
            .iter()
            .enumerate()
            .max_by(|a, b| day.cost[*a.1 as usize].total_cmp(&day.cost[*b.1 as usize]))
            .expect("a full bucket");
        if day.cost[worst as usize] <= cost {
            return;
        }
        day.alive[worst as usize] = false;
        bucket.swap_remove(pos);
    }
    bucket.push(day.cost.len() as u32);
    day.cost.push(cost);
    day.weekends.push(weekends);
    day.counts.extend_from_slice(counts);
    day.parent.push(parent);
    day.cand.push(cand);
    day.keys.push(key);
    day.alive.push(true);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{calendar, cover_rows, unsupported, worker_net};
    use super::*;
    use crate::formulation::Formulation;
    use crate::model::Scenario;
    use crate::prepare::Prepared;

    #[derive(Debug, Clone)]
    struct Nurse {
        offset: u32,
        days: u32,
        max_late: Option<u32>,
        max_minutes: Option<u32>,
        min_minutes: Option<u32>,
        runs: (u32, u32, u32),
        max_weekends: Option<u32>,
        day_off: Option<u32>,
        forbid: bool,
        min_rest: f64,
        requests: Vec<(u32, bool, bool, u32)>,
    }

    fn nurse() -> impl Strategy<Value = Nurse> {
        (
            (0u32..7, 4u32..=7),
            proptest::option::of(0u32..=4),
            proptest::option::of(1u32..=6),
            proptest::option::of(0u32..=4),
            (1u32..=4, 1u32..=3, 1u32..=3),
            proptest::option::of(0u32..=1),
            proptest::option::of(0u32..7),
            any::<bool>(),
            prop_oneof![Just(0.0), Just(11.0)],
            proptest::collection::vec((0u32..7, any::<bool>(), any::<bool>(), 1u32..=5), 0..=4),
        )
            .prop_map(
                |(
                    (offset, days),
                    max_late,
                    max_n,
                    min_n,
                    runs,
                    max_weekends,
                    day_off,
                    forbid,
                    min_rest,
                    requests,
                )| Nurse {
                    offset,
                    days,
                    max_late,
                    max_minutes: max_n.map(|n| n * 480),
                    min_minutes: min_n.map(|n| n.min(max_n.unwrap_or(n)) * 480),
                    runs: (runs.0, runs.1.min(runs.0), runs.2),
                    max_weekends,
                    day_off: day_off.filter(|&d| d < days),
                    forbid,
                    min_rest,
                    requests: requests.into_iter().filter(|r| r.0 < days).collect(),
                },
            )
    }

    fn scenario(n: &Nurse) -> Scenario {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
            + chrono::Duration::days(i64::from(n.offset));
        let date = |i: u32| (start + chrono::Duration::days(i64::from(i))).to_string();
        let end = date(n.days - 1);
        let mut extra = String::new();
        if let Some(m) = n.max_late {
            extra += &format!(r#", "max_shifts": {{ "late": {m} }}"#);
        }
        if let Some(m) = n.max_minutes {
            extra += &format!(r#", "max_total_minutes": {m}"#);
        }
        if let Some(m) = n.min_minutes {
            extra += &format!(r#", "min_total_minutes": {m}"#);
        }
        if let Some(m) = n.max_weekends {
            extra += &format!(r#", "max_weekends": {m}"#);
        }
        if let Some(d) = n.day_off {
            extra += &format!(r#", "days_off": ["{}"]"#, date(d));
        }
        let requests: Vec<String> = n
            .requests
            .iter()
            .map(|&(d, late, on, w)| {
                format!(
                    r#"{{ "worker": "ana", "date": "{}", "shift": "{}", "kind": "{}", "weight": {w} }}"#,
                    date(d),
                    if late { "late" } else { "early" },
                    if on { "on" } else { "off" }
                )
            })
            .collect();
        // A cover row on every (date, shift), to carry a dual.
        let cover: Vec<String> = (0..n.days)
            .flat_map(|d| {
                ["early", "late"].map(|sh| {
                    format!(
                        r#"{{ "date": "{}", "shift": "{sh}", "required": 1, "under_weight": 10, "over_weight": 1 }}"#,
                        date(d)
                    )
                })
            })
            .collect();
        let forbid = if n.forbid {
            r#", "forbidden_successions": [ { "first": "late", "then": "early" } ]"#
        } else {
            ""
        };
        let json = format!(
            r#"{{
              "horizon": {{ "start": "{}", "end": "{end}" }},
              "run_borders": "exempt",
              "shifts": [ {{ "id": "early", "start": "06:00", "end": "14:00", "break_minutes": 0 }},
                          {{ "id": "late", "start": "14:00", "end": "22:00", "break_minutes": 0 }} ],
              "lines": [ {{ "id": "ward", "shifts": ["early", "late"],
                            "stations": [ {{ "id": "duty", "skill": "nursing", "minutes_per_unit": 60, "workplaces": 9 }} ] }} ],
              "workers": [ {{ "id": "ana", "skills": [ {{ "skill": "nursing" }} ], "hourly_wage": 1,
                              "max_consecutive_days": {}, "min_consecutive_days": {},
                              "min_consecutive_days_off": {} {extra} }} ],
              "rules": {{ "preset": "custom", "standard_hours_per_day": 8, "standard_hours_per_week": 56,
                "max_overtime_hours_per_day": 0, "max_overtime_hours_per_month": 0,
                "max_hours_per_day": 8, "max_hours_per_week": 56, "min_rest_hours": {},
                "max_consecutive_days": 31, "min_days_off_per_week": 0, "overtime_multiplier": 1,
                "rest_day_multiplier": 1, "holiday_multiplier": 1 }},
              "requests": [{}],
              "cover": [{}]
              {forbid}
            }}"#,
            date(0),
            n.runs.0,
            n.runs.1,
            n.runs.2,
            n.min_rest,
            requests.join(", "),
            cover.join(", ")
        );
        let s: Scenario = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
        s.validate().unwrap_or_else(|e| panic!("{e}\n{json}"));
        s
    }

    proptest! {
        // Failures are kept beside this file (`pricing.regressions`), not in
        // a top-level folder.
        #![proptest_config(ProptestConfig {
            cases: 64,
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("regressions"),
            )),
            .. ProptestConfig::default()
        })]

        /// The labelling algorithm's best schedule has the least reduced
        /// cost among all schedules the checker accepts for the worker
        /// (brute force over off / each option on every date), and the
        /// checker accepts it.
        #[test]
        fn the_best_column_equals_brute_force(
            n in nurse(),
            duals in proptest::collection::vec(-8.0f64..8.0, 14),
            offset in -3.0f64..3.0,
            window in (0usize..7, 1usize..=3),
        ) {
            let s = scenario(&n);
            let p = Prepared::new(&s);
            let f = Formulation::build(&p);
            prop_assert_eq!(unsupported(&p, &f), None);
            let (_, cand_rows) = cover_rows(&f);
            let net = worker_net(&p, &f, &cand_rows, 0);
            let cal = calendar(&p);
            let rc = |cands: &[usize]| -> f64 {
                cands
                    .iter()
                    .map(|&c| f.costs[f.x[c]] - cand_rows[c].iter().map(|&r| duals[r]).sum::<f64>())
                    .sum()
            };
            // Brute force, feasibility by the checker.
            let h = net.days.len();
            let mut best: Option<f64> = None;
            // Every schedule the checker accepts (candidates, date order).
            let mut feasible: Vec<Vec<usize>> = Vec::new();
            let mut code = vec![0usize; h];
            'all: loop {
                let cands: Vec<usize> = (0..h)
                    .filter(|&d| code[d] > 0)
                    .map(|d| net.days[d][code[d] - 1].cand)
                    .collect();
                let roster = crate::report::roster(&p, &cands);
                if crate::check::check(&s, &roster).is_feasible() {
                    let v = rc(&cands);
                    best = Some(best.map_or(v, |b: f64| b.min(v)));
                    feasible.push(cands);
                }
                let mut d = 0;
                loop {
                    if d == h {
                        break 'all;
                    }
                    code[d] += 1;
                    if code[d] <= net.days[d].len() {
                        break;
                    }
                    code[d] = 0;
                    d += 1;
                }
            }
            let first = feasible.first().cloned();
            // With a ceiling: the same best schedule when it is below the
            // ceiling, otherwise a lower bound between the ceiling and it.
            let ceiling = best.unwrap_or(0.0) + offset;
            match (price(&net, &cal, &duals, 1, Mode::Exact(MAX_LABELS), Some((ceiling, &completion(&net, &cal, &duals))), None), best) {
                (Priced::Found(found), Some(b)) => {
                    prop_assert!(b < ceiling, "found {:?} at or above the ceiling", found[0]);
                    prop_assert!((found[0].0 - b).abs() < 1e-9, "DP {} brute force {}", found[0].0, b);
                }
                (Priced::Above(low), Some(b)) => {
                    prop_assert!(b >= ceiling - 1e-9, "brute force {} below the ceiling {}", b, ceiling);
                    prop_assert!(low >= ceiling - 1e-9 && low <= b + 1e-9, "bound {} for {}", low, b);
                }
                (Priced::Above(_) | Priced::Infeasible, None) => {}
                (got, b) => prop_assert!(false, "DP with a ceiling {:?}, brute force {:?}", got, b),
            }
            // Pinned outside a window to a schedule the checker accepts (the
            // brute force's first): the exact pricing's best equals the
            // brute force over the schedules that agree with it outside
            // the window, and keeps to it there.
            if let Some(kept) = &first {
                let window = window.0.min(h - 1)..(window.0 + window.1).min(h);
                let pinned = net.pinned_outside(window.clone(), kept);
                let outside = |cands: &[usize]| -> Vec<usize> {
                    cands.iter().copied().filter(|&c| !window.contains(&p.occs[p.cands[c].occ].day)).collect()
                };
                let best_in = feasible
                    .iter()
                    .filter(|c| outside(c) == outside(kept))
                    .map(|c| rc(c))
                    .fold(f64::INFINITY, f64::min);
                match price(&pinned, &cal, &duals, 1, Mode::Exact(MAX_LABELS), None, None) {
                    Priced::Found(found) => {
                        let (v, cands) = &found[0];
                        prop_assert!((v - best_in).abs() < 1e-9, "pinned DP {} brute force {}", v, best_in);
                        prop_assert_eq!(outside(cands), outside(kept));
                        prop_assert!(crate::check::check(&s, &crate::report::roster(&p, cands)).is_feasible());
                    }
                    got => prop_assert!(false, "pinned DP {:?}, brute force {}", got, best_in),
                }
            }
            // The bound without the paid-minute limits is below the one
            // with them, and both below the brute force's best.
            let tight = completion(&net, &cal, &duals).first();
            let loose = completion_without_minutes(&net, &cal, &duals, None).expect("no deadline");
            prop_assert!(loose.first() <= tight + 1e-9, "loose {} tight {}", loose.first(), tight);
            if let Some(b) = best {
                prop_assert!(tight <= b + 1e-9, "tight {} brute force {}", tight, b);
            }
            // The narrow search under the loose bound: one label a date
            // gives a schedule the checker accepts (or none), no cheaper
            // than the best; with room for every label, the best. Below the
            // ceiling only, as the responses ask.
            let ceiling = best.map_or(1e9, |b| b + offset.abs() + 1e-6);
            let cut = Some((ceiling, &loose));
            for (per_key, per_date) in [(1, 1), (2, 3), (MAX_LABELS, MAX_LABELS)] {
                match (price(&net, &cal, &duals, 1, Mode::Narrow { per_key, per_date }, cut, None), best) {
                    (Priced::Found(found), Some(b)) => {
                        let (v, cands) = &found[0];
                        prop_assert!((rc(cands) - v).abs() < 1e-9);
                        prop_assert!(*v >= b - 1e-9, "narrow {} brute force {}", v, b);
                        if per_date == MAX_LABELS {
                            prop_assert!((v - b).abs() < 1e-9, "wide narrow {} brute force {}", v, b);
                        }
                        let r = crate::check::check(&s, &crate::report::roster(&p, cands));
                        prop_assert!(r.is_feasible(), "{:?}", r.violations);
                    }
                    (Priced::Above(_) | Priced::Infeasible, _) if per_date < MAX_LABELS => {}
                    (Priced::Above(_) | Priced::Infeasible, None) => {}
                    (got, b) => prop_assert!(false, "narrow {:?}, brute force {:?}", got, b),
                }
            }
            // A deadline already past stops the pricing before its first date.
            let past = Some(Instant::now());
            prop_assert!(matches!(price(&net, &cal, &duals, 1, Mode::Exact(MAX_LABELS), None, past), Priced::Late));
            match (price(&net, &cal, &duals, 1, Mode::Exact(MAX_LABELS), None, None), best) {
                (Priced::Found(found), Some(b)) => {
                    let (v, cands) = &found[0];
                    prop_assert!((v - b).abs() < 1e-9, "DP {} brute force {}", v, b);
                    prop_assert!((rc(cands) - v).abs() < 1e-9);
                    let roster = crate::report::roster(&p, cands);
                    let r = crate::check::check(&s, &roster);
                    prop_assert!(r.is_feasible(), "{:?}", r.violations);
                }
                (Priced::Infeasible, None) => {}
                (got, b) => prop_assert!(false, "DP {:?}, brute force {:?}", got, b),
            }
        }
    }
}
