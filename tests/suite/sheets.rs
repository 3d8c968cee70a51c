//! Scenarios from spreadsheets (workbooks and CSV folders), rosters back to
//! a workbook, and the JSON Schema.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use proptest::prelude::*;
use rust_xlsxwriter::{Formula, Workbook};

use flexline::formats::NrpInstance;
use flexline::{export, sheets, Error, Scenario};

use crate::common::{exact, solve_checked};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flexline-sheets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// A scenario without the JSON-only `$schema`, as a workbook gives it.
fn without_schema(mut s: Scenario) -> Scenario {
    s.schema = None;
    s
}

fn via_xlsx(s: &Scenario, name: &str) -> Result<Scenario, Error> {
    let path = temp(name);
    std::fs::write(&path, sheets::scenario_xlsx(s)?).unwrap();
    Scenario::from_xlsx(&path)
}

fn via_csv(s: &Scenario, name: &str) -> Result<Scenario, Error> {
    let dir = temp(name);
    export::write_files_atomic(&dir, &sheets::scenario_csv_files(s))?;
    Scenario::from_csv_dir(&dir)
}

fn bundled(name: &str) -> Scenario {
    Scenario::from_json_file(root().join("examples/data").join(name)).unwrap()
}

#[test]
fn bundled_scenarios_round_trip_through_workbooks_and_csv_folders() {
    for name in [
        "serial_line_week.json",
        "motor_factory_week.json",
        "home_week.json",
        "short_week.json",
    ] {
        let s = without_schema(bundled(name));
        let stem = name.trim_end_matches(".json");
        assert_eq!(
            via_xlsx(&s, &format!("{stem}.xlsx")).unwrap(),
            s,
            "{name} via xlsx"
        );
        assert_eq!(
            via_csv(&s, &format!("{stem}-csv")).unwrap(),
            s,
            "{name} via csv"
        );
    }
}

#[test]
fn the_committed_workbook_is_the_bundled_week() {
    let json = without_schema(bundled("serial_line_week.json"));
    let book = Scenario::from_xlsx(root().join("examples/data/serial_line_week.xlsx")).unwrap();
    assert_eq!(
        book, json,
        "examples/data/serial_line_week.xlsx differs from the JSON: regenerate it with \
         `cargo run --release --example scenario_sheets -- examples/data/serial_line_week.json examples/data/serial_line_week.xlsx`"
    );
}

/// Cover, requests, successions, shift caps and minute totals: the
/// benchmark's rostering rules survive the workbook too.
#[test]
fn a_rostering_benchmark_instance_round_trips() {
    let inst = NrpInstance::from_file(root().join("tests/data/nrp/Instance1.txt")).unwrap();
    let s = inst.to_scenario("Instance1");
    assert!(!s.cover.is_empty() && !s.requests.is_empty());
    assert_eq!(via_xlsx(&s, "nrp1.xlsx").unwrap(), s);
    assert_eq!(via_csv(&s, "nrp1-csv").unwrap(), s);
}

