//! Chinese and English: the table, the HTML report, the calendar events and
//! the diagnosis in the chosen language; the table aligned by display width.
//! (That every message exists in both languages is checked by the compiler:
//! each language implements every method of one trait, matching every case.)

use flexline::export::{self, display_width, HtmlOptions, IcsOptions};
use flexline::{Lang, Scenario};

use crate::common::{exact, scenario, solve_checked};

const TINY: &str = include_str!("../data/tiny.json");
const SHORT_WEEK: &str = include_str!("../../examples/data/short_week.json");

/// tiny.json with Chinese names, over three dates, with a fairness rule.
fn chinese_tiny() -> Scenario {
    let mut s = scenario(TINY);
    s.workers[0].name = "王芳".into();
    s.workers[1].name = "李秀英".into();
    s.horizon.end = s.horizon.start + chrono::Duration::days(2);
    let mut rule = flexline::FairnessRule::contract("全体", flexline::ContractKind::Regular);
    rule.hours_weight = 1.0;
    s.fairness.push(rule);
    s.validate().expect("valid");
    s
}

#[test]
fn zh_table_aligns_columns_with_chinese_names() {
    let s = chinese_tiny();
    let plan = solve_checked(&s, &exact());
    assert!(!plan.roster.assignments.is_empty());
    let table = export::roster_table(&s, &plan, Lang::ZhCn);
    let lines: Vec<&str> = table.lines().collect();
    let head = lines
        .iter()
        .position(|l| l.starts_with("工人"))
        .expect("header row");
    let grid = &lines[head..head + 1 + s.workers.len()];
    // Every row is as wide as the header, and every date column starts at
    // the same display column in every row.
    let starts = |row: &str| -> Vec<usize> {
        let mut cols = Vec::new();
        let mut width = 0;
        let mut prev_space = 0;
        for c in row.chars() {
            if c != ' ' && prev_space >= 2 {
                cols.push(width);
            }
            prev_space = if c == ' ' { prev_space + 1 } else { 0 };
            width += display_width(c.encode_utf8(&mut [0; 4]));
        }
        cols
    };
    let header_starts = starts(grid[0]);
    assert_eq!(header_starts.len(), s.horizon.dates().len(), "{}", grid[0]);
    for row in grid {
        assert_eq!(display_width(row), display_width(grid[0]), "{table}");
        assert_eq!(starts(row), header_starts, "row {row:?} in\n{table}");
    }
    // The names are there, the weekdays in Chinese.
    assert!(grid[1].contains("王芳") && grid[2].contains("李秀英"));
    assert!(grid[0].contains("周一"));
    // The fair-hours section shows the group, with min / mean / max.
    assert!(table.contains("工时是否均匀") && table.contains("全体"));
    assert!(!table.contains("Output per line and day"));
    let en = export::roster_table(&s, &plan, Lang::En);
    assert!(en.contains("Output per line and day") && en.contains("Fair hours"));
}

#[test]
fn html_and_calendar_carry_the_chosen_language() {
    let s = chinese_tiny();
    let plan = solve_checked(&s, &exact());
    for lang in Lang::ALL {
        let options = HtmlOptions {
            lang,
            ..Default::default()
        };
        let html = export::html_report(&s, &plan, &options);
        let doc = roxmltree::Document::parse_with_options(
            html.trim_start_matches("<!DOCTYPE html>\n"),
            roxmltree::ParsingOptions::default(),
        )
        .expect("well-formed");
        assert_eq!(doc.root_element().attribute("lang"), Some(lang.tag()));
        let h2: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("h2"))
            .map(|n| n.text().unwrap_or("").to_owned())
            .collect();
        match lang {
            Lang::ZhCn => {
                assert!(h2.iter().any(|h| h == "一周排班一览"), "{h2:?}");
                assert!(h2.iter().any(|h| h == "工时是否均匀"), "{h2:?}");
                assert!(!html.contains("The week at a glance"));
            }
            _ => assert!(h2.iter().any(|h| h == "The week at a glance"), "{h2:?}"),
        }
        let ics = IcsOptions::new("Asia/Shanghai", chrono::Utc::now()).with_lang(lang);
        let cal = export::roster_calendar(&s, &plan.roster, &ics).expect("calendar");
        let summaries: Vec<&str> = cal.lines().filter(|l| l.starts_with("SUMMARY")).collect();
        assert_eq!(summaries.len(), plan.roster.assignments.len());
        let tag = format!("SUMMARY;LANGUAGE={}:", lang.tag());
        assert!(
            summaries.iter().all(|l| l.starts_with(&tag)),
            "{summaries:?}"
        );
        let descriptions = cal.replace("\r\n ", "");
        match lang {
            Lang::ZhCn => {
                assert!(summaries.iter().all(|l| l.contains('：')), "{summaries:?}");
                assert!(descriptions.contains("计薪") && !descriptions.contains("Paid hours"));
                assert!(descriptions.contains("X-WR-CALNAME;LANGUAGE=zh-CN:全部班次"));
            }
            _ => assert!(descriptions.contains("Paid hours")),
        }
    }
}

