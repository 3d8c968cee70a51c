//! iCalendar (RFC 5545) exports: one event per assignment, in the factory's
//! time zone, with UIDs that stay the same when a roster is re-published.
//!
//! The content lines are written here (about a hundred lines: folding at 75
//! octets, CRLF, TEXT escaping) rather than with a calendar crate: the
//! well-kept one (`icalendar`) needs a newer Rust than flexline's 1.80 and
//! cannot write the `VTIMEZONE` a `TZID` must refer to. The tests check the
//! output against the RFC's rules. DESIGN.md ("Exports", and the decisions) has the reasons.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::ExportFile;
use crate::error::Error;
use crate::i18n::{EventWords, Label, Lang, Messages};
use crate::model::{Scenario, ShiftId, WorkerId};
use crate::report::{Assignment, Roster};

/// The `PRODID` of every calendar flexline writes.
pub const PRODID: &str = concat!("-//flexline//flexline ", env!("CARGO_PKG_VERSION"), "//EN");

/// How calendar files are written.
///
/// ```
/// let published = chrono::DateTime::from_timestamp(1_772_400_000, 0).unwrap();
/// let options = flexline::export::IcsOptions::new("Asia/Shanghai", published);
/// assert_eq!(options.time_zone, "Asia/Shanghai");
/// assert_eq!(options.lang, flexline::Lang::En);
/// let zh = options.with_lang(flexline::Lang::ZhCn);
/// assert_eq!(zh.lang, flexline::Lang::ZhCn);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsOptions {
    /// The factory's IANA time zone (e.g. `"Asia/Shanghai"`, `"UTC"`): the
    /// roster's local times are written with this `TZID`, and a `VTIMEZONE`
    /// describing its offsets over the roster's dates is included.
    pub time_zone: String,
    /// When the roster is published. Written as every event's `DTSTAMP`; its
    /// whole minutes since 2020-01-01 00:00 UTC are the `SEQUENCE`, so each
    /// later publication carries a higher sequence and calendar apps take
    /// its events as updates of the earlier ones.
    pub published: DateTime<Utc>,
    /// The language of event titles, descriptions and calendar names
    /// (written with a `LANGUAGE` parameter); scenario names are shown as
    /// given.
    pub lang: Lang,
}

impl IcsOptions {
    /// Options for a time zone and a publication instant, in English.
    pub fn new(time_zone: impl Into<String>, published: DateTime<Utc>) -> Self {
        Self {
            time_zone: time_zone.into(),
            published,
            lang: Lang::En,
        }
    }

    /// The same options in `lang`.
    pub fn with_lang(self, lang: Lang) -> Self {
        Self { lang, ..self }
    }
}

/// The stable `UID` of the event for `worker`'s `shift` on `date` in the
/// scenario named `scenario_name`: the FNV-1a 128-bit hash of the four
/// (each preceded by its length), in hex, then `@flexline`. The station and the times are not part of
/// it, so a re-published roster that moves the worker to another station
/// updates the event instead of adding a second one.
///
/// ```
/// use flexline::{export::event_uid, ShiftId, WorkerId};
/// let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let uid = event_uid("week 10", &WorkerId::from("m01"), d, &ShiftId::from("flex"));
/// assert!(uid.ends_with("@flexline") && uid.len() == 32 + "@flexline".len());
/// assert_eq!(uid, event_uid("week 10", &WorkerId::from("m01"), d, &ShiftId::from("flex")));
/// assert_ne!(uid, event_uid("week 10", &WorkerId::from("m02"), d, &ShiftId::from("flex")));
/// ```
pub fn event_uid(
    scenario_name: &str,
    worker: &WorkerId,
    date: NaiveDate,
    shift: &ShiftId,
) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut h = OFFSET;
    let date = date.format("%Y-%m-%d").to_string();
    for part in [scenario_name, worker.as_str(), &date, shift.as_str()] {
        // Each part is preceded by its length, so no two tuples hash the same bytes.
        for b in (part.len() as u64)
            .to_le_bytes()
            .into_iter()
            .chain(part.bytes())
        {
            h ^= u128::from(b);
            h = h.wrapping_mul(PRIME);
        }
    }
    format!("{h:032x}@flexline")
}

