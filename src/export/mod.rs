//! Rosters people can use: CSV and an Excel workbook for spreadsheets,
//! iCalendar files for phones, and a self-contained HTML picture of the week.
//!
//! Every function takes the [`Scenario`] (for names, lines, caregiving
//! windows) and the [`Roster`] or [`Plan`] a solve returned, and returns the
//! file's text (the workbook's bytes). Only [`write_atomic`] and [`write_files_atomic`] touch the
//! file system: they write a file (or a set of files) atomically, and
//! [`check_writable_file`], [`check_writable_dir`] and [`same_file`] let a
//! program refuse a bad output path before any work.
//!
//! | function | file |
//! |---|---|
//! | [`assignments_csv`] / [`read_assignments_csv`] | one row per assignment; reads back into the same [`Roster`] |
//! | [`grid_csv`] | one row per worker, one column per date |
//! | [`worker_calendar`], [`roster_calendar`], [`calendar_files`] | RFC 5545 `.ics`: one per worker, one for all |
//! | [`roster_table`] | the plain-text table `weekly_roster` prints (columns aligned for Chinese names) |
//! | [`html_report`] | one HTML file, no scripts, no network: Gantt chart, output vs target, bottlenecks, cost |
//! | [`roster_xlsx`] | an Excel workbook: the week's grid coloured by station with caregiving windows shaded, assignments, output and stock, cost, unmet targets |
//! | [`all_files`] | all of the above but the workbook, named as the `weekly_roster` example writes them |
//!
//! ```
//! # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
//! # let scenario = flexline::Scenario::from_json_str(&json)?;
//! use flexline::export::{self, HtmlOptions, IcsOptions};
//! let plan = flexline::solve(&scenario, &Default::default())?;
//! let published = chrono::DateTime::from_timestamp(1_772_400_000, 0).unwrap();
//! let ics = IcsOptions::new("Asia/Shanghai", published);
//! let files = export::all_files(&scenario, &plan, &ics, &HtmlOptions::default())?;
//! let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
//! assert!(names.contains(&"assignments.csv") && names.contains(&"report.html"));
//! assert!(names.contains(&"all.ics"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod csv;
mod files;
pub(crate) mod html;
mod ics;
mod table;
mod xlsx;

pub use self::csv::{assignments_csv, grid_csv, read_assignments_csv, ASSIGNMENT_COLUMNS};
pub use self::files::{
    check_writable_dir, check_writable_file, same_file, write_atomic, write_files_atomic,
};
pub use self::html::{html_report, HtmlOptions};
pub use self::ics::{
    calendar_files, event_uid, roster_calendar, worker_calendar, IcsOptions, PRODID,
};
pub use self::table::{display_width, pad, roster_table};
pub use self::xlsx::{roster_xlsx, XlsxOptions, XLSX_SHEETS};

use crate::error::Error;
use crate::model::Scenario;
use crate::report::Plan;
#[cfg(doc)]
use crate::report::Roster;

/// One file of an export: its name (no directories) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// File name, e.g. `assignments.csv`, `r01.ics`, `report.html`.
    pub name: String,
    /// The file's contents.
    pub contents: String,
}

/// Every export of a plan: `assignments.csv`, `grid.csv`, one `.ics` per
/// worker (see [`calendar_files`]) plus `all.ics`, and `report.html`.
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// # let scenario = flexline::Scenario::from_json_str(&json)?;
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let ics = flexline::export::IcsOptions::new("UTC", chrono::Utc::now());
/// let files = flexline::export::all_files(&scenario, &plan, &ics, &Default::default())?;
/// // 2 CSV files + one calendar per worker + all.ics + the report
/// assert_eq!(files.len(), 2 + scenario.workers.len() + 1 + 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn all_files(
    scenario: &Scenario,
    plan: &Plan,
    ics: &IcsOptions,
    html: &HtmlOptions,
) -> Result<Vec<ExportFile>, Error> {
    let mut files = vec![
        ExportFile {
            name: "assignments.csv".into(),
            contents: assignments_csv(&plan.roster)?,
        },
        ExportFile {
            name: "grid.csv".into(),
            contents: grid_csv(scenario, &plan.roster)?,
        },
    ];
    files.extend(calendar_files(scenario, &plan.roster, ics)?);
    files.push(ExportFile {
        name: "report.html".into(),
        contents: html_report(scenario, plan, html),
    });
    Ok(files)
}
