//! Compares line layouts for one workforce and demand. Each layout is solved
//! (with a time limit), checked by the independent checker, run through the
//! time-resolved estimate and the absence Monte Carlo; layouts are solved
//! several at once, with the solver threads divided among them.
//!
//! ```text
//! cargo run --release --example compare_layouts                      # the three built-in layouts, bundled week
//! cargo run --release --example compare_layouts -- --scenario examples/data/serial_line_week.json --layouts examples/data/serial_line_layouts.json
//! cargo run --release --example compare_layouts -- --sweep regular   # which station gets the flexible shift
//! cargo run --release --example compare_layouts -- --size-buffer flexible_at:assembly --p-min 0.9
//! cargo run --release --example compare_layouts -- --sweep regular --format html > sweep.html
//! cargo run --release --example compare_layouts -- --sweep regular --only dedicated:testing --format json
//! cargo run --release --example compare_layouts -- --help    # every flag
//! ```
//!
//! Exit codes: 0 success, 1 solver or checker failure, 2 bad input (found
//! before any solve).

use std::process::ExitCode;

use flexline::layout::{
    compare_designs, rank, size_buffer, sweep_designs, BufferSearch, BufferSizing, CompareOptions,
    Design, Layout, LayoutFile, LayoutResult,
};
use flexline::Scenario;

const BUNDLED: &str = include_str!("data/motor_factory_week.json");

#[path = "support/cli.rs"]
mod cli;

const EXAMPLES: &str = "Examples:
  compare_layouts                                    # the three built-in layouts, bundled week
  compare_layouts --scenario examples/data/serial_line_week.json --layouts examples/data/serial_line_layouts.json
  compare_layouts --sweep regular                    # which station gets the flexible shift
  compare_layouts --size-buffer flexible_at:assembly --p-min 0.9
  compare_layouts --sweep regular --format html > sweep.html
  compare_layouts --sweep regular --only dedicated:testing --format json

Exit codes: 0 success, 1 solver or checker failure, 2 bad input (found before any solve).";

/// Compares line layouts for one workforce and demand: each layout is solved,
/// checked by the independent checker, run through the time-resolved estimate
/// and the absence Monte Carlo.
#[derive(clap::Parser)]
#[command(name = "compare_layouts", after_help = EXAMPLES)]
struct Cli {
    /// Scenario JSON file [default: the bundled motor-factory week].
    #[arg(long, value_name = "PATH")]
    scenario: Option<String>,
    /// table, json, or html (a page with the comparison's charts).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// A layout file (.json), or a comma-separated list of built-in layouts:
    /// all_regular, dedicated_flexible_line, flexible_spread, as_given
    /// [default: the first three].
    #[arg(long, value_name = "FILE.json|NAMES")]
    layouts: Option<String>,
    /// Sweep which station of this line gets the flexible shift (generated layouts).
    #[arg(long, value_name = "LINE")]
    sweep: Option<String>,
    /// Size the buffers around the flexible station of this layout (e.g.
    /// flexible_at:assembly) for --p-min.
    #[arg(long, value_name = "LAYOUT")]
    size_buffer: Option<String>,
    /// With --size-buffer: the smallest acceptable P(target met) [default: 0.9].
    #[arg(long, value_name = "P")]
    p_min: Option<f64>,
    /// With --size-buffer: buffer sizes tried are multiples of this many units.
    #[arg(long, value_name = "UNITS", default_value_t = BufferSearch::new(0.9).step)]
    step: f64,
    /// With --size-buffer: the largest buffer size tried.
    #[arg(long, value_name = "UNITS", default_value_t = BufferSearch::new(0.9).max_size)]
    max_size: f64,
    /// With --size-buffer: the station whose buffers are sized [default: the
    /// layout's flexible station].
    #[arg(long, value_name = "ID")]
    station: Option<String>,
    /// Solve only the layout of this name (e.g. dedicated:testing).
    #[arg(long, value_name = "NAME")]
    only: Option<String>,
    /// Layouts solved at once [default: as many as the threads allow].
    #[arg(long, value_name = "N")]
    jobs: Option<u32>,
    /// Wall-clock limit of each layout's solve in seconds (above 0, at most 7 days).
    #[arg(long, value_name = "SECS", value_parser = cli::seconds, default_value_t = 10.0)]
    time_limit: f64,
    /// Solver threads for all solves together (1 to the machine's cores).
    #[arg(long, value_name = "N", value_parser = cli::threads)]
    threads: Option<u32>,
    /// Absence samples of the Monte Carlo per layout.
    #[arg(long, value_name = "N")]
    samples: Option<usize>,
    /// Seed of the absence Monte Carlo.
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Minutes per interval of the time-resolved estimate.
    #[arg(long, value_name = "N")]
    bucket_minutes: Option<u32>,
}

