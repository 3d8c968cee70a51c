//! # flexline
//!
//! Rosters for factories running flexible-hours production lines.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
mod error;
mod formulation;
mod model;
mod prepare;
mod report;
mod solve;
pub mod synthetic;
mod validate;

pub use error::Error;
pub use model::rules::RulePreset;
pub use model::{
    Applies, Calendar, CareWindow, ContractKind, DateRange, Horizon, LabourRules, Line, LineId,
    OutputTarget, Penalties, Scenario, ShiftId, ShiftKind, ShiftTemplate, SkillId, Station,
    StationId, TargetId, TargetKind, Worker, WorkerId, WorkerSkill, DEFAULT_CONTRACT_PENALTY,
    DEFAULT_SHORTFALL_PENALTY,
};
pub use prepare::EPS;
pub use report::{
    Assignment, CostBreakdown, LineDay, Outcome, Plan, Roster, SolveStatus, StationDay,
    TargetResult, Throughput, Unmet,
};
pub use solve::{solve, Backend, Model, SolveOptions};
pub use validate::{Issue, IssueCode, ValidationReport};
