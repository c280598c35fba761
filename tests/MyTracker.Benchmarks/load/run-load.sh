#!/usr/bin/env bash
# Load benchmark of the fake tracker's get.json (not run by CI; takes a few minutes).
#
# One target at a time on 127.0.0.1, each warmed up, then measured with
#   wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s check.lua <url>
# where check.lua counts every answer whose status or bytes differ from the expected ones.
# Targets: the full fake (signature verified, state kept), bare Kestrel returning the same bytes,
# raw WireMock.Net with an equivalent static mapping and its log off, and, unless PEERS=0, the mock
# servers users pick instead, installed from npm into a temporary folder (skipped when that fails):
# WireMock Java (wiremock@3.13.2), Prism (@stoplight/prism-cli@5.16.0), Mockoon (@mockoon/cli@9.9.0).
# Then the startup time of the in-process fake against raw WireMockServer.Start.
#
# Usage: tests/MyTracker.Benchmarks/load/run-load.sh [results file]
# Knobs: THREADS=2 CONNECTIONS=32 DURATION=10s WARMUP=5s WARMUP_JAVA=20s PEERS=1 PORT_BASE=18480
#        STARTUP_ROUNDS=100 NPM_PEERS_DIR (reuse an earlier npm install instead of a temporary one)
#        FAKE_JOURNAL_CAPACITY (the fake's journal size; default: the users' default, 10,000)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
results=${1:-"${TMPDIR:-/tmp}/mytracker-load.txt"}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
WARMUP_JAVA=${WARMUP_JAVA:-20s}
PEERS=${PEERS:-1}
PORT_BASE=${PORT_BASE:-18480}
STARTUP_ROUNDS=${STARTUP_ROUNDS:-100}
MAX_SERVER_SECONDS=1800   # every server stops by itself after this, even if this script dies
PATH_AND_QUERY="/api/segment/v1/export/get.json?idSegmentExport=1"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Every .NET target runs with the same GC (server, as ASP.NET Core apps default to).
export DOTNET_gcServer=1

work=$(mktemp -d)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    # The whole tree this script started: npm launchers run node, which may run java.
    local tree
    tree=$(descendants "$server_pid")
    kill $tree 2>/dev/null || true
    # Bounded wait, then force.
    for _ in $(seq 1 50); do kill -0 $tree 2>/dev/null || break; sleep 0.1; done
    kill -9 $tree 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
descendants() { echo "$1"; for child in $(pgrep -P "$1" || true); do descendants "$child"; done; }
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  apt-get update -qq
  apt-get install -y -qq wrk >/dev/null
fi

uptime_before=$(uptime)
log "building (Release)"
dotnet build -c Release "$root/tests/MyTracker.Benchmarks" -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build -c Release "$here/KestrelBaseline" -v q -nologo >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build -c Release "$here/RawWireMock" -v q -nologo >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
bench_dll="$root/tests/MyTracker.Benchmarks/bin/Release/net10.0/MyTracker.Benchmarks.dll"
kestrel_dll="$here/KestrelBaseline/bin/Release/net10.0/KestrelBaseline.dll"
rawwm_dll="$here/RawWireMock/bin/Release/net10.0/RawWireMock.dll"

# start_server NAME READY_PATTERN COMMAND...: starts one server in the background and waits (60 s at most) for its ready line.
start_server() {
  local name=$1 pattern=$2
  shift 2
  "$@" >"$work/$name.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    if grep -q -- "$pattern" "$work/$name.log" 2>/dev/null; then return 0; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  log "$name did not start:"; tail -20 "$work/$name.log" >&2
  stop_server
  return 1
}

