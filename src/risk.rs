//! Absence risk: how likely a roster meets its targets when people are
//! sometimes absent (a sick child).
//!
//! Model: every worker is absent on each date they are rostered with their
//! own probability ([`crate::Worker::absence_probability`], or the default
//! for their contract kind, [`AbsenceDefaults`]), independently across
//! workers and dates. Nobody replaces an absent worker: their station loses
//! the capacity they would have brought. Each sample runs the roster's flow
//! on the clock (the same flow as the plan's throughput, [`crate::flow`]) and
//! credits the targets with the same rules. The sampler is a
//! seeded SplitMix64: the same seed gives the same report.
//!
//! ```
//! # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
//! let scenario = flexline::Scenario::from_json_str(&json)?;
//! let plan = flexline::solve(&scenario, &Default::default())?;
//! let opts = flexline::risk::RiskOptions { samples: 2_000, seed: 7, ..Default::default() };
//! let risk = flexline::risk::simulate(&scenario, &plan.roster, &opts)?;
//! assert_eq!(risk.samples, 2_000);
//! assert!(risk.total.p10 <= risk.total.p50 && risk.total.p50 <= risk.total.p90);
//! assert!(risk.total.p90 <= risk.total.planned + 1e-9);
//! // Deterministic per seed.
//! assert_eq!(risk, flexline::risk::simulate(&scenario, &plan.roster, &opts)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::clock::LineFlow;
use crate::error::Error;
use crate::flow::Engine;
use crate::model::{ContractKind, LineId, Scenario, TargetId, TargetKind};
use crate::report::Roster;
use crate::tolerance::EPS;

/// Default absence probabilities per rostered date, by contract kind.
///
/// The defaults are planning assumptions, not data: 3 % for regular
/// contracts (about one day in a month of shifts), 6 % for flexible
/// contracts (carers of young children are absent more often: a sick child,
/// a closed school) and 4 % for home-based workers. Override them here for
/// a whole contract kind, or per worker with `absence_probability`.
///
/// ```
/// let d = flexline::risk::AbsenceDefaults::default();
/// assert!(d.flexible > d.regular);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AbsenceDefaults {
    /// Regular contracts.
    pub regular: f64,
    /// Flexible-hours contracts.
    pub flexible: f64,
    /// Home-based workers.
    pub home_based: f64,
}

impl Default for AbsenceDefaults {
    fn default() -> Self {
        Self {
            regular: 0.03,
            flexible: 0.06,
            home_based: 0.04,
        }
    }
}

impl AbsenceDefaults {
    /// The default for a contract kind.
    ///
    /// ```
    /// let d = flexline::risk::AbsenceDefaults::default();
    /// assert_eq!(d.of(flexline::ContractKind::Flexible), 0.06);
    /// ```
    pub fn of(&self, kind: ContractKind) -> f64 {
        match kind {
            ContractKind::Regular => self.regular,
            ContractKind::Flexible => self.flexible,
            ContractKind::HomeBased => self.home_based,
        }
    }
}

/// How to simulate.
///
/// ```
/// let o = flexline::risk::RiskOptions::default();
/// assert_eq!(o.samples, 10_000);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RiskOptions {
    /// Number of simulated weeks (horizons); at least 1.
    pub samples: usize,
    /// Seed of the sampler.
    pub seed: u64,
    /// Absence probabilities by contract kind (a worker's own
    /// `absence_probability` wins).
    pub defaults: AbsenceDefaults,
}

impl Default for RiskOptions {
    fn default() -> Self {
        Self {
            samples: 10_000,
            seed: 0,
            defaults: AbsenceDefaults::default(),
        }
    }
}

/// A probability estimated from the samples, with its standard error
/// `sqrt(p (1 − p) / n)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Probability {
    /// The estimate.
    pub p: f64,
    /// Its standard error.
    pub std_error: f64,
}

/// The distribution of an output quantity over the samples.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    /// With nobody absent.
    pub planned: f64,
    /// Sample mean.
    pub mean: f64,
    /// Standard error of the mean.
    pub std_error: f64,
    /// 10th percentile (nearest rank).
    pub p10: f64,
    /// Median (nearest rank).
    pub p50: f64,
    /// 90th percentile (nearest rank).
    pub p90: f64,
}

/// Finished units of one line in one 7-day block of the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineWeekRisk {
    /// The line.
    pub line: LineId,
    /// First date of the block.
    pub first_date: NaiveDate,
    /// Last date of the block (a short last block ends with the horizon).
    pub last_date: NaiveDate,
    /// Finished units (by the date the shifts start).
    pub finished: Distribution,
}

