//! Exports: CSV round trips, iCalendar files checked against RFC 5545's
//! rules, the HTML report parsed as XML and its picture checked against the
//! roster (one bar per assignment, no bar touching a caregiving window).

use crate::common;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use flexline::export::{self, HtmlOptions, IcsOptions};
use flexline::synthetic::{factory, Spec};
use flexline::{
    check, Assignment, Error, LineId, Outcome, Plan, Roster, Scenario, ShiftId, SolveStatus,
    StationId, WorkerId,
};
use proptest::prelude::*;

const BUNDLED: &str = include_str!("../../examples/data/motor_factory_week.json");

fn bundled() -> &'static (Scenario, Plan) {
    static CELL: OnceLock<(Scenario, Plan)> = OnceLock::new();
    CELL.get_or_init(|| {
        let s = common::scenario(BUNDLED);
        let plan = common::solve_checked(&s, &flexline::SolveOptions::default());
        assert_eq!(plan.status.outcome, Outcome::Optimal);
        (s, plan)
    })
}

fn published() -> DateTime<Utc> {
    DateTime::from_timestamp(1_772_400_000, 0).expect("timestamp")
}

// ---------------------------------------------------------------- CSV

#[test]
fn assignments_csv_round_trips_the_bundled_roster() {
    let (_, plan) = bundled();
    let text = export::assignments_csv(&plan.roster).unwrap();
    assert_eq!(
        text.lines().next(),
        Some(export::ASSIGNMENT_COLUMNS.join(",").as_str())
    );
    assert_eq!(text.lines().count(), 1 + plan.roster.assignments.len());
    assert!(plan.roster.assignments.len() > 100);
    assert_eq!(export::read_assignments_csv(&text).unwrap(), plan.roster);
    // A reader that knows nothing of flexline sees the same fields.
    let mut r = csv::Reader::from_reader(text.as_bytes());
    for (row, a) in r.records().zip(&plan.roster.assignments) {
        let row = row.unwrap();
        assert_eq!(&row[0], a.worker.as_str());
        assert_eq!(&row[4], a.station.as_str());
        assert_eq!(row[7].parse::<f64>().unwrap(), a.paid_hours);
    }
}

#[test]
fn reading_a_bad_csv_names_the_line_and_the_column() {
    let missing = export::read_assignments_csv("worker,date,shift\nana,2026-03-02,day\n");
    match missing {
        Err(Error::Csv { line, message, .. }) => {
            assert_eq!(line, Some(1));
            assert!(message.contains("`line`"), "{message}");
        }
        other => panic!("expected a CSV error, got {other:?}"),
    }
    let header = export::ASSIGNMENT_COLUMNS.join(",");
    let good = "ana,2026-03-02,day,L,asm,2026-03-02T08:00,2026-03-02T16:30,8";
    let bad = "ana,2026-03-02,day,L,asm,2026-03-02T08:00,16:30,8";
    let err = export::read_assignments_csv(&format!("{header}\n{good}\n{bad}\n")).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::Csv { line: Some(3), .. }), "{text}");
    assert!(text.contains("`end`") && text.contains("16:30"), "{text}");
    let err = export::read_assignments_csv(&format!("{header}\n{good},extra\n")).unwrap_err();
    assert!(err.to_string().contains("line 2"), "{err}");
    let err = export::read_assignments_csv(&format!("{header}\n{}", good.replace(",8", ",NaN")))
        .unwrap_err();
    assert!(err.to_string().contains("paid_hours"), "{err}");
}

