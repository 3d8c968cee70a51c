//! One cell's value as a spreadsheet user types it: text, numbers, dates
//! and times in the forms Excel, WPS and LibreOffice store them.

use chrono::{NaiveDate, NaiveTime, Weekday};

/// A cell as read from a workbook or a CSV file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing typed.
    Empty,
    /// Text (every CSV cell is text).
    Text(String),
    /// A number.
    Number(f64),
    /// TRUE / FALSE.
    Bool(bool),
    /// A number in a date or time format: the spreadsheet serial (days since
    /// 1899-12-30, the fraction is the time of day).
    Serial(f64),
    /// An error value such as `#DIV/0!`.
    Error(String),
    /// A formula saved without its result.
    NoResult(String),
}

impl Cell {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// The column letters of a 0-based column index: 0 → A, 26 → AA.
pub(crate) fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell's address as a spreadsheet shows it: `Workers!C7`.
pub(crate) fn address(sheet: &str, row: usize, col: usize) -> String {
    format!("{sheet}!{}{}", column_letters(col), row + 1)
}

/// The day a spreadsheet serial falls on (1899-12-30 is day 0, as in Excel
/// after its 1900 leap-year slip, LibreOffice and WPS).
pub(crate) fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_466.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_signed(chrono::Duration::days(serial.floor() as i64))
}

/// The spreadsheet serial of a date.
pub(crate) fn date_serial(date: NaiveDate) -> f64 {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (date - base).num_days() as f64
}

/// A number shown as the user would type it (`16`, `16.5`).
pub(crate) fn number_text(v: f64) -> String {
    format!("{v}")
}

/// Reads a date typed as text: `2026-03-02`, `2026/3/2`, `2026.3.2`,
/// `2026年3月2日`, an ISO date-time at midnight, or a serial number.
pub(crate) fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let t = t
        .strip_suffix(" 00:00:00")
        .or_else(|| t.strip_suffix("T00:00:00"))
        .unwrap_or(t);
    let unified: String = t
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' => '-',
            '日' => ' ',
            c => c,
        })
        .collect();
    let unified = unified.trim();
    if let Ok(d) = NaiveDate::parse_from_str(unified, "%Y-%m-%d") {
        // Only four-digit years: "3-2-26" is not read as the year 3.
        if unified.split('-').next().is_some_and(|y| y.len() == 4) {
            return Some(d);
        }
    }
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) && t.len() <= 7 {
        return t.parse::<f64>().ok().and_then(serial_date);
    }
    None
}

/// Reads a time typed as text: `08:00`, `8:00`, `08:00:00`, `8:00 AM`,
/// `4:30 PM`, `16：30` (full-width colon). `Err` says why.
pub(crate) fn parse_time_text(text: &str) -> Result<NaiveTime, String> {
    let t = text.trim().replace('：', ":");
    if t == "24:00" || t == "24:00:00" {
        return Err("24:00 is not a time of day".into());
    }
    let upper = t.to_ascii_uppercase();
    for fmt in ["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p", "%I:%M%p"] {
        if let Ok(v) = NaiveTime::parse_from_str(&upper, fmt) {
            use chrono::Timelike;
            if v.second() != 0 {
                return Err("it has seconds, but times are whole minutes".into());
            }
            return Ok(v);
        }
    }
    Err("it is not a time".into())
}

/// A time from a spreadsheet fraction of a day (0.5 = 12:00).
pub(crate) fn fraction_time(fraction: f64) -> Result<NaiveTime, String> {
    if !(0.0..=1.0).contains(&fraction) {
        return Err("it is not a time of day (a fraction of a day from 0 to 1)".into());
    }
    let minutes = fraction * 1440.0;
    let whole = minutes.round();
    if (minutes - whole).abs() > 1e-3 {
        return Err("it has seconds, but times are whole minutes".into());
    }
    if whole >= 1440.0 {
        return Err("24:00 is not a time of day".into());
    }
    NaiveTime::from_hms_opt(whole as u32 / 60, whole as u32 % 60, 0)
        .ok_or_else(|| "it is not a time of day".into())
}

