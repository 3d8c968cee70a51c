//! Generates a weekly roster from a scenario file and prints it as a table,
//! JSON, CSV, iCalendar or an HTML report. Every roster is verified by the
//! independent checker first.
//!
//! ```text
//! cargo run --release --example weekly_roster                       # bundled motor factory week
//! cargo run --release --example weekly_roster -- --scenario my.json --format json --out roster.json
//! cargo run --release --example weekly_roster -- --format html --out report.html
//! cargo run --release --example weekly_roster -- --format all --out week10/   # every file
//! cargo run --release --example weekly_roster -- --help                         # every flag
//! cargo run --release --example weekly_roster -- --scenario factory.xlsx --format xlsx --out roster.xlsx
//! cargo run --release --example weekly_roster -- --print-schema > schema/scenario.schema.json
//! ```
//!
//! `--scenario` reads JSON, an `.xlsx` workbook or a folder of CSV files
//! (the template of docs/spreadsheet.md). `--format xlsx` needs `--out
//! FILE.xlsx`. `--print-schema` prints the scenario's JSON Schema and exits.
//!
//! `--out` with `--format csv|ics|html|all`: a path ending in `.csv`, `.ics` or
//! `.html` gets the one file (assignments, all shifts, report); any other path
//! is a directory (created if missing) that gets the format's files:
//! `assignments.csv` + `grid.csv`, one `.ics` per worker + `all.ics`,
//! `report.html`, or all of them.
//!
//! Exit codes: 0 success, 1 solver or checker failure, 2 bad input (nothing written).
//! On a terminal, a progress line on standard error follows the solve.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use flexline::diagnose::{Diagnosis, RemedyOptions, RemedyReport};
use flexline::export::{self, ExportFile, HtmlOptions, IcsOptions};
use flexline::{check, Outcome, Plan, Roster, Scenario, SolveOptions};

#[path = "support/cli.rs"]
mod cli;

const BUNDLED: &str = include_str!("data/motor_factory_week.json");
/// The bundled factory is in Hunan.
const DEFAULT_TIME_ZONE: &str = "Asia/Shanghai";

const EXAMPLES: &str = "Examples:
  weekly_roster                                        # the bundled motor-factory week, as a table
  weekly_roster --scenario my.json --format json --out roster.json
  weekly_roster --format html --out report.html
  weekly_roster --format all --out week10/             # every file into a directory
  weekly_roster --scenario factory.xlsx --format xlsx --out roster.xlsx
  weekly_roster --print-schema > schema/scenario.schema.json

Exit codes: 0 success, 1 solver or checker failure, 2 bad input (nothing written).";

/// What `--format` prints or writes.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// The roster as a worker × date table, output, targets, cost and the diagnosis.
    Table,
    /// One JSON object: status, roster, throughput, cost, unmet, diagnosis, remedies.
    Json,
    /// assignments.csv (one row per assignment) and grid.csv (worker × date).
    Csv,
    /// iCalendar: one .ics per worker and all.ics.
    Ics,
    /// A self-contained HTML report.
    Html,
    /// An Excel workbook (roster grid, assignments, output, cost, unmet); needs --out FILE.xlsx.
    Xlsx,
    /// Every file above into the directory given by --out.
    All,
}

