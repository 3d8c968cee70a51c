//! Layouts as data: edits on a base scenario, layout files, validation.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Layout;
use crate::error::Error;
use crate::model::{
    CareWindow, ContractKind, Line, LineId, Scenario, ShiftId, ShiftKind, StationId, Worker,
    WorkerId,
};

/// One change to a scenario. Edits apply in order; each names what it
/// changes by id.
///
/// In JSON an edit is an object whose `edit` field names its kind:
///
/// ```
/// let e: flexline::layout::Edit = serde_json::from_str(
///     r#"{ "edit": "buffer", "station": "testing", "capacity": 40, "initial_stock": 20 }"#)?;
/// assert!(matches!(e, flexline::layout::Edit::Buffer { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// The shift templates a line runs (replaces the list).
    LineShifts {
        /// The line.
        line: LineId,
        /// Its shifts.
        shifts: Vec<ShiftId>,
    },
    /// The shifts a station runs: a subset of its line's shifts; every other
    /// station of the line keeps all of them. A restriction on the roster
    /// (no assignment at the station on another shift), enforced inside the
    /// integer program and re-checked on the roster.
    StationShifts {
        /// The station.
        station: StationId,
        /// The shifts it runs.
        shifts: Vec<ShiftId>,
    },
    /// Some workers may work only at these stations (a restriction like
    /// `station_shifts`).
    WorkersOnlyAt {
        /// The workers, by id.
        #[serde(default)]
        workers: Vec<WorkerId>,
        /// Also every carer (a worker with a weekly caregiving window).
        #[serde(default)]
        carers: bool,
        /// The stations they may work at.
        stations: Vec<StationId>,
    },
    /// Splits consecutive stations of one line off into a new, dedicated
    /// line: the new line gets a copy of each (id `<station>@<line>`) with
    /// some of its workplaces, runs `shifts`, and takes `target_share` of
    /// every target of the old line (a target `<target>@<line>`). Its first
    /// station draws unlimited material (kitted parts), like any line's
    /// first station. The named workers (and, with `carers`, every carer
    /// with a skill of a split station) may then work only on the new line.
    Split {
        /// Consecutive stations of one line, in flow order.
        stations: Vec<StationId>,
        /// The new line's id.
        line: LineId,
        /// Its shifts.
        shifts: Vec<ShiftId>,
        /// Workplaces moved to the copy, per station (default: half, rounded
        /// up, leaving at least one).
        #[serde(default)]
        workplaces: BTreeMap<StationId, u32>,
        /// Workers moved to the new line.
        #[serde(default)]
        workers: Vec<WorkerId>,
        /// Move every carer with a skill of a split station to the new line
        /// (the others stay where they are).
        #[serde(default)]
        carers: bool,
        /// Share of each target moved (default: the share of the first
        /// station's workplaces moved).
        #[serde(default)]
        target_share: Option<f64>,
    },
    /// The buffer in front of a station: its capacity and initial stock
    /// (each left unchanged when absent).
    Buffer {
        /// The station (not a line's first).
        station: StationId,
        /// Most units waiting in front of it.
        #[serde(default)]
        capacity: Option<f64>,
        /// Units waiting at the start.
        #[serde(default)]
        initial_stock: Option<f64>,
    },
    /// A station's workplaces.
    Workplaces {
        /// The station.
        station: StationId,
        /// Most people at once.
        workplaces: u32,
    },
    /// Merges every line into one (the built-in generators' process line):
    /// each station of another line adds its workplaces (and initial stock;
    /// buffers add when both are capped) to the station with the same
    /// skill, targets move, line permissions follow.
    MergeLines {
        /// The line that stays.
        into: LineId,
    },
}

/// A named layout: an optional built-in generator, then edits.
///
/// ```
/// let v: flexline::layout::Variant = serde_json::from_str(
///     r#"{ "name": "wide assembly", "from": "as_given",
///          "edits": [ { "edit": "workplaces", "station": "asm", "workplaces": 3 } ] }"#)?;
/// assert_eq!(v.edits.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Its name (unique in a file).
    pub name: String,
    /// A built-in generator whose edits come first.
    #[serde(default)]
    pub from: Option<Layout>,
    /// Edits, applied in order after the generator's.
    #[serde(default)]
    pub edits: Vec<Edit>,
}

