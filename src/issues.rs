//! The vocabulary of input problems — of scenarios, of spreadsheets and of
//! layout files: a stable code (or a cell), the entity, the fix, and the
//! rules concerned (named by the `rules` leaf). A leaf otherwise: the model, the errors, the validator and
//! the layouts all use it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rules::RuleId;

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
    /// Limits that cannot all hold (e.g. max hours below contracted minimum);
    /// the issue's `rules` names the rules they bound.
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
    /// A fairness rule without a group to compare, or with members it cannot
    /// compare (docs/semantics.md, "Fair hours").
    Fairness,
}

impl IssueCode {
    /// The code as a short stable string (e.g. `"dangling_reference"`).
    pub fn as_str(self) -> &'static str {
        crate::names::variant_name(&self)
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
    /// The rules the problem concerns, in the crate's one vocabulary (e.g.
    /// `weekly_hours` for a contracted minimum above the weekly cap); empty
    /// when it concerns none (a bad id, a dangling reference, …), and then
    /// left out of JSON.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleId>,
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

/// What kind of problem a layout has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayoutIssueCode {
    /// Nothing listed where something is needed.
    Empty,
    /// An empty layout name.
    BadName,
    /// Two layouts share a name, or a new id is taken.
    DuplicateId,
    /// A station id that does not exist.
    UnknownStation,
    /// A line id that does not exist.
    UnknownLine,
    /// A shift id that does not exist.
    UnknownShift,
    /// A worker id that does not exist.
    UnknownWorker,
    /// A negative, infinite or contradictory number.
    BadNumber,
    /// A buffer on a line's first station.
    FirstStation,
    /// A station would have no workplace.
    NoWorkplaces,
    /// A split of stations that are not consecutive on one line.
    NotConsecutive,
    /// A station runs a shift its line does not.
    ShiftNotOnLine,
    /// No worker may work at a station.
    StationWithoutWorker,
    /// An edit that cannot be carried out on this base.
    NotApplicable,
    /// The edited scenario does not validate.
    ScenarioInvalid,
}

impl LayoutIssueCode {
    /// The code as a short stable string.
    ///
    /// ```
    /// assert_eq!(flexline::layout::LayoutIssueCode::UnknownStation.as_str(), "unknown_station");
    /// ```
    pub fn as_str(self) -> &'static str {
        crate::names::variant_name(&self)
    }
}

/// One problem of a layout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayoutIssue {
    /// Stable code.
    pub code: LayoutIssueCode,
    /// The layout's name.
    pub layout: String,
    /// 1-based position of the edit in the layout's list (generator edits
    /// first); 0 for the edited scenario as a whole.
    pub edit: usize,
    /// The entity, e.g. "station `asm`".
    pub entity: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl LayoutIssue {
    pub(crate) fn new(
        code: LayoutIssueCode,
        layout: &str,
        entity: &str,
        message: &str,
        fix: &str,
    ) -> Self {
        LayoutIssue {
            code,
            layout: layout.to_owned(),
            edit: 0,
            entity: entity.to_owned(),
            message: message.to_owned(),
            fix: fix.to_owned(),
        }
    }
}

/// Every problem of a set of layouts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayoutReport {
    /// The issues, in file order.
    pub issues: Vec<LayoutIssue>,
}

impl fmt::Display for LayoutReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the layouts have {} problem(s):", self.issues.len())?;
        for i in &self.issues {
            let at = if i.edit > 0 {
                format!(", edit {}", i.edit)
            } else {
                String::new()
            };
            writeln!(
                f,
                "  [{}] layout `{}`{at}: {}: {}\n      fix: {}",
                i.code.as_str(),
                crate::text::shown(&i.layout),
                i.entity,
                i.message,
                i.fix
            )?;
        }
        Ok(())
    }
}

/// One problem in a sheet: the cell, what is wrong, what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetIssue {
    /// The cell as a spreadsheet shows it, e.g. `Workers!C7` (a range for
    /// merged cells, `Workers!B7:B9`).
    pub cell: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

/// Every problem found in a workbook or CSV folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetReport {
    /// The workbook or folder.
    pub file: String,
    /// Every problem, sheet by sheet.
    pub issues: Vec<SheetIssue>,
}

impl fmt::Display for SheetReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {} problem(s):", self.file, self.issues.len())?;
        for i in &self.issues {
            writeln!(f, "  {}: {}\n      fix: {}", i.cell, i.message, i.fix)?;
        }
        Ok(())
    }
}
