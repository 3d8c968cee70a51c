//! The benchmark site's XML roster files: written rosters read back equal,
//! and bad files give errors naming the line.

use std::path::Path;

use chrono::Duration;
use flexline::formats::{read_roster_xml, write_roster_xml, NrpInstance, RosterMeta};
use flexline::{check, Assignment, Error, Roster, Scenario};

fn instance1() -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/nrp/Instance1.txt");
    NrpInstance::from_file(path)
        .unwrap_or_else(|e| panic!("{e}"))
        .to_scenario("Instance1")
}

/// Employee `w` on shift D (the only shift of Instance1) on day `day`, at
/// the scenario's one station, as the reader builds it.
fn on(s: &Scenario, w: &str, day: i64) -> Assignment {
    let date = s.horizon.start + Duration::days(day);
    let t = &s.shifts[0];
    let start = date.and_time(t.start);
    Assignment {
        worker: w.into(),
        date,
        shift: t.id.clone(),
        line: "ward".into(),
        station: "duty".into(),
        start,
        end: start + Duration::minutes(t.duration_minutes()),
        paid_hours: t.paid_minutes() as f64 / 60.0,
    }
}

#[test]
fn write_then_read_gives_the_same_roster_and_metadata() {
    let s = instance1();
    // In the reader's order: by worker (scenario order), then date.
    let roster = Roster {
        assignments: vec![
            on(&s, "A", 1),
            on(&s, "A", 2),
            on(&s, "A", 13),
            on(&s, "C", 0),
            on(&s, "H", 7),
        ],
        home_batches: Vec::new(),
    };
    let meta = RosterMeta {
        scheduling_period_file: "Instance1.ros".into(),
        penalty: Some(6543.0),
        found_by: Some("flexline tests <&>".into()),
        cpu_seconds: Some(1.25),
    };
    let xml = write_roster_xml(&s, &roster, &meta);
    assert!(xml.contains("<Assign><Day>13</Day><Shift>D</Shift></Assign>"));
    assert!(xml.contains("&lt;&amp;&gt;"));
    let back = read_roster_xml(&xml, &s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.roster, roster);
    assert_eq!(back.meta, meta);
    // The checker prices the read roster like the original.
    assert_eq!(
        check::check(&s, &back.roster).cost,
        check::check(&s, &roster).cost
    );
}

#[test]
fn empty_roster_round_trips() {
    let s = instance1();
    let xml = write_roster_xml(&s, &Roster::default(), &RosterMeta::default());
    // Every employee is listed, with no assignments.
    assert_eq!(xml.matches("<Employee ID=").count(), s.workers.len());
    let back = read_roster_xml(&xml, &s).unwrap_or_else(|e| panic!("{e}"));
    assert!(back.roster.assignments.is_empty());
    assert_eq!(back.meta.penalty, None);
}

#[test]
fn date_form_is_accepted_and_equals_the_day_form() {
    let s = instance1();
    let by_day = r#"<Roster><Employee ID="B"><Assign><Day>3</Day><Shift>D</Shift></Assign></Employee></Roster>"#;
    let by_date = r#"<Roster><Employee ID="B"><Assign><Date>2014-01-09</Date><Shift>D</Shift></Assign></Employee></Roster>"#;
    let a = read_roster_xml(by_day, &s).unwrap_or_else(|e| panic!("{e}"));
    let b = read_roster_xml(by_date, &s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.roster, b.roster);
    assert_eq!(a.roster.assignments, vec![on(&s, "B", 3)]);
}

#[test]
fn unsorted_input_is_sorted_and_extra_metadata_ignored() {
    let s = instance1();
    let xml = r#"<?xml version="1.0"?>
<Roster>
  <DateFound>2014-01-01</DateFound>
  <Algorithm>by hand</Algorithm>
  <Employee ID="C"><Assign><Day>5</Day><Shift>D</Shift></Assign></Employee>
  <Employee ID="A">
    <Assign><Day>9</Day><Shift>D</Shift></Assign>
    <Assign><Shift>D</Shift><Day>2</Day></Assign>
  </Employee>
</Roster>"#;
    let r = read_roster_xml(xml, &s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        r.roster.assignments,
        vec![on(&s, "A", 2), on(&s, "A", 9), on(&s, "C", 5)]
    );
}

