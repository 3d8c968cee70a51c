//! CSV exports: one row per assignment (round-trips with [`Roster`]), and a
//! worker × date grid for people reading the week in a spreadsheet.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::Error;
use crate::model::{LineId, Scenario, ShiftId, StationId, WorkerId};
use crate::report::{Assignment, Roster};

/// The header of [`assignments_csv`], in column order.
///
/// | column | meaning |
/// |---|---|
/// | `worker` | worker id |
/// | `date` | date the shift starts, `YYYY-MM-DD` |
/// | `shift` | shift template id |
/// | `line` | line id |
/// | `station` | station id |
/// | `start` | shift start, local time, `YYYY-MM-DDTHH:MM` |
/// | `end` | shift end, local time (the next day for a night shift) |
/// | `paid_hours` | paid hours (shift less unpaid break), shortest exact decimal |
pub const ASSIGNMENT_COLUMNS: [&str; 8] = [
    "worker",
    "date",
    "shift",
    "line",
    "station",
    "start",
    "end",
    "paid_hours",
];

const DATE_TIME: &str = "%Y-%m-%dT%H:%M";

fn csv_error(e: ::csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    let message = match e.kind() {
        ::csv::ErrorKind::Utf8 { .. } => "the text is not UTF-8".to_owned(),
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => e.to_string(),
    };
    Error::Csv {
        line,
        message,
        fix: format!(
            "write the header `{}` and one assignment per row",
            ASSIGNMENT_COLUMNS.join(",")
        ),
    }
}

fn finish(w: ::csv::Writer<Vec<u8>>) -> String {
    // Writing to a Vec cannot fail, and every field written is a &str.
    let bytes = w
        .into_inner()
        .unwrap_or_else(|e| e.into_inner().get_ref().clone());
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// One row per assignment, columns [`ASSIGNMENT_COLUMNS`], in roster order.
/// Fields are quoted when they hold a comma, quote or line break (RFC 4180);
/// lines end with `\n`. Times have minute resolution, as every roster a solve
/// returns does. [`read_assignments_csv`] reads the text back into an equal
/// roster.
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// # let scenario = flexline::Scenario::from_json_str(&json)?;
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let text = flexline::export::assignments_csv(&plan.roster)?;
/// assert!(text.starts_with("worker,date,shift,line,station,start,end,paid_hours\n"));
/// assert_eq!(flexline::export::read_assignments_csv(&text)?, plan.roster);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assignments_csv(roster: &Roster) -> Result<String, Error> {
    let mut w = ::csv::Writer::from_writer(Vec::with_capacity(64 * (roster.assignments.len() + 1)));
    w.write_record(ASSIGNMENT_COLUMNS).map_err(csv_error)?;
    for a in &roster.assignments {
        w.write_record([
            a.worker.as_str(),
            &a.date.to_string(),
            a.shift.as_str(),
            a.line.as_str(),
            a.station.as_str(),
            &a.start.format(DATE_TIME).to_string(),
            &a.end.format(DATE_TIME).to_string(),
            &a.paid_hours.to_string(),
        ])
        .map_err(csv_error)?;
    }
    Ok(finish(w))
}

/// Reads the text of [`assignments_csv`] back into a roster.
///
/// The header must name the columns of [`ASSIGNMENT_COLUMNS`] (in any order;
/// other columns are ignored). A bad row gives [`Error::Csv`] with its line.
///
/// ```
/// let text = "worker,date,shift,line,station,start,end,paid_hours\n\
///             ana,2026-03-02,day,L,asm,2026-03-02T08:00,2026-03-02T16:30,8\n";
/// let roster = flexline::export::read_assignments_csv(text)?;
/// assert_eq!(roster.assignments[0].paid_hours, 8.0);
///
/// let err = flexline::export::read_assignments_csv("worker,date\nana,someday\n").unwrap_err();
/// assert!(err.to_string().contains("shift"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_assignments_csv(text: &str) -> Result<Roster, Error> {
    let text = crate::text::strip_bom(text);
    if text.trim().is_empty() {
        return Err(Error::Empty {
            file: None,
            expected: "a roster CSV starts with the header worker,date,shift,line,station,start,end,paid_hours",
        });
    }
    let mut r = ::csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = r.headers().map_err(csv_error)?.clone();
    let mut col = [0usize; 8];
    for (k, name) in ASSIGNMENT_COLUMNS.iter().enumerate() {
        col[k] = headers
            .iter()
            .position(|h| h.trim() == *name)
            .ok_or_else(|| Error::Csv {
                line: Some(1),
                message: format!("the header has no column `{name}`"),
                fix: format!(
                    "write the header `{}` and one assignment per row",
                    ASSIGNMENT_COLUMNS.join(",")
                ),
            })?;
    }
    let mut assignments = Vec::new();
    for record in r.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map(|p| p.line());
        let field = |k: usize| record.get(col[k]).unwrap_or("");
        let bad = |k: usize, expected: &str| Error::Csv {
            line,
            message: format!(
                "column `{}` holds \"{}\", which is not {expected}",
                ASSIGNMENT_COLUMNS[k],
                crate::text::shown(field(k))
            ),
            fix: format!("write {expected}"),
        };
        let in_years = |k: usize, d: NaiveDate| {
            if crate::text::date_in_range(d) {
                Ok(())
            } else {
                Err(Error::Csv {
                    line,
                    message: format!(
                        "column `{}`: {}",
                        ASSIGNMENT_COLUMNS[k],
                        crate::text::date_range_message(d)
                    ),
                    fix: "check the year".into(),
                })
            }
        };
        let date_time = |k: usize| {
            // Minutes only: the model works in whole minutes.
            let t = NaiveDateTime::parse_from_str(field(k), DATE_TIME).map_err(|_| {
                if NaiveDateTime::parse_from_str(field(k), "%Y-%m-%dT%H:%M:%S").is_ok() {
                    bad(k, "a local date and time in whole minutes like 2026-03-02T08:00 (give HH:MM, without seconds)")
                } else {
                    bad(k, "a local date and time like 2026-03-02T08:00")
                }
            })?;
            in_years(k, t.date())?;
            Ok::<_, Error>(t)
        };
        let date = NaiveDate::parse_from_str(field(1), "%Y-%m-%d")
            .map_err(|_| bad(1, "a date like 2026-03-02"))?;
        in_years(1, date)?;
        let paid_hours: f64 = field(7)
            .trim()
            .parse()
            .ok()
            .filter(|h: &f64| h.is_finite())
            .ok_or_else(|| bad(7, "a number of hours like 8 or 7.5"))?;
        assignments.push(Assignment {
            worker: WorkerId::new(field(0)),
            date,
            shift: ShiftId::new(field(2)),
            line: LineId::new(field(3)),
            station: StationId::new(field(4)),
            start: date_time(5)?,
            end: date_time(6)?,
            paid_hours,
        });
    }
    Ok(Roster {
        assignments,
        home_batches: Vec::new(),
    })
}

