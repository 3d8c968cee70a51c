//! The self-contained HTML report: one file, no scripts, no network.
//!
//! Sections: key numbers; an SVG Gantt chart of the horizon (rows = workers
//! grouped by the line and station they mostly work at, bars = shifts
//! coloured by station, caregiving windows shaded grey, rest days tinted,
//! the end of each flexible shift dashed); per line a chart of cumulative
//! finished output against the cumulative target; a daily table with the
//! bottleneck; unmet targets; the cost; and, when given, a diagnosis. The
//! markup is well-formed XML (every element closed, every attribute quoted),
//! so tests parse it as such.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use crate::i18n::{Label, Lang, Messages};
use crate::model::care_intervals;
use crate::model::{time_minute_of_day, ShiftKind, TargetKind};
use crate::model::{Scenario, WorkerId};
use crate::report::{Assignment, Plan};
use crate::tolerance::EPS;

/// What the HTML report shows beyond the plan itself.
///
/// ```
/// let options = flexline::export::HtmlOptions {
///     title: Some("Week 10, motor plant".into()),
///     diagnosis: vec!["Assembly was short of two trained people on Monday.".into()],
///     lang: flexline::Lang::En,
/// };
/// assert_eq!(options.diagnosis.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    /// The page title (default: the scenario's name).
    pub title: Option<String>,
    /// Plain-language lines explaining the plan; shown as a "Diagnosis"
    /// section when not empty.
    pub diagnosis: Vec<String>,
    /// The report's language (its `<html lang>` and every heading and
    /// sentence; scenario names are shown as given).
    pub lang: Lang,
}

/// Pixels per day on the Gantt chart: 6 per hour, so one minute is 0.1 px
/// and every coordinate is exact with one decimal.
const DAY_W: i64 = 144;
/// Width of the worker names column.
const LABEL_W: i64 = 170;
/// Height of a worker row.
const ROW_H: i64 = 16;
/// Height of a group heading row.
const GROUP_H: i64 = 20;
/// Height of the date header.
const HEAD_H: i64 = 24;
/// Station colours (fill and legend swatch), cycled.
pub(crate) const PALETTE: [&str; 12] = [
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#2f4b7c", "#8cd17d", "#d37295",
];

const STYLE: &str = "\
*{box-sizing:border-box}\
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC',sans-serif;\
margin:0 auto;max-width:1240px;padding:12px;color:#222;background:#fff}\
h1{font-size:1.45em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:1px solid #ddd}\
p{margin:.3em 0}.muted{color:#666}\
.cards{display:flex;flex-wrap:wrap;gap:8px;margin:.6em 0}\
.card{border:1px solid #ddd;border-radius:6px;padding:6px 10px;min-width:128px}\
.card b{display:block;font-size:1.3em}\
.scroll{overflow-x:auto;border:1px solid #eee}\
.legend{margin:.4em 0}.legend span{display:inline-block;margin:0 12px 2px 0;max-width:100%}\
.sw{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;margin-right:4px}\
table{border-collapse:collapse;font-size:13px;margin:.3em 0}\
td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}\
th{background:#f6f6f6}td.l,th.l{text-align:left}\
.short{color:#b00020;font-weight:bold}.ok{color:#2e7d32}\
svg text{font-size:11px;fill:#222}svg .grp{font-weight:bold;font-size:12px}\
.cw{fill:#c8c8c8}.rest{fill:#f6f0df}.hol{fill:#fbe3e3}.zebra{fill:#f7f7f7}\
path{fill:none}.grid{stroke:#999;stroke-width:1}.tick{stroke:#e4e4e4;stroke-width:1}\
.flexend{stroke:#c0392b;stroke-width:1;stroke-dasharray:4 3}\
.fin{fill:none;stroke:#1f77b4;stroke-width:2.5}.tgt{fill:none;stroke:#d62728;stroke-width:2;stroke-dasharray:6 4}\
.dot{fill:#1f77b4}path.bd{fill:#d62728}.axis{stroke:#444;stroke-width:1}\
.bar{stroke:#fff;stroke-width:.5}\
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{flex:1 1 420px;max-width:640px}\
@media (max-width:640px){body{font-size:13px;padding:6px}table{font-size:12px}td,th{padding:2px 4px}}\
@media print{body{max-width:none;padding:0}.scroll{overflow:visible;border:0}\
svg{max-width:100%;height:auto}h2{break-after:avoid}table,.chart{break-inside:avoid}}";

