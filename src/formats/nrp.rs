//! The text format of the Curtois & Qu nurse-rostering benchmark
//! (`Instance1.txt` … `Instance24.txt`, schedulingbenchmarks.org/nrp).
//!
//! Sections (`SECTION_HORIZON`, `SECTION_SHIFTS`, `SECTION_STAFF`,
//! `SECTION_DAYS_OFF`, `SECTION_SHIFT_ON_REQUESTS`,
//! `SECTION_SHIFT_OFF_REQUESTS`, `SECTION_COVER`) of comma-separated lines;
//! `#` starts a comment line. See `benchmarks/curtois-qu/README.md` in the
//! project's shared folder for the full description.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::error::Error;
use crate::model::{
    Calendar, CoverRequirement, Horizon, LabourRules, Line, Penalties, RequestKind, RunBorders,
    Scenario, ShiftId, ShiftKind, ShiftRequest, ShiftTemplate, SkillId, Station, StationId,
    Succession, Worker, WorkerId, WorkerSkill,
};

/// The first date of every benchmark instance (day 0, a Monday), as in the
/// site's XML versions.
pub const DAY_ZERO: (i32, u32, u32) = (2014, 1, 6);

/// One shift type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NrpShift {
    /// Id, e.g. `D`.
    pub id: String,
    /// Length in minutes.
    pub minutes: u32,
    /// Shifts that may not be worked the day after this one.
    pub forbidden_next: Vec<String>,
}

/// One employee and their contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NrpStaff {
    /// Id, e.g. `A`.
    pub id: String,
    /// Most shifts of each type over the horizon.
    pub max_shifts: Vec<(String, u32)>,
    /// Most minutes over the horizon.
    pub max_total_minutes: u32,
    /// Fewest minutes over the horizon.
    pub min_total_minutes: u32,
    /// Longest run of working days.
    pub max_consecutive_shifts: u32,
    /// Shortest run of working days strictly inside the horizon.
    pub min_consecutive_shifts: u32,
    /// Shortest run of days off strictly inside the horizon.
    pub min_consecutive_days_off: u32,
    /// Most weekends worked.
    pub max_weekends: u32,
}

/// A shift-on or shift-off request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NrpRequest {
    /// Employee id.
    pub employee: String,
    /// Day index (0 = the first Monday).
    pub day: usize,
    /// Shift id.
    pub shift: String,
    /// Penalty if not granted.
    pub weight: u32,
}

/// Cover for one shift type on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NrpCover {
    /// Day index.
    pub day: usize,
    /// Shift id.
    pub shift: String,
    /// People wanted.
    pub requirement: u32,
    /// Penalty per person short.
    pub weight_under: u32,
    /// Penalty per person over.
    pub weight_over: u32,
}

/// A benchmark instance as written in its text file.
///
/// ```
/// let text = "SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\n\nSECTION_STAFF\n\
///             A,D=7,2400,0,5,1,1,1\n\nSECTION_DAYS_OFF\nA,6\n\n\
///             SECTION_SHIFT_ON_REQUESTS\nA,0,D,2\n\nSECTION_SHIFT_OFF_REQUESTS\n\n\
///             SECTION_COVER\n0,D,1,100,1\n";
/// let inst = flexline::formats::NrpInstance::parse(text)?;
/// assert_eq!(inst.days, 7);
/// let scenario = inst.to_scenario("tiny");
/// assert_eq!(scenario.workers[0].max_weekends, Some(1));
/// # Ok::<(), flexline::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NrpInstance {
    /// Number of days (day 0 is a Monday).
    pub days: usize,
    /// Shift types.
    pub shifts: Vec<NrpShift>,
    /// Employees.
    pub staff: Vec<NrpStaff>,
    /// Fixed days off, by employee.
    pub days_off: Vec<(String, Vec<usize>)>,
    /// "Wants to work this shift on this day."
    pub on_requests: Vec<NrpRequest>,
    /// "Does not want to work this shift on this day."
    pub off_requests: Vec<NrpRequest>,
    /// Cover per (day, shift).
    pub cover: Vec<NrpCover>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    None,
    Horizon,
    Shifts,
    Staff,
    DaysOff,
    OnRequests,
    OffRequests,
    Cover,
}