#[test]
fn grid_csv_has_one_cell_per_worker_and_date() {
    let (s, plan) = bundled();
    let text = export::grid_csv(s, &plan.roster).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let dates = s.horizon.dates();
    assert_eq!(header.len(), 3 + dates.len() + 2);
    assert_eq!(&header[..3], ["worker", "name", "contract"]);
    for (k, d) in dates.iter().enumerate() {
        assert_eq!(header[3 + k], d.to_string());
    }
    assert_eq!(&header[3 + dates.len()..], ["shifts", "paid_hours"]);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), s.workers.len());
    let mut filled = 0;
    for (row, w) in rows.iter().zip(&s.workers) {
        assert_eq!(&row[0], w.id.as_str());
        assert_eq!(&row[1], w.name.as_str());
        let mine: Vec<&Assignment> = plan.roster.of_worker(&w.id).collect();
        for (k, d) in dates.iter().enumerate() {
            let want = mine
                .iter()
                .find(|a| a.date == *d)
                .map(|a| format!("{}@{}", a.shift, a.station))
                .unwrap_or_default();
            assert_eq!(row[3 + k], want, "{} on {d}", w.id);
            filled += usize::from(!want.is_empty());
        }
        assert_eq!(row[3 + dates.len()].parse::<usize>().unwrap(), mine.len());
        let hours: f64 = mine.iter().map(|a| a.paid_hours).sum();
        assert!(common::close(row[4 + dates.len()].parse().unwrap(), hours));
    }
    assert_eq!(filled, plan.roster.assignments.len());
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9-]{1,8}",
        // Commas, quotes, line breaks, spaces at the ends, non-ASCII.
        "[ a-z,\"\r\n;é宝妈-]{0,12}",
    ]
}

