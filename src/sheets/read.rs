//! From sheets of cells to a [`Scenario`]: every problem is collected with
//! its cell address and a fix, then the scenario is validated as JSON is.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveTime, Weekday};

use super::cells::{
    address, fraction_time, number_text, parse_date_text, parse_days, parse_flag, parse_time_text,
    serial_date, split_list, word, Cell,
};
use super::{Grid, SheetIssue, SHEETS};
use crate::model::{
    Applies, Calendar, CareWindow, ContractKind, CoverRequirement, DateRange, DeliveryRound,
    History, HomeWork, Horizon, LabourRules, Line, LineId, OutputTarget, PastAssignment, Penalties,
    RequestKind, RunBorders, Scenario, ShiftId, ShiftKind, ShiftRequest, ShiftTemplate, Station,
    Succession, TargetKind, Worker, WorkerId, WorkerSkill,
};

/// Where each entity was read, as the validator names it (`worker `r01``).
pub(crate) type Locations = Vec<(String, String)>;

/// One sheet's table: the header row and where each known column is.
struct Table<'a> {
    sheet: &'static str,
    grid: &'a Grid,
    header: usize,
    cols: HashMap<&'static str, usize>,
}

/// A data row of a table.
#[derive(Clone, Copy)]
struct Row<'a> {
    table: &'a Table<'a>,
    r: usize,
}

struct Issues(Vec<SheetIssue>);

impl Issues {
    fn push(&mut self, cell: String, message: impl Into<String>, fix: impl Into<String>) {
        if self.0.len() < super::MAX_SHEET_ISSUES {
            self.0.push(SheetIssue {
                cell,
                message: crate::text::tidy(&message.into()),
                fix: fix.into(),
            });
        }
    }
}

/// The columns of each sheet: (name, required).
fn columns(sheet: &str) -> &'static [(&'static str, bool)] {
    match sheet {
        "Workers" => &[
            ("id", true),
            ("name", false),
            ("contract", false),
            ("hourly_wage", true),
            ("overtime_multiplier", false),
            ("max_hours_per_day", false),
            ("max_hours_per_week", false),
            ("min_hours_per_week", false),
            ("lines", false),
            ("days_off", false),
            ("max_shifts", false),
            ("min_total_minutes", false),
            ("max_total_minutes", false),
            ("max_consecutive_days", false),
            ("min_consecutive_days", false),
            ("min_consecutive_days_off", false),
            ("max_weekends", false),
            ("absence_probability", false),
            ("home_hours_per_day", false),
            ("home_days", false),
            ("home_efficiency", false),
        ],
        "Skills" => &[("worker", true), ("skill", true), ("efficiency", false)],
        "Availability" => &[
            ("worker", true),
            ("kind", true),
            ("days", false),
            ("from", true),
            ("to", false),
            ("overnight", false),
            ("applies", false),
            ("reason", false),
        ],
        "Shifts" => &[
            ("id", true),
            ("name", false),
            ("start", true),
            ("end", true),
            ("break_minutes", false),
            ("days", false),
            ("kind", false),
        ],
        "Lines" => &[
            ("id", true),
            ("name", false),
            ("shifts", true),
            ("holding_cost_per_unit_day", false),
            ("max_finished_stock", false),
        ],
        "Stations" => &[
            ("line", true),
            ("order", false),
            ("id", true),
            ("name", false),
            ("skill", true),
            ("minutes_per_unit", true),
            ("workplaces", true),
            ("initial_stock", false),
            ("buffer_capacity", false),
            ("home_work", false),
            ("holding_cost_per_unit_day", false),
        ],
        "Targets" => &[
            ("id", true),
            ("line", true),
            ("date", true),
            ("units", true),
            ("kind", false),
            ("shortfall_penalty", false),
        ],
        "Calendar" => &[
            ("entry", true),
            ("from", false),
            ("to", false),
            ("days", false),
            ("value", false),
        ],
        "Rules" => &[("setting", true), ("value", false)],
        "Cover" => &[
            ("date", true),
            ("shift", true),
            ("line", false),
            ("station", false),
            ("required", true),
            ("under_weight", false),
            ("over_weight", false),
        ],
        "Requests" => &[
            ("worker", true),
            ("date", true),
            ("shift", false),
            ("kind", true),
            ("weight", true),
        ],
        "Successions" => &[("first", true), ("then", true)],
        "History" => &[("worker", true), ("date", true), ("shift", true)],
        "Fairness" => &[
            ("name", true),
            ("contract", false),
            ("workers", false),
            ("hours_weight", false),
            ("weekends_weight", false),
        ],
        _ => &[],
    }
}

/// The column names of a sheet, for messages and the docs test.
pub(crate) fn column_names(sheet: &str) -> Vec<&'static str> {
    columns(sheet).iter().map(|(n, _)| *n).collect()
}

/// A heading as a column name: `Hourly wage (CNY)` → `hourly_wage`.
fn heading(text: &str) -> String {
    let cut = text
        .find(['(', '（', '['])
        .map(|i| &text[..i])
        .unwrap_or(text);
    word(cut)
}

