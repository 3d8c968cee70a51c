//! A seeded, structure-aware mutation fuzzer over every reader and option
//! type, on stable Rust with no fuzzing crate (DESIGN.md, "Fuzzing").
//!
//! Each case takes a valid seed text of one kind (scenario JSON, a Curtois &
//! Qu instance, a roster CSV, an XML roster, a repair request, solve / flow /
//! risk / layout options as JSON), applies one to four mutations (delete,
//! duplicate or swap bytes; replace a number by an extreme; deep nesting; a
//! long string; a byte-order mark; CRLF; control characters) and feeds it to
//! the reader under [`std::panic::catch_unwind`]. Small scenarios that still
//! read are solved with a tiny node limit and the roster must pass
//! [`crate::check::check`]; every error message must be free of raw control
//! characters and of bounded size.
//!
//! ```
//! let report = flexline::fuzz::run(&flexline::fuzz::FuzzOptions { cases: 50, seed: 7, solve_every: 0 });
//! assert_eq!(report.cases, 50);
//! assert!(report.failures.is_empty(), "{:?}", report.failures);
//! ```

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::Error;
use crate::model::Scenario;
use crate::rng::SplitMix64;
use crate::solve::SolveOptions;

const TINY: &str = include_str!("../tests/data/tiny.json");
const NRP: &str = "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nL,600,D\nSECTION_STAFF\n\
A,D=7,2400,0,5,1,1,1\nB,D=7|L=2,2400,0,5,1,1,1\nSECTION_DAYS_OFF\nA,6\n\
SECTION_SHIFT_ON_REQUESTS\nB,2,L,3\nSECTION_SHIFT_OFF_REQUESTS\nA,1,D,2\n\
SECTION_COVER\n0,D,1,100,1\n1,L,1,100,1\n";
const CSV: &str = "worker,date,shift,line,station,start,end,paid_hours\n\
ana,2026-03-02,flex,L,wind,2026-03-02T08:00,2026-03-02T16:30,8\n\
bo,2026-03-02,flex,L,asm,2026-03-02T08:00,2026-03-02T16:30,8\n";
const XML: &str = "<Roster><SchedulingPeriodFile>tiny.ros</SchedulingPeriodFile><Penalty>0</Penalty>\
<Employee ID=\"ana\"><Assign><Day>0</Day><Shift>flex</Shift></Assign></Employee>\
<Employee ID=\"bo\"><Assign><Date>2026-03-02</Date><Shift>flex</Shift></Assign></Employee></Roster>";
const REPAIR: &str = r#"{"request": {"frozen_through": null, "absences": [{"worker": "ana", "from": "2026-03-02", "to": "2026-03-02", "reason": "sick"}], "target_changes": []}, "weights": {"day_off": 200, "shift_time": 120, "station": 20}}"#;
const SOLVE: &str =
    r#"{"time_limit": 5, "relative_gap": 0.0001, "threads": 1, "seed": 3, "max_nodes": 10}"#;
const FLOW: &str = r#"{"bucket_minutes": 30}"#;
/// The tiny week with every stock rule of the clock: holding costs, a
/// finished-stock limit, a buffer and a daily quota.
const STOCK: &str = r#"{ "horizon": { "start": "2026-03-02", "end": "2026-03-03" },
  "shifts": [ { "id": "flex", "start": "08:00", "end": "16:30", "break_minutes": 30 },
              { "id": "eve", "start": "14:00", "end": "22:00" } ],
  "lines": [ { "id": "L", "shifts": ["flex", "eve"], "holding_cost_per_unit_day": 0.5,
    "max_finished_stock": 80, "stations": [
    { "id": "wind", "skill": "winding", "minutes_per_unit": 10.0, "workplaces": 1 },
    { "id": "asm", "skill": "assembly", "minutes_per_unit": 8.0, "workplaces": 1,
      "initial_stock": 6, "buffer_capacity": 30, "holding_cost_per_unit_day": 0.2 } ] } ],
  "targets": [ { "id": "mon", "line": "L", "date": "2026-03-02", "units": 30, "kind": "made_on_date" },
               { "id": "tue", "line": "L", "date": "2026-03-03", "units": 40 } ],
  "workers": [ { "id": "ana", "skills": [ { "skill": "winding" } ], "hourly_wage": 16.0 },
               { "id": "bo", "skills": [ { "skill": "assembly" } ], "hourly_wage": 18.0 } ] }"#;
