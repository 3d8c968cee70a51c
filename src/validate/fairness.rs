//! Fair-hours rules (docs/semantics.md, "Fair hours").

use super::*;
use crate::model::ContractKind;

pub(super) fn fairness(s: &Scenario, c: &mut Collector) {
    c.count("fairness rules", s.fairness.len(), MAX_ENTITIES);
    c.duplicates("fairness rule", s.fairness.iter().map(|r| r.name.as_str()));
    for (i, r) in s.fairness.iter().enumerate() {
        let ent = if r.name.is_empty() {
            format!("fairness rule #{}", i + 1)
        } else {
            format!("fairness rule `{}`", r.name)
        };
        if r.name.trim().is_empty() {
            c.push(
                IssueCode::Fairness,
                ent.clone(),
                "the rule has no name".into(),
                "give the group a name for the report, e.g. \"mom line\"",
            );
        }
        c.name(&ent, &r.name);
        c.non_negative(&ent, "hours_weight", r.hours_weight);
        c.non_negative(&ent, "weekends_weight", r.weekends_weight);
        if r.hours_weight == 0.0 && r.weekends_weight == 0.0 {
            c.push(
                IssueCode::Fairness,
                ent.clone(),
                "both hours_weight and weekends_weight are 0, so the rule changes nothing".into(),
                "give hours_weight (cost per hour from the group's mean) and/or weekends_weight",
            );
        }
        match (r.contract, r.workers.is_empty()) {
            (Some(_), false) => c.push(
                IssueCode::Fairness,
                ent.clone(),
                "it gives both `contract` and `workers`".into(),
                "keep one: `contract` for everyone on a contract kind, `workers` for a named group",
            ),
            (None, true) => c.push(
                IssueCode::Fairness,
                ent.clone(),
                "it names no group: neither `contract` nor `workers` is given".into(),
                "add \"contract\": \"flexible\" (or regular) or a list of worker ids in `workers`",
            ),
            _ => {}
        }
        if r.contract == Some(ContractKind::HomeBased) {
            c.push(
                IssueCode::Fairness,
                ent.clone(),
                "it compares home-based workers, whose pay comes from batches, not shifts".into(),
                "use the rule for regular or flexible workers",
            );
        }
        let mut seen = HashSet::new();
        for w in &r.workers {
            if !seen.insert(w) {
                c.push(
                    IssueCode::DuplicateId,
                    ent.clone(),
                    format!("it lists worker `{w}` twice"),
                    "list each worker once",
                );
            }
            match s.workers.iter().find(|x| &x.id == w) {
                None => c.push(
                    IssueCode::DanglingReference,
                    ent.clone(),
                    format!("it names worker `{w}`, who is not defined"),
                    "fix the worker id or add the worker",
                ),
                Some(x) if x.contract == ContractKind::HomeBased => c.push(
                    IssueCode::Fairness,
                    ent.clone(),
                    format!("worker `{w}` is home-based: batch pay is not compared with shifts"),
                    "leave home-based workers out of the group",
                ),
                Some(_) => {}
            }
        }
        if r.contract.is_none() && seen.len() == 1 {
            c.push(
                IssueCode::Fairness,
                ent.clone(),
                "the group lists one worker; fairness compares two or more".into(),
                "add workers to `workers`, or remove the rule",
            );
        }
    }
}