#[track_caller]
fn fails(xml: &str, line: usize, words: &[&str]) {
    let s = instance1();
    match read_roster_xml(xml, &s) {
        Err(Error::Format {
            line: l, message, ..
        }) => {
            assert_eq!(l, line, "wrong line for `{message}`");
            for w in words {
                assert!(message.contains(w), "`{message}` does not say `{w}`");
            }
        }
        Err(e) => panic!("expected a format error, got {e}"),
        Ok(r) => panic!("read {:?}", r.roster),
    }
}

/// A roster whose third line is `inner` (inside employee A on line 2).
fn in_a(inner: &str) -> String {
    format!("<Roster>\n<Employee ID=\"A\">\n{inner}\n</Employee>\n</Roster>\n")
}

#[test]
fn malformed_xml_names_the_line() {
    fails(
        "<Roster>\n<Employee ID=\"A\">\n<Assign><Day>1</Day>\n</Employee>\n</Roster>\n",
        4,
        &["not well-formed"],
    );
    // An element never closed: roxmltree names the line where it opened.
    fails(
        "<Roster>\n<Penalty>12</Penalty>\n",
        1,
        &["not well-formed", "never closed"],
    );
    fails("<Schedule>\n</Schedule>\n", 1, &["<Schedule>", "<Roster>"]);
}

#[test]
fn unknown_employee_or_shift_names_the_line() {
    fails(
        "<Roster>\n<Employee ID=\"A\"></Employee>\n<Employee ID=\"Z\">\n</Employee>\n</Roster>",
        3,
        &["employee `Z`"],
    );
    fails(
        &in_a("<Assign><Day>1</Day><Shift>N</Shift></Assign>"),
        3,
        &["shift `N`"],
    );
    fails(
        "<Roster>\n\n<Employee>\n</Employee>\n</Roster>",
        3,
        &["no ID"],
    );
}

#[test]
fn two_shifts_on_one_day_name_the_second() {
    fails(
        &in_a(
            "<Assign><Day>1</Day><Shift>D</Shift></Assign>\n\
             <Assign><Date>2014-01-07</Date><Shift>D</Shift></Assign>",
        ),
        4,
        &["two shifts", "2014-01-07"],
    );
}

#[test]
fn days_outside_the_horizon_name_the_line() {
    fails(
        &in_a("<Assign><Day>14</Day><Shift>D</Shift></Assign>"),
        3,
        &["2014-01-20", "outside the horizon"],
    );
    fails(
        &in_a("<Assign><Day>-1</Day><Shift>D</Shift></Assign>"),
        3,
        &["outside the horizon"],
    );
    fails(
        &in_a("<Assign><Date>2014-01-05</Date><Shift>D</Shift></Assign>"),
        3,
        &["2014-01-05", "outside the horizon"],
    );
}

#[test]
fn incomplete_or_bad_assignments_name_the_line() {
    fails(
        &in_a("<Assign><Day>one</Day><Shift>D</Shift></Assign>"),
        3,
        &["<Day>", "one"],
    );
    fails(
        &in_a("<Assign><Date>06/01/2014</Date><Shift>D</Shift></Assign>"),
        3,
        &["<Date>", "yyyy-mm-dd"],
    );
    fails(
        &in_a("<Assign><Shift>D</Shift></Assign>"),
        3,
        &["no <Day> or <Date>"],
    );
    fails(&in_a("<Assign><Day>1</Day></Assign>"), 3, &["no <Shift>"]);
    fails(&in_a("<Shift>D</Shift>"), 3, &["<Shift>", "<Assign>"]);
    fails(
        "<Roster>\n<Penalty>lots</Penalty>\n</Roster>",
        2,
        &["<Penalty>", "lots"],
    );
}

#[test]
fn a_day_index_too_large_for_a_date_is_an_error_not_a_panic() {
    fails(
        &in_a("<Assign><Day>9223372036854775807</Day><Shift>D</Shift></Assign>"),
        3,
        &["outside the horizon"],
    );
    fails(
        &in_a("<Assign><Day>-400000000</Day><Shift>D</Shift></Assign>"),
        3,
        &["outside the horizon"],
    );
}