/// Escapes text for HTML/XML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn display<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.is_empty() {
        id
    } else {
        name
    }
}

/// Minutes to Gantt x (0.1 px per minute), as exact one-decimal text.
fn px(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    format!("{sign}{}.{}", m / 10, m % 10)
}

fn num(x: f64, decimals: usize) -> String {
    // One-decimal figures are rounded as every other report rounds them.
    if decimals == 1 {
        crate::text::units(x)
    } else {
        format!("{x:.decimals$}")
    }
}

fn money(x: f64) -> String {
    let whole = format!("{:.2}", x.abs());
    let (int, frac) = whole.split_at(whole.len() - 3);
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}{grouped}{frac}", if x < 0.0 { "-" } else { "" })
}

/// The report as one self-contained HTML5 file (no scripts, no external
/// resources; about 1 KB per worker-week).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// # let scenario = flexline::Scenario::from_json_str(&json)?;
/// use flexline::export::{html_report, HtmlOptions};
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let html = html_report(&scenario, &plan, &HtmlOptions::default());
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert_eq!(html.matches("class=\"bar ").count(), plan.roster.assignments.len());
/// assert!(!html.contains("<script") && !html.contains("http"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn html_report(scenario: &Scenario, plan: &Plan, options: &HtmlOptions) -> String {
    let mut out = String::with_capacity(4096 + 1200 * scenario.workers.len());
    let t = options.lang.text();
    let title = options.title.clone().unwrap_or_else(|| {
        if scenario.name.is_empty() {
            t.label(Label::DefaultTitle).to_owned()
        } else {
            scenario.name.clone()
        }
    });
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"/>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\
         <meta name=\"generator\" content=\"flexline {}\"/>\
         <title>{}</title><style>{STYLE}</style></head>\n<body>\n",
        options.lang.tag(),
        env!("CARGO_PKG_VERSION"),
        esc(&title)
    );
    header(&mut out, t, scenario, plan, &title);
    gantt(&mut out, t, scenario, plan);
    output_charts(&mut out, t, scenario, plan);
    stock_charts(&mut out, t, scenario, plan);
    daily_table(&mut out, t, plan);
    targets(&mut out, t, options.lang, plan);
    fairness(&mut out, t, scenario, plan);
    cost(&mut out, t, plan);
    if !options.diagnosis.is_empty() {
        let _ = write!(
            out,
            "<section id=\"diagnosis\"><h2>{}</h2><ul>",
            t.label(Label::Diagnosis)
        );
        for line in &options.diagnosis {
            let _ = write!(out, "<li>{}</li>", esc(line));
        }
        out.push_str("</ul></section>\n");
    }
    let _ = write!(
        out,
        "<footer><p class=\"muted\">flexline {}. {}</p></footer>\n</body></html>\n",
        env!("CARGO_PKG_VERSION"),
        t.label(Label::Footer)
    );
    out
}

fn header(out: &mut String, t: &dyn Messages, s: &Scenario, plan: &Plan, title: &str) {
    let st = &plan.status;
    let gap = st
        .gap
        .map(|g| format!("{} %", num(g * 100.0, 2)))
        .unwrap_or_else(|| t.label(Label::Unknown).into());
    let mut people: Vec<&WorkerId> = plan.roster.assignments.iter().map(|a| &a.worker).collect();
    people.sort();
    people.dedup();
    let met = plan
        .throughput
        .targets
        .iter()
        .filter(|t| t.shortfall_units <= EPS)
        .count();
    let finished: f64 = plan.throughput.lines.iter().map(|l| l.finished_units).sum();
    let _ = write!(
        out,
        "<header><h1>{}</h1><p>{}</p></header>\n\
         <section id=\"summary\"><div class=\"cards\">\
         <div class=\"card\">{}<b>{}</b></div>\
         <div class=\"card\">{}<b>{}</b></div>\
         <div class=\"card\">{}<b>{}</b></div>\
         <div class=\"card\">{}<b>{}</b></div>\
         <div class=\"card\">{}<b class=\"{}\">{}</b></div>\
         <div class=\"card\">{}<b>{}</b></div>\
         </div></section>\n",
        esc(title),
        esc(&t.report_subtitle(plan, s.horizon.start, s.horizon.end, s.horizon.len(), &gap)),
        t.label(Label::PeopleRostered),
        t.of(&people.len().to_string(), &s.workers.len().to_string()),
        t.label(Label::Shifts),
        plan.roster.assignments.len(),
        t.label(Label::PaidHours),
        num(plan.roster.total_hours(), 1),
        t.label(Label::FinishedUnits),
        num(finished, 0),
        t.label(Label::TargetsMet),
        if met == plan.throughput.targets.len() {
            "ok"
        } else {
            "short"
        },
        t.of(&met.to_string(), &plan.throughput.targets.len().to_string()),
        t.label(Label::Wages),
        money(plan.cost.wages_total),
    );
}