/// History, run borders, days off and home work, which no bundled week uses.
#[test]
fn history_days_off_and_caps_round_trip() {
    let mut s = without_schema(bundled("serial_line_week.json"));
    let d = |day: u32| chrono::NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
    s.run_borders = flexline::RunBorders::History;
    s.history = Some(flexline::History {
        from: d(1),
        assignments: vec![flexline::PastAssignment {
            worker: s.workers[0].id.clone(),
            date: d(1),
            shift: s.shifts[0].id.clone(),
        }],
    });
    s.workers[1].days_off = vec![d(3), d(4)];
    s.workers[1].max_shifts.insert(s.shifts[0].id.clone(), 2);
    s.workers[1].max_weekends = Some(1);
    s.workers[1].absence_probability = Some(0.05);
    s.workers[1].name = "李梅".into();
    s.calendar.public_holidays = vec![d(6)];
    s.forbidden_successions.push(flexline::Succession {
        first: s.shifts[2].id.clone(),
        then: s.shifts[0].id.clone(),
    });
    s.lines[0].max_finished_stock = Some(900.0);
    s.lines[0].holding_cost_per_unit_day = Some(0.25);
    s.lines[0].stations[1].buffer_capacity = Some(200.0);
    s.validate().unwrap();
    assert_eq!(via_xlsx(&s, "history.xlsx").unwrap(), s);
    assert_eq!(via_csv(&s, "history-csv").unwrap(), s);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
    /// Any synthetic factory (random wages, efficiencies, windows) reads
    /// back from its workbook and its CSV folder unchanged, to the last bit
    /// of every number.
    #[test]
    fn synthetic_factories_round_trip(workers in 1usize..12, days in 1usize..10,
                                      shifts in 1usize..5, stations in 1usize..6, seed in 0u64..1000) {
        let s = flexline::synthetic::factory(&flexline::synthetic::Spec { workers, days, shifts, stations, seed });
        prop_assert_eq!(via_xlsx(&s, &format!("syn-{seed}.xlsx")).unwrap(), s.clone());
        prop_assert_eq!(via_csv(&s, &format!("syn-{seed}-csv")).unwrap(), s);
    }
}

// ----- hand-made workbooks, as people type them -----

/// The sheets of a scenario as text cells (from the CSV writer).
fn text_sheets(s: &Scenario) -> Vec<(String, Vec<Vec<String>>)> {
    sheets::scenario_csv_files(s)
        .into_iter()
        .map(|f| {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(f.contents.as_bytes());
            let rows = r
                .records()
                .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
                .collect();
            (f.name.trim_end_matches(".csv").to_owned(), rows)
        })
        .collect()
}

/// Writes the sheets as a workbook: numbers as number cells, all else as
/// text; `extra` then edits the workbook (merges, formulas).
fn book_of(
    sheets: &[(String, Vec<Vec<String>>)],
    name: &str,
    extra: impl Fn(&mut Workbook),
) -> PathBuf {
    let mut book = Workbook::new();
    for (sheet, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if v.is_empty() {
                    continue;
                }
                match v.parse::<f64>() {
                    Ok(n) => ws.write_number(r as u32, c as u16, n).unwrap(),
                    Err(_) => ws.write_string(r as u32, c as u16, v).unwrap(),
                };
            }
        }
    }
    extra(&mut book);
    let path = temp(name);
    book.save(&path).unwrap();
    path
}

fn short_week() -> Scenario {
    without_schema(bundled("short_week.json"))
}

fn sheet<'a>(sheets: &'a mut [(String, Vec<Vec<String>>)], name: &str) -> &'a mut Vec<Vec<String>> {
    &mut sheets.iter_mut().find(|(n, _)| n == name).unwrap().1
}

fn col(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|h| h == name).unwrap()
}

fn issues(e: Error) -> Vec<sheets::SheetIssue> {
    match e {
        Error::Sheets(r) => r.issues,
        other => panic!("expected sheet problems, got {other}"),
    }
}

