//! The crate's error type. It never exposes solver-library types.

use crate::issues::ValidationReport;

/// Everything that can go wrong in flexline.
///
/// ```
/// let err = flexline::Scenario::from_json_str("{ not json").unwrap_err();
/// assert!(matches!(err, flexline::Error::Json { .. }));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("cannot access {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The scenario JSON is malformed, has an unknown field or a wrong type.
    #[error("{}line {line}, column {column}: {message}\n  fix: {fix}", file.as_ref().map(|f| format!("{f}: ")).unwrap_or_default())]
    Json {
        /// The file, when read from one.
        file: Option<String>,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
        /// What to do about it.
        fix: String,
    },
    /// A file in another format (a benchmark instance, an XML roster) is
    /// malformed.
    #[error("{}line {line}: {message}", file.as_ref().map(|f| format!("{f}: ")).unwrap_or_default())]
    Format {
        /// The file, when read from one.
        file: Option<String>,
        /// 1-based line of the problem (0 if the file is empty).
        line: usize,
        /// What is wrong and what was expected.
        message: String,
    },
    /// The scenario parsed but is inconsistent; every problem is listed.
    #[error("{0}")]
    Invalid(ValidationReport),
    /// A scenario workbook or CSV folder (see [`sheets`](crate::sheets))
    /// has problems; each names its cell (`Workers!C7`) and a fix.
    #[error("{0}")]
    Sheets(crate::issues::SheetReport),
    /// A time that is not "HH:MM".
    #[error("invalid time \"{value}\": write it as \"HH:MM\" from 00:00 to 23:59")]
    InvalidTime {
        /// The text given.
        value: String,
    },
    /// Options out of range: `options` says which (`solve`, `flow`,
    /// `risk`, `layout` or `remedy`).
    #[error("invalid {options} option `{option}`: {message}")]
    InvalidOptions {
        /// Which options: `solve`, `decomposition`, `flow`, `risk`, `layout` or `remedy`.
        options: &'static str,
        /// The option.
        option: &'static str,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// The requested solver backend was not compiled in.
    #[error("the {backend} backend is not compiled in: build flexline with the cargo feature \"{feature}\"")]
    BackendUnavailable {
        /// The backend asked for.
        backend: &'static str,
        /// The cargo feature that enables it.
        feature: &'static str,
    },
    /// A roster handed to an estimate names something the scenario does not
    /// have, or an assignment no worker can do (run the checker for details).
    #[error("roster assignment #{assignment}: {message}")]
    InvalidRoster {
        /// 0-based index of the assignment in the roster.
        assignment: usize,
        /// What is wrong and what to do.
        message: String,
    },
    /// A line layout cannot be built from the base scenario.
    #[error("layout `{layout}`: {message}")]
    Layout {
        /// The layout's name.
        layout: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// A layout file (or a set of edits) does not fit the base scenario;
    /// every problem is listed with a code, the entity and a fix.
    #[error("{0}")]
    LayoutEdits(crate::issues::LayoutReport),
    /// No roster satisfies every hard rule of the scenario: hard rules that
    /// contradict each other, e.g. a worker's `min_total_minutes` that their
    /// run lengths or days off cannot give (targets and contracted hours are
    /// soft and never cause it).
    /// [`diagnose::conflicts`](crate::diagnose::conflicts) names the rules.
    #[error("no roster satisfies every hard rule ({backend}): run flexline::diagnose::conflicts to see which rules cannot all hold")]
    Infeasible {
        /// The backend that proved it.
        backend: &'static str,
    },
    /// The solver itself reported an error (not "no roster", which is
    /// [`Error::Infeasible`]).
    #[error("the {backend} solver failed: {reason}")]
    Solver {
        /// The backend.
        backend: &'static str,
        /// What it said.
        reason: String,
    },
    /// A roster CSV (see `export::read_assignments_csv`) could not be read.
    #[error("roster CSV{}: {message}\n  fix: {fix}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Csv {
        /// 1-based line of the problem, when known.
        line: Option<u64>,
        /// What is wrong.
        message: String,
        /// What to do about it.
        fix: String,
    },
    /// A calendar export named a time zone that is not in the IANA database.
    #[error("unknown time zone \"{name}\": use an IANA zone name such as \"Asia/Shanghai\", \"Europe/Berlin\" or \"UTC\"")]
    UnknownTimeZone {
        /// The name given.
        name: String,
    },
    /// A repair request (see [`repair`](crate::repair)) cannot be applied:
    /// an unknown worker, dates outside the horizon or on frozen dates, a
    /// negative change weight, or a published roster that breaks a hard rule.
    #[error("repair `{field}`: {message}")]
    Repair {
        /// The part of the request at fault (e.g. `absences[0].worker`).
        field: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// A file or text to read holds nothing (or only white space).
    #[error("{}the file is empty: {expected}", file.as_ref().map(|f| format!("{f}: ")).unwrap_or_default())]
    Empty {
        /// The file, when read from one.
        file: Option<String>,
        /// What it should hold.
        expected: &'static str,
    },
    /// The solver found no roster at all within the time limit.
    #[error("no roster within {} s: the model has {columns} columns; give a longer time limit (try {suggested} s)", crate::text::number(*seconds))]
    NoRosterInTime {
        /// The time limit, in seconds.
        seconds: f64,
        /// Columns (variables) of the model.
        columns: usize,
        /// A time limit likely to be enough, in seconds.
        suggested: u64,
    },
    /// The decomposition by worker ([`decompose`](crate::decompose)) does not
    /// model a rule of this scenario exactly; it names the rule rather than
    /// return a wrong bound.
    #[error("the decomposition by worker does not handle {rule}: solve the compact model (flexline::solve) instead")]
    DecompositionUnsupported {
        /// The rule, and the entity when one is concerned.
        rule: String,
    },
    /// An export asked for a worker the scenario does not have.
    #[error("unknown worker \"{worker}\": use the id of a worker in the scenario's `workers`")]
    UnknownWorker {
        /// The id given.
        worker: String,
    },
}

impl Error {
    /// Names the file a [`Error::Format`] or [`Error::Json`] came from.
    pub(crate) fn in_file(mut self, path: &str) -> Self {
        match &mut self {
            Error::Format { file, .. } | Error::Json { file, .. } | Error::Empty { file, .. } => {
                *file = Some(path.to_owned())
            }
            _ => {}
        }
        self
    }

    pub(crate) fn from_json(e: serde_json::Error) -> Self {
        use serde_json::error::Category;
        let fix = match e.classify() {
            Category::Syntax => "fix the JSON syntax at that position",
            Category::Eof => "the text ends early: close every brace and bracket",
            Category::Data => {
                "use the field names and value types of the scenario format (README.md, \"Scenario format\")"
            }
            Category::Io => "check the file can be read",
        };
        let full = e.to_string();
        let fix = if full.contains(crate::model::time::MIDNIGHT_24) {
            "write \"to\": \"00:00\", \"overnight\": true for a window until midnight \
             (README.md, \"Scenario format\")"
        } else {
            fix
        };
        let message = match full.rfind(" at line ") {
            Some(i) => crate::text::tidy(&full[..i]),
            None => crate::text::tidy(&full),
        };
        Error::Json {
            file: None,
            line: e.line(),
            column: e.column(),
            message,
            fix: fix.to_owned(),
        }
    }
}
