//! A scenario written as the template's sheets: a workbook or CSV files
//! that read back into the same scenario.

use chrono::{NaiveDate, NaiveTime};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use super::cells::{date_serial, days_text, number_text};
use super::read::{column_names, RULE_SETTINGS};
use super::SHEETS;
use crate::error::Error;
use crate::export::ExportFile;
use crate::model::rules::RulePreset;
use crate::model::{
    Applies, CareWindow, ContractKind, RunBorders, Scenario, ShiftKind, TargetKind,
};

/// One value of the writer.
#[derive(Debug, Clone)]
pub(crate) enum Out {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Time(NaiveTime),
}

fn text(s: impl Into<String>) -> Out {
    let s = s.into();
    if s.is_empty() {
        Out::Empty
    } else {
        Out::Text(s)
    }
}

fn opt(v: Option<f64>) -> Out {
    v.map(Out::Number).unwrap_or(Out::Empty)
}

fn opt_u(v: Option<u32>) -> Out {
    v.map(|n| Out::Number(f64::from(n))).unwrap_or(Out::Empty)
}

fn nonzero(v: f64) -> Out {
    if v == 0.0 {
        Out::Empty
    } else {
        Out::Number(v)
    }
}

fn yes(b: bool) -> Out {
    if b {
        Out::Text("yes".into())
    } else {
        Out::Empty
    }
}

fn join<T: std::fmt::Display>(items: &[T]) -> Out {
    text(
        items
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    )
}

fn word<T: serde::Serialize>(v: &T) -> String {
    crate::names::variant_name(v).to_owned()
}

/// The template's sheets holding `s`: (sheet, rows under the heading row).
/// Optional sheets with nothing to hold are left out.
pub(crate) fn tables(s: &Scenario) -> Vec<(&'static str, Vec<Vec<Out>>)> {
    let mut out = Vec::new();
    for (sheet, required) in SHEETS {
        let rows = rows(s, sheet);
        if required || !rows.is_empty() || sheet == "Targets" || sheet == "Availability" {
            out.push((sheet, rows));
        }
    }
    out
}

