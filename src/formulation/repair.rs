//! Hooks for the mid-week repair (`crate::repair`, docs/formulation.md, "Repair rows"):
//! fixing a candidate's 0/1 variable (frozen dates) and adding a constant to
//! the objective (the change cost of published shifts).

use good_lp::constraint;

use super::{Col, Formulation};

impl Formulation {
    /// Fixes column `col` to `value` with an equality row (HiGHS's presolve
    /// turns it into a bound). For many 0/1 columns, [`Formulation::fix`]
    /// needs two rows in all.
    pub(crate) fn fix_value(&mut self, col: Col, value: f64) {
        let e = self.sum([(1.0, col)]);
        self.push(constraint!(e == value));
    }

    /// Adds a constant to the objective (solvers drop it; the solve adds
    /// `offset` back).
    pub(crate) fn add_offset(&mut self, value: f64) {
        self.offset += value;
    }
}