/// A layout file of every edit kind, on the tiny week.
const LAYOUT_FILE: &str = r#"{ "layouts": [ { "name": "plain" },
  { "name": "edited", "from": "as_given", "edits": [
    { "edit": "station_shifts", "station": "asm", "shifts": ["flex"] },
    { "edit": "buffer", "station": "asm", "capacity": 20, "initial_stock": 5 },
    { "edit": "workplaces", "station": "wind", "workplaces": 2 } ] } ] }"#;
const RISK: &str = r#"{"samples": 50, "seed": 1, "defaults": {"regular": 0.03, "flexible": 0.06, "home_based": 0.04}}"#;
const LAYOUT: &str = r#"{"solve": {"time_limit": 5, "threads": 1, "max_nodes": 10}, "flow": {"bucket_minutes": 60}, "risk": {"samples": 20}}"#;

/// The kinds of input fuzzed, in the order cases cycle through them.
pub const TARGETS: [&str; 12] = [
    "scenario",
    "nrp",
    "csv",
    "xml",
    "repair",
    "solve",
    "flow",
    "risk",
    "layout",
    "stock_scenario",
    "layout_file",
    "sheets_csv",
];

/// Marks the start of one CSV file in the `sheets_csv` kind's text: the
/// file name follows on the same line, its contents on the next lines.
const SHEET_MARK: &str = "=== ";

/// How to fuzz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzOptions {
    /// Number of cases.
    pub cases: u64,
    /// Seed: the same seed gives the same cases.
    pub seed: u64,
    /// Solve every n-th readable small scenario (0: never solve).
    pub solve_every: u64,
}

impl Default for FuzzOptions {
    fn default() -> Self {
        Self {
            cases: 1000,
            seed: 1,
            solve_every: 4,
        }
    }
}

/// One case that broke an invariant.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The case's number (rerun with the same seed and `cases` above it).
    pub case: u64,
    /// The reader or option type.
    pub target: &'static str,
    /// What went wrong (a panic's message, a checker violation, …).
    pub what: String,
    /// The input, cut to 300 characters and escaped.
    pub input: String,
}

/// The result of a run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FuzzReport {
    /// Cases run.
    pub cases: u64,
    /// Cases whose input was accepted (read without error).
    pub accepted: u64,
    /// Scenarios solved and checked.
    pub solved: u64,
    /// Every broken invariant.
    pub failures: Vec<Failure>,
}

/// Runs `options.cases` cases.
pub fn run(options: &FuzzOptions) -> FuzzReport {
    let mut report = FuzzReport::default();
    // The tiny week as the spreadsheet template's CSV files, in one text.
    let sheets: String = crate::sheets::scenario_csv_files(&tiny())
        .iter()
        .map(|f| format!("{SHEET_MARK}{}\n{}", f.name, f.contents))
        .collect();
    let mut readable = 0u64;
    for case in 0..options.cases {
        let mut rng = SplitMix64(options.seed ^ case.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let target = TARGETS[(case % TARGETS.len() as u64) as usize];
        let seed_text = match target {
            "scenario" => TINY,
            "nrp" => NRP,
            "csv" => CSV,
            "xml" => XML,
            "repair" => REPAIR,
            "solve" => SOLVE,
            "flow" => FLOW,
            "risk" => RISK,
            "stock_scenario" => STOCK,
            "layout_file" => LAYOUT_FILE,
            "sheets_csv" => sheets.as_str(),
            _ => LAYOUT,
        };
        let input = mutate(seed_text, &mut rng);
        let solve_this =
            |readable: u64| options.solve_every > 0 && readable % options.solve_every == 0;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            one_case(target, &input, solve_this(readable))
        }));
        let fail = |what: String| Failure {
            case,
            target,
            what: crate::text::tidy(&what),
            input: input
                .chars()
                .take(300)
                .flat_map(char::escape_debug)
                .collect(),
        };
        report.cases += 1;
        match outcome {
            Ok(Ok(Case { accepted, solved })) => {
                report.accepted += u64::from(accepted);
                report.solved += u64::from(solved);
                if accepted && target == "scenario" {
                    readable += 1;
                }
            }
            Ok(Err(what)) => report.failures.push(fail(what)),
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_else(|| "a panic".into());
                report.failures.push(fail(format!("panicked: {msg}")));
            }
        }
    }
    report
}

