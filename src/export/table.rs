//! The plain-text roster table (what `weekly_roster` prints): worker ×
//! date grid, home batches, output per line and day, targets, fair hours,
//! cost and status, in English or Chinese. Columns are aligned by display
//! width, so Chinese names (two columns a character) line up.

use std::collections::HashMap;
use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::i18n::{Label, Lang};
use crate::model::{Scenario, WorkerId};
use crate::report::{Assignment, Plan};
use crate::tolerance::EPS;

/// Widest column, in display columns: a long id or name only widens its own row.
const MAX_WIDTH: usize = 60;

/// The width `s` takes in a terminal: East Asian wide characters count 2,
/// combining marks 0 (Unicode Standard Annex #11, via `unicode-width`).
///
/// ```
/// assert_eq!(flexline::export::display_width("ana"), 3);
/// assert_eq!(flexline::export::display_width("李秀英"), 6);
/// ```
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` padded with spaces to `width` display columns (left-aligned; a wider
/// `s` is returned as it is).
///
/// ```
/// assert_eq!(flexline::export::pad("王芳", 6), "王芳  ");
/// assert_eq!(flexline::export::pad("ana", 6), "ana   ");
/// ```
pub fn pad(s: &str, width: usize) -> String {
    let w = display_width(s);
    let mut out = String::with_capacity(s.len() + width.saturating_sub(w));
    out.push_str(s);
    for _ in w..width {
        out.push(' ');
    }
    out
}

/// `s` right-aligned in `width` display columns.
fn rpad(s: &str, width: usize) -> String {
    let w = display_width(s);
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(w)).collect();
    out.push_str(s);
    out
}

/// The roster as a plain-text table in `lang`.
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// # let scenario = flexline::Scenario::from_json_str(&json)?;
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let en = flexline::export::roster_table(&scenario, &plan, flexline::Lang::En);
/// assert!(en.contains("Output per line and day"));
/// let zh = flexline::export::roster_table(&scenario, &plan, flexline::Lang::ZhCn);
/// assert!(zh.contains("每条产线每天的产量"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn roster_table(s: &Scenario, plan: &Plan, lang: Lang) -> String {
    let t = lang.text();
    let dates = s.horizon.dates();
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", s.name);
    // One lookup per cell (not a scan of the roster).
    let mut by_cell: HashMap<(&WorkerId, chrono::NaiveDate), &Assignment> = HashMap::new();
    for a in &plan.roster.assignments {
        by_cell.entry((&a.worker, a.date)).or_insert(a);
    }
    let cell = |w: &WorkerId, d: chrono::NaiveDate| -> String {
        by_cell
            .get(&(w, d))
            .map(|a| format!("{}@{}", a.shift, a.station))
            .unwrap_or_else(|| "-".into())
    };
    let labels: Vec<String> = s
        .workers
        .iter()
        .map(|w| format!("{} {}", w.id, w.name))
        .collect();
    let name_w = labels
        .iter()
        .map(|l| display_width(l))
        .chain([display_width(t.label(Label::Worker))])
        .max()
        .unwrap_or(6)
        .clamp(6, MAX_WIDTH);
    let col_w = plan
        .roster
        .assignments
        .iter()
        .map(|a| display_width(a.shift.as_str()) + 1 + display_width(a.station.as_str()))
        .chain(dates.iter().map(|d| display_width(&t.day_column(*d))))
        .max()
        .unwrap_or(1)
        .clamp(10, MAX_WIDTH);
    out.push_str(&pad(t.label(Label::Worker), name_w));
    for d in &dates {
        let _ = write!(out, "  {}", pad(&t.day_column(*d), col_w));
    }
    out.push('\n');
    for (w, label) in s.workers.iter().zip(&labels) {
        out.push_str(&pad(label, name_w));
        for &d in &dates {
            let _ = write!(out, "  {}", pad(&cell(&w.id, d), col_w));
        }
        out.push('\n');
    }
    if !plan.roster.home_batches.is_empty() {
        let _ = writeln!(out, "\n{}", t.label(Label::HomeBatches));
        let _ = writeln!(
            out,
            "{} {} {} {} {} {} {}",
            pad(t.label(Label::Worker), name_w),
            pad(t.label(Label::Station), 12),
            rpad(t.label(Label::Out), 6),
            pad(t.label(Label::On), 10),
            rpad(t.label(Label::Back), 6),
            pad(t.label(Label::On), 10),
            rpad(t.label(Label::Hours), 7)
        );
        for b in &plan.roster.home_batches {
            let _ = writeln!(
                out,
                "{} {} {} {:<10} {} {:<10} {}",
                pad(b.worker.as_str(), name_w),
                pad(b.station.as_str(), 12),
                rpad(&format!("{:.0}", b.units_out), 6),
                b.out_date,
                rpad(&format!("{:.0}", b.units_back), 6),
                b.back_date,
                rpad(&format!("{:.1}", b.minutes / 60.0), 7)
            );
        }
    }
    let _ = writeln!(out, "\n{}", t.label(Label::OutputPerLineDay));
    let _ = writeln!(
        out,
        "{} {} {} {} {}  {}",
        pad(t.label(Label::Line), 12),
        pad(t.label(Label::Date), 10),
        rpad(t.label(Label::Finished), 9),
        rpad(t.label(Label::Delivered), 9),
        rpad(t.label(Label::Target), 9),
        t.label(Label::Bottleneck)
    );
    for l in &plan.throughput.lines {
        let _ = writeln!(
            out,
            "{} {:<10} {:>9.1} {:>9.1} {:>9}  {}",
            pad(l.line.as_str(), 12),
            l.date,
            l.finished_units,
            l.delivered_units,
            l.target_units
                .map(|t| format!("{t:.0}"))
                .unwrap_or_else(|| "-".into()),
            l.bottleneck
                .as_ref()
                .map(|b| b.as_str())
                .unwrap_or(t.label(Label::NothingPlanned))
        );
    }
    let _ = writeln!(out, "\n{}", t.label(Label::Targets));
    for r in &plan.throughput.targets {
        let _ = writeln!(
            out,
            "  {} {} {}: {:.1} / {:.1}{}",
            pad(r.target.as_str(), 22),
            t.target_kind(r.kind),
            r.date,
            r.finished_units,
            r.target_units,
            if r.shortfall_units > EPS {
                format!("  {} {:.1}", t.label(Label::Short), r.shortfall_units)
            } else {
                String::new()
            }
        );
    }
    for u in &plan.unmet {
        let _ = writeln!(out, "  ! {}", u.explanation_in(lang));
    }
    let groups = crate::report::fairness(s, &plan.roster);
    if !groups.is_empty() {
        let _ = writeln!(out, "\n{}", t.label(Label::FairHours));
        let w = groups
            .iter()
            .map(|g| display_width(&g.name))
            .max()
            .unwrap_or(0)
            .clamp(6, MAX_WIDTH);
        for g in &groups {
            let _ = writeln!(out, "  {}  {}", pad(&g.name, w), t.fairness_row(g));
        }
    }
    let _ = writeln!(out, "\n{}", t.cost_line(&plan.cost));
    let mut ids: Vec<_> = plan.roster.assignments.iter().map(|a| &a.worker).collect();
    ids.sort();
    ids.dedup();
    let _ = writeln!(out, "{}", t.status_line(plan, ids.len()));
    out
}
