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
//! cargo run --release --example weekly_roster -- --lang zh-CN                 # in Chinese
//! ```
//!
//! `--lang zh-CN|en` sets the language of the table, the HTML report, the
//! calendar events and the diagnosis; without it the locale decides
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English. JSON and CSV keep their
//! English field names.
//!
//! `--out` with `--format csv|ics|html|all`: a path ending in `.csv`, `.ics` or
//! `.html` gets the one file (assignments, all shifts, report); any other path
//! is a directory (created if missing) that gets the format's files:
//! `assignments.csv` + `grid.csv`, one `.ics` per worker + `all.ics`,
//! `report.html`, or all of them.
//!
//! Exit codes: 0 success, 1 solver or checker failure, 2 bad input (nothing written).
//! On a terminal, a progress line on standard error follows the solve.

use std::path::Path;
use std::process::ExitCode;

use flexline::diagnose::{Diagnosis, RemedyOptions, RemedyReport};
use flexline::export::{self, ExportFile, HtmlOptions, IcsOptions};
use flexline::{check, Lang, Outcome, Plan, Roster, Scenario, SolveOptions};

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
  weekly_roster --lang zh-CN                           # the table and diagnosis in Chinese

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
    /// Language of the table, the HTML report, the calendar events and the
    /// diagnosis: zh-CN or en [default: from the locale (LC_ALL, LC_MESSAGES,
    /// LANG), else en]. JSON and CSV keep English field names.
    #[arg(long, value_name = "zh-CN|en")]
    lang: Option<Lang>,
}

impl Args {
    /// `--lang`, else the locale's language, else English.
    fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }
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
    let ics = IcsOptions::new(args.time_zone.clone(), chrono::Utc::now()).with_lang(args.lang());
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
            export::roster_table(&scenario, &plan, args.lang())
                + &explanations(&diagnosis, remedies.as_ref(), args.lang())
                + &flexline::diagnose::claims_checked(
                    &scenario,
                    &plan.roster,
                    &diagnosis,
                    VERIFY_UP_TO,
                    args.lang(),
                )
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
fn diagnosis_lines(diagnosis: &Diagnosis, lang: Lang) -> Vec<String> {
    flexline::diagnose::explain_in(diagnosis, lang)
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
        diagnosis: diagnosis_lines(diagnosis, args.lang()),
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
    // The report's "Diagnosis" section: the plain-language explanation.
    let html = HtmlOptions {
        lang: args.lang(),
        diagnosis: diagnosis_lines(diagnosis, args.lang()),
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

fn explanations(diagnosis: &Diagnosis, remedies: Option<&RemedyReport>, lang: Lang) -> String {
    let text = flexline::diagnose::explain_in(diagnosis, lang);
    if text.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}\n{text}", flexline::diagnose::diagnosis_heading(lang));
    if let Some(r) = remedies {
        out.push('\n');
        out.push_str(&flexline::diagnose::explain_remedies_in(
            r,
            TOP_REMEDIES,
            lang,
        ));
    }
    out
}