/// How one target fares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetRisk {
    /// The target.
    pub target: TargetId,
    /// Its line.
    pub line: LineId,
    /// Its date.
    pub date: NaiveDate,
    /// Units wanted.
    pub target_units: f64,
    /// Probability the credited units reach the target (within 1e-6).
    pub p_met: Probability,
    /// Mean units credited.
    pub mean_credited: f64,
}

/// What the simulation found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskReport {
    /// Samples drawn.
    pub samples: usize,
    /// The seed.
    pub seed: u64,
    /// Per line and 7-day block.
    pub lines: Vec<LineWeekRisk>,
    /// Per target, scenario order.
    pub targets: Vec<TargetRisk>,
    /// Finished units over the horizon, all lines.
    pub total: Distribution,
    /// The scenario's demand ([`demand_units`]).
    pub demand_units: f64,
    /// Probability that `total` reaches `demand_units`.
    pub p_demand_met: Probability,
    /// Probability that every target is met.
    pub p_all_targets_met: Probability,
}

/// The units a scenario asks for over its horizon: per line, the larger of
/// the sum of its `on_date` targets and its largest `by_date` target (a
/// `by_date` milestone usually restates the same units), summed over lines.
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/motor_factory_week.json"))?;
/// let scenario = flexline::Scenario::from_json_str(&json)?;
/// // regular line 5 × 360 + 180, mom line 5 × 280 (its weekly by_date 1400 restates them)
/// assert_eq!(flexline::risk::demand_units(&scenario), 1980.0 + 1400.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn demand_units(s: &Scenario) -> f64 {
    s.lines
        .iter()
        .map(|l| {
            let mine = s.targets.iter().filter(|t| t.line == l.id);
            let on: f64 = mine
                .clone()
                .filter(|t| t.kind != TargetKind::ByDate)
                .map(|t| t.units)
                .sum();
            let by = mine
                .filter(|t| t.kind == TargetKind::ByDate)
                .map(|t| t.units)
                .fold(0.0, f64::max);
            on.max(by)
        })
        .sum()
}

/// Most samples accepted (a million gives probabilities to about ±0.05 %).
pub const MAX_SAMPLES: usize = 1_000_000;