# wait_http URL: until the URL answers at all (60 s at most); for servers whose ready line is unreliable.
wait_http() {
  for _ in $(seq 1 600); do
    if curl -s -o /dev/null --max-time 1 "$1"; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# CPU time (user + system) of a server and its children, in clock ticks: CPU per request is far
# less sensitive to other work on the box than requests per second.
clk_tck=$(getconf CLK_TCK)
tree_ticks() {
  local total=0 p
  for p in $(descendants "$1"); do
    [ -r "/proc/$p/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}

declare -A RPS P50 P99 WRONG ERRORS NOTE CPU
order=()
gc_report=""

# The newest "GC gen0=.. pause_ms=.. allocated=.." line a server printed (only serve-fake prints them, once a second).
last_gc_line() { grep '^GC ' "$work/$1.log" 2>/dev/null | tail -1 || true; }

# measure NAME PORT AUTH [WARMUP]: fetches the expected answer once, warms up, measures, records.
measure() {
  local name=$1 port=$2 auth=$3 warmup=${4:-$WARMUP}
  local url="http://127.0.0.1:${port}${PATH_AND_QUERY}"
  local status
  # Some servers answer before they are fully up (WireMock Java's first answers may be 500s).
  for _ in $(seq 1 20); do
    status=$(curl -s -o "$work/$name.body" -w '%{http_code}' -H "Authorization: $auth" "$url")
    [ "$status" = "200" ] && break
    sleep 0.5
  done
  if [ "$status" != "200" ]; then
    log "$name answered $status to the first request; skipped"; NOTE[$name]="skipped: answered $status"; order+=("$name"); return 0
  fi
  if ! python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])) else 1)' "$work/fake.body" "$work/$name.body"; then
    NOTE[$name]="answer is not JSON-equal to the fake's"
  fi
  AUTH="$auth" EXPECT_BODY="$work/$name.body" EXPECT_STATUS=200 \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$warmup" -s "$here/check.lua" "$url" >/dev/null 2>&1 || true
  log "$name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s check.lua $url"
  local ticks_before ticks_after line
  local gc_before gc_after
  gc_before=$(last_gc_line "$name")
  ticks_before=$(tree_ticks "$server_pid")
  AUTH="$auth" EXPECT_BODY="$work/$name.body" EXPECT_STATUS=200 \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$here/check.lua" "$url" >"$work/$name.wrk" 2>&1
  ticks_after=$(tree_ticks "$server_pid")
  line=$(grep '^RESULT' "$work/$name.wrk")
  local requests
  requests=$(sed -E 's/.*RESULT requests=([0-9]+).*/\1/' <<<"$line")
  CPU[$name]=$(python3 -c "print(f'{($ticks_after - $ticks_before) * 1e6 / $clk_tck / max($requests, 1):.1f}')")
  RPS[$name]=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
  P50[$name]=$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<<"$line")
  P99[$name]=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$line")
  WRONG[$name]=$(sed -E 's/.* wrong=([0-9]+).*/\1/' <<<"$line")
  ERRORS[$name]=$(sed -E 's/.* socket_errors=([0-9]+).*/\1/' <<<"$line")
  order+=("$name")
  log "$name: $line cpu_us_per_request=${CPU[$name]}"
  if [ -n "$gc_before" ]; then
    # The next line once a second has passed: it covers the whole measured window (plus under a second of idling).
    sleep 1.2
    gc_after=$(last_gc_line "$name")
    gc_report=$(python3 - "$gc_before" "$gc_after" "$requests" "$DURATION" "$name" <<'PY'
import re, sys
before, after = (dict((k, float(v)) for k, v in re.findall(r"(\w+)=([0-9.]+)", line)) for line in sys.argv[1:3])
d = {k: after[k] - before[k] for k in before}
requests, seconds, name = int(sys.argv[3]), float(sys.argv[4].rstrip("s")), sys.argv[5]
print(f"{name} GC during the measured run: gen0={d['gen0']:.0f} gen1={d['gen1']:.0f} gen2={d['gen2']:.0f} "
      f"pauses={d['pause_ms']:.0f} ms ({d['pause_ms'] / (seconds * 10):.1f}% of the run), allocated={d['allocated'] / max(requests, 1):.0f} B/request")
PY
)
    log "$gc_report"
  fi
}

# 1. The full fake: learn its URL, header and answer.
fake_port=$((PORT_BASE + 1))
start_server fake READY dotnet "$bench_dll" serve-fake "$fake_port" "$MAX_SERVER_SECONDS"
auth=$(sed -n 's/^AUTH //p' "$work/fake.log")
curl -s -o "$work/fake.body" -H "Authorization: $auth" "http://127.0.0.1:${fake_port}${PATH_AND_QUERY}"
measure fake "$fake_port" "$auth"
# A wrong signature must still be refused under load (the fake is not just replaying bytes).
refused=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: ${auth%%:*}:AAAAAAAAAAAAAAAAAAAAAAAAAAA=" "http://127.0.0.1:${fake_port}${PATH_AND_QUERY}")
stop_server