#[test]
fn text_cells_title_rows_empty_rows_and_notes_read_as_typed() {
    let s = short_week();
    let mut sh = text_sheets(&s);
    // A title row above the heading, an empty row inside, a note column.
    let workers = sheet(&mut sh, "Workers");
    workers.insert(0, vec!["Shop 3 staff list 三车间员工".into()]);
    workers.insert(3, vec![String::new(); 3]);
    workers[1].push("# phone".into());
    workers[2].push("138 0000 0000".into());
    // Dates as a serial number and in Chinese; times in other spellings.
    let cal = sheet(&mut sh, "Calendar");
    let from = col(cal, "from");
    let horizon = cal.iter().position(|r| r[0] == "horizon").unwrap();
    let start = s.horizon.start;
    let serial = (start - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days();
    cal[horizon][from] = serial.to_string();
    let targets = sheet(&mut sh, "Targets");
    let date = col(targets, "date");
    let d = s.targets[0].date;
    targets[1][date] = d.format("%Y年%-m月%-d日").to_string();
    let shifts = sheet(&mut sh, "Shifts");
    let c = col(shifts, "start");
    for r in shifts.iter_mut().skip(1) {
        if r[c] == "08:00" {
            r[c] = "8:00 AM".into();
        }
    }
    let path = book_of(&sh, "typed.xlsx", |_| {});
    assert_eq!(Scenario::from_xlsx(&path).unwrap(), s);
}

#[test]
fn chinese_content_is_kept() {
    let mut s = short_week();
    s.name = "湖南电机厂 宝妈生产线 一周".into();
    s.workers[0].name = "王芳".into();
    s.workers[0]
        .unavailable
        .push(flexline::CareWindow::Absence {
            date: s.horizon.start,
            reason: "孩子发烧".into(),
        });
    s.lines[0].name = "装配线".into();
    let sh = text_sheets(&s);
    let path = book_of(&sh, "chinese.xlsx", |_| {});
    let back = Scenario::from_xlsx(&path).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.workers[0].name, "王芳");
    // Chinese weekdays and contract words are read too.
    let mut sh = text_sheets(&s);
    let shifts = sheet(&mut sh, "Shifts");
    let days = col(shifts, "days");
    let first = shifts[1][days].clone();
    if first == "Mon, Tue, Wed, Thu, Fri" {
        shifts[1][days] = "周一至周五".into();
    }
    let path = book_of(&sh, "chinese-days.xlsx", |_| {});
    assert_eq!(Scenario::from_xlsx(&path).unwrap(), s);
}

#[test]
fn every_problem_is_named_by_its_cell_with_a_fix() {
    let s = short_week();
    let mut sh = text_sheets(&s);
    let workers = sheet(&mut sh, "Workers");
    let wage = col(workers, "hourly_wage");
    workers[2][wage] = "sixteen".into();
    let shifts = sheet(&mut sh, "Shifts");
    let start = col(shifts, "start");
    shifts[1][start] = "24:00".into();
    let targets = sheet(&mut sh, "Targets");
    let date = col(targets, "date");
    targets[1][date] = "3/2/2026".into();
    targets[0].push("units wanted".into());
    let path = book_of(&sh, "bad.xlsx", |_| {});
    let found = issues(Scenario::from_xlsx(&path).unwrap_err());
    let at = |cell: &str| {
        found
            .iter()
            .find(|i| i.cell == cell)
            .unwrap_or_else(|| panic!("no problem at {cell}: {found:#?}"))
    };
    let letter = |c: usize| char::from(b'A' + c as u8);
    assert!(at(&format!("Workers!{}3", letter(wage)))
        .fix
        .contains("type a number"));
    assert!(at(&format!("Shifts!{}2", letter(start)))
        .fix
        .contains("00:00"));
    assert!(at(&format!("Targets!{}2", letter(date)))
        .fix
        .contains("2026-03-02"));
    let unknown = targets_unknown_column(&found);
    assert!(
        unknown.fix.contains("start its heading with #"),
        "{unknown:?}"
    );
    assert!(found.len() >= 4);
}

fn targets_unknown_column(found: &[sheets::SheetIssue]) -> &sheets::SheetIssue {
    found
        .iter()
        .find(|i| i.cell.starts_with("Targets!") && i.message.contains("unknown column"))
        .expect("unknown column reported")
}

#[test]
fn missing_sheets_are_named_with_the_columns_to_add() {
    let s = short_week();
    let sh: Vec<_> = text_sheets(&s)
        .into_iter()
        .filter(|(n, _)| n != "Skills" && n != "Lines")
        .collect();
    let path = book_of(&sh, "missing.xlsx", |_| {});
    let found = issues(Scenario::from_xlsx(&path).unwrap_err());
    for name in ["Skills", "Lines"] {
        let i = found
            .iter()
            .find(|i| i.cell == format!("{name}!A1"))
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert!(i.message.contains(&format!("no sheet {name}")), "{i:?}");
        assert!(i.fix.contains(&sheets::columns(name).join(", ")), "{i:?}");
    }
}

