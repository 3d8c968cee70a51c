"""Generates motor_factory_week.json, the bundled scenario (deterministic).

A motor factory in Hunan: a regular line 08:00-18:30 (winding -> assembly ->
testing -> packing, Mon-Sat) and a flexible "mom line" 08:00-16:30 (assembly ->
inspection, Mon-Fri) whose workers have school-run windows and weekends off.
Run: python3 make_motor_factory.py > motor_factory_week.json
"""
import json
import random

rng = random.Random(20260302)
SCHOOL_RUN = [
    {"kind": "weekly", "from": "00:00", "to": "08:00", "applies": "school_days", "reason": "school run (morning)"},
    {"kind": "weekly", "from": "16:30", "to": "00:00", "overnight": True, "applies": "school_days",
     "reason": "school run (afternoon) and evening care"},
]
WEEKEND = {"kind": "weekly", "days": ["Sat", "Sun"], "from": "00:00", "to": "00:00", "overnight": True,
           "reason": "children at home at the weekend"}

surnames = ["Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu",
            "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Liang", "Song", "Zheng", "Xie", "Han", "Tang",
            "Feng", "Yu", "Dong", "Xiao"]
given = ["Mei", "Fang", "Hua", "Jing", "Li", "Na", "Xia", "Yan", "Hong", "Ying", "Qin", "Lan", "Ping", "Juan",
         "Min", "Wei", "Jun", "Qiang", "Lei", "Tao", "Bin", "Gang", "Hui", "Peng", "Yong", "Hao", "Dong", "Kai"]

workers = []
def name(i):
    return f"{surnames[i % len(surnames)]} {given[(i * 7) % len(given)]}"

# 26 regular workers: one main skill, some a second; a few trainees at 70 %.
regular_skills = ["winding"] * 7 + ["assembly"] * 10 + ["testing"] * 5 + ["packing"] * 4
for i, sk in enumerate(regular_skills):
    skills = [{"skill": sk, "efficiency": 0.7 if i % 9 == 4 else round(rng.uniform(0.9, 1.15), 2)}]
    if i % 3 == 0:
        second = {"winding": "testing", "assembly": "packing", "testing": "packing", "packing": "assembly"}[sk]
        skills.append({"skill": second, "efficiency": round(rng.uniform(0.75, 0.95), 2)})
    workers.append({"id": f"r{i + 1:02d}", "name": name(i), "contract": "regular", "skills": skills,
                    "hourly_wage": 17.5 if skills[0]["efficiency"] >= 0.8 else 15.0,
                    "min_hours_per_week": 36.0})

# 24 flexible workers (the mom line): school-run windows; most have weekends off.
for i in range(24):
    sk = "assembly" if i < 17 else "testing"
    skills = [{"skill": sk, "efficiency": 0.7 if i in (3, 11, 19) else round(rng.uniform(0.85, 1.1), 2)}]
    if i % 4 == 1:
        skills.append({"skill": "packing", "efficiency": round(rng.uniform(0.8, 1.0), 2)})
    windows = list(SCHOOL_RUN)
    if i % 6 != 5:  # every sixth has grandparents who help at the weekend
        windows.append(WEEKEND)
    w = {"id": f"m{i + 1:02d}", "name": name(i + 40), "contract": "flexible", "skills": skills,
         "hourly_wage": 16.0, "min_hours_per_week": 24.0, "unavailable": windows}
    workers.append(w)
# One mother still on school-holiday leave: her child's school starts on Wednesday.
workers[-3]["unavailable"].append({"kind": "leave", "from": "2026-02-01", "to": "2026-03-03",
                                   "reason": "school winter holiday (school starts Wednesday)"})
# One sick-child absence on Thursday.
workers[-8]["unavailable"].append({"kind": "absence", "date": "2026-03-05", "reason": "child ill"})

# 10 retrained workers (former fishermen taught electrical work): winding and testing, regular hours.
for i in range(10):
    skills = [{"skill": "winding", "efficiency": round(rng.uniform(0.75, 0.95), 2)}]
    if i % 2 == 0:
        skills.append({"skill": "testing", "efficiency": round(rng.uniform(0.8, 1.0), 2)})
    workers.append({"id": f"t{i + 1:02d}", "name": name(i + 70), "contract": "regular", "skills": skills,
                    "hourly_wage": 16.5, "min_hours_per_week": 0.0})

dates = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07"]
targets = []
for d in dates[:5]:
    targets.append({"id": f"regular-{d}", "line": "regular", "date": d, "units": 360})
    targets.append({"id": f"mom-{d}", "line": "mom", "date": d, "units": 280})
targets.append({"id": "regular-2026-03-07", "line": "regular", "date": "2026-03-07", "units": 180})
targets.append({"id": "mom-week", "line": "mom", "date": "2026-03-06", "units": 1400, "kind": "by_date"})

scenario = {
    "$schema": "../../schema/scenario.schema.json",
    "name": "Motor factory, week of 2 March 2026: regular line and flexible mom line",
    "horizon": {"start": "2026-03-02", "end": "2026-03-08"},
    "calendar": {"public_holidays": [], "school_holidays": [{"from": "2026-01-31", "to": "2026-03-01"}]},
    "shifts": [
        {"id": "regular", "name": "Regular 08:00-18:30", "start": "08:00", "end": "18:30", "break_minutes": 90,
         "days": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], "kind": "regular"},
        {"id": "flex", "name": "Flexible 08:00-16:30", "start": "08:00", "end": "16:30", "break_minutes": 30,
         "days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "kind": "flexible"},
    ],
    "lines": [
        {"id": "regular", "name": "Regular motor line", "shifts": ["regular"], "stations": [
            {"id": "winding", "name": "Stator winding", "skill": "winding", "minutes_per_unit": 6.0, "workplaces": 6},
            {"id": "assembly", "name": "Motor assembly", "skill": "assembly", "minutes_per_unit": 12.0,
             "workplaces": 10, "initial_stock": 60},
            {"id": "testing", "name": "Electrical test", "skill": "testing", "minutes_per_unit": 4.0,
             "workplaces": 4, "initial_stock": 30},
            {"id": "packing", "name": "Packing", "skill": "packing", "minutes_per_unit": 3.0, "workplaces": 3,
             "initial_stock": 20},
        ]},
        {"id": "mom", "name": "Flexible assembly line (mom line)", "shifts": ["flex"], "stations": [
            {"id": "mom-assembly", "name": "Motor assembly (flexible)", "skill": "assembly",
             "minutes_per_unit": 12.0, "workplaces": 12},
            {"id": "mom-inspection", "name": "Final inspection (flexible)", "skill": "testing",
             "minutes_per_unit": 4.0, "workplaces": 4, "initial_stock": 20},
        ]},
    ],
    "targets": targets,
    "workers": workers,
    "rules": {"preset": "prc_standard"},
    "penalties": {"shortfall_per_unit": 60.0, "contract_hour": 40.0},
}
print(json.dumps(scenario, indent=1))
