//! Scenario validation: every problem at once, each with a stable code, the
//! entity, and what to do about it.

use std::collections::HashSet;

use crate::error::Error;
pub use crate::issues::{Issue, IssueCode, ValidationReport};
use crate::model::{parse_json, CareWindow, Scenario};

/// Longest horizon accepted, in dates.
pub const MAX_HORIZON_DAYS: usize = 366;
use crate::text::{MAX_YEAR, MIN_YEAR};
/// Longest id accepted, in characters.
pub const MAX_ID_CHARS: usize = 200;
/// Longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Most workers accepted.
pub const MAX_WORKERS: usize = 200_000;
/// Most entities of any other kind (shifts, stations, targets, cover
/// requirements, requests, …) accepted.
pub const MAX_ENTITIES: usize = 1_000_000;
/// Most workplaces accepted at one station.
pub const MAX_WORKPLACES: u32 = 1_000_000;
/// Largest magnitude accepted for wages, rates, units and penalties (keeps the
/// integer program's coefficients in a range HiGHS accepts).
const MAX_MAGNITUDE: f64 = 1e9;
/// Largest efficiency factor accepted (10× the standard time).
const MAX_EFFICIENCY: f64 = 10.0;
/// Smallest standard time per unit accepted, in minutes.
const MIN_MINUTES_PER_UNIT: f64 = 0.01;

/// Most issues reported at once.
const MAX_ISSUES: usize = 1000;

/// The validating entry points of [`Scenario`]: they live beside the
/// validator so that the model (pure data) does not depend on it.
impl Scenario {
    /// Parses a scenario from JSON and validates it.
    ///
    /// Malformed JSON, unknown fields and wrong types give [`Error::Json`]
    /// with the line and column; semantic problems give [`Error::Invalid`]
    /// listing every problem found.
    ///
    /// ```
    /// let err = flexline::Scenario::from_json_str(r#"{ "horizon": 3 }"#).unwrap_err();
    /// assert!(err.to_string().contains("line 1"));
    /// ```
    pub fn from_json_str(json: &str) -> Result<Self, Error> {
        let scenario = parse_json(json)?;
        scenario.validate().map_err(Error::Invalid)?;
        Ok(scenario)
    }

    /// Reads a scenario file (JSON) and validates it.
    ///
    /// ```
    /// let err = flexline::Scenario::from_json_file("no/such/file.json").unwrap_err();
    /// assert!(err.to_string().contains("no/such/file.json"));
    /// ```
    pub fn from_json_file(path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        let scenario = parse_json(&text)
            .map_err(|e| e.in_file(&crate::text::shown(&path.display().to_string())))?;
        scenario.validate().map_err(Error::Invalid)?;
        Ok(scenario)
    }

    /// Checks the scenario and returns every problem found at once.
    ///
    /// ```
    /// # let json = r#"{"horizon":{"start":"2026-03-02","end":"2026-03-01"},"shifts":[],"lines":[],"workers":[]}"#;
    /// let s: flexline::Scenario = serde_json::from_str(json)?;
    /// let report = s.validate().unwrap_err();
    /// assert!(report.issues.iter().any(|i| i.code == flexline::IssueCode::EmptyHorizon));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<(), ValidationReport> {
        validate(self)
    }
}

struct Collector(Vec<Issue>);

impl Collector {
    /// Records an issue; every user value it echoes is cut and escaped
    /// ([`crate::text::tidy`]).
    fn push(&mut self, code: IssueCode, entity: String, message: String, fix: &str) {
        // A scenario with millions of problems reports the first thousand.
        if self.0.len() >= MAX_ISSUES {
            return;
        }
        self.0.push(Issue {
            code,
            entity: crate::text::tidy(&entity),
            message: crate::text::tidy(&message),
            fix: fix.to_owned(),
        });
    }

    fn non_negative(&mut self, entity: &str, what: &str, v: f64) {
        if !(v.is_finite() && (0.0..=MAX_MAGNITUDE).contains(&v)) {
            let fix = if v > MAX_MAGNITUDE {
                "give at most 1e9 (1,000,000,000)"
            } else {
                "give zero or a positive number, at most 1e9"
            };
            self.push(
                IssueCode::BadNumber,
                entity.to_owned(),
                format!(
                    "{what} is {}; it must be between 0 and {MAX_MAGNITUDE:e}",
                    crate::text::number(v)
                ),
                fix,
            );
        }
    }

