//! A one-file HTML page of a layout comparison: no scripts, nothing fetched
//! from the network, small inline SVG charts.

use std::fmt::Write as _;

use super::LayoutResult;

const STYLE: &str = "\
body{font-family:system-ui,sans-serif;margin:1rem;color:#222}\
table{border-collapse:collapse;font-size:.9rem}\
th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:right;vertical-align:middle}\
th:first-child,td:first-child{text-align:left}\
.wrap{overflow-x:auto}svg{display:block}\
@media print{.wrap{overflow:visible}}";

use crate::export::html::esc;

/// A number for SVG coordinates (finite, one decimal).
fn px(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.1}")
    } else {
        "0".into()
    }
}

/// The page: a scatter of cost per unit against P(target met) over every
/// layout, then one table row per layout with its figures, a bar of carers
/// employed and a sparkline of the stock in front of its flexible station
/// over the horizon. `title` is escaped.
///
/// ```
/// let page = flexline::layout::html_page("Layouts", &[]);
/// assert!(page.starts_with("<!DOCTYPE html>") && !page.contains("<script"));
/// ```
pub fn html_page(title: &str, rows: &[LayoutResult]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\
         <title>{}</title><style>{STYLE}</style></head>\n<body>\n<h1>{}</h1>\n",
        esc(title),
        esc(title)
    );
    scatter(&mut out, rows);
    let _ = writeln!(
        out,
        "<div class=\"wrap\"><table><thead><tr><th>#</th><th>layout</th><th>finished</th>\
         <th>target</th><th>cost/unit</th><th>P(met)</th><th>carers employed</th>\
         <th>carer h</th><th>starved h</th><th>blocked h</th><th>stock in front of the flexible station</th>\
         <th>status</th></tr></thead><tbody>"
    );
    for (i, r) in rows.iter().enumerate() {
        let cpu = r
            .cost_per_unit
            .map_or_else(|| "–".to_owned(), |c| format!("{c:.2}"));
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{:.0}</td><td>{:.0}</td><td>{cpu}</td>\
             <td>{:.3} ± {:.3}</td><td>{}</td><td>{:.1}</td><td>{:.1}</td><td>{:.1}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            esc(&r.layout),
            r.finished_units,
            r.target_units,
            r.p_target_met,
            r.p_target_met_std_error,
            carers_bar(r),
            r.carer_hours,
            r.starved_person_minutes / 60.0,
            r.blocked_person_minutes / 60.0,
            sparkline(r),
            esc(&format!("{:?}", r.outcome).to_lowercase()),
        );
    }
    out.push_str("</tbody></table></div>\n<p>P(met): probability that the horizon's finished units reach the demand with random absences. Stock: units waiting in front of the station the layout runs flexible, at the end of every hour of the horizon (and the day after).</p>\n</body></html>\n");
    out
}

fn carers_bar(r: &LayoutResult) -> String {
    let w = 80.0;
    let f = if r.carers > 0 {
        r.carers_employed as f64 / r.carers as f64
    } else {
        0.0
    };
    format!(
        "<svg width=\"130\" height=\"14\" role=\"img\" aria-label=\"{} of {} carers\">\
         <rect x=\"0\" y=\"2\" width=\"{w}\" height=\"10\" fill=\"#eee\"/>\
         <rect x=\"0\" y=\"2\" width=\"{}\" height=\"10\" fill=\"#c2185b\"/>\
         <text x=\"84\" y=\"11\" font-size=\"10\">{}/{}</text></svg>",
        r.carers_employed,
        r.carers,
        px(w * f),
        r.carers_employed,
        r.carers
    )
}

fn sparkline(r: &LayoutResult) -> String {
    let Some(st) = &r.watch_station else {
        return "–".into();
    };
    if r.watch_stock.is_empty() {
        return "–".into();
    }
    let (w, h) = (240.0, 28.0);
    let max = r
        .watch_stock
        .iter()
        .cloned()
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let n = r.watch_stock.len().max(2) - 1;
    let mut pts = String::new();
    for (i, v) in r.watch_stock.iter().enumerate() {
        let _ = write!(
            pts,
            "{},{} ",
            px(w * i as f64 / n as f64),
            px(h - 2.0 - (h - 4.0) * v / max)
        );
    }
    format!(
        "<svg width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"stock in front of {st}, at most {max:.0}\">\
         <polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1\" points=\"{}\"/></svg>\
         <small>{} · max {max:.0}</small>",
        pts.trim_end(),
        esc(st.as_str())
    )
}

fn scatter(out: &mut String, rows: &[LayoutResult]) {
    let pts: Vec<(usize, f64, f64)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.cost_per_unit.map(|c| (i + 1, c, r.p_target_met)))
        .collect();
    if pts.is_empty() {
        return;
    }
    let (w, h, l, b) = (420.0, 220.0, 44.0, 28.0);
    let lo = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if hi - lo < 1e-9 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo))
    };
    let x = |c: f64| l + (w - l - 10.0) * (c - lo) / (hi - lo);
    let y = |p: f64| 10.0 + (h - b - 10.0) * (1.0 - p);
    let _ = write!(
        out,
        "<h2>Cost per unit against P(target met)</h2><div class=\"wrap\">\
         <svg width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"cost per unit against probability of meeting the target\">\
         <line x1=\"{l}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#888\"/>\
         <line x1=\"{l}\" y1=\"10\" x2=\"{l}\" y2=\"{}\" stroke=\"#888\"/>\
         <text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">cost per unit ({lo:.2} – {hi:.2})</text>\
         <text x=\"4\" y=\"14\" font-size=\"11\">P=1</text><text x=\"4\" y=\"{}\" font-size=\"11\">P=0</text>",
        px(h - b),
        px(w - 10.0),
        px(h - b),
        px(h - b),
        px((w + l) / 2.0),
        px(h - 6.0),
        px(h - b)
    );
    for (n, c, p) in &pts {
        let _ = write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#1565c0\"><title>{}</title></circle>\
             <text x=\"{}\" y=\"{}\" font-size=\"10\">{n}</text>",
            px(x(*c)),
            px(y(*p)),
            esc(&rows[*n - 1].layout),
            px(x(*c) + 5.0),
            px(y(*p) - 4.0)
        );
    }
    out.push_str("</svg></div>\n");
}