/// Merges overlapping or touching intervals.
fn merge(mut v: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    v.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(v.len());
    for (a, b) in v {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

fn gantt(out: &mut String, t: &dyn Messages, s: &Scenario, plan: &Plan) {
    let axis0: NaiveDateTime = s.horizon.start.and_hms_opt(0, 0, 0).unwrap_or_default();
    let minutes = |t: NaiveDateTime| (t - axis0).num_minutes();
    let mut days = s.horizon.len() as i64;
    for a in &plan.roster.assignments {
        days = days.max((minutes(a.end) + 1439).div_euclid(1440));
    }
    let days = days.clamp(1, 400);
    let end_min = days * 1440;
    let clip = |m: i64| m.clamp(0, end_min);

    // Stations: global index (colour), line index, position in line.
    let mut station_of: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    let mut station_names: Vec<(String, String)> = Vec::new();
    for (li, l) in s.lines.iter().enumerate() {
        for (pi, st) in l.stations.iter().enumerate() {
            station_of
                .entry(st.id.as_str())
                .or_insert((station_names.len(), li, pi));
            station_names.push((
                display(&l.name, l.id.as_str()).to_owned(),
                display(&st.name, st.id.as_str()).to_owned(),
            ));
        }
    }
    for a in &plan.roster.assignments {
        if !station_of.contains_key(a.station.as_str()) {
            station_of.insert(a.station.as_str(), (station_names.len(), usize::MAX, 0));
            station_names.push((a.line.to_string(), a.station.to_string()));
        }
    }

    // Rows: scenario workers, then roster workers the scenario lacks.
    let mut by_worker: HashMap<&WorkerId, Vec<&Assignment>> = HashMap::new();
    for a in &plan.roster.assignments {
        by_worker.entry(&a.worker).or_default().push(a);
    }
    let mut rows: Vec<(&WorkerId, String, Option<&crate::model::Worker>)> = s
        .workers
        .iter()
        .map(|w| {
            let label = if w.name.is_empty() {
                w.id.to_string()
            } else {
                format!("{} ({})", w.name, w.id)
            };
            (&w.id, label, Some(w))
        })
        .collect();
    for a in &plan.roster.assignments {
        if s.worker(&a.worker).is_none() && !rows.iter().any(|r| r.0 == &a.worker) {
            rows.push((&a.worker, a.worker.to_string(), None));
        }
    }
    // Group of a row: the station it works most (ties: flow order); none = last.
    let group_of = |id: &WorkerId| -> Option<usize> {
        let mut count: HashMap<usize, usize> = HashMap::new();
        for a in by_worker.get(id).into_iter().flatten() {
            *count.entry(station_of[a.station.as_str()].0).or_default() += 1;
        }
        count
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(g, _)| g)
    };
    let mut grouped: Vec<(usize, usize)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (group_of(r.0).unwrap_or(usize::MAX), i))
        .collect();
    grouped.sort_unstable();
    let n_groups = {
        let mut g: Vec<usize> = grouped.iter().map(|x| x.0).collect();
        g.dedup();
        g.len() as i64
    };
    let width = LABEL_W + days * DAY_W + 4;
    let height = HEAD_H + n_groups * GROUP_H + rows.len() as i64 * ROW_H + 4;

    let _ = write!(
        out,
        "<section id=\"gantt\"><h2>{}</h2>\n<div class=\"legend\">",
        t.label(Label::GanttHeading)
    );
    let mut used: Vec<usize> = plan
        .roster
        .assignments
        .iter()
        .map(|a| station_of[a.station.as_str()].0)
        .collect();
    used.sort_unstable();
    used.dedup();
    for &k in &used {
        let (l, st) = &station_names[k];
        let _ = write!(
            out,
            "<span><i class=\"sw\" style=\"background:{}\"></i>{} · {}</span>",
            PALETTE[k % PALETTE.len()],
            esc(l),
            esc(st)
        );
    }
    let _ = write!(
        out,
        "<span><i class=\"sw\" style=\"background:#c8c8c8\"></i>{}</span>\
         <span><i class=\"sw\" style=\"background:#f6f0df\"></i>{}</span>",
        t.label(Label::CaregivingShaded),
        t.label(Label::RestDay)
    );
    if !s.calendar.public_holidays.is_empty() {
        let _ = write!(
            out,
            "<span><i class=\"sw\" style=\"background:#fbe3e3\"></i>{}</span>",
            t.label(Label::PublicHoliday)
        );
    }
    let flex: Vec<&crate::model::ShiftTemplate> = s
        .shifts
        .iter()
        .filter(|t| t.kind == ShiftKind::Flexible)
        .collect();
    if !flex.is_empty() {
        let ends: Vec<String> = flex
            .iter()
            .map(|t| t.end.format("%H:%M").to_string())
            .collect();
        let _ = write!(
            out,
            "<span><i class=\"sw\" style=\"background:#c0392b;height:2px\"></i>{}</span>",
            esc(&t.flexible_ends(&ends.join(", ")))
        );
    }
    out.push_str("</div>\n<div class=\"scroll\">");
    let _ = write!(
        out,
        "<svg class=\"gantt\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-label=\"{}\">",
        t.label(Label::GanttAria)
    );
    // Palette as classes, so each bar carries a short class, not a colour.
    out.push_str("<style>");
    for (k, c) in PALETTE.iter().enumerate() {
        let _ = write!(out, ".c{k}{{fill:{c}}}");
    }
    out.push_str("</style>");
    // Day backgrounds (rest days, holidays), grid, date labels.
    let body_top = HEAD_H;
    let body_h = height - HEAD_H;
    for d in 0..days {
        let Some(date) = s.horizon.start.checked_add_signed(Duration::days(d)) else {
            break;
        };
        let class = if s.calendar.is_public_holiday(date) {
            Some("hol")
        } else if s.calendar.is_rest_day(date) {
            Some("rest")
        } else {
            None
        };
        if let Some(class) = class {
            let _ = write!(
                out,
                "<rect class=\"{class}\" x=\"{}\" y=\"{body_top}\" width=\"{DAY_W}\" height=\"{body_h}\"/>",
                LABEL_W + d * DAY_W
            );
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"16\" text-anchor=\"middle\">{}</text>",
            LABEL_W + d * DAY_W + DAY_W / 2,
            esc(&t.day_column(date))
        );
    }
    let mut ticks = String::new();
    let mut grid = String::new();
    for d in 0..=days {
        let x = LABEL_W + d * DAY_W;
        let _ = write!(grid, "M{x} {body_top}V{height}");
        if d < days {
            for h in [6, 12, 18] {
                let _ = write!(ticks, "M{} {body_top}V{height}", x + h * 6);
            }
        }
    }
    let _ = write!(out, "<path class=\"tick\" d=\"{ticks}\"/>");
    let mut flex_path = String::new();
    for d in 0..days {
        let Some(date) = s.horizon.start.checked_add_signed(Duration::days(d)) else {
            break;
        };
        for t in &flex {
            if t.days.contains(&date.weekday()) {
                let m = d * 1440 + time_minute_of_day(t.start) + t.duration_minutes();
                if m <= end_min {
                    let _ = write!(flex_path, "M{} {body_top}V{height}", px(LABEL_W * 10 + m));
                }
            }
        }
    }

    let mut y = HEAD_H;
    let mut current_group: Option<usize> = None;
    let mut zebra = false;
    for &(g, i) in &grouped {
        if current_group != Some(g) {
            current_group = Some(g);
            let label = if g == usize::MAX {
                t.label(Label::NotRostered).to_owned()
            } else {
                let (l, st) = &station_names[g];
                format!("{l} · {st}")
            };
            let _ = write!(
                out,
                "<text class=\"grp\" x=\"4\" y=\"{}\">{}</text>",
                y + GROUP_H - 6,
                esc(&label)
            );
            y += GROUP_H;
        }
        let (id, label, worker) = &rows[i];
        let _ = write!(
            out,
            "<g class=\"wr\" data-w=\"{}\" transform=\"translate(0,{y})\">",
            esc(id.as_str())
        );
        if zebra {
            let _ = write!(
                out,
                "<rect class=\"zebra\" x=\"0\" y=\"0\" width=\"{width}\" height=\"{ROW_H}\"/>"
            );
        }
        zebra = !zebra;
        let short: String = if label.chars().count() > 28 {
            label.chars().take(27).chain(['…']).collect()
        } else {
            label.clone()
        };
        let _ = write!(out, "<text x=\"4\" y=\"12\">{}</text>", esc(&short));
        if let Some(w) = worker {
            let windows: Vec<(i64, i64)> = care_intervals(s, w)
                .into_iter()
                .map(|(a, b)| (clip(a), clip(b)))
                .filter(|(a, b)| b > a)
                .collect();
            for (a, b) in merge(windows) {
                let _ = write!(
                    out,
                    "<rect class=\"cw\" x=\"{}\" y=\"1\" width=\"{}\" height=\"{}\"/>",
                    px(LABEL_W * 10 + a),
                    px(b - a),
                    ROW_H - 2
                );
            }
        }
        for a in by_worker.get(id).into_iter().flatten() {
            let (m0, m1) = (clip(minutes(a.start)), clip(minutes(a.end)));
            let k = station_of[a.station.as_str()].0;
            let who = worker
                .map(|w| display(&w.name, w.id.as_str()))
                .unwrap_or(a.worker.as_str());
            let _ = write!(
                out,
                "<rect class=\"bar c{}\" x=\"{}\" y=\"3\" width=\"{}\" height=\"{}\" rx=\"2\">\
                 <title>{}</title></rect>",
                k % PALETTE.len(),
                px(LABEL_W * 10 + m0),
                px((m1 - m0).max(0)),
                ROW_H - 6,
                esc(&t.bar_title(
                    who,
                    a.shift.as_str(),
                    a.start,
                    a.end,
                    &station_names[k].1,
                    &station_names[k].0,
                    num(a.paid_hours, 2)
                        .trim_end_matches('0')
                        .trim_end_matches('.'),
                )),
            );
        }
        out.push_str("</g>");
        y += ROW_H;
    }
    let _ = write!(out, "<path class=\"grid\" d=\"{grid}\"/>");
    if !flex_path.is_empty() {
        let _ = write!(out, "<path class=\"flexend\" d=\"{flex_path}\"/>");
    }
    out.push_str("</svg></div></section>\n");
}