    fn within(&mut self, entity: &str, what: &str, v: f64, lo: f64, hi: f64, fix: &str) {
        if !(v.is_finite() && lo <= v && v <= hi) {
            self.push(
                IssueCode::BadNumber,
                entity.to_owned(),
                format!(
                    "{what} is {}; it must be between {} and {}",
                    crate::text::number(v),
                    crate::text::number(lo),
                    crate::text::number(hi)
                ),
                fix,
            );
        }
    }

    /// An id: 1 to [`MAX_ID_CHARS`] characters, no control characters.
    fn id(&mut self, kind: &str, id: &str) {
        let chars = id.chars().count();
        let problem = if id.is_empty() {
            Some("the id is empty".to_owned())
        } else if chars > MAX_ID_CHARS {
            Some(format!(
                "the id has {chars} characters; at most {MAX_ID_CHARS} are accepted"
            ))
        } else if id.chars().any(char::is_control) {
            Some("the id holds control characters (tabs, line breaks, NUL, …)".to_owned())
        } else {
            None
        };
        if let Some(message) = problem {
            self.push(
                IssueCode::BadId,
                format!("{kind} `{id}`"),
                message,
                "give a short id of visible characters, e.g. `w01`",
            );
        }
    }

    /// A name: at most [`MAX_NAME_CHARS`] characters.
    fn name(&mut self, entity: &str, name: &str) {
        let chars = name.chars().count();
        if chars > MAX_NAME_CHARS {
            self.push(
                IssueCode::NameTooLong,
                entity.to_owned(),
                format!("the name has {chars} characters; at most {MAX_NAME_CHARS} are accepted"),
                "shorten the name",
            );
        }
    }

    /// At most `most` entities of one kind.
    fn count(&mut self, what: &str, n: usize, most: usize) {
        if n > most {
            self.push(
                IssueCode::TooMany,
                what.to_owned(),
                format!("the scenario has {n} {what}; flexline accepts at most {most}"),
                "split the scenario (by line, department or week)",
            );
        }
    }

    /// A date inside the years flexline accepts.
    fn date(&mut self, entity: &str, d: chrono::NaiveDate) {
        if !crate::text::date_in_range(d) {
            self.push(
                IssueCode::DateOutOfRange,
                entity.to_owned(),
                crate::text::date_range_message(d),
                "check the year",
            );
        }
    }

    fn duplicates<'a>(&mut self, kind: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                self.push(
                    IssueCode::DuplicateId,
                    format!("{kind} `{id}`"),
                    format!("the id `{id}` is used by more than one {kind}"),
                    "give each one a distinct id",
                );
            }
        }
    }
}