struct Case {
    accepted: bool,
    solved: bool,
}

/// An error message must be bounded and free of raw control characters.
fn sound_message(e: &Error) -> Result<(), String> {
    let text = e.to_string();
    if text.len() > 400_000 {
        return Err(format!("an error message of {} bytes", text.len()));
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(format!(
            "raw control characters in the message: {}",
            crate::text::shown(&text)
        ));
    }
    Ok(())
}

fn read<T>(r: Result<T, Error>) -> Result<Option<T>, String> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) => sound_message(&e).map(|()| None),
    }
}

fn tiny() -> Scenario {
    Scenario::from_json_str(TINY).unwrap_or_else(|_| unreachable_tiny())
}

#[cold]
fn unreachable_tiny() -> Scenario {
    panic!("the bundled tiny scenario does not read")
}

fn one_case(target: &str, input: &str, solve: bool) -> Result<Case, String> {
    let small = SolveOptions {
        time_limit: Some(5.0),
        threads: Some(1),
        max_nodes: Some(10),
        ..SolveOptions::default()
    };
    let mut solved = false;
    let accepted = match target {
        "scenario" | "stock_scenario" => match read(Scenario::from_json_str(input))? {
            Some(s) => {
                let size = s.workers.len() * s.horizon.len() * s.shifts.len().max(1);
                if solve && size <= 200 {
                    solve_and_check(&s, &small)?;
                    solved = true;
                }
                true
            }
            None => false,
        },
        "nrp" => match read(crate::formats::NrpInstance::parse(input))? {
            Some(i) => {
                let s = i.to_scenario("fuzz");
                if let Err(e) = s.validate() {
                    return Err(format!(
                        "an instance read but its scenario does not validate: {e}"
                    ));
                }
                true
            }
            None => false,
        },
        "csv" => match read(crate::export::read_assignments_csv(input))? {
            Some(roster) => {
                let s = tiny();
                let _ = crate::check::check(&s, &roster);
                let ics = crate::export::IcsOptions::new("Europe/Berlin", chrono::Utc::now());
                read(crate::export::calendar_files(&s, &roster, &ics))?;
                read(crate::export::grid_csv(&s, &roster))?;
                true
            }
            None => false,
        },
        "xml" => read(crate::formats::read_roster_xml(input, &tiny()))?.is_some(),
        "repair" => {
            #[derive(serde::Deserialize)]
            struct Req {
                request: crate::repair::RepairRequest,
                weights: crate::repair::ChangeWeights,
            }
            match serde_json::from_str::<Req>(input) {
                Ok(r) => {
                    let s = tiny();
                    let published = crate::solve::solve(&s, &small).map_err(|e| e.to_string())?;
                    match read(crate::repair::repair(
                        &s,
                        &published.roster,
                        &r.request,
                        &r.weights,
                        &small,
                    ))? {
                        Some(fixed) => {
                            let report = crate::check::check(&fixed.scenario, &fixed.plan.roster);
                            if !report.is_feasible() {
                                return Err(format!(
                                    "repaired roster rejected: {}",
                                    report.violations[0]
                                ));
                            }
                            solved = true;
                            true
                        }
                        None => false,
                    }
                }
                Err(_) => false,
            }
        }
        "solve" => match serde_json::from_str::<SolveOptions>(input) {
            Ok(o) => match read(o.check())? {
                Some(()) => {
                    let capped = SolveOptions {
                        time_limit: Some(o.time_limit.unwrap_or(5.0).min(5.0)),
                        max_nodes: Some(o.max_nodes.unwrap_or(10).min(10)),
                        ..o
                    };
                    solve_and_check(&tiny(), &capped)?;
                    solved = true;
                    true
                }
                None => false,
            },
            Err(_) => false,
        },
        "flow" => match serde_json::from_str::<crate::flow::FlowOptions>(input) {
            Ok(o) => {
                let s = tiny();
                let roster = crate::solve::solve(&s, &small)
                    .map_err(|e| e.to_string())?
                    .roster;
                read(crate::flow::estimate(&s, &roster, &o))?.is_some()
            }
            Err(_) => false,
        },
        "risk" => match serde_json::from_str::<crate::risk::RiskOptions>(input) {
            Ok(mut o) => {
                let s = tiny();
                let roster = crate::solve::solve(&s, &small)
                    .map_err(|e| e.to_string())?
                    .roster;
                // Valid sample counts are honoured up to 2,000 here, to keep
                // cases fast; the cap itself is checked first.
                let checked = read(crate::risk::simulate(
                    &s,
                    &roster,
                    &crate::risk::RiskOptions {
                        samples: if o.samples > crate::risk::MAX_SAMPLES || o.samples == 0 {
                            o.samples
                        } else {
                            1
                        },
                        ..o.clone()
                    },
                ))?;
                if checked.is_some() {
                    o.samples = o.samples.min(2_000);
                    read(crate::risk::simulate(&s, &roster, &o))?;
                }
                checked.is_some()
            }
            Err(_) => false,
        },
        "sheets_csv" => read_csv_folder(input)?,
        "layout_file" => match read(crate::layout::LayoutFile::from_json_str(input))? {
            // Built on the tiny week: every edit checked, nothing solved.
            Some(file) => read(file.designs(&tiny()))?.is_some(),
            None => false,
        },
        _ => match serde_json::from_str::<crate::layout::CompareOptions>(input) {
            Ok(mut o) => match read(o.check())? {
                Some(()) => {
                    o.solve.time_limit = Some(o.solve.time_limit.unwrap_or(5.0).min(5.0));
                    o.solve.max_nodes = Some(10);
                    o.risk.samples = o.risk.samples.min(200);
                    read(crate::layout::compare(
                        &tiny(),
                        &[crate::layout::Layout::AsGiven],
                        &o,
                    ))?;
                    true
                }
                None => false,
            },
            Err(_) => false,
        },
    };
    Ok(Case { accepted, solved })
}