#[test]
fn merged_cells_are_refused_by_their_range() {
    let s = short_week();
    let sh = text_sheets(&s);
    let path = book_of(&sh, "merged.xlsx", |book| {
        let ws = book.worksheet_from_name("Skills").unwrap();
        ws.merge_range(1, 0, 2, 0, "w01", &rust_xlsxwriter::Format::new())
            .unwrap();
    });
    let found = issues(Scenario::from_xlsx(&path).unwrap_err());
    let i = found
        .iter()
        .find(|i| i.cell == "Skills!A2:A3")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert!(i.fix.contains("unmerge"));
}

#[test]
fn formulas_are_read_by_their_saved_result() {
    let s = short_week();
    let sh = text_sheets(&s);
    let wage_col = col(
        &sh.iter().find(|(n, _)| n == "Workers").unwrap().1,
        "hourly_wage",
    );
    let wage = s.workers[0].hourly_wage;
    let path = book_of(&sh, "formula.xlsx", |book| {
        let ws = book.worksheet_from_name("Workers").unwrap();
        let f = Formula::new(format!("={}+0", wage)).set_result(wage.to_string());
        ws.write_formula(1, wage_col as u16, f).unwrap();
    });
    assert_eq!(Scenario::from_xlsx(&path).unwrap(), s);
    // Saved without its result (as some generators do): said so, at the cell.
    let path = book_of(&sh, "formula-unsaved.xlsx", |book| {
        let ws = book.worksheet_from_name("Workers").unwrap();
        ws.set_formula_result_default("");
        ws.write_formula(1, wage_col as u16, "=15+1").unwrap();
    });
    let found = issues(Scenario::from_xlsx(&path).unwrap_err());
    let cell = format!("Workers!{}2", char::from(b'A' + wage_col as u8));
    let i = found
        .iter()
        .find(|i| i.cell == cell)
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert!(i.message.contains("formula"), "{i:?}");
    assert!(i.fix.contains("save it"), "{i:?}");
}

#[test]
fn validation_problems_name_the_row_of_their_entity() {
    let mut s = short_week();
    s.workers[1].skills[0].efficiency = -1.0;
    let path = temp("invalid.xlsx");
    std::fs::write(&path, sheets::scenario_xlsx(&s).unwrap()).unwrap();
    let Err(Error::Invalid(report)) = Scenario::from_xlsx(&path) else {
        panic!("expected validation problems");
    };
    let want = format!("worker `{}` (Workers!A3)", s.workers[1].id);
    assert!(report.issues.iter().any(|i| i.entity == want), "{report}");
}

#[test]
fn csv_folders_in_gbk_are_refused_with_the_way_to_save_them() {
    let s = short_week();
    let dir = temp("gbk-csv");
    export::write_files_atomic(&dir, &sheets::scenario_csv_files(&s)).unwrap();
    // "王芳" in GBK: not UTF-8.
    let mut bytes = std::fs::read(dir.join("Workers.csv")).unwrap();
    bytes.extend_from_slice(b"w99,\xcd\xf5\xb7\xbc,regular,15\n");
    std::fs::write(dir.join("Workers.csv"), bytes).unwrap();
    let found = issues(Scenario::from_csv_dir(&dir).unwrap_err());
    assert!(found[0].fix.contains("CSV UTF-8"), "{found:?}");
    // A byte-order mark (Excel's "CSV UTF-8") is fine.
    export::write_files_atomic(&dir, &sheets::scenario_csv_files(&s)).unwrap();
    let text = std::fs::read_to_string(dir.join("Workers.csv")).unwrap();
    std::fs::write(dir.join("Workers.csv"), format!("\u{feff}{text}")).unwrap();
    assert_eq!(Scenario::from_csv_dir(&dir).unwrap(), s);
}

// ----- the roster workbook -----