/// Rosters a scenario (default: the bundled motor-factory week) and prints it
/// as a table, JSON, CSV, iCalendar or an HTML report. Every roster is
/// verified by the independent checker first.
#[derive(clap::Parser)]
#[command(name = "weekly_roster", after_help = EXAMPLES)]
struct Args {
    /// Scenario: a JSON file, an .xlsx workbook or a folder of CSV files
    /// (docs/spreadsheet.md) [default: the bundled motor-factory week,
    /// examples/data/motor_factory_week.json].
    #[arg(long, value_name = "PATH")]
    scenario: Option<String>,
    /// What to print or write.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Time zone of the calendar files (an IANA name).
    #[arg(long, value_name = "IANA_ZONE", default_value = DEFAULT_TIME_ZONE)]
    time_zone: String,
    /// Wall-clock limit of the solve in seconds (above 0, at most 7 days)
    /// [default: none, solve to the gap].
    #[arg(long, value_name = "SECS", value_parser = cli::seconds)]
    time_limit: Option<f64>,
    /// Solver threads (1 to the machine's cores) [default: HiGHS's choice].
    #[arg(long, value_name = "N", value_parser = cli::threads)]
    threads: Option<u32>,
    /// Where to write instead of standard output. With csv, ics or html a
    /// path ending in .csv, .ics or .html gets the one file (assignments, all
    /// shifts, the report); any other path is a directory (created if
    /// missing) that gets the format's files. Never the scenario file.
    #[arg(long, value_name = "PATH|DIR")]
    out: Option<String>,
    /// Skip the remedy search for unmet targets (re-solves; table and json).
    #[arg(long)]
    no_remedies: bool,
    /// Print the scenario's JSON Schema and exit (regenerates
    /// schema/scenario.schema.json).
    #[arg(long)]
    print_schema: bool,
}