/// Writes the files of a `sheets_csv` text into a fresh folder and reads it
/// as a scenario (`Scenario::from_csv_dir`): true when it is accepted.
fn read_csv_folder(input: &str) -> Result<bool, String> {
    let dir = std::env::temp_dir().join(format!("flexline-fuzz-sheets-{}", std::process::id()));
    // A folder left by an earlier case or run is replaced.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("fuzz folder: {e}"))?;
    for part in input.split(SHEET_MARK).skip(1) {
        let (name, body) = part.split_once('\n').unwrap_or((part, ""));
        // Mutations may garble the name: keep a plain file name.
        let name: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
            .take(40)
            .collect();
        if name.is_empty() || name.starts_with('.') {
            continue;
        }
        std::fs::write(dir.join(name), body).map_err(|e| format!("fuzz file: {e}"))?;
    }
    let accepted = read(Scenario::from_csv_dir(&dir));
    let _ = std::fs::remove_dir_all(&dir);
    Ok(accepted?.is_some())
}

fn solve_and_check(s: &Scenario, options: &SolveOptions) -> Result<(), String> {
    let plan = match crate::solve::solve(s, options) {
        Ok(p) => p,
        // Contradictory hard rules are a correct answer.
        Err(Error::Infeasible { .. }) => return Ok(()),
        Err(e) => {
            sound_message(&e)?;
            return Err(format!("a valid scenario did not solve: {e}"));
        }
    };
    if plan.status.outcome == crate::report::Outcome::NoSolution {
        return Ok(());
    }
    let report = crate::check::check(s, &plan.roster);
    if let Some(v) = report.violations.first() {
        return Err(format!("the checker rejects the solver's roster: {v}"));
    }
    let ics = crate::export::IcsOptions::new("Asia/Shanghai", chrono::Utc::now());
    read(crate::export::all_files(
        s,
        &plan,
        &ics,
        &Default::default(),
    ))?;
    Ok(())
}