fn rows(s: &Scenario, sheet: &str) -> Vec<Vec<Out>> {
    let mut rows = Vec::new();
    match sheet {
        "Rules" => {
            rows.push(vec![text("name"), text(s.name.clone())]);
            let r = &s.rules;
            let preset = match r.preset {
                RulePreset::PrcStandard => "prc_standard",
                RulePreset::PrcExtended => "prc_extended",
                RulePreset::Custom => "custom",
            };
            rows.push(vec![text("preset"), text(preset)]);
            let values = [
                r.standard_hours_per_day,
                r.standard_hours_per_week,
                r.max_overtime_hours_per_day,
                r.max_overtime_hours_per_month,
                r.max_hours_per_day,
                r.max_hours_per_week,
                r.min_rest_hours,
                f64::from(r.max_consecutive_days),
                f64::from(r.min_days_off_per_week),
                r.overtime_multiplier,
                r.rest_day_multiplier,
                r.holiday_multiplier,
            ];
            for (k, v) in RULE_SETTINGS.iter().zip(values) {
                rows.push(vec![text(*k), Out::Number(v)]);
            }
            rows.push(vec![
                text("shortfall_per_unit"),
                Out::Number(s.penalties.shortfall_per_unit),
            ]);
            rows.push(vec![
                text("contract_hour"),
                Out::Number(s.penalties.contract_hour),
            ]);
            if s.run_borders != RunBorders::Exempt {
                rows.push(vec![text("run_borders"), text(word(&s.run_borders))]);
            }
            if let Some(h) = &s.history {
                rows.push(vec![text("history_from"), Out::Date(h.from)]);
            }
        }
        "Calendar" => {
            let c = &s.calendar;
            rows.push(vec![
                text("horizon"),
                Out::Date(s.horizon.start),
                Out::Date(s.horizon.end),
                Out::Empty,
                Out::Empty,
            ]);
            for d in &c.public_holidays {
                rows.push(vec![
                    text("public_holiday"),
                    Out::Date(*d),
                    Out::Empty,
                    Out::Empty,
                    Out::Empty,
                ]);
            }
            for r in &c.school_holidays {
                rows.push(vec![
                    text("school_holiday"),
                    Out::Date(r.from),
                    Out::Date(r.to),
                    Out::Empty,
                    Out::Empty,
                ]);
            }
            rows.push(vec![
                text("school_weekdays"),
                Out::Empty,
                Out::Empty,
                text(days_text(&c.school_weekdays)),
                Out::Empty,
            ]);
            rows.push(vec![
                text("rest_weekdays"),
                Out::Empty,
                Out::Empty,
                text(days_text(&c.rest_weekdays)),
                Out::Empty,
            ]);
            for r in &s.delivery_rounds {
                rows.push(vec![
                    text("delivery_round"),
                    Out::Date(r.date),
                    Out::Empty,
                    Out::Empty,
                    Out::Number(r.van_capacity),
                ]);
            }
        }
        "Shifts" => {
            for sh in &s.shifts {
                rows.push(vec![
                    text(sh.id.as_str()),
                    text(sh.name.clone()),
                    Out::Time(sh.start),
                    Out::Time(sh.end),
                    Out::Number(f64::from(sh.break_minutes)),
                    text(days_text(&sh.days)),
                    text(match sh.kind {
                        ShiftKind::Regular => "regular",
                        ShiftKind::Flexible => "flexible",
                    }),
                ]);
            }
        }
        "Lines" => {
            for l in &s.lines {
                rows.push(vec![
                    text(l.id.as_str()),
                    text(l.name.clone()),
                    join(&l.shifts),
                    opt(l.holding_cost_per_unit_day),
                    opt(l.max_finished_stock),
                ]);
            }
        }
        "Stations" => {
            for l in &s.lines {
                for (k, st) in l.stations.iter().enumerate() {
                    rows.push(vec![
                        text(l.id.as_str()),
                        Out::Number(k as f64 + 1.0),
                        text(st.id.as_str()),
                        text(st.name.clone()),
                        text(st.skill.as_str()),
                        Out::Number(st.minutes_per_unit),
                        Out::Number(f64::from(st.workplaces)),
                        nonzero(st.initial_stock),
                        opt(st.buffer_capacity),
                        yes(st.home_work),
                        opt(st.holding_cost_per_unit_day),
                    ]);
                }
            }
        }
        "Targets" => {
            for t in &s.targets {
                rows.push(vec![
                    text(t.id.as_str()),
                    text(t.line.as_str()),
                    Out::Date(t.date),
                    Out::Number(t.units),
                    text(match t.kind {
                        TargetKind::OnDate => "on_date",
                        TargetKind::ByDate => "by_date",
                        TargetKind::MadeOnDate => "made_on_date",
                    }),
                    opt(t.shortfall_penalty),
                ]);
            }
        }
        "Workers" => {
            for w in &s.workers {
                let max_shifts: Vec<String> = w
                    .max_shifts
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                let home = w.home.as_ref();
                rows.push(vec![
                    text(w.id.as_str()),
                    text(w.name.clone()),
                    text(match w.contract {
                        ContractKind::Regular => "regular",
                        ContractKind::Flexible => "flexible",
                        ContractKind::HomeBased => "home_based",
                    }),
                    Out::Number(w.hourly_wage),
                    opt(w.overtime_multiplier),
                    opt(w.max_hours_per_day),
                    opt(w.max_hours_per_week),
                    nonzero(w.min_hours_per_week),
                    join(&w.lines),
                    text(
                        w.days_off
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    text(max_shifts.join(", ")),
                    opt_u(w.min_total_minutes),
                    opt_u(w.max_total_minutes),
                    opt_u(w.max_consecutive_days),
                    opt_u(w.min_consecutive_days),
                    opt_u(w.min_consecutive_days_off),
                    opt_u(w.max_weekends),
                    opt(w.absence_probability),
                    opt(home.map(|h| h.hours_per_day)),
                    home.map(|h| text(days_text(&h.days))).unwrap_or(Out::Empty),
                    opt(home.map(|h| h.efficiency)),
                ]);
            }
        }
        "Skills" => {
            for w in &s.workers {
                for sk in &w.skills {
                    rows.push(vec![
                        text(w.id.as_str()),
                        text(sk.skill.as_str()),
                        Out::Number(sk.efficiency),
                    ]);
                }
            }
        }
        "Availability" => {
            for w in &s.workers {
                for win in &w.unavailable {
                    let id = text(w.id.as_str());
                    rows.push(match win {
                        CareWindow::Weekly {
                            days,
                            from,
                            to,
                            overnight,
                            applies,
                            reason,
                        } => vec![
                            id,
                            text("weekly"),
                            text(days_text(days)),
                            Out::Time(*from),
                            Out::Time(*to),
                            yes(*overnight),
                            text(match applies {
                                Applies::AllDays => "all_days",
                                Applies::SchoolDays => "school_days",
                                Applies::NonSchoolDays => "non_school_days",
                            }),
                            text(reason.clone()),
                        ],
                        CareWindow::Leave { from, to, reason } => vec![
                            id,
                            text("leave"),
                            Out::Empty,
                            Out::Date(*from),
                            Out::Date(*to),
                            Out::Empty,
                            Out::Empty,
                            text(reason.clone()),
                        ],
                        CareWindow::Absence { date, reason } => vec![
                            id,
                            text("absence"),
                            Out::Empty,
                            Out::Date(*date),
                            Out::Empty,
                            Out::Empty,
                            Out::Empty,
                            text(reason.clone()),
                        ],
                    });
                }
            }
        }
        "Cover" => {
            for c in &s.cover {
                rows.push(vec![
                    Out::Date(c.date),
                    text(c.shift.as_str()),
                    c.line
                        .as_ref()
                        .map(|l| text(l.as_str()))
                        .unwrap_or(Out::Empty),
                    c.station
                        .as_ref()
                        .map(|l| text(l.as_str()))
                        .unwrap_or(Out::Empty),
                    Out::Number(f64::from(c.required)),
                    Out::Number(c.under_weight),
                    Out::Number(c.over_weight),
                ]);
            }
        }
        "Requests" => {
            for r in &s.requests {
                rows.push(vec![
                    text(r.worker.as_str()),
                    Out::Date(r.date),
                    r.shift
                        .as_ref()
                        .map(|l| text(l.as_str()))
                        .unwrap_or(Out::Empty),
                    text(word(&r.kind)),
                    Out::Number(r.weight),
                ]);
            }
        }
        "Successions" => {
            for r in &s.forbidden_successions {
                rows.push(vec![text(r.first.as_str()), text(r.then.as_str())]);
            }
        }
        "Fairness" => {
            for r in &s.fairness {
                rows.push(vec![
                    text(r.name.clone()),
                    r.contract.as_ref().map_or(Out::Empty, |c| text(word(c))),
                    join(&r.workers),
                    Out::Number(r.hours_weight),
                    Out::Number(r.weekends_weight),
                ]);
            }
        }
        "History" => {
            for a in s.history.iter().flat_map(|h| &h.assignments) {
                rows.push(vec![
                    text(a.worker.as_str()),
                    Out::Date(a.date),
                    text(a.shift.as_str()),
                ]);
            }
        }
        _ => {}
    }
    rows
}

/// The header and rows of a sheet.
fn heading(sheet: &str) -> Vec<&'static str> {
    column_names(sheet)
}

