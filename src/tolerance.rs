//! Tolerances: one place for how close two floating-point figures must be
//! to count as equal.

/// Absolute tolerance for comparing hours, units and money (and for "used
/// all its capacity" in the bottleneck rule).
///
/// ```
/// assert!(flexline::tolerance::EPS < 1e-5);
/// ```
pub const EPS: f64 = 1e-6;

/// True when `a` and `b` agree within [`EPS`] relative to the larger of 1 and
/// their magnitudes: `|a − b| ≤ 1e-6 × max(1, |a|, |b|)`.
///
/// ```
/// use flexline::tolerance::close;
/// assert!(close(1_000_000.0, 1_000_000.5));
/// assert!(!close(1.0, 1.001));
/// ```
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= EPS * 1f64.max(a.abs()).max(b.abs())
}

/// True when `new` is below `than` by more than [`EPS`] relative to the
/// larger of 1 and `|than|`: a cheaper roster, not a rounding difference.
pub(crate) fn better(new: f64, than: f64) -> bool {
    new < than - EPS * than.abs().max(1.0)
}
