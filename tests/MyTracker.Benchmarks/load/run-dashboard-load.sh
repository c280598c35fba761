#!/usr/bin/env bash
# Load on get.json of the standalone tool with its dashboard off, on with no page open, and on with a
# page open in headless chromium (not run by CI; takes about four minutes).
#
# Three fake-tracker processes (Release build of src/MyTracker.Fake.Tool, server GC as in run-load.sh)
# listen at once; the rounds interleave them so the shared machine's noise spreads over all three:
#   wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s check.lua <get.json of export 1>
# (every answer checked against the expected bytes). The page is chromium --headless on the dashboard
# URL; the script checks its event stream is connected before measuring.
#
# Usage: tests/MyTracker.Benchmarks/load/run-dashboard-load.sh [results file]
# Knobs: ROUNDS=5 THREADS=2 CONNECTIONS=32 DURATION=10s WARMUP=5s PORT_BASE=18580
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
results=${1:-"${TMPDIR:-/tmp}/mytracker-dashboard-load.txt"}
ROUNDS=${ROUNDS:-5}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
PORT_BASE=${PORT_BASE:-18580}
PATH_AND_QUERY="/api/segment/v1/export/get.json?idSegmentExport=1"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_gcServer=1

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -x /usr/bin/chromium ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

log "building the tool (Release)"
dotnet build -c Release "$root/src/MyTracker.Fake.Tool" -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
tool="$root/src/MyTracker.Fake.Tool/bin/Release/net10.0/fake-tracker.dll"

# start NAME PORT ARGS...: one tool in the background, waiting for its banner.
start() {
  local name=$1 port=$2
  shift 2
  dotnet "$tool" --port "$port" "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do grep -q "Press Ctrl+C" "$work/$name.log" 2>/dev/null && return 0; sleep 0.1; done
  cat "$work/$name.log"; exit 1
}

start off $((PORT_BASE + 0)) --no-dashboard
start on $((PORT_BASE + 10))
start page $((PORT_BASE + 20))
grep -q "Dashboard:" "$work/off.log" && { log "--no-dashboard still printed a dashboard"; exit 1; }
dashboard=$(sed -n 's/^Dashboard: \(http[^ ]*\).*/\1/p' "$work/page.log")
dashboard_port=$(echo "$dashboard" | sed 's#.*:\([0-9]*\)/.*#\1#')

profile="$work/chromium"
/usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" "$dashboard" >"$work/chromium.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  [ "$(ss -Htn state established "( sport = :$dashboard_port )" | wc -l)" -ge 1 ] && break
  sleep 0.1
done
[ "$(ss -Htn state established "( sport = :$dashboard_port )" | wc -l)" -ge 1 ] || { log "the page did not connect"; cat "$work/chromium.log"; exit 1; }
log "page open on $dashboard"

declare -A auth
for name in off on page; do
  auth[$name]=$(sed -n "s/.*-H 'Authorization: \([^']*\)'.*/\1/p" "$work/$name.log")
done
url() { case $1 in off) echo "http://127.0.0.1:$((PORT_BASE + 0))$PATH_AND_QUERY";; on) echo "http://127.0.0.1:$((PORT_BASE + 10))$PATH_AND_QUERY";; page) echo "http://127.0.0.1:$((PORT_BASE + 20))$PATH_AND_QUERY";; esac; }

# Export 1 goes 10%, 64%, then stays at Success!: poll past its steps, then its answer is fixed.
for name in off on page; do
  for _ in 1 2 3 4; do curl -s -o "$work/$name.body" -H "Authorization: ${auth[$name]}" "$(url $name)"; done
  AUTH="${auth[$name]}" EXPECT_BODY="$work/$name.body" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$here/check.lua" "$(url $name)" >/dev/null 2>&1 || true
done

uptime_before=$(uptime)
# CPU seconds of every chromium process (the page), to tell the browser's share from the fake's.
chromium_cpu() { ps -C chromium -o times= | awk '{ s += $1 } END { print s + 0 }'; }
chromium_before=$(chromium_cpu)
declare -A rps p99
for round in $(seq 1 "$ROUNDS"); do
  for name in off on page; do
    AUTH="${auth[$name]}" EXPECT_BODY="$work/$name.body" \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$here/check.lua" "$(url $name)" >"$work/$name.$round.wrk" 2>&1
    line=$(grep '^RESULT' "$work/$name.$round.wrk")
    log "round $round $name: $line"
    case "$line" in *" wrong=0 "*) ;; *) log "$name answered wrongly under load"; exit 1;; esac
    rps[$name]+="$(echo "$line" | sed 's/.* rps=\([0-9]*\).*/\1/') "
    p99[$name]+="$(echo "$line" | sed 's/.* p99_ms=\([0-9.]*\).*/\1/') "
  done
done
[ "$(ss -Htn state established "( sport = :$dashboard_port )" | wc -l)" -ge 1 ] || { log "the page disconnected during the run"; exit 1; }

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
{
  echo "dashboard load: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS interleaved rounds, $(nproc) cores"
  echo "before: $uptime_before"
  echo "after:  $(uptime)"
  echo "chromium CPU during all rounds: $(( $(chromium_cpu) - chromium_before )) s (of $ROUNDS x $DURATION with the page measured)"
  for name in off on page; do
    echo "$name rps: ${rps[$name]}(median $(echo "${rps[$name]}" | median))  p99_ms: ${p99[$name]}(median $(echo "${p99[$name]}" | median))"
  done
} | tee "$results"
