//! Regression tests for crashes, resource exhaustion and misleading messages
//! found by hostile input (issue 15). Each test would panic, abort, hang or
//! print the wrong thing without its fix.

use std::path::PathBuf;
use std::process::Command;

use flexline::export::{self, IcsOptions};
use flexline::formats::{read_roster_xml, NrpInstance, MAX_XML_DEPTH};
use flexline::layout::{CompareOptions, Layout};
use flexline::repair::{ChangeWeights, RepairRequest};
use flexline::risk::RiskOptions;
use flexline::{Error, IssueCode, Scenario, SolveOptions};

const TINY: &str = include_str!("../data/tiny.json");
const NRP: &str = "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,2400,0,5,1,1,1\n\
SECTION_DAYS_OFF\nA,6\nSECTION_SHIFT_ON_REQUESTS\nSECTION_SHIFT_OFF_REQUESTS\nSECTION_COVER\n0,D,1,100,1\n";

fn tiny() -> Scenario {
    Scenario::from_json_str(TINY).unwrap()
}

fn codes(json: &str) -> Vec<IssueCode> {
    match Scenario::from_json_str(json) {
        Err(Error::Invalid(r)) => r.issues.iter().map(|i| i.code).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("flexline-hardening-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// --- crashes -----------------------------------------------------------------

#[test]
fn deeply_nested_xml_is_refused_before_parsing() {
    let s = Scenario::from_json_str(TINY).unwrap();
    let depth = 20_000;
    let xml = format!(
        "<Roster>{}{}</Roster>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let err = read_roster_xml(&xml, &s).unwrap_err();
    assert!(
        err.to_string().contains(&MAX_XML_DEPTH.to_string()),
        "{err}"
    );
    // Just inside the limit is parsed (and rejected for its content only).
    let ok = format!(
        "<Roster>{}{}</Roster>",
        "<a>".repeat(MAX_XML_DEPTH - 2),
        "</a>".repeat(MAX_XML_DEPTH - 2)
    );
    assert!(read_roster_xml(&ok, &s).is_ok());
    // Comments, self-closing tags and quoted '>' do not fool the depth scan.
    let tricky = "<Roster><!-- <a><a><a> --><b x='>'/><SchedulingPeriodFile>x</SchedulingPeriodFile></Roster>";
    assert!(read_roster_xml(tricky, &s).is_ok());
}

#[test]
fn workplaces_cannot_wrap_when_layouts_merge() {
    let huge = TINY
        .replace("\"workplaces\": 1 }", "\"workplaces\": 4294967295 }")
        .replace("\"workplaces\": 1, ", "\"workplaces\": 4294967295, ");
    assert!(codes(&huge).contains(&IssueCode::TooManyWorkplaces));
    // Two lines whose stations share a skill, each at the cap, merge without
    // wrapping.
    let mut s = tiny();
    let mut other = s.lines[0].clone();
    other.id = "L2".into();
    for st in &mut other.stations {
        st.id = format!("{}2", st.id).as_str().into();
    }
    s.lines.push(other);
    for l in &mut s.lines {
        for st in &mut l.stations {
            st.workplaces = u32::MAX;
        }
    }
    match Layout::FlexibleSpread.apply(&s) {
        Err(Error::Invalid(r)) => {
            assert!(r
                .issues
                .iter()
                .any(|i| i.code == IssueCode::TooManyWorkplaces))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn huge_time_limits_and_threads_are_option_errors() {
    let s = tiny();
    for t in [1e19, 1e308, f64::INFINITY, f64::NAN, 0.0, -1.0] {
        let o = SolveOptions {
            time_limit: Some(t),
            ..Default::default()
        };
        match flexline::solve(&s, &o) {
            Err(Error::InvalidOptions {
                options: "solve",
                option: "time_limit",
                message,
            }) => assert!(message.len() < 200, "{message}"),
            other => panic!("{t}: {other:?}"),
        }
    }
    for n in [0, 1024, u32::MAX] {
        let o = SolveOptions {
            threads: Some(n),
            ..Default::default()
        };
        assert!(
            matches!(
                o.check(),
                Err(Error::InvalidOptions {
                    option: "threads",
                    ..
                })
            ),
            "{n}"
        );
    }
    assert!(SolveOptions {
        time_limit: Some(flexline::MAX_TIME_LIMIT),
        threads: Some(1),
        ..Default::default()
    }
    .check()
    .is_ok());
}

#[test]
fn samples_and_risk_options_are_capped_before_any_work() {
    let s = tiny();
    let plan = crate::common::solve_checked(&s, &SolveOptions::default());
    let o = RiskOptions {
        samples: 10_000_000_000_000,
        ..Default::default()
    };
    let err = flexline::risk::simulate(&s, &plan.roster, &o).unwrap_err();
    assert!(
        err.to_string().starts_with("invalid risk option `samples`"),
        "{err}"
    );
    let mut c = CompareOptions::default();
    c.risk.samples = 0;
    assert!(matches!(
        flexline::layout::compare(&s, &[Layout::AsGiven], &c),
        Err(Error::InvalidOptions {
            options: "risk",
            ..
        })
    ));
    c.risk.samples = 10;
    c.flow.bucket_minutes = 7;
    assert!(matches!(
        c.check(),
        Err(Error::InvalidOptions {
            options: "flow",
            ..
        })
    ));
}

#[test]
fn long_ids_and_names_are_refused_and_shown_cut() {
    let id = "w".repeat(100_000);
    let json = TINY.replace(
        "\"id\": \"ana\"",
        &format!("\"id\": \"{id}\", \"name\": \"{id}\""),
    );
    let err = Scenario::from_json_str(&json).unwrap_err();
    let text = err.to_string();
    assert!(text.len() < 2_000, "{} bytes of message", text.len());
    let Error::Invalid(r) = err else { panic!() };
    let got: Vec<_> = r.issues.iter().map(|i| i.code).collect();
    assert!(
        got.contains(&IssueCode::BadId) && got.contains(&IssueCode::NameTooLong),
        "{got:?}"
    );
    // Control characters in ids are refused and escaped when shown.
    let json = TINY.replace("\"id\": \"ana\"", "\"id\": \"a\\u0000na\"");
    let err = Scenario::from_json_str(&json).unwrap_err();
    assert!(!err.to_string().contains('\0'));
    assert!(err.to_string().contains("\\0"), "{err}");
}

#[test]
fn dates_outside_the_years_are_refused_everywhere() {
    let csv = "worker,date,shift,line,station,start,end,paid_hours\n\
               ana,+262142-12-31,flex,L,wind,+262142-12-31T08:00,+262142-12-31T16:30,8\n";
    let err = export::read_assignments_csv(csv).unwrap_err();
    assert!(err.to_string().contains("1900"), "{err}");
    let json = TINY.replace("\"2026-03-02\", \"end\"", "\"1800-03-02\", \"end\"");
    assert!(!codes(&json).is_empty());
    let json = TINY.replace(
        "\"hourly_wage\": 16.0 }",
        "\"hourly_wage\": 16.0, \"unavailable\": [ { \"kind\": \"leave\", \"from\": \"2026-03-01\", \"to\": \"9999-12-31\" } ] }",
    );
    assert!(codes(&json).contains(&IssueCode::DateOutOfRange));
    // A roster far from the horizon is an error for calendars, not a panic
    // or a centuries-long time-zone table.
    let s = tiny();
    let mut roster = crate::common::solve_checked(&s, &SolveOptions::default()).roster;
    let far = chrono::NaiveDate::from_ymd_opt(2199, 1, 1).unwrap();
    roster.assignments[0].date = far;
    roster.assignments[0].start = far.and_hms_opt(8, 0, 0).unwrap();
    roster.assignments[0].end = far.and_hms_opt(16, 0, 0).unwrap();
    let ics = IcsOptions::new("Europe/Berlin", chrono::Utc::now());
    assert!(matches!(
        export::calendar_files(&s, &roster, &ics),
        Err(Error::InvalidRoster { .. })
    ));
}

#[test]
fn seconds_in_times_are_refused() {
    let json = TINY.replace("\"08:00\"", "\"08:00:30\"");
    let err = Scenario::from_json_str(&json).unwrap_err();
    assert!(err.to_string().contains("give HH:MM"), "{err}");
    let csv = "worker,date,shift,line,station,start,end,paid_hours\n\
               ana,2026-03-02,flex,L,wind,2026-03-02T08:00:30,2026-03-02T16:30,8\n";
    let err = export::read_assignments_csv(csv).unwrap_err();
    assert!(err.to_string().contains("without seconds"), "{err}");
}

// --- messages ----------------------------------------------------------------

#[test]
fn huge_numbers_are_shown_short_and_the_limit_is_named() {
    let json = TINY.replace("\"hourly_wage\": 16.0", "\"hourly_wage\": 1e308");
    let Err(Error::Invalid(r)) = Scenario::from_json_str(&json) else {
        panic!()
    };
    let i = &r.issues[0];
    assert_eq!(i.code, IssueCode::BadNumber);
    assert!(
        i.message.contains("1.000000e308") && i.message.len() < 120,
        "{}",
        i.message
    );
    assert!(i.fix.contains("1e9"), "{}", i.fix);
}

#[test]
fn empty_input_says_the_file_is_empty() {
    for text in ["", "  \n", "\u{feff}"] {
        let e = Scenario::from_json_str(text).unwrap_err();
        assert!(e.to_string().contains("the file is empty"), "{e}");
        let e = NrpInstance::parse(text).unwrap_err();
        assert!(e.to_string().contains("the file is empty"), "{e}");
        let e = export::read_assignments_csv(text).unwrap_err();
        assert!(e.to_string().contains("the file is empty"), "{e}");
        let e = read_roster_xml(text, &tiny()).unwrap_err();
        assert!(e.to_string().contains("the file is empty"), "{e}");
    }
}

#[test]
fn a_byte_order_mark_is_skipped_by_every_reader() {
    let bom = "\u{feff}";
    assert!(Scenario::from_json_str(&format!("{bom}{TINY}")).is_ok());
    assert!(NrpInstance::parse(&format!("{bom}{NRP}")).is_ok());
    let s = tiny();
    let plan = crate::common::solve_checked(&s, &SolveOptions::default());
    let csv = export::assignments_csv(&plan.roster).unwrap();
    assert_eq!(
        export::read_assignments_csv(&format!("{bom}{csv}")).unwrap(),
        plan.roster
    );
    let xml = "<Roster><SchedulingPeriodFile>x</SchedulingPeriodFile></Roster>";
    assert!(read_roster_xml(&format!("{bom}{xml}"), &s).is_ok());
}

#[test]
fn repair_weights_are_validated_like_every_price() {
    let s = tiny();
    let published = crate::common::solve_checked(&s, &SolveOptions::default()).roster;
    for v in [1e20, 1.7e308, f64::NAN, -1.0] {
        let w = ChangeWeights {
            day_off: v,
            ..Default::default()
        };
        let r = flexline::repair::repair(
            &s,
            &published,
            &RepairRequest::default(),
            &w,
            &SolveOptions::default(),
        );
        assert!(matches!(r, Err(Error::Repair { .. })), "{v}: {r:?}");
    }
}

#[test]
fn checker_never_says_minus_zero() {
    let json = TINY.replace(
        "\"hourly_wage\": 16.0 }",
        "\"hourly_wage\": 16.0, \"min_total_minutes\": 600 }",
    );
    let s = Scenario::from_json_str(&json).unwrap();
    let report = flexline::check::check(&s, &flexline::Roster::default());
    let text: Vec<String> = report.violations.iter().map(|v| v.to_string()).collect();
    assert!(!text.is_empty());
    assert!(text.iter().all(|t| !t.contains("-0 ")), "{text:?}");
}

// --- the example binaries ----------------------------------------------------

/// The example binary `name`, which `cargo test` builds beside the tests.
/// Missing is a failure, not a skip: these tests exist to run them.
fn example(name: &str) -> PathBuf {
    // tests/…/target/release/deps/hardening-… → target/release/examples/name
    let exe = std::env::current_exe().expect("test executable");
    let path = exe
        .parent()
        .and_then(|p| p.parent())
        .expect("target directory")
        .join("examples")
        .join(name);
    assert!(
        path.exists(),
        "{} is missing: run the tests with `cargo test` (which builds the examples) \
         or `cargo build --release --examples` first",
        path.display()
    );
    path
}

#[test]
fn weekly_roster_never_overwrites_its_input_and_checks_out_first() {
    let bin = example("weekly_roster");
    let dir = scratch("out");
    let input = dir.join("scenario.json");
    std::fs::write(&input, TINY).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(&bin).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let inp = input.to_str().unwrap();
    let (code, err) = run(&["--scenario", inp, "--out", inp]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), TINY);
    // A missing directory, an empty path, a directory as a file: exit 2.
    for out in [
        dir.join("no/such/dir/x.json").to_str().unwrap(),
        "",
        dir.to_str().unwrap(),
    ] {
        let (code, err) = run(&["--scenario", inp, "--out", out]);
        assert_eq!(code, Some(2), "{out}: {err}");
        assert!(err.starts_with("error: --out"), "{err}");
    }
    // Time limits and threads are refused before any work.
    for bad in [
        ["--time-limit", "1e19"],
        ["--time-limit", "NaN"],
        ["--threads", "1024"],
    ] {
        let (code, err) = run(&["--scenario", inp, bad[0], bad[1]]);
        assert_eq!(code, Some(2), "{bad:?}: {err}");
    }
    // A good run writes the file atomically and leaves no temporary file.
    let out = dir.join("roster.json");
    let (code, err) = run(&[
        "--scenario",
        inp,
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("\"roster\""));
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every example binary: `--help` exits 0 and explains each of its flags
/// with an example; a bad value exits 2 before any work, naming the flag.
#[test]
fn every_example_explains_its_flags_and_refuses_bad_values_by_name() {
    let cases: [(&str, &[&str], [&str; 2]); 7] = [
        (
            "weekly_roster",
            &[
                "--scenario",
                "--format",
                "--time-zone",
                "--time-limit",
                "--threads",
                "--out",
                "--no-remedies",
            ],
            ["--time-limit", "0"],
        ),
        ("audit", &["--scenario", "--roster"], ["--bogus", "1"]),
        (
            "repair",
            &[
                "--scenario",
                "--worker",
                "--format",
                "--time-limit",
                "--threads",
            ],
            ["--threads", "0"],
        ),
        (
            "compare_layouts",
            &[
                "--scenario",
                "--format",
                "--layouts",
                "--sweep",
                "--size-buffer",
                "--p-min",
                "--step",
                "--max-size",
                "--station",
                "--only",
                "--jobs",
                "--time-limit",
                "--threads",
                "--samples",
                "--seed",
                "--bucket-minutes",
            ],
            ["--time-limit", "1e19"],
        ),
        (
            "nrp",
            &["--time-limit", "--threads", "--seed", "--out"],
            ["--seed", "x"],
        ),
        (
            "synthetic",
            &[
                "--kind",
                "--workers",
                "--days",
                "--seed",
                "--share",
                "--shifts",
                "--stations",
                "--time-limit",
                "--threads",
                "--write",
            ],
            ["--days", "367"],
        ),
        (
            "fuzz",
            &["--cases", "--seed", "--solve-every"],
            ["--cases", "many"],
        ),
    ];
    for (name, flags, bad) in cases {
        let bin = example(name);
        let out = Command::new(&bin).arg("--help").output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name} --help");
        let help = String::from_utf8_lossy(&out.stdout);
        for flag in flags {
            assert!(help.contains(flag), "{name} --help lacks {flag}:\n{help}");
        }
        assert!(help.contains("Examples:"), "{name} --help has no example");
        let t0 = std::time::Instant::now();
        let out = Command::new(&bin).args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name} {bad:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error: "), "{name} {bad:?}: {err}");
        // The flag is named (an unknown one, or the one with the bad value).
        assert!(err.contains(bad[0]), "{name} {bad:?}: {err}");
        assert!(t0.elapsed().as_secs_f64() < 2.0, "{name} worked first");
    }
}

/// The progress line is for terminals: with standard error captured, a solve
/// writes nothing there.
#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    let out = Command::new(example("nrp"))
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/nrp/Instance1.txt"
        ))
        .args(["--threads", "1", "--time-limit", "30"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["objective"], 607.0);
}

#[test]
fn long_worker_ids_in_the_table_do_not_panic() {
    let bin = example("weekly_roster");
    let dir = scratch("width");
    let input = dir.join("s.json");
    // At the limits: 200-character id and name.
    let id = "i".repeat(200);
    let name = "n".repeat(200);
    std::fs::write(
        &input,
        TINY.replace(
            "\"id\": \"ana\"",
            &format!("\"id\": \"{id}\", \"name\": \"{name}\""),
        ),
    )
    .unwrap();
    let out = Command::new(&bin)
        .args(["--scenario", input.to_str().unwrap(), "--no-remedies"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn nrp_refuses_out_equal_to_the_instance_and_prefixes_errors() {
    let bin = example("nrp");
    let dir = scratch("nrp");
    let input = dir.join("Instance.txt");
    std::fs::write(&input, format!("\u{feff}{NRP}")).unwrap();
    let inp = input.to_str().unwrap();
    let out = Command::new(&bin)
        .args([inp, "--out", inp])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        format!("\u{feff}{NRP}")
    );
    let out = Command::new(&bin)
        .args(["--threads", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "));
    // With a BOM the instance still solves.
    let xml = dir.join("roster.xml");
    let out = Command::new(&bin)
        .args([inp, "--out", xml.to_str().unwrap(), "--time-limit", "10"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn repair_checks_the_worker_before_solving() {
    let bin = example("repair");
    let t0 = std::time::Instant::now();
    let out = Command::new(&bin)
        .args(["--worker", "nobody"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nobody"));
    assert!(t0.elapsed().as_secs_f64() < 2.0, "it solved first");
}

#[test]
fn layout_file_errors_echo_no_raw_control_characters() {
    // Found by the fuzzer: an unknown field name holding DEL came back raw.
    let text = "{ \"layouts\": [ { \"name\": \"a\", \"edits\": [ { \"edit\": \"buffer\", \"station\": \"asm\", \"initia\u{7f}l_stock\": 1 } ] } ] }";
    let err = flexline::layout::LayoutFile::from_json_str(text)
        .unwrap_err()
        .to_string();
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    assert!(err.contains("initia"), "{err}");
}
