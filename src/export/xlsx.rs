//! The plan as an Excel workbook for the HR desk: the week as a grid of
//! workers × dates coloured by station with caregiving windows shaded (as in
//! the HTML report), every assignment, output and stock per line and date,
//! the cost, and the unmet targets with their explanation.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatPattern, Workbook, Worksheet,
};

use super::html::PALETTE;
use crate::error::Error;
use crate::model::{care_intervals, Scenario, MINUTES_PER_DAY};
use crate::report::Plan;

/// The sheets of the roster workbook, in order.
pub const XLSX_SHEETS: [&str; 6] = [
    "Roster",
    "Assignments",
    "Output",
    "Stations",
    "Cost",
    "Unmet",
];

/// Shade of a caregiving window, as in the HTML report.
const CARE_GREY: u32 = 0xC8C8C8;
/// A lighter shade for a date only partly inside caregiving windows.
const CARE_LIGHT: u32 = 0xE8E8E8;

/// Options of [`roster_xlsx`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XlsxOptions {
    /// Plain-language lines explaining the plan (e.g. the lines of
    /// [`diagnose::explain`](crate::diagnose::explain)); listed under the
    /// unmet targets when not empty.
    pub diagnosis: Vec<String>,
}

fn xlsx(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Io {
        path: "(workbook)".into(),
        source: std::io::Error::other(e.to_string()),
    }
}

fn hex(colour: &str) -> u32 {
    u32::from_str_radix(colour.trim_start_matches('#'), 16).unwrap_or(0x999999)
}

/// "HH:MM" of minutes into a day (1440 shows as 24:00).
fn clock(m: i64) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn header(ws: &mut Worksheet, names: &[&str], bold: &Format) -> Result<(), Error> {
    for (c, h) in names.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, bold)
            .map_err(xlsx)?;
        ws.set_column_width(c as u16, (h.chars().count() as f64 + 2.0).max(11.0))
            .map_err(xlsx)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    Ok(())
}