fn xlsx(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Io {
        path: "(workbook)".into(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// The scenario as a workbook of the template (`docs/spreadsheet.md`),
/// ready to save as `.xlsx`: dates as date cells, times as time cells.
/// [`Scenario::from_xlsx`] reads it back into an equal scenario (less the
/// JSON-only `$schema`).
///
/// ```
/// let json = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/serial_line_week.json");
/// let scenario = flexline::Scenario::from_json_file(json)?;
/// let bytes = flexline::sheets::scenario_xlsx(&scenario)?;
/// assert_eq!(&bytes[..2], b"PK"); // a zip file, as every .xlsx is
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn scenario_xlsx(s: &Scenario) -> Result<Vec<u8>, Error> {
    let mut book = Workbook::new();
    // A fixed creation date: the same scenario gives the same bytes.
    let created = ExcelDateTime::from_ymd(2026, 1, 1).map_err(xlsx)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("hh:mm");
    for (sheet, rows) in tables(s) {
        let ws = book.add_worksheet();
        ws.set_name(sheet).map_err(xlsx)?;
        let head = heading(sheet);
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)
                .map_err(xlsx)?;
            let width = (h.len() as f64 + 2.0).max(10.0);
            ws.set_column_width(c as u16, width).map_err(xlsx)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx)?;
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                match v {
                    Out::Empty => {}
                    Out::Text(t) => {
                        ws.write_string(r, c, t).map_err(xlsx)?;
                    }
                    Out::Number(n) => {
                        ws.write_number(r, c, *n).map_err(xlsx)?;
                    }
                    Out::Date(d) => {
                        ws.write_number_with_format(r, c, date_serial(*d), &date)
                            .map_err(xlsx)?;
                    }
                    Out::Time(t) => {
                        let m = crate::model::time_minute_of_day(*t) as f64;
                        ws.write_number_with_format(r, c, m / 1440.0, &time)
                            .map_err(xlsx)?;
                    }
                }
            }
        }
    }
    book.save_to_buffer().map_err(xlsx)
}

/// The scenario as CSV files of the template, one per sheet (`Workers.csv`,
/// …), for [`Scenario::from_csv_dir`]: dates as `2026-03-02`, times as
/// `08:00`.
///
/// ```
/// # let json = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/serial_line_week.json");
/// # let scenario = flexline::Scenario::from_json_file(json)?;
/// let files = flexline::sheets::scenario_csv_files(&scenario);
/// assert!(files.iter().any(|f| f.name == "Workers.csv"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn scenario_csv_files(s: &Scenario) -> Vec<ExportFile> {
    tables(s)
        .into_iter()
        .map(|(sheet, rows)| {
            let mut w = ::csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new());
            let _ = w.write_record(heading(sheet));
            for row in rows {
                let _ = w.write_record(row.iter().map(|v| match v {
                    Out::Empty => String::new(),
                    Out::Text(t) => t.clone(),
                    Out::Number(n) => number_text(*n),
                    Out::Date(d) => d.to_string(),
                    Out::Time(t) => t.format("%H:%M").to_string(),
                }));
            }
            let bytes = w.into_inner().unwrap_or_default();
            ExportFile {
                name: format!("{sheet}.csv"),
                contents: String::from_utf8(bytes).unwrap_or_default(),
            }
        })
        .collect()
}
