"""Generates home_week.json: an employment-assistance workshop with home workers.

A small plant, the week of Mon 16 March 2026 (shifts Mon-Fri 08:00-16:30): one line,
coil winding -> assembly -> packing. Winding can be done at home: the van delivers
wire and bobbins to five home workers (older people, a wheelchair user, carers) on
Monday, Wednesday and Friday and collects the wound coils on the next round. On site
there are too few winders for the week's targets; home output closes part of the gap,
but it only enters the stock on Wednesday and Friday, so the early targets rely on the
on-site winders. Deterministic.
Run: python3 make_home_week.py > home_week.json
"""
import json

SCHOOL_RUN = [
    {"kind": "weekly", "from": "00:00", "to": "08:00", "applies": "school_days", "reason": "school run (morning)"},
    {"kind": "weekly", "from": "16:30", "to": "00:00", "overnight": True, "applies": "school_days",
     "reason": "school run (afternoon) and evening care"},
]


def onsite(wid, name, skills, wage, windows=None):
    w = {"id": wid, "name": name, "contract": "flexible" if windows else "regular",
         "skills": [{"skill": s, "efficiency": e} for s, e in skills], "hourly_wage": wage}
    if windows:
        w["unavailable"] = windows
    return w


def home(wid, name, efficiency, hours, days, wage, extra=None):
    w = {"id": wid, "name": name, "contract": "home_based",
         "skills": [{"skill": "winding", "efficiency": efficiency}], "hourly_wage": wage,
         "home": {"hours_per_day": hours, "days": days}}
    if extra:
        w["unavailable"] = extra
    return w


WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri"]
workers = [
    onsite("w01", "Li Wei", [("winding", 1.0)], 17.5),
    onsite("w02", "Wang Jun", [("winding", 0.9)], 17.5),
    onsite("a01", "Liu Tao", [("assembly", 1.0)], 17.5),
    onsite("a02", "Hu Mei", [("assembly", 1.0)], 16.0, SCHOOL_RUN),
    onsite("a03", "Zhu Fang", [("assembly", 0.9), ("packing", 1.0)], 16.0, SCHOOL_RUN),
    onsite("p01", "Chen Bin", [("packing", 1.0)], 16.5),
    home("h01", "Zhou Lan (retired)", 0.9, 4.0, WEEKDAYS, 14.0),
    home("h02", "Xu Ping (wheelchair user)", 1.0, 6.0, WEEKDAYS, 14.0),
    home("h03", "Sun Li (cares for her mother)", 1.0, 3.0, WEEKDAYS + ["Sat"], 14.0),
    home("h04", "Ma Yan (two toddlers)", 0.8, 3.0, ["Mon", "Tue", "Wed", "Thu"], 14.0),
    home("h05", "Gao Hua (retired)", 0.9, 4.0, WEEKDAYS, 14.0,
         [{"kind": "absence", "date": "2026-03-17", "reason": "hospital check-up"}]),
]

scenario = {
    "$schema": "../../schema/scenario.schema.json",
    "name": "home week: a workshop with home winders, Mon 16 March 2026",
    "horizon": {"start": "2026-03-16", "end": "2026-03-22"},
    "shifts": [{"id": "day", "name": "day 08:00-16:30", "start": "08:00", "end": "16:30", "break_minutes": 30,
                "days": WEEKDAYS, "kind": "flexible"}],
    "lines": [{"id": "coil", "name": "coil line", "shifts": ["day"], "stations": [
        {"id": "winding", "skill": "winding", "minutes_per_unit": 12.0, "workplaces": 2, "home_work": True},
        {"id": "assembly", "skill": "assembly", "minutes_per_unit": 6.0, "workplaces": 3, "initial_stock": 20},
        {"id": "packing", "skill": "packing", "minutes_per_unit": 3.0, "workplaces": 1},
    ]}],
    "targets": [
        {"id": "tue", "line": "coil", "date": "2026-03-17", "units": 80, "kind": "by_date"},
        {"id": "wed", "line": "coil", "date": "2026-03-18", "units": 200, "kind": "by_date"},
        {"id": "fri", "line": "coil", "date": "2026-03-20", "units": 520, "kind": "by_date"},
    ],
    "delivery_rounds": [
        {"date": "2026-03-16", "van_capacity": 150},
        {"date": "2026-03-18", "van_capacity": 250},
        {"date": "2026-03-20", "van_capacity": 150},
    ],
    "workers": workers,
}
print(json.dumps(scenario, indent=2, ensure_ascii=False))
