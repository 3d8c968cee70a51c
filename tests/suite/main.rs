//! The integration tests as one binary, so the suite links HiGHS once.
//! Each module is one area; `common` holds the checked solve every test
//! uses, `roster_kit` the builders of the rostering-rule tests.

mod common;
mod roster_kit;

mod decomposition;
mod diagnose;
mod exports;
mod fair_hours;
mod flow;
mod fuzz;
mod hardening;
mod home_work;
mod input_errors;
mod languages;
mod nrp;
mod nrp_optima;
mod progress;
mod properties;
mod repair;
mod risk_layout;
mod roster_xml;
mod rostering_input;
mod rostering_properties;
mod rostering_rules;
mod rosters;
mod sheets;