/// What `--format` prints.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// One row per layout.
    Table,
    /// One object per layout (or the buffer sizing).
    Json,
    /// A page with the comparison's charts.
    Html,
}

struct Args {
    scenario: Option<String>,
    format: Format,
    options: CompareOptions,
    builtins: Vec<Layout>,
    file: Option<String>,
    sweep: Option<String>,
    size_buffer: Option<String>,
    search: BufferSearch,
    p_min_given: bool,
    station: Option<String>,
    only: Option<String>,
}

/// The settings from the command line, with the combinations checked
/// (clap checks each value; this checks how they go together).
fn parse_args() -> Result<Args, String> {
    let cli = <Cli as clap::Parser>::parse();
    let mut args = Args {
        scenario: cli.scenario,
        format: cli.format,
        options: CompareOptions::default(),
        builtins: Layout::STANDARD.to_vec(),
        file: None,
        sweep: cli.sweep,
        size_buffer: cli.size_buffer,
        search: BufferSearch::new(cli.p_min.unwrap_or(0.9)),
        p_min_given: cli.p_min.is_some(),
        station: cli.station,
        only: cli.only,
    };
    args.search.step = cli.step;
    args.search.max_size = cli.max_size;
    args.options.solve.time_limit = Some(cli.time_limit);
    args.options.solve.threads = cli.threads;
    args.options.jobs = cli.jobs;
    if let Some(n) = cli.samples {
        args.options.risk.samples = n;
    }
    if let Some(n) = cli.seed {
        args.options.risk.seed = n;
    }
    if let Some(n) = cli.bucket_minutes {
        args.options.flow.bucket_minutes = n;
    }
    if let Some(v) = cli.layouts {
        let names: Option<Vec<Layout>> =
            v.split(',').map(|n| Layout::from_name(n.trim())).collect();
        match names {
            Some(list) => args.builtins = list,
            None if v.ends_with(".json") || std::path::Path::new(&v).exists() => {
                args.file = Some(v)
            }
            None => {
                return Err(format!(
                    "--layouts \"{v}\" is neither a layout file nor a list of \
                     all_regular, dedicated_flexible_line, flexible_spread, as_given"
                ))
            }
        }
    }
    if args.file.is_some() && args.sweep.is_some() {
        return Err("give --layouts FILE or --sweep LINE, not both".into());
    }
    if args.size_buffer.is_none() && (args.p_min_given || args.station.is_some()) {
        return Err("--p-min and --station go with --size-buffer LAYOUT".into());
    }
    if args.size_buffer.is_some() && args.format == Format::Html {
        return Err("--size-buffer prints a table or JSON; use --format table or json".into());
    }
    Ok(args)
}

fn opt(x: Option<f64>, digits: usize) -> String {
    x.map_or_else(|| "-".to_owned(), |v| format!("{v:.digits$}"))
}

