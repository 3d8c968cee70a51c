//! Shared by the example binaries (`#[path = "support/cli.rs"] mod cli;`):
//! typed values for clap, and the progress line on standard error.
// Each binary uses part of this file.
#![allow(dead_code)]

use std::io::{IsTerminal, Write};

use flexline::{Phase, Progress, ProgressEvent, MAX_THREADS, MAX_TIME_LIMIT};

/// A time limit: a number of seconds above 0 and at most
/// `flexline::MAX_TIME_LIMIT` (7 days).
pub fn seconds(v: &str) -> Result<f64, String> {
    let t: f64 = v
        .trim()
        .parse()
        .map_err(|_| "not a number of seconds (e.g. 30 or 2.5)".to_owned())?;
    if t.is_finite() && t > 0.0 && t <= MAX_TIME_LIMIT {
        Ok(t)
    } else {
        Err(format!(
            "give a number of seconds above 0 and at most {MAX_TIME_LIMIT} (7 days)"
        ))
    }
}

/// Solver threads: 1 to `flexline::MAX_THREADS` (the solve then also refuses
/// more than the machine runs at once).
pub fn threads(v: &str) -> Result<u32, String> {
    let n: u32 = v
        .trim()
        .parse()
        .map_err(|_| format!("not a whole number; give 1 to {MAX_THREADS}"))?;
    if (1..=MAX_THREADS).contains(&n) {
        Ok(n)
    } else {
        Err(format!("give 1 to {MAX_THREADS}"))
    }
}

/// Most a share may be: ten times the estimate.
pub const MAX_SHARE: f64 = 10.0;

/// A share of an estimate: a number above 0 and at most [`MAX_SHARE`]
/// (0.9 = 90 %; above 1 asks for more than the estimate).
pub fn share(v: &str) -> Result<f64, String> {
    let f: f64 = v.trim().parse().map_err(|_| {
        format!("not a number; give a share above 0 and at most {MAX_SHARE}, e.g. 0.9")
    })?;
    if f.is_finite() && f > 0.0 && f <= MAX_SHARE {
        Ok(f)
    } else {
        Err(format!(
            "give a share above 0 and at most {MAX_SHARE}, e.g. 0.9 (90 %)"
        ))
    }
}

/// A progress line on standard error, rewritten at each step of the solve,
/// when standard error is a terminal; `None` (silent) otherwise.
pub fn progress_line() -> Option<Progress> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    Some(Progress::new(|e: &ProgressEvent| {
        let mut err = std::io::stderr().lock();
        // Carriage return and "erase line": the line is rewritten in place.
        let _ = write!(err, "\r\x1b[2K{}", progress_text(e));
        if e.phase == Phase::Done {
            let _ = writeln!(err);
        }
        let _ = err.flush();
    }))
}

/// The words of one progress line.
pub fn progress_text(e: &ProgressEvent) -> String {
    let number = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"));
    let gap = match (e.objective, e.bound) {
        (Some(o), Some(b)) if o.abs() > 0.0 => {
            format!(", gap {:.2} %", ((o - b) / o.abs()).max(0.0) * 100.0)
        }
        _ => String::new(),
    };
    format!(
        "[{:>7.1} s] {:<6} best roster {}, bound {}{gap}",
        e.elapsed,
        e.phase.name(),
        number(e.objective),
        number(e.bound)
    )
}
