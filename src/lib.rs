//! # flexline
//!
//! Rosters for factories running flexible-hours production lines: workers with
//! caregiving windows, skills and contracts; lines of stations with output
//! targets; labour rules. A mixed-integer program (good_lp; HiGHS by default,
//! pure-Rust microlp as a feature) decides who works which shift at which
//! station on which date; the result carries the throughput estimate, the cost,
//! the solver's proven gap and an explanation of every unmet target.
//!
//! ```
//! let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
//! let scenario = flexline::Scenario::from_json_str(&json)?;
//! let plan = flexline::solve(&scenario, &flexline::SolveOptions::default())?;
//! assert_eq!(plan.roster.assignments.len(), 2);
//! assert!(flexline::check::check(&scenario, &plan.roster).is_feasible());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Layout: [`Scenario`] and friends are pure data; [`solve`] / [`Model`]
//! build and solve; [`Plan`] is the result; [`check`] is the independent
//! checker; [`repair`] mends a published roster after an absence; [`synthetic`] makes seeded test factories; [`flow`] is the
//! time-resolved (hour-by-hour) estimate of a roster, [`risk`] its absence
//! Monte Carlo and [`layout`] the line-layout comparison. See `docs/formulation.md` for the
//! formulation written as math.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
mod clock;
pub mod diagnose;
mod error;
pub mod export;
pub mod flow;
pub mod formats;
mod formulation;
#[doc(hidden)]
pub mod fuzz;
mod i18n;
mod issues;
pub mod layout;
mod model;
mod names;
mod prepare;
pub mod repair;
pub mod report;
pub mod risk;
mod rng;
mod rules;
pub mod sheets;
mod solve;
pub mod synthetic;
pub mod text;
pub mod tolerance;
mod validate;

pub use error::Error;
pub use i18n::Lang;
pub use issues::{Issue, IssueCode, ValidationReport};
pub use model::rules::RulePreset;
pub use model::{
    Applies, Calendar, CareWindow, ContractKind, CoverRequirement, DateRange, DeliveryRound,
    FairnessRule, History, HomeWork, Horizon, LabourRules, Line, LineId, OutputTarget,
    PastAssignment, Penalties, RequestKind, RunBorders, Scenario, ShiftId, ShiftKind, ShiftRequest,
    ShiftTemplate, SkillId, Station, StationId, Succession, TargetId, TargetKind, Worker, WorkerId,
    WorkerSkill, DEFAULT_CONTRACT_PENALTY, DEFAULT_SHORTFALL_PENALTY,
};
pub use report::{
    Assignment, CostBreakdown, CoverResult, HomeBatch, LineDay, Outcome, Plan, Roster, SolveStatus,
    StationDay, TargetResult, Throughput, Unmet, UnmetDay,
};
pub use rules::{RuleId, UnknownRule};
pub use solve::{
    decompose, max_threads, no_roster_error, solve, solve_decomposed, Backend, Decomposition,
    DecompositionOptions, DecompositionStep, Model, Phase, Progress, ProgressEvent, SolveOptions,
    DEFAULT_RELATIVE_GAP, MAX_THREADS, MAX_TIME_LIMIT,
};
/// Kept for compatibility: use [`tolerance::EPS`].
#[doc(hidden)]
pub use tolerance::EPS;

/// The README's code examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
