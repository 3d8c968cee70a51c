//! Scenarios as spreadsheets: read a workbook (`.xlsx`) or a folder of CSV
//! files with the same sheets, and write a scenario back as either.
//!
//! The template is documented sheet by sheet, column by column, in
//! `docs/spreadsheet.md`. In short: `Workers`, `Skills`, `Availability`,
//! `Shifts`, `Lines`, `Stations`, `Targets`, `Calendar` and `Rules`, plus the
//! optional rostering sheets `Cover`, `Requests`, `Successions` and
//! `History`. The first row naming a column is the heading row (title rows
//! above it are skipped), empty rows are skipped, columns may come in any
//! order, and a column headed `#…` or `note` is kept as a note.
//!
//! Every problem is reported at once with the cell a spreadsheet user sees
//! (`Workers!C7`) and what to type instead ([`SheetReport`]); then the
//! scenario is [validated](Scenario::validate) as JSON input is, and each
//! validation problem names the row its entity came from.
//!
//! ```
//! use flexline::Scenario;
//! let json = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/serial_line_week.json");
//! let book = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/serial_line_week.xlsx");
//! let from_json = Scenario::from_json_file(json)?;
//! let from_book = Scenario::from_xlsx(book)?;
//! assert_eq!(from_book.workers, from_json.workers);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cells;
mod read;
mod write;

use std::collections::BTreeMap;
use std::path::Path;

use self::cells::Cell;
use crate::error::Error;
pub use crate::issues::{SheetIssue, SheetReport};
use crate::model::Scenario;

pub use self::write::{scenario_csv_files, scenario_xlsx};

/// The sheets of the template, in the order the writer puts them, and
/// whether each is required.
pub const SHEETS: [(&str, bool); 14] = [
    ("Rules", false),
    ("Calendar", true),
    ("Shifts", true),
    ("Lines", true),
    ("Stations", true),
    ("Targets", false),
    ("Workers", true),
    ("Skills", true),
    ("Availability", false),
    ("Cover", false),
    ("Requests", false),
    ("Successions", false),
    ("History", false),
    ("Fairness", false),
];

/// Most problems listed for one workbook.
const MAX_SHEET_ISSUES: usize = 1_000;

/// The columns of a sheet of the template, in the writer's order (empty for
/// a name that is not a sheet).
///
/// ```
/// let cols = flexline::sheets::columns("Skills");
/// assert_eq!(cols, ["worker", "skill", "efficiency"]);
/// ```
pub fn columns(sheet: &str) -> Vec<&'static str> {
    read::column_names(sheet)
}

/// The settings a `Rules` sheet may hold (column `setting`).
///
/// ```
/// assert!(flexline::sheets::settings().contains(&"max_hours_per_week"));
/// ```
pub fn settings() -> Vec<&'static str> {
    read::settings()
}

/// One sheet's cells, from row 1 column A, with its merged ranges
/// (first row, first column, last row, last column; 0-based).
#[derive(Debug, Default)]
struct Grid {
    rows: Vec<Vec<Cell>>,
    merged: Vec<(usize, usize, usize, usize)>,
}

/// The sheet of the template a workbook sheet or CSV file name stands for
/// (case and spaces ignored).
fn template_sheet(name: &str) -> Option<&'static str> {
    let w = cells::word(name);
    SHEETS
        .iter()
        .map(|(n, _)| *n)
        .find(|n| n.to_lowercase() == w)
}

fn report(file: &Path, issues: Vec<SheetIssue>) -> Error {
    Error::Sheets(SheetReport {
        file: crate::text::shown(&file.display().to_string()),
        issues,
    })
}

fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: crate::text::shown(&path.display().to_string()),
        source,
    }
}