fn any_assignment() -> impl Strategy<Value = Assignment> {
    (
        (any_text(), any_text(), any_text(), any_text()),
        (0i64..3000, 0i64..2880, 1i64..1440),
        prop_oneof![
            (0u32..=96).prop_map(|q| f64::from(q) / 4.0),
            (0.0f64..24.0),
            Just(1.0 / 3.0),
        ],
    )
        .prop_map(|((w, sh, l, st), (day, start, len), paid_hours)| {
            let date = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Duration::days(day);
            let start = date.and_hms_opt(0, 0, 0).unwrap() + Duration::minutes(start);
            Assignment {
                worker: WorkerId::new(w),
                date,
                shift: ShiftId::new(sh),
                line: LineId::new(l),
                station: StationId::new(st),
                start,
                end: start + Duration::minutes(len),
                paid_hours,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn assignments_csv_round_trips_any_roster(assignments in prop::collection::vec(any_assignment(), 0..12)) {
        let roster = Roster { assignments, home_batches: Vec::new() };
        let text = export::assignments_csv(&roster).unwrap();
        prop_assert_eq!(export::read_assignments_csv(&text).unwrap(), roster);
    }
}

// ---------------------------------------------------------------- iCalendar

/// One content line, unfolded and split (RFC 5545 3.1).
#[derive(Debug, Clone)]
struct Prop {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

/// A component with its properties and sub-components.
#[derive(Debug, Default, Clone)]
struct Comp {
    name: String,
    props: Vec<Prop>,
    subs: Vec<Comp>,
}

impl Comp {
    fn all(&self, name: &str) -> Vec<&Prop> {
        self.props.iter().filter(|p| p.name == name).collect()
    }
    fn one(&self, name: &str) -> &Prop {
        let v = self.all(name);
        assert_eq!(v.len(), 1, "{} must have exactly one {name}", self.name);
        v[0]
    }
    fn subs(&self, name: &str) -> Vec<&Comp> {
        self.subs.iter().filter(|c| c.name == name).collect()
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn is_local_date_time(s: &str) -> bool {
    NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%S").is_ok() && s.len() == 15
}

fn is_utc_offset(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() == 5 || b.len() == 7)
        && (b[0] == b'+' || b[0] == b'-')
        && b[1..].iter().all(u8::is_ascii_digit)
}

/// Undoes TEXT escaping, failing on anything RFC 5545 3.3.11 does not allow.
fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut it = v.chars();
    while let Some(c) = it.next() {
        match c {
            '\\' => match it.next() {
                Some('\\') => out.push('\\'),
                Some(';') => out.push(';'),
                Some(',') => out.push(','),
                Some('n') | Some('N') => out.push('\n'),
                other => panic!("bad escape \\{other:?} in {v:?}"),
            },
            ';' | ',' => panic!("unescaped {c:?} in TEXT value {v:?}"),
            c => out.push(c),
        }
    }
    out
}

/// Checks a calendar against RFC 5545's rules and returns its VCALENDAR.
fn validate_ics(text: &str) -> Comp {
    // 3.1: lines end with CRLF; no bare CR or LF.
    assert!(text.ends_with("\r\n"), "must end with CRLF");
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            assert!(i > 0 && b[i - 1] == b'\r', "bare LF at byte {i}");
        }
        if c == b'\r' {
            assert!(b.get(i + 1) == Some(&b'\n'), "bare CR at byte {i}");
        }
    }
    // 3.1: at most 75 octets per line; folds are CRLF + one space (or tab).
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    let mut logical: Vec<String> = Vec::new();
    for l in &physical {
        assert!(l.len() <= 75, "line over 75 octets ({}): {l:?}", l.len());
        if let Some(rest) = l.strip_prefix(' ').or_else(|| l.strip_prefix('\t')) {
            logical
                .last_mut()
                .expect("file starts with a fold")
                .push_str(rest);
        } else {
            logical.push((*l).to_owned());
        }
    }
    // Content lines: name *(";" param) ":" value; no control characters.
    let mut stack: Vec<Comp> = Vec::new();
    let mut top: Vec<Comp> = Vec::new();
    for l in &logical {
        assert!(
            !l.chars().any(|c| c.is_control() && c != '\t'),
            "control character in {l:?}"
        );
        let colon = l.find(':').unwrap_or_else(|| panic!("no ':' in {l:?}"));
        let (head, value) = (&l[..colon], &l[colon + 1..]);
        let mut parts = head.split(';');
        let name = parts.next().unwrap().to_ascii_uppercase();
        assert!(is_name(&name), "bad property name in {l:?}");
        let params = parts
            .map(|p| {
                let (k, v) = p
                    .split_once('=')
                    .unwrap_or_else(|| panic!("bad param in {l:?}"));
                assert!(is_name(k), "bad param name in {l:?}");
                assert!(!v.contains([':', ';', ',']) || v.starts_with('"'));
                (k.to_owned(), v.to_owned())
            })
            .collect();
        match name.as_str() {
            "BEGIN" => stack.push(Comp {
                name: value.to_owned(),
                ..Comp::default()
            }),
            "END" => {
                let c = stack
                    .pop()
                    .unwrap_or_else(|| panic!("END:{value} without BEGIN"));
                assert_eq!(c.name, value, "END does not match BEGIN");
                match stack.last_mut() {
                    Some(parent) => parent.subs.push(c),
                    None => top.push(c),
                }
            }
            _ => stack
                .last_mut()
                .unwrap_or_else(|| panic!("property outside a component: {l:?}"))
                .props
                .push(Prop {
                    name,
                    params,
                    value: value.to_owned(),
                }),
        }
    }
    assert!(stack.is_empty(), "unclosed components");
    assert_eq!(top.len(), 1, "one VCALENDAR per file");
    let cal = top.pop().unwrap();
    assert_eq!(cal.name, "VCALENDAR");
    // 3.6: VERSION and PRODID once each; at least one component.
    assert_eq!(cal.one("VERSION").value, "2.0");
    assert_eq!(cal.one("PRODID").value, export::PRODID);
    assert!(!cal.subs.is_empty(), "a calendar needs a component");
    for p in cal.all("X-WR-CALNAME") {
        unescape(&p.value);
    }
    // 3.6.5: VTIMEZONE with TZID and observances.
    let mut zones = HashSet::new();
    for z in cal.subs("VTIMEZONE") {
        zones.insert(z.one("TZID").value.clone());
        assert!(!z.subs.is_empty(), "VTIMEZONE needs STANDARD or DAYLIGHT");
        for o in &z.subs {
            assert!(o.name == "STANDARD" || o.name == "DAYLIGHT", "{}", o.name);
            assert!(is_local_date_time(&o.one("DTSTART").value));
            assert!(is_utc_offset(&o.one("TZOFFSETFROM").value));
            assert!(is_utc_offset(&o.one("TZOFFSETTO").value));
        }
    }
    // 3.6.1: UID and DTSTAMP once, DTSTART once, DTEND after it; every TZID
    // refers to a VTIMEZONE of the file (3.2.19).
    for e in cal.subs("VEVENT") {
        assert!(!e.one("UID").value.is_empty());
        let stamp = &e.one("DTSTAMP").value;
        assert!(stamp.ends_with('Z') && is_local_date_time(&stamp[..stamp.len() - 1]));
        let mut times = Vec::new();
        for key in ["DTSTART", "DTEND"] {
            let p = e.one(key);
            let tzid = p.params.iter().find(|(k, _)| k == "TZID").map(|(_, v)| v);
            let tzid = tzid.unwrap_or_else(|| panic!("{key} without TZID"));
            assert!(zones.contains(tzid), "TZID {tzid} has no VTIMEZONE");
            assert!(is_local_date_time(&p.value), "{key}:{}", p.value);
            times.push(NaiveDateTime::parse_from_str(&p.value, "%Y%m%dT%H%M%S").unwrap());
        }
        assert!(times[0] < times[1], "DTEND must follow DTSTART");
        for key in ["SUMMARY", "LOCATION", "DESCRIPTION"] {
            unescape(&e.one(key).value);
        }
        e.one("SEQUENCE").value.parse::<u32>().unwrap();
    }
    cal
}

fn events(cal: &Comp) -> Vec<&Comp> {
    cal.subs("VEVENT")
}

#[test]
fn calendars_follow_rfc5545_and_hold_every_shift() {
    let (s, plan) = bundled();
    let options = IcsOptions::new("Asia/Shanghai", published());
    let files = export::calendar_files(s, &plan.roster, &options).unwrap();
    assert_eq!(files.len(), s.workers.len() + 1);
    let mut names = HashSet::new();
    for (f, w) in files.iter().zip(&s.workers) {
        assert!(names.insert(f.name.clone()));
        assert_eq!(f.name, format!("{}.ics", w.id));
        let cal = validate_ics(&f.contents);
        let mine: Vec<&Assignment> = plan.roster.of_worker(&w.id).collect();
        let evs = events(&cal);
        assert_eq!(evs.len(), mine.len(), "{}", w.id);
        for (e, a) in evs.iter().zip(&mine) {
            assert_eq!(
                e.one("DTSTART").value,
                a.start.format("%Y%m%dT%H%M%S").to_string()
            );
            assert_eq!(
                e.one("DTEND").value,
                a.end.format("%Y%m%dT%H%M%S").to_string()
            );
            assert_eq!(e.one("DTSTAMP").value, "20260301T212000Z");
            assert_eq!(
                e.one("UID").value,
                export::event_uid(&s.name, &a.worker, a.date, &a.shift)
            );
            let summary = unescape(&e.one("SUMMARY").value);
            assert!(summary.starts_with(&format!("{}: ", w.name)), "{summary}");
        }
        // Same calendar as the single-worker function.
        assert_eq!(
            f.contents,
            export::worker_calendar(s, &plan.roster, &w.id, &options).unwrap()
        );
    }
    let all = files.last().unwrap();
    assert_eq!(all.name, "all.ics");
    assert_eq!(
        all.contents,
        export::roster_calendar(s, &plan.roster, &options).unwrap()
    );
    let cal = validate_ics(&all.contents);
    let evs = events(&cal);
    assert_eq!(evs.len(), plan.roster.assignments.len());
    let uids: HashSet<&str> = evs.iter().map(|e| e.one("UID").value.as_str()).collect();
    assert_eq!(uids.len(), evs.len(), "UIDs must be unique");
    let zone = cal.subs("VTIMEZONE");
    assert_eq!(zone.len(), 1);
    assert_eq!(zone[0].one("TZID").value, "Asia/Shanghai");
    for o in &zone[0].subs {
        assert_eq!(o.name, "STANDARD");
        assert_eq!(o.one("TZOFFSETTO").value, "+0800");
    }
}

#[test]
fn awkward_names_are_escaped_folded_and_read_back() {
    let name =
        "Zhang \"Mei\"; mother, of 2\\3 \n宝妈生产线 worker with a rather long name 湖南省县级工厂";
    let worker = serde_json::json!({
        "id": "z;1", "name": name, "skills": [{"skill": "assembly"}], "hourly_wage": 16.0
    });
    let s = common::build(
        "2026-03-02",
        "2026-03-03",
        r#"{ "id": "flex", "name": "Flex, 08:00-16:30", "start": "08:00", "end": "16:30", "break_minutes": 30 }"#,
        r#""flex""#,
        r#"{ "id": "asm", "name": "Assembly; motors", "skill": "assembly", "minutes_per_unit": 10, "workplaces": 1 }"#,
        r#"{ "id": "t", "line": "L", "date": "2026-03-02", "units": 40 }"#,
        &worker.to_string(),
        "",
    );
    let plan = common::solve_checked(&s, &common::exact());
    assert!(!plan.roster.assignments.is_empty());
    let files =
        export::calendar_files(&s, &plan.roster, &IcsOptions::new("UTC", published())).unwrap();
    assert_eq!(files[0].name, "z_1.ics");
    let text = &files[0].contents;
    assert!(
        text.split("\r\n").any(|l| l.starts_with(' ')),
        "long values must be folded"
    );
    let cal = validate_ics(text);
    let evs = events(&cal);
    assert_eq!(evs.len(), plan.roster.assignments.len());
    assert_eq!(
        unescape(&evs[0].one("SUMMARY").value),
        format!("{name}: Assembly; motors (Flex, 08:00-16:30)")
    );
    assert_eq!(
        unescape(&evs[0].one("LOCATION").value),
        "L, Assembly; motors"
    );
    assert!(unescape(&cal.one("X-WR-CALNAME").value).contains(name));
}

#[test]
fn uids_survive_a_station_change_but_not_a_shift_change() {
    let (s, plan) = bundled();
    let options = IcsOptions::new("Asia/Shanghai", published());
    let uid_map = |roster: &Roster, o: &IcsOptions| -> BTreeMap<String, String> {
        let cal = validate_ics(&export::roster_calendar(s, roster, o).unwrap());
        events(&cal)
            .iter()
            .map(|e| {
                (
                    e.one("UID").value.clone(),
                    unescape(&e.one("LOCATION").value),
                )
            })
            .collect()
    };
    let before = uid_map(&plan.roster, &options);

    // Move one regular-line worker to another station of the same line.
    let mut moved = plan.roster.clone();
    let a = moved
        .assignments
        .iter_mut()
        .find(|a| a.station.as_str() == "winding")
        .expect("someone winds");
    a.station = StationId::from("packing");
    let after = uid_map(&moved, &options);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let changed: Vec<_> = before.iter().filter(|(k, v)| after[*k] != **v).collect();
    assert_eq!(
        changed.len(),
        1,
        "exactly the moved event changes its location"
    );

    // Re-published later: same UIDs, a higher SEQUENCE.
    let later = IcsOptions::new("Asia/Shanghai", published() + Duration::hours(2));
    let seq = |o: &IcsOptions| -> u32 {
        let cal = validate_ics(&export::roster_calendar(s, &plan.roster, o).unwrap());
        events(&cal)[0].one("SEQUENCE").value.parse().unwrap()
    };
    assert_eq!(uid_map(&plan.roster, &later), before);
    assert_eq!(seq(&later), seq(&options) + 120);

    // Another shift on the same date is another event.
    let mut reshifted = plan.roster.clone();
    reshifted.assignments[0].shift = ShiftId::from("flex");
    let other = uid_map(&reshifted, &options);
    assert_eq!(before.keys().filter(|k| !other.contains_key(*k)).count(), 1);

    // Another scenario name: all new UIDs.
    let mut renamed = s.clone();
    renamed.name.push_str(" (copy)");
    let cal = validate_ics(&export::roster_calendar(&renamed, &plan.roster, &options).unwrap());
    assert!(events(&cal)
        .iter()
        .all(|e| !before.contains_key(&e.one("UID").value)));
}

#[test]
fn daylight_saving_zones_get_their_transitions() {
    // Central Europe moves to summer time at 02:00 on Sunday 29 March 2026.
    let s = common::build(
        "2026-03-27",
        "2026-03-30",
        r#"{ "id": "night", "start": "22:00", "end": "06:00", "break_minutes": 30 }"#,
        r#""night""#,
        r#"{ "id": "asm", "skill": "assembly", "minutes_per_unit": 10, "workplaces": 1 }"#,
        "",
        r#"{ "id": "ana", "skills": [{"skill": "assembly"}], "hourly_wage": 16.0, "min_hours_per_week": 20 }"#,
        "",
    );
    let plan = common::solve_checked(&s, &common::exact());
    assert!(!plan.roster.assignments.is_empty());
    let text = export::roster_calendar(
        &s,
        &plan.roster,
        &IcsOptions::new("Europe/Berlin", published()),
    )
    .unwrap();
    let cal = validate_ics(&text);
    let zone = &cal.subs("VTIMEZONE")[0];
    let obs: Vec<(&str, &str, &str, &str)> = zone
        .subs
        .iter()
        .map(|o| {
            (
                o.name.as_str(),
                o.one("DTSTART").value.as_str(),
                o.one("TZOFFSETFROM").value.as_str(),
                o.one("TZOFFSETTO").value.as_str(),
            )
        })
        .collect();
    assert_eq!(obs[0].0, "STANDARD");
    assert_eq!((obs[0].2, obs[0].3), ("+0100", "+0100"));
    assert!(
        obs.contains(&("DAYLIGHT", "20260329T020000", "+0100", "+0200")),
        "{obs:?}"
    );
    assert_eq!(obs.len(), 2);
    assert_eq!(zone.subs[1].one("TZNAME").value, "CEST");
}

#[test]
fn bad_zone_or_worker_is_a_clear_error_and_empty_calendars_are_valid() {
    let (s, plan) = bundled();
    let err = export::roster_calendar(
        s,
        &plan.roster,
        &IcsOptions::new("Hunan/Zhuzhou", published()),
    )
    .unwrap_err();
    assert!(matches!(err, Error::UnknownTimeZone { .. }));
    assert!(err.to_string().contains("Asia/Shanghai"), "{err}");
    let err = export::worker_calendar(
        s,
        &plan.roster,
        &WorkerId::from("nobody"),
        &IcsOptions::new("UTC", published()),
    )
    .unwrap_err();
    assert!(matches!(err, Error::UnknownWorker { .. }), "{err}");
    let idle = s
        .workers
        .iter()
        .find(|w| plan.roster.of_worker(&w.id).next().is_none())
        .expect("the bundled week leaves someone at home");
    let text = export::worker_calendar(
        s,
        &plan.roster,
        &idle.id,
        &IcsOptions::new("UTC", published()),
    )
    .unwrap();
    let cal = validate_ics(&text);
    assert!(events(&cal).is_empty());
}

// ---------------------------------------------------------------- HTML

fn class_has(n: &roxmltree::Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split(' ').any(|x| x == class))
}

fn attr(n: &roxmltree::Node, name: &str) -> f64 {
    n.attribute(name)
        .unwrap_or_else(|| panic!("no {name}"))
        .parse()
        .unwrap()
}

/// Parses the report as XML (its `<!DOCTYPE html>` is the only DTD).
fn parse_html(html: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(html, options)
}

fn assert_self_contained(html: &str) {
    let lower = html.to_ascii_lowercase();
    for needle in [
        "<script", "http:", "https:", "src=", "href=", "@import", "url(", "<link", "<img",
        "<iframe", "<object", "<embed",
    ] {
        assert!(!lower.contains(needle), "the report contains {needle:?}");
    }
}

#[test]
fn html_report_is_well_formed_and_draws_one_bar_per_assignment() {
    let (s, plan) = bundled();
    let html = export::html_report(s, plan, &HtmlOptions::default());
    assert!(html.starts_with("<!DOCTYPE html>\n<html"));
    assert_self_contained(&html);
    let doc = parse_html(&html).expect("the report is well-formed XML");
    let bars: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && class_has(n, "bar"))
        .collect();
    assert_eq!(bars.len(), plan.roster.assignments.len());
    for b in &bars {
        let title = b
            .children()
            .find(|c| c.has_tag_name("title"))
            .expect("bar title");
        assert!(title.text().unwrap_or("").contains(" h"));
    }
    // One row per worker, each with that worker's bars, none touching a
    // caregiving window of the same row.
    let rows: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && class_has(n, "wr"))
        .collect();
    assert_eq!(rows.len(), s.workers.len());
    let mut windows = 0;
    for row in &rows {
        let id = WorkerId::from(row.attribute("data-w").unwrap());
        let rects: Vec<_> = row.children().filter(|n| n.has_tag_name("rect")).collect();
        let bars: Vec<_> = rects.iter().filter(|n| class_has(n, "bar")).collect();
        let cws: Vec<_> = rects.iter().filter(|n| class_has(n, "cw")).collect();
        assert_eq!(bars.len(), plan.roster.of_worker(&id).count(), "{id}");
        windows += cws.len();
        for b in &bars {
            let (x, w) = (attr(b, "x"), attr(b, "width"));
            assert!(w > 0.0);
            for c in &cws {
                let (cx, cw) = (attr(c, "x"), attr(c, "width"));
                assert!(
                    x + w <= cx + 1e-9 || cx + cw <= x + 1e-9,
                    "{id}: a shift bar [{x}, {}] touches a caregiving window [{cx}, {}]",
                    x + w,
                    cx + cw
                );
            }
        }
    }
    let mothers = s
        .workers
        .iter()
        .filter(|w| !w.unavailable.is_empty())
        .count();
    assert!(windows >= mothers, "every carer's windows are drawn");
    // The sections a manager reads.
    for id in [
        "summary",
        "gantt",
        "output",
        "stock",
        "bottlenecks",
        "targets",
        "cost",
    ] {
        assert!(
            doc.descendants().any(|n| n.attribute("id") == Some(id)),
            "section {id}"
        );
    }
    assert!(!html.contains("id=\"diagnosis\""));
    // One cumulative-output chart per line, ending at the line's total.
    let finished: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && class_has(n, "fin"))
        .collect();
    assert_eq!(finished.len(), s.lines.len());
    // One stock curve per station after a line's first.
    let curves = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("stock"))
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .count();
    let buffered: usize = s
        .lines
        .iter()
        .map(|l| l.stations.len().saturating_sub(1))
        .sum();
    assert_eq!(curves, buffered);
    // A bottleneck row per line and date.
    let table_rows = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("bottlenecks"))
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .count();
    assert_eq!(table_rows, 1 + plan.throughput.lines.len());
}

