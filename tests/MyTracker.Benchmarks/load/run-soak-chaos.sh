#!/usr/bin/env bash
# The long versions of the CI chaos and soak tests (not run by CI; tens of minutes).
#
# The same tests as CI runs (tests/MyTracker.IntegrationTests, Chaos/ and Soak/), scaled through
# environment variables:
#   soak:  SOAK_REQUESTS (1,000,000) mixed requests against one fake with the default journal
#          (10,000 entries) after SOAK_WARMUP (100,000); managed heap and RSS at the end must be
#          within 10% of after warm-up (RSS asserted here, only recorded in CI).
#   chaos: CHAOS_SEEDS (50) seeds of CHAOS_FILES (200) files x CHAOS_ROWS (50) rows under
#          random faults, CANCEL_SEEDS (20) seeds of CANCEL_ROUNDS (20) seeded cancellations,
#          QUICKSTART_SEEDS (8) seeds of the README's quick start on the defaults' real waits,
#          TRANSFER_SEEDS (10) seeds of bytes received per file byte with and without Range.
#          CHAOS_DEFAULT_WAITS=1 runs the main chaos seeds on the defaults' waits too (slow).
# Every run is bounded: each test by its own deadline (DEADLINE_SECONDS), the whole by `timeout`.
#
# Usage: tests/MyTracker.Benchmarks/load/run-soak-chaos.sh [soak|chaos|all] [results file]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
what=${1:-all}
results=${2:-"${TMPDIR:-/tmp}/mytracker-soak-chaos.txt"}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

project="$root/tests/MyTracker.IntegrationTests"
report=$(mktemp)
trap 'rm -f "$report"' EXIT

echo "building (Release)" >&2
dotnet build -c Release "$project" -v q -nologo >/dev/null

run() {
  local filter=$1
  timeout "${TOTAL_TIMEOUT:-7200}" dotnet test "$project" -c Release --no-build \
    --filter "$filter" --logger "console;verbosity=detailed" 2>&1 | tee -a "$report.log" \
    | grep -E '^\s*(seed|soak:|ranges)|^\s*(Passed|Failed):|^\s*Failed |Test Run' || true
}

: >"$report.log"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, .NET $(dotnet --version); uptime before: $(uptime)"
} | tee "$results"

if [ "$what" = soak ] || [ "$what" = all ]; then
  echo "soak: MYTRACKER_SOAK_REQUESTS=${SOAK_REQUESTS:-1000000} MYTRACKER_SOAK_WARMUP=${SOAK_WARMUP:-100000} MYTRACKER_SOAK_JOURNAL=10000 MYTRACKER_SOAK_ASSERT_RSS=1" | tee -a "$results"
  MYTRACKER_SOAK_REQUESTS=${SOAK_REQUESTS:-1000000} \
  MYTRACKER_SOAK_WARMUP=${SOAK_WARMUP:-100000} \
  MYTRACKER_SOAK_JOURNAL=10000 \
  MYTRACKER_SOAK_ASSERT_RSS=1 \
  MYTRACKER_SOAK_REPORT="$report" \
  MYTRACKER_SOAK_DEADLINE_SECONDS=${DEADLINE_SECONDS:-3600} \
    run "FullyQualifiedName~Soak" | tee -a "$results"
fi

if [ "$what" = chaos ] || [ "$what" = all ]; then
  echo "chaos: MYTRACKER_CHAOS_SEEDS=${CHAOS_SEEDS:-50} MYTRACKER_CHAOS_FILES=${CHAOS_FILES:-200} MYTRACKER_CHAOS_ROWS=${CHAOS_ROWS:-50} MYTRACKER_CHAOS_CANCEL_SEEDS=${CANCEL_SEEDS:-20} MYTRACKER_CHAOS_CANCEL_ROUNDS=${CANCEL_ROUNDS:-20} MYTRACKER_CHAOS_QUICKSTART_SEEDS=${QUICKSTART_SEEDS:-8} MYTRACKER_CHAOS_TRANSFER_SEEDS=${TRANSFER_SEEDS:-10}" | tee -a "$results"
  MYTRACKER_CHAOS_SEEDS=${CHAOS_SEEDS:-50} \
  MYTRACKER_CHAOS_FILES=${CHAOS_FILES:-200} \
  MYTRACKER_CHAOS_ROWS=${CHAOS_ROWS:-50} \
  MYTRACKER_CHAOS_CANCEL_SEEDS=${CANCEL_SEEDS:-20} \
  MYTRACKER_CHAOS_CANCEL_ROUNDS=${CANCEL_ROUNDS:-20} \
  MYTRACKER_CHAOS_QUICKSTART_SEEDS=${QUICKSTART_SEEDS:-8} \
  MYTRACKER_CHAOS_TRANSFER_SEEDS=${TRANSFER_SEEDS:-10} \
  MYTRACKER_CHAOS_DEFAULT_WAITS=${CHAOS_DEFAULT_WAITS:-0} \
  MYTRACKER_CHAOS_DEADLINE_SECONDS=${DEADLINE_SECONDS:-600} \
    run "FullyQualifiedName~Chaos" | tee -a "$results"
fi

echo "uptime after: $(uptime)" | tee -a "$results"
# The test runs' verdicts decide the exit code (a run that printed no verdict, e.g. killed by
# timeout, fails too).
rc=0
grep -q 'Test Run Failed' "$report.log" && rc=1
grep -q 'Test Run Successful' "$report.log" || rc=1
rm -f "$report.log"
exit $rc
