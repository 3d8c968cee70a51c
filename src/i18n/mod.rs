//! Languages: every user-facing sentence of the table, the HTML report, the
//! calendar events and the diagnosis, once per language.
//!
//! [`Lang`] picks the language; each language implements the crate's
//! `Messages` trait in its own file (`en.rs`, `zh_cn.rs`). The trait has no
//! default methods and its methods match on the data without a catch-all, so
//! a message missing from one language does not compile. Scenario data
//! (names, ids, reasons typed by the planner) is shown as given.

mod en;
mod zh_cn;

use chrono::{NaiveDate, NaiveDateTime};

use crate::diagnose::{Cause, Remedy};
use crate::diagnose::{Conflict, ContractGap, Limit, RemedyKind, RuleChange, RuleRef, Shortfall};
use crate::model::TargetKind;
use crate::repair::Reason;
use crate::report::{CostBreakdown, GroupSpread, Outcome, Plan, Unmet};

/// A language for the table, the HTML report, calendar events and the
/// diagnosis.
///
/// ```
/// use flexline::Lang;
/// assert_eq!(Lang::parse("zh-CN"), Some(Lang::ZhCn));
/// assert_eq!(Lang::parse("en"), Some(Lang::En));
/// assert_eq!(Lang::ZhCn.tag(), "zh-CN");
/// assert_eq!(Lang::default(), Lang::En);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Simplified Chinese, as read in mainland China.
    ZhCn,
}

impl Lang {
    /// Every language, in the order `--help` lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag (`en`, `zh-CN`), as in the HTML `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// A language from a tag as people type it: `en`, `en-US`, `zh-CN`,
    /// `zh_CN`, `zh`, `zh-Hans` (case-insensitive). `None` for any other.
    ///
    /// ```
    /// assert_eq!(flexline::Lang::parse("ZH_cn"), Some(flexline::Lang::ZhCn));
    /// assert_eq!(flexline::Lang::parse("fr"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase().replace('_', "-");
        let primary = t.split('-').next().unwrap_or("");
        match primary {
            "en" => Some(Lang::En),
            // Traditional-script tags (zh-TW, zh-Hant) are not offered: the
            // simplified text would be the wrong script.
            "zh" if !(t.contains("tw") || t.contains("hk") || t.contains("hant")) => {
                Some(Lang::ZhCn)
            }
            _ => None,
        }
    }

    /// The language of a POSIX locale value (`zh_CN.UTF-8`, `en_US.utf8`,
    /// `C`); `None` for locales of other languages and for `C`/`POSIX`.
    ///
    /// ```
    /// assert_eq!(flexline::Lang::from_locale("zh_CN.UTF-8"), Some(flexline::Lang::ZhCn));
    /// assert_eq!(flexline::Lang::from_locale("C.UTF-8"), None);
    /// ```
    pub fn from_locale(value: &str) -> Option<Lang> {
        let tag = value.split(['.', '@']).next().unwrap_or("");
        Lang::parse(tag)
    }

    /// The language the environment asks for: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty decides (as POSIX
    /// does); English when it names no language flexline speaks.
    pub fn from_env() -> Lang {
        Lang::from_vars(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) with the variables read by `var`.
    ///
    /// ```
    /// use flexline::Lang;
    /// let env = |name: &str| match name {
    ///     "LC_ALL" => Some(String::new()),
    ///     "LANG" => Some("zh_CN.UTF-8".to_owned()),
    ///     _ => None,
    /// };
    /// assert_eq!(Lang::from_vars(env), Lang::ZhCn);
    /// assert_eq!(Lang::from_vars(|_| None), Lang::En);
    /// ```
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| var(name))
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::from_locale(&v))
            .unwrap_or_default()
    }

    /// This language's messages.
    pub(crate) fn text(self) -> &'static dyn Messages {
        match self {
            Lang::En => &en::En,
            Lang::ZhCn => &zh_cn::ZhCn,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    /// ```
    /// let lang: flexline::Lang = "zh-CN".parse()?;
    /// assert_eq!(lang, flexline::Lang::ZhCn);
    /// assert!("de".parse::<flexline::Lang>().unwrap_err().contains("zh-CN"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::parse(s).ok_or_else(|| {
            format!(
                "unknown language \"{}\": use en or zh-CN",
                crate::text::shown(s)
            )
        })
    }
}

/// Fixed words: headings, column names, cost rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    Worker,
    Station,
    Line,
    Date,
    Out,
    On,
    Back,
    Hours,
    Finished,
    Delivered,
    Target,
    TargetDue,
    Held,
    Bottleneck,
    BottleneckPeopleUse,
    NothingPlanned,
    HomeBatches,
    OutputPerLineDay,
    Targets,
    Short,
    FairHours,
    Group,
    Members,
    HoursMinMeanMax,
    WeekendsMinMeanMax,
    Diagnosis,
    DefaultTitle,
    PeopleRostered,
    Shifts,
    PaidHours,
    FinishedUnits,
    TargetsMet,
    Wages,
    Cost,
    BaseWages,
    OvertimePremium,
    RestDayPremium,
    HolidayPremium,
    WagesTotal,
    WeeklyOvertimeHours,
    TargetUnitsShort,
    ShortfallPenalty,
    ContractHoursMissing,
    ContractPenalty,
    FairnessPenalty,
    Objective,
    NotRostered,
    Unknown,
    GanttAria,
    GanttHeading,
    OutputHeading,
    OutputLegendFinished,
    OutputLegendTarget,
    StockHeading,
    StockLegend,
    DailyHeading,
    NoTargets,
    Footer,
    CaregivingShaded,
    RestDay,
    PublicHoliday,
}