fn table(rows: &[LayoutResult]) -> String {
    let w = rows
        .iter()
        .map(|r| r.layout.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let mut out = format!(
        "{:<w$} {:>9} {:>8} {:>7} {:>9} {:>8} {:>9} {:>7} {:>9} {:>9} {:>8} {:>7}\n",
        "layout",
        "finished",
        "target",
        "attain",
        "cost/unit",
        "carers",
        "carer h",
        "P(met)",
        "starved h",
        "blocked h",
        "status",
        "solve s"
    );
    for r in rows {
        out.push_str(&format!(
            "{:<w$} {:>9.0} {:>8.0} {:>6.1}% {:>9} {:>4}/{:<3} {:>9.1} {:>7.3} {:>9.1} {:>9.1} {:>8} {:>7.2}\n",
            r.layout,
            r.finished_units,
            r.target_units,
            100.0 * r.attainment,
            opt(r.cost_per_unit, 2),
            r.carers_employed,
            r.carers,
            r.carer_hours,
            r.p_target_met,
            r.starved_person_minutes / 60.0,
            r.blocked_person_minutes / 60.0,
            format!("{:?}", r.outcome).to_lowercase(),
            r.solve_seconds
        ));
    }
    out
}

fn row_json(r: &LayoutResult) -> serde_json::Value {
    serde_json::json!({
        "layout": r.layout,
        "finished_units": r.finished_units,
        "target_units": r.target_units,
        "attainment": r.attainment,
        "wages_total": r.wages_total,
        "cost_per_unit": r.cost_per_unit,
        "workers_employed": r.workers_employed,
        "carers": r.carers,
        "carers_employed": r.carers_employed,
        "carer_hours": r.carer_hours,
        "starved_person_minutes": r.starved_person_minutes,
        "blocked_person_minutes": r.blocked_person_minutes,
        "p_target_met": r.p_target_met,
        "p_target_met_std_error": r.p_target_met_std_error,
        "watch_station": r.watch_station,
        "outcome": r.outcome,
        "gap": r.gap,
        "checker_violations": r.checker_violations,
        "build_seconds": r.build_seconds,
        "solve_seconds": r.solve_seconds,
    })
}

fn json(rows: &[LayoutResult]) -> String {
    let arr: Vec<serde_json::Value> = rows.iter().map(row_json).collect();
    serde_json::to_string_pretty(&arr).unwrap_or_default()
}

fn sizing_table(s: &BufferSizing) -> String {
    let mut out = format!(
        "buffer sizing for {} around station {} (buffers in front of {}), P(met) >= {}\n\
         {:>8} {:>7} {:>8} {:>9} {:>9}\n",
        s.layout,
        s.station,
        s.buffers
            .iter()
            .map(|b| b.as_str())
            .collect::<Vec<_>>()
            .join(" and "),
        s.p_min,
        "size",
        "P(met)",
        "± se",
        "cost/unit",
        "finished"
    );
    for p in &s.curve {
        out.push_str(&format!(
            "{:>8.0} {:>7.3} {:>8.3} {:>9} {:>9.0}{}\n",
            p.size,
            p.p_target_met,
            p.std_error,
            opt(p.cost_per_unit, 2),
            p.finished_units,
            if Some(p.size) == s.size {
                "  <- smallest"
            } else {
                ""
            }
        ));
    }
    match s.size {
        Some(b) => out.push_str(&format!(
            "smallest buffer: capacity {b:.0} and initial stock {b:.0} units in front of each of {}\n",
            s.buffers
                .iter()
                .map(|b| b.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => out.push_str("no size up to --max-size reaches --p-min; raise --max-size or change the design\n"),
    }
    out
}

/// The command-line flag of an option (`samples` → `samples`,
/// `time_limit` → `time-limit`).
fn flag(option: &str) -> String {
    option.replace('_', "-")
}

fn bad(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    // Usage errors (unknown flags, bad values) exit with code 2, naming the flag.
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => return bad(msg),
    };
    let scenario = match &args.scenario {
        Some(path) => Scenario::from_json_file(path),
        None => Scenario::from_json_str(BUNDLED),
    };
    let scenario = match scenario {
        Ok(s) => s,
        Err(e) => return bad(e),
    };
    // Bad options are bad input: refused before any layout is solved.
    if let Err(e) = args.options.check() {
        let shown = match &e {
            flexline::Error::InvalidOptions {
                options,
                option,
                message,
            } => format!("invalid {options} option --{}: {message}", flag(option)),
            other => other.to_string(),
        };
        return bad(shown);
    }
    // Every design is built and validated before any solve; a generator or
    // sweep design that does not apply is skipped with a note.
    let mut designs: Vec<Design> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let sweep_line = args.sweep.clone().or_else(|| {
        // --size-buffer flexible_at:S / dedicated:S without --sweep: S's line.
        let name = args.size_buffer.as_deref()?;
        let st = name.split_once(':')?.1;
        scenario
            .lines
            .iter()
            .find(|l| l.stations.iter().any(|s| s.id.as_str() == st))
            .map(|l| l.id.to_string())
    });
    if let Some(path) = &args.file {
        let file = match LayoutFile::from_json_file(path) {
            Ok(f) => f,
            Err(e) => return bad(e),
        };
        match file.designs(&scenario) {
            Ok(d) => {
                designs = d.designs;
                notes.extend(
                    d.skipped
                        .iter()
                        .map(|(n, why)| format!("skipping layout `{n}`: {why}")),
                );
            }
            Err(e) => return bad(e),
        }
    } else if let Some(line) = &sweep_line {
        match sweep_designs(&scenario, &line.as_str().into()) {
            Ok(d) => {
                designs = d.designs;
                notes.extend(
                    d.skipped
                        .iter()
                        .map(|(n, why)| format!("skipping {n}: {why}")),
                );
            }
            Err(e) => return bad(e),
        }
    } else {
        for &layout in &args.builtins {
            match layout.design(&scenario) {
                Ok(d) => designs.push(d),
                Err(e @ flexline::Error::Layout { .. }) => notes.push(format!("skipping {e}")),
                Err(e) => return bad(e),
            }
        }
    }
    for n in &notes {
        eprintln!("note: {n}");
    }
    if let Some(only) = args.only.as_ref().or(args.size_buffer.as_ref()) {
        let names: Vec<String> = designs.iter().map(|d| d.name.clone()).collect();
        designs.retain(|d| &d.name == only);
        if designs.is_empty() {
            return bad(format!(
                "no layout named \"{only}\" here; the layouts are: {}",
                names.join(", ")
            ));
        }
    }
    if designs.is_empty() {
        return bad("no layout applies to this scenario (see the notes above)");
    }
    if let Some(name) = &args.size_buffer {
        let station = args.station.as_deref().map(flexline::StationId::from);
        let found = size_buffer(&designs[0], station.as_ref(), &args.search, &args.options);
        return match found {
            Ok(s) => {
                if let Some(p) = s.curve.iter().find(|p| p.checker_violations > 0) {
                    eprintln!(
                        "error: the checker found {} violation(s) at buffer size {}",
                        p.checker_violations, p.size
                    );
                    return ExitCode::from(1);
                }
                if args.format == Format::Json {
                    println!("{}", serde_json::to_string_pretty(&s).unwrap_or_default());
                } else {
                    print!("{}", sizing_table(&s));
                }
                ExitCode::SUCCESS
            }
            Err(e @ (flexline::Error::Layout { .. } | flexline::Error::InvalidOptions { .. })) => {
                eprintln!("error: layout {name}: {e}");
                ExitCode::from(2)
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    let mut rows = match compare_designs(&designs, &args.options) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if sweep_line.is_some() {
        rank(&mut rows);
    }
    if let Some(bad) = rows
        .iter()
        .find(|r| r.outcome == flexline::Outcome::NoSolution)
    {
        eprintln!(
            "error: layout {}: no roster within {} s; give a longer --time-limit",
            bad.layout,
            args.options.solve.time_limit.unwrap_or(0.0)
        );
        return ExitCode::from(1);
    }
    if let Some(bad) = rows.iter().find(|r| r.checker_violations > 0) {
        eprintln!(
            "error: the checker found {} violation(s) in layout {}",
            bad.checker_violations, bad.layout
        );
        return ExitCode::from(1);
    }
    match args.format {
        Format::Json => println!("{}", json(&rows)),
        Format::Html => {
            let title = match &sweep_line {
                Some(l) => format!(
                    "{}: which station of line {l} runs the flexible shift",
                    scenario.name
                ),
                None => format!("{}: layouts", scenario.name),
            };
            print!("{}", flexline::layout::html_page(&title, &rows));
        }
        Format::Table => {
            print!("{}", table(&rows));
            println!(
                "\nfinished/target: units over the horizon, on the clock (the same flow the optimizer plans). \
                 P(met): probability the output reaches the target with random absences \
                 ({} samples, seed {}).{}",
                args.options.risk.samples,
                args.options.risk.seed,
                if sweep_line.is_some() {
                    " Ranked by P(met), then attainment, then cost per unit."
                } else {
                    ""
                }
            );
        }
    }
    ExitCode::SUCCESS
}
