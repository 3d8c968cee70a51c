//! Which station to give the flexible shift, and how much stock it needs.

use serde::{Deserialize, Serialize};

use super::{compare_designs, dedicated_edits, merge_into, CompareOptions, Design, Designs};
use super::{Edit, LayoutResult};
use crate::error::Error;
use crate::model::{LineId, Scenario, ShiftId, ShiftKind, StationId};

/// The sweep's designs for `line`: for every station S of the line,
/// `flexible_at:S` (the line runs every shift, but only S runs the
/// flexible ones, and carers may work only at S) and `dedicated:S` (the
/// line runs its other shifts; a copy of the whole line with half of
/// every station's workplaces and half of the targets runs the flexible
/// shifts, and carers may work there only at S's copy; see
/// [`Edit::Split`]). A base with several lines is first merged into `line`
/// ([`Edit::MergeLines`]), so every carer and target is on it. A design
/// whose edits do not fit (e.g. no worker may work at a station) is
/// skipped with the reason.
///
/// Errors ([`Error::Layout`]): no such line; no flexible or no other shift.
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/motor_factory_week.json"))?;
/// let base = flexline::Scenario::from_json_str(&json)?;
/// let d = flexline::layout::sweep_designs(&base, &"regular".into())?;
/// let names: Vec<&str> = d.designs.iter().map(|d| d.name.as_str()).collect();
/// assert!(names.contains(&"flexible_at:assembly") && names.contains(&"dedicated:assembly"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sweep_designs(base: &Scenario, line: &LineId) -> Result<Designs, Error> {
    let err = |message: String| Error::Layout {
        layout: format!("sweep {line}"),
        message,
    };
    if base.line(line).is_none() {
        let known: Vec<&str> = base.lines.iter().map(|l| l.id.as_str()).collect();
        return Err(err(format!(
            "no line `{}`; give one of {known:?}",
            crate::text::shown(line.as_str())
        )));
    }
    let mut pre = Vec::new();
    let merged = if base.lines.len() > 1 {
        pre.push(Edit::MergeLines { into: line.clone() });
        merge_into(base, line).map_err(err)?
    } else {
        base.clone()
    };
    let Some(the_line) = merged.line(line) else {
        return Err(err("the line vanished in the merge".into()));
    };
    let mut all: Vec<ShiftId> = the_line.shifts.clone();
    for t in &base.shifts {
        if t.kind == ShiftKind::Flexible && !all.contains(&t.id) {
            all.push(t.id.clone());
        }
    }
    let flexible = |id: &ShiftId| {
        base.shift(id)
            .is_some_and(|s| s.kind == ShiftKind::Flexible)
    };
    let others: Vec<ShiftId> = all.iter().filter(|id| !flexible(id)).cloned().collect();
    if others.len() == all.len() {
        return Err(err(
            "the scenario has no shift of kind \"flexible\"; add one (e.g. 08:00–16:30)".into(),
        ));
    }
    if others.is_empty() {
        return Err(err(
            "the line would run only flexible shifts everywhere; add a regular shift".into(),
        ));
    }
    let mut line_with_all = the_line.clone();
    line_with_all.shifts = all.clone();
    let mut out = Designs::default();
    let push = |name: String, edits: Vec<Edit>, out: &mut Designs| match Design::build(
        &name, base, &edits,
    ) {
        Ok(d) => out.designs.push(d),
        Err(issues) => {
            let mut why: Vec<String> = issues
                .iter()
                .take(2)
                .map(|i| format!("[{}] {}: {}", i.code.as_str(), i.entity, i.message))
                .collect();
            if issues.len() > 2 {
                why.push(format!("and {} more", issues.len() - 2));
            }
            out.skipped.push((name, why.join("; ")));
        }
    };
    for s in &the_line.stations {
        let mut edits = pre.clone();
        edits.push(Edit::LineShifts {
            line: line.clone(),
            shifts: all.clone(),
        });
        for t in &the_line.stations {
            if t.id != s.id {
                edits.push(Edit::StationShifts {
                    station: t.id.clone(),
                    shifts: others.clone(),
                });
            }
        }
        edits.push(Edit::StationShifts {
            station: s.id.clone(),
            shifts: all.clone(),
        });
        edits.push(Edit::WorkersOnlyAt {
            workers: Vec::new(),
            carers: true,
            stations: vec![s.id.clone()],
        });
        push(format!("flexible_at:{}", s.id), edits, &mut out);
    }
    for (si, s) in the_line.stations.iter().enumerate() {
        let mut edits = pre.clone();
        edits.extend(dedicated_edits(base, &line_with_all, Some(si)));
        let before = out.designs.len();
        push(format!("dedicated:{}", s.id), edits, &mut out);
        if let Some(d) = out.designs.get_mut(before) {
            // Follow the stock in front of the carers' station on the
            // flexible line (none in front of a first station).
            d.watch = d
                .scenario
                .lines
                .last()
                .and_then(|l| l.stations.get(si))
                .map(|st| st.id.clone());
        }
    }
    Ok(out)
}

