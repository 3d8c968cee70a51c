//! The XML roster format of the benchmark site (schedulingbenchmarks.org) and
//! its RosterViewer:
//!
//! ```xml
//! <Roster xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="Roster.xsd">
//!   <SchedulingPeriodFile>Instance2.ros</SchedulingPeriodFile>
//!   <Penalty>828</Penalty>
//!   <Employee ID="A">
//!     <Assign><Day>0</Day><Shift>E</Shift></Assign>
//!   </Employee>
//! </Roster>
//! ```
//!
//! Days are 0-based indices from the horizon's first date (the reader also
//! accepts `<Date>yyyy-mm-dd</Date>`); days not listed are off.

use chrono::NaiveDate;

use crate::error::Error;
use crate::model::{Scenario, ShiftId, WorkerId};
use crate::report::{Assignment, Roster};

/// What the writer puts in the file besides the assignments.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RosterMeta {
    /// The instance file the roster is for, relative to the roster file
    /// (e.g. `Instance2.ros`).
    pub scheduling_period_file: String,
    /// The roster's penalty, if known.
    pub penalty: Option<f64>,
    /// Who found it (e.g. "flexline 0.1.0").
    pub found_by: Option<String>,
    /// CPU seconds spent.
    pub cpu_seconds: Option<f64>,
}

/// A roster read from XML: the metadata and the assignments.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterFile {
    /// Metadata found in the file.
    pub meta: RosterMeta,
    /// The roster, with lines, stations and times filled in from the scenario.
    pub roster: Roster,
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Writes `roster` in the site's XML format. Employees appear in scenario
/// order, each with their assignments by day; days are indices from the
/// horizon start.
///
/// ```
/// # let text = "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,2400,0,5,1,1,1\n\
/// #   SECTION_DAYS_OFF\nA,6\nSECTION_SHIFT_ON_REQUESTS\nSECTION_SHIFT_OFF_REQUESTS\nSECTION_COVER\n0,D,1,100,1\n";
/// # let scenario = flexline::formats::NrpInstance::parse(text)?.to_scenario("tiny");
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let meta = flexline::formats::RosterMeta {
///     scheduling_period_file: "tiny.ros".into(),
///     penalty: Some(plan.cost.objective),
///     ..Default::default()
/// };
/// let xml = flexline::formats::write_roster_xml(&scenario, &plan.roster, &meta);
/// let back = flexline::formats::read_roster_xml(&xml, &scenario)?;
/// assert_eq!(back.roster, plan.roster);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_roster_xml(scenario: &Scenario, roster: &Roster, meta: &RosterMeta) -> String {
    let mut out = String::with_capacity(64 * roster.assignments.len() + 512);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<Roster xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"Roster.xsd\">\n");
    out.push_str(&format!(
        "  <SchedulingPeriodFile>{}</SchedulingPeriodFile>\n",
        escape(&meta.scheduling_period_file)
    ));
    if let Some(p) = meta.penalty {
        out.push_str(&format!("  <Penalty>{}</Penalty>\n", fmt_number(p)));
    }
    if let Some(who) = &meta.found_by {
        out.push_str(&format!("  <FoundBy>{}</FoundBy>\n", escape(who)));
    }
    if let Some(t) = meta.cpu_seconds {
        out.push_str(&format!("  <CpuTime>{t:.2}</CpuTime>\n"));
    }
    for w in &scenario.workers {
        out.push_str(&format!("  <Employee ID=\"{}\">\n", escape(w.id.as_str())));
        let mut mine: Vec<&Assignment> = roster.of_worker(&w.id).collect();
        mine.sort_by_key(|a| a.date);
        for a in mine {
            let day = (a.date - scenario.horizon.start).num_days();
            out.push_str(&format!(
                "    <Assign><Day>{day}</Day><Shift>{}</Shift></Assign>\n",
                escape(a.shift.as_str())
            ));
        }
        out.push_str("  </Employee>\n");
    }
    out.push_str("</Roster>\n");
    out
}