pub(crate) fn validate(s: &Scenario) -> Result<(), ValidationReport> {
    let mut c = Collector(Vec::new());

    if s.horizon.end < s.horizon.start {
        c.push(
            IssueCode::EmptyHorizon,
            "horizon".into(),
            format!(
                "the horizon ends ({}) before it starts ({})",
                s.horizon.end, s.horizon.start
            ),
            "set `end` on or after `start`",
        );
    }
    use chrono::Datelike;
    if s.horizon.end >= s.horizon.start && s.horizon.len() > MAX_HORIZON_DAYS {
        c.push(
            IssueCode::HorizonTooLong,
            "horizon".into(),
            format!(
                "the horizon has {} dates; flexline plans at most {MAX_HORIZON_DAYS}",
                s.horizon.len()
            ),
            "plan one week or month at a time",
        );
    }
    for d in [s.horizon.start, s.horizon.end] {
        if !(MIN_YEAR..=MAX_YEAR).contains(&d.year()) {
            c.push(
                IssueCode::DateOutOfRange,
                "horizon".into(),
                format!("the date {d} is outside the years {MIN_YEAR}–{MAX_YEAR}"),
                "check the year",
            );
        }
    }
    limits(s, &mut c);
    for r in &s.calendar.school_holidays {
        if r.to < r.from {
            c.push(
                IssueCode::WindowEndsBeforeStart,
                format!("school holiday from {}", r.from),
                format!("it ends ({}) before it starts ({})", r.to, r.from),
                "set `to` on or after `from`",
            );
        }
    }

    c.duplicates("shift", s.shifts.iter().map(|x| x.id.as_str()));
    c.duplicates("line", s.lines.iter().map(|x| x.id.as_str()));
    c.duplicates(
        "station",
        s.lines
            .iter()
            .flat_map(|l| l.stations.iter().map(|x| x.id.as_str())),
    );
    c.duplicates("worker", s.workers.iter().map(|x| x.id.as_str()));
    c.duplicates("target", s.targets.iter().map(|x| x.id.as_str()));

    for sh in &s.shifts {
        if sh.paid_minutes() <= 0 {
            c.push(
                IssueCode::NoPaidTime,
                format!("shift `{}`", sh.id),
                format!(
                    "the {}-minute break leaves no paid time in a {}-minute shift",
                    sh.break_minutes,
                    sh.duration_minutes()
                ),
                "shorten the break or lengthen the shift",
            );
        }
    }

    let shift_ids: HashSet<&str> = s.shifts.iter().map(|x| x.id.as_str()).collect();
    let line_ids: HashSet<&str> = s.lines.iter().map(|x| x.id.as_str()).collect();
    // Skills needed, per line.
    let mut needed_skills: Vec<(&str, &str)> = Vec::new();
    for line in &s.lines {
        let ent = format!("line `{}`", line.id);
        if line.stations.is_empty() {
            c.push(
                IssueCode::EmptyLine,
                ent.clone(),
                "the line has no stations".into(),
                "list its stations in flow order",
            );
        }
        if line.shifts.is_empty() {
            c.push(
                IssueCode::EmptyLine,
                ent.clone(),
                "the line runs no shift, so nobody can work on it".into(),
                "list the shift templates it runs in `shifts`",
            );
        }
        for sh in &line.shifts {
            if !shift_ids.contains(sh.as_str()) {
                c.push(
                    IssueCode::DanglingReference,
                    ent.clone(),
                    format!("it runs shift `{sh}`, which is not defined"),
                    "define the shift in `shifts` or fix the id",
                );
            }
        }
        if let Some(h) = line.holding_cost_per_unit_day {
            c.non_negative(&ent, "holding_cost_per_unit_day", h);
        }
        if let Some(m) = line.max_finished_stock {
            c.non_negative(&ent, "max_finished_stock", m);
        }
        for st in &line.stations {
            let ent = format!("station `{}`", st.id);
            needed_skills.push((line.id.as_str(), st.skill.as_str()));
            if let Some(h) = st.holding_cost_per_unit_day {
                c.non_negative(&ent, "holding_cost_per_unit_day", h);
            }
            c.within(
                &ent,
                "minutes_per_unit",
                st.minutes_per_unit,
                MIN_MINUTES_PER_UNIT,
                MAX_MAGNITUDE,
                "give the standard minutes of work per unit",
            );
            c.non_negative(&ent, "initial_stock", st.initial_stock);
            if let Some(b) = st.buffer_capacity {
                c.non_negative(&ent, "buffer_capacity", b);
                if b.is_finite() && b >= 0.0 && st.initial_stock > b {
                    c.push(
                        IssueCode::ContradictoryLimits,
                        ent.clone(),
                        format!(
                            "initial_stock {} is above its buffer_capacity {b}",
                            st.initial_stock
                        ),
                        "raise buffer_capacity or lower initial_stock",
                    );
                }
            }
            if st.workplaces > MAX_WORKPLACES {
                c.push(
                    IssueCode::TooManyWorkplaces,
                    ent.clone(),
                    format!(
                        "it has {} workplaces; flexline accepts at most {MAX_WORKPLACES}",
                        st.workplaces
                    ),
                    "give the number of people who can work there at once",
                );
            }
            if st.workplaces == 0 {
                c.push(
                    IssueCode::NoWorkplaces,
                    ent,
                    "it has 0 workplaces, so nobody can ever work there".into(),
                    "set `workplaces` to the number of people who can work there at once",
                );
            }
        }
    }

    for t in &s.targets {
        let ent = format!("target `{}`", t.id);
        if !line_ids.contains(t.line.as_str()) {
            c.push(
                IssueCode::DanglingReference,
                ent.clone(),
                format!("it is for line `{}`, which is not defined", t.line),
                "fix the line id or define the line",
            );
        }
        if s.horizon.index_of(t.date).is_none() && s.horizon.end >= s.horizon.start {
            c.push(
                IssueCode::TargetOutsideHorizon,
                ent.clone(),
                format!(
                    "its date {} is outside the horizon {} to {}",
                    t.date, s.horizon.start, s.horizon.end
                ),
                "move the target into the horizon or widen the horizon",
            );
        }
        c.non_negative(&ent, "units", t.units);
        if let Some(p) = t.shortfall_penalty {
            c.non_negative(&ent, "shortfall_penalty", p);
        }
    }

    for w in &s.workers {
        let ent = format!("worker `{}`", w.id);
        c.non_negative(&ent, "hourly_wage", w.hourly_wage);
        if let Some(m) = w.overtime_multiplier {
            if !(m.is_finite() && m >= 1.0) {
                c.push(
                    IssueCode::BadNumber,
                    ent.clone(),
                    format!(
                        "overtime_multiplier is {m}; overtime cannot pay less than normal time"
                    ),
                    "give a multiplier of 1.0 or more (1.5 = 150 %)",
                );
            }
        }
        for sk in &w.skills {
            c.within(
                &ent,
                &format!("efficiency for skill `{}`", sk.skill),
                sk.efficiency,
                f64::MIN_POSITIVE,
                MAX_EFFICIENCY,
                "give a factor above 0 (1.0 = standard time, 0.7 = a trainee)",
            );
        }
        let usable = w.skills.iter().any(|sk| {
            needed_skills.iter().any(|(line, skill)| {
                *skill == sk.skill.as_str()
                    && (w.lines.is_empty() || w.lines.iter().any(|l| l.as_str() == *line))
            })
        });
        if !usable {
            c.push(
                IssueCode::NoUsableSkill,
                ent.clone(),
                if w.lines.is_empty() {
                    "none of their skills is needed by any station, so they can never be rostered"
                        .into()
                } else {
                    "none of their skills is needed on the lines they may work on, so they can never be rostered"
                        .into()
                },
                "add a skill a station needs (e.g. the skill of a station they are training for), or allow another line",
            );
        }
        for l in &w.lines {
            if !line_ids.contains(l.as_str()) {
                c.push(
                    IssueCode::DanglingReference,
                    ent.clone(),
                    format!("they may work on line `{l}`, which is not defined"),
                    "fix the line id or remove it from `lines`",
                );
            }
        }
        c.non_negative(&ent, "min_hours_per_week", w.min_hours_per_week);
        if let Some(q) = w.absence_probability {
            c.within(
                &ent,
                "absence_probability",
                q,
                0.0,
                1.0,
                "give a probability between 0 and 1 (0.05 = absent one rostered day in twenty)",
            );
        }
        if let Some(v) = w.max_hours_per_day {
            c.non_negative(&ent, "max_hours_per_day", v);
        }
        let max_week = w
            .max_hours_per_week
            .unwrap_or(f64::INFINITY)
            .min(s.rules.max_hours_per_week);
        if let Some(v) = w.max_hours_per_week {
            c.non_negative(&ent, "max_hours_per_week", v);
        }
        if w.min_hours_per_week > max_week {
            c.push(
                IssueCode::ContradictoryLimits,
                ent.clone(),
                format!(
                    "contracted minimum {} h/week is above the most they may work, {} h/week",
                    w.min_hours_per_week, max_week
                ),
                "lower min_hours_per_week or raise max_hours_per_week",
            );
        }
        for win in &w.unavailable {
            match win {
                CareWindow::Weekly {
                    from,
                    to,
                    overnight,
                    ..
                } => {
                    if to <= from && !overnight {
                        c.push(
                            IssueCode::WindowEndsBeforeStart,
                            ent.clone(),
                            format!(
                                "caregiving window {}–{} ends at or before it starts",
                                from.format("%H:%M"),
                                to.format("%H:%M")
                            ),
                            "set \"overnight\": true if it runs past midnight (\"to\": \"00:00\" means until midnight), or fix the times",
                        );
                    }
                }
                CareWindow::Leave { from, to, .. } => {
                    if to < from {
                        c.push(
                            IssueCode::WindowEndsBeforeStart,
                            ent.clone(),
                            format!("leave ends ({to}) before it starts ({from})"),
                            "set `to` on or after `from`",
                        );
                    }
                }
                CareWindow::Absence { .. } => {}
            }
        }
    }

    rostering_rules(s, &mut c);
    home_work(s, &mut c);

    let r = &s.rules;
    for (what, v) in [
        ("standard_hours_per_day", r.standard_hours_per_day),
        ("standard_hours_per_week", r.standard_hours_per_week),
        ("max_overtime_hours_per_day", r.max_overtime_hours_per_day),
        (
            "max_overtime_hours_per_month",
            r.max_overtime_hours_per_month,
        ),
        ("max_hours_per_day", r.max_hours_per_day),
        ("max_hours_per_week", r.max_hours_per_week),
    ] {
        c.non_negative("rules", what, v);
    }
    c.within(
        "rules",
        "min_rest_hours",
        r.min_rest_hours,
        0.0,
        24.0,
        "give the hours of rest between shifts, 24 at most",
    );
    for (what, v) in [
        ("overtime_multiplier", r.overtime_multiplier),
        ("rest_day_multiplier", r.rest_day_multiplier),
        ("holiday_multiplier", r.holiday_multiplier),
    ] {
        if !(v.is_finite() && v >= 1.0) {
            c.push(
                IssueCode::BadNumber,
                "rules".into(),
                format!("{what} is {v}; premium pay cannot be below normal pay"),
                "give a multiplier of 1.0 or more",
            );
        }
    }
    if r.max_consecutive_days == 0 {
        c.push(
            IssueCode::ContradictoryLimits,
            "rules".into(),
            "max_consecutive_days is 0, so nobody may work at all".into(),
            "set it to 1 or more (6 gives one day off a week)",
        );
    }
    if r.min_days_off_per_week > 7 {
        c.push(
            IssueCode::ContradictoryLimits,
            "rules".into(),
            format!(
                "min_days_off_per_week is {}; a week has 7 days",
                r.min_days_off_per_week
            ),
            "set it between 0 and 7",
        );
    }
    c.non_negative(
        "penalties",
        "shortfall_per_unit",
        s.penalties.shortfall_per_unit,
    );
    c.non_negative("penalties", "contract_hour", s.penalties.contract_hour);

    if c.0.is_empty() {
        Ok(())
    } else {
        Err(ValidationReport { issues: c.0 })
    }
}