/// A layout file: `{"layouts": [variant, ...]}`.
///
/// ```
/// let f = flexline::layout::LayoutFile::from_json_str(
///     r#"{ "layouts": [ { "name": "plain" } ] }"#)?;
/// assert_eq!(f.layouts[0].name, "plain");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutFile {
    /// The variants, in the order they are compared.
    pub layouts: Vec<Variant>,
}

impl LayoutFile {
    /// Parses a layout file (syntax only; [`LayoutFile::designs`] checks it
    /// against a base). Errors: [`Error::Json`] with line and column.
    pub fn from_json_str(json: &str) -> Result<Self, Error> {
        serde_json::from_str(json).map_err(|e| Error::Json {
            file: None,
            line: e.line(),
            column: e.column(),
            message: crate::text::tidy(&e.to_string()),
            fix: "write {\"layouts\": [{\"name\": ..., \"from\": ..., \"edits\": [{\"edit\": \"station_shifts\" | \"workers_only_at\" | \"split\" | \"buffer\" | \"workplaces\" | \"line_shifts\" | \"merge_lines\", ...}]}]}".into(),
        })
    }

    /// Reads a layout file.
    pub fn from_json_file(path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_json_str(&text).map_err(|e| match e {
            Error::Json {
                line,
                column,
                message,
                fix,
                ..
            } => Error::Json {
                file: Some(crate::text::shown(&path.display().to_string())),
                line,
                column,
                message,
                fix,
            },
            other => other,
        })
    }

    /// Builds every variant on `base`. Every problem in every variant is
    /// reported at once ([`Error::LayoutEdits`]); a variant whose generator
    /// does not apply to the base is skipped, with the reason, in
    /// [`Designs::skipped`].
    ///
    /// ```
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
    /// let base = flexline::Scenario::from_json_str(&json)?;
    /// let file = flexline::layout::LayoutFile::from_json_str(r#"{ "layouts": [
    ///     { "name": "bad", "edits": [ { "edit": "workplaces", "station": "nope", "workplaces": 2 },
    ///                                 { "edit": "buffer", "station": "asm", "capacity": -1 } ] } ] }"#)?;
    /// let err = file.designs(&base).unwrap_err();
    /// let text = err.to_string();
    /// assert!(text.contains("unknown_station") && text.contains("bad_number"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn designs(&self, base: &Scenario) -> Result<Designs, Error> {
        let mut issues = Vec::new();
        let mut out = Designs::default();
        if self.layouts.is_empty() {
            issues.push(LayoutIssue::new(
                LayoutIssueCode::Empty,
                "",
                "the file",
                "lists no layouts",
                "add at least one object to `layouts`",
            ));
        }
        for (i, v) in self.layouts.iter().enumerate() {
            if v.name.trim().is_empty() {
                issues.push(LayoutIssue::new(
                    LayoutIssueCode::BadName,
                    &format!("#{}", i + 1),
                    "the layout",
                    "has an empty name",
                    "give every layout a short unique name",
                ));
            } else if self.layouts[..i].iter().any(|o| o.name == v.name) {
                issues.push(LayoutIssue::new(
                    LayoutIssueCode::DuplicateId,
                    &v.name,
                    "the layout",
                    "has the same name as an earlier one",
                    "give every layout a unique name",
                ));
            }
            let mut edits = Vec::new();
            if let Some(g) = v.from {
                match g.edits(base) {
                    Ok(e) => edits = e,
                    Err(reason) => {
                        out.skipped.push((v.name.clone(), reason));
                        continue;
                    }
                }
            }
            edits.extend(v.edits.iter().cloned());
            match Design::build(&v.name, base, &edits) {
                Ok(d) => out.designs.push(d),
                Err(mut more) => issues.append(&mut more),
            }
        }
        if issues.is_empty() {
            Ok(out)
        } else {
            Err(Error::LayoutEdits(LayoutReport { issues }))
        }
    }
}

/// The designs built from a layout file.
#[derive(Debug, Clone, Default)]
pub struct Designs {
    /// One per variant that applies, in file order.
    pub designs: Vec<Design>,
    /// Variants skipped: (name, why the generator does not apply).
    pub skipped: Vec<(String, String)>,
}