# 2. Bare Kestrel with the same bytes.
kestrel_port=$((PORT_BASE + 2))
start_server kestrel READY dotnet "$kestrel_dll" "$kestrel_port" "$work/fake.body" "$MAX_SERVER_SECONDS"
measure kestrel "$kestrel_port" "$auth"
stop_server

# 3. Raw WireMock.Net, static mapping, log off.
rawwm_port=$((PORT_BASE + 3))
start_server wiremock-net READY dotnet "$rawwm_dll" "$rawwm_port" "$work/fake.body" "$MAX_SERVER_SECONDS"
measure wiremock-net "$rawwm_port" "$auth"
stop_server

# 4. Peers from npm, each skipped cleanly when it cannot be installed or started.
if [ "$PEERS" = "1" ]; then
  # NPM_PEERS_DIR reuses an earlier install (e.g. between runs); by default a fresh temporary one.
  npm_dir=${NPM_PEERS_DIR:-"$work/npm"}
  mkdir -p "$npm_dir"
  npm_install() {
    [ -e "$npm_dir/node_modules/${1%@*}/package.json" ] && return 0
    timeout 600 npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error "$1" >>"$work/npm.log" 2>&1
  }

  # WireMock Java: the same static mapping, request journal off.
  if npm_install wiremock@3.13.2 && [ -x "$npm_dir/node_modules/.bin/wiremock" ] && command -v java >/dev/null 2>&1; then
    wm_root="$work/wiremock-java"
    mkdir -p "$wm_root/mappings" "$wm_root/__files"
    cp "$work/fake.body" "$wm_root/__files/get.json"
    cat >"$wm_root/mappings/get.json" <<'JSON'
{ "request": { "method": "GET", "urlPath": "/api/segment/v1/export/get.json",
    "queryParameters": { "idSegmentExport": { "equalTo": "1" } },
    "headers": { "Authorization": { "matches": "AuthHMAC .*" } } },
  "response": { "status": 200, "headers": { "Content-Type": "application/json; charset=utf-8" }, "bodyFileName": "get.json" } }
JSON
    wmj_port=$((PORT_BASE + 4))
    "$npm_dir/node_modules/.bin/wiremock" --port "$wmj_port" --bind-address 127.0.0.1 --no-request-journal \
      --disable-banner --root-dir "$wm_root" >"$work/wiremock-java.log" 2>&1 &
    server_pid=$!
    if wait_http "http://127.0.0.1:${wmj_port}/__admin/mappings"; then
      # The JVM compiles its hot paths later than .NET does: a longer warm-up, or it is measured interpreted.
      measure wiremock-java "$wmj_port" "$auth" "$WARMUP_JAVA"
    else
      log "wiremock-java did not start; skipped"; NOTE[wiremock-java]="skipped: did not start"; order+=(wiremock-java)
    fi
    stop_server
  else
    log "wiremock@3.13.2 could not be installed (or no java); skipped"; NOTE[wiremock-java]="skipped: install failed"; order+=(wiremock-java)
  fi

  # Prism: an OpenAPI document whose example is the fake's answer.
  if npm_install @stoplight/prism-cli@5.16.0; then
    python3 - "$work/fake.body" "$work/prism.json" <<'PY'
import json, sys
body = json.load(open(sys.argv[1]))
spec = {"openapi": "3.0.3", "info": {"title": "get.json", "version": "1"},
        "paths": {"/api/segment/v1/export/get.json": {"get": {
            "parameters": [{"name": "idSegmentExport", "in": "query", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"example": body}}}}}}}}
json.dump(spec, open(sys.argv[2], "w"))
PY
    prism_port=$((PORT_BASE + 5))
    "$npm_dir/node_modules/.bin/prism" mock -h 127.0.0.1 -p "$prism_port" -v error "$work/prism.json" >"$work/prism.log" 2>&1 &
    server_pid=$!
    if wait_http "http://127.0.0.1:${prism_port}${PATH_AND_QUERY}"; then
      measure prism "$prism_port" "$auth"
    else
      log "prism did not start; skipped"; NOTE[prism]="skipped: did not start"; order+=(prism)
    fi
    stop_server
  else
    log "@stoplight/prism-cli@5.16.0 could not be installed; skipped"; NOTE[prism]="skipped: install failed"; order+=(prism)
  fi

  # Mockoon: an environment with one route answering the fake's bytes.
  if npm_install @mockoon/cli@9.9.0; then
    mockoon_port=$((PORT_BASE + 6))
    python3 - "$work/fake.body" "$work/mockoon.json" "$mockoon_port" <<'PY'
