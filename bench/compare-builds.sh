#!/usr/bin/env bash
# Same-run before/after of two pdw builds on the same deliveries, alternating so machine noise falls on both:
#   bench/compare-builds.sh BEFORE_PDW AFTER_PDW DELIVERIES KEY_FILE [ROUNDS]
# e.g. bench/compare-builds.sh /tmp/pdw-base/pdw cli/bin/Release/net10.0/pdw /tmp/pdw-bench/deliveries-2014-0.1 /tmp/pdw-bench/bench.key
# Prints per run: wall and CPU seconds, peak MB, and the stage / resolve-persons / all-steps seconds from `--json`.
set -euo pipefail
before=$1; after=$2; deliveries=$3; key=$4; rounds=${5:-2}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for round in $(seq "$rounds"); do
  for build in before after; do
    pdw=$before; [ "$build" = after ] && pdw=$after
    db="$work/$build.duckdb"; rm -f "$db" "$db.wal"
    "$pdw" warehouse init --db "$db" > /dev/null
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$pdw" load "$deliveries" --db "$db" --key-file "$key" --json > "$work/load.json" 2> /dev/null
    python3 - "$build" "$round" "$work/load.json" "$work/time" <<'PY'
import json, sys
build, round_, load, timing = sys.argv[1:]
steps = {}
for batch in json.load(open(load)):
    for s in batch["steps"]:
        steps[s["step"]] = steps.get(s["step"], 0) + s["seconds"]
wall, user, system, rss = open(timing).read().split()
print(f"{build:6} round {round_}: wall {float(wall):6.1f} s  cpu {float(user) + float(system):6.1f} s  peak {int(rss) // 1024:5} MB  "
      f"stage {steps.get('stage', 0):6.2f} s  resolve {steps.get('resolve persons', 0):6.2f} s  all steps {sum(steps.values()):6.2f} s")
PY
  done
done
