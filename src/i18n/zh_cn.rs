//! 简体中文：车间排班员读的每一句话都在这里。
//!
//! 用词尽量平实：工人、工位、产线、班次、接送孩子、加班、休息日。

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::{EventWords, Label, Messages};
use crate::diagnose::{
    Cause, Conflict, ContractGap, Limit, Remedy, RemedyKind, RuleChange, RuleId, RuleLimit,
    RuleRef, Shortfall, WindowKind,
};
use crate::model::TargetKind;
use crate::repair::Reason;
use crate::report::{CostBreakdown, GroupSpread, Outcome, Plan, Unmet};
use crate::text::units as u;
use crate::tolerance::EPS;

pub(super) struct ZhCn;

fn week(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

/// "3月4日"
fn md(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

/// "2026年3月4日"
fn ymd(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn hm(t: &NaiveDateTime) -> String {
    t.format("%H:%M").to_string()
}

fn hours(x: f64) -> String {
    if x.is_finite() {
        crate::text::number((x * 100.0).round() / 100.0)
    } else {
        "不限".into()
    }
}

fn hours_rule(r: RuleId) -> String {
    match r {
        RuleId::DailyHours | RuleId::DailyOvertime => {
            "这个班比本人每天能上的时间（或每天能加的班）还长".into()
        }
        RuleId::WeeklyHours => "本人这周的工时已经到顶了".into(),
        RuleId::OvertimeCap => "加班时间已经到顶了".into(),
        RuleId::DaysOff => "本周剩下的几天本人要休息".into(),
        RuleId::ConsecutiveDays => "再上就连续上班太多天了".into(),
        RuleId::MinRest => "两个班之间休息不够".into(),
        other => format!("会违反规定 {other}"),
    }
}

fn strs<T: std::fmt::Display>(xs: &[T]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

impl Messages for ZhCn {
    fn label(&self, l: Label) -> &'static str {
        use Label::*;
        match l {
            Worker => "工人",
            Station => "工位",
            Line => "产线",
            Date => "日期",
            Out => "送出",
            On => "日期",
            Back => "收回",
            Hours => "工时",
            Finished => "完成",
            Delivered => "交货",
            Target => "目标",
            TargetDue => "当天要交",
            Held => "库存",
            Bottleneck => "卡脖子的工位",
            BottleneckPeopleUse => "卡脖子的工位（人数，利用率）",
            NothingPlanned => "没有安排",
            HomeBatches => "在家做的活（这趟送料送出去，下一趟收回来）",
            OutputPerLineDay => "每条产线每天的产量",
            Targets => "产量目标",
            Short => "差",
            FairHours => "工时是否均匀",
            Group => "组",
            Members => "人数",
            HoursMinMeanMax => "工时 最少 / 平均 / 最多",
            WeekendsMinMeanMax => "上班的周末 最少 / 平均 / 最多",
            Diagnosis => "原因分析",
            DefaultTitle => "排班表",
            PeopleRostered => "排上班的人",
            Shifts => "班次数",
            PaidHours => "计薪工时",
            FinishedUnits => "完成件数",
            TargetsMet => "完成的目标",
            Wages => "工资",
            Cost => "费用",
            BaseWages => "基本工资",
            OvertimePremium => "加班费（多出的部分）",
            RestDayPremium => "休息日加班费（多出的部分）",
            HolidayPremium => "节假日加班费（多出的部分）",
            WagesTotal => "工资合计",
            WeeklyOvertimeHours => "每周超时的小时数",
            TargetUnitsShort => "目标差的件数",
            ShortfallPenalty => "产量不够的罚分",
            ContractHoursMissing => "合同工时没排够的小时数",
            ContractPenalty => "合同工时不够的罚分",
            FairnessPenalty => "工时不均的罚分",
            Objective => "总分（工资 + 罚分）",
            NotRostered => "这次没排班",
            Unknown => "不知道",
            GanttHeading => "一周排班一览",
            GanttAria => "每个工人的班次图",
            OutputHeading => "完成的产量和目标",
            OutputLegendFinished => "累计完成件数",
            OutputLegendTarget => "累计目标（虚线：每天要交的；菱形：到某天为止要交的）",
            StockHeading => "工位之间的存货",
            StockLegend => "每个工位前面等着加工的件数，在它每段上班结束时和半夜十二点各记一次。",
            DailyHeading => "每天的产量和卡脖子的工位",
            NoTargets => "没有产量目标。",
            Footer => "这个文件就是全部报告：没有脚本，不用上网，打印出来和屏幕上一样。",
            CaregivingShaded => "照顾家人的时间（不能上班）",
            RestDay => "休息日",
            PublicHoliday => "法定节假日",
        }
    }

    fn day(&self, d: NaiveDate) -> String {
        format!("{}（{}）", md(d), week(d))
    }

    fn day_column(&self, d: NaiveDate) -> String {
        format!("{} {}", d.format("%m-%d"), week(d))
    }

    fn weekday(&self, d: NaiveDate) -> String {
        week(d).to_owned()
    }

    fn dates(&self, ds: &[NaiveDate]) -> String {
        match ds {
            [] => "没有日期".into(),
            [d] => self.day(*d),
            _ => ds
                .iter()
                .map(|d| self.day(*d))
                .collect::<Vec<_>>()
                .join("、"),
        }
    }

    fn span(&self, from: &NaiveDateTime, to: &NaiveDateTime) -> String {
        if to.date() == from.date() {
            format!("{} {}–{}", self.day(from.date()), hm(from), hm(to))
        } else if to.date() == from.date().succ_opt().unwrap_or(to.date())
            && to.time() == NaiveTime::MIN
        {
            format!("{} {}–24:00", self.day(from.date()), hm(from))
        } else {
            format!(
                "{} {} 到 {} {}",
                self.day(from.date()),
                hm(from),
                self.day(to.date()),
                hm(to)
            )
        }
    }

    fn list(&self, v: &[String]) -> String {
        match v.len() {
            0 => "没有人".into(),
            1 => v[0].clone(),
            n => format!("{}和{}", v[..n - 1].join("、"), v[n - 1]),
        }
    }

    fn target_kind(&self, k: TargetKind) -> &'static str {
        match k {
            TargetKind::OnDate => "当天交",
            TargetKind::ByDate => "之前交",
            TargetKind::MadeOnDate => "当天做",
        }
    }

    fn outcome(&self, o: Outcome) -> &'static str {
        match o {
            Outcome::Optimal => "最优",
            Outcome::Feasible => "可行（时间到了，还没证明最优）",
            Outcome::NoSolution => "规定时间内没排出来",
        }
    }

    fn cause(&self, c: &Cause) -> String {
        match c {
            Cause::NoQualifiedWorker { station, skill } => {
                format!("工位 {station} 要会 {skill} 的人，可全部工人里没有一个会")
            }
            Cause::SkillShortage {
                station,
                skill,
                qualified,
                dates: ds,
            } => format!(
                "会 {skill} 的人太少：会的 {} 个人（{}）在 {} 都已经排了别的班，或者不能到工位 {station} 上班",
                qualified.len(),
                self.list(&strs(qualified)),
                self.dates(ds)
            ),
            Cause::CaregivingWindow {
                worker,
                window,
                reason,
                dates: ds,
            } => {
                let what = match window {
                    WindowKind::Weekly => "要照顾家人（比如接送孩子）",
                    WindowKind::Leave => "请了假",
                    WindowKind::Absence => "缺勤",
                };
                let why = if reason.is_empty() {
                    String::new()
                } else {
                    format!("（{reason}）")
                };
                format!(
                    "{worker} 在 {} 上不了这条产线的班，因为{what}{why}",
                    self.dates(ds)
                )
            }
            Cause::HoursLimit {
                worker,
                rule,
                dates: ds,
            } => format!(
                "{worker} 在 {} 不能再多上一个班：{}",
                self.dates(ds),
                hours_rule(*rule)
            ),
            Cause::LineNotAllowed { worker, line } => {
                format!("{worker} 会这门手艺，但不能在产线 {line} 上班")
            }
            Cause::WorkingElsewhere {
                worker,
                station,
                dates: ds,
            } => format!("{worker} 在 {} 要去工位 {station} 上班", self.dates(ds)),
            Cause::WorkplacesFull {
                station,
                workplaces,
                dates: ds,
                shifts,
            } => format!(
                "{} 在{}，工位 {station} 的 {workplaces} 个位置都坐满了，没法再加人",
                self.dates(ds),
                if shifts.is_empty() {
                    "这条产线的班上".to_owned()
                } else {
                    format!("班次 {} 上", self.list(&strs(shifts)))
                },
            ),
            Cause::UpstreamStock {
                upstream,
                downstream,
                initial_stock,
                dates: ds,
            } => format!(
                "{} 工位 {downstream} 在等工位 {upstream} 的料（一开始存的 {initial_stock:.0} 件已经用完了）",
                self.dates(ds)
            ),
            Cause::Starved {
                station,
                upstream,
                from,
                to,
                lost_units,
                upstream_made_units,
                upstream_last_worked,
            } => {
                let why = match upstream_last_worked {
                    Some((a, b)) => format!(
                        "工位 {upstream} 那时没有人上班（上一次上班是 {}），存货也用完了",
                        self.span(a, b)
                    ),
                    None if *upstream_made_units > EPS => format!(
                        "工位 {upstream} 那段时间只做了 {} 件，存货也用完了",
                        u(*upstream_made_units)
                    ),
                    None => format!("工位 {upstream} 那时什么也没做，存货也用完了"),
                };
                format!(
                    "工位 {station} 在 {} 缺料（少做了 {} 件），因为{why}",
                    self.span(from, to),
                    u(*lost_units)
                )
            }
            Cause::Blocked {
                station,
                downstream,
                buffer,
                from,
                to,
                lost_units,
            } => format!(
                "工位 {station} 在 {} 被堵住了（少做了 {} 件）：工位 {downstream} 前面最多放 {} 件，已经放满了",
                self.span(from, to),
                u(*lost_units),
                u(*buffer)
            ),
            Cause::UnusedWorkers {
                station,
                workers,
                dates: ds,
                cost_per_unit,
                penalty_per_unit,
            } => format!(
                "{} 在 {} 本来可以去工位 {station} 上班（每件要花 {cost_per_unit:.2}，少一件罚 {penalty_per_unit:.2}），\
                 但没有排：算下来不划算，或者流水线上别的工位跟不上",
                self.list(&strs(workers)),
                self.dates(ds)
            ),
            Cause::NotRostered {
                worker,
                station,
                dates: ds,
                cost_per_hour,
                penalty_per_hour,
            } => format!(
                "{worker} 在 {} 有空去工位 {station} 上班（每小时花 {cost_per_hour:.2}，合同工时少一小时罚 \
                 {penalty_per_hour:.2}），但没有排：这个排班离最优只差一点，或者不需要多做",
                self.dates(ds)
            ),
            Cause::LineNotRunning { line, dates: ds } => {
                format!("产线 {line} 在 {} 不开班", self.dates(ds))
            }
            Cause::ContractUnreachable {
                worker,
                max_hours,
                contracted_hours,
            } => format!(
                "在 {worker} 能上班的时间和工时上限里，怎么排也最多只有 {max_hours:.1} 小时，合同是 \
                 {contracted_hours:.1} 小时"
            ),
        }
    }

    fn rule_ref(&self, r: &RuleRef) -> String {
        match r {
            RuleRef::ContractMinimum { worker } => format!("{worker} 合同里最少的工时"),
            RuleRef::CaregivingWindows { worker } => format!("{worker} 照顾家人的时间和请假"),
            RuleRef::DailyHoursCap { worker } => format!("{worker} 每天的工时上限"),
            RuleRef::WeeklyHoursCap { worker } => format!("{worker} 每周的工时上限"),
            RuleRef::DaysOff { worker } => format!("{worker} 必须休息的天数"),
            RuleRef::LineRestriction { worker } => format!("{worker} 能去的产线"),
            RuleRef::Skills { worker } => format!("{worker} 会的手艺"),
            RuleRef::ShiftTemplates { lines } => {
                format!("产线 {} 开的班次", self.list(&strs(lines)))
            }
            RuleRef::Target { target } => format!("产量目标 {target}"),
            RuleRef::StationSkill { station, skill } => {
                format!("工位 {station} 要会 {skill} 的人")
            }
            RuleRef::MinTotalMinutes { worker } => format!("{worker} 整段时间里最少的工时"),
            RuleRef::MaxTotalMinutes { worker } => format!("{worker} 整段时间里最多的工时"),
            RuleRef::FixedDaysOff { worker } => format!("{worker} 定好的休息日"),
            RuleRef::MaxShifts { worker } => format!("{worker} 每种班次最多上几次"),
            RuleRef::MaxConsecutiveDays { worker } => format!("{worker} 最多连续上几天班"),
            RuleRef::MinConsecutiveDays { worker } => format!("{worker} 最少连续上几天班"),
            RuleRef::MinConsecutiveDaysOff { worker } => format!("{worker} 最少连续休几天"),
            RuleRef::MaxWeekends { worker } => format!("{worker} 最多上几个周末"),
            RuleRef::RestBetweenShifts { worker } => format!("{worker} 两个班之间要休息的时间"),
            RuleRef::HourCaps { worker } => format!("{worker} 的工时上限（每天、每周和加班）"),
        }
    }

    fn conflict(&self, c: &Conflict) -> String {
        let rules: Vec<String> = c.rules.iter().map(|r| self.rule_ref(r)).collect();
        let forced = if c.rules.iter().any(|r| matches!(r, RuleRef::Target { .. })) {
            format!("{:.1} 件", c.amount)
        } else {
            format!("{:.1} 小时", c.amount)
        };
        format!(
            "这几条规定不能同时做到：{}{}——至少会差 {forced}；请放宽其中一条",
            self.list(&rules),
            if c.dates.is_empty() {
                String::new()
            } else {
                format!("（{}）", self.dates(&c.dates))
            }
        )
    }

    fn remedy(&self, k: &RemedyKind) -> String {
        match k {
            RemedyKind::CrossTrain {
                worker,
                skill,
                station,
                efficiency,
            } => format!(
                "教 {worker} 学 {skill}，去工位 {station} 上班（学的时候按 {:.0}% 的速度算）",
                efficiency * 100.0
            ),
            RemedyKind::AddWorker { like, .. } => format!("再招一个和 {like} 一样的工人"),
            RemedyKind::ChangeShift { shift, start, end } => format!(
                "把班次 {shift} 改成 {}–{}",
                start.format("%H:%M"),
                end.format("%H:%M")
            ),
            RemedyKind::AllowOvertime {
                line,
                shift,
                date,
                extra_minutes,
                ..
            } => format!(
                "{} 起（这段时间里每个{}），产线 {line} 的班次 {shift} 下班后加班 {extra_minutes} 分钟",
                self.day(*date),
                week(*date)
            ),
            RemedyKind::RaiseWorkplaces {
                station,
                workplaces,
            } => format!("把工位 {station} 的位置加到 {workplaces} 个"),
            RemedyKind::AddStock { station, units } => {
                format!("一开始在工位 {station} 前面多备 {units:.0} 件料")
            }
            RemedyKind::RaiseBuffer { station, capacity } => {
                format!("工位 {station} 前面能放的件数加到 {capacity:.0} 件")
            }
        }
    }

    fn rule_change(&self, c: &RuleChange) -> String {
        let what = match c.limit {
            RuleLimit::DailyHours => "每天工时",
            RuleLimit::DailyOvertime => "每天加班小时",
            RuleLimit::WeeklyHours => "每周工时",
            RuleLimit::MonthlyOvertime => "每月加班小时",
            RuleLimit::MinRest => "两个班之间的休息（小时）",
            RuleLimit::ConsecutiveDays => "连续上班天数",
            RuleLimit::DaysOffPerWeek => "每周休息天数",
            RuleLimit::WorkerDailyHours => "自己的每天工时",
            RuleLimit::WorkerWeeklyHours => "自己的每周工时",
        };
        match &c.worker {
            Some(w) => format!("{w} {what} {} → {}", hours(c.from), hours(c.to)),
            None => format!(
                "{what} {} → {}，超出了“{}”",
                hours(c.from),
                hours(c.to),
                c.preset
            ),
        }
    }

    fn own_caps(&self, n: usize) -> String {
        format!("{n} 个工人自己的每天或每周工时上限")
    }

    fn shortfall(&self, s: &Shortfall) -> String {
        let when = match s.kind {
            TargetKind::OnDate => format!("{}当天交", self.day(s.date)),
            TargetKind::ByDate => format!("{}之前交", self.day(s.date)),
            TargetKind::MadeOnDate => format!("{}当天做", self.day(s.date)),
        };
        format!(
            "目标 {}（产线 {}，{when}）：要 {} 件，算上的有 {} 件，差 {} 件；产线当天做完 {} 件{}。",
            s.target,
            s.line,
            u(s.target_units),
            u(s.credited_units),
            u(s.shortfall_units),
            u(s.finished_on_date_units),
            match s.kind {
                TargetKind::OnDate if s.credited_units > s.finished_on_date_units + EPS => format!(
                    "（至少 {} 件是前几天做好存着的）",
                    u(s.credited_units - s.finished_on_date_units)
                ),
                TargetKind::ByDate if s.credited_units > s.finished_on_date_units + EPS => format!(
                    "（{} 件是前几天做的）",
                    u(s.credited_units - s.finished_on_date_units)
                ),
                _ => String::new(),
            }
        )
    }

    fn limit(&self, l: &Limit) -> String {
        match &l.station {
            Some(st) => format!(
                "{} 件：工位 {st} 在 {} 已经没有余力了（排的人能做 {} 件），因为",
                u(l.units),
                self.dates(&l.dates),
                u(l.capacity_units)
            ),
            None => format!("{:.1} 件：产线做不出来，因为", l.units),
        }
    }

    fn contract_gap(&self, g: &ContractGap) -> String {
        format!(
            "{} 合同是 {:.1} 小时，只排到 {:.1} 小时（{} 到 {}），因为",
            g.worker,
            g.contracted_hours,
            g.rostered_hours,
            ymd(g.from),
            ymd(g.to)
        )
    }

    fn conflict_line(&self, text: &str) -> String {
        format!("冲突：{text}。")
    }

    fn remedies_none(&self, evaluated: usize) -> String {
        format!("改进办法：试了 {evaluated} 种改法，都不能多做出件数。")
    }

    fn remedies_none_within_rules(&self, evaluated: usize) -> String {
        format!("按现在的规定：试了 {evaluated} 种改法，都不能多做出件数。")
    }

    fn remedies_header(&self, evaluated: usize, seconds: f64, short: f64) -> String {
        format!(
            "按现在的规定能做的改法（重新排了 {evaluated} 次，用了 {seconds:.1} 秒；现在差 {} 件），好的在前：",
            u(short)
        )
    }

    fn remedy_line(&self, rank: usize, what: &str, m: &Remedy) -> String {
        format!(
            "  {rank}. {what}：目标多完成 {} 件，工资 {:+.2}，连罚分总共 {:+.2}",
            u(m.gain_units),
            m.wage_change,
            m.objective_change
        )
    }

    fn rule_changes_header(&self) -> &'static str {
        "要改规定的办法（超出现在的限制，单独排名）："
    }

    fn needs(&self, line: &str, changes: &str) -> String {
        format!("{line}——要改：{changes}")
    }

    fn tried_needs(&self, what: &str, changes: &str) -> String {
        format!("{what}（要改：{changes}）")
    }

    fn without_gain(&self, tried: &[String]) -> String {
        format!("  重新排过但没用的：{}。", tried.join("；"))
    }

    fn claims_confirmed(&self) -> String {
        "上面每一条原因，都由独立的检查程序按排班和原始数据重新核对过。".into()
    }

    fn claims_not_checked(&self, most: usize) -> String {
        format!("原因没有逐条核对：排班超过 {most} 条。")
    }

    fn claims_failed(&self, n: usize) -> String {
        format!("有 {n} 条原因，独立检查程序没有核对上：")
    }

    fn unmet(&self, un: &Unmet) -> String {
        let when = match un.kind {
            TargetKind::OnDate => format!("{}当天交", ymd(un.date)),
            TargetKind::ByDate => format!("{}之前交", ymd(un.date)),
            TargetKind::MadeOnDate => format!("{}当天做", ymd(un.date)),
        };
        let mut f = format!(
            "目标 {}（产线 {}，{when}）：要 {} 件，算上的有 {} 件，差 {} 件；产线当天做完 {} 件",
            un.target,
            un.line,
            u(un.target_units),
            u(un.credited_units),
            u(un.shortfall_units),
            u(un.finished_on_date_units),
        );
        let stock = un.from_stock_units();
        if stock > EPS {
            match un.kind {
                TargetKind::ByDate => f.push_str(&format!("，其中 {} 件是前几天做的", u(stock))),
                _ => f.push_str(&format!("，其中至少 {} 件是前几天做好存着的", u(stock))),
            }
        }
        f.push_str("。每天卡脖子的工位：");
        if un.days.is_empty() {
            f.push_str("没有");
            return f;
        }
        let days: Vec<String> = un
            .days
            .iter()
            .map(|d| match &d.bottleneck {
                Some(b) => format!(
                    "{}：{b}（{} 人，{} 小时，能做 {} 件；产线做完 {} 件）",
                    self.day(d.date),
                    d.workers,
                    u(d.staffed_hours),
                    u(d.capacity_units),
                    u(d.finished_units)
                ),
                None => format!("{}：没有安排", self.day(d.date)),
            })
            .collect();
        f.push_str(&days.join("；"));
        f
    }

    fn repair_reason(&self, r: &Reason) -> String {
        let note = |n: &str| {
            if n.is_empty() {
                String::new()
            } else {
                format!("（{n}）")
            }
        };
        match r {
            Reason::Absent { note: n, from, to } => format!(
                "{} 到 {} 缺勤{}：原来排的班取消",
                self.day(*from),
                self.day(*to),
                note(n)
            ),
            Reason::CoversFor {
                absent,
                note: n,
                station,
                date,
            } => format!(
                "{} 顶 {absent} 的班{}，去工位 {station}",
                self.day(*date),
                note(n)
            ),
            Reason::Rebalances { line, absent, date } => format!(
                "{} {absent} 缺勤，在产线 {line} 里调换位置",
                self.day(*date)
            ),
            Reason::MakesUp { absent, date } => format!(
                "{} 补上 {} 缺勤少做的产量",
                self.day(*date),
                self.list(&strs(absent))
            ),
            Reason::TargetChanged => "这条产线的产量目标改了，跟着调整".into(),
            Reason::Cheaper => "这样更省钱，省下的比改动的代价多（原来的排班不是最优）".into(),
            Reason::KnockOn => {
                "别的日子改了班带来的连带调整（工时、休息、休息日或连续上班的规定），或者多出的产量值得这次改动".into()
            }
        }
    }

    fn cost_line(&self, c: &CostBreakdown) -> String {
        let mut s = format!(
            "费用：工资 {:.2}（基本 {:.2}，加班 {:.2}，休息日 {:.2}，节假日 {:.2}，在家做活 {:.2}）；\
             产量不够罚 {:.2}；合同工时不够罚 {:.2}",
            c.wages_total,
            c.base_wages,
            c.overtime_premium,
            c.rest_day_premium,
            c.holiday_premium,
            c.home_wages,
            c.shortfall_penalty,
            c.contract_penalty,
        );
        if c.fairness_penalty > 0.0 {
            s.push_str(&format!("；工时不均罚 {:.2}", c.fairness_penalty));
        }
        s.push_str(&format!("；合计 {:.2}", c.objective));
        s
    }

    fn status_line(&self, plan: &Plan, people: usize) -> String {
        let st = &plan.status;
        format!(
            "结果：{}（{}），差距 {}，下界 {}，{} 个班，{people} 个人；建模 {:.3} 秒，求解 {:.3} 秒；\
             已由独立检查程序核对",
            self.outcome(st.outcome),
            st.backend,
            st.gap
                .map(|g| format!("{:.4}%", g * 100.0))
                .unwrap_or_else(|| "不知道".into()),
            st.dual_bound
                .map(|b| format!("{b:.2}"))
                .unwrap_or_else(|| "不知道".into()),
            plan.roster.assignments.len(),
            st.build_seconds,
            st.solve_seconds
        )
    }

    fn fairness_row(&self, g: &GroupSpread) -> String {
        format!(
            "{} 人，工时 {} / {} / {} 小时，周末 {} / {} / {} 个",
            g.members,
            u(g.hours.min),
            u(g.hours.mean),
            u(g.hours.max),
            u(g.weekends.min),
            u(g.weekends.mean),
            u(g.weekends.max)
        )
    }

    fn report_subtitle(
        &self,
        plan: &Plan,
        from: NaiveDate,
        to: NaiveDate,
        days: usize,
        gap: &str,
    ) -> String {
        format!(
            "{} 到 {}（共 {days} 天）· 求解：{}（{}），差距 {gap}",
            ymd(from),
            ymd(to),
            self.outcome(plan.status.outcome),
            plan.status.backend.name()
        )
    }

    fn of(&self, a: &str, b: &str) -> String {
        format!("{a} / {b}")
    }

    fn flexible_ends(&self, times: &str) -> String {
        format!("弹性班下班时间（{times}）")
    }

    fn line_finished(
        &self,
        units: &str,
        due: Option<&str>,
        milestones: &[(String, NaiveDate)],
    ) -> String {
        let mut s = format!("完成 {units} 件");
        if let Some(d) = due {
            s.push_str(&format!("；按天要交 {d} 件"));
        }
        for (m, date) in milestones {
            s.push_str(&format!("；{} 之前要交 {m} 件", self.day(*date)));
        }
        s
    }

    fn bar_title(
        &self,
        who: &str,
        shift: &str,
        start: NaiveDateTime,
        end: NaiveDateTime,
        station: &str,
        line: &str,
        hours: &str,
    ) -> String {
        format!(
            "{who}：{shift} {} {}–{}，{line} 的工位 {station}，{hours} 小时",
            self.day_column(start.date()),
            start.format("%H:%M"),
            end.format("%H:%M")
        )
    }

    fn chart_aria(&self, line: &str) -> String {
        format!("{line} 的累计产量")
    }

    fn finished_so_far(&self, date: NaiveDate, units: &str) -> String {
        format!("到 {} 为止完成 {units} 件", self.day(date))
    }

    fn units_by(&self, units: &str, date: NaiveDate) -> String {
        format!("{} 之前要交 {units} 件", self.day(date))
    }

    fn all_targets_met(&self, n: usize) -> String {
        format!("{n} 个目标全部完成。")
    }

    fn targets_not_met(&self, unmet: usize, n: usize) -> String {
        format!("{n} 个目标里有 {unmet} 个没完成：")
    }

    fn event_summary(&self, worker: &str, station: &str, shift: &str) -> String {
        format!("{worker}：{station}（{shift}）")
    }

    fn event_description(&self, e: &EventWords<'_>) -> String {
        format!(
            "{}（{}）上{}，{} {}–{}，在产线 {}（{}）的工位 {}（{}）。\n\
             计薪 {} 小时；中间休息 {} 分钟不计薪。\n排班表：{}",
            e.worker,
            e.worker_id,
            e.shift,
            self.day(e.start.date()),
            e.start.format("%H:%M"),
            e.end.format("%H:%M"),
            e.line,
            e.line_id,
            e.station,
            e.station_id,
            e.paid_hours,
            e.break_minutes,
            e.roster
        )
    }

    fn calendar_of(&self, who: &str, title: &str) -> String {
        format!("{who} 的班次 – {title}")
    }

    fn calendar_all(&self, title: &str) -> String {
        format!("全部班次 – {title}")
    }
}