import json, sys, uuid
body = open(sys.argv[1], encoding="utf-8").read()
u = lambda: str(uuid.uuid4())
route = u()
env = {
  "uuid": u(), "lastMigration": 32, "name": "get.json", "endpointPrefix": "", "latency": 0,
  "port": int(sys.argv[3]), "hostname": "127.0.0.1", "folders": [], "rootChildren": [{"type": "route", "uuid": route}],
  "proxyMode": False, "proxyHost": "", "proxyRemovePrefix": False, "tlsOptions": {"enabled": False, "type": "CERT", "pfxPath": "", "certPath": "", "keyPath": "", "caPath": "", "passphrase": ""},
  "cors": False, "headers": [], "proxyReqHeaders": [], "proxyResHeaders": [], "data": [], "callbacks": [],
  "routes": [{
    "uuid": route, "type": "http", "documentation": "", "method": "get", "endpoint": "api/segment/v1/export/get.json",
    "responses": [{
      "uuid": u(), "body": body, "latency": 0, "statusCode": 200, "label": "", "headers": [{"key": "Content-Type", "value": "application/json; charset=utf-8"}],
      "bodyType": "INLINE", "filePath": "", "databucketID": "", "sendFileAsBody": False, "rules": [], "rulesOperator": "OR",
      "disableTemplating": True, "fallbackTo404": False, "default": True, "crudKey": "id", "callbacks": []}],
    "responseMode": None, "streamingMode": None, "streamingInterval": 0}]}
json.dump(env, open(sys.argv[2], "w"))
PY
    "$npm_dir/node_modules/.bin/mockoon-cli" start --data "$work/mockoon.json" --port "$mockoon_port" --hostname 127.0.0.1 --disable-log-to-file --disable-admin-api >"$work/mockoon.log" 2>&1 &
    server_pid=$!
    if wait_http "http://127.0.0.1:${mockoon_port}${PATH_AND_QUERY}"; then
      measure mockoon "$mockoon_port" "$auth"
    else
      log "mockoon did not start; skipped"; tail -5 "$work/mockoon.log" >&2; NOTE[mockoon]="skipped: did not start"; order+=(mockoon)
    fi
    stop_server
  else
    log "@mockoon/cli@9.9.0 could not be installed; skipped"; NOTE[mockoon]="skipped: install failed"; order+=(mockoon)
  fi
fi

# 5. Startup: in-process fake vs raw WireMockServer.Start (alternating, medians).
log "startup: $STARTUP_ROUNDS rounds each"
startup=$(dotnet "$bench_dll" startup "$STARTUP_ROUNDS" | grep '^STARTUP')

# Report.
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(uname -sr), .NET $(dotnet --version)"
  echo "uptime before: $uptime_before"
  echo "command: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s check.lua http://127.0.0.1:<port>$PATH_AND_QUERY (after a $WARMUP warm-up; $WARMUP_JAVA for WireMock Java)"
  printf '%-14s %10s %9s %9s %9s %11s %7s %7s  %s\n' target req/s xKestrel p50_ms p99_ms cpu_us/req wrong sockerr note
  k=${RPS[kestrel]:-0}
  for name in "${order[@]}"; do
    r=${RPS[$name]:-}
    if [ -n "$r" ] && [ "$k" != "0" ]; then ratio=$(python3 -c "print(f'{$r/$k:.2f}')"); else ratio=-; fi
    printf '%-14s %10s %9s %9s %9s %11s %7s %7s  %s\n' "$name" "${r:--}" "$ratio" "${P50[$name]:--}" "${P99[$name]:--}" "${CPU[$name]:--}" "${WRONG[$name]:--}" "${ERRORS[$name]:--}" "${NOTE[$name]:-}"
  done
  echo "fake refuses a wrong signature under the same setup: HTTP $refused"
  [ -z "$gc_report" ] || echo "$gc_report"
  echo "$startup"
  echo "uptime after: $(uptime)"
} | tee "$results"