fn is_note(h: &str) -> bool {
    h.starts_with('#') || matches!(h, "note" | "notes" | "comment" | "comments" | "备注")
}

fn cell_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(t) => Some(t.trim().to_owned()),
        Cell::Number(n) => Some(number_text(*n)),
        _ => None,
    }
}

impl<'a> Table<'a> {
    fn open(sheet: &'static str, grid: &'a Grid, issues: &mut Issues) -> Option<Self> {
        let spec = columns(sheet);
        let known = |h: &str| spec.iter().any(|(n, _)| *n == h);
        let header = grid.rows.iter().take(50).position(|row| {
            row.iter()
                .filter_map(cell_text)
                .any(|t| known(&heading(&t)))
        });
        let Some(header) = header else {
            issues.push(
                address(sheet, 0, 0),
                format!(
                    "the sheet {sheet} has no heading row (none of its first 50 rows names a column)"
                ),
                format!(
                    "put the column names in the first row: {}",
                    column_names(sheet).join(", ")
                ),
            );
            return None;
        };
        let mut cols = HashMap::new();
        for (c, cell) in grid.rows[header].iter().enumerate() {
            let Some(text) = cell_text(cell).filter(|t| !t.is_empty()) else {
                continue;
            };
            let h = heading(&text);
            match spec.iter().find(|(n, _)| *n == h) {
                Some((name, _)) => {
                    if cols.insert(*name, c).is_some() {
                        issues.push(
                            address(sheet, header, c),
                            format!("the column {name} appears twice"),
                            "delete or rename one of them",
                        );
                    }
                }
                None if is_note(&h) => {}
                None => issues.push(
                    address(sheet, header, c),
                    format!("unknown column \"{text}\""),
                    format!(
                        "the {sheet} columns are {}; rename it, or start its heading with # to keep it as a note",
                        column_names(sheet).join(", ")
                    ),
                ),
            }
        }
        for (name, required) in spec {
            if *required && !cols.contains_key(name) {
                issues.push(
                    address(sheet, header, 0),
                    format!("the sheet {sheet} has no column {name}"),
                    format!("add a column headed {name} (docs/spreadsheet.md)"),
                );
            }
        }
        for &(r0, c0, r1, c1) in &grid.merged {
            if r1 > header && (r0, c0) != (r1, c1) {
                issues.push(
                    format!(
                        "{}:{}",
                        address(sheet, r0, c0),
                        address(sheet, r1, c1).split('!').nth(1).unwrap_or_default()
                    ),
                    "merged cells: only the first of them holds the value",
                    "unmerge them and type the value into every row",
                );
            }
        }
        Some(Self {
            sheet,
            grid,
            header,
            cols,
        })
    }

    /// The data rows: every row below the header that is not empty.
    fn rows(&self) -> Vec<Row<'_>> {
        (self.header + 1..self.grid.rows.len())
            .filter(|&r| self.grid.rows[r].iter().any(|c| !c.is_empty()))
            .map(|r| Row { table: self, r })
            .collect()
    }
}