/// The short week misses targets: its diagnosis reads in both languages,
/// and the Chinese one keeps no English sentence.
#[test]
fn diagnosis_and_unmet_targets_in_both_languages() {
    let s = scenario(SHORT_WEEK);
    let plan = solve_checked(&s, &flexline::SolveOptions::default());
    assert!(
        !plan.unmet.is_empty(),
        "the short week meets every target: no test"
    );
    let d = flexline::diagnose::diagnose(&s, &plan);
    let en = flexline::diagnose::explain_in(&d, Lang::En);
    let zh = flexline::diagnose::explain_in(&d, Lang::ZhCn);
    assert_eq!(en, flexline::diagnose::explain(&d));
    assert_eq!(en.lines().count(), zh.lines().count());
    assert!(zh.starts_with("目标 "), "{zh}");
    for english in [" units", "because", "could not", "short;", "rostered"] {
        assert!(!zh.contains(english), "{english:?} left in:\n{zh}");
    }
    for u in &plan.unmet {
        let text = u.explanation_in(Lang::ZhCn);
        assert!(
            text.contains("差") && text.contains("卡脖子的工位"),
            "{text}"
        );
        assert_eq!(u.explanation_in(Lang::En), u.to_string());
    }
}

#[test]
fn the_locale_picks_the_language_and_english_is_the_fallback() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    assert_eq!(Lang::from_vars(env(&[("LANG", "zh_CN.UTF-8")])), Lang::ZhCn);
    // LC_ALL wins over LANG; an empty one does not count.
    assert_eq!(
        Lang::from_vars(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")])),
        Lang::En
    );
    assert_eq!(
        Lang::from_vars(env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_CN.utf8")])),
        Lang::ZhCn
    );
    // A locale flexline does not speak, or none: English.
    assert_eq!(Lang::from_vars(env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
    assert_eq!(Lang::from_vars(env(&[("LANG", "C")])), Lang::En);
    assert_eq!(Lang::from_vars(env(&[])), Lang::En);
    // Traditional-script Chinese is not given simplified text.
    assert_eq!(Lang::parse("zh-TW"), None);
    assert!("fr"
        .parse::<Lang>()
        .unwrap_err()
        .contains("use en or zh-CN"));
}

/// `weekly_roster --lang`: a bad value exits 2 naming the flag's choices
/// before any work; `zh-CN` prints the Chinese table; without the flag the
/// locale decides.
#[test]
fn example_takes_lang_from_the_flag_or_the_locale() {
    let exe = std::env::current_exe().expect("exe");
    let bin = exe
        .parent()
        .and_then(|d| d.parent())
        .expect("target dir")
        .join("examples")
        .join("weekly_roster");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo test`",
        bin.display()
    );
    let tiny = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json");
    let run = |args: &[&str], lang_env: &str| {
        std::process::Command::new(&bin)
            .args(["--scenario", tiny, "--no-remedies"])
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang_env)
            .output()
            .expect("run")
    };
    let bad = run(&["--lang", "klingon"], "C");
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("use en or zh-CN"), "{stderr}");
    assert!(bad.stdout.is_empty());
    let zh = run(&["--lang", "zh-CN"], "C");
    assert_eq!(zh.status.code(), Some(0));
    let zh = String::from_utf8_lossy(&zh.stdout).into_owned();
    assert!(
        zh.contains("每条产线每天的产量") && zh.contains("结果：最优"),
        "{zh}"
    );
    // The same table (all but the status line, which holds the timings).
    let body = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("结果"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let from_locale = run(&[], "zh_CN.UTF-8");
    assert_eq!(
        body(&String::from_utf8_lossy(&from_locale.stdout)),
        body(&zh)
    );
    let flag_wins = run(&["--lang", "en"], "zh_CN.UTF-8");
    assert!(String::from_utf8_lossy(&flag_wins.stdout).contains("Output per line and day"));
}
