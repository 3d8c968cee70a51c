//! Scenario validation: every problem at once, each with a stable code, the
//! entity, and what to do about it.

use std::collections::HashSet;

mod fairness;
mod home;
mod horizon;
mod limits;
mod lines;
mod rostering;
mod rules;
mod shifts;
mod targets;
mod workers;

use crate::error::Error;
pub use crate::issues::{Issue, IssueCode, ValidationReport};
use crate::model::{parse_json, CareWindow, Scenario};
use crate::rules::RuleId;

/// Longest horizon accepted, in dates.
pub const MAX_HORIZON_DAYS: usize = 366;
use crate::text::{MAX_YEAR, MIN_YEAR};
/// Longest id accepted, in characters.
pub const MAX_ID_CHARS: usize = 200;
/// Longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Most workers accepted.
pub const MAX_WORKERS: usize = 200_000;
/// Most entities of any other kind (shifts, stations, targets, cover
/// requirements, requests, …) accepted.
pub const MAX_ENTITIES: usize = 1_000_000;
/// Most workplaces accepted at one station.
pub const MAX_WORKPLACES: u32 = 1_000_000;
/// Largest magnitude accepted for wages, rates, units and penalties (keeps the
/// integer program's coefficients in a range HiGHS accepts).
const MAX_MAGNITUDE: f64 = 1e9;
/// Largest efficiency factor accepted (10× the standard time).
const MAX_EFFICIENCY: f64 = 10.0;
/// Smallest standard time per unit accepted, in minutes.
const MIN_MINUTES_PER_UNIT: f64 = 0.01;

/// Most issues reported at once.
const MAX_ISSUES: usize = 1000;

/// The validating entry points of [`Scenario`]: they live beside the
/// validator so that the model (pure data) does not depend on it.
impl Scenario {
    /// Parses a scenario from JSON and validates it.
    ///
    /// Malformed JSON, unknown fields and wrong types give [`Error::Json`]
    /// with the line and column; semantic problems give [`Error::Invalid`]
    /// listing every problem found.
    ///
    /// ```
    /// let err = flexline::Scenario::from_json_str(r#"{ "horizon": 3 }"#).unwrap_err();
    /// assert!(err.to_string().contains("line 1"));
    /// ```
    pub fn from_json_str(json: &str) -> Result<Self, Error> {
        let scenario = parse_json(json)?;
        scenario.validate().map_err(Error::Invalid)?;
        Ok(scenario)
    }

    /// Reads a scenario file (JSON) and validates it.
    ///
    /// ```
    /// let err = flexline::Scenario::from_json_file("no/such/file.json").unwrap_err();
    /// assert!(err.to_string().contains("no/such/file.json"));
    /// ```
    pub fn from_json_file(path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        let scenario = parse_json(&text)
            .map_err(|e| e.in_file(&crate::text::shown(&path.display().to_string())))?;
        scenario.validate().map_err(Error::Invalid)?;
        Ok(scenario)
    }

    /// Checks the scenario and returns every problem found at once.
    ///
    /// ```
    /// # let json = r#"{"horizon":{"start":"2026-03-02","end":"2026-03-01"},"shifts":[],"lines":[],"workers":[]}"#;
    /// let s: flexline::Scenario = serde_json::from_str(json)?;
    /// let report = s.validate().unwrap_err();
    /// assert!(report.issues.iter().any(|i| i.code == flexline::IssueCode::EmptyHorizon));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<(), ValidationReport> {
        validate(self)
    }
}

struct Collector(Vec<Issue>);

impl Collector {
    /// Records an issue; every user value it echoes is cut and escaped
    /// ([`crate::text::tidy`]).
    fn push(&mut self, code: IssueCode, entity: String, message: String, fix: &str) {
        self.push_on(&[], code, entity, message, fix);
    }

    /// Records an issue that concerns `rules`.
    fn push_on(
        &mut self,
        rules: &[RuleId],
        code: IssueCode,
        entity: String,
        message: String,
        fix: &str,
    ) {
        // A scenario with millions of problems reports the first thousand.
        if self.0.len() >= MAX_ISSUES {
            return;
        }
        self.0.push(Issue {
            code,
            entity: crate::text::tidy(&entity),
            message: crate::text::tidy(&message),
            fix: fix.to_owned(),
            rules: rules.to_vec(),
        });
    }