/// The value axis of a chart: `steps` + 1 ticks from 0 to `ymax` with their
/// labels, and the axis lines. `margins` = (left, right, top, bottom),
/// `size` = (width, height).
fn y_axis(
    out: &mut String,
    steps: u32,
    ymax: f64,
    yat: impl Fn(f64) -> f64,
    (left, right, top, bottom): (f64, f64, f64, f64),
    (w, h): (f64, f64),
) {
    for k in 0..=steps {
        let v = ymax * f64::from(k) / f64::from(steps);
        let yy = yat(v);
        let _ = write!(
            out,
            "<path class=\"tick\" d=\"M{left} {yy:.1}H{:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            w - right,
            left - 4.0,
            yy + 4.0,
            num(v, 0)
        );
    }
    let _ = write!(
        out,
        "<path class=\"axis\" d=\"M{left} {top}V{:.1}H{:.1}\"/>",
        h - bottom,
        w - right
    );
}

fn nice_max(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(x.log10().floor());
    for step in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if step * mag >= x {
            return step * mag;
        }
    }
    10.0 * mag
}

fn output_charts(out: &mut String, t: &dyn Messages, s: &Scenario, plan: &Plan) {
    const W: f64 = 640.0;
    const H: f64 = 250.0;
    const LEFT: f64 = 56.0;
    const RIGHT: f64 = 16.0;
    const TOP: f64 = 14.0;
    const BOTTOM: f64 = 42.0;
    let _ = write!(
        out,
        "<section id=\"output\"><h2>{}</h2>\
         <p class=\"legend\"><span><i class=\"sw\" style=\"background:#1f77b4\"></i>{}</span>\
         <span><i class=\"sw\" style=\"background:#d62728\"></i>{}</span></p><div class=\"charts\">",
        t.label(Label::OutputHeading),
        t.label(Label::OutputLegendFinished),
        t.label(Label::OutputLegendTarget)
    );
    let dates = s.horizon.dates();
    let nd = dates.len().max(1) as f64;
    for line in &s.lines {
        let days: Vec<_> = plan
            .throughput
            .lines
            .iter()
            .filter(|l| l.line == line.id)
            .collect();
        let mut cum_fin = Vec::with_capacity(dates.len());
        let mut cum_tgt = Vec::with_capacity(dates.len());
        let (mut f, mut due) = (0.0, 0.0);
        for &d in &dates {
            f += days
                .iter()
                .filter(|l| l.date == d)
                .map(|l| l.finished_units)
                .sum::<f64>();
            due += s
                .targets
                .iter()
                .filter(|x| x.line == line.id && x.kind != TargetKind::ByDate && x.date == d)
                .map(|x| x.units)
                .sum::<f64>();
            cum_fin.push(f);
            cum_tgt.push(due);
        }
        let milestones: Vec<(usize, f64)> = s
            .targets
            .iter()
            .filter(|x| x.line == line.id && x.kind == TargetKind::ByDate)
            .filter_map(|x| s.horizon.index_of(x.date).map(|i| (i, x.units)))
            .collect();
        let top = cum_fin
            .iter()
            .chain(cum_tgt.iter())
            .copied()
            .chain(milestones.iter().map(|m| m.1))
            .fold(0.0, f64::max);
        let ymax = nice_max(top * 1.05);
        let xat = |i: f64| LEFT + (W - LEFT - RIGHT) * i / nd;
        let yat = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / ymax);
        let name = display(&line.name, line.id.as_str());
        let due_text = (due > 0.0).then(|| num(due, 0));
        let milestone_text: Vec<(String, NaiveDate)> = milestones
            .iter()
            .map(|&(i, units)| (num(units, 0), dates[i]))
            .collect();
        let _ = write!(
            out,
            "<div class=\"chart\"><p><b>{}</b>: {}</p>\
             <svg width=\"100%\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
            esc(name),
            esc(&t.line_finished(&num(f, 0), due_text.as_deref(), &milestone_text)),
            esc(&t.chart_aria(name))
        );
        y_axis(out, 4, ymax, yat, (LEFT, RIGHT, TOP, BOTTOM), (W, H));
        for (i, d) in dates.iter().enumerate() {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                xat(i as f64 + 1.0),
                H - BOTTOM + 16.0,
                esc(&t.weekday(*d))
            );
        }
        let series = |vals: &[f64]| -> String {
            let mut p = format!("{:.1},{:.1}", xat(0.0), yat(0.0));
            for (i, v) in vals.iter().enumerate() {
                let _ = write!(p, " {:.1},{:.1}", xat(i as f64 + 1.0), yat(*v));
            }
            p
        };
        if due > 0.0 {
            let _ = write!(
                out,
                "<polyline class=\"tgt\" points=\"{}\"/>",
                series(&cum_tgt)
            );
        }
        let _ = write!(
            out,
            "<polyline class=\"fin\" points=\"{}\"/>",
            series(&cum_fin)
        );
        for (i, v) in cum_fin.iter().enumerate() {
            let _ = write!(
                out,
                "<circle class=\"dot\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\"><title>{}</title></circle>",
                xat(i as f64 + 1.0),
                yat(*v),
                esc(&t.finished_so_far(dates[i], &num(*v, 1)))
            );
        }
        for &(i, units) in &milestones {
            let (cx, cy) = (xat(i as f64 + 1.0), yat(units));
            let _ = write!(
                out,
                "<path class=\"bd\" d=\"M{cx:.1} {:.1}l5 5l-5 5l-5 -5z\"><title>{}</title></path>",
                cy - 5.0,
                esc(&t.units_by(&num(units, 0), dates[i]))
            );
        }
        out.push_str("</svg></div>");
    }
    out.push_str("</div></section>\n");
}