/// The calendar of one worker: one event per assignment of theirs.
///
/// A worker without shifts gets a valid calendar with no events (its
/// `VTIMEZONE` is its one component).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// # let scenario = flexline::Scenario::from_json_str(&json)?;
/// use flexline::export::{worker_calendar, IcsOptions};
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let options = IcsOptions::new("Asia/Shanghai", chrono::Utc::now());
/// let ics = worker_calendar(&scenario, &plan.roster, &"ana".into(), &options)?;
/// assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
/// assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
/// assert!(ics.contains("DTSTART;TZID=Asia/Shanghai:"));
///
/// let bad = IcsOptions::new("Mars/Olympus", chrono::Utc::now());
/// assert!(worker_calendar(&scenario, &plan.roster, &"ana".into(), &bad).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn worker_calendar(
    scenario: &Scenario,
    roster: &Roster,
    worker: &WorkerId,
    options: &IcsOptions,
) -> Result<String, Error> {
    let w = scenario
        .worker(worker)
        .ok_or_else(|| Error::UnknownWorker {
            worker: crate::text::shown(worker.as_str()),
        })?;
    let ctx = Context::new(scenario, roster, options)?;
    let who = if w.name.is_empty() {
        w.id.as_str()
    } else {
        &w.name
    };
    Ok(ctx.calendar(
        &ctx.t.calendar_of(who, ctx.scenario_title()),
        roster.of_worker(worker),
    ))
}

/// One calendar with every assignment of the roster (for planners and
/// line managers).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// # let scenario = flexline::Scenario::from_json_str(&json)?;
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let options = flexline::export::IcsOptions::new("UTC", chrono::Utc::now());
/// let ics = flexline::export::roster_calendar(&scenario, &plan.roster, &options)?;
/// assert_eq!(ics.matches("BEGIN:VEVENT").count(), plan.roster.assignments.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn roster_calendar(
    scenario: &Scenario,
    roster: &Roster,
    options: &IcsOptions,
) -> Result<String, Error> {
    let ctx = Context::new(scenario, roster, options)?;
    Ok(ctx.calendar(
        &ctx.t.calendar_all(ctx.scenario_title()),
        roster.assignments.iter(),
    ))
}

/// One `.ics` file per scenario worker (with or without shifts), named after
/// the worker id (characters other than letters, digits, `-`, `_` and `.`
/// become `_`; a name taken already gets `-2`, `-3`, …), followed by
/// `all.ics` with every assignment.
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tiny.json"))?;
/// # let scenario = flexline::Scenario::from_json_str(&json)?;
/// let plan = flexline::solve(&scenario, &Default::default())?;
/// let options = flexline::export::IcsOptions::new("UTC", chrono::Utc::now());
/// let files = flexline::export::calendar_files(&scenario, &plan.roster, &options)?;
/// assert_eq!(files.len(), scenario.workers.len() + 1);
/// assert_eq!(files[0].name, "ana.ics");
/// assert_eq!(files.last().unwrap().name, "all.ics");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn calendar_files(
    scenario: &Scenario,
    roster: &Roster,
    options: &IcsOptions,
) -> Result<Vec<ExportFile>, Error> {
    let ctx = Context::new(scenario, roster, options)?;
    let mut by_worker: HashMap<&WorkerId, Vec<&Assignment>> = HashMap::new();
    for a in &roster.assignments {
        by_worker.entry(&a.worker).or_default().push(a);
    }
    let mut taken: HashSet<String> = HashSet::from(["all.ics".to_owned()]);
    let mut files = Vec::with_capacity(scenario.workers.len() + 1);
    for w in &scenario.workers {
        let who = if w.name.is_empty() {
            w.id.as_str()
        } else {
            &w.name
        };
        let contents = ctx.calendar(
            &ctx.t.calendar_of(who, ctx.scenario_title()),
            by_worker.get(&w.id).into_iter().flatten().copied(),
        );
        let stem = file_stem(w.id.as_str());
        let mut name = format!("{stem}.ics");
        let mut k = 2;
        while !taken.insert(name.clone()) {
            name = format!("{stem}-{k}.ics");
            k += 1;
        }
        files.push(ExportFile { name, contents });
    }
    files.push(ExportFile {
        name: "all.ics".into(),
        contents: ctx.calendar(
            &format!("All shifts – {}", ctx.scenario_title()),
            roster.assignments.iter(),
        ),
    });
    Ok(files)
}

fn file_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() || stem.starts_with('.') {
        format!("worker{stem}")
    } else {
        stem
    }
}

/// What every calendar of one export shares: names, the `VTIMEZONE`, the stamp.
struct Context<'a> {
    scenario: &'a Scenario,
    t: &'static dyn Messages,
    lang: Lang,
    tzid: &'a str,
    vtimezone: String,
    dtstamp: String,
    sequence: i64,
    workers: HashMap<&'a str, &'a str>,
    stations: HashMap<&'a str, &'a str>,
    lines: HashMap<&'a str, &'a str>,
    shifts: HashMap<&'a str, (&'a str, u32)>,
}