/// Normalises a word typed by a user: trimmed, lower case, spaces and
/// hyphens as underscores.
pub(crate) fn word(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// Splits a list typed into one cell: commas (also `，` and `、`),
/// semicolons or line breaks.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';', '，', '、', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

const WEEK: [Weekday; 7] = crate::model::WEEKDAYS;

/// One weekday: `Mon`, `monday`, `周一`, `星期一`, `一` … `日`/`天`.
fn one_day(text: &str) -> Option<Weekday> {
    let t = text.trim();
    let t = t
        .strip_prefix("星期")
        .or_else(|| t.strip_prefix("礼拜"))
        .or_else(|| t.strip_prefix('周'))
        .unwrap_or(t);
    let zh = ["一", "二", "三", "四", "五", "六"];
    if let Some(i) = zh.iter().position(|z| *z == t) {
        return Some(WEEK[i]);
    }
    if t == "日" || t == "天" {
        return Some(Weekday::Sun);
    }
    let lower = t.to_lowercase();
    if lower.len() < 2 {
        return None;
    }
    let names = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    names
        .iter()
        .position(|n| n.starts_with(&lower) && lower.len() >= 3)
        .map(|i| WEEK[i])
}

/// Weekdays typed into one cell: `Mon, Tue, Wed`, ranges `Mon-Fri` (also
/// `周一至周五`), `all` / `every day` / `每天`, `none`. Order is kept.
pub(crate) fn parse_days(text: &str) -> Result<Vec<Weekday>, String> {
    let t = text.trim();
    match word(t).as_str() {
        "all" | "every_day" | "daily" | "每天" | "全部" => return Ok(WEEK.to_vec()),
        "none" | "无" => return Ok(Vec::new()),
        _ => {}
    }
    let mut out = Vec::new();
    for part in t
        .split([',', ';', '，', '、', '；', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let range = part
            .split_once(['-', '–', '~', '～'])
            .or_else(|| part.split_once('至'));
        match range {
            Some((a, b)) => {
                let (Some(a), Some(b)) = (one_day(a), one_day(b)) else {
                    return Err(format!("\"{part}\" is not a range of weekdays"));
                };
                let (i, j) = (a.num_days_from_monday(), b.num_days_from_monday());
                if j < i {
                    return Err(format!("\"{part}\" runs backwards; write Mon-Fri"));
                }
                out.extend((i..=j).map(|k| WEEK[k as usize]));
            }
            None => match one_day(part) {
                Some(d) => out.push(d),
                None => return Err(format!("\"{part}\" is not a weekday")),
            },
        }
    }
    Ok(out)
}

/// Weekdays as the writer puts them in a cell (`none` for an empty list).
pub(crate) fn days_text(days: &[Weekday]) -> String {
    if days.is_empty() {
        return "none".into();
    }
    days.iter()
        .map(|d| format!("{d}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A yes/no cell: `yes`/`no`, `true`/`false`, `y`/`n`, `1`/`0`, `x`, `是`/`否`.
pub(crate) fn parse_flag(text: &str) -> Option<bool> {
    match word(text).as_str() {
        "yes" | "y" | "true" | "1" | "x" | "是" | "对" => Some(true),
        "no" | "n" | "false" | "0" | "否" | "不" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(address("Workers", 6, 2), "Workers!C7");
    }

    #[test]
    fn dates_in_every_form() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2);
        for t in [
            "2026-03-02",
            "2026/3/2",
            "2026.3.2",
            "2026年3月2日",
            "2026-03-02 00:00:00",
            "46083",
        ] {
            assert_eq!(parse_date_text(t), d, "{t}");
        }
        assert_eq!(serial_date(46083.0), d);
        assert_eq!(d.map(date_serial), Some(46083.0));
        assert_eq!(parse_date_text("3/2/2026"), None);
        assert_eq!(parse_date_text("next monday"), None);
    }

    #[test]
    fn times_in_every_form() {
        let t = NaiveTime::from_hms_opt(16, 30, 0);
        for s in ["16:30", "16:30:00", "4:30 PM", "4:30pm", "16：30"] {
            assert_eq!(parse_time_text(s).ok(), t, "{s}");
        }
        assert_eq!(fraction_time(16.5 / 24.0).ok(), t);
        assert!(parse_time_text("24:00").is_err());
        assert!(parse_time_text("08:00:30").is_err());
        assert!(fraction_time(1.0).is_err());
    }

    #[test]
    fn weekday_lists() {
        use Weekday::*;
        assert_eq!(parse_days("Mon-Fri"), Ok(vec![Mon, Tue, Wed, Thu, Fri]));
        assert_eq!(parse_days("周一至周三"), Ok(vec![Mon, Tue, Wed]));
        assert_eq!(parse_days("Sat, sunday"), Ok(vec![Sat, Sun]));
        assert_eq!(parse_days("六、日"), Ok(vec![Sat, Sun]));
        assert_eq!(parse_days("none"), Ok(vec![]));
        assert!(parse_days("Fri-Mon").is_err());
        assert!(parse_days("Funday").is_err());
        assert_eq!(parse_days(&days_text(&[Tue, Sun])), Ok(vec![Tue, Sun]));
    }
}