fn fmt_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Deepest element nesting the XML reader accepts.
pub const MAX_XML_DEPTH: usize = 64;
/// Most XML nodes the reader accepts (elements, text, attributes).
pub const MAX_XML_NODES: u32 = 10_000_000;

/// The 1-based line where `xml` first nests elements deeper than `limit`, if
/// it does. A cheap scan: comments, CDATA, processing instructions and
/// declarations are skipped, quoted attribute values are honoured.
fn too_deep(xml: &str, limit: usize) -> Option<usize> {
    let b = xml.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let skip_to = |from: usize, end: &[u8]| {
        b[from..]
            .windows(end.len())
            .position(|w| w == end)
            .map_or(b.len(), |p| from + p + end.len())
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = skip_to(i + 4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = skip_to(i + 9, b"]]>");
        } else if rest.starts_with(b"<?") {
            i = skip_to(i + 2, b"?>");
        } else if rest.starts_with(b"<!") {
            i = skip_to(i + 2, b">");
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i = skip_to(i + 2, b">");
        } else {
            // An opening tag: find its end outside quotes.
            let mut j = i + 1;
            let mut quote = None;
            while j < b.len() {
                match (quote, b[j]) {
                    (None, b'"' | b'\'') => quote = Some(b[j]),
                    (Some(q), c) if c == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            let self_closing = j > i && b.get(j - 1) == Some(&b'/');
            if !self_closing {
                depth += 1;
                if depth > limit {
                    return Some(xml[..i].bytes().filter(|&c| c == b'\n').count() + 1);
                }
            }
            i = j + 1;
        }
    }
    None
}

/// Reads a roster in the site's XML format for `scenario`.
///
/// Each `<Assign>` becomes an [`Assignment`] at the first station (in line
/// order) that runs the shift and needs a skill the worker has. Unknown
/// employees or shifts, days outside the horizon, two shifts on one day and
/// malformed XML are errors naming the line.
pub fn read_roster_xml(xml: &str, scenario: &Scenario) -> Result<RosterFile, Error> {
    let xml = crate::text::strip_bom(xml);
    if xml.trim().is_empty() {
        return Err(Error::Empty {
            file: None,
            expected: "a roster is an XML document with a <Roster> element",
        });
    }
    // The parser recurses once per level of nesting: refuse deep documents
    // before parsing (a roster is 4 levels deep).
    if let Some(line) = too_deep(xml, MAX_XML_DEPTH) {
        return Err(Error::Format {
            file: None,
            line,
            message: format!(
                "elements are nested more than {MAX_XML_DEPTH} levels deep; a roster nests \
                 <Roster>, <Employee>, <Assign> and <Day>/<Shift>"
            ),
        });
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_XML_NODES,
    };
    let doc = roxmltree::Document::parse_with_options(xml, options).map_err(|e| Error::Format {
        file: None,
        line: e.pos().row as usize,
        message: crate::text::tidy(&format!("not well-formed XML: {e}")),
    })?;
    let line_of = |n: roxmltree::Node| doc.text_pos_at(n.range().start).row as usize;
    let fail = |n: roxmltree::Node, message: String| Error::Format {
        file: None,
        line: line_of(n),
        message: crate::text::tidy(&message),
    };
    let root = doc.root_element();
    if root.tag_name().name() != "Roster" {
        return Err(fail(
            root,
            format!(
                "the root element is <{}>; expected <Roster>",
                root.tag_name().name()
            ),
        ));
    }
    let mut meta = RosterMeta::default();
    let mut assignments = Vec::new();
    let mut taken = std::collections::HashSet::new();
    for child in root.children().filter(|n| n.is_element()) {
        let text = || child.text().unwrap_or("").trim().to_owned();
        match child.tag_name().name() {
            "SchedulingPeriodFile" => meta.scheduling_period_file = text(),
            "Penalty" => {
                meta.penalty = Some(text().parse().map_err(|_| {
                    fail(
                        child,
                        format!("<Penalty> is `{}`; expected a number", text()),
                    )
                })?)
            }
            "FoundBy" => meta.found_by = Some(text()),
            "CpuTime" => meta.cpu_seconds = text().parse().ok(),
            "Employee" => {
                let Some(id) = child.attribute("ID") else {
                    return Err(fail(child, "<Employee> has no ID attribute".into()));
                };
                let wid = WorkerId::new(id);
                let Some(worker) = scenario.worker(&wid) else {
                    return Err(fail(
                        child,
                        format!("employee `{id}` is not in the scenario"),
                    ));
                };
                for a in child.children().filter(|n| n.is_element()) {
                    if a.tag_name().name() != "Assign" {
                        return Err(fail(
                            a,
                            format!(
                                "<{}> inside <Employee>; expected <Assign>",
                                a.tag_name().name()
                            ),
                        ));
                    }
                    let get = |tag: &str| {
                        a.children()
                            .find(|n| n.is_element() && n.tag_name().name() == tag)
                            .map(|n| n.text().unwrap_or("").trim().to_owned())
                    };
                    let date = match (get("Day"), get("Date")) {
                        (Some(d), _) => {
                            let day: i64 = d.parse().map_err(|_| {
                                fail(a, format!("<Day> is `{d}`; expected a day index"))
                            })?;
                            chrono::Duration::try_days(day)
                                .and_then(|dd| scenario.horizon.start.checked_add_signed(dd))
                                .ok_or_else(|| {
                                    fail(a, format!("<Day> {day} is outside the horizon"))
                                })?
                        }
                        (None, Some(d)) => {
                            let date = NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| {
                                fail(a, format!("<Date> is `{d}`; expected yyyy-mm-dd"))
                            })?;
                            if !crate::text::date_in_range(date) {
                                return Err(fail(a, crate::text::date_range_message(date)));
                            }
                            date
                        }
                        (None, None) => {
                            return Err(fail(a, "<Assign> has no <Day> or <Date>".into()))
                        }
                    };
                    if scenario.horizon.index_of(date).is_none() {
                        return Err(fail(
                            a,
                            format!(
                                "{date} is outside the horizon {} to {}",
                                scenario.horizon.start, scenario.horizon.end
                            ),
                        ));
                    }
                    let Some(shift) = get("Shift") else {
                        return Err(fail(a, "<Assign> has no <Shift>".into()));
                    };
                    let sid = ShiftId::new(&shift);
                    let Some(template) = scenario.shift(&sid) else {
                        return Err(fail(a, format!("shift `{shift}` is not in the scenario")));
                    };
                    if !taken.insert((wid.clone(), date)) {
                        return Err(fail(a, format!("employee `{id}` has two shifts on {date}")));
                    }
                    let place = scenario.lines.iter().find_map(|l| {
                        if !l.shifts.contains(&sid) {
                            return None;
                        }
                        l.stations
                            .iter()
                            .find(|st| worker.efficiency(&st.skill).is_some())
                            .map(|st| (l.id.clone(), st.id.clone()))
                    });
                    let Some((line, station)) = place else {
                        return Err(fail(
                            a,
                            format!("no line runs shift `{shift}` at a station employee `{id}` has the skill for"),
                        ));
                    };
                    let start = date.and_time(template.start);
                    assignments.push(Assignment {
                        worker: wid.clone(),
                        date,
                        shift: sid,
                        line,
                        station,
                        start,
                        end: start + chrono::Duration::minutes(template.duration_minutes()),
                        paid_hours: template.paid_minutes() as f64 / 60.0,
                    });
                }
            }
            _ => {} // other metadata (DateFound, System, CPU, Algorithm) is ignored
        }
    }
    let order = |w: &WorkerId| scenario.workers.iter().position(|x| &x.id == w);
    assignments.sort_by_key(|a| (order(&a.worker), a.date));
    Ok(RosterFile {
        meta,
        roster: Roster {
            assignments,
            home_batches: Vec::new(),
        },
    })
}