/// Runs the Monte Carlo simulation of `roster`.
///
/// Errors: [`Error::InvalidOptions`] for `samples` = 0 or above
/// [`MAX_SAMPLES`], or a default probability outside [0, 1];
/// [`Error::InvalidRoster`] as for [`crate::flow::estimate`].
pub fn simulate(s: &Scenario, roster: &Roster, opts: &RiskOptions) -> Result<RiskReport, Error> {
    if opts.samples == 0 || opts.samples > MAX_SAMPLES {
        return Err(Error::InvalidOptions {
            options: "risk",
            option: "samples",
            message: format!(
                "{}; give 1 to {MAX_SAMPLES} (10,000 gives probabilities to about ±0.5 %)",
                opts.samples
            ),
        });
    }
    for (name, q) in [
        ("defaults.regular", opts.defaults.regular),
        ("defaults.flexible", opts.defaults.flexible),
        ("defaults.home_based", opts.defaults.home_based),
    ] {
        if !(q.is_finite() && (0.0..=1.0).contains(&q)) {
            return Err(Error::InvalidOptions {
                options: "risk",
                option: name,
                message: format!("{q}; give a probability between 0 and 1"),
            });
        }
    }
    let engine = Engine::new(s, roster)?;
    let n = engine.n_days;
    // Absence thresholds on the raw 64-bit draw.
    let thresholds: Vec<Option<u64>> = engine
        .attendance
        .iter()
        .map(|a| {
            let w = &s.workers[a.worker];
            let q = w
                .absence_probability
                .unwrap_or_else(|| opts.defaults.of(w.contract));
            threshold(q)
        })
        .collect();
    let blocks: Vec<(usize, usize)> = (0..n).step_by(7).map(|a| (a, (a + 7).min(n))).collect();
    let nl = engine.lines.len();
    let nt = s.targets.len();
    let samples = opts.samples;
    // Results per sample: line-week finished, total finished, credits.
    let mut week_vals = vec![vec![0.0; samples]; nl * blocks.len()];
    let mut total_vals = vec![0.0; samples];
    let mut met = vec![0usize; nt];
    let mut credited_sum = vec![0.0; nt];
    let mut all_met = 0usize;
    let mut demand_met = 0usize;
    let demand = demand_units(s);

    let mut rng = crate::rng::SplitMix64(opts.seed);
    let mut cap: Vec<Vec<f64>> = engine.lines.iter().map(|l| l.cap.clone()).collect();
    let mut out = LineFlow::default();
    let mut finished = vec![0.0; n];
    let mut credit = vec![0.0; nt];

    let mut run = |cap: &[Vec<f64>], credit: &mut Vec<f64>| {
        let mut line_days = vec![vec![0.0; n]; nl];
        for (li, le) in engine.lines.iter().enumerate() {
            if le.k == 0 {
                continue;
            }
            engine.run_line(le, &cap[li], &mut out);
            engine.finished(le, &out.produced, &mut finished);
            crate::clock::credit(&le.dues, &finished, credit);
            line_days[li].copy_from_slice(&finished);
        }
        line_days
    };
    // The plan with nobody absent.
    let planned_days = run(&cap, &mut credit);
    let planned_week: Vec<f64> = (0..nl)
        .flat_map(|li| {
            let days = &planned_days[li];
            blocks
                .iter()
                .map(move |&(a, b)| days[a..b].iter().sum::<f64>())
        })
        .collect();
    let planned_total: f64 = planned_days.iter().flatten().sum();

    let mut touched: Vec<usize> = Vec::new();
    for sample in 0..samples {
        touched.clear();
        for (ai, thr) in thresholds.iter().enumerate() {
            let Some(thr) = *thr else { continue };
            if rng.next() < thr || thr == u64::MAX {
                touched.push(ai);
                for c in &engine.attendance[ai].contributions {
                    cap[c.line][c.pos * engine.nk + c.interval] -= c.units;
                }
            }
        }
        let days = run(&cap, &mut credit);
        let mut total = 0.0;
        for (li, d) in days.iter().enumerate() {
            for (bi, &(a, b)) in blocks.iter().enumerate() {
                let v: f64 = d[a..b].iter().sum();
                week_vals[li * blocks.len() + bi][sample] = v;
                total += v;
            }
        }
        total_vals[sample] = total;
        if total >= demand - EPS * demand.max(1.0) {
            demand_met += 1;
        }
        let mut every = true;
        for (t, target) in s.targets.iter().enumerate() {
            credited_sum[t] += credit[t];
            if credit[t] >= target.units - EPS * target.units.max(1.0) {
                met[t] += 1;
            } else {
                every = false;
            }
        }
        if every {
            all_met += 1;
        }
        // Restore the capacities the absences took.
        for &ai in &touched {
            for c in &engine.attendance[ai].contributions {
                cap[c.line][c.pos * engine.nk + c.interval] += c.units;
            }
        }
        if !touched.is_empty() {
            // Undo rounding drift exactly.
            for (li, le) in engine.lines.iter().enumerate() {
                cap[li].copy_from_slice(&le.cap);
            }
        }
    }

    let dates = s.horizon.dates();
    let mut lines = Vec::new();
    for (li, le) in engine.lines.iter().enumerate() {
        for (bi, &(a, b)) in blocks.iter().enumerate() {
            let ix = li * blocks.len() + bi;
            lines.push(LineWeekRisk {
                line: s.lines[le.line].id.clone(),
                first_date: dates[a],
                last_date: dates[b - 1],
                finished: distribution(planned_week[ix], &mut week_vals[ix]),
            });
        }
    }
    let targets = s
        .targets
        .iter()
        .enumerate()
        .map(|(t, target)| TargetRisk {
            target: target.id.clone(),
            line: target.line.clone(),
            date: target.date,
            target_units: target.units,
            p_met: probability(met[t], samples),
            mean_credited: credited_sum[t] / samples as f64,
        })
        .collect();
    Ok(RiskReport {
        samples,
        seed: opts.seed,
        lines,
        targets,
        total: distribution(planned_total, &mut total_vals),
        demand_units: demand,
        p_demand_met: probability(demand_met, samples),
        p_all_targets_met: probability(all_met, samples),
    })
}

/// Draws below the threshold mean "absent"; `None` = never absent;
/// `u64::MAX` = always.
fn threshold(q: f64) -> Option<u64> {
    if q.is_nan() || q <= 0.0 {
        None
    } else if q >= 1.0 {
        Some(u64::MAX)
    } else {
        Some((q * 18_446_744_073_709_551_616.0) as u64)
    }
}

fn probability(hits: usize, n: usize) -> Probability {
    let p = hits as f64 / n as f64;
    Probability {
        p,
        std_error: (p * (1.0 - p) / n as f64).sqrt(),
    }
}

fn distribution(planned: f64, values: &mut [f64]) -> Distribution {
    let n = values.len();
    let mean = values.iter().sum::<f64>() / n as f64;
    let var = if n > 1 {
        values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64
    } else {
        0.0
    };
    values.sort_by(f64::total_cmp);
    let rank = |q: f64| values[((q * n as f64).ceil() as usize).clamp(1, n) - 1];
    Distribution {
        planned,
        mean,
        std_error: (var / n as f64).sqrt(),
        p10: rank(0.1),
        p50: rank(0.5),
        p90: rank(0.9),
    }
}