/// Stock waiting in front of each station (after a line's first) over the
/// horizon: the plan's stock at the end of every interval in which the
/// station works, and at 24:00 of every date.
fn stock_charts(out: &mut String, t: &dyn Messages, s: &Scenario, plan: &Plan) {
    const W: f64 = 640.0;
    const H: f64 = 200.0;
    const LEFT: f64 = 56.0;
    const RIGHT: f64 = 16.0;
    const TOP: f64 = 14.0;
    const BOTTOM: f64 = 36.0;
    const COLOURS: [&str; 6] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
    ];
    let lines: Vec<_> = s.lines.iter().filter(|l| l.stations.len() > 1).collect();
    if lines.is_empty() {
        return;
    }
    let Some(origin) = s.horizon.start.and_hms_opt(0, 0, 0) else {
        return;
    };
    let span = (s.horizon.len() as f64) * 1440.0;
    let _ = write!(
        out,
        "<section id=\"stock\"><h2>{}</h2><p class=\"legend\">{}</p><div class=\"charts\">",
        t.label(Label::StockHeading),
        t.label(Label::StockLegend)
    );
    for line in lines {
        let mut series: Vec<(String, Vec<(f64, f64)>)> = Vec::new();
        for st in line.stations.iter().skip(1) {
            let mut pts: Vec<(f64, f64)> = vec![(0.0, st.initial_stock)];
            for iv in plan
                .throughput
                .intervals
                .iter()
                .filter(|i| i.station == st.id)
            {
                pts.push(((iv.end - origin).num_minutes() as f64, iv.stock_end));
            }
            for sd in plan
                .throughput
                .stations
                .iter()
                .filter(|x| x.station == st.id)
            {
                if let Some(midnight) = (sd.date + Duration::days(1)).and_hms_opt(0, 0, 0) {
                    pts.push(((midnight - origin).num_minutes() as f64, sd.stock_end));
                }
            }
            pts.retain(|p| p.0 <= span);
            pts.sort_by(|a, b| a.0.total_cmp(&b.0));
            series.push((display(&st.name, st.id.as_str()).to_owned(), pts));
        }
        let top = series
            .iter()
            .flat_map(|(_, p)| p.iter().map(|x| x.1))
            .fold(0.0, f64::max);
        let ymax = nice_max(top * 1.05);
        let xat = |m: f64| LEFT + (W - LEFT - RIGHT) * m / span.max(1.0);
        let yat = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / ymax);
        let name = display(&line.name, line.id.as_str());
        let _ = write!(out, "<div class=\"chart\"><p><b>{}</b>", esc(name));
        for (i, (st, _)) in series.iter().enumerate() {
            let _ = write!(
                out,
                " <span><i class=\"sw\" style=\"background:{}\"></i>{}</span>",
                COLOURS[i % COLOURS.len()],
                esc(st)
            );
        }
        let _ = write!(
            out,
            "</p><svg width=\"100%\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"stock in front of the stations of {}\">",
            esc(name)
        );
        y_axis(out, 2, ymax, yat, (LEFT, RIGHT, TOP, BOTTOM), (W, H));
        for (i, d) in s.horizon.dates().iter().enumerate() {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                xat(i as f64 * 1440.0 + 720.0),
                H - BOTTOM + 16.0,
                d.format("%a")
            );
        }
        for (i, (st, pts)) in series.iter().enumerate() {
            let mut p = String::new();
            for &(m, v) in pts {
                let _ = write!(p, "{:.1},{:.1} ", xat(m), yat(v));
            }
            let _ = write!(
                out,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\"><title>{}</title></polyline>",
                p.trim_end(),
                COLOURS[i % COLOURS.len()],
                esc(st)
            );
        }
        out.push_str("</svg></div>");
    }
    out.push_str("</div></section>\n");
}

