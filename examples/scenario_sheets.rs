//! Converts a scenario (JSON, workbook or CSV folder) into the spreadsheet
//! template of docs/spreadsheet.md: an `.xlsx` workbook, or a folder of CSV
//! files. The bundled `examples/data/serial_line_week.xlsx` is made with it:
//!
//! ```text
//! cargo run --release --example scenario_sheets -- examples/data/serial_line_week.json examples/data/serial_line_week.xlsx
//! cargo run --release --example scenario_sheets -- factory.xlsx factory-csv/   # a CSV folder
//! ```
//!
//! Exit codes: 0 success, 1 write failure, 2 bad input or arguments (nothing written).

use std::path::Path;
use std::process::ExitCode;

use flexline::{export, sheets, Scenario};

const EXAMPLES: &str = "Examples:
  scenario_sheets examples/data/serial_line_week.json examples/data/serial_line_week.xlsx
  scenario_sheets factory.xlsx factory-csv/            # a folder of CSV files

Exit codes: 0 success, 1 write failure, 2 bad input or arguments (nothing written).";

/// Converts a scenario into the spreadsheet template of docs/spreadsheet.md.
#[derive(clap::Parser)]
#[command(name = "scenario_sheets", after_help = EXAMPLES)]
struct Args {
    /// The scenario: a JSON file, an .xlsx workbook or a folder of CSV files.
    #[arg(value_name = "INPUT")]
    input: String,
    /// Where to write: a path ending in .xlsx gets a workbook, any other
    /// path a folder of CSV files (created if missing). Never the input.
    #[arg(value_name = "OUTPUT")]
    output: String,
}

fn main() -> ExitCode {
    // Usage errors exit with code 2, naming the problem.
    let args = <Args as clap::Parser>::parse();
    let (input, output) = (&args.input, &args.output);
    let scenario = match Scenario::from_path(input) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let out = Path::new(output);
    let to_xlsx = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let overwrites = if to_xlsx {
        export::same_file(Path::new(input), out)
    } else {
        sheets::scenario_csv_files(&scenario)
            .iter()
            .any(|f| export::same_file(Path::new(input), &out.join(&f.name)))
    };
    if overwrites {
        eprintln!("error: the output would overwrite the input; give another output");
        return ExitCode::from(2);
    }
    let written = if to_xlsx {
        sheets::scenario_xlsx(&scenario).and_then(|bytes| export::write_atomic(out, &bytes))
    } else {
        export::write_files_atomic(out, &sheets::scenario_csv_files(&scenario))
    };
    match written {
        Ok(()) => {
            eprintln!("wrote {output}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
