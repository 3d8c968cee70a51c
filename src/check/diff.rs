//! Comparing two throughput and cost computations field by field.

use super::*;

// ---------------------------------------------------------------------------
// Comparison.

pub(super) fn close(a: f64, b: f64) -> bool {
    if a == b || (a.is_nan() && b.is_nan()) {
        return true;
    }
    (a - b).abs() <= 1e-6 * 1f64.max(a.abs()).max(b.abs())
}

pub(super) fn num(out: &mut Vec<String>, what: &str, field: &str, mine: f64, theirs: f64) {
    if !close(mine, theirs) {
        out.push(format!(
            "{what}: {field} is {theirs}, the checker has {mine}"
        ));
    }
}

pub(super) fn same<T: PartialEq + fmt::Debug>(
    out: &mut Vec<String>,
    what: &str,
    field: &str,
    mine: &T,
    theirs: &T,
) {
    if mine != theirs {
        out.push(format!(
            "{what}: {field} is {theirs:?}, the checker has {mine:?}"
        ));
    }
}

/// Matches rows by key (the n-th row with a key matches the n-th row with
/// the same key), compares matched rows, reports missing and extra rows and
/// a different order.
pub(super) fn diff_rows<T, K: Eq + Hash + Clone>(
    kind: &str,
    mine: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
    label: impl Fn(&K) -> String,
    compare: impl Fn(&str, &T, &T, &mut Vec<String>),
    out: &mut Vec<String>,
) {
    let keyed = |rows: &[T]| -> Vec<(K, usize)> {
        let mut seen: HashMap<K, usize> = HashMap::new();
        rows.iter()
            .map(|r| {
                let k = key(r);
                let n = seen.entry(k.clone()).or_insert(0);
                *n += 1;
                (k, *n)
            })
            .collect()
    };
    let my_keys = keyed(mine);
    let their_keys = keyed(theirs);
    let index: HashMap<&(K, usize), usize> =
        their_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let mut used = vec![false; theirs.len()];
    let mut order = Vec::new();
    for (i, k) in my_keys.iter().enumerate() {
        let what = format!("{kind} {}", label(&k.0));
        match index.get(k) {
            Some(&j) => {
                used[j] = true;
                order.push(j);
                compare(&what, &mine[i], &theirs[j], out);
            }
            None => out.push(format!("{what}: missing from the other computation")),
        }
    }
    for (j, k) in their_keys.iter().enumerate() {
        if !used[j] {
            out.push(format!(
                "{kind} {}: not in the checker's computation",
                label(&k.0)
            ));
        }
    }
    if order.windows(2).any(|w| w[0] > w[1]) {
        out.push(format!("{kind} rows are in a different order"));
    }
}

pub(super) fn diff_station_day(what: &str, a: &StationDay, b: &StationDay, out: &mut Vec<String>) {
    same(out, what, "workers", &a.workers, &b.workers);
    num(out, what, "staffed_hours", a.staffed_hours, b.staffed_hours);
    num(
        out,
        what,
        "capacity_units",
        a.capacity_units,
        b.capacity_units,
    );
    num(
        out,
        what,
        "produced_units",
        a.produced_units,
        b.produced_units,
    );
    num(out, what, "stock_end", a.stock_end, b.stock_end);
    num(out, what, "utilisation", a.utilisation, b.utilisation);
}

pub(super) fn diff_interval(
    what: &str,
    a: &StationInterval,
    b: &StationInterval,
    out: &mut Vec<String>,
) {
    same(out, what, "end", &a.end, &b.end);
    num(
        out,
        what,
        "capacity_units",
        a.capacity_units,
        b.capacity_units,
    );
    num(
        out,
        what,
        "produced_units",
        a.produced_units,
        b.produced_units,
    );
    num(out, what, "stock_end", a.stock_end, b.stock_end);
}