fn daily_table(out: &mut String, t: &dyn Messages, plan: &Plan) {
    let util: HashMap<(&str, NaiveDate), (f64, u32)> = plan
        .throughput
        .stations
        .iter()
        .map(|sd| ((sd.station.as_str(), sd.date), (sd.utilisation, sd.workers)))
        .collect();
    let _ = write!(
        out,
        "<section id=\"bottlenecks\"><h2>{}</h2><div class=\"scroll\"><table>\
         <tr><th class=\"l\">{}</th><th class=\"l\">{}</th><th>{}</th><th>{}</th>\
         <th>{}</th><th>{}</th><th class=\"l\">{}</th></tr>",
        t.label(Label::DailyHeading),
        t.label(Label::Line),
        t.label(Label::Date),
        t.label(Label::Finished),
        t.label(Label::TargetDue),
        t.label(Label::Delivered),
        t.label(Label::Held),
        t.label(Label::BottleneckPeopleUse)
    );
    for l in &plan.throughput.lines {
        let bottleneck = match &l.bottleneck {
            Some(b) => match util.get(&(b.as_str(), l.date)) {
                Some((u, people)) => {
                    format!("{} ({people}, {} %)", esc(b.as_str()), num(u * 100.0, 0))
                }
                None => esc(b.as_str()),
            },
            None => t.label(Label::NothingPlanned).into(),
        };
        let short = l
            .target_units
            .map(|t| l.delivered_units + EPS < t)
            .unwrap_or(false);
        let _ = write!(
            out,
            "<tr><td class=\"l\">{}</td><td class=\"l\">{}</td><td>{}</td><td>{}</td><td{}>{}</td><td>{}</td><td class=\"l\">{}</td></tr>",
            esc(l.line.as_str()),
            esc(&format!("{} {}", l.date, t.weekday(l.date))),
            num(l.finished_units, 1),
            l.target_units.map(|x| num(x, 0)).unwrap_or_else(|| "–".into()),
            if short { " class=\"short\"" } else { "" },
            num(l.delivered_units, 1),
            num(l.finished_stock_end, 1),
            bottleneck
        );
    }
    out.push_str("</table></div></section>\n");
}