impl Row<'_> {
    fn at(&self, col: &str) -> String {
        let c = self.table.cols.get(col).copied().unwrap_or(0);
        address(self.table.sheet, self.r, c)
    }

    fn cell(&self, col: &str) -> Option<&Cell> {
        let c = *self.table.cols.get(col)?;
        self.table.grid.rows[self.r].get(c)
    }

    /// The cell, or `None` when empty or broken (broken cells are reported).
    fn value(&self, col: &str, issues: &mut Issues) -> Option<&Cell> {
        let cell = self.cell(col)?;
        match cell {
            Cell::Error(e) => {
                issues.push(
                    self.at(col),
                    format!("the cell shows the error {e}"),
                    "fix the formula, or type the value",
                );
                None
            }
            Cell::NoResult(f) => {
                issues.push(
                    self.at(col),
                    format!("the cell holds a formula (={f}) saved without its result"),
                    "open the workbook in Excel, WPS or LibreOffice and save it (that stores the results), or type the value",
                );
                None
            }
            c if c.is_empty() => None,
            c => Some(c),
        }
    }

    fn text(&self, col: &str, issues: &mut Issues) -> Option<String> {
        match self.value(col, issues)? {
            Cell::Text(t) => Some(t.trim().to_owned()),
            Cell::Number(n) => Some(number_text(*n)),
            Cell::Bool(b) => Some(if *b { "yes" } else { "no" }.into()),
            Cell::Serial(s) => serial_date(*s).map(|d| d.to_string()),
            _ => None,
        }
    }

    fn required_text(&self, col: &str, what: &str, issues: &mut Issues) -> Option<String> {
        let t = self.text(col, issues);
        if t.is_none() && self.has(col) && self.cell(col).is_none_or(Cell::is_empty) {
            issues.push(
                self.at(col),
                format!("{col} is empty"),
                format!("type {what}"),
            );
        }
        t
    }

    fn has(&self, col: &str) -> bool {
        self.table.cols.contains_key(col)
    }

    fn number_with(&self, col: &str, percent: bool, issues: &mut Issues) -> Option<f64> {
        match self.value(col, issues)? {
            Cell::Number(n) => Some(*n),
            Cell::Text(t) => {
                let t = t.trim();
                let parsed = match t.strip_suffix(['%', '％']) {
                    Some(p) if percent => p.trim().parse::<f64>().ok().map(|v| v / 100.0),
                    _ => t.parse::<f64>().ok(),
                };
                if parsed.is_none() {
                    let fix = if percent {
                        "type a number such as 0.8 (or 80%)"
                    } else {
                        "type a number such as 16.5 (digits and a decimal point only)"
                    };
                    issues.push(self.at(col), format!("{col} \"{t}\" is not a number"), fix);
                }
                parsed
            }
            other => {
                issues.push(
                    self.at(col),
                    format!("{col} holds {}, not a number", describe(other)),
                    "type a number such as 16.5",
                );
                None
            }
        }
    }

    fn number(&self, col: &str, issues: &mut Issues) -> Option<f64> {
        self.number_with(col, false, issues)
    }

    fn required_number(&self, col: &str, issues: &mut Issues) -> Option<f64> {
        let v = self.number(col, issues);
        if v.is_none() && self.has(col) && self.cell(col).is_none_or(Cell::is_empty) {
            issues.push(self.at(col), format!("{col} is empty"), "type a number");
        }
        v
    }

    fn whole(&self, col: &str, issues: &mut Issues) -> Option<u32> {
        let v = self.number(col, issues)?;
        if v.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&v) {
            issues.push(
                self.at(col),
                format!("{col} {v} is not a whole number of 0 or more"),
                "type a whole number such as 3",
            );
            return None;
        }
        Some(v as u32)
    }

    fn flag(&self, col: &str, issues: &mut Issues) -> bool {
        match self.value(col, issues) {
            None => false,
            Some(Cell::Bool(b)) => *b,
            Some(Cell::Number(n)) if *n == 0.0 || *n == 1.0 => *n == 1.0,
            Some(Cell::Text(t)) => parse_flag(t).unwrap_or_else(|| {
                issues.push(
                    self.at(col),
                    format!("{col} \"{}\" is not yes or no", t.trim()),
                    "type yes or no (or leave it empty for no)",
                );
                false
            }),
            Some(other) => {
                issues.push(
                    self.at(col),
                    format!("{col} holds {}, not yes or no", describe(other)),
                    "type yes or no",
                );
                false
            }
        }
    }

    fn date(&self, col: &str, issues: &mut Issues) -> Option<NaiveDate> {
        let got = match self.value(col, issues)? {
            Cell::Serial(s) | Cell::Number(s) => serial_date(*s),
            Cell::Text(t) => parse_date_text(t),
            _ => None,
        };
        if got.is_none() {
            issues.push(
                self.at(col),
                format!("{col} is not a date"),
                "type the date as 2026-03-02 (year-month-day) or use a date cell",
            );
        }
        got
    }

    fn required_date(&self, col: &str, issues: &mut Issues) -> Option<NaiveDate> {
        let v = self.date(col, issues);
        if v.is_none() && self.has(col) && self.cell(col).is_none_or(Cell::is_empty) {
            issues.push(
                self.at(col),
                format!("{col} is empty"),
                "type a date such as 2026-03-02",
            );
        }
        v
    }

    fn dates(&self, col: &str, issues: &mut Issues) -> Vec<NaiveDate> {
        match self.value(col, issues) {
            None => Vec::new(),
            Some(Cell::Serial(_) | Cell::Number(_)) => self.date(col, issues).into_iter().collect(),
            Some(Cell::Text(t)) => {
                let mut out = Vec::new();
                for part in split_list(t) {
                    match parse_date_text(&part) {
                        Some(d) => out.push(d),
                        None => issues.push(
                            self.at(col),
                            format!("\"{part}\" in {col} is not a date"),
                            "list dates as 2026-03-04, 2026-03-05",
                        ),
                    }
                }
                out
            }
            Some(other) => {
                issues.push(
                    self.at(col),
                    format!("{col} holds {}, not dates", describe(other)),
                    "list dates as 2026-03-04, 2026-03-05",
                );
                Vec::new()
            }
        }
    }

    fn time(&self, col: &str, issues: &mut Issues) -> Option<NaiveTime> {
        let cell = self.value(col, issues);
        let got = match cell {
            None => Err("it is empty".to_owned()),
            Some(Cell::Serial(s)) => fraction_time(s.fract()),
            Some(Cell::Number(n)) => fraction_time(*n),
            Some(Cell::Text(t)) => parse_time_text(t),
            Some(other) => Err(format!("it holds {}", describe(other))),
        };
        match got {
            Ok(t) => Some(t),
            Err(why) => {
                let fix = if why.contains("24:00") {
                    "for \"until midnight\" type 00:00 (and overnight yes on an Availability row)"
                } else {
                    "type the time as 08:00 (hours:minutes, 00:00 to 23:59) or use a time cell"
                };
                issues.push(self.at(col), format!("{col} is not a time: {why}"), fix);
                None
            }
        }
    }

    fn days(&self, col: &str, issues: &mut Issues) -> Option<Vec<Weekday>> {
        let t = self.text(col, issues)?;
        match parse_days(&t) {
            Ok(d) => Some(d),
            Err(why) => {
                issues.push(
                    self.at(col),
                    format!("{col}: {why}"),
                    "list weekdays as Mon, Tue, Wed or a range Mon-Fri (all = every day, none = no day)",
                );
                None
            }
        }
    }

    fn list(&self, col: &str, issues: &mut Issues) -> Vec<String> {
        self.text(col, issues)
            .map(|t| split_list(&t))
            .unwrap_or_default()
    }

    /// One of a fixed set of words.
    fn choice<T: Copy>(&self, col: &str, options: &[(&str, T)], issues: &mut Issues) -> Option<T> {
        let t = self.text(col, issues)?;
        let w = word(&t);
        let found = options.iter().find(|(name, _)| *name == w).map(|(_, v)| *v);
        if found.is_none() {
            let mut names: Vec<&str> = options
                .iter()
                .map(|(n, _)| *n)
                .filter(|n| n.is_ascii())
                .collect();
            names.dedup();
            issues.push(
                self.at(col),
                format!("{col} \"{t}\" is not one of the choices"),
                format!("type one of: {}", names.join(", ")),
            );
        }
        found
    }
}