/// Parses the sheets, then validates; validation problems name the row
/// their entity came from.
fn finish(
    file: &Path,
    grids: &BTreeMap<&'static str, Grid>,
    found: &[String],
) -> Result<Scenario, Error> {
    let (scenario, locations) = read::scenario(grids, found).map_err(|i| report(file, i))?;
    if let Err(mut r) = scenario.validate() {
        for issue in &mut r.issues {
            // Entities end in a backtick: `worker `w1`` is no prefix of `worker `w10``.
            let at = locations
                .iter()
                .find(|(entity, _)| issue.entity.starts_with(entity.as_str()));
            if let Some((_, cell)) = at {
                issue.entity = format!("{} ({cell})", issue.entity);
            }
        }
        return Err(Error::Invalid(r));
    }
    Ok(scenario)
}

fn xlsx_error(path: &Path, e: calamine::XlsxError) -> Error {
    report(
        path,
        vec![SheetIssue {
            cell: "(workbook)".into(),
            message: format!("cannot read the workbook: {e}"),
            fix: "save it from Excel, WPS or LibreOffice as an Excel workbook (.xlsx)".into(),
        }],
    )
}

fn read_xlsx(path: &Path) -> Result<(BTreeMap<&'static str, Grid>, Vec<String>), Error> {
    use calamine::{Data, Reader, Xlsx};
    let file = std::fs::File::open(path).map_err(|e| io(path, e))?;
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::BufReader::new(file)).map_err(|e| xlsx_error(path, e))?;
    let names = book.sheet_names();
    let mut grids = BTreeMap::new();
    for name in &names {
        let Some(sheet) = template_sheet(name) else {
            continue;
        };
        let range = book
            .worksheet_range(name)
            .map_err(|e| xlsx_error(path, e))?;
        let formulas = book.worksheet_formula(name).ok();
        let mut grid = Grid::default();
        if let (Some((r0, c0)), Some((r1, _))) = (range.start(), range.end()) {
            let (r0, c0) = (r0 as usize, c0 as usize);
            // Each row only as wide as its last value: one stray cell far
            // to the right does not widen every row.
            grid.rows = vec![Vec::new(); r1 as usize + 1];
            for (i, row) in range.rows().enumerate() {
                let used = row
                    .iter()
                    .rposition(|v| *v != Data::Empty)
                    .map_or(0, |j| j + 1);
                grid.rows[r0 + i] = vec![Cell::Empty; c0 + used];
                for (j, v) in row.iter().take(used).enumerate() {
                    grid.rows[r0 + i][c0 + j] = match v {
                        Data::Empty => Cell::Empty,
                        Data::String(s) => Cell::Text(s.clone()),
                        Data::Int(n) => Cell::Number(*n as f64),
                        Data::Float(f) => Cell::Number(*f),
                        Data::Bool(b) => Cell::Bool(*b),
                        Data::DateTime(d) => Cell::Serial(d.as_f64()),
                        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
                        Data::Error(e) => Cell::Error(e.to_string()),
                    };
                }
            }
        }
        // A formula whose result was never saved reads as empty.
        if let Some(f) = formulas {
            if let Some((fr, fc)) = f.start() {
                for (i, row) in f.rows().enumerate() {
                    for (j, text) in row.iter().enumerate() {
                        if text.is_empty() {
                            continue;
                        }
                        let (r, c) = (fr as usize + i, fc as usize + j);
                        if r >= grid.rows.len() {
                            grid.rows.resize(r + 1, Vec::new());
                        }
                        let row = &mut grid.rows[r];
                        if c >= row.len() {
                            row.resize(c + 1, Cell::Empty);
                        }
                        if row[c].is_empty() {
                            row[c] = Cell::NoResult(text.clone());
                        }
                    }
                }
            }
        }
        if let Some(Ok(merged)) = book.worksheet_merge_cells(name) {
            grid.merged = merged
                .iter()
                .map(|d| {
                    (
                        d.start.0 as usize,
                        d.start.1 as usize,
                        d.end.0 as usize,
                        d.end.1 as usize,
                    )
                })
                .collect();
        }
        grids.insert(sheet, grid);
    }
    Ok((grids, names))
}