/// Sizes, ids, names and the years of every date: what keeps memory, time
/// and messages bounded (DESIGN.md, "Validation limits").
fn limits(s: &Scenario, c: &mut Collector) {
    c.count("workers", s.workers.len(), MAX_WORKERS);
    let stations: usize = s.lines.iter().map(|l| l.stations.len()).sum();
    for (what, n) in [
        ("shifts", s.shifts.len()),
        ("lines", s.lines.len()),
        ("stations", stations),
        ("targets", s.targets.len()),
        ("cover requirements", s.cover.len()),
        ("requests", s.requests.len()),
        ("forbidden successions", s.forbidden_successions.len()),
        ("delivery rounds", s.delivery_rounds.len()),
    ] {
        c.count(what, n, MAX_ENTITIES);
    }
    c.name("scenario", &s.name);
    for sh in &s.shifts {
        c.id("shift", sh.id.as_str());
        c.name(&format!("shift `{}`", sh.id), &sh.name);
    }
    for l in &s.lines {
        c.id("line", l.id.as_str());
        c.name(&format!("line `{}`", l.id), &l.name);
        for st in &l.stations {
            c.id("station", st.id.as_str());
            c.id("skill", st.skill.as_str());
            c.name(&format!("station `{}`", st.id), &st.name);
        }
    }
    for t in &s.targets {
        c.id("target", t.id.as_str());
        c.date(&format!("target `{}`", t.id), t.date);
    }
    for d in &s.calendar.public_holidays {
        c.date("calendar.public_holidays", *d);
    }
    for r in &s.calendar.school_holidays {
        c.date("calendar.school_holidays", r.from);
        c.date("calendar.school_holidays", r.to);
    }
    for w in &s.workers {
        let ent = format!("worker `{}`", w.id);
        c.id("worker", w.id.as_str());
        c.name(&ent, &w.name);
        for sk in &w.skills {
            c.id("skill", sk.skill.as_str());
        }
        for u in &w.unavailable {
            match u {
                CareWindow::Leave { from, to, .. } => {
                    c.date(&ent, *from);
                    c.date(&ent, *to);
                }
                CareWindow::Absence { date, .. } => c.date(&ent, *date),
                _ => {}
            }
        }
        for d in &w.days_off {
            c.date(&ent, *d);
        }
    }
    for cv in &s.cover {
        c.date("cover", cv.date);
    }
    for r in &s.requests {
        c.date("request", r.date);
    }
    if let Some(h) = &s.history {
        c.date("history", h.from);
        for a in &h.assignments {
            c.date("history", a.date);
        }
    }
    for r in &s.delivery_rounds {
        c.date("delivery round", r.date);
    }
}