/// Orders results best first: the highest P(target met), then the highest
/// attainment, then the lowest cost per unit (none last), the most carers
/// employed, the name. Cost per unit comes after output because a layout
/// that makes fewer units is often cheaper per unit it does make.
///
/// ```
/// let mut rows: Vec<flexline::layout::LayoutResult> = Vec::new();
/// flexline::layout::rank(&mut rows);
/// ```
pub fn rank(rows: &mut [LayoutResult]) {
    rows.sort_by(|a, b| {
        let c = |r: &LayoutResult| r.cost_per_unit.unwrap_or(f64::INFINITY);
        let att = |r: &LayoutResult| (r.attainment * 1000.0).round();
        b.p_target_met
            .total_cmp(&a.p_target_met)
            .then(att(b).total_cmp(&att(a)))
            .then(c(a).total_cmp(&c(b)))
            .then(b.carers_employed.cmp(&a.carers_employed))
            .then(a.layout.cmp(&b.layout))
    });
}

/// The sweep: every design of [`sweep_designs`] solved, checked and
/// simulated (several at once), ranked by [`rank`]. Returns the rows and
/// the skipped designs with their reasons.
///
/// ```no_run
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/motor_factory_week.json"))?;
/// let base = flexline::Scenario::from_json_str(&json)?;
/// let mut o = flexline::layout::CompareOptions::default();
/// o.solve.time_limit = Some(10.0);
/// let (rows, _skipped) = flexline::layout::sweep(&base, &"regular".into(), &o)?;
/// println!("best: {}", rows[0].layout);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sweep(
    base: &Scenario,
    line: &LineId,
    options: &CompareOptions,
) -> Result<(Vec<LayoutResult>, Skipped), Error> {
    options.check()?;
    let d = sweep_designs(base, line)?;
    let mut rows = compare_designs(&d.designs, options)?;
    rank(&mut rows);
    Ok((rows, d.skipped))
}

/// Designs skipped: (name, why).
pub type Skipped = Vec<(String, String)>;

/// What the buffer search looks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BufferSearch {
    /// The smallest acceptable P(target met).
    pub p_min: f64,
    /// Sizes tried are multiples of this many units.
    pub step: f64,
    /// The largest size tried.
    pub max_size: f64,
}

impl BufferSearch {
    /// A search for `p_min` in steps of 10 units up to 2,000.
    ///
    /// ```
    /// let s = flexline::layout::BufferSearch::new(0.9);
    /// assert_eq!(s.step, 10.0);
    /// ```
    pub fn new(p_min: f64) -> Self {
        BufferSearch {
            p_min,
            step: 10.0,
            max_size: 2000.0,
        }
    }

    fn check(&self) -> Result<(), Error> {
        let bad = |option: &'static str, message: String| Error::InvalidOptions {
            options: "layout",
            option,
            message,
        };
        if !(self.p_min.is_finite() && (0.0..=1.0).contains(&self.p_min)) {
            return Err(bad(
                "p_min",
                format!(
                    "{}; give a probability from 0 to 1",
                    crate::text::number(self.p_min)
                ),
            ));
        }
        if !(self.step.is_finite() && self.step >= 1.0) {
            return Err(bad(
                "step",
                format!("{}; give at least 1 unit", crate::text::number(self.step)),
            ));
        }
        if !(self.max_size.is_finite() && self.max_size >= 0.0 && self.max_size <= 1e9) {
            return Err(bad(
                "max_size",
                format!(
                    "{}; give 0 to 1e9 units",
                    crate::text::number(self.max_size)
                ),
            ));
        }
        if self.max_size / self.step > 1e6 {
            return Err(bad(
                "step",
                "more than a million sizes up to max_size; give a larger step".into(),
            ));
        }
        Ok(())
    }
}

/// One size tried.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BufferPoint {
    /// Buffer capacity and initial stock, units.
    pub size: f64,
    /// P(target met) with absences.
    pub p_target_met: f64,
    /// Its standard error.
    pub std_error: f64,
    /// Wages per finished unit.
    pub cost_per_unit: Option<f64>,
    /// Finished units (planned, nobody absent).
    pub finished_units: f64,
    /// Checker and restriction violations (0 for a sound roster).
    pub checker_violations: usize,
}

/// The smallest buffer found and the curve walked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BufferSizing {
    /// The design.
    pub layout: String,
    /// The flexible station.
    pub station: StationId,
    /// The buffers sized: in front of the station (unless it is its line's
    /// first) and in front of the station after it (if any).
    pub buffers: Vec<StationId>,
    /// The level asked for.
    pub p_min: f64,
    /// The smallest size on the grid with P(target met) ≥ `p_min`, if
    /// any up to `max_size`.
    pub size: Option<f64>,
    /// Every size solved, ascending.
    pub curve: Vec<BufferPoint>,
    /// The full result at `size`.
    pub result: Option<LayoutResult>,
}