fn datetime_text(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// The plan as an `.xlsx` workbook (its bytes): sheets `Roster` (one row
/// per worker, one column per date: `shift @ station`, filled with the
/// station's colour; a date off inside caregiving windows all day is grey,
/// partly inside them light grey with the windows' times), `Assignments`,
/// `Output` (per line and date: finished, delivered, target, finished
/// stock, bottleneck), `Stations` (per station and date: people, hours,
/// capacity, produced, stock at 24:00), `Cost` and `Unmet` (each unmet
/// target, its explanation, and the options' diagnosis lines).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// # let scenario = flexline::Scenario::from_json_str(&json)?;
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let bytes = flexline::export::roster_xlsx(&scenario, &plan, &Default::default())?;
/// assert_eq!(&bytes[..2], b"PK");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn roster_xlsx(s: &Scenario, plan: &Plan, options: &XlsxOptions) -> Result<Vec<u8>, Error> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 1).map_err(xlsx)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(s.name.clone())
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let dates = s.horizon.dates();

    // Station colours, cycled as in the HTML report.
    let mut colour: HashMap<&str, Format> = HashMap::new();
    let mut k = 0;
    for l in &s.lines {
        for st in &l.stations {
            colour.insert(
                st.id.as_str(),
                Format::new()
                    .set_background_color(Color::RGB(hex(PALETTE[k % PALETTE.len()])))
                    .set_font_color(Color::White),
            );
            k += 1;
        }
    }
    let care_all = Format::new()
        .set_background_color(Color::RGB(CARE_GREY))
        .set_pattern(FormatPattern::Solid);
    let care_part = Format::new()
        .set_background_color(Color::RGB(CARE_LIGHT))
        .set_pattern(FormatPattern::Solid);

    // Roster: worker × date.
    {
        let ws = book.add_worksheet();
        ws.set_name("Roster").map_err(xlsx)?;
        ws.write_string_with_format(0, 0, "worker", &bold)
            .map_err(xlsx)?;
        ws.write_string_with_format(0, 1, "name", &bold)
            .map_err(xlsx)?;
        ws.set_column_width(0, 10).map_err(xlsx)?;
        ws.set_column_width(1, 16).map_err(xlsx)?;
        for (j, d) in dates.iter().enumerate() {
            let c = j as u16 + 2;
            ws.write_string_with_format(0, c, d.format("%a %Y-%m-%d").to_string(), &bold)
                .map_err(xlsx)?;
            ws.set_column_width(c, 20).map_err(xlsx)?;
        }
        ws.set_freeze_panes(1, 2).map_err(xlsx)?;
        let mut by_cell: HashMap<(&str, NaiveDate), Vec<&crate::report::Assignment>> =
            HashMap::new();
        for a in &plan.roster.assignments {
            by_cell
                .entry((a.worker.as_str(), a.date))
                .or_default()
                .push(a);
        }
        for (i, w) in s.workers.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, w.id.as_str()).map_err(xlsx)?;
            ws.write_string(r, 1, &w.name).map_err(xlsx)?;
            let care = care_intervals(s, w);
            for (j, d) in dates.iter().enumerate() {
                let c = j as u16 + 2;
                if let Some(list) = by_cell.get(&(w.id.as_str(), *d)) {
                    let label: Vec<String> = list
                        .iter()
                        .map(|a| format!("{} @ {}", a.shift, a.station))
                        .collect();
                    let fmt = colour.get(list[0].station.as_str()).unwrap_or(&bold);
                    ws.write_string_with_format(r, c, label.join("; "), fmt)
                        .map_err(xlsx)?;
                    continue;
                }
                // Caregiving windows on this date, clipped to it.
                let day0 = j as i64 * MINUTES_PER_DAY;
                let mut parts: Vec<(i64, i64)> = care
                    .iter()
                    .map(|&(a, b)| (a.max(day0) - day0, b.min(day0 + MINUTES_PER_DAY) - day0))
                    .filter(|(a, b)| b > a)
                    .collect();
                parts.sort_unstable();
                let mut merged: Vec<(i64, i64)> = Vec::new();
                for (a, b) in parts {
                    match merged.last_mut() {
                        Some(last) if a <= last.1 => last.1 = last.1.max(b),
                        _ => merged.push((a, b)),
                    }
                }
                if merged == [(0, MINUTES_PER_DAY)] {
                    ws.write_string_with_format(r, c, "unavailable", &care_all)
                        .map_err(xlsx)?;
                } else if !merged.is_empty() {
                    let text: Vec<String> = merged
                        .iter()
                        .map(|&(a, b)| format!("{}–{}", clock(a), clock(b)))
                        .collect();
                    ws.write_string_with_format(
                        r,
                        c,
                        format!("care {}", text.join(", ")),
                        &care_part,
                    )
                    .map_err(xlsx)?;
                }
            }
        }
        // Legend below the grid.
        let mut r = s.workers.len() as u32 + 2;
        ws.write_string_with_format(r, 0, "legend", &bold)
            .map_err(xlsx)?;
        for l in &s.lines {
            for st in &l.stations {
                r += 1;
                let name = if st.name.is_empty() {
                    st.id.as_str()
                } else {
                    &st.name
                };
                let fmt = colour.get(st.id.as_str()).unwrap_or(&bold);
                ws.write_string_with_format(r, 0, st.id.as_str(), fmt)
                    .map_err(xlsx)?;
                ws.write_string(r, 1, format!("{name} (line {})", l.id))
                    .map_err(xlsx)?;
            }
        }
        r += 1;
        ws.write_string_with_format(r, 0, "unavailable", &care_all)
            .map_err(xlsx)?;
        ws.write_string(r, 1, "inside caregiving windows, leave or absence all day")
            .map_err(xlsx)?;
        r += 1;
        ws.write_string_with_format(r, 0, "care", &care_part)
            .map_err(xlsx)?;
        ws.write_string(
            r,
            1,
            "caregiving windows that day (no shift may touch them)",
        )
        .map_err(xlsx)?;
    }

    // Assignments.
    {
        let ws = book.add_worksheet();
        ws.set_name("Assignments").map_err(xlsx)?;
        header(
            ws,
            &[
                "worker",
                "name",
                "date",
                "shift",
                "line",
                "station",
                "start",
                "end",
                "paid_hours",
            ],
            &bold,
        )?;
        for (i, a) in plan.roster.assignments.iter().enumerate() {
            let r = i as u32 + 1;
            let name = s.worker(&a.worker).map(|w| w.name.as_str()).unwrap_or("");
            ws.write_string(r, 0, a.worker.as_str()).map_err(xlsx)?;
            ws.write_string(r, 1, name).map_err(xlsx)?;
            ws.write_string(r, 2, a.date.to_string()).map_err(xlsx)?;
            ws.write_string(r, 3, a.shift.as_str()).map_err(xlsx)?;
            ws.write_string(r, 4, a.line.as_str()).map_err(xlsx)?;
            ws.write_string(r, 5, a.station.as_str()).map_err(xlsx)?;
            ws.write_string(r, 6, datetime_text(a.start))
                .map_err(xlsx)?;
            ws.write_string(r, 7, datetime_text(a.end)).map_err(xlsx)?;
            ws.write_number(r, 8, a.paid_hours).map_err(xlsx)?;
        }
    }

    // Output per line and date.
    {
        let ws = book.add_worksheet();
        ws.set_name("Output").map_err(xlsx)?;
        header(
            ws,
            &[
                "line",
                "date",
                "finished",
                "delivered",
                "target",
                "finished_stock_end",
                "bottleneck",
            ],
            &bold,
        )?;
        for (i, l) in plan.throughput.lines.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, l.line.as_str()).map_err(xlsx)?;
            ws.write_string(r, 1, l.date.to_string()).map_err(xlsx)?;
            ws.write_number(r, 2, l.finished_units).map_err(xlsx)?;
            ws.write_number(r, 3, l.delivered_units).map_err(xlsx)?;
            if let Some(t) = l.target_units {
                ws.write_number(r, 4, t).map_err(xlsx)?;
            }
            ws.write_number(r, 5, l.finished_stock_end).map_err(xlsx)?;
            ws.write_string(
                r,
                6,
                l.bottleneck
                    .as_ref()
                    .map(|b| b.as_str())
                    .unwrap_or("nothing planned"),
            )
            .map_err(xlsx)?;
        }
    }

    // Stations per date: people, hours, capacity, output and stock.
    {
        let ws = book.add_worksheet();
        ws.set_name("Stations").map_err(xlsx)?;
        header(
            ws,
            &[
                "line",
                "station",
                "date",
                "workers",
                "staffed_hours",
                "capacity",
                "produced",
                "stock_end",
                "utilisation",
            ],
            &bold,
        )?;
        for (i, st) in plan.throughput.stations.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, st.line.as_str()).map_err(xlsx)?;
            ws.write_string(r, 1, st.station.as_str()).map_err(xlsx)?;
            ws.write_string(r, 2, st.date.to_string()).map_err(xlsx)?;
            ws.write_number(r, 3, f64::from(st.workers)).map_err(xlsx)?;
            ws.write_number(r, 4, st.staffed_hours).map_err(xlsx)?;
            ws.write_number(r, 5, st.capacity_units).map_err(xlsx)?;
            ws.write_number(r, 6, st.produced_units).map_err(xlsx)?;
            ws.write_number(r, 7, st.stock_end).map_err(xlsx)?;
            ws.write_number(r, 8, st.utilisation).map_err(xlsx)?;
        }
    }

    // Cost.
    {
        let ws = book.add_worksheet();
        ws.set_name("Cost").map_err(xlsx)?;
        header(ws, &["item", "amount"], &bold)?;
        ws.set_column_width(0, 28).map_err(xlsx)?;
        let c = &plan.cost;
        let items = [
            ("base wages", c.base_wages),
            ("overtime premium", c.overtime_premium),
            ("rest-day premium", c.rest_day_premium),
            ("holiday premium", c.holiday_premium),
            ("home wages", c.home_wages),
            ("wages total", c.wages_total),
            ("holding cost", c.holding_cost),
            ("shortfall units", c.shortfall_units),
            ("shortfall penalty", c.shortfall_penalty),
            ("contract hours missing", c.contract_hours_missing),
            ("contract penalty", c.contract_penalty),
            ("cover short penalty", c.cover_short_penalty),
            ("cover excess penalty", c.cover_excess_penalty),
            ("request penalty", c.request_penalty),
            ("objective", c.objective),
        ];
        for (i, (item, v)) in items.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, *item).map_err(xlsx)?;
            ws.write_number(r, 1, *v).map_err(xlsx)?;
        }
    }

    // Unmet targets and the explanation.
    {
        let ws = book.add_worksheet();
        ws.set_name("Unmet").map_err(xlsx)?;
        header(
            ws,
            &[
                "target",
                "line",
                "date",
                "wanted",
                "credited",
                "short",
                "explanation",
            ],
            &bold,
        )?;
        ws.set_column_width(6, 100).map_err(xlsx)?;
        let mut r = 0;
        for u in &plan.unmet {
            r += 1;
            ws.write_string(r, 0, u.target.as_str()).map_err(xlsx)?;
            ws.write_string(r, 1, u.line.as_str()).map_err(xlsx)?;
            ws.write_string(r, 2, u.date.to_string()).map_err(xlsx)?;
            ws.write_number(r, 3, u.target_units).map_err(xlsx)?;
            ws.write_number(r, 4, u.credited_units).map_err(xlsx)?;
            ws.write_number(r, 5, u.shortfall_units).map_err(xlsx)?;
            ws.write_string_with_format(r, 6, u.to_string(), &wrap)
                .map_err(xlsx)?;
        }
        if plan.unmet.is_empty() {
            r += 1;
            ws.write_string(r, 0, "every target met").map_err(xlsx)?;
        }
        if !options.diagnosis.is_empty() {
            r += 2;
            ws.write_string_with_format(r, 0, "diagnosis", &bold)
                .map_err(xlsx)?;
            for line in &options.diagnosis {
                r += 1;
                ws.write_string(r, 0, line).map_err(xlsx)?;
            }
        }
    }
    book.save_to_buffer().map_err(xlsx)
}
