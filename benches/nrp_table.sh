#!/usr/bin/env bash
# Solves Curtois & Qu instances with examples/nrp.rs and prints a Markdown
# table (objective, bound, gap to the best known, time) — the table in
# BENCHMARKS.md.
#
#   bash benches/nrp_table.sh DIR_WITH_INSTANCES [FIRST] [LAST] [SECONDS]
#
# Defaults: instances 1..24, 60 s each, 2 threads. Rosters go to
# target/nrp-rosters/InstanceN.xml. Run it on a quiet machine: the time limit
# is wall-clock.
set -euo pipefail
dir=${1:?give the folder holding Instance1.txt ... Instance24.txt}
first=${2:-1}
last=${3:-24}
limit=${4:-60}
cargo build --release --example nrp >&2
bin="${CARGO_TARGET_DIR:-target}/release/examples/nrp"
out="${CARGO_TARGET_DIR:-target}/nrp-rosters"
mkdir -p "$out"
# Best known penalties (schedulingbenchmarks.org as transcribed in the data
# folder's README, column B); Instance 15's is disputed (3828 vs a bound of 3829).
best=(0 607 828 1001 1716 1143 1950 1056 1300 439 4631 3443 4040 1348 1278 3828 3225 5746 4459 3149 4769 21133 30241 17285 40439)
echo "| instance | best known | objective | bound | gap to best known | proven gap | status | seconds |"
echo "|---|---:|---:|---:|---:|---:|---|---:|"
for i in $(seq "$first" "$last"); do
  line=$(timeout $((limit * 3 + 120)) "$bin" "$dir/Instance$i.txt" --time-limit "$limit" --threads 2 \
           --out "$out/Instance$i.xml" 2>/dev/null || true)
  python3 - "$i" "${best[$i]}" "$line" <<'PY'
import json, sys
i, best, line = sys.argv[1], float(sys.argv[2]), sys.argv[3]
try:
    r = json.loads(line)
except Exception:
    print(f"| {i} | {best:.0f} | – | – | – | – | failed | – |"); sys.exit()
obj, bound = r.get("objective"), r.get("bound")
f = lambda v: "–" if v is None else f"{v + 0.0:.0f}"
to_best = "–" if obj is None else f"{(obj - best) / best * 100:+.2f} %"
gap = "–" if r.get("gap") is None else f"{r['gap'] * 100:.2f} %"
print(f"| {i} | {best:.0f} | {f(obj)} | {f(bound)} | {to_best} | {gap} | {r.get('status')} | {r.get('seconds'):.1f} |")
PY
done
