"""Makes serial_line_week.json: the motor factory's workforce on one serial
line (winding -> assembly -> testing -> packing) whose stations may run the
regular 08:00-18:30, the flexible 08:00-16:30 and an evening 14:00-22:00
shift -- the most common shape of a factory with carers. The week's demand
is the motor factory's, all on that line. Run: python3 make_serial_line.py"""
import json, os

here = os.path.dirname(os.path.abspath(__file__))
s = json.load(open(os.path.join(here, "motor_factory_week.json")))
s["name"] = "Serial motor line, one week (regular, flexible and evening shifts)"
s["shifts"].append({"id": "evening", "name": "Evening 14:00-22:00", "start": "14:00",
                    "end": "22:00", "break_minutes": 30,
                    "days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "kind": "regular"})
line = [l for l in s["lines"] if l["id"] == "regular"][0]
line["id"] = "motor"
line["name"] = "Motor line"
line["shifts"] = ["regular", "flex", "evening"]
wp = {"winding": 7, "assembly": 16, "testing": 6, "packing": 5}
for st in line["stations"]:
    st["workplaces"] = wp[st["id"]]
s["lines"] = [line]
targets = []
for t in s["targets"]:
    if t["line"] != "regular":
        continue
    t = dict(t, line="motor")
    t["id"] = t["id"].replace("regular", "motor")
    t["units"] = round(t["units"] * 1.5)
    targets.append(t)
s["targets"] = targets
for w in s["workers"]:
    w["lines"] = []
json.dump(s, open(os.path.join(here, "serial_line_week.json"), "w"), indent=1, ensure_ascii=False)
