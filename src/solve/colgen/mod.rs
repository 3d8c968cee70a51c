//! Dantzig–Wolfe decomposition by worker (column generation) for the
//! rostering rules: docs/formulation.md, "Decomposition by worker".
//!
//! Every hard rule of a rostering scenario but the cover concerns one worker,
//! so a worker's feasible schedules can be listed implicitly and priced by a
//! dynamic program over the dates ([`pricing`]). The restricted master
//! ([`master`]) holds the cover rows with their slacks and one convexity row
//! per worker; its columns are whole schedules with their exact cost. Each
//! iteration solves the master LP, prices every worker with its duals, and
//! states a Lagrangian lower bound. At the end the restricted master is solved
//! as a MIP over the columns generated, and its roster goes through the
//! independent checker.
//!
//! Scope: scenarios without production rows and without rules the pricing
//! does not model exactly; for those, [`decompose`] returns
//! [`Error::DecompositionUnsupported`] naming the rule, rather than a wrong
//! bound.

mod master;
mod pricing;

use std::collections::HashSet;
use std::time::Instant;

use crate::error::Error;
use crate::formulation::Formulation;
use crate::model::{RunBorders, Scenario};
use crate::prepare::{Prepared, EPS};
use crate::report::{self, Outcome, Plan, SolveStatus};
use crate::solve::Backend;

use master::{Column, CoverRow, Master};
use pricing::{Calendar, Opt, Priced, WorkerNet};

/// A column is added when its reduced cost is below minus this.
const REDUCED_COST_TOLERANCE: f64 = 1e-6;

/// Columns added per worker and iteration (the cheapest schedules priced).
const COLUMNS_PER_WORKER: usize = 1;

/// Options of [`decompose`].
///
/// ```
/// let o = flexline::DecompositionOptions::default();
/// assert!(o.integer && o.time_limit.is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DecompositionOptions {
    /// Wall-clock seconds for the column generation (the master MIP gets
    /// `integer_seconds` on top). `None`: until the LP converges.
    pub time_limit: Option<f64>,
    /// Most iterations (master LP solves). `None`: no limit.
    pub max_iterations: Option<usize>,
    /// Solve the restricted master as a MIP at the end and return its roster.
    pub integer: bool,
    /// Seconds for the master MIP (`None`: to optimality over the columns).
    pub integer_seconds: Option<f64>,
    /// HiGHS threads (one value per process; see SOLVER-NOTES).
    pub threads: Option<u32>,
    /// HiGHS random seed.
    pub seed: u32,
    /// Also solve the compact model's LP relaxation, for comparison
    /// ([`Decomposition::compact_lp`]).
    pub compact_lp: bool,
}

impl Default for DecompositionOptions {
    fn default() -> Self {
        DecompositionOptions {
            time_limit: None,
            max_iterations: None,
            integer: true,
            integer_seconds: None,
            threads: None,
            seed: 0,
            compact_lp: false,
        }
    }
}

/// One iteration of the column generation.
#[derive(Debug, Clone, PartialEq)]
pub struct DecompositionStep {
    /// Value of the restricted master LP (objective constant included).
    pub master: f64,
    /// Lagrangian lower bound from this iteration's duals (`None` when a
    /// worker's pricing was too large to be exact).
    pub bound: Option<f64>,
    /// Columns in the master after the iteration.
    pub columns: usize,
    /// Seconds since the start.
    pub seconds: f64,
}

