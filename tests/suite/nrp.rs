//! The Curtois & Qu benchmark text format: the real instances parse with the
//! counts of the benchmark's table, become valid scenarios priced like the
//! benchmark, and malformed files give errors naming the line and the
//! problem.

use std::path::{Path, PathBuf};

use flexline::check;
use flexline::formats::NrpInstance;
use flexline::{Error, Roster};

/// (days, shift types, staff, days-off entries, on-requests, off-requests,
/// cover lines) per instance, from the benchmark README's table.
const TABLE: [(usize, usize, usize, usize, usize, usize, usize); 24] = [
    (14, 1, 8, 8, 21, 5, 14),
    (14, 2, 14, 14, 50, 12, 28),
    (14, 3, 20, 20, 39, 25, 42),
    (28, 2, 10, 20, 52, 19, 56),
    (28, 2, 16, 32, 79, 27, 56),
    (28, 3, 18, 36, 87, 48, 84),
    (28, 3, 20, 40, 104, 64, 84),
    (28, 4, 30, 60, 139, 86, 112),
    (28, 4, 36, 72, 144, 88, 112),
    (28, 5, 40, 80, 210, 74, 140),
    (28, 6, 50, 100, 197, 139, 168),
    (28, 10, 60, 120, 294, 128, 280),
    (28, 18, 120, 240, 589, 252, 504),
    (42, 4, 32, 128, 266, 93, 168),
    (42, 6, 45, 180, 350, 140, 252),
    (56, 3, 20, 120, 177, 103, 168),
    (56, 4, 32, 160, 351, 129, 224),
    (84, 3, 22, 176, 322, 92, 252),
    (84, 5, 40, 320, 587, 247, 420),
    (182, 6, 50, 900, 1665, 653, 1092),
    (182, 8, 100, 1800, 3210, 1492, 1456),
    (364, 10, 50, 1800, 3253, 1385, 3640),
    (364, 16, 100, 3600, 6549, 2861, 5824),
    (364, 32, 150, 5400, 9540, 4269, 11648),
];

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/nrp")
        .join(name)
}

fn counts(inst: &NrpInstance) -> (usize, usize, usize, usize, usize, usize, usize) {
    (
        inst.days,
        inst.shifts.len(),
        inst.staff.len(),
        inst.days_off.iter().map(|(_, ds)| ds.len()).sum(),
        inst.on_requests.len(),
        inst.off_requests.len(),
        inst.cover.len(),
    )
}

#[test]
fn bundled_instances_match_the_benchmark_table() {
    for n in 1..=3 {
        let inst = NrpInstance::from_file(data(&format!("Instance{n}.txt")))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(counts(&inst), TABLE[n - 1], "Instance{n}");
        // Every (day, shift) has exactly one cover line.
        let mut pairs: Vec<(usize, &str)> = inst
            .cover
            .iter()
            .map(|c| (c.day, c.shift.as_str()))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        assert_eq!(pairs.len(), inst.days * inst.shifts.len());
    }
}

/// The project's shared benchmark folder (or `FLEXLINE_NRP_DIR`).
fn shared_dir() -> PathBuf {
    std::env::var_os("FLEXLINE_NRP_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks/curtois-qu")
        })
}

#[test]
fn all_24_instances_parse_with_the_table_counts() {
    for (i, row) in TABLE.iter().enumerate() {
        let path = data(&format!("Instance{}.txt", i + 1));
        let inst = NrpInstance::from_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(counts(&inst), *row, "{}", path.display());
        let s = inst.to_scenario(&format!("Instance{}", i + 1));
        s.validate()
            .unwrap_or_else(|r| panic!("Instance{}: {r}", i + 1));
        assert_eq!(s.workers.len(), row.2);
        assert_eq!(s.cover.len(), row.6);
        assert_eq!(s.requests.len(), row.4 + row.5);
    }
}

#[test]
#[ignore = "compares tests/data/nrp with ../shared/benchmarks/curtois-qu (or FLEXLINE_NRP_DIR), \
            which only exists beside the project's own checkouts"]
fn bundled_copies_equal_the_shared_files() {
    let dir = shared_dir();
    assert!(
        dir.join("Instance24.txt").is_file(),
        "no benchmark folder at {}",
        dir.display()
    );
    for n in 1..=24 {
        let name = format!("Instance{n}.txt");
        let ours = std::fs::read(data(&name)).expect("bundled");
        let theirs = std::fs::read(dir.join(&name)).expect("shared");
        assert_eq!(ours, theirs, "{name}");
    }
}