/// The design with the buffers in front of `buffers` set to capacity and
/// initial stock `size` (named `<name> buffer <size>`).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// let base = flexline::Scenario::from_json_str(&json)?;
/// let d = flexline::layout::Design::as_given("base", &base);
/// let b = flexline::layout::with_buffer(&d, &["asm".into()], 12.0);
/// assert_eq!(b.scenario.lines[0].stations[1].buffer_capacity, Some(12.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn with_buffer(design: &Design, buffers: &[StationId], size: f64) -> Design {
    let mut d = design.clone();
    for line in &mut d.scenario.lines {
        for st in &mut line.stations {
            if buffers.contains(&st.id) {
                st.buffer_capacity = Some(size);
                st.initial_stock = size;
            }
        }
    }
    d.name = format!("{} buffer {}", design.name, crate::text::number(size));
    d
}

/// Finds the smallest buffer around the flexible station (`station`, or
/// the design's [`Design::watch`]) that keeps P(target met) ≥
/// `search.p_min`: a size *b* sets the capacity and the initial stock of
/// the buffer in front of the station and of the one after it to *b*
/// units. Each size is re-solved and simulated; the search assumes P
/// grows with *b* (more stock and room never lower a fixed roster's
/// output) — it tries 0, then doubles (1, 2, 4, … steps) until the level is
/// met, then bisects between the last size below and the first above.
/// Every size tried is in the curve, so a non-monotone stretch is visible.
///
/// Errors: [`Error::InvalidOptions`] for a bad search; [`Error::Layout`]
/// when no station is named or it has no buffer around it.
///
/// ```no_run
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/motor_factory_week.json"))?;
/// use flexline::layout::{size_buffer, sweep_designs, BufferSearch, CompareOptions};
/// let base = flexline::Scenario::from_json_str(&json)?;
/// let d = sweep_designs(&base, &"regular".into())?;
/// let design = d.designs.iter().find(|d| d.name == "flexible_at:assembly").unwrap();
/// let found = size_buffer(design, None, &BufferSearch::new(0.9), &CompareOptions::default())?;
/// println!("{:?} units after {} solves", found.size, found.curve.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn size_buffer(
    design: &Design,
    station: Option<&StationId>,
    search: &BufferSearch,
    options: &CompareOptions,
) -> Result<BufferSizing, Error> {
    options.check()?;
    search.check()?;
    let err = |message: String| Error::Layout {
        layout: design.name.clone(),
        message,
    };
    let Some(station) = station.or(design.watch.as_ref()).cloned() else {
        return Err(err(
            "it singles out no flexible station; name the station whose buffers to size".into(),
        ));
    };
    let Some(line) = design
        .scenario
        .lines
        .iter()
        .find(|l| l.stations.iter().any(|s| s.id == station))
    else {
        return Err(err(format!(
            "no station `{}`",
            crate::text::shown(station.as_str())
        )));
    };
    let si = line
        .stations
        .iter()
        .position(|s| s.id == station)
        .unwrap_or(0);
    let mut buffers = Vec::new();
    if si > 0 {
        buffers.push(station.clone());
    }
    if let Some(next) = line.stations.get(si + 1) {
        buffers.push(next.id.clone());
    }
    if buffers.is_empty() {
        return Err(err(format!(
            "station `{station}` is alone on its line: it has no buffer around it"
        )));
    }
    let top = (search.max_size / search.step).ceil() as u64;
    let size_of = |k: u64| (k as f64 * search.step).min(search.max_size);
    let mut tried: Vec<(u64, LayoutResult)> = Vec::new();
    let mut eval = |k: u64| -> Result<bool, Error> {
        if let Some((_, r)) = tried.iter().find(|(j, _)| *j == k) {
            return Ok(r.p_target_met >= search.p_min);
        }
        let d = with_buffer(design, &buffers, size_of(k));
        d.scenario.validate().map_err(Error::Invalid)?;
        let r = compare_designs(std::slice::from_ref(&d), options)?
            .pop()
            .ok_or_else(|| err("no result".into()))?;
        let ok = r.p_target_met >= search.p_min;
        tried.push((k, r));
        Ok(ok)
    };
    let found = if eval(0)? {
        Some(0)
    } else {
        let mut lo = 0u64;
        let mut hi = None;
        let mut k = 1u64;
        while k < top {
            if eval(k)? {
                hi = Some(k);
                break;
            }
            lo = k;
            k *= 2;
        }
        if hi.is_none() && top > lo && eval(top)? {
            hi = Some(top);
        }
        if let Some(mut h) = hi {
            while h - lo > 1 {
                let mid = lo + (h - lo) / 2;
                if eval(mid)? {
                    h = mid;
                } else {
                    lo = mid;
                }
            }
            Some(h)
        } else {
            None
        }
    };
    tried.sort_by_key(|(k, _)| *k);
    let curve = tried
        .iter()
        .map(|(k, r)| BufferPoint {
            size: size_of(*k),
            p_target_met: r.p_target_met,
            std_error: r.p_target_met_std_error,
            cost_per_unit: r.cost_per_unit,
            finished_units: r.finished_units,
            checker_violations: r.checker_violations,
        })
        .collect();
    let result = found.and_then(|f| tried.iter().find(|(k, _)| *k == f).map(|(_, r)| r.clone()));
    Ok(BufferSizing {
        layout: design.name.clone(),
        station,
        buffers,
        p_min: search.p_min,
        size: found.map(size_of),
        curve,
        result,
    })
}
