//! Dates, date ranges and "HH:MM" times.

use chrono::{NaiveDate, NaiveTime, Timelike};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Minutes in a day.
pub const MINUTES_PER_DAY: i64 = 24 * 60;

/// Minute of the day (0..1440) of a time; seconds are ignored.
pub fn minute_of_day(t: NaiveTime) -> i64 {
    i64::from(t.hour()) * 60 + i64::from(t.minute())
}

/// The planning horizon: every date from `start` to `end`, inclusive.
///
/// ```
/// use chrono::NaiveDate;
/// let h = flexline::Horizon {
///     start: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
///     end: NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
/// };
/// assert_eq!(h.dates().len(), 7);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Horizon {
    /// First date planned.
    pub start: NaiveDate,
    /// Last date planned (inclusive).
    pub end: NaiveDate,
}

impl Horizon {
    /// All dates of the horizon in order (empty if `end < start`).
    pub fn dates(&self) -> Vec<NaiveDate> {
        self.start
            .iter_days()
            .take_while(|d| *d <= self.end)
            .collect()
    }

    /// Number of dates (0 if `end < start`).
    pub fn len(&self) -> usize {
        let days = (self.end - self.start).num_days() + 1;
        usize::try_from(days).unwrap_or(0)
    }

    /// True if the horizon holds no date.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Index of `date` in the horizon, if inside.
    pub fn index_of(&self, date: NaiveDate) -> Option<usize> {
        if date < self.start || date > self.end {
            None
        } else {
            usize::try_from((date - self.start).num_days()).ok()
        }
    }
}

/// An inclusive range of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    /// First date.
    pub from: NaiveDate,
    /// Last date (inclusive).
    pub to: NaiveDate,
}

impl DateRange {
    /// True if `date` lies in the range.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// Serde for `NaiveTime` as "HH:MM" (seconds are refused: the model works in
/// whole minutes).
pub(crate) mod hhmm {
    use chrono::NaiveTime;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_hhmm(&text).map_err(D::Error::custom)
    }
}

/// The message for "24:00", which is not a time of day: midnight at the end
/// of a day is written "00:00" (with `"overnight": true` on a window).
pub(crate) const MIDNIGHT_24: &str = "invalid time \"24:00\": times run from 00:00 to 23:59; \
     for \"until midnight\" write \"00:00\" — a shift may end at \"00:00\", and a caregiving \
     window needs \"to\": \"00:00\" with \"overnight\": true";

/// Parses "HH:MM"; "HH:MM:SS" and "24:00" are refused with their own messages.
pub(crate) fn parse_hhmm(text: &str) -> Result<NaiveTime, String> {
    let shown = crate::text::shown(text);
    if let Ok(t) = NaiveTime::parse_from_str(text, "%H:%M") {
        return Ok(t);
    }
    if text.trim() == "24:00" {
        return Err(MIDNIGHT_24.to_owned());
    }
    if NaiveTime::parse_from_str(text, "%H:%M:%S").is_ok() {
        return Err(format!(
            "invalid time \"{shown}\": it has seconds, but times are whole minutes; give HH:MM (e.g. \"08:00\")"
        ));
    }
    Err(format!(
        "invalid time \"{shown}\": write it as \"HH:MM\" from 00:00 to 23:59"
    ))
}