/// A layout ready to solve: the edited scenario and the restrictions on
/// its roster that a scenario cannot state (which shifts a station runs,
/// where some workers may work).
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// The layout's name.
    pub name: String,
    /// The edited scenario (validated).
    pub scenario: Scenario,
    /// Stations that run only some of their line's shifts.
    pub station_shifts: BTreeMap<StationId, Vec<ShiftId>>,
    /// Workers who may work only at some stations.
    pub worker_stations: BTreeMap<WorkerId, Vec<StationId>>,
    /// The station whose stock the reports follow (the flexible station),
    /// if the edits single one out.
    pub watch: Option<StationId>,
}

impl Design {
    /// The base unchanged, as a design.
    ///
    /// ```
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
    /// let base = flexline::Scenario::from_json_str(&json)?;
    /// let d = flexline::layout::Design::as_given("base", &base);
    /// assert_eq!(d.scenario, base);
    /// assert!(d.station_shifts.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_given(name: &str, base: &Scenario) -> Self {
        Design {
            name: name.to_owned(),
            scenario: base.clone(),
            station_shifts: BTreeMap::new(),
            worker_stations: BTreeMap::new(),
            watch: None,
        }
    }

    /// Applies `edits` in order to a copy of `base` and checks the result:
    /// every id named exists, buffers are non-negative numbers with the
    /// initial stock within the capacity, a split takes consecutive
    /// stations of one line and leaves each a workplace, every station has
    /// a worker with its skill who may work there, and the edited scenario
    /// validates. Every problem is returned at once.
    ///
    /// ```
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
    /// use flexline::layout::{Design, Edit};
    /// let base = flexline::Scenario::from_json_str(&json)?;
    /// let edits = [Edit::Buffer { station: "asm".into(), capacity: Some(20.0), initial_stock: Some(10.0) }];
    /// let d = Design::build("buffered", &base, &edits).map_err(|i| format!("{i:?}"))?;
    /// assert_eq!(d.scenario.lines[0].stations[1].buffer_capacity, Some(20.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(name: &str, base: &Scenario, edits: &[Edit]) -> Result<Self, Vec<LayoutIssue>> {
        Self::build_inner(name, base, edits, true)
    }

    /// [`Design::build`] without the final scenario validation (the caller
    /// validates and reports the scenario's own issues).
    pub(crate) fn build_inner(
        name: &str,
        base: &Scenario,
        edits: &[Edit],
        validate: bool,
    ) -> Result<Self, Vec<LayoutIssue>> {
        let mut d = Design::as_given(name, base);
        let mut issues = Vec::new();
        for (i, e) in edits.iter().enumerate() {
            let mut ctx = Ctx {
                layout: name,
                edit: i + 1,
                issues: &mut issues,
            };
            d.apply(e, &mut ctx);
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        d.finish(base, validate, &mut issues);
        if issues.is_empty() {
            Ok(d)
        } else {
            Err(issues)
        }
    }

    /// True if `w` is a carer (has a weekly caregiving window).
    pub(crate) fn is_carer(w: &Worker) -> bool {
        w.unavailable
            .iter()
            .any(|c| matches!(c, CareWindow::Weekly { .. }))
    }

    fn station_pos(&self, id: &StationId) -> Option<(usize, usize)> {
        self.scenario.lines.iter().enumerate().find_map(|(li, l)| {
            l.stations
                .iter()
                .position(|s| &s.id == id)
                .map(|si| (li, si))
        })
    }

    fn apply(&mut self, e: &Edit, ctx: &mut Ctx<'_, '_>) {
        match e {
            Edit::LineShifts { line, shifts } => {
                let known = ctx.shifts_known(&self.scenario, shifts);
                match self.scenario.lines.iter_mut().find(|l| &l.id == line) {
                    None => ctx.unknown_line(line),
                    Some(l) if known => l.shifts = shifts.clone(),
                    Some(_) => {}
                }
            }
            Edit::StationShifts { station, shifts } => {
                let known = ctx.shifts_known(&self.scenario, shifts);
                match self.station_pos(station) {
                    None => ctx.unknown_station(station),
                    Some(_) if known => {
                        if shifts.is_empty() {
                            ctx.push(
                                LayoutIssueCode::Empty,
                                &format!("station `{station}`"),
                                "would run no shift",
                                "list at least one shift, or lower its workplaces instead",
                            );
                        }
                        self.station_shifts.insert(station.clone(), shifts.clone());
                        if self.watch.is_none()
                            && shifts.iter().any(|id| {
                                self.scenario
                                    .shift(id)
                                    .is_some_and(|t| t.kind == ShiftKind::Flexible)
                            })
                        {
                            self.watch = Some(station.clone());
                        }
                    }
                    Some(_) => {}
                }
            }
            Edit::WorkersOnlyAt {
                workers,
                carers,
                stations,
            } => {
                let mut ok = true;
                for st in stations {
                    if self.station_pos(st).is_none() {
                        ctx.unknown_station(st);
                        ok = false;
                    }
                }
                for w in workers {
                    if self.scenario.worker(w).is_none() {
                        ctx.unknown_worker(w);
                        ok = false;
                    }
                }
                if stations.is_empty() {
                    ctx.push(
                        LayoutIssueCode::Empty,
                        "workers_only_at",
                        "lists no station",
                        "list the stations the workers may work at",
                    );
                    ok = false;
                }
                if ok {
                    for w in &self.scenario.workers {
                        if workers.contains(&w.id) || (*carers && Self::is_carer(w)) {
                            self.worker_stations.insert(w.id.clone(), stations.clone());
                        }
                    }
                }
            }
            Edit::Buffer {
                station,
                capacity,
                initial_stock,
            } => {
                let entity = format!("station `{station}`");
                let mut ok = true;
                for (what, v) in [("capacity", capacity), ("initial_stock", initial_stock)] {
                    if let Some(v) = v {
                        if !(v.is_finite() && *v >= 0.0 && *v <= 1e9) {
                            ctx.push(
                                LayoutIssueCode::BadNumber,
                                &entity,
                                &format!("buffer {what} {}", crate::text::number(*v)),
                                "give a number of units from 0 to 1e9",
                            );
                            ok = false;
                        }
                    }
                }
                match self.station_pos(station) {
                    None => ctx.unknown_station(station),
                    Some((_, 0)) => ctx.push(
                        LayoutIssueCode::FirstStation,
                        &entity,
                        "is its line's first station, which has no buffer (it draws unlimited material)",
                        "set the buffer of the station after it",
                    ),
                    Some((li, si)) if ok => {
                        let st = &mut self.scenario.lines[li].stations[si];
                        if let Some(c) = capacity {
                            st.buffer_capacity = Some(*c);
                        }
                        if let Some(v) = initial_stock {
                            st.initial_stock = *v;
                        }
                        if let Some(c) = st.buffer_capacity {
                            if st.initial_stock > c + 1e-9 {
                                ctx.push(
                                    LayoutIssueCode::BadNumber,
                                    &entity,
                                    &format!(
                                        "initial stock {} exceeds the buffer capacity {}",
                                        crate::text::number(st.initial_stock),
                                        crate::text::number(c)
                                    ),
                                    "lower the initial stock or raise the capacity",
                                );
                            }
                        }
                    }
                    Some(_) => {}
                }
            }
            Edit::Workplaces {
                station,
                workplaces,
            } => match self.station_pos(station) {
                None => ctx.unknown_station(station),
                Some(_) if *workplaces == 0 => ctx.push(
                    LayoutIssueCode::NoWorkplaces,
                    &format!("station `{station}`"),
                    "would have no workplace",
                    "give at least 1 workplace",
                ),
                Some((li, si)) => self.scenario.lines[li].stations[si].workplaces = *workplaces,
            },
            Edit::MergeLines { into } => {
                if self.scenario.line(into).is_none() {
                    ctx.unknown_line(into);
                    return;
                }
                match super::merge_into(&self.scenario, into) {
                    // Restrictions on merged-away stations are refused when
                    // the edits are finished (the station no longer exists).
                    Ok(m) => self.scenario = m,
                    Err(msg) => ctx.push(
                        LayoutIssueCode::NotApplicable,
                        &format!("line `{into}`"),
                        &msg,
                        "add such a station, or split instead of merging",
                    ),
                }
            }
            Edit::Split {
                stations,
                line,
                shifts,
                workplaces,
                workers,
                carers,
                target_share,
            } => self.split(
                ctx,
                stations,
                line,
                shifts,
                workplaces,
                workers,
                *carers,
                *target_share,
            ),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn split(
        &mut self,
        ctx: &mut Ctx<'_, '_>,
        stations: &[StationId],
        line: &LineId,
        shifts: &[ShiftId],
        workplaces: &BTreeMap<StationId, u32>,
        workers: &[WorkerId],
        carers: bool,
        target_share: Option<f64>,
    ) {
        let entity = format!("split line `{line}`");
        let mut ok = ctx.shifts_known(&self.scenario, shifts);
        if shifts.is_empty() {
            ctx.push(
                LayoutIssueCode::Empty,
                &entity,
                "runs no shift",
                "list the shifts the new line runs, e.g. [\"flex\"]",
            );
            ok = false;
        }
        if self.scenario.line(line).is_some()
            || self
                .scenario
                .lines
                .iter()
                .flat_map(|l| &l.stations)
                .any(|s| s.id.as_str() == line.as_str())
        {
            ctx.push(
                LayoutIssueCode::DuplicateId,
                &entity,
                "has the id of an existing line or station",
                "choose a new id for the split line",
            );
            ok = false;
        }
        for w in workers {
            if self.scenario.worker(w).is_none() {
                ctx.unknown_worker(w);
                ok = false;
            }
        }
        if let Some(t) = target_share {
            if !(t.is_finite() && (0.0..=1.0).contains(&t)) {
                ctx.push(
                    LayoutIssueCode::BadNumber,
                    &entity,
                    &format!("target share {}", crate::text::number(t)),
                    "give a fraction from 0 to 1",
                );
                ok = false;
            }
        }
        let mut pos = Vec::new();
        for st in stations {
            match self.station_pos(st) {
                None => {
                    ctx.unknown_station(st);
                    ok = false;
                }
                Some(p) => pos.push(p),
            }
        }
        for st in workplaces.keys() {
            if !stations.contains(st) {
                ctx.push(
                    LayoutIssueCode::UnknownStation,
                    &format!("station `{st}`"),
                    &format!("has workplaces for {entity} but is not split"),
                    "list it in `stations` or drop it from `workplaces`",
                );
                ok = false;
            }
        }
        if stations.is_empty() {
            ctx.push(
                LayoutIssueCode::Empty,
                &entity,
                "takes no station",
                "list the consecutive stations to split off",
            );
            return;
        }
        if !ok {
            return;
        }
        let li = pos[0].0;
        let consecutive = pos
            .iter()
            .enumerate()
            .all(|(k, &(l, si))| l == li && si == pos[0].1 + k);
        if !consecutive {
            ctx.push(
                LayoutIssueCode::NotConsecutive,
                &entity,
                "takes stations that are not consecutive stations of one line in flow order",
                "list consecutive stations of one line, first to last",
            );
            return;
        }
        let old = self.scenario.lines[li].id.clone();
        let mut copies = Vec::new();
        let mut first_share = 0.0;
        for (k, &(_, si)) in pos.iter().enumerate() {
            let st = &mut self.scenario.lines[li].stations[si];
            let total = st.workplaces;
            let moved = workplaces
                .get(&st.id)
                .copied()
                .unwrap_or_else(|| total.div_ceil(2).min(total.saturating_sub(1)));
            if moved == 0 || moved >= total {
                ctx.push(
                    LayoutIssueCode::NoWorkplaces,
                    &format!("station `{}`", st.id),
                    &format!(
                        "has {total} workplace(s); moving {moved} leaves {} on line `{old}` and {moved} on `{line}`",
                        total.saturating_sub(moved)
                    ),
                    "move at least 1 workplace and leave at least 1 (raise its workplaces first if needed)",
                );
                continue;
            }
            if k == 0 {
                first_share = f64::from(moved) / f64::from(total);
            }
            st.workplaces = total - moved;
            let mut copy = st.clone();
            copy.id = StationId::new(format!("{}@{line}", st.id));
            copy.name = String::new();
            copy.workplaces = moved;
            copy.initial_stock = 0.0;
            copy.home_work = false;
            copies.push(copy);
        }
        if copies.len() != pos.len() {
            return;
        }
        let share = target_share.unwrap_or(first_share);
        let old_line = &self.scenario.lines[li];
        let new_line = Line {
            id: line.clone(),
            name: String::new(),
            shifts: shifts.to_vec(),
            stations: copies,
            holding_cost_per_unit_day: old_line.holding_cost_per_unit_day,
            max_finished_stock: old_line.max_finished_stock.map(|m| m * share),
        };
        if let Some(m) = self.scenario.lines[li].max_finished_stock.as_mut() {
            *m *= 1.0 - share;
        }
        self.scenario.lines.push(new_line);
        let mut moved_targets = Vec::new();
        for t in &mut self.scenario.targets {
            if t.line == old {
                let mut n = t.clone();
                n.id = crate::model::TargetId::new(format!("{}@{line}", t.id));
                n.line = line.clone();
                n.units = t.units * share;
                t.units -= n.units;
                moved_targets.push(n);
            }
        }
        self.scenario.targets.extend(moved_targets);
        let needed: Vec<crate::SkillId> = self
            .scenario
            .lines
            .last()
            .map(|l| l.stations.iter().map(|s| s.skill.clone()).collect())
            .unwrap_or_default();
        for w in &mut self.scenario.workers {
            let useful = w.skills.iter().any(|k| needed.contains(&k.skill));
            if workers.contains(&w.id) || (carers && useful && Self::is_carer(w)) {
                w.lines = vec![line.clone()];
            }
        }
        if self.watch.is_none() {
            self.watch = Some(stations[0].clone());
        }
    }

    /// Checks the edited scenario as a whole.
    fn finish(&mut self, base: &Scenario, validate: bool, issues: &mut Vec<LayoutIssue>) {
        let unstaffed_in_base: Vec<StationId> = base
            .lines
            .iter()
            .flat_map(|l| l.stations.iter().map(move |st| (l, st)))
            .filter(|(l, st)| !staffed(base, &BTreeMap::new(), &l.id, st))
            .map(|(_, st)| st.id.clone())
            .collect();
        let name = self.name.clone();
        let mut ctx = Ctx {
            layout: &name,
            edit: 0,
            issues,
        };
        let s = &self.scenario;
        for (st, shifts) in &self.station_shifts {
            match self.station_pos(st) {
                None => ctx.push(
                    LayoutIssueCode::UnknownStation,
                    &format!("station `{st}`"),
                    "has a shift restriction but no longer exists after the edits (merged or renamed)",
                    "restrict the station that remains instead",
                ),
                Some((li, _)) => {
                    for id in shifts {
                        if !s.lines[li].shifts.contains(id) {
                            ctx.push(
                                LayoutIssueCode::ShiftNotOnLine,
                                &format!("station `{st}`"),
                                &format!(
                                    "runs shift `{id}`, which its line `{}` does not run",
                                    s.lines[li].id
                                ),
                                "add the shift to the line with a `line_shifts` edit, or drop it here",
                            );
                        }
                    }
                }
            }
        }
        for sts in self.worker_stations.values() {
            for st in sts {
                if self.station_pos(st).is_none() {
                    ctx.push(
                        LayoutIssueCode::UnknownStation,
                        &format!("station `{st}`"),
                        "is where some workers may work, but no longer exists after the edits",
                        "name a station of the edited layout",
                    );
                }
            }
        }
        // Every station staffed in the base (or whose original was) needs
        // a worker with its skill who may work there.
        for line in &s.lines {
            for st in &line.stations {
                let suffix = format!("@{}", line.id);
                let original = st
                    .id
                    .as_str()
                    .strip_suffix(&suffix)
                    .unwrap_or(st.id.as_str());
                if unstaffed_in_base.iter().any(|u| u.as_str() == original) {
                    continue;
                }
                if !staffed(s, &self.worker_stations, &line.id, st) {
                    ctx.push(
                        LayoutIssueCode::StationWithoutWorker,
                        &format!("station `{}` of line `{}`", st.id, line.id),
                        &format!(
                            "has no worker with skill `{}` who may work there after the edits",
                            st.skill
                        ),
                        "move such workers to the line (`workers` of the split) or keep the station where its workers are",
                    );
                }
            }
        }
        if validate && ctx.issues.is_empty() {
            if let Err(report) = self.scenario.validate() {
                for i in report.issues {
                    ctx.issues.push(LayoutIssue {
                        code: LayoutIssueCode::ScenarioInvalid,
                        layout: name.clone(),
                        edit: 0,
                        entity: i.entity,
                        message: format!("[{}] {}", i.code.as_str(), i.message),
                        fix: i.fix,
                    });
                }
            }
        }
    }

    /// Assignments of `roster` that break this design's restrictions, as
    /// sentences (empty for a sound roster).
    ///
    /// ```
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
    /// let base = flexline::Scenario::from_json_str(&json)?;
    /// let d = flexline::layout::Design::as_given("base", &base);
    /// let plan = flexline::solve(&base, &Default::default())?;
    /// assert!(d.violations(&plan.roster).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn violations(&self, roster: &crate::Roster) -> Vec<String> {
        let mut out = Vec::new();
        for a in &roster.assignments {
            if let Some(allowed) = self.station_shifts.get(&a.station) {
                if !allowed.contains(&a.shift) {
                    out.push(format!(
                        "{} works shift `{}` at station `{}` on {}, which runs only {:?}",
                        a.worker, a.shift, a.station, a.date, allowed
                    ));
                }
            }
            if let Some(allowed) = self.worker_stations.get(&a.worker) {
                if !allowed.contains(&a.station) {
                    out.push(format!(
                        "{} works at station `{}` on {}, but may work only at {:?}",
                        a.worker, a.station, a.date, allowed
                    ));
                }
            }
        }
        out
    }
}

/// True if some on-site worker has the station's skill and may work there.
fn staffed(
    s: &Scenario,
    worker_stations: &BTreeMap<WorkerId, Vec<StationId>>,
    line: &LineId,
    st: &crate::Station,
) -> bool {
    s.workers.iter().any(|w| {
        w.contract != ContractKind::HomeBased
            && w.home.is_none()
            && w.skills
                .iter()
                .any(|k| k.skill == st.skill && k.efficiency > 0.0)
            && (w.lines.is_empty() || w.lines.contains(line))
            && worker_stations
                .get(&w.id)
                .is_none_or(|allowed| allowed.contains(&st.id))
    })
}

struct Ctx<'a, 'b> {
    layout: &'a str,
    edit: usize,
    issues: &'b mut Vec<LayoutIssue>,
}

impl Ctx<'_, '_> {
    fn push(&mut self, code: LayoutIssueCode, entity: &str, message: &str, fix: &str) {
        self.issues.push(LayoutIssue {
            code,
            layout: self.layout.to_owned(),
            edit: self.edit,
            entity: entity.to_owned(),
            message: message.to_owned(),
            fix: fix.to_owned(),
        });
    }
    fn unknown_station(&mut self, id: &StationId) {
        self.push(
            LayoutIssueCode::UnknownStation,
            &format!("station `{}`", crate::text::shown(id.as_str())),
            "does not exist in the base (or was split or merged by an earlier edit)",
            "use the id of a station of the base scenario",
        );
    }
    fn unknown_line(&mut self, id: &LineId) {
        self.push(
            LayoutIssueCode::UnknownLine,
            &format!("line `{}`", crate::text::shown(id.as_str())),
            "does not exist",
            "use the id of a line of the base scenario",
        );
    }
    fn unknown_worker(&mut self, id: &WorkerId) {
        self.push(
            LayoutIssueCode::UnknownWorker,
            &format!("worker `{}`", crate::text::shown(id.as_str())),
            "does not exist",
            "use the id of a worker of the base scenario",
        );
    }
    fn shifts_known(&mut self, s: &Scenario, shifts: &[ShiftId]) -> bool {
        let mut ok = true;
        for id in shifts {
            if s.shift(id).is_none() {
                self.push(
                    LayoutIssueCode::UnknownShift,
                    &format!("shift `{}`", crate::text::shown(id.as_str())),
                    "does not exist",
                    "use the id of a shift template of the base scenario",
                );
                ok = false;
            }
        }
        ok
    }
}

pub use crate::issues::{LayoutIssue, LayoutIssueCode, LayoutReport};