/// Extreme values put in place of a number.
const EXTREMES: [&str; 14] = [
    "0",
    "-1",
    "-0",
    "1e308",
    "-1e308",
    "1e-320",
    "\"NaN\"",
    "NaN",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "9223372036854775807",
    "1e9",
    "0.5",
];

/// One to four mutations of `text`.
fn mutate(text: &str, rng: &mut SplitMix64) -> String {
    let mut b = text.as_bytes().to_vec();
    let n = 1 + rng.below(4);
    for _ in 0..n {
        let len = b.len().max(1);
        match rng.below(12) {
            0 => {
                // Delete a range.
                let at = rng.below(len);
                let k = 1 + rng.below(16);
                let end = (at + k).min(b.len());
                if at < end {
                    b.drain(at..end);
                }
            }
            1 => {
                // Duplicate a range.
                let at = rng.below(len);
                let k = 1 + rng.below(64);
                let end = (at + k).min(b.len());
                if at < end {
                    let piece: Vec<u8> = b[at..end].to_vec();
                    let to = rng.below(b.len() + 1);
                    b.splice(to..to, piece);
                }
            }
            2 => {
                // Swap two bytes.
                if b.len() > 1 {
                    let (i, j) = (rng.below(b.len()), rng.below(b.len()));
                    b.swap(i, j);
                }
            }
            3..=5 => {
                // Replace a number by an extreme.
                let starts: Vec<usize> = (0..b.len())
                    .filter(|&i| {
                        b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                    })
                    .collect();
                if !starts.is_empty() {
                    let at = starts[rng.below(starts.len())];
                    let mut end = at;
                    while end < b.len() && (b[end].is_ascii_digit() || b[end] == b'.') {
                        end += 1;
                    }
                    let with = EXTREMES[rng.below(EXTREMES.len())].as_bytes().to_vec();
                    b.splice(at..end, with);
                }
            }
            6 => {
                // Deep nesting.
                let depth = 1 + rng.below(5_000);
                let (open, close): (&[u8], &[u8]) = match rng.below(3) {
                    0 => (b"[", b"]"),
                    1 => (b"{\"a\":", b"}"),
                    _ => (b"<a>", b"</a>"),
                };
                let at = rng.below(b.len() + 1);
                let mut piece = open.repeat(depth);
                piece.extend(close.repeat(depth));
                b.splice(at..at, piece);
            }
            7 => {
                // A long string inside a quoted value.
                let quotes: Vec<usize> = (0..b.len()).filter(|&i| b[i] == b'"').collect();
                let at = if quotes.is_empty() {
                    rng.below(b.len() + 1)
                } else {
                    quotes[rng.below(quotes.len())] + 1
                };
                let k = 1 + rng.below(70_000);
                b.splice(at..at, std::iter::repeat_n(b'x', k));
            }
            8 => {
                // A byte-order mark.
                b.splice(0..0, "\u{feff}".bytes());
            }
            9 => {
                // CRLF line ends.
                let mut out = Vec::with_capacity(b.len() + 64);
                for &c in &b {
                    if c == b'\n' {
                        out.push(b'\r');
                    }
                    out.push(c);
                }
                b = out;
            }
            10 => {
                // A control character.
                let at = rng.below(b.len() + 1);
                let c = [0u8, 7, 9, 27, 127][rng.below(5)];
                b.insert(at, c);
            }
            _ => {
                // A date at the edge of what chrono holds.
                let text = String::from_utf8_lossy(&b).into_owned();
                let edge =
                    ["+262142-12-31", "1899-12-31", "2201-01-01", "0000-01-01"][rng.below(4)];
                b = text.replacen("2026-03-02", edge, 1).into_bytes();
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}