#[test]
fn instance1_scenario_carries_every_rule() {
    let inst = NrpInstance::from_file(data("Instance1.txt")).unwrap_or_else(|e| panic!("{e}"));
    let s = inst.to_scenario("Instance1");
    s.validate().unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(s.horizon.start.to_string(), "2014-01-06");
    assert_eq!(s.horizon.end.to_string(), "2014-01-19");
    assert_eq!(s.run_borders, flexline::RunBorders::Exempt);
    // Staff line `A,D=14,4320,3360,5,2,2,1`; days off `A,0`.
    let a = &s.workers[0];
    assert_eq!(a.id.as_str(), "A");
    assert_eq!(a.max_shifts.get(&"D".into()), Some(&14));
    assert_eq!(a.max_total_minutes, Some(4320));
    assert_eq!(a.min_total_minutes, Some(3360));
    assert_eq!(a.max_consecutive_days, Some(5));
    assert_eq!(a.min_consecutive_days, Some(2));
    assert_eq!(a.min_consecutive_days_off, Some(2));
    assert_eq!(a.max_weekends, Some(1));
    assert_eq!(a.days_off, vec![s.horizon.start]);
    assert_eq!(a.hourly_wage, 0.0);
    // Shift D lasts 480 paid minutes.
    assert_eq!(s.shifts[0].paid_minutes(), 480);
    // Cover: weights 100 under, 1 over.
    assert!(s
        .cover
        .iter()
        .all(|c| c.under_weight == 100.0 && c.over_weight == 1.0));
}

#[test]
fn instance2_forbidden_lists_become_successions() {
    let inst = NrpInstance::from_file(data("Instance2.txt")).unwrap_or_else(|e| panic!("{e}"));
    let s = inst.to_scenario("Instance2");
    let listed: usize = inst.shifts.iter().map(|x| x.forbidden_next.len()).sum();
    assert!(listed > 0);
    assert_eq!(s.forbidden_successions.len(), listed);
    for sh in &inst.shifts {
        for next in &sh.forbidden_next {
            assert!(s
                .forbidden_successions
                .iter()
                .any(|f| f.first.as_str() == sh.id && f.then.as_str() == next));
        }
    }
}

#[test]
fn instance1_all_off_roster_costs_7137() {
    // 37 from the on-requests and 71 people short × 100 (benchmark README).
    let inst = NrpInstance::from_file(data("Instance1.txt")).unwrap_or_else(|e| panic!("{e}"));
    let s = inst.to_scenario("Instance1");
    let report = check::check(&s, &Roster::default());
    assert_eq!(report.cost.objective, 7137.0);
    assert_eq!(report.cost.request_penalty, 37.0);
    assert_eq!(report.cost.cover_short, 71.0);
    assert_eq!(report.cost.cover_short_penalty, 7100.0);
    assert_eq!(report.cost.cover_excess, 0.0);
    assert_eq!(report.cost.wages_total, 0.0);
    // Nobody reaches their minimum minutes: a hard rule, flagged per worker.
    assert_eq!(report.violations.len(), 8);
    assert!(report
        .violations
        .iter()
        .all(|v| v.rule == check::Rule::TotalMinutes));
}

// ---------------------------------------------------------------------------
// Malformed files.

const BASE: &str = "\
# A small valid instance.
SECTION_HORIZON
7

SECTION_SHIFTS
D,480,
L,480,D

SECTION_STAFF
A,D=5|L=5,2400,480,5,2,2,1
B,D=5|L=0,2400,0,5,1,1,1

SECTION_DAYS_OFF
A,6
B,0

SECTION_SHIFT_ON_REQUESTS
A,0,D,2

SECTION_SHIFT_OFF_REQUESTS
B,3,D,3

SECTION_COVER
0,D,1,100,1
0,L,1,100,1
1,D,1,100,1
";

#[test]
fn the_base_text_parses() {
    let inst = NrpInstance::parse(BASE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(counts(&inst), (7, 2, 2, 2, 1, 1, 3));
    assert_eq!(inst.shifts[1].forbidden_next, vec!["D".to_owned()]);
    assert_eq!(
        inst.staff[1].max_shifts,
        vec![("D".to_owned(), 5), ("L".to_owned(), 0)]
    );
    let s = inst.to_scenario("base");
    s.validate().unwrap_or_else(|r| panic!("{r}"));
    // MinConsecutive 1 means no constraint.
    assert_eq!(s.workers[1].min_consecutive_days, None);
    assert_eq!(s.workers[1].min_total_minutes, None);
}

/// BASE with the line `old` replaced by `new` (all lines if `old` repeats
/// nowhere else); returns the text and the 1-based line number of `new`.
fn with(old: &str, new: &str) -> (String, usize) {
    let lines: Vec<&str> = BASE.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == old)
        .unwrap_or_else(|| panic!("no line `{old}`"));
    let mut out: Vec<&str> = lines.clone();
    out[at] = new;
    (out.join("\n") + "\n", at + 1)
}

