#!/usr/bin/env bash
# WireMock scenario state under concurrent polls (not run by CI; about 2-4 minutes).
#
# Exports one export's lifecycle (10 "In progress" steps, then "Success!") with the fake's WireMock
# mapping export and, round after round, lets 8 clients poll it at the same time until each has seen
# the success: against the fake itself, WireMock.Net 2.21.0 (in-process, its dialect) and stock
# WireMock 3.13.2 (Java, the wiremock-org dialect in its mappings/ folder). A server that keeps the
# lifecycle answers every step exactly once per round. The jar comes from tests/interop-tools (npm ci
# into a temporary folder, as the tests do); without java the Java row is left out.
#
# Usage: tests/MyTracker.Benchmarks/load/run-scenario-race.sh [rounds] [pollers] [steps]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
rounds=${1:-200}
pollers=${2:-8}
steps=${3:-10}

tools=$(mktemp -d "${TMPDIR:-/tmp}/mytracker-race-tools.XXXXXX")
trap 'rm -rf "$tools"' EXIT
jar_args=()
if command -v java >/dev/null 2>&1; then
  cp "$root/tests/interop-tools/package.json" "$root/tests/interop-tools/package-lock.json" "$tools/"
  (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  jar_args=(--wiremock-jar "$tools/node_modules/wiremock/build/wiremock-standalone-3.13.2.jar")
else
  echo "java not found: the stock WireMock (Java) row is left out" >&2
fi

dotnet build -c Release "$root/tests/MyTracker.Benchmarks" -nologo -v:q >/dev/null
dotnet "$root/tests/MyTracker.Benchmarks/bin/Release/net10.0/MyTracker.Benchmarks.dll" scenario-race \
  --rounds "$rounds" --pollers "$pollers" --steps "$steps" "${jar_args[@]}"