    fn non_negative(&mut self, entity: &str, what: &str, v: f64) {
        if !(v.is_finite() && (0.0..=MAX_MAGNITUDE).contains(&v)) {
            let fix = if v > MAX_MAGNITUDE {
                "give at most 1e9 (1,000,000,000)"
            } else {
                "give zero or a positive number, at most 1e9"
            };
            self.push(
                IssueCode::BadNumber,
                entity.to_owned(),
                format!(
                    "{what} is {}; it must be between 0 and {MAX_MAGNITUDE:e}",
                    crate::text::number(v)
                ),
                fix,
            );
        }
    }

    fn within(&mut self, entity: &str, what: &str, v: f64, lo: f64, hi: f64, fix: &str) {
        if !(v.is_finite() && lo <= v && v <= hi) {
            self.push(
                IssueCode::BadNumber,
                entity.to_owned(),
                format!(
                    "{what} is {}; it must be between {} and {}",
                    crate::text::number(v),
                    crate::text::number(lo),
                    crate::text::number(hi)
                ),
                fix,
            );
        }
    }

    /// An id: 1 to [`MAX_ID_CHARS`] characters, no control characters.
    fn id(&mut self, kind: &str, id: &str) {
        let chars = id.chars().count();
        let problem = if id.is_empty() {
            Some("the id is empty".to_owned())
        } else if chars > MAX_ID_CHARS {
            Some(format!(
                "the id has {chars} characters; at most {MAX_ID_CHARS} are accepted"
            ))
        } else if id.chars().any(char::is_control) {
            Some("the id holds control characters (tabs, line breaks, NUL, …)".to_owned())
        } else {
            None
        };
        if let Some(message) = problem {
            self.push(
                IssueCode::BadId,
                format!("{kind} `{id}`"),
                message,
                "give a short id of visible characters, e.g. `w01`",
            );
        }
    }

    /// A name: at most [`MAX_NAME_CHARS`] characters.
    fn name(&mut self, entity: &str, name: &str) {
        let chars = name.chars().count();
        if chars > MAX_NAME_CHARS {
            self.push(
                IssueCode::NameTooLong,
                entity.to_owned(),
                format!("the name has {chars} characters; at most {MAX_NAME_CHARS} are accepted"),
                "shorten the name",
            );
        }
    }

    /// At most `most` entities of one kind.
    fn count(&mut self, what: &str, n: usize, most: usize) {
        if n > most {
            self.push(
                IssueCode::TooMany,
                what.to_owned(),
                format!("the scenario has {n} {what}; flexline accepts at most {most}"),
                "split the scenario (by line, department or week)",
            );
        }
    }

    /// A date inside the years flexline accepts.
    fn date(&mut self, entity: &str, d: chrono::NaiveDate) {
        if !crate::text::date_in_range(d) {
            self.push(
                IssueCode::DateOutOfRange,
                entity.to_owned(),
                crate::text::date_range_message(d),
                "check the year",
            );
        }
    }

    fn duplicates<'a>(&mut self, kind: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                self.push(
                    IssueCode::DuplicateId,
                    format!("{kind} `{id}`"),
                    format!("the id `{id}` is used by more than one {kind}"),
                    "give each one a distinct id",
                );
            }
        }
    }
}
pub(crate) fn validate(s: &Scenario) -> Result<(), ValidationReport> {
    let mut c = Collector(Vec::new());
    horizon::horizon_and_calendar(s, &mut c);
    limits::limits(s, &mut c);
    shifts::ids_and_shifts(s, &mut c);
    let needed_skills = lines::lines(s, &mut c);
    targets::targets(s, &mut c);
    workers::workers(s, &mut c, &needed_skills);
    rostering::rostering_rules(s, &mut c);
    home::home_work(s, &mut c);
    rules::rules_and_penalties(s, &mut c);
    fairness::fairness(s, &mut c);
    if c.0.is_empty() {
        Ok(())
    } else {
        Err(ValidationReport { issues: c.0 })
    }
}