#[test]
fn html_escapes_names_and_shows_a_diagnosis_when_given() {
    let (s, plan) = bundled();
    let mut s = s.clone();
    s.workers[0].name = "<b>Li & \"Mei\"</b>".into();
    let options = HtmlOptions {
        title: Some("Week <10>".into()),
        diagnosis: vec![
            "Monday's assembly ran short: two trained people were on leave.".into(),
            "Move one tester <to> packing & it fits.".into(),
        ],
        ..Default::default()
    };
    let html = export::html_report(&s, plan, &options);
    assert_self_contained(&html);
    let doc = parse_html(&html).expect("well-formed");
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("Week <10>"));
    assert!(doc
        .descendants()
        .any(|n| n.text() == Some("<b>Li & \"Mei\"</b> (r01)")));
    let diag = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("diagnosis"))
        .expect("diagnosis section");
    let items: Vec<_> = diag
        .descendants()
        .filter(|n| n.has_tag_name("li"))
        .map(|n| n.text().unwrap_or("").to_owned())
        .collect();
    assert_eq!(items, options.diagnosis);
}

/// A dense roster for a synthetic factory: every worker on 6 of 7 days (the
/// most the rules allow) at a station of their first skill. Not a feasible
/// roster (caregiving windows and workplaces are ignored): an upper bound on
/// what a real week draws.
fn dense_plan(s: &Scenario) -> Plan {
    let mut assignments = Vec::new();
    for (i, w) in s.workers.iter().enumerate() {
        let stations: Vec<_> = s
            .lines
            .iter()
            .flat_map(|l| l.stations.iter().map(move |st| (l, st)))
            .filter(|(_, st)| st.skill == w.skills[0].skill)
            .collect();
        let (line, station) = stations[i % stations.len()];
        let shift = &s.shifts[i % s.shifts.len()];
        for (d, date) in s.horizon.dates().into_iter().enumerate() {
            if d == i % 7 {
                continue;
            }
            let start = date.and_time(shift.start);
            assignments.push(Assignment {
                worker: w.id.clone(),
                date,
                shift: shift.id.clone(),
                line: line.id.clone(),
                station: station.id.clone(),
                start,
                end: start + Duration::minutes(shift.duration_minutes()),
                paid_hours: shift.paid_minutes() as f64 / 60.0,
            });
        }
    }
    let roster = Roster {
        assignments,
        home_batches: Vec::new(),
    };
    let report = check::check(s, &roster);
    Plan {
        status: SolveStatus {
            outcome: Outcome::Feasible,
            backend: flexline::Backend::Highs,
            objective: Some(report.cost.objective),
            dual_bound: None,
            gap: None,
            solve_seconds: 0.0,
            build_seconds: 0.0,
            variables: 0,
            constraints: 0,
        },
        roster,
        throughput: report.throughput,
        cost: report.cost,
        unmet: Vec::new(),
        cover: Vec::new(),
    }
}