fn display<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.is_empty() {
        id
    } else {
        name
    }
}

impl<'a> Context<'a> {
    fn new(
        scenario: &'a Scenario,
        roster: &Roster,
        options: &'a IcsOptions,
    ) -> Result<Self, Error> {
        let tz: Tz = options
            .time_zone
            .parse()
            .map_err(|_| Error::UnknownTimeZone {
                name: options.time_zone.clone(),
            })?;
        // Local times to cover: the horizon and every assignment, with a day
        // of margin either side (no UTC offset reaches a day).
        // Assignments must lie near the horizon (a night shift ends the day
        // after); anything else is not this scenario's roster, and would make
        // the time-zone table span centuries.
        let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default();
        let span = |d: NaiveDate, days: i64| {
            d.checked_add_signed(Duration::days(days))
                .map(midnight)
                .ok_or_else(|| Error::InvalidRoster {
                    assignment: 0,
                    message: crate::text::date_range_message(d),
                })
        };
        let lo = span(scenario.horizon.start, -MARGIN_DAYS)?;
        let hi = span(scenario.horizon.end, MARGIN_DAYS + 1)?;
        for (i, a) in roster.assignments.iter().enumerate() {
            if a.start < lo || a.end > hi || a.start > a.end {
                return Err(Error::InvalidRoster {
                    assignment: i,
                    message: format!(
                        "worker `{}` on {}: it runs {} to {}, not within {MARGIN_DAYS} days of the horizon {} to {}; \
                         export the roster with its own scenario",
                        crate::text::shown(a.worker.as_str()),
                        a.date,
                        a.start,
                        a.end,
                        scenario.horizon.start,
                        scenario.horizon.end
                    ),
                });
            }
        }
        let mut from = midnight(scenario.horizon.start);
        let mut to = midnight(scenario.horizon.end) + Duration::days(2);
        for a in &roster.assignments {
            from = from.min(a.start);
            to = to.max(a.end);
        }
        let from = from - Duration::days(1);
        let to = to + Duration::days(1);
        let mut vtimezone = String::new();
        write_vtimezone(&mut vtimezone, tz, options.time_zone.as_str(), from, to);
        let epoch = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).single();
        let sequence = epoch
            .map(|e| {
                (options.published - e)
                    .num_minutes()
                    .clamp(0, i64::from(i32::MAX))
            })
            .unwrap_or(0);
        let mut stations = HashMap::new();
        let mut lines = HashMap::new();
        for l in &scenario.lines {
            lines.insert(l.id.as_str(), display(&l.name, l.id.as_str()));
            for s in &l.stations {
                stations.insert(s.id.as_str(), display(&s.name, s.id.as_str()));
            }
        }
        Ok(Self {
            scenario,
            t: options.lang.text(),
            lang: options.lang,
            tzid: options.time_zone.as_str(),
            vtimezone,
            dtstamp: options.published.format("%Y%m%dT%H%M%SZ").to_string(),
            sequence,
            workers: scenario
                .workers
                .iter()
                .map(|w| (w.id.as_str(), display(&w.name, w.id.as_str())))
                .collect(),
            stations,
            lines,
            shifts: scenario
                .shifts
                .iter()
                .map(|s| {
                    (
                        s.id.as_str(),
                        (display(&s.name, s.id.as_str()), s.break_minutes),
                    )
                })
                .collect(),
        })
    }

    fn scenario_title(&self) -> &str {
        if self.scenario.name.is_empty() {
            self.t.label(Label::DefaultTitle)
        } else {
            &self.scenario.name
        }
    }

    fn calendar<'r>(&self, name: &str, events: impl Iterator<Item = &'r Assignment>) -> String {
        let mut out = String::with_capacity(self.vtimezone.len() + 1024);
        line(&mut out, "BEGIN:VCALENDAR");
        line(&mut out, "VERSION:2.0");
        line(&mut out, &format!("PRODID:{PRODID}"));
        line(&mut out, "CALSCALE:GREGORIAN");
        line(&mut out, "METHOD:PUBLISH");
        line(
            &mut out,
            &format!("X-WR-CALNAME;LANGUAGE={}:{}", self.lang.tag(), text(name)),
        );
        line(&mut out, &format!("X-WR-TIMEZONE:{}", self.tzid));
        out.push_str(&self.vtimezone);
        for a in events {
            self.event(&mut out, a);
        }
        line(&mut out, "END:VCALENDAR");
        out
    }

    fn event(&self, out: &mut String, a: &Assignment) {
        let worker = self
            .workers
            .get(a.worker.as_str())
            .copied()
            .unwrap_or(a.worker.as_str());
        let station = self
            .stations
            .get(a.station.as_str())
            .copied()
            .unwrap_or(a.station.as_str());
        let line_name = self
            .lines
            .get(a.line.as_str())
            .copied()
            .unwrap_or(a.line.as_str());
        let (shift, break_minutes) = self
            .shifts
            .get(a.shift.as_str())
            .copied()
            .unwrap_or((a.shift.as_str(), 0));
        let local = "%Y%m%dT%H%M%S";
        line(out, "BEGIN:VEVENT");
        line(
            out,
            &format!(
                "UID:{}",
                event_uid(&self.scenario.name, &a.worker, a.date, &a.shift)
            ),
        );
        line(out, &format!("DTSTAMP:{}", self.dtstamp));
        line(out, &format!("SEQUENCE:{}", self.sequence));
        line(
            out,
            &format!("DTSTART;TZID={}:{}", self.tzid, a.start.format(local)),
        );
        line(
            out,
            &format!("DTEND;TZID={}:{}", self.tzid, a.end.format(local)),
        );
        let lang = self.lang.tag();
        line(
            out,
            &format!(
                "SUMMARY;LANGUAGE={lang}:{}",
                text(&self.t.event_summary(worker, station, shift))
            ),
        );
        line(
            out,
            &format!("LOCATION:{}", text(&format!("{line_name}, {station}"))),
        );
        let description = self.t.event_description(&EventWords {
            worker,
            worker_id: a.worker.as_str(),
            shift,
            start: a.start,
            end: a.end,
            station,
            station_id: a.station.as_str(),
            line: line_name,
            line_id: a.line.as_str(),
            paid_hours: a.paid_hours,
            break_minutes,
            roster: self.scenario_title(),
        });
        line(
            out,
            &format!("DESCRIPTION;LANGUAGE={lang}:{}", text(&description)),
        );
        line(out, "STATUS:CONFIRMED");
        line(out, "TRANSP:OPAQUE");
        line(out, "END:VEVENT");
    }
}

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and
/// line breaks; other control characters, which TEXT cannot hold, become
/// spaces.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so no line exceeds 75 octets (RFC 5545
/// 3.1: a fold is CRLF followed by one space; never inside a UTF-8 sequence).
fn line(out: &mut String, content: &str) {
    let mut start = 0;
    let mut limit = 75;
    while content.len() - start > limit {
        let mut end = start + limit;
        while !content.is_char_boundary(end) {
            end -= 1;
        }
        out.push_str(&content[start..end]);
        out.push_str("\r\n ");
        start = end;
        limit = 74;
    }
    out.push_str(&content[start..]);
    out.push_str("\r\n");
}