pub(super) fn diff_line_day(what: &str, a: &LineDay, b: &LineDay, out: &mut Vec<String>) {
    num(
        out,
        what,
        "finished_units",
        a.finished_units,
        b.finished_units,
    );
    same::<Option<StationId>>(out, what, "bottleneck", &a.bottleneck, &b.bottleneck);
    num(
        out,
        what,
        "delivered_units",
        a.delivered_units,
        b.delivered_units,
    );
    num(
        out,
        what,
        "finished_stock_end",
        a.finished_stock_end,
        b.finished_stock_end,
    );
    match (a.target_units, b.target_units) {
        (Some(x), Some(y)) => num(out, what, "target_units", x, y),
        (None, None) => {}
        (x, y) => same(out, what, "target_units", &x, &y),
    }
}

pub(super) fn diff_target(what: &str, a: &TargetResult, b: &TargetResult, out: &mut Vec<String>) {
    same(out, what, "line", &a.line, &b.line);
    same(out, what, "date", &a.date, &b.date);
    same(out, what, "kind", &a.kind, &b.kind);
    num(out, what, "target_units", a.target_units, b.target_units);
    num(
        out,
        what,
        "finished_units",
        a.finished_units,
        b.finished_units,
    );
    num(
        out,
        what,
        "shortfall_units",
        a.shortfall_units,
        b.shortfall_units,
    );
}

pub(super) fn diff_cost(a: &CostBreakdown, b: &CostBreakdown, out: &mut Vec<String>) {
    let w = "cost";
    num(out, w, "base_wages", a.base_wages, b.base_wages);
    num(out, w, "home_wages", a.home_wages, b.home_wages);
    num(out, w, "holding_cost", a.holding_cost, b.holding_cost);
    num(
        out,
        w,
        "overtime_premium",
        a.overtime_premium,
        b.overtime_premium,
    );
    num(
        out,
        w,
        "rest_day_premium",
        a.rest_day_premium,
        b.rest_day_premium,
    );
    num(
        out,
        w,
        "holiday_premium",
        a.holiday_premium,
        b.holiday_premium,
    );
    num(out, w, "wages_total", a.wages_total, b.wages_total);
    num(
        out,
        w,
        "weekly_overtime_hours",
        a.weekly_overtime_hours,
        b.weekly_overtime_hours,
    );
    num(
        out,
        w,
        "shortfall_units",
        a.shortfall_units,
        b.shortfall_units,
    );
    num(
        out,
        w,
        "shortfall_penalty",
        a.shortfall_penalty,
        b.shortfall_penalty,
    );
    num(
        out,
        w,
        "contract_hours_missing",
        a.contract_hours_missing,
        b.contract_hours_missing,
    );
    num(
        out,
        w,
        "contract_penalty",
        a.contract_penalty,
        b.contract_penalty,
    );
    num(out, w, "cover_short", a.cover_short, b.cover_short);
    num(
        out,
        w,
        "cover_short_penalty",
        a.cover_short_penalty,
        b.cover_short_penalty,
    );
    num(out, w, "cover_excess", a.cover_excess, b.cover_excess);
    num(
        out,
        w,
        "cover_excess_penalty",
        a.cover_excess_penalty,
        b.cover_excess_penalty,
    );
    num(
        out,
        w,
        "requests_broken",
        f64::from(a.requests_broken),
        f64::from(b.requests_broken),
    );
    num(
        out,
        w,
        "request_penalty",
        a.request_penalty,
        b.request_penalty,
    );
    for (name, x, y) in [
        (
            "fair_hours_deviation",
            a.fair_hours_deviation,
            b.fair_hours_deviation,
        ),
        (
            "fair_weekends_deviation",
            a.fair_weekends_deviation,
            b.fair_weekends_deviation,
        ),
        ("fairness_penalty", a.fairness_penalty, b.fairness_penalty),
    ] {
        num(out, w, name, x, y);
    }
    num(out, w, "objective", a.objective, b.objective);
}
