//! How user values appear in messages, and the limits every reader shares.
//!
//! Every value echoed in an error message goes through [`shown`] (long text
//! cut to [`SHOWN_CHARS`] characters, control characters escaped) or
//! [`number`] (huge or tiny magnitudes in scientific notation), so a 100 KB
//! id or a 309-digit number never floods the terminal.

use chrono::{Datelike, NaiveDate};

/// Characters of a user value shown in a message before it is cut.
pub const SHOWN_CHARS: usize = 60;
/// First year accepted in any date read (scenario, roster CSV, XML roster).
pub const MIN_YEAR: i32 = 1900;
/// Last year accepted in any date read.
pub const MAX_YEAR: i32 = 2200;

/// A user value as shown in a message: at most [`SHOWN_CHARS`] characters
/// (then "…"), control characters escaped as `\n`, `\u{0}`, ….
///
/// ```
/// # use flexline::text::shown;
/// assert_eq!(shown("w01"), "w01");
/// assert_eq!(shown("a\0b"), "a\\0b");
/// assert_eq!(shown(&"x".repeat(100_000)).chars().count(), 61);
/// ```
pub fn shown(value: &str) -> String {
    let mut out = String::new();
    for (i, ch) in value.chars().enumerate() {
        if i == SHOWN_CHARS {
            out.push('…');
            break;
        }
        if ch.is_control() {
            out.extend(ch.escape_debug());
        } else {
            out.push(ch);
        }
    }
    out
}

/// A number as shown in a message: plain for ordinary magnitudes, `1.0e308`
/// style when |x| ≥ 1e9 or it is tiny but not zero; `-0` is shown as `0`.
///
/// ```
/// # use flexline::text::number;
/// assert_eq!(number(12.5), "12.5");
/// assert_eq!(number(1e308), "1.000000e308");
/// assert_eq!(number(-0.0), "0");
/// assert_eq!(number(f64::NAN), "NaN");
/// ```
pub fn number(x: f64) -> String {
    if x == 0.0 {
        "0".into()
    } else if !x.is_finite() {
        format!("{x}")
    } else if x.abs() >= 1e9 || x.abs() < 1e-6 {
        format!("{x:.6e}")
    } else {
        format!("{x}")
    }
}

/// A quantity (units, hours) as every report shows it — the table of the
/// example binaries, the explanations carried in JSON and the HTML report:
/// one decimal, halves rounded away from zero, never `-0.0`.
///
/// ```
/// # use flexline::text::units;
/// assert_eq!(units(3113.64), "3113.6");
/// assert_eq!(units(0.25), "0.3");
/// assert_eq!(units(-0.04), "0.0");
/// ```
pub fn units(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 {
        "0.0".into()
    } else {
        format!("{r:.1}")
    }
}

/// Makes every run of text between backticks or double quotes in `message`
/// at most [`SHOWN_CHARS`] characters, escapes control characters, and cuts
/// the whole message at 1,000 characters: applied to every validation and
/// reader message, whatever value it echoes.
pub(crate) fn tidy(message: &str) -> String {
    const MAX_MESSAGE: usize = 1000;
    let mut out = String::with_capacity(message.len().min(MAX_MESSAGE + 8));
    let mut quoted: Option<char> = None;
    let mut run = 0usize;
    let mut total = 0usize;
    for ch in message.chars() {
        if total >= MAX_MESSAGE {
            out.push('…');
            break;
        }
        match quoted {
            Some(q) if ch == q => {
                quoted = None;
                run = 0;
            }
            Some(_) => {
                run += 1;
                if run > SHOWN_CHARS {
                    if run == SHOWN_CHARS + 1 {
                        out.push('…');
                        total += 1;
                    }
                    continue;
                }
            }
            None if ch == '`' || ch == '"' => {
                quoted = Some(ch);
                run = 0;
            }
            None => {}
        }
        if ch.is_control() && ch != '\n' {
            out.extend(ch.escape_debug());
        } else {
            out.push(ch);
        }
        total += 1;
    }
    out
}

/// The text without a leading UTF-8 byte-order mark.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// True if the date lies in the years [`MIN_YEAR`]–[`MAX_YEAR`].
pub(crate) fn date_in_range(d: NaiveDate) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&d.year())
}

/// The message for a date outside [`MIN_YEAR`]–[`MAX_YEAR`].
pub(crate) fn date_range_message(d: NaiveDate) -> String {
    format!("the date {d} is outside the years {MIN_YEAR}–{MAX_YEAR} that flexline accepts")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_cuts_quoted_runs_and_escapes() {
        let long = format!("worker `{}` is bad \"{}\"", "a".repeat(500), "\0");
        let t = tidy(&long);
        assert!(t.len() < 120, "{t}");
        assert!(t.contains('…') && t.contains("\\0"));
        assert_eq!(tidy("line\nnext"), "line\nnext");
    }
}