fn err(line: usize, message: impl Into<String>) -> Error {
    Error::Format {
        file: None,
        line,
        message: crate::text::tidy(&message.into()),
    }
}

fn number<T: std::str::FromStr>(line: usize, what: &str, s: &str) -> Result<T, Error> {
    // Instance15 writes two requirements as `-0`: that is zero.
    let t = s.trim();
    let t = match t.strip_prefix('-') {
        Some(rest) if !rest.is_empty() && rest.bytes().all(|b| b == b'0') => rest,
        _ => t,
    };
    // Every number becomes a weight, a limit or a count of the scenario,
    // whose validation accepts at most 1e9 (the horizon has its own, lower
    // limit and message).
    if what != "the horizon" && t.parse::<f64>().is_ok_and(|v| v > 1e9) {
        return Err(err(
            line,
            format!("{what} is `{s}`; flexline accepts at most 1000000000"),
        ));
    }
    t.parse().map_err(|_| {
        err(
            line,
            format!("{what} is `{s}`; expected a whole number that is not negative"),
        )
    })
}

fn fields<'a>(line: usize, text: &'a str, n: usize, layout: &str) -> Result<Vec<&'a str>, Error> {
    let f: Vec<&str> = text.split(',').collect();
    if f.len() != n {
        return Err(err(
            line,
            format!(
                "expected {n} comma-separated fields ({layout}), found {}",
                f.len()
            ),
        ));
    }
    Ok(f)
}