fn describe(cell: &Cell) -> &'static str {
    match cell {
        Cell::Bool(_) => "TRUE/FALSE",
        Cell::Serial(_) => "a date",
        Cell::Number(_) => "a number",
        Cell::Text(_) => "text",
        _ => "nothing usable",
    }
}

const CONTRACTS: &[(&str, ContractKind)] = &[
    ("regular", ContractKind::Regular),
    ("flexible", ContractKind::Flexible),
    ("home_based", ContractKind::HomeBased),
    ("home", ContractKind::HomeBased),
    ("正式", ContractKind::Regular),
    ("弹性", ContractKind::Flexible),
    ("居家", ContractKind::HomeBased),
];
const SHIFT_KINDS: &[(&str, ShiftKind)] = &[
    ("regular", ShiftKind::Regular),
    ("flexible", ShiftKind::Flexible),
    ("弹性", ShiftKind::Flexible),
];
const APPLIES: &[(&str, Applies)] = &[
    ("all_days", Applies::AllDays),
    ("school_days", Applies::SchoolDays),
    ("non_school_days", Applies::NonSchoolDays),
    ("all", Applies::AllDays),
];
const TARGET_KINDS: &[(&str, TargetKind)] = &[
    ("on_date", TargetKind::OnDate),
    ("by_date", TargetKind::ByDate),
    ("made_on_date", TargetKind::MadeOnDate),
];
const REQUEST_KINDS: &[(&str, RequestKind)] = &[("on", RequestKind::On), ("off", RequestKind::Off)];

#[derive(Clone, Copy, PartialEq)]
enum WindowKind {
    Weekly,
    Leave,
    Absence,
}
const WINDOW_KINDS: &[(&str, WindowKind)] = &[
    ("weekly", WindowKind::Weekly),
    ("leave", WindowKind::Leave),
    ("absence", WindowKind::Absence),
];

#[derive(Clone, Copy, PartialEq)]
enum Entry {
    Horizon,
    PublicHoliday,
    SchoolHoliday,
    SchoolWeekdays,
    RestWeekdays,
    DeliveryRound,
}
const ENTRIES: &[(&str, Entry)] = &[
    ("horizon", Entry::Horizon),
    ("public_holiday", Entry::PublicHoliday),
    ("school_holiday", Entry::SchoolHoliday),
    ("school_weekdays", Entry::SchoolWeekdays),
    ("rest_weekdays", Entry::RestWeekdays),
    ("delivery_round", Entry::DeliveryRound),
];

/// The settings of the Rules sheet that are labour rules (as in JSON).
pub(crate) const RULE_SETTINGS: [&str; 12] = [
    "standard_hours_per_day",
    "standard_hours_per_week",
    "max_overtime_hours_per_day",
    "max_overtime_hours_per_month",
    "max_hours_per_day",
    "max_hours_per_week",
    "min_rest_hours",
    "max_consecutive_days",
    "min_days_off_per_week",
    "overtime_multiplier",
    "rest_day_multiplier",
    "holiday_multiplier",
];

/// Every setting of the Rules sheet.
pub(crate) fn settings() -> Vec<&'static str> {
    let mut v = vec!["name", "preset"];
    v.extend(RULE_SETTINGS);
    v.extend([
        "shortfall_per_unit",
        "contract_hour",
        "run_borders",
        "history_from",
    ]);
    v
}