/// A worker × date grid: one row per worker (scenario order, then any
/// roster worker the scenario lacks), columns `worker`, `name`, `contract`,
/// one column per horizon date headed `YYYY-MM-DD`, then `shifts` and
/// `paid_hours` (the worker's totals). A cell reads `shift@station` (e.g.
/// `flex@mom-assembly`), is empty on a day off, and joins several
/// assignments of one date with `; ` (a roster the checker would reject).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// # let scenario = flexline::Scenario::from_json_str(&json)?;
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let grid = flexline::export::grid_csv(&scenario, &plan.roster)?;
/// let header = grid.lines().next().unwrap();
/// assert!(header.starts_with("worker,name,contract,2026-03-02"));
/// assert!(header.ends_with(",shifts,paid_hours"));
/// assert_eq!(grid.lines().count(), 1 + scenario.workers.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn grid_csv(scenario: &Scenario, roster: &Roster) -> Result<String, Error> {
    let dates = scenario.horizon.dates();
    let mut rows: Vec<&WorkerId> = scenario.workers.iter().map(|w| &w.id).collect();
    let mut row_of: HashMap<&WorkerId, usize> =
        rows.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    for a in &roster.assignments {
        if !row_of.contains_key(&a.worker) {
            row_of.insert(&a.worker, rows.len());
            rows.push(&a.worker);
        }
    }
    let nd = dates.len();
    let mut cells = vec![vec![String::new(); nd]; rows.len()];
    let mut totals = vec![(0usize, 0.0f64); rows.len()];
    for a in &roster.assignments {
        let r = row_of[&a.worker];
        totals[r].0 += 1;
        totals[r].1 += a.paid_hours;
        if let Some(d) = scenario.horizon.index_of(a.date) {
            let cell = &mut cells[r][d];
            if !cell.is_empty() {
                cell.push_str("; ");
            }
            cell.push_str(a.shift.as_str());
            cell.push('@');
            cell.push_str(a.station.as_str());
        }
    }
    let mut w = ::csv::Writer::from_writer(Vec::with_capacity(32 * (nd + 5) * (rows.len() + 1)));
    let mut header: Vec<String> = vec!["worker".into(), "name".into(), "contract".into()];
    header.extend(dates.iter().map(|d| d.to_string()));
    header.push("shifts".into());
    header.push("paid_hours".into());
    w.write_record(&header).map_err(csv_error)?;
    for (r, id) in rows.iter().enumerate() {
        let worker = scenario.worker(id);
        let contract = match worker.map(|w| w.contract) {
            Some(crate::model::ContractKind::Regular) => "regular",
            Some(crate::model::ContractKind::Flexible) => "flexible",
            Some(crate::model::ContractKind::HomeBased) => "home_based",
            None => "",
        };
        let mut record: Vec<String> = Vec::with_capacity(nd + 5);
        record.push(id.as_str().to_owned());
        record.push(worker.map(|w| w.name.clone()).unwrap_or_default());
        record.push(contract.to_owned());
        record.extend(cells[r].iter().cloned());
        record.push(totals[r].0.to_string());
        record.push(((totals[r].1 * 100.0).round() / 100.0).to_string());
        w.write_record(&record).map_err(csv_error)?;
    }
    Ok(finish(w))
}