impl NrpInstance {
    /// Parses the text of an instance file. Errors name the line and what was
    /// expected there; unknown ids and days out of range are errors too.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let text = crate::text::strip_bom(text);
        if text.trim().is_empty() {
            return Err(Error::Empty {
                file: None,
                expected: "an instance starts with SECTION_HORIZON",
            });
        }
        let mut section = Section::None;
        let mut days: Option<usize> = None;
        let mut inst = NrpInstance {
            days: 0,
            shifts: Vec::new(),
            staff: Vec::new(),
            days_off: Vec::new(),
            on_requests: Vec::new(),
            off_requests: Vec::new(),
            cover: Vec::new(),
        };
        let mut seen_sections = Vec::new();
        // Where each item was read, for reference errors after parsing.
        let mut lines_of: Vec<(usize, RefCheck)> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let ln = i + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix("SECTION_") {
                section = match name {
                    "HORIZON" => Section::Horizon,
                    "SHIFTS" => Section::Shifts,
                    "STAFF" => Section::Staff,
                    "DAYS_OFF" => Section::DaysOff,
                    "SHIFT_ON_REQUESTS" => Section::OnRequests,
                    "SHIFT_OFF_REQUESTS" => Section::OffRequests,
                    "COVER" => Section::Cover,
                    other => {
                        return Err(err(
                            ln,
                            format!("unknown section `SECTION_{other}`; expected one of HORIZON, SHIFTS, STAFF, DAYS_OFF, SHIFT_ON_REQUESTS, SHIFT_OFF_REQUESTS, COVER"),
                        ))
                    }
                };
                if seen_sections.contains(&section) {
                    return Err(err(ln, format!("section `{line}` appears twice")));
                }
                seen_sections.push(section);
                continue;
            }
            match section {
                Section::None => return Err(err(
                    ln,
                    "data before the first SECTION_ line; the file must start with SECTION_HORIZON",
                )),
                Section::Horizon => {
                    if days.is_some() {
                        return Err(err(ln, "SECTION_HORIZON holds one number, the days"));
                    }
                    let d: usize = number(ln, "the horizon", line)?;
                    if d == 0 {
                        return Err(err(ln, "the horizon is 0 days; give at least 1"));
                    }
                    if d > crate::validate::MAX_HORIZON_DAYS {
                        return Err(err(
                            ln,
                            format!(
                                "the horizon is {d} days; flexline plans at most {}",
                                crate::validate::MAX_HORIZON_DAYS
                            ),
                        ));
                    }
                    days = Some(d);
                }
                Section::Shifts => {
                    let f = fields(ln, line, 3, "ShiftID,LengthInMinutes,Forbidden")?;
                    let minutes: u32 = number(ln, "the shift length", f[1])?;
                    if minutes == 0 || minutes >= 24 * 60 {
                        return Err(err(
                            ln,
                            format!(
                                "shift `{}` is {minutes} minutes long; expected 1 to 1439",
                                f[0]
                            ),
                        ));
                    }
                    if f[0].is_empty() {
                        return Err(err(ln, "empty shift id"));
                    }
                    let forbidden_next: Vec<String> = f[2]
                        .split('|')
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect();
                    lines_of.push((ln, RefCheck::Shifts(forbidden_next.clone())));
                    inst.shifts.push(NrpShift {
                        id: f[0].to_owned(),
                        minutes,
                        forbidden_next,
                    });
                }
                Section::Staff => {
                    let f = fields(
                        ln,
                        line,
                        8,
                        "ID,MaxShifts,MaxTotalMinutes,MinTotalMinutes,MaxConsecutiveShifts,MinConsecutiveShifts,MinConsecutiveDaysOff,MaxWeekends",
                    )?;
                    let mut max_shifts = Vec::new();
                    for part in f[1].split('|').filter(|s| !s.is_empty()) {
                        let Some((sh, n)) = part.split_once('=') else {
                            return Err(err(
                                ln,
                                format!("max shifts entry `{part}`; expected ShiftID=number"),
                            ));
                        };
                        max_shifts.push((sh.to_owned(), number(ln, "a max-shifts count", n)?));
                    }
                    let st = NrpStaff {
                        id: f[0].to_owned(),
                        max_total_minutes: number(ln, "MaxTotalMinutes", f[2])?,
                        min_total_minutes: number(ln, "MinTotalMinutes", f[3])?,
                        max_consecutive_shifts: number(ln, "MaxConsecutiveShifts", f[4])?,
                        min_consecutive_shifts: number(ln, "MinConsecutiveShifts", f[5])?,
                        min_consecutive_days_off: number(ln, "MinConsecutiveDaysOff", f[6])?,
                        max_weekends: number(ln, "MaxWeekends", f[7])?,
                        max_shifts,
                    };
                    if st.min_total_minutes > st.max_total_minutes {
                        return Err(err(
                            ln,
                            format!(
                                "employee `{}`: MinTotalMinutes {} is above MaxTotalMinutes {} (the maximum comes first)",
                                st.id, st.min_total_minutes, st.max_total_minutes
                            ),
                        ));
                    }
                    if st.max_consecutive_shifts == 0 {
                        return Err(err(
                            ln,
                            format!("employee `{}`: MaxConsecutiveShifts is 0", st.id),
                        ));
                    }
                    lines_of.push((
                        ln,
                        RefCheck::Staff(st.max_shifts.iter().map(|(s, _)| s.clone()).collect()),
                    ));
                    inst.staff.push(st);
                }
                Section::DaysOff => {
                    let mut f = line.split(',');
                    let who = f.next().unwrap_or_default().to_owned();
                    let mut ds = Vec::new();
                    for d in f.filter(|s| !s.is_empty()) {
                        ds.push(number(ln, "a day", d)?);
                    }
                    lines_of.push((ln, RefCheck::Employee(who.clone(), ds.clone(), None)));
                    inst.days_off.push((who, ds));
                }
                Section::OnRequests | Section::OffRequests => {
                    let f = fields(ln, line, 4, "EmployeeID,Day,ShiftID,Weight")?;
                    let r = NrpRequest {
                        employee: f[0].to_owned(),
                        day: number(ln, "the day", f[1])?,
                        shift: f[2].to_owned(),
                        weight: number(ln, "the weight", f[3])?,
                    };
                    lines_of.push((
                        ln,
                        RefCheck::Employee(r.employee.clone(), vec![r.day], Some(r.shift.clone())),
                    ));
                    if section == Section::OnRequests {
                        inst.on_requests.push(r);
                    } else {
                        inst.off_requests.push(r);
                    }
                }
                Section::Cover => {
                    let f = fields(
                        ln,
                        line,
                        5,
                        "Day,ShiftID,Requirement,WeightUnder,WeightOver",
                    )?;
                    let c = NrpCover {
                        day: number(ln, "the day", f[0])?,
                        shift: f[1].to_owned(),
                        requirement: number(ln, "the requirement", f[2])?,
                        weight_under: number(ln, "WeightUnder", f[3])?,
                        weight_over: number(ln, "WeightOver", f[4])?,
                    };
                    lines_of.push((ln, RefCheck::Cover(c.day, c.shift.clone())));
                    inst.cover.push(c);
                }
            }
        }
        let Some(days) = days else {
            return Err(err(
                text.lines().count(),
                "no SECTION_HORIZON with the number of days",
            ));
        };
        // Every section must be there (it may be empty): a file cut short
        // would otherwise parse as an instance without cover or requests.
        for (sec, name) in [
            (Section::Shifts, "SECTION_SHIFTS"),
            (Section::Staff, "SECTION_STAFF"),
            (Section::DaysOff, "SECTION_DAYS_OFF"),
            (Section::OnRequests, "SECTION_SHIFT_ON_REQUESTS"),
            (Section::OffRequests, "SECTION_SHIFT_OFF_REQUESTS"),
            (Section::Cover, "SECTION_COVER"),
        ] {
            if !seen_sections.contains(&sec) {
                return Err(err(
                    text.lines().count(),
                    format!("the file ends without {name}; every section must be present, even if empty"),
                ));
            }
        }
        inst.days = days;
        if inst.shifts.is_empty() {
            return Err(err(
                text.lines().count(),
                "no shifts: SECTION_SHIFTS is missing or empty",
            ));
        }
        // References.
        let shift_ids: HashMap<&str, usize> = inst
            .shifts
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let staff_ids: HashMap<&str, usize> = inst
            .staff
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        if shift_ids.len() != inst.shifts.len() || staff_ids.len() != inst.staff.len() {
            // Name the line of the second definition.
            let (mut shifts, mut staff) = (0, 0);
            let mut seen = std::collections::HashSet::new();
            for (ln, chk) in &lines_of {
                let (kind, id) = match chk {
                    RefCheck::Shifts(_) => {
                        shifts += 1;
                        ("shift", &inst.shifts[shifts - 1].id)
                    }
                    RefCheck::Staff(_) => {
                        staff += 1;
                        ("employee", &inst.staff[staff - 1].id)
                    }
                    _ => continue,
                };
                if !seen.insert((kind, id)) {
                    return Err(err(*ln, format!("{kind} `{id}` is defined twice")));
                }
            }
        }
        let shift_known = |ln: usize, s: &str| {
            if shift_ids.contains_key(s) {
                Ok(())
            } else {
                Err(err(
                    ln,
                    format!("shift `{s}` is not defined in SECTION_SHIFTS"),
                ))
            }
        };
        let mut covered = std::collections::HashSet::new();
        for (ln, chk) in &lines_of {
            match chk {
                RefCheck::Shifts(next) | RefCheck::Staff(next) => {
                    for s in next {
                        shift_known(*ln, s)?;
                    }
                }
                RefCheck::Employee(e, ds, sh) => {
                    if !staff_ids.contains_key(e.as_str()) {
                        return Err(err(
                            *ln,
                            format!("employee `{e}` is not defined in SECTION_STAFF"),
                        ));
                    }
                    for &d in ds {
                        if d >= days {
                            return Err(err(
                                *ln,
                                format!("day {d} is outside the horizon 0..{}", days - 1),
                            ));
                        }
                    }
                    if let Some(s) = sh {
                        shift_known(*ln, s)?;
                    }
                }
                RefCheck::Cover(d, s) => {
                    shift_known(*ln, s)?;
                    if *d >= days {
                        return Err(err(
                            *ln,
                            format!("day {d} is outside the horizon 0..{}", days - 1),
                        ));
                    }
                    if !covered.insert((*d, s.clone())) {
                        return Err(err(
                            *ln,
                            format!("cover for day {d}, shift `{s}` is given twice"),
                        ));
                    }
                }
            }
        }
        Ok(inst)
    }

    /// Reads and parses an instance file.
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: crate::text::shown(&path.display().to_string()),
            source,
        })?;
        Self::parse(&text).map_err(|e| e.in_file(&crate::text::shown(&path.display().to_string())))
    }

    /// The date of day index `day`.
    pub fn date(&self, day: usize) -> NaiveDate {
        i64::try_from(day)
            .ok()
            .and_then(Duration::try_days)
            .and_then(|d| day_zero().checked_add_signed(d))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The instance as a flexline scenario.
    ///
    /// - One line `ward` with one station `duty` (skill `nurse`, as many
    ///   workplaces as staff) runs every shift; nobody is paid (wage 0), so
    ///   the objective is exactly the benchmark penalty.
    /// - The text gives no start times: every shift starts at 06:00, the
    ///   minimum rest is 0 and the benchmark's "cannot follow" lists become
    ///   `forbidden_successions` (they are the pairs with under 14 hours' rest).
    /// - Labour rules are `custom` and never bind (12 h a day, 84 h a week,
    ///   no overtime, no weekly day off); the staff lines carry the limits.
    /// - Runs touching the first or last day are exempt (`run_borders:
    ///   exempt`), as the benchmark specifies.
    pub fn to_scenario(&self, name: &str) -> Scenario {
        let six = NaiveTime::from_hms_opt(6, 0, 0).unwrap_or_default();
        let end_of = |m: u32| six + Duration::minutes(i64::from(m));
        let shifts: Vec<ShiftTemplate> = self
            .shifts
            .iter()
            .map(|s| ShiftTemplate {
                id: ShiftId::new(&s.id),
                name: s.id.clone(),
                start: six,
                end: end_of(s.minutes),
                break_minutes: 0,
                days: vec![
                    chrono::Weekday::Mon,
                    chrono::Weekday::Tue,
                    chrono::Weekday::Wed,
                    chrono::Weekday::Thu,
                    chrono::Weekday::Fri,
                    chrono::Weekday::Sat,
                    chrono::Weekday::Sun,
                ],
                kind: ShiftKind::Regular,
            })
            .collect();
        let longest = self.shifts.iter().map(|s| s.minutes).max().unwrap_or(0);
        let day_hours = (f64::from(longest) / 60.0).max(8.0);
        let rules = LabourRules {
            preset: crate::RulePreset::Custom,
            standard_hours_per_day: day_hours,
            standard_hours_per_week: 7.0 * day_hours,
            max_overtime_hours_per_day: 0.0,
            max_overtime_hours_per_month: 0.0,
            max_hours_per_day: day_hours,
            max_hours_per_week: 7.0 * day_hours,
            min_rest_hours: 0.0,
            max_consecutive_days: self.days as u32,
            min_days_off_per_week: 0,
            overtime_multiplier: 1.0,
            rest_day_multiplier: 1.0,
            holiday_multiplier: 1.0,
        };
        let days_off: HashMap<&str, &Vec<usize>> = self
            .days_off
            .iter()
            .map(|(e, ds)| (e.as_str(), ds))
            .collect();
        let opt = |v: u32| if v <= 1 { None } else { Some(v) };
        let workers = self
            .staff
            .iter()
            .map(|st| Worker {
                id: WorkerId::new(&st.id),
                name: String::new(),
                contract: Default::default(),
                skills: vec![WorkerSkill {
                    skill: SkillId::from("nurse"),
                    efficiency: 1.0,
                }],
                hourly_wage: 0.0,
                overtime_multiplier: None,
                max_hours_per_day: None,
                max_hours_per_week: None,
                min_hours_per_week: 0.0,
                lines: Vec::new(),
                unavailable: Vec::new(),
                days_off: days_off
                    .get(st.id.as_str())
                    .map(|ds| ds.iter().map(|&d| self.date(d)).collect())
                    .unwrap_or_default(),
                max_shifts: st
                    .max_shifts
                    .iter()
                    .map(|(s, n)| (ShiftId::new(s), *n))
                    .collect::<BTreeMap<_, _>>(),
                min_total_minutes: Some(st.min_total_minutes).filter(|&m| m > 0),
                max_total_minutes: Some(st.max_total_minutes),
                max_consecutive_days: Some(st.max_consecutive_shifts),
                min_consecutive_days: opt(st.min_consecutive_shifts),
                min_consecutive_days_off: opt(st.min_consecutive_days_off),
                max_weekends: Some(st.max_weekends),
                absence_probability: None,
                home: None,
            })
            .collect();
        let request = |r: &NrpRequest, kind| ShiftRequest {
            worker: WorkerId::new(&r.employee),
            date: self.date(r.day),
            shift: Some(ShiftId::new(&r.shift)),
            kind,
            weight: f64::from(r.weight),
        };
        let requests = self
            .on_requests
            .iter()
            .map(|r| request(r, RequestKind::On))
            .chain(
                self.off_requests
                    .iter()
                    .map(|r| request(r, RequestKind::Off)),
            )
            .collect();
        let cover = self
            .cover
            .iter()
            .map(|c| CoverRequirement {
                date: self.date(c.day),
                shift: ShiftId::new(&c.shift),
                line: None,
                station: None,
                required: c.requirement,
                under_weight: f64::from(c.weight_under),
                over_weight: f64::from(c.weight_over),
            })
            .collect();
        let forbidden_successions = self
            .shifts
            .iter()
            .flat_map(|s| {
                s.forbidden_next.iter().map(move |t| Succession {
                    first: ShiftId::new(&s.id),
                    then: ShiftId::new(t),
                })
            })
            .collect();
        Scenario {
            schema: None,
            name: name.to_owned(),
            horizon: Horizon {
                start: day_zero(),
                end: self.date(self.days.saturating_sub(1)),
            },
            calendar: Calendar::default(),
            shifts,
            lines: vec![Line {
                id: "ward".into(),
                name: String::new(),
                shifts: self.shifts.iter().map(|s| ShiftId::new(&s.id)).collect(),
                stations: vec![Station {
                    id: StationId::from("duty"),
                    name: String::new(),
                    skill: SkillId::from("nurse"),
                    minutes_per_unit: 60.0,
                    workplaces: self.staff.len().max(1) as u32,
                    initial_stock: 0.0,
                    buffer_capacity: None,
                    home_work: false,
                    holding_cost_per_unit_day: None,
                }],
                holding_cost_per_unit_day: None,
                max_finished_stock: None,
            }],
            targets: Vec::new(),
            workers,
            rules,
            penalties: Penalties::default(),
            cover,
            requests,
            forbidden_successions,
            run_borders: RunBorders::Exempt,
            history: None,
            delivery_rounds: Vec::new(),
            fairness: Vec::new(),
        }
    }
}

/// Day 0 of every instance.
pub(crate) fn day_zero() -> NaiveDate {
    let (y, m, d) = DAY_ZERO;
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

enum RefCheck {
    Shifts(Vec<String>),
    Staff(Vec<String>),
    Employee(String, Vec<usize>, Option<String>),
    Cover(usize, String),
}