#[track_caller]
fn fails(text: &str, line: usize, words: &[&str]) {
    match NrpInstance::parse(text) {
        Err(Error::Format {
            line: l, message, ..
        }) => {
            assert_eq!(l, line, "wrong line for `{message}`");
            for w in words {
                assert!(message.contains(w), "`{message}` does not say `{w}`");
            }
        }
        Err(e) => panic!("expected a format error, got {e}"),
        Ok(_) => panic!("parsed:\n{text}"),
    }
}

#[test]
fn bad_numbers_name_the_field() {
    let (t, ln) = with("A,D=5|L=5,2400,480,5,2,2,1", "A,D=5|L=5,24x0,480,5,2,2,1");
    fails(&t, ln, &["MaxTotalMinutes", "24x0"]);
    let (t, ln) = with("A,D=5|L=5,2400,480,5,2,2,1", "A,D=5|L=5,2400,480,5,2,2,-1");
    fails(&t, ln, &["MaxWeekends", "-1"]);
    let (t, ln) = with(
        "A,D=5|L=5,2400,480,5,2,2,1",
        "A,D=five|L=5,2400,480,5,2,2,1",
    );
    fails(&t, ln, &["five"]);
    let (t, ln) = with("A,D=5|L=5,2400,480,5,2,2,1", "A,D5|L=5,2400,480,5,2,2,1");
    fails(&t, ln, &["D5", "ShiftID=number"]);
    let (t, ln) = with("7", "seven");
    fails(&t, ln, &["horizon", "seven"]);
    let (t, ln) = with("0,L,1,100,1", "0,L,one,100,1");
    fails(&t, ln, &["requirement", "one"]);
    let (t, ln) = with("A,0,D,2", "A,0,D,2.5");
    fails(&t, ln, &["weight", "2.5"]);
    let (t, ln) = with("D,480,", "D,8h,");
    fails(&t, ln, &["shift length", "8h"]);
    let (t, ln) = with("A,6", "A,x");
    fails(&t, ln, &["day", "x"]);
}

#[test]
fn wrong_field_counts_name_the_layout() {
    let (t, ln) = with("A,D=5|L=5,2400,480,5,2,2,1", "A,D=5|L=5,2400,480,5,2,2");
    fails(&t, ln, &["expected 8", "found 7", "MaxWeekends"]);
    let (t, ln) = with("0,D,1,100,1", "0,D,1,100");
    fails(&t, ln, &["expected 5", "found 4", "WeightOver"]);
    let (t, ln) = with("A,0,D,2", "A,0,D");
    fails(&t, ln, &["expected 4", "found 3"]);
    let (t, ln) = with("B,3,D,3", "B,3,D,3,1");
    fails(&t, ln, &["expected 4", "found 5"]);
    let (t, ln) = with("D,480,", "D,480");
    fails(&t, ln, &["expected 3", "found 2"]);
}

#[test]
fn unknown_shifts_and_employees_name_the_line() {
    let (t, ln) = with("0,L,1,100,1", "0,N,1,100,1");
    fails(&t, ln, &["shift `N`", "SECTION_SHIFTS"]);
    let (t, ln) = with("A,0,D,2", "A,0,N,2");
    fails(&t, ln, &["shift `N`"]);
    let (t, ln) = with("L,480,D", "L,480,D|N");
    fails(&t, ln, &["shift `N`"]);
    let (t, ln) = with("B,D=5|L=0,2400,0,5,1,1,1", "B,D=5|N=0,2400,0,5,1,1,1");
    fails(&t, ln, &["shift `N`"]);
    let (t, ln) = with("B,0", "C,0");
    fails(&t, ln, &["employee `C`", "SECTION_STAFF"]);
    let (t, ln) = with("B,3,D,3", "Z,3,D,3");
    fails(&t, ln, &["employee `Z`"]);
}

#[test]
fn days_out_of_range_name_the_line() {
    let (t, ln) = with("A,0,D,2", "A,7,D,2");
    fails(&t, ln, &["day 7", "outside the horizon 0..6"]);
    let (t, ln) = with("1,D,1,100,1", "7,D,1,100,1");
    fails(&t, ln, &["day 7", "0..6"]);
    let (t, ln) = with("A,6", "A,6,9");
    fails(&t, ln, &["day 9"]);
}

#[test]
fn duplicate_cover_names_the_second_line() {
    let (t, ln) = with("1,D,1,100,1", "0,D,2,100,1");
    fails(&t, ln, &["day 0", "shift `D`", "twice"]);
}