/// The result of [`decompose`].
#[derive(Debug, Clone)]
pub struct Decomposition {
    /// Every iteration, in order.
    pub iterations: Vec<DecompositionStep>,
    /// True when no worker had a schedule of negative reduced cost: the
    /// last master value is then the decomposition's LP bound.
    pub converged: bool,
    /// The decomposition's LP bound (the master LP value at convergence).
    pub lp_bound: Option<f64>,
    /// The best Lagrangian lower bound seen (valid at every iteration; equal
    /// to `lp_bound` at convergence, up to round-off).
    pub lower_bound: Option<f64>,
    /// The restricted master MIP's roster, evaluated and confirmed by the
    /// checker (objective = checker's cost), when asked and found. Its
    /// `dual_bound` is `lower_bound`.
    pub plan: Option<Plan>,
    /// The compact model's LP relaxation value, when asked
    /// ([`DecompositionOptions::compact_lp`]).
    pub compact_lp: Option<f64>,
    /// Candidates chosen by the master MIP, to seed another solve.
    pub(crate) chosen: Vec<usize>,
    /// Every column generated: (worker, candidates).
    pub(crate) columns: Vec<(usize, Vec<usize>)>,
    /// Seconds of the column generation, then of the master MIP.
    pub seconds: (f64, f64),
}

/// Runs the decomposition by worker on `s`: column generation to the LP
/// bound (or the time limit), then the restricted master as a MIP.
///
/// Errors: [`Error::DecompositionUnsupported`] when the scenario has a rule
/// the pricing does not model exactly (production rows, weekly hours, ...);
/// [`Error::Infeasible`] when a worker has no schedule keeping their rules.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nrp/Instance1.txt"))?;
/// let s = flexline::formats::NrpInstance::parse(&text)?.to_scenario("Instance1");
/// let d = flexline::decompose(&s, &Default::default())?;
/// assert!(d.converged);
/// let plan = d.plan.expect("a roster");
/// // The bound never exceeds the roster's objective.
/// assert!(d.lower_bound.unwrap() <= plan.status.objective.unwrap() + 1e-6);
/// assert!(flexline::check::check(&s, &plan.roster).is_feasible());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decompose(s: &Scenario, options: &DecompositionOptions) -> Result<Decomposition, Error> {
    s.validate().map_err(Error::Invalid)?;
    let t0 = Instant::now();
    let p = Prepared::new(s);
    let f = Formulation::build(&p);
    if let Some(rule) = unsupported(&p, &f) {
        return Err(Error::DecompositionUnsupported { rule });
    }
    let (cover, cand_rows) = cover_rows(&f);
    let nets: Vec<WorkerNet> = (0..s.workers.len())
        .map(|w| worker_net(&p, &f, &cand_rows, w))
        .collect();
    let cal = calendar(&p);
    let mut m = Master::new(cover.clone(), nets.len(), options.threads, options.seed)?;
    let mut seen: HashSet<(usize, Vec<usize>)> = HashSet::new();
    let column = |w: usize, cands: Vec<usize>| -> Column {
        let mut rows: std::collections::BTreeMap<usize, f64> = Default::default();
        for &c in &cands {
            for &r in &cand_rows[c] {
                *rows.entry(r).or_default() += 1.0;
            }
        }
        Column {
            worker: w,
            cost: cands.iter().map(|&c| f.costs[f.x[c]]).sum(),
            cands,
            rows: rows.into_iter().collect(),
        }
    };
    // First columns: each worker's cheapest schedule with no cover, and with
    // every requirement open (duals at the under weights).
    let open: Vec<f64> = cover
        .iter()
        .map(|r| r.under.map_or(0.0, |(c, _)| c))
        .collect();
    for duals in [vec![0.0; cover.len()], open] {
        for (w, net) in nets.iter().enumerate() {
            match pricing::price(net, &cal, &duals, 1) {
                Priced::Found(found) => {
                    for (_, cands) in found {
                        if seen.insert((w, cands.clone())) {
                            m.add(column(w, cands))?;
                        }
                    }
                }
                Priced::Infeasible => return Err(Error::Infeasible { backend: "highs" }),
                Priced::TooLarge => {
                    return Err(Error::DecompositionUnsupported {
                        rule: format!(
                            "worker {}: the pricing's state space is too large (over {} labels)",
                            s.workers[w].id,
                            pricing::MAX_LABELS
                        ),
                    })
                }
            }
        }
    }
    let offset = f.offset;
    let mut iterations = Vec::new();
    let mut best_bound: Option<f64> = None;
    let mut converged = false;
    let mut last_value;
    loop {
        let lp = m.solve()?;
        last_value = lp.value + offset;
        let mut bound = Some(m.fixed_part(&lp.cover_duals) + offset);
        let mut added = 0;
        for (w, net) in nets.iter().enumerate() {
            match pricing::price(net, &cal, &lp.cover_duals, COLUMNS_PER_WORKER) {
                Priced::Found(found) => {
                    if let (Some(b), Some((best, _))) = (bound.as_mut(), found.first()) {
                        *b += best;
                    }
                    for (rc, cands) in found {
                        if rc - lp.convexity_duals[w] < -REDUCED_COST_TOLERANCE
                            && seen.insert((w, cands.clone()))
                        {
                            m.add(column(w, cands))?;
                            added += 1;
                        }
                    }
                }
                Priced::Infeasible => return Err(Error::Infeasible { backend: "highs" }),
                Priced::TooLarge => bound = None,
            }
        }
        if let Some(b) = bound {
            best_bound = Some(best_bound.map_or(b, |x: f64| x.max(b)));
        }
        iterations.push(DecompositionStep {
            master: last_value,
            bound,
            columns: m.columns.len(),
            seconds: t0.elapsed().as_secs_f64(),
        });
        if added == 0 && bound.is_some() {
            converged = true;
            break;
        }
        let out_of_time = options
            .time_limit
            .is_some_and(|t| t0.elapsed().as_secs_f64() >= t);
        let out_of_iterations = options
            .max_iterations
            .is_some_and(|n| iterations.len() >= n);
        if out_of_time || out_of_iterations || added == 0 {
            break;
        }
    }
    let cg_seconds = t0.elapsed().as_secs_f64();
    let lp_bound = converged.then_some(last_value);
    let lower_bound = if converged {
        // At convergence the master value is itself a bound.
        Some(best_bound.map_or(last_value, |b| b.max(last_value)))
    } else {
        best_bound
    };
    let mut plan = None;
    let mut chosen_cands = Vec::new();
    let t1 = Instant::now();
    if options.integer {
        if let Some((value, chosen, _)) =
            m.solve_integer(options.integer_seconds, options.seed)?
        {
            chosen_cands = chosen
                .iter()
                .flat_map(|&j| m.columns[j].cands.iter().copied())
                .collect();
            let objective = value + offset;
            plan = Some(checked_plan(
                &p,
                &chosen_cands,
                objective,
                lower_bound,
                f.columns.len(),
                f.constraints.len(),
                t0.elapsed().as_secs_f64(),
            )?);
        }
    }
    let compact_lp = if options.compact_lp {
        compact_relaxation(&p, options)
    } else {
        None
    };
    Ok(Decomposition {
        compact_lp,
        columns: m.columns.iter().map(|c| (c.worker, c.cands.clone())).collect(),
        iterations,
        converged,
        lp_bound,
        lower_bound,
        plan,
        chosen: chosen_cands,
        seconds: (cg_seconds, t1.elapsed().as_secs_f64()),
    })
}

