//! The integer program (docs/formulation.md): each constraint family in its
//! own file named after the rule. `good_lp` is imported here and by the
//! solver backends in `crate::solve` only; the model, the reports and the
//! checker know nothing of it.

mod cover;
mod days_off;
mod fairness;
mod home;
mod hours;
mod limits;
mod min_runs;
mod production;
mod repair;
mod requests;
mod rest;
mod rostering;
mod runs;
mod weekends;
mod workplaces;

pub(crate) use runs::weekend_of;

use good_lp::{variable, Constraint, Expression, ProblemVariables, Variable};

use crate::prepare::Prepared;

/// Index of a variable in creation order (= its column in the solver).
pub(crate) type Col = usize;

/// A cover row's (under slack, over slack, x columns counted, required).
pub(crate) type CoverRow = (Option<Col>, Option<Col>, Vec<Col>, f64);

/// The built model: variables, constraints, objective, and the maps back to
/// the scenario.
pub(crate) struct Formulation {
    pub vars: ProblemVariables,
    /// All variables in creation order.
    pub columns: Vec<Variable>,
    pub constraints: Vec<Constraint>,
    pub objective: Expression,
    /// Column of x_c for each candidate.
    pub x: Vec<Col>,
    /// Objective coefficient of each column (to evaluate the objective and
    /// the starting point).
    pub costs: Vec<f64>,
    /// A starting point (x = 0, slacks at their bounds), or the roster set by
    /// [`start_from`](Self::start_from).
    pub start: Vec<f64>,
    /// True once `start_from` has set a roster worth passing to the solver.
    /// (The all-off point is not passed: HiGHS finds it itself, and with it
    /// set HiGHS 1.16 was seen returning that start with the optimum's
    /// objective value.)
    pub has_start: bool,
    /// Constant term of the objective (e.g. every `on` request counts as
    /// broken until a variable grants it). Solvers drop constants; add it back.
    pub offset: f64,
    /// Cover rows: (under slack, over slack, x columns counted, required), to
    /// complete a starting roster with the slacks' (integer) values.
    pub cover_rows: Vec<CoverRow>,
    /// Candidates by worker, then by day.
    pub(crate) by_worker_day: Vec<Vec<Vec<usize>>>,
    /// Column of each home batch, in `Prepared::home.slots` order (empty
    /// when the model has no targets: batches could only add cost).
    pub home: Vec<Col>,
    /// True when the production rows of the clock (rows 9–11) are built.
    pub has_flow: bool,
}

impl Formulation {
    pub fn build(p: &Prepared<'_>) -> Self {
        let nw = p.s.workers.len();
        let nd = p.dates.len();
        let mut by_worker_day = vec![vec![Vec::new(); nd]; nw];
        for (ci, c) in p.cands.iter().enumerate() {
            by_worker_day[c.worker][p.occs[c.occ].day].push(ci);
        }
        let mut f = Formulation {
            vars: ProblemVariables::new(),
            columns: Vec::with_capacity(p.cands.len() * 2),
            constraints: Vec::new(),
            objective: Expression::with_capacity(p.cands.len()),
            x: Vec::with_capacity(p.cands.len()),
            costs: Vec::with_capacity(p.cands.len()),
            start: Vec::with_capacity(p.cands.len()),
            offset: 0.0,
            has_start: false,
            cover_rows: Vec::new(),
            by_worker_day,
            home: Vec::new(),
            has_flow: false,
        };
        for c in &p.cands {
            let col = f.add_var(variable().binary(), c.cost, 0.0);
            f.x.push(col);
        }
        hours::add(&mut f, p);
        rest::add(&mut f, p);
        days_off::add(&mut f, p);
        workplaces::add(&mut f, p);
        production::add(&mut f, p);
        rostering::add(&mut f, p);
        fairness::add(&mut f, p);
        f
    }

    /// Makes the starting point the roster with these candidates chosen: x,
    /// and the integer cover slacks that follow from it (HiGHS fixes the
    /// integer columns of a start and solves for the continuous ones).
    pub(crate) fn start_from(&mut self, chosen: &[usize]) {
        self.has_start = true;
        for &col in &self.x {
            self.start[col] = 0.0;
        }
        for &c in chosen {
            let col = self.x[c];
            self.start[col] = 1.0;
        }
        for (under, over, xs, required) in &self.cover_rows {
            let n: f64 = xs.iter().map(|&c| self.start[c]).sum();
            if let Some(u) = under {
                self.start[*u] = (required - n).max(0.0);
            }
            if let Some(o) = over {
                self.start[*o] = (n - required).max(0.0);
            }
        }
    }

    /// Fixes the columns `zero` to 0 and `one` to 1 (0/1 columns), with one
    /// row each: a sum of non-negative columns that must be 0, and a sum of
    /// columns at most 1 that must equal their number. Presolve turns both
    /// into bounds.
    pub(crate) fn fix(&mut self, zero: &[Col], one: &[Col]) {
        if !zero.is_empty() {
            let e = self.sum(zero.iter().map(|&c| (1.0, c)));
            self.push(e.eq(0.0));
        }
        if !one.is_empty() {
            let e = self.sum(one.iter().map(|&c| (1.0, c)));
            self.push(e.eq(one.len() as f64));
        }
    }

    /// Adds `cost` to the objective coefficient of an existing column.
    pub(crate) fn add_cost(&mut self, col: Col, cost: f64) {
        if cost != 0.0 {
            self.objective.add_mul(cost, self.columns[col]);
            self.costs[col] += cost;
        }
    }

    /// Adds a variable with objective coefficient `cost` and starting value `start`.
    pub(crate) fn add_var(
        &mut self,
        def: good_lp::VariableDefinition,
        cost: f64,
        start: f64,
    ) -> Col {
        let v = self.vars.add(def);
        let col = self.columns.len();
        self.columns.push(v);
        if cost != 0.0 {
            self.objective.add_mul(cost, v);
        }
        self.costs.push(cost);
        self.start.push(start);
        col
    }

    pub(crate) fn var(&self, col: Col) -> Variable {
        self.columns[col]
    }

    /// Σ coef·x over `terms`.
    pub(crate) fn sum(&self, terms: impl IntoIterator<Item = (f64, Col)>) -> Expression {
        let mut e = Expression::with_capacity(8);
        for (coef, col) in terms {
            e.add_mul(coef, self.columns[col]);
        }
        e
    }

    /// Candidate ids of worker `w` on day `d`.
    pub(crate) fn cands_of(&self, w: usize, d: usize) -> &[usize] {
        &self.by_worker_day[w][d]
    }

    pub(crate) fn push(&mut self, c: Constraint) {
        self.constraints.push(c);
    }
}

/// Candidates of worker `w` on date `d` as (1, x) terms.
pub(super) fn works(f: &Formulation, w: usize, d: usize) -> impl Iterator<Item = (f64, Col)> + '_ {
    f.cands_of(w, d).iter().map(move |&c| (1.0, f.x[c]))
}
