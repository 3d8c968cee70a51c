"""Generates short_week.json, a deliberately short week (deterministic, handwritten shape).

A small motor plant, the week of Mon 9 March 2026 (shifts Mon-Fri): a regular line 08:00-18:30
(winding -> assembly -> testing) and a flexible "mom line" 08:00-16:30
(assembly -> testing). The plant is short of **testers**: two regular testers
(one on leave on Wednesday) and one flexible tester with school-run windows,
while assemblers and winders have time to spare. The targets cannot all be met;
flexline's diagnosis should name testing as the bottleneck and its remedies
(cross-train a spare assembler, hire another tester, ...) should close the gap.
Run: python3 make_short_week.py > short_week.json
"""
import json

SCHOOL_RUN = [
    {"kind": "weekly", "from": "00:00", "to": "08:00", "applies": "school_days", "reason": "school run (morning)"},
    {"kind": "weekly", "from": "16:30", "to": "00:00", "overnight": True, "applies": "school_days",
     "reason": "school run (afternoon) and evening care"},
]


def worker(wid, name, contract, skills, wage, min_hours, lines=None, windows=None):
    w = {"id": wid, "name": name, "contract": contract,
         "skills": [{"skill": s, "efficiency": e} for s, e in skills],
         "hourly_wage": wage, "min_hours_per_week": min_hours}
    if lines:
        w["lines"] = lines
    if windows:
        w["unavailable"] = windows
    return w


workers = [
    worker("r01", "Li Wei", "regular", [("winding", 1.0)], 17.5, 36),
    worker("r02", "Wang Jun", "regular", [("winding", 1.05)], 17.5, 36),
    worker("r03", "Zhang Lei", "regular", [("winding", 0.95)], 17.5, 36),
    worker("r04", "Liu Tao", "regular", [("assembly", 1.0)], 17.5, 36),
    worker("r05", "Chen Bin", "regular", [("assembly", 1.1)], 17.5, 36),
    worker("r06", "Yang Gang", "regular", [("assembly", 0.95)], 17.5, 36),
    worker("r07", "Zhao Hui", "regular", [("assembly", 1.0)], 17.5, 36),
    worker("r08", "Huang Peng", "regular", [("assembly", 1.0)], 17.5, 36),
    worker("r09", "Zhou Yong", "regular", [("assembly", 0.9), ("winding", 0.8)], 17.5, 36),
    worker("r10", "Wu Hao", "regular", [("assembly", 1.0)], 17.5, 0),
    worker("r11", "Xu Dong", "regular", [("testing", 1.0)], 18.0, 36),
    worker("r12", "Sun Kai", "regular", [("testing", 0.95)], 18.0, 36,
           windows=[{"kind": "absence", "date": "2026-03-11", "reason": "medical appointment"}]),
]
moms = [
    ("m01", "Hu Mei", [("assembly", 1.0)]),
    ("m02", "Zhu Fang", [("assembly", 0.95)]),
    ("m03", "Gao Hua", [("assembly", 1.05)]),
    ("m04", "Lin Jing", [("assembly", 0.9)]),
    ("m05", "He Na", [("assembly", 1.0)]),
    ("m06", "Guo Xia", [("assembly", 0.7)]),
    ("m07", "Ma Yan", [("testing", 1.0)]),
]
for wid, name, skills in moms:
    workers.append(worker(wid, name, "flexible", skills, 16.0, 24, lines=["mom"], windows=list(SCHOOL_RUN)))
# One mother still on school-holiday leave on Monday.
workers[-2]["unavailable"] = workers[-2]["unavailable"] + [
    {"kind": "leave", "from": "2026-03-01", "to": "2026-03-09", "reason": "school holiday (school starts Tuesday)"}]

dates = ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"]
targets = []
for d in dates:
    targets.append({"id": f"main-{d}", "line": "main", "date": d, "units": 200})
    targets.append({"id": f"mom-{d}", "line": "mom", "date": d, "units": 140})

scenario = {
    "$schema": "../../schema/scenario.schema.json",
    "name": "Short week, 9-13 March 2026: a motor plant short of testers",
    "horizon": {"start": dates[0], "end": "2026-03-15"},
    "shifts": [
        {"id": "regular", "name": "Regular 08:00-18:30", "start": "08:00", "end": "18:30", "break_minutes": 90,
         "days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "kind": "regular"},
        {"id": "flex", "name": "Flexible 08:00-16:30", "start": "08:00", "end": "16:30", "break_minutes": 30,
         "days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "kind": "flexible"},
    ],
    "lines": [
        {"id": "main", "name": "Regular motor line", "shifts": ["regular"], "stations": [
            {"id": "winding", "name": "Stator winding", "skill": "winding", "minutes_per_unit": 6.0, "workplaces": 4},
            {"id": "assembly", "name": "Motor assembly", "skill": "assembly", "minutes_per_unit": 12.0,
             "workplaces": 6, "initial_stock": 20},
            {"id": "testing", "name": "Electrical test", "skill": "testing", "minutes_per_unit": 4.0,
             "workplaces": 2, "initial_stock": 10},
        ]},
        {"id": "mom", "name": "Flexible assembly line (mom line)", "shifts": ["flex"], "stations": [
            {"id": "mom-assembly", "name": "Motor assembly (flexible)", "skill": "assembly",
             "minutes_per_unit": 12.0, "workplaces": 6},
            {"id": "mom-testing", "name": "Final test (flexible)", "skill": "testing",
             "minutes_per_unit": 4.0, "workplaces": 2, "initial_stock": 10},
        ]},
    ],
    "targets": targets,
    "workers": workers,
    "rules": {"preset": "prc_standard"},
    "penalties": {"shortfall_per_unit": 60.0, "contract_hour": 40.0},
}
print(json.dumps(scenario, indent=1))
