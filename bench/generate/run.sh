#!/usr/bin/env bash
# Measures `pdw generate` throughput and peak memory at three scales (FY2012-2014, dirty rate 0.01).
# Usage: bench/generate/run.sh [OUTPUT_DIR]   (default: a temporary folder, removed afterwards)
#   BENCH_SCALES="0.1 1.0 3.0"  the scales to run (default below)
#   PDW=/path/to/pdw            time another build (e.g. a copy of main's) instead of building this checkout
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${PDW:-}" ]; then
  dotnet build "$root/cli/PdWarehouse.Cli.csproj" -c Release -v quiet -nologo >/dev/null
fi
pdw=${PDW:-"$root/cli/bin/Release/net10.0/pdw"}
out=${1:-$(mktemp -d)}
keep=${1:+yes}
mkdir -p "$out"
printf '%-6s %12s %10s %12s %14s %12s\n' scale rows wall_s rows_per_s rows_per_cpu_s peak_rss_MB
for scale in ${BENCH_SCALES:-0.1 1.0 3.0}; do
  rm -rf "$out/scale-$scale"
  /usr/bin/time -v "$pdw" generate --fiscal-years 2012-2014 --scale "$scale" --seed 42 --dirty-rate 0.01 --out "$out/scale-$scale" \
    > "$out/generate-$scale.log" 2> "$out/time-$scale.txt"
  rows=$(grep -o 'deliveries, [0-9,]* rows' "$out/generate-$scale.log" | tr -dc '0-9' | sed 's/^33//')
  wall=$(grep 'Elapsed (wall clock)' "$out/time-$scale.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  user=$(grep 'User time' "$out/time-$scale.txt" | awk '{print $NF}')
  sys=$(grep 'System time' "$out/time-$scale.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$out/time-$scale.txt" | awk '{print $NF}')
  awk -v s="$scale" -v r="$rows" -v w="$wall" -v u="$user" -v y="$sys" -v m="$rss" \
    'BEGIN { printf "%-6s %12d %10.1f %12.0f %14.0f %12.0f\n", s, r, w, r / w, r / (u + y), m / 1024 }'
  rm -rf "$out/scale-$scale"
done
[ -n "$keep" ] || rm -rf "$out"