/// The compact model's LP relaxation value (objective constant included).
fn compact_relaxation(p: &Prepared<'_>, options: &DecompositionOptions) -> Option<f64> {
    let f = Formulation::build(p);
    let offset = f.offset;
    let solve = crate::SolveOptions {
        threads: options.threads,
        seed: options.seed,
        ..Default::default()
    };
    super::rens::lp_values(f, &solve, crate::solve::MAX_TIME_LIMIT).map(|(_, v)| v + offset)
}

/// The roster of `chosen`, evaluated; an error unless the checker accepts
/// it at the objective the master reported.
fn checked_plan(
    p: &Prepared<'_>,
    chosen: &[usize],
    objective: f64,
    bound: Option<f64>,
    variables: usize,
    constraints: usize,
    seconds: f64,
) -> Result<Plan, Error> {
    let report::Evaluation {
        roster,
        throughput,
        cost,
        unmet,
        cover,
    } = report::evaluate(p, chosen, &[]);
    let checked = crate::check::check(p.s, &roster);
    let fail = |reason: String| Error::Solver {
        backend: "highs",
        reason,
    };
    if !checked.is_feasible() {
        return Err(fail(format!(
            "the decomposition's roster breaks a hard rule: {}",
            checked.violations[0]
        )));
    }
    if (checked.cost.objective - objective).abs() > 1e-6 * objective.abs().max(1.0) {
        return Err(fail(format!(
            "the decomposition's roster costs {} by the checker, not the {} it reported",
            checked.cost.objective, objective
        )));
    }
    // The master's value, up to HiGHS's round-off: report the checker's.
    let objective = checked.cost.objective;
    // Whole weights make every roster's cost whole: the bound rounds up.
    let integral = p.s.cover.iter().all(|c| c.under_weight.fract() == 0.0 && c.over_weight.fract() == 0.0)
        && p.s.requests.iter().all(|r| r.weight.fract() == 0.0)
        && p.cands.iter().all(|c| c.cost.fract() == 0.0);
    let bound = bound.map(|b| if integral { (b - EPS).ceil() } else { b });
    let gap = bound.map(|b| crate::solve::relative_gap(objective, b));
    let optimal = gap.is_some_and(|g| g <= 0.0) || bound.is_some_and(|b| objective <= b + EPS);
    Ok(Plan {
        status: SolveStatus {
            outcome: if optimal {
                Outcome::Optimal
            } else {
                Outcome::Feasible
            },
            backend: Backend::Highs,
            objective: Some(objective),
            dual_bound: bound,
            gap,
            solve_seconds: seconds,
            build_seconds: 0.0,
            variables,
            constraints,
        },
        roster,
        throughput,
        cost,
        unmet,
        cover,
    })
}