#[test]
fn html_report_for_1000_workers_stays_under_3_mb() {
    let s = factory(&Spec {
        workers: 1000,
        days: 7,
        shifts: 3,
        stations: 8,
        seed: 1,
    });
    let plan = dense_plan(&s);
    assert_eq!(plan.roster.assignments.len(), 6000);
    let html = export::html_report(&s, &plan, &HtmlOptions::default());
    assert_self_contained(&html);
    eprintln!("1,000-worker dense week: report {} bytes", html.len());
    assert!(html.len() < 3_000_000, "{} bytes", html.len());
    let doc = parse_html(&html).expect("well-formed");
    let bars = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && class_has(n, "bar"))
        .count();
    assert_eq!(bars, 6000);
    // The calendars of the same week, for scale.
    let all =
        export::roster_calendar(&s, &plan.roster, &IcsOptions::new("UTC", published())).unwrap();
    assert_eq!(events(&validate_ics(&all)).len(), 6000);
}

#[test]
fn all_files_are_named_as_the_example_writes_them() {
    let (s, plan) = bundled();
    let files = export::all_files(
        s,
        plan,
        &IcsOptions::new("Asia/Shanghai", published()),
        &HtmlOptions::default(),
    )
    .unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names[..2], ["assignments.csv", "grid.csv"]);
    assert_eq!(names[names.len() - 2..], ["all.ics", "report.html"]);
    assert_eq!(names.len(), 2 + s.workers.len() + 2);
    let unique: HashSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len());
    let by_name: HashMap<&str, &str> = files
        .iter()
        .map(|f| (f.name.as_str(), f.contents.as_str()))
        .collect();
    assert_eq!(
        export::read_assignments_csv(by_name["assignments.csv"]).unwrap(),
        plan.roster
    );
}