/// One language's words. No default methods: each language writes each.
pub(crate) trait Messages: Sync {
    /// A fixed word or heading.
    fn label(&self, l: Label) -> &'static str;
    /// "Wed 04 Mar".
    fn day(&self, d: NaiveDate) -> String;
    /// A short column header, "Mon 03-02".
    fn day_column(&self, d: NaiveDate) -> String;
    /// The weekday alone, "Mon".
    fn weekday(&self, d: NaiveDate) -> String;
    /// Several dates in a few words.
    fn dates(&self, ds: &[NaiveDate]) -> String;
    /// A span of time, "Wed 04 Mar 08:00–10:30".
    fn span(&self, from: &NaiveDateTime, to: &NaiveDateTime) -> String;
    /// "a, b and c"; "nobody" when empty.
    fn list(&self, xs: &[String]) -> String;
    /// A target's kind, as the table names it.
    fn target_kind(&self, k: TargetKind) -> &'static str;
    /// The solver's outcome.
    fn outcome(&self, o: Outcome) -> &'static str;

    // The diagnosis.
    fn cause(&self, c: &Cause) -> String;
    fn rule_ref(&self, r: &RuleRef) -> String;
    fn conflict(&self, c: &Conflict) -> String;
    fn remedy(&self, k: &RemedyKind) -> String;
    fn rule_change(&self, c: &RuleChange) -> String;
    /// "n workers' own daily or weekly caps".
    fn own_caps(&self, n: usize) -> String;
    fn shortfall(&self, s: &Shortfall) -> String;
    fn limit(&self, l: &Limit) -> String;
    fn contract_gap(&self, g: &ContractGap) -> String;
    fn conflict_line(&self, text: &str) -> String;
    fn remedies_none(&self, evaluated: usize) -> String;
    fn remedies_none_within_rules(&self, evaluated: usize) -> String;
    fn remedies_header(&self, evaluated: usize, seconds: f64, short: f64) -> String;
    fn remedy_line(&self, rank: usize, what: &str, m: &Remedy) -> String;
    fn rule_changes_header(&self) -> &'static str;
    fn needs(&self, line: &str, changes: &str) -> String;
    fn tried_needs(&self, what: &str, changes: &str) -> String;
    fn without_gain(&self, tried: &[String]) -> String;
    fn claims_confirmed(&self) -> String;
    fn claims_not_checked(&self, most: usize) -> String;
    fn claims_failed(&self, n: usize) -> String;

    // Reports.
    fn unmet(&self, u: &Unmet) -> String;
    fn repair_reason(&self, r: &Reason) -> String;
    fn cost_line(&self, c: &CostBreakdown) -> String;
    fn status_line(&self, plan: &Plan, people: usize) -> String;
    fn fairness_row(&self, g: &GroupSpread) -> String;
    fn report_subtitle(
        &self,
        plan: &Plan,
        from: NaiveDate,
        to: NaiveDate,
        days: usize,
        gap: &str,
    ) -> String;
    fn of(&self, a: &str, b: &str) -> String;
    fn flexible_ends(&self, times: &str) -> String;
    fn line_finished(
        &self,
        units: &str,
        due: Option<&str>,
        milestones: &[(String, NaiveDate)],
    ) -> String;
    fn chart_aria(&self, line: &str) -> String;
    #[allow(clippy::too_many_arguments)]
    fn bar_title(
        &self,
        who: &str,
        shift: &str,
        start: NaiveDateTime,
        end: NaiveDateTime,
        station: &str,
        line: &str,
        hours: &str,
    ) -> String;
    fn finished_so_far(&self, date: NaiveDate, units: &str) -> String;
    fn units_by(&self, units: &str, date: NaiveDate) -> String;
    fn all_targets_met(&self, n: usize) -> String;
    fn targets_not_met(&self, unmet: usize, n: usize) -> String;

    // Calendar events.
    /// The event title.
    fn event_summary(&self, worker: &str, station: &str, shift: &str) -> String;
    /// The event description.
    fn event_description(&self, e: &EventWords<'_>) -> String;
    /// One worker's calendar name.
    fn calendar_of(&self, who: &str, title: &str) -> String;
    /// The whole roster's calendar name.
    fn calendar_all(&self, title: &str) -> String;
}

/// What a calendar event's description says.
pub(crate) struct EventWords<'a> {
    pub worker: &'a str,
    pub worker_id: &'a str,
    pub shift: &'a str,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub station: &'a str,
    pub station_id: &'a str,
    pub line: &'a str,
    pub line_id: &'a str,
    pub paid_hours: f64,
    pub break_minutes: u32,
    pub roster: &'a str,
}