fn sheet_rows(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn the_roster_workbook_reads_back() {
    let s = short_week();
    let plan = solve_checked(&s, &exact());
    let options = export::XlsxOptions {
        diagnosis: vec!["a line of diagnosis".into()],
    };
    let bytes = export::roster_xlsx(&s, &plan, &options).unwrap();
    let path = temp("roster.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), export::XLSX_SHEETS);

    // The grid: one row per worker, one column per date, `shift @ station`.
    let grid = sheet_rows(&path, "Roster");
    let dates = s.horizon.dates();
    assert_eq!(grid[0].len(), 2 + dates.len());
    for a in &plan.roster.assignments {
        let r = 1 + s.workers.iter().position(|w| w.id == a.worker).unwrap();
        let c = 2 + dates.iter().position(|d| *d == a.date).unwrap();
        assert_eq!(text(&grid[r][0]), a.worker.as_str());
        assert!(
            text(&grid[r][c]).contains(&format!("{} @ {}", a.shift, a.station)),
            "{} {}: {:?}",
            a.worker,
            a.date,
            grid[r][c]
        );
    }
    // A worker on leave all week is shaded "unavailable" where not rostered.
    let on_leave = s.workers.iter().position(|w| {
        w.unavailable.iter().any(|u| {
            matches!(u, flexline::CareWindow::Leave { from, to, .. }
            if *from <= s.horizon.start && *to >= s.horizon.end)
        })
    });
    if let Some(i) = on_leave {
        for c in 0..dates.len() {
            assert_eq!(text(&grid[i + 1][c + 2]), "unavailable");
        }
    }
    // School-run windows are written as times on free days.
    let care = grid
        .iter()
        .flatten()
        .filter(|d| text(d).starts_with("care "))
        .count();
    assert!(care > 0, "no caregiving window shown");

    let assignments = sheet_rows(&path, "Assignments");
    assert_eq!(assignments.len(), plan.roster.assignments.len() + 1);
    let output = sheet_rows(&path, "Output");
    assert_eq!(output.len(), plan.throughput.lines.len() + 1);
    for (row, l) in output.iter().skip(1).zip(&plan.throughput.lines) {
        assert_eq!(row[2], Data::Float(l.finished_units));
        assert_eq!(row[5], Data::Float(l.finished_stock_end));
    }
    let stations = sheet_rows(&path, "Stations");
    assert_eq!(stations.len(), plan.throughput.stations.len() + 1);
    let cost = sheet_rows(&path, "Cost");
    let objective = cost.iter().find(|r| text(&r[0]) == "objective").unwrap();
    assert_eq!(objective[1], Data::Float(plan.cost.objective));
    let unmet = sheet_rows(&path, "Unmet");
    assert_eq!(unmet.len(), plan.unmet.len().max(1) + 1 + 2 + 1);
    assert!(unmet
        .iter()
        .flatten()
        .any(|d| text(d) == "a line of diagnosis"));
}

#[test]
fn the_roster_workbook_lists_unmet_targets_with_their_explanation() {
    let mut s = short_week();
    for t in &mut s.targets {
        t.units *= 50.0;
    }
    let plan = solve_checked(&s, &exact());
    assert!(!plan.unmet.is_empty());
    let path = temp("unmet.xlsx");
    std::fs::write(
        &path,
        export::roster_xlsx(&s, &plan, &Default::default()).unwrap(),
    )
    .unwrap();
    let unmet = sheet_rows(&path, "Unmet");
    assert_eq!(unmet.len(), plan.unmet.len() + 1);
    for (row, u) in unmet.iter().skip(1).zip(&plan.unmet) {
        assert_eq!(text(&row[0]), u.target.as_str());
        assert_eq!(row[5], Data::Float(u.shortfall_units));
        assert_eq!(text(&row[6]), u.to_string());
    }
}

// ----- the JSON Schema -----

#[test]
fn the_committed_schema_matches_the_types() {
    let committed =
        std::fs::read_to_string(root().join("schema/scenario.schema.json")).unwrap_or_default();
    assert!(
        committed == Scenario::json_schema_text(),
        "schema/scenario.schema.json is out of date with the model types: regenerate it with\n  \
         cargo run --release --example weekly_roster -- --print-schema > schema/scenario.schema.json"
    );
}

#[test]
fn bundled_scenarios_declare_the_schema_and_still_load() {
    for name in [
        "serial_line_week.json",
        "motor_factory_week.json",
        "home_week.json",
        "short_week.json",
    ] {
        let s = bundled(name);
        assert_eq!(
            s.schema.as_deref(),
            Some("../../schema/scenario.schema.json"),
            "{name}"
        );
    }
    // Every top-level field of the scenario is in the schema, `$schema` too.
    let schema: serde_json::Value = serde_json::from_str(&Scenario::json_schema_text()).unwrap();
    let value = serde_json::to_value(bundled("serial_line_week.json")).unwrap();
    for key in value.as_object().unwrap().keys() {
        assert!(schema["properties"].get(key).is_some(), "{key}");
    }
    // deny_unknown_fields still holds beside `$schema`.
    let bad = r#"{"$schema": "x", "horizon": {"start": "2026-03-02", "end": "2026-03-02"},
                  "shifts": [], "lines": [], "workers": [], "colour": "red"}"#;
    assert!(Scenario::from_json_str(bad).is_err());
}

// ----- the example -----

fn weekly_roster() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let bin = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples")
        .join("weekly_roster");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo test` or `cargo build --release --examples`",
        bin.display()
    );
    bin
}

#[test]
fn example_reads_workbooks_and_csv_folders_and_writes_a_workbook() {
    let bin = weekly_roster();
    let run = |args: &[&str]| {
        std::process::Command::new(&bin)
            .args(args)
            .output()
            .unwrap()
    };
    let book = temp("example-short-week.xlsx");
    std::fs::write(&book, sheets::scenario_xlsx(&short_week()).unwrap()).unwrap();
    let out = temp("example-roster.xlsx");
    let o = run(&[
        "--scenario",
        book.to_str().unwrap(),
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
        "--time-limit",
        "60",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let assignments = sheet_rows(&out, "Assignments");
    assert!(assignments.len() > 1);
    // The roster the example wrote passes the checker.
    let s = Scenario::from_xlsx(&book).unwrap();
    let mut roster = flexline::Roster::default();
    for row in assignments.iter().skip(1) {
        let a = flexline::Assignment {
            worker: text(&row[0]).as_str().into(),
            date: text(&row[2]).parse().unwrap(),
            shift: text(&row[3]).as_str().into(),
            line: text(&row[4]).as_str().into(),
            station: text(&row[5]).as_str().into(),
            start: chrono::NaiveDateTime::parse_from_str(&text(&row[6]), "%Y-%m-%d %H:%M").unwrap(),
            end: chrono::NaiveDateTime::parse_from_str(&text(&row[7]), "%Y-%m-%d %H:%M").unwrap(),
            paid_hours: match row[8] {
                Data::Float(f) => f,
                ref other => panic!("{other:?}"),
            },
        };
        roster.assignments.push(a);
    }
    let report = flexline::check::check(&s, &roster);
    assert!(report.is_feasible(), "{:?}", report.violations);

    // A CSV folder works as a scenario too (table output).
    let dir = temp("example-csv");
    export::write_files_atomic(&dir, &sheets::scenario_csv_files(&s)).unwrap();
    let o = run(&[
        "--scenario",
        dir.to_str().unwrap(),
        "--no-remedies",
        "--time-limit",
        "60",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains(&s.name));

    // Refusals, before any work: no --out, the input as output, a bad book.
    let o = run(&["--scenario", book.to_str().unwrap(), "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    let copy = temp("copy.xlsx");
    std::fs::copy(&book, &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let o = run(&[
        "--scenario",
        copy.to_str().unwrap(),
        "--format",
        "xlsx",
        "--out",
        copy.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        before,
        "the input was overwritten"
    );
    let broken = temp("broken.xlsx");
    std::fs::write(&broken, b"not a zip").unwrap();
    let o = run(&["--scenario", broken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".xlsx"));

    // The schema, printed.
    let o = run(&["--print-schema"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        Scenario::json_schema_text()
    );
}
