#!/usr/bin/env bash
# Sizes and start-up times of the self-contained binaries (build/publish-binaries.sh) against the
# framework-dependent tool (`dotnet fake-tracker.dll`, Release). Not run by CI.
#
# Start-up = from exec to the first 200 of the banner's curl line (the binary polled every 10 ms with curl),
# ROUNDS times each, alternating, median reported; plus `/usr/bin/time -v <tool> --version` (wall, max RSS).
# Sizes of every binary found under artifacts/fake-tracker/.
#
# Usage: tests/MyTracker.Benchmarks/load/run-binary-startup.sh     (publish first: build/publish-binaries.sh)
# Knobs: ROUNDS=10 PORT=18680
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
ROUNDS=${ROUNDS:-10}
PORT=${PORT:-18680}
binary="$root/artifacts/fake-tracker/linux-x64/fake-tracker"
[ -x "$binary" ] || { echo "no $binary: run build/publish-binaries.sh linux-x64 first" >&2; exit 1; }
dotnet build -c Release "$root/src/MyTracker.Fake.Tool" -v q -nologo >/dev/null
dll="$root/src/MyTracker.Fake.Tool/bin/Release/net10.0/fake-tracker.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "sizes (bytes):"
for file in "$root"/artifacts/fake-tracker/*/fake-tracker*; do
  printf '  %-12s %s\n' "$(basename "$(dirname "$file")")" "$(stat -c %s "$file")"
done

# first_answer_ms COMMAND...: ms from start to the first 200 on export 1 (the banner's signed line).
first_answer_ms() {
  local start end out="$work/out"
  start=$(date +%s%N)
  "$@" --port "$PORT" >"$out" 2>&1 &
  local pid=$!
  local line=""
  while :; do
    line=$(grep -m1 "^  curl -s" "$out" 2>/dev/null || true)
    if [ -n "$line" ] && [ "$(sh -c "$line -o /dev/null -w '%{http_code}'")" = "200" ]; then break; fi
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
bin_ms=(); dll_ms=()
for _ in $(seq 1 "$ROUNDS"); do
  bin_ms+=("$(first_answer_ms "$binary")")
  dll_ms+=("$(first_answer_ms dotnet "$dll")")
done
echo "start-up to the first 200, ms (median of $ROUNDS):"
echo "  single-file binary:  ${bin_ms[*]} (median $(printf '%s\n' "${bin_ms[@]}" | median))"
echo "  dotnet fake-tracker.dll: ${dll_ms[*]} (median $(printf '%s\n' "${dll_ms[@]}" | median))"
for tool in "$binary" "dotnet $dll"; do
  /usr/bin/time -v $tool --version 2>"$work/time" >/dev/null
  echo "  /usr/bin/time -v $(basename "${tool##* }") --version: wall $(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time"), max RSS $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time") KB"
done
echo "load: $(uptime)"