/// Days either side of the horizon an exported assignment may reach.
const MARGIN_DAYS: i64 = 7;

fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let a = seconds.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// The zone's `VTIMEZONE` over `[from, to]` (UTC instants): one observance
/// for the offset in force at `from` and one per transition after it, found
/// by scanning hourly and bisecting to the second.
fn write_vtimezone(out: &mut String, tz: Tz, tzid: &str, from: NaiveDateTime, to: NaiveDateTime) {
    let offset_at = |t: NaiveDateTime| tz.offset_from_utc_datetime(&t);
    let seconds = |t: NaiveDateTime| offset_at(t).fix().local_minus_utc();
    let observance = |out: &mut String, at: NaiveDateTime, before: i32| {
        let o = offset_at(at);
        let after = o.fix().local_minus_utc();
        let kind = if o.dst_offset().num_seconds() != 0 {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        line(out, &format!("BEGIN:{kind}"));
        // The onset in the local time in force before it (RFC 5545 3.6.5).
        let onset = at + Duration::seconds(i64::from(before));
        line(out, &format!("DTSTART:{}", onset.format("%Y%m%dT%H%M%S")));
        line(out, &format!("TZOFFSETFROM:{}", utc_offset(before)));
        line(out, &format!("TZOFFSETTO:{}", utc_offset(after)));
        if let Some(name) = o.abbreviation() {
            line(out, &format!("TZNAME:{}", text(name)));
        }
        line(out, &format!("END:{kind}"));
    };
    line(out, "BEGIN:VTIMEZONE");
    line(out, &format!("TZID:{tzid}"));
    let first = seconds(from);
    observance(out, from, first);
    let mut t = from;
    let mut current = first;
    while t < to {
        let next = t + Duration::hours(1);
        if seconds(next) != current {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if seconds(mid) == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            observance(out, hi, current);
            current = seconds(hi);
        }
        t = next;
    }
    line(out, "END:VTIMEZONE");
}
