//! The vocabulary of validation problems: a stable code, the entity and the
//! fix. A leaf: the model, the errors and the validator all use it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Stable codes for validation problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueCode {
    /// The horizon ends before it starts.
    EmptyHorizon,
    /// Two entities of one kind share an id.
    DuplicateId,
    /// A reference to an id that does not exist.
    DanglingReference,
    /// A worker has no skill any station needs.
    NoUsableSkill,
    /// A rate, wage, efficiency, stock or penalty that is negative, zero where
    /// it must be positive, or not finite.
    BadNumber,
    /// A time window whose end is not after its start, not marked overnight.
    WindowEndsBeforeStart,
    /// A target outside the horizon.
    TargetOutsideHorizon,
    /// Limits that cannot all hold (e.g. max hours below contracted minimum).
    ContradictoryLimits,
    /// A shift whose break is as long as the shift.
    NoPaidTime,
    /// A line with no stations or no shifts.
    EmptyLine,
    /// A station with no workplaces.
    NoWorkplaces,
    /// The horizon holds more dates than flexline plans at once.
    HorizonTooLong,
    /// A cover requirement, request or day off dated outside the horizon.
    DateOutsideHorizon,
    /// History given but not used, used but not given, or dated wrongly.
    HistoryMismatch,
    /// Home-based work set up so that it cannot work (docs/semantics.md, "Home-based work").
    HomeWork,
    /// An id that is empty, longer than 200 characters (`MAX_ID_CHARS`) or holds control
    /// characters.
    BadId,
    /// A name longer than 200 characters (`MAX_NAME_CHARS`).
    NameTooLong,
    /// More workers than 200,000 (`MAX_WORKERS`), or more entities of another kind
    /// than 1,000,000 (`MAX_ENTITIES`).
    TooMany,
    /// A station with more than 1,000,000 (`MAX_WORKPLACES`) workplaces.
    TooManyWorkplaces,
    /// A date outside the years 1900–2200.
    DateOutOfRange,
}

impl IssueCode {
    /// The code as a short stable string (e.g. `"dangling_reference"`).
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::EmptyHorizon => "empty_horizon",
            IssueCode::DuplicateId => "duplicate_id",
            IssueCode::DanglingReference => "dangling_reference",
            IssueCode::NoUsableSkill => "no_usable_skill",
            IssueCode::BadNumber => "bad_number",
            IssueCode::WindowEndsBeforeStart => "window_ends_before_start",
            IssueCode::TargetOutsideHorizon => "target_outside_horizon",
            IssueCode::ContradictoryLimits => "contradictory_limits",
            IssueCode::NoPaidTime => "no_paid_time",
            IssueCode::EmptyLine => "empty_line",
            IssueCode::NoWorkplaces => "no_workplaces",
            IssueCode::HorizonTooLong => "horizon_too_long",
            IssueCode::DateOutsideHorizon => "date_outside_horizon",
            IssueCode::HistoryMismatch => "history_mismatch",
            IssueCode::HomeWork => "home_work",
            IssueCode::BadId => "bad_id",
            IssueCode::NameTooLong => "name_too_long",
            IssueCode::TooMany => "too_many",
            IssueCode::TooManyWorkplaces => "too_many_workplaces",
            IssueCode::DateOutOfRange => "date_out_of_range",
        }
    }
}

/// One problem found in a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// Stable code.
    pub code: IssueCode,
    /// The entity, e.g. "worker `w12`".
    pub entity: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

/// All problems found in a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidationReport {
    /// Every issue, in input order.
    pub issues: Vec<Issue>,
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the scenario has {} problem(s):", self.issues.len())?;
        for i in &self.issues {
            writeln!(
                f,
                "  [{}] {}: {}\n      fix: {}",
                i.code.as_str(),
                i.entity,
                i.message,
                i.fix
            )?;
        }
        Ok(())
    }
}
