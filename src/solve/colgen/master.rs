//! The restricted master: the cover rows with their slacks, one convexity
//! row per worker, and the schedules generated so far as columns. Solved by
//! HiGHS through the `highs` crate directly, which keeps the model (and its
//! basis) between solves, so adding columns re-solves warm.

use highs::{Col, HighsModelStatus, HighsSolutionStatus, Row, Sense};

use crate::error::Error;

/// One cover row of the compact model: Σ x + under − over (= or ≥) required.
#[derive(Clone, Debug)]
pub(super) struct CoverRow {
    pub required: f64,
    /// Cost and upper bound of the under slack (none when nothing is required).
    pub under: Option<(f64, f64)>,
    /// Cost and upper bound of the over slack; with it the row is an equation.
    pub over: Option<(f64, f64)>,
}

/// One worker's whole schedule.
#[derive(Clone, Debug)]
pub(super) struct Column {
    pub worker: usize,
    /// Candidates worked, in date order.
    pub cands: Vec<usize>,
    /// Exact cost (objective coefficients of the candidates' x columns).
    pub cost: f64,
    /// (cover row, count) pairs.
    pub rows: Vec<(usize, f64)>,
}

/// A master LP solution.
pub(super) struct LpSolution {
    pub value: f64,
    /// Duals of the cover rows (≥ 0 on the ≥ rows), then of the convexity rows.
    pub cover_duals: Vec<f64>,
    pub convexity_duals: Vec<f64>,
    /// Value of each schedule column, in `Master::columns` order.
    pub values: Vec<f64>,
}

pub(super) struct Master {
    model: Option<highs::Model>,
    /// The model's rows: cover rows, then one convexity row per worker.
    rows: Vec<Row>,
    cover: Vec<CoverRow>,
    workers: usize,
    pub columns: Vec<Column>,
    /// The model's column of each schedule.
    handles: Vec<Col>,
    threads: Option<u32>,
}

fn fail(reason: String) -> Error {
    Error::Solver {
        backend: "highs",
        reason,
    }
}

/// A quiet HiGHS model with these options.
fn quiet(model: &mut highs::Model, threads: Option<u32>, seed: u32) -> Result<(), Error> {
    model.make_quiet();
    if let Some(n) = threads {
        model
            .try_set_option("threads", n.min(i32::MAX as u32) as i32)
            .map_err(|e| fail(format!("could not set threads: {e:?}")))?;
    }
    model
        .try_set_option("random_seed", seed.min(i32::MAX as u32) as i32)
        .map_err(|e| fail(format!("could not set the seed: {e:?}")))?;
    Ok(())
}

/// Adds the rows and slacks of the master to an empty model and returns
/// the rows (cover rows, then convexity rows); `integer` makes the slacks
/// integer (they are in the compact model).
fn rows_and_slacks(
    model: &mut highs::Model,
    cover: &[CoverRow],
    workers: usize,
    integer: bool,
) -> Result<Vec<Row>, Error> {
    let err = |e| fail(format!("could not build the master: {e:?}"));
    let mut rows = Vec::with_capacity(cover.len() + workers);
    for r in cover {
        let row = if r.over.is_some() {
            model.try_add_row(r.required..=r.required, [])
        } else {
            model.try_add_row(r.required.., [])
        }
        .map_err(err)?;
        rows.push(row);
        if let Some((cost, ub)) = r.under {
            model
                .try_add_column_with_integrality(cost, 0.0..=ub, [(row, 1.0)], integer)
                .map_err(err)?;
        }
        if let Some((cost, ub)) = r.over {
            model
                .try_add_column_with_integrality(cost, 0.0..=ub, [(row, -1.0)], integer)
                .map_err(err)?;
        }
    }
    for _ in 0..workers {
        rows.push(model.try_add_row(1.0..=1.0, []).map_err(err)?);
    }
    Ok(rows)
}

fn add_column(
    model: &mut highs::Model,
    rows: &[Row],
    cover_rows: usize,
    c: &Column,
    integer: bool,
) -> Result<Col, Error> {
    let mut factors: Vec<(Row, f64)> = c.rows.iter().map(|&(r, n)| (rows[r], n)).collect();
    factors.push((rows[cover_rows + c.worker], 1.0));
    model
        .try_add_column_with_integrality(c.cost, 0.0..=1.0, factors, integer)
        .map_err(|e| fail(format!("could not add a column: {e:?}")))
}

impl Master {
    pub fn new(
        cover: Vec<CoverRow>,
        workers: usize,
        threads: Option<u32>,
        seed: u32,
    ) -> Result<Self, Error> {
        let mut model = highs::ColProblem::default()
            .try_optimise(Sense::Minimise)
            .map_err(|e| fail(format!("could not create the master: {e:?}")))?;
        quiet(&mut model, threads, seed)?;
        // Re-solves start from the last basis; presolve would only cost time,
        // and with every column fixed (the dive's end) it empties the model,
        // which HiGHS reports as `ModelEmpty` instead of optimal.
        model
            .try_set_option("presolve", "off")
            .map_err(|e| fail(format!("could not turn presolve off: {e:?}")))?;
        let rows = rows_and_slacks(&mut model, &cover, workers, false)?;
        Ok(Master {
            model: Some(model),
            rows,
            cover,
            workers,
            columns: Vec::new(),
            handles: Vec::new(),
            threads,
        })
    }

