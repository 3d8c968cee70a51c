//! Per-assignment rules: the template's times and weekdays, caregiving
//! windows, skills, line permissions.

use super::*;

impl<'a> Checker<'a> {
    /// The rules that concern one assignment on its own.
    pub(super) fn check_assignment(&mut self, r: &Resolved<'a>) {
        let s = self.s;
        let w = Some(&r.worker.id);
        let d = Some(r.date);
        if r.day.is_none() {
            self.push(
                Rule::OutsideHorizon,
                w,
                d,
                format!(
                    "{} is outside the horizon {} to {}",
                    r.date, s.horizon.start, s.horizon.end
                ),
            );
        }
        if !r.shift.days.contains(&r.date.weekday()) {
            self.push(
                Rule::ShiftNotRunning,
                w,
                d,
                format!(
                    "shift \"{}\" does not run on {}",
                    r.shift.id,
                    r.date.weekday()
                ),
            );
        }
        // Stated times against the template on that date.
        let exp_start = r.date.and_time(r.shift.start);
        let end_date = if r.shift.end <= r.shift.start {
            r.date.succ_opt()
        } else {
            Some(r.date)
        };
        let exp_end = end_date.map(|e| e.and_time(r.shift.end));
        let exp_hours = r.hours;
        let st = r.stated;
        if st.start != exp_start
            || Some(st.end) != exp_end
            || (st.paid_hours - exp_hours).abs() > TOL
            || st.paid_hours.is_nan()
        {
            let exp_end_text = exp_end.map_or_else(|| "?".to_owned(), |e| e.to_string());
            self.push(
                Rule::ShiftTimesWrong,
                w,
                d,
                format!(
                    "shift \"{}\" on {} runs {} to {} with {} paid hours; the roster says {} to {} with {}",
                    r.shift.id,
                    r.date,
                    exp_start,
                    exp_end_text,
                    fmt_h(exp_hours),
                    st.start,
                    st.end,
                    st.paid_hours
                ),
            );
        }
        // Caregiving: walk the shift minute by minute.
        let first = minute_of(r.shift.start);
        let last = first + r.shift.duration_minutes();
        'walk: for m in first..last {
            for window in &r.worker.unavailable {
                if window_covers(&s.calendar, window, r.date, m) {
                    self.push(
                        Rule::CaregivingWindow,
                        w,
                        d,
                        format!(
                            "shift \"{}\" on {} is inside the worker's {} at {}",
                            r.shift.id,
                            r.date,
                            window_name(window),
                            clock(r.date, m)
                        ),
                    );
                    break 'walk;
                }
            }
        }
        if r.worker.efficiency(&r.station.skill).is_none() {
            self.push(
                Rule::MissingSkill,
                w,
                d,
                format!(
                    "station \"{}\" needs skill \"{}\"",
                    r.station.id, r.station.skill
                ),
            );
        }
        if !r.worker.lines.is_empty() && !r.worker.lines.contains(r.line) {
            self.push(
                Rule::LineNotAllowed,
                w,
                d,
                format!("the worker may not work on line \"{}\"", r.line),
            );
        }
        if !r.line_shifts.contains(&r.shift.id) {
            self.push(
                Rule::LineDoesNotRunShift,
                w,
                d,
                format!("line \"{}\" does not run shift \"{}\"", r.line, r.shift.id),
            );
        }
    }
}