fn read_csv_dir(dir: &Path) -> Result<(BTreeMap<&'static str, Grid>, Vec<String>), Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| io(dir, e))?;
    let mut grids = BTreeMap::new();
    let mut names = Vec::new();
    let mut issues = Vec::new();
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let (Some(stem), Some(ext)) = (path.file_stem(), path.extension()) else {
            continue;
        };
        if !ext.eq_ignore_ascii_case("csv") {
            continue;
        }
        let stem = stem.to_string_lossy().into_owned();
        names.push(format!("{stem}.csv"));
        let Some(sheet) = template_sheet(&stem) else {
            continue;
        };
        let bytes = std::fs::read(&path).map_err(|e| io(&path, e))?;
        let Ok(text) = String::from_utf8(bytes) else {
            issues.push(SheetIssue {
                cell: format!("{sheet}!A1"),
                message: format!(
                    "{stem}.csv is not UTF-8 text (Excel on Chinese Windows saves CSV as GBK)"
                ),
                fix: "save it again as \"CSV UTF-8 (逗号分隔)\" / \"CSV UTF-8 (Comma delimited)\""
                    .into(),
            });
            continue;
        };
        let text = crate::text::strip_bom(&text);
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut grid = Grid::default();
        for (i, record) in reader.records().enumerate() {
            match record {
                Ok(rec) => grid.rows.push(
                    rec.iter()
                        .map(|t| {
                            if t.trim().is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(t.to_owned())
                            }
                        })
                        .collect(),
                ),
                Err(e) => {
                    issues.push(SheetIssue {
                        cell: format!("{sheet}!A{}", i + 1),
                        message: format!("{stem}.csv cannot be read here: {e}"),
                        fix: "check the quotes on that line".into(),
                    });
                    break;
                }
            }
        }
        grids.insert(sheet, grid);
    }
    if !issues.is_empty() {
        return Err(report(dir, issues));
    }
    Ok((grids, names))
}

impl Scenario {
    /// Reads a scenario workbook (`.xlsx`, the template of
    /// `docs/spreadsheet.md`) and validates it. Every problem in the sheets
    /// comes back at once as [`Error::Sheets`], each with its cell
    /// (`Workers!C7`) and a fix; then validation problems come back as
    /// [`Error::Invalid`], each entity with its row.
    ///
    /// Formulas are read by their saved results; dates may be date cells,
    /// serial numbers or text (`2026-03-02`); times may be time cells,
    /// fractions of a day or text (`08:00`).
    ///
    /// ```
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/serial_line_week.xlsx");
    /// let s = flexline::Scenario::from_xlsx(path)?;
    /// assert_eq!(s.lines[0].stations.len(), 4);
    /// assert!(flexline::Scenario::from_xlsx("no/such/book.xlsx").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_xlsx(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let (grids, names) = read_xlsx(path)?;
        finish(path, &grids, &names)
    }

    /// Reads a folder of CSV files, one per sheet of the template
    /// (`Workers.csv`, `Skills.csv`, …; UTF-8, a byte-order mark is fine),
    /// and validates it, as [`from_xlsx`](Self::from_xlsx) does.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("flexline-csv-doc-{}", std::process::id()));
    /// let json = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/serial_line_week.json");
    /// let scenario = flexline::Scenario::from_json_file(json)?;
    /// flexline::export::write_files_atomic(&dir, &flexline::sheets::scenario_csv_files(&scenario))?;
    /// let back = flexline::Scenario::from_csv_dir(&dir)?;
    /// assert_eq!(back.targets, scenario.targets);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_csv_dir(dir: impl AsRef<Path>) -> Result<Self, Error> {
        let dir = dir.as_ref();
        let (grids, names) = read_csv_dir(dir)?;
        finish(dir, &grids, &names)
    }

    /// Reads a scenario from a path by its kind: a directory (CSV files), a
    /// `.xlsx` workbook, or JSON (anything else).
    ///
    /// ```
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/serial_line_week.json");
    /// assert!(flexline::Scenario::from_path(path).is_ok());
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let is_xlsx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if path.is_dir() {
            Self::from_csv_dir(path)
        } else if is_xlsx {
            Self::from_xlsx(path)
        } else {
            Self::from_json_file(path)
        }
    }
}