#[test]
fn duplicate_ids_name_the_second_line() {
    let (t, ln) = with("L,480,D", "D,600,");
    fails(&t, ln, &["shift", "`D`"]);
    let (t, ln) = with("B,D=5|L=0,2400,0,5,1,1,1", "A,D=5|L=0,2400,0,5,1,1,1");
    fails(&t, ln, &["employee", "`A`"]);
}

#[test]
fn section_problems_name_the_line() {
    let (t, ln) = with("SECTION_STAFF", "SECTION_STAF");
    fails(&t, ln, &["SECTION_STAF", "unknown section"]);
    let (t, ln) = with("SECTION_COVER", "SECTION_SHIFTS");
    fails(&t, ln, &["twice"]);
    let t = format!("A,1\n{BASE}");
    fails(&t, 1, &["before the first SECTION_"]);
    let (t, ln) = with("7", "0");
    fails(&t, ln, &["0 days"]);
    let t = BASE.replacen("SECTION_HORIZON\n7\n", "SECTION_HORIZON\n7\n8\n", 1);
    fails(&t, 4, &["one number"]);
    let (t, ln) = with("A,D=5|L=5,2400,480,5,2,2,1", "A,D=5|L=5,400,480,5,2,2,1");
    fails(&t, ln, &["MinTotalMinutes 480", "MaxTotalMinutes 400"]);
    let (t, ln) = with("A,D=5|L=5,2400,480,5,2,2,1", "A,D=5|L=5,2400,480,0,2,2,1");
    fails(&t, ln, &["MaxConsecutiveShifts is 0"]);
}

#[test]
fn missing_sections_are_errors() {
    let last = BASE.lines().count();
    let t = BASE.replacen("SECTION_HORIZON\n7\n", "", 1);
    fails(&t, last - 2, &["SECTION_HORIZON"]);
    let t = BASE.replacen("SECTION_SHIFTS\nD,480,\nL,480,D\n", "", 1);
    // Without shifts, the staff lines name unknown shifts or the file has none:
    // either way it does not parse.
    assert!(matches!(NrpInstance::parse(&t), Err(Error::Format { .. })));
    // A file cut before SECTION_COVER would price an instance without cover.
    let cut = &BASE[..BASE.find("SECTION_COVER").expect("cover")];
    fails(cut, cut.lines().count(), &["SECTION_COVER"]);
    // A file without SECTION_STAFF.
    let start = BASE.find("SECTION_STAFF").expect("staff");
    let end = BASE.find("SECTION_DAYS_OFF").expect("days off");
    let t = format!("{}{}", &BASE[..start], &BASE[end..]);
    assert!(matches!(NrpInstance::parse(&t), Err(Error::Format { .. })));
    let t = BASE.replacen("SECTION_SHIFT_OFF_REQUESTS\nB,3,D,3\n", "", 1);
    fails(&t, t.lines().count(), &["SECTION_SHIFT_OFF_REQUESTS"]);
}

#[test]
fn empty_sections_are_fine() {
    let t = BASE
        .replacen("A,0,D,2\n", "", 1)
        .replacen("B,3,D,3\n", "", 1);
    let inst = NrpInstance::parse(&t).unwrap_or_else(|e| panic!("{e}"));
    assert!(inst.on_requests.is_empty() && inst.off_requests.is_empty());
}

#[test]
fn comments_and_blank_lines_may_sit_anywhere() {
    let t = BASE.replace("\n\n", "\n\n# moved comment\n\n").replacen(
        "D,480,\n",
        "   # indented comment\nD,480,\n",
        1,
    );
    assert_eq!(
        NrpInstance::parse(&t).unwrap_or_else(|e| panic!("{e}")),
        NrpInstance::parse(BASE).unwrap_or_else(|e| panic!("{e}"))
    );
}

#[test]
fn file_errors_name_the_file() {
    let dir = std::env::temp_dir().join(format!("flexline-nrp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("Broken.txt");
    let (t, ln) = with("0,L,1,100,1", "0,N,1,100,1");
    std::fs::write(&path, t).expect("write");
    let err = NrpInstance::from_file(&path).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("Broken.txt"), "{text}");
    assert!(text.contains(&format!("line {ln}")), "{text}");
    let err = NrpInstance::from_file(dir.join("Missing.txt")).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err}");
    assert!(err.to_string().contains("Missing.txt"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_horizon_longer_than_flexline_plans_is_an_error() {
    fails(
        "SECTION_HORIZON\n100000000000\n",
        2,
        &["100000000000 days", "at most 366"],
    );
}