/// The example writes every file with `--format all --out DIR`, and refuses
/// a bad time zone or a missing directory with exit code 2.
#[test]
fn example_writes_every_export_into_a_directory() {
    let exe = std::env::current_exe().unwrap();
    let bin = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples")
        .join("weekly_roster");
    // `cargo test` builds the examples beside the tests: missing is a failure.
    assert!(
        bin.exists(),
        "{} is missing: run `cargo test` or `cargo build --release --examples`",
        bin.display()
    );
    let run = |args: &[&str]| {
        std::process::Command::new(&bin)
            .args(args)
            .output()
            .unwrap()
    };
    let dir = std::env::temp_dir().join(format!("flexline-exports-{}", std::process::id()));
    let out = run(&["--format", "all", "--out", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (s, _) = bundled();
    for name in ["assignments.csv", "grid.csv", "all.ics", "report.html"] {
        assert!(dir.join(name).exists(), "{name}");
    }
    for w in &s.workers {
        let text = std::fs::read_to_string(dir.join(format!("{}.ics", w.id))).unwrap();
        let cal = validate_ics(&text);
        assert_eq!(cal.subs("VTIMEZONE")[0].one("TZID").value, "Asia/Shanghai");
    }
    let roster = export::read_assignments_csv(
        &std::fs::read_to_string(dir.join("assignments.csv")).unwrap(),
    )
    .unwrap();
    let report = check::check(s, &roster);
    assert!(report.is_feasible(), "{:?}", report.violations);
    std::fs::remove_dir_all(&dir).ok();

    let out = run(&["--format", "all"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["--format", "ics", "--time-zone", "Hunan/Zhuzhou"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Hunan/Zhuzhou"));
}