/// The master's cover rows, from the compact model's, and for each
/// candidate the rows it counts in.
fn cover_rows(f: &Formulation) -> (Vec<CoverRow>, Vec<Vec<usize>>) {
    let mut cand_of_col = vec![usize::MAX; f.columns.len()];
    for (c, &col) in f.x.iter().enumerate() {
        cand_of_col[col] = c;
    }
    let mut cand_rows = vec![Vec::new(); f.x.len()];
    let mut rows = Vec::with_capacity(f.cover_rows.len());
    for (r, (under, over, xs, required)) in f.cover_rows.iter().enumerate() {
        for &col in xs {
            cand_rows[cand_of_col[col]].push(r);
        }
        rows.push(CoverRow {
            required: *required,
            under: under.map(|u| (f.costs[u], *required)),
            over: over.map(|o| (f.costs[o], xs.len() as f64 - required)),
        });
    }
    (rows, cand_rows)
}

/// Saturdays, Sundays and the succession clashes.
fn calendar(p: &Prepared<'_>) -> Calendar {
    use chrono::{Datelike, Weekday};
    let weekend: Vec<bool> = p
        .dates
        .iter()
        .map(|d| matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect();
    let sunday_after_saturday = (0..p.dates.len())
        .map(|d| d > 0 && p.dates[d].weekday() == Weekday::Sun && p.dates[d - 1].weekday() == Weekday::Sat)
        .collect();
    let n = p.shifts.len();
    let mut clash = vec![vec![false; n]; n];
    let min_rest = crate::prepare::min_rest_minutes(p.s);
    for o1 in &p.occs {
        for o2 in p.occs.iter().filter(|o2| o2.day == o1.day + 1) {
            if o2.start - o1.end < min_rest || p.forbidden.contains(&(o1.shift, o2.shift)) {
                clash[o1.shift][o2.shift] = true;
            }
        }
    }
    Calendar {
        weekend,
        sunday_after_saturday,
        clash,
    }
}

/// Worker `w`'s options and limits.
fn worker_net(p: &Prepared<'_>, f: &Formulation, cand_rows: &[Vec<usize>], w: usize) -> WorkerNet {
    let worker = &p.s.workers[w];
    let nd = p.dates.len();
    let days: Vec<Vec<Opt>> = (0..nd)
        .map(|d| {
            f.cands_of(w, d)
                .iter()
                .map(|&c| {
                    let o = &p.occs[p.cands[c].occ];
                    Opt {
                        cand: c,
                        shift: o.shift,
                        minutes: o.paid_minutes,
                        cost: f.costs[f.x[c]],
                        rows: cand_rows[c].clone(),
                    }
                })
                .collect()
        })
        .collect();
    let k = worker
        .max_consecutive_days
        .map_or(p.s.rules.max_consecutive_days, |m| {
            m.min(p.s.rules.max_consecutive_days)
        }) as usize;
    // Count limits that can bind (as limits.rs writes them).
    let mut count_slot = vec![None; p.shifts.len()];
    let mut count_cap = Vec::new();
    for (t, sh) in p.shifts.iter().enumerate() {
        if let Some(&most) = worker.max_shifts.get(&sh.id) {
            let possible = days.iter().filter(|d| d.iter().any(|o| o.shift == t)).count();
            if possible > most as usize {
                count_slot[t] = Some(count_cap.len());
                count_cap.push(most);
            }
        }
    }
    let most_minutes: i64 = days
        .iter()
        .map(|d| d.iter().map(|o| o.minutes).max().unwrap_or(0))
        .sum();
    let max_minutes = worker
        .max_total_minutes
        .map(i64::from)
        .filter(|&m| most_minutes > m);
    let min_minutes = worker.min_total_minutes.map(i64::from).filter(|&m| m > 0);
    let weekends_possible: HashSet<i64> = {
        let wk = crate::formulation::weekend_of(p);
        (0..nd)
            .filter(|&d| !days[d].is_empty())
            .filter_map(|d| wk[d])
            .collect()
    };
    let max_weekends = worker
        .max_weekends
        .filter(|&m| weekends_possible.len() > m as usize);
    WorkerNet {
        days,
        k,
        m_work: worker.min_consecutive_days.unwrap_or(1).max(1) as usize,
        m_off: worker.min_consecutive_days_off.unwrap_or(1).max(1) as usize,
        min_minutes,
        max_minutes,
        count_slot,
        count_cap,
        max_weekends,
    }
}

/// The first rule of the scenario the decomposition does not model exactly.
fn unsupported(p: &Prepared<'_>, f: &Formulation) -> Option<String> {
    let s = p.s;
    if s.run_borders != RunBorders::Exempt {
        return Some("run borders `history` (the pricing treats the borders as `exempt`)".into());
    }
    if p.hist_days > 0 {
        return Some("a history before the horizon".into());
    }
    if !s.targets.is_empty() || f.has_flow {
        return Some("output targets (the production rows couple workers)".into());
    }
    if !f.home.is_empty() || s.workers.iter().any(|w| w.home.is_some()) {
        return Some("home-based work".into());
    }
    if !s.fairness.is_empty() {
        return Some("fair hours (the fairness rows couple workers)".into());
    }
    // Every other objective term must be an x column or a cover slack.
    let mut priced: HashSet<usize> = f.x.iter().copied().collect();
    for (u, o, _, _) in &f.cover_rows {
        priced.extend(u.iter().chain(o.iter()).copied());
    }
    if let Some(col) = (0..f.columns.len()).find(|&c| f.costs[c] != 0.0 && !priced.contains(&c)) {
        return Some(format!(
            "an objective term beyond assignments, cover and requests (column {col}: overtime, contracted hours or another cost)"
        ));
    }
    let rules = &s.rules;
    for (w, worker) in s.workers.iter().enumerate() {
        let id = &worker.id;
        for (b, &(a, z)) in p.weeks.iter().enumerate() {
            let day_max = |key: &dyn Fn(usize) -> f64| -> f64 {
                (a..=z)
                    .map(|d| f.cands_of(w, d).iter().map(|&c| key(c)).fold(0.0, f64::max))
                    .sum()
            };
            if day_max(&|c| p.cands[c].hours) > p.max_week_hours(w) + EPS {
                return Some(format!("weekly hours of worker {id} (row 3)"));
            }
            if day_max(&|c| p.cands[c].standard_hours) > rules.standard_hours_per_week + EPS {
                return Some(format!("weekly overtime of worker {id} (row 4)"));
            }
            if day_max(&|c| p.cands[c].daily_overtime_hours) > EPS {
                return Some(format!("daily overtime of worker {id} (row 5)"));
            }
            if p.min_week_hours(w, b) > EPS {
                return Some(format!("contracted hours of worker {id} (row 12)"));
            }
            let allowed = (z - a + 1).min(7usize.saturating_sub(rules.min_days_off_per_week as usize));
            if (a..=z).filter(|&d| !f.cands_of(w, d).is_empty()).count() > allowed {
                return Some(format!("days off per week of worker {id} (row 7)"));
            }
        }
    }
    // Minimum rest reaching two dates ahead (the pricing looks one back).
    let min_rest = crate::prepare::min_rest_minutes(s);
    for o1 in &p.occs {
        if p.occs.iter().any(|o2| o2.day == o1.day + 2 && o2.start - o1.end < min_rest) {
            return Some("a minimum rest reaching two dates ahead".into());
        }
    }
    // Workplaces that can bind couple workers. A worker is at most once at
    // a station at any instant (one shift a day, and overlapping shifts on
    // consecutive dates break the rest rule), so a row can bind only when
    // more distinct workers than places have a candidate active at a start.
    let mut per: std::collections::HashMap<(usize, usize), Vec<usize>> = Default::default();
    for c in &p.cands {
        per.entry((c.station, c.occ)).or_default().push(c.worker);
    }
    let mut by_day: Vec<Vec<usize>> = vec![Vec::new(); p.dates.len()];
    for (i, o) in p.occs.iter().enumerate() {
        by_day[o.day].push(i);
    }
    for (st, station) in p.stations.iter().enumerate() {
        for (o0, occ) in p.occs.iter().enumerate() {
            if !per.contains_key(&(st, o0)) {
                continue;
            }
            let t = occ.start;
            // Shifts are shorter than two days: only the same and the two
            // dates before can overlap a start.
            let people: HashSet<usize> = by_day[occ.day.saturating_sub(2)..=occ.day]
                .iter()
                .flatten()
                .filter(|&&o| p.occs[o].start <= t && t < p.occs[o].end)
                .flat_map(|&o| per.get(&(st, o)).into_iter().flatten().copied())
                .collect();
            if people.len() > station.station.workplaces as usize {
                return Some(format!("workplaces of station {} (row 8)", station.station.id));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nrp(n: u32) -> Scenario {
        let path = format!("{}/tests/data/nrp/Instance{n}.txt", env!("CARGO_MANIFEST_DIR"));
        crate::formats::NrpInstance::from_file(path)
            .expect("instance")
            .to_scenario(&format!("Instance{n}"))
    }

    #[test]
    fn every_column_keeps_its_workers_rules() {
        for n in [1, 2, 3] {
            let s = nrp(n);
            let d = decompose(
                &s,
                &DecompositionOptions {
                    threads: Some(1),
                    compact_lp: true,
                    ..Default::default()
                },
            )
            .expect("decompose");
            let p = Prepared::new(&s);
            for (w, cands) in &d.columns {
                let sub = crate::solve::warm::for_workers(&s, &[*w], &Default::default());
                let roster = report::roster(&p, cands);
                let r = crate::check::check(&sub, &roster);
                assert!(r.is_feasible(), "Instance{n} worker {w}: {:?}", r.violations);
            }
            eprintln!(
                "Instance{n}: lp {:?} compact {:?} objective {:?}",
                d.lp_bound,
                d.compact_lp,
                d.plan.as_ref().and_then(|p| p.status.objective)
            );
        }
    }
}
