//! The deletion filter that reduces a conflict to a minimal set of rule
//! groups, and the rule naming a worker's shift templates: shared by the
//! per-worker conflicts (`conflicts`) and the horizon rules (`horizon`).

use super::RuleRef;
use crate::model::Scenario;

/// Reduces a conflicting set of rule groups to a minimal one: a deletion
/// filter. `conflicting(set)` must say whether the rules in `set` (and the
/// fixed rest of the problem) cannot all hold. Returns `None` if the full set
/// does not conflict; otherwise a subset that conflicts and from which no
/// single group can be dropped without the conflict disappearing. The oracle
/// is called at most `groups.len() + 1` times, so it may re-solve the model.
///
/// ```
/// use flexline::diagnose::minimal_conflict;
/// // "need 10 hours" against groups that each cap the hours: 8, 12 and 6.
/// let caps = [8.0, 12.0, 6.0];
/// let conflicting = |set: &[usize]| set.iter().map(|&g| caps[g]).fold(f64::INFINITY, f64::min) < 10.0;
/// let minimal = minimal_conflict(&[0, 1, 2], conflicting).ok_or("no conflict")?;
/// assert_eq!(minimal.len(), 1);
/// assert!(caps[minimal[0]] < 10.0);
/// assert_eq!(minimal_conflict(&[1], conflicting), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn minimal_conflict<G: Clone>(
    groups: &[G],
    mut conflicting: impl FnMut(&[G]) -> bool,
) -> Option<Vec<G>> {
    if !conflicting(groups) {
        return None;
    }
    let mut keep = groups.to_vec();
    let mut i = 0;
    while i < keep.len() {
        let mut trial = keep.clone();
        trial.remove(i);
        if conflicting(&trial) {
            keep = trial;
        } else {
            i += 1;
        }
    }
    Some(keep)
}

/// The shift templates of the lines `worker` may work on, as a rule.
pub(super) fn shift_templates_of(s: &Scenario, worker: &crate::model::Worker) -> RuleRef {
    let lines = if worker.lines.is_empty() {
        s.lines.iter().map(|l| l.id.clone()).collect()
    } else {
        worker.lines.clone()
    };
    RuleRef::ShiftTemplates { lines }
}