/// Cover, requests, successions, history and the per-worker rostering limits.
fn rostering_rules(s: &Scenario, c: &mut Collector) {
    let shift_ids: HashSet<&str> = s.shifts.iter().map(|x| x.id.as_str()).collect();
    let worker_ids: HashSet<&str> = s.workers.iter().map(|x| x.id.as_str()).collect();
    let horizon_ok = s.horizon.end >= s.horizon.start;
    let in_horizon = |d: chrono::NaiveDate| !horizon_ok || s.horizon.index_of(d).is_some();
    let outside = |c: &mut Collector, ent: &str, what: &str, d: chrono::NaiveDate| {
        c.push(
            IssueCode::DateOutsideHorizon,
            ent.to_owned(),
            format!(
                "{what} {d} is outside the horizon {} to {}",
                s.horizon.start, s.horizon.end
            ),
            "move it into the horizon or remove it",
        );
    };
    let no_shift = |c: &mut Collector, ent: &str, sh: &str| {
        c.push(
            IssueCode::DanglingReference,
            ent.to_owned(),
            format!("it names shift `{sh}`, which is not defined"),
            "define the shift in `shifts` or fix the id",
        );
    };
    let no_worker = |c: &mut Collector, ent: &str, w: &str| {
        c.push(
            IssueCode::DanglingReference,
            ent.to_owned(),
            format!("it names worker `{w}`, who is not defined"),
            "fix the worker id or add the worker",
        );
    };

    for (i, cv) in s.cover.iter().enumerate() {
        let ent = format!("cover #{} ({} {})", i + 1, cv.date, cv.shift);
        if !shift_ids.contains(cv.shift.as_str()) {
            no_shift(c, &ent, cv.shift.as_str());
        }
        if !in_horizon(cv.date) {
            outside(c, &ent, "its date", cv.date);
        }
        let line = cv
            .line
            .as_ref()
            .map(|l| s.lines.iter().find(|x| &x.id == l));
        if let (Some(l), Some(None)) = (&cv.line, &line) {
            c.push(
                IssueCode::DanglingReference,
                ent.clone(),
                format!("it counts line `{l}`, which is not defined"),
                "fix the line id or leave `line` out",
            );
        }
        if let Some(st) = &cv.station {
            let owner = s
                .lines
                .iter()
                .find(|l| l.stations.iter().any(|x| &x.id == st));
            match (owner, &cv.line) {
                (None, _) => c.push(
                    IssueCode::DanglingReference,
                    ent.clone(),
                    format!("it counts station `{st}`, which is not defined"),
                    "fix the station id or leave `station` out",
                ),
                (Some(o), Some(l)) if &o.id != l => c.push(
                    IssueCode::DanglingReference,
                    ent.clone(),
                    format!("station `{st}` is on line `{}`, not on line `{l}`", o.id),
                    "give the station's own line, or leave `line` out",
                ),
                _ => {}
            }
        }
        c.non_negative(&ent, "under_weight", cv.under_weight);
        c.non_negative(&ent, "over_weight", cv.over_weight);
    }
    let mut seen_cover = HashSet::new();
    for cv in &s.cover {
        let key = (cv.date, &cv.shift, &cv.line, &cv.station);
        if !seen_cover.insert(key) {
            c.push(
                IssueCode::DuplicateId,
                format!("cover on {} for shift `{}`", cv.date, cv.shift),
                "the same date, shift, line and station are covered twice".into(),
                "merge the two requirements into one",
            );
        }
    }

    for (i, r) in s.requests.iter().enumerate() {
        let ent = format!("request #{} (worker `{}`, {})", i + 1, r.worker, r.date);
        if !worker_ids.contains(r.worker.as_str()) {
            no_worker(c, &ent, r.worker.as_str());
        }
        if let Some(sh) = &r.shift {
            if !shift_ids.contains(sh.as_str()) {
                no_shift(c, &ent, sh.as_str());
            }
        }
        if !in_horizon(r.date) {
            outside(c, &ent, "its date", r.date);
        }
        c.non_negative(&ent, "weight", r.weight);
    }

    for sc in &s.forbidden_successions {
        let ent = format!("forbidden succession `{}` → `{}`", sc.first, sc.then);
        for sh in [&sc.first, &sc.then] {
            if !shift_ids.contains(sh.as_str()) {
                no_shift(c, &ent, sh.as_str());
            }
        }
    }

    match (&s.run_borders, &s.history) {
        (crate::model::RunBorders::History, None) => c.push(
            IssueCode::HistoryMismatch,
            "run_borders".into(),
            "run_borders is `history` but no `history` is given".into(),
            "give `history` (the shifts worked before the horizon), or set run_borders to `exempt`",
        ),
        (crate::model::RunBorders::Exempt, Some(_)) => c.push(
            IssueCode::HistoryMismatch,
            "history".into(),
            "`history` is given but run_borders is `exempt`, so it would be ignored".into(),
            "set run_borders to `history`, or remove `history`",
        ),
        _ => {}
    }
    if let Some(h) = &s.history {
        if h.from >= s.horizon.start {
            c.push(
                IssueCode::HistoryMismatch,
                "history".into(),
                format!(
                    "it starts on {}, not before the horizon's first date {}",
                    h.from, s.horizon.start
                ),
                "set `from` to the first known date before the horizon",
            );
        } else if (s.horizon.start - h.from).num_days() > MAX_HORIZON_DAYS as i64 {
            c.push(
                IssueCode::HistoryMismatch,
                "history".into(),
                format!(
                    "it reaches back to {}, more than {MAX_HORIZON_DAYS} days",
                    h.from
                ),
                "give the last few weeks only",
            );
        }
        let mut seen = HashSet::new();
        for a in &h.assignments {
            let ent = format!("history of worker `{}` on {}", a.worker, a.date);
            if !worker_ids.contains(a.worker.as_str()) {
                no_worker(c, &ent, a.worker.as_str());
            }
            if !shift_ids.contains(a.shift.as_str()) {
                no_shift(c, &ent, a.shift.as_str());
            }
            if a.date < h.from || a.date >= s.horizon.start {
                c.push(
                    IssueCode::HistoryMismatch,
                    ent.clone(),
                    format!(
                        "the date is outside the history, {} to the day before {}",
                        h.from, s.horizon.start
                    ),
                    "fix the date, or widen `from`",
                );
            }
            if !seen.insert((&a.worker, a.date)) {
                c.push(
                    IssueCode::HistoryMismatch,
                    ent,
                    "two shifts are given on one date".into(),
                    "keep the one actually worked",
                );
            }
        }
    }

    for w in &s.workers {
        let ent = format!("worker `{}`", w.id);
        for &d in &w.days_off {
            if !in_horizon(d) {
                outside(c, &ent, "the day off", d);
            }
        }
        for sh in w.max_shifts.keys() {
            if !shift_ids.contains(sh.as_str()) {
                c.push(
                    IssueCode::DanglingReference,
                    ent.clone(),
                    format!("max_shifts names shift `{sh}`, which is not defined"),
                    "fix the shift id or remove it from max_shifts",
                );
            }
        }
        if let (Some(lo), Some(hi)) = (w.min_total_minutes, w.max_total_minutes) {
            if lo > hi {
                c.push(
                    IssueCode::ContradictoryLimits,
                    ent.clone(),
                    format!("min_total_minutes {lo} is above max_total_minutes {hi}"),
                    "lower the minimum or raise the maximum",
                );
            }
        }
        for (what, v) in [
            ("max_consecutive_days", w.max_consecutive_days),
            ("min_consecutive_days", w.min_consecutive_days),
            ("min_consecutive_days_off", w.min_consecutive_days_off),
        ] {
            if v == Some(0) {
                c.push(
                    IssueCode::ContradictoryLimits,
                    ent.clone(),
                    format!("{what} is 0"),
                    "give 1 or more (1 means no constraint for a minimum), or leave it out",
                );
            }
        }
        let max_run = w
            .max_consecutive_days
            .unwrap_or(u32::MAX)
            .min(s.rules.max_consecutive_days);
        if let Some(lo) = w.min_consecutive_days {
            if lo > max_run {
                c.push(
                    IssueCode::ContradictoryLimits,
                    ent.clone(),
                    format!(
                        "min_consecutive_days {lo} is above the most consecutive days allowed, {max_run}"
                    ),
                    "lower min_consecutive_days or raise max_consecutive_days",
                );
            }
        }
    }
}