    pub fn add(&mut self, c: Column) -> Result<(), Error> {
        let model = self
            .model
            .as_mut()
            .ok_or_else(|| fail("master lost".into()))?;
        let handle = add_column(model, &self.rows, self.cover.len(), &c, false)?;
        self.handles.push(handle);
        self.columns.push(c);
        Ok(())
    }

    /// Fixes schedule column `j` to 1 (its worker's other columns then go
    /// to 0 through the convexity row).
    pub fn fix(&mut self, j: usize) -> Result<(), Error> {
        let model = self
            .model
            .as_mut()
            .ok_or_else(|| fail("master lost".into()))?;
        model.change_column_bounds(self.handles[j], 1.0..=1.0);
        Ok(())
    }

    /// The objective of a roster made of the columns `chosen`: their costs
    /// and the least slack each cover row then needs.
    pub fn roster_value(&self, chosen: &[usize]) -> f64 {
        let mut count = vec![0.0; self.cover.len()];
        let mut v = 0.0;
        for &j in chosen {
            v += self.columns[j].cost;
            for &(r, n) in &self.columns[j].rows {
                count[r] += n;
            }
        }
        for (r, n) in self.cover.iter().zip(count) {
            if let Some((cost, _)) = r.under {
                v += cost * (r.required - n).max(0.0);
            }
            if let Some((cost, _)) = r.over {
                v += cost * (n - r.required).max(0.0);
            }
        }
        v
    }

    /// Solves the LP and reads its value and duals.
    pub fn solve(&mut self) -> Result<LpSolution, Error> {
        let model = self
            .model
            .take()
            .ok_or_else(|| fail("master lost".into()))?;
        let solved = model
            .try_solve()
            .map_err(|e| fail(format!("master LP failed: {e:?}")))?;
        if solved.status() != HighsModelStatus::Optimal {
            return Err(fail(format!(
                "master LP ended with status {:?}",
                solved.status()
            )));
        }
        let value = solved.objective_value();
        let sol = solved.get_solution();
        let duals = sol.dual_rows();
        let n = self.cover.len();
        let mut cover_duals = duals[..n].to_vec();
        for (d, r) in cover_duals.iter_mut().zip(&self.cover) {
            if r.over.is_none() {
                // A ≥ row's multiplier must be non-negative for the
                // Lagrangian bound; HiGHS's is, up to round-off.
                *d = d.max(0.0);
            }
        }
        let convexity_duals = duals[n..n + self.workers].to_vec();
        let columns = sol.columns();
        let first = columns.len() - self.columns.len();
        let values = columns[first..].to_vec();
        self.model = Some(highs::Model::from(solved));
        Ok(LpSolution {
            value,
            cover_duals,
            convexity_duals,
            values,
        })
    }

    /// Σ_r π_r b_r + Σ_slacks min(0, reduced cost) × upper bound: the part of
    /// the Lagrangian function that does not depend on the schedules.
    pub fn fixed_part(&self, duals: &[f64]) -> f64 {
        let mut v = 0.0;
        for (r, &pi) in self.cover.iter().zip(duals) {
            v += pi * r.required;
            if let Some((cost, ub)) = r.under {
                v += (cost - pi).min(0.0) * ub;
            }
            if let Some((cost, ub)) = r.over {
                v += (cost + pi).min(0.0) * ub;
            }
        }
        v
    }

    /// Solves the restricted master as a MIP over the columns generated:
    /// the objective and the column chosen per worker, if one was found.
    pub fn solve_integer(
        &self,
        time_limit: Option<f64>,
        seed: u32,
    ) -> Result<Option<(f64, Vec<usize>)>, Error> {
        let mut model = highs::ColProblem::default()
            .try_optimise(Sense::Minimise)
            .map_err(|e| fail(format!("could not create the master MIP: {e:?}")))?;
        quiet(&mut model, self.threads, seed)?;
        let rows = rows_and_slacks(&mut model, &self.cover, self.workers, true)?;
        let first = model.num_cols();
        for c in &self.columns {
            add_column(&mut model, &rows, self.cover.len(), c, true)?;
        }
        model
            .try_set_option("mip_rel_gap", 0.0)
            .map_err(|e| fail(format!("could not set the gap: {e:?}")))?;
        if let Some(t) = time_limit {
            model
                .try_set_option("time_limit", t.max(0.01))
                .map_err(|e| fail(format!("could not set the time limit: {e:?}")))?;
        }
        let solved = model
            .try_solve()
            .map_err(|e| fail(format!("master MIP failed: {e:?}")))?;
        if solved.primal_solution_status() != HighsSolutionStatus::Feasible {
            return Ok(None);
        }
        let values = solved.get_solution().columns().to_vec();
        let chosen: Vec<usize> = (0..self.columns.len())
            .filter(|&j| values[first + j] > 0.5)
            .collect();
        Ok(Some((solved.objective_value(), chosen)))
    }
}