fn targets(out: &mut String, t: &dyn Messages, lang: Lang, plan: &Plan) {
    let _ = write!(
        out,
        "<section id=\"targets\"><h2>{}</h2>",
        t.label(Label::Targets)
    );
    if plan.throughput.targets.is_empty() {
        let _ = write!(out, "<p>{}</p>", t.label(Label::NoTargets));
    } else if plan.unmet.is_empty() {
        let _ = write!(
            out,
            "<p class=\"ok\">{}</p>",
            esc(&t.all_targets_met(plan.throughput.targets.len()))
        );
    } else {
        let _ = write!(
            out,
            "<p class=\"short\">{}</p><ul>",
            esc(&t.targets_not_met(plan.unmet.len(), plan.throughput.targets.len()))
        );
        for u in &plan.unmet {
            let _ = write!(out, "<li>{}</li>", esc(&u.explanation_in(lang)));
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>\n");
}

/// Each fairness group's min / mean / max of paid hours and weekends worked.
fn fairness(out: &mut String, t: &dyn Messages, s: &Scenario, plan: &Plan) {
    let groups = crate::report::fairness(s, &plan.roster);
    if groups.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section id=\"fairness\"><h2>{}</h2><table><tr><th class=\"l\">{}</th><th>{}</th>\
         <th>{}</th><th>{}</th></tr>",
        t.label(Label::FairHours),
        t.label(Label::Group),
        t.label(Label::Members),
        t.label(Label::HoursMinMeanMax),
        t.label(Label::WeekendsMinMeanMax)
    );
    let three = |x: &crate::report::Spread| {
        format!("{} / {} / {}", num(x.min, 1), num(x.mean, 1), num(x.max, 1))
    };
    for g in &groups {
        let _ = write!(
            out,
            "<tr><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&g.name),
            g.members,
            three(&g.hours),
            three(&g.weekends)
        );
    }
    out.push_str("</table></section>\n");
}

fn cost(out: &mut String, t: &dyn Messages, plan: &Plan) {
    let c = &plan.cost;
    let mut rows: Vec<(Label, String)> = vec![
        (Label::BaseWages, money(c.base_wages)),
        (Label::OvertimePremium, money(c.overtime_premium)),
        (Label::RestDayPremium, money(c.rest_day_premium)),
        (Label::HolidayPremium, money(c.holiday_premium)),
        (Label::WagesTotal, money(c.wages_total)),
        (Label::WeeklyOvertimeHours, num(c.weekly_overtime_hours, 1)),
        (Label::TargetUnitsShort, num(c.shortfall_units, 1)),
        (Label::ShortfallPenalty, money(c.shortfall_penalty)),
        (
            Label::ContractHoursMissing,
            num(c.contract_hours_missing, 1),
        ),
        (Label::ContractPenalty, money(c.contract_penalty)),
    ];
    if c.fairness_penalty > 0.0 {
        rows.push((Label::FairnessPenalty, money(c.fairness_penalty)));
    }
    rows.push((Label::Objective, money(c.objective)));
    let _ = write!(
        out,
        "<section id=\"cost\"><h2>{}</h2><table>",
        t.label(Label::Cost)
    );
    for (k, v) in rows {
        let _ = write!(
            out,
            "<tr><td class=\"l\">{}</td><td>{v}</td></tr>",
            t.label(k)
        );
    }
    out.push_str("</table></section>\n");
}