/// Home workers, home-work stations and delivery rounds.
fn home_work(s: &Scenario, c: &mut Collector) {
    use crate::model::ContractKind;
    for line in &s.lines {
        for (i, st) in line.stations.iter().enumerate() {
            let ent = format!("station `{}`", st.id);
            if st.home_work && i > 0 {
                c.push(
                    IssueCode::HomeWork,
                    ent.clone(),
                    format!(
                        "allows home work but is not the first station of line `{}`; home work draws raw material",
                        line.id
                    ),
                    "allow home work only at the first station of a line",
                );
            }
            if i == 1 && line.stations[0].home_work && st.buffer_capacity.is_some() {
                c.push(
                    IssueCode::HomeWork,
                    ent,
                    format!(
                        "has a buffer capacity, but home work at `{}` brings its parts back into that buffer in one lot",
                        line.stations[0].id
                    ),
                    "remove the buffer capacity, or home work at the station before it",
                );
            }
        }
    }
    let mut seen = HashSet::new();
    for r in &s.delivery_rounds {
        let ent = format!("delivery round on {}", r.date);
        if s.horizon.index_of(r.date).is_none() {
            c.push(
                IssueCode::DateOutsideHorizon,
                ent.clone(),
                "is dated outside the horizon".into(),
                "date it inside the horizon or remove it",
            );
        }
        if !seen.insert(r.date) {
            c.push(
                IssueCode::HomeWork,
                ent.clone(),
                "is given twice".into(),
                "give one round per date, with the van's whole capacity",
            );
        }
        c.non_negative(&ent, "van_capacity", r.van_capacity);
    }
    let home_workers: Vec<_> = s.workers.iter().filter(|w| w.home.is_some()).collect();
    if !home_workers.is_empty() && seen.len() < 2 {
        c.push(
            IssueCode::HomeWork,
            "delivery_rounds".into(),
            format!(
                "{} home worker(s) but {} delivery round(s); material goes out on one round and comes back on the next",
                home_workers.len(),
                seen.len()
            ),
            "give at least two delivery rounds inside the horizon",
        );
    }
    for w in home_workers {
        let Some(h) = &w.home else { continue };
        let ent = format!("worker `{}`", w.id);
        if w.contract != ContractKind::HomeBased {
            c.push(
                IssueCode::HomeWork,
                ent.clone(),
                "has home availability but a contract other than home_based".into(),
                "set \"contract\": \"home_based\", or remove \"home\" to roster them on site",
            );
        }
        c.within(
            &ent,
            "home hours_per_day",
            h.hours_per_day,
            0.0,
            24.0,
            "give the hours a day they can work at home, between 0 and 24",
        );
        c.within(
            &ent,
            "home efficiency",
            h.efficiency,
            f64::MIN_POSITIVE,
            MAX_EFFICIENCY,
            "give a factor above 0 (1.0 = the skill's efficiency on site)",
        );
        if h.days.is_empty() {
            c.push(
                IssueCode::HomeWork,
                ent.clone(),
                "has no home weekdays, so can never work".into(),
                "list the weekdays they work at home in \"days\"",
            );
        }
        if w.min_hours_per_week > 0.0 || w.min_total_minutes.is_some_and(|m| m > 0) {
            c.push(
                IssueCode::HomeWork,
                ent.clone(),
                "works at home but has contracted minimum hours, which count on-site shifts only"
                    .into(),
                "remove min_hours_per_week and min_total_minutes for home workers",
            );
        }
        let usable = s.lines.iter().any(|line| {
            (w.lines.is_empty() || w.lines.contains(&line.id))
                && line
                    .stations
                    .iter()
                    .any(|st| st.home_work && w.efficiency(&st.skill).is_some())
        });
        if !usable {
            c.push(
                IssueCode::HomeWork,
                ent,
                "works at home, but no station they have the skill for (on the lines they may work on) allows home work".into(),
                "set \"home_work\": true on such a station, or give them the skill of one that allows it",
            );
        }
    }
}