fn main() -> ExitCode {
    // Usage errors (unknown flags, bad values) exit with code 2, naming the flag.
    let args = <Args as clap::Parser>::parse();
    if args.print_schema {
        print!("{}", Scenario::json_schema_text());
        return ExitCode::SUCCESS;
    }
    let scenario = match &args.scenario {
        Some(path) => Scenario::from_path(path),
        None => Scenario::from_json_str(BUNDLED),
    };
    let scenario = match scenario {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let xlsx_out = args
        .out
        .as_deref()
        .is_some_and(|o| single_file(Format::Xlsx, o));
    if args.format == Format::Xlsx && !xlsx_out {
        eprintln!("error: --format xlsx writes a workbook: give --out FILE.xlsx");
        return ExitCode::from(2);
    }
    if args.format == Format::All && args.out.is_none() {
        eprintln!("error: --format all writes several files: give --out DIR");
        return ExitCode::from(2);
    }
    let ics = IcsOptions::new(args.time_zone.clone(), chrono::Utc::now());
    if let Err(e) = export::roster_calendar(&scenario, &Roster::default(), &ics) {
        eprintln!("error: --time-zone: {e}");
        return ExitCode::from(2);
    }
    let options = SolveOptions {
        time_limit: args.time_limit,
        threads: args.threads,
        ..SolveOptions::default()
    };
    // The progress line: on a terminal only, and not over the remedies' solves.
    let solve_options = SolveOptions {
        progress: cli::progress_line(),
        ..options.clone()
    };
    if let Err(flexline::Error::InvalidOptions {
        option, message, ..
    }) = options.check()
    {
        eprintln!("error: invalid --{}: {message}", option.replace('_', "-"));
        return ExitCode::from(2);
    }
    // The output: never over the input, and writable before the solve.
    if let Some(out) = &args.out {
        if let Err(msg) = check_output(&scenario, &args, &ics, out) {
            eprintln!("error: --out {}: {msg}", flexline::text::shown(out));
            return ExitCode::from(2);
        }
    }
    let plan = match flexline::solve(&scenario, &solve_options) {
        Ok(p) => p,
        Err(flexline::Error::InvalidOptions {
            option, message, ..
        }) => {
            eprintln!("error: invalid --{}: {message}", option.replace('_', "-"));
            return ExitCode::from(2);
        }
        Err(e @ flexline::Error::Infeasible { .. }) => {
            eprintln!("error: {e}");
            // Name the rules that cannot all hold.
            if let Ok(found) = flexline::diagnose::conflicts_with(&scenario, &options) {
                for c in &found {
                    eprintln!("  - {}", flexline::diagnose::describe_conflict(c));
                }
            }
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if plan.status.outcome == Outcome::NoSolution {
        eprintln!(
            "error: {}",
            flexline::no_roster_error(options.time_limit, plan.status.variables)
        );
        return ExitCode::from(1);
    }
    let report = check::check(&scenario, &plan.roster);
    let diffs = report.differences(&plan.throughput, &plan.cost);
    if !report.is_feasible() || !diffs.is_empty() {
        eprintln!("error: the independent checker rejected the roster:");
        for v in &report.violations {
            eprintln!("  {v}");
        }
        for d in &diffs {
            eprintln!("  {d}");
        }
        return ExitCode::from(1);
    }
    // Remedies are re-solves: only for the formats that show them.
    let want_remedies = !args.no_remedies && matches!(args.format, Format::Table | Format::Json);
    // The diagnosis is shown by the table, the JSON and the HTML report only:
    // the CSV and calendar exports skip it.
    let shown = !matches!(args.format, Format::Csv | Format::Ics);
    let diagnosed = if shown {
        diagnose(&scenario, &plan, &options, want_remedies)
    } else {
        Ok((Diagnosis::default(), None))
    };
    let (diagnosis, remedies) = match diagnosed {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: remedy search failed: {e}");
            return ExitCode::from(1);
        }
    };
    let text = match args.format {
        Format::Table => {
            table(&scenario, &plan)
                + &explanations(&diagnosis, remedies.as_ref())
                + &claims_checked(&scenario, &plan, &diagnosis)
        }
        Format::Json => json(&plan, &diagnosis, remedies.as_ref()),
        Format::Xlsx => return write_workbook(&scenario, &plan, &diagnosis, &args),
        Format::Csv | Format::Ics | Format::Html | Format::All => {
            return write_exports(&scenario, &plan, &diagnosis, &args, &ics)
        }
    };
    match &args.out {
        Some(path) => {
            if let Err(e) = export::write_atomic(Path::new(path), text.as_bytes()) {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
            eprintln!("wrote {path}");
        }
        None => print!("{text}"),
    }
    ExitCode::SUCCESS
}

fn json(plan: &Plan, diagnosis: &Diagnosis, remedies: Option<&RemedyReport>) -> String {
    let value = serde_json::json!({
        "status": plan.status,
        "roster": plan.roster,
        "throughput": plan.throughput,
        "cost": plan.cost,
        "unmet": plan.unmet,
        "diagnosis": diagnosis,
        "remedies": remedies.map(|r| r.remedies.as_slice()).unwrap_or_default(),
        "remedy_search": remedies.map(|r| serde_json::json!({
            "baseline_credited_units": r.baseline_credited_units,
            "baseline_finished_units": r.baseline_finished_units,
            "baseline_shortfall_units": r.baseline_shortfall_units,
            "evaluated": r.evaluated,
            "not_helpful": r.not_helpful,
            "seconds": r.seconds,
        })),
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

/// The diagnosis as plain lines (the HTML report's and the workbook's).
fn diagnosis_lines(diagnosis: &Diagnosis) -> Vec<String> {
    flexline::diagnose::explain(diagnosis)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `--format xlsx`: the workbook, written atomically to `--out`.
fn write_workbook(
    scenario: &Scenario,
    plan: &Plan,
    diagnosis: &Diagnosis,
    args: &Args,
) -> ExitCode {
    let options = export::XlsxOptions {
        diagnosis: diagnosis_lines(diagnosis),
    };
    let bytes = match export::roster_xlsx(scenario, plan, &options) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let Some(out) = &args.out else {
        return ExitCode::from(2);
    };
    if let Err(e) = export::write_atomic(Path::new(out), &bytes) {
        eprintln!("error: {e}");
        return ExitCode::from(1);
    }
    eprintln!("wrote {out}");
    ExitCode::SUCCESS
}

/// The exports (`--format csv|ics|html|all`): one file to stdout or to a
/// path with the format's extension, or several files into a directory.
fn write_exports(
    scenario: &Scenario,
    plan: &Plan,
    diagnosis: &Diagnosis,
    args: &Args,
    ics: &IcsOptions,
) -> ExitCode {
    // The report's "Diagnosis" section: the plain-English explanation.
    let html = HtmlOptions {
        diagnosis: diagnosis_lines(diagnosis),
        ..Default::default()
    };
    let files = match args.format {
        Format::Csv => export::assignments_csv(&plan.roster).and_then(|a| {
            Ok(vec![
                ExportFile {
                    name: "assignments.csv".into(),
                    contents: a,
                },
                ExportFile {
                    name: "grid.csv".into(),
                    contents: export::grid_csv(scenario, &plan.roster)?,
                },
            ])
        }),
        Format::Ics => export::calendar_files(scenario, &plan.roster, ics),
        Format::Html => Ok(vec![ExportFile {
            name: "report.html".into(),
            contents: export::html_report(scenario, plan, &html),
        }]),
        _ => export::all_files(scenario, plan, ics, &html),
    };
    let files = match files {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    // The one file printed or written alone: assignments, all shifts, the report.
    let single = match args.format {
        Format::Csv => "assignments.csv",
        Format::Ics => "all.ics",
        Format::Html => "report.html",
        _ => "",
    };
    let single = files.iter().find(|f| f.name == single);
    let Some(out) = &args.out else {
        if let Some(f) = single {
            print!("{}", f.contents);
        }
        return ExitCode::SUCCESS;
    };
    if let Some(f) = single.filter(|_| single_file(args.format, out)) {
        if let Err(e) = export::write_atomic(Path::new(out), f.contents.as_bytes()) {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
        eprintln!("wrote {out}");
        return ExitCode::SUCCESS;
    }
    let dir = Path::new(out);
    // All files or none: each is written beside its name, then renamed.
    if let Err(e) = export::write_files_atomic(dir, &files) {
        eprintln!("error: {e}");
        return ExitCode::from(1);
    }
    eprintln!("wrote {} files to {}", files.len(), dir.display());
    ExitCode::SUCCESS
}

/// `--out` names one file (by its extension) rather than a directory.
fn single_file(format: Format, out: &str) -> bool {
    let extensions: &[&str] = match format {
        Format::Csv => &[".csv"],
        Format::Ics => &[".ics"],
        Format::Html => &[".html", ".htm"],
        Format::Xlsx => &[".xlsx"],
        Format::Table | Format::Json => return true,
        Format::All => &[],
    };
    extensions.iter().any(|e| out.ends_with(e))
}

/// Refuses an output that would overwrite the scenario file, or that cannot
/// be written, before any solving.
fn check_output(
    scenario: &Scenario,
    args: &Args,
    ics: &IcsOptions,
    out: &str,
) -> Result<(), String> {
    let path = Path::new(out);
    let input = args.scenario.as_deref().map(Path::new);
    if single_file(args.format, out) {
        if input.is_some_and(|i| export::same_file(i, path)) {
            return Err("it is the scenario file itself; give another output path".into());
        }
        return export::check_writable_file(path).map_err(|e| e.to_string());
    }
    // A directory: none of the files written there may be the input.
    if let Some(input) = input {
        let mut names = vec![
            "assignments.csv".to_owned(),
            "grid.csv".to_owned(),
            "report.html".to_owned(),
        ];
        if let Ok(files) = export::calendar_files(scenario, &Roster::default(), ics) {
            names.extend(files.into_iter().map(|f| f.name));
        }
        if let Some(name) = names
            .iter()
            .find(|n| export::same_file(input, &path.join(n)))
        {
            return Err(format!(
                "the directory's file {name} would overwrite the scenario file; give another directory"
            ));
        }
    }
    export::check_writable_dir(path).map_err(|e| e.to_string())
}

fn table(s: &Scenario, plan: &Plan) -> String {
    let dates = s.horizon.dates();
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", s.name);
    // One lookup per cell (not a scan of the roster).
    let mut by_cell: HashMap<(&flexline::WorkerId, chrono::NaiveDate), &flexline::Assignment> =
        HashMap::new();
    for a in &plan.roster.assignments {
        by_cell.entry((&a.worker, a.date)).or_insert(a);
    }
    let cell = |w: &flexline::WorkerId, d: chrono::NaiveDate| -> String {
        by_cell
            .get(&(w, d))
            .map(|a| format!("{}@{}", a.shift, a.station))
            .unwrap_or_else(|| "-".into())
    };
    // Column widths come from the data: clamped, so a long id or name only
    // widens its own row.
    const MAX_WIDTH: usize = 60;
    let name_w = s
        .workers
        .iter()
        .map(|w| w.id.as_str().chars().count() + 1 + w.name.chars().count())
        .max()
        .unwrap_or(6)
        .clamp(6, MAX_WIDTH);
    let col_w = plan
        .roster
        .assignments
        .iter()
        .map(|a| a.shift.as_str().chars().count() + 1 + a.station.as_str().chars().count())
        .max()
        .unwrap_or(1)
        .clamp(10, MAX_WIDTH);
    let _ = write!(out, "{:<name_w$}", "worker");
    for d in &dates {
        let _ = write!(out, "  {:<col_w$}", d.format("%a %m-%d").to_string());
    }
    out.push('\n');
    for w in &s.workers {
        let label = format!("{} {}", w.id, w.name);
        let _ = write!(out, "{label:<name_w$}");
        for &d in &dates {
            let _ = write!(out, "  {:<col_w$}", cell(&w.id, d));
        }
        out.push('\n');
    }
    if !plan.roster.home_batches.is_empty() {
        out.push_str("\nHome batches (out on one delivery round, back on the next)\n");
        let _ = writeln!(
            out,
            "{:<name_w$} {:<12} {:>6} {:<10} {:>6} {:<10} {:>7}",
            "worker", "station", "out", "on", "back", "on", "hours"
        );
        for b in &plan.roster.home_batches {
            let _ = writeln!(
                out,
                "{:<name_w$} {:<12} {:>6.0} {:<10} {:>6.0} {:<10} {:>7.1}",
                b.worker.as_str(),
                b.station.as_str(),
                b.units_out,
                b.out_date,
                b.units_back,
                b.back_date,
                b.minutes / 60.0
            );
        }
    }
    out.push_str("\nOutput per line and day\n");
    let _ = writeln!(
        out,
        "{:<12} {:<10} {:>9} {:>9} {:>9}  bottleneck",
        "line", "date", "finished", "delivered", "target"
    );
    for l in &plan.throughput.lines {
        let _ = writeln!(
            out,
            "{:<12} {:<10} {:>9.1} {:>9.1} {:>9}  {}",
            l.line.as_str(),
            l.date,
            l.finished_units,
            l.delivered_units,
            l.target_units
                .map(|t| format!("{t:.0}"))
                .unwrap_or_else(|| "-".into()),
            l.bottleneck
                .as_ref()
                .map(|b| b.as_str())
                .unwrap_or("nothing planned")
        );
    }
    out.push_str("\nTargets\n");
    for t in &plan.throughput.targets {
        let _ = writeln!(
            out,
            "  {:<22} {:?} {}: {:.1} / {:.1}{}",
            t.target.as_str(),
            t.kind,
            t.date,
            t.finished_units,
            t.target_units,
            if t.shortfall_units > flexline::EPS {
                format!("  SHORT {:.1}", t.shortfall_units)
            } else {
                String::new()
            }
        );
    }
    for u in &plan.unmet {
        let _ = writeln!(out, "  ! {u}");
    }
    let c = &plan.cost;
    let _ = writeln!(
        out,
        "\nCost: wages {:.2} (base {:.2}, overtime {:.2}, rest day {:.2}, holiday {:.2}, home {:.2}); \
         shortfall penalty {:.2}; contract penalty {:.2}; total {:.2}",
        c.wages_total,
        c.base_wages,
        c.overtime_premium,
        c.rest_day_premium,
        c.holiday_premium,
        c.home_wages,
        c.shortfall_penalty,
        c.contract_penalty,
        c.objective
    );
    let st = &plan.status;
    let outcome = match st.outcome {
        Outcome::Optimal => "optimal",
        Outcome::Feasible => "feasible (limit reached)",
        Outcome::NoSolution => "no solution in time",
        _ => "ended",
    };
    let _ = writeln!(
        out,
        "Status: {outcome} ({}), gap {}, bound {}, {} assignments, {} people; build {:.3} s, solve {:.3} s; \
         verified by the independent checker",
        st.backend,
        st.gap.map(|g| format!("{:.4} %", g * 100.0)).unwrap_or_else(|| "unknown".into()),
        st.dual_bound.map(|b| format!("{b:.2}")).unwrap_or_else(|| "unknown".into()),
        plan.roster.assignments.len(),
        {
            let mut ids: Vec<_> = plan.roster.assignments.iter().map(|a| &a.worker).collect();
            ids.sort();
            ids.dedup();
            ids.len()
        },
        st.build_seconds,
        st.solve_seconds
    );
    out
}

/// Remedies printed in the table.
const TOP_REMEDIES: usize = 5;

/// The diagnosis of the plan, and when a target is unmet (and remedies are
/// wanted) the ranked remedies, each verified by re-solving.
fn diagnose(
    s: &Scenario,
    plan: &Plan,
    options: &SolveOptions,
    want_remedies: bool,
) -> Result<(Diagnosis, Option<RemedyReport>), flexline::Error> {
    let diagnosis = flexline::diagnose::diagnose(s, plan);
    if plan.unmet.is_empty() || !want_remedies {
        return Ok((diagnosis, None));
    }
    let defaults = RemedyOptions::default();
    let remedy_options = RemedyOptions {
        solve: SolveOptions {
            time_limit: options.time_limit.or(defaults.solve.time_limit),
            threads: options.threads,
            ..defaults.solve.clone()
        },
        ..defaults
    };
    let report = flexline::diagnose::remedies(s, &diagnosis, &remedy_options)?;
    Ok((diagnosis, Some(report)))
}

/// Rosters up to this many assignments get every claim of the diagnosis
/// re-derived (one checker run per claim about a person).
const VERIFY_UP_TO: usize = 5_000;

/// The independent re-derivation of the diagnosis' claims, in one line.
fn claims_checked(s: &Scenario, plan: &Plan, diagnosis: &Diagnosis) -> String {
    if diagnosis.shortfalls.is_empty() && diagnosis.contract_gaps.is_empty() {
        return String::new();
    }
    if plan.roster.assignments.len() > VERIFY_UP_TO {
        return format!(
            "Claims not re-derived: the roster has more than {VERIFY_UP_TO} assignments.\n"
        );
    }
    let failures = flexline::diagnose::verify(s, &plan.roster, diagnosis);
    if failures.is_empty() {
        "Every claim of the diagnosis re-derived from the scenario and the roster by the independent checker.\n"
            .into()
    } else {
        let mut out = format!(
            "{} claims NOT confirmed by the independent checker:\n",
            failures.len()
        );
        for f in failures {
            let _ = writeln!(out, "  {}: {} — {}", f.context, f.claim, f.why);
        }
        out
    }
}

fn explanations(diagnosis: &Diagnosis, remedies: Option<&RemedyReport>) -> String {
    let text = flexline::diagnose::explain(diagnosis);
    if text.is_empty() {
        return String::new();
    }
    let mut out = format!("\nDiagnosis\n{text}");
    if let Some(r) = remedies {
        out.push('\n');
        out.push_str(&flexline::diagnose::explain_remedies(r, TOP_REMEDIES));
    }
    out
}