/// Builds the scenario from the sheets; `Err` holds every problem found.
pub(crate) fn scenario(
    grids: &BTreeMap<&'static str, Grid>,
    found: &[String],
) -> Result<(Scenario, Locations), Vec<SheetIssue>> {
    let mut issues = Issues(Vec::new());
    let mut loc: Locations = Vec::new();
    let mut tables: HashMap<&'static str, Table<'_>> = HashMap::new();
    for (name, required) in SHEETS {
        match grids.get(name) {
            Some(g) => {
                if let Some(t) = Table::open(name, g, &mut issues) {
                    tables.insert(name, t);
                }
            }
            None if required => issues.push(
                format!("{name}!A1"),
                format!(
                    "there is no sheet {name} (found: {})",
                    if found.is_empty() {
                        "none".to_owned()
                    } else {
                        found.join(", ")
                    }
                ),
                format!(
                    "add a sheet named {name} with the columns {} (docs/spreadsheet.md)",
                    column_names(name).join(", ")
                ),
            ),
            None => {}
        }
    }
    let rows =
        |name: &str| -> Vec<Row<'_>> { tables.get(name).map(|t| t.rows()).unwrap_or_default() };
    let is = &mut issues;

    // Calendar: the horizon, holidays, school and rest weekdays, van rounds.
    let mut horizon = None;
    let mut calendar = Calendar::default();
    let mut delivery_rounds = Vec::new();
    for row in rows("Calendar") {
        let Some(entry) = row.choice("entry", ENTRIES, is) else {
            continue;
        };
        match entry {
            Entry::Horizon => {
                if horizon.is_some() {
                    is.push(
                        row.at("entry"),
                        "a second horizon row",
                        "keep one horizon row (from = first date, to = last date)",
                    );
                }
                let from = row.required_date("from", is);
                let to = row.required_date("to", is);
                if let (Some(start), Some(end)) = (from, to) {
                    horizon = Some(Horizon { start, end });
                }
            }
            Entry::PublicHoliday => {
                let Some(from) = row.required_date("from", is) else {
                    continue;
                };
                let to = row.date("to", is).unwrap_or(from);
                if to < from || (to - from).num_days() > 366 {
                    is.push(
                        row.at("to"),
                        "the holiday's last date is before its first, or a year after it",
                        "type the last date of the holiday (or leave it empty for one date)",
                    );
                    continue;
                }
                calendar
                    .public_holidays
                    .extend(from.iter_days().take_while(|d| *d <= to));
            }
            Entry::SchoolHoliday => {
                let from = row.required_date("from", is);
                let to = row.required_date("to", is);
                if let (Some(from), Some(to)) = (from, to) {
                    calendar.school_holidays.push(DateRange { from, to });
                }
            }
            Entry::SchoolWeekdays | Entry::RestWeekdays => {
                let days = row.days("days", is).unwrap_or_default();
                if entry == Entry::SchoolWeekdays {
                    calendar.school_weekdays = days;
                } else {
                    calendar.rest_weekdays = days;
                }
            }
            Entry::DeliveryRound => {
                let date = row.required_date("from", is);
                let cap = row.required_number("value", is);
                if let (Some(date), Some(van_capacity)) = (date, cap) {
                    delivery_rounds.push(DeliveryRound { date, van_capacity });
                }
            }
        }
    }
    if horizon.is_none() && tables.contains_key("Calendar") {
        is.push(
            "Calendar!A2".into(),
            "no horizon row: the dates to plan are not given",
            "add a row with entry = horizon, from = the first date, to = the last date",
        );
    }

    // Rules: name, labour rules (a preset plus overrides), penalties.
    let mut name = String::new();
    let mut rules_json = serde_json::Map::new();
    let mut penalties = Penalties::default();
    let mut run_borders = RunBorders::default();
    let mut history_from = None;
    let mut rules_at = "Rules!A1".to_owned();
    for row in rows("Rules") {
        let Some(setting) = row.text("setting", is) else {
            continue;
        };
        let key = word(&setting);
        match key.as_str() {
            "name" => name = row.text("value", is).unwrap_or_default(),
            "preset" => {
                rules_at = row.at("value");
                if let Some(v) = row.text("value", is) {
                    rules_json.insert("preset".into(), serde_json::Value::String(word(&v)));
                }
            }
            "shortfall_per_unit" => {
                if let Some(v) = row.number("value", is) {
                    penalties.shortfall_per_unit = v;
                }
            }
            "contract_hour" => {
                if let Some(v) = row.number("value", is) {
                    penalties.contract_hour = v;
                }
            }
            "run_borders" => {
                let opts = [
                    ("exempt", RunBorders::Exempt),
                    ("history", RunBorders::History),
                ];
                if let Some(v) = row.choice("value", &opts, is) {
                    run_borders = v;
                }
            }
            "history_from" => history_from = row.date("value", is),
            k if RULE_SETTINGS.contains(&k) => {
                if let Some(v) = row.number("value", is) {
                    if let Some(n) = serde_json::Number::from_f64(v) {
                        let value =
                            if RULE_SETTINGS[7..9].contains(&k) && v.fract() == 0.0 && v >= 0.0 {
                                serde_json::Value::from(v as u64)
                            } else {
                                serde_json::Value::Number(n)
                            };
                        rules_json.insert(k.to_owned(), value);
                    }
                }
            }
            _ => is.push(
                row.at("setting"),
                format!("unknown setting \"{setting}\""),
                format!("the settings are {}", settings().join(", ")),
            ),
        }
    }
    let rules: LabourRules = match serde_json::from_value(serde_json::Value::Object(rules_json)) {
        Ok(r) => r,
        Err(e) => {
            is.push(
                rules_at,
                format!("the labour rules do not hold together: {e}"),
                "preset is prc_standard, prc_extended or custom; with custom give every rule setting",
            );
            LabourRules::default()
        }
    };

    // Shifts.
    let mut shifts = Vec::new();
    for row in rows("Shifts") {
        let id = row.required_text("id", "the shift's id (e.g. day)", is);
        let start = row.time("start", is);
        let end = row.time("end", is);
        let break_minutes = row.whole("break_minutes", is).unwrap_or(0);
        let days = row.days("days", is);
        let kind = row.choice("kind", SHIFT_KINDS, is).unwrap_or_default();
        if let (Some(id), Some(start), Some(end)) = (id, start, end) {
            loc.push((format!("shift `{id}`"), row.at("id")));
            let mut sh = ShiftTemplate {
                id: ShiftId::new(id),
                name: row.text("name", is).unwrap_or_default(),
                start,
                end,
                break_minutes,
                days: Vec::new(),
                kind,
            };
            sh.days = days.unwrap_or_else(|| {
                ShiftTemplate::new("x", "00:00", "01:00", 0)
                    .map(|t| t.days)
                    .unwrap_or_default()
            });
            shifts.push(sh);
        }
    }

    // Lines, then their stations in order.
    let mut lines: Vec<Line> = Vec::new();
    for row in rows("Lines") {
        let Some(id) = row.required_text("id", "the line's id (e.g. motor)", is) else {
            continue;
        };
        loc.push((format!("line `{id}`"), row.at("id")));
        let shift_ids = row.list("shifts", is);
        if shift_ids.is_empty() {
            is.push(
                row.at("shifts"),
                "the line runs no shift",
                "list the shift ids it runs, e.g. regular, flex",
            );
        }
        let mut line = Line::new(
            id.as_str(),
            shift_ids.into_iter().map(ShiftId::new).collect(),
            Vec::new(),
        );
        line.name = row.text("name", is).unwrap_or_default();
        line.holding_cost_per_unit_day = row.number("holding_cost_per_unit_day", is);
        line.max_finished_stock = row.number("max_finished_stock", is);
        lines.push(line);
    }
    let mut stations: Vec<(usize, f64, usize, Station)> = Vec::new();
    for (k, row) in rows("Stations").into_iter().enumerate() {
        let line = row.required_text("line", "the id of a line on the Lines sheet", is);
        let id = row.required_text("id", "the station's id (e.g. assembly)", is);
        let skill = row.required_text("skill", "the skill it needs (e.g. assembly)", is);
        let minutes = row.required_number("minutes_per_unit", is);
        let workplaces = row.whole("workplaces", is);
        if workplaces.is_none() && row.cell("workplaces").is_none_or(Cell::is_empty) {
            is.push(
                row.at("workplaces"),
                "workplaces is empty",
                "type how many people can work there at once",
            );
        }
        let order = row.number("order", is).unwrap_or(k as f64);
        let (Some(line), Some(id), Some(skill), Some(minutes), Some(workplaces)) =
            (line, id, skill, minutes, workplaces)
        else {
            continue;
        };
        let Some(li) = lines.iter().position(|l| l.id.as_str() == line) else {
            is.push(
                row.at("line"),
                format!("no line \"{line}\" on the Lines sheet"),
                "type the id of a line listed on the Lines sheet, or add the line there",
            );
            continue;
        };
        loc.push((format!("station `{id}`"), row.at("id")));
        let mut st = Station::new(id.as_str(), skill.as_str(), minutes, workplaces);
        st.name = row.text("name", is).unwrap_or_default();
        st.initial_stock = row.number("initial_stock", is).unwrap_or(0.0);
        st.buffer_capacity = row.number("buffer_capacity", is);
        st.home_work = row.flag("home_work", is);
        st.holding_cost_per_unit_day = row.number("holding_cost_per_unit_day", is);
        stations.push((li, order, k, st));
    }
    stations.sort_by(|a, b| {
        (a.0, a.1, a.2)
            .partial_cmp(&(b.0, b.1, b.2))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for (li, _, _, st) in stations {
        lines[li].stations.push(st);
    }

    // Targets.
    let mut targets = Vec::new();
    for row in rows("Targets") {
        let id = row.required_text("id", "the target's id (e.g. mon)", is);
        let line = row.required_text("line", "the id of a line", is);
        let date = row.required_date("date", is);
        let units = row.required_number("units", is);
        let kind = row.choice("kind", TARGET_KINDS, is).unwrap_or_default();
        let penalty = row.number("shortfall_penalty", is);
        if let (Some(id), Some(line), Some(date), Some(units)) = (id, line, date, units) {
            loc.push((format!("target `{id}`"), row.at("id")));
            let mut t = OutputTarget::new(id.as_str(), line.as_str(), date, units, kind);
            t.shortfall_penalty = penalty;
            targets.push(t);
        }
    }

    // Workers, their skills and their availability.
    let mut workers: Vec<Worker> = Vec::new();
    for row in rows("Workers") {
        let id = row.required_text("id", "the worker's id (e.g. w01)", is);
        let wage = row.required_number("hourly_wage", is);
        let (Some(id), Some(wage)) = (id, wage) else {
            continue;
        };
        loc.push((format!("worker `{id}`"), row.at("id")));
        let mut w = Worker::new(id.as_str(), Vec::new(), wage);
        w.name = row.text("name", is).unwrap_or_default();
        w.contract = row.choice("contract", CONTRACTS, is).unwrap_or_default();
        w.overtime_multiplier = row.number("overtime_multiplier", is);
        w.max_hours_per_day = row.number("max_hours_per_day", is);
        w.max_hours_per_week = row.number("max_hours_per_week", is);
        w.min_hours_per_week = row.number("min_hours_per_week", is).unwrap_or(0.0);
        w.lines = row.list("lines", is).into_iter().map(LineId::new).collect();
        w.days_off = row.dates("days_off", is);
        for pair in row.list("max_shifts", is) {
            let parsed = pair
                .split_once(['=', ':', '：'])
                .and_then(|(s, n)| Some((s.trim().to_owned(), n.trim().parse::<u32>().ok()?)));
            match parsed {
                Some((s, n)) if !s.is_empty() => {
                    w.max_shifts.insert(ShiftId::new(s), n);
                }
                _ => is.push(
                    row.at("max_shifts"),
                    format!("\"{pair}\" in max_shifts is not shift=count"),
                    "write shift=count pairs, e.g. night=2, late=3",
                ),
            }
        }
        w.min_total_minutes = row.whole("min_total_minutes", is);
        w.max_total_minutes = row.whole("max_total_minutes", is);
        w.max_consecutive_days = row.whole("max_consecutive_days", is);
        w.min_consecutive_days = row.whole("min_consecutive_days", is);
        w.min_consecutive_days_off = row.whole("min_consecutive_days_off", is);
        w.max_weekends = row.whole("max_weekends", is);
        w.absence_probability = row.number_with("absence_probability", true, is);
        let home_hours = row.number("home_hours_per_day", is);
        let home_days = row.days("home_days", is);
        let home_eff = row.number_with("home_efficiency", true, is);
        match home_hours {
            Some(hours_per_day) => {
                let mut home = HomeWork {
                    hours_per_day,
                    days: Vec::new(),
                    efficiency: home_eff.unwrap_or(1.0),
                };
                home.days = home_days.unwrap_or_else(|| {
                    vec![
                        Weekday::Mon,
                        Weekday::Tue,
                        Weekday::Wed,
                        Weekday::Thu,
                        Weekday::Fri,
                    ]
                });
                w.home = Some(home);
            }
            None if home_days.is_some() || home_eff.is_some() => is.push(
                row.at("home_hours_per_day"),
                "home_days or home_efficiency is given but home_hours_per_day is empty",
                "type the hours a day this worker gives at home, or clear the other home columns",
            ),
            None => {}
        }
        workers.push(w);
    }
    let index: HashMap<String, usize> = workers
        .iter()
        .enumerate()
        .map(|(i, w)| (w.id.as_str().to_owned(), i))
        .collect();
    let find = |row: &Row<'_>, is: &mut Issues| -> Option<usize> {
        let id = row.required_text("worker", "the id of a worker on the Workers sheet", is)?;
        let found = index.get(&id).copied();
        if found.is_none() {
            is.push(
                row.at("worker"),
                format!("no worker \"{id}\" on the Workers sheet"),
                "type the id of a worker listed on the Workers sheet, or add the worker there",
            );
        }
        found
    };
    for row in rows("Skills") {
        let w = find(&row, is);
        let skill = row.required_text("skill", "the skill (e.g. assembly)", is);
        let eff = row.number_with("efficiency", true, is).unwrap_or(1.0);
        if let (Some(w), Some(skill)) = (w, skill) {
            workers[w]
                .skills
                .push(WorkerSkill::new(skill.as_str(), eff));
        }
    }
    for row in rows("Availability") {
        let w = find(&row, is);
        let Some(kind) = row.choice("kind", WINDOW_KINDS, is) else {
            continue;
        };
        let reason = row.text("reason", is).unwrap_or_default();
        let window = match kind {
            WindowKind::Weekly => {
                let days = row.days("days", is);
                let from = row.time("from", is);
                let to = row.time("to", is);
                let overnight = row.flag("overnight", is);
                let applies = row.choice("applies", APPLIES, is).unwrap_or_default();
                match (from, to) {
                    (Some(from), Some(to)) => Some(CareWindow::Weekly {
                        days: days.unwrap_or_else(|| crate::model::WEEKDAYS.to_vec()),
                        from,
                        to,
                        overnight,
                        applies,
                        reason,
                    }),
                    _ => None,
                }
            }
            WindowKind::Leave => {
                let from = row.required_date("from", is);
                let to = row.required_date("to", is);
                match (from, to) {
                    (Some(from), Some(to)) => Some(CareWindow::Leave { from, to, reason }),
                    _ => None,
                }
            }
            WindowKind::Absence => row
                .required_date("from", is)
                .map(|date| CareWindow::Absence { date, reason }),
        };
        if let (Some(w), Some(window)) = (w, window) {
            workers[w].unavailable.push(window);
        }
    }

    // Rostering rules: cover, requests, successions, history.
    let mut cover = Vec::new();
    for row in rows("Cover") {
        let date = row.required_date("date", is);
        let shift = row.required_text("shift", "a shift id", is);
        let required = row.whole("required", is);
        let under = row.number("under_weight", is).unwrap_or(100.0);
        let over = row.number("over_weight", is).unwrap_or(0.0);
        if let (Some(date), Some(shift), Some(required)) = (date, shift, required) {
            cover.push(CoverRequirement {
                date,
                shift: ShiftId::new(shift),
                line: row.text("line", is).map(LineId::new),
                station: row.text("station", is).map(crate::model::StationId::new),
                required,
                under_weight: under,
                over_weight: over,
            });
        }
    }
    let mut requests = Vec::new();
    for row in rows("Requests") {
        let worker = row.required_text("worker", "a worker id", is);
        let date = row.required_date("date", is);
        let kind = row.choice("kind", REQUEST_KINDS, is);
        let weight = row.required_number("weight", is);
        if let (Some(worker), Some(date), Some(kind), Some(weight)) = (worker, date, kind, weight) {
            requests.push(ShiftRequest {
                worker: WorkerId::new(worker),
                date,
                shift: row.text("shift", is).map(ShiftId::new),
                kind,
                weight,
            });
        }
    }
    let mut forbidden_successions = Vec::new();
    for row in rows("Successions") {
        let first = row.required_text("first", "a shift id", is);
        let then = row.required_text("then", "a shift id", is);
        if let (Some(first), Some(then)) = (first, then) {
            forbidden_successions.push(Succession {
                first: ShiftId::new(first),
                then: ShiftId::new(then),
            });
        }
    }
    let mut past = Vec::new();
    for row in rows("History") {
        let worker = row.required_text("worker", "a worker id", is);
        let date = row.required_date("date", is);
        let shift = row.required_text("shift", "a shift id", is);
        if let (Some(worker), Some(date), Some(shift)) = (worker, date, shift) {
            past.push(PastAssignment {
                worker: WorkerId::new(worker),
                date,
                shift: ShiftId::new(shift),
            });
        }
    }
    // Fair hours: one row per group.
    let mut fairness = Vec::new();
    for row in rows("Fairness") {
        let Some(name) = row.required_text("name", "the group's name", is) else {
            continue;
        };
        let contract = row.choice("contract", CONTRACTS, is);
        fairness.push(crate::model::FairnessRule {
            name,
            contract,
            workers: row
                .list("workers", is)
                .into_iter()
                .map(WorkerId::new)
                .collect(),
            hours_weight: row.number("hours_weight", is).unwrap_or(0.0),
            weekends_weight: row.number("weekends_weight", is).unwrap_or(0.0),
        });
    }
    let history = match history_from {
        Some(from) => Some(History {
            from,
            assignments: past,
        }),
        None => {
            if !past.is_empty() {
                is.push(
                    "Rules!A1".into(),
                    "the History sheet has rows but no history_from setting",
                    "add a Rules row history_from with the first date the History sheet covers",
                );
            }
            None
        }
    };

    if !issues.0.is_empty() {
        return Err(issues.0);
    }
    let Some(horizon) = horizon else {
        return Err(vec![SheetIssue {
            cell: "Calendar!A1".into(),
            message: "no horizon".into(),
            fix: "add a Calendar row horizon with from and to dates".into(),
        }]);
    };
    let mut s = Scenario::new(horizon);
    s.name = name;
    s.calendar = calendar;
    s.shifts = shifts;
    s.lines = lines;
    s.targets = targets;
    s.workers = workers;
    s.rules = rules;
    s.penalties = penalties;
    s.cover = cover;
    s.requests = requests;
    s.forbidden_successions = forbidden_successions;
    s.run_borders = run_borders;
    s.history = history;
    s.delivery_rounds = delivery_rounds;
    s.fairness = fairness;
    Ok((s, loc))
}
